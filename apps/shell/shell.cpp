// The browser-like shell: address bar chrome, app registry, action routing, shared helpers.
#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include "apps.h"
#include "dom.h"
#include "gallery/gallery.h"
#include "mail/mail.h"
#include "state.h"

namespace facsim::apps {

const std::vector<const App*>& all_apps() {
  static const std::vector<const App*> apps = {&mail_app(), &gallery_app()};
  return apps;
}

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
  for (const App* a : all_apps())
    if (Status s = a->install(w); !s) return s;
  w.ui_set("app", all_apps().front()->name);
  return {};
}

static const App& current(state::World& w) {
  const App* a = find_app(w.ui_get("app", "mail"));
  return a ? *a : *all_apps().front();
}

namespace {
void chrome(dom::Tree& t, int root, const std::string& addr, dom::Stamp&& stamp);
}

void build_view(state::World& w, dom::Tree& t, int width, int height) {
  (void)width;
  (void)height;
  const App& app = current(w);
  const dom::Theme& th = t.theme();
  int root = t.root({.dir = dom::Dir::column, .bg = th.page});
  // Browser chrome: back / forward / reload and the address bar (memoized on the address).
  const std::string addr = std::string(app.host) + "/" + app.route(w);
  dom::Stamp stamp;
  stamp << addr;
  if (t.reuse(root, "shell.bar", stamp) < 0) chrome(t, root, addr, std::move(stamp));
  app.view(w, t, root);
}

namespace {
void chrome(dom::Tree& t, int root, const std::string& addr, dom::Stamp&& stamp) {
  const dom::Theme& th = t.theme();
  int bar = t.add(root, {.dir = dom::Dir::row, .w = dom::fill(), .h = dom::fixed(44),
                         .pad = dom::edges(6, 8), .gap = 4, .align = dom::Align::center,
                         .bg = th.chrome}, "shell.bar", dom::Role::banner);
  auto chrome_button = [&](std::string_view key, std::string_view glyph, std::string_view name,
                           std::string_view action) {
    int b = t.add(bar, {.w = dom::fixed(32), .h = dom::fixed(32), .justify = dom::Align::center,
                        .align = dom::Align::center, .hover_bg = th.chrome_hover,
                        .radius = 16}, key, dom::Role::button);
    t.node(b).name = name;
    t.node(b).action = action;
    t.text(b, glyph, {.size = 18, .weight = 400, .color = th.chrome_icon});
  };
  chrome_button("shell.back", "\xE2\x86\x90", "Back", "shell:back");
  chrome_button("shell.forward", "\xE2\x86\x92", "Forward", "shell:forward");
  chrome_button("shell.reload", "\xE2\x86\xBB", "Reload", "shell:reload");
  int url = t.add(bar, {.dir = dom::Dir::row, .w = dom::fill(), .h = dom::fixed(32),
                        .pad = dom::edges(0, 14), .align = dom::Align::center,
                        .bg = th.surface, .radius = 16}, "shell.url", dom::Role::textbox);
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
    w.ui_set("overlay", "");
    return {};
  }
  if (key.empty()) return bad();
  if (verb == "toggle") {
    w.ui_set(key, int64_t(w.ui_int(key) ? 0 : 1));
  } else if (verb == "set" || verb == "choose") {
    if (eq == std::string_view::npos) return bad();
    w.ui_set(key, val);
    if (verb == "choose") w.ui_set("overlay", "");
  } else if (verb == "open") {
    w.ui_set("overlay", w.ui_get("overlay") == key ? "" : key);
  } else if (verb == "menu") {
    w.ui_set("overlay", key);
    w.ui_set("menu_x", w.ui_int("mouse_x"));
    w.ui_set("menu_y", w.ui_int("mouse_y"));
  } else if (verb == "month") {
    w.ui_set(key + ".month", val);
  } else if (verb == "sort") {
    const bool same = w.ui_get(key) == val;
    w.ui_set(key, val);
    w.ui_set(key + ".desc", int64_t(same && !w.ui_int(key + ".desc") ? 1 : 0));
  } else if (verb == "accept") {
    set_field_value(w, key, val);
    w.ui_set("sel:" + key, std::to_string(val.size()) + " " + std::to_string(val.size()));
    w.ui_set("overlay", "");
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
    if (cmd == "back") return current(w).on_action(w, "back");
    if (cmd == "forward" || cmd == "reload") return {};  // no forward history yet; reload is a no-op
    return Error{Errc::invalid_argument, "unknown shell action '" + std::string(cmd) + "'"};
  }
  const App* a = find_app(ns);
  if (!a) return Error{Errc::invalid_argument, "unknown app '" + std::string(ns) + "'"};
  return a->on_action(w, cmd);
}

Status submit(state::World& w, std::string_view field) { return current(w).on_submit(w, field); }

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

std::string field_value(state::World& w, std::string_view key) {
  return w.ui_get("field:" + std::string(key));
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
  f.focused = w.ui_get("focus") == key;
  return f;
}

void live_scroll(state::World& w, dom::Tree& t, int node) {
  dom::Node& n = t.node(node);
  n.style.scroll_y = int(w.ui_int_unrecorded("scroll:" + n.key));
  t.mark_live(node, dom::Live::scroll);
}

void toast(state::World& w, std::string_view text, int64_t ms) {
  w.ui_set("toast", text);
  w.ui_set("toast_until", w.now_ms() + ms);
}

namespace {
struct Civil {
  int y, m, d, wday, hour, min;
};
// Days since 1970-01-01 -> proleptic Gregorian date (H. Hinnant's algorithm).
Civil civil(int64_t ms) {
  int64_t secs = ms / 1000, days = secs / 86400, rem = secs % 86400;
  if (rem < 0) rem += 86400, --days;
  int64_t z = days + 719468, era = (z >= 0 ? z : z - 146096) / 146097;
  int64_t doe = z - era * 146097, yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
  int d = int(doy - (153 * mp + 2) / 5 + 1), m = int(mp < 10 ? mp + 3 : mp - 9);
  int y = int(yoe + era * 400 + (m <= 2));
  int wday = int((days % 7 + 11) % 7);  // 1970-01-01 was a Thursday (4); 0 = Sunday
  return {y, m, d, wday, int(rem / 3600), int(rem % 3600 / 60)};
}
const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
std::string clock_text(const Civil& c) {
  char b[16];
  int h = c.hour % 12 == 0 ? 12 : c.hour % 12;
  std::snprintf(b, sizeof b, "%d:%02d %s", h, c.min, c.hour < 12 ? "AM" : "PM");
  return b;
}
}  // namespace

std::string format_time_short(int64_t ms, int64_t now_ms) {
  Civil c = civil(ms), n = civil(now_ms);
  char b[24];
  if (c.y == n.y && c.m == n.m && c.d == n.d) return clock_text(c);
  if (c.y == n.y) std::snprintf(b, sizeof b, "%s %d", kMonths[c.m - 1], c.d);
  else std::snprintf(b, sizeof b, "%d/%d/%02d", c.m, c.d, c.y % 100);
  return b;
}

std::string format_time_long(int64_t ms) {
  Civil c = civil(ms);
  char b[48];
  std::snprintf(b, sizeof b, "%s, %s %d, %d, %s", kDays[c.wday], kMonths[c.m - 1], c.d, c.y,
                clock_text(c).c_str());
  return b;
}

}  // namespace facsim::apps
