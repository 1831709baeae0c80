"""The title and the one-line reading guide of every chart, shared by dashboard and PDF.

Rules:
- one entry per chart, keyed by the dashboard builder's name; the PDF draws
  the same analytics result under the same title;
- a title says what is counted and over what (each week, each trigger);
- a guide says how to read the chart in one or two plain sentences: what a
  bigger bar or a rising line means, and what it does not prove;
- weeks run Monday to Sunday; no chart text says "ISO".
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class ChartText:
    title: str
    guide: str


CHARTS: dict[str, ChartText] = {
    "trigger_weekly_bars": ChartText(
        "Triggers noted each week",
        "Each bar is one week and its blocks show how many entries named each trigger, so a "
        "taller bar is a busier week. An entry can name several triggers.",
    ),
    "distress_by_trigger_bars": ChartText(
        "How distressing each trigger felt",
        "Longer bars are triggers that hurt more on average (0-100, rated before soothing); the "
        "black tick is the highest rating; n is how many entries named it.",
    ),
    "weekday_hour_heatmap": ChartText(
        "When the journalled moments happened: day and hour",
        "Darker squares are the days and hours when most journalled moments happened, by the "
        "client's own clock: a hint at when triggers tend to land.",
    ),
    "urge_flow_sankey": ChartText(
        "Where reassurance urges led",
        "Read left to right: what set the urge off, whether it was resisted (green) or acted on "
        "(orange-red), and what it pulled toward. Wider bands happened more often.",
    ),
    "urge_resistance_chart": ChartText(
        "Strong reassurance urges resisted each week",
        "The share of strong urges the client sat with rather than acted on; a rising line is "
        "progress. Gaps are weeks with no strong urge.",
    ),
    "challenge_completion_bars": ChartText(
        "Thought challenges completed each week",
        "The share of each week's entries in which the client finished a thought challenge; "
        "taller bars mean more anxious thoughts were worked through.",
    ),
    "belief_drop_chart": ChartText(
        "How far belief in the anxious thought fell after a challenge",
        "Each dot is a week's average fall in belief after a challenge; higher dots mean the "
        "challenges loosened the thought more. The line is the fitted trend.",
    ),
    "distress_drop_chart": ChartText(
        "How far distress fell within an entry",
        "Each dot is a week's average fall in distress within an entry; higher dots mean more "
        "relief. The line is the fitted trend.",
    ),
    "belief_before_after": ChartText(
        "Belief in the anxious thought, before and after each challenge",
        "One entry per pair: orange is belief in the thought before the challenge, blue after. "
        "The longer the line down to blue, the more it loosened.",
    ),
    "distortion_weekly_bars": ChartText(
        "Thinking traps named in challenges, by week",
        "How often each thinking trap was named each week; watch for traps that shrink or drop "
        "out over time.",
    ),
    "soothing_effectiveness_bars": ChartText(
        "How much distress fell with each soothing technique",
        "Longer bars are techniques that went with bigger falls in distress (relief, not proof "
        "of cause); grey bars rest on too few ratings. n = rated uses.",
    ),
    "homework_adherence_chart": ChartText(
        "Homework done each week, by exercise",
        "One row per exercise: grey marks the weeks it was set, blue how much of that week's "
        "homework was done (full = all of it).",
    ),
    "measure_chart": ChartText(
        "Questionnaire totals over time",
        "The questionnaire total at each check-in over its severity bands; green triangles mark "
        "reliable improvement since the first check-in, orange-red reliable worsening.",
    ),
}

#: Shown where a chart has nothing to draw.
EMPTY_TEXT = "Nothing recorded in this period"
#: Words for a week on an axis title: weeks run Monday to Sunday.
WEEK_AXIS_TITLE = "Week (Monday to Sunday)"
#: Marks the week that is still running, so a short bar is not read as a drop.
PARTIAL_WEEK_NOTE = "so far"
