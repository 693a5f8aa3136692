// The RGBA image atlas: avatars and product pictures drawn once with integer-only code
// (4x4 supersampled shapes, straight-alpha "over"), so every machine builds the same bytes.
// Changing anything here changes frame hashes: a deliberate act, like re-baking the font.
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <map>

#include "assets.h"

extern "C" {
extern const uint8_t facsim_emoji_begin[], facsim_emoji_end[];
}

namespace facsim::assets {
namespace {

// assets/fonts/emoji.bin (format: assets/tools/bake_emoji.cpp): names, then pixels.
struct EmojiData {
  std::vector<Emoji> list;
  std::map<std::string, size_t, std::less<>> index;
  const uint8_t* pixels = nullptr;  // list.size() x kEmojiPx^2 RGBA
};
const EmojiData& emoji_data() {
  static const EmojiData d = [] {
    EmojiData e;
    const uint8_t* p = facsim_emoji_begin;
    auto u32 = [&](size_t at) {
      return uint32_t(p[at]) | uint32_t(p[at + 1]) << 8 | uint32_t(p[at + 2]) << 16 | uint32_t(p[at + 3]) << 24;
    };
    const size_t bytes = size_t(facsim_emoji_end - facsim_emoji_begin);
    if (bytes < 16 || std::memcmp(p, "FSEM", 4) != 0 || u32(4) != 1 || u32(8) != uint32_t(kEmojiPx))
      std::abort();  // committed and tested: corruption is a bug
    const size_t n = u32(12), px = size_t(kEmojiPx) * kEmojiPx * 4;
    if (bytes < 16 + n * 36 + n * px) std::abort();
    for (size_t i = 0; i < n; ++i) {
      const char* name = reinterpret_cast<const char*>(p + 16 + i * 36);
      const std::string n(name, strnlen(name, 32));
      e.list.push_back({n, u32(16 + i * 36 + 32), "emoji:" + n});
      e.index.emplace(e.list.back().name, i);
    }
    e.pixels = p + 16 + n * 36;
    return e;
  }();
  return d;
}

constexpr uint32_t rgb(uint32_t rrggbb) {
  return ((rrggbb >> 16) & 255) | (rrggbb & 0xFF00) | ((rrggbb & 255) << 16) | 0xFF000000u;
}

struct Canvas {
  ImageAtlas& a;
  int ox, oy, w, h;  // the image's rect in the atlas

