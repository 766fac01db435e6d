"""``concord check --tm DB``: inconsistent-translation against a store, and of a store."""
from __future__ import annotations

import json

from concord.cli import main
from tests.tm.sample import PAIRS, write_memory
from tmx.model import Unit

OTHER = "The spokesperson of the Foreign Ministry took questions at the regular briefing."


def run(args, capsys):
    status = main([str(a) for a in args])
    out = capsys.readouterr()
    return status, out.out, out.err


def store_with_two_translations(store_url, tmp_path, capsys) -> None:
    run(["tm", "import", "--db", store_url, write_memory(tmp_path / "a.tmx")], capsys)
    again = [Unit.bilingual("later:4", "zh-CN", PAIRS[3][0], "en-US", OTHER)]
    run(["tm", "import", "--db", store_url, write_memory(tmp_path / "b.tmx", again)], capsys)


def test_the_store_checked_alone_reports_its_inconsistent_translation(store_url, tmp_path,
                                                                       capsys):
    store_with_two_translations(store_url, tmp_path, capsys)
    status, out, err = run(["check", "--tm", store_url, "-f", "json"], capsys)
    assert status == 0, err  # a warning: below the default --fail-on error
    findings = json.loads(out)["findings"]
    assert [f["rule"] for f in findings] == ["inconsistent-translation"]
    assert findings[0]["unit"] in ("harbour:4", "later:4")
    assert set(findings[0]["related"]) | {findings[0]["unit"]} == {"harbour:4", "later:4"}
    status, out, _ = run(["check", "--tm", store_url, "-f", "json", "--disable",
                          "inconsistent-translation"], capsys)
    assert json.loads(out)["findings"] == []


def test_a_memory_is_checked_against_what_the_store_holds(store_url, tmp_path, capsys):
    run(["tm", "import", "--db", store_url, write_memory(tmp_path / "a.tmx")], capsys)
    new = [Unit.bilingual("new:1", "zh-CN", PAIRS[3][0], "en-US", OTHER),
           Unit.bilingual("new:2", "zh-CN", PAIRS[5][0], "en-US", PAIRS[5][1]),
           Unit.bilingual("new:3", "zh-CN", "这是一个从未翻译过的全新句子。", "en-US",
                          "This is a brand-new sentence never translated before.")]
    memory = write_memory(tmp_path / "new.tmx", new)
    status, out, err = run(["check", "--tmx", memory, "--tm", store_url, "-f", "json",
                            "--fail-on", "warning"], capsys)
    assert status == 1, err
    findings = [f for f in json.loads(out)["findings"] if f["rule"] == "inconsistent-translation"]
    assert [f["unit"] for f in findings] == ["new:1"]
    assert PAIRS[3][1] in findings[0]["message"] and "harbour:4" in findings[0]["message"]
    without = run(["check", "--tmx", memory, "-f", "json"], capsys)[1]
    assert not [f for f in json.loads(without)["findings"]
                if f["rule"] == "inconsistent-translation"]


def test_check_tm_refuses_a_store_that_is_not_ours(tmp_path, capsys):
    path = tmp_path / "notes.db"
    path.write_text("not a database\n", encoding="utf-8")
    status, _, err = run(["check", "--tm", path], capsys)
    assert status == 2 and "not a Concord translation-memory store" in err
