// Widgets driven only by raw mouse and keyboard actions through sim::Env (the gallery app), with
// assertions on the world's ui state and the accessibility tree, as an agent would see them.
#include <gtest/gtest.h>

#include <fstream>
#include <map>

#include "apps.h"
#include "dom.h"
#include "golden.h"
#include "renderer.h"
#include "sim.h"
#include "state.h"

using namespace facsim;
using sim::Action;

namespace {

render::Renderer& cpu() {
  static auto r = render::create_renderer({.backend = render::Backend::cpu});
  return **r;
}

struct Gallery {
  sim::Env env;
  explicit Gallery(sim::EnvConfig cfg = {}) : env(cfg) {
    EXPECT_TRUE(env.reset("gallery.form", 1));
  }
  void act(const Action& a) {
    env.apply(a);
    EXPECT_EQ(env.obs().error, "") << sim::to_json(a);
  }
  std::pair<int, int> at(std::string_view key) {
    int x = -1, y = -1;
    EXPECT_TRUE(env.element_center(key, x, y)) << key;
    return {x, y};
  }
  void click(std::string_view key, int mods = 0) {
    auto [x, y] = at(key);
    act(Action::click(x, y, mods));
  }
  void key(std::string k) { act(Action::key(std::move(k))); }
  void type(std::string t) { act(Action::type(std::move(t))); }
  std::optional<dom::A11yNode> node(std::string_view key) {
    for (const dom::A11yNode& n : env.a11y())
      if (n.id == key) return n;
    return std::nullopt;
  }
  std::string ui(std::string_view k) { return env.world().ui_get(k); }
  std::string value(std::string_view key) {
    auto n = node(key);
    return n ? n->value : "<missing>";
  }
  uint64_t frame() {
    EXPECT_TRUE(env.render_now(cpu()));
    return env.obs().hash;
  }
};

}  // namespace

TEST(Widgets, TypingSelectionWordJumpsClipboardUndoRedo) {
  Gallery g;
  g.click("gallery/name");
  ASSERT_TRUE(g.node("gallery/name")->focused);
  g.type("hello world");
  EXPECT_EQ(g.value("gallery/name"), "hello world");
  for (int i = 0; i < 5; ++i) g.key("Shift+ArrowLeft");
  EXPECT_EQ(g.ui("sel:gallery/name"), "11 6");
  g.key("Control+c");
  EXPECT_EQ(g.ui("shell.clipboard"), "world");
  g.key("End");
  g.type(" ");
  g.key("Control+v");
  EXPECT_EQ(g.value("gallery/name"), "hello world world");
  g.key("Control+ArrowLeft");
  EXPECT_EQ(g.ui("sel:gallery/name"), "12 12");
  g.key("Control+Backspace");  // deletes "world " before the caret
  EXPECT_EQ(g.value("gallery/name"), "hello world");
  g.key("Home");
  g.key("Delete");
  EXPECT_EQ(g.value("gallery/name"), "ello world");
  g.key("Control+z");
  EXPECT_EQ(g.value("gallery/name"), "hello world");
  g.key("Control+z");
  EXPECT_EQ(g.value("gallery/name"), "hello world world");
  g.key("Control+y");
  EXPECT_EQ(g.value("gallery/name"), "hello world");
  g.key("Control+a");
  g.key("Control+x");
  EXPECT_EQ(g.value("gallery/name"), "");
  EXPECT_EQ(g.ui("shell.clipboard"), "hello world");
  g.type("caf\xC3\xA9");
  g.key("Backspace");  // a whole code point
  EXPECT_EQ(g.value("gallery/name"), "caf");
  // Typing over a selection replaces it.
  g.key("Shift+Home");
  g.type("tea");
  EXPECT_EQ(g.value("gallery/name"), "tea");
}

