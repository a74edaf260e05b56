import csv
import io
import time

import pytest

from fagersta.csv_export import csv_response, neutralise


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        # Hostile: a spreadsheet would run these.
        ("=1+1", "'=1+1"),
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+46 70", "'+46 70"),
        ("-1+2", "'-1+2"),
        ("-A1", "'-A1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\rtext", "'\rtext"),
        # ... and these too, once the program has skipped what comes before the formula.
        (" =cmd", "' =cmd"),
        ("\u00a0=cmd", "'\u00a0=cmd"),
        ("\u200b=cmd", "'\u200b=cmd"),
        ("\n@SUM(A1)", "'\n@SUM(A1)"),
        ("  \u200b\u00a0+cmd", "'  \u200b\u00a0+cmd"),
        ("\uff1dcmd", "'\uff1dcmd"),
        ("\uff0bcmd", "'\uff0bcmd"),
        ("\uff0dcmd", "'\uff0dcmd"),
        ("\uff20cmd", "'\uff20cmd"),
        (" \uff1dcmd", "' \uff1dcmd"),
        # Ordinary: left as they are.
        ("-3", "-3"),
        ("+3", "+3"),
        ("-3,5", "-3,5"),
        ("-0.25", "-0.25"),
        (" -3", " -3"),
        (-3, "-3"),
        (2.5, "2.5"),
        (True, "ja"),
        (None, ""),
        ("", ""),
        ("Kolarbyområdet", "Kolarbyområdet"),
        ("E-post: a@b.se", "E-post: a@b.se"),
        ("2021-03-01", "2021-03-01"),
        (" Torget", " Torget"),
    ],
)
def test_it_neutralises_formulas_and_leaves_ordinary_values(value, expected):
    assert neutralise(value) == expected


def test_it_scans_long_hostile_input_in_linear_time():
    text = " " * 500_000 + "-" + "1" * 500_000 + "x"
    started = time.perf_counter()
    assert neutralise(text).startswith("'")
    assert time.perf_counter() - started < 0.5


def test_it_writes_excel_friendly_csv():
    response = csv_response("x.csv", ["Namn", "Värde"], [["=cmd", -3], ["Åby", None]])
    body = b"".join(response.streaming_content)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="x.csv"'
    assert body.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))
    assert rows == [["Namn", "Värde"], ["'=cmd", "-3"], ["Åby", ""]]


def test_a_small_export_is_sent_in_one_piece_with_the_same_cells():
    rows = [["=cmd", -3], ["Åby", None]]
    whole = csv_response("x.csv", ["Namn", "Värde"], rows, streaming=False)
    streamed = csv_response("x.csv", ["Namn", "Värde"], rows)
    assert whole.content == b"".join(streamed.streaming_content)
    assert whole["Content-Disposition"] == 'attachment; filename="x.csv"'
