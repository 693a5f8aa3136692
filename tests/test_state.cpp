#include <gtest/gtest.h>
#include <sqlite3.h>

#include <map>
#include <thread>

#include "state.h"

using namespace facsim;

namespace {
std::unique_ptr<state::World> make(uint64_t seed = 1) {
  auto w = state::World::create(seed);
  EXPECT_TRUE(w.ok());
  return std::move(*w);
}
}  // namespace

TEST(State, TransactionCommitsAndRollsBack) {
  auto w = make();
  ASSERT_TRUE(w->exec("CREATE TABLE t(x INTEGER CHECK(x < 10))"));
  ASSERT_TRUE(w->begin());
  w->query("INSERT INTO t VALUES(?)", 1).run();
  ASSERT_TRUE(w->commit());
  ASSERT_TRUE(w->begin());
  w->query("INSERT INTO t VALUES(?)", 2).run();
  w->query("INSERT INTO t VALUES(?)", 99).run();  // violates the CHECK
  ASSERT_NE(w->error(), nullptr);
  EXPECT_EQ(w->error()->code, Errc::sql);
  EXPECT_FALSE(w->commit());  // commit refuses and rolls back
  EXPECT_EQ(w->scalar("SELECT count(*) FROM t"), 1);
  EXPECT_EQ(w->error(), nullptr);
}

TEST(State, ClockAndRngRollBackWithTheTransaction) {
  auto w = make();
  int64_t t0 = w->now_ms();
  ASSERT_TRUE(w->begin());
  w->advance_ms(500);
  uint64_t r1 = w->random_u64();
  w->rollback();
  EXPECT_EQ(w->now_ms(), t0);
  ASSERT_TRUE(w->begin());
  EXPECT_EQ(w->random_u64(), r1);  // same draw again: the RNG state rolled back too
  w->advance_ms(500);
  ASSERT_TRUE(w->commit());
  EXPECT_EQ(w->now_ms(), t0 + 500);
}

TEST(State, SqlRandomAndNowAreSeededAndVirtual) {
  auto a = make(42), b = make(42), c = make(43);
  auto draw = [](state::World& w) {
    return std::make_pair(w.scalar("SELECT random()"), w.scalar("SELECT unixepoch('now')"));
  };
  auto ra = draw(*a), rb = draw(*b), rc = draw(*c);
  EXPECT_EQ(ra, rb);
  EXPECT_NE(ra.first, rc.first);
  EXPECT_EQ(ra.second, state::kEpochMs / 1000);  // the virtual clock, not the wall clock
  ASSERT_TRUE(a->begin());
  a->advance_ms(60000);
  ASSERT_TRUE(a->commit());
  EXPECT_EQ(a->scalar("SELECT unixepoch('now')"), state::kEpochMs / 1000 + 60);
  auto q = a->query("SELECT datetime('now')");
  ASSERT_TRUE(q.step());
  EXPECT_EQ(q.text(0), "2026-03-02 09:01:00");
  // ...and its friends: every SQL way to read the clock or OS randomness.
  auto r = a->query("SELECT CURRENT_TIMESTAMP, CURRENT_DATE, CURRENT_TIME, strftime('%s','now'), "
                    "julianday('now'), hex(randomblob(8))");
  ASSERT_TRUE(r.step());
  EXPECT_EQ(r.text(0), "2026-03-02 09:01:00");
  EXPECT_EQ(r.text(1), "2026-03-02");
  EXPECT_EQ(r.text(2), "09:01:00");
  EXPECT_EQ(r.text(3), std::to_string(state::kEpochMs / 1000 + 60));
  EXPECT_DOUBLE_EQ(r.f64(4), 2440587.5 + double(state::kEpochMs + 60000) / 86400000.0);
  auto blob = [](state::World& w) {
    auto q2 = w.query("SELECT hex(randomblob(16))");
    return q2.step() ? std::string(q2.text(0)) : std::string();
  };
  auto fresh1 = make(42), fresh2 = make(42);
  EXPECT_EQ(blob(*fresh1), blob(*fresh2));
  EXPECT_EQ(blob(*fresh1).size(), 32u);
}

TEST(State, ForkIsIndependent) {
  auto w = make();
  ASSERT_TRUE(w->exec("CREATE TABLE t(x)"));
  ASSERT_TRUE(w->exec("INSERT INTO t VALUES(1)"));
  auto f = w->fork();
  ASSERT_TRUE(f.ok());
  ASSERT_TRUE((*f)->exec("INSERT INTO t VALUES(2)"));
  ASSERT_TRUE(w->exec("INSERT INTO t VALUES(3)"));
  EXPECT_EQ(w->scalar("SELECT sum(x) FROM t"), 4);
  EXPECT_EQ((*f)->scalar("SELECT sum(x) FROM t"), 3);
  EXPECT_EQ((*f)->now_ms(), w->now_ms());
  EXPECT_EQ((*f)->random_u64(), w->random_u64());
  ASSERT_TRUE(w->begin());
  EXPECT_FALSE(w->fork().ok());  // not mid-transaction
  w->rollback();
}

