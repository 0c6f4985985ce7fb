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
from pathlib import Path

from jury_tui.documents.files import check_folder, place_file
from jury_tui.errors import JuryError, Place, Problem

DEFAULT_TIMEOUT = 180.0  # seconds: a first start of LibreOffice on a slow server is slow


def soffice() -> str | None:
    """The LibreOffice command on PATH (`soffice` or `libreoffice`), or None."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def available() -> bool:
    return soffice() is not None


def to_pdf(docx_path: str | Path, *, timeout: float = DEFAULT_TIMEOUT) -> Path:
    """Write DOCX's PDF next to it (same name, .pdf) and return its path.

    Raises a French JuryError when LibreOffice is missing, fails or does not answer in time;
    no partial PDF is left then.
    """
    docx = Path(docx_path)
    exe = soffice()
    if exe is None:
        raise JuryError(
            Problem(
                "LibreOffice n'est pas installé sur ce serveur (commande soffice ou libreoffice introuvable) : "
                "le PDF n'a pas été produit ; le document Word est écrit, ouvrez-le et enregistrez-le en PDF, "
                "ou faites installer LibreOffice (paquet libreoffice-writer)",
                Place(file=str(docx)),
                code="PDF_UNAVAILABLE",
            )
        )
    if not docx.is_file():
        raise JuryError(Problem("document introuvable", Place(file=str(docx))))
    folder = check_folder(docx)
    try:
        out_dir = Path(tempfile.mkdtemp(prefix=".pdf-", dir=folder))
    except OSError as exc:
        raise JuryError(Problem(f"écriture impossible dans {folder} : {exc.strerror}", Place(file=str(docx)))) from exc
    try:
        with tempfile.TemporaryDirectory(prefix="jury-lo-profile-") as profile:
            _run(exe, docx, out_dir, Path(profile), timeout)
        produced = out_dir / (docx.stem + ".pdf")
        if not produced.is_file():
            raise JuryError(Problem("LibreOffice n'a pas produit de PDF", Place(file=str(docx))))
        return place_file(produced, docx.with_suffix(".pdf"))
    finally:
        shutil.rmtree(out_dir, ignore_errors=True)


def _run(exe: str, docx: Path, out_dir: Path, profile: Path, timeout: float) -> None:
    command = [
        exe, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore", "--nolockcheck",
        "--convert-to", "pdf", "--outdir", str(out_dir), str(docx),
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
