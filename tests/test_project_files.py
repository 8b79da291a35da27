"""依存関係の定義ファイルどうし、README とプロジェクトの設定が食い違っていないかを確かめます。"""

import re
import tomllib

import yaml

from notebook_runner import ROOT

CONDA_NAMES = {"torch": "pytorch"}  # PyPI と conda-forge で名前が違うもの


def requirements() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#")[0].strip()
        if line:
            name, version = line.split("==")
            pins[name.lower()] = version
    return pins


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
    for line in (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#")[0].strip()
        assert not line or re.fullmatch(r"[A-Za-z0-9_.-]+==[0-9][0-9A-Za-z.+]*", line), line


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


def test_the_distribution_has_a_specific_name():
    assert pyproject()["project"]["name"] != "helpers"


def test_readme_shows_the_two_commands_first():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first_block = readme[: readme.index("make test") + 20]
    assert "make lab" in first_block and len(first_block) < 2500
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_readme_lists_every_notebook_with_a_colab_badge():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    url = pyproject()["project"]["urls"]["Repository"]
    colab = url.replace("https://github.com/", "https://colab.research.google.com/github/")
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        assert f"{colab}/blob/main/notebooks/{path.name}" in readme, path.name


def test_doctor_minimums_match_pyproject():
    from packaging.requirements import Requirement

    from helpers import doctor

    project = pyproject()["project"]
    assert project["requires-python"] == ">=" + ".".join(map(str, doctor.MIN_PYTHON))
    bounds = {Requirement(d).name: str(Requirement(d).specifier) for d in project["dependencies"]}
    assert bounds["ipywidgets"] == ">=" + ".".join(map(str, doctor.MIN_IPYWIDGETS))
