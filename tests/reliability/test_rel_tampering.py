"""Tampering with a session file: a grade, a decision or the jury edited in the JSON, an audit
entry edited, removed or reordered — detected by `jury audit --verify` and announced by the
app, saying what and where. And what a chain kept in the same file cannot detect."""

from __future__ import annotations

import asyncio
import json
import shutil
from pathlib import Path

import pytest
from cli_helpers import audit_entries, jury, ok

from jury_tui.store import SessionFile, entry_hash, state_hash


@pytest.fixture
def history(demo) -> Path:
    """The demo after a morning's work: decisions, an adjustment, a correction."""
    ok(jury("decide", demo, "02602", "admis"))
    ok(jury("decide", demo, "02603", "admis"))
    ok(jury("adjust", demo, "02605", "U1", "7", "--reason", "copie revue"))
    ok(jury("set", demo, "02618", "U52", "12", "--reason", "note reçue du centre d'examen"))
    ok(jury("decide", demo, "02604", "admis"))
    return demo


def edit(session: Path, change) -> None:
    """Edit the file by hand, as someone with a text editor would (and save it indented)."""
    data = json.loads(session.read_text(encoding="utf-8"))
    change(data)
    session.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")


def candidate(data: dict, numero: str) -> dict:
    return next(doc for doc in data["candidates"].values() if doc["numero"] == numero)


def entry_seq(session: Path, action: str, target: str) -> int:
    return next(e["seq"] for e in audit_entries(session) if e["action"] == action and e["cible"] == target)


def verify(session: Path) -> list[str]:
    """The problems `jury audit --verify` prints (exit 1), each without its « INTÉGRITÉ : » prefix."""
    result = jury("audit", session, "--verify")
    assert result.exit_code == 1, result.stdout
    assert "Journal NON intègre." in result.stdout
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith("INTÉGRITÉ : ")]
    assert all(line.startswith(f"INTÉGRITÉ : {session} : ") for line in lines), lines
    return [line[len(f"INTÉGRITÉ : {session} : "):] for line in lines]


def test_an_untouched_session_verifies(history):
    result = ok(jury("audit", history, "--verify"))
    assert "Journal intègre." in result.stdout


def test_a_grade_edited_by_hand_is_detected_and_located(history):
    edit(history, lambda data: candidate(data, "02602")["notes"].update(U4="18.00"))
    problems = verify(history)
    assert len(problems) == 1
    assert problems[0].startswith("L'état de la session ne correspond pas à la dernière entrée du journal, entrée ")
    assert "modifié hors de jury-tui : candidat 02602" in problems[0], problems[0]
    assert "candidat 02603" not in problems[0]


def test_a_decision_edited_by_hand_is_located(history):
    edit(history, lambda data: candidate(data, "02603")["decisions"]["1"].update(decision="ajourne"))
    (problem,) = verify(history)
    assert "modifié hors de jury-tui : candidat 02603. Comparez-le" in problem, problem


def test_a_grade_never_touched_since_the_import_is_located(history):
    edit(history, lambda data: candidate(data, "02650")["notes"].update(U3="14.00"))
    (problem,) = verify(history)
    assert "modifié hors de jury-tui : candidat 02650. Comparez-le" in problem, problem


def test_the_jury_edited_by_hand_is_located(history):
    def present(data):
        data["session"]["1"]["members"][8]["presence"] = "present"
    edit(history, present)
    (problem,) = verify(history)
    assert "membres du jury" in problem and "candidat" not in problem


def test_a_candidate_added_or_removed_by_hand_is_located(history):
    def add_and_remove(data):
        doc = dict(candidate(data, "02650"), numero="02699")
        data["candidates"]["999"] = doc
        del data["candidates"][next(k for k, d in data["candidates"].items() if d["numero"] == "02651")]
    edit(history, add_and_remove)
    (problem,) = verify(history)
    assert "candidat 02699 ajouté" in problem and "candidat 02651 supprimé" in problem


def test_an_edited_entry_is_named(history):
    seq = entry_seq(history, "ajustement", "02605")
    edit(history, lambda data: data["audit"][str(seq)].update(motif="erreur de saisie"))
    (problem,) = verify(history)
    assert problem.startswith(f"Entrée {seq} (ajustement, ")
    assert "son contenu a été modifié après son enregistrement" in problem


def test_an_edited_entry_with_its_hash_recomputed_breaks_the_next_link(history):
    seq = entry_seq(history, "decision", "02603")

    def forge(data):
        entry = data["audit"][str(seq)]
        entry["apres"] = "ajourne"
        entry["empreinte"] = entry_hash(entry)
    edit(history, forge)
    (problem,) = verify(history)
    assert problem.startswith(f"Entrée {seq + 1} (") and "chaînage rompu" in problem


def test_a_removed_entry_is_named(history):
    seq = entry_seq(history, "decision", "02603")
    edit(history, lambda data: data["audit"].pop(str(seq)))
    problems = verify(history)
    assert problems[0].startswith(f"Entrée {seq + 1} (") and f"numérotée {seq + 1} au lieu de {seq}" in problems[0]
    assert any("chaînage rompu" in p for p in problems)


def test_reordered_entries_are_named(history):
    a, b = entry_seq(history, "decision", "02602"), entry_seq(history, "decision", "02603")

    def swap(data):
        audit = data["audit"]
        audit[str(a)], audit[str(b)] = audit[str(b)], audit[str(a)]
    edit(history, swap)
    problems = verify(history)
    assert any(p.startswith(f"Entrée {b} (decision, ") and "une entrée a été supprimée, insérée ou déplacée" in p
               for p in problems), problems


