// Agent frameworks' action vocabularies (sim/dialects.h) parsed into sim::Action, the key-name
// table (sim::normalize_key, sim::parse_mods), format_action's round trip, and composite steps
// (multi-clicks, drags, typing with shortcuts/Enter/Tab, seq) routed through a real mail env.
#include <gtest/gtest.h>

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "apps.h"
#include "dialects.h"
#include "dom.h"
#include "mail/keys.h"
#include "sim.h"
#include "state.h"

using namespace facsim;
using sim::Action;
using sim::ActionKind;
using sim::Dialect;
namespace mk = apps::mail;

namespace facsim::sim {
// gtest prints actions as their JSON.
void PrintTo(const Action& a, std::ostream* os) { *os << to_json(a); }
}  // namespace facsim::sim

namespace {

sim::DialectContext pixels() { return {}; }
sim::DialectContext norm1000() {
  sim::DialectContext c;
  c.space.kind = sim::CoordSpace::Kind::norm1000;
  return c;
}
sim::DialectContext at_mouse(int x, int y) {
  sim::DialectContext c;
  c.mouse_x = x, c.mouse_y = y;
  return c;
}

// The parse, expected to succeed.
sim::Parsed parse(Dialect d, std::string_view s, const sim::DialectContext& c = {}) {
  auto p = sim::parse_action(d, s, c);
  EXPECT_TRUE(p) << sim::dialect_name(d) << ": " << s << "\n  -> " << (p ? "" : p.error().message);
  return p ? *p : sim::Parsed{};
}
// The single action a parse gives (and no query).
Action one(Dialect d, std::string_view s, const sim::DialectContext& c = {}) {
  const sim::Parsed p = parse(d, s, c);
  EXPECT_EQ(p.query, sim::Query::none) << s;
  EXPECT_EQ(p.actions.size(), 1u) << s;
  return p.actions.empty() ? Action::noop() : p.actions.front();
}
// The parse's error message (the parse is expected to fail).
std::string error_of(Dialect d, std::string_view s, const sim::DialectContext& c = {}) {
  auto p = sim::parse_action(d, s, c);
  EXPECT_FALSE(p) << sim::dialect_name(d) << ": " << s << " parsed";
  return p ? std::string() : p.error().message;
}
std::string key_of(std::string_view k) {
  auto r = sim::normalize_key(k);
  EXPECT_TRUE(r) << "'" << k << "': " << (r ? "" : r.error().message);
  return r ? *r : "<error>";
}
std::string key_error(std::string_view k) {
  auto r = sim::normalize_key(k);
  EXPECT_FALSE(r) << "'" << k << "' -> " << (r ? *r : "");
  return r ? std::string() : r.error().message;
}
Action scroll_xy(int x, int y, int dx, int dy) {
  Action a = Action::scroll(x, y, dy);
  a.dx = dx;
  return a;
}

}  // namespace

// [SECTION] Keys -------------------------------------------------------------------------------

// xdotool key names (Anthropic's computer tool) map to the DOM names.
TEST(Keys, XdotoolNames) {
  EXPECT_EQ(key_of("Return"), "Enter");
  EXPECT_EQ(key_of("ctrl+a"), "Control+a");
  EXPECT_EQ(key_of("Page_Down"), "PageDown");
  EXPECT_EQ(key_of("Page_Up"), "PageUp");
  EXPECT_EQ(key_of("KP_Enter"), "Enter");
  EXPECT_EQ(key_of("super+l"), "Meta+l");
  EXPECT_EQ(key_of("alt+Tab"), "Alt+Tab");
  EXPECT_EQ(key_of("BackSpace"), "Backspace");
  EXPECT_EQ(key_of("F5"), "F5");
  EXPECT_EQ(key_of("F12"), "F12");
  EXPECT_EQ(key_of("Up"), "ArrowUp");
  EXPECT_EQ(key_of("ctrl+shift+Left"), "Control+Shift+ArrowLeft");
  EXPECT_EQ(key_of("ctrl+Return"), "Control+Enter");
  EXPECT_EQ(key_of("Escape"), "Escape");
  EXPECT_EQ(key_of("space"), "Space");
  EXPECT_EQ(key_of("KP_5"), "5");
}

// DOM/Playwright names are already canonical and stay as they are.
TEST(Keys, DomNamesStayCanonical) {
  EXPECT_EQ(key_of("Control+Shift+ArrowLeft"), "Control+Shift+ArrowLeft");
  EXPECT_EQ(key_of("Enter"), "Enter");
  EXPECT_EQ(key_of("Meta+Alt+Control+Shift+x"), "Control+Alt+Shift+Meta+x");  // fixed order
  EXPECT_EQ(key_of("Shift+Tab"), "Shift+Tab");
  EXPECT_EQ(key_of("PageDown"), "PageDown");
}

// pyautogui's names (OSWorld) map to the DOM names.
TEST(Keys, PyautoguiNames) {
  EXPECT_EQ(key_of("pgdn"), "PageDown");
  EXPECT_EQ(key_of("pgup"), "PageUp");
  EXPECT_EQ(key_of("enter"), "Enter");
  EXPECT_EQ(key_of("win"), "Meta");
  EXPECT_EQ(key_of("esc"), "Escape");
  EXPECT_EQ(key_of("ctrlleft"), "Control");
  EXPECT_EQ(key_of("backspace"), "Backspace");
  EXPECT_EQ(key_of("left"), "ArrowLeft");
}

// Names are case-insensitive; a letter with modifiers is lower case, a capital alone stays.
TEST(Keys, CaseInsensitive) {
  EXPECT_EQ(key_of("ENTER"), "Enter");
  EXPECT_EQ(key_of("cTrL+A"), "Control+a");
  EXPECT_EQ(key_of("PAGE_DOWN"), "PageDown");
  EXPECT_EQ(key_of("A"), "A");
  EXPECT_EQ(key_of("a"), "a");
}

// Punctuation keysyms, the '+' key itself and single characters.
TEST(Keys, PunctuationAndThePlusKey) {
  EXPECT_EQ(key_of("minus"), "-");
  EXPECT_EQ(key_of("ctrl+minus"), "Control+-");
  EXPECT_EQ(key_of("ctrl++"), "Control++");
  EXPECT_EQ(key_of("+"), "+");
  EXPECT_EQ(key_of("ctrl+plus"), "Control++");
  EXPECT_EQ(key_of(" "), "Space");
  EXPECT_EQ(key_of("/"), "/");
  EXPECT_EQ(key_of("\xC3\xA9"), "\xC3\xA9");  // é: one code point is itself
}

