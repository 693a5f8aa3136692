// sim/dialects.cpp: parsers (and writers) of the action vocabularies in dialects.h.
#include "dialects.h"

#include <boost/json.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <optional>

#include "dom.h"

namespace facsim::sim {

namespace json = boost::json;

namespace {

Error bad(std::string msg) { return Error{Errc::invalid_argument, std::move(msg)}; }
std::string q(std::string_view s) {  // "s", quoted (built by appends: GCC 12 misjudges a + chain)
  std::string r;
  r.reserve(s.size() + 2);
  r += '"';
  r.append(s);
  r += '"';
  return r;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = char(std::tolower(uint8_t(c)));
  return out;
}

constexpr int kScrollClick = 100;  // pixels of one wheel click (Anthropic's scroll_amount unit)

// [SECTION] Coordinates -------------------------------------------------------------------------
int round_px(double v) { return int(std::floor(v + 0.5)); }

std::pair<int, int> to_screen(double x, double y, const DialectContext& c) {
  switch (c.space.kind) {
    case CoordSpace::Kind::norm1000: return {round_px(x * c.width / 1000.0), round_px(y * c.height / 1000.0)};
    case CoordSpace::Kind::resized:
      return {round_px(x * c.width / std::max(1, c.space.w)), round_px(y * c.height / std::max(1, c.space.h))};
    case CoordSpace::Kind::pixels: break;
  }
  return {round_px(x), round_px(y)};
}

Result<double> num(const json::value& v, std::string_view what) {
  if (v.is_int64()) return double(v.as_int64());
  if (v.is_uint64()) return double(v.as_uint64());
  if (v.is_double() && std::isfinite(v.as_double())) return v.as_double();
  if (v.is_string()) {  // "612" (some models quote numbers)
    const std::string s(v.as_string());
    char* end = nullptr;
    const double d = std::strtod(s.c_str(), &end);
    if (!s.empty() && end && *end == 0 && std::isfinite(d)) return d;
  }
  return bad(q(what) + " must be a number");
}

// [x, y] (or {"x":..,"y":..}) in the agent's space -> window pixels.
Result<std::pair<int, int>> point(const json::value& v, std::string_view what, const DialectContext& c) {
  double x = 0, y = 0;
  if (v.is_array() && v.as_array().size() == 2) {
    auto a = num(v.as_array()[0], what), b = num(v.as_array()[1], what);
    if (!a) return a.error();
    if (!b) return b.error();
    x = *a, y = *b;
  } else if (v.is_object() && v.as_object().contains("x") && v.as_object().contains("y")) {
    auto a = num(v.as_object().at("x"), "x"), b = num(v.as_object().at("y"), "y");
    if (!a) return a.error();
    if (!b) return b.error();
    x = *a, y = *b;
  } else {
    return bad(q(what) + " must be [x, y]");
  }
  return to_screen(x, y, c);
}

const json::value* field(const json::object& o, std::string_view k) { return o.if_contains(k); }

Result<std::string> str_field(const json::object& o, std::string_view k) {
  const json::value* v = o.if_contains(k);
  if (!v || !v->is_string()) return bad("needs string \"" + std::string(k) + "\"");
  return std::string(v->as_string());
}

// Fields of an object must all be known (a typo is an error, not ignored).
Status only_fields(const json::object& o, std::initializer_list<std::string_view> known,
                   std::string_view where) {
  for (const auto& kv : o)
    if (std::find(known.begin(), known.end(), std::string_view(kv.key())) == known.end())
      return bad("unknown field \"" + std::string(kv.key()) + "\" in " + std::string(where));
  return {};
}

// A chord from key names ("ctrl", "a") or one spelled "ctrl+a": the canonical key.
Result<std::string> chord(const std::vector<std::string>& keys) {
  std::string joined;
  for (const std::string& k : keys) {
    if (!joined.empty()) joined += '+';
    joined += k == "+" ? "plus" : k;
  }
  return normalize_key(joined);
}

// A JSON list of key names pressed together (OpenAI's keypress, OSWorld's HOTKEY, Qwen's key).
Result<std::string> chord_of(const json::value* ks, std::string_view what) {
  if (!ks || !ks->is_array() || ks->as_array().empty())
    return bad(std::string(what) + " needs \"keys\": [...]");
  std::vector<std::string> names;
  for (const json::value& v : ks->as_array()) {
    if (!v.is_string()) return bad("\"keys\" must be strings");
    names.emplace_back(v.as_string());
  }
  return chord(names);
}

Result<Action> key_action(std::string_view spelled) {
  auto k = normalize_key(spelled);
  if (!k) return k.error();
  return Action::key(*k);
}

Result<int> wait_ms(double seconds) {
  const double ms = seconds * 1000.0;
  if (!(ms >= 1 && ms <= kMaxWaitMs))
    return bad("wait must be 0.001 .. " + std::to_string(kMaxWaitMs / 1000) + " seconds");
  return round_px(ms);
}

Result<json::value> parse_json(std::string_view text) {
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec) return bad("malformed JSON: " + ec.message());
  return v;
}

// [SECTION] Anthropic (computer_20250124, computer_20251124) ------------------------------------
Result<Parsed> anthropic(const json::object& in0, const DialectContext& c) {
  const json::object* in = &in0;
  if (const json::value* t = in->if_contains("type"); t && t->is_string() && t->as_string() == "tool_use") {
    const json::value* input = in->if_contains("input");
    if (!input || !input->is_object()) return bad("a tool_use block needs \"input\"");
    in = &input->as_object();
  }
  if (Status s = only_fields(*in, {"action", "coordinate", "start_coordinate", "text", "duration",
                                   "scroll_direction", "scroll_amount", "region", "repeat"},
                             "a computer tool input");
      !s)
    return s.error();
  auto act = str_field(*in, "action");
  if (!act) return act.error();
  const std::string& a = *act;
  Parsed p;
  auto at = [&](std::string_view k) -> Result<std::pair<int, int>> {
    const json::value* v = field(*in, k);
    if (!v) return std::pair{c.mouse_x, c.mouse_y};  // no coordinate: where the pointer is
    return point(*v, k, c);
  };
  auto mods = [&]() -> Result<int> {  // "text" on clicks and scrolls: keys held
    const json::value* v = field(*in, "text");
    if (!v) return 0;
    if (!v->is_string()) return bad("\"text\" must be a string of modifier keys");
    return parse_mods(std::string_view(v->as_string()));
  };
  if (a == "screenshot") {
    p.query = Query::screenshot;
    return p;
  }
  if (a == "cursor_position") {
    p.query = Query::cursor_position;
    return p;
  }
  if (a == "zoom") {
    const json::value* r = field(*in, "region");
    if (!r || !r->is_array() || r->as_array().size() != 4) return bad("zoom needs \"region\": [x0, y0, x1, y1]");
    double v[4];
    for (int i = 0; i < 4; ++i) {
      auto n = num(r->as_array()[size_t(i)], "region");
      if (!n) return n.error();
      v[i] = *n;
    }
    const auto [x0, y0] = to_screen(v[0], v[1], c);
    const auto [x1, y1] = to_screen(v[2], v[3], c);
    if (x1 <= x0 || y1 <= y0) return bad("zoom's region must have x1 > x0 and y1 > y0");
    p.query = Query::zoom;
    p.zoom[0] = x0, p.zoom[1] = y0, p.zoom[2] = x1, p.zoom[3] = y1;
    return p;
  }
  if (a == "key") {
    auto t = str_field(*in, "text");
    if (!t) return t.error();
    int repeat = 1;
    if (const json::value* r = field(*in, "repeat")) {
      auto n = num(*r, "repeat");
      if (!n || *n < 1 || *n > 100) return bad("\"repeat\" must be 1 .. 100");
      repeat = int(*n);
    }
    // xdotool: space-separated keys are pressed one after another.
    std::vector<Action> keys;
    for (size_t i = 0; i < t->size();) {
      const size_t sp = std::min(t->find(' ', i), t->size());
      if (sp > i) {
        auto k = key_action(t->substr(i, sp - i));
        if (!k) return k.error();
        keys.push_back(*k);
      }
      i = sp + 1;
    }
    if (keys.empty()) return bad("key needs \"text\": a key such as \"Return\" or \"ctrl+s\"");
    std::vector<Action> all;
    for (int r = 0; r < repeat; ++r) all.insert(all.end(), keys.begin(), keys.end());
    p.actions.push_back(all.size() == 1 ? all[0] : Action::seq(std::move(all)));
    return p;
  }
  if (a == "hold_key") {  // a key held alone changes nothing here: the time passes
    auto t = str_field(*in, "text");
    if (!t) return t.error();
    if (auto k = normalize_key(*t); !k) return k.error();
    const json::value* d = field(*in, "duration");
    if (!d) return bad("hold_key needs \"duration\" (seconds)");
    auto sec = num(*d, "duration");
    if (!sec) return sec.error();
    auto ms = wait_ms(*sec);
    if (!ms) return ms.error();
    p.actions.push_back(Action::wait(*ms));
    return p;
  }
  if (a == "type") {
    auto t = str_field(*in, "text");
    if (!t) return t.error();
    p.actions.push_back(Action::type(*t));
    return p;
  }
  if (a == "wait") {
    double sec = 1;
    if (const json::value* d = field(*in, "duration")) {
      auto n = num(*d, "duration");
      if (!n) return n.error();
      sec = *n;
    }
    auto ms = wait_ms(sec);
    if (!ms) return ms.error();
    p.actions.push_back(Action::wait(*ms));
    return p;
  }
  if (a == "mouse_move") {
    if (!field(*in, "coordinate")) return bad("mouse_move needs \"coordinate\"");
    auto xy = at("coordinate");
    if (!xy) return xy.error();
    p.actions.push_back(Action::move(xy->first, xy->second));
    return p;
  }
  if (a == "left_mouse_down" || a == "left_mouse_up") {
    auto xy = at("coordinate");
    if (!xy) return xy.error();
    p.actions.push_back(a == "left_mouse_down" ? Action::down(xy->first, xy->second)
                                               : Action::up(xy->first, xy->second));
    return p;
  }
  if (a == "left_click" || a == "right_click" || a == "middle_click" || a == "double_click" ||
      a == "triple_click") {
    auto xy = at("coordinate");
    if (!xy) return xy.error();
    auto m = mods();
    if (!m) return m.error();
    const int button = a == "right_click" ? 2 : a == "middle_click" ? 1 : 0;
    const int count = a == "double_click" ? 2 : a == "triple_click" ? 3 : 1;
    p.actions.push_back(Action::clicks(xy->first, xy->second, count, button, *m));
    return p;
  }
  if (a == "left_click_drag") {
    if (!field(*in, "coordinate")) return bad("left_click_drag needs \"coordinate\"");
    auto from = at("start_coordinate"), to = at("coordinate");
    if (!from) return from.error();
    if (!to) return to.error();
    auto m = mods();
    if (!m) return m.error();
    p.actions.push_back(Action::drag({*from, *to}, *m));
    return p;
  }
  if (a == "scroll") {
    auto xy = at("coordinate");
    if (!xy) return xy.error();
    auto dir = str_field(*in, "scroll_direction");
    if (!dir) return dir.error();
    double amount = 3;
    if (const json::value* n = field(*in, "scroll_amount")) {
      auto v = num(*n, "scroll_amount");
      if (!v) return v.error();
      amount = *v;
    }
    if (amount < 0 || amount > 100) return bad("\"scroll_amount\" must be 0 .. 100");
    const int px = round_px(amount * kScrollClick);
    Action s = Action::scroll(xy->first, xy->second, 0);
    if (*dir == "down") s.dy = px;
    else if (*dir == "up") s.dy = -px;
    else if (*dir == "right") s.dx = px;
    else if (*dir == "left") s.dx = -px;
    else return bad("\"scroll_direction\" must be up, down, left or right");
    auto m = mods();
    if (!m) return m.error();
    s.mods = *m;
    p.actions.push_back(s);
    return p;
  }
  return bad("unknown computer tool action '" + a + "'");
}

// [SECTION] OpenAI computer_call -----------------------------------------------------------------
Result<Action> openai_one(const json::object& o, const DialectContext& c, Query& query) {
  auto type = str_field(o, "type");
  if (!type) return type.error();
  const std::string& t = *type;
  auto xy = [&]() -> Result<std::pair<int, int>> {
    if (!o.contains("x") || !o.contains("y")) return bad(t + " needs \"x\" and \"y\"");
    auto x = num(o.at("x"), "x"), y = num(o.at("y"), "y");
    if (!x) return x.error();
    if (!y) return y.error();
    return to_screen(*x, *y, c);
  };
  auto held = [&]() -> Result<int> {  // "keys": modifiers held during a click or scroll
    const json::value* k = o.if_contains("keys");
    if (!k || k->is_null()) return 0;
    if (!k->is_array()) return bad("\"keys\" must be a list");
    int bits = 0;
    for (const json::value& v : k->as_array()) {
      if (!v.is_string()) return bad("\"keys\" must be strings");
      auto b = parse_mods(std::string_view(v.as_string()));
      if (!b) return b.error();
      bits |= *b;
    }
    return bits;
  };
  if (t == "screenshot") {
    query = Query::screenshot;
    return Action::noop();
  }
  if (t == "click" || t == "double_click") {
    if (Status s = only_fields(o, {"type", "x", "y", "button", "keys"}, "a click"); !s) return s.error();
    auto p = xy();
    if (!p) return p.error();
    std::string button = "left";
    if (const json::value* b = o.if_contains("button")) {
      if (!b->is_string()) return bad("\"button\" must be a string");
      button = std::string(b->as_string());
    }
    if (button == "back" || button == "forward")  // the mouse's side buttons: history
      return Action::key(button == "back" ? "Alt+ArrowLeft" : "Alt+ArrowRight");
    if (button != "left" && button != "right" && button != "wheel" && button != "middle")
      return bad("\"button\" must be left, right, wheel, back or forward");
    auto m = held();
    if (!m) return m.error();
    return Action::clicks(p->first, p->second, t == "double_click" ? 2 : 1,
                          button == "right" ? 2 : (button == "wheel" || button == "middle") ? 1 : 0, *m);
  }
  if (t == "move") {
    if (Status s = only_fields(o, {"type", "x", "y", "keys"}, "a move"); !s) return s.error();
    auto p = xy();
    if (!p) return p.error();
    return Action::move(p->first, p->second);
  }
  if (t == "drag") {
    if (Status s = only_fields(o, {"type", "path", "keys"}, "a drag"); !s) return s.error();
    const json::value* path = o.if_contains("path");
    if (!path || !path->is_array()) return bad("drag needs \"path\": [{\"x\":..,\"y\":..}, ...]");
    std::vector<std::pair<int, int>> pts;
    for (const json::value& v : path->as_array()) {
      auto q = point(v, "path", c);
      if (!q) return q.error();
      pts.push_back(*q);
    }
    if (pts.size() < 2 || pts.size() > size_t(kMaxPath))
      return bad("a drag's path needs 2 .. " + std::to_string(kMaxPath) + " points");
    auto m = held();
    if (!m) return m.error();
    return Action::drag(std::move(pts), *m);
  }
  if (t == "keypress") {
    if (Status s = only_fields(o, {"type", "keys"}, "a keypress"); !s) return s.error();
    auto ch = chord_of(o.if_contains("keys"), "keypress");
    if (!ch) return ch.error();
    return Action::key(*ch);
  }
  if (t == "scroll") {
    if (Status s = only_fields(o, {"type", "x", "y", "scroll_x", "scroll_y", "keys"}, "a scroll"); !s)
      return s.error();
    auto p = xy();
    if (!p) return p.error();
    Action a = Action::scroll(p->first, p->second, 0);
    for (auto [k, out] : {std::pair{"scroll_y", &a.dy}, {"scroll_x", &a.dx}})
      if (const json::value* v = o.if_contains(k)) {
        auto n = num(*v, k);
        if (!n) return n.error();
        *out = round_px(*n);
      }
    auto m = held();
    if (!m) return m.error();
    a.mods = *m;
    return a;
  }
  if (t == "type") {
    if (Status s = only_fields(o, {"type", "text"}, "a type"); !s) return s.error();
    auto text = str_field(o, "text");
    if (!text) return text.error();
    return Action::type(*text);
  }
  if (t == "wait") {  // no duration in the API; its samples wait 2 s
    int ms = 2000;
    if (const json::value* v = o.if_contains("ms")) {
      auto n = num(*v, "ms");
      if (!n || *n < 1 || *n > kMaxWaitMs) return bad("\"ms\" must be 1 .. " + std::to_string(kMaxWaitMs));
      ms = round_px(*n);
    }
    return Action::wait(ms);
  }
  return bad("unknown computer_call action type '" + t + "'");
}

Result<Parsed> openai(const json::object& o, const DialectContext& c) {
  Parsed p;
  const json::object* item = &o;
  // The output item ({"type":"computer_call","action":{...}} or "actions": [...]).
  const json::value* single = o.if_contains("action");
  const json::value* batch = o.if_contains("actions");
  if (!single && !batch) {
    Query q = Query::none;
    auto a = openai_one(*item, c, q);
    if (!a) return a.error();
    p.query = q;
    if (q == Query::none) p.actions.push_back(*a);
    return p;
  }
  std::vector<const json::value*> list;
  if (single) list.push_back(single);
  if (batch) {
    if (!batch->is_array()) return bad("\"actions\" must be a list");
    for (const json::value& v : batch->as_array()) list.push_back(&v);
  }
  std::vector<Action> steps;
  for (const json::value* v : list) {
    if (!v->is_object()) return bad("a computer_call action must be an object");
    Query q = Query::none;
    auto a = openai_one(v->as_object(), c, q);
    if (!a) return a.error();
    if (q != Query::none) {
      if (list.size() == 1) {
        p.query = q;
        return p;
      }
      continue;  // a screenshot inside a batch: the reply carries one anyway
    }
    steps.push_back(*a);
  }
  if (steps.size() == 1) p.actions.push_back(steps[0]);
  else if (!steps.empty()) p.actions.push_back(Action::seq(std::move(steps)));  // one step
  else p.query = Query::screenshot;
  return p;
}

// [SECTION] OSWorld computer_13 -------------------------------------------------------------------
Result<Parsed> osworld(const json::object& o, const DialectContext& c) {
  auto type = str_field(o, "action_type");
  if (!type) return type.error();
  const std::string t = lower(*type);
  const json::object* params = &o;
  if (const json::value* pv = o.if_contains("parameters")) {
    if (!pv->is_object()) return bad("\"parameters\" must be an object");
    params = &pv->as_object();
  }
  Parsed p;
  auto xy = [&](bool required) -> Result<std::pair<int, int>> {
    const bool has = params->contains("x") && params->contains("y");
    if (!has) {
      if (required) return bad(*type + " needs \"x\" and \"y\"");
      return std::pair{c.mouse_x, c.mouse_y};
    }
    auto x = num(params->at("x"), "x"), y = num(params->at("y"), "y");
    if (!x) return x.error();
    if (!y) return y.error();
    return to_screen(*x, *y, c);
  };
  auto button = [&]() -> Result<int> {
    const json::value* b = params->if_contains("button");
    if (!b) return 0;
    if (!b->is_string()) return bad("\"button\" must be a string");
    const std::string s = lower(b->as_string());
    if (s == "left") return 0;
    if (s == "middle") return 1;
    if (s == "right") return 2;
    return bad("\"button\" must be left, middle or right");
  };
  if (t == "move_to") {
    auto q = xy(true);
    if (!q) return q.error();
    p.actions.push_back(Action::move(q->first, q->second));
  } else if (t == "click" || t == "right_click" || t == "double_click") {
    auto q = xy(false);
    if (!q) return q.error();
    auto b = button();
    if (!b) return b.error();
    int n = t == "double_click" ? 2 : 1;
    if (const json::value* k = params->if_contains("num_clicks")) {
      auto v = num(*k, "num_clicks");
      if (!v || *v < 1 || *v > 3) return bad("\"num_clicks\" must be 1 .. 3");
      n = int(*v);
    }
    p.actions.push_back(Action::clicks(q->first, q->second, n, t == "right_click" ? 2 : *b));
  } else if (t == "mouse_down" || t == "mouse_up") {
    auto b = button();
    if (!b) return b.error();
    Action a = t == "mouse_down" ? Action::down(c.mouse_x, c.mouse_y) : Action::up(c.mouse_x, c.mouse_y);
    a.button = *b;
    p.actions.push_back(a);
  } else if (t == "drag_to") {
    auto q = xy(true);
    if (!q) return q.error();
    p.actions.push_back(Action::drag({{c.mouse_x, c.mouse_y}, *q}));
  } else if (t == "scroll") {  // dx, dy in wheel clicks, pyautogui's sense (dy > 0: up)
    Action a = Action::scroll(c.mouse_x, c.mouse_y, 0);
    for (auto [k, sign, out] : {std::tuple{"dy", -1, &a.dy}, {"dx", 1, &a.dx}})
      if (const json::value* v = params->if_contains(k)) {
        auto n = num(*v, k);
        if (!n) return n.error();
        *out = sign * round_px(*n * kScrollClick);
      }
    p.actions.push_back(a);
  } else if (t == "typing") {
    auto text = str_field(*params, "text");
    if (!text) return text.error();
    p.actions.push_back(Action::type(*text));
  } else if (t == "press" || t == "key_down" || t == "key_up") {
    auto k = str_field(*params, "key");
    if (!k) return k.error();
    auto key = normalize_key(*k);
    if (!key) return key.error();
    // A key held or let go alone changes nothing here (no app reads a held key).
    p.actions.push_back(t == "press" ? Action::key(*key) : Action::noop());
  } else if (t == "hotkey") {
    auto ch = chord_of(params->if_contains("keys"), "HOTKEY");
    if (!ch) return ch.error();
    p.actions.push_back(Action::key(*ch));
  } else if (t == "wait") {
    p.actions.push_back(Action::wait(1000));
  } else if (t == "fail") {
    p.actions.push_back(Action::infeasible("FAIL"));
  } else if (t == "done") {
    p.actions.push_back(Action::done());
  } else {
    return bad("unknown computer_13 action_type '" + *type + "'");
  }
  return p;
}

// [SECTION] Python-call strings (pyautogui, BrowserGym, UI-TARS) --------------------------------
// A value in a call: a number, a string, a list/tuple of values, True/False/None.
struct PyVal {
  enum class T : uint8_t { num, str, list, boolean, none } t = T::none;
  double n = 0;
  std::string s;
  std::vector<PyVal> items;
  bool b = false;
};
struct Call {
  std::string name;  // "pyautogui.click", "click", "time.sleep"
  std::vector<PyVal> args;
  std::vector<std::pair<std::string, PyVal>> kwargs;
  const PyVal* kw(std::string_view k) const {
    for (const auto& [name, v] : kwargs)
      if (name == k) return &v;
    return nullptr;
  }
  // Positional i, else keyword k.
  const PyVal* arg(size_t i, std::string_view k) const {
    if (const PyVal* v = kw(k)) return v;
    return i < args.size() ? &args[i] : nullptr;
  }
};

class PyParser {
 public:
  explicit PyParser(std::string_view s) : s_(s) {}
  // Statements separated by newlines or ';'; "import ..." lines and comments skipped.
  Result<std::vector<Call>> calls() {
    std::vector<Call> out;
    while (true) {
      skip_space_and_separators();
      if (i_ >= s_.size()) break;
      if (word_at("import ") || word_at("from ")) {
        while (i_ < s_.size() && s_[i_] != '\n' && s_[i_] != ';') ++i_;
        continue;
      }
      auto c = call();
      if (!c) return c.error();
      out.push_back(std::move(*c));
    }
    return out;
  }

