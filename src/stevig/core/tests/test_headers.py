"""Response headers. Content-Security-Policy: a strict policy on every page, and no template relies on
inline script or style (which the policy would block). Regression: there was no CSP, a print button used
onclick and the inzage page had an inline <style>. API: `API-Version` header and the OpenAPI document at
/api/v1/openapi.json with contact and a semantic version."""

import re
from pathlib import Path

import pytest
from django.test import Client

from stevig.testing.personas import web_client

SRC = Path(__file__).resolve().parents[2]
INLINE = {
    "inline script": re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE),
    "inline style element": re.compile(r"<style\b", re.IGNORECASE),
    "event handler attribute": re.compile(r"\son[a-z]+\s*=", re.IGNORECASE),
    "style attribute": re.compile(r"\sstyle\s*=", re.IGNORECASE),
    "javascript: URL": re.compile(r"javascript:", re.IGNORECASE),
}


def test_no_template_has_inline_script_or_style():
    found = [
        f"{path.relative_to(SRC)}: {kind}"
        for path in sorted(SRC.glob("*/templates/**/*.html"))
        for kind, pattern in INLINE.items()
        if pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert found == []


def policy(response) -> dict[str, str]:  # type: ignore[no-untyped-def]
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.strip() for part in header.split(";") if part.strip()}


@pytest.mark.django_db
def test_strict_policy_on_pages(world):
    for client, url in [(Client(), "/account/inloggen/"), (web_client(world.own_worker), "/")]:
        directives = policy(client.get(url))
        assert directives["script-src"] == "script-src 'self'"
        assert directives["style-src"] == "style-src 'self'"
        assert directives["object-src"] == "object-src 'none'"
        assert directives["frame-ancestors"] == "frame-ancestors 'none'"
        assert "unsafe" not in " ".join(directives.values())


@pytest.mark.django_db
def test_openapi_document_at_the_nlgov_path_and_no_cdn_docs_page():
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.oai.openapi+json") or response[
        "Content-Type"
    ].startswith("application/json")
    assert response.json()["openapi"].startswith("3.")
    assert Client().get("/api/v1/docs").status_code == 404


@pytest.mark.django_db
def test_api_version_header_and_info(world):
    from stevig.testing.personas import api_client

    for response in [
        api_client(world.own_worker).get("/api/v1/households"),
        Client().get("/api/v1/households"),  # 401/403 too
        Client().get("/api/v1/openapi.json"),
    ]:
        assert re.fullmatch(r"\d+\.\d+\.\d+", response["API-Version"])
    info = Client().get("/api/v1/openapi.json").json()["info"]
    assert info["version"] == Client().get("/api/v1/openapi.json")["API-Version"]
    assert info["contact"]["name"] and info["contact"]["url"].startswith("https://")
    assert "API-Version" not in Client().get("/account/inloggen/")
