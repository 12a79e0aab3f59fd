"""The web view (polevent.web): the JSON API and the pages, through FastAPI's test client, on a
store coded from the example articles; and a document with a <script> in it, shown as text."""
from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from polevent.model import Document  # noqa: E402
from polevent.store import Store  # noqa: E402
from polevent.web import create_app  # noqa: E402
from polevent.web.highlight import segments  # noqa: E402

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "articles.jsonl"
SCRIPT = "<script>alert(1)</script>"


def example_db(tmp_path_factory, coder) -> Path:
    """The example articles coded into a store, once per test session (shared with the browser
    test through the session's base temp directory)."""
    path = tmp_path_factory.getbasetemp() / "web-examples.duckdb"
    if not path.exists():
        docs = []
        for line in EXAMPLES.read_text(encoding="utf-8").splitlines():
            if line.strip():
                rec = json.loads(line)
                docs.append(Document(id=rec["id"], text=rec["text"],
                                     published=date.fromisoformat(rec["published"]),
                                     url=rec.get("url"), title=rec.get("title"), source=rec.get("source")))
        tmp = path.with_suffix(".tmp.duckdb")
        with Store(tmp) as store:
            store.write_results(coder.code(docs))
        tmp.rename(path)
    return path


@pytest.fixture(scope="module")
def client(tmp_path_factory, coder):
    with TestClient(create_app(example_db(tmp_path_factory, coder))) as c:
        yield c


@pytest.fixture(scope="module")
def xss_client(tmp_path_factory, coder):
    """A store holding one document whose title, id, URL and sentences carry a script."""
    path = tmp_path_factory.mktemp("xss") / "xss.duckdb"
    doc = Document(id=f"doc{SCRIPT}", title=f"{SCRIPT} headline", url="javascript:alert(1)",
                   published=date(2024, 6, 1),
                   text=f"North Korea condemned South Korea {SCRIPT} on Monday.\n\n"
                        f"North Korea praised {SCRIPT} Russia for its support.")
    with Store(path) as store:
        n = store.write_results(coder.code([doc]))
    assert n >= 1, "the coder found no event in the script document"
    with TestClient(create_app(path)) as c:
        yield c


def api(client, url, status=200):
    r = client.get(url)
    assert r.status_code == status, (url, r.status_code, r.text[:300])
    return r.json()


# -- API ------------------------------------------------------------------------------------------

def test_overview_lists_actors_with_names(client):
    data = api(client, "/api/overview")
    assert data["documents"] == 14 and data["events"] > 50
    actors = {a["actor"]: a for a in data["actors"]}
    assert {"PRK", "RUS", "CHN"} <= set(actors)
    assert actors["PRK"]["name"] == "North Korea"
    assert actors["PRK"]["events"] == actors["PRK"]["as_source"] + actors["PRK"]["as_target"]
    assert data["first_date"] <= data["last_date"]


def test_shifts_show_russia_rising_above_china(client):
    data = api(client, "/api/actors/PRK/shifts?window=5m")
    assert data["actor"] == "PRK" and data["window"] == "5m" and data["name"] == "North Korea"
    assert data["recent"][1] == api(client, "/api/overview")["last_date"]
    ranks = {p["partner"]: p for p in data["partners"]}
    assert ranks["RUS"]["rank"] < ranks["CHN"]["rank"]
    assert ranks["RUS"]["goldstein_change"] > ranks["CHN"]["goldstein_change"]
    assert ranks["CHN"]["coop_change"] < 0
    assert [p["rank"] for p in data["partners"]] == list(range(1, len(data["partners"]) + 1))
    # the same numbers as the library
    import polevent
    with polevent.open(client.app.state.db) as lib:
        table = lib.shifts("PRK", window="5m")
    assert list(table["partner"]) == [p["partner"] for p in data["partners"]]


def test_series_per_partner_matches_the_events(client):
    data = api(client, "/api/actors/PRK/series?freq=quarter&partners=CHN,RUS&top=2&count=mentions")
    assert [s["partner"] for s in data["series"]] == ["CHN", "RUS"]
    happenings = api(client, "/api/actors/PRK/series?freq=quarter&partners=CHN,RUS&top=2")
    assert happenings["count"] == "happenings"
    for s, h in zip(data["series"], happenings["series"]):
        total = api(client, f"/api/events?actor=PRK&partner={s['partner']}&per_page=1")["total"]
        assert s["events"] == total == sum(p["events"] for p in s["points"])
        # counted as happenings: fewer, and their mentions are every event
        assert h["partner"] == s["partner"] and h["events"] <= total
        assert sum(p["mentions"] for p in h["points"]) == total
        for p in s["points"]:
            assert p["cooperative"] + p["conflictual"] == p["events"]
            assert -10 <= p["goldstein_mean"] <= 10
            assert date.fromisoformat(p["period"]).month in (1, 4, 7, 10)
    busiest = api(client, "/api/actors/PRK/series?top=1")["series"]
    assert len(busiest) == 1 and busiest[0]["partner"] == "RUS"


