"""Searching a registry of 100,000 practices (goal: p95 under 50 ms), on the SQLite default
and on a throwaway PostgreSQL cluster where its binaries are installed.

The registry is synthetic: titles and descriptions drawn from words of each sector in their
inflected forms («больница», «больницах», «больничный»), sectors, kinds, stages, one or two
regions and one to three indicators per practice, a measured effect for 60 % of them, and
30,000 replications of which half carry evidence. It is bulk-inserted, then indexed at once
(`practices.fts.index_all`, timed). A call is what the API does: `search_practices`, i.e. the
page of 20, the total and the five facets' disjunctive counts. Medians and p95 of REPEAT calls
of each kind on one core, after one warm-up call.

Each practice with a measured effect also gets the effect row the registry keeps
(`practice_effects`, current with the stored values), so `refresh_effects`, which the search
calls first, finds nothing to recompute, as on a server between two loads of values.
"""

from __future__ import annotations

import json
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

from benchmarks.timing import RESULTS, one_core, timed

REPEAT = 20
TOTAL = 100_000
REPLICATIONS = 30_000
TODAY = date(2026, 11, 30)
TESTS = Path(__file__).resolve().parents[1] / "tests"

WORDS = {
    "health": "больница больницы больнице больницах больничный поликлиника поликлиники врач "
    "врачей пациент пациентов запись записи телемедицина телемедицинский снимок снимков "
    "диагностика диагностики скорая помощь койка коек медицинский медицинских лекарство",
    "education": "школа школы школе школами школьный школьников ученик учеников учитель "
    "учителей журнал журнала урок уроков экзамен экзаменов детский сад садов кружок",
    "gov": "госуслуги заявление заявлений обращение обращений документ документов реестр "
    "реестра приёмная приёмной жалоба жалоб услуга услуг архив архива чиновник",
    "transport": "автобус автобусов маршрут маршрутов дорога дорог дорожный светофор "
    "светофоров парковка парковки трасса трассы транспорт транспортный остановка",
    "city": "двор дворов освещение мусор мусорный ЖКХ вода воды снег снега уборка уборки "
    "благоустройство дом домов подъезд лифт лифтов тепло отопление",
    "other": "туризм туристов культура музей музеев спорт спортивный сельское хозяйство",
}
COMMON = [
    "система",
    "платформа",
    "сервис",
    "цифровой",
    "цифровая",
    "данные",
    "данных",
    "региона",
    "региональный",
    "мониторинг",
    "анализ",
    "прогноз",
    "распознавание",
    "изображений",
    "голосовой",
    "помощник",
    "чат-бот",
    "портал",
    "мобильное",
    "приложение",
    "ГИС",
    "OCR",
    "нейросеть",
    "модель",
    "автоматизация",
    "учёт",
    "контроль",
]
SECTORS = ("health", "gov", "transport", "education", "city", "other")
SECTOR_WEIGHTS = (30, 25, 15, 15, 10, 5)
AI_KINDS = (None, None, None, None, None, "vision", "text", "speech", "prediction",
            "recommendation")  # fmt: skip
STAGES = ("idea", "pilot", "production", "scaled", "retired")
INDICATORS = tuple(f"ind_{n:02d}" for n in range(40))

QUERIES = {
    "browse, sorted by effect": ({}, None),
    "browse, page 50": ({}, None, 50),
    "sector + stage": ({"sector": ("health",), "stage": ("production", "scaled")}, None),
    "region + indicator": ({"region": ("RU-TA",), "indicator": ("ind_03", "ind_07")}, None),
    "kind «none» + two sectors": ({"ai_kind": ("none",), "sector": ("gov", "city")}, None),
    "words: «больница» (common), relevance": ({"q": "больница"}, None),
    "words: «больничный» + sector": ({"q": "больничный", "sector": ("health",)}, None),
    "words: «школа журнал», by effect": ({"q": "школа журнал"}, "effect"),
    "words: «светофоров» + region": ({"q": "светофоров", "region": ("RU-MOW", "RU-SPE")}, None),
    "words: rare («музей архив»)": ({"q": "музей архив"}, None),
    "sector, by title": ({"sector": ("transport",)}, "title"),
}


def _text(rng: random.Random, sector: str, count: int) -> str:
    own = WORDS[sector].split()
    return " ".join(rng.choice(own) if rng.random() < 0.5 else rng.choice(COMMON)
                    for _ in range(count))  # fmt: skip


