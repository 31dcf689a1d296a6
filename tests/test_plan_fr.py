"""The shipped Dakhla plan: every action has a French text (text_fr, pam's translation)."""

from __future__ import annotations

import re

import pytest
from conftest import SHIPPED_PLAN

from pam.load import load_plan

ARABIC = re.compile("[\u0600-\u06ff]")


@pytest.fixture(scope="module")
def actions():
    plan, _problems = load_plan(SHIPPED_PLAN)
    return plan.actions()


def test_every_action_has_a_french_text(actions):
    assert len(actions) == 151
    missing = [a.id for a in actions if not (a.text_fr or "").strip()]
    assert missing == []


def test_french_texts_hold_no_arabic_letters(actions):
    arabic = [a.id for a in actions if a.text_fr and ARABIC.search(a.text_fr)]
    assert arabic == []


def test_french_texts_differ_from_the_arabic(actions):
    same = [a.id for a in actions if a.text_fr == a.text]
    assert same == []
