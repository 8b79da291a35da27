"""`make new NN=07 SLUG=topic TITLE="題名 — 副題"`: 決まりどおりの形をした新しいノートブックの骨組みを作ります。

見出し (Colab のボタン、目安時間、前提)、学習目標、準備のセル、parameters のセルと値の確かめ、節、まとめ、
演習 (文章で答える問いと折りたたんだ考察の例)、参考文献がそろった、そのまま実行できるノートブックです。
本編なら、docs/glossary.md に用語集の節 (「## NN 題名」) も足します。確かめのある演習の書き方は
docs/authoring.md の 2 節です。
中身を書いたら `make build NOTEBOOKS=notebooks/NN_slug.ipynb` で実行・計測・同期します (docs/authoring.md)。
"""

from __future__ import annotations

import argparse
import re

import nbformat

from tools import NOTEBOOK_DIR, ROOT, ToolError
from tools.sync import colab_url, setup_cell

# 文章で答える問いの、学習者が考えを書き込むセル (問いとも考察の例とも別のセルにします)
ANSWER_PLACE = "*(ここに自分の考えを書いてみましょう)*"
IMPORTS = """import matplotlib.pyplot as plt
import torch

import helpers"""
PARAMETERS = """SEED = 0  # 乱数の種
DEVICE = "auto"  # "auto" (CPU か NVIDIA の GPU)、"cpu"、"cuda"、"mps\""""
SETUP = """helpers.setup_plotting()
helpers.seed_everything(SEED)
device = helpers.get_device(DEVICE)
print("使うデバイス:", helpers.describe_device(device))"""


def skeleton(number: str, slug: str, title: str, appendix: bool) -> nbformat.NotebookNode:
    """骨組みのノートブックを作ります。``title`` は「題名 — 副題」です。"""
    name = f"{number}_{slug}.ipynb"
    label = f"付録 {title}" if appendix else title
    md, code = nbformat.v4.new_markdown_cell, nbformat.v4.new_code_cell
    badge = "![Open In Colab](https://colab.research.google.com/assets/colab-badge.svg)"
    cells = [
        md(f"# {number} {label}\n\n[{badge}]({colab_url('notebooks', name)})\n\n"
           "- **目安時間**: 実行 約 0〜0 秒 (未計測)、読みながら進めて約 10 分\n"
           "- **前提**: (先に読むノートブックと、要る予備知識を書きます)"),
        md("## 学習目標\n\n1. (このノートブックを終えるとできるようになることを、3〜5 個書きます)"),
        md("## 準備"),
        code(setup_cell()),
        code(IMPORTS),
        md("次の `parameters` セルの値を変えると、設定を変えて試せます。"),
        code(PARAMETERS, metadata={"tags": ["parameters"]}),
        code(SETUP),
        md("## 1. (最初の節)\n\n(短い説明。次のセルで何をするか)"),
        code('x = torch.arange(6.0).reshape(2, 3)\nprint("形:", tuple(x.shape))'),
        md("(出力が何を示しているかを 1〜2 文で)"),
        md("## まとめ\n\n- (学んだことを箇条書きで)"),
        md("## 演習\n\n### 演習 1\n(問い。答えは文章で書きます)"),
        md(ANSWER_PLACE),
        md("<details><summary>考察の例</summary>\n\n(考察の例)\n</details>"),
        md("## 参考文献\n\n1. PyTorch ドキュメント: https://pytorch.org/docs/stable/"),
    ]
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata.kernelspec = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.metadata.language_info = {"name": "python"}
    return nb


def add_glossary_section(number: str, title: str) -> None:
    """用語集の最後に、このノートブックの節 (見出しと空の表) を足します。言葉は著者が書き足します。"""
    glossary = ROOT / "docs" / "glossary.md"
    text = glossary.read_text(encoding="utf-8")
    if f"\n## {number} " not in text:
        section = f"\n## {number} {title}\n\n| 用語 | 意味 | 初出 |\n| --- | --- | --- |\n"
        glossary.write_text(text.rstrip("\n") + "\n" + section, encoding="utf-8")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools new", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("number", help="番号 (例: 07。付録は 05a のように支える本編の番号 + a)")
    parser.add_argument("slug", help="ファイル名の英語の部分 (例: image_classification)")
    parser.add_argument("title", help="「題名 — 副題」")
    args = parser.parse_args(argv)
    if not re.fullmatch(r"\d{2}a?", args.number) or not re.fullmatch(r"[a-z0-9_]+", args.slug):
        raise ToolError("番号は 07 か 05a の形、ファイル名の部分は英小文字・数字・_ だけにしてください。")
    if " — " not in args.title:
        raise ToolError("題名は「題名 — 副題」の形にしてください (README の表の「学ぶこと」に副題を使います)。")
    path = NOTEBOOK_DIR / f"{args.number}_{args.slug}.ipynb"
    if path.exists() or list(NOTEBOOK_DIR.glob(f"{args.number}_*.ipynb")):
        raise ToolError(f"番号 {args.number} のノートブックはもうあります。")
    appendix = args.number.endswith("a")
    nbformat.write(skeleton(args.number, args.slug, args.title, appendix), path)
    if not appendix:
        add_glossary_section(args.number, args.title.split(" — ")[0])
    print(f"{path.relative_to(ROOT)} を作りました。次: 中身を書いて make build NOTEBOOKS={path.relative_to(ROOT)}")
    return 0
