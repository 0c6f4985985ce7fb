"""CSV values read as the csv reader gives them when none needs stripping, stripped otherwise:
the same table either way."""

from __future__ import annotations

import pytest

from jury_tui.importing import csvfile
from jury_tui.importing.tables import read_table


def test_the_other_spaces_are_every_blank_but_the_space_and_line_ends():
    blanks = {chr(c) for c in range(0x110000) if chr(c).isspace()}
    assert set(csvfile._OTHER_SPACES) == blanks - {" ", "\r", "\n"}
    assert len(csvfile._OTHER_SPACES) == len(set(csvfile._OTHER_SPACES))


@pytest.mark.parametrize("text, expected", [
    ("numero;nom\n1;DA SILVA\n", True),
    ("numero;nom\r\n1;DA SILVA\r\n", True),
    ("numero;nom\n1 ;A\n", False),
    ("numero;nom\n1; A\n", False),
    ("numero;nom\n1;A \n", False),
    ("numero;nom\n 1;A\n", False),
    ("numero;nom\r\n1;A \r\n", False),
    ("numero;nom\r\n1;A\r\n ", False),
    (" numero;nom\n", False),
    ("numero;nom\n1;A\t\n", False),
    ("numero;nom\n1;A\xa0B\n", False),
    ('numero;nom\n1;"A"\n', False),
    ("numero,nom\n1, A\n", False),
    ("numero,nom\n1;A B\n", True),
])  # fmt: skip
def test_nothing_to_strip(text, expected):
    delimiter = "," if text.startswith("numero,") else ";"
    assert csvfile._nothing_to_strip(text, delimiter) is expected


def cells(table):
    return [(row.place, {key: (cell.text, cell.place, cell.error) for key, cell in row.cells.items()}) for row in table.rows]


@pytest.mark.parametrize("body", [
    "numero;nom;prenom;U1\n1;DA SILVA;Léa;12\n2;;Hugo;\n;;;\n3;B;C\n",
    "numero;nom;prenom;U1\n1;DA SILVA ;Léa;12\n2; ;Hugo; \n ; ;;\n3;B;C\n",
    "numero;nom;prenom;U1\r\n1;DA SILVA;Léa;12\r\n\r\n2;;Hugo;\r\n",
    "numero;nom;;U1\n1;A;;12\n",
    "numero;nom\n\n1;A\n;\n\n2;B\n;;\n\n",
    "numero;nom\r1;A\r\r2;B\r",
    "numero;nom\r\n1;A\n2;B\r3;C",
])  # fmt: skip
def test_same_table_either_way(tmp_path, monkeypatch, body):
    path = tmp_path / "c.csv"
    path.write_text(body, encoding="utf-8")
    fast = read_table(path)
    monkeypatch.setattr(csvfile, "_nothing_to_strip", lambda text, delimiter: False)
    slow = read_table(path)
    assert (fast.headers, cells(fast)) == (slow.headers, cells(slow))
    assert [len(r.grid()[1]) for r in fast.rows] == [len(r.grid()[1]) for r in slow.rows]


@pytest.mark.parametrize("body", [
    "numero;nom;;U1\n1;A;x;12\n",
    "numero;nom;U1\n1;A;12;;\n2;B;13\n",
    "numero;nom;nom\n1;A;B\n",
    "numero;nom\n1;A\n\n2;" + "B" * 200_000 + "\n",
    "numero;nom\n1;A;;\n\n2;B;C\n",
])  # fmt: skip
def test_same_problems_either_way(tmp_path, monkeypatch, body):
    from jury_tui.errors import JuryError

    path = tmp_path / "c.csv"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(JuryError) as fast:
        read_table(path)
    monkeypatch.setattr(csvfile, "_nothing_to_strip", lambda text, delimiter: False)
    with pytest.raises(JuryError) as slow:
        read_table(path)
    assert [(p.message, p.place) for p in fast.value.problems] == [(p.message, p.place) for p in slow.value.problems]