TEST(Widgets, MouseSelectionDoubleTripleClickDragAndShiftClick) {
  Gallery g;
  g.click("gallery/name");
  g.type("alpha beta gamma");
  const dom::Box b = g.node("gallery/name")->box;
  const int y = b.y + b.h / 2;
  // Double click inside "beta" (second word) selects it; a third click selects the line.
  const int bx = b.x + 12 + dom::text_width(dom::face_for({.size = 14}), "alpha be");
  g.act(Action::click(bx, y));
  g.act(Action::click(bx, y));
  EXPECT_EQ(g.ui("sel:gallery/name"), "6 10");
  g.act(Action::click(bx, y));
  EXPECT_EQ(g.ui("sel:gallery/name"), "0 16");
  // A click much later is a single click again: the caret lands between characters.
  g.act(Action::wait(1000));
  g.act(Action::click(b.x + 12, y));
  EXPECT_EQ(g.ui("sel:gallery/name"), "0 0");
  // Drag from the start to the middle selects what the pointer crossed (after the double-click
  // window: a press there now would be a double click).
  g.act(Action::wait(1000));
  g.act(Action::down(b.x + 12, y));
  g.act(Action::move(bx, y));
  g.act(Action::up(bx, y));
  EXPECT_EQ(g.ui("sel:gallery/name"), "0 8");
  g.act(Action::wait(1000));
  g.act(Action::click(b.x + 12, y));
  g.act(Action::click(bx, y, sim::kShift));  // shift+click extends
  EXPECT_EQ(g.ui("sel:gallery/name"), "0 8");
  // A drag after a double click grows by whole words from the word first selected: into
  // "gamma" (after it), into "alpha" (before it: the caret at the word's start), and back.
  const int face = dom::face_for({.size = 14});
  const int gx = b.x + 12 + dom::text_width(face, "alpha beta ga");
  const int ax = b.x + 12 + dom::text_width(face, "al");
  g.act(Action::wait(1000));
  g.act(Action::click(bx, y));
  g.act(Action::down(bx, y));
  EXPECT_EQ(g.ui("sel:gallery/name"), "6 10");
  g.act(Action::move(gx, y));
  EXPECT_EQ(g.ui("sel:gallery/name"), "6 16");
  g.act(Action::move(ax, y));
  EXPECT_EQ(g.ui("sel:gallery/name"), "10 0");
  g.act(Action::move(bx + 2, y));
  EXPECT_EQ(g.ui("sel:gallery/name"), "6 10");
  g.act(Action::up(bx + 2, y));
  g.act(Action::move(gx, y));  // the button is up: nothing follows the pointer
  EXPECT_EQ(g.ui("sel:gallery/name"), "6 10");
  // The highlight is in the pixels.
  const uint64_t selected = g.frame();
  g.key("End");
  EXPECT_NE(g.frame(), selected);
}

TEST(Widgets, PasswordFieldsMaskAndRefuseCopy) {
  Gallery g;
  g.click("gallery/password");
  g.type("s3cret");
  EXPECT_EQ(g.value("gallery/password"), "\xE2\x80\xA2\xE2\x80\xA2\xE2\x80\xA2\xE2\x80\xA2"
                                         "\xE2\x80\xA2\xE2\x80\xA2");
  EXPECT_EQ(g.env.a11y_text().find("s3cret"), std::string::npos);
  EXPECT_EQ(g.env.world().ui_get("field:gallery/password"), "s3cret");
  g.key("Control+a");
  g.key("Control+c");
  EXPECT_EQ(g.ui("shell.clipboard"), "");
  // Clicking between the dots places the caret by code point.
  const dom::Box b = g.node("gallery/password")->box;
  const int dot = dom::text_width(dom::face_for({.size = 14}), "\xE2\x80\xA2\xE2\x80\xA2");
  g.act(Action::wait(1000));
  g.act(Action::click(b.x + 12 + dot, b.y + b.h / 2));
  EXPECT_EQ(g.ui("sel:gallery/password"), "2 2");
}

