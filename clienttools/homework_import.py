"""The client's side of homework: import a pack from the therapist, find an assignment.

Rules:
- a pack is used only after ``securebase.homework_pack.open_pack`` checked it
  is sealed by the therapist of the invitation, to this client, for this
  client; any refusal changes nothing;
- a pack replaces the homework only when it is newer (``issued_at``) than
  the last one imported; an older or the same pack is set aside calmly;
- the new assignments and the pack's date are stored in one transaction;
- logs of assignments that left the list are kept (and still exported);
- the pack's crisis resources (signed with it) replace the ones shown with
  urgent help (``clienttools.safety``), in the same transaction.
"""

import json
from dataclasses import dataclass

from clienttools.journal import Assignment, ClientJournal
from securebase.errors import AmbiguousAssignment, AssignmentNotFound
from securebase.homework_pack import HomeworkPack, open_pack

LAST_PACK_ISSUED = "homework_pack_issued_at"
LAST_PACK_ID = "homework_pack_id"
#: The therapist's crisis resources from the newest pack that carried them (JSON).
CRISIS_RESOURCES = "crisis_resources"
#: The questionnaires the therapist asks for, from the last pack that named them.
MEASURES_OFFERED = "measures_offered"
DEFAULT_OFFERED = ("gad7",)


@dataclass(frozen=True)
class PackImport:
    pack: HomeworkPack
    replaced: bool  # False: an older (or the same) pack, set aside


def measures_offered(journal: ClientJournal) -> tuple[str, ...]:
    """The questionnaires the therapist asks for (the last pack's, else the GAD-7)."""
    offered = journal.setting(MEASURES_OFFERED)
    return tuple(json.loads(offered)) if offered else DEFAULT_OFFERED


def last_pack_issued(journal: ClientJournal) -> str | None:
    return journal.setting(LAST_PACK_ISSUED)


def import_pack(journal: ClientJournal, data: bytes) -> PackImport:
    therapist = journal.therapist
    pack = open_pack(
        data,
        journal.identity,
        therapist_signing_key=therapist.signing_key,
        client_id=therapist.client_id,
    )
    rows = [_assignment(item) for item in pack.assignments]
    stamps = {LAST_PACK_ISSUED: pack.issued_at.isoformat(), LAST_PACK_ID: str(pack.pack_id)}
    if pack.crisis_resources is not None:  # a pack from before they travelled keeps ours
        resources = [r.model_dump(mode="json") for r in pack.crisis_resources]
        stamps[CRISIS_RESOURCES] = json.dumps(resources, ensure_ascii=False)
    if pack.measures is not None:
        offered = list(dict.fromkeys(str(key) for key in pack.measures))
        stamps[MEASURES_OFFERED] = json.dumps(offered)
    # Only a newer pack replaces the homework (checked inside the same write).
    taken = journal.take_newer_homework(rows, LAST_PACK_ISSUED, pack.issued_at, stamps)
    return PackImport(pack, taken)


def _assignment(item) -> Assignment:
    return Assignment(
        assignment_id=str(item.assignment_id),
        exercise=item.exercise,
        title=item.title,
        times=item.times,
        per=item.per,
        starts=item.starts,
        ends=item.ends,
        note=item.note,
        instructions="\n".join(item.instructions),
    )


def steps(assignment: Assignment) -> list[str]:
    """The instructions of an assignment, one step per item."""
    return [line for line in assignment.instructions.splitlines() if line.strip()]


def find_assignment(journal: ClientJournal, reference: str) -> Assignment:
    """By id, an unambiguous start of it (4+ characters), or an exercise key set once."""
    wanted = reference.strip().lower()
    current = journal.assignments()
    exact = [a for a in current if a.assignment_id == wanted]
    by_prefix = [a for a in current if len(wanted) >= 4 and a.assignment_id.startswith(wanted)]
    by_key = [a for a in current if a.exercise == wanted]
    for matches in (exact, by_prefix, by_key):
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            raise AmbiguousAssignment()
    raise AssignmentNotFound()
