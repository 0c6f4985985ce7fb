"""Shipped regulations (`bts-mos`, `bts-mos-2027`...) and regulation files given by path.

A shipped regulation is named by its file's name, or by its speciality (`specialite_id`):
`for_session("bts-mos", 2027)` is the edition of the speciality valid for the session 2027.
"""

from __future__ import annotations

from pathlib import Path

from jury_tui.domain.regulation import Regulation, parse_regulation
from jury_tui.errors import JuryError, Place, Problem
from jury_tui.resources import regulations_dir


def shipped() -> list[str]:
    return sorted(p.stem for p in regulations_dir().glob("*.toml"))


def read_text(name_or_path: str) -> tuple[str, str]:
    """(text, source name) of a shipped regulation (by name) or of a file (by path)."""
    shipped_file = regulations_dir() / f"{name_or_path}.toml"
    if "/" not in name_or_path and shipped_file.is_file():
        return shipped_file.read_text(encoding="utf-8"), shipped_file.name
    path = Path(name_or_path)
    if not path.is_file():
        raise JuryError(
            Problem(
                f"règlement « {name_or_path} » introuvable : donnez un nom livré ({', '.join(shipped())}) "
                "ou le chemin d'un fichier .toml",
                Place(file=str(path)),
                code="REGULATION",
            )
        )
    try:
        return path.read_text(encoding="utf-8"), path.name
    except UnicodeDecodeError:
        raise JuryError(Problem("le fichier doit être en UTF-8", Place(file=path.name), code="REGULATION")) from None


def load(name_or_path: str) -> Regulation:
    text, source = read_text(name_or_path)
    return parse_regulation(text, source)


def for_session(name_or_path: str, year: int) -> tuple[str, str]:
    """(text, source) of the regulation `jury new --regulation NAME|FILE --year YEAR` uses.

    A speciality's name picks, among its shipped editions, the one valid for `year`; a file's
    name or a path must be valid for `year`. Refused, listing the regulations that fit."""
    editions = _editions()
    family = [(stem, reg) for stem, reg in editions if reg.specialite_id == name_or_path]
    if family:
        fits = [(stem, reg) for stem, reg in family if reg.valid_for(year)]
        if len(fits) == 1:
            return fits[0][1].text, f"{fits[0][0]}.toml"
        if len(fits) > 1:
            raise _session_error(
                f"plusieurs règlements « {name_or_path} » valent pour la session {year} : "
                f"{_listed(fits)} ; donnez le nom de l'un d'eux", name_or_path
            )
        raise _session_error(f"aucun règlement « {name_or_path} » ne vaut pour la session {year} ({_listed(family)})", name_or_path, year)
    text, source = read_text(name_or_path)
    reg = parse_regulation(text, source)
    if not reg.valid_for(year):
        raise _session_error(f"le règlement {source} vaut pour les sessions {reg.sessions}, pas pour {year}", name_or_path, year)
    return text, source


def _editions() -> list[tuple[str, Regulation]]:
    return [(stem, load(stem)) for stem in shipped()]


def _listed(editions) -> str:
    return ", ".join(f"{stem} (sessions {reg.sessions or 'non précisées'})" for stem, reg in editions)


def _session_error(message: str, name: str, year: int | None = None) -> JuryError:
    if year is not None:
        fits = [(stem, reg) for stem, reg in _editions() if reg.valid_for(year)]
        message += f" ; règlements livrés valables pour {year} : {_listed(fits)}" if fits else f" ; aucun règlement livré ne vaut pour {year}"
    return JuryError(Problem(f"option --regulation {name} : {message}", code="REGULATION"))
