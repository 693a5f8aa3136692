#!/usr/bin/env python3
"""The Python client's VectorEnv against a real `facsim serve`: Gymnasium's vector semantics
(reset with seeds and a mask, step, autoreset next_step and same_step), one request a step,
observations a numpy view on the reply's body that DLPack exports without a copy, frames equal
to each env's own screenshot and the same for the same seeds.

Then LocalVectorEnv (libfacsim.so in this process, CPU and Vulkan backends): the same frames,
rewards and infos as the server's for the same seeds and actions.

Usage: test_vector_env.py <path to facsim> <dir of facsim_client.py> [<path to libfacsim.so>]
"""
import os
import re
import subprocess
import sys

try:
    import numpy as np
except ImportError:  # pyenv and the like: Debian's python3 has python3-numpy
    if sys.executable != "/usr/bin/python3" and os.path.exists("/usr/bin/python3"):
        os.execv("/usr/bin/python3", ["/usr/bin/python3"] + sys.argv)
    raise

sys.path.insert(0, sys.argv[2])
from facsim_client import Client, FacsimError, LocalVectorEnv, VectorEnv  # noqa: E402

W, H, N = 320, 200, 4
MOVE = {"kind": "move", "x": 40, "y": 40}


def main():
    server = subprocess.Popen([sys.argv[1], "serve", "--port", "0", "--threads", "2"], stdout=subprocess.PIPE, text=True)
    try:
        port = int(re.search(r":(\d+) ", server.stdout.readline()).group(1))
        url = f"http://127.0.0.1:{port}"
        venv = VectorEnv("mail.open_email", num_envs=N, base_url=url, width=W, height=H)
        obs, infos = venv.reset(seed=10)
        assert obs.shape == (N, H, W, 3) and obs.dtype == np.uint8, obs.shape
        assert venv.single_observation_space["shape"] == (H, W, 3)
        assert list(infos["step"]) == [0] * N and infos["_step"].all()
        # Each frame is that env's own screenshot (raw RGB), and a view on the reply, no copy.
        for i, e in enumerate(venv.envs):
            own = np.frombuffer(Client(url).request("GET", f"/envs/{e.id}/screenshot?format=rgb"), np.uint8)
            assert (obs[i].reshape(-1) == own).all(), i
        assert obs.base is not None and obs.flags.writeable
        exported = np.from_dlpack(obs)
        assert np.shares_memory(exported, obs)
        try:
            import torch  # Debian's python3-torch, where installed
            t = torch.from_dlpack(obs)
            assert tuple(t.shape) == (N, H, W, 3) and t.dtype == torch.uint8
            assert t.data_ptr() == obs.__array_interface__["data"][0]
        except ImportError:
            pass
        # Same seeds, same frames; different seeds, different worlds.
        again = VectorEnv("mail.open_email", num_envs=N, base_url=url, width=W, height=H)
        obs2, _ = again.reset(seed=10)
        assert (obs2 == obs).all()
        assert again.instructions[0] != again.instructions[1]
        again.close()
        # A step: one request for all; env 1's action is malformed (its error, the others step).
        obs, rew, term, trunc, infos = venv.step([MOVE, {"kind": "teleport"}, MOVE, {"kind": "done"}])
        assert list(infos["step"])[0] == 1 and infos["_error"][1] and "teleport" in infos["error"][1], infos
        assert list(term) == [False, False, False, True] and not trunc.any()
        assert rew.dtype == np.float64
        # next_step autoreset: env 3 ended, so this step resets it (action ignored, reward 0).
        obs, rew, term, trunc, infos = venv.step([MOVE] * N)
        assert infos["step"][3] == 0 and not term[3] and rew[3] == 0.0, infos
        assert infos["step"][0] == 2
        # reset_mask: only env 0 starts again.
        obs, infos = venv.reset(options={"reset_mask": [True, False, False, False]})
        assert list(infos["_step"]) == [True, False, False, False] and infos["step"][0] == 0, infos
        assert Client(url).json("GET", f"/envs/{venv.envs[2].id}")["step"] == 2
        try:
            venv.step([MOVE] * (N - 1))
            raise AssertionError("a wrong number of actions was taken")
        except ValueError:
            pass
        venv.close()
        # same_step: the env that ends is reset in the same call; its last frame is in infos.
        same = VectorEnv("mail.open_email", num_envs=2, base_url=url, width=W, height=H, autoreset_mode="same_step")
        same.reset(seed=3)
        obs, rew, term, trunc, infos = same.step([{"kind": "done"}, MOVE])
        assert term[0] and infos["_final_obs"][0] and not infos["_final_obs"][1]
        assert infos["final_obs"].shape == (2, H, W, 3)
        st = Client(url).json("GET", f"/envs/{same.envs[0].id}")
        assert st["step"] == 0 and not st["done"], st
        same.close()
        # The server's checks: unknown envs and uneven lists are refused before anything moves.
        c = Client(url)
        for body, status in [({"envs": [999999], "actions": [MOVE]}, 404), ({"envs": [], "actions": []}, 400),
                             ({"envs": [venv.envs[0].id], "actions": [MOVE, MOVE]}, 400)]:
            try:
                c.request("POST", "/batch/step", body)
                raise AssertionError(body)
            except Exception as e:  # FacsimError
                assert getattr(e, "status", None) == status, (body, e)
        print("vector env: ok")
        if len(sys.argv) > 3:
            local_checks(url, sys.argv[3])
            print("local vector env: ok")
    finally:
        server.terminate()
        server.wait(10)


