"""Read a rendered procès-verbal back, so that `jury verify` can compare it with its session.

What is read: the tour, whether the PV is anonymous, the signature and fingerprint (from
the footer), the candidate rows as {numero: {column header: cell text}}, and, to compare
with a rendering of the same template (`jury_tui.documents.compare`), every other part:
each table by its alt-text caption (« entete », « membres », « composition »,
« coefficients », « totaux », « signatures »), the body's paragraphs, the page headers'
and footers' lines. The results table is found by its caption « candidats » (kept by Word
when a site edits the template), or else by its headers; each column is keyed by the
first line of its header cell (« N° », « Nom », « U4 », « Moyenne »…), which the template fixes.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from docx import Document
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from jury_tui.documents.context import PvContext
from jury_tui.documents.docx_kit import caption_of
from jury_tui.documents.typography import comparable
from jury_tui.errors import JuryError, Place, Problem

CANDIDATES_CAPTION = "candidats"
NUMERO = "N°"
_FINGERPRINT = re.compile(r"empreinte\s+SHA-256\s*:\s*([0-9a-fA-F]{64})\b", re.IGNORECASE)
_SIGNED = re.compile(r"sign[ée]\s+par\s+(.+?)\s+le\s+(\d{2}/\d{2}/\d{4}\s+à\s+\d{2}:\d{2})", re.IGNORECASE)
_TOUR = re.compile(r"\btour\s+(\d)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Parts:
    """A document's parts other than the candidate rows, as text (compared by `compare`)."""

    tables: dict[str, list[list[str]]]  # caption -> rows of cell texts (captioned top-level tables)
    paragraphs: list[str]  # the body's paragraphs outside tables, empty ones left out
    headers: list[str]  # the lines of the page headers, each once, in order
    footers: list[str]  # the same for the footers


@dataclass(frozen=True)
class PvReading:
    """What a PV shows, as text."""

    tour: str | None
    anonyme: bool
    projet: bool  # « PROJET » in the page header: an unsigned PV
    empreinte: str | None  # the fingerprint in the footer (lowercase hex), None when unsigned
    signe_par: str | None
    signe_le: str | None
    colonnes: list[str]
    lignes: dict[str, dict[str, str]]
    doublons: list[str] = field(default_factory=list)  # numeros found on more than one row
    parts: Parts | None = None

    @property
    def signe(self) -> bool:
        return self.empreinte is not None


def read_pv(path: str | Path) -> PvReading:
    """Read a PV (.docx); a French JuryError when it is unreadable or not a PV."""
    path = Path(path)
    return read_document(_open(path), path.name)


def read_document(document, name: str) -> PvReading:
    """Read an open python-docx document as a PV (`name` for messages)."""
    table = find_candidates_table(document)
    if table is None:
        raise JuryError(
            Problem("tableau des résultats des candidats introuvable : ce document n'est pas un procès-verbal",
                    Place(file=name), code="PV_UNREADABLE")
        )  # fmt: skip
    columns, rows, duplicates = _read_rows(table)
    parts = read_parts(document)
    footer = "\n".join(parts.footers)
    header = "\n".join(parts.headers)
    fingerprint = _FINGERPRINT.search(footer)
    signed = _SIGNED.search(footer)
    body = "\n".join(p.text for p in document.paragraphs)
    tour = _TOUR.search(body) or _TOUR.search(header)
    return PvReading(
        tour=tour.group(1) if tour else None,
        anonyme="Nom" not in columns,
        projet="PROJET" in header,
        empreinte=fingerprint.group(1).lower() if fingerprint else None,
        signe_par=signed.group(1).strip() if signed else None,
        signe_le=signed.group(2) if signed else None,
        colonnes=columns,
        lignes=rows,
        doublons=duplicates,
        parts=parts,
    )


def read_parts(document) -> Parts:
    body = document.element.body
    tables: dict[str, list[list[str]]] = {}
    for tbl in body.iterchildren(qn("w:tbl")):
        caption = caption_of(tbl)
        if caption and caption != CANDIDATES_CAPTION and caption not in tables:
            table = Table(tbl, document._body)
            tables[caption] = [[cell.text.strip() for cell in _cells(tr, table)] for tr in tbl.findall(qn("w:tr"))]
    paragraphs = [text for p in document.paragraphs if (text := p.text.strip())]
    return Parts(tables, paragraphs, _lines(s.header for s in document.sections),
                 _lines(s.footer for s in document.sections))  # fmt: skip


