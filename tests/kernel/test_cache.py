"""The store of computed answers: a second caller of a key being computed waits for its answer."""

from __future__ import annotations

import threading
import time

import pytest

from tsifra.kernel.cache import Answer, Cache, Kept


def test_concurrent_callers_of_one_key_share_one_computation() -> None:
    kept = Kept(4)
    calls = []

    def slow() -> str:
        calls.append(threading.current_thread().name)
        time.sleep(0.2)
        return "answer"

    answers = []
    threads = [threading.Thread(target=lambda: answers.append(kept.get("k", slow))) for _ in "abc"]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert answers == ["answer"] * 3 and len(calls) == 1


def test_a_failed_computation_is_not_kept_and_other_keys_do_not_wait() -> None:
    kept = Kept(2)

    def broken() -> str:
        raise RuntimeError("no rating yet")

    with pytest.raises(RuntimeError):
        kept.get("k", broken)
    assert kept.get("k", lambda: "later") == "later"
    kept.get("a", lambda: 1)
    kept.get("b", lambda: 2)
    assert kept.get("k", lambda: "again") == "again"  # evicted: the store holds two


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
