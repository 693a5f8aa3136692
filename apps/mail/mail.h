// Private to apps/: the mail app (Gmail-like), the annotated reference app.
#pragma once
#include "apps.h"

namespace facsim::apps {
const App& mail_app();
}
