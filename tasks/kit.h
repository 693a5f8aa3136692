// tasks/kit: what task templates are written with, and the gates that prove each one.
//
// How to use (a whole template: tasks/mail/mail_tasks.cpp has sixteen; docs/adding-a-task.md):
//   Status setup(World& w, Rng& rng, TaskInstance& inst) {      // sample parameters
//     ... inst.params = {{"id", "42"}, {"sender", "Ana Lopez"}};
//     kit::phrase(rng, inst, {"Star the email from {sender}.", "Please star ...", "..."});
//   }
//   bool goal(World& w, const TaskInstance& i) { return kit::scalar(w, "SELECT ...", id) == 1; }
//   Verdict check(World&, const WorldDiff& d, const TaskInstance& i, const Ending&) {
//     kit::Expect e(d);  e.updated("mail_messages", i.param("id"), {{"starred", "1"}});
//     return e.verdict();           // any change it did not state is collateral: a failure
//   }
//   Action oracle(const Env& env, const TaskInstance& i, int) {
//     kit::Ui ui(env);  if (auto a = ui.fill(key, text)) return *a;  return ui.click(key);
//   }
// Verifiers read the world and the diff, never pixels; oracles read the a11y tree only.
#pragma once
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "dom.h"
#include "sim.h"
#include "state.h"

namespace facsim::tasks::kit {

using sim::Action;
using sim::TaskInstance;

// [SECTION] Instructions ----------------------------------------------------------------------
// Picks one phrasing by the template's stream and fills {param} from the instance's params.
void phrase(Rng& rng, TaskInstance& inst, std::initializer_list<std::string_view> phrasings);
std::string fill(std::string_view text, const TaskInstance& inst);

// [SECTION] Typed comparisons -----------------------------------------------------------------
std::string normalize(std::string_view s);                 // case-folded, spaces collapsed, trimmed
bool same_text(std::string_view a, std::string_view b);    // after normalize(), minus end punctuation
std::optional<double> parse_number(std::string_view s);    // "1,234.5", " 7 ", "seven" -> 7
bool same_number(std::string_view a, double b);
std::optional<int64_t> parse_money_cents(std::string_view s);  // "$1,234.56", "1234.5", "0"
bool same_money(std::string_view a, std::string_view b);
// A date the agent wrote ("2026-03-02", "March 2, 2026", "Mar 2", "today", "tomorrow") is
// the calendar day of `day_ms` (relative words against the virtual clock `now_ms`).
bool same_date(std::string_view text, int64_t day_ms, int64_t now_ms);
// Comma/"and"-separated items, compared as sets of same_text items.
bool same_set(std::string_view text, const std::vector<std::string>& want);

// [SECTION] Reading a diff ----------------------------------------------------------------------
// A column of a changed row as it is at the end (its last value for a deleted row).
std::string col(const sim::RowChange& r, std::string_view name);
std::string col_before(const sim::RowChange& r, std::string_view name);  // before the episode
// The changed rows of `table` (all kinds), and the inserted ones.
std::vector<const sim::RowChange*> changes_of(const sim::WorldDiff& d, std::string_view table);
std::vector<const sim::RowChange*> inserted_rows(const sim::WorldDiff& d, std::string_view table);
// A setup that finds nothing to ask about: the seed is skipped.
inline Status none(std::string_view what) { return Error{Errc::not_found, std::string(what)}; }
// An oracle step, or a no-op when there is none to take.
inline Action or_noop(std::optional<Action> a) { return a ? *a : Action::noop(); }

// [SECTION] Reading the world -----------------------------------------------------------------
template <class... A>
int64_t scalar(state::World& w, std::string_view sql, const A&... args) {
  auto q = w.query(sql, args...);
  return q.step() ? q.i64(0) : 0;
}
template <class... A>
std::string text(state::World& w, std::string_view sql, const A&... args) {
  auto q = w.query(sql, args...);
  return q.step() ? std::string(q.text(0)) : std::string();
}

// [SECTION] Verifiers over the diff -------------------------------------------------------------
// States the changes a template expects; verdict() fails on a missing one and on any change
// not stated (collateral damage), naming it.
class Expect {
 public:
  explicit Expect(const sim::WorldDiff& d);
  // Row `key` of `table` was updated with exactly these columns set to these values (SQL text
  // of the value: "1", "read"); other columns of it must not change.
  Expect& updated(std::string_view table, std::string_view key,
                  std::vector<std::pair<std::string, std::string>> cols);
  // Row updated, or already so at the start (`cols` hold at the end either way).
  Expect& updated_or_same(std::string_view table, std::string_view key,
                          std::vector<std::pair<std::string, std::string>> cols);
  Expect& inserted(std::string_view table, std::string_view key);
  Expect& deleted(std::string_view table, std::string_view key);
  // Changes the instruction allows anywhere: `column` of `table` taking the value `to`
  // ("" = any value). Reading an email marks it read, so a star task tolerates unread -> 0.
  Expect& tolerate(std::string_view table, std::string_view column, std::string_view to = {});
  // A failure the template found itself ("the answer was 3, not 4").
  Expect& require(bool ok, std::string_view why);
  sim::Verdict verdict() const;

