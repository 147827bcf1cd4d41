"""The plan: its tasks, their timing and their work items."""
