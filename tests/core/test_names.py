import pytest

from jaring.core.names import comparison_name, joined_name, nik_relation


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Moch. Syaiful", "M. Saiful"),
        ("Mochammad Syaiful", "Muhamad Saiful"),
        ("MOH. SYAIFUL", "Muhammad Syaiful"),
        ("Abd. Rahman", "Abdul Rahman"),
        ("Djoko Santoso", "Joko Santoso"),
        ("Soekarno", "Sukarno"),
        ("Tjahjo Kumolo", "Cahyo Kumolo"),
        ("Chairul Anam", "Khairul Anam"),
        ("Jusuf", "Yusuf"),
        ("Soenjoto", "Sunyoto"),
        ("H. Ahmad Fauzi, S.Pd", "Ahmad Fauzi"),
        ("Hj. Siti Aminah", "SITI AMINAH"),
        ("Bpk. Budi", "budi"),
    ],
)
def test_spellings_of_one_name_meet(a, b):
    assert comparison_name(a) == comparison_name(b)


def test_spacing_meets_in_the_joined_form():
    assert comparison_name("Nur Aini") != comparison_name("Nuraini")
    assert joined_name("Nur Aini") == joined_name("Nuraini")


def test_different_people_stay_apart():
    assert comparison_name("Siti Aminah") != comparison_name("Siti Aisyah")
    assert comparison_name("Budi") != comparison_name("Badu")


def test_one_word_and_empty_names():
    assert comparison_name("Sukarti") == "sukarti"
    assert comparison_name(None) == "" and comparison_name("Drs.") == ""


@pytest.mark.parametrize(
    ("a", "b", "relation"),
    [
        ("3573011508900001", "3573011508900001", "exact"),
        ("3573011508900001", "3573011508900000", "excel_zeroed"),
        ("3573011508900001", "3573011508900091", "one_digit"),
        ("3573011508900001", "3573011508900010", "transposed"),
        ("3573011508900001", "357301150890001", "dropped_digit"),
        ("3573011508900001", "3573021609910002", "different"),
        ("3573011508900001", None, "missing"),
    ],
)
def test_how_niks_get_damaged(a, b, relation):
    assert nik_relation(a, b) == relation
    assert nik_relation(b, a) == relation


def test_the_frame_version_agrees_with_the_scalar_one():
    import polars as pl

    from jaring.core.names import comparison_tokens, comparison_tokens_expr
    from jaring.core.regions import iter_region_rows
    from tests.synthetic.people import synthetic_lists, synthetic_people

    villages = [row.code for row in iter_region_rows(under="35.73") if row.level == 4]
    names = synthetic_lists(synthetic_people(3000, villages=villages), villages=villages)["name"].to_list()
    names += [
        "Moch. Syaiful",
        "H. Ahmad Fauzi, S.Pd",
        "Drs.",
        "",
        None,
        "Siti Aminah, S.Pd.I",
        "Désiré  O'Neil",
        "MUHAMMMAD   Abd. Rahman",
        "Tjahjo Kumolo",
        "Soenjoto",
    ]
    frame = pl.DataFrame({"name": names}, schema={"name": pl.String})
    vectorised = frame.select(comparison_tokens_expr(pl.col("name"))).to_series().to_list()
    for name, tokens in zip(names, vectorised, strict=True):
        assert (tokens or []) == comparison_tokens(name), name
