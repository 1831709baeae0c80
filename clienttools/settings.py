"""The client's own preferences, kept inside the encrypted journal (``settings`` table).

``date_order``: how the person writes dates ("day-first" or "month-first"),
used to read numbers like 03/12/2026; unset until they say or are asked.
"""

from clienttools.journal import ClientJournal

DATE_ORDER = "date_order"
DATE_ORDERS = ("day-first", "month-first")


def day_first(journal: ClientJournal) -> bool | None:
    chosen = journal.setting(DATE_ORDER)
    return None if chosen is None else chosen == "day-first"


def set_day_first(journal: ClientJournal, choice: bool) -> None:
    value = DATE_ORDERS[0] if choice else DATE_ORDERS[1]
    journal.set_setting(DATE_ORDER, value)
