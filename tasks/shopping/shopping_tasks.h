// Shopping's task templates (tasks/shopping/shopping_tasks.cpp).
#pragma once
#include <vector>

#include "sim.h"

namespace facsim::tasks::shopping {
std::vector<sim::Task> templates();
}
