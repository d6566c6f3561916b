import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.utils import translation

from jaring.accounts.models import Opd, User
from jaring.accounts.roles import Role
from jaring.accounts.services import opd_create, user_create
from jaring.regions.models import Region
from jaring.regions.services import region_load

PASSWORD = "uji-Sandi-2026!"


def pytest_collection_modifyitems(items):
    """Mark tests that touch no database, so the PostgreSQL pass can skip them."""
    db_fixtures = {"db", "transactional_db", "django_db_reset_sequences", "live_server", "django_user_model"}
    for item in items:
        if item.get_closest_marker("django_db") is None and not db_fixtures & set(item.fixturenames):
            item.add_marker(pytest.mark.nodb)


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Real hashing costs about half a second per user; the tests create dozens."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in the application's language, as a command or a new request does.

    A request in English (the language switch) leaves its thread in English; the next test must not inherit it.
    """
    translation.activate(django_settings.LANGUAGE_CODE)
    yield
    translation.activate(django_settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def empty_cache():
    """Figures cached by one test's data must not answer another's (ids repeat after a rollback)."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def no_heartbeat_thread(settings):
    """Jobs run inside the test's own transaction here; a heartbeat thread would need a connection of its own.

    The tests that start a real worker process give it a heartbeat through its environment.
    """
    settings.JOBS_HEARTBEAT_SECONDS = 0


@pytest.fixture
def regions_sample(db) -> dict[str, Region]:
    """Kota Malang and Kota Batu (Jawa Timur) with everything below them."""
    region_load(only="35.73")
    region_load(only="35.79")
    return {code: Region.objects.get(code=code) for code in ("35", "35.73", "35.79")}


class Personas:
    """One user per role in Kota Malang, plus users elsewhere, with the OPDs they belong to."""

    def __init__(self, regions: dict[str, Region]):
        malang, batu, jatim = regions["35.73"], regions["35.79"], regions["35"]
        self.malang, self.batu, self.jatim = malang, batu, jatim
        self.dinsos = opd_create(actor=None, region=malang, code="DINSOS", name="Dinas Sosial Kota Malang")
        self.satpol = opd_create(actor=None, region=malang, code="SATPOLPP", name="Satpol PP Kota Malang")
        self.batu_dinsos = opd_create(actor=None, region=batu, code="DINSOS", name="Dinas Sosial Kota Batu")
        self.operator = self._user("operator", Role.OPD_OPERATOR, malang, self.dinsos)
        self.other_operator = self._user("operator2", Role.OPD_OPERATOR, malang, self.satpol)
        self.admin = self._user("disnaker", Role.DISNAKER_ADMIN, malang)
        self.bpjs = self._user("bpjs", Role.BPJS_OFFICER, malang)
        self.viewer = self._user("pimpinan", Role.VIEWER, malang)
        self.batu_admin = self._user("disnaker_batu", Role.DISNAKER_ADMIN, batu)
        self.batu_operator = self._user("operator_batu", Role.OPD_OPERATOR, batu, self.batu_dinsos)
        self.province_admin = self._user("disnakertrans_jatim", Role.DISNAKER_ADMIN, jatim)

    def _user(self, username: str, role: Role, region: Region, opd: Opd | None = None) -> User:
        return user_create(actor=None, username=username, password=PASSWORD, role=role, region=region, opd=opd)


@pytest.fixture
def personas(regions_sample) -> Personas:
    return Personas(regions_sample)
