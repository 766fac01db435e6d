"""``concord align``: beads and memory output, options, and errors as a user meets them."""
from __future__ import annotations

from pathlib import Path

import pytest

from align import MAX_BEAD
from align.evaluate import parse_beads, read_beads, score_documents
from concord.bitext import read_units
from concord.cli import main

ROOT = Path(__file__).resolve().parent.parent.parent
RELEASES = ROOT / "corpora" / "releases"
GLOSSARY = ROOT / "corpora" / "glossary" / "mfa-terms.csv"
NAME = "2022-02-05-wang-yi-tileuberdi-meeting"


def sents(lang: str) -> Path:
    return RELEASES / f"{NAME}.{lang}.sents"


def test_beads_of_presplit_files_match_the_hand_checked_gold(capsys):
    assert main(["align", str(sents("zh")), str(sents("en")), "--presplit",
                 "--format", "beads"]) == 0
    test = parse_beads(capsys.readouterr().out)
    gold = read_beads(RELEASES / f"{NAME}.align")
    assert score_documents([(gold, test)]).f1_strict >= 0.9
    # every sentence of both sides appears exactly once, in order
    assert [i for s, _ in test for i in s] == list(range(len(sents("zh").read_text().splitlines())))
    assert [j for _, t in test for j in t] == list(range(len(sents("en").read_text().splitlines())))


def test_beads_follow_the_command_line_order(capsys):
    main(["align", str(sents("zh")), str(sents("en")), "--presplit", "--format", "beads"])
    zh_first = parse_beads(capsys.readouterr().out)
    main(["align", str(sents("en")), str(sents("zh")), "--presplit", "--format", "beads"])
    en_first = parse_beads(capsys.readouterr().out)
    assert en_first == [(t, s) for s, t in zh_first]


def test_raw_releases_give_a_tmx_with_confidences(tmp_path):
    out = tmp_path / "out" / "release.tmx"
    assert main(["align", str(RELEASES / f"{NAME}.zh.txt"), str(RELEASES / f"{NAME}.en.txt"),
                 "-o", str(out)]) == 0
    units = list(read_units(out))
    assert len(units) >= 10
    props = dict(units[0].props)
    assert props["x-concord-bead"] == "1-1"
    assert 0.0 <= float(props["x-concord-confidence"]) <= 1.0
    assert units[0].text("zh-CN") and units[0].text("en-US")
    assert not list(out.parent.glob(".*.tmp"))


def test_tmx_goes_to_standard_output_without_o(capsysbinary):
    assert main(["align", str(sents("zh")), str(sents("en")), "--presplit"]) == 0
    out = capsysbinary.readouterr().out
    assert out.startswith(b"<?xml") and b"<tmx version=\"1.4\">" in out


@pytest.mark.parametrize("option", ["--glossary", "-g"])
def test_glossary_anchors_are_used(tmp_path, capsys, option):
    assert main(["-v", "align", str(sents("zh")), str(sents("en")), "--presplit", "--format",
                 "beads", option, str(GLOSSARY)]) == 0
    out = capsys.readouterr()
    assert "glossary terms anchor the alignment" in out.err
    test = parse_beads(out.out)
    gold = read_beads(RELEASES / f"{NAME}.align")
    assert score_documents([(gold, test)]).f1_strict >= 0.9


