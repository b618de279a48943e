"""选课 at scale: a 10,000-course catalog loaded from the cache and filtered keystroke by
keystroke, against a stock Qt reference, side by side in one run.

    QT_QPA_PLATFORM=offscreen python benchmarks/catalog.py [--courses 10000] [--runs 7]

Builds a realistic catalog (categories, titles and teachers in the style of the demo
catalog), stores it in a real account ``Cache`` file through ``learning_cache``, then times

  * load: cache read + JSON decode + ``Course`` records + model reset + the tree's layout
    with every category expanded;
  * filter: the learner types each query one character at a time, then deletes it with
    backspaces; each keystroke = ``set_filter`` + the tree's relayout (categories expanded).

for
  * kjce: ``CatalogModel`` in the page's ``CatalogTree`` (QTreeView);
  * reference: the same rows in a ``QStandardItemModel`` behind a ``QSortFilterProxyModel``
    (``setRecursiveFilteringEnabled(True)``, case-insensitive, on a title+teacher key),
    in a plain QTreeView, filtering the same keystrokes;

and prints the medians and the worst keystroke, with the ratios kjce/reference.  One
repaint of the visible rows is timed apart ("paint"): it does not depend on the filter.
Targets (issue 4): load < 300 ms, filter < 10 ms median per keystroke; (issue 16) every
keystroke within a frame: the 90th percentile and the worst ≤ 16 ms.
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSortFilterProxyModel, Qt  # noqa: E402
from PySide6.QtGui import QStandardItem, QStandardItemModel  # noqa: E402
from PySide6.QtWidgets import QApplication, QTreeView  # noqa: E402

from desktop.models.api_types import Catalog, Course, Enrollment  # noqa: E402
from desktop.models.cache import Cache  # noqa: E402
from desktop.models.catalog_model import CatalogModel  # noqa: E402
from desktop.models.learning_cache import get_catalog, put_catalog  # noqa: E402
from desktop.views.course_selection import CatalogTree  # noqa: E402
from rules.credits import format_credits  # noqa: E402

QUERIES = ("政府会计准则", "增值税", "郭淑荣", "企业所得税汇算清缴", "内部控制", "ifrs")
# The title+teacher key rides in the status-tip role: in PySide6 6.12, calling
# QStandardItem.setData 200,000 times aborts the interpreter ("none_dealloc"), setStatusTip not.
KEY_ROLE = Qt.ItemDataRole.StatusTipRole
FRAME_MS = 16  # one frame at 60 Hz: no keystroke may take longer (issue 16)

CATEGORIES = {
    "行政事业": [
        "政府会计准则第{n}号——{topic}",
        "政府会计准则解释第{n}号",
        "政府会计制度——{topic}核算",
        "行政事业单位{topic}管理办法解读",
        "事业单位{topic}实务（{part}）",
    ],
    "企业会计": [
        "企业会计准则第{n}号——{topic} 解读",
        "企业会计准则解释第{n}号",
        "小企业会计准则：{topic}",
        "{topic}核算实务（{part}）",
        "IFRS {n} 与中国准则的{topic}差异",
    ],
    "税务": [
        "增值税{topic}政策解读",
        "企业所得税汇算清缴：{topic}",
        "个人所得税{topic}实务",
        "{topic}税收优惠政策汇编（{part}）",
        "金税四期下的{topic}风险管理",
    ],
    "财务管理": [
        "企业{topic}管理",
        "{topic}决策分析",
        "财务报表分析：{topic}",
        "{topic}与价值管理（{part}）",
    ],
    "内部控制": [
        "企业内部控制应用指引第{n}号——{topic}",
        "{topic}内部控制与风险防范",
        "内部控制评价：{topic}",
    ],
    "管理会计": [
        "管理会计应用指引第{n}号——{topic}",
        "{topic}与绩效管理",
        "作业成本法在{topic}中的应用",
    ],
    "审计": ["{topic}审计实务（{part}）", "中国注册会计师审计准则第{n}号——{topic}"],
    "会计信息化": ["{topic}与智能财务", "财务共享服务中心：{topic}", "电子会计档案{topic}"],
    "经济法规": ["《{topic}法》解读", "{topic}合同的法律风险", "民法典与{topic}"],
    "会计基础": ["会计基础工作规范：{topic}", "会计档案管理办法：{topic}"],
    "职业道德": ["会计人员职业道德规范：{topic}", "会计诚信与{topic}"],
    "金融会计": ["金融工具确认和计量：{topic}", "{topic}套期会计（{part}）"],
}
TOPICS = [
    "收入",
    "租赁",
    "金融工具",
    "政府补助",
    "长期股权投资",
    "合并财务报表",
    "资产减值",
    "固定资产",
    "无形资产",
    "存货",
    "职工薪酬",
    "所得税",
    "外币折算",
    "公允价值计量",
    "持有待售",
    "债务重组",
    "非货币性资产交换",
    "预算",
    "成本",
    "资金",
    "采购",
    "销售",
    "研发",
    "担保",
    "工程项目",
    "全面预算",
    "营运资金",
    "投融资",
    "国有资产",
    "政府采购",
    "绩效评价",
    "数据资产",
    "碳排放权",
    "供应链",
    "数字化转型",
    "电子发票",
    "跨境电商",
    "小微企业",
    "留抵退税",
]
PARTS = ("上", "中", "下", "一", "二", "三")
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英建华志勇淑荣晓燕海涛振华"


def build_catalog(count: int, seed: int = 20210621) -> Catalog:
    """*count* courses over the categories, in catalog order (category, then position)."""
    rng = random.Random(seed)
    teachers = ["郭淑荣", "魏星", "黄志勇"] + [
        rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(("", *GIVEN)) for _ in range(120)
    ]
    names = list(CATEGORIES)
    weights = [5, 5, 4, 3, 3, 2, 2, 2, 2, 1, 1, 1]
    per_category = {name: 0 for name in names}
    for _ in range(count):
        per_category[rng.choices(names, weights)[0]] += 1
    courses: list[Course] = []
    for category in names:
        for _ in range(per_category[category]):
            template = rng.choice(CATEGORIES[category])
            title = template.format(
                n=rng.randint(1, 42), topic=rng.choice(TOPICS), part=rng.choice(PARTS)
            )
            tenths = rng.choice((10, 15, 20, 23, 24, 25, 30, 35, 40))
            courses.append(
                Course(
                    id=f"bench-c{len(courses):05d}",
                    category=category,
                    title=title,
                    teacher=rng.choice(teachers),
                    credits_tenths=tenths,
                    duration_ms=tenths * 45 * 6_000,
                    required=len(courses) < 2,
                    selected=len(courses) < 2,
                    watched_ms=0,
                    trial_available=rng.random() < 0.8,
                    deselect_problem=None,
                )
            )
    enrollment = Enrollment(
        id="bench-enrollment",
        package_id="bench-2021-professional",
        title="2021年度广州市继续教育培训(专业课)",
        institution_id="bench",
        institution_name="源和大成教育",
        year=2021,
        course_type="professional",
        required_tenths=600,
        selected_tenths=sum(c.credits_tenths for c in courses if c.selected),
        selected_count=2,
        closes_at="2021-12-31T23:59:59+08:00",
        closed=False,
        order_id="bench-order",
    )
    return Catalog(enrollment=enrollment, courses=tuple(courses))


def keystrokes(queries: Sequence[str]) -> list[str]:
    """Each query typed one character at a time, then deleted one backspace at a time."""
    texts: list[str] = []
    for query in queries:
        texts += [query[:n] for n in range(1, len(query) + 1)]
        texts += [query[:n] for n in range(len(query) - 1, -1, -1)]
    return texts


def ms_since(start: float) -> float:
    return (time.perf_counter() - start) * 1000


def expand_all(view: QTreeView) -> None:
    model = view.model()
    for row in range(model.rowCount()):
        view.setExpanded(model.index(row, 0), True)


# -- kjce ------------------------------------------------------------------------------


def time_kjce(
    app: QApplication, cache: Cache, enrollment_id: str, runs: int, texts: list[str]
) -> dict[str, list[float]]:
    model = CatalogModel()
    tree = CatalogTree()
    tree.setModel(model)
    tree.resize(900, 640)
    tree.show()
    app.processEvents()
    result: dict[str, list[float]] = {"read": [], "load": [], "filter": [], "paint": []}
    for _ in range(runs):
        model.set_filter("")
        model.set_catalog([])
        app.processEvents()
        start = time.perf_counter()
        stamped = get_catalog(cache, enrollment_id)
        assert stamped is not None
        result["read"].append(ms_since(start))
        model.set_catalog(stamped.catalog.courses)
        tree.doItemsLayout()
        result["load"].append(ms_since(start))
        app.processEvents()
        for text in texts:
            start = time.perf_counter()
            model.set_filter(text)
            tree.doItemsLayout()
            result["filter"].append(ms_since(start))
            start = time.perf_counter()
            tree.viewport().repaint()
            result["paint"].append(ms_since(start))
    tree.close()
    return result


# -- reference -------------------------------------------------------------------------


def standard_model(courses: Sequence[Course]) -> QStandardItemModel:
    """The catalog as stock Qt items: category rows, course rows of six cells."""
    model = QStandardItemModel()
    model.setHorizontalHeaderLabels(["课程名称", "授课老师", "学分", "时长", "试听", "选择"])
    categories: dict[str, QStandardItem] = {}
    for course in courses:
        parent = categories.get(course.category)
        if parent is None:
            parent = categories[course.category] = QStandardItem(course.category)
            model.appendRow(parent)
        title = QStandardItem(course.title)
        title.setStatusTip(f"{course.title}\n{course.teacher}")
        check = QStandardItem()
        check.setCheckable(True)
        check.setCheckState(Qt.CheckState.Checked if course.selected else Qt.CheckState.Unchecked)
        parent.appendRow(
            [
                title,
                QStandardItem(course.teacher),
                QStandardItem(format_credits(course.credits_tenths)),
                QStandardItem(f"{round(course.duration_ms / 60_000)}分钟"),
                QStandardItem("试听" if course.trial_available else ""),
                check,
            ]
        )
    return model


def time_reference(
    app: QApplication, cache: Cache, enrollment_id: str, runs: int, texts: list[str]
) -> dict[str, list[float]]:
    proxy = QSortFilterProxyModel()
    proxy.setRecursiveFilteringEnabled(True)
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    proxy.setFilterRole(KEY_ROLE)
    tree = QTreeView()
    tree.setUniformRowHeights(True)
    tree.setModel(proxy)
    tree.resize(900, 640)
    tree.show()
    app.processEvents()
    result: dict[str, list[float]] = {"read": [], "load": [], "filter": [], "paint": []}
    for _ in range(runs):
        proxy.setFilterFixedString("")
        old = proxy.sourceModel()
        proxy.setSourceModel(QStandardItemModel())
        if old is not None:
            old.deleteLater()
        app.processEvents()
        start = time.perf_counter()
        stamped = get_catalog(cache, enrollment_id)
        assert stamped is not None
        result["read"].append(ms_since(start))
        source = standard_model(stamped.catalog.courses)
        proxy.setSourceModel(source)
        expand_all(tree)
        tree.doItemsLayout()
        result["load"].append(ms_since(start))
        app.processEvents()
        for text in texts:
            start = time.perf_counter()
            proxy.setFilterFixedString(text)
            expand_all(tree)  # categories that come back are collapsed
            tree.doItemsLayout()
            result["filter"].append(ms_since(start))
            start = time.perf_counter()
            tree.viewport().repaint()
            result["paint"].append(ms_since(start))
    tree.close()
    return result


# -- report ----------------------------------------------------------------------------


def check_same_rows(app: QApplication, catalog: Catalog, texts: list[str]) -> None:
    """Both sides show the same number of courses for every keystroke (a fair race)."""
    model = CatalogModel()
    model.set_catalog(catalog.courses)
    proxy = QSortFilterProxyModel()
    proxy.setRecursiveFilteringEnabled(True)
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    proxy.setFilterRole(KEY_ROLE)
    proxy.setSourceModel(standard_model(catalog.courses))
    for text in sorted(set(texts)):
        model.set_filter(text)
        proxy.setFilterFixedString(text)
        shown = sum(proxy.rowCount(proxy.index(r, 0)) for r in range(proxy.rowCount()))
        if shown != model.visible_course_count():
            raise SystemExit(f"{text!r}: kjce {model.visible_course_count()} ≠ reference {shown}")


def summary(label: str, kjce: list[float], reference: list[float], fmt: str = ".1f") -> str:
    k, r = statistics.median(kjce), statistics.median(reference)
    return f"{label:34}{k:>12{fmt}}{r:>12{fmt}}{k / r:>9.2f}"


def percentile90(label: str, kjce: list[float], reference: list[float]) -> str:
    k = statistics.quantiles(kjce, n=10)[-1]
    r = statistics.quantiles(reference, n=10)[-1]
    return f"{label:34}{k:>12.1f}{r:>12.1f}{k / r:>9.2f}"


def worst(label: str, kjce: list[float], reference: list[float]) -> str:
    k, r = max(kjce), max(reference)
    return f"{label:34}{k:>12.1f}{r:>12.1f}{k / r:>9.2f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--courses", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    app = QApplication(sys.argv[:1])
    catalog = build_catalog(args.courses)
    texts = keystrokes(QUERIES)
    check_same_rows(app, catalog, texts)
    matches = {}
    probe = CatalogModel()
    probe.set_catalog(catalog.courses)
    for query in QUERIES:
        probe.set_filter(query[:1])
        first = probe.visible_course_count()
        probe.set_filter(query)
        matches[query] = (first, probe.visible_course_count())

    with tempfile.TemporaryDirectory() as tmpdir:
        cache = Cache.open(Path(tmpdir) / "account" / "cache.sqlite3")
        try:
            start = time.perf_counter()
            put_catalog(cache, catalog, time.time())
            store_ms = ms_since(start)
            with sqlite3.connect(Path(tmpdir) / "account" / "cache.sqlite3") as db:
                (size,) = db.execute("SELECT length(CAST(json AS BLOB)) FROM records").fetchone()
            size_kb = size / 1024
            # Alternate the two sides so that neither gets a warmer machine.
            runs: list[tuple[str, Callable[..., dict[str, list[float]]]]] = [
                ("kjce", time_kjce),
                ("reference", time_reference),
            ]
            results: dict[str, dict[str, list[float]]] = {
                name: {"read": [], "load": [], "filter": [], "paint": []} for name, _fn in runs
            }
            for _ in range(args.runs):
                for name, fn in runs:
                    for key, values in fn(app, cache, catalog.enrollment.id, 1, texts).items():
                        results[name][key] += values
        finally:
            cache.close()

    kjce, ref = results["kjce"], results["reference"]
    print(
        f"platform: {sys.platform}, QT_QPA_PLATFORM={os.environ['QT_QPA_PLATFORM']}, "
        f"courses: {len(catalog.courses)} in {len({c.category for c in catalog.courses})} "
        f"categories, runs: {args.runs}, keystrokes per run: {len(texts)}"
    )
    print(f"cache record: one row of {size_kb:.0f} KB of JSON, stored in {store_ms:.0f} ms")
    for query, (first, full) in matches.items():
        print(f"  query {query!r}: first keystroke shows {first} courses, whole query {full}")
    print(f"{'(milliseconds)':34}{'kjce':>12}{'reference':>12}{'ratio':>9}")
    print(summary("cache read + decode + records", kjce["read"], ref["read"]))
    print(summary("load (median)", kjce["load"], ref["load"]))
    print(summary("filter per keystroke (median)", kjce["filter"], ref["filter"], ".2f"))
    print(percentile90("filter per keystroke (90th pct)", kjce["filter"], ref["filter"]))
    print(worst("filter per keystroke (worst)", kjce["filter"], ref["filter"]))
    print(summary("paint of the visible rows (median)", kjce["paint"], ref["paint"]))
    load_ok = statistics.median(kjce["load"]) < 300
    filter_ok = statistics.median(kjce["filter"]) < 10
    frame_ok = max(kjce["filter"]) <= FRAME_MS  # the 90th percentile is below the worst
    print(
        f"targets (load < 300 ms, filter < 10 ms median, 90th pct and worst ≤ {FRAME_MS} ms): "
        f"load {'met' if load_ok else 'NOT met'}, filter {'met' if filter_ok else 'NOT met'}, "
        f"every keystroke within a frame {'met' if frame_ok else 'NOT met'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
