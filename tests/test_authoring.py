"""docs/authoring.md の「ノートブックを足す手順」を、リポジトリの一時的な複製でそのとおりに行い、
足したノートブックでも決まりのテストが通ることを確かめます (複製するのはコミット済みの版です)。
"""

import os
import subprocess
import sys

from tools import ROOT

TITLE = "お試し — 手順どおりに足したノートブック"


def run(args, cwd, **kwargs):
    result = subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=900, **kwargs)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return result


def test_adding_notebook_99_by_the_documented_path(tmp_path):
    guide = (ROOT / "docs" / "authoring.md").read_text(encoding="utf-8")
    for step in ("make new NN=", "make build NOTEBOOKS=", "docs/instructor.md に `### 07"):
        assert step in guide, f"docs/authoring.md の手順に「{step}」がありません"

    work = tmp_path / "work"
    run(["git", "clone", "--quiet", str(ROOT), str(work)], tmp_path)
    env = {**os.environ, "PYTHONPATH": str(work)}
    tools = [sys.executable, "-m", "tools"]
    run([*tools, "new", "99", "trial", TITLE], work, env=env)  # 手順 1: 骨組み
    notebook = "notebooks/99_trial.ipynb"
    run([*tools, "build", "--repeats", "1", notebook], work, env=env)  # 手順 3: 実行・計測・同期・受講者用
    with (work / "docs" / "instructor.md").open("a", encoding="utf-8") as guide_file:  # 手順 4: 講師用ガイドの節
        guide_file.write("\n### 99 お試し\n\n手順を確かめるためのノートブックです。\n")

    run([*tools, "check"], work, env=env)
    readme = (work / "README.md").read_text(encoding="utf-8")
    assert "99_trial.ipynb" in readme and "手順どおりに足したノートブック" in readme
    tests = ["tests/test_notebook_hygiene.py", "tests/test_sync.py", "tests/test_student.py", "tests/test_docs.py",
             notebook]
    run([sys.executable, "-m", "pytest", "-q", "-p", "no:xdist", "-p", "no:cacheprovider", "-k",
         "99_trial or not ipynb", *tests], work, env=env)
