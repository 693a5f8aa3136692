#include <gtest/gtest.h>

#include "dom.h"

using namespace facsim;
using dom::Align;
using dom::Dir;

TEST(Dom, RowDistributesFillAfterFixedAndGaps) {
  dom::Tree t;
  int r = t.root({.dir = Dir::row, .pad = dom::edges(10), .gap = 5});
  int a = t.add(r, {.w = dom::fixed(100), .h = dom::fill()});
  int b = t.add(r, {.w = dom::fill(1), .h = dom::fixed(20)});
  int c = t.add(r, {.w = dom::fill(2), .h = dom::fixed(20)});
  t.layout(400, 100);
  // 400 - 20 padding - 100 fixed - 10 gaps = 270 -> 90 / 180
  EXPECT_EQ(t.node(a).box.x, 10);
  EXPECT_EQ(t.node(a).box.h, 80);
  EXPECT_EQ(t.node(b).box.x, 115);
  EXPECT_EQ(t.node(b).box.w, 90);
  EXPECT_EQ(t.node(c).box.x, 210);
  EXPECT_EQ(t.node(c).box.w, 180);
}

TEST(Dom, ColumnFitsChildrenAndAligns) {
  dom::Tree t;
  int r = t.root({.dir = Dir::column, .justify = Align::center, .align = Align::center});
  int box = t.add(r, {.dir = Dir::column, .pad = dom::edges(4), .gap = 2});
  t.add(box, {.w = dom::fixed(50), .h = dom::fixed(10)});
  t.add(box, {.w = dom::fixed(30), .h = dom::fixed(10)});
  t.layout(200, 100);
  EXPECT_EQ(t.node(box).box.w, 58);
  EXPECT_EQ(t.node(box).box.h, 30);
  EXPECT_EQ(t.node(box).box.x, 71);
  EXPECT_EQ(t.node(box).box.y, 35);
}

TEST(Dom, TextWrapsAndEllipsizes) {
  dom::Tree t;
  int r = t.root({.dir = Dir::column});
  int wrap = t.text(r, "the quick brown fox jumps over the lazy dog again and again",
                    {.size = 14, .wrap = true}, {.w = dom::fixed(120)});
  int one = t.text(r, "the quick brown fox jumps over the lazy dog", {.size = 14},
                   {.w = dom::fixed(120)});
  t.layout(400, 400);
  EXPECT_GT(t.node(wrap).lines.size(), 2u);
  EXPECT_EQ(t.node(wrap).box.h, int(t.node(wrap).lines.size()) * dom::line_height({.size = 14}));
  for (const auto& l : t.node(wrap).lines) EXPECT_LE(dom::text_width(t.node(wrap).face, l), 120);
  EXPECT_TRUE(t.node(one).lines.empty());  // ellipsized when painted, if visible
  t.draw(-1);
  ASSERT_EQ(t.node(one).lines.size(), 1u);
  const std::string& l = t.node(one).lines[0];
  EXPECT_EQ(l.substr(l.size() - 3), "\xE2\x80\xA6");
  EXPECT_LE(dom::text_width(t.node(one).face, l), 120);
}

TEST(Dom, FitChildrenShrinkInAnOverfullRow) {
  dom::Tree t;
  int r = t.root({.dir = Dir::row});
  int a = t.text(r, "a fairly long piece of text that will not fit", {.size = 14});
  int b = t.add(r, {.w = dom::fixed(100)});
  t.layout(200, 50);
  EXPECT_EQ(t.node(b).box.w, 100);
  EXPECT_EQ(t.node(a).box.w, 100);
  EXPECT_EQ(t.node(b).box.x, 100);
}

TEST(Dom, HitTestRoutesToTheTopmostActionAndHover) {
  dom::Tree t;
  int r = t.root({.dir = Dir::column});
  int row = t.add(r, {.dir = Dir::row, .w = dom::fill(), .h = dom::fixed(40), .hover_bg = 1},
                  "row:1", dom::Role::listitem);
  t.node(row).action = "app:open:1";
  int star = t.add(row, {.w = dom::fixed(20), .h = dom::fixed(20)}, "star:1", dom::Role::button);
  t.node(star).action = "app:star:1";
  int label = t.text(row, "hello", {.size = 14});
  t.layout(300, 200);
  EXPECT_EQ(t.action_target(t.hit_test(5, 5)), star);
  EXPECT_EQ(t.action_target(t.hit_test(t.node(label).box.x + 2, 10)), row);
  EXPECT_EQ(t.hover_target(t.hit_test(200, 10)), row);
  EXPECT_EQ(t.hit_test(200, 100), 0);
  EXPECT_EQ(t.action_target(t.hit_test(200, 100)), -1);
  EXPECT_EQ(t.hit_test(-1, 5), -1);
  EXPECT_EQ(t.find("star:1"), star);
}

