"""What happens in a demo client's week: journal entries, homework logs, check-ins.

Rules:
- the client's ``Week`` profile (``trajectories.py``) sets the levels; this module
  adds believable noise and keeps the clinical patterns: triggers bring their own
  emotions, distortions and reassurance behaviours (``phrases.py``), skill makes
  urges easier to resist and challenges and soothing more effective;
- time is local to the client: entries happen mostly in the evening and at night
  and are written down minutes to hours later; everything in a week falls before
  that week's export (Sunday, 21:00-21:49 local);
- some entries come back a week or two later as revision 2, and one may be
  deleted (a tombstone), so importing the demo exercises merging;
- PHQ-9 item 9 is 0 everywhere except the week a storyline names as its risk week.
"""

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from uuid import UUID

from sample_data.clients import (
    Assignment,
    Client,
    around,
    moment_before,
    new_uuid,
    sometimes,
    typical,
    week_monday,
)
from sample_data.phrases import (
    BODY_SENSATIONS,
    HOMEWORK_NOTES,
    PARTNER_POSITIVES,
    SOOTHING_WEIGHTS,
    STORIES,
    TAGS,
    Story,
)
from sample_data.trajectories import WEEKS, Week
from securebase.journal import (
    Challenge,
    CheckIn,
    EmotionRating,
    EntryTombstone,
    HomeworkLog,
    JournalEntry,
    NeedStatement,
    SoothingUse,
    Urge,
)
from securebase.vocabulary import MeasureKey, Trigger

#: Done through journal entries (linked by ``assignment_id``), not homework logs.
ENTRY_EXERCISES = frozenset({"trigger_journal", "thought_challenge", "reassurance_delay"})
#: Exercises whose logs rate distress before and after.
RATED_EXERCISES = frozenset({"paced_breathing", "progressive_muscle_relaxation"})
#: (mean, spread, shortest, longest) minutes of one homework session.
EXERCISE_MINUTES = {
    "paced_breathing": (8, 3, 3, 15),
    "progressive_muscle_relaxation": (15, 4, 8, 25),
    "mindfulness_practice": (6, 2, 3, 10),
    "self_compassion_break": (4, 1, 2, 5),
    "partner_appreciation_log": (3, 1, 1, 5),
    "self_worth_activity": (60, 25, 20, 120),
    "i_statement_practice": (10, 4, 5, 20),
    "boundary_practice": (5, 2, 2, 10),
    "support_contact": (25, 10, 10, 60),
}
PHQ9_WEEKS = (4, 8, 12)
# Anxious moments cluster in the evening and late at night, a few at lunch, rarely 3-6 am.
ENTRY_HOUR_WEIGHTS = (5, 3, 1.5, 0.5, 0.3, 0.3, 0.6, 1.5, 2, 1.5, 1, 1.5,
                      3, 3, 1, 1, 1.5, 2, 3, 4, 6, 7, 7, 6)  # fmt: skip
# Homework happens before work, at lunch, or in the evening.
LOG_HOUR_WEIGHTS = (0, 0, 0, 0, 0, 0, 0.5, 3, 2, 0.5, 0.5, 0.5,
                    1.5, 1, 0.5, 0.5, 0.5, 1, 2, 2, 3, 4, 3, 1)  # fmt: skip


@dataclass
class WeekItems:
    """Everything one weekly export will carry, before it becomes a document."""

    export_id: UUID
    created_at: datetime
    entries: list[JournalEntry | EntryTombstone]
    logs: list[HomeworkLog]
    checkins: list[CheckIn]


# --- journal entries ----------------------------------------------------------


def _entry_times(client: Client, week_no: int, deadline: datetime) -> tuple[datetime, datetime]:
    """When it happened, and when it was written down (minutes to hours later)."""
    rng = client.rng
    while True:
        day = week_monday(client.end, week_no) + timedelta(days=rng.randrange(7))
        occurred = moment_before(client, day, ENTRY_HOUR_WEIGHTS, deadline)
        roll = rng.random()
        lag = rng.randint(3, 40) if roll < 0.6 else rng.randint(40, 150 if roll < 0.9 else 300)
        recorded = occurred + timedelta(minutes=lag)
        if recorded < deadline:
            return occurred, recorded


