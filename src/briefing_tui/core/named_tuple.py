"""`NamedTuple`, written as `typing`'s is, made without importing `typing`.

`briefing find` answers in tens of milliseconds, and importing `typing` takes three
of them; a class written as a `typing.NamedTuple` subclass costs a millisecond more
for every dozen fields (each annotation, a string under `from __future__ import
annotations`, is compiled to be checked). The modules on its way write their named
tuples on this `NamedTuple` instead: to a type checker it is `typing`'s, and when
the program runs it makes the same `collections.namedtuple` class from the names the
class body annotates, their defaults and everything else it holds (docstring,
methods, properties), without looking at the types.
"""

from __future__ import annotations

TYPE_CHECKING = False  # as typing's, without importing typing
if TYPE_CHECKING:
    from typing import NamedTuple as NamedTuple
else:
    from collections import namedtuple

    _MADE_HERE = frozenset({"__module__", "__qualname__", "__annotations__", "__classcell__"})

    class _Maker(type):
        """The metaclass of `NamedTuple`: a class written on it is made a named tuple."""

        def __new__(cls, name: str, bases: tuple[type, ...], namespace: dict[str, object]) -> type:
            if not bases:
                return super().__new__(cls, name, bases, namespace)  # NamedTuple itself
            annotations = namespace.get("__annotations__", {})
            assert isinstance(annotations, dict)
            fields = list(annotations)
            defaults = [namespace[field] for field in fields if field in namespace]
            if any(field not in namespace for field in fields[len(fields) - len(defaults) :]):
                raise TypeError(f"{name}: a field without a default follows one with a default")
            made = namedtuple(name, fields, defaults=defaults, module=str(namespace["__module__"]))
            made.__annotations__ = annotations
            for key, value in namespace.items():
                if key not in _MADE_HERE and key not in annotations:
                    setattr(made, key, value)
            return made

    class NamedTuple(metaclass=_Maker):
        """What a named tuple's class is written on, as on `typing.NamedTuple`."""