  void over(int x, int y, uint32_t c, uint32_t cov) {  // cov 0..16
    if (x < 0 || y < 0 || x >= w || y >= h || cov == 0) return;
    uint32_t& d = a.pixels[size_t(oy + y) * size_t(a.width) + size_t(ox + x)];
    const uint32_t sa = ((c >> 24) * cov + 8) / 16, da = d >> 24;
    const uint32_t oa = sa + (da * (255 - sa) + 127) / 255;
    if (oa == 0) return;
    uint32_t out = oa << 24;
    for (int k = 0; k < 24; k += 8) {
      const uint32_t s = (c >> k) & 255, dc = (d >> k) & 255;
      out |= ((s * sa * 255 + dc * da * (255 - sa) + oa * 255 / 2) / (oa * 255)) << k;
    }
    d = out;
  }
  // Shapes in 1/4 px units: ellipse (cx, cy, rx, ry) and rounded rect.
  template <class Inside>
  void shape(int x0, int y0, int x1, int y1, uint32_t c, Inside inside) {
    for (int y = std::max(y0 / 4 - 1, 0); y <= std::min(y1 / 4 + 1, h - 1); ++y)
      for (int x = std::max(x0 / 4 - 1, 0); x <= std::min(x1 / 4 + 1, w - 1); ++x) {
        uint32_t n = 0;
        for (int j = 0; j < 4; ++j)
          for (int i = 0; i < 4; ++i) n += inside(x * 4 + i, y * 4 + j) ? 1 : 0;
        over(x, y, c, n);
      }
  }
  void ellipse(int cx, int cy, int rx, int ry, uint32_t c) {
    const int64_t rx2 = int64_t(rx) * rx, ry2 = int64_t(ry) * ry;
    shape(cx - rx, cy - ry, cx + rx, cy + ry, c, [&](int x, int y) {
      const int64_t dx = x * 2 + 1 - cx * 2, dy = y * 2 + 1 - cy * 2;
      return dx * dx * ry2 + dy * dy * rx2 <= 4 * rx2 * ry2;
    });
  }
  void rrect(int x0, int y0, int x1, int y1, int r, uint32_t c) {
    shape(x0, y0, x1, y1, c, [&](int x, int y) {
      if (x < x0 || x >= x1 || y < y0 || y >= y1) return false;
      const int qx = x - std::clamp(x, x0 + r, x1 - r - 1), qy = y - std::clamp(y, y0 + r, y1 - r - 1);
      return qx * qx + qy * qy <= r * r;
    });
  }
  void vgradient(uint32_t top, uint32_t bottom) {
    for (int y = 0; y < h; ++y) {
      const uint32_t t = uint32_t(y * 256 / std::max(h - 1, 1));
      uint32_t c = 0;
      for (int k = 0; k < 32; k += 8)
        c |= ((((top >> k) & 255) * (256 - t) + ((bottom >> k) & 255) * t + 128) >> 8) << k;
      for (int x = 0; x < w; ++x) a.pixels[size_t(oy + y) * size_t(a.width) + size_t(ox + x)] = c;
    }
  }
};

// Avatars: a portrait silhouette (shoulders, neck, head, hair) on a coloured disc-friendly
// square; the renderer rounds it into a circle.
void avatar(Canvas& c, int i) {
  static const uint32_t bg[] = {0x8AB4F8, 0xF6AEA9, 0xA8DAB5, 0xFDD663, 0xD7AEFB, 0x78D9EC};
  static const uint32_t skin[] = {0xF1C27D, 0xE0AC69, 0xC68642, 0x8D5524, 0xFFDBAC};
  static const uint32_t hair[] = {0x2C1B10, 0x6A4E42, 0xB55239, 0x1B1B1B, 0xD6B370};
  static const uint32_t shirt[] = {0x1A73E8, 0x188038, 0xD93025, 0x5F6368, 0xE37400, 0x9334E6};
  const int s = c.w * 4;  // quarter pixels
  c.vgradient(rgb(bg[i % 6]), rgb(bg[(i + 2) % 6]));
  c.ellipse(s / 2, s * 19 / 16, s * 7 / 16, s * 7 / 16, rgb(shirt[(i * 5 + 1) % 6]));
  c.rrect(s * 27 / 64, s * 9 / 16, s * 37 / 64, s * 13 / 16, s / 32, rgb(skin[(i * 3) % 5]));
  c.ellipse(s / 2, s * 27 / 64, s * 13 / 64, s * 15 / 64, rgb(skin[(i * 3) % 5]));
  if (i % 3 != 2) c.ellipse(s / 2, s * 17 / 64, s * 14 / 64, s * 9 / 64, rgb(hair[i % 5]));
  else c.rrect(s * 18 / 64, s * 10 / 64, s * 46 / 64, s * 44 / 64, s / 8, rgb(hair[i % 5]));
  if (i % 3 == 2) c.ellipse(s / 2, s * 29 / 64, s * 12 / 64, s * 14 / 64, rgb(skin[(i * 3) % 5]));
}

// Product pictures: simple studio shots (object + soft floor shadow) on a light backdrop.
void product(Canvas& c, int kind) {
  const int s = c.w * 4;
  c.vgradient(rgb(0xF8F9FA), rgb(0xE8EAED));
  c.ellipse(s / 2, s * 54 / 64, s * 22 / 64, s * 3 / 64, 0x30000000u);
  switch (kind) {
    case 0:  // mug
      c.ellipse(s * 44 / 64, s * 34 / 64, s * 9 / 64, s * 10 / 64, rgb(0x1A73E8));
      c.ellipse(s * 44 / 64, s * 34 / 64, s * 5 / 64, s * 6 / 64, rgb(0xF1F3F4));
      c.rrect(s * 18 / 64, s * 18 / 64, s * 46 / 64, s * 54 / 64, s * 3 / 64, rgb(0x1A73E8));
      c.ellipse(s * 32 / 64, s * 19 / 64, s * 14 / 64, s * 3 / 64, rgb(0x174EA6));
      break;
    case 1:  // headphones
      c.ellipse(s / 2, s * 30 / 64, s * 20 / 64, s * 20 / 64, rgb(0x3C4043));
      c.ellipse(s / 2, s * 32 / 64, s * 16 / 64, s * 18 / 64, rgb(0xF1F3F4));
      c.rrect(s * 10 / 64, s * 30 / 64, s * 22 / 64, s * 50 / 64, s * 5 / 64, rgb(0x202124));
      c.rrect(s * 42 / 64, s * 30 / 64, s * 54 / 64, s * 50 / 64, s * 5 / 64, rgb(0x202124));
      break;
    case 2:  // book
      c.rrect(s * 18 / 64, s * 12 / 64, s * 46 / 64, s * 54 / 64, s / 64, rgb(0xD93025));
      c.rrect(s * 21 / 64, s * 20 / 64, s * 43 / 64, s * 26 / 64, 0, rgb(0xFBBC04));
      c.rrect(s * 18 / 64, s * 12 / 64, s * 21 / 64, s * 54 / 64, 0, rgb(0xA50E0E));
      break;
    case 3:  // watch
      c.rrect(s * 27 / 64, s * 6 / 64, s * 37 / 64, s * 58 / 64, s * 2 / 64, rgb(0x5F6368));
      c.ellipse(s / 2, s / 2, s * 14 / 64, s * 14 / 64, rgb(0xDADCE0));
      c.ellipse(s / 2, s / 2, s * 12 / 64, s * 12 / 64, rgb(0x202124));
      c.rrect(s * 31 / 64, s * 24 / 64, s * 33 / 64, s * 33 / 64, s / 128, rgb(0xFFFFFF));
      break;
    case 4:  // bottle
      c.rrect(s * 22 / 64, s * 20 / 64, s * 42 / 64, s * 55 / 64, s * 6 / 64, rgb(0x188038));
      c.rrect(s * 27 / 64, s * 8 / 64, s * 37 / 64, s * 22 / 64, s * 2 / 64, rgb(0x0D652D));
      c.rrect(s * 25 / 64, s * 30 / 64, s * 29 / 64, s * 48 / 64, s * 2 / 64, 0x60FFFFFFu);
      break;
    case 5:  // phone
      c.rrect(s * 20 / 64, s * 6 / 64, s * 44 / 64, s * 56 / 64, s * 5 / 64, rgb(0x202124));
      c.rrect(s * 22 / 64, s * 9 / 64, s * 42 / 64, s * 53 / 64, s * 3 / 64, rgb(0x8AB4F8));
      break;
    case 6:  // sneaker
      c.rrect(s * 8 / 64, s * 40 / 64, s * 56 / 64, s * 48 / 64, s * 3 / 64, rgb(0xFFFFFF));
      c.ellipse(s * 26 / 64, s * 38 / 64, s * 18 / 64, s * 12 / 64, rgb(0xE37400));
      c.rrect(s * 8 / 64, s * 34 / 64, s * 52 / 64, s * 42 / 64, s * 4 / 64, rgb(0xE37400));
      c.rrect(s * 8 / 64, s * 44 / 64, s * 56 / 64, s * 48 / 64, s * 2 / 64, rgb(0x3C4043));
      break;
    default:  // plant
      c.rrect(s * 22 / 64, s * 36 / 64, s * 42 / 64, s * 55 / 64, s * 3 / 64, rgb(0xB06000));
      c.ellipse(s * 26 / 64, s * 24 / 64, s * 8 / 64, s * 14 / 64, rgb(0x188038));
      c.ellipse(s * 38 / 64, s * 22 / 64, s * 8 / 64, s * 16 / 64, rgb(0x34A853));
      c.ellipse(s * 32 / 64, s * 28 / 64, s * 7 / 64, s * 12 / 64, rgb(0x137333));
      break;
  }
}

const char* const kProducts[] = {"mug", "headphones", "book", "watch",
                                 "bottle", "phone", "sneaker", "plant"};

ImageAtlas build() {
  ImageAtlas a;
  a.width = 1024;
  a.height = 64 + 128;
  a.pixels.assign(size_t(a.width) * size_t(a.height), 0);
  for (int i = 0; i < 12; ++i) {
    a.images.push_back({"avatar" + std::to_string(i), i * 64, 0, 64, 64});
    Canvas c{a, i * 64, 0, 64, 64};
    avatar(c, i);
  }
  for (int i = 0; i < 8; ++i) {
    a.images.push_back({std::string("product:") + kProducts[i], i * 128, 64, 128, 128});
    Canvas c{a, i * 128, 64, 128, 128};
    product(c, i);
  }
  // The emoji, in rows under the rest (which stay where they were): cells with a transparent
  // pixel around each, so bilinear sampling at an edge reads no neighbour.
  const EmojiData& e = emoji_data();
  constexpr int kCell = kEmojiPx + 2, kTop = 64 + 128;
  const int per_row = a.width / kCell;
  const int rows = int(e.list.size() + size_t(per_row) - 1) / per_row;
  a.height = kTop + rows * kCell;
  a.pixels.resize(size_t(a.width) * size_t(a.height), 0);
  for (size_t i = 0; i < e.list.size(); ++i) {
    const int x = int(i % size_t(per_row)) * kCell + 1, y = kTop + int(i / size_t(per_row)) * kCell + 1;
    a.images.push_back({e.list[i].image, x, y, kEmojiPx, kEmojiPx});
    const uint8_t* src = e.pixels + i * size_t(kEmojiPx) * kEmojiPx * 4;
    for (int r = 0; r < kEmojiPx; ++r)
      for (int c = 0; c < kEmojiPx; ++c) {
        const uint8_t* q = src + (size_t(r) * kEmojiPx + size_t(c)) * 4;
        a.pixels[size_t(y + r) * size_t(a.width) + size_t(x + c)] =
            uint32_t(q[0]) | uint32_t(q[1]) << 8 | uint32_t(q[2]) << 16 | uint32_t(q[3]) << 24;
      }
  }
  return a;
}

}  // namespace

const Image* ImageAtlas::find(std::string_view name) const {
  for (const Image& i : images)
    if (i.name == name) return &i;
  return nullptr;
}

const ImageAtlas& image_atlas() {
  static const ImageAtlas atlas = build();
  return atlas;
}

const std::vector<Emoji>& emoji() { return emoji_data().list; }

const Emoji* find_emoji(std::string_view name) {
  const EmojiData& e = emoji_data();
  auto it = e.index.find(name);
  return it == e.index.end() ? nullptr : &e.list[it->second];
}

}  // namespace facsim::assets
