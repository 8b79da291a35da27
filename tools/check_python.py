# -*- coding: utf-8 -*-
"""`make lab` / `make test` が、何かを作る前に Python のバージョンを確かめます。

古い Python (Ubuntu 22.04 の 3.10、macOS の 3.9 など) で始めると、pip が長い英語のエラーで止まります。
その前に、この OS で何を入れればよいかを日本語で伝えて止まります。古い Python でも動くよう、
新しい書き方 (f 文字列の = や型の書き方) は使いません。
"""

import platform
import sys

MINIMUM = (3, 11)

ADVICE = {
    "Windows": "https://www.python.org/downloads/windows/ から Python 3.11 以上を入れ、"
               "`py -3.11 -m venv .venv` で環境を作ってください (手順は docs/setup.md の「Windows」)。",
    "Darwin": "Homebrew で `brew install python@3.12` を実行し、`make lab PYTHON=python3.12` で始めてください "
              "(Intel の Mac は PyTorch の新しい版が無いので Colab を使います。docs/setup.md の「Mac」)。",
    "Linux": "Ubuntu 22.04 なら `sudo apt install python3.11 python3.11-venv` を実行し、"
             "`make lab PYTHON=python3.11` で始めてください (docs/setup.md の「Linux」)。",
}


def main():
    if sys.version_info[:2] >= MINIMUM:
        return 0
    wanted = "%d.%d" % MINIMUM
    sys.stderr.write(
        "この Python は %s です。コースには Python %s 以上が要ります。\n直し方: %s\n"
        "PC に何も入れずに始めるなら、README の Colab のボタンから開けます。\n"
        % (platform.python_version(), wanted, ADVICE.get(platform.system(), ADVICE["Linux"]))
    )
    return 1


if __name__ == "__main__":
    sys.exit(main())
