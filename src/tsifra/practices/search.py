"""Full-text search of the registry with Russian word forms, facets and their counts.

One call answers a page of the list: the practices matching the query and the facets chosen
(AND across facets, OR within one), their total, and for every facet the count of each value
with every OTHER facet's filter and the query applied but not its own (disjunctive counts: a
reader who chose «здравоохранение» still sees how many practices the other sectors hold).
The facets are counted in memory over the registry's keys (`facet_index`), and the words are
matched in memory too, in an inverted index of the database's own full-text index
(`word_index`); both are kept in the one cache (the facets until the registry or the values
change, the words until the registry does), and every order and page is chosen there; only
the page's rows are read, by their ids.
Word forms are matched by `fts_words` on both databases; the index is `fts`, kept current by
`index_practice`, which the registry's writes call in their own transaction.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

import numpy as np
from sqlalchemy import (
    ColumnElement,
    Connection,
    Engine,
    Select,
    and_,
    bindparam,
    func,
    or_,
    select,
)

from tsifra.kernel.cache import Cache
from tsifra.kernel.problems import Problem, ValidationFailed
from tsifra.practices import fts, fts_words
from tsifra.practices.effects import refresh_effects, values_version
from tsifra.practices.facet_index import FacetIndex, facet_index, registry_version
from tsifra.practices.vocabulary import (
    AI_KINDS,
    NOT_AI,
    SECTORS,
    STAGES,
    ai_kind_word,
    is_stale,
    sector_word,
    stage_word,
)
from tsifra.practices.word_index import word_index
from tsifra.store.models import Practice, PracticeReplication

FACETS = ("sector", "ai_kind", "stage", "region", "indicator")
SORTS = ("effect", "relevance", "verified", "title")
MAX_PER_PAGE = 100
MAX_PAGE = 100_000  # an offset beyond any registry, and within every database's integers
MAX_QUERY = 500  # characters of `q`
MAX_VALUES = 100  # values chosen in one facet
MAX_VALUE = 128  # characters of one value
CLOSED = {"sector": SECTORS, "ai_kind": (*AI_KINDS, NOT_AI), "stage": STAGES}


@dataclass(frozen=True)
class PracticeQuery:
    """What a reader asks: words (any form) and the facet values chosen; () means any."""

    q: str | None = None
    sector: tuple[str, ...] = ()
    ai_kind: tuple[str, ...] = ()  # the kinds, and `none` for practices that are not AI
    stage: tuple[str, ...] = ()
    region: tuple[str, ...] = ()  # the practice's own regions (not its replications')
    indicator: tuple[str, ...] = ()  # an indicator the practice is meant to move


@dataclass(frozen=True)
class FacetCount:
    value: str
    count: int


@dataclass(frozen=True)
class PracticeRow:
    id: int
    title: str
    sector: str
    ai_kind: str | None
    stage: str
    regions: tuple[str, ...]
    effect: float | None  # the summary of the measured effect, % (None: not measurable)
    replication_count: int  # replications with evidence only
    verified_at: date
    stale: bool
    snippet: str | None = None  # words of the problem or description around a match


@dataclass(frozen=True)
class SearchResult:
    total: int
    items: list[PracticeRow]
    facets: dict[str, list[FacetCount]] = field(default_factory=dict)


def index_practice(connection: Connection, practice_id: int) -> None:
    """Bring the full-text index of one practice in step with its record (same transaction);
    a deleted practice leaves the index too."""
    fts.index_practices(connection, [practice_id])


def search_practices(
    engine: Engine,
    query: PracticeQuery,
    *,
    sort: str | None = None,
    page: int = 1,
    per_page: int = 20,
    today: date | None = None,
    cache: Cache | None = None,
) -> SearchResult:
    """A page of the practices matching `query`, its total and the disjunctive facet counts.

    `sort`: `effect` (the measured effect, best first, unmeasured last; the default),
    `relevance` (the default when words are given; without words it is `effect`), `verified`
    (most recently verified first), `title`. Ties go by id, so pages never overlap.
    """
    _check(query, sort, page, per_page)
    values = values_version(engine)
    refresh_effects(engine, values)  # a corrected value re-sorts the registry at once
    groups = fts_words.query_terms(query.q)
    if sort is None:
        sort = "relevance" if groups else "effect"
    if query.q and query.q.strip() and not groups:  # only function words or punctuation
        return SearchResult(0, [], _empty_facets(query))
    today = today or date.today()
    with engine.connect() as connection:
        registry = registry_version(connection) if cache is not None else None
        index = facet_index(engine, connection, cache, registry, values)
        hits = score = None
        if groups:
            words = word_index(engine, connection, cache, registry)
            hits, score = words.found(groups, index.row_of, index.size)
        passing, total, facets = _counted(index, query, hits)
        if sort == "relevance" and not groups:  # no words: nothing to be relevant to
            sort = "effect"
        if sort == "relevance":  # the words' weights first, then the measured effect
            ids = index.page(passing, "effect", page, per_page, score)
        else:
            ids = index.page(passing, sort, page, per_page)
        items = _Rows(connection, groups, index).rows(ids, today)
    return SearchResult(total, items, facets)


def warm(engine: Engine, cache: Cache) -> None:
    """Read the registry's facets and words into the cache (seconds at 100,000 practices), so
    that the first reader after a start does not wait for them."""
    with engine.connect() as connection:
        registry = registry_version(connection)
        facet_index(engine, connection, cache, registry)
        word_index(engine, connection, cache, registry)


def _counted(
    index: FacetIndex, query: PracticeQuery, hits: np.ndarray | None
) -> tuple[np.ndarray, int, dict[str, list[FacetCount]]]:
    """Which practices pass, their total and the disjunctive counts: each facet counted over
    the practices passing the words and every OTHER facet's filter."""
    n = index.size
    masks: dict[str, np.ndarray] = {}
    for name in ("sector", "ai_kind", "stage"):
        if getattr(query, name):
            masks[name] = index.closed(name, getattr(query, name))
    if query.region:
        masks["region"] = index.regions.having(query.region, n)
    if query.indicator:
        masks["indicator"] = index.indicators.having(query.indicator, n)
    if hits is not None:
        masks["q"] = hits

    def passing(but: str | None = None) -> np.ndarray:
        mask = np.ones(n, dtype=bool)
        for name, m in masks.items():
            if name != but:
                mask &= m
        return mask

    def closed(name: str, values: tuple[str, ...]) -> list[FacetCount]:
        found = index.count(name, passing(name))
        return [FacetCount(v, int(found[i])) for i, v in enumerate(values)]

    everything = passing()
    facets = {
        "sector": closed("sector", SECTORS),
        "ai_kind": closed("ai_kind", (*AI_KINDS, NOT_AI)),
        "stage": closed("stage", STAGES),
        "region": _ranked(index.regions.counts(passing("region")), query.region),
        "indicator": _ranked(index.indicators.counts(passing("indicator")), query.indicator),
    }
    return everything, int(everything.sum()), facets


