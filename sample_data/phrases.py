"""Phrase banks for the demo journal: what a client might write about each trigger.

Rules:
- all text is written for this project: calm, ordinary, varied, and fictional;
- no names: ``{p}`` stands for how the client refers to their partner ("J.",
  "my partner"), ``{P}`` for the same at the start of a sentence;
- no markup, no risk language: the demo must stay clean (injection and safety
  tests build their own fixtures);
- each trigger's ``Story`` also says which emotions, distortions and reassurance
  behaviours go with it, most typical first, so the demo shows believable
  co-occurrence patterns rather than noise.
"""

from dataclasses import dataclass

from securebase.vocabulary import Behaviour as B
from securebase.vocabulary import Distortion as D
from securebase.vocabulary import Emotion as E
from securebase.vocabulary import SoothingTechnique as S
from securebase.vocabulary import Trigger as T


@dataclass(frozen=True)
class Story:
    """Everything the generator may say about one trigger."""

    situations: tuple[str, ...]
    thoughts: tuple[str, ...]
    evidence_for: tuple[str, ...]
    evidence_against: tuple[str, ...]
    balanced: tuple[str, ...]
    needs: tuple[str, ...]
    notes: tuple[str, ...]  # short trigger notes that fit every situation above
    emotions: tuple[E, ...]
    distortions: tuple[D, ...]
    behaviours: tuple[B, ...]
    related: tuple[T, ...]  # triggers that often come along with this one


