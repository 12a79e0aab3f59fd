"""Actor knowledge: states, organisations, people with dated offices, role words.

All of it lives in TSV files under ``polevent/data/actors`` and in users' own files of the same
schemas (``--actors FILE``), so that fixing a stale leader never needs a code change. Loading
validates every row and reports the first bad one as ``file:line: reason``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Iterable

ROLES = {"GOV", "MIL", "REB", "OPP", "PTY", "CVL", "MED", "BUS", "JUD", "LEG", "SPY", "COP",
         "EDU", "REL", "NGO", "IGO", "ELI"}

COUNTRY_COLUMNS = ["iso3", "name", "aliases", "demonyms", "capitals"]
ORG_COLUMNS = ["name", "aliases", "country", "igo", "role", "kind"]
PEOPLE_COLUMNS = ["name", "aliases", "country", "role", "office", "start", "end"]
# Heads of international organisations: the same, with the organisation's IGO code for the country.
IGO_PEOPLE_COLUMNS = ["name", "aliases", "igo", "role", "office", "start", "end"]
ROLE_COLUMNS = ["role", "words"]
PLACE_COLUMNS = ["name", "aliases", "country", "kind"]
PEOPLES_COLUMNS = ["group", "aliases", "country", "role", "kind"]
SHARED_COLUMNS = ["shared", "countries", "note"]
WELL_KNOWN_COLUMNS = ["well_known", "note"]


class KnowledgeError(ValueError):
    """A malformed knowledge file; the message names file and line."""


@dataclass(frozen=True)
class Term:
    country: str
    role: str
    office: str
    start: date
    end: date | None
    igo: str | None = None  # an office in an international organisation ("" country)

    def covers(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass
class Person:
    name: str
    aliases: set[str] = field(default_factory=set)
    terms: list[Term] = field(default_factory=list)

    def term_on(self, day: date | None) -> Term | None:
        """The office held on ``day``; a leader outside every term holds none (not GOV)."""
        if day is None:
            return max(self.terms, key=lambda t: t.start) if self.terms else None
        for term in self.terms:
            if term.covers(day):
                return term
        return None

    def home_country(self, day: date | None) -> str | None:
        """The country of the national term nearest to ``day``: a former leader stays that
        country's actor (offices in international organisations say nothing of it)."""
        terms = [t for t in self.terms if t.country]
        if not terms:
            return None
        if day is None:
            return terms[-1].country

        def distance(t: Term) -> int:
            if t.covers(day):
                return 0
            if day < t.start:
                return (t.start - day).days
            return (day - (t.end or day)).days
        return min(terms, key=distance).country


@dataclass
class Country:
    iso3: str
    name: str
    aliases: list[str]
    demonyms: list[str]
    capitals: list[str]


@dataclass
class Org:
    name: str
    aliases: list[str]
    country: str | None
    igo: str | None
    role: str | None
    kind: str


@dataclass
class Group:
    """A people or community ("the Karen", "Kurds", "Muslims"): a non-state actor of the one
    state it lives in, or, with no country, of whatever state a place in the text names."""
    name: str
    aliases: list[str]
    country: str | None
    role: str
    kind: str


@dataclass
class Knowledge:
    """Everything the actor stage knows, indexed by surface form."""

    countries: dict[str, Country] = field(default_factory=dict)
    orgs: dict[str, Org] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    role_words: dict[str, str] = field(default_factory=dict)
    places: dict[str, tuple[str, str]] = field(default_factory=dict)  # name -> (ISO3, kind)
    groups: dict[str, Group] = field(default_factory=dict)
    # A place name of several states -> (default ISO3 or None, all candidate ISO3s).
    shared: dict[str, tuple[str | None, list[str]]] = field(default_factory=dict)
    # States whose leaders the news names by family name alone ("Putin said").
    well_known: set[str] = field(default_factory=set)

    def surfaces(self) -> dict[str, tuple[str, str]]:
        """Surface string -> (kind, key); later sources override earlier ones (users win)."""
        out: dict[str, tuple[str, str]] = {}
        for name, (iso, _kind) in self.places.items():
            out[name] = ("place", iso)
        for key, g in self.groups.items():
            for s in [g.name, *g.aliases]:
                out[s] = ("people", key)
        for c in self.countries.values():
            for s in [c.name, *c.aliases]:
                out[s] = ("country", c.iso3)
            for s in c.demonyms:
                out[s] = ("demonym", c.iso3)
            for s in c.capitals:
                out[s] = ("capital", c.iso3)
        for name in self.shared:
            out[name] = ("shared", name)  # a capital shared with a city elsewhere waits for context
        for key, o in self.orgs.items():
            for s in [o.name, *o.aliases]:
                out[s] = ("org", key)
        for key, p in self.people.items():
            for s in [p.name, *p.aliases]:
                out[s] = ("person", key)
        return {_strip_the(s): v for s, v in out.items() if s.strip()}

    def surnames(self) -> dict[str, list[str]]:
        """Family name -> people, so that a later bare "Putin" or "Kim" finds its person."""
        out: dict[str, list[str]] = {}
        east_asian = {"PRK", "KOR", "CHN", "TWN", "VNM", "HKG", "MNG", "KHM"}
        for key, p in self.people.items():
            for full in [p.name, *p.aliases]:
                parts = full.replace("-", " ").split()
                while parts and (parts[0].lower().rstrip(".") in TITLES or parts[0].lower() in self.role_words):
                    parts = parts[1:]  # "King Norodom Sihamoni", "Sheikh Mohammed bin Rashid"
                if len(parts) >= 2 and _ROMAN.fullmatch(parts[-1]):
                    parts = parts[:-1]  # a regnal number: "King Hassan II" is King Hassan
                    if len(parts) == 1:
                        lst = out.setdefault(parts[0], [])
                        if key not in lst:
                            lst.append(key)
                if len(parts) < 2:
                    continue
                countries = {t.country for t in p.terms}
                cands = set()
                if parts[-2].lower() not in PATRONYMIC:
                    # "Mohammed bin Rashid": the last word names his father, not his family.
                    cands.add(parts[-1])
                if countries & east_asian:
                    cands.add(parts[0])
                for c in cands:
                    if len(c) > 1 and c[0].isupper():
                        lst = out.setdefault(c, [])
                        if key not in lst:
                            lst.append(key)
        return out


