import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError

from jaring.accounts.demo import DEMO_USERS, demo_setup
from jaring.accounts.models import AuditEvent, Opd, User
from jaring.accounts.roles import ROLE_CAPABILITIES, Role
from jaring.accounts.services import opd_create, roles_sync, user_create

pytestmark = pytest.mark.django_db


def test_every_role_is_a_group_with_exactly_its_capabilities():
    for role, capabilities in ROLE_CAPABILITIES.items():
        group = Group.objects.get(name=role.value)
        assert set(group.permissions.values_list("codename", flat=True)) == set(capabilities)


def test_roles_sync_repairs_a_tampered_group():
    group = Group.objects.get(name=Role.VIEWER.value)
    group.permissions.clear()
    roles_sync()
    assert group.permissions.count() == len(ROLE_CAPABILITIES[Role.VIEWER])


def test_an_operator_needs_an_opd(regions_sample):
    with pytest.raises(ValidationError, match="OPD"):
        user_create(
            actor=None,
            username="x",
            password="Sandi-kuat-123",
            role=Role.OPD_OPERATOR,
            region=regions_sample["35.73"],
        )
    assert not User.objects.filter(username="x").exists()
    assert not AuditEvent.objects.filter(action="accounts.user_create").exists()


def test_an_opd_of_another_region_is_refused(personas):
    with pytest.raises(ValidationError, match="tidak berada di Kota Malang"):
        user_create(
            actor=None,
            username="x",
            password="Sandi-kuat-123",
            role=Role.OPD_OPERATOR,
            region=personas.malang,
            opd=personas.batu_dinsos,
        )


def test_usernames_are_unique_ignoring_case(personas):
    with pytest.raises(ValidationError):
        user_create(
            actor=None,
            username="OPERATOR",
            password="Sandi-kuat-123",
            role=Role.VIEWER,
            region=personas.malang,
        )


def test_the_user_gets_one_role_and_a_hashed_password(personas):
    user = User.objects.get(username="disnaker")
    assert user.role is Role.DISNAKER_ADMIN
    assert user.check_password("uji-Sandi-2026!") and user.password != "uji-Sandi-2026!"


def test_opds_belong_to_a_regency_or_city_once(regions_sample):
    with pytest.raises(ValidationError):
        opd_create(actor=None, region=regions_sample["35"], code="DINSOS", name="Dinas Sosial")
    opd_create(actor=None, region=regions_sample["35.73"], code="dinsos", name="Dinas Sosial")
    with pytest.raises(ValidationError):
        opd_create(actor=None, region=regions_sample["35.73"], code="DINSOS", name="Lagi")
    assert Opd.objects.get().code == "DINSOS"


def test_demo_setup_is_idempotent_and_keeps_passwords(regions_sample):
    first = demo_setup(password="Sandi-demo-123")
    assert [u.created for u in first] == [True] * len(DEMO_USERS)
    events = AuditEvent.objects.count()
    second = demo_setup(password="lain-lagi-456")
    assert [u.created for u in second] == [False] * len(DEMO_USERS)
    assert AuditEvent.objects.count() == events
    assert User.objects.get(username="disnaker").check_password("Sandi-demo-123")
    assert {u.role for u in User.objects.filter(username__in=[u[0] for u in DEMO_USERS])} == set(Role)


def test_demo_setup_explains_missing_regions(db):
    with pytest.raises(ValidationError, match="regions load"):
        demo_setup(password="Sandi-demo-123")
