"""Who signs a tour: a member of the jury, named on the minutes (DESIGN.md §5).

The account that runs `jury sign` (or the app) is who acts, and the audit keeps it; the
person who signs is the president of the jury, or the member `--as` (`JURY_AS`) names,
checked against the jury: a name that is no member's, or a member who did not sit, is
refused. The signature stores the member as {"nom", "prenom", "role"} under "signataire",
which its fingerprint covers. A signature made before signers were named has no
"signataire": it is shown, and verified, as it was recorded (the account).
"""

from __future__ import annotations

import unicodedata

from jury_tui import seams
from jury_tui.domain.composition import PRESIDENT, ROLE_LABELS, Member
from jury_tui.errors import JuryError, Problem

FUNCTIONS = {PRESIDENT: "président du jury"}
OTHER_FUNCTION = "membre du jury"


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    return " ".join(bare.replace("-", " ").split())


def _names(m: Member) -> set[str]:
    """The ways a person may name a member: « MARTIN Anne », « Anne Martin », « martin »."""
    nom, prenom = _fold(m.nom), _fold(m.prenom)
    return {f"{nom} {prenom}".strip(), f"{prenom} {nom}".strip()}


def find_member(members: list[Member], name: str) -> Member | None:
    """The member `name` designates (full name in either order, or a last name no other
    member bears); None when none does."""
    wanted = _fold(name)
    full = [m for m in members if wanted in _names(m)]
    if len(full) == 1:
        return full[0]
    by_last_name = [m for m in members if _fold(m.nom) == wanted]
    return by_last_name[0] if len(by_last_name) == 1 else None


def resolve(members: list[Member], actor: str, account: str) -> Member:
    """The member who signs: the one `actor` names (`--as`), else — when nobody is named, the
    actor being the account itself — the president. A JuryError (French) otherwise."""
    member = find_member(members, actor)
    if member is None and actor == account:
        member = next((m for m in members if m.role == PRESIDENT), None)
        if member is None:
            raise JuryError(Problem("le jury n'a pas de président pour signer", code="SIGNER_UNKNOWN"))
    if member is None:
        known = ", ".join(f"{m.nom} {m.prenom} ({ROLE_LABELS.get(m.role, m.role)})".replace(" ()", "") for m in members)
        raise JuryError(
            Problem(f"« {actor} » (--as ou JURY_AS) n'est pas un membre du jury : seul un membre signe le tour ; "
                    f"membres : {known or 'aucun'}", code="SIGNER_UNKNOWN")
        )  # fmt: skip
    if not member.sits:
        raise JuryError(
            Problem(f"{member.nom} {member.prenom} n'a pas siégé (présence « absent ») : seul un membre qui a "
                    "siégé signe le tour", code="SIGNER_ABSENT")
        )  # fmt: skip
    return member


def stored(member: Member) -> dict:
    """The signer as a signature stores it (covered by the fingerprint)."""
    return {"nom": member.nom, "prenom": member.prenom, "role": member.role}


def label(signature: dict) -> str:
    """Who signed, as the minutes and messages say it: « MARTIN Anne (président du jury) »;
    for a signature that did not name its signer, the account it recorded."""
    who = signature.get("signataire")
    if not who:
        return str(signature.get("par") or "")
    name = f"{who.get('nom', '')} {who.get('prenom', '')}".strip()
    return f"{name} ({FUNCTIONS.get(who.get('role'), OTHER_FUNCTION)})"


def who_signs(members: list[Member]) -> tuple[str | None, str | None]:
    """Before signing, for the app: (who would sign, as `label` says it; None) or (None, why
    nobody can), for the current identity."""
    identity = seams.identity()
    try:
        member = resolve(members, identity.actor, identity.user)
    except JuryError as exc:
        return None, exc.problems[0].message
    return label({"signataire": stored(member)}), None
