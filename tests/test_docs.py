"""学習者と講師が読むページ (docs/) が、コースの実際とずれていないことを確かめます。"""

import re

import nbformat
import pytest

from tools import DOCS_DIR, ROOT
from tools.runner import notebook_paths

SETUP = (DOCS_DIR / "setup.md").read_text(encoding="utf-8")
TROUBLE = (DOCS_DIR / "trouble.md").read_text(encoding="utf-8")
MAKEFILE = (ROOT / "Makefile").read_text(encoding="utf-8")


@pytest.mark.parametrize(("source", "quoted"), [
    ("x = （1 + 2）", "invalid character '（' (U+FF08)"),
    ("x = 1\u3000+ 2", "invalid non-printable character U+3000"),
])
def test_trouble_page_quotes_the_real_syntax_errors_of_full_width_input(source, quoted):
    with pytest.raises(SyntaxError) as info:
        compile(source, "<cell>", "exec")
    assert info.value.msg == quoted
    assert quoted in TROUBLE


def test_trouble_page_quotes_the_courses_own_messages():
    nb00 = nbformat.read(ROOT / "notebooks" / "00_environment_check.ipynb", as_version=4)
    imports = next(c.source for c in nb00.cells if c.cell_type == "code" and "ModuleNotFoundError" in c.source)
    assert "が見つかりません" in imports and "パッケージ torch が見つかりません" in TROUBLE
    for name in ("DataFileError", "DeviceNotAvailableError", "ParameterError", "NameError"):
        assert f"`{name}" in TROUBLE, name


def test_every_make_target_the_setup_page_names_exists():
    targets = set(re.findall(r"^([a-z-]+):", MAKEFILE, re.MULTILINE))
    named = set(re.findall(r"`make ([a-z-]+)", SETUP))
    assert named and named <= targets, named - targets


def test_the_windows_steps_do_what_make_does():
    lab = re.search(r"^lab: .*\n\t(.+)$", MAKEFILE, re.MULTILINE).group(1)
    flags = re.findall(r"--[\w.]+=\S+", lab.replace("$(EDITION)", "student"))
    windows = SETUP[SETUP.index("## B. Windows"):SETUP.index("## C. ")]
    assert "-m pip install -r requirements.txt" in windows and "-m pip install --no-deps -e ." in windows
    assert all(flag in windows for flag in flags), flags
    assert "$(PIP_INSTALL) -r requirements.txt" in MAKEFILE and "$(PIP_INSTALL) --no-deps -e ." in MAKEFILE


def test_python_minimum_is_the_same_everywhere():
    from helpers.doctor import MIN_PYTHON
    from tools import check_python

    assert check_python.MINIMUM == MIN_PYTHON
    assert f"Python {MIN_PYTHON[0]}.{MIN_PYTHON[1]} 以上" in SETUP


def test_old_python_stops_with_what_to_install_in_japanese(monkeypatch, capsys):
    from tools import check_python

    monkeypatch.setattr(check_python.sys, "version_info", (3, 10, 12))
    for system, advice in [("Linux", "python3.11-venv"), ("Windows", "py -3.11"), ("Darwin", "brew install")]:
        monkeypatch.setattr(check_python.platform, "system", lambda s=system: s)
        assert check_python.main() == 1
        assert advice in capsys.readouterr().err


def test_every_notebook_has_a_section_in_the_instructor_guide():
    guide = (DOCS_DIR / "instructor.md").read_text(encoding="utf-8")
    for path in notebook_paths():
        number = path.name.split("_", 1)[0]
        assert re.search(rf"^### {number} ", guide, re.MULTILINE), f"講師用ガイドに「### {number} …」がありません"


def test_readme_sends_newcomers_to_the_setup_page_first():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first_link = re.search(r"\]\(([^)]+)\)", readme).group(1)
    assert first_link == "docs/setup.md"