 private:
  bool word_at(std::string_view w) const { return s_.substr(i_, w.size()) == w; }
  void skip_blank() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\r')) ++i_;
  }
  void skip_space_and_separators() {
    while (i_ < s_.size()) {
      const char c = s_[i_];
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ';') {
        ++i_;
      } else if (c == '#') {
        while (i_ < s_.size() && s_[i_] != '\n') ++i_;
      } else {
        break;
      }
    }
  }
  Result<Call> call() {
    Call c;
    const size_t start = i_;
    while (i_ < s_.size() && (std::isalnum(uint8_t(s_[i_])) || s_[i_] == '_' || s_[i_] == '.')) ++i_;
    c.name = std::string(s_.substr(start, i_ - start));
    skip_blank();
    if (c.name.empty() || i_ >= s_.size() || s_[i_] != '(')
      return bad("expected a call like name(...) at '" + std::string(s_.substr(start, 30)) + "'");
    ++i_;
    skip_blank_lines();
    if (i_ < s_.size() && s_[i_] == ')') {
      ++i_;
      return c;
    }
    while (true) {
      skip_blank_lines();
      // keyword=value?
      size_t save = i_;
      std::string key;
      while (i_ < s_.size() && (std::isalnum(uint8_t(s_[i_])) || s_[i_] == '_')) key += s_[i_++];
      skip_blank();
      if (!key.empty() && i_ < s_.size() && s_[i_] == '=' && (i_ + 1 >= s_.size() || s_[i_ + 1] != '=')) {
        ++i_;
        skip_blank_lines();
        auto v = value();
        if (!v) return v.error();
        c.kwargs.emplace_back(key, std::move(*v));
      } else {
        i_ = save;
        auto v = value();
        if (!v) return v.error();
        if (!c.kwargs.empty()) return bad("a positional argument after a keyword in " + c.name);
        c.args.push_back(std::move(*v));
      }
      skip_blank_lines();
      if (i_ < s_.size() && s_[i_] == ',') {
        ++i_;
        skip_blank_lines();
        if (i_ < s_.size() && s_[i_] == ')') {
          ++i_;
          return c;
        }
        continue;
      }
      if (i_ < s_.size() && s_[i_] == ')') {
        ++i_;
        return c;
      }
      return bad("expected ',' or ')' in " + c.name + "(...)");
    }
  }
  void skip_blank_lines() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\r' || s_[i_] == '\n')) ++i_;
  }
  Result<PyVal> value() {
    skip_blank_lines();
    if (i_ >= s_.size()) return bad("a value is missing");
    const char c = s_[i_];
    PyVal v;
    if (c == '\'' || c == '"') {
      auto str = string();
      if (!str) return str.error();
      v.t = PyVal::T::str;
      v.s = std::move(*str);
      return v;
    }
    if (c == '[' || c == '(') {
      const char close = c == '[' ? ']' : ')';
      ++i_;
      v.t = PyVal::T::list;
      while (true) {
        skip_blank_lines();
        if (i_ < s_.size() && s_[i_] == close) {
          ++i_;
          return v;
        }
        auto item = value();
        if (!item) return item.error();
        v.items.push_back(std::move(*item));
        skip_blank_lines();
        if (i_ < s_.size() && s_[i_] == ',') ++i_;
        else if (i_ >= s_.size() || s_[i_] != close) return bad("an unclosed list");
      }
    }
    for (auto [word, t, b] : {std::tuple{"True", PyVal::T::boolean, true},
                              {"False", PyVal::T::boolean, false}, {"None", PyVal::T::none, false}})
      if (word_at(word)) {
        i_ += std::string_view(word).size();
        v.t = t;
        v.b = b;
        return v;
      }
    // A number (int or float, signed).
    const size_t start = i_;
    if (s_[i_] == '-' || s_[i_] == '+') ++i_;
    while (i_ < s_.size() && (std::isdigit(uint8_t(s_[i_])) || s_[i_] == '.' || s_[i_] == 'e' ||
                              s_[i_] == 'E'))
      ++i_;
    const std::string text(s_.substr(start, i_ - start));
    char* end = nullptr;
    const double d = text.empty() ? 0 : std::strtod(text.c_str(), &end);
    if (text.empty() || !end || *end || !std::isfinite(d))
      return bad("not a value at '" + std::string(s_.substr(start, 20)) + "' (code is never run)");
    v.t = PyVal::T::num;
    v.n = d;
    return v;
  }
  Result<std::string> string() {
    const char q = s_[i_++];
    // Triple quotes too.
    const bool triple = s_.substr(i_, 2) == std::string(2, q);
    if (triple) i_ += 2;
    std::string out;
    while (i_ < s_.size()) {
      const char c = s_[i_];
      if (c == q && (!triple || s_.substr(i_, 3) == std::string(3, q))) {
        i_ += triple ? 3 : 1;
        return out;
      }
      if (c == '\\' && i_ + 1 < s_.size()) {
        const char e = s_[i_ + 1];
        i_ += 2;
        switch (e) {
          case 'n': out += '\n'; break;
          case 't': out += '\t'; break;
          case 'r': out += '\r'; break;
          case '\\': out += '\\'; break;
          case '\'': out += '\''; break;
          case '"': out += '"'; break;
          default: out += '\\'; out += e; break;
        }
        continue;
      }
      out += c;
      ++i_;
    }
    return bad("an unclosed string");
  }
  std::string_view s_;
  size_t i_ = 0;
};

