// [SECTION] Tree building
// [SECTION] Text measuring and wrapping
// [SECTION] Layout: fit/grow widths -> wrap text -> fit/grow heights -> place
// [SECTION] Drawing
// [SECTION] Hit-testing and accessibility
#include "dom.h"

#include <algorithm>
#include <cassert>
#include <cstdio>
#include <functional>
#include <map>

#include "assets.h"

namespace facsim::dom {

const char* role_name(Role r) {
  static const char* names[] = {
      "none",     "generic",   "banner",    "navigation", "main",     "search",   "heading",
      "button",   "link",      "textbox",   "checkbox",   "list",     "listitem", "article",
      "img",      "text",      "radio",     "radiogroup", "switch",   "combobox", "listbox",
      "option",   "tablist",   "tab",       "tabpanel",   "dialog",   "menu",     "menuitem",
      "tooltip",  "status",    "table",     "row",        "columnheader", "cell", "grid",
      "gridcell", "group",     "progressbar"};
  static_assert(std::size(names) == size_t(Role::progressbar) + 1);
  return names[size_t(r)];
}

bool focusable_role(Role r) {
  switch (r) {
    case Role::button: case Role::link: case Role::textbox: case Role::checkbox: case Role::radio:
    case Role::switch_: case Role::combobox: case Role::tab: case Role::option:
    case Role::menuitem: case Role::gridcell: case Role::columnheader:
      return true;
    default: return false;
  }
}

// [SECTION] Tree building ---------------------------------------------------------------------
int Tree::root(const Style& s) {
  reused_ = 0;
  for (int k : kept_) nodes_[size_t(k)].kept = false;  // a build that was never laid out
  kept_.clear();
  if (marked_focus_ >= 0 && marked_focus_ < size()) nodes_[size_t(marked_focus_)].focused = false;
  marked_focus_ = -1;
  if (!retain_ || nodes_.empty() || theme_ != memo_theme_) {
    nodes_.clear();
    memo_next_ = {};
  } else if (nodes_.size() > 2 * size_t(live_) + 512) {
    compact();  // the garbage of earlier builds goes; live nodes keep their order
  }
  live_ = 1;
  placed_.clear();
  live_nodes_.clear();
  std::swap(memo_prev_, memo_next_);
  for (Memo& m : memo_next_.slots) m.node = -1;  // stamps keep their buffers for reuse
  memo_next_.count = 0;
  memo_theme_ = theme_;
  ++gen_;
  // A new tree: room for a typical view, so its first build does not move its nodes again and
  // again as it grows (address space only until used).
  if (nodes_.capacity() == 0) nodes_.reserve(1024);
  if (nodes_.empty()) nodes_.emplace_back();
  else nodes_[0] = Node{};
  scope_.clear();
  scope_lens_.clear();
  nodes_[0].style = s;
  nodes_[0].key = "root";
  nodes_[0].gen = gen_;
  return 0;
}

int Tree::add(int parent, const Style& s, std::string_view key, Role role) {
  int i = int(nodes_.size());
  nodes_.emplace_back();
  Node& n = nodes_.back();
  n.style = s;
  if (!key.empty() && !scope_.empty()) {
    n.key.reserve(scope_.size() + key.size());
    n.key = scope_;
    n.key += key;
  } else {
    n.key = key;
  }
  n.role = role;
  n.parent = parent;
  n.gen = gen_;
  ++live_;
  if (s.place != Place::flow) placed_.push_back(i);
  Node& p = nodes_[size_t(parent)];
  if (p.last_child >= 0) nodes_[size_t(p.last_child)].next_sibling = i;
  else p.first_child = i;
  p.last_child = i;
  return i;
}

// [SECTION] Retained builds ---------------------------------------------------------------------
Stamp& Stamp::operator<<(std::string_view s) {
  if (bytes.capacity() < 64) bytes.reserve(64);  // one allocation for a typical stamp
  const uint32_t n = uint32_t(s.size());
  bytes.append(reinterpret_cast<const char*>(&n), sizeof n);
  bytes.append(s);
  return *this;
}
Stamp& Stamp::operator<<(int64_t v) {
  if (bytes.capacity() < 64) bytes.reserve(64);
  bytes.append(reinterpret_cast<const char*>(&v), sizeof v);
  return *this;
}

// Claims the last build's subtree at i for this one (false if part of it is already claimed);
// nested memos come along so that the next build can reuse them too.
bool Tree::take(int i, Memo* memo) {
  Node& root = nodes_[size_t(i)];
  std::vector<int>& stack = scratch_;
  const int span = root.span;
  if (span > 0) {  // built in one piece: its nodes are [i, i + span), in order
    for (int j = i; j < i + span; ++j)  // check first: a refused take changes nothing
      if (nodes_[size_t(j)].gen != gen_ - 1) return false;
  } else {
    stack.assign(1, i);
    for (size_t k = 0; k < stack.size(); ++k) {
      const Node& n = nodes_[size_t(stack[k])];
      if (n.gen != gen_ - 1) return false;
      for (int c = n.first_child; c >= 0; c = nodes_[size_t(c)].next_sibling) stack.push_back(c);
    }
  }
  auto claim = [&](int j) {
    Node& n = nodes_[size_t(j)];
    n.gen = gen_;
    if (n.live != Live::none) {
      live_nodes_.push_back(j);
      live_sorted_ = false;
    }
    if (!n.memoized) return;  // nested memos come along (their stamps move to the next index)
    Memo* old = j == i ? memo : index_get(memo_prev_, n.key);
    if (old && old->node == j)
      if (Memo* m = index_put(memo_next_, j); m != old) {
        m->stamp.swap(old->stamp);
        old->stamp.clear();
      }
  };
  if (span > 0) {
    for (int j = i; j < i + span; ++j) claim(j);
    live_ += span;
  } else {
    for (int j : stack) claim(j);
    live_ += int(stack.size());
  }
  return true;
}

void Tree::push_scope(std::string_view name) {
  scope_lens_.push_back(scope_.size());
  scope_ += name;
  scope_ += '/';
}
void Tree::pop_scope() {
  assert(!scope_lens_.empty());
  scope_.resize(scope_lens_.back());
  scope_lens_.pop_back();
}
std::string Tree::scoped(std::string_view key) const {
  return key.empty() ? std::string() : scope_ + std::string(key);
}

std::vector<std::string> Tree::duplicate_keys() const {
  std::vector<std::string_view> keys;
  for (const Node& n : nodes_)
    if (n.gen == gen_ && !n.key.empty()) keys.push_back(n.key);
  std::sort(keys.begin(), keys.end());
  std::vector<std::string> dup;
  for (size_t i = 1; i < keys.size(); ++i)
    if (keys[i] == keys[i - 1] && (dup.empty() || dup.back() != keys[i]))
      dup.emplace_back(keys[i]);
  return dup;
}

int Tree::reuse(int parent, std::string_view key, const Stamp& stamp) {
  if (!retain_) return -1;
  if (!scope_.empty()) {
    scoped_buf_.assign(scope_);
    scoped_buf_ += key;
    key = scoped_buf_;
  }
  Memo* m = index_get(memo_prev_, key);
  if (!m || m->stamp != stamp.bytes) return -1;
  const int i = m->node;
  Node& n = nodes_[size_t(i)];
  if (!n.memoized || !take(i, m)) return -1;
  n.parent = parent;
  n.next_sibling = -1;
  Node& p = nodes_[size_t(parent)];
  if (p.last_child >= 0) nodes_[size_t(p.last_child)].next_sibling = i;
  else p.first_child = i;
  p.last_child = i;
  n.kept = true;
  n.laid_w = n.box.w;
  n.laid_h = n.box.h;
  kept_.push_back(i);
  ++reused_;
  return i;
}

void Tree::memo(int node, Stamp&& stamp) {
  if (!retain_ || stamp.bytes.empty()) return;
  Node& n = nodes_[size_t(node)];
  if (n.key.empty()) return;
  // Overlays stay out of memos: they are laid out against nodes outside the subtree.
  std::vector<int>& stack = scratch_;
  stack.assign(1, node);
  int last = node;
  bool before = false;  // a node before `node` (a reused piece): not one range
  for (size_t k = 0; k < stack.size(); ++k) {
    const Node& m = nodes_[size_t(stack[k])];
    if (m.style.place != Place::flow) return;
    last = std::max(last, stack[k]);
    before |= stack[k] < node;
    for (int c = m.first_child; c >= 0; c = nodes_[size_t(c)].next_sibling) stack.push_back(c);
  }
  // One range when the subtree is exactly [node, last]: compact() keeps it one.
  n.span = !before && last - node + 1 == int(stack.size()) ? int(stack.size()) : 0;
  n.memoized = true;
  index_put(memo_next_, node)->stamp.swap(stamp.bytes);
}

namespace {
uint64_t key_hash(std::string_view k) { return std::hash<std::string_view>{}(k); }
}  // namespace

Tree::Memo* Tree::index_put(KeyIndex& ix, int node) {
  if (size_t(ix.count + 1) * 2 > ix.slots.size()) {  // grow: at most half full
    std::vector<Memo> old(std::max<size_t>(64, ix.slots.size() * 2));
    old.swap(ix.slots);
    ix.count = 0;
    for (Memo& m : old)
      if (m.node >= 0) index_put(ix, m.node)->stamp.swap(m.stamp);
  }
  const std::string& key = nodes_[size_t(node)].key;
  const uint64_t h = key_hash(key);
  const size_t mask = ix.slots.size() - 1;
  for (size_t at = h & mask;; at = (at + 1) & mask) {
    Memo& m = ix.slots[at];
    if (m.node < 0) {
      m.hash = h, m.node = node;
      ++ix.count;
      return &m;
    }
    if (m.hash == h && nodes_[size_t(m.node)].key == key) {  // the same key again: the newer
      m.node = node;
      return &m;
    }
  }
}

Tree::Memo* Tree::index_get(KeyIndex& ix, std::string_view key) {
  if (ix.slots.empty()) return nullptr;
  const uint64_t h = key_hash(key);
  const size_t mask = ix.slots.size() - 1;
  for (size_t at = h & mask;; at = (at + 1) & mask) {
    Memo& m = ix.slots[at];
    if (m.node < 0) return nullptr;
    if (m.hash == h && nodes_[size_t(m.node)].key == key) return &m;
  }
}

void Tree::unmemo(int i) {
  for (int p = i; p >= 0; p = nodes_[size_t(p)].parent)
    if (Node& n = nodes_[size_t(p)]; n.memoized) {
      n.memoized = false;
      if (n.more) n.more->drawn = 0;
      if (Memo* m = index_get(memo_next_, n.key); m && m->node == p) m->stamp.clear();
    }
}

void Tree::mark_live(int i, Live kind) {
  Node& n = nodes_[size_t(i)];
  if (n.live == Live::none) {
    live_nodes_.push_back(i);
    live_sorted_ = false;
  }
  n.live = kind;
}

const std::vector<int>& Tree::live_nodes() {
  if (!live_sorted_) std::sort(live_nodes_.begin(), live_nodes_.end());
  live_sorted_ = true;
  return live_nodes_;
}

void Tree::mark_focused(int i) {
  if (marked_focus_ >= 0 && marked_focus_ < size() && marked_focus_ != i)
    nodes_[size_t(marked_focus_)].focused = false;
  marked_focus_ = i;
  if (i >= 0) nodes_[size_t(i)].focused = true;
}

// Drops the nodes no longer in the tree (earlier builds' garbage). Order is kept, so node
// order and overlay order are what they were.
void Tree::compact() {
  std::vector<int> to(nodes_.size(), -1);
  int live = 0;
  for (size_t i = 0; i < nodes_.size(); ++i)
    if (nodes_[i].gen == gen_) to[i] = live++;
  if (live == int(nodes_.size())) return;
  auto map = [&](int& v) { v = v >= 0 ? to[size_t(v)] : v; };
  for (size_t i = 0; i < nodes_.size(); ++i) {
    if (to[i] < 0) continue;
    Node& n = nodes_[i];
    map(n.parent), map(n.first_child), map(n.last_child), map(n.next_sibling);
    map(n.style.anchor);
    if (size_t(to[i]) != i) nodes_[size_t(to[i])] = std::move(n);
  }
  nodes_.resize(size_t(live));
  for (Memo& m : memo_next_.slots) map(m.node);
  remapped_ = true;
}

int Tree::text(int parent, std::string_view t, const TextStyle& ts, const Style& s) {
  int i = add(parent, s);
  Node& n = nodes_[size_t(i)];
  n.is_text = true;
  n.text = t;
  n.ts = ts;
  if (const int pct = theme().font_pct; pct != 100) {  // the appearance's font scale
    n.ts.size = (ts.size * pct + 50) / 100;
    n.ts.line_height = (ts.line_height * pct + 50) / 100;
  }
  return i;
}

// [SECTION] Text measuring and wrapping ----------------------------------------------------------
int face_for(const TextStyle& ts) {
  return assets::font_atlas().face_index(ts.size, ts.weight, ts.italic);
}
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
    const assets::Glyph* g = atlas.glyph_or_box(face, assets::next_codepoint(s, j));
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
int pad_sum(const Style& s, bool x) {  // border + padding along the axis
  const Edges e = s.inset();
  return x ? e.l + e.r : e.t + e.b;
}
int margin_sum(const Style& s, bool x) { return x ? s.margin.l + s.margin.r : s.margin.t + s.margin.b; }
int outer(const Node& n, bool x) { return (x ? n.box.w : n.box.h) + margin_sum(n.style, x); }
int clamp_size(const Style& s, bool x, int v) {
  const int lo = x ? s.min_w : s.min_h, hi = x ? s.max_w : s.max_h;
  if (hi > 0) v = std::min(v, hi);
  return std::max(v, lo);
}
bool is_main(const Style& s, bool x) { return (s.dir == Dir::row) == x; }
bool in_flow(const Node& n) { return n.style.place == Place::flow; }
bool wraps(const Style& s) { return s.wrap && s.dir == Dir::row; }
}  // namespace

