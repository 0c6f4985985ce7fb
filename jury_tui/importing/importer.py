"""Imports of candidates, members and contrôle grades: all or nothing, every error placed.

`plan` reads a Table against the session without changing it and returns an ImportReport
(or raises JuryError listing every problem); `apply` writes the planned changes inside the
caller's transaction, so a dry run and a real import report exactly the same.
"""

from __future__ import annotations

from dataclasses import replace

from jury_tui.domain import candidate as cand_mod
from jury_tui.domain import tours
from jury_tui.domain.candidate import Candidate
from jury_tui.domain.composition import PRESENCES, ROLES, role_qualite_error
from jury_tui.domain.regulation import Regulation
from jury_tui.errors import JuryError, Place, Problem
from jury_tui.importing import fields
from jury_tui.importing.candidate_rows import CandidateReader
from jury_tui.importing.encodings import encoding_hint
from jury_tui.importing.tables import Table, normalize_value, read_table

JSON_KEYS = {"candidates": "candidats", "members": "membres", "controle": "controle"}
_NOTHING = {"candidates": "aucun candidat", "members": "aucun membre", "controle": "aucune note de contrôle"}


class ImportReport:
    """What an import does (or would do): counts and numeros for the report, and the
    changes `apply` writes. A plain class: a dataclass's generated methods cost a fraction of
    a millisecond at import, and nothing compares or prints reports."""

    def __init__(self, kind: str, source: str, details: dict | None = None):
        self.kind = kind
        self.source = source
        self.details = {} if details is None else details
        self.created: list[str] = []
        self.updated: list[str] = []
        self.unchanged: list[str] = []
        self.grades_changed = 0
        self.a_revoir: list[str] = []
        self.ignored_columns: list[str] = []
        self.members: list[dict] | None = None
        self.warnings: list[Problem] = []  # what the import accepts but the user should look at
        self.changes: dict[str, Candidate] = {}  # by numero: what `apply` stores

    def to_json(self, *, dry_run: bool) -> dict:
        """The report of `jury import --format json` (README, « JSON outputs »)."""
        return {
            "type": JSON_KEYS[self.kind],  # candidats | membres | controle, as the JSON files' keys
            "fichier": self.source,
            "ok": True,
            "simulation": dry_run,
            "crees": len(self.created),
            "mis_a_jour": len(self.updated),
            "inchanges": len(self.unchanged),
            "notes_modifiees": self.grades_changed,
            "a_revoir": self.a_revoir,
            "colonnes_ignorees": self.ignored_columns,
            "membres": len(self.members) if self.members is not None else None,
            "erreurs": [],
        }


def read(file: str, kind: str, *, sheet: str | None = None, encoding: str | None = None) -> Table:
    return read_table(file, sheet=sheet, json_key=JSON_KEYS[kind], encoding=encoding)


def plan(kind: str, table: Table, state: dict, reg: Regulation, *, ignore_unknown: bool = False) -> ImportReport:
    report = ImportReport(kind, table.source, dict(table.details))
    wrong = _another_kind_of_file(kind, table, reg)
    if wrong is not None:
        raise JuryError(wrong)
    problems: list[Problem] = []
    if not table.headers:  # not one field to read, let alone each column to ask for
        raise JuryError(Problem(f"{_NOTHING[kind]} dans le fichier", Place(file=table.source, pointer=table.details.get("key"))))
    if kind == "candidates":
        _plan_candidates(table, state, reg, ignore_unknown, report, problems)
    elif kind == "members":
        _plan_members(table, state, report, problems)
    else:
        _plan_controle(table, state, reg, report, problems)
    if problems:
        hint = encoding_hint(table, problems)
        raise JuryError(problems + [hint] if hint else problems)
    if kind != "members" and table.details.get("numeros_nombres"):
        report.warnings.append(_numbers_as_numeros(table, table.details["numeros_nombres"]))
    return report


def _numbers_as_numeros(table: Table, lines: list[int]) -> Problem:
    """Numéros a workbook stores as numbers: one that began with 0 has lost it (2601 for 02601),
    which the import can tell only when the other one is there too."""
    shown = ", ".join(map(str, lines[:5])) + (f"... ({len(lines)} lignes)" if len(lines) > 5 else "")
    return _header_problem(table, f"des numéros sont des nombres dans le classeur (ligne{'s' if len(lines) > 1 else ''} "
                                  f"{shown}) : un numéro qui commençait par 0 l'a perdu (2601 pour 02601). Vérifiez-les ; "
                                  "mettez la colonne au format Texte et retapez-les avec leurs zéros", "numero")  # fmt: skip


