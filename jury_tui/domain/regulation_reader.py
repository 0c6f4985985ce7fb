"""Reading a regulation file (TOML) into a `Regulation`, every problem named by its key.

A mistyped key never falls back to a default silently: unknown keys are refused, and so are
values of the wrong type or outside their choices. Every problem of the file is reported.
"""

from __future__ import annotations

from datetime import date, datetime

from jury_tui.domain import grades
from jury_tui.domain.composition import TOLERABLE
from jury_tui.domain.regulation import (
    DISPENSE_TEXT,
    FACULTATIVE,
    FORMATS,
    NATURES,
    POLICY_CHOICES,
    Policies,
    Regulation,
    Sessions,
    Unit,
)
from jury_tui.errors import JuryError, Place, Problem
from jury_tui.system_text import toml_cause

_KNOWN = {
    "": {
        "format", "id", "specialite_id", "diplome", "specialite", "arrete", "status", "source", "rncp", "seuils",
        "controle", "politiques", "unites", "sessions", "facultatives", "dispenses",
    },
    "rncp": {"code", "fin_enregistrement"},
    "seuils": {"admis", "controle", "controle_moyenne_professionnelle"},
    "controle": {"unites", "nombre"},
    "politiques": {
        "dispense", "poids_bonus", "note_controle", "controle_acquiert", "absence_facultative",
        "abs_moyenne_affichee", "validite_benefice", "defection_toleree", "absence_controle", "bonus_controle",
    },
    "sessions": {"premiere", "derniere", "texte"},
    "facultatives": {"maximum", "texte"},
    "dispenses": {"texte"},
}
_UNIT_KEYS = {
    "code", "epreuve", "intitule", "nature", "coefficient", "poids_bonus", "bloc", "carte_professionnelle",
    "dispense", "hors_maximum",
}
_YEARS = range(1990, 2101)


class _Reader:
    """Collects every problem of a regulation file, each with the key at fault."""

    def __init__(self, source: str, version: int) -> None:
        self.source = source
        self.version = version  # the file's format: what its absent keys mean
        self.problems: list[Problem] = []

    def fail(self, key: str, message: str) -> None:
        self.problems.append(Problem(message, Place(file=self.source, key=key), code="REGULATION"))

    def get(self, table: dict, key: str, path: str, kind: type | tuple, *, default=..., message: str | None = None):
        if key not in table:
            if default is ...:
                self.fail(path, message or "clé manquante")
            return None if default is ... else default
        value = table[key]
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            self.fail(path, message or f"valeur {value!r} : type attendu {_kind_name(kind)}")
            return None if default is ... else default
        return value

    def since_format_2(self, table: dict, key: str, path: str, kind, legacy):
        """A key required from format 2 on; in a format 1 file, absent, it means `legacy`."""
        if self.version < 2 and key not in table:
            return legacy
        return self.get(table, key, path, kind)

    def threshold(self, table: dict, key: str, path: str) -> int | None:
        raw = self.get(table, key, path, (str, int))
        if raw is None:
            return None
        try:
            return grades.parse_number(str(raw))
        except grades.GradeError as exc:
            self.fail(path, str(exc))
            return None

    def choice(self, table: dict, key: str, default: str) -> str:
        value = self.get(table, key, f"politiques.{key}", str, default=default)
        if value not in POLICY_CHOICES[key]:
            self.fail(f"politiques.{key}", f"« {value} » : valeurs possibles {', '.join(POLICY_CHOICES[key])}")
            return default
        return value

    def table(self, data: dict, key: str) -> dict:
        value = data.get(key)
        return value if isinstance(value, dict) else {}


def _kind_name(kind) -> str:
    names = {str: "texte", int: "entier", bool: "vrai/faux", list: "liste", dict: "table", date: "date"}
    if isinstance(kind, tuple):
        return " ou ".join(names.get(k, k.__name__) for k in kind)
    return names.get(kind, kind.__name__)


