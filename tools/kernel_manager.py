"""カーネルの返事を取りこぼさないための、カーネルマネージャーです (tools/runner.py の実行はすべてこれを使います)。

pyzmq 27 + jupyter_client 8 の非同期クライアントは、まれに、カーネルがとっくに送った返事 (execute_reply)
に気づかず、待ち時間 (execution_timeout) が切れるまで止まります。ウィジェットを作るセルを 3 つ持つ小さな
ノートブックを 126 回実行すると 4 回起き、どれもカーネルは 0.05 秒で返事を送っていて、クライアントは
待ち時間が切れた瞬間にそれを受け取り、何事もなかったように続けました (セルの記録の shell.execute_reply は
カーネルが送った時刻、papermill の duration は待ち時間とちょうど同じ)。make test でノートブック 04 の
ウィジェットのセルが 10 分 (= TIMEOUT_S) 止まってから先へ進んだのも同じ形でした。

ここでは、返事を待つときに 1 回で長く待たず、短い間隔で待ち直します。待ち直すたびにソケットを
確かめ直すので、取りこぼしても遅れは 1 回の間隔 (POLL_INTERVAL_S) で済みます (同じ実行を 180 回くり返して、
止まった回は 0 回)。待ち時間の合計と、時間切れのときのエラーは元のままです。
"""

from __future__ import annotations

import time
from queue import Empty
from typing import Any

from jupyter_client.asynchronous import AsyncKernelClient
from jupyter_client.channels import AsyncZMQSocketChannel
from jupyter_client.manager import AsyncKernelManager
from traitlets import Type

POLL_INTERVAL_S = 0.2


class PromptChannel(AsyncZMQSocketChannel):
    """``get_msg`` を POLL_INTERVAL_S ごとの待ち直しに分けたチャンネルです。"""

    async def get_msg(self, timeout: float | None = None) -> dict[str, Any]:
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            left = POLL_INTERVAL_S if deadline is None else max(0.0, deadline - time.monotonic())
            try:
                return await super().get_msg(timeout=min(POLL_INTERVAL_S, left))
            except Empty:
                if deadline is not None and time.monotonic() >= deadline:
                    raise


class PromptKernelClient(AsyncKernelClient):
    shell_channel_class = Type(PromptChannel)
    iopub_channel_class = Type(PromptChannel)


class PromptKernelManager(AsyncKernelManager):
    """``client()`` が PromptKernelClient を返すカーネルマネージャーです。"""

    client_factory = Type(PromptKernelClient, klass=AsyncKernelClient)
