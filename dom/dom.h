// dom: a small retained UI tree - style, flex-like layout, text, hit-testing, hover, focus and
// an accessibility tree. Views build a fresh Tree every step (a pure function of the world);
// layout() turns it into boxes and a flat DrawList that sim/ hands to the renderer.
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

struct Edges {
  int l = 0, t = 0, r = 0, b = 0;
};
constexpr Edges edges(int all) { return {all, all, all, all}; }
constexpr Edges edges(int v, int h) { return {h, v, h, v}; }

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
};

struct TextStyle {
  int size = 14;
  int weight = 400;
  uint32_t color = 0xFF242120;   // #202124
  int line_height = 0;           // 0: about 1.43 x size, like a browser's web-app text
  bool wrap = false;             // false: one line, ellipsis when it does not fit
  int max_lines = 0;             // with wrap: clamp to this many lines (0: no clamp)
};

enum class Role : uint8_t {
  none, generic, banner, navigation, main, search, heading, button, link, textbox, checkbox,
  list, listitem, article, img, text
};
const char* role_name(Role r);

struct Box {
  int x = 0, y = 0, w = 0, h = 0;
  bool contains(int px, int py) const { return px >= x && py >= y && px < x + w && py < y + h; }
};

struct Node {
  Style style;
  TextStyle ts;
  bool is_text = false;
  std::string text;              // text leaf content
  std::string key;               // stable element id ("row:42"); unique within a tree
  Role role = Role::none;
  std::string name;              // accessible name (defaults to the text below the node)
  std::string value;             // accessible value (text fields)
  std::string action;            // command routed to the app on click ("open:42")
  bool focused = false, checked = false, selected = false, caret = false;
  int parent = -1, first_child = -1, last_child = -1, next_sibling = -1;
  // Layout results.
  Box box;
  int face = 0;
  std::vector<std::string> lines;
};

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
};
using DrawList = std::vector<DrawCmd>;

struct A11yNode {
  std::string key;
  Role role;
  std::string name, value, action;
  bool focused, checked, selected;
  Box box;
  int depth;
};

class Tree {
 public:
  int root(const Style& s);
  int add(int parent, const Style& s, std::string_view key = {}, Role role = Role::none);
  int text(int parent, std::string_view text, const TextStyle& ts, const Style& s = {});
  Node& node(int i) { return nodes_[size_t(i)]; }
  const Node& node(int i) const { return nodes_[size_t(i)]; }
  int size() const { return int(nodes_.size()); }
  void clear() { nodes_.clear(); }

  void layout(int width, int height);
  // Flat draw list; `hover` is a node index (from hit_test + hover_target) or -1.
  const DrawList& draw(int hover);
  int hit_test(int x, int y) const;        // topmost node under the point, or -1
  int action_target(int hit) const;        // nearest ancestor-or-self with an action
  int hover_target(int hit) const;         // nearest ancestor-or-self with a hover style/action
  int find(std::string_view key) const;    // node with this key, or -1
  std::vector<A11yNode> a11y() const;      // pre-order, nodes with a role
  static std::string a11y_text(const std::vector<A11yNode>& nodes);  // browser-style dump

 private:
  void fit(int i, bool x);   // bottom-up: content sizes along x (width) or y (height)
  void grow(int i, bool x);  // top-down: distribute fill space, shrink overfull rows
  void wrap_text(int i);
  void place(int i, int x, int y);
  void paint(int i, int hover);
  bool clipped_out(int i, int x, int y) const;
  std::vector<Node> nodes_;
  DrawList draw_;
  std::vector<Box> clip_;  // clip boxes while painting
};

// Text measuring from the atlas metrics: width in pixels of one line (ceil of 26.6 advances).
int text_width(int face, std::string_view s);
int face_for(const TextStyle& ts);
int line_height(const TextStyle& ts);

}  // namespace facsim::dom
