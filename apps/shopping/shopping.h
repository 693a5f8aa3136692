// Shopping's functions for code outside the app that needs more than its vocabulary (keys.h):
// the bench's big catalogue, and what task templates must compute as the store does.
#pragma once
#include <cstdint>
#include <vector>

#include "base.h"

namespace facsim::state {
class World;
}

namespace facsim::apps::shopping {

// Adds products (on the stream "shopping.grow", the generator's kinds, categories and rules)
// until the catalogue holds `products`: the 100,000-product world of `facsim bench`. Returns
// how many it then holds.
Result<int64_t> grow_catalogue(state::World& w, int64_t products);
// The products shown as "Frequently bought together" with `product` (a product of each of its
// category's two companion categories): what "Add all to Cart" adds, after the product.
std::vector<int64_t> frequently_bought_with(state::World& w, int64_t product);

}  // namespace facsim::apps::shopping