Result<double> pnum(const PyVal* v, std::string_view what) {
  if (!v) return bad("missing " + std::string(what));
  if (v->t == PyVal::T::num) return v->n;
  return bad(std::string(what) + " must be a number");
}
Result<std::string> pstr(const PyVal* v, std::string_view what) {
  if (!v) return bad("missing " + std::string(what));
  if (v->t == PyVal::T::str) return v->s;
  return bad(std::string(what) + " must be a string");
}
bool given(const PyVal* v) { return v && v->t != PyVal::T::none; }

// (x, y) from positional 0/1 or x=/y= (or one tuple); the pointer's place when absent.
Result<std::pair<int, int>> call_xy(const Call& c, const DialectContext& ctx, size_t first = 0) {
  const PyVal* x = c.arg(first, "x");
  const PyVal* y = c.arg(first + 1, "y");
  if (x && x->t == PyVal::T::list && x->items.size() == 2 && !c.kw("y")) {
    y = &x->items[1];
    x = &x->items[0];
  }
  if (!given(x) && !given(y)) return std::pair{ctx.mouse_x, ctx.mouse_y};
  auto a = pnum(x, "x"), b = pnum(y, "y");
  if (!a) return a.error();
  if (!b) return b.error();
  return to_screen(*a, *b, ctx);
}

