"""Input sources: files, directories, gzip, JSON Lines and stdin to :class:`RawDocument` values.

Owns reading bytes, sniffing formats, detecting text encodings and turning every bad input into an
:class:`InputError` (never an exception that stops the batch). Reading streams: plain files are size-checked
with ``stat`` before they are read, compressed files and stdin are read with bounded reads, and JSON Lines
files are read one record at a time.
"""

from __future__ import annotations

import codecs
import gzip
import io
import json
import os
import re
import sys
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from .model import InputError, RawDocument

__all__ = ["iter_raw", "decode_bytes", "DEFAULT_MAX_DOC_BYTES"]

DEFAULT_MAX_DOC_BYTES = 10_000_000

JSONL_SUFFIXES = {".jsonl", ".ndjson", ".json-lines", ".jsonlines"}
JSON_SUFFIXES = {".json"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
TEXT_SUFFIXES = {".txt", ".text"}
GZIP_SUFFIXES = {".gz", ".gzip"}
GZIP_MAGIC = b"\x1f\x8b"

_SNIFF_BYTES = 8192
# charset-normalizer often names a Central-European or Baltic code page for Western cp1252 text (they decode
# the common accented letters alike), so its guess is taken only for non-Latin scripts, where cp1252 would
# certainly be wrong; every other case decodes as cp1252, then latin-1.
_NON_LATIN_ENCODINGS = re.compile(
    r"^(cp1251|cp866|cp1125|koi8.*|mac_cyrillic|iso8859_5|cp1253|mac_greek|iso8859_7|cp1255|iso8859_8|"
    r"cp1256|iso8859_6|cp874|tis_620|big5.*|gb\w+|hz|shift_jis.*|euc_\w+|cp932|cp949|cp950|iso2022_\w+|"
    r"johab|utf_16.*|utf_32.*)$",
    re.I,
)
_MIN_COHERENCE = 0.1
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


# --------------------------------------------------------------------------- public API


def iter_raw(
    paths: Iterable[str], max_doc_bytes: int = DEFAULT_MAX_DOC_BYTES
) -> Iterator[RawDocument | InputError]:
    """Yield one :class:`RawDocument` per readable document and one :class:`InputError` per bad input.

    ``paths`` may name files (plain text, HTML, JSON Lines, or gzip of any of these), directories (walked
    recursively in sorted order, hidden entries skipped) or ``-`` for standard input.
    """
    for p in paths:
        if p == "-":
            yield from _iter_stdin(max_doc_bytes)
        else:
            yield from _iter_path(Path(p), max_doc_bytes)


def decode_bytes(data: bytes, html: bool = False) -> str | None:
    """Decode document bytes to text with newlines normalised; ``None`` when the bytes look binary.

    Order: byte-order marks (stripped), strict UTF-8, an HTML ``<meta charset>`` declaration, then
    charset-normalizer's guess among plausible encodings, then cp1252 and finally latin-1 (which never fails).
    """
    text = _decode(data, html)
    if text is None:
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _looks_binary_text(text):
        return None
    return text


# --------------------------------------------------------------------------- walking paths


def _iter_path(path: Path, limit: int) -> Iterator[RawDocument | InputError]:
    name = str(path)
    try:
        st = path.stat()
    except FileNotFoundError:
        yield InputError(name, "no such file or directory")
        return
    except PermissionError:
        yield InputError(name, "permission denied")
        return
    except OSError as exc:
        yield InputError(name, f"cannot access: {exc.strerror or exc}")
        return
    if path.is_dir():
        yield from _iter_dir(path, limit)
    elif path.is_file():
        yield from _iter_file(path, st.st_size, limit)
    else:
        yield InputError(name, "not a regular file")


def _iter_dir(root: Path, limit: int) -> Iterator[RawDocument | InputError]:
    try:
        entries = sorted(os.scandir(root), key=lambda e: e.name)
    except OSError as exc:
        yield InputError(str(root), f"cannot list directory: {exc.strerror or exc}")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        child = Path(entry.path)
        try:
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False
        if is_dir:
            yield from _iter_dir(child, limit)
        else:
            yield from _iter_path(child, limit)


# --------------------------------------------------------------------------- files and stdin


def _iter_file(path: Path, size: int, limit: int) -> Iterator[RawDocument | InputError]:
    name = str(path)
    if size == 0:
        yield InputError(name, "empty file")
        return
    try:
        fh = open(path, "rb")  # noqa: SIM115 - closed in the finally below, across yields
    except PermissionError:
        yield InputError(name, "permission denied")
        return
    except OSError as exc:
        yield InputError(name, f"cannot open: {exc.strerror or exc}")
        return
    try:
        magic = fh.read(2)
        fh.seek(0)
        yield from _iter_stream(fh, name, path.name, magic == GZIP_MAGIC, size, limit)
    finally:
        fh.close()


def _iter_stdin(limit: int) -> Iterator[RawDocument | InputError]:
    stream: BinaryIO = sys.stdin.buffer
    head = stream.read(2)
    if not head:
        yield InputError("<stdin>", "empty input")
        return
    chained = io.BufferedReader(_Chain(head, stream))
    yield from _iter_stream(chained, "<stdin>", "", head == GZIP_MAGIC, None, limit)


def _iter_stream(
    fh: BinaryIO, name: str, filename: str, is_gzip: bool, size: int | None, limit: int
) -> Iterator[RawDocument | InputError]:
    """Read one byte stream whose format is given by ``filename`` or sniffed from its first bytes."""
    suffix = _suffix(filename)
    if suffix in GZIP_SUFFIXES and not is_gzip:
        yield InputError(name, "not a gzip file (bad magic bytes)")
        return
    stream: BinaryIO = fh
    if is_gzip:
        stream = gzip.GzipFile(fileobj=fh, mode="rb")  # type: ignore[assignment]
        filename = filename[: -len(suffix)] if suffix in GZIP_SUFFIXES else filename
        suffix = _suffix(filename)
        size = None  # the compressed size says nothing about the document size
    try:
        head = stream.read(_SNIFF_BYTES)
    except (OSError, EOFError, zlib.error) as exc:
        yield InputError(name, _gzip_reason(exc))
        return
    if not head:
        yield InputError(name, "empty file" if not is_gzip else "empty file (gzip holds no data)")
        return
    kind = _kind_from_suffix(suffix) or _sniff(head)
    body = io.BufferedReader(_Chain(head, stream), buffer_size=1 << 16)
    if kind == "jsonl":
        yield from _iter_jsonl(body, name, limit)
    elif kind == "json":
        yield from _iter_json(body, name, limit, size)
    else:
        yield from _read_document(body, name, kind, limit, size)


def _read_document(
    fh: BinaryIO, name: str, kind: str, limit: int, size: int | None
) -> Iterator[RawDocument | InputError]:
    if size is not None and size > limit:
        yield InputError(name, f"document too large: {size} bytes (limit {limit})")
        return
    try:
        data = fh.read(limit + 1)
    except (OSError, EOFError, zlib.error) as exc:
        yield InputError(name, _gzip_reason(exc))
        return
    if len(data) > limit:
        yield InputError(name, f"document too large: over {limit} bytes (limit {limit})")
        return
    if b"\x00" in data[:_SNIFF_BYTES] and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        yield InputError(name, "binary file (contains NUL bytes)")
        return
    text = decode_bytes(data, html=(kind == "html"))
    if text is None:
        yield InputError(name, "binary file (not decodable as text)")
        return
    if not text.strip():
        yield InputError(name, "empty document (only whitespace)")
        return
    if kind == "html":
        yield RawDocument(path=name, html=text)
    else:
        yield RawDocument(path=name, text=text)


def _iter_jsonl(fh: BinaryIO, name: str, limit: int) -> Iterator[RawDocument | InputError]:
    lineno = 0
    records = 0
    while True:
        try:
            line = fh.readline(limit + 1)
        except (OSError, EOFError, zlib.error) as exc:
            yield InputError(name, f"{_gzip_reason(exc)} (after line {lineno})")
            return
        if not line:
            break
        lineno += 1
        where = f"{name}:{lineno}"
        if len(line) > limit and not line.endswith(b"\n"):
            try:
                _skip_rest_of_line(fh)
            except (OSError, EOFError, zlib.error) as exc:
                yield InputError(name, f"{_gzip_reason(exc)} (after line {lineno})")
                return
            records += 1
            yield InputError(where, f"record too large: over {limit} bytes (limit {limit})")
            continue
        if not line.strip():
            continue
        records += 1
        yield _record_from_line(line, where, first=(lineno == 1))
    if records == 0:
        yield InputError(name, "empty file (no JSON records)")


def _iter_json(fh: BinaryIO, name: str, limit: int, size: int | None) -> Iterator[RawDocument | InputError]:
    """A ``.json`` file: one record, a list of records, or (when it is in fact JSON Lines) one per line."""
    if size is not None and size > limit:
        # A JSON array cannot be streamed without a streaming parser; JSON Lines can.
        yield InputError(name, f"JSON file too large: {size} bytes (limit {limit}); use JSON Lines")
        return
    data = fh.read(limit + 1)
    if len(data) > limit:
        yield InputError(name, f"JSON file too large: over {limit} bytes (limit {limit}); use JSON Lines")
        return
    text = decode_bytes(data)
    if text is None:
        yield InputError(name, "binary file (not decodable as text)")
        return
    try:
        obj = json.loads(text)
    except json.JSONDecodeError:
        yield from _iter_jsonl(io.BufferedReader(_Chain(data, io.BytesIO())), name, limit)
        return
    items = obj if isinstance(obj, list) else [obj]
    if not items:
        yield InputError(name, "empty file (no JSON records)")
    for i, item in enumerate(items, 1):
        where = f"{name}:{i}" if isinstance(obj, list) else name
        yield _record_from_obj(item, where)


def _record_from_line(line: bytes, where: str, first: bool) -> RawDocument | InputError:
    if first and line.startswith(codecs.BOM_UTF8):
        line = line[len(codecs.BOM_UTF8) :]
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError:
        decoded = decode_bytes(line)
        if decoded is None:
            return InputError(where, "invalid JSON line: binary content")
        text = decoded
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        return InputError(where, f"invalid JSON: {exc.msg} at column {exc.colno}")
    return _record_from_obj(obj, where)


def _record_from_obj(obj: object, where: str) -> RawDocument | InputError:
    if not isinstance(obj, dict):
        return InputError(where, f"JSON record is a {type(obj).__name__}, not an object")
    text = _str_field(obj.get("text"))
    html = _str_field(obj.get("html"))
    if not (text and text.strip()) and not (html and html.strip()):
        return InputError(where, "JSON record has neither 'text' nor 'html'")
    doc = RawDocument(
        path=where,
        id=_str_field(obj.get("id")),
        url=_str_field(obj.get("url")),
        title=_str_field(obj.get("title")),
        published=_str_field(obj.get("published")),
    )
    # Prefer the text a scraper already extracted; HTML only when there is no text.
    if text and text.strip():
        doc.text = text.replace("\r\n", "\n").replace("\r", "\n")
    else:
        doc.html = html
    return doc


def _str_field(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return None


# --------------------------------------------------------------------------- helpers


class _Chain(io.RawIOBase):
    """A raw stream that yields ``head`` first and then the rest of ``tail``: lets us sniff and un-read."""

    def __init__(self, head: bytes, tail: BinaryIO) -> None:
        self._head = memoryview(head)
        self._pos = 0
        self._tail = tail

    def readable(self) -> bool:
        return True

    def readinto(self, b) -> int:  # type: ignore[no-untyped-def, override]
        n = len(b)
        if self._pos < len(self._head):
            chunk = self._head[self._pos : self._pos + n]
            b[: len(chunk)] = chunk
            self._pos += len(chunk)
            return len(chunk)
        data = self._tail.read(n)
        b[: len(data)] = data
        return len(data)


def _skip_rest_of_line(fh: BinaryIO) -> None:
    while True:
        chunk = fh.readline(1 << 20)
        if not chunk or chunk.endswith(b"\n"):
            return


def _suffix(filename: str) -> str:
    return Path(filename).suffix.lower() if filename else ""


def _kind_from_suffix(suffix: str) -> str | None:
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in JSON_SUFFIXES:
        return "json"
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in TEXT_SUFFIXES:
        return "text"
    return None


def _sniff(head: bytes) -> str:
    for bom in (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        if head.startswith(bom):
            head = head[len(bom) :]
            break
    stripped = head.lstrip()
    if stripped.startswith(b"{"):
        return "jsonl"
    if stripped.startswith(b"<"):
        return "html"
    return "text"


def _gzip_reason(exc: BaseException) -> str:
    if isinstance(exc, EOFError):
        return "truncated gzip file (compressed data ended early)"
    if isinstance(exc, (gzip.BadGzipFile, zlib.error)):
        return f"corrupt gzip file: {exc}"
    return f"read error: {exc}"


def _decode(data: bytes, html: bool) -> str | None:
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if html:
        m = _META_CHARSET.search(data[:4096])
        if m:
            enc = m.group(1).decode("ascii", "ignore")
            try:
                return data.decode(enc)
            except (LookupError, UnicodeDecodeError):
                pass
    guess = _charset_guess(data)
    if guess:
        try:
            return data.decode(guess)
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _charset_guess(data: bytes) -> str | None:
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - a declared dependency
        return None
    best = from_bytes(data[:200_000]).best()
    if best is None or best.coherence < _MIN_COHERENCE:
        return None
    return best.encoding if _NON_LATIN_ENCODINGS.match(best.encoding) else None


def _looks_binary_text(text: str) -> bool:
    """Control characters (other than tab/newline/form feed) in more than 5% of a sample mean binary data."""
    sample = text[:_SNIFF_BYTES]
    if not sample:
        return False
    if "\x00" in sample:
        return True
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\f\v")
    return controls > 0.05 * len(sample)
