"""What a report template sees: the report model as plain data, plus a few lookups.

Templates get exactly the model's JSON (so the numbers in Markdown, Excel and JSON are the
same numbers), the quota report when a plan is known, and small functions for form cells:
``now('gender', 'female')``, ``before(...)``, ``share(a, b)``.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from dvstat.formatting import BADGE_NOTES, MONTHS_EN, badge_sentence, format_int, short_date
from dvstat.model import (
    BadgesReport,
    CandidatesReport,
    MembersReport,
    Period,
    QuotaReport,
    Report,
)
from dvstat.rounding import ratio_percent
from dvstat.schema import (
    BREAKDOWN_TITLES,
    CANDIDATE_GROUPS,
    HIGHLIGHT_TITLES,
    QUOTA_STATUS,
    WAITING_STAGES,
    leaving_labels,
)
from dvstat.settings import ReportHeading


def _lookup(stats: dict[str, Any] | None, breakdown: str, code: str) -> int | None:
    if stats is None:
        return None
    if breakdown == "highlights":
        return int(stats["highlights"][code]["count"]) if code != "total" else int(stats["total"])
    return next((int(c["count"]) for c in stats["breakdowns"][breakdown] if c["code"] == code), 0)


def _form_rows(data: dict[str, Any], name: str) -> list[dict[str, Any]]:
    """Rows of the ethnicity/religion form: count, of which women, share of the total."""
    women = {
        c["code"]: c["count"] for c in (data["women"] or {}).get("breakdowns", {}).get(name, [])
    }
    rows = []
    for number, category in enumerate(data["breakdowns"][name], start=1):
        rows.append(
            {
                "tt": number,
                "code": category["code"],
                "label": category["label"],
                "count": category["count"],
                "women": women.get(category["code"], 0),
                "percent": category["percent"],
            }
        )
    return rows


def summary_context(report: Report, quota: QuotaReport | None = None) -> dict[str, Any]:
    data = report.to_dict()
    lang = report.lang
    index = 0 if lang == "vi" else 1
    previous = data["previous"]

    def now(breakdown: str, code: str) -> int | None:
        return _lookup(data, breakdown, code)

    def before(breakdown: str, code: str) -> int | None:
        return _lookup(previous, breakdown, code)

    def share(value: int | None, base: int | None) -> float | None:
        if value is None or base is None:
            return None
        return ratio_percent(value, base)

    context: dict[str, Any] = dict(data)
    context.update(
        lang=lang,
        organization=report.scope.organization,
        period_label=report.scope.period.label(lang),
        breakdown_titles={k: v[index] for k, v in BREAKDOWN_TITLES.items()},
        highlight_titles={k: v[index] for k, v in HIGHLIGHT_TITLES.items()},
        ethnic_rows=_form_rows(data, "ethnicity"),
        religion_rows=_form_rows(data, "religion"),
        quota=quota.to_dict() if quota else None,
        status_label=status_labels(lang),
        previous_word=previous_word(report.previous_period, lang),
        now=now,
        before=before,
        share=share,
    )
    return context


def previous_word(comparison: Period | None, lang: str) -> str:
    """How a report names its comparison period: 'cùng kỳ năm trước' or, for a term,
    'cùng kỳ nhiệm kỳ trước'."""
    if comparison is not None and comparison.basis == "previous_term":
        return "cùng kỳ nhiệm kỳ trước" if lang == "vi" else "same period of the previous term"
    return "cùng kỳ năm trước" if lang == "vi" else "same period last year"


def status_labels(lang: str) -> dict[str, str]:
    """Plan statuses in the report's language, for templates: status_label[u.status]."""
    index = 0 if lang == "vi" else 1
    return {code: labels[index] for code, labels in QUOTA_STATUS.items()}