TEST(State, SaveOpensInSqliteAndLoadsBack) {
  auto w = make(5);
  ASSERT_TRUE(w->exec("CREATE TABLE t(x); INSERT INTO t VALUES('hello')"));
  w->ui_set("mail.folder", "sent");
  std::string path = std::string(FACSIM_TEST_TMP) + "/world.sqlite";
  ASSERT_TRUE(w->save(path));
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db, "SELECT x FROM t", -1, &st, nullptr), SQLITE_OK);
  ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)), "hello");
  sqlite3_finalize(st);
  sqlite3_close(db);
  auto l = state::World::load(path);
  ASSERT_TRUE(l.ok()) << l.error().message;
  EXPECT_EQ((*l)->seed(), 5u);
  EXPECT_EQ((*l)->ui_get("mail.folder"), "sent");
  EXPECT_EQ((*l)->random_u64(), w->random_u64());
}

TEST(State, CorruptOrForeignFilesAreRejected) {
  std::string path = std::string(FACSIM_TEST_TMP) + "/garbage.sqlite";
  FILE* f = std::fopen(path.c_str(), "wb");
  std::fputs("this is not a database at all, just some bytes padding it out.........", f);
  std::fclose(f);
  auto l = state::World::load(path);
  ASSERT_FALSE(l.ok());
  EXPECT_EQ(l.error().code, Errc::io);
  EXPECT_FALSE(state::World::load("/nonexistent/dir/x.sqlite").ok());
}

TEST(State, NestedQueriesOfTheSameSql) {
  auto w = make();
  ASSERT_TRUE(w->exec("CREATE TABLE t(x); INSERT INTO t VALUES(1),(2),(3)"));
  int64_t total = 0;
  for (auto q = w->query("SELECT x FROM t"); q.step();)
    for (auto r = w->query("SELECT x FROM t"); r.step();) total += q.i64(0) * r.i64(0);
  EXPECT_EQ(total, 36);
}

TEST(State, PrepareErrorsAreReported) {
  auto w = make();
  ASSERT_TRUE(w->begin());
  EXPECT_FALSE(w->query("SELEC nonsense").step());
  ASSERT_NE(w->error(), nullptr);
  EXPECT_NE(w->error()->message.find("syntax"), std::string::npos);
  w->rollback();
}

// ---- copy-on-write page store: fork, snapshot, restore ------------------------------------
namespace {
// A world with `mb` MiB of blob rows (4 rows of ~1000 bytes per 4 KiB page, roughly).
std::unique_ptr<state::World> sized(int mb, uint64_t seed = 3) {
  auto w = make(seed);
  EXPECT_TRUE(w->exec("CREATE TABLE blob(id INTEGER PRIMARY KEY, b BLOB)"));
  EXPECT_TRUE(w->begin());
  const int rows = mb * 1024;
  for (int i = 0; i < rows; ++i) w->query("INSERT INTO blob(b) VALUES(randomblob(900))").run();
  EXPECT_TRUE(w->commit());
  return w;
}
}  // namespace

TEST(StateCow, ForkSharesPagesAndGrowsOnlyWithWrites) {
  auto w = sized(8);
  const int64_t world_pages = w->scalar("PRAGMA page_count");
  ASSERT_GT(world_pages, 2000);
  const state::PageStoreUsage before = state::World::page_store();
  auto f = w->fork();
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(state::World::page_store().pages, before.pages);  // nothing copied
  const uint64_t parent = w->content_hash();
  ASSERT_TRUE((*f)->begin());
  (*f)->query("UPDATE blob SET b = zeroblob(10) WHERE id = 5000").run();
  ASSERT_TRUE((*f)->commit());
  const state::PageStoreUsage after = state::World::page_store();
  EXPECT_GT(after.pages, before.pages);
  EXPECT_LT(after.pages - before.pages, 8);   // the changed leaf, its parents, page 1
  EXPECT_LT(after.nodes - before.nodes, 16);  // one path of the radix tree per page
  EXPECT_EQ(w->content_hash(), parent);        // the parent never sees the fork's writes
  EXPECT_EQ(w->scalar("SELECT length(b) FROM blob WHERE id = 5000"), 900);
  EXPECT_EQ((*f)->scalar("SELECT length(b) FROM blob WHERE id = 5000"), 10);
  f->reset();
  EXPECT_EQ(state::World::page_store().pages, before.pages);  // the fork's pages went back
}

