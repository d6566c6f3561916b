from tests.bpjs.conftest import persons  # noqa: F401  (the same linked persons)
