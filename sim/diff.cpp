// World diffs: what changed between two worlds, table by table, row by primary key.
#include <algorithm>

#include "sim.h"
#include "state.h"

namespace facsim::sim {

bool is_session_table(std::string_view t) {
  // The shell's session and bookkeeping, an app's UI session (<app>_ui_*), task scratch.
  static constexpr std::string_view kShell[] = {"ui", "ui_history", "meta", "events"};
  for (std::string_view k : kShell)
    if (t == k) return true;
  if (t.rfind("sqlite_", 0) == 0 || t.rfind("task_", 0) == 0) return true;
  const size_t us = t.find('_');
  return us != std::string_view::npos && t.substr(us).rfind("_ui_", 0) == 0;
}

bool Value::operator==(const Value& o) const { return type == o.type && text == o.text; }

std::string Value::sql() const {
  if (type == 5) return "NULL";
  if (type == 1 || type == 2) return text;
  std::string q = "'";
  for (char c : text) q += c == '\'' ? std::string("''") : std::string(1, c);
  return q + "'";
}

const RowChange* WorldDiff::find(std::string_view table, std::string_view key) const {
  for (const RowChange& r : rows)
    if (r.table == table && r.key == key) return &r;
  return nullptr;
}

std::string WorldDiff::describe(size_t max_rows) const {
  std::string out;
  size_t n = 0;
  for (const RowChange& r : rows) {
    if (n++ == max_rows) {
      out += "; ...";
      break;
    }
    if (!out.empty()) out += "; ";
    static const char* kKinds[] = {"+", "-", "~"};
    out += std::string(kKinds[int(r.kind)]) + r.table + "[" + r.key + "]";
    if (r.kind == RowChange::Kind::updated) {
      out += " ";
      for (size_t i = 0; i < r.changed.size(); ++i) {
        const int c = r.changed[i];
        out += (i ? "," : "") + r.columns[size_t(c)] + ":" + r.before[size_t(c)].text + "->" +
               r.after[size_t(c)].text;
      }
    }
  }
  return out;
}

namespace {

struct TableRows {
  std::vector<std::string> columns;
  std::vector<std::pair<std::string, std::vector<Value>>> rows;  // (key, values), by key
};

// The table's primary key columns (table_info order by pk), empty: a rowid table.
std::vector<std::string> primary_key(state::World& w, const std::string& table) {
  std::vector<std::pair<int64_t, std::string>> pk;
  for (auto q = w.query("SELECT name, pk FROM pragma_table_info(?) WHERE pk > 0", table);
       q.step();)
    pk.emplace_back(q.i64(1), std::string(q.text(0)));
  std::sort(pk.begin(), pk.end());
  std::vector<std::string> out;
  for (auto& [i, n] : pk) out.push_back(n);
  return out;
}

std::string quoted(std::string_view id) {
  std::string q = "\"";
  for (char c : id) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

Result<TableRows> read_table(state::World& w, const std::string& table) {
  const std::vector<std::string> pk = primary_key(w, table);
  std::string order, key_cols;
  if (pk.empty()) {
    key_cols = "rowid";
    order = "rowid";
  } else {
    for (const std::string& c : pk) {
      key_cols += (key_cols.empty() ? "" : ", ") + quoted(c);
    }
    order = key_cols;
  }
  const std::string sql = "SELECT " + key_cols + ", * FROM " + quoted(table) + " ORDER BY " + order;
  TableRows out;
  // Statement text built from schema names only (never values); raw so it is not cached.
  auto q = w.query(sql);
  const int nkey = pk.empty() ? 1 : int(pk.size());
  bool first = true;
  while (q.step()) {
    if (first) {
      for (int c = nkey; c < q.columns(); ++c) out.columns.emplace_back(q.column_name(c));
      first = false;
    }
    std::string key;
    for (int c = 0; c < nkey; ++c) key += (c ? "|" : "") + std::string(q.text(c));
    std::vector<Value> vals;
    vals.reserve(size_t(q.columns() - nkey));
    for (int c = nkey; c < q.columns(); ++c) vals.push_back({q.type(c), std::string(q.text(c))});
    out.rows.emplace_back(std::move(key), std::move(vals));
  }
  if (const Error* e = w.error()) return *e;
  if (first) {  // no rows: the columns from the schema
    for (auto c = w.query("SELECT name FROM pragma_table_info(?) ORDER BY cid", table); c.step();)
      out.columns.emplace_back(c.text(0));
  }
  // Keys compare as text: integer keys sort as numbers in SQL, so re-sort for the merge.
  std::sort(out.rows.begin(), out.rows.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  return out;
}


}  // namespace

std::vector<std::string> app_tables(state::World& w) {
  std::vector<std::string> t;
  // Ordinary tables only: a virtual table (a full-text index) and its shadow tables hold
  // derived data, never what a task is about.
  for (auto q = w.query("SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = "
                        "'table' AND name NOT LIKE 'sqlite_%' ORDER BY name");
       q.step();)
    if (!is_session_table(q.text(0))) t.emplace_back(q.text(0));
  return t;
}

Result<WorldDiff> diff_worlds(state::World& before, state::World& after, bool skip_unchanged) {
  WorldDiff d;
  std::vector<std::string> tables = app_tables(before);
  for (const std::string& t : app_tables(after))
    if (std::find(tables.begin(), tables.end(), t) == tables.end()) tables.push_back(t);
  std::sort(tables.begin(), tables.end());
  if (skip_unchanged)
    std::erase_if(tables, [&](const std::string& t) { return !before.maybe_changed(t) && !after.maybe_changed(t); });
  for (const std::string& t : tables) {
    auto a = read_table(before, t);
    if (!a) return a.error();
    auto b = read_table(after, t);
    if (!b) return b.error();
    const std::vector<std::string>& cols = b->columns.empty() ? a->columns : b->columns;
    size_t i = 0, j = 0;
    while (i < a->rows.size() || j < b->rows.size()) {
      const bool take_a = j == b->rows.size() ||
                          (i < a->rows.size() && a->rows[i].first < b->rows[j].first);
      const bool take_b = i == a->rows.size() ||
                          (j < b->rows.size() && b->rows[j].first < a->rows[i].first);
      RowChange r;
      r.table = t;
      r.columns = cols;
      if (take_a) {
        r.kind = RowChange::Kind::deleted;
        r.key = a->rows[i].first;
        r.before = std::move(a->rows[i++].second);
      } else if (take_b) {
        r.kind = RowChange::Kind::inserted;
        r.key = b->rows[j].first;
        r.after = std::move(b->rows[j++].second);
      } else {
        auto& ra = a->rows[i++].second;
        auto& rb = b->rows[j++].second;
        for (size_t c = 0; c < std::min(ra.size(), rb.size()); ++c)
          if (!(ra[c] == rb[c])) r.changed.push_back(int(c));
        if (r.changed.empty()) continue;
        r.kind = RowChange::Kind::updated;
        r.key = b->rows[j - 1].first;
        r.before = std::move(ra);
        r.after = std::move(rb);
      }
      d.rows.push_back(std::move(r));
    }
  }
  return d;
}

}  // namespace facsim::sim
