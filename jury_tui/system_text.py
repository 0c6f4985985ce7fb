"""The system's words in French: the cause of an OSError and what a JSON parser found.

Every message a user reads is French; the operating system and the JSON parsers (the
standard `json`, `orjson`) speak English (« Is a directory », « unexpected end of data »,
« BOM is not supported »). Whatever reaches a user goes through here, in one place:

    os_cause(exc)        « c'est un dossier, pas un fichier »
    json_cause(exc)      « ligne 1, colonne 10 : le fichier s'arrête avant la fin du JSON (tronqué ?) »

A cause that is not in the tables is named by its number (« erreur système 5 (EIO) »), never
in the system's own words.
"""

from __future__ import annotations

import errno

_OS_CAUSES = {
    errno.ENOSPC: "plus de place sur le disque",
    errno.EDQUOT: "quota disque dépassé",
    errno.EIO: "erreur d'entrée-sortie du disque",
    errno.EACCES: "permission refusée",
    errno.EPERM: "opération non permise",
    errno.EROFS: "le disque est en lecture seule",
    errno.ENOENT: "le dossier n'existe pas",
    errno.ENAMETOOLONG: "nom de fichier trop long",
    errno.EISDIR: "c'est un dossier, pas un fichier",
    errno.ENOTDIR: "un élément du chemin n'est pas un dossier",
    errno.ELOOP: "lien symbolique (ou trop de liens symboliques enchaînés)",
    errno.EEXIST: "le fichier existe déjà",
    errno.ENOTEMPTY: "le dossier n'est pas vide",
    errno.EBUSY: "le fichier ou le disque est occupé",
    errno.ETXTBSY: "le fichier est en cours d'utilisation",
    errno.EMFILE: "trop de fichiers ouverts par ce processus",
    errno.ENFILE: "trop de fichiers ouverts sur le système",
    errno.EFBIG: "fichier trop gros pour ce disque",
    errno.EXDEV: "les deux chemins ne sont pas sur le même disque",
    errno.ENOMEM: "mémoire insuffisante",
    errno.EAGAIN: "ressource momentanément indisponible",
    errno.EINTR: "opération interrompue",
    errno.EINVAL: "opération invalide pour ce fichier",
    errno.ENXIO: "périphérique absent",
    errno.ENODEV: "périphérique absent",
    errno.ESTALE: "fichier réseau devenu invalide (partage NFS démonté ?)",
    errno.ENOLCK: "ce disque ne permet pas de verrou (partage réseau ?)",
    errno.EOPNOTSUPP: "opération non prise en charge par ce système de fichiers",
    errno.ENOSYS: "opération non prise en charge par ce système",
    errno.ETIMEDOUT: "délai dépassé (disque réseau ?)",
    errno.EMLINK: "trop de liens vers ce fichier",
    errno.EBADF: "descripteur de fichier invalide",
    errno.ESPIPE: "ce n'est pas un fichier ordinaire (tube ou périphérique)",
}


def os_cause(exc: OSError) -> str:
    """The cause of an OSError, in French."""
    number = exc.errno
    if number in _OS_CAUSES:
        return _OS_CAUSES[number]
    if number:
        return f"erreur système {number} ({errno.errorcode.get(number, '?')})"
    return "erreur du système"


# What the parsers say (the start of their message), in French. `json`'s messages first,
# then orjson's.
_JSON_MESSAGES = (
    ("Expecting value", "valeur attendue"),
    ("Expecting ',' delimiter", "virgule attendue"),
    ("Expecting ':' delimiter", "deux-points attendu"),
    ("Expecting property name enclosed in double quotes", "nom de champ entre guillemets attendu"),
    ("Unterminated string starting at", "texte sans guillemet fermant"),
    ("Invalid control character at", "caractère de contrôle dans un texte"),
    ("Invalid \\escape", "séquence d'échappement invalide"),
    ("Invalid \\uXXXX escape", "séquence \\u invalide"),
    ("Extra data", "contenu après la fin du document"),
    ("unexpected end of data", "le fichier s'arrête avant la fin du JSON (tronqué ?)"),
    ("UTF-8 byte order mark (BOM) is not supported", "le fichier commence par une marque d'ordre des octets (BOM)"),
    ("trailing comma is not allowed", "virgule en trop avant la fin d'une liste ou d'un objet"),
    ("unexpected content after document", "contenu après la fin du document"),
    ("unexpected character, expected ',' or ']'", "virgule ou « ] » attendue"),
    ("unexpected character, expected ',' or '}'", "virgule ou « } » attendue"),
    ("unexpected character, expected ':'", "deux-points attendu"),
    ("unexpected character, expected a string key", "nom de champ entre guillemets attendu"),
    ("unexpected character", "caractère inattendu"),
    ("unexpected control character", "caractère de contrôle dans un texte"),
    ("invalid escaped sequence", "séquence d'échappement invalide"),
    ("invalid literal", "mot inconnu (true, false ou null attendu)"),
    ("number is infinity", "nombre trop grand"),
    ("no digit after", "nombre mal écrit"),
    ("depth limit exceeded", "imbrication trop profonde"),
    ("str is not valid UTF-8", "texte qui n'est pas de l'UTF-8 valide"),
    ("expected value", "valeur attendue"),
)


def json_message(message: str) -> str:
    """What a JSON parser's message says, in French (« JSON mal formé » when unknown)."""
    for english, french in _JSON_MESSAGES:
        if message.startswith(english):
            return french
    return "JSON mal formé"


def json_cause(exc: ValueError) -> str:
    """Where and what a JSON decoding error (json's or orjson's) found, in French."""
    message = json_message(getattr(exc, "msg", None) or str(exc))
    line, column = getattr(exc, "lineno", None), getattr(exc, "colno", None)
    if line is None:
        return message
    return f"ligne {line}, colonne {column} : {message}"


# What tomllib says (the start of its message), in French.
_TOML_MESSAGES = (
    ("Invalid value", "valeur mal écrite (un texte se met entre guillemets)"),
    ("Expected '=' after a key", "« = » attendu après le nom d'une clé"),
    ("Expected ']' at the end of a table declaration", "« ] » attendu à la fin du nom d'une table"),
    ("Expected newline or end of document after a statement", "fin de ligne attendue après une valeur"),
    ("Cannot overwrite a value", "clé écrite deux fois"),
    ("Cannot declare", "table déclarée deux fois"),
    ("Illegal character", "caractère interdit (un texte sans guillemet fermant ?)"),
    ("Unterminated string", "texte sans guillemet fermant"),
    ("Invalid statement", "ligne qui n'est ni une clé = valeur ni une [table]"),
    ("Invalid initial character for a key part", "nom de clé mal écrit"),
    ("Unclosed array", "liste sans « ] » fermant"),
    ("Unclosed inline table", "table sans « } » fermant"),
)


def toml_cause(exc: ValueError) -> str:
    """Where and what a TOML decoding error (tomllib's) found, in French."""
    text = str(exc)
    message = next((french for english, french in _TOML_MESSAGES if text.startswith(english)), "TOML mal formé")
    where = text[text.rfind("(") :] if text.endswith(")") and "(at " in text else ""
    if where.startswith("(at line "):
        line, _, column = where[len("(at line ") : -1].partition(", column ")
        return f"ligne {line}, colonne {column} : {message}"
    if where == "(at end of document)":
        return f"à la fin du fichier : {message}"
    return message