def quota_context(quota: QuotaReport, organization: str | None) -> dict[str, Any]:
    data = quota.to_dict()
    data.update(
        lang=quota.lang,
        organization=organization,
        period_label=quota.period.label(quota.lang),
        status_label=status_labels(quota.lang),
        target_running=quota.within,
        previous_word=previous_word(quota.comparison, quota.lang),
        target_text=lambda row: _target_text(row, quota.lang),
        plan_notes=[
            i
            for i in data["issues"]["items"]
            if i["code"] in ("plan-unit-unmatched", "plan-unit-ambiguous")
        ],
    )
    return data


def _target_text(row: dict[str, Any], lang: str) -> str:
    """A target as written: '12' or a range '90–100'."""
    target = row["target"]
    if isinstance(target, dict):
        return f"{format_int(target['min'], lang)}–{format_int(target['max'], lang)}"
    return format_int(target, lang)


# The composition a filed membership report tables (the Word template's first table).
_MEMBER_TABLE = (
    "membership",
    "gender",
    "ethnic_minority",
    "religious",
    "party_age_band",
    "age_band",
)


def members_context(report: MembersReport) -> dict[str, Any]:
    """What a membership template sees: the model's JSON and the same helpers."""
    data = report.to_dict()
    lang = report.lang
    index = 0 if lang == "vi" else 1

    def now(breakdown: str, code: str) -> int | None:
        return _lookup(data, breakdown, code)

    def before(breakdown: str, code: str) -> int | None:
        return _lookup(data["previous"], breakdown, code)

    context: dict[str, Any] = dict(data)
    context.update(
        lang=lang,
        organization=report.organization,
        breakdown_titles={k: v[index] for k, v in BREAKDOWN_TITLES.items()},
        highlight_titles={k: v[index] for k, v in HIGHLIGHT_TITLES.items()},
        leaving_labels=leaving_labels(lang),
        # within a sentence: 'từ trần 1; xin ra khỏi Đảng 1' (the Party keeps its capital)
        leaving_words={c: w[:1].lower() + w[1:] for c, w in leaving_labels(lang).items()},
        leaving_codes=list(leaving_labels(lang)),
        ethnic_rows=_form_rows({**data, "women": None}, "ethnicity"),
        member_rows=[
            (name, {**row, "label": f"{BREAKDOWN_TITLES[name][index]}: {row['label']}"})
            for name in _MEMBER_TABLE
            for row in data["breakdowns"][name]
        ],
        now=now,
        before=before,
        share=lambda value, base: (
            None if value is None or base is None else ratio_percent(value, base)
        ),
        previous_word=("cùng kỳ năm trước" if lang == "vi" else "same date last year"),
    )
    return context


_FEASIBILITY = {
    "short": ("Không đủ nguồn", "Short"),
    "reachable": ("Đủ nguồn", "Reachable"),
    "met": ("Đã đạt", "Met"),
}


def candidates_context(report: CandidatesReport) -> dict[str, Any]:
    """What a pipeline template sees: the model's JSON, the stages by code, and the sums the
    narrative needs (still waiting, recognised as sympathizers or further, past the class)."""
    data = report.to_dict()
    index = 0 if report.lang == "vi" else 1
    stage = {s["code"]: s for s in data["stages"]}
    groups = {
        name: sum(stage[code]["groups"][name] for code in WAITING_STAGES)
        for name in CANDIDATE_GROUPS
    }
    context: dict[str, Any] = dict(data)
    context.update(
        lang=report.lang,
        organization=report.organization,
        stage=stage,
        waiting=sum(stage[code]["count"] for code in WAITING_STAGES),
        sympathizers=sum(stage[code]["count"] for code in WAITING_STAGES[1:]),
        past_class=sum(stage[code]["count"] for code in WAITING_STAGES[2:]),
        waiting_groups=groups,
        group_labels={k: v[index] for k, v in CANDIDATE_GROUPS.items()},
        feasibility_labels={k: v[index] for k, v in _FEASIBILITY.items()},
        warnings=[i for i in data["issues"]["items"] if i["severity"] == "warning"],
        plan_year=report.as_of.year,
    )
    return context


