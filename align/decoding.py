"""Bytes to text: byte-order marks, UTF-16 without a mark, UTF-8, GB18030/GBK, Big5, others.

The order of the tests matters. Byte-order marks are trusted; UTF-16 without a mark is recognised by
its zero bytes all falling on one side of each code unit; any other zero byte means a binary file.
Valid UTF-8 is taken as UTF-8 (other encodings practically never produce it by chance). Chinese
double-byte encodings are then tried with a plausibility measure of our own (the share of decoded
characters that are common Chinese characters, CJK punctuation or printable ASCII), because a general
detector mistakes short Chinese texts for Korean; only then is charset-normalizer asked, and its
reading is taken only for Western text (Latin letters inside words, as in "Pékin") in a file
holding no well-formed UTF-8 sequence: otherwise the bytes are broken UTF-8 (a lone E7 byte, an
F4 90 80 80 beyond U+10FFFF), which a detector would read as "ç" or Cyrillic. Anything that fits
nothing is an error that names the file, line and column.
"""
from __future__ import annotations

import codecs
import functools
import unicodedata

from align.errors import DocumentError

#: file signatures of common binary formats people hand to a text tool by mistake
_MAGIC = [
    (b"%PDF", "a PDF file"), (b"PK\x03\x04", "a ZIP archive (such as .docx or .xlsx)"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office file (.doc, .xls)"),
    (b"\x89PNG", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"), (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"), (b"{\\rtf", "an RTF file"), (b"\x7fELF", "a program"),
]
_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]
#: Chinese double-byte encodings, in order of preference when equally plausible
CJK_ENCODINGS = ("gb18030", "big5hkscs")
#: a decoding is accepted when at least this share of its non-ASCII characters is plausible
PLAUSIBLE = 0.9
_CJK_PUNCTUATION = frozenset("“”‘’—–…·、。，！？：；（）《》〈〉「」『』【】〔〕％＋－＝～·　•°×÷←→℃№")


@functools.lru_cache(maxsize=65536)
def _common_han(ch: str) -> bool:
    """A frequent Chinese character: level 1 of GB2312 (simplified) or of Big5 (traditional)."""
    try:
        gb = ch.encode("gb2312")
        if len(gb) == 2 and 0xB0 <= gb[0] <= 0xD7:
            return True
    except UnicodeEncodeError:
        pass
    try:
        b5 = ch.encode("big5")
        return len(b5) == 2 and 0xA440 <= (b5[0] << 8 | b5[1]) <= 0xC67E
    except UnicodeEncodeError:
        return False


def plausibility(text: str) -> float:
    """Share of the non-ASCII characters of ``text`` that are common in Chinese or English text
    (1.0 when there are none); control characters count against."""
    seen = good = 0
    for ch in text:
        if ch.isascii():
            if ch < " " and ch not in "\t\n\r\f":
                seen += 1
            continue
        seen += 1
        if (ch in _CJK_PUNCTUATION or _common_han(ch)
                or 0xFF01 <= ord(ch) <= 0xFF5E or unicodedata.category(ch)[0] in "LNPZ"
                and ord(ch) < 0x2000):
            good += 1
    return good / seen if seen else 1.0


