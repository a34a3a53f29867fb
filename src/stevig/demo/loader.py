"""Writes the demo municipalities into the database.

This is a data loader, not a user action: nobody reads or changes a resident's file here, the data
is fabricated, so no access-log rows are written and the services (one business operation each, with
a log row each) are not used. Set-up rows go in with `bulk_create`; the many household, resident,
membership and name-token rows go in through `_BulkInserter`, built from the models' own field list:
on PostgreSQL with `COPY ... FROM STDIN` per table and batch (psycopg 3 `cursor.copy()`), on SQLite with
batched `executemany` INSERTs. `bulk_create` spends most of its time building model instances and SQL
per row; the batched INSERTs managed about 90 households/s on PostgreSQL (400 000 households: over an
hour), COPY makes that minutes (docs/scale.md). Everything runs in one transaction, so an interrupted
load leaves nothing behind. The bulk tables are analysed right after the bulk part, before the work in
progress is made through the services, so those services' queries are planned with the real sizes. Ids come from seeded random streams, so the
same seed gives the same rows.
"""

import random
import time
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from datetime import time as clock_time
from functools import lru_cache
from typing import Any

from django.contrib.auth.hashers import make_password
from django.db import connections, models, router, transaction
from django.db.models.fields import AutoFieldMixin
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from stevig.accounts.models import ApiToken, User
from stevig.accounts.selectors import token_hash
from stevig.core.bulk import analyze
from stevig.demo.credentials import demo_api_key
from stevig.demo.generator import (
    HouseholdDraft,
    HouseholdPlanner,
    backup_codes,
    plan_postcode_areas,
    rng_for,
    seeded_uuid,
    totp_key,
)
from stevig.demo.spec import (
    ANDERDORP,
    DEFAULT_HOUSEHOLDS,
    DEFAULT_SEED,
    DEMO_PASSWORD,
    OTHER_MUNICIPALITY_HOUSEHOLDS,
    STEVIGDAM,
    MunicipalitySpec,
)
from stevig.people.models import (
    Household,
    HouseholdMembership,
    Involvement,
    Resident,
    ResidentNameToken,
    name_tokens,
)
from stevig.tenancy.models import (
    Department,
    ExpertiseTag,
    Location,
    Municipality,
    Neighbourhood,
    OpeningHours,
    PostcodeArea,
    Team,
)

BATCH = 2000
# From this many households on PostgreSQL, the plain (non-unique) indexes of the bulk tables are dropped
# for the load and built again afterwards: maintaining random-UUID and name-token B-trees row by row
# outgrows the buffer cache at a few hundred thousand rows, and one sorted CREATE INDEX is far cheaper.
REBUILD_INDEXES_FROM = 50_000


@dataclass
class MunicipalitySummary:
    code: str
    name: str
    households: int = 0
    residents: int = 0
    residents_with_bsn: int = 0
    staff: int = 0
    bsn_range_exhausted: bool = False


@dataclass
class DemoSummary:
    seed: int
    seconds: float = 0.0
    municipalities: list[MunicipalitySummary] = field(default_factory=list)
    work: list[Any] = field(default_factory=list)  # stevig.demo.work.WorkSummary per municipality

    def line(self) -> str:
        parts = [
            f"{m.name} ({m.code}): {m.households} huishoudens, {m.residents} inwoners "
            f"({m.residents_with_bsn} met BSN), {m.staff} medewerkers"
            for m in self.municipalities
        ]
        work = [
            f"{w.questions} vragen, {w.trajectories} trajecten, {w.plan_actions} planacties, "
            f"{w.mandate_requests} mandaatverzoeken, {w.decisions} beschikkingen, "
            f"{w.safety_tracks} veiligheidssporen, {len(w.young_people)} jongeren bijna 18"
            + (f", {len(w.skipped)} overgeslagen" if w.skipped else "")
            for w in self.work
        ]
        return (
            f"Demogemeenten geladen in {self.seconds:.1f} s (seed {self.seed}): "
            + "; ".join(parts)
            + (". Werk: " + "; ".join(work) if work else "")
            + "."
        )


