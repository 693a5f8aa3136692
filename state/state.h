// state: an environment's whole world as one in-memory SQLite database.
//
// How to use:
//   auto w = state::World::create(/*seed=*/7);            // app tables are added by apps/
//   w->exec("CREATE TABLE t(x)");
//   w->begin(); w->query("INSERT INTO t VALUES(?)", 42).run(); w->commit();   // one step
//   for (auto q = w->query("SELECT x FROM t"); q.step();) use(q.i64(0));
//   auto child = w->fork();  child->save("world.sqlite");  // sqlite3 CLI opens it
//   auto snap = w->snapshot();  ...steps...  w->restore(*snap);   // back, in microseconds
// Worlds live in a copy-on-write page store (cow.h): fork and snapshot share every page and cost
// the same for any world size; a fork's memory grows with the pages it writes. The world holds
// the app tables, the UI session (table `ui`), the virtual clock and the RNG state (table
// `meta`) and scheduled events (table `events`), so fork/snapshot/restore cannot forget a
// field. SQL errors are sticky (like SQLite's own): the first error of a transaction is kept
// in error() and the caller rolls back. random(), randomblob() and 'now' read the world's seeded RNG and virtual clock.
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base.h"

struct sqlite3;
struct sqlite3_stmt;

namespace facsim::state {

// The virtual clock starts here for every world: 2026-03-02 09:00:00 UTC (Unix ms).
constexpr int64_t kEpochMs = 1772442000000;

class World;

// An immutable world state (database pages, clock, RNG). Cheap to copy; shares pages with the
// world it was taken from and with every world forked or restored from it. Any thread.
class Snapshot {
 public:
  Snapshot() = default;
  bool valid() const { return bool(d_); }
  int64_t bytes() const;    // database size
  int64_t now_ms() const;   // virtual clock at the snapshot
  uint64_t seed() const;
  struct Data;

 private:
  friend class World;
  std::shared_ptr<const Data> d_;
};

// Fault injection (SQLite's fault tests, applied to steps): counts from the call to inject().
struct Faults {
  int fail_statement = 0;   // the Nth statement executed fails with an SQL error
  int throw_statement = 0;  // the Nth statement throws std::runtime_error (a handler bug)
  int fail_write = 0;       // the Nth page write to the database file fails (SQLITE_IOERR)
};

// A scheduled world event (table events): fired by sim when the virtual clock reaches at_ms.
struct Event {
  int64_t id = 0, at_ms = 0;
  std::string kind;     // "<app>.<what>", e.g. "mail.arrive"; apps route by the prefix
  std::string payload;  // app-defined
};

// Live page-store memory in this process (all worlds and snapshots together).
struct PageStoreUsage {
  int64_t pages = 0, nodes = 0, bytes = 0;
};

// What a computation read from a world, for memoizing it (sim memoizes the view and the
// verdict with it): the tables its statements read, the ui keys it read and the clock at some
// granularity. World::changed_since() answers whether any of it may have been written since.
struct Deps {
  uint64_t epoch = 0, seq = 0;      // the world's write sequence when recording began
  std::vector<int> tables;          // table ids (internal to the world)
  std::vector<std::string> ui_keys;
  int64_t clock_unit = 0;           // 0: the clock was not read; else now / unit was...
  int64_t clock_value = 0;          // ...this
  bool opaque = false;              // read through something untracked: never reuse
};

// A prepared, cached statement with bound arguments. Reset when destroyed.
class Query {
 public:
  Query(World& w, sqlite3_stmt* st, bool owned) : w_(&w), st_(st), owned_(owned) {}
  Query(Query&& o) noexcept : w_(o.w_), st_(o.st_), owned_(o.owned_), started_(o.started_),
        done_(o.done_) {
    o.st_ = nullptr;
  }
  Query(const Query&) = delete;
  ~Query();
  Query& bind(int i, int64_t v);
  Query& bind(int i, int v) { return bind(i, int64_t(v)); }
  Query& bind(int i, uint64_t v) { return bind(i, int64_t(v)); }
  Query& bind(int i, double v);
  Query& bind(int i, std::string_view v);
  Query& bind(int i, const char* v) { return bind(i, std::string_view(v)); }
  Query& bind(int i, const std::string& v) { return bind(i, std::string_view(v)); }
  bool step();          // true while there is a row; errors go to World::error()
  bool run();           // steps to completion; false on error
  int64_t i64(int col) const;
  double f64(int col) const;
  std::string_view text(int col) const;
  bool is_null(int col) const;
  int columns() const;                       // result columns
  std::string_view column_name(int col) const;
  int type(int col) const;                   // SQLITE_INTEGER (1), FLOAT (2), TEXT (3), BLOB (4), NULL (5)
  Query& bind_null(int i);

 private:
  World* w_;
  sqlite3_stmt* st_;
  bool owned_;  // not in the world's cache (nested use of the same SQL): finalized here
  bool started_ = false;
  bool done_ = false;  // the last step() returned SQLITE_DONE
};

class World {
 public:
  static Result<std::unique_ptr<World>> create(uint64_t seed);
  static Result<std::unique_ptr<World>> load(const std::string& path);  // .sqlite file
  ~World();
  World(const World&) = delete;
  World& operator=(const World&) = delete;

