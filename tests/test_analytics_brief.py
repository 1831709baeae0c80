"""The session brief: hand-computed figures, its period rules, its JSON and its words.

The fixture is one small client over two fortnights, worked out by hand below
(all times at +01:00, so local dates are the written ones).

Previous period P0 = Mon 2 Mar .. Sun 15 Mar; period P1 = Mon 16 Mar .. Sun 29 Mar.

| entry | day | triggers                  | distress | urge      | belief   | soothing (drop) |
| p1    | 03  | delayed_reply             | 60       | 6 acted   |          |                 |
| p2    | 05  | delayed_reply, conflict   | 70 -> 50 | 5 acted   |          | paced (20)      |
| p3    | 09  | delayed_reply             | 42 -> 30 | 3 resists |          | paced (12)      |
| p4    | 12  | (none); RISK TEXT (old)   | 80       | 8 resists |          |                 |
| c1    | 16  | conflict                  | 80 -> 50 | 5 resists | 90 -> 60 | paced (30)      |
| c2    | 18  | conflict, tone_change     | 70 -> 30 | 4 resists | 70 -> 50 | grounding (40)  |
| c3    | 20  | delayed_reply, conflict;  | 60 -> 20 | 7 acted   |          | grounding (40)  |
|       |     | RISK TEXT                 |          |           |          |                 |
| c4    | 24  | delayed_reply, tone_change| 50 -> 40 | 9 resists | 60 -> 50 | paced (10)      |
| c5    | 27  | exclusion                 |          |           |          |                 |

Days are in March; "urge" is intensity and whether it was acted on (4 and 3
are below the threshold of 5).

Homework: paced_breathing 3 per week from 2 Mar; logs on 1 Mar (before it
started), 4 Mar, 17 Mar and 25 Mar. GAD-7: 14 on 3 Mar, 10 on 17 Mar, 7 on
28 Mar. PHQ-9 on 20 Mar, every item 1 (item 9 = 1, total 9).
"""

import json
import re
from datetime import date, timedelta

import pandas as pd
import pytest

from securebase.analytics.brief import brief_start, client_brief, session_brief
from securebase.analytics.frames import between, checkins_frame, entries_frame, logs_frame
from securebase.analytics.load import ASSIGNMENT_COLUMNS, ClientFrames
from securebase.analytics.soothing import soothing_effectiveness
from securebase.analytics.trends import IMPROVING, NOT_ENOUGH_DATA
from securebase.environment import WORK_FACTOR_VARIABLE
from securebase.period import DEFAULT_DAYS, TREND_WEEKS, Period, default_period, trend_window
from securebase.presentation.brief_words import (
    belief_sentence,
    entries_sentence,
    figure_sentences,
    flag_sentence,
    homework_sentence,
    measure_sentence,
    soothing_sentence,
    threshold_sentence,
    trigger_sentence,
    urge_sentence,
)
from securebase.therapist_records import add_session_note
from securebase.vault import Vault
from tests.analytics_builders import checkin, entry, log, make_id
from tests.demo_frames import demo_client_frames, demo_week_monday

MARKER = "qzv-brief-marker"
RISK_PHRASE = "I wish I was dead"
OLD_RISK_PHRASE = "I felt hopeless about everything"
P0 = Period(date(2026, 3, 2), date(2026, 3, 15))
P1 = Period(date(2026, 3, 16), date(2026, 3, 29))
CLIENT = "c0ffee00-0000-4000-8000-000000000001"


def _entry(day: str, name: str, triggers=(), situation="", **fields):
    return entry(
        f"2026-03-{day}T21:00:00+01:00",
        name=name,
        situation=f"{MARKER} {situation} {name}".strip(),
        automatic_thought=f"{MARKER} thought {name}",
        triggers=list(triggers),
        **fields,
    )


def _urge(intensity: int, acted: bool) -> dict:
    return {"intensity": intensity, "acted": acted, "behaviours": ["checking_phone"]}


def _challenge(belief_after: int) -> dict:
    return {
        "distortions": ["mind_reading"],
        "evidence_for": f"{MARKER} for",
        "evidence_against": f"{MARKER} against",
        "balanced_thought": f"{MARKER} balanced",
        "belief_after": belief_after,
    }


