"""Change on questionnaires as NHS Talking Therapies reports it (the "paired" metrics).

The thresholds are data in the measure registry (``MeasureSpec.caseness`` and
``reliable_points``, with their source); this module only applies them.

Per measure, from a first score ``pre`` to a later score ``post`` (lower is
better for every measure that has these thresholds):

- *case*: a total at or above the measure's caseness threshold
  (PHQ-9 >= 10, GAD-7 >= 8);
- *reliable improvement*: ``pre - post >= reliable_points`` (PHQ-9 6, GAD-7 4);
- *reliable deterioration*: ``post - pre >= reliable_points``;
- *recovery*: a case at ``pre`` and not a case at ``post``;
- *reliable recovery*: recovery and reliable improvement together.

Paired (PHQ-9 and GAD-7 together, as the service reports a course of
treatment): a case at the start on either measure; recovery = a case at the
start and a case on neither at the end; reliable improvement = a reliable
improvement on at least one measure and a reliable deterioration on none;
reliable deterioration = the reverse; reliable recovery = both.

A measure without thresholds (the PHQ-8) gives ``None``: not assessed, never
borrowed from another measure.
"""

from dataclasses import asdict, dataclass

from securebase.measures import MeasureSpec

#: The latest check-in is "old" past this many days: its score may not describe today.
STALE_DAYS = 28


@dataclass(frozen=True)
class Outcome:
    case_pre: bool
    case_post: bool
    reliable_improvement: bool
    reliable_deterioration: bool
    recovery: bool
    reliable_recovery: bool

    def as_json(self) -> dict:
        return asdict(self)

    @property
    def words(self) -> str:
        """The one category a therapist reads first."""
        if self.reliable_recovery:
            return "reliable recovery"
        if self.reliable_deterioration:
            return "reliable deterioration"
        if self.recovery:
            return "recovery (not reliable)"
        if self.reliable_improvement:
            return "reliable improvement"
        return "no reliable change"


def measure_outcome(spec: MeasureSpec, pre: float, post: float) -> Outcome | None:
    """The paired metrics of one measure from ``pre`` to ``post`` (module rules)."""
    if spec.caseness is None or spec.reliable_points is None:
        return None
    case, points = spec.caseness.value, spec.reliable_points.value
    improved, worse = pre - post >= points, post - pre >= points
    recovery = pre >= case > post
    return Outcome(pre >= case, post >= case, improved, worse, recovery, recovery and improved)


def paired_outcome(first: Outcome, second: Outcome) -> Outcome:
    """Two measures' outcomes combined as the service combines PHQ-9 and GAD-7."""
    both = (first, second)
    case_pre = any(o.case_pre for o in both)
    case_post = any(o.case_post for o in both)
    improved = any(o.reliable_improvement for o in both) and not any(
        o.reliable_deterioration for o in both
    )
    worse = any(o.reliable_deterioration for o in both) and not any(
        o.reliable_improvement for o in both
    )
    recovery = case_pre and not case_post
    return Outcome(case_pre, case_post, improved, worse, recovery, recovery and improved)
