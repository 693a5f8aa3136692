// The task kit: phrasings, typed comparisons, diff expectations, oracle steps and the gates.
//
// [SECTION] Instructions
// [SECTION] Typed comparisons
// [SECTION] Expect
// [SECTION] Ui (oracle steps)
// [SECTION] Gates (oracle, no-op, random, mutation, distinct instructions, first frames)
#include "kit.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <memory>
#include <set>

#include "calendar.h"
#include "renderer.h"

namespace facsim::tasks::kit {

// [SECTION] Instructions ----------------------------------------------------------------------
std::string fill(std::string_view text, const TaskInstance& inst) {
  std::string out;
  for (size_t i = 0; i < text.size();) {
    if (text[i] == '{') {
      const size_t end = text.find('}', i);
      if (end != std::string_view::npos) {
        out += inst.param(text.substr(i + 1, end - i - 1));
        i = end + 1;
        continue;
      }
    }
    out += text[i++];
  }
  return out;
}

void phrase(Rng& rng, TaskInstance& inst, std::initializer_list<std::string_view> phrasings) {
  const std::string_view* p = phrasings.begin() + rng.below(uint32_t(phrasings.size()));
  inst.instruction = fill(*p, inst);
}

// [SECTION] Typed comparisons -----------------------------------------------------------------
std::string normalize(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c;
  }
  return out;
}

namespace {
std::string strip_quotes_and_period(std::string s) {
  while (!s.empty() && (s.back() == '.' || s.back() == '!' || s.back() == '"' || s.back() == '\''))
    s.pop_back();
  while (!s.empty() && (s.front() == '"' || s.front() == '\'')) s.erase(0, 1);
  return s;
}
}  // namespace

bool same_text(std::string_view a, std::string_view b) {
  return strip_quotes_and_period(normalize(a)) == strip_quotes_and_period(normalize(b));
}

std::optional<double> parse_number(std::string_view s) {
  std::string t = strip_quotes_and_period(normalize(s));
  static const char* kWords[] = {"zero", "one", "two",   "three", "four", "five",  "six",
                                 "seven", "eight", "nine", "ten", "eleven", "twelve"};
  for (int i = 0; i < 13; ++i)
    if (t == kWords[i]) return double(i);
  std::string digits;
  for (char c : t) {
    if (c == ',' || c == ' ') continue;
    digits += c;
  }
  if (digits.empty()) return std::nullopt;
  char* end = nullptr;
  const double v = std::strtod(digits.c_str(), &end);
  if (!end || *end) return std::nullopt;
  return v;
}

bool same_number(std::string_view a, double b) {
  auto v = parse_number(a);
  return v && std::fabs(*v - b) < 1e-9;
}

std::optional<int64_t> parse_money_cents(std::string_view s) {
  std::string t;
  bool neg = false;
  for (char c : normalize(s)) {
    if (c == '-' || c == '(') neg = true;
    if ((c >= '0' && c <= '9') || c == '.') t += c;
  }
  if (t.empty()) return std::nullopt;
  const size_t dot = t.find('.');
  if (dot != std::string::npos && t.find('.', dot + 1) != std::string::npos) return std::nullopt;
  const std::string whole = t.substr(0, dot);
  std::string frac = dot == std::string::npos ? "" : t.substr(dot + 1);
  if (frac.size() > 2) return std::nullopt;
  while (frac.size() < 2) frac += '0';
  const int64_t cents = (whole.empty() ? 0 : std::stoll(whole)) * 100 + std::stoll(frac);
  return neg ? -cents : cents;
}

bool same_money(std::string_view a, std::string_view b) {
  auto x = parse_money_cents(a), y = parse_money_cents(b);
  return x && y && *x == *y;
}