def _soothing(technique: str) -> list[dict]:
    return [{"technique": technique, "minutes": 10}]


def _assignments(*rows) -> pd.DataFrame:
    return pd.DataFrame([list(row) for row in rows], columns=ASSIGNMENT_COLUMNS)


def empty_frames() -> ClientFrames:
    return ClientFrames(entries_frame([]), logs_frame([]), checkins_frame([]), _assignments())


@pytest.fixture(scope="module")
def frames() -> ClientFrames:
    entries = [
        _entry("03", "p1", ["delayed_reply"], distress_before=60, urge=_urge(6, True)),
        _entry("05", "p2", ["delayed_reply", "conflict"], distress_before=70, distress_after=50,
               urge=_urge(5, True), soothing=_soothing("paced_breathing")),
        _entry("09", "p3", ["delayed_reply"], distress_before=42, distress_after=30,
               urge=_urge(3, False), soothing=_soothing("paced_breathing")),
        _entry("12", "p4", situation=OLD_RISK_PHRASE, distress_before=80, urge=_urge(8, False)),
        _entry("16", "c1", ["conflict"], distress_before=80, distress_after=50,
               urge=_urge(5, False), belief_before=90, challenge=_challenge(60),
               soothing=_soothing("paced_breathing")),
        _entry("18", "c2", ["conflict", "tone_change"], distress_before=70, distress_after=30,
               urge=_urge(4, False), belief_before=70, challenge=_challenge(50),
               soothing=_soothing("grounding")),
        _entry("20", "c3", ["delayed_reply", "conflict"], situation=RISK_PHRASE,
               distress_before=60, distress_after=20, urge=_urge(7, True),
               soothing=_soothing("grounding")),
        _entry("24", "c4", ["delayed_reply", "tone_change"], distress_before=50,
               distress_after=40, urge=_urge(9, False), belief_before=60,
               challenge=_challenge(50), soothing=_soothing("paced_breathing")),
        _entry("27", "c5", ["exclusion"]),
    ]  # fmt: skip
    logs = [
        log(f"2026-03-{day}T08:00:00+01:00", "hw-breathing", note=f"{MARKER} log")
        for day in ("01", "04", "17", "25")
    ]
    checkins = [
        checkin("2026-03-03T09:00:00+01:00", "gad7", [2] * 7, name="gad-1"),  # 14
        checkin("2026-03-17T09:00:00+01:00", "gad7", [2, 2, 2, 1, 1, 1, 1], name="gad-2"),  # 10
        checkin("2026-03-28T09:00:00+01:00", "gad7", [1] * 7, name="gad-3"),  # 7
        checkin("2026-03-20T09:00:00+01:00", "phq9", [1] * 9, name="phq-1"),  # item 9 = 1
    ]
    assignments = _assignments(
        [make_id("hw-breathing"), "paced_breathing", 3, "week", date(2026, 3, 2), None, "note"]
    )
    return ClientFrames(
        entries_frame(entries), logs_frame(logs), checkins_frame(checkins), assignments
    )


def said(brief) -> list[str]:
    """The whole brief in words, as the command line says it: flags, then the figures."""
    return [*map(flag_sentence, brief.flags), *figure_sentences(brief)]


@pytest.fixture(scope="module")
def brief(frames):
    return session_brief(CLIENT, frames, P1)


# -- the hand-computed brief ------------------------------------------------------


def test_entry_counts_now_and_before(brief):
    # P1 holds c1..c5; P0 (the 14 days before) holds p1..p4.
    assert (brief.entries, brief.entries_previous) == (5, 4)
    assert entries_sentence(brief) == "5 entries from 16 Mar to 29 Mar (4 in the 14 days before)."


