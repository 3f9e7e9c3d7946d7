"""The application's one cache: single flight per key and version, the previous version served
while the new one is computed in the background, errors kept as answers."""

from __future__ import annotations

import threading
import time

import pytest

from tsifra.kernel.cache import Answer, Cache, kept

# The application's cache: single flight per key and version, the previous version served while
# the current one is computed in the background.


def _gated(value: str, gate: threading.Event, calls: list[str]):
    def compute() -> str:
        calls.append(value)
        assert gate.wait(10), "the test never opened the gate"
        return value

    return compute


def _in_threads(n: int, call) -> tuple[list, list[threading.Thread]]:
    answers: list = []
    threads = [threading.Thread(target=lambda: answers.append(call())) for _ in range(n)]
    for thread in threads:
        thread.start()
    return answers, threads


def test_two_concurrent_first_callers_compute_once() -> None:
    cache = Cache(8)
    gate, calls = threading.Event(), []
    answers, threads = _in_threads(2, lambda: cache.get("forecast", 1, _gated("v1", gate, calls)))
    deadline = time.monotonic() + 10
    while not calls and time.monotonic() < deadline:  # the first caller is computing
        time.sleep(0.01)
    time.sleep(0.05)  # the second caller has had time to arrive and must be waiting
    assert answers == [] and calls == ["v1"]
    gate.set()
    for thread in threads:
        thread.join(10)
    assert answers == ["v1", "v1"] and calls == ["v1"]


def test_after_a_data_change_the_previous_version_is_served_at_once() -> None:
    cache = Cache(8)
    assert cache.get("forecast", 1, lambda: "v1") == "v1"
    gate, calls = threading.Event(), []
    started = time.monotonic()
    first = cache.answer("forecast", 2, _gated("v2", gate, calls))
    # served without waiting for the gated computation, and marked as not the newest
    assert (first.value, first.version, first.fresh) == ("v1", 1, False)
    again = cache.answer("forecast", 2, _gated("v2 again", gate, calls))
    assert (again.value, again.fresh) == ("v1", False)
    assert time.monotonic() - started < 5  # nobody waited for the gate (10 s)
    gate.set()
    assert cache.wait(10)
    assert calls == ["v2"]  # one background computation for the new version
    now = cache.answer("forecast", 2, lambda: "never called")
    assert (now.value, now.version, now.fresh) == ("v2", 2, True)
    cache.close()


def test_without_background_a_changed_version_is_computed_by_the_caller() -> None:
    cache = Cache(8, background=False)
    cache.get("k", 1, lambda: "v1")
    assert cache.answer("k", 2, lambda: "v2") == Answer("v2", 2, True)


def test_the_value_kept_whatever_its_version_is_there_to_bring_up_to_date() -> None:
    """A computation that updates the older answer by the changes since reads it; an error or
    a key never answered gives nothing."""
    cache = Cache(background=False)
    assert cache.kept_value("words") is None
    cache.answer("words", 1, lambda: ["base"], exact=True)
    before = cache.kept_value("words")
    assert cache.answer("words", 2, lambda: [*before, "written"], exact=True).value == [
        "base", "written"
    ]  # fmt: skip
    assert cache.kept_value("words") == ["base", "written"]
    with pytest.raises(ZeroDivisionError):
        cache.answer("words", 3, lambda: 1 / 0, exact=True)
    assert cache.kept_value("words") is None


def test_an_error_is_the_answer_of_its_version_and_a_new_version_computes_again() -> None:
    cache = Cache(8)
    calls = []

    def broken() -> str:
        calls.append(1)
        raise ValueError("sources disagree")

    for _ in range(2):
        with pytest.raises(ValueError, match="sources disagree"):
            cache.get("k", 1, broken)
    assert calls == [1]
    assert cache.get("k", 2, lambda: "resolved") == "resolved"  # computed at once, not served stale


def test_an_older_version_finishing_late_does_not_replace_the_newest() -> None:
    cache = Cache(8)
    cache.get("k", 1, lambda: "v1")
    slow_gate, calls = threading.Event(), []
    cache.answer("k", 2, _gated("v2", slow_gate, calls))  # background, held at the gate
    fast = cache.answer("k", 3, lambda: "v3")  # queued behind v2 on the one worker
    assert fast.value == "v1" and not fast.fresh
    slow_gate.set()
    assert cache.wait(10)
    assert cache.wait(10)
    assert cache.answer("k", 3, lambda: "never") == Answer("v3", 3, True)
    cache.close()


def test_the_least_recently_used_key_is_dropped() -> None:
    cache = Cache(2)
    cache.get("a", 1, lambda: "a")
    cache.get("b", 1, lambda: "b")
    cache.get("a", 1, lambda: "never")  # a is now the most recent
    cache.get("c", 1, lambda: "c")
    assert cache.get("a", 1, lambda: "again") == "a"
    assert cache.get("b", 1, lambda: "recomputed") == "recomputed"


def test_without_a_cache_the_answer_is_computed_each_time() -> None:
    calls = []
    for _ in range(2):
        answer = kept(None, "k", 1, lambda: calls.append(1) or "v")
        assert answer == Answer("v", 1, True)
    assert calls == [1, 1]


def test_a_forgotten_key_is_computed_again() -> None:
    cache = Cache(4)
    cache.get("page", 1, lambda: "provisional")
    cache.forget("page")
    assert cache.get("page", 1, lambda: "final") == "final"


def test_an_exact_answer_is_never_an_older_version():
    """Counts a writer must see at once: the new version is computed while the caller waits,
    even where the cache would otherwise serve the older answer from the background."""
    cache = Cache(background=True)
    try:
        assert cache.answer("facets", 1, lambda: "one", exact=True).value == "one"
        served = cache.answer("facets", 2, lambda: "two", exact=True)
        assert (served.value, served.fresh) == ("two", True)
        assert cache.answer("facets", 2, lambda: "never computed again").value == "two"
    finally:
        cache.close()
