import polars as pl
import pytest

from jaring.core.frames import format_str


def test_format_str_fills_placeholders_in_order_from_names_and_expressions():
    frame = pl.DataFrame({"a": ["L", None], "b": [1, 2]})
    assert frame.select(format_str("{} / {}!", "a", pl.col("b") * 10)).to_series().to_list() == ["L / 10!", None]


def test_format_str_works_on_columns_of_several_chunks_after_a_filter():
    # The shape that made pl.format panic inside a million-row import: chunked columns, then a filter.
    parts = [pl.DataFrame({"x": [f"a{i}" for i in range(n)], "y": ["L", "P"] * (n // 2)}) for n in (1000, 3000, 5000)]
    frame = pl.concat(parts, rechunk=False).with_columns(z=pl.col("y").replace({"L": "P", "P": "L"}))
    kept = frame.filter(pl.col("y") != pl.col("z"))
    out = kept.select(format_str("{} ≠ {} ({})", "y", "z", "x")).to_series()
    assert out.len() == frame.height and out[0] == "L ≠ P (a0)"


def test_format_str_refuses_a_template_that_does_not_fit_its_values():
    with pytest.raises(ValueError, match="placeholders"):
        format_str("{} and {}", "a")
