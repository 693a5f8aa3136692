// base/money.cpp: formatting and reading amounts of money (integer cents).
#include "money.h"

#include <cctype>

namespace facsim {

std::string format_usd(int64_t cents, bool always_cents) {
  std::string out = cents < 0 ? "-$" : "$";
  const uint64_t a = cents < 0 ? uint64_t(0) - uint64_t(cents) : uint64_t(cents);
  const std::string whole = std::to_string(a / 100);
  for (size_t i = 0; i < whole.size(); ++i) {
    if (i && (whole.size() - i) % 3 == 0) out += ',';
    out += whole[i];
  }
  if (always_cents || a % 100) {
    out += '.';
    out += char('0' + a % 100 / 10);
    out += char('0' + a % 10);
  }
  return out;
}

std::vector<int64_t> amounts_in(std::string_view t) {
  std::vector<int64_t> out;
  auto lower_at = [&](size_t p, std::string_view word) {
    if (p + word.size() > t.size()) return false;
    for (size_t i = 0; i < word.size(); ++i)
      if (std::tolower(uint8_t(t[p + i])) != word[i]) return false;
    return p + word.size() == t.size() || !std::isalpha(uint8_t(t[p + word.size()]));
  };
  for (size_t i = 0; i < t.size();) {
    if (!std::isdigit(uint8_t(t[i])) || (i > 0 && (std::isalnum(uint8_t(t[i - 1])) || t[i - 1] == '.' ||
                                                   t[i - 1] == '-' || t[i - 1] == ','))) {
      ++i;
      continue;
    }
    // The number: digits with thousands commas ("12,400"), an optional fraction, an optional k.
    const size_t start = i;
    uint64_t whole = 0;
    bool ok = true;
    auto digit = [&](size_t p) { return p < t.size() && std::isdigit(uint8_t(t[p])); };
    // A comma continues the number when three digits (and no fourth) follow it: "12,400".
    auto group = [&](size_t p) { return t[p] == ',' && digit(p + 1) && digit(p + 2) && digit(p + 3) && !digit(p + 4); };
    while (i < t.size() && (digit(i) || group(i))) {
      if (t[i] != ',') {
        if (whole > 100000000000ull) ok = false;
        whole = whole * 10 + uint64_t(t[i] - '0');
      }
      ++i;
    }
    int64_t frac = 0;  // cents
    if (i + 1 < t.size() && t[i] == '.' && std::isdigit(uint8_t(t[i + 1]))) {
      size_t j = i + 1, n = 0;
      while (j < t.size() && std::isdigit(uint8_t(t[j]))) {
        if (n < 2) frac = frac * 10 + (t[j] - '0');
        ++n, ++j;
      }
      if (n == 1) frac *= 10;
      i = j;
    }
    bool k = false;
    if (i < t.size() && (t[i] == 'k' || t[i] == 'K') &&
        (i + 1 == t.size() || !std::isalpha(uint8_t(t[i + 1])))) {
      k = true;
      ++i;
    }
    // Money when "$" (or "USD ") comes before it, or "dollars"/"USD" after it.
    size_t b = start;
    while (b > 0 && t[b - 1] == ' ') --b;
    bool money = b > 0 && t[b - 1] == '$';
    if (!money && b >= 3) money = lower_at(b - 3, "usd") && (b - 3 == 0 || !std::isalpha(uint8_t(t[b - 4])));
    size_t a = i;
    while (a < t.size() && t[a] == ' ') ++a;
    if (!money) money = lower_at(a, "dollars") || lower_at(a, "dollar") || lower_at(a, "usd");
    if (!money || !ok) continue;
    int64_t cents = int64_t(whole) * 100 + frac;
    if (k) cents *= 1000;
    out.push_back(cents);
  }
  return out;
}

}  // namespace facsim
