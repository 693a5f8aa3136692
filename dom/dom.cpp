// [SECTION] Tree building
// [SECTION] Text measuring and wrapping
// [SECTION] Layout: fit/grow widths -> wrap text -> fit/grow heights -> place
// [SECTION] Drawing
// [SECTION] Hit-testing and accessibility
#include "dom.h"

#include <algorithm>
#include <cstdio>

#include "assets.h"

namespace facsim::dom {

const char* role_name(Role r) {
  static const char* names[] = {"none",   "generic", "banner",   "navigation", "main",
                                "search", "heading", "button",   "link",       "textbox",
                                "checkbox", "list",  "listitem", "article",    "img", "text"};
  return names[size_t(r)];
}

// [SECTION] Tree building ---------------------------------------------------------------------
int Tree::root(const Style& s) {
  nodes_.clear();
  nodes_.emplace_back();
  nodes_[0].style = s;
  nodes_[0].key = "root";
  return 0;
}

int Tree::add(int parent, const Style& s, std::string_view key, Role role) {
  int i = int(nodes_.size());
  nodes_.emplace_back();
  Node& n = nodes_.back();
  n.style = s;
  n.key = key;
  n.role = role;
  n.parent = parent;
  Node& p = nodes_[size_t(parent)];
  if (p.last_child >= 0) nodes_[size_t(p.last_child)].next_sibling = i;
  else p.first_child = i;
  p.last_child = i;
  return i;
}

int Tree::text(int parent, std::string_view t, const TextStyle& ts, const Style& s) {
  int i = add(parent, s);
  Node& n = nodes_[size_t(i)];
  n.is_text = true;
  n.text = t;
  n.ts = ts;
  return i;
}

// [SECTION] Text measuring and wrapping ----------------------------------------------------------
int face_for(const TextStyle& ts) { return assets::font_atlas().face_index(ts.size, ts.weight); }
int line_height(const TextStyle& ts) {
  return ts.line_height > 0 ? ts.line_height : (ts.size * 10 + 3) / 7;
}
int text_width(int face, std::string_view s) { return (assets::text_advance26(face, s) + 63) >> 6; }

namespace {

// Longest prefix of s (at a code point boundary) that, followed by an ellipsis, fits in `avail`.
std::string ellipsize(int face, std::string_view s, int avail) {
  const std::string dots = "\xE2\x80\xA6";  // U+2026
  int32_t budget = int32_t(avail) * 64 - assets::text_advance26(face, dots);
  const auto& atlas = assets::font_atlas();
  int32_t pen = 0;
  size_t i = 0, keep = 0;
  while (i < s.size()) {
    size_t j = i;
    const assets::Glyph* g = atlas.glyph(face, assets::next_codepoint(s, j));
    if (!g) g = atlas.glyph(face, '?');
    pen += g ? g->advance : 0;
    if (pen > budget) break;
    i = j;
    keep = i;
  }
  while (keep > 0 && s[keep - 1] == ' ') --keep;
  return std::string(s.substr(0, keep)) + dots;
}

void wrap_lines(int face, std::string_view s, int avail, int max_lines,
                std::vector<std::string>& out) {
  out.clear();
  std::string line;
  size_t i = 0;
  while (i <= s.size()) {
    size_t sp = s.find_first_of(" \n", i);
    if (sp == std::string_view::npos) sp = s.size();
    std::string_view word = s.substr(i, sp - i);
    std::string cand = line.empty() ? std::string(word) : line + " " + std::string(word);
    if (!line.empty() && text_width(face, cand) > avail) {
      out.push_back(line);
      line = std::string(word);
    } else {
      line = std::move(cand);
    }
    if (sp < s.size() && s[sp] == '\n') {
      out.push_back(line);
      line.clear();
    }
    i = sp + 1;
  }
  if (!line.empty() || out.empty()) out.push_back(line);
  if (max_lines > 0 && int(out.size()) > max_lines) {
    out.resize(size_t(max_lines));
    out.back() = ellipsize(face, out.back() + " \xE2\x80\xA6\xE2\x80\xA6", avail);
  }
  for (auto& l : out)
    if (text_width(face, l) > avail) l = ellipsize(face, l, avail);
}

}  // namespace

// [SECTION] Layout ------------------------------------------------------------------------------
// Both axes run the same two passes; `x` selects width (true) or height (false). The main
// axis of a node is x for rows and y for columns. Differences between the axes are deliberate:
// text measures its width from glyph advances and its height from wrapped lines, and only
// widths shrink (flex-shrink) or clamp to the parent, since overflowing heights scroll.
namespace {
int& extent(Node& n, bool x) { return x ? n.box.w : n.box.h; }
const Size& size_of(const Style& s, bool x) { return x ? s.w : s.h; }
int pad_sum(const Style& s, bool x) { return x ? s.pad.l + s.pad.r : s.pad.t + s.pad.b; }
bool is_main(const Style& s, bool x) { return (s.dir == Dir::row) == x; }
}  // namespace

void Tree::fit(int i, bool x) {
  Node& n = nodes_[size_t(i)];
  const Style& s = n.style;
  const bool main = is_main(s, x);
  int content = 0, count = 0;
  for (int c = n.first_child; c >= 0; c = nodes_[size_t(c)].next_sibling) {
    fit(c, x);
    int e = extent(nodes_[size_t(c)], x);
    content = main ? content + e : std::max(content, e);
    ++count;
  }
  if (main && count > 1) content += s.gap * (count - 1);
  if (n.is_text) {
    if (x) {
      n.face = face_for(n.ts);
      content = text_width(n.face, n.text);
    } else {
      content = int(n.lines.size()) * line_height(n.ts);
    }
  }
  const Size& sz = size_of(s, x);
  extent(n, x) = sz.kind == SizeKind::fixed ? sz.px : content + pad_sum(s, x);
}

void Tree::grow(int i, bool x) {
  Node& n = nodes_[size_t(i)];
  const Style& s = n.style;
  const int content = std::max(0, extent(n, x) - pad_sum(s, x));
  if (is_main(s, x)) {
    int used = 0, weights = 0, count = 0, shrinkable = 0;
    for (int c = n.first_child; c >= 0; c = nodes_[size_t(c)].next_sibling) {
      Node& cn = nodes_[size_t(c)];
      const SizeKind k = size_of(cn.style, x).kind;
      ++count;
      if (k == SizeKind::fill) weights += std::max(1, size_of(cn.style, x).px);
      else used += extent(cn, x);
      if (k == SizeKind::fit) shrinkable += extent(cn, x);
    }
    int remaining = content - used - (count > 1 ? s.gap * (count - 1) : 0);
    int left = std::max(0, remaining), wleft = weights;
    int overflow = x ? std::max(0, -remaining) : 0, sleft = shrinkable;
    for (int c = n.first_child; c >= 0; c = nodes_[size_t(c)].next_sibling) {
      Node& cn = nodes_[size_t(c)];
      const Size& sz = size_of(cn.style, x);
      int& e = extent(cn, x);
      if (sz.kind == SizeKind::fill) {
        // Integer split; the last fill child takes the remainder.
        int wt = std::max(1, sz.px);
        int share = wleft == wt ? left : int(int64_t(left) * wt / wleft);
        e = share;
        left -= share;
        wleft -= wt;
      } else if (sz.kind == SizeKind::fit && overflow > 0 && sleft > 0) {
        // Shrink fit children in proportion to their size (flex-shrink: 1).
        int cut = e == sleft ? overflow : int(int64_t(overflow) * e / sleft);
        sleft -= e;
        overflow -= cut;
        e = std::max(0, e - cut);
      }
    }
  } else {
    for (int c = n.first_child; c >= 0; c = nodes_[size_t(c)].next_sibling) {
      Node& cn = nodes_[size_t(c)];
      const SizeKind k = size_of(cn.style, x).kind;
      if (k == SizeKind::fill) extent(cn, x) = content;
      else if (x && k == SizeKind::fit) extent(cn, x) = std::min(extent(cn, x), content);
    }
  }
  for (int c = n.first_child; c >= 0; c = nodes_[size_t(c)].next_sibling) grow(c, x);
}

void Tree::wrap_text(int i) {
  Node& n = nodes_[size_t(i)];
  if (n.is_text) {
    int avail = std::max(0, n.box.w - n.style.pad.l - n.style.pad.r);
    if (n.ts.wrap) {
      wrap_lines(n.face, n.text, avail, n.ts.max_lines, n.lines);
    } else {
      n.lines.assign(1, n.text);
      if (text_width(n.face, n.text) > avail) n.lines[0] = ellipsize(n.face, n.text, avail);
    }
  }
  for (int c = n.first_child; c >= 0; c = nodes_[size_t(c)].next_sibling) wrap_text(c);
}

void Tree::place(int i, int x, int y) {
  Node& n = nodes_[size_t(i)];
  const Style& s = n.style;
  n.box.x = x;
  n.box.y = y;
  const bool row = s.dir == Dir::row;
  const int cx = x + s.pad.l, cy = y + s.pad.t - (s.clip ? s.scroll_y : 0);
  const int cw = std::max(0, n.box.w - s.pad.l - s.pad.r);
  const int ch = std::max(0, n.box.h - s.pad.t - s.pad.b);
  int total = 0, count = 0;
  for (int c = n.first_child; c >= 0; c = nodes_[size_t(c)].next_sibling) {
    total += row ? nodes_[size_t(c)].box.w : nodes_[size_t(c)].box.h;
    ++count;
  }
  int gap = s.gap;
  total += count > 1 ? gap * (count - 1) : 0;
  int free_main = (row ? cw : ch) - total;
  int off = 0;
  if (free_main > 0) {
    if (s.justify == Align::center) off = free_main / 2;
    else if (s.justify == Align::end) off = free_main;
    else if (s.justify == Align::space_between && count > 1) gap += free_main / (count - 1);
  }
  for (int c = n.first_child; c >= 0; c = nodes_[size_t(c)].next_sibling) {
    Node& cn = nodes_[size_t(c)];
    int cross_free = row ? ch - cn.box.h : cw - cn.box.w;
    int cross = 0;
    if (cross_free > 0) {
      if (s.align == Align::center) cross = cross_free / 2;
      else if (s.align == Align::end) cross = cross_free;
    }
    if (row) place(c, cx + off, cy + cross);
    else place(c, cx + cross, cy + off);
    off += (row ? cn.box.w : cn.box.h) + gap;
  }
}

void Tree::layout(int width, int height) {
  if (nodes_.empty()) return;
  fit(0, true);
  nodes_[0].box.w = width;
  grow(0, true);
  wrap_text(0);
  fit(0, false);
  nodes_[0].box.h = height;
  grow(0, false);
  place(0, 0, 0);
}

// [SECTION] Drawing ------------------------------------------------------------------------------
void Tree::paint(int i, int hover) {
  const Node& n = nodes_[size_t(i)];
  const Style& s = n.style;
  // Nodes wholly outside the current clip (rows scrolled out of a list) draw nothing visible:
  // skipping them changes no pixel. Text may overhang its box, so only clipped parents cull.
  if (!clip_.empty()) {
    const Box& c = clip_.back();
    if (n.box.x >= c.x + c.w || n.box.y >= c.y + c.h || n.box.x + n.box.w <= c.x ||
        n.box.y + n.box.h <= c.y)
      return;
  }
  if (s.opacity < 255) draw_.push_back({DrawKind::push_opacity, n.box, 0, 0, s.opacity});
  const Shadow& sh = (i == hover && s.hover_shadow.color) ? s.hover_shadow : s.shadow;
  if (sh.color) {
    const Box b{n.box.x - sh.spread, n.box.y + sh.y - sh.spread, n.box.w + 2 * sh.spread,
                n.box.h + 2 * sh.spread};
    draw_.push_back({DrawKind::shadow, b, sh.color, s.radius + sh.spread, sh.blur});
  }
  uint32_t bg = (i == hover && s.hover_bg) ? s.hover_bg : s.bg;
  if (bg) draw_.push_back({DrawKind::rect, n.box, bg, s.radius});
  if (!s.image.empty())
    if (const assets::Image* img = assets::image_atlas().find(s.image))
      draw_.push_back({DrawKind::image, n.box, 0, s.radius, 0, 0, {}, {img->x, img->y, img->w, img->h}});
  if (s.border > 0 && s.border_color)
    draw_.push_back({DrawKind::border, n.box, s.border_color, s.radius, s.border});
  if (n.is_text) {
    const auto& face = assets::font_atlas().faces[size_t(n.face)];
    const int lh = line_height(n.ts);
    const int avail = n.box.w - s.pad.l - s.pad.r;
    int baseline = n.box.y + s.pad.t + (lh - (face.ascent + face.descent)) / 2 + face.ascent;
    int last_x = n.box.x + s.pad.l;
    const bool measure = s.justify == Align::center || s.justify == Align::end || n.caret;
    for (const std::string& line : n.lines) {
      int x = n.box.x + s.pad.l;
      int lw = measure ? text_width(n.face, line) : 0;  // only alignment and carets need it
      if (s.justify == Align::center) x += (avail - lw) / 2;
      else if (s.justify == Align::end) x += avail - lw;
      draw_.push_back({DrawKind::text, {x, baseline, lw, lh}, n.ts.color, 0, 0, n.face, line});
      last_x = x + lw;
      baseline += lh;
    }
    if (n.caret) {
      int top = baseline - lh - face.ascent;
      draw_.push_back({DrawKind::rect, {last_x + 1, top, 1, face.ascent + face.descent},
                       n.ts.color});
    }
  }
  if (n.first_child < 0) {
    if (s.opacity < 255) draw_.push_back({DrawKind::pop_opacity, n.box});
    return;
  }
  if (s.clip) {
    draw_.push_back({DrawKind::push_clip, n.box});
    clip_.push_back(n.box);
  }
  for (int c = n.first_child; c >= 0; c = nodes_[size_t(c)].next_sibling) paint(c, hover);
  if (s.clip) {
    draw_.push_back({DrawKind::pop_clip, n.box});
    clip_.pop_back();
  }
  if (s.opacity < 255) draw_.push_back({DrawKind::pop_opacity, n.box});
}

const DrawList& Tree::draw(int hover) {
  draw_.clear();
  clip_.clear();
  if (!nodes_.empty()) paint(0, hover);
  return draw_;
}

// [SECTION] Hit-testing and accessibility ------------------------------------------------------
int Tree::hit_test(int x, int y) const {
  if (nodes_.empty()) return -1;
  // Iterative: the last matching child in paint order is the topmost.
  int best = -1;
  int i = 0;
  while (i >= 0) {
    const Node& n = nodes_[size_t(i)];
    if (n.style.clip && !n.box.contains(x, y)) break;
    if (n.box.contains(x, y)) best = i;
    int next = -1;
    for (int c = n.first_child; c >= 0; c = nodes_[size_t(c)].next_sibling) {
      if (nodes_[size_t(c)].box.contains(x, y)) next = c;
    }
    i = next;
  }
  return best;
}

int Tree::action_target(int hit) const {
  for (int i = hit; i >= 0; i = nodes_[size_t(i)].parent)
    if (!nodes_[size_t(i)].action.empty()) return i;
  return -1;
}

int Tree::hover_target(int hit) const {
  for (int i = hit; i >= 0; i = nodes_[size_t(i)].parent)
    if (nodes_[size_t(i)].style.hover_bg || !nodes_[size_t(i)].action.empty()) return i;
  return -1;
}

int Tree::find(std::string_view key) const {
  for (size_t i = 0; i < nodes_.size(); ++i)
    if (nodes_[i].key == key) return int(i);
  return -1;
}

namespace {
void collect_text(const std::vector<Node>& nodes, int i, std::string& out) {
  const Node& n = nodes[size_t(i)];
  if (n.is_text && out.size() < 200) {
    if (!out.empty()) out += ' ';
    out += n.text;
  }
  for (int c = n.first_child; c >= 0; c = nodes[size_t(c)].next_sibling)
    collect_text(nodes, c, out);
}

void collect_a11y(const std::vector<Node>& nodes, int i, int depth, std::vector<A11yNode>& out) {
  const Node& n = nodes[size_t(i)];
  if (n.role != Role::none) {
    A11yNode a{n.key, n.role, n.name, n.value, n.action, n.focused, n.checked, n.selected,
               n.box, depth};
    if (a.name.empty()) collect_text(nodes, i, a.name);
    out.push_back(std::move(a));
    ++depth;
  }
  for (int c = n.first_child; c >= 0; c = nodes[size_t(c)].next_sibling)
    collect_a11y(nodes, c, depth, out);
}
}  // namespace

std::vector<A11yNode> Tree::a11y() const {
  std::vector<A11yNode> out;
  if (!nodes_.empty()) collect_a11y(nodes_, 0, 0, out);
  return out;
}

std::string Tree::a11y_text(const std::vector<A11yNode>& nodes) {
  std::string out;
  char buf[96];
  for (const A11yNode& a : nodes) {
    out.append(size_t(a.depth) * 2, ' ');
    out += role_name(a.role);
    out += " \"" + a.name + "\"";
    if (!a.value.empty()) out += " value=\"" + a.value + "\"";
    if (a.focused) out += " focused";
    if (a.checked) out += " checked";
    if (a.selected) out += " selected";
    if (!a.key.empty()) out += " #" + a.key;
    std::snprintf(buf, sizeof buf, " (%d,%d %dx%d)\n", a.box.x, a.box.y, a.box.w, a.box.h);
    out += buf;
  }
  return out;
}

}  // namespace facsim::dom
