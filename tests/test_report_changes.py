"""Page 1's flags can be followed on paper, and 'What changed' says which way, fairly.

- an entry flagged for risk language is printed in full under "Flagged
  entries" with the reference the flag gives (Casey E., from
  ``dashboard_kit.risky_export``), even when it is not among the most
  distressing;
- a change carries better / worse / no clear change; small urge counts are
  shown as counts with no percentage points; no comparison reaches back
  before the client's first entry.
"""

from datetime import timedelta
from types import SimpleNamespace

import pytest

from reports import changes, summary
from sample_data.demo_vault import DEMO_VAULT_PASSPHRASE
from securebase.analytics.brief import client_brief
from securebase.importer import import_files
from securebase.limits import MAX_TEXT_CHARS
from securebase.period import Period
from securebase.vault import Vault
from tests.dashboard_kit import NEW_CLIENT, RISKY, copy_vault, risky_export
from tests.report_kit import END, demo_vault, keep, pdf_text, require

require("pdftotext")


@pytest.fixture(scope="module")
def vault(tmp_path_factory):
    return demo_vault(tmp_path_factory)


def flat(text: str) -> str:
    return " ".join(text.split())


def test_a_flagged_entry_is_printed_in_full_with_the_flag_s_reference(vault, tmp_path):
    copy = copy_vault(vault.path, tmp_path / "vault")
    import_files(Vault.unlock(copy, DEMO_VAULT_PASSPHRASE), [("casey.age", risky_export(copy))])
    casey_vault = Vault.unlock(copy, DEMO_VAULT_PASSPHRASE)
    client = casey_vault.client(NEW_CLIENT)
    brief = client_brief(casey_vault, client.client_id, None, END)
    (flag,) = brief.flags
    data = summary.gather(casey_vault, client.client_id, brief.period, n_entries=0)
    path, _ = keep("summary-flagged-entry", summary.render(data))
    pages = pdf_text(path).split("\f")
    box = flat(pages[0]).split("Flags to review", 1)[1].split("No session note", 1)[0]
    reference = f"ref {flag['source_id'][:8]}"
    assert reference in box
    assert RISKY not in box  # the flag says where to look, never the words
    text = flat(pdf_text(path))
    printed = text.split("Flagged entries", 1)[1]
    assert reference in printed
    assert flat(RISKY) in printed  # printed although no "most distressing" entry was asked
    # in full: fields as long as the format allows are not clipped, and still fit the pages
    words = " ".join(f"w{i:04d}" for i in range(MAX_TEXT_CHARS // 6))
    for field in ("situation", "automatic_thought", "trigger_note", "body_sensations"):
        data.flagged_entries[0][field] = words
    path, _ = keep("summary-flagged-entry-long", summary.render(data))
    printed = flat(pdf_text(path)).split("Flagged entries", 1)[1]
    assert printed.count(words.split()[-1]) == 4


def brief(**urges):
    base = {"resisted": 0, "total": 0, "share": None,
            "resisted_previous": 0, "total_previous": 0, "share_previous": None}  # fmt: skip
    return SimpleNamespace(urges={**base, **urges})


def test_small_urge_counts_show_counts_and_no_points():
    row = changes.urge_row(
        brief(
            resisted=4,
            total=5,
            share=0.8,
            resisted_previous=4,
            total_previous=8,
            share_previous=0.5,
        ),
        None,
        True,
    )
    assert row[1:3] == ["4 of 5", "4 of 8"]
    assert row[3].startswith("no clear change")
    assert "points" not in row[3]


def test_enough_urges_give_a_direction_and_points():
    row = changes.urge_row(
        brief(
            resisted=16,
            total=26,
            share=16 / 26,
            resisted_previous=10,
            total_previous=26,
            share_previous=10 / 26,
        ),
        None,
        True,
    )
    assert row[3] == "better (+23 points)"
    row = changes.urge_row(
        brief(
            resisted=10,
            total=26,
            share=10 / 26,
            resisted_previous=16,
            total_previous=26,
            share_previous=16 / 26,
        ),
        None,
        True,
    )
    assert row[3].startswith("worse")


def test_direction_words():
    assert changes.direction(0.5, 0.2, 0.15) == "better"
    assert changes.direction(0.2, 0.5, 0.15) == "worse"
    assert changes.direction(0.3, 0.2, 0.15) == "no clear change"
    assert changes.direction(5, 9, 1, higher_is_better=False) == "better"
    assert changes.direction(None, 9, 1) == "no clear change"


def test_no_comparison_before_the_first_entry(vault):
    client = vault.client("Robin A.")
    inputs = summary.collect(vault, client.client_id, Period(END - timedelta(days=83), END))
    first = inputs.first_entry
    long = Period(first - timedelta(days=10), END)  # the period before lies before the journal
    data = summary.gather(vault, client.client_id, long)
    assert not changes.comparable(data)
    path, _ = keep("summary-before-first-entry", summary.render(data))
    text = flat(pdf_text(path))
    assert "No comparison: the client's first entry was on" in text
    assert "no earlier period" in text
    short = summary.gather(vault, client.client_id, Period(END - timedelta(days=13), END))
    assert changes.comparable(short)