bool same_date(std::string_view text, int64_t day_ms, int64_t now_ms) {
  const Civil want = civil_from_ms(day_ms), now = civil_from_ms(now_ms);
  const std::string t = strip_quotes_and_period(normalize(text));
  auto day_of = [](const Civil& c) { return days_from_civil(c.y, c.m, c.d); };
  const int64_t wd = day_of(want), nd = day_of(now);
  if (t == "today") return wd == nd;
  if (t == "tomorrow") return wd == nd + 1;
  if (t == "yesterday") return wd == nd - 1;
  int y = 0, m = 0, d = 0;
  if (std::sscanf(t.c_str(), "%d-%d-%d", &y, &m, &d) == 3)
    return y == want.y && m == want.m && d == want.d;
  if (std::sscanf(t.c_str(), "%d/%d/%d", &m, &d, &y) == 3)
    return (y == want.y || y == want.y % 100) && m == want.m && d == want.d;
  // "March 2, 2026", "Mar 2", "2 March 2026", "Monday, March 2"
  for (int k = 0; k < 12; ++k) {
    std::string lng = normalize(kMonthLong[k]), shrt = normalize(kMonthShort[k]);
    const size_t p = t.find(shrt);
    if (p == std::string::npos) continue;
    const bool long_name = t.compare(p, lng.size(), lng) == 0;
    const size_t after = p + (long_name ? lng.size() : shrt.size());
    int a = 0, b = 0;
    const int n = std::sscanf(t.c_str() + after, " %d, %d", &a, &b);
    if (n >= 1) {
      d = a;
      y = n == 2 ? b : want.y;
    } else if (std::sscanf(t.c_str(), "%d", &a) == 1) {
      d = a;
      y = std::sscanf(t.c_str() + after, " %d", &b) == 1 ? b : want.y;
    } else {
      return false;
    }
    return k + 1 == want.m && d == want.d && y == want.y;
  }
  return false;
}

bool same_set(std::string_view text, const std::vector<std::string>& want) {
  std::string t = normalize(text);
  for (size_t p; (p = t.find(" and ")) != std::string::npos;) t.replace(p, 5, ",");
  std::multiset<std::string> got, exp;
  for (size_t start = 0; start <= t.size();) {
    size_t c = t.find_first_of(",;\n", start);
    if (c == std::string::npos) c = t.size();
    std::string item = strip_quotes_and_period(normalize(t.substr(start, c - start)));
    if (!item.empty()) got.insert(item);
    start = c + 1;
  }
  for (const std::string& w : want) exp.insert(strip_quotes_and_period(normalize(w)));
  return got == exp;
}

// [SECTION] Expect ----------------------------------------------------------------------------
Expect::Expect(const sim::WorldDiff& d) : d_(d), used_(d.rows.size(), false) {
  used_cols_.resize(d.rows.size());
  for (size_t i = 0; i < d.rows.size(); ++i) used_cols_[i].assign(d.rows[i].columns.size(), false);
}

namespace {
int column(const sim::RowChange& r, std::string_view name) {
  for (size_t c = 0; c < r.columns.size(); ++c)
    if (r.columns[c] == name) return int(c);
  return -1;
}
}  // namespace

Expect& Expect::updated(std::string_view table, std::string_view key,
                        std::vector<std::pair<std::string, std::string>> cols) {
  const std::string where = std::string(table) + "[" + std::string(key) + "]";
  for (size_t i = 0; i < d_.rows.size(); ++i) {
    const sim::RowChange& r = d_.rows[i];
    if (r.table != table || r.key != key) continue;
    if (r.kind != sim::RowChange::Kind::updated) {
      missing_.push_back(where + " was " + (r.kind == sim::RowChange::Kind::inserted ? "inserted" : "deleted") +
                         ", not updated");
      used_[i] = true;
      return *this;
    }
    for (const auto& [col, val] : cols) {
      const int c = column(r, col);
      if (c < 0 || std::find(r.changed.begin(), r.changed.end(), c) == r.changed.end()) {
        missing_.push_back(where + "." + col + " did not change");
        continue;
      }
      if (r.after[size_t(c)].text != val)
        missing_.push_back(where + "." + col + " is " + r.after[size_t(c)].text + ", not " + val);
      used_cols_[i][size_t(c)] = true;
    }
    used_[i] = true;
    return *this;
  }
  missing_.push_back(where + " did not change");
  return *this;
}

