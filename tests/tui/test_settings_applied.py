"""The settings file in the real reader: a theme and a remapped key take effect, a wrong
entry is said with its line (its default kept), a theme chosen in the palette is
written back; `auto` follows the terminal's background."""

from __future__ import annotations

import tomllib

from briefing_tui.tui.preferences import terminal_is_light, theme_for
from briefing_tui.tui.screens.help import HelpScreen
from tests.tui.support import main, make_app, started, until

SETTINGS = """\
# my settings
theme = "nord"   # dark, but not too dark
reopen = true
stale_after_days = "thirty"

[keys]
"pane.actors" = "a"
next_unseen = "ctrl+"
nonsense = "z"
"""


async def test_a_theme_and_a_remapped_key_take_effect_and_wrong_entries_are_said_with_their_line(private_user_folders):
    config, _ = private_user_folders
    path = config / "settings.toml"
    path.write_text(SETTINGS, encoding="utf-8")
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await started(pilot, app)
        assert app.theme == "nord"
        await pilot.press("a")
        assert main(app).current_pane.pane_name == "actors"
        await pilot.press("2")  # its own key is replaced, not kept beside
        await pilot.press("1", "2")
        assert main(app).current_pane.pane_name == "summary"
        await until(pilot, lambda: len(app._notifications) >= 3)
        said = sorted(n.message for n in app._notifications if n.title.startswith("Settings"))
        assert said[0].startswith(f"{path}:4:1: error: stale_after_days must be a whole number, not 'thirty'")
        assert said[1].startswith(f"{path}:8:1: error: next_unseen: 'ctrl+' is not a key")
        assert said[2].startswith(f"{path}:9:1: error: no key binding has the id 'nonsense'")
        assert app.settings.stale_after_days == 30
        # The help names the key the user chose.
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        help_text = "\n".join("".join(span.text for span in block.spans) for block in app.screen.query_one("#help-page").document.blocks)  # type: ignore[attr-defined]
        assert "Actors pane, grouped by side" in help_text
        prefixes = {
            block.prefix.strip()
            for block in app.screen.query_one("#help-page").document.blocks
            if "Actors pane" in "".join(s.text for s in block.spans)
        }  # type: ignore[attr-defined]
        assert prefixes == {"a"}
        await pilot.press("escape")
        # A theme chosen in the reader is written back, the file's comments kept.
        app.theme = "dracula"
        await pilot.pause(0.05)
        text = path.read_text(encoding="utf-8")
        assert 'theme = "dracula"   # dark, but not too dark' in text and "# my settings" in text
        assert tomllib.loads(text)["keys"]["pane.actors"] == "a"


def test_auto_follows_the_terminals_background():
    assert terminal_is_light({"COLORFGBG": "0;15"}) and theme_for("auto", {"COLORFGBG": "0;15"}) == "textual-light"
    assert terminal_is_light({"COLORFGBG": "0;default;7"})
    assert not terminal_is_light({"COLORFGBG": "15;0"}) and theme_for("auto", {"COLORFGBG": "15;0"}) == "textual-dark"
    assert theme_for("auto", {}) == "textual-dark" and theme_for("nord", {"COLORFGBG": "0;15"}) == "nord"
