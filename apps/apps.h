// apps: the work apps facsim clones, inside one browser-like shell, sharing one world.
//
// How to use:
//   apps::install_all(world);                          // schemas + seeded world generation
//   apps::open_app(world, "mail", "#starred");         // the app (and route) the shell shows
//   dom::Tree t;  apps::build_view(world, t, 1280, 800);   // shell chrome + the open app
//   apps::dispatch(world, "mail:open:42");             // a click routed by dom (node.action)
//   apps::submit(world, "mail/search");                // Enter in a text field (full key)
// An app is a schema, a world generator, a view (pure function of the world) and handlers;
// `docs/adding-an-app.md` lists the files a new app needs. Mail (apps/mail/) is the annotated
// reference app. UI session state (route, open message, search text, focus, scroll) lives in
// the world's `ui` table, so forks and replays carry it.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base.h"

namespace facsim::state {
class World;
}
namespace facsim::dom {
class Tree;
}

namespace facsim::apps {

// The shell's own ui keys (the open app, appearance, pointer, focus, popups, clipboard):
// prefixed "shell." so no app key can collide with them. Apps prefix theirs with their name.
namespace ui {
inline constexpr std::string_view kFocus = "shell.focus";
inline constexpr std::string_view kFocusVisible = "shell.focus_visible";
inline constexpr std::string_view kOverlay = "shell.overlay";
inline constexpr std::string_view kHover = "shell.hover";
inline constexpr std::string_view kHoverSince = "shell.hover_since";
inline constexpr std::string_view kToast = "shell.toast";
inline constexpr std::string_view kToastUntil = "shell.toast_until";
inline constexpr std::string_view kToastLabel = "shell.toast_label";    // its button ("Undo")
inline constexpr std::string_view kToastAction = "shell.toast_action";  // what it sends
inline constexpr std::string_view kPress = "shell.press";
inline constexpr std::string_view kPressAction = "shell.press_action";
inline constexpr std::string_view kPressField = "shell.press_field";
inline constexpr std::string_view kPressGrab = "shell.press_grab";
inline constexpr std::string_view kPressUnit = "shell.press_unit";
inline constexpr std::string_view kButtons = "shell.buttons";
inline constexpr std::string_view kClicks = "shell.clicks";
inline constexpr std::string_view kClickAt = "shell.click_at";
inline constexpr std::string_view kClickX = "shell.click_x";
inline constexpr std::string_view kClickY = "shell.click_y";
inline constexpr std::string_view kMouseX = "shell.mouse_x";
inline constexpr std::string_view kMouseY = "shell.mouse_y";
inline constexpr std::string_view kMenuX = "shell.menu_x";
inline constexpr std::string_view kMenuY = "shell.menu_y";
inline constexpr std::string_view kClipboard = "shell.clipboard";
inline constexpr std::string_view kTheme = "shell.theme";
inline constexpr std::string_view kDensity = "shell.density";
inline constexpr std::string_view kFontPct = "shell.font_pct";
inline constexpr std::string_view kApp = "shell.app";
}  // namespace ui

// What reaches an app's handlers; distinct types, so swapping on_action and on_submit does not
// compile.
struct Command {           // a click (or Enter/Space) on a node whose action is "<app>:<cmd>"
  std::string_view cmd;    // "open:42"
  int mods = 0;            // sim::Mod bits held (list selection reads ctrl and shift)
};
struct Submit {            // Enter in a text field of the app (Control+Enter in any field)
  std::string_view field;  // the field's full key ("mail/search")
  int mods = 0;            // modifiers held (Control+Enter: send, in a composer)
};
struct Shortcut {          // a key pressed while no text field has the focus
  std::string_view key;    // "c", "#", "/", "Escape" (modifiers apart)
  int mods = 0;            // sim::Mod bits (Shift+i is {"i", kShift} or {"I", kShift})
};

// An app, built with designated initialisers; nullptr hooks are optional ones.
struct App {
  std::string_view name;    // key scope, route prefix, action namespace, random stream ("mail")
  std::string_view title;   // browser tab title
  std::string_view host;    // shown in the address bar
  // Schema + generated world, drawing only from `rng` (the app's own stream, salted by its
  // name): adding or changing an app changes no other app's world.
  Status (*install)(state::World& w, Rng& rng) = nullptr;
  // Content under the shell chrome; element keys are scoped by the app's name.
  void (*view)(state::World& w, dom::Tree& t, int parent) = nullptr;
  Status (*on_action)(state::World& w, Command c) = nullptr;
  Status (*on_submit)(state::World& w, Submit s) = nullptr;  // nullptr: Enter does nothing
  // Keyboard shortcuts (Gmail's c, e, #, r...); true when the key was the app's. nullptr: none.
  Result<bool> (*on_key)(state::World& w, Shortcut k) = nullptr;
  // The browser's Back button; nullptr: there is nowhere to go back to (Back does nothing).
  Status (*on_back)(state::World& w) = nullptr;
  std::string (*route)(state::World& w) = nullptr;           // address bar path ("#inbox")
  // Opens a route as route() spells it (reset specs, `facsim render --route`); nullptr: the
  // app has one screen and accepts only "".
  Status (*open_route)(state::World& w, std::string_view route) = nullptr;
  // A scheduled world event "<name>.<what>" fell due (virtual time); nullptr: the app has none.
  Status (*on_event)(state::World& w, std::string_view what, std::string_view payload) = nullptr;
  // Text field `field` (its full key) was edited (typing, paste, undo): mail saves its draft.
  void (*on_edit)(state::World& w, std::string_view field) = nullptr;
};

// The registered apps, in registration order (apps/registry.cpp: one line an app).
const std::vector<const App*>& all_apps();
const App* find_app(std::string_view name);
// Tests only: appends an app to the registry (a stand-in for one more registry line); call it
// before envs are made (not thread-safe against resets running).
void register_app_for_test(const App* app);
// Changes whenever the set of apps changes (caches of generated worlds key on it).
uint64_t registry_generation();

// Generates a world: the shared world (people, companies, files; apps/world/world.h), then
// every app's tables, each on its own random stream. The world's own RNG (SQL random()) is
// not drawn from.
Status install_all(state::World& w);
void build_view(state::World& w, dom::Tree& t, int width, int height);
// Opens app `name` (its route "" = where it starts) in the shell.
Status open_app(state::World& w, std::string_view name, std::string_view route = {});
std::string_view current_app(state::World& w);
// A click (or Enter/Space on the focused element): `action` is "<app>:<command>",
// "shell:<command>", or a widget's generic "ui:<command>" (see dom.h, widget vocabulary);
// mods: the sim::Mod bits held (list selection reads ctrl and shift).
Status dispatch(state::World& w, std::string_view action, int mods = 0);
// Text field `field` (its full key, "<app>/...") was edited: that app's on_edit.
void field_edited(state::World& w, std::string_view field);
// Enter pressed in text field `field` (its full key): the open app's on_submit.
Status submit(state::World& w, std::string_view field, int mods = 0);
// A key pressed with no text field focused: the open app's shortcut, if it has one for it.
Result<bool> shortcut(state::World& w, std::string_view key, int mods);
// Fires every scheduled event due at the world's clock, in (time, id) order, inside the
// caller's transaction: the living world (mail arrives, ...). Called by sim after each step.
Status fire_due_events(state::World& w);
// Lets `ms` of virtual time pass: the clock stops at each scheduled event's own time to fire
// it, so what an event does (mail arriving at 9:01:30) does not depend on how the time was
// stepped through (one wait of a minute or six steps).
Status pass_time(state::World& w, int64_t ms);

// Text fields: their value lives in ui key "field:<key>", the selection in "sel:<key>", where
// <key> is the field's full (scoped) key, e.g. "field:mail/search".
std::string field_value(state::World& w, std::string_view key);
// What a person typed in a form field, without the spaces around it (names, codes, amounts).
std::string field_trimmed(state::World& w, std::string_view key);
// The id in an action's argument ("open:42" -> 42): digits only, else an error naming it.
Result<int64_t> parse_id(std::string_view s);
// "3,14,15": the ids of a comma-separated list (what does not parse is left out).
std::vector<int64_t> parse_id_list(std::string_view csv);
void set_field_value(state::World& w, std::string_view key, std::string_view value);
// What a view needs to draw a field: value, selection, focus (strings owned here).
struct FieldView {
  std::string value;
  int anchor = 0, caret = 0;
  bool focused = false;
  bool live = false;
};
// live: the view uses the value only to show it in this field (and whether it is empty). The
// field node is then marked live, sim drops its field:/sel: keys from the view's dependencies
// and typing refreshes its text in place (dom::widget::refresh_field) instead of rebuilding
// the view. The memo test holds apps to the promise.
FieldView field_view(state::World& w, std::string_view key, bool live = false);
// Scroll containers: the offset of a clipping node keyed K lives in ui key "scroll:K" (the
// wheel, the scrollbar and the keys set it). live_scroll(w, t, node) gives the node that
// offset, read unrecorded, and marks it live: a scroll then moves its content in place
// (dom::Tree::scroll_to) instead of rebuilding the view. Call it right after adding the node,
// and read "scroll:K" nowhere else in the view without recording it (w.ui_int does).
void live_scroll(state::World& w, dom::Tree& t, int node);
// A status message at the bottom of the window for `ms` virtual milliseconds.
// With an action label and action ("Undo", "mail:undo"), the toast has that button.
void toast(state::World& w, std::string_view text, int64_t ms = 4000,
           std::string_view action_label = {}, std::string_view action = {});
// Ends a generator's transaction (install, a bench's grow): rolled back on the first SQL
// error it met, else committed.
Status end_generation(state::World& w);


}  // namespace facsim::apps
