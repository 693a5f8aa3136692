// sim/dialects.h: the action vocabularies agent frameworks speak, parsed into sim::Action.
//
// How to use:
//   sim::DialectContext ctx{.width = 1280, .height = 800, .a11y = &nodes};
//   auto p = sim::parse_action(sim::Dialect::anthropic,
//                              R"({"action":"double_click","coordinate":[600,300]})", ctx);
//   for (const sim::Action& a : p->actions) env.apply(a);          // one step each
//   auto d = sim::detect_dialect("pyautogui.click(10, 20)");       // Dialect::pyautogui
//   auto s = sim::format_action(sim::Dialect::openai, sim::Action::click(5, 6));  // the inverse
//
// Dialects (each as its framework sends it):
//   facsim      {"kind":"click","x":..,"y":..}                           (sim::action_from_json)
//   anthropic   computer_20250124 / computer_20251124 tool input, or the tool_use block
//   openai      computer_call: the item, its "action" or its batched "actions"
//   osworld     computer_13 {"action_type":"CLICK","parameters":{...}}
//   pyautogui   code strings (the call subset OSWorld agents write; never evaluated)
//   browsergym  action strings: coordinates (mouse_click(x, y)) and elements (click('bid'),
//               fill('bid', 'text')), bids being a11y ids or set-of-marks numbers
//   qwen        computer_use tool calls ({"name":"computer_use","arguments":{...}})
//   uitars      UI-TARS action strings ("Action: click(start_box='(235,512)')")
// Coordinates are screen pixels unless the context's CoordSpace says otherwise (Qwen3-VL and
// UI-TARS-1.0 use 0..1000; Qwen2.5-VL and UI-TARS-1.5 pixels of the screenshot resized to WxH);
// floats round to the nearest pixel. Malformed actions and unknown keys are errors here, before
// any step is spent.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "sim.h"

namespace facsim::sim {

enum class Dialect : uint8_t { facsim, anthropic, openai, osworld, pyautogui, browsergym, qwen, uitars };
const char* dialect_name(Dialect d);
// "anthropic" (also "computer_20250124", "computer_20251124"), "openai" ("computer_call",
// "computer_use_preview"), "osworld" ("computer_13"), "pyautogui", "browsergym", "qwen"
// ("computer_use"), "uitars" ("ui-tars"), "facsim".
Result<Dialect> parse_dialect_name(std::string_view name);

struct CoordSpace {
  enum class Kind : uint8_t { pixels, norm1000, resized } kind = Kind::pixels;
  int w = 0, h = 0;  // resized: the size of the image the agent saw
};
// "pixels", "norm1000", "resized:WxH".
Result<CoordSpace> parse_coord_space(std::string_view s);

struct DialectContext {
  int width = 1280, height = 800;  // the env's window
  CoordSpace space;
  const std::vector<dom::A11yNode>* a11y = nullptr;  // BrowserGym's element actions
  int mouse_x = 0, mouse_y = 0;    // where the pointer is (actions without a coordinate)
};

// Requests that read the screen and take no step.
enum class Query : uint8_t { none, screenshot, cursor_position, zoom };

struct Parsed {
  std::vector<Action> actions;  // the steps, in order (several for a pyautogui block)
  Query query = Query::none;
  int zoom[4] = {0, 0, 0, 0};   // zoom: x0, y0, x1, y1 in window pixels
};

Result<Parsed> parse_action(Dialect d, std::string_view action, const DialectContext& ctx);
// The one dialect `action` can be written in; an error when none or several fit.
Result<Dialect> detect_dialect(std::string_view action);
// `a` written in dialect `d` (screen pixels), for what the dialect can say.
Result<std::string> format_action(Dialect d, const Action& a);

}  // namespace facsim::sim
