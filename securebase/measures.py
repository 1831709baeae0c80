"""The questionnaire registry: what each measure asks and how it is scored.

Adding a measure is a data change: a new ``MeasureSpec`` in ``MEASURES``
(and its key in ``vocabulary.MeasureKey`` so check-ins may name it). A spec
holds, as data:

- ``items``: the exact item texts in order, or ``None`` for an item whose
  terms do not allow shipping its wording (the item still counts and scores);
- ``scale``: the answer range per item and its option labels;
- ``reverse_items``: 1-based numbers of reverse-keyed items (scored
  ``min + max - answer``);
- ``subscales``: named groups of 1-based item numbers, summed or averaged;
- ``bands``: severity bands over the total;
- ``lower_is_better``: which direction of change is improvement;
- ``sd`` and ``reliability``: the constants of the reliable change index
  (Jacobson & Truax 1991);
- ``norms``: means and SDs of a functional and a dysfunctional population,
  for the clinical-significance cutoff;
- ``risk_items``: 1-based items where any answer above the minimum must
  raise a flag for the therapist.

Every constant carries its source. A constant that is not known for sure
is ``None``, never a guess; the analytics then report what they could not
assess instead of inventing a number.
"""

import math
from dataclasses import dataclass
from itertools import pairwise
from typing import Literal

from securebase.vocabulary import MeasureKey


@dataclass(frozen=True)
class Band:
    """A severity band: totals from ``low`` to ``high`` inclusive."""

    low: int
    high: int
    label: str


@dataclass(frozen=True)
class Scale:
    """The answer range of every item, with a label per answer value."""

    min: int
    max: int
    labels: tuple[str, ...] = ()

    def __post_init__(self):
        if self.max <= self.min:
            raise ValueError("scale max must exceed min")
        if self.labels and len(self.labels) != self.max - self.min + 1:
            raise ValueError("one option label per answer value")


@dataclass(frozen=True)
class Subscale:
    """Named group of 1-based item numbers, scored as a ``sum`` or a ``mean``."""

    key: str
    title: str
    items: tuple[int, ...]
    method: Literal["sum", "mean"] = "sum"


@dataclass(frozen=True)
class Sourced:
    """A published number and where it was published."""

    value: float
    source: str


@dataclass(frozen=True)
class Reliability:
    """A reliability coefficient, what kind it is, and its source."""

    r: float
    kind: str
    source: str


@dataclass(frozen=True)
class Norm:
    """Mean and SD of the total in one population."""

    mean: float
    sd: float
    population: str
    source: str


@dataclass(frozen=True)
class Norms:
    """A functional and a dysfunctional population (Jacobson & Truax 1991, cutoff c)."""

    functional: Norm
    dysfunctional: Norm

    @property
    def cutoff(self) -> float:
        """c = (SD_dys * M_func + SD_func * M_dys) / (SD_dys + SD_func)."""
        func, dys = self.functional, self.dysfunctional
        return (dys.sd * func.mean + func.sd * dys.mean) / (dys.sd + func.sd)


@dataclass(frozen=True)
class MeasureSpec:
    key: str
    title: str
    items: tuple[str | None, ...]
    scale: Scale
    bands: tuple[Band, ...]
    source: str
    #: Reproduced exactly, only where the measure's terms allow it.
    stem: str = ""
    copyright: str = ""
    reverse_items: frozenset[int] = frozenset()
    subscales: tuple[Subscale, ...] = ()
    lower_is_better: bool = True
    sd: Sourced | None = None
    reliability: Reliability | None = None
    internal_consistency: Reliability | None = None
    norms: Norms | None = None
    risk_items: tuple[int, ...] = ()

    def __post_init__(self):
        numbers = set(range(1, self.item_count + 1))
        used = set(self.reverse_items) | set(self.risk_items)
        used |= {n for sub in self.subscales for n in sub.items}
        if not used <= numbers:
            raise ValueError(f"{self.title}: item numbers must be 1-{self.item_count}")
        if self.bands:
            _check_bands(self)

    # -- the shape existing callers use -----------------------------------------------------------

    @property
    def item_count(self) -> int:
        return len(self.items)

    @property
    def item_min(self) -> int:
        return self.scale.min

    @property
    def item_max(self) -> int:
        return self.scale.max

    @property
    def options(self) -> tuple[str, ...]:
        return self.scale.labels

    @property
    def total_min(self) -> int:
        return self.item_count * self.item_min

    @property
    def total_max(self) -> int:
        return self.item_count * self.item_max

    # -- scoring ----------------------------------------------------------------------------------

    def keyed(self, answers: list[int]) -> list[int]:
        """Item scores after reverse keying, in item order."""
        flip = self.item_min + self.item_max
        return [flip - a if n in self.reverse_items else a for n, a in enumerate(answers, start=1)]

    def total(self, answers: list[int]) -> int:
        """Sum of keyed item scores; answers must already be validated."""
        return sum(self.keyed(answers))

    def band(self, total: int) -> Band:
        for band in self.bands:
            if band.low <= total <= band.high:
                return band
        raise ValueError(f"total outside {self.total_min}-{self.total_max}")

    def check_answers(self, answers: list[int]) -> None:
        """Raise ValueError unless ``answers`` has one in-range score per item."""
        if len(answers) != self.item_count:
            raise ValueError(f"{self.title} needs exactly {self.item_count} answers")
        if any(not self.item_min <= a <= self.item_max for a in answers):
            raise ValueError(f"{self.title} answers must be {self.item_min}-{self.item_max}")


