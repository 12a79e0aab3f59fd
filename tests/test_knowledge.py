"""The shipped knowledge files load, validate, and say what they should; users can extend them."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from polevent.actors.knowledge import KnowledgeError, add_file, load_knowledge, Knowledge
from polevent.events.cameo import cameo_table, lookup
from polevent.events.lexicon import PatternError, load_lexicon


@pytest.fixture(scope="module")
def kb():
    return load_knowledge()


def test_every_un_member_and_taiwan_kosovo_palestine(kb):
    assert len(kb.countries) >= 195
    for iso in ("PRK", "KOR", "RUS", "CHN", "USA", "TWN", "XKX", "PSE", "VAT", "UKR", "ISR", "IRN"):
        assert iso in kb.countries, iso


def test_country_rows_are_well_formed(kb):
    for iso, c in kb.countries.items():
        assert len(iso) == 3 and iso.isupper()
        assert c.name


def test_orgs_point_at_known_countries(kb):
    for org in kb.orgs.values():
        if org.country:
            assert org.country in kb.countries, org.name
    assert kb.orgs["Hamas"].country == "PSE"


def test_people_terms_are_ordered_and_known(kb):
    assert len(kb.people) >= 150
    terms = sum(len(p.terms) for p in kb.people.values())
    assert terms >= 400
    for p in kb.people.values():
        for t in p.terms:
            igos = {o.igo for o in kb.orgs.values()}
            assert t.country in kb.countries or (not t.country and t.igo in igos), (p.name, t.country, t.igo)
            assert t.end is None or t.start <= t.end


def test_office_dates_decide_the_role(kb):
    trump = kb.people["Donald Trump"]
    assert trump.term_on(date(2019, 6, 1)).role == "GOV"
    assert trump.term_on(date(2022, 6, 1)) is None
    assert trump.term_on(date(2025, 3, 1)).country == "USA"
    assert kb.people["Joe Biden"].term_on(date(2023, 5, 1)).role == "GOV"


def test_role_words_cover_every_role_family(kb):
    roles = set(kb.role_words.values())
    assert {"GOV", "MIL", "REB", "CVL", "MED", "JUD", "LEG", "SPY", "COP"} <= roles
    assert kb.role_words["spy agency"] == "SPY"


def test_user_file_adds_and_overrides(tmp_path: Path):
    f = tmp_path / "mine.tsv"
    f.write_text("name\taliases\tcountry\tigo\trole\tkind\nAcme Militia\tAcme\tCOD\t\tREB\tarmed\n", encoding="utf-8")
    kb = load_knowledge([f])
    assert kb.orgs["Acme Militia"].country == "COD"


@pytest.mark.parametrize("content, where", [
    ("name\taliases\tcountry\trole\toffice\tstart\tend\nX Y\t\tRUS\tGOV\tPresident\t2020-13-01\t\n", ":2:"),
    ("name\taliases\tcountry\tigo\trole\tkind\nFoo\t\tRUS\t\tWIZ\tarmed\n", ":2:"),
    ("iso3\tname\taliases\tdemonyms\tcapitals\nru\tRussia\t\t\t\n", ":2:"),
    ("what\tever\n", ":1:"),
])
def test_malformed_user_file_names_file_and_line(tmp_path: Path, content: str, where: str):
    f = tmp_path / "bad.tsv"
    f.write_text(content, encoding="utf-8")
    with pytest.raises(KnowledgeError) as exc:
        load_knowledge([f])
    assert str(exc.value).startswith(str(f) + where)


def test_cameo_table_is_complete():
    table = cameo_table()
    assert len(table) == 311
    for root in range(1, 21):
        assert f"{root:02d}" in table
    assert lookup("0871").root == "08"
    assert table["190"].quad_class == 4 and table["051"].quad_class == 1
    assert table["120"].quad_class == 3 and table["070"].quad_class == 2
    assert lookup("19").goldstein == -10.0


def test_lexicon_covers_every_root():
    lex = load_lexicon()
    roots = {p.code[:2] for ps in [*lex.verbs.values(), *lex.nouns.values()] for p in ps}
    assert roots >= {f"{r:02d}" for r in range(1, 21)}
    assert sum(len(v) for v in lex.verbs.values()) > 500


def test_malformed_pattern_file_is_reported(tmp_path: Path):
    f = tmp_path / "p.yml"
    f.write_text("- code: '999'\n  verbs: [zap]\n", encoding="utf-8")
    with pytest.raises(PatternError, match="unknown CAMEO code"):
        load_lexicon([f])
    f.write_text("- code: '190'\n  verbs: [zap\n", encoding="utf-8")
    with pytest.raises(PatternError, match=r"p.yml:\d+: not valid YAML"):
        load_lexicon([f])


def test_user_pattern_adds_a_verb(tmp_path: Path):
    f = tmp_path / "p.yml"
    f.write_text("- code: '190'\n  verbs: [zap]\n", encoding="utf-8")
    lex = load_lexicon([f])
    assert lex.verb_patterns("zap")[0].code == "190"
