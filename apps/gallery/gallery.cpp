// Widget gallery: every dom widget, live (bound to the world's ui state, driven by raw input in
// tests and by the gallery.form task) and in every forced state (hover, pressed, focus,
// disabled, checked) so both themes can be looked at and kept as golden hashes.
//
// [SECTION] Schema and data
// [SECTION] View: states board, forms, collections, feedback, overlays
// [SECTION] Handlers
//
// UI keys: gallery.<widget> holds each live widget's value (see the widget vocabulary in
// dom.h); field:gallery.name / .password / .notes / .city are text fields; overlay names the
// open popup (gallery.size, gallery.date, gallery.city, gallery.dialog, gallery.menu).
#include "apps.h"

#include <algorithm>
#include <string>
#include <vector>

#include "dom.h"
#include "state.h"

namespace facsim::apps {
namespace {

using dom::Align;
using dom::Dir;
using dom::Role;
namespace wg = dom::widget;

// [SECTION] Schema and data ---------------------------------------------------------------------
const char* kSchema = R"sql(
CREATE TABLE gallery_submissions(
  id INTEGER PRIMARY KEY, name TEXT NOT NULL, size TEXT NOT NULL, plan TEXT NOT NULL,
  agree INTEGER NOT NULL, date TEXT NOT NULL, city TEXT NOT NULL, at_ms INTEGER NOT NULL);
)sql";

const std::vector<std::string_view> kSizes = {"Small", "Medium", "Large", "Extra large"};
const std::vector<std::string_view> kPlans = {"Free", "Team", "Enterprise"};
const std::vector<std::string_view> kFruit = {"Apples", "Bananas", "Cherries", "Dates",
                                              "Elderberries", "Figs"};
const std::vector<std::string_view> kCities = {
    "Amsterdam", "Athens",   "Atlanta", "Austin",   "Barcelona", "Berlin",  "Boston",
    "Brussels",  "Chicago",  "Denver",  "Dublin",   "Lisbon",    "London",  "Madrid",
    "Milan",     "Munich",   "Paris",   "Prague",   "Rome",      "Seattle", "Vienna"};
// The table lists the first kTablePeople coworkers of the shared world (apps/world): the
// same people, with the same names, as every other app.
constexpr int kTablePeople = 12;
struct Person {
  std::string name, title, team, tz;
};
constexpr int kPerPage = 4;

Status install(state::World& w, Rng&) { return w.exec(kSchema); }

// [SECTION] View --------------------------------------------------------------------------------
int card(dom::Tree& t, int parent, std::string_view title) {
  const dom::Theme& th = t.theme();
  int c = t.add(parent, {.dir = Dir::column, .w = dom::fill(), .pad = dom::edges(16, 20),
                         .gap = 10, .bg = th.surface, .border_color = th.divider, .border = 1,
                         .radius = 12});
  t.text(c, title, {.size = 16, .weight = 600, .color = th.text_strong});
  return c;
}
int row(dom::Tree& t, int parent, int gap = 12) {
  return t.add(parent, {.dir = Dir::row, .w = dom::fill(), .gap = gap, .align = Align::center});
}
void caption(dom::Tree& t, int parent, std::string_view s, int width = 72) {
  t.text(parent, s, {.size = 12, .color = t.theme().text_muted}, {.w = dom::fixed(width)});
}

// Forced states of one node: 0 normal, 1 hover, 2 pressed, 3 focus, 4 disabled.
void force(dom::Tree& t, int n, int state) {
  dom::Node& node = t.node(n);
  node.force_hover = state == 1;
  node.force_pressed = state == 2;
  node.force_focus = state == 3;
}

void states_board(dom::Tree& t, int parent) {
  int c = card(t, parent, "States");
  static const char* kStates[] = {"normal", "hover", "pressed", "focus", "disabled"};
  int head = row(t, c, 8);
  caption(t, head, "", 76);
  for (const char* s : kStates) caption(t, head, s, 96);
  static const std::pair<const char*, wg::ButtonKind> kKinds[] = {
      {"primary", wg::ButtonKind::primary}, {"secondary", wg::ButtonKind::secondary},
      {"text", wg::ButtonKind::text}, {"danger", wg::ButtonKind::danger}};
  for (auto [name, kind] : kKinds) {
    int r = row(t, c, 8);
    caption(t, r, name, 76);
    for (int s = 0; s < 5; ++s) {
      int cell = t.add(r, {.w = dom::fixed(96)});
      int b = wg::button(t, cell, {}, "Button", "", kind, s == 4);
      force(t, b, s);
    }
  }
  struct Choice {
    const char* name;
    int (*make)(dom::Tree&, int, std::string_view, std::string_view, bool, std::string, bool);
  };
  static const Choice kChoices[] = {{"checkbox", wg::checkbox}, {"radio", wg::radio},
                                    {"toggle", wg::toggle}};
  for (const Choice& ch : kChoices)
    for (int on = 0; on < 2; ++on) {
      int r = row(t, c, 8);
      caption(t, r, std::string(ch.name) + (on ? " on" : " off"), 76);
      for (int s = 0; s < 5; ++s) {
        int cell = t.add(r, {.w = dom::fixed(96)});
        int b = ch.make(t, cell, {}, ch.make == wg::toggle ? "On" : "Label", on, "", s == 4);
        force(t, b, s);
      }
    }
  int r = row(t, c, 8);
  caption(t, r, "field", 76);
  const wg::FieldState empty{"", 0, 0, false}, filled{"Text", 4, 4, false};
  const wg::FieldState caret{"Text", 4, 4, true}, sel{"Select me", 0, 6, true};
  wg::text_field(t, r, {}, empty, "Empty", wg::FieldKind::text, 96);
  wg::text_field(t, r, {}, filled, "", wg::FieldKind::text, 96);
  wg::text_field(t, r, {}, caret, "", wg::FieldKind::text, 96);
  wg::text_field(t, r, {}, sel, "", wg::FieldKind::text, 96);
  wg::text_field(t, r, {}, filled, "", wg::FieldKind::text, 96, 3, true);
  int r2 = row(t, c, 8);
  caption(t, r2, "other", 76);
  int l = wg::link(t, r2, {}, "A link", "");
  (void)l;
  wg::badge(t, r2, "3");
  wg::badge(t, r2, "New", t.theme().accent, t.theme().on_accent);
  wg::avatar(t, r2, "Ana Lopez", "", 32);
  wg::avatar(t, r2, "Ben", "avatar5", 32);
  int ib = wg::icon_button(t, r2, {}, "\xE2\x98\x86", "Star", "");
  force(t, ib, 1);
  wg::select(t, r2, {}, kSizes, 1, false, 140, true);
}

void forms(state::World& w, dom::Tree& t, int parent) {
  const dom::Theme& th = t.theme();
  const std::string overlay = w.ui_get(ui::kOverlay);
  int c = card(t, parent, "Form");
  // Name, password and notes show their value and nothing else depends on it: live fields.
  const FieldView name = field_view(w, "gallery/name", true);
  const FieldView pw = field_view(w, "gallery/password", true);
  const FieldView notes = field_view(w, "gallery/notes", true);
  const FieldView city = field_view(w, "gallery/city");  // its suggestions depend on it
  int r = row(t, c);
  caption(t, r, "Name");
  wg::text_field(t, r, "name", {name.value, name.anchor, name.caret, name.focused, name.live},
                 "Full name", wg::FieldKind::text, 240);
  caption(t, r, "Password");
  wg::text_field(t, r, "password", {pw.value, pw.anchor, pw.caret, pw.focused, pw.live},
                 "Password", wg::FieldKind::password, 180);
  r = row(t, c);
  caption(t, r, "Notes");
  wg::text_field(t, r, "notes", {notes.value, notes.anchor, notes.caret, notes.focused, notes.live},
                 "Anything else?", wg::FieldKind::multiline, 0, 3);
  r = row(t, c);
  caption(t, r, "Size");
  const int size = int(w.ui_int("gallery/size", -1));
  wg::select(t, r, "size", kSizes, size, overlay == "gallery/size", 150);
  caption(t, r, "Start");
  wg::date_picker(t, r, "date", w.ui_get("gallery/date"), w.ui_get("gallery/date.month"),
                  overlay == "gallery/date");
  r = row(t, c);
  caption(t, r, "City");
  std::vector<std::string_view> sugg;
  std::string lower;
  for (char ch : city.value) lower += char(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch);
  for (std::string_view s : kCities) {
    if (sugg.size() == 6 || lower.empty()) break;
    std::string ls;
    for (char ch : s) ls += char(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch);
    if (ls.rfind(lower, 0) == 0 && ls != lower) sugg.push_back(s);
  }
  wg::autocomplete(t, r, "city", {city.value, city.anchor, city.caret, city.focused},
                   "Start typing a city", sugg, int(w.ui_int("gallery/city.hl", -1)),
                   overlay == "gallery/city" && city.focused, 240);
  r = row(t, c, 4);
  caption(t, r, "Plan");
  int group = t.add(r, {.dir = Dir::row, .gap = 4}, "plan", Role::radiogroup);
  const std::string plan = w.ui_get("gallery/plan");
  for (size_t i = 0; i < kPlans.size(); ++i) {
    int rb = wg::radio(t, group, "plan." + std::to_string(i), kPlans[i],
                       plan == kPlans[i], "ui:set:gallery/plan=" + std::string(kPlans[i]));
    dom::NodeExtra& e = t.node(rb).extra_mut();
    e.prev_action = "ui:set:gallery/plan=" + std::string(kPlans[i ? i - 1 : 0]);
    e.next_action =
        "ui:set:gallery/plan=" + std::string(kPlans[std::min(i + 1, kPlans.size() - 1)]);
  }
  r = row(t, c);
  caption(t, r, "");
  wg::checkbox(t, r, "agree", "I agree to the terms", w.ui_int("gallery/agree") != 0,
               "ui:toggle:gallery/agree");
  wg::toggle(t, r, "notify", "Email me", w.ui_int("gallery/notify") != 0,
             "ui:toggle:gallery/notify");
  r = row(t, c);
  caption(t, r, "");
  wg::button(t, r, "submit", "Submit", "gallery:submit");
  wg::button(t, r, "reset", "Reset", "gallery:reset", wg::ButtonKind::secondary);
  const int64_t n = w.scalar("SELECT count(*) FROM gallery_submissions");
  t.text(r, n ? std::to_string(n) + " saved" : "", {.size = 12, .color = th.text_muted});
}

void collections(state::World& w, dom::Tree& t, int parent) {
  const dom::Theme& th = t.theme();
  int c = card(t, parent, "Collections");
  const int tab = int(w.ui_int("gallery/tab"));
  int panel = wg::tabs(t, c, "tab", {"Lists", "Table", "About"}, tab);
  if (tab == 0) {
    int r = t.add(panel, {.dir = Dir::row, .w = dom::fill(), .gap = 12});
    std::vector<bool> one(kFruit.size()), many(kFruit.size());
    if (int64_t f = w.ui_int("gallery/fruit", -1); f >= 0 && f < int64_t(kFruit.size()))
      one[size_t(f)] = true;
    for (std::string cur = w.ui_get("gallery/colors"); !cur.empty();) {
      size_t k = cur.find(',');
      long i = std::strtol(cur.substr(0, k).c_str(), nullptr, 10);
      if (i >= 0 && i < long(kFruit.size())) many[size_t(i)] = true;
      cur = k == std::string::npos ? "" : cur.substr(k + 1);
    }
    int a = t.add(r, {.dir = Dir::column, .w = dom::fill(), .gap = 4});
    caption(t, a, "Single selection", 200);
    int l1 = wg::list(t, a, "fruit", kFruit, one, false, 4 * th.row_h + 8);
    live_scroll(w, t, l1);
    int b = t.add(r, {.dir = Dir::column, .w = dom::fill(), .gap = 4});
    caption(t, b, "Multiple (ctrl, shift)", 200);
    int l2 = wg::list(t, b, "colors", kFruit, many, true, 4 * th.row_h + 8);
    live_scroll(w, t, l2);
  } else if (tab == 1) {
    const int sort = int(w.ui_int("gallery/table", -1));
    const bool desc = w.ui_int("gallery/table.desc") != 0;
    const auto all = w.derived<std::vector<Person>>("gallery.people", [&] {
      std::vector<Person> v;
      for (auto q = w.query("SELECT name, title, team, tz FROM people WHERE company_id = 1 "
                            "ORDER BY id LIMIT ?", int64_t(kTablePeople));
           q.step();)
        v.push_back({std::string(q.text(0)), std::string(q.text(1)), std::string(q.text(2)),
                     std::string(q.text(3))});
      return v;
    });
    std::vector<const Person*> people;
    for (const Person& p : *all) people.push_back(&p);
    auto field = [&](const Person* p) -> const std::string& {
      switch (sort) {
        case 0: return p->name;
        case 1: return p->title;
        case 2: return p->team;
        default: return p->tz;
      }
    };
    if (sort >= 0)
      std::stable_sort(people.begin(), people.end(), [&](const Person* a, const Person* b) {
        return desc ? field(b) < field(a) : field(a) < field(b);
      });
    const int pages = std::max(1, (int(people.size()) + kPerPage - 1) / kPerPage);
    const int page = std::clamp(int(w.ui_int("gallery/pages", 1)), 1, pages);
    std::vector<std::vector<std::string>> rows;
    for (int i = (page - 1) * kPerPage; i < std::min(int(people.size()), page * kPerPage); ++i) {
      const Person& p = *people[size_t(i)];
      std::string city = p.tz.substr(p.tz.find('/') + 1);  // "America/New_York" -> "New York"
      std::replace(city.begin(), city.end(), '_', ' ');
      rows.push_back({p.name, p.title, p.team, city});
    }
    wg::table(t, panel, "table", {"Name", "Title", "Team", "Time zone"}, rows, sort, desc,
              {0, 150, 100, 100});
    wg::pagination(t, panel, "pages", page, pages);
  } else {
    t.text(panel, "Every widget here is built by dom::widget and driven only by raw mouse and "
                  "keyboard events. Right-click the area below for a context menu.",
           {.size = 14, .color = th.text, .wrap = true}, {.w = dom::fill()});
  }
}

void feedback(state::World& w, dom::Tree& t, int parent) {
  const dom::Theme& th = t.theme();
  int c = card(t, parent, "Feedback");
  int r = row(t, c);
  wg::button(t, r, "open_dialog", "Open dialog", "ui:open:gallery/dialog",
             wg::ButtonKind::secondary);
  wg::button(t, r, "show_toast", "Show toast", "gallery:toast", wg::ButtonKind::secondary);
  int star = wg::icon_button(t, r, "star", "\xE2\x98\x85", "Favourite",
                             "ui:toggle:gallery/star",
                             w.ui_int("gallery/star") ? th.star : th.text_muted, 20);
  t.node(star).extra_mut().tooltip = "Add to favourites";
  t.node(star).checked = w.ui_int("gallery/star") != 0;
  wg::link(t, r, "link", "Learn more", "ui:toggle:gallery/more");
  int area = t.add(c, {.dir = Dir::row, .w = dom::fill(), .h = dom::fixed(56),
                       .justify = Align::center, .align = Align::center, .bg = th.surface_dim,
                       .border_color = th.divider, .border = 1, .radius = 8},
                   "menu_area", Role::generic);
  t.node(area).extra_mut().menu_action = "ui:menu:gallery/menu";
  const std::string last = w.ui_get("gallery.last_menu");
  t.text(area, last.empty() ? "Right-click here" : "Chose: " + last,
         {.size = 13, .color = th.text_muted});
}

void overlays(state::World& w, dom::Tree& t) {
  const std::string overlay = w.ui_get(ui::kOverlay);
  if (overlay == "gallery/dialog") {
    int body = wg::modal(t, "dialog", "Delete draft?");
    t.text(body, "The draft will be deleted permanently. This cannot be undone.",
           {.size = 14, .color = t.theme().text, .wrap = true}, {.w = dom::fill()});
    int r = t.add(body, {.dir = Dir::row, .w = dom::fill(), .gap = 8, .justify = Align::end});
    wg::button(t, r, "dialog.cancel", "Cancel", "ui:close", wg::ButtonKind::text);
    wg::button(t, r, "dialog.ok", "Delete", "gallery:confirm", wg::ButtonKind::danger);
  }
  if (overlay == "gallery/menu") {
    wg::menu(t, "menu",
             {{"Copy", "gallery:menu:Copy"}, {"Paste", "gallery:menu:Paste"},
              {"", ""}, {"Rename", "gallery:menu:Rename"}, {"Delete", "", true}},
             -1, int(w.ui_int(ui::kMenuX)), int(w.ui_int(ui::kMenuY)));
  }
}

void view(state::World& w, dom::Tree& t, int root) {
  const dom::Theme& th = t.theme();
  int page = t.add(root, {.dir = Dir::column, .w = dom::fill(), .h = dom::fill(),
                          .pad = dom::edges(16, 24), .gap = 12, .clip = true},
                   "page", Role::main);
  live_scroll(w, t, page);
  int head = row(t, page);
  int h = t.text(head, "Widget gallery", {.size = 22, .weight = 500, .color = th.text_strong});
  t.node(h).role = Role::heading;
  wg::badge(t, head, th.name, th.accent_soft, th.text_strong);
  int cols = t.add(page, {.dir = Dir::row, .w = dom::fill(), .gap = 16});
  int left = t.add(cols, {.dir = Dir::column, .w = dom::fill(), .gap = 16});
  int right = t.add(cols, {.dir = Dir::column, .w = dom::fixed(560), .gap = 16});
  forms(w, t, left);
  states_board(t, left);
  collections(w, t, right);
  feedback(w, t, right);
  overlays(w, t);
}

std::string route(state::World& w) {
  std::string o = w.ui_get(ui::kOverlay);  // a full key: "gallery/date" -> "#widgets/date"
  if (o.rfind("gallery/", 0) == 0) o.erase(0, 8);
  return "#widgets" + (o.empty() ? std::string() : "/" + o);
}

// [SECTION] Handlers ----------------------------------------------------------------------------
Status on_action(state::World& w, Command c) {
  const std::string_view a = c.cmd;
  if (a == "submit") {
    const int64_t size = w.ui_int("gallery/size", -1);
    w.query("INSERT INTO gallery_submissions(name, size, plan, agree, date, city, at_ms) "
            "VALUES(?, ?, ?, ?, ?, ?, ?)",
            field_value(w, "gallery/name"),
            size >= 0 && size < int64_t(kSizes.size()) ? std::string(kSizes[size_t(size)]) : "",
            w.ui_get("gallery/plan"), w.ui_int("gallery/agree"), w.ui_get("gallery/date"),
            field_value(w, "gallery/city"), w.now_ms())
        .run();
    toast(w, "Saved");
    return {};
  }
  if (a == "reset") {
    w.exec("DELETE FROM ui WHERE key LIKE 'gallery/%' OR key LIKE 'gallery.%' OR "
           "key LIKE 'field:gallery/%' OR key LIKE 'sel:gallery/%'");
    return {};
  }
  if (a == "toast") {
    toast(w, "Message archived");
    return {};
  }
  if (a == "confirm") {
    w.ui_set(ui::kOverlay, "");
    toast(w, "Draft deleted");
    return {};
  }
  if (a.rfind("menu:", 0) == 0) {
    w.ui_set("gallery.last_menu", a.substr(5));
    w.ui_set(ui::kOverlay, "");
    return {};
  }
  return Error{Errc::invalid_argument, "unknown gallery action '" + std::string(a) + "'"};
}

Status on_submit(state::World& w, Submit s) {
  if (s.field == "gallery/name" || s.field == "gallery/password") return on_action(w, {"submit"});
  return {};
}

// Back closes the open popup or dialog, as a browser's Back closes an in-page overlay route.
Status on_back(state::World& w) {
  w.ui_set(ui::kOverlay, "");
  return {};
}

}  // namespace

const App& gallery_app() {
  static const App app{.name = "gallery",
                       .title = "Widget gallery",
                       .host = "gallery.facsim.test",
                       .install = install,
                       .view = view,
                       .on_action = on_action,
                       .on_submit = on_submit,
                       .on_back = on_back,
                       .route = route};
  return app;
}

}  // namespace facsim::apps
