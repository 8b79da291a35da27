"""何か所にも現れる事実が元とそろっていること、と `make sync` / `make pin` の決まりのテストです。"""

import re
from pathlib import Path

import nbformat
import pytest

from tools import ROOT, ToolError, sync
from tools.sync import HEADER_BULLETS, course_ref, header_bullets, number, planned_writes


def test_sync_changes_nothing():
    stale = [str(p.name) for p in planned_writes()]
    assert not stale, f"元とずれています。`make sync` を実行してください: {stale}"


def test_numbers_in_comments_are_written_plainly():
    assert [number("1e-5"), number("0.1"), number("100.0"), number("36")] == ["0.00001", "0.1", "100", "36"]


def test_every_link_names_the_ref_the_setup_cell_clones():
    texts = [(ROOT / "README.md").read_text(encoding="utf-8")]
    for folder in ("notebooks", "student"):
        texts += [nbformat.read(p, as_version=4).cells[0].source for p in sorted((ROOT / folder).glob("*.ipynb"))]
    refs = set(re.findall(r"github(?:\.com)?/[\w.-]+/[\w.-]+/blob/([^/]+)/", "\n".join(texts)))
    assert refs == {course_ref()}


def test_a_bullet_that_spans_lines_ends_where_the_next_begins():
    header = ("# 09 題名 — 副題\n\nバッジ\n\n- **目安時間**: 実行 約 1〜2 秒 (x)、読みながら進めて約 10 分\n"
              "- **前提**: 08 が分かること。数学は、\n  行列の掛け算が分かれば十分です。\n"
              "- **途中から始めるとき**: 古い文\n\n本文")
    before, bullets, after = header_bullets(header, Path("09.ipynb"))
    assert bullets["前提"] == "08 が分かること。数学は、\n  行列の掛け算が分かれば十分です。"
    assert bullets["途中から始めるとき"] == "古い文" and after == "\n\n本文" and before.endswith("バッジ\n\n")


def test_synced_header_keeps_prerequisites_whole_and_orders_the_bullets(monkeypatch):
    monkeypatch.setattr(sync, "runtime_phrase", lambda name: "実行 約 1〜2 秒 (新)")
    header = ("# 09 題名 — 副題\n\n- **前提**: 08 が分かること。数学は、\n  行列の掛け算で十分です。\n"
              "- **目安時間**: 実行 約 5〜9 秒 (古)、読みながら進めて約 10 分")
    _, bullets, _ = header_bullets(sync.synced_header(header, Path("09.ipynb"), "v1"), Path("09.ipynb"))
    assert tuple(bullets) == HEADER_BULLETS
    assert bullets["前提"] == "08 が分かること。数学は、\n  行列の掛け算で十分です。"
    assert bullets["目安時間"] == "実行 約 1〜2 秒 (新)、読みながら進めて約 10 分"
    assert "/blob/v1/docs/glossary.md" in bullets["用語集"]


def test_generator_failures_name_the_file_and_what_is_missing(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# 09 題名\n\n- **前提**: なし"), nbformat.v4.new_code_cell("x = 1")]
    with pytest.raises(ToolError, match=r"09_x\.ipynb: 準備のセル .* が 0 個あります"):
        sync.setup_cell_index(nb, Path("09_x.ipynb"))
    with pytest.raises(ToolError, match=r"09_x\.ipynb: 見出しに「- \*\*目安時間\*\*: …」の行がありません"):
        sync.synced_header(nb.cells[0].source, Path("09_x.ipynb"), "main")
    with pytest.raises(ToolError, match=r"bench_reference\.json に 09_x\.ipynb の時間がありません"):
        sync.runtime_phrase("09_x.ipynb")
    with pytest.raises(ToolError, match=r"09_x\.ipynb: `parameters` タグのセル"):
        sync.sync_parameter_comments(nb, Path("09_x.ipynb"))


def test_pin_rewrites_the_ref_and_refuses_odd_names(tmp_path, monkeypatch):
    setup = tmp_path / "colab_setup_cell.py"
    setup.write_text('    REPO_REF = "main"  # 版\n', encoding="utf-8")
    monkeypatch.setattr(sync, "SETUP_CELL_FILE", setup)
    sync.pin("workshop-2026-12")
    assert sync.course_ref() == "workshop-2026-12"
    link = "https://colab.research.google.com/github/a/b/blob/main/notebooks/00.ipynb"
    assert sync.with_ref(link, "v1") == link.replace("/main/", "/v1/")
    with pytest.raises(ToolError, match="使えません"):
        sync.pin("bad ref; rm -rf /")


@pytest.mark.parametrize(("measured", "slow", "expected"), [
    (5.6, 7.1, "約 5〜8 秒"),
    (7.4, 6.8, "約 7 秒"),  # 2 つが同じ秒数に丸まるときは 1 つ
    (7.1, 6.4, "約 6〜8 秒"),  # 計測した PC のほうが遅いときも、小さいほうから大きいほうまで
])
def test_seconds_range_goes_from_the_smaller_to_the_larger(monkeypatch, measured, slow, expected):
    monkeypatch.setattr(sync, "reference_timing", lambda reference, name: {"seconds": measured, "units": 0.0})
    monkeypatch.setattr(sync, "slow_seconds", lambda units: slow)
    assert sync.seconds_range("09_x.ipynb") == expected