def apply(report: ImportReport, ctx) -> None:
    if report.kind == "members":
        before = len(ctx.state.get("members") or [])
        ctx.state["members"] = report.members
        ctx.record("import_membres", before={"membres": before}, after={"membres": len(report.members)}, extra={"fichier": report.source})
        return
    ctx.put_all(report.changes.values())
    ctx.record(
        "import_candidats" if report.kind == "candidates" else "import_controle",
        after={
            "crees": len(report.created),
            "mis_a_jour": len(report.updated),
            "notes_modifiees": report.grades_changed,
            **({"a_revoir": report.a_revoir} if report.a_revoir else {}),
        },
        extra={"fichier": report.source},
    )


# What each kind of file is, for a file given to the wrong import: its telling columns, and
# the command that imports it.
_KIND_OF_FILE = {
    "candidates": ("une liste de candidats (colonnes numero, nom, prenom et les unités)", "candidates"),
    "members": ("la liste des membres du jury (colonnes nom, prenom, role, qualite, presence)", "members"),
    "controle": ("des notes d'épreuves de contrôle (colonnes numero, unite, note)", "controle"),
}


def _another_kind_of_file(kind: str, table: Table, reg: Regulation) -> Problem | None:
    """A members file given as candidates (or any such mix-up), said as one problem rather
    than a column at a time."""
    keys = set(table.headers)
    looks = []
    if "role" in keys or {"qualite", "presence"} <= keys:
        looks.append("members")
    if {"unite", "note"} <= keys:
        looks.append("controle")
    if keys & {fields.fold(u.code) for u in reg.units}:
        looks.append("candidates")
    if len(looks) != 1 or looks[0] == kind:
        return None
    what, command = _KIND_OF_FILE[looks[0]]
    expected = _KIND_OF_FILE[kind][0].split(" (")[0]
    return _header_problem(table, f"ce fichier est {what}, pas {expected} : importez-le avec "
                                  f"« jury import {command} SESSION {table.source} »")  # fmt: skip


def _header_problem(table: Table, message: str, column: str | None = None) -> Problem:
    return Problem(message, Place(file=table.source, sheet=table.details.get("sheet"), line=table.details.get("header_line", 1), column=column))


def _signed(state: dict, tour: int) -> bool:
    return bool(((state.get("tours") or {}).get(str(tour)) or {}).get("signature"))


def _columns(table: Table, reg: Regulation, known: tuple[str, ...], required: tuple[str, ...], ignore_unknown: bool, report, problems) -> dict[str, str]:
    """Normalized header -> field name or unit code; unknown and missing columns reported."""
    units = {fields.fold(u.code): u.code for u in reg.units} if reg else {}
    mapping: dict[str, str] = {}
    for key, header in table.headers.items():
        if key in known:
            mapping[key] = key
        elif key in units:
            mapping[key] = units[key]
        elif ignore_unknown:
            report.ignored_columns.append(header)
        else:
            import difflib  # imported here: only an unknown column needs it

            close = difflib.get_close_matches(key, [*known, *units], n=1, cutoff=0.75)
            hint = f" (vouliez-vous dire « {units.get(close[0], close[0])} » ?)" if close else ""
            if reg is not None:  # candidates: fields and units, and an option to leave the others
                what = f"ni un champ ({', '.join(known)}) ni une unité du règlement ; corrigez l'en-tête ou ajoutez --ignore-unknown-columns"
            else:
                what = f"les colonnes de ce fichier sont {', '.join(known)} ; corrigez l'en-tête ou retirez la colonne"
            problems.append(_header_problem(table, f"colonne « {header} » inconnue{hint} : {what}", header))
    present = set(mapping.values())
    missing = [name for name in required if name not in present]
    if len(missing) == 1:
        problems.append(_header_problem(table, f"colonne obligatoire « {missing[0]} » absente"))
    elif missing:  # one message, not one a column: a file of the wrong kind misses them all
        names = ", ".join(f"« {name} »" for name in missing)
        problems.append(_header_problem(table, f"{len(missing)} colonnes obligatoires absentes : {names}"))
    return mapping


def _plan_candidates(table, state, reg, ignore_unknown, report, problems) -> None:
    if _signed(state, 1):
        problems.append(Problem("le tour 1 est signé : plus d'import de candidats (« jury reopen » d'abord)", Place(file=table.source)))
        return
    required = ("numero", "nom", "prenom", *(u.code for u in reg.mandatory))
    mapping = _columns(table, reg, fields.KNOWN_FIELDS, required, ignore_unknown, report, problems)
    if problems:
        return
    year = state["header"]["annee"]
    numero_key = next(key for key, name in mapping.items() if name == "numero")
    seen: dict[str, object] = {}  # numero -> the row where it was first read
    stored = state["candidates"]
    by_digits = {_digits(n): n for n in stored if n.isdigit()}
    reader = CandidateReader(mapping, reg, year)
    created, changes = report.created, report.changes
    for row in table.rows:
        c = reader.read(row, state, seen, problems)
        if c is None:
            continue
        numero = c.numero
        old = stored.get(numero)
        if old is None:
            if _lost_zeros(numero, by_digits, row, numero_key, problems):
                continue
            created.append(numero)
            changes[numero] = c
            continue
        old_c = cand_mod.from_dict(old)
        if _adjustment_conflicts(old_c, c, row, mapping, problems):
            continue
        _merge_existing(old_c, c, mapping, report)
    _optional_overflows(report.changes, reg, seen, problems)