TEST(Dom, ScrollContainersOffsetAndClipHits) {
  dom::Tree t;
  int r = t.root({.dir = Dir::column});
  int list = t.add(r, {.dir = Dir::column, .w = dom::fill(), .h = dom::fixed(100), .clip = true,
                       .scroll_y = 30}, "list");
  int first = -1;
  for (int i = 0; i < 10; ++i) {
    int it = t.add(list, {.w = dom::fill(), .h = dom::fixed(20)}, "item" + std::to_string(i));
    if (i == 0) first = it;
  }
  t.layout(100, 300);
  EXPECT_EQ(t.node(first).box.y, -30);
  EXPECT_EQ(t.hit_test(10, 5), t.find("item1"));
  EXPECT_EQ(t.hit_test(10, 150), 0);  // below the list: hidden items are not hit
  const auto& dl = t.draw(-1);
  EXPECT_EQ(dl.front().kind == dom::DrawKind::push_clip || dl.size() > 0, true);
}

TEST(Dom, HoverChangesTheDrawnBackground) {
  dom::Tree t;
  int r = t.root({.dir = Dir::column});
  int b = t.add(r, {.w = dom::fixed(50), .h = dom::fixed(20), .bg = 0xFF0000FF,
                    .hover_bg = 0xFF00FF00});
  t.layout(100, 100);
  ASSERT_EQ(t.draw(-1).size(), 1u);
  EXPECT_EQ(t.draw(-1)[0].color, 0xFF0000FFu);
  EXPECT_EQ(t.draw(b)[0].color, 0xFF00FF00u);
}

TEST(Dom, AccessibilityTreeDump) {
  dom::Tree t;
  int r = t.root({.dir = Dir::column});
  int nav = t.add(r, {.dir = Dir::column}, "nav", dom::Role::navigation);
  int link = t.add(nav, {}, "folder:inbox", dom::Role::link);
  t.node(link).selected = true;
  t.text(link, "Inbox", {.size = 14});
  int field = t.add(r, {.w = dom::fixed(100), .h = dom::fixed(20)}, "search", dom::Role::textbox);
  t.node(field).name = "Search mail";
  t.node(field).value = "from:ana";
  t.node(field).focused = true;
  t.layout(200, 100);
  auto a = t.a11y();
  ASSERT_EQ(a.size(), 3u);
  EXPECT_EQ(a[1].name, "Inbox");
  EXPECT_EQ(a[1].depth, 1);
  std::string dump = dom::Tree::a11y_text(a);
  EXPECT_NE(dump.find("  link \"Inbox\" selected #folder:inbox"), std::string::npos) << dump;
  EXPECT_NE(dump.find("textbox \"Search mail\" value=\"from:ana\" focused #search"),
            std::string::npos) << dump;
}

// Shadows (and hover shadows), images and subtree opacity reach the draw list in paint order,
// with opacity balanced around the subtree.
TEST(Dom, ShadowImageAndOpacityAreDrawnInOrder) {
  dom::Tree t;
  int r = t.root({.dir = Dir::row, .w = dom::fixed(300), .h = dom::fixed(100)});
  int card = t.add(r, {.w = dom::fixed(100), .h = dom::fixed(60), .bg = 0xFFFFFFFFu, .radius = 8,
                       .shadow = {.y = 2, .blur = 6, .spread = 1, .color = 0x40000000u},
                       .hover_shadow = {.y = 4, .blur = 12, .color = 0x60000000u},
                       .opacity = 128, .image = "avatar1"},
                   "card", dom::Role::img);
  t.text(card, "Hi", {});
  int bad = t.add(r, {.w = dom::fixed(20), .h = dom::fixed(20), .image = "no-such-image"});
  t.layout(300, 100);
  using K = dom::DrawKind;
  std::vector<K> kinds;
  for (const dom::DrawCmd& c : t.draw(-1)) kinds.push_back(c.kind);
  EXPECT_EQ(kinds, (std::vector<K>{K::push_opacity, K::shadow, K::rect, K::image, K::text,
                                   K::pop_opacity}));
  const dom::DrawList& d = t.draw(-1);
  EXPECT_EQ(d[0].width, 128);
  EXPECT_EQ(d[1].box.y, t.node(card).box.y + 2 - 1);  // offset and spread applied
  EXPECT_EQ(d[1].box.w, 102);
  EXPECT_EQ(d[1].width, 6);
  EXPECT_EQ(d[3].src.w, 64);                          // the avatar's atlas rect
  const dom::DrawList& h = t.draw(card);
  EXPECT_EQ(h[1].width, 12);                          // hover shadow
  EXPECT_EQ(h[1].box.y, t.node(card).box.y + 4);
  (void)bad;
}

