// Private: the per-pixel integer math shared by every CPU stage. The compute shader
// shaders/raster.comp implements the same functions under the same names - keep in sync.
#pragma once
#include <algorithm>
#include <cstdint>

#include "renderer.h"

namespace facsim::render::core {

// Is the sample point (sx, sy), Q4, inside the rounded rect?
inline bool inside_rrect(int32_t sx, int32_t sy, int32_t x0, int32_t y0, int32_t x1, int32_t y1,
                         int32_t r) {
  if (sx < x0 || sx >= x1 || sy < y0 || sy >= y1) return false;
  if (r <= 0) return true;
  int32_t cx = std::clamp(sx, x0 + r, x1 - r);
  int32_t cy = std::clamp(sy, y0 + r, y1 - r);
  int32_t dx = sx - cx, dy = sy - cy;
  return dx * dx + dy * dy <= r * r;
}

// Samples (4x4 grid) of pixel (px, py) covered by a rounded rect: 0..16.
inline int32_t samples_rrect(int32_t px, int32_t py, int32_t x0, int32_t y0, int32_t x1,
                             int32_t y1, int32_t r) {
  const int32_t bx = px * 16, by = py * 16;
  // Whole pixel inside the straight part of the shape: full coverage without sampling.
  if (bx >= x0 && bx + 16 <= x1 && by >= y0 && by + 16 <= y1 &&
      ((bx >= x0 + r && bx + 16 <= x1 - r) || (by >= y0 + r && by + 16 <= y1 - r)))
    return 16;
  if (bx + 16 <= x0 || bx >= x1 || by + 16 <= y0 || by >= y1) return 0;
  int32_t n = 0;
  for (int32_t j = 0; j < 4; ++j)
    for (int32_t i = 0; i < 4; ++i)
      n += inside_rrect(bx + 2 + 4 * i, by + 2 + 4 * j, x0, y0, x1, y1, r) ? 1 : 0;
  return n;
}

// Coverage of pixel (px, py) by primitive p, 0..255 (clip already tested by the caller).
inline uint32_t coverage(const Prim& p, int32_t px, int32_t py, const uint8_t* atlas,
                         int32_t atlas_w) {
  if (p.kind == kPrimGlyph) {
    if (px < p.x0 || px >= p.x1 || py < p.y0 || py >= p.y1) return 0;
    return atlas[(p.ay + (py - p.y0)) * atlas_w + p.ax + (px - p.x0)];
  }
  int32_t outer = samples_rrect(px, py, p.x0, p.y0, p.x1, p.y1, p.radius);
  if (p.kind == kPrimBorder && outer > 0) {
    int32_t w = p.width;
    int32_t inner = samples_rrect(px, py, p.x0 + w, p.y0 + w, p.x1 - w, p.y1 - w,
                                  std::max(p.radius - w, 0));
    outer -= inner;
  }
  // 0..16 samples -> 0..255 coverage, exact at both ends.
  return uint32_t((outer * 255 + 8) / 16);
}

// Source-over of straight-alpha colour c with coverage cov onto opaque RGBA8 dst.
inline uint32_t blend(uint32_t dst, uint32_t c, uint32_t cov) {
  uint32_t a = ((c >> 24) * cov + 127) / 255;
  if (a == 0) return dst;
  uint32_t out = 0xFF000000u;
  for (int k = 0; k < 24; k += 8) {
    uint32_t s = (c >> k) & 255, d = (dst >> k) & 255;
    out |= ((s * a + d * (255 - a) + 127) / 255) << k;
  }
  return out;
}

// Pixel bounds of a primitive after clipping, possibly empty.
inline IRect prim_bounds(const Prim& p, int32_t w, int32_t h) {
  IRect b;
  if (p.kind == kPrimGlyph) {
    b = {p.x0, p.y0, p.x1, p.y1};
  } else {
    b = {p.x0 >> 4, p.y0 >> 4, (p.x1 + 15) >> 4, (p.y1 + 15) >> 4};
  }
  b.x0 = std::max({b.x0, p.cx0, 0});
  b.y0 = std::max({b.y0, p.cy0, 0});
  b.x1 = std::min({b.x1, p.cx1, w});
  b.y1 = std::min({b.y1, p.cy1, h});
  return b;
}

constexpr uint32_t kClearColor = 0xFFFFFFFFu;  // frames start opaque white

}  // namespace facsim::render::core
