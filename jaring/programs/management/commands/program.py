import json
from pathlib import Path
from typing import TYPE_CHECKING, TypedDict, cast

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from jaring.core.money import rupiah_text
from jaring.core.programs import reason_label
from jaring.lib.cli import action_parsers, add_action, option_rupiah
from jaring.lib.spreadsheets import FORMATS
from jaring.persons.selectors import person_get
from jaring.programs.exports import DUKCAPIL_LIST, PEOPLE_LISTS, program_dukcapil_file, program_people_file
from jaring.programs.models import FundingSource, Program
from jaring.programs.selectors import program_duplicates_warning, program_get, program_stage_counts, programs_for_region
from jaring.programs.services import (
    decision_set,
    funding_add,
    months_from_text,
    program_approve,
    program_close,
    program_create,
    program_eligibility,
    program_rules_update,
    program_select,
)
from jaring.programs.services.selection import program_rules
from jaring.regions.cli import option_region

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


class Command(BaseCommand):
    help = "Programs that pay for workers' cover: months, package and funding sources."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = action_parsers(parser)
        create = add_action(actions, "create", "Create a draft program.", json_help="Print the program as JSON.")
        create.add_argument("--name", required=True)
        create.add_argument("--year", type=int, required=True, help="Budget year.")
        create.add_argument("--from", dest="start", required=True, metavar="YYYY-MM", help="First month of cover.")
        create.add_argument("--months", type=int, required=True, help="Months of cover (part years are normal).")
        create.add_argument("--package", choices=Program.Package.values, default=Program.Package.JKK_JKM)
        create.add_argument("--kind", choices=Program.Kind.values, default=Program.Kind.YEARLY)
        create.add_argument("--target", type=int, help="Target number of workers.")
        create.add_argument("--region", help="Kabupaten/kota code (default: $DEFAULT_REGION_CODE).")
        listing = add_action(
            actions,
            "list",
            "The region's programs: months, status, funds and how many are eligible, selected, waiting and enrolled.",
            json_help="Print a JSON array, one object per program.",
        )
        listing.add_argument("--region", help="Kabupaten/kota code (default: $DEFAULT_REGION_CODE).")
        fund = add_action(actions, "fund", "Add a funding source to a draft program.", json_help="Print it as JSON.")
        fund.add_argument("program", type=int, metavar="ID")
        fund.add_argument("--kind", choices=FundingSource.Kind.values, required=True)
        fund.add_argument(
            "--amount", required=True, help="Whole rupiah: 30240000, 30.240.000 or Rp30.240.000 (no cents)."
        )
        fund.add_argument("--basis", default="", help="Legal basis, e.g. 'Perwal Malang 12/2026'.")
        fund.add_argument("--only", default="", help="Occupation categories it may pay for, comma-separated.")
        fund.add_argument("--sponsor", default="", help="The CSR sponsor's name.")
        show = add_action(actions, "show", "A program with its funding sources.", json_help="Print it as JSON.")
        show.add_argument("program", type=int, metavar="ID")
        rules = add_action(actions, "rules", "Set a draft program's eligibility rules.", json_help="Print it as JSON.")
        rules.add_argument("program", type=int, metavar="ID")
        rules.add_argument("--age", metavar="MIN-MAX", help="Age range on the first day of cover, e.g. 15-65.")
        rules.add_argument("--only", help="Occupation categories, comma-separated ('' for every occupation).")
        rules.add_argument(
            "--include-bpjs-active", action="store_true", help="Do not exclude who BPJS lists as active."
        )
        rules.add_argument("--desil", metavar="LOW-HIGH", help="DTSEN desil range, e.g. 1-4.")
        rules.add_argument(
            "--priority", help="Ranking keys in order: covered_last_year,desil,risk,age ('-' before a key reverses it)."
        )
        check = add_action(
            actions,
            "eligibility",
            "Judge every person by the program's rules: counts per reason (--save stores the results).",
            json_help="Print the counts as JSON.",
        )
        check.add_argument("program", type=int, metavar="ID")
        check.add_argument(
            "--save", action="store_true", help="Store the results (a draft only); without it, a preview."
        )
        decide = add_action(actions, "decide", "Include or exclude a person by hand.", json_help="Print it as JSON.")
        decide.add_argument("program", type=int, metavar="ID")
        decide.add_argument("--person", type=int, required=True, metavar="PERSON_ID")
        decide.add_argument("--include", action="store_true")
        decide.add_argument("--exclude", action="store_true")
        decide.add_argument("--reason", required=True)
        choose = add_action(
            actions,
            "select",
            "Select whole people within each fund's money, by priority; the rest wait in order. "
            "On an approved program: give money BPJS's rejections freed to the next on the waiting list.",
            json_help="Print the selection's counts as JSON.",
        )
        choose.add_argument("program", type=int, metavar="ID")
        approve = add_action(
            actions, "approve", "Approve a draft: freeze its selection into enrolments.", json_help="Print as JSON."
        )
        approve.add_argument("program", type=int, metavar="ID")
        close = add_action(actions, "close", "Close a program: active enrolments end.", json_help="Print as JSON.")
        close.add_argument("program", type=int, metavar="ID")
        export = add_action(
            actions,
            "export",
            "Write one of a program's lists to a file: the same file as the list's download on its page.",
            json_help="Print the count and the path as JSON.",
        )
        export.add_argument("program", type=int, metavar="ID")
        export.add_argument(
            "--list",
            required=True,
            metavar="LIST",
            help=f"Which list: {', '.join(PEOPLE_LISTS)}; or {DUKCAPIL_LIST}: every NIK the selected persons' "
            "rows give that Dukcapil has not answered yet, to send it.",
        )
        export.add_argument("--out", required=True, metavar="FILE.xlsx|.csv", help="Where to write it (xlsx or csv).")

    def handle(self, *args, action: str, **options) -> None:
        options["action"] = action
        if action == "list":
            return self._list(options)
        try:
            if action == "create":
                program = program_create(
                    actor=None,
                    region=option_region(options["region"]),
                    name=options["name"],
                    budget_year=options["year"],
                    cover=months_from_text(options["start"], options["months"]),
                    package=options["package"],
                    kind=options["kind"],
                    target_workers=options["target"],
                )
            else:
                program = _program(options["program"])
                if action == "fund":
                    funding_add(
                        actor=None,
                        program=program,
                        kind=options["kind"],
                        amount=option_rupiah(options["amount"], flag="--amount"),
                        legal_basis=options["basis"],
                        categories=[c.strip() for c in options["only"].split(",") if c.strip()],
                        sponsor=options["sponsor"],
                    )
                    program = _program(program.pk)
                elif action == "rules":
                    program_rules_update(actor=None, program=program, **_rules_options(program, options))
                    program = _program(program.pk)
                elif action in ("eligibility", "decide", "select", "approve", "close"):
                    return self._step(action, program, options)
                elif action == "export":
                    return self._export(program, options)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        data = program_dict(program)
        if options["json"]:
            self.stdout.write(json.dumps(data, ensure_ascii=False))
            return
        self.stdout.write(
            f"Program #{program.pk} {program.name} ({program.get_status_display()}): {program.cover_months} bulan "
            f"dari {program.cover_start:%m-%Y}, {program.get_package_display()}"
        )
        for source in data["sources"]:
            only = f" (hanya {', '.join(source['categories'])})" if source["categories"] else ""
            self.stdout.write(f"  {source['kind']:<10} Rp{source['amount']:,}{only}".replace(",", "."))

    def _step(self, action: str, program: Program, options: dict) -> None:
        # As the page says it, before the step (approval ends the draft the page warns on).
        warning = (
            program_duplicates_warning(program=program) if action in ("eligibility", "select", "approve") else None
        )
        if action == "eligibility":
            eligibility = program_eligibility(actor=None, program=program, save=options["save"])
            data = eligibility.to_dict()
            text = [f"{eligibility.persons:,} orang dinilai, {eligibility.eligible:,} layak.".replace(",", ".")]
            rules = program_rules(program)
            text += [
                f"  {count:>8,}  {reason_label(code, 'id', rules=rules)}" for code, count in eligibility.reasons.items()
            ]
            text.append("Hasil disimpan." if eligibility.saved else "Pratinjau: belum disimpan (tambahkan --save).")
        elif action == "decide":
            if options["include"] == options["exclude"]:
                raise CommandError("Pilih salah satu: --include atau --exclude.")
            person = person_get(pk=options["person"])
            if person is None:
                raise CommandError(f"Orang #{options['person']} tidak ada.")
            decision_set(
                actor=None, program=program, person=person, include=options["include"], reason=options["reason"]
            )
            data = {"program": program.pk, "person": person.pk, "include": options["include"]}
            text = [f"{'Dimasukkan' if options['include'] else 'Dikeluarkan'}: {person.name} (#{person.pk})."]
        elif action == "select":
            selection = program_select(actor=None, program=program)
            data = selection.to_dict()
            held = selection.held
            text = [
                f"{selection.selected:,} terpilih dari {selection.candidates:,} yang layak; "
                f"{selection.waiting:,} menunggu.",
                *(
                    [f"  {held['nik']:,} menunggu pemeriksaan NIK (tidak dikirim ke BPJS sebelum diperiksa)."]
                    if held.get("nik")
                    else []
                ),
                *(
                    [f"  {held['pair']:,} menunggu keputusan: mungkin orang yang sama dengan orang terpilih."]
                    if held.get("pair")
                    else []
                ),
                *[f"  {label}: terpakai Rp{amount:,}" for label, amount in selection.spent.items()],
                *[f"  dana {label} habis pada peringkat {rank:,}" for label, rank in selection.exhausted_at.items()],
            ]
            if not program.is_draft:
                text.append(f"Pendaftaran baru: {selection.new_enrolments:,}.")
        elif action == "approve":
            created = program_approve(actor=None, program=program)
            data = {"program": program.pk, "status": Program.Status.APPROVED, "enrolments": created}
            text = [f"Program #{program.pk} disetujui: {created:,} pendaftaran dibekukan."]
        else:
            ended = program_close(actor=None, program=program)
            data = {"program": program.pk, "status": Program.Status.CLOSED, "ended": ended}
            text = [f"Program #{program.pk} ditutup: {ended:,} kepesertaan berakhir."]
        if options["json"]:
            self.stdout.write(json.dumps({**data, "warning": warning} if warning else data, ensure_ascii=False))
            return
        for line in text:
            self.stdout.write(line.replace(",", "."))
        if warning:
            self.stderr.write(f"Peringatan: {warning}")

    def _list(self, options: dict) -> None:
        region = option_region(options["region"])
        # Each program comes annotated with `total_funds` (programs_for_region).
        programs = cast(
            "list[WithAnnotations[Program, _TotalFunds]]", list(programs_for_region(region_code=region.code))
        )
        data = [{**_summary(program), "counts": _counts(program)} for program in programs]
        if options["json"]:
            self.stdout.write(json.dumps(data, ensure_ascii=False))
            return
        if not programs:
            self.stdout.write(f"Belum ada program di {region.name}.")
        for program, item in zip(programs, data, strict=True):
            counts = item["counts"]
            self.stdout.write(
                f"#{program.pk} {program.name} ({program.budget_year}), {program.get_status_display()}: "
                f"{program.cover_months} bulan dari {program.cover_start:%m-%Y}, "
                f"dana {rupiah_text(program.total_funds)}; "
                f"layak {_number(counts['eligible'])}, terpilih {_number(counts['selected'])}, "
                f"menunggu {_number(counts['waiting'])}, terdaftar {_number(counts['enrolled'])}, "
                f"ditolak BPJS {_number(counts['rejected'])}"
            )

    def _export(self, program: Program, options: dict) -> None:
        kind, out = options["list"], Path(options["out"])
        if kind not in (*PEOPLE_LISTS, DUKCAPIL_LIST):
            raise CommandError(
                f"Daftar «{kind}» tidak ada; pilih salah satu: {', '.join((*PEOPLE_LISTS, DUKCAPIL_LIST))}."
            )
        fmt = out.suffix.lower().removeprefix(".")
        if fmt not in FORMATS:
            raise CommandError(f"--out {out}: tulis nama berkas yang berakhiran .xlsx atau .csv.")
        if kind == DUKCAPIL_LIST:
            content, rows = program_dukcapil_file(program=program, fmt=fmt)
        else:
            # The CLI speaks Indonesian: the file is the page's download for a reader in Indonesian.
            content, rows = program_people_file(program=program, kind=kind, fmt=fmt, language=settings.LANGUAGE_CODE)
        try:
            out.write_bytes(content)
        except OSError as exc:
            raise CommandError(f"{out} tidak dapat ditulis: {exc.strerror}.") from exc
        if options["json"]:
            self.stdout.write(json.dumps({"program": program.pk, "list": kind, "rows": rows, "file": str(out)}))
            return
        if kind == DUKCAPIL_LIST:
            self.stdout.write(
                f"{_number(rows)} NIK orang terpilih yang belum dijawab Dukcapil ditulis ke {out}; kirim ke Dukcapil "
                "dan muat jawabannya dengan `jaring person verify-niks`."
            )
            return
        self.stdout.write(f"{_number(rows)} orang dari daftar {LIST_NAMES[kind]} ditulis ke {out}.")


