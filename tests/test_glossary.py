"""The indicators' plain words: one dictionary, complete in French and English."""

import pytest

from ecomap import glossary


@pytest.mark.parametrize("key", list(glossary.TERMS))
def test_every_term_is_complete_in_both_languages(key):
    term = glossary.entry(key)
    assert term.topic in glossary.TOPICS
    for lang in ("fr", "en"):
        assert glossary.name(key, lang).strip()
        assert glossary.technical(key, lang).strip()
        sentence = glossary.explain(key, lang)
        # One sentence, ending with a full stop.
        assert sentence.endswith("."), sentence
        assert sentence[0].isupper() or sentence[0].isdigit(), sentence


def test_french_names_are_not_the_english_jargon():
    names = {glossary.name(k, "fr") for k in glossary.TERMS}
    for jargon in ("bus factor", "betweenness", "constraint", "effective size", "leverage"):
        assert jargon not in names


def test_the_scale_is_said_for_the_numeric_indicators():
    for key in ("bus_factor", "betweenness", "constraint", "effective_size", "power_index",
                "structural_power", "leverage", "alignment", "dependence", "participation",
                "load", "acter_trust"):  # fmt: skip
        fr, en = glossary.explain(key, "fr"), glossary.explain(key, "en")
        assert any(c.isdigit() for c in fr) and any(c.isdigit() for c in en), key


def test_help_text_puts_the_technical_term_and_reference_beside_the_plain_words():
    text = glossary.help_text("betweenness", "fr")
    assert text.startswith(glossary.explain("betweenness", "fr"))
    assert "Terme technique : centralité d'intermédiarité" in text
    assert "Freeman" in text


def test_entries_by_topic_keep_the_dictionary_order():
    rows = glossary.entries("fr", "fragility")
    assert [r["key"] for r in rows] == [
        k for k, t in glossary.TERMS.items() if t.topic == "fragility"
    ]
    assert {r["topic"] for r in rows} == {"Fragilité des liens"}


def test_an_unknown_key_names_the_known_ones():
    with pytest.raises(KeyError, match="bus_factor"):
        glossary.entry("nope")
