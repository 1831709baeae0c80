"""One-line reading guides shown under each chart.

See the package docstring for the rules every builder keeps.
"""


# --- reading guides -----------------------------------------------------------------

HOW_TO_READ: dict[str, str] = {
    "trigger_weekly_bars": "Each bar is one week and its blocks show how many entries named each "
    "trigger, so a taller bar is a busier week. An entry can name several triggers.",
    "distress_by_trigger_bars": "Longer bars are triggers that hurt more on average (0-100, rated "
    "before soothing); the black tick is the highest rating; n is how many entries named it.",
    "weekday_hour_heatmap": "Darker squares are the days and hours when most journalled moments "
    "happened, by the client's own clock: a hint at when triggers tend to land.",
    "urge_flow_sankey": "Read left to right: what set the urge off, whether it was resisted "
    "(green) or acted on (orange-red), and what it pulled toward. Wider bands happened more often.",
    "challenge_completion_bars": "The share of each week's entries in which the client finished "
    "a thought challenge; taller bars mean more anxious thoughts were worked through.",
    "belief_drop_chart": "Each dot is a week's average fall in belief after a challenge; higher "
    "dots mean the challenges loosened the thought more. The line is the fitted trend.",
    "distress_drop_chart": "Each dot is a week's average fall in distress within an entry; higher "
    "dots mean more relief. The line is the fitted trend.",
    "belief_before_after": "One entry per pair: orange is belief in the thought before the "
    "challenge, blue after. The longer the line down to blue, the more it loosened.",
    "distortion_weekly_bars": "How often each thinking trap was named each week; watch for traps "
    "that shrink or drop out over time.",
    "urge_resistance_chart": "The share of strong urges the client sat with rather than acted "
    "on; a rising line is progress. Gaps are weeks with no strong urge.",
    "soothing_effectiveness_bars": "Longer bars are techniques that went with bigger falls in "
    "distress (relief, not proof of cause); grey bars rest on too few ratings. n = rated uses.",
    "homework_adherence_chart": "One row per exercise: grey marks the weeks it was set, blue how "
    "much of that week's homework was done (full = all of it).",
    "measure_chart": "The questionnaire total at each check-in over its severity bands; green "
    "triangles mark reliable improvement since the first check-in, orange-red reliable worsening.",
}
