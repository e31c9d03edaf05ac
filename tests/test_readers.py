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


def test_discover_lists_regular_files_and_flags_the_rest_without_opening_them(tmp_path):
    """FIFOs, devices and symlinks leaving the root come back with a problem; nothing is opened."""
    import os

    root, outside = tmp_path / "in", tmp_path / "out-of-root"
    (root / "sub").mkdir(parents=True)
    outside.mkdir()
    (root / "a.txt").write_text("x", encoding="utf-8")
    (root / "sub" / "b.txt").write_text("xy", encoding="utf-8")
    (outside / "c.txt").write_text("x", encoding="utf-8")
    os.mkfifo(root / "pipe.txt")
    (root / "zero.txt").symlink_to("/dev/zero")
    (root / "alias.txt").symlink_to(root / "sub" / "b.txt")  # listed once, as its target
    (root / "sub" / "again.txt").symlink_to("b.txt")
    (root / "leak.txt").symlink_to(outside / "c.txt")
    (root / "gone.txt").symlink_to("missing.txt")
    (root / "sub-alias").symlink_to("sub")  # not followed: its files are listed anyway
    (root / "up").symlink_to("..")
    found = {Path(f.path).relative_to(root.resolve()).as_posix(): f for f in discover_inputs(root)}
    assert {rel: f.problem for rel, f in found.items()} == {
        "a.txt": None,
        "sub/b.txt": None,
        "pipe.txt": "not a regular file (fifo)",
        "zero.txt": "not a regular file (symlink to a character device)",
        "leak.txt": "symlink points outside the input root",
        "gone.txt": "broken symlink",
        "up": "symlink points outside the input root (a folder, not followed)",
    }
    assert found["sub/b.txt"].size == 2
    (item,) = read_input(found["pipe.txt"])  # quarantined from the listing: never opened
    assert isinstance(item, Rejected) and item.reason == "not a regular file (fifo)"


def test_discover_skips_excluded_paths_and_camket_output_roots(tmp_path):
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    for folder in ("out", "old/run1", "old/run1/_camket/ledger", "old/run1/articles"):
        (tmp_path / folder).mkdir(parents=True, exist_ok=True)
    (tmp_path / "out" / "part.parquet").write_bytes(b"PAR1")
    (tmp_path / "old" / "run1" / "articles" / "part.parquet").write_bytes(b"PAR1")
    (tmp_path / "old" / "keep.txt").write_text("x", encoding="utf-8")
    listed = [Path(f.path).name for f in discover_inputs(tmp_path, exclude=[tmp_path / "out"])]
    assert listed == ["a.txt", "keep.txt"]
    # The input root itself holding an output (`--out` = INPUT): only the output's folders go.
    (tmp_path / "_camket").mkdir()
    (tmp_path / "quarantine").mkdir()
    (tmp_path / "quarantine" / "part.parquet").write_bytes(b"PAR1")
    listed = [Path(f.path).name for f in discover_inputs(tmp_path, exclude=[tmp_path])]
    assert listed == ["a.txt", "keep.txt", "part.parquet"]  # out/ is not excluded any more


def test_reading_is_bounded_whatever_the_listed_size(tmp_path):
    """A file larger than its listed size (it grew, or /proc-like) is read only up to the cap."""
    import os
    import tracemalloc

    from camket.ingest.discover import InputFile
    from camket.ingest.readers import load_input

    sparse = tmp_path / "grown.txt"
    with open(sparse, "wb") as fh:
        fh.truncate(256 * 1024 * 1024)  # sparse: no disk used
    listed = InputFile("file", str(sparse), 10, os.stat(sparse).st_mtime)
    tracemalloc.start()
    try:
        rejected = load_input(listed, max_bytes=1000)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert isinstance(rejected, Rejected) and "over the 1000-byte cap" in rejected.reason
    assert peak < 1024 * 1024
    proc = InputFile.from_path("/proc/self/status")  # st_size 0, but it has bytes
    assert proc.size == 0 and b"Name:" in proc.read_bytes(limit=100_000)
    assert len(proc.read_bytes(limit=5)) == 5


