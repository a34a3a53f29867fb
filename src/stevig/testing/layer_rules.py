"""The layer rule: adapters (views, API views, serializers, template tags) neither query resident data
nor write the access log. Both belong in selectors and services, where the need-to-know rule and the
log row live (`core.access`, `audit.log`).

Run by `stevig.core.tests.test_layer_rules` (so `make test` and CI fail on a violation), or by hand:
`STEVIG_SECRET_KEY=x python -m stevig.testing.layer_rules`.
"""

import ast
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

SRC = Path(__file__).resolve().parents[1]
ADAPTER_GLOBS = (
    "*/views.py",
    "*/api/views.py",
    "*/serializers.py",
    "*/api/serializers.py",
    "*/templatetags/*.py",
)
LOG_FUNCTIONS = {"allowed", "denied", "listed"}


@dataclass(frozen=True)
class Violation:
    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


def resident_models() -> set[str]:
    """Class names of the models that hold resident data: Household and Resident, and every model that
    refers to one of them, directly or through another such model (a goal → plan → trajectory →
    household). Needs Django set up."""
    from django.apps import apps

    from stevig.people.models import Household, Resident

    found = {Household, Resident}
    models = [m for m in apps.get_models() if m.__module__.startswith("stevig.")]
    changed = True
    while changed:
        changed = False
        for model in models:
            if model in found:
                continue
            targets = {f.related_model for f in model._meta.get_fields() if f.is_relation and f.concrete}
            if targets & found:
                found.add(model)
                changed = True
    return {m.__name__ for m in found}


def adapter_files(root: Path = SRC) -> list[Path]:
    return sorted({p for pattern in ADAPTER_GLOBS for p in root.glob(pattern) if "tests" not in p.parts})


def _dotted(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{_dotted(node.value)}.{node.attr}"
    return ""


class _Checker(ast.NodeVisitor):
    def __init__(self, path: str, models: set[str]) -> None:
        self.path = path
        self.models = models
        self.violations: list[Violation] = []
        self.parents: dict[ast.AST, ast.AST] = {}

    def report(self, node: ast.AST, message: str) -> None:
        self.violations.append(Violation(self.path, getattr(node, "lineno", 0), message))

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        names = {a.name for a in node.names}
        if node.module == "stevig.audit.services" and "record_access" in names:
            self.report(node, "imports record_access: write the access log in a selector or service")
        if (node.module == "stevig.audit" and "log" in names) or node.module == "stevig.audit.log":
            self.report(node, "imports stevig.audit.log: write the access log in a selector or service")

    def visit_Call(self, node: ast.Call) -> None:
        name = _dotted(node.func)
        if name.split(".")[-1] == "record_access":
            self.report(node, "calls record_access: write the access log in a selector or service")
        elif name.startswith("log.") and name.split(".")[-1] in LOG_FUNCTIONS:
            self.report(node, f"calls {name}: write the access log in a selector or service")
        self.generic_visit(node)

    def visit_Attribute(self, node: ast.Attribute) -> None:
        if node.attr in ("objects", "_default_manager", "_base_manager"):
            model = _dotted(node.value).split(".")[-1]
            parent = self.parents.get(node)
            harmless = (
                isinstance(parent, ast.Attribute)
                and parent.attr == "none"  # an empty queryset (e.g. for the schema) reads nothing
            )
            if model in self.models and not harmless:
                self.report(node, f"queries {model}.{node.attr}: read resident data through a selector")
        self.generic_visit(node)


def check_source(source: str, path: str, models: set[str]) -> list[Violation]:
    tree = ast.parse(source, filename=path)
    checker = _Checker(path, models)
    for parent in ast.walk(tree):
        for child in ast.iter_child_nodes(parent):
            checker.parents[child] = parent
    checker.visit(tree)
    return checker.violations


def check(files: Iterable[Path] | None = None, models: set[str] | None = None) -> list[Violation]:
    models = resident_models() if models is None else models
    found: list[Violation] = []
    for path in adapter_files() if files is None else files:
        shown = str(path.relative_to(SRC.parent)) if path.is_relative_to(SRC.parent) else str(path)
        found += check_source(path.read_text(encoding="utf-8"), shown, models)
    return found


def main() -> int:  # pragma: no cover - the test runs `check`
    import django

    django.setup()
    problems = check()
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
