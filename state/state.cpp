// [SECTION] Deterministic SQL functions
// [SECTION] Connections: open, pool
// [SECTION] World lifecycle: create, load, snapshot, restore, fork, save
// [SECTION] Queries and transactions
// [SECTION] Faults, hashing, integrity
// [SECTION] Clock, RNG, UI session, events
#include "state.h"

#include <sqlite3.h>

#include <algorithm>
#include <utility>
#include <array>
#include <atomic>
#include <cstring>
#include <map>
#include <unordered_map>
#include <mutex>
#include <stdexcept>
#include <type_traits>
#include <vector>

#include "cow.h"

namespace facsim::state {

// A world's derived value that was current when a snapshot was taken, with what it read
// (tables by name: ids are per connection): a world made from or restored to the snapshot
// starts with it instead of computing it again.
struct CarriedDerived {
  std::string key;
  std::shared_ptr<const void> value;
  std::vector<std::string> tables, ui_keys;
  int64_t clock_unit = 0, clock_value = 0;
};

struct World::Impl {
  sqlite3* db = nullptr;
  cow::File* file = nullptr;
  struct Cached {
    sqlite3_stmt* st = nullptr;
    uint64_t used = 0;  // use tick: the least recently used goes first
  };
  // Prepared statements by SQL text, at most kMaxCachedStatements (LRU): SQL that embeds
  // values instead of binding them cannot grow it without bound.
  std::map<std::string, Cached, std::less<>> cache;
  uint64_t cache_tick = 0;
  int64_t now_ms = kEpochMs;
  uint64_t seed = 0;
  Rng rng;
  bool has_error = false;
  Error err;
  bool in_txn = false;
  cow::PageTree txn_base;   // the committed tree at begin(): rollback's last line of defence
  bool has_base = false;
  Faults faults;
  int statements = 0;       // executed since inject()
  bool faults_paused = false;

  // Read/write tracking (Deps). Every write gets the next `seq`; memos compare.
  struct StmtInfo {
    std::vector<int> reads, writes;
    bool all = false;       // DDL, PRAGMA, ATTACH...: counts as writing (and reading) everything
  };
  std::unordered_map<sqlite3_stmt*, StmtInfo> stmt_info;  // looked up by pointer, never iterated
  StmtInfo* collecting = nullptr;                          // the authorizer's target in prepare()
  std::map<std::string, int, std::less<>> table_ids;
  std::vector<uint64_t> table_seq;                         // last write, per table id
  std::map<std::string, uint64_t, std::less<>> ui_seq;     // last write, per ui key
  uint64_t seq = 0, all_seq = 0, ui_all_seq = 0, epoch = next_epoch();
  // Change tracking against a clean mark (World::maybe_changed): the tables a snapshot this
  // world came from carried as changed, and the write sequence when it came.
  std::vector<std::string> carried_dirty;
  bool carried_all = true;
  uint64_t base_seq = 0;
  void set_base(const std::vector<std::string>& dirty, bool all) {
    carried_dirty = dirty;
    carried_all = all;
    base_seq = seq;
  }
  // The tables that may differ from the clean mark (sorted); all: every table may.
  std::vector<std::string> dirty_tables(bool& all) const {
    all = carried_all || all_seq > base_seq;
    std::vector<std::string> out = carried_dirty;
    if (all) return out;
    for (const auto& [name, id] : table_ids)
      if (table_seq[size_t(id)] > base_seq) out.push_back(name);
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
  }
  Deps* rec = nullptr;
  bool internal = false;    // ui_get/ui_set's own statements: tracked by key, not by table
  int ui_table = -1;
  // The ui table as read in this transaction (cleared on rollback and restore).
  struct UiVal {
    bool present = false;
    int type = 0;           // 1 integer, 3 text (SQLite's storage class numbers)
    bool int_known = true;  // text written by ui_set: ui_int asks SQLite for its conversion
    bool dirty = false;     // written by ui_set, not yet to SQLite (see flush_ui)
    int64_t i = 0;
    std::string s;
    // What SQLite holds (as read or last written): a key set back to it is not dirty.
    bool stored = false;    // known
    int stored_type = 0;    // 0: no row
    int64_t stored_i = 0;
    std::string stored_s;
    bool holds(int type, int64_t iv, std::string_view sv) const {
      return stored && stored_type == type && (type == 1 ? stored_i == iv : stored_s == sv);
    }
    void store() {
      stored = true;
      stored_type = present ? type : 0;
      stored_i = i;
      stored_s = s;
    }
  };
  std::map<std::string, UiVal, std::less<>> ui_cache;
  // ui_set writes reach SQLite before any other statement runs and at commit, once per key
  // with its last value: a click sets and clears "press" in one step without writing it.
  std::vector<std::string> ui_dirty;
  struct Derived {  // World::derived: a value and what computing it read
    Deps deps;
    std::shared_ptr<const void> value;
  };
  std::map<std::string, Derived, std::less<>> derived;
  bool keep_derived = true;

