"""The Jinja sandbox every report template runs in, with the number filters of SPEC §7.2.

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

from dvstat.errors import TemplateError
from dvstat.formatting import format_date, format_decimal, format_int, format_percent


def default_template_dir() -> Path:
    """The templates shipped in the package (``templates/`` in the source tree)."""
    packaged = resources.files("dvstat").joinpath("templates")
    path = Path(str(packaged))
    if path.is_dir():
        return path
    return Path(__file__).resolve().parents[3] / "templates"


def make_environment(lang: str, user_dir: Path | None = None) -> jinja2.Environment:
    """A sandboxed environment searching the user's folder first, then the defaults."""
    folders = [str(p) for p in (user_dir, default_template_dir()) if p is not None]
    env = ImmutableSandboxedEnvironment(
        loader=jinja2.FileSystemLoader(folders),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(number_filters(lang))
    return env


def number_filters(lang: str) -> dict[str, Callable[..., str]]:
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
        count, percent, unknown = (int(value["count"]), float(value["percent"]),
                                   int(value.get("unknown", 0)))
        if lang == "vi":
            if unknown and not count:
                return f"không rõ ({vn(unknown)} đồng chí chưa có thông tin)"
            text = f"{vn(count)} đồng chí, chiếm {pct(percent)}"
            return text + (f" (không rõ: {vn(unknown)})" if unknown else "")
        if unknown and not count:
            return f"unknown ({vn(unknown)} without the information)"
        text = f"{vn(count)} ({pct(percent)})"
        return text + (f" (unknown: {vn(unknown)})" if unknown else "")

    return {"vn": vn, "pct": pct, "dec": dec, "ngay": ngay, "cap1": cap1, "share": share}


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
            f"Template '{name}'{where}: blocked by the sandbox ({exc}).") from None
    except jinja2.TemplateError as exc:
        line = _template_line(exc, name)
        at_vi = f", dòng {line}" if line else ""
        at_en = f", line {line}" if line else ""
        message = getattr(exc, "message", None) or str(exc)
        raise TemplateError(f"Mẫu '{name}'{where}{at_vi}: {message}",
                            f"Template '{name}'{where}{at_en}: {message}") from None
    except (TypeError, ValueError, ArithmeticError, AttributeError) as exc:
        line = _template_line(exc, name)
        at_vi = f", dòng {line}" if line else ""
        at_en = f", line {line}" if line else ""
        raise TemplateError(f"Mẫu '{name}'{where}{at_vi}: {exc}",
                            f"Template '{name}'{where}{at_en}: {exc}") from None


def render_text(env: jinja2.Environment, name: str, context: dict[str, Any]) -> str:
    """Render a named text template (Markdown) to a string."""
    with template_errors(name):
        try:
            template = env.get_template(name)
        except jinja2.TemplateNotFound:
            raise TemplateError(f"Không tìm thấy mẫu '{name}'.",
                                f"Template '{name}' not found.") from None
        return template.render(context)
