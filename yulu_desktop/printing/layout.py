"""Shared page machinery: styles, the page header and footer with "第 x 页 / 共 y 页" and the QR code, and the
document builder that renders one or many sections (one per person) into one PDF.

Page numbers need the page count, which is known only at the end. Instead of laying the document out twice,
the canvas keeps every finished page and draws headers and footers when the document is saved (the usual
reportlab recipe). In a batch every person is a section with its own numbering, fingerprint and QR code.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, BinaryIO

import qrcode
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.rl_accel import fp_str
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageBreak,
    PageTemplate,
    Paragraph,
)
from reportlab.platypus.paragraph import cleanBlockQuotedText
from reportlab.platypus.paraparser import ParaParser
from reportlab.platypus.tables import CellStyle, Table, TableStyle

from yulu_desktop.domain.codes import SEMESTER
from yulu_desktop.printing.fonts import FONT, register_fonts

PAGE_MARGIN = 15 * mm
FOOTER_HEIGHT = 24 * mm  # room under the frame for the footer text and the QR code
HEADER_HEIGHT = 9 * mm
QR_SIZE = 20 * mm
GRID = colors.Color(0.45, 0.45, 0.45)
SHADE = colors.Color(0.92, 0.93, 0.95)


@dataclass(frozen=True, eq=False, slots=True)
class PageStamp:
    """What is printed around the content of every page of one section (one person's document)."""

    header: str
    footer: str
    qr_payload: str | None = None


# --- styles -------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Styles:
    title: ParagraphStyle
    subtitle: ParagraphStyle
    heading: ParagraphStyle
    body: ParagraphStyle
    cell: ParagraphStyle
    cell_small: ParagraphStyle
    label: ParagraphStyle
    big_name: ParagraphStyle


@functools.cache
def styles() -> Styles:
    """Paragraph styles, built once (after the font is registered)."""
    register_fonts()
    body = ParagraphStyle("yulu-body", fontName=FONT, fontSize=9.5, leading=13.5, wordWrap="CJK")
    cell = ParagraphStyle("yulu-cell", parent=body, fontSize=8.5, leading=11)
    return Styles(
        title=ParagraphStyle("yulu-title", parent=body, fontSize=18, leading=24, alignment=TA_CENTER),
        subtitle=ParagraphStyle("yulu-subtitle", parent=body, fontSize=10.5, leading=15, alignment=TA_CENTER),
        heading=ParagraphStyle(
            "yulu-heading", parent=body, fontSize=12, leading=16, spaceBefore=8, spaceAfter=4, keepWithNext=1
        ),
        body=body,
        cell=cell,
        cell_small=ParagraphStyle("yulu-cell-small", parent=cell, fontSize=7.5, leading=9.5),
        label=ParagraphStyle("yulu-label", parent=cell, textColor=colors.Color(0.2, 0.2, 0.2)),
        big_name=ParagraphStyle("yulu-name", parent=body, fontSize=26, leading=34, alignment=TA_CENTER),
    )


@functools.cache
def grid_style(header_rows: int = 1, font_size: float = 8.5) -> TableStyle:
    """A ruled table with a shaded header row."""
    register_fonts()
    valign, top, bottom, left, right = _GRID_CELL
    commands: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), FONT, font_size, font_size + 2.5),
        ("GRID", (0, 0), (-1, -1), 0.5, GRID),
        ("VALIGN", (0, 0), (-1, -1), valign),
        ("TOPPADDING", (0, 0), (-1, -1), top),
        ("BOTTOMPADDING", (0, 0), (-1, -1), bottom),
        ("LEFTPADDING", (0, 0), (-1, -1), left),
        ("RIGHTPADDING", (0, 0), (-1, -1), right),
    ]
    if header_rows:
        commands.append(("BACKGROUND", (0, 0), (-1, header_rows - 1), SHADE))
    return TableStyle(commands)


#: What :func:`grid_style` sets in every cell, beside the font: (valign, top, bottom, left, right padding).
_GRID_CELL = ("MIDDLE", 2, 2.5, 3, 3)


