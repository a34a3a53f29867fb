"""Supply chain: the audit is never a silent pass, and the SBOM covers both lock files.

The audit runs here with the network closed (a proxy that refuses), as CI may be: each source prints an
OVERGESLAGEN line and the exit code says "not checked". Fake tools show how findings and a clean answer
are told apart. No test queries a real advisory database."""

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from stevig import supply_chain

# Every test here runs pip-audit, npm or the SBOM tools in a process of its own.
pytestmark = pytest.mark.system

ROOT = Path(supply_chain.__file__).resolve().parents[2]
OFFLINE = {
    "HTTPS_PROXY": "http://127.0.0.1:9",
    "HTTP_PROXY": "http://127.0.0.1:9",
    "https_proxy": "http://127.0.0.1:9",
    "http_proxy": "http://127.0.0.1:9",
    "npm_config_https_proxy": "http://127.0.0.1:9",
    "npm_config_proxy": "http://127.0.0.1:9",
    "npm_config_fetch_retries": "0",
    "npm_config_fetch_timeout": "3000",
    "NO_PROXY": "",
}


def run_audit(extra_env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), **extra_env}
    return subprocess.run(
        [sys.executable, "-m", "stevig.supply_chain", "audit"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def fake_tool(tmp_path: Path, name: str, output: str, code: int) -> str:
    path = tmp_path / name
    path.write_text(f"#!/bin/sh\ncat <<'EOF'\n{output}\nEOF\nexit {code}\n", encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IEXEC)
    return str(path)


def test_unreachable_advisory_sources_are_a_clear_skip_not_a_pass():
    result = run_audit(OFFLINE)
    assert result.returncode == supply_chain.SKIPPED, result.stdout + result.stderr
    assert "OVERGESLAGEN Python" in result.stdout
    assert "OVERGESLAGEN JavaScript" in result.stdout
    assert "dit is geen groen licht" in result.stdout


def test_a_finding_fails_and_a_clean_answer_passes(tmp_path):
    clean_npm = fake_tool(tmp_path, "npm-clean", "found 0 vulnerabilities", 0)
    vulnerable = fake_tool(
        tmp_path, "pip-audit-found", "Name Version ID Fix\ndjango 5.2.0 PYSEC-2099-1 5.2.1", 1
    )
    result = run_audit({"STEVIG_PIP_AUDIT": vulnerable, "STEVIG_NPM": clean_npm})
    assert result.returncode == supply_chain.FOUND
    assert "PYSEC-2099-1" in result.stdout and "kwetsbaarheden gevonden" in result.stdout
    clean_pip = fake_tool(tmp_path, "pip-audit-clean", "No known vulnerabilities found", 0)
    result = run_audit({"STEVIG_PIP_AUDIT": clean_pip, "STEVIG_NPM": clean_npm})
    assert result.returncode == supply_chain.OK
    assert "OVERGESLAGEN" not in result.stdout


def test_sbom_lists_python_and_npm_packages(tmp_path):
    target = supply_chain.sbom(tmp_path / "stevig.cdx.json")
    document = json.loads(target.read_text(encoding="utf-8"))
    assert document["bomFormat"] == "CycloneDX" and document["specVersion"] == "1.6"
    purls = {component.get("purl", "") for component in document["components"]}
    assert any(purl.startswith("pkg:pypi/django@5.2") for purl in purls)
    assert any(purl.startswith("pkg:npm/htmx.org@") for purl in purls)
    assert any(purl.startswith("pkg:npm/%40utrecht/") for purl in purls)
    locked = [line for line in (ROOT / "requirements.lock").read_text().splitlines() if "==" in line]
    assert len([p for p in purls if p.startswith("pkg:pypi/")]) == len(locked)