def facet_labels(
    engine: Engine, facets: dict[str, list[FacetCount]], lang: str
) -> dict[str, dict[str, str]]:
    """The words a reader sees for each facet value, in `lang`: sectors, kinds and stages from
    the registry's vocabulary, regions by name, indicators by their name in the index's
    methodology (an indicator it does not hold, or a code nobody knows, is shown as itself)."""
    from tsifra.tasks.listing import indicator_names, region_names

    regions = region_names(lang) if facets.get("region") else {}
    indicators: dict[str, str] = {}
    if facets.get("indicator"):
        try:
            indicators = indicator_names(engine, lang)
        except ValidationFailed:  # no methodology to name them from: codes it is
            indicators = {}
    words = {
        "sector": lambda v: sector_word(v, lang),
        "ai_kind": lambda v: ai_kind_word(v, lang),
        "stage": lambda v: stage_word(v, lang),
        "region": lambda v: regions.get(v, v),
        "indicator": lambda v: indicators.get(v, v),
    }
    return {
        name: {f.value: words[name](f.value) for f in counts} for name, counts in facets.items()
    }


def _check(query: PracticeQuery, sort: str | None, page: int, per_page: int) -> None:
    problems = []
    if query.q is not None and len(query.q) > MAX_QUERY:
        problems.append(Problem("psearch_query_too_long", path="q", params={"limit": MAX_QUERY}))
    for name in FACETS:
        values = getattr(query, name)
        if len(values) > MAX_VALUES:
            problems.append(
                Problem("psearch_too_many_values", path=name, params={"limit": MAX_VALUES})
            )
            continue
        allowed = CLOSED.get(name)
        for value in values:
            # No control character: PostgreSQL refuses a NUL in text, as a server error.
            if (
                not isinstance(value, str)
                or not value
                or not value.isprintable()
                or len(value) > MAX_VALUE
            ):
                shown = repr(value)[1:-1][:64] if isinstance(value, str) else str(value)[:64]
                problems.append(Problem("psearch_value_bad", path=name, value=shown))
            elif allowed is not None and value not in allowed:
                problems.append(Problem("psearch_value_unknown", path=name, value=value))
    if sort is not None and sort not in SORTS:
        problems.append(Problem("psearch_sort_unknown", path="sort", value=str(sort)[:64]))
    if not isinstance(page, int) or not 1 <= page <= MAX_PAGE:
        problems.append(Problem("psearch_page_bad", path="page", value=page))
    if not isinstance(per_page, int) or not 1 <= per_page <= MAX_PER_PAGE:
        problems.append(
            Problem("psearch_per_page_bad", path="per_page", value=per_page,
                    params={"limit": MAX_PER_PAGE})
        )  # fmt: skip
    if problems:
        raise ValidationFailed(problems)


