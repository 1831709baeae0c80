"""Hypothesis strategies for VALID version 1 export documents, as plain dicts.

Everything generated here must be accepted by ``parse_export``: text avoids the
forbidden control characters and surrogates (but is otherwise arbitrary
Unicode), vocabulary keys come from the enums, datetimes are aware, carry a
random UTC offset, lie inside the plausible window, and an entry's
``occurred_at`` never lies after its ``recorded_at``. Sizes are kept small so
property tests stay fast.
"""

from datetime import UTC, date, datetime, timedelta, timezone

from hypothesis import strategies as st

from securebase import limits
from securebase.measures import MEASURES
from securebase.vocabulary import Behaviour, Distortion, Emotion, SoothingTechnique, Trigger

#: Every character the model refuses in text: C0 and C1 controls except tab,
#: newline and carriage return (surrogates are tested separately: they cannot
#: travel through UTF-8 at all).
FORBIDDEN_CHARS = tuple(
    chr(c) for c in [*range(0x00, 0x20), *range(0x7F, 0xA0)] if chr(c) not in "\t\n\r"
)

BECH32_ALPHABET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"

_SMALL = 3
_TEXT_MAX = 20

# Category Cc is exactly U+0000-U+001F and U+007F-U+009F; Cs are the surrogates.
_text_chars = st.characters(
    codec="utf-8", exclude_categories=("Cc", "Cs"), include_characters="\t\n\r"
)
_visible_chars = st.characters(codec="utf-8", exclude_categories=("Cc", "Cs")).filter(
    lambda c: not c.isspace()
)


def texts(max_size: int = _TEXT_MAX) -> st.SearchStrategy[str]:
    """Free text that may be empty or blank."""
    return st.text(_text_chars, max_size=max_size)


