"""学習者と同じように、JupyterLab を実ブラウザ (Debian の Chromium) で開いて全セルを実行するテストです。

JupyterLab は、このテストを動かしている Python (`make lab` と同じ .venv でも、conda の環境でも) から
`make lab` と同じ設定 (リポジトリの最上位をルートに) で起動します (127.0.0.1、トークン付き、空いている
ポート、一時的な設定・実行時ディレクトリ)。本編の各ノートブックで Run All を実行し、エラーや stderr の出力が
無いこと、図が画像として表示されること、ウィジェットが表示されて動くこと、ブラウザのコンソールにエラーが無いことを
確かめます。スクリーンショットは build/screenshots/ (git の管理外) に保存します。

Chromium が無い環境ではスキップします。ただし CI (環境変数 CI=true) では失敗にします。
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest

from tools import ROOT
from tools.runner import is_appendix, notebook_paths

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
SCREENSHOT_DIR = ROOT / "build" / "screenshots"
RUN_TIMEOUT_MS = 180_000
# テスト用の JupyterLab の設定です。保存を止めて、実行してもリポジトリのノートブックが書き換わらない
# ようにし、すべてのセルを DOM に描いて (仮想スクロールを止めて) 出力を数えられるようにします。
USER_SETTINGS = {
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
}

if not CHROMIUM.exists():
    message = (
        "Chromium が無いため、ブラウザのテストを実行できません。Debian/Ubuntu では "
        "`sudo apt-get install chromium fonts-ipaexfont-gothic` で入れられます。"
    )
    if os.environ.get("CI") == "true":
        pytest.fail(message, pytrace=False)
    pytest.skip(message, allow_module_level=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fingerprint(paths: list[Path]) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in paths}


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """JupyterLab を起動し、(URL, トークン) を返します。最後に必ず止めます。"""
    tmp = tmp_path_factory.mktemp("jupyter")
    for name, value in USER_SETTINGS.items():
        path = tmp / "config" / "lab" / "user-settings" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(value), encoding="utf-8")
    port, token = free_port(), secrets.token_hex(16)
    command = [sys.executable, "-m", "jupyter", "lab", f"--ServerApp.root_dir={ROOT}", "--no-browser",
               "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
               f"--IdentityProvider.token={token}", "--ServerApp.allow_root=True"]
    env = {**os.environ, "JUPYTER_CONFIG_DIR": str(tmp / "config"),
           "JUPYTER_RUNTIME_DIR": str(tmp / "runtime"), "IPYTHONDIR": str(tmp / "ipython")}
    log = (tmp / "server.log").open("w")
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                              start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    before = fingerprint(notebook_paths())
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2)
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("JupyterLab が起動しません:\n" + (tmp / "server.log").read_text()) from None
                time.sleep(0.5)
        yield base, token
    finally:
        try:  # サーバーにカーネルごと終了してもらい、残っていればプロセスグループごと止めます
            request = urllib.request.Request(f"{base}/api/shutdown?token={token}", method="POST")
            urllib.request.urlopen(request, timeout=10)
            server.wait(timeout=30)
        except (OSError, subprocess.TimeoutExpired):
            pass
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
        log.close()
    assert fingerprint(notebook_paths()) == before, "ブラウザのテストがノートブックのファイルを書き換えました"


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        yield b
        b.close()


def committed_counts(path: Path) -> tuple[int, int, int]:
    """保存されている出力から (コードセルの数, 画像の数, ウィジェットの数) を数えます。"""
    nb = nbformat.read(path, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    outputs = [o for c in code for o in c.outputs if "data" in o]
    images = sum("image/png" in o.data for o in outputs)
    widgets = sum("application/vnd.jupyter.widget-view+json" in o.data for o in outputs)
    return len(code), images, widgets


ALL_CELLS_RAN = """(n) => {
    const prompts = [...document.querySelectorAll('.jp-Notebook .jp-CodeCell .jp-InputPrompt')];
    return prompts.length === n && prompts.every(p => /^\\[\\d+\\]:$/.test(p.textContent.trim()));
}"""


def show_all_cell_code(page, n_code, tries=3):
    """解答例のセルは入力が折りたたまれているので、実行番号を確かめられるよう開きます。

    起動した直後の JupyterLab では、ノートブックがまだ「今のノートブック」になっておらず、メニューの
    コマンドが何もしないことがあります (make test の最初のブラウザのテストで見ました)。そこで、ノートブックの
    タブをクリックして選んでからメニューを使い、開けなければやり直します。
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

    for attempt in range(tries):
        page.locator(".lm-DockPanel-tabBar .lm-TabBar-tab.lm-mod-current").click()  # ノートブックのタブを選ぶ
        page.locator(".lm-MenuBar-item", has_text="View").click()
        page.click(".lm-Menu-item[data-command='notebook:show-all-cell-code']")
        try:
            page.wait_for_function(ALL_CELLS_RAN, arg=n_code, timeout=20_000)
            return
        except PlaywrightTimeoutError:
            if attempt == tries - 1:
                raise


