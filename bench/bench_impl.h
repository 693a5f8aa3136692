// bench internals shared by the sections (bench.cpp: step, render, png; bench_state.cpp).
#pragma once
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ostream>
#include <string>
#include <utility>

#include "bench.h"

namespace facsim::bench {

using Clock = std::chrono::steady_clock;

inline double seconds_since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

// Runs fn up to `iters` times but stops after ~2 s (slow backends such as lavapipe);
// returns (iterations run, seconds).
template <class F>
std::pair<int, double> timed(int iters, F&& fn) {
  auto t0 = Clock::now();
  int n = 0;
  while (n < std::max(1, iters)) {
    if (!fn()) break;
    ++n;
    if (seconds_since(t0) > 2.0) break;
  }
  return {n, seconds_since(t0)};
}

struct Emit {
  const Options& o;
  std::ostream& out;
  void operator()(const std::string& name, double value, const char* unit,
                  const std::string& backend, int envs, int threads, const std::string& extra = "") {
    char buf[512];
    if (o.json) {
      std::snprintf(buf, sizeof buf,
                    "{\"name\":\"%s\",\"value\":%.6g,\"unit\":\"%s\",\"backend\":\"%s\","
                    "\"envs\":%d,\"width\":%d,\"height\":%d,\"threads\":%d%s}\n",
                    name.c_str(), value, unit, backend.c_str(), envs, o.width, o.height, threads,
                    extra.c_str());
    } else {
      std::snprintf(buf, sizeof buf, "%-28s %12.3f %-10s backend=%s envs=%d %dx%d threads=%d\n",
                    name.c_str(), value, unit, backend.c_str(), envs, o.width, o.height, threads);
    }
    out << buf << std::flush;
  }
};


Status run_state(const Options& o, Emit& emit);
Status run_rpc(const Options& o, Emit& emit);  // bench_rpc.cpp

}  // namespace facsim::bench
