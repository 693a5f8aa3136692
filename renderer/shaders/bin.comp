#version 450
// bin.comp: the GPU twin of cpu_raster.cpp's `bin` stage - per-tile primitive lists in
// display-list order, with the same solid-tile cut (the last opaque rect covering a tile hides
// everything before it). Four stages, one pipeline, chosen by pc.stage:
//   0 count      one invocation per tile: first visible primitive, number of primitives
//   1 scan_env   one workgroup per env: exclusive prefix sum of the counts (local offsets)
//   2 scan_batch one workgroup: prefix sum of the env totals; total > capacity -> overflow
//   3 fill       one invocation per tile: global offset, primitive indices
// Overflow is never silent: the status word says so, `needed` says how much, the host grows
// the index buffer and submits again. Keep structs and status bits in sync with
// renderer.h, raster.comp and vulkan_raster.cpp.
layout(local_size_x = 256, local_size_y = 1, local_size_z = 1) in;

struct Prim {
  uint kind; uint color;
  int x0; int y0; int x1; int y1;
  uint r01; uint r23;
  uint c01; uint c23;
  uint clip_radius;
  uint p0; uint p1; uint p2; uint p3; uint p4;
};

layout(std430, set = 0, binding = 0) readonly buffer Prims { Prim prims[]; };
layout(std430, set = 0, binding = 1) buffer Tiles { uvec2 tiles[]; };  // start, count
layout(std430, set = 0, binding = 2) writeonly buffer Indices { uint indices[]; };
layout(std430, set = 0, binding = 6) buffer Status { uint status; uint needed; };
layout(std430, set = 0, binding = 7) buffer Envs { uvec4 envs[]; };  // prim off, count, base, total
layout(std430, set = 0, binding = 8) buffer Scratch { uint first_prim[]; };

layout(push_constant) uniform Params {
  int width; int height; int tiles_x; int tiles_y;
  int atlas_w; int atlas_h; int img_w; int img_h;
  uint n_prims; uint n_indices; uint n_envs; uint stage;
} pc;

const uint kPrimRect = 0u, kPrimGlyph = 2u, kPrimShadow = 5u;
const uint kStatusOverflow = 16u;

int lo16(uint v) { return int(v & 0xFFFFu); }
int hi16(uint v) { return int(v >> 16); }
int max_radius(uint r01, uint r23) {
  return max(max(lo16(r01), hi16(r01)), max(lo16(r23), hi16(r23)));
}

ivec4 shape_bounds(Prim p) {
  if (p.kind == kPrimGlyph) return ivec4(p.x0, p.y0, p.x1, p.y1);
  int e = p.kind == kPrimShadow ? 4 * max(int(p.p0), 1) : 0;
  return ivec4((p.x0 - e) >> 4, (p.y0 - e) >> 4, (p.x1 + e + 15) >> 4, (p.y1 + e + 15) >> 4);
}

ivec4 prim_bounds(Prim p) {
  ivec4 b = shape_bounds(p);
  return ivec4(max(max(b.x, lo16(p.c01)), 0), max(max(b.y, hi16(p.c01)), 0),
               min(min(b.z, lo16(p.c23)), pc.width), min(min(b.w, hi16(p.c23)), pc.height));
}

bool covers_tile(Prim p, int x0, int y0, int x1, int y1) {
  if (p.kind != kPrimRect || (p.color >> 24) != 255u || p.clip_radius != 0u) return false;
  if (lo16(p.c01) > x0 || hi16(p.c01) > y0 || lo16(p.c23) < x1 || hi16(p.c23) < y1) return false;
  int bx0 = x0 * 16, by0 = y0 * 16, bx1 = x1 * 16, by1 = y1 * 16;
  int r = max_radius(p.r01, p.r23);
  if (bx0 < p.x0 || by0 < p.y0 || bx1 > p.x1 || by1 > p.y1) return false;
  return (bx0 >= p.x0 + r && bx1 <= p.x1 - r) || (by0 >= p.y0 + r && by1 <= p.y1 - r);
}

