"""Model fields shared by the apps (part of `jaring.lib`: it knows no app)."""

import json

from django.db import models


class JSONTextField(models.TextField):
    """JSON kept as plain text: read back as Python data, but never parsed by the database.

    For data written by the million with COPY and only ever read whole (a source row's raw cells,
    its issues): PostgreSQL's jsonb parses every value on the way in, which cost a million-row
    import more time than all its other columns together.
    """

    def from_db_value(self, value, expression, connection):
        return None if value is None else json.loads(value)

    def to_python(self, value):
        if value is None or not isinstance(value, str):
            return value
        return json.loads(value)

    def get_prep_value(self, value):
        return None if value is None else json.dumps(value, ensure_ascii=False)

    def value_to_string(self, obj):
        return self.get_prep_value(self.value_from_object(obj))
