import pytest
from django.core.exceptions import ImproperlyConfigured

from jaring.lib.env import env_bool, env_int, env_list, env_str


def test_required_string_fails_loudly_when_unset_or_empty(monkeypatch):
    monkeypatch.delenv("JARING_TEST_VAR", raising=False)
    with pytest.raises(ImproperlyConfigured, match="JARING_TEST_VAR"):
        env_str("JARING_TEST_VAR")
    monkeypatch.setenv("JARING_TEST_VAR", "")
    with pytest.raises(ImproperlyConfigured):
        env_str("JARING_TEST_VAR")
    monkeypatch.setenv("JARING_TEST_VAR", "nilai")
    assert env_str("JARING_TEST_VAR") == "nilai"


@pytest.mark.parametrize(("raw", "expected"), [("1", True), ("TRUE", True), ("on", True), ("no", False), ("0", False)])
def test_bool(monkeypatch, raw, expected):
    monkeypatch.setenv("JARING_TEST_VAR", raw)
    assert env_bool("JARING_TEST_VAR", not expected) is expected


def test_bool_rejects_what_it_cannot_read(monkeypatch):
    monkeypatch.setenv("JARING_TEST_VAR", "ya")
    with pytest.raises(ImproperlyConfigured, match="not a boolean"):
        env_bool("JARING_TEST_VAR", False)


def test_empty_means_default(monkeypatch):
    monkeypatch.setenv("JARING_TEST_VAR", " ")
    assert env_bool("JARING_TEST_VAR", True) is True
    assert env_int("JARING_TEST_VAR", 7) == 7
    assert env_list("JARING_TEST_VAR", ["a"]) == ["a"]


def test_int_and_list(monkeypatch):
    monkeypatch.setenv("JARING_TEST_VAR", "12x")
    with pytest.raises(ImproperlyConfigured, match="whole number"):
        env_int("JARING_TEST_VAR", 0)
    monkeypatch.setenv("JARING_TEST_VAR", "a.example, b.example,,")
    assert env_list("JARING_TEST_VAR", []) == ["a.example", "b.example"]


def test_settings_are_indonesian_in_jakarta_and_not_debug():
    from django.conf import settings

    assert settings.LANGUAGE_CODE == "id"
    assert [code for code, _name in settings.LANGUAGES] == ["id", "en"]
    assert settings.TIME_ZONE == "Asia/Jakarta"
