#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>

#include "assets.h"
#include "renderer.h"

using namespace facsim;
using render::DisplayList;

namespace {

std::vector<uint8_t> draw(render::Renderer& r, const DisplayList& dl, int w, int h) {
  std::vector<uint8_t> f(size_t(w) * h * 4, 0xAB);
  const DisplayList* l[] = {&dl};
  EXPECT_TRUE(r.render(l, w, h, f.data()));
  return f;
}

uint32_t px(const std::vector<uint8_t>& f, int w, int x, int y) {
  uint32_t v;
  std::memcpy(&v, &f[(size_t(y) * w + x) * 4], 4);
  return v;
}

std::unique_ptr<render::Renderer> cpu() {
  return std::move(*render::create_renderer({.backend = render::Backend::cpu, .threads = 2}));
}

// Vulkan must be present (lavapipe in CI); FACSIM_ALLOW_NO_VULKAN=1 turns its absence into a skip.
std::unique_ptr<render::Renderer> vulkan_or_null(std::string* why) {
  auto r = render::create_renderer({.backend = render::Backend::vulkan});
  if (!r) {
    *why = r.error().message;
    return nullptr;
  }
  return std::move(*r);
}
#define REQUIRE_VULKAN(var)                                                   \
  std::string why_;                                                           \
  auto var = vulkan_or_null(&why_);                                           \
  if (!var) {                                                                 \
    if (std::getenv("FACSIM_ALLOW_NO_VULKAN")) GTEST_SKIP() << why_;          \
    FAIL() << "no Vulkan device: " << why_;                                   \
  }

// One random element of any kind: overlapping, clipped, off-screen, degenerate.
void random_element(DisplayList& dl, Rng& rng, int w, int h) {
  const auto& atlas = assets::font_atlas();
  auto coord = [&](int lim) { return int(rng.below(uint32_t(lim + 80) * 16)) - 40 * 16; };
  {
    uint32_t color = uint32_t(rng.next());
    if (rng.below(3) == 0) color |= 0xFF000000u;
    switch (rng.below(6)) {
      case 0: {
        int x0 = coord(w), y0 = coord(h);
        dl.fill_rect({x0, y0, x0 + int(rng.below(400 * 16)), y0 + int(rng.below(300 * 16))}, color,
                     int(rng.below(40 * 16)));
        break;
      }
      case 1: {
        int x0 = coord(w), y0 = coord(h);
        dl.border({x0, y0, x0 + int(rng.below(300 * 16)), y0 + int(rng.below(200 * 16))},
                  int(rng.below(8 * 16)) + 1, color, int(rng.below(30 * 16)));
        break;
      }
      case 2:
      case 3: {
        int face = int(rng.below(uint32_t(atlas.faces.size())));
        dl.text(int(rng.below(uint32_t(w + 40))) - 20, int(rng.below(uint32_t(h + 40))) - 10,
                "Quarterly report \xE2\x98\x85 Re: invoice #4821", face, color);
        break;
      }
      case 4:
        dl.push_clip({int(rng.below(uint32_t(w))) - 10, int(rng.below(uint32_t(h))) - 10,
                      int(rng.below(uint32_t(w + 20))), int(rng.below(uint32_t(h + 20)))});
        break;
      case 5: dl.pop_clip(); break;
    }
  }
}

DisplayList random_list(Rng& rng, int w, int h) {
  DisplayList dl;
  int n = 5 + int(rng.below(60));
  for (int i = 0; i < n; ++i) random_element(dl, rng, w, h);
  return dl;
}

// A list whose element i comes from seeds[i]: changing one seed changes one element.
DisplayList list_from(const std::vector<uint64_t>& seeds, int w, int h) {
  DisplayList dl;
  for (uint64_t s : seeds) {
    Rng rng{s};
    random_element(dl, rng, w, h);
  }
  return dl;
}

// Damage tracking against full renders, frame after frame of small random edits: identical
// bytes, every changed pixel inside a dirty tile, unchanged lists draw nothing.
void check_damage(render::Renderer& r) {
  auto full = cpu();
  const int w = 181, h = 97, tx = (w + 15) / 16, ty = (h + 15) / 16;
  Rng rng{99};
  std::vector<uint64_t> seeds(40);
  for (auto& s : seeds) s = rng.next();
  render::Damage d;
  std::vector<uint8_t> tracked(size_t(w) * h * 4, 0x5A), prev_ref;
  int partial = 0;
  for (int frame = 0; frame < 40; ++frame) {
    const int edits = frame == 0 ? 0 : int(rng.below(4));  // 0: the same list again
    for (int e = 0; e < edits; ++e) seeds[rng.below(uint32_t(seeds.size()))] = rng.next();
    DisplayList dl = list_from(seeds, w, h);
    const DisplayList* l[] = {&dl};
    render::Damage* dp[] = {&d};
    ASSERT_TRUE(r.render(l, w, h, tracked.data(), dp));
    std::vector<uint8_t> ref = draw(*full, dl, w, h);
    ASSERT_EQ(tracked, ref) << r.device_name() << " frame " << frame;
    ASSERT_EQ(d.dirty.size(), size_t(tx * ty));
    if (frame == 0) {
      EXPECT_EQ(d.dirty_count, tx * ty);
    } else if (edits == 0) {
      EXPECT_EQ(d.dirty_count, 0);
    }
    if (d.dirty_count > 0 && d.dirty_count < tx * ty) ++partial;
    for (int y = 0; y < h && !prev_ref.empty(); ++y) {
      for (int x = 0; x < w; ++x) {
        if (px(prev_ref, w, x, y) != px(ref, w, x, y)) {
          ASSERT_TRUE(d.dirty[size_t(y / 16 * tx + x / 16)]) << "pixel " << x << "," << y;
        }
      }
    }
    prev_ref = std::move(ref);
  }
  EXPECT_GT(partial, 4);  // frames that redrew some tiles but not all
  // Another buffer (or a resize) makes the next render full again.
  std::vector<uint8_t> other(tracked.size(), 0);
  DisplayList dl = list_from(seeds, w, h);
  const DisplayList* l[] = {&dl};
  render::Damage* dp[] = {&d};
  ASSERT_TRUE(r.render(l, w, h, other.data(), dp));
  EXPECT_EQ(d.dirty_count, tx * ty);
  EXPECT_EQ(other, tracked);
}

}  // namespace

