"""The store on both back ends (SQLite file, PostgreSQL database): import, versions, lookup,
concordance, export and statistics through the ``concord tm`` commands."""
from __future__ import annotations

import io
import json
import sys

from concord.bitext import read_units, write_units
from concord.cli import main
from concord.tm import fuzzy, open_store
from tests.tm.sample import PAIRS, harbour_units, write_memory
from tmx.model import Unit


def run(args, capsys):
    status = main([str(a) for a in args])
    out = capsys.readouterr()
    return status, out.out, out.err


def stats(store_url, capsys) -> dict:
    status, out, _ = run(["tm", "stats", "--db", store_url, "--format", "json"], capsys)
    assert status == 0
    return json.loads(out)


def lookup(store_url, text, lang, capsys, *extra) -> list[dict]:
    status, out, err = run(["tm", "lookup", "--db", store_url, "--lang", lang, "--format",
                            "json", *extra, text], capsys)
    assert status == 0, err
    data = json.loads(out)
    assert data["query"] == text
    return data["matches"]


def test_importing_again_adds_nothing(store_url, tmp_path, capsys):
    memory = write_memory(tmp_path / "harbour.tmx")
    assert run(["tm", "import", "--db", store_url, memory], capsys)[0] == 0
    assert stats(store_url, capsys)["units"] == len(PAIRS) + 1
    status, _, err = run(["tm", "import", "--db", store_url, memory], capsys)
    assert status == 0
    assert "0 units added" in err
    assert stats(store_url, capsys)["units"] == len(PAIRS) + 1


def test_a_changed_translation_is_a_new_version_and_both_are_found(store_url, tmp_path, capsys):
    run(["tm", "import", "--db", store_url, write_memory(tmp_path / "a.tmx")], capsys)
    changed = [Unit.bilingual("later:1", "zh-CN", PAIRS[0][0], "en-US",
                              "The new port district was opened today.")]
    run(["tm", "import", "--db", store_url, write_memory(tmp_path / "b.tmx", changed)], capsys)
    assert stats(store_url, capsys)["sources_with_versions"] == 1
    matches = lookup(store_url, PAIRS[0][0], "zh", capsys)
    exact = [m for m in matches if m["score"] == 1.0]
    assert {m["target"] for m in exact} == {PAIRS[0][1], "The new port district was opened today."}
    assert {m["version"] for m in exact} == {1, 2}
    assert {m["tuid"] for m in exact} == {"harbour:1", "later:1"}


def test_lookup_ranks_fuzzy_matches_and_keeps_the_unit_details(store_url, tmp_path, capsys):
    run(["tm", "import", "--db", store_url, write_memory(tmp_path / "harbour.tmx")], capsys)
    query = "The mayor attended the opening ceremony."
    matches = lookup(store_url, query, "en", capsys, "--limit", "3")
    best = matches[0]
    assert best["source"] == PAIRS[1][1] and best["target"] == PAIRS[1][0]
    assert 0.5 < best["score"] < 1.0
    assert [m["score"] for m in matches] == sorted((m["score"] for m in matches), reverse=True)
    assert best["tuid"] == "harbour:2"
    assert best["origin"].endswith("harbour.tmx")
    assert best["props"]["x-concord-doc"] == "harbour"
    assert best["props"]["x-concord-status"] == "unreviewed"
    assert len(matches) <= 3


def test_a_sentence_differing_only_in_numbers_matches_highly(store_url, tmp_path, capsys):
    run(["tm", "import", "--db", store_url, write_memory(tmp_path / "harbour.tmx")], capsys)
    for text, lang, stored in (("2024年全市生产总值增长4.8%。", "zh", PAIRS[2][0]),
                               ("The city's output grew by 4.8 percent in 2024.", "en",
                                PAIRS[2][1])):
        best = lookup(store_url, text, lang, capsys)[0]
        assert best["source"] == stored
        assert 0.95 <= best["score"] < 1.0
        assert len(best["differences"]) == 2  # the year and the rate, each shown
        assert all(query != match for query, match in best["differences"])


