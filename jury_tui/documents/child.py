"""A site's template renders in a child process, bounded in time and memory.

    for data in render_in_child("pv", [context], Path("pv_site.docx"), properties):
        ...  # each document's .docx, in order; a French JuryError when the template asks too much

The sandbox's budgets (documents/budget.py) refuse what they can count, precisely. What
they cannot — loops over the context's own lists that print nothing, a filter asked for a
huge width — could run for hours or take all the memory of the server: a site's template
therefore renders in a fresh interpreter (`python -P -m jury_tui.documents.child`: not a
fork of this process, whose threads and locks stay here; no file descriptor inherited, so
the session's lock is never the child's to release; and not the current folder on its
path, which another member of a shared folder could fill with modules). The child sets
its own limits before reading anything: address space (RLIMIT_AS, `Limits.memory`), and
processor time (RLIMIT_CPU) so that it cannot outlive a parent killed meanwhile. The
parent gives each document `Limits.seconds` of wall-clock time, then kills the child.

The parent sends the request as a pickle on the child's stdin (its own data, read by its
own code). The child answers on stdout in lines of JSON — progress, a refusal, a memory
failure — and each document as a header line followed by its bytes: nothing the child
sends is unpickled. The shipped templates, ours, render in the calling process
(documents/render.py): they use none of what the budgets bound, and starting the child
(an interpreter and its libraries: about 0.2 s) would add some 40 % to the export of a
thousand candidates' PV.
"""

from __future__ import annotations

import json
import math
import os
import pickle
import selectors
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict
from pathlib import Path
from typing import Any, BinaryIO

from jury_tui.documents.budget import ENV_MEMORY, ENV_SECONDS, Limits, mib, number, refusal
from jury_tui.errors import JuryError, Place, Problem

Progress = Callable[[int, int], None]


def render_in_child(kind: str, contexts: list[Any], template: Path, properties: dict[str, Any],
                    progress: Progress | None = None) -> Iterator[bytes]:  # fmt: skip
    """Each context's .docx rendered with the site's `template` by a bounded child process."""
    limits = Limits.from_environment()
    cpu = math.ceil(limits.seconds * len(contexts)) + 2  # above the clock's limits: met only by an orphan
    command = [sys.executable, "-P", "-m", __name__, str(limits.memory), str(cpu)]
    debug = bool(os.environ.get("JURY_DEBUG"))  # the child's traceback, which can hold names and grades
    process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=None if debug else subprocess.DEVNULL)  # fmt: skip
    answers = _Answers(process, template.name, limits)
    try:
        _send_request(process, (kind, contexts, template, properties, limits, progress is not None))
        single = progress if len(contexts) == 1 else None  # a single document reports its candidates
        for done in range(1, len(contexts) + 1):
            yield answers.document(single)
            if progress is not None and single is None:
                progress(done, len(contexts))
    finally:
        if process.poll() is None:
            process.kill()
        process.wait()
        answers.close()


def _send_request(process: subprocess.Popen, request: tuple) -> None:
    try:
        process.stdin.write(pickle.dumps(request, protocol=pickle.HIGHEST_PROTOCOL))
        process.stdin.close()
    except BrokenPipeError:
        pass  # the child is gone: its exit says why (read by _Answers)


