"""The client's translations: extract, compile, check, fill in, and the platform's messages.

    python -m tools.translations update               lupdate main.py + desktop/ into both .ts
    python -m tools.translations build                lrelease -> desktop/translations/*.qm
    python -m tools.translations check                fail on unfinished or stale translations
    python -m tools.translations merge FILE.json      fill kjce_en.ts from {"ctx": {"src": "en"}}
    python -m tools.translations platform-messages    regenerate desktop/platform_messages.py

Chinese is the source language: ``kjce_zh_CN.ts`` carries every source as its own
translation (finished), so ``check`` can hold both files complete. Paths handed to lupdate
are relative, so the ``.ts`` never names the machine it was made on.
"""

from __future__ import annotations

import argparse
import ast
import json
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from desktop.i18n import build_qm, find_qt_tool
from tools.source_strings import CJK, ROOT, source_files

TRANSLATIONS = ROOT / "desktop" / "translations"
LANGUAGES = ("zh_CN", "en")
SOURCE_LANGUAGE = "zh_CN"
PLATFORM_MESSAGES = ROOT / "desktop" / "platform_messages.py"


def ts_file(language: str, folder: Path = TRANSLATIONS) -> Path:
    return folder / f"kjce_{language}.ts"


# ---------------------------------------------------------------- .ts files


@dataclass
class TsMessage:
    """One message of a .ts file (its XML element, to edit in place)."""

    context: str
    source: str
    comment: str
    element: ET.Element

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.context, self.source, self.comment)

    @property
    def translation(self) -> ET.Element:
        found = self.element.find("translation")
        if found is None:
            found = ET.SubElement(self.element, "translation")
        return found

    @property
    def state(self) -> str:
        """ "finished", "unfinished", "vanished" or "obsolete"."""
        return self.translation.get("type", "finished")

    @property
    def text(self) -> str:
        translation = self.translation
        forms = translation.findall("numerusform")
        if forms:
            return "\n".join(form.text or "" for form in forms)
        return translation.text or ""

    def set_text(self, text: str) -> None:
        translation = self.translation
        forms = translation.findall("numerusform")
        for form in forms:
            form.text = text
        if not forms:
            translation.text = text
        translation.attrib.pop("type", None)


def read_ts(path: Path) -> tuple[ET.Element, list[TsMessage]]:
    """The root <TS> element of *path* and its messages."""
    root = ET.parse(path).getroot()
    messages = []
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for element in context.iter("message"):
            messages.append(
                TsMessage(
                    name,
                    element.findtext("source") or "",
                    element.findtext("comment") or "",
                    element,
                )
            )
    return root, messages


def write_ts(root: ET.Element, path: Path) -> None:
    """Write as lupdate does (its DOCTYPE and indentation), so diffs stay small."""
    ET.indent(root, space="    ")
    body = ET.tostring(root, encoding="unicode", short_empty_elements=False)
    # lupdate does not indent the contexts under <TS>.
    body = "\n".join(line.removeprefix("    ") for line in body.split("\n"))
    body = body.replace('"></location>', '"/>')
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8"
    )


def _tool(name: str) -> Path:
    tool = find_qt_tool(name)
    if tool is None:
        sys.exit(f"pyside6-{name} not found: pip install PySide6-Essentials")
    return tool


