// The browser-like shell: address bar chrome, app registry, action routing, shared helpers.
#include <cstdio>

#include "apps.h"
#include "dom.h"
#include "mail/mail.h"
#include "state.h"
#include "theme.h"

namespace facsim::apps {

const std::vector<const App*>& all_apps() {
  static const std::vector<const App*> apps = {&mail_app()};
  return apps;
}

const App* find_app(std::string_view name) {
  for (const App* a : all_apps())
    if (a->name == name) return a;
  return nullptr;
}

Status install_all(state::World& w) {
  for (const App* a : all_apps())
    if (Status s = a->install(w); !s) return s;
  w.ui_set("app", all_apps().front()->name);
  return {};
}

static const App& current(state::World& w) {
  const App* a = find_app(w.ui_get("app", "mail"));
  return a ? *a : *all_apps().front();
}

void build_view(state::World& w, dom::Tree& t, int width, int height) {
  (void)width;
  (void)height;
  const App& app = current(w);
  int root = t.root({.dir = dom::Dir::column, .bg = theme::kPage});
  // Browser chrome: back / forward / reload and the address bar.
  int bar = t.add(root, {.dir = dom::Dir::row, .w = dom::fill(), .h = dom::fixed(44),
                         .pad = dom::edges(6, 8), .gap = 4, .align = dom::Align::center,
                         .bg = theme::kChrome}, "shell.bar", dom::Role::banner);
  auto chrome_button = [&](std::string_view key, std::string_view glyph, std::string_view name,
                           std::string_view action) {
    int b = t.add(bar, {.w = dom::fixed(32), .h = dom::fixed(32), .justify = dom::Align::center,
                        .align = dom::Align::center, .hover_bg = theme::kChromeHover,
                        .radius = 16}, key, dom::Role::button);
    t.node(b).name = name;
    t.node(b).action = action;
    t.text(b, glyph, {.size = 18, .weight = 400, .color = theme::kChromeIcon});
  };
  chrome_button("shell.back", "\xE2\x86\x90", "Back", "shell:back");
  chrome_button("shell.forward", "\xE2\x86\x92", "Forward", "shell:forward");
  chrome_button("shell.reload", "\xE2\x86\xBB", "Reload", "shell:reload");
  int url = t.add(bar, {.dir = dom::Dir::row, .w = dom::fill(), .h = dom::fixed(32),
                        .pad = dom::edges(0, 14), .align = dom::Align::center,
                        .bg = theme::kSurface, .radius = 16}, "shell.url", dom::Role::textbox);
  std::string addr = std::string(app.host) + "/" + app.route(w);
  t.node(url).name = "Address and search bar";
  t.node(url).value = "https://" + addr;
  t.text(url, addr, {.size = 14, .color = theme::kTextStrong});
  app.view(w, t, root);
}

Status dispatch(state::World& w, std::string_view action) {
  size_t colon = action.find(':');
  if (colon == std::string_view::npos)
    return Error{Errc::invalid_argument, "malformed action '" + std::string(action) + "'"};
  std::string_view ns = action.substr(0, colon), cmd = action.substr(colon + 1);
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
