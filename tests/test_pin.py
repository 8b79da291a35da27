"""ワークショップの手順「make pin → コミット → タグ → push」を、リポジトリの一時的な複製でそのとおりに行い、
その後も決まりのテストが通ること (Colab の準備のセルが、push したタグを clone できること) を確かめます。

複製するのはコミット済みの版です (作業中の変更は含みません)。
"""

import os
import subprocess
import sys

from tools import ROOT

GIT_USER = ["-c", "user.name=講師", "-c", "user.email=teacher@example.com"]


def run(args, cwd, **kwargs):
    result = subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=900, **kwargs)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return result


def test_pin_commit_tag_push_then_the_checks_pass(tmp_path):
    origin, work = tmp_path / "origin.git", tmp_path / "work"
    run(["git", "clone", "--quiet", "--bare", str(ROOT), str(origin)], tmp_path)
    run(["git", "clone", "--quiet", str(origin), str(work)], tmp_path)
    env = {**os.environ, "PYTHONPATH": str(work)}
    run([sys.executable, "-m", "tools", "pin", "workshop-test"], work, env=env)
    run(["git", *GIT_USER, "commit", "--quiet", "-am", "教材の版を workshop-test に固定"], work)
    run(["git", *GIT_USER, "tag", "workshop-test"], work)
    run(["git", "push", "--quiet", "origin", "HEAD", "workshop-test"], work)

    assert 'REPO_REF = "workshop-test"' in (work / "tools" / "colab_setup_cell.py").read_text(encoding="utf-8")
    run([sys.executable, "-m", "tools", "check"], work, env=env)
    tests = ["tests/test_sync.py", "tests/test_notebook_hygiene.py", "tests/test_project_files.py",
             "tests/test_student.py::test_student_edition_is_current", "tests/test_colab_setup.py"]
    run([sys.executable, "-m", "pytest", "-q", "-p", "no:xdist", "-p", "no:cacheprovider", "-W", "error", *tests],
        work, env=env)
