"""Connexion: who may enter a shared explorer, decided before anything of the map is drawn.

- no ``[auth]`` in the secrets: one person on their own computer, who may do everything;
- a sign-in configuration with something to fix: one page saying what, nothing else;
- not signed in: a sign-in page (French, English on demand) through Streamlit's own
  ``st.login`` with the configured OpenID Connect provider;
- signed in without a role: a page asking to see the map's admin, and sign-out;
- signed in with a role: the explorer, with the rights of that role
  (:mod:`ecomap.access`).
"""

from __future__ import annotations

import streamlit as st

from app_pages import common
from ecomap.access import (
    SINGLE_USER,
    Access,
    ConfigProblem,
    access_for,
    auth_problems,
    metadata_problem,
    roles_config,
)
from ecomap.i18n import say

TEXT = {
    "fr": {
        "title": "Connexion",
        "intro": "Cette carte du territoire est partagée et contient des informations "
        "sensibles sur des personnes et des organisations. Connectez-vous avec votre compte "
        "professionnel pour la consulter.",
        "sign_in": "Se connecter",
        "sign_in_with": "Se connecter avec {provider}",
        "rights": "Ce que vous pourrez faire (consulter, modifier, administrer) dépend du rôle "
        "que l'administrateur de la carte vous a attribué.",
        "language": "Langue · Language",
        "refused_title": "Accès non accordé",
        "refused": "Vous êtes connecté·e en tant que **{email}**, mais aucun rôle ne vous est "
        "attribué sur cette carte.",
        "refused_no_email": "Vous êtes connecté·e, mais votre fournisseur d'identité n'a pas "
        "transmis d'adresse e-mail vérifiée : aucun rôle ne peut vous être attribué.",
        "refused_how": "Demandez l'accès à l'administrateur de la carte en lui indiquant "
        "votre adresse e-mail ; il vous attribuera un rôle (lecteur, éditeur ou administrateur).",
        "sign_out": "Se déconnecter",
        "signed_in_as": "Connecté·e : {email} · {role}",
        "config_title": "La connexion n'est pas correctement configurée",
        "config_intro": "L'explorateur ne peut pas démarrer tant que la configuration de la "
        "connexion n'est pas corrigée. À corriger dans le fichier `.streamlit/secrets.toml` "
        "du serveur :",
        "config_after": "Après correction, rechargez cette page. Le README (section "
        "« Sign-in ») donne un exemple complet pour Keycloak, Microsoft Entra, Google et "
        "ProConnect. Pour travailler seul sur votre ordinateur, sans connexion, retirez la "
        "section `[auth]`.",
        "missing": "manquant ou vide",
        "bad_redirect": "doit être l'adresse de l'explorateur suivie de /oauth2callback "
        "(par exemple http://localhost:8501/oauth2callback)",
        "bad_url": "doit être une adresse http(s) vers le document de découverte OpenID Connect "
        "du fournisseur (…/.well-known/openid-configuration)",
        "unreachable": "le fournisseur d'identité ne répond pas à cette adresse : vérifiez "
        "l'adresse, ou que le fournisseur est joignable depuis le serveur",
        "not_oidc": "cette adresse répond, mais pas par un document de découverte OpenID "
        "Connect (…/.well-known/openid-configuration)",
        "unknown_key": "clé inconnue (attendues : admins, editors, viewers, names, group_claim)",
        "not_a_list": "doit être une liste, par exemple [\"@agglo-exemple.fr\"]",
        "not_text": "doit être un texte non vide",
        "bad_entry": "entrée non reconnue : attendu une adresse e-mail, @domaine ou group:NOM",
        "refusal_title": "Accès refusé",
        "refusal": "Votre rôle ({role}) permet de consulter la carte, pas de la modifier, "
        "d'en importer ou d'en exporter les données, ni d'en voir l'historique. Demandez le rôle "
        "d'éditeur à l'administrateur de la carte.",
        "back_to_map": "Retour à la carte",
        "role_notice": "Votre rôle ({role}) permet de consulter la carte, pas de la modifier.",
        "viewer": "lecteur", "editor": "éditeur", "admin": "administrateur",
    },
    "en": {
        "title": "Sign in",
        "intro": "This map of the territory is shared and holds sensitive information about "
        "people and organisations. Sign in with your work account to see it.",
        "sign_in": "Sign in",
        "sign_in_with": "Sign in with {provider}",
        "rights": "What you may do (read, edit, administer) depends on the role the map's "
        "admin gave you.",
        "language": "Langue · Language",
        "refused_title": "No access granted",
        "refused": "You are signed in as **{email}**, but you hold no role on this map.",
        "refused_no_email": "You are signed in, but your identity provider sent no verified "
        "email address: no role can be given to you.",
        "refused_how": "Ask the map's admin for access, giving them your email address; they "
        "will give you a role (viewer, editor or admin).",
        "sign_out": "Sign out",
        "signed_in_as": "Signed in: {email} · {role}",
        "config_title": "Sign-in is not configured correctly",
        "config_intro": "The explorer cannot start until the sign-in configuration is fixed. "
        "To fix in the server's `.streamlit/secrets.toml` file:",
        "config_after": "Once fixed, reload this page. The README (section \"Sign-in\") has a "
        "complete example for Keycloak, Microsoft Entra, Google and ProConnect. To work alone "
        "on your own computer without sign-in, remove the `[auth]` section.",
        "missing": "missing or empty",
        "bad_redirect": "must be the explorer's address followed by /oauth2callback "
        "(e.g. http://localhost:8501/oauth2callback)",
        "bad_url": "must be an http(s) address of the provider's OpenID Connect discovery "
        "document (…/.well-known/openid-configuration)",
        "unreachable": "the identity provider does not answer at this address: check the "
        "address, or that the provider can be reached from the server",
        "not_oidc": "this address answers, but not with an OpenID Connect discovery document "
        "(…/.well-known/openid-configuration)",
        "unknown_key": "unknown key (expected: admins, editors, viewers, names, group_claim)",
        "not_a_list": "must be a list, e.g. [\"@agglo-exemple.fr\"]",
        "not_text": "must be a non-empty text",
        "bad_entry": "entry not understood: expected an email address, @domain or group:NAME",
        "refusal_title": "Access refused",
        "refusal": "Your role ({role}) lets you read the map, not change it, import or export "
        "its data, or see its history. Ask the map's admin for the editor role.",
        "back_to_map": "Back to the map",
        "role_notice": "Your role ({role}) lets you read the map, not change it.",
        "viewer": "viewer", "editor": "editor", "admin": "admin",
    },
}  # fmt: skip


