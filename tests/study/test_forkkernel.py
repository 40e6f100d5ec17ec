"""Kernels forked from a warm parent (zhdiscourse.study.forkkernel): the same outputs as a fresh kernel,
byte for byte, or an ordinary launch when that cannot be promised."""

from __future__ import annotations

import asyncio
import os
import time
from concurrent.futures import ThreadPoolExecutor

import nbformat
import pytest

from zhdiscourse.errors import ZhDiscourseError
from zhdiscourse.study import forkkernel, reproduce as rp
from zhdiscourse.study.forkkernel import ForkKernelManager, ForkServer, fork_supported, interpreter_prefix

needs_fork = pytest.mark.skipif(not fork_supported(), reason="kernels are forked on Linux only")
PRELOAD = ["numpy", "pandas", "matplotlib.pyplot"]

#: A cell that prints the kernel's open files, but not the client's connections to the kernel's channels (their
#: number depends on how far the client has got with connecting when the cell runs, not on how the kernel was
#: started); the kernel's listening sockets and every other socket are listed.
FILES = r"""import json
def link(fd):
    try:
        return os.readlink(f'/proc/self/fd/{fd}')
    except OSError:
        return '?'
links = [link(fd) for fd in os.listdir('/proc/self/fd')]
ip = json.load(open(sys.argv[sys.argv.index('-f') + 1]))['ip']  # the channels' socket paths: ip-PORT
unix = {f[6]: (f[4], f[5], f[7] if len(f) > 7 else '') for f in map(str.split, open('/proc/net/unix').readlines()[1:])}
def client(target):
    m = re.fullmatch(r'socket:\[(\d+)\]', target)
    kind, state, path = unix.get(m.group(1), ('', '', '')) if m else ('', '', '')
    return kind == '0001' and state == '03' and path.startswith(ip + '-')  # connected stream on a channel's path
print(sorted(re.sub(r'[0-9a-f-]{8,}|\[\d+\]', 'N', t) for t in links if not client(t)),
      sum(map(client, links)) >= 2)  # at least shell and IOPub, which the cell came and goes by"""

#: A notebook that prints what a kernel inherits from the process that starts it.
PROBE = [
    "import os, re, signal, sys, threading, warnings\nimport matplotlib, numpy, pandas as pd\n"
    "import matplotlib.pyplot as plt\n"
    "print(hash('zhdiscourse'), sys.flags.hash_randomization, os.getcwd(), sys.argv[1:2], sys.path)",
    "print(sorted((k, v) for k, v in os.environ.items() if not k.startswith('JPY_')))",
    "print(matplotlib.get_backend(), sorted(t.name for t in threading.enumerate()), signal.getsignal(signal.SIGINT),\n"
    "      sys.modules['__main__'].__name__, os.getpgid(0) == os.getpid(), sys.getrecursionlimit())",
    FILES,
    "print([a if not a.endswith('.json') else 'CONNECTION' for a in sys.orig_argv])",
    "print(warnings.filters)",
    "warnings.formatwarning = lambda message, category, *a, **k: f'{category.__name__}: {message}\\n'\n"
    "warnings.warn('shown in a notebook', DeprecationWarning)",
    "pd.DataFrame({f'c{i}': range(3) for i in range(25)})",
    "plt.plot([1, 3, 2]); plt.title('inline')",
    "import logging; logging.getLogger('probe').warning('logged')",
]


def _write(path, cells):
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells]), path)
    return path


@pytest.fixture(scope="module")
def env(make_reproduce_env):
    with make_reproduce_env():  # the inline backend, as under `make reproduce`
        yield dict(os.environ, PYTHONHASHSEED="0", ZHD_NOTEBOOK="probe")


@pytest.fixture(scope="module")
def server(env):
    srv = ForkServer({k: v for k, v in env.items() if k != "ZHD_NOTEBOOK"}, preload=PRELOAD,
                     volatile=["ZHD_NOTEBOOK"]).start()
    yield srv
    srv.close()


