"""JSON files: {"candidats": [{...}, ...]}, {"membres": [...]} or {"controle": [...]}.

Each object of the list is a row; its scalar fields are cells keyed by normalized field name.
A candidate's nested "notes": {"U1": "12,5", "U4": 12.5} is flattened into cells keyed by
normalized unit code. Places are pointers: candidats[12], candidats[12].notes.U4 (0-based).
Numbers are read from their literal, never through a binary float.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal, InvalidOperation

from jury_tui.domain.text import text_problem, unsafe_at
from jury_tui.errors import JuryError, Place, Problem
from jury_tui.importing import limits
from jury_tui.importing.tables import ListLayout, Row, Table, line_of_offset, normalize_key, number_to_text
from jury_tui.system_text import json_message

KNOWN_KEYS = ("candidats", "membres", "controle")
_NESTED = {"candidats": "notes"}  # list key -> the field whose object is flattened
_MAX_DIGITS = 40
_IDENTIFIER = re.compile(r"^[^\s.\[\]\"]+$")


class _Number(str):
    """A JSON number, kept as its literal."""


class _Constant(str):
    """NaN, Infinity or -Infinity, which JSON does not allow but Python's parser accepts."""


class _Object(dict):
    """A JSON object that remembers the keys it holds more than once."""

    def __init__(self, pairs):
        super().__init__()
        self.repeated: list[str] = []
        for key, value in pairs:
            if key in self:
                self.repeated.append(key)
            self[key] = value


def read_json(data: bytes, source: str, *, json_key: str | None = None) -> Table:
    _check_size(data, source)
    document = _parse(data, source)
    key, items = _the_list(document, source, json_key)
    if len(items) > limits.MAX_ROWS:
        raise JuryError(limits.too_many_rows(source, len(items)))
    problems: list[Problem] = []
    positions: dict[str, int] = {}  # normalized -> its position in each row's texts
    headers: dict[str, str] = {}  # normalized -> as first written
    paths: dict[str, str] = {}  # normalized -> path inside an object, as first seen (".notes.U4")
    odd_paths: dict[tuple[int, str], str] = {}  # (index, normalized) -> a path written elsewhere
    records = []
    for index, item in enumerate(items):
        pointer = f"{key}[{index}]"
        fields = _fields(item, pointer, source, _NESTED.get(normalize_key(key)), problems)
        texts: list = [None] * len(positions)
        found_errors = False
        for normalized, (written, path, text, error) in fields.items():
            position = positions.get(normalized)
            if position is None:
                position = positions[normalized] = len(positions)
                headers[normalized], paths[normalized] = written, path
                texts.append(None)
            elif path != paths[normalized]:
                odd_paths[(index, normalized)] = path
            texts[position] = text
            found_errors = found_errors or error is not None
        errors = [None] * len(texts) if found_errors else None
        if found_errors:
            for normalized, (_, _, _, error) in fields.items():
                errors[positions[normalized]] = error
        records.append((index, texts, errors))
    if problems:
        raise JuryError(problems)
    layout = ListLayout(source, key, positions, headers, paths, odd_paths)
    rows = [Row(layout, index, texts, errors) for index, texts, errors in records]
    return Table(source=source, kind="json", headers=headers, rows=rows, details={"key": key})


# --- Parsing -----------------------------------------------------------------------------------


def _check_size(data: bytes, source: str) -> None:
    """Objects and values counted before parsing, from what holds them (a brace opens each
    object, a comma follows each value but the last of a list or object; in texts too, so these
    counts can only be too high): a row is an object, with its « notes » object for a candidate."""
    if data.count(b"{") > 2 * limits.MAX_ROWS + 1:
        raise JuryError(limits.too_many_rows(source))
    if data.count(b",") > 2 * limits.MAX_CELLS:
        raise JuryError(limits.too_many_values(source))


def _parse(data: bytes, source: str):
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise JuryError(Problem(
            "le fichier JSON doit être encodé en UTF-8 : caractère illisible",
            Place(file=source, line=line_of_offset(data, exc.start)),
        )) from None
    try:
        return json.loads(
            text, object_pairs_hook=_Object, parse_float=_Number, parse_int=_Number,
            parse_constant=_Constant,
        )
    except json.JSONDecodeError as exc:
        message = json_message(exc.msg)
        raise JuryError(Problem(
            f"JSON invalide au caractère {exc.colno} : {message}",
            Place(file=source, line=exc.lineno),
        )) from None
    except RecursionError:
        raise JuryError(Problem("JSON invalide : imbrication trop profonde", Place(file=source))) from None