def test_min_score_leaves_out_weak_matches(store_url, tmp_path, capsys):
    run(["tm", "import", "--db", store_url, write_memory(tmp_path / "harbour.tmx")], capsys)
    assert lookup(store_url, "Completely unrelated words about astronomy and stars.", "en",
                  capsys, "--min-score", "0.6") == []


def test_lookup_streams_one_json_line_per_query(store_url, tmp_path, capsys, monkeypatch):
    run(["tm", "import", "--db", store_url, write_memory(tmp_path / "harbour.tmx")], capsys)
    queries = [PAIRS[4][0], "夜间港口灯火通明。", "天文学", "港" * 6000, PAIRS[0][0]]
    monkeypatch.setattr(sys, "stdin", io.StringIO("\n".join(queries) + "\n"))
    status, out, _ = run(["tm", "lookup", "--db", store_url, "--lang", "zh", "-"], capsys)
    assert status == 0
    lines = [json.loads(line) for line in out.splitlines()]
    assert [line["query"] for line in lines] == queries
    assert lines[0]["matches"][0]["score"] == 1.0
    assert lines[1]["matches"][0]["source"] == PAIRS[9][0]
    assert lines[2]["matches"] == []
    assert lines[3]["matches"] == [] and "too long" in lines[3]["error"]
    assert lines[4]["matches"][0]["score"] == 1.0  # the lines after it are answered


def test_concordance_spans_the_term_in_either_language(store_url, tmp_path, capsys):
    run(["tm", "import", "--db", store_url, write_memory(tmp_path / "harbour.tmx")], capsys)
    status, out, _ = run(["tm", "concordance", "--db", store_url, "--format", "json", "王毅"],
                         capsys)
    assert status == 0
    found = json.loads(out)["matches"]
    assert {m["tuid"] for m in found} == {"harbour:5", "harbour:11"}
    for m in found:
        start, end = m["spans"][0]
        assert m["zh"][start:end] == "王毅"
        assert m["en"] and m["origin"].endswith("harbour.tmx") and m["date"]
    status, out, _ = run(["tm", "concordance", "--db", store_url, "--format", "json",
                          "PORT"], capsys)
    found = json.loads(out)["matches"]
    # whole words only: "port" in "port safety", not in "report" or "sports"
    assert {m["tuid"] for m in found} == {"harbour:6", "harbour:8", "harbour:12"}
    for m in found:
        start, end = m["spans"][0]
        assert m["en"][start:end].lower() == "port"


def test_concordance_text_output_names_the_unit(store_url, tmp_path, capsys):
    run(["tm", "import", "--db", store_url, write_memory(tmp_path / "harbour.tmx")], capsys)
    status, out, _ = run(["tm", "concordance", "--db", store_url, "码头"], capsys)
    assert status == 0
    assert "渔民们在码头上" in out and "harbour:9" in out and "harbour:7" in out


def test_export_keeps_units_whole_and_filters(store_url, tmp_path, capsys):
    units = harbour_units("harbour", "confirmed") + harbour_units("weather", "unreviewed",
                                                                  date="20250101T000000Z")
    units = [u for u in units if u.tuid != "weather:codes"]
    run(["tm", "import", "--db", store_url, write_memory(tmp_path / "in.tmx", units)], capsys)
    out = tmp_path / "all.tmx"
    assert run(["tm", "export", "--db", store_url, "-o", out], capsys)[0] == 0
    exported = list(read_units(out))
    assert len(exported) == len(PAIRS) + 1  # the weather units repeat the harbour segments
    assert exported[-1].segment("en") == units[len(PAIRS)].segment("en")  # inline codes kept
    assert exported[0].props == units[0].props
    confirmed = tmp_path / "confirmed.jsonl"
    run(["tm", "export", "--db", store_url, "-o", confirmed, "--status", "confirmed",
         "--min-confidence", "0.7"], capsys)
    kept = list(read_units(confirmed))
    assert kept and all(u.prop("x-concord-status") == "confirmed" and
                        float(u.prop("x-concord-confidence")) >= 0.7
                        for u in kept if u.prop("x-concord-confidence"))
    since = tmp_path / "since.tsv"
    run(["tm", "export", "--db", store_url, "-o", since, "--since", "2024-06-01"], capsys)
    assert list(read_units(since)) == []  # the weather units were duplicates: never stored
    until = tmp_path / "until.tsv"
    run(["tm", "export", "--db", store_url, "-o", until, "--until", "2024-06-01"], capsys)
    assert len(list(read_units(until))) == len(PAIRS) + 1