TEST(Renderer, ClearsToWhiteAndFillsExactly) {
  auto r = cpu();
  DisplayList dl;
  dl.fill_rect(render::rect_px(2, 2, 4, 4), render::hex(0x102030));
  auto f = draw(*r, dl, 10, 10);
  EXPECT_EQ(px(f, 10, 0, 0), 0xFFFFFFFFu);
  EXPECT_EQ(px(f, 10, 2, 2), render::hex(0x102030));
  EXPECT_EQ(px(f, 10, 5, 5), render::hex(0x102030));
  EXPECT_EQ(px(f, 10, 6, 6), 0xFFFFFFFFu);
}

TEST(Renderer, HalfPixelEdgesAndAlphaBlendWithRounding) {
  auto r = cpu();
  DisplayList dl;
  dl.fill_rect({0, 0, 8, 16}, render::rgba(0, 0, 0));  // covers the left half of pixel (0,0)
  dl.fill_rect(render::rect_px(1, 0, 1, 1), render::rgba(0, 0, 0, 128));
  auto f = draw(*r, dl, 4, 1);
  // 8 of 16 samples -> coverage 128 -> 255 - 128 = 127 per channel.
  EXPECT_EQ(px(f, 4, 0, 0) & 0xFF, 127u);
  EXPECT_EQ(px(f, 4, 1, 0) & 0xFF, 127u);
  EXPECT_EQ(px(f, 4, 0, 0) >> 24, 255u);
}

TEST(Renderer, RoundedCornersAreAntiAliased) {
  auto r = cpu();
  DisplayList dl;
  dl.fill_rect(render::rect_px(0, 0, 20, 20), render::rgba(0, 0, 0), 10 * 16);
  auto f = draw(*r, dl, 20, 20);
  EXPECT_EQ(px(f, 20, 0, 0), 0xFFFFFFFFu);   // outside the circle
  EXPECT_EQ(px(f, 20, 10, 10), 0xFF000000u); // centre
  int partial = 0;
  for (int x = 0; x < 10; ++x) {
    uint32_t v = px(f, 20, x, 3) & 0xFF;
    partial += (v != 0 && v != 255) ? 1 : 0;
  }
  EXPECT_GT(partial, 0);
}

TEST(Renderer, ClipsAndBordersStayInside) {
  auto r = cpu();
  DisplayList dl;
  dl.push_clip({0, 0, 5, 10});
  dl.fill_rect(render::rect_px(0, 0, 10, 10), render::rgba(255, 0, 0));
  dl.pop_clip();
  dl.border(render::rect_px(0, 0, 10, 10), 16, render::rgba(0, 0, 255));
  auto f = draw(*r, dl, 10, 10);
  EXPECT_EQ(px(f, 10, 2, 5), render::rgba(255, 0, 0));
  EXPECT_EQ(px(f, 10, 7, 5), 0xFFFFFFFFu);
  EXPECT_EQ(px(f, 10, 9, 5), render::rgba(0, 0, 255));
  EXPECT_EQ(px(f, 10, 0, 5), render::rgba(0, 0, 255));
}

