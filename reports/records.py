"""Selected entries as compact thought records (the summary's "Selected entries").

Rules: flagged entries (every one a flag cites, in full: up to the format's
``MAX_TEXT_CHARS`` a field), then the most distressing entries of the period
(``summary.most_distressing``), as two-column tables, label then the client's
words; their text fields are clipped to ``FIELD_LIMIT`` characters (with "…")
and escaped, so one long entry can never outgrow a page; empty fields are
left out; each shows its short reference (``ref``), the one flags cite.
"""

from reportlab.platypus import KeepTogether, Table, TableStyle

from reports.bidi import Para
from reports.styles import RULE, date_time
from reports.text import para_text
from securebase import presentation
from securebase.limits import MAX_TEXT_CHARS

FIELD_LIMIT = 600


def _label(kind: str, key: str) -> str:
    """The shared vocabulary's label; an unknown key (a newer client's) made readable."""
    return para_text(presentation.label(kind, key), 40)


def _labels(kind: str, keys) -> str:
    return ", ".join(_label(kind, key) for key in keys)


def _rating(value) -> str:
    return "–" if value is None or value != value else f"{int(value)}"


def _urge(entry: dict) -> str:
    if entry["urge_intensity"] is None or entry["urge_intensity"] != entry["urge_intensity"]:
        return ""
    outcome = "acted on" if entry["urge_acted"] else "resisted"
    delay = entry["delay_minutes"]
    words = f"{int(entry['urge_intensity'])}/10, {outcome}"
    if delay is not None and delay == delay:
        words += f" after {int(delay)} min"
    if entry["behaviours"]:
        words += f" ({_labels('behaviour', entry['behaviours'])})"
    return words


def record_rows(entry: dict, limit: int = FIELD_LIMIT) -> list[tuple[str, str]]:
    """(label, paragraph markup) pairs for one entry; text already escaped."""
    text = lambda key: para_text(entry.get(key) or "", limit)  # noqa: E731
    emotions = ", ".join(f"{_label('emotion', e)} {i}" for e, i in entry["emotions"])
    soothing = ", ".join(
        _label("technique", t) + (f" {m} min" if m else "") for t, m in entry["soothing"]
    )
    rows = [
        ("When", f"{date_time(entry['local_time'])} · ref {str(entry['id'])[:8]}"),
        ("Triggers", _labels("trigger", entry["triggers"])),
        ("Situation", text("situation")),
        ("Trigger note", text("trigger_note")),
        ("Emotions", emotions),
        ("Body", text("body_sensations")),
        ("Hot thought", text("automatic_thought") + f" (belief {_rating(entry['belief_before'])})"),
        ("Urge", _urge(entry)),
        ("Soothing", soothing),
        ("Distress", f"{_rating(entry['distress_before'])} → {_rating(entry['distress_after'])}"),
        ("Distortions", _labels("distortion", entry["distortions"])),
        ("Evidence for", text("evidence_for")),
        ("Evidence against", text("evidence_against")),
        ("Balanced thought", text("balanced_thought")),
        ("Belief after", "" if entry["belief_after"] is None else _rating(entry["belief_after"])),
        ("“I” statement", text("need_text")),
        ("Partner’s care", para_text("; ".join(entry["partner_positive"]), limit)),
    ]
    return [(k, v) for k, v in rows if v and v.strip()]


def thought_record(entry: dict, s: dict, width: float, limit: int = FIELD_LIMIT) -> Table:
    rows = [[Para(k, s["cell_bold"]), Para(v, s["cell"])] for k, v in record_rows(entry, limit)]
    t = Table(rows, colWidths=[0.2 * width, 0.8 * width], hAlign="LEFT")
    t.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BOX", (0, 0), (-1, -1), 0.5, RULE),
                ("LINEBELOW", (0, 0), (-1, -2), 0.25, RULE),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
            ]
        )
    )
    return t


def _records(entries, s: dict, width: float, title: str, limit: int = FIELD_LIMIT) -> list:
    """Each entry as a titled thought record; the first stays with the section's heading."""
    out = []
    for i, entry in enumerate(entries):
        table = thought_record(entry, s, width, limit)
        heading = Para(f"{title} {i + 1}", s["h2"])
        out.append(KeepTogether([heading, table]) if i else heading)
        if not i:
            out.append(table)
    return out


def flagged_entries(data, s: dict, width: float) -> list:
    """Every entry a flag cites, in full, with the reference the flag gives."""
    if not data.flagged_entries:
        return []
    intro = Para(
        "Every entry a flag on page 1 cites, as the client wrote it (ref = the flag's reference).",
        s["intro"],
    )
    head = Para("Flagged entries", s["h1"])
    # In full: every text field of the format fits (MAX_TEXT_CHARS), nothing is clipped.
    entries = data.flagged_entries
    return [head, intro, *_records(entries, s, width, "Flagged entry", MAX_TEXT_CHARS)]


def selected_entries(data, s: dict, width: float) -> list:
    head = Para("Selected entries", s["h1"])
    flagged = {entry["id"] for entry in data.flagged_entries}
    chosen = [entry for entry in data.entries if entry["id"] not in flagged]
    if not chosen:
        words = "No other entries in this period." if flagged else "No entries in this period."
        return [head, Para(words, s["body"])]
    intro = Para(
        f"The {len(chosen)} most distressing entries of the period (highest distress before)"
        + (", flagged ones aside" if flagged else "")
        + ", as the client wrote them.",
        s["intro"],
    )
    return [head, intro, *_records(chosen, s, width, "Entry")]
