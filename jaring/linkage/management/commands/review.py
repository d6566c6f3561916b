import json

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from jaring.commands import action_parsers, add_action
from jaring.linkage.evidence import explain
from jaring.linkage.models import MatchPair
from jaring.linkage.services import review_decide


class Command(BaseCommand):
    help = "The review queue of pairs that may be the same person."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = action_parsers(parser)
        listing = add_action(
            actions,
            "list",
            "Pairs waiting for a decision, most likely first.",
            json_help="Print a JSON array of pairs with their evidence.",
        )
        listing.add_argument("--region", help="Only this region and what lies below it.")
        listing.add_argument("--limit", type=int, default=50, help="At most this many pairs (default 50).")
        decide = add_action(
            actions,
            "decide",
            "Decide one pair: same person or different people.",
            json_help="Print the decided pair as JSON.",
        )
        decide.add_argument("pair", type=int, metavar="PAIR_ID")
        decide.add_argument("decision", choices=["same", "different"])

    def handle(self, *args, action: str, **options) -> None:
        if action == "list":
            self._list(options)
        else:
            self._decide(options)

    def _list(self, options) -> None:
        pairs = MatchPair.objects.filter(decision=MatchPair.Decision.REVIEW).select_related("record_l", "record_r")
        if options["region"]:
            pairs = pairs.filter(region__code__startswith=options["region"])
        pairs = list(pairs.order_by("-probability", "id")[: options["limit"]])
        if options["json"]:
            self.stdout.write(
                json.dumps(
                    [
                        {
                            "pair_id": pair.pk,
                            "probability": round(pair.probability, 4),
                            "left": {
                                "record_id": pair.record_l_id,
                                "name": pair.record_l.name,
                                "nik": pair.record_l.nik,
                            },
                            "right": {
                                "record_id": pair.record_r_id,
                                "name": pair.record_r.name,
                                "nik": pair.record_r.nik,
                            },
                            "evidence": [line["text"] for line in explain(pair.evidence)],
                        }
                        for pair in pairs
                    ],
                    ensure_ascii=False,
                )
            )
            return
        for pair in pairs:
            self.stdout.write(f"#{pair.pk} {pair.probability:.0%}: {pair.record_l.name} ~ {pair.record_r.name}")
            for line in explain(pair.evidence):
                self.stdout.write(f"    {line['text']}")
        if not pairs:
            self.stdout.write("Tidak ada pasangan yang menunggu pemeriksaan.")

    def _decide(self, options) -> None:
        pair = MatchPair.objects.select_related("region").filter(pk=options["pair"]).first()
        if pair is None:
            raise CommandError(f"Pasangan #{options['pair']} tidak ada.")
        try:
            review_decide(actor=None, pair=pair, same=options["decision"] == "same")
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        if options["json"]:
            self.stdout.write(json.dumps({"pair_id": pair.pk, "decision": pair.decision}))
        else:
            self.stdout.write(f"Pasangan #{pair.pk}: {pair.get_decision_display()}.")
