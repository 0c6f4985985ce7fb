"""Helpers for the command-line tests: run `jury` in-process on real files, or as a process.

    r = jury("decide", session, "02602", "admis")        # click's CliRunner, in-process
    refused(r, "candidat 02613", "D643-24")              # exit 1, French message on stderr
    with unchanged(session): jury("sign", session)      # the file is byte-identical after
    p = jury_process("results", session, "--format", "json")   # a real `python -m jury_tui`
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

from click.testing import CliRunner, Result

import jury_tui.cli.app_cmd  # noqa: F401  (registers `open`)
import jury_tui.cli.commands  # noqa: F401  (registers the session commands)
import jury_tui.cli.regulation_cmds  # noqa: F401  (registers `regulation`)
from jury_tui.cli import cli
from jury_tui.resources import demo_dir

DEMO_SOURCES = demo_dir()
EXPECTED = json.loads((Path(__file__).parents[1] / "fixtures" / "demo_expected.json").read_text(encoding="utf-8"))
CONTROLE_NUMEROS = ("02607", "02608", "02609", "02610", "02611", "02612")
CANDIDATE_HEADER = "numero;nom;prenom;date_naissance;statut;forme;livret;attestation_shg;U1;U21;U22;U3;U4;U51;U52;U6;UF1;UF2;UF3;UF4"


def jury(*args, env: dict | None = None, input: str | None = None) -> Result:
    """`jury ARGS...` in-process. JURY_AS is unset unless `env` gives it."""
    runner = CliRunner()
    full_env = {"JURY_AS": None, **(env or {})}
    return runner.invoke(cli, [str(a) for a in args], env=full_env, input=input, prog_name="jury", catch_exceptions=False)


def ok(result: Result) -> Result:
    assert result.exit_code == 0, f"exit {result.exit_code}\nstdout: {result.stdout}\nstderr: {result.stderr}"
    return result


def refused(result: Result, *fragments: str) -> str:
    """Exit 1, nothing on stdout but the command's own report, every fragment on stderr."""
    assert result.exit_code == 1, f"exit {result.exit_code}\nstdout: {result.stdout}\nstderr: {result.stderr}"
    assert result.stderr.strip(), "a refusal explains itself on stderr"
    for fragment in fragments:
        assert fragment in result.stderr, f"{fragment!r} not in stderr:\n{result.stderr}"
    return result.stderr


def usage_error(result: Result) -> None:
    assert result.exit_code == 2, f"exit {result.exit_code}\nstdout: {result.stdout}\nstderr: {result.stderr}"


@contextmanager
def unchanged(*paths: Path):
    """The files are byte-identical after the block, and no file beside them was created or
    removed (backups, temporary files) — except the lock's sidecar, which any attempt to
    write creates once and leaves empty."""
    paths = [Path(p) for p in paths]
    before = {p: p.read_bytes() for p in paths}

    def listing(folder: Path) -> list[str]:
        return sorted(x.name for x in folder.iterdir() if not x.name.endswith(".lock"))

    listings = {p.parent: listing(p.parent) for p in paths}
    yield
    for p, data in before.items():
        assert p.read_bytes() == data, f"{p} changed"
    for folder, names in listings.items():
        assert listing(folder) == names, f"files created or removed in {folder}"


def jury_process(*args, env: dict | None = None, cwd: Path | None = None, timeout: float = 30) -> subprocess.CompletedProcess:
    """`python -m jury_tui ARGS...` as a real process (UTF-8 text)."""
    full_env = {k: v for k, v in os.environ.items() if k != "JURY_AS"}
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "jury_tui", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=full_env,
        cwd=cwd,
        timeout=timeout,
    )


def results_json(session: Path) -> dict[str, dict]:
    rows = json.loads(ok(jury("results", session, "--format", "json")).stdout)["candidats"]
    return {row["numero"]: row for row in rows}


def audit_entries(session: Path) -> list[dict]:
    return json.loads(ok(jury("audit", session, "--format", "json")).stdout)["entrees"]


def decide_all(session: Path, *, skip: tuple[str, ...] = ()) -> None:
    """Decide every candidate of the open tour as proposed (livret examined where needed)."""
    for numero, row in results_json(session).items():
        if numero in skip or row["proposition"] == "incomplet":
            continue
        if row["decision"] == row["proposition"] and not row["a_revoir"]:
            continue
        args = ["decide", session, numero, row["proposition"]]
        if row["livret"] and row["proposition"] in ("ajourne", "controle"):
            args.append("--livret-examine")
        ok(jury(*args))


def write_csv(path: Path, lines: list[str], encoding: str = "utf-8") -> Path:
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    return path




def store_names(session: Path, names: dict[str, tuple[str, str]]) -> None:
    """Give candidates names that no import or correction accepts any more (« =HYPERLINK(…) »,
    « Dupont & Fils <test> »), as a session written by an earlier version may hold them: what
    reads the session must still show them safely. Written through the store, on record."""
    from jury_tui.store import SessionFile

    with SessionFile(session).transaction() as tx:
        for numero, (nom, prenom) in names.items():
            tx.state["candidates"][numero].update(nom=nom, prenom=prenom)
        tx.record("correction", target=", ".join(names), after={"noms": len(names)}, reason="version antérieure")
