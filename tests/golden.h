// Golden hashes for tests: a map of name -> hex hash, kept in tests/golden/<file>. A change
// means pixels changed: look at the frames, then rewrite with FACSIM_UPDATE_GOLDEN=1.
#pragma once
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <string>

inline void check_golden(const std::string& file, const std::map<std::string, std::string>& got) {
  const std::string path = std::string(FACSIM_GOLDEN_DIR) + "/" + file;
  if (std::getenv("FACSIM_UPDATE_GOLDEN")) {
    std::ofstream out(path);
    for (const auto& [k, v] : got) out << k << " " << v << "\n";
    GTEST_SKIP() << "golden hashes rewritten";
  }
  std::ifstream in(path);
  ASSERT_TRUE(in) << "missing " << path << " (run with FACSIM_UPDATE_GOLDEN=1)";
  std::map<std::string, std::string> want;
  for (std::string k, v; in >> k >> v;) want[k] = v;
  EXPECT_EQ(want, got);
}
