// base: the few vocabulary types every facsim module shares.
//
// How to use:
//   Result<int> parse(std::string_view s);      // a module border returns Result<T>
//   auto r = parse("12"); if (!r) log(r.error().message); else use(*r);
//   return Error{Errc::invalid_argument, "x out of range"};   // caller mistakes: typed code
// Bugs assert; caller mistakes get an Errc with a message; exceptions never cross modules
// (rpc/ turns Errc into HTTP status codes).
#pragma once
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string_view>
#include <string>
#include <utility>
#include <variant>

namespace facsim {

// X-macro table: code, HTTP-ish status used by rpc/, text.
#define FACSIM_ERRC(X)                                        \
  X(invalid_argument, 400, "invalid argument")                \
  X(not_found, 404, "not found")                              \
  X(sql, 500, "SQL error")                                    \
  X(io, 500, "I/O error")                                     \
  X(gpu, 500, "GPU error")                                    \
  X(unsupported, 501, "unsupported")                          \
  X(determinism, 500, "determinism violation")                \
  X(episode_over, 409, "the episode is over: reset the env")   \
  X(internal, 500, "internal error")

enum class Errc : uint8_t {
#define FACSIM_X(name, status, text) name,
  FACSIM_ERRC(FACSIM_X)
#undef FACSIM_X
};

const char* errc_name(Errc c);  // "invalid_argument"
int errc_status(Errc c);        // 400, 404, 500, ...

struct Error {
  Errc code = Errc::invalid_argument;
  std::string message;
};

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T v) : v_(std::move(v)) {}                 // NOLINT: implicit by design
  Result(Error e) : v_(std::move(e)) {}             // NOLINT
  explicit operator bool() const { return v_.index() == 0; }
  bool ok() const { return v_.index() == 0; }
  T& operator*() & { return std::get<0>(v_); }
  const T& operator*() const& { return std::get<0>(v_); }
  T&& operator*() && { return std::get<0>(std::move(v_)); }
  T* operator->() { return &std::get<0>(v_); }
  const T* operator->() const { return &std::get<0>(v_); }
  const Error& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

// Result<void>: success or an Error.
struct Status {
  Status() = default;
  Status(Error e) : err_(std::move(e)), failed_(true) {}  // NOLINT
  explicit operator bool() const { return !failed_; }
  bool ok() const { return !failed_; }
  const Error& error() const { return err_; }

 private:
  Error err_;
  bool failed_ = false;
};

// 64-bit FNV-1a of a string: stable ids for UI elements and keys (never pointer values).
constexpr uint64_t stable_id(std::string_view s) {
  uint64_t h = 1469598103934665603ull;
  for (char c : s) h = (h ^ uint8_t(c)) * 1099511628211ull;
  return h;
}

// SplitMix64: the seeded generator every module uses (state fits in one SQL integer).
struct Rng {
  uint64_t state = 0;
  uint64_t next() {
    uint64_t z = (state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }
  // Uniform in [0, n); the modulo bias is irrelevant for world generation. n == 0 is a
  // caller's bug (an empty list to pick from): it throws instead of dividing by zero, and the
  // step, reset or pool task around it reports the error.
  uint32_t below(uint32_t n);
  // A stream of its own for the generator or task named `name`, from a world seed: adding or
  // changing one generator changes no other's draws (STYLE.md, lesson 13).
  static Rng stream(uint64_t seed, std::string_view name);
};

// A fixed set of worker threads for data-parallel loops. parallel_for(n, fn) calls fn(i) for
// every i in [0, n) (the calling thread helps) and returns when all are done. Which thread runs
// which index is unspecified: fn must write only to index-owned output. An exception thrown by
// fn(i) never leaves the worker: the other indices still run, and parallel_for rethrows the
// first one (in index order) on the calling thread once all are done.
class ThreadPool {
 public:
  explicit ThreadPool(int threads);  // total threads including the caller; <= 0: hardware
  ~ThreadPool();
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;
  int threads() const;
  void parallel_for(size_t n, const std::function<void(size_t)>& fn);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace facsim
