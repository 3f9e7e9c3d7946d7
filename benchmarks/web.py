"""The web benchmark: `tsifra serve` on the demo data under a fixed load of 100 requests/s.

The server (`tsifra serve` itself: uvicorn, one process, measured after its warm-up) and the load
generator are two processes on loopback, so the client's own work does not slow the server. The
generator is open-loop: request i is sent at t0 + i/rate whether or not earlier ones have
answered, so a slow server shows up as latency instead of as a lower request rate (the
coordinated-omission trap of closed-loop tools). Each target runs for DURATION seconds; a
trivial endpoint (`/api/v1/health`, no database) in the same run gives the ratio that says how
much of a latency is the framework and how much is ours.

Then the pages of a signed-in reader, which no cache keeps whole (each carries the reader's name
and CSRF token): the region's home screen as its operator sees it and the federal view as an
analyst does, at SIGNED_RATE requests/s — a governor's office and the federal analysts at their
busiest, not the public — with the session cookie of a real sign-in through the login form.

Then the rating API once more, while a batch of a million values is ingested into the same
database by another process (`values.ingest.ingest_file`, what `tsifra ingest` runs; the file
of the ingest benchmark): the p95 of the requests sent while the batch was being written, next
to the idle figure of the same run. Readers must not wait for the writer (SQLite in WAL mode).
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx
import numpy as np

from benchmarks.timing import RESULTS

RATE = 100  # requests per second
DURATION = 20.0  # seconds per target
WARMUP = 20  # requests per target before measuring (first hits fill the per-run caches)
TARGETS = {  # name → (path, p95 target in ms or None)
    "trivial": ("/api/v1/health", None),
    "ratings_api": ("/api/v1/ratings", 50.0),
    "profile_page": ("/regions/RU-TA", 150.0),
    "profile_api": ("/api/v1/regions/RU-TA", 150.0),
    "rating_page": ("/", None),
}
# Signed-in pages: name → (path, p95 target in ms or None, the demo account signed in).
SIGNED_IN = {
    "home_signed_in": ("/regions/RU-TA", 150.0, "operator"),
    "federal_signed_in": ("/federal", None, "analyst"),
}
SIGNED_RATE = 20  # requests per second
BENCH_PASSWORD = "bench-password-" * 2  # the demo accounts' password in this throwaway database
TSIFRA = str(Path(sys.executable).with_name("tsifra"))  # the console script users run
WARM_TIMEOUT_S = 600.0
UNDER_INGEST = ("ratings_api", 45.0)  # (target, seconds of load around the ingest)
# The ingest takes one of the machine's two cores, so the load around it is one a single core
# can serve with the load generator beside it: at 100 requests/s the three processes want more
# than two cores and an open-loop queue grows without bound, whatever the database does.
INGEST_RATE = 20  # requests per second, before and during the ingest
IDLE_BEFORE_S = 10.0  # the same requests before the ingest starts: the idle figure of this run
INGEST = """
import json, sys, time
from tsifra.values.ingest import ingest_file
from tsifra.store import make_engine
url, data = sys.argv[1:3]
engine = make_engine(url)
start = time.time()
report = ingest_file(engine, data, "bench-under-load", methodology="bench", actor="bench")
print(json.dumps({"start": start, "end": time.time(), "new": report.new}))
"""


def run() -> None:
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'tsifra.db'}"
        loaded = _load_demo(url)
        port = _free_port()
        env = {
            **os.environ,
            "TSIFRA_DATABASE_URL": url,
            "TSIFRA_SECRET_KEY": "bench-" * 8,
            "TSIFRA_LANG": "en",
        }
        server = subprocess.Popen(
            [TSIFRA, "serve", "--port", str(port)],
            env=env,
            cwd=folder,
            stdout=subprocess.PIPE,
            text=True,
        )
        try:
            base = f"http://127.0.0.1:{port}"
            _wait_until_up(base)
            warmed = _wait_until_warm(server)
            results = {}
            for name, (path, target) in TARGETS.items():
                if httpx.get(base + path, timeout=30).status_code == 404:
                    print(f"  {name}: {path} is not served (404), skipped")
                    continue
                figures = _load(base + path)
                figures.update(path=path, target_p95_ms=target)
                results[name] = figures
                _print(name, figures)
            for name, (path, target, login) in SIGNED_IN.items():
                cookie = _sign_in(base, login)
                figures = _load(base + path, SIGNED_RATE, cookie)
                figures.update(
                    path=path, target_p95_ms=target, rate_asked=SIGNED_RATE, signed_in_as=login
                )
                results[name] = figures
                _print(name, figures)
            for name, figures in _during_ingest(base, url, Path(folder), TARGETS).items():
                results[name] = figures
                _print(name, figures)
        finally:
            server.terminate()
            server.wait(timeout=30)
    base_p95 = results["trivial"]["p95_ms"]
    for figures in results.values():
        figures["p95_ratio_to_trivial"] = figures["p95_ms"] / base_p95
    report = {
        "rate_rps": RATE,
        "duration_s": DURATION,
        "cpus": os.cpu_count(),
        # other work on the machine shows up as latency: the 1-minute load average at the end
        "load_average_1m": round(os.getloadavg()[0], 2),
        "demo_load_s": loaded,
        "warm_up_s": warmed,
        "targets": results,
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "web.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    (RESULTS / "web.md").write_text(_markdown(report), encoding="utf-8")


def _print(name: str, figures: dict) -> None:
    print(
        f"  {name:<26} p50 {figures['p50_ms']:7.2f}  p95 {figures['p95_ms']:7.2f}  "
        f"p99 {figures['p99_ms']:7.2f} ms  errors {figures['errors']}  "
        f"rate {figures['achieved_rps']:.1f}/s"
    )


def _during_ingest(base: str, url: str, folder: Path, targets: dict) -> dict[str, dict]:
    """The open-loop load on one target before and while another process ingests a million
    values: the requests scheduled before the batch starts give the idle figure, those between
    its start and end the figure during the ingest."""
    from benchmarks.ingest import write_inputs
    from tsifra.store import make_engine
    from tsifra.store.methodologies import store_methodology

    target, seconds = UNDER_INGEST
    path, goal = targets[target]
    methodology, data, count = write_inputs(folder)
    engine = make_engine(url)
    store_methodology(engine, str(methodology))
    engine.dispose()
    command = [
        *(sys.executable, "-m", "benchmarks.web", base + path),
        *(str(INGEST_RATE), str(seconds), "20"),
    ]
    generator = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    time.sleep(IDLE_BEFORE_S)
    ingest = subprocess.run(
        [sys.executable, "-c", INGEST, url, str(data)], check=True, capture_output=True, text=True
    )
    batch = json.loads(ingest.stdout.strip().splitlines()[-1])
    samples = json.loads(generator.communicate()[0])
    assert batch["new"] == count, batch
    requests = samples["requests"]
    idle = [(latency, failed) for at, latency, failed in requests if at < batch["start"]]
    busy = [(lat, failed) for at, lat, failed in requests if batch["start"] <= at <= batch["end"]]
    window = batch["end"] - batch["start"]
    start = requests[0][0] if requests else batch["start"]
    before = _summary(
        np.array([x for x, _ in idle]), sum(f for _, f in idle), batch["start"] - start
    )
    during = _summary(np.array([x for x, _ in busy]), sum(f for _, f in busy), window)
    covered = requests[-1][0] >= batch["end"] if requests else False
    for figures in (before, during):
        figures.update(path=path, target_p95_ms=goal, rate_asked=INGEST_RATE)
    during.update(ingest_values=count, ingest_s=round(window, 1), load_covered_ingest=covered)
    return {f"{target}_before_ingest": before, f"{target}_during_ingest": during}


def _load_demo(url: str) -> float:
    from tsifra.demo.store import load_demo
    from tsifra.store import make_engine, upgrade

    start = time.perf_counter()
    engine = make_engine(url)
    upgrade(engine)
    load_demo(engine, password=BENCH_PASSWORD)
    engine.dispose()
    return round(time.perf_counter() - start, 1)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_until_up(base: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx.get(base + "/api/v1/health", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"the server at {base} did not start in {timeout:.0f} s")


def _wait_until_warm(server: subprocess.Popen) -> float | None:
    """Wait for `tsifra serve` to say that the region pages' forecast and rank intervals are
    computed, as a visitor meets a running server; its stdout is then drained in the background.
    Returns the warm-up's own seconds (None when it was skipped)."""
    from tsifra.kernel.language import CATALOGUE

    done = CATALOGUE["warm_done"][1].split("{")[0]
    skipped = CATALOGUE["warm_skipped"][1].split("{")[0]
    deadline = time.monotonic() + WARM_TIMEOUT_S
    seconds = None
    for line in server.stdout:
        if line.startswith(done):
            seconds = float(line.removeprefix(done).split()[0])
            break
        if line.startswith(skipped) or time.monotonic() > deadline:
            break
    threading.Thread(target=server.stdout.read, daemon=True).start()
    return seconds


