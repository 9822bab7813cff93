"""Read ``dvstat.toml``: the workspace (organization, rosters, plan, outputs, aliases, limits).

Every key is checked for its kind; a wrong one is a ConfigError naming the key and what was
expected. Relative paths are taken from the config file's folder, so cron can run anywhere.
"""

from __future__ import annotations

import os
import stat
import tomllib
from dataclasses import replace
from pathlib import Path
from typing import Any, NoReturn

from dvstat import schema
from dvstat.errors import ConfigError
from dvstat.party_rules import DISCIPLINE_WORDS
from dvstat.readers.cache import default_cache_dir
from dvstat.settings import ReadLimits, ReportHeading, Settings
from dvstat.text import fold, shown_file

CONFIG_NAME = "dvstat.toml"
ENV_VAR = "DVSTAT_CONFIG"
OUTPUT_KINDS = tuple(
    f"{family}.{extension}"
    for family in ("summary", "quota", "members", "candidates", "badges")
    for extension in ("md", "xlsx", "docx", "json")
) + ("forms.xlsx", "forms.docx", "forms.json")


TOP_LEVEL_KEYS = frozenset(
    {
        "organization",
        "lang",
        "rosters",
        "plan",
        "output_dir",
        "file_pattern",
        "outputs",
        "templates",
        "period",
        "aliases",
        "limits",
        "cache_dir",
        "term_years",
        "cache",
        "members",
        "units",
        "small_branch",
        "candidates",
        "dossier_months",
        "report",
        "badges",
        "output_mode",
        "jobs",
    }
)


def find_config(explicit: Path | None, cwd: Path) -> Path | None:
    """``--config``, else ``$DVSTAT_CONFIG``, else ``dvstat.toml`` in the current folder."""
    if explicit is not None:
        if not explicit.is_file():
            raise ConfigError(
                f"Không tìm thấy tệp cấu hình '{explicit}'.",
                f"Config file not found: '{explicit}'.",
            )
        return explicit
    env = os.environ.get(ENV_VAR)
    if env:
        path = Path(env)
        if not path.is_file():
            raise ConfigError(
                f"${ENV_VAR} trỏ tới '{env}' nhưng tệp không tồn tại.",
                f"${ENV_VAR} points to '{env}', which does not exist.",
            )
        return path
    local = cwd / CONFIG_NAME
    return local if local.is_file() else None


WORKSPACE_CACHE = ".dvstat-cache"


def workspace_settings(explicit: Path | None, cwd: Path, no_cache: bool = False) -> Settings:
    """The settings of ``--config``, ``$DVSTAT_CONFIG`` or ./dvstat.toml (defaults if none),
    as the CLI uses them: with the cache on unless ``--no-cache`` or ``cache = false``.

    The cache lives in the workspace (``.dvstat-cache`` beside dvstat.toml) unless
    ``cache_dir`` says otherwise: the normalized rosters it keeps are as personal as the
    rosters themselves, so they stay with them, under the same access rights, and go when
    the workspace goes. Without a workspace: ``$DVSTAT_CACHE_DIR``, else the user's cache
    folder (~/.cache/dvstat). Imports no pandas: the CLI calls it first."""
    path = find_config(explicit, cwd)
    settings = load_settings(path)
    if no_cache or not settings.cache:
        return replace(settings, cache_dir=None)
    if settings.cache_dir is None:
        folder = path.parent / WORKSPACE_CACHE if path is not None else default_cache_dir()
        return replace(settings, cache_dir=folder)
    return settings


def load_settings(path: Path | None) -> Settings:
    """Settings from a config file (None: the defaults)."""
    if path is None:
        return Settings()
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(
            f"Không đọc được '{path}': {exc}", f"Cannot read '{path}': {exc}"
        ) from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(
            f"'{shown_file(path)}' sai cú pháp TOML: {exc}",
            f"'{shown_file(path)}' is not valid TOML: {exc}",
        ) from exc
    return parse_settings(data, path)


