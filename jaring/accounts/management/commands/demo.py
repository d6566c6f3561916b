import json
import os
import secrets

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from jaring.accounts.demo import DEMO_REGION_CODE, demo_setup
from jaring.lib.cli import action_parsers, add_action


class Command(BaseCommand):
    help = "The demo region: Kota Malang with one user per role."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = action_parsers(parser)
        about = (
            "Create the demo region's OPDs and one user per role (Kota Malang, 35.73) where missing; "
            "existing users and their passwords are left alone. Needs `jaring regions load` first."
        )
        setup = add_action(actions, "setup", about, json_help="Print the result as JSON.")
        setup.add_argument(
            "--password",
            default=os.environ.get("DEMO_PASSWORD"),
            help="Password for newly created demo users (default: $DEMO_PASSWORD, else a random one).",
        )

    def handle(self, *args, action: str, password: str | None, **options) -> None:
        password = password or secrets.token_urlsafe(9)
        try:
            users = demo_setup(password=password)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        if options["json"]:
            self.stdout.write(
                json.dumps(
                    {
                        "region": DEMO_REGION_CODE,
                        "users": [{"username": u.username, "role": u.role.value, "created": u.created} for u in users],
                    }
                )
            )
            return
        self.stdout.write(f"Wilayah demo: Kota Malang ({DEMO_REGION_CODE}). Pengguna demo:")
        for user in users:
            shown = password if user.created or os.environ.get("DEMO_PASSWORD") == password else "(tidak diubah)"
            self.stdout.write(f"  {user.username:<10} {user.role.label:<32} kata sandi: {shown}")
