#version 450
// raster.comp: the GPU twin of cpu_raster.cpp's raster_tile (and of raster_core.h).
// One workgroup = one 16x16 tile of one env; one invocation = one pixel. Integer math only,
// identical to the CPU reference. Keep struct Prim in sync with renderer.h.
layout(local_size_x = 16, local_size_y = 16, local_size_z = 1) in;

struct Prim {
  uint kind; uint color;
  int x0; int y0; int x1; int y1;
  int radius; int width;
  int cx0; int cy0; int cx1; int cy1;
  int ax; int ay; int pad0; int pad1;
};

layout(std430, set = 0, binding = 0) readonly buffer Prims { Prim prims[]; };
layout(std430, set = 0, binding = 1) readonly buffer Tiles { uvec2 tiles[]; };     // start, count
layout(std430, set = 0, binding = 2) readonly buffer Indices { uint indices[]; };  // global prim ids
layout(std430, set = 0, binding = 3) readonly buffer Atlas { uint atlas[]; };      // 8-bit, packed
layout(std430, set = 0, binding = 4) writeonly buffer Frames { uint frames[]; };   // RGBA8

layout(push_constant) uniform Params {
  int width; int height; int tiles_x; int tiles_y; int atlas_w; int pad0; int pad1; int pad2;
} pc;

const uint kPrimRect = 0u, kPrimBorder = 1u, kPrimGlyph = 2u;
const uint kClearColor = 0xFFFFFFFFu;
const uint kSkipTile = 0xFFFFFFFFu;  // keep in sync with vulkan_raster.cpp


bool inside_rrect(int sx, int sy, int x0, int y0, int x1, int y1, int r) {
  if (sx < x0 || sx >= x1 || sy < y0 || sy >= y1) return false;
  if (r <= 0) return true;
  int cx = clamp(sx, x0 + r, x1 - r);
  int cy = clamp(sy, y0 + r, y1 - r);
  int dx = sx - cx, dy = sy - cy;
  return dx * dx + dy * dy <= r * r;
}

int samples_rrect(int px, int py, int x0, int y0, int x1, int y1, int r) {
  int bx = px * 16, by = py * 16;
  if (bx >= x0 && bx + 16 <= x1 && by >= y0 && by + 16 <= y1 &&
      ((bx >= x0 + r && bx + 16 <= x1 - r) || (by >= y0 + r && by + 16 <= y1 - r)))
    return 16;
  if (bx + 16 <= x0 || bx >= x1 || by + 16 <= y0 || by >= y1) return 0;
  int n = 0;
  for (int j = 0; j < 4; ++j)
    for (int i = 0; i < 4; ++i)
      n += inside_rrect(bx + 2 + 4 * i, by + 2 + 4 * j, x0, y0, x1, y1, r) ? 1 : 0;
  return n;
}

uint atlas_byte(int i) { return (atlas[uint(i) >> 2] >> ((uint(i) & 3u) * 8u)) & 255u; }

uint coverage(Prim p, int px, int py) {
  if (p.kind == kPrimGlyph) {
    if (px < p.x0 || px >= p.x1 || py < p.y0 || py >= p.y1) return 0u;
    return atlas_byte((p.ay + (py - p.y0)) * pc.atlas_w + p.ax + (px - p.x0));
  }
  int outer = samples_rrect(px, py, p.x0, p.y0, p.x1, p.y1, p.radius);
  if (p.kind == kPrimBorder && outer > 0) {
    int w = p.width;
    outer -= samples_rrect(px, py, p.x0 + w, p.y0 + w, p.x1 - w, p.y1 - w, max(p.radius - w, 0));
  }
  return uint((outer * 255 + 8) / 16);
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
  uint env = gl_WorkGroupID.z;
  int px = int(gl_WorkGroupID.x) * 16 + int(gl_LocalInvocationID.x);
  int py = int(gl_WorkGroupID.y) * 16 + int(gl_LocalInvocationID.y);
  uint t = env * uint(pc.tiles_x * pc.tiles_y) + gl_WorkGroupID.y * uint(pc.tiles_x) +
           gl_WorkGroupID.x;
  uvec2 tr = tiles[t];
  if (tr.y == kSkipTile) return;  // damage tracking: this tile is unchanged in the host frame
  uint color = kClearColor;
  // No shared-memory staging: barriers are costly on CPU implementations (lavapipe), and
  // every invocation of a tile reads the same primitives, which caches serve well on GPUs.
  for (uint k = 0u; k < tr.y; ++k) {
    Prim p = prims[indices[tr.x + k]];
    if (px < p.cx0 || px >= p.cx1 || py < p.cy0 || py >= p.cy1) continue;
    uint cov = coverage(p, px, py);
    if (cov != 0u) color = blend(color, p.color, cov);
  }
  if (px < pc.width && py < pc.height)
    frames[env * uint(pc.width * pc.height) + uint(py * pc.width + px)] = color;
}
