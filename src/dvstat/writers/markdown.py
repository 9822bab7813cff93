"""Markdown reports rendered by Jinja from ``templates/`` (or the user's folder)."""

from __future__ import annotations

from pathlib import Path

from dvstat.model import QuotaReport, Report
from dvstat.writers.context import quota_context, summary_context
from dvstat.writers.templating import make_environment, render_text


def render_summary_markdown(report: Report, quota: QuotaReport | None = None,
                            template_dir: Path | None = None) -> str:
    env = make_environment(report.lang, template_dir)
    return render_text(env, f"summary.{report.lang}.md.j2", summary_context(report, quota))


def render_quota_markdown(quota: QuotaReport, organization: str | None,
                          template_dir: Path | None = None) -> str:
    env = make_environment(quota.lang, template_dir)
    return render_text(env, f"quota.{quota.lang}.md.j2", quota_context(quota, organization))
