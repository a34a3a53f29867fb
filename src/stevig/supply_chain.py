"""Supply chain: known vulnerabilities in the locked packages and a CycloneDX SBOM of them.

    python -m stevig.supply_chain audit   # pip-audit on the Python locks, npm audit on package-lock.json
    python -m stevig.supply_chain sbom    # sbom/stevig.cdx.json from requirements.lock + package-lock.json

`audit` needs the advisory databases (PyPI/OSV and the npm registry). When one cannot be reached it says so
in one clear line starting with "OVERGESLAGEN" and does not count as a pass: the exit code is 0 only when
every source answered without findings, 3 when a source was unreachable (and nothing was found elsewhere),
1 when a vulnerability was found. `sbom` works offline.
"""

import base64
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
UNREACHABLE = re.compile(
    r"ConnectionError|ProxyError|Max retries exceeded|NameResolutionError|Temporary failure in name resolution|"
    r"Failed to establish a new connection|timed out|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|ENETUNREACH|"
    r"request to https?://\S+ failed",
    re.IGNORECASE,
)
OK, FOUND, SKIPPED = 0, 1, 3


def _run(command: list[str]) -> tuple[int, str]:
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)  # noqa: S603
    return result.returncode, result.stdout + result.stderr


def audit_python() -> int:
    pip_audit = os.environ.get("STEVIG_PIP_AUDIT", str(Path(sys.executable).with_name("pip-audit")))
    code, output = _run(
        [
            pip_audit,
            "--require-hashes",
            "--disable-pip",
            "--progress-spinner",
            "off",
            "--timeout",
            "20",
            "-r",
            "requirements.lock",
            "-r",
            "requirements-dev.lock",
        ]
    )
    if code == 0:
        print("Python: geen bekende kwetsbaarheden in requirements.lock en requirements-dev.lock.")
        return OK
    if UNREACHABLE.search(output):
        print(
            "OVERGESLAGEN Python: de database met kwetsbaarheden (PyPI) is niet bereikbaar; niets gecontroleerd."
        )
        return SKIPPED
    print(output.strip())
    print("Python: kwetsbaarheden gevonden (zie hierboven).")
    return FOUND


def audit_npm() -> int:
    npm = os.environ.get("STEVIG_NPM", "npm")
    code, output = _run([npm, "audit", "--package-lock-only", "--audit-level=low"])
    if code == 0:
        print("JavaScript: geen bekende kwetsbaarheden in package-lock.json.")
        return OK
    if UNREACHABLE.search(output) or "audit endpoint returned an error" in output:
        print("OVERGESLAGEN JavaScript: de npm-registry is niet bereikbaar; niets gecontroleerd.")
        return SKIPPED
    print(output.strip())
    print("JavaScript: kwetsbaarheden gevonden (zie hierboven).")
    return FOUND


def audit() -> int:
    results = [audit_python(), audit_npm()]
    if FOUND in results:
        return FOUND
    if SKIPPED in results:
        print("Niet alles is gecontroleerd: dit is geen groen licht. Draai 'make audit' opnieuw met netwerk.")
        return SKIPPED
    return OK


def npm_components(lock: dict[str, Any]) -> list[dict[str, Any]]:
    """CycloneDX components from package-lock.json (lockfile v2/v3): name, version, purl, hash, licence."""
    components = []
    seen: set[str] = set()
    for path, package in sorted(lock.get("packages", {}).items()):
        if not path.startswith("node_modules/") or "version" not in package:
            continue
        name = path.rsplit("node_modules/", 1)[1]
        # npm nests the same package@version under several parents: one component each.
        if f"{name}@{package['version']}" in seen:
            continue
        seen.add(f"{name}@{package['version']}")
        purl_name = name.replace("@", "%40", 1) if name.startswith("@") else name
        component: dict[str, Any] = {
            "type": "library",
            "bom-ref": f"npm:{name}@{package['version']}",
            "name": name,
            "version": package["version"],
            "purl": f"pkg:npm/{purl_name}@{package['version']}",
            "scope": "optional" if package.get("dev") else "required",
        }
        algorithm, _, digest = package.get("integrity", "").partition("-")
        if algorithm == "sha512" and digest:
            component["hashes"] = [{"alg": "SHA-512", "content": base64.b64decode(digest).hex()}]
        if package.get("license"):
            component["licenses"] = [{"expression": package["license"]}]
        components.append(component)
    return components


def sbom(target: Path = ROOT / "sbom" / "stevig.cdx.json") -> Path:
    """One CycloneDX JSON document for the Python runtime lock and the npm lock, validated against the
    CycloneDX schema that ships with cyclonedx-python-lib (offline)."""
    cyclonedx_py = os.environ.get("STEVIG_CYCLONEDX_PY", str(Path(sys.executable).with_name("cyclonedx-py")))
    code, output = _run(
        [
            cyclonedx_py,
            "requirements",
            "requirements.lock",
            "--output-format",
            "JSON",
            "--spec-version",
            "1.6",
        ]
    )
    if code != 0:
        raise SystemExit(f"cyclonedx-py faalde:\n{output}")
    document = json.loads(output[output.index("{") :])
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    document.setdefault("components", []).extend(npm_components(lock))
    document.setdefault("metadata", {})["component"] = {
        "type": "application",
        "bom-ref": "stevig",
        "name": "stevig",
        "licenses": [{"expression": "EUPL-1.2"}],
    }
    from cyclonedx.schema import SchemaVersion  # dev dependency, only needed here
    from cyclonedx.validation.json import JsonStrictValidator

    error = JsonStrictValidator(SchemaVersion.V1_6).validate_str(json.dumps(document))
    if error is not None:
        raise SystemExit(f"SBOM voldoet niet aan CycloneDX 1.6: {error}")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(document, indent=2), encoding="utf-8")
    print(f"SBOM geschreven: {target} ({len(document['components'])} onderdelen).")
    return target


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "audit":
        sys.exit(audit())
    if command == "sbom":
        sbom()
        sys.exit(0)
    sys.exit("Gebruik: python -m stevig.supply_chain audit|sbom")
