"""ノートブックを新しいカーネルで実行するための共通の道具です。

テスト、`make execute`、`make bench` のすべてがここを通してノートブックを実行するので、
どの実行も同じ環境変数・同じ作業ディレクトリになります。
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK_DIR = ROOT / "notebooks"
TIMEOUT_S = 600

# カーネルに渡す環境変数です。
# - PYTHONWARNINGS: 図の文字が日本語フォントに無いときの matplotlib の警告
#   ("Glyph ... missing from font(s)") を、カーネルの中でエラーにします。
KERNEL_ENV = {"PYTHONWARNINGS": "error:Glyph:UserWarning"}
# テストは 2 つのカーネルを 2 コアで同時に動かします。PyTorch の計算スレッドがコアを奪い合うと
# 5〜10 倍遅くなるため、利用者が OMP_NUM_THREADS を決めていなければ 1 カーネル 1 スレッドにします。
# 保存する出力 (make execute) も同じ既定で作ります。make bench だけは、学習者の環境と同じく
# PyTorch の既定のスレッド数で計ります。
DEFAULT_KERNEL_THREADS = "1"

_REPORT_MARKER = "__COURSE_REPORT__"
_REPORT_CELL = """\
import json as _json
import resource as _resource
_values = {{name: globals()[name] for name in {names!r}}}
_values["peak_rss_kb"] = _resource.getrusage(_resource.RUSAGE_SELF).ru_maxrss
print({marker!r} + _json.dumps(_values, default=float))
"""


def apply_kernel_env(*, default_threads: bool = False) -> None:
    """これから起動するカーネルが KERNEL_ENV と計算スレッド数を受け継ぐようにします。

    利用者が決めた OMP_NUM_THREADS は上書きしません。``default_threads=True`` なら、
    スレッド数を決めずに PyTorch の既定 (コア数) に任せます。
    """
    os.environ.update(KERNEL_ENV)
    if not default_threads:
        os.environ.setdefault("OMP_NUM_THREADS", DEFAULT_KERNEL_THREADS)


def notebook_paths() -> list[Path]:
    """notebooks/ のノートブックを番号順に返します。"""
    return sorted(NOTEBOOK_DIR.glob("*.ipynb"))


def execute_in_place(path: Path) -> None:
    """ノートブックを新しいカーネルで上から実行し、出力をファイルに保存します。"""
    apply_kernel_env()
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        timeout=TIMEOUT_S,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
        record_timing=False,
    )
    client.execute()
    problems = [
        f"セル {cell.execution_count}: {out.get('ename') or out.get('name')}"
        for cell in nb.cells
        for out in cell.get("outputs", [])
        if out.output_type == "error" or out.get("name") == "stderr"
    ]
    if problems:
        raise RuntimeError(f"{path.name} にエラーか stderr の出力があります: {problems}")
    nbformat.write(nb, path)


def run_notebook(
    path: Path,
    parameters: dict[str, Any] | None = None,
    report: tuple[str, ...] = (),
    *,
    default_threads: bool = False,
) -> dict[str, Any]:
    """papermill でノートブックを実行し、``report`` に挙げた変数の値を辞書で返します。

    辞書には、カーネルのピークメモリ (``peak_rss_kb``) も入ります。ノートブック自体は
    書き換えません。セルがエラーになると papermill の PapermillExecutionError が出ます。
    """
    import papermill

    apply_kernel_env(default_threads=default_threads)
    nb = nbformat.read(path, as_version=4)
    nb.cells.append(
        nbformat.v4.new_code_cell(_REPORT_CELL.format(names=list(report), marker=_REPORT_MARKER))
    )
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / path.name
        nbformat.write(nb, source)
        executed = papermill.execute_notebook(
            str(source),
            str(Path(tmp) / f"out_{path.name}"),
            parameters=parameters or {},
            kernel_name="python3",
            cwd=str(path.parent),
            progress_bar=False,
            request_save_on_cell_execute=False,
            execution_timeout=TIMEOUT_S,
        )
    for output in executed.cells[-1].get("outputs", []):
        text = output.get("text", "")
        if _REPORT_MARKER in text:
            return json.loads(text.split(_REPORT_MARKER, 1)[1])
    raise AssertionError(f"{path.name}: 結果を報告するセルの出力が見つかりません")
