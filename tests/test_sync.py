"""何か所にも現れる文 (準備のセル、目安時間、パラメータの範囲、データの SHA-256) が元とそろっていること。"""

from sync import number, planned_writes, time_range


def test_sync_changes_nothing():
    stale = [str(p.name) for p in planned_writes()]
    assert not stale, f"元とずれています。`make sync` を実行してください: {stale}"


def test_numbers_in_comments_are_written_plainly():
    assert [number("1e-5"), number("0.1"), number("100.0"), number("36")] == ["0.00001", "0.1", "100", "36"]


def test_time_range_covers_a_slower_machine():
    assert time_range(3.2) == "約 3〜7 秒"
    assert time_range(18.7) == "約 19〜43 秒"
