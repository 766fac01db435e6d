"""Bad input as a new user meets it: the real ``concord`` program, run as a separate process.

Every command that reads documents (segment, align, check SRC TGT, review SRC TGT) is given a
missing file, a directory, an empty document, a binary file and an undecodable one; every
command that reads a glossary (check, glossary lint/convert, align --glossary) is given
glossaries with syntax errors, an unknown status and a duplicated concept id. Each must end with
exit status 2 and one line ``concord: error: ...`` naming the file (and the line, for glossary
errors), no traceback, and no file left behind: no output, no temporary file, no review file.
"""
from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
RELEASE = ROOT / "corpora" / "releases" / "2022-01-18-wang-yi-qureshi-call"
GLOSSARY = ROOT / "corpora" / "glossary" / "mfa-terms.csv"
HEADER = "concept,category,lang,term,status,scope,case_sensitive,note\n"


# --- bad inputs: each writes itself under ``folder`` and returns its path --------------------

@dataclass(frozen=True)
class Bad:
    """One kind of bad input: how to make it, and the line the message must name (if any)."""

    name: str
    make: Callable[[Path], Path]
    line: int | None = None
    #: words the message must contain: what the file is, or what to do about it
    says: str | None = None

    def __repr__(self) -> str:
        return self.name


def _missing(folder: Path) -> Path:
    return folder / "no-such-release.zh.txt"


def _directory(folder: Path) -> Path:
    path = folder / "releases.zh.txt"
    path.mkdir()
    return path


def _empty(folder: Path) -> Path:
    path = folder / "empty.zh.txt"
    path.write_bytes(b"")
    return path


def _blank(folder: Path) -> Path:
    path = folder / "blank.zh.txt"
    path.write_text(" \n\u3000\n\t\n", encoding="utf-8")
    return path


def _binary(folder: Path) -> Path:
    path = folder / "scan.zh.txt"  # a PNG saved under a text name
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    return path


def _nul_bytes(folder: Path) -> Path:
    path = folder / "data.zh.txt"
    path.write_bytes(bytes(range(256)) * 8)
    return path


def _corrupt_utf8(folder: Path) -> Path:
    path = folder / "corrupt.zh.txt"  # UTF-8 Chinese with two broken bytes on line 2
    path.write_bytes("外交部发言人答记者问。\n双方".encode() + b"\xff\xfe"
                     + "同意加强合作。\n".encode() * 3)
    return path


def _broken_utf8_english(folder: Path) -> Path:
    path = folder / "broken.en.txt"  # English with F4 90 80 80 (beyond U+10FFFF) on line 2
    path.write_bytes(b"The two sides signed 12 agreements.\nThey agreed \xf4\x90\x80\x80 to "
                     b"deepen cooperation.\n")
    return path


def _endless(folder: Path) -> Path:
    return Path("/dev/urandom")  # read until memory ran out (4 GB): now read up to the limit


def _one_long_sentence(folder: Path) -> Path:
    path = folder / "wall.en.txt"  # 6,400 characters without a full stop on line 3
    path.write_text("Foreign Ministry Spokesperson's Remarks\n\n" + "and cooperation " * 400
                    + "\n", encoding="utf-8")
    return path


def _undecodable(folder: Path) -> Path:
    path = folder / "garbled.zh.txt"  # high bytes that no supported encoding reads as text
    path.write_bytes(bytes([0x81, 0x30, 0xFE, 0x39, 0xC0, 0x80, 0xF5, 0xFF] * 64) + b"\n")
    return path


def _page_without_text(folder: Path) -> Path:
    path = folder / "page.zh.html"  # a page whose only content is a script and a menu
    path.write_text("<html><head><script>var x = 1;</script></head><body><nav><ul>"
                    "<li><a href='/'>首页</a></li></ul></nav></body></html>\n", encoding="utf-8")
    return path