// The box model: border inside the box (content starts at border + padding), margins outside
// it, in the parent's sums, alignment and fill space.
TEST(DomLayout, BordersInsetContentAndMarginsSpaceSiblings) {
  dom::Tree t;
  int r = t.root({.dir = Dir::row, .align = Align::center});
  int card = t.add(r, {.dir = Dir::column, .pad = dom::edges(8), .border = 2,
                       .margin = {10, 5, 20, 5}});
  int inner = t.add(card, {.w = dom::fixed(40), .h = dom::fixed(30), .margin = {3, 4, 0, 0}});
  int rest = t.add(r, {.w = dom::fill(), .h = dom::fill(), .margin = {0, 6, 4, 6}});
  t.layout(300, 100);
  EXPECT_EQ(t.node(card).box.w, 2 + 8 + 3 + 40 + 8 + 2);  // border, pad, margin, child
  EXPECT_EQ(t.node(card).box.h, 2 + 8 + 4 + 30 + 8 + 2);
  EXPECT_EQ(t.node(card).box.x, 10);
  EXPECT_EQ(t.node(card).box.y, (100 - (54 + 10)) / 2 + 5);  // centred with its margins
  EXPECT_EQ(t.node(inner).box.x, 10 + 2 + 8 + 3);
  EXPECT_EQ(t.node(inner).box.y, t.node(card).box.y + 2 + 8 + 4);
  EXPECT_EQ(t.node(rest).box.x, 10 + 63 + 20);
  EXPECT_EQ(t.node(rest).box.w, 300 - (10 + 63 + 20) - 4);
  EXPECT_EQ(t.node(rest).box.y, 6);
  EXPECT_EQ(t.node(rest).box.h, 100 - 12);
}

// flex-basis, min/max sizes: a basis replaces the content size before grow and shrink; fill
// children clamp to max (the rest stays unused); shrinking stops at min.
TEST(DomLayout, BasisMinAndMaxSizes) {
  dom::Tree t;
  int r = t.root({.dir = Dir::row});
  int a = t.add(r, {.w = dom::fill(), .h = dom::fixed(10), .basis = 100});
  int b = t.add(r, {.w = dom::fill(), .h = dom::fixed(10), .max_w = 50});
  int c = t.add(r, {.w = dom::fixed(20), .h = dom::fixed(10), .min_h = 30});
  t.layout(400, 100);
  // 400 - 100 basis - 20 fixed = 280 free: 140 each; b stops at 50.
  EXPECT_EQ(t.node(a).box.w, 240);
  EXPECT_EQ(t.node(b).box.w, 50);
  EXPECT_EQ(t.node(c).box.x, 290);
  EXPECT_EQ(t.node(c).box.h, 30);

  dom::Tree s;  // an overfull row shrinks fit children, not below their min width
  int rr = s.root({.dir = Dir::row});
  int x = s.add(rr, {.w = dom::fit(), .min_w = 180});
  s.add(x, {.w = dom::fixed(300), .h = dom::fixed(10)});
  int y = s.add(rr, {.w = dom::fit()});
  s.add(y, {.w = dom::fixed(300), .h = dom::fixed(10)});
  s.layout(400, 50);
  EXPECT_EQ(s.node(x).box.w, 200);
  EXPECT_EQ(s.node(y).box.w, 200);
  s.layout(300, 50);
  EXPECT_EQ(s.node(x).box.w, 180);
  EXPECT_EQ(s.node(y).box.w, 120);
}

