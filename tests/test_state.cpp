#include <gtest/gtest.h>
#include <sqlite3.h>

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
