"""`make bench`: 各ノートブックを新しいカーネルで 3 回ずつ実行し、時間とメモリを表にします。

PC によって速さは 2 倍以上違いますが、「ノートブック 00 (カーネルの起動と import だけの固定費) の
何倍か」はほとんど変わりません。そこで予算は 00 に対する倍率で決めます (COURSE.md の「Budgets」)。
予算を超えたものがあれば終了コード 1 になります。

結果は標準出力、build/bench.md (表) と build/bench.json (数値) に書きます。`--save` を付けると、
README と各ノートブックの「目安時間」の元になる tests/bench_reference.json も書き換えます
(その後 `make sync` で反映します)。
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path

from notebook_runner import ROOT, notebook_paths, run_notebook

NOTEBOOK_RATIO = 4.0  # 1 本のノートブック: 00 の 4 倍以内
COURSE_RATIO = 10.0  # コース全体 (00 から順に): 00 の 10 倍以内
NOTEBOOK_MB = 1024  # 1 本のノートブックのカーネルのピークメモリ
REFERENCE = ROOT / "tests" / "bench_reference.json"


def measure(path: Path, repeats: int) -> tuple[float, float]:
    """(壁時計の秒数の中央値, カーネルのピークメモリ MB の中央値) を返します。"""
    seconds, megabytes = [], []
    for _ in range(repeats):
        start = time.perf_counter()
        report = run_notebook(path, default_threads=True)
        seconds.append(time.perf_counter() - start)
        megabytes.append(report["peak_mb"])
    return statistics.median(seconds), statistics.median(megabytes)


def machine() -> str:
    """計った PC を 1 行で表します (CPU の名前、コア数、OS)。"""
    cpu = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        names = [line.split(":", 1)[1].strip() for line in cpuinfo.read_text().splitlines()
                 if line.startswith("model name")]
        cpu = names[0] if names else cpu
    return f"{cpu}, {os.cpu_count()} コア, {platform.system()}"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--save", action="store_true", help="tests/bench_reference.json を書き換える")
    parser.add_argument("notebooks", nargs="*", type=Path)
    args = parser.parse_args(argv)
    paths = [p.resolve() for p in args.notebooks] or notebook_paths()
    base = notebook_paths()[0]
    if base not in paths:
        paths.insert(0, base)  # 倍率の基準になる 00 は必ず計ります

    lines = [
        f"| ノートブック | 実行時間 (秒, {args.repeats} 回の中央値) | 00 の何倍か | ピークメモリ (MB) | 判定 |",
        "| --- | ---: | ---: | ---: | --- |",
    ]
    results: dict[str, dict[str, float]] = {}
    ok = True
    for path in paths:
        seconds, mb = measure(path, args.repeats)
        ratio = seconds / results[base.name]["seconds"] if results else 1.0
        results[path.name] = {"seconds": round(seconds, 1), "ratio": round(ratio, 2), "peak_mb": round(mb)}
        within = ratio <= NOTEBOOK_RATIO and mb <= NOTEBOOK_MB
        ok &= within
        lines.append(f"| {path.name} | {seconds:.1f} | {ratio:.1f} | {mb:.0f} | {'OK' if within else '超過'} |")
        print(lines[-1], flush=True)
    total = sum(r["seconds"] for r in results.values())
    course_ratio = total / results[base.name]["seconds"]
    within = course_ratio <= COURSE_RATIO or len(paths) < len(notebook_paths())
    ok &= within
    lines.append(f"| 合計 (順に実行) | {total:.1f} | {course_ratio:.1f} | | {'OK' if within else '超過'} |")
    lines.append("")
    lines.append(f"予算: 1 本は 00 の {NOTEBOOK_RATIO:g} 倍以内かつ {NOTEBOOK_MB} MB 以内、"
                 f"コース全体は 00 の {COURSE_RATIO:g} 倍以内。計測: {machine()}")
    table = "\n".join(lines)
    out = ROOT / "build"
    out.mkdir(exist_ok=True)
    (out / "bench.md").write_text(table + "\n", encoding="utf-8")
    summary = {"machine": machine(), "repeats": args.repeats, "notebooks": results}
    (out / "bench.json").write_text(json.dumps(summary, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    if args.save:
        REFERENCE.write_text(json.dumps(summary, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"\n{table}\n\n(表は build/bench.md と build/bench.json にも保存しました)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
