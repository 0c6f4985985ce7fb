"""Import 5,000 candidates into a new session; one decision saved durably in 5,000."""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path

import orjson
import synth
from common import Workload, build_session, cold_caches, new_session


class ImportCandidates(Workload):
    def __init__(self):
        super().__init__(
            "import",
            "import 5,000 candidates from CSV into a new session",
            "csv + json + fsync",
            3.0,
        )

    def setup(self, folder: Path, quick: bool) -> None:
        self.folder = folder
        self.n = 5000
        self.csv = synth.write_candidates(folder / "import.csv", self.n)

    def _clean(self, stem: str) -> None:
        for p in self.folder.glob(stem + "*"):
            p.unlink()

    def prepare_ours(self, i: int) -> None:
        self._clean(f"import-{i}.json")
        cold_caches()

    def ours(self, i: int):
        path = self.folder / f"import-{i}.json"
        session = new_session(path)
        report = session.import_file("candidates", str(self.csv))
        assert len(report.created) == self.n, report

    def prepare_baseline(self, i: int) -> None:
        self._clean(f"base-{i}.json")

    def baseline(self, i: int):
        with open(self.csv, encoding="utf-8", newline="") as handle:
            reader = csv.reader(handle, delimiter=";")
            header = next(reader)
            rows = [dict(zip(header, row)) for row in reader]
        data = json.dumps({"candidates": rows}, ensure_ascii=False).encode("utf-8")
        fd = os.open(self.folder / f"base-{i}.json", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            os.write(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        assert len(rows) == self.n


class OneDecision(Workload):
    """The app's case: the session is open (parsed once), the jury decides one candidate."""

    def __init__(self):
        super().__init__(
            "decision",
            "one decision saved durably, 5,000-candidate session",
            "json dump + write, fsync, rename",
            1.5,
        )

    def setup(self, folder: Path, quick: bool) -> None:
        from jury_tui.deliberation import Session

        self.folder = folder
        self.path = build_session(folder, 5000)
        self.session = Session(self.path)
        view = self.session.view()
        self.todo = [
            (n, view.result(n, 1).proposition)
            for n in view.numeros
            if view.candidate(n).decision(1) is None and view.result(n, 1).proposition != "incomplet"
        ]
        # The baseline writes the same data: the session file as it is now, parsed.
        self.data = orjson.loads(self.path.read_bytes())
        self.base_path = folder / "baseline-session.json"
        self.size = self.path.stat().st_size
        self.session.view()  # parsed and cached, as in the app

    def ours(self, i: int):
        numero, proposition = self.todo[i]
        self.session.decide(numero, proposition, livret_examine=True)

    def baseline(self, i: int):
        data = json.dumps(self.data).encode("utf-8")
        tmp = self.folder / f".baseline-session.json.tmp-{i}"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, self.base_path)

    def check(self) -> str:
        view = self.session.view()
        decided = sum(1 for n in view.numeros if view.candidate(n).decision(1) is not None)
        problems = self.session.verify()
        assert not problems, problems
        return f"session {self.size // 1024} KiB, {decided} decided, audit chain verified"

