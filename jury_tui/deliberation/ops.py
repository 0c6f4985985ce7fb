"""Each operation: validate against the rules, apply to the state, put it on record.

An operation receives a `Context` (the open transaction, the session's regulation) and
raises JuryError before changing anything when it is refused.
"""

from __future__ import annotations

from dataclasses import replace

from jury_tui import seams
from jury_tui.deliberation import signer
from jury_tui.deliberation.view import Parsed, SessionView, current_tour, signature
from jury_tui.domain import candidate as cand_mod
from jury_tui.domain import grades, tours
from jury_tui.domain.candidate import Adjustment, Candidate, Decision
from jury_tui.domain.composition import PRESENCES
from jury_tui.domain.regulation import Regulation, parse_regulation
from jury_tui.domain.results import compute
from jury_tui.errors import JuryError, Place, Problem
from jury_tui.importing import fields


class Context:
    """An operation's transaction, the session's regulation, and what the session has parsed."""

    def __init__(self, tx, reg: Regulation, parsed: Parsed | None = None):
        self.tx = tx
        self.state: dict = tx.state
        self.reg = reg
        self.parsed = Parsed() if parsed is None else parsed

    def candidate(self, numero: str) -> Candidate:
        raw = self.state["candidates"].get(numero)
        if raw is None:
            raise JuryError(Problem("candidat inconnu dans cette session", Place(candidate=numero)))
        return self.parsed.candidate(numero, raw)

    def put(self, c: Candidate) -> None:
        self.state["candidates"][c.numero] = cand_mod.to_dict(c)

    def put_all(self, cands) -> None:
        """Store many candidates (an import), as `put` each; the text of each distinct grade
        is written once (a file of thousands of grades has a few thousand distinct ones)."""
        texts: dict[grades.Value, str] = {}
        store = self.state["candidates"]
        for c in cands:
            notes = {}
            for unit, value in c.notes.items():
                text = texts.get(value)
                if text is None:
                    text = texts[value] = str(value)
                notes[unit] = text
            store[c.numero] = cand_mod.to_dict(c, notes)

    def active(self) -> list[Candidate]:
        out = []
        for numero, raw in self.state["candidates"].items():
            c = self.parsed.candidate(numero, raw)
            if not c.withdrawn:
                out.append(c)
        return out

    def tour(self) -> int:
        """The open tour; refused when the session is closed."""
        t = current_tour(self.state, self.active)
        if t is None:
            raise JuryError("session close : tous les tours sont signés ; « jury reopen » pour modifier")
        return t

    def require_open_tour1(self, what: str) -> None:
        """Grades, names, attendance are frozen once tour 1 is signed (DESIGN.md §4)."""
        if signature(self.state, 1):
            raise JuryError(f"le tour 1 est signé : {what} n'est plus possible (« jury reopen » d'abord)")

    def record(self, action: str, **kw) -> None:
        self.tx.record(action, **kw)


def _need_reason(reason: str | None, what: str) -> str:
    if not (reason or "").strip():
        raise JuryError(f"{what} : un motif est obligatoire (--reason)")
    return fields.free_text(reason, what="motif")


def _optional_reason(reason: str | None) -> str | None:
    return fields.free_text(reason, what="motif")


def _in_tour(ctx: Context, c: Candidate, tour: int) -> None:
    if c.withdrawn:
        raise JuryError(Problem("candidat retiré de la session", Place(candidate=c.numero)))
    if not tours.in_tour(c, tour):
        raise JuryError(Problem(f"candidat non concerné par le tour {tour}", Place(candidate=c.numero)))


def _grade_changed(c: Candidate, unit: str, new: grades.Value | None, tour: int) -> Candidate:
    """A grade changed under a decision or an adjustment: à revoir; the adjustment's avant follows."""
    adjs = tuple(replace(a, avant=new) if a.unite == unit and new is not None else a for a in c.ajustements)
    notes = dict(c.notes)
    if new is None:
        notes.pop(unit, None)
    else:
        notes[unit] = new
    revoir = c.a_revoir or c.decision(tour) is not None or any(a.unite == unit for a in c.ajustements)
    return replace(c, notes=notes, ajustements=adjs, a_revoir=revoir)


def set_field(ctx: Context, numero: str, field: str, value: str, *, reason: str) -> None:
    reason = _need_reason(reason, "correction")
    ctx.require_open_tour1("une correction")
    c = ctx.candidate(numero)
    if c.withdrawn:
        raise JuryError(Problem("candidat retiré de la session : plus de correction possible", Place(candidate=numero)))
    tour = ctx.tour()
    year = ctx.state["header"]["annee"]
    if ctx.reg.has_unit(field.upper()):
        unit = ctx.reg.unit(field.upper())
        new = fields.grade_for(value, unit, c.forme, year, ctx.reg, Place(candidate=numero, unit=unit.code))
        before = c.notes.get(unit.code)
        if before == new:
            raise JuryError(Problem("valeur identique : rien à changer", Place(candidate=numero, unit=unit.code)))
        conflict = fields.adjustment_conflict(c, unit.code, new)
        if conflict:
            raise JuryError(Problem(conflict, Place(candidate=numero, unit=unit.code)))
        updated = _grade_changed(c, unit.code, new, tour)
        too_many = fields.optional_overflow(updated.notes, ctx.reg) if unit.optional else None
        if too_many:
            raise JuryError(Problem(too_many, Place(candidate=numero, unit=unit.code)))
        ctx.put(updated)
        ctx.record("correction", target=numero, before={unit.code: _s(before)}, after={unit.code: _s(new)}, reason=reason)
        return
    updated, before, after = fields.set_attribute(c, field, value, ctx.reg, year)
    ctx.put(updated)
    ctx.record("correction", target=numero, before={field: before}, after={field: after}, reason=reason)