def _entry(client: Client, week_no: int, occurred: datetime, recorded: datetime) -> JournalEntry:
    rng, week = client.rng, client.storyline[week_no - 1]
    triggers = _triggers(client, week)
    story = STORIES[triggers[0]]
    distress = around(rng, 35 + 50 * week.severity, 8, 5, 100)
    belief = around(rng, 45 + 40 * week.severity, 10, 10, 100)
    urge = _urge(rng, story, week)
    soothing = _soothing(rng, week)
    challenge = None
    if rng.random() < week.challenge_rate:
        challenge = _challenge(client, story, week, belief)
    return JournalEntry(
        id=new_uuid(rng),
        revision=1,
        occurred_at=occurred,
        recorded_at=recorded,
        situation=client.say(rng.choice(story.situations)),
        triggers=triggers,
        trigger_note=sometimes(rng, 0.4, story.notes),
        emotions=_emotions(rng, story, distress),
        body_sensations=sometimes(rng, 0.6, BODY_SENSATIONS),
        automatic_thought=client.say(rng.choice(story.thoughts)),
        belief_before=belief,
        distress_before=distress,
        distress_after=_distress_after(rng, distress, week, bool(soothing or challenge)),
        urge=urge,
        soothing=soothing,
        challenge=challenge,
        need_statement=_need(client, story, week),
        partner_positive=_partner_positive(client, week),
        assignment_id=_linked_assignment(client, occurred.date(), urge, challenge),
        tags=[tag] if (tag := sometimes(rng, 0.3, TAGS)) else [],
    )


def _triggers(client: Client, week: Week) -> list[Trigger]:
    weights = dict(client.cast.trigger_weights)
    for trigger, extra in week.boost:
        weights[trigger] = weights.get(trigger, 0) + extra
    main = client.rng.choices(list(weights), list(weights.values()))[0]
    if client.rng.random() < 0.25:
        return [main, client.rng.choice(STORIES[main].related)]
    return [main]


def _emotions(rng: random.Random, story: Story, distress: int) -> list[EmotionRating]:
    names = typical(rng, story.emotions, rng.choice((1, 2, 2, 3)))
    return [
        EmotionRating(emotion=name, intensity=around(rng, distress - 12 * rank, 10, 5, 100))
        for rank, name in enumerate(names)
    ]


def _urge(rng: random.Random, story: Story, week: Week) -> Urge | None:
    if rng.random() < 0.1:
        return None
    resisted = rng.random() < 0.15 + 0.7 * week.skill
    return Urge(
        intensity=around(rng, 2 + 7 * week.severity, 1.5, 0, 10),
        acted=not resisted,
        behaviours=typical(rng, story.behaviours, rng.choice((1, 1, 2))),
        delay_minutes=around(rng, 10 + 50 * week.skill, 8, 5, 240) if resisted else None,
    )


def _soothing(rng: random.Random, week: Week) -> list[SoothingUse]:
    if rng.random() > 0.25 + 0.6 * week.skill:
        return []
    count = rng.choice((1, 1, 2))
    chosen = rng.choices(list(SOOTHING_WEIGHTS), list(SOOTHING_WEIGHTS.values()), k=count)
    return [
        SoothingUse(technique=technique, minutes=around(rng, 10, 4, 2, 30))
        for technique in sorted(set(chosen))
    ]


def _challenge(client: Client, story: Story, week: Week, belief: int) -> Challenge:
    rng = client.rng
    # The belief drop after a challenge is the clearest sign of skill in this work.
    drop = around(rng, 7 + 28 * week.skill, 4, 0, belief)
    against = rng.sample(story.evidence_against, rng.choice((1, 2)))
    return Challenge(
        distortions=typical(rng, story.distortions, rng.choice((1, 2, 2, 3))),
        evidence_for=client.say(rng.choice(story.evidence_for)),
        evidence_against=" ".join(client.say(text) for text in against),
        balanced_thought=client.say(rng.choice(story.balanced)),
        belief_after=belief - drop,
    )


