"""すべてのノートブックが docs/authoring.md の決まりを守っているかを確かめます (カーネルは起動しません)。

新しいノートブックを notebooks/ に置けば、このファイルを直さなくても対象になります。
"""

import itertools
import re

import mistune
import nbformat
import pytest

from tools import ROOT
from tools.new import ANSWER_PLACE
from tools.runner import is_appendix, notebook_paths, output_problems
from tools.sync import HEADER_BULLETS, SETUP_MARKER, colab_url, header_bullets, repository_url, setup_cell

SECTIONS = ["学習目標", "まとめ", "演習", "参考文献"]
JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\u3001-\u303f\uff01-\uff5e]")
BLOCK_START = re.compile(r"\s*([-*+] |\d+\. |#|\||>|<|\$\$|```)")


@pytest.fixture(params=notebook_paths(), ids=lambda p: p.name)
def notebook(request):
    return request.param, nbformat.read(request.param, as_version=4)


def code_cells(nb):
    return [c for c in nb.cells if c.cell_type == "code" and c.source.strip()]


def test_there_are_notebooks():
    assert notebook_paths(), "notebooks/ にノートブックがありません"


def test_file_name_and_size(notebook):
    path, nb = notebook
    match = re.fullmatch(r"(\d{2})(a?)_[a-z0-9_]+\.ipynb", path.name)
    assert match, path.name
    assert bool(match.group(2)) == is_appendix(nb), "付録は「05a_…」の名前で、題名に「付録」を入れます"
    assert path.stat().st_size < 1_000_000, f"{path.stat().st_size / 1e6:.2f} MB"


def test_title_badge_and_header_bullets(notebook):
    path, nb = notebook
    first = nb.cells[0]
    assert first.cell_type == "markdown"
    assert re.match(rf"# {path.name[:3].rstrip('_')} \S.* — \S", first.source), "題名は「# 05 題名 — 副題」の形です"
    assert colab_url("notebooks", path.name) in first.source
    _, bullets, _ = header_bullets(first.source, path)
    assert tuple(bullets) == HEADER_BULLETS, list(bullets)
    assert re.fullmatch(r"実行 約 \d+(〜\d+)? 秒 \([^)]*\)、読みながら進めて約 \d+ 分", bullets["目安時間"])
    assert bullets["前提"] and "\n\n" not in bullets["前提"]


def test_sections_in_order(notebook):
    _, nb = notebook
    headings = [line for c in nb.cells if c.cell_type == "markdown"
                for line in c.source.splitlines() if line.startswith("#")]
    positions = []
    for section in SECTIONS:
        found = [i for i, h in enumerate(headings) if section in h]
        assert found, f"見出し「{section}」がありません"
        positions.append(found[0])
    assert positions == sorted(positions)


def test_setup_cell_is_the_course_one(notebook):
    _, nb = notebook
    marked = [c for c in code_cells(nb) if c.source.startswith(SETUP_MARKER)]
    assert len(marked) == 1 and marked[0].source == setup_cell()
    assert marked[0] is code_cells(nb)[0], "準備のセルは最初のコードのセルです"
    assert f'"{repository_url()}"' in setup_cell()


def test_parameters_cell(notebook):
    _, nb = notebook
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1 and tagged[0].cell_type == "code"
    assert re.search(r"^SEED = \d+", tagged[0].source, re.MULTILINE)


def test_outputs_are_fresh_and_clean(notebook):
    _, nb = notebook
    cells = code_cells(nb)
    assert [c.execution_count for c in cells] == list(range(1, len(cells) + 1))
    assert any(c.outputs for c in cells)
    assert not output_problems(nb)


def test_solutions_are_hidden_code(notebook):
    """解答例 (tag: solution) は、入力を折りたたんだ「# 解答例」で始まるコードのセルです。

    文章で答える演習だけのノートブックには解答例のセルがありません (考察の例は <details> の中)。
    確かめのセルのある演習に解答例がそろっていることは、tests/test_exercises.py が確かめます。
    """
    _, nb = notebook
    solutions = [i for i, c in enumerate(nb.cells) if "solution" in c.metadata.get("tags", [])]
    for i in solutions:
        cell = nb.cells[i]
        assert cell.cell_type == "code"
        assert cell.metadata.get("jupyter", {}).get("source_hidden") is True
        assert cell.source.startswith("# 解答例")


def test_the_place_to_write_an_answer_is_a_cell_of_its_own(notebook):
    """文章で答える問いの「ここに自分の考えを …」は、それだけのセルです (問いや考察の例と同じセルだと、
    書き込もうとダブルクリックしたときに、折りたたんだ考察の例の中身が見えてしまいます)。"""
    path, nb = notebook
    shared = [i for i, c in enumerate(nb.cells)
              if c.cell_type == "markdown" and ANSWER_PLACE in c.source and c.source.strip() != ANSWER_PLACE]
    assert not shared, f"{path.name}: 考えを書くセルが、ほかの文と同じセルにあります {shared}"


