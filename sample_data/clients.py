"""The demo's people and calendar: clients, their homework, and the random helpers.

Rules:
- a client's random stream is ``random.Random`` seeded from the run's seed and the
  client's label, so editing one story leaves the others alone; nothing reads the
  clock or the global random state, and UUIDs come from the same stream;
- dates are anchored at the demo's last day (a Sunday): week 1..``WEEKS`` are ISO
  weeks ending there, and session n is the Thursday of week n (0 = the intake);
- each client's identity (``keys.py``) is drawn from their own stream, so
  ``client_keys`` in their exports are the keys of the identity in their demo
  home, which signed those exports.
"""

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from uuid import UUID

from sample_data.keys import identity_from
from sample_data.trajectories import STORYLINES, WEEKS, CastMember, Plan, Week
from securebase.identity import Identity
from securebase.journal import ClientKeys

HOURS = range(24)

# --- calendar -----------------------------------------------------------------


def week_monday(end: date, week: int) -> date:
    """Monday of demo week ``week`` (1-based); week ``WEEKS`` ends on ``end``."""
    return end - timedelta(days=6 + 7 * (WEEKS - week))


def session_day(end: date, number: int) -> date:
    """Thursday of week ``number``; session 0 is the intake just before week 1."""
    return week_monday(end, 1) + timedelta(days=3 + 7 * (number - 1))


@dataclass(frozen=True)
class Assignment:
    """A homework assignment with its id and dates (``until`` inclusive)."""

    assignment_id: UUID
    plan: Plan
    start: date
    until: date | None

    def active_on(self, day: date) -> bool:
        return self.start <= day and (self.until is None or day <= self.until)

    def as_json(self) -> dict:
        return {
            "assignment_id": str(self.assignment_id),
            "exercise": self.plan.exercise,
            "times": self.plan.times,
            "per": self.plan.per,
            "from": self.start.isoformat(),
            "until": self.until.isoformat() if self.until else None,
            "note": self.plan.note,
        }


@dataclass(frozen=True)
class Client:
    """One demo client: their story, random stream, identity and homework."""

    cast: CastMember
    rng: random.Random
    end: date
    client_id: UUID
    identity: Identity
    assignments: tuple[Assignment, ...]

    @property
    def keys(self) -> ClientKeys:
        public = self.identity.public
        return ClientKeys(signing_key=public.signing_key.hex(), age_recipient=public.age_recipient)

    @property
    def storyline(self) -> tuple[Week, ...]:
        return STORYLINES[self.cast.trajectory]

    def at(self, day: date, hour: int, minute: int) -> datetime:
        """A local wall-clock time in the client's fixed UTC offset."""
        offset = timezone(timedelta(hours=self.cast.utc_offset_hours))
        return datetime.combine(day, time(hour, minute), tzinfo=offset)

    def say(self, template: str) -> str:
        partner = self.cast.partner
        return template.format(p=partner, P=partner[:1].upper() + partner[1:])

    def active(self, day: date, exercise: str) -> Assignment | None:
        matches = [a for a in self.assignments if a.plan.exercise == exercise and a.active_on(day)]
        return matches[0] if matches else None


# --- small random helpers -----------------------------------------------------


def new_uuid(rng: random.Random) -> UUID:
    return UUID(int=rng.getrandbits(128), version=4)


def around(rng: random.Random, mean: float, spread: float, low: int, high: int) -> int:
    return max(low, min(high, round(rng.gauss(mean, spread))))


def sometimes(rng: random.Random, chance: float, options: tuple[str, ...]) -> str:
    return rng.choice(options) if rng.random() < chance else ""


def typical(rng: random.Random, options: tuple, count: int) -> list:
    """Distinct picks, favouring the options listed first (the most typical)."""
    pool, chosen = list(options), []
    for _ in range(min(count, len(pool))):
        pick = rng.choices(pool, weights=range(len(pool), 0, -1))[0]
        pool.remove(pick)
        chosen.append(pick)
    return chosen


def moment_before(client: Client, day: date, weights: tuple, deadline: datetime) -> datetime:
    """A plausible time on ``day`` that still falls before the week's export."""
    while True:
        hour = client.rng.choices(HOURS, weights)[0]
        moment = client.at(day, hour, client.rng.randrange(60))
        if moment < deadline:
            return moment


# --- client set-up ------------------------------------------------------------


def new_client(seed: int, cast: CastMember, end: date) -> Client:
    """Draw a client's identity, keys and assignment ids from their own stream."""
    rng = random.Random(f"securebase-demo/{seed}/{cast.label}")
    client_id = new_uuid(rng)
    identity = identity_from(rng)
    assignments = tuple(_assignment(rng, plan, end) for plan in cast.plans)
    return Client(cast, rng, end, client_id, identity, assignments)


def _assignment(rng: random.Random, plan: Plan, end: date) -> Assignment:
    until = None
    if plan.until_session is not None:
        until = session_day(end, plan.until_session) - timedelta(days=1)
    return Assignment(new_uuid(rng), plan, session_day(end, plan.from_session), until)
