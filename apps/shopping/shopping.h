// Shopping's functions for code outside the app that needs more than its vocabulary (keys.h):
// the bench's big catalogue.
#pragma once
#include <cstdint>

#include "base.h"

namespace facsim::state {
class World;
}

namespace facsim::apps::shopping {

// Adds products (on the stream "shopping.grow", the generator's kinds, categories and rules)
// until the catalogue holds `products`: the 100,000-product world of `facsim bench`. Returns
// how many it then holds.
Result<int64_t> grow_catalogue(state::World& w, int64_t products);

}  // namespace facsim::apps::shopping
