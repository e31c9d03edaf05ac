"""Benchmark: `python -m camket.bench --articles N` times the pipeline's stages on N synthetic articles.

Articles are recombined from the seed articles' cleaned paragraphs with other
countries, numbers and dates (deterministic for a given --seed) and wrapped in
boilerplate, so every article is distinct. Stages are timed by calling the
plain pipeline functions the flow wires (no Prefect API start is counted).
Work in progress for issue 4: no underthesea reference yet, single process.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import tempfile
import time
from collections import Counter
from pathlib import Path

from camket.clean import clean_article
from camket.extract import extract_articles
from camket.pipeline import BatchWriter, process_batch
from camket.store import ParquetStore

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
COUNTRIES = [
    "Cuba",
    "Nga",
    "Lào",
    "Campuchia",
    "Nhật Bản",
    "Hàn Quốc",
    "Ấn Độ",
    "Pháp",
    "Đức",
    "Brazil",
]
BOILERPLATE = [
    "Tin liên quan",
    "Thủ tướng dự lễ khởi công dự án cao tốc",
    "Tin mới 12/3/2025 10:15",
    "Đọc nhiều",
    "Hà Nội triển khai nhiều giải pháp chống ngập",
]


def synthetic_articles(n: int, seed: int = 7):
    """Yield (name, text) of n distinct articles built from the seeds' paragraphs."""
    rng = random.Random(seed)
    paragraphs = []
    for path in sorted(SEEDS.glob("*.txt")):
        paragraphs += clean_article(path.read_text(encoding="utf-8")).text.split("\n\n")[1:]
    for i in range(n):
        other = rng.choice(COUNTRIES)
        body = [
            p.replace("Cuba", other).replace("Cu-ba", other).replace("Nga", other)
            for p in rng.sample(paragraphs, k=min(6, len(paragraphs)))
        ]
        day, month, year = rng.randint(1, 28), rng.randint(1, 12), rng.randint(2019, 2025)
        lead = f"Ngày {day}/{month}/{year}, Việt Nam và {other} nhất trí thúc đẩy hợp tác (bản tin số {i})."
        title = f"Việt Nam và {other} tăng cường quan hệ hợp tác, bản tin {i}"
        yield f"a{i:06d}", "\n".join([title, lead, *body, *BOILERPLATE])


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--batch-size", type=int, default=500)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--json", type=Path, default=None, help="write the figures to this file")
    args = parser.parse_args(argv)
    stage = Counter()
    with tempfile.TemporaryDirectory() as tmp:
        inputs, out = Path(tmp) / "in", Path(tmp) / "out"
        inputs.mkdir()
        started = time.perf_counter()
        for name, text in synthetic_articles(args.articles, args.seed):
            (inputs / f"{name}.txt").write_text(text, encoding="utf-8")
        stage["generate"] = time.perf_counter() - started
        paths = sorted(inputs.iterdir())

        def timed_extract(articles):
            t = time.perf_counter()
            found = extract_articles(articles)
            stage["extract"] += time.perf_counter() - t
            return found

        rows = Counter()
        run_started = time.perf_counter()
        with ParquetStore(out) as store:
            writer = BatchWriter(store, "bench")
            for seq, start in enumerate(range(0, len(paths), args.batch_size), start=1):
                t0 = time.perf_counter()
                batch = process_batch(
                    paths[start : start + args.batch_size],
                    seq=seq,
                    run_id="bench",
                    extractor=timed_extract,
                )
                t1 = time.perf_counter()
                rows.update(writer.write(batch))
                stage["write"] += time.perf_counter() - t1
                stage["read_clean_validate"] += t1 - t0
        seconds = time.perf_counter() - run_started
    stage["read_clean_validate"] -= stage["extract"]  # process_batch's time includes extraction
    figures = {
        "articles": args.articles,
        "articles_per_second": round(args.articles / seconds, 1),
        "seconds": round(seconds, 2),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "stage_seconds": {k: round(v, 2) for k, v in stage.items()},
        "rows": dict(rows),
        "underthesea_sentences_per_second": None,
    }
    for key, value in figures.items():
        print(f"{key}: {value}")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")
    return figures


if __name__ == "__main__":
    main()
