// bake_font: rasterises the faces facsim's apps use into one grayscale glyph atlas.
//
// Re-baking is a deliberate act (frame hashes change): run `./dev bake-font`, look at the
// frames, update golden hashes, commit assets/fonts/atlas.bin.
//
// Output format (little endian), read by assets/assets.cpp - keep in sync:
//   header  : "FSAT" u32 version=1, u32 atlas_w, u32 atlas_h, u32 n_faces, u32 n_glyphs
//   faces   : n_faces x { u16 px, u16 weight, i16 ascent, i16 descent, i16 line_height,
//                         u16 pad, u32 first_glyph, u32 glyph_count }          (20 bytes)
//   glyphs  : n_glyphs x { u32 codepoint, u16 x, u16 y, u8 w, u8 h, i8 left, i8 top,
//                          i32 advance_26_6 }                                   (16 bytes)
//   kerning : u32 n_pairs, n_pairs x { u16 face, u16 left, u16 right, i16 adjust_26_6 }
//             (version 2; printable ASCII pairs, from the font's GPOS `kern` feature)
//   pixels  : atlas_w * atlas_h bytes of 8-bit coverage
// Glyph outlines are hinted vertically only (FreeType light hinting) so baselines and x-heights
// land on pixels like a browser on Linux; advances stay fractional (26.6) so the layout can
// place glyph origins on integer pixels after accumulating exact advances.
#include <ft2build.h>
#include FT_FREETYPE_H
#include <hb-ot.h>
#include <hb.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

