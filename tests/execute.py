"""`make execute`: ノートブックを新しいカーネルで上から実行し直し、出力を保存します。"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from notebook_runner import execute_in_place, notebook_paths


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv] or notebook_paths()
    for path in paths:
        start = time.perf_counter()
        execute_in_place(path.resolve())
        print(f"{path.name}: {time.perf_counter() - start:.1f} 秒")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
