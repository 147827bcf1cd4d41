from .nonconformity import CorrectiveAction, Nonconformity

__all__ = ["CorrectiveAction", "Nonconformity"]