// Lines of a wrapping row from its children's outer widths (known after the width pass).
void Tree::flex_lines(int i, std::vector<Line>& out) const {
  const Node& n = nodes_[size_t(i)];
  const int cw = std::max(0, n.box.w - pad_sum(n.style, true));
  out.clear();
  Line cur;
  for (int c = n.first_child; c >= 0; c = nodes_[size_t(c)].next_sibling) {
    const Node& cn = nodes_[size_t(c)];
    if (!in_flow(cn)) continue;
    const int w = outer(cn, true);
    if (cur.count > 0 && cur.main + n.style.gap + w > cw) {
      out.push_back(cur);
      cur = {};
    }
    if (cur.count == 0) cur.first = c;
    cur.main += (cur.count > 0 ? n.style.gap : 0) + w;
    cur.cross = std::max(cur.cross, outer(cn, false));
    cur.last = c;
    ++cur.count;
  }
  if (cur.count > 0) out.push_back(cur);
}

void Tree::fit(int i, bool x) {
  Node& n = nodes_[size_t(i)];
  if (n.kept) {  // a reused subtree: its content size is what it was
    extent(n, x) = x ? n.fit_w : n.fit_h;
    return;
  }
  const Style& s = n.style;
  const bool main = is_main(s, x);
  int content = 0, count = 0;
  for (int c = n.first_child; c >= 0; c = nodes_[size_t(c)].next_sibling) {
    if (!in_flow(nodes_[size_t(c)])) continue;
    fit(c, x);
    const int e = outer(nodes_[size_t(c)], x);
    content = main ? content + e : std::max(content, e);
    ++count;
  }
  if (main && count > 1) content += s.gap * (count - 1);
  if (!x && count > 0 && wraps(s)) {  // a wrapping row's height: its lines, stacked
    std::vector<Line> lines;
    flex_lines(i, lines);
    content = s.gap * (int(lines.size()) - 1);
    for (const Line& l : lines) content += l.cross;
  }
  if (n.is_text) {
    if (x) {
      n.face = face_for(n.ts);
      content = n.text_w = text_width(n.face, n.text);
    } else {
      content = (n.ts.wrap ? int(n.lines.size()) : 1) * line_height(n.ts);
    }
  }
  const Size& sz = size_of(s, x);
  extent(n, x) = clamp_size(s, x, sz.kind == SizeKind::fixed ? sz.px : content + pad_sum(s, x));
  (x ? n.fit_w : n.fit_h) = extent(n, x);
}