def _optional_overflows(changes: dict, reg: Regulation, seen: dict, problems) -> None:
    """A candidate presenting more optional units than the regulation allows (D643-13)."""
    if reg.optional_max is None:
        return
    for numero, c in changes.items():
        why = fields.optional_overflow(c.notes, reg)
        if why:
            problems.append(Problem(why, replace(seen[numero].place, candidate=numero)))


def _digits(numero: str) -> str:
    return numero.lstrip("0") or "0"


def _lost_zeros(numero: str, by_digits: dict[str, str], row, numero_key: str, problems) -> bool:
    """A new numero that differs from another only by its leading zeros (02601 / 2601).

    A spreadsheet that stores numeros as numbers drops their leading zeros; importing such a
    file would create a second candidate beside the first. Refused with the way out. The
    file's own numeros are compared too (the first one seen is kept as the reference).
    """
    if not numero.isdigit():
        return False
    other = by_digits.setdefault(_digits(numero), numero)
    if other == numero:
        return False
    problems.append(Problem(
        f"numéro {numero} : la session ou le fichier a déjà le numéro {other} ; le tableur a-t-il "
        "supprimé les zéros en tête ? Mettez la colonne numero au format texte et saisissez les "
        "numéros tels qu'ils sont",
        row.place_of(numero_key),
    ))
    return True


def _adjustment_conflicts(old: Candidate, new: Candidate, row, mapping, problems) -> bool:
    """A changed grade under the jury's adjustment must stay adjustable (RULES.md §5)."""
    key_of = {name: key for key, name in mapping.items()}
    found = False
    for a in old.ajustements:
        unit = a.unite
        if unit not in key_of or old.notes.get(unit) == new.notes.get(unit):
            continue
        why = fields.adjustment_conflict(old, unit, new.notes.get(unit))
        if why:
            problems.append(Problem(why, row.cells[key_of[unit]].place))
            found = True
    return found


def _merge_existing(old: Candidate, new: Candidate, mapping, report: ImportReport) -> None:
    changed_units = [u for u in set(old.notes) | set(new.notes) if old.notes.get(u) != new.notes.get(u)]
    if new == old:
        report.unchanged.append(old.numero)
        return
    c = new
    if changed_units:
        report.grades_changed += len(changed_units)
        adjusted = {a.unite for a in old.ajustements}
        if old.decisions or adjusted & set(changed_units):
            c = replace(c, a_revoir=True)
            report.a_revoir.append(old.numero)
        c = replace(
            c,
            ajustements=tuple(
                replace(a, avant=c.notes[a.unite]) if a.unite in changed_units and a.unite in c.notes else a
                for a in c.ajustements
            ),
        )
    report.updated.append(old.numero)
    report.changes[old.numero] = c


def _plan_members(table, state, report, problems) -> None:
    if _signed(state, 1):
        problems.append(Problem("le tour 1 est signé : la composition du jury est figée", Place(file=table.source)))
        return
    mapping = _columns(table, None, ("nom", "prenom", "role", "qualite", "presence"), ("nom", "prenom", "role"), False, report, problems)
    if problems:
        return
    members = []
    seen: dict[tuple[str, str], tuple] = {}  # folded nom and prénom -> the row and member first giving them
    for row in table.rows:
        cells = {name: row.cells.get(key) for key, name in mapping.items()}
        if _cell_errors(cells, problems):
            continue
        member = _member_row(cells, row, problems)
        if member and not _repeated_member(member, row, seen, problems):
            members.append(member)
    if not members and not problems:
        problems.append(Problem("aucun membre dans le fichier", Place(file=table.source)))
    report.members = members


def _cell_errors(cells: dict, problems: list) -> bool:
    """Report the reading problems of a row's cells (a cell in error in the workbook, a control
    character...); whether there were any."""
    found = [Problem(cell.error, cell.place) for cell in cells.values() if cell is not None and cell.error]
    problems.extend(found)
    return bool(found)


def _repeated_member(member: dict, row, seen: dict, problems: list) -> bool:
    """A member listed twice (same nom and prénom, case and accents aside) would count twice in
    the jury's composition (RULES.md §8, D643-31): refused, naming both rows."""
    key = (normalize_value(member["nom"]), normalize_value(member["prenom"]))
    first_row, first = seen.setdefault(key, (row, member))
    if first_row is row:
        return False
    where = f"ligne {first_row.place.line}" if first_row.place.line is not None else first_row.place.pointer
    problems.append(Problem(
        f"membre « {_full_name(member)} » en double : déjà {where} (« {_full_name(first)} ») ; un "
        "membre ne compte qu'une fois dans la composition du jury : supprimez l'une des deux lignes",
        row.place,
    ))
    return True


