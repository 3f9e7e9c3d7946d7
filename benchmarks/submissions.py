"""The submissions benchmark: cases filed over HTTP per second, their p95, and how many were lost.

A real server (uvicorn, `tsifra.web.app:create_app`, WORKERS processes) on loopback, on an
empty migrated database: the SQLite default (WAL) and a PostgreSQL cluster of its own started
with durable settings (fsync and synchronous commit on, unlike the tests' throwaway cluster).
CLIENTS threads in this process file Open311 requests back to back (closed loop: each sends
its next request when the previous one is answered) for DURATION seconds, each with its own
`Idempotency-Key`, exactly as `tests/submission_load.py` does for the load tests. Sustained
rate = acknowledged requests ÷ duration; p95 of the acknowledged requests' latencies; lost =
acknowledged ids not in the database afterwards (it must be 0), duplicated = cases beyond the
acknowledged ones (must be 0).

The goal the issue sets is ≥ 500 per second on PostgreSQL on this 2-core machine; the clients
share those two cores with the server, so the figure is a floor of what the server does alone.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.timing import RESULTS

DURATION = float(os.environ.get("BENCH_SUBMISSIONS_SECONDS", "20"))
CLIENTS = int(os.environ.get("BENCH_SUBMISSIONS_CLIENTS", "16"))
WORKERS = tuple(int(w) for w in os.environ.get("BENCH_SUBMISSIONS_WORKERS", "1,2").split(","))
WARMUP = 50  # requests filed before measuring (imports, first connections, caches)
# Where the time goes, measured in-process on this machine (each call alone, SQLite, no HTTP):
# `submit_case` ≈ 19 ms (two transactions through the ORM: the idempotency and reference
# reads, then the insert of case, contact and event, and its commit), the Open311 key check
# ≈ 4 ms (its own transaction, which also writes `last_used_at` once a minute), the
# jurisdiction check ≈ 4 ms (another); form parsing, the middleware stack and the threadpool
# hop add the rest. See docs/feedback-protection.md for the figures and what would change them.


def run() -> None:
    sys.path.insert(0, str(Path(__file__).parents[1] / "tests"))
    from tsifra.store import make_engine, upgrade

    results = []
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        cluster = _durable_postgres()
        try:
            for backend in ("sqlite", "postgresql"):
                for workers in WORKERS:
                    name = f"{backend}-{workers}"
                    if backend == "sqlite":
                        url = f"sqlite:///{folder / (name + '.db')}"
                    else:
                        url = _create_database(cluster, name.replace("-", "_"))
                    engine = make_engine(url)
                    upgrade(engine)
                    engine.dispose()
                    load_before = os.getloadavg()[0]
                    figures = _measure(url, folder / name, workers)
                    figures.update(
                        backend=backend,
                        workers=workers,
                        load_before=round(load_before, 1),
                        load_after=round(os.getloadavg()[0], 1),
                    )
                    results.append(figures)
                    _print(figures)
        finally:
            _stop_postgres(cluster)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "submissions.json").write_text(json.dumps(results, indent=2) + "\n")
    (RESULTS / "submissions.md").write_text(_markdown(results))


def _measure(url: str, home: Path, workers: int) -> dict:
    import threading

    from submission_load import Outcome, Server, free_port, open311_key, stored, submit_many

    home.mkdir()
    server = Server(url, home, free_port(), workers=workers)
    key = open311_key(url)
    server.start()
    try:
        warm = submit_many(server.base, key, threads=5, per_thread=WARMUP // 5, prefix="warm")
        outcome = Outcome()
        stop = threading.Event()
        counter = iter(range(10**9))
        lock = threading.Lock()

        def client() -> None:
            import httpx

            from submission_load import _file, form

            with httpx.Client(timeout=30.0) as http:
                while not stop.is_set():
                    with lock:
                        n = next(counter)
                    data = form(key, n, "bench")
                    url_ = server.base + "/open311/v2/requests.json"
                    _file(http, url_, f"bench-{n}", data, False, 60.0, outcome)

        threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        time.sleep(DURATION)
        stop.set()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - started
        ceiling = _trivial_rate(server.base)
    finally:
        server.stop()
    cases = stored(url)
    acked = set(outcome.acked.values())
    latencies = sorted(outcome.latencies)
    return {
        "clients": CLIENTS,
        "seconds": round(elapsed, 1),
        "acknowledged": len(acked),
        "per_second": round(len(acked) / elapsed, 1),
        "p50_ms": round(statistics.median(latencies) * 1000, 1) if latencies else None,
        "p95_ms": round(latencies[int(0.95 * (len(latencies) - 1))] * 1000, 1)
        if latencies
        else None,
        "lost": len(acked - set(cases)),
        "duplicated": len(cases) - len(warm.acked) - len(acked),
        "refused": len(outcome.refused),
        "retries": outcome.retries,
        "trivial_per_second": ceiling,
    }


def _trivial_rate(base: str, seconds: float = 5.0) -> float:
    """The same clients against `/api/v1/health` (no database): what this client and the
    framework reach on this machine at all, the ceiling the submissions are read against."""
    import threading

    import httpx

    stop = threading.Event()
    counts = []

    def client() -> None:
        n = 0
        with httpx.Client(timeout=30.0) as http:
            while not stop.is_set():
                http.get(base + "/api/v1/health")
                n += 1
        counts.append(n)

    threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
    for thread in threads:
        thread.start()
    time.sleep(seconds)
    stop.set()
    for thread in threads:
        thread.join()
    return round(sum(counts) / seconds, 1)


def _durable_postgres():
    """A cluster as production runs one: fsync and synchronous commit on, data on disk (not
    the RAM disk the tests use), in a folder of its own the `postgres` user may enter."""
    from postgres import Cluster, _free_port, _run, find_bin

    bin_dir = find_bin()
    if bin_dir is None:
        raise SystemExit("PostgreSQL binaries not found (/usr/lib/postgresql/*/bin)")
    folder = Path(tempfile.mkdtemp(prefix="tsifra-bench-pg-", dir="/var/tmp"))
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    data = folder / "data"
    _run(bin_dir / "initdb", "-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8",
         "--locale=C.UTF-8")  # fmt: skip
    port = _free_port()
    options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c max_connections=200"
    _run(bin_dir / "pg_ctl", "-D", data, "-o", options, "-l", folder / "log", "-w", "start")
    return Cluster(bin_dir, folder, port)


def _create_database(cluster, name: str) -> str:
    from sqlalchemy import text

    from tsifra.store import make_engine

    admin = make_engine(cluster.url).execution_options(isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"CREATE DATABASE {name}"))
    admin.dispose()
    return cluster.url_for(name)


def _stop_postgres(cluster) -> None:
    argv = [str(cluster.bin / "pg_ctl"), "-D", str(cluster.folder / "data"), "-m", "fast", "stop"]
    if os.geteuid() == 0:
        argv = ["runuser", "-u", "postgres", "--", *argv]
    subprocess.run(argv, check=False, capture_output=True)
    shutil.rmtree(cluster.folder, ignore_errors=True)


def _print(f: dict) -> None:
    print(
        f"  {f['backend']} × {f['workers']} workers: {f['per_second']}/s sustained, "
        f"p95 {f['p95_ms']} ms, lost {f['lost']}, duplicated {f['duplicated']}, "
        f"refused {f['refused']}"
    )


def _markdown(results: list[dict]) -> str:
    lines = [
        "# Submissions over HTTP (Open311 `POST requests.json`)",
        "",
        f"`python -m benchmarks submissions`: {CLIENTS} client threads, closed loop, "
        f"{DURATION:.0f} s per row, loopback, this machine's {os.cpu_count()} cores shared by "
        "the server and the clients. PostgreSQL with fsync and synchronous commit on. "
        "Lost = acknowledged but absent afterwards; duplicated = stored beyond the "
        "acknowledged ones. Load = the machine's 1-minute load average before and after the "
        "row (other people's work on the same two cores). Trivial GET = the same clients "
        "against `/api/v1/health` (no database) for 5 s after the row: the ceiling of this "
        "client, framework and machine. Goal: ≥ 500/s on PostgreSQL.",
        "",
        "| database | server workers | per second | p50 ms | p95 ms | acknowledged | lost "
        "| duplicated | refused | load | trivial GET per second |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for f in results:
        lines.append(
            f"| {f['backend']} | {f['workers']} | {f['per_second']} | {f['p50_ms']} "
            f"| {f['p95_ms']} | {f['acknowledged']} | {f['lost']} | {f['duplicated']} "
            f"| {f['refused']} | {f['load_before']}–{f['load_after']} "
            f"| {f['trivial_per_second']} |"
        )
    return "\n".join(lines) + "\n"
