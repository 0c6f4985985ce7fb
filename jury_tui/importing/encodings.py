"""The encoding of a CSV file: told by `--encoding`, or read as UTF-8, else Windows-1252, never guessed.

Without `--encoding`, a file is UTF-8 (with or without BOM) when it decodes as UTF-8, which a
text in another encoding almost never does; otherwise it is read as Windows-1252, what Excel
writes on Windows, unless that reading could be wrong:
- ISO-8859-15 differs from Windows-1252 in eight bytes (€ Š š Ž ž Œ œ Ÿ in ISO-8859-15 are
  ¤ ¦ ¨ ´ ¸ ¼ ½ ¾ in Windows-1252): a cell holding one of them is refused, with both
  readings, until `--encoding` says which it is;
- Mac Roman gives other characters for nearly every accented letter: read as Windows-1252,
  Mac Roman's « Léa » is « LŽa ». The bytes Windows-1252 leaves undefined make the file
  unreadable; the others give characters no name holds (domain/text.py), and the import
  that refuses such a name says how the other encodings would read it (`encoding_hint`).

    --encoding utf-8 | windows-1252 | iso-8859-15 | iso-8859-1 | mac-roman
"""

from __future__ import annotations

import re

from jury_tui.domain.text import name_problem
from jury_tui.errors import JuryError, Place, Problem
from jury_tui.importing.tables import line_of_offset, normalize_key

# --encoding NAME -> (Python codec, name shown)
ENCODINGS = {
    "utf-8": ("utf-8", "UTF-8"),
    "windows-1252": ("cp1252", "Windows-1252"),
    "iso-8859-15": ("iso8859_15", "ISO-8859-15"),
    "iso-8859-1": ("latin_1", "ISO-8859-1"),
    "mac-roman": ("mac_roman", "Mac Roman"),
}
_ALIASES = {
    "utf8": "utf-8", "utf-8-sig": "utf-8", "cp1252": "windows-1252", "win1252": "windows-1252",
    "ansi": "windows-1252", "latin9": "iso-8859-15", "latin-9": "iso-8859-15", "iso8859-15": "iso-8859-15",
    "latin1": "iso-8859-1", "latin-1": "iso-8859-1", "iso8859-1": "iso-8859-1", "macroman": "mac-roman",
    "macintosh": "mac-roman", "mac": "mac-roman",
}  # fmt: skip
_LABELS = {codec: label for codec, label in ENCODINGS.values()} | {"utf-8-sig": "UTF-8"}
_READINGS = ("utf-8", "cp1252", "iso8859_15", "mac_roman")  # what a refused name is tried in

RESAVE = "enregistrez-le depuis le tableur en « CSV UTF-8 » ou « CSV (séparateur : point-virgule) »"
_MAX_LISTED = 10
_CP1252_UNDEFINED = re.compile(rb"[\x81\x8d\x8f\x90\x9d]")
_C1_BYTES = re.compile(rb"[\x80-\x9f]")
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}")
# The characters Windows-1252 gives for the eight bytes where ISO-8859-15 has other letters.
_NOT_ISO_8859_15 = re.compile("[¤¦¨´¸¼½¾]")


def choices() -> str:
    return ", ".join(ENCODINGS)


def canonical(name: str) -> str | None:
    """The `--encoding` name for what the user typed (« CP1252 », « latin9 »...), or None."""
    folded = name.strip().lower().replace("_", "-").replace(" ", "-")
    return folded if folded in ENCODINGS else _ALIASES.get(folded)


def decode(data: bytes, source: str, encoding: str | None) -> tuple[str, str]:
    """The file's text and the Python codec that read it: as `encoding` (an `--encoding` name)
    says, or as the module says."""
    if encoding is not None:
        return _decode_as(data, source, encoding)
    try:
        if data.startswith(b"\xef\xbb\xbf"):
            return data[3:].decode("utf-8"), "utf-8-sig"
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    if _UTF8_MULTIBYTE.search(data) or data.startswith(b"\xef\xbb\xbf"):
        raise JuryError(Problem(
            f"le fichier mélange deux encodages (UTF-8 et Windows-1252) : {RESAVE}",
            Place(file=source, line=line_of_offset(data, utf8_error.start)),
        ))
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        pass
    message = ("caractères illisibles (ni UTF-8 ni Windows-1252) : si le fichier a été enregistré "
               f"sur un Mac (« CSV Macintosh »), relancez avec --encoding mac-roman ; sinon, {RESAVE}")
    raise JuryError(_listed(_lines_of(_CP1252_UNDEFINED, data), message, source))