def test_interpreter_prefix():
    assert interpreter_prefix(["/py", "-Xfrozen_modules=off", "-m", "ipykernel_launcher", "-f", "{c}"]) == [
        "/py", "-Xfrozen_modules=off"]
    assert interpreter_prefix(["/py", "-m", "other_kernel", "-f", "{c}"]) == []
    assert interpreter_prefix(["/usr/bin/R", "--slave"]) == []


def test_no_fork_server_where_kernels_cannot_be_forked(monkeypatch):
    monkeypatch.setattr(rp, "fork_supported", lambda: False)
    assert rp.fork_server(dict(os.environ, PYTHONHASHSEED="0")) is None


def test_the_library_preload_list_names_modules():
    names = rp.preload_modules()
    assert "zhdiscourse.tokenize.segment" in names and "pandas" in names
    assert not any(n.startswith(("zhdiscourse.cli", "zhdiscourse.report", "ipywidgets", "ipykernel")) for n in names)
    assert "matplotlib_inline.backend_inline" not in names


@needs_fork
@pytest.mark.parametrize("preload, why", [
    (["this"], "printed"),  # the Zen of Python, printed on import
    (["ipywidgets"], "hooks into IPython"),
    (["ipykernel.kernelapp"], "JPY_PARENT_PID"),
    (["no_such_module_zhd"], "ModuleNotFoundError"),
])
def test_a_server_whose_imports_a_kernel_would_see_declines(env, preload, why):
    with ForkServer(env, preload=preload) as srv:
        stats = srv.stats()
    assert stats["refusal"] and why in stats["refusal"]


@needs_fork
@pytest.mark.notebooks
def test_a_forked_kernel_gives_the_outputs_of_a_fresh_kernel(tmp_path, env, server):
    path = _write(tmp_path / "probe.ipynb", PROBE)
    forked_before = server.stats()["forked"]
    fresh = rp.run_notebook(path, env)
    forked = rp.run_notebook(path, env, fork_server=server.address)
    assert server.stats()["forked"] == forked_before + 1
    assert nbformat.writes(forked) == nbformat.writes(fresh)
    outputs = [c.outputs for c in forked.cells]
    assert [c.execution_count for c in forked.cells] == list(range(1, len(PROBE) + 1))
    assert outputs[2][0]["text"].startswith("module://matplotlib_inline.backend_inline")
    assert outputs[3][0]["text"].endswith("'socket:N'] True\n")  # files listed, the client's connections found
    assert "shown in a notebook" in outputs[6][0]["text"]  # a DeprecationWarning raised in a cell
    assert "image/png" in outputs[8][-1]["data"]
    assert "probe" in outputs[1][0]["text"] and "PYTHONHASHSEED', '0'" in outputs[1][0]["text"]


@needs_fork
@pytest.mark.notebooks
def test_an_error_in_a_forked_kernel_gives_one_line(tmp_path, env, server):
    path = _write(tmp_path / "99-broken.ipynb", ["x = 1", "raise KeyError('start')"])
    with pytest.raises(ZhDiscourseError) as info:
        rp.run_notebook(path, env, fork_server=server.address)
    assert str(info.value) == "99-broken.ipynb: KeyError: 'start'"
    died = _write(tmp_path / "98-dies.ipynb", ["import os; os._exit(3)"])
    with pytest.raises(ZhDiscourseError, match=r"^98-dies.ipynb: the kernel died$"):
        rp.run_notebook(died, env, fork_server=server.address)
    slow = _write(tmp_path / "97-slow.ipynb", ["import time; time.sleep(60)"])
    with pytest.raises(ZhDiscourseError, match=r"^97-slow.ipynb: a cell ran longer than 2 s$"):
        rp.run_notebook(slow, env, timeout=2, fork_server=server.address)


@needs_fork
@pytest.mark.notebooks
def test_without_a_fixed_hash_seed_the_kernel_starts_the_ordinary_way(tmp_path, env):
    path = _write(tmp_path / "seed.ipynb", ["print(hash('zhdiscourse') == hash('zhdiscourse'))"])
    random_seed = {k: v for k, v in env.items() if k != "PYTHONHASHSEED"}
    # nothing preloaded: the server declines on the request's environment, whatever it imported (a server with
    # PRELOAD prepares without refusal, as the module's server shows, and then declines for the same reason)
    with ForkServer(random_seed, preload=[]) as srv:
        nb = rp.run_notebook(path, random_seed, fork_server=srv.address)
        stats = srv.stats()
    assert nb.cells[0].outputs[0]["text"] == "True\n"
    assert stats["forked"] == 0 and stats["declined"] == 1 and "PYTHONHASHSEED" in stats["reason"]


