"""Word reports (.docx) rendered by docxtpl from the templates in ``templates/``.

A .docx template is Jinja inside the document's XML: ``{{ total | vn }}`` in a run,
``{%tr for u in units %}`` in a table row, ``{%p if quota %}`` in a paragraph. It renders in
the same sandbox as the Markdown and Excel templates (bounded in a child, values escaped
for XML), and a failure names the template and the paragraph it is in.
"""

from __future__ import annotations

import io
import re
import traceback
from pathlib import Path
from typing import Any

import jinja2

from dvstat.errors import TemplateError
from dvstat.writers.templating import make_environment, render_bounded, template_errors
from dvstat.writers.workbook import stable_zip

_TAG = re.compile(r"<[^>]+>")
_PARAGRAPH_START = re.compile(r"<w:p([ >])")


def render_document(template: Path, context: dict[str, Any], lang: str) -> bytes:
    """The rendered document's bytes (the same context gives the same bytes)."""
    from docxtpl import DocxTemplate  # here, not in the child: imported once per run

    name = template.name

    def render() -> bytes:
        try:
            document = DocxTemplate(str(template))
            document.init_docx()
        except Exception as exc:  # noqa: BLE001 - any unreadable .docx is the user's file
            raise TemplateError(
                f"Mẫu '{name}' không phải tệp Word (.docx) đọc được: {type(exc).__name__}.",
                f"Template '{name}' is not a readable Word file (.docx): {type(exc).__name__}.",
            ) from None
        env = make_environment(lang, template.parent)
        try:
            with template_errors(name):
                document.render(context, jinja_env=env, autoescape=True)
        except TemplateError as error:
            raise _at_paragraph(error, document, name) from None
        buffer = io.BytesIO()
        document.save(buffer)
        return stable_zip(buffer.getvalue())

    return render_bounded(name, render)


def _at_paragraph(error: TemplateError, document: Any, name: str) -> TemplateError:
    """The error with the paragraph it happened in: its number in the document and its
    text, which is what a person editing the template in Word can find."""
    line = _line_of(error)
    if line is None:
        return error
    source = _PARAGRAPH_START.sub(r"\n<w:p\1", document.patch_xml(document.get_xml()))
    lines = source.splitlines()
    if not 0 < line <= len(lines):
        return error
    text = _TAG.sub("", lines[line - 1]).strip()
    shown = text if len(text) <= 80 else text[:77] + "…"
    detail_vi = f"đoạn {line - 1} ('{shown}')"
    detail_en = f"paragraph {line - 1} ('{shown}')"
    vi, en = (re.sub(r", (dòng|line) \d+", "", m) for m in (error.vi, error.en))
    return TemplateError(
        vi.replace(f"Mẫu '{name}'", f"Mẫu '{name}', {detail_vi}", 1),
        en.replace(f"Template '{name}'", f"Template '{name}', {detail_en}", 1),
    )


def _line_of(error: BaseException) -> int | None:
    """The line of the document's XML the template failed on (each paragraph starts one)."""
    cause = error.__context__
    while cause is not None and not isinstance(
        cause, jinja2.TemplateError | TypeError | ValueError | ArithmeticError | AttributeError
    ):
        cause = cause.__context__
    if cause is None:
        return None
    lineno = getattr(cause, "lineno", None)
    if isinstance(lineno, int):
        return lineno
    for frame in reversed(traceback.extract_tb(cause.__traceback__)):
        if frame.filename == "<template>":
            return frame.lineno
    return None