def _expect(
    data: dict[str, Any],
    key: str,
    kind: type | tuple[type, ...],
    what_vi: str,
    what_en: str,
    where: str = "",
) -> Any:
    value = data.get(key)
    if value is not None and not isinstance(value, kind):
        name = f"{where}{key}"
        raise ConfigError(
            f"Khóa '{name}' trong dvstat.toml phải là {what_vi}, không phải {value!r}.",
            f"Key '{name}' in dvstat.toml must be {what_en}, not {value!r}.",
        )
    return value


def _string_list(data: dict[str, Any], key: str, where: str = "") -> tuple[str, ...]:
    value = _expect(
        data, key, (str, list), "chuỗi hoặc danh sách chuỗi", "a string or a list of strings", where
    )
    if value is None:
        return ()
    items = [value] if isinstance(value, str) else value
    if not all(isinstance(v, str) for v in items):
        raise ConfigError(
            f"Khóa '{where}{key}' phải là danh sách chuỗi.",
            f"Key '{where}{key}' must be a list of strings.",
        )
    return tuple(items)


def parse_settings(data: dict[str, Any], path: Path) -> Settings:
    """Check and convert a parsed config (tested without files)."""
    base = path.parent
    known = TOP_LEVEL_KEYS
    unknown = sorted(set(data) - known)
    if unknown:
        raise ConfigError(
            f"Khóa lạ trong dvstat.toml: {', '.join(unknown)}. Các khóa hợp lệ: "
            f"{', '.join(sorted(known))}.",
            f"Unknown key in dvstat.toml: {', '.join(unknown)}. Valid keys: "
            f"{', '.join(sorted(known))}.",
        )
    lang = _expect(data, "lang", str, "'vi' hoặc 'en'", "'vi' or 'en'")
    if lang not in (None, "vi", "en"):
        raise ConfigError(
            f"Khóa 'lang' phải là 'vi' hoặc 'en', không phải {lang!r}.",
            f"Key 'lang' must be 'vi' or 'en', not {lang!r}.",
        )
    outputs = _string_list(data, "outputs")
    for item in outputs:
        if item not in OUTPUT_KINDS:
            raise ConfigError(
                f"Đầu ra '{item}' không hợp lệ; chọn trong {', '.join(OUTPUT_KINDS)}.",
                f"Output '{item}' is not one of {', '.join(OUTPUT_KINDS)}.",
            )
    plan_file, plan_rows = _parse_plan(data.get("plan"), base)
    header_aliases, value_aliases = _parse_aliases(data.get("aliases"))
    unit_aliases = _unit_aliases(data.get("aliases"))
    limits_data = _expect(data, "limits", dict, "một bảng [limits]", "a [limits] table") or {}
    limits = _parse_limits(limits_data)
    heading = _parse_heading(
        _expect(data, "report", dict, "một bảng [report]", "a [report] table") or {}
    )
    templates = _expect(data, "templates", str, "đường dẫn thư mục", "a folder path")
    if templates and not (base / templates).is_dir():
        raise ConfigError(
            f"Khóa 'templates' trỏ tới '{base / templates}', không phải thư mục "
            "có sẵn (chép mẫu mặc định bằng: dvstat init).",
            f"Key 'templates' points to '{base / templates}', which is not an "
            "existing folder (copy the default templates with: dvstat init).",
        )
    cache_dir = _expect(
        data,
        "cache_dir",
        str,
        'đường dẫn thư mục ("" để tắt)',
        'a folder path ("" turns the cache off)',
    )
    term_years = _expect(
        data,
        "term_years",
        int,
        "số năm của nhiệm kỳ (số nguyên dương)",
        "the length of a term in years (a positive whole number)",
    )
    if term_years is not None and not 1 <= term_years <= 10:
        raise ConfigError(
            f"Khóa 'term_years' phải từ 1 đến 10, không phải {term_years}.",
            f"Key 'term_years' must be from 1 to 10, not {term_years}.",
        )
    small_branch = _expect(data, "small_branch", int, "số nguyên dương", "a positive whole number")
    if small_branch is not None and (isinstance(small_branch, bool) or small_branch <= 0):
        raise ConfigError(
            "Khóa 'small_branch' phải là số nguyên dương.",
            "Key 'small_branch' must be a positive whole number.",
        )
    units_file = _expect(data, "units", str, "đường dẫn tệp", "a file path")
    dossier_months = _expect(
        data,
        "dossier_months",
        int,
        "số tháng (số nguyên dương)",
        "a number of months (a positive whole number)",
    )
    if dossier_months is not None and (isinstance(dossier_months, bool) or dossier_months <= 0):
        raise ConfigError(
            "Khóa 'dossier_months' phải là số nguyên dương.",
            "Key 'dossier_months' must be a positive whole number.",
        )
    jobs = _expect(
        data,
        "jobs",
        int,
        "số tệp đọc cùng lúc (0: theo số lõi)",
        "files read at once (0: one per core)",
    )
    if jobs is not None and (isinstance(jobs, bool) or not 0 <= jobs <= 256):
        raise ConfigError(
            "Khóa 'jobs' phải từ 0 (theo số lõi máy) đến 256.",
            "Key 'jobs' must be from 0 (one per core) to 256.",
        )
    badge_delays = _badge_delays(data)
    output_mode = _output_mode(data.get("output_mode"))
    return Settings(
        jobs=jobs or 0,
        output_mode=output_mode,
        badge_delay_months=badge_delays,
        members=tuple(
            str(base / r) if not Path(r).is_absolute() else r for r in _string_list(data, "members")
        ),
        units_file=_path(base, units_file) if units_file else None,
        small_branch=small_branch or 5,
        candidates=tuple(
            str(base / r) if not Path(r).is_absolute() else r
            for r in _string_list(data, "candidates")
        ),
        dossier_months=dossier_months or 6,
        report=heading,
        term_years=term_years or 5,
        path=path,
        organization=_expect(data, "organization", str, "chuỗi", "a string"),
        lang=lang,
        rosters=tuple(
            str(base / r) if not Path(r).is_absolute() else r for r in _string_list(data, "rosters")
        ),
        plan_file=plan_file,
        plan_rows=plan_rows,
        output_dir=_own_folder(
            _path(base, _expect(data, "output_dir", str, "đường dẫn", "a path") or "bao-cao"),
            "output_dir",
            base,
        ),
        file_pattern=_expect(data, "file_pattern", str, "chuỗi", "a string")
        or Settings.file_pattern,
        outputs=outputs,
        templates=base / templates if templates else None,
        period=_expect(
            data, "period", str, "chuỗi kỳ như 'last-month'", "a period such as 'last-month'"
        ),
        header_aliases=header_aliases,
        value_aliases=value_aliases,
        unit_aliases=unit_aliases,
        limits=limits,
        cache_dir=_own_folder(_path(base, cache_dir), "cache_dir", base) if cache_dir else None,
        cache=bool(
            _expect(data, "cache", bool, "true hoặc false", "true or false") is not False
            and cache_dir != ""
        ),
    )


