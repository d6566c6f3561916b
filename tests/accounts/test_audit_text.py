"""The audit log in words: labels for fields and codes, "before → after", nothing internal shown."""

import ast
import re
from pathlib import Path

import pytest
from django.utils import translation
from django.utils.translation import gettext_lazy

from jaring.accounts.audit_text import (
    ACTION_LABELS,
    FIELD_LABELS,
    VALUE_LABELS,
    action_label,
    audit_changes,
    register_audit_labels,
    value_text,
)


def test_a_field_change_reads_label_before_and_after():
    with translation.override("id"):
        changes = audit_changes({"occupation": "petani"}, {"occupation": "pemulung"})
    assert [(c.label, c.before, c.after) for c in changes] == [("Pekerjaan", "Petani / buruh tani", "Pemulung")]


def test_the_same_change_in_english():
    with translation.override("en"):
        changes = audit_changes({"is_active": True}, {"is_active": False})
        assert [(c.label, c.before, c.after) for c in changes] == [("Active", "yes", "no")]
        assert action_label("accounts.opd_update") == "OPD changed"


def test_values_only_after_are_listed_without_an_arrow():
    with translation.override("id"):
        changes = audit_changes(None, {"username": "siti", "role": "opd_operator", "opd": "DISHUB"})
    assert [(c.label, c.before, c.after) for c in changes] == [
        ("Nama pengguna", None, "siti"),
        ("Peran", None, "Operator OPD / kelurahan"),
        ("OPD", None, "DISHUB"),
    ]


def test_hashes_and_internal_structures_are_not_shown():
    changes = audit_changes(None, {"file": "linmas.xlsx", "sha256": "ab" * 32, "overrides": {"Sheet1": {"c1": "nik"}}})
    assert [c.after for c in changes] == ["linmas.xlsx"]


def test_nested_counts_read_as_words_not_a_dict():
    with translation.override("id"):
        text = value_text("skipped", {"blank": 2, "header": 1, "footer": 0})
    assert text == "kosong: 2, judul: 1, baris jumlah: 0"
    assert "{" not in text


def test_an_unknown_action_is_not_shown_as_its_code():
    with translation.override("en"):
        assert action_label("something.internal") == "Other change"
    with translation.override("id"):
        assert value_text("records", [3, 5]) == "3, 5" and value_text("note", None) == "—"


def test_program_events_read_in_words_with_money_grouped():
    with translation.override("id"):
        assert action_label("programs.select") == "Dipilih dalam anggaran"
        funding = audit_changes(None, {"fund": "dana_desa", "amount": 1_008_000, "categories": ["petani", "ojek"]})
        closed = audit_changes({"status": "approved"}, {"status": "closed", "ended": 49})
        seconds = value_text("seconds", 3.38)
        created = audit_changes(None, {"name": "Pekerja rentan 2027", "cover_start": "2027-01-01"})
        linked = audit_changes(None, {"held_submissions": 0, "persons_sharing_nik": 0})
    assert [(c.label, c.after) for c in created] == [
        ("Nama", "Pekerja rentan 2027"),
        ("Bulan pertama perlindungan", "01-2027"),
    ]
    assert [c.label for c in linked] == [
        "Daftar yang ditahan untuk ditinjau",
        "Orang dengan NIK dan tanggal lahir yang sama",
    ]
    assert [(c.label, c.after) for c in funding] == [
        ("Dana", "Dana Desa"),
        ("Jumlah", "Rp1.008.000"),
        ("Pekerjaan", "Petani / buruh tani, Ojek / ojol"),
    ]
    assert [(c.label, c.before, c.after) for c in closed] == [
        ("Status", "Disetujui", "Ditutup"),
        ("Kepesertaan diakhiri", None, "49"),
    ]
    assert seconds == "3,4"


# --- each app registers its own words ---------------------------------------------------------------

PACKAGE = Path(__file__).resolve().parents[2] / "jaring"
ACTION_CODE = re.compile(r"^[a-z_]+\.[a-z_]+$")


