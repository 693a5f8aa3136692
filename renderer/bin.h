// Private: the "bin" stage - per-tile primitive lists in display-list order. The Vulkan
// backend uploads exactly this structure; the CPU backend rasterises from it.
#pragma once
#include <cstdint>
#include <vector>

#include "renderer.h"

namespace facsim::render {

struct Binned {
  int tiles_x = 0, tiles_y = 0;
  std::vector<uint32_t> tile_start;  // tiles_x * tiles_y + 1 prefix offsets into indices
  std::vector<uint32_t> indices;     // primitive indices, ascending within each tile
};

void bin(const DisplayList& dl, int width, int height, Binned& out);

}  // namespace facsim::render
