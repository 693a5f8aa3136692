// dom: a small retained UI tree - style, flex-like layout, text, hit-testing, hover, focus and
// an accessibility tree. Views build the Tree from the world (a pure function of it), keeping
// memoized subtrees whose stamps are unchanged (Tree::reuse); layout() turns it into boxes and
// a flat DrawList that sim/ hands to the renderer.
//
// How to use:
//   dom::Tree t;
//   int root = t.root({.dir = dom::Dir::column, .bg = 0xFFFFFFFF});
//   int b = t.add(root, {.pad = dom::edges(8), .bg = blue, .radius = 4}, "send", dom::Role::button);
//   t.node(b).action = "send";   t.text(b, "Send", {.size = 14, .weight = 500});
//   t.layout(1280, 800);  const dom::DrawList& dl = t.draw(hovered);  int hit = t.hit_test(x, y);
// dom depends on assets (glyph metrics) only; it never includes the renderer (STYLE.md).
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace facsim::dom {

enum class Dir : uint8_t { column, row };
enum class SizeKind : uint8_t { fit, fixed, fill };
struct Size {
  SizeKind kind = SizeKind::fit;
  int px = 0;    // fixed: pixels; fill: grow weight (0 means 1)
};
constexpr Size fit() { return {}; }
constexpr Size fixed(int px) { return {SizeKind::fixed, px}; }
constexpr Size fill(int grow = 1) { return {SizeKind::fill, grow}; }

enum class Align : uint8_t { start, center, end, space_between };

// Overlays (menus, dropdowns, tooltips, toasts, modals) leave the flow, are laid out against
// the window and drawn and hit-tested above it, in z order (then tree order).
enum class Place : uint8_t {
  flow,          // an ordinary node
  below,         // under the anchor node's box, left-aligned (dropdowns, autocomplete)
  below_center,  // under the anchor, centred on it (tooltips)
  above,         // over the anchor's box (tooltips when there is no room below)
  right,         // to the right of the anchor, top-aligned (submenus)
  point,         // at (ox, oy) in window pixels (context menus)
  center,        // centred in the window (modal dialogs)
  bottom_center, // centred at the bottom of the window
  bottom_right,  // at the window's bottom-right corner, (ox, oy) in from it (compose windows)
  bottom_left,   // at the window's bottom-left corner, (ox, oy) in from it (toasts: clear of
                 // a compose window)
  cover,         // the whole window (a modal's backdrop: blocks the page below)
};

struct Edges {
  int l = 0, t = 0, r = 0, b = 0;
};
constexpr Edges edges(int all) { return {all, all, all, all}; }
constexpr Edges edges(int v, int h) { return {h, v, h, v}; }

// RGBA8 from 0xRRGGBB and alpha (red in the low byte, as the renderer wants).
constexpr uint32_t rgb(uint32_t hex, uint32_t a = 255) {
  return ((hex >> 16) & 255) | (((hex >> 8) & 255) << 8) | ((hex & 255) << 16) | (a << 24);
}
constexpr uint32_t with_alpha(uint32_t c, uint32_t a) { return (c & 0xFFFFFFu) | (a << 24); }

struct Shadow {                  // CSS box-shadow: 0 y blur spread color
  int y = 0, blur = 0, spread = 0;
  uint32_t color = 0;            // 0 = none
};

struct Style {
  Dir dir = Dir::column;
  Size w, h;
  Edges pad;
  int gap = 0;
  Align justify = Align::start;  // main axis
  Align align = Align::start;    // cross axis
  uint32_t bg = 0;               // RGBA8 (red in the low byte); 0 = none
  uint32_t hover_bg = 0;         // background while the pointer is over the node
  uint32_t border_color = 0;
  int border = 0;                // border width in pixels
  int radius = 0;                // corner radius in pixels
  Shadow shadow;                 // drawn under the background
  Shadow hover_shadow;           // replaces `shadow` while the pointer is over the node
  int opacity = 255;             // 0..255, multiplies the node and its subtree
  std::string_view image;        // assets::image_atlas() name, drawn over the background
                                 // (rounded by `radius`); must outlive the tree (literals)
  bool clip = false;             // clip children to the padding box (scroll containers)
  int scroll_y = 0;              // content offset of a clipping container
  bool from_bottom = false;      // scroll_y counts up from the bottom: 0 shows the end (chat)
  uint32_t pressed_bg = 0;       // background while the pointer button is held on the node
  Place place = Place::flow;     // overlays: see Place; anchor + (ox, oy) position them
  int anchor = -1;               // node index the overlay is placed against
  int ox = 0, oy = 0;            // offset (point: window position), clamped into the window
  int z = 0;                     // overlays: higher draws above
  // Box model and flex extras (CSS-like). The border is inside the box (box-sizing:
  // border-box): content starts at border + padding. Margins sit outside the box, never collapse.
  Edges margin;
  int basis = -1;                // main-axis size before grow/shrink (-1: the content size)
  int min_w = 0, max_w = 0;      // clamp the width (0: no limit)
  int min_h = 0, max_h = 0;
  bool wrap = false;             // rows: children flow onto new lines when they do not fit
                                 // (gap between lines too; fill children size as fit there)
  // Painted only while the pointer is over its parent (1: a list row's hover actions), or
  // only while it is not (2: the date they cover). Laid out and hit-tested always: a point
  // inside it is inside its parent, so the pointer there shows what it hits.
  uint8_t hover_show = 0;
  Edges inset() const {          // border + padding
    return {pad.l + border, pad.t + border, pad.r + border, pad.b + border};
  }
};

struct TextStyle {
  int size = 14;
  int weight = 400;
  uint32_t color = 0xFF242120;   // #202124
  int line_height = 0;           // 0: about 1.43 x size, like a browser's web-app text
  bool wrap = false;             // false: one line, ellipsis when it does not fit
  int max_lines = 0;             // with wrap: clamp to this many lines (0: no clamp)
  bool italic = false;           // the italic face (baked at 13 and 14 px; nearest otherwise)
};

enum class Role : uint8_t {
  none, generic, banner, navigation, main, search, heading, button, link, textbox, checkbox,
  list, listitem, article, img, text, radio, radiogroup, switch_, combobox, listbox, option,
  tablist, tab, tabpanel, dialog, menu, menuitem, tooltip, status, table, row, columnheader,
  cell, grid, gridcell, navigation_group, progressbar
};
// Roles that take keyboard focus (Tab order) unless disabled.
bool focusable_role(Role r);
const char* role_name(Role r);

struct Box {
  int x = 0, y = 0, w = 0, h = 0;
  bool contains(int px, int py) const { return px >= x && py >= y && px < x + w && py < y + h; }
};

// What sim follows in place between view builds (Tree::mark_live).
enum class Live : uint8_t { none, field, scroll };

// What few nodes have, kept off Node (which every walk reads): Node::extra() reads it (empty
// for most nodes), Node::extra_mut() makes it.
struct NodeExtra {
  std::string menu_action;       // right click (context menus)
  std::string prev_action;       // ArrowUp/ArrowLeft while focused (select, radio, tabs, lists)
  std::string next_action;       // ArrowDown/ArrowRight while focused
  std::string enter_action;      // text fields: Enter (default: the app's submit)
  bool enter_sends = false;      // multiline fields: Enter submits, Shift+Enter is a new line
  std::string tooltip;           // shown after the pointer rests on the node (virtual time)
  // Its look is kept for a live field (Tree::mark_live).
  std::string placeholder;
  TextStyle field_ts;
  uint32_t placeholder_color = 0;
  // Retained paint (memoized nodes): a memoized subtree painted clean (nothing in it hovered,
  // pressed or focus-ringed, nothing culled) records where its commands went in that draw.
  // Painted clean again in the next draw, unchanged but for a move, its range is a Repeat.
  uint64_t drawn = 0;            // the draw (Tree::draw_serial) that recorded it; 0: none
  uint32_t drawn_at = 0, drawn_n = 0;
  int drawn_x = 0, drawn_y = 0;
  Box drawn_clip;                // the clip it was painted in (w < 0: none)
  Box drawn_bound;               // the union of its subtree's boxes then
};
inline const NodeExtra kNoExtra{};

struct Node {
  // First what every walk of the tree reads (layout, painting, hit tests, retained builds),
  // so that a walk touches few cache lines of each node.
  int parent = -1, first_child = -1, last_child = -1, next_sibling = -1;
  Box box;                       // layout result
  int face = 0;
  bool is_text = false;
  // Retained builds (Tree::retain): the build the node belongs to (older: garbage), whether it
  // is memoized (Tree::memo; the stamp is kept by the tree), and the layout state a reused
  // subtree keeps.
  bool memoized = false;
  bool kept = false;             // reused in this build: layout keeps its subtree as laid out
  Live live = Live::none;        // Tree::mark_live
  uint32_t gen = 0;
  int fit_w = 0, fit_h = 0;      // content size from the last fit pass (border box)
  int laid_w = 0, laid_h = 0;    // kept: the size it had in the layout it was kept from
  int span = 0;                  // memoized: its subtree is nodes [i, i + span) (0: scattered)
  Style style;
  TextStyle ts;
  std::string text;              // text leaf content
  std::string key;               // stable element id ("row:42"); unique within a tree
  Role role = Role::none;
  std::string name;              // accessible name (defaults to the text below the node)
  std::string value;             // accessible value (text fields)
  std::string action;            // command routed to the app on click, Enter, Space ("mail:open:42")
  std::unique_ptr<NodeExtra> more;  // see extra()
  const NodeExtra& extra() const { return more ? *more : kNoExtra; }
  NodeExtra& extra_mut() {
    if (!more) more = std::make_unique<NodeExtra>();
    return *more;
  }
  bool focused = false, checked = false, selected = false, caret = false;
  bool disabled = false, expanded = false, has_popup = false, editable = false;
  bool masked = false;           // password field: text nodes draw one dot per code point
  bool force_hover = false, force_pressed = false, force_focus = false;  // gallery states
  // Text leaves of an editable field: byte offsets into the field's value. src_base is the
  // value offset of this leaf's first byte (-1: not part of a field); sel_a..sel_b is drawn
  // highlighted, caret_at gets the caret (-1: none). Offsets are in the value, not the text.
  int src_base = -1, sel_a = -1, sel_b = -1, caret_at = -1;
  // More layout results.
  int content_h = 0;             // clipping containers: height of the content (scroll range)
  int text_w = 0;                // text: measured width of `text` on one line
  int scroll_x = 0;              // single-line field text: scrolled left to keep the caret in view
  bool ellipsis = false;         // one line too wide: lines[0] gets the ellipsized text at paint
  std::vector<std::string> lines;  // wrapped (or ellipsized) lines; empty: `text` as one line
};

// What a memoized subtree shows, as bytes (Tree::reuse compares them exactly): every value
// the subtree's builder reads goes in, each length-prefixed.
struct Stamp {
  std::string bytes;
  Stamp& operator<<(std::string_view s);
  Stamp& operator<<(int64_t v);
};

// Pointer and focus state for painting (from the world's ui table; see sim/input.cpp).
struct Interaction {
  int hover = -1;                // node under the pointer with a hover style or action
  int press = -1;                // node the held pointer button went down on
  int focus = -1;                // focused node
  bool focus_visible = false;    // focus came from the keyboard: draw the focus ring
  bool marks = false;            // set-of-marks: numbered boxes over interactive nodes
};

// Colours and metrics of one appearance. Widgets and apps read them from the tree
// (Tree::theme()); an environment picks one from its seed (sim::EnvConfig::appearance).
struct Theme {
  bool dark = false;
  const char* name = "light";
  int density = 1;               // 0 compact, 1 default, 2 comfortable
  int font_pct = 100;            // text size scale in percent (Tree::text applies it)
  int control_h = 36;            // buttons, inputs, selects
  int row_h = 40;                // list rows and table rows
  uint32_t page, surface, surface_dim, surface_raised, text_strong, text, text_muted,
      text_disabled, divider, outline, accent, on_accent, accent_hover, accent_pressed,
      accent_soft, hover, pressed, selected, selected_hover, focus_ring, danger, success,
      warning, star, backdrop, tooltip_bg, tooltip_text, chrome, chrome_hover, chrome_icon,
      shadow, scrollbar, scrollbar_hover, mark, highlight;
  // An app's own colours (mail's search bar, compose button, rows) live in the app.
};
const Theme& theme_light();
const Theme& theme_dark();
// Light or dark at a density (0..2) and font scale; the result is owned by a small cache.
const Theme& make_theme(bool dark, int density, int font_pct);

enum class DrawKind : uint8_t {
  rect, border, text, push_clip, pop_clip,
  shadow,                        // box = the shadow's rect (offset, spread applied), width = blur
  image,                         // box = destination, src = atlas rect
  push_opacity, pop_opacity,     // width = opacity 0..255
};
struct DrawCmd {
  DrawKind kind;
  Box box;                       // rect/border/clip: the box; text: x = pen, y = baseline
  uint32_t color = 0;
  int radius = 0, width = 0, face = 0;
  std::string_view text;         // points into the Tree's nodes
  Box src;                       // image: rect in assets::image_atlas()
  int node = -1;                 // text: the node whose text (line < 0) or lines[line] it is
  int line = -1;
};
using DrawList = std::vector<DrawCmd>;
// Commands [at, at + n) of a draw are the previous draw's [from, from + n), each moved by
// (dx, dy): the same kinds, sizes, colours, faces and text bytes (the texts are not compared:
// the subtree's memo stamp proved them equal). sim's converter copies their primitives.
struct Repeat {
  uint32_t at = 0, n = 0, from = 0;
  int dx = 0, dy = 0;
};

struct A11yNode {
  std::string key;
  Role role;
  std::string id;                // stable element id: the key, or <keyed ancestor>/<role><n>
  std::string name, value, action;
  bool focused, checked, selected;
  bool disabled = false, expanded = false, has_popup = false;
  Box box;
  int depth;
  int mark = 0;                  // set-of-marks number (1..), 0: not interactive
  int sel_begin = -1, sel_end = -1;  // editable: the selected bytes of value (-1: none)
};

class Tree {
 public:
  int root(const Style& s);
  void set_theme(const Theme* th) { theme_ = th; }  // before root(); default theme_light()
  const Theme& theme() const { return theme_ ? *theme_ : theme_light(); }
  int add(int parent, const Style& s, std::string_view key = {}, Role role = Role::none);
  // Key scopes, like Dear ImGui's ID stack: while a scope is pushed, add() and reuse() store
  // and look up a key K as "<scope>/K" (the shell pushes the app's name, so mail's "search"
  // is "mail/search" and its field state, selection and undo history are mail's alone).
  // find(), a11y keys and the ui state derived from keys use the full key.
  void push_scope(std::string_view name);
  void pop_scope();
  std::string scoped(std::string_view key) const;   // the full key add() would store
  // Keys that more than one live node has (each once, sorted): a view bug. Debug builds
  // assert in layout(); the tests check every view.
  std::vector<std::string> duplicate_keys() const;
  int text(int parent, std::string_view text, const TextStyle& ts, const Style& s = {});
  Node& node(int i) { return nodes_[size_t(i)]; }
  const Node& node(int i) const { return nodes_[size_t(i)]; }
  int size() const { return int(nodes_.size()); }
  void clear() { nodes_.clear(); }
  // Retained builds, a keyed memo like React.memo. With retain(true), root() starts a new build
  // that keeps the last one's nodes: reuse(parent, key, stamp) moves the subtree memoized under
  // `key` with an equal stamp last build to the end of parent's children, as it was (nodes,
  // text, layout: layout() only moves it), and returns its node; -1 when there is none: build
  // the subtree, then memo(node, stamp). Nodes of the last build that were not reused are
  // garbage (alive() false; find() skips them) until root() compacts the storage. Subtrees
  // with overlays are never memoized; a new theme drops every memo.
  void retain(bool on) { retain_ = on; }
  int reuse(int parent, std::string_view key, const Stamp& stamp);
  void memo(int node, Stamp&& stamp);
  // Node i changed in place (a live field's text): it and its ancestors are memos no more.
  void unmemo(int i);
  bool alive(int i) const { return nodes_[size_t(i)].gen == gen_; }
  int reused() const { return reused_; }  // subtrees reused by this build
  // Marks the focused node for painting and the a11y tree (clears the last one marked).
  void mark_focused(int i);
  // Live nodes follow a ui value in place, without a rebuild of the view:
  // - Live::field (widget::field_text with FieldState::live): sim refreshes its text leaves
  //   while typing (widget::refresh_field);
  // - Live::scroll (a clipping container whose scroll_y the view read unrecorded, as
  //   apps::live_scroll does): sim moves its content (scroll_to).
  // live_nodes(): those of this build (reused subtrees included), ascending.
  void mark_live(int i, Live kind = Live::field);
  const std::vector<int>& live_nodes();
  // Sets a laid-out clipping container's scroll_y and moves its content to match (what a
  // layout with that offset gives). False when it already had that offset.
  bool scroll_to(int i, int scroll_y);
  // Drops nodes n.. (overlays added after a memoized view) and unlinks them; the layout of
  // the rest stays. Then layout_overlays() lays out the overlays alone (the page is as it was).
  void truncate(int n);

  void layout(int width, int height);
  void layout_overlays(int width, int height);
  // Lays out node i's subtree again inside its current box (after its content changed);
  // false when its size depends on its content (a fit width or height): lay out everything.
  bool relayout(int i);
  // Flat draw list; `hover` is a node index (from hit_test + hover_target) or -1.
  const DrawList& draw(int hover) { return draw(Interaction{.hover = hover}); }
  const DrawList& draw(const Interaction& ia);
  // The last draw's number (1, 2, ...) and its Repeats of the draw before it (retained builds).
  uint64_t draw_serial() const { return draw_serial_; }
  const std::vector<Repeat>& repeats() const { return repeats_; }
  int64_t repainted() const { return repainted_; }  // commands copied by repaint(), in all
  int hit_test(int x, int y) const;        // topmost node under the point, or -1
  int action_target(int hit) const;        // nearest ancestor-or-self with an action
  int hover_target(int hit) const;         // nearest ancestor-or-self with a hover style/action
  // How far a clipping container's content is scrolled up from its top (Style::from_bottom
  // counts scroll_y from the other end).
  int scroll_offset(int i) const;
  int find(std::string_view key) const;    // node with this key, or -1
  int focus_target(int hit) const;         // nearest ancestor-or-self that takes focus
  bool takes_focus(int i) const;           // focusable role or editable, enabled, visible
  // Tab order: focusable nodes in tree order (overlays included); inside an open modal
  // (Role::dialog overlay) only its nodes, like a browser's focus trap.
  std::vector<int> focus_order() const;
  // Editable fields: the value offset nearest to the point (caret placement by mouse).
  int offset_at(int field, int x, int y) const;
  // Scroll containers: the scrollbar thumb rect (w = 0 when the content fits).
  Box scroll_thumb(int i) const;
  int scroll_max(int i) const;             // largest scroll_y for a clipping container
  bool visible(int i) const;               // laid out inside every clipping ancestor
  std::vector<A11yNode> a11y() const;      // pre-order, nodes with a role
  // Browser-style dump; marks: prefix set-of-marks numbers ("[12] button ...").
  static std::string a11y_text(const std::vector<A11yNode>& nodes, bool marks = false);

 private:
  struct Line {              // a wrapping row's line: children first..last (flow ones)
    int first = -1, last = -1, count = 0, main = 0, cross = 0;
  };
  void flex_lines(int i, std::vector<Line>& out) const;
  void fit(int i, bool x);   // bottom-up: content sizes along x (width) or y (height)
  void grow(int i, bool x);  // top-down: distribute fill space, shrink overfull rows
  void wrap_text(int i);
  void place(int i, int x, int y);
  Box paint(int i, const Interaction& ia);  // returns the union of the subtree's boxes
  void paint_text(int i);
  bool repaint(int i);           // a Repeat of the last draw's commands, without painting
  void record_paint(int i, uint32_t at, int culls, size_t repeats, const Box& bound);
  void note_drawn(int i, uint32_t at, uint32_t count, const Box& bound);  // for the next draw
  void forget_paint(int i);      // the subtree's layout changed: no Repeat from its last draw
  void layout_overlay(int i, int width, int height);
  void paint_marks();
  struct Memo;
  bool take(int i, Memo* memo);  // reuse(): claims the subtree for this build
  void translate(int i, int dx, int dy);
  void compact();
  std::vector<Node> nodes_;
  std::string scope_;              // "mail/" while scope "mail" is pushed (nested: "a/b/")
  std::vector<size_t> scope_lens_;
  std::string scoped_buf_;         // reuse()'s full key, without an allocation per call
  bool retain_ = false;
  uint32_t gen_ = 0;             // this build
  int reused_ = 0, marked_focus_ = -1, live_ = 0;
  const Theme* memo_theme_ = nullptr;
  struct Memo {
    uint64_t hash = 0;  // of the node's key
    int node = -1;      // -1: an empty slot
    std::string stamp;
  };
  struct KeyIndex {     // memoized nodes by key (open addressing; keys are read from the nodes)
    std::vector<Memo> slots;
    int count = 0;
  };
  Memo* index_put(KeyIndex& ix, int node);  // the slot for node's key (stamp to be set)
  Memo* index_get(KeyIndex& ix, std::string_view key);
  KeyIndex memo_prev_, memo_next_;
  std::vector<int> scratch_;
  std::vector<int> kept_;        // roots reused by this build, until layout() has run
  std::vector<int> overlays_;  // overlay nodes, in paint order (z, then tree order)
  std::vector<int> placed_;    // overlay nodes of this build, as added (never memoized)
  std::vector<int> live_nodes_;   // of this build
  bool live_sorted_ = true;
  std::vector<std::string> marks_text_;  // set-of-marks labels the draw list points into
  const Theme* theme_ = nullptr;
  DrawList draw_, last_draw_;
  bool remapped_ = false;  // compact() moved nodes since the last draw (its commands' nodes)
  std::vector<Box> clip_;  // clip boxes while painting
  uint64_t draw_serial_ = 0;
  int culls_ = 0;          // nodes culled (wholly outside their clip) in this draw so far
  std::vector<int> hot_;   // hover, press and focus-ring nodes and their ancestors
  std::vector<int> hover_chain_;  // the hovered node and its ancestors (Style::hover_show)
  std::vector<Repeat> repeats_;
  int64_t repainted_ = 0;
};

// Text measuring from the atlas metrics: width in pixels of one line (ceil of 26.6 advances).
int text_width(int face, std::string_view s);
int face_for(const TextStyle& ts);
int line_height(const TextStyle& ts);

// ---- Text editing: the model behind every text field (pure; sim keeps it in the world) ----
// Offsets are bytes at code point boundaries; the selection is [min(anchor,caret), max).
struct TextEdit {
  std::string value;
  int anchor = 0, caret = 0;
  bool multiline = false;
  enum Motion : uint8_t { left, right, word_left, word_right, home, end, up, down, doc_start,
                          doc_end };
  int sel_begin() const { return anchor < caret ? anchor : caret; }
  int sel_end() const { return anchor < caret ? caret : anchor; }
  bool has_selection() const { return anchor != caret; }
  std::string selected() const;
  void replace_selection(std::string_view s);  // typing and paste; "" deletes (cut)
  void backspace(bool word);                   // the selection, else one code point / word
  void del(bool word);
  void move(Motion m, bool extend);            // extend: shift held (moves the caret only)
  void set_caret(int at, bool extend);
  void select_all();
  void select_word(int at);                    // double click
  void select_line(int at);                    // triple click
  // A drag after a double (lines: triple) click: the selection grows by whole words (lines)
  // from the unit first selected, [from, to), to the one at `at`, as in a browser.
  void extend_by_units(int from, int to, int at, bool lines);
  void clamp();                                // offsets back inside the value, on boundaries
};

// ---- Widgets: builders over Tree that look and behave like a web app's controls ----
// Each returns its node. State comes in as arguments (the view reads it from the world);
// interaction goes out as actions in the generic "ui:" vocabulary that apps/shell handles:
//   ui:toggle:K  ui:set:K=V  ui:choose:K=V (set + close overlay)  ui:open:K  ui:close
//   ui:menu:K (context menu at the pointer)  ui:pick:K=i (list selection; ctrl/shift)
//   ui:sort:K=col  ui:month:K=YYYY-MM  ui:accept:K=text (autocomplete)
// Keys are stable ids; an overlay is open when ui "overlay" equals its key.
namespace widget {
enum class ButtonKind : uint8_t { primary, secondary, text, danger };
struct Option {
  std::string_view label;
  std::string action;
  bool disabled = false;
};
struct FieldState {
  std::string_view value;
  int anchor = 0, caret = 0;
  bool focused = false;
  bool live = false;  // Live::field: the view used the value for this text only
};
enum class FieldKind : uint8_t { text, password, multiline };

int button(Tree& t, int parent, std::string_view key, std::string_view label, std::string action,
           ButtonKind kind = ButtonKind::primary, bool disabled = false);
int icon_button(Tree& t, int parent, std::string_view key, std::string_view glyph,
                std::string_view name, std::string action, uint32_t color = 0, int size = 18);
int link(Tree& t, int parent, std::string_view key, std::string_view label, std::string action);
// Single-line, password or multi-line (rows lines high) field; the caret and selection show
// while focused. `width` 0 fills.
int text_field(Tree& t, int parent, std::string_view key, const FieldState& f,
               std::string_view placeholder, FieldKind kind = FieldKind::text, int width = 0,
               int rows = 3, bool disabled = false);
// The text leaves of an editable node (value or placeholder, selection, caret): for fields
// with their own look (a search bar). A column-direction field is multi-line.
void field_text(Tree& t, int field, const FieldState& f, std::string_view placeholder,
                const TextStyle& ts, uint32_t placeholder_color);
// A live field's text leaves for a new value/selection, in place. `unchanged`: nothing to do;
// `relaid`: updated and laid out again; `rebuild`: the structure would change (empty <->
// non-empty, a line more or less, focus): the caller builds the view again.
enum class Refresh : uint8_t { unchanged, relaid, rebuild };
Refresh refresh_field(Tree& t, int field, const FieldState& f);
// An empty label draws the bare box in a round 32 px target (list rows, toolbars); its
// accessible name is then "Select" (set node.name after for another).
int checkbox(Tree& t, int parent, std::string_view key, std::string_view label, bool checked,
             std::string action, bool disabled = false);
int radio(Tree& t, int parent, std::string_view key, std::string_view label, bool checked,
          std::string action, bool disabled = false);
int toggle(Tree& t, int parent, std::string_view key, std::string_view label, bool on,
           std::string action, bool disabled = false);
// A dropdown: the button shows options[selected]; open adds the listbox overlay.
int select(Tree& t, int parent, std::string_view key, const std::vector<std::string_view>& options,
           int selected, bool open, int width = 200, bool disabled = false);
// date "YYYY-MM-DD" ("" = none), month "YYYY-MM" shown in the open calendar.
int date_picker(Tree& t, int parent, std::string_view key, std::string_view date,
                std::string_view month, bool open);
// Items with selection flags; multi: ctrl toggles, shift selects a range (ui:pick).
int list(Tree& t, int parent, std::string_view key, const std::vector<std::string_view>& items,
         const std::vector<bool>& selected, bool multi, int height);
// Returns the tab panel; ArrowLeft/Right move between tabs.
int tabs(Tree& t, int parent, std::string_view key, const std::vector<std::string_view>& labels,
         int selected);
// A modal dialog over a backdrop; returns its body. Escape and the close button: ui:close.
int modal(Tree& t, std::string_view key, std::string_view title, int width = 420);
// A menu overlay at a window point (context menu) or under `anchor` (anchor >= 0).
int menu(Tree& t, std::string_view key, const std::vector<Option>& items, int anchor, int x = 0,
         int y = 0, int width = 220);
// A status overlay at the bottom left; with an action label ("Undo"), a button (key
// toast_action) that sends `action`.
int toast(Tree& t, std::string_view text, std::string_view action_label = {},
          std::string action = {});
int tooltip(Tree& t, int anchor);                           // from the node's tooltip text
int badge(Tree& t, int parent, std::string_view text, uint32_t bg = 0, uint32_t fg = 0);
int avatar(Tree& t, int parent, std::string_view name, std::string_view image, int size = 32);
// Sortable table: header clicks send ui:sort:key=col; the caller sorts the rows.
int table(Tree& t, int parent, std::string_view key, const std::vector<std::string_view>& headers,
          const std::vector<std::vector<std::string>>& rows, int sort_col, bool desc,
          const std::vector<int>& widths);
int pagination(Tree& t, int parent, std::string_view key, int page, int pages);
// A text field with a suggestion popup (shown while open and non-empty); highlight is the
// keyboard-selected suggestion (-1 none). ArrowDown/Up move it, Enter accepts.
int autocomplete(Tree& t, int parent, std::string_view key, const FieldState& f,
                 std::string_view placeholder, const std::vector<std::string_view>& suggestions,
                 int highlight, bool open, int width = 260);

// Formatted text (mail bodies, chat messages): a light markup, typed as it is stored.
//   **bold**  *italic* or _italic_  [shown text](https://address)  bare https://addresses
//   lines starting "- ", "* " or "\u2022 " are bulleted items
struct RichRun {
  std::string text;
  bool bold = false, italic = false, mark = false;  // mark: a highlighted search match
  std::string href;                                 // non-empty: a link
  bool code = false;                                // `code`
};
struct RichBlock {                                  // one line of the source
  bool bullet = false;
  std::vector<RichRun> runs;                        // empty: a blank line
  bool quote = false, code = false;                 // "> " line; a line of a ``` block
};
// chat: also `code`, ``` code blocks ``` (fence lines are not shown) and "> " quotes.
std::vector<RichBlock> parse_markup(std::string_view src, bool chat = false);
// What the text says without its markup ("\u2022 " before items; one line per block).
std::string plain_text(const std::vector<RichBlock>& blocks);
std::string markup_plain(std::string_view src);
// Whether `src` has any markup worth drawing (bold, italic, links, bullets).
bool has_markup(std::string_view src);
// Marks every case-insensitive occurrence of each term that starts a word.
void highlight(std::vector<RichBlock>& blocks, const std::vector<std::string>& terms);
// Draws the blocks as wrapping lines under `parent` in a column with style `s`; links are
// Role::link nodes whose action is `link_action` + the address. Returns the column.
// emoji: a word ":name:" of a baked emoji (assets::find_emoji) draws as its picture (chat).
int rich_text(Tree& t, int parent, const std::vector<RichBlock>& blocks, const TextStyle& ts,
              const Style& s, std::string_view link_action, bool emoji = false);
}  // namespace widget

}  // namespace facsim::dom