def _memory_as_document(folder: Path) -> Path:
    path = folder / "release.zh.tmx.txt"  # a memory saved under a text name
    path.write_text('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header '
                    'srclang="zh-CN"/><body><tu><tuv xml:lang="zh-CN"><seg>双方签署了协议。</seg>'
                    "</tuv></tu></body></tmx>\n", encoding="utf-8")
    return path


def _glossary_as_document(folder: Path) -> Path:
    path = folder / "terms.txt"
    path.write_text(HEADER + "fm,title,zh,外长,preferred,,,\n", encoding="utf-8")
    return path


DOCUMENTS = [
    Bad("missing", _missing), Bad("directory", _directory), Bad("empty", _empty),
    Bad("blank", _blank), Bad("html-without-text", _page_without_text), Bad("binary", _binary),
    Bad("nul-bytes", _nul_bytes), Bad("corrupt-utf8", _corrupt_utf8, line=2),
    Bad("broken-utf8-english", _broken_utf8_english, line=2),
    Bad("undecodable", _undecodable),
    Bad("dev-urandom", _endless, says="larger than 8,388,608 bytes"),
    Bad("one-long-sentence", _one_long_sentence, line=3, says="characters, more than 5,000"),
    Bad("memory-as-document", _memory_as_document,
        says="translation memory (TMX), not a document to align: check it with --tmx"),
    Bad("glossary-as-document", _glossary_as_document,
        says="glossary (CSV with concept, lang and term columns), not a document to align"),
]


def _writer(name: str, content: str) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / name
        path.write_text(content, encoding="utf-8")
        return path
    return make


_TBX_HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n'
             '<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">\n'
             '<text><body>\n')


def _tbx_entry(cid: str, zh: str, en: str, status: str = "preferredTerm-admn-sts") -> str:
    return (f'<conceptEntry id="{cid}">\n'
            f'<langSec xml:lang="zh"><termSec><term>{zh}</term></termSec></langSec>\n'
            f'<langSec xml:lang="en"><termSec><term>{en}</term>\n'
            f'<termNote type="administrativeStatus">{status}</termNote></termSec></langSec>\n'
            f'</conceptEntry>\n')


def _gbk_csv(folder: Path) -> Path:
    path = folder / "terms.csv"
    path.write_bytes((HEADER + "fm,title,zh,外长,preferred,,,\n").encode("gbk"))
    return path


def _huge_glossary(folder: Path) -> Path:
    path = folder / "huge.csv"  # sparse: 65 MiB of nothing on disk, read whole before the bound
    with path.open("wb") as handle:
        handle.write(HEADER.encode())
        handle.truncate(65 * 1024 * 1024)
    return path


