// The primitives showcase (`facsim render --view primitives`): every primitive kind, clip
// kind and opacity on one page, for eyes, golden hashes and benchmarks.
#include <cstdio>
#include <string>

#include "assets.h"
#include "renderer.h"

namespace facsim::render {

DisplayList showcase(int w, int h) {
  const auto& fonts = assets::font_atlas();
  const auto& images = assets::image_atlas();
  DisplayList dl;
  auto text = [&](int x, int y, std::string_view s, int px, int weight, uint32_t c) {
    dl.text(x, y, s, fonts.face_index(px, weight), c);
  };
  dl.fill_rect(rect_px(0, 0, w, h), hex(0xF1F3F4));
  dl.linear_gradient(rect_px(0, 0, w, 120), {}, {0, 0}, hex(0x1A73E8), {w * 16, 120 * 16},
                     hex(0x9334E6));
  text(32, 56, "facsim renderer", 32, 700, hex(0xFFFFFF));
  text(32, 90, "Rects, per-corner radii, borders, text, images, gradients, shadows, clips, opacity",
       16, 400, hex(0xFFFFFF, 220));

  // Cards with shadows (CSS: 0 1px 3px rgba(0,0,0,.3), 0 4px 8px 3px rgba(0,0,0,.15)).
  const int card_w = 260, card_h = 300, top = 150;
  const char* const names[] = {"product:headphones", "product:mug", "product:sneaker",
                               "product:watch"};
  const char* const titles[] = {"Wireless Headphones", "Ceramic Mug, 350 ml",
                                "Running Sneaker", "Classic Watch"};
  for (int i = 0; i < 4; ++i) {
    const int x = 32 + i * (card_w + 24);
    dl.box_shadow(rect_px(x, top + 4, card_w, card_h), radii(12 * 16), 8 * 16, rgba(0, 0, 0, 38));
    dl.box_shadow(rect_px(x, top + 1, card_w, card_h), radii(12 * 16), 3 * 16, rgba(0, 0, 0, 77));
    dl.fill_rect(rect_px(x, top, card_w, card_h), hex(0xFFFFFF), radii(12 * 16));
    if (const assets::Image* img = images.find(names[i]))
      dl.image({x, top, x + card_w, top + 180}, {img->x, img->y, img->x + img->w, img->y + img->h},
               {12 * 16, 12 * 16, 0, 0});
    text(x + 16, top + 212, titles[i], 16, 500, hex(0x202124));
    text(x + 16, top + 238, "\xE2\x98\x85\xE2\x98\x85\xE2\x98\x85\xE2\x98\x85\xE2\x98\x86  1,204",
         14, 400, hex(0xE37400));
    char price[16];
    std::snprintf(price, sizeof price, "$%d.99", 19 + i * 30);
    text(x + 16, top + 276, price, 22, 700, hex(0x202124));
    // A pill badge with per-side border and a semi-transparent fill.
    dl.fill_rect(rect_px(x + card_w - 96, top + 256, 80, 28), hex(0x188038, 40), radii(14 * 16));
    dl.border(rect_px(x + card_w - 96, top + 256, 80, 28), 16, hex(0x188038), 14 * 16);
    text(x + card_w - 80, top + 275, "In stock", 13, 600, hex(0x137333));
  }

  // Avatars: images rounded into circles, with a ring.
  for (int i = 0; i < 8; ++i) {
    const int x = 32 + i * 56, y = 480;
    if (const assets::Image* img = images.find("avatar" + std::to_string(i)))
      dl.image({x, y, x + 44, y + 44}, {img->x, img->y, img->x + img->w, img->y + img->h},
               radii(22 * 16));
    dl.border(rect_px(x - 2, y - 2, 48, 48), 2 * 16, hex(0xFFFFFF), 24 * 16);
  }

  // A rounded scroll container (rounded clip) with rows scrolled half out of view.
  const IRect box{500, 470, 1000, 700};
  dl.box_shadow(rect_px(box.x0, box.y0 + 2, 500, 230), radii(16 * 16), 6 * 16, rgba(0, 0, 0, 50));
  dl.push_clip(box, 16 * 16);
  dl.fill_rect(rect_px(box.x0, box.y0, 500, 230), hex(0xFFFFFF));
  for (int r = 0; r < 7; ++r) {
    const int y = box.y0 - 18 + r * 40;
    dl.fill_rect(rect_px(box.x0, y, 500, 40), r % 2 ? hex(0xF8F9FA) : hex(0xFFFFFF));
    dl.border(rect_px(box.x0, y, 500, 40), EdgesQ4{0, 0, 0, 16}, hex(0xE0E0E0), {});
    text(box.x0 + 20, y + 26, "Row " + std::to_string(r + 1) + "  \xE2\x80\x93  Quarterly AVAWAY review", 14,
         r == 2 ? 700 : 400, hex(0x202124));
  }
  dl.pop_clip();
  dl.border(rect_px(box.x0, box.y0, 500, 230), 16, hex(0xDADCE0), 16 * 16);

  // Buttons: primary, secondary, disabled (opacity), a focus ring.
  const int by = 560;
  dl.fill_rect(rect_px(32, by, 120, 40), hex(0x0B57D0), radii(20 * 16));
  text(60, by + 26, "Primary", 14, 500, hex(0xFFFFFF));
  dl.border(rect_px(168, by, 120, 40), 16, hex(0x747775), 20 * 16);
  text(190, by + 26, "Secondary", 14, 500, hex(0x0B57D0));
  dl.push_opacity(97);
  dl.fill_rect(rect_px(304, by, 120, 40), hex(0x0B57D0), radii(20 * 16));
  text(332, by + 26, "Disabled", 14, 500, hex(0xFFFFFF));
  dl.pop_opacity();
  dl.border(rect_px(29, by + 57, 126, 46), 2 * 16, hex(0x0B57D0), 23 * 16);
  dl.fill_rect(rect_px(32, by + 60, 120, 40), hex(0xD3E3FD), radii(20 * 16));
  text(62, by + 86, "Focused", 14, 500, hex(0x041E49));
  // Text sizes and weights.
  int y = 740;
  const int sizes[] = {11, 12, 13, 14, 16, 18, 20, 22, 24, 28};
  int x = 32;
  for (int s : sizes) {
    text(x, y, "Ag", s, s % 4 == 0 ? 700 : 400, hex(0x3C4043));
    x += s * 2 + 8;
  }
  text(x + 16, y, "Half-pixel edges:", 14, 400, hex(0x3C4043));
  dl.fill_rect({(x + 150) * 16 + 8, (y - 14) * 16, (x + 190) * 16 + 8, (y - 2) * 16}, hex(0xD93025),
               {0, 6 * 16, 0, 6 * 16});
  return dl;
}

}  // namespace facsim::render
