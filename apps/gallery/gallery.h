// Private to apps/: the widget gallery (every dom widget, live and in every state).
#pragma once
#include "apps.h"

namespace facsim::apps {
const App& gallery_app();
}