# Honorifics that stand before a name without being part of it.
TITLES = {"mr", "mrs", "ms", "dr", "sheikh", "sheik", "gen", "general", "col", "colonel", "lt", "maj",
          "major", "capt", "captain", "sir", "lord", "lady", "dame", "rev", "father", "imam", "ayatollah",
          "mullah", "cardinal", "pope", "saint", "st", "madam", "madame", "monsieur", "senor", "herr",
          "king", "queen", "prince", "princess", "emir", "sultan", "president", "marshal", "admiral",
          "chairman", "chairwoman", "chair", "premier", "comrade"}
# Words that make the next name a father's or a child's ("bin Rashid", "Abu Mazen").
PATRONYMIC = {"bin", "ibn", "bint", "ben", "ould", "abu", "umm", "ap"}
_ROMAN = re.compile(r"[IVX]+")


def _strip_the(s: str) -> str:
    s = s.strip()
    return s[4:] if s.lower().startswith("the ") else s


def _split(cell: str | None) -> list[str]:
    return [v.strip() for v in (cell or "").split("|") if v.strip()]


def _parse_date(value: str, where: str) -> date:
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise KnowledgeError(f"{where}: bad date {value!r} (want YYYY-MM-DD)") from None


def _rows(text: str, name: str) -> Iterable[tuple[int, dict[str, str], list[str]]]:
    lines = [(n, line) for n, line in enumerate(text.splitlines(), 1)
             if line.strip() and not line.lstrip().startswith("#")]
    if not lines:
        return
    header_no, header_line = lines[0]
    header = [h.strip() for h in header_line.split("\t")]
    for n, line in lines[1:]:
        cells = line.split("\t")
        if len(cells) > len(header):
            raise KnowledgeError(f"{name}:{n}: {len(cells)} columns, header has {len(header)}")
        cells += [""] * (len(header) - len(cells))
        yield n, dict(zip(header, (c.strip() for c in cells))), header


def _header(text: str) -> list[str]:
    for line in text.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            return [h.strip() for h in line.split("\t")]
    return []


