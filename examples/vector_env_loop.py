#!/usr/bin/env python3
"""A training-loop skeleton over facsim's VectorEnv: N envs stepped in one request, frames as a
numpy (N, H, W, 3) uint8 view (torch.from_dlpack takes it without a copy), Gymnasium's
autoreset. The policy here clicks at random; put yours in its place.

Needs: `facsim serve` running (build/release/cli/facsim serve --port 8765) and numpy
(Debian's python3-numpy). Not run in CI (tests/test_vector_env.py tests the same calls).
    python3 examples/vector_env_loop.py --task mail.star_email --envs 16 --steps 200
"""
import argparse
import os
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "rpc", "python"))
from facsim_client import VectorEnv  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--url", default="http://127.0.0.1:8765")
    ap.add_argument("--task", default="mail.star_email")
    ap.add_argument("--envs", type=int, default=16)
    ap.add_argument("--steps", type=int, default=200)
    ap.add_argument("--width", type=int, default=640)
    ap.add_argument("--height", type=int, default=400)
    args = ap.parse_args()

    venv = VectorEnv(args.task, num_envs=args.envs, base_url=args.url, width=args.width, height=args.height)
    rng = np.random.default_rng(0)
    obs, infos = venv.reset(seed=0)
    returns, episodes, solved = np.zeros(args.envs), 0, 0
    try:
        for _ in range(args.steps):
            # policy(obs, infos["instruction"]) -> actions; any dialect facsim parses will do.
            xs, ys = rng.integers(0, args.width, args.envs), rng.integers(0, args.height, args.envs)
            actions = [{"kind": "click", "x": int(x), "y": int(y)} for x, y in zip(xs, ys)]
            obs, rewards, terminated, truncated, infos = venv.step(actions)
            returns += rewards
            for i in np.flatnonzero(terminated | truncated):
                episodes += 1
                solved += bool(infos["success"][i])
                returns[i] = 0.0
        print(f"{episodes} episodes ended, {solved} solved; last frames {obs.shape} {obs.dtype}")
    finally:
        venv.close()


if __name__ == "__main__":
    main()