def test_top_triggers_in_order_with_previous_counts(brief):
    # P1: conflict c1 c2 c3 = 3; delayed_reply c3 c4 = 2; tone_change c2 c4 = 2; exclusion 1.
    # The tie at 2 goes by key; exclusion is fourth and left out (top 3).
    # P0: conflict p2 = 1; delayed_reply p1 p2 p3 = 3; tone_change 0.
    # Mean distress in P1: conflict (80+70+60)/3 = 70; delayed_reply (60+50)/2 = 55;
    # tone_change (70+50)/2 = 60.
    assert brief.top_triggers == [
        {"trigger": "conflict", "count": 3, "count_previous": 1, "mean_distress": 70.0},
        {"trigger": "delayed_reply", "count": 2, "count_previous": 3, "mean_distress": 55.0},
        {"trigger": "tone_change", "count": 2, "count_previous": 0, "mean_distress": 60.0},
    ]
    assert trigger_sentence(brief.top_triggers) == (
        "Most frequent triggers: argument or criticism 3 (before: 1); "
        "slow or missing reply 2 (before: 3); partner's tone or mood changed 2 (before: 0)."
    )


def test_strong_urges_resisted_now_and_before(brief):
    # Threshold 5 counts an urge of exactly 5 (c1, p2) and leaves out 4 (c2) and 3 (p3).
    # P1: c1 5 resisted, c3 7 acted, c4 9 resisted -> 2 of 3.
    # P0: p1 6 acted, p2 5 acted, p4 8 resisted -> 1 of 3.
    assert brief.urges == {
        "threshold": 5,
        "resisted": 2,
        "total": 3,
        "share": pytest.approx(2 / 3),
        "resisted_previous": 1,
        "total_previous": 3,
        "share_previous": pytest.approx(1 / 3),
    }
    assert (
        urge_sentence(brief.urges)
        == "Strong urges (intensity 5+) resisted: 2 of 3 (67%); before: 1 of 3 (33%)."
    )


def test_belief_drop_with_interval_and_too_few_weeks_for_a_trend(brief):
    # Drops c1 30, c2 20, c4 10: mean 20, sd 10, n 3;
    # 95% CI 20 +/- t(0.975, 2) 4.303 * 10 / sqrt(3) = 20 +/- 24.843.
    # The pairs fall in two ISO weeks (16 Mar, 23 Mar): fewer than 3 -> no trend.
    belief = brief.belief
    assert belief["n"] == 3
    assert belief["mean_drop"] == pytest.approx(20.0)
    assert belief["ci_low"] == pytest.approx(-4.843, abs=1e-3)
    assert belief["ci_high"] == pytest.approx(44.843, abs=1e-3)
    assert belief["trend_direction"] == NOT_ENOUGH_DATA
    assert (belief["trend_weeks"], belief["trend_slope_per_week"]) == (2, None)
    # The trend window: the 8 ISO weeks ending Sun 29 Mar, from Mon 2 Feb.
    assert brief.trend_window == Period(date(2026, 2, 2), P1.end)
    assert belief_sentence(brief) == (
        "After challenges, belief in the anxious thought fell by 20 points on average "
        f"(n=3, 95% CI -5 to 45); {TREND_WEEKS}-week trend from 02 Feb: not enough data "
        "(belief before a challenge: not enough data; share of it dropped: not enough data)."
    )


def test_a_single_challenge_has_no_interval():
    one = [_entry("17", "solo", ["conflict"], belief_before=80, challenge=_challenge(55))]
    frames = ClientFrames(entries_frame(one), logs_frame([]), checkins_frame([]), _assignments())
    belief = session_brief(CLIENT, frames, P1).belief
    assert (belief["n"], belief["mean_drop"], belief["ci_low"], belief["ci_high"]) == (
        1,
        25.0,
        None,
        None,
    )
    line = belief_sentence(session_brief(CLIENT, frames, P1))
    assert "(n=1)" in line
    assert "CI" not in line


def test_best_soothing_counts_the_period_only(brief, frames):
    # In P1: paced_breathing c1 30, c4 10 and grounding c2 40, c3 40: two rated uses each,
    # below the three a rank needs (the weeks before P1 do not count: the Soothing tab
    # shows the period's entries, and the brief says the same figures).
    assert brief.soothing is None
    assert soothing_sentence(brief.soothing) is None
    # Over both fortnights: paced_breathing p2 20, p3 12, c1 30, c4 10 -> 4 rated uses,
    # mean 18; grounding still 2 rated uses: not ranked.
    both = session_brief(CLIENT, frames, Period(P0.start, P1.end))
    assert both.soothing == {"technique": "paced_breathing", "mean_drop": 18.0, "n": 4}
    assert soothing_sentence(both.soothing) == (
        "Most helpful soothing in this period: paced breathing "
        "(distress down 18 points on average, n=4)."
    )


