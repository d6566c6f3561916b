"""A Disnaker's whole program, run through the `jaring` command on a case with its truth known (issue 16).

The shared generator's case (tests/synthetic/case.py; PEOPLE people of Kota Malang, default 20,000):
six OPD lists, BPJS's roster and Dukcapil's death list. Every step is a `jaring` command run as a
child process against the scratch PostgreSQL database `jaring_case` (CASE_DATABASE_URL names
another), as a Disnaker would: regions, OPDs, the six imports, link, roster, deaths (when the
command exists), then a program July-December 2027 with a DBHCHT fund for petani and buruh
serabutan, a CSR fund for ojek and an APBD fund (sized so about 60 % of the eligible are
selected), ages 18-60, eligibility, selection, approval, the selected list verified by Dukcapil
(simulated from the truth), a batch and its file.

Then, reading the database against the truth, each beside its target:
- roster precision / recall (entries whose true person has a linked row)     >= 0.995 each
- batch NIKs that are not the true person's                                  0
- eligibility recall (and precision)                                         >= 0.99
- true persons selected twice (two Jaring persons enrolled)                  0
- selected who died before the cover start, selected already AKTIF at BPJS   0
and the wall time and peak RSS of each command. Run: `.venv/bin/python -m bench.program_case`.
"""

import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import polars as pl
import psycopg

from bench.product_path import JARING, LAUNCHER
from tests.synthetic.case import COVER_START, REGION, dukcapil_answer, program_case, should_be_eligible
from tests.synthetic.files import excel_rounded
from tests.synthetic.scoring import score_clusters

PEOPLE = int(os.environ.get("PEOPLE", 20_000))
SEED = int(os.environ.get("SEED", 16))
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/jaring_case"
ON = "2026-12-01"  # the day the lists and the roster describe
AGES = (18, 60)
MONTHS = 6
COST = 16_800 * MONTHS  # JKK + JKM per worker for the program's months
SELECTED_SHARE = 0.6
FUND_ONLY = {"dbhcht": ("petani", "buruh_serabutan"), "csr": ("ojek",)}


@dataclass
class Step:
    label: str
    seconds: float
    peak_mb: float
    ok: bool
    note: str = ""


class Jaring:
    """Runs `jaring` commands as child processes, measuring each; a failure is printed and recorded, not raised."""

    def __init__(self, env: dict[str, str]):
        self.env = env
        self.steps: list[Step] = []

    def __call__(self, label: str, *arguments: str, quiet: bool = False) -> object | None:
        with (
            tempfile.TemporaryFile("w+") as out,
            tempfile.TemporaryFile("w+") as err,
            tempfile.NamedTemporaryFile("r") as measured,
        ):
            subprocess.run(
                [sys.executable, "-c", LAUNCHER, measured.name, JARING, *arguments],
                env=self.env,
                stdout=out,
                stderr=err,
            )
            out.seek(0)
            err.seek(0)
            text, error = out.read(), err.read()
            figures = json.loads(Path(measured.name).read_text())
        ok = figures["code"] == 0
        if not quiet:
            self.steps.append(Step(label, figures["seconds"], figures["peak_mb"], ok))
        if not ok:
            if not quiet:
                print(f"\n!! jaring {' '.join(arguments)} failed (exit {figures['code']}):")
                print((error.strip() or text.strip())[-4000:])
                self.steps[-1].note = (error.strip() or text.strip()).splitlines()[-1][:200] if error or text else ""
            return None
        return _json(text)


def _json(text: str) -> object:
    text = text.strip()
    if not text:
        return {}
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        lines = [line for line in text.splitlines() if line.strip().startswith(("{", "["))]
        try:
            return [json.loads(line) for line in lines] if len(lines) > 1 else json.loads(lines[-1])
        except (json.JSONDecodeError, IndexError):
            return {"text": text}


