"""ネットの無い会場: `make wheelhouse` で集めたパッケージだけから新しい環境を作り、ノートブック 00 が動くこと。

パッケージ一式を集めて入れ直すので数分かかります。印 ``offline`` を付けてあり、`make test` (と `pytest`) には
含めず、`make test-offline` (CI も実行します) で確かめます。入れるのは受講者の一式 (requirements.txt) だけなので、
ノートブックは JupyterLab に付いてくる nbconvert で実行します。
"""

import os
import shutil
import subprocess
import sys

import pytest

from tools import NOTEBOOK_DIR, ROOT

# pip がネットを使おうとすれば、どれも失敗するようにします (127.0.0.1 の 9 番ポートは何も応えません)。
NO_NETWORK = {"PIP_INDEX_URL": "http://127.0.0.1:9/simple", "HTTP_PROXY": "http://127.0.0.1:9",
              "HTTPS_PROXY": "http://127.0.0.1:9", "PIP_NO_INDEX": "1"}


pytestmark = pytest.mark.offline


def run(args, **kwargs):
    result = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=1200, **kwargs)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return result


def test_install_from_the_wheelhouse_alone_and_run_notebook_00(tmp_path):
    wheelhouse, venv = tmp_path / "wheelhouse", tmp_path / "venv"
    try:
        run(["make", "wheelhouse", f"WHEELHOUSE={wheelhouse}"])
        env = {**os.environ, **NO_NETWORK}
        run(["make", "install", "OFFLINE=1", f"WHEELHOUSE={wheelhouse}", f"VENV={venv}",
             f"PYTHON={sys.executable}"], env=env)
        run([venv / "bin" / "jupyter", "nbconvert", "--to", "notebook", "--execute", "--output-dir", tmp_path,
             NOTEBOOK_DIR / "00_environment_check.ipynb"], env=env)
        run([venv / "bin" / "python", "-m", "helpers", "doctor"], env=env)
    finally:
        shutil.rmtree(tmp_path, ignore_errors=True)  # 1 GB 以上あるので、すぐに消します
