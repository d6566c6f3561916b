"""The one shape every validation problem takes, whichever rule found it."""

from dataclasses import dataclass
from enum import StrEnum

from jaring.core.intake.messages import LABELS


class Severity(StrEnum):
    ERROR = "error"  # the value cannot be used as it is
    WARNING = "warning"  # the value is used, but a person should look at it


@dataclass(frozen=True, slots=True)
class Issue:
    """A problem with a stable `code` (for counting and filtering) and an Indonesian `message`.

    The message is built from a template of `jaring.core.intake.messages`, which also renders it in English.
    """

    code: str
    severity: Severity
    message: str

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def to_dict(self) -> dict[str, str]:
        return {"code": self.code, "severity": self.severity.value, "message": self.message}


# Short Indonesian names of the issue codes, for counts on screens and in reports. The English ones,
# and the messages in both languages, are in `jaring.core.intake.messages` (`issue_label`, `issue_message`).
ISSUE_LABELS = {code: label.id for code, label in LABELS.items()}
