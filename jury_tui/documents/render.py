"""Render a document from its template and context (docxtpl), atomically.

    render("pv", context, "pv-tour1.docx", properties={"title": ..., "author": ..., "created": ...})

The Jinja environment autoescapes (a name like « Dupont & Fils <test> » stays whole and
the XML stays valid) and is strict: a missing variable is an error, never an empty
string. A template using a variable its context lacks is refused before rendering, with
the variable's name. Templates are rendered in a sandbox: a site's edited template can
print and loop, not reach into Python, and each document's rendering is held to budgets
(documents/budget.py). A site's template (`template=`) renders in a child process bounded
in time and memory (documents/child.py); the shipped templates, ours, render here.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import is_dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from docx.opc.exceptions import PackageNotFoundError
from jinja2 import StrictUndefined, TemplateError, TemplateSyntaxError, UndefinedError
from lxml.etree import XMLSyntaxError

from jury_tui.documents.budget import Budgeted, Limits
from jury_tui.documents.context import CONTEXTS, TEMPLATE_FILES, as_template_context
from jury_tui.documents.files import atomic_write
from jury_tui.documents.pagination import finish as finish_pages
from jury_tui.documents.template import Template
from jury_tui.documents.variables import check_template, syntax_problem
from jury_tui.errors import JuryError, Place, Problem
from jury_tui.resources import templates_dir

# Characters XML 1.0 forbids, and those docxtpl would turn into page or paragraph breaks.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
PROPERTY_KEYS = {"title", "author", "created", "subject", "keywords", "comments", "language"}


def _finalize(value: Any) -> Any:
    if type(value) is str and value.isprintable():  # the usual value: nothing to remove
        return value
    return _CONTROL.sub("", value) if isinstance(value, str) else value


def _records() -> frozenset[type]:
    """The classes of the context records (jury_tui.documents.context): plain dataclasses."""
    from jury_tui.documents import context

    return frozenset(v for v in vars(context).values() if isinstance(v, type) and is_dataclass(v))


_RECORDS = _records()


class _Environment(Budgeted):
    """The sandbox with its budgets, reading a context record's field straight from the record.

    A field of one of our records is a plain value stored in the instance: the sandbox's
    getattr would return it too, after checking that a name not starting with "_" is no
    internal attribute (only names starting with "__" are, on such an instance). Anything
    else goes through the sandbox's own checks.
    """

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) in _RECORDS and attribute[:1] != "_":
            try:
                return obj.__dict__[attribute]
            except KeyError:
                pass
        return super().getattr(obj, attribute)


def environment(name: str = "", limits: Limits | None = None) -> Budgeted:
    """The Jinja environment of one document: autoescape, strict undefined, sandboxed, its
    budgets counted for the template `name`."""
    return _Environment(autoescape=True, undefined=StrictUndefined, finalize=_finalize, name=name, limits=limits)


def default_template(kind: str) -> Path:
    """The shipped template of a kind of document."""
    return templates_dir() / TEMPLATE_FILES[_check_kind(kind)]


def _check_kind(kind: str) -> str:
    if kind not in CONTEXTS:
        raise JuryError(f"type de document inconnu « {kind} » ; types possibles : {', '.join(CONTEXTS)}")
    return kind


Progress = Callable[[int, int], None]
"""progress(done, total): the documents written, or, for a single document, its candidates."""


def render(
    kind: str,
    context: Any,
    out_path: str | Path,
    *,
    template: Path | None = None,
    properties: dict[str, Any],
) -> Path:
    """Render `context` with the template of `kind` (or `template`) into `out_path`, atomically.

    `properties`: title, author (the jury) and created (a datetime: created = modified) are
    required; subject, keywords, comments, language (default fr-FR) are optional.
    Raises JuryError (French) when the template is unreadable, uses an unknown variable or
    asks for more than its budgets, or the file cannot be written; nothing is left on disk then.
    """
    return render_all(kind, [(Path(out_path), context)], template=template, properties=properties)[0]


def render_all(kind: str, jobs: list[tuple[Path, Any]], *, template: Path | None = None,
               properties: dict[str, Any], progress: Progress | None = None) -> list[Path]:  # fmt: skip
    """Render each (path, context) into its path, atomically, in order; the paths written.
    A site's `template` renders in one child process for all of them."""
    documents = rendered(kind, [context for _, context in jobs], template=template, properties=properties,
                         progress=progress)  # fmt: skip
    return [atomic_write(path, data) for (path, _), data in zip(jobs, documents, strict=True)]