STORIES: dict[T, Story] = {
    T.DELAYED_REPLY: Story(
        situations=(
            "Sent {p} a message about dinner at noon. Three hours later it showed as read"
            " but there was no answer.",
            "{P} usually texts when leaving work. Nothing tonight, and it is an hour past"
            " the usual time.",
            "Shared a photo from my walk with {p}. The reply was a thumbs-up, most of the"
            " afternoon later.",
            "Asked {p} a simple question in the morning and heard nothing until the evening.",
            "{P} was online but did not answer my message about the weekend.",
            "Called {p} after my shift. It rang out and no call came back for a long while.",
        ),
        thoughts=(
            "{P} is losing interest in me.",
            "If I mattered, the reply would have come straight away.",
            "Something is wrong and {p} is not telling me.",
            "I said something off and now {p} is pulling away.",
            "This is how it starts before someone leaves.",
        ),
        evidence_for=(
            "Replies have been shorter this week.",
            "The message was read and not answered.",
            "Last time it went quiet like this we did have a hard talk afterwards.",
        ),
        evidence_against=(
            "{P} told me this morning the afternoon would be full of meetings.",
            "When the reply came it was warm and explained the delay.",
            "We had a relaxed evening together two days ago.",
            "Slow replies from {p} have always had ordinary reasons so far.",
            "{P} leaves the phone in a bag all the time, with everyone, not only me.",
        ),
        balanced=(
            "A slow reply most often means a busy day. I can wait and see what {p} says.",
            "I don't know why there is no answer yet. Waiting is uncomfortable, not dangerous.",
            "{P} has shown care in many ways this week; one quiet afternoon does not cancel it.",
            "The worry is loud right now, but it is a feeling, not a fact about us.",
        ),
        needs=(
            "Long quiet gaps make me uneasy. On packed days, could you drop me a line"
            " in the morning so I know?",
            "I get anxious when the evening plan is unclear. Could we agree on a rough time"
            " to talk?",
            "When messages go quiet I start to worry. A short 'busy, later' would help me.",
        ),
        notes=("Waiting for a reply", "Slow answer", "Quiet phone"),
        emotions=(E.ANXIETY, E.FEAR, E.LONELINESS, E.SADNESS, E.HURT),
        distortions=(D.MIND_READING, D.FORTUNE_TELLING, D.CATASTROPHIZING, D.EMOTIONAL_REASONING),
        behaviours=(B.REPEATED_MESSAGES, B.CHECKING_PHONE, B.CALLING),
        related=(T.PARTNER_UNAVAILABLE, T.SOCIAL_MEDIA),
    ),
    T.TONE_CHANGE: Story(
        situations=(
            "{P} was quiet and distracted over dinner and went to bed early.",
            "Got a short 'ok.' back after a long message. It felt cold compared with usual.",
            "On the phone {p} sounded flat and said it was just tiredness.",
            "{P} didn't laugh at my joke this morning and left without the usual goodbye.",
            "The goodnight message was one word tonight instead of the usual few lines.",
        ),
        thoughts=(
            "{P} is annoyed with me and won't say why.",
            "I must have done something wrong.",
            "The warmth between us is fading.",
            "{P} is getting tired of me.",
        ),
        evidence_for=(
            "The tone really was shorter than usual.",
            "{P} didn't ask about my day.",
        ),
        evidence_against=(
            "{P} mentioned a stressful deadline this week.",
            "Later in the evening {p} hugged me and asked how my day went.",
            "Tired people are short with everyone. I am too, sometimes.",
            "When I asked gently, {p} said it had nothing to do with me.",
        ),
        balanced=(
            "{P}'s mood can have many causes that are not about me. I can ask kindly"
            " instead of guessing.",
            "One flat conversation is not the whole relationship.",
            "I can let {p} have a quiet evening without reading it as a verdict on me.",
        ),
        needs=(
            "I feel unsure when you go quiet. Could you tell me if something is on your"
            " mind, even when it isn't about me?",
            "When the mood shifts I start guessing. Would you say so if you just need a"
            " quiet night?",
        ),
        notes=("Seemed distant", "Different tone", "Short with me"),
        emotions=(E.ANXIETY, E.FEAR, E.SADNESS, E.GUILT),
        distortions=(D.MIND_READING, D.PERSONALIZATION, D.EMOTIONAL_REASONING),
        behaviours=(B.ASKING_FOR_REASSURANCE, B.CHECKING_PHONE, B.WITHDRAWING),
        related=(T.PERCEIVED_REJECTION, T.DELAYED_REPLY),
    ),
    T.EXCLUSION: Story(
        situations=(
            "{P} went for drinks with colleagues and I only heard about it afterwards.",
            "Friends made plans in a group chat I'm not in; {p} mentioned it in passing.",
            "A family visit was arranged without asking whether I wanted to come.",
            "At a party {p} talked with old friends about trips I wasn't part of.",
        ),
        thoughts=(
            "I don't really belong in {p}'s life.",
            "{P} would rather be with other people than with me.",
            "Nobody thinks to include me.",
        ),
        evidence_for=(
            "I wasn't asked this time.",
            "{P} has a big circle of friends from before we met.",
        ),
        evidence_against=(
            "{P} invited me to the last two get-togethers and I said no to one.",
            "It was a work evening; nobody brought a partner.",
            "{P} came round afterwards and told me all about it.",
            "My friends make plans without {p} too, and that is fine.",
        ),
        balanced=(
            "{P} having time with others is not the same as leaving me out of their life.",
            "Feeling left out hurts. I can say so without deciding that I'm unwanted.",
            "Separate time is normal. I can plan something of my own as well.",
        ),
        needs=(
            "I feel left out when I hear about plans afterwards. Could you mention them"
            " beforehand?",
            "I'd like to be asked along sometimes, even if I end up saying no.",
        ),
        notes=("Left out", "Not included"),
        emotions=(E.LONELINESS, E.HURT, E.SADNESS, E.JEALOUSY),
        distortions=(D.OVERGENERALIZATION, D.PERSONALIZATION, D.MENTAL_FILTER),
        behaviours=(B.ASKING_FOR_REASSURANCE, B.WITHDRAWING, B.CHECKING_SOCIAL_MEDIA),
        related=(T.JEALOUSY, T.SOCIAL_MEDIA),
    ),
    T.PARTNER_UNAVAILABLE: Story(
        situations=(
            "{P} is away for work until Friday and our calls have been short.",
            "{P} spent the whole weekend on a project and had little time for me.",
            "{P} said they needed a night alone to recharge.",
            "Different time zones again; we only managed a five-minute call today.",
            "{P} had the gym and then a friend's birthday. We barely spoke all day.",
        ),
        thoughts=(
            "If I'm not a priority now, I never will be.",
            "{P} is building a life that doesn't need me.",
            "I'm too much; that's why {p} needs space.",
        ),
        evidence_for=("We have had less time together this month.",),
        evidence_against=(
            "The trip was planned months ago and I knew the dates.",
            "{P} called from the airport just to say goodnight.",
            "We have a whole day together booked for Sunday.",
            "{P} asked for one quiet evening, not for distance in general.",
        ),
        balanced=(
            "{P} can be busy and still care about me. Both are true.",
            "Space for {p} is not a rejection of me. I can use the evening for myself.",
            "This stretch is temporary and it has an end date.",
        ),
        needs=(
            "I miss you when you're away. Could we set a regular time to call while you're gone?",
            "I understand you need time alone. Would you tell me when you're free again"
            " so I'm not guessing?",
        ),
        notes=("Busy stretch", "Little time together"),
        emotions=(E.LONELINESS, E.ANXIETY, E.SADNESS, E.FEAR),
        distortions=(D.FORTUNE_TELLING, D.ALL_OR_NOTHING, D.SHOULD_STATEMENTS),
        behaviours=(B.CALLING, B.REPEATED_MESSAGES, B.CHECKING_PHONE),
        related=(T.DELAYED_REPLY, T.PLANS_CHANGED),
    ),
    T.PLANS_CHANGED: Story(
        situations=(
            "{P} cancelled dinner an hour beforehand because a friend needed help moving.",
            "Our weekend away moved to next month because of {p}'s work.",
            "{P} asked to swap film night to Thursday at the last minute.",
            "We were meant to meet at seven; {p} pushed it back to nine.",
        ),
        thoughts=(
            "I'm always the one who gets moved around.",
            "It's because of me; {p} didn't really want to go.",
            "Plans with me are the first thing to go.",
        ),
        evidence_for=("This is the second change this month.",),
        evidence_against=(
            "{P} suggested a new date straight away.",
            "The reason was real and {p} apologised.",
            "Most of our plans this month happened exactly as agreed.",
            "Last week {p} kept our evening even when a friend asked to meet.",
        ),
        balanced=(
            "Plans change for practical reasons. A moved date is still a date.",
            "Being disappointed makes sense. It doesn't mean I don't matter.",
            "One cancellation is one event, not a rule about how {p} treats me.",
        ),
        needs=(
            "I feel let down when plans change late. Could you tell me as soon as you know?",
            "When our plans move, I'd like us to pick the new time together.",
        ),
        notes=("Plans moved", "Last-minute change"),
        emotions=(E.SADNESS, E.HURT, E.ANGER, E.LONELINESS),
        distortions=(D.PERSONALIZATION, D.OVERGENERALIZATION, D.ALL_OR_NOTHING),
        behaviours=(B.ASKING_FOR_REASSURANCE, B.WITHDRAWING, B.TESTING_PARTNER),
        related=(T.PARTNER_UNAVAILABLE, T.PERCEIVED_REJECTION),
    ),
    T.CONFLICT: Story(
        situations=(
            "We argued about chores and {p} said I keep score.",
            "{P} criticised how I handled a conversation with their sister.",
            "A small disagreement about money turned into raised voices.",
            "{P} said I was overreacting when I brought up the late nights.",
            "We argued on the way home and drove the rest in silence.",
            "{P} said they felt crowded when I asked where they had been.",
        ),
        thoughts=(
            "We can't even have a normal conversation. This is falling apart.",
            "I ruin everything.",
            "{P} is going to leave after this.",
            "I'm too needy for anyone to put up with.",
        ),
        evidence_for=(
            "It was a real argument and we both said sharp things.",
            "{P} went to the other room afterwards.",
        ),
        evidence_against=(
            "We have argued before and repaired it every time.",
            "{P} said later that the upset was about the issue, not about us.",
            "Couples disagree; an argument is not an ending.",
            "{P} still made me tea the next morning.",
            "We sorted out a similar disagreement calmly last month.",
        ),
        balanced=(
            "An argument is a problem to solve together, not proof that we are over.",
            "I reacted strongly and so did {p}. I can own my part without calling myself names.",
            "We both need time to cool down. After that we can talk it through.",
            "One sharp comment is not {p}'s whole view of me.",
        ),
        needs=(
            "I feel hurt when we raise our voices. Could we pause and talk again after dinner?",
            "I want to understand what upset you. Can we talk when we're both calmer?",
            "I shut down when I'm criticised in the moment. Could you tell me later, when"
            " it's just us?",
        ),
        notes=("Argument", "Tense talk", "Felt criticised"),
        emotions=(E.ANGER, E.HURT, E.SHAME, E.GUILT, E.FEAR),
        distortions=(D.ALL_OR_NOTHING, D.LABELING, D.CATASTROPHIZING, D.MAGNIFICATION),
        behaviours=(B.ASKING_FOR_REASSURANCE, B.WITHDRAWING, B.REPEATED_MESSAGES),
        related=(T.PERCEIVED_REJECTION, T.TONE_CHANGE),
    ),
    T.PERCEIVED_REJECTION: Story(
        situations=(
            "I reached for {p}'s hand on the sofa and {p} got up to fetch the phone.",
            "{P} said no to a walk together and went out alone instead.",
            "I suggested an evening out and {p} said they'd rather stay in.",
            "I said 'love you' at the end of the call and {p} had already hung up.",
        ),
        thoughts=(
            "{P} doesn't want me any more.",
            "I'm unlovable when I ask for closeness.",
            "I always push too hard and people back away.",
        ),
        evidence_for=("{P} did turn away in that moment.",),
        evidence_against=(
            "{P} sat close to me later in the evening.",
            "{P} was thinking about a call they had missed.",
            "{P} often says how much they enjoy our time together.",
            "Saying no to one activity is not saying no to me.",
        ),
        balanced=(
            "A no to one request is about that moment, not about my worth.",
            "I felt rejected. I can check what happened instead of assuming.",
            "{P} has been affectionate many times this week; that counts too.",
        ),
        needs=(
            "I felt a bit pushed away earlier. Could we have some close time tonight?",
            "I feel hurt when I reach out and it's missed. Can we talk about how we each"
            " like to be close?",
        ),
        notes=("Felt pushed away", "Reached out, missed"),
        emotions=(E.HURT, E.SHAME, E.SADNESS, E.LONELINESS),
        distortions=(D.LABELING, D.OVERGENERALIZATION, D.EMOTIONAL_REASONING, D.MIND_READING),
        behaviours=(B.WITHDRAWING, B.ASKING_FOR_REASSURANCE, B.TESTING_PARTNER),
        related=(T.CONFLICT, T.TONE_CHANGE),
    ),
    T.SOCIAL_MEDIA: Story(
        situations=(
            "Saw that {p} liked several photos from someone I don't know.",
            "Scrolled through friends' couple photos and compared us with them.",
            "{P} posted about a night out but never posts anything with me.",
            "Noticed {p} was active online while I was waiting for a reply.",
            "Someone {p} used to date commented on {p}'s post.",
        ),
        thoughts=(
            "Everyone else has a better relationship than ours.",
            "{P} is keeping me hidden from people.",
            "I'm boring compared with the people {p} follows.",
        ),
        evidence_for=("{P} doesn't post much about us.",),
        evidence_against=(
            "{P} hardly posts anything personal, not just about me.",
            "Online photos are the best moments, not the whole story.",
            "{P} introduced me to their friends last month and seemed proud to.",
            "A like takes a second and means very little.",
        ),
        balanced=(
            "Scrolling feeds the worry. What I know from real life is more reliable than a screen.",
            "I'm comparing our everyday with other people's highlights.",
            "If I want to know how {p} feels about sharing photos, I can ask.",
        ),
        needs=(
            "I feel a bit invisible when I'm never in your posts. Would you share one of"
            " us sometime?",
            "I'd like us to talk about how we each use social media, so I don't fill the"
            " gaps with worry.",
        ),
        notes=("Online again", "Scrolling", "Comparing"),
        emotions=(E.JEALOUSY, E.SADNESS, E.SHAME, E.ANXIETY),
        distortions=(D.MENTAL_FILTER, D.DISCOUNTING_POSITIVE, D.MIND_READING),
        behaviours=(B.CHECKING_SOCIAL_MEDIA, B.CHECKING_PHONE, B.ASKING_FOR_REASSURANCE),
        related=(T.JEALOUSY, T.DELAYED_REPLY),
    ),
    T.JEALOUSY: Story(
        situations=(
            "{P} talked and laughed with a colleague for a long time at the party.",
            "{P} mentioned a new coworker three times this week.",
            "{P} is meeting an old friend they used to date for coffee.",
            "A friend of {p}'s kept texting all through our evening together.",
        ),
        thoughts=(
            "{P} finds them more interesting than me.",
            "It's only a matter of time before {p} chooses someone else.",
            "{P} would be happier with someone less complicated.",
        ),
        evidence_for=("{P} clearly enjoyed that conversation.",),
        evidence_against=(
            "{P} came straight back to me and stayed with me the rest of the night.",
            "{P} tells me openly about these meetings.",
            "{P} has never given me a real reason to doubt them.",
            "Enjoying someone's company is not the same as wanting them.",
        ),
        balanced=(
            "{P} can like other people and still choose me.",
            "Jealousy is a signal of fear, not evidence that anything is happening.",
            "I can tell {p} I felt insecure without accusing them.",
        ),
        needs=(
            "I felt insecure tonight when you were away from me for so long. Could you"
            " check in with me at parties?",
            "That friendship makes me uneasy. Would you be willing to talk about it with me?",
        ),
        notes=("Attention elsewhere", "Felt insecure"),
        emotions=(E.JEALOUSY, E.ANXIETY, E.ANGER, E.FEAR, E.SHAME),
        distortions=(D.MIND_READING, D.FORTUNE_TELLING, D.MAGNIFICATION),
        behaviours=(B.TESTING_PARTNER, B.CHECKING_SOCIAL_MEDIA, B.ASKING_FOR_REASSURANCE),
        related=(T.SOCIAL_MEDIA, T.EXCLUSION),
    ),
}

