"""シードプールの決まり: どのノートブックを種を変えて実行し、種ごとにどの数を残すか。

ノートブックごとに 1 つのモジュール (例: tools/pools/nb05.py) があり、``register(名前, Sweep(...))`` で
data/seed_pool/<名前>.csv を 1 つ決めます (`make sweeps`)。残す数 (metrics) は、tests/test_nbNN_*.py の
主張 (``Claim``) が判定に使う列で、ノートブックの変数から 1 つの種につき 1 行を作ります。
このパッケージを import すると、すべてのモジュールを読み込んで登録します。
"""

from __future__ import annotations

import importlib
import pkgutil

for _module in pkgutil.iter_modules(__path__):
    importlib.import_module(f"{__name__}.{_module.name}")
