# PyTorch 入門コースのコマンド集です。どれも必要なら .venv を作ってから動きます。
#   make lab           JupyterLab を開く (受講者用の student/ が開きます。講師用は make lab EDITION=notebooks)
#   make test          すべてのテスト (最後に、別の PC を模した環境でノートブックをもう一度)
#   make doctor        この PC でコースを動かせるかを確かめる
#   make build         ノートブックを直した後に: 図 → 実行 → 時間の計測 → 同期 → 受講者用 を作り直す
#                      (NOTEBOOKS=notebooks/05_x.ipynb で 1 本だけ。手順は docs/authoring.md)
#   make execute / bench / sync / student / figures   build の各段階を 1 つずつ
#   make sweeps        乱数の種 0〜39 を 2 つの環境で実行し、data/seed_pool/ を作り直す (数十分)
#   make pin REF=タグ  Colab のリンクと準備のセルが使う教材の版をタグに固定する (ワークショップ用)
#   make new NN=07 SLUG=topic TITLE="題名 — 副題"  新しいノートブックの骨組みを作る
#   make test-colab    Colab と同じパッケージの版で、全ノートブックを準備のセルごと実行する (初回は数 GB)
#   make wheelhouse    ネットの無い会場のために、必要なパッケージ一式を build/wheelhouse/ に集める
#   make lab OFFLINE=1 build/wheelhouse/ だけから (ネットを使わずに) 入れて JupyterLab を開く

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
TOOLS := $(BIN)/python -m tools
EDITION ?= student
# 依存関係の定義が変わったときだけ入れ直すよう、定義ファイルのハッシュを目印にします。
# 受講者に要るもの (requirements.txt) と、テストと教材づくりに要るもの (requirements-dev.txt) は別々です。
hash_of = $(shell $(PYTHON) -c "import hashlib,sys; print(hashlib.sha256(b''.join(open(f,'rb').read() for f in sys.argv[1:])).hexdigest()[:16])" $(1))
LEARNER_STAMP := $(VENV)/.learner-$(call hash_of,requirements.txt pyproject.toml)
DEV_STAMP := $(VENV)/.dev-$(call hash_of,requirements.txt requirements-dev.txt pyproject.toml)
LAB_SETTINGS := $(VENV)/share/jupyter/lab/settings
# オフラインで入れるためのパッケージ置き場です。別の OS 用に集めるときは WHEEL_FLAGS を渡します
# (pip download の引数。例は docs/instructor.md の「ネットの無い会場」を参照)。
WHEELHOUSE ?= build/wheelhouse
WHEEL_FLAGS ?=
OFFLINE ?=
PIP_INSTALL := $(BIN)/python -m pip install --quiet --disable-pip-version-check \
	$(if $(OFFLINE),--no-index --find-links $(WHEELHOUSE))
PYTEST := $(BIN)/python -m pytest -n 2 --dist loadfile
# 「別の PC」を模した数値環境です (tools/sweeps.py の ENVIRONMENTS と同じ)。PyTorch が別のベクトル化の
# 計算カーネルを使い、計算スレッドが 2 つになる (足し算の順序が変わる) ので、保存した出力と本文の主張が
# 他の PC でも成り立つかを確かめられます。OMP_WAIT_POLICY は待ち方だけの設定で、計算の結果は変えません。
PERTURBED_ENV := ATEN_CPU_CAPABILITY=default OMP_NUM_THREADS=2 OMP_WAIT_POLICY=PASSIVE

.PHONY: help install install-dev lab test test-perturbed test-offline test-colab doctor build execute bench sync student \
	figures sweeps pin new wheelhouse clean

help:
	@sed -n '1,14p' Makefile

$(LEARNER_STAMP):
	@$(PYTHON) tools/check_python.py
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP_INSTALL) -r requirements.txt
	$(PIP_INSTALL) --no-deps -e .
	@# JupyterLab のお知らせ (ニュースの取得と更新確認) を止めます。オフラインの教室でも静かです。
	@mkdir -p $(LAB_SETTINGS)
	@echo '{"@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": false}}' > $(LAB_SETTINGS)/overrides.json
	@rm -f $(VENV)/.learner-*
	@touch $@

$(DEV_STAMP): $(LEARNER_STAMP)
	$(PIP_INSTALL) -r requirements-dev.txt
	@rm -f $(VENV)/.dev-*
	@touch $@

install: $(LEARNER_STAMP)
install-dev: $(DEV_STAMP)

lab: $(LEARNER_STAMP)
	$(BIN)/jupyter lab --ServerApp.root_dir=. --LabApp.default_url=/lab/tree/$(EDITION) $(LAB_EXTRA)

test: $(DEV_STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(PYTEST) $(PYTEST_ARGS)
	$(MAKE) --no-print-directory test-perturbed

# ノートブックの実行 (nbval) と、本文の主張を確かめるテスト (sweep) だけを、別の PC を模した環境でもう一度。
test-perturbed: $(DEV_STAMP)
	$(PERTURBED_ENV) $(PYTEST) -m "nbval or sweep" $(PYTEST_ARGS)

# ネットの無い会場の手順 (make wheelhouse → make lab OFFLINE=1) を、新しい環境で確かめます (数分)。
test-offline: $(DEV_STAMP)
	$(BIN)/python -m pytest -p no:xdist -m offline

# Colab と同じパッケージの版 (tools/colab_packages.txt) の環境で、全ノートブックを準備のセルごと実行します。
test-colab: $(DEV_STAMP)
	$(TOOLS) colab $(NOTEBOOKS)

doctor: $(LEARNER_STAMP)
	$(BIN)/python -m helpers doctor

build: $(DEV_STAMP)
	$(TOOLS) build $(NOTEBOOKS)

execute: $(DEV_STAMP)
	$(TOOLS) execute $(NOTEBOOKS)

bench: $(DEV_STAMP)
	$(TOOLS) bench $(BENCH_ARGS) $(NOTEBOOKS)

sync: $(DEV_STAMP)
	$(TOOLS) sync

student: $(DEV_STAMP)
	$(TOOLS) student

figures: $(DEV_STAMP)
	$(TOOLS) figures

sweeps: $(DEV_STAMP)
	$(TOOLS) sweeps $(NAMES)

pin: $(DEV_STAMP)
	$(TOOLS) pin $(REF)

new: $(DEV_STAMP)
	$(TOOLS) new $(NN) $(SLUG) "$(TITLE)"

# requirements.txt の一式と、helpers を入れるときに要る setuptools を集めます。
wheelhouse: $(LEARNER_STAMP)
	$(BIN)/python -m pip download --quiet --disable-pip-version-check -d $(WHEELHOUSE) $(WHEEL_FLAGS) \
		-r requirements.txt "setuptools>=68"
	@echo "$(WHEELHOUSE) に集めました。会場では: make lab OFFLINE=1 (Windows は docs/setup.md を参照)"

clean:
	rm -rf $(VENV) build
