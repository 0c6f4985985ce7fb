"""Synthetic sessions for the benchmarks: N fictional candidates, fixed seed, every grade code.

The CSV is in the demo's format (sessions/demo/candidats.csv: Excel-FR, `;`, decimal comma)
and lawful for the shipped regulation bts-mos: grades with 0, 1 or 2 decimals, ABS, ABJ,
DISP (general units only), VAE, NP (progressive form only), kept grades B<year>:<grade>
(>= 10 in the globale form), optional units left empty, graded or ABS (two at most besides
UF4), livret and attestation_shg oui/non. The same seed and N always give the same bytes.

    python bench/synth.py 5000 /tmp/candidats.csv
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

SEED = 20260630
MANDATORY = ("U1", "U21", "U22", "U3", "U4", "U51", "U52", "U6")
PROFESSIONAL = ("U4", "U51", "U52", "U6")  # not dispensable (the regulation's `dispensable`)
OPTIONAL = ("UF1", "UF2", "UF3", "UF4")
HEADER = (
    "numero", "nom", "prenom", "date_naissance", "statut", "forme", "livret", "attestation_shg",
    *MANDATORY, *OPTIONAL,
)  # fmt: skip
NOMS = (
    "DURAND", "MOREAU", "LAMBERT", "N'DIAYE", "LEFÈVRE-DUPONT", "NÚÑEZ", "BENALI", "GIRARD",
    "ROUSSEAU", "FAURE", "MERCIER", "BLANC", "GUÉRIN", "BOYER", "GARNIER", "CHEVALIER", "FRANÇOIS",
    "LEGRAND", "GAUTHIER", "PERRIN", "ROBIN", "CLÉMENT", "MOREL", "HENRY", "DA SILVA", "LE GOFF",
    "ÇELIK", "MASSON", "MARCHAND", "DUMAS", "BRUNET", "SCHMITT", "COLIN", "VIDAL", "CARON",
    "NGUYEN", "LECLERC", "BERTRAND", "ROGER", "FONTAINE", "ROUX", "DE LA TOUR", "O'BRIEN",
)  # fmt: skip
PRENOMS = (
    "Léa", "Hugo", "Chloé", "Moussa", "Camille", "Adrián", "Yasmine", "Théo", "Maëlys", "Noé",
    "Anaïs", "Jérôme", "Inès", "Lucas", "Zoé", "Loïc", "Élodie", "Kévin", "Océane", "Mathis",
    "Clémence", "Enzo", "Sarah", "Nathan", "Bruno", "Gwenaëlle", "Emre", "Julie", "Benoît",
    "Jean-Baptiste", "Fatoumata", "Ana", "Jo-Ann", "Éloïse", "Rémi", "Agathe",
)  # fmt: skip
STATUTS = ("scolaire", "apprenti", "formation_continue", "distance", "individuel")


def _grade(rng: random.Random, low: float = 0.0) -> str:
    value = min(20.0, max(low, rng.gauss(11.0, 3.6)))
    step = rng.random()
    if step < 0.45:
        hundredths = round(value) * 100
    elif step < 0.85:
        hundredths = round(value * 4) * 25
    else:
        hundredths = round(value * 100)
    hundredths = min(2000, max(int(low * 100), hundredths))
    whole, cents = divmod(hundredths, 100)
    if cents == 0:
        return str(whole)
    text = f"{whole},{cents:02d}"
    return text.rstrip("0") if rng.random() < 0.7 else text


def _mandatory_cell(rng: random.Random, progressive: bool) -> str:
    r = rng.random()
    if r < 0.012:
        return "ABS"
    if r < 0.02:
        return "ABJ"
    if r < 0.05:
        return "DISP"
    if r < 0.06:
        return "VAE"
    if r < 0.085:
        year = rng.randint(2021, 2025)
        return f"B{year}:{_grade(rng, 0.0 if progressive else 10.0)}"
    if progressive and r < 0.145:
        return "NP"
    return _grade(rng)


def _optional_cell(rng: random.Random) -> str:
    r = rng.random()
    if r < 0.84:
        return ""
    if r < 0.86:
        return "ABS"
    return _grade(rng)


def candidate_rows(n: int, seed: int = SEED) -> list[list[str]]:
    """N rows (without the header) of the candidates CSV."""
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        progressive = rng.random() < 0.12
        birth = f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{rng.randint(1980, 2007)}"
        row = [
            f"26{i + 1:06d}",
            rng.choice(NOMS),
            rng.choice(PRENOMS),
            birth if rng.random() < 0.97 else "",
            rng.choice(STATUTS),
            "progressive" if progressive else "globale",
            "oui" if rng.random() < 0.3 else "non",
            "oui" if rng.random() < 0.1 else "non",
        ]
        mandatory = [_mandatory_cell(rng, progressive) for _ in MANDATORY]
        row += ["VAE" if cell == "DISP" and code in PROFESSIONAL else cell for code, cell in zip(MANDATORY, mandatory)]
        optional = [_optional_cell(rng) for _ in OPTIONAL]
        if all(optional[:3]):  # two optional units at most, besides UF4 (D643-13, D643-15-1)
            optional[2] = ""
        row += optional
        rows.append(row)
    return rows


def _csv_cell(text: str) -> str:
    return f'"{text}"' if ";" in text or '"' in text else text


def candidates_csv(n: int, seed: int = SEED) -> bytes:
    """The candidates CSV of N candidates: UTF-8, `;`, CRLF, as Excel writes it."""
    lines = [";".join(HEADER)]
    lines += [";".join(_csv_cell(c) for c in row) for row in candidate_rows(n, seed)]
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def write_candidates(path: Path, n: int, seed: int = SEED) -> Path:
    path.write_bytes(candidates_csv(n, seed))
    return path


def members_csv_path() -> Path:
    """The demo's lawful jury."""
    return Path(__file__).resolve().parents[1] / "sessions" / "demo" / "membres.csv"


if __name__ == "__main__":  # pragma: no cover
    count, out = int(sys.argv[1]), Path(sys.argv[2])
    write_candidates(out, count)
    print(f"{count} candidats : {out}")
