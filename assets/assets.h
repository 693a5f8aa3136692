// assets: the committed, baked data facsim renders and generates worlds from.
//
// How to use:
//   const assets::FontAtlas& a = assets::font_atlas();      // parsed once, immutable, thread-safe
//   int face = a.face_index(14, 700);                        // 14 px bold (nearest baked size)
//   const assets::Glyph* g = a.glyph(face, 'A');             // nullptr if not baked
//   auto names = assets::corpus("first_names");              // lines of assets/corpora/*.txt
//   const assets::Image* img = assets::image_atlas().find("avatar3");   // RGBA atlas rect
// Everything is embedded in the binary (.incbin): nothing is read from disk at run time.
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace facsim::assets {

struct Glyph {
  uint32_t codepoint;
  uint16_t x, y;    // top-left in the atlas
  uint8_t w, h;     // bitmap size
  int8_t left;      // pen origin -> bitmap left edge, pixels
  int8_t top;       // baseline -> bitmap top edge, pixels (up is positive)
  int32_t advance;  // 26.6 fixed point pixels
};

struct Face {
  int px;           // pixel size (em)
  int weight;       // 400 regular, 500 medium, 600 semibold, 700 bold
  int ascent;       // pixels above the baseline
  int descent;      // pixels below the baseline (positive)
  int line_height;  // the font's natural line height in pixels
  uint32_t first_glyph, glyph_count;
};

struct FontAtlas {
  int width = 0, height = 0;
  std::span<const uint8_t> pixels;  // width * height coverage bytes
  std::vector<Face> faces;
  std::vector<Glyph> glyphs;        // per face, sorted by codepoint
  std::vector<int32_t> ascii;       // faces.size() * 128 -> glyph index or -1
  std::vector<int16_t> nearest;     // (px 0..63) * 10 + weight / 100 -> face (face_index cache)
  std::vector<int16_t> kerning;     // faces.size() * 128 * 128, ASCII pairs, 26.6

  // Pair adjustment (26.6) between code points `left` and `right`: the font's GPOS kerning
  // for printable ASCII pairs, 0 otherwise.
  int32_t kern(int face, uint32_t left, uint32_t right) const {
    return (left | right) < 128 ? kerning[(size_t(face) * 128 + left) * 128 + right] : 0;
  }

  // Nearest baked size and weight; italic faces (weight + 1 in the atlas: 401, 701) only when
  // `italic` (an atlas without them gives upright ones).
  int face_index(int px, int weight, bool italic = false) const;
  const Glyph* glyph(int face, uint32_t codepoint) const;   // nullptr when not baked
  // What a code point draws as: its glyph, else the box U+25A1 (a visible "missing"), else '?'
  // (an atlas baked before the box was).
  const Glyph* glyph_or_box(int face, uint32_t codepoint) const;
};

const FontAtlas& font_atlas();

// The RGBA image atlas (avatars, product pictures): generated once from integer-only drawing
// code, so it is identical on every machine; named rects index it.
struct Image {
  std::string name;   // "avatar3", "product:mug"
  int x, y, w, h;     // rect in the atlas
};
struct ImageAtlas {
  int width = 0, height = 0;
  std::vector<uint32_t> pixels;  // RGBA8, red in the low byte, straight alpha
  std::vector<Image> images;
  const Image* find(std::string_view name) const;  // nullptr when unknown
};
const ImageAtlas& image_atlas();

// The emoji drawn as pictures (baked from Noto Color Emoji by `./dev bake-emoji`): each is the
// image "emoji:<name>" of image_atlas(), kEmojiPx square, named by Slack's shortcode ("tada").
inline constexpr int kEmojiPx = 20;
struct Emoji {
  std::string name;
  uint32_t codepoint;
  std::string image;  // "emoji:<name>" (lives as long as the program: a Style::image)
};
const std::vector<Emoji>& emoji();               // in the baked order
const Emoji* find_emoji(std::string_view name);  // nullptr when not baked

// Lines of the embedded corpus `name`: assets/corpora/<name>.txt (first_names, last_names,
// companies, projects, ...). An unknown name throws
// std::out_of_range (a generator's bug; resets report it as an error).
const std::vector<std::string>& corpus(std::string_view name);

// Raw bytes of the atlas file (for tests that hash the assets).
std::span<const uint8_t> atlas_bytes();

}  // namespace facsim::assets

namespace facsim::assets {

// Decodes one UTF-8 code point at s[i] and advances i (invalid bytes decode as U+FFFD).
uint32_t next_codepoint(std::string_view s, size_t& i);

// Sum of glyph advances and kerning of `utf8` in face `face`, 26.6 fixed point (unknown
// glyphs use '?'). DisplayList::text places glyphs with exactly these advances.
int32_t text_advance26(int face, std::string_view utf8);

}  // namespace facsim::assets