def test_the_last_state_change_removed_is_detected(history):
    seq = entry_seq(history, "decision", "02604")
    edit(history, lambda data: data["audit"].pop(str(seq)))
    (problem,) = verify(history)
    assert "ne correspond pas à la dernière entrée du journal" in problem and "candidat 02604" in problem


def test_the_json_report_says_the_same(history):
    edit(history, lambda data: candidate(data, "02602")["notes"].update(U4="18.00"))
    result = jury("audit", history, "--verify", "--format", "json")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["ok"] is False and "candidat 02602" in report["problemes"][0]


def test_a_hand_edit_stays_on_record_with_its_place_after_the_next_write(history):
    edit(history, lambda data: candidate(data, "02602")["notes"].update(U4="18.00"))
    ok(jury("decide", history, "02616", "admis"))
    entries = audit_entries(history)
    assert [e["action"] for e in entries[-2:]] == ["modification_externe", "decision"]
    assert entries[-2]["modifie"] == ["candidat 02602"]
    (problem,) = verify(history)
    assert "la session avait été modifiée hors de jury-tui (candidat 02602)" in problem


# ---- what a chain in the same file cannot detect (README) ---------------------------------------------

def test_a_chain_rewritten_whole_is_not_detected(history):
    """Someone who recomputes every hash after an edit goes unseen: the signed PV's fingerprint,
    on paper, is the anchor."""
    def rewrite(data):
        candidate(data, "02602")["notes"]["U4"] = "18.00"
        doc = data["session"]["1"]
        state = {**doc, "candidates": {d["numero"]: d for d in data["candidates"].values()}}
        previous = "0" * 64
        for key in sorted(data["audit"], key=int):
            entry = data["audit"][key]
            entry.pop("sceaux", None)
            entry["precedent"], entry["etat"] = previous, state_hash(state)
            entry.pop("empreinte")
            entry["empreinte"] = previous = entry_hash(entry)
    edit(history, rewrite)
    ok(jury("audit", history, "--verify"))


def test_the_last_entry_alone_recomputed_hides_any_grade_and_its_author(history):
    """The chain's real limit (README): the last entry has no successor, so whoever recomputes
    its `etat` and `empreinte` — two SHA-256 over public canonical JSON — can change any grade,
    of any candidate, and who did the last act, and `audit --verify` sees nothing."""
    def forge(data):
        candidate(data, "02650")["notes"]["U3"] = "19.00"  # untouched since the import
        candidate(data, "02602")["decisions"]["1"]["decision"] = "ajourne"
        last = data["audit"][max(data["audit"], key=int)]
        last["par"] = last["utilisateur"] = "quelqu'un d'autre"
        doc = data["session"]["1"]
        last["etat"] = state_hash({**doc, "candidates": {d["numero"]: d for d in data["candidates"].values()}})
        last.pop("sceaux", None)  # or recomputed: they are inside the entry's hash too
        last.pop("empreinte")
        last["empreinte"] = entry_hash(last)
    edit(history, forge)
    ok(jury("audit", history, "--verify"))


def test_trailing_entries_that_changed_nothing_can_be_cut_unseen(history):
    ok(jury("restore", history))  # lists backups: writes nothing
    with SessionFile(history).transaction() as tx:
        tx.record("export", target="pv")
    seq = len(audit_entries(history))
    edit(history, lambda data: data["audit"].pop(str(seq)))
    ok(jury("audit", history, "--verify"))


def test_an_older_copy_put_back_whole_is_not_detected(history, tmp_path):
    older = tmp_path / "copie.json"
    shutil.copy(history, older)
    ok(jury("decide", history, "02616", "admis"))
    shutil.copy(older, history)
    ok(jury("audit", history, "--verify"))


# ---- the app announces it -------------------------------------------------------------------------------

@pytest.mark.parametrize("tamper", ["grade", "entry"])
def test_the_app_announces_tampering_saying_what_and_where(history, tamper):
    from jury_tui.tui import make_app
    from jury_tui.tui.screens.dialogs import MessageDialog

    if tamper == "grade":
        edit(history, lambda data: candidate(data, "02602")["notes"].update(U4="18.00"))
        expected = ("ne correspond pas à la dernière entrée du journal", "candidat 02602")
    else:
        seq = entry_seq(history, "ajustement", "02605")
        edit(history, lambda data: data["audit"][str(seq)].update(motif="erreur de saisie"))
        expected = (f"Entrée {seq} (ajustement, ", "son contenu a été modifié")
    before = history.read_bytes()

    async def scenario():
        app = make_app(history, poll_interval=60)
        async with app.run_test(size=(100, 30)) as pilot:
            for _ in range(60):
                if isinstance(app.screen, MessageDialog):
                    break
                await pilot.pause(0.05)
            assert isinstance(app.screen, MessageDialog), "the app says so at once"
            text = " ".join(str(w.render()) for w in app.screen.query("Static"))
            for fragment in expected:
                assert fragment in text, (fragment, text)
            assert any(fragment in p for p in app.integrity_problems for fragment in expected[1:])
            await pilot.press("ctrl+q")

    asyncio.run(scenario())
    assert history.read_bytes() == before, "announcing writes nothing"