class _Answers:
    """What the child writes on its stdout, read against the clock of each document."""

    def __init__(self, process: subprocess.Popen, name: str, limits: Limits):
        self.process = process
        self.fd = process.stdout.fileno()
        self.name = name
        self.limits = limits
        self.buffer = bytearray()
        self.selector = selectors.DefaultSelector()
        self.selector.register(self.fd, selectors.EVENT_READ)

    def close(self) -> None:
        self.selector.close()
        for stream in (self.process.stdin, self.process.stdout):
            try:
                stream.close()
            except BrokenPipeError:  # the request's end, unsent: the child is gone
                pass

    def document(self, progress: Progress | None) -> bytes:
        """The next document's bytes; a French JuryError when the child refuses, fails or is late."""
        deadline = time.monotonic() + self.limits.seconds
        try:
            while True:
                line = self._take(deadline, line=True)
                if line is None:
                    raise self._ended()
                answer = json.loads(line)
                if "document" in answer:
                    data = self._take(deadline, size=answer["octets"])
                    if data is None:
                        raise self._ended()
                    return data
                if "progres" in answer:
                    if progress is not None:
                        progress(*answer["progres"])
                    continue
                raise self._refusal(answer)
        except TimeoutError:
            self.process.kill()
            raise refusal(self.name, f"n'a pas fini en {number(self.limits.seconds)} s ; vérifiez ses boucles (des "
                          "boucles imbriquées sur les candidats, une macro qui s'appelle elle-même ?) ; la limite se "
                          f"règle par {ENV_SECONDS} (en secondes)", "TEMPLATE_TIME") from None  # fmt: skip

    def _take(self, deadline: float, *, line: bool = False, size: int = 0) -> bytes | None:
        """A line (without its end), or `size` bytes; None when the child closed its stdout first."""
        while True:
            end = self.buffer.find(b"\n") if line else (size if len(self.buffer) >= size else -1)
            if end >= 0:
                taken = bytes(self.buffer[:end])
                del self.buffer[: end + 1 if line else end]
                return taken
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not self.selector.select(remaining):
                raise TimeoutError
            chunk = os.read(self.fd, 1 << 16)
            if not chunk:
                return None
            self.buffer += chunk

    def _refusal(self, answer: dict) -> JuryError:
        if "refus" in answer:
            return JuryError([Problem(p["message"], Place(**p["place"]), p["code"]) for p in answer["refus"]])
        if "memoire" in answer:
            return self._memory()
        return JuryError(Problem(f"le rendu du modèle {self.name} s'est arrêté sur une erreur inattendue "
                                 f"({answer.get('erreur')}) ; aucun document n'a été écrit", Place(file=self.name),
                                 code="TEMPLATE_FAILED"))  # fmt: skip

    def _memory(self) -> JuryError:
        return refusal(self.name, f"demande plus de {mib(self.limits.memory)} de mémoire ; vérifiez ses boucles et "
                       f"ses répétitions ; la limite se règle par {ENV_MEMORY} (en Mio)", "TEMPLATE_MEMORY")  # fmt: skip

    def _ended(self) -> JuryError:
        """The child stopped without a word: killed by the system, most likely out of memory."""
        code = self.process.wait()
        if code == -signal.SIGXCPU:
            return refusal(self.name, f"a épuisé son temps de calcul ; vérifiez ses boucles ; la limite se règle par "
                           f"{ENV_SECONDS} (en secondes)", "TEMPLATE_TIME")  # fmt: skip
        if -code in (signal.SIGKILL, signal.SIGSEGV, signal.SIGABRT, signal.SIGBUS):
            return self._memory()
        how = f"signal {-code}" if code < 0 else f"code {code}"
        return JuryError(Problem(f"le rendu du modèle {self.name} s'est arrêté ({how}) ; aucun document n'a été "
                                 "écrit", Place(file=self.name), code="TEMPLATE_FAILED"))  # fmt: skip


# --------------------------------------------------------------------------- the child


def main(memory: int, cpu: int) -> int:
    """The child: limits first, then the request from stdin, the answers on stdout."""
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # no core dump, which would hold the candidates
    out = sys.stdout.buffer
    failure = None
    try:
        from jury_tui.documents.render import render_here

        kind, contexts, template, properties, limits, wanted = pickle.load(sys.stdin.buffer)
        progress = _Progress(out) if wanted and len(contexts) == 1 else None
        for index, data in enumerate(render_here(kind, contexts, template, properties, progress, limits)):
            _answer(out, {"document": index, "octets": len(data)}, data)
    except JuryError as exc:
        failure = {"refus": [{"message": p.message, "place": asdict(p.place), "code": p.code} for p in exc.problems]}
    except MemoryError:
        failure = {"memoire": True}
    except Exception as exc:  # noqa: BLE001 - said to the parent by its type only: no value leaves
        if os.environ.get("JURY_DEBUG"):
            raise
        failure = {"erreur": type(exc).__name__}
    if failure is not None:  # out of the handler: what the rendering held is freed, memory too
        _answer(out, failure)
    return 0


class _Progress:
    """The candidates a single document's loop has reached, each told once: a template that
    loops over them again and again (or within itself) does not flood the parent."""

    def __init__(self, out: BinaryIO):
        self.out = out
        self.told = 0

    def __call__(self, done: int, total: int) -> None:
        if done > self.told:
            self.told = done
            _answer(self.out, {"progres": [done, total]})


def _answer(out: BinaryIO, header: dict, data: bytes = b"") -> None:
    out.write(json.dumps(header).encode("utf-8") + b"\n" + data)
    out.flush()


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]), int(sys.argv[2])))