Result<int> py_button(const Call& c, size_t pos = 99) {
  const PyVal* b = c.arg(pos, "button");
  if (!given(b)) return 0;
  auto s = pstr(b, "button");
  if (!s) return s.error();
  const std::string l = lower(*s);
  if (l == "left" || l == "primary") return 0;
  if (l == "middle") return 1;
  if (l == "right" || l == "secondary") return 2;
  return bad("button must be 'left', 'middle' or 'right'");
}

std::vector<std::string> key_list(const PyVal& v) {
  std::vector<std::string> out;
  if (v.t == PyVal::T::str) out.push_back(v.s);
  for (const PyVal& i : v.items)
    if (i.t == PyVal::T::str) out.push_back(i.s);
  return out;
}

Result<Parsed> pyautogui(std::string_view code, const DialectContext& ctx) {
  PyParser parser(code);
  auto calls = parser.calls();
  if (!calls) return calls.error();
  if (calls->empty()) return bad("no pyautogui call");
  Parsed p;
  DialectContext c = ctx;  // the pointer moves along the block
  std::vector<Action> steps;
  // moveTo/dragTo(x, y) go to a point; move/moveRel/drag/dragRel(xOffset, yOffset) go by one.
  auto target = [&](const Call& call, bool absolute) -> Result<std::pair<int, int>> {
    if (absolute) return call_xy(call, c);
    auto dx = pnum(call.arg(0, "xOffset"), "xOffset"), dy = pnum(call.arg(1, "yOffset"), "yOffset");
    if (!dx) return dx.error();
    if (!dy) return dy.error();
    return std::pair{c.mouse_x + round_px(*dx), c.mouse_y + round_px(*dy)};
  };
  for (const Call& call : *calls) {
    std::string f = call.name;
    if (f == "time.sleep" || f == "sleep") {
      auto s = pnum(call.arg(0, "secs"), "seconds");
      if (!s) return s.error();
      auto ms = wait_ms(*s);
      if (!ms) return ms.error();
      steps.push_back(Action::wait(*ms));
      continue;
    }
    if (f.rfind("pyautogui.", 0) != 0) return bad("not a pyautogui call: " + f + "(...)");
    f = f.substr(10);
    if (f == "click" || f == "doubleClick" || f == "tripleClick" || f == "rightClick" ||
        f == "middleClick" || f == "leftClick") {
      auto xy = call_xy(call, c);
      if (!xy) return xy.error();
      auto b = py_button(call, f == "click" ? 4 : 99);
      if (!b) return b.error();
      int n = f == "doubleClick" ? 2 : f == "tripleClick" ? 3 : 1;
      if (const PyVal* k = call.arg(f == "click" ? 2 : 99, "clicks"); given(k)) {
        auto v = pnum(k, "clicks");
        if (!v || *v < 1 || *v > 3) return bad("clicks must be 1 .. 3");
        n = int(*v);
      }
      const int button = f == "rightClick" ? 2 : f == "middleClick" ? 1 : *b;
      steps.push_back(Action::clicks(xy->first, xy->second, n, button));
      c.mouse_x = xy->first, c.mouse_y = xy->second;
    } else if (f == "moveTo" || f == "move" || f == "moveRel") {
      auto xy = target(call, f == "moveTo");
      if (!xy) return xy.error();
      steps.push_back(Action::move(xy->first, xy->second));
      c.mouse_x = xy->first, c.mouse_y = xy->second;
    } else if (f == "dragTo" || f == "drag" || f == "dragRel") {
      auto xy = target(call, f == "dragTo");
      if (!xy) return xy.error();
      const std::pair<int, int> to = *xy;
      steps.push_back(Action::drag({{c.mouse_x, c.mouse_y}, to}));
      c.mouse_x = to.first, c.mouse_y = to.second;
    } else if (f == "mouseDown" || f == "mouseUp") {
      auto xy = call_xy(call, c);
      if (!xy) return xy.error();
      auto b = py_button(call, 2);
      if (!b) return b.error();
      Action a = f == "mouseDown" ? Action::down(xy->first, xy->second) : Action::up(xy->first, xy->second);
      a.button = *b;
      steps.push_back(a);
      c.mouse_x = xy->first, c.mouse_y = xy->second;
    } else if (f == "scroll" || f == "vscroll" || f == "hscroll") {
      auto clicks = pnum(call.arg(0, "clicks"), "clicks");
      if (!clicks) return clicks.error();
      auto xy = call_xy(call, c, 1);
      if (!xy) return xy.error();
      Action a = Action::scroll(xy->first, xy->second, 0);
      if (f == "hscroll") a.dx = round_px(*clicks * kScrollClick);
      else a.dy = -round_px(*clicks * kScrollClick);  // pyautogui: positive scrolls up
      steps.push_back(a);
    } else if (f == "write" || f == "typewrite") {
      const PyVal* m = call.arg(0, "message");
      if (!m) return bad(f + " needs the text");
      if (m->t == PyVal::T::list) {  // typewrite(['a', 'enter']): key presses
        for (const std::string& k : key_list(*m)) {
          auto a = key_action(k);
          if (!a) return a.error();
          steps.push_back(*a);
        }
      } else {
        auto t = pstr(m, "message");
        if (!t) return t.error();
        steps.push_back(Action::type(*t));
      }
    } else if (f == "press") {
      const PyVal* k = call.arg(0, "keys");
      if (!k) return bad("press needs a key");
      int presses = 1;
      if (const PyVal* n = call.arg(1, "presses"); given(n)) {
        auto v = pnum(n, "presses");
        if (!v || *v < 1 || *v > 100) return bad("presses must be 1 .. 100");
        presses = int(*v);
      }
      for (int r = 0; r < presses; ++r)
        for (const std::string& name : key_list(*k)) {
          auto a = key_action(name);
          if (!a) return a.error();
          steps.push_back(*a);
        }
    } else if (f == "hotkey") {
      std::vector<std::string> names;
      for (const PyVal& v : call.args) {
        auto s = pstr(&v, "key");
        if (!s) return s.error();
        names.push_back(*s);
      }
      auto ch = chord(names);
      if (!ch) return ch.error();
      steps.push_back(Action::key(*ch));
    } else if (f == "keyDown" || f == "keyUp") {  // a key held alone changes nothing here
      auto k = pstr(call.arg(0, "key"), "key");
      if (!k) return k.error();
      if (auto n = normalize_key(*k); !n) return n.error();
    } else {
      return bad("pyautogui." + f + " is not supported");
    }
  }
  if (steps.empty()) steps.push_back(Action::noop());
  p.actions.push_back(steps.size() == 1 ? steps[0] : Action::seq(std::move(steps)));  // a block: one step
  return p;
}

