"""What the rendering of one document may ask for: counted as it goes, refused in French.

A site's template (`jury export … --template`) is a program: Jinja can multiply a text,
loop, call macros. Within the sandbox (documents/render.py), each document's rendering
is held to these budgets, refused at once with a message naming the template and what it
asked for:

- `*`: a text or a list repeated (`{{ entete.jury * 200000000 }}`) into more than
  MAX_ITEMS characters or items; a product of integers beyond MAX_DIGITS digits;
- `**`: a power beyond MAX_DIGITS digits (Python itself refuses to print a longer integer);
- `range()`: more than MAX_ITEMS items in one range (Jinja's own cap), more than RANGE_TOTAL
  in all the ranges of the document (nested ranges multiply);
- calls (macros, `loop()`) nested beyond Python's own depth (a macro calling itself);
- the text produced (WordprocessingML, every part): more than `Limits.output` characters.

What the sandbox cannot count — loops over the context's own lists that print nothing, a
macro calling itself twice to a bounded depth, a filter asked for a huge width — is bounded by the time and memory limits of the process a
site's template renders in (documents/child.py). `Limits` reads the three adjustable
figures from the environment.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass
from typing import Any

from jinja2.sandbox import MAX_RANGE, SandboxedEnvironment

from jury_tui.errors import JuryError, Place, Problem

MAX_ITEMS = MAX_RANGE  # 100,000: one repeated text or list, one range
MAX_DIGITS = 4_300  # sys.int_info.default_max_str_digits: Python refuses to print more
RANGE_TOTAL = 1_000_000  # items of all the ranges of one document
_MAX_BITS = math.ceil(MAX_DIGITS * math.log2(10))

SECONDS, MEMORY_MIB, OUTPUT_MIB = 60.0, 2048, 256  # defaults of the three adjustable limits
ENV_SECONDS, ENV_MEMORY, ENV_OUTPUT = "JURY_TEMPLATE_SECONDS", "JURY_TEMPLATE_MEMORY", "JURY_TEMPLATE_OUTPUT"
_MIB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """seconds: wall-clock time of one document in the child process; memory: bytes of
    address space of that process; output: characters of text one document may produce."""

    seconds: float = SECONDS
    memory: int = MEMORY_MIB * _MIB
    output: int = OUTPUT_MIB * _MIB

    @classmethod
    def from_environment(cls) -> Limits:
        """The defaults, or JURY_TEMPLATE_SECONDS, JURY_TEMPLATE_MEMORY (Mio), JURY_TEMPLATE_OUTPUT (Mio)."""
        return cls(
            seconds=_positive(ENV_SECONDS, SECONDS, "un nombre de secondes"),
            memory=int(_positive(ENV_MEMORY, MEMORY_MIB, "un nombre de Mio") * _MIB),
            output=int(_positive(ENV_OUTPUT, OUTPUT_MIB, "un nombre de Mio") * _MIB),
        )


def _positive(name: str, default: float, what: str) -> float:
    text = os.environ.get(name, "").strip()
    if not text:
        return default
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        value = math.nan
    if not (math.isfinite(value) and value > 0):
        raise JuryError(Problem(f"{name}={text} : attendu {what}, plus grand que zéro (par défaut {default:g})",
                                code="TEMPLATE_LIMIT"))  # fmt: skip
    return value


def number(n: float) -> str:
    """12 345 678: the figures of the messages."""
    return f"{n:,.0f}".replace(",", " ")


def mib(n: int) -> str:
    """2 048 Mio, 0,5 Mio."""
    value = n / _MIB
    return (number(value) if value >= 10 or value == int(value) else f"{value:.1f}".replace(".", ",")) + " Mio"


def refusal(name: str, what: str, code: str) -> JuryError:
    """`le modèle NAME …what… ; nothing written`: every refusal of a template's demands."""
    return JuryError(Problem(f"le modèle {name} {what} ; aucun document n'a été écrit", Place(file=name), code=code))


class Budgeted(SandboxedEnvironment):
    """A sandbox that counts what one document's rendering asks for (see the module)."""

    intercepted_binops = frozenset({"*", "**"})

    def __init__(self, *args: Any, name: str = "", limits: Limits | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.name = name or "du site"
        self.limits = limits or Limits()
        self.ranges = self.output = 0
        self.globals["range"] = self._range
        del self.globals["lipsum"]  # placeholder text of any length: no document needs it

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "*":
            self._check_product(left, right)
        elif _is_int(left) and _is_int(right) and abs(left) > 1 and right > 0:
            if right * math.log10(abs(left)) > MAX_DIGITS:
                raise refusal(self.name, f"calcule une puissance (« ** ») de plus de {number(MAX_DIGITS)} chiffres",
                              "TEMPLATE_POWER")  # fmt: skip
        return super().call_binop(context, operator, left, right)

    def _check_product(self, left: Any, right: Any) -> None:
        times, repeated = (left, right) if _is_int(left) else (right, left)
        if isinstance(repeated, str | list | tuple) and _is_int(times):
            size = len(repeated) * max(times, 0)
            if size > MAX_ITEMS:
                kind = "un texte" if isinstance(repeated, str) else "une liste"
                raise refusal(self.name, f"répète {kind} {number(times)} fois (« * »), soit {number(size)} "
                              f"{'caractères' if isinstance(repeated, str) else 'éléments'} ; au plus "
                              f"{number(MAX_ITEMS)}", "TEMPLATE_REPEAT")  # fmt: skip
        elif _is_int(left) and _is_int(right) and left.bit_length() + right.bit_length() > _MAX_BITS:
            raise refusal(self.name, f"calcule un produit (« * ») de plus de {number(MAX_DIGITS)} chiffres",
                          "TEMPLATE_POWER")  # fmt: skip

    def _range(self, *args: int) -> range:
        items = range(*args)
        try:
            count = len(items)
        except OverflowError:  # more than the machine's integers count
            count = MAX_ITEMS + 1
        if count > MAX_ITEMS:
            raise refusal(self.name, f"demande un range() de {number(count)} éléments ; au plus {number(MAX_ITEMS)}",
                          "TEMPLATE_RANGE")  # fmt: skip
        self.ranges += count
        if self.ranges > RANGE_TOTAL:
            raise refusal(self.name, f"demande plus de {number(RANGE_TOTAL)} tours de range() en tout (des boucles "
                          "range() imbriquées ?)", "TEMPLATE_RANGE")  # fmt: skip
        return items

    def render_part(self, template: Any, context: dict[str, Any]) -> str:
        """The text of one part (the body, a header, a footer), counted as it is produced."""
        chunks = []
        size, limit = self.output, self.limits.output
        for chunk in template.generate(context):
            size += len(chunk)
            if size > limit:
                raise refusal(self.name, f"produit plus de {mib(limit)} de texte (des boucles imbriquées ?) ; la "
                              f"limite se règle par {ENV_OUTPUT} (en Mio)", "TEMPLATE_OUTPUT")  # fmt: skip
            chunks.append(chunk)
        self.output = size
        return "".join(chunks)

    def failed(self, exc: RecursionError | ArithmeticError) -> JuryError:
        """The refusal for calls nested beyond Python's own limit, or a calculation that cannot be made."""
        if isinstance(exc, RecursionError):
            return refusal(self.name, "imbrique ses appels sans fin (une macro qui s'appelle elle-même ?)",
                           "TEMPLATE_CALLS")  # fmt: skip
        why = "une division par zéro" if isinstance(exc, ZeroDivisionError) else "un nombre trop grand"
        return refusal(self.name, f"fait un calcul impossible ({why})", "TEMPLATE_ARITHMETIC")


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)
