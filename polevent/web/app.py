"""The web view: pages and a JSON API over one event store, read-only.

``create_app(db)`` opens the DuckDB file read-only once and gives every request its own cursor
(DuckDB connections refuse new work while an earlier result is unread, so requests never share
one). Nothing here writes: no route changes the store.

Pages (HTML, Jinja2 with autoescaping; charts drawn in the browser from the API by
``static/charts.js``, no CDN):

* ``/``: the actors in the store;
* ``/actor/{key}``: partners ranked by the change in relations, a time series per partner;
* ``/dyad/{a}/{b}``: a pair over time, by quad class, with the Goldstein mean and its change points;
* ``/network?actors=PRK,RUS,CHN``: how a few actors act toward each other, before and recently;
* ``/events``: events filtered by actor, pair, code, quad class, dates, text; paginated;
* ``/event/{event_id}``: the sentence with source, target and trigger highlighted, its document;
* ``/api-reference``: the API, from its OpenAPI schema (``/api/openapi.json``).

Every page has a JSON twin under ``/api`` taking the same parameters. Parameters are validated
(actor keys, CAMEO codes, dates, windows, page sizes), every query takes them as ``?`` parameters,
and every response sends a Content-Security-Policy that allows only the app's own scripts and
styles, so even a sentence that slipped through unescaped could not run a script.
"""
from contextlib import asynccontextmanager
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Iterator, Literal
from urllib.parse import urlencode

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.exception_handlers import http_exception_handler, request_validation_exception_handler
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..store import FREQS, Store, open_reading
from . import queries
from .queries import QUADS, NotFound, Search

HERE = Path(__file__).resolve().parent

KEY_RE = r"^[A-Za-z][A-Za-z0-9]{1,11}$"           # PRK, UN, NATO, ...
OPT_KEY_RE = r"^([A-Za-z][A-Za-z0-9]{1,11})?$"    # the same, or empty (an unused form field)
CODE_RE = r"^([0-9]{2,4})?$"                      # a CAMEO code or prefix: 04, 042, 0421
DATE_RE = r"^([0-9]{4}-[0-9]{2}-[0-9]{2})?$"
WINDOW_RE = r"^[1-9][0-9]{0,3}[dwmyDWMY]$"        # 90d, 12w, 6m, 1y
EVENT_ID_RE = r"^[0-9a-fA-F]{8,40}$"

Freq = Literal["day", "week", "month", "quarter", "year"]
Direction = Literal["both", "out", "in"]
WINDOWS = ("90d", "5m", "6m", "1y", "2y")
DEFAULT_WINDOW = "90d"  # as `polevent shifts`

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")


class _RequestStore(Store):
    """A ``Store`` on its own cursor of a shared read-only connection (one per request)."""

    def __init__(self, base: Store) -> None:  # noqa: D107 - no new connection, no schema check
        self.path = base.path
        self.read_only = True
        self.con = base.con.cursor()


def _qs(params: dict[str, Any], **more: Any) -> str:
    """A query string from ``params`` updated with ``more`` (for links in templates)."""
    return urlencode({**params, **more})


def _key(value: str) -> str:
    return value.strip().upper()


def _opt_key(value: str | None) -> str | None:
    return _key(value) if value and value.strip() else None


