"""A diploma's regulation as data (RULES.md §1): units, coefficients, blocs, thresholds, policies.

`parse_regulation(text, source)` reads a TOML regulation file and validates it whole,
reporting every key at fault. The engine never holds a number of its own: everything
below comes from the file, and a session keeps its copy so it recomputes the same forever.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from jury_tui.domain import grades
from jury_tui.errors import JuryError, Place, Problem

GENERALE = "generale"
PROFESSIONNELLE = "professionnelle"
FACULTATIVE = "facultative"
NATURES = (GENERALE, PROFESSIONNELLE, FACULTATIVE)

POLICY_CHOICES = {
    "dispense": ("exclure",),
    "note_controle": ("meilleure", "controle"),
    "absence_facultative": ("sans_effet", "non_delivre"),
    "abs_moyenne_affichee": ("exclure", "zero"),
}


@dataclass(frozen=True, slots=True)
class Unit:
    """A unit of the diploma, as the regulation defines it."""

    code: str
    epreuve: str
    intitule: str
    nature: str
    coefficient: int  # 0 for optional units (they never count in the divisor, D643-22)
    bonus_weight: int  # optional units: weight of the points above 10
    bloc: str | None = None
    carte_professionnelle: bool = False

    @property
    def optional(self) -> bool:
        return self.nature == FACULTATIVE

    @property
    def professional(self) -> bool:
        return self.nature == PROFESSIONNELLE


@dataclass(frozen=True, slots=True)
class Policies:
    """The regulation's choices where the texts leave room (policies)."""

    dispense: str
    bonus_weight: int
    note_controle: str
    controle_acquiert: bool
    absence_facultative: str
    abs_moyenne_affichee: str
    validite_benefice: int


@dataclass(frozen=True)
class Regulation:
    """A validated regulation file; thresholds are in hundredths."""

    id: str
    diplome: str
    specialite: str
    arrete: str
    status: str
    source: str
    rncp_code: str
    rncp_end: date | None
    admis: int  # hundredths
    controle: int
    controle_pro: int
    controle_units: tuple[str, ...]
    controle_count: int
    policies: Policies
    units: tuple[Unit, ...]
    text: str  # the TOML source, kept verbatim in the session
    sha256: str

    @property
    def provisional(self) -> bool:
        return self.status == "provisional"

    def unit(self, code: str) -> Unit:
        return self._by_code()[code]

    def has_unit(self, code: str) -> bool:
        return code in self._by_code()

    def _by_code(self) -> dict[str, Unit]:
        cache = self.__dict__.get("_units_by_code")
        if cache is None:
            cache = {u.code: u for u in self.units}
            object.__setattr__(self, "_units_by_code", cache)
        return cache

    @property
    def mandatory(self) -> tuple[Unit, ...]:
        return tuple(u for u in self.units if not u.optional)

    @property
    def optional(self) -> tuple[Unit, ...]:
        return tuple(u for u in self.units if u.optional)


class _Reader:
    """Collects every problem of a regulation file, each with the key at fault."""

    def __init__(self, source: str) -> None:
        self.source = source
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


def _kind_name(kind) -> str:
    names = {str: "texte", int: "entier", bool: "vrai/faux", list: "liste", dict: "table", date: "date"}
    if isinstance(kind, tuple):
        return " ou ".join(names.get(k, k.__name__) for k in kind)
    return names.get(kind, kind.__name__)


