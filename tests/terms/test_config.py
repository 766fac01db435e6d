"""Configuration from concord.toml / pyproject.toml, severities and suppressions."""
from __future__ import annotations

import pytest

from terms.checks import Checker, Pair
from terms.config import ConfigError, find_config, load_config, parse_inline_suppression

PAIR = Pair("rel:3", "双方签署了12项协议。", "The two sides signed 21 agreements.")


def config_error(tmp_path, text, match=None) -> ConfigError:
    """The error of loading ``text`` as tmp_path/concord.toml (its message matching ``match``)."""
    path = tmp_path / "concord.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=match) as caught:
        load_config(path)
    return caught.value


def test_found_from_a_subdirectory_in_pyproject(tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "releases"\n\n[tool.concord]\ndisable = ["omission"]\n'
        'fail-on = "warning"\n[tool.concord.severity]\nnumber-mismatch = "info"\n',
        encoding="utf-8")
    sub = tmp_path / "2022" / "01"
    sub.mkdir(parents=True)
    assert find_config(sub) == tmp_path / "pyproject.toml"
    config = load_config(start=sub)
    assert not config.enabled("omission") and config.fail_on == "warning"
    [finding] = Checker(None, config).check_pair(PAIR)
    assert finding.severity == "info"


def test_concord_toml_wins_and_pyproject_without_table_is_skipped(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    assert find_config(tmp_path) is None
    (tmp_path / "concord.toml").write_text('disable = ["untranslated"]\n', encoding="utf-8")
    assert find_config(tmp_path) == tmp_path / "concord.toml"


def test_suppression_needs_a_reason_and_silences_one_unit(tmp_path):
    path = tmp_path / "concord.toml"
    path.write_text('[[suppress]]\nunit = "rel:3"\nrule = "number-mismatch"\n'
                    'reason = "the English counts a joint protocol twice"\n', encoding="utf-8")
    checker = Checker(None, load_config(path))
    assert checker.check_pair(PAIR) == []
    assert checker.check_pair(Pair("rel:4", PAIR.source, PAIR.target)) != []
    [(finding, suppression)] = checker.suppressed
    assert finding.unit == "rel:3" and suppression.reason.startswith("the English")
    path.write_text('[[suppress]]\nunit = "rel:3"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="needs a reason"):
        load_config(path)


@pytest.mark.parametrize("text, words", [
    ('disable = ["spelling"]\n', "unknown rule 'spelling'"),
    ('[severity]\nomission = "fatal"\n', "severity of 'omission'"),
    ('fail-on = "sometimes"\n', "fail-on"),
    ('colour = "red"\n', "unknown setting 'colour'"),
    ('disable = [\n', "TOML syntax error"),
])
def test_bad_configuration_is_reported_with_the_file(tmp_path, text, words):
    error = config_error(tmp_path, text, match=words)
    assert error.path == str(tmp_path / "concord.toml")


def test_inline_suppression_form():
    s = parse_inline_suppression("u1", "term-missing: the title is given in the next unit")
    assert (s.unit, s.rule, s.reason) == ("u1", "term-missing", "the title is given in the next unit")
    assert parse_inline_suppression("u1", "term-missing") is None
    assert parse_inline_suppression("u1", "nonsense: why") is None


@pytest.mark.parametrize("text, line, words", [
    ('# release checks\nfailon = "warning"\n', 2, "did you mean 'fail-on'?"),
    ('fail-on = "error"\n[severity]\nomission = "info"\nnumbr-mismatch = "info"\n', 4,
     "did you mean 'number-mismatch'?"),
    ('[tool.concord]\nfail-on = "warning"\n', 1, "belongs in pyproject.toml"),
    ('[[suppress]]\nunit = "rel:3"\nrule = "omission"\n', 2, "needs a reason"),
    ('fail-on = "warnings"\n', 1, "fail-on must be"),
])
def test_bad_configuration_names_the_line_and_the_likely_fix(tmp_path, text, line, words):
    assert config_error(tmp_path, text, match=words).line == line


@pytest.mark.parametrize("text, line, words", [
    ('severity = "error"\n', 1, "severity must be a table"),
    ('disable = "untranslated"\n', 1, 'disable must be a list of rule names'),
    ('disable = 3\n', 1, "disable must be a list of rule names"),
    ('enable = ["omission", 3]\n', 1, "enable must be a list of rule names"),
    ('omission = "strict"\n', 1, "[omission] must be a table of options"),
    ('[omission]\nmax-ratio = "x"\n', 2, "max-ratio of omission must be a number"),
    ('[omission]\nmax-ratio = true\n', 2, "max-ratio of omission must be a number"),
    ('[omission]\nmax_ratio = 3\n', 2, "unknown option 'max_ratio' of omission"),
    ('[untranslated]\nmin-length = 3\n', 2, "unknown option 'min-length' of untranslated"),
])
def test_values_of_the_wrong_type_are_errors_not_crashes(tmp_path, text, line, words):
    error = config_error(tmp_path, text)
    assert words in str(error)
    assert error.line == line


def test_rule_options_are_read(tmp_path):
    path = tmp_path / "concord.toml"
    path.write_text("[omission]\nmax-ratio = 3\nmin-ratio = 0.5\n", encoding="utf-8")
    assert load_config(path).option("omission", "max-ratio", 12.0) == 3