def _full_name(member: dict) -> str:
    return f"{member['nom']} {member['prenom']}".strip()


def _member_row(cells, row, problems) -> dict | None:
    n = len(problems)
    try:
        nom = fields.person_name(_text(cells.get("nom")), "nom", _place(cells.get("nom"), row))
        prenom = fields.person_name(_text(cells.get("prenom")), "prénom", _place(cells.get("prenom"), row), required=False)
        role = fields.choice(_text(cells.get("role")), ROLES, "rôles", _place(cells.get("role"), row))
        qualite_raw = fields.free_text(_text(cells.get("qualite")), _place(cells.get("qualite"), row))
        qualite = fields.fold(qualite_raw) if qualite_raw and qualite_raw.strip() else None
        presence = fields.choice(_text(cells.get("presence")), PRESENCES, "présences", _place(cells.get("presence"), row), default="present")
    except JuryError as exc:
        problems.extend(exc.problems)
        return None
    if role is None:
        problems.append(Problem("rôle manquant", _place(cells.get("role"), row)))
        return None
    why = role_qualite_error(role, qualite)
    if why:
        problems.append(Problem(why, _place(cells.get("qualite"), row) if cells.get("qualite") else row.place))
    return None if len(problems) > n else {"nom": nom, "prenom": prenom, "role": role, "qualite": qualite, "presence": presence}


def _text(cell):
    return None if cell is None else cell.text


def _place(cell, row):
    return cell.place if cell is not None else row.place


def _plan_controle(table, state, reg, report, problems) -> None:
    if not _signed(state, 1):
        problems.append(Problem("le tour 1 n'est pas signé : les notes de contrôle s'importent après sa signature "
                                "(« jury sign SESSION », une fois chaque candidat du tour 1 décidé)", Place(file=table.source)))  # fmt: skip
        return
    if _signed(state, 2):
        problems.append(Problem("le tour 2 est signé : ses notes de contrôle sont figées (« jury reopen » d'abord)", Place(file=table.source)))
        return
    mapping = _columns(table, None, ("numero", "unite", "note"), ("numero", "unite", "note"), False, report, problems)
    if problems:
        return
    seen: dict[tuple, object] = {}
    grades_by: dict[str, dict] = {}
    for row in table.rows:
        cells = {name: row.cells.get(key) for key, name in mapping.items()}
        if not _cell_errors(cells, problems):
            _controle_row(cells, row, state, reg, seen, grades_by, problems)
    for numero, new in grades_by.items():
        c = cand_mod.from_dict(state["candidates"][numero])
        merged = {**c.controle, **new}
        if len(merged) > reg.controle_count:
            problems.append(Problem(f"{len(merged)} épreuves de contrôle pour {reg.controle_count} au plus ({', '.join(sorted(merged))})", Place(file=table.source, candidate=numero)))
            continue
        if merged == c.controle:
            report.unchanged.append(numero)
            continue
        report.grades_changed += sum(1 for u in merged if c.controle.get(u) != merged[u])
        revoir = c.a_revoir or c.decision(2) is not None
        if c.decision(2) is not None:
            report.a_revoir.append(numero)
        report.updated.append(numero)
        report.changes[numero] = replace(c, controle=merged, a_revoir=revoir)


def _controle_row(cells, row, state, reg, seen, grades_by, problems) -> None:
    try:
        numero = fields.numero(_text(cells.get("numero")), _place(cells.get("numero"), row))
        unit = (_text(cells.get("unite")) or "").strip().upper()
        raw = state["candidates"].get(numero)
        if raw is None:
            problems.append(Problem(f"candidat {numero} inconnu dans la session", _place(cells.get("numero"), row)))
            return
        cand = cand_mod.from_dict(raw)
        if not tours.in_tour(cand, 2):
            problems.append(Problem(f"candidat {numero} non concerné par le contrôle (décision du tour 1 ≠ contrôle)", _place(cells.get("numero"), row)))
            return
        note_cell = cells.get("note")
        value = fields.controle_grade(_text(note_cell), unit, reg, _place(note_cell, row), cand.value(unit, 2),
                                      unit_place=_place(cells.get("unite"), row))
    except JuryError as exc:
        problems.extend(exc.problems)
        return
    key = (numero, unit)
    if key in seen:
        problems.append(Problem(f"note de contrôle {numero} {unit} en double", row.place))
        return
    seen[key] = row.place
    grades_by.setdefault(numero, {})[unit] = value