def learners_path() -> list[Path]:
    """本編のノートブック。付録 (計 50 秒ほど) は nbval と受講者用のテストが上から実行するので、ここでは除きます。"""
    return [path for path in notebook_paths() if not is_appendix(nbformat.read(path, as_version=4))]


@pytest.mark.parametrize("path", learners_path(), ids=lambda p: p.name)
def test_run_all_in_jupyterlab(lab, browser, path):
    base, token = lab
    n_code, n_images, n_widgets = committed_counts(path)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    console_errors = []

    def on_console(message):
        # このマシンはインターネットにつながらないため、外部の画像 (Colab のバッジ) の読み込み失敗だけは除きます。
        url = message.location.get("url", "")
        if message.type == "error" and (not url or url.startswith(base)):
            console_errors.append(f"{message.text} ({url})")

    page.on("console", on_console)
    page.on("pageerror", lambda e: console_errors.append(str(e)))
    try:
        page.goto(f"{base}/lab/tree/notebooks/{path.name}?reset&token={token}")
        page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=60_000)
        show_all_cell_code(page, n_code)  # 保存済みの出力 (実行番号) がすべて読めた

        page.locator(".lm-MenuBar-item", has_text="Edit").click()
        page.click(".lm-Menu-item[data-command='editmenu:clear-all']")
        page.wait_for_function("() => !document.querySelector('.jp-Notebook .jp-OutputArea-output')")
        page.locator(".lm-MenuBar-item", has_text="Run").click()
        page.click(".lm-Menu-item[data-command='runmenu:run-all']")
        page.wait_for_function(ALL_CELLS_RAN, arg=n_code, timeout=RUN_TIMEOUT_MS)
        page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=RUN_TIMEOUT_MS)

        notebook = page.locator(".jp-Notebook")
        stderr = notebook.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")
        assert stderr.count() == 0, stderr.first.inner_text()
        assert notebook.locator(".jp-RenderedImage img").count() >= n_images
        assert "Error displaying widget" not in notebook.inner_text()
        assert notebook.locator(".jp-OutputArea-output > .jupyter-widgets").count() >= n_widgets

        SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
        notebook.locator(".jp-Cell").first.scroll_into_view_if_needed()
        page.screenshot(path=SCREENSHOT_DIR / f"{path.stem}_top.png")
        interactive = notebook.locator(".widget-interact")
        if interactive.count():
            check_a_widget_reacts(page, interactive.first, path.stem)
        assert not console_errors, console_errors
    finally:
        page.close()


def check_a_widget_reacts(page, widget, stem: str) -> None:
    """最初のウィジェットのスライダーをドラッグし、その出力 (図か文字) が描き変わることを確かめます。"""
    widget.scroll_into_view_if_needed()
    output = widget.locator(".widget-output")
    before = output.first.inner_html() if output.count() else ""
    handle = widget.locator(".noUi-handle").first
    at_max = handle.get_attribute("aria-valuenow") == handle.get_attribute("aria-valuemax")
    box = handle.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)  # 学習者と同じように、つまみをマウスでドラッグします
    page.mouse.down()
    page.mouse.move(x - 40 if at_max else x + 40, y, steps=5)
    page.mouse.up()
    button = widget.locator("button")
    if button.count():  # interact_manual は、ボタンを押したときだけ実行します
        button.first.click()
    page.wait_for_function(
        "([el, old]) => { const out = el.querySelector('.widget-output');"
        " return out !== null && out.innerHTML !== old && (out.querySelector('img') !== null"
        " || out.innerText.trim() !== ''); }",
        arg=[widget.element_handle(), before], timeout=60_000)
    page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=RUN_TIMEOUT_MS)
    after = output.first.inner_html()
    assert after != before and ("<img" in after or output.first.inner_text().strip()), after[:300]
    widget.screenshot(path=SCREENSHOT_DIR / f"{stem}_widget.png")
