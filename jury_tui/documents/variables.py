"""Refuse a template that uses a variable its context does not provide, naming it.

Two checks before rendering: the top-level names the template uses (docxtpl's
`get_undeclared_template_variables`) against the context's fields, then every attribute
reached from them or from a loop variable (`c.jury_nom` where `c` runs over `candidats`)
against the schema of `jury_tui.documents.context`. Strict undefined at rendering time
catches whatever a static reading cannot see.
"""

from __future__ import annotations

import re
from dataclasses import is_dataclass
from pathlib import Path
from typing import Any

from docx import Document
from docx.opc.oxml import parse_xml
from docxtpl import DocxTemplate
from jinja2 import Environment, TemplateSyntaxError, nodes

from jury_tui.documents.context import field_types, item_type
from jury_tui.errors import JuryError, Place, Problem

_UNKNOWN = object()


def template_source(tpl: DocxTemplate) -> str:
    """The Jinja source docxtpl renders: body, headers and footers, patched as docxtpl does."""
    document = Document(tpl.template_file)
    xml = tpl.patch_xml(tpl.xml_to_string(document._element.body))
    for rel in document.part.rels.values():
        if rel.reltype in (tpl.HEADER_URI, tpl.FOOTER_URI) and rel.target_part.blob:
            xml += tpl.patch_xml(tpl.xml_to_string(parse_xml(rel.target_part.blob)))
    return xml


_checked: dict[tuple, None] = {}


def check_template(tpl: DocxTemplate, context_type: type, env: Environment, name: str) -> None:
    """Raise a JuryError naming every variable or field the template uses and the context lacks.

    A template file already accepted for this context (same path, size and modification time)
    is not read again: exporting one relevé per candidate checks the template once.
    """
    key = _cache_key(tpl, context_type)
    if key is not None and key in _checked:
        return
    _check(tpl, context_type, env, name)
    if key is not None:
        _checked[key] = None


def _cache_key(tpl: DocxTemplate, context_type: type) -> tuple | None:
    try:
        path = Path(tpl.template_file).resolve()
        info = path.stat()
    except (TypeError, OSError):
        return None
    return (str(path), info.st_size, info.st_mtime_ns, info.st_ino, context_type)


def _check(tpl: DocxTemplate, context_type: type, env: Environment, name: str) -> None:
    available = field_types(context_type)
    try:
        used = tpl.get_undeclared_template_variables(jinja_env=env)
        ast = env.parse(template_source(tpl))
    except TemplateSyntaxError as exc:
        raise JuryError(syntax_problem(name, exc)) from exc
    problems = [
        Problem(
            f"le modèle {name} utilise la variable « {var} » qui n'existe pas ; "
            f"variables disponibles : {', '.join(available)}",
            Place(file=name),
            code="TEMPLATE_VARIABLE",
        )
        for var in sorted(used - set(available))
    ]
    found: dict[str, Problem] = {}
    _walk(ast, dict(available), found, name)
    problems.extend(found[key] for key in sorted(found))
    if problems:
        raise JuryError(problems)


def syntax_problem(name: str, exc: TemplateSyntaxError) -> Problem:
    source = exc.source or ""
    lines = source.splitlines()
    around = ""
    if exc.lineno and lines:
        raw = " ".join(lines[max(exc.lineno - 2, 0) : exc.lineno + 1])
        around = re.sub(r"<[^>]+>", "", raw).strip()[:160]
    where = f" près de « {around} »" if around else ""
    return Problem(
        f"le modèle {name} contient une balise mal formée{where} : {exc.message} ; "
        "vérifiez les {{ }} et {% %} du modèle",
        Place(file=name),
        code="TEMPLATE_SYNTAX",
    )


def _walk(node: nodes.Node, scope: dict[str, Any], found: dict[str, Problem], name: str) -> None:
    if isinstance(node, nodes.For):
        element = item_type(_type_of(node.iter, scope, found, name)) or _UNKNOWN
        inner = dict(scope)
        _bind(node.target, element, inner)
        for child in node.body:
            _walk(child, inner, found, name)
        for child in node.else_:
            _walk(child, scope, found, name)
        if node.test is not None:
            _walk(node.test, inner, found, name)
        return
    if isinstance(node, nodes.Assign):
        _bind(node.target, _type_of(node.node, scope, found, name), scope)
        return
    if isinstance(node, (nodes.Getattr, nodes.Getitem)):
        _type_of(node, scope, found, name)
        return
    for child in node.iter_child_nodes():
        _walk(child, scope, found, name)


def _bind(target: nodes.Node, tp: Any, scope: dict[str, Any]) -> None:
    if isinstance(target, nodes.Name):
        scope[target.name] = tp
    elif isinstance(target, nodes.Tuple):
        for item in target.items:
            _bind(item, _UNKNOWN, scope)


def _type_of(node: nodes.Node, scope: dict[str, Any], found: dict[str, Problem], name: str) -> Any:
    """The schema type an expression has, reporting unknown fields on the way."""
    if isinstance(node, nodes.Name):
        return scope.get(node.name, _UNKNOWN)
    if isinstance(node, nodes.Getattr):
        return _member(node, node.node, node.attr, scope, found, name)
    if isinstance(node, nodes.Getitem):
        _walk(node.arg, scope, found, name)
        base = _type_of(node.node, scope, found, name)
        element = item_type(base) if base is not _UNKNOWN else None
        if element is not None:
            return element
        if isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str):
            return _member(node, node.node, node.arg.value, scope, found, name)
        return _UNKNOWN
    _walk(node, scope, found, name)
    return _UNKNOWN


def _member(node, base_node, attr: str, scope, found, name: str) -> Any:
    base = _type_of(base_node, scope, found, name)
    if base is _UNKNOWN or not (isinstance(base, type) and is_dataclass(base)):
        return _UNKNOWN
    members = field_types(base)
    if attr in members:
        return members[attr]
    owner = _text(base_node)
    expression = f"{owner}.{attr}"
    found.setdefault(
        expression,
        Problem(
            f"le modèle {name} utilise « {expression} » : « {attr} » n'existe pas ; "
            f"champs disponibles de « {owner} » : {', '.join(members)}",
            Place(file=name),
            code="TEMPLATE_VARIABLE",
        ),
    )
    return _UNKNOWN


def _text(node: nodes.Node) -> str:
    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Getattr):
        return f"{_text(node.node)}.{node.attr}"
    if isinstance(node, nodes.Getitem):
        return f"{_text(node.node)}[…]"
    return "…"
