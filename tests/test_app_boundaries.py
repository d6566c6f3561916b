"""Which app may import which: dependencies point one way (DESIGN.md "Apps and which way they lean").

regions, accounts ← registry ← persons ← bpjs ← linkage; `jobs` imports none of them (each app
registers its own tasks with it) but the access helpers that scope its pages to the user, and the
core imports no app at all, nor does `jaring.lib` (the helpers every app shares). regions and
accounts are one base layer: accounts' users belong to a region, and loading regions writes to
accounts' audit log. Matching people — from lists or from a BPJS roster — is the linkage's work, so
linkage may read bpjs (to show and refresh who is already covered) while bpjs only stores rosters
and participation; it reads its files through the core's list reader, not through the registry.
The same rules hold for foreign keys named by string ("persons.Person") in models.
"""

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "jaring"
APPS = (
    "regions",
    "accounts",
    "jobs",
    "registry",
    "persons",
    "bpjs",
    "linkage",
    "programs",
    "billing",
    "claims",
    "coverage",
)
# Each app and the apps it may import (reads through their selectors, writes through their services).
ALLOWED = {
    "regions": {"accounts"},
    "accounts": {"regions"},
    "jobs": set(),
    "registry": {"regions", "accounts", "jobs"},
    "persons": {"regions", "accounts", "jobs", "registry"},
    "bpjs": {"regions", "accounts", "jobs", "persons"},
    "linkage": {"regions", "accounts", "jobs", "registry", "persons", "bpjs"},
    # Programs pay for persons' cover: they read persons, who BPJS already covers, and whether
    # possible duplicates still wait for a decision (one worker could otherwise be paid for twice).
    "programs": {"regions", "accounts", "jobs", "registry", "persons", "bpjs", "linkage"},
    # Billing reads the enrolments (membership), who died and the persons a bill names; programs follow a
    # merge through persons' signal, never by billing reaching down into them.
    "billing": {"regions", "accounts", "jobs", "registry", "persons", "bpjs", "linkage", "programs"},
    # Claims read membership (billing) to compute what a claim should pay.
    "claims": {"regions", "accounts", "jobs", "registry", "persons", "bpjs", "linkage", "programs", "billing"},
    # The top floor, read-only: the figures for leadership and the person pages, reading every app below
    # (through their selectors); it stores nothing, and no app reads it.
    "coverage": set(APPS) - {"coverage"},
}
# Modules of an app another app may import; anything else (models of writes, internals) stays inside.
# Models are readable for querysets passed to the access helpers and for type hints.
PUBLIC = {
    "selectors",
    "services",
    "models",
    "tasks",
    "exports",
    "handlers",
    "access",
    "roles",
    "audit_text",
    "cli",
    "signals",
}
# Single modules an app may import beyond its list: the helpers that scope every page to the user.
ALSO_ALLOWED = {"jobs": {"jaring.accounts.access"}}
# The helpers every app shares (`jaring/lib`): any app may import them; they import no app.
LIB = "lib"
# App labels as Django knows them, for foreign keys named by string ("persons.Person").
_STRING_MODEL = re.compile(r"""(?:ForeignKey|OneToOneField|ManyToManyField)\(\s*["']([a-z_]+)\.[A-Za-z]+["']""")


def imports_of(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append(node.module)
    return found


def violations() -> list[str]:
    found = []
    for app in APPS:
        for path in (PACKAGE / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue  # migrations name the tables they move, by design
            for module in imports_of(path):
                parts = module.split(".")
                if parts[0] != "jaring" or len(parts) < 2 or parts[1] not in APPS or parts[1] == app:
                    continue
                other = parts[1]
                where = path.relative_to(PACKAGE.parent)
                if module in ALSO_ALLOWED.get(app, set()):
                    continue
                if other not in ALLOWED[app]:
                    found.append(f"{where}: {app} must not import {other} ({module})")
                elif len(parts) > 2 and parts[2] not in PUBLIC:
                    found.append(f"{where}: {module} is internal to {other}")
    for path in (PACKAGE / LIB).rglob("*.py"):
        for module in imports_of(path):
            parts = module.split(".")
            if parts[0] == "jaring" and len(parts) > 1 and parts[1] in APPS:
                found.append(f"{path.relative_to(PACKAGE.parent)}: jaring.lib must not import {module}")
    for app in APPS:
        for path in (PACKAGE / app).glob("models.py"):
            for label in _STRING_MODEL.findall(path.read_text()):
                if label != app and label in APPS and label not in ALLOWED[app]:
                    where = path.relative_to(PACKAGE.parent)
                    found.append(f"{where}: {app} must not point a foreign key at {label}")
    for path in (PACKAGE / "core").rglob("*.py"):
        for module in imports_of(path):
            parts = module.split(".")
            if parts[0] == "jaring" and (len(parts) < 2 or parts[1] != "core"):
                found.append(f"{path.relative_to(PACKAGE.parent)}: the core must not import {module}")
    return found


# The core's packages name what apps may use in their __init__; an app importing a module inside one
# reaches past that door (`from jaring.core.linkage.pipeline import ...`).
CORE_PACKAGES = ("intake", "linkage", "programs", "billing", "benefits")


def core_bypasses() -> list[str]:
    found = []
    for path in PACKAGE.rglob("*.py"):
        if path.is_relative_to(PACKAGE / "core") or "migrations" in path.parts:
            continue
        for module in imports_of(path):
            parts = module.split(".")
            if parts[:2] == ["jaring", "core"] and len(parts) > 3 and parts[2] in CORE_PACKAGES:
                found.append(f"{path.relative_to(PACKAGE.parent)}: import from jaring.core.{parts[2]}, not {module}")
    return found


def test_apps_use_the_core_packages_through_their_front_door():
    assert core_bypasses() == []


def test_apps_import_only_the_apps_they_lean_on():
    assert violations() == []


def test_the_rules_cover_every_app():
    apps = {path.parent.name for path in PACKAGE.glob("*/apps.py")}
    assert apps == set(APPS)


def test_the_boundary_check_catches_a_downstream_import(tmp_path, monkeypatch):
    fake = tmp_path / "jaring"
    for app in APPS:
        (fake / app).mkdir(parents=True)
        (fake / app / "apps.py").write_text("")
    (fake / "core").mkdir()
    (fake / LIB).mkdir()
    (fake / LIB / "listing.py").write_text("from jaring.registry.models import Submission\n")
    (fake / "persons" / "models.py").write_text('person = models.ForeignKey("programs.Enrolment", on_delete=None)\n')
    (fake / "registry" / "services.py").write_text("from jaring.persons.models import Person\n")
    (fake / "jobs" / "services.py").write_text("from jaring.registry.services import submission_import\n")
    (fake / "bpjs" / "views.py").write_text("from jaring.persons.internals import secret\n")
    monkeypatch.setitem(globals(), "PACKAGE", fake)
    found = violations()
    assert any("registry must not import persons" in line for line in found)
    assert any("jobs must not import registry" in line for line in found)
    assert any("jaring.persons.internals is internal to persons" in line for line in found)
    assert any("jaring.lib must not import jaring.registry.models" in line for line in found)
    assert any("persons must not point a foreign key at programs" in line for line in found)
