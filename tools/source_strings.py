"""Which Chinese strings of the client are translatable, and under which context.

An AST walk over ``main.py`` and ``desktop/``: every string literal with Chinese in it must
be the source text of a call lupdate understands (``self.tr``, the bare ``tr`` of
``desktop.i18n``, ``QCoreApplication.translate`` and ``QT_TRANSLATE_NOOP`` with a literal
context), unless it is a docstring, a log message or on the short allow-list below. The
walk also computes the context each call looks up at run time, so a test can hold it
against the contexts lupdate writes into the ``.ts`` (they must be the same, or the
translation is never found).
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")

LOG_NAMES = {"log", "logger", "_log", "_logger", "LOG", "LOGGER"}
LOG_METHODS = {"debug", "info", "warning", "error", "exception", "critical"}
TRANSLATE_FUNCTIONS = {"translate", "QT_TRANSLATE_NOOP"}

_SAMPLE_ROW = "the sample learner of the batch XLSX template (data, not interface)"
_WIDTH_SAMPLE = "a sample text to measure a column's width, never shown"
# (path relative to the repository, literal) -> why it stays Chinese in every language.
ALLOWED: dict[tuple[str, str], str] = {
    ("desktop/i18n.py", "简体中文"): "a language's own name, shown in that language",
    **{
        ("desktop/models/batch_import.py", sample): _SAMPLE_ROW
        for sample in (
            "张晓红",
            "广东财经大学",
            "会计学",
            "大学本科",
            "广州市某某有限公司",
            "广州市天河区",
            "张晓红-人像面.jpg",
            "张晓红-国徽面.jpg",
            "张晓红-照片.jpg",
        )
    },
    ("desktop/models/batch_import.py", "是"): "the answer the sheet's cells hold (data format)",
    ("desktop/models/batch_import.py", "否"): "the answer the sheet's cells hold (data format)",
    **{
        ("desktop/views/course_selection.py", sample): _WIDTH_SAMPLE
        for sample in ("欧阳晓燕", "学分", "180分钟", "试听", "处理中…")
    },
    ("desktop/views/exam.py", "字"): _WIDTH_SAMPLE,
    ("desktop/views/widgets.py", "汉字Ag"): _WIDTH_SAMPLE,
    **{
        ("desktop/i18n.py", text): "the Chinese for Qt's own strings its qtbase .qm lacks"
        for text in ("查找范围(&L)：", "文件类型(&T)：", "文件夹", "驱动器")
    },
    ("desktop/views/desk/payment.py", "元"): "stripped from an amount typed in yuan (input)",
    ("desktop/models/api.py", "平台返回错误（HTTP "): "parameterised platform message (rare: "
    "an answer without the error envelope); stays Chinese",
    **{
        ("desktop/models/diagnostics.py", mark): "redaction marks and a pattern of the "
        "diagnostics report, read by the (Chinese) support desk"
        for mark in (
            "(?i)(password|passwd|pwd|密码)[^\\n]*",
            "[姓名]",
            " [已删除]",
            " [令牌]",
            "[令牌]",
            "[邮箱]",
            "[证件号码]",
            "[手机号码]",
        )
    },
    ("desktop/models/images.py", "已压缩至 "): "parameterised note (the compressed size); "
    "stays Chinese",
}


@dataclass(frozen=True)
class Message:
    """A translatable source text and the context it is looked up in."""

    context: str
    source: str
    path: str
    line: int


@dataclass(frozen=True)
class Problem:
    """A Chinese literal that no translator will ever see, or sees under a wrong context."""

    path: str
    line: int
    text: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.reason}: {self.text!r}"


def source_files(root: Path = ROOT) -> list[Path]:
    """The files lupdate reads: main.py and every module of the client."""
    return [root / "main.py", *sorted((root / "desktop").rglob("*.py"))]


def _literal(node: ast.expr) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _called_name(node: ast.Call) -> str | None:
    func = node.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)


def _docstring_nodes(tree: ast.AST) -> set[int]:
    found: set[int] = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list):
            for statement in body:
                # Any bare string statement: a docstring, or a comment written as one.
                if isinstance(statement, ast.Expr) and _literal(statement.value) is not None:
                    found.add(id(statement.value))
    return found


class _Walker(ast.NodeVisitor):
    def __init__(self, path: str, tree: ast.Module) -> None:
        self.path = path
        self.messages: list[Message] = []
        self.problems: list[Problem] = []
        self._covered: set[int] = _docstring_nodes(tree)
        self._classes: list[str] = []
        self._deferred = 0  # inside a function or lambda: runs after the language is set

    # The lexical class is what lupdate takes as the context of ``self.tr``; PySide6 looks
    # a ``self.tr`` up along the runtime class's MRO, which always contains it.
    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self._classes.append(node.name)
        self.generic_visit(node)
        self._classes.pop()

    def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        if node.name == "tr" and not self._classes and self.path != "desktop/i18n.py":
            self._problem(node, "tr", "define no tr() of your own: import desktop.i18n.tr")
        self._deferred += 1
        self.generic_visit(node)
        self._deferred -= 1

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Lambda(self, node: ast.Lambda) -> None:
        self._deferred += 1
        self.generic_visit(node)
        self._deferred -= 1

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        name = _called_name(node)
        if isinstance(func, ast.Attribute) and name in LOG_METHODS:
            receiver = func.value
            if isinstance(receiver, ast.Name) and receiver.id in LOG_NAMES:
                for sub in ast.walk(node):
                    self._covered.add(id(sub))
        if name in {"tr", "translate"} and not self._deferred:
            self._problem(
                node, ast.unparse(node), "translated at import, before the language is installed"
            )
        if name == "tr" and node.args:
            self._tr_call(node, func)
        elif name in TRANSLATE_FUNCTIONS and len(node.args) >= 2:
            text = _literal(node.args[1])
            context = _literal(node.args[0])
            if text is not None:
                self._covered.add(id(node.args[1]))
                if context is None:
                    self._problem(node, text, "the context must be a literal for lupdate")
                else:
                    self._message(node, context, text)
        self.generic_visit(node)

    def _tr_call(self, node: ast.Call, func: ast.expr) -> None:
        text = _literal(node.args[0])
        if isinstance(func, ast.Name):
            if text is None:
                self._problem(
                    node,
                    ast.unparse(node.args[0]),
                    "tr() of a non-literal: lupdate cannot see it; translate(context, …)",
                )
                return
            self._covered.add(id(node.args[0]))
            self._message(node, "", text)
        elif isinstance(func, ast.Attribute) and text is not None:
            self._covered.add(id(node.args[0]))
            if not (isinstance(func.value, ast.Name) and func.value.id == "self"):
                self._problem(node, text, "lupdate takes the receiver's name as the context")
            elif not self._classes:
                self._problem(node, text, "self.tr outside a class: lupdate's context is empty")
            else:
                self._message(node, self._classes[-1], text)

    def visit_JoinedStr(self, node: ast.JoinedStr) -> None:
        for sub in ast.walk(node):
            if isinstance(sub, ast.Call) and _called_name(sub) in {"tr", *TRANSLATE_FUNCTIONS}:
                self._problem(sub, ast.unparse(sub), "lupdate does not read inside f-strings")
        self.generic_visit(node)

    def visit_Constant(self, node: ast.Constant) -> None:
        if (
            isinstance(node.value, str)
            and CJK.search(node.value)
            and id(node) not in self._covered
            and (self.path, node.value) not in ALLOWED
        ):
            self._problem(node, node.value, "Chinese text not marked for translation")

    def _message(self, node: ast.AST, context: str, text: str) -> None:
        self.messages.append(Message(context, text, self.path, getattr(node, "lineno", 0)))

    def _problem(self, node: ast.AST, text: str, reason: str) -> None:
        self.problems.append(Problem(self.path, getattr(node, "lineno", 0), text, reason))


def scan(files: list[Path] | None = None, root: Path = ROOT) -> tuple[list[Message], list[Problem]]:
    """The translatable messages of *files* (default: the client) and the problems found."""
    messages: list[Message] = []
    problems: list[Problem] = []
    for file in files if files is not None else source_files(root):
        path = file.relative_to(root).as_posix()
        tree = ast.parse(file.read_text(encoding="utf-8"), filename=path)
        walker = _Walker(path, tree)
        walker.visit(tree)
        messages.extend(walker.messages)
        problems.extend(walker.problems)
    return messages, problems


if __name__ == "__main__":
    _messages, _problems = scan()
    for problem in _problems:
        print(problem)
    print(f"{len(_messages)} messages, {len(_problems)} problems")