def _counted_replication() -> ColumnElement[bool]:
    """The registry's rule (`counts`) in SQL: a kind, and a number with its date, a link or a
    kept file; an empty string is no evidence."""
    r = PracticeReplication

    def given(col) -> ColumnElement[bool]:
        return and_(col.is_not(None), col != "")

    return and_(
        given(r.evidence_kind),
        or_(
            and_(given(r.evidence_number), r.evidence_date.is_not(None)),
            given(r.evidence_url),
            given(r.evidence_sha256),
        ),
    )


def _rows_statement(texts: bool) -> Select:
    """A page's rows by their ids (made once: building a statement costs more than running
    it); with the problem and the description where words are given, for the snippet."""
    p = Practice
    replications = (
        select(func.count())
        .where(PracticeReplication.practice_id == p.id, _counted_replication())
        .scalar_subquery()
    )
    wanted = [p.id, p.title, p.sector, p.ai_kind, p.stage, p.effect, p.verified_at]
    statement = select(*wanted, replications, *([p.problem, p.description] if texts else []))
    return statement.where(p.id.in_(bindparam("ids", expanding=True)))


_ROWS = _rows_statement(texts=False)
_ROWS_WITH_TEXTS = _rows_statement(texts=True)


class _Rows:
    """The rows of a page chosen in memory, read by their ids on the search's connection."""

    def __init__(self, connection: Connection, groups, index: FacetIndex) -> None:
        self.connection = connection
        self.groups = groups
        self.index = index  # the regions, as the facets counted them

    def rows(self, ids: list[int], today: date) -> list[PracticeRow]:
        """The rows of these practices, in this order (a page chosen in memory)."""
        if not ids:
            return []
        statement = _ROWS_WITH_TEXTS if self.groups else _ROWS
        found = {r[0]: r for r in self.connection.execute(statement, {"ids": ids})}
        return self._shown([found[i] for i in ids if i in found], today)

    def _shown(self, rows, today: date) -> list[PracticeRow]:
        regions = self.index.regions_of([r[0] for r in rows])
        items = []
        for row in rows:
            snippet = None
            if self.groups:
                snippet = fts_words.snippet(row[8] or "", self.groups) or fts_words.snippet(
                    row[9] or "", self.groups
                )
            items.append(
                PracticeRow(
                    id=row[0],
                    title=row[1],
                    sector=row[2],
                    ai_kind=row[3],
                    stage=row[4],
                    regions=regions.get(row[0], ()),
                    effect=row[5],
                    replication_count=row[7] or 0,
                    verified_at=row[6],
                    stale=is_stale(row[6], today),
                    snippet=snippet,
                )
            )
        return items


def _ranked(found: dict[str, int], chosen: tuple[str, ...]) -> list[FacetCount]:
    """An open facet: the values with practices, most first, and the chosen ones even when
    none is left."""
    for value in chosen:
        found.setdefault(value, 0)
    ordered = sorted(found.items(), key=lambda item: (-item[1], item[0]))
    return [FacetCount(v, n) for v, n in ordered]


def _listed(values: tuple[str, ...], counts: Counter[str]) -> list[FacetCount]:
    """A closed facet lists every value in the vocabulary's order, zeros included."""
    return [FacetCount(v, counts.get(v, 0)) for v in values]


def _empty_facets(query: PracticeQuery) -> dict[str, list[FacetCount]]:
    empty: Counter[str] = Counter()
    return {
        "sector": _listed(SECTORS, empty),
        "ai_kind": _listed((*AI_KINDS, NOT_AI), empty),
        "stage": _listed(STAGES, empty),
        "region": [FacetCount(v, 0) for v in query.region],
        "indicator": [FacetCount(v, 0) for v in query.indicator],
    }