def _rows(regions: list[str]) -> tuple[list[dict], ...]:
    rng = random.Random(14)
    at = datetime(2026, 1, 1)
    practices, links, indicators, replications, effects = [], [], [], [], []
    for n in range(1, TOTAL + 1):
        sector = rng.choices(SECTORS, SECTOR_WEIGHTS)[0]
        practices.append(
            {
                "id": n,
                "title": _text(rng, sector, rng.randint(3, 6)).capitalize(),
                "description": _text(rng, sector, rng.randint(25, 60)),
                "problem": _text(rng, sector, rng.randint(5, 15)),
                "owner_agency": f"Министерство {rng.choice(COMMON)} {n % 300}",
                "sector": sector,
                "ai_kind": rng.choice(AI_KINDS),
                "technologies": rng.sample(["ГИС", "OCR", "нейросеть", "Python", "1С"], 2),
                "stage": rng.choice(STAGES),
                "software": None if rng.random() < 0.5 else f"Продукт {n % 1000}",
                "verified_at": TODAY - timedelta(days=rng.randint(0, 730)),
                "created_at": at,
                "updated_at": at,
                "effect": round(rng.gauss(5, 10), 2) if rng.random() < 0.6 else None,
                "synthetic": True,
            }
        )
        own = rng.sample(regions, rng.choice((1, 1, 2)))
        moved = rng.sample(INDICATORS, rng.randint(1, 3))
        links += [{"practice_id": n, "region": region} for region in own]
        indicators += [{"practice_id": n, "indicator": indicator} for indicator in moved]
        effect = practices[-1]["effect"]
        if effect is not None:
            effects.append(
                {"practice_id": n, "indicator": moved[0], "region": own[0], "before": 100.0,
                 "after": 100.0 + effect, "effect": effect}
            )  # fmt: skip
    for _ in range(REPLICATIONS):
        evidenced = rng.random() < 0.5
        replications.append(
            {
                "practice_id": rng.randint(1, TOTAL),
                "region": rng.choice(regions),
                "started_on": date(2026, 3, 1),
                "status": "production",
                "evidence_kind": "contract" if evidenced else None,
                "evidence_number": "1-2026" if evidenced else None,
                "evidence_date": date(2026, 3, 1) if evidenced else None,
                "verified_at": TODAY,
                "created_at": at,
            }
        )
    return practices, links, indicators, replications, effects


def _fill(url: str) -> float:
    """Load the registry; the seconds the full-text index took to build."""
    from sqlalchemy import insert, select, text

    from tsifra.practices.effects import values_version
    from tsifra.practices.fts import index_all
    from tsifra.store import make_engine, upgrade
    from tsifra.store.models import (
        Practice,
        PracticeEffect,
        PracticeIndicator,
        PracticeRegion,
        PracticeReplication,
        Unit,
    )

    engine = make_engine(url)
    upgrade(engine)
    with engine.connect() as connection:
        regions = sorted(connection.scalars(select(Unit.code).where(Unit.kind == "region")))
    *rows, effects = _rows(regions)
    version = values_version(engine)
    effects = [row | {"data_version": version} for row in effects]
    models = (Practice, PracticeRegion, PracticeIndicator, PracticeReplication, PracticeEffect)
    tables = zip(models, (*rows, effects), strict=True)
    with engine.begin() as connection:
        for model, rows in tables:
            for start in range(0, len(rows), 10_000):
                connection.execute(insert(model), rows[start : start + 10_000])
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT setval('practices_id_seq', :n)"), {"n": TOTAL})
        started = time.perf_counter()
        index_all(connection)
        took = time.perf_counter() - started
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        vacuum = "VACUUM ANALYZE" if connection.dialect.name == "postgresql" else "ANALYZE"
        connection.execute(text(vacuum))  # as autovacuum leaves a table: index-only scans
    engine.dispose()
    return took


def _measure(url: str) -> dict[str, dict[str, float]]:
    from tsifra.kernel.cache import Cache
    from tsifra.practices.facet_index import read_index
    from tsifra.practices.search import PracticeQuery, search_practices
    from tsifra.practices.word_index import read_words
    from tsifra.store import make_engine

    engine = make_engine(url)
    cache = Cache(background=False)  # one cache, as the web application holds
    figures = {}
    with one_core():
        # The facets in memory are read once per change of the registry or of the values: the
        # first search after a write pays this, the searches after it share it.
        def build():
            with engine.connect() as connection:
                return read_index(connection)

        times = sorted(timed(build, 5))
        figures["facets read into memory (after a write)"] = {
            "matches": TOTAL,
            "median_ms": statistics.median(times) * 1000,
            "p95_ms": times[-1] * 1000,
        }

        # The words are read whole once (the server warms them at its start, and a bulk load
        # has them read again); a write afterwards re-reads only the practices written.
        def words():
            with engine.connect() as connection:
                return read_words(connection)

        times = sorted(timed(words, 3))
        figures["words read into memory (at the start, after a bulk load)"] = {
            "matches": TOTAL,
            "median_ms": statistics.median(times) * 1000,
            "p95_ms": times[-1] * 1000,
        }
        held = words().base
        memory = held.ids.nbytes + held.places.nbytes + held.starts.nbytes
        memory += sum(sys.getsizeof(s) for s in held.stems)
        print(f"  words in memory: {held.size:,} postings, {memory / 2**20:.1f} MB", flush=True)
        figures["words held in memory (MB)"] = memory / 2**20
        for name, (fields, sort, *page) in QUERIES.items():
            query = PracticeQuery(**fields)

            def call(query=query, sort=sort, page=page[0] if page else 1):
                return search_practices(
                    engine, query, sort=sort, page=page, today=TODAY, cache=cache
                )

            total = call().total
            times, cpu = [], []
            for _ in range(REPEAT):  # wall clock, and this process's CPU (load-proof)
                started, used = time.perf_counter(), time.process_time()
                call()
                times.append(time.perf_counter() - started)
                cpu.append(time.process_time() - used)
            times.sort()
            figures[name] = {
                "matches": total,
                "median_ms": statistics.median(times) * 1000,
                "p95_ms": times[int(0.95 * (len(times) - 1))] * 1000,
                "cpu_ms": statistics.median(cpu) * 1000,
            }
            print(f"  {name}: {figures[name]}", flush=True)
        figures["first search after a write (facets read again, the written words)"] = (
            _after_a_write(engine, cache)
        )
    engine.dispose()
    return figures


