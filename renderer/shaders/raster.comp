#version 450
// raster.comp: the GPU twin of cpu_raster.cpp's raster_tile (and of raster_core.h, whose
// functions appear here under the same names). One workgroup = one 16x16 tile of one env;
// one invocation = one pixel. Integer math only, identical to the CPU reference.
// Keep struct Prim in sync with renderer.h, the status bits with vulkan_raster.cpp.
layout(local_size_x = 16, local_size_y = 16, local_size_z = 1) in;

struct Prim {
  uint kind; uint color;
  int x0; int y0; int x1; int y1;
  uint r01; uint r23;
  uint c01; uint c23;
  uint clip_radius;
  uint p0; uint p1; uint p2; uint p3; uint p4;
};

layout(std430, set = 0, binding = 0) readonly buffer Prims { Prim prims[]; };
layout(std430, set = 0, binding = 1) readonly buffer Tiles { uvec2 tiles[]; };     // start, count
layout(std430, set = 0, binding = 2) readonly buffer Indices { uint indices[]; };  // global prim ids
layout(std430, set = 0, binding = 3) readonly buffer Atlas { uint atlas[]; };      // 8-bit, packed
layout(std430, set = 0, binding = 4) writeonly buffer Frames { uint frames[]; };   // RGBA8
layout(std430, set = 0, binding = 5) readonly buffer Images { uint images[]; };    // RGBA8 atlas
layout(std430, set = 0, binding = 6) buffer Status { uint status; };
// The shadow profile (shadow_profile.inc, uploaded from raster_core.h). A buffer, not a GLSL
// const array: compilers such as lavapipe's copy const arrays into every invocation.
layout(std430, set = 0, binding = 9) readonly buffer Tables { uint kShadowProfile[129]; };
// The tiles to draw when only some changed (stage 1): the indirect dispatch's group counts,
// how many, and each one's global tile index (env * tiles_x * tiles_y + tile), one workgroup
// each - unchanged tiles launch nothing.
layout(std430, set = 0, binding = 10) readonly buffer Dirty {
  uint groups_x; uint groups_y; uint groups_z; uint n_dirty; uint dirty[];
};
const uint kDirtyRow = 65535u;  // groups per row of the compacted dispatch (the x limit every device has)

layout(push_constant) uniform Params {
  int width; int height; int tiles_x; int tiles_y;
  int atlas_w; int atlas_h; int img_w; int img_h;
  uint n_prims; uint n_indices; uint n_envs; uint stage;
} pc;

const uint kPrimRect = 0u, kPrimBorder = 1u, kPrimGlyph = 2u, kPrimImage = 3u,
           kPrimGradient = 4u, kPrimShadow = 5u;
const uint kClearColor = 0xFFFFFFFFu;
const uint kSkipTile = 0xFFFFFFFFu;  // keep in sync with vulkan_raster.cpp
// Status bits: the shader refuses to read outside a buffer and says so.
const uint kStatusTileRange = 1u, kStatusPrimIndex = 2u, kStatusGlyph = 4u, kStatusImage = 8u;


// [SECTION] Shapes
int lo16(uint v) { return int(v & 0xFFFFu); }
int hi16(uint v) { return int(v >> 16); }

int corner_radius(int sx, int sy, int x0, int y0, int x1, int y1, uint r01, uint r23) {
  bool left = sx * 2 < x0 + x1, top = sy * 2 < y0 + y1;
  if (top) return left ? lo16(r01) : hi16(r01);
  return left ? hi16(r23) : lo16(r23);
}
int max_radius(uint r01, uint r23) {
  return max(max(lo16(r01), hi16(r01)), max(lo16(r23), hi16(r23)));
}

bool inside_rrect(int sx, int sy, int x0, int y0, int x1, int y1, uint r01, uint r23) {
  if (sx < x0 || sx >= x1 || sy < y0 || sy >= y1) return false;
  int r = min(corner_radius(sx, sy, x0, y0, x1, y1, r01, r23), min(x1 - x0, y1 - y0) >> 1);
  if (r <= 0) return true;
  int cx = clamp(sx, x0 + r, x1 - r);
  int cy = clamp(sy, y0 + r, y1 - r);
  int dx = sx - cx, dy = sy - cy;
  return dx * dx + dy * dy <= r * r;
}

