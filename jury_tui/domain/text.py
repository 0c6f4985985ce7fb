"""What a text may hold: the one place that says it, for every way text reaches a session.

Every cell and header of an imported file, every argument, option and environment variable
of the command line, and every text a deliberation operation stores (a reason, the jury's,
the académie's and the place's names, a corrected name, the acting person; the app's dialogs
go through the same operations) is checked here, and nowhere else.

No text holds:
- a control character (C0 and C1: tabulation, line break, Échap, bell...): it would drive the
  terminal of whoever reads the session (ESC [ 2 J clears it) and break the CSV exports;
- an invisible formatting character (Unicode category Cf: direction overrides that show a
  text in another order than it is stored, zero-width spaces, the soft hyphen, a byte order
  mark inside a text) or a line or paragraph separator (U+2028, U+2029);
- a lone surrogate (U+D800..U+DFFF): half of a character, which no file can store. A JSON
  file gives one with a « \\ud800 » escape; the command line gives U+DC80..U+DCFF for each
  byte of an argument that is not UTF-8 (a terminal set to Latin-1), as Python decodes it.

A name (nom and prénom of a candidate or a jury member) holds, besides, only:
- the letters of NAME_LETTERS: the 26 letters, every letter of French civil status (circulaire
  du 23 juillet 2014 relative à l'état civil: à â ä é è ê ë ï î ô ö ù û ü ÿ ç, the ligatures
  æ œ) and the accented letters of the other Western European languages that candidates'
  papers show (á í ó ú ñ ã õ å ø ì ò ß), in both cases: exactly the letters that every
  encoding an exam office's spreadsheet saves in (Windows-1252, ISO-8859-15, Mac Roman) can
  write;
- spaces, hyphens (-) and apostrophes (' and ’), with at least one letter.
A file read in the wrong encoding gives characters outside this list (Mac Roman « é » read as
Windows-1252 is « Ž »), which is how such a file is caught instead of stored.
"""

from __future__ import annotations

import re
import unicodedata

NAME_LETTERS = (
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
    "ÀÂÄÆÇÈÉÊËÎÏÔÖÙÛÜŒŸàâäæçèéêëîïôöùûüÿœ"  # French civil status
    "ÁÃÅÌÍÑÒÓÕØÚáãåìíñòóõøúß"  # other Western European letters
)
NAME_MARKS = " -'’"  # space, hyphen, apostrophes
_NAME = re.compile(f"[{re.escape(NAME_MARKS)}]*[{NAME_LETTERS}][{NAME_LETTERS}{re.escape(NAME_MARKS)}]*")
_NAME_CHARACTER = re.compile(f"[{NAME_LETTERS}{re.escape(NAME_MARKS)}]")

# Unicode categories Cc, Cf, Zl, Zp and Cs, written out (tests/unit/test_text.py holds the list
# to the running Python's Unicode tables): computing it at start-up would cost every command.
_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e"
    "\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0001\U000e0020-\U000e007f\ud800-\udfff]"
)
_CONTROL_NAMES = {
    "\t": "tabulation",
    "\n": "retour à la ligne",
    "\r": "retour chariot",
    "\x00": "caractère nul",
    "\x07": "sonnerie",
    "\x08": "retour arrière",
    "\x1b": "Échap",
    "\x7f": "suppression",
}
_FORMAT_NAMES = {
    "\u00ad": "trait d'union conditionnel",
    "\u200b": "espace sans largeur",
    "\u200e": "marque de sens gauche-à-droite",
    "\u200f": "marque de sens droite-à-gauche",
    "\u2028": "séparateur de lignes",
    "\u2029": "séparateur de paragraphes",
    "\ufeff": "indicateur d'ordre des octets (BOM)",
}
_BIDI = set("\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def unsafe_at(text: str) -> int | None:
    """The position of the first character no text may hold, or None."""
    found = _UNSAFE.search(text)
    return None if found is None else found.start()


def is_undecoded_byte(char: str) -> bool:
    """Whether `char` stands for a byte that was not UTF-8 (Python's surrogate escape)."""
    return "\udc80" <= char <= "\udcff"


def escape(char: str) -> str:
    """How an unsafe character is shown: \\x1b, \\u202e; a byte that was not UTF-8 as \\xe9."""
    code = ord(char)
    if is_undecoded_byte(char):
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else (f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}")


def shown(text: str) -> str:
    """`text` safe to print on a terminal: every unsafe character written as its escape."""
    if _UNSAFE.search(text) is None:
        return text
    return _UNSAFE.sub(lambda m: escape(m.group()), text)


def describe(char: str) -> str:
    """An unsafe character in French, with its article: « un caractère de contrôle Échap (\\x1b) »."""
    code = escape(char)
    if is_undecoded_byte(char):
        return f"l'octet {code}, qui n'est pas de l'UTF-8"
    if "\ud800" <= char <= "\udfff":
        return f"une moitié de caractère isolée ({code}), qui n'est pas un caractère"
    if ord(char) < 0x20 or "\x7f" <= char <= "\x9f":
        name = _CONTROL_NAMES.get(char)
        return f"un caractère de contrôle {name} ({code})" if name else f"un caractère de contrôle ({code})"
    if char in _BIDI:
        return f"un caractère invisible qui inverse le sens du texte ({code})"
    name = _FORMAT_NAMES.get(char)
    return f"un caractère invisible : {name} ({code})" if name else f"un caractère invisible ({code})"


def text_problem(text: str) -> str | None:
    """Why `text` cannot be stored (a control, invisible or half character), or None."""
    at = unsafe_at(text)
    if at is None:
        return None
    if text[at] in "\r\n":
        return f"« {shown(text)} » tient sur plusieurs lignes : écrivez-le sur une seule ligne"
    return f"« {shown(text)} » contient {describe(text[at])} : retirez-le"


def name_problem(text: str) -> str | None:
    """Why `text` cannot be a nom or a prénom, or None (see the module's docstring)."""
    if _NAME.fullmatch(text):
        return None
    unsafe = text_problem(text)
    if unsafe:
        return unsafe
    odd = next((c for c in text if not _NAME_CHARACTER.match(c)), None)
    if odd is None:  # only spaces, hyphens and apostrophes
        return f"« {text} » : un nom contient au moins une lettre"
    if odd.isspace():
        return f"« {text} » contient une espace spéciale (U+{ord(odd):04X}) : remplacez-la par une espace ordinaire"
    base = unicodedata.normalize("NFD", odd)[0]
    fix = f"écrivez-le sans son signe (« {base} »)" if base != odd and base.isascii() and base.isalpha() else "corrigez-le"
    return (f"« {text} » contient le caractère « {odd} », qui n'est pas une lettre des noms (lettres "
            "latines, accents du français et des langues d'Europe de l'Ouest, œ, æ, espace, trait "
            f"d'union, apostrophe) : {fix}")
