// Chat's functions for code outside the app that needs more than its vocabulary (keys.h):
// the bench's big channel, and a conversation with a person.
#pragma once
#include <cstdint>
#include <string_view>

#include "base.h"

namespace facsim::state {
class World;
}

namespace facsim::apps::chat {

// Adds messages to channel `name`, older than those there, from its members (on the stream
// "chat.grow"), until it holds at least `messages` top-level messages: the 5,000-message
// channel of `facsim bench`. Returns how many it then holds.
Result<int64_t> grow_channel(state::World& w, std::string_view name, int64_t messages);

// The direct-message conversation with coworker `person`, made (empty) if there is none: the
// New message dialog's and the profile's Message button's, and a task setup's.
Result<int64_t> dm_with(state::World& w, int64_t person);

}  // namespace facsim::apps::chat
