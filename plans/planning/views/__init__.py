"""The pages of the planning domain: the plan, its task table and the task imports."""
