"""The terms file: the bundled one reads, each region's overrides fall back to the default, and
a bad file is refused with every problem located by its key path."""

from __future__ import annotations

import pytest

from tsifra.approvals.terms import bundled_terms, parse_terms
from tsifra.approvals.vocabulary import WORKS
from tsifra.kernel.problems import ValidationFailed


def test_the_bundled_terms_cover_every_kind_of_works_within_two_weeks() -> None:
    terms = bundled_terms()
    for works in WORKS:
        assert 1 <= terms.for_project("RU-KLU", works)["days"] <= 10
    assert terms.for_project("RU-MOS", "excavation")["silence_is_consent"] is True
    assert terms.for_project("RU-KLU", "excavation")["silence_is_consent"] is False


def test_a_region_overrides_only_what_it_names() -> None:
    terms = parse_terms(
        {
            "version": "t1",
            "default": {
                "silence_is_consent": False,
                "days": {"new_network": 10, "excavation": 5, "connection": 8, "near_networks": 7},
            },
            "regions": {"RU-TY": {"days": {"excavation": 3}}},
        }
    )
    assert terms.for_project("RU-TY", "excavation") == {
        "days": 3,
        "silence_is_consent": False,
        "version": "t1",
    }
    assert terms.for_project("RU-TY", "connection")["days"] == 8


def test_every_problem_of_a_terms_file_is_located() -> None:
    with pytest.raises(ValidationFailed) as caught:
        parse_terms(
            {
                "default": {"silence_is_consent": "yes", "days": {"new_network": 0, "dig": 3}},
                "regions": {"RU-TY": {"hours": 1}},
            },
            "terms.yaml",
        )
    found = {(p.code, p.path) for p in caught.value.problems}
    assert {
        ("appr_terms_version", "version"),
        ("appr_terms_silence", "default.silence_is_consent"),
        ("appr_terms_days", "default.days.new_network"),
        ("appr_terms_works", "default.days.dig"),
        ("appr_terms_missing", "default.days.excavation"),
        ("appr_terms_unknown_key", "regions.RU-TY.hours"),
    } <= found
    assert {p.file for p in caught.value.problems} == {"terms.yaml"}
