"""The steps that change a plan: its life from draft to closed (plan.py), its task table (task.py),
the task tables imported into it (task_import.py); year_shift.py moves the years in its texts when
it is copied to a new year."""