  int table_id(std::string_view name) {
    auto it = table_ids.find(name);
    if (it != table_ids.end()) return it->second;
    const int id = int(table_seq.size());
    table_ids.emplace(std::string(name), id);
    table_seq.push_back(0);
    if (name == "ui") ui_table = id;
    return id;
  }
  static uint64_t next_epoch() {  // unique across worlds: a memo never matches another world
    static std::atomic<uint64_t> n{1};
    return n.fetch_add(1, std::memory_order_relaxed);
  }
  void forget() {  // the database changed under every memo (rollback, restore, reuse)
    epoch = next_epoch();
    ui_cache.clear();
    ui_dirty.clear();
    derived.clear();
  }
  // After forget(): the derived values a snapshot carried, valid for its database (which is
  // now this one's), read from now on.
  void adopt(const std::vector<CarriedDerived>& from) {
    for (const CarriedDerived& c : from) {
      Derived& d = derived[c.key];
      d.value = c.value;
      d.deps = {};
      d.deps.epoch = epoch;
      d.deps.seq = seq;
      for (const std::string& t : c.tables) d.deps.tables.push_back(table_id(t));
      d.deps.ui_keys = c.ui_keys;
      d.deps.clock_unit = c.clock_unit;
      d.deps.clock_value = c.clock_value;
    }
  }
  void read_table(int t) {
    if (rec && std::find(rec->tables.begin(), rec->tables.end(), t) == rec->tables.end())
      rec->tables.push_back(t);
  }
  // BEGIN and COMMIT, prepared once (sqlite3_exec would parse them every step).
  sqlite3_stmt* begin_st = nullptr;
  sqlite3_stmt* commit_st = nullptr;
  int run_control(sqlite3_stmt*& st, const char* sql) {
    if (!st && sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, nullptr) != SQLITE_OK)
      return sqlite3_errcode(db);
    const int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
  }
  ~Impl() {
    sqlite3_finalize(begin_st);
    sqlite3_finalize(commit_st);
    if (has_base) cow::release(txn_base);
    for (auto& [k, c] : cache) sqlite3_finalize(c.st);
    if (db) sqlite3_close_v2(db);
  }
};

struct Snapshot::Data {
  cow::PageTree tree;
  int64_t now_ms = 0;
  uint64_t rng = 0, seed = 0;
  std::vector<CarriedDerived> derived;  // current when the snapshot was taken
  // Tables that may differ from the world last marked clean (World::mark_clean) this one
  // descends from; dirty_all: any of them.
  std::vector<std::string> dirty;
  bool dirty_all = true;
  ~Data() { cow::release(tree); }
};

int64_t Snapshot::bytes() const { return d_ ? d_->tree.size : 0; }
int64_t Snapshot::now_ms() const { return d_ ? d_->now_ms : 0; }
uint64_t Snapshot::seed() const { return d_ ? d_->seed : 0; }

