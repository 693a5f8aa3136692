// Chat's task templates (tasks/chat/chat_tasks.cpp).
#pragma once
#include <vector>

#include "sim.h"

namespace facsim::tasks::chat {
std::vector<sim::Task> templates();
}