class _BulkInserter:
    """Bulk writes for one model: rows are dicts of attname -> Python value.

    PostgreSQL: one `COPY table (columns) FROM STDIN` per call (`method == "copy"`), rows written with
    psycopg's own adaptation; SQLite (and any other database): batched `executemany` INSERTs
    (`method == "insert"`). Columns left out of a row get the field's default, so a column another app
    adds later (with a default) does not break the loader. Values are converted to database values once
    per field type.
    """

    _PLAIN = {
        "CharField",
        "TextField",
        "IntegerField",
        "PositiveIntegerField",
        "PositiveSmallIntegerField",
        "SmallIntegerField",
        "BigIntegerField",
        "PositiveBigIntegerField",
        "BooleanField",
        "EmailField",
    }

    def __init__(self, model: type[models.Model], now: datetime) -> None:
        self.connection = connections[router.db_for_write(model)]
        # Auto-increment keys are left to the database.
        self.fields = [f for f in model._meta.concrete_fields if not isinstance(f, AutoFieldMixin)]
        self.attnames = [f.attname for f in self.fields]
        self.defaults: dict[str, Any] = {}
        for f in self.fields:
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                self.defaults[f.attname] = now
            else:  # the declared default, "" for text columns, None for nullable ones
                self.defaults[f.attname] = f.get_default()
        self.converters = [self._converter(f) for f in self.fields]
        # Defaults are converted once; a row that leaves a column out gets the converted default.
        self.converted_defaults = {
            f.attname: (self.defaults[f.attname] if convert is None else convert(self.defaults[f.attname]))
            for f, convert in zip(self.fields, self.converters, strict=True)
            if f.attname in self.defaults
        }
        qn = self.connection.ops.quote_name
        columns = ", ".join(qn(str(f.column)) for f in self.fields)
        placeholders = ", ".join(["%s"] * len(self.fields))
        # Table and column names come from the model's meta data; every value is a query parameter.
        self.sql = f"INSERT INTO {qn(model._meta.db_table)} ({columns}) VALUES ({placeholders})"  # noqa: S608
        self.copy_sql = f"COPY {qn(model._meta.db_table)} ({columns}) FROM STDIN"
        self.method = "copy" if self.connection.vendor == "postgresql" else "insert"

    def _converter(self, field: models.Field) -> Any:  # type: ignore[type-arg]
        target = field.target_field if isinstance(field, models.ForeignKey) else field
        kind = target.get_internal_type()
        vendor = self.connection.vendor
        if kind in self._PLAIN:
            return None
        if kind == "UUIDField" and vendor == "sqlite":
            return lambda v: None if v is None else v.hex
        if kind in ("UUIDField", "DateField") and vendor == "postgresql":
            return None  # psycopg adapts uuid.UUID and date itself
        if kind == "DateField" and vendor == "sqlite":
            return lambda v: None if v is None else v.isoformat()
        connection = self.connection
        return lambda v: field.get_db_prep_save(v, connection)

    def insert(self, rows: list[dict[str, Any]]) -> None:
        if not rows:
            return
        defaults = self.converted_defaults
        pairs = list(zip(self.attnames, self.converters, strict=True))
        values = []
        for row in rows:
            item = []
            for attname, convert in pairs:
                if attname not in row:
                    item.append(defaults[attname])
                elif convert is None:
                    item.append(row[attname])
                else:
                    item.append(convert(row[attname]))
            values.append(item)
        with self.connection.cursor() as cursor:
            if self.method == "copy":
                # Django's cursor wrapper hands `copy` to psycopg's cursor; COPY bypasses the
                # per-statement parsing and planning of INSERT, and psycopg adapts each value itself.
                with cursor.copy(self.copy_sql) as copy:
                    for item in values:
                        copy.write_row(item)
                return
            for start in range(0, len(values), BATCH):
                cursor.executemany(self.sql, values[start : start + BATCH])


