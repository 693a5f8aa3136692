// The browser-like shell: address bar chrome, app registry, action routing, shared helpers.
#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include "apps.h"
#include "dom.h"
#include "world/world.h"
#include "state.h"

namespace facsim::apps {

const std::vector<const App*>& registered_apps();  // registry.cpp

namespace {
// The registry, made once (thread-safe static initialisation: batch resets run in parallel);
// only tests append to it, before any env is made.
std::vector<const App*>& app_list() {
  static std::vector<const App*> apps = registered_apps();
  return apps;
}
uint64_t& generation() {
  static uint64_t g = 1;
  return g;
}
}  // namespace

const std::vector<const App*>& all_apps() { return app_list(); }

void register_app_for_test(const App* app) {
  if (find_app(app->name)) return;
  app_list().push_back(app);
  ++generation();
}

uint64_t registry_generation() { return generation(); }

const App* find_app(std::string_view name) {
  for (const App* a : all_apps())
    if (a->name == name) return a;
  return nullptr;
}

Status install_all(state::World& w) {
  // Undo/redo stacks of the text fields (sim/input.cpp): world state, so forks keep them.
  if (Status s = w.exec("CREATE TABLE ui_history(field TEXT NOT NULL, kind TEXT NOT NULL, "
                        "seq INTEGER NOT NULL, value TEXT NOT NULL, anchor INTEGER NOT NULL, "
                        "caret INTEGER NOT NULL, PRIMARY KEY(field, kind, seq)) WITHOUT ROWID");
      !s)
    return s;
  Rng shared = Rng::stream(w.seed(), "world");
  if (Status s = world::install(w, shared); !s) return s;
  for (const App* a : all_apps()) {
    Rng rng = Rng::stream(w.seed(), a->name);
    if (Status s = a->install(w, rng); !s)
      return Error{s.error().code, std::string(a->name) + ": " + s.error().message};
  }
  w.ui_set(ui::kApp, all_apps().front()->name);
  return {};
}

static const App& current(state::World& w) {
  const App* a = find_app(w.ui_get(ui::kApp));
  return a ? *a : *all_apps().front();
}

std::string_view current_app(state::World& w) { return current(w).name; }

Status open_app(state::World& w, std::string_view name, std::string_view route) {
  const App* a = find_app(name);
  if (!a) {
    std::string known;
    for (const App* k : all_apps()) known += (known.empty() ? "" : ", ") + std::string(k->name);
    return Error{Errc::not_found, "unknown app '" + std::string(name) + "' (" + known + ")"};
  }
  w.ui_set(ui::kApp, a->name);
  w.ui_set(ui::kOverlay, "");
  w.ui_set(ui::kFocus, "");
  if (route.empty()) return {};
  if (!a->open_route)
    return Error{Errc::invalid_argument, std::string(a->name) + " has no route '" +
                                             std::string(route) + "'"};
  return a->open_route(w, route);
}

namespace {
void chrome(dom::Tree& t, int root, const std::string& addr, bool back, dom::Stamp&& stamp);
constexpr int kAppsX = 8 + 3 * (32 + 4);  // the launcher's left edge: after the bar's padding and three buttons
}

void build_view(state::World& w, dom::Tree& t, int width, int height) {
  (void)width;
  (void)height;
  const App& app = current(w);
  const dom::Theme& th = t.theme();
  int root = t.root({.dir = dom::Dir::column, .bg = th.page});
  // Browser chrome: back / forward / reload and the address bar (memoized on the address).
  const std::string addr = std::string(app.host) + "/" + (app.route ? app.route(w) : "");
  const bool back = app.on_back != nullptr;
  const bool menu_open = w.ui_get(ui::kOverlay) == "shell/apps_menu";
  dom::Stamp stamp;
  stamp << addr << int64_t(back);
  t.push_scope("shell");
  if (t.reuse(root, "bar", stamp) < 0) chrome(t, root, addr, back, std::move(stamp));
  t.pop_scope();
  t.push_scope(app.name);
  app.view(w, t, root);
  t.pop_scope();
  if (menu_open) {  // the apps menu: an overlay after the page (outside the memoized bar), under the launcher
    t.push_scope("shell");
    std::vector<dom::widget::Option> items;
    for (const App* a : all_apps()) items.push_back({a->title, "shell:app:" + std::string(a->name)});
    const int m = dom::widget::menu(t, "apps_menu", items, -1, kAppsX, 42, 220);
    t.node(m).name = "Apps";
    t.pop_scope();
  }
}

namespace {
void chrome(dom::Tree& t, int root, const std::string& addr, bool back, dom::Stamp&& stamp) {
  const dom::Theme& th = t.theme();
  int bar = t.add(root, {.dir = dom::Dir::row, .w = dom::fill(), .h = dom::fixed(44),
                         .pad = dom::edges(6, 8), .gap = 4, .align = dom::Align::center,
                         .bg = th.chrome}, "bar", dom::Role::banner);
  auto chrome_button = [&](std::string_view key, std::string_view glyph, std::string_view name,
                           std::string_view action, bool enabled = true) {
    int b = t.add(bar, {.w = dom::fixed(32), .h = dom::fixed(32), .justify = dom::Align::center,
                        .align = dom::Align::center, .hover_bg = th.chrome_hover,
                        .radius = 16}, key, dom::Role::button);
    t.node(b).name = name;
    t.node(b).action = enabled ? action : "";
    t.node(b).disabled = !enabled;
    t.text(b, glyph, {.size = 18, .weight = 400,
                      .color = enabled ? th.chrome_icon : th.text_disabled});
  };
  chrome_button("back", "\xE2\x86\x90", "Back", "shell:back", back);
  chrome_button("forward", "\xE2\x86\x92", "Forward", "shell:forward");
  chrome_button("reload", "\xE2\x86\xBB", "Reload", "shell:reload");
  // The apps launcher (a grid of dots): its menu lists every app; one shows it as it was left.
  const int apps = t.add(bar, {.dir = dom::Dir::column, .w = dom::fixed(32), .h = dom::fixed(32), .gap = 3,
                               .justify = dom::Align::center, .align = dom::Align::center,
                               .hover_bg = th.chrome_hover, .radius = 16},
                         "apps", dom::Role::button);
  t.node(apps).name = "Apps";
  t.node(apps).action = "ui:open:" + t.scoped("apps_menu");
  for (int r = 0; r < 3; ++r) {
    const int row = t.add(apps, {.dir = dom::Dir::row, .gap = 3});
    for (int c = 0; c < 3; ++c)
      t.add(row, {.w = dom::fixed(4), .h = dom::fixed(4), .bg = th.chrome_icon, .radius = 2});
  }
  int url = t.add(bar, {.dir = dom::Dir::row, .w = dom::fill(), .h = dom::fixed(32),
                        .pad = dom::edges(0, 14), .align = dom::Align::center,
                        .bg = th.surface, .radius = 16}, "url", dom::Role::textbox);
  t.node(url).name = "Address and search bar";
  t.node(url).value = "https://" + addr;
  t.text(url, addr, {.size = 14, .color = th.text_strong});
  t.memo(bar, std::move(stamp));
}
}  // namespace

namespace {
// The widgets' generic vocabulary (dom.h): state in the ui table under the widget's key.
Status ui_action(state::World& w, std::string_view cmd, int mods) {
  const size_t colon = cmd.find(':');
  const std::string_view verb = cmd.substr(0, colon);
  const std::string_view arg = colon == std::string_view::npos ? "" : cmd.substr(colon + 1);
  const size_t eq = arg.find('=');
  std::string key(arg.substr(0, eq));
  const std::string_view val = eq == std::string_view::npos ? "" : arg.substr(eq + 1);
  auto bad = [&] {
    return Error{Errc::invalid_argument, "malformed ui action '" + std::string(cmd) + "'"};
  };
  if (verb == "close") {
    w.ui_set(ui::kOverlay, "");
    return {};
  }
  if (key.empty()) return bad();
  if (verb == "toggle") {
    w.ui_set(key, int64_t(w.ui_int(key) ? 0 : 1));
  } else if (verb == "set" || verb == "choose") {
    if (eq == std::string_view::npos) return bad();
    w.ui_set(key, val);
    if (verb == "choose") w.ui_set(ui::kOverlay, "");
  } else if (verb == "open") {
    w.ui_set(ui::kOverlay, w.ui_get(ui::kOverlay) == key ? "" : key);
  } else if (verb == "menu") {
    w.ui_set(ui::kOverlay, key);
    w.ui_set(ui::kMenuX, w.ui_int(ui::kMouseX));
    w.ui_set(ui::kMenuY, w.ui_int(ui::kMouseY));
  } else if (verb == "month") {
    w.ui_set(key + ".month", val);
  } else if (verb == "sort") {
    const bool same = w.ui_get(key) == val;
    w.ui_set(key, val);
    w.ui_set(key + ".desc", int64_t(same && !w.ui_int(key + ".desc") ? 1 : 0));
  } else if (verb == "accept") {
    set_field_value(w, key, val);
    w.ui_set("sel:" + key, std::to_string(val.size()) + " " + std::to_string(val.size()));
    w.ui_set(ui::kOverlay, "");
    w.ui_set(key + ".hl", int64_t(-1));
  } else if (verb == "pick") {
    // "K=i": single selection; "K*=i": multi (ctrl toggles, shift selects a range).
    const bool multi = key.back() == '*';
    if (multi) key.pop_back();
    char* end = nullptr;
    const std::string v(val);
    const long i = std::strtol(v.c_str(), &end, 10);
    if (v.empty() || *end || i < 0 || i > 100000 || key.empty()) return bad();
    if (!multi) {
      w.ui_set(key, int64_t(i));
      return {};
    }
    std::vector<long> sel;
    for (std::string cur = w.ui_get(key); !cur.empty();) {
      size_t c = cur.find(',');
      sel.push_back(std::strtol(cur.substr(0, c).c_str(), nullptr, 10));
      cur = c == std::string::npos ? "" : cur.substr(c + 1);
    }
    if (mods & 1) {  // shift: the range from the anchor
      const long a = long(w.ui_int(key + ".anchor", i));
      sel.clear();
      for (long k = std::min(a, i); k <= std::max(a, i); ++k) sel.push_back(k);
    } else if (mods & (2 | 8)) {  // ctrl/meta: toggle one
      auto it = std::find(sel.begin(), sel.end(), i);
      if (it != sel.end()) sel.erase(it);
      else sel.push_back(i);
      w.ui_set(key + ".anchor", int64_t(i));
    } else {
      sel.assign(1, i);
      w.ui_set(key + ".anchor", int64_t(i));
    }
    std::sort(sel.begin(), sel.end());
    std::string out;
    for (long k : sel) {
      if (!out.empty()) out += ',';
      out += std::to_string(k);
    }
    w.ui_set(key, out);
  } else {
    return Error{Errc::invalid_argument, "unknown ui action '" + std::string(cmd) + "'"};
  }
  return {};
}
}  // namespace

Status dispatch(state::World& w, std::string_view action, int mods) {
  size_t colon = action.find(':');
  if (colon == std::string_view::npos)
    return Error{Errc::invalid_argument, "malformed action '" + std::string(action) + "'"};
  std::string_view ns = action.substr(0, colon), cmd = action.substr(colon + 1);
  if (ns == "ui") return ui_action(w, cmd, mods);
  if (ns == "shell") {
    if (cmd == "back") {
      const App& a = current(w);
      return a.on_back ? a.on_back(w) : Status{};
    }
    if (cmd == "forward" || cmd == "reload") return {};  // no forward history yet; reload is a no-op
    if (cmd.rfind("app:", 0) == 0) {  // the apps menu: the app as it was left (its route and screens live in the world)
      const App* a = find_app(cmd.substr(4));
      if (!a) return Error{Errc::invalid_argument, "unknown app '" + std::string(cmd.substr(4)) + "'"};
      w.ui_set(ui::kOverlay, "");
      if (a->name == current(w).name) return {};
      return open_app(w, a->name);
    }
    return Error{Errc::invalid_argument, "unknown shell action '" + std::string(cmd) + "'"};
  }
  const App* a = find_app(ns);
  if (!a) return Error{Errc::invalid_argument, "unknown app '" + std::string(ns) + "'"};
  if (!a->on_action)
    return Error{Errc::invalid_argument, std::string(a->name) + " has no actions"};
  return a->on_action(w, Command{cmd, mods});
}

Result<bool> shortcut(state::World& w, std::string_view key, int mods) {
  const App& a = current(w);
  return a.on_key ? a.on_key(w, Shortcut{key, mods}) : Result<bool>(false);
}

void field_edited(state::World& w, std::string_view field) {
  const size_t slash = field.find('/');
  if (slash == std::string_view::npos) return;
  const App* app = find_app(field.substr(0, slash));
  if (app && app->on_edit) app->on_edit(w, field);
}

Status submit(state::World& w, std::string_view field, int mods) {
  const App& a = current(w);
  return a.on_submit ? a.on_submit(w, Submit{field, mods}) : Status{};
}

Status fire_due_events(state::World& w) {
  constexpr int kMaxPerStep = 256;  // a runaway schedule is a bug, not a hang
  state::Event e;
  for (int n = 0; w.next_due(e); ++n) {
    if (n == kMaxPerStep) return Error{Errc::internal, "more than 256 events due in one step"};
    std::string_view kind = e.kind;
    size_t dot = kind.find('.');
    const App* a = find_app(kind.substr(0, dot));
    if (!a || !a->on_event || dot == std::string_view::npos)
      return Error{Errc::internal, "no app handles event '" + e.kind + "'"};
    if (Status s = a->on_event(w, kind.substr(dot + 1), e.payload); !s) return s;
  }
  if (const Error* err = w.error()) return *err;
  return {};
}

Status pass_time(state::World& w, int64_t ms) {
  const int64_t until = w.now_ms() + std::max<int64_t>(ms, 0);
  for (int n = 0;; ++n) {  // each event at its own time, in (time, id) order
    int64_t at = 0;
    {
      auto q = w.query("SELECT at_ms FROM events WHERE fired = 0 AND at_ms <= ? "
                       "ORDER BY at_ms, id LIMIT 1", until);
      if (!q.step()) break;
      at = q.i64(0);
    }
    if (n == 256) return Error{Errc::internal, "more than 256 event times in one step"};
    if (at > w.now_ms()) w.advance_ms(at - w.now_ms());
    if (Status s = fire_due_events(w); !s) return s;
  }
  if (until > w.now_ms()) w.advance_ms(until - w.now_ms());  // nothing is due any more
  if (const Error* e = w.error()) return *e;
  return {};
}

std::vector<int64_t> parse_id_list(std::string_view csv) {
  std::vector<int64_t> out;
  for (size_t p = 0; p < csv.size();) {
    size_t c = csv.find(',', p);
    if (c == std::string_view::npos) c = csv.size();
    if (auto id = parse_id(csv.substr(p, c - p))) out.push_back(*id);
    p = c + 1;
  }
  return out;
}

Result<int64_t> parse_id(std::string_view s) {
  int64_t v = 0;
  if (s.empty() || s.size() > 18) return Error{Errc::invalid_argument, "bad id '" + std::string(s) + "'"};
  for (char c : s) {
    if (c < '0' || c > '9') return Error{Errc::invalid_argument, "bad id '" + std::string(s) + "'"};
    v = v * 10 + (c - '0');
  }
  return v;
}

std::string field_value(state::World& w, std::string_view key) {
  return w.ui_get("field:" + std::string(key));
}
std::string field_trimmed(state::World& w, std::string_view key) {
  std::string v = field_value(w, key);
  const size_t b = v.find_first_not_of(' '), e = v.find_last_not_of(' ');
  return b == std::string::npos ? std::string() : v.substr(b, e - b + 1);
}
Status end_generation(state::World& w) {
  if (const Error* e = w.error()) {
    Error err = *e;
    w.rollback();
    return err;
  }
  return w.commit();
}
void set_field_value(state::World& w, std::string_view key, std::string_view value) {
  w.ui_set("field:" + std::string(key), value);
}

FieldView field_view(state::World& w, std::string_view key, bool live) {
  FieldView f;
  f.live = live;
  f.value = field_value(w, key);
  f.anchor = f.caret = int(f.value.size());
  const std::string sel = w.ui_get("sel:" + std::string(key));
  if (!sel.empty()) std::sscanf(sel.c_str(), "%d %d", &f.anchor, &f.caret);
  f.anchor = std::clamp(f.anchor, 0, int(f.value.size()));
  f.caret = std::clamp(f.caret, 0, int(f.value.size()));
  f.focused = w.ui_get(ui::kFocus) == key;
  return f;
}

void live_scroll(state::World& w, dom::Tree& t, int node) {
  dom::Node& n = t.node(node);
  n.style.scroll_y = int(w.ui_int_unrecorded("scroll:" + n.key));
  t.mark_live(node, dom::Live::scroll);
}

void toast(state::World& w, std::string_view text, int64_t ms, std::string_view action_label,
           std::string_view action) {
  w.ui_set(ui::kToast, text);
  w.ui_set(ui::kToastUntil, w.now_ms() + ms);
  w.ui_set(ui::kToastLabel, action_label);
  w.ui_set(ui::kToastAction, action);
}

}  // namespace facsim::apps
