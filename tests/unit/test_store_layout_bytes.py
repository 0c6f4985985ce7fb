"""The file's bytes as `assemble` lays them out: the audit, the candidates, the session."""

from __future__ import annotations

import orjson

from jury_tui.store.layout import Parsed, assemble


def joined(session_doc: bytes, table: dict, pieces: list[bytes]) -> bytes:
    """The layout written out by hand."""
    return b"".join((b'{"audit":{', b",".join(pieces), b'},"candidates":', orjson.dumps(table),
                     b',"session":{"1":', session_doc, b"}}"))  # fmt: skip


def test_the_same_bytes_as_the_layout_written_out():
    stored = [{"seq": 1, "action": "creation", "motif": "«é»\n"}, {"seq": 2, "action": "import", "apres": [1, None]}]
    parsed = Parsed((), b"", 1, {}, stored, [1, 2], {"02601": "7"}, 8)
    new = [b'"3":{"seq":3,"empreinte":"ab"}']
    candidates = {"02601": {"numero": "02601", "nom": "Ça"}, "X-1": {"numero": "X-1", "notes": {"U1": "12.00"}}}
    session_doc = orjson.dumps({"schema": 1, "header": {"lieu": "Lyon \\ \"A\""}}, option=orjson.OPT_SORT_KEYS)
    data = assemble(session_doc, candidates, parsed, new)
    assert parsed.ids == {"02601": "7", "X-1": "8"} and parsed.next_id == 9
    table = {"7": candidates["02601"], "8": candidates["X-1"]}
    pieces = [b'"%d":' % i + orjson.dumps(e) for i, e in zip([1, 2], stored)] + new
    assert data == joined(session_doc, table, pieces)
    assert orjson.loads(data)["audit"]["3"] == {"seq": 3, "empreinte": "ab"}


def test_an_empty_audit_and_no_candidates():
    parsed = Parsed((), b"", 1, {}, [], [], {}, 1, True, [])
    assert assemble(b"{}", {}, parsed, []) == b'{"audit":{},"candidates":{},"session":{"1":{}}}'
