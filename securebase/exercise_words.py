"""Why each built-in exercise helps, in the client's own words (for handouts).

The catalogue's ``rationale`` is written for the therapist ("cognitive
restructuring", "physiological arousal"); what a client reads at home says
the same thing plainly, in the second person, in one sentence. Library-free,
so every front end can use it. A therapist's own exercise has no entry here:
its handout shows the steps without a "why" rather than clinical words.
"""

WHY: dict[str, str] = {
    "trigger_journal": (
        "Writing down what set off the worry helps you and your therapist spot "
        "the moments that tend to shake you, and when they happen."
    ),
    "paced_breathing": (
        "Breathing slowly, about six breaths a minute, tells your body it is safe "
        "and lets the wave of worry settle."
    ),
    "progressive_muscle_relaxation": (
        "Tightening and then letting go of your muscles helps you notice tension "
        "and let it drain away."
    ),
    "mindfulness_practice": (
        "A few quiet minutes each day practise stepping back from worried thoughts "
        "instead of being pulled along by them."
    ),
    "reassurance_delay": (
        "The urge to check usually rises and then fades within half an hour; "
        "waiting it out shows you that you can cope, and the urge gets weaker."
    ),
    "thought_challenge": (
        "Looking at your most worrying thought of the day, and what speaks for "
        "and against it, helps you find a calmer and fairer way to see things."
    ),
    "i_statement_practice": (
        "Saying what you need calmly and directly tends to bring you closer, "
        "where testing or withdrawing tends to push apart."
    ),
    "self_compassion_break": (
        "Being kind to yourself when it hurts softens the harsh inner voice that makes worry worse."
    ),
    "partner_appreciation_log": (
        "Noticing the caring things your partner does balances the worry that "
        "looks only for signs of rejection."
    ),
    "self_worth_activity": (
        "Time for what matters to you, outside the relationship, reminds you "
        "that your worth does not rest on one person."
    ),
    "boundary_practice": (
        "Saying a kind no now and then shows you that a relationship can hold your needs too."
    ),
    "support_contact": (
        "Reaching out to someone you trust spreads the comfort you need across "
        "more than one person."
    ),
}
