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
         std::memcmp(c.text.data(), text_.data() + d.text_at, c.text.size()) == 0;
}

void Converter::convert(const dom::DrawList& cmds, bool reuse) {
  constexpr size_t kLookahead = 8;  // how far a match is looked for after an insertion
  const render::DisplayList& prev = lists_[cur_];
  render::DisplayList& out = lists_[1 - cur_];
  out.clear();
  next_.clear();
  next_text_.clear();
  size_t j = 0;  // the next previous command expected to match
  for (const dom::DrawCmd& c : cmds) {
    const render::DisplayList::State st = out.state();
    const Done* match = nullptr;
    for (size_t k = j; reuse && k < done_.size() && k < j + kLookahead; ++k)
      if (same(c, st, done_[k])) {
        match = &done_[k];
        j = k + 1;
        break;
      }
    const uint32_t first = uint32_t(out.size());
    const bool draws = c.kind != dom::DrawKind::push_clip && c.kind != dom::DrawKind::pop_clip &&
                       c.kind != dom::DrawKind::push_opacity &&
                       c.kind != dom::DrawKind::pop_opacity;
    if (match && draws) {
      out.append(prev.prims().data() + match->first, match->count);
      reused_ += match->count;
    } else {
      emit(c, out);
    }
    Done d{c, next_text_.size(), c.text.size(), st, first, uint32_t(out.size()) - first};
    next_text_.append(c.text);
    d.cmd.text = {};
    next_.push_back(d);
  }
  done_.swap(next_);
  text_.swap(next_text_);
  cur_ = 1 - cur_;
}

}  // namespace facsim::sim::detail
