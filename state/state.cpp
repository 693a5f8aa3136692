// [SECTION] VFS shim: virtual clock for 'now'
// [SECTION] Deterministic SQL functions
// [SECTION] World lifecycle: create, load, fork, save
// [SECTION] Queries and transactions
// [SECTION] Clock, RNG, UI session
#include "state.h"

#include <sqlite3.h>

#include <cstring>
#include <map>
#include <mutex>

namespace facsim::state {

struct World::Impl {
  sqlite3* db = nullptr;
  std::map<std::string, sqlite3_stmt*, std::less<>> cache;
  int64_t now_ms = kEpochMs;
  uint64_t seed = 0;
  Rng rng;
  bool has_error = false;
  Error err;
  bool in_txn = false;
  ~Impl() {
    for (auto& [k, st] : cache) sqlite3_finalize(st);
    if (db) sqlite3_close_v2(db);
  }
};

namespace {

// [SECTION] VFS shim ---------------------------------------------------------------------
// SQLite asks the connection's VFS for the current time ('now' in date functions). The shim
// answers with the virtual clock of the world whose statement is running on this thread,
// never the wall clock. A world is used by one thread at a time, so a thread-local suffices.
thread_local const int64_t* t_clock = nullptr;

struct ClockScope {
  const int64_t* prev;
  explicit ClockScope(const int64_t* c) : prev(t_clock) { t_clock = c; }
  ~ClockScope() { t_clock = prev; }
};

int shim_current_time_int64(sqlite3_vfs*, sqlite3_int64* out) {
  // Julian day number in ms: 2440587.5 days at the Unix epoch.
  *out = sqlite3_int64(210866760000000LL) + (t_clock ? *t_clock : kEpochMs);
  return SQLITE_OK;
}
int shim_current_time(sqlite3_vfs* v, double* out) {
  sqlite3_int64 ms;
  shim_current_time_int64(v, &ms);
  *out = double(ms) / 86400000.0;
  return SQLITE_OK;
}
int shim_randomness(sqlite3_vfs*, int n, char* out) {
  std::memset(out, 0, size_t(n));  // SQLite's PRNG seed: constant, so nothing depends on the OS
  return n;
}

const char* kVfsName = "facsim";

void register_vfs() {
  static std::once_flag once;
  std::call_once(once, [] {
    static sqlite3_vfs shim = *sqlite3_vfs_find(nullptr);
    shim.zName = kVfsName;
    shim.xCurrentTime = shim_current_time;
    shim.xCurrentTimeInt64 = shim_current_time_int64;
    shim.xRandomness = shim_randomness;
    sqlite3_vfs_register(&shim, 0);
  });
}

// [SECTION] Deterministic SQL functions ---------------------------------------------------
void fn_random(sqlite3_context* ctx, int, sqlite3_value**) {
  auto* impl = static_cast<World::Impl*>(sqlite3_user_data(ctx));
  sqlite3_result_int64(ctx, sqlite3_int64(impl->rng.next()));
}

void fn_randomblob(sqlite3_context* ctx, int, sqlite3_value** argv) {
  auto* impl = static_cast<World::Impl*>(sqlite3_user_data(ctx));
  sqlite3_int64 n = sqlite3_value_int64(argv[0]);
  if (n < 1) n = 1;
  if (n > (1 << 20)) {
    sqlite3_result_error(ctx, "randomblob: size too large", -1);
    return;
  }
  std::string b(size_t(n), '\0');
  for (size_t i = 0; i < b.size(); i += 8) {
    uint64_t r = impl->rng.next();
    std::memcpy(&b[i], &r, std::min<size_t>(8, b.size() - i));
  }
  sqlite3_result_blob(ctx, b.data(), int(b.size()), SQLITE_TRANSIENT);
}

const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS ui(key TEXT PRIMARY KEY, value) WITHOUT ROWID;
)sql";

Error sql_error(sqlite3* db, std::string_view what) {
  return Error{Errc::sql, std::string(what) + ": " + sqlite3_errmsg(db)};
}

Result<std::unique_ptr<World::Impl>> open_memory() {
  register_vfs();
  auto impl = std::make_unique<World::Impl>();
  if (sqlite3_open_v2(":memory:", &impl->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                      kVfsName) != SQLITE_OK)
    return Error{Errc::sql, "sqlite3_open_v2 failed"};
  sqlite3* db = impl->db;
  const int flags = SQLITE_UTF8;  // not SQLITE_DETERMINISTIC: each call draws from the RNG
  sqlite3_create_function(db, "random", 0, flags, impl.get(), fn_random, nullptr, nullptr);
  sqlite3_create_function(db, "randomblob", 1, flags, impl.get(), fn_randomblob, nullptr, nullptr);
  return impl;
}

}  // namespace

