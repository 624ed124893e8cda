"""The settings file: read, checked entry by entry (each wrong one said with its line,
its default kept), and a setting written back without losing the file's comments."""

from __future__ import annotations

import tomllib

from briefing_tui.core.settings import DEFAULTS, Checks, current_settings, initial_text, parse_settings, read_settings, settings_path, write_setting
from briefing_tui.tui.keymap import key_problem

CHECKS = Checks(themes=["nord", "textual-dark", "textual-light"], binding_ids=["quit", "help", "pane.actors", "next_unseen"], key_problem=key_problem)

GOOD = """\
# mine
theme = "nord"
copy = "command"
copy_command = "wl-copy --trim"
reopen = false
stale_after_days = 7

[keys]
quit = "ctrl+q"
"pane.actors" = ["a", "f2"]
"""


def test_a_good_file_is_taken_whole():
    loaded = parse_settings(GOOD, "s.toml", CHECKS)
    assert loaded.problems == []
    s = loaded.settings
    assert (s.theme, s.copy, s.copy_command, s.reopen, s.stale_after_days) == ("nord", "command", "wl-copy --trim", False, 7)
    assert dict(s.keys) == {"quit": "ctrl+q", "pane.actors": "a,f2"}


def test_each_wrong_entry_is_said_with_its_line_and_keeps_its_default_alone():
    text = """\
theme = "nrod"
copy = "clipboard"
reopen = "yes"
stale_after_days = 40000
colour = "red"

[keys]
quit = "cntrl+q"
"pane.actors" = "a"
paen = "p"
help = 3
"""
    loaded = parse_settings(text, "s.toml", CHECKS)
    said = [str(p) for p in loaded.problems]
    assert said[0].startswith("s.toml:1:1: error: unknown theme 'nrod' (did you mean 'nord'?)")
    assert said[1].startswith("s.toml:2:1: error: copy must be one of auto, terminal, tmux, command")
    assert said[2] == "s.toml:3:1: error: reopen must be true or false, not 'yes'; using the default, true"
    assert said[3].startswith("s.toml:4:1: error: stale_after_days must be from 0 to 36500, not 40000")
    assert said[4] == "s.toml:5:1: error: unknown setting 'colour'"
    assert said[5].startswith("s.toml:8:1: error: quit: 'cntrl+q' is not a key")
    assert said[6].startswith("s.toml:10:1: error: no key binding has the id 'paen'")
    assert said[7].startswith("s.toml:11:1: error: the keys of help must be a text")
    assert len(said) == 8
    # Only the right entry of the keymap is used; every other setting is at its default.
    assert loaded.settings == DEFAULTS.__class__(keys={"pane.actors": "a"})


def test_a_file_that_is_not_toml_is_said_where_it_breaks_and_every_default_holds(tmp_path):
    path = tmp_path / "settings.toml"
    path.write_text('theme = "nord"\nreopen = \n', encoding="utf-8")
    loaded = read_settings(path, CHECKS)
    assert loaded.settings == DEFAULTS
    (problem,) = loaded.problems
    assert str(problem).startswith(f"{path}:2:10: error: not TOML")


def test_copy_by_command_needs_the_command():
    loaded = parse_settings('theme = "auto"\n\ncopy = "command"\n', "s.toml", CHECKS)
    assert loaded.settings.copy == "auto"
    assert [p.line for p in loaded.problems] == [3]


def test_the_settings_in_effect_are_read_from_the_users_file(private_user_folders):
    config, _ = private_user_folders
    (config / "settings.toml").write_text("stale_after_days = 3\n", encoding="utf-8")
    assert settings_path() == config / "settings.toml"
    assert current_settings().stale_after_days == 3


def test_the_first_file_holds_every_setting_at_its_default_and_every_binding_commented():
    text = initial_text(["nord"], [("quit", "q", "Quit the reader"), ("pane.actors", "2", "Actors pane")])
    assert parse_settings(text, "s.toml", CHECKS) == parse_settings("", "s.toml", CHECKS)
    assert tomllib.loads(text) == {"theme": "auto", "copy": "auto", "copy_command": "", "reopen": True, "stale_after_days": 30, "keys": {}}
    assert '# quit = "q"  # Quit the reader' in text and '# "pane.actors" = "2"  # Actors pane' in text


def test_a_theme_written_back_keeps_the_files_comments_and_other_settings(tmp_path):
    path = tmp_path / "settings.toml"
    path.write_text(GOOD.replace('theme = "nord"', 'theme = "nord"  # my favourite'), encoding="utf-8")
    assert write_setting(path, "theme", "dracula") is None
    text = path.read_text(encoding="utf-8")
    assert text == GOOD.replace('theme = "nord"', 'theme = "dracula"  # my favourite')
    # A file without the setting gets it before its first table.
    path.write_text('# only keys\n[keys]\nquit = "x"\n', encoding="utf-8")
    assert write_setting(path, "theme", "nord") is None
    assert path.read_text(encoding="utf-8") == '# only keys\ntheme = "nord"\n\n[keys]\nquit = "x"\n'
    # A file that is not TOML is left alone, and the reason given.
    path.write_text("theme = \n", encoding="utf-8")
    assert "is not TOML" in (write_setting(path, "theme", "nord") or "")
    assert path.read_text(encoding="utf-8") == "theme = \n"
    # No file yet: the first file, with the setting.
    fresh = tmp_path / "new" / "settings.toml"
    assert write_setting(fresh, "theme", "nord") is None
    assert tomllib.loads(fresh.read_text(encoding="utf-8"))["theme"] == "nord"
