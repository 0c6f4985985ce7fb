"""CSV files as Excel writes them: UTF-8 (BOM or not) or Windows-1252, `;` or `,` separated.

The encoding is read as `encodings.py` says (or as `--encoding` tells). The separator is told
from the header line (outside quotes). A record's place is the physical line where it starts,
the header being line 1 of the file (or the first non-empty line).
"""

from __future__ import annotations

import csv
import io
import re
from itertools import repeat
from operator import itemgetter

from jury_tui.errors import JuryError, Place, Problem
from jury_tui.importing import encodings, limits
from jury_tui.importing.tables import Grid, Record, Table, build_grid, line_of_offset, mark_unsafe

_SEP_LINE = re.compile(r"^\s*sep=(.)\s*$", re.IGNORECASE)
_RESAVE = encodings.RESAVE
# Every character str.strip() removes, but the space and the line ends (tests/unit holds it).
_OTHER_SPACES = (
    "\t\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007"
    "\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
_SPACE_ENDING = {d: re.compile(f" [{d}\r\n]") for d in ";,"}  # a space, then a separator or a line end


def read_csv(data: bytes, source: str, *, encoding: str | None = None) -> Table:
    """`encoding`: an `--encoding` name (encodings.ENCODINGS), or None to read as the module says."""
    _refuse_other_formats(data, source)
    lines = _check_lines(data, source)
    text, codec = encodings.decode(data, source, encoding)
    _refuse_nul(text, source)
    header_offset, header_line, delimiter = _find_header(text, source)
    _check_width(text, header_offset, delimiter, lines - header_line, source)
    records = _records(text[header_offset:], delimiter, source, first_line=header_line)
    if not records:
        raise JuryError(Problem(_empty_message(), Place(file=source, line=1)))
    header_texts = [text or None for text in records[0][1]]
    data_records, problems = _data_records(records[1:], len(header_texts), delimiter, source)
    if encoding is None and codec == "cp1252":
        problems += encodings.ambiguous_cells(text, data_records, header_texts, source)
    grid = Grid(
        source=source,
        header_line=header_line,
        header_texts=header_texts,
        records=mark_unsafe(data_records, text),
        column_label=lambda position: f"colonne n° {position + 1}",
    )
    headers, rows, grid_problems = build_grid(grid)
    problems = grid_problems + problems
    if problems:
        raise JuryError(sorted(problems, key=lambda p: p.place.line or 0))
    details = {"encoding": codec, "delimiter": delimiter, "header_line": header_line}
    if encoding is not None:
        details["encoding_option"] = encoding
    return Table(source=source, kind="csv", headers=headers, rows=rows, details=details)


def _empty_message() -> str:
    return "fichier vide : la première ligne doit donner les en-têtes des colonnes"


# --- Encoding ---------------------------------------------------------------------------------


def _refuse_other_formats(data: bytes, source: str) -> None:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise JuryError(Problem(
            f"fichier en UTF-16 (« Texte Unicode ») : {_RESAVE}", Place(file=source, line=1)
        ))
    if data.startswith(b"PK\x03\x04"):
        raise JuryError(Problem(
            "ce fichier est un classeur Excel (XLSX) et non un CSV : renommez-le en .xlsx ou "
            "enregistrez-le au format CSV", Place(file=source),
        ))


def _check_lines(data: bytes, source: str) -> int:
    """The file's count of line breaks, refused beyond limits.MAX_ROWS (before any parsing:
    a record can span lines, never the reverse)."""
    breaks = data.count(b"\n") + data.count(b"\r") - data.count(b"\r\n")
    if breaks > limits.MAX_ROWS + 2:  # the header's and the last line's breaks
        raise JuryError(limits.too_many_rows(source))
    return breaks


def _check_width(text: str, header_offset: int, delimiter: str, rows: int, source: str) -> None:
    """The header's width (its separators, quoted or not: at most that many columns), and the
    cells it would make on every line, refused beyond limits before the records are parsed."""
    end = min((i for i in (text.find("\n", header_offset), text.find("\r", header_offset)) if i >= 0),
              default=len(text))
    columns = text.count(delimiter, header_offset, end) + 1
    if columns > limits.MAX_COLUMNS:
        raise JuryError(limits.too_many_columns(source, columns, line=line_of_offset(text, header_offset)))
    if columns * rows > limits.MAX_CELLS:
        raise JuryError(limits.too_many_cells(source, rows, columns))


def _refuse_nul(text: str, source: str) -> None:
    position = text.find("\x00")
    if position >= 0:
        raise JuryError(Problem(
            f"caractère nul dans le fichier : ce n'est pas un fichier texte CSV ; {_RESAVE}",
            Place(file=source, line=line_of_offset(text, position)),
        ))


# --- Header and separator ----------------------------------------------------------------------


def _physical_lines(text: str):
    """(offset, line number, line) for each physical line, as the csv reader counts them."""
    offset = 0
    for number, line in enumerate(io.StringIO(text, newline=""), start=1):
        yield offset, number, line
        offset += len(line)


def _find_header(text: str, source: str) -> tuple[int, int, str]:
    """Offset and line of the header (first non-blank line) and the separator it uses."""
    forced: str | None = None
    for offset, number, line in _physical_lines(text):
        if not line.strip(" \t\r\n;,\ufeff"):
            continue
        sep = _SEP_LINE.match(line)
        if sep and forced is None:
            forced = _forced_separator(sep.group(1), source, number)
            continue
        return offset, number, forced or _header_separator(text[offset:], source, number)
    raise JuryError(Problem(_empty_message(), Place(file=source, line=1)))


def _forced_separator(char: str, source: str, line: int) -> str:
    if char in ";,":
        return char
    raise JuryError(Problem(
        f"séparateur « {char} » annoncé par « sep= » : seuls « ; » et « , » sont acceptés",
        Place(file=source, line=line),
    ))


def _header_separator(text: str, source: str, line: int) -> str:
    counts = {";": 0, ",": 0, "\t": 0}
    quoted = False
    for char in text:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in "\r\n":
            break
        elif not quoted and char in counts:
            counts[char] += 1
    place = Place(file=source, line=line)
    if counts[";"] and counts[","]:
        raise JuryError(Problem(
            "la ligne d'en-têtes contient à la fois des « ; » et des « , » hors guillemets : "
            "le séparateur doit être l'un ou l'autre ; mettez entre guillemets l'en-tête qui "
            "contient l'autre signe", place,
        ))
    if counts[","]:
        return ","
    if not counts[";"] and counts["\t"]:
        raise JuryError(Problem(
            f"colonnes séparées par des tabulations : {_RESAVE}", place
        ))
    return ";"


# --- Records -----------------------------------------------------------------------------------


def _records(text: str, delimiter: str, source: str, first_line: int) -> list[Record]:
    """The header and the non-blank records, with the physical line where each starts; each
    value stripped, empty as None or "" (a file none of whose values needs stripping keeps
    the lists the csv reader gives)."""
    if _nothing_to_strip(text, delimiter):
        try:
            lines = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True))
        except csv.Error:
            pass  # read again record by record below, to place the error
        else:
            return _numbered(lines, first_line)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    records: list[Record] = []
    consumed = 0  # physical lines read before the current record
    try:
        for fields in reader:
            texts = [field.strip() or None for field in fields]
            if not records or any(texts):  # a record of blanks only is skipped
                records.append((first_line + consumed, texts, None))
            consumed = reader.line_num
    except csv.Error as exc:
        raise JuryError(_csv_problem(str(exc), source, first_line + consumed)) from None
    return records


