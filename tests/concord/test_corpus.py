"""The sample corpus in corpora/ is well formed, and its validator catches what it should."""
from __future__ import annotations

import importlib.util
import json
import shutil
import sys
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SPEC = importlib.util.spec_from_file_location("check_corpus", ROOT / "scripts" / "check_corpus.py")
check_corpus = importlib.util.module_from_spec(SPEC)
sys.modules["check_corpus"] = check_corpus
SPEC.loader.exec_module(check_corpus)

RELEASES = check_corpus.find_releases(ROOT / "corpora" / "releases")


def test_there_are_enough_releases():
    assert len(RELEASES) >= 6


@pytest.mark.parametrize("release", RELEASES, ids=lambda r: r.name)
def test_release_is_clean(release):
    report = check_corpus.Report()
    glossary = ROOT / "corpora" / "glossary" / "mfa-terms.csv"
    matcher = check_corpus.Matcher(check_corpus.load_glossary(glossary)) if glossary.exists() else None
    check_corpus.check_release(release, report, matcher)
    assert report.problems == []


@pytest.mark.parametrize("release", RELEASES, ids=lambda r: r.name)
def test_release_size(release):
    for lang in ("zh", "en"):
        n = len(release.path(f"{lang}.sents").read_text(encoding="utf-8").splitlines())
        assert 12 <= n <= 45, f"{release.name}.{lang}: {n} sentences"


def test_alignment_is_not_trivially_one_to_one():
    kinds: Counter = Counter()
    for release in RELEASES:
        report = check_corpus.Report()
        kinds.update(check_corpus.bead_kinds(check_corpus.read_beads(release.path("align"), report)))
    share = 1 - kinds["1-1"] / sum(kinds.values())
    assert 0.12 <= share <= 0.30
    assert kinds["1-2"] and kinds["2-1"] and (kinds["1-0"] or kinds["0-1"])


# --- the validator itself: each kind of damage is reported -------------------------------------

@pytest.fixture
def copy(tmp_path):
    """A copy of the first release in a temporary folder, to damage."""
    release = RELEASES[0]
    for path in release.folder.glob(release.name + ".*"):
        shutil.copy(path, tmp_path / path.name)
    return check_corpus.Release(release.name, tmp_path)


def problems(release) -> list[str]:
    report = check_corpus.Report()
    check_corpus.check_release(release, report)
    return report.problems


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def test_copy_starts_clean(copy):
    assert problems(copy) == []


def test_sentence_changed_is_reported(copy):
    path = copy.path("en.sents")
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3].replace(" ", "  ", 1)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert any("does not continue paragraph" in p for p in problems(copy))


def test_two_sentences_merged_is_reported(copy):
    path = copy.path("zh.sents")
    lines = path.read_text(encoding="utf-8").splitlines()
    i = next(i for i in range(3, len(lines) - 1) if lines[i].endswith("。"))
    lines[i:i + 2] = [lines[i] + lines[i + 1]]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    found = problems(copy)
    assert any("stop inside" in p for p in found)
    assert any("ids are not" in p for p in found)


def test_english_missed_boundary_is_reported(copy):
    path = copy.path("en.sents")
    lines = path.read_text(encoding="utf-8").splitlines()
    i = next(i for i in range(3, len(lines) - 1) if lines[i].endswith("."))
    lines[i:i + 2] = [lines[i] + " " + lines[i + 1]]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert any("boundary after" in p for p in problems(copy))


def test_abbreviations_are_not_boundaries():
    report = check_corpus.Report()
    for sent in ("Mr. Tileuberdi met the U.S. side on Jan. 10 at No. 5 Road.",
                 "Trade rose 43.4 percent to 13.67 billion US dollars."):
        check_corpus.check_shape(sent, "en", False, 5, Path("x"), 1, report)
    assert report.problems == []


def test_bad_bead_format_is_reported(copy):
    edit(copy.path("align"), "[0]:[0]", "[0]:[0,1]")
    assert any("bad bead" in p for p in problems(copy))


def test_duplicated_and_missing_ids_are_reported(copy):
    edit(copy.path("align"), "[2]:", "[1]:")
    found = " ".join(problems(copy))
    assert "duplicated [1]" in found and "missing [2]" in found


def test_empty_bead_is_reported(copy):
    path = copy.path("align")
    path.write_text(path.read_text(encoding="utf-8") + "[]:[]\n", encoding="utf-8")
    assert any("empty on both sides" in p for p in problems(copy))


