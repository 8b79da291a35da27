"""``python -m helpers doctor`` で環境チェックを実行します。"""

from __future__ import annotations

import argparse
import sys

from helpers import doctor


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m helpers", description="PyTorch 入門コースの補助コマンド"
    )
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("doctor", help="ノートブックを動かせる環境かを確かめます")
    parser.parse_args(argv)
    return doctor.main()


if __name__ == "__main__":
    sys.exit(main())
