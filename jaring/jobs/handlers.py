"""The tasks apps register for the worker, and what a task may say back.

An app defines its tasks in its own `tasks.py` with `@job_handler("app.name")`; this app finds
them at start-up and knows nothing else about them. A task receives a `JobContext` and returns a
`JobOutcome`, raises `JobNeedsInput` to pause for a person, or `JobRefused` for a clear failure
(a file that cannot be read). `@after_job("app.name")` lets a downstream app act when another
app's job is done (linking after an import) without the upstream app knowing.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    # The user model AUTH_USER_MODEL names, as django-stubs resolves it: jobs knows no app's models.
    from django.contrib.auth.models import _User

    from jaring.jobs.models import Job

Handler = Callable[["JobContext"], "JobOutcome"]
Follower = Callable[["Job"], None]

HANDLERS: dict[str, Handler] = {}
FOLLOWERS: dict[str, list[Follower]] = {}


@dataclass
class JobContext:
    job_id: int
    kind: str
    title: str
    input: dict[str, Any]
    input_file: bytes
    actor: "_User | None"  # the user who started the job
    scope_region: str
    scope_opd: int | None
    progress: Callable[[int, str], None]


@dataclass
class JobOutcome:
    result: dict[str, Any] = field(default_factory=dict)
    done_url: str = ""
    message: str = ""  # shown once to the person when they reach the result page


class JobNeedsInput(Exception):
    """The task waits for a person: the job pauses until `job_resume` gives it `input`."""

    def __init__(self, *, stage: str, wait_url: str, input: dict[str, Any]):
        super().__init__(stage)
        self.stage, self.wait_url, self.input = stage, wait_url, input


class JobRefused(Exception):
    """The task cannot do what was asked, for a reason the person can act on."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code, self.message = code, message


def job_handler(kind: str) -> Callable[[Handler], Handler]:
    """Register the decorated function as the task run for jobs of `kind`."""

    def register(function: Handler) -> Handler:
        if kind in HANDLERS and HANDLERS[kind] is not function:
            raise RuntimeError(f"Two tasks registered for job kind {kind!r}.")
        HANDLERS[kind] = function
        return function

    return register


def after_job(kind: str) -> Callable[[Follower], Follower]:
    """Register the decorated function(job) to run after a job of `kind` is done."""

    def register(function: Follower) -> Follower:
        if function not in FOLLOWERS.setdefault(kind, []):
            FOLLOWERS[kind].append(function)
        return function

    return register
