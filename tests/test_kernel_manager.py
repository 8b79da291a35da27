"""kernel_manager.PromptChannel: 短い間隔で待ち直し、待ち時間の合計は変えないことを確かめます。"""

import asyncio
import time
from queue import Empty

import pytest

from tools import kernel_manager
from tools.kernel_manager import PromptChannel


class FakeSocket:
    """``ready_after`` 回目の poll で初めて「届いている」と答えるソケットです。"""

    def __init__(self, ready_after):
        self.ready_after = ready_after
        self.poll_timeouts_ms = []

    async def poll(self, timeout_ms):
        self.poll_timeouts_ms.append(timeout_ms)
        if len(self.poll_timeouts_ms) >= self.ready_after:
            return 1
        await asyncio.sleep(timeout_ms / 1000)
        return 0


class FakeChannel(PromptChannel):
    async def _recv(self, **kwargs):
        return {"msg_type": "execute_reply"}


def channel(socket):
    ch = FakeChannel.__new__(FakeChannel)  # ソケットとセッションの準備は要らないので省きます
    ch.socket = socket
    return ch


@pytest.fixture(autouse=True)
def short_interval(monkeypatch):
    monkeypatch.setattr(kernel_manager, "POLL_INTERVAL_S", 0.05)


def test_a_message_missed_by_one_poll_is_found_by_the_next():
    socket = FakeSocket(ready_after=3)
    msg = asyncio.run(channel(socket).get_msg(timeout=10))
    assert msg == {"msg_type": "execute_reply"}
    assert socket.poll_timeouts_ms[:2] == [50, 50]  # 10 秒を 1 回で待たず、0.05 秒ずつ待ち直しています


def test_the_total_timeout_is_kept():
    socket = FakeSocket(ready_after=10**9)
    start = time.monotonic()
    with pytest.raises(Empty):
        asyncio.run(channel(socket).get_msg(timeout=0.3))
    assert 0.3 <= time.monotonic() - start < 1.0
    assert max(socket.poll_timeouts_ms) <= 50


def test_no_timeout_waits_until_the_message_arrives():
    msg = asyncio.run(channel(FakeSocket(ready_after=5)).get_msg(timeout=None))
    assert msg == {"msg_type": "execute_reply"}