def _s(v):
    return None if v is None else str(v)


def withdraw(ctx: Context, numero: str, *, reason: str) -> None:
    reason = _need_reason(reason, "retrait")
    ctx.require_open_tour1("un retrait")
    c = ctx.candidate(numero)
    if c.withdrawn:
        raise JuryError(Problem("candidat déjà retiré", Place(candidate=numero)))
    who, when = seams.identity().actor, seams.now_iso()
    ctx.put(replace(c, retire={"motif": reason, "par": who, "le": when}))
    ctx.record("retrait", target=numero, reason=reason)


def mark_livret_examined(ctx: Context, numero: str) -> None:
    c = ctx.candidate(numero)
    tour = ctx.tour()
    _in_tour(ctx, c, tour)
    if not c.livret:
        raise JuryError(Problem("le candidat n'a pas fourni de livret", Place(candidate=numero)))
    if c.livret_examine:
        return
    ctx.put(replace(c, livret_examine=True))
    ctx.record("livret_examine", target=numero, before=False, after=True)


def decide(ctx: Context, numero: str, decision: str | None, *, reason: str | None, livret_examine: bool) -> None:
    tour = ctx.tour()
    c = ctx.candidate(numero)
    _in_tour(ctx, c, tour)
    if livret_examine and c.livret and not c.livret_examine:
        c = replace(c, livret_examine=True)
    previous = c.decision(tour)
    if decision is None:
        if previous is None:
            raise JuryError(Problem(f"aucune décision à effacer au tour {tour}", Place(candidate=numero)))
        decisions = {t: d for t, d in c.decisions.items() if t != tour}
        ctx.put(replace(c, decisions=decisions))
        ctx.record("decision_effacee", target=numero, before=previous.decision, reason=_optional_reason(reason))
        return
    result = compute(c, ctx.reg, tour)
    from jury_tui.domain.decisions import check_decision  # imported here: imports and most acts do not decide

    motif = _optional_reason(reason)
    verdict = check_decision(c, result, decision, reason=motif, tour=tour)
    if not verdict.allowed:
        raise JuryError(Problem(verdict.message, Place(candidate=numero), code=verdict.code))
    d = Decision(tour, decision, motif, seams.identity().actor, seams.now_iso())
    ctx.put(replace(c, decisions={**c.decisions, tour: d}, a_revoir=False))
    ctx.record(
        "decision",
        target=numero,
        before=previous.decision if previous else None,
        after=decision,
        reason=motif,
        extra={"tour": tour, "proposition": result.proposition, "livret_examine": c.livret_examine},
    )


def adjust(ctx: Context, numero: str, unit_code: str, value: str | None, *, reason: str) -> None:
    reason = _need_reason(reason, "ajustement")
    tour = ctx.tour()
    c = ctx.candidate(numero)
    _in_tour(ctx, c, tour)
    code = unit_code.upper()
    if not ctx.reg.has_unit(code):
        raise JuryError(Problem(f"unité « {unit_code} » inconnue du règlement", Place(candidate=numero)))
    place = Place(candidate=numero, unit=code)
    mine = next((a for a in c.ajustements if a.unite == code and a.tour == tour), None)
    others = tuple(a for a in c.ajustements if not (a.unite == code and a.tour == tour))
    base = replace(c, ajustements=others).value(code, tour)
    revoir = c.a_revoir or c.decision(tour) is not None
    if value is None:
        if mine is None:
            raise JuryError(Problem(f"aucun ajustement du tour {tour} à annuler", place))
        ctx.put(replace(c, ajustements=others, a_revoir=revoir))
        ctx.record("ajustement_annule", target=numero, before={code: str(mine.apres)}, after={code: _s(base)}, reason=reason)
        return
    try:
        new = grades.parse(value)
    except grades.GradeError as exc:
        raise JuryError(Problem(str(exc), place)) from exc
    from jury_tui.domain.decisions import check_adjustment

    problem = check_adjustment(base, new) if new is not None else "une valeur est obligatoire"
    if problem:
        raise JuryError(Problem(problem, place))
    who, when = seams.identity().actor, seams.now_iso()
    adj = Adjustment(code, base, new, reason, who, when, tour)
    ctx.put(replace(c, ajustements=others + (adj,), a_revoir=revoir))
    ctx.record("ajustement", target=numero, before={code: str(base)}, after={code: str(new)}, reason=reason, extra={"tour": tour})


