"""PDF through LibreOffice (slow: each conversion starts LibreOffice; skipped when it is absent)."""

from __future__ import annotations

import re
import shutil
import stat
import subprocess
import sys
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from jury_tui.documents import pdf, render
from jury_tui.errors import JuryError

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fixtures" / "documents"))
import documents_samples as samples  # noqa: E402

PROPS = {"title": "PV", "author": "BTS MOS — jury 1", "created": datetime(2026, 6, 20, 14, 5, tzinfo=UTC)}
needs_libreoffice = pytest.mark.skipif(not pdf.available(), reason="LibreOffice is not installed")
needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")


def test_missing_libreoffice_is_a_clear_french_refusal(tmp_path, monkeypatch):
    path = render("admis", samples.admis(), tmp_path / "admis.docx", properties=PROPS)
    monkeypatch.setattr(pdf.shutil, "which", lambda name: None)
    with pytest.raises(JuryError, match="LibreOffice n'est pas installé") as info:
        pdf.to_pdf(path)
    assert info.value.code == "PDF_UNAVAILABLE"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["admis.docx"]


def test_a_hanging_conversion_times_out_and_leaves_nothing(tmp_path, monkeypatch):
    path = render("admis", samples.admis(), tmp_path / "admis.docx", properties=PROPS)
    fake = tmp_path / "bin" / "soffice"
    fake.parent.mkdir()
    fake.write_text("#!/bin/sh\nsleep 30\n")
    fake.chmod(0o755)
    monkeypatch.setattr(pdf, "soffice", lambda: str(fake))
    with pytest.raises(JuryError, match="n'a pas terminé la conversion"):
        pdf.to_pdf(path, timeout=0.5)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["admis.docx", "bin"]


def _text(pdf_path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf_path), "-"], capture_output=True, text=True).stdout


def _pages(pdf_path: Path) -> list[str]:
    info = subprocess.run(["pdfinfo", str(pdf_path)], capture_output=True, text=True).stdout
    return [line for line in info.splitlines() if line.startswith(("Pages:", "Page size:"))]


@pytest.mark.slow
@needs_libreoffice
@needs_poppler
def test_every_document_converts_with_its_pages(tmp_path):
    releves = samples.releves()
    long = replace(releves.releves[1], observations="\n".join(f"Observation n° {i}" for i in range(1, 61)))
    jobs = {
        "pv": samples.pv(copies=3),
        "releves": replace(releves, releves=[releves.releves[0], long, *releves.releves[2:]]),
        "attestations": samples.attestations(),
        "admis": samples.admis(),
    }
    for kind, context in jobs.items():
        docx = render(kind, context, tmp_path / f"{kind}.docx", properties=PROPS)
        made = pdf.to_pdf(docx)
        assert made == tmp_path / f"{kind}.pdf" and stat.S_IMODE(made.stat().st_mode) == 0o600
        text = _text(made)
        pages = int(_pages(made)[0].split()[-1])
        numbers = re.findall(r"page (\d+) / (\d+)", text)
        if kind in ("releves", "attestations"):  # each numbers its own pages; the long relevé has two
            expected = [("1", "1"), ("1", "2"), ("2", "2"), ("1", "1"), ("1", "1")] if kind == "releves" else [("1", "1")] * 3
            assert numbers == expected, kind
        else:
            assert numbers == [(str(n), str(pages)) for n in range(1, pages + 1)], kind
        if kind == "pv":
            size = _pages(made)[1]
            width, height = (float(v) for v in size.split(":")[1].split("pts")[0].split(" x "))
            assert "(A4)" in size and width > height  # A4 landscape
            assert text.count("PROJET — procès-verbal non signé") == pages
            assert "Dupont & Fils <test>" in text and "9,50 → 10,00" in text
        if kind == "releves":
            assert pages == 5 and "O'Brien \"Jo\"" in text and "Ñúñez" in text
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []
