"""`jury check`: the jury, the regulation and the candidates, as errors and warnings."""

from __future__ import annotations

from datetime import date

from jury_tui.domain.composition import Finding, Member, check_composition
from jury_tui.domain.regulation import Regulation
from jury_tui.domain.results import INCOMPLET, Result


def check_regulation(reg: Regulation, session_date: date | None, year: int | None = None) -> list[Finding]:
    out = []
    if year is not None and not reg.valid_for(year):
        out.append(
            Finding(
                "REG_SESSION",
                f"règlement {reg.id} valable pour les sessions {reg.sessions}, pas pour la session {year} : "
                "vérifiez que c'est bien le règlement de cette session (jury regulation show)",
                reg.sessions.source or "règlement de la spécialité",
                "warning",
            )
        )
    if reg.provisional:
        out.append(
            Finding(
                "REG_PROVISOIRE",
                f"règlement {reg.id} provisoire : coefficients à vérifier contre l'arrêté ({reg.source})",
                "arrêté de spécialité, annexe II c",
                "warning",
            )
        )
    if reg.rncp_end and session_date and reg.rncp_end < session_date:
        out.append(
            Finding(
                "REG_RNCP_ECHU",
                f"l'enregistrement {reg.rncp_code} au RNCP a pris fin le {reg.rncp_end:%d/%m/%Y}, "
                f"avant la session du {session_date:%d/%m/%Y} : vérifiez la fiche en vigueur",
                "L6113-5 code du travail",
                "warning",
            )
        )
    return out


def check_candidates(results: list[Result]) -> list[Finding]:
    return [
        Finding(
            "CAND_INCOMPLET",
            f"candidat {r.numero} incomplet : note manquante en {', '.join(r.missing)} "
            "(saisissez la note, ou ABS / ABJ)",
            "D643-24",
            "warning",
        )
        for r in results
        if r.proposition == INCOMPLET
    ]


def check_all(
    members: list[Member], reg: Regulation, session_date: date | None, results: list[Result], *, year: int | None = None
) -> tuple[list[Finding], list[Finding]]:
    """(errors, warnings) of the whole session."""
    errors, warnings = check_composition(members, reg.policies.defection_toleree)
    warnings = warnings + check_regulation(reg, session_date, year) + check_candidates(results)
    return errors, warnings