def rendered(kind: str, contexts: list[Any], *, template: Path | None = None, properties: dict[str, Any],
             progress: Progress | None = None) -> Iterator[bytes]:  # fmt: skip
    """Each context's .docx as bytes, in order (nothing written): rendered here with the
    shipped template of `kind`, in a child process bounded in time and memory with a site's."""
    _check_kind(kind)
    for context in contexts:
        if not isinstance(context, CONTEXTS[kind]):
            raise TypeError(f"{kind} expects a {CONTEXTS[kind].__name__}, got {type(context).__name__}")
    props = _check_properties(properties)
    if template is None:
        yield from render_here(kind, contexts, default_template(kind), props, progress)
        return
    from jury_tui.documents.child import render_in_child

    yield from render_in_child(kind, contexts, Path(template), props, progress)


def render_here(kind: str, contexts: list[Any], template_path: Path, properties: dict[str, Any],
                progress: Progress | None = None, limits: Limits | None = None) -> Iterator[bytes]:  # fmt: skip
    """`rendered`, in this process (the child's own rendering of a site's template too)."""
    limits = limits or Limits.from_environment()
    for done, context in enumerate(contexts, 1):
        counted = _counting(kind, context, progress) if len(contexts) == 1 and progress is not None else context
        yield render_bytes(kind, counted, template_path, properties, limits)
        if len(contexts) > 1 and progress is not None:
            progress(done, len(contexts))


def render_bytes(kind: str, context: Any, template_path: Path, properties: dict[str, Any],
                 limits: Limits | None = None) -> bytes:  # fmt: skip
    """The rendered .docx as bytes (nothing written), here, held to the budgets of `limits`."""
    name = template_path.name
    env = environment(name, limits or Limits.from_environment())
    tpl = open_template(template_path)
    check_template(tpl, CONTEXTS[kind], env, name)
    try:
        tpl.render(as_template_context(context), jinja_env=env)
    except UndefinedError as exc:
        raise JuryError(
            Problem(f"le modèle {name} utilise une variable qui n'existe pas : {exc.message}", Place(file=name),
                    code="TEMPLATE_VARIABLE")
        ) from exc  # fmt: skip
    except TemplateSyntaxError as exc:
        raise JuryError(syntax_problem(name, exc)) from exc
    except (TemplateError, XMLSyntaxError) as exc:
        raise JuryError(Problem(f"le modèle {name} n'a pas pu être rendu : {exc}", Place(file=name))) from exc
    except (RecursionError, ArithmeticError) as exc:
        raise env.failed(exc) from exc
    finish_pages(tpl.docx)
    set_properties(tpl.docx, properties)
    buffer = io.BytesIO()
    tpl.save(buffer)
    return buffer.getvalue()


class _CountingList(list):
    """A list that reports each item a template's loop reaches: the progress of one long render."""

    def __init__(self, items, report: Callable[[int], None]):
        super().__init__(items)
        self._report = report

    def __iter__(self):
        for done, item in enumerate(super().__iter__(), 1):
            self._report(done)
            yield item


_PROGRESS_FIELD = {"releves": "releves", "attestations": "attestations", "pv": "candidats"}  # one item a candidate


def _counting(kind: str, context: Any, progress: Progress) -> Any:
    field = _PROGRESS_FIELD.get(kind)
    if field is None:
        return context
    items = getattr(context, field)
    total = len(items)
    return replace(context, **{field: _CountingList(items, lambda done: progress(min(done, total), total))})


def open_template(path: Path) -> Template:
    """A template ready to render; a French JuryError when it is missing or not a .docx."""
    if not path.is_file():
        raise JuryError(Problem("modèle introuvable ; vérifiez le chemin de --template", Place(file=str(path))))
    tpl = Template(str(path))  # docxtpl's, its tables fitted to their cells (docx_kit.fit_tables)
    try:
        tpl.init_docx()
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, XMLSyntaxError, ValueError) as exc:
        raise JuryError(
            Problem("ce n'est pas un document Word (.docx) lisible ; enregistrez le modèle au format .docx",
                    Place(file=str(path)))
        ) from exc  # fmt: skip
    return tpl


def _check_properties(properties: dict[str, Any]) -> dict[str, Any]:
    unknown = set(properties) - PROPERTY_KEYS
    missing = {"title", "author", "created"} - set(properties)
    if unknown or missing:
        raise ValueError(f"document properties: unknown {sorted(unknown)}, missing {sorted(missing)}")
    if not isinstance(properties["created"], datetime):
        raise ValueError("document properties: 'created' must be a datetime")
    return properties


def set_properties(document, properties: dict[str, Any]) -> None:
    """Title, author (the jury), dates; nothing left from the template or from python-docx."""
    created = properties["created"]
    if created.tzinfo is not None:
        created = created.astimezone(UTC).replace(tzinfo=None)
    core = document.core_properties
    core.title = properties["title"]
    core.author = core.last_modified_by = properties["author"]
    core.subject = properties.get("subject", "")
    core.keywords = properties.get("keywords", "")
    core.comments = properties.get("comments", "")
    core.language = properties.get("language", "fr-FR")
    core.category = core.content_status = core.identifier = ""
    core.created = core.modified = created
    core.revision = 1