// flex-wrap: children that do not fit start a new line; the row's height is its lines; each
// line justifies and aligns on its own.
TEST(DomLayout, WrappingRowsFlowOntoLines) {
  dom::Tree t;
  int r = t.root({.dir = Dir::column});
  int row = t.add(r, {.dir = Dir::row, .w = dom::fill(), .pad = dom::edges(5), .gap = 10,
                      .align = Align::center, .wrap = true});
  std::vector<int> chips;
  for (int i = 0; i < 5; ++i)
    chips.push_back(t.add(row, {.w = dom::fixed(60), .h = dom::fixed(i == 1 ? 30 : 20)}));
  t.layout(220, 200);  // content 210: three chips (60 + 10 + 60 + 10 + 60 = 200) a line
  EXPECT_EQ(t.node(row).box.h, 5 + 30 + 10 + 20 + 5);
  EXPECT_EQ(t.node(chips[0]).box.x, 5);
  EXPECT_EQ(t.node(chips[0]).box.y, 5 + 5);  // centred in a 30 px line
  EXPECT_EQ(t.node(chips[2]).box.x, 145);
  EXPECT_EQ(t.node(chips[3]).box.x, 5);
  EXPECT_EQ(t.node(chips[3]).box.y, 5 + 30 + 10);
  EXPECT_EQ(t.node(chips[4]).box.x, 75);
  t.layout(500, 200);  // all on one line
  EXPECT_EQ(t.node(row).box.h, 40);
  EXPECT_EQ(t.node(chips[4]).box.y, 10);
}

// Retained builds: a memoized subtree comes back as it was (the same nodes), moves with its
// new position, is laid out again when its size changes, and the result always equals a
// fresh build's. Garbage is never found and is compacted.
TEST(DomRetain, ReusedSubtreesLayOutLikeAFreshBuild) {
  auto build = [](dom::Tree& t, int spacer, const std::string& label, int* reused) {
    int r = t.root({.dir = Dir::column});
    t.add(r, {.w = dom::fill(), .h = dom::fixed(spacer)});
    dom::Stamp st;
    st << label;
    int card = t.reuse(r, "card", st);
    *reused = card;
    if (card < 0) {
      card = t.add(r, {.dir = Dir::row, .w = dom::fill(), .pad = dom::edges(4), .gap = 6},
                   "card", dom::Role::listitem);
      t.text(card, label, {.size = 14, .wrap = true}, {.w = dom::fill()});
      t.add(card, {.w = dom::fixed(20), .h = dom::fixed(20), .bg = 0xFF0000FF}, "dot");
      t.memo(card, std::move(st));
    }
    t.add(r, {.w = dom::fill(), .h = dom::fill()}, "rest");
  };
  auto boxes = [](const dom::Tree& t) {
    std::string out;
    for (const dom::A11yNode& a : t.a11y())
      out += a.id + " " + std::to_string(a.box.x) + "," + std::to_string(a.box.y) + " " +
             std::to_string(a.box.w) + "x" + std::to_string(a.box.h) + "\n";
    const dom::DrawList& dl = const_cast<dom::Tree&>(t).draw(-1);
    for (const dom::DrawCmd& c : dl)
      out += std::to_string(int(c.kind)) + " " + std::to_string(c.box.x) + "," +
             std::to_string(c.box.y) + " " + std::to_string(c.box.w) + "x" +
             std::to_string(c.box.h) + " " + std::string(c.text) + "\n";
    return out;
  };
  const std::string text = "a label long enough to wrap onto more than one line at 200 px";
  dom::Tree kept;
  kept.retain(true);
  int reused = 0;
  build(kept, 10, text, &reused);
  EXPECT_EQ(reused, -1);
  kept.layout(200, 300);
  const int card = kept.find("card");
  struct Step { int spacer, width; const char* label; bool reuse; };
  for (const Step& s : {Step{10, 200, nullptr, true}, Step{37, 200, nullptr, true},
                        Step{37, 260, nullptr, true}, Step{5, 260, "changed", false},
                        Step{5, 260, "changed", true}}) {
    const std::string label = s.label ? s.label : text;
    build(kept, s.spacer, label, &reused);
    EXPECT_EQ(reused >= 0, s.reuse) << s.spacer << " " << s.width;
    if (s.reuse && !s.label) {
      EXPECT_EQ(reused, card);  // the same nodes, not copies
    }
    kept.layout(s.width, 300);
    dom::Tree fresh;
    int ignored = 0;
    build(fresh, s.spacer, label, &ignored);
    fresh.layout(s.width, 300);
    EXPECT_EQ(boxes(kept), boxes(fresh)) << s.spacer << " " << s.width;
    const int dot = kept.find("dot");
    ASSERT_GE(dot, 0);
    EXPECT_TRUE(kept.alive(dot));
    EXPECT_EQ(kept.node(kept.node(dot).parent).key, "card");
  }
  // Garbage: each changed build leaves the old card behind; storage stays bounded.
  for (int i = 0; i < 500; ++i) {
    build(kept, 5, "label " + std::to_string(i), &reused);
    kept.layout(260, 300);
  }
  EXPECT_LT(kept.size(), 600);
  // A subtree holding an overlay is never memoized (overlays are placed against other nodes).
  dom::Tree o;
  o.retain(true);
  for (int round = 0; round < 2; ++round) {
    int r = o.root({});
    dom::Stamp st;
    st << "x";
    int box = o.reuse(r, "box", st);
    EXPECT_EQ(box, -1) << round;
    box = o.add(r, {.w = dom::fixed(50), .h = dom::fixed(50)}, "box");
    o.add(box, {.place = dom::Place::below, .anchor = box}, "pop");
    o.memo(box, std::move(st));
    o.layout(100, 100);
  }
}

