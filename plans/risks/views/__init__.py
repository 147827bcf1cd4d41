"""The pages of the risks domain: the context of a year and the register of risks."""