TEST(Widgets, MultiLineFieldsTakeEnterAndMoveByLine) {
  Gallery g;
  g.click("gallery/notes");
  g.type("first line");
  g.key("Enter");
  g.type("second");
  EXPECT_EQ(g.env.world().ui_get("field:gallery/notes"), "first line\nsecond");
  g.key("ArrowUp");
  EXPECT_EQ(g.ui("sel:gallery/notes"), "6 6");
  g.key("Shift+ArrowDown");
  EXPECT_EQ(g.ui("sel:gallery/notes"), "6 17");
  // A drag after a triple click grows by whole lines (20 px each, below 8 px of padding).
  g.key("End");
  g.key("Enter");
  g.type("third");  // "first line\nsecond\nthird"
  const dom::Box b = g.node("gallery/notes")->box;
  const int x = b.x + 30, line1 = b.y + 18, line3 = b.y + 58;
  g.act(Action::wait(1000));
  g.act(Action::click(x, line1));
  g.act(Action::click(x, line1));
  g.act(Action::down(x, line1));
  EXPECT_EQ(g.ui("sel:gallery/notes"), "0 10");
  g.act(Action::move(x, line3));
  EXPECT_EQ(g.ui("sel:gallery/notes"), "0 23");
  g.act(Action::up(x, line3));
  g.act(Action::wait(1000));
  g.act(Action::click(x, line3));
  g.act(Action::click(x, line3));
  g.act(Action::down(x, line3));
  // Upwards, onto "line": the third line stays, the caret at the first line's start.
  const int lx = b.x + 12 + dom::text_width(dom::face_for({.size = 14}), "first li");
  g.act(Action::move(lx, line1));
  EXPECT_EQ(g.ui("sel:gallery/notes"), "23 0");
  g.act(Action::up(lx, line1));
  EXPECT_EQ(g.env.world().scalar("SELECT count(*) FROM gallery_submissions"), 0);
}

TEST(Widgets, TabOrderEnterSpaceAndTheFocusRing) {
  Gallery g;
  g.click("gallery/name");
  EXPECT_EQ(g.ui("shell.focus_visible"), "0");
  g.type("Ana");
  g.key("Tab");
  EXPECT_TRUE(g.node("gallery/password")->focused);
  EXPECT_EQ(g.ui("shell.focus_visible"), "1");
  g.key("Shift+Tab");
  EXPECT_TRUE(g.node("gallery/name")->focused);
  EXPECT_EQ(g.ui("sel:gallery/name"), "0 3");  // tabbing in selects the text
  // Tab through to the checkbox, then Space and Enter activate it.
  for (int i = 0; i < 30 && !g.node("gallery/agree")->focused; ++i) g.key("Tab");
  ASSERT_TRUE(g.node("gallery/agree")->focused);
  const uint64_t ring = g.frame();
  g.key("Space");
  EXPECT_TRUE(g.node("gallery/agree")->checked);
  g.key("Enter");
  EXPECT_FALSE(g.node("gallery/agree")->checked);
  // The ring is drawn for keyboard focus only: the same focus from a click has no ring.
  g.click("gallery/agree");
  g.click("gallery/agree");
  EXPECT_EQ(g.ui("shell.focus"), "gallery/agree");
  EXPECT_NE(g.frame(), ring);
  // Radios: arrows move the choice.
  g.click("gallery/plan.0");
  EXPECT_TRUE(g.node("gallery/plan.0")->checked);
  g.key("ArrowRight");
  EXPECT_EQ(g.ui("gallery/plan"), "Team");
  // Escape blurs.
  g.key("Escape");
  EXPECT_EQ(g.ui("shell.focus"), "");
}

TEST(Widgets, SelectOpensChoosesByMouseAndKeyboardAndClosesOnEscapeOrOutside) {
  Gallery g;
  g.click("gallery/size");
  EXPECT_TRUE(g.node("gallery/size")->expanded);
  ASSERT_TRUE(g.node("gallery/size.opt2"));
  g.click("gallery/size.opt2");
  EXPECT_EQ(g.value("gallery/size"), "Large");
  EXPECT_FALSE(g.node("gallery/size.opt2"));
  g.key("ArrowDown");  // still focused: arrows change the value
  EXPECT_EQ(g.value("gallery/size"), "Extra large");
  g.key("Enter");
  EXPECT_TRUE(g.node("gallery/size")->expanded);
  g.key("Escape");
  EXPECT_FALSE(g.node("gallery/size")->expanded);
  g.click("gallery/size");
  g.click("gallery/name");  // a press outside closes it
  EXPECT_FALSE(g.node("gallery/size")->expanded);
  g.click("gallery/size");
  g.click("gallery/size");  // its own button toggles it
  EXPECT_FALSE(g.node("gallery/size")->expanded);
}

