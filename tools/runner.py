"""ノートブックを新しいカーネルで実行する、ただ 1 つの道具です。

テスト、`make execute`、`make bench`、`make sweeps` のすべてがここを通してカーネルを起動するので、
どの実行も同じ環境変数・同じ作業ディレクトリ・同じエラーの扱いになります
(nbval とブラウザのテストだけは、それぞれの仕組みでカーネルを起動します)。
"""

from __future__ import annotations

import copy
import json
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import nbformat
import psutil
from nbformat import NotebookNode

from tools import NOTEBOOK_DIR, ToolError

TIMEOUT_S = 600

# カーネルに渡す環境変数です。
# - PYTHONWARNINGS: 図の文字が日本語フォントに無いときの matplotlib の警告
#   ("Glyph ... missing from font(s)") を、カーネルの中でエラーにします。
KERNEL_ENV = {"PYTHONWARNINGS": "error:Glyph:UserWarning"}
# 保存する出力も、テストの帯も CPU で確かめたものです。GPU のある PC でも、DEVICE="auto" の
# ノートブックは CPU で動かします。GPU で確かめたいときは COURSE_DEVICE=cuda を明示します。
DEFAULT_DEVICE = "cpu"
# テストは 2 つのカーネルを 2 コアで同時に動かします。PyTorch の計算スレッドがコアを奪い合うと
# 5〜10 倍遅くなるため、利用者が OMP_NUM_THREADS を決めていなければ 1 カーネル 1 スレッドにします。
# 保存する出力 (make execute) も同じ既定で作ります。make bench だけは、学習者の環境と同じく
# PyTorch の既定のスレッド数で計ります。
DEFAULT_KERNEL_THREADS = "1"

_REPORT_MARKER = "__COURSE_REPORT__"
_REPORT_CELL = """\
import json as _json
print({marker!r} + _json.dumps({{name: globals()[name] for name in {names!r}}}, default=float))
"""
# 実行の記録のうち、保存するノートブックに残さないもの (実行のたびに変わる時刻など)。
_RUN_METADATA = ("papermill", "execution")


def apply_kernel_env(*, default_threads: bool = False) -> None:
    """これから起動するカーネルが KERNEL_ENV と計算スレッド数を受け継ぐようにします。

    利用者が決めた OMP_NUM_THREADS は上書きしません。``default_threads=True`` なら、
    スレッド数を決めずに PyTorch の既定 (コア数) に任せます。
    """
    os.environ.update(KERNEL_ENV)
    os.environ.setdefault("COURSE_DEVICE", DEFAULT_DEVICE)
    if not default_threads:
        os.environ.setdefault("OMP_NUM_THREADS", DEFAULT_KERNEL_THREADS)


def notebook_paths() -> list[Path]:
    """notebooks/ のノートブックを番号順に返します (付録は支える本編のすぐ後: 05、05a、06 …)。"""
    return sorted(NOTEBOOK_DIR.glob("*.ipynb"))


def is_appendix(nb: NotebookNode) -> bool:
    """付録のノートブック (題名の 1 行目に「付録」がある) なら True です。"""
    return "付録" in nb.cells[0].source.splitlines()[0]


def notebook_text(nb: NotebookNode) -> str:
    """``nbformat.write`` が書くのと同じ中身 (末尾の改行つき) を返します。ファイルとの比較に使います。"""
    text = nbformat.writes(nb)
    return text if text.endswith("\n") else text + "\n"


def output_problems(nb: NotebookNode) -> list[str]:
    """エラーか stderr の出力があるセルを、「セル 実行番号: 種類」の一覧で返します (無ければ空)。"""
    return [
        f"セル {cell.get('execution_count')}: {out.get('ename') or out.get('name')}"
        for cell in nb.cells
        if cell.cell_type == "code"
        for out in cell.get("outputs", [])
        if out.output_type == "error" or (out.output_type == "stream" and out.get("name") == "stderr")
    ]


@contextmanager
def kernel_peak_memory(interval_s: float = 0.02) -> Iterator[dict[str, float]]:
    """この中で起動したカーネル (子プロセス) の最大常駐メモリ (MB) を、外から測ります。

    ``resource`` (Windows に無い) や ``ru_maxrss`` (macOS ではバイト単位) に頼らないよう、psutil で
    子プロセスのメモリを一定間隔で読みます。結果は ``{"peak_mb": ...}`` に入ります。
    """
    result = {"peak_mb": 0.0}
    me = psutil.Process()
    stop = threading.Event()

    def sample() -> None:
        while not stop.is_set():
            for child in me.children(recursive=True):
                try:
                    if "ipykernel" in " ".join(child.cmdline()):
                        result["peak_mb"] = max(result["peak_mb"], child.memory_info().rss / 2**20)
                except psutil.Error:
                    pass  # 測っている途中で終わったプロセスは飛ばします
            time.sleep(interval_s)

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    try:
        yield result
    finally:
        stop.set()
        thread.join()


