"""Readers: each format yields articles, and each kind of bad input a rejection with a reason."""

import json
from pathlib import Path

from camket.ingest.discover import discover_inputs
from camket.ingest.readers import read_input
from camket.records import RawArticle, Rejected

BODY = "Ngày 3/5/2024, hai bên nhất trí tăng cường hợp tác về giáo dục và du lịch."


def test_txt_is_one_article(tmp_path):
    path = tmp_path / "a1.txt"
    path.write_text("Tiêu đề\n" + BODY, encoding="utf-8")
    (item,) = read_input(path)
    assert isinstance(item, RawArticle)
    assert item.doc == "a1" and item.kind == "txt" and item.source_uri.startswith("file://")
    assert len(item.raw_sha256) == 64


def test_jsonl_lines_good_and_bad(tmp_path):
    lines = [
        json.dumps(
            {
                "id": "x-1",
                "text": BODY,
                "title": "T1",
                "url": "https://example.org/a",
                "published": "2024-05-03T08:00:00+07:00",
            },
            ensure_ascii=False,
        ),
        "{not json",
        json.dumps({"id": "x-3", "title": "no text"}),
        json.dumps(["a", "list"]),
        "",
        json.dumps({"text": BODY + " Thêm."}, ensure_ascii=False),
        json.dumps({"id": "x-7", "text": BODY, "published": "hôm qua"}, ensure_ascii=False),
    ]
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")
    items = list(read_input(path))
    kinds = [(type(i).__name__, i.doc) for i in items]
    assert kinds == [
        ("RawArticle", "x-1"),
        ("Rejected", "feed#2"),
        ("Rejected", "x-3"),
        ("Rejected", "feed#4"),
        ("RawArticle", "feed#6"),
        ("Rejected", "x-7"),
    ]
    first = items[0]
    assert (
        first.title == "T1"
        and first.published == "2024-05-03"
        and first.url == "https://example.org/a"
    )
    assert first.source_uri.endswith("feed.jsonl#L1")
    assert "malformed JSON on line 2" in items[1].reason and items[1].payload == "{not json"
    assert "no non-empty string 'text'" in items[2].reason
    assert "not an object" in items[3].reason
    assert "not an ISO date" in items[5].reason


def test_html_main_text_and_metadata(tmp_path):
    html = f"""<html><head><title>Hai nước hợp tác giáo dục</title>
    <meta property="article:published_time" content="2024-05-03"></head>
    <body><nav>Trang chủ | Thế giới | Kinh tế</nav><article><h1>Hai nước hợp tác giáo dục</h1>
    <p>{BODY}</p><p>Hai bộ trưởng cũng thống nhất mở rộng trao đổi sinh viên trong năm học tới.</p>
    </article><footer>Bản quyền thuộc về tòa soạn</footer></body></html>"""
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    (item,) = read_input(path)
    assert isinstance(item, RawArticle)
    assert item.title == "Hai nước hợp tác giáo dục" and item.published == "2024-05-03"
    assert BODY in item.text and "Trang chủ" not in item.text and "Bản quyền" not in item.text


def test_unsupported_oversized_empty_and_binary(tmp_path):
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.4 ...")
    (tmp_path / "big.txt").write_text("x" * 2000, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blob.txt").write_bytes(bytes(range(256)) * 3)
    reasons = {}
    for path in discover_inputs(tmp_path):
        (item,) = read_input(path, max_bytes=1000)
        assert isinstance(item, Rejected)
        reasons[path.name] = (item.stage, item.reason)
    assert reasons["scan.pdf"] == ("ingest", "unsupported file type '.pdf'")
    assert reasons["big.txt"][0] == "ingest" and "over the 1000-byte cap" in reasons["big.txt"][1]
    assert reasons["empty.txt"] == ("decode", "empty input")
    assert reasons["blob.txt"][0] == "decode" and "binary" in reasons["blob.txt"][1]


def test_discover_skips_hidden_and_recurses(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text("x", encoding="utf-8")
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    (tmp_path / ".state").mkdir()
    (tmp_path / ".state" / "c.txt").write_text("x", encoding="utf-8")
    (tmp_path / ".DS_Store").write_text("x", encoding="utf-8")
    found = discover_inputs(tmp_path)
    assert [Path(f.path).relative_to(tmp_path.resolve()).as_posix() for f in found] == [
        "a.txt",
        "sub/b.txt",
    ]
    assert all(f.uri.startswith("file:///") and f.size == 1 and f.mtime > 0 for f in found)


def test_discover_and_read_an_fsspec_uri():
    """Roots may be fsspec URIs: listing, stat facts and reading go through the filesystem."""
    import fsspec

    fs = fsspec.filesystem("memory")
    fs.pipe("/camket-test-in/a.txt", "Tiêu đề\nNội dung bài.".encode())
    fs.pipe("/camket-test-in/.hidden/b.txt", b"x")
    try:
        (found,) = discover_inputs("memory://camket-test-in")
        assert found.uri == "memory://camket-test-in/a.txt" and found.size == len(
            fs.cat("/camket-test-in/a.txt")
        )
        (article,) = read_input(found)
        assert article.doc == "a" and article.source_uri == found.uri
        assert article.text.startswith("Tiêu đề")
    finally:
        fs.rm("/camket-test-in", recursive=True)
