"""``python -m tools <コマンド>``: コースを作る道具の入口です (Makefile のターゲットはこれを呼ぶだけです)。

コマンド:
  execute [NB ...]   ノートブックを新しいカーネルで上から実行し、出力を保存する
  bench [--save] [NB ...]  実行時間とメモリを計り、遅い PC での時間を予測して予算と比べる
  sync [--check]     何か所にも現れる事実を、ただ 1 つの元から書き直す
  student [--check]  受講者用の版 (student/) を作り直す
  figures [--check]  ノートブックが表示する図を描き直す
  sweeps [NAME ...]  乱数の種を変えて実行し、シードプール (data/seed_pool/) を作り直す
  pin REF            Colab のリンクと準備のセルが使う教材の版を REF (タグ) に固定する
  new NN SLUG TITLE  決まりどおりの形をした新しいノートブックの骨組みを作る
  build [NB ...]     ノートブックを直した後に要るものを、正しい順にすべて作り直す
                     (図 → 実行 → 時間の計測 → 同期 → 受講者用)
  check              figures・sync・student の --check をまとめて実行する (どれも書き換えません)
  colab [NB ...]     Colab と同じパッケージの版の環境で、ノートブックを準備のセルごと実行する
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from tools import ToolError, bench, colab, figures, new, student, sweeps, sync
from tools.runner import execute_in_place, notebook_paths


def execute(argv: list[str]) -> int:
    for path in [Path(a).resolve() for a in argv] or notebook_paths():
        start = time.perf_counter()
        execute_in_place(path)
        print(f"{path.name}: {time.perf_counter() - start:.1f} 秒", flush=True)
    return 0


def pin(argv: list[str]) -> int:
    if len(argv) != 1:
        raise ToolError("使い方: make pin REF=タグ名 (例: make pin REF=workshop-2026-12)")
    sync.pin(argv[0])
    return sync.main([]) or student.main([])


def build(argv: list[str]) -> int:
    """図 → 実行 → 時間の計測 → 同期 → 受講者用。どれかが失敗したら、そこで止まります。

    ``--repeats N`` は時間の計測の回数です (既定は 3 回の中央値)。
    """
    repeats = ["--repeats", argv[argv.index("--repeats") + 1]] if "--repeats" in argv else []
    notebooks = [a for a in argv if a not in repeats]
    steps = [(figures.main, []), (execute, notebooks), (bench.main, ["--save", *repeats, *notebooks]),
             (sync.main, []), (student.main, [])]
    for step, args in steps:
        status = step(args)
        if status:
            return status
    return 0


def check(argv: list[str]) -> int:
    return max(figures.main(["--check"]), sync.main(["--check"]), student.main(["--check"]))


COMMANDS = {"execute": execute, "bench": bench.main, "sync": sync.main, "student": student.main,
            "figures": figures.main, "sweeps": sweeps.main, "pin": pin, "new": new.main, "build": build,
            "check": check, "colab": colab.main}


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in COMMANDS:
        print(__doc__)
        return 0 if argv[:1] in ([], ["--help"], ["-h"]) else 2
    try:
        return COMMANDS[argv[0]](argv[1:])
    except ToolError as error:
        print(f"エラー: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