def _where(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column (in bytes) of byte ``offset``."""
    line = data.count(b"\n", 0, offset) + 1
    column = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
    return line, column


def binary_kind(data: bytes) -> str | None:
    """What binary format ``data`` is in ("a PNG image" …), when it starts with a signature
    that people hand to a text tool by mistake; ``None`` otherwise."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    return None


def _sniff_utf16(data: bytes) -> str | None:
    """UTF-16 without a byte-order mark: the byte order (the likelier first, from the side most
    zero bytes fall on) whose decoding is plausible text without NUL characters. Chinese text has
    zero bytes on both sides of its code units (U+3000, 一 U+4E00), so both orders are tried."""
    if len(data) < 4 or len(data) % 2 or 0 not in data:
        return None
    little = data[1::2].count(0) >= data[0::2].count(0)
    for candidate in ("utf-16-le", "utf-16-be") if little else ("utf-16-be", "utf-16-le"):
        try:
            text = data.decode(candidate)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text and plausibility(text) >= PLAUSIBLE:
            return candidate
    return None


def _decode_cjk(data: bytes) -> tuple[str, str] | None:
    """The most plausible Chinese double-byte decoding of ``data``, if any is plausible."""
    best: tuple[float, str, str] | None = None
    for encoding in CJK_ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        score = plausibility(text)
        if best is None or score > best[0]:
            best = (score, encoding, text)
    if best and best[0] >= PLAUSIBLE:
        return best[2], best[1]
    return None


def decode_bytes(data: bytes, path: str | None = None) -> tuple[str, str]:
    """Decode a document's bytes; returns ``(text, encoding)``.

    Raises :class:`DocumentError` naming ``path`` for binary or undecodable data.
    """
    kind = binary_kind(data)
    if kind:
        raise DocumentError(f"this is {kind}, not a text document", path=path)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(encoding), encoding
            except UnicodeDecodeError as exc:
                line, column = _where(data, exc.start + len(bom))
                raise DocumentError(
                    f"starts with a {encoding.upper()} byte-order mark but is not valid "
                    f"{encoding.upper()} (byte {exc.start + len(bom)})",
                    path=path, line=line, column=column) from None
    utf16 = _sniff_utf16(data)
    if utf16:
        return data.decode(utf16), utf16
    if b"\x00" in data:
        raise DocumentError("binary file (contains NUL bytes), not a text document", path=path)
    controls = sum(1 for b in data[:65536] if b < 32 and b not in b"\t\n\r\f\x1b")
    if controls > max(2, len(data[:65536]) // 100):
        raise DocumentError("binary file (many control bytes), not a text document", path=path)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    line, column = _where(data, utf8_error.start)
    good, bad = _utf8_counts(data)
    if good >= 8 and good >= 4 * bad:
        raise DocumentError(f"invalid UTF-8 (byte 0x{data[utf8_error.start]:02x}): the file "
                            "is UTF-8 with corrupted bytes", path=path, line=line, column=column)
    cjk = _decode_cjk(data)
    if cjk:
        return cjk
    # a Western single-byte file holds no well-formed multi-byte UTF-8 sequence, and its
    # non-ASCII letters are Latin letters inside words: anything else is broken UTF-8 (a lone
    # E7, an F4 90 80 80 beyond U+10FFFF), which a detector would read as Cyrillic or "ç"
    guess = None if good else _guess_other(data)
    if guess is not None and _latin_words(guess[0]):
        return guess
    raise DocumentError(f"cannot decode: invalid UTF-8 (byte 0x{data[utf8_error.start]:02x}), "
                        "and not text in UTF-16, GB18030/GBK, Big5 or a Western encoding",
                        path=path, line=line, column=column)


def _guess_other(data: bytes) -> tuple[str, str] | None:
    """charset-normalizer's reading of ``data``; among near-equal candidates, the Western default
    Windows-1252 is preferred (the detector otherwise picks Baltic or Central European pages for
    French or German text)."""
    from charset_normalizer import from_bytes   # only for text in no Unicode or CJK encoding

    matches = list(from_bytes(data))
    if not matches:
        return None
    best = matches[0]
    for match in matches:
        if "cp1252" in match.could_be_from_charset and match.chaos <= best.chaos + 0.1:
            best = match
            break
    encoding = "cp1252" if "cp1252" in best.could_be_from_charset else best.encoding
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None
    return (text, encoding) if plausibility(text) >= PLAUSIBLE else None


def _utf8_counts(data: bytes) -> tuple[int, int]:
    """How many well-formed multi-byte UTF-8 sequences ``data`` holds, and how many bad bytes."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good = sum(1 for ch in text if ord(ch) > 0x7F and ch != "\ufffd")
    return good, bad


def _latin_words(text: str) -> bool:
    """Whether the non-ASCII characters of ``text`` are punctuation, symbols, spaces and Latin
    letters, most of these inside words (é in "Pékin"; not a lone "ç", not Cyrillic)."""
    letters = inside = 0
    for i, ch in enumerate(text):
        if ch.isascii():
            continue
        category = unicodedata.category(ch)
        if category[0] in "PSZ":
            continue
        if category[0] != "L" or not unicodedata.name(ch, "").startswith("LATIN"):
            return False
        letters += 1
        before = text[i - 1] if i else ""
        after = text[i + 1] if i + 1 < len(text) else ""
        inside += before.isalpha() or after.isalpha()
    return 2 * inside > letters or not letters
