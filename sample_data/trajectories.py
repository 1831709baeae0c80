"""Who the demo clients are and how their twelve weeks unfold.

Rules:
- everything here is fixed and fictional; the generator adds the noise;
- a storyline is one ``Week`` per ISO week, its rates in 0-1, so a storyline
  reads as a table a therapist could sketch on paper;
- sessions are numbered: 0 is the intake on the Thursday before week 1, session
  n the Thursday of week n. Homework starts and ends at a session, and session
  notes are dated by it, so the therapist's record and the journal agree.
"""

from dataclasses import dataclass

from securebase.vocabulary import Trigger as T

WEEKS = 12
#: The bad_patch client's difficult weeks (1-based), after an argument in week 7.
BAD_PATCH_WEEKS = (7, 8, 9)


@dataclass(frozen=True)
class Week:
    """How one client is doing in one week."""

    severity: float  # 1.0 = as anxious as at intake: distress, urges, GAD-7
    skill: float  # practice with the tools: resisting, soothing, challenging
    entries: tuple[int, int]  # inclusive range of journal entries this week
    challenge_rate: float  # share of entries with a thought challenge
    adherence: float  # chance that each assigned homework session gets done
    boost: tuple[tuple[T, float], ...] = ()  # extra weight on triggers this week


@dataclass(frozen=True)
class Plan:
    """A homework assignment as the therapist set it."""

    exercise: str
    times: int
    per: str  # "day" or "week"
    from_session: int
    until_session: int | None  # replaced at this session; None = still running
    note: str


@dataclass(frozen=True)
class CastMember:
    """One fictional client: who they are and what their story is."""

    label: str
    trajectory: str
    utc_offset_hours: int
    partner: str  # how the client refers to their partner in the journal
    trigger_weights: tuple[tuple[T, float], ...]
    plans: tuple[Plan, ...]
    session_notes: tuple[tuple[int, str], ...]  # (session number, note)
    edits: int  # entries revised in a later week
    deletions: int  # entries deleted in a later week (0 or 1)
    risk_week: int | None = None  # the week whose PHQ-9 has item 9 = 1


def _progress(week_index: int) -> float:
    return week_index / (WEEKS - 1)


def steady_improvement() -> tuple[Week, ...]:
    """Everything improves a little every week."""
    weeks = []
    for n in range(WEEKS):
        t = _progress(n)
        fewest = round(7 - 3 * t)
        weeks.append(Week(1 - 0.75 * t, t, (fewest, fewest + 2), 0.3 + 0.55 * t, 0.65 + 0.25 * t))
    return tuple(weeks)


def plateau() -> tuple[Week, ...]:
    """Early gains for about five weeks, then flat."""
    weeks = []
    for n in range(WEEKS):
        t = min(n, 4) / 4
        weeks.append(Week(1 - 0.4 * t, 0.45 * t, (6 - round(t), 8 - round(t)), 0.3 + 0.2 * t, 0.55))
    return tuple(weeks)


def bad_patch() -> tuple[Week, ...]:
    """Improving, then an argument with the partner, then a partial recovery."""
    severity = (1.0, 0.93, 0.86, 0.79, 0.72, 0.66, 0.95, 1.0, 0.85, 0.75, 0.7, 0.65)
    skill = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.3, 0.25, 0.35, 0.45, 0.5, 0.55)
    weeks = []
    for n in range(WEEKS):
        if n + 1 in BAD_PATCH_WEEKS:
            boost = ((T.CONFLICT, 7.0), (T.PERCEIVED_REJECTION, 4.0))
            weeks.append(Week(severity[n], skill[n], (9, 12), 0.2, 0.35, boost))
        else:
            weeks.append(Week(severity[n], skill[n], (5, 7), 0.35 + 0.3 * skill[n], 0.7))
    return tuple(weeks)


def sparse() -> tuple[Week, ...]:
    """Journals a few times a week, rarely challenges, seldom does homework."""
    weeks = []
    for n in range(WEEKS):
        t = _progress(n)
        weeks.append(Week(0.9 - 0.15 * t, 0.1 + 0.15 * t, (3, 4), 0.12, 0.2))
    return tuple(weeks)


STORYLINES = {
    "steady_improvement": steady_improvement(),
    "plateau": plateau(),
    "bad_patch": bad_patch(),
    "sparse": sparse(),
}