// Unknown keys and modifiers are errors whose message names the bad part.
TEST(Keys, UnknownNamesAreErrorsNamingThePart) {
  EXPECT_NE(key_error("Hyper+a").find("Hyper"), std::string::npos);
  EXPECT_NE(key_error("NotAKey").find("NotAKey"), std::string::npos);
  EXPECT_NE(key_error("ctrl+NotAKey").find("NotAKey"), std::string::npos);
  EXPECT_FALSE(key_error("").empty());
  EXPECT_FALSE(key_error("F25").empty());
}

// Modifier lists as Mod bits, and unknown modifiers as errors naming them.
TEST(Keys, ParseMods) {
  auto m = sim::parse_mods("ctrl+shift");
  ASSERT_TRUE(m);
  EXPECT_EQ(*m, sim::kCtrl | sim::kShift);
  ASSERT_TRUE(sim::parse_mods("Control"));
  EXPECT_EQ(*sim::parse_mods("Control"), sim::kCtrl);
  ASSERT_TRUE(sim::parse_mods("cmd"));
  EXPECT_EQ(*sim::parse_mods("cmd"), sim::kMeta);
  ASSERT_TRUE(sim::parse_mods("option"));
  EXPECT_EQ(*sim::parse_mods("option"), sim::kAlt);
  ASSERT_TRUE(sim::parse_mods("SHIFT+alt+super"));
  EXPECT_EQ(*sim::parse_mods("SHIFT+alt+super"), sim::kShift | sim::kAlt | sim::kMeta);
  auto bad = sim::parse_mods("ctrl+hyper");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("hyper"), std::string::npos) << bad.error().message;
  EXPECT_FALSE(sim::parse_mods("a"));
}

// [SECTION] Anthropic computer_20250124 / computer_20251124 -------------------------------------

// Clicks: left, double, triple, right, middle, and a click with modifier keys held ("text").
TEST(Anthropic, Clicks) {
  const Dialect d = Dialect::anthropic;
  EXPECT_EQ(one(d, R"({"action":"left_click","coordinate":[600,300]})"), Action::click(600, 300));
  EXPECT_EQ(one(d, R"({"action":"double_click","coordinate":[600,300]})"), Action::clicks(600, 300, 2));
  EXPECT_EQ(one(d, R"({"action":"triple_click","coordinate":[600,300]})"), Action::clicks(600, 300, 3));
  const Action right = one(d, R"({"action":"right_click","coordinate":[600,300]})");
  EXPECT_EQ(right, Action::right_click(600, 300));
  EXPECT_EQ(right.button, 2);
  EXPECT_EQ(one(d, R"({"action":"middle_click","coordinate":[6,3]})"), Action::clicks(6, 3, 1, 1));
  const Action shift = one(d, R"({"action":"left_click","coordinate":[600,300],"text":"shift"})");
  EXPECT_EQ(shift, Action::click(600, 300, sim::kShift));
  EXPECT_EQ(one(d, R"({"action":"left_click","coordinate":[1,2],"text":"ctrl+shift"})").mods,
            sim::kCtrl | sim::kShift);
  // No coordinate: where the pointer is.
  EXPECT_EQ(one(d, R"({"action":"left_click"})", at_mouse(7, 8)), Action::click(7, 8));
}

// left_click_drag: from start_coordinate to coordinate, one drag step.
TEST(Anthropic, Drag) {
  const Action a = one(Dialect::anthropic,
                       R"({"action":"left_click_drag","start_coordinate":[100,200],"coordinate":[300,400]})");
  EXPECT_EQ(a, Action::drag({{100, 200}, {300, 400}}));
  EXPECT_EQ(a.kind, ActionKind::drag);
}

// scroll: direction and amount, 100 pixels per click (dy for up/down, dx for left/right).
TEST(Anthropic, Scroll) {
  const Dialect d = Dialect::anthropic;
  EXPECT_EQ(one(d, R"({"action":"scroll","coordinate":[640,400],"scroll_direction":"down","scroll_amount":3})"),
            scroll_xy(640, 400, 0, 300));
  EXPECT_EQ(one(d, R"({"action":"scroll","coordinate":[640,400],"scroll_direction":"up","scroll_amount":2})"),
            scroll_xy(640, 400, 0, -200));
  EXPECT_EQ(one(d, R"({"action":"scroll","coordinate":[640,400],"scroll_direction":"right","scroll_amount":5})"),
            scroll_xy(640, 400, 500, 0));
  EXPECT_EQ(one(d, R"({"action":"scroll","coordinate":[640,400],"scroll_direction":"left","scroll_amount":1})"),
            scroll_xy(640, 400, -100, 0));
  EXPECT_FALSE(error_of(d, R"({"action":"scroll","coordinate":[1,1],"scroll_direction":"sideways"})").empty());
}

// key: xdotool chords, and space-separated keys pressed one after another (a seq).
TEST(Anthropic, Keys) {
  const Dialect d = Dialect::anthropic;
  EXPECT_EQ(one(d, R"({"action":"key","text":"ctrl+s"})"), Action::key("Control+s"));
  EXPECT_EQ(one(d, R"({"action":"key","text":"Return"})"), Action::key("Enter"));
  EXPECT_EQ(one(d, R"({"action":"key","text":"ctrl+a ctrl+c"})"),
            Action::seq({Action::key("Control+a"), Action::key("Control+c")}));
  EXPECT_NE(error_of(d, R"({"action":"key","text":"ctrl+Bogus"})").find("Bogus"), std::string::npos);
}

// type (newlines kept), wait (seconds), hold_key (time passes), mouse_move, mouse down/up.
TEST(Anthropic, TypeWaitHoldMoveDownUp) {
  const Dialect d = Dialect::anthropic;
  EXPECT_EQ(one(d, R"({"action":"type","text":"hello\nworld"})"), Action::type("hello\nworld"));
  EXPECT_EQ(one(d, R"({"action":"wait","duration":2})"), Action::wait(2000));
  EXPECT_EQ(one(d, R"({"action":"hold_key","text":"shift","duration":1})"), Action::wait(1000));
  EXPECT_EQ(one(d, R"({"action":"mouse_move","coordinate":[10,20]})"), Action::move(10, 20));
  EXPECT_EQ(one(d, R"({"action":"left_mouse_down"})", at_mouse(5, 6)), Action::down(5, 6));
  EXPECT_EQ(one(d, R"({"action":"left_mouse_up"})", at_mouse(9, 6)), Action::up(9, 6));
  EXPECT_EQ(one(d, R"({"action":"left_mouse_down","coordinate":[3,4]})"), Action::down(3, 4));
}

