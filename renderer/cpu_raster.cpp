// CPU reference backend. Stages: bin (bin.h) -> damage -> raster_tile, the twins of the
// Vulkan path (which bins and diffs on the CPU too, and runs raster_tile in raster.comp).
#include <xxhash.h>

#include <cstring>

#include "assets.h"
#include "bin.h"
#include "raster_core.h"

namespace facsim::render {

// Does opaque primitive p cover every pixel of the (frame-clamped) tile box completely?
// Such a primitive hides everything drawn before it in that tile, exactly: blending with
// alpha 255 and coverage 255 returns the source colour bit for bit.
static bool covers_tile(const Prim& p, int x0, int y0, int x1, int y1) {
  if (p.kind != kPrimRect || (p.color >> 24) != 255 || p.clip_radius != 0) return false;
  if (core::lo16(p.c01) > x0 || core::hi16(p.c01) > y0 || core::lo16(p.c23) < x1 ||
      core::hi16(p.c23) < y1)
    return false;
  const int32_t bx0 = x0 * 16, by0 = y0 * 16, bx1 = x1 * 16, by1 = y1 * 16;
  const int32_t r = core::max_radius(p.r01, p.r23);
  if (bx0 < p.x0 || by0 < p.y0 || bx1 > p.x1 || by1 > p.y1) return false;
  return (bx0 >= p.x0 + r && bx1 <= p.x1 - r) || (by0 >= p.y0 + r && by1 <= p.y1 - r);
}

void bin(const DisplayList& dl, int width, int height, Binned& out) {
  out.tiles_x = (width + kTile - 1) / kTile;
  out.tiles_y = (height + kTile - 1) / kTile;
  const size_t tiles = size_t(out.tiles_x) * size_t(out.tiles_y);
  const auto& prims = dl.prims();
  // Pass 0 finds, per tile, the last primitive that covers it opaquely: earlier ones are
  // invisible there and are not binned (the solid-tile fast path).
  std::vector<uint32_t> first(tiles, 0);
  for (uint32_t i = 0; i < prims.size(); ++i) {
    const Prim& p = prims[i];
    if (p.kind != kPrimRect || (p.color >> 24) != 255) continue;
    IRect b = core::prim_bounds(p, width, height);
    if (b.x0 >= b.x1 || b.y0 >= b.y1) continue;
    for (int ty = b.y0 / kTile; ty <= (b.y1 - 1) / kTile; ++ty)
      for (int tx = b.x0 / kTile; tx <= (b.x1 - 1) / kTile; ++tx) {
        int x0 = tx * kTile, y0 = ty * kTile;
        if (covers_tile(p, x0, y0, std::min(x0 + kTile, width), std::min(y0 + kTile, height)))
          first[size_t(ty) * size_t(out.tiles_x) + size_t(tx)] = i;
      }
  }
  out.tile_start.assign(tiles + 1, 0);
  // Pass 1 counts per tile, pass 2 fills: indices stay in display-list order per tile.
  for (int pass = 0; pass < 2; ++pass) {
    if (pass == 1) {
      uint32_t sum = 0;
      for (size_t t = 0; t <= tiles; ++t) {
        uint32_t c = out.tile_start[t];
        out.tile_start[t] = sum;
        sum += c;
      }
      out.indices.resize(sum);
    }
    std::vector<uint32_t> cursor;
    if (pass == 1) cursor.assign(out.tile_start.begin(), out.tile_start.end() - 1);
    for (uint32_t i = 0; i < prims.size(); ++i) {
      IRect b = core::prim_bounds(prims[i], width, height);
      if (b.x0 >= b.x1 || b.y0 >= b.y1) continue;
      for (int ty = b.y0 / kTile; ty <= (b.y1 - 1) / kTile; ++ty)
        for (int tx = b.x0 / kTile; tx <= (b.x1 - 1) / kTile; ++tx) {
          size_t t = size_t(ty) * size_t(out.tiles_x) + size_t(tx);
          if (i < first[t]) continue;
          if (pass == 0) out.tile_start[t]++;
          else out.indices[cursor[t]++] = i;
        }
    }
  }
}

void damage(const DisplayList& dl, const Binned& b, int width, int height, const uint8_t* frame,
            Damage* d) {
  if (!d) return;
  const size_t tiles = size_t(b.tiles_x) * size_t(b.tiles_y);
  const bool valid = d->frame_ == frame && d->width_ == width && d->height_ == height &&
                     d->sig_.size() == tiles;
  d->sig_.resize(tiles);
  d->dirty.assign(tiles, 1);
  d->tiles_x = b.tiles_x;
  d->tiles_y = b.tiles_y;
  int count = 0;
  const Prim* prims = dl.prims().data();
  for (size_t t = 0; t < tiles; ++t) {
    uint64_t h = 0x9e3779b97f4a7c15ull;  // an empty tile: white
    for (uint32_t k = b.tile_start[t]; k < b.tile_start[t + 1]; ++k)
      h = XXH3_64bits_withSeed(&prims[b.indices[k]], sizeof(Prim), h);
    const bool changed = !valid || d->sig_[t] != h;
    d->sig_[t] = h;
    d->dirty[t] = changed;
    count += changed;
  }
  d->dirty_count = count;
  d->frame_ = frame;
  d->width_ = width;
  d->height_ = height;
}

namespace {

// raster_tile: composites one tile's primitives, in order, into a 16x16 block of the frame.
void raster_tile(const DisplayList& dl, const Binned& b, int tx, int ty, int width, int height,
                 uint8_t* frame) {
  const assets::FontAtlas& atlas = assets::font_atlas();
  const assets::ImageAtlas& images = assets::image_atlas();
  uint32_t px[kTile * kTile];
  for (uint32_t& p : px) p = core::kClearColor;
  const int ox = tx * kTile, oy = ty * kTile;
  const int tw = std::min(kTile, width - ox), th = std::min(kTile, height - oy);
  const size_t t = size_t(ty) * size_t(b.tiles_x) + size_t(tx);
  const auto& prims = dl.prims();
  for (uint32_t k = b.tile_start[t]; k < b.tile_start[t + 1]; ++k) {
    const Prim& p = prims[b.indices[k]];
    IRect r = core::prim_bounds(p, width, height);
    int x0 = std::max(r.x0, ox), x1 = std::min(r.x1, ox + tw);
    int y0 = std::max(r.y0, oy), y1 = std::min(r.y1, oy + th);
    if (x0 >= x1 || y0 >= y1) continue;
    // Fast paths with the same arithmetic as core::shade, specialised for the common cases.
    if (p.kind == kPrimRect && (p.r01 | p.r23 | p.clip_radius) == 0) {
      // Square corners: samples = (sample columns inside) x (sample rows inside).
      int nx[kTile], ny[kTile];
      for (int x = x0; x < x1; ++x) nx[x - ox] = core::samples_1d(x, p.x0, p.x1);
      for (int y = y0; y < y1; ++y) ny[y - oy] = core::samples_1d(y, p.y0, p.y1);
      const bool opaque = (p.color >> 24) == 255;
      for (int y = y0; y < y1; ++y) {
        uint32_t* row = px + (y - oy) * kTile;  // the tile's row; x - ox is its column
        for (int x = x0; x < x1; ++x) {
          const int n = nx[x - ox] * ny[y - oy];
          uint32_t& d = row[x - ox];
          if (n == 16 && opaque) d = p.color;  // blend at alpha 255 returns the source
          else if (n) d = core::blend(d, p.color, uint32_t((n * 255 + 8) / 16));
        }
      }
      continue;
    }
    if (p.kind == kPrimGlyph && p.clip_radius == 0) {
      for (int y = y0; y < y1; ++y) {
        const uint8_t* cov = &atlas.pixels[size_t(int32_t(p.p1) + y - p.y0) * size_t(atlas.width) +
                                           size_t(int32_t(p.p0) - p.x0)];
        uint32_t* row = px + (y - oy) * kTile;
        for (int x = x0; x < x1; ++x)
          if (cov[x]) row[x - ox] = core::blend(row[x - ox], p.color, cov[x]);
      }
      continue;
    }
    for (int y = y0; y < y1; ++y)
      for (int x = x0; x < x1; ++x) {
        const core::Shade s = core::shade(p, x, y, atlas.pixels.data(), atlas.width,
                                          images.pixels.data(), images.width);
        if (s.cov) {
          uint32_t& d = px[(y - oy) * kTile + (x - ox)];
          d = core::blend(d, s.color, s.cov);
        }
      }
  }
  for (int y = 0; y < th; ++y)
    std::memcpy(frame + (size_t(oy + y) * size_t(width) + size_t(ox)) * 4, &px[y * kTile],
                size_t(tw) * 4);
}

class CpuRenderer final : public Renderer {
 public:
  explicit CpuRenderer(int threads) : pool_(threads) {}
  Status render(std::span<const DisplayList* const> lists, int w, int h, uint8_t* out,
                std::span<Damage* const> dmg) override {
    if (w <= 0 || h <= 0 || w > kMaxWidth || h > kMaxHeight)
      return Error{Errc::invalid_argument, "frame size out of range (1x1 .. 1920x1200)"};
    if (!dmg.empty() && dmg.size() != lists.size())
      return Error{Errc::invalid_argument, "damage needs one entry per display list"};
    if (!out && !lists.empty()) return Error{Errc::invalid_argument, "the CPU renderer needs an output buffer"};
    const size_t frame_bytes = size_t(w) * size_t(h) * 4;
    auto damage_of = [&](size_t i) { return dmg.empty() ? nullptr : dmg[i]; };
    binned_.resize(lists.size());
    pool_.parallel_for(lists.size(), [&](size_t i) {
      bin(*lists[i], w, h, binned_[i]);
      damage(*lists[i], binned_[i], w, h, out + i * frame_bytes, damage_of(i));
    });
    const int tx = (w + kTile - 1) / kTile, ty = (h + kTile - 1) / kTile;
    stats_ = {};
    for (size_t i = 0; i < lists.size(); ++i) {
      stats_.prims += lists[i]->size();
      stats_.tile_refs += binned_[i].indices.size();
      stats_.tiles += size_t(tx) * size_t(ty);
      stats_.tiles_drawn += damage_of(i) ? size_t(damage_of(i)->dirty_count) : size_t(tx) * ty;
    }
    const size_t rows = lists.size() * size_t(ty);  // one work item = one env's tile row
    pool_.parallel_for(rows, [&](size_t r) {
      size_t env = r / size_t(ty);
      int row = int(r % size_t(ty));
      uint8_t* frame = out + env * frame_bytes;
      const Damage* d = damage_of(env);
      for (int x = 0; x < tx; ++x)
        if (tile_dirty(d, size_t(row) * size_t(tx) + size_t(x)))
          raster_tile(*lists[env], binned_[env], x, row, w, h, frame);
    });
    return {};
  }
  std::string device_name() const override {
    return "cpu reference (" + std::to_string(pool_.threads()) + " threads)";
  }
  Backend backend() const override { return Backend::cpu; }

 private:
  ThreadPool pool_;
  std::vector<Binned> binned_;
};

}  // namespace

std::unique_ptr<Renderer> make_cpu_renderer(int threads) {
  return std::make_unique<CpuRenderer>(threads);
}

}  // namespace facsim::render
