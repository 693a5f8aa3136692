// Private to sim/: input routing with browser semantics (input.cpp). Everything it keeps lives
// in the world's ui table, so forks and replays carry it:
//   mouse_x, mouse_y, buttons, press, press_action, press_field, press_grab  pointer state
//   clicks, click_at, click_x, click_y          multi-click detection (virtual time)
//   focus, focus_visible                        focused element key; ring after keyboard focus
//   hover, hover_since                          tooltips show after kTooltipMs of rest
//   field:<key>, sel:<key> ("anchor caret")     text being edited; table ui_history: undo/redo
//   clipboard, overlay, menu_x, menu_y, toast, toast_until
#pragma once
#include <string>

#include "base.h"
#include "sim.h"

namespace facsim::state {
class World;
}
namespace facsim::dom {
class Tree;
struct Interaction;
}

namespace facsim::sim::detail {

constexpr int64_t kDoubleClickMs = 500;  // like the common OS default
constexpr int64_t kTooltipMs = 500;

// Routes one action against the last layout `t` (hit-testing, focus, editing, dispatch).
Status route_input(state::World& w, const dom::Tree& t, const EnvConfig& cfg, const Action& a);
// Whether a text field has the focus (typing goes into it).
bool field_focused(state::World& w, const dom::Tree& t);
// A character typed with no text field focused: a key press the open app's shortcuts may take
// (Gmail's "c", "/"); false when nothing took it.
Result<bool> type_key(state::World& w, const dom::Tree& t, std::string_view ch);
// After the app's view is built: tooltip and toast overlays, from the ui state and the clock.
void add_overlays(state::World& w, dom::Tree& t);
// After layout: hover, press, focus for painting; marks focused nodes; sets the cursor kind.
dom::Interaction interaction(state::World& w, dom::Tree& t, const EnvConfig& cfg,
                             std::string& cursor);

}  // namespace facsim::sim::detail
