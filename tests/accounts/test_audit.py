import pytest
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, connection, transaction

from jaring.accounts.models import AuditEvent
from jaring.accounts.roles import Role
from jaring.accounts.services import audit_record, user_create

pytestmark = pytest.mark.django_db


def test_services_write_who_what_and_after(personas):
    event = AuditEvent.objects.get(action="accounts.user_create", object_id=str(personas.operator.pk))
    assert event.actor is None and event.actor_label == "system"
    assert event.object_type == "accounts.user"
    assert event.region_id == "35.73" and event.opd_id == personas.dinsos.pk
    assert event.after == {"username": "operator", "role": "opd_operator", "region": "35.73", "opd": "DINSOS"}
    assert event.at is not None


def test_an_actor_is_recorded_by_name(personas):
    user = user_create(
        actor=personas.admin,
        username="baru",
        password="Sandi-baru-123",
        role=Role.VIEWER,
        region=personas.malang,
    )
    event = AuditEvent.objects.get(action="accounts.user_create", object_id=str(user.pk))
    assert event.actor == personas.admin and event.actor_label == "disnaker"


def test_the_orm_refuses_to_change_or_delete_events():
    event = audit_record(actor=None, action="test.event", before={"a": 1}, after={"a": 2})
    event.action = "test.rewritten"
    with pytest.raises(PermissionDenied):
        event.save()
    with pytest.raises(PermissionDenied):
        event.delete()
    with pytest.raises(PermissionDenied):
        AuditEvent.objects.filter(pk=event.pk).update(action="x")
    with pytest.raises(PermissionDenied):
        AuditEvent.objects.filter(pk=event.pk).delete()
    assert AuditEvent.objects.get(pk=event.pk).action == "test.event"


def test_the_database_refuses_an_update_behind_the_orms_back():
    event = audit_record(actor=None, action="test.event")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE accounts_auditevent SET action = 'forged' WHERE id = %s", [event.pk])
    assert AuditEvent.objects.get(pk=event.pk).action == "test.event"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the DELETE trigger exists on PostgreSQL only")
def test_postgresql_refuses_a_delete_behind_the_orms_back():
    event = audit_record(actor=None, action="test.event")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM accounts_auditevent WHERE id = %s", [event.pk])
    assert AuditEvent.objects.filter(pk=event.pk).exists()
