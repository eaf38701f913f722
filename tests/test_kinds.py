"""Each kind of record and each data file is declared once (handbook/kinds/records.py); the shapes, the files
read, the reserved ids, the JSON Schemas and the recent-changes page's labels follow the declaration."""

from __future__ import annotations

import re

from handbook.data import shapes
from handbook.data.load import FILES, OPTIONAL
from handbook.data.spec import Choice, Field, ListOf, MapOf, Record, Text
from handbook.kinds import names, records
from handbook.kinds.vocabularies import BASIS_NAMES, DIRECTION_NAMES
from handbook.outputs import schemafiles
from handbook.history import changes


def walk(spec, found: dict[str, Record]) -> dict[str, Record]:
    spec = spec.spec if isinstance(spec, Field) else spec
    if isinstance(spec, Record):
        found.setdefault(spec.name, spec)
        for sub in spec.fields.values():
            walk(sub, found)
    elif isinstance(spec, (ListOf, MapOf)):
        walk(spec.item if isinstance(spec, ListOf) else spec.value, found)
    return found


SHAPES = walk(Record("all", {key: Field(spec, "", "") for key, spec in shapes.FILES.items()}), {})


def test_every_record_with_an_id_is_a_declared_kind_and_every_kind_has_a_shape():
    with_ids = {name for name, spec in SHAPES.items() if "id" in spec.fields or name == records.PATH.name}
    assert with_ids == set(records.KINDS)


def test_the_files_read_are_the_declared_files_in_order():
    assert list(FILES) == list(shapes.FILES) == list(records.FILES)
    assert OPTIONAL == {k: f.optional for k, f in records.FILES.items() if f.optional is not None}
    assert [path.name for path in schemafiles.texts()] == [f"{key}.schema.json" for key in records.FILES]


def test_ids_follow_the_one_pattern_and_keep_clear_of_the_sites_names():
    for name, spec in SHAPES.items():
        ident = spec.fields.get("id")
        if ident is not None:
            assert ident.spec.pattern == f"^{records.ID}$", name
            kind = records.KINDS[name]
            assert ident.spec.reserved == names.RESERVED.get(kind.name, frozenset()), name
    assert all(re.fullmatch(records.ID, word) for words in names.RESERVED.values() for word in words)
    for kind in records.KINDS.values():  # a kind with pages of its own reserves the folders' fixed pages
        for folder in kind.folders:
            assert all(page.rpartition("/")[2][:-3] in names.RESERVED[kind.name]
                       for page in names.PAGES.values() if page.startswith(folder + "/"))


def test_fixed_words_are_enums_with_their_meanings():
    """One "one of a few words": a Choice, whose JSON Schema is an enum and whose check suggests the closest."""
    choices = [f.spec for spec in SHAPES.values() for f in spec.fields.values() if isinstance(f.spec, Choice)]
    assert {c.values for c in choices} >= {tuple(BASIS_NAMES), tuple(DIRECTION_NAMES)}
    texts = [f.spec for spec in SHAPES.values() for f in spec.fields.values() if isinstance(f.spec, Text)]
    words = re.compile(r"\^\(\?:\w+(?:\|\w+)+\)\$")  # ^(?:higher|lower)$
    assert not any(words.fullmatch(t.pattern) for t in texts), "a fixed list of words written as a pattern"


def test_the_recent_changes_page_names_every_kind_as_declared():
    for kind in records.KINDS.values():
        assert changes.KINDS[kind.name] == (kind.zh, kind.en)
    assert changes.KINDS["roles.yaml"] == records.FILES["roles"].other