def read_regulation(text: str, source: str) -> Regulation:
    """Read and validate a regulation file's text. Raises JuryError listing every problem."""
    import hashlib  # both imported by the first regulation read, not with the domain
    import tomllib

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise JuryError(Problem(f"fichier TOML illisible, {toml_cause(exc)}", Place(file=source), code="REGULATION")) from exc
    r = _Reader(source, _format(data))
    if r.version not in FORMATS:
        r.fail("format", f"format {data.get('format')!r} inconnu ; formats possibles : {', '.join(map(str, FORMATS))}")
    _unknown_keys(r, data)
    units = _read_units(r, data)
    controle = r.get(data, "controle", "controle", dict, default={}) or {}
    ctrl_units = tuple(r.get(controle, "unites", "controle.unites", list, default=[]) or ())
    _check_controle(r, controle, ctrl_units, units)
    optional_max, optional_source = _read_optional_max(r, data)
    reg = Regulation(
        **_read_header(r, data),
        **_read_thresholds(r, data),
        controle_units=ctrl_units,
        controle_count=r.get(controle, "nombre", "controle.nombre", int, default=2) or 2,
        policies=_read_policies(r, r.table(data, "politiques")),
        units=tuple(units),
        text=text,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        format=r.version,
        sessions=_read_sessions(r, data),
        optional_max=optional_max,
        optional_max_source=optional_source,
        dispense_text=r.get(r.table(data, "dispenses"), "texte", "dispenses.texte", str, default=DISPENSE_TEXT),
    )
    if r.problems:
        raise JuryError(r.problems)
    return reg


def _format(data: dict) -> int:
    value = data.get("format", 1)
    return value if isinstance(value, int) and not isinstance(value, bool) else -1


def _read_header(r: _Reader, data: dict) -> dict:
    header = {k: r.get(data, k, k, str) for k in ("id", "diplome", "specialite", "status")}
    if header["status"] not in (None, "provisional", "official"):
        r.fail("status", f"« {header['status']} » : valeurs possibles provisional, official")
    rncp = r.get(data, "rncp", "rncp", dict, default={}) or {}
    rncp_end = r.get(rncp, "fin_enregistrement", "rncp.fin_enregistrement", date, default=None)
    if isinstance(rncp_end, datetime):  # a TOML datetime is a date subclass: it would not compare with a date
        r.fail("rncp.fin_enregistrement", "une date sans heure est attendue (AAAA-MM-JJ)")
        rncp_end = None
    own_id = header["id"] or ""
    return dict(
        id=own_id,
        specialite_id=r.get(data, "specialite_id", "specialite_id", str, default=own_id) or own_id,
        diplome=header["diplome"] or "",
        specialite=header["specialite"] or "",
        arrete=r.get(data, "arrete", "arrete", str, default="") or "",
        status=header["status"] or "",
        source=r.get(data, "source", "source", str, default="") or "",
        rncp_code=r.get(rncp, "code", "rncp.code", str) or "",
        rncp_end=rncp_end,
    )


def _read_thresholds(r: _Reader, data: dict) -> dict:
    seuils = r.get(data, "seuils", "seuils", dict) or {}
    return dict(
        admis=r.threshold(seuils, "admis", "seuils.admis") or 0,
        controle=r.threshold(seuils, "controle", "seuils.controle") or 0,
        controle_pro=r.threshold(seuils, "controle_moyenne_professionnelle", "seuils.controle_moyenne_professionnelle") or 0,
    )


def _read_sessions(r: _Reader, data: dict) -> Sessions | None:
    """[sessions] premiere, derniere (optional), texte: the sessions the file is valid for."""
    if "sessions" not in data:
        if r.version >= 2:
            r.fail("sessions", "table [sessions] manquante : premiere = <année> (et derniere, si elle est connue)")
        return None
    table = r.get(data, "sessions", "sessions", dict, default={}) or {}
    first = r.get(table, "premiere", "sessions.premiere", int)
    last = r.get(table, "derniere", "sessions.derniere", int, default=None)
    for key, year in (("premiere", first), ("derniere", last)):
        if year is not None and year not in _YEARS:
            r.fail(f"sessions.{key}", f"année {year} : attendu une année de session comme 2026")
    if first is not None and last is not None and last < first:
        r.fail("sessions.derniere", f"dernière session {last} avant la première ({first})")
    if first is None or first not in _YEARS:
        return None
    return Sessions(first, last, r.get(table, "texte", "sessions.texte", str, default="") or "")


