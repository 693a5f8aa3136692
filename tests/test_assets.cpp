#include <gtest/gtest.h>

#include <set>
#include <string>

#include "assets.h"

using namespace facsim;

TEST(Assets, AtlasHasTheFacesTheAppsUse) {
  const auto& a = assets::font_atlas();
  EXPECT_EQ(a.width, 1024);
  ASSERT_GE(a.faces.size(), 40u);
  int f = a.face_index(14, 700);
  EXPECT_EQ(a.faces[size_t(f)].px, 14);
  EXPECT_EQ(a.faces[size_t(f)].weight, 700);
  for (uint32_t c = 32; c < 127; ++c) EXPECT_NE(a.glyph(f, c), nullptr) << c;
  EXPECT_NE(a.glyph(f, 0x2605), nullptr);  // star, from the fallback font
  EXPECT_EQ(a.glyph(f, 0x4E00), nullptr);
}

TEST(Assets, AdvancesAreProportional) {
  const auto& a = assets::font_atlas();
  int f = a.face_index(14, 400);
  EXPECT_GT(assets::text_advance26(f, "WWW"), assets::text_advance26(f, "iii"));
  EXPECT_EQ(assets::text_advance26(f, "ab"),
            assets::text_advance26(f, "a") + assets::text_advance26(f, "b"));
  int bold = a.face_index(14, 700);
  EXPECT_GT(assets::text_advance26(bold, "Inbox"), assets::text_advance26(f, "Inbox"));
}

TEST(Assets, Utf8Decoding) {
  std::string s = "a\xE2\x98\x85\xC3\xA9\xFF";
  size_t i = 0;
  EXPECT_EQ(assets::next_codepoint(s, i), 'a');
  EXPECT_EQ(assets::next_codepoint(s, i), 0x2605u);
  EXPECT_EQ(assets::next_codepoint(s, i), 0xE9u);
  EXPECT_EQ(assets::next_codepoint(s, i), 0xFFFDu);
  EXPECT_EQ(i, s.size());
  std::string cut = "\xE2\x98";  // truncated sequence
  i = 0;
  EXPECT_EQ(assets::next_codepoint(cut, i), 0xFFFDu);
}

TEST(Assets, CorporaAreLoaded) {
  EXPECT_GE(assets::corpus("first_names").size(), 100u);
  EXPECT_GE(assets::corpus("projects").size(), 50u);
  EXPECT_THROW(assets::corpus("nope"), std::out_of_range);  // a misspelt name is loud
}

// Names with diacritics, prices and arrows render in every face (issue 19); a code point still
// missing draws the box U+25A1, never '?', and takes the box's width in layout.
TEST(Assets, LatinCurrencyArrowsAndTheMissingBox) {
  const auto& a = assets::font_atlas();
  for (size_t f = 0; f < a.faces.size(); ++f)
    for (uint32_t cp : {0xEBu, 0x141u, 0xFCu, 0xE7u, 0x20ACu, 0xA3u, 0xA5u, 0x20B9u, 0x2192u,
                        0x2260u, 0x25A1u}) {
      const assets::Glyph* g = a.glyph(int(f), cp);
      ASSERT_NE(g, nullptr) << "face " << f << " lacks U+" << std::hex << cp;
      EXPECT_EQ(g->codepoint, cp);
    }
  const int face = a.face_index(14, 400);
  const assets::Glyph* cjk = a.glyph_or_box(face, 0x65E5);  // 日: not baked
  ASSERT_NE(cjk, nullptr);
  EXPECT_EQ(cjk->codepoint, 0x25A1u);
  EXPECT_EQ(assets::text_advance26(face, "\xE6\x97\xA5"), a.glyph(face, 0x25A1)->advance);
  EXPECT_NE(assets::text_advance26(face, "\xE6\x97\xA5"), a.glyph(face, '?')->advance);
}

// The baked emoji (assets/fonts/emoji.bin): at least 100, each an image of the atlas with
// colour in it, named by Slack's shortcodes; the images baked before them kept their place.
TEST(Assets, EmojiAreImagesOfTheAtlas) {
  const auto& list = assets::emoji();
  ASSERT_GE(list.size(), 100u);
  const auto& atlas = assets::image_atlas();
  std::set<std::string> names;
  for (const assets::Emoji& e : list) {
    EXPECT_TRUE(names.insert(e.name).second) << e.name;
    EXPECT_EQ(assets::find_emoji(e.name), &e);
    const assets::Image* img = atlas.find("emoji:" + e.name);
    ASSERT_NE(img, nullptr) << e.name;
    EXPECT_EQ(img->w, assets::kEmojiPx);
    int opaque = 0, colours = 0;
    uint32_t first = 0;
    for (int y = 0; y < img->h; ++y)
      for (int x = 0; x < img->w; ++x) {
        const uint32_t p = atlas.pixels[size_t(img->y + y) * size_t(atlas.width) + size_t(img->x + x)];
        if ((p >> 24) > 200) {
          if (!opaque++) first = p;
          colours += p != first;
        }
      }
    EXPECT_GT(opaque, assets::kEmojiPx * assets::kEmojiPx / 16) << e.name;  // (a thin "!" has 30)
    EXPECT_GT(colours, 0) << e.name;
  }
  for (const char* n : {"+1", "eyes", "tada", "white_check_mark", "heart", "raised_hands", "palm_tree"})
    EXPECT_NE(assets::find_emoji(n), nullptr) << n;
  EXPECT_EQ(assets::find_emoji("no_such_emoji"), nullptr);
  EXPECT_EQ(atlas.find("avatar0")->y, 0);
  EXPECT_EQ(atlas.find("product:mug") ? atlas.find("product:mug")->y : 64, 64);
}
