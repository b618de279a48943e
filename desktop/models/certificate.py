"""The year's record as a PDF certificate draft (继续教育证书草稿, SPEC §1.9 [beyond]).

The official certificate is printed from the province-wide system and stamped by the
employer; this draft lets the learner check what was reported before that.  It is written
with Qt's own PDF writer (``QPdfWriter`` printing a ``QTextDocument``), so it needs no
other library and embeds the fonts the screen uses.

``render_certificate`` paints on the GUI thread (Qt's text layout and font database are
GUI-thread objects) into bytes; ``save_certificate`` writes them to disk on a worker.
"""

from __future__ import annotations

import html
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter

from desktop.i18n import tr, tr_rule
from desktop.models.credit_records import CreditRecord, CreditRecordsYear
from desktop.models.formats import format_date
from desktop.models.pdf_text import readable_text_layer, simplified_chinese_document
from rules._i18n import QT_TRANSLATE_NOOP
from rules.credits import format_credits
from rules.identity import mask_id_number
from rules.records import CHAIN, STATE_LABELS

NOTE = QT_TRANSLATE_NOOP(
    "certificate",
    "本文件为草稿，仅供核对。正式的继续教育证书请登录“广东省专业技术人员继续教育管理”"
    "系统下载打印，并由单位盖章确认。",
)
"""The note every draft carries."""


@dataclass(frozen=True)
class CertificateDraft:
    """What the draft shows: whose year it is and the year's records."""

    name: str
    id_number: str
    """The full number; only its masked form is written."""
    records: CreditRecordsYear


def default_file_name(year: int) -> str:
    return tr("{year}年度继续教育证书草稿.pdf").format(year=year)


def course_type_text(course_type: str) -> str:
    return tr("公需课") if course_type == "public" else tr("专业课")


def mode_text(mode: str | None) -> str:
    return {"online": tr("网络学习"), "onsite": tr("面授")}.get(mode or "", "—")


def _credits_text(record: CreditRecord) -> str:
    if record.credits_tenths is not None:
        return format_credits(record.credits_tenths)
    return f"{format_credits(record.earned_tenths)} / {format_credits(record.required_tenths)}"


def certificate_html(draft: CertificateDraft) -> str:
    """The draft as the rich text ``QTextDocument`` prints (every value escaped)."""
    year = draft.records.year
    e = html.escape
    header_cells = [tr("继续教育类型"), tr("学分"), tr("状态")] + [
        tr_rule(who) for _, who, _ in CHAIN
    ]
    rows = []
    for record in draft.records.items:
        cells = [
            course_type_text(record.course_type),
            _credits_text(record),
            tr_rule(STATE_LABELS.get(record.state, record.state)),
        ] + [format_date(record.reached_at(state)) or "—" for state, _, _ in CHAIN]
        rows.append("<tr>" + "".join(f"<td>{e(c)}</td>" for c in cells) + "</tr>")
    heading = "".join(f"<th>{e(c)}</th>" for c in header_cells)
    institutions = "、".join(
        sorted({r.institution_name for r in draft.records.items if r.institution_name})
    )
    # Translated outside the f-string: lupdate does not read inside f-strings.
    title = tr("{year}年度会计人员继续教育证书（草稿）").format(year=year)
    name, id_number, year_label = tr("姓名"), tr("身份证明号"), tr("年度")
    institution_label = tr("培训机构")
    total = tr("已回传学分合计：{total} 学分").format(
        total=format_credits(draft.records.reported_tenths)
    )
    note = QCoreApplication.translate("certificate", NOTE)
    return f"""
<html><body style="font-size: 10pt;">
<h2 align="center">{e(title)}</h2>
<p>{e(name)}：{e(draft.name)}</p>
<p>{e(id_number)}：{e(mask_id_number(draft.id_number))}</p>
<p>{e(year_label)}：{year}</p>
<p>{e(institution_label)}：{e(institutions or "—")}</p>
<table border="1" cellspacing="0" cellpadding="4" width="100%">
<tr>{heading}</tr>
{"".join(rows)}
</table>
<p><b>{e(total)}</b></p>
<p style="color: #b06000;">{e(note)}</p>
</body></html>
"""


def render_certificate(draft: CertificateDraft) -> bytes:
    """The draft as the bytes of an A4 PDF (GUI thread)."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle(tr("{year}年度继续教育证书草稿").format(year=draft.records.year))
    writer.setCreator("KJCE Desktop")
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(18, 18, 18, 18),
            QPageLayout.Unit.Millimeter,
        )
    )
    document = simplified_chinese_document()
    document.setHtml(certificate_html(draft))
    document.print_(writer)
    del writer  # finishes the PDF (its trailer) into the buffer
    buffer.close()
    return readable_text_layer(bytes(data.data()))


def save_certificate(path: Path, pdf: bytes) -> Path:
    """Write *pdf* to *path* whole or not at all (worker): a temporary file, then a rename."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".draft-", suffix=".pdf", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(pdf)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path
