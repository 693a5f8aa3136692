// Chat's functions for code outside the app that needs more than its vocabulary (keys.h):
// today the bench's big channel.
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

}  // namespace facsim::apps::chat