BODY_SENSATIONS = (
    "Tight chest.",
    "Stomach in knots.",
    "Heart racing.",
    "Shallow, fast breathing.",
    "Tension in my shoulders and jaw.",
    "Hot face.",
    "Restless, couldn't sit still.",
    "Lump in my throat.",
    "Heavy and tired.",
    "Shaky hands.",
)

PARTNER_POSITIVES = (
    "{P} remembered my appointment and asked how it went.",
    "Made me breakfast before work.",
    "Sent a message just to say they were thinking of me.",
    "Picked me up from the station in the rain.",
    "Listened without interrupting when I talked about work.",
    "Texted when the meeting ran late, like I asked.",
    "Planned our weekend without being prompted.",
    "Held my hand on the walk home.",
    "Told a friend about my new project, clearly proud.",
    "Apologised for being short earlier.",
    "Called on the way home.",
    "Brought back my favourite snack from the shop.",
)

TAGS = (
    "tired",
    "work stress",
    "weekend",
    "after therapy",
    "late night",
    "with friends",
    "poor sleep",
    "good day overall",
)

#: What a client might jot down after a homework session.
HOMEWORK_NOTES: dict[str, tuple[str, ...]] = {
    "paced_breathing": (
        "Used the timer on my phone.",
        "Hard to focus at first, easier after a few minutes.",
        "Did it on the bus home.",
        "Felt my shoulders drop by the end.",
    ),
    "progressive_muscle_relaxation": (
        "Nearly fell asleep halfway through.",
        "Legs were the hardest part to let go.",
        "Did the short version before bed.",
    ),
    "mindfulness_practice": (
        "Mind wandered a lot; kept coming back.",
        "Breathing space at my desk before a meeting.",
        "Calmer afterwards.",
    ),
    "self_compassion_break": (
        "Said the kind words out loud. Awkward, but it helped.",
        "A hand on my chest helped.",
    ),
    "partner_appreciation_log": (
        "Fixed my bike without being asked.",
        "Texts when leaving work now, every day this week.",
        "Made time to call even on a busy day.",
    ),
    "self_worth_activity": (
        "Pottery class.",
        "Ran 5 km with a friend.",
        "An hour on my drawing.",
        "Went climbing.",
    ),
    "i_statement_practice": (
        "Drafted it but haven't shared it yet.",
        "Shared it; the talk went better than I expected.",
        "Practised saying it out loud first.",
    ),
    "boundary_practice": (
        "Said no to extra work on Saturday.",
        "Told a friend I needed to leave early.",
    ),
    "support_contact": (
        "Called my sister.",
        "Coffee with a friend.",
        "Texted an old friend; we talked for an hour.",
    ),
}

#: Soothing techniques clients reach for, with how often (weights).
SOOTHING_WEIGHTS: dict[S, int] = {
    S.PACED_BREATHING: 4,
    S.GROUNDING: 2,
    S.MINDFULNESS: 2,
    S.SELF_COMPASSION: 2,
    S.JOURNALING: 2,
    S.NATURE: 1,
    S.EXERCISE: 1,
    S.ENJOYABLE_ACTIVITY: 1,
    S.SUPPORT_CONTACT: 1,
    S.PROGRESSIVE_MUSCLE_RELAXATION: 1,
}
