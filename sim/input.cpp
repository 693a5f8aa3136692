// Input routing with browser semantics: pointer (down/up with the press-target rule, multi-click,
// drag-select, scrollbar drag, nested wheel scrolling, context menus), keyboard (modifiers,
// Tab order, Enter/Space activation, Escape, arrows), text editing (selection, word jumps,
// clipboard, undo/redo) and the tooltip/toast overlays. All state is in the world (input.h).
//
// [SECTION] Helpers: ui state, text fields, undo history
// [SECTION] Pointer
// [SECTION] Keyboard
// [SECTION] Routing, overlays, interaction
#include "input.h"

#include <algorithm>
#include <cstdio>

#include "apps.h"
#include "dom.h"
#include "state.h"

namespace facsim::sim::detail {
namespace {

// [SECTION] Helpers ------------------------------------------------------------------------------
std::string key_of(const dom::Tree& t, int i) { return i >= 0 ? t.node(i).key : std::string(); }

int focused_node(state::World& w, const dom::Tree& t) { return t.find(w.ui_get(apps::ui::kFocus)); }

void set_focus(state::World& w, const dom::Tree& t, int i, bool keyboard) {
  w.ui_set(apps::ui::kFocus, key_of(t, i));
  w.ui_set(apps::ui::kFocusVisible, int64_t(keyboard && i >= 0 ? 1 : 0));
}

dom::TextEdit load_edit(state::World& w, const dom::Node& field) {
  dom::TextEdit e;
  e.value = apps::field_value(w, field.key);
  e.multiline = field.style.dir == dom::Dir::column;  // text_field: multi-line is a column
  const std::string sel = w.ui_get("sel:" + field.key);
  int a = int(e.value.size()), c = a;
  if (!sel.empty() && std::sscanf(sel.c_str(), "%d %d", &a, &c) != 2) a = c = int(e.value.size());
  e.anchor = a;
  e.caret = c;
  e.clamp();
  return e;
}

void store_sel(state::World& w, const std::string& key, const dom::TextEdit& e) {
  w.ui_set("sel:" + key, std::to_string(e.anchor) + " " + std::to_string(e.caret));
}

constexpr size_t kFieldLimit = 1000;  // bytes per text field

// Undo/redo: two stacks per field in table ui_history (kind 'u' or 'r').
void push_history(state::World& w, const std::string& key, char kind, const dom::TextEdit& e) {
  w.query("INSERT INTO ui_history(field, kind, seq, value, anchor, caret) VALUES(?, ?, "
          "(SELECT coalesce(max(seq), 0) + 1 FROM ui_history WHERE field = ? AND kind = ?), "
          "?, ?, ?)",
          key, std::string(1, kind), key, std::string(1, kind), e.value, e.anchor, e.caret)
      .run();
}

bool pop_history(state::World& w, const std::string& key, char kind, dom::TextEdit& e) {
  const std::string k(1, kind);
  auto q = w.query("SELECT seq, value, anchor, caret FROM ui_history WHERE field = ? AND kind = ? "
                   "ORDER BY seq DESC LIMIT 1", key, k);
  if (!q.step()) return false;
  const int64_t seq = q.i64(0);
  e.value = std::string(q.text(1));
  e.anchor = int(q.i64(2));
  e.caret = int(q.i64(3));
  w.query("DELETE FROM ui_history WHERE field = ? AND kind = ? AND seq = ?", key, k, seq).run();
  return true;
}

// Undo (from 'u' to 'r') or redo (from 'r' to 'u'): the popped state replaces the field, the
// current one goes on the other stack.
void travel_history(state::World& w, const std::string& key, char from, char to,
                    const dom::TextEdit& current) {
  dom::TextEdit target;
  if (!pop_history(w, key, from, target)) return;
  push_history(w, key, to, current);
  apps::set_field_value(w, key, target.value);
  store_sel(w, key, target);
  apps::field_edited(w, key);
}

Status commit_edit(state::World& w, const dom::Node& field, const dom::TextEdit& before,
                   const dom::TextEdit& after) {
  if (after.value.size() > kFieldLimit)
    return Error{Errc::invalid_argument, "text field limit (1000 bytes)"};
  if (after.value != before.value) {
    push_history(w, field.key, 'u', before);
    w.query("DELETE FROM ui_history WHERE field = ? AND kind = 'r'", field.key).run();
    apps::set_field_value(w, field.key, after.value);
    if (field.role == dom::Role::combobox) {  // autocomplete: typing opens the suggestions
      w.ui_set(apps::ui::kOverlay, field.key);
      w.ui_set(field.key + ".hl", int64_t(-1));
    }
  }
  store_sel(w, field.key, after);
  if (after.value != before.value) apps::field_edited(w, field.key);
  return {};
}

bool inside_overlay(const dom::Tree& t, int i) {
  for (; i >= 0; i = t.node(i).parent)
    if (t.node(i).style.place != dom::Place::flow) return true;
  return false;
}

// Scrolls the innermost keyed scroll container under (x, y) that can move by dy; a container
// at its limit passes the scroll to its parent (scroll chaining).
void scroll_at(state::World& w, const dom::Tree& t, int x, int y, int dy) {
  for (int i = t.hit_test(x, y); i >= 0; i = t.node(i).parent) {
    const dom::Node& n = t.node(i);
    if (!n.style.clip || n.key.empty()) continue;
    const int cur = n.style.scroll_y;  // from_bottom: the wheel down brings the end nearer
    const int next = std::clamp(n.style.from_bottom ? cur - dy : cur + dy, 0, t.scroll_max(i));
    if (next != cur) {
      w.ui_set("scroll:" + n.key, int64_t(next));
      return;
    }
  }
}

// [SECTION] Pointer -----------------------------------------------------------------------------
Status pointer_down(state::World& w, const dom::Tree& t, const Action& a) {
  w.ui_set(apps::ui::kButtons, int64_t(1));
  // Multi-click: same place, within the window since the previous press.
  const int64_t now = w.now_ms();
  int64_t clicks = 1;
  if (now - w.ui_int(apps::ui::kClickAt, -1000000) <= kDoubleClickMs &&
      std::abs(a.x - w.ui_int(apps::ui::kClickX)) <= 4 && std::abs(a.y - w.ui_int(apps::ui::kClickY)) <= 4)
    clicks = w.ui_int(apps::ui::kClicks) % 3 + 1;
  w.ui_set(apps::ui::kClicks, clicks);
  w.ui_set(apps::ui::kClickAt, now);
  w.ui_set(apps::ui::kClickX, int64_t(a.x));
  w.ui_set(apps::ui::kClickY, int64_t(a.y));
  w.ui_set(apps::ui::kHoverSince, now + 86400000);  // a press hides the tooltip until the pointer moves on
  w.ui_set(apps::ui::kPress, "");
  w.ui_set(apps::ui::kPressAction, "");
  w.ui_set(apps::ui::kPressField, "");
  // A scrollbar thumb under the pointer: start dragging it.
  for (int i = t.hit_test(a.x, a.y); a.button == 0 && i >= 0; i = t.node(i).parent) {
    const dom::Box th = t.scroll_thumb(i);
    if (th.w > 0 && !t.node(i).key.empty() && th.contains(a.x, a.y)) {
      w.ui_set(apps::ui::kPress, "scroll:" + t.node(i).key);
      w.ui_set(apps::ui::kPressGrab, int64_t(a.y - th.y));
      return {};
    }
  }
  const int hit = t.hit_test(a.x, a.y);
  // A press outside the open popup closes it (unless it is the popup's own toggle).
  const std::string overlay = w.ui_get(apps::ui::kOverlay);
  const int target = t.action_target(hit);
  if (!overlay.empty() && !inside_overlay(t, hit) &&
      (target < 0 || t.node(target).action != "ui:open:" + overlay))
    w.ui_set(apps::ui::kOverlay, "");
  // Focus moves on press: to the focusable element under the pointer, else nowhere. Options
  // of a popup (dropdown, calendar, suggestions) leave it on the popup's owner, as a native
  // select does; a text field in a popup (a menu's search) takes it.
  int f = t.focus_target(hit);
  for (int i = hit; i >= 0; i = t.node(i).parent)
    if (t.node(i).style.place != dom::Place::flow) {
      if (t.node(i).style.anchor >= 0 && !(f >= 0 && t.node(f).editable))
        f = t.focus_target(t.node(i).style.anchor);
      break;
    }
  set_focus(w, t, f, false);
  if (f >= 0 && t.node(f).editable) {
    const dom::Node& field = t.node(f);
    dom::TextEdit e = load_edit(w, field);
    const int at = t.offset_at(f, a.x, a.y);
    if (a.button != 0 && e.has_selection()) {
      // A right click keeps the selection (for the context menu), like a browser.
    } else if (clicks == 2 || clicks == 3) {
      clicks == 2 ? e.select_word(at) : e.select_line(at);
      // A drag from here extends by words (lines) from this one.
      w.ui_set(apps::ui::kPressUnit, std::to_string(e.anchor) + " " + std::to_string(e.caret));
    } else {
      e.set_caret(at, (a.mods & kShift) != 0);
    }
    store_sel(w, field.key, e);
    if (a.button == 0) w.ui_set(apps::ui::kPressField, field.key);
  }
  if (target >= 0) {
    w.ui_set(apps::ui::kPress, key_of(t, target));
    const dom::Node& tn = t.node(target);
    w.ui_set(apps::ui::kPressAction, a.button == 2 ? tn.extra().menu_action : tn.action);
  }
  return {};
}

void pointer_drag(state::World& w, const dom::Tree& t, const Action& a) {
  const std::string press = w.ui_get(apps::ui::kPress);
  if (press.rfind("scroll:", 0) == 0) {
    const int i = t.find(press.substr(7));
    if (i < 0) return;
    const dom::Box th = t.scroll_thumb(i);
    const dom::Node& n = t.node(i);
    const int track = n.box.h - 4 - th.h, max = t.scroll_max(i);
    if (th.w == 0 || track <= 0) return;
    const int top = a.y - int(w.ui_int(apps::ui::kPressGrab)) - (n.box.y + 2);
    const int64_t v = std::clamp<int64_t>(int64_t(top) * max / track, 0, max);
    w.ui_set(press, v);
    return;
  }
  const int f = t.find(w.ui_get(apps::ui::kPressField));
  if (f >= 0 && t.node(f).editable) {  // drag-select: the caret follows, the anchor stays
    dom::TextEdit e = load_edit(w, t.node(f));
    const int clicks = int(w.ui_int(apps::ui::kClicks)), at = t.offset_at(f, a.x, a.y);
    int from = 0, to = 0;
    if (clicks == 1) {
      e.set_caret(at, true);
    } else if (std::sscanf(w.ui_get(apps::ui::kPressUnit).c_str(), "%d %d", &from, &to) == 2) {
      e.extend_by_units(from, to, at, clicks == 3);  // by words after a double click
    } else {
      return;
    }
    store_sel(w, t.node(f).key, e);
  }
}

Status pointer_up(state::World& w, const dom::Tree& t, const Action& a) {
  const std::string press = w.ui_get(apps::ui::kPress), press_action = w.ui_get(apps::ui::kPressAction);
  w.ui_set(apps::ui::kButtons, int64_t(0));
  w.ui_set(apps::ui::kPress, "");
  w.ui_set(apps::ui::kPressAction, "");
  w.ui_set(apps::ui::kPressField, "");
  if (press_action.empty()) return {};
  // The press-target rule: the action fires only if released over the element pressed.
  const int target = t.action_target(t.hit_test(a.x, a.y));
  if (target < 0 || key_of(t, target) != press) return {};
  const dom::Node& n = t.node(target);
  if ((a.button == 2 ? n.extra().menu_action : n.action) != press_action) return {};
  return apps::dispatch(w, press_action, a.mods);
}

void track_hover(state::World& w, const dom::Tree& t, int x, int y) {
  const std::string k = key_of(t, t.hover_target(t.hit_test(x, y)));
  if (k != w.ui_get(apps::ui::kHover)) {
    w.ui_set(apps::ui::kHover, k);
    w.ui_set(apps::ui::kHoverSince, w.now_ms());
  }
}

// [SECTION] Keyboard ----------------------------------------------------------------------------
struct KeyPress {
  std::string key;  // "Enter", "ArrowLeft", "a", ...
  int mods = 0;
};

// Any spelling (normalize_key), split into its modifiers and the key.
Result<KeyPress> parse_key(std::string_view s) {
  auto norm = normalize_key(s);
  if (!norm) return norm.error();
  KeyPress k;
  std::string_view rest = *norm;
  for (size_t plus; rest.size() > 1 && (plus = rest.find('+')) != std::string_view::npos &&
                    plus + 1 < rest.size();) {
    const std::string_view m = rest.substr(0, plus);
    k.mods |= m == "Shift" ? kShift : m == "Control" ? kCtrl : m == "Alt" ? kAlt : kMeta;
    rest = rest.substr(plus + 1);
  }
  k.key = rest;
  return k;
}

Status edit_key(state::World& w, const dom::Node& field, const KeyPress& k) {
  const bool ctrl = k.mods & (kCtrl | kMeta), shift = k.mods & kShift;
  const dom::TextEdit before = load_edit(w, field);
  dom::TextEdit e = before;
  using M = dom::TextEdit;
  const std::string& key = k.key;
  if (key == "ArrowLeft") e.move(ctrl ? M::word_left : M::left, shift);
  else if (key == "ArrowRight") e.move(ctrl ? M::word_right : M::right, shift);
  else if (key == "Home") e.move(ctrl ? M::doc_start : M::home, shift);
  else if (key == "End") e.move(ctrl ? M::doc_end : M::end, shift);
  else if (key == "ArrowUp" || key == "ArrowDown") {
    const dom::NodeExtra& fx = field.extra();
    const std::string& act = key == "ArrowUp" ? fx.prev_action : fx.next_action;
    if (!act.empty()) return apps::dispatch(w, act, k.mods);  // autocomplete highlight
    e.move(key == "ArrowUp" ? M::up : M::down, shift);
  } else if (key == "Backspace") e.backspace(ctrl);
  else if (key == "Delete") e.del(ctrl);
  else if (key == "Enter") {
    if (ctrl) return apps::submit(w, field.key, k.mods);  // Control+Enter: the form's submit
    if (e.multiline && !(field.extra().enter_sends && !shift)) e.replace_selection("\n");
    else if (!field.extra().enter_action.empty())
      return apps::dispatch(w, field.extra().enter_action, k.mods);
    else return apps::submit(w, field.key);
  } else if (key == "Space") e.replace_selection(" ");
  else if (ctrl && (key == "a" || key == "A")) e.select_all();
  else if (ctrl && (key == "c" || key == "C" || key == "x" || key == "X")) {
    // Browsers never copy out of password fields.
    if (field.masked || !e.has_selection()) return {};
    w.ui_set(apps::ui::kClipboard, e.selected());
    if (key == "x" || key == "X") e.replace_selection({});
  } else if (ctrl && (key == "v" || key == "V")) {
    e.replace_selection(w.ui_get(apps::ui::kClipboard));
  } else if (ctrl && (key == "z" || key == "Z") && !shift) {
    travel_history(w, field.key, 'u', 'r', before);  // undo
    return {};
  } else if (ctrl && (key == "y" || key == "Y" || key == "z" || key == "Z")) {
    travel_history(w, field.key, 'r', 'u', before);  // redo (Control+y, Control+Shift+z)
    return {};
  } else if (!ctrl && !(k.mods & kAlt) && key.size() <= 4 && key != "Tab" && key != "Escape" &&
             key != "PageUp" && key != "PageDown") {
    e.replace_selection(key);  // a printable key types itself
  } else {
    return {};
  }
  return commit_edit(w, field, before, e);
}

// Menus (WAI-ARIA menu pattern): ArrowDown/ArrowUp move the focus to the next/previous
// enabled item, wrapping; Home/End to the first/last. In an open menu that has no focused
// item yet (opened by a click or a right click), ArrowDown focuses the first and ArrowUp the
// last. True when the key was a menu's.
bool menu_key(state::World& w, const dom::Tree& t, int f, const std::string& key) {
  const bool down = key == "ArrowDown", up = key == "ArrowUp";
  if (!down && !up && key != "Home" && key != "End") return false;
  int menu = f >= 0 && t.node(f).role == dom::Role::menuitem ? t.node(f).parent : -1;
  const bool inside = menu >= 0 && t.node(menu).role == dom::Role::menu;
  if (!inside) {
    menu = t.find(w.ui_get(apps::ui::kOverlay));
    if (menu < 0 || t.node(menu).role != dom::Role::menu || (!down && !up)) return false;
  }
  std::vector<int> items;
  for (int c = t.node(menu).first_child; c >= 0; c = t.node(c).next_sibling)
    if (t.node(c).role == dom::Role::menuitem && t.takes_focus(c)) items.push_back(c);
  if (items.empty()) return true;
  const int n = int(items.size());
  const int at = inside ? int(std::find(items.begin(), items.end(), f) - items.begin()) : -1;
  int next;
  if (key == "Home") next = 0;
  else if (key == "End") next = n - 1;
  else if (at < 0 || at >= n) next = down ? 0 : n - 1;
  else next = (at + (down ? 1 : n - 1)) % n;
  set_focus(w, t, items[size_t(next)], true);
  return true;
}

Status key(state::World& w, const dom::Tree& t, const Action& a) {
  auto parsed = parse_key(a.text);
  if (!parsed) return parsed.error();
  const KeyPress& k = *parsed;
  const int f = focused_node(w, t);
  if (k.key == "Tab") {
    const std::vector<int> order = t.focus_order();
    if (order.empty()) return {};
    auto it = std::find(order.begin(), order.end(), f);
    const int n = int(order.size());
    int idx = it == order.end() ? ((k.mods & kShift) ? n - 1 : 0)
                                : (int(it - order.begin()) + ((k.mods & kShift) ? n - 1 : 1)) % n;
    const int next = order[size_t(idx)];
    set_focus(w, t, next, true);
    if (t.node(next).editable) {  // tabbing into a field selects its text, as browsers do
      dom::TextEdit e = load_edit(w, t.node(next));
      e.select_all();
      store_sel(w, t.node(next).key, e);
    }
    return {};
  }
  if (k.key == "Escape") {
    if (!w.ui_get(apps::ui::kOverlay).empty()) w.ui_set(apps::ui::kOverlay, "");
    else set_focus(w, t, -1, false);
    return {};
  }
  // Control+K belongs to the app even in a text field (a quick switcher, as in Slack).
  if ((k.mods & kCtrl) && (k.key == "k" || k.key == "K")) {
    if (auto handled = apps::shortcut(w, k.key, k.mods); !handled) return handled.error();
    else if (*handled) return {};
  }
  if (f >= 0 && t.node(f).editable) return edit_key(w, t.node(f), k);
  if (menu_key(w, t, f, k.key)) return {};
  if (f >= 0) {
    const dom::Node& n = t.node(f);
    const bool activates = k.key == "Enter" || (k.key == "Space" && n.role != dom::Role::link);
    if (activates && !n.action.empty()) return apps::dispatch(w, n.action, k.mods);
    if ((k.key == "ArrowUp" || k.key == "ArrowLeft") && !n.extra().prev_action.empty())
      return apps::dispatch(w, n.extra().prev_action, k.mods);
    if ((k.key == "ArrowDown" || k.key == "ArrowRight") && !n.extra().next_action.empty())
      return apps::dispatch(w, n.extra().next_action, k.mods);
  }
  // The app's keyboard shortcuts (no text field has the focus here).
  if (auto handled = apps::shortcut(w, k.key, k.mods); !handled) return handled.error();
  else if (*handled) return {};
  // Otherwise the keys scroll what is under the pointer, like a page does.
  const int mx = int(w.ui_int(apps::ui::kMouseX, -1)), my = int(w.ui_int(apps::ui::kMouseY, -1));
  if (k.key == "ArrowDown" || k.key == "ArrowUp") scroll_at(w, t, mx, my, k.key == "ArrowDown" ? 40 : -40);
  if (k.key == "PageDown" || k.key == "PageUp") scroll_at(w, t, mx, my, k.key == "PageDown" ? 400 : -400);
  if (k.key == "Space" && f < 0) scroll_at(w, t, mx, my, (k.mods & kShift) ? -400 : 400);
  return {};
}

Status check_point(const EnvConfig& cfg, int x, int y) {
  if (x < 0 || y < 0 || x >= cfg.width || y >= cfg.height)
    return Error{Errc::invalid_argument, "coordinates (" + std::to_string(x) + "," +
                                             std::to_string(y) + ") outside the " +
                                             std::to_string(cfg.width) + "x" +
                                             std::to_string(cfg.height) + " window"};
  return {};
}

}  // namespace

// [SECTION] Routing, overlays, interaction ------------------------------------------------------
bool field_focused(state::World& w, const dom::Tree& t) {
  const int f = focused_node(w, t);
  return f >= 0 && t.node(f).editable;
}

Result<bool> type_key(state::World& w, const dom::Tree& t, std::string_view ch) {
  auto k = parse_key(ch);
  if (!k) return k.error();
  const int f = focused_node(w, t);
  if (f >= 0 && k->key == "Space" && !t.node(f).action.empty()) {  // Space on a button
    if (Status s = apps::dispatch(w, t.node(f).action, 0); !s) return s.error();
    return true;
  }
  return apps::shortcut(w, k->key, k->mods);
}

Status route_input(state::World& w, const dom::Tree& t, const EnvConfig& cfg, const Action& a) {
  const bool pointer = a.kind == ActionKind::move || a.kind == ActionKind::click ||
                       a.kind == ActionKind::scroll || a.kind == ActionKind::down ||
                       a.kind == ActionKind::up;
  if (pointer) {
    if (Status s = check_point(cfg, a.x, a.y); !s) return s;
    if (a.button < 0 || a.button > 2)
      return Error{Errc::invalid_argument, "button must be 0 (left), 1 (middle) or 2 (right)"};
    w.ui_set(apps::ui::kMouseX, int64_t(a.x));
    w.ui_set(apps::ui::kMouseY, int64_t(a.y));
  }
  switch (a.kind) {
    case ActionKind::noop: return {};
    case ActionKind::move:
      if (w.ui_int(apps::ui::kButtons)) pointer_drag(w, t, a);
      track_hover(w, t, a.x, a.y);
      return {};
    case ActionKind::down: return pointer_down(w, t, a);
    case ActionKind::up: return pointer_up(w, t, a);
    case ActionKind::click: {
      if (Status s = pointer_down(w, t, a); !s) return s;
      return pointer_up(w, t, a);
    }
    case ActionKind::scroll: scroll_at(w, t, a.x, a.y, a.dy); return {};
    case ActionKind::type: {
      for (unsigned char c : a.text)
        if (c < 0x20 || c == 0x7f)
          return Error{Errc::invalid_argument, "type: control characters are not text; "
                                               "use a key action"};
      const int f = focused_node(w, t);
      if (f < 0 || !t.node(f).editable)
        return Error{Errc::invalid_argument, "type: no text field has the focus"};
      const dom::TextEdit before = load_edit(w, t.node(f));
      dom::TextEdit e = before;
      e.replace_selection(a.text);
      return commit_edit(w, t.node(f), before, e);
    }
    case ActionKind::key: return key(w, t, a);
    case ActionKind::drag:  // composites: sim::Env routes their events one by one
    case ActionKind::seq:
      return Error{Errc::internal, "a composite action reached route_input whole"};
    case ActionKind::wait:
      if (a.ms < 1 || a.ms > kMaxWaitMs)
        return Error{Errc::invalid_argument, "wait: ms must be 1 .. " + std::to_string(kMaxWaitMs)};
      return {};
    case ActionKind::answer:
    case ActionKind::done:
    case ActionKind::infeasible:
      return {};  // endings: the env handles them, no input to route
  }
  return Error{Errc::invalid_argument, "unknown action kind"};
}

void add_overlays(state::World& w, dom::Tree& t) {
  const int64_t now = w.now_ms();
  if (const int h = t.find(w.ui_get(apps::ui::kHover));
      h >= 0 && !t.node(h).extra().tooltip.empty() && now - w.ui_int(apps::ui::kHoverSince) >= kTooltipMs)
    dom::widget::tooltip(t, h);
  if (std::string msg = w.ui_get(apps::ui::kToast); !msg.empty() && now < w.ui_int(apps::ui::kToastUntil))
    dom::widget::toast(t, msg, w.ui_get(apps::ui::kToastLabel), w.ui_get(apps::ui::kToastAction));
}

dom::Interaction interaction(state::World& w, dom::Tree& t, const EnvConfig& cfg,
                             std::string& cursor) {
  dom::Interaction ia;
  const int mx = int(w.ui_int(apps::ui::kMouseX, -1)), my = int(w.ui_int(apps::ui::kMouseY, -1));
  ia.hover = t.hover_target(t.hit_test(mx, my));
  const std::string press = w.ui_get(apps::ui::kPress);
  ia.press = press.rfind("scroll:", 0) == 0 ? t.find(press.substr(7)) : t.find(press);
  ia.focus = focused_node(w, t);
  ia.focus_visible = w.ui_int(apps::ui::kFocusVisible) != 0;
  ia.marks = cfg.set_of_marks;
  t.mark_focused(ia.focus);
  cursor = "default";
  if (ia.hover >= 0) {
    const dom::Node& n = t.node(ia.hover);
    cursor = n.editable ? "text" : (n.action.empty() || n.disabled) ? "default" : "pointer";
  }
  return ia;
}

}  // namespace facsim::sim::detail