namespace {

struct ClockScope {
  const int64_t* prev;
  explicit ClockScope(const int64_t* c) : prev(cow::current_clock()) { cow::current_clock() = c; }
  ~ClockScope() { cow::current_clock() = prev; }
};

// [SECTION] Deterministic SQL functions ---------------------------------------------------
// A computation that draws random numbers gives another result every time: a recording that
// saw one can never be reused (Deps::opaque).
void fn_random(sqlite3_context* ctx, int, sqlite3_value**) {
  auto* impl = static_cast<World::Impl*>(sqlite3_user_data(ctx));
  if (impl->rec) impl->rec->opaque = true;
  sqlite3_result_int64(ctx, sqlite3_int64(impl->rng.next()));
}

void fn_randomblob(sqlite3_context* ctx, int, sqlite3_value** argv) {
  auto* impl = static_cast<World::Impl*>(sqlite3_user_data(ctx));
  if (impl->rec) impl->rec->opaque = true;
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
CREATE TABLE IF NOT EXISTS events(id INTEGER PRIMARY KEY, at_ms INTEGER NOT NULL,
  kind TEXT NOT NULL, payload TEXT NOT NULL DEFAULT '', fired INTEGER NOT NULL DEFAULT 0);
CREATE INDEX IF NOT EXISTS events_due ON events(fired, at_ms, id);
)sql";

// Called while a statement is prepared: which tables it reads and writes (World::Deps).
int authorize(void* ud, int action, const char* a1, const char*, const char*, const char*) {
  auto* m = static_cast<World::Impl*>(ud);
  World::Impl::StmtInfo* s = m->collecting;
  if (!s) return SQLITE_OK;
  auto add = [&](std::vector<int>& v) {
    const int t = m->table_id(a1 ? a1 : "");
    if (std::find(v.begin(), v.end(), t) == v.end()) v.push_back(t);
  };
  switch (action) {
    case SQLITE_READ: add(s->reads); break;
    case SQLITE_INSERT: case SQLITE_UPDATE: case SQLITE_DELETE: add(s->writes); break;
    case SQLITE_SELECT: case SQLITE_FUNCTION: case SQLITE_RECURSIVE: case SQLITE_TRANSACTION:
    case SQLITE_SAVEPOINT: break;
    default: s->all = true;
  }
  return SQLITE_OK;
}

Error sql_error(sqlite3* db, std::string_view what) {
  return Error{Errc::sql, std::string(what) + ": " + sqlite3_errmsg(db)};
}

// [SECTION] Connections -----------------------------------------------------------------------
// A connection over page tree `t` (reference consumed). Journals and temp files stay in memory;
// the page cache is small because a cache miss is one memcpy from the page store.
Result<std::unique_ptr<World::Impl>> open_connection(cow::PageTree t) {
  cow::register_vfs();
  auto impl = std::make_unique<World::Impl>();
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  if (sqlite3_open_v2(cow::prepare_open(t), &impl->db, flags, cow::kVfsName) != SQLITE_OK)
    return Error{Errc::sql, std::string("sqlite3_open_v2: ") + sqlite3_errmsg(impl->db)};
  sqlite3* db = impl->db;
  impl->file = cow::file_of(db);
  if (!impl->file) return Error{Errc::sql, "world connection is not on the page store"};
  if (sqlite3_exec(db,
                   "PRAGMA page_size=4096; PRAGMA journal_mode=MEMORY; PRAGMA temp_store=MEMORY;"
                   "PRAGMA cache_size=-1024;",
                   nullptr, nullptr, nullptr) != SQLITE_OK)
    return sql_error(db, "configure connection");
  sqlite3_set_authorizer(db, authorize, impl.get());
  const int fflags = SQLITE_UTF8;  // not SQLITE_DETERMINISTIC: each call draws from the RNG
  sqlite3_create_function(db, "random", 0, fflags, impl.get(), fn_random, nullptr, nullptr);
  sqlite3_create_function(db, "randomblob", 1, fflags, impl.get(), fn_randomblob, nullptr,
                          nullptr);
  return impl;
}

// Idle connections of dropped worlds, with their prepared statements, reused by from(): a fork
// then costs an attach (no sqlite3_open, no schema parse, no re-prepare).
struct Pool {
  std::mutex m;
  std::vector<std::unique_ptr<World::Impl>> idle;
};
Pool& pool() {
  static Pool p;
  return p;
}
constexpr size_t kPoolMax = 64;

void pool_put(std::unique_ptr<World::Impl> impl) {
  cow::detach(impl->file);          // pages go back now, whatever happens to the connection
  sqlite3_db_release_memory(impl->db);
  impl->faults = {};
  impl->statements = 0;
  impl->forget();
  impl->rec = nullptr;
  Pool& p = pool();
  std::lock_guard lock(p.m);
  if (p.idle.size() < kPoolMax) p.idle.push_back(std::move(impl));
}

std::unique_ptr<World::Impl> pool_take() {
  Pool& p = pool();
  std::lock_guard lock(p.m);
  if (p.idle.empty()) return nullptr;
  auto impl = std::move(p.idle.back());
  p.idle.pop_back();
  return impl;
}

}  // namespace

