"""Markdown reports rendered by Jinja from ``templates/`` (or the user's folder)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from dvstat.writers.templating import make_environment, render_bounded, render_text


def render_markdown(
    lang: str, template_dir: Path | None, name: str, context: dict[str, Any]
) -> str:
    """A Markdown template rendered in the bounded sandbox, its values escaped."""

    def render() -> bytes:
        env = make_environment(lang, template_dir, markdown=True)
        return render_text(env, name, context).encode("utf-8")

    return render_bounded(name, render).decode("utf-8")