// screenshot, cursor_position and zoom are queries: no step.
TEST(Anthropic, Queries) {
  const Dialect d = Dialect::anthropic;
  sim::Parsed s = parse(d, R"({"action":"screenshot"})");
  EXPECT_EQ(s.query, sim::Query::screenshot);
  EXPECT_TRUE(s.actions.empty());
  sim::Parsed c = parse(d, R"({"action":"cursor_position"})");
  EXPECT_EQ(c.query, sim::Query::cursor_position);
  EXPECT_TRUE(c.actions.empty());
  sim::Parsed z = parse(d, R"({"action":"zoom","region":[100,50,740,450]})");
  EXPECT_EQ(z.query, sim::Query::zoom);
  EXPECT_TRUE(z.actions.empty());
  EXPECT_EQ(z.zoom[0], 100);
  EXPECT_EQ(z.zoom[1], 50);
  EXPECT_EQ(z.zoom[2], 740);
  EXPECT_EQ(z.zoom[3], 450);
}

// The tool_use content block form: its input is the action.
TEST(Anthropic, ToolUseBlock) {
  EXPECT_EQ(one(Dialect::anthropic,
                R"({"type":"tool_use","id":"toolu_01A09q90qw90lq917835lq9","name":"computer",)"
                R"("input":{"action":"left_click","coordinate":[600,300]}})"),
            Action::click(600, 300));
}

// A typo in a field is an error naming the field; floats round to the nearest pixel.
TEST(Anthropic, UnknownFieldAndFloatCoordinates) {
  const std::string e = error_of(Dialect::anthropic, R"({"action":"left_click","cordinate":[600,300]})");
  EXPECT_NE(e.find("cordinate"), std::string::npos) << e;
  EXPECT_EQ(one(Dialect::anthropic, R"({"action":"left_click","coordinate":[600.6,300.4]})"),
            Action::click(601, 300));
  EXPECT_FALSE(error_of(Dialect::anthropic, R"({"action":"fly","coordinate":[1,2]})").empty());
}

// [SECTION] OpenAI computer_call ----------------------------------------------------------------

// The whole output item (with its id, call_id, status and pending_safety_checks) is accepted.
TEST(OpenAI, ComputerCallItem) {
  const Action a = one(Dialect::openai,
                       R"({"type":"computer_call","id":"cu_67cc","call_id":"call_zw3",)"
                       R"("action":{"type":"click","button":"left","x":600,"y":300},)"
                       R"("pending_safety_checks":[],"status":"completed"})");
  EXPECT_EQ(a, Action::click(600, 300));
  // The action alone too.
  EXPECT_EQ(one(Dialect::openai, R"({"type":"click","x":600,"y":300,"button":"left"})"),
            Action::click(600, 300));
}

// Buttons: right, wheel (middle), and back/forward (history keys).
TEST(OpenAI, Buttons) {
  const Dialect d = Dialect::openai;
  EXPECT_EQ(one(d, R"({"type":"computer_call","call_id":"c","action":{"type":"click","button":"right","x":5,"y":6}})"),
            Action::right_click(5, 6));
  EXPECT_EQ(one(d, R"({"type":"computer_call","call_id":"c","action":{"type":"click","button":"wheel","x":5,"y":6}})"),
            Action::clicks(5, 6, 1, 1));
  EXPECT_EQ(one(d, R"({"type":"computer_call","call_id":"c","action":{"type":"click","button":"back","x":5,"y":6}})"),
            Action::key("Alt+ArrowLeft"));
  EXPECT_EQ(one(d, R"({"type":"computer_call","call_id":"c","action":{"type":"click","button":"forward","x":5,"y":6}})"),
            Action::key("Alt+ArrowRight"));
  EXPECT_EQ(one(d, R"({"type":"computer_call","call_id":"c","action":{"type":"double_click","x":5,"y":6}})"),
            Action::clicks(5, 6, 2));
}

// drag along a path, keypress chords, move, scroll, type, wait, screenshot.
TEST(OpenAI, OtherActions) {
  const Dialect d = Dialect::openai;
  EXPECT_EQ(one(d, R"({"type":"computer_call","call_id":"c","action":{"type":"drag",)"
                   R"("path":[{"x":10,"y":20},{"x":30,"y":40},{"x":50,"y":60}]}})"),
            Action::drag({{10, 20}, {30, 40}, {50, 60}}));
  EXPECT_EQ(one(d, R"({"type":"computer_call","call_id":"c","action":{"type":"keypress","keys":["CTRL","A"]}})"),
            Action::key("Control+a"));
  EXPECT_EQ(one(d, R"({"type":"computer_call","call_id":"c","action":{"type":"keypress","keys":["ENTER"]}})"),
            Action::key("Enter"));
  EXPECT_EQ(one(d, R"({"type":"computer_call","call_id":"c","action":{"type":"move","x":10,"y":20}})"),
            Action::move(10, 20));
  EXPECT_EQ(one(d, R"({"type":"computer_call","call_id":"c","action":{"type":"scroll","x":600,"y":300,)"
                   R"("scroll_x":0,"scroll_y":300}})"),
            scroll_xy(600, 300, 0, 300));
  EXPECT_EQ(one(d, R"({"type":"computer_call","call_id":"c","action":{"type":"scroll","x":600,"y":300,)"
                   R"("scroll_x":-120,"scroll_y":0}})"),
            scroll_xy(600, 300, -120, 0));
  EXPECT_EQ(one(d, R"({"type":"computer_call","call_id":"c","action":{"type":"type","text":"hello"}})"),
            Action::type("hello"));
  EXPECT_EQ(one(d, R"({"type":"computer_call","call_id":"c","action":{"type":"wait"}})"), Action::wait(2000));
  sim::Parsed s = parse(d, R"({"type":"computer_call","call_id":"c","action":{"type":"screenshot"}})");
  EXPECT_EQ(s.query, sim::Query::screenshot);
  EXPECT_TRUE(s.actions.empty());
}

// A batched "actions" list is one seq action (one step).
TEST(OpenAI, BatchedActionsAreOneSeq) {
  const Action a = one(Dialect::openai,
                       R"({"type":"computer_call","call_id":"c","actions":[)"
                       R"({"type":"click","button":"left","x":10,"y":20},)"
                       R"({"type":"type","text":"hi"},{"type":"keypress","keys":["ENTER"]}]})");
  EXPECT_EQ(a, Action::seq({Action::click(10, 20), Action::type("hi"), Action::key("Enter")}));
}