def parse_regulation(text: str, source: str) -> Regulation:
    """Read and validate a regulation file's text. Raises JuryError listing every problem."""
    import hashlib  # both imported by the first regulation read, not with the domain
    import tomllib

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise JuryError(Problem(f"fichier TOML illisible : {exc}", Place(file=source), code="REGULATION")) from exc
    r = _Reader(source)
    _unknown_keys(r, data)
    units = _read_units(r, data)
    policies = _read_policies(r, data.get("politiques", {}) if isinstance(data.get("politiques"), dict) else {})
    rncp = r.get(data, "rncp", "rncp", dict, default={}) or {}
    controle = r.get(data, "controle", "controle", dict, default={}) or {}
    seuils = r.get(data, "seuils", "seuils", dict) or {}
    header = {k: r.get(data, k, k, str) for k in ("id", "diplome", "specialite", "status")}
    if header["status"] not in (None, "provisional", "official"):
        r.fail("status", f"« {header['status']} » : valeurs possibles provisional, official")
    ctrl_units = tuple(r.get(controle, "unites", "controle.unites", list, default=[]) or ())
    rncp_end = r.get(rncp, "fin_enregistrement", "rncp.fin_enregistrement", date, default=None)
    if isinstance(rncp_end, datetime):  # a TOML datetime is a date subclass: it would not compare with a date
        r.fail("rncp.fin_enregistrement", "une date sans heure est attendue (AAAA-MM-JJ)")
        rncp_end = None
    _check_controle(r, controle, ctrl_units, units)
    reg = Regulation(
        id=header["id"] or "",
        diplome=header["diplome"] or "",
        specialite=header["specialite"] or "",
        arrete=r.get(data, "arrete", "arrete", str, default="") or "",
        status=header["status"] or "",
        source=r.get(data, "source", "source", str, default="") or "",
        rncp_code=r.get(rncp, "code", "rncp.code", str) or "",
        rncp_end=rncp_end,
        admis=r.threshold(seuils, "admis", "seuils.admis") or 0,
        controle=r.threshold(seuils, "controle", "seuils.controle") or 0,
        controle_pro=r.threshold(seuils, "controle_moyenne_professionnelle", "seuils.controle_moyenne_professionnelle")
        or 0,
        controle_units=ctrl_units,
        controle_count=r.get(controle, "nombre", "controle.nombre", int, default=2) or 2,
        policies=policies,
        units=tuple(units),
        text=text,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
    )
    if r.problems:
        raise JuryError(r.problems)
    return reg


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


_KNOWN = {
    "": {"format", "id", "diplome", "specialite", "arrete", "status", "source", "rncp", "seuils", "controle", "politiques", "unites"},
    "rncp": {"code", "fin_enregistrement"},
    "seuils": {"admis", "controle", "controle_moyenne_professionnelle"},
    "controle": {"unites", "nombre"},
    "politiques": {"dispense", "poids_bonus", "note_controle", "controle_acquiert", "absence_facultative", "abs_moyenne_affichee", "validite_benefice"},
}
_UNIT_KEYS = {"code", "epreuve", "intitule", "nature", "coefficient", "poids_bonus", "bloc", "carte_professionnelle"}


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
    )


def _read_units(r: _Reader, data: dict) -> list[Unit]:
    raw = r.get(data, "unites", "unites", list)
    if not raw:
        if raw is not None:
            r.fail("unites", "le règlement ne définit aucune unité")
        return []
    default_weight = data.get("politiques", {}).get("poids_bonus", 1) if isinstance(data.get("politiques"), dict) else 1
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
    if optional:
        coefficient = 0
        if "coefficient" in entry:
            r.fail(f"{label}.coefficient", "une unité facultative n'a pas de coefficient (voir poids_bonus)")
    else:
        coefficient = r.get(entry, "coefficient", f"{label}.coefficient", int, message=None)
        if coefficient is not None and coefficient <= 0:
            r.fail(f"{label}.coefficient", "le coefficient d'une unité obligatoire est un entier strictement positif")
    weight = r.get(entry, "poids_bonus", f"{label}.poids_bonus", int, default=default_weight)
    fields = {k: r.get(entry, k, f"{label}.{k}", str) for k in ("epreuve", "intitule")}
    bloc = r.get(entry, "bloc", f"{label}.bloc", str, default=None)
    carte = r.get(entry, "carte_professionnelle", f"{label}.carte_professionnelle", bool, default=False)
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
    )
