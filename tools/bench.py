"""`make bench`: 各ノートブックを新しいカーネルで実行し、時間とメモリを計って、遅い PC での時間を予測します。

PC の速さの違いは一様ではありません。カーネルの起動と import (固定費) に比べて、小さなネットワークの
学習 (計算) が何倍遅いかは PC ごとに違います (AMD EPYC では 04 が 00 の 2.1 倍、Intel Xeon では 5.2 倍)。
そこで、時間を 2 つに分けて測ります。

- 固定費: ノートブック 00 の時間 (カーネルの起動、import、図とウィジェットの表示)。
- 計算: 「00 より何秒長いか」を、同じ実行の中で測った **較正の仕事** (このコースと同じ種類の小さな
  ネットワークの学習を 1 スレッドで決まった回数だけ行う。``calibration_workload``) の時間で割った量
  (単位: 較正何回分か)。

遅い PC での時間は「その PC の 00 の時間 + 計算量 × その PC の較正の時間」で予測できます。予算
(docs/authoring.md) は、遅い基準の PC (``SLOW_MACHINE``) での予測時間で判定するので、どの PC で計っても
判定は同じになります。

結果は標準出力、build/bench.md (表) と build/bench.json に書きます。``--save`` を付けると、README と
各ノートブックの「目安時間」の元になる tools/bench_reference.json を更新します (その後 ``make sync``)。
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

import nbformat

from tools import ROOT, TOOLS_DIR, ToolError
from tools.runner import is_appendix, notebook_paths, run_notebook

REFERENCE = TOOLS_DIR / "bench_reference.json"
# 遅い基準の PC: 2 コアの Intel Xeon (AVX-512)。無料の Colab の CPU ランタイムと同じくらいです。
# notebook_00_s はそこで計った 00 の時間、calibration_s はそこでの較正の仕事の時間です。後者は直接は
# 計っていないので、そこで計った 02〜04 の時間 (issue 19: 12.9 / 24.1 / 33.7 秒) と、同じ版 (f4d305d) の
# ノートブックを AMD EPYC (AVX-512) で計った計算量 (5.29 / 8.36 / 14.1、較正 1.48 秒) から、予測の相対誤差の
# 2 乗和が最小になるように求めました。予測は 15.6 / 20.8 / 30.7 秒で、差は +21 / -14 / -9 % です。
SLOW_MACHINE = {"name": "Intel Xeon (AVX-512)、2 コア", "notebook_00_s": 6.5, "calibration_s": 1.71}
BUDGET_S = {"path": 25.0, "appendix": 60.0, "course_path": 90.0}  # 遅い基準の PC での上限
NOTEBOOK_MB = 1024  # 1 本のノートブックのカーネルのピークメモリ

CALIBRATION = """
import time
import torch
from torch import nn

torch.set_num_threads(1)
torch.manual_seed(0)
start = time.perf_counter()
# 1. 全結合の小さなネットワーク (GAN の G と D の大きさ) を Adam で 300 ステップ
net = nn.Sequential(nn.Linear(1, 32), nn.ReLU(), nn.Linear(32, 32), nn.ReLU(), nn.Linear(32, 1))
opt = torch.optim.Adam(net.parameters(), lr=1e-3)
x = torch.randn(512, 1)
for _ in range(300):
    loss = net(x).pow(2).mean()
    opt.zero_grad()
    loss.backward()
    opt.step()
# 2. LSTM (隠れ状態 32) に 94 本 × 13 か月の窓を通して Adam で 100 ステップ
lstm, head = nn.LSTM(1, 32, batch_first=True), nn.Linear(32, 1)
opt = torch.optim.Adam([*lstm.parameters(), *head.parameters()], lr=1e-2)
x, y = torch.randn(94, 13, 1), torch.randn(94, 1)
for _ in range(100):
    out, _ = lstm(x)
    loss = (head(out[:, -1]) - y).pow(2).mean()
    opt.zero_grad()
    loss.backward()
    opt.step()