// [SECTION] OSWorld computer_13 -----------------------------------------------------------------

// Clicks: CLICK with button and num_clicks, RIGHT_CLICK, DOUBLE_CLICK; MOVE_TO.
TEST(OSWorld, ClicksAndMove) {
  const Dialect d = Dialect::osworld;
  EXPECT_EQ(one(d, R"({"action_type":"CLICK","parameters":{"button":"left","x":100,"y":200,"num_clicks":2}})"),
            Action::clicks(100, 200, 2));
  EXPECT_EQ(one(d, R"({"action_type":"CLICK","parameters":{"button":"right","x":100,"y":200}})"),
            Action::right_click(100, 200));
  EXPECT_EQ(one(d, R"({"action_type":"MOVE_TO","parameters":{"x":100,"y":200}})"), Action::move(100, 200));
  EXPECT_EQ(one(d, R"({"action_type":"RIGHT_CLICK","parameters":{"x":100,"y":200}})"),
            Action::right_click(100, 200));
  EXPECT_EQ(one(d, R"({"action_type":"DOUBLE_CLICK","parameters":{"x":100,"y":200}})"),
            Action::clicks(100, 200, 2));
  EXPECT_EQ(one(d, R"({"action_type":"CLICK","parameters":{}})", at_mouse(3, 4)), Action::click(3, 4));
}

// DRAG_TO drags from where the pointer is; SCROLL dy > 0 is up (negative dy pixels).
TEST(OSWorld, DragAndScroll) {
  const Dialect d = Dialect::osworld;
  EXPECT_EQ(one(d, R"({"action_type":"DRAG_TO","parameters":{"x":300,"y":400}})", at_mouse(10, 20)),
            Action::drag({{10, 20}, {300, 400}}));
  EXPECT_EQ(one(d, R"({"action_type":"SCROLL","parameters":{"dx":0,"dy":3}})", at_mouse(10, 20)),
            scroll_xy(10, 20, 0, -300));
  EXPECT_EQ(one(d, R"({"action_type":"SCROLL","parameters":{"dy":-2}})", at_mouse(10, 20)),
            scroll_xy(10, 20, 0, 200));
}

// TYPING, PRESS, HOTKEY; WAIT, FAIL (infeasible), DONE.
TEST(OSWorld, KeysAndEndings) {
  const Dialect d = Dialect::osworld;
  EXPECT_EQ(one(d, R"({"action_type":"TYPING","parameters":{"text":"hello world"}})"),
            Action::type("hello world"));
  EXPECT_EQ(one(d, R"({"action_type":"PRESS","parameters":{"key":"enter"}})"), Action::key("Enter"));
  EXPECT_EQ(one(d, R"({"action_type":"HOTKEY","parameters":{"keys":["ctrl","c"]}})"), Action::key("Control+c"));
  EXPECT_EQ(one(d, R"({"action_type":"WAIT"})").kind, ActionKind::wait);
  EXPECT_EQ(one(d, R"({"action_type":"FAIL"})").kind, ActionKind::infeasible);
  EXPECT_EQ(one(d, R"({"action_type":"DONE"})"), Action::done());
  EXPECT_FALSE(error_of(d, R"({"action_type":"JUMP","parameters":{}})").empty());
}

// OSWorld's special codes as its agents return them: the bare strings WAIT, FAIL and DONE
// (desktop_env's step() accepts them in both action spaces).
TEST(OSWorld, BareSpecialCodes) {
  for (Dialect d : {Dialect::osworld, Dialect::pyautogui})
    for (auto [code, kind] : {std::pair{"DONE", ActionKind::done}, {"FAIL", ActionKind::infeasible},
                              {"WAIT", ActionKind::wait}}) {
      auto p = sim::parse_action(d, code, pixels());
      if (!p) {
        ADD_FAILURE() << sim::dialect_name(d) << ": " << code << " -> " << p.error().message;
        continue;
      }
      ASSERT_EQ(p->actions.size(), 1u) << code;
      EXPECT_EQ(p->actions[0].kind, kind) << sim::dialect_name(d) << ": " << code;
    }
}

// [SECTION] pyautogui ------------------------------------------------------------------------------

// Clicks by position and keyword, button=, doubleClick, tripleClick, moveTo, dragTo.
TEST(Pyautogui, PointerCalls) {
  const Dialect d = Dialect::pyautogui;
  EXPECT_EQ(one(d, "pyautogui.click(600, 300)"), Action::click(600, 300));
  EXPECT_EQ(one(d, "pyautogui.click(x=600, y=300, button='right')"), Action::right_click(600, 300));
  EXPECT_EQ(one(d, "pyautogui.doubleClick(600, 300)"), Action::clicks(600, 300, 2));
  EXPECT_EQ(one(d, "pyautogui.tripleClick(600, 300)"), Action::clicks(600, 300, 3));
  EXPECT_EQ(one(d, "pyautogui.rightClick(600, 300)"), Action::right_click(600, 300));
  EXPECT_EQ(one(d, "pyautogui.moveTo(600, 300)"), Action::move(600, 300));
  EXPECT_EQ(one(d, "pyautogui.dragTo(300, 400, duration=0.5)", at_mouse(10, 20)),
            Action::drag({{10, 20}, {300, 400}}));
}

// scroll(clicks): positive is up (100 px a click); hscroll is horizontal.
TEST(Pyautogui, Scroll) {
  const Dialect d = Dialect::pyautogui;
  EXPECT_EQ(one(d, "pyautogui.scroll(-5)", at_mouse(640, 400)), scroll_xy(640, 400, 0, 500));
  EXPECT_EQ(one(d, "pyautogui.scroll(2, x=100, y=200)"), scroll_xy(100, 200, 0, -200));
  EXPECT_EQ(one(d, "pyautogui.hscroll(3)", at_mouse(640, 400)), scroll_xy(640, 400, 300, 0));
}

