import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import doctor
from tools import ROOT


def test_every_check_passes_here():
    results = doctor.run_checks()
    assert [r.name for r in results] == [name for name, _ in doctor.CHECKS]
    assert all(r.ok for r in results), doctor.format_report(results)
    assert doctor.verdict(results).startswith("判定: OK")


def test_figures_still_appear_in_a_notebook_after_the_checks():
    # 以前は check_font が描画方式を Agg に切り替えてしまい、その後の図が表示されませんでした。
    import nbformat

    from tools.runner import execute

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("from helpers import doctor\nresults = doctor.run_checks()"),
                nbformat.v4.new_code_cell("import matplotlib.pyplot as plt\nplt.plot([1, 2])\nplt.show()")]
    nb = execute(nb, ROOT)
    assert any("image/png" in o.get("data", {}) for o in nb.cells[1].outputs)


def test_a_failing_check_gives_advice_and_ng_verdict(monkeypatch):
    monkeypatch.setenv("COURSE_DEVICE", "tpu")
    results = {r.name: r for r in doctor.run_checks()}
    device = results["計算デバイス"]
    assert not device.ok and "'cpu'、'cuda'" in device.advice
    report = doctor.format_report(list(results.values()))
    assert report.splitlines()[-1] == "判定: NG — 次の項目を直してください: 計算デバイス"


def test_missing_package_is_reported_in_japanese(monkeypatch):
    monkeypatch.setitem(sys.modules, "ipywidgets", None)
    results = {r.name: r for r in doctor.run_checks()}
    assert not results["ウィジェット"].ok
    assert "パッケージ ipywidgets が入っていません" in results["ウィジェット"].advice


# `python -m helpers doctor` を、パッケージ 1 つが入っていない状態で起動します。
# sys.modules に None を入れた名前は、import すると ModuleNotFoundError になります。
MISSING_PACKAGE_LAUNCHER = """\
import runpy, sys
sys.modules[{package!r}] = None
sys.argv = ["python -m helpers", "doctor"]
runpy.run_module("helpers", run_name="__main__", alter_sys=True)
"""


