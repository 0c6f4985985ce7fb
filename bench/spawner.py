"""Runs the processes a workload measures, from a small process of its own.

Linux counts in a child's peak resident size the memory of the process that forked it (up
to the exec); a workload process holding a 5,000-candidate session would add its own size
to every child it starts. This spawner is started before the workload loads anything, so
the peaks it reports are the children's own (within this small interpreter's ~10 MiB).

Protocol: one JSON request per line on stdin {"cmd": [...], "stdout": PATH|null, "cwd": PATH},
one JSON answer per line on stdout {"start", "end" (monotonic s), "rc", "maxrss" (bytes),
"out" (the child's stdout when not sent to a file), "err" (its stderr's end)}.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time


def run(request: dict) -> dict:
    with tempfile.TemporaryFile() as err:
        target = open(request["stdout"], "wb") if request.get("stdout") else subprocess.PIPE
        try:
            start = time.monotonic()
            process = subprocess.Popen(
                request["cmd"], stdout=target, stderr=err, stdin=subprocess.DEVNULL, cwd=request.get("cwd")
            )
            out = process.stdout.read().decode("utf-8", "replace") if target is subprocess.PIPE else ""
            _, status, usage = os.wait4(process.pid, 0)
            end = time.monotonic()
        finally:
            if target is not subprocess.PIPE:
                target.close()
        err.seek(0)
        return {
            "start": start,
            "end": end,
            "rc": os.waitstatus_to_exitcode(status),
            "maxrss": usage.ru_maxrss * 1024,
            "out": out,
            "err": err.read()[-2000:].decode("utf-8", "replace"),
        }


def main() -> None:
    for line in sys.stdin:
        print(json.dumps(run(json.loads(line))), flush=True)


def installed_env(pycache: str) -> dict:
    """The environment of the measured processes: Python as installed, with bytecode.

    `pip install` compiles every module to bytecode, so a user's `jury` never compiles one;
    a development checkout run with PYTHONDONTWRITEBYTECODE would compile every module of
    the project at every start. The measured processes keep their bytecode in a private
    cache (PYTHONPYCACHEPREFIX) that each workload's untimed warm-up run fills."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = pycache
    return env


class Spawner:
    """The workload's side: start the spawner early, then `run` commands through it."""

    def __init__(self, pycache: str):
        self.process = subprocess.Popen(
            [sys.executable, __file__], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
            env=installed_env(pycache),
        )  # fmt: skip

    def run(self, cmd: list[str], *, stdout: str | None = None, cwd: str | None = None) -> dict:
        self.process.stdin.write(json.dumps({"cmd": cmd, "stdout": stdout, "cwd": cwd}) + "\n")
        self.process.stdin.flush()
        answer = json.loads(self.process.stdout.readline())
        if answer["rc"] != 0:
            raise RuntimeError(f"{cmd[:4]} exited {answer['rc']}: {answer['err']}")
        return answer

    def close(self) -> None:
        self.process.stdin.close()
        self.process.wait()


if __name__ == "__main__":
    main()
