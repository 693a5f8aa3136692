// apps/banking: a Mercury-like business bank - checking, savings and treasury accounts with a
// ledger of card spend, ACH and wires generated from the world seed (vendors and customers are
// the shared world's companies, cardholders its people), transactions with search, filters,
// sort and a detail drawer, money movement with business-day settlement, the 4 PM wire cut-off,
// insufficient funds and a daily limit that sends a payment to another admin's approval,
// recipients checked by the ABA checksum, and cards with freeze and limits.
//
// [SECTION] Plan and schema
// [SECTION] Money rules: balances, business days, cut-offs, limits
// [SECTION] Generator
// [SECTION] View: navigation, home, transactions, move money, recipients, cards, approvals
// [SECTION] Handlers, events and routes
#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

#include "apps.h"
#include "banking/banking.h"
#include "banking/keys.h"
#include "calendar.h"
#include "dom.h"
#include "money.h"
#include "state.h"
#include "world/world.h"

namespace facsim::apps {
namespace banking {
namespace {

using dom::Align;
using dom::Dir;
using dom::Role;
namespace wg = dom::widget;

// [SECTION] Plan and schema ----------------------------------------------------------------------
const char* kSchema = R"sql(
-- The company's accounts; a balance is the opening amount and the posted ledger.
CREATE TABLE bank_accounts(
  id INTEGER PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, last4 TEXT NOT NULL,
  opening_cents INTEGER NOT NULL);
-- The ledger: amount signed (money in > 0); status pending -> posted (or failed). kind: card,
-- ach, wire, transfer, deposit, interest, fee. card_id / payment_id: what made it (0: none).
CREATE TABLE bank_txns(
  id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL REFERENCES bank_accounts(id), ts_ms INTEGER NOT NULL,
  amount_cents INTEGER NOT NULL, counterparty TEXT NOT NULL, company_id INTEGER NOT NULL DEFAULT 0,
  kind TEXT NOT NULL, status TEXT NOT NULL, category TEXT NOT NULL DEFAULT '', memo TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT '', card_id INTEGER NOT NULL DEFAULT 0, payment_id INTEGER NOT NULL DEFAULT 0);
CREATE INDEX bank_txns_by_ts ON bank_txns(ts_ms);
CREATE INDEX bank_txns_by_account ON bank_txns(account_id, ts_ms);
CREATE INDEX bank_txns_by_status ON bank_txns(status, ts_ms);
CREATE INDEX bank_txns_by_kind ON bank_txns(kind, ts_ms);
CREATE INDEX bank_txns_by_amount ON bank_txns(amount_cents);
CREATE INDEX bank_txns_by_payment ON bank_txns(payment_id);
-- Each account's posted total and the money pending out, kept by triggers from the ledger: a
-- balance reads one row however long the ledger (a cache of bank_txns, so not graded: the
-- ledger is, and the "_ui_" in its name keeps it out of a task's diff).
CREATE TABLE bank_ui_balances(
  account_id INTEGER PRIMARY KEY, posted_cents INTEGER NOT NULL DEFAULT 0, pending_out_cents INTEGER NOT NULL DEFAULT 0);
CREATE TRIGGER bank_txns_in AFTER INSERT ON bank_txns BEGIN
  UPDATE bank_ui_balances SET
    posted_cents = posted_cents + (CASE WHEN NEW.status = 'posted' THEN NEW.amount_cents ELSE 0 END),
    pending_out_cents = pending_out_cents + (CASE WHEN NEW.status = 'pending' AND NEW.amount_cents < 0 THEN NEW.amount_cents ELSE 0 END)
  WHERE account_id = NEW.account_id;
END;
CREATE TRIGGER bank_txns_out AFTER DELETE ON bank_txns BEGIN
  UPDATE bank_ui_balances SET
    posted_cents = posted_cents - (CASE WHEN OLD.status = 'posted' THEN OLD.amount_cents ELSE 0 END),
    pending_out_cents = pending_out_cents - (CASE WHEN OLD.status = 'pending' AND OLD.amount_cents < 0 THEN OLD.amount_cents ELSE 0 END)
  WHERE account_id = OLD.account_id;
END;
CREATE TRIGGER bank_txns_change AFTER UPDATE OF status, amount_cents, account_id ON bank_txns BEGIN
  UPDATE bank_ui_balances SET
    posted_cents = posted_cents - (CASE WHEN OLD.status = 'posted' THEN OLD.amount_cents ELSE 0 END),
    pending_out_cents = pending_out_cents - (CASE WHEN OLD.status = 'pending' AND OLD.amount_cents < 0 THEN OLD.amount_cents ELSE 0 END)
  WHERE account_id = OLD.account_id;
  UPDATE bank_ui_balances SET
    posted_cents = posted_cents + (CASE WHEN NEW.status = 'posted' THEN NEW.amount_cents ELSE 0 END),
    pending_out_cents = pending_out_cents + (CASE WHEN NEW.status = 'pending' AND NEW.amount_cents < 0 THEN NEW.amount_cents ELSE 0 END)
  WHERE account_id = NEW.account_id;
END;
-- Who can pay: a role (admin, bookkeeper, employee) and a daily limit on what they send.
CREATE TABLE bank_members(
  person_id INTEGER PRIMARY KEY, role TEXT NOT NULL, daily_limit_cents INTEGER NOT NULL);
CREATE TABLE bank_recipients(
  id INTEGER PRIMARY KEY, name TEXT NOT NULL, company_id INTEGER NOT NULL DEFAULT 0, email TEXT NOT NULL DEFAULT '',
  bank_name TEXT NOT NULL, routing TEXT NOT NULL, account TEXT NOT NULL, created_ms INTEGER NOT NULL);
-- Money sent (or waiting): method ach, wire or transfer (to_account_id: an own account);
-- status pending_approval -> sent -> posted, or rejected / failed.
CREATE TABLE bank_payments(
  id INTEGER PRIMARY KEY, recipient_id INTEGER NOT NULL DEFAULT 0, to_account_id INTEGER NOT NULL DEFAULT 0,
  account_id INTEGER NOT NULL, method TEXT NOT NULL, amount_cents INTEGER NOT NULL, memo TEXT NOT NULL,
  created_ms INTEGER NOT NULL, created_by INTEGER NOT NULL, status TEXT NOT NULL, post_ms INTEGER NOT NULL DEFAULT 0,
  decided_by INTEGER NOT NULL DEFAULT 0, reason TEXT NOT NULL DEFAULT '');
CREATE TABLE bank_cards(
  id INTEGER PRIMARY KEY, person_id INTEGER NOT NULL, last4 TEXT NOT NULL, kind TEXT NOT NULL,
  nickname TEXT NOT NULL, status TEXT NOT NULL, limit_cents INTEGER NOT NULL, limit_period TEXT NOT NULL);
)sql";

// Where card spend goes: merchant, category, range in dollars.
struct Merchant {
  const char* name;
  const char* category;
  int lo, hi;
};
constexpr Merchant kMerchants[] = {
    {"Amazon Web Services", "Software", 800, 4200}, {"Google Workspace", "Software", 120, 480},
    {"Figma", "Software", 45, 300},                 {"Slack Technologies", "Software", 80, 400},
    {"Notion Labs", "Software", 40, 200},           {"Zoom Video", "Software", 15, 150},
    {"Delta Air Lines", "Travel", 180, 900},        {"United Airlines", "Travel", 150, 850},
    {"Marriott Hotels", "Travel", 160, 700},        {"Uber", "Travel", 12, 80},
    {"Lyft", "Travel", 10, 70},                     {"DoorDash", "Meals", 18, 140},
    {"Sweetgreen", "Meals", 12, 60},                {"Blue Bottle Coffee", "Meals", 6, 40},
    {"Staples", "Office supplies", 20, 300},        {"IKEA Business", "Office supplies", 80, 900},
    {"FedEx", "Shipping", 15, 220},                 {"UPS", "Shipping", 12, 180},
    {"LinkedIn Ads", "Advertising", 200, 1500},     {"Meta Ads", "Advertising", 150, 2000},
    {"Comcast Business", "Utilities", 120, 320},    {"PG&E", "Utilities", 200, 900}};
constexpr int kHistoryDays = 90;
constexpr int64_t kMaxCounted = 1000;
constexpr int64_t kDay = 86400000;

template <class... A>
int64_t scalar(state::World& w, std::string_view sql, const A&... args) {
  auto q = w.query(sql, args...);
  return q.step() ? q.i64(0) : 0;
}
std::string text_of(state::World& w, std::string_view sql, int64_t a) {
  auto q = w.query(sql, a);
  return q.step() ? std::string(q.text(0)) : std::string();
}
std::string person_name(state::World& w, int64_t id) { return text_of(w, "SELECT name FROM people WHERE id = ?", id); }

// [SECTION] Money rules: balances, business days, cut-offs, limits ------------------------------
// Posted balance; available also takes out money pending on its way out.
int64_t balance(state::World& w, int64_t account) {
  return scalar(w, "SELECT a.opening_cents + b.posted_cents FROM bank_accounts a JOIN bank_ui_balances b ON b.account_id = a.id "
                   "WHERE a.id = ?", account);
}
int64_t available(state::World& w, int64_t account) {
  return balance(w, account) + scalar(w, "SELECT pending_out_cents FROM bank_ui_balances WHERE account_id = ?", account);
}
bool business_day(int64_t ms) {
  const int wd = civil_from_ms(ms).wday;
  return wd != 0 && wd != 6;
}
// Eastern time of `ms` as a civil time (daylight saving as the US keeps it).
Civil eastern(int64_t ms) { return civil_from_ms(ms + int64_t(tz_offset_minutes("America/New_York", ms)) * 60000); }
// The UTC instant of `hour`:00 Eastern on the day of eastern time `et_day_ms` (midnight ET, as UTC ms).
int64_t at_eastern(int64_t day_start_utc, int hour) {
  const int64_t guess = day_start_utc + int64_t(hour) * 3600000;
  return guess - int64_t(tz_offset_minutes("America/New_York", guess)) * 60000;
}
// The n-th business day after `ms`'s (Eastern) day, at `hour` Eastern.
int64_t business_days_after(int64_t ms, int n, int hour) {
  const Civil e = eastern(ms);
  int64_t day = ms_from_civil({.y = e.y, .m = e.m, .d = e.d});  // that day's midnight, as if UTC
  for (int left = n; left > 0;) {
    day += kDay;
    if (business_day(day)) --left;
  }
  return at_eastern(day, hour);
}
// When a payment sent now posts: ACH kAchDays business days on; a wire before the cut-off on a
// business day within the hour, else the next business day's morning.
int64_t post_time(std::string_view method, int64_t now) {
  if (method == "ach") return business_days_after(now, kAchDays, 9);
  const Civil e = eastern(now);
  const bool open = business_day(ms_from_civil({.y = e.y, .m = e.m, .d = e.d})) && e.hour < kWireCutoffHourEt;
  return open ? now + 30 * 60000 : business_days_after(now, 1, 10);
}
// What `person` has sent (or asked to send) to others today (Eastern), transfers apart.
int64_t sent_today(state::World& w, int64_t person) {
  const Civil e = eastern(w.now_ms());
  const int64_t start = at_eastern(ms_from_civil({.y = e.y, .m = e.m, .d = e.d}), 0);
  auto q = w.query("SELECT ifnull(sum(amount_cents), 0) FROM bank_payments WHERE created_by = ? AND method <> 'transfer' "
                   "AND created_ms >= ? AND status IN ('sent', 'posted', 'pending_approval')", person, start);
  return q.step() ? q.i64(0) : 0;
}
// An amount typed by a person: "1,250.50", "$1250.5", "1250" -> cents; -1 when it is not one.
int64_t parse_amount(std::string_view s) {
  std::string t;
  for (char c : s)
    if (c != ' ' && c != ',' && c != '$') t += c;
  if (t.empty()) return -1;
  int64_t whole = 0, cents = 0;
  size_t k = 0;
  for (; k < t.size() && std::isdigit(uint8_t(t[k])); ++k) {
    whole = whole * 10 + (t[k] - '0');
    if (whole > 100000000000ll) return -1;
  }
  if (k == 0) return -1;
  if (k < t.size()) {
    if (t[k] != '.' || t.size() - k - 1 > 2 || t.size() - k - 1 == 0) return -1;
    for (size_t d = k + 1; d < t.size(); ++d) {
      if (!std::isdigit(uint8_t(t[d]))) return -1;
      cents = cents * 10 + (t[d] - '0');
    }
    if (t.size() - k - 1 == 1) cents *= 10;
  }
  return whole * 100 + cents;
}
std::string account_label(state::World& w, int64_t id) {
  auto q = w.query("SELECT name, last4 FROM bank_accounts WHERE id = ?", id);
  return q.step() ? std::string(q.text(0)) + " \xE2\x80\xA2\xE2\x80\xA2" + std::string(q.text(1)) : std::string();
}
std::string method_label(std::string_view m) {
  if (m == "ach") return "ACH";
  if (m == "wire") return "Domestic wire";
  std::string out(m);
  if (!out.empty()) out[0] = char(std::toupper(uint8_t(out[0])));
  return out;  // Transfer, Interest, Deposit
}
std::string day_label(int64_t ms) {  // "Mar 4"
  const Civil c = civil_from_ms(ms);
  return std::string(kMonthLong[c.m - 1]).substr(0, 3) + " " + std::to_string(c.d);
}

// [SECTION] Generator ----------------------------------------------------------------------------
int64_t dollars(Rng& r, int lo, int hi) {  // cents in [lo, hi) dollars, with cents
  return (int64_t(lo) + int64_t(r.below(uint32_t(std::max(1, hi - lo))))) * 100 + int64_t(r.below(100));
}
void add_txn(state::World& w, int64_t account, int64_t ts, int64_t amount, std::string_view who, int64_t company,
             std::string_view kind, std::string_view status, std::string_view category, std::string_view memo,
             int64_t card = 0) {
  w.query("INSERT INTO bank_txns(account_id, ts_ms, amount_cents, counterparty, company_id, kind, status, category, memo, "
          "card_id) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          account, ts, amount, std::string(who), company, std::string(kind), std::string(status), std::string(category),
          std::string(memo), card)
      .run();
}

Status install(state::World& w, Rng& rng) {
  if (Status s = w.exec(kSchema); !s) return s;
  if (Status s = w.begin(); !s) return s;
  const int64_t now = w.now_ms();
  // Accounts.
  const int64_t opening[] = {250000000 + int64_t(rng.below(150000)) * 1000, 60000000 + int64_t(rng.below(90000)) * 1000,
                             900000000 + int64_t(rng.below(600000)) * 1000};
  const char* names[][2] = {{"Checking", "checking"}, {"Savings", "savings"}, {"Treasury", "treasury"}};
  for (int a = 0; a < 3; ++a) {
    w.query("INSERT INTO bank_accounts(id, name, kind, last4, opening_cents) VALUES(?, ?, ?, ?, ?)", int64_t(a + 1),
            names[a][0], names[a][1], std::to_string(1000 + rng.below(9000)), opening[a]).run();
    w.query("INSERT INTO bank_ui_balances(account_id) VALUES(?)", int64_t(a + 1)).run();
  }
  // Members: the user and a second admin, a bookkeeper, the rest employees.
  std::vector<int64_t> staff;
  for (auto q = w.query("SELECT id FROM people WHERE company_id = ? ORDER BY id", world::kCompanyId); q.step();)
    staff.push_back(q.i64(0));
  for (size_t k = 0; k < staff.size(); ++k) {
    const char* role = k < 2 ? "admin" : k == 2 ? "bookkeeper" : "employee";
    const int64_t limit = k == 0 ? 2500000 + int64_t(rng.below(5)) * 500000 : k < 3 ? 1000000 : 0;
    w.query("INSERT INTO bank_members(person_id, role, daily_limit_cents) VALUES(?, ?, ?)", staff[k], role, limit).run();
  }
  // Cards: the user's, and a few colleagues' (virtual cards for software and ads).
  static const char* kNicks[] = {"Travel", "Software", "Office", "Ads", "Team meals", "Shipping"};
  const size_t holders = std::min<size_t>(staff.size(), 7);
  for (size_t k = 0; k < holders; ++k) {
    const bool virt = k % 3 == 1;
    w.query("INSERT INTO bank_cards(person_id, last4, kind, nickname, status, limit_cents, limit_period) VALUES(?, ?, ?, ?, "
            "'active', ?, ?)",
            staff[k], std::to_string(1000 + rng.below(9000)), virt ? "virtual" : "physical", kNicks[k % 6],
            int64_t(5 + rng.below(20)) * 100000, std::string(virt ? "Monthly" : "Weekly")).run();
  }
  const int64_t cards = scalar(w, "SELECT count(*) FROM bank_cards");
  // Recipients: the vendors, with their bank details from the shared world.
  for (auto q = w.query("SELECT c.id, c.name, c.bank_name, c.routing, c.account, ifnull((SELECT email FROM people p WHERE "
                        "p.company_id = c.id ORDER BY p.id LIMIT 1), '') FROM companies c WHERE c.role = 'vendor' ORDER BY c.id");
       q.step();)
    w.query("INSERT INTO bank_recipients(name, company_id, email, bank_name, routing, account, created_ms) VALUES(?, ?, ?, ?, "
            "?, ?, ?)",
            std::string(q.text(1)), q.i64(0), std::string(q.text(5)), std::string(q.text(2)), std::string(q.text(3)),
            std::string(q.text(4)), now - int64_t(120 + rng.below(200)) * kDay).run();
  std::vector<std::pair<int64_t, std::string>> vendors, customers;
  for (auto q = w.query("SELECT id, name, role FROM companies WHERE role IN ('vendor', 'customer') ORDER BY id"); q.step();)
    (q.text(2) == "vendor" ? vendors : customers).emplace_back(q.i64(0), std::string(q.text(1)));
  // The ledger, day by day over the last kHistoryDays (oldest first).
  const int64_t today = now / kDay * kDay;
  int invoice = 1000 + int(rng.below(8000));
  for (int back = kHistoryDays; back >= 0; --back) {
    const int64_t day = today - int64_t(back) * kDay;
    const Civil c = civil_from_ms(day);
    const bool weekday = c.wday != 0 && c.wday != 6;
    auto at = [&](int hour_lo, int hour_hi) {
      const int64_t ts = day + int64_t(hour_lo) * 3600000 + int64_t(rng.below(uint32_t((hour_hi - hour_lo) * 3600))) * 1000;
      return std::min(ts, now - 60000);
    };
    // Card spend.
    const int spends = weekday ? 1 + int(rng.below(4)) : int(rng.below(2));
    for (int k = 0; k < spends; ++k) {
      const Merchant& m = kMerchants[rng.below(uint32_t(std::size(kMerchants)))];
      const int64_t ts = at(13, 23);
      if (ts > now) continue;
      const bool uncategorised = rng.below(8) == 0;
      add_txn(w, 1, ts, -dollars(rng, m.lo, m.hi), m.name, 0, "card", back <= 1 ? "pending" : "posted",
              uncategorised ? "" : m.category, "", 1 + int64_t(rng.below(uint32_t(cards))));
    }
    if (!weekday) continue;
    // A vendor paid by ACH (an invoice), twice a week or so.
    if (!vendors.empty() && rng.below(5) < 2) {
      const auto& [id, name] = vendors[rng.below(uint32_t(vendors.size()))];
      add_txn(w, 1, at(14, 21), -dollars(rng, 1200, 18000), name, id, "ach", back <= 1 ? "pending" : "posted",
              rng.below(2) ? "Professional services" : "Contractors", "Invoice INV-" + std::to_string(invoice++));
    }
    // A customer's payment in.
    if (!customers.empty() && rng.below(5) < 3) {
      const auto& [id, name] = customers[rng.below(uint32_t(customers.size()))];
      add_txn(w, 1, at(14, 21), dollars(rng, 4000, 42000), name, id, rng.below(4) ? "ach" : "wire",
              back == 0 ? "pending" : "posted", "Revenue", "Payment for invoice " + std::to_string(2000 + rng.below(7000)));
    }
    // Payroll on the 1st and 15th (or the next weekday), rent on the 1st.
    if (c.d == 1 || c.d == 15 || ((c.d == 2 || c.d == 3 || c.d == 16 || c.d == 17) && c.wday == 1)) {
      add_txn(w, 1, at(13, 14), -dollars(rng, 42000, 78000), "Gusto Payroll", 0, "ach", "posted", "Payroll",
              "Payroll " + std::to_string(c.m) + "/" + std::to_string(c.d));
      if (c.d <= 3) add_txn(w, 1, at(14, 15), -(1850000 + int64_t(rng.below(4)) * 25000), "Harbor Property Group", 0,
                            "ach", "posted", "Rent", "Office rent");
    }
    // Interest at month start; a sweep from treasury to checking now and then.
    if (c.d <= 3 && c.wday == 1 + int(rng.below(1))) {
      add_txn(w, 2, at(11, 12), dollars(rng, 150, 450), "Interest", 0, "interest", "posted", "Interest", "Monthly interest");
      add_txn(w, 3, at(11, 12), dollars(rng, 2800, 4600), "Interest", 0, "interest", "posted", "Interest", "Treasury yield");
    }
    if (rng.below(12) == 0) {
      const int64_t amount = int64_t(50 + rng.below(100)) * 100000;
      const int64_t ts = at(15, 16);
      add_txn(w, 3, ts, -amount, "Transfer to Checking", 0, "transfer", "posted", "Transfer", "Sweep");
      add_txn(w, 1, ts, amount, "Transfer from Treasury", 0, "transfer", "posted", "Transfer", "Sweep");
    }
  }
  return end_generation(w);
}

// Card spend further back in time (before the oldest line), on its own stream, until the
// ledger holds `total` lines: the bench's big ledger.
Status grow(state::World& w, int64_t total) {
  Rng rng = Rng::stream(w.seed(), "banking.grow");
  const int64_t have = scalar(w, "SELECT count(*) FROM bank_txns");
  const int64_t cards = std::max<int64_t>(1, scalar(w, "SELECT count(*) FROM bank_cards"));
  int64_t ts = scalar(w, "SELECT min(ts_ms) FROM bank_txns");
  if (Status s = w.begin(); !s) return s;
  int64_t spent = 0;
  for (int64_t k = have; k < total; ++k) {
    ts -= int64_t(60 + rng.below(3600)) * 1000;
    const Merchant& m = kMerchants[rng.below(uint32_t(std::size(kMerchants)))];
    const int64_t cents = dollars(rng, m.lo, m.hi);
    spent += cents;
    add_txn(w, 1, ts, -cents, m.name, 0, "card", "posted", rng.below(8) == 0 ? "" : m.category, "",
            1 + int64_t(rng.below(uint32_t(cards))));
  }
  // The account opened earlier with that much more: today's balance stays what it was.
  w.query("UPDATE bank_accounts SET opening_cents = opening_cents + ? WHERE id = 1", spent).run();
  return end_generation(w);
}

// [SECTION] View: navigation, home, transactions, move money, recipients, cards, approvals --------
constexpr uint32_t kInk = dom::rgb(0x171a2b), kIndigo = dom::rgb(0x5266eb), kGreen = dom::rgb(0x188a5b),
                   kRed = dom::rgb(0xc8333f);

uint32_t amount_colour(const dom::Theme& th, int64_t cents) {
  return cents > 0 ? (th.dark ? dom::rgb(0x4fd39a) : kGreen) : th.text_strong;
}
std::string signed_usd(int64_t cents) { return cents > 0 ? "+" + format_usd(cents) : format_usd(cents); }

struct Screen {
  std::string_view id, label;
};
constexpr Screen kScreens[] = {{"", "Home"},           {"transactions", "Transactions"}, {"payments", "Payments"},
                               {"recipients", "Recipients"}, {"cards", "Cards"},        {"approvals", "Approvals"}};

void sidebar(state::World& w, dom::Tree& t, int parent) {
  const dom::Theme& th = t.theme();
  const int side = t.add(parent, {.dir = Dir::column, .w = dom::fixed(220), .h = dom::fill(), .pad = {16, 20, 16, 20}, .gap = 4,
                                  .bg = th.dark ? dom::rgb(0x14161f) : dom::rgb(0xf6f6f9), .border_color = th.divider,
                                  .border = 1},
                         "nav", Role::navigation);
  t.node(side).name = "Banking";
  const int brand = t.add(side, {.dir = Dir::row, .gap = 8, .align = Align::center, .margin = {4, 0, 0, 16}});
  t.add(brand, {.w = dom::fixed(22), .h = dom::fixed(22), .bg = kIndigo, .radius = 6});
  t.text(brand, "Ledgerly", {.size = 18, .weight = 700, .color = th.text_strong});
  const std::string screen = w.ui_get(ui::screen);
  const int64_t waiting = scalar(w, "SELECT count(*) FROM bank_payments WHERE status = 'pending_approval' AND created_by <> ?",
                                 world::kUserId);
  for (const Screen& s : kScreens) {
    const bool on = screen == s.id;
    const int l = t.add(side, {.dir = Dir::row, .w = dom::fill(), .pad = {12, 8, 12, 8}, .gap = 8, .align = Align::center,
                               .bg = on ? th.selected : 0, .hover_bg = on ? th.selected_hover : th.hover, .radius = 8},
                        key::nav(s.id.empty() ? "home" : s.id), Role::link);
    t.node(l).name = std::string(s.label) + (s.id == "approvals" && waiting ? ", " + std::to_string(waiting) + " waiting" : "");
    t.node(l).selected = on;
    t.node(l).action = "banking:go:" + std::string(s.id.empty() ? "home" : s.id);
    t.text(l, std::string(s.label), {.size = 14, .weight = on ? 700 : 500, .color = th.text_strong}, {.w = dom::fill()});
    if (s.id == "approvals" && waiting) wg::badge(t, l, std::to_string(waiting), kIndigo, dom::rgb(0xffffff));
  }
  t.add(side, {.h = dom::fill()});
  const int me = t.add(side, {.dir = Dir::row, .gap = 8, .align = Align::center});
  const std::string name = person_name(w, world::kUserId);
  wg::avatar(t, me, name, "", 28);
  const int col = t.add(me, {.dir = Dir::column});
  t.text(col, name, {.size = 13, .weight = 500, .color = th.text_strong});
  t.text(col, "Admin", {.size = 12, .color = th.text_muted});
}

void heading(dom::Tree& t, int parent, const std::string& text) {
  const int h = t.text(parent, text, {.size = 26, .weight = 600, .color = t.theme().text_strong});
  t.node(h).role = Role::heading;
  t.node(h).name = text;
}

// A transaction row: date, to/from, account, category, amount, status.
// compact (the drawer is open beside the table): without the account and category columns.
void txn_row(state::World& w, dom::Tree& t, int parent, int64_t id, int64_t ts, const std::string& who, int64_t account,
             const std::string& category, int64_t amount, const std::string& status, bool selected, bool compact = false) {
  const dom::Theme& th = t.theme();
  const int r = t.add(parent, {.dir = Dir::row, .w = dom::fill(), .h = dom::fixed(44), .pad = {12, 0, 12, 0}, .gap = 12,
                               .align = Align::center, .bg = selected ? th.selected : 0, .hover_bg = th.hover},
                      key::txn(id), Role::row);
  const Civil c = civil_from_ms(ts);
  t.node(r).name = day_label(ts) + ", " + who + ", " + signed_usd(amount) + ", " + (category.empty() ? "Uncategorised" : category) +
                   ", " + status + ", " + std::to_string(c.y);
  t.node(r).selected = selected;
  t.node(r).action = "banking:open_txn:" + std::to_string(id);
  t.text(r, day_label(ts), {.size = 13, .color = th.text_muted}, {.w = dom::fixed(64)});
  t.text(r, who, {.size = 14, .weight = 500, .color = th.text_strong, .max_lines = 1}, {.w = dom::fill()});
  if (!compact) {
    t.text(r, account_label(w, account), {.size = 13, .color = th.text_muted}, {.w = dom::fixed(130)});
    t.text(r, category.empty() ? "Uncategorised" : category,
           {.size = 13, .color = category.empty() ? dom::rgb(0xb26a00) : th.text}, {.w = dom::fixed(150)});
  }
  const int amt = t.add(r, {.dir = Dir::row, .w = dom::fixed(130), .justify = Align::end});
  t.text(amt, signed_usd(amount), {.size = 14, .weight = 600, .color = amount_colour(th, amount)});
  const int st = t.add(r, {.dir = Dir::row, .w = dom::fixed(80), .justify = Align::end});
  if (status != "posted") wg::badge(t, st, status == "pending" ? "Pending" : "Failed", th.surface_dim, th.text_muted);
}

void home(state::World& w, dom::Tree& t, int page) {
  const dom::Theme& th = t.theme();
  const int top = t.add(page, {.dir = Dir::row, .w = dom::fill(), .align = Align::center});
  const Civil now = civil_from_ms(w.now_ms());
  const std::string first = text_of(w, "SELECT first FROM people WHERE id = ?", world::kUserId);
  heading(t, top, std::string(now.hour < 12 ? "Good morning, " : now.hour < 18 ? "Good afternoon, " : "Good evening, ") + first);
  t.add(top, {.w = dom::fill()});
  wg::button(t, top, key::move_money, "Move money", "banking:go:payments");
  // Pending approvals.
  if (const int64_t waiting = scalar(w, "SELECT count(*) FROM bank_payments WHERE status = 'pending_approval' AND "
                                        "created_by <> ?", world::kUserId)) {
    const int b = t.add(page, {.dir = Dir::row, .w = dom::fill(), .pad = {16, 12, 16, 12}, .gap = 12, .align = Align::center,
                               .bg = th.dark ? dom::rgb(0x23264a) : dom::rgb(0xeef0fd), .radius = 8},
                        key::approvals_banner, Role::status);
    t.node(b).name = std::to_string(waiting) + (waiting == 1 ? " payment needs" : " payments need") + " your approval";
    t.text(b, t.node(b).name, {.size = 14, .weight = 600, .color = th.text_strong}, {.w = dom::fill()});
    wg::link(t, b, "review_approvals", "Review", "banking:go:approvals");
  }
  // Accounts.
  const int row = t.add(page, {.dir = Dir::row, .w = dom::fill(), .gap = 16}, "accounts", Role::list);
  t.node(row).name = "Accounts";
  int64_t total = 0;
  for (auto q = w.query("SELECT id, name, last4 FROM bank_accounts ORDER BY id"); q.step();) {
    const int64_t id = q.i64(0), bal = balance(w, id), avail = available(w, id);
    total += bal;
    const int c = t.add(row, {.dir = Dir::column, .w = dom::fill(), .pad = dom::edges(16), .gap = 4, .bg = th.surface,
                              .hover_bg = th.surface, .border_color = th.divider, .border = 1, .radius = 10,
                              .hover_shadow = {2, 8, 0, dom::rgb(0x000000, 30)}},
                        key::account(id), Role::link);
    t.node(c).name = std::string(q.text(1)) + " ending " + std::string(q.text(2)) + ", balance " + format_usd(bal) +
                     ", available " + format_usd(avail);
    t.node(c).action = "banking:account:" + std::to_string(id);
    t.text(c, std::string(q.text(1)) + " \xE2\x80\xA2\xE2\x80\xA2" + std::string(q.text(2)), {.size = 13, .color = th.text_muted});
    t.text(c, format_usd(bal), {.size = 24, .weight = 600, .color = th.text_strong});
    t.text(c, avail == bal ? "Available: all" : "Available " + format_usd(avail), {.size = 12, .color = th.text_muted});
  }
  t.text(page, "Total balance " + format_usd(total), {.size = 14, .weight = 600, .color = th.text});
  // Cash flow over 30 days in checking: money in above the line, out below.
  const int64_t day0 = w.now_ms() / kDay * kDay - 29 * kDay;
  std::vector<int64_t> in(30, 0), out(30, 0);
  for (auto q = w.query("SELECT ts_ms, amount_cents FROM bank_txns WHERE account_id = 1 AND status = 'posted' AND ts_ms >= ? "
                        "ORDER BY ts_ms, id", day0);
       q.step();) {
    const int64_t d = (q.i64(0) - day0) / kDay;
    if (d < 0 || d >= 30) continue;
    (q.i64(1) > 0 ? in : out)[size_t(d)] += std::abs(q.i64(1));
  }
  int64_t peak = 1, sum_in = 0, sum_out = 0;
  for (int d = 0; d < 30; ++d) peak = std::max({peak, in[size_t(d)], out[size_t(d)]}), sum_in += in[size_t(d)], sum_out += out[size_t(d)];
  const int chart = t.add(page, {.dir = Dir::column, .w = dom::fill(), .pad = dom::edges(16), .gap = 8, .bg = th.surface,
                                 .border_color = th.divider, .border = 1, .radius = 10},
                          key::cashflow, Role::img);
  t.node(chart).name = "Cash flow, last 30 days: in " + format_usd(sum_in) + ", out " + format_usd(sum_out);
  const int head = t.add(chart, {.dir = Dir::row, .w = dom::fill(), .gap = 16});
  t.text(head, "Cash flow \xC2\xB7 last 30 days", {.size = 15, .weight = 600, .color = th.text_strong}, {.w = dom::fill()});
  t.text(head, "In " + format_usd(sum_in, false), {.size = 13, .weight = 600, .color = amount_colour(th, 1)});
  t.text(head, "Out " + format_usd(sum_out, false), {.size = 13, .weight = 600, .color = kRed});
  const int bars = t.add(chart, {.dir = Dir::row, .w = dom::fill(), .gap = 4});
  constexpr int kHalf = 60;
  for (int d = 0; d < 30; ++d) {
    const int col = t.add(bars, {.dir = Dir::column, .w = dom::fill(), .h = dom::fixed(2 * kHalf + 1)});
    const int up = int(in[size_t(d)] * kHalf / peak), down = int(out[size_t(d)] * kHalf / peak);
    t.add(col, {.w = dom::fill(), .h = dom::fixed(kHalf - up)});
    t.add(col, {.w = dom::fill(), .h = dom::fixed(std::max(up, 0)), .bg = th.dark ? dom::rgb(0x4fd39a) : kGreen, .radius = 2});
    t.add(col, {.w = dom::fill(), .h = dom::fixed(1), .bg = th.divider});
    t.add(col, {.w = dom::fill(), .h = dom::fixed(std::max(down, 0)), .bg = kRed, .radius = 2});
  }
  // Recent activity.
  t.text(page, "Recent activity", {.size = 17, .weight = 600, .color = th.text_strong}, {.margin = {0, 8, 0, 0}});
  const int list = t.add(page, {.dir = Dir::column, .w = dom::fill(), .bg = th.surface, .border_color = th.divider,
                                .border = 1, .radius = 10, .clip = true},
                         key::recent, Role::table);
  t.node(list).name = "Recent activity";
  for (auto q = w.query("SELECT id, ts_ms, counterparty, account_id, category, amount_cents, status FROM bank_txns ORDER BY "
                        "ts_ms DESC, id DESC LIMIT 6");
       q.step();)
    txn_row(w, t, list, q.i64(0), q.i64(1), std::string(q.text(2)), q.i64(3), std::string(q.text(4)), q.i64(5),
            std::string(q.text(6)), false);
}

// The transactions the filters select, newest (or as sorted) first; a page of them.
struct TxnQuery {
  std::string where;
  std::vector<std::string> args;
};
void transactions(state::World& w, dom::Tree& t, int page) {
  const dom::Theme& th = t.theme();
  heading(t, page, "Transactions");
  // Filters.
  const int bar = t.add(page, {.dir = Dir::row, .w = dom::fill(), .gap = 10, .align = Align::center}, "filters", Role::search);
  const FieldView f = field_view(w, full(key::txn_search), true);
  const int fl = wg::text_field(t, bar, key::txn_search, {f.value, f.anchor, f.caret, f.focused, f.live},
                                "Search transactions", wg::FieldKind::text, 260);
  t.node(fl).name = "Search transactions";
  const std::string overlay = w.ui_get(apps::ui::kOverlay);
  std::vector<std::string> accounts = {"All accounts"};
  for (auto q = w.query("SELECT name FROM bank_accounts ORDER BY id"); q.step();) accounts.emplace_back(q.text(0));
  const std::vector<std::string_view> av(accounts.begin(), accounts.end());
  const int acc = int(w.ui_int(full(key::txn_account)));
  wg::select(t, bar, key::txn_account, av, acc, overlay == full(key::txn_account), 160);
  static const std::vector<std::string_view> kStatus = {"Any status", "Pending", "Posted"};
  const int status = int(w.ui_int(full(key::txn_status)));
  wg::select(t, bar, key::txn_status, kStatus, status, overlay == full(key::txn_status), 140);
  static const std::vector<std::string_view> kKinds = {"All types", "Card", "ACH", "Wire", "Transfer", "Interest"};
  static const char* kKindIds[] = {"", "card", "ach", "wire", "transfer", "interest"};
  const int kind = int(w.ui_int(full(key::txn_kind)));
  wg::select(t, bar, key::txn_kind, kKinds, kind, overlay == full(key::txn_kind), 140);
  const std::string query = w.ui_get(ui::query);
  if (!query.empty() || acc || status || kind) wg::link(t, bar, key::clear_filters, "Clear", "banking:clear_filters");
  // The query.
  std::string where = " WHERE 1 = 1";
  if (acc > 0) where += " AND account_id = ?1";
  if (status == 1) where += " AND status = 'pending'";
  if (status == 2) where += " AND status = 'posted'";
  if (kind > 0 && kind < int(std::size(kKindIds))) where += " AND kind = ?2";
  std::string lower;
  for (char c : query) lower += char(std::tolower(uint8_t(c)));
  if (!lower.empty())
    where += " AND (instr(lower(counterparty), ?3) > 0 OR instr(lower(memo), ?3) > 0 OR instr(lower(note), ?3) > 0 OR "
             "instr(lower(category), ?3) > 0)";
  const std::string sort = w.ui_get("banking.sort");
  const bool asc = w.ui_int("banking.sort_asc") != 0;
  const std::string order = sort == "amount" ? (asc ? " ORDER BY amount_cents, id" : " ORDER BY amount_cents DESC, id DESC")
                                             : (asc ? " ORDER BY ts_ms, id" : " ORDER BY ts_ms DESC, id DESC");
  // Counted up to kMaxCounted ("1,000+" beyond, and pages to there): a step reads an index to
  // the page, not the whole ledger.
  const int64_t counted = [&] {
    auto q = w.query("SELECT count(*) FROM (SELECT 1 FROM bank_txns" + where + " LIMIT " + std::to_string(kMaxCounted + 1) + ")",
                     int64_t(acc), std::string(kind > 0 && kind < 6 ? kKindIds[kind] : ""), lower);
    return q.step() ? q.i64(0) : int64_t(0);
  }();
  const bool more = counted > kMaxCounted;
  const int64_t total = std::min(counted, kMaxCounted);
  const int pages = int(std::max<int64_t>(1, (total + kTxnsPerPage - 1) / kTxnsPerPage));
  const int pg = std::clamp(int(w.ui_int(full(key::pages))) - 1, 0, pages - 1);  // the widget counts from 1
  const int body = t.add(page, {.dir = Dir::row, .w = dom::fill(), .gap = 16, .align = Align::start});
  const int tbl = t.add(body, {.dir = Dir::column, .w = dom::fill(), .bg = th.surface, .border_color = th.divider, .border = 1,
                               .radius = 10, .clip = true},
                        key::txns, Role::table);
  t.node(tbl).name = "Transactions, " + (more ? std::string("over 1,000") : std::to_string(total));
  const int head = t.add(tbl, {.dir = Dir::row, .w = dom::fill(), .h = dom::fixed(38), .pad = {12, 0, 12, 0}, .gap = 12,
                               .align = Align::center, .bg = th.surface_dim},
                         {}, Role::row);
  auto header_cell = [&](const char* label, std::string_view col, int width) {
    const bool on = !col.empty() && (sort == col || (col == "date" && sort.empty()));
    const std::string arrow = on ? (asc ? " \xE2\x86\x91" : " \xE2\x86\x93") : "";
    const int h = t.add(head, {.dir = Dir::row, .w = width ? dom::fixed(width) : dom::fill(),
                               .justify = col == "amount" ? Align::end : Align::start},
                        col.empty() ? std::string() : key::sort(col), col.empty() ? Role::columnheader : Role::button);
    t.node(h).name = std::string(label) + arrow;
    if (!col.empty()) t.node(h).action = "banking:sort:" + std::string(col);
    t.text(h, std::string(label) + arrow, {.size = 12, .weight = 600, .color = th.text_muted});
  };
  const int64_t open = w.ui_int(ui::txn);
  const bool compact = open != 0;
  header_cell("Date", "date", 64);
  header_cell("To / From", "", 0);
  if (!compact) {
    header_cell("Account", "", 130);
    header_cell("Category", "", 150);
  }
  header_cell("Amount", "amount", 130);
  header_cell("", "", 80);
  for (auto q = w.query("SELECT id, ts_ms, counterparty, account_id, category, amount_cents, status FROM bank_txns" + where +
                            order + " LIMIT ?4 OFFSET ?5",
                        int64_t(acc), std::string(kind > 0 && kind < 6 ? kKindIds[kind] : ""), lower, int64_t(kTxnsPerPage),
                        int64_t(pg) * kTxnsPerPage);
       q.step();) {
    t.add(tbl, {.w = dom::fill(), .h = dom::fixed(1), .bg = th.divider});
    txn_row(w, t, tbl, q.i64(0), q.i64(1), std::string(q.text(2)), q.i64(3), std::string(q.text(4)), q.i64(5),
            std::string(q.text(6)), q.i64(0) == open, compact);
  }
  if (total == 0) t.text(tbl, "No transactions match.", {.size = 14, .color = th.text_muted}, {.margin = {12, 16, 12, 16}});
  if (pages > 1) wg::pagination(t, page, key::pages, pg + 1, pages);
  // The detail drawer.
  auto d = w.query("SELECT ts_ms, counterparty, account_id, amount_cents, status, kind, memo, category, card_id FROM bank_txns "
                   "WHERE id = ?", open);
  if (open && d.step()) {
    const int dr = t.add(body, {.dir = Dir::column, .w = dom::fixed(340), .pad = dom::edges(20), .gap = 8, .bg = th.surface,
                                .border_color = th.divider, .border = 1, .radius = 10},
                         key::drawer, Role::dialog);
    t.node(dr).name = "Transaction details";
    const int top = t.add(dr, {.dir = Dir::row, .w = dom::fill(), .align = Align::center});
    t.text(top, std::string(d.text(1)), {.size = 17, .weight = 600, .color = th.text_strong, .wrap = true}, {.w = dom::fill()});
    wg::icon_button(t, top, key::close_drawer, "\xC3\x97", "Close", "banking:close_txn");
    t.text(dr, signed_usd(d.i64(3)), {.size = 26, .weight = 600, .color = amount_colour(th, d.i64(3))});
    auto line = [&](const std::string& k, const std::string& v) {
      const int r = t.add(dr, {.dir = Dir::row, .w = dom::fill(), .gap = 8}, {}, Role::text);
      t.node(r).name = k + ": " + v;
      t.text(r, k, {.size = 13, .color = th.text_muted}, {.w = dom::fixed(90)});
      t.text(r, v, {.size = 13, .color = th.text, .wrap = true}, {.w = dom::fill()});
    };
    const Civil c = civil_from_ms(d.i64(0));
    line("Date", format_date_long(c.y, c.m, c.d));
    line("Account", account_label(w, d.i64(2)));
    line("Method", d.text(5) == "card" ? "Card \xE2\x80\xA2\xE2\x80\xA2" + text_of(w, "SELECT last4 FROM bank_cards WHERE id = ?", d.i64(8))
                                       : method_label(d.text(5)));
    line("Status", d.text(4) == "pending" ? "Pending" : d.text(4) == "posted" ? "Posted" : std::string(d.text(4)));
    if (!d.text(6).empty()) line("Memo", std::string(d.text(6)));
    t.text(dr, "Category", {.size = 13, .weight = 600, .color = th.text_strong}, {.margin = {0, 8, 0, 0}});
    std::vector<std::string_view> cats = {"Uncategorised"};
    for (std::string_view k : kCategories) cats.push_back(k);
    wg::select(t, dr, key::txn_category, cats, int(w.ui_int(full(key::txn_category))), overlay == full(key::txn_category), 300);
    t.text(dr, "Note", {.size = 13, .weight = 600, .color = th.text_strong});
    const FieldView nf = field_view(w, full(key::txn_note), true);
    const int note = wg::text_field(t, dr, key::txn_note, {nf.value, nf.anchor, nf.caret, nf.focused, nf.live}, "Add a note",
                                    wg::FieldKind::multiline, 0, 3);
    t.node(note).name = "Note";
    wg::button(t, dr, key::save_txn, "Save", "banking:save_txn");
  }
}

// Move money: the form, then its review; and the payments made.
void payments(state::World& w, dom::Tree& t, int page) {
  const dom::Theme& th = t.theme();
  heading(t, page, "Move money");
  const std::string overlay = w.ui_get(apps::ui::kOverlay);
  const std::string method = w.ui_get(ui::method).empty() ? "ach" : w.ui_get(ui::method);
  const bool transfer = method == "transfer";
  const int form = t.add(page, {.dir = Dir::column, .w = dom::fixed(640), .pad = dom::edges(20), .gap = 8, .bg = th.surface,
                                .border_color = th.divider, .border = 1, .radius = 10},
                         "payment_form", Role::generic);
  t.text(form, "How", {.size = 13, .weight = 600, .color = th.text_strong});
  const int how = t.add(form, {.dir = Dir::column, .gap = 2}, "methods", Role::radiogroup);
  t.node(how).name = "Method";
  for (std::string_view m : {"ach", "wire", "transfer"})
    wg::radio(t, how, key::method(m), m == "ach" ? "ACH (1-3 business days)" : m == "wire" ? "Domestic wire (same day before 4 PM ET)"
                                                                                             : "Between my accounts",
              method == m, "banking:method:" + std::string(m));
  std::vector<std::string> accounts;
  std::vector<int64_t> account_ids;
  for (auto q = w.query("SELECT id FROM bank_accounts ORDER BY id"); q.step();) {
    account_ids.push_back(q.i64(0));
    accounts.push_back(account_label(w, q.i64(0)) + " - " + format_usd(available(w, q.i64(0))));
  }
  const std::vector<std::string_view> av(accounts.begin(), accounts.end());
  t.text(form, "From", {.size = 13, .weight = 600, .color = th.text_strong}, {.margin = {0, 6, 0, 0}});
  wg::select(t, form, key::pay_from, av, int(w.ui_int(full(key::pay_from))), overlay == full(key::pay_from), 420);
  t.text(form, "To", {.size = 13, .weight = 600, .color = th.text_strong}, {.margin = {0, 6, 0, 0}});
  std::vector<std::string> to;
  if (transfer) to = accounts;
  else
    for (auto q = w.query("SELECT name, bank_name, substr(account, -4) FROM bank_recipients ORDER BY name, id"); q.step();)
      to.push_back(std::string(q.text(0)) + " - " + std::string(q.text(1)) + " \xE2\x80\xA2\xE2\x80\xA2" + std::string(q.text(2)));
  const std::vector<std::string_view> tv(to.begin(), to.end());
  wg::select(t, form, key::pay_to, tv, int(w.ui_int(full(key::pay_to), -1)), overlay == full(key::pay_to), 420);
  auto field = [&](std::string_view k, const char* label, const char* hint) {
    t.text(form, label, {.size = 13, .weight = 600, .color = th.text_strong}, {.margin = {0, 6, 0, 0}});
    const FieldView f = field_view(w, full(k), true);
    const int fl = wg::text_field(t, form, k, {f.value, f.anchor, f.caret, f.focused, f.live}, hint, wg::FieldKind::text, 420);
    t.node(fl).name = label;
  };
  field(key::amount, "Amount (USD)", "0.00");
  field(key::memo, "Memo (shown to the recipient)", "Invoice number, note");
  const bool reviewing = w.ui_int(ui::reviewing) != 0;
  if (!reviewing) {
    wg::button(t, form, key::review_payment, "Review", "banking:review");
  } else {
    const int rv = t.add(form, {.dir = Dir::column, .w = dom::fill(), .pad = dom::edges(16), .gap = 6, .bg = th.surface_dim,
                                .radius = 8, .margin = {0, 8, 0, 0}},
                         key::review, Role::status);
    const int64_t amount = parse_amount(field_value(w, full(key::amount)));
    const size_t from = size_t(std::clamp<int64_t>(w.ui_int(full(key::pay_from)), 0, int64_t(accounts.size()) - 1));
    const int64_t to_i = w.ui_int(full(key::pay_to), -1);
    const std::string to_name = to_i >= 0 && to_i < int64_t(to.size()) ? to[size_t(to_i)].substr(0, to[size_t(to_i)].find(" - "))
                                                                      : "";
    const int64_t when = transfer ? w.now_ms() : post_time(method, w.now_ms());
    const std::string say = "Send " + format_usd(std::max<int64_t>(amount, 0)) + " to " + to_name + " by " + method_label(method) +
                            " from " + account_label(w, account_ids.empty() ? 0 : account_ids[from]) +
                            (transfer ? ", now" : ", arriving " + day_label(when));
    t.node(rv).name = say;
    t.text(rv, "Review", {.size = 14, .weight = 700, .color = th.text_strong});
    t.text(rv, say, {.size = 14, .color = th.text, .wrap = true}, {.w = dom::fill()});
    const std::string memo = field_value(w, full(key::memo));
    if (!memo.empty()) t.text(rv, "Memo: " + memo, {.size = 13, .color = th.text_muted});
    const int acts = t.add(rv, {.dir = Dir::row, .gap = 8, .margin = {0, 6, 0, 0}});
    wg::button(t, acts, key::send_payment, transfer ? "Transfer" : "Send payment", "banking:send");
    wg::button(t, acts, key::edit_payment, "Edit", "banking:edit", wg::ButtonKind::secondary);
  }
  // Payments.
  t.text(page, "Payments", {.size = 17, .weight = 600, .color = th.text_strong}, {.margin = {0, 12, 0, 0}});
  const int list = t.add(page, {.dir = Dir::column, .w = dom::fill(), .bg = th.surface, .border_color = th.divider,
                                .border = 1, .radius = 10, .clip = true},
                         "payments", Role::table);
  t.node(list).name = "Payments";
  int n = 0;
  for (auto q = w.query("SELECT p.id, p.created_ms, ifnull(r.name, (SELECT name FROM bank_accounts WHERE id = p.to_account_id)), "
                        "p.method, p.amount_cents, p.status, p.memo, p.post_ms FROM bank_payments p LEFT JOIN bank_recipients r "
                        "ON r.id = p.recipient_id ORDER BY p.created_ms DESC, p.id DESC LIMIT 20");
       q.step();) {
    ++n;
    const std::string status(q.text(5));
    const int r = t.add(list, {.dir = Dir::row, .w = dom::fill(), .h = dom::fixed(44), .pad = {12, 0, 12, 0}, .gap = 12,
                               .align = Align::center},
                        key::payment(q.i64(0)), Role::row);
    const std::string label = status == "pending_approval" ? "Waiting for approval" : status == "sent" ? "Arrives " + day_label(q.i64(7))
                              : status == "posted"           ? "Completed"
                              : status == "rejected"         ? "Rejected"
                                                             : status;
    t.node(r).name = std::string(q.text(2)) + ", " + format_usd(q.i64(4)) + " by " + method_label(q.text(3)) + ", " + label +
                     (q.text(6).empty() ? "" : ", memo " + std::string(q.text(6)));
    t.text(r, day_label(q.i64(1)), {.size = 13, .color = th.text_muted}, {.w = dom::fixed(64)});
    t.text(r, std::string(q.text(2)), {.size = 14, .weight = 500, .color = th.text_strong}, {.w = dom::fill()});
    t.text(r, method_label(q.text(3)), {.size = 13, .color = th.text_muted}, {.w = dom::fixed(110)});
    t.text(r, format_usd(q.i64(4)), {.size = 14, .weight = 600, .color = th.text_strong}, {.w = dom::fixed(120)});
    t.text(r, label, {.size = 13, .color = status == "rejected" ? kRed : th.text}, {.w = dom::fixed(170)});
  }
  if (n == 0) t.text(list, "No payments yet.", {.size = 14, .color = th.text_muted}, {.margin = {12, 14, 12, 14}});
}

void recipients(state::World& w, dom::Tree& t, int page) {
  const dom::Theme& th = t.theme();
  const int top = t.add(page, {.dir = Dir::row, .w = dom::fill(), .align = Align::center});
  heading(t, top, "Recipients");
  t.add(top, {.w = dom::fill()});
  wg::button(t, top, key::add_recipient, "Add recipient", "ui:open:" + full(key::recipient_dialog));
  const int list = t.add(page, {.dir = Dir::column, .w = dom::fill(), .bg = th.surface, .border_color = th.divider, .border = 1,
                                .radius = 10, .clip = true},
                         "recipient_list", Role::table);
  t.node(list).name = "Recipients";
  for (auto q = w.query("SELECT id, name, bank_name, routing, account, email FROM bank_recipients ORDER BY name, id"); q.step();) {
    t.add(list, {.w = dom::fill(), .h = dom::fixed(1), .bg = th.divider});
    const int r = t.add(list, {.dir = Dir::row, .w = dom::fill(), .h = dom::fixed(52), .pad = {14, 0, 14, 0}, .gap = 12,
                               .align = Align::center},
                        key::recipient(q.i64(0)), Role::row);
    const std::string acct(q.text(4));
    t.node(r).name = std::string(q.text(1)) + ", " + std::string(q.text(2)) + ", routing " + std::string(q.text(3)) +
                     ", account ending " + acct.substr(acct.size() >= 4 ? acct.size() - 4 : 0);
    wg::avatar(t, r, q.text(1), "", 30);
    const int col = t.add(r, {.dir = Dir::column, .w = dom::fill()});
    t.text(col, std::string(q.text(1)), {.size = 14, .weight = 600, .color = th.text_strong});
    t.text(col, std::string(q.text(5)), {.size = 12, .color = th.text_muted});
    t.text(r, std::string(q.text(2)), {.size = 13, .color = th.text}, {.w = dom::fixed(200)});
    t.text(r, "Routing " + std::string(q.text(3)), {.size = 13, .color = th.text_muted}, {.w = dom::fixed(150)});
    t.text(r, "Acct \xE2\x80\xA2\xE2\x80\xA2" + acct.substr(acct.size() >= 4 ? acct.size() - 4 : 0), {.size = 13, .color = th.text_muted},
           {.w = dom::fixed(110)});
  }
  if (w.ui_get(apps::ui::kOverlay) == full(key::recipient_dialog)) {
    const int m = wg::modal(t, key::recipient_dialog, "Add recipient", 460);
    auto field = [&](std::string_view k, const char* label, const char* hint) {
      t.text(m, label, {.size = 13, .weight = 600, .color = th.text_strong});
      const FieldView f = field_view(w, full(k), true);
      const int fl = wg::text_field(t, m, k, {f.value, f.anchor, f.caret, f.focused, f.live}, hint);
      t.node(fl).name = label;
    };
    field(key::rcp_name, "Name", "Business or person");
    field(key::rcp_bank, "Bank name", "");
    field(key::rcp_routing, "Routing number", "9 digits");
    field(key::rcp_account, "Account number", "4 to 17 digits");
    wg::button(t, m, key::save_recipient, "Save recipient", "banking:save_recipient");
  }
}

void cards(state::World& w, dom::Tree& t, int page) {
  const dom::Theme& th = t.theme();
  heading(t, page, "Cards");
  const int list = t.add(page, {.dir = Dir::column, .w = dom::fill(), .bg = th.surface, .border_color = th.divider, .border = 1,
                                .radius = 10, .clip = true},
                         "card_list", Role::table);
  t.node(list).name = "Cards";
  for (auto q = w.query("SELECT c.id, p.name, c.last4, c.kind, c.nickname, c.status, c.limit_cents, c.limit_period FROM "
                        "bank_cards c JOIN people p ON p.id = c.person_id ORDER BY c.id");
       q.step();) {
    t.add(list, {.w = dom::fill(), .h = dom::fixed(1), .bg = th.divider});
    const int64_t id = q.i64(0);
    const bool frozen = q.text(5) == "frozen";
    const int r = t.add(list, {.dir = Dir::row, .w = dom::fill(), .h = dom::fixed(60), .pad = {14, 0, 14, 0}, .gap = 14,
                               .align = Align::center},
                        key::card(id), Role::row);
    t.node(r).name = std::string(q.text(1)) + "'s " + std::string(q.text(3)) + " card " + std::string(q.text(4)) + " ending " +
                     std::string(q.text(2)) + ", " + std::string(q.text(5)) + ", limit " + format_usd(q.i64(6), false) + " " +
                     std::string(q.text(7));
    const int chip = t.add(r, {.dir = Dir::column, .w = dom::fixed(64), .h = dom::fixed(40), .pad = dom::edges(6),
                               .justify = Align::end, .bg = frozen ? dom::rgb(0x9aa0ab) : (q.text(3) == "virtual" ? kIndigo : kInk),
                               .radius = 6});
    t.text(chip, "\xE2\x80\xA2\xE2\x80\xA2" + std::string(q.text(2)), {.size = 11, .weight = 600, .color = dom::rgb(0xffffff)});
    const int col = t.add(r, {.dir = Dir::column, .w = dom::fill()});
    t.text(col, std::string(q.text(4)) + (q.text(3) == "virtual" ? " (virtual)" : ""), {.size = 14, .weight = 600,
                                                                                          .color = th.text_strong});
    t.text(col, std::string(q.text(1)), {.size = 12, .color = th.text_muted});
    t.text(r, format_usd(q.i64(6), false) + " / " + std::string(q.text(7)) , {.size = 13, .color = th.text}, {.w = dom::fixed(150)});
    if (frozen) wg::badge(t, r, "Frozen", th.surface_dim, kRed);
    wg::button(t, r, key::limit(id), "Set limit", "banking:limit_open:" + std::to_string(id), wg::ButtonKind::secondary);
    wg::button(t, r, key::freeze(id), frozen ? "Unfreeze" : "Freeze", "banking:freeze:" + std::to_string(id),
               wg::ButtonKind::secondary);
  }
  if (w.ui_get(apps::ui::kOverlay) == full(key::limit_dialog)) {
    const int m = wg::modal(t, key::limit_dialog, "Set spending limit", 420);
    t.text(m, "Card ending " + text_of(w, "SELECT last4 FROM bank_cards WHERE id = ?", w.ui_int(ui::card)),
           {.size = 13, .color = th.text_muted});
    t.text(m, "Limit (USD)", {.size = 13, .weight = 600, .color = th.text_strong});
    const FieldView f = field_view(w, full(key::limit_amount), true);
    const int fl = wg::text_field(t, m, key::limit_amount, {f.value, f.anchor, f.caret, f.focused, f.live}, "e.g. 2,500");
    t.node(fl).name = "Limit (USD)";
    t.text(m, "Per", {.size = 13, .weight = 600, .color = th.text_strong});
    const int group = t.add(m, {.dir = Dir::row, .gap = 16}, key::limit_period, Role::radiogroup);
    t.node(group).name = "Period";
    const int64_t period = w.ui_int(ui::period);
    for (int k = 0; k < int(std::size(kLimitPeriods)); ++k)
      wg::radio(t, group, key::period(k), kLimitPeriods[k], period == k, "ui:set:" + std::string(ui::period) + "=" + std::to_string(k));
    wg::button(t, m, key::save_limit, "Save limit", "banking:save_limit");
  }
}

void approvals(state::World& w, dom::Tree& t, int page) {
  const dom::Theme& th = t.theme();
  heading(t, page, "Approvals");
  t.text(page, "Payments over a team member's daily limit wait here for another admin.", {.size = 14, .color = th.text_muted});
  const int list = t.add(page, {.dir = Dir::column, .w = dom::fill(), .gap = 12}, "approval_list", Role::list);
  t.node(list).name = "Waiting for approval";
  int n = 0;
  for (auto q = w.query("SELECT p.id, p.created_by, r.name, p.method, p.amount_cents, p.memo, p.created_ms, p.account_id FROM "
                        "bank_payments p JOIN bank_recipients r ON r.id = p.recipient_id WHERE p.status = 'pending_approval' "
                        "ORDER BY p.created_ms, p.id");
       q.step();) {
    ++n;
    const int64_t id = q.i64(0);
    const bool mine = q.i64(1) == world::kUserId;
    const int c = t.add(list, {.dir = Dir::row, .w = dom::fill(), .pad = dom::edges(16), .gap = 16, .align = Align::center,
                               .bg = th.surface, .border_color = th.divider, .border = 1, .radius = 10},
                        key::approval(id), Role::article);
    const std::string by = person_name(w, q.i64(1));
    t.node(c).name = by + " wants to send " + format_usd(q.i64(4)) + " to " + std::string(q.text(2)) + " by " +
                     method_label(q.text(3)) + (q.text(5).empty() ? "" : ", memo " + std::string(q.text(5)));
    wg::avatar(t, c, by, "", 32);
    const int col = t.add(c, {.dir = Dir::column, .w = dom::fill(), .gap = 2});
    t.text(col, format_usd(q.i64(4)) + " to " + std::string(q.text(2)), {.size = 15, .weight = 600, .color = th.text_strong});
    t.text(col, method_label(q.text(3)) + " from " + account_label(w, q.i64(7)) + " \xC2\xB7 requested by " + by + " \xC2\xB7 " +
                    day_label(q.i64(6)),
           {.size = 12, .color = th.text_muted});
    if (!q.text(5).empty()) t.text(col, "Memo: " + std::string(q.text(5)), {.size = 13, .color = th.text});
    if (mine) {
      t.text(c, "Waiting for another admin", {.size = 13, .color = th.text_muted});
    } else {
      wg::button(t, c, key::reject(id), "Reject", "banking:reject_open:" + std::to_string(id), wg::ButtonKind::secondary);
      wg::button(t, c, key::approve(id), "Approve", "banking:approve:" + std::to_string(id));
    }
  }
  if (n == 0) t.text(list, "Nothing is waiting for approval.", {.size = 14, .color = th.text_muted});
  if (w.ui_get(apps::ui::kOverlay) == full(key::reject_dialog)) {
    const int m = wg::modal(t, key::reject_dialog, "Reject payment", 420);
    t.text(m, "Reason (sent to the requester)", {.size = 13, .weight = 600, .color = th.text_strong});
    const FieldView f = field_view(w, full(key::reject_reason), true);
    const int fl = wg::text_field(t, m, key::reject_reason, {f.value, f.anchor, f.caret, f.focused, f.live}, "Why not?");
    t.node(fl).name = "Reason";
    wg::button(t, m, key::confirm_reject, "Reject payment", "banking:reject", wg::ButtonKind::danger);
  }
}

void view(state::World& w, dom::Tree& t, int root) {
  const dom::Theme& th = t.theme();
  const int row = t.add(root, {.dir = Dir::row, .w = dom::fill(), .h = dom::fill(), .bg = th.page});
  sidebar(w, t, row);
  const int page = t.add(row, {.dir = Dir::column, .w = dom::fill(), .h = dom::fill(), .pad = {28, 24, 28, 24}, .gap = 14,
                               .clip = true},
                         key::page, Role::main);
  live_scroll(w, t, page);
  const std::string screen = w.ui_get(ui::screen);
  if (screen == "transactions") transactions(w, t, page);
  else if (screen == "payments") payments(w, t, page);
  else if (screen == "recipients") recipients(w, t, page);
  else if (screen == "cards") cards(w, t, page);
  else if (screen == "approvals") approvals(w, t, page);
  else home(w, t, page);
}

// [SECTION] Handlers, events and routes -----------------------------------------------------------
void go(state::World& w, std::string_view screen) {
  w.ui_set(ui::screen, screen == "home" ? "" : screen);
  w.ui_set("scroll:" + full(key::page), int64_t(0));
  w.ui_set(apps::ui::kOverlay, "");
  w.ui_set(ui::txn, int64_t(0));
}
bool is_screen(std::string_view s) {
  if (s == "home") return true;
  for (const Screen& k : kScreens)
    if (!k.id.empty() && k.id == s) return true;
  return false;
}

// Sends payment `id` (its row written): the ledger line pending, posting scheduled.
void dispatch_payment(state::World& w, int64_t id) {
  auto q = w.query("SELECT p.account_id, p.method, p.amount_cents, p.memo, r.name, r.company_id FROM bank_payments p JOIN "
                   "bank_recipients r ON r.id = p.recipient_id WHERE p.id = ?", id);
  if (!q.step()) return;
  const int64_t post = post_time(q.text(1), w.now_ms());
  w.query("INSERT INTO bank_txns(account_id, ts_ms, amount_cents, counterparty, company_id, kind, status, category, memo, "
          "payment_id) VALUES(?, ?, ?, ?, ?, ?, 'pending', '', ?, ?)",
          q.i64(0), w.now_ms(), -q.i64(2), std::string(q.text(4)), q.i64(5), std::string(q.text(1)), std::string(q.text(3)), id)
      .run();
  w.query("UPDATE bank_payments SET status = 'sent', post_ms = ? WHERE id = ?", post, id).run();
  w.schedule(post, "banking.post", std::to_string(id));
}

Status send(state::World& w) {
  const std::string method = w.ui_get(ui::method).empty() ? "ach" : w.ui_get(ui::method);
  std::vector<int64_t> accounts;
  for (auto q = w.query("SELECT id FROM bank_accounts ORDER BY id"); q.step();) accounts.push_back(q.i64(0));
  const int64_t from_i = w.ui_int(full(key::pay_from)), to_i = w.ui_int(full(key::pay_to), -1);
  if (from_i < 0 || from_i >= int64_t(accounts.size())) return Error{Errc::invalid_argument, "no account to send from"};
  const int64_t from = accounts[size_t(from_i)];
  const int64_t amount = parse_amount(field_value(w, full(key::amount)));
  const std::string memo = field_trimmed(w, full(key::memo));
  auto problem = [&](const std::string& why) {
    w.ui_set(ui::reviewing, int64_t(0));
    toast(w, why);
    return Status{};
  };
  if (amount <= 0) return problem("Enter an amount, like 1,250.00.");
  if (to_i < 0) return problem(method == "transfer" ? "Choose the account to move money to." : "Choose a recipient.");
  if (amount > available(w, from))
    return problem("Insufficient funds: " + account_label(w, from) + " has " + format_usd(available(w, from)) + " available.");
  auto clear = [&] {
    for (std::string_view k : {key::amount, key::memo}) set_field_value(w, full(k), "");
    w.ui_set(full(key::pay_to), int64_t(-1));
    w.ui_set(ui::reviewing, int64_t(0));
  };
  if (method == "transfer") {
    if (to_i >= int64_t(accounts.size())) return Error{Errc::invalid_argument, "no such account"};
    const int64_t to = accounts[size_t(to_i)];
    if (to == from) return problem("Choose two different accounts.");
    w.query("INSERT INTO bank_payments(to_account_id, account_id, method, amount_cents, memo, created_ms, created_by, status, "
            "post_ms) VALUES(?, ?, 'transfer', ?, ?, ?, ?, 'posted', ?)",
            to, from, amount, memo, w.now_ms(), world::kUserId, w.now_ms()).run();
    const int64_t pid = w.last_insert_rowid();
    const std::string to_name = text_of(w, "SELECT name FROM bank_accounts WHERE id = ?", to),
                      from_name = text_of(w, "SELECT name FROM bank_accounts WHERE id = ?", from);
    for (const auto& [acct, amt, who] : {std::tuple{from, -amount, "Transfer to " + to_name},
                                         std::tuple{to, amount, "Transfer from " + from_name}})
      w.query("INSERT INTO bank_txns(account_id, ts_ms, amount_cents, counterparty, kind, status, category, memo, payment_id) "
              "VALUES(?, ?, ?, ?, 'transfer', 'posted', 'Transfer', ?, ?)",
              acct, w.now_ms(), amt, who, memo, pid).run();
    clear();
    toast(w, "Moved " + format_usd(amount) + " to " + to_name + ".");
    return {};
  }
  if (method != "ach" && method != "wire") return Error{Errc::invalid_argument, "no method '" + method + "'"};
  std::vector<int64_t> recipients;
  for (auto q = w.query("SELECT id FROM bank_recipients ORDER BY name, id"); q.step();) recipients.push_back(q.i64(0));
  if (to_i >= int64_t(recipients.size())) return Error{Errc::invalid_argument, "no such recipient"};
  const int64_t rcp = recipients[size_t(to_i)];
  // Over the user's daily limit: it waits for another admin.
  const int64_t limit = scalar(w, "SELECT daily_limit_cents FROM bank_members WHERE person_id = ?", world::kUserId);
  const bool over = sent_today(w, world::kUserId) + amount > limit;
  w.query("INSERT INTO bank_payments(recipient_id, account_id, method, amount_cents, memo, created_ms, created_by, status) "
          "VALUES(?, ?, ?, ?, ?, ?, ?, ?)",
          rcp, from, method, amount, memo, w.now_ms(), world::kUserId, std::string(over ? "pending_approval" : "new")).run();
  const int64_t pid = w.last_insert_rowid();
  const std::string name = text_of(w, "SELECT name FROM bank_recipients WHERE id = ?", rcp);
  clear();
  if (over) {
    toast(w, "Over your daily limit of " + format_usd(limit, false) + ": the payment waits for another admin's approval.");
    return {};
  }
  dispatch_payment(w, pid);
  toast(w, "Sent " + format_usd(amount) + " to " + name + ".");
  return {};
}

Status save_recipient(state::World& w) {
  const std::string name = field_trimmed(w, full(key::rcp_name)), bank = field_trimmed(w, full(key::rcp_bank));
  std::string routing, account;
  for (char c : field_value(w, full(key::rcp_routing)))
    if (c != ' ' && c != '-') routing += c;
  for (char c : field_value(w, full(key::rcp_account)))
    if (c != ' ' && c != '-') account += c;
  const bool digits = std::all_of(account.begin(), account.end(), [](char c) { return std::isdigit(uint8_t(c)); });
  std::string problem;
  if (name.empty() || bank.empty()) problem = "Enter the recipient's name and bank.";
  else if (!world::aba_valid(routing)) problem = "That routing number is not valid (9 digits with a check digit).";
  else if (!digits || account.size() < 4 || account.size() > 17) problem = "Account numbers are 4 to 17 digits.";
  else if (const std::string dup = [&] {
             auto q = w.query("SELECT name FROM bank_recipients WHERE routing = ? AND account = ?", routing, account);
             return q.step() ? std::string(q.text(0)) : std::string();
           }();
           !dup.empty())
    problem = "These bank details already belong to " + dup + ".";
  if (!problem.empty()) {
    toast(w, problem);
    return {};
  }
  w.query("INSERT INTO bank_recipients(name, company_id, bank_name, routing, account, created_ms) VALUES(?, (SELECT ifnull(min(id), "
          "0) FROM companies WHERE lower(name) = lower(?)), ?, ?, ?, ?)",
          name, name, bank, routing, account, w.now_ms()).run();
  for (std::string_view k : {key::rcp_name, key::rcp_bank, key::rcp_routing, key::rcp_account}) set_field_value(w, full(k), "");
  w.ui_set(apps::ui::kOverlay, "");
  toast(w, name + " added.");
  return {};
}

Status on_action(state::World& w, Command c) {
  const std::string_view a = c.cmd;
  auto arg = [&](std::string_view prefix) { return a.substr(prefix.size()); };
  auto with_id = [&](std::string_view prefix, auto&& fn) -> Status {
    auto id = parse_id(arg(prefix));
    if (!id) return id.error();
    return fn(*id);
  };
  if (a.rfind("go:", 0) == 0) {
    if (!is_screen(arg("go:"))) return Error{Errc::not_found, "no banking screen '" + std::string(arg("go:")) + "'"};
    go(w, arg("go:"));
    return {};
  }
  if (a.rfind("account:", 0) == 0)  // an account card: its transactions
    return with_id("account:", [&](int64_t id) -> Status {
      if (!scalar(w, "SELECT count(*) FROM bank_accounts WHERE id = ?", id)) return Error{Errc::not_found, "no account"};
      go(w, "transactions");
      w.ui_set(full(key::txn_account), scalar(w, "SELECT count(*) FROM bank_accounts WHERE id <= ?", id));
      w.ui_set(full(key::pages), int64_t(0));
      return {};
    });
  if (a == "search") {
    w.ui_set(ui::query, field_trimmed(w, full(key::txn_search)));
    w.ui_set(full(key::pages), int64_t(0));
    w.ui_set(apps::ui::kFocus, "");
    return {};
  }
  if (a == "clear_filters") {
    w.ui_set(ui::query, "");
    set_field_value(w, full(key::txn_search), "");
    for (std::string_view k : {key::txn_account, key::txn_status, key::txn_kind, key::pages}) w.ui_set(full(k), int64_t(0));
    return {};
  }
  if (a.rfind("sort:", 0) == 0) {
    const std::string col(arg("sort:"));
    if (col != "date" && col != "amount") return Error{Errc::invalid_argument, "no sort '" + col + "'"};
    const std::string cur = w.ui_get("banking.sort").empty() ? "date" : w.ui_get("banking.sort");
    w.ui_set("banking.sort_asc", int64_t(cur == col ? !w.ui_int("banking.sort_asc") : 0));
    w.ui_set("banking.sort", col);
    w.ui_set(full(key::pages), int64_t(0));
    return {};
  }
  if (a.rfind("open_txn:", 0) == 0)
    return with_id("open_txn:", [&](int64_t id) -> Status {
      auto q = w.query("SELECT category, note FROM bank_txns WHERE id = ?", id);
      if (!q.step()) return Error{Errc::not_found, "no transaction " + std::to_string(id)};
      int64_t cat = 0;
      for (size_t k = 0; k < std::size(kCategories); ++k)
        if (kCategories[k] == q.text(0)) cat = int64_t(k + 1);
      if (w.ui_get(ui::screen) != "transactions") go(w, "transactions");  // from the home page's activity
      w.ui_set(ui::txn, id);
      w.ui_set(full(key::txn_category), cat);
      set_field_value(w, full(key::txn_note), q.text(1));
      return {};
    });
  if (a == "close_txn") {
    w.ui_set(ui::txn, int64_t(0));
    return {};
  }
  if (a == "save_txn") {
    const int64_t id = w.ui_int(ui::txn);
    if (!scalar(w, "SELECT count(*) FROM bank_txns WHERE id = ?", id)) return Error{Errc::not_found, "no transaction open"};
    const int64_t cat = w.ui_int(full(key::txn_category));
    const std::string category = cat > 0 && cat <= int64_t(std::size(kCategories)) ? std::string(kCategories[cat - 1]) : "";
    const std::string note = field_trimmed(w, full(key::txn_note));
    w.query("UPDATE bank_txns SET category = ? WHERE id = ? AND category <> ?", category, id, category).run();
    w.query("UPDATE bank_txns SET note = ? WHERE id = ? AND note <> ?", note, id, note).run();
    toast(w, "Saved.");
    return {};
  }
  if (a.rfind("method:", 0) == 0) {
    const std::string m(arg("method:"));
    if (m != "ach" && m != "wire" && m != "transfer") return Error{Errc::invalid_argument, "no method '" + m + "'"};
    if ((m == "transfer") != (w.ui_get(ui::method) == "transfer")) w.ui_set(full(key::pay_to), int64_t(-1));
    w.ui_set(ui::method, m);
    w.ui_set(ui::reviewing, int64_t(0));
    return {};
  }
  if (a == "review") {
    w.ui_set(ui::reviewing, int64_t(1));
    return {};
  }
  if (a == "edit") {
    w.ui_set(ui::reviewing, int64_t(0));
    return {};
  }
  if (a == "send") {
    if (!w.ui_int(ui::reviewing)) return Error{Errc::invalid_argument, "review the payment first"};
    return send(w);
  }
  if (a == "save_recipient") return save_recipient(w);
  if (a.rfind("freeze:", 0) == 0)
    return with_id("freeze:", [&](int64_t id) -> Status {
      const std::string status = text_of(w, "SELECT status FROM bank_cards WHERE id = ?", id);
      if (status.empty()) return Error{Errc::not_found, "no card " + std::to_string(id)};
      w.query("UPDATE bank_cards SET status = ? WHERE id = ?", std::string(status == "frozen" ? "active" : "frozen"), id).run();
      toast(w, status == "frozen" ? "Card unfrozen." : "Card frozen: new purchases are declined.");
      return {};
    });
  if (a.rfind("limit_open:", 0) == 0)
    return with_id("limit_open:", [&](int64_t id) -> Status {
      auto q = w.query("SELECT limit_cents, limit_period FROM bank_cards WHERE id = ?", id);
      if (!q.step()) return Error{Errc::not_found, "no card " + std::to_string(id)};
      w.ui_set(ui::card, id);
      set_field_value(w, full(key::limit_amount), format_usd(q.i64(0), false).substr(1));
      int64_t period = 0;
      for (size_t k = 0; k < std::size(kLimitPeriods); ++k)
        if (kLimitPeriods[k] == q.text(1)) period = int64_t(k);
      w.ui_set(ui::period, period);
      w.ui_set(apps::ui::kOverlay, full(key::limit_dialog));
      return {};
    });
  if (a == "save_limit") {
    const int64_t id = w.ui_int(ui::card);
    if (!scalar(w, "SELECT count(*) FROM bank_cards WHERE id = ?", id)) return Error{Errc::not_found, "no card open"};
    const int64_t cents = parse_amount(field_value(w, full(key::limit_amount)));
    if (cents <= 0) {
      toast(w, "Enter a limit, like 2,500.");
      return {};
    }
    const int64_t period = std::clamp<int64_t>(w.ui_int(ui::period), 0, int64_t(std::size(kLimitPeriods)) - 1);
    w.query("UPDATE bank_cards SET limit_cents = ?, limit_period = ? WHERE id = ?", cents, std::string(kLimitPeriods[period]), id)
        .run();
    w.ui_set(apps::ui::kOverlay, "");
    toast(w, "Limit set to " + format_usd(cents, false) + " " + std::string(kLimitPeriods[period]) + ".");
    return {};
  }
  if (a.rfind("approve:", 0) == 0)
    return with_id("approve:", [&](int64_t id) -> Status {
      auto q = w.query("SELECT created_by, account_id, amount_cents FROM bank_payments WHERE id = ? AND status = "
                       "'pending_approval'", id);
      if (!q.step()) return Error{Errc::not_found, "no payment " + std::to_string(id) + " waiting"};
      if (q.i64(0) == world::kUserId) return Error{Errc::invalid_argument, "another admin approves your own payments"};
      if (q.i64(2) > available(w, q.i64(1))) {
        toast(w, "Insufficient funds to approve this payment.");
        return {};
      }
      w.query("UPDATE bank_payments SET decided_by = ? WHERE id = ?", world::kUserId, id).run();
      dispatch_payment(w, id);
      toast(w, "Approved and sent.");
      return {};
    });
  if (a.rfind("reject_open:", 0) == 0)
    return with_id("reject_open:", [&](int64_t id) -> Status {
      if (!scalar(w, "SELECT count(*) FROM bank_payments WHERE id = ? AND status = 'pending_approval' AND created_by <> ?", id,
                  world::kUserId))
        return Error{Errc::not_found, "no payment " + std::to_string(id) + " to reject"};
      w.ui_set(ui::rejecting, id);
      set_field_value(w, full(key::reject_reason), "");
      w.ui_set(apps::ui::kOverlay, full(key::reject_dialog));
      return {};
    });
  if (a == "reject") {
    const int64_t id = w.ui_int(ui::rejecting);
    const std::string reason = field_trimmed(w, full(key::reject_reason));
    if (reason.empty()) {
      toast(w, "Give a reason.");
      return {};
    }
    w.query("UPDATE bank_payments SET status = 'rejected', decided_by = ?, reason = ? WHERE id = ? AND status = "
            "'pending_approval'", world::kUserId, reason, id).run();
    w.ui_set(apps::ui::kOverlay, "");
    toast(w, "Payment rejected.");
    return {};
  }
  return Error{Errc::invalid_argument, "unknown banking action '" + std::string(a) + "'"};
}

Status on_submit(state::World& w, Submit s) {
  if (s.field == full(key::txn_search)) return on_action(w, Command{"search", 0});
  for (std::string_view k : {key::rcp_name, key::rcp_bank, key::rcp_routing, key::rcp_account})
    if (s.field == full(k)) return save_recipient(w);
  if (s.field == full(key::limit_amount)) return on_action(w, Command{"save_limit", 0});
  if (s.field == full(key::reject_reason)) return on_action(w, Command{"reject", 0});
  return {};
}

Status on_event(state::World& w, std::string_view what, std::string_view payload) {
  auto id = parse_id(payload);
  if (!id) return id.error();
  if (what != "post") return Error{Errc::invalid_argument, "unknown banking event '" + std::string(what) + "'"};
  w.query("UPDATE bank_txns SET status = 'posted' WHERE payment_id = ? AND status = 'pending'", *id).run();
  w.query("UPDATE bank_payments SET status = 'posted' WHERE id = ? AND status = 'sent'", *id).run();
  return {};
}

Status on_back(state::World& w) {
  go(w, "home");
  return {};
}

std::string route(state::World& w) { return "#" + w.ui_get(ui::screen); }

Status open_route(state::World& w, std::string_view r) {
  if (r.empty() || r == "#") return {};
  if (r[0] != '#') return Error{Errc::invalid_argument, "banking routes start with #"};
  r.remove_prefix(1);
  if (!is_screen(r)) return Error{Errc::not_found, "no banking route '#" + std::string(r) + "'"};
  go(w, r);
  return {};
}

}  // namespace

int64_t account_balance(state::World& w, int64_t account) { return balance(w, account); }
int64_t account_available(state::World& w, int64_t account) { return available(w, account); }
int64_t payment_post_time(std::string_view method, int64_t now_ms) { return post_time(method, now_ms); }
int64_t amount_cents(std::string_view typed) { return parse_amount(typed); }
Result<int64_t> grow_ledger(state::World& w, int64_t total) {
  if (Status s = grow(w, total); !s) return s.error();
  return scalar(w, "SELECT count(*) FROM bank_txns");
}

}  // namespace banking

const App& banking_app() {
  static const App app{.name = banking::kName,
                       .title = "Ledgerly",
                       .host = "bank.facsim.test",
                       .install = banking::install,
                       .view = banking::view,
                       .on_action = banking::on_action,
                       .on_submit = banking::on_submit,
                       .on_back = banking::on_back,
                       .route = banking::route,
                       .open_route = banking::open_route,
                       .on_event = banking::on_event};
  return app;
}

}  // namespace facsim::apps