GLOSSARIES = [
    Bad("missing", lambda folder: folder / "no-such-terms.csv"),
    Bad("dev-urandom", _endless, says="is not a regular file"),
    Bad("huge", _huge_glossary, says="larger than 67,108,864 bytes"),
    Bad("directory", lambda folder: _directory(folder)),
    Bad("csv-empty", _writer("terms.csv", ""), line=1),
    Bad("csv-not-utf8", _gbk_csv, line=2, says="GB18030/GBK): save it as UTF-8"),
    Bad("png-as-glossary", lambda folder: _binary(folder).rename(folder / "terms.png")
        or folder / "terms.png", says="this is a PNG image, not a glossary"),
    Bad("tmx-as-glossary", _writer(
        "memory.tmx", '<?xml version="1.0"?>\n<tmx version="1.4"><header srclang="zh-CN"/>'
        "<body/></tmx>\n"), says="translation memory (TMX), not a glossary: give it with --tmx"),
    Bad("memory-po-as-glossary", _writer(
        "memory.po", 'msgid ""\nmsgstr ""\n"Project-Id-Version: Concord translation memory\\n"\n'
        '"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgctxt "release, paragraph 1"\n'
        'msgid "外长出席。"\nmsgstr "The Foreign Minister attended."\n'),
        says="translation memory (written by concord convert), not a glossary"),
    Bad("csv-broken-quote", _writer(
        "terms.csv", HEADER + "fm,title,zh,外长,preferred,,,\n"
        'fm,title,en,"Foreign Minister,preferred,,,\n'), line=3),
    Bad("csv-unknown-status", _writer(
        "terms.csv", HEADER + "fm,title,zh,外长,preferred,,,\n"
        "fm,title,en,Foreign Minister,favourite,,,\n"), line=3),
    Bad("csv-duplicate-id", _writer(
        "terms.csv", HEADER + "fm,title,zh,外长,preferred,,,\nfm,title,en,Foreign Minister,,,,\n"
        "pm,title,zh,总理,,,,\npm,title,en,Premier,,,,\nfm,title,en,FM,admitted,,,\n"), line=6),
    Bad("tbx-not-well-formed", _writer(
        "terms.tbx", _TBX_HEAD + _tbx_entry("fm", "外长", "Foreign Minister")
        + '<conceptEntry id="pm">\n<langSec xml:lang="zh"><termSec><term>总理</termSec>\n'
        + "</langSec></conceptEntry>\n</body></text></tbx>\n"), line=10),
    Bad("tbx-unknown-status", _writer(
        "terms.tbx", _TBX_HEAD + _tbx_entry("fm", "外长", "Foreign Minister", "favouriteTerm")
        + "</body></text></tbx>\n"), line=7),
    Bad("tbx-duplicate-id", _writer(
        "terms.tbx", _TBX_HEAD + _tbx_entry("fm", "外长", "Foreign Minister")
        + _tbx_entry("fm", "总理", "Premier") + "</body></text></tbx>\n"), line=9),
    Bad("po-syntax-error", _writer(
        "terms.po", 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgctxt "fm"\nmsgid "外长"\nmsgstr "Foreign Minister"\n\n'
        'msgctxt "pm"\nmsgid "总理\nmsgstr "Premier"\n'), line=10),
]


# --- commands --------------------------------------------------------------------------------

@dataclass(frozen=True)
class Command:
    """A command line with ``{bad}``, ``{zh}``, ``{en}``, ``{glossary}`` and ``{out}`` holes."""

    name: str
    argv: tuple[str, ...]
    xfail: str | None = None

    def __repr__(self) -> str:
        return self.name


DOCUMENT_COMMANDS = [
    Command("segment", ("segment", "{bad}")),
    Command("segment -o", ("segment", "{bad}", "-o", "{out}/sentences.txt")),
    Command("align src", ("align", "{bad}", "{en}", "-o", "{out}/memory.tmx")),
    Command("align tgt", ("align", "{zh}", "{bad}", "-o", "{out}/memory.tmx")),
    Command("check src", ("check", "{bad}", "{en}", "--format", "json", "-o", "{out}/report.json")),
    Command("check tgt", ("check", "{zh}", "{bad}", "-o", "{out}/report.txt")),
    Command("review src", ("review", "{bad}", "{en}", "--no-browser")),
    Command("review tgt", ("review", "{zh}", "{bad}", "--no-browser")),
]

GLOSSARY_COMMANDS = [
    Command("check", ("check", "{zh}", "{en}", "--glossary", "{bad}", "-o", "{out}/report.txt")),
    Command("glossary lint", ("glossary", "lint", "{bad}")),
    Command("glossary convert", ("glossary", "convert", "{bad}", "{out}/terms.tbx")),
    Command("align --glossary", ("align", "{zh}", "{en}", "--glossary", "{bad}", "-o",
                                 "{out}/memory.tmx")),
    Command("review --glossary", ("review", "{zh}", "{en}", "--glossary", "{bad}",
                                  "--no-browser")),
]


def _glossary_csv(folder: Path) -> Path:
    path = folder / "terms.csv"
    path.write_bytes(GLOSSARY.read_bytes())
    return path


