"""helpers パッケージの入口 (`import helpers` と `helpers.名前`) のテストです。"""

import re
import subprocess
import sys

import pytest

import helpers
from tools import NOTEBOOK_DIR, ROOT


def test_importing_helpers_loads_no_heavy_package():
    # torch などが入っていない環境でも `python -m helpers doctor` が起動できるための前提です。
    code = "import sys, helpers; print(sorted({'torch', 'numpy', 'matplotlib'} & set(sys.modules)))"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


@pytest.mark.parametrize("name", helpers.__all__)
def test_every_public_name_resolves(name):
    value = getattr(helpers, name)
    assert value.__module__.startswith("helpers."), value
    assert name in dir(helpers)


def test_star_import_gives_every_public_name():
    namespace: dict = {}
    exec("from helpers import *", namespace)
    assert set(helpers.__all__) <= set(namespace)


def test_unknown_name_is_an_attribute_error():
    with pytest.raises(AttributeError, match="no_such_name"):
        helpers.no_such_name  # noqa: B018


def test_every_name_the_notebooks_use_exists_right_after_import_helpers():
    # ノートブックと同じく `import helpers` だけをした新しいプロセスで、`helpers.名前` と
    # `helpers.モジュール.名前` がすべて見つかることを確かめます。
    used = set()
    for path in sorted(NOTEBOOK_DIR.glob("*.ipynb")):
        used |= set(re.findall(r"\bhelpers((?:\.[A-Za-z_]\w*)+)", path.read_text(encoding="utf-8")))
    assert used, "ノートブックに helpers.名前 の使用が見つかりません"
    code = (
        "import functools, sys, helpers\n"
        "missing = []\n"
        f"for dotted in {sorted(used)!r}:\n"
        "    try:\n"
        "        functools.reduce(getattr, dotted.strip('.').split('.'), helpers)\n"
        "    except AttributeError:\n"
        "        missing.append(dotted)\n"
        "print(missing)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]", f"ノートブックが使う名前が helpers にありません: {result.stdout}"


def test_submodules_are_reachable_as_attributes_and_by_import():
    from helpers import doctor

    assert doctor.__name__ == "helpers.doctor"
    assert helpers.seed.MAX_SEED == 2**32 - 1