def _after_a_write(engine, cache) -> dict[str, float]:
    """A practice written through the registry, then the next search (words «больница»): it
    reads the facets again and only the written practice's words; of 3 writes."""
    from tsifra.practices.drafts import PracticeDraft
    from tsifra.practices.records import create_practice
    from tsifra.practices.search import PracticeQuery, search_practices

    times = []
    for n in range(3):
        draft = PracticeDraft(title=f"Запись в больницу {n}", sector="health",
                              regions=("RU-TA",))  # fmt: skip
        create_practice(engine, draft, account=None, actor="benchmark")
        started = time.perf_counter()
        found = search_practices(engine, PracticeQuery(q="больница"), today=TODAY, cache=cache)
        times.append(time.perf_counter() - started)
    times.sort()
    return {"matches": found.total, "median_ms": statistics.median(times) * 1000,
            "p95_ms": times[-1] * 1000}  # fmt: skip


def _postgres():
    sys.path.insert(0, str(TESTS))
    import postgres  # tests/postgres.py: a throwaway cluster from Debian's binaries

    bin_dir = postgres.find_bin()
    if bin_dir is None:
        return None
    return postgres.start(bin_dir)


def run() -> None:
    results: dict[str, dict] = {}
    builds: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as home:
        os.environ.setdefault("TSIFRA_HOME", home)
        url = f"sqlite:///{home}/practices.db"
        builds["SQLite"] = _fill(url)
        print(f"SQLite loaded, index built in {builds['SQLite']:.1f} s", flush=True)
        results["SQLite"] = _measure(url)
    cluster = _postgres()
    if cluster is not None:
        try:
            builds["PostgreSQL"] = _fill(cluster.url)
            print(f"PostgreSQL loaded, index built in {builds['PostgreSQL']:.1f} s", flush=True)
            results["PostgreSQL"] = _measure(cluster.url)
        finally:
            cluster.stop()
    RESULTS.mkdir(exist_ok=True)
    payload = {"search": results, "index_build_s": builds}
    (RESULTS / "practices.json").write_text(json.dumps(payload, indent=1), encoding="utf-8")
    lines = [
        f"Search of a registry of {TOTAL:,} practices ({REPLICATIONS:,} replications); goal: "
        "p95 under 50 ms. A call is the page of 20, the total and the five facets' counts. "
        f"Medians and p95 of {REPEAT} calls on one core (`python -m benchmarks practices`), "
        "with the application's cache holding the facets and the words in memory. The first "
        "row is what the first search after a write of the registry (or of the values) pays "
        "once, of 5 reads; the second, reading the words whole (at the start, after a bulk "
        "load), of 3; the last, a search right after a practice is written, of 3 (their p95 "
        "column is the slowest). The CPU column is the calling process's own CPU time per "
        "call (median): on a machine shared with other work it shows what the search costs "
        "when the wall clock shows the queue for the cores; PostgreSQL's server time is not "
        "in it.",
        "",
        "| database | call | matches | median ms | p95 ms | median CPU ms |",
        "|---|---|---|---|---|---|",
    ]
    for database, figures in results.items():
        for name, f in figures.items():
            if not isinstance(f, dict):
                continue
            cpu = f"{f['cpu_ms']:.1f}" if "cpu_ms" in f else "—"
            lines.append(
                f"| {database} | {name} | {f['matches']:,} | {f['median_ms']:.1f} "
                f"| {f['p95_ms']:.1f} | {cpu} |"
            )
    lines += ["", "The registry's words held in memory (the inverted index the search matches in):"]
    lines += [
        f"- {database}: {figures['words held in memory (MB)']:.1f} MB"
        for database, figures in results.items()
    ]
    lines += ["", "Building the full-text index of all practices at once:"]
    lines += [f"- {database}: {seconds:.1f} s" for database, seconds in builds.items()]
    lines += [
        "",
        f"Measured on a shared machine (2 cores; load average {os.getloadavg()[0]:.1f} at the "
        "end of the run): compare the figures with each other.",
    ]
    if "PostgreSQL" not in results:
        lines += ["", "PostgreSQL: not measured (no server binaries on this machine)."]
    (RESULTS / "practices.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
