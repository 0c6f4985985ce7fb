"""A workbook saved by LibreOffice Calc (a real `soffice` process) reads with the values it computed."""

from __future__ import annotations

import shutil
import subprocess

import openpyxl
import pytest

from jury_tui.importing.tables import read_table


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice absent")
def test_values_computed_by_libreoffice(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Feuil1"
    for row in (["numero", "U1", "U4", "moyenne"], [2601, 12, 13, "=(B2+C2)/2"], ["=A2+1", 9, 10, "=B3*1.5"]):
        sheet.append(row)
    source = tmp_path / "source.xlsx"
    book.save(source)
    out = tmp_path / "out"
    command = ["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
               "--convert-to", "xlsx", "--outdir", str(out), str(source)]
    subprocess.run(command, capture_output=True, timeout=120, check=False)
    if not (out / "source.xlsx").exists():
        pytest.skip("LibreOffice Calc cannot convert here (not installed?)")
    table = read_table(out / "source.xlsx")
    assert [{key: cell.text for key, cell in row.cells.items()} for row in table.rows] == [
        {"numero": "2601", "u1": "12", "u4": "13", "moyenne": "12.50"},
        {"numero": "2602", "u1": "9", "u4": "10", "moyenne": "13.50"},
    ]
