"""The user's settings: one TOML file in the user's config folder.

Read with `tomllib`; every entry that is wrong (an unknown setting, a value of the
wrong kind or out of range, an unknown theme, binding or key) is reported with the
file, line and column where it was written, and the default is kept for that entry
alone: the others still apply. A file that is not TOML at all is reported where the
parser stopped, and the reader starts with every default.

What the reader cannot know without its UI (the theme names, the binding ids, what
makes a key name) is handed in by the caller as `Checks`; without them those values
are taken as written. `current_settings()` is the settings in effect, for any part
of the reader that needs one (the age after which an item is stale, ...).
"""

from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, NamedTuple

from briefing_tui.core.analysis import STALE_AFTER_DAYS

FILE_NAME = "settings.toml"
AUTO = "auto"
COPY_WAYS = ("auto", "terminal", "tmux", "command")
STALE_RANGE = (0, 36500)


@dataclass(frozen=True)
class Settings:
    """Every setting, each at its default unless the file says otherwise."""

    theme: str = AUTO
    """A Textual theme by name, or `auto`: light or dark as the terminal's background is."""
    copy: str = AUTO
    """How `y` and `Y` copy: `auto`, `terminal` (OSC 52), `tmux` (its paste buffer), `command`."""
    copy_command: str = ""
    """With copy = "command": the command that takes the text on its standard input."""
    reopen: bool = True
    """Open a brief or a library where it was left: pane, item and scroll."""
    stale_after_days: int = STALE_AFTER_DAYS
    """An item older than this many days counts as stale."""
    keys: Mapping[str, str] = field(default_factory=dict)
    """Binding id to key(s), comma separated: Textual's keymap."""


DEFAULTS = Settings()
_DESCRIBED = {f.name for f in fields(Settings)}


class Problem(NamedTuple):
    """One wrong entry of the settings file, and where it was written."""

    path: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: error: {self.message}"


class Checks(NamedTuple):
    """What the reader knows and the core does not: the names a value may take."""

    themes: Collection[str] | None = None
    binding_ids: Collection[str] | None = None
    key_problem: Callable[[str], str | None] | None = None
    """Why a key name is not one (None when it is)."""


NO_CHECKS = Checks()
"""Every theme, binding id and key taken as written."""


class Loaded(NamedTuple):
    """The settings read from `path`, and what was wrong in the file."""

    settings: Settings
    problems: list[Problem]
    path: Path


def settings_path() -> Path:
    """Where the user's settings file is (it may not exist: then every default holds)."""
    from briefing_tui.core.user_folders import config_directory

    return config_directory() / FILE_NAME


def read_settings(path: Path | None = None, checks: Checks = NO_CHECKS) -> Loaded:
    """The settings in the file at `path` (default: the user's), with its problems."""
    path = settings_path() if path is None else path
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Loaded(DEFAULTS, [], path)
    except (OSError, UnicodeDecodeError) as error:
        return Loaded(DEFAULTS, [Problem(str(path), 1, 1, f"cannot be read: {getattr(error, 'strerror', None) or error}")], path)
    return parse_settings(text, str(path), checks)._replace(path=path)


