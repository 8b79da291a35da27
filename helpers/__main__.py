"""``python -m helpers doctor`` (環境チェック) と ``python -m helpers tally`` (講師のための報告の集計)。

どちらも標準ライブラリだけで起動するので、パッケージを入れる前の PC でも動きます。
"""

from __future__ import annotations

import argparse
import sys

from helpers import doctor, tally


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpers", description="PyTorch 入門コースの補助コマンド")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("doctor", help="ノートブックを動かせる環境かを確かめます")
    counting = sub.add_parser("tally", help="参加者がチャットに貼った「環境報告: …」の行を集計します")
    counting.add_argument("file", nargs="?", help="貼り付けた行を保存したファイル (省くと標準入力)")
    args = parser.parse_args(argv)
    if args.command == "tally":
        return tally.main(args.file)
    return doctor.main()


if __name__ == "__main__":
    sys.exit(main())
