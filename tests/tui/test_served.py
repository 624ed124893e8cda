"""The reader told it is served (`BRIEFING_SERVED=1`, as `briefing serve` starts it):
what it hands over goes to the viewer's browser, never onto the server's disk.

Under Pilot there is no browser; the served reader in a real one is tested in
tests/serve/.
"""

from __future__ import annotations

from pathlib import Path

from tests.tui.support import main, make_app, until


def test_the_reader_knows_whether_it_is_served(monkeypatch):
    monkeypatch.delenv("BRIEFING_SERVED", raising=False)
    assert make_app().served is False
    monkeypatch.setenv("BRIEFING_SERVED", "1")
    assert make_app().served is True
    monkeypatch.setenv("BRIEFING_SERVED", "0")
    assert make_app().served is False


async def test_an_export_in_a_terminal_is_saved_in_the_downloads_folder(tmp_path: Path, monkeypatch):
    monkeypatch.delenv("BRIEFING_SERVED", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("XDG_DOWNLOAD_DIR", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    (tmp_path / "Downloads").mkdir()
    app = make_app()
    async with app.run_test() as pilot:
        app.deliver_export("# Brief\n\nÉté.\n", "brief.md", "text/markdown")
        saved = tmp_path / "Downloads" / "brief.md"
        for _ in range(100):
            if saved.exists() and saved.read_text(encoding="utf-8"):
                break
            await pilot.pause(0.02)
        assert saved.read_text(encoding="utf-8") == "# Brief\n\nÉté.\n"


async def test_a_served_reader_without_a_browser_saves_no_export(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("BRIEFING_SERVED", "1")
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    app = make_app()
    async with app.run_test() as pilot:
        app.deliver_export("# Brief\n", "brief.md", "text/markdown")
        await pilot.pause(0.2)
        assert [notice.message for notice in app._notifications] == ["Exports from a served reader go only to a browser, and there is none here."]
    assert list(tmp_path.rglob("*")) == []


async def test_served_marks_stay_in_the_reader_and_the_export_key_hands_over_as_every_export(tmp_path: Path, monkeypatch, private_user_folders):
    """Served, a mark lives in the reader only (nothing written on the server), and x
    then a format goes where `deliver_export` sends it: with no browser, nowhere, and
    the reader says so."""
    monkeypatch.setenv("BRIEFING_SERVED", "1")
    monkeypatch.setenv("HOME", str(tmp_path))
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.press("3", "m")
        await until(pilot, lambda: len(main(app).marks) == 1)
        assert any(str(n.message).startswith("For this tab only") for n in app._notifications)
        await pilot.press("x", "t")
        await until(
            pilot, lambda: "Exports from a served reader go only to a browser, and there is none here." in [n.message for n in app._notifications]
        )
    assert list(tmp_path.rglob("*")) == [] and list(private_user_folders[1].rglob("*")) == []