def _glossary_po(folder: Path) -> Path:
    path = folder / "terms.po"
    path.write_text('msgid ""\nmsgstr ""\n"Project-Id-Version: concord glossary\\n"\n'
                    '"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: en\\n"\n'
                    '"X-Source-Language: zh\\n"\n\nmsgctxt "fm"\nmsgid "外长"\n'
                    'msgstr "Foreign Minister"\n', encoding="utf-8")
    return path


MEMORIES = [
    Bad("directory", lambda folder: _directory(folder),
        says="is a directory, not a memory file"),
    Bad("png", lambda folder: _binary(folder).rename(folder / "scan.png") or folder / "scan.png",
        says="this is a PNG image, not a translation memory"),
    Bad("glossary-csv", _glossary_csv, says="this is a glossary"),
    Bad("glossary-tbx", _writer("terms.tbx", _TBX_HEAD + _tbx_entry("fm", "外长", "Foreign Minister")
                                + "</body></text></tbx>\n"),
        line=2, says="this is a TBX glossary: give it with --glossary"),
    Bad("glossary-po", _glossary_po, says="Concord glossary, not a translation memory"),
]

def _tu_with_attributes(folder: Path) -> Path:
    path = folder / "attributes.tmx"  # lxml reads attributes in quadratic time: minutes
    attrs = " ".join(f'x-{i}="v"' for i in range(100_000))
    path.write_text(f'<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header '
                    f'srclang="zh-CN"/><body>\n<tu {attrs}><tuv xml:lang="zh-CN"><seg>双方签署了'
                    '协议。</seg></tuv></tu></body></tmx>\n', encoding="utf-8")
    return path


def _nested_too_deep(folder: Path) -> Path:
    path = folder / "nested.tmx"
    path.write_text('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header '
                    'srclang="zh-CN"/><body><tu><tuv xml:lang="zh-CN"><seg>'
                    + "<g>" * 300 + "双方" + "</g>" * 300 + "</seg></tuv></tu></body></tmx>\n",
                    encoding="utf-8")
    return path


HOSTILE_MEMORIES = [
    Bad("tu-with-100000-attributes", _tu_with_attributes, line=3, says="100000 attributes"),
    Bad("nested-300-deep", _nested_too_deep, line=2, says="nested too deep"),
]

MEMORY_COMMANDS = [
    Command("check --tmx", ("check", "--tmx", "{bad}", "-o", "{out}/report.txt")),
    Command("tmx stats", ("tmx", "stats", "{bad}")),
    Command("convert", ("convert", "{bad}", "{out}/memory.tmx")),
]


def _cases(commands: list[Command], inputs: list[Bad]) -> list:
    cases = []
    for command in commands:
        for bad in inputs:
            marks = [pytest.mark.xfail(strict=True, reason=command.xfail)] if command.xfail else []
            cases.append(pytest.param(command, bad, id=f"{command.name}-{bad.name}", marks=marks))
    return cases


def _files(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


def run_bad(tmp_path: Path, command: Command, bad: Bad) -> tuple[subprocess.CompletedProcess, Path]:
    """Run ``command`` with ``bad`` among good inputs, in a folder of its own; assert that it
    leaves no file behind, and return the finished process and the bad input's path."""
    work = tmp_path / "work"
    out = tmp_path / "out"
    work.mkdir()
    out.mkdir()
    zh = work / "release.zh.txt"
    en = work / "release.en.txt"
    zh.write_bytes(RELEASE.with_name(RELEASE.name + ".zh.txt").read_bytes())
    en.write_bytes(RELEASE.with_name(RELEASE.name + ".en.txt").read_bytes())
    bad_path = bad.make(work)
    before = _files(tmp_path)
    argv = [a.format(bad=bad_path, zh=zh, en=en, glossary=GLOSSARY, out=out)
            for a in command.argv]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "CONCORD"))}
    env["PYTHONPATH"] = str(ROOT)  # the code of this tree, whatever is installed
    result = subprocess.run([sys.executable, "-m", "concord", *argv], cwd=work, env=env,
                            stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=120)
    assert _files(tmp_path) == before, "files were left behind"
    return result, bad_path


