"""The deferred import of rfc3987_syntax (stevig.__init__) changes when it is imported, not what it says."""

import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

import stevig


def test_iri_formats_are_still_checked_with_the_real_rules():
    checker = jsonschema.FormatChecker()
    assert "iri" in checker.checkers
    assert checker.conforms("https://stevigdam.example/wijk/ä", "iri")
    assert not checker.conforms("geen iri met spaties", "iri")


@pytest.mark.system
def test_starting_stevig_does_not_build_the_iri_parsers():
    """A fresh process that imports stevig and then jsonschema holds the stand-in, not the parsers."""
    code = (
        "import stevig, jsonschema, sys; m = sys.modules['rfc3987_syntax']; "
        "print(hasattr(m, 'RFC3987_SYNTAX_TERMS'), 'iri' in jsonschema.FormatChecker().checkers)"
    )
    env = {**os.environ, "PYTHONPATH": str(Path(stevig.__file__).parents[1])}
    result = subprocess.run(  # noqa: S603  (fixed arguments)
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True, env=env
    )
    assert result.stdout.split() == ["False", "True"]
