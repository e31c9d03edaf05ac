"""The body scorer is strict: partial keep lines are lost, tiny boilerplate is not scored."""

from camket.clean.score import score_body

RAW = [
    "Tiêu đề bài viết",
    "Đoạn thân bài thứ nhất, đầy đủ câu chữ.",
    "|",
    "Tin liên quan",
    "Chú thích ảnh. Ảnh: TTXVN",
]


def test_all_kept_and_removed():
    c = score_body(RAW, "Tiêu đề bài viết\n\nĐoạn thân bài thứ nhất, đầy đủ câu chữ.", [1, 2], [5])
    assert (c["body_total"], c["body_kept"], c["boiler_total"], c["boiler_removed"]) == (2, 2, 1, 1)


def test_partial_keep_line_is_lost():
    c = score_body(RAW, "Tiêu đề bài viết\n\nĐoạn thân bài thứ nhất", [1, 2], [5])
    assert c["body_kept"] == 1 and c["body_lost"] == [2]


def test_surviving_boilerplate_counted():
    c = score_body(RAW, "Tiêu đề bài viết\n\nTin liên quan", [1], [])
    assert c["boiler_survived"] == [4]
    assert c["boiler_total"] == 3  # line 3 ("|") is too short to score


def test_score_docs_reports_misses():
    from camket.clean.score import score_docs

    raw = "\n".join(RAW)
    report = score_docs([("d", raw, [1, 2], [5])], clean=lambda r: _Fake("Tiêu đề bài viết"))
    assert report["body_kept_pct"] == 50.0 and report["boiler_removed_pct"] == 100.0
    assert report["misses"] == [
        {"doc": "d", "line": 2, "kind": "body_lost", "text": RAW[1]},
    ]


class _Fake:
    def __init__(self, text: str):
        self.text = text