void Tree::grow(int i, bool x) {
  Node& n = nodes_[size_t(i)];
  if (n.kept) {
    // A reused subtree given the size it had keeps its layout (a pure function of the
    // subtree and that size); given another, it is laid out again along this axis.
    const int final_size = extent(n, x);
    if (final_size == (x ? n.laid_w : n.laid_h)) return;
    n.kept = false;
    forget_paint(i);
    fit(i, x);
    extent(n, x) = final_size;
  }
  const Style& s = n.style;
  const int content = std::max(0, extent(n, x) - pad_sum(s, x));
  if (is_main(s, x) && !wraps(s)) {
    int used = 0, weights = 0, count = 0, shrinkable = 0;
    for (int c = n.first_child; c >= 0; c = nodes_[size_t(c)].next_sibling) {
      Node& cn = nodes_[size_t(c)];
      if (!in_flow(cn)) continue;
      const SizeKind k = size_of(cn.style, x).kind;
      int& e = extent(cn, x);
      if (cn.style.basis >= 0) e = clamp_size(cn.style, x, cn.style.basis);  // flex-basis
      else if (k == SizeKind::fill) e = 0;
      ++count;
      used += e + margin_sum(cn.style, x);
      if (k == SizeKind::fill) weights += std::max(1, size_of(cn.style, x).px);
      if (k == SizeKind::fit) shrinkable += e;
    }
    int remaining = content - used - (count > 1 ? s.gap * (count - 1) : 0);
    int left = std::max(0, remaining), wleft = weights;
    int overflow = x ? std::max(0, -remaining) : 0, sleft = shrinkable;
    for (int c = n.first_child; c >= 0; c = nodes_[size_t(c)].next_sibling) {
      Node& cn = nodes_[size_t(c)];
      if (!in_flow(cn)) continue;
      const Size& sz = size_of(cn.style, x);
      int& e = extent(cn, x);
      if (sz.kind == SizeKind::fill) {
        // Integer split; the last fill child takes the remainder. min/max clamp the result
        // (what a clamped child does not take stays unused).
        const int wt = std::max(1, sz.px);
        const int share = wleft == wt ? left : int(int64_t(left) * wt / wleft);
        const int before = e;
        e = clamp_size(cn.style, x, e + share);
        left -= e - before;
        wleft -= wt;
      } else if (sz.kind == SizeKind::fit && overflow > 0 && sleft > 0) {
        // Shrink fit children in proportion to their size (flex-shrink: 1), not below min.
        const int cut = e == sleft ? overflow : int(int64_t(overflow) * e / sleft);
        sleft -= e;
        const int before = e;
        e = clamp_size(cn.style, x, std::max(0, e - cut));
        overflow -= before - e;
      }
    }
  } else if (!x && wraps(s)) {  // a wrapping row's heights: fill children take their line's
    std::vector<Line> lines;
    flex_lines(i, lines);
    for (const Line& l : lines)
      for (int c = l.first;; c = nodes_[size_t(c)].next_sibling) {
        Node& cn = nodes_[size_t(c)];
        if (in_flow(cn) && cn.style.h.kind == SizeKind::fill)
          cn.box.h = clamp_size(cn.style, false, l.cross - margin_sum(cn.style, false));
        if (c == l.last) break;
      }
  } else {  // the cross axis (and a wrapping row's widths: each line holds what fits)
    for (int c = n.first_child; c >= 0; c = nodes_[size_t(c)].next_sibling) {
      Node& cn = nodes_[size_t(c)];
      if (!in_flow(cn)) continue;
      const SizeKind k = size_of(cn.style, x).kind;
      const int avail = std::max(0, content - margin_sum(cn.style, x));
      if (k == SizeKind::fill && !wraps(s)) extent(cn, x) = clamp_size(cn.style, x, avail);
      else if (x && k != SizeKind::fixed)
        extent(cn, x) = clamp_size(cn.style, x, std::min(extent(cn, x), avail));
    }
  }
  for (int c = n.first_child; c >= 0; c = nodes_[size_t(c)].next_sibling)
    if (in_flow(nodes_[size_t(c)])) grow(c, x);
}

