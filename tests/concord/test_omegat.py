"""A real OmegaT (Debian's ``omegat`` 3.6, console mode) translating with our memory in ``tm/auto``
loses no sentence: a sentence our alignment left without translation (a 1-0 bead) stays in the
target document as it is, and every 1-1 bead's translation is inserted.

OmegaT inserts the translations of ``tm/auto`` memories into the project. An empty ``<seg/>`` in
the target language was taken as a deliberate empty translation: the sentence vanished from the
translated document. The one-sided bead is therefore written without its empty variant.
"""
from __future__ import annotations

import shutil
import subprocess
from collections import defaultdict
from pathlib import Path

import pytest

from concord.cli import main
from tmx import props as P
from tmx.reader import iter_units

OMEGAT_JAR = Path("/usr/share/omegat/OmegaT.jar")
#: one OmegaT run takes ~10 s here; a hung JVM must not hang the suite
OMEGAT_TIMEOUT = 300

pytestmark = pytest.mark.skipif(
    shutil.which("java") is None or not OMEGAT_JAR.is_file(),
    reason="OmegaT is not installed (apt-get install omegat; scripts/test installs it)")

PROJECT = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<omegat>
  <project version="1.0">
    <source_dir>__DEFAULT__</source_dir>
    <target_dir>__DEFAULT__</target_dir>
    <tm_dir>__DEFAULT__</tm_dir>
    <glossary_dir>__DEFAULT__</glossary_dir>
    <glossary_file>__DEFAULT__</glossary_file>
    <dictionary_dir>__DEFAULT__</dictionary_dir>
    <source_lang>zh-CN</source_lang>
    <target_lang>en-US</target_lang>
    <sentence_seg>false</sentence_seg>
    <support_default_translations>true</support_default_translations>
    <remove_tags>false</remove_tags>
  </project>
</omegat>
"""


def omegat_project(root: Path) -> Path:
    """An empty OmegaT project: its file and every folder OmegaT requires."""
    project = root / "project"
    for folder in ("source", "target", "tm/auto", "glossary", "dictionary", "omegat"):
        (project / folder).mkdir(parents=True)
    (project / "omegat.project").write_text(PROJECT, encoding="utf-8")
    return project


def paragraphs(path: Path) -> list[str]:
    """The paragraphs of a text file, one sentence each (separated by blank lines); an empty
    paragraph is a sentence that vanished."""
    return [p.strip() for p in path.read_text(encoding="utf-8").rstrip("\n").split("\n\n")]


def omegat_translate(project: Path, home: Path) -> None:
    """Run OmegaT in console mode on ``project``: target/ gets the translated documents."""
    done = subprocess.run(
        [str(shutil.which("java")), "-Djava.awt.headless=true", "-Dfile.encoding=UTF-8",
         f"-Duser.home={home}", "-jar", str(OMEGAT_JAR), str(project),
         "--mode=console-translate"],
        capture_output=True, text=True, check=False, timeout=OMEGAT_TIMEOUT,
        env={"HOME": str(home), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"})
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]


def test_omegat_with_our_memory_in_tm_auto_loses_no_sentence(tmp_path, corpora):
    project = omegat_project(tmp_path)
    expected: dict[str, set[str]] = defaultdict(set)   # Chinese sentence → its outcomes
    one_sided = translated = 0
    for zh in sorted((corpora / "releases").glob("*.zh.sents")):
        name = zh.name.removesuffix(".zh.sents")
        english = (corpora / "releases" / f"{name}.en.sents").read_text(encoding="utf-8")
        # every fourth English sentence dropped: their Chinese sentences have no translation
        damaged = tmp_path / f"{name}.en.sents"
        damaged.write_text("".join(line + "\n" for n, line in enumerate(english.splitlines())
                                   if n % 4 != 2), encoding="utf-8")
        memory = project / "tm" / "auto" / f"{name}.tmx"
        assert main(["align", "--presplit", "-q", str(zh), str(damaged), "-o", str(memory)]) == 0
        sentences = zh.read_text(encoding="utf-8").splitlines()
        # one sentence a paragraph: OmegaT's segments are the aligner's sentences
        (project / "source" / f"{name}.txt").write_text(
            "".join(s + "\n\n" for s in sentences), encoding="utf-8")
        for unit in iter_units(memory):
            bead = unit.prop(P.BEAD)
            if bead == "1-0":
                expected[unit.text("zh")].add(unit.text("zh"))   # kept as it is
                one_sided += 1
            elif bead == "1-1":
                expected[unit.text("zh")].add(unit.text("en"))
                translated += 1
    assert one_sided >= 5 and translated >= 50, (one_sided, translated)

    omegat_translate(project, tmp_path / "home")

    kept = inserted = 0
    for source in sorted((project / "source").glob("*.txt")):
        target = project / "target" / source.name
        sources, targets = paragraphs(source), paragraphs(target)
        # no sentence vanished: every paragraph is still there and holds text
        vanished = [zh for zh, out in zip(sources, targets) if not out]
        assert not vanished, f"{source.name}: sentences deleted by OmegaT: {vanished}"
        assert len(targets) == len(sources), source.name
        for zh_sentence, out in zip(sources, targets):
            outcomes = expected.get(zh_sentence)
            if outcomes is None or len(outcomes) > 1:
                continue   # in no 1-0/1-1 bead, or repeated with different outcomes
            assert out == next(iter(outcomes)), (source.name, zh_sentence)
            kept += out == zh_sentence
            inserted += out != zh_sentence
    # both outcomes were seen: sentences kept as they are, translations inserted
    assert kept >= 5 and inserted >= 50, (kept, inserted)
