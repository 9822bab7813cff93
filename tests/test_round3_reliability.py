"""Reliability, round 3: files LibreOffice writes, characters XML cannot hold."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

import dvstat
from conftest import make_csv, member

DATA = Path(__file__).parent / "data"


def test_a_real_libreoffice_ods_is_read() -> None:
    """`soffice --convert-to ods` of the bundled sample: its meta.xml says
    meta:cell-count="2626", which is no promise a reader allocates by (it was refused as
    forged). The figures are the sample's: 61 admitted in 2025, 27 women, 23 minority."""
    report = dvstat.summarize(
        str(DATA / "libreoffice-written.ods"), year=2025, as_of=date(2026, 11, 22)
    )
    assert report.rows.counted == 61
    assert report.stats.highlights["female"].count == 27
    assert report.stats.highlights["minority"].count == 23


def test_characters_xml_forbids_never_stop_an_output(tmp_path: Path) -> None:
    """Vertical tab, form feed, U+FFFE and U+FFFF in a name, a unit and the heading: every
    workbook and document is still written (they are removed, the breaks become spaces)."""
    rows = [
        member(name="Nguyễn\x0bVăn An", branch="Chi bộ\ufffe thôn 1"),
        member(name="Trần Thị\x0cBình", branch="Chi bộ thôn 2\uffff"),
    ]
    path = make_csv(tmp_path / "ds.csv", rows)
    settings = dvstat.Settings(
        report=dvstat.ReportHeading(issuer="Đảng ủy\x0bxã A", signer_name="Lê\ufffeVăn B")
    )
    report = dvstat.summarize(str(path), year=2025, as_of=date(2026, 11, 22), settings=settings)
    assert sorted(u.label for u in report.units) == ["Chi bộ thôn 1", "Chi bộ thôn 2"]
    for output in ("xlsx", "docx", "markdown"):
        data = dvstat.render(report, output, settings=settings)
        assert len(data) > 0
    from dvstat.text import strip_controls

    assert strip_controls("a\x0bb\x0cc\ufffe\uffffd\x01") == "a b cd"


def test_lock_files_plans_and_old_reports_among_the_rosters(tmp_path: Path) -> None:
    """A roster open in Excel leaves '~$…xlsx' beside it; a plan and last month's report
    dropped into the rosters' folder: passed over with what each is, the figures unchanged
    (the sample: 61 in 2025); named alone, a plan is an error saying what it is."""
    import shutil

    root = Path(__file__).parent.parent
    folder = tmp_path / "danh-sach"
    folder.mkdir()
    roster = folder / "dang-bo-xa-tan-lap.xlsx"
    shutil.copy(root / "sample_data" / "dang-bo-xa-tan-lap-2024-2026.xlsx", roster)
    (folder / "~$dang-bo-xa-tan-lap.xlsx").write_bytes(b"\x00lock")
    shutil.copy(root / "sample_data" / "chi-tieu-ket-nap.csv", folder / "chi-tieu.csv")
    summary = dvstat.summarize(str(roster), year=2025, as_of=date(2026, 11, 22))
    (folder / "bao-cao-thang-10.xlsx").write_bytes(dvstat.render(summary, "xlsx"))
    for spec in (str(folder), str(folder / "*.*")):
        report = dvstat.summarize(spec, year=2025, as_of=date(2026, 11, 22))
        assert report.rows.counted == 61
        found = sorted((i.issue.code, i.issue.file) for i in report.issues.items if i.issue.code in
                       ("lock-file-skipped", "not-a-roster"))  # fmt: skip
        assert found == [
            ("lock-file-skipped", "~$dang-bo-xa-tan-lap.xlsx"),
            ("not-a-roster", "bao-cao-thang-10.xlsx"),
            ("not-a-roster", "chi-tieu.csv"),
        ]
    with pytest.raises(dvstat.DvstatError, match="a plan file"):
        dvstat.read(str(folder / "chi-tieu.csv"))
    with pytest.raises(dvstat.DvstatError, match="a report dvstat wrote"):
        dvstat.read(str(folder / "bao-cao-thang-10.xlsx"))


