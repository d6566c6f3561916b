"""The region's administrator runs OPDs and accounts: pages and CLI, scoped, audited, passwords shown once."""

import json

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from jaring.accounts.models import AuditEvent, Opd, User
from jaring.accounts.roles import Role
from tests.files import xlsx_bytes

pytestmark = pytest.mark.django_db


def test_the_administrator_adds_an_opd_and_another_region_never_sees_it(client, personas):
    client.force_login(personas.admin)
    response = client.post(
        reverse("accounts:opds"), {"code": "dishub ", "name": "Dinas Perhubungan Kota Malang", "kind": "opd"}
    )
    assert response.status_code == 302
    opd = Opd.objects.get(region=personas.malang, code="DISHUB")
    assert AuditEvent.objects.filter(action="accounts.opd_create", object_id=str(opd.pk)).exists()
    assert "Dinas Perhubungan Kota Malang" in client.get(reverse("accounts:opds")).text

    client.force_login(personas.batu_admin)
    assert "Dinas Perhubungan" not in client.get(reverse("accounts:opds")).text
    assert client.get(reverse("accounts:opd", args=[opd.pk])).status_code == 404


def test_a_bad_opd_is_refused_with_a_reason_and_nothing_stored(client, personas):
    client.force_login(personas.admin)
    before = Opd.objects.count()
    page = client.post(reverse("accounts:opds"), {"code": "DINSOS", "name": "Dinas Sosial lagi", "kind": "opd"}).text
    assert "OPD DINSOS sudah ada di Kota Malang." in page
    page = client.post(reverse("accounts:opds"), {"code": "X", "name": "Dinas", "kind": "opd"}).text
    assert "tidak sah" in page
    assert Opd.objects.count() == before


def test_renaming_and_deactivating_an_opd_is_audited_field_by_field(client, personas):
    client.force_login(personas.admin)
    url = reverse("accounts:opd", args=[personas.satpol.pk])
    client.post(url, {"name": "Satpol PP dan Linmas Kota Malang", "kind": "opd"})  # unticked: deactivated
    personas.satpol.refresh_from_db()
    assert personas.satpol.name == "Satpol PP dan Linmas Kota Malang" and not personas.satpol.is_active
    event = AuditEvent.objects.get(action="accounts.opd_update")
    assert event.before == {"name": "Satpol PP Kota Malang", "is_active": True}
    log = client.get(reverse("accounts:audit_log")).text
    assert "Nama: Satpol PP Kota Malang → Satpol PP dan Linmas Kota Malang" in log and "Aktif: ya → tidak" in log
    # A deactivated OPD takes no new lists: the upload form no longer offers it (options show names).
    choices = client.get(reverse("registry:submissions")).text.split("<select")[1].split("</select>")[0]
    assert "Dinas Sosial Kota Malang" in choices and "Satpol PP" not in choices


def test_an_account_gets_a_password_shown_once_and_chooses_its_own(client, personas):
    client.force_login(personas.admin)
    response = client.post(
        reverse("accounts:users"),
        {"username": "siti.dishub", "full_name": "Siti Rahayu", "role": "opd_operator", "opd": personas.satpol.pk},
        follow=True,
    )
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    password = response.text.split('data-testid="new-password">')[1].split("<")[0]
    # Shown once: reloading the page does not show it again.
    again = client.get(response.redirect_chain[-1][0]).text
    assert password not in again and 'data-testid="password-gone"' in again
    user = User.objects.get(username="siti.dishub")
    assert user.role is Role.OPD_OPERATOR and user.opd == personas.satpol and user.region == personas.malang
    assert user.must_change_password and user.check_password(password)
    assert password not in json.dumps(list(AuditEvent.objects.values("before", "after")))

    client.logout()
    assert client.login(username="siti.dishub", password=password)
    assert client.get(reverse("registry:submissions"))["Location"] == reverse("accounts:password_change")
    response = client.post(
        reverse("accounts:password_change"), {"password": "Sandi-Siti-2026", "repeat": "Sandi-Siti-2026"}
    )
    assert response.status_code == 302
    assert client.get(reverse("registry:submissions")).status_code == 200
    user.refresh_from_db()
    assert not user.must_change_password and user.check_password("Sandi-Siti-2026")


def test_an_operator_needs_an_opd_and_the_form_says_so(client, personas):
    client.force_login(personas.admin)
    page = client.post(reverse("accounts:users"), {"username": "tanpa", "full_name": "X Y", "role": "opd_operator"})
    assert "Operator OPD harus terdaftar pada satu OPD." in page.text
    assert not User.objects.filter(username="tanpa").exists()