// write (escapes decoded), press (one key, a list of keys), hotkey.
TEST(Pyautogui, Keyboard) {
  const Dialect d = Dialect::pyautogui;
  EXPECT_EQ(one(d, "pyautogui.write('hello\\n')"), Action::type("hello\n"));
  EXPECT_EQ(one(d, "pyautogui.typewrite(\"it's\")"), Action::type("it's"));
  EXPECT_EQ(one(d, "pyautogui.press('enter')"), Action::key("Enter"));
  EXPECT_EQ(one(d, "pyautogui.press(['tab','tab'])"), Action::seq({Action::key("Tab"), Action::key("Tab")}));
  EXPECT_EQ(one(d, "pyautogui.hotkey('ctrl', 'a')"), Action::key("Control+a"));
  EXPECT_NE(error_of(d, "pyautogui.press('nokey')").find("nokey"), std::string::npos);
}

// A block (imports, several calls, time.sleep) is one seq step; the pointer follows the block.
TEST(Pyautogui, BlockIsOneSeq) {
  const Action a = one(Dialect::pyautogui,
                       "import pyautogui\nimport time\n"
                       "pyautogui.click(100, 200)\n"
                       "time.sleep(1)\n"
                       "pyautogui.write('hi')\n"
                       "pyautogui.dragTo(300, 200)\n");
  EXPECT_EQ(a, Action::seq({Action::click(100, 200), Action::wait(1000), Action::type("hi"),
                            Action::drag({{100, 200}, {300, 200}})}));
}

// Code is never evaluated: expressions and non-pyautogui calls are errors.
TEST(Pyautogui, NeverEvaluated) {
  const Dialect d = Dialect::pyautogui;
  EXPECT_FALSE(error_of(d, "pyautogui.click(__import__('os').system('x'))").empty());
  EXPECT_FALSE(error_of(d, "os.system('rm')").empty());
  EXPECT_FALSE(error_of(d, "pyautogui.click(1, 2)\nos.system('rm -rf /')").empty());
  EXPECT_FALSE(error_of(d, "pyautogui.write(open('/etc/passwd').read())").empty());
  EXPECT_FALSE(error_of(d, "pyautogui.click(1+1, 2)").empty());
  EXPECT_FALSE(error_of(d, "").empty());
}

// [SECTION] BrowserGym ----------------------------------------------------------------------------

// Coordinate actions, keys (ControlOrMeta is Control), typing, scroll, and the endings.
TEST(BrowserGym, CoordinateActions) {
  const Dialect d = Dialect::browsergym;
  EXPECT_EQ(one(d, "mouse_click(600, 300)"), Action::click(600, 300));
  EXPECT_EQ(one(d, "mouse_click(600, 300, button='right')"), Action::right_click(600, 300));
  EXPECT_EQ(one(d, "mouse_dblclick(10, 20)"), Action::clicks(10, 20, 2));
  EXPECT_EQ(one(d, "mouse_move(10, 20)"), Action::move(10, 20));
  EXPECT_EQ(one(d, "keyboard_press('Control+a')"), Action::key("Control+a"));
  EXPECT_EQ(one(d, "keyboard_press('ControlOrMeta+a')"), Action::key("Control+a"));
  EXPECT_EQ(one(d, "keyboard_type('hi')"), Action::type("hi"));
  EXPECT_EQ(one(d, "scroll(0, 200)", at_mouse(640, 400)), scroll_xy(640, 400, 0, 200));
  EXPECT_EQ(one(d, "send_msg_to_user('42')"), Action::answer("42"));
  EXPECT_EQ(one(d, "report_infeasible('no')"), Action::infeasible("no"));
  EXPECT_EQ(one(d, "mouse_drag_and_drop(1, 2, 3, 4)"), Action::drag({{1, 2}, {3, 4}}));
}

// Element actions name a11y nodes by id, key or set-of-marks number; unknown bids are errors.
TEST(BrowserGym, ElementActionsByBid) {
  std::vector<dom::A11yNode> nodes(3);
  nodes[0].id = "mail/search", nodes[0].key = "mail/search";
  nodes[0].box = {100, 50, 200, 40}, nodes[0].mark = 3;   // centre (200, 70)
  nodes[1].id = "a12", nodes[1].key = "";
  nodes[1].box = {10, 10, 20, 20}, nodes[1].mark = 7;     // centre (20, 20)
  nodes[2].id = "hidden", nodes[2].key = "hidden";
  nodes[2].box = {0, 0, 0, 0}, nodes[2].mark = 0;
  sim::DialectContext c;
  c.a11y = &nodes;
  const Dialect d = Dialect::browsergym;
  EXPECT_EQ(one(d, "click('a12')", c), Action::click(20, 20));
  EXPECT_EQ(one(d, "click('mail/search')", c), Action::click(200, 70));
  EXPECT_EQ(one(d, "click('3')", c), Action::click(200, 70));   // set-of-marks number
  EXPECT_EQ(one(d, "click(\"7\")", c), Action::click(20, 20));
  EXPECT_EQ(one(d, "dblclick('a12')", c), Action::clicks(20, 20, 2));
  EXPECT_EQ(one(d, "fill('a12', 'text')", c),
            Action::seq({Action::click(20, 20), Action::key("Control+a"), Action::key("Backspace"),
                         Action::type("text")}));
  EXPECT_NE(error_of(d, "click('zz9')", c).find("zz9"), std::string::npos);
  EXPECT_FALSE(error_of(d, "click('hidden')", c).empty());       // not on screen
  EXPECT_FALSE(error_of(d, "click('a12')", pixels()).empty());   // no a11y tree given
}

// [SECTION] Qwen computer_use ----------------------------------------------------------------------

// Coordinates in Qwen3-VL's 0..1000 space and Qwen2.5-VL's resized-image space.
TEST(Qwen, CoordinateSpaces) {
  const Dialect d = Dialect::qwen;
  EXPECT_EQ(one(d, R"({"name":"computer_use","arguments":{"action":"left_click","coordinate":[500,500]}})",
                norm1000()),
            Action::click(640, 400));
  auto space = sim::parse_coord_space("resized:1092x700");
  ASSERT_TRUE(space);
  sim::DialectContext c;
  c.space = *space;
  EXPECT_EQ(one(d, R"({"name":"computer_use","arguments":{"action":"left_click","coordinate":[546,350]}})", c),
            Action::click(640, 400));
  EXPECT_EQ(one(d, R"({"name":"computer_use","arguments":{"action":"left_click","coordinate":[500,500]}})"),
            Action::click(500, 500));  // pixels
}