@pytest.mark.parametrize(
    "lock",
    [
        '{"pid": 99999999999999999999, "host": "HOST"}',  # a pid no machine has
        '{"pid": 0, "host": "HOST"}',
        '{"pid": -1, "host": "HOST"}',
        '{"pid": 1, "host": "HOST"}',
        '{"pid": 4242, "host": "another-machine", "started": 0}',  # hours old
        "garbage",
        "",
    ],
)
def test_a_stale_or_unreadable_lock_is_taken_over(tmp_path: Path, lock: str) -> None:
    import socket

    from dvstat.writers.files import LOCK_NAME, RunLock

    (tmp_path / LOCK_NAME).write_text(lock.replace("HOST", socket.gethostname()), "utf-8")
    said: list[str] = []
    with RunLock(tmp_path, on_stale=said.append):
        pass
    assert len(said) == 1
    assert not (tmp_path / LOCK_NAME).exists()


def test_locks_that_are_links_folders_or_live(tmp_path: Path) -> None:
    import json
    import os
    import socket
    import time

    from dvstat.errors import OutputError
    from dvstat.writers.files import LOCK_NAME, RunLock

    (tmp_path / LOCK_NAME).symlink_to(tmp_path / "nowhere")  # a link to nowhere
    with RunLock(tmp_path):
        pass
    (tmp_path / LOCK_NAME).mkdir()  # a folder: a clear error, never a traceback
    with pytest.raises(OutputError, match="is a folder"):
        RunLock(tmp_path).__enter__()
    (tmp_path / LOCK_NAME).rmdir()
    live = {"pid": os.getpid(), "host": socket.gethostname(), "started": time.time()}
    (tmp_path / LOCK_NAME).write_text(json.dumps(live), "utf-8")  # this very process
    with pytest.raises(OutputError, match="Another run|Một lần chạy khác"):
        RunLock(tmp_path).__enter__()
    assert (tmp_path / LOCK_NAME).exists()  # a live lock is left alone


def test_reports_are_private_whatever_the_umask(tmp_path: Path) -> None:
    import os
    import stat

    from dvstat.writers.files import atomic_write, write_set

    old = os.umask(0o022)
    try:
        atomic_write(tmp_path / "new" / "bao-cao.xlsx", b"x")
        write_set(tmp_path / "shared", {"a.md": b"y"}, 0o640)
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new").stat().st_mode) == 0o700
    assert stat.S_IMODE((tmp_path / "new" / "bao-cao.xlsx").stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "shared").stat().st_mode) == 0o750
    assert stat.S_IMODE((tmp_path / "shared" / "a.md").stat().st_mode) == 0o640
    existing = tmp_path / "existing"
    existing.mkdir(mode=0o755)
    os.chmod(existing, 0o755)
    atomic_write(existing / "r.json", b"{}")
    assert stat.S_IMODE(existing.stat().st_mode) == 0o755  # never chmod'ed


@pytest.mark.parametrize(
    "pattern",
    ["{period.__class__}", "{name.upper}", "{period[0]}", "{0}", "{period}\x00", "{kinds}"],
)
def test_file_pattern_takes_only_its_fields(pattern: str) -> None:
    from dvstat.errors import ConfigError
    from dvstat.periods import year_period
    from dvstat.pipeline import output_name

    settings = dvstat.Settings(file_pattern=pattern)
    with pytest.raises(ConfigError, match="file_pattern"):
        output_name(settings, year_period(2025), "summary.md")
    fine = dvstat.Settings(file_pattern="{period}-{kind}-{name}")
    assert output_name(fine, year_period(2025), "summary.md") == "2025-summary-tong-hop.md"


def test_two_outputs_to_one_name_are_refused_before_writing(tmp_path: Path) -> None:
    from dvstat.errors import ConfigError
    from dvstat.periods import year_period
    from dvstat.pipeline import run_report

    roster = Path(__file__).parent.parent / "sample_data" / "dang-bo-xa-tan-lap-2024-2026.xlsx"
    settings = dvstat.Settings(
        rosters=(str(roster),),
        file_pattern="{period}",
        outputs=("summary.md", "summary.json"),
        output_dir=tmp_path / "out",
    )
    # summary.json and the manifest would both be '2025.json'
    with pytest.raises(ConfigError, match="2025.json"):
        run_report(settings, year_period(2025), date(2026, 11, 22), "vi")
    assert not (tmp_path / "out").exists()


