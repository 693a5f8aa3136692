// Mail's functions for code outside the app that needs more than its vocabulary (keys.h):
// today the bench's big inbox.
#pragma once
#include <cstdint>

#include "base.h"

namespace facsim::state {
class World;
}

namespace facsim::apps::mail {

// Adds conversations to the inbox, older than those there, written as the generator writes
// them (on the stream "mail.grow"), until the inbox holds at least `emails` emails: the
// 10,000-email inbox of `facsim bench`. Returns how many emails the inbox then has.
Result<int64_t> grow_inbox(state::World& w, int64_t emails);

}  // namespace facsim::apps::mail