def badges_context(report: BadgesReport) -> dict[str, Any]:
    """What a badge template sees: the model's JSON, each award day's sentence and its
    numbered lines (living, then posthumous), and the notes in the run's language."""
    data = report.to_dict()
    index = 0 if report.lang == "vi" else 1
    for wave, model in zip(data["waves"], report.waves, strict=True):
        wave["sentence"] = badge_sentence(
            model.day,
            [(c.years, c.count) for c in model.counts],
            [(c.years, c.count) for c in model.posthumous_counts],
            report.lang,
        )
        wave["short"] = short_date(model.day)
        wave["lines"] = [
            dict(m, number=n, note=BADGE_NOTES[m["kind"]][index])
            for n, m in enumerate([*wave["members"], *wave["posthumous"]], start=1)
        ]
    context: dict[str, Any] = dict(data)
    context.update(
        lang=report.lang,
        organization=report.organization,
        period_label=report.label,
        badge_totals=[t for t in data["totals"] if t["count"]],
        totals_ascending=list(reversed(data["totals"])),
        all_lines=[
            dict(line, wave=wave["short"], number=n)
            for n, (wave, line) in enumerate(
                ((w, line) for w in data["waves"] for line in w["lines"]), start=1
            )
        ],
    )
    return context


DOTS = "……………"  # a part of the heading to fill in by hand


def heading_context(
    heading: ReportHeading, organization: str | None, day: date, lang: str
) -> dict[str, Any]:
    """The filed document's frame (party format, Hướng dẫn 36-HD/VPTW): the committees at
    the top left, the number, the place and date line, the signature block, the recipients;
    dotted placeholders where dvstat.toml [report] says nothing."""
    if lang == "vi":
        # days under 10 and the months 1 and 2 take a leading zero
        month = f"{day.month:02d}" if day.month < 3 else str(day.month)
        date_line = f"{heading.place or DOTS}, ngày {day.day:02d} tháng {month} năm {day.year}"
    else:
        date_line = f"{heading.place or DOTS}, {day.day} {MONTHS_EN[day.month - 1]} {day.year}"
    return {
        "parent": heading.parent or "",
        "issuer": heading.issuer or (organization.upper() if organization else DOTS),
        "number": heading.number or f"{DOTS}-BC/{DOTS}",
        "date_line": date_line,
        "on_behalf": heading.on_behalf or "",
        "signer_title": heading.signer_title or DOTS,
        "signer_name": heading.signer_name or DOTS,
        "preparer": heading.preparer or DOTS,
        "recipients": list(heading.recipients) or [DOTS],
    }


APPENDIX_ROWS = 500  # a filed document lists this many issues; the rest are in xlsx/JSON
_SEVERITY = {
    "error": ("Lỗi", "Error"),
    "warning": ("Cảnh báo", "Warning"),
    "info": ("Thông tin", "Note"),
}


def appendix_context(issues: dict[str, Any], lang: str) -> dict[str, Any]:
    """The appendix of a filed report: the errors and warnings, each with its place."""
    index = 0 if lang == "vi" else 1
    shown = [i for i in issues["items"] if i["severity"] in ("error", "warning")]
    note = (
        "Các dòng cần kiểm tra lại trong danh sách gửi lên (lỗi: dòng không được tính; "
        "cảnh báo: dòng được tính nhưng cần xem lại)."
        if lang == "vi"
        else "Rows to check in the rosters sent in (errors: rows not counted; warnings: rows "
        "counted but to be checked)."
    )
    return {
        "appendix": shown[:APPENDIX_ROWS],
        "appendix_more": max(len(shown) - APPENDIX_ROWS, 0),
        "appendix_note": note,
        "severity_label": {k: v[index] for k, v in _SEVERITY.items()},
    }
