"""Stevig: the workplace of the municipal access function and local teams (see README and docs/)."""

import importlib
import importlib.util
import sys
import types
from typing import Any


def _lazy_rfc3987_syntax() -> None:
    """Defer `rfc3987_syntax` until an "iri" format is checked.

    jsonschema imports it at its own import when it is installed (for the "iri" and "iri-reference"
    formats, which none of our schemas use), and it builds 38 Earley parsers then: about 4 s of CPU in
    every process that starts Django, because the BRP client imports jsonschema. Production does not
    install it (it comes with the development tools), but every development command paid it: each step of
    `make run`, each test process and each subprocess a test starts. The stand-in imports the real module
    on the first check and hands it on, so a check gives the same answer as before. Where the package is
    not installed nothing changes: jsonschema skips those formats, as before.
    """
    if "rfc3987_syntax" in sys.modules or "jsonschema" in sys.modules:
        return
    if importlib.util.find_spec("rfc3987_syntax") is None:
        return
    stand_in = types.ModuleType("rfc3987_syntax")
    real: list[Any] = []

    def is_valid_syntax(*args: Any, **kwargs: Any) -> Any:
        if not real:
            if sys.modules.get("rfc3987_syntax") is stand_in:
                del sys.modules["rfc3987_syntax"]
            real.append(importlib.import_module("rfc3987_syntax"))
        return real[0].is_valid_syntax(*args, **kwargs)

    stand_in.is_valid_syntax = is_valid_syntax  # type: ignore[attr-defined]
    sys.modules["rfc3987_syntax"] = stand_in


_lazy_rfc3987_syntax()