def _strings(node: ast.AST) -> set[str]:
    """The action codes an argument can be: "a.b", or either side of `"a.b" if x else "a.c"`."""
    return {
        found.value
        for found in ast.walk(node)
        if isinstance(found, ast.Constant) and isinstance(found.value, str) and ACTION_CODE.match(found.value)
    }


def _called_name(call: ast.Call) -> str:
    return call.func.id if isinstance(call.func, ast.Name) else getattr(call.func, "attr", "")


def recorded_actions() -> dict[str, str]:
    """Every audit action the code records, with where: `action="…"` keywords and the positional
    argument of helpers that take an `action` parameter (registry's `_audit_job(actor, job, "…")`)."""
    trees = {
        path: ast.parse(path.read_text(), filename=str(path))
        for path in PACKAGE.rglob("*.py")
        if "migrations" not in path.parts
    }
    action_position = {}  # function name -> index of its `action` parameter
    for tree in trees.values():
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                names = [arg.arg for arg in (*node.args.posonlyargs, *node.args.args)]
                if "action" in names:
                    action_position[node.name] = names.index("action")
    found = {}
    for path, tree in trees.items():
        for call in (node for node in ast.walk(tree) if isinstance(node, ast.Call)):
            name = _called_name(call)
            if name == "add_argument":
                continue  # argparse's action="store_true"
            arguments = [keyword.value for keyword in call.keywords if keyword.arg == "action"]
            position = action_position.get(name)
            if position is not None and position < len(call.args):
                arguments.append(call.args[position])
            for argument in arguments:
                for code in _strings(argument):
                    found.setdefault(code, f"{path.relative_to(PACKAGE.parent)}:{call.lineno}")
    return found


def test_every_recorded_action_has_a_label():
    recorded = recorded_actions()
    # The scan sees the ways actions are written: a keyword, either side of a condition, a helper's argument.
    assert {"accounts.opd_create", "accounts.user_deactivate", "registry.import_retry", "linkage.link_region"} <= set(
        recorded
    )
    missing = {code: where for code, where in recorded.items() if code not in ACTION_LABELS}
    assert missing == {}, "audit actions without a label: register them in the app's audit_labels.py"


def test_every_app_with_audit_labels_loads_them():
    registered = {code.split(".")[0] for code in ACTION_LABELS}
    assert {"accounts", "regions", "registry", "persons", "bpjs", "linkage", "programs"} <= registered
    for path in PACKAGE.glob("*/audit_labels.py"):
        assert "audit_labels" in (path.parent / "apps.py").read_text(), f"{path.parent.name}'s ready() must import it"


@pytest.fixture
def labels_restored():
    """Whatever a test registers is gone after it."""
    saved = [(labels, dict(labels)) for labels in (ACTION_LABELS, FIELD_LABELS, VALUE_LABELS)]
    yield
    for labels, before in saved:
        labels.clear()
        labels.update(before)


def test_a_label_registered_again_keeps_its_text(labels_restored):
    register_audit_labels(
        actions={"tests.thing_done": gettext_lazy("Thing done")},
        fields={"tests_count": "Count"},
        values={"tests_kind": {"a": "Kind A"}},
    )
    register_audit_labels(  # the same words again: from a second app, lazy or not
        actions={"tests.thing_done": gettext_lazy("Thing done")},
        fields={"tests_count": gettext_lazy("Count")},
        values={"tests_kind": {"a": "Kind A"}},
    )
    with pytest.raises(ValueError, match=r"tests\.thing_done"):
        register_audit_labels(actions={"tests.thing_done": gettext_lazy("Thing undone")})
    with pytest.raises(ValueError, match="tests_count"):
        register_audit_labels(fields={"tests_count": "Total"})
    with pytest.raises(ValueError, match="tests_kind"):
        register_audit_labels(values={"tests_kind": {"a": "Kind B"}})
    # Nor may an app reword another app's action; a refused call registers none of its labels.
    with pytest.raises(ValueError, match=r"registry\.submission_import"):
        register_audit_labels(
            actions={"tests.other": "Other", "registry.submission_import": gettext_lazy("Something else")}
        )
    assert "tests.other" not in ACTION_LABELS
    with translation.override("en"):
        assert action_label("tests.thing_done") == "Thing done"
        assert action_label("registry.submission_import") == "List imported"
