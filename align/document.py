"""From a file or a string to a :class:`~align.model.Document`: read, find paragraphs, tell
titles, date lines and headings from body text, and split body paragraphs into sentences."""
from __future__ import annotations

import os

from align.blocks import Block, split_lines
from align.errors import DocumentError
from align.kinds import classify
from align.language import detect_language
from align.limits import DEFAULT_LIMITS, Limits
from align.model import Document, Sentence
from align.normalize import remove_invisible
from align.reading import FORMATS, detect_format, extract_blocks, read_source
from align.segment import sentence_spans

#: how much text language detection looks at
_SAMPLE = 20000


def read_document(path: str | os.PathLike[str], *, lang: str | None = None, presplit: bool = False,
                  fmt: str | None = None, limits: Limits = DEFAULT_LIMITS) -> Document:
    """Read the document at ``path`` (plain text, Markdown or HTML, by ``fmt``, the extension or
    sniffing) and split it into sentences, in language ``lang`` (detected when ``None``).
    Invisible characters (zero-width spaces and joiners, word joiners, U+FEFF, soft hyphens) are
    removed from the text; line numbers and paragraphs are those of the file.

    ``presplit=True``: the input already has one sentence per line; every non-empty line becomes
    one sentence, its text kept exactly (only surrounding white space stripped), and blank lines
    separate paragraphs. Raises :class:`DocumentError` naming the file for a missing file, a
    directory, an empty document, binary or undecodable input, and a document beyond ``limits``
    (bytes, sentences, characters in a sentence).
    """
    text = read_source(path, limits.max_bytes)
    fmt = fmt or detect_format(path, text)
    return _build(text, lang=lang, presplit=presplit, fmt=fmt, name=str(path), path=str(path),
                  limits=limits)


def document_from_text(text: str, *, lang: str | None = None, presplit: bool = False,
                       name: str = "", fmt: str = "txt",
                       limits: Limits = DEFAULT_LIMITS) -> Document:
    """Like :func:`read_document` for text already in memory (``fmt``: "txt", "md", "html")."""
    return _build(text, lang=lang, presplit=presplit, fmt=fmt, name=name, path=name or None,
                  limits=limits)


_PRIMARY = {"zh": "zh", "cmn": "zh", "chi": "zh", "zho": "zh", "en": "en", "eng": "en"}


def _check_lang(lang: str | None, path: str | None) -> str | None:
    """``zh`` or ``en`` for a language given as either or as a tag of it (zh-CN, zh_Hans, ZH,
    cmn, en-US, eng); :class:`DocumentError` for any other."""
    if lang is None:
        return None
    primary = _PRIMARY.get(lang.strip().lower().replace("_", "-").split("-", 1)[0])
    if primary is None:
        raise DocumentError(f"unsupported language {lang!r} (expected zh or en, or a tag of "
                            "either such as zh-CN or en-US)", path=path)
    return primary


def _build(text: str, *, lang: str | None, presplit: bool, fmt: str, name: str,
           path: str | None, limits: Limits) -> Document:
    lang = _check_lang(lang, path)
    if fmt not in FORMATS:
        raise DocumentError(f"unknown format {fmt!r} (expected one of {', '.join(FORMATS)})",
                            path=path)
    if presplit and fmt == "txt":
        blocks, paragraphs = _presplit_lines(text)
    else:
        if not presplit:  # zero-width spaces, soft hyphens …: line breaks (and numbers) stay
            text = remove_invisible(text)
        try:
            blocks = extract_blocks(text, fmt)
        except DocumentError as exc:  # the reader knows the line, the caller the file
            exc.path = exc.path or path
            raise
        paragraphs = list(range(len(blocks)))
    if not blocks:
        what = "only white space" if not text.strip() else "no text left after removing markup"
        raise DocumentError(f"empty document ({what})", path=path)
    if lang is None:
        lang = detect_language(" ".join(b.text for b in blocks)[:_SAMPLE])
    kinds = classify([b.text for b in blocks], lang, [b.kind for b in blocks])
    sentences: list[Sentence] = []
    for block, kind, paragraph in zip(blocks, kinds, paragraphs):
        if presplit or kind != "body":
            sentences.append(Sentence(block.text, paragraph, block.line, kind))
            continue
        for start, end in sentence_spans(block.text, lang):
            sentences.append(Sentence(block.text[start:end], paragraph, block.line_at(start),
                                      "body"))
    _check_limits(sentences, limits, path)
    return Document(sentences, lang, name)


def _check_limits(sentences: list[Sentence], limits: Limits, path: str | None) -> None:
    """:class:`DocumentError` for more sentences, or a longer one, than ``limits`` allow."""
    if len(sentences) > limits.max_sentences:
        raise DocumentError(f"{len(sentences):,} sentences, more than the {limits.max_sentences:,} "
                            "a document may hold (--max-sentences raises it; or split the "
                            "document)", path=path)
    for sentence in sentences:
        if len(sentence.text) > limits.max_sentence_chars:
            raise DocumentError(f"a sentence of {len(sentence.text):,} characters, more than "
                                f"{limits.max_sentence_chars:,} (--max-sentence-length raises "
                                "it; is the text one line without full stops?)", path=path,
                                line=sentence.line)


def _presplit_lines(text: str) -> tuple[list[Block], list[int]]:
    """Every non-empty line as a block, and the paragraph (blank-line separated) of each."""
    blocks: list[Block] = []
    paragraphs: list[int] = []
    paragraph = 0
    blank_before = False
    for number, line in enumerate(split_lines(text), start=1):
        stripped = line.strip()
        if not stripped:
            blank_before = bool(blocks)
            continue
        if blank_before:
            paragraph += 1
            blank_before = False
        blocks.append(Block(stripped, number))
        paragraphs.append(paragraph)
    return blocks, paragraphs
