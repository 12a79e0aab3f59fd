"""Tests for polevent.dates: one parametrized test per resolution rule, plus edge cases.

Publication date for most cases is Wednesday 2025-10-08, so weekday arithmetic is easy to
check by hand: Mon 10-06, Tue 10-07, Wed 10-08 (publication day), Thu 10-02 and 10-09 ...
"""
from __future__ import annotations

import timeit
from datetime import date

import pytest

from polevent.dates import TemporalMatch, find_temporal_expressions, resolve_date

PUB = date(2025, 10, 8)  # a Wednesday


def _d(text: str) -> date:
    return date.fromisoformat(text)


def _only(sentence: str, published: date = PUB, future: bool = False) -> TemporalMatch:
    found = find_temporal_expressions(sentence, published, future)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The envoy landed in Kyiv on Tuesday for talks.", "2025-10-07"),
        ("Tuesday saw heavy shelling near the border.", "2025-10-07"),
        ("Rebels seized the town early on Wednesday.", "2025-10-08"),  # publication day
        ("The strike hit the depot late Sunday.", "2025-10-05"),
        ("Police clashed with students Saturday night.", "2025-10-04"),
        ("The cabinet met on Monday morning to discuss aid.", "2025-10-06"),
        ("The court ruled last Friday that the law stood.", "2025-10-03"),
        ("The prime minister travels to Oslo next Monday.", "2025-10-13"),
        ("The parliament voted on Thursday to extend the mandate.", "2025-10-02"),
        ("Marchers remembered Bloody Sunday in Derry.", "2025-10-05"),
        ("He said this past Sunday that talks had failed.", "2025-10-05"),
    ],
)
def test_weekday_names(sentence: str, expected: str) -> None:
    assert resolve_date(sentence, PUB) == (_d(expected), "text")


@pytest.mark.parametrize(
    ("sentence", "published", "expected"),
    [
        ("The ministers met on Monday.", "2025-10-06", "2025-10-06"),  # Monday publication
        ("The ministers met on Sunday.", "2025-10-06", "2025-10-05"),
        ("Troops withdrew on Friday.", "2025-01-01", "2024-12-27"),  # across new year
        ("Talks resume next Monday.", "2024-12-31", "2025-01-06"),
    ],
)
def test_weekday_edges(sentence: str, published: str, expected: str) -> None:
    assert resolve_date(sentence, _d(published)) == (_d(expected), "text")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The president will visit Ankara on Friday.", "2025-10-10"),
        ("The summit will open on Wednesday.", "2025-10-15"),  # strictly after publication
        ("The delegation will arrive next Monday.", "2025-10-13"),
        ("The envoy, who left last Friday, will return.", "2025-10-03"),
        ("The talks will continue this Wednesday.", "2025-10-08"),
    ],
)
def test_future_weekdays(sentence: str, expected: str) -> None:
    assert resolve_date(sentence, PUB, future=True) == (_d(expected), "text")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Gunmen attacked a convoy today.", "2025-10-08"),
        ("The minister resigned this morning.", "2025-10-08"),
        ("Talks collapsed this afternoon.", "2025-10-08"),
        ("The council votes tonight on the budget.", "2025-10-08"),
        ("The agency reported earlier today that two died.", "2025-10-08"),
        ("Protesters gathered outside the embassy yesterday.", "2025-10-07"),
        ("Drones struck the refinery last night.", "2025-10-07"),
        ("The blockade began the day before yesterday.", "2025-10-06"),
        ("The leaders will sign the accord tomorrow.", "2025-10-09"),
        ("A vote is planned for the day after tomorrow.", "2025-10-10"),
    ],
)
def test_relative_days(sentence: str, expected: str) -> None:
    assert resolve_date(sentence, PUB) == (_d(expected), "text")


def test_yesterday_across_year_boundary() -> None:
    assert resolve_date("Shots were fired yesterday.", date(2025, 1, 1)) == (
        date(2024, 12, 31), "text")


@pytest.mark.parametrize(
    ("sentence", "expected", "granularity"),
    [
        ("The ceasefire collapsed two days ago.", "2025-10-06", "day"),
        ("The envoy was expelled 5 days ago.", "2025-10-03", "day"),
        ("The militia took the town twelve days ago.", "2025-09-26", "day"),
        ("Talks stalled a week ago.", "2025-10-01", "week"),
        ("The port was mined three weeks ago.", "2025-09-17", "week"),
        ("The bank froze the accounts 3 months ago.", "2025-07-01", "month"),
        ("The dam was finished an month ago.", "2025-09-01", "month"),
        ("The treaty lapsed two years ago.", "2023-01-01", "year"),
        ("The fighting started a couple of days ago.", "2025-10-06", "day"),
    ],
)
def test_ago(sentence: str, expected: str, granularity: str) -> None:
    match = _only(sentence)
    assert (match.date, match.granularity) == (_d(expected), granularity)