def w(key: str, **values) -> str:
    return say(TEXT, key, common.lang(), **values)


def role_name(access: Access) -> str:
    return w(access.role.name.lower()) if access.role else "—"


@st.cache_data(ttl=300, max_entries=8, show_spinner=False)
def _metadata_problem(where: str, url: str) -> ConfigProblem | None:
    return metadata_problem(where, url)


def configuration_problems(auth, roles) -> tuple[list[ConfigProblem], list[str]]:
    """Everything to fix in the secrets, checked before ``st.login`` is ever called."""
    problems, providers = auth_problems(auth)
    checked = {p.where for p in problems}
    for name in providers:  # every provider address that is written right is tried
        where = f"[auth.{name}]" if name else "[auth]"
        if f"{where} server_metadata_url" in checked:
            continue
        url = str((auth[name] if name else auth)["server_metadata_url"]).strip()
        found = _metadata_problem(where, url)
        if found:
            problems.append(found)
    return problems + list(roles.problems), providers


def _language_choice() -> None:
    st.radio(w("language"), ["fr", "en"], key="lang", horizontal=True,
             format_func={"fr": "Français", "en": "English"}.get)  # fmt: skip


def _code(value: str) -> str:
    """A value shown inside a Markdown code span (which escapes nothing but backticks)."""
    return value.replace("`", "'").replace("\n", " ")


def _config_page(problems: list[ConfigProblem]) -> None:
    st.title(w("config_title"))
    lines = "\n".join(
        f"- `{p.where}` : {w(p.code)}" + (f" — `{_code(p.detail)}`" if p.detail else "")
        for p in problems
    )
    st.error(f"{w('config_intro')}\n\n{lines}", icon=":material/settings_alert:")
    st.info(w("config_after"), icon=":material/help:")


def _signin_page(providers: list[str]) -> None:
    _language_choice()
    st.title(w("title"))
    st.write(w("intro"))
    for name in providers:
        shown = w("sign_in_with", provider=name.capitalize()) if name else w("sign_in")
        if st.button(shown, key=f"signin:{name or 'default'}", type="primary",
                     icon=":material/login:"):  # fmt: skip
            if name:
                st.login(name)
            else:
                st.login()
    st.caption(w("rights"))


def _refused_page(access: Access) -> None:
    _language_choice()
    st.title(w("refused_title"))
    if access.email:
        st.warning(w("refused", email=common.plain(access.email)), icon=":material/block:")
    else:
        st.warning(w("refused_no_email"), icon=":material/block:")
    st.write(w("refused_how"))
    if st.button(w("sign_out"), key="signout:refused", icon=":material/logout:"):
        st.logout()


def gate() -> Access:
    """Who is using the explorer; draws the right page and stops the run when it is not
    someone with a role (or when sign-in is configured wrongly)."""
    auth = common.secrets_section("auth")
    if not auth:
        return SINGLE_USER
    roles = roles_config(common.secrets_section("ecomap").get("roles"))
    problems, providers = configuration_problems(auth, roles)
    if problems:
        _config_page(problems)
        st.stop()
    if not st.user.is_logged_in:
        _signin_page(providers)
        st.stop()
    access = access_for(roles, st.user.to_dict())
    if access.role is None:
        _refused_page(access)
        st.stop()
    return access


def signed_in_box(access: Access) -> None:
    """In the sidebar: who is signed in, with which role, and sign-out."""
    if access.email is None:
        return
    st.caption(w("signed_in_as", email=common.plain(access.email), role=role_name(access)))
    if st.button(w("sign_out"), key="signout", icon=":material/logout:"):
        st.logout()


def role_notice() -> str:
    """What a page says to someone whose role does not edit."""
    return w("role_notice", role=role_name(common.access()))


def refusal() -> None:
    """The page a viewer gets at the address of a page their role does not open."""
    st.title(w("refusal_title"))
    st.error(w("refusal", role=role_name(common.access())), icon=":material/block:")
    st.page_link(common.MAP_PAGE, label=w("back_to_map"), icon=":material/hub:")
