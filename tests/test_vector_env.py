#!/usr/bin/env python3
"""The Python client's VectorEnv against a real `facsim serve`: Gymnasium's vector semantics
(reset with seeds and a mask, step, autoreset next_step and same_step), one request a step,
observations a numpy view on the reply's body that DLPack exports without a copy, frames equal
to each env's own screenshot and the same for the same seeds.

Usage: test_vector_env.py <path to facsim> <dir of facsim_client.py>
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
from facsim_client import Client, VectorEnv  # noqa: E402

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
    finally:
        server.terminate()
        server.wait(10)


if __name__ == "__main__":
    main()