// [SECTION] World lifecycle ------------------------------------------------------------------
World::World(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
World::~World() {
  if (impl_ && impl_->in_txn) rollback();
  if (impl_) pool_put(std::move(impl_));
}

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
  auto impl = open_connection({.schema_id = cow::new_schema_id()});
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
  cow::register_vfs();
  sqlite3* src = nullptr;
  if (sqlite3_open_v2(path.c_str(), &src, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    Error e{Errc::io, "cannot open " + path + ": " + sqlite3_errmsg(src)};
    sqlite3_close_v2(src);
    return e;
  }
  auto impl = open_connection({.schema_id = cow::new_schema_id()});
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
  if (!q.step() || q.text(0) != "ok") return Error{Errc::io, "corrupt world file " + path};
  if (w->scalar("SELECT count(*) FROM sqlite_schema WHERE name IN ('meta','ui')") != 2)
    return Error{Errc::invalid_argument, path + " is not a facsim world (no meta/ui tables)"};
  if (Status s = w->exec(kSchema); !s) return s.error();  // worlds saved before events existed
  if (Status s = load_meta(*w, *w->impl_); !s) return s.error();
  return w;
}

Result<Snapshot> World::snapshot() const {
  if (impl_->in_txn) return Error{Errc::invalid_argument, "snapshot inside a transaction"};
  auto d = std::make_shared<Snapshot::Data>();
  d->tree = cow::share(cow::tree_of(impl_->file));
  d->now_ms = impl_->now_ms;
  d->rng = impl_->rng.state;
  d->seed = impl_->seed;
  d->dirty = impl_->dirty_tables(d->dirty_all);
  std::vector<const std::string*> names;  // table id -> name
  for (const auto& [name, id] : impl_->table_ids) {
    if (size_t(id) >= names.size()) names.resize(size_t(id) + 1);
    names[size_t(id)] = &name;
  }
  for (const auto& [key, v] : impl_->derived) {
    if (!v.value || changed_since(v.deps)) continue;
    CarriedDerived c{key, v.value, {}, v.deps.ui_keys, v.deps.clock_unit, v.deps.clock_value};
    for (int t : v.deps.tables) c.tables.push_back(*names[size_t(t)]);
    d->derived.push_back(std::move(c));
  }
  Snapshot s;
  s.d_ = std::move(d);
  return s;
}

Status World::restore(const Snapshot& s) {
  if (!s.valid()) return Error{Errc::invalid_argument, "restore from an empty snapshot"};
  if (impl_->in_txn) return Error{Errc::invalid_argument, "restore inside a transaction"};
  cow::attach(impl_->file, cow::share(s.d_->tree));
  impl_->now_ms = s.d_->now_ms;
  impl_->rng.state = s.d_->rng;
  impl_->seed = s.d_->seed;
  impl_->has_error = false;
  impl_->forget();
  impl_->adopt(s.d_->derived);
  impl_->set_base(s.d_->dirty, s.d_->dirty_all);
  return {};
}

Result<std::unique_ptr<World>> World::from(const Snapshot& s) {
  if (!s.valid()) return Error{Errc::invalid_argument, "world from an empty snapshot"};
  std::unique_ptr<Impl> impl = pool_take();
  if (impl) {
    cow::attach(impl->file, cow::share(s.d_->tree));
  } else {
    auto opened = open_connection(cow::share(s.d_->tree));
    if (!opened) return opened.error();
    impl = std::move(*opened);
  }
  impl->now_ms = s.d_->now_ms;
  impl->rng.state = s.d_->rng;
  impl->seed = s.d_->seed;
  impl->has_error = false;
  impl->adopt(s.d_->derived);
  impl->set_base(s.d_->dirty, s.d_->dirty_all);
  return std::unique_ptr<World>(new World(std::move(impl)));
}

Result<std::unique_ptr<World>> World::fork() const {
  auto s = snapshot();
  if (!s) return s.error();
  return from(*s);
}

Status World::save(const std::string& path) const {
  if (impl_->in_txn) return Error{Errc::invalid_argument, "save inside a transaction"};
  std::remove(path.c_str());  // VACUUM INTO refuses to overwrite
  auto* self = const_cast<World*>(this);
  self->impl_->has_error = false;
  self->impl_->faults_paused = true;
  self->query("VACUUM INTO ?", path).run();
  self->impl_->faults_paused = false;
  if (const Error* e = self->error()) {
    Error out{Errc::io, "save " + path + ": " + e->message};
    self->impl_->has_error = false;
    return out;
  }
  return {};
}

PageStoreUsage World::page_store() {
  cow::Usage u = cow::usage();
  return {u.pages, u.nodes, u.bytes};
}

void World::drain_pool() {
  std::vector<std::unique_ptr<Impl>> idle;
  {
    std::lock_guard lock(pool().m);
    idle.swap(pool().idle);
  }
}

// [SECTION] Queries and transactions -------------------------------------------------------
sqlite3_stmt* World::prepare(std::string_view sql, bool& owned) {
  owned = false;
  auto it = impl_->cache.find(sql);
  if (it != impl_->cache.end()) {
    it->second.used = ++impl_->cache_tick;
    if (!sqlite3_stmt_busy(it->second.st)) return it->second.st;
  }
  sqlite3_stmt* st = nullptr;
  Impl::StmtInfo info;
  impl_->collecting = &info;
  const int rc = sqlite3_prepare_v3(impl_->db, sql.data(), int(sql.size()),
                                    SQLITE_PREPARE_PERSISTENT, &st, nullptr);
  impl_->collecting = nullptr;
  if (rc != SQLITE_OK) {
    fail(sql_error(impl_->db, "prepare '" + std::string(sql) + "'"));
    return nullptr;
  }
  impl_->stmt_info[st] = std::move(info);
  if (it != impl_->cache.end()) {
    owned = true;  // the cached one is in use by an outer loop
    return st;
  }
  if (impl_->cache.size() >= kMaxCachedStatements) {  // evict the least recently used idle one
    auto victim = impl_->cache.end();
    for (auto c = impl_->cache.begin(); c != impl_->cache.end(); ++c)
      if (!sqlite3_stmt_busy(c->second.st) &&
          (victim == impl_->cache.end() || c->second.used < victim->second.used))
        victim = c;
    if (victim != impl_->cache.end()) {
      impl_->stmt_info.erase(victim->second.st);
      sqlite3_finalize(victim->second.st);
      impl_->cache.erase(victim);
    }
  }
  impl_->cache.emplace(std::string(sql), Impl::Cached{st, ++impl_->cache_tick});
  return st;
}

size_t World::cached_statements() const { return impl_->cache.size(); }

Query::~Query() {
  if (!st_) return;
  sqlite3_reset(st_);
  sqlite3_clear_bindings(st_);
  if (owned_) {
    w_->impl_->stmt_info.erase(st_);
    sqlite3_finalize(st_);
  }
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
  if (!started_) {
    started_ = true;
    if (!w_->impl_->internal) w_->flush_ui();  // what the statement may read
    if (!w_->count_statement()) return false;
    World::Impl& m = *w_->impl_;
    auto it = m.stmt_info.find(st_);
    if (it == m.stmt_info.end()) {  // not prepared here: assume the worst
      m.all_seq = ++m.seq;
      if (m.rec) m.rec->opaque = true;
    } else {
      const World::Impl::StmtInfo& si = it->second;
      if (!m.internal || si.all)
        for (int t : si.reads) m.read_table(t);
      if (m.rec && si.all) m.rec->opaque = true;
      if (si.all || !si.writes.empty()) {
        ++m.seq;
        for (int t : si.writes) m.table_seq[size_t(t)] = m.seq;
        if (si.all) m.all_seq = m.seq;
        const bool ui = si.all || std::find(si.writes.begin(), si.writes.end(), m.ui_table) !=
                                      si.writes.end();
        if (ui && !m.internal) {  // raw SQL on table ui: every key may have changed
          m.ui_all_seq = m.seq;
          m.ui_cache.clear();
        }
      }
    }
  }
  ClockScope cs(&w_->impl_->now_ms);
  const uint64_t clock_reads = cow::clock_reads();
  int rc = sqlite3_step(st_);
  // SQL read the virtual clock ('now', date('now')...): the recording follows it to the ms.
  if (cow::clock_reads() != clock_reads && w_->impl_->rec) w_->now_floor_ms(1);
  done_ = rc == SQLITE_DONE;
  if (rc == SQLITE_ROW) return true;
  if (rc != SQLITE_DONE)
    w_->fail(sql_error(w_->impl_->db, std::string("step '") + sqlite3_sql(st_) + "'"));
  return false;
}

bool Query::run() {
  while (step()) {
  }
  return done_;
}

int64_t Query::i64(int c) const { return sqlite3_column_int64(st_, c); }
double Query::f64(int c) const { return sqlite3_column_double(st_, c); }
bool Query::is_null(int c) const { return sqlite3_column_type(st_, c) == SQLITE_NULL; }
int Query::columns() const { return st_ ? sqlite3_column_count(st_) : 0; }
std::string_view Query::column_name(int c) const {
  const char* n = st_ ? sqlite3_column_name(st_, c) : nullptr;
  return n ? std::string_view(n) : std::string_view();
}
int Query::type(int c) const { return sqlite3_column_type(st_, c); }
Query& Query::bind_null(int i) {
  if (st_) sqlite3_bind_null(st_, i);
  return *this;
}
std::string_view Query::text(int c) const {
  auto* p = reinterpret_cast<const char*>(sqlite3_column_text(st_, c));
  return p ? std::string_view(p, size_t(sqlite3_column_bytes(st_, c))) : std::string_view();
}

Status World::exec(std::string_view sql) {
  flush_ui();
  if (!count_statement()) return *error();
  impl_->all_seq = ++impl_->seq;  // any statements at all: untracked
  impl_->ui_all_seq = impl_->seq;
  impl_->ui_cache.clear();
  if (impl_->rec) impl_->rec->opaque = true;
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
  if (impl_->run_control(impl_->begin_st, "BEGIN") != SQLITE_OK)
    return sql_error(impl_->db, "BEGIN");
  impl_->in_txn = true;
  impl_->txn_base = cow::share(cow::tree_of(impl_->file));
  impl_->has_base = true;
  return {};
}

Status World::commit() {
  if (!impl_->in_txn) return Error{Errc::invalid_argument, "no transaction to commit"};
  if (impl_->has_error) {
    Error e = impl_->err;
    rollback();
    return e;
  }
  flush_ui();
  query("INSERT OR REPLACE INTO meta(key, value) VALUES('clock_ms', ?), ('rng', ?)",
        impl_->now_ms, int64_t(impl_->rng.state))
      .run();
  if (impl_->has_error ||
      impl_->run_control(impl_->commit_st, "COMMIT") != SQLITE_OK) {
    Error e = impl_->has_error ? impl_->err : sql_error(impl_->db, "COMMIT");
    rollback();
    return e;
  }
  impl_->in_txn = false;
  cow::release(impl_->txn_base);
  impl_->has_base = false;
  return {};
}

void World::rollback() {
  Impl& m = *impl_;
  if (m.in_txn && !sqlite3_get_autocommit(m.db))
    sqlite3_exec(m.db, "ROLLBACK", nullptr, nullptr, nullptr);
  m.in_txn = false;
  if (m.has_base) {
    // SQLite's journal undoes what it wrote; if anything reached the file anyway (a failed
    // commit, a cache spill), the tree from begin() is put back and SQLite's cache dropped.
    const cow::PageTree& now = cow::tree_of(m.file);
    if (now.top != m.txn_base.top || now.size != m.txn_base.size) cow::attach(m.file, m.txn_base);
    else cow::release(m.txn_base);
    m.txn_base = {};
    m.has_base = false;
  }
  m.has_error = false;
  m.forget();
  m.faults_paused = true;
  (void)load_meta(*this, m);  // clock and RNG as of the last commit
  m.faults_paused = false;
  m.has_error = false;
}

bool World::in_transaction() const { return impl_->in_txn; }
const Error* World::error() const { return impl_->has_error ? &impl_->err : nullptr; }
void World::fail(Error e) {
  if (impl_->has_error) return;  // keep the first error
  impl_->has_error = true;
  impl_->err = std::move(e);
}

// [SECTION] Faults, hashing, integrity -------------------------------------------------------
void World::inject(const Faults& f) {
  impl_->faults = f;
  impl_->statements = 0;
  cow::fail_write_after(impl_->file, f.fail_write);
}

bool World::count_statement() {
  Impl& m = *impl_;
  if (m.faults_paused || (!m.faults.fail_statement && !m.faults.throw_statement)) return true;
  const int n = ++m.statements;
  if (n == m.faults.throw_statement) {
    m.faults.throw_statement = 0;
    throw std::runtime_error("injected exception at statement " + std::to_string(n));
  }
  if (n == m.faults.fail_statement) {
    m.faults.fail_statement = 0;
    fail(Error{Errc::sql, "injected fault at statement " + std::to_string(n)});
    return false;
  }
  return true;
}

namespace {
struct Fnv {
  uint64_t h = 0xcbf29ce484222325ull;
  void add(const void* p, size_t n) {
    for (size_t i = 0; i < n; ++i) h = (h ^ static_cast<const uint8_t*>(p)[i]) * 0x100000001b3ull;
  }
  void add_u64(uint64_t v) { add(&v, sizeof v); }
};

// Rows of a raw statement (uncounted by fault injection, no statement cache).
template <class F>
bool each_row(sqlite3* db, const std::string& sql, F&& f) {
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) return false;
  int rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) f(st);
  sqlite3_finalize(st);
  return rc == SQLITE_DONE;
}
}  // namespace

