"""``dvstat report``, the run cron starts: every configured output of a period, rendered
first, then written as one set under the folder's lock, with a manifest."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from dvstat.errors import ConfigError, PlanError
from dvstat.model import Period
from dvstat.pipeline.badges import report_waves, run_badges
from dvstat.pipeline.candidates import run_candidates
from dvstat.pipeline.loading import GENERATED_BY, LoadedRosters, load_rosters
from dvstat.pipeline.members import members_span, run_members
from dvstat.pipeline.new_members import run_quota, run_summarize
from dvstat.pipeline.rendering import render_output
from dvstat.settings import Settings
from dvstat.writers.files import (
    RunLock,
    file_digest,
    finish_pending_set,
    remove_leftovers,
    sha256_of,
    write_set,
)


def require_workspace(settings: Settings) -> None:
    """``dvstat report`` runs from a workspace: say how to make one when there is none."""
    if settings.path is None:
        raise ConfigError(
            "Không tìm thấy dvstat.toml (ở thư mục hiện tại, qua --config hoặc $DVSTAT_CONFIG). "
            "Tạo một thư mục làm việc bằng: dvstat init THƯ-MỤC",
            "No dvstat.toml found (in the current folder, via --config or $DVSTAT_CONFIG). "
            "Make a workspace with: dvstat init FOLDER",
        )


@dataclass
class ReportRun:
    """What ``dvstat report`` wrote: the outputs, the manifest, and whether errors were found."""

    outputs: list[Path]
    manifest: Path
    errors: int


_OUTPUT_NAMES = {
    "summary": "tong-hop",
    "quota": "chi-tieu",
    "members": "dang-vien",
    "candidates": "nguon-phat-trien",
    "badges": "huy-hieu",
    "forms": "bieu-thong-ke",
}


_PATTERN_FIELD = re.compile(r"\{([^{}]*)\}")


PATTERN_FIELDS = ("period", "name", "kind")


def output_name(settings: Settings, period: Period, kind: str) -> str:
    """File name from the configured pattern: '{period}-{name}' -> '2025-10-tong-hop.md'.
    Only the documented fields, as plain text ('{name.upper}', '{period.__class__}' and
    control characters are configuration errors, never evaluated)."""
    base, ext = kind.split(".")
    pattern = settings.file_pattern
    fields = _PATTERN_FIELD.findall(pattern.replace("{{", "").replace("}}", ""))
    bad = [f for f in fields if f not in PATTERN_FIELDS]
    if bad or any(ord(c) < 32 or c == "\x7f" for c in pattern) or len(pattern) > 200:
        shown = (
            ", ".join("{" + f[:30] + "}" for f in bad) or "ký tự điều khiển / a control character"
        )
        raise ConfigError(
            f"Khóa 'file_pattern' không hợp lệ ({shown}); chỉ dùng {{period}}, {{name}}, {{kind}}.",
            f"Key 'file_pattern' is invalid ({shown}); use only {{period}}, {{name}}, {{kind}}.",
        )
    try:
        stem = pattern.format(period=period.code, name=_OUTPUT_NAMES[base], kind=base)
    except (KeyError, IndexError, ValueError) as exc:
        raise ConfigError(
            f"Khóa 'file_pattern' không hợp lệ: {exc}; dùng {{period}} và {{name}}.",
            f"Key 'file_pattern' is invalid: {exc}; use {{period}} and {{name}}.",
        ) from exc
    if "/" in stem or "\\" in stem or stem.startswith(".") or not stem.strip():
        raise ConfigError(
            "Khóa 'file_pattern' không được chứa thư mục.",
            "Key 'file_pattern' must not contain folders.",
        )
    return f"{stem}.{ext}"


def distinct_outputs(names: Sequence[tuple[str, str]]) -> None:
    """Two outputs (or an output and the manifest) written to one name would leave one
    file where two were meant: a configuration error before anything is written."""
    seen: dict[str, str] = {}
    for kind, name in names:
        key = name.casefold()
        if key in seen:
            raise ConfigError(
                f"'{seen[key]}' và '{kind}' cùng ghi vào '{name}': sửa 'file_pattern' (thêm "
                "{kind}) hoặc 'outputs' trong dvstat.toml.",
                f"'{seen[key]}' and '{kind}' would both be written to '{name}': change "
                "'file_pattern' (add {kind}) or 'outputs' in dvstat.toml.",
            )
        seen[key] = kind


def report_outputs(settings: Settings) -> list[str]:
    """The outputs ``dvstat report`` writes: those of ``outputs`` in dvstat.toml, else the
    default set, whose plan outputs are left out when the workspace has no plan."""
    if settings.outputs:
        return list(settings.outputs)
    defaults = ["summary.md", "summary.xlsx", "summary.docx", "summary.json"]
    return defaults + (["quota.md"] if settings.has_plan else [])


def run_report(
    settings: Settings,
    period: Period,
    as_of: date,
    lang: str,
    out_dir: Path | None = None,
    log: Callable[[str], None] | None = None,
    units_as_of: date | None = None,
) -> ReportRun:
    """Every configured output for the period: rendered first, then written as one set under
    a lock (each file to a temporary name, all renamed once all are written, the manifest
    last). The same inputs give the same bytes (no clock inside)."""
    say = log or (lambda _message: None)
    folder = out_dir or settings.output_dir

    def progress(name: str) -> None:
        say(f"đọc / reading {name}")

    loaded = load_rosters([], settings, as_of, progress)
    report = run_summarize(
        [], settings, period, as_of, lang, loaded=loaded, units_as_of=units_as_of
    )
    kinds = report_outputs(settings)
    families = {kind.split(".")[0] for kind in kinds}
    quota = None
    if settings.has_plan and families & {"quota", "summary"}:
        quota = run_quota([], settings, period, as_of, lang, loaded=loaded, units_as_of=units_as_of)
    # Each family reads its own rosters as its kind (a membership roster is checked for
    # leavers, a candidate list needs no admission date); the cache makes a re-read cheap.
    read_sets: dict[str, LoadedRosters] = {"rosters": loaded}
    if families & {"members", "badges"}:
        read_sets["members"] = load_rosters(
            list(settings.members) or list(settings.rosters),
            settings,
            as_of,
            progress,
            kind="members",
        )
    members = None
    if "members" in families:
        cut_off, span = members_span(period, as_of)
        members = run_members(
            [],
            settings,
            as_of,
            lang,
            cut_off,
            span,
            loaded=read_sets["members"],
            units_as_of=units_as_of,
        )
    candidates = None
    if "candidates" in families:
        read_sets["candidates"] = load_rosters(
            list(settings.candidates), settings, as_of, progress, kind="candidates"
        )
        candidates = run_candidates(
            [],
            settings,
            as_of,
            lang,
            period,
            loaded=read_sets["candidates"],
            admitted=loaded,
            units_as_of=units_as_of,
        )
    badges = None
    if "badges" in families:
        waves, label_vi, label_en = report_waves(period, as_of)
        badges = run_badges(
            [],
            settings,
            as_of,
            lang,
            waves,
            label_vi if lang == "vi" else label_en,
            loaded=read_sets["members"],
        )
    forms = None
    if "forms" in families:
        from dvstat import api  # the forms gather the other commands' reports

        forms = api.forms(None, settings=settings, as_of=as_of, period=period, lang=lang)
    results: dict[str, Any] = {
        "summary": report,
        "quota": quota,
        "members": members,
        "candidates": candidates,
        "badges": badges,
        "forms": forms,
    }
    manifest_name = output_name(settings, period, "summary.json").replace(
        _OUTPUT_NAMES["summary"], "manifest"
    )
    distinct_outputs(
        [(kind, output_name(settings, period, kind)) for kind in kinds]
        + [("manifest", manifest_name)]
    )
    rendered: dict[str, bytes] = {}
    for kind in kinds:
        family, extension = kind.split(".")
        result = results[family]
        if result is None:
            raise PlanError(
                f"Đầu ra '{kind}' cần chỉ tiêu: khai báo 'plan' trong dvstat.toml "
                "hoặc bỏ nó khỏi 'outputs'.",
                f"Output '{kind}' needs a plan: set 'plan' in dvstat.toml or "
                "drop it from 'outputs'.",
            )
        rendered[output_name(settings, period, kind)] = render_output(
            extension, result, settings, as_of, quota
        )
    plan_items = quota.issues.items if quota is not None else ()
    # the issues of every report written (a pipeline's warnings are found in its report)
    issues = [
        *(
            e.issue
            for r in (report, members, candidates, badges, forms)
            if r is not None
            for e in r.issues.items
        ),
        *(i.issue for i in plan_items if i.issue.code.startswith("plan-")),
    ]
    manifest = {
        "schema": "dvstat.manifest/1",
        "generated_by": GENERATED_BY,
        "period": {"code": period.code, **period.to_dict(lang)},
        "as_of": as_of.isoformat(),
        "config": str(settings.path) if settings.path else None,
        "inputs": [
            {**file_digest(p), "kind": kind} for kind, read in read_sets.items() for p in read.files
        ],
        "plan": file_digest(settings.plan_file) if settings.plan_file else None,
        "rows": report.rows.to_dict(),
        **({"member_rows": members.rows} if members is not None else {}),
        **({"candidate_rows": candidates.rows} if candidates is not None else {}),
        **({"badge_rows": badges.rows} if badges is not None else {}),
        "issues": {
            severity + "s": sum(i.severity == severity for i in issues)
            for severity in ("error", "warning", "info")
        },
        "outputs": [
            {"file": name, "bytes": len(data), "sha256": sha256_of(data)}
            for name, data in rendered.items()
        ],
    }
    rendered[manifest_name] = json.dumps(manifest, ensure_ascii=False, indent=2).encode("utf-8")
    _write_under_lock(folder, rendered, settings.output_mode, say)
    written = [folder / name for name in rendered if name != manifest_name]
    errors = sum(i.severity == "error" for i in issues)
    return ReportRun(outputs=written, manifest=folder / manifest_name, errors=errors)


def _write_under_lock(
    folder: Path, rendered: dict[str, bytes], mode: int, say: Callable[[str], None]
) -> None:
    """The set, written holding the folder's lock, after finishing what a killed run left."""
    with RunLock(
        folder, on_stale=lambda why: say(f"khóa cũ đã được thay / stale lock replaced: {why}")
    ):
        finished = finish_pending_set(folder)
        if finished:
            say(
                f"đã hoàn tất bộ báo cáo mà lần chạy trước bỏ dở ({finished} tệp) / finished "
                f"the set an earlier run left half written ({finished} files)"
            )
        removed = remove_leftovers(folder)
        if removed:
            say(
                f"đã xóa {removed} tệp tạm của lần chạy trước / removed {removed} temporary "
                "files of an earlier run"
            )
        write_set(folder, rendered, mode)
