"""Lines for people on stderr: one language per run, values shown safely, timestamps for logs.

Every value that comes from a file or a path (a file name, a cell, a branch) may hold rich
markup (``[/x]``), ANSI escapes or a newline that would forge a second log line: ``safe``
shows control characters visibly (``console.show`` also escapes rich's brackets). When
stderr is not a terminal (cron), every line starts with a timestamp.
"""

from __future__ import annotations

import re
import sys
from datetime import datetime
from typing import TextIO

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]|\n")


def safe(text: object) -> str:
    """Text with every control character shown as an escape (a newline as ``\\n``): a file
    name or cell can never start a new log line or move the cursor."""
    return _CONTROL.sub(lambda m: m[0].encode("unicode_escape").decode("ascii"), str(text))


def stamp(stream: TextIO | None = None) -> str:
    """'2026-11-23 06:05:00 ' when the stream is not a terminal (a log file), else ''."""
    target = stream or sys.stderr
    try:
        if target.isatty():
            return ""
    except (AttributeError, ValueError):
        pass
    return datetime.now().strftime("%Y-%m-%d %H:%M:%S ")


def say(text: str, *, error: bool = False, lang: str = "vi") -> None:
    """One line on stderr: timestamped when logged, red 'Lỗi:'/'Error:' for an error.
    ``text`` must already be safe (``safe``) where it quotes values."""
    stream = sys.stderr
    if error:
        word = "Lỗi:" if lang == "vi" else "Error:"
        colored = stream.isatty() if hasattr(stream, "isatty") else False
        word = f"\x1b[1;31m{word}\x1b[0m" if colored else word
        text = f"{word} {text}"
    stream.write(f"{stamp(stream)}{text}\n")
    stream.flush()


# Click's own usage messages, in Vietnamese for a Vietnamese run (pattern -> template).
_USAGE_VI: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.DOTALL), template)
    for pattern, template in (
        (
            r"^No such option: (\S+?)(?: \(Possible options: (.+)\)| Did you mean (\S+?)\?)?$",
            "không có tùy chọn {0}{1}",
        ),
        (r"^No such command '(.+)'\.$", "không có lệnh '{0}'"),
        (r"^Missing argument '(.+)'\.$", "thiếu đối số '{0}'"),
        (r"^Missing option '(.+)'\.$", "thiếu tùy chọn '{0}'"),
        (r"^Option '(.+)' requires an argument\.$", "tùy chọn '{0}' cần một giá trị"),
        (r"^Got unexpected extra arguments? \((.+)\)$", "thừa đối số: {0}"),
        (
            r"^Invalid value for '(.+?)': '(.+)' is not a valid int(?:eger)?\.$",
            "giá trị '{1}' của '{0}' không phải số nguyên",
        ),
        (
            r"^Invalid value for '(.+?)': '(.+)' does not match the formats? .*$",
            "giá trị '{1}' của '{0}' phải có dạng YYYY-MM-DD",
        ),
        (
            r"^Invalid value for '(.+?)': '(.+)' is not one of (.+)\.$",
            "giá trị '{1}' của '{0}' phải là một trong {2}",
        ),
        (
            r"^Invalid value for '(.+?)': (.+) is not in the range (.+)\.$",
            "giá trị {1} của '{0}' phải trong khoảng {2}",
        ),
        (r"^Invalid value for '(.+?)': (.+)$", "giá trị không hợp lệ cho '{0}': {1}"),
        (r"^Invalid value: (.+)$", "{0}"),
    )
)


def usage_message(message: str, lang: str) -> str:
    """A usage error of Click in the run's language (English passes through)."""
    text = " ".join(message.split())
    if lang != "vi":
        return text.removeprefix("Invalid value: ")
    for pattern, template in _USAGE_VI:
        if m := pattern.match(text):
            groups = [g or "" for g in m.groups()]
            if pattern.pattern.startswith("^No such option"):
                hint = groups[1] or groups[2]
                groups[1] = f" (có phải: {hint}?)" if hint else ""
            return template.format(*groups)
    return text