// BrowserGym: bids name a11y nodes (their id, key, or set-of-marks number).
Result<std::pair<int, int>> bid_center(const std::string& bid, const DialectContext& c) {
  if (!c.a11y) return bad("element actions need the env's accessibility tree");
  const bool number = !bid.empty() && std::all_of(bid.begin(), bid.end(), ::isdigit);
  for (const dom::A11yNode& n : *c.a11y)
    if (n.id == bid || n.key == bid || (number && n.mark == std::atoi(bid.c_str()))) {
      if (n.box.w <= 0 || n.box.h <= 0) return bad("element '" + bid + "' is not on screen");
      return std::pair{n.box.x + n.box.w / 2, n.box.y + n.box.h / 2};
    }
  return bad("no element with bid '" + bid + "' (a11y ids, keys or set-of-marks numbers)");
}

Result<Parsed> browsergym(std::string_view code, const DialectContext& ctx) {
  PyParser parser(code);
  auto calls = parser.calls();
  if (!calls) return calls.error();
  if (calls->empty()) return bad("no BrowserGym action");
  Parsed p;
  std::vector<Action> steps;
  DialectContext c = ctx;
  auto at_bid = [&](const Call& call) -> Result<std::pair<int, int>> {
    const PyVal* b = call.arg(0, "bid");
    if (!b) return bad(call.name + " needs a bid");
    std::string bid = b->t == PyVal::T::num ? std::to_string(int(b->n)) : b->s;
    return bid_center(bid, c);
  };
  auto held = [&](const Call& call) -> Result<int> {
    const PyVal* m = call.kw("modifiers");
    if (!given(m)) return 0;
    int bits = 0;
    for (const std::string& k : key_list(*m)) {
      auto b = parse_mods(k == "ControlOrMeta" ? "Control" : k);
      if (!b) return b.error();
      bits |= *b;
    }
    return bits;
  };
  auto playwright_key = [](std::string k) {
    for (size_t p; (p = k.find("ControlOrMeta")) != std::string::npos;) k.replace(p, 13, "Control");
    return k;
  };
  std::optional<Action> ending;
  for (const Call& call : *calls) {
    const std::string& f = call.name;
    if (f == "noop") {
      if (const PyVal* ms = call.arg(0, "wait_ms"); given(ms)) {
        auto v = pnum(ms, "wait_ms");
        if (!v || *v < 1 || *v > kMaxWaitMs) return bad("wait_ms must be 1 .. " + std::to_string(kMaxWaitMs));
        steps.push_back(Action::wait(round_px(*v)));
      }
    } else if (f == "mouse_move" || f == "mouse_click" || f == "mouse_dblclick" ||
               f == "mouse_down" || f == "mouse_up") {
      auto xy = call_xy(call, c);
      if (!xy) return xy.error();
      auto b = py_button(call, 2);
      if (!b) return b.error();
      Action a = f == "mouse_move"       ? Action::move(xy->first, xy->second)
                 : f == "mouse_down"     ? Action::down(xy->first, xy->second)
                 : f == "mouse_up"       ? Action::up(xy->first, xy->second)
                 : Action::clicks(xy->first, xy->second, f == "mouse_dblclick" ? 2 : 1);
      a.button = *b;
      steps.push_back(a);
      c.mouse_x = xy->first, c.mouse_y = xy->second;
    } else if (f == "mouse_drag_and_drop") {
      auto x0 = pnum(call.arg(0, "from_x"), "from_x"), y0 = pnum(call.arg(1, "from_y"), "from_y");
      auto x1 = pnum(call.arg(2, "to_x"), "to_x"), y1 = pnum(call.arg(3, "to_y"), "to_y");
      for (auto* r : {&x0, &y0, &x1, &y1})
        if (!*r) return r->error();
      steps.push_back(Action::drag({to_screen(*x0, *y0, c), to_screen(*x1, *y1, c)}));
    } else if (f == "keyboard_press") {
      auto k = pstr(call.arg(0, "key"), "key");
      if (!k) return k.error();
      auto a = key_action(playwright_key(*k));
      if (!a) return a.error();
      steps.push_back(*a);
    } else if (f == "keyboard_down" || f == "keyboard_up") {
      auto k = pstr(call.arg(0, "key"), "key");
      if (!k) return k.error();
      if (auto n = normalize_key(playwright_key(*k)); !n) return n.error();
    } else if (f == "keyboard_type" || f == "keyboard_insert_text") {
      auto t = pstr(call.arg(0, "text"), "text");
      if (!t) return t.error();
      steps.push_back(Action::type(*t));
    } else if (f == "scroll") {
      auto dx = pnum(call.arg(0, "delta_x"), "delta_x"), dy = pnum(call.arg(1, "delta_y"), "delta_y");
      if (!dx) return dx.error();
      if (!dy) return dy.error();
      Action a = Action::scroll(c.mouse_x, c.mouse_y, round_px(*dy));
      a.dx = round_px(*dx);
      steps.push_back(a);
    } else if (f == "click" || f == "dblclick" || f == "hover" || f == "focus") {
      auto xy = at_bid(call);
      if (!xy) return xy.error();
      auto b = py_button(call, 1);
      if (!b) return b.error();
      auto m = held(call);
      if (!m) return m.error();
      if (f == "hover") steps.push_back(Action::move(xy->first, xy->second));
      else steps.push_back(Action::clicks(xy->first, xy->second, f == "dblclick" ? 2 : 1, *b, *m));
      c.mouse_x = xy->first, c.mouse_y = xy->second;
    } else if (f == "fill" || f == "clear" || f == "press") {
      auto xy = at_bid(call);
      if (!xy) return xy.error();
      steps.push_back(Action::click(xy->first, xy->second));
      if (f == "press") {
        auto k = pstr(call.arg(1, "key_comb"), "key_comb");
        if (!k) return k.error();
        auto a = key_action(playwright_key(*k));
        if (!a) return a.error();
        steps.push_back(*a);
      } else {
        steps.push_back(Action::key("Control+a"));
        steps.push_back(Action::key("Backspace"));
        if (f == "fill") {
          auto v = pstr(call.arg(1, "value"), "value");
          if (!v) return v.error();
          if (!v->empty()) steps.push_back(Action::type(*v));
        }
      }
      c.mouse_x = xy->first, c.mouse_y = xy->second;
    } else if (f == "drag_and_drop") {
      auto from = at_bid(call);
      if (!from) return from.error();
      const PyVal* to_v = call.arg(1, "to_bid");
      if (!to_v) return bad("drag_and_drop needs to_bid");
      auto to = bid_center(to_v->t == PyVal::T::num ? std::to_string(int(to_v->n)) : to_v->s, c);
      if (!to) return to.error();
      steps.push_back(Action::drag({*from, *to}));
    } else if (f == "go_back" || f == "go_forward") {
      steps.push_back(Action::key(f == "go_back" ? "Alt+ArrowLeft" : "Alt+ArrowRight"));
    } else if (f == "send_msg_to_user") {
      auto t = pstr(call.arg(0, "text"), "text");
      if (!t) return t.error();
      ending = Action::answer(*t);
    } else if (f == "report_infeasible") {
      auto t = pstr(call.arg(0, "reason"), "reason");
      if (!t) return t.error();
      ending = Action::infeasible(*t);
    } else {
      return bad("BrowserGym action " + f + "(...) is not supported here");
    }
  }
  if (!steps.empty()) p.actions.push_back(steps.size() == 1 ? steps[0] : Action::seq(std::move(steps)));
  if (ending) p.actions.push_back(*ending);
  if (p.actions.empty()) p.actions.push_back(Action::noop());
  return p;
}

