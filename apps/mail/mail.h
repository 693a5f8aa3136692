// Mail's functions for code outside the app that needs more than its vocabulary (keys.h):
// the bench's big inbox, and email sent on the user's behalf by another app.
#pragma once
#include <cstdint>
#include <string_view>
#include <vector>

#include "base.h"

namespace facsim::state {
class World;
}

namespace facsim::apps::mail {

// Adds conversations to the inbox, older than those there, written as the generator writes
// them (on the stream "mail.grow"), until the inbox holds at least `emails` emails: the
// 10,000-email inbox of `facsim bench`. Returns how many emails the inbox then has.
Result<int64_t> grow_inbox(state::World& w, int64_t emails);

// An email the user sends from another app (the bank emailing an invoice): in Sent, a
// conversation of its own, To person `to`, carrying the world's files `files`. Returns its id.
Result<int64_t> send_from_app(state::World& w, int64_t to, std::string_view subject, std::string_view body,
                              const std::vector<int64_t>& files);

// An email that arrives in the inbox (unread, Primary) from person `from` at `at` (a vendor's
// invoice or remittance details a task plants), a conversation of its own, carrying the
// world's files `files`. Returns its id.
Result<int64_t> deliver(state::World& w, int64_t from, std::string_view subject, std::string_view body,
                        const std::vector<int64_t>& files, int64_t at);

}  // namespace facsim::apps::mail
