#include "convert.h"

#include <cstring>

namespace facsim::sim::detail {
namespace {

void emit(const dom::DrawCmd& c, render::DisplayList& dl) {
  const render::RectQ4 r = render::rect_px(c.box.x, c.box.y, c.box.w, c.box.h);
  switch (c.kind) {
    case dom::DrawKind::rect: dl.fill_rect(r, c.color, c.radius * 16); break;
    case dom::DrawKind::border: dl.border(r, c.width * 16, c.color, c.radius * 16); break;
    case dom::DrawKind::text: dl.text(c.box.x, c.box.y, c.text, c.face, c.color); break;
    case dom::DrawKind::push_clip:
      dl.push_clip({c.box.x, c.box.y, c.box.x + c.box.w, c.box.y + c.box.h});
      break;
    case dom::DrawKind::pop_clip: dl.pop_clip(); break;
    case dom::DrawKind::shadow:
      dl.box_shadow(r, render::radii(c.radius * 16), c.width * 16, c.color);
      break;
    case dom::DrawKind::image:
      dl.image({c.box.x, c.box.y, c.box.x + c.box.w, c.box.y + c.box.h},
               {c.src.x, c.src.y, c.src.x + c.src.w, c.src.y + c.src.h},
               render::radii(c.radius * 16));
      break;
    case dom::DrawKind::push_opacity: dl.push_opacity(uint32_t(c.width)); break;
    case dom::DrawKind::pop_opacity: dl.pop_opacity(); break;
  }
}

bool same_box(const dom::Box& a, const dom::Box& b) {
  return a.x == b.x && a.y == b.y && a.w == b.w && a.h == b.h;
}

}  // namespace

bool Converter::same(const dom::DrawCmd& c, const render::DisplayList::State& st,
                     const Done& d) const {
  const dom::DrawCmd& o = d.cmd;
  return c.kind == o.kind && c.color == o.color && c.radius == o.radius && c.width == o.width &&
         c.face == o.face && same_box(c.box, o.box) && same_box(c.src, o.src) && st == d.state &&
         c.text.size() == d.text_size &&
         (c.text.empty() || std::memcmp(c.text.data(), text_.data() + d.text_at, c.text.size()) == 0);
}

// A command of a Repeat: the earlier one moved by (dx, dy) (its text is the same: the Repeat
// says so), at the same opacity. The clip may differ (rows scrolling under a list's clip):
// DisplayList::append_moved decides whether the moved primitives are what recording gives.
bool Converter::moved(const dom::DrawCmd& c, const render::DisplayList::State& st,
                      const Done& d, const dom::Repeat& r) const {
  const dom::DrawCmd& o = d.cmd;
  return c.kind == o.kind && c.color == o.color && c.radius == o.radius && c.width == o.width &&
         c.face == o.face && c.box.x == o.box.x + r.dx && c.box.y == o.box.y + r.dy &&
         c.box.w == o.box.w && c.box.h == o.box.h && same_box(c.src, o.src) &&
         c.text.size() == d.text_size && st.opacity == d.state.opacity;
}

void Converter::convert(const dom::DrawList& cmds, bool reuse,
                        const std::vector<dom::Repeat>& repeats, uint64_t serial) {
  constexpr size_t kLookahead = 8;  // how far a match is looked for after an insertion
  const render::DisplayList& prev = lists_[cur_];
  render::DisplayList& out = lists_[1 - cur_];
  out.clear();
  next_.clear();
  next_text_.clear();
  // Repeats refer to the draw before this one: the one list() holds.
  const bool follow = reuse && serial != 0 && serial_ != 0 && serial == serial_ + 1;
  serial_ = serial;
  size_t r = 0;  // the next Repeat
  size_t j = 0;  // the next previous command expected to match
  for (size_t i = 0; i < cmds.size(); ++i) {
    const dom::DrawCmd& c = cmds[i];
    const render::DisplayList::State st = out.state();
    const bool draws = c.kind != dom::DrawKind::push_clip && c.kind != dom::DrawKind::pop_clip &&
                       c.kind != dom::DrawKind::push_opacity &&
                       c.kind != dom::DrawKind::pop_opacity;
    const uint32_t first = uint32_t(out.size());
    while (follow && r < repeats.size() && repeats[r].at + repeats[r].n <= i) ++r;
    const dom::Repeat* rep = follow && r < repeats.size() && repeats[r].at <= i ? &repeats[r]
                                                                                 : nullptr;
    const size_t k = rep ? rep->from + (i - rep->at) : 0;
    const uint64_t culled = out.glyphs_culled();
    bool culls = false;  // this command's primitives lost a glyph to the clip
    if (rep && k < done_.size() && moved(c, st, done_[k], *rep)) {
      const Done& d = done_[k];
      const render::Prim* p = prev.prims().data() + d.first;
      j = k + 1;
      if (!draws) {
        emit(c, out);
      } else if (rep->dx == 0 && rep->dy == 0 && st == d.state) {
        out.append(p, d.count);
        culls = d.culled;
        reused_ += d.count;
      } else if (!d.culled && out.append_moved(p, d.count, rep->dx, rep->dy)) {
        reused_ += d.count;
        moved_ += d.count;
      } else {
        emit(c, out);
        culls = out.glyphs_culled() != culled;
      }
    } else {
      const Done* match = nullptr;
      for (size_t m = j; reuse && m < done_.size() && m < j + kLookahead; ++m)
        if (same(c, st, done_[m])) {
          match = &done_[m];
          j = m + 1;
          break;
        }
      if (match && draws) {
        out.append(prev.prims().data() + match->first, match->count);
        culls = match->culled;
        reused_ += match->count;
      } else {
        emit(c, out);
        culls = out.glyphs_culled() != culled;
      }
    }
    Done d{c, next_text_.size(), c.text.size(), st, first, uint32_t(out.size()) - first, culls};
    next_text_.append(c.text);
    d.cmd.text = {};
    next_.push_back(d);
  }
  done_.swap(next_);
  text_.swap(next_text_);
  cur_ = 1 - cur_;
}

}  // namespace facsim::sim::detail
