#include "assets.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <map>
#include <stdexcept>
#include <string>

extern "C" {
#define FACSIM_DECL(sym) extern const uint8_t sym##_begin[], sym##_end[];
FACSIM_DECL(facsim_atlas)
FACSIM_DECL(facsim_emoji)
#define FACSIM_CORPUS(name, sym) FACSIM_DECL(sym)
#include "corpora.inc"
#undef FACSIM_CORPUS
#undef FACSIM_DECL
}

namespace facsim::assets {
namespace {

struct Reader {
  const uint8_t* p;
  const uint8_t* end;
  uint32_t u(int n) {
    if (p + n > end) std::abort();  // the atlas is committed and tested; corruption is a bug
    uint32_t v = 0;
    for (int i = 0; i < n; ++i) v |= uint32_t(p[i]) << (8 * i);
    p += n;
    return v;
  }
};

FontAtlas parse_atlas() {
  FontAtlas a;
  Reader r{facsim_atlas_begin, facsim_atlas_end};
  if (std::memcmp(r.p, "FSAT", 4) != 0) std::abort();
  r.p += 4;
  if (r.u(4) != 2) std::abort();
  a.width = int(r.u(4));
  a.height = int(r.u(4));
  uint32_t nf = r.u(4), ng = r.u(4);
  for (uint32_t i = 0; i < nf; ++i) {
    Face f{};
    f.px = int(r.u(2));
    f.weight = int(r.u(2));
    f.ascent = int16_t(r.u(2));
    f.descent = int16_t(r.u(2));
    f.line_height = int16_t(r.u(2));
    r.u(2);
    f.first_glyph = r.u(4);
    f.glyph_count = r.u(4);
    a.faces.push_back(f);
  }
  for (uint32_t i = 0; i < ng; ++i) {
    Glyph g{};
    g.codepoint = r.u(4);
    g.x = uint16_t(r.u(2));
    g.y = uint16_t(r.u(2));
    g.w = uint8_t(r.u(1));
    g.h = uint8_t(r.u(1));
    g.left = int8_t(r.u(1));
    g.top = int8_t(r.u(1));
    g.advance = int32_t(r.u(4));
    a.glyphs.push_back(g);
  }
  a.kerning.assign(a.faces.size() * 128 * 128, 0);
  const uint32_t nk = r.u(4);
  for (uint32_t i = 0; i < nk; ++i) {
    const uint32_t f = r.u(2), left = r.u(2), right = r.u(2);
    const int16_t adj = int16_t(r.u(2));
    if (f >= nf || left >= 128 || right >= 128) std::abort();
    a.kerning[(size_t(f) * 128 + left) * 128 + right] = adj;
  }
  if (r.p + size_t(a.width) * a.height > r.end) std::abort();
  a.pixels = {r.p, size_t(a.width) * a.height};
  a.ascii.assign(a.faces.size() * 128, -1);
  for (size_t f = 0; f < a.faces.size(); ++f)
    for (uint32_t i = 0; i < a.faces[f].glyph_count; ++i) {
      uint32_t gi = a.faces[f].first_glyph + i;
      if (a.glyphs[gi].codepoint < 128) a.ascii[f * 128 + a.glyphs[gi].codepoint] = int32_t(gi);
    }
  a.nearest.resize(64 * 10);
  for (int px = 0; px < 64; ++px)
    for (int w = 0; w < 10; ++w) {
      int best = 0, best_cost = 1 << 30;
      for (size_t i = 0; i < a.faces.size(); ++i) {
        if (a.faces[i].weight % 100 != 0) continue;  // italic faces only when asked for
        int cost = std::abs(a.faces[i].px - px) * 1000 + std::abs(a.faces[i].weight - w * 100);
        if (cost < best_cost) best_cost = cost, best = int(i);
      }
      a.nearest[size_t(px) * 10 + size_t(w)] = int16_t(best);
    }
  return a;
}

std::vector<std::string> split_lines(const uint8_t* b, const uint8_t* e) {
  std::vector<std::string> out;
  std::string cur;
  for (const uint8_t* p = b; p < e; ++p) {
    if (*p == '\n') {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
    } else if (*p != '\r') {
      cur.push_back(char(*p));
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

}  // namespace

int FontAtlas::face_index(int px, int weight, bool italic) const {
  if (!italic && px >= 0 && px < 64 && weight >= 0 && weight < 1000 && weight % 100 == 0)
    return nearest[size_t(px) * 10 + size_t(weight / 100)];
  int best = 0, best_cost = 1 << 30;
  for (size_t i = 0; i < faces.size(); ++i) {
    if ((faces[i].weight % 100 != 0) != italic) continue;
    int cost = std::abs(faces[i].px - px) * 1000 + std::abs(faces[i].weight - weight);
    if (cost < best_cost) best_cost = cost, best = int(i);
  }
  if (italic && best_cost == (1 << 30)) return face_index(px, weight, false);
  return best;
}

const Glyph* FontAtlas::glyph(int face, uint32_t cp) const {
  if (cp < 128) {
    int32_t gi = ascii[size_t(face) * 128 + cp];
    return gi < 0 ? nullptr : &glyphs[size_t(gi)];
  }
  const Face& f = faces[size_t(face)];
  auto b = glyphs.begin() + f.first_glyph, e = b + f.glyph_count;
  auto it = std::lower_bound(b, e, cp, [](const Glyph& g, uint32_t c) { return g.codepoint < c; });
  return (it != e && it->codepoint == cp) ? &*it : nullptr;
}

const Glyph* FontAtlas::glyph_or_box(int face, uint32_t cp) const {
  if (const Glyph* g = glyph(face, cp)) return g;
  if (const Glyph* g = glyph(face, 0x25A1)) return g;
  return glyph(face, '?');
}

const FontAtlas& font_atlas() {
  static const FontAtlas atlas = parse_atlas();
  return atlas;
}

std::span<const uint8_t> atlas_bytes() {
  return {facsim_atlas_begin, size_t(facsim_atlas_end - facsim_atlas_begin)};
}

const std::vector<std::string>& corpus(std::string_view name) {
  static const std::map<std::string, std::vector<std::string>, std::less<>> all = [] {
    std::map<std::string, std::vector<std::string>, std::less<>> m;
#define FACSIM_CORPUS(key, sym) m[key] = split_lines(sym##_begin, sym##_end);
#include "corpora.inc"
#undef FACSIM_CORPUS
    return m;
  }();
  auto it = all.find(name);
  // A misspelt name is a generator's bug: it throws (the reset around it reports the error)
  // instead of handing out an empty list that a draw would divide by.
  if (it == all.end()) throw std::out_of_range("unknown corpus '" + std::string(name) + "'");
  return it->second;
}

}  // namespace facsim::assets

namespace facsim::assets {

uint32_t next_codepoint(std::string_view s, size_t& i) {
  const auto b = [&](size_t k) { return uint8_t(s[k]); };
  uint8_t c = b(i);
  int n = c < 0x80 ? 0 : (c >> 5) == 6 ? 1 : (c >> 4) == 14 ? 2 : (c >> 3) == 30 ? 3 : -1;
  if (n < 0 || i + size_t(n) >= s.size() + (n == 0 ? 1 : 0)) {
    if (n != 0) {
      ++i;
      return 0xFFFD;
    }
  }
  uint32_t cp = n == 0 ? c : (c & (0x3F >> n));
  for (int k = 1; k <= n; ++k) {
    if (i + size_t(k) >= s.size() || (b(i + size_t(k)) & 0xC0) != 0x80) {
      ++i;
      return 0xFFFD;
    }
    cp = (cp << 6) | (b(i + size_t(k)) & 0x3F);
  }
  i += size_t(n) + 1;
  return cp;
}

int32_t text_advance26(int face, std::string_view s) {
  const FontAtlas& a = font_atlas();
  int32_t pen = 0;
  const int32_t* ascii = &a.ascii[size_t(face) * 128];
  const int16_t* kern = &a.kerning[size_t(face) * 128 * 128];
  uint32_t prev = 0;
  for (size_t i = 0; i < s.size();) {
    const uint8_t c = uint8_t(s[i]);
    if (c < 128 && ascii[c] >= 0) {  // ASCII fast path
      pen += a.glyphs[size_t(ascii[c])].advance + (prev < 128 ? kern[prev * 128 + c] : 0);
      prev = c;
      ++i;
      continue;
    }
    const Glyph* g = a.glyph_or_box(face, next_codepoint(s, i));
    if (!g) continue;
    pen += g->advance + a.kern(face, prev, g->codepoint);
    prev = g->codepoint;
  }
  return pen;
}

}  // namespace facsim::assets