Expect& Expect::updated_or_same(std::string_view table, std::string_view key,
                                std::vector<std::pair<std::string, std::string>> cols) {
  // Per column: changed to the value, or already it (a row may need some of its columns set).
  for (size_t i = 0; i < d_.rows.size(); ++i) {
    const sim::RowChange& r = d_.rows[i];
    if (r.table != table || r.key != key) continue;
    if (r.kind != sim::RowChange::Kind::updated) return updated(table, key, cols);
    std::vector<std::pair<std::string, std::string>> changed;
    for (const auto& [col, val] : cols) {
      const int c = column(r, col);
      if (c >= 0 && std::find(r.changed.begin(), r.changed.end(), c) == r.changed.end()) {
        if (r.after[size_t(c)].text != val)
          missing_.push_back(std::string(table) + "[" + std::string(key) + "]." + col + " is " +
                             r.after[size_t(c)].text + ", not " + val);
      } else {
        changed.emplace_back(col, val);
      }
    }
    return updated(table, key, changed);
  }
  return *this;  // unchanged: the template checks the end state itself (its goal)
}

Expect& Expect::whole_row(std::string_view table, std::string_view key, sim::RowChange::Kind kind,
                          const char* what) {
  for (size_t i = 0; i < d_.rows.size(); ++i)
    if (d_.rows[i].table == table && d_.rows[i].key == key && d_.rows[i].kind == kind) {
      used_[i] = true;
      std::fill(used_cols_[i].begin(), used_cols_[i].end(), true);
      return *this;
    }
  missing_.push_back(std::string(table) + "[" + std::string(key) + "] was not " + what);
  return *this;
}
Expect& Expect::inserted(std::string_view table, std::string_view key) {
  return whole_row(table, key, sim::RowChange::Kind::inserted, "inserted");
}
Expect& Expect::deleted(std::string_view table, std::string_view key) {
  return whole_row(table, key, sim::RowChange::Kind::deleted, "deleted");
}

Expect& Expect::tolerate(std::string_view table, std::string_view col, std::string_view to) {
  tolerated_.push_back({std::string(table), std::string(col), std::string(to)});
  return *this;
}

Expect& Expect::require(bool ok, std::string_view why) {
  if (!ok) missing_.emplace_back(why);
  return *this;
}

sim::Verdict Expect::verdict() const {
  std::string why;
  for (const std::string& m : missing_) why += (why.empty() ? "" : "; ") + m;
  std::string collateral;
  for (size_t i = 0; i < d_.rows.size(); ++i) {
    const sim::RowChange& r = d_.rows[i];
    auto tolerated = [&](int c) {
      for (const Tolerance& t : tolerated_)
        if (t.table == r.table && t.column == r.columns[size_t(c)] &&
            (t.to.empty() || t.to == r.after[size_t(c)].text))
          return true;
      return false;
    };
    std::vector<int> bad;
    if (r.kind == sim::RowChange::Kind::updated) {
      for (int c : r.changed)
        if (!used_cols_[i][size_t(c)] && !tolerated(c)) bad.push_back(c);
      if (bad.empty()) continue;
    } else if (used_[i]) {
      continue;
    }
    sim::WorldDiff one;
    one.rows.push_back(r);
    if (r.kind == sim::RowChange::Kind::updated) one.rows[0].changed = bad;
    collateral += (collateral.empty() ? "" : "; ") + one.describe();
  }
  if (!collateral.empty()) why += (why.empty() ? "" : "; ") + std::string("collateral: ") + collateral;
  return {why.empty(), why};
}

// [SECTION] Reading a diff ----------------------------------------------------------------------
std::string col(const sim::RowChange& r, std::string_view name) {
  for (size_t c = 0; c < r.columns.size(); ++c)
    if (r.columns[c] == name)
      return c < r.after.size() ? r.after[c].text : c < r.before.size() ? r.before[c].text : "";
  return {};
}
std::string col_before(const sim::RowChange& r, std::string_view name) {
  for (size_t c = 0; c < r.columns.size() && c < r.before.size(); ++c)
    if (r.columns[c] == name) return r.before[c].text;
  return {};
}
std::vector<const sim::RowChange*> changes_of(const sim::WorldDiff& d, std::string_view table) {
  std::vector<const sim::RowChange*> out;
  for (const sim::RowChange& r : d.rows)
    if (r.table == table) out.push_back(&r);
  return out;
}
std::vector<const sim::RowChange*> inserted_rows(const sim::WorldDiff& d, std::string_view table) {
  std::vector<const sim::RowChange*> out;
  for (const sim::RowChange& r : d.rows)
    if (r.table == table && r.kind == sim::RowChange::Kind::inserted) out.push_back(&r);
  return out;
}

// [SECTION] Ui (oracle steps) ------------------------------------------------------------------
Ui::Ui(const sim::Env& env) : env_(env), nodes_(env.a11y()) {}