def required_texts(max_size: int = _TEXT_MAX) -> st.SearchStrategy[str]:
    """Free text with at least one non-blank character."""
    half = max(0, (max_size - 1) // 2)
    return st.builds(
        lambda before, visible, after: before + visible + after,
        texts(half),
        _visible_chars,
        texts(half),
    )


def uuids() -> st.SearchStrategy[str]:
    return st.uuids().map(str)


def offsets() -> st.SearchStrategy[timezone]:
    """Any whole-minute UTC offset that ISO 8601 can write (-23:59 to +23:59)."""
    return st.integers(-(24 * 60 - 1), 24 * 60 - 1).map(
        lambda minutes: timezone(timedelta(minutes=minutes))
    )


def _iso(instant: datetime, offset: timezone, zulu: bool) -> str:
    text = instant.astimezone(offset).isoformat()
    if zulu and text.endswith("+00:00"):
        text = text[: -len("+00:00")] + "Z"
    return text


# Keep a margin from the window's edges so that moving back in time stays inside.
_EARLIEST = datetime(2000, 2, 1)
_LATEST = datetime(2099, 12, 1)
_MAX_LOOKBACK = timedelta(days=30)


def instants() -> st.SearchStrategy[datetime]:
    """An aware UTC instant well inside the plausible window."""
    return st.datetimes(min_value=_EARLIEST, max_value=_LATEST).map(
        lambda naive: naive.replace(tzinfo=UTC)
    )


def timestamps() -> st.SearchStrategy[str]:
    """An ISO 8601 timestamp with a random offset inside the plausible window."""
    return st.builds(_iso, instants(), offsets(), st.booleans())


@st.composite
def occurred_and_recorded(draw) -> tuple[str, str]:
    """(occurred_at, recorded_at) with occurred_at <= recorded_at, offsets independent."""
    recorded = draw(instants())
    lag = draw(st.timedeltas(min_value=timedelta(0), max_value=_MAX_LOOKBACK))
    occurred = recorded - lag
    return (
        _iso(occurred, draw(offsets()), draw(st.booleans())),
        _iso(recorded, draw(offsets()), draw(st.booleans())),
    )


def percents() -> st.SearchStrategy[int]:
    return st.integers(limits.PERCENT_MIN, limits.PERCENT_MAX)


def scale10() -> st.SearchStrategy[int]:
    return st.integers(limits.SCALE10_MIN, limits.SCALE10_MAX)


def counters() -> st.SearchStrategy[int]:
    return st.one_of(st.integers(1, 50), st.just(limits.MAX_COUNTER))


def activity_minutes() -> st.SearchStrategy[int]:
    return st.integers(0, limits.MAX_ACTIVITY_MINUTES)


def key_sets(vocabulary) -> st.SearchStrategy[list[str]]:
    return st.lists(st.sampled_from([m.value for m in vocabulary]), unique=True, max_size=_SMALL)


def emotion_ratings() -> st.SearchStrategy[list[dict]]:
    rating = st.fixed_dictionaries(
        {"emotion": st.sampled_from([m.value for m in Emotion]), "intensity": percents()}
    )
    return st.lists(rating, unique_by=lambda r: r["emotion"], max_size=_SMALL)


def urges() -> st.SearchStrategy[dict]:
    return st.fixed_dictionaries(
        {"intensity": scale10(), "acted": st.booleans()},
        optional={
            "behaviours": key_sets(Behaviour),
            "delay_minutes": st.none() | st.integers(0, limits.MAX_DELAY_MINUTES),
        },
    )


def soothing_uses() -> st.SearchStrategy[list[dict]]:
    use = st.fixed_dictionaries(
        {"technique": st.sampled_from([m.value for m in SoothingTechnique])},
        optional={"minutes": st.none() | activity_minutes()},
    )
    return st.lists(use, max_size=_SMALL)


def challenges() -> st.SearchStrategy[dict]:
    return st.fixed_dictionaries(
        {},
        optional={
            "distortions": key_sets(Distortion),
            "evidence_for": texts(),
            "evidence_against": texts(),
            "balanced_thought": texts(),
            "belief_after": st.none() | percents(),
        },
    )


def need_statements() -> st.SearchStrategy[dict]:
    return st.fixed_dictionaries({"text": required_texts(), "shared": st.booleans()})


def tags() -> st.SearchStrategy[list[str]]:
    return st.lists(required_texts(max_size=limits.MAX_TAG_CHARS), unique=True, max_size=_SMALL)


@st.composite
def journal_entries(draw) -> dict:
    """A live entry with a random subset of every optional field."""
    occurred_at, recorded_at = draw(occurred_and_recorded())
    entry = {
        "id": draw(uuids()),
        "revision": draw(counters()),
        "occurred_at": occurred_at,
        "recorded_at": recorded_at,
        "situation": draw(required_texts()),
    }
    optional = {
        "deleted": st.just(False),
        "triggers": key_sets(Trigger),
        "trigger_note": texts(),
        "emotions": emotion_ratings(),
        "body_sensations": texts(),
        "automatic_thought": texts(),
        "belief_before": st.none() | percents(),
        "distress_before": st.none() | percents(),
        "distress_after": st.none() | percents(),
        "urge": st.none() | urges(),
        "soothing": soothing_uses(),
        "challenge": st.none() | challenges(),
        "need_statement": st.none() | need_statements(),
        "partner_positive": st.lists(required_texts(), max_size=_SMALL),
        "assignment_id": st.none() | uuids(),
        "tags": tags(),
    }
    entry.update(draw(st.fixed_dictionaries({}, optional=optional)))
    return entry


def tombstones() -> st.SearchStrategy[dict]:
    return st.fixed_dictionaries(
        {
            "id": uuids(),
            "revision": counters(),
            "deleted": st.just(True),
            "recorded_at": timestamps(),
        }
    )


def homework_logs() -> st.SearchStrategy[dict]:
    return (
        st.fixed_dictionaries(
            {"id": uuids(), "assignment_id": uuids(), "done_at": timestamps()},
            optional={
                "revision": counters(),
                "minutes": st.none() | activity_minutes(),
                "helpfulness": st.none() | scale10(),
                "distress_before": st.none() | percents(),
                "distress_after": st.none() | percents(),
                "note": texts(),
            },
        )
        | deleted_homework_logs()
    )


def deleted_homework_logs() -> st.SearchStrategy[dict]:
    """A deleted log keeps its numbers but never the note the client removed."""
    return st.fixed_dictionaries(
        {
            "id": uuids(),
            "assignment_id": uuids(),
            "done_at": timestamps(),
            "revision": counters(),
            "deleted": st.just(True),
        }
    )


@st.composite
def checkins(draw) -> dict:
    spec = MEASURES[draw(st.sampled_from(sorted(MEASURES)))]
    answers = st.lists(
        st.integers(spec.item_min, spec.item_max),
        min_size=spec.item_count,
        max_size=spec.item_count,
    )
    return {
        "id": draw(uuids()),
        "measure": spec.key.value,
        "completed_at": draw(timestamps()),
        "answers": draw(answers),
    }


@st.composite
def periods(draw) -> dict:
    start = draw(st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)))
    end = draw(st.dates(min_value=start, max_value=date(2099, 12, 31)))
    return {"start": start.isoformat(), "end": end.isoformat()}