void Tree::wrap_text(int i) {
  Node& n = nodes_[size_t(i)];
  if (n.kept) return;  // its width is what it was: so are its lines
  if (n.is_text) {
    int avail = std::max(0, n.box.w - pad_sum(n.style, true));
    if (n.ts.wrap) {
      wrap_lines(n.face, n.text, avail, n.ts.max_lines, n.lines);
    } else {
      // One line: drawn from `text` itself; one too wide gets its ellipsis when it is painted
      // (rows scrolled out of view never pay for it). Field text is clipped, never ellipsized.
      n.lines.clear();
      n.ellipsis = n.src_base < 0 && n.text_w > avail;
      // A single-line field scrolls its text so that the caret stays inside (an <input>).
      n.scroll_x = 0;
      if (n.src_base >= 0 && n.caret_at >= n.src_base && n.parent >= 0 &&
          nodes_[size_t(n.parent)].style.dir == Dir::row) {
        const int at = std::min(n.caret_at - n.src_base, int(n.text.size()));
        const int caret = text_width(n.face, std::string_view(n.text).substr(0, size_t(at)));
        // Text that fits is never scrolled: a box sized to its text has no room for the
        // caret's 2 px past the end, and scrolling by them cut the first letter.
        if (n.text_w > avail) n.scroll_x = std::max(0, caret + 2 - avail);
      }
    }
  }
  for (int c = n.first_child; c >= 0; c = nodes_[size_t(c)].next_sibling)
    if (in_flow(nodes_[size_t(c)])) wrap_text(c);
}

namespace {
// Where free space along a line goes (justify): the first child's offset and the gap.
void justify(Align j, int free_main, int count, int& off, int& gap) {
  off = 0;
  if (free_main <= 0) return;
  if (j == Align::center) off = free_main / 2;
  else if (j == Align::end) off = free_main;
  else if (j == Align::space_between && count > 1) gap += free_main / (count - 1);
}
int align_offset(Align a, int cross_free) {
  if (cross_free <= 0) return 0;
  return a == Align::center ? cross_free / 2 : a == Align::end ? cross_free : 0;
}
}  // namespace

void Tree::place(int i, int x, int y) {
  Node& n = nodes_[size_t(i)];
  if (n.kept) {
    translate(i, x - n.box.x, y - n.box.y);
    return;
  }
  const Style& s = n.style;
  n.box.x = x;
  n.box.y = y;
  const bool row = s.dir == Dir::row;
  const Edges in = s.inset();
  // The children's extent along the main axis (gaps included), the widest across, their count.
  auto extent = [&](int& total, int& cross_max, int& count) {
    total = cross_max = count = 0;
    for (int c = n.first_child; c >= 0; c = nodes_[size_t(c)].next_sibling) {
      if (!in_flow(nodes_[size_t(c)])) continue;
      total += outer(nodes_[size_t(c)], row);
      cross_max = std::max(cross_max, outer(nodes_[size_t(c)], !row));
      ++count;
    }
    total += count > 1 ? s.gap * (count - 1) : 0;
  };
  if (s.clip && s.from_bottom && !wraps(s)) {  // the content's height first: the offset needs it
    int total, cross_max, count;
    extent(total, cross_max, count);
    n.content_h = (row ? cross_max : total) + in.t + in.b;
  }
  const int cx = x + in.l, cy = y + in.t - (s.clip ? scroll_offset(i) : 0);
  const int cw = std::max(0, n.box.w - in.l - in.r);
  const int ch = std::max(0, n.box.h - in.t - in.b);
  auto put = [&](int c, int main_at, int cross_at) {
    const Node& cn = nodes_[size_t(c)];
    if (row) place(c, cx + main_at + cn.style.margin.l, cy + cross_at + cn.style.margin.t);
    else place(c, cx + cross_at + cn.style.margin.l, cy + main_at + cn.style.margin.t);
  };
  if (wraps(s)) {
    std::vector<Line> lines;
    flex_lines(i, lines);
    int line_y = 0;
    for (const Line& l : lines) {
      int off = 0, gap = s.gap;
      justify(s.justify, cw - l.main, l.count, off, gap);
      for (int c = l.first;; c = nodes_[size_t(c)].next_sibling) {
        const Node& cn = nodes_[size_t(c)];
        if (in_flow(cn)) {
          put(c, off, line_y + align_offset(s.align, l.cross - outer(cn, false)));
          off += outer(nodes_[size_t(c)], true) + gap;
        }
        if (c == l.last) break;
      }
      line_y += l.cross + s.gap;
    }
    n.content_h = std::max(0, line_y - s.gap) + in.t + in.b;
    return;
  }
  int total, count, cross_max;
  extent(total, cross_max, count);
  n.content_h = (row ? cross_max : total) + in.t + in.b;
  int off = 0, gap = s.gap;
  justify(s.justify, (row ? cw : ch) - total, count, off, gap);
  for (int c = n.first_child; c >= 0; c = nodes_[size_t(c)].next_sibling) {
    const Node& cn = nodes_[size_t(c)];
    if (!in_flow(cn)) continue;
    put(c, off, align_offset(s.align, (row ? ch : cw) - outer(cn, !row)));
    off += outer(nodes_[size_t(c)], row) + gap;
  }
}

void Tree::layout(int width, int height) {
  if (nodes_.empty()) return;
  assert(duplicate_keys().empty() && "two live nodes share a key");
  fit(0, true);
  nodes_[0].box.w = width;
  grow(0, true);
  wrap_text(0);
  fit(0, false);
  nodes_[0].box.h = height;
  grow(0, false);
  place(0, 0, 0);
  for (int k : kept_) nodes_[size_t(k)].kept = false;
  kept_.clear();
  layout_overlays(width, height);
}

void Tree::translate(int i, int dx, int dy) {
  if (dx == 0 && dy == 0) return;
  Node& n = nodes_[size_t(i)];
  n.box.x += dx;
  n.box.y += dy;
  for (int c = n.first_child; c >= 0; c = nodes_[size_t(c)].next_sibling) translate(c, dx, dy);
}

int Tree::scroll_offset(int i) const {
  const Node& n = nodes_[size_t(i)];
  if (!n.style.from_bottom) return n.style.scroll_y;
  const int max = scroll_max(i);
  return std::clamp(max - n.style.scroll_y, 0, max);
}

bool Tree::scroll_to(int i, int scroll_y) {
  Node& n = nodes_[size_t(i)];
  const int max = scroll_max(i);
  const int dy = n.style.from_bottom
                     ? std::clamp(max - n.style.scroll_y, 0, max) - std::clamp(max - scroll_y, 0, max)
                     : n.style.scroll_y - scroll_y;
  if (dy == 0) return false;
  n.style.scroll_y = scroll_y;
  if (n.style.clip)  // (place() offsets only a clipping container's content)
    for (int c = n.first_child; c >= 0; c = nodes_[size_t(c)].next_sibling)
      if (in_flow(nodes_[size_t(c)])) translate(c, 0, dy);
  return true;
}

bool Tree::relayout(int i) {
  Node& n = nodes_[size_t(i)];
  if (n.style.w.kind == SizeKind::fit || n.style.h.kind == SizeKind::fit) return false;
  const Box b = n.box;
  fit(i, true);
  n.box.w = b.w;
  grow(i, true);
  wrap_text(i);
  fit(i, false);
  n.box.h = b.h;
  grow(i, false);
  place(i, b.x, b.y);
  return true;
}

