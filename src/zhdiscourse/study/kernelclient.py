"""The kernel client ``reproduce`` drives notebooks with: jupyter_client's asyncio client, waiting in slices.

nbclient waits for a cell's reply with one ``shell_channel.get_msg(timeout=…)`` and for its outputs with
``iopub_channel.get_msg(timeout=None)``; each is a single ``zmq.asyncio`` poll. Now and then (mostly with
widgets on the page, jupyter/nbclient#312) that poll is not woken when the message arrives and returns only
when its timeout expires: the run then stands idle for the whole cell timeout (600 s) and goes on as if
nothing happened. A poll that starts finds a waiting message at once, so :class:`SlicedChannel` waits in
slices of :data:`SLICE` seconds, each a new poll, up to the same deadline: a missed wake-up costs at most
one slice. Messages, their order and the timeouts are those of jupyter_client.
"""

from __future__ import annotations

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
