#!/usr/bin/env python3
"""OpenEnv session latency (issue 22): one session on `facsim serve`'s /ws (Debian's
python3-websockets, 10.4: asyncio), a hover step a message, the reply carrying the frame as
base64 JPEG or PNG (or none), at 1280x800; median and p90 over the steps, with the HTTP API's
own step (POST /envs/{id}/step with "screenshot") in the same run as the baseline. One JSON
object a line.

Usage: bench/openenv_step.py <facsim> [steps]
"""
import asyncio
import json
import re
import subprocess
import sys
import time

import websockets

sys.path.insert(0, __file__.rsplit("/", 2)[0] + "/rpc/python")
from facsim_client import Client  # noqa: E402

STEPS = int(sys.argv[2]) if len(sys.argv) > 2 else 60
TASK = "mail.open_email"


def hover(k):
    return {"action": "mouse_move", "coordinate": [300 + (k % 2) * 10, 200 + (k % 7) * 40]}


def stats(name, ms, **kw):
    ms = sorted(ms)
    for q, label in ((0.5, "median"), (0.9, "p90")):
        print(json.dumps({"name": name, "value": round(ms[int(q * (len(ms) - 1))], 2), "unit": "ms",
                          "stat": label, "width": 1280, "height": 800, **kw}), flush=True)


async def ws_steps(port, fmt):
    async with websockets.connect(f"ws://127.0.0.1:{port}/ws", max_size=1 << 26) as ws:
        async def send(msg):
            await ws.send(json.dumps(msg))
            return json.loads(await ws.recv())
        await send({"type": "reset", "data": {"task": TASK, "seed": 1, "screenshot": fmt}})
        times = []
        for k in range(STEPS):
            if k % 10 == 9:  # the task's budget is 12 steps: a new episode, untimed
                await send({"type": "reset", "data": {"seed": 1}})
            t0 = time.perf_counter()
            reply = await send({"type": "step", "data": hover(k)})
            times.append((time.perf_counter() - t0) * 1000)
            assert reply["type"] == "observation", reply
        await ws.send(json.dumps({"type": "close"}))
    return times


def main():
    server = subprocess.Popen([sys.argv[1], "serve", "--port", "0"], stdout=subprocess.PIPE, text=True)
    try:
        port = re.search(r":(\d+) ", server.stdout.readline()).group(1)
        for fmt in ("jpeg", "png", "none"):
            stats("openenv_ws_step", asyncio.run(ws_steps(port, fmt)), screenshot=fmt)
        c = Client(f"http://127.0.0.1:{port}")
        env = c.create(TASK, seed=1)
        for fmt in ("jpeg", "png"):
            times = []
            for k in range(STEPS):
                if k % 10 == 9:
                    c.request("POST", f"/envs/{env.id}/reset", {"seed": 1})
                t0 = time.perf_counter()
                c.request("POST", f"/envs/{env.id}/step", {"action": hover(k), "screenshot": fmt})
                times.append((time.perf_counter() - t0) * 1000)
            stats("http_step_with_screenshot", times, screenshot=fmt)
        env.close()
    finally:
        server.terminate()
        server.wait(10)


if __name__ == "__main__":
    main()
