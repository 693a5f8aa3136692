// bench, section "state": fork, snapshot/restore and step transactions on worlds of several
// sizes, the copy-on-write page store beside the sqlite3_serialize baseline in the same run.
#include <sqlite3.h>

#include "bench_impl.h"
#include "state.h"

namespace facsim::bench {
namespace {

// A world of about `mb` MiB: rows of 900 random bytes (4 to a 4 KiB page).
Result<std::unique_ptr<state::World>> sized_world(int mb) {
  auto w = state::World::create(1);
  if (!w) return w.error();
  if (Status s = (*w)->exec("CREATE TABLE blob(id INTEGER PRIMARY KEY, b BLOB)"); !s) return s.error();
  if (Status s = (*w)->begin(); !s) return s.error();
  for (int i = 0, rows = mb * 1024 * 1024 / 1024; i < rows; ++i)
    (*w)->query("INSERT INTO blob(b) VALUES(randomblob(900))").run();
  if (Status s = (*w)->commit(); !s) return s.error();
  return w;
}

// One small step: a transaction that changes one row.
Status write_step(state::World& w, int64_t id) {
  if (Status s = w.begin(); !s) return s;
  w.query("UPDATE blob SET b = randomblob(900) WHERE id = ?", id).run();
  w.advance_ms(100);
  return w.commit();
}

double us(Clock::duration d) { return std::chrono::duration<double, std::micro>(d).count(); }

}  // namespace

Status run_state(const Options& o, Emit& emit) {
  const int iters = std::max(50, o.iters * 25);
  for (int mb : o.world_mb) {
    auto made = sized_world(mb);
    if (!made) return made.error();
    state::World& w = **made;
    const int64_t rows = w.scalar("SELECT count(*) FROM blob");
    const int64_t bytes = w.scalar("PRAGMA page_count") * w.scalar("PRAGMA page_size");
    const std::string extra = ",\"world_mb\":" + std::to_string(mb) +
                              ",\"world_bytes\":" + std::to_string(bytes);
    auto emit_state = [&](const char* name, double v, const char* unit, const std::string& more) {
      emit(name, v, unit, "none", 1, 1, extra + more);
    };

    // Baseline: sqlite3_serialize + deserialize into a fresh in-memory connection.
    {
      Clock::duration total{};
      int n = 0;
      for (; n < iters && us(total) < 2e6; ++n) {
        auto t0 = Clock::now();
        sqlite3_int64 size = 0;
        unsigned char* copy = sqlite3_serialize(w.handle(), "main", &size, 0);
        sqlite3* db = nullptr;
        sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE, nullptr);
        int rc = copy ? sqlite3_deserialize(db, "main", copy, size, size,
                                            SQLITE_DESERIALIZE_FREEONCLOSE |
                                                SQLITE_DESERIALIZE_RESIZEABLE)
                      : SQLITE_NOMEM;
        total += Clock::now() - t0;
        sqlite3_close_v2(db);
        if (rc != SQLITE_OK) return Error{Errc::sql, "serialize baseline failed"};
      }
      emit_state("fork_serialize", us(total) / n, "us", ",\"method\":\"sqlite3_serialize\"");
      emit_state("fork_serialize_memory", double(bytes), "bytes",
                 ",\"method\":\"sqlite3_serialize\"");
    }

    // Copy-on-write fork. Warm: the connection of the last dropped fork is reused (the
    // rollout pattern: fork N children, drop, fork again). Cold: a new sqlite3 connection.
    for (bool cold : {false, true}) {
      Clock::duration total{};
      int n = 0;
      for (; n < iters && us(total) < 2e6; ++n) {
        if (cold) state::World::drain_pool();
        auto t0 = Clock::now();
        auto f = w.fork();
        total += Clock::now() - t0;
        if (!f) return f.error();
      }
      emit_state(cold ? "fork_cow_cold" : "fork_cow", us(total) / n, "us",
                 ",\"method\":\"cow\"");
    }
    {
      const state::PageStoreUsage before = state::World::page_store();
      auto f = w.fork();
      if (!f) return f.error();
      const state::PageStoreUsage forked = state::World::page_store();
      auto t0 = Clock::now();
      if (Status s = write_step(**f, rows / 2); !s) return s;
      const double first_step = us(Clock::now() - t0);
      const state::PageStoreUsage stepped = state::World::page_store();
      emit_state("fork_cow_memory", double(forked.bytes - before.bytes), "bytes",
                 ",\"method\":\"cow\"");
      emit_state("fork_cow_memory_after_1_step", double(stepped.bytes - before.bytes), "bytes",
                 ",\"method\":\"cow\",\"pages_written\":" +
                     std::to_string(stepped.pages - before.pages));
      emit_state("fork_cow_first_step", first_step, "us", ",\"method\":\"cow\"");
    }

    // The rollout pattern in steady state: fork, one step in the fork, drop it.
    {
      Clock::duration total{};
      int n = 0;
      for (; n < iters && us(total) < 2e6; ++n) {
        auto t0 = Clock::now();
        {
          auto f = w.fork();
          if (!f) return f.error();
          if (Status s = write_step(**f, 1 + (n * 7919) % rows); !s) return s;
        }
        total += Clock::now() - t0;
      }
      emit_state("fork_step_drop", us(total) / n, "us", ",\"method\":\"cow\"");
    }

    // Restore: a step moves the world on, restore brings it back.
    {
      auto snap = w.snapshot();
      if (!snap) return snap.error();
      Clock::duration total{}, after{};
      int n = 0;
      for (; n < iters && us(total + after) < 2e6; ++n) {
        if (Status s = write_step(w, 1 + n % rows); !s) return s;
        auto t0 = Clock::now();
        if (Status s = w.restore(*snap); !s) return s;
        auto t1 = Clock::now();
        (void)w.scalar("SELECT count(*) FROM meta");  // the next read refills SQLite's cache
        after += Clock::now() - t1;
        total += t1 - t0;
      }
      emit_state("restore", us(total) / n, "us", "");
      emit_state("restore_first_read", us(after) / n, "us", "");
    }

    // The transaction around a step (begin, one row changed, clock, commit).
    {
      Clock::duration total{};
      int n = 0;
      for (; n < iters * 4 && us(total) < 2e6; ++n) {
        auto t0 = Clock::now();
        if (Status s = write_step(w, 1 + (n * 7919) % rows); !s) return s;
        total += Clock::now() - t0;
      }
      emit_state("step_txn", us(total) / n, "us", "");
    }
  }
  return {};
}

}  // namespace facsim::bench