def _distress_after(rng: random.Random, before: int, week: Week, helped: bool) -> int:
    # Relief is a share of the distress: practised clients settle further.
    share = rng.gauss(0.1 + 0.4 * week.skill, 0.08) if helped else rng.uniform(0, 0.08)
    return before - round(before * min(max(share, 0), 0.9))


def _need(client: Client, story: Story, week: Week) -> NeedStatement | None:
    rng = client.rng
    if rng.random() > 0.1 + 0.3 * week.skill:
        return None
    text = client.say(rng.choice(story.needs))
    return NeedStatement(text=text, shared=rng.random() < 0.3 + 0.4 * week.skill)


def _partner_positive(client: Client, week: Week) -> list[str]:
    rng = client.rng
    if rng.random() > 0.3 + 0.2 * week.skill:
        return []
    return [client.say(text) for text in rng.sample(PARTNER_POSITIVES, rng.choice((1, 1, 2)))]


def _linked_assignment(
    client: Client, day: date, urge: Urge | None, challenge: Challenge | None
) -> UUID | None:
    if challenge is not None:
        assignment = client.active(day, "thought_challenge")
    elif urge is not None and not urge.acted:
        assignment = client.active(day, "reassurance_delay")
    else:
        return None
    return assignment.assignment_id if assignment and client.rng.random() < 0.8 else None


# --- homework logs and check-ins ----------------------------------------------


def _homework_logs(client: Client, week_no: int, deadline: datetime) -> list[HomeworkLog]:
    rng, week = client.rng, client.storyline[week_no - 1]
    monday = week_monday(client.end, week_no)
    days = [monday + timedelta(days=i) for i in range(7)]
    logs = []
    for assignment in client.assignments:
        if assignment.plan.exercise in ENTRY_EXERCISES:
            continue
        for day in _session_days(rng, assignment, days):
            if rng.random() < week.adherence:
                logs.append(_log(client, assignment, day, week, deadline))
    return logs


def _session_days(rng: random.Random, assignment: Assignment, days: list[date]) -> list[date]:
    """The days on which this week's assigned sessions fall."""
    active = [day for day in days if assignment.active_on(day)]
    if assignment.plan.per == "day":
        return [day for day in active for _ in range(assignment.plan.times)]
    sessions = round(assignment.plan.times * len(active) / 7)
    return sorted(rng.choice(active) for _ in range(sessions))


def _log(
    client: Client, assignment: Assignment, day: date, week: Week, deadline: datetime
) -> HomeworkLog:
    rng, exercise = client.rng, assignment.plan.exercise
    done_at = moment_before(client, day, LOG_HOUR_WEIGHTS, deadline)
    before = after = None
    if exercise in RATED_EXERCISES:
        before = around(rng, 30 + 45 * week.severity, 10, 5, 100)
        after = before - around(rng, 8 + 20 * week.skill, 5, 0, before)
    return HomeworkLog(
        id=new_uuid(rng),
        assignment_id=assignment.assignment_id,
        done_at=done_at,
        minutes=around(rng, *EXERCISE_MINUTES[exercise]),
        helpfulness=around(rng, 3 + 6 * week.skill, 1.5, 0, 10),
        distress_before=before,
        distress_after=after,
        note=sometimes(rng, 0.3, HOMEWORK_NOTES[exercise]),
    )