CAST = (
    CastMember(
        label="Robin A.",
        trajectory="steady_improvement",
        utc_offset_hours=0,
        partner="J.",
        trigger_weights=(
            (T.DELAYED_REPLY, 4),
            (T.PARTNER_UNAVAILABLE, 2),
            (T.TONE_CHANGE, 2),
            (T.PLANS_CHANGED, 1),
            (T.SOCIAL_MEDIA, 1),
            (T.EXCLUSION, 1),
            (T.CONFLICT, 0.5),
            (T.JEALOUSY, 0.5),
        ),
        plans=(
            Plan("trigger_journal", 1, "day", 0, None, "Note each trigger soon after it happens."),
            Plan("paced_breathing", 1, "day", 0, 6, "Five minutes at about six breaths a minute."),
            Plan("reassurance_delay", 1, "day", 1, None, "Set a 15-minute timer before texting."),
            Plan("thought_challenge", 1, "day", 3, None, "Challenge the day's strongest thought."),
            Plan("mindfulness_practice", 1, "day", 6, None, "Three-step breathing space."),
            Plan("partner_appreciation_log", 3, "week", 8, None, "One reliable thing noticed."),
            Plan("self_worth_activity", 2, "week", 10, None, "Climbing or drawing, just for you."),
        ),
        session_notes=(
            (
                0,
                "Intake. Anxiety spikes when the partner is slow to reply; frequent phone"
                " checking and follow-up messages. GAD-7 moderate. Starting a daily trigger"
                " journal and paced breathing.",
            ),
            (
                3,
                "Journal kept most days. Notices urges crest within about 20 minutes and"
                " the reassurance delay is going well. Introduced a daily thought challenge.",
            ),
            (
                10,
                "Belief in anxious thoughts now drops clearly after a challenge; follow-up"
                " messages are rare. Adding time for own interests. Discussed moving to"
                " fortnightly sessions.",
            ),
        ),
        edits=2,
        deletions=1,
    ),
    CastMember(
        label="Sam B.",
        trajectory="plateau",
        utc_offset_hours=1,
        partner="my partner",
        trigger_weights=(
            (T.SOCIAL_MEDIA, 3),
            (T.JEALOUSY, 2.5),
            (T.EXCLUSION, 2),
            (T.DELAYED_REPLY, 1.5),
            (T.TONE_CHANGE, 1),
            (T.PERCEIVED_REJECTION, 0.5),
        ),
        plans=(
            Plan("trigger_journal", 1, "day", 0, None, "Short entries are fine."),
            Plan("progressive_muscle_relaxation", 4, "week", 0, None, "Full sequence, before bed."),
            Plan("thought_challenge", 4, "week", 2, None, "Use the evidence columns."),
            Plan("self_compassion_break", 1, "day", 4, None, "After a comparison spiral."),
            Plan("self_worth_activity", 2, "week", 6, None, "Book the pottery class."),
            Plan("boundary_practice", 2, "week", 9, None, "One small, kind no."),
        ),
        session_notes=(
            (
                0,
                "Intake. Comparison and jealousy, mostly set off by the partner's online"
                " activity; checks social media late at night. Agreed a trigger journal and"
                " progressive muscle relaxation.",
            ),
            (
                5,
                "Clear early gains: fewer late-night checks and lower distress. Added a"
                " self-compassion break. Challenges are often left half done.",
            ),
            (
                9,
                "Progress has levelled off for about four weeks; homework about half done."
                " Explored what keeps the checking going. Adding boundary practice outside"
                " the relationship.",
            ),
        ),
        edits=1,
        deletions=1,
    ),
    CastMember(
        label="Jordan C.",
        trajectory="bad_patch",
        utc_offset_hours=-5,
        partner="M.",
        trigger_weights=(
            (T.PLANS_CHANGED, 3),
            (T.TONE_CHANGE, 2),
            (T.DELAYED_REPLY, 2),
            (T.PARTNER_UNAVAILABLE, 1.5),
            (T.CONFLICT, 0.5),
            (T.PERCEIVED_REJECTION, 0.3),
        ),
        plans=(
            Plan("trigger_journal", 1, "day", 0, None, "Note each trigger soon after it happens."),
            Plan("paced_breathing", 1, "day", 0, None, "Rate distress before and after."),
            Plan("reassurance_delay", 5, "week", 2, None, "Start with a 10-minute timer."),
            Plan("i_statement_practice", 2, "week", 4, None, "Draft one calm request."),
            Plan("thought_challenge", 1, "day", 5, None, "The day's strongest thought."),
            Plan("support_contact", 2, "week", 8, None, "A friend or relative, when raw."),
            Plan("self_compassion_break", 1, "day", 8, None, "Two to five minutes."),
        ),
        session_notes=(
            (
                0,
                "Intake. Anxiety centres on last-minute changes of plan and on the partner's"
                " mood. Starting a trigger journal and daily paced breathing.",
            ),
            (
                5,
                "Good progress: urges resisted more often, GAD-7 falling. First I-statement"
                " shared and well received. Adding a daily thought challenge.",
            ),
            (
                9,
                "Two hard weeks after a serious argument with the partner: more entries, more"
                " acting on urges, GAD-7 back up. PHQ-9 item 9 answered 'several days' at the"
                " weekend; explored today, no plan or intent, safety plan agreed. Repair"
                " conversation planned.",
            ),
        ),
        edits=2,
        deletions=1,
        risk_week=8,
    ),
    CastMember(
        label="Alex D.",
        trajectory="sparse",
        utc_offset_hours=10,
        partner="K.",
        trigger_weights=(
            (T.PARTNER_UNAVAILABLE, 3),
            (T.DELAYED_REPLY, 3),
            (T.EXCLUSION, 1),
            (T.PLANS_CHANGED, 1),
            (T.JEALOUSY, 1),
        ),
        plans=(
            Plan("trigger_journal", 1, "day", 0, 6, "Even a short entry counts."),
            Plan("mindfulness_practice", 1, "day", 0, 6, "Three minutes is enough to start."),
            Plan("thought_challenge", 3, "week", 3, None, "Pick the loudest thought."),
            Plan("partner_appreciation_log", 3, "week", 5, None, "One caring thing noticed."),
            Plan("trigger_journal", 3, "week", 6, None, "Three short entries a week."),
            Plan("mindfulness_practice", 3, "week", 6, None, "Three minutes, three times a week."),
        ),
        session_notes=(
            (
                0,
                "Intake. Long-distance relationship; worry peaks around missed calls and"
                " time-zone gaps. Agreed a light start: short entries and a brief daily"
                " mindfulness practice.",
            ),
            (
                6,
                "Few entries and little homework. Describes the exercises as one more thing"
                " to fail at. Made the plan smaller: three short entries and three short"
                " practices a week.",
            ),
            (
                11,
                "Still journaling a few times a week; distress changing little. Review"
                " barriers; try the thought challenge together in session.",
            ),
        ),
        edits=1,
        deletions=0,
    ),
)