def test_paragraph_layout_is_checked(copy):
    edit(copy.path("zh.txt"), "\n\n", "\n", 2)
    assert any("blank line" in p for p in problems(copy))


# --- the term model used for the corpus check --------------------------------------------------

@pytest.fixture(scope="module")
def matcher():
    glossary = ROOT / "corpora" / "glossary" / "mfa-terms.csv"
    if not glossary.exists():
        pytest.skip("glossary not written yet")
    return check_corpus.Matcher(check_corpus.load_glossary(glossary))


def concept_of(zh_term: str) -> str:
    import csv
    with (ROOT / "corpora" / "glossary" / "mfa-terms.csv").open(encoding="utf-8") as f:
        return next(r["concept"] for r in csv.DictReader(f) if r["lang"] == "zh" and r["term"] == zh_term)


def test_dropped_permanent_is_one_missing_finding(matcher):
    found = matcher.findings("两国永久全面战略伙伴关系不断发展。",
                             "The comprehensive strategic partnership between the two countries keeps growing.")
    assert found == [("term-missing", concept_of("永久全面战略伙伴关系"))]


def test_upgraded_designation_is_unexpected(matcher):
    found = matcher.findings("两国全面战略伙伴关系不断发展。",
                             "The permanent comprehensive strategic partnership between the two countries keeps growing.")
    assert found == [("term-unexpected", concept_of("永久全面战略伙伴关系"))]


def test_deprecated_rendering_is_reported(matcher):
    found = matcher.findings("国务院副总理胡春华出席。", "Vice Prime Minister Hu Chunhua attended.")
    assert found == [("term-deprecated", concept_of("国务院副总理"))]


SEEDED = ROOT / "corpora" / "checks" / "seeded.jsonl"
RULES = {"term-missing", "term-deprecated", "term-unexpected", "number-mismatch", "date-mismatch",
         "omission", "untranslated"}


def seeded_items() -> list[dict]:
    return [json.loads(line) for line in SEEDED.read_text(encoding="utf-8").splitlines()]


def test_seeded_set_is_well_formed():
    import csv
    with (ROOT / "corpora" / "glossary" / "mfa-terms.csv").open(encoding="utf-8") as f:
        zh_terms: dict[str, set[str]] = {}
        for row in csv.DictReader(f):
            if row["lang"] == "zh":
                zh_terms.setdefault(row["concept"], set()).add(row["term"])
    ids = set()
    for item in seeded_items():
        assert item["id"] not in ids
        ids.add(item["id"])
        assert item["zh"] and item["en"]
        for finding in item["expected"]:
            assert finding["rule"] in RULES, item["id"]
            if finding["rule"].startswith("term-"):
                assert finding["term"] in zh_terms[finding["concept"]], item["id"]
                if finding["rule"] != "term-unexpected":
                    assert finding["term"] in item["zh"], item["id"]
            if finding["rule"] in ("number-mismatch", "date-mismatch"):
                assert finding["value"] and finding["target_value"], item["id"]
                if finding["rule"] == "number-mismatch":
                    assert finding["value"] in item["zh"] and finding["target_value"] in item["en"]


def test_seeded_set_is_large_enough():
    items = seeded_items()
    per_rule = {rule: sum(any(f["rule"] == rule for f in i["expected"]) for i in items) for rule in RULES}
    for rule in ("term-missing", "term-deprecated", "term-unexpected", "number-mismatch", "date-mismatch"):
        assert per_rule[rule] >= 40, rule
    assert per_rule["omission"] >= 15 and per_rule["untranslated"] >= 15
    assert sum(not i["expected"] for i in items) >= 250


def test_seeded_term_labels_agree_with_the_corpus_term_model(matcher):
    """The independent term model of check_corpus gives exactly the term labels (as concepts)."""
    for item in seeded_items():
        expected = sorted((f["rule"], f["concept"]) for f in item["expected"] if f["rule"].startswith("term-"))
        assert matcher.findings(item["zh"], item["en"]) == expected, item["id"]


def test_seeded_file_is_the_generator_output(tmp_path):
    spec = importlib.util.spec_from_file_location("make_seeded", ROOT / "scripts" / "make_seeded.py")
    make_seeded = importlib.util.module_from_spec(spec)
    sys.modules["make_seeded"] = make_seeded
    spec.loader.exec_module(make_seeded)
    out = tmp_path / "seeded.jsonl"
    assert make_seeded.main(["--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == SEEDED.read_text(encoding="utf-8")