uint64_t World::content_hash() {
  ClockScope cs(&impl_->now_ms);
  std::vector<std::string> tables;
  each_row(impl_->db,
           "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
           "ORDER BY name",
           [&](sqlite3_stmt* st) {
             tables.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)));
           });
  Fnv h;
  for (const std::string& t : tables) {
    h.add(t.data(), t.size() + 1);
    std::string quoted = "\"";
    for (char c : t) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    each_row(impl_->db, "SELECT * FROM " + quoted + "\"", [&](sqlite3_stmt* st) {
      const int n = sqlite3_column_count(st);
      for (int c = 0; c < n; ++c) {
        const int type = sqlite3_column_type(st, c);
        h.add_u64(uint64_t(type));
        if (type == SQLITE_INTEGER) h.add_u64(uint64_t(sqlite3_column_int64(st, c)));
        else if (type == SQLITE_FLOAT) {
          double d = sqlite3_column_double(st, c);
          h.add(&d, sizeof d);
        } else if (type != SQLITE_NULL) {
          const void* p = type == SQLITE_BLOB ? sqlite3_column_blob(st, c)
                                              : static_cast<const void*>(sqlite3_column_text(st, c));
          const int len = sqlite3_column_bytes(st, c);
          h.add_u64(uint64_t(len));
          h.add(p, size_t(len));
        }
      }
    });
  }
  h.add_u64(uint64_t(impl_->now_ms));
  h.add_u64(impl_->rng.state);
  return h.h;
}