def test_import_reads_po_tsv_jsonl_and_folders(store_url, tmp_path, capsys):
    folder = tmp_path / "batch"
    folder.mkdir()
    units = harbour_units()
    write_units(units[:4], folder / "a.tmx")
    write_units(units[4:7], folder / "b.po")
    write_units(units[7:10], folder / "c.jsonl")
    write_units(units[10:], tmp_path / "d.tsv")
    status, _, err = run(["tm", "import", "--db", store_url, folder, tmp_path / "d.tsv"],
                         capsys)
    assert status == 0, err
    assert stats(store_url, capsys)["units"] == len(units)
    assert stats(store_url, capsys)["origins"] == 4


def test_a_bad_file_in_an_import_leaves_the_store_as_it_was(store_url, tmp_path, capsys):
    run(["tm", "import", "--db", store_url, write_memory(tmp_path / "a.tmx")], capsys)
    good = write_memory(tmp_path / "b.tmx", harbour_units("other"))
    broken = tmp_path / "c.tmx"
    broken.write_text(good.read_text(encoding="utf-8")[:-200], encoding="utf-8")
    status, _, err = run(["tm", "import", "--db", store_url, good, broken], capsys)
    assert status == 2
    assert "c.tmx" in err
    assert stats(store_url, capsys)["units"] == len(PAIRS) + 1  # b.tmx's units are not in


def test_the_store_api_matches_the_commands(store_url, tmp_path, capsys):
    run(["tm", "import", "--db", store_url, write_memory(tmp_path / "a.tmx")], capsys)
    with open_store(store_url) as store:
        assert store.lookup(PAIRS[3][1], "en", limit=1)[0].score == 1.0
        assert [o.tuid for o in store.concordance("press conference")] == ["harbour:4"]
        assert store.translations(PAIRS[3][0], "zh")[0][1] == PAIRS[3][1]


def test_lookup_text_output_shows_what_differs(store_url, tmp_path, capsys):
    run(["tm", "import", "--db", store_url, write_memory(tmp_path / "harbour.tmx")], capsys)
    status, out, _ = run(["tm", "lookup", "--db", store_url, "--lang", "en",
                          "The city's output grew by 4.8 percent in 2023."], capsys)
    assert status == 0
    assert "0.99  The city's output grew by 5.2 percent in 2023." in out
    assert "2023年全市生产总值增长5.2%。" in out and "harbour:3" in out
    assert "differs: 4.8 percent here, 5.2 percent in the match" in out


def test_a_store_of_schema_1_gets_its_lengths_when_opened(store_url, tmp_path, capsys):
    run(["tm", "import", "--db", store_url, write_memory(tmp_path / "a.tmx")], capsys)
    with open_store(store_url) as store, store.transaction():  # as the first version made it
        added = ["DROP TABLE tm_word_df"] + (
            ["DROP TRIGGER tm_units_words", "DROP TABLE tm_en_words_vocab",
             "DROP TABLE tm_en_words", "DROP INDEX tm_units_lengths"]
            if store.backend == "sqlite" else ["DROP INDEX tm_units_en_words"])
        for statement in added:
            store.execute(statement)
        for lang in ("zh", "en"):
            store.execute(f"ALTER TABLE tm_units DROP COLUMN {lang}_len")
        store.execute("UPDATE concord_tm_meta SET value = '1' WHERE key = 'schema'")
    assert stats(store_url, capsys)["schema"] == 2
    with open_store(store_url) as store:
        lengths = store.execute("SELECT zh, en, zh_len, en_len FROM tm_units").fetchall()
        assert len(lengths) == len(PAIRS) + 1
        assert all(zh_len == fuzzy.size(zh, "zh") and en_len == fuzzy.size(en, "en")
                   for zh, en, zh_len, en_len in lengths)
    best = lookup(store_url, "The mayor attended the opening ceremony.", "en", capsys)[0]
    assert best["source"] == PAIRS[1][1]

