import json

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from jaring.lib.cli import action_parsers, add_action
from jaring.regions.cli import option_region
from jaring.registry.models import Submission
from jaring.registry.services import submission_reject_linkage, submission_release_linkage


class Command(BaseCommand):
    help = "The lists submitted in a region; release or refuse a list the linkage holds."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = action_parsers(parser)
        listing = add_action(
            actions,
            "list",
            "The region's submitted lists, newest first, with their counts and state (held, refused, correction).",
            json_help="Print a JSON array of lists.",
        )
        listing.add_argument("--region", help="Kabupaten/kota code (default: $DEFAULT_REGION_CODE).")
        listing.add_argument("--held", action="store_true", help="Only the lists held for a decision.")
        listing.add_argument("--limit", type=int, default=50, help="At most this many lists (default 50).")
        release = add_action(
            actions,
            "release",
            "Let a held list be linked at the next run (it mostly repeats known persons, and that is right).",
            json_help="Print the list as JSON.",
        )
        release.add_argument("submission", type=int, metavar="ID")
        reject = add_action(
            actions,
            "reject",
            "Refuse a held list: its rows stay for the record, none is ever linked to a person.",
            json_help="Print the list as JSON.",
        )
        reject.add_argument("submission", type=int, metavar="ID")
        reject.add_argument("--reason", default="", help="Why, for the audit log (e.g. 'last year's list').")

    def handle(self, *args, action: str, **options) -> None:
        if action == "list":
            self._list(options)
            return
        submission = Submission.objects.select_related("region", "opd").filter(pk=options["submission"]).first()
        if submission is None:
            raise CommandError(f"Kiriman #{options['submission']} tidak ada.")
        try:
            if action == "release":
                submission_release_linkage(actor=None, submission=submission)
            else:
                submission_reject_linkage(actor=None, submission=submission, reason=options["reason"])
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        if options["json"]:
            self.stdout.write(json.dumps(_as_dict(submission), ensure_ascii=False))
        else:
            done = (
                "akan ditautkan pada penautan berikutnya"
                if action == "release"
                else "ditolak; barisnya disimpan, tidak ditautkan"
            )
            self.stdout.write(f"Kiriman #{submission.pk} {submission.file_name}: {done}.")

    def _list(self, options) -> None:
        region = option_region(options["region"])
        submissions = Submission.objects.filter(region=region).select_related("opd")
        if options["held"]:
            submissions = submissions.filter(
                linkage_held_share__isnull=False, linkage_released_at__isnull=True, linkage_rejected_at__isnull=True
            )
        shown = list(submissions[: options["limit"]])
        if options["json"]:
            self.stdout.write(json.dumps([_as_dict(item) for item in shown], ensure_ascii=False))
            return
        for item in shown:
            counts = item.counts
            self.stdout.write(
                f"#{item.pk:<6} {item.created_at:%d-%m-%Y} {item.source:<12} {item.file_name}: "
                f"{counts.get('rows', 0)} baris, "
                f"{counts.get('accepted', 0)} diterima, {counts.get('warnings', 0)} dengan catatan, "
                f"{counts.get('rejected', 0)} ditolak · {_state(item)}"
            )
        if not shown:
            self.stdout.write("Tidak ada kiriman.")


def _state(item: Submission) -> str:
    if item.linkage_held:
        return f"DITAHAN ({item.linkage_held_share:.0%} orang sudah dikenal)"
    if item.linkage_rejected:
        return "ditolak, tidak ditautkan"
    if item.corrects_id:
        return f"perbaikan kiriman #{item.corrects_id}"
    return "tersimpan"


def _as_dict(item: Submission) -> dict:
    counts = item.counts
    return {
        "id": item.pk,
        "file": item.file_name,
        "source": item.source,
        "created_at": item.created_at.isoformat(),
        "rows": counts.get("rows", 0),
        "accepted": counts.get("accepted", 0),
        "warnings": counts.get("warnings", 0),
        "rejected": counts.get("rejected", 0),
        "held": item.linkage_held,
        "held_share": item.linkage_held_share,
        "rejected_for_linkage": item.linkage_rejected,
        "corrects": item.corrects_id,
    }