# How the command's text names each list (the page's tabs, in Indonesian).
LIST_NAMES = {
    "eligible": "layak",
    "excluded": "tidak layak",
    "selected": "terpilih",
    "waiting": "tunggu",
    "enrolled": "terdaftar",
}


def _number(value: int) -> str:
    return f"{value:,}".replace(",", ".")


class _TotalFunds(TypedDict):
    total_funds: int  # the rupiah of all the program's funding sources


def _program(pk: int) -> Program:
    program = program_get(pk=pk)
    if program is None:
        raise CommandError(f"Program #{pk} tidak ada.")
    return program


def _summary(program: "WithAnnotations[Program, _TotalFunds]") -> dict:
    return {
        "id": program.pk,
        "name": program.name,
        "budget_year": program.budget_year,
        "cover_start": program.cover_start.strftime("%Y-%m"),
        "months": program.cover_months,
        "status": program.status,
        "total_funds": program.total_funds,
    }


def _counts(program: Program) -> dict:
    """The page's stages: "enrolled" holds the enrolments BPJS did not reject, "rejected" those it did."""
    counts = program_stage_counts(program=program)
    return {
        **{key: counts[key] for key in ("eligible", "selected", "waiting", "enrolled")},
        "rejected": counts["enrolled_rejected"],
    }


