"""Reading inputs: formats, encodings, and bad input reported as data."""

from __future__ import annotations

import gzip
import io
import json
import sys
import tracemalloc
from pathlib import Path

import pytest

from newsevents.model import InputError, RawDocument
from newsevents.sources import decode_bytes, iter_raw

FIXTURES = Path(__file__).parent / "fixtures" / "inputs"


def read(*paths: Path | str, **kw) -> list[RawDocument | InputError]:
    return list(iter_raw([str(p) for p in paths], **kw))


def test_plain_text_newlines_normalised(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_bytes(b"First line.\r\nSecond line.\rThird.")
    [doc] = read(p)
    assert isinstance(doc, RawDocument)
    assert doc.text == "First line.\nSecond line.\nThird."
    assert doc.html is None and doc.path == str(p)


def test_utf8_bom_is_stripped(tmp_path: Path) -> None:
    p = tmp_path / "bom.txt"
    p.write_bytes(b"\xef\xbb\xbfKyiv and Moscow.")
    [doc] = read(p)
    assert isinstance(doc, RawDocument) and doc.text == "Kyiv and Moscow."


def test_cp1252_is_detected(tmp_path: Path) -> None:
    p = tmp_path / "legacy.txt"
    p.write_bytes(
        "The caf\u00e9 \u201cna\u00efve\u201d r\u00e9sum\u00e9 \u2014 Zelenskyy\u2019s visit.".encode(
            "cp1252"
        )
    )
    [doc] = read(p)
    assert isinstance(doc, RawDocument)
    assert doc.text == "The caf\u00e9 \u201cna\u00efve\u201d r\u00e9sum\u00e9 \u2014 Zelenskyy\u2019s visit."


def test_non_latin_legacy_encoding() -> None:
    data = "Президент России встретился с генеральным секретарём ООН в Москве.".encode("cp1251")
    assert decode_bytes(data) == "Президент России встретился с генеральным секретарём ООН в Москве."


def test_html_by_suffix_and_by_sniffing(tmp_path: Path) -> None:
    (tmp_path / "page.htm").write_text("<p>Hello</p>", encoding="utf-8")
    (tmp_path / "noext").write_text("  \n<!DOCTYPE html><p>Hi</p>", encoding="utf-8")
    (tmp_path / "plain.dat").write_text("Just words.", encoding="utf-8")
    docs = read(tmp_path)
    by_name = {Path(d.path).name: d for d in docs}
    assert by_name["page.htm"].html == "<p>Hello</p>"
    assert by_name["noext"].html is not None and by_name["noext"].text is None
    assert by_name["plain.dat"].text == "Just words."


def test_html_meta_charset_is_honoured(tmp_path: Path) -> None:
    p = tmp_path / "legacy.html"
    p.write_bytes(
        '<meta charset="iso-8859-1"><p>Gda\u00f1sk? no: Malm\u00f6</p>'.encode("latin-1", "replace")
    )
    [doc] = read(p)
    assert isinstance(doc, RawDocument) and "Malm\u00f6" in (doc.html or "")


def test_jsonl_records_and_bad_lines(tmp_path: Path) -> None:
    p = tmp_path / "batch.jsonl"
    lines = [
        json.dumps(
            {
                "id": "a1",
                "url": "https://x.invalid/1",
                "title": "T",
                "published": "2022-04-20",
                "text": "Body.",
            }
        ),
        "{not json",
        "",
        json.dumps({"id": "a3", "title": "no body"}),
        json.dumps({"id": 4, "html": "<p>Para.</p>"}),
        json.dumps(["a", "list"]),
    ]
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = read(p)
    assert [type(o).__name__ for o in out] == [
        "RawDocument",
        "InputError",
        "InputError",
        "RawDocument",
        "InputError",
    ]
    first, bad, nobody, html, notobj = out
    assert first == RawDocument(
        path=f"{p}:1", text="Body.", id="a1", url="https://x.invalid/1", title="T", published="2022-04-20"
    )
    assert bad.path == f"{p}:2" and "invalid JSON" in bad.reason
    assert nobody.path == f"{p}:4" and "neither" in nobody.reason
    assert html.path == f"{p}:5" and html.html == "<p>Para.</p>" and html.id == "4"
    assert notobj.path == f"{p}:6"


def test_gzip_by_suffix_and_by_magic(tmp_path: Path) -> None:
    rec = json.dumps({"id": "z", "text": "Zipped."}) + "\n"
    (tmp_path / "a.jsonl.gz").write_bytes(gzip.compress(rec.encode()))
    (tmp_path / "b.txt.gz").write_bytes(gzip.compress(b"Zipped text."))
    (tmp_path / "c.bin").write_bytes(gzip.compress(b"<html><p>zipped html</p></html>"))
    out = {Path(d.path.split(":")[0]).name: d for d in read(tmp_path)}
    assert out["a.jsonl.gz"].text == "Zipped." and out["a.jsonl.gz"].path.endswith("a.jsonl.gz:1")
    assert out["b.txt.gz"].text == "Zipped text."
    assert out["c.bin"].html is not None


def test_truncated_and_corrupt_gzip(tmp_path: Path) -> None:
    whole = gzip.compress(b"x" * 5000 + b" words and more words " * 200)
    (tmp_path / "cut.txt.gz").write_bytes(whole[: len(whole) // 2])
    (tmp_path / "fake.txt.gz").write_bytes(b"this is not gzip at all")
    (tmp_path / "ok.txt").write_text("Still read.", encoding="utf-8")
    out = read(tmp_path / "cut.txt.gz", tmp_path / "fake.txt.gz", tmp_path / "ok.txt")
    assert isinstance(out[0], InputError) and "truncated gzip" in out[0].reason
    assert isinstance(out[1], InputError) and "gzip" in out[1].reason
    assert isinstance(out[2], RawDocument)


def test_truncated_gzip_jsonl_keeps_earlier_records(tmp_path: Path) -> None:
    recs = "".join(json.dumps({"id": str(i), "text": f"Record {i} " + "w" * 200}) + "\n" for i in range(300))
    whole = gzip.compress(recs.encode())
    (tmp_path / "cut.jsonl.gz").write_bytes(whole[: int(len(whole) * 0.8)])
    out = read(tmp_path / "cut.jsonl.gz")
    assert any(isinstance(o, RawDocument) for o in out)
    assert isinstance(out[-1], InputError) and "truncated gzip" in out[-1].reason


def test_directory_recursive_sorted_hidden_skipped(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text("Z.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("A.", encoding="utf-8")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "h.txt").write_text("H.", encoding="utf-8")
    (tmp_path / ".dot.txt").write_text("D.", encoding="utf-8")
    assert [d.text for d in read(tmp_path)] == ["A.", "Z."]


def test_bad_inputs_are_errors_not_exceptions(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b"  \n\n ")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (tmp_path / "good.txt").write_text("Good.", encoding="utf-8")
    out = read(
        tmp_path / "missing.txt", tmp_path / "empty.txt", tmp_path / "blank.txt", tmp_path / "image.png"
    )
    out += read(tmp_path / "good.txt")
    reasons = [o.reason if isinstance(o, InputError) else "ok" for o in out]
    assert reasons[0] == "no such file or directory"
    assert reasons[1] == "empty file"
    assert "whitespace" in reasons[2]
    assert "binary" in reasons[3]
    assert reasons[4] == "ok"
    assert all(o.line().startswith(o.path) for o in out if isinstance(o, InputError))


def test_oversized_document_rejected_without_reading_it(tmp_path: Path) -> None:
    big = tmp_path / "huge.txt"
    with open(big, "wb") as fh:  # sparse: 100 MB on paper, nothing on disk
        fh.truncate(100_000_000)
    tracemalloc.start()
    [err] = read(big)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert isinstance(err, InputError) and "too large" in err.reason
    assert peak < 2_000_000


def test_oversized_gzip_member_and_jsonl_record(tmp_path: Path) -> None:
    (tmp_path / "big.txt.gz").write_bytes(gzip.compress(b"word " * 1000))
    lines = [json.dumps({"text": "small."}), json.dumps({"text": "x" * 3000}), json.dumps({"text": "after."})]
    (tmp_path / "c.jsonl").write_text("\n".join(lines), encoding="utf-8")
    out = read(tmp_path / "big.txt.gz", tmp_path / "c.jsonl", max_doc_bytes=1000)
    assert isinstance(out[0], InputError) and "too large" in out[0].reason
    assert [type(o).__name__ for o in out[1:]] == ["RawDocument", "InputError", "RawDocument"]
    assert out[2].path.endswith("c.jsonl:2") and out[3].text == "after."


def _fake_stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))


def test_stdin_jsonl(monkeypatch: pytest.MonkeyPatch) -> None:
    _fake_stdin(monkeypatch, b'  {"text": "One."}\n{"html": "<p>Two</p>"}\n')
    out = read("-")
    assert [o.path for o in out] == ["<stdin>:1", "<stdin>:2"]
    assert out[0].text == "One." and out[1].html == "<p>Two</p>"


def test_stdin_text_and_html(monkeypatch: pytest.MonkeyPatch) -> None:
    _fake_stdin(monkeypatch, b"Plain words.\r\n")
    [doc] = read("-")
    assert doc.path == "<stdin>" and doc.text == "Plain words.\n"
    _fake_stdin(monkeypatch, b"<html><body><p>x</p></body></html>")
    [doc] = read("-")
    assert doc.html is not None


def test_stdin_gzip_and_empty(monkeypatch: pytest.MonkeyPatch) -> None:
    _fake_stdin(monkeypatch, gzip.compress(b'{"text": "zipped."}\n'))
    [doc] = read("-")
    assert doc.text == "zipped." and doc.path == "<stdin>:1"
    _fake_stdin(monkeypatch, b"")
    [err] = read("-")
    assert isinstance(err, InputError) and err.path == "<stdin>"


def test_fixture_directory_reads_every_page() -> None:
    out = read(FIXTURES)
    assert out and all(isinstance(o, RawDocument) for o in out)
