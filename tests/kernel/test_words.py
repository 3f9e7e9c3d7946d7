"""Russian word forms: one stem for the forms of a word, function words ignored, and a
similarity that finds the same complaint written in other words' forms."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tsifra.kernel.words import mentions, similarity, stems, tokens


def test_forms_of_a_word_share_one_stem():
    assert stems("яма") == stems("ямы") == stems("ямой")
    assert len(stems("яма")) == 1


def test_a_word_finds_its_forms_in_a_longer_text():
    assert stems("больница") <= stems("Очереди в больницах города")
    assert mentions(stems("Очереди в больницах города"), "больница")
    assert not mentions(stems("Очереди в поликлинике"), "больница")


def test_yo_is_read_as_ye_and_case_is_ignored():
    assert stems("ЁЛКА") == stems("елка")


def test_function_words_are_dropped():
    assert tokens("и на в что это яма") == ["яма"]
    assert stems("и на в что") == frozenset()


def test_similarity_sees_the_same_complaint_in_other_forms():
    a = "Глубокая яма на дороге у школы"
    b = "Глубокие ямы на дорогах возле школы"
    c = "Не горит фонарь во дворе"
    assert similarity(a, b) > 0.5
    assert similarity(a, c) == 0.0
    assert similarity(a, a) == 1.0


def test_similarity_takes_ready_stems():
    assert similarity(stems("яма на дороге"), "ямы на дорогах") == 1.0


def test_empty_text_is_like_nothing():
    assert similarity("", "яма") == 0.0
    assert similarity("и в на", "и в на") == 0.0


@given(st.text(max_size=80), st.text(max_size=80))
def test_similarity_is_symmetric_and_bounded(a, b):
    s = similarity(a, b)
    assert 0.0 <= s <= 1.0
    assert s == similarity(b, a)
