"""テスト全体の設定です。

リポジトリの最上位に置くのは、tests/ のテストだけでなく notebooks/ を実行する nbval にも
同じ設定 (カーネルの環境変数など) を効かせるためです。図の警告をエラーにするのは pyproject.toml の
``filterwarnings`` です。
"""

from __future__ import annotations

import hashlib

import pytest

from tools import DATA_DIR
from tools.runner import apply_kernel_env

apply_kernel_env()  # nbval と papermill が起動するカーネルにも同じ環境変数を渡します


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """nbval が集めたノートブックのセルに印 ``nbval`` を付けます (`make test-perturbed` が選びます)。"""
    for item in items:
        if item.path.suffix == ".ipynb":
            item.add_marker(pytest.mark.nbval)


def _data_fingerprint() -> dict[str, str]:
    return {p.relative_to(DATA_DIR).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(DATA_DIR.rglob("*")) if p.is_file()}


@pytest.fixture(scope="session", autouse=True)
def data_is_never_written():
    """テストやノートブックが data/ を書き換えていないことを、最後に確かめます。"""
    before = _data_fingerprint()
    yield
    assert _data_fingerprint() == before, "data/ の中身がテスト中に変わりました"


@pytest.fixture(scope="session", autouse=True)
def figures_drawn_off_screen():
    """このテストのプロセスで描く図は、画面を使わない Agg で描きます。

    環境変数 MPLBACKEND ではなくここで切り替えるのは、カーネルへ受け継がせないためです
    (カーネルの図はノートブックの出力として表示される必要があります)。
    """
    import matplotlib

    matplotlib.use("Agg")
