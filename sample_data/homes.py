"""A demo client's home: their journal as the client tool holds it after the twelve weeks.

Built through ``clienttools.journal``, as the client tool would: the journal is
created at the intake session from the therapist's invitation, with the
client's own (deterministic) identity; it gets the therapist's homework; then
each weekly export is recorded with exactly the items it carried, so the
journal ends with every entry at its latest revision, the tombstones, the
homework logs, the check-ins and one ``exports`` row per week.

Rules: the home is built in a temporary folder (only ciphertext is ever
written there) and only ``identity.age`` and ``journal.db.age`` are kept: the
previous generation and the lock file are not part of the demo.
"""

import tempfile
from datetime import time
from pathlib import Path

from clienttools.home import ClientHome
from clienttools.journal import Assignment, create_journal
from sample_data.clients import Client, session_day
from sample_data.keys import DEMO_WORK_FACTOR
from securebase.identity import PublicKeys
from securebase.invitation import Invitation
from securebase.journal import ExportDocument

HOME_FILES = ("identity.age", "journal.db.age")
INTAKE_TIME = time(19, 0)  # the client sets up the journal the evening after the intake


def build_home(
    client: Client,
    therapist: PublicKeys,
    therapist_label: str,
    documents: list[ExportDocument],
    passphrase: str,
) -> dict[str, bytes]:
    """The home's files by name: ``identity.age`` and ``journal.db.age``."""
    intake = session_day(client.end, 0)
    invitation = Invitation(therapist, client.client_id, therapist_label, intake)
    with tempfile.TemporaryDirectory(prefix="securebase-demo-home-") as folder:
        home = ClientHome(Path(folder))
        journal = create_journal(
            home,
            invitation,
            passphrase,
            now=client.at(intake, INTAKE_TIME.hour, INTAKE_TIME.minute),
            identity=client.identity,
            scrypt_work_factor=DEMO_WORK_FACTOR,
        )
        journal.replace_assignments([_assignment(a) for a in client.assignments])
        for document in sorted(documents, key=lambda d: d.sequence):
            journal.record_sent_export(document)
        journal.close()
        return {name: (home.root / name).read_bytes() for name in HOME_FILES}


def _assignment(assignment) -> Assignment:
    plan = assignment.plan
    return Assignment(
        assignment_id=str(assignment.assignment_id),
        exercise=plan.exercise,
        title=_title(plan.exercise),
        times=plan.times,
        per=plan.per,
        starts=assignment.start,
        ends=assignment.until,
        note=plan.note,
    )


def _title(exercise: str) -> str:
    """ "paced_breathing" -> "Paced breathing" (the homework catalogue's titles come later)."""
    return exercise.replace("_", " ").capitalize()
