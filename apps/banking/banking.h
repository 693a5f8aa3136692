// Banking's functions for code outside the app that needs more than its vocabulary (keys.h):
// the rules of money as the bank applies them, for task templates and tests.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include "base.h"

namespace facsim::state {
class World;
}

namespace facsim::apps::banking {

// An account's posted balance, and what is available (less money pending on its way out).
int64_t account_balance(state::World& w, int64_t account);
int64_t account_available(state::World& w, int64_t account);
// When a payment by `method` ("ach", "wire") sent at `now_ms` posts: ACH two business days on
// at 9 AM Eastern; a wire within the hour before 4 PM Eastern on a business day, else the next
// business day at 10 AM Eastern.
int64_t payment_post_time(std::string_view method, int64_t now_ms);
// An amount as a person types it ("1,250.50", "$1250") in cents; -1 when it is not one.
int64_t amount_cents(std::string_view typed);
// When a payment scheduled for day `ymd` ("2026-03-12") goes: 9 AM Eastern that day; 0 when
// `ymd` is not a date.
int64_t scheduled_send_time(std::string_view ymd);
// When a card limit set until day `ymd` ends: midnight Eastern after that day; 0 when `ymd` is
// not a date.
int64_t limit_end_time(std::string_view ymd);
// What `minor` units of `currency` ("EUR") cost in US cents at the world's rate (-1: unknown),
// and the amount as the bank writes it ("€4.250,00", "¥125,000").
int64_t fx_cost_cents(state::World& w, std::string_view currency, int64_t minor);
std::string money_text(std::string_view currency, int64_t minor);
// Adds older card spend (on the stream "banking.grow") until the ledger holds `total` lines:
// the 100,000-line world of `facsim bench`. Returns how many it then holds.
Result<int64_t> grow_ledger(state::World& w, int64_t total);

}  // namespace facsim::apps::banking