def run_lupdate(targets: Iterable[Path], root: Path = ROOT) -> None:
    """Extract the client's messages into *targets*, keeping their translations."""
    sources = [path.relative_to(root).as_posix() for path in source_files(root)]
    for target in targets:
        language = target.stem.removeprefix("kjce_")
        result = subprocess.run(
            [
                str(_tool("lupdate")),
                "-silent",
                "-no-obsolete",
                "-locations",
                "relative",
                "-source-language",
                SOURCE_LANGUAGE,
                "-target-language",
                language,
                *sources,
                "-ts",
                str(target),
            ],
            cwd=root,
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            sys.exit(f"lupdate failed: {result.stderr.strip()}")
        if language == SOURCE_LANGUAGE:
            _fill_with_sources(target)


def _fill_with_sources(path: Path) -> None:
    """The source language translates each message to itself."""
    tree, messages = read_ts(path)
    for message in messages:
        if message.state == "unfinished" or message.text != message.source:
            message.set_text(message.source)
    write_ts(tree, path)


def update() -> None:
    TRANSLATIONS.mkdir(parents=True, exist_ok=True)
    run_lupdate(ts_file(language) for language in LANGUAGES)


def build() -> int:
    failed = 0
    for language in LANGUAGES:
        source = ts_file(language)
        if not build_qm(source, source.with_suffix(".qm")):
            print(f"lrelease failed for {source}", file=sys.stderr)
            failed += 1
    return 1 if failed else 0


def check_problems() -> list[str]:
    """Everything that keeps the translations from being complete and current."""
    problems = []
    with tempfile.TemporaryDirectory() as temp:
        for language in LANGUAGES:
            committed = ts_file(language)
            if not committed.is_file():
                problems.append(f"{committed.name} is missing: python -m tools.translations update")
                continue
            _tree, messages = read_ts(committed)
            for message in messages:
                if message.state != "finished" or not message.text:
                    problems.append(
                        f"{committed.name}: {message.state} [{message.context}] {message.source!r}"
                    )
            fresh = Path(temp) / committed.name
            shutil.copyfile(committed, fresh)
            run_lupdate([fresh])
            _fresh_tree, fresh_messages = read_ts(fresh)
            old = {m.key for m in messages}
            new = {m.key for m in fresh_messages}
            for key in sorted(new - old):
                problems.append(f"{committed.name} is stale: new in the source {key[:2]}")
            for key in sorted(old - new):
                problems.append(f"{committed.name} is stale: gone from the source {key[:2]}")
    return problems


def check() -> int:
    problems = check_problems()
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s); run: python -m tools.translations update")
    return 1 if problems else 0


def merge(files: list[Path], language: str = "en", *, overwrite: bool = False) -> int:
    """Fill unfinished messages from ``{"context": {"source": "translation"}}`` files,
    by context and source, else by the source alone (contexts moved since)."""
    by_key: dict[tuple[str, str], str] = {}
    by_source: dict[str, str] = {}
    for file in files:
        data = json.loads(file.read_text(encoding="utf-8"))
        for context, entries in data.items():
            for source, translation in entries.items():
                if isinstance(translation, str) and translation.strip():
                    by_key[(context, source)] = translation
                    by_source.setdefault(source, translation)
    path = ts_file(language)
    tree, messages = read_ts(path)
    filled = 0
    for message in messages:
        if message.state == "finished" and message.text and not overwrite:
            continue
        translation = by_key.get((message.context, message.source), by_source.get(message.source))
        if translation is not None:
            message.set_text(translation)
            filled += 1
    write_ts(tree, path)
    left = sum(1 for m in messages if m.state != "finished" or not m.text)
    print(f"{filled} filled, {left} still unfinished in {path.name}")
    return 0


# ---------------------------------------------------- the platform's messages

SERVER_SKIPPED = {"seed.py", "invoice_pdf.py", "demo.py"}  # data and PDF text, not messages
# Call name -> index of the positional message argument.
MESSAGE_ARGUMENTS = {"ApiError": 2, "error_body": 1, "send_error": 3, "Problem": 2}


def _is_constant_name(name: str) -> bool:
    return name.lstrip("_").isupper()


def _literals(node: ast.AST) -> Iterator[ast.Constant]:
    for sub in ast.walk(node):
        if isinstance(sub, ast.Constant) and isinstance(sub.value, str):
            yield sub