@functools.cache
def _grid_cell(font_size: float) -> type[CellStyle]:
    """A cell style whose defaults are what :func:`grid_style` sets in every cell."""
    valign, top, bottom, left, right = _GRID_CELL
    attributes = {
        "fontname": FONT,
        "fontsize": font_size,
        "leading": font_size + 2.5,
        "valign": valign,
        "topPadding": top,
        "bottomPadding": bottom,
        "leftPadding": left,
        "rightPadding": right,
    }
    return type(f"GridCell{font_size}", (CellStyle,), attributes)


@functools.cache
def _grid_rules(header_rows: int) -> TableStyle:
    """The commands of :func:`grid_style` that are not per-cell: the rules and the header's shade."""
    commands: list[tuple[Any, ...]] = [("GRID", (0, 0), (-1, -1), 0.5, GRID)]
    if header_rows:
        commands.append(("BACKGROUND", (0, 0), (-1, header_rows - 1), SHADE))
    return TableStyle(commands)


def grid_table(
    rows: Sequence[Sequence[object]],
    widths: Sequence[float],
    *,
    header_rows: int = 1,
    font_size: float = 8.5,
    table: type[Table] = Table,
    **kwargs: Any,
) -> Table:
    """``table(rows, colWidths=widths, **kwargs)`` styled as ``grid_style(header_rows, font_size)``, the same
    on paper. Applying the per-cell commands of a style walks every cell once per command (the font, the
    alignment and four paddings); here the cells are made with those values instead, which is several times
    cheaper."""
    register_fonts()
    cell = _grid_cell(font_size)
    ncols = len(widths)
    cell_styles = [[cell(repr((i, j))) for j in range(ncols)] for i in range(len(rows))]
    out = table(rows, colWidths=list(widths), cellStyles=cell_styles, **kwargs)
    out.setStyle(_grid_rules(header_rows))
    return out


def esc(text: str) -> str:
    """Escape text for a Paragraph."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


#: Text that reportlab's paragraph parser would split into several fragments (markup, entities).
_MARKUP = re.compile(r"[&<>]")


@functools.lru_cache(maxsize=64)
def _plain_frag(style: ParagraphStyle) -> Any:
    """The single fragment reportlab's parser makes of plain text in ``style`` (its text aside)."""
    parser = ParaParser()
    parser.caseSensitive = 1
    parsed_style, frags, bullet = parser.parse("x", style)
    if parsed_style is not style or bullet or len(frags) != 1 or style.textTransform:
        return None
    return frags[0]


def para(text: str, style: ParagraphStyle) -> Paragraph:
    """``text`` as a Paragraph, the text taken literally (no markup).

    The paragraph parser (an HTML parser) costs a third of making a dossier's flowables; plain text always
    parses to one fragment in the paragraph's style, so that fragment is made directly (the same Paragraph).
    """
    frag = None if _MARKUP.search(text) else _plain_frag(style)
    if frag is None:
        return Paragraph(esc(text), style)
    cleaned = cleanBlockQuotedText(text)
    if not cleaned:  # the parser makes no fragment at all of nothing
        return Paragraph(esc(text), style)
    return Paragraph(cleaned, style, frags=[frag.clone(text=cleaned)])


CELL_PADDING = 6.0  # left + right padding of grid cells


@functools.cache
def _char_widths() -> tuple[Callable[[int, int], int], int]:
    face = pdfmetrics.getFont(register_fonts()).face
    return face.charWidths.get, face.defaultWidth


def text_width(text: str, size: float) -> float:
    """``stringWidth(text, FONT, size)``, the same number, without the font lookup of every call."""
    width, default = _char_widths()
    return 0.001 * size * sum(width(ord(u), default) for u in text)


def fit(
    text: str, width: float, style: ParagraphStyle | None = None, *, size: float | None = None
) -> Flowable | str:
    """``text`` as a plain cell string if it fits on one line of a ``width`` column, else a wrapping Paragraph.

    ``size`` is the font size of plain cells (the table's, see :func:`grid_style`; default that of
    ``styles().cell``). Plain strings are several times cheaper to lay out than Paragraphs (CJK line breaking
    measures every character), and most cells are short.
    """
    plain = size if size is not None else styles().cell.fontSize
    if "\n" not in text and text_width(text, plain) <= width - CELL_PADDING:
        return text
    return para(text, style or styles().cell)


# --- formatting ---------------------------------------------------------------------------------------------


def fmt_date(d: dt.date | None) -> str:
    return d.isoformat() if d else ""


