"""Glossary lint: conflicts found in glossaries written to contain them."""
from __future__ import annotations

from terms.csvfile import parse_csv
from terms.lint import lint_glossary

HEADER = "concept,category,lang,term,status,scope,case_sensitive,note\n"


def codes(text, corpus=()):
    return [(i.code, i.severity, i.concept, i.line)
            for i in lint_glossary(parse_csv(HEADER + text), corpus)]


def test_clean_glossary_has_no_issue(mini):
    assert lint_glossary(mini) == []


def test_one_term_two_preferred_renderings_in_the_same_scope():
    text = ("a,title,zh,副总理,,,,\na,title,en,Vice Premier,,,,\n"
            "b,title,zh,副总理,,,,\nb,title,en,Deputy Premier,,,,\n"
            "c,title,zh,副总理,,哈萨克斯坦,,\nc,title,en,Deputy Prime Minister,,,,\n")
    assert codes(text) == [("two-preferred", "error", "b", 5)]


def test_forbidden_here_allowed_there():
    text = ("a,title,zh,外长,,,,\na,title,en,Foreign Minister,,,,\n"
            "a,title,en,Foreign Secretary,deprecated,,,\n"
            "b,title,zh,外交大臣,,,,\nb,title,en,Foreign Secretary,,,,\n")
    assert codes(text) == [("deprecated-preferred-elsewhere", "error", "a", 4)]


def test_empty_terms_missing_renderings_and_replacements():
    text = ("a,title,zh,外长,,,,\na,title,en,,,,,\n"
            "b,title,zh,总理,,,,\nb,title,en,Prime Minister,deprecated,,,\n"
            "c,title,zh,主席,,,,\nc,title,en,Chairman,,,,\nc,title,en,chairman,admitted,,,\n")
    assert codes(text) == [("no-rendering", "error", "a", 2), ("empty-term", "error", "a", 3),
                           ("no-rendering", "error", "b", 4), ("no-replacement", "warning", "b", 4),
                           ("duplicate-term", "warning", "c", 8)]


def test_shadowed_terms_need_a_memory():
    text = ("a,designation,zh,全面战略伙伴关系,,,,\na,designation,en,comprehensive strategic "
            "partnership,,,,\nb,designation,zh,永久全面战略伙伴关系,,,,\n"
            "b,designation,en,permanent comprehensive strategic partnership,,,,\n")
    assert codes(text) == []
    only_nested = ["两国建立永久全面战略伙伴关系。", "永久全面战略伙伴关系开启新篇章。"]
    assert codes(text, only_nested) == [("shadowed", "info", "a", 2)]
    assert codes(text, only_nested + ["两国是全面战略伙伴关系。"]) == []


def test_every_issue_says_what_to_do_and_where_the_other_side_is():
    """A terminology manager reads the message and knows both lines and the way out."""
    text = ("a,title,zh,外长,,,,\na,title,en,Foreign Minister,,,,\n"
            "a,title,en,Foreign Secretary,deprecated,,,\n"
            "b,title,zh,外交大臣,,,,\nb,title,en,Foreign Secretary,,,,\n"
            "c,title,zh,外长,,,,\nc,title,en,Minister for Foreign Affairs,,,,\n"
            "d,title,zh,大使,,,,\nd,title,en,Ambassador,,,,\nd,title,en,ambassador,admitted,,,\n"
            "e,title,zh,参赞,,,,\ne,title,en,,,,,\n")
    issues = {i.code: i for i in lint_glossary(parse_csv(HEADER + text))}
    assert set(issues) == {"deprecated-preferred-elsewhere", "two-preferred", "duplicate-term",
                           "no-rendering", "empty-term"}
    assert all(i.hint for i in issues.values())
    assert "'b' (line 6)" in issues["deprecated-preferred-elsewhere"].message
    assert "line 3" in issues["two-preferred"].message and "line 8" in \
        issues["two-preferred"].message
    assert "scope" in issues["two-preferred"].hint
    assert "(first at line 10)" in issues["duplicate-term"].message
    assert "preferred" in issues["no-rendering"].hint


def test_one_term_both_allowed_and_deprecated_in_a_concept_is_an_error():
    text = ("a,title,zh,发言人,,,,\na,title,en,spokesperson,preferred,,,\n"
            "a,title,en,Spokesperson,deprecated,,,\n"
            "b,title,zh,外长,,,,\nb,title,en,Foreign Minister,,,,\n"
            "b,title,en,Foreign Minister,admitted,,,\n")
    issues = lint_glossary(parse_csv(HEADER + text))
    assert [(i.code, i.severity, i.concept, i.line) for i in issues] == [
        ("conflicting-status", "error", "a", 4), ("duplicate-term", "warning", "b", 7)]
    assert "preferred (line 3) and deprecated (line 4)" in issues[0].message