TEST(StateCow, SnapshotRestoreIsExact) {
  auto w = make(11);
  ASSERT_TRUE(w->exec("CREATE TABLE t(k INTEGER PRIMARY KEY, v TEXT)"));
  ASSERT_TRUE(w->exec("INSERT INTO t(v) VALUES('a'),('b')"));
  auto snap = w->snapshot();
  ASSERT_TRUE(snap.ok());
  const uint64_t h0 = w->content_hash();
  const int64_t t0 = w->now_ms();
  for (int round = 0; round < 3; ++round) {
    ASSERT_TRUE(w->begin());
    w->query("INSERT INTO t(v) VALUES(?)", "round").run();
    w->query("UPDATE t SET v = 'changed' WHERE k = 1").run();
    w->ui_set("mail.folder", "trash");
    w->advance_ms(5000);
    (void)w->random_u64();
    ASSERT_TRUE(w->commit());
    EXPECT_NE(w->content_hash(), h0);
    ASSERT_TRUE(w->restore(*snap));
    EXPECT_EQ(w->content_hash(), h0);
    EXPECT_EQ(w->now_ms(), t0);
    EXPECT_EQ(w->scalar("SELECT count(*) FROM t"), 2);
    EXPECT_EQ(w->ui_get("mail.folder"), "");
    EXPECT_EQ(w->scalar("SELECT unixepoch('now')"), t0 / 1000);
  }
  // Restore into a different world: it becomes the snapshot, seed and RNG included.
  auto other = make(99);
  ASSERT_TRUE(other->restore(*snap));
  EXPECT_EQ(other->content_hash(), h0);
  EXPECT_EQ(other->seed(), 11u);
  EXPECT_EQ(other->random_u64(), w->random_u64());
  ASSERT_TRUE(w->begin());
  EXPECT_FALSE(w->restore(*snap).ok());  // not mid-transaction
  EXPECT_FALSE(w->snapshot().ok());
  w->rollback();
  EXPECT_FALSE(w->restore(state::Snapshot{}).ok());
}

TEST(StateCow, RestoreAcrossDifferentSchemasWithEqualCookies) {
  // Both worlds run the same number of DDL statements, so their schema cookies are equal:
  // SQLite alone could not tell that its parsed schema is stale.
  auto a = make(1), b = make(1);
  ASSERT_TRUE(a->exec("CREATE TABLE only_a(x); INSERT INTO only_a VALUES(7)"));
  ASSERT_TRUE(b->exec("CREATE TABLE only_b(y); INSERT INTO only_b VALUES(8)"));
  ASSERT_EQ(a->scalar("PRAGMA schema_version"), b->scalar("PRAGMA schema_version"));
  EXPECT_EQ(a->scalar("SELECT x FROM only_a"), 7);  // cached statement and parsed schema
  auto sb = b->snapshot();
  ASSERT_TRUE(sb.ok());
  ASSERT_TRUE(a->restore(*sb));
  EXPECT_EQ(a->scalar("SELECT y FROM only_b"), 8);
  EXPECT_EQ(a->scalar("SELECT x FROM only_a", -1), -1);  // gone, with a clear error
  EXPECT_EQ(a->scalar("SELECT count(*) FROM sqlite_schema WHERE name = 'only_a'"), 0);
  ASSERT_TRUE(a->integrity_check());
  // A pooled connection that served schema A now serves a fork of schema B.
  a.reset();
  auto c = state::World::from(*sb);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ((*c)->scalar("SELECT y FROM only_b"), 8);
  EXPECT_EQ((*c)->content_hash(), b->content_hash());
}

