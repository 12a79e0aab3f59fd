"""Does ``polevent serve`` keep its memory flat? A bounded loop of requests on 127.0.0.1.

    python bench/serve_memory.py [--requests 20000] [--warmup 2000] [--db FILE.duckdb]

Codes the example articles into a store (unless ``--db`` is given), starts ``polevent serve`` on a
free port, and sends ``--warmup`` and then ``--requests`` GET requests over one keep-alive
connection, cycling through every page and API route (overview, actor shifts and series, dyad,
event search with several filters, one event, the pages). The server's resident memory (RSS, from
/proc) is sampled every 1,000 requests; printed: the samples, the growth from the end of warm-up
to the end, and that growth per request. A server that leaks a few KB per request grows by tens
of MB here.
"""
from __future__ import annotations

import argparse
import http.client
import json
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def rss_kib(pid: int) -> int:
    with open(f"/proc/{pid}/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError("no VmRSS")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def routes(conn: http.client.HTTPConnection) -> list[str]:
    conn.request("GET", "/api/events?per_page=5")
    events = json.loads(conn.getresponse().read())["events"]
    eid = events[0]["event_id"] if events else "0000000000000000"
    return ["/api/overview", "/", "/api/actors/PRK/shifts?window=5m", "/actor/PRK?window=5m",
            "/api/actors/PRK/series?freq=quarter", "/api/dyads/PRK/RUS", "/dyad/PRK/RUS",
            "/api/events?actor=PRK&page=1", "/api/events?q=missile&per_page=20", "/events?code=04",
            f"/api/events/{eid}", f"/event/{eid}", "/api/actors/XYZ/shifts", "/api-reference"]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--requests", type=int, default=20000)
    ap.add_argument("--warmup", type=int, default=2000)
    ap.add_argument("--db", type=Path)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="polevent-serve-") as tmp:
        db = args.db
        if db is None:
            db = Path(tmp) / "events.duckdb"
            subprocess.run([sys.executable, "-m", "polevent.cli", "code", str(REPO / "examples" / "articles.jsonl"),
                            "--db", str(db), "--workers", "1", "-q"], cwd=REPO, check=True)
        port = free_port()
        server = subprocess.Popen([sys.executable, "-m", "polevent.cli", "serve", "--db", str(db), "--port", str(port)],
                                  cwd=REPO, stderr=subprocess.PIPE, text=True)
        try:
            server.stderr.readline()  # "serving ..."
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            urls = routes(conn)
            statuses: dict[int, int] = {}
            failed: dict[str, int] = {}
            samples: list[tuple[int, int]] = [(0, rss_kib(server.pid))]
            total = args.warmup + args.requests
            started = time.monotonic()
            for i in range(1, total + 1):
                conn.request("GET", urls[i % len(urls)])
                resp = conn.getresponse()
                resp.read()
                statuses[resp.status] = statuses.get(resp.status, 0) + 1
                if resp.status >= 500:
                    failed[urls[i % len(urls)]] = failed.get(urls[i % len(urls)], 0) + 1
                if i % 1000 == 0:
                    samples.append((i, rss_kib(server.pid)))
            seconds = time.monotonic() - started
        finally:
            server.terminate()
            server.wait(timeout=30)
            said = server.stderr.read().splitlines()
    for n, kib in samples:
        mark = "  <- end of warm-up" if n == args.warmup else ""
        print(f"{n:6d} requests: RSS {kib / 1024:7.1f} MiB{mark}")
    base = dict(samples)[args.warmup] if args.warmup in dict(samples) else samples[0][1]
    end = samples[-1][1]
    print(f"statuses {statuses}; {total / seconds:.0f} requests/s")
    if failed:
        print(f"5xx by route: {failed}; the server said (first 3): {sorted(set(said))[:3]}")
    after = [(n, kib) for n, kib in samples if n >= args.warmup]
    slope = 0.0
    if len(after) > 1:  # least squares: RSS swings by several MiB between samples
        mx = sum(n for n, _ in after) / len(after)
        my = sum(k for _, k in after) / len(after)
        slope = (sum((n - mx) * (k - my) for n, k in after) / sum((n - mx) ** 2 for n, _ in after)) * 1024
    lo, hi = min(k for _, k in after), max(k for _, k in after)
    print(f"after warm-up: {base / 1024:.1f} MiB -> {end / 1024:.1f} MiB over {args.requests} requests, "
          f"between {lo / 1024:.1f} and {hi / 1024:.1f} MiB; trend {slope:+.0f} bytes a request "
          "(least squares over the samples)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