// [SECTION] Qwen computer_use ----------------------------------------------------------------------
Result<Parsed> qwen(const json::object& o0, const DialectContext& c) {
  const json::object* o = &o0;
  json::value args_holder;
  if (const json::value* a = o->if_contains("arguments")) {
    if (a->is_string()) {  // arguments as a JSON string (OpenAI-style function calls)
      auto v = parse_json(std::string_view(a->as_string()));
      if (!v) return v.error();
      args_holder = std::move(*v);
      a = &args_holder;
    }
    if (!a->is_object()) return bad("\"arguments\" must be an object");
    o = &a->as_object();
  }
  if (Status s = only_fields(*o, {"action", "coordinate", "coordinate2", "keys", "text", "pixels",
                                  "time", "status"},
                             "computer_use arguments");
      !s)
    return s.error();
  auto act = str_field(*o, "action");
  if (!act) return act.error();
  const std::string& a = *act;
  Parsed p;
  auto at = [&](const char* k) -> Result<std::pair<int, int>> {
    const json::value* v = o->if_contains(k);
    if (!v) return std::pair{c.mouse_x, c.mouse_y};
    return point(*v, k, c);
  };
  if (a == "key") {
    auto ch = chord_of(o->if_contains("keys"), "key");
    if (!ch) return ch.error();
    p.actions.push_back(Action::key(*ch));
  } else if (a == "type") {
    auto t = str_field(*o, "text");
    if (!t) return t.error();
    p.actions.push_back(Action::type(*t));
  } else if (a == "mouse_move") {
    auto xy = at("coordinate");
    if (!xy) return xy.error();
    p.actions.push_back(Action::move(xy->first, xy->second));
  } else if (a == "left_click" || a == "right_click" || a == "middle_click" || a == "double_click" ||
             a == "triple_click") {
    auto xy = at("coordinate");
    if (!xy) return xy.error();
    p.actions.push_back(Action::clicks(xy->first, xy->second,
                                       a == "double_click" ? 2 : a == "triple_click" ? 3 : 1,
                                       a == "right_click" ? 2 : a == "middle_click" ? 1 : 0));
  } else if (a == "left_click_drag") {
    if (!o->contains("coordinate")) return bad("left_click_drag needs \"coordinate\"");
    auto to = at("coordinate");
    if (!to) return to.error();
    std::pair<int, int> from{c.mouse_x, c.mouse_y};
    if (o->contains("coordinate2")) {  // some prompts give both ends
      auto f = at("coordinate");
      auto t2 = at("coordinate2");
      if (!t2) return t2.error();
      from = *f;
      *to = *t2;
    }
    p.actions.push_back(Action::drag({from, *to}));
  } else if (a == "scroll" || a == "hscroll") {
    const json::value* px = o->if_contains("pixels");
    if (!px) return bad(a + " needs \"pixels\"");
    auto n = num(*px, "pixels");
    if (!n) return n.error();
    auto xy = at("coordinate");
    if (!xy) return xy.error();
    Action s = Action::scroll(xy->first, xy->second, 0);
    if (a == "scroll") s.dy = -round_px(*n);  // positive pixels scroll up
    else s.dx = round_px(*n);
    p.actions.push_back(s);
  } else if (a == "wait") {
    double sec = 1;
    if (const json::value* t = o->if_contains("time")) {
      auto n = num(*t, "time");
      if (!n) return n.error();
      sec = *n;
    }
    auto ms = wait_ms(sec);
    if (!ms) return ms.error();
    p.actions.push_back(Action::wait(*ms));
  } else if (a == "terminate") {
    auto st = str_field(*o, "status");
    if (!st) return st.error();
    if (*st == "success") p.actions.push_back(Action::done());
    else if (*st == "failure") p.actions.push_back(Action::infeasible("terminate: failure"));
    else return bad("terminate's \"status\" is success or failure");
  } else if (a == "answer") {
    auto t = str_field(*o, "text");
    if (!t) return t.error();
    p.actions.push_back(Action::answer(*t));
  } else {
    return bad("unknown computer_use action '" + a + "'");
  }
  return p;
}

// [SECTION] UI-TARS -------------------------------------------------------------------------------
// "(x,y)", "<|box_start|>(x,y)<|box_end|>", "<point>x y</point>", "[x1,y1,x2,y2]" (its centre).
Result<std::pair<int, int>> tars_point(const std::string& s, const DialectContext& c) {
  std::vector<double> nums;
  for (size_t i = 0; i < s.size();) {
    if (std::isdigit(uint8_t(s[i])) || ((s[i] == '-' || s[i] == '.') && i + 1 < s.size() && std::isdigit(uint8_t(s[i + 1])))) {
      char* end = nullptr;
      nums.push_back(std::strtod(s.c_str() + i, &end));
      i = size_t(end - s.c_str());
    } else {
      ++i;
    }
  }
  if (nums.size() == 2) return to_screen(nums[0], nums[1], c);
  if (nums.size() == 4) return to_screen((nums[0] + nums[2]) / 2, (nums[1] + nums[3]) / 2, c);
  return bad("not a point: '" + s + "'");
}

Result<Parsed> uitars(std::string_view text, const DialectContext& ctx) {
  // "Thought: ...\nAction: click(...)": the part after the last "Action:".
  if (const size_t at = text.rfind("Action:"); at != std::string_view::npos) text = text.substr(at + 7);
  PyParser parser(text);
  auto calls = parser.calls();
  if (!calls) return calls.error();
  if (calls->empty()) return bad("no UI-TARS action");
  Parsed p;
  std::vector<Action> steps;
  std::optional<Action> ending;
  auto box = [&](const Call& call, const char* a, const char* b) -> Result<std::pair<int, int>> {
    const PyVal* v = call.kw(a);
    if (!v) v = call.kw(b);
    if (!v && !call.args.empty()) v = &call.args[0];
    auto s = pstr(v, a);
    if (!s) return s.error();
    return tars_point(*s, ctx);
  };
  for (const Call& call : *calls) {
    const std::string& f = call.name;
    if (f == "click" || f == "left_single" || f == "left_double" || f == "right_single" ||
        f == "left_triple") {
      auto xy = box(call, "start_box", "point");
      if (!xy) return xy.error();
      steps.push_back(Action::clicks(xy->first, xy->second,
                                     f == "left_double" ? 2 : f == "left_triple" ? 3 : 1,
                                     f == "right_single" ? 2 : 0));
    } else if (f == "hover" || f == "mouse_move") {
      auto xy = box(call, "start_box", "point");
      if (!xy) return xy.error();
      steps.push_back(Action::move(xy->first, xy->second));
    } else if (f == "drag" || f == "select") {
      auto from = box(call, "start_box", "start_point");
      if (!from) return from.error();
      const PyVal* e = call.kw("end_box");
      if (!e) e = call.kw("end_point");
      auto es = pstr(e, "end_box");
      if (!es) return es.error();
      auto to = tars_point(*es, ctx);
      if (!to) return to.error();
      steps.push_back(Action::drag({*from, *to}));
    } else if (f == "hotkey" || f == "press" || f == "keydown" || f == "keyup") {
      const PyVal* k = call.kw("key");
      if (!k) k = call.kw("hotkey");
      if (!k && !call.args.empty()) k = &call.args[0];
      auto s = pstr(k, "key");
      if (!s) return s.error();
      std::vector<std::string> names;  // "ctrl c": a chord, space-separated
      for (size_t i = 0; i < s->size();) {
        const size_t sp = std::min(s->find(' ', i), s->size());
        if (sp > i) names.push_back(s->substr(i, sp - i));
        i = sp + 1;
      }
      auto ch = chord(names);
      if (!ch) return ch.error();
      if (f == "hotkey" || f == "press") steps.push_back(Action::key(*ch));
    } else if (f == "type") {
      const PyVal* v = call.kw("content");
      if (!v && !call.args.empty()) v = &call.args[0];
      auto s = pstr(v, "content");
      if (!s) return s.error();
      steps.push_back(Action::type(*s));
    } else if (f == "scroll") {
      std::pair<int, int> xy{ctx.mouse_x, ctx.mouse_y};
      if (call.kw("start_box") || call.kw("point")) {
        auto q = box(call, "start_box", "point");
        if (!q) return q.error();
        xy = *q;
      }
      auto dir = pstr(call.kw("direction"), "direction");
      if (!dir) return dir.error();
      Action a = Action::scroll(xy.first, xy.second, 0);
      const int px = 5 * kScrollClick;  // UI-TARS scrolls a screenful-ish
      if (*dir == "down") a.dy = px;
      else if (*dir == "up") a.dy = -px;
      else if (*dir == "right") a.dx = px;
      else if (*dir == "left") a.dx = -px;
      else return bad("scroll direction must be up, down, left or right");
      steps.push_back(a);
    } else if (f == "wait") {
      steps.push_back(Action::wait(5000));  // UI-TARS's wait: 5 s
    } else if (f == "finished") {
      const PyVal* v = call.kw("content");
      if (!v && !call.args.empty()) v = &call.args[0];
      ending = given(v) && v->t == PyVal::T::str && !v->s.empty() ? Action::answer(v->s) : Action::done();
    } else if (f == "call_user") {
      ending = Action::infeasible("call_user: the agent asks for help");
    } else {
      return bad("UI-TARS action " + f + "(...) is not supported");
    }
  }
  if (!steps.empty()) p.actions.push_back(steps.size() == 1 ? steps[0] : Action::seq(std::move(steps)));
  if (ending) p.actions.push_back(*ending);
  return p;
}

std::string strip_tool_call(std::string_view s) {
  std::string t(s);
  for (const char* tag : {"<tool_call>", "</tool_call>"})
    for (size_t p; (p = t.find(tag)) != std::string::npos;) t.erase(p, std::strlen(tag));
  return t;
}

}  // namespace

// [SECTION] Names, detection, dispatch ----------------------------------------------------------
const char* dialect_name(Dialect d) {
  static const char* names[] = {"facsim", "anthropic", "openai", "osworld",
                                "pyautogui", "browsergym", "qwen", "uitars"};
  return names[size_t(d)];
}

Result<Dialect> parse_dialect_name(std::string_view name) {
  const std::string n = lower(name);
  static const std::pair<const char*, Dialect> kNames[] = {
      {"facsim", Dialect::facsim},         {"anthropic", Dialect::anthropic},
      {"computer_20250124", Dialect::anthropic}, {"computer_20251124", Dialect::anthropic},
      {"claude", Dialect::anthropic},      {"openai", Dialect::openai},
      {"computer_call", Dialect::openai},  {"computer_use_preview", Dialect::openai},
      {"osworld", Dialect::osworld},       {"computer_13", Dialect::osworld},
      {"pyautogui", Dialect::pyautogui},   {"browsergym", Dialect::browsergym},
      {"qwen", Dialect::qwen},             {"computer_use", Dialect::qwen},
      {"uitars", Dialect::uitars},         {"ui-tars", Dialect::uitars},
      {"ui_tars", Dialect::uitars}};
  for (const auto& [k, d] : kNames)
    if (n == k) return d;
  return bad("unknown dialect '" + std::string(name) +
             "' (facsim, anthropic, openai, osworld, pyautogui, browsergym, qwen, uitars)");
}

