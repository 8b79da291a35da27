"""`make bench`: 各ノートブックを新しいカーネルで 3 回ずつ実行し、時間とメモリを表にします。

結果の Markdown 表は標準出力と build/bench.md に書きます。README の表と各ノートブックの
「目安時間」はこの表から取ります。予算 (ノートブックの metadata の course.budget_s /
course.budget_mb) を超えたノートブックがあれば終了コード 1 になります。
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import nbformat

from notebook_runner import ROOT, notebook_paths, run_notebook

DEFAULT_BUDGET = {"budget_s": 30, "budget_mb": 1024}
COURSE_BUDGET_S = 90


def measure(path: Path, repeats: int) -> tuple[float, float]:
    """(壁時計の秒数の中央値, カーネルのピークメモリ MB の中央値) を返します。"""
    seconds, megabytes = [], []
    for _ in range(repeats):
        start = time.perf_counter()
        report = run_notebook(path, default_threads=True)
        seconds.append(time.perf_counter() - start)
        megabytes.append(report["peak_rss_kb"] / 1024)
    return statistics.median(seconds), statistics.median(megabytes)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("notebooks", nargs="*", type=Path)
    args = parser.parse_args(argv)
    paths = [p.resolve() for p in args.notebooks] or notebook_paths()

    lines = [
        f"| ノートブック | 実行時間 (秒, {args.repeats} 回の中央値) | ピークメモリ (MB) | 予算 | 判定 |",
        "| --- | ---: | ---: | --- | --- |",
    ]
    total, ok = 0.0, True
    for path in paths:
        budget = {**DEFAULT_BUDGET, **nbformat.read(path, as_version=4).metadata.get("course", {})}
        seconds, mb = measure(path, args.repeats)
        total += seconds
        within = seconds <= budget["budget_s"] and mb <= budget["budget_mb"]
        ok &= within
        lines.append(
            f"| {path.name} | {seconds:.1f} | {mb:.0f} | "
            f"{budget['budget_s']} 秒 / {budget['budget_mb']} MB | {'OK' if within else '超過'} |"
        )
        print(lines[-1], flush=True)
    within = total <= COURSE_BUDGET_S
    ok &= within
    lines.append(f"| 合計 (順に実行) | {total:.1f} | | {COURSE_BUDGET_S} 秒 | {'OK' if within else '超過'} |")
    table = "\n".join(lines)
    out = ROOT / "build" / "bench.md"
    out.parent.mkdir(exist_ok=True)
    out.write_text(table + "\n", encoding="utf-8")
    print(f"\n{table}\n\n(表は {out.relative_to(ROOT)} にも保存しました)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