def _output_mode(value: Any) -> int:
    """``output_mode = "0640"``: who may read the reports; never wider than the owner's
    group (no one else), never less than the owner's read and write."""
    if value is None:
        return 0o600
    try:
        mode = int(str(value), 8)
    except ValueError:
        mode = -1
    if mode not in (0o600, 0o640, 0o660):
        raise ConfigError(
            f'Khóa \'output_mode\' phải là "0600", "0640" hoặc "0660", không phải {value!r}.',
            f'Key \'output_mode\' must be "0600", "0640" or "0660", not {value!r}.',
        )
    return mode


def _badge_delays(data: dict[str, Any]) -> dict[str, int]:
    """``[badges] delay_months = { "khiển trách" = 6, "cảnh cáo" = 9 }``: how many months each
    disciplinary measure delays a badge (measures by their code or their words)."""
    table = data.get("badges")
    if table is None:
        return {}
    if not isinstance(table, dict) or set(table) - {"delay_months"}:
        raise ConfigError(
            "Bảng [badges] chỉ có khóa 'delay_months'.",
            "Table [badges] takes only the key 'delay_months'.",
        )
    delays = table.get("delay_months", {})
    if not isinstance(delays, dict):
        raise ConfigError(
            "Khóa 'badges.delay_months' phải là bảng: hình thức kỷ luật = số tháng.",
            "Key 'badges.delay_months' must be a table: measure = months.",
        )
    codes = {fold(word): code for code, words in DISCIPLINE_WORDS.items() for word in words}
    found: dict[str, int] = {}
    for key, months in delays.items():
        code = codes.get(fold(str(key)), str(key) if str(key) in DISCIPLINE_WORDS else None)
        if code is None:
            raise ConfigError(
                f"badges.delay_months: '{key}' không phải hình thức kỷ luật "
                "(khiển trách, cảnh cáo, cách chức).",
                f"badges.delay_months: '{key}' is not a measure (khiển trách, cảnh cáo, "
                "cách chức).",
            )
        if isinstance(months, bool) or not isinstance(months, int) or not 0 <= months <= 60:
            raise ConfigError(
                f"badges.delay_months.{key} phải là số tháng từ 0 đến 60.",
                f"badges.delay_months.{key} must be a number of months from 0 to 60.",
            )
        found[code] = months
    return found