// arguments as a JSON string, and the <tool_call> wrapper.
TEST(Qwen, StringArgumentsAndToolCallWrapper) {
  const Dialect d = Dialect::qwen;
  EXPECT_EQ(one(d, R"({"name":"computer_use","arguments":"{\"action\":\"double_click\",\"coordinate\":[10,20]}"})"),
            Action::clicks(10, 20, 2));
  EXPECT_EQ(one(d, "<tool_call>\n{\"name\": \"computer_use\", \"arguments\": {\"action\": \"right_click\", "
                   "\"coordinate\": [10, 20]}}\n</tool_call>"),
            Action::right_click(10, 20));
}

// key with a keys list, type, scroll pixels (positive up), terminate, answer.
TEST(Qwen, KeysScrollEndings) {
  const Dialect d = Dialect::qwen;
  EXPECT_EQ(one(d, R"({"name":"computer_use","arguments":{"action":"key","keys":["ctrl","c"]}})"),
            Action::key("Control+c"));
  EXPECT_EQ(one(d, R"({"name":"computer_use","arguments":{"action":"type","text":"hello"}})"),
            Action::type("hello"));
  EXPECT_EQ(one(d, R"({"name":"computer_use","arguments":{"action":"scroll","pixels":-300}})", at_mouse(640, 400)),
            scroll_xy(640, 400, 0, 300));
  EXPECT_EQ(one(d, R"({"name":"computer_use","arguments":{"action":"scroll","pixels":200,"coordinate":[10,20]}})"),
            scroll_xy(10, 20, 0, -200));
  EXPECT_EQ(one(d, R"({"name":"computer_use","arguments":{"action":"terminate","status":"success"}})"),
            Action::done());
  EXPECT_EQ(one(d, R"({"name":"computer_use","arguments":{"action":"terminate","status":"failure"}})").kind,
            ActionKind::infeasible);
  EXPECT_EQ(one(d, R"({"name":"computer_use","arguments":{"action":"answer","text":"42"}})"),
            Action::answer("42"));
  EXPECT_EQ(one(d, R"({"name":"computer_use","arguments":{"action":"wait","time":2}})"), Action::wait(2000));
}

// [SECTION] UI-TARS --------------------------------------------------------------------------------

// Thought/Action text, the point spellings (plain, box tokens, <point>, a 4-number box's centre).
TEST(UITars, ClickPointSpellings) {
  const Dialect d = Dialect::uitars;
  EXPECT_EQ(one(d, "Thought: the Inbox link is on the left.\nAction: click(start_box='(235,512)')"),
            Action::click(235, 512));
  EXPECT_EQ(one(d, "Action: click(start_box='<|box_start|>(235,512)<|box_end|>')"), Action::click(235, 512));
  EXPECT_EQ(one(d, "click(point='<point>100 200</point>')"), Action::click(100, 200));
  EXPECT_EQ(one(d, "click(start_box='(100,200,300,400)')"), Action::click(200, 300));
  EXPECT_EQ(one(d, "Action: click(start_box='(500,500)')", norm1000()), Action::click(640, 400));
}

// left_double, right_single, drag, hotkey, type, scroll.
TEST(UITars, OtherActions) {
  const Dialect d = Dialect::uitars;
  EXPECT_EQ(one(d, "left_double(start_box='(10,20)')"), Action::clicks(10, 20, 2));
  EXPECT_EQ(one(d, "right_single(start_box='(10,20)')"), Action::right_click(10, 20));
  EXPECT_EQ(one(d, "drag(start_box='(10,20)', end_box='(300,400)')"), Action::drag({{10, 20}, {300, 400}}));
  EXPECT_EQ(one(d, "hotkey(key='ctrl c')"), Action::key("Control+c"));
  EXPECT_EQ(one(d, "type(content='abc\\n')"), Action::type("abc\n"));
  const Action s = one(d, "scroll(direction='down')", at_mouse(640, 400));
  EXPECT_EQ(s.kind, ActionKind::scroll);
  EXPECT_GT(s.dy, 0);
  EXPECT_EQ(s.dx, 0);
  EXPECT_EQ(s.x, 640);
  const Action up = one(d, "scroll(start_box='(10,20)', direction='up')");
  EXPECT_LT(up.dy, 0);
  EXPECT_EQ(up.x, 10);
  EXPECT_EQ(up.y, 20);
}

// finished(content=...) answers; finished() is done; call_user() is infeasible.
TEST(UITars, Endings) {
  const Dialect d = Dialect::uitars;
  EXPECT_EQ(one(d, "Action: finished(content='done text')"), Action::answer("done text"));
  EXPECT_EQ(one(d, "finished()"), Action::done());
  EXPECT_EQ(one(d, "call_user()").kind, ActionKind::infeasible);
}

// [SECTION] Detection ------------------------------------------------------------------------------

// One example of each dialect is recognised; unknown shapes are errors.
TEST(Detect, EachDialect) {
  auto is = [](std::string_view s, Dialect want) {
    auto d = sim::detect_dialect(s);
    ASSERT_TRUE(d) << s << ": " << d.error().message;
    EXPECT_EQ(*d, want) << s << " detected as " << sim::dialect_name(*d);
  };
  is(R"({"kind":"click","x":1,"y":2})", Dialect::facsim);
  is(R"({"action":"left_click","coordinate":[1,2]})", Dialect::anthropic);
  is(R"({"type":"tool_use","id":"toolu_1","name":"computer","input":{"action":"screenshot"}})", Dialect::anthropic);
  is(R"({"type":"computer_call","call_id":"c","action":{"type":"click","button":"left","x":1,"y":2}})",
     Dialect::openai);
  is(R"({"type":"computer_call","call_id":"c","actions":[{"type":"wait"}]})", Dialect::openai);
  is(R"({"action_type":"CLICK","parameters":{"x":1,"y":2}})", Dialect::osworld);
  is("pyautogui.click(1, 2)", Dialect::pyautogui);
  is("import pyautogui\npyautogui.press('enter')", Dialect::pyautogui);
  is("mouse_click(1, 2)", Dialect::browsergym);
  is("fill('a12', 'x')", Dialect::browsergym);
  is("click('a12')", Dialect::browsergym);
  is(R"({"name":"computer_use","arguments":{"action":"left_click","coordinate":[1,2]}})", Dialect::qwen);
  is("<tool_call>\n{\"name\":\"computer_use\",\"arguments\":{\"action\":\"wait\"}}\n</tool_call>", Dialect::qwen);
  is(R"({"action":"key","keys":["ctrl","c"]})", Dialect::qwen);
  is("Thought: go.\nAction: click(start_box='(1,2)')", Dialect::uitars);
  is("left_double(start_box='(1,2)')", Dialect::uitars);
  for (std::string_view s : {"hello there", "", "{}", R"({"foo":1})", "[1, 2]", "{not json"})
    EXPECT_FALSE(sim::detect_dialect(s)) << "'" << s << "'";
}

