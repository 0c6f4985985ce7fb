"""A diploma's regulation as data (RULES.md §1): units, coefficients, blocs, thresholds, policies.

`parse_regulation(text, source)` reads a TOML regulation file and validates it whole,
reporting every key at fault (the readers are in `regulation_reader`). The engine never holds
a number of its own: everything below comes from the file, and a session keeps its copy so it
recomputes the same forever.

A file of `format = 2` says which sessions it is valid for, how many optional units a
candidate may present, which units can be dispensed, and which composition rules may be
broken by a member's defection. A file without `format` (or `format = 1`, what sessions
created before kept) is read with the rules it was written under: valid for any session, no
optional maximum, every unit dispensable, every rule broken among the members present a
warning only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cached_property

GENERALE = "generale"
PROFESSIONNELLE = "professionnelle"
FACULTATIVE = "facultative"
NATURES = (GENERALE, PROFESSIONNELLE, FACULTATIVE)
FORMATS = (1, 2)

POLICY_CHOICES = {
    "dispense": ("exclure",),
    "note_controle": ("meilleure", "controle"),
    "absence_facultative": ("sans_effet", "non_delivre"),
    "abs_moyenne_affichee": ("exclure", "zero"),
    "absence_controle": ("note_initiale", "zero"),
    "bonus_controle": ("inclure", "exclure"),
}

# The text the arrêté of 24 June 2005 gives for a unit that cannot be dispensed, cited when a
# file of format 2 does not name its own (its [dispenses] texte).
DISPENSE_TEXT = (
    "arrêté du 24 juin 2005, art. 1 : les épreuves professionnelles caractéristiques de la "
    "spécialité ne peuvent faire l'objet d'une dispense ; annexe II b de l'arrêté de spécialité"
)


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
    dispensable: bool = True  # DISP accepted (arrêté du 24 juin 2005; annex II b)
    outside_max: bool = False  # optional unit not counted in the maximum (D643-13: the unit of D643-15-1)

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
    # Tour 2 (RULES.md §6): what an absence at an épreuve de contrôle does (« note_initiale »: the
    # first grade stays; « zero »: the contrôle counts 0, then note_controle decides), and whether
    # the optional units' bonus counts in the tour-2 average (« inclure » / « exclure »).
    absence_controle: str = "note_initiale"
    bonus_controle: str = "inclure"
    # D643-31: the composition rules (composition.TOLERABLE names) that may be broken among the
    # members present when members defected; the others make the deliberation irregular.
    # None (format 1): every rule among the members present is a warning.
    defection_toleree: frozenset[str] | None = None


@dataclass(frozen=True, slots=True)
class Sessions:
    """The sessions a regulation is valid for: first to last (None: no end known)."""

    first: int
    last: int | None
    source: str = ""

    def __contains__(self, year: int) -> bool:
        return self.first <= year and (self.last is None or year <= self.last)

    def __str__(self) -> str:
        if self.last is None:
            return f"{self.first} et suivantes"
        if self.last == self.first:
            return str(self.first)
        return f"{self.first} à {self.last}"


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
    format: int = 1
    specialite_id: str = ""  # what `jury new --regulation` names: the same for every edition of a diploma
    sessions: Sessions | None = None  # None: valid for any session (format 1)
    optional_max: int | None = None  # None: no maximum (format 1)
    optional_max_source: str = ""
    dispense_text: str = DISPENSE_TEXT

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

    @cached_property
    def mandatory(self) -> tuple[Unit, ...]:
        return tuple(u for u in self.units if not u.optional)

    @cached_property  # an import asks for each candidate (optional_overflow)
    def optional(self) -> tuple[Unit, ...]:
        return tuple(u for u in self.units if u.optional)

    def valid_for(self, year: int) -> bool:
        """Whether this regulation applies to the session of `year` (any, when it does not say)."""
        return self.sessions is None or year in self.sessions

    def optional_overflow(self, codes) -> tuple[str, ...] | None:
        """The optional units counted against the maximum among `codes` (the units a candidate
        presents), when there are more than the maximum; None otherwise (D643-13)."""
        if self.optional_max is None:
            return None
        counted = tuple(u.code for u in self.optional if u.code in codes and not u.outside_max)
        return counted if len(counted) > self.optional_max else None


def parse_regulation(text: str, source: str) -> Regulation:
    """Read and validate a regulation file's text. Raises JuryError listing every problem."""
    from jury_tui.domain.regulation_reader import read_regulation  # the readers, with the first file read

    return read_regulation(text, source)
