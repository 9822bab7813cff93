"""The documentation cannot drift from the code: every issue code dvstat can emit is in the
one registry and in docs/issue-codes.md, every command and option is in docs/commands.md,
every public name of the library is in docs/api.md, and the generated pages are current."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from types import ModuleType

import dvstat
from dvstat.checks import _UNKNOWN_CODES
from dvstat.messages import ISSUE_CODES

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
# A code is a literal followed by its severity ("under-18", "error"), or one of these
# written through a variable.
EMITTED = re.compile(r'"([a-z]+(?:-[a-z0-9]+)+)",\s*"(?:error|warning|info)"')
BY_VARIABLE = {
    "missing-column",
    "unit-from-file",
    "unit-from-sheet",
    "unit-from-title",
    "unit-restated",
    "unit-not-placed",
    "unit-not-in-register",
    *_UNKNOWN_CODES.values(),
}


def _make_docs() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_docs", ROOT / "scripts" / "make_docs.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _emitted_codes() -> set[str]:
    codes = set(BY_VARIABLE)
    for path in (ROOT / "src" / "dvstat").rglob("*.py"):
        codes |= set(EMITTED.findall(path.read_text(encoding="utf-8")))
    return codes


def test_every_emitted_code_is_in_the_registry() -> None:
    emitted = _emitted_codes()
    assert len(emitted) > 40  # the scan finds them (not an empty pattern)
    assert emitted - set(ISSUE_CODES) == set()
    # and the registry holds no code nothing emits
    assert set(ISSUE_CODES) - emitted == set()


def test_every_code_has_a_description_and_both_messages() -> None:
    for code, entry in ISSUE_CODES.items():
        assert entry.severity in ("error", "warning", "info", "error or warning"), code
        assert entry.about.endswith(".") and len(entry.about) > 20, code
        assert entry.vi and entry.en and entry.vi != entry.en, code
        # the same placeholders in both languages
        assert set(re.findall(r"\{(\w+)\}", entry.vi)) - {"suggestion_vi"} == set(
            re.findall(r"\{(\w+)\}", entry.en)
        ) - {"suggestion_en"}, code


def test_generated_pages_are_current() -> None:
    make_docs = _make_docs()
    assert (DOCS / "issue-codes.md").read_text(encoding="utf-8") == make_docs.issue_codes_page()
    assert (DOCS / "commands.md").read_text(encoding="utf-8") == make_docs.commands_page()


def test_every_code_and_command_is_documented() -> None:
    codes_page = (DOCS / "issue-codes.md").read_text(encoding="utf-8")
    for code in ISSUE_CODES:
        assert f"| `{code}` |" in codes_page
    import typer

    from dvstat.cli import app

    commands_page = (DOCS / "commands.md").read_text(encoding="utf-8")
    group = typer.main.get_command(app)
    names = list(group.commands)  # type: ignore[attr-defined]
    assert {
        "validate",
        "summarize",
        "quota",
        "probation",
        "members",
        "candidates",
        "report",
        "init",
    } <= set(names)
    for name in names:
        assert f"## dvstat {name}\n" in commands_page
        for param in group.commands[name].params:  # type: ignore[attr-defined]
            for option in param.opts:
                if option.startswith("-"):
                    assert f"`{option}`" in commands_page.split(f"## dvstat {name}\n")[1], (
                        name,
                        option,
                    )


def test_every_public_name_of_the_library_is_documented() -> None:
    api_page = (DOCS / "api.md").read_text(encoding="utf-8")
    for name in dvstat.__all__:
        if name.startswith("_"):
            continue
        called = f"dvstat.{name}(" in api_page or f"`dvstat.{name}`" in api_page
        assert called or f"{name}(" in api_page or f"`{name}`" in api_page, name


def test_readme_links_to_every_page() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for page in DOCS.glob("*.md"):
        assert f"docs/{page.name}" in readme, page.name
    assert "STYLE.md" not in readme and "PERF_NOTES" not in readme and "SPEC.md" not in readme