def assert_one_error_line(result: subprocess.CompletedProcess, bad_path: Path,
                          line: int | None, says: str | None = None) -> str:
    assert "Traceback" not in result.stderr + result.stdout
    lines = [x for x in result.stderr.splitlines() if x.strip()]
    assert len(lines) == 1, result.stderr
    [message] = lines
    assert message.startswith("concord: error: ")
    assert bad_path.name in message
    if line is not None:
        assert f"{bad_path.name}:{line}:" in message
    if says is not None:
        assert says in message
    assert result.returncode == 2
    return message


@pytest.mark.parametrize("command, bad", _cases(DOCUMENT_COMMANDS, DOCUMENTS))
def test_bad_documents(tmp_path, command, bad):
    result, bad_path = run_bad(tmp_path, command, bad)
    assert_one_error_line(result, bad_path, bad.line, bad.says)
    assert result.stdout == ""


@pytest.mark.parametrize("command, bad", _cases(GLOSSARY_COMMANDS, GLOSSARIES))
def test_bad_glossaries(tmp_path, command, bad):
    result, bad_path = run_bad(tmp_path, command, bad)
    assert_one_error_line(result, bad_path, bad.line, bad.says)
    assert result.stdout == ""


@pytest.mark.parametrize("command, bad", _cases(MEMORY_COMMANDS, HOSTILE_MEMORIES))
def test_hostile_memories_are_refused_quickly(tmp_path, command, bad):
    """Bounds on what a memory may make the reader do: attributes per element, nesting."""
    result, bad_path = run_bad(tmp_path, command, bad)
    assert_one_error_line(result, bad_path, bad.line, bad.says)
    assert "truncated" not in result.stderr


@pytest.mark.parametrize("command, bad", _cases(MEMORY_COMMANDS, MEMORIES))
def test_wrong_files_as_memories(tmp_path, command, bad):
    """A glossary, an image or a directory where a memory belongs: the message says what the
    file is and where it should go."""
    result, bad_path = run_bad(tmp_path, command, bad)
    assert_one_error_line(result, bad_path, bad.line, bad.says)
    assert result.stdout == ""


@pytest.mark.parametrize("option, value, raised, make", [
    ("--max-document-size", "1k", "4k", lambda: "The two sides signed 12 agreements. " * 60),
    ("--max-sentences", "50", "100", lambda: "The two sides signed 12 agreements. " * 60),
    ("--max-sentence-length", "100", "300", lambda: "and cooperation " * 12 + "."),
], ids=["size", "sentences", "sentence-length"])
def test_document_limits_are_options(tmp_path, capsys, option, value, raised, make):
    """Each bound refuses a document past it, naming the option that raises it; raised, the
    same document is read."""
    from concord.cli import main

    en = tmp_path / "a.en.txt"
    en.write_text(make() + "\n", encoding="utf-8")
    out = tmp_path / "sentences.txt"
    assert main(["segment", str(en), "-o", str(out), option, value]) == 2
    [message] = capsys.readouterr().err.strip().splitlines()
    assert message.startswith(f"concord: error: {en}") and option in message
    assert not out.exists()
    assert main(["segment", str(en), "-o", str(out), option, raised, "-q"]) == 0
    assert out.read_text(encoding="utf-8").strip()


def test_a_good_run_passes_the_same_checks(tmp_path):
    """The harness itself: with good inputs the same command writes its output and exits 0."""
    good = Bad("good", lambda folder: folder / "release.zh.txt")
    command = Command("segment -o", ("segment", "{bad}", "-o", "{out}/sentences.txt"))
    with pytest.raises(AssertionError, match="left behind"):
        run_bad(tmp_path, command, good)
    assert (tmp_path / "out" / "sentences.txt").read_text(encoding="utf-8").strip()