// [SECTION] World lifecycle ------------------------------------------------------------------
World::World(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
World::~World() = default;

static Status load_meta(World& w, World::Impl& impl) {
  auto q = w.query("SELECT key, value FROM meta");
  while (q.step()) {
    std::string_view k = q.text(0);
    if (k == "clock_ms") impl.now_ms = q.i64(1);
    else if (k == "rng") impl.rng.state = uint64_t(q.i64(1));
    else if (k == "seed") impl.seed = uint64_t(q.i64(1));
  }
  if (const Error* e = w.error()) return *e;
  return {};
}

Result<std::unique_ptr<World>> World::create(uint64_t seed) {
  auto impl = open_memory();
  if (!impl) return impl.error();
  (*impl)->seed = seed;
  (*impl)->rng.state = seed ^ 0x5eed5eed5eed5eedull;
  std::unique_ptr<World> w(new World(std::move(*impl)));
  if (Status s = w->exec(kSchema); !s) return s.error();
  if (Status s = w->begin(); !s) return s.error();
  w->query("INSERT INTO meta(key, value) VALUES('seed', ?)", int64_t(seed)).run();
  if (Status s = w->commit(); !s) return s.error();
  return w;
}

Result<std::unique_ptr<World>> World::load(const std::string& path) {
  sqlite3* src = nullptr;
  if (sqlite3_open_v2(path.c_str(), &src, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    Error e{Errc::io, "cannot open " + path + ": " + sqlite3_errmsg(src)};
    sqlite3_close_v2(src);
    return e;
  }
  auto impl = open_memory();
  if (!impl) {
    sqlite3_close_v2(src);
    return impl.error();
  }
  sqlite3_backup* b = sqlite3_backup_init((*impl)->db, "main", src, "main");
  int rc = b ? sqlite3_backup_step(b, -1) : SQLITE_ERROR;
  if (b) sqlite3_backup_finish(b);
  std::string msg = sqlite3_errmsg((*impl)->db);
  sqlite3_close_v2(src);
  if (rc != SQLITE_DONE) return Error{Errc::io, "cannot load " + path + ": " + msg};
  std::unique_ptr<World> w(new World(std::move(*impl)));
  auto q = w->query("PRAGMA quick_check");
  if (!q.step() || q.text(0) != "ok")
    return Error{Errc::io, "corrupt world file " + path};
  if (w->scalar("SELECT count(*) FROM sqlite_schema WHERE name IN ('meta','ui')") != 2)
    return Error{Errc::invalid_argument, path + " is not a facsim world (no meta/ui tables)"};
  if (Status s = load_meta(*w, *w->impl_); !s) return s.error();
  return w;
}

Result<std::unique_ptr<World>> World::fork() const {
  if (impl_->in_txn) return Error{Errc::invalid_argument, "fork inside a transaction"};
  sqlite3_int64 size = 0;
  unsigned char* bytes = sqlite3_serialize(impl_->db, "main", &size, 0);
  if (!bytes) return Error{Errc::sql, "sqlite3_serialize failed (out of memory?)"};
  auto impl = open_memory();
  if (!impl) {
    sqlite3_free(bytes);
    return impl.error();
  }
  int rc = sqlite3_deserialize((*impl)->db, "main", bytes, size, size,
                               SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_RESIZEABLE);
  if (rc != SQLITE_OK) return sql_error((*impl)->db, "sqlite3_deserialize");
  (*impl)->now_ms = impl_->now_ms;
  (*impl)->rng = impl_->rng;
  (*impl)->seed = impl_->seed;
  return std::unique_ptr<World>(new World(std::move(*impl)));
}

Status World::save(const std::string& path) const {
  if (impl_->in_txn) return Error{Errc::invalid_argument, "save inside a transaction"};
  std::remove(path.c_str());  // VACUUM INTO refuses to overwrite
  auto* self = const_cast<World*>(this);
  self->impl_->has_error = false;
  self->query("VACUUM INTO ?", path).run();
  if (const Error* e = self->error()) {
    Error out{Errc::io, "save " + path + ": " + e->message};
    self->impl_->has_error = false;
    return out;
  }
  return {};
}

// [SECTION] Queries and transactions -------------------------------------------------------
sqlite3_stmt* World::prepare(std::string_view sql, bool& owned) {
  owned = false;
  auto it = impl_->cache.find(sql);
  if (it != impl_->cache.end()) {
    if (!sqlite3_stmt_busy(it->second)) return it->second;
  }
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v3(impl_->db, sql.data(), int(sql.size()), SQLITE_PREPARE_PERSISTENT, &st,
                         nullptr) != SQLITE_OK) {
    fail(sql_error(impl_->db, "prepare '" + std::string(sql) + "'"));
    return nullptr;
  }
  if (it == impl_->cache.end()) impl_->cache.emplace(std::string(sql), st);
  else owned = true;  // the cached one is in use by an outer loop
  return st;
}

Query::~Query() {
  if (!st_) return;
  sqlite3_reset(st_);
  sqlite3_clear_bindings(st_);
  if (owned_) sqlite3_finalize(st_);
}

Query& Query::bind(int i, int64_t v) {
  if (st_) sqlite3_bind_int64(st_, i, v);
  return *this;
}
Query& Query::bind(int i, double v) {
  if (st_) sqlite3_bind_double(st_, i, v);
  return *this;
}
Query& Query::bind(int i, std::string_view v) {
  if (st_) sqlite3_bind_text(st_, i, v.data(), int(v.size()), SQLITE_TRANSIENT);
  return *this;
}

bool Query::step() {
  if (!st_) return false;
  ClockScope cs(&w_->impl_->now_ms);
  int rc = sqlite3_step(st_);
  if (rc == SQLITE_ROW) return true;
  if (rc != SQLITE_DONE)
    w_->fail(sql_error(w_->impl_->db, std::string("step '") + sqlite3_sql(st_) + "'"));
  return false;
}

bool Query::run() {
  while (step()) {
  }
  return st_ && sqlite3_errcode(w_->impl_->db) == SQLITE_OK;
}

int64_t Query::i64(int c) const { return sqlite3_column_int64(st_, c); }
double Query::f64(int c) const { return sqlite3_column_double(st_, c); }
bool Query::is_null(int c) const { return sqlite3_column_type(st_, c) == SQLITE_NULL; }
std::string_view Query::text(int c) const {
  auto* p = reinterpret_cast<const char*>(sqlite3_column_text(st_, c));
  return p ? std::string_view(p, size_t(sqlite3_column_bytes(st_, c))) : std::string_view();
}

Status World::exec(std::string_view sql) {
  ClockScope cs(&impl_->now_ms);
  char* msg = nullptr;
  std::string s(sql);
  if (sqlite3_exec(impl_->db, s.c_str(), nullptr, nullptr, &msg) != SQLITE_OK) {
    Error e{Errc::sql, msg ? msg : "sqlite3_exec failed"};
    sqlite3_free(msg);
    fail(e);
    return e;
  }
  return {};
}

int64_t World::scalar(std::string_view sql, int64_t def) {
  auto q = query(sql);
  return q.step() ? q.i64(0) : def;
}

int64_t World::changes() const { return sqlite3_changes64(impl_->db); }
int64_t World::last_insert_rowid() const { return sqlite3_last_insert_rowid(impl_->db); }

Status World::begin() {
  if (impl_->in_txn) return Error{Errc::invalid_argument, "transaction already open"};
  impl_->has_error = false;
  if (sqlite3_exec(impl_->db, "BEGIN", nullptr, nullptr, nullptr) != SQLITE_OK)
    return sql_error(impl_->db, "BEGIN");
  impl_->in_txn = true;
  return {};
}

Status World::commit() {
  if (!impl_->in_txn) return Error{Errc::invalid_argument, "no transaction to commit"};
  if (impl_->has_error) {
    Error e = impl_->err;
    rollback();
    return e;
  }
  query("INSERT OR REPLACE INTO meta(key, value) VALUES('clock_ms', ?), ('rng', ?)",
        impl_->now_ms, int64_t(impl_->rng.state))
      .run();
  if (impl_->has_error ||
      sqlite3_exec(impl_->db, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK) {
    Error e = impl_->has_error ? impl_->err : sql_error(impl_->db, "COMMIT");
    rollback();
    return e;
  }
  impl_->in_txn = false;
  return {};
}

void World::rollback() {
  if (impl_->in_txn) sqlite3_exec(impl_->db, "ROLLBACK", nullptr, nullptr, nullptr);
  impl_->in_txn = false;
  impl_->has_error = false;
  (void)load_meta(*this, *impl_);  // clock and RNG as of the last commit
  impl_->has_error = false;
}

bool World::in_transaction() const { return impl_->in_txn; }
const Error* World::error() const { return impl_->has_error ? &impl_->err : nullptr; }
void World::fail(Error e) {
  if (impl_->has_error) return;  // keep the first error
  impl_->has_error = true;
  impl_->err = std::move(e);
}

// [SECTION] Clock, RNG, UI session ----------------------------------------------------------
int64_t World::now_ms() const { return impl_->now_ms; }
void World::advance_ms(int64_t ms) {
  if (ms > 0) impl_->now_ms += ms;
}
uint64_t World::seed() const { return impl_->seed; }
uint64_t World::random_u64() { return impl_->rng.next(); }
uint32_t World::random_below(uint32_t n) { return impl_->rng.below(n); }

std::string World::ui_get(std::string_view key, std::string_view def) {
  auto q = query("SELECT value FROM ui WHERE key = ?", key);
  return q.step() ? std::string(q.text(0)) : std::string(def);
}
int64_t World::ui_int(std::string_view key, int64_t def) {
  auto q = query("SELECT value FROM ui WHERE key = ?", key);
  return q.step() ? q.i64(0) : def;
}
void World::ui_set(std::string_view key, std::string_view value) {
  query("INSERT OR REPLACE INTO ui(key, value) VALUES(?, ?)", key, value).run();
}
void World::ui_set(std::string_view key, int64_t value) {
  query("INSERT OR REPLACE INTO ui(key, value) VALUES(?, ?)", key, value).run();
}

sqlite3* World::handle() const { return impl_->db; }

}  // namespace facsim::state
