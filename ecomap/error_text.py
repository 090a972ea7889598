"""The library's error messages in French, for the command and the explorer.

The library raises its errors in English (:mod:`ecomap.errors`); where one is shown to
a person who reads French, :func:`in_language` gives it in their words. Each known
message is a pattern matched against the whole text; its variable parts (paths, ids,
numbers, addresses) are kept as they are. A message made of a prefix and another
message has its inner part translated the same way. A message not known here is shown
unchanged: better English than nothing.
"""

from __future__ import annotations

import re

__all__ = ["in_language"]

#: The kinds of records, as a message names them.
_KIND = {"actor": "acteur", "stake": "enjeu", "space": "espace", "relation": "relation"}
_A_KIND = {"actor": "un acteur", "stake": "un enjeu", "space": "un espace",
           "relation": "une relation"}  # fmt: skip

#: What a Neo4j store was doing when the server refused.
_DOING = {
    "connect": "se connecter",
    "read the map": "lire la carte",
    "write the change": "écrire la modification",
    "list the indexes": "lister les index",
    "import the map": "importer la carte",
    "read the history": "lire l'historique",
    "undo the last change": "annuler la dernière modification",
    "list the snapshots": "lister les photos",
    "keep the store's settings": "garder les réglages de la carte conservée",
    "create ecomap's constraints and indexes": "créer les contraintes et index d'ecomap",
}

_NEO4J_BACKUP_FR = (
    "ecomap backup ne copie que la carte conservée dans un fichier : sauvegardez une "
    "carte sur un serveur Neo4j avec les outils du serveur, 'neo4j-admin database dump' "
    "(base arrêtée), 'neo4j-admin database backup' (en marche, Enterprise Edition) ou "
    "les instantanés de Neo4j Aura ; 'ecomap export --store URI --to carte.json' garde "
    "une copie de la carte elle-même, que 'ecomap import carte.json --replace --store "
    "URI' rétablit (sans le journal des modifications)"
)
_URI_SHAPE_FR = (
    "écrivez-la neo4j://hote:7687 (un serveur ou une grappe), bolt://hote:7687 (un "
    "serveur) ou, avec TLS (Neo4j Aura), neo4j+s://hote"
)
_URI_SHAPE = re.escape(
    "write it as neo4j://host:7687 (a server or a cluster), bolt://host:7687 (one "
    "server) or, with TLS (Neo4j Aura), neo4j+s://host"
)
_NOTHING = "nothing was written"