def test_reset_and_deactivate_are_scoped_and_audited(client, personas):
    client.force_login(personas.admin)
    url = reverse("accounts:user", args=[personas.operator.pk])
    response = client.post(url, {"tindakan": "reset"}, follow=True)
    assert 'data-testid="new-password"' in response.text
    client.post(url, {"tindakan": "nonaktifkan"})
    personas.operator.refresh_from_db()
    assert not personas.operator.is_active and personas.operator.must_change_password
    assert {"accounts.user_password_reset", "accounts.user_deactivate"} <= set(
        AuditEvent.objects.values_list("action", flat=True)
    )
    client.force_login(personas.batu_admin)
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("who", ["operator", "bpjs", "viewer"])
def test_other_roles_are_refused_with_a_page_that_explains(client, personas, who):
    client.force_login(getattr(personas, who))
    response = client.get(reverse("accounts:users"))
    assert response.status_code == 403 and "Halaman ini bukan untuk peran Anda" in response.text


def test_cli_sets_up_a_region_from_spreadsheets(personas, tmp_path, capsys):
    opds = tmp_path / "opd.xlsx"
    opds.write_bytes(
        xlsx_bytes(
            {
                "OPD": [
                    ["Kode", "Nama", "Jenis"],
                    ["KEMENAG", "Kantor Kementerian Agama Kota Malang", "OPD"],
                    ["KEL_DINOYO", "Kelurahan Dinoyo", "Kelurahan"],
                ]
            }
        )
    )
    call_command("opd", "add", "--file", str(opds), "--region", "35.73", "--json")
    added = json.loads(capsys.readouterr().out)
    assert [(o["code"], o["kind"]) for o in added] == [("KEMENAG", "opd"), ("KEL_DINOYO", "kelurahan")]

    accounts = tmp_path / "akun.csv"
    accounts.write_text("Username,Nama,Peran,OPD\nahmad,Ahmad Kemenag,operator,kemenag\nbu.rt,Bu RT,pimpinan,\n")
    call_command("user", "add", "--file", str(accounts), "--region", "35.73", "--json")
    created = json.loads(capsys.readouterr().out)
    assert [(u["username"], u["role"], u["opd"]) for u in created] == [
        ("ahmad", "opd_operator", "KEMENAG"),
        ("bu.rt", "viewer", None),
    ]
    assert User.objects.get(username="ahmad").check_password(created[0]["password"])

    call_command("user", "deactivate", "ahmad", "--json")
    assert json.loads(capsys.readouterr().out) == {"username": "ahmad", "active": False}
    call_command("opd", "list", "--region", "35.73", "--json")
    assert "KEMENAG" in {o["code"] for o in json.loads(capsys.readouterr().out)}


def test_cli_refuses_a_bad_row_and_adds_nothing(personas, tmp_path):
    opds = tmp_path / "opd.csv"
    opds.write_text("Kode,Nama\nDISHUB,Dinas Perhubungan\nDINSOS,Dinas Sosial lagi\n")
    with pytest.raises(CommandError, match="baris 3: OPD DINSOS sudah ada"):
        call_command("opd", "add", "--file", str(opds), "--region", "35.73")
    assert not Opd.objects.filter(code="DISHUB").exists()
    with pytest.raises(CommandError, match=r"OPD 'DISHUB' tidak ada di Kota Malang\. Kode yang ada: DINSOS, SATPOLPP"):
        call_command("user", "add", "budi", "--role", "operator", "--opd", "DISHUB", "--region", "35.73")


def test_cli_import_names_the_opd_by_code_and_refuses_an_unknown_one(personas, tmp_path, capsys):
    from tests.registry.test_import import GOOD, messy_list

    path = tmp_path / "kemenag.xlsx"
    path.write_bytes(messy_list(GOOD))
    with pytest.raises(CommandError, match=r"OPD 'KEMENAG' tidak ada di Kota Malang\. Kode yang ada: DINSOS, SATPOLPP"):
        call_command("import", str(path), "--source", "KEMENAG", "--region", "35.73")
    call_command("opd", "add", "--code", "KEMENAG", "--name", "Kemenag Kota Malang", "--region", "35.73")
    call_command("import", str(path), "--source", "kemenag", "--region", "35.73", "--json")
    capsys.readouterr()
    operator = User.objects.create_user(username="op_kemenag", region=personas.malang)
    operator.opd = Opd.objects.get(code="KEMENAG")
    operator.save()
    operator.groups.set(personas.operator.groups.all())
    from django.test import Client

    client = Client()
    client.force_login(operator)
    from jaring.registry.models import Submission

    submission = Submission.objects.get(opd__code="KEMENAG")
    assert client.get(reverse("registry:submission", args=[submission.pk])).status_code == 200
