#!/usr/bin/env python3
"""Vector env throughput (issue 22): N envs of one task stepped together, three ways in one run -
LocalVectorEnv (libfacsim.so in this process, one batch render a step; RGB copies, and RGBA views
of the batch's buffer with copy=False), VectorEnv over HTTP (one
POST /batch/step a step), and N separate HTTP steps each fetching its raw frame - with frames
(RGB) at each size. Prints one JSON object a line (name, value, unit, parameters).

Usage: bench/vector_env.py <facsim> <dir of facsim_client.py> <libfacsim.so> [iters] [backend]
"""
import json
import re
import subprocess
import sys
import time

sys.path.insert(0, sys.argv[2])
from facsim_client import Client, LocalVectorEnv, VectorEnv  # noqa: E402

ITERS = int(sys.argv[4]) if len(sys.argv) > 4 else 20
BACKEND = sys.argv[5] if len(sys.argv) > 5 else "cpu"
TASK = "mail.open_email"


def actions(n, step, w, h):
    """Hovers inside the window (over the inbox's rows at 640x400)."""
    return [{"kind": "move", "x": w // 6 + (step * 13 + i * 7) % (w * 2 // 3), "y": h // 5 + (step * 11 + i * 5) % (h * 3 // 5)}
            for i in range(n)]


def timed(fn, n, reset):
    """Steps per second over ITERS steps, in rounds of 10 (the task's budget is 12 steps), each
    round after an untimed reset and one warm-up step."""
    total, done, k = 0.0, 0, 0
    while done < ITERS:
        reset()
        fn(k)
        k += 1
        t0 = time.perf_counter()
        for _ in range(min(10, ITERS - done)):
            fn(k)
            k += 1
            done += 1
        total += time.perf_counter() - t0
    return ITERS * n / total


def emit(name, value, unit, **kw):
    print(json.dumps({"name": name, "value": round(value, 1), "unit": unit, **kw}), flush=True)


def main():
    server = subprocess.Popen([sys.argv[1], "serve", "--port", "0"], stdout=subprocess.PIPE, text=True)
    try:
        url = "http://127.0.0.1:" + re.search(r":(\d+) ", server.stdout.readline()).group(1)
        for w, h in ((160, 100), (640, 400)):
            for n in (16, 64):
                kw = {"envs": n, "width": w, "height": h}
                local = LocalVectorEnv(TASK, n, width=w, height=h, backend=BACKEND, library=sys.argv[3])
                loc = timed(lambda k: local.step(actions(n, k, w, h)), n, lambda: local.reset(seed=0))
                local.close()
                view = LocalVectorEnv(TASK, n, width=w, height=h, backend=BACKEND, channels=4, copy=False,
                                      library=sys.argv[3])
                loc_view = timed(lambda k: view.step(actions(n, k, w, h)), n, lambda: view.reset(seed=0))
                view.close()
                http = VectorEnv(TASK, n, base_url=url, width=w, height=h)
                vec = timed(lambda k: http.step(actions(n, k, w, h)), n, lambda: http.reset(seed=0))
                c = Client(url)

                def separate(k):
                    for i, e in enumerate(http.envs):
                        c.request("POST", f"/envs/{e.id}/step", {"action": actions(n, k, w, h)[i]})
                        c.request("GET", f"/envs/{e.id}/screenshot?format=rgb")
                sep = timed(separate, n, lambda: http.reset(seed=0))
                http.close()
                emit("local_vector_env_step", loc, "env-steps/s", backend=BACKEND, **kw)
                emit("http_vector_env_step", vec, "env-steps/s", backend="cpu", **kw)
                emit("http_separate_steps", sep, "env-steps/s", backend="cpu", **kw)
                emit("local_vector_env_step_view", loc_view, "env-steps/s", backend=BACKEND, channels=4, **kw)
                emit("local_vs_separate", loc / sep, "x", **kw)
                emit("local_view_vs_separate", loc_view / sep, "x", **kw)
                emit("http_vector_vs_separate", vec / sep, "x", **kw)
    finally:
        server.terminate()
        server.wait(10)


if __name__ == "__main__":
    main()