def test_no_best_soothing_below_three_rated_uses(frames):
    # A brief of P0: paced_breathing twice only (p2, p3).
    before = session_brief(CLIENT, frames, P0)
    assert before.soothing is None
    assert not any(line.startswith("Most helpful soothing") for line in said(before))


def test_homework_done_expected_share(brief):
    # 3 per week over 14 days -> expected 6; done in P1: the logs of 17 and 25 Mar.
    assert brief.homework == {"done": 2, "expected": 6.0, "share": pytest.approx(1 / 3)}
    assert (
        homework_sentence(brief.homework) == "Homework: 2 of about 6 expected sessions done (33%)."
    )


def test_latest_measure_with_reliable_improvement(brief):
    # GAD-7: S_diff = sqrt(2) * 4.5 * sqrt(1 - .83) = 2.624, threshold 1.96 * 2.624 = 5.14.
    # 14 -> 7 is a change of 7 > 5.14: reliable improvement, and 7 is below c = 7.69:
    # recovered. NHS: a case at 14 (8+), 7 points (4+), below 8 now: reliable recovery.
    gad, phq = brief.measures
    assert (gad["measure"], gad["total"], gad["band"]) == ("gad7", 7, "mild")
    assert (gad["baseline_total"], gad["baseline_date"]) == (14, date(2026, 3, 3))
    assert gad["reliable_change"] == "improved"
    assert gad["threshold_points"] == pytest.approx(5.14, abs=0.01)
    assert measure_sentence(gad) == (
        "GAD-7: 7 (mild) on 28 Mar; baseline 14 on 03 Mar: reliable improvement, clinically "
        "recovered; NHS Talking Therapies: reliable recovery."
    )
    assert threshold_sentence(gad).startswith(
        "GAD-7 thresholds: caseness 8+ (NHS Talking Therapies"
    )
    # PHQ-9: one check-in, so its baseline is itself.
    assert (phq["measure"], phq["total"], phq["risk_items_endorsed"]) == ("phq9", 9, [9])
    assert phq["reliable_change"] == "no reliable change"
    assert measure_sentence(phq).endswith(
        "no reliable change, clinically unchanged; NHS Talking Therapies: no reliable change."
        " FLAG: item 9 (thoughts of self-harm) answered above 0 - please look."
    )
    # entries, triggers, urges, belief, homework, two sentences per questionnaire (no
    # soothing ranked in P1: see below); flags are said by each front end on its own.
    assert len(figure_sentences(brief)) == 9


def test_no_reliable_change_below_the_threshold(frames):
    # As of 24 Mar the latest GAD-7 is 10: 14 -> 10 is 4 points, under 5.14 (but 4 is the
    # NHS reliable improvement: still a case at 10, so not a recovery).
    brief = session_brief(CLIENT, frames, Period(date(2026, 3, 11), date(2026, 3, 24)))
    gad = brief.measures[0]
    assert (gad["total"], gad["baseline_total"], gad["reliable_change"]) == (
        10,
        14,
        "no reliable change",
    )
    assert (
        "GAD-7: 10 (moderate) on 17 Mar; baseline 14 on 03 Mar: no reliable change, clinically "
        "unchanged; NHS Talking Therapies: reliable improvement." in figure_sentences(brief)
    )