TEST(Widgets, DatePickerPagesMonthsAndPicksADay) {
  Gallery g;
  g.click("gallery/date");
  ASSERT_TRUE(g.node("gallery/date.2026-03-14"));
  g.click("gallery/date.next");
  EXPECT_FALSE(g.node("gallery/date.2026-03-14"));
  g.click("gallery/date.2026-04-09");
  EXPECT_EQ(g.value("gallery/date"), "2026-04-09");
  EXPECT_EQ(g.node("gallery/date")->name.find("Apr 9, 2026") != std::string::npos, true);
  EXPECT_FALSE(g.node("gallery/date.next"));
}

TEST(Widgets, AutocompleteFiltersHighlightsAndAccepts) {
  Gallery g;
  g.click("gallery/city");
  g.type("Ba");
  ASSERT_TRUE(g.node("gallery/city.opt0"));
  EXPECT_EQ(g.node("gallery/city.opt0")->name, "Barcelona");
  EXPECT_FALSE(g.node("gallery/city.opt1"));
  g.key("Backspace");
  ASSERT_TRUE(g.node("gallery/city.opt3"));  // "B": Barcelona, Berlin, Boston, Brussels
  g.key("ArrowDown");
  g.key("ArrowDown");
  g.key("Enter");
  EXPECT_EQ(g.value("gallery/city"), "Berlin");
  EXPECT_FALSE(g.node("gallery/city.opt0"));
  g.type("x");
  g.key("Escape");
  EXPECT_FALSE(g.node("gallery/city.opt0"));
}

TEST(Widgets, ListsSelectSingleAndMultipleWithModifiers) {
  Gallery g;
  g.click("gallery/fruit.i1");
  EXPECT_TRUE(g.node("gallery/fruit.i1")->selected);
  g.key("ArrowDown");
  EXPECT_TRUE(g.node("gallery/fruit.i2")->selected);
  EXPECT_FALSE(g.node("gallery/fruit.i1")->selected);
  g.click("gallery/colors.i0");
  g.click("gallery/colors.i2", sim::kCtrl);
  EXPECT_EQ(g.ui("gallery/colors"), "0,2");
  g.click("gallery/colors.i3", sim::kShift);
  EXPECT_EQ(g.ui("gallery/colors"), "2,3");
  g.click("gallery/colors.i2", sim::kCtrl);
  EXPECT_EQ(g.ui("gallery/colors"), "3");
}

TEST(Widgets, WheelScrollsNestedContainersAndChainsAtTheEnd) {
  Gallery g;
  auto [lx, ly] = g.at("gallery/fruit.i0");
  g.act(Action::scroll(lx, ly, 30));
  EXPECT_EQ(g.ui("scroll:gallery/fruit"), "30");
  EXPECT_EQ(g.ui("scroll:gallery/page"), "");
  g.act(Action::scroll(lx, ly, 1000));  // to the list's end...
  const std::string end = g.ui("scroll:gallery/fruit");
  EXPECT_GT(std::stoi(end), 30);
  g.act(Action::scroll(lx, ly, 100));  // ...then the page scrolls
  EXPECT_EQ(g.ui("scroll:gallery/fruit"), end);
  EXPECT_EQ(g.ui("scroll:gallery/page"), "100");
  // Dragging the page's scrollbar thumb (at its top once scrolled back) scrolls the page.
  const dom::Box page = g.node("gallery/page")->box;
  g.act(Action::scroll(page.x + 20, page.y + 20, -10000));
  EXPECT_EQ(g.ui("scroll:gallery/page"), "0");
  const int tx = page.x + page.w - 6;
  g.act(Action::down(tx, page.y + 10));
  EXPECT_EQ(g.ui("shell.press"), "scroll:gallery/page");
  g.act(Action::move(tx, page.y + 60));
  g.act(Action::up(tx, page.y + 60));
  EXPECT_GT(std::stoi(g.ui("scroll:gallery/page")), 50);
}

