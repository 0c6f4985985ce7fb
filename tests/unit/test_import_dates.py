"""Birth dates: the direct reading of jj/mm/aaaa gives what the general reading gives."""

from __future__ import annotations

import random
import re
from datetime import date

import pytest

from jury_tui.errors import JuryError, Place
from jury_tui.importing import fields

_FRENCH = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")


def general(text):
    """The reading by regular expressions alone, as it was written first."""
    t = (text or "").strip()
    if not t:
        return None
    m = _FRENCH.fullmatch(t)
    try:
        if m:
            return date(int(m.group(3)), int(m.group(2)), int(m.group(1))).isoformat()
        if _ISO.fullmatch(t):
            return date.fromisoformat(t).isoformat()
    except ValueError:
        pass
    return "refusée"


def read(text):
    try:
        return fields.birth_date(text, Place())
    except JuryError:
        return "refusée"


@pytest.mark.parametrize("text", [
    "29/02/2024", "29/02/2023", "31/04/2020", "00/01/2020", "01/00/2020", "01/13/2020", "01/01/0000",
    "01/01/0001", "31/12/9999", "1/1/2020", "01/1/2020", " 01/01/2020 ", "01/01/2020x", "0a/01/2020",
    "01-01-2020", "2020-01-01", "2020-02-30", "١٢/٠١/٢٠٢٠", "12/01/٢٠٢٠", "+1/01/2020", "-1/01/2020",
    "1 /01/2020", "01/01/ 202", "", "  ", None,
])  # fmt: skip
def test_same_reading(text):
    assert read(text) == general(text)


def test_same_reading_of_every_day_and_of_noise():
    rng = random.Random(20260630)
    texts = [f"{d:02d}/{m:02d}/{y}" for y in (1999, 2000, 2023, 2024) for m in range(14) for d in range(33)]
    texts += ["".join(rng.choice("0123456789/ -+a") for _ in range(10)) for _ in range(20000)]
    assert [read(t) for t in texts] == [general(t) for t in texts]


def test_a_refused_date_says_what_to_write():
    with pytest.raises(JuryError, match="date attendue jj/mm/aaaa ou aaaa-mm-jj"):
        fields.birth_date("31/02/2005", Place(line=3))
