"""ネットの無い会場: `make wheelhouse` で集めたパッケージだけから新しい環境を作り、ノートブック 00 が動くこと。

パッケージ一式を集めて入れ直すので数分かかります。`make test` には含めず、`make test-offline` (CI も実行します)
で確かめます。
"""

import os
import shutil
import subprocess
import sys

from notebook_runner import NOTEBOOK_DIR, ROOT

# pip がネットを使おうとすれば、どれも失敗するようにします (127.0.0.1 の 9 番ポートは何も応えません)。
NO_NETWORK = {"PIP_INDEX_URL": "http://127.0.0.1:9/simple", "HTTP_PROXY": "http://127.0.0.1:9",
              "HTTPS_PROXY": "http://127.0.0.1:9", "PIP_NO_INDEX": "1"}


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
        run([venv / "bin" / "papermill", NOTEBOOK_DIR / "00_environment_check.ipynb", tmp_path / "out.ipynb",
             "--cwd", NOTEBOOK_DIR, "--kernel", "python3", "--no-progress-bar"], env=env)
    finally:
        shutil.rmtree(tmp_path, ignore_errors=True)  # 1 GB 以上あるので、すぐに消します