void Tree::truncate(int n) {
  if (n >= int(nodes_.size())) return;
  live_ -= int(nodes_.size()) - n;  // overlays: all of this build
  nodes_.resize(size_t(n));
  std::erase_if(placed_, [n](int i) { return i >= n; });
  std::erase_if(live_nodes_, [n](int i) { return i >= n; });
  for (Node& p : nodes_) {
    if (p.next_sibling >= n) p.next_sibling = -1;
    if (p.first_child >= n) p.first_child = p.last_child = -1;
    else if (p.last_child >= n)
      // (Nodes are visited in index order: a sibling link past the end may not be cut yet.)
      for (int c = p.first_child; c >= 0 && c < n; c = nodes_[size_t(c)].next_sibling)
        p.last_child = c;
  }
}

void Tree::layout_overlays(int width, int height) {
  // Overlays last, in tree order (an overlay may anchor to an earlier one); painted by z.
  overlays_.clear();
  for (int i : placed_)
    if (i > 0) {
      layout_overlay(i, width, height);
      overlays_.push_back(i);
    }
  std::stable_sort(overlays_.begin(), overlays_.end(), [&](int a, int b) {
    return nodes_[size_t(a)].style.z < nodes_[size_t(b)].style.z;
  });
}

void Tree::layout_overlay(int i, int width, int height) {
  Node& n = nodes_[size_t(i)];
  const Style& s = n.style;
  const bool cover = s.place == Place::cover;
  fit(i, true);
  if (cover || s.w.kind == SizeKind::fill) n.box.w = width;
  n.box.w = std::min(n.box.w, width);
  grow(i, true);
  wrap_text(i);
  fit(i, false);
  if (cover || s.h.kind == SizeKind::fill) n.box.h = height;
  n.box.h = std::min(n.box.h, height);
  grow(i, false);
  const Box a = s.anchor >= 0 && s.anchor < i ? nodes_[size_t(s.anchor)].box : Box{};
  const int w = n.box.w, h = n.box.h;
  int x = 0, y = 0;
  switch (s.place) {
    case Place::flow: case Place::cover: break;
    case Place::below:
      x = a.x + s.ox, y = a.y + a.h + s.oy;
      if (y + h > height && a.y - s.oy - h >= 0) y = a.y - s.oy - h;  // flip above
      break;
    case Place::above:
      x = a.x + s.ox, y = a.y - s.oy - h;
      if (y < 0) y = a.y + a.h + s.oy;
      break;
    case Place::below_center: x = a.x + (a.w - w) / 2 + s.ox, y = a.y + a.h + s.oy; break;
    case Place::right: x = a.x + a.w + s.ox, y = a.y + s.oy; break;
    case Place::point: x = s.ox, y = s.oy; break;
    case Place::center: x = (width - w) / 2, y = (height - h) / 2; break;
    case Place::bottom_center: x = (width - w) / 2, y = height - h - s.oy; break;
    case Place::bottom_right: x = width - w - s.ox, y = height - h - s.oy; break;
    case Place::bottom_left: x = s.ox, y = height - h - s.oy; break;
  }
  place(i, std::clamp(x, 0, std::max(0, width - w)), std::clamp(y, 0, std::max(0, height - h)));
}

// [SECTION] Drawing ------------------------------------------------------------------------------
void Tree::paint_text(int i) {
  Node& n = nodes_[size_t(i)];
  const Style& s = n.style;
  const auto& face = assets::font_atlas().faces[size_t(n.face)];
  const int lh = line_height(n.ts);
  Edges in = s.inset();
  const int avail = n.box.w - in.l - in.r;
  in.l -= n.scroll_x;  // from here on: where the text starts
  int baseline = n.box.y + in.t + (lh - (face.ascent + face.descent)) / 2 + face.ascent;
  int last_x = n.box.x + in.l;
  const bool measure = s.justify == Align::center || s.justify == Align::end || n.caret;
  // Field text: selection highlight under the glyphs, caret after them (value offsets).
  if (n.src_base >= 0 && n.sel_b > n.sel_a) {
    const int len = int(n.text.size()), end = n.src_base + len;
    const int a = std::clamp(n.sel_a - n.src_base, 0, len);
    const int b = std::clamp(n.sel_b - n.src_base, 0, len);
    const bool newline = n.sel_a <= end && n.sel_b > end;  // a selected line break
    if (b > a || newline) {
      const std::string_view t = n.text;
      const int x0 = n.box.x + in.l + text_width(n.face, t.substr(0, size_t(a)));
      const int x1 = n.box.x + in.l + text_width(n.face, t.substr(0, size_t(b))) +
                     (newline ? 4 : 0);
      draw_.push_back({DrawKind::rect, {x0, n.box.y + in.t, x1 - x0, lh},
                       theme().accent_soft});
    }
  }
  if (n.ellipsis && n.lines.empty()) n.lines.push_back(ellipsize(n.face, n.text, avail));
  const bool one = n.lines.empty();
  for (size_t li = 0, ln = one ? 1 : n.lines.size(); li < ln; ++li) {
    const std::string_view line = one ? std::string_view(n.text) : std::string_view(n.lines[li]);
    int x = n.box.x + in.l;
    int lw = measure ? text_width(n.face, line) : 0;  // only alignment and carets need it
    if (s.justify == Align::center) x += (avail - lw) / 2;
    else if (s.justify == Align::end) x += avail - lw;
    draw_.push_back({DrawKind::text, {x, baseline, lw, lh}, n.ts.color, 0, 0, n.face, line, {},
                     i, one ? -1 : int(li)});
    last_x = x + lw;
    baseline += lh;
  }
  int caret_x = -1;
  if (n.caret) caret_x = last_x + 1;
  if (n.src_base >= 0 && n.caret_at >= n.src_base && n.caret_at <= n.src_base + int(n.text.size()))
    caret_x = n.box.x + in.l +
              text_width(n.face, std::string_view(n.text).substr(0, size_t(n.caret_at - n.src_base)));
  if (caret_x >= 0) {
    int top = baseline - lh - face.ascent;
    draw_.push_back({DrawKind::rect, {caret_x, top, 1, face.ascent + face.descent}, n.ts.color});
  }
}

namespace {
Box unite(const Box& a, const Box& b) {  // w < 0: empty
  if (a.w < 0) return b;
  if (b.w < 0) return a;
  const int x0 = std::min(a.x, b.x), y0 = std::min(a.y, b.y);
  return {x0, y0, std::max(a.x + a.w, b.x + b.w) - x0, std::max(a.y + a.h, b.y + b.h) - y0};
}
}  // namespace

