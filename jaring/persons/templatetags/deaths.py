"""`{% person_death person as death %}`: the death that marks a person deceased, for pages that show a person."""

from django import template

from jaring.persons.models import Death, Person
from jaring.persons.selectors import person_death as death_of

register = template.Library()


@register.simple_tag
def person_death(person: Person) -> Death | None:
    return death_of(person=person)
