"""`make sweeps`: 乱数の種を変えてノートブックを実行し、種ごとの結果を「シードプール」の CSV に残します。

本文が種について述べること (「たいてい 20 前後」「ほとんどの種で 97% 以上」) は、1 台の PC で 10 個の種を
見ただけでは、別の PC で成り立つとは限りません。別の CPU では、学習の途中の小さな違いが育ち、結果は
新しいくじを引いたのと同じになるからです。そこで、

- 種 0〜39 の 40 個を、2 つの数値環境 (``ENVIRONMENTS``: ふつうの設定と、別の CPU を模した設定) で実行し、
  種ごとの結果を data/seed_pool/<名前>.csv に書きます (どの PC で計ったかも先頭の行に残します)。
- 本文の主張は、tests/ のテストが ``Claim`` (本文の言い回しと、10 個の種についての判定) として持ち、
  プールの **どの 10 個の組 (0〜9、10〜19、20〜29、30〜39) でも、どちらの環境でも** 成り立つことを
  確かめます。CI は種 0〜9 の組をその場で実行し、同じ判定を当てはめます。

``python -m tools sweeps`` はすべて、名前を渡せばそれだけを実行します (2 つの環境 × 40 個の種なので、
ノートブックによっては数十分かかります)。
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import os
import platform
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from tools import DATA_DIR, NOTEBOOK_DIR, ROOT, ToolError
from tools.bench import machine
from tools.runner import run_seeds

POOL_DIR = DATA_DIR / "seed_pool"
POOL_SEEDS = range(40)
BLOCK = 10
ENVIRONMENTS: dict[str, dict[str, str]] = {
    "reference": {},
    # 別の CPU を模した設定です。PyTorch が別のベクトル化の計算カーネルを使い、計算スレッドが 2 つに
    # なる (足し算の順序が変わる) ので、学習の結果は別の PC で引いたくじと同じように変わります。
    "perturbed": {"ATEN_CPU_CAPABILITY": "default", "OMP_NUM_THREADS": "2", "OMP_WAIT_POLICY": "PASSIVE"},
}
Metrics = Callable[[dict[str, Any]], dict[str, float]]
Block = Mapping[str, np.ndarray]


@dataclass(frozen=True)
class Sweep:
    """1 つのノートブックを種を変えて実行し、種ごとに ``metrics`` の数を残す、という決まりです。"""

    notebook: str
    report: tuple[str, ...]
    metrics: Metrics
    parameters: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Claim:
    """本文の主張 1 つ: 本文にある言い回し ``phrase`` と、種 10 個の結果についての判定 ``holds``。"""

    phrase: str
    holds: Callable[[Block], bool]


SWEEPS: dict[str, Sweep] = {}


def register(name: str, sweep: Sweep) -> None:
    SWEEPS[name] = sweep


def sweep(name: str) -> Sweep:
    import tools.pools  # noqa: F401  (各ノートブックのプールの決まりを登録します)

    if name not in SWEEPS:
        known = "、".join(SWEEPS) or "(まだありません)"
        raise ToolError(f"シードプール {name!r} は tools/pools/ にありません。ある名前: {known}")
    return SWEEPS[name]


@contextmanager
def environment(name: str) -> Iterator[None]:
    """この中で起動するカーネルが、数値環境 ``name`` の環境変数を受け継ぐようにします。"""
    saved = {key: os.environ.get(key) for key in ENVIRONMENTS[name]}
    os.environ.update(ENVIRONMENTS[name])
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def run_block(name: str, seeds: list[int]) -> list[dict[str, float]]:
    """今の環境で、種 ``seeds`` について 1 つのカーネルでノートブックを実行し、種ごとの結果の行を返します。"""
    spec = sweep(name)
    reports = run_seeds(NOTEBOOK_DIR / spec.notebook, seeds, spec.report, spec.parameters)
    return [{"seed": seed, **spec.metrics(reports[seed])} for seed in seeds]


def as_block(rows: list[dict[str, float]]) -> dict[str, np.ndarray]:
    """行の並びを {列の名前: 種の順の配列} にします (判定はこの形を受け取ります)。"""
    return {key: np.array([row[key] for row in rows], dtype=float) for key in rows[0]}


def pool_path(name: str) -> Path:
    return POOL_DIR / f"{name}.csv"


def read_pool(name: str) -> dict[str, list[dict[str, float]]]:
    """プールの CSV を {環境: 種の順の行} として読みます。無ければ、作り方を日本語で伝えます。"""
    path = pool_path(name)
    if not path.exists():
        raise ToolError(f"{path.relative_to(ROOT)} がありません。`make sweeps NAMES={name}` で作ってください。")
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(line for line in f if not line.startswith("#")))
    pool: dict[str, list[dict[str, float]]] = {}
    for row in rows:
        env = row.pop("env")
        pool.setdefault(env, []).append({key: float(value) for key, value in row.items()})
    return pool


def failures(claims: list[Claim], rows: list[dict[str, float]], label: str) -> list[str]:
    """``rows`` を 10 個ずつの組に分け、成り立たない (組, 主張) を挙げます。"""
    found = []
    for start in range(0, len(rows), BLOCK):
        block_rows = rows[start:start + BLOCK]
        block = as_block(block_rows)
        seeds = f"種 {int(block['seed'][0])}〜{int(block['seed'][-1])}"
        found += [f"{label}、{seeds}: 「{c.phrase}」" for c in claims if not c.holds(block)]
    return found


def pool_failures(name: str, claims: list[Claim]) -> list[str]:
    """プールのどの環境・どの 10 個の組で、どの主張が成り立たないかを挙げます (無ければ空)。"""
    pool = read_pool(name)
    missing = set(ENVIRONMENTS) - set(pool)
    if missing:
        raise ToolError(f"{pool_path(name).name} に環境 {sorted(missing)} の行がありません。"
                        "`make sweeps` で作り直してください。")
    found = []
    for env, rows in pool.items():
        if [int(r["seed"]) for r in rows] != list(POOL_SEEDS):
            found.append(f"{env}: 種が 0〜{len(POOL_SEEDS) - 1} の順にそろっていません")
        found += failures(claims, rows, env)
    return found


def markdown_without_spaces(path: Path) -> str:
    """ノートブックの本文 (マークダウンのセル) を、空白と改行を除いて 1 つの文字列にします。"""
    import nbformat

    nb = nbformat.read(path, as_version=4)
    return "".join("".join(c.source.split()) for c in nb.cells if c.cell_type == "markdown")


def states(path: Path, phrase: str) -> bool:
    """言い回しが本文にそのまま書いてある (改行と空白の違いは問いません)。"""
    return "".join(phrase.split()) in markdown_without_spaces(path)


def missing_phrases(name: str, claims: list[Claim]) -> list[str]:
    """本文 (マークダウンのセル) に見つからない主張の言い回しを挙げます (改行と空白の違いは問いません)。"""
    text = markdown_without_spaces(NOTEBOOK_DIR / sweep(name).notebook)
    return [c.phrase for c in claims if "".join(c.phrase.split()) not in text]


def claim_tests(name: str, claims: list[Claim]) -> tuple[Callable[[], None], ...]:
    """ノートブックの主張を確かめる 3 つのテストを作ります (tests/test_nbNN_*.py で使います)。

    - プール: data/seed_pool/<name>.csv の、どちらの環境のどの 10 個の組でも、すべての主張が成り立つ。
    - その場: 今の環境 (`make test` と `make test-perturbed` の両方) で種 0〜9 を実行し、同じ主張が成り立つ。
    - 本文: 主張の言い回しが、ノートブックの本文にそのまま書いてある (本文だけ直して証拠とずれないように)。
    """
    import pytest

    def test_claims_hold_in_every_block_of_the_seed_pool() -> None:
        assert not pool_failures(name, claims)

    @pytest.mark.sweep
    def test_claims_hold_for_seeds_0_to_9_run_here() -> None:
        assert not failures(claims, run_block(name, list(range(BLOCK))), "この環境")

    def test_the_text_states_each_claim() -> None:
        assert not missing_phrases(name, claims)

    return (test_claims_hold_in_every_block_of_the_seed_pool, test_claims_hold_for_seeds_0_to_9_run_here,
            test_the_text_states_each_claim)


def _run_job(job: tuple[str, str, list[int]]) -> tuple[str, list[dict[str, float]]]:
    name, env, seeds = job
    with environment(env):
        return env, run_block(name, seeds)


def write_pool(name: str, seeds: list[int], jobs: int) -> Path:
    """2 つの環境で種 ``seeds`` を実行し、プールの CSV を書きます。"""
    chunks = [seeds[i:i + BLOCK] for i in range(0, len(seeds), BLOCK)]
    work = [(name, env, chunk) for env in ENVIRONMENTS for chunk in chunks]
    rows: dict[str, list[dict[str, float]]] = {env: [] for env in ENVIRONMENTS}
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        for env, block_rows in pool.map(_run_job, work):
            rows[env] += block_rows
    import torch

    columns = list(rows["reference"][0])
    path = pool_path(name)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as f:
        f.write(f"# make sweeps: notebooks/{sweep(name).notebook} を種ごとに実行した結果\n")
        f.write(f"# PC: {machine()}, Python {platform.python_version()}, torch {torch.__version__}\n")
        for env, variables in ENVIRONMENTS.items():
            f.write(f"# 環境 {env}: {' '.join(f'{k}={v}' for k, v in variables.items()) or 'ふつうの設定'}\n")
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["env", *columns])
        for env, env_rows in rows.items():
            for row in sorted(env_rows, key=lambda r: r["seed"]):
                writer.writerow([env, *(_plain(row[c]) for c in columns)])
    update_checksum(path)
    return path


def _plain(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.6g}"


def update_checksum(path: Path) -> None:
    """data/SHA256SUMS の ``path`` の行を書き直します (helpers が読む前に確かめる一覧です)。"""
    sums_path = DATA_DIR / "SHA256SUMS"
    name = path.relative_to(DATA_DIR).as_posix()
    lines = [line for line in sums_path.read_text(encoding="utf-8").splitlines() if not line.endswith(f"  {name}")]
    lines.append(f"{hashlib.sha256(path.read_bytes()).hexdigest()}  {name}")
    sums_path.write_text("\n".join(sorted(lines, key=lambda line: line.split()[1])) + "\n", encoding="utf-8")


def parse_seeds(text: str) -> list[int]:
    """「0-39」や「0,3,5」を種のリストにします。"""
    if "-" in text:
        low, high = text.split("-")
        return list(range(int(low), int(high) + 1))
    return [int(part) for part in text.split(",")]


def main(argv: list[str]) -> int:
    import tools.pools  # noqa: F401  (各ノートブックのプールの決まりを登録します)

    parser = argparse.ArgumentParser(prog="python -m tools sweeps", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seeds", default=f"{POOL_SEEDS[0]}-{POOL_SEEDS[-1]}", help="例: 0-39、0,1,2")
    parser.add_argument("--jobs", type=int, default=2, help="同時に動かすカーネルの数")
    parser.add_argument("names", nargs="*", help="プールの名前 (省略するとすべて)")
    args = parser.parse_args(argv)
    for name in args.names or list(SWEEPS):
        path = write_pool(name, parse_seeds(args.seeds), args.jobs)
        print(f"{path.relative_to(ROOT)} を書きました", flush=True)
    return 0