// A memo inside a memo: the outer one, built around a reused inner one, is not one range of
// nodes; reusing it still claims every node (and the inner memo for the build after), across
// compactions. Its draw commands are what a fresh build draws.
namespace {
// A tree's draw list as text: kind, box and text of each command.
std::string draw_text(dom::Tree& t) {
  std::string out;
  for (const dom::DrawCmd& c : t.draw(-1))
    out += std::to_string(int(c.kind)) + " " + std::to_string(c.box.x) + "," +
           std::to_string(c.box.y) + " " + std::to_string(c.box.w) + "x" +
           std::to_string(c.box.h) + " " + std::string(c.text) + "\n";
  return out;
}
}  // namespace

// Tree::scroll_to on a laid-out tree, and on a reused subtree before layout (a live scroll
// offset the subtree's stamp does not hold), gives what a layout with those offsets gives.
TEST(DomRetain, ScrollToMovesContentLikeALayout) {
  // A scrolling page holding rows and a memoized card with a scrolling list of its own.
  auto build = [](dom::Tree& t, int page_y, int inner_y, const std::string& label) {
    int r = t.root({.dir = Dir::column});
    int page = t.add(r, {.dir = Dir::column, .w = dom::fill(), .h = dom::fixed(150), .gap = 3,
                         .clip = true, .scroll_y = page_y}, "page");
    for (int k = 0; k < 6; ++k)
      t.text(page, "row " + std::to_string(k), {.size = 14}, {.h = dom::fixed(30)});
    dom::Stamp st;
    st << label;  // not the inner offset: it is followed with scroll_to
    if (t.reuse(page, "card", st) < 0) {
      int card = t.add(page, {.dir = Dir::column, .w = dom::fill(), .pad = dom::edges(4)}, "card");
      t.text(card, label, {.size = 12});
      int inner = t.add(card, {.dir = Dir::column, .w = dom::fill(), .h = dom::fixed(50),
                               .clip = true, .scroll_y = inner_y}, "inner");
      for (int k = 0; k < 5; ++k)
        t.add(inner, {.w = dom::fill(), .h = dom::fixed(20), .bg = 0xFF000000u + uint32_t(k)});
      t.memo(card, std::move(st));
    }
    t.text(page, "after", {.size = 14});
  };
  dom::Tree t;
  t.retain(true);
  int kept = 0;
  for (int i = 0; i < 60; ++i) {
    const int page_y = (i * 37) % 140, inner_y = (i * 13) % 50;
    const std::string label = "card " + std::to_string(i / 4);
    // Build with stale offsets (those of the last step), then follow the current ones.
    build(t, (std::max(0, i - 1) * 37) % 140, (std::max(0, i - 1) * 13) % 50, label);
    kept += t.node(t.find("card")).kept;
    t.scroll_to(t.find("page"), page_y);
    t.scroll_to(t.find("inner"), inner_y);
    t.layout(300, 200);
    dom::Tree fresh;
    build(fresh, page_y, inner_y, label);
    fresh.layout(300, 200);
    ASSERT_EQ(draw_text(t), draw_text(fresh)) << i;
    // A laid-out tree scrolled in place: the page, then the card's list.
    t.scroll_to(t.find("page"), page_y / 2);
    EXPECT_FALSE(t.scroll_to(t.find("page"), page_y / 2));  // already there
    t.scroll_to(t.find("inner"), 49 - inner_y);
    dom::Tree moved;
    build(moved, page_y / 2, 49 - inner_y, label);
    moved.layout(300, 200);
    ASSERT_EQ(draw_text(t), draw_text(moved)) << i;
    ASSERT_EQ(t.a11y_text(t.a11y()), moved.a11y_text(moved.a11y())) << i;
  }
  EXPECT_GT(kept, 30);
}

