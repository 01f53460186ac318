"""Tests for kg.clean: furniture blanked, offsets kept, rules from YAML."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kg.clean import clean, clean_text, load_rules, story_text
from kg.model import Article
from kg.readers import read_articles

ROOT = Path(__file__).resolve().parent.parent

SEED = ROOT / "seeds" / "2021-09-02-milley-taliban-daesh.txt"

STORY = (
    "The Taliban took control of the capital on Sunday, witnesses told reporters.\n\n"
    "Officials said talks would continue in Doha next week.\n"
)


def art(text: str) -> Article:
    return Article(id="t", text=text)


def assert_same_shape(a: Article) -> None:
    """Body has the text's length and newlines; kept characters are unchanged."""
    assert len(a.body) == len(a.text)
    for i, (b, t) in enumerate(zip(a.body, a.text)):
        assert b == t or b == " ", i
        assert (b == "\n") == (t == "\n"), i


@pytest.fixture
def seed(tmp_path):
    f = tmp_path / SEED.name
    shutil.copy(SEED, f)
    (a,) = read_articles([f])
    return a


def test_seed_is_cleaned(seed):
    a = clean(seed)
    assert_same_shape(a)
    assert a.text == seed.text and seed.body is None  # a copy, input untouched
    assert "avowed enemies" in a.body
    assert "US Gen. Milley says coordination with Taliban against Daesh likely" in a.body
    assert "What is the vital national interest?" in a.body  # the story's last paragraph
    for furniture in ["Jaishankar", "Air India", "ALSO READ", "Previous Story", "Next Story",
                      "5 mins read", "September 2, 2021", "Go toTop", "Don't Miss"]:
        assert furniture not in a.body, furniture


def test_offsets_stay_valid(seed):
    a = clean(seed)
    i = a.body.index("avowed enemies")
    assert a.text[i:i + len("avowed enemies")] == "avowed enemies"


def test_story_text(seed):
    t = story_text(clean(seed))
    assert t.startswith("US Gen. Milley says coordination")
    assert t.endswith("spending billions of dollars in Afghanistan.”")
    assert "\n\n\n" not in t and "ALSO READ" not in t
    assert story_text(seed) == t  # cleans on the fly when body is unset


def test_story_end_blanks_to_the_end():
    text = STORY + "Read more:\nTaliban name new cabinet\nSome teaser text here\n"
    a = clean(art(text))
    assert_same_shape(a)
    assert a.body.rstrip() == STORY.rstrip()


@pytest.mark.parametrize(
    "marker",
    ["Related stories", "More from World", "Latest from -Top News", "Share this article",
     "Subscribe to our newsletter", "Back to top", "You may also like", "Most read",
     "Tags: Afghanistan, Taliban", "© 2021 Daily News", "Next Story", "Previous article"],
)
def test_story_end_markers(marker):
    a = clean(art(STORY + "\n" + marker + "\nTeaser about something else\n"))
    assert "Teaser" not in a.body and "Doha" in a.body


def test_drop_lines_anywhere():
    text = (
        "Taliban take Kabul\n3 min read\nPublished: 15 August 2021\n"
        "Advertisement\n" + STORY + "Photo: Reuters\nAdvertisement\n"
        "The envoy said more talks were planned for the coming month.\n"
    )
    a = clean(art(text))
    assert_same_shape(a)
    for gone in ["3 min read", "15 August 2021", "Advertisement", "Photo: Reuters"]:
        assert gone not in a.body
    assert "Taliban take Kabul" in a.body
    assert "more talks were planned" in a.body  # an ad slot does not end the story


def test_story_sentences_are_not_taken_for_furniture():
    text = (
        "Taliban talks\n\n"
        "More from the envoy's remarks came later, when he said the talks were useful.\n"
        "Read more carefully, the statement suggests a shift in policy by the group.\n"
        "Subscribers to the agency's wire service received the statement first, officials said.\n"
        "The statement of September 2, 2021 was read aloud.\n"
    )
    a = clean(art(text))
    assert a.body == text


def test_furniture_above_the_story_does_not_blank_it():
    text = "Share this\nSubscribe\nTaliban take Kabul\n" + STORY
    a = clean(art(text))
    assert "Share this" not in a.body and "Subscribe" not in a.body
    assert "Doha" in a.body and "Taliban take Kabul" in a.body


def test_crlf_and_empty_text():
    a = clean(art("Headline\r\n" + STORY.replace("\n", "\r\n") + "ALSO READ: x\r\nteaser"))
    assert len(a.body) == len(a.text) and "teaser" not in a.body and a.body.count("\r\n") == a.text.count("\r\n")
    assert clean(art("")).body == ""


def test_rules_from_custom_ontology(tmp_path, monkeypatch):
    (tmp_path / "cleaning.yaml").write_text(
        "story_end:\n  - 'THE END$'\n  - '(unbalanced'\ndrop_lines:\n  - 'kabul bureau$'\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("KG_ONTOLOGY", str(tmp_path))
    rules = load_rules()
    assert len(rules.story_end) == 1  # the bad pattern is skipped, not fatal
    text = "Kabul Bureau\n" + STORY + "The End\nAlso read: kept, not a rule here\n"
    body = clean_text(text)
    assert "Kabul Bureau" not in body and "Also read" not in body and "Doha" in body
    text2 = STORY + "ALSO READ: something\n"
    assert "ALSO READ" in clean_text(text2)  # the default rules are not in play


def test_ontology_without_cleaning_yaml_falls_back(tmp_path, monkeypatch):
    monkeypatch.setenv("KG_ONTOLOGY", str(tmp_path))
    assert "ALSO READ" not in clean_text(STORY + "ALSO READ: x\n")


def test_the_project_rules_come_from_ontology_cleaning_yaml():
    assert (ROOT / "ontology" / "cleaning.yaml").is_file()
    rules = load_rules(ROOT / "ontology")
    assert any(p.match("also read: x") for p in rules.story_end) and rules.drop_lines


def test_enumerations_and_short_sentences_do_not_end_the_story():
    text = (
        STORY
        + "(c) the third condition was a ceasefire agreed by both sides, the envoy said.\n"
        + "Read more books, he urged.\n"
        + "The talks resume on Monday, a spokesman for the group told reporters.\n"
    )
    assert clean_text(text) == text
