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

// The "damage" stage: per-tile signatures of the binned primitives, compared with those of the
// frame `frame` holds; fills d->dirty (all 1 when d's state does not describe `frame`) and
// stores the new signatures. d may be nullptr (no tracking: every tile is drawn).
void damage(const DisplayList& dl, const Binned& b, int width, int height, const uint8_t* frame,
            Damage* d);
inline bool tile_dirty(const Damage* d, size_t t) { return !d || d->dirty[t]; }

}  // namespace facsim::render
