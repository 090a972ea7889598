"""The words of the ``ecomap`` command in English and French, and which one it speaks.

The command speaks French when ``--lang fr`` is on its line, else when ``ECOMAP_LANG``
says ``fr``, else when the locale does (``LC_ALL``, ``LC_MESSAGES`` or ``LANG`` starting
with ``fr``); English otherwise. The English help lives beside each command in
:mod:`ecomap.cli`; :data:`HELP_FR` gives the French one, keyed by the command's path
(``"snapshot create"``) and by ``"command:parameter"``; :func:`speak` puts it, and the
French words of typer's help screens, on the command tree before it runs.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping, Sequence
from typing import Any

from ecomap.i18n import say

__all__ = [
    "HELP_FR",
    "MESSAGES",
    "argument_name",
    "choose_language",
    "count",
    "speak",
    "t",
    "usage_error",
]

#: The locale variables, strongest first (POSIX: LC_ALL overrides the others).
LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")


def choose_language(
    argv: Sequence[str] | None = None, environ: Mapping[str, str] | None = None
) -> str:
    """``"fr"`` or ``"en"``: ``--lang`` on the line, then ``ECOMAP_LANG``, then the locale.

    >>> choose_language(["analyse", "--lang", "fr"], {}), choose_language(["--lang=en"], {"ECOMAP_LANG": "fr"})
    ('fr', 'en')
    >>> choose_language([], {"LANG": "fr_FR.UTF-8"}), choose_language([], {"LC_ALL": "C", "LANG": "fr_FR"})
    ('fr', 'en')
    """
    environ = os.environ if environ is None else environ
    words = list(argv or [])
    if "--" in words:
        words = words[: words.index("--")]
    for i, word in enumerate(words):
        value = None
        if word == "--lang" and i + 1 < len(words):
            value = words[i + 1]
        elif word.startswith("--lang="):
            value = word.split("=", 1)[1]
        if value is not None and value.strip().lower() in ("fr", "en"):
            return value.strip().lower()
    chosen = environ.get("ECOMAP_LANG", "").strip().lower()
    if chosen in ("fr", "en"):
        return chosen
    for variable in LOCALE_VARIABLES:
        locale = environ.get(variable, "")
        if locale:
            return "fr" if locale.lower().startswith("fr") else "en"
    return "en"


# -- what the command prints ---------------------------------------------------------

MESSAGES: dict[str, dict[str, str]] = {
    "en": {
        "valid": "{source}: valid — {actors}, {relations}, {stakes}, {spaces}.",
        "nothing_changed": "Nothing changed in {where}: the store already holds this map.",
        "imported": "Imported {source} into {where}: {added} added, {changed} changed, "
        "{removed} removed (change #{id}; snapshot 'import-{id}').",
        "change_counts": "{added} added, {changed} changed ({fields}), {removed} removed",
        "changes_more": "… and {n} more",
        "would_change": "What the import would change in {where}:",
        "did_change": "What the import changed in {where}:",
        "dry_run": "Dry run: {counts}; nothing was written to {where}.",
        "exported": "Wrote {actors} and {relations} from {where} to {to}.",
        "template_written": "Wrote a blank template to {path}.",
        "template_not_xlsx": "the template is an .xlsx workbook",
        "report_written": "Wrote the report to {out}.",
        "report_not_html": "the report is written as .html or .pdf",
        "what_if_nobody": "name the people who leave, or give --months",
        "explorer": "Explorer on {url} — map from {where}. Ctrl+C to stop.",
        "unprotected": "Warning: the explorer is served to the network without sign-in "
        "({host}, port {port}): anyone who reaches it can read every name and edit the map.",
        "no_sign_in": "--host {host} serves the explorer to the network, and no sign-in is "
        "configured (no [auth] section in .streamlit/secrets.toml, here or in your home "
        "folder): anyone who reaches this computer could read every name and edit the map. "
        "Configure sign-in (README, 'Sign-in'), serve on 127.0.0.1 (the default), or add "
        "--no-sign-in to serve it anyway on a network you trust",
        "sign_in_config": "sign-in is configured in .streamlit/secrets.toml but cannot work "
        "until this is fixed: {problems} (README, 'Sign-in'); to work alone on this computer "
        "without sign-in, remove the [auth] section",
        "auth_missing": "missing or empty",
        "auth_bad_redirect": "must be the explorer's address followed by /oauth2callback",
        "auth_bad_url": "must be the http(s) address of the provider's OpenID Connect "
        "discovery document",
        "auth_unreachable": "the identity provider does not answer at this address",
        "auth_not_oidc": "this address answers, but not with an OpenID Connect discovery document",
        "backed_up": "Backed up {store} to {path} ({size}). To restore it: stop the explorer, "
        "move {store} aside with its -wal and -shm files, and copy the backup in its place "
        "(README, 'How to back up').",
        "no_change": "No change recorded yet.",
        "key_for_this_run": "note: no store here to keep the pseudonym key, so pseudonyms are "
        "made for this run only and differ from one run to the next; give --store to keep "
        "them stable.",
        "anonymised": "Anonymised: {note}",
        "history_title": "Changes, newest first",
        "history_columns": "#|when (UTC)|action|what|by|records|undone",
        "undone_by": "by #{id}",
        "nothing_to_undo": "Nothing to undo.",
        "undone": "Undone: {summary} (change #{id}).",
        "snapshot_saved": "Snapshot '{name}' saved ({actors}).",
        "no_snapshot": "No snapshot yet.",
        "snapshots_title": "Snapshots",
        "snapshots_columns": "name|when (UTC)|actors|relations|note",
        "already_snapshot": "The map already is what snapshot '{name}' holds.",
        "restored": "Restored snapshot '{name}' ({records} changed; `ecomap undo` reverts it).",
        "warnings": "Warnings",
        "problems_found": "{problems} found",
        "issue_columns": "file|line|column|value|problem",
        "issues_more": "… and {n} more not shown: fix these first, the same mistakes usually repeat",
        "issue_line": ", line {line}",
        "issue_column": ", column '{column}'",
        "issue_value": " (value: {value})",
        "input_error": "{problems} in the input; nothing was written",
        "error": "error: {message}",
        "aborted": "Aborted.",
        "unexpected": "unexpected error ({kind}): {message}\nThis is a bug in ecomap; run again "
        "with ECOMAP_DEBUG=1 and report what it prints.",
        "try_help": "Try '{command} --help' for help.",
        "usage_error": "Error: {message}",
        "unknown_analysis": "unknown analysis {names}; choose among: {known}",
        "bad_date": "{value}: {why}",
        "progress_analyse": "Analysis",
        "progress_import": "Import",
        "progress_report": "Report",
        "progress_read_files": "reading the files",
        "progress_read": "reading the map",
        "progress_check": "checking",
        "progress_compare": "comparing with the store",
        "progress_write": "writing to the store",
        "progress_writing_report": "analysing and writing the report",
        "progress_summary": "summary",
        "progress_json": "assembling the results",
    },
    "fr": {
        "valid": "{source} : carte valide — {actors}, {relations}, {stakes}, {spaces}.",
        "nothing_changed": "Rien n'a changé dans {where} : la carte y est déjà telle quelle.",
        "imported": "{source} importé dans {where} : {added} en plus, {changed} en modification, "
        "{removed} en moins (modification n° {id} ; photo « import-{id} »).",
        "change_counts": "{added} en plus, {changed} modifiées ({fields}), {removed} en moins",
        "changes_more": "… et {n} de plus",
        "would_change": "Ce que l'import changerait dans {where} :",
        "did_change": "Ce que l'import a changé dans {where} :",
        "dry_run": "Essai à blanc : {counts} ; rien n'a été écrit dans {where}.",
        "exported": "{actors} et {relations} de {where} écrits dans {to}.",
        "template_written": "Modèle vierge écrit dans {path}.",
        "template_not_xlsx": "le modèle est un classeur .xlsx",
        "report_written": "Rapport écrit dans {out}.",
        "report_not_html": "le rapport s'écrit en .html ou en .pdf",
        "what_if_nobody": "nommez les personnes qui partent, ou donnez --months",
        "explorer": "Explorateur sur {url} — carte de {where}. Ctrl+C pour l'arrêter.",
        "unprotected": "Attention : l'explorateur est servi sur le réseau sans connexion "
        "({host}, port {port}) : quiconque l'atteint peut lire tous les noms et modifier la "
        "carte.",
        "no_sign_in": "--host {host} ouvre l'explorateur au réseau, et aucune connexion n'est "
        "configurée (pas de section [auth] dans .streamlit/secrets.toml, ici ou dans votre "
        "dossier personnel) : quiconque atteint cet ordinateur pourrait lire tous les noms et "
        "modifier la carte. Configurez la connexion (README, « Sign-in »), servez sur "
        "127.0.0.1 (par défaut), ou ajoutez --no-sign-in pour le servir quand même sur un "
        "réseau de confiance",
        "sign_in_config": "la connexion est configurée dans .streamlit/secrets.toml mais ne "
        "peut pas fonctionner avant correction : {problems} (README, « Sign-in ») ; pour "
        "travailler seul sur cet ordinateur sans connexion, retirez la section [auth]",
        "auth_missing": "manquant ou vide",
        "auth_bad_redirect": "doit être l'adresse de l'explorateur suivie de /oauth2callback",
        "auth_bad_url": "doit être l'adresse http(s) du document de découverte OpenID "
        "Connect du fournisseur",
        "auth_unreachable": "le fournisseur d'identité ne répond pas à cette adresse",
        "auth_not_oidc": "cette adresse répond, mais pas par un document de découverte "
        "OpenID Connect",
        "backed_up": "Sauvegarde de {store} écrite dans {path} ({size}). Pour la restaurer : "
        "arrêtez l'explorateur, mettez {store} de côté avec ses fichiers -wal et -shm, et "
        "copiez la sauvegarde à sa place (README, « How to back up »).",
        "no_change": "Aucune modification enregistrée pour l'instant.",
        "key_for_this_run": "remarque : pas de carte conservée ici pour garder la clé des "
        "pseudonymes ; ils sont faits pour cette fois seulement et changent d'une fois à "
        "l'autre ; donnez --store pour les garder stables.",
        "anonymised": "Anonymisé : {note}",
        "history_title": "Modifications, les plus récentes d'abord",
        "history_columns": "n°|quand (UTC)|action|quoi|par qui|fiches|annulée",
        "undone_by": "par n° {id}",
        "nothing_to_undo": "Aucune modification à annuler.",
        "undone": "Annulé : {summary} (modification n° {id}).",
        "snapshot_saved": "Photo « {name} » enregistrée ({actors}).",
        "no_snapshot": "Aucune photo pour l'instant.",
        "snapshots_title": "Photos",
        "snapshots_columns": "nom|quand (UTC)|acteurs|relations|note",
        "already_snapshot": "La carte est déjà ce que contient la photo « {name} ».",
        "restored": "Photo « {name} » rétablie ({records} modifiées ; `ecomap undo` "
        "revient en arrière).",
        "warnings": "Avertissements",
        "problems_found": "{problems} trouvés",
        "issue_columns": "fichier|ligne|colonne|valeur|problème",
        "issues_more": "… et {n} de plus non montrés : corrigez d'abord ceux-ci, les mêmes "
        "erreurs se répètent souvent",
        "issue_line": ", ligne {line}",
        "issue_column": ", colonne « {column} »",
        "issue_value": " (valeur : {value})",
        "input_error": "{problems} dans les fichiers ; rien n'a été écrit",
        "error": "erreur : {message}",
        "aborted": "Interrompu.",
        "unexpected": "erreur inattendue ({kind}) : {message}\nC'est un défaut d'ecomap ; "
        "relancez avec ECOMAP_DEBUG=1 et signalez ce qui s'affiche.",
        "try_help": "Voir « {command} --help » pour l'aide.",
        "usage_error": "Erreur : {message}",
        "unknown_analysis": "analyse inconnue : {names} ; au choix : {known}",
        "bad_date": "{value} : une date s'écrit 2026-03-01 ou 01/03/2026",
        "progress_analyse": "Analyse",
        "progress_import": "Import",
        "progress_report": "Rapport",
        "progress_read_files": "lecture des fichiers",
        "progress_read": "lecture de la carte",
        "progress_check": "vérification",
        "progress_compare": "comparaison avec la carte conservée",
        "progress_write": "enregistrement",
        "progress_writing_report": "analyses et rédaction du rapport",
        "progress_summary": "synthèse",
        "progress_json": "assemblage des résultats",
    },
}

#: Counted words: (one, other) per language, chosen by Babel's plural rules.
_COUNTED = {
    "en": {
        "actor": ("{n} actor", "{n} actors"),
        "relation": ("{n} relation", "{n} relations"),
        "stake": ("{n} stake", "{n} stakes"),
        "space": ("{n} space", "{n} spaces"),
        "record": ("{n} record", "{n} records"),
        "field": ("{n} field", "{n} fields"),
        "problem": ("{n} problem", "{n} problems"),
        "error": ("{n} error", "{n} errors"),
    },
    "fr": {
        "actor": ("{n} acteur", "{n} acteurs"),
        "relation": ("{n} relation", "{n} relations"),
        "stake": ("{n} enjeu", "{n} enjeux"),
        "space": ("{n} dispositif", "{n} dispositifs"),
        "record": ("{n} fiche", "{n} fiches"),
        "field": ("{n} champ", "{n} champs"),
        "problem": ("{n} problème", "{n} problèmes"),
        "error": ("{n} erreur", "{n} erreurs"),
    },
}


def t(key: str, lang: str = "en", /, **values: Any) -> str:
    """The message ``key`` in ``lang``.

    >>> t("nothing_to_undo", "fr")
    'Aucune modification à annuler.'
    """
    return say(MESSAGES, key, lang, **values)


def count(word: str, n: int, lang: str = "en") -> str:
    """``n`` and its word, with the plural Babel chooses and the number in the language's way.

    >>> count("actor", 1), count("stake", 0, "fr"), count("problem", 1200, "fr")
    ('1 actor', '0 enjeu', '1\\u202f200 problèmes')
    """
    from babel import Locale
    from babel.numbers import format_decimal

    one, other = _COUNTED.get(lang, _COUNTED["en"])[word]
    locale = "fr_FR" if lang == "fr" else "en_GB"
    form = one if Locale.parse(locale).plural_form(n) == "one" else other
    return form.format(n=format_decimal(n, locale=locale))


# -- help in French ------------------------------------------------------------------

_STORE = (
    "Où la carte est conservée : un fichier SQLite (par défaut $ECOMAP_STORE ou ecomap.db) "
    "ou une adresse neo4j://, neo4j+s:// ou bolt://."
)
_FORMAT = "table pour lire, json pour les programmes."
_AS_OF = (
    "Date d'analyse (2026-03-01 ou 01/03/2026) : les relations terminées avant, ou qui "
    "commencent après, sont écartées. Par défaut : aujourd'hui."
)
_LANG = "Langue des résultats et des messages : en (anglais) ou fr (français)."
_SOURCE_FILES = "Un dossier de fichiers CSV, un classeur .xlsx, une carte .json ou un .zip."
_SOURCE_DIRECT = (
    "Lire cette carte directement (sans la carte conservée). Par défaut : la carte conservée."
)

#: French help: a command's path, or ``path:parameter``; ``*:parameter`` for every command.
HELP_FR: dict[str, str] = {
    "": "Cartographier l'écosystème de coopération d'un territoire : acteurs, enjeux, "
    "tensions, coopérations et rapports de force.",
    ":lang": "Langue des messages et de l'aide : en (anglais) ou fr (français).",
    "*:store": _STORE,
    "*:format": _FORMAT,
    "*:as_of": _AS_OF,
    "*:lang": _LANG,
    "*:anonymise": "Montrer les personnes sous un pseudonyme et effacer leur nom de tous les "
    "textes (pour partager) ; les notes sur les personnes et qui a rapporté quoi sont "
    "retirées.",
    "validate": "Vérifier les fichiers d'une carte et lister chaque problème (fichier, ligne, "
    "colonne, valeur).",
    "validate:source": _SOURCE_FILES,
    "import": "Importer une carte dans la carte conservée et lister ce qui change, champ par "
    "champ (--dry-run : ce qui changerait ; rien n'est écrit). La fusion (par défaut) corrige "
    "la carte conservée : une cellule remplie met à jour, une cellule vide garde la valeur "
    "conservée, (vide) ou (empty) l'efface, et les relations peuvent viser ce que la carte "
    "conservée contient. --replace rend la carte conservée identique à ce fichier. Rien "
    "n'est écrit quand une erreur est trouvée.",
    "import:source": _SOURCE_FILES,
    "import:replace": "Rendre la carte conservée identique à celle-ci (retire le reste).",
    "import:author": "Qui fait la modification (journal des modifications) ; par défaut : "
    "ECOMAP_AUTHOR, sinon l'utilisateur du système.",
    "export:headers": "Noms des colonnes, des feuilles et des fichiers, et valeurs, des "
    "fichiers CSV et Excel : en (ceux du format de fichier) ou fr (en français, comme le "
    "modèle français) ; les deux s'importent.",
    "template:lang": "Langue du modèle : fr (par défaut) ou en.",
    "import:dry_run": "Montrer seulement ce que l'import changerait ; ne rien écrire.",
    "export": "Écrire la carte conservée dans des fichiers (format selon l'extension, ou un "
    "dossier de CSV).",
    "export:to": "Cible : un dossier (fichiers CSV), ou un fichier .xlsx, .json, .zip, .gexf "
    "ou .graphml.",
    "template": "Écrire un modèle .xlsx vierge, avec des listes déroulantes pour chaque choix.",
    "template:path": "Le fichier .xlsx à écrire.",
    "analyse": "Analyser la carte : liens fragiles, déséquilibres de pouvoir, passerelles, "
    "enjeux et plus.",
    "analyse:source": _SOURCE_DIRECT,
    "analyse:only": "Analyses à montrer, séparées par des virgules : le titre d'une partie du "
    "résultat ou son nom court, par exemple liens-fragiles,desequilibres-de-pouvoir.",
    "analyse:all_rows": "Montrer toutes les lignes de chaque tableau (sinon les 5 premières).",
    "what-if": "Ce qui tombe quand des personnes partent : liens qui s'arrêtent, acteurs "
    "isolés, groupes qui se scindent.",
    "what-if:people": "Identifiants des personnes qui partent.",
    "what-if:months": "Aussi toutes les personnes dont l'appartenance se termine d'ici ce "
    "nombre de mois.",
    "what-if:source": _SOURCE_DIRECT,
    "counterweights": "Qui pourrait rééquilibrer une relation que DOMINANT domine, du plus "
    "prometteur au moins prometteur, avec ses raisons.",
    "counterweights:dominant": "Identifiant de l'acteur qui domine.",
    "counterweights:weaker": "Identifiant de l'acteur dominé.",
    "counterweights:source": _SOURCE_DIRECT,
    "facilitators": "Tiers neutres qui pourraient faciliter entre des PARTIES, classés, avec "
    "leurs raisons.",
    "facilitators:parties": "Identifiants des parties (deux ou plus).",
    "facilitators:source": _SOURCE_DIRECT,
    "app": "Ouvrir l'explorateur dans le navigateur (Streamlit).",
    "app:source": "Importer d'abord cette carte dans la carte conservée.",
    "app:port": "Port de l'explorateur sur cette machine.",
    "app:read_only": "Cacher toutes les commandes de modification (pour les comités).",
    "app:headless": "Ne pas ouvrir de fenêtre de navigateur.",
    "app:host": "Adresse d'écoute : 127.0.0.1 pour cet ordinateur seul ; 0.0.0.0 sert toutes "
    "les interfaces réseau (demande une connexion, ou --no-sign-in).",
    "app:no_sign_in": "Servir un réseau (--host) sans connexion : quiconque atteint le port "
    "lit et modifie la carte. Dit dans le terminal et sur chaque page.",
    "backup": "Écrire une copie cohérente de la carte conservée dans CHEMIN, même quand "
    "l'explorateur est ouvert.",
    "backup:path": "Le fichier à écrire, par exemple sauvegarde-2026-03-01.db.",
    "backup:force": "Remplacer CHEMIN s'il existe.",
    "history": "Le journal des modifications : ce qui a changé, quand, par qui.",
    "history:limit": "Combien de modifications, les plus récentes d'abord.",
    "undo": "Annuler la dernière modification (recommencer pour remonter plus loin).",
    "diff": "Ce qui a changé entre deux photos (ou une photo et maintenant) : données et analyses.",
    "diff:before": "Un nom de photo (voir ecomap snapshot list).",
    "diff:after": "Une autre photo, ou « maintenant » pour la carte actuelle.",
    "report": "Écrire le rapport du comité de pilotage (HTML ou PDF, autonome).",
    "report:out": "FICHIER.html ou FICHIER.pdf.",
    "report:source": "Faire le rapport directement sur ces fichiers. Par défaut : la carte "
    "conservée.",
    "report:since": "Une photo : ajouter ce qui a changé depuis.",
    "report:lang": "Langue du rapport.",
    "report:geography": "Ajouter la carte du territoire : les acteurs qui ont des coordonnées, "
    "avec leurs coopérations et tensions (sans fond de carte).",
    "snapshot": "Photos de la carte, nommées et datées.",
    "snapshot create": "Enregistrer la carte actuelle sous un nom.",
    "snapshot create:name": "Un nom, par exemple copil-2026-03.",
    "snapshot create:note": "À quoi sert cette photo.",
    "snapshot list": "Lister les photos, de la plus ancienne à la plus récente.",
    "snapshot restore": "Rendre la carte actuelle identique à une photo (annulable).",
    "snapshot restore:name": "La photo à laquelle revenir.",
}

#: Names of the arguments in the usage lines, in French.
_ARGUMENT_NAMES_FR = {
    "source": "SOURCE", "path": "FICHIER", "people": "PERSONNES", "dominant": "DOMINANT",
    "weaker": "DOMINÉ", "parties": "PARTIES", "before": "AVANT", "after": "APRÈS",
    "name": "NOM",
}  # fmt: skip
#: The type shown beside an option, by its Python type's name.
_TYPE_NAMES_FR = {"str": "<texte>", "path": "<chemin>", "int": "<nombre>", "float": "<nombre>"}

#: typer's own words on its help screens (module constants of ``typer.rich_utils``).
_TYPER_WORDS = {
    "en": {},
    "fr": {
        "DEPRECATED_STRING": "(obsolète) ",
        "DEFAULT_STRING": "[par défaut : {}]",
        "ENVVAR_STRING": "[variable d'environnement : {}]",
        "REQUIRED_LONG_STRING": "[obligatoire]",
        "ARGUMENTS_PANEL_TITLE": "Arguments",
        "OPTIONS_PANEL_TITLE": "Options",
        "COMMANDS_PANEL_TITLE": "Commandes",
        "ERRORS_PANEL_TITLE": "Erreur",
        "ABORTED_TEXT": "Interrompu.",
        "RICH_HELP": "Voir [blue]« {command_path} {help_option} »[/] pour l'aide.",
    },
}
_TYPER_ORIGINAL: dict[str, Any] = {}


def argument_name(name: str, lang: str) -> str:
    """An argument as the usage line names it: ``PEOPLE``, ``PERSONNES`` in French.

    >>> argument_name("people", "en"), argument_name("people", "fr")
    ('PEOPLE', 'PERSONNES')
    """
    return _ARGUMENT_NAMES_FR.get(name, name.upper()) if lang == "fr" else name.upper()


def _type_name_fr(bare: str) -> str | None:
    """``<texte>`` for ``str``, ``<texte>...`` for ``list[str]``; None for choices."""
    inner = bare.lower().removeprefix("list[").removesuffix("]")
    shown = _TYPE_NAMES_FR.get(inner)
    if shown is None:
        return None
    return shown + "..." if bare.lower().startswith("list[") else shown


def french_help(path: str, param: str | None = None) -> str | None:
    """The French help of a command (``param`` None) or of one of its parameters."""
    if param is None:
        return HELP_FR.get(path)
    return HELP_FR.get(f"{path}:{param}") or HELP_FR.get(f"*:{param}")


def _typer_words(lang: str) -> None:
    from typer import rich_utils

    if not _TYPER_ORIGINAL:
        _TYPER_ORIGINAL.update({name: getattr(rich_utils, name) for name in _TYPER_WORDS["fr"]})
    for name, original in _TYPER_ORIGINAL.items():
        setattr(rich_utils, name, _TYPER_WORDS.get(lang, {}).get(name, original))


def speak(command, lang: str, path: str = "") -> None:
    """Put the help of ``command`` and its subcommands in ``lang`` (English is as written).

    typer's own help words (panel titles, "[default: …]") follow too; the usage line's
    "Usage:" and the help option's line are replaced on each command object.
    """
    _typer_words(lang)
    if lang != "fr":
        return
    help_text = french_help(path)
    if help_text is not None:
        command.help = help_text
        command.short_help = None
    if hasattr(command, "subcommand_metavar") and getattr(command, "commands", None):
        command.subcommand_metavar = "COMMANDE [ARGUMENTS]..."
    for param in command.params:
        text = french_help(path, param.name)
        if text is not None and hasattr(param, "help"):
            param.help = text
        if getattr(param, "param_type_name", "") == "argument":
            param.metavar = _ARGUMENT_NAMES_FR.get(param.name, param.name.upper())
        if getattr(param, "is_flag", False):
            param.display_type_rich = lambda ctx: ""
        elif hasattr(param, "bare_type"):
            shown = _type_name_fr(param.bare_type())
            if shown is not None:
                param.display_type_rich = lambda ctx, shown=shown: shown
    _french_usage(command)
    for name, sub in getattr(command, "commands", {}).items():
        speak(sub, lang, f"{path} {name}".strip())


def _french_usage(command) -> None:
    get_usage, get_help_option = command.get_usage, command.get_help_option

    def usage(ctx):
        return get_usage(ctx).replace("Usage:", "Utilisation :", 1)

    def help_option(ctx):
        option = get_help_option(ctx)
        if option is not None:
            option.help = "Montrer cette aide et quitter."
            option.metavar = ""
        return option

    command.get_usage, command.get_help_option = usage, help_option


# -- usage errors in French ----------------------------------------------------------

#: typer's messages for a wrong command line, and their French.
_USAGE_FR = [
    (r"No such option: (?P<a>.+)", "option inconnue : {a}"),
    (r"Missing parameter: (?P<a>.+)", "il manque {a}"),
    (r"Missing (?:argument|option|parameter) '?(?P<a>[^'.]+)'?\.?(?P<b>.*)", "il manque {a}"),
    (r"No such command '(?P<a>[^']+)'\.?(?P<b>.*)", "commande inconnue : « {a} »{b}"),
    (r"Missing command\.", "il manque la commande"),
    (r"Got unexpected extra arguments? \((?P<a>.+)\)", "arguments en trop : {a}"),
    (r"Option '(?P<a>.+)' requires an argument\.", "l'option {a} attend une valeur"),
    (r"Option '(?P<a>.+)' does not take a value\.", "l'option {a} ne prend pas de valeur"),
    (r"Invalid value for '?(?P<a>[^':]+)'?: (?P<b>.+)", "valeur invalide pour {a} : {b}"),
    (r"'(?P<a>.*)' is not one of (?P<b>.+)\.", "« {a} » n'est pas parmi {b}"),
    (r"'(?P<a>.*)' is not a valid (?:integer|float)(?: range)?\.", "« {a} » n'est pas un nombre"),
]


def usage_error(message: str, lang: str) -> str:
    """typer's message for a wrong command line, in ``lang`` (known patterns translated).

    >>> usage_error("Invalid value for '--lang': 'de' is not one of 'en', 'fr'.", "fr")
    "valeur invalide pour --lang : « de » n'est pas parmi 'en', 'fr'"
    """
    if lang != "fr":
        return message
    message = re.sub(r"\s*\(Possible options: (.+?)\)", r" (options possibles : \1)", message)
    message = re.sub(r"\.? Did you mean (.+?)\?", r" (vouliez-vous dire \1 ?)", message)
    for pattern, french in _USAGE_FR:
        match = re.fullmatch(pattern, message.strip(), flags=re.S)
        if match:
            values = {k: usage_error(v, lang) if k == "b" and v else (v or "")
                      for k, v in match.groupdict().items()}  # fmt: skip
            return french.format(**values)
    return message
