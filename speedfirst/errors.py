"""The one exception type users see for bad input."""

from __future__ import annotations

__all__ = ["InputError"]


class InputError(ValueError):
    """Bad input from a person: a time, distance, pace or plan choice.

    The message always names the offending value (or field) and says what is
    accepted instead, so a dashboard or CLI can show it verbatim.

    Parameters
    ----------
    message : str
        Human-readable explanation.
    field : str, optional
        Name of the input field the error belongs to (``"goal_time_s"``,
        ``"peak_weekly"`` ...); lets a user interface show the message beside
        the right control.
    """

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field
