# PyTorch 入門コースのコマンド集です。どれも必要なら .venv を作ってから動きます。
#   make lab      JupyterLab でノートブックを開く
#   make test     すべてのテストを実行する
#   make doctor   この PC でコースを動かせるかを確かめる
#   make execute  全ノートブックを新しいカーネルで実行し直し、出力を保存する (教材を直した人向け)
#   make bench    各ノートブックの実行時間とメモリを計る (3 回の中央値)

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
PYTEST_WORKERS ?= 2
PYTEST_ARGS ?=

.PHONY: help install lab test doctor execute bench clean

help:
	@sed -n '1,7p' Makefile

$(STAMP):
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
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
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) --dist loadfile $(PYTEST_ARGS)

doctor: $(STAMP)
	$(BIN)/python -m helpers doctor

execute: $(STAMP)
	$(BIN)/python tests/execute.py $(NOTEBOOKS)

bench: $(STAMP)
	$(BIN)/python tests/bench.py $(NOTEBOOKS)

clean:
	rm -rf $(VENV) build
