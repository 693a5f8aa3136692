// The task kit: every registered template passes its gates; the diff, the typed comparisons,
// the mutation gate (a deliberately wrong verifier is caught) and the episode-end rules.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "kit.h"
#include "sim.h"
#include "state.h"

using namespace facsim;
namespace kit = tasks::kit;

// [SECTION] Gates, for every registered template --------------------------------------------
class Gates : public testing::TestWithParam<std::string> {};

TEST_P(Gates, OracleNoopRandomMutationAndInstructions) {
  const sim::Task* t = sim::find_task(GetParam());
  ASSERT_NE(t, nullptr);
  const kit::GateResult g = kit::audit(*t, {.seeds = 20});
  std::string failures;
  for (const std::string& f : g.failures) failures += "\n  " + f;
  EXPECT_TRUE(g.ok()) << g.task << failures;
  EXPECT_EQ(g.oracle_ok, 20);
  EXPECT_EQ(g.noop_ok, 0);
  EXPECT_GT(g.mutants, 0) << "no mutant was made: the mutation gate proved nothing";
  EXPECT_EQ(g.mutants_caught, g.mutants);
  EXPECT_GE(g.distinct_instructions, 18);
}

std::vector<std::string> template_names() {
  std::vector<std::string> out;
  for (const sim::Task& t : sim::tasks()) out.emplace_back(t.name);
  return out;
}
INSTANTIATE_TEST_SUITE_P(EveryTemplate, Gates, testing::ValuesIn(template_names()),
                         [](const testing::TestParamInfo<std::string>& i) {
                           std::string n = i.param;
                           for (char& c : n)
                             if (c == '.') c = '_';
                           return n;
                         });

TEST(Registry, TemplatesAreNamedTaggedAndPhrasedThreeWays) {
  std::set<std::string> names;
  for (const sim::Task& t : sim::tasks()) {
    EXPECT_TRUE(names.insert(std::string(t.name)).second) << t.name;
    EXPECT_EQ(t.name.substr(0, t.app.size() + 1), std::string(t.app) + ".") << t.name;
    const std::string_view difficulty = t.tags.substr(0, t.tags.find(','));
    EXPECT_TRUE(difficulty == "easy" || difficulty == "medium" || difficulty == "hard") << t.name;
    EXPECT_NE(t.oracle, nullptr);
    EXPECT_TRUE(t.goal || t.check) << t.name;
    // Three phrasings or more: over 40 seeds, at least three openings of the instruction.
    std::set<std::string> openings;
    for (uint64_t seed = 1; seed <= 40; ++seed) {
      sim::Env env;
      ASSERT_TRUE(env.reset(t.name, seed));
      openings.insert(env.task().instruction.substr(0, 12));
    }
    EXPECT_GE(openings.size(), 3u) << t.name;
  }
  EXPECT_GE(names.size(), 15u);
}

// [SECTION] The mutation gate catches wrong verifiers ---------------------------------------
namespace {
// Star: only the target's star is looked at (no collateral check).
sim::Verdict lenient_star(state::World& w, const sim::WorldDiff&, const sim::TaskInstance& i,
                          const sim::Ending&) {
  return {kit::scalar(w, "SELECT starred FROM mail_messages WHERE id = ?", i.param_int("id")) == 1,
          ""};
}
// An answer task that accepts any answer.
sim::Verdict any_answer(state::World&, const sim::WorldDiff& d, const sim::TaskInstance&,
                        const sim::Ending& e) {
  kit::Expect x(d);
  x.require(e.kind == sim::Ending::Kind::answer, "no answer");
  return x.verdict();
}
}  // namespace

TEST(MutationGate, AVerifierThatIgnoresCollateralDamageIsCaught) {
  sim::Task t = *sim::find_task("mail.star_email");
  t.check = lenient_star;
  const kit::GateResult g = kit::audit(t, {.seeds = 3, .frames = false});
  EXPECT_EQ(g.oracle_ok, 3);  // the oracle still passes...
  EXPECT_LT(g.mutants_caught, g.mutants);  // ...but mutants get through
  EXPECT_FALSE(g.ok());
  bool named = false;
  for (const std::string& f : g.failures) named |= f.find("another row") != std::string::npos;
  EXPECT_TRUE(named) << (g.failures.empty() ? "" : g.failures[0]);
}