Status World::integrity_check() {
  std::string report;
  bool ran = each_row(impl_->db, "PRAGMA integrity_check", [&](sqlite3_stmt* st) {
    if (!report.empty()) report += "; ";
    report += reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
  });
  if (!ran) return sql_error(impl_->db, "integrity_check");
  if (report != "ok") return Error{Errc::sql, "integrity_check: " + report};
  return {};
}

// [SECTION] Clock, RNG, UI session ----------------------------------------------------------
int64_t World::now_ms() const { return now_floor_ms(1); }
int64_t World::now_floor_ms(int64_t unit) const {
  const int64_t now = impl_->now_ms, v = now / unit;  // the clock is never negative
  if (Deps* d = impl_->rec; d && (d->clock_unit == 0 || unit < d->clock_unit)) {
    d->clock_unit = unit;
    d->clock_value = now / unit;
  }
  return v * unit;
}
void World::advance_ms(int64_t ms) {
  if (ms > 0) impl_->now_ms += ms;
}
uint64_t World::seed() const { return impl_->seed; }
uint64_t World::random_u64() { return impl_->rng.next(); }
uint32_t World::random_below(uint32_t n) { return impl_->rng.below(n); }

void World::record(Deps* d) {
  impl_->rec = d;
  if (!d) return;
  *d = {};
  d->epoch = impl_->epoch;
  d->seq = impl_->seq;
}