def _pattern_of(node: ast.JoinedStr) -> str:
    """An f-string message as a pattern: its text with ``{1}``, ``{2}``… for the values
    (a run of adjacent values is one placeholder), e.g. "还可尝试 {1} 次"."""
    parts: list[str] = []
    number = 0
    for value in node.values:
        if isinstance(value, ast.Constant) and isinstance(value.value, str):
            parts.append(value.value.replace("{", "{{").replace("}", "}}"))
        elif not parts or not parts[-1].endswith("}") or parts[-1].endswith("}}"):
            number += 1
            parts.append(f"{{{number}}}")
    return "".join(parts)


class _MessageFinder(ast.NodeVisitor):
    """Message texts of the platform: literal messages of errors, "message" values, the
    values of constant tables (``REFUSALS``, ``STATE_REMARKS``…), what *_message()
    functions return. f-strings become patterns (``_pattern_of``), matched at run time."""

    def __init__(self) -> None:
        self.found: list[str] = []
        self.patterns: list[str] = []
        self._function: list[str] = []

    def _take(self, node: ast.AST | None) -> None:
        if node is None:
            return
        if isinstance(node, ast.JoinedStr):
            if any(CJK.search(c.value) for c in _literals(node) if isinstance(c.value, str)):
                self.patterns.append(_pattern_of(node))
            return
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            if CJK.search(node.value):
                self.found.append(node.value)
            return
        if isinstance(node, ast.IfExp):
            self._take(node.body)
            self._take(node.orelse)

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        self._function.append(node.name)
        self.generic_visit(node)
        self._function.pop()

    visit_AsyncFunctionDef = visit_FunctionDef  # type: ignore[assignment]

    def visit_Return(self, node: ast.Return) -> None:
        if self._function and "message" in self._function[-1]:
            self._take(node.value)
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        index = MESSAGE_ARGUMENTS.get(name)
        if index is not None and len(node.args) > index:
            self._take(node.args[index])
        for keyword in node.keywords:
            if keyword.arg == "message":
                self._take(keyword.value)
        self.generic_visit(node)

    def visit_Dict(self, node: ast.Dict) -> None:
        for key, value in zip(node.keys, node.values, strict=True):
            if isinstance(key, ast.Constant) and key.value == "message":
                self._take(value)
        self.generic_visit(node)

    def _constant_table(self, targets: list[ast.expr], value: ast.expr | None) -> None:
        names = [t.id for t in targets if isinstance(t, ast.Name)]
        if value is None or self._function or not any(_is_constant_name(n) for n in names):
            return
        if isinstance(value, ast.Dict):
            for item in value.values:
                self._take_nested(item)
        elif isinstance(value, ast.Tuple | ast.List | ast.Set):
            for item in value.elts:
                self._take_nested(item)

    def _take_nested(self, node: ast.expr) -> None:
        if isinstance(node, ast.Tuple | ast.List):
            for item in node.elts:
                self._take(item)
        else:
            self._take(node)

    def visit_Assign(self, node: ast.Assign) -> None:
        self._constant_table(node.targets, node.value)
        self.generic_visit(node)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        self._constant_table([node.target], node.value)
        self.generic_visit(node)


def _marked_rules(tree: ast.AST) -> Iterator[str]:
    """What the rules package marks with QT_TRANSLATE_NOOP("rules", …) itself."""
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and getattr(node.func, "id", "") == "QT_TRANSLATE_NOOP"
            and len(node.args) == 2
        ):
            context, text = node.args
            if isinstance(context, ast.Constant) and isinstance(text, ast.Constant):
                yield str(text.value)


@dataclass
class PlatformMessages:
    platform: list[str]
    rules: list[str]
    patterns: list[str]


