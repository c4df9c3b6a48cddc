"""How every record is made: a frozen, slotted dataclass that pydantic validates strictly and that pickles
by its fields (the cache of validated records reads them back at every later open)."""

from __future__ import annotations

import sys
from dataclasses import dataclass, fields
from typing import Any, TypeVar

if sys.version_info >= (3, 11):
    from typing import dataclass_transform
else:  # pydantic depends on typing_extensions
    from typing_extensions import dataclass_transform

__all__ = ["STRICT", "record"]

STRICT: Any = {"extra": "forbid", "str_strip_whitespace": True}
"""pydantic's config for every record: unknown fields are typos, and stray spaces are dropped."""


_R = TypeVar("_R")


@dataclass_transform(frozen_default=True, kw_only_default=True)
def record(cls: type[_R]) -> type[_R]:
    """A frozen dataclass that pydantic validates strictly; fields by keyword, in the file's order."""
    cls.__pydantic_config__ = STRICT  # type: ignore[attr-defined]
    made = dataclass(frozen=True, slots=True, kw_only=True)(cls)
    _pickle_by_slots(made)
    return made


def _pickle_by_slots(cls: type) -> None:
    """Pickled as a tuple of field values, set back through the slots' own setters.

    The dataclass defaults look every field up again (`dataclasses.fields`) for each record unpickled: at
    50,000 claims that was most of a later open's reading of the cache.
    """
    names = tuple(item.name for item in fields(cls))
    setters = tuple(getattr(cls, name).__set__ for name in names)

    def getstate(self: object) -> tuple[object, ...]:
        return tuple([getattr(self, name) for name in names])

    def setstate(self: object, state: tuple[object, ...]) -> None:
        for setter, value in zip(setters, state):
            setter(self, value)

    cls.__getstate__ = getstate  # type: ignore[attr-defined]
    cls.__setstate__ = setstate  # type: ignore[attr-defined]