namespace {
// Adds what `in` read to `out` (a reused computation's reads, for the recording around it).
void merge_deps(Deps& out, const Deps& in, int64_t now_ms) {
  out.opaque = out.opaque || in.opaque;
  for (int t : in.tables)
    if (std::find(out.tables.begin(), out.tables.end(), t) == out.tables.end())
      out.tables.push_back(t);
  for (const std::string& k : in.ui_keys)
    if (std::find(out.ui_keys.begin(), out.ui_keys.end(), k) == out.ui_keys.end())
      out.ui_keys.push_back(k);
  if (in.clock_unit != 0 && (out.clock_unit == 0 || in.clock_unit < out.clock_unit)) {
    out.clock_unit = in.clock_unit;  // the finer granularity covers both
    out.clock_value = now_ms / in.clock_unit;
  }
}
}  // namespace

void World::keep_derived(bool on) {
  impl_->keep_derived = on;
  if (!on) impl_->derived.clear();
}

std::shared_ptr<const void> World::derived_any(
    std::string_view key, const std::function<std::shared_ptr<const void>()>& compute) {
  Impl& m = *impl_;
  Deps* const outer = m.rec;
  if (!m.keep_derived) return compute();
  auto it = m.derived.find(key);
  if (it == m.derived.end()) it = m.derived.emplace(std::string(key), Impl::Derived{}).first;
  Impl::Derived& d = it->second;
  if (!d.value || changed_since(d.deps)) {
    d.value.reset();
    record(&d.deps);
    std::shared_ptr<const void> v;
    try {
      v = compute();
    } catch (...) {
      m.rec = outer;
      throw;
    }
    m.rec = outer;
    if (outer) merge_deps(*outer, d.deps, m.now_ms);
    if (!error()) d.value = v;  // a failed query's result is not kept
    return v;
  }
  if (outer) merge_deps(*outer, d.deps, m.now_ms);
  return d.value;
}

void World::mark_clean() { impl_->set_base({}, false); }

bool World::maybe_changed(std::string_view table) const {
  const Impl& m = *impl_;
  if (m.carried_all || m.all_seq > m.base_seq) return true;
  if (std::find(m.carried_dirty.begin(), m.carried_dirty.end(), table) != m.carried_dirty.end()) return true;
  const auto it = m.table_ids.find(table);
  return it != m.table_ids.end() && m.table_seq[size_t(it->second)] > m.base_seq;
}

bool World::changed_since(const Deps& d) const {
  const Impl& m = *impl_;
  if (d.opaque || d.epoch != m.epoch || m.all_seq > d.seq) return true;
  for (int t : d.tables)
    if (m.table_seq[size_t(t)] > d.seq) return true;
  if (!d.ui_keys.empty() && m.ui_all_seq > d.seq) return true;
  for (const std::string& k : d.ui_keys)
    if (auto it = m.ui_seq.find(k); it != m.ui_seq.end() && it->second > d.seq) return true;
  return d.clock_unit != 0 && m.now_ms / d.clock_unit != d.clock_value;
}

namespace {
struct Internal {  // ui_get/ui_set's statements: tracked per key instead of as table reads
  World::Impl& m;
  explicit Internal(World::Impl& i) : m(i) { m.internal = true; }
  ~Internal() { m.internal = false; }
};
}  // namespace

namespace {
const World::Impl::UiVal& ui_load(World& w, World::Impl& m, std::string_view key,
                                  bool need_int = false) {
  if (m.rec && std::find(m.rec->ui_keys.begin(), m.rec->ui_keys.end(), key) == m.rec->ui_keys.end())
    m.rec->ui_keys.emplace_back(key);
  auto it = m.ui_cache.find(key);
  if (it != m.ui_cache.end() && (!need_int || it->second.int_known)) return it->second;
  if (it != m.ui_cache.end() && it->second.dirty) w.flush_ui();  // SQLite converts the text
  World::Impl::UiVal v;
  {
    Internal in(m);
    auto q = w.query("SELECT value, value, typeof(value) = 'integer' FROM ui WHERE key = ?", key);
    if (q.step()) {
      v.present = true;
      v.s = std::string(q.text(0));
      v.i = q.i64(1);
      v.type = q.i64(2) ? 1 : 3;  // SQLITE_INTEGER or SQLITE_TEXT (others read as text)
    }
  }
  if (w.error()) {  // not cached: the next read asks SQLite again
    static const World::Impl::UiVal none;
    return none;
  }
  v.store();
  return m.ui_cache.insert_or_assign(std::string(key), std::move(v)).first->second;
}
}  // namespace

