"""The homework pack (therapist -> client), version 1: the client's current homework.

A pack is a strict JSON document (``HomeworkPack``) sealed with
``securebase.envelope.seal`` as kind ``securebase/homework-pack``: signed by
the therapist, encrypted to the client's age recipient pinned at their first
import. Rules:
- the pack carries each exercise's title and steps, so the client sees the
  therapist's catalogue (their own exercises included) without a lookup;
- a pack replaces the client's homework as a whole; the client keeps only
  the newest (by ``issued_at``), so an older pack arriving late changes nothing;
- opening checks kind, signer (the therapist of the invitation), recipient
  binding and ``client_id`` before anything is used. Format: docs/FORMAT.md, 5;
- every pack carries the therapist's crisis resources (``securebase.crisis``):
  the signed way they reach the client, who shows them with urgent help.
"""

import json
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Annotated, Literal
from uuid import UUID

from pydantic import AfterValidator, Field, ValidationError

from securebase import limits
from securebase.client_measures import client_measures
from securebase.crisis import PACK_FIELDS, crisis_resources, resources_json
from securebase.documents import json_problems, problems_from
from securebase.envelope import open_sealed, seal
from securebase.errors import KeyNotConfirmed, NoClientKey, PackInvalid, PackNotForYou, Problem
from securebase.exercises import KEY_PATTERN, MAX_TIMES, RECORDABLE, exercise_catalogue
from securebase.identity import Identity
from securebase.journal import Day, ShortText, Strict, Text, Timestamp, _unique
from securebase.therapist_records import assignments
from securebase.vault import Vault
from securebase.vocabulary import MeasureKey

PACK_FORMAT = "securebase/homework-pack"
PACK_KIND = PACK_FORMAT
PACK_VERSION = 1

ExerciseKey = Annotated[str, Field(pattern=KEY_PATTERN.pattern)]
Step = Annotated[ShortText, Field(min_length=1)]


class PackAssignment(Strict):
    """One assignment as the client receives it."""

    assignment_id: UUID
    exercise: ExerciseKey
    title: Annotated[ShortText, Field(min_length=1)]
    instructions: Annotated[list[Step], Field(max_length=limits.MAX_EXERCISE_STEPS)]
    times: Annotated[int, Field(ge=1, le=MAX_TIMES)]
    per: Literal["day", "week"]
    starts: Day
    ends: Day | None = None
    note: Text = ""
    records: Annotated[
        list[Literal[RECORDABLE]],  # type: ignore[valid-type]
        Field(max_length=len(RECORDABLE)),
        AfterValidator(_unique),
    ]


class PackResource(Strict):
    """One crisis resource as the client receives it (``securebase.crisis.Resource``)."""

    name: Annotated[ShortText, Field(min_length=1)]
    contact: Annotated[ShortText, Field(min_length=1)]


class HomeworkPack(Strict):
    format: Literal["securebase/homework-pack"]
    version: Literal[1]
    pack_id: UUID
    client_id: UUID
    issued_at: Timestamp
    assignments: Annotated[list[PackAssignment], Field(max_length=limits.MAX_PACK_ASSIGNMENTS)]
    # Optional so that packs made before it existed still open; every new pack has it.
    crisis_resources: (
        Annotated[list[PackResource], Field(min_length=1, max_length=limits.MAX_CRISIS_RESOURCES)]
        | None
    ) = None
    # The questionnaires the therapist asks this client (``client_measures``). Optional so
    # that packs made before it existed still open; every new pack has it.
    measures: Annotated[list[MeasureKey], Field(min_length=1, max_length=8)] | None = None


@dataclass(frozen=True)
class SealedPack:
    pack: HomeworkPack
    sealed: bytes


def build_pack(
    vault: Vault, client_ref: str, *, now: datetime | None = None, on: date | None = None
) -> HomeworkPack:
    """The client's homework not over by ``on`` (default: the day of ``now``), with the
    catalogue's words."""
    client = vault.client(client_ref)
    issued = now or datetime.now(UTC)  # microseconds: two packs a second apart still order
    catalogue = exercise_catalogue(vault.store.db)
    current = assignments(vault, client.client_id, include_ended=False, on=on or issued.date())
    items = []
    for record in current:
        item = catalogue[record.exercise]
        items.append(
            {
                "assignment_id": record.assignment_id,
                "exercise": record.exercise,
                "title": item.title,
                "instructions": list(item.instructions),
                "times": record.times,
                "per": record.per,
                "starts": record.starts.isoformat(),
                "ends": record.last_day.isoformat() if record.last_day else None,
                "note": record.note,
                "records": list(item.records),
            }
        )
    document = {
        "format": PACK_FORMAT,
        "version": PACK_VERSION,
        "pack_id": str(uuid.uuid4()),
        "client_id": client.client_id,
        "issued_at": issued.isoformat(),
        "assignments": items,
        "crisis_resources": resources_json(crisis_resources(vault), PACK_FIELDS),
        "measures": list(client_measures(vault.store.db, client.client_id)),
    }
    return parse_pack(json.dumps(document).encode("utf-8"))


def seal_pack(
    vault: Vault, client_ref: str, *, now: datetime | None = None, on: date | None = None
) -> SealedPack:
    """Build and seal a pack to the client's confirmed age recipient (refused before that).

    A pack carries the therapist's notes: sealed to a key nobody confirmed, it
    could open for whoever answered the invitation first (client_keys).
    """
    client = vault.client(client_ref)
    row = vault.store.db.execute(
        "SELECT age_recipient, key_confirmed_at FROM clients WHERE client_id = ?",
        (client.client_id,),
    ).fetchone()
    if not row or not row["age_recipient"]:
        raise NoClientKey()
    if not row["key_confirmed_at"] or client.held_keys:
        raise KeyNotConfirmed()
    pack = build_pack(vault, client.client_id, now=now, on=on)
    sealed = seal(dump_pack(pack), vault.identity, [row["age_recipient"]], kind=PACK_KIND)
    vault.audit("homework_pack_made", client.client_id, pack_id=str(pack.pack_id))
    return SealedPack(pack, sealed)


def dump_pack(pack: HomeworkPack) -> bytes:
    return json.dumps(pack.model_dump(mode="json"), ensure_ascii=False).encode("utf-8")


def parse_pack(data: bytes) -> HomeworkPack:
    """Validate verified bytes as a version 1 pack; problems never quote the input.

    A pack is signed by the therapist, but its text still gets the same
    plain-JSON checks as a client's export (duplicate keys, NaN, shape).
    """
    problems = json_problems(data)
    if not problems:
        try:
            return HomeworkPack.model_validate_json(data)
        except ValidationError as error:
            problems = problems_from(error) or [Problem("", "not a homework pack")]
    raise PackInvalid(problems)


def open_pack(
    data: bytes, identity: Identity, *, therapist_signing_key: bytes, client_id: UUID
) -> HomeworkPack:
    """Decrypt, verify (kind, signer, recipients) and parse; check it names this client."""
    unsealed = open_sealed(
        data, identity, expected_signer=therapist_signing_key, expected_kind=PACK_KIND
    )
    pack = parse_pack(unsealed.document)
    if pack.client_id != client_id:
        raise PackNotForYou()
    return pack
