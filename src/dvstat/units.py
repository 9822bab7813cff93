"""Units by their path (parent / org / branch), never by their name alone.

Every commune has a "Chi bộ thôn 1": a unit is the path of names from the top down to its
level, compared case-, accent- and space-insensitively. This module is the one home of that
rule for statistics, plan matching and the membership's organizations.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from dvstat import schema
from dvstat.model import Level
from dvstat.text import fold, unit_key
from dvstat.unit_words import comparable, expand

LEVELS: tuple[Level, ...] = ("parent", "org", "branch")  # from the top down
UNIT_COLUMNS: dict[Level, str] = {
    "parent": schema.PARENT,
    "org": schema.ORG,
    "branch": schema.BRANCH,
}
UNSPECIFIED = {"vi": "(không ghi đơn vị)", "en": "(no unit given)"}


@dataclass(frozen=True)
class Unit:
    """One unit: its own name, the names from the top down to it, and a short label that
    tells it apart from other units of the same name ('Đảng bộ xã A / Chi bộ thôn 1')."""

    name: str
    path: tuple[str, ...]
    label: str
    key: tuple[str, ...]  # the folded path: the unit's identity


@dataclass(frozen=True)
class UnitIndex:
    """The units of a frame at one level, sorted by path, and each row's unit."""

    units: tuple[Unit, ...]
    codes: np.ndarray  # row -> position in ``units``


def _level_parts(frame: pd.DataFrame, level: Level) -> list[tuple[np.ndarray, list[str]]]:
    """For each level from the top down to ``level``: per row a code of the folded name
    (0: no name) and the name shown for each code (the first spelling met)."""
    parts = []
    for current in LEVELS[: LEVELS.index(level) + 1]:
        column = frame[UNIT_COLUMNS[current]]
        categorical = (
            column.array
            if isinstance(column.dtype, pd.CategoricalDtype)
            else pd.Categorical(column.astype(object))
        )
        display = [""]
        code_of: dict[str, int] = {}
        lookup = np.zeros(len(categorical.categories) + 1, dtype=np.int64)  # [0]: NaN
        for position, category in enumerate(categorical.categories, start=1):
            key = comparable(str(category))
            if key:
                if key not in code_of:
                    code_of[key] = len(display)
                    display.append(str(category))
                lookup[position] = code_of[key]
        codes = np.asarray(categorical.codes, dtype=np.int64) + 1
        parts.append((lookup[codes], display))
    return parts


def index_units(frame: pd.DataFrame, level: Level, lang: str) -> UnitIndex:
    """Every unit of ``frame`` at ``level`` (rows without a name there share one unit named
    ``UNSPECIFIED``), sorted by their folded path, and each row's unit."""
    parts = _level_parts(frame, level)
    combined = np.zeros(len(frame), dtype=np.int64)
    for codes, display in parts:
        combined = combined * len(display) + codes
    uniques, inverse = np.unique(combined, return_inverse=True)
    decoded: list[list[str]] = []
    for value in uniques.tolist():
        names = []
        for _, display in reversed(parts):
            value, code = divmod(value, len(display))
            names.append(display[code])
        decoded.append(names[::-1])
    units = [_unit(names, lang) for names in decoded]
    unnamed = [not names[-1] for names in decoded]  # listed last
    order = sorted(range(len(units)), key=lambda i: (unnamed[i], units[i].key, units[i].path))
    position = np.empty(len(order), dtype=np.int64)
    position[order] = np.arange(len(order))
    labelled = label_units([units[i] for i in order])
    return UnitIndex(units=tuple(labelled), codes=position[inverse.ravel()])


def _unit(names: Sequence[str], lang: str) -> Unit:
    path: list[str] = []
    for name in names:
        if name and (not path or fold(path[-1]) != fold(name)):  # a chi bộ cơ sở is its org
            path.append(name)
    own = names[-1] or UNSPECIFIED[lang]
    if not names[-1]:
        path.append(own)
    return Unit(name=own, path=tuple(path), label=own, key=tuple(fold(n) for n in path))


def label_units(units: Sequence[Unit]) -> list[Unit]:
    """Each unit labelled by its name, with as many levels above it as it takes to tell it
    apart from the other units of the same name ('Đảng bộ xã A / Chi bộ thôn 1')."""
    labels: list[str] = [u.name for u in units]
    remaining = list(range(len(units)))
    depth = 1
    while remaining:
        shared = Counter(u.key[-depth:] for u in units)
        undecided = []
        for i in remaining:
            unit = units[i]
            if shared[unit.key[-depth:]] == 1 or depth >= len(unit.path):
                labels[i] = " / ".join(unit.path[-depth:])
            else:
                undecided.append(i)
        remaining = undecided
        depth += 1
    return [Unit(u.name, u.path, label, u.key) for u, label in zip(units, labels, strict=True)]


def name_key(name: str) -> str:
    """A unit's name as plans are matched by it: the offices' abbreviations written out
    ('CB thôn Bản Pình', 'Chi bộ HTX Tân Tiến'), folded, without a leading 'Chi bộ' /
    'Đảng bộ' (plans often omit it)."""
    return unit_key(expand(name))


def plan_key(text: str) -> tuple[str, ...]:
    """A plan's unit as path keys: 'Đảng bộ xã Chi Lăng / Chi bộ thôn 1' -> two parts, each
    keyed by ``name_key``."""
    return tuple(name_key(part) for part in text.split("/") if part.strip())


def suffix_keys(unit: Unit) -> list[tuple[str, ...]]:
    """Every way a plan can name the unit: its last one, two… names, keyed as ``plan_key``."""
    keys = tuple(name_key(name) for name in unit.path)
    return [keys[-depth:] for depth in range(1, len(keys) + 1)]


def short_key(name: str) -> str:
    """``name_key`` of a name without its last word ('Chi bộ Công an xã' -> 'congan'): a
    plan that adds or drops a trailing word still names the unit when only one fits."""
    words = expand(name).split()
    return name_key(" ".join(words[:-1])) if len(words) > 2 else ""


def matches(unit: Unit, key: tuple[str, ...]) -> bool:
    """Whether a plan key names this unit."""
    return key in suffix_keys(unit)


def plan_lookup(index: UnitIndex) -> dict[tuple[str, ...], list[int]]:
    """Every way a plan can name each unit of ``index`` (``suffix_keys``) -> its positions
    (several where a name is shared: a plan that names it so is ambiguous)."""
    lookup: dict[tuple[str, ...], list[int]] = {}
    for position, unit in enumerate(index.units):
        for key in suffix_keys(unit):
            lookup.setdefault(key, []).append(position)
    return lookup
