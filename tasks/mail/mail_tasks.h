// Mail's task templates (tasks/mail/mail_tasks.cpp).
#pragma once
#include <vector>

#include "sim.h"

namespace facsim::tasks::mail {
std::vector<sim::Task> templates();
}