def test_shifts_api_carries_intervals(client):
    data = api(client, "/api/actors/PRK/shifts?window=5m")
    assert data["count"] == "happenings" and data["interval_level"] == 0.9
    for p in data["partners"]:
        for k in ("goldstein_change_low", "goldstein_change_high", "goldstein_clear", "coop_change_low",
                  "coop_change_high", "coop_clear", "tone_before", "tone_recent", "mentions_before"):
            assert k in p
        if p["goldstein_change_low"] is not None:
            assert p["goldstein_change_low"] <= p["goldstein_change"] <= p["goldstein_change_high"]
            assert p["goldstein_clear"] == (p["goldstein_change_low"] > 0 or p["goldstein_change_high"] < 0)
        else:
            assert not p["goldstein_clear"]
    # the page shows the same intervals
    html = client.get("/actor/PRK?window=5m").text
    assert "90%<br>interval" in html and 'class="num interval gs-interval"' in html


def test_network_api_and_page(client):
    data = api(client, "/api/network?actors=prk,rus,chn&window=5m")
    assert data["actors"] == ["PRK", "RUS", "CHN"] and data["count"] == "happenings"
    assert data["names"]["PRK"] == "North Korea"
    edges = {(e["source"], e["target"]): e for e in data["edges"]}
    assert ("PRK", "RUS") in edges and ("PRK", "CHN") in edges
    assert all(s != t and {s, t} <= {"PRK", "RUS", "CHN"} for s, t in edges)
    shifts = {p["partner"]: p for p in api(client, "/api/actors/PRK/shifts?window=5m&direction=out")["partners"]}
    for partner in ("RUS", "CHN"):  # an edge out of PRK is `shifts --direction out` for that partner
        e, p = edges[("PRK", partner)], shifts[partner]
        assert (e["events_before"], e["events_recent"]) == (p["events_before"], p["events_recent"])
        assert e["goldstein_recent"] == p["goldstein_recent"]
        listed = api(client, e["events_url_recent"])
        assert listed["total"] >= e["events_recent"]
        assert all((x["source_key"], x["target_key"]) == ("PRK", partner) for x in listed["events"])
    mentions = api(client, "/api/network?actors=PRK,RUS,CHN&window=5m&count=mentions")
    m = {(e["source"], e["target"]): e for e in mentions["edges"]}
    assert m[("PRK", "RUS")]["events_recent"] == edges[("PRK", "RUS")]["mentions_recent"]
    html = client.get("/network?actors=PRK,RUS,CHN&window=5m").text
    assert 'data-chart="network"' in html and 'class="edge-row" data-source="PRK" data-target="RUS"' in html
    assert client.get("/network?actors=PRK").status_code == 422


def test_dyad_counts_both_directions(client):
    data = api(client, "/api/dyads/prk/rus?freq=month")
    assert (data["actor1"], data["actor2"], data["name2"]) == ("PRK", "RUS", "Russia")
    assert data["events"] == sum(data["quad_counts"].values()) == sum(p["events"] for p in data["points"])
    one_way = sum(p["events"] for p in data["directed"]["PRK>RUS"])
    other_way = sum(p["events"] for p in data["directed"]["RUS>PRK"])
    assert one_way + other_way == data["events"] > 0
    assert sum(p["mentions"] for p in data["directed"]["PRK>RUS"]) == \
        api(client, "/api/events?source=PRK&target=RUS&per_page=1")["total"]
    mentions = api(client, "/api/dyads/prk/rus?freq=month&count=mentions")
    assert mentions["events"] == mentions["mentions"] == data["mentions"] >= data["events"]
    assert isinstance(data["change_points"], list)


def test_events_filters(client):
    allev = api(client, "/api/events?per_page=200")
    assert allev["total"] == len(allev["events"]) == api(client, "/api/overview")["events"]
    dates = [e["date"] for e in allev["events"]]
    assert dates == sorted(dates)

    coded = api(client, "/api/events?code=05&per_page=200")
    assert coded["total"] > 0 and all(e["cameo"].startswith("05") for e in coded["events"])
    quad = api(client, "/api/events?quad=4&per_page=200")
    assert all(e["quad_class"] == 4 for e in quad["events"])
    ranged = api(client, "/api/events?from=2024-06-01&to=2024-06-30&per_page=200")
    assert ranged["total"] > 0 and all("2024-06-01" <= e["date"] <= "2024-06-30" for e in ranged["events"])
    text = api(client, "/api/events?q=MISSILE&per_page=200")
    assert text["total"] > 0 and all("missile" in e["sentence"].lower() for e in text["events"])
    pair = api(client, "/api/events?actor=CHN&partner=PRK&per_page=200")
    assert all({e["source_key"], e["target_key"]} == {"CHN", "PRK"} for e in pair["events"])
    directed = api(client, "/api/events?source=CHN&target=PRK&per_page=200")
    assert 0 < directed["total"] < pair["total"]
    actor = api(client, "/api/events?actor=RUS&per_page=200")
    assert all("RUS" in (e["source_key"], e["target_key"]) for e in actor["events"])
    # empty form fields mean "no filter"
    assert api(client, "/api/events?actor=&code=&quad=&from=&to=&q=&per_page=1")["total"] == allev["total"]
    # the text is a literal, not a LIKE pattern or SQL
    assert api(client, "/api/events?q=%25")["total"] == 0
    assert api(client, "/api/events?q=' OR 1=1 --")["total"] == 0