def _lines(parts) -> list[str]:
    seen: dict[str, None] = {}
    for part in parts:
        for line in _part_lines(part._element).split("\n"):
            if line.strip():
                seen.setdefault(line.strip())
    return list(seen)


def _open(path: Path):
    if not path.is_file():
        raise JuryError(Problem("document introuvable", Place(file=str(path))))
    try:
        return Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise JuryError(Problem("ce n'est pas un document Word (.docx) lisible", Place(file=str(path)))) from exc


def find_candidates_table(document) -> Table | None:
    """The results table: by its caption, else the first table with N°, Moyenne and Décision headers."""
    tables = [Table(tbl, document._body) for tbl in document.element.body.iter(qn("w:tbl"))]
    for table in tables:
        if caption_of(table._tbl) == CANDIDATES_CAPTION:
            return table
    for table in tables:
        headers = _headers(table)
        if headers and headers[0] == NUMERO and {"Moyenne", "Décision"} <= set(headers):
            return table
    return None


def _cells(tr, table: Table) -> list[_Cell]:
    return [_Cell(tc, table) for tc in tr.findall(qn("w:tc"))]


def _headers(table: Table) -> list[str]:
    rows = table._tbl.findall(qn("w:tr"))
    if not rows:
        return []
    return [_first_line(cell) for cell in _cells(rows[0], table)]


def _first_line(cell: _Cell) -> str:
    for paragraph in cell.paragraphs:
        if paragraph.text.strip():
            return paragraph.text.strip()
    return ""


def _read_rows(table: Table) -> tuple[list[str], dict[str, dict[str, str]], list[str]]:
    columns = _headers(table)
    rows: dict[str, dict[str, str]] = {}
    duplicates: list[str] = []
    for tr in table._tbl.findall(qn("w:tr"))[1:]:
        texts = [cell.text.strip() for cell in _cells(tr, table)]
        row = dict(zip(columns, texts))
        numero = row.get(NUMERO, "")
        if not numero or numero == NUMERO:
            continue
        if numero in rows:
            duplicates.append(numero)
        rows[numero] = row
    return columns, rows, duplicates


def _part_lines(element) -> str:
    return "\n".join(Paragraph(p, None).text for p in element.iter(qn("w:p")))


# --------------------------------------------------------------------------- comparing


def expected_rows(context: PvContext) -> dict[str, dict[str, str]]:
    """The rows a PV rendered from `context` shows, keyed as `read_pv` reads them."""
    out: dict[str, dict[str, str]] = {}
    for row in context.candidats:
        cells = {NUMERO: row.numero}
        if not context.anonyme:
            cells.update({"Nom": row.nom, "Prénom": row.prenom})
        cells.update({unit.code: note for unit, note in zip(context.unites, row.notes)})
        cells.update({"Moyenne": row.moyenne, "Décision": row.decision, "Observations": row.observations})
        out[row.numero] = cells
    return out


def differences(reading: PvReading, context: PvContext) -> dict[str, list[str]]:
    """The candidate rows where the document and the session differ: {numero: [what differs]}.

    Texts are compared as `typography.comparable` gives them (a line break edited into a
    space, or a space retyped before a colon, is no difference). An anonymous PV is compared
    on numeros and grades only.
    """
    expected = expected_rows(context)
    out: dict[str, list[str]] = {}
    for numero in sorted(set(expected) | set(reading.lignes)):
        shown, wanted = reading.lignes.get(numero), expected.get(numero)
        if shown is None:
            out[numero] = ["ligne absente du document"]
        elif wanted is None:
            out[numero] = ["candidat absent de la session pour ce tour"]
        else:
            found = [_difference(column, shown.get(column), value) for column, value in wanted.items()]
            found = [item for item in found if item]
            if numero in reading.doublons:
                found.append("numéro présent sur plusieurs lignes")
            if found:
                out[numero] = found
    return out


def _difference(column: str, shown: str | None, wanted: str) -> str | None:
    if shown is None:
        return None if column in ("Nom", "Prénom") else f"colonne {column} absente du document"
    if comparable(shown) == comparable(wanted):
        return None
    return f"{column} : {quote(shown)} dans le document, {quote(wanted)} dans la session"


def quote(text: str) -> str:
    """A cell or a paragraph quoted on one line (« a / b »), or « vide »."""
    line = " / ".join(part.strip() for part in text.splitlines() if part.strip())
    return f"« {line} »" if line else "vide"