def client_keys() -> st.SearchStrategy[dict]:
    recipient = st.text(st.sampled_from(BECH32_ALPHABET), min_size=58, max_size=58)
    return st.fixed_dictionaries(
        {
            "signing_key": st.binary(min_size=32, max_size=32).map(bytes.hex),
            "age_recipient": recipient.map(lambda body: "age1" + body),
        }
    )


def _by_id(item: dict) -> str:
    return item["id"]


@st.composite
def export_documents(draw, *, min_entries: int = 0) -> dict:
    """A valid export document; ``min_entries`` live entries come first."""
    live = draw(st.lists(journal_entries(), min_size=min_entries, max_size=max(min_entries, 2)))
    more = draw(st.lists(journal_entries() | tombstones(), max_size=2))
    entries = list({entry["id"]: entry for entry in [*more, *live]}.values())
    entries.sort(key=lambda entry: entry.get("deleted", False))  # live entries first
    return {
        "format": "securebase/journal-export",
        "version": 1,
        "export_id": draw(uuids()),
        "client_id": draw(uuids()),
        "sequence": draw(counters()),
        "created_at": draw(timestamps()),
        "period": draw(periods()),
        "entries": entries,
        "homework_logs": draw(st.lists(homework_logs(), unique_by=_by_id, max_size=2)),
        "checkins": draw(st.lists(checkins(), unique_by=_by_id, max_size=2)),
        "client_keys": draw(client_keys()),
    }


ENTRY_TEXT_FIELDS = ("situation", "trigger_note", "body_sensations", "automatic_thought")
CHALLENGE_TEXT_FIELDS = ("evidence_for", "evidence_against", "balanced_thought")


def text_paths(doc: dict) -> list[tuple]:
    """Paths of the client-text fields of ``doc`` that can be set to a new string.

    Includes optional text fields an entry leaves out (setting one adds it),
    every item of ``partner_positive`` and ``tags``, and every homework note.
    """
    paths: list[tuple] = []
    for i, entry in enumerate(doc["entries"]):
        if entry.get("deleted"):
            continue
        paths += [("entries", i, name) for name in ENTRY_TEXT_FIELDS]
        if isinstance(entry.get("challenge"), dict):
            paths += [("entries", i, "challenge", name) for name in CHALLENGE_TEXT_FIELDS]
        if isinstance(entry.get("need_statement"), dict):
            paths.append(("entries", i, "need_statement", "text"))
        for listed in ("partner_positive", "tags"):
            paths += [("entries", i, listed, k) for k in range(len(entry.get(listed, [])))]
    paths += [
        ("homework_logs", i, "note")
        for i, log in enumerate(doc["homework_logs"])
        if not log.get("deleted")
    ]
    return paths