#: (pattern, French) pairs, tried in order; ``{name}`` in the French is the group's
#: text, translated first when the group is named in :data:`_INNER`.
_FR: list[tuple[str, str]] = [
    # -- backups and opening a store (ecomap.store, ecomap.store.sqlite)
    (re.escape(
        "ecomap backup copies the embedded store only: back up a map on a Neo4j server "
        "with the server's own tools, 'neo4j-admin database dump' (database stopped), "
        "'neo4j-admin database backup' (online, Enterprise Edition) or Neo4j Aura's "
        "snapshots; 'ecomap export --store URI --to carte.json' keeps a copy of the map "
        "itself, which 'ecomap import carte.json --replace --store URI' brings back "
        "(without the change log)"), _NEO4J_BACKUP_FR),  # fmt: skip
    (r"there is no store at (?P<p>.+) to back up: give its path with --store \(or ECOMAP_STORE\)",
     "il n'y a pas de carte conservée à sauvegarder à {p} : donnez son chemin avec --store "
     "(ou ECOMAP_STORE)"),
    (r"cannot open the store (?P<p>.+): it is a folder; give the path of a store file "
     r"\(e\.g\. ecomap\.db\) inside it",
     "impossible d'ouvrir la carte conservée {p} : c'est un dossier ; donnez le chemin "
     "d'un fichier (par ex. ecomap.db) dans ce dossier"),
    (r"cannot open the store (?P<p>.+): the folder (?P<d>.+) does not exist; create it or "
     r"choose another path",
     "impossible d'ouvrir la carte conservée {p} : le dossier {d} n'existe pas ; "
     "créez-le ou choisissez un autre chemin"),
    (r"cannot create the store (?P<p>.+): the folder (?P<d>.+) is read-only; choose "
     r"another folder or check its permissions",
     "impossible de créer la carte conservée {p} : le dossier {d} est en lecture seule ; "
     "choisissez un autre dossier ou vérifiez ses droits"),
    (r"(?P<p>.+) is an SQLite database but not an ecomap store; check the path of the store",
     "{p} est une base SQLite mais pas une carte conservée d'ecomap ; vérifiez le chemin "
     "de la carte conservée"),
    (r"(?P<p>.+) is not an ecomap store \(not an SQLite database file\); check the path "
     r"of the store",
     "{p} n'est pas une carte conservée d'ecomap (pas un fichier de base SQLite) ; "
     "vérifiez le chemin de la carte conservée"),
    (r"(?P<p>.+) is damaged \(the database file is corrupt\); restore it from a copy or "
     r"a backup",
     "la carte conservée {p} est abîmée (le fichier de base est corrompu) ; rétablissez-la depuis une copie "
     "ou une sauvegarde"),
    (r"(?P<p>.+) is read-only: ecomap needs to write the file and, in its folder, "
     r"(?P<w>.+)-wal and (?P<s>.+)-shm; check the permissions",
     "la carte conservée {p} est en lecture seule : ecomap doit écrire ce fichier et, dans son dossier, "
     "{w}-wal et {s}-shm ; vérifiez les droits"),
    (r"(?P<p>.+): the disk reported a read or write error; check that the disk or network "
     r"share holding the store is still there",
     "{p} : le disque a signalé une erreur de lecture ou d'écriture ; vérifiez que le "
     "disque ou le partage réseau qui porte la carte conservée est toujours là"),
    (r"cannot open the store (?P<p>.+): check that its folder exists and that you may "
     r"read and write there \(SQLite also writes files beside it\)",
     "impossible d'ouvrir la carte conservée {p} : vérifiez que son dossier existe et que "
     "vous pouvez y lire et y écrire (SQLite écrit aussi des fichiers à côté)"),
    (r"(?P<p>.+) stayed locked by another program for more than (?P<n>[\d.e+]+) s; try "
     r"again, or close the program that holds it",
     "la carte conservée {p} est restée verrouillée par un autre programme plus de {n} s ; réessayez, ou "
     "fermez le programme qui la bloque"),
    (r"(?P<p>.+): the disk is full; nothing was written",
     "{p} : le disque est plein ; rien n'a été écrit"),
    (r"(?:the map in )?(?P<neo>Neo4j at )?(?P<p>.+) was written by a newer version of "
     r"ecomap \(store format (?P<v>\d+), this version reads up to (?P<m>\d+)\); upgrade "
     r"ecomap to open it",
     "{neo}{p} a été écrite par une version plus récente d'ecomap (format {v}, cette "
     "version lit jusqu'au format {m}) ; mettez ecomap à jour pour l'ouvrir"),
    (r"the store (?P<p>.+) is closed", "la carte conservée {p} est fermée"),
    (r"the store (?P<p>.+) failed: (?P<x>.+)", "la carte conservée {p} a échoué : {x}"),
    (r"the pseudonym key kept in (?P<p>.+) is damaged; restore the store from a backup "
     r"\(a new key would give everyone new pseudonyms\)",
     "la clé des pseudonymes gardée dans {p} est abîmée ; rétablissez la carte conservée "
     "depuis une sauvegarde (une nouvelle clé donnerait à chacun de nouveaux pseudonymes)"),
    # -- changes and conflicts
    (r"one change cannot both write and delete (?P<refs>.+)",
     "une même modification ne peut pas à la fois écrire et supprimer {refs}"),
    (r"the map in (?P<p>.+) changed since this import was previewed \(change #(?P<n>\d+)\); "
     r"nothing was written: look at the import again",
     "la carte dans {p} a changé depuis l'aperçu de cet import (modification n° {n}) ; "
     "rien n'a été écrit : regardez l'import à nouveau"),
    (r"(?P<refs>.+) changed in (?P<p>.+) since it was read; nothing was written: reload "
     r"and make the edit again",
     "fiches modifiées dans {p} depuis leur lecture : {refs} ; rien n'a été écrit : "
     "rechargez et refaites la modification"),
    (r"cannot undo change (?P<n>\d+): (?P<refs>.+) no longer as it left them in (?P<p>.+)",
     "impossible d'annuler la modification n° {n} : fiches changées depuis dans {p} : "
     "{refs}"),
    (r"(?P<q>['\"])(?P<k>.*)(?P=q) is already the id of (?:an? )(?P<a_kind>actor|stake|space|relation); "
     r"actors, stakes and spaces share one id space: choose another id",
     "« {k} » est déjà l'identifiant d'{a_kind} ; acteurs, enjeux et espaces partagent les "
     "mêmes identifiants : choisissez-en un autre"),
    (r"'(?P<k>.*)' is written both as an? (?P<kind>\w+) and as an? (?P<kind2>\w+); actors, "
     r"stakes and spaces share one id space",
     "« {k} » est écrit à la fois comme {kind} et comme {kind2} ; acteurs, enjeux et "
     "espaces partagent les mêmes identifiants"),
    (r"relation (?P<k>.+): an? (?P<t>\S+) relation links (?P<a_kind>\w+) to (?P<a_kind2>\w+), "
     r"but '(?P<n>.*)' is an? (?P<a_kind3>\w+); nothing was written",
     "relation {k} : une relation {t} relie {a_kind} à {a_kind2}, mais « {n} » est "
     "{a_kind3} ; rien n'a été écrit"),
    (r"relations refer to nodes that are not in the map: (?P<shown>.+?)(?: and "
     r"(?P<more>\d+) more)?; add those actors, stakes or spaces first; nothing was written",
     "des relations renvoient à des éléments absents de la carte : {shown}{more} ; "
     "ajoutez d'abord ces acteurs, enjeux ou espaces ; rien n'a été écrit"),
    (r"the map in (?P<p>.+) changed during the change \(nodes it links were deleted by "
     r"other means\); nothing was written: try again",
     "la carte dans {p} a changé pendant la modification (des éléments qu'elle relie ont "
     "été supprimés par ailleurs) ; rien n'a été écrit : réessayez"),
    # -- snapshots
    (r"a snapshot needs a name", "une photo a besoin d'un nom"),
    (r"a snapshot named (?P<q>['\"])(?P<n>.*)(?P=q) already exists in (?P<p>.+); choose another name",
     "une photo nommée « {n} » existe déjà dans {p} ; choisissez un autre nom"),
    (r"no snapshot named (?P<q>['\"])(?P<n>.*)(?P=q) in (?P<p>.+); (?P<available>available: .+|there are "
     r"no snapshots yet)",
     "aucune photo nommée « {n} » dans {p} ; {available}"),
    (r"available: (?P<names>.+)", "photos disponibles : {names}"),
    (r"there are no snapshots yet", "il n'y a encore aucune photo"),
    # -- backups
    (r"cannot back up the store (?P<p>.+) onto itself: give another path",
     "impossible de sauvegarder la carte conservée {p} sur elle-même : donnez un autre "
     "chemin"),
    (r"cannot write the backup (?P<p>.+): it is a folder; give a file path \(e\.g\. "
     r"(?P<e>.+)\)",
     "impossible d'écrire la sauvegarde {p} : c'est un dossier ; donnez un chemin de "
     "fichier (par ex. {e})"),
    (r"cannot write the backup (?P<p>.+): the folder (?P<d>.+) does not exist; create it "
     r"or choose another path",
     "impossible d'écrire la sauvegarde {p} : le dossier {d} n'existe pas ; créez-le ou "
     "choisissez un autre chemin"),
    (r"(?P<p>.+) already exists: choose another name, or add --force to replace it",
     "{p} existe déjà : choisissez un autre nom, ou ajoutez --force pour le remplacer"),
    (r"cannot write the backup (?P<p>.+): (?P<x>.+); check the folder's free space and "
     r"permissions",
     "impossible d'écrire la sauvegarde {p} : {x} ; vérifiez la place libre et les droits "
     "du dossier"),
    # -- records this version cannot read (ecomap.errors.UnreadableRecord)
    (r"the store(?P<p> .+)? holds a record that cannot be read: (?P<problem>.+); "
     r"(?P<advice>a newer version of ecomap may have written it: upgrade ecomap to read "
     r"this store|the store was altered or damaged: correct this record with a database "
     r"tool or restore the store from a backup copy) \(nothing was changed\)",
     "la carte conservée{p} contient une fiche illisible : {problem} ; {advice} (rien "
     "n'a été changé)"),
    (r"a newer version of ecomap may have written it: upgrade ecomap to read this store",
     "une version plus récente d'ecomap l'a peut-être écrite : mettez ecomap à jour pour "
     "lire cette carte conservée"),
    (r"the store was altered or damaged: correct this record with a database tool or "
     r"restore the store from a backup copy",
     "la carte conservée a été altérée ou abîmée : corrigez cette fiche avec un outil de "
     "base de données ou rétablissez la carte conservée depuis une sauvegarde"),
    (r"(?P<what>.+?), field '(?P<f>.*)' is '(?P<v>.*)', expected (?P<expected>.+)",
     "{what}, champ « {f} » vaut « {v} », attendu : {expected}"),
    (r"(?P<what>.+?) has no field '(?P<f>.*)': (?P<expected>.+)",
     "{what} n'a pas de champ « {f} » : {expected}"),
    (r"(?P<what>(?:an? )?(?:actor|stake|space|relation)(?: '.*')?): (?P<expected>.+)",
     "{what} : {expected}"),
    (r"an? (?P<a_kind>actor|stake|space|relation)", "{a_kind}"),
    (r"(?P<kind>actor|stake|space|relation) '(?P<k>.*)'", "{kind} « {k} »"),
    (r"its stored text is not valid JSON \(cut short or altered\)",
     "son texte enregistré n'est pas du JSON valide (coupé ou altéré)"),
    (r"custom fields as a JSON object", "des champs libres sous forme d'objet JSON"),
    (r"every (?P<kind>actor|stake|space|relation) has one", "chaque {kind} en a un"),
    (r"one of: (?P<x>.+)", "une valeur parmi : {x}"),
    (r"a valid value \((?P<x>.+)\)", "une valeur valide ({x})"),
    (r"the store's records cannot be read", "les fiches de la carte conservée sont illisibles"),
    # -- Neo4j
    (r"cannot use (?P<a>.+) as a Neo4j address \((?P<x>\w+)\): " + _URI_SHAPE
     + r" \(NEO4J_URI or --store\)",
     "impossible d'utiliser {a} comme adresse Neo4j ({x}) : " + _URI_SHAPE_FR
     + " (NEO4J_URI ou --store)"),
    (r"cannot use (?P<a>.+) as a Neo4j address: " + _URI_SHAPE,
     "impossible d'utiliser {a} comme adresse Neo4j : " + _URI_SHAPE_FR),
    (r"the password of user '(?P<u>.*)' on Neo4j at (?P<p>.+) has expired: set a new one "
     r"\(e\.g\. in Neo4j Browser\), then update NEO4J_PASSWORD",
     "le mot de passe de l'utilisateur « {u} » sur Neo4j à {p} a expiré : choisissez-en un "
     "nouveau (par ex. dans Neo4j Browser), puis mettez à jour NEO4J_PASSWORD"),
    (r"Neo4j at (?P<p>.+) refused the credentials of user '(?P<u>.*)'(?P<none> \(no "
     r"password was given\))?: check NEO4J_USER and NEO4J_PASSWORD",
     "Neo4j à {p} a refusé les identifiants de l'utilisateur « {u} »{none} : vérifiez "
     "NEO4J_USER et NEO4J_PASSWORD"),
    (r"user '(?P<u>.*)' may not (?P<de_doing>.+) in (?P<db>'.*'|the default database) on "
     r"Neo4j at (?P<p>.+): ask the server's administrator for a role that allows "
     r"it(?P<once>, or to run cypher/create_schema\.cypher once)?",
     "l'utilisateur « {u} » n'a pas le droit {de_doing} dans {db} sur Neo4j à {p} : "
     "demandez à l'administrateur du serveur un rôle qui le permet{once}"),
    (r"there is no database (?P<db>'.*'|the default database) on Neo4j at (?P<p>.+): check "
     r"NEO4J_DATABASE \(leave it unset for the server's default database\)",
     "il n'y a pas de base {db} sur Neo4j à {p} : vérifiez NEO4J_DATABASE (laissez-la "
     "vide pour la base par défaut du serveur)"),
    (r"(?P<db>'.*'|the default database) on Neo4j at (?P<p>.+) is not available \(stopped "
     r"or starting\): check it with SHOW DATABASES, then try again",
     "{db} sur Neo4j à {p} n'est pas disponible (arrêtée ou en démarrage) : vérifiez-la "
     "avec SHOW DATABASES, puis réessayez"),
    (r"Neo4j at (?P<p>.+) refused to (?P<de_doing>.+): a uniqueness constraint would be "
     r"broken \((?P<x>.*)\); nothing was written",
     "Neo4j à {p} a refusé {de_doing} : une contrainte d'unicité serait violée ({x}) ; "
     "rien n'a été écrit"),
    (r"Neo4j at (?P<p>.+) stopped the transaction to (?P<doing>.+) after its time limit; "
     r"nothing was written: try again, or raise db\.transaction\.timeout on the server",
     "Neo4j à {p} a arrêté la transaction pour {doing} après son délai ; rien n'a été "
     "écrit : réessayez, ou augmentez db.transaction.timeout sur le serveur"),
    (r"the transaction to (?P<doing>.+) needs more memory than Neo4j at (?P<p>.+) allows "
     r"one transaction; nothing was written: raise db\.memory\.transaction\.max on the "
     r"server, or import the map in parts",
     "la transaction pour {doing} demande plus de mémoire que Neo4j à {p} n'en accorde "
     "à une transaction ; rien n'a été écrit : augmentez db.memory.transaction.max sur "
     "le serveur, ou importez la carte en plusieurs fois"),
    (r"cannot reach Neo4j at (?P<p>.+): check the host and port of the URI \(NEO4J_URI "
     r"or --store\), that the server is running, and the scheme \(neo4j\+s:// for Neo4j "
     r"Aura or TLS, neo4j:// or bolt:// without\)",
     "impossible de joindre Neo4j à {p} : vérifiez l'hôte et le port de l'adresse "
     "(NEO4J_URI ou --store), que le serveur tourne, et le schéma (neo4j+s:// pour Neo4j "
     "Aura ou TLS, neo4j:// ou bolt:// sinon)"),
    (r"Neo4j at (?P<p>.+) did not understand the statement to (?P<doing>.+) "
     r"\((?P<x>[\w.]+)\): ecomap needs Neo4j 5 or later; nothing was written",
     "Neo4j à {p} n'a pas compris l'instruction pour {doing} ({x}) : ecomap demande "
     "Neo4j 5 ou plus récent ; rien n'a été écrit"),
    (r"Neo4j at (?P<p>.+) refused to (?P<de_doing>.+) \((?P<x>[\w.]+)\); nothing was written",
     "Neo4j à {p} a refusé {de_doing} ({x}) ; rien n'a été écrit"),
    (r"the connection to Neo4j at (?P<p>.+) failed while trying to (?P<de_doing>.+) "
     r"\((?P<x>\w+)\): check that the server is running and reachable",
     "la connexion à Neo4j à {p} a échoué en essayant {de_doing} ({x}) : vérifiez que le "
     "serveur tourne et qu'il est joignable"),
    (r"save the snapshot '(?P<n>.*)'", "enregistrer la photo « {n} »"),
    (r"read the snapshot '(?P<n>.*)'", "lire la photo « {n} »"),
    # -- the explorer's server (ecomap.serving, ecomap.cli)
    (r"the explorer \(app\.py\) was not found beside the package at (?P<p>.+); run "
     r"ecomap from a checkout of the project",
     "l'explorateur (app.py) est introuvable à côté du paquet, dans {p} ; lancez ecomap "
     "depuis une copie complète du projet"),
    (r"cannot read the explorer's settings (?P<p>.+): (?P<x>.+)",
     "impossible de lire les réglages de l'explorateur {p} : {x}"),
    (r"cannot read the Streamlit secrets (?P<p>.+): (?P<x>.+); fix the file \(TOML\) or "
     r"move it away",
     "impossible de lire les secrets Streamlit {p} : {x} ; corrigez le fichier (TOML) ou "
     "déplacez-le"),
    (r"--port (?P<n>.+): a port is a number from 1 to 65535, e\.g\. 8501",
     "--port {n} : un port est un nombre de 1 à 65535, par ex. 8501"),
    (r"--host (?P<h>.+): not an address or a name this computer knows; use 127\.0\.0\.1 "
     r"\(this computer only\) or 0\.0\.0\.0 \(every network interface\)",
     "--host {h} : ni une adresse ni un nom que cet ordinateur connaît ; utilisez "
     "127.0.0.1 (cet ordinateur seulement) ou 0.0.0.0 (toutes les interfaces réseau)"),
    (r"port (?P<n>\d+) is already in use on (?P<h>.+) \(another explorer, or another "
     r"program, is listening there\): choose another port with --port, e\.g\. ecomap app "
     r"--port (?P<f>\d+)",
     "le port {n} est déjà pris sur {h} (un autre explorateur, ou un autre programme, y "
     "écoute) : choisissez un autre port avec --port, par ex. ecomap app --port {f}"),
    (r"port (?P<n>\d+) is reserved for the system on this computer: choose a port above "
     r"1023 with --port, e\.g\. --port 8501",
     "le port {n} est réservé au système sur cet ordinateur : choisissez un port "
     "au-dessus de 1023 avec --port, par ex. --port 8501"),
    (r"cannot listen on (?P<h>.+), port (?P<n>\d+) \((?P<x>.*)\): check --host, which must "
     r"be an address of this computer \(127\.0\.0\.1 for this computer only, 0\.0\.0\.0 "
     r"for every network interface\)",
     "impossible d'écouter sur {h}, port {n} ({x}) : vérifiez --host, qui doit être une "
     "adresse de cet ordinateur (127.0.0.1 pour cet ordinateur seulement, 0.0.0.0 pour "
     "toutes les interfaces réseau)"),
    # -- settings (ecomap.settings, ecomap.views.territory)
    (r"(?P<name>[A-Z_]+) is set to '(?P<v>.*)', which ecomap cannot read: expected "
     r"true/false, yes/no, oui/non, vrai/faux, on/off or 1/0",
     "{name} vaut « {v} », qu'ecomap ne sait pas lire : attendu true/false, yes/no, "
     "oui/non, vrai/faux, on/off ou 1/0"),
    (r"(?P<name>[A-Z_]+) is set to '(?P<v>.*)', which ecomap cannot read: expected an "
     r"address starting with https:// \(or http://\) and holding \{z\}, \{x\} and \{y\}, "
     r"or none",
     "{name} vaut « {v} », qu'ecomap ne sait pas lire : attendu une adresse commençant "
     "par https:// (ou http://) et contenant {{z}}, {{x}} et {{y}}, ou none"),
    # -- the committee report (ecomap.views.report)
    (r"a PDF report needs Chromium \(Debian: apt-get install chromium, or run "
     r"scripts/install-browser\); write an \.html report instead, or set ECOMAP_CHROMIUM",
     "un rapport PDF demande Chromium (Debian : apt-get install chromium, ou lancez "
     "scripts/install-browser) ; écrivez plutôt un rapport .html, ou réglez ECOMAP_CHROMIUM"),
    (r"Chromium did not finish printing the PDF in (?P<n>\d+) s",
     "Chromium n'a pas fini d'imprimer le PDF en {n} s"),
    (r"Chromium could not print the PDF: (?P<x>.*)",
     "Chromium n'a pas pu imprimer le PDF : {x}"),
    (r"(?P<p>.+): the report is written as \.html or \.pdf",
     "{p} : le rapport s'écrit en .html ou en .pdf"),
    (r"cannot write the report to (?P<p>.+): (?P<x>.+)",
     "impossible d'écrire le rapport dans {p} : {x}"),
]  # fmt: skip

