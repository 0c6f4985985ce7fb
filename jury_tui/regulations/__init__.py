"""Shipped regulations (`bts-mos`) and regulation files given by path."""

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