def fmt_date_cn(d: dt.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def fmt_datetime(t: dt.datetime) -> str:
    return t.strftime("%Y-%m-%d %H:%M")


def fmt_yuan(amount: int | None) -> str:
    return "" if amount is None else f"{amount:,} 元"


def term_label(term: str) -> str:
    """``2025-autumn`` → ``2025年秋季学期``; anything else is printed as given."""
    year, sep, semester = term.partition("-")
    if sep and year.isdigit() and semester in SEMESTER:
        return f"{year}年{SEMESTER.label(semester)}"
    return term


_DIGITS = "零壹贰叁肆伍陆柒捌玖"


def yuan_in_words(amount: int) -> str:
    """Whole yuan in capital numerals as written on vouchers: 1500 → 壹仟伍佰元整."""
    if amount < 0 or amount >= 10**12:
        raise ValueError(f"amount out of range: {amount}")
    if amount == 0:
        return "零元整"

    def four(n: int) -> str:
        out = ""
        zero = False
        for unit, div in (("仟", 1000), ("佰", 100), ("拾", 10), ("", 1)):
            digit = n // div % 10
            if digit:
                if zero and out:
                    out += "零"
                out += _DIGITS[digit] + unit
                zero = False
            else:
                zero = True
        return out

    groups = [(amount // 10**8) % 10**4, (amount // 10**4) % 10**4, amount % 10**4]
    text = ""
    for value, unit in zip(groups, ("亿", "万", ""), strict=True):
        if value:
            if text and value < 1000:
                text += "零"
            text += four(value) + unit
    return text + "元整"


# --- the canvas: headers, footers, QR codes -----------------------------------------------------------------


@functools.lru_cache(maxsize=64)
def qr_runs(payload: str) -> tuple[int, tuple[tuple[int, int, int], ...]]:
    """The QR matrix of ``payload`` as (module count, dark runs (row, column, length)).

    A fixed mask pattern skips the eight trial encodings that choosing the best mask costs (5x faster); any
    mask gives a valid code, and at level M a printed code scans well.
    """
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=0, mask_pattern=2)
    code.add_data(payload)
    code.make(fit=True)
    matrix: list[list[bool]] = code.get_matrix()
    runs: list[tuple[int, int, int]] = []
    for r, row in enumerate(matrix):
        c = 0
        n = len(row)
        while c < n:
            if row[c]:
                start = c
                while c < n and row[c]:
                    c += 1
                runs.append((r, start, c - start))
            else:
                c += 1
    return len(matrix), tuple(runs)


@functools.lru_cache(maxsize=64)
def _qr_operators(payload: str) -> tuple[int, str]:
    """PDF path operators for the dark modules, in module units (one ``re`` per run of dark modules)."""
    count, runs = qr_runs(payload)
    # rows overlap by a hair so that no viewer shows seams between them
    ops = " ".join(f"{c} {count - 1 - r} {length} 1.05 re" for r, c, length in runs)
    return count, ops + " f"


def draw_qr(canv: Canvas, payload: str, x: float, y: float, size: float) -> None:
    """Draw the QR code of ``payload`` with its lower-left corner at (x, y).

    The operators are written as one literal path: formatting ~700 rectangles through reportlab's path API
    costs more than the rest of a page.
    """
    count, ops = _qr_operators(payload)
    module = size / count
    canv.saveState()
    canv.setFillColor(colors.black)
    canv.transform(module, 0, 0, module, x, y)
    canv.addLiteral(ops)
    canv.restoreState()


class _StampCanvas(Canvas):  # type: ignore[misc]
    """A canvas that keeps finished pages and adds headers/footers when saved, when page counts are known."""

    def __init__(self, *args: Any, created: dt.datetime, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._kept_pages: list[dict[str, Any]] = []
        self._qr_forms: dict[str, str] = {}
        self._text_cache: dict[tuple[str, float], str] = {}
        self.yulu_stamp: PageStamp | None = None
        stamp = created.strftime("D:%Y%m%d%H%M%S")
        offset = created.utcoffset()
        if offset is not None:
            minutes = int(offset.total_seconds()) // 60
            sign = "+" if minutes >= 0 else "-"
            stamp += f"{sign}{abs(minutes) // 60:02d}'{abs(minutes) % 60:02d}'"
        self.setDateFormatter(lambda *_: stamp)

    # --- fast text ---------------------------------------------------------------------------------------
    # Tables draw every cell through drawString, which builds a text object, saves the graphics state and
    # formats through reportlab's generic (and, without the optional C accelerator, pure Python) path: that
    # was a third of the time of a dossier. For plain text in our own font, write the operators directly.
    # Subset encodings are cached per document: labels such as 姓名 repeat on every page of a batch.

    def _plain_text(self, x: float, y: float, text: str) -> None:
        cache = self._text_cache
        ops = cache.get((text, self._fontsize))
        if ops is None:
            font = pdfmetrics.getFont(FONT)
            size = fp_str(self._fontsize)
            ops = " ".join(
                f"{font.getSubsetInternalName(subset, self._doc)} {size} Tf ({self._escape(part)}) Tj"
                for subset, part in font.splitString(text, self._doc)
            )
            cache[(text, self._fontsize)] = ops
        self._code.append(f"BT 1 0 0 1 {x:.2f} {y:.2f} Tm {ops} ET")

    def _fast(self, mode: object, kwargs: dict[str, Any]) -> bool:
        return self._fontname == FONT and mode is None and not any(kwargs.values())

    def drawString(self, x: float, y: float, text: str, mode: int | None = None, **kwargs: Any) -> None:
        if self._fast(mode, kwargs):
            self._plain_text(x, y, text)
        else:
            super().drawString(x, y, text, mode, **kwargs)

    def drawRightString(self, x: float, y: float, text: str, mode: int | None = None, **kwargs: Any) -> None:
        if self._fast(mode, kwargs):
            self._plain_text(x - stringWidth(text, FONT, self._fontsize), y, text)
        else:
            super().drawRightString(x, y, text, mode, **kwargs)

    def drawCentredString(
        self, x: float, y: float, text: str, mode: int | None = None, **kwargs: Any
    ) -> None:
        if self._fast(mode, kwargs):
            self._plain_text(x - stringWidth(text, FONT, self._fontsize) / 2, y, text)
        else:
            super().drawCentredString(x, y, text, mode, **kwargs)

    def showPage(self) -> None:
        self._kept_pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        stamps = [page.get("yulu_stamp") for page in self._kept_pages]
        totals: dict[int, int] = {}
        for s in stamps:
            totals[id(s)] = totals.get(id(s), 0) + 1
        seen: dict[int, int] = {}
        for page, s in zip(self._kept_pages, stamps, strict=True):
            self.__dict__.update(page)
            number = seen[id(s)] = seen.get(id(s), 0) + 1
            if s is not None:
                self._decorate(s, number, totals[id(s)])
            Canvas.showPage(self)
        Canvas.save(self)

    def _qr_form(self, payload: str) -> str:
        name = self._qr_forms.get(payload)
        if name is None:
            name = self._qr_forms[payload] = f"qr{len(self._qr_forms)}"
            self.beginForm(name, 0, 0, QR_SIZE, QR_SIZE)
            draw_qr(self, payload, 0, 0, QR_SIZE)
            self.endForm()
        return name

    def _decorate(self, stamp: PageStamp, number: int, total: int) -> None:
        width, height = self._pagesize
        left, right = PAGE_MARGIN, width - PAGE_MARGIN
        form = self._qr_form(stamp.qr_payload) if stamp.qr_payload else None
        self.saveState()
        self.setStrokeColor(GRID)
        self.setLineWidth(0.5)
        self.setFillColor(colors.Color(0.25, 0.25, 0.25))
        # header
        top = height - PAGE_MARGIN + 1 * mm
        self.setFont(FONT, 8)
        self.drawString(left, top, stamp.header)
        self.drawRightString(right, top, "雨露计划+")
        self.line(left, top - 1.8 * mm, right, top - 1.8 * mm)
        # footer: a rule, the page number, the fingerprint line, and the QR code at the right
        base = PAGE_MARGIN - 8 * mm
        rule = base + QR_SIZE + 1.5 * mm
        self.line(left, rule, right, rule)
        self.setFont(FONT, 9)
        self.drawString(left, base + 11 * mm, f"第 {number} 页 / 共 {total} 页")
        self.setFont(FONT, 7.5)
        self.drawString(left, base + 5.5 * mm, stamp.footer)
        if form is not None and stamp.qr_payload:
            self.setFont(FONT, 6.5)
            self.drawRightString(right - QR_SIZE - 2 * mm, base + 1.5 * mm, "扫码核对纸质件与系统记录")
            self.saveState()
            self.translate(right - QR_SIZE, base)
            self.doForm(form)
            self.restoreState()
            # the payload also goes into the text layer, invisible, so a saved PDF can be matched by its text
            text = self.beginText(left, base)
            text.setTextRenderMode(3)
            text.setFont(FONT, 3)
            text.textOut(stamp.qr_payload)
            self.drawText(text)
        self.restoreState()


# --- building a document ------------------------------------------------------------------------------------


class KeepBlock(KeepTogether):  # type: ignore[misc]
    """``KeepTogether`` for tables, spacers and paragraphs: the same layout, measured more cheaply.

    To measure its content, ``KeepTogether`` deep-copies the document's current frame, in case the content
    adds flowables to it while being measured (conditional page breaks do); tables, spacers and paragraphs
    never do, and the copies cost a twentieth of a dossier. While this block is measured, the frame is hidden
    from that machinery instead.
    """

    def wrap(self, aW: float, aH: float) -> tuple[float, float]:
        doc: Any = getattr(self.canv, "_doctemplate", None)
        frame = getattr(doc, "frame", None)
        if frame is None:
            return super().wrap(aW, aH)  # type: ignore[no-any-return]
        doc.frame = None
        try:
            return super().wrap(aW, aH)  # type: ignore[no-any-return]
        finally:
            doc.frame = frame


class SectionStart(Flowable):  # type: ignore[misc]
    """A zero-size flowable that starts a section: it sets the page stamp and reports progress."""

    def __init__(self, stamp: PageStamp) -> None:
        super().__init__()
        self.stamp = stamp
        self.width = self.height = 0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.canv.yulu_stamp = self.stamp


@dataclass(frozen=True, slots=True)
class Section:
    """One person's document inside a PDF: built lazily, so a batch of 500 never holds 500 stories at once."""

    stamp: PageStamp
    story: Callable[[], list[Flowable]]


class _LazySection(Flowable):  # type: ignore[misc]
    def __init__(self, section: Section, before: Callable[[], None] | None, first: bool) -> None:
        super().__init__()
        self.section = section
        self.before = before
        self.first = first

    def expand(self) -> list[Flowable]:
        if self.before is not None:
            self.before()
        head: list[Flowable] = [] if self.first else [PageBreak()]
        return [*head, SectionStart(self.section.stamp), *self.section.story()]


class _Doc(BaseDocTemplate):  # type: ignore[misc]
    def filterFlowables(self, flowables: list[Flowable]) -> None:
        while flowables and isinstance(flowables[0], _LazySection):
            flowables[0:1] = flowables[0].expand()


def build_pdf(
    out: str | BinaryIO,
    sections: Iterable[Section],
    *,
    generated_at: dt.datetime,
    title: str,
    author: str = "",
    pagesize: tuple[float, float] = A4,
    before_section: Callable[[int], None] | None = None,
) -> None:
    """Render ``sections`` into ``out`` (a path or a binary file).

    ``before_section(i)`` is called before section ``i`` is laid out; it may raise to abort the build (cancel).
    Output is deterministic: reportlab's invariant mode, and the creation date is ``generated_at``.
    """
    register_fonts()
    doc = _Doc(
        out,
        pagesize=pagesize,
        leftMargin=PAGE_MARGIN,
        rightMargin=PAGE_MARGIN,
        topMargin=PAGE_MARGIN + HEADER_HEIGHT,
        bottomMargin=PAGE_MARGIN + FOOTER_HEIGHT - 6 * mm,
        title=title,
        author=author,
        creator="雨露 Yulu Desktop",
        invariant=1,
        initialFontName=FONT,
    )
    frame = Frame(
        doc.leftMargin,
        doc.bottomMargin,
        doc.width,
        doc.height,
        id="body",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], pagesize=pagesize)])

    def lazies() -> Iterator[_LazySection]:
        for i, section in enumerate(sections):
            before = None if before_section is None else functools.partial(before_section, i)
            yield _LazySection(section, before, first=i == 0)

    story: list[Flowable] = list(lazies())
    if not story:
        raise ValueError("nothing to print")
    doc.build(story, canvasmaker=functools.partial(_StampCanvas, created=generated_at))