// [SECTION] format_action round trips ------------------------------------------------------------

namespace {
void round_trip(Dialect d, const std::vector<Action>& actions) {
  for (const Action& a : actions) {
    auto s = sim::format_action(d, a);
    ASSERT_TRUE(s) << sim::dialect_name(d) << " cannot write " << sim::to_json(a) << ": "
                   << s.error().message;
    auto p = sim::parse_action(d, *s, pixels());
    ASSERT_TRUE(p) << sim::dialect_name(d) << ": " << *s << " -> " << p.error().message;
    EXPECT_EQ(p->query, sim::Query::none) << *s;
    ASSERT_EQ(p->actions.size(), 1u) << *s;
    EXPECT_EQ(p->actions[0], a) << sim::dialect_name(d) << " wrote " << *s;
  }
}
}  // namespace

// parse(format(a)) == a for what each dialect can say, in pixels.
TEST(FormatRoundTrip, Anthropic) {
  round_trip(Dialect::anthropic,
             {Action::click(600, 300), Action::clicks(600, 300, 2), Action::clicks(600, 300, 3),
              Action::right_click(10, 20), Action::clicks(10, 20, 1, 1),
              Action::click(5, 6, sim::kCtrl | sim::kShift), Action::move(7, 8), Action::down(1, 2),
              Action::up(3, 4), Action::drag({{100, 200}, {300, 400}}),
              Action::scroll(640, 400, 300), scroll_xy(640, 400, -200, 0), Action::type("hello\nworld"),
              Action::key("Control+Shift+ArrowLeft"), Action::key("Enter"), Action::key("Control++"),
              Action::key("Meta+l"), Action::wait(3000)});
}

TEST(FormatRoundTrip, OpenAI) {
  round_trip(Dialect::openai,
             {Action::click(600, 300), Action::right_click(10, 20), Action::clicks(10, 20, 1, 1),
              Action::clicks(600, 300, 2), Action::move(7, 8),
              Action::drag({{10, 20}, {30, 40}, {50, 60}}), scroll_xy(600, 300, -45, 123),
              Action::type("it's \"quoted\"\n"), Action::key("Control+a"),
              Action::key("Control+Shift+ArrowLeft"), Action::key("Enter"), Action::wait(2000),
              Action::wait(1500)});
}

TEST(FormatRoundTrip, OSWorld) {
  round_trip(Dialect::osworld,
             {Action::click(600, 300), Action::clicks(600, 300, 2), Action::clicks(600, 300, 3),
              Action::right_click(10, 20), Action::clicks(10, 20, 1, 1), Action::clicks(10, 20, 2, 2),
              Action::move(7, 8), Action::type("hello\n"), Action::key("Enter"),
              Action::key("Control+c"), Action::key("Control+Shift+t"), Action::done()});
}

TEST(FormatRoundTrip, Pyautogui) {
  round_trip(Dialect::pyautogui,
             {Action::click(600, 300), Action::clicks(600, 300, 2), Action::clicks(600, 300, 3),
              Action::right_click(10, 20), Action::clicks(10, 20, 1, 1), Action::move(7, 8),
              Action::scroll(640, 400, 500), Action::scroll(640, 400, -300),
              Action::type("it's a\\b\n\tc"), Action::key("Enter"), Action::key("Control+a"),
              Action::key("PageDown"), Action::key("A"), Action::wait(2000)});
}

TEST(FormatRoundTrip, BrowserGym) {
  round_trip(Dialect::browsergym,
             {Action::click(600, 300), Action::clicks(600, 300, 2), Action::right_click(10, 20),
              Action::clicks(10, 20, 1, 1), Action::move(7, 8), Action::type("it's\nhere"),
              Action::key("Control+a"), Action::key("Enter"), Action::answer("42"),
              Action::infeasible("no such email"), Action::drag({{1, 2}, {3, 4}})});
}

TEST(FormatRoundTrip, Qwen) {
  round_trip(Dialect::qwen,
             {Action::click(600, 300), Action::clicks(600, 300, 2), Action::clicks(600, 300, 3),
              Action::right_click(10, 20), Action::clicks(10, 20, 1, 1), Action::move(7, 8),
              Action::type("hello\n"), Action::key("Control+c"), Action::key("Enter"),
              Action::answer("42"), Action::done()});
}

TEST(FormatRoundTrip, UITars) {
  round_trip(Dialect::uitars,
             {Action::click(600, 300), Action::clicks(600, 300, 2), Action::right_click(10, 20),
              Action::drag({{10, 20}, {300, 400}}), Action::type("it's\n"), Action::key("Control+c"),
              Action::key("Enter"), Action::key("Control++"), Action::done(),
              Action::answer("the total is 42")});
}

TEST(FormatRoundTrip, Facsim) {
  round_trip(Dialect::facsim,
             {Action::click(600, 300), Action::clicks(1, 2, 3, 2, sim::kAlt), Action::drag({{1, 2}, {3, 4}}),
              Action::seq({Action::click(1, 2), Action::type("x")}), scroll_xy(1, 2, 3, 4),
              Action::wait(1234), Action::key("Control+a")});
}

// Actions a dialect cannot say are errors, not a wrong action.
TEST(FormatRoundTrip, UnsayableIsAnError) {
  EXPECT_FALSE(sim::format_action(Dialect::anthropic, Action::clicks(1, 2, 2, 2)));  // right double
  EXPECT_FALSE(sim::format_action(Dialect::anthropic, Action::scroll(1, 2, 150)));   // not whole clicks
  EXPECT_FALSE(sim::format_action(Dialect::osworld, Action::drag({{1, 2}, {3, 4}})));
  EXPECT_FALSE(sim::format_action(Dialect::uitars, Action::clicks(1, 2, 3)));
  EXPECT_FALSE(sim::format_action(Dialect::qwen, Action::seq({Action::click(1, 2)})));
}

// [SECTION] Composite steps through a mail env -------------------------------------------------------