def test_learners_path_size_rules(notebook):
    """本編: コードのセルは 15 行まで (準備のセルも)、文章は約 10,000 字まで、コードは約 250 行まで。

    文章は見出しのセル (同期で書く行を含む) を除いたマークダウン、コードは準備のセル (どのノートブックでも
    同じ 15 行) を除いたコードの数えです (docs/authoring.md の 1 節)。付録は長くてもかまいません。
    """
    path, nb = notebook
    long_cells = [i for i, c in enumerate(nb.cells) if c.cell_type == "code" and len(c.source.splitlines()) > 15]
    assert not long_cells, f"{path.name}: 15 行を超えるコードのセル {long_cells}"
    if is_appendix(nb):
        return
    prose = sum(len(c.source) for c in nb.cells[1:] if c.cell_type == "markdown")
    code = sum(len(c.source.splitlines()) for c in code_cells(nb) if not c.source.startswith(SETUP_MARKER))
    assert prose <= 10_000, f"{path.name}: 文章が {prose} 字 (本編は約 10,000 字まで。超えるなら 2 本に分けます)"
    assert code <= 250, f"{path.name}: コードが {code} 行 (本編は約 250 行まで)"


def test_every_notebook_has_its_terms_in_the_glossary(notebook):
    path, nb = notebook
    if is_appendix(nb):
        return
    glossary = (ROOT / "docs" / "glossary.md").read_text(encoding="utf-8")
    assert f"\n## {path.name[:2]} " in glossary, f"docs/glossary.md に「## {path.name[:2]} …」の節がありません"


def soft_breaks_between_japanese(source):
    """日本語の文字どうしのあいだの改行 (ブラウザでは空白に見えます)。

    コードと数式のブロック、表、見出し、リストの始まりは除きます。
    """
    lines, found, block = source.split("\n"), [], False
    for line, following in itertools.pairwise(lines):
        if line.strip().startswith(("```", "$$")) and line.strip().count("$$") != 2:
            block = not block
        if block or not line.strip() or not following.strip() or line.startswith(("|", "#")):
            continue
        if BLOCK_START.match(following):
            continue
        last, first = line.rstrip()[-1], following.strip()[0]
        if last not in "、。" and JAPANESE.match(last) and JAPANESE.match(first):
            found.append(f"{line.strip()[-12:]}⏎{following.strip()[:12]}")
    return found


def test_no_line_break_between_japanese_characters(notebook):
    path, nb = notebook
    found = [hit for c in nb.cells if c.cell_type == "markdown" for hit in soft_breaks_between_japanese(c.source)]
    advice = "空白に見えます。「、」「。」の後ろで改行します"
    assert not found, f"{path.name}: 日本語の文字のあいだの改行 ({advice}): {found[:5]}"


DOCUMENTS = ["README.md", "data/README.md",
             *sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "docs").glob("*.md"))]


@pytest.mark.parametrize("path", DOCUMENTS)
def test_no_line_break_between_japanese_characters_in_the_documents(path):
    found = soft_breaks_between_japanese((ROOT / path).read_text(encoding="utf-8"))
    assert not found, f"{path}: 日本語の文字のあいだの改行 (空白に見えます): {found[:5]}"


RENDER_MARKDOWN = mistune.create_markdown()  # nbconvert と同じ Markdown の読み方 (CommonMark に近い)


def unrendered_emphasis(source):
    """Markdown として表示したときに、太字にならずに ** のまま見える所 (コードの中は除きます)。

    「。**」のように、句読点の直後で閉じる ** の後ろに文字が続くと、CommonMark では太字が閉じません。
    """
    html = re.sub(r"<(pre|code)>.*?</\1>", "", RENDER_MARKDOWN(source), flags=re.DOTALL)
    return [html[max(0, m.start() - 12):m.end() + 12] for m in re.finditer(r"\*\*", html)]


def test_bold_text_renders_as_bold(notebook):
    path, nb = notebook
    found = [hit for c in nb.cells if c.cell_type == "markdown" for hit in unrendered_emphasis(c.source)]
    assert not found, f"{path.name}: 太字にならずに ** が見えます (閉じる ** の後ろに空白を入れます): {found[:5]}"


@pytest.mark.parametrize("path", DOCUMENTS)
def test_bold_text_renders_as_bold_in_the_documents(path):
    found = unrendered_emphasis((ROOT / path).read_text(encoding="utf-8"))
    assert not found, f"{path}: 太字にならずに ** が見えます: {found[:5]}"
