"""Every API write goes through `core.api.write` (issue 8: thin adapters, one action view for API writes).

An AST scan of every `*/api/views.py`: a `post`, `put`, `patch` or `delete` method of a view class must call
`write(...)` (directly or through a helper in the same module that does). The exceptions are listed below,
each with the reason it cannot take the shared shape.
"""

import ast
from pathlib import Path

import stevig

WRITE_METHODS = {"post", "put", "patch", "delete"}

# (app, view class, method): why this write does not go through `write()`.
ALLOWED = {
    # Anonymous (no actor) and replays an earlier answer for the same Idempotency-Key: neither fits the
    # actor-bound shape of `write()`.
    ("intake", "PublicQuestionView", "post"),
    # A search with a body (POST so no resident data lands in URLs or logs): it writes nothing.
    ("intake", "DuplicateCheckView", "post"),
    # A resident search: POST so a BSN never lands in a URL or a server log; it writes nothing.
    ("people", "ResidentSearchView", "post"),
    # Following a question with its reference and secret code (anonymous; POST so the secret code stays
    # out of URLs and logs): a lookup that writes nothing.
    ("portal", "FollowView", "post"),
}


def _calls(node: ast.AST) -> set[str]:
    names = set()
    for sub in ast.walk(node):
        if isinstance(sub, ast.Call):
            func = sub.func
            if isinstance(func, ast.Name):
                names.add(func.id)
            elif isinstance(func, ast.Attribute):
                names.add(func.attr)
    return names


def _writers(tree: ast.Module) -> set[str]:
    """Names of module-level functions that call `write()`, directly or through each other."""
    functions = {n.name: _calls(n) for n in tree.body if isinstance(n, ast.FunctionDef)}
    writers = {"write"}
    grown = True
    while grown:
        grown = False
        for name, calls in functions.items():
            if name not in writers and calls & writers:
                writers.add(name)
                grown = True
    return writers


def _offenders() -> list[tuple[str, str, str]]:
    root = Path(stevig.__file__).parent
    found = []
    for path in sorted(root.glob("*/api/views.py")):
        app = path.parent.parent.name
        tree = ast.parse(path.read_text(), filename=str(path))
        writers = _writers(tree)
        for cls in (n for n in tree.body if isinstance(n, ast.ClassDef)):
            for method in cls.body:
                if isinstance(method, ast.FunctionDef) and method.name in WRITE_METHODS:
                    if not _calls(method) & writers:
                        found.append((app, cls.name, method.name))
    return found


def test_every_api_write_calls_write():
    offenders = [o for o in _offenders() if o not in ALLOWED]
    assert offenders == [], f"API writes that do not go through core.api.write: {offenders}"


def test_the_allow_list_has_no_stale_entries():
    assert ALLOWED <= set(_offenders()), ALLOWED - set(_offenders())