# Folders dvstat must never write outputs into or prune a cache in.
_SYSTEM_FOLDERS = (
    "/",
    "/bin",
    "/boot",
    "/dev",
    "/etc",
    "/home",
    "/lib",
    "/lib64",
    "/opt",
    "/proc",
    "/root",
    "/run",
    "/sbin",
    "/srv",
    "/sys",
    "/tmp",
    "/usr",
    "/var",
    "C:\\",
    "C:\\Windows",
    "C:\\Program Files",
)


def _path(base: Path, value: str) -> Path:
    """A path from dvstat.toml: '~/…' from the home folder, relative ones from the
    config's folder."""
    return Path(value).expanduser() if value.startswith("~") else base / value


# Trees of the system: outside the workspace and the home folder, nothing under them is
# used, whoever owns it (as root everything there is "the user's").
_SYSTEM_TREES = (
    "/bin",
    "/boot",
    "/dev",
    "/etc",
    "/lib",
    "/lib32",
    "/lib64",
    "/libx32",
    "/proc",
    "/run",
    "/sbin",
    "/snap",
    "/sys",
    "/usr",
    "/var",
)
# Folders of a home that hold keys or programs run at login.
_PRIVATE_IN_HOME = (
    ".ssh",
    ".gnupg",
    ".pki",
    ".aws",
    ".kube",
    ".docker",
    "bin",
    ".local/bin",
    ".config/autostart",
    ".config/systemd",
)


def _own_folder(path: Path, key: str, base: Path) -> Path:
    """A folder dvstat may write outputs or its cache into: inside the workspace or the
    user's home (not a home itself, nor its keys or programs), or elsewhere an existing
    folder of the user's own outside the system's trees; and wherever it is, if it exists,
    not shared (no one else may write to it, no sticky bit). Links are resolved first: a
    workspace's 'bao-cao' linked to /etc/cron.d is /etc/cron.d. Nothing is chmod'ed."""
    resolved = path.expanduser().resolve()
    home = Path.home().resolve()
    system = {Path(p).resolve() for p in _SYSTEM_FOLDERS} | {home}
    if resolved in system or resolved.parent == Path("/home"):
        _refuse(key, resolved, "một thư mục hệ thống hoặc thư mục nhà", "a system or home folder")
    if resolved.is_relative_to(home) and any(
        resolved.is_relative_to(home / inner) for inner in _PRIVATE_IN_HOME
    ):
        _refuse(key, resolved, "nơi giữ khóa hoặc chương trình", "a folder of keys or programs")
    inside = resolved.is_relative_to(base.resolve()) or resolved.is_relative_to(home)
    if not inside:
        if any(resolved.is_relative_to(tree) for tree in _SYSTEM_TREES):
            _refuse(key, resolved, "trong thư mục hệ thống", "inside a system folder")
        if not resolved.is_dir():
            _refuse(
                key,
                resolved,
                "chưa có; ngoài thư mục làm việc và thư mục nhà dvstat chỉ dùng thư mục có sẵn",
                "missing; outside the workspace and the home folder only an existing folder "
                "is used",
            )
    try:
        status = resolved.stat()
    except OSError:
        return path  # dvstat creates it (0700)
    if hasattr(os, "getuid") and not inside and status.st_uid != os.getuid():
        _refuse(key, resolved, "của người dùng khác", "another user's")
    if status.st_mode & (0o002 | stat.S_ISVTX):
        _refuse(key, resolved, "dùng chung (ai cũng ghi được)", "shared (anyone may write)")
    return path


