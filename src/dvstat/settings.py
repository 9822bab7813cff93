"""The settings of a run, as plain data: what a workspace's dvstat.toml says, or what a
library user passes (``dvstat.Settings(organization=…)``). Reading dvstat.toml is
``readers/config.py``'s job; nothing here touches a file."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class ReadLimits:
    """Limits checked before parsing; configurable in ``dvstat.toml`` [limits]."""

    max_file_mb: int = 512
    max_unzipped_mb: int = 4096
    max_ratio: int = 200  # uncompressed / compressed size of one entry
    # The native readers allocate a whole sheet's grid (rows x columns, 32 bytes a cell)
    # before reading a value: a 2 KB file naming cell XFD1048576 asks for 550 GB. 64 million
    # cells (2 GB) is 1.000.000 rows x 64 columns.
    max_grid_cells: int = 64_000_000
    # Native parsers run in a child process (``readers/isolation.py``) with these limits.
    isolate: bool = True
    max_parse_seconds: int = 600
    max_parse_mb: int = 4096

    @property
    def max_file_bytes(self) -> int:
        return self.max_file_mb * 1024 * 1024

    @property
    def max_unzipped_bytes(self) -> int:
        return self.max_unzipped_mb * 1024 * 1024


@dataclass(frozen=True)
class ReportHeading:
    """What a filed document says about who files it (dvstat.toml [report]): the party
    format's top-left block, the place of the date line, the signature block and the
    recipients. Absent parts print as dotted placeholders to fill in by hand."""

    parent: str | None = None  # the committee above ("ĐẢNG BỘ TỈNH LÀO CAI")
    issuer: str | None = None  # who issues it ("ĐẢNG ỦY XÃ TÂN LẬP")
    number: str | None = None  # số, ký hiệu ("15-BC/ĐU")
    place: str | None = None  # địa danh of the date line ("Tân Lập")
    on_behalf: str | None = None  # "T/M BAN THƯỜNG VỤ"
    signer_title: str | None = None  # "PHÓ BÍ THƯ"
    signer_name: str | None = None
    preparer: str | None = None  # người lập biểu, on the statistical forms
    recipients: tuple[str, ...] = ()  # Nơi nhận


@dataclass(frozen=True)
class Settings:
    """The workspace; defaults describe a bare run without any config."""

    path: Path | None = None
    organization: str | None = None
    lang: str | None = None
    rosters: tuple[str, ...] = ()
    plan_file: Path | None = None
    plan_rows: tuple[dict[str, Any], ...] = ()
    output_dir: Path = Path("bao-cao")
    file_pattern: str = "{period}-{name}"
    outputs: tuple[str, ...] = ()  # none named: the default set (see pipeline.report_outputs)
    templates: Path | None = None
    period: str | None = None
    header_aliases: dict[str, list[str]] = field(default_factory=dict)
    value_aliases: dict[str, dict[str, str]] = field(default_factory=dict)
    unit_aliases: dict[str, str] = field(default_factory=dict)  # plan name -> unit name
    # the permissions of written reports: 0600 (their owner only); 'output_mode = "0640"'
    # in dvstat.toml shares them with the owner's group (an office's shared folder)
    output_mode: int = 0o600
    limits: ReadLimits = field(default_factory=ReadLimits)
    cache_dir: Path | None = None  # None: no cache (the CLI turns it on: workspace_settings)
    term_years: int = 5  # a congress term: what a term is compared with
    cache: bool = True  # 'cache = false' in dvstat.toml: the CLI keeps no cache
    members: tuple[str, ...] = ()  # membership rosters (danh sách đảng viên): globs
    units_file: Path | None = None  # the unit register (don-vi.csv): code, name, type, parent
    small_branch: int = 5  # "chi bộ có dưới 5 đảng viên"
    candidates: tuple[str, ...] = ()  # candidate rosters (nguồn phát triển đảng viên): globs
    dossier_months: int = 6  # a dossier open longer than this is followed up
    # months each disciplinary measure delays a badge, over party_rules' defaults
    badge_delay_months: dict[str, int] = field(default_factory=dict)
    report: ReportHeading = field(default_factory=ReportHeading)
    jobs: int = 0  # files read at once ('jobs' in dvstat.toml, --jobs); 0: one per core

    @property
    def base(self) -> Path:
        return self.path.parent if self.path else Path.cwd()

    @property
    def has_plan(self) -> bool:
        return self.plan_file is not None or bool(self.plan_rows)