def set_controle_grade(ctx: Context, numero: str, unit_code: str, value: str | None, *, reason: str | None) -> None:
    """Tour 2: enter or clear a contrôle grade (RULES.md §6)."""
    reason = _optional_reason(reason)
    tour = ctx.tour()
    if tour != 2:
        raise JuryError("les notes de contrôle se saisissent après la signature du tour 1")
    c = ctx.candidate(numero)
    _in_tour(ctx, c, 2)
    code = unit_code.upper()
    place = Place(candidate=numero, unit=code)
    new = fields.controle_grade(value, code, ctx.reg, place, c.value(code, 2)) if value else None
    ctrl = dict(c.controle)
    before = ctrl.get(code)
    if new is None:
        ctrl.pop(code, None)
    else:
        ctrl[code] = new
        if len(ctrl) > ctx.reg.controle_count:
            raise JuryError(
                Problem(f"{ctx.reg.controle_count} épreuves de contrôle au plus ({', '.join(sorted(ctrl))})", Place(candidate=numero))
            )
    if before == new:
        return
    ctx.put(replace(c, controle=ctrl, a_revoir=c.a_revoir or c.decision(2) is not None))
    ctx.record("note_controle", target=numero, before={code: _s(before)}, after={code: _s(new)}, reason=reason)


def set_presence(ctx: Context, index: int, presence: str) -> None:
    ctx.require_open_tour1("changer la présence")
    members = ctx.state.get("members") or []
    if not 0 <= index < len(members):
        raise JuryError(f"membre n°{index + 1} inconnu")
    if presence not in PRESENCES:
        raise JuryError(f"présence « {presence} » : valeurs possibles {', '.join(PRESENCES)}")
    m = members[index]
    before = m.get("presence")
    if before == presence:
        return
    members[index] = {**m, "presence": presence}
    ctx.record("presence", target=f"{m['nom']} {m.get('prenom') or ''}".strip(), before=before, after=presence)


def sign(ctx: Context) -> dict:
    view = SessionView(ctx.state, parsed=ctx.parsed)
    tour = view.current_tour
    blockers = view.sign_problems(tour)
    if blockers:
        raise JuryError(blockers, code="SIGN_BLOCKED")
    identity, when = seams.identity(), seams.now_iso()
    member = signer.resolve(view.members, identity.actor, identity.user)
    entry = ctx.state.setdefault("tours", {}).setdefault(str(tour), {})
    # The signature's rank (1 for the first, 2 after one reopen...) is part of what the
    # fingerprint covers: re-signing after a reopen always gives a new fingerprint, even
    # within the same second and with nothing else changed (DESIGN.md §5).
    rank = len(entry.get("annulees") or []) + 1
    sig = {"par": identity.actor, "le": when, "tour": tour, "rang": rank, "signataire": signer.stored(member)}
    cands = view.active
    payload = tours.fingerprint_payload(
        view.header, ctx.reg.sha256, ctx.state.get("members") or [], cands, view.results(tour), tour, sig
    )
    sig["empreinte"] = tours.fingerprint(payload)
    entry["signature"] = sig
    after = {"empreinte": sig["empreinte"], "signataire": signer.label(sig)}
    ctx.record("signature", target=f"tour {tour}", after=after, extra={"tour": tour})
    return sig


def reopen(ctx: Context, *, reason: str) -> None:
    reason = _need_reason(reason, "réouverture")
    tours_state = ctx.state.get("tours") or {}
    signed = [int(t) for t, v in tours_state.items() if v.get("signature")]
    if not signed:
        raise JuryError("aucun tour signé à rouvrir")
    tour = max(signed)
    if tour == 1 and any(c.decision(2) for c in ctx.active()):
        raise JuryError("des décisions du tour 2 existent : effacez-les avant de rouvrir le tour 1")
    entry = tours_state[str(tour)]
    voided = {**entry["signature"], "annulee_le": seams.now_iso(), "motif_annulation": reason}
    entry.setdefault("annulees", []).append(voided)
    entry["signature"] = None
    ctx.record("reouverture", target=f"tour {tour}", before={"empreinte": voided["empreinte"]}, reason=reason)


def apply_regulation(ctx: Context, text: str, source: str) -> None:
    new = parse_regulation(text, source)
    if any(c.decisions for c in ctx.active()) or any((v or {}).get("signature") for v in (ctx.state.get("tours") or {}).values()):
        raise JuryError("des décisions sont déjà prises : le règlement ne peut plus être remplacé")
    problems = []
    for c in ctx.active():
        for code in list(c.notes) + list(c.controle):
            if not new.has_unit(code):
                problems.append(Problem(f"unité {code} absente du nouveau règlement", Place(candidate=c.numero, unit=code)))
    if problems:
        raise JuryError(problems)
    before = ctx.reg.sha256
    ctx.state["regulation"] = {"source": source, "toml": text}
    ctx.record("reglement", before={"sha256": before}, after={"sha256": new.sha256, "source": source})


__all__ = [
    "Context",
    "set_field",
    "withdraw",
    "mark_livret_examined",
    "decide",
    "adjust",
    "set_controle_grade",
    "set_presence",
    "sign",
    "reopen",
    "apply_regulation",
]
