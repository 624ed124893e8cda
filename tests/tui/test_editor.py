"""`e` opens the user's editor at the item's line: the real reader, and for the editor a
script that writes down how it was run and edits the brief as a user would."""

from __future__ import annotations

import shutil
import stat

from briefing_tui.core import load_brief
from briefing_tui.tui.app import BriefingApp
from briefing_tui.tui.editor import editor_command
from tests.conftest import REAL_BRIEF
from tests.tui.support import main, make_app, started, until

EDITOR = """\
#!/bin/sh
# Writes down how it was run, then edits the brief (the last argument) as told.
printf '%s\\n' "$@" > "{log}"
case "$(cat "{what}")" in
  change) sed -i 's/    text: very good things$/    text: very good things indeed/' "$2" ;;
  break) printf 'quotes: [\\n' >> "$2" ;;
esac
"""


def test_the_editor_command_takes_each_editors_form_of_a_line():
    def command(editor: str) -> list[str] | None:
        return editor_command("/b/brief.yaml", 12, {"EDITOR": editor})

    assert command("vim") == ["vim", "+12", "/b/brief.yaml"]
    assert command("/usr/bin/nvim") == ["/usr/bin/nvim", "+12", "/b/brief.yaml"]
    assert command("nano") == ["nano", "+12", "/b/brief.yaml"]
    assert command("emacsclient -t") == ["emacsclient", "-t", "+12", "/b/brief.yaml"]
    assert command("code --wait") == ["code", "--wait", "--goto", "/b/brief.yaml:12"]
    assert command("hx") == ["hx", "/b/brief.yaml:12"]
    # $VISUAL comes before $EDITOR.
    assert editor_command("/b/brief.yaml", 3, {"VISUAL": "micro", "EDITOR": "vim"}) == ["micro", "+3", "/b/brief.yaml"]


async def test_e_runs_the_editor_at_the_items_line_and_the_edit_shows_on_return(tmp_path, monkeypatch):
    path = tmp_path / "brief.yaml"
    shutil.copy(REAL_BRIEF, path)
    log, what = tmp_path / "argv.txt", tmp_path / "what.txt"
    editor = tmp_path / "editor.sh"
    editor.write_text(EDITOR.format(log=log, what=what), encoding="utf-8")
    editor.chmod(editor.stat().st_mode | stat.S_IXUSR)
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", str(editor))
    line = path.read_text(encoding="utf-8").splitlines().index("  - id: trump-very-good-things") + 1

    result = load_brief(path)
    assert result.brief is not None
    app = BriefingApp(result.brief)
    async with app.run_test(size=(100, 30)) as pilot:
        await started(pilot, app)
        # The quote under the cursor: its line, and the brief's file.
        what.write_text("change", encoding="utf-8")
        await pilot.press("3", "j", "e")
        await until(pilot, log.exists)
        assert log.read_text(encoding="utf-8").splitlines() == [f"+{line}", str(path)]
        # Back in the reader, the edit is on screen.
        await until(pilot, lambda: main(app).brief.quotes[1].text == "very good things indeed")
        # An edit that breaks the brief: the last good one stays, with what is wrong.
        what.write_text("break", encoding="utf-8")
        log.unlink()
        await pilot.press("enter", "e")
        await until(pilot, lambda: bool(main(app).query("#problems.-shown")))
        assert main(app).brief.quotes[1].text == "very good things indeed"
        assert log.read_text(encoding="utf-8").splitlines() == [f"+{line}", str(path)]
        # Served to a browser, e is not offered: the editor does not run.
        app.served = True
        main(app).refresh_bindings()
        log.unlink()
        await pilot.press("e")
        await pilot.pause(0.2)
        assert not log.exists()
        assert "edit" not in {binding.action for _, binding, enabled, _ in main(app).active_bindings.values() if enabled}
        await pilot.press("question_mark")
        assert "Open the brief in your editor" not in help_text(app)


async def test_the_help_offers_e_in_a_terminal():
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await started(pilot, app)
        await pilot.press("question_mark")
        assert "Open the brief in your editor ($EDITOR) at the item's line" in help_text(app)


def help_text(app: BriefingApp) -> str:
    page = app.screen.query_one("#help-page")
    return "\n".join(block.prefix + "".join(span.text for span in block.spans) for block in page.document.blocks)  # type: ignore[attr-defined]