namespace {

struct Source { int weight; const char* path; };
const Source kSources[] = {
    {400, "/usr/share/fonts/opentype/inter/Inter-Regular.otf"},
    {500, "/usr/share/fonts/opentype/inter/Inter-Medium.otf"},
    {600, "/usr/share/fonts/opentype/inter/Inter-SemiBold.otf"},
    {700, "/usr/share/fonts/opentype/inter/Inter-Bold.otf"},
};
// Symbols Inter lacks come from DejaVu Sans (stars, check marks, icons).
const char* kFallbackRegular = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
const char* kFallbackBold = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";
const int kSizes[] = {11, 12, 13, 14, 16, 18, 20, 22, 24, 28, 32};
// Italic faces (mail's formatted text), stored with weight + 1 (401, 701). They come after the
// upright faces and are packed below them, so adding them moved no upright glyph.
const Source kItalicSources[] = {
    {401, "/usr/share/fonts/opentype/inter/Inter-Italic.otf"},
    {701, "/usr/share/fonts/opentype/inter/Inter-BoldItalic.otf"},
};
const int kItalicSizes[] = {13, 14};

// Code points added after the first bake (chat's names, prices, arrows): Latin-1 Supplement,
// Latin Extended-A, general punctuation, currency signs, arrows, and the box drawn for a code
// point still missing. They are packed below the rest, so no glyph baked before moved.
bool added_later(uint32_t c) {
  static const uint32_t kOld[] = {0x00B7, 0x00D7, 0x2013, 0x2014, 0x2018, 0x2019, 0x201C, 0x201D,
                                  0x2022, 0x2026, 0x2190, 0x2192, 0x2191, 0x2193, 0x2605, 0x2606,
                                  0x2713, 0x2715, 0x25BE, 0x2630, 0x21BB, 0x2709, 0x270E, 0x2691,
                                  0x25F7, 0x2302, 0x22EE, 0x2699, 0x25CB, 0x25CF};
  if (c >= 32 && c < 127) return false;
  for (uint32_t o : kOld)
    if (c == o) return false;
  return true;
}

std::vector<uint32_t> codepoints() {
  std::vector<uint32_t> cps;
  for (uint32_t c = 32; c < 127; ++c) cps.push_back(c);
  const uint32_t extra[] = {0x00B7, 0x00D7, 0x2013, 0x2014, 0x2018, 0x2019, 0x201C, 0x201D,
                            0x2022, 0x2026, 0x2190, 0x2192, 0x2191, 0x2193, 0x2605, 0x2606,
                            0x2713, 0x2715, 0x25BE, 0x2630, 0x21BB, 0x2709, 0x270E, 0x2691,
                            0x25F7, 0x2302, 0x22EE, 0x2699, 0x25CB, 0x25CF};
  for (uint32_t c : extra) cps.push_back(c);
  for (uint32_t c = 0xA1; c <= 0x17F; ++c)  // Latin-1 Supplement, Latin Extended-A
    if (c != 0xAD && c != 0xB7 && c != 0xD7) cps.push_back(c);
  const uint32_t more[] = {0x2010, 0x2011, 0x2012, 0x2015, 0x201A, 0x201E, 0x2020, 0x2021, 0x2030,
                           0x2032, 0x2033, 0x2039, 0x203A, 0x2044, 0x20AC, 0x20A3, 0x20A4, 0x20A6,
                           0x20A9, 0x20AA, 0x20AB, 0x20B1, 0x20B9, 0x20BA, 0x20BD, 0x2122, 0x2194,
                           0x2195, 0x21A9, 0x21AA, 0x21D0, 0x21D2, 0x2212, 0x2248, 0x2260, 0x2264,
                           0x2265, 0x25A1};
  for (uint32_t c : more) cps.push_back(c);
  std::sort(cps.begin(), cps.end());  // the reader binary-searches each face
  cps.erase(std::unique(cps.begin(), cps.end()), cps.end());
  return cps;
}

struct Glyph { uint32_t cp; int w, h, left, top, adv; std::vector<uint8_t> bits; int x = 0, y = 0; };
struct Kern { int left, right, adj; };
struct Face {
  int px, weight, ascent, descent, line_height;
  std::vector<Glyph> glyphs;
  std::vector<Kern> kerning;
};

// Pair adjustments as a browser applies them: shape each printable ASCII pair with HarfBuzz
// (kerning on, ligatures off) and keep the difference to the nominal advance, in 26.6.
std::vector<Kern> kerning(const char* path, int px) {
  std::vector<Kern> out;
  hb_blob_t* blob = hb_blob_create_from_file(path);
  hb_face_t* face = hb_face_create(blob, 0);
  hb_font_t* font = hb_font_create(face);
  hb_font_set_scale(font, px * 64, px * 64);
  const hb_feature_t features[] = {{HB_TAG('l', 'i', 'g', 'a'), 0, 0, ~0u},
                                   {HB_TAG('c', 'a', 'l', 't'), 0, 0, ~0u},
                                   {HB_TAG('k', 'e', 'r', 'n'), 1, 0, ~0u}};
  hb_buffer_t* buf = hb_buffer_create();
  for (int a = 33; a < 127; ++a)
    for (int b = 33; b < 127; ++b) {
      hb_buffer_clear_contents(buf);
      const uint32_t pair[2] = {uint32_t(a), uint32_t(b)};
      hb_buffer_add_utf32(buf, pair, 2, 0, 2);
      hb_buffer_set_direction(buf, HB_DIRECTION_LTR);
      hb_buffer_set_script(buf, HB_SCRIPT_LATIN);
      hb_buffer_set_language(buf, hb_language_from_string("en", -1));
      hb_shape(font, buf, features, 3);
      unsigned n = 0;
      hb_glyph_info_t* info = hb_buffer_get_glyph_infos(buf, &n);
      hb_glyph_position_t* pos = hb_buffer_get_glyph_positions(buf, nullptr);
      if (n != 2) continue;
      const int adj = pos[0].x_advance - hb_font_get_glyph_h_advance(font, info[0].codepoint);
      if (adj != 0) out.push_back({a, b, adj});
    }
  hb_buffer_destroy(buf);
  hb_font_destroy(font);
  hb_face_destroy(face);
  hb_blob_destroy(blob);
  return out;
}

void put16(std::vector<uint8_t>& o, uint32_t v) { o.push_back(v & 255); o.push_back((v >> 8) & 255); }
void put32(std::vector<uint8_t>& o, uint32_t v) { put16(o, v & 0xffff); put16(o, v >> 16); }

bool render(FT_Face f, uint32_t cp, Glyph& g) {
  FT_UInt gi = FT_Get_Char_Index(f, cp);
  if (gi == 0) return false;
  if (FT_Load_Glyph(f, gi, FT_LOAD_TARGET_LIGHT)) return false;
  if (FT_Render_Glyph(f->glyph, FT_RENDER_MODE_NORMAL)) return false;
  FT_Bitmap& b = f->glyph->bitmap;
  g.cp = cp;
  g.w = int(b.width);
  g.h = int(b.rows);
  g.left = f->glyph->bitmap_left;
  g.top = f->glyph->bitmap_top;
  // linearHoriAdvance is the unhinted advance in 16.16; keep 26.6 precision.
  g.adv = int((f->glyph->linearHoriAdvance + 512) >> 10);
  g.bits.resize(size_t(g.w) * g.h);
  for (int y = 0; y < g.h; ++y)
    std::memcpy(&g.bits[size_t(y) * g.w], b.buffer + y * b.pitch, size_t(g.w));
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: bake_font OUT.bin\n");
    return 2;
  }
  FT_Library lib;
  if (FT_Init_FreeType(&lib)) return 1;
  std::vector<Face> faces;
  const auto cps = codepoints();
  int missing = 0;
  struct Job { int px; Source s; };
  std::vector<Job> jobs;
  for (int px : kSizes)
    for (const Source& s : kSources) jobs.push_back({px, s});
  const size_t upright = jobs.size();
  for (int px : kItalicSizes)
    for (const Source& s : kItalicSources) jobs.push_back({px, s});
  for (const Job& job : jobs) {
    {
      const int px = job.px;
      const Source& s = job.s;
      FT_Face f, fb;
      if (FT_New_Face(lib, s.path, 0, &f) ||
          FT_New_Face(lib, s.weight >= 600 ? kFallbackBold : kFallbackRegular, 0, &fb)) {
        std::fprintf(stderr, "cannot open %s (install fonts-inter fonts-dejavu-core)\n", s.path);
        return 1;
      }
      FT_Set_Pixel_Sizes(f, 0, px);
      FT_Set_Pixel_Sizes(fb, 0, px);
      Face face{px, s.weight, 0, 0, 0, {}, kerning(s.path, px)};
      face.ascent = int((f->size->metrics.ascender + 32) >> 6);
      face.descent = int((-f->size->metrics.descender + 32) >> 6);
      face.line_height = int((f->size->metrics.height + 32) >> 6);
      for (uint32_t cp : cps) {
        Glyph g;
        if (render(f, cp, g) || render(fb, cp, g)) face.glyphs.push_back(std::move(g));
        else ++missing;
      }
      FT_Done_Face(f);
      FT_Done_Face(fb);
      faces.push_back(std::move(face));
    }
  }
  // Shelf packing, tallest first, into a 1024-wide atlas with a 1-pixel gutter.
  const int W = 1024;
  // The upright faces' first code points, then the italic faces' on shelves of their own
  // below them, then every face's code points added later: what was baked before keeps its
  // place in the atlas (and frames their bytes).
  std::vector<Glyph*> order;
  int x = 0, y = 0, shelf = 0;
  for (int part = 0; part < 3; ++part) {
    const size_t begin = order.size();
    for (size_t fi = part == 1 ? upright : 0; fi < (part == 0 ? upright : faces.size()); ++fi)
      for (auto& g : faces[fi].glyphs)
        if (added_later(g.cp) == (part == 2)) order.push_back(&g);
    std::stable_sort(order.begin() + long(begin), order.end(),
                     [](Glyph* a, Glyph* b) { return a->h > b->h; });
    if (part > 0 && x > 0) { x = 0; y += shelf + 1; shelf = 0; }
    for (size_t i = begin; i < order.size(); ++i) {
      Glyph* g = order[i];
      if (x + g->w + 1 > W) { x = 0; y += shelf + 1; shelf = 0; }
      g->x = x; g->y = y;
      x += g->w + 1;
      shelf = std::max(shelf, g->h);
    }
  }
  const int H = y + shelf + 1;
  std::vector<uint8_t> pixels(size_t(W) * H, 0);
  for (Glyph* g : order)
    for (int r = 0; r < g->h; ++r)
      std::memcpy(&pixels[size_t(g->y + r) * W + g->x], &g->bits[size_t(r) * g->w], size_t(g->w));

