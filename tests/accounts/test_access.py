"""Nobody sees outside their scope through the access helpers: personas for every role."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from jaring.accounts.access import get_for_user, region_in_scope, require_capability, scoped
from jaring.accounts.models import AuditEvent, Opd, User
from jaring.accounts.services import audit_record
from jaring.regions.models import Region


def codes(queryset) -> set[str]:
    return {obj.code for obj in queryset}


def usernames(queryset) -> set[str]:
    return {user.username for user in queryset}


def test_an_operator_sees_only_their_own_opd(personas):
    p = personas
    assert list(scoped(p.operator, Opd.objects.all())) == [p.dinsos]
    assert list(scoped(p.other_operator, Opd.objects.all())) == [p.satpol]
    with pytest.raises(Http404):
        get_for_user(p.operator, Opd.objects.all(), pk=p.satpol.pk)
    with pytest.raises(Http404):
        get_for_user(p.operator, Opd.objects.all(), pk=p.batu_dinsos.pk)
    assert get_for_user(p.operator, Opd.objects.all(), pk=p.dinsos.pk) == p.dinsos


def test_an_operator_sees_only_users_and_audit_events_of_their_opd(personas):
    p = personas
    assert usernames(scoped(p.operator, User.objects.all())) == {"operator"}
    audit_record(actor=p.other_operator, action="test.other_opd", region=p.malang, opd=p.satpol)
    audit_record(actor=p.operator, action="test.own_opd", region=p.malang, opd=p.dinsos)
    actions = {event.action for event in scoped(p.operator, AuditEvent.objects.all())}
    assert "test.own_opd" in actions and "test.other_opd" not in actions


@pytest.mark.parametrize("persona", ["admin", "bpjs", "viewer"])
def test_region_roles_see_all_opds_of_their_region_and_nothing_of_another(personas, persona):
    p = personas
    user = getattr(p, persona)
    assert set(scoped(user, Opd.objects.all())) == {p.dinsos, p.satpol}
    with pytest.raises(Http404):
        get_for_user(user, Opd.objects.all(), pk=p.batu_dinsos.pk)
    assert "disnaker_batu" not in usernames(scoped(user, User.objects.all()))
    assert "operator" in usernames(scoped(user, User.objects.all()))


def test_another_regions_admin_sees_nothing_of_malang(personas):
    p = personas
    assert list(scoped(p.batu_admin, Opd.objects.all())) == [p.batu_dinsos]
    with pytest.raises(Http404):
        get_for_user(p.batu_admin, User.objects.all(), pk=p.admin.pk)
    audit_record(actor=p.admin, action="test.malang", region=p.malang)
    assert not scoped(p.batu_admin, AuditEvent.objects.filter(action="test.malang")).exists()


def test_a_province_admin_sees_every_regency_in_the_province(personas):
    p = personas
    assert set(scoped(p.province_admin, Opd.objects.all())) == {p.dinsos, p.satpol, p.batu_dinsos}


def test_regions_are_scoped_to_the_users_region_and_below(personas):
    p = personas
    visible = codes(scoped(p.admin, Region.objects.all()))
    assert "35.73" in visible and "35.73.02.1001" in visible
    assert "35.79" not in visible and "35" not in visible
    assert region_in_scope(p.admin, "35.73.02") and not region_in_scope(p.admin, "35.79")
    assert not region_in_scope(p.admin, "35.731")  # a prefix of the text is not a child region
    with pytest.raises(Http404):
        get_for_user(p.admin, Region.objects.all(), code="35.79")


def test_scoping_fails_closed(personas):
    p = personas
    no_region = User.objects.create_user(username="tanpa_wilayah", password="x")
    assert not scoped(no_region, Opd.objects.all()).exists()
    assert not scoped(AnonymousUser(), Opd.objects.all()).exists()
    p.operator.opd = None
    p.operator.save()
    operator = User.objects.get(pk=p.operator.pk)
    assert not scoped(operator, Opd.objects.all()).exists()
    p.admin.is_active = False
    assert not scoped(p.admin, Opd.objects.all()).exists()


def test_a_superuser_without_region_sees_everything(personas):
    root = User.objects.create_superuser(username="root", password="x")
    assert scoped(root, Opd.objects.all()).count() == 3


def test_a_model_without_scope_cannot_be_fetched_for_a_user(personas):
    from django.contrib.auth.models import Group

    with pytest.raises(TypeError, match="scope_region_field"):
        scoped(personas.admin, Group.objects.all())


@pytest.mark.parametrize(
    ("persona", "allowed", "denied"),
    [
        ("operator", "submit_worker_lists", "review_duplicates"),
        ("admin", "manage_programs", "upload_bpjs_data"),
        ("bpjs", "upload_bpjs_data", "manage_programs"),
        ("viewer", "view_reports", "submit_worker_lists"),
    ],
)
def test_capabilities_follow_the_role(personas, persona, allowed, denied):
    user = User.objects.get(pk=getattr(personas, persona).pk)
    require_capability(user, allowed)
    with pytest.raises(PermissionDenied):
        require_capability(user, denied)


def test_anonymous_has_no_capability():
    with pytest.raises(PermissionDenied):
        require_capability(AnonymousUser(), "view_reports")


@pytest.mark.django_db
def test_persons_of_a_kabupaten_kota_are_seen_by_its_admin_the_province_and_nobody_else(personas):
    from jaring.persons.models import Person

    p = personas
    malang = Person.objects.create(region=p.malang, name="SITI")
    batu = Person.objects.create(region=p.batu, name="BUDI")
    # The kabupaten/kota admin is scoped by equality (the fast path), the province by prefix.
    assert "LIKE" not in str(scoped(p.admin, Person.objects.all()).query)
    assert list(scoped(p.admin, Person.objects.all())) == [malang]
    assert list(scoped(p.batu_admin, Person.objects.all())) == [batu]
    assert set(scoped(p.province_admin, Person.objects.all())) == {malang, batu}
    with pytest.raises(Http404):
        get_for_user(p.admin, Person.objects.all(), pk=batu.pk)