def _checkins(client: Client, week_no: int) -> list[CheckIn]:
    """A GAD-7 every Sunday afternoon, and a PHQ-9 every fourth week."""
    rng, week = client.rng, client.storyline[week_no - 1]
    sunday = week_monday(client.end, week_no) + timedelta(days=6)
    at = client.at(sunday, rng.choice((17, 18, 19)), rng.randrange(60))
    gad7 = _answers(rng, around(rng, 2.5 + 10 * week.severity, 0.8, 0, 21), 7)
    checkins = [CheckIn(id=new_uuid(rng), measure=MeasureKey.GAD7, completed_at=at, answers=gad7)]
    if week_no in PHQ9_WEEKS:
        # Item 9 (thoughts of self-harm) stays 0 except in the one storyline that needs a flag.
        item9 = 1 if week_no == client.cast.risk_week else 0
        phq9 = [*_answers(rng, around(rng, 2 + 9 * week.severity, 1, 0, 24), 8), item9]
        later = at + timedelta(minutes=rng.randint(2, 6))
        checkins.append(
            CheckIn(id=new_uuid(rng), measure=MeasureKey.PHQ9, completed_at=later, answers=phq9)
        )
    return checkins


def _answers(rng: random.Random, total: int, items: int) -> list[int]:
    """Item scores 0-3 that add up to ``total``, spread at random."""
    answers = [0] * items
    for _ in range(total):
        open_items = [i for i, score in enumerate(answers) if score < 3]
        answers[rng.choice(open_items)] += 1
    return answers


# --- whole weeks and later edits -----------------------------------------------


def _plain_week(client: Client, week_no: int) -> WeekItems:
    rng = client.rng
    sunday = week_monday(client.end, week_no) + timedelta(days=6)
    created = client.at(sunday, 21, rng.randrange(50))
    count = rng.randint(*client.storyline[week_no - 1].entries)
    entries = [
        _entry(client, week_no, *_entry_times(client, week_no, created)) for _ in range(count)
    ]
    logs = _homework_logs(client, week_no, created)
    return WeekItems(new_uuid(rng), created, entries, logs, _checkins(client, week_no))


def _add_later_changes(client: Client, weeks: list[WeekItems]) -> None:
    """Edit some entries and delete one, a week or two later, so imports have merging to do."""
    rng, cast = client.rng, client.cast
    candidates = [(n, e) for n, week in enumerate(weeks[:-2], start=1) for e in week.entries]
    picked = rng.sample(candidates, cast.edits + cast.deletions)
    for index, (week_no, entry) in enumerate(picked):
        later_no = week_no + rng.randint(1, 2)
        later = weeks[later_no - 1]
        if index < cast.edits:
            later.entries.append(_revised(client, entry, later_no))
        else:
            later.entries.append(_tombstone(client, entry, later_no, later.created_at))


def _revised(client: Client, entry: JournalEntry, week_no: int) -> JournalEntry:
    """The client came back to an entry: finished its challenge, or added a kind act."""
    changes: dict = {"revision": entry.revision + 1}
    if entry.challenge is None:
        story, week = STORIES[entry.triggers[0]], client.storyline[week_no - 1]
        changes["challenge"] = _challenge(client, story, week, entry.belief_before)
    else:
        unused = [t for t in PARTNER_POSITIVES if client.say(t) not in entry.partner_positive]
        changes["partner_positive"] = [
            *entry.partner_positive,
            client.say(client.rng.choice(unused)),
        ]
    return JournalEntry.model_validate({**dict(entry), **changes})


def _tombstone(
    client: Client, entry: JournalEntry, week_no: int, deadline: datetime
) -> EntryTombstone:
    day = week_monday(client.end, week_no) + timedelta(days=client.rng.randrange(7))
    deleted_at = moment_before(client, day, ENTRY_HOUR_WEIGHTS, deadline)
    return EntryTombstone(
        id=entry.id, revision=entry.revision + 1, deleted=True, recorded_at=deleted_at
    )


def client_weeks(client: Client) -> list[WeekItems]:
    """All twelve weeks of a client, later edits and deletions included."""
    weeks = [_plain_week(client, n) for n in range(1, WEEKS + 1)]
    _add_later_changes(client, weeks)
    return weeks
