"""Commands as processes: `jury new` + `jury import candidates` + `jury results --format csv`
against LibreOffice Calc recalculating a workbook of the same candidates (average and
proposal); `jury results` of a jury's 400 candidates against `python -c pass`."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import synth
from common import ACADEMIE, JURY, Skip, Workload, build_session

MANDATORY = {"U1": 4, "U21": 2, "U22": 2, "U3": 6, "U4": 8, "U51": 5, "U52": 5, "U6": 6}
PROFESSIONAL = ("U4", "U51", "U52", "U6")


def _jury_command() -> list[str]:
    script = Path(sys.executable).with_name("jury")
    return [str(script)] if script.exists() else [sys.executable, "-m", "jury_tui"]


def _run(spawner, command: list[str], stdout_path: Path, cwd: Path) -> tuple[float, int]:
    """Run one process: (seconds, peak resident bytes). Raises when it fails."""
    answer = spawner.run(command, stdout=str(stdout_path), cwd=str(cwd))
    return answer["end"] - answer["start"], answer["maxrss"]


def _number(text: str):
    """A cell as the exam office's workbook holds it: numbers as numbers, codes as text."""
    if not text:
        return None
    if text.startswith("B") and ":" in text:
        text = text.split(":", 1)[1]
    try:
        return float(text.replace(",", "."))
    except ValueError:
        return text


