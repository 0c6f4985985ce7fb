"""The candidates grid draws only what is on screen and changes rows in place."""

from __future__ import annotations

from textual.app import App
from tui_helpers import press, run

from jury_tui.deliberation.app_support import CandidateLine, UnitCell
from jury_tui.domain.grades import note
from jury_tui.tui.widgets.candidates.grid import CandidateGrid

UNITS = ["U1", "U21", "U22", "U3", "U4", "U51", "U52", "U6"]


class Source:
    """5,000 fake rows; counts the rows the grid asks for."""

    def __init__(self):
        self.asked: list[str] = []
        self.decision: dict[str, str] = {}

    def __call__(self, numero: str) -> CandidateLine:
        self.asked.append(numero)
        units = tuple(UnitCell(u, note(1000 + i), i == 0, False) for i, u in enumerate(UNITS))
        return CandidateLine(numero, "NOM", "Prénom", 1, 1050, "admis", self.decision.get(numero), False, False, False, units)


class GridApp(App):
    def __init__(self, source):
        super().__init__()
        self.source = source

    def compose(self):
        yield CandidateGrid(self.source, UNITS)

    def on_mount(self):
        grid = self.query_one(CandidateGrid)
        grid.set_order([f"{i:05d}" for i in range(5000)])
        grid.focus()


def test_only_visible_rows_are_computed_and_a_change_redraws_one_row():
    source = Source()

    async def scenario():
        app = GridApp(source)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            grid = app.query_one(CandidateGrid)
            assert len(set(source.asked)) <= 23  # the rows on screen, not 5,000
            await press(pilot, "end")
            assert grid.current == "04999"
            assert len(set(source.asked)) <= 46
            before = len(source.asked)
            source.decision["04998"] = "ajourne"
            grid.refresh_numeros(["04998", "00001"])  # one on screen, one not
            await pilot.pause()
            assert source.asked[before:] == ["04998"]
            assert grid.line("04998").decision == "ajourne"
            await press(pilot, "right", "right")
            assert grid.first_unit == 2
            await press(pilot, "home")
            assert grid.current == "00000"

    run(scenario())