Result<CoordSpace> parse_coord_space(std::string_view s) {
  CoordSpace c;
  if (s == "pixels" || s.empty()) return c;
  if (s == "norm1000") {
    c.kind = CoordSpace::Kind::norm1000;
    return c;
  }
  int w = 0, h = 0;
  char x = 0;
  if (s.rfind("resized:", 0) == 0 &&
      std::sscanf(std::string(s.substr(8)).c_str(), "%d%c%d", &w, &x, &h) == 3 && x == 'x' &&
      w > 0 && h > 0 && w <= 10000 && h <= 10000) {
    c.kind = CoordSpace::Kind::resized;
    c.w = w, c.h = h;
    return c;
  }
  return bad("coordinates are \"pixels\", \"norm1000\" or \"resized:WxH\"");
}

Result<Dialect> detect_dialect(std::string_view action) {
  size_t i = 0;
  while (i < action.size() && std::isspace(uint8_t(action[i]))) ++i;
  std::string_view t = action.substr(i);
  if (t.rfind("<tool_call>", 0) == 0) return Dialect::qwen;
  if (t == "DONE" || t == "FAIL" || t == "WAIT") return Dialect::osworld;
  if (!t.empty() && t[0] == '{') {
    auto v = parse_json(t);
    if (!v) return v.error();
    if (!v->is_object()) return bad("an action object was expected");
    const json::object& o = v->as_object();
    if (o.contains("kind")) return Dialect::facsim;
    if (o.contains("action_type")) return Dialect::osworld;
    if (o.contains("arguments") || (o.contains("name") && o.at("name") == "computer_use"))
      return Dialect::qwen;
    if (const json::value* ty = o.if_contains("type"); ty && ty->is_string()) {
      if (ty->as_string() == "tool_use") return Dialect::anthropic;
      return Dialect::openai;  // computer_call items and their actions are typed
    }
    if (o.contains("action") && o.at("action").is_object()) return Dialect::openai;
    if (o.contains("actions")) return Dialect::openai;
    if (o.contains("action")) {
      if (o.contains("keys") || o.contains("pixels") || o.contains("time") || o.contains("status"))
        return Dialect::qwen;
      return Dialect::anthropic;
    }
    return bad("cannot tell the dialect of this object; name it with \"dialect\"");
  }
  if (t.find("pyautogui.") != std::string_view::npos) return Dialect::pyautogui;
  if (t.find("Action:") != std::string_view::npos || t.find("start_box") != std::string_view::npos ||
      t.find("left_double(") != std::string_view::npos || t.find("right_single(") != std::string_view::npos ||
      t.find("finished(") != std::string_view::npos || t.find("<point>") != std::string_view::npos ||
      t.find("content=") != std::string_view::npos || t.find("hotkey(key=") != std::string_view::npos ||
      t.find("direction=") != std::string_view::npos || t.find("call_user(") != std::string_view::npos)
    return Dialect::uitars;
  static const char* kGym[] = {"mouse_click(", "mouse_move(", "mouse_dblclick(", "keyboard_type(",
                               "keyboard_press(", "fill(", "click(", "dblclick(", "hover(",
                               "send_msg_to_user(", "report_infeasible(", "noop(", "scroll(",
                               "press(", "clear(", "focus(", "go_back(", "drag_and_drop(",
                               "mouse_drag_and_drop(", "mouse_down(", "mouse_up("};
  for (const char* g : kGym)
    if (t.rfind(g, 0) == 0) return Dialect::browsergym;
  return bad("cannot tell the dialect of this action; name it with \"dialect\"");
}

Result<Parsed> parse_action(Dialect d, std::string_view action, const DialectContext& ctx) {
  // OSWorld's special codes, bare, in both its action spaces: DONE, FAIL, WAIT.
  if (d == Dialect::osworld || d == Dialect::pyautogui) {
    std::string_view t = action;
    while (!t.empty() && std::isspace(uint8_t(t.front()))) t.remove_prefix(1);
    while (!t.empty() && std::isspace(uint8_t(t.back()))) t.remove_suffix(1);
    Parsed p;
    if (t == "DONE") p.actions.push_back(Action::done());
    else if (t == "FAIL") p.actions.push_back(Action::infeasible("FAIL"));
    else if (t == "WAIT") p.actions.push_back(Action::wait(1000));
    if (!p.actions.empty()) return p;
  }
  switch (d) {
    case Dialect::facsim: {
      auto a = action_from_json(action);
      if (!a) return a.error();
      Parsed p;
      p.actions.push_back(*a);
      return p;
    }
    case Dialect::pyautogui: return pyautogui(action, ctx);
    case Dialect::browsergym: return browsergym(action, ctx);
    case Dialect::uitars: return uitars(action, ctx);
    case Dialect::anthropic:
    case Dialect::openai:
    case Dialect::osworld:
    case Dialect::qwen: {
      const std::string text = d == Dialect::qwen ? strip_tool_call(action) : std::string(action);
      auto v = parse_json(text);
      if (!v) return v.error();
      if (!v->is_object()) return bad(std::string(dialect_name(d)) + " actions are JSON objects");
      const json::object& o = v->as_object();
      if (d == Dialect::anthropic) return anthropic(o, ctx);
      if (d == Dialect::openai) return openai(o, ctx);
      if (d == Dialect::osworld) return osworld(o, ctx);
      return qwen(o, ctx);
    }
  }
  return bad("unknown dialect");
}

// [SECTION] Writing actions in a dialect ----------------------------------------------------------
namespace {
std::string py_str(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\\' || c == '\'') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    if (c == '\t') {
      out += "\\t";
      continue;
    }
    out += c;
  }
  return out + "'";
}
// "Control+Shift+a" -> {"ctrl", "shift", "a"} (lower-case names every dialect reads).
std::vector<std::string> key_parts(const std::string& key) {
  std::vector<std::string> out;
  std::string_view rest = key;
  for (size_t plus; rest.size() > 1 && (plus = rest.find('+')) != std::string_view::npos &&
                    plus + 1 < rest.size();) {
    const std::string_view m = rest.substr(0, plus);
    out.push_back(m == "Control" ? "ctrl" : lower(m));
    rest = rest.substr(plus + 1);
  }
  out.emplace_back(rest);
  return out;
}
std::string join(const std::vector<std::string>& v, const std::string& sep) {
  std::string out;
  for (const std::string& s : v) out += (out.empty() ? "" : sep) + s;
  return out;
}
Error cannot(Dialect d, const Action& a) {
  return bad(std::string(dialect_name(d)) + " has no way to say a " + action_kind_name(a.kind) +
             " like this one");
}
}  // namespace