@contextmanager
def _plain_indexes_dropped(model_classes: tuple[type[models.Model], ...], *, enabled: bool) -> Iterator[None]:
    """Drop the plain indexes of these tables on PostgreSQL and recreate them (same definition) on exit.

    Unique indexes and those behind a constraint stay: they guard the data while it is loaded.
    Runs inside the loader's transaction, so a failed load leaves every index as it was.
    """
    connection = connections[router.db_for_write(model_classes[0])]
    if not enabled or connection.vendor != "postgresql":
        yield
        return
    tables = [m._meta.db_table for m in model_classes]
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT i.indexname, i.indexdef FROM pg_indexes i
            WHERE i.schemaname = current_schema() AND i.tablename = ANY(%s)
              AND i.indexdef NOT LIKE 'CREATE UNIQUE INDEX%%'
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)
            """,
            [tables],
        )
        definitions = cursor.fetchall()
        for name, _definition in definitions:
            cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
    yield
    with connection.cursor() as cursor:
        # Django's foreign keys are DEFERRABLE INITIALLY DEFERRED: the COPYs left their checks pending,
        # and PostgreSQL builds no index on a table with pending trigger events. Check them now.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for _name, definition in definitions:
            cursor.execute(definition)
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def demo_loaded() -> bool:
    return Municipality.objects.filter(code__in=[STEVIGDAM.code, ANDERDORP.code]).exists()


@lru_cache(maxsize=4)
def _password_hash(password: str) -> str:
    # Hashing is deliberately slow; one hash serves every demo account.
    return make_password(password)


def load_demo(
    *,
    households: int = DEFAULT_HOUSEHOLDS,
    seed: int = DEFAULT_SEED,
    today: date | None = None,
    other_households: int = OTHER_MUNICIPALITY_HOUSEHOLDS,
    progress: Callable[[int, int], None] | None = None,
    work: bool = True,
) -> DemoSummary:
    """Create Stevigdam (with `households` households) and Anderdorp. The database must not hold them yet.

    `progress(done, total)` is called after every batch of households. Afterwards the loaded tables
    are analysed, so the planner knows their size at once instead of after autovacuum's next round.
    """
    if households < 1:
        raise ValueError("households must be at least 1")
    today = today or timezone.localdate()
    started = time.perf_counter()
    summary = DemoSummary(seed=seed)
    with transaction.atomic():
        total = households + other_households
        done = 0
        for spec, count in ((STEVIGDAM, households), (ANDERDORP, other_households)):

            def step(written: int, before: int = done) -> None:
                if progress is not None:
                    progress(before + written, total)

            summary.municipalities.append(_load_municipality(spec, count, seed, today, step))
            done += count
        _seed_social_map([STEVIGDAM.code, ANDERDORP.code])
    # The planner's statistics first: the work below runs ordinary service queries on these tables.
    analyze(*LOADED_MODELS)
    if work:
        # Work in progress for every role (questions, trajectories, plans, requests, decisions), made
        # through the services, so start pages and figures show real content.
        from stevig.demo.work import load_work

        for municipality in Municipality.objects.filter(code__in=[STEVIGDAM.code, ANDERDORP.code]):
            summary.work.append(load_work(municipality=municipality, seed=seed, today=today))
            # The patterns page counts from summary tables; the demo fills them once, as the nightly job does.
            from stevig.patterns.services import refresh as refresh_patterns

            refresh_patterns(municipality_id=municipality.id)
    summary.seconds = time.perf_counter() - started
    return summary


def _seed_social_map(codes: list[str]) -> None:
    """Example facilities for the sociale kaart, when that app offers them (it owns its own data)."""
    try:
        from stevig.socialmap import services as socialmap_services
    except ImportError:  # pragma: no cover - the app is always installed
        return
    seed_facilities = getattr(socialmap_services, "seed_example_facilities", None)
    if seed_facilities is None:
        return
    for municipality in Municipality.objects.filter(code__in=codes):
        seed_facilities(municipality)


# The tables the loader fills in bulk; ANALYZE gives the planner their real size right away.
LOADED_MODELS: tuple[type[models.Model], ...] = (
    Household,
    Resident,
    HouseholdMembership,
    ResidentNameToken,
    Involvement,
    User,
)


def _load_municipality(
    spec: MunicipalitySpec, count: int, seed: int, today: date, progress: Callable[[int], None]
) -> MunicipalitySummary:
    ids = rng_for(seed, spec.code, "setup")
    summary = MunicipalitySummary(code=spec.code, name=spec.name)
    gm = Municipality.objects.create(
        id=seeded_uuid(ids),
        code=spec.code,
        name=spec.name,
        phone=spec.phone,
        visiting_address=spec.visiting_address,
    )

    hoods = {
        h.code: Neighbourhood(id=seeded_uuid(ids), municipality=gm, code=h.code, name=h.name)
        for h in spec.neighbourhoods
    }
    Neighbourhood.objects.bulk_create(hoods.values())
    areas = plan_postcode_areas(spec, count)
    PostcodeArea.objects.bulk_create(
        PostcodeArea(id=seeded_uuid(ids), municipality=gm, neighbourhood=hoods[code], postcode_digits=digits)
        for code, digit_list in areas.items()
        for digits in digit_list
    )
    teams = {name: Team(id=seeded_uuid(ids), municipality=gm, name=name) for name in spec.teams}
    Team.objects.bulk_create(teams.values())
    for hood in spec.neighbourhoods:
        teams[hood.team].neighbourhoods.add(hoods[hood.code])
    departments = {
        name: Department(id=seeded_uuid(ids), municipality=gm, name=name, response_term_working_days=term)
        for name, term in spec.departments
    }
    Department.objects.bulk_create(departments.values())
    tags = {name: ExpertiseTag(id=seeded_uuid(ids), municipality=gm, name=name) for name in spec.expertise}
    ExpertiseTag.objects.bulk_create(tags.values())
    _load_locations(spec, gm, hoods, teams, areas, ids)
    users = _load_staff(spec, gm, teams, departments, tags, seed, ids)
    summary.staff = len(users)

    planner = HouseholdPlanner(spec, seed=seed, today=today, total=count)
    hood_team = {h.code: teams[h.team] for h in spec.neighbourhoods}
    now = timezone.now()
    inserters: dict[type[models.Model], _BulkInserter] = {
        model: _BulkInserter(model, now)
        for model in (Household, Resident, HouseholdMembership, ResidentNameToken)
    }
    by_team: dict[str, list[uuid.UUID]] = defaultdict(list)
    batch: list[HouseholdDraft] = []
    with _plain_indexes_dropped(tuple(inserters), enabled=count >= REBUILD_INDEXES_FROM):
        for draft in planner.households():
            batch.append(draft)
            by_team[hood_team[draft.neighbourhood_code].name].append(draft.id)
            if len(batch) >= BATCH:
                _write_households(batch, gm, hoods, hood_team, today, summary, inserters)
                batch = []
                progress(summary.households)
        _write_households(batch, gm, hoods, hood_team, today, summary, inserters)
    progress(summary.households)
    summary.bsn_range_exhausted = planner.bsn_exhausted
    _load_involvements(spec, gm, users, by_team, rng_for(seed, spec.code, "involvements"))
    return summary


def _load_locations(
    spec: MunicipalitySpec,
    gm: Municipality,
    hoods: dict[str, Neighbourhood],
    teams: dict[str, Team],
    areas: dict[str, list[str]],
    ids: random.Random,
) -> None:
    locations: list[Location] = []
    hours: list[OpeningHours] = []
    for loc in spec.locations:
        location = Location(
            id=seeded_uuid(ids),
            municipality=gm,
            name=loc.name,
            kind=loc.kind,
            street=loc.street,
            house_number=loc.house_number,
            postcode=f"{areas[loc.neighbourhood][0]} AA" if loc.neighbourhood else "",
            city=spec.name if loc.neighbourhood else "",
            neighbourhood=hoods[loc.neighbourhood] if loc.neighbourhood else None,
            team=teams[loc.team] if loc.team else None,
            accessibility_notes=loc.accessibility,
        )
        locations.append(location)
        hours.extend(
            OpeningHours(
                id=seeded_uuid(ids),
                municipality=gm,
                location=location,
                weekday=h.weekday,
                opens=h.opens,
                closes=h.closes,
                note=h.note,
            )
            for h in loc.hours
        )
    Location.objects.bulk_create(locations)
    OpeningHours.objects.bulk_create(hours)


def _load_staff(
    spec: MunicipalitySpec,
    gm: Municipality,
    teams: dict[str, Team],
    departments: dict[str, Department],
    tags: dict[str, ExpertiseTag],
    seed: int,
    ids: random.Random,
) -> dict[str, User]:
    password = _password_hash(DEMO_PASSWORD)
    users: dict[str, User] = {}
    for person in spec.staff:
        users[person.username] = User(
            id=seeded_uuid(ids),
            username=person.username,
            first_name=person.first_name,
            last_name=person.last_name,
            email=f"{person.username}@{spec.name.lower()}.example.org",
            password=password,
            municipality=gm,
            role=person.role,
            team=teams[person.team] if person.team else None,
            department=departments[person.department] if person.department else None,
            is_staff=person.is_staff,
        )
    User.objects.bulk_create(users.values())
    through = User.expertise.through
    through.objects.bulk_create(
        through(user_id=users[p.username].id, expertisetag_id=tags[name].id)
        for p in spec.staff
        for name in p.expertise
    )
    TOTPDevice.objects.bulk_create(
        TOTPDevice(
            user=user, name="Authenticator-app (demo)", confirmed=True, key=totp_key(seed, user.username)
        )
        for user in users.values()
    )
    static_devices = StaticDevice.objects.bulk_create(
        StaticDevice(user=user, name="Reservecodes", confirmed=True) for user in users.values()
    )
    if any(d.pk is None for d in static_devices):  # databases that do not return ids from bulk inserts
        static_devices = list(StaticDevice.objects.filter(user__in=users.values()).select_related("user"))
    StaticToken.objects.bulk_create(
        StaticToken(device=device, token=code)
        for device in static_devices
        for code in backup_codes(seed, device.user.username)
    )
    expires = timezone.now() + timedelta(days=365)
    ApiToken.objects.bulk_create(
        ApiToken(
            user=user,
            name="demo",
            prefix=demo_api_key(user.username)[:12],
            key_hash=token_hash(demo_api_key(user.username)),
            expires_at=expires,
        )
        for user in users.values()
    )
    return users


def _write_households(
    batch: list[HouseholdDraft],
    gm: Municipality,
    hoods: dict[str, Neighbourhood],
    hood_team: dict[str, Team],
    today: date,
    summary: MunicipalitySummary,
    inserters: dict[type[models.Model], _BulkInserter],
) -> None:
    if not batch:
        return
    households: list[dict[str, Any]] = []
    residents: list[dict[str, Any]] = []
    memberships: list[dict[str, Any]] = []
    tokens: list[dict[str, Any]] = []
    ten = clock_time(10, 0)
    for draft in batch:
        escalated = None
        if draft.escalated_days_ago is not None:
            escalated = timezone.make_aware(
                datetime.combine(today - timedelta(days=draft.escalated_days_ago), ten)
            )
        households.append(
            {
                "id": draft.id,
                "municipality_id": gm.id,
                "street": draft.street,
                "house_number": draft.house_number,
                "house_number_addition": draft.house_number_addition,
                "postcode": draft.postcode,
                "city": draft.city,
                "neighbourhood_id": hoods[draft.neighbourhood_code].id,
                "team_id": hood_team[draft.neighbourhood_code].id,
                "escalated_at": escalated,
            }
        )
        for m in draft.members:
            residents.append(
                {
                    "id": m.id,
                    "municipality_id": gm.id,
                    "given_names": m.given_names,
                    "prefix": m.prefix,
                    "surname": m.surname,
                    "date_of_birth": m.date_of_birth,
                    "bsn": m.bsn,
                    "email": m.email,
                    "preferred_language": m.preferred_language,
                    "communication_needs": m.communication_needs,
                    "surname_key": m.surname_key,
                    "given_key": m.given_key,
                }
            )
            memberships.append(
                {
                    "id": m.membership_id,
                    "municipality_id": gm.id,
                    "household_id": draft.id,
                    "resident_id": m.id,
                    "relation": m.relation,
                    "start_date": m.start_date,
                    "end_date": m.end_date,
                }
            )
            tokens.extend(
                {"municipality_id": gm.id, "resident_id": m.id, "token": token}
                for token in sorted(name_tokens(m.given_names, m.prefix, m.surname))
            )
            summary.residents += 1
            summary.residents_with_bsn += bool(m.bsn)
    inserters[Household].insert(households)
    inserters[Resident].insert(residents)
    inserters[HouseholdMembership].insert(memberships)
    inserters[ResidentNameToken].insert(tokens)
    summary.households += len(households)


def _load_involvements(
    spec: MunicipalitySpec,
    gm: Municipality,
    users: dict[str, User],
    by_team: dict[str, list[uuid.UUID]],
    rng: random.Random,
) -> None:
    rows = []
    taken: set[tuple[str, uuid.UUID]] = set()
    for username, team, kind, count in spec.involvements:
        candidates = by_team.get(team, [])
        for household_id in rng.sample(candidates, min(count, len(candidates))):
            if (username, household_id) in taken:
                continue
            taken.add((username, household_id))
            rows.append(
                Involvement(
                    id=seeded_uuid(rng),
                    municipality=gm,
                    household_id=household_id,
                    user=users[username],
                    kind=kind,
                )
            )
    Involvement.objects.bulk_create(rows)