TEST(StateCow, ForksOnManyThreadsStayIndependent) {
  auto base = sized(1);
  const uint64_t h = base->content_hash();
  constexpr int kForks = 8;
  std::vector<std::unique_ptr<state::World>> forks;
  for (int i = 0; i < kForks; ++i) forks.push_back(std::move(*base->fork()));
  std::vector<std::thread> threads;
  for (int i = 0; i < kForks; ++i)
    threads.emplace_back([&, i] {
      state::World& w = *forks[size_t(i)];
      for (int s = 0; s < 50; ++s) {
        (void)w.begin();
        w.query("UPDATE blob SET b = ? WHERE id % 8 = ?", std::to_string(i * 1000 + s), i).run();
        (void)w.commit();
        auto child = w.fork();  // forks of forks, on this thread
        if (s % 10 == 0 && child.ok()) (void)(*child)->exec("DELETE FROM blob");
      }
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(base->content_hash(), h);
  for (int i = 0; i < kForks; ++i) {
    state::World& w = *forks[size_t(i)];
    EXPECT_TRUE(w.integrity_check());
    EXPECT_EQ(w.scalar("SELECT count(*) FROM blob WHERE b = '" + std::to_string(i * 1000 + 49) +
                       "'"),
              128);  // 1024 rows, the eighth with id % 8 == i
    EXPECT_EQ(w.scalar("SELECT count(*) FROM blob WHERE typeof(b) = 'text'"), 128);
  }
}

// ---- fault injection: a failing statement, exception or write leaves the world as it was ----
namespace {
// One "step" of several statements, like an app handler plus the commit.
Status multi_statement_step(state::World& w, int tag) {
  if (Status s = w.begin(); !s) return s;
  try {
    w.query("INSERT INTO t(v) VALUES(?)", tag).run();
    w.query("UPDATE t SET v = v + 1 WHERE k % 3 = 0").run();
    w.ui_set("last", int64_t(tag));
    (void)w.ui_get("last");
    w.query("DELETE FROM t WHERE k = (SELECT min(k) FROM t)").run();
    w.schedule(w.now_ms() + 1000, "test.ping", std::to_string(tag));
    w.advance_ms(100);
    if (const Error* e = w.error()) {
      Error copy = *e;
      w.rollback();
      return copy;
    }
    return w.commit();  // its meta write is a statement too
  } catch (const std::exception& e) {
    w.rollback();
    return Error{Errc::sql, e.what()};
  }
}
}  // namespace

TEST(StateFaults, EveryStatementOfAStepCanFailOrThrow) {
  auto w = make(21);
  ASSERT_TRUE(w->exec("CREATE TABLE t(k INTEGER PRIMARY KEY, v INTEGER)"));
  for (int i = 0; i < 20; ++i) ASSERT_TRUE(multi_statement_step(*w, i));
  auto reference = w->fork();
  ASSERT_TRUE(reference.ok());
  for (bool throwing : {false, true}) {
    int failures = 0;
    for (int n = 1;; ++n) {
      const uint64_t before = w->content_hash();
      w->inject(throwing ? state::Faults{.throw_statement = n} : state::Faults{.fail_statement = n});
      Status s = multi_statement_step(*w, 100);
      w->inject({});
      if (s) break;  // n is past the last statement: the step went through
      ++failures;
      EXPECT_NE(s.error().message.find("injected"), std::string::npos) << s.error().message;
      EXPECT_EQ(w->content_hash(), before) << "statement " << n;
      ASSERT_TRUE(w->integrity_check());
      ASSERT_FALSE(w->in_transaction());
    }
    EXPECT_EQ(failures, 6);  // 5 in the step (ui_get reads the cache), the meta write in commit
    // The step that finally went through did exactly what it does on a clean world.
    ASSERT_TRUE(multi_statement_step(**reference, 100));
    EXPECT_EQ(w->content_hash(), (*reference)->content_hash());
  }
}

TEST(StateFaults, FailedPageWritesInCommitLeaveTheWorldIntact) {
  auto w = sized(1, 5);
  auto reference = w->fork();
  ASSERT_TRUE(reference.ok());
  auto step = [](state::World& x) {
    (void)x.begin();
    x.query("UPDATE blob SET b = zeroblob(100) WHERE id % 37 = 0").run();  // many pages
    return x.commit();
  };
  int failures = 0;
  for (int n = 1; n < 200; ++n) {
    const uint64_t before = w->content_hash();
    w->inject({.fail_write = n});
    Status s = step(*w);
    w->inject({});
    if (s) break;
    ++failures;
    EXPECT_EQ(w->content_hash(), before) << "write " << n;
    ASSERT_TRUE(w->integrity_check()) << "write " << n;
  }
  EXPECT_GE(failures, 10);
  ASSERT_TRUE(step(**reference));
  EXPECT_EQ(w->content_hash(), (*reference)->content_hash());
}

// ---- scheduled events ------------------------------------------------------------------------
TEST(StateEvents, DueEventsComeInTimeThenIdOrderAndRollBack) {
  auto w = make();
  const int64_t t0 = w->now_ms();
  ASSERT_TRUE(w->begin());
  w->schedule(t0 + 300, "x.c", "3");
  w->schedule(t0 + 100, "x.a", "1");
  w->schedule(t0 + 300, "x.d", "4");
  w->schedule(t0 + 200, "x.b", "2");
  ASSERT_TRUE(w->commit());
  EXPECT_EQ(w->pending_events().size(), 4u);
  auto fork = w->fork();
  ASSERT_TRUE(w->begin());
  w->advance_ms(250);
  std::string order;
  for (state::Event e; w->next_due(e);) order += e.payload;
  EXPECT_EQ(order, "12");
  w->rollback();  // un-fires them
  EXPECT_EQ(w->pending_events().size(), 4u);
  ASSERT_TRUE(w->begin());
  w->advance_ms(1000);
  order.clear();
  for (state::Event e; w->next_due(e);) order += e.payload;
  ASSERT_TRUE(w->commit());
  EXPECT_EQ(order, "1234");
  EXPECT_TRUE(w->pending_events().empty());
  EXPECT_EQ((*fork)->pending_events().size(), 4u);  // the fork has its own future
}

// ---- churn: random fork/step/snapshot/restore/drop against a model --------------------------
TEST(StateChurn, IntegrityHoldsAndMemoryReturnsToBaseline) {
  state::World::drain_pool();
  const state::PageStoreUsage baseline = state::World::page_store();
  {
    using Model = std::map<int64_t, int64_t>;
    struct Live {
      std::unique_ptr<state::World> w;
      Model m;
    };
    struct Snap {
      state::Snapshot s;
      Model m;
    };
    Rng rng{12345};
    std::vector<Live> worlds;
    std::vector<Snap> snaps;
    {
      Live first{make(4), {}};
      ASSERT_TRUE(first.w->exec("CREATE TABLE kv(k INTEGER PRIMARY KEY, v INTEGER, pad BLOB)"));
      worlds.push_back(std::move(first));
    }
    auto check = [](Live& l) {
      Model got;
      for (auto q = l.w->query("SELECT k, v FROM kv"); q.step();) got[q.i64(0)] = q.i64(1);
      EXPECT_EQ(got, l.m);
      EXPECT_TRUE(l.w->integrity_check());
    };
    for (int op = 0; op < 600; ++op) {
      Live& l = worlds[rng.below(uint32_t(worlds.size()))];
      switch (rng.below(7)) {
        case 0:
        case 1:
        case 2: {  // a step of a few writes; sometimes a fault rolls it all back
          const bool fault = rng.below(5) == 0;
          Model next = l.m;
          if (fault) l.w->inject({.fail_statement = int(1 + rng.below(4))});
          ASSERT_TRUE(l.w->begin());
          for (int i = 0, n = int(1 + rng.below(4)); i < n; ++i) {
            const int64_t k = rng.below(400), v = rng.below(1000000);
            if (rng.below(4) == 0) {
              l.w->query("DELETE FROM kv WHERE k = ?", k).run();
              next.erase(k);
            } else {
              const int pad = int(rng.below(3000));
              l.w->query("INSERT OR REPLACE INTO kv VALUES(?, ?, zeroblob(?))", k, v, pad).run();
              next[k] = v;
            }
          }
          const bool ok = bool(l.w->commit());
          l.w->inject({});
          if (ok) l.m = std::move(next);
          break;
        }
        case 3:
          if (worlds.size() < 8) {
            Live f{std::move(*l.w->fork()), l.m};
            worlds.push_back(std::move(f));
          }
          break;
        case 4:
          if (snaps.size() < 6) snaps.push_back({*l.w->snapshot(), l.m});
          else snaps[rng.below(uint32_t(snaps.size()))] = {*l.w->snapshot(), l.m};
          break;
        case 5:
          if (!snaps.empty()) {
            const Snap& s = snaps[rng.below(uint32_t(snaps.size()))];
            ASSERT_TRUE(l.w->restore(s.s));
            l.m = s.m;
          }
          break;
        case 6:
          if (worlds.size() > 1) {
            worlds.erase(worlds.begin() + std::ptrdiff_t(rng.below(uint32_t(worlds.size()))));
          }
          break;
      }
      if (op % 50 == 0)
        for (Live& x : worlds) check(x);
    }
    for (Live& x : worlds) check(x);
    EXPECT_GT(state::World::page_store().pages, baseline.pages);
  }
  const state::PageStoreUsage end = state::World::page_store();
  EXPECT_EQ(end.pages, baseline.pages);
  EXPECT_EQ(end.nodes, baseline.nodes);
  state::World::drain_pool();
}

// Read tracking (state::Deps): what a recorded computation read decides whether a write since
// then counts; rollback, restore and raw exec count as changing everything.
TEST(StateDeps, WritesToWhatWasReadAndNothingElseCount) {
  auto w = make(5);
  ASSERT_TRUE(w->exec("CREATE TABLE a(x); CREATE TABLE b(x); INSERT INTO a VALUES(1);"));
  state::Deps d;
  auto record = [&] {
    w->record(&d);
    (void)w->scalar("SELECT count(*) FROM a");  // count(*) reads no column: still a read
    (void)w->ui_get("k");
    (void)w->now_floor_ms(60000);
    w->record(nullptr);
  };
  ASSERT_TRUE(w->begin());
  record();
  EXPECT_FALSE(w->changed_since(d));
  w->query("INSERT INTO b VALUES(2)").run();         // a table it did not read
  w->ui_set("other", int64_t(1));                     // a key it did not read
  w->advance_ms(1000);                                // the same minute
  EXPECT_FALSE(w->changed_since(d));
  w->query("INSERT INTO a VALUES(3)").run();
  EXPECT_TRUE(w->changed_since(d));
  record();
  w->ui_set("k", "v");
  EXPECT_TRUE(w->changed_since(d));
  record();
  w->ui_set("k", "v");                                // the same value: not a write at all
  EXPECT_FALSE(w->changed_since(d));
  w->query("UPDATE ui SET value = 'w' WHERE key = 'k'").run();  // raw SQL on table ui
  EXPECT_TRUE(w->changed_since(d));
  EXPECT_EQ(w->ui_get("k"), "w");                     // and the ui cache saw it
  record();
  w->advance_ms(60000);
  EXPECT_TRUE(w->changed_since(d));
  record();
  ASSERT_TRUE(w->commit());
  EXPECT_FALSE(w->changed_since(d));                  // commit changes nothing read
  ASSERT_TRUE(w->begin());
  w->rollback();
  EXPECT_TRUE(w->changed_since(d));
  record();
  ASSERT_TRUE(w->exec("CREATE TABLE c(x)"));
  EXPECT_TRUE(w->changed_since(d));
  record();
  auto snap = w->snapshot();
  ASSERT_TRUE(snap.ok());
  ASSERT_TRUE(w->restore(*snap));
  EXPECT_TRUE(w->changed_since(d));
  // Reading the exact clock makes every tick a change.
  w->record(&d);
  (void)w->now_ms();
  w->record(nullptr);
  w->advance_ms(1);
  EXPECT_TRUE(w->changed_since(d));
}

// The ui cache answers like SQLite: integers and text, int conversion of text, absent keys.
TEST(StateDeps, UiCacheReadsLikeTheTable) {
  auto w = make(6);
  ASSERT_TRUE(w->begin());
  w->ui_set("n", int64_t(42));
  w->ui_set("t", "17 apples");
  EXPECT_EQ(w->ui_get("n"), "42");
  EXPECT_EQ(w->ui_int("t"), 17);
  EXPECT_EQ(w->ui_get("t"), "17 apples");
  EXPECT_EQ(w->ui_int("missing", -5), -5);
  ASSERT_TRUE(w->commit());
  ASSERT_TRUE(w->begin());
  w->ui_set("n", int64_t(7));
  w->rollback();
  EXPECT_EQ(w->ui_int("n"), 42);                      // rollback dropped the cached write
  EXPECT_EQ(w->scalar("SELECT value FROM ui WHERE key = 'n'"), 42);
}

// In a step ui_set writes SQLite once per key with the last value, before any statement that
// could read it and at commit; rollback drops what was not written; outside a transaction it
// writes at once.
TEST(StateDeps, UiWritesReachSqliteBeforeTheyCanBeRead) {
  auto w = make(7);
  auto changes = [&] { return sqlite3_total_changes64(w->handle()); };
  ASSERT_TRUE(w->begin());
  w->ui_set("a", "one");
  EXPECT_EQ(w->scalar("SELECT count(*) FROM ui WHERE key = 'a' AND value = 'one'"), 1);
  ASSERT_TRUE(w->commit());
  // One key set and set back in a step: one write or none, never one per ui_set.
  const int64_t c0 = changes();
  ASSERT_TRUE(w->begin());
  w->ui_set("press", "row:1");
  w->ui_set("press", "row:2");
  w->ui_set("press", "");
  ASSERT_TRUE(w->commit());
  const int64_t one_key = changes() - c0;  // the press row and the clock (meta)
  const int64_t c1 = changes();
  ASSERT_TRUE(w->begin());
  w->ui_set("press", "row:3");
  ASSERT_TRUE(w->commit());
  EXPECT_EQ(changes() - c1, one_key);
  EXPECT_EQ(w->scalar("SELECT count(*) FROM ui WHERE key = 'press' AND value = 'row:3'"), 1);
  // Set and set back to what SQLite holds: no write at all (a click's "buttons" and "press").
  const int64_t c2 = changes();
  ASSERT_TRUE(w->begin());
  ASSERT_TRUE(w->commit());
  const int64_t empty_step = changes() - c2;  // the clock (meta)
  const int64_t c3 = changes();
  ASSERT_TRUE(w->begin());
  w->ui_set("press", "row:4");
  EXPECT_EQ(w->ui_get("press"), "row:4");
  w->ui_set("press", "row:3");
  ASSERT_TRUE(w->commit());
  EXPECT_EQ(changes() - c3, empty_step);
  EXPECT_EQ(w->ui_get("press"), "row:3");
  // Text read as a number goes through SQLite's conversion: the pending value first.
  ASSERT_TRUE(w->begin());
  w->ui_set("n", "12 eggs");
  EXPECT_EQ(w->ui_int("n"), 12);
  w->ui_set("gone", int64_t(5));
  w->rollback();
  EXPECT_EQ(w->ui_get("gone"), "");
  EXPECT_EQ(w->scalar("SELECT count(*) FROM ui WHERE key IN ('n', 'gone')"), 0);
  w->ui_set("now", int64_t(9));  // no transaction: written (and committed) at once
  EXPECT_FALSE(w->in_transaction());
  EXPECT_EQ(w->scalar("SELECT value FROM ui WHERE key = 'now'"), 9);
}

// World::derived: computed once, kept while nothing it read is written; its reads count for
// the recording around the call whether it was computed or kept; a failed computation is not
// kept; keep_derived(false) computes every time.
TEST(StateDeps, DerivedValuesFollowTheirReads) {
  auto w = make(7);
  ASSERT_TRUE(w->exec("CREATE TABLE a(x); CREATE TABLE b(x); INSERT INTO a VALUES(1);"));
  ASSERT_TRUE(w->begin());
  int computed = 0;
  auto sum = [&] {
    return *w->derived<int64_t>("sum", [&] {
      ++computed;
      return w->scalar("SELECT sum(x) FROM a") + w->ui_int("bonus");
    });
  };
  state::Deps outer;
  w->record(&outer);
  EXPECT_EQ(sum(), 1);
  w->record(nullptr);
  EXPECT_EQ(computed, 1);
  w->query("INSERT INTO b VALUES(5)").run();  // not read
  state::Deps outer2;
  w->record(&outer2);
  EXPECT_EQ(sum(), 1);                         // kept...
  w->record(nullptr);
  EXPECT_EQ(computed, 1);
  w->query("INSERT INTO a VALUES(2)").run();
  EXPECT_TRUE(w->changed_since(outer2));       // ...and its reads were still recorded
  EXPECT_EQ(sum(), 3);
  EXPECT_EQ(computed, 2);
  w->record(&outer2);
  EXPECT_EQ(sum(), 3);
  w->record(nullptr);
  w->ui_set("bonus", int64_t(10));             // a ui key it read
  EXPECT_TRUE(w->changed_since(outer2));
  EXPECT_EQ(sum(), 13);
  EXPECT_EQ(computed, 3);
  // A failing query inside: its result is returned but not kept.
  auto bad = [&] {
    return *w->derived<int64_t>("bad", [&] {
      ++computed;
      return w->scalar("SELECT x FROM no_such_table", -1);
    });
  };
  EXPECT_EQ(bad(), -1);
  w->rollback();                               // clears the error (and every memo)
  ASSERT_TRUE(w->begin());
  const int before = computed;
  EXPECT_EQ(sum(), 1);                         // rolled back: a and bonus as committed
  EXPECT_EQ(computed, before + 1);
  w->keep_derived(false);
  EXPECT_EQ(sum(), 1);
  EXPECT_EQ(sum(), 1);
  EXPECT_EQ(computed, before + 3);
  w->rollback();
}

// A snapshot carries the derived values current when it was taken: a world made from it or
// restored to it starts with them (tables matched by name, not by the connection's ids),
// and they still follow their reads there. A value stale at the snapshot is not carried.
TEST(StateDeps, SnapshotsCarryCurrentDerivedValues) {
  auto w = make(8);
  ASSERT_TRUE(w->exec("CREATE TABLE a(x); CREATE TABLE b(x); INSERT INTO a VALUES(1);"));
  int computed = 0;
  auto sum = [&](state::World& x) {
    return *x.derived<int64_t>("sum", [&] {
      ++computed;
      return x.scalar("SELECT sum(x) FROM a") + x.ui_int("bonus");
    });
  };
  EXPECT_EQ(sum(*w), 1);
  auto snap = w->snapshot();
  ASSERT_TRUE(snap);
  auto f = state::World::from(*snap);
  ASSERT_TRUE(f);
  EXPECT_EQ((*f)->scalar("SELECT count(*) FROM b"), 0);  // b gets an id first there
  EXPECT_EQ(sum(**f), 1);
  EXPECT_EQ(computed, 1);                                 // carried
  ASSERT_TRUE((*f)->begin());
  (*f)->query("INSERT INTO b VALUES(7)").run();           // not read: still kept
  EXPECT_EQ(sum(**f), 1);
  EXPECT_EQ(computed, 1);
  (*f)->query("INSERT INTO a VALUES(2)").run();
  EXPECT_EQ(sum(**f), 3);                              // it follows its reads in the fork
  EXPECT_EQ(computed, 2);
  ASSERT_TRUE((*f)->commit());
  (*f)->ui_set("bonus", int64_t(10));
  EXPECT_EQ(sum(**f), 13);
  EXPECT_EQ(computed, 3);
  // The parent moves on; restored to the snapshot it has the snapshot's value, uncomputed.
  ASSERT_TRUE(w->exec("INSERT INTO a VALUES(100)"));
  EXPECT_EQ(sum(*w), 101);
  EXPECT_EQ(computed, 4);
  ASSERT_TRUE(w->restore(*snap));
  EXPECT_EQ(sum(*w), 1);
  EXPECT_EQ(computed, 4);
  // Stale when snapshotted (a was written after the value was computed): computed again.
  ASSERT_TRUE(w->exec("INSERT INTO a VALUES(5)"));
  auto stale = w->snapshot();
  ASSERT_TRUE(stale);
  auto g = state::World::from(*stale);
  ASSERT_TRUE(g);
  EXPECT_EQ(sum(**g), 6);
  EXPECT_EQ(computed, 5);
}

// SQL that splices values into its text makes one statement per value: the cache keeps the
// most recently used kMaxCachedStatements and never drops one that is running.
TEST(StateCache, StatementCacheIsBoundedAndKeepsRunningStatements) {
  auto w = std::move(*state::World::create(1));
  ASSERT_TRUE(w->exec("CREATE TABLE t(x); INSERT INTO t VALUES(1), (2), (3);"));
  auto outer = w->query("SELECT x FROM t ORDER BY x");
  ASSERT_TRUE(outer.step());
  for (int i = 0; i < 1000; ++i) {
    auto q = w->query("SELECT x + " + std::to_string(i) + " FROM t WHERE x = 1");
    ASSERT_TRUE(q.step());
    EXPECT_EQ(q.i64(0), 1 + i);
  }
  EXPECT_LE(w->cached_statements(), state::World::kMaxCachedStatements);
  EXPECT_TRUE(outer.step());  // still running, still right
  EXPECT_EQ(outer.i64(0), 2);
  EXPECT_EQ(w->error(), nullptr);
}

// Change tracking against a clean mark: carried through snapshots, forks and restores; a
// prepared write marks its table, exec marks every table, a world never marked counts all.
TEST(State, MaybeChangedSinceTheCleanMark) {
  auto w = make();
  ASSERT_TRUE(w->exec("CREATE TABLE a(x); CREATE TABLE b(x); INSERT INTO a VALUES(1); INSERT INTO b VALUES(1)"));
  EXPECT_TRUE(w->maybe_changed("a"));  // never marked
  w->mark_clean();
  EXPECT_FALSE(w->maybe_changed("a"));
  EXPECT_FALSE(w->maybe_changed("b"));
  auto f = w->fork();
  ASSERT_TRUE(f);
  EXPECT_FALSE((*f)->maybe_changed("a"));
  ASSERT_TRUE((*f)->query("UPDATE a SET x = 2").run());
  EXPECT_TRUE((*f)->maybe_changed("a"));
  EXPECT_FALSE((*f)->maybe_changed("b"));
  EXPECT_FALSE(w->maybe_changed("a"));  // the parent did not change
  // A fork of the fork carries what changed before it.
  auto g = (*f)->fork();
  ASSERT_TRUE(g);
  EXPECT_TRUE((*g)->maybe_changed("a"));
  EXPECT_FALSE((*g)->maybe_changed("b"));
  // Restoring the clean snapshot forgets it; exec counts as every table.
  auto clean = w->snapshot();
  ASSERT_TRUE(clean);
  ASSERT_TRUE((*g)->restore(*clean));
  EXPECT_FALSE((*g)->maybe_changed("a"));
  ASSERT_TRUE((*g)->exec("UPDATE b SET x = 3"));
  EXPECT_TRUE((*g)->maybe_changed("a"));
  EXPECT_TRUE((*g)->maybe_changed("b"));
}
