"""Receipt layout rules for OCR'd scans (skillkit/engine/receipts.py), each checked on a few
OCR-like lines written here (never on the real corpus files)."""

from __future__ import annotations

from pathlib import Path

import pytest

from skillkit.engine import receipts
from skillkit.engine.document import Document, Page, make_line, text_segment
from skillkit.engine.extract import extract_document

RECEIPT = {
    "type": "object",
    "properties": {
        "company": {"type": ["string", "null"]},
        "date": {"type": ["string", "null"], "format": "date"},
        "address": {"type": ["string", "null"]},
        "total": {"type": ["number", "null"]},
    },
}


def _scan(lines: list[str], kind: str = "image") -> Document:
    """A document as the image reader gives it: one line per text line, segments cut at
    runs of two spaces, 30 px type."""
    out = []
    for i, text in enumerate(lines):
        y = 40.0 * i
        segs, x = [], 10.0
        for part in [p for p in text.split("  ") if p.strip()]:
            width = 12.0 * len(part)
            segs.append(text_segment(part.strip(), x, y, x + width, y + 30, size=30.0))
            x += width + 40
        out.append(make_line(segs, size=30.0))
    page = Page(index=0, width=800, height=40.0 * len(lines) + 40, lines=out)
    return Document(path=Path("scan.jpg"), kind=kind, pages=[page], page_count=1)


# -- amounts ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("SUBTOTAL  RN152. 00", 152.0),  # "RM" read as "RN", the decimal point set apart
        ("Total  Ril  = 86. 00", 86.0),
        ("Total Rounded  538 00", 538.0),  # the cents split off by a space
        ("TOTAL:MYR  ~-81..80", -81.8),  # a doubled point; the dash is a sign
        ("Rounding:  RMO.00", 0.0),  # O for 0 inside a number
        ("Tota  Inch, aS Te6%  RM 37,10", 37.1),  # a decimal comma, the rate is no amount
        ("Total Sales Incl GST @ 6%  RM8 60", 8.6),
        ("Total Sales (Inclusive of GST) :  1,007.50", 1007.5),
        ("2  TOTAL  12?.3a0", 12.3),  # specks read inside the number
    ],
)
def test_receipt_amounts_survive_ocr_noise(text, value):
    assert receipts.amounts(text)[-1][0] == pytest.approx(value)


def test_dates_times_and_rates_are_not_amounts():
    assert receipts.amounts("Date : 28-04-2018 20:10:51") == []
    assert receipts.amounts("SR  (@ 6%)") == []


# -- the total ----------------------------------------------------------------------------


def _total(lines: list[str]) -> float | None:
    found = receipts.receipt_total(lines)
    return None if found is None else found.value


def test_rounded_total_beats_the_total_before_rounding():
    lines = [
        "Total (Excluding GST):  62.00",
        "GST Payable:  3.72",
        "Total (Inclusive of GST);  65.72",
        "Rounding Adj  -0.02",
        "T0TAL:  65.70",
        "CASH :  70.00",
        "CHANGE  4.30",
    ]
    assert _total(lines) == 65.7


def test_total_after_a_rounding_line_is_final_even_when_called_net():
    lines = ["Grand Total :  87.08", "Rounding Adjustment:", "Net Total :  87.10"]
    assert _total(lines) == 87.1


def test_total_rounding_adjustment_is_not_the_total():
    lines = ["TOTAL  RM 30.91", "TOTAL ROUNDING ADJ  RM -0.01", "TOTAL ROUNDED  RM 30.90"]
    assert _total(lines) == 30.9
    assert _total(lines[:2]) == 30.9  # the adjustment applied to the total before it


def test_rounding_adjustment_applied_when_no_total_follows_it():
    lines = ["Total (Inclusive of GST):  48.16", "Rounding Adj):  -0.01", "CASH :  50.00"]
    assert _total(lines) == 48.15


def test_amount_payable_beats_total_including_tax():
    lines = ["Total Amt Incl. GST @6 %:  166.00", "Total Amt Payable :  156.00"]
    assert _total(lines) == 156.0


