"""The benchmark runs the real flow on a generated corpus and reports its figures."""

from __future__ import annotations

import hashlib
import json

from camket.bench import main, write_corpus


def digest(folder) -> str:
    h = hashlib.sha256()
    for path in sorted(folder.iterdir()):
        h.update(path.name.encode() + path.read_bytes())
    return h.hexdigest()


def test_corpus_is_deterministic_distinct_and_mixed(tmp_path):
    a, b, c = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    for folder in (a, b, c):
        folder.mkdir()
    kinds = write_corpus(a, 400, seed=1)
    write_corpus(b, 400, seed=1)
    write_corpus(c, 400, seed=2)
    assert digest(a) == digest(b) and digest(a) != digest(c)
    assert kinds["txt"] > 300 and kinds["html"] and kinds["jsonl"] and kinds["bad"]
    texts = [p.read_bytes() for p in a.glob("a*.txt")]
    assert len(set(texts)) == len(texts)
    assert min(len(t) for t in texts) > 1500  # news-length pages, not snippets


def test_bench_reports_its_figures(tmp_path, prefect_harness):
    out = tmp_path / "figures.json"
    argv = ["--articles", "40", "--runner", "threads", "--workers", "1"]
    main([*argv, "--reference-sample", "5", "--json", str(out), "--keep", str(tmp_path / "w")])
    figures = json.loads(out.read_text(encoding="utf-8"))
    for key in ("articles", "articles_per_second", "peak_rss_mb", "stage_seconds"):
        assert figures[key], key
    assert figures["articles"] == 40 and figures["rows"]["articles"] == 40  # all distinct
    assert figures["rows"]["entities"] > 40 * 10 and figures["rows"]["commitments"] > 0
    assert {"read", "clean", "extract", "validate", "write"} <= set(figures["stage_seconds"])
    assert figures["underthesea_sentences_per_second"] > 0
    assert figures["camket_sentences_per_second"] > figures["underthesea_sentences_per_second"]


def test_long_text_figures(tmp_path):
    out = tmp_path / "long.json"
    main(["--long-text", "--long-chars", "20000", "--article-chars", "250000", "--json", str(out)])
    figures = json.loads(out.read_text(encoding="utf-8"))
    one, sliced = figures["no_full_stop"], figures["long_article"]
    assert 19_900 < one["characters"] <= 20_000 and one["slices"] == 1 and one["entities"] > 100
    assert sliced["characters"] >= 250000 and sliced["slices"] >= 3
    assert sliced["entities"] > 1000 and sliced["commitments"] > 0
    assert all(f["seconds"] > 0 and f["peak_rss_mb"] > 0 for f in (one, sliced))
