"""The reader's keys as the settings file remaps them: what makes a key name Textual
can bind, and a binding's keys as the user set them.

The keymap itself is Textual's (`App.set_keymap`): a binding's id, then the keys that
replace its own. Every binding by its id is `every_binding`'s.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.keys import Keys, key_to_character

MODIFIERS = frozenset({"ctrl", "shift", "alt", "meta", "super", "hyper"})
_NAMED = frozenset(key.value for key in Keys) | {"space", "tab", "enter", "escape", "backspace", "delete"}


def key_problem(key: str) -> str | None:
    """Why `key` is not a key Textual can bind (None when it is one): `j`, `J`,
    `ctrl+o`, `f5`, `pageup`, `question_mark` are; `ctrl+`, `cntrl+o`, `fn` are not."""
    if not key:
        return "an empty key"
    *modifiers, name = key.split("+")
    unknown = [modifier for modifier in modifiers if modifier not in MODIFIERS]
    if unknown:
        return f"{key!r} is not a key: {unknown[0]!r} is no modifier (ctrl, shift, alt, meta, super)"
    if not name:
        return f"{key!r} is not a key: nothing after the +"
    if len(name) == 1 or name in _NAMED or key_to_character(name) is not None:
        return None
    return f"{key!r} is not a key name (keys are named as Textual names them: j, ctrl+o, f5, pageup, question_mark)"


def bound_keys(binding: Binding) -> str:
    """The binding's keys as the reader shows them: the user's (their settings'
    [keys]), else its own."""
    from briefing_tui.core.settings import current_settings

    return current_settings().keys.get(binding.id or "", binding.key)