const dom::A11yNode* Ui::find(std::string_view key) const {
  for (const dom::A11yNode& n : nodes_)
    if (n.key == key) return &n;
  return nullptr;
}

std::vector<const dom::A11yNode*> Ui::with_prefix(std::string_view prefix) const {
  std::vector<const dom::A11yNode*> out;
  for (const dom::A11yNode& n : nodes_)
    if (n.key.rfind(prefix, 0) == 0) out.push_back(&n);
  return out;
}

std::optional<Action> Ui::click(std::string_view key) const {
  int x, y;
  if (!env_.element_center(key, x, y)) return std::nullopt;
  return Action::click(x, y);
}

std::optional<Action> Ui::fill(std::string_view key, std::string_view text) const {
  const dom::A11yNode* f = find(key);
  if (!f) return std::nullopt;
  if (f->value == text) return std::nullopt;
  if (!f->focused) return click(key);
  if (text.substr(0, f->value.size()) != f->value) {
    // A wrong tail: a few characters go by Backspace; more, select all and type over it.
    size_t same = 0;
    while (same < f->value.size() && same < text.size() && f->value[same] == text[same]) ++same;
    if (f->value.size() - same <= 3) return Action::key("Backspace");
    if (f->sel_begin == 0 && f->sel_end == int(f->value.size())) return Action::type(std::string(text));
    return Action::key("Control+a");
  }
  return Action::type(std::string(text.substr(f->value.size())));
}

std::optional<Action> Ui::scroll_to(std::string_view container, std::string_view key) const {
  const dom::A11yNode* c = find(container);
  const dom::A11yNode* k = find(key);
  if (!c || !k) return std::nullopt;
  const int cx = c->box.x + c->box.w / 2, cy = c->box.y + c->box.h / 2;
  const int dy = k->box.y < c->box.y ? -std::min(c->box.h * 3 / 4, c->box.y - k->box.y + 8)
                                     : std::min(c->box.h * 3 / 4,
                                                k->box.y + k->box.h - (c->box.y + c->box.h) + 8);
  if (dy == 0) return std::nullopt;
  return Action::scroll(cx, cy, dy);
}