def _numbered(lines: list[list[str]], first_line: int) -> list[Record]:
    """The records of a file without quotes, each on one physical line: numbered by their
    position, the blank ones skipped (but the header's)."""
    numbered = zip(range(first_line, first_line + len(lines)), lines, repeat(None))
    if all(map(any, lines[1:])):
        return list(numbered)
    return [record for record in numbered if record[0] == first_line or any(record[1])]


def _nothing_to_strip(text: str, delimiter: str) -> bool:
    """Whether no value of the file starts or ends with a space, as most files are written.

    Without quotes a value lies between separators and line ends: it is stripped already when
    no space touches them and no other blank character (tab, non-breaking space...) is in the
    file. Each test is a search of the whole text in C, far cheaper than a strip per value."""
    if '"' in text or any(char in text for char in _OTHER_SPACES):
        return False
    if text.startswith(" ") or text.endswith(" "):
        return False
    ending = _SPACE_ENDING[delimiter]
    return not ending.search(text) and not ending.search(text[::-1])  # reversed: a space after one


def _csv_problem(message: str, source: str, line: int) -> Problem:
    if "unexpected end of data" in message:
        text = ("guillemet ouvert dans cet enregistrement et jamais fermé : vérifiez les "
                "guillemets (une valeur entre guillemets double ceux qu'elle contient : \"\")")
    elif "expected after" in message:
        text = ("texte après un guillemet fermant : entourez toute la valeur de guillemets et "
                "doublez les guillemets qu'elle contient (\"\")")
    elif "field larger than field limit" in message:
        text = "valeur trop longue : ce fichier n'est sans doute pas un tableau CSV"
    else:
        text = f"ligne illisible en CSV ({message})"
    return Problem(text, Place(file=source, line=line))


def _data_records(records: list[Record], width: int, delimiter: str, source: str) -> tuple[list[Record], list[Problem]]:
    if max(map(len, map(itemgetter(1), records)), default=0) <= width:
        return records, []
    kept: list[Record] = []
    problems: list[Problem] = []
    for record in records:
        line, texts, _ = record
        if len(texts) > width:
            trailing = not any(texts[width:])
            problems.append(Problem(_too_many_message(len(texts), width, delimiter, trailing),
                                    Place(file=source, line=line)))
            continue
        kept.append(record)
    return kept, problems


def _too_many_message(count: int, width: int, delimiter: str, trailing: bool) -> str:
    message = f"{count} valeurs pour {width} colonnes d'en-tête"
    if delimiter == ",":
        return (message + " : avec la virgule comme séparateur, un nombre à virgule doit être "
                "entre guillemets (\"12,5\"), comme Excel l'écrit")
    if trailing:
        return message + " : un « ; » en trop en fin de ligne, ou une valeur contenant un « ; » sans guillemets ?"
    return message + " : une valeur contient-elle un « ; » sans guillemets ?"
