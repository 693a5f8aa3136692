// Private: the per-pixel integer math shared by every CPU stage. The compute shader
// shaders/raster.comp implements the same functions under the same names - keep in sync.
//
// [SECTION] Shapes: rounded rects with per-corner radii, 4x4 supersampled coverage
// [SECTION] Paint: solid, linear gradient, image (bilinear), glyph
// [SECTION] Shadows: distance to a rounded rect through a Gaussian edge profile
// [SECTION] Compositing and bounds
// Signed divisions only ever see non-negative operands, and right shifts of negative values
// are arithmetic in both C++20 and GLSL, so every expression gives the same bits everywhere.
#pragma once
#include <algorithm>
#include <cstdint>

#include "renderer.h"

namespace facsim::render::core {

// [SECTION] Shapes ------------------------------------------------------------------------------
inline int32_t lo16(uint32_t v) { return int32_t(v & 0xFFFFu); }
inline int32_t hi16(uint32_t v) { return int32_t(v >> 16); }

// The radius of the corner whose quadrant holds (sx, sy): r01 = tl | tr << 16,
// r23 = br | bl << 16 (Q4).
inline int32_t corner_radius(int32_t sx, int32_t sy, int32_t x0, int32_t y0, int32_t x1,
                             int32_t y1, uint32_t r01, uint32_t r23) {
  const bool left = sx * 2 < x0 + x1, top = sy * 2 < y0 + y1;
  if (top) return left ? lo16(r01) : hi16(r01);
  return left ? hi16(r23) : lo16(r23);
}
inline int32_t max_radius(uint32_t r01, uint32_t r23) {
  return std::max({lo16(r01), hi16(r01), lo16(r23), hi16(r23)});
}

// Is the sample point (sx, sy), Q4, inside the rounded rect?
inline bool inside_rrect(int32_t sx, int32_t sy, int32_t x0, int32_t y0, int32_t x1, int32_t y1,
                         uint32_t r01, uint32_t r23) {
  if (sx < x0 || sx >= x1 || sy < y0 || sy >= y1) return false;
  // A radius never exceeds half the rect (a border's inner rect can be narrower than its radii).
  const int32_t r = std::min(corner_radius(sx, sy, x0, y0, x1, y1, r01, r23),
                             std::min(x1 - x0, y1 - y0) >> 1);
  if (r <= 0) return true;
  int32_t cx = std::clamp(sx, x0 + r, x1 - r);
  int32_t cy = std::clamp(sy, y0 + r, y1 - r);
  int32_t dx = sx - cx, dy = sy - cy;
  return dx * dx + dy * dy <= r * r;
}

// Sample columns (or rows) 0..4 of pixel p inside [a, b) (Q4): with square corners the 4x4
// samples covered are the product of the two (the CPU fast path; shaders take the general one).
inline int32_t samples_1d(int32_t p, int32_t a, int32_t b) {
  int32_t n = 0;
  for (int32_t i = 0; i < 4; ++i) n += (p * 16 + 2 + 4 * i >= a && p * 16 + 2 + 4 * i < b) ? 1 : 0;
  return n;
}

// Samples (4x4 grid) of pixel (px, py) covered by a rounded rect: 0..16.
inline int32_t samples_rrect(int32_t px, int32_t py, int32_t x0, int32_t y0, int32_t x1,
                             int32_t y1, uint32_t r01, uint32_t r23) {
  const int32_t bx = px * 16, by = py * 16;
  if (bx + 16 <= x0 || bx >= x1 || by + 16 <= y0 || by >= y1) return 0;
  // Whole pixel inside the straight part of the shape: full coverage without sampling.
  const int32_t r = max_radius(r01, r23);
  if (bx >= x0 && bx + 16 <= x1 && by >= y0 && by + 16 <= y1 &&
      ((bx >= x0 + r && bx + 16 <= x1 - r) || (by >= y0 + r && by + 16 <= y1 - r)))
    return 16;
  int32_t n = 0;
  for (int32_t j = 0; j < 4; ++j)
    for (int32_t i = 0; i < 4; ++i)
      n += inside_rrect(bx + 2 + 4 * i, by + 2 + 4 * j, x0, y0, x1, y1, r01, r23) ? 1 : 0;
  return n;
}

// Radii of a border's inner edge: each corner shrinks by the wider of its two sides.
inline uint32_t inner_radii(uint32_t r, int32_t wa, int32_t wb, int32_t wc) {
  // r = (ra | rb << 16); corner a sits between sides wa, wb; corner b between wb, wc.
  const int32_t a = std::max(lo16(r) - std::max(wa, wb), 0);
  const int32_t b = std::max(hi16(r) - std::max(wb, wc), 0);
  return uint32_t(a) | (uint32_t(b) << 16);
}

// 0..16 samples of the primitive's shape (rect, border ring, gradient, image, clip).
inline int32_t shape_samples(const Prim& p, int32_t px, int32_t py) {
  int32_t outer = samples_rrect(px, py, p.x0, p.y0, p.x1, p.y1, p.r01, p.r23);
  if (p.kind == kPrimBorder && outer > 0) {
    // p0 = left | top << 16, p1 = right | bottom << 16 (Q4 widths)
    const int32_t wl = lo16(p.p0), wt = hi16(p.p0), wr = lo16(p.p1), wb = hi16(p.p1);
    outer -= samples_rrect(px, py, p.x0 + wl, p.y0 + wt, p.x1 - wr, p.y1 - wb,
                           inner_radii(p.r01, wl, wt, wr), inner_radii(p.r23, wr, wb, wl));
  }
  return outer;
}

// [SECTION] Paint -------------------------------------------------------------------------------
// Per-channel interpolation a -> b by t in 0..256.
inline uint32_t mix(uint32_t a, uint32_t b, uint32_t t) {
  uint32_t out = 0;
  for (uint32_t k = 0; k < 32; k += 8) {
    uint32_t ca = (a >> k) & 255u, cb = (b >> k) & 255u;
    out |= ((ca * (256u - t) + cb * t + 128u) >> 8) << k;
  }
  return out;
}

// Linear gradient: t (Q16) = A * px + B * py + C, clamped to 0..65536 (p1, p2, p3 as int32).
inline uint32_t gradient_color(const Prim& p, int32_t px, int32_t py) {
  int32_t t = int32_t(p.p1) * px + int32_t(p.p2) * py + int32_t(p.p3);
  t = std::clamp(t, 0, 65536);
  return mix(p.color, p.p0, uint32_t(t) >> 8);
}

inline uint32_t texel(const uint32_t* img, int32_t img_w, int32_t x, int32_t y) {
  return img[y * img_w + x];
}

// Image: bilinear sample of the atlas rect (ax, ay, sw, sh) stretched over the integer dest
// rect; p0 = ax | ay << 16, p1 = sw | sh << 16, p2 = opacity. Returns straight-alpha RGBA.
inline uint32_t image_color(const Prim& p, int32_t px, int32_t py, const uint32_t* img,
                            int32_t img_w) {
  const int32_t ax = lo16(p.p0), ay = hi16(p.p0), sw = lo16(p.p1), sh = hi16(p.p1);
  const int32_t dx0 = p.x0 >> 4, dy0 = p.y0 >> 4;
  const int32_t dw = std::max((p.x1 >> 4) - dx0, 1), dh = std::max((p.y1 >> 4) - dy0, 1);
  // Source position of the pixel centre, Q8, minus half a texel (texel centres).
  const int32_t u = std::max(((2 * (px - dx0) + 1) * sw * 128) / dw - 128, 0);
  const int32_t v = std::max(((2 * (py - dy0) + 1) * sh * 128) / dh - 128, 0);
  const int32_t iu = std::min(u >> 8, sw - 1), iv = std::min(v >> 8, sh - 1);
  const int32_t iu1 = std::min(iu + 1, sw - 1), iv1 = std::min(iv + 1, sh - 1);
  const uint32_t fu = uint32_t(u & 255), fv = uint32_t(v & 255);
  const uint32_t top = mix(texel(img, img_w, ax + iu, ay + iv), texel(img, img_w, ax + iu1, ay + iv), fu);
  const uint32_t bot = mix(texel(img, img_w, ax + iu, ay + iv1), texel(img, img_w, ax + iu1, ay + iv1), fu);
  const uint32_t c = mix(top, bot, fv);
  const uint32_t a = ((c >> 24) * p.p2 + 127u) / 255u;
  return (c & 0x00FFFFFFu) | (a << 24);
}

// [SECTION] Shadows -----------------------------------------------------------------------------
constexpr uint8_t kShadowProfile[129] = {
#include "shadow_profile.inc"
};

// floor(sqrt(v)), bit by bit: exact and identical on every backend.
inline uint32_t isqrt(uint32_t v) {
  uint32_t r = 0, bit = 1u << 30;
  while (bit > v) bit >>= 2;
  while (bit != 0) {
    if (v >= r + bit) {
      v -= r + bit;
      r = (r >> 1) + bit;
    } else {
      r >>= 1;
    }
    bit >>= 2;
  }
  return r;
}

// Coverage 0..255 of a box shadow (shape rect blurred with sigma p0, Q4) at pixel (px, py):
// the signed distance from the pixel centre to the rounded rect, through the Gaussian profile.
inline uint32_t shadow_coverage(const Prim& p, int32_t px, int32_t py) {
  const int32_t sigma = std::max(int32_t(p.p0), 1);
  const int32_t sx = px * 16 + 8, sy = py * 16 + 8;
  const int32_t r = std::min(corner_radius(sx, sy, p.x0, p.y0, p.x1, p.y1, p.r01, p.r23),
                             std::min(p.x1 - p.x0, p.y1 - p.y0) >> 1);
  const int32_t cx = std::clamp(sx, p.x0 + r, p.x1 - r), cy = std::clamp(sy, p.y0 + r, p.y1 - r);
  int32_t d;
  if (sx == cx && sy == cy) {  // inside the core: distance to the nearest straight edge
    d = -std::min({sx - p.x0, p.x1 - sx, sy - p.y0, p.y1 - sy});
  } else {
    const int32_t dx = std::min(std::abs(sx - cx), 16384), dy = std::min(std::abs(sy - cy), 16384);
    d = int32_t(isqrt(uint32_t(dx * dx + dy * dy))) - r;
  }
  d = std::clamp(d, -4 * sigma, 4 * sigma);
  // z in 1/256 sigma, shifted to 0..2048, then 16 table steps per sigma with interpolation.
  const int32_t z = (d + 4 * sigma) * 256 / sigma;
  const int32_t i = std::min(z >> 4, 127), f = std::min(z - i * 16, 16);
  return uint32_t((kShadowProfile[i] * (16 - f) + kShadowProfile[i + 1] * f + 8) >> 4);
}

// [SECTION] Compositing and bounds --------------------------------------------------------------
// Samples 0..16 of a rounded clip at pixel (px, py); 16 when the clip is square.
inline int32_t clip_samples(const Prim& p, int32_t px, int32_t py) {
  if (p.clip_radius == 0) return 16;
  const uint32_t r = p.clip_radius | (p.clip_radius << 16);
  return samples_rrect(px, py, lo16(p.c01) * 16, hi16(p.c01) * 16, lo16(p.c23) * 16,
                       hi16(p.c23) * 16, r, r);
}

// Colour (straight alpha) and coverage 0..255 of primitive p at pixel (px, py), inside the
// rectangular clip (tested by the caller).
struct Shade {
  uint32_t color, cov;
};
inline Shade shade(const Prim& p, int32_t px, int32_t py, const uint8_t* atlas, int32_t atlas_w,
                   const uint32_t* img, int32_t img_w) {
  uint32_t cov;
  uint32_t color = p.color;
  if (p.kind == kPrimGlyph) {
    if (px < p.x0 || px >= p.x1 || py < p.y0 || py >= p.y1) return {0, 0};
    cov = atlas[(int32_t(p.p1) + (py - p.y0)) * atlas_w + int32_t(p.p0) + (px - p.x0)];
  } else if (p.kind == kPrimShadow) {
    cov = shadow_coverage(p, px, py);
  } else {
    // 0..16 samples -> 0..255 coverage, exact at both ends.
    cov = uint32_t((shape_samples(p, px, py) * 255 + 8) / 16);
    if (cov == 0) return {0, 0};
    if (p.kind == kPrimGradient) color = gradient_color(p, px, py);
    else if (p.kind == kPrimImage) color = image_color(p, px, py, img, img_w);
  }
  if (cov == 0) return {0, 0};
  if (p.clip_radius != 0) cov = (cov * uint32_t(clip_samples(p, px, py)) + 8u) / 16u;
  return {color, cov};
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

// Integer-pixel rect the primitive can touch before clipping.
inline IRect shape_bounds(const Prim& p) {
  if (p.kind == kPrimGlyph) return {p.x0, p.y0, p.x1, p.y1};
  const int32_t e = p.kind == kPrimShadow ? 4 * std::max(int32_t(p.p0), 1) : 0;
  return {(p.x0 - e) >> 4, (p.y0 - e) >> 4, (p.x1 + e + 15) >> 4, (p.y1 + e + 15) >> 4};
}

// Pixel bounds of a primitive after clipping, possibly empty.
inline IRect prim_bounds(const Prim& p, int32_t w, int32_t h) {
  IRect b = shape_bounds(p);
  b.x0 = std::max({b.x0, lo16(p.c01), 0});
  b.y0 = std::max({b.y0, hi16(p.c01), 0});
  b.x1 = std::min({b.x1, lo16(p.c23), w});
  b.y1 = std::min({b.y1, hi16(p.c23), h});
  return b;
}

constexpr uint32_t kClearColor = 0xFFFFFFFFu;  // frames start opaque white

}  // namespace facsim::render::core