Box Tree::paint(int i, const Interaction& ia) {
  Node& n = nodes_[size_t(i)];
  const Style& s = n.style;
  // Nodes wholly outside the current clip (rows scrolled out of a list) draw nothing visible:
  // skipping them changes no pixel. Text may overhang its box, so only clipped parents cull.
  if (!clip_.empty()) {
    const Box& c = clip_.back();
    if (n.box.x >= c.x + c.w || n.box.y >= c.y + c.h || n.box.x + n.box.w <= c.x ||
        n.box.y + n.box.h <= c.y) {
      ++culls_;
      return {0, 0, -1, -1};
    }
  }
  if (n.memoized && repaint(i)) return n.more->drawn_bound;
  Box bound = n.box;
  const uint32_t at = uint32_t(draw_.size());
  const int culls = culls_;
  const size_t repeats = repeats_.size();
  const bool hovered = (i == ia.hover || n.force_hover) && !n.disabled;
  const bool pressed = (i == ia.press || n.force_pressed) && !n.disabled;
  if (s.opacity < 255) draw_.push_back({DrawKind::push_opacity, n.box, 0, 0, s.opacity});
  const Shadow& sh = (hovered && s.hover_shadow.color) ? s.hover_shadow : s.shadow;
  if (sh.color) {
    const Box b{n.box.x - sh.spread, n.box.y + sh.y - sh.spread, n.box.w + 2 * sh.spread,
                n.box.h + 2 * sh.spread};
    draw_.push_back({DrawKind::shadow, b, sh.color, s.radius + sh.spread, sh.blur});
  }
  uint32_t bg = s.bg;
  if (hovered && s.hover_bg) bg = s.hover_bg;
  if (pressed && s.pressed_bg) bg = s.pressed_bg;
  if (bg) draw_.push_back({DrawKind::rect, n.box, bg, s.radius});
  if (!s.image.empty())
    if (const assets::Image* img = assets::image_atlas().find(s.image))
      draw_.push_back({DrawKind::image, n.box, 0, s.radius, 0, 0, {}, {img->x, img->y, img->w, img->h}});
  if (s.border > 0 && s.border_color)
    draw_.push_back({DrawKind::border, n.box, s.border_color, s.radius, s.border});
  if (n.is_text && n.scroll_x > 0) {  // scrolled field text: clipped to its content box
    draw_.push_back({DrawKind::push_clip, n.box});
    paint_text(i);
    draw_.push_back({DrawKind::pop_clip, n.box});
  } else if (n.is_text) {
    paint_text(i);
  }
  if (n.first_child >= 0) {
    if (s.clip) {  // the padding box: inside the border
      const Box pb{n.box.x + s.border, n.box.y + s.border, std::max(0, n.box.w - 2 * s.border),
                   std::max(0, n.box.h - 2 * s.border)};
      draw_.push_back({DrawKind::push_clip, pb});
      clip_.push_back(pb);
    }
    for (int c = n.first_child; c >= 0; c = nodes_[size_t(c)].next_sibling) {
      const Node& cn = nodes_[size_t(c)];
      if (!in_flow(cn)) continue;
      if (cn.style.hover_show != 0) {
        const bool over = std::find(hover_chain_.begin(), hover_chain_.end(), i) !=
                          hover_chain_.end();
        if (over != (cn.style.hover_show == 1)) continue;
      }
      bound = unite(bound, paint(c, ia));
    }
    if (s.clip) {
      draw_.push_back({DrawKind::pop_clip, n.box});
      clip_.pop_back();
    }
  }
  // Overlay scrollbar (like Chrome's): a thumb at the right edge when the content overflows.
  if (s.clip) {
    const Box th = scroll_thumb(i);
    if (th.w > 0)
      draw_.push_back({DrawKind::rect, th,
                       ia.press == i ? theme().scrollbar_hover : theme().scrollbar, th.w / 2});
  }
  // Focus ring (:focus-visible): outside the box, above the node's own content.
  if ((i == ia.focus && ia.focus_visible) || n.force_focus)
    draw_.push_back({DrawKind::border, {n.box.x - 2, n.box.y - 2, n.box.w + 4, n.box.h + 4},
                     theme().focus_ring, s.radius + 2, 2});
  if (s.opacity < 255) draw_.push_back({DrawKind::pop_opacity, n.box});
  if (n.memoized) record_paint(i, at, culls, repeats, bound);
  return bound;
}

// A memoized subtree recorded clean in the last draw, not hot now, whose nodes are all painted
// now (none culled: the clip and its place are as they were, or all of its boxes are strictly
// inside the clip) paints the commands it painted then, moved with it: they are copied, their
// texts pointed at the same nodes' strings.
bool Tree::repaint(int i) {
  if (!nodes_[size_t(i)].more) return false;
  NodeExtra& n = *nodes_[size_t(i)].more;
  const Box& box = nodes_[size_t(i)].box;
  if (n.drawn == 0 || n.drawn + 1 != draw_serial_ || remapped_ ||
      size_t(n.drawn_at) + n.drawn_n > last_draw_.size() ||
      std::find(hot_.begin(), hot_.end(), i) != hot_.end())
    return false;
  const int dx = box.x - n.drawn_x, dy = box.y - n.drawn_y;
  const Box b{n.drawn_bound.x + dx, n.drawn_bound.y + dy, n.drawn_bound.w, n.drawn_bound.h};
  if (!clip_.empty()) {
    const Box& c = clip_.back();
    const bool as_was = dx == 0 && dy == 0 && c.x == n.drawn_clip.x && c.y == n.drawn_clip.y &&
                        c.w == n.drawn_clip.w && c.h == n.drawn_clip.h;
    const bool inside = b.x > c.x && b.y > c.y && b.x + b.w < c.x + c.w && b.y + b.h < c.y + c.h;
    if (!as_was && !inside) return false;
  }
  const uint32_t at = uint32_t(draw_.size());
  for (uint32_t k = n.drawn_at; k < n.drawn_at + n.drawn_n; ++k) {
    DrawCmd c = last_draw_[k];
    c.box.x += dx;
    c.box.y += dy;
    if (c.kind == DrawKind::text) {
      const Node& t = nodes_[size_t(c.node)];
      c.text = c.line < 0 ? std::string_view(t.text) : std::string_view(t.lines[size_t(c.line)]);
    }
    draw_.push_back(c);
  }
  repeats_.push_back({at, n.drawn_n, n.drawn_at, dx, dy});
  repainted_ += n.drawn_n;
  note_drawn(i, at, n.drawn_n, b);
  return true;
}

void Tree::note_drawn(int i, uint32_t at, uint32_t count, const Box& bound) {
  NodeExtra& n = nodes_[size_t(i)].extra_mut();
  n.drawn = draw_serial_;
  n.drawn_at = at;
  n.drawn_n = count;
  n.drawn_x = nodes_[size_t(i)].box.x;
  n.drawn_y = nodes_[size_t(i)].box.y;
  n.drawn_clip = clip_.empty() ? Box{0, 0, -1, -1} : clip_.back();
  n.drawn_bound = bound;
}

