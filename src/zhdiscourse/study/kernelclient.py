"""The kernel client ``reproduce`` drives notebooks with: jupyter_client's asyncio client, waiting in slices.

nbclient waits for a cell's reply with one ``shell_channel.get_msg(timeout=…)`` and for its outputs with
``iopub_channel.get_msg(timeout=None)``; each is a single ``zmq.asyncio`` poll. Now and then (mostly with
widgets on the page, jupyter/nbclient#312) that poll is not woken when the message arrives and returns only
when its timeout expires: the run then stands idle for the whole cell timeout (600 s) and goes on as if
nothing happened. A poll that starts finds a waiting message at once, so :class:`SlicedChannel` waits in
slices of :data:`SLICE` seconds, each a new poll, up to the same deadline: a missed wake-up costs at most
one slice. Messages, their order and the timeouts are those of jupyter_client.

Waiting for a new kernel (:meth:`SlicedKernelClient.wait_for_ready`) is jupyter_client's wait except for its
last step: jupyter_client then drains IOPub until it has been silent for 0.2 s, i.e. every kernel start
idles 0.2 s (3.6 s of the 18 kernels of ``make reproduce``, two at a time). Here the drain takes what has
arrived and stops at the first empty poll: the messages left behind belong to the ``kernel_info`` requests,
and nbclient reads only the outputs whose parent is the cell it runs.
"""

from __future__ import annotations

import asyncio
import time
from queue import Empty
from time import monotonic
from typing import Any

from jupyter_client.asynchronous import AsyncKernelClient
from jupyter_client.channels import AsyncZMQSocketChannel
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


class SlicedKernelClient(AsyncKernelClient):
    """jupyter_client's asyncio kernel client with :class:`SlicedChannel` for replies and outputs."""

    shell_channel_class = Type(SlicedChannel)
    iopub_channel_class = Type(SlicedChannel)

    async def _async_wait_for_ready(self, timeout: float | None = None) -> None:
        """jupyter_client's ``wait_for_ready`` (8.x) without the 0.2 s of silence it waits for at the end
        (see the module docstring); the kernel is up when this returns, as there."""
        from jupyter_client.manager import KernelManager

        abs_timeout = time.time() + (float("inf") if timeout is None else timeout)
        if not isinstance(self.parent, KernelManager):  # no manager: wait for heartbeats first
            while not await self._async_is_alive():
                if time.time() > abs_timeout:
                    raise RuntimeError("Kernel didn't respond to heartbeats in %d seconds and timed out" % timeout)
                await asyncio.sleep(0.2)
        while True:
            self.kernel_info()
            try:
                msg = await self.shell_channel.get_msg(timeout=1)
            except Empty:
                pass
            else:
                if msg["msg_type"] == "kernel_info_reply":
                    try:  # IOPub connected? (the kernel_info request's status message), else start over
                        await self.iopub_channel.get_msg(timeout=0.2)
                    except Empty:
                        pass
                    else:
                        self._handle_kernel_info_reply(msg)
                        break
            if not await self._async_is_alive():
                raise RuntimeError("Kernel died before replying to kernel_info")
            if time.time() > abs_timeout:
                raise RuntimeError("Kernel didn't respond in %d seconds" % timeout)
        while True:  # what has arrived on IOPub, without waiting for more
            try:
                await self.iopub_channel.get_msg(timeout=0)
            except Empty:
                break

    wait_for_ready = _async_wait_for_ready