def test_missing_file_is_one_line_error_and_no_output(tmp_path, capsys):
    out = tmp_path / "x.tmx"
    assert main(["align", str(tmp_path / "nope.zh"), str(sents("en")), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "nope.zh" in err and "Traceback" not in err
    assert not out.exists()


def test_same_language_warns(tmp_path, capsys):
    assert main(["align", str(sents("en")), str(sents("en")), "--presplit",
                 "--format", "beads"]) == 0
    assert "same language" in capsys.readouterr().err


def test_moses_needs_a_prefix(capsys):
    assert main(["align", str(sents("zh")), str(sents("en")), "--presplit",
                 "--format", "moses"]) == 2
    assert "prefix" in capsys.readouterr().err


@pytest.mark.parametrize("value", ["1000", "99999999999999999999", str(MAX_BEAD + 1), "0", "-1",
                                   "four"])
@pytest.mark.parametrize("command", ["align", "eval"])
def test_max_bead_is_bounded(tmp_path, capsys, command, value):
    """--max-bead 1000 ran for minutes and took 4.5 GB: a usage error, before any work."""
    zh, en = tmp_path / "a.zh.txt", tmp_path / "a.en.txt"
    zh.write_text("双方签署了协议。\n", encoding="utf-8")
    en.write_text("The two sides signed agreements.\n", encoding="utf-8")
    inputs = [str(zh), str(en)] if command == "align" else ["--gold", str(tmp_path)]
    with pytest.raises(SystemExit) as info:
        main([command, *inputs, "--max-bead", value, "-q"])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert "--max-bead" in err and value in err and "Traceback" not in err
    if value.lstrip("-").isdigit():
        assert f"1 to {MAX_BEAD}" in err
    assert sorted(tmp_path.iterdir()) == sorted([zh, en])


def test_max_bead_at_its_maximum_aligns(capsys):
    assert main(["align", str(sents("zh")), str(sents("en")), "--presplit", "--format", "beads",
                 "--max-bead", str(MAX_BEAD), "-q"]) == 0
    assert capsys.readouterr().out.count("\n") > 5


@pytest.mark.parametrize("fmt", ["tsv", "jsonl"])
def test_other_memory_formats(tmp_path, fmt):
    out = tmp_path / f"release.{fmt}"
    assert main(["align", str(sents("zh")), str(sents("en")), "--presplit", "-o", str(out)]) == 0
    assert len(list(read_units(out))) >= 10


def test_an_explanatory_sentence_the_chinese_lacks_is_left_unaligned(capsys):
    # the English adds a sentence on the programme it names ("Launched in 2014, ..."); glued to
    # its neighbour it made `concord check` report a number missing from the Chinese
    name = "2022-03-02-hu-chunhua-sklyar-committee"
    assert main(["align", str(RELEASES / f"{name}.zh.txt"), str(RELEASES / f"{name}.en.txt"),
                 "--format", "beads", "--glossary", str(GLOSSARY)]) == 0
    test = parse_beads(capsys.readouterr().out)
    gold = read_beads(RELEASES / f"{name}.align")
    one_sided = [bead for bead in gold if not (bead[0] and bead[1])]
    assert one_sided and all(bead in test for bead in one_sided)


@pytest.mark.parametrize("fmt,written", [("tmx", "{zh}"), ("moses", "{prefix}")])
def test_output_that_would_overwrite_an_input_is_refused(tmp_path, capsys, fmt, written):
    prefix = tmp_path / "pair"
    zh, en = tmp_path / "pair.zh", tmp_path / "pair.en"
    zh.write_bytes(sents("zh").read_bytes())
    en.write_bytes(sents("en").read_bytes())
    before = zh.read_bytes(), en.read_bytes()
    output = written.format(zh=zh, prefix=prefix)  # -o names the source, or moses' pair.zh
    assert main(["align", str(zh), str(en), "--presplit", "--format", fmt, "-o", output]) == 2
    err = capsys.readouterr().err
    assert "overwrite" in err and "Traceback" not in err
    assert (zh.read_bytes(), en.read_bytes()) == before


def _doc_ids(out: Path) -> tuple[set[str], list[str]]:
    units = list(read_units(out))
    return {dict(u.props)["x-concord-doc"] for u in units}, [u.tuid for u in units]


def test_pairs_named_only_by_language_get_their_folder_as_document_id(tmp_path):
    # 2024-01-10/zh.txt + en.txt and 2024-02-03/zh.txt + en.txt were all document "zh", with the
    # same tuids: merging their memories mixed the two releases up
    tuids = []
    for day, (zh_name, en_name) in {"2024-01-10": ("zh.txt", "en.txt"),
                                    "2024-02-03": ("zh-CN.txt", "english.txt")}.items():
        folder = tmp_path / day
        folder.mkdir()
        (folder / zh_name).write_bytes(sents("zh").read_bytes())
        (folder / en_name).write_bytes(sents("en").read_bytes())
        out = tmp_path / f"{day}.tmx"
        assert main(["align", str(folder / zh_name), str(folder / en_name), "--presplit",
                     "-o", str(out)]) == 0
        ids, unit_ids = _doc_ids(out)
        assert ids == {day}
        tuids += unit_ids
    assert len(tuids) == len(set(tuids))


@pytest.mark.parametrize("zh_name,en_name,expected", [
    ("release.zh.txt", "release.en.txt", "release"),        # the usual names keep their stem
    ("call-chinese.txt", "call-english.txt", "call"),       # the stem the two names share
    ("中文版.txt", "English version.txt", "pair-folder"),   # nothing shared: the folder
])
def test_document_id_is_what_the_pair_shares(tmp_path, zh_name, en_name, expected):
    folder = tmp_path / "pair-folder"
    folder.mkdir()
    (folder / zh_name).write_bytes(sents("zh").read_bytes())
    (folder / en_name).write_bytes(sents("en").read_bytes())
    out = tmp_path / "out.tmx"
    assert main(["align", str(folder / zh_name), str(folder / en_name), "--presplit",
                 "-o", str(out)]) == 0
    assert _doc_ids(out)[0] == {expected}
    assert main(["align", str(folder / zh_name), str(folder / en_name), "--presplit",
                 "--doc-id", "mine", "-o", str(out)]) == 0
    assert _doc_ids(out)[0] == {"mine"}


def test_input_format_reads_pages_saved_as_text(tmp_path):
    # an HTML page saved under a .txt name was aligned as text, markup and all
    reading = ROOT / "tests" / "align" / "fixtures" / "reading"
    zh, en = tmp_path / "talks.zh.txt", tmp_path / "talks.en.txt"
    zh.write_bytes((reading / "mfa_zh.html").read_bytes())
    en.write_bytes((reading / "mfa_en.html").read_bytes())
    out = tmp_path / "talks.tmx"
    assert main(["align", str(zh), str(en), "--input-format", "html", "-o", str(out)]) == 0
    units = list(read_units(out))
    texts = [u.text("zh-CN") + u.text("en-US") for u in units]
    assert units and not any("<" in text or "pageConfig" in text for text in texts)
    assert any("Iceland" in u.text("en-US") for u in units)


@pytest.mark.parametrize("options,zh_tag,en_tag", [
    ([], "zh-CN", "en-US"),
    (["--zh-tag", "zh-Hant", "--en-tag", "en"], "zh-Hant", "en"),
    (["--zh-tag", "zh-TW", "--en-tag", "en-GB"], "zh-TW", "en-GB"),
])
def test_zh_and_en_tags_are_written_as_given(tmp_path, options, zh_tag, en_tag):
    # the Chinese was always labelled zh-CN, Traditional or not
    out = tmp_path / "release.tmx"
    assert main(["align", str(sents("en")), str(sents("zh")), "--presplit", "-o", str(out),
                 *options]) == 0
    text = out.read_text(encoding="utf-8")
    assert f'srclang="{en_tag}"' in text
    units = list(read_units(out))
    assert {tuple(v.lang for v in u.variants) for u in units} == {(en_tag, zh_tag)}


def test_a_tag_that_is_no_language_tag_is_refused(tmp_path, capsys):
    out = tmp_path / "release.tmx"
    assert main(["align", str(sents("zh")), str(sents("en")), "--presplit", "-o", str(out),
                 "--zh-tag", "Chinese (Taiwan)"]) == 2
    assert "--zh-tag" in capsys.readouterr().err and not out.exists()


def test_traditional_chinese_left_tagged_zh_cn_is_warned_about(tmp_path, capsys):
    zh, en = tmp_path / "visit.zh.txt", tmp_path / "visit.en.txt"
    zh.write_text("外交部長今天會見了來訪的島國外長。\n雙方就兩國關係和共同關心的問題交換了意見。\n",
                  encoding="utf-8")
    en.write_text("The Foreign Minister met the visiting foreign minister of the island nation "
                  "today.\nThe two sides exchanged views on bilateral relations and issues of "
                  "common concern.\n", encoding="utf-8")
    out = tmp_path / "visit.tmx"
    assert main(["align", str(zh), str(en), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "Traditional" in err and "--zh-tag zh-TW" in err
    assert main(["align", str(zh), str(en), "-o", str(out), "--zh-tag", "zh-TW"]) == 0
    assert "Traditional" not in capsys.readouterr().err
    # Simplified text is not warned about
    assert main(["align", str(sents("zh")), str(sents("en")), "--presplit", "-o", str(out)]) == 0
    assert "Traditional" not in capsys.readouterr().err


def test_pages_saved_as_text_are_warned_about(tmp_path, capsys):
    # aligned as text, the markup became the sentences: say what to give
    reading = ROOT / "tests" / "align" / "fixtures" / "reading"
    zh, en = tmp_path / "talks.zh.txt", tmp_path / "talks.en.txt"
    zh.write_bytes((reading / "mfa_zh.html").read_bytes())
    en.write_bytes((reading / "mfa_en.html").read_bytes())
    assert main(["align", str(zh), str(en), "-o", str(tmp_path / "a.tmx")]) == 0
    err = " ".join(capsys.readouterr().err.split())
    assert f"{zh} looks like an HTML page read as text" in err
    assert f"{en} looks like an HTML page read as text" in err and "--input-format html" in err
    assert main(["align", str(zh), str(en), "--input-format", "html", "-o",
                 str(tmp_path / "b.tmx")]) == 0
    assert "looks like an HTML page" not in capsys.readouterr().err
