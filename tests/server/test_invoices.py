"""发票 on the real platform: the one-month window, refusals with their reasons, the fields
checked at their field, and issuing by the administrators' command (PDF and notice).
"""

from __future__ import annotations

import io
from typing import Any

import pypdf
import requests

from rules.invoice import uscc_check_char
from tests.conftest import PlatformFactory
from tests.helpers.learners import (
    buy,
    collected_learner,
    enrolled_learner,
    fill_learner_info,
    issue_cards,
    issue_invoices,
)
from tests.helpers.platform import DEFAULT_NOW, PlatformProcess, assert_error, bearer, login

COMPANY_TAX_NUMBER = "91440101MA5CXXXX1" + uscc_check_char("91440101MA5CXXXX1")
DEADLINE = "2021-07-21T23:59:59+08:00"  # paid 2021-06-21: the same day of the next month


def _ask(platform: PlatformProcess, token: str, order_id: str, **fields: str) -> requests.Response:
    body = {
        "title_type": "personal",
        "title": "张晓红",
        "tax_number": "",
        "email": "zxh@example.com",
    }
    body.update(fields)
    return requests.post(
        f"{platform.api}/orders/{order_id}/invoice", json=body, headers=bearer(token), timeout=10
    )


def _order(platform: PlatformProcess, token: str, order_id: str) -> dict[str, Any]:
    response = requests.get(platform.api + "/orders", headers=bearer(token), timeout=10)
    assert response.status_code == 200, response.text
    order: dict[str, Any] = next(o for o in response.json()["items"] if o["id"] == order_id)
    return order


def _token(platform: PlatformProcess, learner: dict[str, Any]) -> str:
    response = login(platform, learner["id_number"], learner["password"])
    assert response.status_code == 201, response.text
    token: str = response.json()["access_token"]
    return token


def test_an_order_shows_its_window_and_the_fields_are_checked_at_their_field(
    platform: PlatformProcess,
) -> None:
    learner = enrolled_learner(platform)
    token, order_id = learner["access_token"], learner["order"]["id"]
    order = _order(platform, token, order_id)
    assert (order["invoice"], order["invoice_problem"]) == (None, None)
    assert order["invoice_deadline"] == DEADLINE

    for fields, code, field in (
        ({"title": "  "}, "title_invalid", "title"),
        ({"title": "票" * 101}, "title_invalid", "title"),
        ({"title_type": "company", "title": "某某公司"}, "tax_number_invalid", "tax_number"),
        (
            {"title_type": "company", "tax_number": COMPANY_TAX_NUMBER[:17] + "0"},
            "tax_number_invalid",
            "tax_number",
        ),
        ({"tax_number": COMPANY_TAX_NUMBER}, "tax_number_invalid", "tax_number"),
        ({"email": "zxh@example"}, "email_invalid", "email"),
        ({"email": ""}, "email_invalid", "email"),
    ):
        assert_error(_ask(platform, token, order_id, **fields), 422, code, field)
    assert _order(platform, token, order_id)["invoice"] is None  # nothing kept of those

    response = _ask(
        platform,
        token,
        order_id,
        title_type="company",
        title=" 广州市某某有限公司 ",
        tax_number=COMPANY_TAX_NUMBER.lower(),
    )
    assert response.status_code == 201, response.text
    invoice = response.json()
    assert invoice["order_number"] == learner["order"]["number"]
    assert (invoice["title"], invoice["tax_number"]) == ("广州市某某有限公司", COMPANY_TAX_NUMBER)
    assert (invoice["status"], invoice["number"], invoice["pdf_available"]) == (
        "requested",
        None,
        False,
    )
    assert invoice["amount_fen"] == 9000 and invoice["requested_at"] == DEFAULT_NOW
    assert _order(platform, token, order_id)["invoice"] == invoice
    url = f"{platform.api}/orders/{order_id}/invoice"
    assert requests.get(url, headers=bearer(token), timeout=10).json() == invoice
    assert_error(
        requests.get(url + "/pdf", headers=bearer(token), timeout=10), 409, "invoice_not_issued"
    )
    assert_error(_ask(platform, token, order_id), 409, "invoice_exists")

    # Another learner's order is not found, nor is an invoice never asked for.
    other = collected_learner(platform)["access_token"]
    assert_error(_ask(platform, other, order_id), 404, "not_found")
    assert_error(requests.get(url, headers=bearer(other), timeout=10), 404, "not_found")