def _read_optional_max(r: _Reader, data: dict) -> tuple[int | None, str]:
    """[facultatives] maximum, texte: how many optional units a candidate may present (D643-13)."""
    if "facultatives" not in data:
        if r.version >= 2:
            r.fail("facultatives", "table [facultatives] manquante : maximum = <nombre d'unités facultatives> (D643-13)")
        return None, ""
    table = r.get(data, "facultatives", "facultatives", dict, default={}) or {}
    maximum = r.get(table, "maximum", "facultatives.maximum", int)
    if maximum is not None and maximum < 0:
        r.fail("facultatives.maximum", "le nombre maximal d'unités facultatives est un entier positif ou nul")
        maximum = None
    return maximum, r.get(table, "texte", "facultatives.texte", str, default="") or ""


def _check_controle(r: _Reader, controle: dict, ctrl_units: tuple, units: list) -> None:
    by_code = {u.code: u for u in units}
    for code in ctrl_units:
        if code not in by_code:
            r.fail("controle.unites", f"unité « {code} » inconnue du règlement")
        elif by_code[code].optional:
            r.fail("controle.unites", f"unité « {code} » facultative : le contrôle porte sur des unités obligatoires")
    count = controle.get("nombre", 2)
    if not isinstance(count, int) or isinstance(count, bool) or count < 1:
        r.fail("controle.nombre", "le nombre d'épreuves de contrôle est un entier d'au moins 1")


def _unknown_keys(r: _Reader, data: dict) -> None:
    """A mistyped key must not silently fall back to a default."""
    for section, known in _KNOWN.items():
        table = data if not section else data.get(section)
        if section and table is not None and not isinstance(table, dict):
            r.fail(section, "attendu une table [" + section + "]")
            continue
        for key in table or {}:
            if key not in known:
                prefix = f"{section}." if section else ""
                r.fail(prefix + key, f"clé inconnue ; clés possibles : {', '.join(sorted(known))}")
    for i, entry in enumerate(data.get("unites") or []):
        if isinstance(entry, dict):
            for key in entry:
                if key not in _UNIT_KEYS:
                    r.fail(f"unites[{entry.get('code', i)}].{key}", f"clé inconnue ; clés possibles : {', '.join(sorted(_UNIT_KEYS))}")


def _read_policies(r: _Reader, table: dict) -> Policies:
    weight = r.get(table, "poids_bonus", "politiques.poids_bonus", int, default=1)
    validity = r.get(table, "validite_benefice", "politiques.validite_benefice", int, default=5)
    if weight is not None and weight < 0:
        r.fail("politiques.poids_bonus", "le poids du bonus est un entier positif ou nul")
    if validity is not None and validity < 1:
        r.fail("politiques.validite_benefice", "la validité d'une note conservée est d'au moins une session")
    return Policies(
        dispense=r.choice(table, "dispense", "exclure"),
        bonus_weight=weight if weight is not None else 1,
        note_controle=r.choice(table, "note_controle", "meilleure"),
        controle_acquiert=bool(r.get(table, "controle_acquiert", "politiques.controle_acquiert", bool, default=True)),
        absence_facultative=r.choice(table, "absence_facultative", "sans_effet"),
        abs_moyenne_affichee=r.choice(table, "abs_moyenne_affichee", "exclure"),
        validite_benefice=validity if validity is not None else 5,
        absence_controle=r.choice(table, "absence_controle", "note_initiale"),
        bonus_controle=r.choice(table, "bonus_controle", "inclure"),
        defection_toleree=_read_defection(r, table),
    )


def _read_defection(r: _Reader, table: dict) -> frozenset[str] | None:
    """politiques.defection_toleree: the composition rules a defection may break (D643-31).

    Format 2: the text's own exception, « parite », when the key is absent. Format 1: None,
    every rule among the members present a warning, as sessions created before read it."""
    key = "politiques.defection_toleree"
    if r.version < 2 and "defection_toleree" not in table:
        return None
    names = r.get(table, "defection_toleree", key, list, default=["parite"]) or []
    unknown = [n for n in names if n not in TOLERABLE]
    if unknown:
        r.fail(key, f"{', '.join(map(str, unknown))} : règles possibles {', '.join(TOLERABLE)}")
    return frozenset(n for n in names if n in TOLERABLE)


