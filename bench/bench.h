// bench: the measurements behind `facsim bench` (bench/RESULTS.md records them).
// With json, one object per line: {"name", "value", "unit", "backend", "envs", "width",
// "height", "threads", ...} (the contract in ARCHITECTURE.md).
#pragma once
#include <ostream>
#include <string>
#include <vector>

#include "base.h"

namespace facsim::bench {

struct Options {
  bool json = false;
  std::vector<std::string> backends = {"cpu", "vulkan"};
  std::vector<int> envs = {1, 16};
  int threads = 0;
  int iters = 20;
  int width = 1280, height = 800;
  std::vector<std::string> only;            // sections to run: step, state, render, png, rpc (all)
  std::vector<int> world_mb = {1, 8, 64};   // state: world sizes for fork/restore
};

Status run(const Options& o, std::ostream& out);

}  // namespace facsim::bench