def prepare_database(url: str) -> dict[str, str]:
    if url == DEFAULT_URL:
        with psycopg.connect("postgres://postgres@127.0.0.1:5432/postgres", autocommit=True) as admin:
            admin.execute("DROP DATABASE IF EXISTS jaring_case WITH (FORCE)")
            admin.execute("CREATE DATABASE jaring_case")
    return {
        **{name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"},
        "DATABASE_URL": url,
        "SECRET_KEY": "bench",
        "DEBUG": "false",
        "JARING_ENV_FILE": os.devnull,
        "ALLOWED_HOSTS": "testserver",
        "DEFAULT_REGION_CODE": REGION,
    }


def main() -> int:
    started = time.perf_counter()
    case = program_case(PEOPLE, seed=SEED)
    print(
        f"case: {PEOPLE:,} people of Kota Malang, {case.rows.height:,} rows in {len(case.lists)} lists, "
        f"{case.roster.height:,} roster entries, {case.deaths.height:,} deaths; "
        f"generated in {time.perf_counter() - started:.1f} s"
    )
    url = os.environ.get("CASE_DATABASE_URL", DEFAULT_URL)
    env = prepare_database(url)
    jaring = Jaring(env)
    notes: list[str] = []
    with tempfile.TemporaryDirectory() as scratch:
        paths = {name: Path(scratch) / name for name in case.files}
        for name, data in case.files.items():
            paths[name].write_bytes(data)
        jaring("migrate", "migrate", "--noinput", "-v", "0")
        jaring("regions load --only 35", "regions", "load", "--only", "35", "--json")
        for code, name in case.opd_names.items():
            jaring(f"opd add {code}", "opd", "add", "--code", code, "--name", name, "--region", REGION, "--json")
        imported = {}
        for code, file_name in case.lists.items():
            result = jaring(f"import {code}", "import", str(paths[file_name]), "--source", code, "--region", REGION,
                            "--on", ON, "--json")  # fmt: skip
            if isinstance(result, list):
                result = result[-1]
            imported[code] = result or {}
            if result:
                jaring.steps[-1].note = ", ".join(
                    f"{key} {result[key]:,}" for key in ("rows", "accepted", "warnings", "rejected") if key in result
                )
        linked = jaring("link", "link", "--region", REGION, "--json") or {}
        jaring.steps[-1].note = _brief(linked, ("persons", "auto_links", "review_pairs", "held_submissions"))
        held = jaring("submission list --held", "submission", "list", "--held", "--region", REGION, "--json")
        if held:
            for item in held:
                jaring(f"submission release {item['id']}", "submission", "release", str(item["id"]))
            notes.append(f"{len(held)} list(s) held at linking; released as a Disnaker would and linked again")
            linked = jaring("link (after release)", "link", "--region", REGION, "--json") or {}
            jaring.steps[-1].note = _brief(linked, ("persons", "new_persons", "auto_links", "review_pairs"))
        roster = jaring("roster import", "roster", "import", str(paths[case.roster_file]), "--as-of", ON,
                        "--region", REGION, "--json")  # fmt: skip
        if roster:
            jaring.steps[-1].note = _brief(roster, ("entries", "matched", "active", "unmatched", "already_covered"))
        _deaths(jaring, paths[case.deaths_file], notes)
        program, batch_path = _program(jaring, case, paths, scratch)
        print()
        _print_steps(jaring.steps)
        for note in notes:
            print(f"note: {note}")
        ok = analyse(case, url, program, batch_path)
    print(f"\ntotal {time.perf_counter() - started:.0f} s")
    return 0 if ok else 1


def _deaths(jaring: Jaring, path: Path, notes: list[str]) -> None:
    usage = subprocess.run([JARING, "deaths", "import", "--help"], env=jaring.env, capture_output=True, text=True)
    if usage.returncode != 0:
        notes.append("`jaring deaths import` does not exist yet: the death list was not imported")
        return
    arguments = ["deaths", "import", str(path), "--source", "Dukcapil Kota Malang", "--json"]
    if "--region" in usage.stdout:
        arguments += ["--region", REGION]
    result = jaring("deaths import", *arguments)
    if isinstance(result, dict):
        jaring.steps[-1].note = ", ".join(
            f"{key} {value}" for key, value in result.items() if not isinstance(value, dict | list)
        )[:200]


def _program(jaring: Jaring, case, paths, scratch: str) -> tuple[int | None, Path | None]:
    created = jaring("program create", "program", "create", "--name", "Perlindungan pekerja rentan Juli-Desember 2027",
                     "--year", "2027", "--from", COVER_START.strftime("%Y-%m"), "--months", str(MONTHS),
                     "--region", REGION, "--json")  # fmt: skip
    if not created:
        return None, None
    program = str(created["id"])
    # Money for about 60 % of who should be eligible, fund by fund (the truth stands in for the planner).
    truth = case.people.filter(pl.col("listed")).filter(should_be_eligible(case.people, ages=AGES))
    counts = {kind: truth.filter(pl.col("occupation").is_in(list(only))).height for kind, only in FUND_ONLY.items()} | {
        "apbd": truth.filter(~pl.col("occupation").is_in([c for only in FUND_ONLY.values() for c in only])).height
    }
    amounts = {kind: round(SELECTED_SHARE * count) * COST for kind, count in counts.items()}
    jaring("program fund dbhcht", "program", "fund", program, "--kind", "dbhcht", "--amount", str(amounts["dbhcht"]),
           "--only", ",".join(FUND_ONLY["dbhcht"]), "--basis", "PMK DBHCHT 2027", "--json")  # fmt: skip
    jaring("program fund csr", "program", "fund", program, "--kind", "csr", "--sponsor", "PT Sehat Sejahtera",
           "--amount", str(amounts["csr"]), "--only", ",".join(FUND_ONLY["csr"]), "--json")  # fmt: skip
    jaring("program fund apbd", "program", "fund", program, "--kind", "apbd", "--amount", str(amounts["apbd"]),
           "--json")  # fmt: skip
    jaring.steps[-1].note = "Rp " + " / ".join(f"{kind} {amount:,}" for kind, amount in amounts.items())
    jaring("program rules", "program", "rules", program, "--age", f"{AGES[0]}-{AGES[1]}", "--json")
    judged = jaring("program eligibility --save", "program", "eligibility", program, "--save", "--json")
    if isinstance(judged, dict):
        jaring.steps[-1].note = _brief(judged, ("persons", "eligible"))
    chosen = jaring("program select", "program", "select", program, "--json")
    if isinstance(chosen, dict):
        jaring.steps[-1].note = _brief(chosen, ("candidates", "selected", "waiting"))
    jaring("program approve", "program", "approve", program, "--json")
    _dukcapil(jaring, case, program, scratch)
    batch = jaring("batch create", "batch", "create", "--program", program, "--json")
    batch_path = None
    if isinstance(batch, dict) and (batch.get("batch_id") or batch.get("id")):
        batch_id = str(batch.get("batch_id") or batch.get("id"))
        jaring.steps[-1].note = _brief(batch, ("batch_id", "persons"))
        batch_path = Path(scratch) / f"batch-{batch_id}.csv"
        if jaring("batch export", "batch", "export", batch_id, "--out", str(batch_path), "--json") is None:
            batch_path = None
        else:
            batch_path = _keep(batch_path)
    return int(program), batch_path


def _dukcapil(jaring: Jaring, case, program: str, scratch: str) -> None:
    """The selected's NIKs (every one their rows give) go to Dukcapil (the truth stands in for it); its answer
    comes back before the batch."""
    selected = Path(scratch) / "nik-untuk-dukcapil.csv"
    if jaring("program export dukcapil", "program", "export", program, "--list", "dukcapil", "--out", str(selected),
              "--json") is None:  # fmt: skip
        return
    answer = Path(scratch) / "hasil-dukcapil.xlsx"
    answer.write_bytes(dukcapil_answer(case, pl.read_csv(selected, infer_schema=False)))
    verified = jaring("person verify-niks", "person", "verify-niks", str(answer), "--region", REGION, "--json")
    if isinstance(verified, dict):
        jaring.steps[-1].note = _brief(verified, ("found", "other_name", "not_found", "persons_waiting"))


def _keep(path: Path) -> Path:
    """The batch file outlives the scratch directory (analysis reads it after)."""
    kept = Path(tempfile.gettempdir()) / f"jaring-case-{path.name}"
    kept.write_bytes(path.read_bytes())
    return kept


def _brief(data: object, keys: tuple[str, ...]) -> str:
    if not isinstance(data, dict):
        return ""
    return ", ".join(f"{key} {data[key]:,}" if isinstance(data[key], int) else f"{key} {data[key]}"
                     for key in keys if key in data)  # fmt: skip


def _print_steps(steps: list[Step]) -> None:
    print(f"{'command':<34} {'wall s':>8} {'peak MB':>8}  result")
    for step in steps:
        print(
            f"{step.label:<34} {step.seconds:>8.1f} {step.peak_mb:>8.0f}  {'ok' if step.ok else 'FAILED'}  {step.note}"
        )


# --- what the database holds, against the truth ------------------------------------------------------


def analyse(case, url: str, program_id: int | None, batch_path: Path | None) -> bool:
    os.environ.update({"DATABASE_URL": url, "SECRET_KEY": "bench", "JARING_ENV_FILE": os.devnull, "DEBUG": "false"})
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jaring.settings")
    import django

    django.setup()
    from jaring.bpjs.models import RosterEntry, RosterSnapshot
    from jaring.linkage.models import MatchPair
    from jaring.persons.models import PersonRecord
    from jaring.programs.models import Eligibility, Enrolment
    from jaring.registry.models import SourceRecord

    records = pl.DataFrame(
        [
            (pk, file_name, _number(raw, row), status, nik)
            for pk, file_name, raw, row, status, nik in SourceRecord.objects.filter(region_id=REGION)
            .order_by()
            .values_list("pk", "submission__file_name", "raw", "row", "status", "nik")
            .iterator(chunk_size=5000)
        ],
        schema={"record_id": pl.Int64, "file": pl.String, "No": pl.Int64, "status": pl.String, "row_nik": pl.String},
        orient="row",
    ).with_columns(pl.col("file").map_elements(lambda name: Path(name).name, return_dtype=pl.String))
    links = pl.DataFrame(
        list(PersonRecord.objects.order_by().values_list("record_id", "person_id")),
        schema={"record_id": pl.Int64, "jaring_id": pl.Int64},
        orient="row",
    )
    rows = (
        case.rows.select("file", "No", "person_id", "nik_rounded", "kecamatan_only")
        .join(records, on=["file", "No"], how="left")
        .join(links, on="record_id", how="left")
    )
    unmapped = rows.filter(pl.col("record_id").is_null()).height
    linked = rows.filter(pl.col("jaring_id").is_not_null())
    holds = linked.select("jaring_id", "person_id").unique()  # which Jaring person holds rows of which true person
    major = (
        linked.group_by("jaring_id", "person_id")
        .len()
        .sort(["jaring_id", "len", "person_id"], descending=[False, True, False])
        .unique("jaring_id", keep="first")
        .select("jaring_id", true_id="person_id")
    )
    people = case.people
    linked_true = linked.get_column("person_id").unique()
    results: list[tuple[str, float, str, bool, str]] = []

    print(
        f"\nrows: {case.rows.height:,} in the lists, {unmapped:,} not found in the database, "
        f"{linked.height:,} linked into {major.height:,} Jaring persons "
        f"for {linked_true.len():,} true persons"
    )
    scored = score_clusters(linked.select("person_id", cluster_id="jaring_id"))
    print(f"linkage on the linked rows: {scored.to_dict()}")
    split = linked.group_by("person_id").agg(n=pl.col("jaring_id").n_unique()).filter(pl.col("n") > 1)
    print(f"true persons split over two or more Jaring persons: {split.height:,} of {linked_true.len():,}")

    # Roster: entries of people with a linked row, matched to a Jaring person holding their rows.
    snapshot = RosterSnapshot.objects.filter(region_id=REGION).order_by("-pk").first()
    if snapshot is None:
        results.append(("roster recall", float("nan"), ">= 0.995", False, "no roster snapshot"))
        results.append(("roster precision", float("nan"), ">= 0.995", False, "no roster snapshot"))
    else:
        entries = pl.DataFrame(
            list(RosterEntry.objects.filter(snapshot=snapshot).order_by().values_list("kpj", "person_id")),
            schema={"kpj": pl.String, "jaring_id": pl.Int64},
            orient="row",
        ).join(case.roster.select("kpj", "person_id", "status", "name_mistyped"), on="kpj", how="left")
        entries = (
            entries.join(people.select("person_id", "nik_rounded"), on="person_id", how="left")
            .join(
                holds.with_columns(correct=pl.lit(True)),
                left_on=["jaring_id", "person_id"],
                right_on=["jaring_id", "person_id"],
                how="left",
            )
            .with_columns(pl.col("correct").fill_null(False))
        )
        population = entries.filter(pl.col("person_id").is_in(linked_true.implode()))
        matched = entries.filter(pl.col("jaring_id").is_not_null())
        recall = population.get_column("correct").mean() or 0.0
        precision = matched.get_column("correct").mean() if matched.height else 0.0
        missed = population.filter(~pl.col("correct"))
        detail = (
            f"{population.height - missed.height:,} of {population.height:,}; missed: "
            f"{missed.filter(pl.col('nik_rounded')).height} with the Excel-rounded NIK in the lists "
            f"({missed.filter(pl.col('nik_rounded') & pl.col('name_mistyped')).height} of them with a mistyped "
            f"roster name), {missed.filter(pl.col('jaring_id').is_not_null()).height} "
            "matched to another person"
        )
        results.append(("roster recall", recall, ">= 0.995", recall >= 0.995, detail))
        wrong = matched.filter(~pl.col("correct"))
        detail = (
            f"{matched.height - wrong.height:,} of {matched.height:,} matched entries; wrong: "
            f"{wrong.filter(~pl.col('person_id').is_in(linked_true.implode())).height} "
            "of people in no list"
        )
        results.append(("roster precision", precision, ">= 0.995", precision >= 0.995, detail))

    if program_id is None:
        results.append(("program", float("nan"), "", False, "the program could not be created"))
        return _print_results(results)
    eligibility = pl.DataFrame(
        list(
            Eligibility.objects.filter(program_id=program_id).order_by().values_list("person_id", "eligible", "reasons")
        ),
        schema={"jaring_id": pl.Int64, "eligible": pl.Boolean, "reasons": pl.String},
        orient="row",
    ).join(major, on="jaring_id", how="left")
    truth = people.with_columns(
        should=should_be_eligible(people, ages=AGES) & pl.col("person_id").is_in(linked_true.implode())
    )
    should = truth.filter(pl.col("should")).get_column("person_id")
    judged = eligibility.filter(pl.col("eligible")).get_column("true_id").unique()
    found = should.is_in(judged.implode())
    recall = found.mean() if should.len() else 0.0
    misses = eligibility.filter(pl.col("true_id").is_in(should.filter(~found).implode()) & ~pl.col("eligible"))
    reasons = (
        misses.select(pl.col("reasons").str.split(",").explode()).to_series().value_counts(sort=True).iter_rows()
        if misses.height
        else []
    )
    orphans = should.filter(~found).is_in(eligibility.get_column("true_id").drop_nulls().implode()).not_().sum()
    detail = f"{found.sum():,} of {should.len():,}; missed for: " + ", ".join(f"{r or '?'} {n}" for r, n in reasons)
    detail += f"; {orphans} with no Jaring person of their own (their rows in another's)"
    results.append(("eligibility recall", recall, ">= 0.99", recall >= 0.99, detail))
    eligible = eligibility.filter(pl.col("eligible")).join(
        truth.select(true_id="person_id", should="should", bpjs="bpjs_status", died="death_date"),
        on="true_id",
        how="left",
    )
    correct = eligible.get_column("should").fill_null(False)
    wrong = eligible.filter(~correct)
    detail = (
        f"{correct.sum():,} of {eligible.height:,} eligible Jaring persons; wrongly: "
        f"{wrong.filter(pl.col('bpjs') == 'active').height} AKTIF at BPJS, "
        f"{wrong.filter(pl.col('died') < pl.lit(COVER_START)).height} died before the cover start"
    )
    results.append(("eligibility precision", correct.mean() if eligible.height else 0.0, "(no target)", True, detail))

    enrolments = (
        pl.DataFrame(
            list(
                Enrolment.objects.filter(program_id=program_id).order_by().values_list("person_id", "nik", "batch_id")
            ),
            schema={"jaring_id": pl.Int64, "nik": pl.String, "batch_id": pl.Int64},
            orient="row",
        )
        .join(major, on="jaring_id", how="left")
        .join(
            people.select(true_id="person_id", true_nik="nik", died="death_date", bpjs="bpjs_status"),
            on="true_id",
            how="left",
        )
    )
    batch = enrolments.filter(pl.col("batch_id").is_not_null())
    mismatched = batch.filter(pl.col("nik") != pl.col("true_nik"))
    rounded = mismatched.filter(pl.col("nik") == excel_rounded(pl.col("true_nik")))
    # Why: the person's rows disagree on the NIK (a wrong one was chosen), or every row has the same wrong one.
    niks = (
        linked.filter(pl.col("row_nik").fill_null("") != "")
        .group_by("jaring_id")
        .agg(niks=pl.col("row_nik").n_unique())
    )
    mismatched = mismatched.join(niks, on="jaring_id", how="left").with_columns(pl.col("niks").fill_null(0))
    file_note = ""
    if batch_path is not None and batch_path.exists():
        exported = pl.read_csv(batch_path, infer_schema=False)
        column = next((name for name in exported.columns if name.strip().upper() == "NIK"), None)
        if column is not None:
            in_file = set(exported.get_column(column).to_list())
            differ = len(in_file ^ set(batch.get_column("nik")))
            file_note = f"; the file's NIKs are the enrolments' ({differ} differ)"
        batch_path.unlink()
    # Where a wrong NIK differs from the worker's: the region, the birth date or the serial part.
    parts = {"region": (0, 6), "birth date": (6, 6), "serial": (12, 4)}
    where = ", ".join(
        f"{name} {mismatched.filter(pl.col('nik').str.slice(a, n) != pl.col('true_nik').str.slice(a, n)).height}"
        for name, (a, n) in parts.items()
    )
    # A Jaring person holding rows of two true persons (a wrong link) may carry the other one's real NIK,
    # which Dukcapil rightly knows under a like name: a linkage error, not a NIK one.
    mixed = holds.group_by("jaring_id").len("true_persons").filter(pl.col("true_persons") > 1)
    others = mismatched.filter(
        pl.col("jaring_id").is_in(mixed.get_column("jaring_id").implode())
        & pl.col("nik").is_in(people.get_column("nik").implode())
    )
    if os.environ.get("CASE_DEBUG"):
        for jaring_id in mismatched.get_column("jaring_id").to_list():
            print(
                linked.filter(pl.col("jaring_id") == jaring_id)
                .join(people.select("person_id", "nik", "name", "birth_date"), on="person_id", how="left")
                .select("jaring_id", "person_id", "file", "status", "row_nik", "nik", "name", "birth_date")
            )
    detail = (
        f"{mismatched.height} of {batch.height:,} rows ({others.height} the real NIK of another true person "
        f"whose rows were linked into the same Jaring person); {rounded.height} of them the Excel-rounded NIK, "
        f"{mismatched.filter(pl.col('niks') > 1).height} chosen among rows that disagree, "
        f"{mismatched.filter(pl.col('niks') == 1).height} the only NIK the rows give, "
        f"{mismatched.filter(pl.col('nik').fill_null('') == '').height} empty{file_note}; they differ in: {where}"
    )
    results.append(
        (
            "batch NIKs not the true person's",
            mismatched.height,
            "0",
            mismatched.height == 0 and batch.height > 0,
            detail,
        )
    )

    twice = enrolments.group_by("true_id").agg(pl.col("jaring_id").unique()).filter(pl.col("jaring_id").list.len() > 1)
    waiting = _in_review(twice, linked, MatchPair)
    enrolled = enrolments.get_column("true_id").n_unique()
    detail = f"of {enrolled:,} true persons enrolled; {waiting} of them have their pair waiting in the review queue"
    results.append(("persons selected twice", twice.height, "0", twice.height == 0, detail))
    dead = enrolments.filter(pl.col("died") < pl.lit(COVER_START))
    results.append(("selected deceased (died before 2027-07-01)", dead.height, "0", dead.height == 0, ""))
    active = enrolments.filter(pl.col("bpjs") == "active")
    results.append(("selected already AKTIF at BPJS", active.height, "0", active.height == 0, ""))
    share = enrolments.height / max(eligibility.filter(pl.col("eligible")).height, 1)
    results.append(("selected / eligible", share, "~0.6 (by design)", True, f"{enrolments.height:,} enrolments"))
    return _print_results(results)


def _in_review(twice: pl.DataFrame, linked: pl.DataFrame, match_pair) -> int:
    """How many twice-selected true persons have a pair between their Jaring persons waiting for review."""
    if twice.is_empty():
        return 0
    pairs = pl.DataFrame(
        list(match_pair.objects.filter(decision="review").order_by().values_list("record_l_id", "record_r_id")),
        schema={"l": pl.Int64, "r": pl.Int64},
        orient="row",
    )
    persons = linked.select("record_id", "jaring_id")
    pairs = (
        pairs.join(persons.rename({"record_id": "l", "jaring_id": "jl"}), on="l")
        .join(persons.rename({"record_id": "r", "jaring_id": "jr"}), on="r")
        .select("jl", "jr")
    )
    count = 0
    for ids in twice.get_column("jaring_id").to_list():
        if pairs.filter(pl.col("jl").is_in(ids) & pl.col("jr").is_in(ids) & (pl.col("jl") != pl.col("jr"))).height:
            count += 1
    return count


def _print_results(results) -> bool:
    print(f"\n{'figure':<44} {'value':>9}  {'target':<18} {'':<5} detail")
    for label, value, target, ok, detail in results:
        shown = f"{value:.4f}" if isinstance(value, float) else f"{value:,}"
        print(f"{label:<44} {shown:>9}  {target:<18} {'OK' if ok else 'MISS':<5} {detail}")
    ok = all(ok for _label, _value, _target, ok, _detail in results)
    print("OK" if ok else "BELOW TARGET")
    return ok


def _number(raw: object, row: int) -> int:
    """The sheet's "No" cell (1, "1" or 1.0); else the row below a one-row header."""
    if isinstance(raw, str):
        try:
            raw = json.loads(raw)
        except json.JSONDecodeError:
            raw = {}
    value = raw.get("No") if isinstance(raw, dict) else None
    try:
        return int(float(value))
    except (TypeError, ValueError):
        return row - 1


if __name__ == "__main__":
    sys.exit(main())