// A memoized subtree's commands depend on its nodes (the stamp), its layout (kept: moved at
// most), the interaction inside it and the culling of its nodes. Clean: nothing inside is
// hot and nothing was culled. Clean now and clean in the draw before, with as many commands,
// the range repeats the earlier one, moved; Repeats nested in it are dropped.
void Tree::record_paint(int i, uint32_t at, int culls, size_t repeats, const Box& bound) {
  Node& node = nodes_[size_t(i)];
  const uint32_t count = uint32_t(draw_.size()) - at;
  const bool clean = culls == culls_ && std::find(hot_.begin(), hot_.end(), i) == hot_.end();
  if (!clean) {
    if (node.more) node.more->drawn = 0;
    return;
  }
  if (const NodeExtra& n = node.extra();
      n.drawn != 0 && n.drawn + 1 == draw_serial_ && n.drawn_n == count && count > 0) {
    repeats_.resize(repeats);
    repeats_.push_back({at, count, n.drawn_at, node.box.x - n.drawn_x, node.box.y - n.drawn_y});
  }
  note_drawn(i, at, count, bound);
}

void Tree::forget_paint(int i) {
  Node& n = nodes_[size_t(i)];
  if (n.more) n.more->drawn = 0;
  for (int c = n.first_child; c >= 0; c = nodes_[size_t(c)].next_sibling) forget_paint(c);
}

const DrawList& Tree::draw(const Interaction& ia) {
  draw_.swap(last_draw_);  // repaint() copies from the last draw
  draw_.clear();
  clip_.clear();
  repeats_.clear();
  culls_ = 0;
  ++draw_serial_;
  hot_.clear();
  for (int h : {ia.hover, ia.press, ia.focus_visible ? ia.focus : -1})
    for (int p = h; p >= 0 && p < size(); p = nodes_[size_t(p)].parent) hot_.push_back(p);
  hover_chain_.clear();
  for (int p = ia.hover; p >= 0 && p < size(); p = nodes_[size_t(p)].parent)
    hover_chain_.push_back(p);
  if (nodes_.empty()) return draw_;
  paint(0, ia);
  for (int o : overlays_) {  // above the page, outside its clips (like position: fixed)
    clip_.clear();
    paint(o, ia);
  }
  if (ia.marks) paint_marks();
  remapped_ = false;
  return draw_;
}

// Set-of-marks: a numbered tag and an outline on every visible interactive node, numbered in
// a11y order (A11yNode::mark), so an agent can answer "click 12".
void Tree::paint_marks() {
  const std::vector<A11yNode> nodes = a11y();
  marks_text_.clear();
  marks_text_.reserve(nodes.size());  // draw commands point into these strings
  const auto& atlas = assets::font_atlas();
  const int face = atlas.face_index(11, 700);
  const auto& f = atlas.faces[size_t(face)];
  const uint32_t color = theme().mark;
  for (const A11yNode& a : nodes) {
    if (!a.mark) continue;
    marks_text_.push_back(std::to_string(a.mark));
    const std::string& label = marks_text_.back();
    const int tw = text_width(face, label) + 6, th = f.ascent + f.descent + 2;
    draw_.push_back({DrawKind::border, a.box, color, 2, 1});
    const Box tag{a.box.x, std::max(0, a.box.y - th / 2), tw, th};
    draw_.push_back({DrawKind::rect, tag, color, 2});
    draw_.push_back({DrawKind::text, {tag.x + 3, tag.y + 1 + f.ascent, tw, th}, 0xFFFFFFFF, 0, 0,
                     face, label});
  }
}

// [SECTION] Hit-testing and accessibility ------------------------------------------------------
namespace {
// Topmost node under the point within the subtree at `i`, descending through in-flow children.
int hit_in(const std::vector<Node>& nodes, int i, int x, int y) {
  int best = -1;
  while (i >= 0) {
    const Node& n = nodes[size_t(i)];
    if (!n.box.contains(x, y)) break;
    best = i;
    int next = -1;
    for (int c = n.first_child; c >= 0; c = nodes[size_t(c)].next_sibling) {
      const Node& cn = nodes[size_t(c)];
      if (cn.style.place != Place::flow) continue;
      // A clipping child's content is only reachable inside its box; others may overhang.
      if (cn.box.contains(x, y)) next = c;
    }
    i = next;
  }
  return best;
}
}  // namespace

int Tree::hit_test(int x, int y) const {
  if (nodes_.empty()) return -1;
  for (size_t k = overlays_.size(); k-- > 0;)
    if (int h = hit_in(nodes_, overlays_[k], x, y); h >= 0) return h;
  return hit_in(nodes_, 0, x, y);
}

int Tree::action_target(int hit) const {
  for (int i = hit; i >= 0; i = nodes_[size_t(i)].parent) {
    const Node& n = nodes_[size_t(i)];
    if (n.disabled) return -1;
    if (!n.action.empty() || !n.extra().menu_action.empty()) return i;
    if (n.role == Role::dialog) return -1;  // clicks inside a dialog never reach its backdrop
    if (n.style.place != Place::flow) return -1;  // an overlay stops the bubbling
  }
  return -1;
}

int Tree::hover_target(int hit) const {
  for (int i = hit; i >= 0; i = nodes_[size_t(i)].parent) {
    const Node& n = nodes_[size_t(i)];
    if (n.style.hover_bg || !n.action.empty() || n.editable || !n.extra().tooltip.empty()) return i;
    if (n.style.place != Place::flow) return -1;
  }
  return -1;
}

int Tree::find(std::string_view key) const {
  if (key.empty()) return -1;
  for (size_t i = 0; i < nodes_.size(); ++i)
    if (nodes_[i].gen == gen_ && nodes_[i].key == key) return int(i);
  return -1;
}

bool Tree::takes_focus(int i) const {
  const Node& n = nodes_[size_t(i)];
  if (n.disabled || n.key.empty()) return false;
  if (n.role == Role::tab && !n.selected) return false;  // roving: the selected tab only
  return n.editable || focusable_role(n.role);
}

int Tree::focus_target(int hit) const {
  for (int i = hit; i >= 0; i = nodes_[size_t(i)].parent)
    if (takes_focus(i)) return i;
  return -1;
}

bool Tree::visible(int i) const {
  const Box& b = nodes_[size_t(i)].box;
  if (b.w <= 0 || b.h <= 0) return false;
  for (int p = i; p >= 0; p = nodes_[size_t(p)].parent) {
    const Node& pn = nodes_[size_t(p)];
    if (p != i && pn.style.clip &&
        (b.x >= pn.box.x + pn.box.w || b.y >= pn.box.y + pn.box.h || b.x + b.w <= pn.box.x ||
         b.y + b.h <= pn.box.y))
      return false;
    if (pn.style.place != Place::flow) break;
  }
  return true;
}

std::vector<int> Tree::focus_order() const {
  std::vector<int> out;
  if (nodes_.empty()) return out;
  int trap = -1;  // the topmost open dialog (an overlay, or the child of a backdrop overlay)
  for (int o : overlays_) {
    if (nodes_[size_t(o)].role == Role::dialog) trap = o;
    for (int k = nodes_[size_t(o)].first_child; k >= 0; k = nodes_[size_t(k)].next_sibling)
      if (nodes_[size_t(k)].role == Role::dialog) trap = k;
  }
  auto walk = [&](auto&& self, int i, bool top) -> void {
    const Node& n = nodes_[size_t(i)];
    if (!top && n.style.place != Place::flow) return;  // overlays come after the page
    if (takes_focus(i) && visible(i)) out.push_back(i);
    for (int c = n.first_child; c >= 0; c = nodes_[size_t(c)].next_sibling) self(self, c, false);
  };
  if (trap >= 0) {
    walk(walk, trap, true);
    return out;
  }
  walk(walk, 0, true);
  for (int o : overlays_) walk(walk, o, true);
  return out;
}

