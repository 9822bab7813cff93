"""Markdown reports rendered by Jinja from ``templates/`` (or the user's folder)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from dvstat.model import CandidatesReport, MembersReport, QuotaReport, Report
from dvstat.writers.context import (
    candidates_context,
    members_context,
    quota_context,
    summary_context,
)
from dvstat.writers.templating import make_environment, render_bounded, render_text


def render_summary_markdown(report: Report, quota: QuotaReport | None = None,
                            template_dir: Path | None = None) -> str:
    name = f"summary.{report.lang}.md.j2"
    context = summary_context(report, quota)
    return _render(report.lang, template_dir, name, context)


def render_quota_markdown(quota: QuotaReport, organization: str | None,
                          template_dir: Path | None = None) -> str:
    name = f"quota.{quota.lang}.md.j2"
    return _render(quota.lang, template_dir, name, quota_context(quota, organization))


def render_members_markdown(report: MembersReport, template_dir: Path | None = None) -> str:
    name = f"members.{report.lang}.md.j2"
    return _render(report.lang, template_dir, name, members_context(report))


def render_candidates_markdown(report: CandidatesReport, template_dir: Path | None = None
                               ) -> str:
    name = f"candidates.{report.lang}.md.j2"
    return _render(report.lang, template_dir, name, candidates_context(report))


def _render(lang: str, template_dir: Path | None, name: str, context: dict[str, Any]) -> str:
    """A Markdown template rendered in the bounded sandbox, its values escaped."""

    def render() -> bytes:
        env = make_environment(lang, template_dir, markdown=True)
        return render_text(env, name, context).encode("utf-8")

    return render_bounded(name, render).decode("utf-8")