TEST(DomRetain, NestedMemosComeAlong) {
  auto build = [](dom::Tree& t, const std::string& outer, const std::string& inner) {
    int r = t.root({.dir = Dir::column});
    t.add(r, {.w = dom::fill(), .h = dom::fixed(8)});
    dom::Stamp so;
    so << outer << inner;
    int card = t.reuse(r, "outer", so);
    if (card < 0) {
      card = t.add(r, {.dir = Dir::column, .w = dom::fill(), .pad = dom::edges(4)}, "outer");
      t.text(card, outer, {.size = 14});
      dom::Stamp si;
      si << inner;
      if (t.reuse(card, "inner", si) < 0) {
        int in = t.add(card, {.dir = Dir::row, .w = dom::fill(), .bg = 0xFF00FF00}, "inner");
        t.text(in, inner, {.size = 12});
        t.add(in, {.w = dom::fixed(10), .h = dom::fixed(10), .bg = 0xFF0000FF}, "dot");
        t.memo(in, std::move(si));
      }
      t.memo(card, std::move(so));
    }
    return card;
  };
  dom::Tree t;
  t.retain(true);
  int reused = 0;
  for (int i = 0; i < 400; ++i) {
    // The outer label changes every 3 builds (the inner one is reused into a new outer one),
    // the inner every 7; in between the whole outer subtree is reused.
    const std::string outer = "outer " + std::to_string(i / 3), inner = "inner " + std::to_string(i / 7);
    const int card = build(t, outer, inner);
    EXPECT_EQ(t.node(card).kept, i % 3 != 0 && i % 7 != 0) << i;  // the outer one as it was
    reused += t.reused();
    t.layout(300, 200);
    dom::Tree fresh;
    build(fresh, outer, inner);
    fresh.layout(300, 200);
    ASSERT_EQ(draw_text(t), draw_text(fresh)) << i;
    for (const char* k : {"outer", "inner", "dot"}) {
      const int n = t.find(k);
      ASSERT_GE(n, 0) << k << " " << i;
      ASSERT_TRUE(t.alive(n)) << k << " " << i;
    }
    EXPECT_EQ(t.node(t.node(t.find("dot")).parent).key, "inner");
  }
  EXPECT_GT(reused, 300) << reused;
  EXPECT_LT(t.size(), 600);  // compacted now and then
}

// Truncating drops the nodes added after a point (the sim's overlays after a view): a parent
// whose last child goes keeps its last remaining one, even when an earlier child still links
// to the dropped node (nodes are fixed in index order).
TEST(Dom, TruncateLeavesEveryLinkInsideTheTree) {
  dom::Tree t;
  const int root = t.root({.dir = dom::Dir::column});
  const int a = t.add(root, {});
  const int b = t.add(root, {});
  t.add(b, {});  // b's child
  const int keep = t.size();
  t.add(root, {});  // dropped
  t.add(root, {});  // dropped
  t.truncate(keep);
  ASSERT_EQ(t.size(), keep);
  EXPECT_EQ(t.node(root).last_child, b);
  EXPECT_EQ(t.node(a).next_sibling, b);
  EXPECT_EQ(t.node(b).next_sibling, -1);
  for (int i = 0; i < t.size(); ++i)
    for (int link : {t.node(i).parent, t.node(i).first_child, t.node(i).last_child,
                     t.node(i).next_sibling})
      EXPECT_LT(link, keep) << i;
  t.layout(200, 200);  // and lays out
}
