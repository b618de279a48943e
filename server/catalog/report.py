"""The import report: every refusal at its sheet, row and column, what changed, what was kept."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

#: The order and Chinese names of what the report counts.
ENTITIES = ("机构", "课程包", "课程", "章节", "试题", "考试")
ACTIONS = (("added", "新增"), ("updated", "更新"), ("removed", "删除"), ("retired", "停用"))


@dataclass(frozen=True)
class Problem:
    """One finding: where (sheet title, row, column header and letter) and what, in Chinese.

    A finding about something on the platform that the workbook no longer lists has no row.
    """

    sheet: str
    row: int | None
    column: str | None
    letter: str | None
    message: str

    def location(self) -> str:
        parts = [f"[{self.sheet}]"] if self.sheet else []
        if self.row is not None:
            parts.append(f"第 {self.row} 行")
        if self.column:
            parts.append(f"{self.column}（{self.letter} 列）" if self.letter else self.column)
        return " ".join(parts)

    def text(self) -> str:
        where = self.location()
        if self.row is None and self.column is None:  # about the sheet, or a platform id
            return f"{where} {self.message}" if where else self.message
        return f"{where}：{self.message}"


@dataclass
class Report:
    """What an import found and did; ``text()`` is what the command prints."""

    institution_id: str
    source: str
    media_dir: Path
    dry_run: bool = False
    errors: list[Problem] = field(default_factory=list)
    kept: list[Problem] = field(default_factory=list)
    counts: dict[str, Counter[str]] = field(default_factory=dict)
    #: Stored name → the file in the media folder: what the catalog refers to after this
    #: import, to be put into the media store before the transaction commits.
    files: dict[str, Path] = field(default_factory=dict)
    files_new: int = 0
    bytes_new: int = 0
    #: Per public package: the study time its exam requires (the sum of its chapters).
    study_ms: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors

    def count(self, entity: str, action: str, n: int = 1) -> None:
        if n:
            self.counts.setdefault(entity, Counter())[action] += n

    def changed(self) -> bool:
        return any(counter[action] for counter in self.counts.values() for action, _ in ACTIONS)

    def text(self) -> str:
        lines = [
            "课程目录导入报告",
            f"机构：{self.institution_id}    工作簿：{self.source}    媒体文件夹：{self.media_dir}",
        ]
        if self.errors:
            lines.append(
                f"结果：未导入——发现 {len(self.errors)} 处问题，平台上没有任何改动。"
                "请逐条改正后再导入："
            )
            lines += [f"  {problem.text()}" for problem in sorted(self.errors, key=_place)]
            return "\n".join(lines) + "\n"
        if self.dry_run:
            lines.append("结果：检查通过（--dry-run：只检查，未写入）。导入后将会：")
        elif self.changed():
            lines.append("结果：导入完成。")
        else:
            lines.append("结果：导入完成，与平台上的内容相同，没有任何改动。")
        for entity in ENTITIES:
            counter = self.counts.get(entity, Counter())
            parts = [f"{label} {counter[action]}" for action, label in ACTIONS if counter[action]]
            if counter["unchanged"] or not parts:
                parts.append(f"未变 {counter['unchanged']}")
            lines.append(f"  {entity}：" + "，".join(parts))
        size = f"，共 {self.bytes_new / 1_000_000:.1f} MB" if self.files_new else ""
        stored = "" if self.dry_run else f"，新存入 {self.files_new} 个{size}"
        lines.append(
            f"  媒体文件：引用 {len(self.files)} 个{stored}（按内容存放，相同的文件只存一份）"
        )
        for package_id, study_ms in self.study_ms.items():
            lines.append(
                f"  公需课包 {package_id}：考试前须学完 {math.ceil(study_ms / 60_000)} 分钟"
                f"（{_clock(study_ms)}）"
            )
        if self.kept:
            lines.append(f"保留（{len(self.kept)} 处，学员已有的内容不被改动）：")
            lines += [f"  {problem.text()}" for problem in sorted(self.kept, key=_place)]
        return "\n".join(lines) + "\n"


#: The sheets in workbook order, for sorting findings as a person reads the workbook.
SHEET_ORDER = ("机构", "课程包", "课程", "章节", "试题")


def _place(problem: Problem) -> tuple[int, int, int, int]:
    """Sheet, row, then column (A < B < … < AA), findings without a row first."""
    sheet = SHEET_ORDER.index(problem.sheet) if problem.sheet in SHEET_ORDER else len(SHEET_ORDER)
    letters = problem.letter or ""
    column = 0
    for letter in letters:
        column = column * 26 + ord(letter) - ord("A") + 1
    return sheet, problem.row or 0, len(letters), column


def _clock(ms: int) -> str:
    seconds = round(ms / 1000)
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


def duration_text(ms: int) -> str:
    """A length as staff read it: 45:00 or 1:02:03."""
    seconds = round(ms / 1000)
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"
