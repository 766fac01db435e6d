"""PO written for gettext: ``--confirmed-threshold`` and ``--no-fuzzy`` on every command that
writes PO, checked with the real msgfmt and Translate Toolkit's po2tmx, which both leave fuzzy
entries out."""
from __future__ import annotations

import gettext
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

from concord.bitext import read_units, write_units
from concord.cli import main
from tmx.model import Unit

RELEASES = Path(__file__).resolve().parents[2] / "corpora" / "releases"
NAME = "2022-01-18-wang-yi-qureshi-call"
PO2TMX = Path(sys.executable).parent / "po2tmx"

needs_msgfmt = pytest.mark.skipif(shutil.which("msgfmt") is None,
                                  reason="gettext's msgfmt is not installed (apt-get install "
                                         "gettext; scripts/test installs it)")
needs_po2tmx = pytest.mark.skipif(not PO2TMX.exists(), reason="Translate Toolkit's po2tmx is "
                                  "not installed (pip install -e '.[test]')")

#: (status, confidence) of the units of the memory below
UNITS = [("unreviewed", "0.950"), ("unreviewed", "0.850"), ("unreviewed", "0.400"),
         ("edited", "0.900"), ("confirmed", "0.700"), ("rejected", "0.990")]


@pytest.fixture
def memory(tmp_path) -> Path:
    units = [Unit.bilingual(f"d:{n}", "zh-CN", f"第{n}句。", "en-US", f"Sentence {n}.",
                            props=[("x-concord-doc", "d"), ("x-concord-paragraph", str(n)),
                                   ("x-concord-status", status),
                                   ("x-concord-confidence", confidence)])
             for n, (status, confidence) in enumerate(UNITS, 1)]
    path = tmp_path / "m.tmx"
    write_units(units, path)
    return path


def compiled(po: Path) -> set[str]:
    """The msgids msgfmt --check puts in the compiled catalogue (it leaves fuzzy ones out)."""
    mo = po.with_suffix(".mo")
    done = subprocess.run(["msgfmt", "--check", "-o", str(mo), str(po)], capture_output=True, check=False,
                          text=True)
    assert done.returncode == 0, done.stderr
    with open(mo, "rb") as handle:
        catalog = gettext.GNUTranslations(handle)._catalog  # type: ignore[attr-defined]
    return {key.split("\x04")[-1] for key in catalog if key}


def po2tmx(po: Path) -> list[str]:
    """The source segments of the memory Translate Toolkit's po2tmx makes of ``po``."""
    from lxml import etree
    out = po.with_name(po.stem + ".po2tmx.tmx")
    done = subprocess.run([str(PO2TMX), "-i", str(po), "-o", str(out), "-l", "en-US",
                           "--source-language", "zh-CN"], capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0, done.stderr
    return [tuv.findtext("seg") for tuv in etree.parse(str(out)).iter("tuv")
            if tuv.get("{http://www.w3.org/XML/1998/namespace}lang") == "zh-CN"]


@needs_msgfmt
@needs_po2tmx
@pytest.mark.parametrize("options, kept", [
    ([], {5}),                                        # confirmed only
    (["--confirmed-threshold", "0.85"], {1, 2, 4, 5}),   # rejected stays fuzzy
    (["--no-fuzzy"], {1, 2, 3, 4, 5, 6}),
])
def test_msgfmt_and_po2tmx_keep_what_is_not_fuzzy(tmp_path, capsys, memory, options, kept):
    po = tmp_path / "m.po"
    assert main(["convert", str(memory), str(po), *options]) == 0
    expected = {f"第{n}句。" for n in kept}
    assert compiled(po) == expected
    assert set(po2tmx(po)) == expected
    # reading the PO back leaves every review status as it was: an entry the writer left
    # unflagged is not taken for one a reviewer confirmed
    assert [u.prop("x-concord-status") for u in read_units(po)] == [s for s, _ in UNITS]


def test_a_cleared_fuzzy_flag_still_confirms_the_unit(tmp_path, memory):
    po = tmp_path / "m.po"
    assert main(["convert", str(memory), str(po), "--confirmed-threshold", "0.85"]) == 0
    catalog = polib.pofile(str(po))
    third = next(e for e in catalog if e.msgid == "第3句。")
    assert "fuzzy" in third.flags
    third.flags.remove("fuzzy")    # what a translator does in Poedit
    catalog.save()
    statuses = [u.prop("x-concord-status") for u in read_units(po)]
    assert statuses == ["unreviewed", "unreviewed", "confirmed", "edited", "confirmed",
                        "rejected"]


@pytest.mark.parametrize("command", [
    ["tmx", "filter", "{in}", "-o", "{out}"],
    ["tmx", "merge", "{in}", "-o", "{out}"],
])
@pytest.mark.parametrize("option", [["--no-fuzzy"], ["--confirmed-threshold", "0.5"]])
def test_memory_commands_take_the_po_options(tmp_path, memory, command, option):
    out = tmp_path / "out.po"
    args = [a.format(**{"in": memory, "out": out}) for a in command]
    assert main([*args, *option]) == 0
    fuzzy = {e.msgid for e in polib.pofile(str(out)) if "fuzzy" in e.flags}
    assert fuzzy == (set() if option == ["--no-fuzzy"] else {"第3句。", "第6句。"})


@needs_msgfmt
def test_align_writes_po_that_msgfmt_keeps_with_a_threshold(tmp_path):
    zh, en = RELEASES / f"{NAME}.zh.txt", RELEASES / f"{NAME}.en.txt"
    default, threshold = tmp_path / "default.po", tmp_path / "threshold.po"
    assert main(["align", str(zh), str(en), "-o", str(default)]) == 0
    assert compiled(default) == set()      # every bead unreviewed: all fuzzy, nothing compiled
    assert main(["align", str(zh), str(en), "-o", str(threshold),
                 "--confirmed-threshold", "0.8"]) == 0
    sure = {u.text("zh") for u in read_units(threshold)
            if float(u.prop("x-concord-confidence")) >= 0.8 and u.text("zh") and u.text("en")}
    assert sure and compiled(threshold) == sure


def test_review_export_takes_the_po_options(tmp_path, memory, capsys):
    out = tmp_path / "reviewed.po"
    assert main(["review", str(memory), "--export", str(out), "--no-fuzzy"]) == 0
    assert not any("fuzzy" in e.flags for e in polib.pofile(str(out)))


@pytest.mark.parametrize("value", ["1.5", "-0.1"])
def test_a_threshold_out_of_range_is_refused(tmp_path, memory, capsys, value):
    out = tmp_path / "m.po"
    assert main(["convert", str(memory), str(out), "--confirmed-threshold", value]) == 2
    assert "--confirmed-threshold must be between 0 and 1" in capsys.readouterr().err
    assert not out.exists()