def test_flags_come_first_and_only_from_the_period(brief):
    # In P1 on 20 Mar: the PHQ-9 check-in (item 9) and c3's situation; sorted by date,
    # then source ("checkin" before "entry"). p4's flag (12 Mar, in P0) is not listed.
    assert [(f["kind"], f["source_id"], f["local_date"]) for f in brief.flags] == [
        ("phq9_item9", make_id("phq-1"), date(2026, 3, 20)),
        ("risk_language", make_id("c3"), date(2026, 3, 20)),
    ]
    assert brief.flags[1]["category"] == "passive_death_wish"
    assert brief.flags[1]["where"] == "situation"
    assert make_id("p4") not in {f["source_id"] for f in brief.flags}
    assert flag_sentence(brief.flags[0]) == (
        "FLAG: PHQ-9 item 9 (thoughts of self-harm) answered above 0 on Fri 20 Mar"
        " - a prompt to look, not an assessment."
    )
    assert flag_sentence(brief.flags[1]) == (
        "FLAG: words about wishing to be dead or not to exist in an entry on Fri 20 Mar"
        " - a prompt to look, not an assessment."
    )


def test_the_earlier_flag_belongs_to_the_earlier_period(frames):
    before = session_brief(CLIENT, frames, P0)
    assert [(f["kind"], f["source_id"], f["category"]) for f in before.flags] == [
        ("risk_language", make_id("p4"), "hopelessness")
    ]
    assert flag_sentence(before.flags[0]).startswith(
        "FLAG: words about hopelessness in an entry on Thu 12 Mar"
    )


# -- the period ---------------------------------------------------------------------


def test_default_period_without_a_session_note():
    today = date(2026, 3, 29)
    period = default_period(today, None)
    assert period == Period(date(2026, 3, 2), today)
    assert period.days == DEFAULT_DAYS == 28


def test_default_period_runs_from_the_day_after_the_last_session():
    assert default_period(date(2026, 3, 29), date(2026, 3, 19)) == Period(
        date(2026, 3, 20), date(2026, 3, 29)
    )
    # A session yesterday leaves a one-day period: today.
    assert default_period(date(2026, 3, 29), date(2026, 3, 28)).days == 1


def test_a_session_today_gives_the_default_28_days():
    assert default_period(date(2026, 3, 29), date(2026, 3, 29)) == Period(
        date(2026, 3, 2), date(2026, 3, 29)
    )


def test_period_before_has_the_same_length_just_before():
    period = Period(date(2026, 3, 20), date(2026, 3, 29))
    assert period.before() == Period(date(2026, 3, 10), date(2026, 3, 19))
    assert period.before().days == period.days == 10
    # Across a month end and a leap day.
    assert Period(date(2024, 3, 1), date(2024, 3, 2)).before() == Period(
        date(2024, 2, 28), date(2024, 2, 29)
    )


def test_client_brief_takes_its_period_from_the_session_notes(tmp_path, monkeypatch):
    monkeypatch.setenv(WORK_FACTOR_VARIABLE, "4")
    vault = Vault.create(tmp_path / "vault", "a passphrase for tests")
    client, _ = vault.add_client("Alice")
    until = date(2026, 3, 29)
    assert client_brief(vault, client.client_id, end=until).period == Period(
        date(2026, 3, 2), until
    )
    add_session_note(vault, client.client_id, date(2026, 3, 12), "first session")
    add_session_note(vault, client.client_id, date(2026, 3, 19), "second session")
    add_session_note(vault, client.client_id, date(2026, 4, 2), "after the end: ignored")
    assert client_brief(vault, client.client_id, end=until).period == Period(
        date(2026, 3, 20), until
    )
    explicit = client_brief(vault, client.client_id, date(2026, 3, 1), until)
    assert explicit.period == Period(date(2026, 3, 1), until)
    add_session_note(vault, client.client_id, until, "a session on the day itself")
    assert client_brief(vault, client.client_id, end=until).period.days == DEFAULT_DAYS


# -- JSON and words -----------------------------------------------------------------