// [SECTION] Gates -------------------------------------------------------------------------------
namespace {

struct Allowed {
  std::string table, column, value;  // value empty: any
};
std::vector<Allowed> parse_allows(std::string_view s) {
  std::vector<Allowed> out;
  while (!s.empty()) {
    const size_t comma = s.find(',');
    std::string_view item = s.substr(0, comma);
    s = comma == std::string_view::npos ? std::string_view{} : s.substr(comma + 1);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    const size_t dot = item.find('.'), eq = item.find('=');
    if (dot == std::string_view::npos) continue;
    out.push_back({std::string(item.substr(0, dot)),
                   std::string(item.substr(dot + 1, eq == std::string_view::npos ? std::string_view::npos
                                                                                  : eq - dot - 1)),
                   eq == std::string_view::npos ? "" : std::string(item.substr(eq + 1))});
  }
  return out;
}
bool allowed(const std::vector<Allowed>& a, std::string_view table, std::string_view col,
             std::string_view value) {
  for (const Allowed& x : a)
    if (x.table == table && x.column == col && (x.value.empty() || x.value == value)) return true;
  return false;
}

std::string quoted(std::string_view id) { return "\"" + std::string(id) + "\""; }

// The WHERE clause that picks a row by the diff's key (rowid, or the primary key columns).
std::string where_key(state::World& w, const std::string& table, const std::string& key) {
  std::vector<std::string> pk;
  for (auto q = w.query("SELECT name FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk", table);
       q.step();)
    pk.emplace_back(q.text(0));
  if (pk.empty()) return "rowid = " + key;
  std::string out;
  size_t start = 0;
  for (size_t i = 0; i < pk.size(); ++i) {
    const size_t bar = key.find('|', start);
    const std::string part = key.substr(start, bar == std::string::npos ? std::string::npos : bar - start);
    start = bar == std::string::npos ? key.size() : bar + 1;
    out += (i ? " AND " : "") + quoted(pk[i]) + " = " + sim::Value{3, part}.sql();
  }
  return out;
}

struct Mutant {
  std::string what;                     // "undo ~mail_messages[12] starred"
  std::vector<std::string> sql;         // applied to a fork of the oracle's end world
  std::optional<sim::Ending> ending;    // a different ending (answer tasks)
};

std::vector<Mutant> mutants_of(const sim::Task& task, state::World& end, const sim::WorldDiff& d,
                               const sim::Ending& ending) {
  std::vector<Mutant> out;
  const auto allows = parse_allows(task.allows);
  for (const sim::RowChange& r : d.rows) {
    const std::string where = where_key(end, r.table, r.key);
    // 1. Undo the change.
    Mutant undo{"undo " + r.table + "[" + r.key + "]", {}, {}};
    if (r.kind == sim::RowChange::Kind::updated) {
      std::string set;
      for (int c : r.changed) {
        if (allowed(allows, r.table, r.columns[size_t(c)], r.after[size_t(c)].text)) continue;
        set += (set.empty() ? "" : ", ") + quoted(r.columns[size_t(c)]) + " = " +
               r.before[size_t(c)].sql();
      }
      if (set.empty()) continue;  // only changes the instruction allows
      undo.sql.push_back("UPDATE " + quoted(r.table) + " SET " + set + " WHERE " + where);
    } else if (r.kind == sim::RowChange::Kind::inserted) {
      undo.sql.push_back("DELETE FROM " + quoted(r.table) + " WHERE " + where);
    } else {
      std::string cols, vals;
      for (size_t c = 0; c < r.columns.size(); ++c) {
        cols += (c ? ", " : "") + quoted(r.columns[c]);
        vals += (c ? ", " : "") + r.before[c].sql();
      }
      undo.sql.push_back("INSERT INTO " + quoted(r.table) + "(" + cols + ") VALUES(" + vals + ")");
    }
    out.push_back(std::move(undo));
    // 2. The same change on another row of the table (one where it makes a difference).
    if (r.kind == sim::RowChange::Kind::updated) {
      for (int c : r.changed) {
        const std::string& col = r.columns[size_t(c)];
        if (allowed(allows, r.table, col, r.after[size_t(c)].text)) continue;
        auto q = end.query("SELECT rowid FROM " + quoted(r.table) + " WHERE NOT (" + where +
                           ") AND " + quoted(col) + " IS NOT " + r.after[size_t(c)].sql() +
                           " ORDER BY rowid LIMIT 1");
        if (!q.step()) continue;
        out.push_back({"the same on another row of " + r.table + " (" + col + ")",
                       {"UPDATE " + quoted(r.table) + " SET " + quoted(col) + " = " +
                        r.after[size_t(c)].sql() + " WHERE rowid = " + std::to_string(q.i64(0))},
                       {}});
        break;
      }
    } else if (r.kind == sim::RowChange::Kind::deleted) {
      auto q = end.query("SELECT rowid FROM " + quoted(r.table) + " ORDER BY rowid LIMIT 1");
      if (q.step())
        out.push_back({"delete another row of " + r.table,
                       {"DELETE FROM " + quoted(r.table) + " WHERE rowid = " +
                        std::to_string(q.i64(0))},
                       {}});
    }
  }
  // 3. One more row changed: in the app's own tables, a row the oracle left alone.
  std::vector<std::pair<int64_t, std::string>> by_rows;  // the app's biggest table first
  for (const std::string& t : sim::app_tables(end))
    if (t.rfind(std::string(task.app) + "_", 0) == 0) by_rows.emplace_back(0, t);
  for (auto& [n, t] : by_rows) n = -end.scalar("SELECT count(*) FROM " + quoted(t));
  std::stable_sort(by_rows.begin(), by_rows.end());
  std::vector<std::string> tables;
  for (auto& [n, t] : by_rows) tables.push_back(t);
  for (const std::string& t : tables) {
    std::vector<std::pair<std::string, std::string>> cols;  // name, declared type
    for (auto q = end.query("SELECT name, type FROM pragma_table_info(?) WHERE pk = 0 ORDER BY cid", t);
         q.step();)
      cols.emplace_back(q.text(0), q.text(1));
    auto row = end.query("SELECT rowid FROM " + quoted(t) + " ORDER BY rowid LIMIT 1 OFFSET 1");
    if (!row.step()) continue;
    const std::string rowid = std::to_string(row.i64(0));
    bool touched = false;
    for (const sim::RowChange& r : d.rows) touched |= r.table == t && r.key == rowid;
    if (touched) continue;
    for (const auto& [c, type] : cols) {
      Mutant m{"one more row: " + t + "[" + rowid + "]." + c, {}, {}};
      const std::string set = type.find("INT") != std::string::npos
                                  ? quoted(c) + " = CASE " + quoted(c) + " WHEN 0 THEN 1 WHEN 1 THEN 0 ELSE " +
                                        quoted(c) + " + 1 END"
                                  : quoted(c) + " = " + quoted(c) + " || ' (edited)'";
      // Skip a change the instruction allows (its value is known only after; checked below).
      m.sql.push_back("UPDATE " + quoted(t) + " SET " + set + " WHERE rowid = " + rowid);
      if (allowed(allows, t, c, "")) continue;
      if (allowed(allows, t, c, "0") || allowed(allows, t, c, "1")) continue;
      out.push_back(std::move(m));
      break;
    }
    if (!out.empty() && out.back().what.rfind("one more row: ", 0) == 0) break;
    // A table of keys only (a link table) gives no such change: the next one does.
  }
  // 4. Another ending: a different answer, or no answer at all.
  if (ending.kind == sim::Ending::Kind::answer) {
    std::string other = ending.text;
    if (auto n = parse_number(other)) other = std::to_string(int64_t(*n) + 1);
    else other += " x";
    out.push_back({"another answer: " + other, {}, sim::Ending{sim::Ending::Kind::answer, other}});
    out.push_back({"done instead of an answer", {}, sim::Ending{sim::Ending::Kind::done, {}}});
  } else if (ending.kind == sim::Ending::Kind::infeasible) {
    out.push_back({"done instead of infeasible", {}, sim::Ending{sim::Ending::Kind::done, {}}});
  } else if (task.goal == nullptr) {
    out.push_back({"infeasible instead", {}, sim::Ending{sim::Ending::Kind::infeasible, "no"}});
  }
  return out;
}

bool tag(const sim::Task& t, std::string_view name) {
  std::string_view s = t.tags;
  while (!s.empty()) {
    const size_t c = s.find(',');
    if (s.substr(0, c) == name) return true;
    s = c == std::string_view::npos ? std::string_view{} : s.substr(c + 1);
  }
  return false;
}

}  // namespace