def _sign_in(base: str, login: str) -> str:
    """The session cookie of `login` signed in through the login form, as a browser does."""
    with httpx.Client(base_url=base, timeout=30) as client:
        form = client.get("/login").text
        token = re.search(r'name="csrf" value="([^"]+)"', form).group(1)
        data = {"login": login, "password": BENCH_PASSWORD, "csrf": token}
        answer = client.post("/login", data=data)
        assert answer.status_code == 303, answer.text
        return "; ".join(f"{k}={v}" for k, v in client.cookies.items())


def _load(url: str, rate: int = RATE, cookie: str = "") -> dict:
    """Run the load generator in its own process and summarise what it measured."""
    child = subprocess.run(
        [
            *(sys.executable, "-m", "benchmarks.web", url),
            *(str(rate), str(DURATION), str(WARMUP), cookie),
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    samples = json.loads(child.stdout)
    latencies = np.array([latency for _, latency, _ in samples["requests"]])
    return _summary(latencies, samples["errors"], samples["elapsed"])


def _summary(latencies_s: np.ndarray, errors: int, elapsed: float) -> dict:
    latencies = latencies_s * 1000
    return {
        "requests": len(latencies),
        "errors": errors,
        "achieved_rps": round(len(latencies) / elapsed, 1),
        "p50_ms": round(float(np.percentile(latencies, 50)), 2),
        "p95_ms": round(float(np.percentile(latencies, 95)), 2),
        "p99_ms": round(float(np.percentile(latencies, 99)), 2),
        "max_ms": round(float(latencies.max()), 2),
    }


async def _generate(url: str, rate: float, duration: float, warmup: int, cookie: str = "") -> dict:
    """Open-loop load: latency is measured from each request's scheduled start. With `cookie`
    every request carries it (a signed-in reader's session)."""
    limits = httpx.Limits(max_connections=256, max_keepalive_connections=256)
    headers = {"Cookie": cookie} if cookie else {}
    async with httpx.AsyncClient(timeout=30, limits=limits, headers=headers) as client:
        for _ in range(warmup):
            await client.get(url)
        requests: list[tuple[float, float, int]] = []  # (scheduled, as epoch; latency; failed)
        errors = 0
        epoch = time.time() - time.perf_counter()

        async def one(at: float) -> None:
            nonlocal errors
            await asyncio.sleep(max(0.0, at - time.perf_counter()))
            failed = 0
            try:
                response = await client.get(url)
                await response.aread()
                if response.status_code >= 400:
                    failed = 1
            except httpx.HTTPError:
                failed = 1
            errors += failed
            requests.append((at + epoch, time.perf_counter() - at, failed))

        start = time.perf_counter() + 0.05
        count = int(rate * duration)
        await asyncio.gather(*(one(start + i / rate) for i in range(count)))
        elapsed = time.perf_counter() - start
    return {"requests": sorted(requests), "errors": errors, "elapsed": elapsed}


def _markdown(report: dict) -> str:
    lines = [
        "# Web under load",
        "",
        f"`tsifra serve` (uvicorn, one process) on the demo data in SQLite; an open-loop load "
        f"generator in a second process on loopback at {report['rate_rps']} requests/s for "
        f"{report['duration_s']:.0f} s per target; {report['cpus']} CPUs, load average "
        f"{report['load_average_1m']} at the end (other work on the machine counts). Measured "
        "once the server's own warm-up (every region's forecast and rank intervals) was done: "
        f"{_seconds(report.get('warm_up_s'))}.",
        "",
        "| target | path | p50 ms | p95 ms | p99 ms | errors | rate/s | p95 × trivial | goal p95 |",
        "|---|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for name, f in report["targets"].items():
        goal = f"< {f['target_p95_ms']:.0f} ms" if f["target_p95_ms"] else "—"
        met = "" if not f["target_p95_ms"] else (" ✓" if f["p95_ms"] < f["target_p95_ms"] else " ✗")
        lines.append(
            f"| {name} | `{f['path']}` | {f['p50_ms']:.1f} | {f['p95_ms']:.1f} | "
            f"{f['p99_ms']:.1f} | {f['errors']} | {f['achieved_rps']:.0f} | "
            f"{f['p95_ratio_to_trivial']:.1f} | {goal}{met} |"
        )
    signed = [n for n in SIGNED_IN if n in report["targets"]]
    if signed:
        lines += [
            "",
            f"{', '.join(f'`{n}`' for n in signed)}: pages of a signed-in reader (the operator "
            f"of RU-TA on its home screen, an analyst on the federal view), sent with the session "
            f"cookie of a sign-in through the login form, at {SIGNED_RATE} requests/s. No cache "
            f"keeps them whole: each carries the reader's name and CSRF token.",
        ]
    during = report["targets"].get("ratings_api_during_ingest")
    if during:
        lines += [
            "",
            f"`ratings_api_before_ingest` and `ratings_api_during_ingest`: the same requests at "
            f"{during['rate_asked']} per second, first for {IDLE_BEFORE_S:.0f} s alone, then while "
            f"another process ingests {during['ingest_values']:,} values into the same SQLite "
            f"file ({during['ingest_s']:.1f} s; only the {during['requests']} requests sent "
            f"while the batch was written count). The ingest takes one of the two cores: at "
            f"{RATE} requests per second the server, the load generator and the ingest would "
            f"want more than two.",
        ]
    return "\n".join(lines) + "\n"


def _seconds(value: float | None) -> str:
    return "skipped" if value is None else f"{value:.1f} s"


if __name__ == "__main__":
    url, rate, duration, warmup = sys.argv[1:5]
    cookie = sys.argv[5] if len(sys.argv) > 5 else ""
    result = asyncio.run(_generate(url, float(rate), float(duration), int(warmup), cookie))
    json.dump(result, sys.stdout)