def test_including_tax_beats_excluding_tax_and_the_tax_summary_is_ignored():
    lines = [
        "Total Sales (Excluding GST)  :  96.00",
        "TotalGST  :  5.76",
        "Total Sales (Inclusive of GST)  :  101.76",
        "CASH  :  150.00",
        "GST SUMMARY",
        "Tax Code  %  Amt(RM)  Tax (RM)",
        "Total :  96.00  5.76",
    ]
    assert _total(lines) == 101.76


def test_a_total_printed_twice_and_misread_once_takes_the_confirmed_reading():
    lines = ["SubTotal  81.80", "Total  81.80", "TOTAL:MYR  81.60", "Cash  85.00"]
    assert _total(lines) == 81.8
    # a later total after a discount line is not a misreading
    assert _total(["Total  10.00", "Discount  2.00", "Total  8.00"]) == 8.0


def test_total_label_alone_takes_the_amount_on_the_next_line():
    assert _total(["TOTAL AMOUNT PAYABLE", "RM 50.00", "CASH  RM  50.00"]) == 50.0
    assert _total(["Total", "5.00", "Cash", "10.00"]) == 5.0
    assert _total(["Balance Due", "RM 12.40"]) == 12.4


def test_quantities_tax_cash_and_change_are_not_totals():
    assert _total(["Total Qty:  4  101.76", "TotalGST  :  5.76", "CASH  :  150.00"]) is None


def test_subtotal_is_the_last_resort():
    assert _total(["SUBTOTAL  RN152. 00", "GST 0%  RMO. 00", "CASH  RM152- 00"]) == 152.0


def test_a_word_near_total_is_not_a_total():
    assert _total(["Totem pole  12.00"]) is None
    assert receipts._near("tota", "total") and not receipts._near("tonne", "total")


# -- merchant and address -----------------------------------------------------------------


def test_registration_lines():
    for text in [
        "(1120908-M)",
        "Co. Reg. No.:  795225-A",
        "Company No  :256628-W",
        "GST ID : 000781500416",
        "002570632-X",
        "TRI SHAAS SDN BHD (728515-M)",
    ]:
        assert receipts.is_registration(text), text
    for text in ["NO 5, JALAN MAJU 3,", "Table 40", "3  180048", "TAX INVOICE"]:
        assert not receipts.is_registration(text), text


def test_merchant_is_the_line_before_the_registration_number_not_the_logo_line():
    lines = ["FACE TO FACE CAFE", "FTOF CAFE", "(002049088-U)", "No.25, Jalan Maju 2,"]
    assert receipts.receipt_merchant(lines) == (1, 1, "FTOF CAFE")


def test_merchant_with_its_number_on_the_same_line_drops_the_number():
    lines = ["CITY TEA", "KT VENTURE SDN BHD (1191015-W)", "LOT-18A-2, MAJU SQUARE,"]
    assert receipts.receipt_merchant(lines) == (1, 1, "KT VENTURE SDN BHD")


def test_merchant_skips_a_speck_line_and_reads_son_bhd_as_sdn_bhd():
    lines = ["KEDAI RIA SON BHD", "~", "(123456-M)"]
    assert receipts.receipt_merchant(lines) == (0, 0, "KEDAI RIA SDN BHD")


def test_legal_form_alone_on_the_next_line_joins_the_name():
    lines = ["Peri Grill Holdings Malaysia", "Sdn Bhd", "Unit G-13, Ground Floor", "Tax Invoice"]
    assert receipts.receipt_merchant(lines) == (0, 1, "Peri Grill Holdings Malaysia Sdn Bhd")


def test_address_skips_numbers_and_outlet_name_and_stops_at_a_field_line():
    lines = [
        "KEDAI MAJU SDN BHD",
        "(123456-M)",
        "(GST ID No : 000144596992)",
        "MAJU MART TAMAN JAYA",
        "NO 69, JALAN PENGKALAN 5,",
        "TAMAN PASIR EMAS,",
        "81700 PASIR GUDANG, JOHOR.",
        "Site : 2188",
        "Tel/Fax: 07-271 2406",
    ]
    assert receipts.receipt_address(lines, 0, 0) == (4, 6)


