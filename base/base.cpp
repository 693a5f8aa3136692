#include "base.h"
#include <stdexcept>

namespace facsim {

const char* errc_name(Errc c) {
  switch (c) {
#define FACSIM_X(name, status, text) \
  case Errc::name:                   \
    return #name;
    FACSIM_ERRC(FACSIM_X)
#undef FACSIM_X
  }
  return "unknown";
}

int errc_status(Errc c) {
  switch (c) {
#define FACSIM_X(name, status, text) \
  case Errc::name:                   \
    return status;
    FACSIM_ERRC(FACSIM_X)
#undef FACSIM_X
  }
  return 500;
}

uint32_t Rng::below(uint32_t n) {
  if (n == 0) throw std::invalid_argument("Rng::below(0): nothing to choose from");
  return uint32_t(next() % n);
}

Rng Rng::stream(uint64_t seed, std::string_view name) {
  Rng r{seed ^ stable_id(name)};
  r.state = r.next();  // one round of mixing: nearby seeds and names give unrelated streams
  return r;
}

}  // namespace facsim

#include <atomic>
#include <exception>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

namespace facsim {

struct ThreadPool::Impl {
  std::vector<std::thread> workers;
  std::mutex mu;
  std::condition_variable cv, done_cv;
  const std::function<void(size_t)>* fn = nullptr;
  size_t n = 0;
  std::atomic<size_t> next{0};
  int active = 0;        // workers still inside the current job
  uint64_t generation = 0;
  bool stop = false;
  std::exception_ptr error;  // the first exception of the current job, by index
  size_t error_index = 0;

  void run_items() {
    for (size_t i; (i = next.fetch_add(1)) < n;) {
      try {
        (*fn)(i);
      } catch (...) {
        std::lock_guard lk(mu);
        if (!error || i < error_index) error = std::current_exception(), error_index = i;
      }
    }
  }
  void worker() {
    uint64_t seen = 0;
    for (;;) {
      {
        std::unique_lock lk(mu);
        cv.wait(lk, [&] { return stop || generation != seen; });
        if (stop) return;
        seen = generation;
      }
      run_items();
      std::lock_guard lk(mu);
      if (--active == 0) done_cv.notify_one();
    }
  }
};

ThreadPool::ThreadPool(int threads) : impl_(std::make_unique<Impl>()) {
  if (threads <= 0) threads = int(std::max(1u, std::thread::hardware_concurrency()));
  for (int i = 1; i < threads; ++i) impl_->workers.emplace_back([this] { impl_->worker(); });
}

ThreadPool::~ThreadPool() {
  {
    std::lock_guard lk(impl_->mu);
    impl_->stop = true;
  }
  impl_->cv.notify_all();
  for (auto& t : impl_->workers) t.join();
}

int ThreadPool::threads() const { return int(impl_->workers.size()) + 1; }

void ThreadPool::parallel_for(size_t n, const std::function<void(size_t)>& fn) {
  {
    std::lock_guard lk(impl_->mu);
    impl_->error = nullptr;
  }
  if (impl_->workers.empty() || n <= 1) {
    impl_->fn = &fn;
    impl_->n = n;
    impl_->next = 0;
    impl_->run_items();
    if (impl_->error) std::rethrow_exception(std::exchange(impl_->error, nullptr));
    return;
  }
  {
    std::lock_guard lk(impl_->mu);
    impl_->fn = &fn;
    impl_->n = n;
    impl_->next = 0;
    impl_->active = int(impl_->workers.size());
    ++impl_->generation;
  }
  impl_->cv.notify_all();
  impl_->run_items();
  std::unique_lock lk(impl_->mu);
  impl_->done_cv.wait(lk, [&] { return impl_->active == 0; });
  if (impl_->error) std::rethrow_exception(std::exchange(impl_->error, nullptr));
}

}  // namespace facsim
