"""Actor resolution, one test per actor type, with dates deciding offices."""
from __future__ import annotations

from datetime import date

import pytest

from polevent.actors.resolve import resolve_phrase


@pytest.fixture(scope="module")
def resolve(coder):
    def run(text: str, day: str = "2024-06-01"):
        a = resolve_phrase(coder.finder, coder.nlp(text), date.fromisoformat(day))
        return None if a is None else (a.code, a.country, a.igo, a.role)
    return run


@pytest.mark.parametrize("text, country, role", [
    ("North Korea", "PRK", None),
    ("the North Korean army", "PRK", "MIL"),
    ("Pyongyang", "PRK", "GOV"),
    ("the Kremlin", "RUS", "GOV"),
    ("the White House", "USA", "GOV"),
    ("South Korea's spy agency", "KOR", "SPY"),
    ("the South Korean foreign minister", "KOR", "GOV"),
    ("Ukraine's foreign ministry", "UKR", "GOV"),
    ("Russian troops", "RUS", "MIL"),
    ("Chinese coast guard vessels", "CHN", "MIL"),
    ("Hamas", "PSE", "REB"),
    ("Houthi rebels", "YEM", "REB"),
    ("Hezbollah", "LBN", "REB"),
    ("KCNA", "PRK", "MED"),
    ("Taiwan", "TWN", None),
    ("Kosovo", "XKX", None),
    ("Georgian protesters", "GEO", "CVL"),
])
def test_country_actors(resolve, text, country, role):
    got = resolve(text)
    assert got is not None and got[1] == country and got[3] == role, got


@pytest.mark.parametrize("text, igo", [
    ("the European Union", "EU"), ("NATO", "NATO"), ("the International Court of Justice", "ICJ"),
    ("the International Criminal Court", "ICC"), ("the IAEA", "IAEA"), ("the United Nations", "UN"),
])
def test_international_organisations(resolve, text, igo):
    got = resolve(text)
    assert got is not None and got[2] == igo, got


def test_leaders_resolve_by_office_on_the_date(resolve):
    assert resolve("Russian President Vladimir Putin", "2024-06-01")[:2] == ("RUSGOV", "RUS")
    assert resolve("President Joe Biden", "2023-05-01")[0] == "USAGOV"
    assert resolve("Donald Trump", "2019-05-01")[0] == "USAGOV"
    out_of_office = resolve("Donald Trump", "2022-05-01")
    assert out_of_office[1] == "USA" and out_of_office[3] != "GOV"
    assert resolve("Donald Trump", "2025-03-01")[0] == "USAGOV"


def test_unknown_person_takes_country_and_role_from_title(resolve):
    got = resolve("Hungarian foreign minister Peter Szijjarto")
    assert got[1] == "HUN" and got[3] == "GOV"


def test_counterpart_and_epithet(resolve):
    assert resolve("his Russian counterpart")[1:] == ("RUS", None, "GOV")
    assert resolve("Chinese communist dictator Xi Jinping", "2024-10-01")[0] == "CHNGOV"


def test_places_and_common_nouns_are_not_actors(resolve):
    assert resolve("stock markets") is None
    assert resolve("the bakery") is None
