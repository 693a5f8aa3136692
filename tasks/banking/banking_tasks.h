// Banking's task templates (tasks/banking/banking_tasks.cpp).
#pragma once
#include <vector>

#include "sim.h"

namespace facsim::tasks::banking {
std::vector<sim::Task> templates();
}
