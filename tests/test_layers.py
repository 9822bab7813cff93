"""The import rules of the layers (docs/design.md), checked with ast over src/dvstat."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src" / "dvstat"

LAYER_0 = {
    "errors",
    "model",
    "schema",
    "vocab",
    "text",
    "messages",
    "formatting",
    "rounding",
    "settings",
    "isolation",
    "party_rules",
    "legacy_text",
    "unit_words",
    "workers",
    "issue_store",
}
LAYER_1 = {
    "periods",
    "persons",
    "dates",
    "layout",
    "normalize",
    "units",
    "checks",
    "stats",
    "attainment",
    "report",
    "membership",
    "candidacy",
    "probationers",
    "badge_awards",
    "unit_history",
    "statistics_forms",
}
LAYER_2 = {"readers", "writers", "sample_rosters"}
# workspace: what `dvstat init` writes, from the sample rosters and the writers' files
LAYER_3 = {"pipeline", "api", "workspace"}
LAYER_4 = {"cli", "console", "terminal", "speedups", "__main__", "__init__"}
CORE_BANNED = {"typer", "rich", "openpyxl", "jinja2", "python_calamine"}


def _layer(module: str) -> int:
    top = module.split(".")[0]
    for number, layer in enumerate((LAYER_0, LAYER_1, LAYER_2, LAYER_3, LAYER_4)):
        if top in layer:
            return number
    raise AssertionError(f"module {module} is in no layer")


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            if node.module == "dvstat":
                names.update(f"dvstat.{alias.name}" for alias in node.names)
    return names


def test_every_module_imports_only_from_the_layers_above_it() -> None:
    for path in SRC.rglob("*.py"):
        module = ".".join(path.relative_to(SRC).with_suffix("").parts)
        layer = _layer(module)
        for name in _imports(path):
            if name.split(".")[0] in CORE_BANNED and layer <= 1:
                raise AssertionError(f"{module} (layer {layer}) imports {name}")
            if name.split(".")[0] in {"typer", "rich"} and layer < 4:
                raise AssertionError(f"{module} imports {name}")
            if not name.startswith("dvstat.") or name == "dvstat.__version__":
                continue
            target = name.removeprefix("dvstat.")
            if target == "__init__" or target == "":
                continue
            target_layer = _layer(target)
            same_family = target.split(".")[0] == module.split(".")[0]
            if layer == 2 and target_layer == 2 and not same_family:
                raise AssertionError(f"adapter {module} imports adapter {name}")
            if layer == 4:
                # One deliberate exception: the CLI reads dvstat.toml and starts the
                # pandas-free xlsx prefetch before importing the pipeline (readers/xlsx.py
                # explains why).
                allowed = target in ("readers.xlsx", "readers.config")
                assert target_layer in (0, 3) or target.split(".")[0] in LAYER_4 or allowed, (
                    f"the CLI module {module} imports {name}; go through pipeline"
                )
            assert target_layer <= layer, f"{module} (layer {layer}) imports {name}"