TEST(Widgets, TabsTableSortingAndPagination) {
  Gallery g;
  g.click("gallery/tab.t1");
  EXPECT_TRUE(g.node("gallery/tab.t1")->selected);
  ASSERT_TRUE(g.node("gallery/table"));
  auto first_row = [&] {
    for (const dom::A11yNode& n : g.env.a11y())
      if (n.role == dom::Role::row && n.id != "gallery/table/row0") return n.name;
    return std::string();
  };
  // The shared world's people: the user first, then coworkers by id.
  auto& w = g.env.world();
  auto text = [&](const char* sql) {
    auto q = w.query(sql);
    return q.step() ? std::string(q.text(0)) : std::string();
  };
  EXPECT_EQ(first_row().rfind(text("SELECT name FROM people WHERE id = 1"), 0), 0u);
  g.click("gallery/table.h2");  // Team, ascending
  EXPECT_EQ(g.node("gallery/table.h2")->value, "ascending");
  const std::string first_team = text("SELECT min(team) FROM (SELECT team FROM people WHERE "
                                       "company_id = 1 ORDER BY id LIMIT 12)");
  const std::string last_team = text("SELECT max(team) FROM (SELECT team FROM people WHERE "
                                     "company_id = 1 ORDER BY id LIMIT 12)");
  ASSERT_NE(first_team, last_team);
  EXPECT_NE(first_row().find(first_team), std::string::npos) << first_row();
  g.click("gallery/table.h2");
  EXPECT_EQ(g.node("gallery/table.h2")->value, "descending");
  EXPECT_NE(first_row().find(last_team), std::string::npos) << first_row();
  EXPECT_TRUE(g.node("gallery/pages.prev")->disabled);
  g.click("gallery/pages.p3");
  EXPECT_TRUE(g.node("gallery/pages.p3")->selected);
  EXPECT_TRUE(g.node("gallery/pages.next")->disabled);
  g.click("gallery/pages.prev");
  EXPECT_TRUE(g.node("gallery/pages.p2")->selected);
  // Keyboard: the selected tab takes focus; arrows move between tabs.
  g.click("gallery/tab.t1");
  g.key("ArrowRight");
  EXPECT_TRUE(g.node("gallery/tab.t2")->selected);
}

TEST(Widgets, ModalTrapsFocusClosesOnEscapeAndBackdropAndToastsExpire) {
  Gallery g;
  g.click("gallery/open_dialog");
  ASSERT_TRUE(g.node("gallery/dialog"));
  for (int i = 0; i < 6; ++i) {
    g.key("Tab");
    EXPECT_EQ(g.ui("shell.focus").rfind("gallery/dialog.", 0), 0u) << g.ui("shell.focus");
  }
  g.key("Escape");
  EXPECT_FALSE(g.node("gallery/dialog"));
  g.click("gallery/open_dialog");
  g.act(Action::click(5, 790));  // the backdrop
  EXPECT_FALSE(g.node("gallery/dialog"));
  g.click("gallery/open_dialog");
  auto [dx, dy] = g.at("gallery/dialog");
  g.act(Action::click(dx, dy));  // inside the dialog: nothing
  EXPECT_TRUE(g.node("gallery/dialog"));
  g.click("gallery/dialog.ok");
  EXPECT_FALSE(g.node("gallery/dialog"));
  ASSERT_TRUE(g.node("toast"));
  EXPECT_EQ(g.node("toast")->name, "Draft deleted");
  g.act(Action::wait(3000));
  EXPECT_TRUE(g.node("toast"));
  g.act(Action::wait(1000));  // virtual time: gone after 4 s
  EXPECT_FALSE(g.node("toast"));
}