def _refuse(key: str, folder: Path, why_vi: str, why_en: str) -> NoReturn:
    raise ConfigError(
        f"Khóa '{key}' trỏ tới '{folder}': {why_vi}; hãy dùng một thư mục riêng cho dvstat "
        "(ví dụ 'bao-cao' hoặc '.dvstat-cache' trong thư mục làm việc).",
        f"Key '{key}' points to '{folder}': {why_en}; use a folder of dvstat's own (such as "
        "'bao-cao' or '.dvstat-cache' in the workspace).",
    )


_LIMIT_KEYS = (
    "max_file_mb",
    "max_unzipped_mb",
    "max_ratio",
    "max_grid_cells",
    "max_parse_seconds",
    "max_parse_mb",
)


_HEADING_TEXTS = (
    "parent",
    "issuer",
    "number",
    "place",
    "on_behalf",
    "signer_title",
    "signer_name",
    "preparer",
)


def _parse_heading(data: dict[str, Any]) -> ReportHeading:
    """[report]: who files the documents (texts), and ``recipients`` (a list)."""
    known = (*_HEADING_TEXTS, "recipients")
    unknown = sorted(set(data) - set(known))
    misplaced = [key for key in unknown if key in TOP_LEVEL_KEYS]
    if misplaced:
        raise ConfigError(
            f"Khóa '{misplaced[0]}' nằm trong bảng [report]: trong TOML mọi dòng sau [report] "
            "thuộc bảng đó; hãy chuyển nó lên phía trên dòng [report].",
            f"Key '{misplaced[0]}' is inside the [report] table: in TOML every line after "
            "[report] belongs to it; move the key above the [report] line.",
        )
    if unknown:
        raise ConfigError(
            f"Khóa lạ trong [report]: {', '.join(unknown)}; các khóa hợp lệ: {', '.join(known)}.",
            f"Unknown key in [report]: {', '.join(unknown)}; valid keys: {', '.join(known)}.",
        )
    texts = {key: _expect(data, key, str, "chuỗi", "a string", "report.") for key in _HEADING_TEXTS}
    return ReportHeading(
        **{k: v.strip() or None for k, v in texts.items() if v is not None},
        recipients=_string_list(data, "recipients", "report."),
    )


def _parse_limits(data: dict[str, Any]) -> ReadLimits:
    """[limits]: positive whole numbers, and ``isolate`` (true/false)."""
    unknown = sorted(set(data) - {*_LIMIT_KEYS, "isolate"})
    if unknown:
        raise ConfigError(
            f"Khóa lạ trong [limits]: {', '.join(unknown)}; các khóa hợp lệ: "
            f"{', '.join((*_LIMIT_KEYS, 'isolate'))}.",
            f"Unknown key in [limits]: {', '.join(unknown)}; valid keys: "
            f"{', '.join((*_LIMIT_KEYS, 'isolate'))}.",
        )
    numbers: dict[str, Any] = {}
    for key in _LIMIT_KEYS:
        value = _expect(data, key, int, "số nguyên dương", "a positive whole number", "limits.")
        if value is not None:
            if isinstance(value, bool) or value <= 0:
                raise ConfigError(
                    f"Khóa 'limits.{key}' phải là số nguyên dương.",
                    f"Key 'limits.{key}' must be a positive whole number.",
                )
            numbers[key] = value
    isolate = _expect(data, "isolate", bool, "true hoặc false", "true or false", "limits.")
    limits = replace(ReadLimits(), **numbers)
    return limits if isolate is None else replace(limits, isolate=isolate)


