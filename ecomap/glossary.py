"""The indicators in plain words: one dictionary for the explorer, the report and the CLI.

Every indicator the analyses compute has, in French and in English:

- a **plain name** (``name``) an agent understands without training, used as a column
  label or a heading;
- a one-sentence **explanation** (``explain``) that says what it measures and on what
  scale, used as a tooltip;
- the **technical term** (``technical``) and its **reference** (``reference``), for the
  curious and for anyone checking the method.

Entries are keyed by meaning (``bus_factor``, ``betweenness``, ``leverage``…), the keys
being the field names the analyses return where there is one. The explorer's glossary
page, the report's annex and the command line read the same texts through
:func:`entry`, :func:`entries` and :func:`help_text`.

>>> name("bus_factor", "fr")
'départs qui coupent le lien'
>>> technical("betweenness", "fr")
"centralité d'intermédiarité"
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "TERMS",
    "TOPICS",
    "Term",
    "entries",
    "entry",
    "explain",
    "help_text",
    "name",
    "reference",
    "technical",
]


@dataclass(frozen=True)
class Term:
    """One indicator in plain words, per language (``fr`` and ``en``)."""

    key: str
    topic: str
    name: dict[str, str]
    explanation: dict[str, str]
    technical: dict[str, str]
    reference: str = ""


#: The analyses the indicators belong to, in the order the glossary shows them.
TOPICS: dict[str, dict[str, str]] = {
    "fragility": {"fr": "Fragilité des liens", "en": "Fragile links"},
    "power": {"fr": "Rapports de force", "en": "Power relations"},
    "bridges": {"fr": "Passerelles", "en": "Bridges"},
    "stakes": {"fr": "Enjeux et tensions", "en": "Stakes and tensions"},
    "engagement": {"fr": "Engagement", "en": "Engagement"},
    "health": {"fr": "Santé des coopérations (A.C.T.E.R)", "en": "Cooperation health (A.C.T.E.R)"},
    "facilitation": {"fr": "Tiers neutres", "en": "Neutral facilitators"},
    "levels": {"fr": "Niveaux", "en": "Levels"},
    "collection": {"fr": "Collecte participative", "en": "Participatory collection"},
}

_BURT = "Burt, R. S. (1992). Structural Holes. Harvard University Press."
_GOULD = (
    "Gould, R. V., Fernandez, R. M. (1989). Structures of mediation. "
    "Sociological Methodology 19, 89–126."
)
_ACTER = "Grille A.C.T.E.R de la coopération territoriale (s'Accorder, Connaître, Traduire, Évaluer, Répartir)."
_NETMAP = (
    "Schiffer, E., Hauck, J. (2010). Net-Map: collecting social network data and facilitating "
    "network learning through participatory influence network mapping. Field Methods 22(3), "
    "231–249."
)
_MENDELOW = "Mendelow, A. (1991). Stakeholder mapping. Proc. 2nd Int. Conf. on Information Systems."


def _t(
    key: str,
    topic: str,
    name_fr: str,
    name_en: str,
    explain_fr: str,
    explain_en: str,
    technical_fr: str,
    technical_en: str,
    reference: str = "",
) -> Term:
    return Term(
        key,
        topic,
        {"fr": name_fr, "en": name_en},
        {"fr": explain_fr, "en": explain_en},
        {"fr": technical_fr, "en": technical_en},
        reference,
    )


_TERMS = (
    # -- fragility ------------------------------------------------------------------------
    _t(
        "bus_factor", "fragility",
        "départs qui coupent le lien", "departures that end the link",
        "Le nombre minimal de personnes dont le départ ferait disparaître le lien entre "
        "deux structures : 1 veut dire qu'une seule personne le porte, 0 qu'aucune personne "
        "nommée ne le porte.",
        "The smallest number of people whose departure would end the link between two "
        "organisations: 1 means one person carries it, 0 that no named person does.",
        "facteur bus (couverture minimale, théorème de König)",
        "bus factor (minimum vertex cover, König's theorem)",
        "König, D. (1931). Gráfok és mátrixok. Matematikai és Fizikai Lapok 38, 116–119.",
    ),
    _t(
        "instituted", "fragility",
        "lien institué", "instituted link",
        "Oui quand une convention signée ou un dispositif institué commun aux deux structures "
        "protège le lien, quelles que soient les personnes ; non sinon.",
        "Yes when a signed agreement or an instituted space shared by both organisations "
        "protects the link whoever the people are; no otherwise.",
        "institutionnalisation du lien", "institutionalised tie",
    ),
    _t(
        "fragile", "fragility",
        "lien fragile", "fragile link",
        "Oui quand le lien repose sur une seule personne (départs qui coupent le lien = 1) et "
        "qu'il n'est pas institué ; non sinon.",
        "Yes when the link rests on a single person (departures that end it = 1) and is not "
        "instituted; no otherwise.",
        "lien à facteur bus 1 non institué", "non-instituted tie with a bus factor of 1",
    ),
    _t(
        "links_lost", "fragility",
        "liens perdus si elle part", "links lost if they leave",
        "Le nombre de liens entre structures qui disparaîtraient si cette personne partait "
        "seule : 0 ou plus, plus c'est haut plus elle est indispensable.",
        "How many links between organisations would end if this person alone left: 0 or "
        "more, the higher the more indispensable.",
        "personne critique (présente dans tous les liens croisés)",
        "critical person (in every cross tie)",
    ),
    # -- power ----------------------------------------------------------------------------
    _t(
        "influence", "power",
        "influence déclarée", "declared influence",
        "Le pouvoir que les personnes interrogées prêtent à l'acteur, de 0 (aucun) à 5 (très "
        "grand).",
        "The power the people interviewed ascribe to the actor, from 0 (none) to 5 (very "
        "large).",
        "influence perçue (cartographie participative d'influence)",
        "perceived influence (participatory influence mapping)",
    ),
    _t(
        "structural_power", "power",
        "pouvoir tiré des rapports de force", "power from power relations",
        "Le poids de l'acteur dans les rapports de force déclarés, avoir du pouvoir sur des "
        "acteurs puissants comptant davantage : de 0 à 1, 1 pour l'acteur le plus puissant de "
        "la carte.",
        "The actor's weight in the declared power relations, power over powerful actors "
        "counting more: from 0 to 1, 1 for the most powerful actor of the map.",
        "pouvoir structurel (PageRank personnalisé)",
        "structural power (personalised PageRank)",
        "Brin, S., Page, L. (1998). The anatomy of a large-scale hypertextual web search "
        "engine. Computer Networks 30, 107–117.",
    ),
    _t(
        "power_index", "power",
        "indice de pouvoir", "power index",
        "Le pouvoir d'un acteur, de 0 (aucun) à 1 (le plus grand) : le pouvoir tiré des "
        "rapports de force, moyenné avec l'influence déclarée quand elle est renseignée.",
        "An actor's power, from 0 (none) to 1 (the largest): the power from power relations, "
        "averaged with the declared influence when it is given.",
        "indice de pouvoir π", "power index π",
    ),
    _t(
        "net_power", "power",
        "solde des rapports de force", "net power",
        "Les rapports de force du dominant sur le dominé moins ceux du dominé sur le dominant, "
        "chacun compté par son poids (1 à 3) : 0 à l'équilibre, 2 ou plus est un net "
        "déséquilibre.",
        "The power relations of the dominant actor over the dominated one minus those the "
        "other way, each counted by its weight (1 to 3): 0 is balanced, 2 or more a clear "
        "imbalance.",
        "pouvoir net P(D→W) − P(W→D)", "net power P(D→W) − P(W→D)",
    ),
    _t(
        "power_gap", "power",
        "écart de pouvoir", "power gap",
        "La différence d'indice de pouvoir entre le dominant et le dominé, de 0 (égaux) à 1 "
        "(tout l'écart possible).",
        "The difference in power index between the dominant and the dominated actor, from 0 "
        "(equal) to 1 (the widest gap).",
        "écart d'indice π(D) − π(W)", "power index gap π(D) − π(W)",
    ),
    _t(
        "imbalance_score", "power",
        "gravité du déséquilibre", "severity of the imbalance",
        "Le solde des rapports de force plus deux fois l'écart de pouvoir : plus c'est haut, "
        "plus le déséquilibre est marqué (à partir d'environ 1).",
        "The net power plus twice the power gap: the higher, the sharper the imbalance (from "
        "about 1).",
        "score de déséquilibre", "imbalance score",
    ),
    _t(
        "counterweight_score", "power",
        "capacité de contrepoids", "counterweight strength",
        "La somme du levier, de l'alignement et de la proximité, moins la dépendance : au-dessus "
        "de 0 l'acteur peut rééquilibrer la paire, plus c'est haut mieux c'est.",
        "Leverage plus alignment plus closeness, minus dependence: above 0 the actor could "
        "rebalance the pair, the higher the better.",
        "score de contrepoids", "counterweight score",
    ),
    _t(
        "leverage", "power",
        "prise sur le dominant", "leverage over the dominant actor",
        "Ce que l'acteur peut faire peser sur le dominant : son pouvoir sur lui (un tiers par "
        "point de poids) plus son avance d'indice de pouvoir ; 0 = aucune prise, 1 ou plus = "
        "une prise forte.",
        "What the actor can bring to bear on the dominant one: its power over it (a third per "
        "point of weight) plus its lead in power index; 0 = none, 1 or more = strong.",
        "levier", "leverage",
    ),
    _t(
        "alignment", "power",
        "accord avec le dominé", "agreement with the dominated actor",
        "À quel point l'acteur partage les positions du dominé sur les enjeux où dominant et "
        "dominé s'opposent : de −1 (du côté du dominant) à +1 (du côté du dominé), 0 = "
        "neutre.",
        "How far the actor shares the dominated actor's positions on the stakes where the two "
        "differ: from −1 (on the dominant's side) to +1 (on the dominated's side), 0 = "
        "neutral.",
        "alignement", "alignment",
    ),
    _t(
        "ties", "power",
        "proximité du dominé", "closeness to the dominated actor",
        "0,5 si l'acteur coopère avec le dominé ou partage un dispositif avec lui, plus 0,25 "
        "s'il est à deux pas ou moins de lui : de 0 à 0,75.",
        "0.5 if the actor cooperates or shares a space with the dominated actor, plus 0.25 if "
        "it is within two steps of it: from 0 to 0.75.",
        "liens avec le dominé", "ties with the dominated actor",
    ),
    _t(
        "dependence", "power",
        "dépendance envers le dominant", "dependence on the dominant actor",
        "Le pouvoir que le dominant a sur l'acteur, un tiers par point de poids : 0 = "
        "indépendant, 1 ou plus = très dépendant (il aura du mal à s'opposer).",
        "The power the dominant actor holds over this one, a third per point of weight: 0 = "
        "independent, 1 or more = very dependent (it will find it hard to oppose).",
        "dépendance", "dependence",
    ),
    _t(
        "interest", "power",
        "intérêt pour les enjeux", "interest in the stakes",
        "L'importance (1 à 3) que l'acteur donne à l'enjeu qui compte le plus pour lui, "
        "ramenée de 0 à 1 ; 0,5 ou plus est un intérêt fort.",
        "The importance (1 to 3) the actor gives to the stake that matters most to it, scaled "
        "from 0 to 1; 0.5 or more is a strong interest.",
        "intérêt (grille pouvoir–intérêt)", "interest (power–interest grid)",
        _MENDELOW,
    ),
    _t(
        "quadrant", "power",
        "comment l'associer", "how to involve them",
        "La case de la grille pouvoir–intérêt (coupée à 0,5) : associer étroitement, "
        "satisfaire, informer ou surveiller.",
        "The cell of the power–interest grid (split at 0.5): manage closely, keep "
        "satisfied, keep informed or monitor.",
        "quadrant de la grille pouvoir–intérêt", "power–interest grid quadrant",
        _MENDELOW,
    ),
    # -- bridges --------------------------------------------------------------------------
    _t(
        "betweenness", "bridges",
        "position de passerelle", "go-between position",
        "La part des plus courts chemins de coopération entre deux autres acteurs qui passent "
        "par celui-ci : de 0 % (personne ne passe par lui) à 100 % (tout passe par lui).",
        "The share of shortest cooperation paths between two other actors that go through "
        "this one: from 0% (none) to 100% (all of them).",
        "centralité d'intermédiarité", "betweenness centrality",
        "Freeman, L. C. (1977). A set of measures of centrality based on betweenness. "
        "Sociometry 40, 35–41.",
    ),
    _t(
        "articulation_point", "bridges",
        "acteur dont le départ coupe le réseau", "actor whose departure splits the network",
        "Oui quand, sans cet acteur, le réseau de coopération se couperait en morceaux qui ne "
        "se parlent plus ; non sinon.",
        "Yes when, without this actor, the cooperation network would fall into pieces that no "
        "longer reach each other; no otherwise.",
        "point d'articulation", "articulation point (cut-point)",
        "Hopcroft, J., Tarjan, R. (1973). Efficient algorithms for graph manipulation. "
        "Communications of the ACM 16, 372–378.",
    ),
    _t(
        "effective_size", "bridges",
        "partenaires qui ouvrent des portes", "partners who open doors",
        "Le nombre de partenaires de l'acteur qui ne se connaissent pas entre eux : de 0 au "
        "nombre de ses partenaires, plus c'est haut plus il relie des mondes différents.",
        "How many of the actor's partners do not know each other: from 0 to the number of its "
        "partners, the higher the more different worlds it connects.",
        "taille effective (trous structuraux)", "effective size (structural holes)",
        _BURT,
    ),
    _t(
        "constraint", "bridges",
        "enfermement dans un cercle", "closed circle",
        "À quel point les partenaires de l'acteur sont aussi liés entre eux : de 0 (ils ne se "
        "connaissent pas, l'acteur est un passage obligé) à 1 environ (un cercle fermé, ou un "
        "seul partenaire).",
        "How far the actor's partners are also tied to each other: from 0 (they do not know "
        "each other, the actor is the way through) to about 1 (a closed circle, or a single "
        "partner).",
        "contrainte de Burt (trous structuraux)", "Burt's constraint (structural holes)",
        _BURT,
    ),
    _t(
        "structural_holes", "bridges",
        "vides entre partenaires", "gaps between partners",
        "Deux partenaires d'un acteur qui ne se connaissent pas laissent un vide que lui seul "
        "comble ; la taille effective les compte, l'enfermement mesure leur absence.",
        "Two partners of an actor who do not know each other leave a gap only the actor "
        "fills; partners who open doors count them, the closed circle measures their absence.",
        "trous structuraux", "structural holes",
        _BURT,
    ),
    _t(
        "brokerage", "bridges",
        "mises en relation", "introductions brokered",
        "Le nombre de paires de partenaires non liés entre eux que l'acteur relie (chemins A–"
        "acteur–C où A et C ne coopèrent pas) : 0 ou plus.",
        "How many pairs of unconnected partners the actor links (paths A–actor–C where A and "
        "C do not cooperate): 0 or more.",
        "courtage (chemins ouverts)", "brokerage (open paths)",
        _GOULD,
    ),
    _t(
        "coordinator", "bridges",
        "relais interne", "internal relay",
        "Mises en relation où l'acteur et les deux partenaires sont du même groupe : 0 ou plus.",
        "Introductions where the actor and both partners are in the same group: 0 or more.",
        "coordinateur (rôle de courtage)", "coordinator (brokerage role)",
        _GOULD,
    ),
    _t(
        "consultant", "bridges",
        "appui extérieur", "outside adviser",
        "Mises en relation de deux partenaires d'un même groupe par un acteur d'un autre "
        "groupe : 0 ou plus.",
        "Introductions of two partners of one group by an actor of another group: 0 or more.",
        "consultant (rôle de courtage)", "consultant (brokerage role)",
        _GOULD,
    ),
    _t(
        "gatekeeper_representative", "bridges",
        "porte d'entrée ou porte-parole", "gatekeeper or spokesperson",
        "Mises en relation où l'acteur partage son groupe avec un seul des deux partenaires : "
        "il fait entrer ou il représente son groupe ; 0 ou plus.",
        "Introductions where the actor shares its group with only one of the two partners: it "
        "lets others in or speaks for its group; 0 or more.",
        "gardien ou représentant (rôle de courtage)",
        "gatekeeper or representative (brokerage role)",
        _GOULD,
    ),
    _t(
        "liaison", "bridges",
        "trait d'union entre groupes", "link between groups",
        "Mises en relation où l'acteur et les deux partenaires sont de trois groupes "
        "différents : 0 ou plus.",
        "Introductions where the actor and both partners are in three different groups: 0 or "
        "more.",
        "agent de liaison (rôle de courtage)", "liaison (brokerage role)",
        _GOULD,
    ),
    _t(
        "community", "bridges",
        "groupe de coopération", "cooperation group",
        "Le groupe d'acteurs qui coopèrent beaucoup entre eux et moins avec les autres, trouvé "
        "à partir des liens de coopération (numéroté à partir de 1).",
        "The group of actors who cooperate much among themselves and less with others, found "
        "from the cooperation ties (numbered from 1).",
        "communauté (algorithme de Leiden ou de Louvain)",
        "community (Leiden or Louvain algorithm)",
        "Traag, V. A., Waltman, L., van Eck, N. J. (2019). From Louvain to Leiden. "
        "Scientific Reports 9, 5233.",
    ),
    _t(
        "participation", "bridges",
        "ouverture hors de son groupe", "openness beyond its group",
        "Comment les coopérations de l'acteur se répartissent entre les groupes : 0 si toutes "
        "restent dans son groupe, proche de 1 si elles sont réparties sur de nombreux groupes.",
        "How the actor's cooperations spread over the groups: 0 when all stay in its own "
        "group, close to 1 when they spread over many groups.",
        "coefficient de participation", "participation coefficient",
        "Guimerà, R., Amaral, L. A. N. (2005). Functional cartography of complex metabolic "
        "networks. Nature 433, 895–900.",
    ),
    _t(
        "levels_bridged", "bridges",
        "autres niveaux atteints", "other levels reached",
        "Les niveaux (micro, méso, macro) de ses partenaires de coopération autres que le "
        "sien : de 0 à 2 niveaux.",
        "The levels (micro, meso, macro) of its cooperation partners other than its own: from "
        "0 to 2 levels.",
        "niveaux reliés", "levels bridged",
    ),
    # -- stakes ---------------------------------------------------------------------------
    _t(
        "stance", "stakes",
        "position sur l'enjeu", "stance on the stake",
        "Ce que l'acteur pense de l'enjeu, de −2 (très opposé) à +2 (très favorable), 0 = "
        "neutre.",
        "What the actor thinks of the stake, from −2 (strongly against) to +2 (strongly for), "
        "0 = neutral.",
        "position", "stance",
    ),
    _t(
        "balance", "stakes",
        "rapport des forces sur l'enjeu", "balance of forces on the stake",
        "La somme des positions (−2 à +2) pondérées par l'indice de pouvoir de chaque acteur : "
        "au-dessus de 0 les partisans pèsent plus, en dessous les opposants.",
        "The sum of the stances (−2 to +2) weighted by each actor's power index: above 0 the "
        "supporters weigh more, below 0 the opponents.",
        "équilibre pondéré Σ position × π", "power-weighted balance Σ stance × π",
    ),
    _t(
        "contested", "stakes",
        "enjeu disputé", "contested stake",
        "Oui quand l'enjeu a à la fois des partisans et des opposants ; non sinon.",
        "Yes when the stake has both supporters and opponents; no otherwise.",
        "enjeu contesté", "contested stake",
    ),
    _t(
        "latent_tension", "stakes",
        "désaccord qui couve", "brewing disagreement",
        "Deux acteurs aux positions opposées sur un enjeu important pour les deux, sans tension "
        "déclarée ; le score, 0 ou plus, monte avec l'importance et l'écart des positions.",
        "Two actors with opposite stances on a stake important to both, with no recorded "
        "tension; the score, 0 or more, grows with importance and the gap between stances.",
        "tension latente", "latent tension",
    ),
    _t(
        "untapped_cooperation", "stakes",
        "coopération à proposer", "cooperation to suggest",
        "Deux acteurs du même côté d'un enjeu (ou d'enjeux complémentaires) qui ne coopèrent "
        "pas encore ; le score, 0 ou plus, monte avec l'importance qu'ils donnent aux enjeux.",
        "Two actors on the same side of a stake (or of complementary stakes) who do not "
        "cooperate yet; the score, 0 or more, grows with the importance they give the stakes.",
        "coopération inexploitée (intérêts partagés ou croisés)",
        "untapped cooperation (shared or crossed interests)",
    ),
    _t(
        "latent_score", "stakes",
        "force du désaccord qui couve", "strength of the brewing disagreement",
        "L'importance que chacun donne à l'enjeu, multipliées entre elles puis par l'écart de "
        "leurs positions : 0 ou plus, jusqu'à 36 pour deux acteurs aux antipodes sur un enjeu "
        "capital pour les deux.",
        "The importance each gives the stake, multiplied together and by the gap between their "
        "stances: 0 or more, up to 36 for two actors at opposite ends of a stake vital to both.",
        "score de tension latente", "latent tension score",
    ),
    _t(
        "untapped_score", "stakes",
        "intérêt à coopérer", "reason to cooperate",
        "Pour chaque enjeu partagé, l'importance que chacun lui donne multipliées entre elles "
        "et par la plus faible des deux positions, additionnées : 0 ou plus, plus c'est haut "
        "plus la coopération a de raisons d'être.",
        "For each shared stake, the importance each gives it multiplied together and by the "
        "weaker of the two stances, added up: 0 or more, the higher the more reason to "
        "cooperate.",
        "score de coopération inexploitée", "untapped cooperation score",
    ),
    _t(
        "intensity", "stakes",
        "intensité de la tension", "intensity of the tension",
        "La force du désaccord déclaré, de 1 (léger) à 3 (fort).",
        "The strength of the recorded disagreement, from 1 (mild) to 3 (strong).",
        "poids de la tension", "tension weight",
    ),
    # -- engagement -----------------------------------------------------------------------
    _t(
        "engagement", "engagement",
        "engagement", "engagement",
        "Moteur (entraîne les autres), contributeur (apporte quand on le sollicite), suiveur "
        "(suit sans initiative) ou éloigné (se tient à l'écart).",
        "Driver (leads others), contributor (brings in when asked), follower (follows without "
        "initiative) or distant (keeps away).",
        "degré d'engagement", "engagement level",
    ),
    _t(
        "load", "engagement",
        "charge d'un moteur", "a driver's load",
        "Ses coopérations plus ses réunions par mois dans les dispositifs qu'il fréquente : "
        "au-dessus de 11 (un engagement tous les deux jours ouvrés), il risque l'épuisement.",
        "Its cooperations plus its meetings a month in the spaces it attends: above 11 (one "
        "commitment every other working day) it risks burning out.",
        "charge (seuil de surcharge)", "load (overload threshold)",
    ),
    _t(
        "drifting_follower", "engagement",
        "suiveur qui s'éloigne", "follower drifting away",
        "Un suiveur sans moteur à deux pas ou moins (coopération ou appartenance) : personne "
        "n'est là pour le garder impliqué.",
        "A follower with no driver within two steps (cooperation or membership): nobody is "
        "there to keep them involved.",
        "suiveur à risque de désengagement", "follower at risk of disengagement",
    ),
    _t(
        "distance", "engagement",
        "pas jusqu'au moteur le plus proche", "steps to the nearest driver",
        "Le nombre de liens (coopération ou appartenance) à franchir pour atteindre un moteur : "
        "1 = directement lié, au-delà de 2 le suiveur s'éloigne.",
        "How many ties (cooperation or membership) lead to a driver: 1 = directly tied, beyond "
        "2 the follower is drifting away.",
        "distance au plus proche moteur", "distance to the nearest driver",
    ),
    # -- health (A.C.T.E.R) ---------------------------------------------------------------
    _t(
        "acter_agree", "health",
        "A · s'accorder", "A · agree",
        "Les partenaires se sont-ils accordés sur une intention commune ? De 0 (pas du tout) à "
        "3 (pleinement).",
        "Have the partners agreed on a shared intention? From 0 (not at all) to 3 (fully).",
        "clé A (s'Accorder) de la grille A.C.T.E.R", "key A (Agree) of the A.C.T.E.R grid",
        _ACTER,
    ),
    _t(
        "acter_know", "health",
        "C · se connaître", "C · know each other",
        "Chacun connaît-il le métier, les contraintes et les ressources de l'autre ? De 0 (pas "
        "du tout) à 3 (pleinement).",
        "Does each know the other's work, constraints and resources? From 0 (not at all) to 3 "
        "(fully).",
        "clé C (Connaître) de la grille A.C.T.E.R", "key C (Know) of the A.C.T.E.R grid",
        _ACTER,
    ),
    _t(
        "acter_trust", "health",
        "T · se faire confiance", "T · trust",
        "Les partenaires se font-ils confiance ? De 0 (pas du tout) à 3 (pleinement).",
        "Do the partners trust each other? From 0 (not at all) to 3 (fully).",
        "clé T (confiance) de la grille A.C.T.E.R", "key T (Trust) of the A.C.T.E.R grid",
        _ACTER,
    ),
    _t(
        "acter_translate", "health",
        "T · traduire en règles", "T · translate into rules",
        "Ce qu'ils ont appris ensemble est-il devenu des règles et des façons de faire "
        "communes ? De 0 (pas du tout) à 3 (pleinement).",
        "Has what they learnt together become shared rules and ways of working? From 0 (not "
        "at all) to 3 (fully).",
        "clé T (Traduire) de la grille A.C.T.E.R", "key T (Translate) of the A.C.T.E.R grid",
        _ACTER,
    ),
    _t(
        "acter_evaluate", "health",
        "E · évaluer", "E · evaluate",
        "La valeur créée ensemble est-elle mesurée et discutée ? De 0 (pas du tout) à 3 "
        "(pleinement).",
        "Is the value created together measured and discussed? From 0 (not at all) to 3 "
        "(fully).",
        "clé E (Évaluer) de la grille A.C.T.E.R", "key E (Evaluate) of the A.C.T.E.R grid",
        _ACTER,
    ),
    _t(
        "acter_share", "health",
        "R · répartir", "R · share out",
        "La valeur créée est-elle répartie équitablement entre partenaires ? De 0 (pas du "
        "tout) à 3 (pleinement).",
        "Is the value created shared fairly between the partners? From 0 (not at all) to 3 "
        "(fully).",
        "clé R (Répartir) de la grille A.C.T.E.R", "key R (share, Répartir) of the A.C.T.E.R grid",
        _ACTER,
    ),
    _t(
        "acter_mean", "health",
        "note moyenne", "mean score",
        "La moyenne des clés notées de la coopération, de 0 (à construire) à 3 (solide).",
        "The mean of the cooperation's scored keys, from 0 (to be built) to 3 (solid).",
        "moyenne A.C.T.E.R", "A.C.T.E.R mean",
        _ACTER,
    ),
    _t(
        "weakest_key", "health",
        "clé la plus faible", "weakest key",
        "La clé la moins bien notée : c'est là qu'il faut travailler en premier.",
        "The key with the lowest score: where to work first.",
        "clé limitante A.C.T.E.R", "limiting A.C.T.E.R key",
        _ACTER,
    ),
    _t(
        "instituted_space", "health",
        "dispositif institué", "instituted space",
        "Oui quand les partenaires se retrouvent dans un dispositif reconnu et formel (comité "
        "de pilotage, convention…) ; non sinon.",
        "Yes when the partners meet in a formal, recognised space (steering committee, "
        "agreement…); no otherwise.",
        "dispositif institué", "instituted space",
    ),
    # -- facilitation ---------------------------------------------------------------------
    _t(
        "neutral_third", "facilitation",
        "tiers neutre", "neutral third party",
        "Un acteur qui n'est ni partie, ni membre d'une partie, et sans rapport de force avec "
        "elles ; classé selon le nombre de parties avec qui il coopère déjà (0 ou plus).",
        "An actor that is not a party nor a member of one, with no power relation with them; "
        "ranked by how many parties it already cooperates with (0 or more).",
        "tercéisation", "neutral facilitation",
    ),
    _t(
        "space_flagged", "facilitation",
        "dispositif à revoir", "space to review",
        "Oui quand l'animateur d'un dispositif appartient à l'une des structures participantes, "
        "ou qu'une seule structure le fréquente ou l'anime ; non sinon.",
        "Yes when a space's facilitator belongs to one of the participating organisations, or "
        "only one organisation attends or runs it; no otherwise.",
        "audit de neutralité des dispositifs", "neutrality audit of spaces",
    ),
    # -- levels ---------------------------------------------------------------------------
    _t(
        "level", "levels",
        "niveau", "level",
        "Micro (les personnes), méso (les structures) ou macro (les institutions).",
        "Micro (people), meso (organisations) or macro (institutions).",
        "niveau micro / méso / macro", "micro / meso / macro level",
    ),
    _t(
        "strength", "levels",
        "force totale", "total strength",
        "La somme des poids (1 à 3) des liens regroupés entre deux structures ou deux niveaux : "
        "1 ou plus.",
        "The sum of the weights (1 to 3) of the ties folded between two organisations or two "
        "levels: 1 or more.",
        "force agrégée", "aggregated strength",
    ),
    # -- participatory collection (DESIGN §6) ---------------------------------------------
    _t(
        "tie_reciprocated", "collection",
        "réciproque", "reciprocated",
        "Les deux acteurs ont déclaré ce lien, et de la même façon : même nature (coopération "
        "ou tension) et des forces qui diffèrent de 1 au plus.",
        "Both actors declared this tie, and in the same way: the same nature (cooperation or "
        "tension) and strengths no more than 1 apart.",
        "lien réciproque (déclaration croisée)", "reciprocated tie (cross-declared)",
        _NETMAP,
    ),
    _t(
        "tie_one_sided", "collection",
        "déclaré d'un seul côté", "one-sided",
        "Un seul des deux acteurs a déclaré ce lien : l'autre n'a pas encore répondu, ou ne "
        "l'a pas mentionné.",
        "Only one of the two actors declared this tie: the other has not answered yet, or did "
        "not mention it.",
        "lien non réciproque", "unreciprocated tie",
        _NETMAP,
    ),
    _t(
        "tie_contested", "collection",
        "contesté", "contested",
        "Les deux acteurs ont déclaré ce lien mais ne sont pas d'accord : leurs forces diffèrent "
        "de 2, ou l'un parle de coopération et l'autre de tension.",
        "Both actors declared this tie but disagree: their strengths are 2 apart, or one speaks "
        "of cooperation and the other of tension.",
        "lien contesté (déclarations discordantes)", "contested tie (discordant reports)",
        _NETMAP,
    ),
)  # fmt: skip

#: Every indicator, keyed by meaning, in the glossary's order.
TERMS: dict[str, Term] = {term.key: term for term in _TERMS}


def entry(key: str) -> Term:
    """The indicator ``key``; a clear :class:`KeyError` for an unknown one.

    >>> entry("leverage").topic
    'power'
    """
    try:
        return TERMS[key]
    except KeyError:
        raise KeyError(f"no glossary entry {key!r}; known: {', '.join(TERMS)}") from None


def _in(texts: dict[str, str], lang: str) -> str:
    return texts.get(lang) or texts["en"]


def name(key: str, lang: str = "en") -> str:
    """The plain name of ``key``, for a column label or a heading."""
    return _in(entry(key).name, lang)


def explain(key: str, lang: str = "en") -> str:
    """One sentence: what ``key`` measures and on what scale."""
    return _in(entry(key).explanation, lang)


def technical(key: str, lang: str = "en") -> str:
    """The technical term of ``key``, as the literature names it."""
    return _in(entry(key).technical, lang)


def reference(key: str) -> str:
    """The reference of ``key``'s method, or ``""`` when it is the project's own."""
    return entry(key).reference


def help_text(key: str, lang: str = "en") -> str:
    """A tooltip: the explanation, then the technical term (and its reference).

    >>> help_text("dependence", "en").endswith("Technical term: dependence.")
    True
    >>> help_text("constraint", "fr").split(" — ")[1]
    'Burt, R. S. (1992). Structural Holes. Harvard University Press.'
    """
    term = entry(key)
    tail = (
        f"Terme technique : {technical(key, lang)}"
        if lang == "fr"
        else f"Technical term: {technical(key, lang)}"
    )
    if term.reference:
        tail += f" — {term.reference.rstrip('.')}"
    return f"{explain(key, lang)} {tail}."


def entries(lang: str = "en", topic: str | None = None) -> list[dict[str, str]]:
    """Every indicator (or those of ``topic``) as rows: topic, name, explanation, term, reference.

    >>> rows = entries("fr", "bridges")
    >>> rows[0]["name"], rows[0]["topic"]
    ('position de passerelle', 'Passerelles')
    """
    return [
        {
            "key": term.key,
            "topic": _in(TOPICS[term.topic], lang),
            "name": _in(term.name, lang),
            "explanation": _in(term.explanation, lang),
            "technical": _in(term.technical, lang),
            "reference": term.reference,
        }
        for term in _TERMS
        if topic is None or term.topic == topic
    ]
