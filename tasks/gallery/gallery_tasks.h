// The widget gallery's task template (tasks/gallery/gallery_tasks.cpp).
#pragma once
#include <vector>

#include "sim.h"

namespace facsim::tasks::gallery {
std::vector<sim::Task> templates();
}
