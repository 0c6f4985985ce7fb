"""The documents of a session: procès-verbal, relevés de notes, attestations, list of admis.

    from jury_tui.documents import render, render_all, to_pdf, read_pv
    from jury_tui.documents.context import PvContext, ...   # what each template receives
    from jury_tui.documents import format as fmt            # French formatting for contexts

Templates are .docx files rendered by docxtpl (templates/, editable in Word); the variables
they may use are the fields of `jury_tui.documents.context` (listed in templates/README.md).
"""

from jury_tui.documents.context import CONTEXTS, TEMPLATE_FILES
from jury_tui.documents.pdf import available as pdf_available
from jury_tui.documents.pdf import to_pdf
from jury_tui.documents.readback import PvReading, read_pv
from jury_tui.documents.render import default_template, render, render_all

KINDS = tuple(CONTEXTS)

__all__ = [
    "CONTEXTS",
    "KINDS",
    "TEMPLATE_FILES",
    "PvReading",
    "default_template",
    "pdf_available",
    "read_pv",
    "render",
    "render_all",
    "to_pdf",
]