int Tree::offset_at(int field, int x, int y) const {
  // The field's text leaves carry value offsets (src_base); pick the line, then the boundary.
  int best = -1, best_dy = 1 << 30;
  auto walk = [&](auto&& self, int i) -> void {
    const Node& n = nodes_[size_t(i)];
    if (n.is_text && n.src_base >= 0) {
      int dy = y < n.box.y ? n.box.y - y : y >= n.box.y + n.box.h ? y - (n.box.y + n.box.h) + 1 : 0;
      if (dy < best_dy) best_dy = dy, best = i;
    }
    for (int c = n.first_child; c >= 0; c = nodes_[size_t(c)].next_sibling) self(self, c);
  };
  walk(walk, field);
  if (best < 0) return 0;
  const Node& n = nodes_[size_t(best)];
  const int x0 = n.box.x + n.style.inset().l - n.scroll_x;
  int off = 0, best_d = 1 << 30;
  for (size_t b = 0;;) {
    int d = std::abs(x0 + text_width(n.face, std::string_view(n.text).substr(0, b)) - x);
    if (d < best_d) best_d = d, off = int(b);
    if (b >= n.text.size()) break;
    assets::next_codepoint(n.text, b);
  }
  const Node& f = nodes_[size_t(field)];
  if (!f.masked) return n.src_base + off;
  // Password fields draw one 3-byte dot per code point: map dots back to value bytes.
  size_t v = 0;
  for (int dots = off / 3; dots > 0 && v < f.value.size(); --dots) assets::next_codepoint(f.value, v);
  return int(v);
}

int Tree::scroll_max(int i) const {
  const Node& n = nodes_[size_t(i)];
  return std::max(0, n.content_h - n.box.h);
}

Box Tree::scroll_thumb(int i) const {
  const Node& n = nodes_[size_t(i)];
  const int max = scroll_max(i);
  if (!n.style.clip || max <= 0 || n.box.h < 24) return {};
  const int track = n.box.h - 4;
  const int len = std::max(24, int(int64_t(track) * n.box.h / n.content_h));
  const int pos = int(int64_t(track - len) * std::clamp(scroll_offset(i), 0, max) / max);
  return {n.box.x + n.box.w - 10, n.box.y + 2 + pos, 8, len};
}

namespace {
void collect_text(const std::vector<Node>& nodes, int i, std::string& out) {
  const Node& n = nodes[size_t(i)];
  if (n.is_text && out.size() < 200 && n.src_base < 0) {
    if (!out.empty()) out += ' ';
    out += n.text;
  }
  for (int c = n.first_child; c >= 0; c = nodes[size_t(c)].next_sibling)
    collect_text(nodes, c, out);
}
}  // namespace

std::vector<A11yNode> Tree::a11y() const {
  std::vector<A11yNode> out;
  if (nodes_.empty()) return out;
  // Nodes without a key get "<nearest keyed ancestor>/<role><n>": stable while the view is.
  std::map<std::string, int, std::less<>> counters;
  int mark = 0;
  auto walk = [&](auto&& self, int i, int depth, const std::string& scope) -> void {
    const Node& n = nodes_[size_t(i)];
    const std::string& inner = n.key.empty() ? scope : n.key;
    if (n.role != Role::none) {
      A11yNode a{n.key, n.role, n.key, n.name, n.value, n.action, n.focused, n.checked,
                 n.selected, n.disabled, n.expanded, n.has_popup, n.box, depth};
      if (a.id.empty()) {
        std::string base = scope + "/" + role_name(n.role);
        a.id = base + std::to_string(counters[base]++);
      }
      if (a.name.empty()) collect_text(nodes_, i, a.name);
      if (n.editable) {  // the selection its text leaves highlight (offsets in the value)
        auto sel = [&](auto&& rec, int k) -> void {
          const Node& c = nodes_[size_t(k)];
          if (c.is_text && c.src_base >= 0 && c.sel_a >= 0 && c.sel_b > c.sel_a) {
            a.sel_begin = a.sel_begin < 0 ? c.sel_a : std::min(a.sel_begin, c.sel_a);
            a.sel_end = std::max(a.sel_end, c.sel_b);
          }
          for (int d = c.first_child; d >= 0; d = nodes_[size_t(d)].next_sibling) rec(rec, d);
        };
        sel(sel, i);
      }
      if (n.masked) {
        size_t cps = 0;
        for (size_t k = 0; k < n.value.size(); ++cps) assets::next_codepoint(n.value, k);
        a.value.clear();
        for (size_t k = 0; k < cps; ++k) a.value += "\xE2\x80\xA2";
      }
      // Marks go on what a click can reach: visible, and not under a popup or dialog.
      if ((takes_focus(i) || !n.action.empty()) && visible(i)) {
        int h = hit_test(n.box.x + n.box.w / 2, n.box.y + n.box.h / 2);
        while (h >= 0 && h != i) h = nodes_[size_t(h)].parent;
        if (h == i) a.mark = ++mark;
      }
      out.push_back(std::move(a));
      ++depth;
    }
    for (int c = n.first_child; c >= 0; c = nodes_[size_t(c)].next_sibling)
      if (nodes_[size_t(c)].style.place == Place::flow) self(self, c, depth, inner);
  };
  walk(walk, 0, 0, std::string("root"));
  for (int o : overlays_) {
    int p = nodes_[size_t(o)].parent;
    while (p >= 0 && nodes_[size_t(p)].key.empty()) p = nodes_[size_t(p)].parent;
    walk(walk, o, 0, p >= 0 ? nodes_[size_t(p)].key : std::string("root"));
  }
  return out;
}

std::string Tree::a11y_text(const std::vector<A11yNode>& nodes, bool marks) {
  std::string out;
  char buf[96];
  for (const A11yNode& a : nodes) {
    out.append(size_t(a.depth) * 2, ' ');
    if (marks && a.mark) out += "[" + std::to_string(a.mark) + "] ";
    out += role_name(a.role);
    out += " \"" + a.name + "\"";
    if (!a.value.empty()) out += " value=\"" + a.value + "\"";
    if (a.focused) out += " focused";
    if (a.checked) out += " checked";
    if (a.selected) out += " selected";
    if (a.disabled) out += " disabled";
    if (a.has_popup) out += a.expanded ? " expanded" : " collapsed";
    out += " #" + a.id;
    std::snprintf(buf, sizeof buf, " (%d,%d %dx%d)\n", a.box.x, a.box.y, a.box.w, a.box.h);
    out += buf;
  }
  return out;
}

}  // namespace facsim::dom
