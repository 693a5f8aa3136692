// The app registry: one line an app (its folder has `const App& <name>_app();`). The order is
// the order of generation (each app on its own random stream) and of the shell's app list;
// append new apps at the end.
#include "apps.h"

#define FACSIM_APPS(X) \
  X(mail)              \
  X(gallery)           \
  X(chat)              \
  X(shopping)          \
  X(banking)

namespace facsim::apps {

#define FACSIM_DECLARE(name) const App& name##_app();
FACSIM_APPS(FACSIM_DECLARE)
#undef FACSIM_DECLARE

const std::vector<const App*>& registered_apps() {
#define FACSIM_ENTRY(name) &name##_app(),
  static const std::vector<const App*> apps = {FACSIM_APPS(FACSIM_ENTRY)};
#undef FACSIM_ENTRY
  return apps;
}

}  // namespace facsim::apps
