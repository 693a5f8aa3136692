// The task registry: every app's templates, one line an app. sim::tasks() is declared by sim
// (which runs tasks) and defined here (which writes them); every binary linking sim links this.
#include <vector>

#include "banking/banking_tasks.h"
#include "chat/chat_tasks.h"
#include "gallery/gallery_tasks.h"
#include "mail/mail_tasks.h"
#include "shopping/shopping_tasks.h"
#include "sim.h"

namespace facsim::sim {

const std::vector<Task>& tasks() {
  static const std::vector<Task> all = [] {
    std::vector<Task> t;
    for (auto* app : {&tasks::mail::templates, &tasks::gallery::templates,
                      &tasks::chat::templates, &tasks::shopping::templates, &tasks::banking::templates})
      for (Task& x : app()) t.push_back(std::move(x));
    return t;
  }();
  return all;
}

const Task* find_task(std::string_view name) {
  for (const Task& t : tasks())
    if (t.name == name) return &t;
  return nullptr;
}

}  // namespace facsim::sim
