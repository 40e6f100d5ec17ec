"""The kernel client ``reproduce`` drives notebooks with: jupyter_client's asyncio client, waiting in slices.

nbclient waits for a cell's reply with one ``shell_channel.get_msg(timeout=…)`` and for its outputs with
``iopub_channel.get_msg(timeout=None)``; each is a single ``zmq.asyncio`` poll. Now and then (mostly with
widgets on the page, jupyter/nbclient#312) that poll is not woken when the message arrives and returns only
when its timeout expires: the run then stands idle for the whole cell timeout (600 s) and goes on as if
nothing happened. A poll that starts finds a waiting message at once, so :class:`SlicedChannel` waits in
slices of :data:`SLICE` seconds, each a new poll, up to the same deadline: a missed wake-up costs at most
one slice. Messages, their order and the timeouts are those of jupyter_client.

Once the kernel has answered ``kernel_info`` and IOPub is connected, jupyter_client's ``wait_for_ready`` reads
IOPub until it has been silent for 0.2 s: every notebook's start waited those 0.2 s (3.6 s of kernel slots in a
run of 18). :meth:`SlicedKernelClient._async_wait_for_ready` reads IOPub until the kernel reports itself idle
after the ``kernel_info`` request that was answered (the last message the request causes), with the 0.2 s
silence only as the fallback when that message does not come. The messages dropped are the same ones: the
status messages of the ``kernel_info`` requests (nbclient reads only the messages of its own requests).
Neither wait is for the client's other channels (stdin, control, heartbeat): they may still be connecting
when the first cell runs, which the 0.2 s made rarer (``tests/study/test_forkkernel.py`` lists a kernel's open
files without those connections).
"""

from __future__ import annotations

import time
from queue import Empty
from time import monotonic
from typing import Any

from jupyter_client.asynchronous import AsyncKernelClient
from jupyter_client.channels import AsyncZMQSocketChannel
from jupyter_client.manager import KernelManager
from traitlets import Type

#: seconds of one wait: the longest a missed wake-up can hold a run
SLICE = 0.5


class SlicedChannel(AsyncZMQSocketChannel):
    """An asyncio ZMQ channel whose ``get_msg`` polls in slices of :data:`SLICE` seconds."""

    async def get_msg(self, timeout: float | None = None) -> dict[str, Any]:  # type: ignore[override]
        deadline = None if timeout is None else monotonic() + timeout
        while True:
            left = SLICE if deadline is None else min(SLICE, max(0.0, deadline - monotonic()))
            try:
                return await super().get_msg(timeout=left)
            except Empty:
                if deadline is not None and monotonic() >= deadline:
                    raise


#: jupyter_client's wait for IOPub to fall silent, here the fallback when the idle status does not come
QUIET = 0.2


def _idle_after(msg: dict, msg_id: str) -> bool:
    return (msg.get("msg_type") == "status" and msg.get("content", {}).get("execution_state") == "idle"
            and msg.get("parent_header", {}).get("msg_id") == msg_id)


class SlicedKernelClient(AsyncKernelClient):
    """jupyter_client's asyncio kernel client with :class:`SlicedChannel` for replies and outputs, ready once
    the kernel is idle after ``kernel_info`` (module docstring)."""

    shell_channel_class = Type(SlicedChannel)
    iopub_channel_class = Type(SlicedChannel)

    async def _async_wait_for_ready(self, timeout: float | None = None) -> None:
        """jupyter_client's ``wait_for_ready`` (for a client made by a kernel manager, as nbclient's), but the
        IOPub channel is read up to the kernel's idle status after the answered ``kernel_info`` request instead
        of until it has been silent for :data:`QUIET` seconds."""
        if not isinstance(self.parent, KernelManager):  # not nbclient's case: jupyter_client's own wait
            return await super()._async_wait_for_ready(timeout)
        abs_timeout = time.time() + (float("inf") if timeout is None else timeout)
        while True:
            msg_id = self.kernel_info()
            try:
                msg = await self.shell_channel.get_msg(timeout=1)
            except Empty:
                pass
            else:
                if msg["msg_type"] == "kernel_info_reply":
                    # IOPub is connected when it has a message: start over if none comes (as jupyter_client)
                    try:
                        first = await self.iopub_channel.get_msg(timeout=QUIET)
                    except Empty:
                        pass
                    else:
                        self._handle_kernel_info_reply(msg)
                        break
            if not await self._async_is_alive():
                raise RuntimeError("Kernel died before replying to kernel_info")
            if time.time() > abs_timeout:
                raise RuntimeError("Kernel didn't respond in %d seconds" % timeout)
        answered = msg["parent_header"].get("msg_id", msg_id)
        while not _idle_after(first, answered):
            try:
                first = await self.iopub_channel.get_msg(timeout=QUIET)
            except Empty:
                break

    wait_for_ready = _async_wait_for_ready  # AsyncKernelClient binds jupyter_client's function to this name
