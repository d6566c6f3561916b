import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from jaring.accounts.models import User
from jaring.accounts.roles import Role
from jaring.accounts.selectors import opd_by_code, opd_missing_text
from jaring.accounts.services import password_generate, user_create, user_password_reset, user_set_active
from jaring.lib.cli import action_parsers, add_action, read_rows
from jaring.regions.cli import option_region
from jaring.regions.models import Region

ROLE_NAMES = {role.value: role for role in Role} | {
    "operator": Role.OPD_OPERATOR,
    "admin": Role.DISNAKER_ADMIN,
    "disnaker": Role.DISNAKER_ADMIN,
    "bpjs": Role.BPJS_OFFICER,
    "pimpinan": Role.VIEWER,
    "viewer": Role.VIEWER,
}


class Command(BaseCommand):
    help = "Accounts of a region: operators of OPDs, Disnaker administrators, BPJS officers, leadership."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = action_parsers(parser)
        add = add_action(
            actions,
            "add",
            "Create one account (USERNAME --role ...) or every row of a spreadsheet (--file with columns "
            "Username, Nama, Peran, OPD, Email). Each gets a password shown once, to be changed at the first sign-in.",
            json_help="Print the accounts with their one-time passwords as a JSON array.",
        )
        add.add_argument("username", nargs="?", metavar="USERNAME")
        add.add_argument(
            "--role", choices=sorted(ROLE_NAMES), help="opd_operator, disnaker_admin, bpjs_officer, viewer."
        )
        add.add_argument("--opd", help="The OPD code, for an operator (see `jaring opd list`).")
        add.add_argument("--name", default="", help="Full name.")
        add.add_argument("--email", default="")
        add.add_argument("--file", metavar="FILE", help="xlsx/csv of accounts, one per row.")
        add.add_argument("--region", help="Kabupaten/kota code (default: $DEFAULT_REGION_CODE).")
        listing = add_action(actions, "list", "The region's accounts.", json_help="Print a JSON array.")
        listing.add_argument("--region", help="Kabupaten/kota code (default: $DEFAULT_REGION_CODE).")
        for verb, about in (
            ("deactivate", "Deactivate an account: it keeps its history and can no longer sign in."),
            ("activate", "Activate a deactivated account again."),
            ("reset-password", "Give an account a new one-time password (printed once)."),
        ):
            action = add_action(actions, verb, about, json_help="Print the result as JSON.")
            action.add_argument("username", metavar="USERNAME")

    def handle(self, *args: Any, action: str, **options: Any) -> None:
        if action == "list":
            self._list(option_region(options["region"]), options)
        elif action == "add":
            self._add(option_region(options["region"]), options)
        else:
            self._change(action, options)

    def _list(self, region: Region, options: dict[str, Any]) -> None:
        users = User.objects.filter(region=region).select_related("opd").prefetch_related("groups").order_by("username")
        if options["json"]:
            self.stdout.write(json.dumps([_as_dict(user) for user in users], ensure_ascii=False))
            return
        for user in users:
            state = "" if user.is_active else " (nonaktif)"
            role = user.role.value if user.role else "-"
            opd = user.opd.code if user.opd else ""
            self.stdout.write(f"{user.username:<24} {role:<16} {opd:<12} {user.get_full_name()}{state}")

    def _add(self, region: Region, options: dict[str, Any]) -> None:
        rows: Sequence[tuple[int | None, dict[str, str | None]]]
        if options["file"]:
            path = Path(options["file"])
            if not path.exists():
                raise CommandError(f"Berkas {path} tidak ada.")
            rows = read_rows(
                path,
                columns={
                    "username": ("username", "nama pengguna", "akun"),
                    "name": ("nama", "nama lengkap", "name", "full name"),
                    "role": ("peran", "role"),
                    "opd": ("opd", "kode opd"),
                    "email": ("email", "surel"),
                },
                required=("username", "role"),
            )
        else:
            if not options["username"] or not options["role"]:
                raise CommandError("Sebutkan USERNAME dan --role, atau --file berisi kolom Username dan Peran.")
            rows = [(None, {k: options[k] for k in ("username", "role", "opd", "email")} | {"name": options["name"]})]
        created = []
        # All or nothing, like `jaring opd add --file`: one bad row creates no account.
        with transaction.atomic():
            for number, row in rows:
                where = f"baris {number}: " if number else ""
                role = ROLE_NAMES.get((row["role"] or "").strip().lower())
                if role is None:
                    raise CommandError(
                        f"{where}peran {row['role']!r} tidak dikenal; pilih {', '.join(r.value for r in Role)}."
                    )
                opd = None
                opd_code = row.get("opd")
                if opd_code:
                    opd = opd_by_code(region=region, code=opd_code)
                    if opd is None:
                        raise CommandError(f"{where}{opd_missing_text(region=region, code=opd_code)}")
                password = password_generate()
                try:
                    user = user_create(
                        actor=None,
                        username=row["username"] or "",
                        password=password,
                        role=role,
                        region=region,
                        opd=opd,
                        full_name=row.get("name") or "",
                        email=row.get("email") or "",
                        must_change_password=True,
                    )
                except ValidationError as exc:
                    raise CommandError(f"{where}{' '.join(exc.messages)} Tidak ada akun yang dibuat.") from exc
                created.append((user, password))
        if options["json"]:
            self.stdout.write(
                json.dumps([_as_dict(user) | {"password": password} for user, password in created], ensure_ascii=False)
            )
            return
        for user, password in created:
            self.stdout.write(f"{user.username}: kata sandi sekali pakai {password} (diganti saat pertama masuk)")

    def _change(self, action: str, options: dict[str, Any]) -> None:
        user = User.objects.filter(username__iexact=options["username"].strip()).first()
        if user is None:
            raise CommandError(f"Akun {options['username']} tidak ada.")
        result: dict[str, str | bool] = {"username": user.username}
        if action == "reset-password":
            result["password"] = user_password_reset(actor=None, user=user)
            text = f"{user.username}: kata sandi sekali pakai {result['password']} (diganti saat pertama masuk)"
        else:
            user_set_active(actor=None, user=user, active=action == "activate")
            result["active"] = user.is_active
            text = f"{user.username}: {'aktif' if user.is_active else 'nonaktif'}"
        self.stdout.write(json.dumps(result) if options["json"] else text)


def _as_dict(user: User) -> dict[str, Any]:
    return {
        "id": user.pk,
        "username": user.username,
        "name": user.get_full_name(),
        "role": user.role.value if user.role else None,
        "opd": user.opd.code if user.opd else None,
        "region": user.region_id,
        "active": user.is_active,
    }
