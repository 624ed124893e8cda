"""A class written on `core.named_tuple.NamedTuple` is the named tuple `typing`'s would make."""

from __future__ import annotations

import pickle
import typing

import pytest

from briefing_tui.core.named_tuple import NamedTuple


class Span(NamedTuple):
    """Where a match is."""

    start: int
    end: int = 0
    """Where it ends."""
    label: str = "match"

    @property
    def size(self) -> int:
        """How long it is."""
        return self.end - self.start

    def moved(self, by: int) -> Span:
        return self._replace(start=self.start + by, end=self.end + by)


class TypingSpan(typing.NamedTuple):
    """Where a match is."""

    start: int
    end: int = 0
    label: str = "match"


def test_it_has_the_fields_defaults_and_behaviour_of_typings():
    span = Span(3, 7)
    assert span == (3, 7, "match") == TypingSpan(3, 7)
    assert (Span._fields, Span._field_defaults) == (TypingSpan._fields, TypingSpan._field_defaults)
    assert (repr(span), span._asdict()) == ("Span(start=3, end=7, label='match')", {"start": 3, "end": 7, "label": "match"})
    assert (span.size, span.moved(2), Span._make([1, 2, "x"]).label) == (4, Span(5, 9), "x")
    assert isinstance(span, tuple) and isinstance(span, Span) and hash(span) == hash((3, 7, "match"))
    assert Span.__doc__ == "Where a match is." and list(Span.__annotations__) == ["start", "end", "label"]
    assert pickle.loads(pickle.dumps(span)) == span
    with pytest.raises(AttributeError):
        span.start = 4  # type: ignore[misc]


def test_a_field_without_a_default_after_one_with_is_refused_as_typing_refuses_it():
    with pytest.raises(TypeError):

        class Broken(NamedTuple):
            start: int = 0
            end: int
