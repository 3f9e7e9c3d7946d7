"""How fast the command line starts: `tsifra --help` and `tsifra methodology check`, next to
`python -c pass` in the same run, each a fresh process (what a user waits for at every command).

Target: under 0.5 s for both on this machine. The figure is wall time of the whole process, so
it includes the interpreter's own start, which `python -c pass` measures alone.

The package is measured as installed: with its bytecode compiled, as `pip install` and
`make env` leave it. This machine sets PYTHONDONTWRITEBYTECODE, so without that step every start
would compile each imported module again (about 0.5 s of the 0.95 s first measured for --help).
"""

from __future__ import annotations

import compileall
import json
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.timing import RESULTS

REPEAT = 15
TARGET_S = 0.5
SOURCE = Path(__file__).resolve().parents[1] / "src"
TSIFRA = str(Path(sys.executable).with_name("tsifra"))  # the console script users run
COMMANDS = {
    "python -c pass": [sys.executable, "-c", "pass"],
    "tsifra --help": [TSIFRA, "--help"],
    "tsifra methodology check ru-digital-maturity": [
        TSIFRA,
        "methodology",
        "check",
        "ru-digital-maturity",
    ],
}


def _once(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    return time.perf_counter() - start


def measure(repeat: int = REPEAT) -> dict[str, list[float]]:
    """Wall seconds per command, the commands interleaved so that a busy moment of the machine
    falls on all of them alike."""
    compileall.compile_dir(SOURCE, quiet=1)  # the working tree's own code, as installed
    times: dict[str, list[float]] = {name: [] for name in COMMANDS}
    for command in COMMANDS.values():
        _once(command)  # warm the file cache and the bytecode
    for _ in range(repeat):
        for name, command in COMMANDS.items():
            times[name].append(_once(command))
    return times


def run() -> None:
    times = measure()
    medians = {name: statistics.median(ts) for name, ts in times.items()}
    floor = medians["python -c pass"]
    measured_at = datetime.now(UTC).isoformat(timespec="seconds")
    (RESULTS / "cli.json").write_text(
        json.dumps(
            {"measured_at": measured_at, "repeat": REPEAT, "medians_s": medians, "runs_s": times},
            indent=2,
        )
        + "\n"
    )
    rows = [
        f"| `{name}` | {m:.3f} s | {m - floor:+.3f} s | {_verdict(name, m)} |"
        for name, m in medians.items()
    ]
    text = "\n".join(
        [
            f"Measured {measured_at} with `python -m benchmarks cli` (median of {REPEAT} fresh "
            "processes each, interleaved).",
            "",
            f"| command | median wall time | over `python -c pass` | under {TARGET_S} s |",
            "|---|---|---|---|",
            *rows,
            "",
        ]
    )
    (RESULTS / "cli.md").write_text(text)
    print(text)


def _verdict(name: str, median: float) -> str:
    if name == "python -c pass":
        return "—"
    return "yes" if median < TARGET_S else "no"