def parse_settings(text: str, where: str, checks: Checks = NO_CHECKS) -> Loaded:
    """The settings written in `text` (the file `where`), with what is wrong in it."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        found = re.search(r"at line (\d+), column (\d+)", str(error))
        line, column = (int(found[1]), int(found[2])) if found else (1, 1)
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(error))
        return Loaded(DEFAULTS, [Problem(where, line, column, f"not TOML: {message}; every setting is at its default")], Path(where))
    reader = _Reader(text, where, checks)
    return Loaded(reader.settings(data), reader.problems, Path(where))


class _Reader:
    """Takes the values of a parsed file one by one, noting each one that is wrong."""

    def __init__(self, text: str, where: str, checks: Checks) -> None:
        self.lines = text.splitlines()
        self.where = where
        self.checks = checks
        self.problems: list[Problem] = []

    def wrong(self, key: str, message: str, table: str = "") -> None:
        line, column = line_of(self.lines, key, table)
        self.problems.append(Problem(self.where, line, column, message))

    def settings(self, data: Mapping[str, Any]) -> Settings:
        values: dict[str, Any] = {}
        for key, value in data.items():
            if key not in _DESCRIBED:
                self.wrong(key, f"unknown setting {key!r}{_did_you_mean(key, _DESCRIBED)}")
            elif key == "keys":
                values["keys"] = self.keys(value)
            else:
                taken = self.value(key, value)
                if taken is not None:
                    values[key] = taken
        settings = replace(DEFAULTS, **values)
        if settings.copy == "command" and not settings.copy_command.strip():
            self.wrong("copy", 'copy = "command" needs copy_command (the command to copy with); copying as with "auto"')
            settings = replace(settings, copy=AUTO)
        return settings

    def value(self, key: str, value: Any) -> Any:
        """`value` for `key` when it is right for it; None (and a problem) when not."""
        default = getattr(DEFAULTS, key)
        kind = type(default)
        if type(value) is not kind:  # not isinstance: True is an int, and 1 is no bool
            noun = {bool: "true or false", int: "a whole number", str: "a text in quotes"}[kind]
            self.wrong(key, f"{key} must be {noun}, not {value!r}; using the default, {_toml(default)}")
            return None
        if key == "theme" and value != AUTO and self.checks.themes is not None and value not in self.checks.themes:
            choices = ", ".join([AUTO, *sorted(self.checks.themes)])
            self.wrong(key, f"unknown theme {value!r}{_did_you_mean(value, self.checks.themes)} (one of: {choices}); using {AUTO!r}")
            return None
        if key == "copy" and value not in COPY_WAYS:
            self.wrong(key, f"copy must be one of {', '.join(COPY_WAYS)}, not {value!r}; using {AUTO!r}")
            return None
        if key == "stale_after_days" and not STALE_RANGE[0] <= value <= STALE_RANGE[1]:
            self.wrong(key, f"stale_after_days must be from {STALE_RANGE[0]} to {STALE_RANGE[1]}, not {value}; using {default}")
            return None
        return value

    def keys(self, table: Any) -> dict[str, str]:
        """The keymap: each binding id to its keys, those that are right."""
        if not isinstance(table, dict):
            self.wrong("keys", 'keys must be a table ([keys], then one line per binding: id = "key")')
            return {}
        keymap: dict[str, str] = {}
        ids, key_problem = self.checks.binding_ids, self.checks.key_problem
        for binding, value in table.items():
            if ids is not None and binding not in ids:
                self.wrong(binding, f"no key binding has the id {binding!r}{_did_you_mean(binding, ids)}", "keys")
                continue
            keys = ",".join(value) if isinstance(value, list) and all(isinstance(k, str) for k in value) else value
            if not isinstance(keys, str) or not keys.strip():
                self.wrong(binding, f'the keys of {binding} must be a text such as "ctrl+o" or "j,down", not {value!r}', "keys")
                continue
            bad = [why for key in keys.split(",") if key_problem is not None and (why := key_problem(key.strip()))]
            if bad:
                self.wrong(binding, f"{binding}: {'; '.join(bad)}; its default key is kept", "keys")
                continue
            keymap[binding] = ",".join(key.strip() for key in keys.split(","))
        return keymap


def line_of(lines: list[str], key: str, table: str = "") -> tuple[int, int]:
    """Where `key` is written in the file's `lines` (in the table `table`, '' for the
    top): its line and column, 1-based; (1, 1) when it cannot be found."""
    current = ""
    written = re.compile(rf"""^\s*(?:{re.escape(key)}|"{re.escape(key)}"|'{re.escape(key)}')\s*=""")
    for number, line in enumerate(lines, start=1):
        header = re.match(r"^\s*\[\s*([^\]]+?)\s*\]", line)
        if header:
            current = header[1].strip("\"'")
            if current == key and table == "":
                return number, line.index(key) + 1
            continue
        if current == table and written.match(line):
            return number, len(line) - len(line.lstrip()) + 1
    return 1, 1


def _did_you_mean(word: str, choices: Collection[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _toml(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return str(value)


# -- the settings in effect --------------------------------------------------------------

_current: Settings | None = None


def current_settings() -> Settings:
    """The settings in effect: those the reader started with, else the user's file
    (read once, taken as written where it cannot be checked)."""
    global _current
    if _current is None:
        _current = read_settings().settings
    return _current


def use_settings(settings: Settings) -> None:
    """Make `settings` the ones in effect (the reader, once it has read and checked them)."""
    global _current
    _current = settings


# -- writing the file ------------------------------------------------------------------------


def initial_text(themes: Collection[str] = (), bindings: Collection[tuple[str, str, str]] = ()) -> str:
    """A settings file with every setting at its default, and what each one does;
    `bindings`: (id, default keys, what it does) of each key binding, listed under
    [keys] for remapping."""
    d = DEFAULTS
    import textwrap

    theme_names = textwrap.wrap(", ".join(sorted(themes)) + "." if themes else "any of Textual's built-in themes.", 84)
    lines = [
        "# Settings of briefing, the reader of briefs. Every setting is at its default;",
        "# change a value and remove nothing else. `briefing config check` says what is wrong.",
        "",
        f'# The colours: "{AUTO}" follows your terminal\'s background (light or dark), or a theme:',
        *(f"# {line}" for line in theme_names),
        "# Changing the theme in the reader (ctrl+p, then Theme) is remembered here.",
        f"theme = {_toml(d.theme)}",
        "",
        '# How y and Y copy: "auto" (a clipboard command on your own machine, else your',
        '# terminal), "terminal" (the terminal\'s clipboard, OSC 52: works over SSH),',
        '# "tmux" (tmux\'s paste buffer, and on to the clipboard when tmux passes it on),',
        '# "command" (copy_command, which reads the text on its standard input).',
        f"copy = {_toml(d.copy)}",
        f'copy_command = {_toml(d.copy_command)}  # e.g. "wl-copy" or "xclip -selection clipboard"',
        "",
        "# Open a brief, or a library, where you left it: the pane, the item and the scroll.",
        f"reopen = {_toml(d.reopen)}",
        "",
        f"# An item older than this many days counts as stale ({STALE_RANGE[0]} to {STALE_RANGE[1]}).",
        f"stale_after_days = {d.stale_after_days}",
        "",
        "# Keys: a binding's id, then its key or keys (comma separated), as Textual names them:",
        '# "j", "ctrl+o", "f5", "question_mark". Remove the # in front of a line to change it.',
        "[keys]",
    ]
    lines += [f"# {_toml_key(binding)} = {_toml(keys)}  # {description}" for binding, keys, description in bindings]
    return "\n".join(lines) + "\n"


def _toml_key(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else _toml(key)


def write_setting(path: Path, key: str, value: str | int | bool) -> str | None:
    """Set the top-level setting `key` to `value` in the file at `path`, keeping the
    rest of the file as it is (comments and all): its line is replaced, or a line is
    added before the first table. The file is written whole, then moved into place.
    None when done; else why it was not (the file is left alone)."""
    try:
        text = path.read_text(encoding="utf-8") if path.exists() else initial_text()
        tomllib.loads(text)
    except (OSError, UnicodeDecodeError) as error:
        return f"{path} cannot be read: {getattr(error, 'strerror', None) or error}"
    except tomllib.TOMLDecodeError as error:
        return f"{path} is not TOML ({error}): it is left as it is"
    new_line = f"{key} = {_toml(value)}"
    lines = text.splitlines()
    at = None
    for number, line in enumerate(lines):
        if re.match(r"^\s*\[", line):
            break
        if re.match(rf"""^\s*(?:{re.escape(key)}|"{re.escape(key)}")\s*=""", line):
            at = number
            break
    if at is not None:
        lines[at] = new_line + _trailing_comment(lines[at])
    else:
        first_table = next((n for n, line in enumerate(lines) if re.match(r"^\s*\[", line)), len(lines))
        lines[first_table:first_table] = [new_line, ""] if first_table < len(lines) else [new_line]
    written = "\n".join(lines) + "\n"
    try:
        tomllib.loads(written)
    except tomllib.TOMLDecodeError:
        return f"{path} could not be changed safely: it is left as it is"
    try:
        from briefing_tui.core.user_folders import write_whole

        write_whole(path, written, ".settings-")
    except OSError as error:
        return f"{path} cannot be written: {error.strerror or error}"
    return None


def _trailing_comment(line: str) -> str:
    """The comment at the end of a `key = value` line ('' for none), with the spaces before it."""
    value = line.split("=", 1)[1]
    start = len(value) - len(value.lstrip())
    if value.lstrip().startswith(('"', "'")):
        quote = value.lstrip()[0]
        end = value.find(quote, start + 1)
        start = end + 1 if end != -1 else len(value)
    found = re.search(r"\s*#.*$", value[start:])
    return found[0] if found else ""
