#!/usr/bin/env python3
"""The CUDA hand-off on a GPU machine (issue 23; run by bench/device.sh): a LocalVectorEnv on
Vulkan with cuda=True, its frames taken by torch.from_dlpack as a CUDA tensor (no copy through
the host), checked byte for byte against the CPU reference's frames for the same seeds and
actions, then timed. Prints one JSON object a line (the bench's contract) and exits non-zero on
any difference.

Usage: python3 bench/cuda_handoff.py <dir of facsim_client.py> <libfacsim.so> [envs] [steps]
"""
import json
import sys
import time

sys.path.insert(0, sys.argv[1])
from facsim_client import LocalVectorEnv  # noqa: E402

LIB = sys.argv[2]
N = int(sys.argv[3]) if len(sys.argv) > 3 else 64
STEPS = int(sys.argv[4]) if len(sys.argv) > 4 else 20
W, H = 1280, 800
TASK = "mail.open_email"


def actions(step):
    # Hovers, clicks and scrolls over the inbox: each env its own, the same on both backends.
    out = []
    for i in range(N):
        k = (step + i) % 4
        x, y = 200 + 37 * ((step * 7 + i) % 25), 120 + 23 * ((step * 3 + i) % 25)
        out.append({"kind": "move", "x": x, "y": y} if k < 2 else
                   {"kind": "click", "x": x, "y": y} if k == 2 else
                   {"kind": "scroll", "x": x, "y": y, "dy": 120})
    return out


def emit(name, value, unit, **kw):
    print(json.dumps({"name": name, "value": value, "unit": unit, "envs": N, "width": W, "height": H, **kw}),
          flush=True)


def main():
    global N
    import re
    import numpy as np
    import torch
    from facsim_client import FacsimError
    try:
        gpu = LocalVectorEnv(TASK, N, width=W, height=H, backend="vulkan", cuda=True, channels=4, library=LIB,
                             autoreset_mode="disabled")
    except FacsimError as e:  # a device whose buffers hold fewer frames: as many as one holds
        m = re.search(r"at most (\d+)", e.message)
        if not m:
            raise
        print(f"# {e.message}: {m[1]} envs", flush=True)
        N = int(m[1])
        gpu = LocalVectorEnv(TASK, N, width=W, height=H, backend="vulkan", cuda=True, channels=4, library=LIB,
                             autoreset_mode="disabled")
    ref = LocalVectorEnv(TASK, N, width=W, height=H, backend="cpu", channels=4, library=LIB,
                         autoreset_mode="disabled")
    a, _ = gpu.reset(seed=7)
    b, _ = ref.reset(seed=7)
    bad = []
    for step in range(6):
        t = torch.from_dlpack(gpu.frames_cuda())
        assert t.is_cuda and tuple(t.shape) == (N, H, W, 4) and t.dtype == torch.uint8, (t.device, t.shape)
        on_gpu = t.cpu().numpy()
        if not (on_gpu == b).all():
            env = int(np.flatnonzero((on_gpu != b).reshape(N, -1).any(axis=1))[0])
            bad.append(f"step {step}: env {env} differs from the CPU reference")
        if not (a == b).all():
            bad.append(f"step {step}: the host frames differ from the CPU reference")
        acts = actions(step)
        a = gpu.step(acts)[0]
        b = ref.step(acts)[0]
    emit("cuda_handoff_identity", 0 if bad else 1, "bool", detail=bad[:4])
    # Timed: steps with the frames handed to torch (a reduction on the GPU reads every byte).
    torch.cuda.synchronize()
    t0 = time.perf_counter()
    total = 0
    for step in range(STEPS):
        gpu.step(actions(step))
        total += int(torch.from_dlpack(gpu.frames_cuda()).sum(dtype=torch.int64).item() & 1)
    torch.cuda.synchronize()
    dt = time.perf_counter() - t0
    emit("cuda_handoff_steps", STEPS * N / dt, "env-steps/s", backend="vulkan")
    t0 = time.perf_counter()
    for step in range(STEPS):
        ref.step(actions(step))
    emit("cpu_vector_env_steps", STEPS * N / (time.perf_counter() - t0), "env-steps/s", backend="cpu")
    gpu.close()
    ref.close()
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