def _the_list(document, source: str, json_key: str | None) -> tuple[str, list]:
    expected = " ou ".join(f'{{"{k}": [...]}}' for k in ((json_key,) if json_key else KNOWN_KEYS))
    if not isinstance(document, dict):
        raise JuryError(Problem(f"le fichier JSON doit être un objet de la forme {expected}",
                                Place(file=source)))
    by_key = {normalize_key(k): k for k in document if isinstance(k, str)}
    wanted = [normalize_key(json_key)] if json_key else [k for k in KNOWN_KEYS if k in by_key]
    present = [by_key[k] for k in wanted if k in by_key]
    if not present:
        raise JuryError(Problem(f"liste attendue absente : le fichier doit être de la forme {expected}",
                                Place(file=source)))
    if len(present) > 1:
        names = ", ".join(f"« {k} »" for k in present)
        raise JuryError(Problem(f"le fichier contient plusieurs listes ({names}) : une seule par fichier",
                                Place(file=source)))
    key = present[0]
    if key in document.repeated:
        raise JuryError(Problem(f"la liste « {key} » apparaît plusieurs fois : une seule par fichier",
                                Place(file=source, pointer=key)))
    items = document[key]
    if not isinstance(items, list):
        raise JuryError(Problem(f"« {key} » doit être une liste d'objets : [{{...}}, {{...}}]",
                                Place(file=source, pointer=key)))
    return key, items


# --- Fields --------------------------------------------------------------------------------------


def _fields(item, pointer: str, source: str, nested: str | None, problems: list[Problem]):
    """normalized key -> (key as written, path inside the object, text, error) for one object
    of the list: Cells and Places are made only for the cells an import asks for."""
    if not isinstance(item, dict):
        problems.append(Problem(f"objet attendu ({{\"champ\": valeur, ...}}), trouvé {_kind(item)}",
                                Place(file=source, pointer=pointer)))
        return {}
    fields: dict[str, tuple] = {}
    _report_repeated(item, pointer, source, problems)
    for written, value in item.items():
        here = _child(pointer, written)
        if nested is not None and normalize_key(written) == nested:
            _nested_fields(value, here, pointer, source, fields, problems)
            continue
        _add_field(fields, written, value, here, pointer, source, problems)
    return fields


def _nested_fields(value, pointer: str, row: str, source: str, fields: dict, problems: list[Problem]) -> None:
    if value is None:
        return
    if not isinstance(value, dict):
        problems.append(Problem(
            f'objet attendu ({{"U1": "12,5", ...}}), trouvé {_kind(value)}', Place(file=source, pointer=pointer)
        ))
        return
    _report_repeated(value, pointer, source, problems)
    for written, inner in value.items():
        _add_field(fields, written, inner, _child(pointer, written), row, source, problems)


def _add_field(fields: dict, written: str, value, pointer: str, row: str, source: str, problems: list[Problem]) -> None:
    """The field `written` of the object at `row` (its pointer), itself at `pointer`."""
    normalized = normalize_key(written)
    unsafe = text_problem(written)
    if unsafe:
        problems.append(Problem(f"nom de champ illisible : {unsafe}", Place(file=source, pointer=pointer)))
    elif not normalized:
        problems.append(Problem("champ sans nom", Place(file=source, pointer=pointer)))
    elif normalized in fields:
        first = row + fields[normalized][1]
        problems.append(Problem(
            f"champ en double : « {written} » et {first} désignent le même champ "
            "(majuscules et accents ne comptent pas)", Place(file=source, pointer=pointer),
        ))
    elif isinstance(value, (dict, list)):
        problems.append(Problem(f"valeur simple attendue (texte ou nombre), trouvé {_kind(value)}",
                                Place(file=source, pointer=pointer)))  # fmt: skip
    else:
        text, error = _scalar(value)
        fields[normalized] = (" ".join(written.split()), pointer[len(row):], text, error)


def _report_repeated(obj: _Object, pointer: str, source: str, problems: list[Problem]) -> None:
    for key in dict.fromkeys(getattr(obj, "repeated", [])):
        problems.append(Problem(f"le champ « {key} » apparaît plusieurs fois dans cet objet",
                                Place(file=source, pointer=_child(pointer, key))))


def _scalar(value) -> tuple[str | None, str | None]:
    if value is None:
        return None, None
    if isinstance(value, bool):
        return ("oui" if value else "non"), None
    if isinstance(value, _Constant):
        return None, f"valeur « {value} » : ce n'est pas un nombre valide"
    if isinstance(value, _Number):
        if len(value) > _MAX_DIGITS:
            return None, f"nombre trop long ({len(value)} caractères) : saisissez-le comme texte"
        try:
            return number_to_text(Decimal(value), shown=str(value))
        except (InvalidOperation, ArithmeticError):
            return None, f"valeur « {value} » : nombre illisible"
    text = str(value).strip()
    if unsafe_at(text) is not None:
        return None, text_problem(text)
    return (text or None), None


def _child(pointer: str, key: str) -> str:
    return f"{pointer}.{key}" if _IDENTIFIER.match(key) else f"{pointer}[{json.dumps(key, ensure_ascii=False)}]"


def _kind(value) -> str:
    if isinstance(value, dict):
        return "un objet"
    if isinstance(value, list):
        return "une liste"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "un booléen"
    if isinstance(value, (_Number, _Constant)):
        return "un nombre"
    return "un texte"
