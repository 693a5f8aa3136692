// apps: the work apps facsim clones, inside one browser-like shell, sharing one world.
//
// How to use:
//   apps::install_all(world);                          // schemas + seeded world generation
//   dom::Tree t;  apps::build_view(world, t, 1280, 800);   // shell chrome + the open app
//   apps::dispatch(world, "mail:open:42");             // a click routed by dom (node.action)
//   apps::submit(world, "search");                     // Enter in a text field
// An app is a schema, a world generator, a view (pure function of the world) and handlers;
// `docs/adding-an-app.md` lists the files a new app needs. Mail (apps/mail/) is the annotated
// reference app. UI session state (route, open message, search text, focus, scroll) lives in
// the world's `ui` table, so forks and replays carry it.
#pragma once
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

struct App {
  std::string_view name;    // route prefix and action namespace ("mail")
  std::string_view title;   // browser tab title
  std::string_view host;    // shown in the address bar
  Status (*install)(state::World& w);                        // schema + generated world
  void (*view)(state::World& w, dom::Tree& t, int parent);   // content under the shell chrome
  Status (*on_action)(state::World& w, std::string_view action);
  Status (*on_submit)(state::World& w, std::string_view field);
  std::string (*route)(state::World& w);                     // address bar path, e.g. "#inbox"
  // A scheduled world event "<name>.<what>" fell due (virtual time); nullptr: the app has none.
  Status (*on_event)(state::World& w, std::string_view what, std::string_view payload) = nullptr;
};

const std::vector<const App*>& all_apps();
const App* find_app(std::string_view name);

Status install_all(state::World& w);
void build_view(state::World& w, dom::Tree& t, int width, int height);
// A click (or Enter/Space on the focused element): `action` is "<app>:<command>",
// "shell:<command>", or a widget's generic "ui:<command>" (see dom.h, widget vocabulary);
// mods: the sim::Mod bits held (list selection reads ctrl and shift).
Status dispatch(state::World& w, std::string_view action, int mods = 0);
// Enter pressed in text field `field` (its node key).
Status submit(state::World& w, std::string_view field);
// Fires every scheduled event due at the world's clock, in (time, id) order, inside the
// caller's transaction: the living world (mail arrives, ...). Called by sim after each step.
Status fire_due_events(state::World& w);

// Text fields: their value lives in ui key "field:<key>", the selection in "sel:<key>".
std::string field_value(state::World& w, std::string_view key);
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
void toast(state::World& w, std::string_view text, int64_t ms = 4000);

// Formatting helpers shared by the apps (virtual clock -> display strings).
std::string format_time_short(int64_t ms, int64_t now_ms);   // "9:41 AM", "Mar 1", "3/1/25"
std::string format_time_long(int64_t ms);                    // "Mon, Mar 2, 2026, 9:41 AM"

}  // namespace facsim::apps