def test_study_card_free_and_unpaid_orders_are_refused_with_the_reason(
    platform: PlatformProcess,
) -> None:
    learner = collected_learner(platform)
    token = learner["access_token"]
    fill_learner_info(platform, token)

    free = buy(platform, token, ["yhdc-2021-public"])
    assert free["amount_fen"] == 0
    error = assert_error(_ask(platform, token, free["id"]), 422, "invoice_free")
    assert error["message"] == "免费订单无需开具发票"
    shown = _order(platform, token, free["id"])
    assert (shown["invoice_problem"], shown["invoice_deadline"]) == (error["message"], None)

    response = requests.post(
        platform.api + "/orders",
        json={"package_ids": ["yhdc-2021-professional"]},
        headers=bearer(token),
        timeout=10,
    )
    assert response.status_code == 201, response.text
    pending = response.json()
    error = assert_error(_ask(platform, token, pending["id"]), 409, "invoice_not_paid")
    assert _order(platform, token, pending["id"])["invoice_problem"] == error["message"]

    ((number, password),) = issue_cards(platform, "yhdc-2021-professional", 1)
    response = requests.post(
        platform.api + "/study-cards/activate",
        json={"card_number": number, "password": password, "order_id": pending["id"]},
        headers=bearer(token),
        timeout=10,
    )
    assert response.status_code == 201, response.text
    card_order = response.json()["order"]
    assert card_order["method"] == "study_card"
    assert card_order["invoice_problem"] == "学习卡订单的发票请联系您的学习卡开发商开具"
    assert card_order["invoice_deadline"] is None
    error = assert_error(_ask(platform, token, pending["id"]), 422, "invoice_study_card")
    assert error["message"] == card_order["invoice_problem"]


def test_the_window_closes_a_month_after_payment_and_issued_invoices_are_sent(
    platform_factory: PlatformFactory,
) -> None:
    platform = platform_factory(captcha=False)
    early, late = enrolled_learner(platform), enrolled_learner(platform)

    # A month later, the last day: still allowed.
    platform.restart(now="2021-07-21T23:59:00+08:00")
    token = _token(platform, early)
    order_id = early["order"]["id"]
    response = _ask(platform, token, order_id, email="early@example.com")
    assert response.status_code == 201, response.text

    # A month and a day later: closed, and the order says so before anything is filled.
    platform.restart(now="2021-07-22T18:23:50+08:00")
    late_token = _token(platform, late)
    message = "发票须在支付后1个月内申请（截止2021-07-21），已逾期不可补开"
    shown = _order(platform, late_token, late["order"]["id"])
    assert (shown["invoice_problem"], shown["invoice_deadline"]) == (message, DEADLINE)
    error = assert_error(
        _ask(platform, late_token, late["order"]["id"]), 422, "invoice_window_closed"
    )
    assert (error["message"], error["deadline"]) == (message, DEADLINE)

    # The administrators' command issues it: number, PDF and a notice to the e-mail.
    issue_invoices(platform)
    token = _token(platform, early)
    invoice = _order(platform, token, order_id)["invoice"]
    assert (invoice["status"], invoice["pdf_available"]) == ("issued", True)
    assert invoice["issued_at"] == "2021-07-22T18:23:50+08:00"
    assert len(invoice["number"]) == 14 and invoice["number"].startswith("44012121")
    response = requests.get(
        f"{platform.api}/orders/{order_id}/invoice/pdf", headers=bearer(token), timeout=10
    )
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    assert "attachment" in response.headers["content-disposition"]
    assert response.content.startswith(b"%PDF-1.4") and response.content.rstrip().endswith(b"%%EOF")
    reader = pypdf.PdfReader(io.BytesIO(response.content), strict=True)
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    for expected in (
        "电子发票（演示）",
        invoice["number"],
        "2021-07-22",
        "张晓红",
        "继续教育培训费",
        "¥90.00",
        "源和大成教育",
    ):
        assert expected in text, (expected, text)

    inbox = requests.get(platform.api + "/demo/inbox", timeout=10).json()["items"]
    notices = [m for m in inbox if m["to"] == "early@example.com"]
    assert len(notices) == 1
    assert notices[0]["text"].startswith("电子发票已发送至邮箱early@example.com")
    assert invoice["number"] in notices[0]["text"]

    # Issuing again changes nothing.
    issue_invoices(platform)
    assert _order(platform, token, order_id)["invoice"] == invoice
    inbox = requests.get(platform.api + "/demo/inbox", timeout=10).json()["items"]
    assert len([m for m in inbox if m["to"] == "early@example.com"]) == 1


def test_a_tax_number_is_stored_normalised_and_checked_where_gb_32100_wants_digits(
    platform: PlatformProcess,
) -> None:
    learner = enrolled_learner(platform)
    token, order_id = learner["access_token"], learner["order"]["id"]
    with_letter_in_region = "91A40101MA5CXXXX1" + uscc_check_char("91A40101MA5CXXXX1")
    error = assert_error(
        _ask(platform, token, order_id, title_type="company", title="某某公司",
             tax_number=with_letter_in_region),
        422,
        "tax_number_invalid",
        "tax_number",
    )  # fmt: skip
    assert "第 3 至 8 位" in error["message"]
    wide = COMPANY_TAX_NUMBER.lower().translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    typed = f" {wide[:4]} {wide[4:8]}-{wide[8:]}\u3000"
    response = _ask(
        platform, token, order_id, title_type="company", title="某某公司", tax_number=typed
    )
    assert response.status_code == 201, response.text
    assert response.json()["tax_number"] == COMPANY_TAX_NUMBER