TEST(Renderer, TextLeavesInk) {
  auto r = cpu();
  DisplayList dl;
  const auto& a = assets::font_atlas();
  int32_t adv = dl.text(2, 14, "Hello", a.face_index(14, 400), render::rgba(0, 0, 0));
  EXPECT_GT(adv, 30 * 64);
  auto f = draw(*r, dl, 60, 20);
  int dark = 0;
  for (int y = 0; y < 20; ++y)
    for (int x = 0; x < 60; ++x) dark += (px(f, 60, x, y) & 0xFF) < 128 ? 1 : 0;
  EXPECT_GT(dark, 30);
}

TEST(Renderer, RejectsBadSizes) {
  auto r = cpu();
  DisplayList dl;
  const DisplayList* l[] = {&dl};
  std::vector<uint8_t> f(16);
  EXPECT_FALSE(r->render(l, 0, 10, f.data()));
  EXPECT_FALSE(r->render(l, 4000, 10, f.data()));
  EXPECT_FALSE(render::parse_backend("metal").ok());
}

TEST(Renderer, CpuIsIndependentOfThreadCountAndBatching) {
  Rng rng{7};
  std::vector<DisplayList> lists;
  for (int i = 0; i < 6; ++i) lists.push_back(random_list(rng, 200, 120));
  std::vector<const DisplayList*> ptrs;
  for (auto& l : lists) ptrs.push_back(&l);
  auto r1 = *render::create_renderer({.backend = render::Backend::cpu, .threads = 1});
  auto r2 = *render::create_renderer({.backend = render::Backend::cpu, .threads = 2});
  std::vector<uint8_t> a(6 * 200 * 120 * 4), b(a.size());
  ASSERT_TRUE(r1->render(ptrs, 200, 120, a.data()));
  ASSERT_TRUE(r2->render(ptrs, 200, 120, b.data()));
  EXPECT_EQ(a, b);
  for (size_t i = 0; i < ptrs.size(); ++i) {  // one at a time == batched
    std::vector<uint8_t> one(200 * 120 * 4);
    ASSERT_TRUE(r2->render(std::span(&ptrs[i], 1), 200, 120, one.data()));
    EXPECT_EQ(0, std::memcmp(one.data(), a.data() + i * one.size(), one.size()));
  }
}

TEST(Renderer, DamageTrackingIsExactOnTheCpu) { check_damage(*cpu()); }

TEST(Renderer, DamageTrackingIsExactOnVulkan) {
  REQUIRE_VULKAN(vk);
  check_damage(*vk);
}

TEST(Renderer, VulkanMatchesCpuOnRandomDisplayLists) {
  REQUIRE_VULKAN(vk);
  auto c = cpu();
  Rng rng{2026};
  const int w = 173, h = 91;  // not a multiple of the tile size
  std::vector<DisplayList> lists;
  for (int i = 0; i < 240; ++i) lists.push_back(random_list(rng, w, h));
  std::vector<const DisplayList*> ptrs;
  for (auto& l : lists) ptrs.push_back(&l);
  std::vector<uint8_t> a(lists.size() * w * h * 4), b(a.size(), 0x55);
  ASSERT_TRUE(c->render(ptrs, w, h, a.data()));
  ASSERT_TRUE(vk->render(ptrs, w, h, b.data()));
  for (size_t i = 0; i < lists.size(); ++i)
    EXPECT_EQ(0, std::memcmp(a.data() + i * w * h * 4, b.data() + i * w * h * 4, size_t(w) * h * 4))
        << "display list " << i << " differs";
}

TEST(Renderer, FrameHashAndPng) {
  std::vector<uint8_t> f(4 * 4 * 4, 200);
  EXPECT_EQ(render::frame_hash(f.data(), f.size()), render::frame_hash(f.data(), f.size()));
  uint64_t h = render::frame_hash(f.data(), f.size());
  f[5] ^= 1;
  EXPECT_NE(h, render::frame_hash(f.data(), f.size()));
  EXPECT_EQ(render::hash_hex(0x1234), "0000000000001234");
  auto png = render::encode_png(f.data(), 4, 4);
  ASSERT_TRUE(png.ok());
  const uint8_t sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  EXPECT_EQ(0, std::memcmp(png->data(), sig, 8));
}