def add_file(kb: Knowledge, text: str, name: str) -> None:
    """Add one knowledge file, whose schema is told by its header, to ``kb``."""
    header = _header(text)
    if header == COUNTRY_COLUMNS:
        for n, row, _ in _rows(text, name):
            iso = row["iso3"]
            if len(iso) != 3 or not iso.isalpha() or not iso.isupper():
                raise KnowledgeError(f"{name}:{n}: iso3 must be 3 capital letters, got {iso!r}")
            if not row["name"]:
                raise KnowledgeError(f"{name}:{n}: empty name")
            kb.countries[iso] = Country(iso, row["name"], _split(row["aliases"]),
                                        _split(row["demonyms"]), _split(row["capitals"]))
    elif header == ORG_COLUMNS:
        for n, row, _ in _rows(text, name):
            where = f"{name}:{n}"
            role = row["role"] or None
            if role and role not in ROLES:
                raise KnowledgeError(f"{where}: unknown role {role!r}")
            country = row["country"] or None
            if country and (len(country) != 3 or not country.isupper()):
                raise KnowledgeError(f"{where}: country must be ISO3, got {country!r}")
            if not row["name"]:
                raise KnowledgeError(f"{where}: empty name")
            if not (country or row["igo"] or role):
                raise KnowledgeError(f"{where}: needs a country, an igo or a role")
            kb.orgs[row["name"]] = Org(row["name"], _split(row["aliases"]), country,
                                       row["igo"] or None, role, row["kind"] or "other")
    elif header in (PEOPLE_COLUMNS, IGO_PEOPLE_COLUMNS):
        # national offices name their state, offices in organisations their IGO code
        igos = {o.igo for o in kb.orgs.values() if o.igo} if header == IGO_PEOPLE_COLUMNS else None
        for n, row, _ in _rows(text, name):
            where = f"{name}:{n}"
            if not row["name"]:
                raise KnowledgeError(f"{where}: empty name")
            country, igo, role = row.get("country", ""), row.get("igo") or None, row["role"]
            if igos is None and (len(country) != 3 or not country.isupper()):
                raise KnowledgeError(f"{where}: country must be ISO3, got {country!r}")
            if igos is not None and igo not in igos:
                raise KnowledgeError(f"{where}: unknown igo {igo!r} (not an igo of the organisations)")
            if role not in ROLES:
                raise KnowledgeError(f"{where}: unknown role {role!r}")
            start = _parse_date(row["start"], where) if row["start"] else date(1900, 1, 1)
            end = _parse_date(row["end"], where) if row["end"] else None
            if end and end < start:
                raise KnowledgeError(f"{where}: term ends before it starts")
            person = kb.people.setdefault(row["name"], Person(row["name"]))
            person.aliases.update(_split(row["aliases"]))
            person.terms.append(Term(country, role, row["office"], start, end, igo))
            person.terms.sort(key=lambda t: t.start)
    elif header == PLACE_COLUMNS:
        for n, row, _ in _rows(text, name):
            iso = row["country"]
            if len(iso) != 3 or not iso.isupper():
                raise KnowledgeError(f"{name}:{n}: country must be ISO3, got {iso!r}")
            if not row["name"]:
                raise KnowledgeError(f"{name}:{n}: empty name")
            for s in [row["name"], *_split(row["aliases"])]:
                kb.places[s] = (iso, row["kind"] or "place")
    elif header == PEOPLES_COLUMNS:
        for n, row, _ in _rows(text, name):
            where = f"{name}:{n}"
            iso, role = row["country"], row["role"] or "CVL"
            if iso and (len(iso) != 3 or not iso.isupper()):
                raise KnowledgeError(f"{where}: country must be ISO3, got {iso!r}")
            if role not in ROLES:
                raise KnowledgeError(f"{where}: unknown role {role!r}")
            if not row["group"]:
                raise KnowledgeError(f"{where}: empty group")
            kb.groups[row["group"]] = Group(row["group"], _split(row["aliases"]), iso or None, role,
                                            row["kind"] or "ethnic")
    elif header == SHARED_COLUMNS:
        for n, row, _ in _rows(text, name):
            where = f"{name}:{n}"
            codes = _split(row["countries"])
            if not row["shared"]:
                raise KnowledgeError(f"{where}: empty name")
            default = None if codes and codes[0] == "-" else (codes[0] if codes else None)
            codes = [c for c in codes if c != "-"]
            if len(codes) < 2:
                raise KnowledgeError(f"{where}: a shared name needs at least two countries")
            for c in codes:
                if len(c) != 3 or not c.isupper():
                    raise KnowledgeError(f"{where}: country must be ISO3, got {c!r}")
            kb.shared[row["shared"]] = (default, codes)
    elif header == WELL_KNOWN_COLUMNS:
        for n, row, _ in _rows(text, name):
            iso = row["well_known"]
            if len(iso) != 3 or not iso.isupper():
                raise KnowledgeError(f"{name}:{n}: well_known must be ISO3, got {iso!r}")
            kb.well_known.add(iso)
    elif header == ROLE_COLUMNS:
        for n, row, _ in _rows(text, name):
            if row["role"] not in ROLES:
                raise KnowledgeError(f"{name}:{n}: unknown role {row['role']!r}")
            for word in _split(row["words"]):
                kb.role_words[word.lower()] = row["role"]
    else:
        raise KnowledgeError(f"{name}:1: unknown header {header!r}; expected one of the actor "
                             f"schemas (countries, orgs, people, IGO people, places, peoples, shared places, roles, well known) described in the README")


BUILTIN_FILES = ["places.tsv", "peoples.tsv", "countries.tsv", "shared_places.tsv", "orgs.tsv", "people.tsv",
                 "roles.tsv", "well_known.tsv", "igo_people.tsv"]


def load_knowledge(extra: Iterable[str | Path] = ()) -> Knowledge:
    """The shipped knowledge plus the user's files, applied in order (later ones override)."""
    kb = Knowledge()
    base = resources.files("polevent") / "data" / "actors"
    for fname in BUILTIN_FILES:
        ref = base / fname
        if ref.is_file():
            add_file(kb, ref.read_text(encoding="utf-8"), f"polevent/data/actors/{fname}")
    for path in extra:
        p = Path(path)
        try:
            raw = p.read_bytes()
        except OSError as exc:
            raise KnowledgeError(f"{p}: cannot read ({exc.strerror})") from None
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = raw[: exc.start].count(b"\n") + 1
            raise KnowledgeError(f"{p}:{line}: not UTF-8 text") from None
        add_file(kb, text, str(p))
    return kb
