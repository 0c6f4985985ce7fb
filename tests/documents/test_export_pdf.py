"""`export --pdf` through LibreOffice (slow: each run starts LibreOffice; skipped when it is absent)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from jury_tui.deliberation.docs import export
from jury_tui.documents import pdf

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fixtures" / "documents"))
import session_docs as sd  # noqa: E402

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not pdf.available(), reason="LibreOffice is not installed"),
    pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed"),
]


def _text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True).stdout


def _pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
    return int(next(line for line in info.splitlines() if line.startswith("Pages:")).split()[-1])


def test_a_projet_pv_and_its_pdf(tmp_path):
    session = sd.demo(tmp_path / "demo.json")
    docx, made = export(session, "pv", pdf=True)
    assert made == docx.with_suffix(".pdf")
    text, pages = _text(made), _pages(made)
    assert text.count("PROJET — procès-verbal non signé") == pages and f"page {pages} / {pages}" in text
    assert "Dupont & Fils <test>" in text and "9,50 → 10,00" in text
    entry = [e for e in session.view().audit if e["action"] == "export"][-1]["apres"]
    assert entry["pdf"] is True and entry["fichiers"] == ["demo-pv-tour1.docx", "demo-pv-tour1.pdf"]


def test_split_attestations_with_their_pdfs(tmp_path):
    session = sd.closed_demo(tmp_path / "demo.json")
    seen = []
    paths = export(session, "attestations", tmp_path / "attestations", split=True, pdf=True,
                   progress=lambda *a: seen.append(a))  # fmt: skip
    docx = [p for p in paths if p.suffix == ".docx"]
    assert len(docx) == 15 and all(p.with_suffix(".pdf") in paths for p in docx)
    assert seen[-1] == ("pdf", 15, 15)
    text = _text(tmp_path / "attestations" / "attestation-02664.pdf")
    assert "Ñúñez" in text and "Éloïse" in text and "page 1 / 1" in text
    assert not [p for p in tmp_path.rglob(".*") if not p.name.endswith(".lock")]