def test_a_reversed_term_in_a_plan_is_an_error(tmp_path: Path) -> None:
    from dvstat.errors import PlanError
    from dvstat.readers.plans import read_plan

    plan = tmp_path / "chi-tieu.csv"
    plan.write_text("Đơn vị;Năm;Chỉ tiêu\nChi bộ 1;2025-2020;10\n", encoding="utf-8")
    with pytest.raises(PlanError, match="dòng 2.*ngược|row 2.*reversed"):
        read_plan(plan)


def test_a_huge_sheet_name_is_cut_in_every_message(tmp_path: Path) -> None:
    """A sheet named with 31 characters is Excel's limit, but a forged file may name one
    with half a million: messages quote 120 characters of it, whatever the number of rows."""
    from dvstat.messages import describe
    from dvstat.model import Issue

    name = "Chi bộ " + "x" * 500_000
    issue = Issue("missing-name", "error", "a.xlsx", name, 7, "Họ và tên",
                  detail={"unit": name})  # fmt: skip
    message = describe(issue, "vi")
    assert len(message) < 400
    assert ("Chi bộ " + "x" * 113 + "…") in message


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_a_file_name_that_is_not_utf8_is_read_and_shown_escaped(
    tmp_path: Path, suffix: str
) -> None:
    """A zip made on Windows leaves names in cp1258 bytes (b'ds-\\xd0\\xe0.xlsx'): the file is
    read (it was a UnicodeEncodeError traceback, or 'corrupt' from the native reader), and
    every output writes the name with the bytes escaped."""
    import json
    import os

    from conftest import make_xlsx

    folder = tmp_path / "in"
    folder.mkdir()
    name = os.fsdecode(b"ds-\xd0\xe0" + suffix.encode())
    rows = [member(name="Nguyễn Văn An"), member(name="Trần Thị Bình", gender="Nữ")]
    if suffix == ".csv":
        make_csv(folder / name, rows)
    else:
        make_xlsx(folder / name, {"Danh sách": rows})
    report = dvstat.summarize(str(folder), year=2025, as_of=date(2026, 11, 22))
    assert report.rows.counted == 2
    assert report.stats.highlights["female"].count == 1
    shown = "ds-\\xd0\\xe0" + suffix
    assert report.to_dict()["inputs"] == [shown]
    json.dumps(report.to_dict(), ensure_ascii=False).encode("utf-8")  # no lone surrogate
    for output in ("xlsx", "docx", "markdown"):
        assert len(dvstat.render(report, output)) > 0
    bad = [member(name="")]
    make_csv(folder / os.fsdecode(b"x-\xff.csv"), bad)
    checked = dvstat.validate(str(folder), as_of=date(2026, 11, 22))
    files = {i["file"] for i in checked.to_dict()["issues"]["items"] if i["severity"] == "error"}
    assert files == {"x-\\xff.csv"}
    assert "x-\\\\xff.csv" in json.dumps(checked.to_dict())


def test_readable_escapes_only_undecodable_bytes() -> None:
    from dvstat.text import readable, shown_file

    assert readable("Danh sách Đồng Tâm.xlsx") == "Danh sách Đồng Tâm.xlsx"
    assert readable("a\udcffb\udc80") == "a\\xffb\\x80"
    assert readable("a\ud800") == "a\\ud800"
    assert shown_file("/x/y/ds-\udcd0.csv") == "ds-\\xd0.csv"


_KILLED_RUN = """
import os, sys, time
from pathlib import Path
from dvstat.isolation import run_in_child
from dvstat.errors import DvstatError

def work(folder: Path) -> None:
    Path(sys.argv[1]).write_text(f"{os.getpid()} {folder}")
    time.sleep(60)

run_in_child(work, lambda folder: None, seconds=120, megabytes=512,
             on_timeout=lambda: DvstatError("t", "t"), on_crash=lambda r: DvstatError(r, r))
"""

