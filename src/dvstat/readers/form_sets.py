"""The form sets shipped in ``templates/forms/<set>/``: one TOML file per form and a
``set.toml`` naming the set, the first day it applies and its forms. A set may be a variant
of another (``base = "2021"``) with some of its words replaced (``[words]``): the 2025
variant is the 2021 forms after the district level was abolished."""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path
from typing import Any

from dvstat.errors import ConfigError
from dvstat.statistics_forms import FormSet, FormSpec


def available_sets(forms: Path) -> list[str]:
    """The sets of the folder ``forms`` (``templates/forms``), oldest first."""
    return sorted(p.name for p in forms.iterdir() if (p / "set.toml").is_file())


def set_for(day: date, forms: Path) -> str:
    """The newest set in force on ``day`` (a period is filed on the forms in force at its
    end: a 2025 report on the 2025 variant)."""
    sets = [(load_form_set(code, forms).valid_from, code) for code in available_sets(forms)]
    in_force = [code for start, code in sorted(sets) if start <= day]
    return in_force[-1] if in_force else sorted(sets)[0][1]


def load_form_set(code: str, forms: Path) -> FormSet:
    """The set named ``code`` (a folder of ``forms``)."""
    known = available_sets(forms)
    if code not in known:
        raise ConfigError(
            f"Không có bộ biểu '{code}'; có: {', '.join(known)}.",
            f"No form set '{code}'; there are: {', '.join(known)}.",
        )
    folder = forms / code
    head = _toml(folder / "set.toml")
    words: dict[str, str] = dict(head.get("words", {}))
    if "base" in head:
        base = load_form_set(str(head["base"]), forms)
        specs = tuple(_reworded(f, words) for f in base.forms)
    else:
        specs = tuple(_spec(name, _toml(folder / f"{name}.toml")) for name in head["forms"])
    return FormSet(
        code=code,
        name=str(head["name"]),
        name_en=str(head.get("name_en", head["name"])),
        valid_from=head["valid_from"],
        forms=specs,
    )


def _toml(path: Path) -> dict[str, Any]:
    with path.open("rb") as handle:
        return tomllib.load(handle)


def _spec(name: str, data: dict[str, Any]) -> FormSpec:
    return FormSpec(
        name=name,
        code=str(data["code"]),
        title=str(data["title"]),
        title_en=str(data.get("title_en", data["title"])),
        source=str(data["source"]),
        layout=str(data["layout"]),
        orientation=str(data.get("orientation", "portrait")),
        rows=tuple((str(a), str(b), str(c)) for a, b, c in data.get("rows", [])),
        sections=tuple((str(a), str(b), str(c)) for a, b, c in data.get("sections", [])),
        columns=tuple((str(a), str(b)) for a, b in data.get("columns", [])),
        checks=tuple((str(a), str(b), str(c)) for a, b, c in data.get("checks", [])),
    )


def _reworded(spec: FormSpec, words: dict[str, str]) -> FormSpec:
    def swap(text: str) -> str:
        for old, new in words.items():
            text = text.replace(old, new)
        return text

    return FormSpec(
        name=spec.name,
        code=spec.code,
        title=swap(spec.title),
        title_en=spec.title_en,
        source=spec.source,
        layout=spec.layout,
        orientation=spec.orientation,
        rows=tuple((n, swap(label), key) for n, label, key in spec.rows),
        sections=spec.sections,
        columns=tuple((k, swap(label)) for k, label in spec.columns),
        checks=spec.checks,
    )
