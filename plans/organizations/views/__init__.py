"""The pages of the organizations domain: an organization, the person's own settings, passwords."""