def _run(path, env, address):
    nb = rp.run_notebook(path, env, fork_server=address)
    return [o.get("text", "") for c in nb.cells for o in c.outputs]


@needs_fork
@pytest.mark.notebooks
def test_two_forked_kernels_at_once_keep_their_own_outputs(tmp_path, env, server):
    cells = ["import os, time, numpy\nfor i in range(20):\n    print(os.environ['ZHD_NOTEBOOK'], i, flush=True)\n"
             "    time.sleep(0.01)", "print(numpy.random.random())"]
    paths = [_write(tmp_path / f"{name}.ipynb", cells) for name in ("one", "two")]
    forked_before = server.stats()["forked"]
    # two clients at once, as reproduce's two workers are; threads, not spawned interpreters (1.5 s of start-up
    # each): what is tested is the server and the kernels it forks
    with ThreadPoolExecutor(2) as pool:
        runs = [pool.submit(_run, p, dict(env, ZHD_NOTEBOOK=p.stem), server.address) for p in paths]
        texts = [r.result() for r in runs]
    assert server.stats()["forked"] == forked_before + 2
    for name, out in zip(("one", "two"), texts):
        assert out[0] == "".join(f"{name} {i}\n" for i in range(20))
    assert texts[0][1] != texts[1][1], "numpy's global generator is seeded afresh in every kernel"


def _manager(address):
    from traitlets.config import Config

    cfg = Config()
    cfg.ForkKernelManager.fork_server = address
    return ForkKernelManager(kernel_name="python3", config=cfg)


@needs_fork
@pytest.mark.notebooks
def test_the_kernel_manager_controls_and_reaps_a_forked_kernel(tmp_path, env, server):
    async def scenario():
        km = _manager(server.address)
        await km.start_kernel(env=env, cwd=str(tmp_path))
        try:
            assert isinstance(km.provisioner, forkkernel.ForkProvisioner) and km.provisioner.declined is None
            pid = km.provisioner.pid
            assert await km.is_alive() and os.getpgid(pid) == pid  # its own session, as the launcher gives it
            kc = km.client()
            kc.start_channels()
            await kc.wait_for_ready(timeout=60)
            msg_id = kc.execute("import time; time.sleep(30)")
            await asyncio.sleep(0.5)
            await km.interrupt_kernel()  # SIGINT to the kernel's process group
            while True:
                reply = await kc.get_shell_msg(timeout=30)
                if reply["parent_header"].get("msg_id") == msg_id:
                    break
            assert reply["content"]["status"] == "error" and reply["content"]["ename"] == "KeyboardInterrupt"
            kc.stop_channels()
        finally:
            await km.shutdown_kernel(now=True)
        assert not await km.is_alive()
        return pid

    pid = asyncio.run(scenario())
    time.sleep(0.1)
    with pytest.raises(ProcessLookupError):  # exited and reaped: no zombie left behind
        os.kill(pid, 0)


@needs_fork
@pytest.mark.notebooks
def test_closing_the_server_ends_and_reaps_its_kernels(tmp_path, env):
    srv = ForkServer(env, preload=[]).start()
    address = srv.address

    async def scenario():
        km = _manager(address)
        await km.start_kernel(env=env, cwd=str(tmp_path))
        pid = km.provisioner.pid
        assert km.provisioner.declined is None and await km.is_alive()
        srv.close()  # with the kernel still running
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)
        assert not await km.is_alive()  # the manager copes with a server that is gone
        await km.shutdown_kernel(now=True)

    asyncio.run(scenario())
    assert not os.path.exists(address)
    with pytest.raises(forkkernel.ForkUnavailable):
        forkkernel._request(address, {"op": "stats"}, timeout=5)
