"""何か所にも現れる文 (準備のセル、目安時間、パラメータの範囲、データの SHA-256) が元とそろっていること。"""

import re

import nbformat
import pytest
import sync
from sync import README, course_ref, number, planned_writes, time_range

from notebook_runner import ROOT


def test_sync_changes_nothing():
    stale = [str(p.name) for p in planned_writes()]
    assert not stale, f"元とずれています。`make sync` を実行してください: {stale}"


def test_numbers_in_comments_are_written_plainly():
    assert [number("1e-5"), number("0.1"), number("100.0"), number("36")] == ["0.00001", "0.1", "100", "36"]


def test_time_range_covers_a_slower_machine():
    assert time_range(3.2) == "約 3〜7 秒"
    assert time_range(18.7) == "約 19〜43 秒"


def test_every_colab_link_names_the_ref_the_setup_cell_clones():
    texts = [README.read_text(encoding="utf-8")]
    for folder in ("notebooks", "student"):
        texts += [nbformat.read(p, as_version=4).cells[0].source for p in sorted((ROOT / folder).glob("*.ipynb"))]
    refs = set(re.findall(r"colab\.research\.google\.com/github/[\w.-]+/[\w.-]+/blob/([^/]+)/", "\n".join(texts)))
    assert refs == {course_ref()}


def test_pin_rewrites_the_ref_and_refuses_odd_names(tmp_path, monkeypatch):
    setup = tmp_path / "colab_setup_cell.py"
    setup.write_text('    REPO_REF = "main"  # 版\n', encoding="utf-8")
    monkeypatch.setattr(sync, "SETUP_CELL_FILE", setup)
    sync.pin("workshop-2026-12")
    assert sync.course_ref() == "workshop-2026-12"
    link = "https://colab.research.google.com/github/a/b/blob/main/notebooks/00.ipynb"
    assert sync.with_ref(link, "v1") == link.replace("/main/", "/v1/")
    with pytest.raises(SystemExit, match="使えません"):
        sync.pin("bad ref; rm -rf /")
