"""Building blocks of the row rules: an issue on the rows a condition holds for, its Indonesian text
with each row's values, and lookups worked out once per distinct value joined back beside the rows."""

from dataclasses import dataclass

import polars as pl

from jaring.core.frames import format_str
from jaring.core.intake import messages

ISSUE = pl.Struct({"code": pl.String, "severity": pl.String, "message": pl.String})


def row_issue(condition: pl.Expr, code: str, severity: str, message: pl.Expr) -> tuple[pl.Expr, pl.Expr]:
    """A check: the rows it applies to, and the issue it gives them."""
    return condition.fill_null(False), pl.struct(code=pl.lit(code), severity=pl.lit(severity), message=message)


@dataclass(frozen=True)
class Fixed:
    """A value the same for every row (the reference date, the region's name): written into the text once."""

    text: str


def issue_text(template: messages.Template, *values: pl.Expr | str | Fixed) -> pl.Expr:
    """The Indonesian message of `template` with its values (column names, expressions or fixed texts) filled in.

    Fixed values go into the template before the expression is built, so a million rows do not each
    concatenate the same date and region name.
    """
    parts = template.id.split("{}")
    if len(parts) != len(values) + 1:
        raise ValueError(f"{template.code}: {len(parts) - 1} placeholders for {len(values)} values")
    text, per_row = parts[0], []
    for value, literal in zip(values, parts[1:], strict=True):
        if isinstance(value, Fixed):
            text += value.text.replace("{}", "( )") + literal
        else:
            text += "{}" + literal
            per_row.append(value)
    return format_str(text, *per_row) if per_row else pl.lit(text)


def attach_lookup(
    frame: pl.DataFrame, lookup: pl.DataFrame, *, on: list[str], nulls_equal: bool = False
) -> pl.DataFrame:
    """The columns of `lookup` (one row per key) beside each row of `frame`, in the frame's order.

    Joined onto the key columns alone: a join onto the wide frame would copy every column of a
    million rows each time.
    """
    found = frame.select(on).join(lookup, on=on, how="left", maintain_order="left", nulls_equal=nulls_equal)
    if found.height != frame.height:
        raise ValueError(f"lookup on {on} has repeated keys")
    return frame.hstack(found.drop(on).get_columns())
