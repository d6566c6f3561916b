import json

import pytest
from django.core.management import call_command

from jaring.accounts.models import AuditEvent
from jaring.core.regions import RegionRow
from jaring.regions.models import Region
from jaring.regions.services import region_load


@pytest.mark.django_db
def test_full_load_gives_the_decree_counts_and_a_second_run_changes_nothing(capsys):
    call_command("regions", "load", "--json")
    first = json.loads(capsys.readouterr().out)
    assert first["levels"] == {"1": 38, "2": 514, "3": 7285, "4": 83762}
    assert first["created"] == 91599

    call_command("regions", "load", "--json")
    second = json.loads(capsys.readouterr().out)
    assert second["created"] == 0 and second["updated"] == 0 and second["unchanged"] == 91599
    assert AuditEvent.objects.filter(action="regions.load").count() == 1

    malang = Region.objects.get(code="35.73")
    assert (malang.name, malang.type, malang.level, malang.parent_id) == ("Kota Malang", "kota", 2, "35")
    assert Region.objects.get(code="35.07").type == "kabupaten"
    village = Region.objects.get(code="35.73.02.1001")
    assert village.parent_id == "35.73.02" and len(village.postal_code) == 5


@pytest.mark.django_db
def test_load_only_a_subtree_keeps_the_tree_whole():
    result = region_load(only="35.73")
    assert result.created == 1 + 1 + 5 + 57
    assert Region.objects.get(code="35.73").parent.name == "Jawa Timur"


@pytest.mark.django_db
def test_a_renamed_region_is_updated_and_a_vanished_one_reported_not_deleted():
    region_load(only="35.73.02")
    rows = [
        RegionRow("35", "Jawa Timur", 1, "provinsi", None, None),
        RegionRow("35.73", "Kota Malang Raya", 2, "kota", "35", None),
        RegionRow("35.73.02", "Klojen", 3, "kecamatan", "35.73", None),
    ]
    result = region_load(rows=rows)
    assert result.updated == 1
    assert Region.objects.get(code="35.73").name == "Kota Malang Raya"
    assert "35.73.02.1001" in result.obsolete
    assert Region.objects.filter(code="35.73.02.1001").exists()


def test_load_command_help_explains_itself(capsys):
    with pytest.raises(SystemExit):
        call_command("regions", "load", "--help")
    assert "--only" in capsys.readouterr().out
