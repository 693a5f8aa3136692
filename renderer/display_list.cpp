// DisplayList: records primitives with their clip and opacity already resolved, geometry
// clamped so that every product in the per-pixel integer math fits in 32 bits.
#include <algorithm>

#include "assets.h"
#include "renderer.h"

namespace facsim::render {
namespace {
constexpr int32_t kLimQ4 = (kMaxWidth + 256) * 16;
int32_t lim(int32_t v) { return std::clamp(v, -kLimQ4, kLimQ4); }
RectQ4 lim(RectQ4 r) { return {lim(r.x0), lim(r.y0), lim(r.x1), lim(r.y1)}; }
bool empty(RectQ4 r) { return r.x1 <= r.x0 || r.y1 <= r.y0; }

// Corner radii clamped to 0 .. half the smaller side, packed 16 bits each.
void pack_radii(RectQ4 r, Radii rad, uint32_t& r01, uint32_t& r23) {
  const int32_t m = std::min(r.x1 - r.x0, r.y1 - r.y0) / 2;
  auto c = [m](int32_t v) { return uint32_t(std::clamp(v, 0, m)); };
  r01 = c(rad.tl) | (c(rad.tr) << 16);
  r23 = c(rad.br) | (c(rad.bl) << 16);
}

// round(num / den) for den > 0, halves away from zero.
int64_t div_round(int64_t num, int64_t den) {
  return num >= 0 ? (num + den / 2) / den : -((-num + den / 2) / den);
}

Prim shape(PrimKind kind, RectQ4 r, uint32_t color, Radii rad) {
  Prim p{};
  p.kind = kind;
  p.color = color;
  p.x0 = r.x0;
  p.y0 = r.y0;
  p.x1 = r.x1;
  p.y1 = r.y1;
  pack_radii(r, rad, p.r01, p.r23);
  return p;
}
}  // namespace

void DisplayList::clear() {
  prims_.clear();
  clips_.clear();
  opacity_.clear();
}

DisplayList::Clip DisplayList::clip() const {
  return clips_.empty() ? Clip{{0, 0, kMaxWidth, kMaxHeight}, 0} : clips_.back();
}

// Nested clips intersect their rects. A rounded clip keeps its radius; a square clip inside a
// rounded one keeps the outer radius only while it does not move the outer corners (the
// per-primitive clip holds one rounded rect, not a stack).
void DisplayList::push_clip(IRect r, int32_t radius) {
  const Clip c = clip();
  IRect n{std::clamp(std::max(c.r.x0, r.x0), 0, kMaxWidth),
          std::clamp(std::max(c.r.y0, r.y0), 0, kMaxHeight),
          std::clamp(std::min(c.r.x1, r.x1), 0, kMaxWidth),
          std::clamp(std::min(c.r.y1, r.y1), 0, kMaxHeight)};
  const bool same = n.x0 == c.r.x0 && n.y0 == c.r.y0 && n.x1 == c.r.x1 && n.y1 == c.r.y1;
  int32_t rad = radius > 0 ? radius : (same ? c.radius : 0);
  rad = std::clamp(rad, 0, std::max(std::min(n.x1 - n.x0, n.y1 - n.y0), 0) * 8);
  clips_.push_back({n, rad});
}

void DisplayList::pop_clip() {
  if (!clips_.empty()) clips_.pop_back();
}

void DisplayList::push_opacity(uint32_t alpha) {
  const uint32_t outer = opacity_.empty() ? 255u : opacity_.back();
  opacity_.push_back((std::min(alpha, 255u) * outer + 127u) / 255u);
}

void DisplayList::pop_opacity() {
  if (!opacity_.empty()) opacity_.pop_back();
}

DisplayList::State DisplayList::state() const {
  const Clip c = clip();
  return {c.r, c.radius, opacity_.empty() ? 255u : opacity_.back()};
}

uint32_t DisplayList::fade(uint32_t color) const {
  if (opacity_.empty()) return color;
  const uint32_t a = ((color >> 24) * opacity_.back() + 127u) / 255u;
  return (color & 0x00FFFFFFu) | (a << 24);
}

bool DisplayList::push(Prim p) {
  const Clip c = clip();
  if (c.r.x1 <= c.r.x0 || c.r.y1 <= c.r.y0) return false;
  p.c01 = uint32_t(c.r.x0) | (uint32_t(c.r.y0) << 16);
  p.c23 = uint32_t(c.r.x1) | (uint32_t(c.r.y1) << 16);
  p.clip_radius = uint32_t(c.radius);
  prims_.push_back(p);
  return true;
}

// Recording a call moved makes the same decisions as before when: every glyph stays inside
// the clip (none was culled before), and shapes keep their sizes (so radii and border widths
// clamp alike) while lim() clamps neither the old nor the moved geometry. Shapes are never
// culled; the clip fields are the current clip's.
bool DisplayList::append_moved(const Prim* p, size_t n, int dx, int dy) {
  const Clip c = clip();
  if (c.r.x1 <= c.r.x0 || c.r.y1 <= c.r.y0) return false;
  const int32_t qx = dx * 16, qy = dy * 16;
  auto inside = [](int32_t v) { return v > -kLimQ4 && v < kLimQ4; };
  for (size_t k = 0; k < n; ++k) {
    const Prim& q = p[k];
    if (q.kind == kPrimGradient) return false;
    if (q.kind == kPrimGlyph) {
      if (q.x0 + dx >= c.r.x1 || q.y0 + dy >= c.r.y1 || q.x1 + dx <= c.r.x0 ||
          q.y1 + dy <= c.r.y0)
        return false;
      continue;
    }
    if (!inside(q.x0) || !inside(q.y0) || !inside(q.x1) || !inside(q.y1) ||
        !inside(q.x0 + qx) || !inside(q.y0 + qy) || !inside(q.x1 + qx) || !inside(q.y1 + qy))
      return false;
  }
  const uint32_t c01 = uint32_t(c.r.x0) | (uint32_t(c.r.y0) << 16);
  const uint32_t c23 = uint32_t(c.r.x1) | (uint32_t(c.r.y1) << 16);
  for (size_t k = 0; k < n; ++k) {
    Prim q = p[k];
    const int32_t mx = q.kind == kPrimGlyph ? dx : qx, my = q.kind == kPrimGlyph ? dy : qy;
    q.x0 += mx, q.x1 += mx, q.y0 += my, q.y1 += my;
    q.c01 = c01, q.c23 = c23;
    q.clip_radius = uint32_t(c.radius);
    prims_.push_back(q);
  }
  return true;
}

void DisplayList::fill_rect(RectQ4 r, uint32_t color, int32_t radius) {
  fill_rect(r, color, radii(radius));
}

void DisplayList::fill_rect(RectQ4 r, uint32_t color, Radii rad) {
  color = fade(color);
  r = lim(r);
  if (empty(r) || (color >> 24) == 0) return;
  push(shape(kPrimRect, r, color, rad));
}

void DisplayList::border(RectQ4 r, int32_t width, uint32_t color, int32_t radius) {
  border(r, {width, width, width, width}, color, radii(radius));
}

void DisplayList::border(RectQ4 r, EdgesQ4 w, uint32_t color, Radii rad) {
  color = fade(color);
  r = lim(r);
  if (empty(r) || (color >> 24) == 0) return;
  const int32_t mx = r.x1 - r.x0, my = r.y1 - r.y0;
  const uint32_t wl = uint32_t(std::clamp(w.l, 0, mx)), wr = uint32_t(std::clamp(w.r, 0, mx));
  const uint32_t wt = uint32_t(std::clamp(w.t, 0, my)), wb = uint32_t(std::clamp(w.b, 0, my));
  if ((wl | wr | wt | wb) == 0) return;
  Prim p = shape(kPrimBorder, r, color, rad);
  p.p0 = wl | (wt << 16);
  p.p1 = wr | (wb << 16);
  push(p);
}

void DisplayList::linear_gradient(RectQ4 r, Radii rad, PointQ4 from, uint32_t c0, PointQ4 to,
                                  uint32_t c1) {
  c0 = fade(c0);
  c1 = fade(c1);
  r = lim(r);
  if (empty(r) || ((c0 | c1) >> 24) == 0) return;
  Prim p = shape(kPrimGradient, r, c0, rad);
  p.p0 = c1;
  // t(px, py) = dot(centre - from, d) / |d|^2 in Q16, as an affine function of the pixel.
  const int64_t fx = lim(from.x), fy = lim(from.y);
  const int64_t dx = int64_t(lim(to.x)) - fx, dy = int64_t(lim(to.y)) - fy;
  const int64_t l2 = dx * dx + dy * dy;
  if (l2 < 256) {  // shorter than a pixel: the end colour everywhere
    p.p3 = 65536;
  } else {
    p.p1 = uint32_t(int32_t(div_round(65536 * 16 * dx, l2)));
    p.p2 = uint32_t(int32_t(div_round(65536 * 16 * dy, l2)));
    p.p3 = uint32_t(int32_t(div_round(65536 * ((8 - fx) * dx + (8 - fy) * dy), l2)));
  }
  push(p);
}

void DisplayList::box_shadow(RectQ4 r, Radii rad, int32_t blur, uint32_t color) {
  color = fade(color);
  r = lim(r);
  if (empty(r) || (color >> 24) == 0) return;
  Prim p = shape(kPrimShadow, r, color, rad);
  p.p0 = uint32_t(std::max(std::clamp(blur, 0, 128 * 16) / 2, 1));
  push(p);
}

void DisplayList::image(IRect dst, IRect src, Radii rad) {
  const assets::ImageAtlas& atlas = assets::image_atlas();
  const uint32_t opacity = fade(0xFF000000u) >> 24;
  if (opacity == 0 || dst.x1 <= dst.x0 || dst.y1 <= dst.y0) return;
  if (src.x0 < 0 || src.y0 < 0 || src.x1 > atlas.width || src.y1 > atlas.height ||
      src.x1 <= src.x0 || src.y1 <= src.y0 || src.x1 - src.x0 > 1024 || src.y1 - src.y0 > 1024)
    return;  // not a rect of the atlas: nothing to draw
  const RectQ4 r = lim(RectQ4{dst.x0 * 16, dst.y0 * 16, dst.x1 * 16, dst.y1 * 16});
  if (empty(r)) return;
  Prim p = shape(kPrimImage, r, 0, rad);
  p.p0 = uint32_t(src.x0) | (uint32_t(src.y0) << 16);
  p.p1 = uint32_t(src.x1 - src.x0) | (uint32_t(src.y1 - src.y0) << 16);
  p.p2 = opacity;
  push(p);
}

int32_t DisplayList::text(int x, int baseline, std::string_view s, int face, uint32_t color) {
  const assets::FontAtlas& a = assets::font_atlas();
  color = fade(color);
  const IRect c = clip().r;
  int32_t pen = 0;  // 26.6
  uint32_t prev = 0;
  for (size_t i = 0; i < s.size();) {
    const uint32_t cp = assets::next_codepoint(s, i);
    const assets::Glyph* g = a.glyph_or_box(face, cp);
    if (!g) continue;
    pen += a.kern(face, prev, g->codepoint);
    prev = g->codepoint;
    int32_t gx = x + ((pen + 32) >> 6) + g->left;
    int32_t gy = baseline - g->top;
    pen += g->advance;
    if (g->w == 0 || g->h == 0 || (color >> 24) == 0) continue;
    if (gx >= c.x1 || gy >= c.y1 || gx + g->w <= c.x0 || gy + g->h <= c.y0) {
      ++culled_;
      continue;
    }
    Prim p{};
    p.kind = kPrimGlyph;
    p.color = color;
    p.x0 = gx;
    p.y0 = gy;
    p.x1 = gx + g->w;
    p.y1 = gy + g->h;
    p.p0 = g->x;
    p.p1 = g->y;
    push(p);
  }
  return pen;
}

}  // namespace facsim::render
