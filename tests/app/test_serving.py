"""The explorer served to a network without sign-in, by choice (``ecomap app --host …
--no-sign-in``, which sets ``ECOMAP_UNPROTECTED``): every page says so."""

from __future__ import annotations

import pytest
from app_helpers import APP, open_page

from ecomap.serving import UNPROTECTED_ENV
from ecomap.ui_text import TEXT


@pytest.fixture
def started(store_path, monkeypatch):
    def start(unprotected: bool):
        from streamlit.testing.v1 import AppTest

        if unprotected:
            monkeypatch.setenv(UNPROTECTED_ENV, "1")
        else:
            monkeypatch.delenv(UNPROTECTED_ENV, raising=False)
        at = AppTest.from_file(APP, default_timeout=90)
        return at.run()

    return start


def test_every_page_warns_when_served_without_sign_in(started):
    at = started(unprotected=True)
    for page in ("map", "actors", "history", "review"):
        at = open_page(at, page)
        assert not at.exception
        assert [w.value for w in at.warning][:1] == [TEXT["fr"]["unprotected_banner"]], page
    at.radio(key="lang").set_value("en").run()
    assert at.warning[0].value == TEXT["en"]["unprotected_banner"]


def test_no_warning_on_this_computer_only(started):
    at = started(unprotected=False)
    banners = {TEXT[lang]["unprotected_banner"] for lang in ("fr", "en")}
    assert not banners & {w.value for w in at.warning}
