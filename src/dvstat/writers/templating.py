"""The Jinja sandbox every report template runs in, with the number filters of docs/templates.md.

User templates are untrusted: they run in ``ImmutableSandboxedEnvironment`` (no attribute
access to ``__class__``/``__globals__``, no mutation), undefined names raise, and every
template failure becomes one TemplateError naming the template and its line.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment

from dvstat.errors import DvstatError, TemplateError
from dvstat.formatting import format_date, format_decimal, format_int, format_percent
from dvstat.isolation import CAN_FORK, run_in_child


def default_template_dir() -> Path:
    """The templates shipped in the package (``templates/`` in the source tree)."""
    packaged = resources.files("dvstat").joinpath("templates")
    path = Path(str(packaged))
    if path.is_dir():
        return path
    return Path(__file__).resolve().parents[3] / "templates"


# A render is bounded like a parse: a user template runs in a child process (see
# ``dvstat.isolation``) with these limits, so a nested loop or a 4 GB string ends as one
# error naming the template.
RENDER_SECONDS = 120
RENDER_MB = 1024
OUTPUT_BYTES = 64 * 2**20
_MAX_SEQUENCE = 1_000_000  # the longest string or list a template may build with * or **


class _ContainedLoader(jinja2.FileSystemLoader):
    """Templates from the search folders only: a link leading out of its folder
    ({% include 'leak.txt' %} -> /etc/passwd) is refused."""

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        source, filename, uptodate = super().get_source(environment, template)
        real = Path(filename).resolve()
        if not any(real.is_relative_to(Path(folder).resolve()) for folder in self.searchpath):
            raise TemplateError(
                f"Mẫu '{template}' là liên kết ra ngoài thư mục mẫu; từ chối.",
                f"Template '{template}' links outside the templates folder; refused.",
            )
        return source, filename, uptodate


class _BoundedSandbox(ImmutableSandboxedEnvironment):
    """The sandbox, with * and ** refusing to build a string or list over a million items
    or a number beyond reason (the sandbox's own 'range' stops at 100.000 items)."""

    intercepted_binops = frozenset({"*", "**"})

    def call_binop(
        self, context: jinja2.runtime.Context, operator: str, left: Any, right: Any
    ) -> Any:
        if operator == "*":
            for sequence, times in ((left, right), (right, left)):
                if (
                    isinstance(sequence, str | list | tuple)
                    and isinstance(times, int)
                    and (len(sequence) * times > _MAX_SEQUENCE)
                ):
                    raise jinja2.exceptions.SecurityError(
                        f"'*' would build {len(sequence) * times:,} items"
                    )
        if operator == "**" and isinstance(right, int | float) and abs(right) > 1000:
            raise jinja2.exceptions.SecurityError("'**' with an exponent over 1000")
        return super().call_binop(context, operator, left, right)


_MARKDOWN_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]|<>#"})


def markdown_text(value: Any) -> Any:
    """What a template prints into Markdown, escaped: data (a branch named 'Chi bộ | pipe
    <script>…') can neither add a table cell nor bring HTML, images or links. Only values
    are escaped, never the template's own text."""
    if isinstance(value, str):
        return value.translate(_MARKDOWN_SPECIAL).replace("\n", " ")
    return value


def _whole_characters(value: Any) -> Any:
    """A printed value holding a lone surrogate ('\\ud800' in a template) is an error: no
    document can hold it, and Word's writer silently cut the document after it."""
    if isinstance(value, str) and any("\ud800" <= ch <= "\udfff" for ch in value):
        raise ValueError("a lone surrogate character (U+D800–U+DFFF) cannot be written")
    return value


def _printed_markdown(value: Any) -> Any:
    return markdown_text(_whole_characters(value))


def make_environment(
    lang: str, user_dir: Path | None = None, markdown: bool = False
) -> jinja2.Environment:
    """A sandboxed environment searching the user's folder first, then the defaults;
    ``markdown`` escapes every printed value for Markdown."""
    folders = [str(p) for p in (user_dir, default_template_dir()) if p is not None]
    env = _BoundedSandbox(
        loader=_ContainedLoader(folders),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=_printed_markdown if markdown else _whole_characters,
    )
    for name in ("lipsum", "cycler", "joiner"):  # nothing a report needs; lipsum loops
        env.globals.pop(name, None)
    env.filters.update(number_filters(lang))
    return env


def render_bounded(name: str, render: Callable[[], bytes]) -> bytes:
    """``render()`` in a child process with a time, memory and output limit: a runaway
    template is one TemplateError naming it."""
    if not CAN_FORK:
        return _checked_size(name, render())

    def work(folder: Path) -> None:
        (folder / "out.bin").write_bytes(_checked_size(name, render()))

    def timeout() -> DvstatError:
        return TemplateError(
            f"Mẫu '{name}' chạy quá {RENDER_SECONDS} giây; dừng lại.",
            f"Template '{name}' ran over {RENDER_SECONDS} s; stopped.",
        )

    def crash(reason: str) -> DvstatError:
        if reason.startswith("SIG") or "MemoryError" in reason or "memory" in reason.lower():
            return TemplateError(
                f"Mẫu '{name}' bị dừng ({reason}): có thể dùng quá nhiều bộ nhớ.",
                f"Template '{name}' was stopped ({reason}): it may use too much memory.",
            )
        return TemplateError(
            f"Mẫu '{name}' không dựng được báo cáo: {reason}.",
            f"Template '{name}' could not make the report: {reason}.",
        )

    return run_in_child(
        work,
        lambda folder: (folder / "out.bin").read_bytes(),
        seconds=RENDER_SECONDS,
        megabytes=RENDER_MB,
        on_timeout=timeout,
        on_crash=crash,
    )


