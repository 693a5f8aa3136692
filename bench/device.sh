#!/usr/bin/env bash
# The GPU check, run on a lent device machine in one call (issue 23). Prepared here by
# `./dev device-pack` (the binaries, the shared libraries an image without this project's
# packages lacks, the Vulkan loader, this script: all in .devpack/); there, from the repo root:
#
#   bash .devpack/device.sh            # with `carry: [".devpack"]`, OUT set by the device tool
#
# It prints the Vulkan device, runs the byte-identity tests on Vulkan (golden hashes, random
# display lists, damage sequences, the mail views CPU vs Vulkan), then `facsim bench --only
# render` on Vulkan (and the CPU reference at one size) at each batch size, and a rollout; every
# part under its own time limit, going on past a failed one. What it writes under $OUT (at most
# 8 files come back): summary.txt (each part's status and time), bench.json, tests.log,
# rollout.log, device.txt, cuda.json. Here (lavapipe) it runs end to end with smaller sizes:
#
#   FACSIM_DEVICE_ENVS="1 4" FACSIM_DEVICE_ITERS=2 OUT=/tmp/dev bash bench/device.sh
set -uo pipefail
cd "$(dirname "$0")/.."  # the repo root, whether run as .devpack/device.sh or bench/device.sh
PACK=${FACSIM_PACK:-.devpack}
OUT=${OUT:-/tmp/facsim-device}
ENVS=${FACSIM_DEVICE_ENVS:-1 64 1024 4096}
ITERS=${FACSIM_DEVICE_ITERS:-5}
BUDGET=${FACSIM_DEVICE_BUDGET_S:-470}  # the whole run: under 8 minutes
mkdir -p "$OUT"
: >"$OUT/summary.txt"
start=$(date +%s)
say() { echo "$*" | tee -a "$OUT/summary.txt"; }

# Binaries: the pack's where there is one, else this checkout's build (a run here).
if [ -x "$PACK/bin/facsim" ]; then
  BIN=$PACK/bin
  TESTS=$PACK/bin
  export LD_LIBRARY_PATH="$PWD/$PACK/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
else
  BIN=build/release/cli
  TESTS=build/release/tests
fi
# The NVIDIA driver's ICD, where the image keeps it (the device README).
for icd in /usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json /usr/share/vulkan/icd.d/nvidia_icd.json; do
  if [ -z "${VK_DRIVER_FILES:-}" ] && [ -f "$icd" ]; then export VK_DRIVER_FILES=$icd; fi
done
say "facsim device check: $(date -u +%FT%TZ), host $(uname -n), envs [$ENVS], iters $ITERS, binaries $BIN"

# part NAME SECONDS LOGFILE COMMAND...: runs it under a time limit (never past the budget),
# appending to LOGFILE; records status and seconds; never stops the script.
part() {
  local name=$1 limit=$2 log=$3
  shift 3
  local left=$((BUDGET - ($(date +%s) - start)))
  if [ "$left" -le 5 ]; then
    say "$name: skipped (budget spent)"
    return 0
  fi
  [ "$limit" -gt "$left" ] && limit=$left
  local t0=$(date +%s)
  echo "== $name: $*" >>"$OUT/$log"
  timeout --kill-after=5 "$limit" "$@" >>"$OUT/$log" 2>&1
  local rc=$?
  local status=ok
  [ $rc -eq 124 ] || [ $rc -eq 137 ] && status="timed out after ${limit}s"
  [ $rc -ne 0 ] && [ "$status" = ok ] && status="failed (exit $rc)"
  say "$name: $status in $(($(date +%s) - t0))s"
}

# The device, as Vulkan and the driver see it.
{
  command -v nvidia-smi >/dev/null && nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv
  echo "VK_DRIVER_FILES=${VK_DRIVER_FILES:-}"
} >"$OUT/device.txt" 2>&1
part device 60 device.txt "$BIN/facsim" bench --json --only render --backend vulkan --envs 1 --iters 1

# Byte identity with the CPU reference.
part renderer_tests 120 tests.log "$TESTS/test_renderer" --gtest_brief=1
part views_cpu_vs_vulkan 120 tests.log "$TESTS/test_sim" --gtest_brief=1 \
  --gtest_filter='EveryApp/CpuVsVulkan.*:Sim.GoldenFrameHashes'

# Full redraw, damage path, readback and batch steps per batch size; the CPU reference at 1.
# shellcheck disable=SC2086
part bench_vulkan 240 bench.json "$BIN/facsim" bench --json --only render --backend vulkan --envs $ENVS --iters "$ITERS"
part bench_cpu 60 bench.json "$BIN/facsim" bench --json --only render --backend cpu --envs 1 --iters "$ITERS"

# A rollout on the GPU: the oracle over a few tasks, frames rendered in batches.
part rollout 90 rollout.log "$BIN/facsim" rollout --backend vulkan --policy oracle --seeds 4 --envs 64 \
  --task mail.open_email chat.reply_thread shopping.add_to_cart banking.pay_invoice --out "$OUT/rollout_out"
rm -rf "$OUT/rollout_out"  # only the log comes back (the device tool returns 8 files at most)

# The CUDA hand-off: a Vulkan vector env's frames as a CUDA tensor in PyTorch (DLPack, no copy
# through the host), byte for byte against the CPU reference, then timed (bench/cuda_handoff.py).
if [ -x "$PACK/bin/facsim" ]; then
  PY_DIR=$PACK/python LIB=$PACK/lib/libfacsim.so
else
  PY_DIR=rpc/python LIB=build/release/rpc/libfacsim.so
fi
if python3 -c "import torch, numpy" 2>/dev/null; then
  part cuda_handoff 120 cuda.json python3 "$PY_DIR/cuda_handoff.py" "$PY_DIR" "$PWD/$LIB" \
    "${FACSIM_DEVICE_CUDA_ENVS:-64}" "$ITERS"
else
  say "cuda_handoff: skipped (no python3 with torch and numpy here)"
fi
say "done in $(($(date +%s) - start))s"
