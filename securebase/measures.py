"""The questionnaire registry: what each measure asks and how it is scored.

Adding a measure is a data change: a new ``MeasureSpec`` in ``MEASURES``.
Every constant carries its source. Item texts are shipped only for measures
whose terms allow reproduction (GAD-7 and PHQ-9 state that no permission is
required); the reliable-change constants arrive with the measures feature.
"""

from dataclasses import dataclass

from securebase.vocabulary import MeasureKey


@dataclass(frozen=True)
class Band:
    """A severity band: totals from ``low`` to ``high`` inclusive."""

    low: int
    high: int
    label: str


@dataclass(frozen=True)
class MeasureSpec:
    key: MeasureKey
    title: str
    item_count: int
    item_min: int
    item_max: int
    bands: tuple[Band, ...]
    source: str
    #: Reproduced exactly, only where the measure's terms allow it.
    stem: str = ""
    items: tuple[str, ...] = ()
    options: tuple[str, ...] = ()
    copyright: str = ""

    @property
    def total_max(self) -> int:
        return self.item_count * self.item_max

    def total(self, answers: list[int]) -> int:
        """Sum of item scores; answers must already be validated."""
        return sum(answers)

    def band(self, total: int) -> Band:
        for band in self.bands:
            if band.low <= total <= band.high:
                return band
        raise ValueError(f"total outside 0-{self.total_max}")


GAD7 = MeasureSpec(
    key=MeasureKey.GAD7,
    title="GAD-7",
    item_count=7,
    item_min=0,
    item_max=3,
    bands=(
        Band(0, 4, "minimal"),
        Band(5, 9, "mild"),
        Band(10, 14, "moderate"),
        Band(15, 21, "severe"),
    ),
    source="Spitzer et al. 2006, Arch Intern Med 166:1092 (items, bands)",
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
    options=("Not at all", "Several days", "More than half the days", "Nearly every day"),
    copyright=(
        "Developed by Drs. Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and "
        "colleagues, with an educational grant from Pfizer Inc. No permission required "
        "to reproduce, translate, display or distribute."
    ),
)

PHQ9 = MeasureSpec(
    key=MeasureKey.PHQ9,
    title="PHQ-9",
    item_count=9,
    item_min=0,
    item_max=3,
    bands=(
        Band(0, 4, "minimal"),
        Band(5, 9, "mild"),
        Band(10, 14, "moderate"),
        Band(15, 19, "moderately severe"),
        Band(20, 27, "severe"),
    ),
    source="Kroenke et al. 2001, J Gen Intern Med 16:606 (items, bands)",
)

MEASURES: dict[MeasureKey, MeasureSpec] = {spec.key: spec for spec in (GAD7, PHQ9)}