_NEXT_RUN = """
from dvstat.isolation import run_in_child
from dvstat.errors import DvstatError
run_in_child(lambda folder: None, lambda folder: None, seconds=10, megabytes=512,
             on_timeout=lambda: DvstatError("t", "t"), on_crash=lambda r: DvstatError(r, r))
"""


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="Linux /proc")
def test_a_killed_run_leaves_no_child_and_its_folder_is_swept(tmp_path: Path) -> None:
    """kill -9 of dvstat while a template renders or a file parses: the child dies with it
    (it kept running under init at 90 % CPU), and the next run removes the result folder
    the killed one left in shared memory."""
    import signal
    import subprocess
    import sys
    import time

    said = tmp_path / "child.txt"
    run = subprocess.Popen([sys.executable, "-c", _KILLED_RUN, str(said)])
    deadline = time.monotonic() + 30
    while not (said.exists() and said.read_text()) and time.monotonic() < deadline:
        time.sleep(0.05)
    child, folder = said.read_text().split(" ", 1)
    assert Path(folder).is_dir()
    run.send_signal(signal.SIGKILL)
    run.wait()
    deadline = time.monotonic() + 5
    while _running(int(child)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _running(int(child))
    # left behind by the killed run (unless another dvstat on this machine swept it already)
    subprocess.run([sys.executable, "-c", _NEXT_RUN], check=True)
    assert not Path(folder).exists()


def test_a_lone_surrogate_in_a_word_template_is_an_error(tmp_path: Path) -> None:
    """'{{ "\\ud800" }}' in a run of a user's Word template cut the document after that run
    (exit 0, a report missing everything below): it is an error naming the paragraph."""
    import re
    import zipfile

    from dvstat.errors import TemplateError
    from dvstat.writers.templating import default_template_dir

    with zipfile.ZipFile(default_template_dir() / "bao-cao.docx") as original:
        parts = {n: original.read(n) for n in original.namelist()}
    xml = parts["word/document.xml"].decode()
    body = xml.index("<w:body")
    run = re.compile(r"<w:t(?: [^>]*)?>").search(xml, body)
    assert run is not None
    parts["word/document.xml"] = (
        xml[: run.end()] + "A{{ '\\ud800' }}B" + xml[run.end() :]
    ).encode()
    folder = tmp_path / "mau"
    folder.mkdir()
    with zipfile.ZipFile(folder / "bao-cao.docx", "w") as changed:
        for name, data in parts.items():
            changed.writestr(name, data)
    (folder / "summary.vi.md.j2").write_text("x{{ '\\udc80' }}y\n", encoding="utf-8")
    path = make_csv(tmp_path / "ds.csv", [member()])
    report = dvstat.summarize(str(path), year=2025, as_of=date(2026, 11, 22))
    settings = dvstat.Settings(templates=folder)
    for output, where in (("docx", "paragraph 1"), ("markdown", "summary.vi.md.j2")):
        with pytest.raises(TemplateError) as raised:
            dvstat.render(report, output, settings=settings)
        assert "surrogate" in raised.value.en
        assert where in raised.value.en


def _thirty(tmp_path: Path) -> Path:
    rows = [member(name=f"Người Thứ {i}", birth=f"{i + 1:02d}/01/1995") for i in range(28)]
    return make_csv(tmp_path / "ds.csv", rows)


def _counted(roster: Path, cache: Path) -> int:
    settings = dvstat.Settings(cache_dir=cache)
    report = dvstat.summarize(str(roster), year=2025, as_of=date(2026, 11, 22), settings=settings)
    return report.rows.counted


def test_a_cache_folder_linked_elsewhere_is_not_used_or_chmoded(tmp_path: Path) -> None:
    """Another user links shared/.dvstat-cache to a folder (theirs or the victim's): dvstat
    chmod'ed the target and wrote personal data into it. A link is not followed."""
    import os
    import stat

    target = tmp_path / "their-folder"
    target.mkdir(mode=0o755)
    os.chmod(target, 0o755)
    link = tmp_path / "shared-cache"
    link.symlink_to(target)
    assert _counted(_thirty(tmp_path), link) == 28
    assert list(target.iterdir()) == []
    assert stat.S_IMODE(target.stat().st_mode) == 0o755


def test_an_entry_not_signed_with_the_users_secret_is_a_miss(tmp_path: Path) -> None:
    """A forged entry (its rows changed, its SHA-256 recomputed, as anyone can) was served
    (90 members instead of 30, exit 0). Entries are signed with a secret in the user's own
    config folder: a forged one (10 rows of the 28 here) is a miss and the figures are the
    file's."""
    import hashlib
    import hmac
    import io
    import json

    import pandas as pd

    roster = _thirty(tmp_path)
    cache = tmp_path / "c"
    assert _counted(roster, cache) == 28
    (entry,) = cache.glob("norm-*.parquet")
    meta_file = entry.with_suffix(".json")
    meta = json.loads(meta_file.read_text("utf-8"))
    frame = pd.read_parquet(entry)
    buffer = io.BytesIO()
    frame.iloc[:10].to_parquet(buffer, index=False)
    entry.write_bytes(buffer.getvalue())
    meta.pop("meta_hmac")
    meta["parquet_sha256"] = hashlib.sha256(buffer.getvalue()).hexdigest()
    for secret in (b"not the user's secret".ljust(32), b""):
        text = json.dumps(meta, ensure_ascii=False, sort_keys=True).encode("utf-8")
        forged = {**meta, "meta_hmac": hmac.new(secret, text, hashlib.sha256).hexdigest()}
        meta_file.write_text(json.dumps(forged), encoding="utf-8")
        assert _counted(roster, cache) == 28
        meta_file.write_text(json.dumps(forged), encoding="utf-8")  # the run rewrote it


def test_a_secret_others_can_read_turns_the_cache_off(tmp_path: Path) -> None:
    import os

    from dvstat.readers.cache import RosterCache, secret_path

    notes: list[str] = []
    assert RosterCache(tmp_path / "c", notes.append).usable()
    secret = secret_path()
    assert secret.is_relative_to(tmp_path / ".config")
    assert secret.stat().st_mode & 0o777 == 0o600
    os.chmod(secret, 0o644)
    assert not RosterCache(tmp_path / "c", notes.append).usable()
    assert "not private" in notes[-1]
    os.chmod(secret, 0o600)
    secret.write_bytes(b"short")
    assert not RosterCache(tmp_path / "c", notes.append).usable()


def test_a_folder_swapped_after_opening_is_not_followed(tmp_path: Path) -> None:
    """The folder is opened once: renaming it and putting a link in its place between two
    writes hands nothing to the link's target."""
    import pandas as pd

    from dvstat.readers.cache import RosterCache

    cache = tmp_path / "c"
    store = RosterCache(cache)
    assert store.usable()
    cache.rename(tmp_path / "moved")
    elsewhere = tmp_path / "attacker"
    elsewhere.mkdir()
    cache.symlink_to(elsewhere)
    store.store("0" * 64, pd.DataFrame({"a": ["x"]}), [], [])
    assert list(elsewhere.iterdir()) == []
    assert {p.name for p in (tmp_path / "moved").iterdir()} == {"0" * 64 + ".parquet",
                                                              "0" * 64 + ".json"}  # fmt: skip
    assert store.load("0" * 64) is not None


@pytest.mark.parametrize(
    "folder",
    [
        "/etc/cron.d",
        "/etc/ssh",
        "/var/tmp",
        "/usr/local/bin",
        "/boot/grub",
        "/dev/shm",
        "/sys/kernel",
        "~/.ssh",
        "~/.local/bin",
        "../elsewhere-not-made",
    ],
)
@pytest.mark.parametrize("key", ["output_dir", "cache_dir"])
def test_system_and_private_folders_are_refused_in_the_config(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, folder: str, key: str
) -> None:
    from dvstat.errors import ConfigError
    from dvstat.readers.config import load_settings

    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    (tmp_path / "home" / ".ssh").mkdir(parents=True)
    workspace = tmp_path / "ws"
    workspace.mkdir()
    config = workspace / "dvstat.toml"
    config.write_text(f'{key} = "{folder}"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        load_settings(config)
    assert key in raised.value.en and raised.value.en.count("\n") == 0


def test_shared_or_linked_folders_are_refused_and_never_chmoded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A root-owned 1777 folder lost its sticky bit to a chmod 0700. A shared folder
    (world-writable, sticky) is refused untouched; a workspace's output folder linked to
    /etc is /etc; an existing folder of the user's own outside the workspace is used."""
    import os
    import stat

    from dvstat.errors import ConfigError
    from dvstat.readers.config import load_settings

    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    workspace = tmp_path / "ws"
    workspace.mkdir()
    config = workspace / "dvstat.toml"
    shared = tmp_path / "chung"
    shared.mkdir()
    os.chmod(shared, 0o1777)
    (workspace / "bao-cao").symlink_to("/etc")
    for value in (str(shared), "bao-cao"):
        config.write_text(f'output_dir = "{value}"\n', encoding="utf-8")
        with pytest.raises(ConfigError):
            load_settings(config)
    assert stat.S_IMODE(shared.stat().st_mode) == 0o1777
    own = tmp_path / "rieng"
    own.mkdir(mode=0o750)
    config.write_text(f'output_dir = "{own}"\ncache_dir = "bo-nho/moi"\n', encoding="utf-8")
    settings = load_settings(config)
    assert settings.output_dir == own
    assert settings.cache_dir == workspace / "bo-nho" / "moi"


def test_a_sheet_wider_than_256_columns_is_cut_with_a_warning(tmp_path: Path) -> None:
    """10 sheets each holding one row of 16.000 cells took 224 s in the parent's row
    classification. Columns beyond the 256th are not read (a warning counts those with
    data); the roster to their left counts as usual."""
    from openpyxl import Workbook

    from conftest import HEADER

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Danh sách"
    sheet.append([*HEADER, *([None] * (300 - len(HEADER))), "rác", None, "rác"])
    for number, row in enumerate([member(), member(name="Lê Thị Hoa", gender="Nữ")], 1):
        sheet.append([number, *row[1:]])
    junk = workbook.create_sheet("Rộng")
    junk.append([f"v{i}" for i in range(3000)])
    path = tmp_path / "rong.xlsx"
    workbook.save(path)
    report = dvstat.summarize(str(path), year=2025, as_of=date(2026, 11, 22))
    assert report.rows.counted == 2
    assert report.stats.highlights["female"].count == 1
    checked = dvstat.validate(str(path), as_of=date(2026, 11, 22)).to_dict()
    cut = {
        i["sheet"]: i["message"] for i in checked["issues"]["items"] if i["code"] == "columns-cut"
    }
    assert set(cut) == {"Danh sách", "Rộng"}
    assert "2 cột sau cột thứ 256" in cut["Danh sách"]  # 'rác' twice, beyond column 256
    assert "2744 cột" in cut["Rộng"]  # 3000 - 256
    wide = [*HEADER, *([""] * (300 - len(HEADER))), "rác"]
    rows = [[*member(), *([""] * (300 - len(HEADER))), "x"]]
    csv = dvstat.validate(str(make_csv(tmp_path / "rong.csv", rows, wide)), as_of=date(2026, 1, 1))
    assert [i["code"] for i in csv.to_dict()["issues"]["items"]].count("columns-cut") == 1


def test_a_csv_is_parsed_under_the_same_limits_as_a_workbook(tmp_path: Path) -> None:
    """A 50 MB CSV used 951 MB in dvstat itself with max_parse_mb = 100: CSV is parsed in
    the bounded child, so a file beyond the limit is one clean error naming it; a 4 MB
    cell above the header is cut before the header search folds it (a 20 MB one took
    29,5 s), and the roster below counts."""
    from dataclasses import replace

    from dvstat.errors import RosterReadError
    from dvstat.settings import ReadLimits

    rows = [member(name=f"Người {i}", birth="01/02/1995") for i in range(3)]
    path = make_csv(tmp_path / "ds.csv", rows)
    text = path.read_text("utf-8")
    path.write_text("Tiêu đề " + "x" * 4_000_000 + "\n" + text, encoding="utf-8")
    report = dvstat.summarize(str(path), year=2025, as_of=date(2026, 11, 22))
    assert report.rows.counted == 3
    big = tmp_path / "lon.csv"
    big.write_text(text + ("1,Ai Đó,01/02/1995,Nam,Kinh,Không,12/12,15/03/2025,C\n" * 600_000))
    tight = dvstat.Settings(limits=replace(ReadLimits(), max_parse_mb=1))
    with pytest.raises(RosterReadError) as raised:
        dvstat.summarize(str(big), year=2025, as_of=date(2026, 11, 22), settings=tight)
    assert "lon.csv" in raised.value.en and "max_parse_mb" in raised.value.en


def test_a_set_killed_between_two_renames_is_finished_by_the_next_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A kill between two renames left a new summary beside last month's tables. The set
    is written under a journal; the next run (holding the lock) puts the rest in place."""
    import json
    import os

    from dvstat.writers import files

    folder = tmp_path / "bao-cao"
    files.write_set(folder, {"a.md": b"old a", "b.xlsx": b"old b", "manifest.json": b"old"})
    real = os.replace
    renames: list[str] = []

    def killed(source: object, target: object, **kwargs: object) -> None:
        renames.append(str(target))
        if len(renames) == 3:  # the journal, a.md, then killed before b.xlsx
            raise KeyboardInterrupt
        real(source, target, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(files.os, "replace", killed)
    with pytest.raises(KeyboardInterrupt):
        files.write_set(folder, {"a.md": b"new a", "b.xlsx": b"new b", "manifest.json": b"new"})
    monkeypatch.setattr(files.os, "replace", real)
    assert (folder / "a.md").read_bytes() == b"new a"
    assert (folder / "b.xlsx").read_bytes() == b"old b"  # the mixed set the kill left
    assert files.finish_pending_set(folder) == 2
    contents = {p.name: p.read_bytes() for p in folder.iterdir()}
    assert contents == {"a.md": b"new a", "b.xlsx": b"new b", "manifest.json": b"new"}
    # a journal naming anything but dvstat's temporaries in this folder moves nothing
    outside = tmp_path / "x.md"
    outside.write_bytes(b"keep")
    journal = [["../x.md", "a.md"], [".a.md.dvstat-1-0000abcd.tmp", "../y.md"], ["a.md", "c"]]
    (folder / files.JOURNAL).write_text(json.dumps(journal), encoding="utf-8")
    assert files.finish_pending_set(folder) == 0
    assert outside.read_bytes() == b"keep" and (folder / "a.md").read_bytes() == b"new a"
    assert not (folder / files.JOURNAL).exists()


def test_a_forged_sheet_name_is_cut_where_it_is_read(tmp_path: Path) -> None:
    """A 56 KB workbook whose sheet is named with 500.000 characters and whose 2.000 rows
    lack a name took 60 s, 15 GB and wrote 2 GB of JSON: the name went uncut into the sheet
    field of every issue. It is cut when the sheet is read (120 characters and '…')."""
    import json
    import zipfile

    from conftest import make_xlsx

    plain = make_xlsx(tmp_path / "a.xlsx", {"S": [member(name="") for _ in range(200)]})
    forged = tmp_path / "forged.xlsx"
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(forged, "w") as target:
        for name in source.namelist():
            data = source.read(name)
            if name == "xl/workbook.xml":
                data = data.replace(b'name="S"', b'name="' + b"A" * 500_000 + b'"')
            target.writestr(name, data)
    checked = dvstat.validate(str(forged), as_of=date(2026, 11, 22)).to_dict()
    sheets = {i["sheet"] for i in checked["issues"]["items"]}
    assert sheets == {"A" * 120 + "…"}
    assert checked["rows"]["rejected"] == 200
    assert len(json.dumps(checked)) < 200_000  # 200 issues, not 200 × 500.000 characters