@pytest.mark.parametrize(
    ("sentence", "published", "expected", "granularity"),
    [
        ("The rebels regrouped last week.", "2025-10-08", "2025-10-01", "week"),
        ("Troops were reinforced this week.", "2025-10-08", "2025-10-08", "week"),
        ("The junta banned rallies last month.", "2025-10-08", "2025-09-01", "month"),
        ("The junta banned rallies last month.", "2025-01-15", "2024-12-01", "month"),
        ("Exports fell this month.", "2025-10-08", "2025-10-01", "month"),
        ("The union called a strike earlier this month.", "2025-10-08", "2025-10-01", "month"),
        ("The party split last year.", "2025-10-08", "2024-01-01", "year"),
        ("The minister was sacked earlier this year.", "2025-10-08", "2025-01-01", "year"),
        ("Shelling resumed last week.", "2025-01-03", "2024-12-27", "week"),
        ("Elections are due next month.", "2025-12-10", "2026-01-01", "month"),
    ],
)
def test_periods(sentence: str, published: str, expected: str, granularity: str) -> None:
    match = _only(sentence, _d(published))
    assert (match.date, match.granularity) == (_d(expected), granularity)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The raid took place on October 7, 2025, officials said.", "2025-10-07"),
        ("The raid took place on Oct. 7, 2025, officials said.", "2025-10-07"),
        ("The raid took place on 7 October 2025, officials said.", "2025-10-07"),
        ("The raid took place on 2025-10-07, officials said.", "2025-10-07"),
        ("The accord was signed Sept. 30, 2024 in Doha.", "2024-09-30"),
        ("The vote was held on March 3, 2025 across the country.", "2025-03-03"),
        ("The census began on February 29, 2024.", "2024-02-29"),  # leap day
    ],
)
def test_explicit_dates(sentence: str, expected: str) -> None:
    assert resolve_date(sentence, PUB) == (_d(expected), "text")


@pytest.mark.parametrize(
    ("sentence", "published", "future", "expected"),
    [
        ("Militants attacked on October 7.", "2025-10-08", False, "2025-10-07"),
        ("Militants attacked on October 7th.", "2025-10-08", False, "2025-10-07"),
        ("Militants attacked on 7 October.", "2025-10-08", False, "2025-10-07"),
        ("Militants attacked on the 7th of October.", "2025-10-08", False, "2025-10-07"),
        ("The bridge was bombed on October 8.", "2025-10-08", False, "2025-10-08"),  # same day
        ("Troops pulled out on December 30.", "2025-01-02", False, "2024-12-30"),
        ("During the September 3 parade, jets flew over.", "2025-10-08", False, "2025-09-03"),
        ("The envoy met rebels on October 9.", "2025-10-08", False, "2024-10-09"),
        ("The envoy will meet rebels on October 9.", "2025-10-08", True, "2025-10-09"),
        ("The envoy will meet rebels on October 30.", "2025-10-08", True, "2024-10-30"),
        ("The envoy will meet rebels on January 3.", "2024-12-30", True, "2025-01-03"),
        ("Voting ended on February 29.", "2025-03-10", False, "2024-02-29"),  # last leap year
        ("Voting ended on February 29.", "2024-03-01", False, "2024-02-29"),
    ],
)
def test_yearless_dates(sentence: str, published: str, future: bool, expected: str) -> None:
    assert resolve_date(sentence, _d(published), future=future) == (_d(expected), "text")


@pytest.mark.parametrize(
    "sentence",
    [
        "The report cited February 30, 2025 as the deadline.",  # impossible day
        "The report cited February 29, 2025 as the deadline.",  # not a leap year
        "The report cited 2025-13-01 as the deadline.",
    ],
)
def test_impossible_dates_are_ignored(sentence: str) -> None:
    assert resolve_date(sentence, PUB) == (PUB, "published")


@pytest.mark.parametrize(
    ("sentence", "published", "expected"),
    [
        ("The mine was seized in June.", "2025-10-08", "2025-06-01"),
        ("The mine was seized in November.", "2025-10-08", "2024-11-01"),
        ("The mine was seized in June.", "2025-06-20", "2025-06-01"),  # same month
        ("The mine was seized last June.", "2025-06-20", "2024-06-01"),
        ("The mine was seized last June.", "2025-10-08", "2025-06-01"),
        ("The mine was seized in June 2024.", "2025-10-08", "2024-06-01"),
        ("The June 2024 offensive stalled.", "2025-10-08", "2024-06-01"),
        ("The mine was seized in mid-June.", "2025-10-08", "2025-06-01"),
        ("The mine was seized in early May.", "2025-10-08", "2025-05-01"),
        ("The mine has been held since March.", "2025-10-08", "2025-03-01"),
        ("The mine was seized in December.", "2025-01-05", "2024-12-01"),
    ],
)
def test_month_only(sentence: str, published: str, expected: str) -> None:
    match = _only(sentence, _d(published))
    assert (match.date, match.granularity) == (_d(expected), "month")
    assert resolve_date(sentence, _d(published)) == (_d(expected), "text")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The border has been closed since 2019.", "2019-01-01"),
        ("Relations soured in 2024.", "2024-01-01"),
        ("The treaty of 1994 still holds.", "1994-01-01"),
        ("Output recovered in mid-2023.", "2023-01-01"),
    ],
)
def test_year_only_is_found_but_never_dates_event(sentence: str, expected: str) -> None:
    match = _only(sentence)
    assert (match.date, match.granularity) == (_d(expected), "year")
    assert resolve_date(sentence, PUB) == (PUB, "published")