def _col(k: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(k)


def build_workbook(path: Path, n: int) -> None:
    """The candidates with formulas: points, coefficients, average, professional average, proposal."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Candidats"
    units = (*synth.MANDATORY, *synth.OPTIONAL)
    first_unit = 9  # column I
    letter = {code: _col(first_unit + k) for k, code in enumerate(units)}
    extra = ["points", "coefficients", "moyenne", "moyenne_pro", "proposition"]
    sheet.append([*synth.HEADER, *extra])
    for r, row in enumerate(synth.candidate_rows(n), start=2):
        cells = [*row[:8], *(_number(t) for t in row[8:])]

        def counted(code, weight):
            cell = f"{letter[code]}{r}"
            return f"IF(ISNUMBER({cell}),{cell}*{weight},0)"

        def weight_of(code, weight):
            cell = f"{letter[code]}{r}"
            return f"IF(OR(ISNUMBER({cell}),{cell}=\"ABJ\"),{weight},0)"

        bonus = "+".join(f"IF(ISNUMBER({letter[c]}{r}),MAX(0,{letter[c]}{r}-10),0)" for c in synth.OPTIONAL)
        points = "=" + "+".join(counted(c, w) for c, w in MANDATORY.items()) + "+" + bonus
        coefs = "=" + "+".join(weight_of(c, w) for c, w in MANDATORY.items())
        p, q, m, mp = (f"{_col(len(synth.HEADER) + k)}{r}" for k in (1, 2, 3, 4))
        pro_points = "+".join(counted(c, MANDATORY[c]) for c in PROFESSIONAL)
        pro_coefs = "+".join(weight_of(c, MANDATORY[c]) for c in PROFESSIONAL)
        mandatory_range = f"{letter['U1']}{r}:{letter['U6']}{r}"
        cells += [
            points,
            coefs,
            f'=IF({q}>0,{p}/{q},"")',
            f'=IF(({pro_coefs})>0,({pro_points})/({pro_coefs}),"")',
            f'=IF(COUNTIF({mandatory_range},"ABS")>0,"non_delivre",IF(COUNTIF({mandatory_range},"NP")>0,"ajourne",'
            f'IF({m}="","admis",IF({m}>=10,"admis",IF(AND({m}>=8,{mp}>=10),"controle","ajourne")))))',
        ]
        sheet.append(cells)
    book.save(path)


class CliProcesses(Workload):
    def __init__(self):
        super().__init__(
            "cli",
            "jury new + import + results csv, 5,000, processes",
            "LibreOffice recalculating a workbook",
            0.33,
            kind="processes",
        )

    def setup(self, folder: Path, quick: bool) -> None:
        self.soffice = shutil.which("soffice") or shutil.which("libreoffice")
        if not self.soffice:
            raise Skip("LibreOffice (soffice) is not installed: no baseline to compare with")
        self.folder = folder
        self.n = 5000
        self.csv = synth.write_candidates(folder / "candidats.csv", self.n)
        self.workbook = folder / "candidats.xlsx"
        build_workbook(self.workbook, self.n)
        self.profile = folder / "lo-profile"
        self.jury = _jury_command()

    def prepare_ours(self, i: int) -> None:
        for p in self.folder.glob(f"cli-{i}.json*"):
            p.unlink()

    def ours(self, i: int):
        path = str(self.folder / f"cli-{i}.json")
        new = [*self.jury, "new", path, "--regulation", "bts-mos", "--year", "2026", "--academie", ACADEMIE,
               "--jury", JURY, "--date", "2026-06-30"]  # fmt: skip
        commands = [
            (new, "new.out"),
            ([*self.jury, "import", "candidates", path, str(self.csv)], "import.out"),
            ([*self.jury, "results", path, "--format", "csv"], "results.csv"),
        ]
        total = peak = 0
        for command, out in commands:
            seconds, rss = _run(self.spawner, command, self.folder / out, self.folder)
            total += seconds
            peak = max(peak, rss)
        return {"time": total, "peak": peak}

    def prepare_baseline(self, i: int) -> None:
        shutil.rmtree(self.folder / "lo-out", ignore_errors=True)

    def baseline(self, i: int):
        out = self.folder / "lo-out"
        command = [self.soffice, f"-env:UserInstallation=file://{self.profile}", "--headless", "--norestore",
                   "--convert-to", "csv", "--outdir", str(out), str(self.workbook)]  # fmt: skip
        seconds, peak = _run(self.spawner, command, self.folder / "lo.out", self.folder)
        if not (out / "candidats.csv").exists():
            raise Skip("LibreOffice could not convert the workbook here")
        return {"time": seconds, "peak": peak}

    def check(self) -> str:
        ours = (self.folder / "results.csv").read_text(encoding="utf-8-sig").splitlines()
        theirs = (self.folder / "lo-out" / "candidats.csv").read_text(encoding="utf-8", errors="replace").splitlines()
        assert len(ours) == self.n + 1 and len(theirs) == self.n + 1, (len(ours), len(theirs))
        computed = sum(1 for line in theirs[1:] if line.rsplit(",", 1)[-1].strip('"') in ("admis", "ajourne", "controle", "non_delivre"))
        assert computed == self.n, f"LibreOffice computed {computed} proposals of {self.n}"
        return f"{self.n} rows each; LibreOffice computed every proposal"


class ResultsProcess(Workload):
    """What a jury president waits for: `jury results SESSION` (the table) of the 400-candidate
    jury the app is made for, half decided, against the start of Python itself."""

    def __init__(self):
        super().__init__(
            "results",
            "jury results of a 400-candidate jury, a process",
            "python -c pass, started the same way",
            3.0,
            kind="processes",
        )

    def setup(self, folder: Path, quick: bool) -> None:
        self.folder = folder
        self.path = build_session(folder, 400)
        self.jury = _jury_command()

    def ours(self, i: int):
        seconds, peak = _run(self.spawner, [*self.jury, "results", str(self.path)], self.folder / "results.txt", self.folder)
        return {"time": seconds, "peak": peak}

    def baseline(self, i: int):
        seconds, peak = _run(self.spawner, [sys.executable, "-c", "pass"], self.folder / "pass.out", self.folder)
        return {"time": seconds, "peak": peak}

    def check(self) -> str:
        text = (self.folder / "results.txt").read_text(encoding="utf-8")
        shown = sum(1 for k in range(1, 401) if f"26{k:06d}" in text)
        assert shown == 400, f"{shown} candidates of 400 shown"
        return "400 candidates in the table"
