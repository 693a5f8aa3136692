// money: amounts as integer cents, formatted and read the way people write them. Shared by the
// coworkers (a quote in a message), shopping and banking; no floating point anywhere.
//
// How to use:
//   format_usd(1240000) -> "$12,400.00";  format_usd(1240000, false) -> "$12,400"
//   format_usd(-505) -> "-$5.05";          amounts_in("about $12.4k, not 9,000 USD") -> {1240000, 900000}
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace facsim {

// "$1,234.56"; whole = false drops ".00" from a whole amount ("$1,234").
std::string format_usd(int64_t cents, bool always_cents = true);
// Every amount of money `text` names, in cents, in order: "$12,400", "$ 12,400.50", "$12.4k",
// "12,400 dollars", "12400 USD", "USD 980". A bare number is not money.
std::vector<int64_t> amounts_in(std::string_view text);

}  // namespace facsim