TEST(Widgets, ContextMenuAtThePointerTooltipAfterRest) {
  Gallery g;
  auto [x, y] = g.at("gallery/menu_area");
  g.act(Action::right_click(x, y));
  ASSERT_TRUE(g.node("gallery/menu"));
  EXPECT_EQ(g.node("gallery/menu")->box.x, x);
  EXPECT_EQ(g.node("gallery/menu")->box.y, y);
  g.click("gallery/menu.4");  // disabled: nothing
  EXPECT_TRUE(g.node("gallery/menu"));
  g.click("gallery/menu.3");
  EXPECT_EQ(g.ui("gallery.last_menu"), "Rename");
  EXPECT_FALSE(g.node("gallery/menu"));
  // Keyboard: arrows walk the enabled items (the separator and the disabled Delete are
  // skipped, the ends wrap), Home/End jump, Enter activates, Escape closes.
  g.act(Action::right_click(x, y));
  ASSERT_TRUE(g.node("gallery/menu"));
  ASSERT_TRUE(g.node("gallery/menu.3"));
  const std::pair<const char*, const char*> walk[] = {
      {"ArrowDown", "gallery/menu.0"}, {"ArrowDown", "gallery/menu.1"},
      {"ArrowDown", "gallery/menu.3"}, {"ArrowDown", "gallery/menu.0"},
      {"ArrowUp", "gallery/menu.3"},   {"Home", "gallery/menu.0"},
      {"End", "gallery/menu.3"}};
  for (const auto& [key, focus] : walk) {
    g.key(key);
    EXPECT_EQ(g.ui("shell.focus"), focus) << key;
    EXPECT_TRUE(g.node(focus)->focused) << key;
  }
  g.key("ArrowUp");
  g.key("Enter");
  EXPECT_EQ(g.ui("gallery.last_menu"), "Paste");
  EXPECT_FALSE(g.node("gallery/menu"));
  g.act(Action::right_click(x, y));
  g.key("ArrowUp");
  EXPECT_EQ(g.ui("shell.focus"), "gallery/menu.3");
  g.key("Escape");
  EXPECT_FALSE(g.node("gallery/menu"));
  auto [sx, sy] = g.at("gallery/star");
  g.act(Action::move(sx, sy));
  EXPECT_FALSE(g.node("tooltip"));
  g.act(Action::wait(500));
  ASSERT_TRUE(g.node("tooltip"));
  EXPECT_EQ(g.node("tooltip")->name, "Add to favourites");
  g.act(Action::move(10, 300));
  EXPECT_FALSE(g.node("tooltip"));
}

TEST(Widgets, PressTargetRuleAndPressedPixels) {
  Gallery g;
  auto [bx, by] = g.at("gallery/submit");
  auto [nx, ny] = g.at("gallery/name");
  const uint64_t idle = g.frame();
  g.act(Action::down(bx, by));
  EXPECT_NE(g.frame(), idle);  // pressed look
  g.act(Action::move(nx, ny));
  g.act(Action::up(nx, ny));  // released elsewhere: no click
  EXPECT_EQ(g.env.world().scalar("SELECT count(*) FROM gallery_submissions"), 0);
  g.act(Action::down(bx, by));
  g.act(Action::up(bx, by));
  EXPECT_EQ(g.env.world().scalar("SELECT count(*) FROM gallery_submissions"), 1);
  EXPECT_EQ(g.env.obs().cursor, "pointer");
  g.act(Action::move(nx, ny));
  EXPECT_EQ(g.env.obs().cursor, "text");
}

TEST(Widgets, ForksCarryWidgetStateAndBadInputLeavesItIntact) {
  Gallery g;
  g.click("gallery/name");
  g.type("fork me");
  g.key("Shift+ArrowLeft");
  g.click("gallery/size");
  g.frame();
  auto child = g.env.fork();
  ASSERT_TRUE(child.ok());
  ASSERT_TRUE((*child)->render_now(cpu()));
  EXPECT_EQ((*child)->a11y_text(), g.env.a11y_text());
  EXPECT_EQ((*child)->obs().hash, g.frame());
  // Unknown keys, modifiers and buttons are errors; the world is untouched.
  const uint64_t before = g.env.world().content_hash();
  for (const Action& a : {Action::key("Hyper+a"), Action::key("NoSuchKey"),
                          Action{sim::ActionKind::click, 10, 10, 0, {}, 0, 7}}) {
    g.env.apply(a);
    EXPECT_NE(g.env.obs().error, "") << sim::to_json(a);
  }
  // (The failed steps still advanced the step counter, not the world.)
  EXPECT_EQ(g.env.world().content_hash(), before);
}