Result<std::string> format_action(Dialect d, const Action& a) {
  const bool simple_click = a.kind == ActionKind::click && a.mods == 0;
  const char* buttons[] = {"left", "middle", "right"};
  switch (d) {
    case Dialect::facsim: return to_json(a);
    case Dialect::anthropic: {
      json::object o;
      auto xy = [&] { o["coordinate"] = json::array{a.x, a.y}; };
      if (a.kind == ActionKind::click) {
        if (a.button == 0) o["action"] = a.count == 2 ? "double_click" : a.count == 3 ? "triple_click" : "left_click";
        else if (a.count == 1) o["action"] = a.button == 2 ? "right_click" : "middle_click";
        else return cannot(d, a);
        xy();
        if (a.mods) {
          std::vector<std::string> m;
          for (auto [bit, n] : {std::pair{kCtrl, "ctrl"}, {kAlt, "alt"}, {kShift, "shift"}, {kMeta, "super"}})
            if (a.mods & bit) m.push_back(n);
          o["text"] = join(m, "+");
        }
      } else if (a.kind == ActionKind::move) {
        o["action"] = "mouse_move";
        xy();
      } else if (a.kind == ActionKind::down || a.kind == ActionKind::up) {
        if (a.button) return cannot(d, a);
        o["action"] = a.kind == ActionKind::down ? "left_mouse_down" : "left_mouse_up";
        xy();
      } else if (a.kind == ActionKind::drag && a.path.size() == 2 && a.mods == 0) {
        o["action"] = "left_click_drag";
        o["start_coordinate"] = json::array{a.path[0].first, a.path[0].second};
        o["coordinate"] = json::array{a.path[1].first, a.path[1].second};
      } else if (a.kind == ActionKind::scroll && (a.dx == 0) != (a.dy == 0) &&
                 (a.dx + a.dy) % kScrollClick == 0 && a.mods == 0) {
        o["action"] = "scroll";
        xy();
        o["scroll_direction"] = a.dy > 0 ? "down" : a.dy < 0 ? "up" : a.dx > 0 ? "right" : "left";
        o["scroll_amount"] = std::abs(a.dx + a.dy) / kScrollClick;
      } else if (a.kind == ActionKind::type) {
        o["action"] = "type";
        o["text"] = a.text;
      } else if (a.kind == ActionKind::key) {
        o["action"] = "key";
        o["text"] = join(key_parts(a.text), "+");
      } else if (a.kind == ActionKind::wait && a.ms % 1000 == 0) {
        o["action"] = "wait";
        o["duration"] = a.ms / 1000;
      } else {
        return cannot(d, a);
      }
      return json::serialize(o);
    }
    case Dialect::openai: {
      json::object o;
      if (a.kind == ActionKind::click && a.count <= 2 && simple_click) {
        o["type"] = a.count == 2 ? "double_click" : "click";
        o["x"] = a.x, o["y"] = a.y;
        if (a.count == 1) o["button"] = a.button == 1 ? "wheel" : buttons[a.button];
        else if (a.button) return cannot(d, a);
      } else if (a.kind == ActionKind::move) {
        o["type"] = "move", o["x"] = a.x, o["y"] = a.y;
      } else if (a.kind == ActionKind::drag && a.mods == 0) {
        o["type"] = "drag";
        json::array p;
        for (const auto& [x, y] : a.path) p.push_back(json::object{{"x", x}, {"y", y}});
        o["path"] = std::move(p);
      } else if (a.kind == ActionKind::scroll && a.mods == 0) {
        o["type"] = "scroll", o["x"] = a.x, o["y"] = a.y, o["scroll_x"] = a.dx, o["scroll_y"] = a.dy;
      } else if (a.kind == ActionKind::type) {
        o["type"] = "type", o["text"] = a.text;
      } else if (a.kind == ActionKind::key) {
        o["type"] = "keypress";
        json::array k;
        for (const std::string& part : key_parts(a.text)) k.push_back(json::value(lower(part) == "ctrl" ? "CTRL" : part));
        o["keys"] = std::move(k);
      } else if (a.kind == ActionKind::wait) {
        o["type"] = "wait";
        if (a.ms != 2000) o["ms"] = a.ms;
      } else {
        return cannot(d, a);
      }
      return json::serialize(json::object{{"type", "computer_call"}, {"action", o}});
    }
    case Dialect::osworld: {
      json::object p;
      std::string type;
      if (a.kind == ActionKind::click && simple_click) {
        type = a.button == 2 && a.count == 1 ? "RIGHT_CLICK" : "CLICK";
        p["x"] = a.x, p["y"] = a.y;
        if (type == "CLICK") {
          p["button"] = buttons[a.button];
          p["num_clicks"] = a.count;
        }
      } else if (a.kind == ActionKind::move) {
        type = "MOVE_TO", p["x"] = a.x, p["y"] = a.y;
      } else if (a.kind == ActionKind::type) {
        type = "TYPING", p["text"] = a.text;
      } else if (a.kind == ActionKind::key) {
        const auto parts = key_parts(a.text);
        if (parts.size() == 1) type = "PRESS", p["key"] = parts[0];
        else {
          type = "HOTKEY";
          json::array k;
          for (const std::string& s : parts) k.push_back(json::value(s));
          p["keys"] = std::move(k);
        }
      } else if (a.kind == ActionKind::done) {
        type = "DONE";
      } else {
        return cannot(d, a);
      }
      return json::serialize(json::object{{"action_type", type}, {"parameters", p}});
    }
    case Dialect::pyautogui: {
      char b[160];
      if (a.kind == ActionKind::click && simple_click) {
        const char* f = a.button == 2 && a.count == 1 ? "rightClick"
                        : a.count == 2 && a.button == 0 ? "doubleClick"
                        : a.count == 3 && a.button == 0 ? "tripleClick" : nullptr;
        if (f) std::snprintf(b, sizeof b, "pyautogui.%s(%d, %d)", f, a.x, a.y);
        else std::snprintf(b, sizeof b, "pyautogui.click(%d, %d, clicks=%d, button='%s')", a.x, a.y, a.count, buttons[a.button]);
        return std::string(b);
      }
      if (a.kind == ActionKind::move) {
        std::snprintf(b, sizeof b, "pyautogui.moveTo(%d, %d)", a.x, a.y);
        return std::string(b);
      }
      if (a.kind == ActionKind::scroll && a.dx == 0 && a.dy % kScrollClick == 0 && a.mods == 0) {
        std::snprintf(b, sizeof b, "pyautogui.scroll(%d, x=%d, y=%d)", -a.dy / kScrollClick, a.x, a.y);
        return std::string(b);
      }
      if (a.kind == ActionKind::type) return "pyautogui.write(" + py_str(a.text) + ")";
      if (a.kind == ActionKind::key) {
        // pyautogui's own names (it ignores ones it does not know): left, pagedown, win...
        static const std::pair<const char*, const char*> kPy[] = {
            {"arrowleft", "left"}, {"arrowright", "right"}, {"arrowup", "up"}, {"arrowdown", "down"},
            {"meta", "win"}, {"escape", "esc"}, {"pageup", "pageup"}, {"pagedown", "pagedown"}};
        const auto parts = key_parts(a.text);
        std::vector<std::string> q;
        for (const std::string& s : parts) {
          std::string k = s.size() == 1 ? s : lower(s);  // a character keeps its case
          for (const auto& [dom, py] : kPy)
            if (k == dom) k = py;
          q.push_back(py_str(k));
        }
        return parts.size() == 1 ? "pyautogui.press(" + q[0] + ")" : "pyautogui.hotkey(" + join(q, ", ") + ")";
      }
      if (a.kind == ActionKind::wait && a.ms % 1000 == 0) return "time.sleep(" + std::to_string(a.ms / 1000) + ")";
      return cannot(d, a);
    }
    case Dialect::browsergym: {
      char b[160];
      if (a.kind == ActionKind::click && simple_click && a.count <= 2) {
        std::snprintf(b, sizeof b, "mouse_%s(%d, %d%s)", a.count == 2 ? "dblclick" : "click", a.x, a.y,
                      a.button == 2 ? ", button='right'" : a.button == 1 ? ", button='middle'" : "");
        return std::string(b);
      }
      if (a.kind == ActionKind::move) {
        std::snprintf(b, sizeof b, "mouse_move(%d, %d)", a.x, a.y);
        return std::string(b);
      }
      if (a.kind == ActionKind::type) return "keyboard_type(" + py_str(a.text) + ")";
      if (a.kind == ActionKind::key) return "keyboard_press(" + py_str(a.text) + ")";
      if (a.kind == ActionKind::answer) return "send_msg_to_user(" + py_str(a.text) + ")";
      if (a.kind == ActionKind::infeasible) return "report_infeasible(" + py_str(a.text) + ")";
      if (a.kind == ActionKind::drag && a.path.size() == 2 && a.mods == 0) {
        std::snprintf(b, sizeof b, "mouse_drag_and_drop(%d, %d, %d, %d)", a.path[0].first,
                      a.path[0].second, a.path[1].first, a.path[1].second);
        return std::string(b);
      }
      return cannot(d, a);
    }
    case Dialect::qwen: {
      json::object args;
      if (a.kind == ActionKind::click && simple_click && (a.button == 0 || a.count == 1)) {
        args["action"] = a.button == 2 ? "right_click" : a.button == 1 ? "middle_click"
                         : a.count == 2 ? "double_click" : a.count == 3 ? "triple_click" : "left_click";
        args["coordinate"] = json::array{a.x, a.y};
      } else if (a.kind == ActionKind::move) {
        args["action"] = "mouse_move", args["coordinate"] = json::array{a.x, a.y};
      } else if (a.kind == ActionKind::type) {
        args["action"] = "type", args["text"] = a.text;
      } else if (a.kind == ActionKind::key) {
        args["action"] = "key";
        json::array k;
        for (const std::string& s : key_parts(a.text)) k.push_back(json::value(s));
        args["keys"] = std::move(k);
      } else if (a.kind == ActionKind::answer) {
        args["action"] = "answer", args["text"] = a.text;
      } else if (a.kind == ActionKind::done) {
        args["action"] = "terminate", args["status"] = "success";
      } else {
        return cannot(d, a);
      }
      return json::serialize(json::object{{"name", "computer_use"}, {"arguments", args}});
    }
    case Dialect::uitars: {
      char b[200];
      if (a.kind == ActionKind::click && simple_click) {
        const char* f = a.button == 2 && a.count == 1 ? "right_single"
                        : a.button == 0 && a.count == 1 ? "click"
                        : a.button == 0 && a.count == 2 ? "left_double" : nullptr;
        if (!f) return cannot(d, a);
        std::snprintf(b, sizeof b, "%s(start_box='(%d,%d)')", f, a.x, a.y);
        return std::string(b);
      }
      if (a.kind == ActionKind::drag && a.path.size() == 2 && a.mods == 0) {
        std::snprintf(b, sizeof b, "drag(start_box='(%d,%d)', end_box='(%d,%d)')", a.path[0].first,
                      a.path[0].second, a.path[1].first, a.path[1].second);
        return std::string(b);
      }
      if (a.kind == ActionKind::type) return "type(content=" + py_str(a.text) + ")";
      if (a.kind == ActionKind::key) return "hotkey(key=" + py_str(join(key_parts(a.text), " ")) + ")";
      if (a.kind == ActionKind::done) return std::string("finished()");
      if (a.kind == ActionKind::answer) return "finished(content=" + py_str(a.text) + ")";
      return cannot(d, a);
    }
  }
  return bad("unknown dialect");
}

}  // namespace facsim::sim