// Does the primitive's (non-empty) bounds' tile range hold tile (tx, ty)? As in cpu `bin`.
bool touches(ivec4 b, int tx, int ty) {
  return b.x < b.z && b.y < b.w && tx >= b.x / 16 && tx <= (b.z - 1) / 16 && ty >= b.y / 16 &&
         ty <= (b.w - 1) / 16;
}

shared uint sums[256];

// Exclusive prefix sum of v over the workgroup (call in uniform control flow).
uint exclusive_scan(uint v, out uint total) {
  uint i = gl_LocalInvocationID.x;
  sums[i] = v;
  barrier();
  for (uint off = 1u; off < 256u; off <<= 1) {
    uint add = i >= off ? sums[i - off] : 0u;
    barrier();
    sums[i] += add;
    barrier();
  }
  total = sums[255];
  return sums[i] - v;
}

void main() {
  const uint T = uint(pc.tiles_x * pc.tiles_y);
  if (pc.stage == 0u || pc.stage == 3u) {
    uint gid = gl_GlobalInvocationID.x;
    if (gid >= pc.n_envs * T) return;
    uint env = gid / T, t = gid % T;
    int tx = int(t % uint(pc.tiles_x)), ty = int(t / uint(pc.tiles_x));
    int x0 = tx * 16, y0 = ty * 16;
    int x1 = min(x0 + 16, pc.width), y1 = min(y0 + 16, pc.height);
    uint off = envs[env].x, n = envs[env].y;
    if (pc.stage == 0u) {
      uint first = 0u;
      for (uint k = n; k > 0u; --k) {
        Prim p = prims[off + k - 1u];
        if (p.kind == kPrimRect && covers_tile(p, x0, y0, x1, y1)) {
          first = k - 1u;
          break;
        }
      }
      uint count = 0u;
      for (uint k = first; k < n; ++k) count += touches(prim_bounds(prims[off + k]), tx, ty) ? 1u : 0u;
      first_prim[gid] = first;
      tiles[gid] = uvec2(0u, count);
      return;
    }
    uint start = envs[env].z + tiles[gid].x, count = tiles[gid].y;
    if (start + count > pc.n_indices) {  // overflow: reported by scan_batch, batch is redone
      tiles[gid] = uvec2(0u, 0u);
      return;
    }
    tiles[gid].x = start;
    uint w = start;
    for (uint k = first_prim[gid]; k < n; ++k)
      if (touches(prim_bounds(prims[off + k]), tx, ty)) indices[w++] = off + k;
    return;
  }
  // Scans: each invocation sums a contiguous chunk, the workgroup scans the chunk sums, then
  // each invocation writes its chunk's running offsets.
  uint i = gl_LocalInvocationID.x, total;
  if (pc.stage == 1u) {
    uint env = gl_WorkGroupID.x;
    uint chunk = (T + 255u) / 256u, b = min(i * chunk, T), e = min(b + chunk, T);
    uint s = 0u;
    for (uint t = b; t < e; ++t) s += tiles[env * T + t].y;
    uint run = exclusive_scan(s, total);
    for (uint t = b; t < e; ++t) {
      uint c = tiles[env * T + t].y;
      tiles[env * T + t].x = run;
      run += c;
    }
    if (i == 0u) envs[env].w = total;
  } else {
    uint chunk = (pc.n_envs + 255u) / 256u, b = min(i * chunk, pc.n_envs);
    uint e = min(b + chunk, pc.n_envs);
    uint s = 0u;
    for (uint k = b; k < e; ++k) s += envs[k].w;
    uint run = exclusive_scan(s, total);
    for (uint k = b; k < e; ++k) {
      envs[k].z = run;
      run += envs[k].w;
    }
    if (i == 0u) {
      needed = total;
      if (total > pc.n_indices) atomicOr(status, kStatusOverflow);
    }
  }
}