TEST(Widgets, AppearancesAndSetOfMarks) {
  Gallery light, dark({.appearance = sim::Appearance::dark});
  EXPECT_NE(light.frame(), dark.frame());
  // Same structure and ids whatever the theme.
  std::vector<std::string> a, b;
  for (const auto& n : light.env.a11y()) a.push_back(n.id);
  for (const auto& n : dark.env.a11y()) b.push_back(n.id);
  EXPECT_EQ(a, b);
  // Seeded: both themes and several densities occur across seeds.
  std::map<std::string, int> seen;
  for (uint64_t seed = 1; seed <= 12; ++seed) {
    sim::Env e({.appearance = sim::Appearance::seeded});
    ASSERT_TRUE(e.reset("mail.open_email", seed));
    seen[e.world().ui_get(apps::ui::kTheme) + "/" + e.world().ui_get(apps::ui::kDensity)]++;
  }
  EXPECT_GE(seen.size(), 4u);
  // The seeded appearance still runs the oracle to success.
  sim::EnvConfig cfg{.appearance = sim::Appearance::seeded};
  for (uint64_t seed : {3, 4}) {
    auto ep = sim::run_episode("gallery.form", seed, sim::Policy::oracle, cpu(), cfg);
    ASSERT_TRUE(ep.ok());
    EXPECT_TRUE(ep->success) << seed;
  }
  Gallery marks({.set_of_marks = true});
  EXPECT_NE(marks.frame(), light.frame());
  const std::string text = marks.env.a11y_text();
  EXPECT_NE(text.find("[1] button \"Back\""), std::string::npos) << text.substr(0, 300);
  EXPECT_EQ(light.env.a11y_text().find("[1]"), std::string::npos);
}

// Golden hashes of the gallery: both themes, a popup open, the modal. Look at them with
// `facsim render --view gallery [--appearance dark] [--action ...]`.
TEST(Widgets, GalleryGoldenHashes) {
  std::map<std::string, std::string> got;
  for (auto [name, app] : {std::pair{"light", sim::Appearance::light}, {"dark", sim::Appearance::dark}}) {
    Gallery g({.appearance = app});
    got[std::string(name) + "/idle"] = render::hash_hex(g.frame());
    g.click("gallery/date");
    got[std::string(name) + "/calendar"] = render::hash_hex(g.frame());
    g.key("Escape");
    g.click("gallery/open_dialog");
    got[std::string(name) + "/dialog"] = render::hash_hex(g.frame());
    g.key("Escape");
    g.act(Action::scroll(600, 600, 400));
    got[std::string(name) + "/states"] = render::hash_hex(g.frame());
  }
  check_golden("gallery.txt", got);
}

// A single-line field longer than its box scrolls horizontally to keep the caret in view (like
// an <input>): clicks map through the scroll, Home scrolls back.
TEST(Widgets, LongSingleLineFieldsScrollToTheCaret) {
  Gallery g;
  g.click("gallery/name");
  const std::string text = "Grace Brewster Murray Hopper, rear admiral and compiler pioneer";
  g.type(text);
  const dom::A11yNode field = *g.node("gallery/name");
  const int right = field.box.x + field.box.w - 16, y = field.box.y + field.box.h / 2;
  const std::string end = std::to_string(text.size());
  g.act(Action::click(right, y));
  EXPECT_EQ(g.ui("sel:gallery/name"), end + " " + end);  // the end is what shows at the right
  const uint64_t scrolled = g.frame();
  g.key("Home");
  EXPECT_NE(g.frame(), scrolled);
  g.act(Action::click(right, y));
  const int at = std::stoi(g.ui("sel:gallery/name"));
  EXPECT_GT(at, 10);
  EXPECT_LT(at, int(text.size()) - 10);  // the middle of the text: scrolled back to the start
}