  std::vector<uint8_t> out = {'F', 'S', 'A', 'T'};
  uint32_t n_glyphs = 0;
  for (auto& f : faces) n_glyphs += uint32_t(f.glyphs.size());
  put32(out, 2); put32(out, W); put32(out, uint32_t(H)); put32(out, uint32_t(faces.size()));
  put32(out, n_glyphs);
  uint32_t first = 0;
  for (auto& f : faces) {
    put16(out, uint32_t(f.px)); put16(out, uint32_t(f.weight));
    put16(out, uint32_t(uint16_t(f.ascent))); put16(out, uint32_t(uint16_t(f.descent)));
    put16(out, uint32_t(uint16_t(f.line_height))); put16(out, 0);
    put32(out, first); put32(out, uint32_t(f.glyphs.size()));
    first += uint32_t(f.glyphs.size());
  }
  for (auto& f : faces)
    for (auto& g : f.glyphs) {
      if (g.w > 255 || g.h > 255) { std::fprintf(stderr, "glyph too large\n"); return 1; }
      put32(out, g.cp); put16(out, uint32_t(g.x)); put16(out, uint32_t(g.y));
      out.push_back(uint8_t(g.w)); out.push_back(uint8_t(g.h));
      out.push_back(uint8_t(int8_t(g.left))); out.push_back(uint8_t(int8_t(g.top)));
      put32(out, uint32_t(g.adv));
    }
  uint32_t n_kern = 0;
  for (auto& f : faces) n_kern += uint32_t(f.kerning.size());
  put32(out, n_kern);
  for (size_t fi = 0; fi < faces.size(); ++fi)
    for (const Kern& k : faces[fi].kerning) {
      put16(out, uint32_t(fi)); put16(out, uint32_t(k.left)); put16(out, uint32_t(k.right));
      put16(out, uint32_t(uint16_t(int16_t(k.adj))));
    }
  out.insert(out.end(), pixels.begin(), pixels.end());
  FILE* fp = std::fopen(argv[1], "wb");
  if (!fp || std::fwrite(out.data(), 1, out.size(), fp) != out.size()) return 1;
  std::fclose(fp);
  std::printf("baked %zu faces, %u glyphs, %u kerning pairs, atlas %dx%d, %d code points "
              "missing -> %s\n", faces.size(), n_glyphs, n_kern, W, H, missing, argv[1]);
  FT_Done_FreeType(lib);
  return 0;
}
