"""Convert a rendered .docx to PDF through LibreOffice, when it is installed.

LibreOffice runs headless with a private, throw-away profile (so it neither touches the
user's own profile nor collides with a LibreOffice already open), writes into a temp
folder beside the document, and the PDF is then moved next to the .docx atomically.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

from jury_tui.documents.files import check_folder, place_file
from jury_tui.errors import JuryError, Place, Problem, os_cause

DEFAULT_TIMEOUT = 180.0  # seconds: a first start of LibreOffice on a slow server is slow


def soffice() -> str | None:
    """The LibreOffice command on PATH (`soffice` or `libreoffice`), or None."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def available() -> bool:
    return soffice() is not None


def unavailable_problem(docx: Path | None = None, *, written: bool = True) -> Problem:
    """LibreOffice is missing: what to do instead, in French."""
    done = ("le document Word est écrit, ouvrez-le et enregistrez-le en PDF" if written
            else "relancez sans --pdf pour n'écrire que le document Word, puis enregistrez-le en PDF depuis Word")  # fmt: skip
    return Problem(
        "LibreOffice n'est pas installé sur ce serveur (commande soffice ou libreoffice introuvable) : "
        f"le PDF n'a pas été produit ; {done}, ou faites installer LibreOffice (paquet libreoffice-writer)",
        Place(file=str(docx)) if docx is not None else Place(),
        code="PDF_UNAVAILABLE",
    )


def to_pdf(docx_path: str | Path, *, timeout: float = DEFAULT_TIMEOUT) -> Path:
    """Write DOCX's PDF next to it (same name, .pdf) and return its path.

    Raises a French JuryError when LibreOffice is missing, fails or does not answer in time;
    no partial PDF is left then.
    """
    return to_pdf_many([Path(docx_path)], timeout=timeout)[0]


def to_pdf_many(docx_paths: list[Path], *, timeout: float = DEFAULT_TIMEOUT, chunk: int = 20,
                progress: Callable[[int, int], None] | None = None) -> list[Path]:  # fmt: skip
    """Write each document's PDF next to it, `chunk` documents per LibreOffice run (one start
    of LibreOffice costs more than converting a short document). All or nothing: the PDFs are
    moved into place only once every one is made. `progress(done, total)` after each run.
    """
    docs = [Path(p) for p in docx_paths]
    if not docs:
        return []
    exe = soffice()
    if exe is None:
        raise JuryError(unavailable_problem(docs[0]))
    for docx in docs:
        if not docx.is_file():
            raise JuryError(Problem("document introuvable", Place(file=str(docx))))
    folder = check_folder(docs[0])
    out_dirs: list[Path] = []
    made: list[tuple[Path, Path]] = []
    try:
        with tempfile.TemporaryDirectory(prefix="jury-lo-profile-") as profile:
            for start in range(0, len(docs), chunk):
                part = docs[start : start + chunk]
                out_dir = _temp_dir(folder, part[0])
                out_dirs.append(out_dir)
                _run(exe, part, out_dir, Path(profile), timeout)
                for docx in part:
                    produced = out_dir / (docx.stem + ".pdf")
                    if not produced.is_file():
                        raise JuryError(Problem("LibreOffice n'a pas produit de PDF", Place(file=str(docx))))
                    made.append((produced, docx.with_suffix(".pdf")))
                if progress is not None:
                    progress(min(start + chunk, len(docs)), len(docs))
        return [place_file(produced, target) for produced, target in made]
    finally:
        for out_dir in out_dirs:
            shutil.rmtree(out_dir, ignore_errors=True)


def _temp_dir(folder: Path, docx: Path) -> Path:
    try:
        return Path(tempfile.mkdtemp(prefix=".pdf-", dir=folder))
    except OSError as exc:
        raise JuryError(Problem(f"écriture impossible dans {folder} : {os_cause(exc)}", Place(file=str(docx)))) from exc


def _run(exe: str, docs: list[Path], out_dir: Path, profile: Path, timeout: float) -> None:
    docx = docs[0]
    command = [
        exe, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore", "--nolockcheck",
        "--convert-to", "pdf", "--outdir", str(out_dir), *map(str, docs),
    ]  # fmt: skip
    env = dict(os.environ, HOME=str(profile))
    process = subprocess.Popen(
        command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        env=env, start_new_session=True,
    )  # fmt: skip
    try:
        _, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill_group(process)
        raise JuryError(
            Problem(f"LibreOffice n'a pas terminé la conversion en {timeout:.0f} s ; le PDF n'a pas été produit",
                    Place(file=str(docx)), code="PDF_TIMEOUT")
        ) from None  # fmt: skip
    if process.returncode != 0:
        detail = stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["sans message"]
        raise JuryError(
            Problem(f"LibreOffice a échoué (code {process.returncode}) : {detail[0]}", Place(file=str(docx)),
                    code="PDF_FAILED")
        )  # fmt: skip


def _kill_group(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.communicate()
