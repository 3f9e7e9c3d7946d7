"""Full-text search of the registry with Russian word forms, facets and their counts.

One call answers a page of the list: the practices matching the query and the facets chosen
(AND across facets, OR within one), their total, and for every facet the count of each value
with every OTHER facet's filter and the query applied but not its own (disjunctive counts: a
reader who chose «здравоохранение» still sees how many practices the other sectors hold).
All of it is counted in SQL, none of it by loading the registry: one statement for the total
and the five facets (the words matched once in it), one for the page, one for its regions.
Word forms are matched by `fts_words` on both databases; the index is `fts`, kept current by
`index_practice`, which the registry's writes call in their own transaction.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import (
    ColumnElement,
    Connection,
    Engine,
    Integer,
    Select,
    String,
    and_,
    case,
    cast,
    column,
    func,
    literal,
    null,
    or_,
    select,
    union_all,
)

from tsifra.kernel.problems import Problem, ValidationFailed
from tsifra.practices import fts, fts_words
from tsifra.practices.effects import refresh_effects
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
from tsifra.store.models import Practice, PracticeIndicator, PracticeRegion, PracticeReplication

FACETS = ("sector", "ai_kind", "stage", "region", "indicator")
SORTS = ("effect", "relevance", "verified", "title")
MAX_PER_PAGE = 100
MAX_PAGE = 100_000  # an offset beyond any registry, and within every database's integers
RANKED_AT_MOST = 2_000  # matches scored one by one for relevance (see `_Search.page`)
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
) -> SearchResult:
    """A page of the practices matching `query`, its total and the disjunctive facet counts.

    `sort`: `effect` (the measured effect, best first, unmeasured last; the default),
    `relevance` (the default when words are given; without words it is `effect`), `verified`
    (most recently verified first), `title`. Ties go by id, so pages never overlap.
    """
    _check(query, sort, page, per_page)
    refresh_effects(engine)  # a corrected value re-sorts the registry at once
    groups = fts_words.query_terms(query.q)
    if sort is None:
        sort = "relevance" if groups else "effect"
    if query.q and query.q.strip() and not groups:  # only function words or punctuation
        return SearchResult(0, [], _empty_facets(query))
    today = today or date.today()
    with engine.connect() as connection:
        search = _Search(connection, query, groups)
        total, facets = search.counts()
        items = search.page(sort, page, per_page, today, total)
    return SearchResult(total, items, facets)


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


class _Search:
    """One search on one connection: the conditions of each facet, the counts, the page."""

    def __init__(self, connection: Connection, query: PracticeQuery, groups) -> None:
        self.connection = connection
        self.query = query
        self.groups = groups
        self.dialect = connection.dialect.name
        self.conditions: dict[str, ColumnElement[bool]] = {}
        if query.sector:
            self.conditions["sector"] = Practice.sector.in_(query.sector)
        if query.ai_kind:
            kinds = [k for k in query.ai_kind if k != NOT_AI]
            either = [Practice.ai_kind.in_(kinds)] if kinds else []
            if NOT_AI in query.ai_kind:
                either.append(Practice.ai_kind.is_(None))
            self.conditions["ai_kind"] = or_(*either)
        if query.stage:
            self.conditions["stage"] = Practice.stage.in_(query.stage)
        # Sets of ids, each found once by its own index, rather than a lookup per practice.
        if query.region:
            self.conditions["region"] = Practice.id.in_(
                select(PracticeRegion.practice_id).where(PracticeRegion.region.in_(query.region))
            )
        if query.indicator:
            self.conditions["indicator"] = Practice.id.in_(
                select(PracticeIndicator.practice_id).where(
                    PracticeIndicator.indicator.in_(query.indicator)
                )
            )
        if groups:
            # Materialised: the counts' three parts read the matches of one full-text lookup.
            matched = fts.matching_ids(self.dialect, groups).columns(column("id", Integer))
            hits = select(matched.subquery().c.id).cte("hits").prefix_with("MATERIALIZED")
            self.conditions["q"] = Practice.id.in_(select(hits.c.id))

    def _except(self, *names: str) -> list[ColumnElement[bool]]:
        return [c for n, c in self.conditions.items() if n not in names]

    def counts(self) -> tuple[int, dict[str, list[FacetCount]]]:
        """The total and every facet's counts, in one statement of three grouped parts."""
        query = self.query
        # sector × kind × stage in one part: each of the three facets and the total are sums
        # over its groups that pass the other two facets' filters.
        columns = (Practice.sector, Practice.ai_kind, Practice.stage)
        grouped = (
            select(literal(0), *columns, func.count())
            .where(*self._except("sector", "ai_kind", "stage"))
            .group_by(*columns)
        )
        linked = [
            self._linked(1, "region", PracticeRegion.practice_id, PracticeRegion.region),
            self._linked(
                2, "indicator", PracticeIndicator.practice_id, PracticeIndicator.indicator
            ),
        ]
        sectors: Counter[str] = Counter()
        kinds: Counter[str] = Counter()
        stages: Counter[str] = Counter()
        found: tuple[dict[str, int], ...] = ({}, {}, {})
        total = 0
        for part, value, ai_kind, stage, n in self.connection.execute(union_all(grouped, *linked)):
            if part:
                found[part][value] = n
                continue
            kind = ai_kind or NOT_AI
            in_sector = not query.sector or value in query.sector
            in_kind = not query.ai_kind or kind in query.ai_kind
            in_stage = not query.stage or stage in query.stage
            sectors[value] += n * (in_kind and in_stage)
            kinds[kind] += n * (in_sector and in_stage)
            stages[stage] += n * (in_sector and in_kind)
            total += n * (in_sector and in_kind and in_stage)
        facets = {
            "sector": _listed(SECTORS, sectors),
            "ai_kind": _listed((*AI_KINDS, NOT_AI), kinds),
            "stage": _listed(STAGES, stages),
            "region": _ranked(found[1], query.region),
            "indicator": _ranked(found[2], query.indicator),
        }
        return total, facets

    def _linked(self, part: int, name: str, practice_id, value) -> Select:
        """A facet kept in a table of its own (regions, indicators), counted with the other
        facets' filters and the words."""
        nothing = cast(null(), String)
        statement = select(literal(part), value, nothing, nothing, func.count()).group_by(value)
        others = self._except(name)
        if others:
            statement = statement.where(practice_id.in_(select(Practice.id).where(*others)))
        return statement

    def page(
        self, sort: str, page: int, per_page: int, today: date, total: int
    ) -> list[PracticeRow]:
        p = Practice
        # Scoring every match (bm25, ts_rank) costs time in proportion to the matches; past
        # RANKED_AT_MOST, relevance is the title holding every word, then the measured effect.
        scored = sort == "relevance" and self.groups and total <= RANKED_AT_MOST
        if sort == "relevance" and self.groups and not scored:
            in_title = fts.title_matching_ids(self.dialect, self.groups)
            sort = "effect"
        else:
            in_title = None
        replications = (
            select(func.count())
            .where(PracticeReplication.practice_id == p.id, _counted_replication())
            .scalar_subquery()
        )
        wanted = [p.id, p.title, p.sector, p.ai_kind, p.stage, p.effect, p.verified_at]
        texts = [p.problem, p.description] if self.groups else []
        conditions = self.conditions
        if scored:  # the ranked matches are the words' filter
            conditions = {n: c for n, c in conditions.items() if n != "q"}
        statement = select(*wanted, replications, *texts).where(*conditions.values())
        if in_title is not None:
            title_first = case((p.id.in_(in_title.columns(column("id", Integer))), 0), else_=1)
            statement = statement.order_by(title_first)
        if scored:
            ranked = fts.ranked(self.dialect, self.groups).subquery("ranked")
            statement = statement.join(ranked, ranked.c.id == p.id).order_by(ranked.c.rank, p.id)
        elif sort == "verified":
            statement = statement.order_by(p.verified_at.desc(), p.id)
        elif sort == "title":
            statement = statement.order_by(p.title, p.id)
        else:
            effect = p.effect.desc()  # SQLite puts NULLs last in descending order already
            if self.dialect == "postgresql":
                effect = effect.nulls_last()
            statement = statement.order_by(effect, p.id)
        statement = statement.limit(per_page).offset((page - 1) * per_page)
        rows = self.connection.execute(statement).all()
        regions = self._regions([r[0] for r in rows])
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

    def _regions(self, ids: list[int]) -> dict[int, tuple[str, ...]]:
        if not ids:
            return {}
        statement = (
            select(PracticeRegion.practice_id, PracticeRegion.region)
            .where(PracticeRegion.practice_id.in_(ids))
            .order_by(PracticeRegion.practice_id, PracticeRegion.region)
        )
        found: dict[int, list[str]] = {}
        for practice_id, region in self.connection.execute(statement):
            found.setdefault(practice_id, []).append(region)
        return {k: tuple(v) for k, v in found.items()}


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