GateResult audit(const sim::Task& task, const GateOptions& o) {
  using Clock = std::chrono::steady_clock;
  const auto t0 = Clock::now();  // wall time for the report only
  GateResult g;
  g.task = std::string(task.name);
  g.tags = std::string(task.tags);
  g.seeds = o.seeds;
  std::set<std::string> instructions;
  auto fail = [&](std::string what) {
    if (g.failures.size() < 12) g.failures.push_back(std::move(what));
  };
  const std::string name(task.name);
  for (int k = 0; k < o.seeds; ++k) {
    const uint64_t seed = o.first_seed + uint64_t(k);
    const std::string at = " (seed " + std::to_string(seed) + ")";
    // Oracle: solves, and its final world feeds the mutation gate.
    const sim::ResetSpec spec{.task = name, .seed = seed, .custom = &task};
    sim::Env env;
    if (Status s = env.reset(spec); !s) {
      fail("reset" + at + ": " + s.error().message);
      continue;
    }
    instructions.insert(env.task().instruction);
    sim::Action last;
    int steps = 0;
    for (int i = 0; i < task.max_steps + 1 && !env.obs().done; ++i) {
      auto a = sim::next_action(sim::Policy::oracle, env);
      if (!a) {
        fail("oracle" + at + ": " + a.error().message);
        break;
      }
      last = *a;
      (void)env.apply(*a);
      ++steps;
    }
    if (env.obs().success) {
      ++g.oracle_ok;
      g.steps_min = g.oracle_ok == 1 ? steps : std::min(g.steps_min, steps);
      g.steps_max = std::max(g.steps_max, steps);
      if (tag(task, "hard") && steps <= kHardSteps)
        fail("hard" + at + ": the oracle solved it in " + std::to_string(steps) +
             " steps (hard means more than " + std::to_string(kHardSteps) + ")");
    } else {
      fail("oracle" + at + ": " + (env.obs().verdict.empty() ? env.obs().error : env.obs().verdict));
      continue;
    }
    // Mutation: each mutant of the oracle's final world (or ending) must be rejected.
    auto diff = env.changes();
    if (!diff) {
      fail("mutation" + at + ": " + diff.error().message);
      continue;
    }
    sim::Ending ending{sim::Ending::Kind::goal, {}};
    if (last.kind == sim::ActionKind::answer) ending = {sim::Ending::Kind::answer, last.text};
    if (last.kind == sim::ActionKind::done) ending = {sim::Ending::Kind::done, {}};
    if (last.kind == sim::ActionKind::infeasible) ending = {sim::Ending::Kind::infeasible, last.text};
    for (const Mutant& m : mutants_of(task, env.world(), *diff, ending)) {
      auto w = env.world().fork();
      if (!w) continue;
      bool applied = true;
      // Prepared statements (not exec): the world then knows which tables the mutant wrote,
      // and the diff reads only those (state::World::maybe_changed).
      for (const std::string& sql : m.sql) applied = applied && (*w)->query(sql).run() && !(*w)->error();
      if (!applied) continue;  // a constraint refused it: not a world the app can reach
      auto md = sim::changes_since(env.start_world(), **w);
      if (!md) continue;
      const sim::Ending e = m.ending ? *m.ending : ending;
      bool success = true;
      if (task.goal) success = task.goal(**w, env.task());  // as Env's verdict: the goal first
      if (success && task.check) success = task.check(**w, *md, env.task(), e).success;
      ++g.mutants;
      if (!success) ++g.mutants_caught;
      else fail("mutation" + at + ": the verifier accepts \"" + m.what + "\"");
    }
    // No-op: never solves.
    sim::Env noop;
    if (noop.reset(spec)) {
      while (!noop.obs().done) (void)noop.apply(sim::Action::noop());
      if (noop.obs().success) {
        ++g.noop_ok;
        fail("no-op solves" + at);
      }
    }
    // Ending at once: done, an empty answer or a claim of infeasibility as the first step never
    // solves (a verifier that only checks that nothing changed would accept them); only a task
    // whose own solution is to say it is infeasible may be solved by saying so. On the first
    // three seeds: what lets it through is the template's verifier, not a seed's world.
    for (const sim::Action& quick : {sim::Action::done(), sim::Action::answer(""), sim::Action::infeasible("")}) {
      if (k >= 3 || (quick.kind == sim::ActionKind::infeasible && last.kind == sim::ActionKind::infeasible)) continue;
      sim::Env e1;
      if (!e1.reset(spec)) continue;
      (void)e1.apply(quick);
      if (e1.obs().success) fail("ending at once solves" + at + ": " + sim::to_json(quick));
    }
    // Random: input noise, o.random_steps steps (or to the episode's end).
    sim::Env rnd;
    if (rnd.reset(spec)) {
      for (int i = 0; i < o.random_steps && !rnd.obs().done; ++i) {
        auto a = sim::next_action(sim::Policy::random, rnd);
        if (a) (void)rnd.apply(*a);
      }
      g.random_ok += rnd.obs().success ? 1 : 0;
    }
  }
  g.distinct_instructions = int(instructions.size());
  const double limit = tag(task, "easy") ? 0.15 : 0.05;
  if (g.random_ok > int(std::ceil(limit * o.seeds - 1e-9)))  // a rate: small samples round up
    fail("random policy solves " + std::to_string(g.random_ok) + "/" + std::to_string(o.seeds));
  if (g.distinct_instructions * 10 < o.seeds * 9)
    fail("instructions: " + std::to_string(g.distinct_instructions) + " distinct of " +
         std::to_string(o.seeds));
  if (o.frames) {
    auto r = render::create_renderer({.backend = render::Backend::cpu, .threads = 1});
    for (sim::Appearance a : {sim::Appearance::light, sim::Appearance::dark}) {
      sim::Env env({.width = 1280, .height = 800, .appearance = a});
      if (!r || !env.reset({.task = name, .seed = o.first_seed, .custom = &task}) ||
          !env.render_now(**r) || env.obs().hash == 0) {
        g.frames_ok = false;
        fail(std::string("first frame (") + (a == sim::Appearance::dark ? "dark" : "light") + ")");
      }
    }
  }
  g.seconds = std::chrono::duration<double>(Clock::now() - t0).count();
  return g;
}

}  // namespace facsim::tasks::kit
