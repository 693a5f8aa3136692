// Private to apps/: the light theme's colours (Material-like, as in the reference screenshots).
#pragma once
#include <cstdint>

namespace facsim::apps::theme {

constexpr uint32_t rgb(uint32_t hex, uint32_t a = 255) {
  return ((hex >> 16) & 255) | (((hex >> 8) & 255) << 8) | ((hex & 255) << 16) | (a << 24);
}

constexpr uint32_t kPage = rgb(0xf6f8fc);
constexpr uint32_t kSurface = rgb(0xffffff);
constexpr uint32_t kChrome = rgb(0xdee3ea);
constexpr uint32_t kChromeHover = rgb(0xc9d0d9);
constexpr uint32_t kChromeIcon = rgb(0x45494e);
constexpr uint32_t kTextStrong = rgb(0x1f1f1f);
constexpr uint32_t kText = rgb(0x444746);
constexpr uint32_t kTextMuted = rgb(0x5f6368);
constexpr uint32_t kDivider = rgb(0xe6e8eb);
constexpr uint32_t kSearch = rgb(0xe9eef6);
constexpr uint32_t kHover = rgb(0xe8ebef);
constexpr uint32_t kCompose = rgb(0xc2e7ff);
constexpr uint32_t kComposeHover = rgb(0xb0dcfa);
constexpr uint32_t kNavSelected = rgb(0xd3e3fd);
constexpr uint32_t kRowRead = rgb(0xf2f6fc);
constexpr uint32_t kRowSelected = rgb(0xc2dbff);
constexpr uint32_t kRowHover = rgb(0xe4e9f0);
constexpr uint32_t kAccent = rgb(0x0b57d0);
constexpr uint32_t kStar = rgb(0xf4b400);
constexpr uint32_t kCheckbox = rgb(0x5f6368);

}  // namespace facsim::apps::theme