TEST(MutationGate, AVerifierThatAcceptsAnyAnswerIsCaught) {
  sim::Task t = *sim::find_task("mail.count_unread_from");
  t.check = any_answer;
  const kit::GateResult g = kit::audit(t, {.seeds = 3, .frames = false});
  EXPECT_FALSE(g.ok());
  bool named = false;
  for (const std::string& f : g.failures) named |= f.find("another answer") != std::string::npos;
  EXPECT_TRUE(named);
}

TEST(MutationGate, AGoalThatAlwaysHoldsIsCaughtByTheNoopGate) {
  sim::Task t = *sim::find_task("mail.unstar_email");
  // The world at reset already satisfies it: the reset itself is refused (a broken template).
  t.goal = [](state::World&, const sim::TaskInstance&) { return true; };
  const kit::GateResult g = kit::audit(t, {.seeds = 2, .frames = false});
  EXPECT_FALSE(g.ok());
}

// [SECTION] The diff ----------------------------------------------------------------------------
TEST(WorldDiff, RowsInsertedDeletedAndUpdatedByKeySessionTablesIgnored) {
  auto a = std::move(*state::World::create(1));
  ASSERT_TRUE(a->exec("CREATE TABLE x_items(id INTEGER PRIMARY KEY, name TEXT, n INTEGER);"
                      "CREATE TABLE x_pairs(a TEXT, b TEXT, v, PRIMARY KEY(a, b)) WITHOUT ROWID;"
                      "CREATE TABLE x_ui_selected(id INTEGER PRIMARY KEY);"
                      "INSERT INTO x_items VALUES(1, 'one', 1), (2, 'two', 2), (10, 'ten', 10);"
                      "INSERT INTO x_pairs VALUES('a', 'b', 1), ('c', 'd', 2);"));
  auto b = std::move(*a->fork());
  ASSERT_TRUE(b->exec("UPDATE x_items SET n = 20, name = 'TWO' WHERE id = 2;"
                      "DELETE FROM x_items WHERE id = 10; INSERT INTO x_items VALUES(3, NULL, 3);"
                      "UPDATE x_pairs SET v = 'x' WHERE a = 'c';"
                      "INSERT INTO x_ui_selected VALUES(1); UPDATE ui SET value = 1;"));
  b->ui_set("anything", "changed");
  auto d = sim::diff_worlds(*a, *b);
  ASSERT_TRUE(d);
  ASSERT_EQ(d->rows.size(), 4u) << d->describe(10);
  const sim::RowChange* upd = d->find("x_items", "2");
  ASSERT_NE(upd, nullptr);
  EXPECT_EQ(upd->kind, sim::RowChange::Kind::updated);
  ASSERT_EQ(upd->changed.size(), 2u);
  EXPECT_EQ(upd->columns[size_t(upd->changed[0])], "name");
  EXPECT_EQ(upd->after[size_t(upd->changed[1])].text, "20");
  EXPECT_EQ(d->find("x_items", "10")->kind, sim::RowChange::Kind::deleted);
  const sim::RowChange* ins = d->find("x_items", "3");
  ASSERT_NE(ins, nullptr);
  EXPECT_EQ(ins->after[1].type, 5);  // NULL stays NULL, not ""
  const sim::RowChange* pair = d->find("x_pairs", "c|d");
  ASSERT_NE(pair, nullptr);
  EXPECT_EQ(pair->before[2].text, "2");
  EXPECT_EQ(pair->after[2].text, "x");
  EXPECT_TRUE(sim::diff_worlds(*a, *a)->empty());
}

TEST(WorldDiff, MailThatArrivesOnItsOwnIsNotTheAgentsDoing) {
  sim::Env env;
  ASSERT_TRUE(env.reset({.task = "", .seed = 4, .app = "mail"}));
  ASSERT_TRUE(env.apply(sim::Action::wait(600000)));  // the whole arrival schedule, at once
  ASSERT_TRUE(env.apply(sim::Action::wait(600000)));
  EXPECT_GT(env.world().scalar("SELECT count(*) FROM mail_messages WHERE received_ms > 1772442000000"), 0);
  auto d = env.changes();
  ASSERT_TRUE(d);
  EXPECT_TRUE(d->empty()) << d->describe();
  // Stepping through the same time in small steps gives the same world (events fire at their
  // own times, not at the step's).
  sim::Env fine;
  ASSERT_TRUE(fine.reset({.task = "", .seed = 4, .app = "mail"}));
  for (int i = 0; i < 120; ++i) ASSERT_TRUE(fine.apply(sim::Action::wait(10000)));
  EXPECT_EQ(fine.world().scalar("SELECT sum(received_ms) FROM mail_messages"),
            env.world().scalar("SELECT sum(received_ms) FROM mail_messages"));
}

