#include <algorithm>

#include "assets.h"
#include "renderer.h"

namespace facsim::render {
namespace {
// Geometry is clamped so that every product in the coverage math fits in int32.
constexpr int32_t kLimQ4 = (kMaxWidth + 256) * 16;
int32_t lim(int32_t v) { return std::clamp(v, -kLimQ4, kLimQ4); }
}  // namespace

void DisplayList::clear() {
  prims_.clear();
  clips_.clear();
}

IRect DisplayList::clip() const {
  return clips_.empty() ? IRect{0, 0, kMaxWidth, kMaxHeight} : clips_.back();
}

void DisplayList::push_clip(IRect r) {
  IRect c = clip();
  clips_.push_back({std::max(c.x0, r.x0), std::max(c.y0, r.y0), std::min(c.x1, r.x1),
                    std::min(c.y1, r.y1)});
}

void DisplayList::pop_clip() {
  if (!clips_.empty()) clips_.pop_back();
}

void DisplayList::fill_rect(RectQ4 r, uint32_t color, int32_t radius) {
  if (r.x1 <= r.x0 || r.y1 <= r.y0 || (color >> 24) == 0) return;
  IRect c = clip();
  int32_t x0 = lim(r.x0), y0 = lim(r.y0), x1 = lim(r.x1), y1 = lim(r.y1);
  radius = std::clamp(radius, 0, std::min(x1 - x0, y1 - y0) / 2);
  prims_.push_back({kPrimRect, color, x0, y0, x1, y1, radius, 0, c.x0, c.y0, c.x1, c.y1, 0, 0,
                    0, 0});
}

void DisplayList::border(RectQ4 r, int32_t width, uint32_t color, int32_t radius) {
  if (r.x1 <= r.x0 || r.y1 <= r.y0 || width <= 0 || (color >> 24) == 0) return;
  IRect c = clip();
  int32_t x0 = lim(r.x0), y0 = lim(r.y0), x1 = lim(r.x1), y1 = lim(r.y1);
  radius = std::clamp(radius, 0, std::min(x1 - x0, y1 - y0) / 2);
  width = std::min(width, std::min(x1 - x0, y1 - y0));
  prims_.push_back({kPrimBorder, color, x0, y0, x1, y1, radius, width, c.x0, c.y0, c.x1, c.y1,
                    0, 0, 0, 0});
}

int32_t DisplayList::text(int x, int baseline, std::string_view s, int face, uint32_t color) {
  const assets::FontAtlas& a = assets::font_atlas();
  IRect c = clip();
  int32_t pen = 0;  // 26.6
  for (size_t i = 0; i < s.size();) {
    const assets::Glyph* g = a.glyph(face, assets::next_codepoint(s, i));
    if (!g) g = a.glyph(face, '?');
    if (!g) continue;
    int32_t gx = x + ((pen + 32) >> 6) + g->left;
    int32_t gy = baseline - g->top;
    pen += g->advance;
    if (g->w == 0 || g->h == 0 || (color >> 24) == 0) continue;
    if (gx >= c.x1 || gy >= c.y1 || gx + g->w <= c.x0 || gy + g->h <= c.y0) continue;
    prims_.push_back({kPrimGlyph, color, gx, gy, gx + g->w, gy + g->h, 0, 0, c.x0, c.y0, c.x1,
                      c.y1, g->x, g->y, 0, 0});
  }
  return pen;
}

}  // namespace facsim::render