@pytest.mark.parametrize(("package", "first_failing_check"), [
    ("torch", "PyTorch"),
    ("numpy", "日本語フォント"),
    ("matplotlib", "日本語フォント"),
])
def test_command_line_reports_a_missing_core_package_in_japanese(package, first_failing_check):
    env = {k: v for k, v in os.environ.items() if k != "COURSE_DEVICE"}
    result = subprocess.run(
        [sys.executable, "-c", MISSING_PACKAGE_LAUNCHER.format(package=package)], cwd=ROOT,
        capture_output=True, text=True, env=env, timeout=120,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    lines = result.stdout.strip().splitlines()
    assert f"[NG] {first_failing_check}: {package} をインポートできません" in lines, result.stdout
    assert (f"     → パッケージ {package} が入っていません。"
            "`make lab` か `pip install -r requirements.txt` で入れてください。") in lines
    verdict = next(line for line in lines if line.startswith("判定: "))
    assert verdict.startswith("判定: NG — 次の項目を直してください: ")
    assert first_failing_check in verdict and first_failing_check in lines[-1]
    # 関係の無い項目まで NG にしません (データの確かめは torch・numpy・matplotlib なしで動きます)。
    assert any(line.startswith("[OK] データ (SHA-256)") for line in lines), result.stdout


def test_in_colab(monkeypatch):
    assert not doctor.in_colab()
    monkeypatch.setitem(sys.modules, "google.colab", object())
    assert doctor.in_colab()


@pytest.mark.parametrize(("env", "code", "verdict"), [
    ({}, 0, "判定: OK"),
    ({"COURSE_DEVICE": "cuda:7"}, 1, "判定: NG"),
])
def test_command_line_exit_status(env, code, verdict):
    result = subprocess.run(
        [sys.executable, "-m", "helpers", "doctor"], cwd=ROOT, capture_output=True, text=True,
        env={**os.environ, **env}, timeout=120,
    )
    assert result.returncode == code, result.stdout + result.stderr
    lines = result.stdout.strip().splitlines()
    assert next(line for line in lines if line.startswith("判定: ")).startswith(verdict)
    assert lines[-1].startswith("環境報告: ") and lines[-1].endswith("判定 OK") == (code == 0)


@pytest.mark.parametrize(("version", "ok"), [("7.6.5", False), ("7.7.1", True), ("8.1.9", True)])
def test_widget_version_floor(monkeypatch, version, ok):
    import ipywidgets

    monkeypatch.setattr(ipywidgets, "__version__", version)
    result = {r.name: r for r in doctor.run_checks()}["ウィジェット"]
    assert result.ok is ok
    assert ok or "ipywidgets>=7.7" in result.advice


def test_the_last_line_is_one_short_line_to_paste_into_the_workshop_chat(monkeypatch):
    monkeypatch.setenv("COURSE_DEVICE", "tpu")
    result = subprocess.run([sys.executable, "-m", "helpers", "doctor"], capture_output=True, text=True, cwd=ROOT)
    line = result.stdout.strip().splitlines()[-1]
    assert result.returncode == 1
    assert line.startswith("環境報告: ") and len(line) <= 220, line
    for part in ("ローカル", "Python", "torch", "計算デバイス NG", "フォント OK", "教材 ", "場所 OK",
                 "判定 NG (計算デバイス)"):
        assert part in line, line
    assert str(ROOT) not in line and os.path.expanduser("~") not in line
    ok = doctor.chat_line([doctor.CheckResult(name, True, "x — 補足") for name, _ in doctor.CHECKS])
    assert ok.endswith("判定 OK") and "補足" not in ok


def test_runs_before_anything_is_installed():
    """パッケージを何も入れていない Python (.venv の元の Python) でも、日本語の NG の一覧と報告の行で終わること。"""
    base = getattr(sys, "_base_executable", sys.executable)
    result = subprocess.run([base, "-m", "helpers", "doctor"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert "Traceback" not in result.stderr, result.stderr
    assert result.stdout.strip().splitlines()[-1].startswith("環境報告: ")


@pytest.mark.parametrize(("system", "release", "version", "expected"), [
    ("Windows", "10", "10.0.22631", "Windows 11"),
    ("Windows", "10", "10.0.19045", "Windows 10"),
])
def test_windows_is_named_as_people_know_it(monkeypatch, system, release, version, expected):
    monkeypatch.setattr(doctor.platform, "system", lambda: system)
    monkeypatch.setattr(doctor.platform, "release", lambda: release)
    monkeypatch.setattr(doctor.platform, "version", lambda: version)
    assert doctor.os_version() == expected


def test_macos_version(monkeypatch):
    monkeypatch.setattr(doctor.platform, "system", lambda: "Darwin")
    monkeypatch.setattr(doctor.platform, "mac_ver", lambda: ("14.5", ("", "", ""), "arm64"))
    assert doctor.os_version() == "macOS 14.5"


def test_course_version_without_git_says_zip(tmp_path):
    assert doctor.course_version(tmp_path) == "不明 (ZIP?)"
    assert doctor.course_version(ROOT) not in ("", "不明")


@pytest.mark.parametrize(("folder", "risks"), [
    ("/home/a/pytorch-nyumon", []),
    ("C:/Users/a/My Documents/pytorch-nyumon", ["空白"]),
    ("C:/Users/a/OneDrive/ドキュメント/pytorch-nyumon", ["日本語など", "OneDrive"]),
])
def test_path_risks_name_the_kind_not_the_place(folder, risks):
    assert doctor.path_risks(Path(folder)) == risks


def test_a_risky_folder_on_windows_fails_with_advice(monkeypatch):
    monkeypatch.setattr(doctor, "path_risks", lambda: ["OneDrive"])
    monkeypatch.setattr(doctor.platform, "system", lambda: "Windows")
    with pytest.raises(doctor.CheckFailed) as info:
        doctor.check_folder()
    assert "OneDrive の外" in info.value.advice
    monkeypatch.setattr(doctor.platform, "system", lambda: "Linux")
    assert doctor.check_folder() == "場所に注意 (OneDrive)"


def test_tally_counts_the_pasted_lines_and_names_who_needs_help():
    from helpers import tally

    pasted = [
        "10:01 A 環境報告: ローカル / Windows 11 AMD64 / Python 3.11.9 / torch 2.13.0+cpu (CPU 版) / cpu (スレッド数 8)"
        " / フォント OK / 教材 ws-1 / 場所 注意 (OneDrive) / 判定 NG (フォルダ)",
        "10:02 B 環境報告: Colab / Ubuntu 22.04.4 LTS x86_64 / Python 3.12.11 / torch 2.8.0+cu126 (CUDA 12.6 版)"
        " / cpu (スレッド数 2) / フォント OK / 教材 ws-1 / 場所 OK / 判定 OK",
        "10:03 C 環境報告: ローカル / macOS 14.5 arm64 / Python 3.12.4 / torch 2.13.0 (CPU 版) / cpu (スレッド数 8)"
        " / フォント OK / 教材 ab12cd3 / 場所 OK / 判定 OK",
        "おはようございます",
    ]
    summary = tally.tally(pasted)
    assert summary.splitlines()[0] == "報告 3 件: 判定 OK 2 件、NG 1 件"
    assert "場所: ローカル (2)、Colab (1)" in summary
    assert "1 件目 (Windows 11 AMD64, Python 3.11.9): 判定 NG (フォルダ) / フォルダの場所 注意 (OneDrive)" in summary
    assert "3 件目 (macOS 14.5 arm64, Python 3.12.4): 教材の版が多数派 (ws-1) と違う: ab12cd3" in summary
    assert "含む行がありません" in tally.tally(["こんにちは"])


def test_tally_reads_what_doctor_writes():
    from helpers import tally

    line = doctor.chat_line(doctor.run_checks())
    report = tally.parse(line)
    assert set(report) >= {"場所", "OS", "Python", "torch", "デバイス", "フォント", "教材", "フォルダ", "判定"}
