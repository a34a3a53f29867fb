"""Every environment variable is read in settings.py, and the README's settings table lists exactly those."""

import ast
import re
from pathlib import Path

SRC = Path(__file__).resolve().parents[2]  # src/stevig
ROOT = SRC.parents[1]
ENV_READERS = {"env_str", "env_bool", "env_int", "env_list", "env_choice"}
# Modules that may touch the environment: the settings, the helpers they use, the WSGI entry point, and
# command-line programs that run outside the web application (`python -m stevig.bench`, `make loadtest`,
# `make audit`: they prepare their own processes before or instead of Django).
MAY_READ_ENV = {"settings.py", "core/env.py", "wsgi.py"}


def _is_program(relative: str, source: str) -> bool:
    return relative.endswith("__main__.py") or 'if __name__ == "__main__":' in source


def _env_names(tree: ast.AST) -> set[str]:
    names = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        first = node.args[0]
        if not (isinstance(first, ast.Constant) and isinstance(first.value, str)):
            continue
        func = node.func
        if isinstance(func, ast.Name) and func.id in ENV_READERS:
            names.add(first.value)
        elif (
            isinstance(func, ast.Attribute)
            and func.attr in {"get", "getenv"}
            and ast.unparse(func.value) in {"os.environ", "os"}
        ):
            names.add(first.value)
    return names


def settings_variables() -> set[str]:
    return _env_names(ast.parse((SRC / "settings.py").read_text()))


def readme_variables() -> set[str]:
    text = (ROOT / "README.md").read_text()
    section = text.split("### Instellingen", 1)[1]
    table = []
    for line in section.splitlines()[1:]:
        if table and not line.startswith("|"):
            break
        if line.startswith("|"):
            table.append(line)
    # The first cell names one variable, or several that belong together ("`A` / `B`").
    return {name for line in table for name in re.findall(r"`([A-Z][A-Z0-9_]+)`", line.split("|")[1])}


def test_readme_table_lists_exactly_the_variables_settings_read():
    in_settings, in_readme = settings_variables(), readme_variables()
    assert in_settings, "no environment variables found in settings.py"
    assert sorted(in_settings - in_readme) == [], "read in settings.py but missing from the README table"
    assert sorted(in_readme - in_settings) == [], "in the README table but not read in settings.py"


def test_no_module_reads_the_environment_at_call_time():
    offenders = []
    for path in SRC.rglob("*.py"):
        relative = path.relative_to(SRC).as_posix()
        if relative in MAY_READ_ENV or "/tests/" in f"/{relative}" or relative.startswith("testing/"):
            continue
        source = path.read_text()
        if ("environ" not in source and "env_" not in source) or _is_program(relative, source):
            continue
        if _env_names(ast.parse(source)):
            offenders.append(relative)
    assert offenders == [], "read the variable in settings.py and use django.conf.settings instead"
