"""The BRP API Personen specification (2.7.0, `reference/openapi.yaml`) as a checker, without network.

Every answer the client receives is checked against the response schema of its query type, and every
question the mock receives against the request schema (`jsonschema`, draft 2020-12, with formats). The
`fields` a client asks for are checked against the `Persoon` schema: a path that does not exist there is
refused, as the real API does (400).
"""

import copy
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft202012Validator, FormatChecker

REFERENCE = Path(__file__).resolve().parent / "reference"
SPEC_PATH = REFERENCE / "openapi.yaml"

QUERY_TYPES = (
    "RaadpleegMetBurgerservicenummer",
    "ZoekMetGeslachtsnaamEnGeboortedatum",
    "ZoekMetPostcodeEnHuisnummer",
)
# Which person schema a query type answers with (the searches answer with the restricted person).
PERSON_SCHEMA = {
    "RaadpleegMetBurgerservicenummer": "Persoon",
    "ZoekMetGeslachtsnaamEnGeboortedatum": "PersoonBeperkt",
    "ZoekMetPostcodeEnHuisnummer": "PersoonBeperkt",
}


class SpecViolation(Exception):
    """A document does not match the BRP specification. `problems` lists each error as path: message."""

    def __init__(self, what: str, problems: list[str]) -> None:
        self.what = what
        self.problems = problems
        super().__init__(f"{what} klopt niet met de BRP-specificatie: " + "; ".join(problems[:5]))


@cache
def spec() -> dict[str, Any]:
    with SPEC_PATH.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


@cache
def _components() -> dict[str, Any]:
    """The components with the OpenAPI `discriminator` made checkable: a discriminated base X becomes
    "X plus the schema its `type` names" (if/then per mapping), and the subtypes, which extend X
    through allOf, extend a copy of X without the discriminator (else the check would loop)."""
    components = copy.deepcopy(spec()["components"])
    schemas = components["schemas"]
    for name, schema in list(schemas.items()):
        mapping = schema.get("discriminator", {}).get("mapping")
        if not mapping:
            continue
        plain = {k: v for k, v in schema.items() if k != "discriminator"}
        schemas[f"{name}Basis__"] = plain
        base_ref = f"#/components/schemas/{name}"
        for target in mapping.values():
            sub = schemas[target.rsplit("/", 1)[1]]
            for part in sub.get("allOf", []):
                if part.get("$ref") == base_ref:
                    part["$ref"] = f"#/components/schemas/{name}Basis__"
        prop = schema["discriminator"]["propertyName"]
        schemas[name] = {
            "allOf": [
                {"$ref": f"#/components/schemas/{name}Basis__"},
                *[
                    {
                        "if": {"properties": {prop: {"const": value}}, "required": [prop]},
                        "then": {"$ref": target},
                    }
                    for value, target in mapping.items()
                ],
            ]
        }
    return components


@cache
def _validator(schema_name: str) -> Draft202012Validator:
    # The whole document is the root, so "#/components/schemas/..." references resolve inside it.
    root = {"$ref": f"#/components/schemas/{schema_name}", "components": _components()}
    return Draft202012Validator(root, format_checker=FormatChecker())


def problems(schema_name: str, document: Any) -> list[str]:
    found = []
    for error in sorted(_validator(schema_name).iter_errors(document), key=lambda e: list(e.path)):
        where = "/".join(str(p) for p in error.absolute_path) or "(hoofdniveau)"
        found.append(f"{where}: {error.message[:200]}")
    return found


def check(schema_name: str, document: Any, *, what: str) -> None:
    found = problems(schema_name, document)
    if found:
        raise SpecViolation(what, found)


def check_response(query_type: str, document: Any) -> None:
    """Raise SpecViolation unless `document` is a valid answer to a `query_type` question."""
    if not isinstance(document, dict) or document.get("type") != query_type:
        raise SpecViolation("Het antwoord van de BRP", [f"type is niet {query_type}"])
    check(f"{query_type}Response", document, what="Het antwoord van de BRP")
    # The discriminator is not a JSON Schema keyword: check each person against its own schema too.
    for index, person in enumerate(document.get("personen") or []):
        found = problems(PERSON_SCHEMA[query_type], person)
        if found:
            raise SpecViolation("Het antwoord van de BRP", [f"personen/{index}/{p}" for p in found])


def _resolve(schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = spec()["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    return schema


def _properties(schema: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """Every (name, schema) a value of `schema` may have: its own, its allOf parts' and, for a
    discriminated base (AbstractDatum, AbstractVerblijfplaats, Gezagsrelatie), its subtypes'."""
    schema = _resolve(schema)
    if schema.get("type") == "array" and "items" in schema:
        return _properties(schema["items"])
    found: list[tuple[str, dict[str, Any]]] = list(schema.get("properties", {}).items())
    for part in schema.get("allOf", []):
        found.extend(_properties(part))
    for target in schema.get("discriminator", {}).get("mapping", {}).values():
        sub = spec()["components"]["schemas"][target.rsplit("/", 1)[1]]
        for part in sub.get("allOf", []):
            if _resolve(part) is not schema:
                found.extend(_properties(part))
    return found


def field_exists(path: str, *, person_schema: str = "Persoon") -> bool:
    """Whether a `fields` path (e.g. "verblijfplaats.verblijfadres.postcode") exists in the person schema."""
    candidates: list[dict[str, Any]] = [{"$ref": f"#/components/schemas/{person_schema}"}]
    for name in path.split("."):
        candidates = [sub for c in candidates for key, sub in _properties(c) if key == name]
        if not candidates:
            return False
    return True
