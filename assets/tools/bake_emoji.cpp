// bake_emoji: the emoji facsim draws as pictures (chat's reactions, statuses, the emoji
// picker), cut from Debian's Noto Color Emoji (fonts-noto-color-emoji, SIL OFL 1.1) and
// reduced to kSize pixels square.
//
// Re-baking is a deliberate act (frame hashes change): `./dev bake-emoji FONT`, look at the
// frames, update golden hashes, commit assets/fonts/emoji.bin. The font is not needed to build.
//
// Output format (little endian), read by assets/assets.cpp - keep in sync:
//   header : "FSEM" u32 version=1, u32 size, u32 count
//   entries: count x { char name[32] (Slack's shortcode, NUL-padded), u32 codepoint }
//   pixels : count x size * size RGBA8, straight alpha, rows top to bottom
#include <ft2build.h>
#include FT_FREETYPE_H

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <vector>

namespace {

constexpr int kSize = 20;

struct Emoji {
  const char* name;
  uint32_t cp;
};
// Slack's shortcodes for common emoji: reactions, statuses, everyday faces and objects.
constexpr Emoji kEmoji[] = {
    {"+1", 0x1F44D}, {"-1", 0x1F44E}, {"eyes", 0x1F440}, {"tada", 0x1F389},
    {"white_check_mark", 0x2705}, {"heart", 0x2764}, {"raised_hands", 0x1F64C},
    {"palm_tree", 0x1F334}, {"spiral_calendar_pad", 0x1F5D3}, {"face_with_thermometer", 0x1F912},
    {"house", 0x1F3E0}, {"headphones", 0x1F3A7}, {"speech_balloon", 0x1F4AC},
    {"smile", 0x1F604}, {"grinning", 0x1F600}, {"joy", 0x1F602}, {"rolling_on_the_floor_laughing", 0x1F923},
    {"slightly_smiling_face", 0x1F642}, {"upside_down_face", 0x1F643}, {"wink", 0x1F609},
    {"blush", 0x1F60A}, {"innocent", 0x1F607}, {"heart_eyes", 0x1F60D}, {"star-struck", 0x1F929},
    {"kissing_heart", 0x1F618}, {"yum", 0x1F60B}, {"stuck_out_tongue", 0x1F61B},
    {"thinking_face", 0x1F914}, {"face_with_raised_eyebrow", 0x1F928}, {"neutral_face", 0x1F610},
    {"expressionless", 0x1F611}, {"no_mouth", 0x1F636}, {"smirk", 0x1F60F}, {"unamused", 0x1F612},
    {"face_with_rolling_eyes", 0x1F644}, {"grimacing", 0x1F62C}, {"relieved", 0x1F60C},
    {"pensive", 0x1F614}, {"sleepy", 0x1F62A}, {"sleeping", 0x1F634}, {"mask", 0x1F637},
    {"nerd_face", 0x1F913}, {"sunglasses", 0x1F60E}, {"confused", 0x1F615}, {"worried", 0x1F61F},
    {"open_mouth", 0x1F62E}, {"astonished", 0x1F632}, {"flushed", 0x1F633}, {"cry", 0x1F622},
    {"sob", 0x1F62D}, {"scream", 0x1F631}, {"sweat_smile", 0x1F605}, {"sweat", 0x1F613},
    {"weary", 0x1F629}, {"triumph", 0x1F624}, {"rage", 0x1F621}, {"exploding_head", 0x1F92F},
    {"partying_face", 0x1F973}, {"hugging_face", 0x1F917}, {"shushing_face", 0x1F92B},
    {"wave", 0x1F44B}, {"ok_hand", 0x1F44C}, {"v", 0x270C}, {"crossed_fingers", 0x1F91E},
    {"point_up", 0x261D}, {"point_right", 0x1F449}, {"point_left", 0x1F448}, {"clap", 0x1F44F},
    {"pray", 0x1F64F}, {"muscle", 0x1F4AA}, {"handshake", 0x1F91D}, {"writing_hand", 0x270D},
    {"fist", 0x270A}, {"100", 0x1F4AF}, {"fire", 0x1F525}, {"sparkles", 0x2728}, {"star", 0x2B50},
    {"zap", 0x26A1}, {"boom", 0x1F4A5}, {"rocket", 0x1F680}, {"bulb", 0x1F4A1},
    {"warning", 0x26A0}, {"x", 0x274C}, {"heavy_check_mark", 0x2714}, {"question", 0x2753},
    {"exclamation", 0x2757}, {"no_entry", 0x26D4}, {"rotating_light", 0x1F6A8}, {"bug", 0x1F41B},
    {"hammer_and_wrench", 0x1F6E0}, {"gear", 0x2699}, {"lock", 0x1F512}, {"key", 0x1F511},
    {"memo", 0x1F4DD}, {"pushpin", 0x1F4CC}, {"paperclip", 0x1F4CE}, {"calendar", 0x1F4C6},
    {"date", 0x1F4C5}, {"chart_with_upwards_trend", 0x1F4C8}, {"chart_with_downwards_trend", 0x1F4C9},
    {"bar_chart", 0x1F4CA}, {"clipboard", 0x1F4CB}, {"email", 0x1F4E7}, {"inbox_tray", 0x1F4E5},
    {"package", 0x1F4E6}, {"moneybag", 0x1F4B0}, {"dollar", 0x1F4B5}, {"credit_card", 0x1F4B3},
    {"computer", 0x1F4BB}, {"iphone", 0x1F4F1}, {"telephone_receiver", 0x1F4DE}, {"mag", 0x1F50D},
    {"link", 0x1F517}, {"bell", 0x1F514}, {"hourglass", 0x231B}, {"alarm_clock", 0x23F0},
    {"coffee", 0x2615}, {"pizza", 0x1F355}, {"beer", 0x1F37A}, {"birthday", 0x1F382},
    {"gift", 0x1F381}, {"balloon", 0x1F388}, {"trophy", 0x1F3C6}, {"medal", 0x1F3C5},
    {"dart", 0x1F3AF}, {"airplane", 0x2708}, {"car", 0x1F697}, {"sun_with_face", 0x1F31E},
    {"rainbow", 0x1F308}, {"snowflake", 0x2744}, {"umbrella", 0x2614}, {"seedling", 0x1F331},
    {"dog", 0x1F436}, {"cat", 0x1F431}, {"unicorn_face", 0x1F984}, {"brain", 0x1F9E0},
    {"see_no_evil", 0x1F648}, {"green_heart", 0x1F49A},
    {"blue_heart", 0x1F499}, {"purple_heart", 0x1F49C}, {"broken_heart", 0x1F494},
    {"red_circle", 0x1F534}, {"large_green_circle", 0x1F7E2}, {"large_yellow_circle", 0x1F7E1},
    {"arrow_up", 0x2B06}, {"arrow_down", 0x2B07}, {"arrows_counterclockwise", 0x1F504},
    {"construction", 0x1F6A7}, {"ship", 0x1F6A2}, {"books", 0x1F4DA}, {"mortar_board", 0x1F393},
};

void put32(std::vector<uint8_t>& b, uint32_t v) {
  for (int i = 0; i < 4; ++i) b.push_back(uint8_t(v >> (8 * i)));
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: bake_emoji NotoColorEmoji.ttf OUT.bin\n");
    return 2;
  }
  FT_Library ft;
  FT_Face face;
  if (FT_Init_FreeType(&ft) || FT_New_Face(ft, argv[1], 0, &face)) {
    std::fprintf(stderr, "cannot open %s\n", argv[1]);
    return 1;
  }
  if (face->num_fixed_sizes < 1 || FT_Select_Size(face, 0)) {
    std::fprintf(stderr, "%s has no bitmap strike\n", argv[1]);
    return 1;
  }
  std::vector<uint8_t> out = {'F', 'S', 'E', 'M'};
  put32(out, 1);
  put32(out, kSize);
  put32(out, uint32_t(std::size(kEmoji)));
  for (const Emoji& e : kEmoji) {
    char name[32] = {};
    std::strncpy(name, e.name, sizeof name - 1);
    out.insert(out.end(), name, name + 32);
    put32(out, e.cp);
  }
  for (const Emoji& e : kEmoji) {
    const FT_UInt gi = FT_Get_Char_Index(face, e.cp);
    if (!gi || FT_Load_Glyph(face, gi, FT_LOAD_COLOR) ||
        face->glyph->bitmap.pixel_mode != FT_PIXEL_MODE_BGRA) {
      std::fprintf(stderr, "no colour glyph for :%s: (U+%X)\n", e.name, e.cp);
      return 1;
    }
    const FT_Bitmap& bm = face->glyph->bitmap;
    const int sw = int(bm.width), sh = int(bm.rows);
    // Fit the square: the longer side becomes kSize; centred; area-averaged in premultiplied
    // colour (FreeType's BGRA is premultiplied), then made straight.
    const double scale = double(std::max(sw, sh)) / kSize;
    const double ox = (kSize - sw / scale) / 2, oy = (kSize - sh / scale) / 2;
    for (int y = 0; y < kSize; ++y)
      for (int x = 0; x < kSize; ++x) {
        double acc[4] = {0, 0, 0, 0}, area = 0;
        const double x0 = (x - ox) * scale, x1 = (x + 1 - ox) * scale;
        const double y0 = (y - oy) * scale, y1 = (y + 1 - oy) * scale;
        for (int sy = std::max(0, int(std::floor(y0))); sy < std::min(sh, int(std::ceil(y1))); ++sy)
          for (int sx = std::max(0, int(std::floor(x0))); sx < std::min(sw, int(std::ceil(x1))); ++sx) {
            const double wx = std::min(x1, sx + 1.0) - std::max(x0, double(sx));
            const double wy = std::min(y1, sy + 1.0) - std::max(y0, double(sy));
            if (wx <= 0 || wy <= 0) continue;
            const uint8_t* p = bm.buffer + sy * bm.pitch + sx * 4;  // B G R A
            for (int k = 0; k < 4; ++k) acc[k] += p[k] * wx * wy;
          }
        area = scale * scale;
        const double a = acc[3] / area;
        uint8_t px[4] = {0, 0, 0, 0};
        if (a >= 0.5) {
          px[0] = uint8_t(std::clamp(std::lround(acc[2] / acc[3] * 255.0), 0L, 255L));
          px[1] = uint8_t(std::clamp(std::lround(acc[1] / acc[3] * 255.0), 0L, 255L));
          px[2] = uint8_t(std::clamp(std::lround(acc[0] / acc[3] * 255.0), 0L, 255L));
          px[3] = uint8_t(std::clamp(std::lround(a), 0L, 255L));
        }
        out.insert(out.end(), px, px + 4);
      }
  }
  FILE* f = std::fopen(argv[2], "wb");
  if (!f || std::fwrite(out.data(), 1, out.size(), f) != out.size() || std::fclose(f) != 0) {
    std::fprintf(stderr, "cannot write %s\n", argv[2]);
    return 1;
  }
  std::printf("%zu emoji, %d px: %zu bytes\n", std::size(kEmoji), kSize, out.size());
  FT_Done_Face(face);
  FT_Done_FreeType(ft);
  return 0;
}
