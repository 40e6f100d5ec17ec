"""The kernel client of reproduce (zhdiscourse.study.kernelclient): waits in slices, same messages."""

import asyncio
from queue import Empty
from time import monotonic

import pytest
import zmq
import zmq.asyncio
from jupyter_client.channels import AsyncZMQSocketChannel
from jupyter_client.manager import AsyncKernelManager
from jupyter_client.session import Session

from zhdiscourse.study import kernelclient as kc
from zhdiscourse.study.reproduce import kernel_config


def _run(coro):
    return asyncio.new_event_loop().run_until_complete(coro)


def test_a_late_message_arrives_and_an_absent_one_times_out_at_the_deadline(monkeypatch):
    monkeypatch.setattr(kc, "SLICE", 0.05)
    polls = []
    plain = AsyncZMQSocketChannel.get_msg

    async def counted(self, timeout=None):
        polls.append(timeout)
        return await plain(self, timeout=timeout)

    monkeypatch.setattr(AsyncZMQSocketChannel, "get_msg", counted)

    async def main():
        ctx = zmq.asyncio.Context()
        a, b = ctx.socket(zmq.PAIR), ctx.socket(zmq.PAIR)
        a.bind("inproc://sliced")
        b.connect("inproc://sliced")
        session = Session(key=b"")
        channel = kc.SlicedChannel(a, session)
        t0 = monotonic()
        with pytest.raises(Empty):
            await channel.get_msg(timeout=0.3)
        waited = monotonic() - t0
        n_empty = len(polls)
        with pytest.raises(Empty):
            await channel.get_msg(timeout=0)  # a zero timeout is one immediate poll

        async def later():
            await asyncio.sleep(0.3)
            session.send(b, "status", {"execution_state": "idle"})

        task = asyncio.ensure_future(later())
        msg = await channel.get_msg(timeout=None)
        await task
        a.close(0)
        b.close(0)
        ctx.term()
        return waited, n_empty, msg

    waited, n_empty, msg = _run(main())
    assert 0.3 <= waited < 2.0
    assert n_empty >= 4 and all(t <= 0.05 + 1e-9 for t in polls[:n_empty])  # several short polls, not one
    assert msg["msg_type"] == "status" and msg["content"] == {"execution_state": "idle"}
    assert polls[n_empty] == 0


def test_reproduce_kernels_get_the_sliced_client():
    km = AsyncKernelManager(config=kernel_config())
    client = km.client()
    assert isinstance(client, kc.SlicedKernelClient)
    assert client.shell_channel_class is kc.SlicedChannel and client.iopub_channel_class is kc.SlicedChannel


def test_the_dotted_name_is_the_class():
    from traitlets.utils.importstring import import_item as resolve  # what jupyter_client resolves it with

    from zhdiscourse.study.reproduce import KERNEL_CLIENT

    assert resolve(KERNEL_CLIENT) is kc.SlicedKernelClient


class _Channel:
    """A channel that hands out the given messages, then is silent (``Empty`` at once)."""

    def __init__(self, msgs):
        self.msgs = list(msgs)

    async def get_msg(self, timeout=None):
        if not self.msgs:
            raise Empty
        return self.msgs.pop(0)


def _status(state, parent):
    return {"msg_type": "status", "content": {"execution_state": state}, "parent_header": {"msg_id": parent}}


@pytest.mark.parametrize("idle", [True, False])
def test_ready_when_the_kernel_is_idle_after_the_answered_kernel_info(idle):
    """IOPub is read up to the idle status of the kernel_info request that was answered (an earlier request's
    idle does not count), and no further: no wait for IOPub to fall silent. Without that status, the client
    reads until IOPub is silent, as jupyter_client does."""
    client = AsyncKernelManager(config=kernel_config()).client()
    sent = iter(["first", "second"])
    client.kernel_info = lambda: next(sent)
    reply = {"msg_type": "kernel_info_reply", "parent_header": {"msg_id": "second"},
             "content": {"protocol_version": "5.3"}}
    client._shell_channel = _Channel([{"msg_type": "other", "parent_header": {}}, reply])
    later = {"msg_type": "stream", "parent_header": {"msg_id": "cell"}}
    iopub = [_status("busy", "first"), _status("idle", "first"), _status("busy", "second")]
    iopub += [_status("idle", "second"), later] if idle else []
    client._iopub_channel = _Channel(iopub)

    async def alive():
        return True

    client._async_is_alive = alive
    _run(client.wait_for_ready(timeout=10))
    assert client._iopub_channel.msgs == ([later] if idle else [])
