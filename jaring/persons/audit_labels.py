"""The persons' audit events in words (jaring.accounts.audit_text); imported by PersonsConfig.ready()."""

from django.utils.translation import gettext_lazy

from jaring.accounts.audit_text import register_audit_labels

register_audit_labels(
    actions={
        "persons.death_record": gettext_lazy("Death recorded on the person's page"),
        "persons.person_merge": gettext_lazy("Persons merged"),
        "persons.person_split": gettext_lazy("Person split"),
        "persons.person_split_from": gettext_lazy("Person made from a split"),
        "persons.deaths_import": gettext_lazy("Death list imported"),
        "persons.nik_confirm": gettext_lazy("NIK checked against the KTP"),
        "persons.deaths_match": gettext_lazy("Death lists matched to persons again"),
        "persons.nik_verify": gettext_lazy("Dukcapil's NIK verification imported"),
    },
    fields={
        "death_date": gettext_lazy("Date of death"),
        "note": gettext_lazy("How it is known"),
        "from_person": gettext_lazy("Split from person"),
        "new_person": gettext_lazy("New person"),
        "new_records": gettext_lazy("Rows moved to it"),
        "niks_without_person": gettext_lazy("Answered NIKs no person holds"),
        "check": gettext_lazy("To check"),
        "refused": gettext_lazy("Refused"),
        "found": gettext_lazy("The person's NIK (Dukcapil)"),
        "other_name": gettext_lazy("Someone else's NIK (Dukcapil)"),
        "not_found": gettext_lazy("Unknown to Dukcapil"),
        "persons_waiting": gettext_lazy("Persons waiting for a NIK check"),
        "nik_check": gettext_lazy("NIK to check"),
    },
)