  // Fork, snapshot and restore work on the committed state (not mid-transaction). A fork is fully
  // independent afterwards (its writes are never seen elsewhere) and may move to any thread.
  Result<std::unique_ptr<World>> fork() const;  // = from(snapshot())
  Result<Snapshot> snapshot() const;
  Status restore(const Snapshot& s);             // this world becomes exactly the snapshot
  static Result<std::unique_ptr<World>> from(const Snapshot& s);
  Status save(const std::string& path) const;   // VACUUM INTO: a real .sqlite file
  // Hash of every table's rows (schema order by name, rows in key order), clock and RNG
  // included: equal hashes mean equal worlds, whatever their page layout.
  uint64_t content_hash();
  void inject(const Faults& f);
  Status integrity_check();  // PRAGMA integrity_check

  // Scheduled events (virtual time). next_due() pops the earliest event due at the current
  // clock (ties by id) and marks it fired, inside the caller's transaction.
  int64_t schedule(int64_t at_ms, std::string_view kind, std::string_view payload);
  bool next_due(Event& out);
  std::vector<Event> pending_events();

  // Page-store accounting; drain_pool() closes the idle connections kept for fast forks.
  static PageStoreUsage page_store();
  static void drain_pool();

  // SQL. exec runs any number of statements. query() prepares (cached) and binds 1..N: bind
  // values, never splice them into the text (the cache keeps kMaxCachedStatements texts, the
  // least recently used going first).
  static constexpr size_t kMaxCachedStatements = 256;
  size_t cached_statements() const;
  Status exec(std::string_view sql);
  template <class... A>
  Query query(std::string_view sql, const A&... args) {
    bool owned = false;
    sqlite3_stmt* st = prepare(sql, owned);
    Query q(*this, st, owned);
    int i = 0;
    (q.bind(++i, args), ...);
    return q;
  }
  int64_t scalar(std::string_view sql, int64_t def = 0);  // first column of the first row
  int64_t changes() const;
  int64_t last_insert_rowid() const;

  // Transactions: one per step. commit() persists the clock and RNG; rollback() restores
  // them and clears the sticky error.
  Status begin();
  Status commit();
  void rollback();
  bool in_transaction() const;
  const Error* error() const;        // first SQL error since begin(), or nullptr
  void fail(Error e);                // record an error (handlers use it for their own checks)

  // Read tracking. record(&d) clears d and records every read into it until record(nullptr);
  // changed_since(d) is false only if nothing d read has been written since (tables are known
  // from SQLite's authorizer when a statement is prepared; ui keys from ui_get/ui_set; exec,
  // DDL, rollback and restore count as writing everything).
  void record(Deps* d);
  bool changed_since(const Deps& d) const;

  // Change tracking against a clean mark, carried through snapshots, forks and restores:
  // maybe_changed(t) is false only if table t holds what it held in the world last marked
  // clean (mark_clean()) that this one descends from. Conservative: exec, DDL and a world
  // never marked count as changing every table. The verifier's diff skips what neither side
  // changed (a 5,000-product catalogue no task touched).
  void mark_clean();
  bool maybe_changed(std::string_view table) const;

  // Values derived from the world (a view's query results), kept with what they read and
  // computed again only when some of it was written: derived<T>(key, f) returns f()'s value,
  // or the one kept under `key`. Its reads count as reads of the recording around the call
  // either way. Nothing is kept from a computation that hit an SQL error.
  template <class T, class F>
  std::shared_ptr<const T> derived(std::string_view key, F&& compute) {
    return std::static_pointer_cast<const T>(derived_any(
        key, [&]() -> std::shared_ptr<const void> { return std::make_shared<const T>(compute()); }));
  }
  // Off: derived() computes every time (a reference for tests of the memos).
  void keep_derived(bool on);

  // Virtual clock (ms since the Unix epoch) and the seeded RNG. now_floor_ms(unit) is the
  // clock rounded down to `unit` ms: views that show dates read the day, and stay memoizable.
  int64_t now_ms() const;
  int64_t now_floor_ms(int64_t unit) const;
  void advance_ms(int64_t ms);
  uint64_t seed() const;
  uint64_t random_u64();
  uint32_t random_below(uint32_t n);

  // UI session key/value store (table ui), read through a cache; writing an unchanged value
  // is skipped (the database is the same either way).
  std::string ui_get(std::string_view key, std::string_view def = {});
  int64_t ui_int(std::string_view key, int64_t def = 0);
  // ui_int without recording the read: for a value the caller follows itself (a view's live
  // scroll offset, which the env re-applies every step without rebuilding the view).
  int64_t ui_int_unrecorded(std::string_view key, int64_t def = 0);
  void ui_set(std::string_view key, std::string_view value);
  void ui_set(std::string_view key, int64_t value);
  // In a transaction ui_set writes SQLite once per key, with the last value, before the next
  // statement runs or at commit (a click sets and clears "press" without writing it); this
  // writes now. Outside a transaction ui_set writes at once.
  void flush_ui();

  sqlite3* handle() const;
  struct Impl;

 private:
  std::shared_ptr<const void> derived_any(
      std::string_view key, const std::function<std::shared_ptr<const void>()>& compute);
  friend class Query;
  explicit World(std::unique_ptr<Impl> impl);
  sqlite3_stmt* prepare(std::string_view sql, bool& owned);
  bool count_statement();  // fault injection: false (error recorded) or throws when due
  std::unique_ptr<Impl> impl_;
};

}  // namespace facsim::state
