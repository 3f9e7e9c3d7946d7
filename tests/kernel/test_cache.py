"""The store of computed answers: a second caller of a key being computed waits for its answer."""

from __future__ import annotations

import threading
import time

import pytest

from tsifra.kernel.cache import Kept


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