def execute(
    nb: NotebookNode,
    cwd: Path,
    parameters: dict[str, Any] | None = None,
    *,
    default_threads: bool = False,
) -> NotebookNode:
    """ノートブックを新しいカーネルで上から実行し、実行後のノートブックを返します。

    ``parameters`` は papermill の方法で `parameters` タグのセルの後に差し込みます。
    セルがエラーになると papermill の PapermillExecutionError (ename・evalue を持つ) が出ます。
    """
    import papermill

    from tools.kernel_manager import PromptKernelManager

    apply_kernel_env(default_threads=default_threads)
    if "kernelspec" not in nb.metadata:
        nb.metadata.kernelspec = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return papermill.execute_notebook(
        nb,
        None,
        parameters=parameters or {},
        kernel_name="python3",
        cwd=str(cwd),
        progress_bar=False,
        request_save_on_cell_execute=False,
        execution_timeout=TIMEOUT_S,
        kernel_manager_class=PromptKernelManager,  # 返事の取りこぼしで止まらないように (kernel_manager.py)
    )


def execute_in_place(path: Path) -> None:
    """ノートブックを新しいカーネルで上から実行し、出力をファイルに保存します (`make execute`)。"""
    nb = execute(nbformat.read(path, as_version=4), path.parent)
    problems = output_problems(nb)
    if problems:
        raise ToolError(f"{path.name} にエラーか stderr の出力があります: {problems}")
    for key in _RUN_METADATA:
        nb.metadata.pop(key, None)
        for cell in nb.cells:
            cell.metadata.pop(key, None)
    nbformat.write(nb, path)


def run_notebook(
    path: Path,
    parameters: dict[str, Any] | None = None,
    report: tuple[str, ...] = (),
    *,
    default_threads: bool = False,
) -> dict[str, Any]:
    """パラメータを変えてノートブックを実行し、``report`` に挙げた変数の値を辞書で返します。

    辞書には、カーネルのピークメモリ (``peak_mb``、外から測った値) も入ります。ノートブックの
    ファイル自体は書き換えません。
    """
    nb = nbformat.read(path, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(_REPORT_CELL.format(names=list(report), marker=_REPORT_MARKER)))
    with kernel_peak_memory() as memory:
        executed = execute(nb, path.parent, parameters, default_threads=default_threads)
    return {**_reported(executed.cells[-1], path), "peak_mb": memory["peak_mb"]}


def _reported(cell: NotebookNode, path: Path) -> dict[str, Any]:
    for output in cell.get("outputs", []):
        text = output.get("text", "")
        if _REPORT_MARKER in text:
            result: dict[str, Any] = json.loads(text.split(_REPORT_MARKER, 1)[1])
            return result
    raise ToolError(f"{path.name}: 結果を報告するセルの出力が見つかりません")


def run_seeds(
    path: Path,
    seeds: list[int],
    report: tuple[str, ...],
    parameters: dict[str, Any] | None = None,
) -> dict[int, dict[str, Any]]:
    """1 つのカーネルで、種ごとにノートブックを上から実行し、{種: report の値} を返します。

    学習者が SEED を変えて「上から全部を実行」するのと同じで、種ごとに変数をすべて消し
    (``%reset -f``)、parameters セルの後に SEED を差し込んで全セルを実行します。カーネルの起動と
    import は最初の 1 回だけなので、種ごとに新しいカーネルを起動するより速く済みます
    (同じ種なら新しいカーネルと同じ結果になることは tests/test_runner.py が確かめます)。
    """
    from nbclient import NotebookClient
    from papermill.execute import prepare_notebook_metadata
    from papermill.iorw import load_notebook_node
    from papermill.parameterize import parameterize_notebook

    from tools.kernel_manager import PromptKernelManager

    apply_kernel_env()
    source = prepare_notebook_metadata(load_notebook_node(str(path)), str(path), "", False)
    source.metadata.setdefault("kernelspec", {"name": "python3", "display_name": "Python 3", "language": "python"})
    reset = nbformat.v4.new_code_cell("%reset -f")
    probe = nbformat.v4.new_code_cell(_REPORT_CELL.format(names=list(report), marker=_REPORT_MARKER))
    client = NotebookClient(source, timeout=TIMEOUT_S, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}},
                            kernel_manager_class=PromptKernelManager)
    results = {}
    with client.setup_kernel(cwd=str(path.parent)):
        for seed in seeds:
            nb = parameterize_notebook(copy.deepcopy(source), {**(parameters or {}), "SEED": seed})
            nb.cells = [reset, *nb.cells, probe]
            client.nb = nb
            for index, cell in enumerate(nb.cells):
                if cell.cell_type == "code":
                    client.execute_cell(cell, index)
            results[seed] = _reported(probe, path)
    return results
