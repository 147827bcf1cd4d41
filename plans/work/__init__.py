"""The work spine: the kinds of work item (``kinds``) and the one service that opens, updates,
ends, closes and reopens items for any of them (``services``)."""