def scan_platform(root: Path = ROOT) -> PlatformMessages:
    """The messages of ``server/`` and ``rules/`` the client may show, sorted, unique."""
    finder = _MessageFinder()
    for path in sorted((root / "server").rglob("*.py")):
        if path.name in SERVER_SKIPPED or "migrations" in path.parts:
            continue
        finder.visit(ast.parse(path.read_text(encoding="utf-8")))
    rules_finder = _MessageFinder()
    rules: list[str] = []
    for path in sorted((root / "rules").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        rules.extend(_marked_rules(tree))
        rules_finder.visit(tree)
    rules.extend(rules_finder.found)
    rules_set = set(rules)
    filled = [_numbered(text) for text in rules_set if _NAMED_VALUE.search(text)]
    return PlatformMessages(
        platform=sorted(set(finder.found) - rules_set),
        rules=sorted(rules_set),
        patterns=sorted(set(finder.patterns + rules_finder.patterns + filled)),
    )


_NAMED_VALUE = re.compile(r"\{(\w+)\}")


def _numbered(text: str) -> str:
    """A rules message with named values ("应为{length}位") as the platform sends it filled
    in (``rules.invoice.filled``): a pattern, "应为{1}位"."""
    names: list[str] = []

    def number(match: re.Match[str]) -> str:
        if match.group(1) not in names:
            names.append(match.group(1))
        return f"{{{names.index(match.group(1)) + 1}}}"

    return _NAMED_VALUE.sub(number, text)


def render_platform_messages(messages: PlatformMessages) -> str:
    lines = [
        '"""The platform\'s and the rules\' messages, marked for lupdate (generated: do not edit).',
        "",
        "    python -m tools.translations platform-messages",
        "",
        "The platform answers with Chinese messages and the shared ``rules`` package checks in",
        "Chinese; ``desktop.views.widgets.tr_platform`` translates them where they are shown.",
        "Messages with values (f-strings) are patterns, ``{1}``… standing for the values;",
        '``tr_platform`` matches them when no message is equal."""',
        "",
        "from __future__ import annotations",
        "",
        "from rules._i18n import QT_TRANSLATE_NOOP",
        "",
        "PLATFORM = (",
        *(
            f'    QT_TRANSLATE_NOOP("platform", {json.dumps(t, ensure_ascii=False)}),'
            for t in messages.platform
        ),
        ")",
        "",
        "PATTERNS = (",
        *(
            f'    QT_TRANSLATE_NOOP("platform-pattern", {json.dumps(t, ensure_ascii=False)}),'
            for t in messages.patterns
        ),
        ")",
        "",
        "RULES = (",
        *(
            f'    QT_TRANSLATE_NOOP("rules", {json.dumps(t, ensure_ascii=False)}),'
            for t in messages.rules
        ),
        ")",
        "",
    ]
    return "\n".join(lines)


def platform_messages() -> int:
    messages = scan_platform()
    PLATFORM_MESSAGES.write_text(render_platform_messages(messages), encoding="utf-8")
    ruff = shutil.which("ruff") or Path(sys.executable).with_name("ruff")
    if Path(ruff).is_file():  # keep the generated file as the formatter wants it
        subprocess.run([str(ruff), "format", "-q", str(PLATFORM_MESSAGES)], check=False)
    print(
        f"{len(messages.platform)} platform and {len(messages.rules)} rules messages;"
        f" {len(messages.patterns)} patterns of messages with values"
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.translations", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("update", help="extract the messages into both .ts files")
    commands.add_parser("build", help="compile the .qm files")
    commands.add_parser("check", help="fail on unfinished or stale translations")
    merging = commands.add_parser("merge", help="fill translations from JSON files")
    merging.add_argument("files", nargs="+", type=Path)
    merging.add_argument("--language", default="en")
    merging.add_argument("--overwrite", action="store_true", help="replace finished ones too")
    commands.add_parser("platform-messages", help="regenerate desktop/platform_messages.py")
    args = parser.parse_args(argv)
    if args.command == "update":
        update()
        return 0
    if args.command == "build":
        return build()
    if args.command == "check":
        return check()
    if args.command == "merge":
        return merge(args.files, args.language, overwrite=args.overwrite)
    return platform_messages()


if __name__ == "__main__":
    sys.exit(main())