def test_address_printed_above_the_name():
    lines = [
        "TAX INVOICE",
        "Petrol Station Jaya 2",
        "LOT PTD 101051",
        "Jalan Permas 10/10",
        "81750 Masai, Johor",
        "Jaya Fuel Enterprise",
        "co, REG.  NO: 001011128-1",
        "30-06-2018 09:09:49",
    ]
    assert receipts.receipt_merchant(lines) == (5, 5, "Jaya Fuel Enterprise")
    assert receipts.receipt_address(lines, 5, 5) == (2, 4)


def test_address_text_undoes_section_sign_for_five():
    assert receipts.address_text(["§6100 CHERAS,", "KUALA  LUMPUR."], 0, 1) == (
        "56100 CHERAS, KUALA LUMPUR."
    )


# -- end to end ---------------------------------------------------------------------------

SCAN = [
    "Kopi Q",
    "MAJU JAYA TRADING SDN BHD",
    "(894996-D)",
    "(GST ID: 000926818304)",
    "MAJU MART CHERAS",
    "No 2A Jalan Cochrane",
    "Taman Maluri",
    "55100 KUALA LUMPUR",
    "Tel: 03-62062378",
    "Tax Invoice",
    "Date:  20/10/2016 Time:  3:08:19PM",
    "ALACARTE SUSHI  RM5.60 SR",
    "Total Excl GST  RM9.20",
    "GST:  RMO.55",
    "Total Sales:  RM9.75",
    "Tendered: RM10.00",
    "Change : RMO.25",
    "GST Summary  Excl Amount(RM)",
    "Total  9.20  0.55",
]


def test_scanned_receipt_end_to_end():
    data = extract_document(_scan(SCAN), RECEIPT).data
    assert data == {
        "company": "MAJU JAYA TRADING SDN BHD",
        "date": "2016-10-20",
        "address": "No 2A Jalan Cochrane Taman Maluri 55100 KUALA LUMPUR",
        "total": 9.75,
    }


def test_specks_at_a_scans_edges_do_not_cut_the_address_or_join_the_name():
    lines = list(SCAN)
    lines[1] = "|  ee  " + lines[1] + "  |"
    lines.insert(6, "7")  # a speck line inside the address
    lines[5] = ":  " + lines[5] + "  j"
    data = extract_document(_scan(lines), RECEIPT).data
    assert data["company"] == "MAJU JAYA TRADING SDN BHD"
    assert data["address"] == "No 2A Jalan Cochrane Taman Maluri 55100 KUALA LUMPUR"


def test_scan_without_registration_number_keeps_the_prominent_name_and_its_address():
    lines = [
        "UROKO NOODLE BAR SDN BHD",
        "22A-1, JALAN 17/54,",
        "SECTION 17,",
        "46400 PETALING JAYA,",
        "03-7932 1023",
        "Date  :  14/05/2018 12:14:08 PM",
        "Grand Total :  87.08",
        "Rounding Adjustment:",
        "Net Total :  87.10",
    ]
    data = extract_document(_scan(lines), RECEIPT).data
    assert data["company"] == "UROKO NOODLE BAR SDN BHD"
    assert data["address"] == "22A-1, JALAN 17/54, SECTION 17, 46400 PETALING JAYA,"
    assert data["total"] == 87.1


def test_a_printed_merchant_label_keeps_its_reading():
    schema = {
        "type": "object",
        "properties": {
            "merchant_name": {"type": ["string", "null"]},
            "total_amount": {"type": ["number", "null"]},
        },
    }
    lines = [
        "Merchant:  Kopi Corner",
        "ANOTHER NAME SDN BHD",
        "(123456-M)",
        "Total  12.00",
        "Rounding Adj  -0.02",
        "Total Rounded  11.98",
    ]
    data = extract_document(_scan(lines), schema).data
    assert data == {"merchant_name": "Kopi Corner", "total_amount": 11.98}
