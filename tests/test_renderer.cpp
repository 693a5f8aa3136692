#include <gtest/gtest.h>
#include <unistd.h>
#include <vulkan/vulkan.h>

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

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
  const auto& images = assets::image_atlas();
  auto coord = [&](int lim) { return int(rng.below(uint32_t(lim + 80) * 16)) - 40 * 16; };
  auto rect = [&](int mw, int mh) {
    int x0 = coord(w), y0 = coord(h);
    // Sometimes degenerate (zero or negative size).
    return render::RectQ4{x0, y0, x0 + int(rng.below(mw * 16)) - 8, y0 + int(rng.below(mh * 16)) - 8};
  };
  auto radii = [&](int max_px) {
    return render::Radii{int(rng.below(max_px * 16)), int(rng.below(max_px * 16)),
                         int(rng.below(max_px * 16)), int(rng.below(max_px * 16))};
  };
  uint32_t color = uint32_t(rng.next());
  if (rng.below(3) == 0) color |= 0xFF000000u;
  switch (rng.below(14)) {
    case 0: dl.fill_rect(rect(400, 300), color, int(rng.below(40 * 16))); break;
    case 1: dl.fill_rect(rect(300, 200), color, radii(60)); break;
    case 2:
      dl.border(rect(300, 200), int(rng.below(8 * 16)) + 1, color, int(rng.below(30 * 16)));
      break;
    case 3: {
      render::EdgesQ4 e{int(rng.below(10 * 16)), int(rng.below(10 * 16)),
                        int(rng.below(10 * 16)), int(rng.below(10 * 16))};
      dl.border(rect(300, 200), e, color, radii(40));
      break;
    }
    case 4:
    case 5: {
      int face = int(rng.below(uint32_t(atlas.faces.size())));
      dl.text(int(rng.below(uint32_t(w + 40))) - 20, int(rng.below(uint32_t(h + 40))) - 10,
              "Quarterly AVAWAY report \xE2\x98\x85 Re: invoice #4821", face, color);
      break;
    }
    case 6:
      dl.linear_gradient(rect(300, 200), radii(30), {coord(w), coord(h)}, color,
                         {coord(w), coord(h)}, uint32_t(rng.next()));
      break;
    case 7:
      dl.box_shadow(rect(200, 150), radii(30), int(rng.below(40 * 16)), color);
      break;
    case 8: {
      const auto& img = images.images[rng.below(uint32_t(images.images.size()))];
      int x0 = coord(w) / 16, y0 = coord(h) / 16;
      // Any scale, including a source rect past the atlas (dropped) and sub-rects.
      int sx = img.x + int(rng.below(8)), sy = img.y + int(rng.below(8));
      dl.image({x0, y0, x0 + int(rng.below(180)), y0 + int(rng.below(140))},
               {sx, sy, sx + int(rng.below(uint32_t(img.w + 4))), sy + int(rng.below(uint32_t(img.h + 4)))},
               radii(40));
      break;
    }
    case 9:
      dl.push_clip({int(rng.below(uint32_t(w))) - 10, int(rng.below(uint32_t(h))) - 10,
                    int(rng.below(uint32_t(w + 20))), int(rng.below(uint32_t(h + 20)))});
      break;
    case 10:
      dl.push_clip({int(rng.below(uint32_t(w))) - 10, int(rng.below(uint32_t(h))) - 10,
                    int(rng.below(uint32_t(w + 20))), int(rng.below(uint32_t(h + 20)))},
                   int(rng.below(24 * 16)));
      break;
    case 11: dl.pop_clip(); break;
    case 12: dl.push_opacity(uint32_t(rng.below(256))); break;
    case 13: dl.pop_opacity(); break;
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
    if (r.backend() == render::Backend::vulkan)  // one workgroup per dirty tile (the last call's): the unchanged launch nothing
      EXPECT_EQ(r.stats().groups, uint64_t(d.dirty_count)) << "frame " << frame;
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

// A batch whose envs changed differently: one dispatch over the dirty tiles of all of them,
// the same bytes as the CPU.
TEST(Renderer, DamageAcrossABatchIsOneCompactedDispatch) {
  REQUIRE_VULKAN(vk);
  auto c = cpu();
  const int w = 150, h = 90, tiles = ((w + 15) / 16) * ((h + 15) / 16);
  Rng rng{4242};
  std::vector<std::vector<uint64_t>> seeds(5, std::vector<uint64_t>(30));
  for (auto& s : seeds)
    for (auto& v : s) v = rng.next();
  std::vector<render::Damage> d(5);
  std::vector<uint8_t> frames(5 * size_t(w) * h * 4, 0);
  for (int round = 0; round < 6; ++round) {
    if (round > 0)
      for (size_t e = 1; e < seeds.size(); ++e)  // env 0 never changes; the others by 0..e edits
        for (size_t k = 0; k < rng.below(uint32_t(e + 1)); ++k) seeds[e][rng.below(30)] = rng.next();
    std::vector<DisplayList> lists;
    for (auto& s : seeds) lists.push_back(list_from(s, w, h));
    std::vector<const DisplayList*> lp;
    std::vector<render::Damage*> dp;
    for (size_t e = 0; e < lists.size(); ++e) lp.push_back(&lists[e]), dp.push_back(&d[e]);
    ASSERT_TRUE(vk->render(lp, w, h, frames.data(), dp));
    uint64_t dirty = 0;
    for (const auto& x : d) dirty += uint64_t(x.dirty_count);
    EXPECT_EQ(vk->stats().groups, dirty) << "round " << round;
    if (round == 0) EXPECT_EQ(dirty, uint64_t(5 * tiles));
    if (round > 0) EXPECT_EQ(d[0].dirty_count, 0);
    std::vector<uint8_t> ref(frames.size());
    ASSERT_TRUE(c->render(lp, w, h, ref.data()));
    ASSERT_EQ(frames, ref) << "round " << round;
  }
}

// The frames in device-local memory, copied back (all, or the tiles drawn): what a discrete GPU
// does by default, forced here so that lavapipe runs the same path.
TEST(Renderer, FramesOnTheDeviceGiveTheSameBytes) {
  REQUIRE_VULKAN(probe);
  auto made = render::create_renderer({.backend = render::Backend::vulkan, .frames_on_device = 1});
  ASSERT_TRUE(made.ok()) << made.error().message;
  auto& vk = *made;
  EXPECT_NE(vk->device_name().find("frames in device memory"), std::string::npos) << vk->device_name();
  check_damage(*vk);
  auto c = cpu();
  Rng rng{909};
  const int w = 173, h = 91;
  std::vector<DisplayList> lists;
  for (int i = 0; i < 60; ++i) lists.push_back(random_list(rng, w, h));
  std::vector<const DisplayList*> ptrs;
  for (auto& l : lists) ptrs.push_back(&l);
  std::vector<uint8_t> a(lists.size() * w * h * 4), b(a.size(), 0x55);
  ASSERT_TRUE(c->render(ptrs, w, h, a.data()));
  // Without readback first (the frames stay on the device; nothing is written to the host),
  // then with it.
  ASSERT_TRUE(vk->render(ptrs, w, h, nullptr));
  EXPECT_EQ(b[0], 0x55);
  ASSERT_TRUE(vk->render(ptrs, w, h, b.data()));
  EXPECT_EQ(a, b);
  // With the tile lists built on the GPU too (a discrete GPU's fastest full redraw).
  auto binning = render::create_renderer({.backend = render::Backend::vulkan, .gpu_binning = true, .frames_on_device = 1});
  ASSERT_TRUE(binning.ok());
  std::fill(b.begin(), b.end(), 0);
  ASSERT_TRUE((*binning)->render(ptrs, w, h, nullptr));
  ASSERT_TRUE((*binning)->render(ptrs, w, h, b.data()));
  EXPECT_EQ(a, b);
  // Damage tracking needs the frames on the host; the CPU renderer always does.
  render::Damage d;
  render::Damage* dp[] = {&d};
  const DisplayList* one[] = {ptrs[0]};
  EXPECT_FALSE(vk->render(one, w, h, nullptr, dp));
  EXPECT_FALSE(c->render(one, w, h, nullptr));
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
  // Every primitive kind, clip kind and opacity appear many times.
  size_t kinds[6] = {};
  size_t rounded_clip = 0, faded = 0;
  for (auto& l : lists)
    for (const render::Prim& p : l.prims()) {
      kinds[p.kind]++;
      rounded_clip += p.clip_radius != 0;
      faded += p.kind == render::kPrimImage && p.p2 < 255;
    }
  for (size_t k : kinds) EXPECT_GT(k, 100u);
  EXPECT_GT(rounded_clip, 100u);
  EXPECT_GT(faded, 50u);
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

// The banded encoder: every call decodes to the frame, and only changed bands are redone.
TEST(Renderer, PngEncoderRecompressesOnlyChangedBands) {
  const int w = 97, h = 70;  // a last band of 6 rows
  std::vector<uint8_t> f(size_t(w) * h * 4);
  for (size_t i = 0; i < f.size(); ++i) f[i] = (i % 4 == 3) ? 255 : uint8_t((i * 7) / 13);
  render::PngEncoder enc;
  auto check = [&](int expect_bands) {
    auto png = enc.encode(f.data(), w, h);
    ASSERT_TRUE(png.ok()) << png.error().message;
    EXPECT_EQ(enc.bands_compressed(), expect_bands);
    auto img = render::decode_png(*png);
    ASSERT_TRUE(img.ok()) << img.error().message;
    ASSERT_EQ(img->width, w);
    ASSERT_EQ(img->height, h);
    EXPECT_EQ(img->rgba, f);
    // The same pixels as the one-shot encoder's.
    auto one = render::decode_png(*render::encode_png(f.data(), w, h));
    ASSERT_TRUE(one.ok());
    EXPECT_EQ(one->rgba, img->rgba);
  };
  check(5);  // 70 rows: bands of 16, 16, 16, 16, 6
  check(0);  // unchanged
  f[(size_t(20) * w + 5) * 4] ^= 0x40;  // one pixel in band 1
  check(1);
  f[(size_t(69) * w + 96) * 4 + 2] ^= 1;  // the last pixel
  f[0] ^= 1;
  check(2);
  std::vector<uint8_t> small(size_t(8) * 8 * 4, 255);
  auto png = enc.encode(small.data(), 8, 8);  // a new size starts over
  ASSERT_TRUE(png.ok());
  EXPECT_EQ(enc.bands_compressed(), 1);
  EXPECT_EQ(render::decode_png(*png)->rgba, small);
  EXPECT_FALSE(enc.encode(small.data(), 0, 8).ok());
  enc.clear();
  EXPECT_EQ(enc.bytes(), 0u);
  EXPECT_FALSE(render::decode_png(std::vector<uint8_t>{1, 2, 3}).ok());
}

// [SECTION] Primitive semantics (CPU reference; Vulkan equality is the property test above)
TEST(Renderer, LinearGradientInterpolatesAcrossTheRect) {
  auto r = cpu();
  DisplayList dl;
  dl.linear_gradient(render::rect_px(0, 0, 256, 2), {}, {0, 0}, render::rgba(0, 0, 0),
                     {256 * 16, 0}, render::rgba(255, 255, 255));
  auto f = draw(*r, dl, 256, 2);
  EXPECT_LE(px(f, 256, 0, 0) & 0xFF, 1u);
  EXPECT_GE(px(f, 256, 255, 1) & 0xFF, 254u);
  uint32_t prev = 0;
  for (int x = 0; x < 256; ++x) {
    uint32_t v = px(f, 256, x, 0) & 0xFF;
    EXPECT_GE(v, prev);
    EXPECT_NEAR(int(v), x, 2);
    prev = v;
  }
}

TEST(Renderer, BoxShadowIsSoftSymmetricAndBounded) {
  auto r = cpu();
  DisplayList dl;
  // 40x40 rect at (40,40), blur 16 px (sigma 8): reaches 4 sigma = 32 px beyond the rect.
  dl.box_shadow(render::rect_px(40, 40, 40, 40), render::radii(8 * 16), 16 * 16,
                render::rgba(0, 0, 0));
  auto f = draw(*r, dl, 120, 120);
  EXPECT_LT(px(f, 120, 60, 60) & 0xFF, 20u);           // inside: nearly full
  EXPECT_EQ(px(f, 120, 7, 60), 0xFFFFFFFFu);           // beyond 4 sigma: untouched
  uint32_t edge = px(f, 120, 40, 60) & 0xFF;           // on the edge: about half
  EXPECT_NEAR(int(edge), 128, 20);
  for (int d = 0; d < 30; ++d) {                       // symmetric left/right and top/bottom
    EXPECT_EQ(px(f, 120, 40 - d, 60), px(f, 120, 79 + d, 60));
    EXPECT_EQ(px(f, 120, 60, 40 - d), px(f, 120, 60, 79 + d));
    if (d > 0) {
      EXPECT_GE(px(f, 120, 40 - d, 60) & 0xFF, px(f, 120, 41 - d, 60) & 0xFF);
    }
  }
}

TEST(Renderer, ImageAtScaleOneCopiesTheAtlasTexels) {
  auto r = cpu();
  const auto& atlas = assets::image_atlas();
  const assets::Image* img = atlas.find("product:mug");
  ASSERT_NE(img, nullptr);
  DisplayList dl;
  dl.image({3, 5, 3 + img->w, 5 + img->h}, {img->x, img->y, img->x + img->w, img->y + img->h});
  auto f = draw(*r, dl, 140, 140);
  for (int y = 0; y < img->h; y += 7)
    for (int x = 0; x < img->w; x += 5) {
      uint32_t t = atlas.pixels[size_t(img->y + y) * atlas.width + size_t(img->x + x)];
      ASSERT_EQ(t >> 24, 255u);  // product pictures are opaque
      ASSERT_EQ(px(f, 140, 3 + x, 5 + y), t) << x << "," << y;
    }
  // Scaled down 2x with rounded corners: the corner is background, the centre is the picture.
  DisplayList round;
  round.image({0, 0, 64, 64}, {img->x, img->y, img->x + 128, img->y + 128}, render::radii(32 * 16));
  auto g = draw(*r, round, 64, 64);
  EXPECT_EQ(px(g, 64, 0, 0), 0xFFFFFFFFu);
  EXPECT_NE(px(g, 64, 32, 40), 0xFFFFFFFFu);
  // Unknown atlas rects draw nothing.
  DisplayList bad;
  bad.image({0, 0, 10, 10}, {atlas.width - 4, 0, atlas.width + 4, 8});
  EXPECT_EQ(bad.size(), 0u);
}

TEST(Renderer, PerCornerRadiiAndPerSideBorders) {
  auto r = cpu();
  DisplayList dl;
  dl.fill_rect(render::rect_px(0, 0, 20, 20), render::rgba(0, 0, 0), render::Radii{10 * 16, 0, 0, 0});
  dl.border(render::rect_px(30, 0, 20, 20), render::EdgesQ4{3 * 16, 0, 0, 1 * 16},
            render::rgba(0, 0, 255), {});
  auto f = draw(*r, dl, 50, 20);
  EXPECT_EQ(px(f, 50, 0, 0), 0xFFFFFFFFu);             // rounded top-left
  EXPECT_EQ(px(f, 50, 19, 0), render::rgba(0, 0, 0));  // square top-right
  EXPECT_EQ(px(f, 50, 0, 19), render::rgba(0, 0, 0));  // square bottom-left
  EXPECT_EQ(px(f, 50, 32, 5), render::rgba(0, 0, 255));  // left side, 3 px
  EXPECT_EQ(px(f, 50, 33, 5), 0xFFFFFFFFu);
  EXPECT_EQ(px(f, 50, 40, 19), render::rgba(0, 0, 255)); // bottom side, 1 px
  EXPECT_EQ(px(f, 50, 40, 18), 0xFFFFFFFFu);
  EXPECT_EQ(px(f, 50, 49, 5), 0xFFFFFFFFu);            // no right side
}

TEST(Renderer, RoundedClipAndOpacity) {
  auto r = cpu();
  DisplayList dl;
  dl.push_clip({0, 0, 20, 20}, 8 * 16);
  dl.fill_rect(render::rect_px(0, 0, 20, 20), render::rgba(0, 0, 0));
  dl.pop_clip();
  dl.push_opacity(128);
  dl.push_opacity(255);
  dl.fill_rect(render::rect_px(20, 0, 4, 4), render::rgba(0, 0, 0));
  dl.pop_opacity();
  dl.pop_opacity();
  dl.fill_rect(render::rect_px(24, 0, 4, 4), render::rgba(0, 0, 0));
  auto f = draw(*r, dl, 30, 20);
  EXPECT_EQ(px(f, 30, 0, 0), 0xFFFFFFFFu);             // clipped corner
  EXPECT_EQ(px(f, 30, 10, 10), render::rgba(0, 0, 0));
  EXPECT_EQ(px(f, 30, 21, 1) & 0xFF, 127u);            // 50% black over white
  EXPECT_EQ(px(f, 30, 25, 1), render::rgba(0, 0, 0));  // opacity popped
}

TEST(Renderer, TextUsesTheFontsKerning) {
  const auto& a = assets::font_atlas();
  const int face = a.face_index(32, 400);
  const int32_t av = assets::text_advance26(face, "AV");
  const int32_t sum = assets::text_advance26(face, "A") + assets::text_advance26(face, "V");
  EXPECT_LT(av, sum);  // Inter kerns "AV" tighter
  EXPECT_EQ(a.kern(face, 'A', 'V'), av - sum);
  DisplayList dl;
  EXPECT_EQ(dl.text(0, 30, "AVAWAY To", face, 0xFF000000u), assets::text_advance26(face, "AVAWAY To"));
}

// The primitives showcase: the same bytes on the CPU and on Vulkan, and a golden hash (look at
// `facsim render --view primitives` before updating with FACSIM_UPDATE_GOLDEN=1).
TEST(Renderer, ShowcaseGoldenOnEveryBackend) {
  const std::string path = std::string(FACSIM_GOLDEN_DIR) + "/showcase.txt";
  std::string got;
  for (auto [w, h] : {std::pair{1280, 800}, std::pair{733, 419}}) {
    const DisplayList dl = render::showcase(w, h);
    auto f = draw(*cpu(), dl, w, h);
    got += std::to_string(w) + "x" + std::to_string(h) + " " +
           render::hash_hex(render::frame_hash(f.data(), f.size())) + "\n";
    std::string why;
    if (auto vk = vulkan_or_null(&why)) {
      EXPECT_EQ(draw(*vk, dl, w, h), f) << "vulkan differs at " << w << "x" << h;
    } else if (!std::getenv("FACSIM_ALLOW_NO_VULKAN")) {
      FAIL() << "no Vulkan device: " << why;
    }
  }
  if (std::getenv("FACSIM_UPDATE_GOLDEN")) {
    std::ofstream(path) << got;
    GTEST_SKIP() << "golden rewritten";
  }
  std::ifstream in(path);
  ASSERT_TRUE(in) << "missing " << path;
  std::stringstream want;
  want << in.rdbuf();
  EXPECT_EQ(want.str(), got);
}

// GPU binning (shaders/bin.comp) gives the CPU reference's bytes; an index buffer too small for
// the batch is reported through the status word, grown and the batch redone - never silent.
TEST(Renderer, GpuBinningMatchesCpuAndRecoversFromOverflow) {
  std::string why;
  auto probe = vulkan_or_null(&why);
  if (!probe) {
    if (std::getenv("FACSIM_ALLOW_NO_VULKAN")) GTEST_SKIP() << why;
    FAIL() << "no Vulkan device: " << why;
  }
  auto made = render::create_renderer(
      {.backend = render::Backend::vulkan, .gpu_binning = true, .bin_capacity = 16});
  ASSERT_TRUE(made.ok());
  auto& vk = *made;
  auto c = cpu();
  Rng rng{77};
  const int w = 211, h = 133;
  std::vector<DisplayList> lists;
  for (int i = 0; i < 120; ++i) lists.push_back(random_list(rng, w, h));
  lists.push_back(DisplayList{});  // an empty list
  lists.push_back(render::showcase(w, h));
  std::vector<const DisplayList*> ptrs;
  for (auto& l : lists) ptrs.push_back(&l);
  std::vector<uint8_t> a(lists.size() * w * h * 4), b(a.size(), 0x55);
  ASSERT_TRUE(c->render(ptrs, w, h, a.data()));
  ASSERT_TRUE(vk->render(ptrs, w, h, b.data()));
  EXPECT_EQ(vk->stats().bin_retries, 1u);          // 16 entries could not hold the batch
  EXPECT_EQ(vk->stats().tile_refs, c->stats().tile_refs);  // the same lists, built on the GPU
  for (size_t i = 0; i < lists.size(); ++i)
    EXPECT_EQ(0, std::memcmp(a.data() + i * w * h * 4, b.data() + i * w * h * 4, size_t(w) * h * 4))
        << "display list " << i << " differs";
  std::fill(b.begin(), b.end(), 0);
  ASSERT_TRUE(vk->render(ptrs, w, h, b.data()));   // the grown buffer is kept
  EXPECT_EQ(vk->stats().bin_retries, 0u);
  EXPECT_EQ(a, b);
}

// [SECTION] Exported frames (RendererDesc::export_frames): the memory another API imports

namespace {

// Imports an exported opaque fd into a Vulkan device of its own (another instance, the same GPU
// by UUID) and reads it: what CUDA does on an NVIDIA GPU, here on lavapipe, whose memory the
// host can map. Empty (with `why`) where the device offers no host-visible memory to map.
std::vector<uint8_t> read_imported(int fd, const render::ExportInfo& info, size_t bytes, std::string& why) {
  std::vector<uint8_t> out;
  VkApplicationInfo app{VK_STRUCTURE_TYPE_APPLICATION_INFO};
  app.apiVersion = VK_API_VERSION_1_1;
  VkInstanceCreateInfo ici{VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO};
  ici.pApplicationInfo = &app;
  VkInstance inst = VK_NULL_HANDLE;
  if (vkCreateInstance(&ici, nullptr, &inst) != VK_SUCCESS) {
    close(fd);
    why = "vkCreateInstance";
    return out;
  }
  uint32_t n = 0;
  vkEnumeratePhysicalDevices(inst, &n, nullptr);
  std::vector<VkPhysicalDevice> devs(n);
  vkEnumeratePhysicalDevices(inst, &n, devs.data());
  VkPhysicalDevice phys = VK_NULL_HANDLE;
  for (VkPhysicalDevice d : devs) {
    VkPhysicalDeviceIDProperties idp{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_ID_PROPERTIES};
    VkPhysicalDeviceProperties2 p2{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_PROPERTIES_2};
    p2.pNext = &idp;
    vkGetPhysicalDeviceProperties2(d, &p2);
    if (std::memcmp(idp.deviceUUID, info.device_uuid, 16) == 0) phys = d;
  }
  VkDevice dev = VK_NULL_HANDLE;
  if (phys) {
    float prio = 1;
    VkDeviceQueueCreateInfo qci{VK_STRUCTURE_TYPE_DEVICE_QUEUE_CREATE_INFO};
    qci.queueCount = 1;
    qci.pQueuePriorities = &prio;
    const char* ext = VK_KHR_EXTERNAL_MEMORY_FD_EXTENSION_NAME;
    VkDeviceCreateInfo dci{VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO};
    dci.queueCreateInfoCount = 1;
    dci.pQueueCreateInfos = &qci;
    dci.enabledExtensionCount = 1;
    dci.ppEnabledExtensionNames = &ext;
    if (vkCreateDevice(phys, &dci, nullptr, &dev) != VK_SUCCESS) dev = VK_NULL_HANDLE;
  }
  VkPhysicalDeviceMemoryProperties mp{};
  if (phys) vkGetPhysicalDeviceMemoryProperties(phys, &mp);
  int type = -1;
  const VkMemoryPropertyFlags want = VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT | VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT |
                                     VK_MEMORY_PROPERTY_HOST_COHERENT_BIT;
  for (uint32_t i = 0; i < mp.memoryTypeCount && type < 0; ++i)
    if ((mp.memoryTypes[i].propertyFlags & want) == want) type = int(i);
  if (!dev) why = "no device with the exporter's UUID";
  else if (type < 0) why = "no device-local memory the host can map (a discrete GPU): nothing to read here";
  if (dev && type >= 0) {
    VkImportMemoryFdInfoKHR imp{VK_STRUCTURE_TYPE_IMPORT_MEMORY_FD_INFO_KHR};
    imp.handleType = VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_FD_BIT;
    imp.fd = fd;
    VkMemoryAllocateInfo mai{VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO};
    mai.pNext = &imp;
    mai.allocationSize = info.allocation_bytes;
    mai.memoryTypeIndex = uint32_t(type);
    VkDeviceMemory mem = VK_NULL_HANDLE;
    void* map = nullptr;
    if (vkAllocateMemory(dev, &mai, nullptr, &mem) != VK_SUCCESS) {
      why = "vkAllocateMemory refused the fd";
      close(fd);
    } else if (vkMapMemory(dev, mem, 0, VK_WHOLE_SIZE, 0, &map) != VK_SUCCESS) {
      why = "vkMapMemory";
    } else {
      out.assign(static_cast<const uint8_t*>(map), static_cast<const uint8_t*>(map) + bytes);
    }
    if (mem) vkFreeMemory(dev, mem, nullptr);  // the imported memory owned the fd
  } else {
    close(fd);
  }
  if (dev) vkDestroyDevice(dev, nullptr);
  vkDestroyInstance(inst, nullptr);
  return out;
}

}  // namespace

// The exported buffer holds every frame whole after each render, damage tracking or not (the
// tiles a render skipped are the previous frame's, and a reallocated buffer is drawn in full):
// what a CUDA consumer reads without a copy through the host.
TEST(Renderer, ExportedFramesHoldEveryFrameWhole) {
  REQUIRE_VULKAN(probe);
  auto made = render::create_renderer({.backend = render::Backend::vulkan, .export_frames = true});
  if (!made) GTEST_SKIP() << made.error().message;  // a device without VK_KHR_external_memory_fd
  auto& vk = *made;
  ASSERT_TRUE(vk->exported().ok());
  EXPECT_EQ(vk->exported()->envs, 0);
  EXPECT_FALSE(vk->export_memory_fd().ok());  // nothing rendered yet
  auto c = cpu();
  const int w = 150, h = 90;
  Rng rng{31337};
  std::vector<std::vector<uint64_t>> seeds(3, std::vector<uint64_t>(30));
  for (auto& s : seeds)
    for (auto& v : s) v = rng.next();
  std::vector<render::Damage> d(5);
  uint64_t generation = 0;
  std::vector<uint8_t> frames;  // the host frames the damage refers to (one buffer throughout)
  frames.reserve(5 * size_t(w) * h * 4);
  for (int round = 0; round < 4; ++round) {
    if (round == 3) seeds.resize(5, seeds[0]);  // a bigger batch: a new buffer, drawn whole
    if (round > 0)
      for (size_t e = 1; e < seeds.size(); ++e) seeds[e][rng.below(30)] = rng.next();
    std::vector<DisplayList> lists;
    for (auto& s : seeds) lists.push_back(list_from(s, w, h));
    std::vector<const DisplayList*> lp;
    std::vector<render::Damage*> dp;
    for (size_t e = 0; e < lists.size(); ++e) lp.push_back(&lists[e]), dp.push_back(&d[e]);
    frames.resize(lists.size() * size_t(w) * h * 4);
    std::vector<uint8_t> ref(frames.size());
    ASSERT_TRUE(vk->render(lp, w, h, frames.data(), dp)) << round;
    ASSERT_TRUE(c->render(lp, w, h, ref.data()));
    ASSERT_EQ(frames, ref) << "round " << round;
    auto info = vk->exported();
    ASSERT_TRUE(info.ok());
    EXPECT_EQ(info->envs, int(lists.size()));
    EXPECT_EQ(info->width, w);
    EXPECT_GE(info->allocation_bytes, frames.size());
    if (round == 0) generation = info->generation;
    if (round == 1 || round == 2) {
      EXPECT_EQ(info->generation, generation);  // the same buffer: importers keep their import
      EXPECT_LT(d[1].dirty_count, d[1].tiles_x * d[1].tiles_y);  // and only some tiles drawn
    }
    if (round == 3) {
      EXPECT_NE(info->generation, generation);  // reallocated: import again
      EXPECT_EQ(d[0].dirty_count, d[0].tiles_x * d[0].tiles_y);  // every frame drawn whole
    }
    auto fd = vk->export_memory_fd();
    ASSERT_TRUE(fd.ok()) << fd.error().message;
    std::string why;
    std::vector<uint8_t> seen = read_imported(*fd, *info, frames.size(), why);
    if (seen.empty()) GTEST_SKIP() << why;
    ASSERT_EQ(seen, ref) << "round " << round << ": the exported memory is not every frame whole";
  }
}

TEST(Renderer, OnlyVulkanExportsFramesAndCudaSaysWhyNot) {
  EXPECT_FALSE(render::create_renderer({.backend = render::Backend::cpu, .export_frames = true}).ok());
  auto c = cpu();
  EXPECT_FALSE(c->exported().ok());
  EXPECT_FALSE(c->export_memory_fd().ok());
  // CUDA over a renderer that exports nothing: an error, never a crash (built with CUDA or not).
  auto cf = render::CudaFrames::create(*c);
  ASSERT_FALSE(cf.ok());
  EXPECT_FALSE(cf.error().message.empty());
  if (!render::cuda_built()) {
    EXPECT_EQ(cf.error().code, Errc::unsupported);
  }
}

// RGBA -> RGB, four pixels at a time and the rest one by one: every count, every byte.
TEST(Renderer, RgbaToRgbKeepsEveryByte) {
  Rng rng{5};
  std::vector<uint8_t> in(4 * 37);
  for (auto& b : in) b = uint8_t(rng.below(256));
  for (size_t n = 0; n <= 37; ++n) {
    std::vector<uint8_t> out(3 * n + 3, 0xEE);
    render::rgba_to_rgb(in.data(), n, out.data());
    for (size_t i = 0; i < n; ++i)
      for (size_t c = 0; c < 3; ++c) ASSERT_EQ(out[i * 3 + c], in[i * 4 + c]) << n << " " << i;
    EXPECT_EQ(out[3 * n], 0xEE);  // nothing written past the end
  }
}
