"""Relation identities computed column by column are those computed one by one."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from ecomap.model import RelationType, relation_key, relation_keys

_IDS = st.sampled_from(["a", "b", "B", "é", 'q"uote', "back\\slash", "", "z\u2028", "\ud800"])
_RELATION = st.tuples(
    st.sampled_from(list(RelationType)),
    _IDS | st.text(max_size=3),
    _IDS | st.text(max_size=3),
    st.none() | _IDS,
    st.none() | _IDS,
)


@given(st.lists(_RELATION, max_size=30))
@settings(max_examples=300)
def test_relation_keys_are_each_relation_key(relations):
    columns = [list(column) for column in zip(*relations, strict=True)] or [[]] * 5
    expected = [relation_key(t, s, g, stake, rid) for t, s, g, stake, rid in relations]
    assert relation_keys(*columns) == expected


def test_relation_keys_sort_undirected_ends_and_keep_a_tensions_stake():
    keys = relation_keys(
        [RelationType.COOPERATES, RelationType.MEMBER_OF, RelationType.TENSION],
        ["b", "b", "y"],
        ["a", "a", "x"],
        [None, None, "s1"],
        [None, None, None],
    )
    assert keys == [
        '["cooperates", "a", "b"]',
        '["member_of", "b", "a"]',
        '["tension", "x", "y", "s1"]',
    ]