def _rules_options(program: Program, options: dict) -> dict:
    def pair(text: str | None, flag: str) -> tuple[int, int] | None:
        if not text:
            return None
        low, _dash, high = text.partition("-")
        if not (low.strip().isdigit() and high.strip().isdigit()):
            raise CommandError(f"{flag} ditulis seperti 15-65, bukan '{text}'.")
        return int(low), int(high)

    age = pair(options["age"], "--age") or (program.min_age, program.max_age)
    desil = pair(options["desil"], "--desil")
    # The range is stored whole or not at all (program_rules_update).
    if options["desil"] is None and program.desil_min and program.desil_max is not None:
        desil = (program.desil_min, program.desil_max)
    only = (
        program.categories if options["only"] is None else [c.strip() for c in options["only"].split(",") if c.strip()]
    )
    priority = (
        program.priority
        if options["priority"] is None
        else [k.strip() for k in options["priority"].split(",") if k.strip()]
    )
    return {
        "min_age": age[0],
        "max_age": age[1],
        "categories": only,
        "exclude_bpjs_active": not options["include_bpjs_active"],
        "desil": desil,
        "priority": priority,
    }


def program_dict(program: Program) -> dict:
    return {
        "id": program.pk,
        "name": program.name,
        "region": program.region_id,
        "budget_year": program.budget_year,
        "cover_start": program.cover_start.strftime("%Y-%m"),
        "months": program.cover_months,
        "package": program.package,
        "kind": program.kind,
        "status": program.status,
        "target_workers": program.target_workers,
        "rules": {
            "age": [program.min_age, program.max_age],
            "categories": program.categories,
            "exclude_bpjs_active": program.exclude_bpjs_active,
            "desil": [program.desil_min, program.desil_max] if program.desil_min else None,
            "priority": program.priority,
        },
        "eligibility": program.eligibility_summary,
        "selection": program.selection_summary,
        "sources": [
            {
                "id": s.pk,
                "kind": s.kind,
                "amount": s.amount,
                "categories": s.categories,
                "sponsor": s.sponsor,
                "basis": s.legal_basis,
            }
            for s in program.sources.all()
        ],
        "total_funds": sum(s.amount for s in program.sources.all()),
    }