def _decode_as(data: bytes, source: str, encoding: str) -> tuple[str, str]:
    codec, label = ENCODINGS[encoding]
    if codec == "utf-8" and data.startswith(b"\xef\xbb\xbf"):
        data, codec = data[3:], "utf-8-sig"
    if codec in ("latin_1", "iso8859_15") and _C1_BYTES.search(data):
        message = (f"octets 0x80 à 0x9F, qui ne sont pas du texte en {label} : le fichier est sans "
                   "doute en Windows-1252 (--encoding windows-1252)")
        raise JuryError(_listed(_lines_of(_C1_BYTES, data), message, source))
    try:
        return data.decode("utf-8" if codec == "utf-8-sig" else codec), codec
    except UnicodeDecodeError as exc:
        raise JuryError(Problem(
            f"le fichier n'est pas en {label} (--encoding {encoding}) : octet illisible ; {RESAVE}",
            Place(file=source, line=line_of_offset(data, exc.start)),
        )) from None


def _lines_of(pattern: re.Pattern, data: bytes) -> list[int]:
    lines: list[int] = []
    for match in pattern.finditer(data):
        line = line_of_offset(data, match.start())
        if line not in lines:
            lines.append(line)
            if len(lines) > _MAX_LISTED:
                break
    return lines


def _listed(lines: list[int], message: str, source: str) -> list[Problem]:
    problems = [Problem(message, Place(file=source, line=line)) for line in lines[:_MAX_LISTED]]
    if len(lines) > _MAX_LISTED:
        problems.append(Problem("et d'autres lignes encore, pour la même raison", Place(file=source)))
    return problems


# --- After decoding -------------------------------------------------------------------------------


def ambiguous_cells(text: str, records, header_texts: list, source: str) -> list[Problem]:
    """The cells of a file read as Windows-1252 without `--encoding` that ISO-8859-15 reads otherwise."""
    if _NOT_ISO_8859_15.search(text) is None:
        return []
    problems: list[Problem] = []
    for line, texts, _ in records:
        for position, value in enumerate(texts):
            if value and _NOT_ISO_8859_15.search(value):
                problems.append(_ambiguous(value, line, header_texts, position, source))
    if len(problems) > _MAX_LISTED:
        more = len(problems) - _MAX_LISTED
        problems = problems[:_MAX_LISTED] + [Problem(f"et {more} autres cellules ainsi", Place(file=source))]
    return problems


def _ambiguous(value: str, line: int, header_texts: list, position: int, source: str) -> Problem:
    raw = value.encode("cp1252")
    other = raw.decode("iso8859_15")
    mac = raw.decode("mac_roman")
    column = header_texts[position] if position < len(header_texts) else None
    return Problem(
        f"« {value} » en Windows-1252, « {other} » en ISO-8859-15, « {mac} » en Mac Roman : "
        "l'encodage du fichier ne peut être deviné ; précisez-le (--encoding windows-1252, "
        f"iso-8859-15 ou mac-roman), ou {RESAVE}",
        Place(file=source, line=line, column=column),
    )


def encoding_hint(table, problems: list[Problem]) -> Problem | None:
    """For a CSV whose names are refused: how another encoding would read the first of them.

    The name's bytes are those the file holds (the codec it was read with encodes them back);
    an encoding under which they make a name is offered, never chosen."""
    codec = table.details.get("encoding") if table.kind == "csv" else None
    if codec is None:
        return None
    for problem in problems:
        place = problem.place
        if problem.code != "NOM" or place.line is None or not place.column:
            continue
        text = _text_at(table, place.line, place.column)
        if text is None:
            continue
        readings = _readings(text, codec)
        if readings:
            return _hint(table, codec, text, place, readings)
    return None


def _readings(text: str, codec: str) -> list[tuple[str, str]]:
    try:
        raw = text.encode("utf-8" if codec == "utf-8-sig" else codec)
    except UnicodeEncodeError:
        return []
    found = []
    for other in _READINGS:
        if other in (codec, "utf-8-sig" if codec == "utf-8" else codec):
            continue
        try:
            reading = raw.decode(other)
        except UnicodeDecodeError:
            continue
        if reading != text and name_problem(reading) is None:
            found.append((other, reading))
    return found


def _hint(table, codec: str, text: str, place: Place, readings: list[tuple[str, str]]) -> Problem:
    given = table.details.get("encoding_option")
    how = f"lu en {_LABELS[codec]} (--encoding {given})" if given else (
        f"lu en {_LABELS[codec]}, car il n'est pas en UTF-8" if codec == "cp1252" else f"lu en {_LABELS[codec]}")
    options = " ou ".join(f"--encoding {_option(other)}" for other, _ in readings)
    others = ", ".join(f"« {reading} » en {_LABELS[other]}" for other, reading in readings)
    return Problem(
        f"le fichier a été {how} : ligne {place.line}, colonne {place.column}, « {text} » serait "
        f"{others} ; si c'est l'encodage du fichier, relancez avec {options} ; sinon, {RESAVE}",
        Place(file=table.source),
    )


def _option(codec: str) -> str:
    return next(name for name, (c, _) in ENCODINGS.items() if c == codec)


def _text_at(table, line: int, column: str) -> str | None:
    key = normalize_key(column)
    for row in table.rows:
        if row.place.line == line:
            found = row.get(key)
            return None if found is None else found[0]
    return None