def test_events_pagination(client):
    every = [e["event_id"] for e in api(client, "/api/events?per_page=200")["events"]]
    seen = []
    page = api(client, "/api/events?per_page=25&page=1")
    assert page["pages"] == -(-len(every) // 25) > 1
    for n in range(1, page["pages"] + 1):
        seen += [e["event_id"] for e in api(client, f"/api/events?per_page=25&page={n}")["events"]]
    assert seen == every
    assert api(client, f"/api/events?per_page=25&page={page['pages'] + 1}")["events"] == []


def test_event_detail_highlights_its_sentence(client):
    events = api(client, "/api/events?source=PRK&target=RUS&per_page=200")["events"]
    ev = next(e for e in events if e["source_text"] and e["source_text"] in e["sentence"]
              and e["target_text"] and e["target_text"] in e["sentence"])
    data = api(client, f"/api/events/{ev['event_id']}")
    assert data["event"]["event_id"] == ev["event_id"]
    assert data["event"]["source"]["country"] == "PRK"
    assert "".join(s["text"] for s in data["segments"]) == ev["sentence"]
    marked = {s["role"]: s["text"] for s in data["segments"] if s["role"]}
    assert marked["source"] == ev["source_text"] and marked["target"] == ev["target_text"]
    assert "trigger" in marked
    assert data["document"]["id"] == ev["doc_id"] and data["document"]["title"]
    assert data["document"]["url"].startswith("https://")
    assert all(o["event_id"] != ev["event_id"] for o in data["document_events"])
    api(client, "/api/events/0123456789abcdef", 404)


@pytest.mark.parametrize("url", [
    "/api/actors/P%3CK/shifts",
    "/api/actors/PRK/shifts?window=5x",
    "/api/actors/PRK/shifts?window=0m",
    "/api/actors/PRK/shifts?direction=sideways",
    "/api/actors/PRK/shifts?min_events=0",
    "/api/actors/PRK/shifts?as_of=2024-02-30",
    "/api/actors/PRK/series?freq=decade",
    "/api/actors/PRK/series?top=0",
    "/api/dyads/PRK/R'U",
    "/api/events?actor=PRK'%20OR%201=1--",
    "/api/events?code=abc",
    "/api/events?quad=5",
    "/api/events?from=2024-13-45",
    "/api/events?from=yesterday",
    "/api/events?per_page=1000",
    "/api/events?page=0",
    "/api/events?q=" + "x" * 201,
    "/api/events/not-an-id",
    "/api/actors/PRK/shifts?count=articles",
    "/api/dyads/PRK/RUS?count=",
    "/api/network",
    "/api/network?actors=PRK",
    "/api/network?actors=PRK,PRK",
    "/api/network?actors=PRK,R%3CS",
    "/api/network?actors=PRK,RUS&window=6q",
    "/api/network?actors=PRK,RUS&as_of=2024-02-30",
    "/api/network?actors=" + ",".join(f"A{i:02d}" for i in range(13)),
])
def test_bad_parameters_are_refused(client, url):
    r = client.get(url)
    assert r.status_code in (404, 422), (url, r.status_code)
    assert r.headers["content-type"].startswith("application/json")


def test_unknown_actor_is_404(client):
    assert client.get("/api/actors/XYZ/shifts").status_code == 404
    assert client.get("/api/actors/XYZ/series").status_code == 404


def test_openapi_documents_every_api_route(client):
    schema = api(client, "/api/openapi.json")
    paths = set(schema["paths"])
    assert {"/api/overview", "/api/actors/{key}/shifts", "/api/actors/{key}/series",
            "/api/dyads/{a}/{b}", "/api/events", "/api/events/{event_id}", "/api/network"} == paths
    for ops in schema["paths"].values():
        assert ops["get"]["summary"] and ops["get"]["description"]
    page = client.get("/api-reference")
    assert page.status_code == 200 and "/api/events/{event_id}" in page.text


# -- pages ----------------------------------------------------------------------------------------

def _local_assets_only(html: str) -> None:
    for url in re.findall(r'(?:src|href)="([^"]*)"', html):
        assert not url.startswith(("http:", "https:", "//")) or "example.org" in url, url


def test_actor_page(client):
    r = client.get("/actor/prk?window=5m")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    html = r.text
    assert "North Korea" in html and 'data-chart="series"' in html and 'data-chart="shifts"' in html
    rows = re.findall(r'<tr class="partner[^"]*" data-partner="([A-Z]+)"', html)
    assert rows.index("RUS") < rows.index("CHN")
    assert "/api/actors/PRK/series?" in html and 'src="/static/charts.js"' in html
    assert "script-src 'self'" in r.headers["content-security-policy"]
    _local_assets_only(html)
    assert client.get("/actor?key=prk", follow_redirects=False).headers["location"] == "/actor/PRK"


def test_other_pages(client):
    for url, needle in [("/", "North Korea"), ("/dyad/PRK/CHN", 'data-chart="dyad"'),
                        ("/events?actor=PRK&partner=CHN&page=1", "class=\"events\""),
                        ("/events?q=missile", "missile")]:
        r = client.get(url)
        assert r.status_code == 200, url
        assert needle in r.text, url
        _local_assets_only(r.text)
    ev = api(client, "/api/events?q=friendship&per_page=1")["events"][0]
    html = client.get(f"/event/{ev['event_id']}").text
    assert '<mark class="source"' in html and '<mark class="trigger"' in html
    assert 'rel="noopener noreferrer nofollow"' in html
    for name in ("charts.js", "style.css"):
        assert client.get(f"/static/{name}").status_code == 200


def test_pages_report_errors_as_html(client):
    r = client.get("/actor/XYZ")
    assert r.status_code == 404 and "no events of actor XYZ" in r.text
    r = client.get("/events?code=<b>")
    assert r.status_code == 422 and "<b>" not in r.text and "&lt;b&gt;" in r.text
    assert client.get("/event/0123456789abcdef").status_code == 404


# -- a document with a script: text, never markup ---------------------------------------------------

def test_script_in_a_document_renders_as_text(xss_client):
    events = api(xss_client, "/api/events")["events"]
    assert events and all(SCRIPT in e["sentence"] for e in events)
    escaped = "&lt;script&gt;alert(1)&lt;/script&gt;"
    pages = ["/events", "/events?q=script", "/actor/PRK", "/dyad/PRK/KOR", "/"]
    pages += [f"/event/{e['event_id']}" for e in events]
    for url in pages:
        r = xss_client.get(url)
        assert r.status_code == 200, url
        assert "<script>alert" not in r.text, url
        assert "<script" not in r.text.replace('<script src="/static/charts.js" defer></script>', ""), url
    event_page = xss_client.get(f"/event/{events[0]['event_id']}").text
    assert escaped in event_page                      # the sentence, as text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; headline" in event_page   # the title
    assert 'href="javascript:' not in event_page       # the URL is shown, not linked
    assert "&lt;script&gt;" in xss_client.get("/events").text
    # the API gives the text as it is; escaping is the page's job
    assert SCRIPT in api(xss_client, f"/api/events/{events[0]['event_id']}")["event"]["sentence"]


def test_highlight_segments():
    segs = segments("North Korean leader Kim Jong Un sent a New Year message to President Xi Jinping.",
                    "Kim Jong Un", "Xi Jinping", "sent message")
    assert "".join(s["text"] for s in segs).startswith("North Korean leader Kim")
    roles = [(s["role"], s["text"]) for s in segs if s["role"]]
    assert roles == [("source", "Kim Jong Un"), ("trigger", "sent"), ("trigger", "message"),
                     ("target", "Xi Jinping")]
    # not found, overlapping or empty: no span, the text intact
    s = f"The U.S. said {SCRIPT} nothing."
    segs = segments(s, "U.S.", "Pyongyang", "said")
    assert "".join(x["text"] for x in segs) == s
    assert [x["role"] for x in segs if x["role"]] == ["source", "trigger"]
    assert segments("", None, None, None) == [{"text": "", "role": None}]
    assert [x["role"] for x in segments("Kim met Kim.", "Kim", "Kim", "met") if x["role"]] == \
        ["source", "trigger", "target"]
    assert [x["text"] for x in segments("Kimchi, said Kim.", "Kim", None, None) if x["role"]] == ["Kim"]


def test_serve_command_refuses_a_missing_database(tmp_path):
    from typer.testing import CliRunner

    from polevent.cli import app
    result = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code != 0
    assert "no such database" in str(result.exception) + (result.output or "")
    help_text = CliRunner().invoke(app, ["serve", "--help"]).output
    assert "--host" in help_text and "--port" in help_text and "127.0.0.1" in help_text