@pytest.mark.parametrize(
    "sentence",
    [
        "Russia may respond with force, the minister warned.",
        "Officials said they may 2 times extend the deadline.",
        "Thousands of protesters march through the capital.",
        "Workers will march 5 kilometres to the ministry.",
        "The fund approved $2024 million in loans.",
        "More than 2,000 troops were deployed.",
        "A force of 2000 troops crossed the river.",
        "The army lost 1990 soldiers in the campaign.",
        "Rebels fired rockets at the base.",
        "The committee approved the measure in a closed session.",
        "The opposition said the ruling was outlast and flawed.",
        "The markets are closed on Sundays.",
    ],
)
def test_ordinary_words_are_not_dates(sentence: str) -> None:
    assert find_temporal_expressions(sentence, PUB) == []
    assert resolve_date(sentence, PUB) == (PUB, "published")


def test_may_and_march_as_months_with_context() -> None:
    assert resolve_date("The accord was signed May 5.", PUB) == (date(2025, 5, 5), "text")
    found = find_temporal_expressions("The march began on March 3 in the capital.", PUB)
    assert [(m.text, m.date) for m in found] == [("March 3", date(2025, 3, 3))]
    assert _only("Police may arrest leaders in May.").date == date(2025, 5, 1)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The army retreated, and a day later the rebels moved in.", "2025-10-08"),
        ("The rebels moved in the next day.", "2025-10-08"),
        ("Talks resumed the following day.", "2025-10-08"),
        ("Riots broke out a day after Monday's vote.", "2025-10-07"),
        ("Riots broke out the day after the October 1 vote.", "2025-10-02"),
        ("Troops massed two days before Friday's raid.", "2025-10-01"),
    ],
)
def test_relative_to_another_day(sentence: str, expected: str) -> None:
    resolved, _source = resolve_date(sentence, PUB)
    assert resolved == _d(expected)


@pytest.mark.parametrize(
    ("sentence", "trigger", "expected"),
    [
        ("Rebels attacked on Monday and the army responded on Thursday.", "attacked",
         "2025-10-06"),
        ("Rebels attacked on Monday and the army responded on Thursday.", "responded",
         "2025-10-02"),
        ("After talks last week, the envoy resigned on Tuesday.", "talks", "2025-10-07"),
        ("The deal agreed in June was signed yesterday.", "agreed", "2025-10-07"),
        ("Founded in 2019, the party won a vote last month.", "Founded", "2025-09-01"),
    ],
)
def test_anchor_choice(sentence: str, trigger: str, expected: str) -> None:
    anchor = sentence.index(trigger)
    assert resolve_date(sentence, PUB, anchor=anchor) == (_d(expected), "text")


def test_without_anchor_first_day_expression_wins() -> None:
    sentence = "Rebels attacked on Monday and the army responded on Thursday."
    assert resolve_date(sentence, PUB) == (date(2025, 10, 6), "text")


@pytest.mark.parametrize(
    "sentence",
    [
        "The foreign minister condemned the attack on the embassy.",
        "",
        "Iran and Iraq signed a trade accord.",
    ],
)
def test_no_expression_falls_back_to_published(sentence: str) -> None:
    assert resolve_date(sentence, PUB) == (PUB, "published")
    assert resolve_date(sentence, PUB, anchor=3, future=True) == (PUB, "published")


def test_offsets_and_text_match_the_sentence() -> None:
    sentence = "On Tuesday, two days after the June 2024 anniversary, Kyiv was hit again yesterday."
    found = find_temporal_expressions(sentence, PUB)
    assert [m.text for m in found] == ["On Tuesday", "June 2024", "yesterday"]
    for m in found:
        assert sentence[m.start:m.end] == m.text


def test_offsets_survive_non_ascii_lowercasing() -> None:
    # "İ".lower() is two characters, which would shift offsets on a lowered copy.
    sentence = "İstanbul hosted the talks on Monday, the İçişleri ministry said."
    match = _only(sentence)
    assert match.text == "on Monday"
    assert sentence[match.start:match.end] == "on Monday"
    assert match.date == date(2025, 10, 6)


def test_case_insensitive_names() -> None:
    assert _only("TROOPS ENTERED THE CITY ON MONDAY.").date == date(2025, 10, 6)
    assert _only("troops entered the city on october 7.").date == date(2025, 10, 7)


def test_precheck_is_cheap_for_sentences_without_triggers() -> None:
    sentence = ("The foreign ministry said the agreement would deepen cooperation between "
                "the two countries' armed forces and border agencies.")
    per_call = timeit.timeit(lambda: find_temporal_expressions(sentence, PUB), number=2000) / 2000
    assert per_call < 100e-6  # generous bound for slow CI; typical is ~10 µs
