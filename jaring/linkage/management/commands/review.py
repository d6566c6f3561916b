import json

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from jaring.lib.cli import action_parsers, add_action
from jaring.linkage.models import MatchPair
from jaring.linkage.selectors import review_cards, review_queue
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
        pairs = MatchPair.objects.all()
        if options["region"]:
            pairs = pairs.filter(region__code__startswith=options["region"])
        cards = review_cards(pairs=review_queue(pairs=pairs)[: options["limit"]])
        if options["json"]:
            self.stdout.write(json.dumps([card.to_dict() for card in cards], ensure_ascii=False))
            return
        for card in cards:
            self.stdout.write(f"#{card.pair.pk} {card.pair.probability:.0%}: {card.left.name} ~ {card.right.name}")
            for line in card.evidence:
                self.stdout.write(f"    {line['text']}")
        if not cards:
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
