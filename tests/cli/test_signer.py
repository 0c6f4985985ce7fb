"""Who signs is a person: the president, or the member `--as` names, checked against the jury;
the account stays in the audit; a signature made before signers were named still verifies."""

from __future__ import annotations

import json

import orjson
from cli_helpers import audit_entries, decide_all, jury, ok, refused, unchanged
from docx import Document

from jury_tui.deliberation import Session
from jury_tui.deliberation.docs.verify import recompute
from jury_tui.deliberation.view import SessionView
from jury_tui.documents.typography import comparable
from jury_tui.store import SCHEMA_VERSION, SessionFile, entry_hash, state_hash
from jury_tui.store.canonical import ZERO_HASH


def ready(demo):
    ok(jury("set", demo, "02618", "U52", "12", "--reason", "note reçue du centre d'examen"))
    decide_all(demo)
    return demo


def footer(pv) -> str:
    return comparable("\n".join(p.text for s in Document(pv).sections for p in s.footer.paragraphs))


def test_the_president_signs_by_default_and_the_account_stays_in_the_audit(demo):
    ready(demo)
    out = ok(jury("sign", demo)).stdout
    assert out.startswith("Tour 1 signé par MARTIN Anne (président du jury).\n")
    sig = Session(demo).view().signature(1)
    assert sig["signataire"] == {"nom": "MARTIN", "prenom": "Anne", "role": "president"}
    entry = audit_entries(demo)[-1]
    assert entry["action"] == "signature" and entry["apres"]["signataire"] == "MARTIN Anne (président du jury)"
    assert entry["par"] == entry["utilisateur"] != "MARTIN Anne"  # the account that ran the command
    pv = demo.with_name("pv.docx")
    ok(jury("export", demo, "pv", "--out", pv))
    assert comparable("Tour 1 signé par MARTIN Anne (président du jury) le") in footer(pv)
    assert "Procès-verbal conforme" in ok(jury("verify", demo, pv)).stdout


def test_as_names_the_member_who_signs(demo):
    ready(demo)
    out = ok(jury("--as", "philippe leroy", "sign", demo)).stdout
    assert out.startswith("Tour 1 signé par LEROY Philippe (membre du jury).\n")
    entry = audit_entries(demo)[-1]
    assert entry["par"] == "philippe leroy" and entry["utilisateur"] not in ("", "philippe leroy")
    pv = demo.with_name("pv.docx")
    ok(jury("export", demo, "pv", "--out", pv))
    assert comparable("signé par LEROY Philippe (membre du jury) le") in footer(pv)
    ok(jury("verify", demo, pv))


def test_a_name_that_is_no_member_or_a_member_absent_cannot_sign(demo):
    ready(demo)
    with unchanged(demo):
        refused(jury("--as", "Secrétariat", "sign", demo), "« Secrétariat » (--as ou JURY_AS) n'est pas un membre du jury",
                "MARTIN Anne (président)", "LACROIX Bernard (personne qualifiée)")  # fmt: skip
        refused(jury("sign", demo, env={"JURY_AS": "Fatima Moulin"}), "MOULIN Fatima n'a pas siégé (présence « absent »)")
    assert Session(demo).view().signature(1) is None


def as_schema_1(session) -> bytes:
    """The session as schema 1 wrote it (its audit chain recomputed as it was then)."""
    data = orjson.loads(session.read_bytes())
    doc = data["session"]["1"]
    doc["schema"] = 1
    candidates = {c["numero"]: c for c in data["candidates"].values()}
    etat = state_hash({**doc, "candidates": candidates})
    previous = ZERO_HASH
    for key in sorted(data["audit"], key=int):
        entry = data["audit"][key]
        entry["precedent"], entry["etat"] = previous, etat
        entry.pop("empreinte")
        entry["empreinte"] = previous = entry_hash(entry)
    raw = json.dumps(data, ensure_ascii=False).encode("utf-8")
    session.write_bytes(raw)
    return raw


def test_a_signature_made_before_signers_were_named_still_verifies(demo):
    """As the previous version wrote it (schema 1): the account in « par », no « signataire »,
    its fingerprint computed without one. Its PV says who signed as it was recorded and
    verifies, before and after the file is migrated to schema 2 at its first write."""
    ready(demo)
    ok(jury("sign", demo))
    with SessionFile(demo).transaction() as tx:
        sig = tx.state["tours"]["1"]["signature"]
        del sig["signataire"]
        sig["par"] = "secretariat"
        sig["empreinte"] = recompute(SessionView(tx.state), 1, sig)
        tx.record("signature", target="tour 1", after={"empreinte": sig["empreinte"]}, extra={"tour": 1})
    pv = demo.with_name("pv.docx")
    ok(jury("export", demo, "pv", "--out", pv))
    raw = as_schema_1(demo)
    with unchanged(demo):
        out = ok(jury("verify", demo, pv)).stdout
        ok(jury("audit", demo, "--verify"))
    assert "Signé par secretariat le" in out and "Procès-verbal conforme" in out
    assert comparable("Tour 1 signé par secretariat le") in footer(pv)
    ok(jury("export", demo, "pv", "--out", demo.with_name("pv-2.docx")))  # a write: the file is migrated
    (backup,) = [b for b in SessionFile(demo).backups() if b.name.endswith(".migration.bak")]
    assert backup.read_bytes() == raw
    assert SessionFile(demo).load().schema_found == SCHEMA_VERSION == 2
    assert "Procès-verbal conforme" in ok(jury("verify", demo, pv)).stdout
    ok(jury("audit", demo, "--verify"))
