"""The tabs of the Client page, in order: (title, render(view)).

Each module draws one tab from a ``dashboard.data.ClientPeriod``.
"""

from dashboard.client_views import brief, challenges, homework, measures, notes, soothing, triggers

VIEWS = [
    ("Brief", brief.render),
    ("Triggers", triggers.render),
    ("Thought challenges", challenges.render),
    ("Soothing and urges", soothing.render),
    ("Homework", homework.render),
    ("Measures", measures.render),
    ("Session notes", notes.render),
]
