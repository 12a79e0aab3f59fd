"""The web view in a real browser: Chromium (Debian's ``chromium``) driven by Playwright opens the
actor page for PRK, sees the charts drawn and the partner list, clicks a point of the time series
through to the events behind it and on to one event, and sees its sentence highlighted; and opens
the network page for PRK, RUS and CHN, sees the three actors and the arrows between them in both
windows, clicks an arrow to list its events and follows one to its event.

Skipped when Playwright or Chromium is missing (``.ci/run`` installs both). The screenshots go to
``$POLEVENT_SCREENSHOTS`` when set (``POLEVENT_SCREENSHOTS=docs`` refreshes the README's), else
to the test's temporary directory.
"""
from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

from test_web import example_db

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _chromium() -> str | None:
    for cand in (os.environ.get("POLEVENT_CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium"),
                 shutil.which("chromium-browser")):
        if cand and Path(cand).exists():
            return cand
    return None


@pytest.fixture(scope="module")
def browser():
    playwright_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed (pip install '.[test]')")
    exe = _chromium()
    if exe is None:
        pytest.skip("Chromium not found (apt-get install chromium, or set POLEVENT_CHROMIUM); .ci/run installs it")
    with playwright_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory, coder):
    """``polevent serve`` in a thread on 127.0.0.1 and a free port; stopped after the module."""
    import uvicorn

    from polevent.web import create_app
    app = create_app(example_db(tmp_path_factory, coder))
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=srv.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the web server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        srv.should_exit = True
        thread.join(timeout=10)
        sock.close()


@pytest.fixture
def shots(tmp_path) -> Path:
    out = Path(os.environ.get("POLEVENT_SCREENSHOTS") or tmp_path)
    out.mkdir(parents=True, exist_ok=True)
    return out


def test_actor_page_to_a_highlighted_sentence(browser, server, shots):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    problems: list[str] = []
    page.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
    page.on("console", lambda msg: problems.append(f"console: {msg.text}") if msg.type == "error" else None)
    page.on("requestfailed", lambda req: problems.append(f"request failed: {req.url}"))
    page.set_default_timeout(15000)

    # the actor page: partners ranked, both charts drawn from the API
    page.goto(f"{server}/actor/PRK?window=5m")
    page.wait_for_selector('#series-chart[data-ready="true"]')
    page.wait_for_selector('#shift-chart[data-ready="true"]')
    assert page.locator("h1").inner_text().startswith("North Korea")
    partners = page.locator("#partners tr.partner").evaluate_all("rows => rows.map(r => r.dataset.partner)")
    assert "RUS" in partners and "CHN" in partners and partners.index("RUS") < partners.index("CHN")
    panels = page.locator("#series-chart svg g.panel")
    assert panels.count() >= 2
    rus = page.locator('#series-chart g.panel[data-partner="RUS"]')
    assert rus.locator("a.bar rect.seg").count() > 0 and rus.locator("circle.gs-point").count() > 0
    assert page.locator("#shift-chart svg a.shift-row").count() == len(partners)
    page.screenshot(path=str(shots / "web-actor.png"), full_page=True)

    # click a point of the Russia series: the events of that month between the two
    rus.locator("a.point").last.click()
    page.wait_for_url("**/events?*")
    assert "actor=PRK" in page.url and "partner=RUS" in page.url
    rows = page.locator("table.events tbody tr")
    assert rows.count() > 0
    for text in rows.locator("td:nth-child(2), td:nth-child(4)").all_inner_texts()[:10]:
        assert "PRK" in text or "RUS" in text

    # click through to one event: its sentence with source, trigger and target marked
    sentence = page.locator("a.event-link").first.inner_text()
    page.locator("a.event-link").first.click()
    page.wait_for_url("**/event/*")
    quote = page.locator("#sentence")
    assert quote.inner_text().strip() == sentence.strip()
    assert quote.locator("mark.source").count() == 1
    assert quote.locator("mark.trigger").count() >= 1
    assert quote.locator("mark.trigger").first.is_visible()
    assert page.locator("#doc-title").inner_text()
    page.screenshot(path=str(shots / "web-event.png"), full_page=True)

    # and the dyad page draws its chart too
    page.goto(f"{server}/dyad/PRK/CHN")
    page.wait_for_selector('#dyad-chart[data-ready="true"]')
    assert page.locator("#dyad-chart a.bar").count() > 0
    assert not problems, problems
    page.close()


def test_network_page_to_an_event(browser, server, shots):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    problems: list[str] = []
    page.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
    page.on("console", lambda msg: problems.append(f"console: {msg.text}") if msg.type == "error" else None)
    page.on("requestfailed", lambda req: problems.append(f"request failed: {req.url}"))
    page.set_default_timeout(15000)

    page.goto(f"{server}/network?actors=PRK,RUS,CHN")
    page.wait_for_selector('#network-chart[data-ready="true"]')
    graphs = page.locator("#network-chart svg.net")
    assert graphs.count() == 2  # before and recent, side by side
    assert [g.get_attribute("data-window") for g in graphs.all()] == ["before", "recent"]
    recent = page.locator('#network-chart svg.net[data-window="recent"]')
    for g in (page.locator('#network-chart svg.net[data-window="before"]'), recent):
        nodes = g.locator("a.node").evaluate_all("ns => ns.map(n => n.dataset.actor)")
        assert sorted(nodes) == ["CHN", "PRK", "RUS"]
        assert g.locator("a.edge").count() >= 2
    pairs = recent.locator("a.edge").evaluate_all("es => es.map(e => e.dataset.source + '>' + e.dataset.target)")
    assert "PRK>RUS" in pairs and "PRK>CHN" in pairs
    # colour by Goldstein mean, width by events: the busier, warmer PRK -> RUS arrow is wider and greener
    def stroke(pair):
        line = recent.locator(f'a.edge[data-source="{pair[0]}"][data-target="{pair[1]}"] path.edge-line')
        return line.get_attribute("stroke"), float(line.get_attribute("stroke-width"))
    (rus_colour, rus_width), (chn_colour, chn_width) = stroke(("PRK", "RUS")), stroke(("PRK", "CHN"))
    def green(rgb: str) -> int:  # how much green outweighs red
        r, g, _ = (int(v) for v in rgb[4:-1].split(","))
        return g - r
    assert rus_width > chn_width and green(rus_colour) > green(chn_colour)
    page.screenshot(path=str(shots / "web-network.png"), full_page=True)

    # click the PRK -> RUS arrow of the recent window: its events are listed on the page
    recent.locator('a.edge[data-source="PRK"][data-target="RUS"] text.edge-label').click()
    page.wait_for_selector('#edge-events[data-ready="true"]')
    assert "PRK → RUS, recent window" in page.locator("#edge-title").inner_text()
    items = page.locator("#edge-list li")
    assert items.count() > 0
    sentence = page.locator("#edge-list a.event-link").first.inner_text()
    page.locator("#edge-list a.event-link").first.click()
    page.wait_for_url("**/event/*")
    assert page.locator("#sentence").inner_text().strip() == sentence.strip()
    keys = page.locator("table.kv").first.inner_text()
    assert "PRK" in keys and "RUS" in keys
    assert not problems, problems
    page.close()
