"""The forms of the planning domain: the plan, a task, a task import."""