_COMPILED = [(re.compile(pattern, flags=re.S), french) for pattern, french in _FR]

#: Groups holding another message (or a piece of one) to translate in turn.
_INNER = {"refs", "available", "advice", "problem", "what", "expected", "shown"}


def _refs(text: str) -> str:
    """``actor 'a', relation 'b' and 3 more`` in French."""
    text = re.sub(r" and (\d+) more$", r" et \1 de plus", text)
    return re.sub(
        r"\b(actor|stake|space|relation) '([^']*)'",
        lambda m: f"{_KIND[m.group(1)]} « {m.group(2)} »",
        text,
    )


def _value(name: str, value: str | None) -> str:
    if name == "neo":
        return "la carte sur Neo4j à " if value else "la carte conservée "
    if value is None:
        return ""
    if name in ("refs", "shown"):
        return _refs(value)
    if name in _INNER:
        return in_language(value, "fr")
    if name in ("kind", "kind2"):
        return _KIND.get(value, value)
    if name.startswith("a_kind"):
        return _A_KIND.get(value, value)
    if name == "doing":
        return _DOING.get(value) or in_language(value, "fr")
    if name == "de_doing":
        doing = _value("doing", value)
        return ("d'" if doing[:1] in "aeiouéèêh" else "de ") + doing
    if name == "db":
        if value == "the default database":
            return "la base par défaut"
        return f"« {value[1:-1]} »" if value[:1] == value[-1:] == "'" else value
    if name == "none":
        return " (aucun mot de passe donné)"
    if name == "once":
        return ", ou qui permet de lancer une fois cypher/create_schema.cypher"
    if name == "more":
        return f" et {value} de plus"
    return value


def in_language(message: str, lang: str) -> str:
    """``message`` (one of the library's errors) in ``lang``; unknown ones unchanged.

    >>> in_language("a snapshot needs a name", "fr")
    "une photo a besoin d'un nom"
    >>> in_language("something else entirely", "fr")
    'something else entirely'
    """
    message = str(message)
    if lang != "fr":
        return message
    text = message.strip()
    for pattern, french in _COMPILED:
        match = pattern.fullmatch(text)
        if match:
            values = {k: _value(k, v) for k, v in match.groupdict().items()}
            return french.format(**values)
    return message
