# PyTorch 入門コースのコマンド集です。どれも必要なら .venv を作ってから動きます。
#   make lab      JupyterLab でノートブックを開く
#   make test     すべてのテストを実行する (最後に、別の PC を模した環境でノートブックをもう一度)
#   make doctor   この PC でコースを動かせるかを確かめる
#   make execute  全ノートブックを新しいカーネルで実行し直し、出力を保存する (教材を直した人向け)
#   make bench    各ノートブックの実行時間とメモリを計る (3 回の中央値)
#   make sync     図・準備のセル・目安時間・パラメータの範囲・データの SHA-256 の写しを、元から書き直す
#   make student  解答を除いた受講者用のノートブックを student/ に作り直す
#   make pin REF=タグ  Colab のリンクと準備のセルが使う教材の版をタグに固定する (ワークショップ用)
#   make wheelhouse    ネットの無い会場のために、必要なパッケージ一式を build/wheelhouse/ に集める
#   make lab OFFLINE=1 build/wheelhouse/ だけから (ネットを使わずに) 入れて JupyterLab を開く

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# 依存関係の定義が変わったときだけ入れ直すよう、定義ファイルのハッシュを目印にします。
DEPS_HASH := $(shell $(PYTHON) -c "import hashlib; print(hashlib.sha256(open('requirements.txt','rb').read() + open('pyproject.toml','rb').read()).hexdigest()[:16])")
STAMP := $(VENV)/.installed-$(DEPS_HASH)
LAB_SETTINGS := $(VENV)/share/jupyter/lab/settings
# JupyterLab の起動設定です (ブラウザテストも `make lab` を通して同じ設定で起動します)。
LAB_FLAGS := --ServerApp.root_dir=notebooks
LAB_EXTRA ?=
# オフラインで入れるためのパッケージ置き場です。別の OS 用に集めるときは WHEEL_FLAGS を渡します
# (pip download の引数。例は README の「ネットの無い会場で入れる」を参照)。
WHEELHOUSE ?= build/wheelhouse
WHEEL_FLAGS ?=
OFFLINE ?=
PIP_INSTALL := $(BIN)/python -m pip install --quiet --disable-pip-version-check \
	$(if $(OFFLINE),--no-index --find-links $(WHEELHOUSE))
PYTEST_WORKERS ?= 2
PYTEST_ARGS ?=
# 「別の PC」を模した数値環境です。PyTorch が別のベクトル化の計算カーネルを使い (ATEN_CPU_CAPABILITY)、
# 計算スレッドが 2 つになる (足し算の順序が変わる) ので、保存した出力が他の PC でも再現するかを確かめられます。
PERTURBED_ENV := ATEN_CPU_CAPABILITY=default OMP_NUM_THREADS=2
OFFLINE_TEST := tests/test_offline_install.py
NOTEBOOK_TESTS = notebooks $(wildcard tests/test_nb[0-9]*.py)

.PHONY: help install lab test test-perturbed test-offline doctor execute bench sync student pin wheelhouse clean

help:
	@sed -n '1,12p' Makefile

$(STAMP):
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP_INSTALL) -r requirements.txt
	$(PIP_INSTALL) --no-deps -e .
	@# JupyterLab のお知らせ (ニュースの取得と更新確認) を止めます。オフラインの教室でも静かです。
	@mkdir -p $(LAB_SETTINGS)
	@echo '{"@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": false}}' > $(LAB_SETTINGS)/overrides.json
	@rm -f $(VENV)/.installed-*
	@touch $@

install: $(STAMP)

lab: $(STAMP)
	$(BIN)/jupyter lab $(LAB_FLAGS) $(LAB_EXTRA)

test: $(STAMP)
	$(BIN)/ruff check conftest.py helpers tests notebooks
	$(BIN)/mypy
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) --dist loadfile --ignore=$(OFFLINE_TEST) $(PYTEST_ARGS)
	$(MAKE) --no-print-directory test-perturbed

# ネットの無い会場の手順 (make wheelhouse → make lab OFFLINE=1) を、新しい環境で確かめます (数分)。
test-offline: $(STAMP)
	$(BIN)/python -m pytest -p no:xdist $(OFFLINE_TEST)

# ノートブックの実行と学習結果のテスト (tests/test_nbNN_*.py) だけを、別の PC を模した環境でもう一度行います。
# 2 つのカーネルがそれぞれ 2 スレッドを使うので、計算を待つスレッドがコアを回し続けないよう
# OMP_WAIT_POLICY=PASSIVE にします (待ち方だけの設定で、計算の順序と結果は変わりません)。
test-perturbed: $(STAMP)
	$(PERTURBED_ENV) OMP_WAIT_POLICY=PASSIVE $(BIN)/python -m pytest -n $(PYTEST_WORKERS) --dist loadfile \
		$(PYTEST_ARGS) $(NOTEBOOK_TESTS)

doctor: $(STAMP)
	$(BIN)/python -m helpers doctor

execute: $(STAMP)
	$(BIN)/python tests/execute.py $(NOTEBOOKS)

bench: $(STAMP)
	$(BIN)/python tests/bench.py $(BENCH_ARGS) $(NOTEBOOKS)

sync: $(STAMP)
	$(BIN)/python tests/figures.py
	$(BIN)/python tests/sync.py

student: $(STAMP)
	$(BIN)/python tests/student.py

pin: $(STAMP)
	@test -n "$(REF)" || { echo "使い方: make pin REF=タグ名 (例: make pin REF=workshop-2026-12)"; exit 2; }
	$(BIN)/python tests/sync.py --pin "$(REF)"
	$(BIN)/python tests/student.py

# requirements.txt の一式と、helpers を入れるときに要る setuptools を集めます。
wheelhouse: $(STAMP)
	$(BIN)/python -m pip download --quiet --disable-pip-version-check -d $(WHEELHOUSE) $(WHEEL_FLAGS) \
		-r requirements.txt "setuptools>=68"
	@echo "$(WHEELHOUSE) に集めました。会場では: make lab OFFLINE=1 (Windows は README を参照)"

clean:
	rm -rf $(VENV) build
