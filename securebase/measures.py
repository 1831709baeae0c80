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
  raise a flag for the therapist;
- ``caseness`` and ``reliable_points``: the NHS Talking Therapies paired
  metrics (the lowest total that counts as a clinical case, and the change
  in points that counts as reliable), used by ``analytics.outcomes``.

Where each constant comes from, and how far we could check it, is in the
``source`` next to it and in docs/DOMAIN.md ("Measures"). Two kinds of value
are marked there: values pooled by us from published sub-group figures
(``POOLED``), and values we could check only through a secondary source
(``SECONDARY``).

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
    caseness: Sourced | None = None
    reliable_points: Sourced | None = None

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
LOWE_2008 = "Löwe et al. 2008, Med Care 46:266-274 (German general population, n=5030)"
KOCALEVENT_2013 = (
    "Kocalevent, Hinz & Brähler 2013, Gen Hosp Psychiatry 35:551-555 "
    "(German general population, n=5018)"
)
KROENKE_2009 = "Kroenke et al. 2009, J Affect Disord 114:163-173 (the PHQ-8)"
NHS_TT_MANUAL = (
    "NHS Talking Therapies for anxiety and depression manual (NHS England; formerly the "
    "IAPT manual), as applied in Gyani et al. 2013, Behav Res Ther 51:597-606"
)
#: Marks a value we computed from published sub-group figures (stated next to it).
POOLED = "pooled by SecureBase from the published women's and men's means and SDs"
#: Marks a value checked only through a secondary source, not the primary publication.
SECONDARY = (
    "NHS Digital annual data 2022-23, start of treatment, clients at caseness; "
    "checked only through a secondary source (cbtwatch.com, a blog by Dr Mike Scott), not verified "
    "at NHS Digital"
)

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
    # Jacobson & Truax take the SD of the population treatment starts from: the clinical one.
    sd=Sourced(4.5, f"SD of the clinical population below ({SECONDARY})"),
    reliability=Reliability(0.83, "test-retest", SPITZER_2006),
    internal_consistency=Reliability(0.92, "Cronbach's alpha", SPITZER_2006),
    norms=Norms(
        # Women 3.2 (3.5), men 2.7 (3.2), 53.6% women (the paper's abstract).
        functional=Norm(2.97, 3.37, "general population", f"{LOWE_2008}; {POOLED}"),
        dysfunctional=Norm(14.0, 4.5, "clients starting NHS Talking Therapies", SECONDARY),
    ),
    caseness=Sourced(8, NHS_TT_MANUAL),
    reliable_points=Sourced(4, NHS_TT_MANUAL),
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
    sd=Sourced(5.5, f"SD of the clinical population below ({SECONDARY})"),
    # The 48-hour retest correlation (.84) is not used: we could not check it at the source.
    reliability=Reliability(0.89, "Cronbach's alpha", KROENKE_2001),
    internal_consistency=Reliability(0.89, "Cronbach's alpha", KROENKE_2001),
    norms=Norms(
        # Women 3.1 (3.5), men 2.7 (3.5), 53.6% women (the paper's abstract).
        functional=Norm(2.91, 3.51, "general population", f"{KOCALEVENT_2013}; {POOLED}"),
        dysfunctional=Norm(15.4, 5.5, "clients starting NHS Talking Therapies", SECONDARY),
    ),
    risk_items=(9,),  # thoughts of being better off dead or of self-harm
    caseness=Sourced(10, NHS_TT_MANUAL),
    reliable_points=Sourced(6, NHS_TT_MANUAL),
)

PHQ8 = MeasureSpec(
    key=MeasureKey.PHQ8,
    title="PHQ-8",
    source=f"{KROENKE_2009} (the PHQ-9 without item 9; bands); wording as on the PHQ-9 form",
    stem=PHQ9.stem,
    items=PHQ9.items[:8],
    scale=PHQ9.scale,
    bands=(
        Band(0, 4, "minimal"),
        Band(5, 9, "mild"),
        Band(10, 14, "moderate"),
        Band(15, 19, "moderately severe"),
        Band(20, 24, "severe"),
    ),
    copyright=PFIZER_COPYRIGHT,
    # No reliability, norms or NHS thresholds of its own that we could check: change on
    # the PHQ-8 is reported as "not assessed" rather than borrowed from the PHQ-9.
)

MEASURES: dict[MeasureKey, MeasureSpec] = {spec.key: spec for spec in (GAD7, PHQ9, PHQ8)}


def thresholds(spec: MeasureSpec) -> list[dict]:
    """Every threshold the analytics apply to ``spec``: name, value, full ``source`` and a
    short ``cite`` (for the dashboard, the brief and the PDF to show beside the result)."""
    found = []
    if spec.caseness is not None:
        value = f"{spec.caseness.value:g}+"
        found.append(_threshold("caseness", value, spec.caseness.source, NHS_CITE))
    if spec.reliable_points is not None:
        points = spec.reliable_points
        words = f"{points.value:g}+ points"
        found.append(_threshold("reliable change (NHS)", words, points.source, NHS_CITE))
    constants = rci_constants(spec)
    if constants is not None:
        source = f"Jacobson & Truax 1991; SD: {spec.sd.source}; r: {spec.reliability.source}"
        cite = f"Jacobson & Truax 1991 with {_cite(spec.reliability.source)}, {DATA_CITE}"
        found.append(
            _threshold("reliable change index", f"> {constants[1]:.1f} points", source, cite)
        )
    if spec.norms is not None:
        norms = spec.norms
        source = f"functional: {norms.functional.source}; clinical: {norms.dysfunctional.source}"
        cite = f"{_cite(norms.functional.source)}, {DATA_CITE}"
        found.append(_threshold("clinical cutoff c", f"{norms.cutoff:.1f}", source, cite))
    return found


NHS_CITE = "NHS Talking Therapies manual"
DATA_CITE = "NHS data (secondary source)"


_CITES = {
    SPITZER_2006: "Spitzer et al. 2006",
    KROENKE_2001: "Kroenke et al. 2001",
    LOWE_2008: "Löwe et al. 2008",
    KOCALEVENT_2013: "Kocalevent et al. 2013",
}


def _cite(source: str) -> str:
    """The short citation of the publication a full source names."""
    return next((cite for full, cite in _CITES.items() if full in source), source)


def _threshold(name: str, value: str, source: str, cite: str) -> dict:
    return {"name": name, "value": value, "source": source, "cite": cite}
