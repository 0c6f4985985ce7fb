"""No export ever writes over a session, its lock, a backup, or a file of another kind: by
`--out`, by a default name, in a `--split` folder, as a `--pdf` sibling, or from the app's
documents screen. Each is refused in French, naming the file; nothing on disk changes."""

from __future__ import annotations

import asyncio
import os
import shutil
import sys
from pathlib import Path

import pytest
from cli_helpers import DEMO_SOURCES, jury, ok, unchanged

from jury_tui.store import SessionFile

sys.path.insert(0, str(Path(__file__).parents[1] / "fixtures" / "documents"))
import session_docs  # noqa: E402


def refused(result, path: Path, fragment: str) -> None:
    assert result.exit_code == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert f"Erreur : {path} : " in result.stderr and fragment in result.stderr, result.stderr
    assert result.stdout.strip() == "", "nothing announced as written"


def exports(session: Path) -> list[dict]:
    return [e for e in SessionFile(session).load().audit if e["action"] == "export"]


@pytest.mark.parametrize("args", [("csv",), ("pv",), ("admis", "--tour", "1")])
def test_an_export_never_replaces_its_session(signed, args):
    with unchanged(signed):
        refused(jury("export", signed, *args, "--out", signed), signed, f"c'est le fichier de la session {signed}")
    assert exports(signed) == []
    ok(jury("results", signed))


def test_a_session_named_like_a_document_is_not_replaced_either(demo):
    session = demo.with_name("resultats.csv")
    os.rename(demo, session)
    with unchanged(session):
        refused(jury("export", session, "csv", "--out", session), session, "c'est le fichier de la session")
    hard = demo.with_name("autre-nom.csv")
    os.link(session, hard)  # the same file under another name
    with unchanged(session):
        refused(jury("export", session, "csv", "--out", hard), hard, "c'est le fichier de la session")


@pytest.mark.parametrize(("name", "fragment"), [
    ("session.json.lock", "c'est le verrou d'une session"),
    ("backup", "c'est une sauvegarde de session"),
    (".session.json.tmp-12-abcd", "c'est un fichier temporaire"),
    ("notes.txt", "--out : le nom du document doit finir par .csv (fichier CSV)"),
    ("resultats.docx", "--out : le nom du document doit finir par .csv (fichier CSV)"),
])
def test_the_lock_a_backup_or_another_kind_of_name_is_refused(demo, name, fragment):
    ok(jury("import", "candidates", demo, DEMO_SOURCES / "candidats.csv"))  # a backup beside it
    ok(jury("decide", demo, "02602", "admis"))  # the lock file exists
    if name == "backup":
        name = SessionFile(demo).backups()[0].name
    target = demo.with_name(name)
    with unchanged(demo):
        refused(jury("export", demo, "csv", "--out", target), target, fragment)
    assert exports(demo) == []


def test_a_link_to_the_session_is_refused_not_followed_nor_replaced(demo):
    link = demo.with_name("resultats.csv")
    link.symlink_to(demo.name)
    with unchanged(demo):
        refused(jury("export", demo, "csv", "--out", link), link, "c'est un lien symbolique (vers session.json)")
    assert link.is_symlink() and os.readlink(link) == "session.json"


def test_another_session_or_a_foreign_file_under_a_document_name_is_kept(demo, tmp_path):
    other = demo.with_name("session-resultats.csv")  # the default name of the CSV export...
    shutil.copy(demo, other)  # ...taken by another session
    with unchanged(demo, other):
        refused(jury("export", demo, "csv"), other, "ce fichier contient du JSON (une session jury-tui ?)")
    word = demo.with_name("compte-rendu.docx")
    word.write_bytes(b"%PDF-1.7 not a Word file")
    with unchanged(demo, word):
        refused(jury("export", demo, "pv", "--out", word), word, "ce fichier existe et n'est pas un document Word")


def test_a_document_of_the_same_kind_is_replaced_as_before(demo):
    ok(jury("export", demo, "csv"))
    ok(jury("export", demo, "pv"))
    first = demo.with_name("session-resultats.csv").read_bytes()
    ok(jury("decide", demo, "02602", "admis"))
    ok(jury("export", demo, "csv"))
    ok(jury("export", demo, "pv"))
    assert demo.with_name("session-resultats.csv").read_bytes() != first
    assert len(exports(demo)) == 4


def test_a_split_folder_never_replaces_a_session_nor_follows_a_link(tmp_path):
    signed = tmp_path / "jury" / "session.json"
    signed.parent.mkdir()
    session_docs.closed_demo(signed, tricky=False)  # every tour signed: the relevés can be written
    folder = signed.with_name("releves")
    folder.mkdir()
    planted = folder / "releve-02601.docx"
    planted.symlink_to(signed)
    with unchanged(signed):
        refused(jury("export", signed, "releves", "--split", "--out", folder), planted, "c'est un lien symbolique")
    planted.unlink()
    shutil.copy(signed, planted)  # a session saved under a relevé's name
    with unchanged(signed, planted):
        refused(jury("export", signed, "releves", "--split", "--out", folder), planted, "contient du JSON")
    planted.unlink()
    linked = signed.with_name("lien-releves")
    linked.symlink_to(tmp_path)
    with unchanged(signed):
        refused(jury("export", signed, "releves", "--split", "--out", linked), linked, "--split : c'est un lien")
    ok(jury("export", signed, "releves", "--split", "--out", folder))
    assert len(list(folder.glob("releve-*.docx"))) == 62


def test_a_pdf_sibling_never_replaces_a_session(demo):
    pdf = demo.with_name("pv.pdf")
    os.link(demo, pdf)  # the PDF's name is the session's other name
    with unchanged(demo):
        refused(jury("export", demo, "pv", "--out", demo.with_name("pv.docx"), "--pdf"), pdf,
                "c'est le fichier de la session")
    pdf.unlink()
    pdf.symlink_to(demo.name)
    with unchanged(demo):
        refused(jury("export", demo, "pv", "--out", demo.with_name("pv.docx"), "--pdf"), pdf, "lien symbolique")


def test_the_apps_documents_screen_refuses_the_same(demo):
    """The destination folder typed in « Documents » holds a link to the session under the
    PV's name: the app says why and writes nothing."""
    from jury_tui.tui import make_app
    from jury_tui.tui.screens.export import ExportScreen

    folder = demo.parent / "documents"
    folder.mkdir()
    planted = folder / "session-pv-tour1.docx"
    planted.symlink_to(demo)

    async def scenario():
        app = make_app(demo, poll_interval=60)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("d")
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, ExportScreen)
            await pilot.press("tab", *str(folder), "enter")
            await app.workers.wait_for_complete()
            for _ in range(60):
                if not screen.running:
                    break
                await pilot.pause(0.05)
            await pilot.pause()
            text = str(screen.query_one("#export-written").render())
            assert "✗ Procès-verbal du tour 1" in text and "lien symbolique" in text, text
            await pilot.press("escape", "ctrl+q")

    before = demo.read_bytes()
    asyncio.run(scenario())
    assert demo.read_bytes() == before and planted.is_symlink()
    assert exports(demo) == []
