// Themes and widgets: builders over Tree that look like a web app's controls (Material-like,
// as in the reference screenshots) and speak the generic "ui:" action vocabulary.
//
// [SECTION] Themes
// [SECTION] Buttons and links
// [SECTION] Text fields
// [SECTION] Checkbox, radio, toggle
// [SECTION] Select, date picker, autocomplete (popups)
// [SECTION] List, tabs, table, pagination
// [SECTION] Overlays: modal, menu, toast, tooltip
// [SECTION] Badge, avatar
#include <algorithm>
#include <array>
#include <cstdio>

#include "assets.h"
#include "calendar.h"
#include "dom.h"

namespace facsim::dom {

// [SECTION] Themes ------------------------------------------------------------------------------
namespace {
Theme light_base() {
  Theme t;
  t.page = rgb(0xf6f8fc), t.surface = rgb(0xffffff), t.surface_dim = rgb(0xf2f6fc);
  t.surface_raised = rgb(0xffffff), t.text_strong = rgb(0x1f1f1f), t.text = rgb(0x444746);
  t.text_muted = rgb(0x5f6368), t.text_disabled = rgb(0x1f1f1f, 97);
  t.divider = rgb(0xe6e8eb), t.outline = rgb(0x747775), t.accent = rgb(0x0b57d0);
  t.on_accent = rgb(0xffffff), t.accent_hover = rgb(0x0a4cb8), t.accent_pressed = rgb(0x08409e);
  t.accent_soft = rgb(0xb4d5fe), t.hover = rgb(0xe8ebef), t.pressed = rgb(0xd9dde3);
  t.selected = rgb(0xc2dbff), t.selected_hover = rgb(0xb3d0fb), t.focus_ring = rgb(0x0b57d0);
  t.danger = rgb(0xd93025), t.success = rgb(0x188038), t.warning = rgb(0xf4b400);
  t.star = rgb(0xf4b400), t.backdrop = rgb(0x000000, 102), t.tooltip_bg = rgb(0x3c4043, 235);
  t.tooltip_text = rgb(0xffffff), t.chrome = rgb(0xdee3ea), t.chrome_hover = rgb(0xc9d0d9);
  t.chrome_icon = rgb(0x45494e);
  t.shadow = rgb(0x3c4043, 77), t.scrollbar = rgb(0x202124, 64);
  t.scrollbar_hover = rgb(0x202124, 128), t.mark = rgb(0xd93025);
  t.highlight = rgb(0xfde293);
  return t;
}

Theme dark_base() {
  Theme t;
  t.dark = true, t.name = "dark";
  t.page = rgb(0x131314), t.surface = rgb(0x1e1f20), t.surface_dim = rgb(0x1a1b1c);
  t.surface_raised = rgb(0x2a2b2d), t.text_strong = rgb(0xe3e3e3), t.text = rgb(0xc4c7c5);
  t.text_muted = rgb(0x9aa0a6), t.text_disabled = rgb(0xe3e3e3, 97);
  t.divider = rgb(0x3c4043), t.outline = rgb(0x8e918f), t.accent = rgb(0xa8c7fa);
  t.on_accent = rgb(0x062e6f), t.accent_hover = rgb(0xbcd3fb), t.accent_pressed = rgb(0xd3e3fd);
  t.accent_soft = rgb(0x3b5a8f), t.hover = rgb(0x2d2e31), t.pressed = rgb(0x38393c);
  t.selected = rgb(0x004a77), t.selected_hover = rgb(0x0b5a8c), t.focus_ring = rgb(0xa8c7fa);
  t.danger = rgb(0xf28b82), t.success = rgb(0x81c995), t.warning = rgb(0xfdd663);
  t.star = rgb(0xfdd663), t.backdrop = rgb(0x000000, 150), t.tooltip_bg = rgb(0xe3e3e3, 240);
  t.tooltip_text = rgb(0x1f1f1f), t.chrome = rgb(0x2f3033), t.chrome_hover = rgb(0x404145);
  t.chrome_icon = rgb(0xc4c7c5);
  t.shadow = rgb(0x000000, 140), t.scrollbar = rgb(0xe3e3e3, 64);
  t.scrollbar_hover = rgb(0xe3e3e3, 128), t.mark = rgb(0xff7769);
  t.highlight = rgb(0x6b5500);
  return t;
}

constexpr int kFontPcts[] = {90, 100, 110, 125};
}  // namespace

const Theme& make_theme(bool dark, int density, int font_pct) {
  // Every combination, built once (thread-safe static): themes are plain values.
  static const auto all = [] {
    std::array<Theme, 2 * 3 * std::size(kFontPcts)> a{};
    size_t k = 0;
    for (int d = 0; d < 2; ++d)
      for (int den = 0; den < 3; ++den)
        for (int pct : kFontPcts) {
          Theme t = d ? dark_base() : light_base();
          t.density = den;
          t.font_pct = pct;
          t.control_h = 32 + 4 * den;
          t.row_h = 32 + 8 * den;
          a[k++] = t;
        }
    return a;
  }();
  size_t p = 0;
  for (size_t i = 0; i < std::size(kFontPcts); ++i)
    if (std::abs(kFontPcts[i] - font_pct) < std::abs(kFontPcts[p] - font_pct)) p = i;
  const size_t d = dark ? 1 : 0, den = size_t(std::clamp(density, 0, 2));
  return all[(d * 3 + den) * std::size(kFontPcts) + p];
}
const Theme& theme_light() { return make_theme(false, 1, 100); }
const Theme& theme_dark() { return make_theme(true, 1, 100); }

namespace widget {
namespace {
std::string cat(std::string_view a, std::string_view b) {
  std::string s(a);
  s += b;
  return s;
}
std::string cat(std::string_view a, std::string_view b, int n) { return cat(a, b) + std::to_string(n); }
const TextStyle label_style(const Theme& th, bool disabled, int size = 14, int weight = 400) {
  return {.size = size, .weight = weight, .color = disabled ? th.text_disabled : th.text_strong};
}
}  // namespace

// [SECTION] Buttons and links -------------------------------------------------------------------
int button(Tree& t, int parent, std::string_view key, std::string_view label, std::string action,
           ButtonKind kind, bool disabled) {
  const Theme& th = t.theme();
  Style s{.dir = Dir::row, .h = fixed(th.control_h), .pad = edges(0, 24), .gap = 8,
          .justify = Align::center, .align = Align::center, .radius = th.control_h / 2};
  uint32_t fg = th.accent;
  switch (kind) {
    case ButtonKind::primary:
    case ButtonKind::danger:
      s.bg = kind == ButtonKind::danger ? th.danger : th.accent;
      s.hover_bg = kind == ButtonKind::danger ? with_alpha(th.danger, 225) : th.accent_hover;
      s.pressed_bg = kind == ButtonKind::danger ? with_alpha(th.danger, 200) : th.accent_pressed;
      s.hover_shadow = {.y = 1, .blur = 3, .color = th.shadow};
      fg = th.on_accent;
      break;
    case ButtonKind::secondary:
      s.border = 1, s.border_color = th.outline;
      [[fallthrough]];
    case ButtonKind::text:
      if (kind == ButtonKind::text) s.pad = edges(0, 12);
      s.hover_bg = with_alpha(th.accent, 20);
      s.pressed_bg = with_alpha(th.accent, 36);
      break;
  }
  if (disabled) {
    s.bg = kind == ButtonKind::primary || kind == ButtonKind::danger
               ? with_alpha(th.text_strong, 31) : 0;
    s.border_color = s.border ? with_alpha(th.text_strong, 31) : 0;
    fg = th.text_disabled;
  }
  int b = t.add(parent, s, key, Role::button);
  Node& n = t.node(b);
  n.name = label;
  n.action = std::move(action);
  n.disabled = disabled;
  t.text(b, label, {.size = 14, .weight = 500, .color = fg});
  return b;
}

int icon_button(Tree& t, int parent, std::string_view key, std::string_view glyph,
                std::string_view name, std::string action, uint32_t color, int size) {
  const Theme& th = t.theme();
  const int d = th.control_h;
  int b = t.add(parent, {.w = fixed(d), .h = fixed(d), .justify = Align::center,
                         .align = Align::center, .hover_bg = th.hover, .radius = d / 2,
                         .pressed_bg = th.pressed}, key, Role::button);
  t.node(b).name = name;
  t.node(b).action = std::move(action);
  t.text(b, glyph, {.size = size, .color = color ? color : th.text_muted});
  return b;
}

int link(Tree& t, int parent, std::string_view key, std::string_view label, std::string action) {
  const Theme& th = t.theme();
  int l = t.add(parent, {.dir = Dir::column, .gap = 0}, key, Role::link);
  t.node(l).action = std::move(action);
  t.node(l).name = label;
  t.text(l, label, {.size = 14, .color = th.accent});
  t.add(l, {.w = fill(), .h = fixed(1), .bg = th.accent});  // underline
  return l;
}

// [SECTION] Text fields -------------------------------------------------------------------------
namespace {
std::string dots_for(std::string_view v) {
  std::string d;
  for (size_t i = 0; i < v.size();) {
    assets::next_codepoint(v, i);
    d += "\xE2\x80\xA2";
  }
  return d;
}
int dot_offset(std::string_view v, int off) {  // value byte offset -> dots byte offset
  int n = 0;
  for (size_t i = 0; i < size_t(std::max(0, off)) && i < v.size(); ++n) assets::next_codepoint(v, i);
  return n * 3;
}
}  // namespace

int text_field(Tree& t, int parent, std::string_view key, const FieldState& f,
               std::string_view placeholder, FieldKind kind, int width, int rows, bool disabled) {
  const Theme& th = t.theme();
  const bool multi = kind == FieldKind::multiline;
  const TextStyle ts{.size = 14, .color = disabled ? th.text_disabled : th.text_strong,
                     .line_height = 20};
  const int h = multi ? rows * 20 + 16 : th.control_h;
  const bool focused = f.focused && !disabled;
  int b = t.add(parent, {.dir = multi ? Dir::column : Dir::row,
                         .w = width > 0 ? fixed(width) : fill(), .h = fixed(h),
                         // the 2 px focus border takes 1 px of padding: the text stays put
                         .pad = multi ? Edges{12 - focused, 8 - focused, 12 - focused, 8 - focused}
                                      : edges(0, 12 - focused),
                         .align = multi ? Align::start : Align::center,
                         .bg = disabled ? th.surface_dim : th.surface,
                         .border_color = focused ? th.accent : disabled ? th.divider : th.outline,
                         .border = focused ? 2 : 1, .radius = 4, .clip = true},
                key, Role::textbox);
  Node& n = t.node(b);
  n.editable = true;
  n.disabled = disabled;
  n.masked = kind == FieldKind::password;
  n.name = placeholder;
  field_text(t, b, {f.value, f.anchor, f.caret, focused, f.live}, placeholder, ts, th.text_muted);
  return b;
}

namespace {
// The text leaves a field shows for a value and selection: one per line, or the masked dots,
// or an empty leaf (for the caret) and the placeholder.
struct Leaf {
  std::string text;
  bool placeholder = false;
  int src_base = -1, sel_a = -1, sel_b = -1, caret_at = -1;
};
void field_leaves(const Node& n, const FieldState& f, std::string_view placeholder,
                  std::vector<Leaf>& out) {
  out.clear();
  const bool focused = f.focused;
  const bool multi = n.style.dir == Dir::column;
  const int sa = focused ? std::min(f.anchor, f.caret) : -1;
  const int sb = focused ? std::max(f.anchor, f.caret) : -1;
  if (f.value.empty()) {
    out.push_back({"", false, 0, -1, -1, focused ? 0 : -1});
    out.push_back({std::string(placeholder), true});
    return;
  }
  if (n.masked) {
    Leaf l{dots_for(f.value), false, 0};
    if (focused)
      l.sel_a = dot_offset(f.value, sa), l.sel_b = dot_offset(f.value, sb),
      l.caret_at = dot_offset(f.value, f.caret);
    out.push_back(std::move(l));
    return;
  }
  // One leaf per line (no soft wrap: offsets map exactly to glyphs).
  size_t start = 0;
  for (;;) {
    size_t nl = multi ? f.value.find('\n', start) : std::string_view::npos;
    std::string_view line = f.value.substr(start, nl == std::string_view::npos ? nl : nl - start);
    Leaf l{std::string(line), false, int(start)};
    if (focused) {
      l.sel_a = sa, l.sel_b = sb;
      const bool on_line = f.caret >= int(start) && f.caret <= int(start + line.size());
      l.caret_at = on_line ? f.caret : -1;
    }
    out.push_back(std::move(l));
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
}
}  // namespace

void field_text(Tree& t, int field, const FieldState& f, std::string_view placeholder,
                const TextStyle& ts, uint32_t placeholder_color) {
  Node& n = t.node(field);
  n.editable = true;
  n.value = f.value;
  n.focused = f.focused;
  if (f.live) {
    t.mark_live(field);
    NodeExtra& e = n.extra_mut();
    e.placeholder = placeholder;
    e.field_ts = ts;
    e.placeholder_color = placeholder_color;
  }
  std::vector<Leaf> leaves;
  field_leaves(n, f, placeholder, leaves);
  const bool multi = n.style.dir == Dir::column;
  for (const Leaf& l : leaves) {
    TextStyle s = ts;
    Style box;
    if (l.placeholder) {
      s.color = placeholder_color;
      // A multi-line field's placeholder shares the first line with the caret's empty leaf.
      if (multi) box.margin.t = -(ts.line_height > 0 ? ts.line_height : (ts.size * 10 + 3) / 7);
    }
    Node& c = t.node(t.text(field, l.text, s, box));
    c.src_base = l.src_base, c.sel_a = l.sel_a, c.sel_b = l.sel_b, c.caret_at = l.caret_at;
  }
}

Refresh refresh_field(Tree& t, int field, const FieldState& f) {
  Node& n = t.node(field);
  if (f.focused != n.focused) return Refresh::rebuild;
  std::vector<Leaf> leaves;
  field_leaves(n, f, n.extra().placeholder, leaves);
  size_t k = 0;
  bool same = n.value == f.value;
  for (int c = n.first_child; c >= 0; c = t.node(c).next_sibling, ++k) {
    const Node& cn = t.node(c);
    if (k >= leaves.size() || !cn.is_text || leaves[k].placeholder != (cn.src_base < 0))
      return Refresh::rebuild;
    const Leaf& l = leaves[k];
    same = same && cn.text == l.text && cn.src_base == l.src_base && cn.sel_a == l.sel_a &&
           cn.sel_b == l.sel_b && cn.caret_at == l.caret_at;
  }
  if (k != leaves.size()) return Refresh::rebuild;
  if (same) return Refresh::unchanged;
  t.unmemo(field);  // memoized ancestors no longer show what their stamps say
  k = 0;
  for (int c = n.first_child; c >= 0; c = t.node(c).next_sibling, ++k) {
    Node& cn = t.node(c);
    const Leaf& l = leaves[k];
    cn.text = l.text;
    cn.src_base = l.src_base, cn.sel_a = l.sel_a, cn.sel_b = l.sel_b, cn.caret_at = l.caret_at;
  }
  n.value = f.value;
  return t.relayout(field) ? Refresh::relaid : Refresh::rebuild;
}

// [SECTION] Checkbox, radio, toggle -------------------------------------------------------------
namespace {
int choice_row(Tree& t, int parent, std::string_view key, std::string_view label, bool checked,
               std::string action, bool disabled, Role role) {
  const Theme& th = t.theme();
  int r = t.add(parent, {.dir = Dir::row, .h = fixed(th.control_h), .pad = edges(0, 6), .gap = 10,
                         .align = Align::center, .hover_bg = disabled ? 0 : th.hover,
                         .radius = 6, .pressed_bg = disabled ? 0 : th.pressed},
                key, role);
  Node& n = t.node(r);
  n.name = label;
  n.checked = checked;
  n.disabled = disabled;
  n.action = std::move(action);
  return r;
}
}  // namespace

int checkbox(Tree& t, int parent, std::string_view key, std::string_view label, bool checked,
             std::string action, bool disabled) {
  const Theme& th = t.theme();
  int r;
  if (label.empty()) {  // a bare box (list rows, toolbars): a round 32 px target around it
    r = t.add(parent, {.w = fixed(32), .h = fixed(32), .justify = Align::center,
                       .align = Align::center, .hover_bg = disabled ? 0 : th.hover,
                       .radius = 16, .pressed_bg = disabled ? 0 : th.pressed},
              key, Role::checkbox);
    Node& n = t.node(r);
    n.name = "Select";
    n.checked = checked;
    n.disabled = disabled;
    n.action = std::move(action);
  } else {
    r = choice_row(t, parent, key, label, checked, std::move(action), disabled, Role::checkbox);
  }
  const uint32_t on = disabled ? th.text_disabled : th.accent;
  int box = t.add(r, {.w = fixed(18), .h = fixed(18), .justify = Align::center,
                      .align = Align::center, .bg = checked ? on : 0,
                      .border_color = checked ? on : disabled ? th.text_disabled : th.text_muted,
                      .border = 2, .radius = 3});
  if (checked) t.text(box, "\xE2\x9C\x93", {.size = 13, .weight = 700, .color = th.surface});
  if (!label.empty()) t.text(r, label, label_style(th, disabled));
  return r;
}

int radio(Tree& t, int parent, std::string_view key, std::string_view label, bool checked,
          std::string action, bool disabled) {
  const Theme& th = t.theme();
  int r = choice_row(t, parent, key, label, checked, std::move(action), disabled, Role::radio);
  const uint32_t on = disabled ? th.text_disabled : th.accent;
  int ring = t.add(r, {.w = fixed(18), .h = fixed(18), .justify = Align::center,
                       .align = Align::center,
                       .border_color = checked ? on : disabled ? th.text_disabled : th.text_muted,
                       .border = 2, .radius = 9});
  if (checked) t.add(ring, {.w = fixed(8), .h = fixed(8), .bg = on, .radius = 4});
  if (!label.empty()) t.text(r, label, label_style(th, disabled));
  return r;
}

int toggle(Tree& t, int parent, std::string_view key, std::string_view label, bool on,
           std::string action, bool disabled) {
  const Theme& th = t.theme();
  int r = choice_row(t, parent, key, label, on, std::move(action), disabled, Role::switch_);
  const uint32_t accent = disabled ? th.text_disabled : th.accent;
  int track = t.add(r, {.dir = Dir::row, .w = fixed(40), .h = fixed(22),
                        .pad = edges(0, on ? 3 : 5), .justify = on ? Align::end : Align::start,
                        .align = Align::center, .bg = on ? accent : th.surface_dim,
                        .border_color = on ? accent : th.outline, .border = 2, .radius = 11});
  const int k = on ? 14 : 10;
  t.add(track, {.w = fixed(k), .h = fixed(k), .bg = on ? th.on_accent : th.outline,
                .radius = k / 2});
  if (!label.empty()) t.text(r, label, label_style(th, disabled));
  return r;
}

// [SECTION] Select, date picker, autocomplete ---------------------------------------------------
namespace {
// The shared popup panel: raised surface, shadow, under `anchor`.
int popup(Tree& t, int anchor, std::string_view key, Role role, int width) {
  const Theme& th = t.theme();
  int p = t.add(anchor, {.dir = Dir::column, .w = width > 0 ? fixed(width) : fit(),
                         .pad = edges(6, 0), .bg = th.surface_raised, .radius = 8,
                         .shadow = {.y = 2, .blur = 6, .spread = 1, .color = th.shadow},
                         .place = Place::below, .anchor = anchor, .oy = 4, .z = 10},
                key, role);
  return p;
}
int option(Tree& t, int list, std::string_view key, std::string_view label, bool selected,
           std::string action, bool highlight = false) {
  const Theme& th = t.theme();
  int o = t.add(list, {.dir = Dir::row, .w = fill(), .h = fixed(th.control_h),
                       .pad = edges(0, 16), .align = Align::center,
                       .bg = highlight ? th.hover : selected ? th.accent_soft : 0,
                       .hover_bg = selected ? th.selected_hover : th.hover,
                       .pressed_bg = th.pressed},
                key, Role::option);
  t.node(o).selected = selected;
  t.node(o).action = std::move(action);
  t.text(o, label, {.size = 14, .color = th.text_strong});
  return o;
}
int field_button(Tree& t, int parent, std::string_view key, std::string_view label, bool muted,
                 bool open, int width, bool disabled, std::string_view chevron) {
  const Theme& th = t.theme();
  int b = t.add(parent, {.dir = Dir::row, .w = fixed(width), .h = fixed(th.control_h),
                         .pad = {12 - open, 0, 10 - open, 0}, .gap = 8, .align = Align::center,
                         .bg = disabled ? th.surface_dim : th.surface,
                         .hover_bg = disabled ? 0 : th.hover,
                         .border_color = open ? th.accent : th.outline, .border = open ? 2 : 1,
                         .radius = 4},
                key, Role::combobox);
  Node& n = t.node(b);
  n.has_popup = true;
  n.expanded = open;
  n.disabled = disabled;
  n.value = label;
  n.action = disabled ? "" : cat("ui:open:", t.scoped(key));
  t.text(b, label, {.size = 14, .color = disabled || muted ? th.text_muted : th.text_strong},
         {.w = fill()});
  t.text(b, chevron, {.size = 14, .color = th.text_muted});
  return b;
}
struct Ymd {
  int y = 0, m = 0, d = 0;
};
Ymd parse_ymd(std::string_view s) {
  Ymd r;
  if (s.size() >= 7 && std::sscanf(std::string(s).c_str(), "%d-%d-%d", &r.y, &r.m, &r.d) >= 2 &&
      r.m >= 1 && r.m <= 12 && r.y >= 1900 && r.y <= 2200)
    return r;
  return {};
}
std::string ym(int y, int m) {
  char b[32];
  std::snprintf(b, sizeof b, "%04d-%02d", y, m);
  return b;
}
}  // namespace

int select(Tree& t, int parent, std::string_view key, const std::vector<std::string_view>& options,
           int selected, bool open, int width, bool disabled) {
  const int n = int(options.size());
  const bool has = selected >= 0 && selected < n;
  int b = field_button(t, parent, key, has ? options[size_t(selected)] : "Select\xE2\x80\xA6",
                       !has, open && !disabled, width, disabled, "\xE2\x96\xBE");
  Node& nb = t.node(b);
  if (!disabled && n > 0) {
    NodeExtra& e = nb.extra_mut();
    e.prev_action = cat("ui:set:", t.scoped(key)) + "=" + std::to_string(std::max(0, has ? selected - 1 : 0));
    e.next_action = cat("ui:set:", t.scoped(key)) + "=" + std::to_string(std::min(n - 1, has ? selected + 1 : 0));
  }
  if (!open || disabled) return b;
  int p = popup(t, b, cat(key, ".popup"), Role::listbox, width);
  for (int i = 0; i < n; ++i)
    option(t, p, cat(key, ".opt", i), options[size_t(i)], i == selected,
           cat("ui:choose:", t.scoped(key)) + "=" + std::to_string(i));
  return b;
}

int date_picker(Tree& t, int parent, std::string_view key, std::string_view date,
                std::string_view month, bool open) {
  const Theme& th = t.theme();
  const Ymd sel = parse_ymd(date);
  std::string label = "Select date";
  if (sel.y) {
    char b[32];
    std::snprintf(b, sizeof b, "%.3s %d, %d", kMonthLong[sel.m - 1], sel.d, sel.y);
    label = b;
  }
  int b = field_button(t, parent, key, label, !sel.y, open, 180, false, "\xE2\x96\xBE");
  t.node(b).value = std::string(date);
  if (!open) return b;
  Ymd shown = parse_ymd(month);
  if (!shown.y) shown = sel.y ? sel : Ymd{2026, 3, 1};
  int p = popup(t, b, cat(key, ".calendar"), Role::dialog, 0);
  t.node(p).style.pad = edges(12);
  t.node(p).style.gap = 4;
  t.node(p).name = "Choose date";
  int head = t.add(p, {.dir = Dir::row, .w = fill(), .align = Align::center});
  const int py = shown.m == 1 ? shown.y - 1 : shown.y, pm = shown.m == 1 ? 12 : shown.m - 1;
  const int ny = shown.m == 12 ? shown.y + 1 : shown.y, nm = shown.m == 12 ? 1 : shown.m + 1;
  icon_button(t, head, cat(key, ".prev"), "<", "Previous month",
              cat("ui:month:", t.scoped(key)) + "=" + ym(py, pm), th.text, 20);
  char title[32];
  std::snprintf(title, sizeof title, "%s %d", kMonthLong[shown.m - 1], shown.y);
  t.text(head, title, {.size = 14, .weight = 500, .color = th.text_strong},
         {.w = fill(), .justify = Align::center});
  icon_button(t, head, cat(key, ".next"), ">", "Next month",
              cat("ui:month:", t.scoped(key)) + "=" + ym(ny, nm), th.text, 20);
  int grid = t.add(p, {.dir = Dir::column, .gap = 2}, cat(key, ".grid"), Role::grid);
  int wk = t.add(grid, {.dir = Dir::row, .gap = 2});
  for (const char* d : {"S", "M", "T", "W", "T", "F", "S"})
    t.text(wk, d, {.size = 12, .weight = 500, .color = th.text_muted},
           {.w = fixed(32), .h = fixed(24), .justify = Align::center});
  const int first = weekday(shown.y, shown.m, 1), days = days_in_month(shown.y, shown.m);
  for (int week = 0; week * 7 < first + days; ++week) {
    int row = t.add(grid, {.dir = Dir::row, .gap = 2}, {}, Role::row);
    for (int c = 0; c < 7; ++c) {
      const int day = week * 7 + c - first + 1;
      if (day < 1 || day > days) {
        t.add(row, {.w = fixed(32), .h = fixed(32)});
        continue;
      }
      char iso[40];
      std::snprintf(iso, sizeof iso, "%04d-%02d-%02d", shown.y, shown.m, day);
      const bool on = sel.y == shown.y && sel.m == shown.m && sel.d == day;
      int cell = t.add(row, {.w = fixed(32), .h = fixed(32), .justify = Align::center,
                             .align = Align::center, .bg = on ? th.accent : 0,
                             .hover_bg = on ? th.accent_hover : th.hover, .radius = 16,
                             .pressed_bg = th.pressed},
                       cat(key, ".") + iso, Role::gridcell);
      t.node(cell).selected = on;
      t.node(cell).name = iso;
      t.node(cell).action = cat("ui:choose:", t.scoped(key)) + "=" + iso;
      t.text(cell, std::to_string(day), {.size = 13, .color = on ? th.on_accent : th.text_strong});
    }
  }
  return b;
}

int autocomplete(Tree& t, int parent, std::string_view key, const FieldState& f,
                 std::string_view placeholder, const std::vector<std::string_view>& suggestions,
                 int highlight, bool open, int width) {
  int fld = text_field(t, parent, key, f, placeholder, FieldKind::text, width);
  Node& n = t.node(fld);
  n.role = Role::combobox;
  n.has_popup = true;
  const int count = int(suggestions.size());
  const bool shown = open && count > 0;
  n.expanded = shown;
  if (!shown) return fld;
  const int hl = std::clamp(highlight, -1, count - 1);
  const std::string set = cat("ui:set:", t.scoped(key)) + ".hl=";
  n.extra_mut().prev_action = set + std::to_string(std::max(0, hl - 1));
  n.extra_mut().next_action = set + std::to_string(std::min(count - 1, hl + 1));
  if (hl >= 0)
    n.extra_mut().enter_action = cat("ui:accept:", t.scoped(key)) + "=" + std::string(suggestions[size_t(hl)]);
  int p = popup(t, fld, cat(key, ".popup"), Role::listbox, width);
  for (int i = 0; i < count; ++i)
    option(t, p, cat(key, ".opt", i), suggestions[size_t(i)], false,
           cat("ui:accept:", t.scoped(key)) + "=" + std::string(suggestions[size_t(i)]), i == hl);
  return fld;
}

// [SECTION] List, tabs, table, pagination -------------------------------------------------------
int list(Tree& t, int parent, std::string_view key, const std::vector<std::string_view>& items,
         const std::vector<bool>& selected, bool multi, int height) {
  const Theme& th = t.theme();
  int l = t.add(parent, {.dir = Dir::column, .w = fill(), .h = fixed(height), .pad = edges(4, 0),
                         .bg = th.surface, .border_color = th.divider, .border = 1, .radius = 8,
                         .clip = true},
                key, Role::listbox);
  t.node(l).name = multi ? "multi-select list" : "list";
  const int n = int(items.size());
  for (int i = 0; i < n; ++i) {
    const bool on = size_t(i) < selected.size() && selected[size_t(i)];
    int o = t.add(l, {.dir = Dir::row, .w = fill(), .h = fixed(th.row_h), .pad = edges(0, 16),
                      .gap = 10, .align = Align::center, .bg = on ? th.selected : 0,
                      .hover_bg = on ? th.selected_hover : th.hover, .pressed_bg = th.pressed},
                  cat(key, ".i", i), Role::option);
    Node& on_node = t.node(o);
    on_node.selected = on;
    const std::string pick = cat("ui:pick:", t.scoped(key)) + (multi ? "*=" : "=");
    on_node.action = pick + std::to_string(i);
    on_node.extra_mut().prev_action = pick + std::to_string(std::max(0, i - 1));
    on_node.extra_mut().next_action = pick + std::to_string(std::min(n - 1, i + 1));
    if (multi)
      t.text(o, on ? "\xE2\x9C\x93" : " ", {.size = 14, .weight = 700, .color = th.accent},
             {.w = fixed(14)});
    t.text(o, items[size_t(i)], {.size = 14, .color = th.text_strong});
  }
  return l;
}

int tabs(Tree& t, int parent, std::string_view key, const std::vector<std::string_view>& labels,
         int selected) {
  const Theme& th = t.theme();
  int wrap = t.add(parent, {.dir = Dir::column, .w = fill()});
  int bar = t.add(wrap, {.dir = Dir::row, .w = fill()}, key, Role::tablist);
  const int n = int(labels.size());
  for (int i = 0; i < n; ++i) {
    const bool on = i == selected;
    int tab = t.add(bar, {.dir = Dir::column, .h = fixed(48), .pad = edges(0, 16),
                          .justify = Align::end, .align = Align::center, .hover_bg = th.hover,
                          .pressed_bg = th.pressed},
                    cat(key, ".t", i), Role::tab);
    Node& tn = t.node(tab);
    tn.selected = on;
    tn.name = labels[size_t(i)];
    const std::string set = cat("ui:set:", t.scoped(key)) + "=";
    tn.action = set + std::to_string(i);
    tn.extra_mut().prev_action = set + std::to_string(std::max(0, i - 1));
    tn.extra_mut().next_action = set + std::to_string(std::min(n - 1, i + 1));
    t.text(tab, labels[size_t(i)], {.size = 14, .weight = 500,
                                    .color = on ? th.accent : th.text_muted},
           {.pad = {0, 0, 0, 12}});
    t.add(tab, {.w = fill(), .h = fixed(3), .bg = on ? th.accent : 0, .radius = 1});
  }
  t.add(wrap, {.w = fill(), .h = fixed(1), .bg = th.divider});
  return t.add(wrap, {.dir = Dir::column, .w = fill(), .pad = edges(12, 4), .gap = 8},
               cat(key, ".panel"), Role::tabpanel);
}

int table(Tree& t, int parent, std::string_view key, const std::vector<std::string_view>& headers,
          const std::vector<std::vector<std::string>>& rows, int sort_col, bool desc,
          const std::vector<int>& widths) {
  const Theme& th = t.theme();
  int tb = t.add(parent, {.dir = Dir::column, .w = fill(), .border_color = th.divider,
                          .border = 1, .radius = 8},
                 key, Role::table);
  auto col_w = [&](size_t c) { return c < widths.size() && widths[c] > 0 ? fixed(widths[c]) : fill(); };
  int head = t.add(tb, {.dir = Dir::row, .w = fill(), .h = fixed(th.row_h), .pad = edges(0, 8),
                        .align = Align::center}, {}, Role::row);
  for (size_t c = 0; c < headers.size(); ++c) {
    const bool on = int(c) == sort_col;
    int h = t.add(head, {.dir = Dir::row, .w = col_w(c), .h = fill(), .pad = edges(0, 8), .gap = 4,
                         .align = Align::center, .hover_bg = th.hover, .radius = 4,
                         .pressed_bg = th.pressed},
                  cat(key, ".h", int(c)), Role::columnheader);
    Node& hn = t.node(h);
    hn.name = headers[c];
    hn.value = on ? (desc ? "descending" : "ascending") : "";
    hn.action = cat("ui:sort:", t.scoped(key)) + "=" + std::to_string(c);
    t.text(h, headers[c], {.size = 12, .weight = 600, .color = on ? th.text_strong : th.text_muted});
    if (on) t.text(h, desc ? "\xE2\x96\xBC" : "\xE2\x96\xB2", {.size = 10, .color = th.text_strong});
  }
  for (size_t r = 0; r < rows.size(); ++r) {
    t.add(tb, {.w = fill(), .h = fixed(1), .bg = th.divider});
    int row = t.add(tb, {.dir = Dir::row, .w = fill(), .h = fixed(th.row_h), .pad = edges(0, 8),
                         .align = Align::center, .hover_bg = th.hover},
                    {}, Role::row);
    for (size_t c = 0; c < rows[r].size(); ++c)
      t.text(row, rows[r][c], {.size = 14, .color = th.text_strong},
             {.w = col_w(c), .pad = edges(0, 8)});
  }
  return tb;
}

int pagination(Tree& t, int parent, std::string_view key, int page, int pages) {
  const Theme& th = t.theme();
  pages = std::max(1, pages);
  page = std::clamp(page, 1, pages);
  int nav = t.add(parent, {.dir = Dir::row, .gap = 4, .align = Align::center}, key,
                  Role::navigation_group);
  t.node(nav).name = "Pagination";
  const std::string set = cat("ui:set:", t.scoped(key)) + "=";
  button(t, nav, cat(key, ".prev"), "Prev", set + std::to_string(page - 1),
         ButtonKind::text, page <= 1);
  // First, last, and a window around the current page; gaps show an ellipsis.
  int last_shown = 0;
  for (int p = 1; p <= pages; ++p) {
    if (p != 1 && p != pages && std::abs(p - page) > 1) continue;
    if (p - last_shown > 1) t.text(nav, "\xE2\x80\xA6", {.size = 14, .color = th.text_muted});
    last_shown = p;
    const bool on = p == page;
    const int d = th.control_h;
    int b = t.add(nav, {.w = fixed(d), .h = fixed(d), .justify = Align::center,
                        .align = Align::center, .bg = on ? th.accent : 0,
                        .hover_bg = on ? th.accent_hover : th.hover, .radius = d / 2,
                        .pressed_bg = on ? th.accent_pressed : th.pressed},
                  cat(key, ".p", p), Role::button);
    t.node(b).selected = on;
    t.node(b).name = "Page " + std::to_string(p);
    t.node(b).action = set + std::to_string(p);
    t.text(b, std::to_string(p), {.size = 14, .weight = on ? 600 : 400,
                                  .color = on ? th.on_accent : th.text_strong});
  }
  button(t, nav, cat(key, ".next"), "Next", set + std::to_string(page + 1),
         ButtonKind::text, page >= pages);
  return nav;
}

// [SECTION] Overlays: modal, menu, toast, tooltip -----------------------------------------------
int modal(Tree& t, std::string_view key, std::string_view title, int width) {
  const Theme& th = t.theme();
  int back = t.add(0, {.justify = Align::center, .align = Align::center, .bg = th.backdrop,
                       .place = Place::cover, .z = 100},
                   cat(key, ".backdrop"));
  t.node(back).action = "ui:close";  // a click outside the dialog closes it
  int d = t.add(back, {.dir = Dir::column, .w = fixed(width), .pad = edges(24), .gap = 16,
                       .bg = th.surface_raised, .radius = 16,
                       .shadow = {.y = 8, .blur = 24, .spread = 2, .color = th.shadow}},
                key, Role::dialog);
  t.node(d).name = title;
  int head = t.add(d, {.dir = Dir::row, .w = fill(), .align = Align::center});
  int h = t.text(head, title, {.size = 20, .weight = 500, .color = th.text_strong}, {.w = fill()});
  t.node(h).role = Role::heading;
  icon_button(t, head, cat(key, ".close"), "\xE2\x9C\x95", "Close", "ui:close");
  return t.add(d, {.dir = Dir::column, .w = fill(), .gap = 12});
}

int menu(Tree& t, std::string_view key, const std::vector<Option>& items, int anchor, int x, int y,
         int width) {
  const Theme& th = t.theme();
  // Above whatever overlay its anchor is in (a menu in a compose window or a dialog).
  int z = 20;
  for (int i = anchor; i >= 0; i = t.node(i).parent)
    if (t.node(i).style.place != Place::flow) {
      z = std::max(z, t.node(i).style.z + 10);
      break;
    }
  Style s{.dir = Dir::column, .w = fixed(width), .pad = edges(8, 0), .bg = th.surface_raised,
          .radius = 8, .shadow = {.y = 2, .blur = 8, .spread = 1, .color = th.shadow},
          .place = anchor >= 0 ? Place::below : Place::point, .anchor = anchor,
          .ox = anchor >= 0 ? 0 : x, .oy = anchor >= 0 ? 4 : y, .z = z};
  int m = t.add(anchor >= 0 ? anchor : 0, s, key, Role::menu);
  for (size_t i = 0; i < items.size(); ++i) {
    const Option& o = items[i];
    if (o.label.empty()) {
      t.add(m, {.w = fill(), .h = fixed(1), .bg = th.divider});
      continue;
    }
    int it = t.add(m, {.dir = Dir::row, .w = fill(), .h = fixed(th.control_h), .pad = edges(0, 16),
                       .align = Align::center, .hover_bg = o.disabled ? 0 : th.hover,
                       .pressed_bg = o.disabled ? 0 : th.pressed},
                   cat(key, ".", int(i)), Role::menuitem);
    t.node(it).action = o.action;
    t.node(it).disabled = o.disabled;
    t.text(it, o.label, label_style(th, o.disabled));
  }
  return m;
}

int toast(Tree& t, std::string_view text, std::string_view action_label, std::string action) {
  const Theme& th = t.theme();
  int o = t.add(0, {.dir = Dir::row, .pad = edges(14, 16), .gap = 24, .align = Align::center,
                    .bg = th.tooltip_bg, .radius = 6,
                    .shadow = {.y = 3, .blur = 6, .color = th.shadow},
                    .place = Place::bottom_left, .ox = 24, .oy = 24, .z = 200},
                "toast", Role::status);
  t.text(o, text, {.size = 14, .color = th.tooltip_text});
  if (!action_label.empty()) {  // "Undo": a text button in the toast
    const int b = t.add(o, {.dir = Dir::row, .pad = edges(4, 8), .hover_bg = with_alpha(th.tooltip_text, 30),
                            .radius = 4}, "toast_action", Role::button);
    t.node(b).action = std::move(action);
    t.node(b).name = action_label;
    t.text(b, action_label, {.size = 14, .weight = 700,
                             .color = th.dark ? rgb(0x0b57d0) : rgb(0x8ab4f8)});
  }
  return o;
}

int tooltip(Tree& t, int anchor) {
  const Theme& th = t.theme();
  int o = t.add(0, {.dir = Dir::row, .pad = edges(4, 8), .bg = th.tooltip_bg, .radius = 4,
                    .place = Place::below_center, .anchor = anchor, .oy = 6, .z = 150},
                "tooltip", Role::tooltip);
  t.text(o, t.node(anchor).extra().tooltip, {.size = 12, .color = th.tooltip_text});
  return o;
}

// [SECTION] Badge, avatar -----------------------------------------------------------------------
int badge(Tree& t, int parent, std::string_view text, uint32_t bg, uint32_t fg) {
  const Theme& th = t.theme();
  return t.text(parent, text, {.size = 11, .weight = 700, .color = fg ? fg : th.surface},
                {.w = fit(), .pad = edges(1, 6), .justify = Align::center,
                 .bg = bg ? bg : th.danger, .radius = 9});
}

int avatar(Tree& t, int parent, std::string_view name, std::string_view image, int size) {
  static const uint32_t palette[] = {rgb(0x1a73e8), rgb(0xe8710a), rgb(0x188038), rgb(0xd93025),
                                     rgb(0x9334e6), rgb(0x007b83), rgb(0xc5221f), rgb(0x5f6368)};
  uint32_t h = 2166136261u;  // FNV-1a: a stable colour per name
  for (char c : name) h = (h ^ uint8_t(c)) * 16777619u;
  int a = t.add(parent, {.w = fixed(size), .h = fixed(size), .justify = Align::center,
                         .align = Align::center, .bg = palette[h % 8], .radius = size / 2,
                         .image = image},
                {}, Role::img);
  t.node(a).name = name;
  if (image.empty() && !name.empty())
    t.text(a, name.substr(0, 1), {.size = size * 9 / 20, .weight = 500, .color = rgb(0xffffff)});
  return a;
}

}  // namespace widget
}  // namespace facsim::dom
