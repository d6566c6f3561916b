"""Who a source row was linked to, and what BPJS says of a person, as the tests ask it."""

from jaring.bpjs.selectors import participation_of
from jaring.persons.models import Person
from jaring.persons.selectors import record_person_ids
from jaring.registry.models import SourceRecord


def person_of(record: SourceRecord) -> Person | None:
    person_id = record_person_ids(record_ids=[record.pk]).get(record.pk)
    return Person.objects.get(pk=person_id) if person_id else None


def person_id_of(record: SourceRecord) -> int | None:
    return record_person_ids(record_ids=[record.pk]).get(record.pk)


def bpjs_of(person: Person) -> tuple[str, str, str]:
    """(status, KPJ, segment); status "none" when BPJS does not name the person."""
    participation = participation_of(person_id=person.pk)
    if participation is None:
        return ("none", "", "")
    return (participation.status, participation.kpj, participation.segment)