def local_checks(url, lib):
    """LocalVectorEnv against the server's VectorEnv: every step's frames and results equal."""
    actions = [[MOVE, {"kind": "teleport"}, MOVE, {"kind": "done"}],
               [{"kind": "click", "x": 300, "y": 150}, MOVE, "pyautogui.click(20, 30)", MOVE],
               [{"action": "scroll", "coordinate": [160, 120], "scroll_direction": "down", "scroll_amount": 2}] * N]
    for backend in ("cpu", "vulkan"):
        http = VectorEnv("mail.open_email", num_envs=N, base_url=url, width=W, height=H)
        local = LocalVectorEnv("mail.open_email", num_envs=N, width=W, height=H, backend=backend, library=lib)
        a, ai = http.reset(seed=10)
        b, bi = local.reset(seed=10)
        assert b.shape == (N, H, W, 3) and (a == b).all(), backend
        assert local.instructions == http.instructions and local.instructions[0], local.instructions
        for step in actions:
            ha = http.step(step)
            la = local.step(step)
            assert (ha[0] == la[0]).all(), (backend, step)
            for k in (1, 2, 3):
                assert (ha[k] == la[k]).all(), (backend, k, ha[k], la[k])
            for key in ("step", "_step", "success", "_error"):
                assert list(ha[4][key]) == list(la[4][key]), (backend, key, ha[4][key], la[4][key])
        http.close()
        # RGBA frames; a body the library refuses changes no env; same_step autoreset.
        rgba = LocalVectorEnv("mail.open_email", num_envs=2, width=W, height=H, backend=backend,
                              channels=4, autoreset_mode="same_step", library=lib)
        o, _ = rgba.reset(seed=10)
        assert o.shape == (2, H, W, 4) and (o[..., 3] == 255).all() and (o[..., :3] == a[:2]).all()
        try:
            rgba._call("/batch/step", {"actions": [MOVE]})  # one action for two envs
            raise AssertionError("uneven lists were taken")
        except FacsimError as e:
            assert "one entry an env" in e.message, e.message
        view = LocalVectorEnv("mail.open_email", num_envs=2, width=W, height=H, backend=backend,
                              channels=4, copy=False, library=lib)
        v, _ = view.reset(seed=10)
        assert v.shape == o.shape and (v == o).all()
        first = v.copy()
        v2 = view.step([{"kind": "click", "x": 30, "y": 150}] * 2)[0]
        assert np.shares_memory(v, v2) and not (v2 == first).all()  # one buffer, rewritten
        view.close()
        o, rew, term, trunc, infos = rgba.step([{"kind": "done"}, MOVE])
        assert term[0] and infos["_final_obs"][0] and infos["final_obs"].shape == (2, H, W, 4)
        assert infos["step"][1] == 1
        rgba.close()
        local.close()
    for bad in ({"num_envs": 0}, {"width": 5000}, {"backend": "metal"}, {"dialect": "klingon"}):
        try:
            LocalVectorEnv("mail.open_email", library=lib, **{"num_envs": 1, **bad})
            raise AssertionError(bad)
        except (FacsimError, ValueError):
            pass
    try:
        LocalVectorEnv("no.such.task", 1, library=lib)
        raise AssertionError("an unknown task was taken")
    except FacsimError as e:
        assert "no.such.task" in e.message, e.message
    # cuda=True where no CUDA device sees the Vulkan GPU (this box: lavapipe): a clear error.
    try:
        venv = LocalVectorEnv("mail.open_email", 1, width=W, height=H, backend="vulkan", cuda=True, library=lib)
        venv.frames_cuda()  # a GPU machine: the frames are there
        venv.close()
    except FacsimError as e:
        assert "CUDA" in e.message or "export" in e.message, e.message


if __name__ == "__main__":
    main()