namespace {

struct Mail {
  sim::Env env;
  Mail() { EXPECT_TRUE(env.reset({.task = "", .seed = 7, .app = "mail"})); }
  state::World& w() { return env.world(); }
  std::pair<int, int> center(const std::string& key) {
    int x = -1, y = -1;
    EXPECT_TRUE(env.element_center(key, x, y)) << key << "\n" << env.a11y_text();
    return {x, y};
  }
  void act(const Action& a) {
    env.apply(a);
    EXPECT_EQ(env.obs().error, "") << sim::to_json(a);
  }
  // Applies `a` and checks that it took exactly one step.
  void one_step(const Action& a) {
    const int before = env.obs().step;
    act(a);
    EXPECT_EQ(env.obs().step, before + 1) << sim::to_json(a);
  }
  std::optional<dom::A11yNode> node(const std::string& id) {
    for (const dom::A11yNode& n : env.a11y())
      if (n.id == id) return n;
    return std::nullopt;
  }
  // Focuses the search field, types `text` there and lets the double-click window pass.
  dom::Box search_with(const std::string& text) {
    auto [x, y] = center(mk::full(mk::key::search));
    act(Action::click(x, y));
    if (!text.empty()) act(Action::type(text));
    act(Action::wait(1000));
    EXPECT_EQ(w().ui_get("field:" + mk::full(mk::key::search)), text);
    auto n = node(mk::full(mk::key::search));
    EXPECT_TRUE(n);
    return n ? n->box : dom::Box{};
  }
};

int search_text_x(const dom::Box& b, std::string_view prefix) {  // after `prefix` in the field
  return b.x + dom::text_width(dom::face_for({.size = 16}), prefix);
}

}  // namespace

// A double click (one Action::clicks) on a word in the search field selects it in one step.
TEST(Composite, DoubleClickSelectsAWordInOneStep) {
  Mail m;
  const dom::Box b = m.search_with("hello world");
  const int y = b.y + b.h / 2;
  m.one_step(Action::clicks(search_text_x(b, "hello wo"), y, 2));
  EXPECT_EQ(m.w().ui_get("sel:" + mk::full(mk::key::search)), "6 11");
}

// A drag across the search field's text selects the range it crossed in one step.
TEST(Composite, DragSelectsARangeInOneStep) {
  Mail m;
  const dom::Box b = m.search_with("hello world");
  const int y = b.y + b.h / 2;
  m.one_step(Action::drag({{b.x + 1, y}, {search_text_x(b, "hel"), y}, {search_text_x(b, "hello wo"), y}}));
  EXPECT_EQ(m.w().ui_get("sel:" + mk::full(mk::key::search)), "0 8");
}

// Typing with nothing focused runs shortcuts: "c" composes, then the rest goes into To.
TEST(Composite, TypingWithNothingFocusedRunsShortcuts) {
  {
    Mail m;
    m.one_step(Action::type("c"));
    EXPECT_EQ(m.w().ui_get(mk::ui::compose), "new");
  }
  {
    Mail m;
    m.one_step(Action::type("cdana"));
    EXPECT_EQ(m.w().ui_get(mk::ui::compose), "new");
    EXPECT_EQ(m.w().ui_get("field:" + mk::full(mk::key::compose_to)), "dana");
  }
}

// A character no shortcut takes (with nothing focused) is an error and the world is unchanged.
TEST(Composite, UntakenCharacterIsAnErrorAndTimeDoesNotMove) {
  Mail m;
  const int64_t t0 = m.w().now_ms();
  m.env.apply(Action::type("zz"));
  EXPECT_NE(m.env.obs().error.find("'z'"), std::string::npos) << m.env.obs().error;
  EXPECT_EQ(m.w().now_ms(), t0);
  EXPECT_EQ(m.w().ui_get(mk::ui::compose), "");
}

// "\t" in typed text is Tab (the focus moves on, the rest goes where it lands); "\n" is
// Enter (the search is submitted).
TEST(Composite, TypedTabMovesFocusAndNewlineSubmits) {
  {  // In the search field: Tab moves the focus to the next control (the clear button).
    Mail m;
    m.search_with("");
    m.one_step(Action::type("a\t"));
    EXPECT_EQ(m.w().ui_get("field:" + mk::full(mk::key::search)), "a");
    EXPECT_EQ(m.w().ui_get(apps::ui::kFocus), mk::full(mk::key::clear_search));
  }
  {  // There "b" lands on a button and no shortcut takes it: an error, and nothing changes.
    Mail m;
    m.search_with("");
    m.env.apply(Action::type("a\tb"));
    EXPECT_NE(m.env.obs().error.find("'b'"), std::string::npos) << m.env.obs().error;
    EXPECT_EQ(m.w().ui_get("field:" + mk::full(mk::key::search)), "");
    EXPECT_EQ(m.w().ui_get(apps::ui::kFocus), mk::full(mk::key::search));
  }
  {  // In the composer Tab goes from To to Subject, and the text after it goes there.
    Mail m;
    m.one_step(Action::type("c"));
    m.one_step(Action::type("dana\tHello"));
    EXPECT_EQ(m.w().ui_get("field:" + mk::full(mk::key::compose_to)), "dana");
    EXPECT_EQ(m.w().ui_get("field:" + mk::full(mk::key::compose_subject)), "Hello");
    EXPECT_EQ(m.w().ui_get(apps::ui::kFocus), mk::full(mk::key::compose_subject));
  }
  {
    Mail m;
    m.search_with("");
    m.one_step(Action::type("x\n"));
    EXPECT_EQ(m.w().ui_get(mk::ui::query), "x");
  }
}

// A seq of a click and typing is one step: the click focuses the field, the text goes in.
TEST(Composite, SeqIsOneStep) {
  Mail m;
  auto [x, y] = m.center(mk::full(mk::key::search));
  m.one_step(Action::seq({Action::click(x, y), Action::type("hello")}));
  EXPECT_EQ(m.w().ui_get("field:" + mk::full(mk::key::search)), "hello");
  EXPECT_EQ(m.w().ui_get(apps::ui::kFocus), mk::full(mk::key::search));
}

// A dialect's parse drives the env: an OpenAI batch (click, type, Enter) searches in one step.
TEST(Composite, ParsedBatchDrivesTheEnv) {
  Mail m;
  auto [x, y] = m.center(mk::full(mk::key::search));
  const std::string item = R"({"type":"computer_call","call_id":"c","actions":[{"type":"click","button":"left","x":)" +
                           std::to_string(x) + R"(,"y":)" + std::to_string(y) +
                           R"(},{"type":"type","text":"invoice"},{"type":"keypress","keys":["ENTER"]}]})";
  const Action a = one(Dialect::openai, item);
  m.one_step(a);
  EXPECT_EQ(m.w().ui_get(mk::ui::query), "invoice");
}