def _check_bands(spec: MeasureSpec) -> None:
    bands = spec.bands
    contiguous = all(b.low == a.high + 1 for a, b in pairwise(bands))
    if bands[0].low != spec.total_min or bands[-1].high != spec.total_max or not contiguous:
        raise ValueError(f"{spec.title}: bands must cover {spec.total_min}-{spec.total_max}")


def rci_constants(spec: MeasureSpec) -> tuple[float, float] | None:
    """(S_diff, 1.96 * S_diff) from the spec's SD and reliability, or None if either is missing."""
    if spec.sd is None or spec.reliability is None:
        return None
    standard_error = spec.sd.value * math.sqrt(1 - spec.reliability.r)
    s_diff = math.sqrt(2) * standard_error
    return s_diff, 1.96 * s_diff


FREQUENCY_OPTIONS = ("Not at all", "Several days", "More than half the days", "Nearly every day")
PFIZER_COPYRIGHT = (
    "Developed by Drs. Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and "
    "colleagues, with an educational grant from Pfizer Inc. No permission required "
    "to reproduce, translate, display or distribute."
)
SPITZER_2006 = "Spitzer, Kroenke, Williams & Löwe 2006, Arch Intern Med 166:1092-1097"
KROENKE_2001 = "Kroenke, Spitzer & Williams 2001, J Gen Intern Med 16:606-613"

GAD7 = MeasureSpec(
    key=MeasureKey.GAD7,
    title="GAD-7",
    source=f"{SPITZER_2006} (items, bands, reliability)",
    stem="Over the last 2 weeks, how often have you been bothered by the following problems?",
    items=(
        "Feeling nervous, anxious, or on edge",
        "Not being able to stop or control worrying",
        "Worrying too much about different things",
        "Trouble relaxing",
        "Being so restless that it is hard to sit still",
        "Becoming easily annoyed or irritable",
        "Feeling afraid, as if something awful might happen",
    ),
    scale=Scale(0, 3, FREQUENCY_OPTIONS),
    bands=(
        Band(0, 4, "minimal"),
        Band(5, 9, "mild"),
        Band(10, 14, "moderate"),
        Band(15, 21, "severe"),
    ),
    copyright=PFIZER_COPYRIGHT,
    sd=Sourced(5.0, f"{SPITZER_2006}; the SD used for reliable change in DOMAIN.md"),
    reliability=Reliability(0.83, "test-retest ICC", SPITZER_2006),
    internal_consistency=Reliability(0.92, "Cronbach's alpha", SPITZER_2006),
    norms=None,  # no functional/dysfunctional M and SD we can cite with certainty
)

PHQ9 = MeasureSpec(
    key=MeasureKey.PHQ9,
    title="PHQ-9",
    source=f"{KROENKE_2001} (items, bands, alpha); wording as on the Pfizer PHQ-9 form",
    stem=(
        "Over the last 2 weeks, how often have you been bothered by any of the following problems?"
    ),
    items=(
        "Little interest or pleasure in doing things",
        "Feeling down, depressed, or hopeless",
        "Trouble falling or staying asleep, or sleeping too much",
        "Feeling tired or having little energy",
        "Poor appetite or overeating",
        "Feeling bad about yourself — or that you are a failure or have let yourself or "
        "your family down",
        "Trouble concentrating on things, such as reading the newspaper or watching television",
        "Moving or speaking so slowly that other people could have noticed? Or the opposite — "
        "being so fidgety or restless that you have been moving around a lot more than usual",
        "Thoughts that you would be better off dead or of hurting yourself in some way",
    ),
    scale=Scale(0, 3, FREQUENCY_OPTIONS),
    bands=(
        Band(0, 4, "minimal"),
        Band(5, 9, "mild"),
        Band(10, 14, "moderate"),
        Band(15, 19, "moderately severe"),
        Band(20, 27, "severe"),
    ),
    copyright=PFIZER_COPYRIGHT,
    sd=None,  # no population SD we can cite with certainty: reliable change not assessed
    reliability=Reliability(0.89, "Cronbach's alpha", KROENKE_2001),
    internal_consistency=Reliability(0.89, "Cronbach's alpha", KROENKE_2001),
    norms=None,
    risk_items=(9,),  # thoughts of being better off dead or of self-harm
)

MEASURES: dict[MeasureKey, MeasureSpec] = {spec.key: spec for spec in (GAD7, PHQ9)}