// The light markup of formatted text: bold, italic, [text](address), bare addresses and
// bulleted lines become runs and blocks; stray markers ("5 * 3", "file_name_v2") stay text;
// plain_text drops the markers; highlight marks terms at the start of words only.
TEST(RichText, ParsesMarkupHighlightsAndKeepsPlainText) {
  namespace wg = dom::widget;
  const std::string src =
      "Hi **Dana**, see [spec](https://x.io) and _now_\n- one\n\xE2\x80\xA2 two\n"
      "5 * 3 = 15 and file_name_v2.pdf";
  const std::vector<wg::RichBlock> blocks = wg::parse_markup(src);
  ASSERT_EQ(blocks.size(), 4u);
  // Line 1: "Hi " | Dana (bold) | ", see " | spec (link) | " and " | now (italic).
  const auto& r = blocks[0].runs;
  EXPECT_FALSE(blocks[0].bullet);
  ASSERT_EQ(r.size(), 6u);
  EXPECT_EQ(r[0].text, "Hi ");
  EXPECT_FALSE(r[0].bold);
  EXPECT_EQ(r[1].text, "Dana");
  EXPECT_TRUE(r[1].bold);
  EXPECT_FALSE(r[1].italic);
  EXPECT_EQ(r[2].text, ", see ");
  EXPECT_EQ(r[3].text, "spec");
  EXPECT_EQ(r[3].href, "https://x.io");
  EXPECT_EQ(r[4].text, " and ");
  EXPECT_TRUE(r[4].href.empty());
  EXPECT_EQ(r[5].text, "now");
  EXPECT_TRUE(r[5].italic);
  EXPECT_FALSE(r[5].bold);
  // Two bulleted items, "- " and "\u2022 ".
  EXPECT_TRUE(blocks[1].bullet);
  ASSERT_EQ(blocks[1].runs.size(), 1u);
  EXPECT_EQ(blocks[1].runs[0].text, "one");
  EXPECT_TRUE(blocks[2].bullet);
  ASSERT_EQ(blocks[2].runs.size(), 1u);
  EXPECT_EQ(blocks[2].runs[0].text, "two");
  // Markers that open nothing stay as they are.
  EXPECT_FALSE(blocks[3].bullet);
  ASSERT_EQ(blocks[3].runs.size(), 1u);
  EXPECT_EQ(blocks[3].runs[0].text, "5 * 3 = 15 and file_name_v2.pdf");
  EXPECT_FALSE(blocks[3].runs[0].italic);
  EXPECT_FALSE(blocks[3].runs[0].bold);
  const std::string plain = "Hi Dana, see spec and now\n\xE2\x80\xA2 one\n\xE2\x80\xA2 two\n"
                            "5 * 3 = 15 and file_name_v2.pdf";
  EXPECT_EQ(wg::plain_text(blocks), plain);
  EXPECT_EQ(wg::markup_plain(src), plain);
  EXPECT_TRUE(wg::has_markup(src));
  EXPECT_FALSE(wg::has_markup("5 * 3 = 15 and file_name_v2.pdf"));
  // Highlight: "inv" starts "Invoice" (case-insensitively), not the middle of "reinvoice".
  auto marked = wg::parse_markup("Invoice due, see reinvoice");
  wg::highlight(marked, {"inv"});
  ASSERT_EQ(marked.size(), 1u);
  std::string marks, all;
  for (const wg::RichRun& run : marked[0].runs) {
    all += run.text;
    if (run.mark) marks += "[" + run.text + "]";
  }
  EXPECT_EQ(marks, "[Inv]");
  EXPECT_EQ(all, "Invoice due, see reinvoice");
  // A bare address is a link; the sentence's full stop stays outside it.
  const auto bare = wg::parse_markup("Go to https://a.b/c.");
  ASSERT_EQ(bare.size(), 1u);
  ASSERT_EQ(bare[0].runs.size(), 3u);
  EXPECT_EQ(bare[0].runs[0].text, "Go to ");
  EXPECT_EQ(bare[0].runs[1].text, "https://a.b/c");
  EXPECT_EQ(bare[0].runs[1].href, "https://a.b/c");
  EXPECT_EQ(bare[0].runs[2].text, ".");
  EXPECT_TRUE(bare[0].runs[2].href.empty());
}