int samples_rrect(int px, int py, int x0, int y0, int x1, int y1, uint r01, uint r23) {
  int bx = px * 16, by = py * 16;
  if (bx + 16 <= x0 || bx >= x1 || by + 16 <= y0 || by >= y1) return 0;
  int r = max_radius(r01, r23);
  if (bx >= x0 && bx + 16 <= x1 && by >= y0 && by + 16 <= y1 &&
      ((bx >= x0 + r && bx + 16 <= x1 - r) || (by >= y0 + r && by + 16 <= y1 - r)))
    return 16;
  int n = 0;
  for (int j = 0; j < 4; ++j)
    for (int i = 0; i < 4; ++i)
      n += inside_rrect(bx + 2 + 4 * i, by + 2 + 4 * j, x0, y0, x1, y1, r01, r23) ? 1 : 0;
  return n;
}

uint inner_radii(uint r, int wa, int wb, int wc) {
  int a = max(lo16(r) - max(wa, wb), 0);
  int b = max(hi16(r) - max(wb, wc), 0);
  return uint(a) | (uint(b) << 16);
}

int shape_samples(Prim p, int px, int py) {
  int outer = samples_rrect(px, py, p.x0, p.y0, p.x1, p.y1, p.r01, p.r23);
  if (p.kind == kPrimBorder && outer > 0) {
    int wl = lo16(p.p0), wt = hi16(p.p0), wr = lo16(p.p1), wb = hi16(p.p1);
    outer -= samples_rrect(px, py, p.x0 + wl, p.y0 + wt, p.x1 - wr, p.y1 - wb,
                           inner_radii(p.r01, wl, wt, wr), inner_radii(p.r23, wr, wb, wl));
  }
  return outer;
}

// [SECTION] Paint
uint mix_rgba(uint a, uint b, uint t) {
  uint o = 0u;
  for (uint k = 0u; k < 32u; k += 8u) {
    uint ca = (a >> k) & 255u, cb = (b >> k) & 255u;
    o |= ((ca * (256u - t) + cb * t + 128u) >> 8) << k;
  }
  return o;
}

uint gradient_color(Prim p, int px, int py) {
  int t = int(p.p1) * px + int(p.p2) * py + int(p.p3);
  t = clamp(t, 0, 65536);
  return mix_rgba(p.color, p.p0, uint(t) >> 8);
}

uint texel(int x, int y) { return images[y * pc.img_w + x]; }

uint image_color(Prim p, int px, int py) {
  int ax = lo16(p.p0), ay = hi16(p.p0), sw = lo16(p.p1), sh = hi16(p.p1);
  int dx0 = p.x0 >> 4, dy0 = p.y0 >> 4;
  int dw = max((p.x1 >> 4) - dx0, 1), dh = max((p.y1 >> 4) - dy0, 1);
  int u = max(((2 * (px - dx0) + 1) * sw * 128) / dw - 128, 0);
  int v = max(((2 * (py - dy0) + 1) * sh * 128) / dh - 128, 0);
  int iu = min(u >> 8, sw - 1), iv = min(v >> 8, sh - 1);
  int iu1 = min(iu + 1, sw - 1), iv1 = min(iv + 1, sh - 1);
  uint fu = uint(u & 255), fv = uint(v & 255);
  uint top = mix_rgba(texel(ax + iu, ay + iv), texel(ax + iu1, ay + iv), fu);
  uint bot = mix_rgba(texel(ax + iu, ay + iv1), texel(ax + iu1, ay + iv1), fu);
  uint c = mix_rgba(top, bot, fv);
  uint a = ((c >> 24) * p.p2 + 127u) / 255u;
  return (c & 0x00FFFFFFu) | (a << 24);
}