def _read_units(r: _Reader, data: dict) -> list[Unit]:
    raw = r.get(data, "unites", "unites", list)
    if not raw:
        if raw is not None:
            r.fail("unites", "le règlement ne définit aucune unité")
        return []
    politiques = data.get("politiques")
    default_weight = politiques.get("poids_bonus", 1) if isinstance(politiques, dict) else 1
    units: list[Unit] = []
    seen: set[str] = set()
    for i, entry in enumerate(raw):
        path = f"unites[{i}]"
        if not isinstance(entry, dict):
            r.fail(path, "chaque unité est une table [[unites]]")
            continue
        unit = _read_unit(r, entry, path, default_weight if isinstance(default_weight, int) else 1)
        if unit is None:
            continue
        if unit.code in seen:
            r.fail(f"{path}.code", f"unité « {unit.code} » définie deux fois")
        seen.add(unit.code)
        units.append(unit)
    if units and not any(not u.optional for u in units):
        r.fail("unites", "le règlement n'a aucune unité obligatoire")
    return units


def _read_unit(r: _Reader, entry: dict, path: str, default_weight: int) -> Unit | None:
    code = r.get(entry, "code", f"{path}.code", str)
    label = f"unites[{code}]" if code else path
    nature = r.get(entry, "nature", f"{label}.nature", str)
    if nature is not None and nature not in NATURES:
        r.fail(f"{label}.nature", f"« {nature} » : valeurs possibles {', '.join(NATURES)}")
        return None
    optional = nature == FACULTATIVE
    coefficient = _read_coefficient(r, entry, label, optional)
    weight = r.get(entry, "poids_bonus", f"{label}.poids_bonus", int, default=default_weight)
    fields = {k: r.get(entry, k, f"{label}.{k}", str) for k in ("epreuve", "intitule")}
    bloc = r.get(entry, "bloc", f"{label}.bloc", str, default=None)
    carte = r.get(entry, "carte_professionnelle", f"{label}.carte_professionnelle", bool, default=False)
    dispensable, outside = _read_unit_dispense(r, entry, label, optional)
    if code is None or nature is None or coefficient is None or None in fields.values():
        return None
    return Unit(
        code=code,
        epreuve=fields["epreuve"],
        intitule=fields["intitule"],
        nature=nature,
        coefficient=coefficient,
        bonus_weight=weight if weight is not None else default_weight,
        bloc=bloc,
        carte_professionnelle=bool(carte),
        dispensable=dispensable,
        outside_max=outside,
    )


def _read_coefficient(r: _Reader, entry: dict, label: str, optional: bool) -> int | None:
    if optional:
        if "coefficient" in entry:
            r.fail(f"{label}.coefficient", "une unité facultative n'a pas de coefficient (voir poids_bonus)")
        return 0
    coefficient = r.get(entry, "coefficient", f"{label}.coefficient", int, message=None)
    if coefficient is not None and coefficient <= 0:
        r.fail(f"{label}.coefficient", "le coefficient d'une unité obligatoire est un entier strictement positif")
    return coefficient


def _read_unit_dispense(r: _Reader, entry: dict, label: str, optional: bool) -> tuple[bool, bool]:
    """(dispensable, outside the optional maximum) of a unit.

    A mandatory unit says whether it can be dispensed (`dispense`, required from format 2:
    arrêté du 24 juin 2005, annex II b); an optional one cannot be (RULES.md §2) and may be
    outside the maximum (`hors_maximum`: the unit of D643-15-1, D643-13)."""
    if optional:
        if entry.get("dispense") is True:
            r.fail(f"{label}.dispense", "une unité facultative ne peut pas être dispensée (laissez la case vide)")
        outside = r.get(entry, "hors_maximum", f"{label}.hors_maximum", bool, default=False)
        return False, bool(outside)
    if "hors_maximum" in entry:
        r.fail(f"{label}.hors_maximum", "hors_maximum ne vaut que pour une unité facultative")
    dispensable = r.since_format_2(entry, "dispense", f"{label}.dispense", bool, True)
    return bool(dispensable), False