// [SECTION] Typed comparisons ---------------------------------------------------------------------
TEST(TypedComparisons, TextNumbersMoneyDatesAndSets) {
  EXPECT_TRUE(kit::same_text("  Quarterly  Review. ", "quarterly review"));
  EXPECT_TRUE(kit::same_text("\"Lunch on Friday?\"", "lunch on friday?"));
  EXPECT_FALSE(kit::same_text("Lunch on Friday", "Lunch on Thursday"));
  EXPECT_TRUE(kit::same_number("1,234", 1234));
  EXPECT_TRUE(kit::same_number("seven", 7));
  EXPECT_TRUE(kit::same_number(" 3. ", 3));
  EXPECT_FALSE(kit::same_number("3 emails", 3));  // an answer is the number alone
  EXPECT_FALSE(kit::same_number("", 0));
  EXPECT_TRUE(kit::same_money("$0.00", "0"));
  EXPECT_TRUE(kit::same_money("$1,234.5", "1234.50"));
  EXPECT_FALSE(kit::same_money("$1,234.51", "1234.50"));
  EXPECT_TRUE(kit::same_money("-$20", "(20.00)"));
  const int64_t mar2 = 1772442000000;  // 2026-03-02 09:00 UTC, the virtual clock's start
  EXPECT_TRUE(kit::same_date("2026-03-02", mar2, mar2));
  EXPECT_TRUE(kit::same_date("March 2, 2026", mar2, mar2));
  EXPECT_TRUE(kit::same_date("Mar 2", mar2, mar2));
  EXPECT_TRUE(kit::same_date("3/2/26", mar2, mar2));
  EXPECT_TRUE(kit::same_date("today", mar2, mar2));
  EXPECT_TRUE(kit::same_date("tomorrow", mar2 + 86400000, mar2));
  EXPECT_FALSE(kit::same_date("March 3, 2026", mar2, mar2));
  EXPECT_TRUE(kit::same_set("Ana, Ben and Chloe", {"chloe", "ana", "ben"}));
  EXPECT_FALSE(kit::same_set("Ana, Ben", {"Ana", "Ben", "Chloe"}));
}

TEST(Expect, StatedChangesPassAndAnyOtherIsCollateral) {
  sim::WorldDiff d;
  sim::RowChange r;
  r.table = "mail_messages";
  r.key = "7";
  r.columns = {"id", "starred", "unread"};
  r.before = {{1, "7"}, {1, "0"}, {1, "1"}};
  r.after = {{1, "7"}, {1, "1"}, {1, "0"}};
  r.changed = {1, 2};
  d.rows.push_back(r);
  kit::Expect ok(d);
  ok.updated("mail_messages", "7", {{"starred", "1"}}).tolerate("mail_messages", "unread", "0");
  EXPECT_TRUE(ok.verdict().success) << ok.verdict().why;
  kit::Expect strict(d);
  strict.updated("mail_messages", "7", {{"starred", "1"}});
  EXPECT_FALSE(strict.verdict().success);
  EXPECT_NE(strict.verdict().why.find("collateral"), std::string::npos);
  kit::Expect wrong(d);
  wrong.updated("mail_messages", "8", {{"starred", "1"}}).tolerate("mail_messages", "unread");
  EXPECT_FALSE(wrong.verdict().success);
}

// [SECTION] Episode endings through Env -------------------------------------------------------------
TEST(Episodes, AfterTheEndStepsAreRefusedAndChangeNothing) {
  sim::Env env;
  ASSERT_TRUE(env.reset("mail.count_unread_from", 3));
  ASSERT_TRUE(env.apply(sim::Action::answer(env.task().param("count"))));
  EXPECT_TRUE(env.obs().done);
  EXPECT_TRUE(env.obs().terminated);
  EXPECT_FALSE(env.obs().truncated);
  EXPECT_TRUE(env.obs().success) << env.obs().verdict;
  EXPECT_EQ(env.obs().reward, 1.0);
  const uint64_t world = env.world().content_hash();
  Status s = env.apply(sim::Action::click(300, 300));
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, Errc::episode_over);
  EXPECT_EQ(env.obs().step, 1);
  EXPECT_EQ(env.obs().reward, 0.0);  // stays, never paid twice
  EXPECT_EQ(env.world().content_hash(), world);
}