// [SECTION] Shadows
uint isqrt(uint v) {
  uint r = 0u, bit = 1u << 30;
  while (bit > v) bit >>= 2;
  while (bit != 0u) {
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

uint shadow_coverage(Prim p, int px, int py) {
  int sigma = max(int(p.p0), 1);
  int sx = px * 16 + 8, sy = py * 16 + 8;
  int r = min(corner_radius(sx, sy, p.x0, p.y0, p.x1, p.y1, p.r01, p.r23),
              min(p.x1 - p.x0, p.y1 - p.y0) >> 1);
  int cx = clamp(sx, p.x0 + r, p.x1 - r), cy = clamp(sy, p.y0 + r, p.y1 - r);
  int d;
  if (sx == cx && sy == cy) {
    d = -min(min(sx - p.x0, p.x1 - sx), min(sy - p.y0, p.y1 - sy));
  } else {
    int dx = min(abs(sx - cx), 16384), dy = min(abs(sy - cy), 16384);
    d = int(isqrt(uint(dx * dx + dy * dy))) - r;
  }
  d = clamp(d, -4 * sigma, 4 * sigma);
  int z = (d + 4 * sigma) * 256 / sigma;
  int i = min(z >> 4, 127), f = min(z - i * 16, 16);
  return uint((int(kShadowProfile[i]) * (16 - f) + int(kShadowProfile[i + 1]) * f + 8) >> 4);
}

// [SECTION] Compositing
int clip_samples(Prim p, int px, int py) {
  if (p.clip_radius == 0u) return 16;
  uint r = p.clip_radius | (p.clip_radius << 16);
  return samples_rrect(px, py, lo16(p.c01) * 16, hi16(p.c01) * 16, lo16(p.c23) * 16,
                       hi16(p.c23) * 16, r, r);
}

uint atlas_byte(int i) { return (atlas[uint(i) >> 2] >> ((uint(i) & 3u) * 8u)) & 255u; }

// shade: colour and coverage of p at the pixel; cov 0 = untouched. Out-of-atlas reads are
// refused and reported.
uvec2 shade(Prim p, int px, int py) {
  uint cov;
  uint color = p.color;
  if (p.kind == kPrimGlyph) {
    if (px < p.x0 || px >= p.x1 || py < p.y0 || py >= p.y1) return uvec2(0u);
    int gx = int(p.p0) + (px - p.x0), gy = int(p.p1) + (py - p.y0);
    if (gx < 0 || gy < 0 || gx >= pc.atlas_w || gy >= pc.atlas_h) {
      atomicOr(status, kStatusGlyph);
      return uvec2(0u);
    }
    cov = atlas_byte(gy * pc.atlas_w + gx);
  } else if (p.kind == kPrimShadow) {
    cov = shadow_coverage(p, px, py);
  } else {
    cov = uint((shape_samples(p, px, py) * 255 + 8) / 16);
    if (cov == 0u) return uvec2(0u);
    if (p.kind == kPrimGradient) {
      color = gradient_color(p, px, py);
    } else if (p.kind == kPrimImage) {
      if (lo16(p.p0) + lo16(p.p1) > pc.img_w || hi16(p.p0) + hi16(p.p1) > pc.img_h) {
        atomicOr(status, kStatusImage);
        return uvec2(0u);
      }
      color = image_color(p, px, py);
    }
  }
  if (cov == 0u) return uvec2(0u);
  if (p.clip_radius != 0u) cov = (cov * uint(clip_samples(p, px, py)) + 8u) / 16u;
  return uvec2(color, cov);
}

uint blend(uint dst, uint c, uint cov) {
  uint a = ((c >> 24) * cov + 127u) / 255u;
  if (a == 0u) return dst;
  uint o = 0xFF000000u;
  for (uint k = 0u; k < 24u; k += 8u) {
    uint s = (c >> k) & 255u, d = (dst >> k) & 255u;
    o |= ((s * a + d * (255u - a) + 127u) / 255u) << k;
  }
  return o;
}

void main() {
  uint per_env = uint(pc.tiles_x * pc.tiles_y);
  uint env = gl_WorkGroupID.z, tx = gl_WorkGroupID.x, ty = gl_WorkGroupID.y;
  if (pc.stage == 1u) {  // compacted: this workgroup's tile from the dirty list
    uint k = gl_WorkGroupID.y * kDirtyRow + gl_WorkGroupID.x;
    if (k >= n_dirty) return;
    uint g = dirty[k];
    if (g >= pc.n_envs * per_env) {
      atomicOr(status, kStatusTileRange);
      return;
    }
    env = g / per_env;
    tx = (g % per_env) % uint(pc.tiles_x);
    ty = (g % per_env) / uint(pc.tiles_x);
  }
  int px = int(tx) * 16 + int(gl_LocalInvocationID.x);
  int py = int(ty) * 16 + int(gl_LocalInvocationID.y);
  uint t = env * per_env + ty * uint(pc.tiles_x) + tx;
  uvec2 tr = tiles[t];
  if (tr.y == kSkipTile) return;  // damage tracking: this tile is unchanged in the host frame
  if (tr.x > pc.n_indices || tr.y > pc.n_indices - tr.x) {
    atomicOr(status, kStatusTileRange);
    return;
  }
  uint color = kClearColor;
  // No shared-memory staging: barriers are costly on CPU implementations (lavapipe), and
  // every invocation of a tile reads the same primitives, which caches serve well on GPUs.
  for (uint k = 0u; k < tr.y; ++k) {
    uint pi = indices[tr.x + k];
    if (pi >= pc.n_prims) {
      atomicOr(status, kStatusPrimIndex);
      continue;
    }
    Prim p = prims[pi];
    if (px < lo16(p.c01) || px >= lo16(p.c23) || py < hi16(p.c01) || py >= hi16(p.c23)) continue;
    uvec2 s = shade(p, px, py);
    if (s.y != 0u) color = blend(color, s.x, s.y);
  }
  if (px < pc.width && py < pc.height)
    frames[env * uint(pc.width * pc.height) + uint(py * pc.width + px)] = color;
}
