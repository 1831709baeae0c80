"""The clinical vocabularies of ``DOMAIN.md`` as enums with display labels.

The enum *values* are the stable wire contract: never rename one. Labels are
for display and may be reworded freely.
"""

from enum import StrEnum


class Vocabulary(StrEnum):
    """A StrEnum whose members carry a human label in ``_labels``."""

    @property
    def label(self) -> str:
        return _LABELS[type(self)][self.value]


class Trigger(Vocabulary):
    DELAYED_REPLY = "delayed_reply"
    TONE_CHANGE = "tone_change"
    EXCLUSION = "exclusion"
    PARTNER_UNAVAILABLE = "partner_unavailable"
    PLANS_CHANGED = "plans_changed"
    CONFLICT = "conflict"
    PERCEIVED_REJECTION = "perceived_rejection"
    SOCIAL_MEDIA = "social_media"
    JEALOUSY = "jealousy"
    OTHER = "other"


class Emotion(Vocabulary):
    ANXIETY = "anxiety"
    FEAR = "fear"
    SADNESS = "sadness"
    LONELINESS = "loneliness"
    ANGER = "anger"
    SHAME = "shame"
    JEALOUSY = "jealousy"
    GUILT = "guilt"
    HURT = "hurt"
    OTHER = "other"


class Behaviour(Vocabulary):
    REPEATED_MESSAGES = "repeated_messages"
    CALLING = "calling"
    CHECKING_PHONE = "checking_phone"
    CHECKING_SOCIAL_MEDIA = "checking_social_media"
    ASKING_FOR_REASSURANCE = "asking_for_reassurance"
    TESTING_PARTNER = "testing_partner"
    WITHDRAWING = "withdrawing"
    OTHER = "other"


class SoothingTechnique(Vocabulary):
    PACED_BREATHING = "paced_breathing"
    PROGRESSIVE_MUSCLE_RELAXATION = "progressive_muscle_relaxation"
    MINDFULNESS = "mindfulness"
    GROUNDING = "grounding"
    SELF_COMPASSION = "self_compassion"
    JOURNALING = "journaling"
    NATURE = "nature"
    EXERCISE = "exercise"
    ENJOYABLE_ACTIVITY = "enjoyable_activity"
    SUPPORT_CONTACT = "support_contact"
    OTHER = "other"


class Distortion(Vocabulary):
    ALL_OR_NOTHING = "all_or_nothing"
    OVERGENERALIZATION = "overgeneralization"
    MENTAL_FILTER = "mental_filter"
    DISCOUNTING_POSITIVE = "discounting_positive"
    MIND_READING = "mind_reading"
    FORTUNE_TELLING = "fortune_telling"
    CATASTROPHIZING = "catastrophizing"
    MAGNIFICATION = "magnification"
    EMOTIONAL_REASONING = "emotional_reasoning"
    SHOULD_STATEMENTS = "should_statements"
    LABELING = "labeling"
    PERSONALIZATION = "personalization"


class MeasureKey(Vocabulary):
    GAD7 = "gad7"
    PHQ9 = "phq9"
    PHQ8 = "phq8"


_LABELS: dict[type, dict[str, str]] = {
    Trigger: {
        "delayed_reply": "Slow or missing reply",
        "tone_change": "Partner's tone or mood changed",
        "exclusion": "Feeling left out",
        "partner_unavailable": "Partner busy, away or distant",
        "plans_changed": "Plans cancelled or moved",
        "conflict": "Argument or criticism",
        "perceived_rejection": "Sensed rejection",
        "social_media": "Online activity or comparisons",
        "jealousy": "Partner's attention to others",
        "other": "Something else",
    },
    Emotion: {
        "anxiety": "Anxiety",
        "fear": "Fear",
        "sadness": "Sadness",
        "loneliness": "Loneliness",
        "anger": "Anger",
        "shame": "Shame",
        "jealousy": "Jealousy",
        "guilt": "Guilt",
        "hurt": "Hurt",
        "other": "Another feeling",
    },
    Behaviour: {
        "repeated_messages": "Sending several messages",
        "calling": "Calling",
        "checking_phone": "Checking the phone",
        "checking_social_media": "Checking social media",
        "asking_for_reassurance": "Asking for reassurance",
        "testing_partner": "Testing the partner",
        "withdrawing": "Pulling away",
        "other": "Something else",
    },
    SoothingTechnique: {
        "paced_breathing": "Paced breathing",
        "progressive_muscle_relaxation": "Progressive muscle relaxation",
        "mindfulness": "Mindfulness",
        "grounding": "Grounding",
        "self_compassion": "Self-compassion",
        "journaling": "Journaling",
        "nature": "Time in nature",
        "exercise": "Exercise",
        "enjoyable_activity": "Something enjoyable",
        "support_contact": "Reaching out to friends or family",
        "other": "Something else",
    },
    Distortion: {
        "all_or_nothing": "All-or-nothing thinking",
        "overgeneralization": "Overgeneralising",
        "mental_filter": "Mental filter",
        "discounting_positive": "Discounting the positive",
        "mind_reading": "Mind reading",
        "fortune_telling": "Fortune telling",
        "catastrophizing": "Catastrophising",
        "magnification": "Magnifying",
        "emotional_reasoning": "Emotional reasoning",
        "should_statements": "'Should' statements",
        "labeling": "Labelling",
        "personalization": "Personalising",
    },
    MeasureKey: {
        "gad7": "GAD-7 (anxiety)",
        "phq9": "PHQ-9 (mood)",
        "phq8": "PHQ-8 (mood, without the self-harm item)",
    },
}

ALL_VOCABULARIES: tuple[type[Vocabulary], ...] = tuple(_LABELS)