 private:
  Expect& whole_row(std::string_view table, std::string_view key, sim::RowChange::Kind kind,
                    const char* what);
  const sim::WorldDiff& d_;
  std::vector<bool> used_;
  std::vector<std::vector<bool>> used_cols_;
  std::vector<std::string> missing_;
  struct Tolerance {
    std::string table, column, to;
  };
  std::vector<Tolerance> tolerated_;
};

// [SECTION] Oracles: a11y-grounded steps, one raw action per call -----------------------------
class Ui {
 public:
  explicit Ui(const sim::Env& env);
  const dom::A11yNode* find(std::string_view key) const;
  bool has(std::string_view key) const { return find(key) != nullptr; }
  // Nodes whose key starts with `prefix`, in tree order.
  std::vector<const dom::A11yNode*> with_prefix(std::string_view prefix) const;
  const std::vector<dom::A11yNode>& nodes() const { return nodes_; }
  // A click at the visible centre of `key`; nullopt when it is not on screen.
  std::optional<Action> click(std::string_view key) const;
  // Makes field `key` hold `text`: focus it, delete a wrong tail, type the rest. nullopt when
  // it already does (the step is done).
  std::optional<Action> fill(std::string_view key, std::string_view text) const;
  // A wheel scroll over `container` toward `key` (down when it is below, up when above).
  std::optional<Action> scroll_to(std::string_view container, std::string_view key) const;

 private:
  const sim::Env& env_;
  std::vector<dom::A11yNode> nodes_;
};

// [SECTION] Gates -------------------------------------------------------------------------------
struct GateResult {
  std::string task;
  std::string tags;
  int seeds = 0;
  int oracle_ok = 0, noop_ok = 0, random_ok = 0;
  int mutants = 0, mutants_caught = 0;
  int distinct_instructions = 0;
  int steps_min = 0, steps_max = 0;  // the oracle's steps to solve, over the seeds it solved
  bool frames_ok = true;          // first frame rendered in light and dark
  double seconds = 0;
  std::vector<std::string> failures;  // "oracle: seed 7: ..." (empty: every gate passed)
  bool ok() const { return failures.empty(); }
};
struct GateOptions {
  int seeds = 20;
  uint64_t first_seed = 1;
  int random_steps = 50;
  bool frames = true;             // render the first frame in light and dark (CPU)
};
// Runs every gate of one template: oracle solves 100%, no-op 0%, random <= 5% (easy: 15%),
// every mutant of the oracle's final world rejected, instructions >= 90% distinct; a template
// tagged "hard" needs more than kHardSteps oracle steps on every seed.
inline constexpr int kHardSteps = 10;
GateResult audit(const sim::Task& task, const GateOptions& o = {});

}  // namespace facsim::tasks::kit
