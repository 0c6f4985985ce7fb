"""The session's documents: contexts built from a session view, export, verification.

    from jury_tui.deliberation.docs import export, verify, exportable_kinds, default_output

    export(session, "pv", "pv.docx")                 # the latest signed tour (else a PROJET)
    export(session, "releves", "releves", split=True, progress=cb)
    report = verify(session, "pv.docx")              # report.ok, report.findings()
    exportable_kinds(session.view())                 # what the app can offer now
    default_output(session.path, "pv", tour=1)       # <session stem>-pv-tour1.docx

Contexts alone (no file): pv_context, releves_context, attestations_context, admis_context.
"""

from jury_tui.deliberation.docs.candidates import admis_context, attestations_context, releves_context
from jury_tui.deliberation.docs.common import final_blocker, pv_tour
from jury_tui.deliberation.docs.export import KINDS, Exportable, default_output, export, exportable_kinds
from jury_tui.deliberation.docs.pv import pv_context
from jury_tui.deliberation.docs.verify import VerifyReport, verify

__all__ = [
    "KINDS",
    "Exportable",
    "VerifyReport",
    "admis_context",
    "attestations_context",
    "default_output",
    "export",
    "exportable_kinds",
    "final_blocker",
    "pv_context",
    "pv_tour",
    "releves_context",
    "verify",
]