print(time.perf_counter() - start)
"""


def calibration_workload() -> float:
    """較正の仕事を新しいプロセスで 1 回行い、その秒数を返します (import の時間は含みません)。"""
    result = subprocess.run([sys.executable, "-c", CALIBRATION], capture_output=True, text=True, check=True,
                            env={**os.environ, "OMP_NUM_THREADS": "1"})
    return float(result.stdout.strip())


def measure(path: Path, repeats: int) -> tuple[float, float]:
    """(壁時計の秒数の中央値, カーネルのピークメモリ MB の中央値) を返します。

    カーネルは学習者と同じく PyTorch の既定のスレッド数で動かします。ただし OMP_WAIT_POLICY=PASSIVE に
    して、計算を待つスレッドがコアを回し続けないようにします (待ち方だけの設定です)。そうしないと、ほかの
    仕事でコアが埋まっている PC では、小さなネットワークの学習が 10 倍以上遅く測れてしまいます。
    """
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
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


def slow_seconds(units: float, slow: dict[str, float] | None = None) -> float:
    """計算量 (較正何回分か) から、遅い基準の PC での時間を予測します。"""
    slow = slow or SLOW_MACHINE  # type: ignore[assignment]
    return float(slow["notebook_00_s"]) + units * float(slow["calibration_s"])


def load_reference() -> dict:
    """tools/bench_reference.json を読みます。無ければ、作り方を日本語で伝えます。"""
    if not REFERENCE.exists():
        raise ToolError(f"{REFERENCE.relative_to(ROOT)} がありません。"
                        "`make bench BENCH_ARGS=--save` で作ってください。")
    reference: dict = json.loads(REFERENCE.read_text(encoding="utf-8"))
    return reference


def reference_timing(reference: dict, name: str) -> dict[str, float]:
    """基準の計測から、ノートブック ``name`` の行を返します。無ければ、計り方を日本語で伝えます。"""
    try:
        timing: dict[str, float] = reference["notebooks"][name]
    except KeyError:
        raise ToolError(
            f"tools/bench_reference.json に {name} の時間がありません。"
            f"`make bench BENCH_ARGS=--save NOTEBOOKS=notebooks/{name}` で計ってから、もう一度実行してください。"
        ) from None
    return timing


def verdict_rows(results: dict[str, dict[str, float]]) -> tuple[list[str], bool]:
    """表の行と、すべて予算内かどうかを返します (予算は遅い基準の PC での予測時間で判定します)。"""
    rows, ok, path_total = [], True, 0.0
    for path in notebook_paths():
        if path.name not in results:
            continue
        r = results[path.name]
        appendix = is_appendix(nbformat.read(path, as_version=4))
        predicted = slow_seconds(r["units"])
        limit = BUDGET_S["appendix" if appendix else "path"]
        if not appendix:
            path_total += predicted
        within = predicted <= limit and r["peak_mb"] <= NOTEBOOK_MB
        ok &= within
        rows.append(f"| {path.name} | {r['seconds']:.1f} | {r['units']:.2f} | {predicted:.1f} (≦ {limit:g}) | "
                    f"{r['peak_mb']:.0f} | {'OK' if within else '超過'} |")
    measured_all = all(p.name in results for p in notebook_paths())
    within = path_total <= BUDGET_S["course_path"] or not measured_all
    ok &= within
    rows.append(f"| 本編を順に (付録を除く) | | | {path_total:.1f} (≦ {BUDGET_S['course_path']:g}) | | "
                f"{'OK' if within else '超過'} |")
    return rows, ok


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools bench", description=__doc__)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--save", action="store_true", help="tools/bench_reference.json を更新する")
    parser.add_argument("notebooks", nargs="*", type=Path)
    args = parser.parse_args(argv)
    paths = [p.resolve() for p in args.notebooks] or notebook_paths()
    base = notebook_paths()[0]
    if base not in paths:
        paths.insert(0, base)  # 固定費の基準になる 00 は必ず計ります

    calibration = statistics.median(calibration_workload() for _ in range(max(3, args.repeats)))
    results: dict[str, dict[str, float]] = {}
    for path in paths:
        seconds, mb = measure(path, args.repeats)
        units = (seconds - results[base.name]["seconds"]) / calibration if results else 0.0
        results[path.name] = {"seconds": round(seconds, 1), "units": round(units, 2), "peak_mb": round(mb)}
        print(f"{path.name}: {seconds:.1f} 秒, 計算量 {units:.2f}, {mb:.0f} MB", flush=True)
    rows, ok = verdict_rows(results)
    table = "\n".join([
        f"| ノートブック | この PC の秒数 ({args.repeats} 回の中央値) | 計算量 (較正何回分) | "
        f"{SLOW_MACHINE['name']} での予測 (秒) | ピークメモリ (MB) | 判定 |",
        "| --- | ---: | ---: | ---: | ---: | --- |",
        *rows,
        "",
        f"計測: {machine()}。較正の仕事 {calibration:.2f} 秒 (遅い基準の PC では {SLOW_MACHINE['calibration_s']} 秒)。"
        f"予算は遅い基準の PC で、本編 1 本 {BUDGET_S['path']:g} 秒・付録 1 本 {BUDGET_S['appendix']:g} 秒・"
        f"本編を順に {BUDGET_S['course_path']:g} 秒、メモリは 1 本 {NOTEBOOK_MB} MB まで。",
    ])
    out = ROOT / "build"
    out.mkdir(exist_ok=True)
    (out / "bench.md").write_text(table + "\n", encoding="utf-8")
    summary = {"machine": machine(), "calibration_s": round(calibration, 3), "repeats": args.repeats,
               "notebooks": results}
    (out / "bench.json").write_text(json.dumps(summary, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    if args.save:
        saved = load_reference()["notebooks"] if REFERENCE.exists() else {}
        current = {p.name for p in notebook_paths()}
        merged = {name: r for name, r in {**saved, **results}.items() if name in current}
        summary["notebooks"] = dict(sorted(merged.items()))
        REFERENCE.write_text(json.dumps(summary, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"\n{table}\n\n(表は build/bench.md と build/bench.json にも保存しました)")
    return 0 if ok else 1