TEST(Episodes, MaxStepsTruncatesWithoutSuccess) {
  sim::Env env;
  ASSERT_TRUE(env.reset("mail.star_email", 2));
  const int max = sim::find_task("mail.star_email")->max_steps;
  for (int i = 0; i < max; ++i) ASSERT_TRUE(env.apply(sim::Action::wait(100)));
  EXPECT_TRUE(env.obs().done);
  EXPECT_TRUE(env.obs().truncated);
  EXPECT_FALSE(env.obs().terminated);
  EXPECT_FALSE(env.obs().success);
  EXPECT_FALSE(env.apply(sim::Action::noop()));
}

TEST(Episodes, WrongAnswersDoneAndInfeasibleEndWithoutSuccess) {
  for (auto end : {sim::Action::answer("999"), sim::Action::done(), sim::Action::infeasible("no")}) {
    sim::Env env;
    ASSERT_TRUE(env.reset("mail.count_unread_from", 3));
    ASSERT_TRUE(env.apply(end));
    EXPECT_TRUE(env.obs().terminated);
    EXPECT_FALSE(env.obs().success) << sim::to_json(end);
    EXPECT_FALSE(env.obs().verdict.empty());
  }
  // Infeasible is right where the request cannot be done, and wrong where it can.
  sim::Env missing, star;
  ASSERT_TRUE(missing.reset("mail.star_missing", 3));
  ASSERT_TRUE(missing.apply(sim::Action::infeasible("no such email")));
  EXPECT_TRUE(missing.obs().success) << missing.obs().verdict;
  ASSERT_TRUE(star.reset("mail.star_email", 3));
  ASSERT_TRUE(star.apply(sim::Action::infeasible("too hard")));
  EXPECT_FALSE(star.obs().success);
}

TEST(Episodes, CollateralDamageFailsAReachedGoal) {
  sim::Env env;
  ASSERT_TRUE(env.reset("mail.star_email", 5));
  // Star another email first (collateral), then the target: the goal holds, the check fails.
  const std::string target = env.task().param("id");
  std::string other;
  for (const dom::A11yNode& n : env.a11y())
    if (other.empty() && n.key.rfind("mail/star:", 0) == 0 && n.key != "mail/star:" + target &&
        n.name == "Not starred")
      other = n.key;
  ASSERT_FALSE(other.empty());
  int x, y;
  ASSERT_TRUE(env.element_center(other, x, y));
  ASSERT_TRUE(env.apply(sim::Action::click(x, y)));
  EXPECT_FALSE(env.obs().done);
  for (int i = 0; i < 12 && !env.obs().done; ++i) {
    auto a = sim::next_action(sim::Policy::oracle, env);
    ASSERT_TRUE(a);
    ASSERT_TRUE(env.apply(*a));
  }
  EXPECT_TRUE(env.obs().terminated);
  EXPECT_FALSE(env.obs().success);
  EXPECT_NE(env.obs().verdict.find("collateral"), std::string::npos) << env.obs().verdict;
}

TEST(Episodes, MilestonesPayProgressOnceEach) {
  sim::Env env({.reward_mode = sim::RewardMode::milestones});
  ASSERT_TRUE(env.reset("gallery.form", 3));
  const size_t n = sim::find_task("gallery.form")->milestones.size();
  ASSERT_EQ(env.obs().milestones.size(), n);
  double total = 0;
  int steps = 0;
  while (!env.obs().done && steps++ < 40) {
    auto a = sim::next_action(sim::Policy::oracle, env);
    ASSERT_TRUE(a);
    ASSERT_TRUE(env.apply(*a));
    total += env.obs().reward;
  }
  EXPECT_TRUE(env.obs().success);
  EXPECT_NEAR(total, 1.0, 1e-9);  // every milestone once, the rest at success
  // Undoing one and reaching it again pays nothing more.
  sim::Env again({.reward_mode = sim::RewardMode::milestones});
  ASSERT_TRUE(again.reset("gallery.form", 3));
  int x, y;
  ASSERT_TRUE(again.element_center("gallery/agree", x, y));
  ASSERT_TRUE(again.apply(sim::Action::click(x, y)));
  EXPECT_NEAR(again.obs().reward, 1.0 / double(n + 1), 1e-9);
  ASSERT_TRUE(again.apply(sim::Action::click(x, y)));  // unticked
  ASSERT_TRUE(again.apply(sim::Action::click(x, y)));  // ticked again
  EXPECT_EQ(again.obs().reward, 0.0);
}