def _checked_size(name: str, data: bytes) -> bytes:
    if len(data) > OUTPUT_BYTES:
        raise TemplateError(
            f"Mẫu '{name}' tạo ra hơn {OUTPUT_BYTES // 2**20} MB; dừng lại.",
            f"Template '{name}' produced over {OUTPUT_BYTES // 2**20} MB; stopped.",
        )
    return data


# Complex by design: a factory: the count adds up its small nested filters.
def number_filters(lang: str) -> dict[str, Callable[..., str]]:  # noqa: C901
    """``vn`` 1.481 · ``pct`` 48,14% · ``dec`` 32,4 · ``ngay`` 20/11/2025 (English in en);
    ``cap1`` upper-cases the first letter only ('quý III/2023' -> 'Quý III/2023')."""

    def vn(value: Any) -> str:
        return format_int(None if value is None else int(value), lang)

    def pct(value: Any, digits: int = 2) -> str:
        return format_percent(None if value is None else float(value), lang, digits)

    def dec(value: Any, digits: int = 1) -> str:
        return format_decimal(None if value is None else float(value), lang, digits)

    def ngay(value: Any) -> str:
        if isinstance(value, str):
            value = date.fromisoformat(value)
        return format_date(value, lang)

    def cap1(value: Any) -> str:
        text = str(value)
        return text[:1].upper() + text[1:]

    def share(value: Any) -> str:
        """A highlight as a sentence part: '27 đồng chí, chiếm 44,26%', with '(không rõ: 3)'
        where some are unknown, and 'không rõ (31 đồng chí)' where nobody is known."""
        count, percent, unknown = (
            int(value["count"]),
            float(value["percent"]),
            int(value.get("unknown", 0)),
        )
        if lang == "vi":
            if unknown and not count:
                return f"không rõ ({vn(unknown)} đồng chí chưa có thông tin)"
            text = f"{vn(count)} đồng chí, chiếm {pct(percent)}"
            return text + (f" (không rõ: {vn(unknown)})" if unknown else "")
        if unknown and not count:
            return f"unknown ({vn(unknown)} without the information)"
        text = f"{vn(count)} ({pct(percent)})"
        return text + (f" (unknown: {vn(unknown)})" if unknown else "")

    def bar(value: Any, top: float = 100.0, width: int = 20) -> str:
        """A bar drawn in text ('████▌'), ``width`` characters for ``top``: a chart that
        needs no picture and reads the same in Markdown, Word and a terminal."""
        if value is None or top <= 0:
            return ""
        eighths = round(min(max(float(value), 0.0), float(top)) / top * width * 8)
        return "█" * (eighths // 8) + ("", "▏", "▎", "▍", "▌", "▋", "▊", "▉")[eighths % 8]

    return {
        "vn": vn,
        "pct": pct,
        "dec": dec,
        "ngay": ngay,
        "cap1": cap1,
        "share": share,
        "bar": bar,
    }


def _template_line(exc: BaseException, name: str) -> int | None:
    lineno = getattr(exc, "lineno", None)
    if isinstance(lineno, int):
        return lineno
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename.endswith(name) or frame.filename == "<template>":
            return frame.lineno
    return None


@contextmanager
def template_errors(name: str, where: str = "") -> Iterator[None]:
    """Any Jinja failure -> TemplateError('template X, line N: ...')."""
    try:
        yield
    except jinja2.exceptions.SecurityError as exc:
        raise TemplateError(
            f"Mẫu '{name}'{where}: thao tác bị chặn vì lý do an toàn ({exc}).",
            f"Template '{name}'{where}: blocked by the sandbox ({exc}).",
        ) from None
    except jinja2.TemplateError as exc:
        line = _template_line(exc, name)
        at_vi = f", dòng {line}" if line else ""
        at_en = f", line {line}" if line else ""
        message = getattr(exc, "message", None) or str(exc)
        raise TemplateError(
            f"Mẫu '{name}'{where}{at_vi}: {message}", f"Template '{name}'{where}{at_en}: {message}"
        ) from None
    except (TypeError, ValueError, ArithmeticError, AttributeError) as exc:
        line = _template_line(exc, name)
        at_vi = f", dòng {line}" if line else ""
        at_en = f", line {line}" if line else ""
        raise TemplateError(
            f"Mẫu '{name}'{where}{at_vi}: {exc}", f"Template '{name}'{where}{at_en}: {exc}"
        ) from None


def render_text(env: jinja2.Environment, name: str, context: dict[str, Any]) -> str:
    """Render a named text template (Markdown) to a string."""
    with template_errors(name):
        try:
            template = env.get_template(name)
        except jinja2.TemplateNotFound:
            raise TemplateError(
                f"Không tìm thấy mẫu '{name}'.", f"Template '{name}' not found."
            ) from None
        return template.render(context)
