"""Bytes to clean text: encoding detection and Unicode normalisation.

All character offsets in spinscope refer to text that went through
``normalize_text``: Unicode NFC, line breaks as ``\\n``, non-breaking and other
fixed-width spaces as plain spaces, zero-width characters and stray control
characters removed. Quotes, curly or straight, are kept as they are.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Sequence

from spinscope.errors import InputError

__all__ = ["binary_kind", "decode_bytes", "normalize_text"]

# Magic numbers of the binary formats people most often feed a text tool by mistake.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"PK\x03\x04", "a zip archive (or a .docx/.xlsx/.epub, which are zip archives)"),
    (b"PK\x05\x06", "an empty zip archive"),
    (b"%PDF-", "a PDF document"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-zip archive"),
    (b"\x7fELF", "an executable (ELF)"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
    (b"RIFF", "a RIFF media file"),
    (b"\x00\x00\x00\x18ftyp", "an MP4 video"),
    (b"\x00\x00\x00\x20ftyp", "an MP4 video"),
)

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

_SPACES = dict.fromkeys(
    map(
        ord,
        "\u00a0\u2007\u202f\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2008\u2009\u200a\u205f\u3000",
    ),
    " ",
)
_REMOVED = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
# C0 and C1 controls except tab and newline; carriage returns are handled before.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x85\x0b\x0c]")


def binary_kind(data: bytes) -> str | None:
    """Name the binary format of ``data`` when it is one, else None."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    return None


def _looks_like_utf16(data: bytes) -> str | None:
    """Guess BOM-less UTF-16 from NUL bytes on every other position (ASCII-heavy text)."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = len(sample) / 2
    if odd_nuls > 0.4 * half and even_nuls < 0.05 * half:
        return "utf-16-le"
    if even_nuls > 0.4 * half and odd_nuls < 0.05 * half:
        return "utf-16-be"
    return None


def decode_bytes(
    data: bytes,
    source: str,
    *,
    encoding: str | None = None,
    fallbacks: Sequence[str] = ("gb18030", "cp1252"),
) -> tuple[str, str]:
    """Decode file bytes, returning ``(text, encoding_used)``.

    Order: an explicit ``encoding``; a byte-order mark (UTF-8, UTF-16, UTF-32);
    BOM-less UTF-16; strict UTF-8; then the fallbacks. Between GB18030 and
    Windows-1252, both of which accept most byte strings, the one whose result
    reads as text wins (charset-normalizer's judgement).

    Raises:
        InputError: binary data, or bytes that no supported encoding decodes.
    """
    if encoding:
        try:
            return data.decode(encoding), encoding
        except (UnicodeDecodeError, LookupError) as e:
            raise InputError(source, f"cannot decode as {encoding}: {e}") from e
    kind = binary_kind(data)
    if kind:
        raise InputError(source, f"is {kind}, not text; convert it to text or HTML first")
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError as e:
                raise InputError(
                    source, f"has a {name} byte-order mark but is not {name}: {e}"
                ) from e
    utf16 = _looks_like_utf16(data)
    if utf16:
        try:
            return data.decode(utf16), utf16
        except UnicodeDecodeError:
            pass
    if b"\x00" in data[:8192]:
        raise InputError(source, "contains NUL bytes: it is a binary file, not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    candidates: dict[str, str] = {}
    for name in fallbacks:
        try:
            candidates[name] = data.decode(name)
        except (UnicodeDecodeError, LookupError):
            continue
    if not candidates:
        tried = ", ".join(["UTF-8", "UTF-16", *fallbacks])
        raise InputError(
            source, f"cannot decode as any of {tried}; pass --encoding with the file's encoding"
        )
    if len(candidates) == 1:
        ((name, text),) = candidates.items()
        return text, name
    return _best_candidate(data, candidates)


def _best_candidate(data: bytes, candidates: dict[str, str]) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=list(candidates)).best()
    if best is not None:
        name = codecs.lookup(best.encoding).name
        for candidate, text in candidates.items():
            if codecs.lookup(candidate).name == name:
                return text, candidate
    # No verdict: prefer the first fallback whose text has no C1 control characters.
    for candidate, text in candidates.items():
        if not re.search(r"[\x80-\x9f]", text):
            return text, candidate
    name = next(iter(candidates))
    return candidates[name], name


def normalize_text(text: str) -> str:
    """NFC, ``\\n`` line breaks, plain spaces, no zero-width or control characters."""
    text = _LINE_BREAKS.sub("\n", text)
    text = _CONTROL.sub("", text.translate(_SPACES).translate(_REMOVED))
    # Last, so that removing a character cannot leave a decomposed sequence behind.
    return unicodedata.normalize("NFC", text)