std::string World::ui_get(std::string_view key, std::string_view def) {
  const Impl::UiVal& v = ui_load(*this, *impl_, key);
  return v.present ? v.s : std::string(def);
}
int64_t World::ui_int(std::string_view key, int64_t def) {
  const Impl::UiVal& v = ui_load(*this, *impl_, key, true);
  return v.present ? v.i : def;
}
int64_t World::ui_int_unrecorded(std::string_view key, int64_t def) {
  Deps* const rec = std::exchange(impl_->rec, nullptr);
  struct Back {
    Deps*& to;
    Deps* const v;
    ~Back() { to = v; }
  } back{impl_->rec, rec};
  return ui_int(key, def);
}

namespace {
// The entry for `key`, made on first use (no key copy when it exists: ui writes are per step).
template <class M>
typename M::mapped_type& slot(M& map, std::string_view key) {
  auto it = map.find(key);
  if (it == map.end()) it = map.emplace(std::string(key), typename M::mapped_type{}).first;
  return it->second;
}

template <class V>
void ui_write(World& w, World::Impl& m, std::string_view key, const V& value) {
  constexpr bool is_int = std::is_same_v<V, int64_t>;
  auto it = m.ui_cache.find(key);
  if (it != m.ui_cache.end() && it->second.present && it->second.type == (is_int ? 1 : 3)) {
    if constexpr (is_int) {
      if (it->second.i == value) return;
    } else {
      if (it->second.s == value) return;
    }
  }
  slot(m.ui_seq, key) = ++m.seq;
  World::Impl::UiVal& v = it != m.ui_cache.end() ? it->second : slot(m.ui_cache, key);
  v.present = true;
  if constexpr (is_int) {
    v.type = 1;
    v.i = value;
    v.int_known = true;
    v.s = std::to_string(value);
  } else {
    v.type = 3;
    v.s = value;
    v.int_known = false;
  }
  const bool dirty = !v.holds(v.type, v.i, v.s);  // set and set back in a step: no write
  if (dirty && !v.dirty) m.ui_dirty.emplace_back(key);
  v.dirty = dirty;
  if (!m.in_txn) w.flush_ui();  // no step to wait for: written now, as SQLite autocommits
}
}  // namespace

void World::flush_ui() {
  Impl& m = *impl_;
  if (m.ui_dirty.empty()) return;
  std::vector<std::string> keys;
  keys.swap(m.ui_dirty);
  Internal in(m);
  // Up to 8 rows a statement (a statement costs more than the rows it writes).
  static const std::array<std::string, 8> kSql = [] {
    std::array<std::string, 8> sql;
    std::string s = "INSERT OR REPLACE INTO ui(key, value) VALUES(?, ?)";
    for (std::string& q : sql) {
      q = s;
      s += ", (?, ?)";
    }
    return sql;
  }();
  std::vector<const Impl::UiVal*> vals;
  std::vector<std::string_view> names;
  for (const std::string& k : keys) {
    auto it = m.ui_cache.find(k);
    if (it == m.ui_cache.end() || !it->second.dirty) continue;
    it->second.dirty = false;
    it->second.store();
    vals.push_back(&it->second);
    names.push_back(k);

  }
  for (size_t at = 0; at < vals.size(); at += 8) {
    const size_t n = std::min<size_t>(8, vals.size() - at);
    Query q = query(kSql[n - 1]);
    for (size_t j = 0; j < n; ++j) {
      const Impl::UiVal& v = *vals[at + j];
      q.bind(int(2 * j + 1), names[at + j]);
      if (v.type == 1) q.bind(int(2 * j + 2), v.i);
      else q.bind(int(2 * j + 2), std::string_view(v.s));
    }
    q.run();
  }
  keys.clear();
  if (m.ui_dirty.empty()) m.ui_dirty.swap(keys);  // keeps the buffer
}

void World::ui_set(std::string_view key, std::string_view value) {
  ui_write(*this, *impl_, key, value);
}
void World::ui_set(std::string_view key, int64_t value) { ui_write(*this, *impl_, key, value); }

int64_t World::schedule(int64_t at_ms, std::string_view kind, std::string_view payload) {
  query("INSERT INTO events(at_ms, kind, payload) VALUES(?, ?, ?)", at_ms, kind, payload).run();
  return last_insert_rowid();
}

bool World::next_due(Event& out) {
  {
    auto q = query("SELECT id, at_ms, kind, payload FROM events WHERE fired = 0 AND at_ms <= ? "
                   "ORDER BY at_ms, id LIMIT 1",
                   impl_->now_ms);
    if (!q.step()) return false;
    out = {q.i64(0), q.i64(1), std::string(q.text(2)), std::string(q.text(3))};
  }
  return query("UPDATE events SET fired = 1 WHERE id = ?", out.id).run();
}

std::vector<Event> World::pending_events() {
  std::vector<Event> out;
  auto q = query("SELECT id, at_ms, kind, payload FROM events WHERE fired = 0 ORDER BY at_ms, id");
  while (q.step()) out.push_back({q.i64(0), q.i64(1), std::string(q.text(2)), std::string(q.text(3))});
  return out;
}

sqlite3* World::handle() const { return impl_->db; }

}  // namespace facsim::state