def _parse_plan(value: Any, base: Path) -> tuple[Path | None, tuple[dict[str, Any], ...]]:
    if value is None:
        return None, ()
    if isinstance(value, str):
        return base / value, ()
    if not isinstance(value, dict):
        raise ConfigError(
            "Khóa 'plan' phải là đường dẫn tệp hoặc bảng [plan].",
            "Key 'plan' must be a file path or a [plan] table.",
        )
    file_value = _expect(value, "file", str, "đường dẫn tệp", "a file path", "plan.")
    rows = value.get("targets", [])
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        raise ConfigError(
            "Khóa 'plan.targets' phải là danh sách [[plan.targets]].",
            "Key 'plan.targets' must be a list of [[plan.targets]] tables.",
        )
    for number, row in enumerate(rows, start=1):
        for key in ("unit", "period", "target"):
            if key not in row:
                raise ConfigError(
                    f"[[plan.targets]] thứ {number} thiếu khóa '{key}'.",
                    f"[[plan.targets]] number {number} lacks key '{key}'.",
                )
    return (base / file_value if file_value else None), tuple(rows)


def _unit_aliases(value: Any) -> dict[str, str]:
    """``[aliases.units]``: a plan's name for a unit = the name the rosters give it
    ("CB thôn Bản Pình" = "Chi bộ thôn Bản Pình")."""
    units = value.get("units", {}) if isinstance(value, dict) else {}
    if not isinstance(units, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in units.items()
    ):
        raise ConfigError(
            'Khóa \'aliases.units\' phải là bảng: "tên trong chỉ tiêu" = "tên đơn vị".',
            'Key \'aliases.units\' must be a table: "name in the plan" = "unit name".',
        )
    return dict(units)


def _parse_aliases(value: Any) -> tuple[dict[str, list[str]], dict[str, dict[str, str]]]:
    if value is None:
        return {}, {}
    if not isinstance(value, dict):
        raise ConfigError(
            "Khóa 'aliases' phải là bảng [aliases].", "Key 'aliases' must be an [aliases] table."
        )
    headers = value.get("headers", {})
    if not isinstance(headers, dict):
        raise ConfigError(
            "Khóa 'aliases.headers' phải là bảng.", "Key 'aliases.headers' must be a table."
        )
    header_aliases: dict[str, list[str]] = {}
    for name in headers:
        if name not in schema.HEADER_ALIASES:
            raise ConfigError(
                f"'aliases.headers.{name}': trường lạ; chọn trong "
                f"{', '.join(schema.HEADER_ALIASES)}.",
                f"'aliases.headers.{name}': unknown field; use one of "
                f"{', '.join(schema.HEADER_ALIASES)}.",
            )
        header_aliases[name] = list(_string_list(headers, name, "aliases.headers."))
    values = value.get("values", {})
    value_aliases: dict[str, dict[str, str]] = {}
    for name, mapping in values.items():
        if name not in schema.VOCABULARY_FIELDS or not isinstance(mapping, dict):
            raise ConfigError(
                f"'aliases.values.{name}': phải là bảng cho một trong "
                f"{', '.join(schema.VOCABULARY_FIELDS)}.",
                f"'aliases.values.{name}' must be a table for one of "
                f"{', '.join(schema.VOCABULARY_FIELDS)}.",
            )
        codes = schema.load_vocabulary(name).codes
        for text, code in mapping.items():
            if code not in codes:
                raise ConfigError(
                    f"'aliases.values.{name}.\"{text}\"' = {code!r}: mã phải là một "
                    f"trong {', '.join(codes)}.",
                    f"'aliases.values.{name}.\"{text}\"' = {code!r}: the code must "
                    f"be one of {', '.join(codes)}.",
                )
        value_aliases[name] = dict(mapping)
    return header_aliases, value_aliases