def _opt_day(value: str | None, name: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise HTTPException(422, f"{name}: {value!r} is not a date (want YYYY-MM-DD)") from None


# Parameters shared by the pages and the API ----------------------------------------------------

ActorKey = Annotated[str, PathParam(pattern=KEY_RE, description="Actor key: country (ISO3, e.g. PRK) or IGO (e.g. UN).")]
FromQ = Annotated[str | None, Query(alias="from", pattern=DATE_RE, description="First event date, YYYY-MM-DD (inclusive).")]
ToQ = Annotated[str | None, Query(alias="to", pattern=DATE_RE, description="Last event date, YYYY-MM-DD (inclusive).")]
FreqQ = Annotated[Freq, Query(description="Period of the time series.")]
WindowQ = Annotated[str, Query(pattern=WINDOW_RE, description="Length of each shift window: 90d, 12w, 6m, 1y.")]
AsOfQ = Annotated[str | None, Query(alias="as_of", pattern=DATE_RE, description="Last day of the recent window (default: the latest event).")]
DirectionQ = Annotated[Direction, Query(description="both, out (the actor is the source) or in (the actor is the target).")]
MinEventsQ = Annotated[int, Query(ge=1, le=10000, description="A change built on fewer events in either window is weak.")]
TopQ = Annotated[int, Query(ge=1, le=30, description="Partners in the time series.")]
CountQ = Annotated[Literal["happenings", "mentions"], Query(
    description="happenings (the mentions of one act counted once) or mentions (every coded event).")]
ActorsQ = Annotated[str, Query(pattern=r"^\s*[A-Za-z][A-Za-z0-9]{1,11}(\s*,\s*[A-Za-z][A-Za-z0-9]{1,11}){1,11}\s*$",
                               description="Two to twelve actor keys, comma-separated: PRK,RUS,CHN.")]
NETWORK_WINDOW = "6m"  # as `polevent network`


def search_params(
    actor: Annotated[str | None, Query(pattern=OPT_KEY_RE, description="Actor on either side.")] = None,
    partner: Annotated[str | None, Query(pattern=OPT_KEY_RE, description="With actor: the other side (both directions).")] = None,
    source: Annotated[str | None, Query(pattern=OPT_KEY_RE, description="Source actor key (directed).")] = None,
    target: Annotated[str | None, Query(pattern=OPT_KEY_RE, description="Target actor key (directed).")] = None,
    code: Annotated[str | None, Query(pattern=CODE_RE, description="CAMEO code or prefix (04, 042, 0421).")] = None,
    quad: Annotated[str | None, Query(pattern=r"^[1-4]?$", description="Quad class 1-4.")] = None,
    start: FromQ = None,
    end: ToQ = None,
    q: Annotated[str | None, Query(max_length=200, description="Text in the sentence (case-insensitive).")] = None,
    doc: Annotated[str | None, Query(max_length=500, description="Document id.")] = None,
) -> Search:
    return Search(actor=_opt_key(actor), partner=_opt_key(partner), source=_opt_key(source),
                  target=_opt_key(target), code=code or None, quad=int(quad) if quad else None,
                  start=_opt_day(start, "from"), end=_opt_day(end, "to"),
                  q=q.strip() or None if q else None, doc=doc or None)


PageQ = Annotated[int, Query(ge=1, le=100000, description="Page number, from 1.")]
PerPageQ = Annotated[int, Query(ge=1, le=200, description="Events per page.")]


def create_app(db: str | Path) -> FastAPI:
    """The app over the event store ``db`` (opened read-only now: a bad file fails here)."""
    base = open_reading(db)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        base.close()

    app = FastAPI(
        title="polevent", version=__version__, lifespan=lifespan,
        description="Political events coded from news text (CAMEO), read-only. Every page of the "
                    "web view has a JSON twin here taking the same parameters.",
        docs_url=None, redoc_url=None, openapi_url="/api/openapi.json",
    )
    app.state.db = str(db)
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.globals.update(QUADS=QUADS, version=__version__, db_name=Path(str(db)).name,
                                 urlencode=urlencode, qs=_qs)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    def store() -> Iterator[Store]:
        if base.con is None:
            raise HTTPException(503, "the store is closed")
        s = _RequestStore(base)
        try:
            yield s
        finally:
            s.close()

    StoreDep = Annotated[Store, Depends(store)]
    SearchDep = Annotated[Search, Depends(search_params)]

    @app.middleware("http")
    async def headers(request: Request, call_next):
        response = await call_next(request)
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        return response

    def page(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
        return templates.TemplateResponse(request, name, context, status_code=status_code)

    def is_api(request: Request) -> bool:
        return request.url.path.startswith("/api/")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        if is_api(request):
            return await http_exception_handler(request, exc)
        return page(request, "error.html", exc.status_code, status=exc.status_code, detail=str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError):
        if is_api(request):
            return await request_validation_exception_handler(request, exc)
        problems = []
        for e in exc.errors():
            where = ".".join(str(p) for p in e.get("loc", ())[1:]) or "request"
            got = e.get("input")
            problems.append(f"{where}: {e.get('msg')}" + (f" (got {got!r})" if isinstance(got, str) else ""))
        return page(request, "error.html", 422, status=422, detail="; ".join(problems))

    def not_found(exc: NotFound) -> HTTPException:
        return HTTPException(404, str(exc))

    def bad_request(exc: Exception) -> HTTPException:
        return HTTPException(422, str(exc))

    # -- JSON API ---------------------------------------------------------------------------------

    @app.get("/api/overview", tags=["api"], summary="Counts, date range and actors")
    def api_overview(s: StoreDep) -> dict[str, Any]:
        """Documents and events stored, the first and last event date, and every actor key with
        its events (in total, as source, as target), busiest first."""
        return queries.overview(s)

    @app.get("/api/actors/{key}/shifts", tags=["api"], summary="An actor's partners ranked by change")
    def api_shifts(s: StoreDep, key: ActorKey, window: WindowQ = DEFAULT_WINDOW, as_of: AsOfQ = None,
                   direction: DirectionQ = "both", min_events: MinEventsQ = 5,
                   count: CountQ = "happenings") -> dict[str, Any]:
        """`polevent shifts` as JSON: per partner, events, Goldstein mean, cooperative share and
        tone in the window before and the recent window, and their changes, the change of the
        Goldstein mean and of the cooperative share with a seeded 90% bootstrap interval
        (`*_change_low`, `*_change_high`) and whether it is clear (`*_clear`: the interval
        excludes 0); ranked by the change in Goldstein mean, largest rise first."""
        try:
            return queries.actor_shifts(s, _key(key), window, _opt_day(as_of, "as_of"), direction,
                                        min_events, count)
        except NotFound as exc:
            raise not_found(exc) from None
        except ValueError as exc:
            raise bad_request(exc) from None

    @app.get("/api/actors/{key}/series", tags=["api"], summary="Cooperation and conflict per partner over time")
    def api_series(s: StoreDep, key: ActorKey, freq: FreqQ = "month", start: FromQ = None, end: ToQ = None,
                   top: TopQ = 6,
                   partners: Annotated[str | None, Query(pattern=r"^([A-Za-z0-9]{2,12})(,[A-Za-z0-9]{2,12})*$",
                                                         description="Partners in this order, comma-separated (default: the busiest).")] = None,
                   count: CountQ = "happenings") -> dict[str, Any]:
        """Per partner (both directions) and period: events per quad class, cooperative and
        conflictual events, mentions, Goldstein sum and mean, mean tone."""
        wanted = [_key(p) for p in partners.split(",")] if partners else None
        try:
            return queries.actor_series(s, _key(key), freq, _opt_day(start, "from"), _opt_day(end, "to"),
                                        wanted, top, count)
        except NotFound as exc:
            raise not_found(exc) from None

    @app.get("/api/dyads/{a}/{b}", tags=["api"], summary="A pair over time")
    def api_dyad(s: StoreDep, a: ActorKey, b: ActorKey, freq: FreqQ = "month", start: FromQ = None,
                 end: ToQ = None, count: CountQ = "happenings") -> dict[str, Any]:
        """Events between two actors per period (both directions, and each direction apart):
        counts per quad class, mentions, Goldstein sum and mean, mean tone; and `change_points`,
        the periods where the pair's Goldstein mean moves to a new level (with the segment means
        before and after)."""
        return queries.dyad(s, _key(a), _key(b), freq, _opt_day(start, "from"), _opt_day(end, "to"), count)

    @app.get("/api/network", tags=["api"], summary="How a few actors act toward each other")
    def api_network(s: StoreDep, actors: ActorsQ, window: WindowQ = NETWORK_WINDOW, as_of: AsOfQ = None,
                    count: CountQ = "happenings") -> dict[str, Any]:
        """`polevent network` as JSON: every directed pair among the actors with events in the
        window before or the recent window: events, mentions, Goldstein mean, cooperative share and
        tone in each window, and where to list the pair's events in each window."""
        try:
            return queries.network(s, [actors], window, _opt_day(as_of, "as_of"), count)
        except ValueError as exc:
            raise bad_request(exc) from None

    @app.get("/api/events", tags=["api"], summary="Search events")
    def api_events(s: StoreDep, search: SearchDep, page: PageQ = 1, per_page: PerPageQ = 50) -> dict[str, Any]:
        """Events in date order, filtered; `total` counts them all, `events` holds one page."""
        return queries.search_events(s, search, page, per_page)

    @app.get("/api/events/{event_id}", tags=["api"], summary="One event with its evidence")
    def api_event(s: StoreDep,
                  event_id: Annotated[str, PathParam(pattern=EVENT_ID_RE, description="The event id.")]) -> dict[str, Any]:
        """The event (as `polevent code` writes it), its document, the other events of the document,
        and the sentence cut into segments with the source, target and trigger marked."""
        try:
            return queries.get_event(s, event_id.lower())
        except NotFound as exc:
            raise not_found(exc) from None

    # -- pages ------------------------------------------------------------------------------------

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home(request: Request, s: StoreDep):
        return page(request, "index.html", data=queries.overview(s))

    @app.get("/actor", include_in_schema=False)
    def actor_pick(key: Annotated[str, Query(pattern=KEY_RE)]):
        return RedirectResponse(f"/actor/{_key(key)}", status_code=303)

    @app.get("/actor/{key}", response_class=HTMLResponse, include_in_schema=False)
    def actor_page(request: Request, s: StoreDep, key: ActorKey, window: WindowQ = DEFAULT_WINDOW,
                   as_of: AsOfQ = None, direction: DirectionQ = "both", min_events: MinEventsQ = 5,
                   freq: FreqQ = "month", top: TopQ = 6, count: CountQ = "happenings"):
        key = _key(key)
        try:
            report = queries.actor_shifts(s, key, window, _opt_day(as_of, "as_of"), direction, min_events,
                                          count)
        except NotFound as exc:
            raise not_found(exc) from None
        except ValueError as exc:
            raise bad_request(exc) from None
        ranked = ",".join(p["partner"] for p in report["partners"])
        series_q = {"freq": freq, "top": top, "count": count}
        if ranked:
            series_q["partners"] = ranked
        return page(request, "actor.html", key=key, report=report, window=window.lower(),
                    windows=WINDOWS, direction=direction, min_events=min_events, freq=freq, top=top,
                    as_of=as_of or "", freqs=FREQS, count=count,
                    series_api=f"/api/actors/{key}/series?{urlencode(series_q)}")

    @app.get("/dyad/{a}/{b}", response_class=HTMLResponse, include_in_schema=False)
    def dyad_page(request: Request, s: StoreDep, a: ActorKey, b: ActorKey, freq: FreqQ = "month",
                  start: FromQ = None, end: ToQ = None, count: CountQ = "happenings"):
        a, b = _key(a), _key(b)
        d1, d2 = _opt_day(start, "from"), _opt_day(end, "to")
        data = queries.dyad(s, a, b, freq, d1, d2, count)
        search = Search(actor=a, partner=b, start=d1, end=d2)
        recent = queries.search_events(s, search, 1, 200)
        q = {"freq": freq, "count": count}
        q.update({k: v for k, v in (("from", start), ("to", end)) if v})
        return page(request, "dyad.html", data=data, a=a, b=b, freq=freq, freqs=FREQS, count=count,
                    start=start or "", end=end or "", events=recent, search=search,
                    dyad_api=f"/api/dyads/{a}/{b}?{urlencode(q)}")

    @app.get("/network", response_class=HTMLResponse, include_in_schema=False)
    def network_page(request: Request, s: StoreDep, actors: ActorsQ = "PRK,RUS,CHN",
                     window: WindowQ = NETWORK_WINDOW, as_of: AsOfQ = None, count: CountQ = "happenings"):
        try:
            data = queries.network(s, [actors], window, _opt_day(as_of, "as_of"), count)
        except ValueError as exc:
            raise bad_request(exc) from None
        q = {"actors": ",".join(data["actors"]), "window": window.lower(), "count": count}
        if as_of:
            q["as_of"] = as_of
        return page(request, "network.html", data=data, window=window.lower(), windows=WINDOWS,
                    as_of=as_of or "", count=count, network_api=f"/api/network?{urlencode(q)}")

    @app.get("/events", response_class=HTMLResponse, include_in_schema=False)
    def events_page(request: Request, s: StoreDep, search: SearchDep, page_no: Annotated[int, Query(alias="page", ge=1, le=100000)] = 1,
                    per_page: PerPageQ = 50):
        result = queries.search_events(s, search, page_no, per_page)
        base_q = dict(result["query"])
        if per_page != 50:
            base_q["per_page"] = str(per_page)
        return page(request, "events.html", result=result, search=search, base_q=base_q,
                    api=f"/api/events?{_qs(base_q, page=page_no)}")

    @app.get("/event/{event_id}", response_class=HTMLResponse, include_in_schema=False)
    def event_page(request: Request, s: StoreDep,
                   event_id: Annotated[str, PathParam(pattern=EVENT_ID_RE)]):
        try:
            data = queries.get_event(s, event_id.lower())
        except NotFound as exc:
            raise not_found(exc) from None
        return page(request, "event.html", data=data, ev=data["event"],
                    api=f"/api/events/{event_id.lower()}")

    @app.get("/api-reference", response_class=HTMLResponse, include_in_schema=False)
    def api_reference(request: Request):
        return page(request, "api.html", schema=app.openapi())

    return app


__all__ = ["create_app"]
