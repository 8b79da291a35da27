"""依存関係の定義ファイルどうし、README とプロジェクトの設定が食い違っていないかを確かめます。"""

import re
import tomllib

import nbformat
import yaml

from tools import NOTEBOOK_DIR, ROOT
from tools.sync import colab_url

CONDA_NAMES = {"torch": "pytorch"}  # PyPI と conda-forge で名前が違うもの
IMPORT_NAMES = {"matplotlib-fontja": "matplotlib_fontja"}  # パッケージ名と import する名前が違うもの
# ノートブックが import しなくても受講者に要るもの (JupyterLab とカーネル)
LEARNER_TOOLS = {"jupyterlab", "ipykernel"}


def requirements(name: str = "requirements.txt") -> dict[str, str]:
    pins = {}
    for line in (ROOT / name).read_text(encoding="utf-8").splitlines():
        line = line.split("#")[0].strip()
        if line and not line.startswith("-r "):
            package, version = line.split("==")
            pins[package.lower()] = version
    return pins


def imported_by_the_course() -> set[str]:
    """ノートブックと helpers が import する最上位のパッケージ名です。"""
    sources = [c.source for p in NOTEBOOK_DIR.glob("*.ipynb") for c in nbformat.read(p, as_version=4).cells
               if c.cell_type == "code"]
    sources += [p.read_text(encoding="utf-8") for p in (ROOT / "helpers").glob("*.py")]
    pattern = re.compile(r"^\s*(?:from|import) ([A-Za-z_]\w*)", re.MULTILINE)
    return {name for source in sources for name in pattern.findall(source)}


def conda_environment() -> dict[str, str]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    pins = {}
    for dep in env["dependencies"]:
        if isinstance(dep, dict):
            for pip_dep in dep["pip"]:
                name, version = pip_dep.split("==")
                pins[name.lower()] = version
        elif "=" in dep:
            name, version = dep.split("=")
            pins[name.lower()] = version
    return pins


def pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_requirements_are_exact_pins():
    for name in ("requirements.txt", "requirements-dev.txt"):
        for line in (ROOT / name).read_text(encoding="utf-8").splitlines():
            line = line.split("#")[0].strip()
            assert not line or line == "-r requirements.txt" or re.fullmatch(
                r"[A-Za-z0-9_.-]+==[0-9][0-9A-Za-z.+]*", line), (name, line)


def test_the_developers_set_builds_on_the_learners_set_without_repeating_it():
    dev = (ROOT / "requirements-dev.txt").read_text(encoding="utf-8")
    assert "\n-r requirements.txt\n" in dev
    assert not set(requirements("requirements-dev.txt")) & set(requirements())


def test_learners_install_what_the_notebooks_use_and_nothing_else():
    used = imported_by_the_course()
    learner = requirements()
    for package in set(learner) - LEARNER_TOOLS:
        assert IMPORT_NAMES.get(package, package) in used, f"requirements.txt の {package} はどこでも使われていません"
    for package in requirements("requirements-dev.txt"):
        assert IMPORT_NAMES.get(package, package) not in used, f"ノートブックが開発用の {package} を使っています"


def test_environment_yml_has_the_same_versions_as_requirements():
    conda = conda_environment()
    for name, version in requirements().items():
        conda_name = CONDA_NAMES.get(name, name)
        assert conda.get(conda_name) == version, f"{name}: {version} と {conda.get(conda_name)}"
    extra = set(conda) - {CONDA_NAMES.get(n, n) for n in requirements()} - {"python"}
    assert not extra, f"environment.yml にだけある依存: {extra}"


def test_tested_versions_satisfy_the_supported_ranges():
    from packaging.requirements import Requirement

    pins = requirements()
    for spec in pyproject()["project"]["dependencies"]:
        req = Requirement(spec)
        assert req.name.lower() in pins, f"{req.name} が requirements.txt にありません"
        assert req.specifier.contains(pins[req.name.lower()]), f"{req.name} {pins[req.name.lower()]}"


def test_readme_shows_the_two_commands_first():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first_block = readme[: readme.index("make test") + 20]
    assert "make lab" in first_block and len(first_block) < 2500
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_readme_lists_every_notebook_with_both_colab_badges():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for path in sorted(NOTEBOOK_DIR.glob("*.ipynb")):
        assert colab_url("notebooks", path.name) in readme and colab_url("student", path.name) in readme, path.name


def test_doctor_minimums_match_pyproject():
    from packaging.requirements import Requirement

    from helpers import doctor

    project = pyproject()["project"]
    assert project["requires-python"] == ">=" + ".".join(map(str, doctor.MIN_PYTHON))
    bounds = {Requirement(d).name: str(Requirement(d).specifier) for d in project["dependencies"]}
    assert bounds["ipywidgets"] == ">=" + ".".join(map(str, doctor.MIN_IPYWIDGETS))
