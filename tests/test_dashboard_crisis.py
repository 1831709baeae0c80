"""The Settings page's crisis resources, in the real app (Streamlit's AppTest)."""

from sample_data.demo_vault import DEMO_VAULT_PASSPHRASE
from securebase.crisis import crisis_resources, default_resources, has_own_resources
from securebase.vault import Vault
from tests.dashboard_kit import (
    button,
    go_to,
    unlocked_app,
)

pytest_plugins = ["tests.demo_vault_fixtures"]  # pristine and vault_dir


def test_settings_show_the_defaults_and_saving_makes_them_the_therapists_own(vault_dir):
    app = go_to(unlocked_app(), "settings")
    page = " ".join(str(m.value) for m in app.markdown) + " ".join(c.value for c in app.caption)
    assert "The defaults" in page
    assert "Call 116 123" in page
    assert "next homework pack" in page
    table = next(e for e in app.dataframe if "contact" in e.value.columns)  # the editor
    assert list(table.value["name"]) == [r.name for r in default_resources()]
    assert not [b for b in app.button if b.label == "Back to the defaults"]

    button(app, "Save this list").click()
    app.run()
    assert not app.exception, app.exception
    assert "next homework pack" in app.success[0].value
    opened = Vault.unlock(vault_dir, DEMO_VAULT_PASSPHRASE)
    assert has_own_resources(opened)
    assert crisis_resources(opened) == default_resources()

    button(app, "Back to the defaults").click()
    app.run()
    opened = Vault.unlock(vault_dir, DEMO_VAULT_PASSPHRASE)
    assert not has_own_resources(opened)