def test_json_has_the_design_keys_and_serialises(brief):
    payload = brief.as_json()
    text = json.dumps(payload, allow_nan=False)
    assert json.loads(text) == payload
    assert payload["client_id"] == CLIENT
    assert payload["period"] == {"start": "2026-03-16", "end": "2026-03-29"}
    assert payload["previous_period"] == {"start": "2026-03-02", "end": "2026-03-15"}
    assert payload["entries"] == 5
    assert payload["entries_previous"] == 4
    assert [(f["kind"], f["source_id"], f["local_date"]) for f in payload["flags"]] == [
        ("phq9_item9", make_id("phq-1"), "2026-03-20"),
        ("risk_language", make_id("c3"), "2026-03-20"),
    ]
    figures = {"top_triggers", "urges", "belief", "soothing", "homework", "measures"}
    assert figures <= set(payload)
    assert "lines" not in payload  # facts, not sentences
    assert payload["trend_window"] == {"start": "2026-02-02", "end": "2026-03-29"}
    assert payload["top_triggers"][0] == {
        "trigger": "conflict",
        "count": 3,
        "count_previous": 1,
        "mean_distress": 70.0,
    }
    assert payload["belief"]["trend_slope_per_week"] is None
    assert payload["measures"][0]["baseline_date"] == "2026-03-03"
    assert payload["homework"] == {"done": 2, "expected": 6.0, "share": pytest.approx(1 / 3)}


_FIXED_WORDS = re.compile(r"PHQ-9|GAD-7|item 9|above 0|95%|\d+-week")
_DATES = re.compile(r"\b\d{2} [A-Z][a-z]{2}\b")
_NUMBER = re.compile(r"-?\d+")


def _field_numbers(payload: dict) -> set[str]:
    """Every way the brief's lines may print a number held in one of its fields."""
    found: set[str] = set()

    def walk(value):
        if isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, bool) or value is None:
            return
        elif isinstance(value, int | float):
            found.update({f"{value:.0f}", f"{value * 100:.0f}"})

    walk(payload)
    return found


def test_every_number_in_the_lines_comes_from_a_field(brief, frames):
    for case in (brief, session_brief(CLIENT, frames, P0)):
        payload = case.as_json()
        allowed = _field_numbers(payload) | {str(case.period.days), str(TREND_WEEKS)}
        # Threshold lines cite publications (years, not figures of the brief); the
        # thresholds themselves are checked in test_measures.py.
        for line in (line for line in said(case) if " thresholds: " not in line):
            bare = _DATES.sub("", _FIXED_WORDS.sub("", line))
            stray = [n for n in _NUMBER.findall(bare) if n not in allowed]
            assert not stray, (line, stray)


def test_no_client_text_in_lines_or_json(brief, frames):
    for case in (brief, session_brief(CLIENT, frames, P0)):
        text = json.dumps(case.as_json()) + "\n".join(said(case))
        assert MARKER not in text
        assert RISK_PHRASE.casefold() not in text.casefold()
        assert OLD_RISK_PHRASE.casefold() not in text.casefold()
        assert "note" not in json.dumps(case.as_json()["homework"])


def test_an_empty_client_gets_a_brief_of_zeros():
    brief = session_brief(CLIENT, empty_frames(), P1)
    assert (brief.entries, brief.entries_previous) == (0, 0)
    assert brief.flags == brief.top_triggers == brief.measures == []
    assert brief.urges["total"] == brief.urges["total_previous"] == 0
    assert brief.urges["share"] is None
    assert (brief.belief["n"], brief.belief["mean_drop"]) == (0, None)
    assert brief.soothing is None
    assert brief.homework == {"done": 0, "expected": 0.0, "share": None}
    assert said(brief) == [
        "0 entries from 16 Mar to 29 Mar (0 in the 14 days before).",
        "No completed thought challenges in the period (8-week trend from 02 Feb: "
        "not enough data).",
    ]
    assert json.loads(json.dumps(brief.as_json(), allow_nan=False))["entries"] == 0


# -- the demo storylines --------------------------------------------------------------


def test_demo_steady_improvement_last_four_weeks():
    frames = demo_client_frames("steady_improvement")
    period = Period(demo_week_monday(9), demo_week_monday(12) + timedelta(days=6))
    brief = session_brief("robin", frames, period)
    assert period.days == 28
    assert brief.belief["trend_direction"] == IMPROVING
    assert brief.belief["level_direction"] == IMPROVING
    assert brief.belief["trend_slope_per_week"] < 0  # belief before a challenge falls
    urges = brief.urges
    assert urges["total"] > 0
    assert urges["total_previous"] > 0
    assert urges["share"] > urges["share_previous"]
    assert brief.flags == []


