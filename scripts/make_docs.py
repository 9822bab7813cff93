"""Regenerate the generated pages of docs/: `python scripts/make_docs.py`.

docs/commands.md (every command and option, from the Typer app) and docs/issue-codes.md
(every issue code, from ``dvstat.messages.ISSUE_CODES``). tests/test_docs.py fails when
either is stale, so the docs cannot drift from the code.
"""

from __future__ import annotations

from pathlib import Path

DOCS = Path(__file__).resolve().parent.parent / "docs"

EXAMPLES = {
    "validate": ["dvstat validate danh-sach/", "dvstat validate a.xlsx --format xlsx -o loi.xlsx"],
    "summarize": [
        "dvstat summarize danh-sach/ --year 2025",
        "dvstat summarize --period 2025-Q3 --by org --format markdown",
        "dvstat summarize --term 2020-2025 --format docx -o bao-cao.docx",
    ],
    "quota": ["dvstat quota --year 2025 --plan chi-tieu.csv", "dvstat quota --period year-to-date"],
    "probation": ["dvstat probation --within 30", "dvstat probation --format xlsx -o du-bi.xlsx"],
    "members": [
        "dvstat members dang-vien/ --as-of 2025-12-31",
        "dvstat members --year 2025 --format docx -o dang-vien.docx",
    ],
    "candidates": [
        "dvstat candidates nguon/ --year 2026",
        "dvstat candidates nguon/ --admissions danh-sach/ --plan chi-tieu.csv",
    ],
    "report": ["dvstat report --period last-month --quiet --strict"],
    "init": ["dvstat init ws", "dvstat init ws --lang en"],
}


def commands_page() -> str:
    """Every command: what it does, its arguments and options with their help, examples."""
    import typer

    from dvstat.cli import app

    group = typer.main.get_command(app)
    lines = [
        "# Commands",
        "",
        "Generated from the command line itself (`python scripts/make_docs.py`); `dvstat",
        "COMMAND --help` prints the same. Help texts are in Vietnamese, the users' language.",
        "Every command is a thin wrapper of one call of the library ([api.md](api.md)).",
        "",
    ]
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        lines += [f"## dvstat {name}", "", (command.help or "").strip(), ""]
        lines += ["| argument or option | help |", "|---|---|"]
        for param in command.params:
            names = ", ".join(f"`{o}`" for o in (*param.opts, *param.secondary_opts))
            if param.param_type_name == "argument":
                names = f"`{param.name.upper()}…`" if param.nargs == -1 else f"`{param.name}`"
            text = (getattr(param, "help", None) or "").replace("|", "\\|").replace("\n", " ")
            lines.append(f"| {names} | {text} |")
        lines += ["", "```bash", *EXAMPLES.get(name, []), "```", ""]
    return "\n".join(lines).rstrip() + "\n"


def issue_codes_page() -> str:
    """The registry as a table: code, severity, what it means, the English message."""
    from dvstat.messages import ISSUE_CODES

    lines = [
        "# Issue codes",
        "",
        "Every finding dvstat reports has a stable code (in JSON `issues.items[].code`, in the",
        "Excel issues sheet, in `--strict` counts). Generated from the one registry,",
        "`dvstat.messages.ISSUE_CODES` (`python scripts/make_docs.py`). Severity: an",
        "**error** rejects the row or the sheet, or breaks an admission rule; a **warning** is",
        "counted but must be looked at; an **info** says how a file was read. `--strict`",
        "exits 1 when there is an error.",
        "",
        "| code | severity | what it means | message (English; Vietnamese by default) |",
        "|---|---|---|---|",
    ]
    for code, entry in sorted(ISSUE_CODES.items()):
        message = entry.en.replace("|", "\\|")
        lines.append(f"| `{code}` | {entry.severity} | {entry.about} | {message} |")
    return "\n".join(lines) + "\n"


def main() -> None:
    (DOCS / "commands.md").write_text(commands_page(), encoding="utf-8")
    (DOCS / "issue-codes.md").write_text(issue_codes_page(), encoding="utf-8")
    print(DOCS / "commands.md", DOCS / "issue-codes.md")


if __name__ == "__main__":
    main()