def test_a_fifo_swapped_in_after_listing_is_not_read(tmp_path):
    """The reader checks the opened file itself, so a FIFO that replaced a file cannot block it."""
    import os
    import threading
    import time

    from camket.ingest.discover import InputFile
    from camket.ingest.readers import load_input

    path = tmp_path / "a.txt"
    path.write_text("x", encoding="utf-8")
    listed = discover_inputs(tmp_path)[0]
    path.unlink()
    os.mkfifo(path)

    def unblock() -> None:  # on a regression, give the blocked reader a writer and EOF
        time.sleep(3)
        os.close(os.open(path, os.O_RDWR))

    threading.Thread(target=unblock, daemon=True).start()
    started = time.monotonic()
    rejected = load_input(InputFile(listed.protocol, listed.path, listed.size, listed.mtime))
    assert time.monotonic() - started < 2
    assert isinstance(rejected, Rejected) and rejected.reason == "not a regular file (fifo)"


PARAGRAPHS = "".join(
    f"<p>Ngày {day}/5/2024, hai bên nhất trí tăng cường hợp tác về giáo dục và du lịch, "
    f"và mở rộng trao đổi sinh viên trong năm học tới (đoạn {day}).</p>"
    for day in range(1, 6)
)


def test_deeply_nested_html_falls_back_to_plain_text(tmp_path):
    """libxml2 stops at 256 levels (trafilatura then sees nothing): a linear scan takes the text."""
    import time

    depth = 100_000
    html = (
        "<html><head><title>Hợp tác giáo dục</title><script>var x = '<p>no</p>';</script></head>"
        "<body><nav>Trang chủ</nav>"
        + "<div>" * depth
        + PARAGRAPHS
        + "</div>" * depth
        + "<p>Hai bộ trưởng cũng ký biên bản ghi nhớ về đào tạo nghề.</p></body></html>"
    )
    path = tmp_path / "deep.html"
    path.write_text(html, encoding="utf-8")
    started = time.monotonic()
    (item,) = read_input(path)
    assert time.monotonic() - started < 10
    assert isinstance(item, RawArticle), item
    assert item.title == "Hợp tác giáo dục"
    lines = item.text.splitlines()
    assert lines[1].startswith("Ngày 1/5/2024") and "(đoạn 5)." in lines[5]
    assert lines[-1] == "Hai bộ trưởng cũng ký biên bản ghi nhớ về đào tạo nghề."
    assert "no" not in item.text.split() and "<" not in item.text

    (tmp_path / "empty.html").write_text("<div>" * depth + "</div>" * depth, encoding="utf-8")
    (item,) = read_input(tmp_path / "empty.html")
    assert isinstance(item, Rejected) and item.reason == "HTML page has no text"


def test_plain_text_fallback_is_linear_on_hostile_markup():
    """Markup that is quadratic for html.parser (unclosed tags, stray '</') stays fast here."""
    import time

    from camket.ingest.plaintext import html_plain_text

    for hostile in ("<a" * 200_000, "</" * 200_000, "<![" * 200_000, "<!--" + "x" * 10**6):
        started = time.monotonic()
        html_plain_text(hostile)
        assert time.monotonic() - started < 5, hostile[:10]  # html.parser: minutes


def test_discover_skips_output_roots_on_fsspec_roots_too():
    import fsspec

    fs = fsspec.filesystem("memory")
    for path in (
        "/camket-skip/a.txt",
        "/camket-skip/out/articles/part.parquet",
        "/camket-skip/old/_camket/ledger/part.parquet",
        "/camket-skip/old/quarantine/part.parquet",
        "/camket-skip/old-notes/b.txt",
    ):
        fs.pipe(path, b"x")
    try:
        found = discover_inputs("memory://camket-skip", exclude=["memory://camket-skip/out"])
        assert [f.path for f in found] == ["/camket-skip/a.txt", "/camket-skip/old-notes/b.txt"]
    finally:
        fs.rm("/camket-skip", recursive=True)