def test_demo_bad_patch_weeks_seven_to_nine():
    frames = demo_client_frames("bad_patch")
    period = Period(demo_week_monday(7), demo_week_monday(9) + timedelta(days=6))
    brief = session_brief("jordan", frames, period)
    assert brief.flags
    assert brief.flags[0]["kind"] == "phq9_item9"
    assert flag_sentence(brief.flags[0]).startswith("FLAG: PHQ-9 item 9")
    conflict = next(t for t in brief.top_triggers if t["trigger"] == "conflict")
    assert conflict["count"] > conflict["count_previous"]
    assert brief.top_triggers[0]["trigger"] == "conflict"


@pytest.mark.parametrize("trajectory", ["steady_improvement", "plateau", "bad_patch"])
@pytest.mark.parametrize(("weeks_back", "days"), [(0, 7), (0, 28), (3, 10), (2, 20)])
def test_frames_from_brief_start_give_the_same_brief(trajectory, weeks_back, days):
    """Loading entries and logs from ``brief_start`` on (check-ins all) changes nothing."""
    frames = demo_client_frames(trajectory)
    end = demo_week_monday(12) + timedelta(days=6) - timedelta(weeks=weeks_back)
    period = Period(end - timedelta(days=days - 1), end)
    since = brief_start(period)
    cut = ClientFrames(
        entries=frames.entries[frames.entries["local_date"] >= since],
        logs=frames.logs[frames.logs["local_date"] >= since],
        checkins=frames.checkins,
        assignments=frames.assignments,
    )
    assert len(cut.entries) < len(frames.entries)
    full = session_brief("c", frames, period).as_json()
    assert session_brief("c", cut, period).as_json() == full
    assert full["entries_previous"] > 0


def test_flags_passed_in_give_the_brief_the_scan_would_give():
    """The dashboard hands over the period's flags it already has: the brief is the same."""
    from securebase.analytics.risk import risk_flags_between

    frames = demo_client_frames("bad_patch")
    period = Period(demo_week_monday(7), demo_week_monday(9) + timedelta(days=6))
    flags = risk_flags_between(frames.entries, frames.checkins, period.start, period.end)
    scanned = session_brief("jordan", frames, period)
    assert scanned.flags
    assert session_brief("jordan", frames, period, flags).as_json() == scanned.as_json()
    assert session_brief("jordan", frames, period, flags.iloc[:0]).flags == []


@pytest.mark.parametrize("trajectory", ["steady_improvement", "plateau", "bad_patch"])
@pytest.mark.parametrize("days", [7, 14, 28])
def test_brief_soothing_is_the_soothing_tabs_rank_one(trajectory, days):
    """Issue 16 item 8: for one chosen period, the Brief's "most helpful soothing" and the
    Soothing tab (``soothing_effectiveness`` of the period's entries) give the same
    technique and the same n; before, the Brief counted 8 weeks and the tab the period."""
    frames = demo_client_frames(trajectory)
    end = demo_week_monday(12) + timedelta(days=6)
    period = Period(end - timedelta(days=days - 1), end)
    tab = soothing_effectiveness(between(frames.entries, period.start, period.end))
    best = session_brief("c", frames, period).soothing
    top = tab.iloc[0] if len(tab) else None
    if top is None or not top["ranked"] or not top["mean_drop"] > 0:
        assert best is None
        return
    assert best == {
        "technique": top["technique"],
        "mean_drop": pytest.approx(top["mean_drop"]),
        "n": int(top["n_rated"]),
    }


def test_the_soothing_window_is_exercised_by_the_demo():
    """The check above is not empty: a demo period ranks a technique whose n differs
    between the period and the eight weeks before its end (the window the Brief used)."""
    frames = demo_client_frames("steady_improvement")
    end = demo_week_monday(12) + timedelta(days=6)
    period = Period(end - timedelta(days=13), end)
    best = session_brief("c", frames, period).soothing
    weeks = trend_window(period)
    longer = soothing_effectiveness(between(frames.entries, weeks.start, weeks.end))
    assert best is not None
    assert best["n"] < int(longer.set_index("technique").loc[best["technique"], "n_rated"])
