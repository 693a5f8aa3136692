// apps/banking: a Mercury-like business bank - checking, savings and treasury accounts with a
// ledger of card spend, ACH and wires generated from the world seed (vendors and customers are
// the shared world's companies, cardholders its people), transactions with search, filters,
// sort and a detail drawer, money movement with business-day settlement, the 4 PM wire cut-off,
// insufficient funds and a daily limit that sends a payment to another admin's approval,
// recipients checked by the ABA checksum (and partners abroad, paid by international wire in
// their currency at a seeded rate), payments scheduled for a day or repeating, bills from
// vendors, cards with freeze, limits and replacement, disputes, monthly statements saved as
// files, the team's roles and limits, and which companies may debit the account by ACH.
//
// [SECTION] Plan and schema
// [SECTION] Money rules: balances, business days, cut-offs, limits
// [SECTION] Generator
// [SECTION] View: navigation, home, transactions, move money, bills, recipients, cards, approvals,
//           statements, settings
// [SECTION] Handlers, events and routes
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <string>
#include <vector>

#include "apps.h"
#include "banking/banking.h"
#include "banking/keys.h"
#include "calendar.h"
#include "dom.h"
#include "mail/mail.h"
#include "money.h"
#include "shopping/keys.h"
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
-- Domestic recipients have a routing and an account number (and a mailing address, for
-- checks); international ones (currency not USD) a SWIFT code and an IBAN or local account
-- number in `account`. Verified (verified_ms) when the recipient confirmed the two small
-- deposits the bank sent (deposits_ms; deposit1/2 in cents, under $1); tries: wrong guesses
-- (three void the deposits). Changing the bank details unverifies.
CREATE TABLE bank_recipients(
  id INTEGER PRIMARY KEY, name TEXT NOT NULL, company_id INTEGER NOT NULL DEFAULT 0, email TEXT NOT NULL DEFAULT '',
  bank_name TEXT NOT NULL, routing TEXT NOT NULL, account TEXT NOT NULL, created_ms INTEGER NOT NULL,
  country TEXT NOT NULL DEFAULT 'US', currency TEXT NOT NULL DEFAULT 'USD', swift TEXT NOT NULL DEFAULT '',
  address TEXT NOT NULL DEFAULT '', verified_ms INTEGER NOT NULL DEFAULT 0, deposits_ms INTEGER NOT NULL DEFAULT 0,
  deposit1 INTEGER NOT NULL DEFAULT 0, deposit2 INTEGER NOT NULL DEFAULT 0, tries INTEGER NOT NULL DEFAULT 0);
-- Money sent (or waiting): method ach, wire, check (mailed to the recipient's address), intl
-- (an international wire: fx_minor of currency
-- bought for amount_cents) or transfer (to_account_id: an own account); status pending_approval
-- -> sent -> posted, or rejected / failed; scheduled (send_ms: the day it goes, 9 AM Eastern;
-- repeat weekly or monthly makes the next one when it goes) -> sent, or cancelled. bill_id: the
-- bill it pays; file_id: the invoice attached (a file of the world's store).
CREATE TABLE bank_payments(
  id INTEGER PRIMARY KEY, recipient_id INTEGER NOT NULL DEFAULT 0, to_account_id INTEGER NOT NULL DEFAULT 0,
  account_id INTEGER NOT NULL, method TEXT NOT NULL, amount_cents INTEGER NOT NULL, memo TEXT NOT NULL,
  created_ms INTEGER NOT NULL, created_by INTEGER NOT NULL, status TEXT NOT NULL, post_ms INTEGER NOT NULL DEFAULT 0,
  decided_by INTEGER NOT NULL DEFAULT 0, reason TEXT NOT NULL DEFAULT '', send_ms INTEGER NOT NULL DEFAULT 0,
  repeat TEXT NOT NULL DEFAULT '', currency TEXT NOT NULL DEFAULT 'USD', fx_minor INTEGER NOT NULL DEFAULT 0,
  bill_id INTEGER NOT NULL DEFAULT 0, file_id INTEGER NOT NULL DEFAULT 0);
CREATE INDEX bank_payments_by_bill ON bank_payments(bill_id);
-- Cards: status active, frozen or cancelled (replaced: replaces, the card it took over from).
-- A limit until a day (until_ms: the end of that day, Eastern) goes back to after_cents per
-- after_period then (the event banking.limit_end).
CREATE TABLE bank_cards(
  id INTEGER PRIMARY KEY, person_id INTEGER NOT NULL, last4 TEXT NOT NULL, kind TEXT NOT NULL,
  nickname TEXT NOT NULL, status TEXT NOT NULL, limit_cents INTEGER NOT NULL, limit_period TEXT NOT NULL,
  replaces INTEGER NOT NULL DEFAULT 0, reason TEXT NOT NULL DEFAULT '', until_ms INTEGER NOT NULL DEFAULT 0,
  after_cents INTEGER NOT NULL DEFAULT 0, after_period TEXT NOT NULL DEFAULT '');
-- What a dollar buys: USD per unit of each currency, in millionths (a seeded table).
CREATE TABLE bank_fx(currency TEXT PRIMARY KEY, name TEXT NOT NULL, usd_micros INTEGER NOT NULL) WITHOUT ROWID;
-- Bills to pay (payables), as vendors sent them: paid when a payment names the bill (bill_id).
CREATE TABLE bank_bills(
  id INTEGER PRIMARY KEY, recipient_id INTEGER NOT NULL, invoice TEXT NOT NULL, amount_cents INTEGER NOT NULL,
  received_ms INTEGER NOT NULL, due_ms INTEGER NOT NULL, sender TEXT NOT NULL, note TEXT NOT NULL DEFAULT '');
-- Receipts attached to ledger lines: files of the world's store (a download, a mail attachment).
CREATE TABLE bank_receipts(txn_id INTEGER PRIMARY KEY, file_id INTEGER NOT NULL, attached_ms INTEGER NOT NULL);
-- Merchant categories a card declines.
CREATE TABLE bank_card_locks(card_id INTEGER NOT NULL, category TEXT NOT NULL, PRIMARY KEY(card_id, category)) WITHOUT ROWID;
-- Invoices to customers (receivables): draft -> sent (emailed with its PDF: email_id, file_id)
-- -> paid. contact_id: the customer's person the email went to.
CREATE TABLE bank_invoices(
  id INTEGER PRIMARY KEY, number TEXT NOT NULL UNIQUE, customer_id INTEGER NOT NULL, contact_id INTEGER NOT NULL,
  issued_ms INTEGER NOT NULL, due_ms INTEGER NOT NULL, status TEXT NOT NULL, memo TEXT NOT NULL DEFAULT '',
  email_id INTEGER NOT NULL DEFAULT 0, file_id INTEGER NOT NULL DEFAULT 0, paid_ms INTEGER NOT NULL DEFAULT 0);
CREATE TABLE bank_invoice_lines(
  invoice_id INTEGER NOT NULL, line INTEGER NOT NULL, description TEXT NOT NULL, qty INTEGER NOT NULL,
  unit_cents INTEGER NOT NULL, PRIMARY KEY(invoice_id, line)) WITHOUT ROWID;
-- Card charges disputed with the bank.
CREATE TABLE bank_disputes(
  id INTEGER PRIMARY KEY, txn_id INTEGER NOT NULL UNIQUE, reason TEXT NOT NULL, details TEXT NOT NULL,
  status TEXT NOT NULL, created_ms INTEGER NOT NULL);
-- Companies that may pull money from the account by ACH debit: allowed, blocked, or review (a
-- first pull waiting for a decision; txn_id its pending ledger line).
CREATE TABLE bank_debit_rules(
  id INTEGER PRIMARY KEY, name TEXT NOT NULL, company_id INTEGER NOT NULL DEFAULT 0, status TEXT NOT NULL,
  txn_id INTEGER NOT NULL DEFAULT 0, decided_ms INTEGER NOT NULL DEFAULT 0);
-- The company's settings: wire_approval ('': off; else cents: a wire, domestic or
-- international, of more than that waits for a second admin; '0': every wire).
CREATE TABLE bank_settings(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
-- People invited to the bank who have not joined yet.
CREATE TABLE bank_invites(
  id INTEGER PRIMARY KEY, name TEXT NOT NULL, email TEXT NOT NULL, role TEXT NOT NULL, created_ms INTEGER NOT NULL);
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
// The wire rule: -1 off, else the amount over which a wire waits for a second admin.
int64_t wire_threshold(state::World& w) {
  auto q = w.query("SELECT value FROM bank_settings WHERE key = 'wire_approval'");
  const std::string v = q.step() ? std::string(q.text(0)) : std::string();
  return v.empty() ? -1 : std::atoll(v.c_str());
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
  if (method == "intl") return business_days_after(now, kIntlDays, 10);
  if (method == "check") return business_days_after(now, kCheckDays, 12);
  const Civil e = eastern(now);
  const bool open = business_day(ms_from_civil({.y = e.y, .m = e.m, .d = e.d})) && e.hour < kWireCutoffHourEt;
  return open ? now + 30 * 60000 : business_days_after(now, 1, 10);
}
// What `person` has sent (or asked to send) to others since midnight UTC (when daily limits
// reset), transfers apart.
int64_t sent_today(state::World& w, int64_t person) {
  const int64_t start = w.now_ms() / kDay * kDay;
  auto q = w.query("SELECT ifnull(sum(amount_cents), 0) FROM bank_payments WHERE created_by = ? AND method <> 'transfer' "
                   "AND created_ms >= ? AND status IN ('sent', 'posted', 'pending_approval', 'scheduled')", person, start);
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
  if (m == "intl") return "International wire";
  if (m == "check") return "Check";
  std::string out(m);
  if (!out.empty()) out[0] = char(std::toupper(uint8_t(out[0])));
  return out;  // Transfer, Interest, Deposit
}
std::string day_label(int64_t ms) {  // "Mar 4"
  const Civil c = civil_from_ms(ms);
  return std::string(kMonthLong[c.m - 1]).substr(0, 3) + " " + std::to_string(c.d);
}

// Currencies an international wire can buy: ISO code, name, symbol, minor digits, the range of
// the seeded rate (USD millionths per unit) and whether amounts are written 1.234,56.
struct Currency {
  std::string_view code, name, symbol;
  int decimals;
  int64_t lo, hi;
  bool comma_decimal;
};
constexpr Currency kCurrencies[] = {
    {"EUR", "Euro", "\xE2\x82\xAC", 2, 1040000, 1120000, true},   {"GBP", "British pound", "\xC2\xA3", 2, 1220000, 1320000, false},
    {"CAD", "Canadian dollar", "CA$", 2, 700000, 760000, false}, {"MXN", "Mexican peso", "MX$", 2, 50000, 60000, false},
    {"JPY", "Japanese yen", "\xC2\xA5", 0, 6400, 7200, false}};
const Currency* currency_of(std::string_view code) {
  for (const Currency& c : kCurrencies)
    if (c.code == code) return &c;
  return nullptr;
}
// An amount in a currency's minor units as its people write it: EUR 123456 -> "€1.234,56",
// JPY 5000 -> "¥5,000"; USD as format_usd.
std::string format_money(std::string_view code, int64_t minor) {
  const Currency* c = currency_of(code);
  if (!c) return format_usd(minor);
  std::string s = format_usd(c->decimals ? minor : minor * 100, c->decimals != 0);  // "$1,234.56"
  s = s.substr(s.find('$') + 1);
  if (c->comma_decimal)
    for (char& ch : s) ch = ch == ',' ? '.' : ch == '.' ? ',' : ch;
  return (minor < 0 ? "-" : "") + std::string(c->symbol) + s;
}
int64_t pow10(int n) {
  int64_t p = 1;
  while (n-- > 0) p *= 10;
  return p;
}
// What `minor` units of `code` cost in US cents at the rate on file (rounded half up); -1 when
// the currency is unknown.
int64_t usd_cost(state::World& w, std::string_view code, int64_t minor) {
  const Currency* c = currency_of(code);
  const int64_t micros = scalar(w, "SELECT usd_micros FROM bank_fx WHERE currency = ?", std::string(code));
  if (!c || micros <= 0) return -1;
  const int64_t den = pow10(c->decimals) * 1000000;
  return (minor * micros * 100 + den / 2) / den;
}
// "1 EUR = 1.0825 USD"
std::string rate_label(state::World& w, std::string_view code) {
  const int64_t micros = scalar(w, "SELECT usd_micros FROM bank_fx WHERE currency = ?", std::string(code));
  char b[64];
  std::snprintf(b, sizeof b, "1 %.*s = %lld.%06lld USD", int(code.size()), code.data(), (long long)(micros / 1000000),
                (long long)(micros % 1000000));
  return b;
}
// A typed amount in a currency's minor units (JPY takes no decimals): -1 when it is not one.
int64_t parse_minor(std::string_view typed, std::string_view code) {
  const Currency* c = currency_of(code);
  std::string t(typed);
  if (c) {  // drop the currency's symbol or code
    for (std::string_view cut : {c->symbol, c->code})
      if (const size_t at = t.find(cut); at != std::string::npos) t.erase(at, cut.size());
  }
  // "1.234,56" (a comma and one or two digits at the end) is a decimal comma; "1,234.56" and
  // "1234.56" read as everywhere else.
  if (const size_t comma = t.rfind(','); c && comma != std::string::npos && t.find('.', comma) == std::string::npos &&
                                         t.size() - comma - 1 >= 1 && t.size() - comma - 1 <= 2) {
    std::string u;
    for (size_t k = 0; k < t.size(); ++k)
      if (k == comma) u += '.';
      else if (t[k] != '.' && t[k] != ',') u += t[k];
    t = u;
  }
  const int64_t cents = parse_amount(t);
  if (cents < 0 || !c || c->decimals == 2) return cents;
  return cents % 100 ? -1 : cents / 100;
}

// The recipients the To select lists for a method (ordered as shown): domestic for ACH and
// wires, abroad for international wires.
std::vector<int64_t> recipients_for(state::World& w, std::string_view method) {
  std::vector<int64_t> ids;
  for (auto q = w.query(std::string("SELECT id FROM bank_recipients WHERE currency ") + (method == "intl" ? "<>" : "=") +
                        " 'USD' ORDER BY name, id");
       q.step();)
    ids.push_back(q.i64(0));
  return ids;
}
// The day chosen in the form's date picker ("YYYY-MM-DD") as 9 AM Eastern; 0 when none.
int64_t send_time(std::string_view ymd) {
  int y = 0, m = 0, d = 0;
  const std::string v(ymd);
  if (std::sscanf(v.c_str(), "%d-%d-%d", &y, &m, &d) != 3 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m)) return 0;
  return at_eastern(ms_from_civil({.y = y, .m = m, .d = d}), 9);
}
int64_t chosen_day(state::World& w, std::string_view key_) { return send_time(w.ui_get(full(key_))); }
// The end of day `ymd` in Eastern time (midnight after it); 0 when it is not a date.
int64_t day_end(std::string_view ymd) {
  const int64_t nine = send_time(ymd);
  return nine ? at_eastern(nine / kDay * kDay + kDay, 0) : 0;  // 9 AM Eastern is the same day in UTC
}
std::string eastern_day_label(int64_t ms) {  // "Mar 4", the Eastern day
  const Civil c = eastern(ms);
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

// ISO 13616 check digits for `country` and `bban`: 98 - (bban, country as digits, "00") mod 97.
std::string iban(std::string_view country, const std::string& bban) {
  std::string digits;
  for (char c : bban + std::string(country)) digits += c >= 'A' && c <= 'Z' ? std::to_string(c - 'A' + 10) : std::string(1, c);
  digits += "00";
  int rem = 0;
  for (char c : digits) rem = (rem * 10 + (c - '0')) % 97;
  const int check = 98 - rem;
  return std::string(country) + (check < 10 ? "0" : "") + std::to_string(check) + bban;
}
std::string digits_of(Rng& r, int n) {
  std::string s;
  for (int k = 0; k < n; ++k) s += char('0' + (k == 0 ? 1 + r.below(9) : r.below(10)));
  return s;
}

// What the company bills its customers for: a name, the quantity and unit price ranges (dollars).
struct Service {
  const char* name;
  int qty_lo, qty_hi, lo, hi;
};
constexpr Service kServices[] = {{"Consulting (hours)", 8, 40, 150, 250},     {"Design sprint", 1, 1, 4000, 9000},
                                 {"Monthly support plan", 1, 3, 1500, 3000}, {"Implementation", 1, 1, 5000, 15000},
                                 {"Training session", 1, 3, 800, 1500},      {"Data migration", 1, 1, 2500, 7000}};

// What install adds after the ledger, each part on its own stream (the ledger stays as it was):
// the rates, partners abroad, scheduled and recurring payments, bills, ACH debit rules.
Status install_more(state::World& w) {
  const int64_t now = w.now_ms();
  Rng fx = Rng::stream(w.seed(), "banking.fx");
  for (const Currency& c : kCurrencies)
    w.query("INSERT INTO bank_fx(currency, name, usd_micros) VALUES(?, ?, ?)", std::string(c.code), std::string(c.name),
            c.lo + int64_t(fx.below(uint32_t(c.hi - c.lo)))).run();
  // Partners abroad, paid by international wire in their currency.
  struct Abroad {
    const char *name, *country, *currency, *bank, *swift, *email;
    int bban;  // digits of the account (IBAN countries) or local account number
  };
  static const Abroad kAbroad[] = {
      {"Atelier Moreau SARL", "FR", "EUR", "BNP Paribas", "BNPAFRPP", "factures@ateliermoreau.fr", 23},
      {"Keller Maschinenbau GmbH", "DE", "EUR", "Deutsche Bank", "DEUTDEFF", "buchhaltung@keller-mb.de", 18},
      {"Harrow & Finch Ltd", "GB", "GBP", "Barclays", "BARCGB22", "accounts@harrowfinch.co.uk", 14},
      {"Maple Ridge Consulting Inc", "CA", "CAD", "RBC Royal Bank", "ROYCCAT2", "ap@mapleridge.ca", 12},
      {"Estudio Alba SA de CV", "MX", "MXN", "BBVA Mexico", "BCMRMXMM", "pagos@estudioalba.mx", 18},
      {"Sakura Components KK", "JP", "JPY", "MUFG Bank", "BOTKJPJT", "keiri@sakura-comp.jp", 7}};
  Rng ab = Rng::stream(w.seed(), "banking.abroad");
  for (const Abroad& a : kAbroad) {
    const std::string_view country = a.country;
    const bool uses_iban = country == "FR" || country == "DE" || country == "GB";
    const std::string bban = (country == "GB" ? "BARC" : "") + digits_of(ab, a.bban);  // GB: the bank's code first
    const std::string account = uses_iban ? iban(country, bban) : bban;
    w.query("INSERT INTO bank_recipients(name, email, bank_name, routing, account, created_ms, country, currency, swift) "
            "VALUES(?, ?, ?, '', ?, ?, ?, ?, ?)",
            a.name, a.email, a.bank, account, now - int64_t(60 + ab.below(300)) * kDay, a.country, a.currency, a.swift).run();
  }
  // Vendors (domestic recipients), for what follows.
  std::vector<int64_t> vendors;
  for (auto q = w.query("SELECT id FROM bank_recipients WHERE currency = 'USD' ORDER BY id"); q.step();) vendors.push_back(q.i64(0));
  if (vendors.empty()) return {};
  const Civil today = eastern(now);
  const int64_t midnight = ms_from_civil({.y = today.y, .m = today.m, .d = today.d});  // today's date, as UTC midnight
  // Mailing addresses (checks go there).
  Rng ad = Rng::stream(w.seed(), "banking.addresses");
  static const char* kStreets[] = {"Market St", "Harbor Way", "Industrial Pkwy", "Commerce Dr", "Elm Ave", "Mill Rd"};
  static const char* kCities[][2] = {{"Oakland", "CA"}, {"Austin", "TX"}, {"Denver", "CO"}, {"Columbus", "OH"}, {"Raleigh", "NC"},
                                     {"Portland", "OR"}};
  for (int64_t v : vendors) {
    const auto& city = kCities[ad.below(6)];
    w.query("UPDATE bank_recipients SET address = ? WHERE id = ?",
            std::to_string(100 + ad.below(4800)) + " " + kStreets[ad.below(6)] + ", " + city[0] + ", " + city[1] + " " +
                std::to_string(10000 + ad.below(89999)),
            v).run();
  }
  // Decisions on earlier payments (the approvals' history): one the user rejected, one the user
  // approved, one of the user's that the other admin approved.
  Rng hs = Rng::stream(w.seed(), "banking.history");
  const int64_t bookkeeper = scalar(w, "SELECT person_id FROM bank_members WHERE role = 'bookkeeper' ORDER BY person_id LIMIT 1");
  const int64_t other_admin = scalar(w, "SELECT person_id FROM bank_members WHERE role = 'admin' AND person_id <> ? ORDER BY person_id "
                                        "LIMIT 1", world::kUserId);
  static const char* kReasons[] = {"Duplicate of an invoice we already paid", "Amount does not match the contract",
                                   "Vendor asked us to hold payment", "Needs a purchase order first", "Wrong bank details on the invoice"};
  if (bookkeeper && other_admin)
    for (int k = 0; k < 3; ++k) {
      const int64_t rcp = vendors[hs.below(uint32_t(vendors.size()))];
      const int64_t created = midnight - int64_t(6 + hs.below(20)) * kDay + int64_t(14 + hs.below(6)) * 3600000;
      const int64_t cents = int64_t(1500 + hs.below(9000)) * 100 + int64_t(hs.below(100));
      const bool rejected = k == 0;
      w.query("INSERT INTO bank_payments(recipient_id, account_id, method, amount_cents, memo, created_ms, created_by, status, post_ms, "
              "decided_by, reason) VALUES(?, 1, 'ach', ?, ?, ?, ?, ?, ?, ?, ?)",
              rcp, cents, "Invoice INV-" + std::to_string(20000 + hs.below(9999)), created, k == 2 ? world::kUserId : bookkeeper,
              std::string(rejected ? "rejected" : "posted"), rejected ? int64_t(0) : business_days_after(created, kAchDays, 9),
              k == 2 ? other_admin : world::kUserId, std::string(rejected ? kReasons[hs.below(5)] : "")).run();
      const int64_t pid = w.last_insert_rowid();
      if (!rejected)
        w.query("INSERT INTO bank_txns(account_id, ts_ms, amount_cents, counterparty, company_id, kind, status, category, memo, "
                "payment_id) SELECT 1, ?, -amount_cents, r.name, r.company_id, 'ach', 'posted', 'Professional services', p.memo, p.id FROM "
                "bank_payments p JOIN bank_recipients r ON r.id = p.recipient_id WHERE p.id = ?",
                created + 3600000, pid).run();
    }
  // Scheduled: a monthly retainer on the 1st and a one-off later this month or next.
  Rng sc = Rng::stream(w.seed(), "banking.scheduled");
  {
    const size_t pick = sc.below(uint32_t(vendors.size()));
    const int64_t rcp = vendors[pick];
    const Civil next = {.y = today.m == 12 ? today.y + 1 : today.y, .m = today.m == 12 ? 1 : today.m + 1, .d = 1};
    const int64_t send = at_eastern(ms_from_civil(next), 9);
    w.query("INSERT INTO bank_payments(recipient_id, account_id, method, amount_cents, memo, created_ms, created_by, status, "
            "send_ms, repeat) VALUES(?, 1, 'ach', ?, 'Monthly retainer', ?, ?, 'scheduled', ?, 'monthly')",
            rcp, int64_t(15 + sc.below(40)) * 10000, now - int64_t(20 + sc.below(40)) * kDay, world::kUserId, send).run();
    w.schedule(send, "banking.due", std::to_string(w.last_insert_rowid()));
    const size_t n = vendors.size();
    const int64_t other = n == 1 ? rcp : vendors[(pick + 1 + sc.below(uint32_t(n - 1))) % n];  // another vendor, when there is one
    const int64_t day = midnight + int64_t(4 + sc.below(10)) * kDay;
    const int64_t send2 = at_eastern(business_day(day) ? day : day + 2 * kDay, 9);
    w.query("INSERT INTO bank_payments(recipient_id, account_id, method, amount_cents, memo, created_ms, created_by, status, "
            "send_ms) VALUES(?, 1, 'ach', ?, ?, ?, ?, 'scheduled', ?)",
            other, int64_t(800 + sc.below(6000)) * 100 + int64_t(sc.below(100)), "Invoice INV-" + std::to_string(30000 + sc.below(9999)),
            now - int64_t(1 + sc.below(5)) * kDay, world::kUserId, send2).run();
    w.schedule(send2, "banking.due", std::to_string(w.last_insert_rowid()));
  }
  // Bills: a few open, from the vendors, due from last week to next month.
  Rng bl = Rng::stream(w.seed(), "banking.bills");
  static const char* kNotes[] = {"Net 30. Thank you for your business.", "Please include the invoice number with your payment.",
                                 "", "Questions about this invoice? Reply to this email.", ""};
  const size_t first = bl.below(uint32_t(vendors.size()));
  for (int k = 0, n = 4 + int(bl.below(3)); k < n; ++k) {
    const int64_t rcp = vendors[(first + size_t(k)) % vendors.size()];
    const int64_t received = midnight - int64_t(5 + bl.below(25)) * kDay + int64_t(14 + bl.below(6)) * 3600000;
    const int64_t due = midnight + (int64_t(bl.below(40)) - 8) * kDay;
    w.query("INSERT INTO bank_bills(recipient_id, invoice, amount_cents, received_ms, due_ms, sender, note) VALUES(?, ?, ?, ?, ?, "
            "(SELECT CASE WHEN email = '' THEN 'billing@' || lower(replace(name, ' ', '')) || '.com' ELSE email END FROM "
            "bank_recipients WHERE id = ?), ?)",
            rcp, "INV-" + std::to_string(40000 + bl.below(9999)), int64_t(300 + bl.below(9000)) * 100 + int64_t(bl.below(100)),
            received, due, rcp, kNotes[bl.below(5)]).run();
  }
  // Invoices to customers: paid, sent (one overdue) and a draft.
  Rng iv = Rng::stream(w.seed(), "banking.invoices");
  std::vector<std::pair<int64_t, int64_t>> customers;  // company, contact
  for (auto q = w.query("SELECT c.id, (SELECT p.id FROM people p WHERE p.company_id = c.id ORDER BY p.id LIMIT 1) FROM companies c "
                        "WHERE c.role = 'customer' ORDER BY c.id");
       q.step();)
    if (!q.is_null(1)) customers.emplace_back(q.i64(0), q.i64(1));
  for (int k = 0; k < 6 && !customers.empty(); ++k) {
    const auto& [company, contact] = customers[(size_t(k) + iv.below(2)) % customers.size()];
    const char* status = k < 2 ? "paid" : k < 5 ? "sent" : "draft";
    const int64_t issued = midnight + 15 * 3600000 - int64_t(k < 2 ? 40 + iv.below(20) : k == 2 ? 45 + iv.below(10) : k < 5 ? 3 + iv.below(20) : 0) * kDay;
    const int terms = kTerms[iv.below(3)];
    w.query("INSERT INTO bank_invoices(number, customer_id, contact_id, issued_ms, due_ms, status, paid_ms) VALUES(?, ?, ?, ?, ?, ?, ?)",
            std::to_string(1001 + k), company, contact, issued, issued + int64_t(terms) * kDay, std::string(status),
            k < 2 ? issued + int64_t(10 + iv.below(15)) * kDay : int64_t(0)).run();
    const int64_t id = w.last_insert_rowid();
    for (int l = 0, n = 1 + int(iv.below(2)); l < n; ++l) {
      const Service& sv = kServices[iv.below(uint32_t(std::size(kServices)))];
      w.query("INSERT INTO bank_invoice_lines(invoice_id, line, description, qty, unit_cents) VALUES(?, ?, ?, ?, ?)", id, int64_t(l),
              sv.name, int64_t(sv.qty_lo + int(iv.below(uint32_t(sv.qty_hi - sv.qty_lo + 1)))),
              int64_t(sv.lo + int(iv.below(uint32_t(sv.hi - sv.lo + 1)))) * 100).run();
    }
    if (k < 2)  // the customer's payment, in the ledger
      w.query("INSERT INTO bank_txns(account_id, ts_ms, amount_cents, counterparty, company_id, kind, status, category, memo) SELECT 1, "
              "i.paid_ms, (SELECT sum(qty * unit_cents) FROM bank_invoice_lines WHERE invoice_id = i.id), c.name, c.id, 'ach', 'posted', "
              "'Revenue', 'Payment for invoice ' || i.number FROM bank_invoices i JOIN companies c ON c.id = i.customer_id WHERE i.id = ?",
              id).run();
  }
  w.query("INSERT INTO bank_settings(key, value) VALUES('wire_approval', '')").run();
  // ACH debits: who may pull money (payroll, rent, tax, software), one blocked.
  static const char* kPullers[] = {"Gusto Payroll", "Harbor Property Group", "IRS USATAXPYMT", "Intuit QuickBooks",
                                   "American Express"};
  for (size_t k = 0; k < std::size(kPullers); ++k)
    w.query("INSERT INTO bank_debit_rules(name, status, decided_ms) VALUES(?, ?, ?)", kPullers[k],
            std::string(k == 4 ? "blocked" : "allowed"), now - int64_t(100 + 7 * k) * kDay).run();
  // Recipients were verified a few days after they were added; two vendors added lately still
  // have the bank's two small deposits waiting for them to say what arrived.
  w.query("UPDATE bank_recipients SET verified_ms = created_ms + 3 * ?", kDay).run();
  Rng vr = Rng::stream(w.seed(), "banking.verify");
  std::vector<int64_t> domestic;
  for (auto q = w.query("SELECT id FROM bank_recipients WHERE currency = 'USD' ORDER BY id"); q.step();) domestic.push_back(q.i64(0));
  for (int k = 0; k < 2 && domestic.size() > 2; ++k) {
    const size_t at = vr.below(uint32_t(domestic.size()));
    const int64_t id = domestic[at], d1 = 1 + vr.below(99);
    int64_t d2 = 1 + vr.below(98);
    if (d2 >= d1) ++d2;  // two different amounts
    domestic.erase(domestic.begin() + std::ptrdiff_t(at));
    const int64_t sent = now - int64_t(1 + vr.below(3)) * kDay - int64_t(vr.below(36000)) * 1000;
    w.query("UPDATE bank_recipients SET verified_ms = 0, created_ms = ? - ?, deposits_ms = ?, deposit1 = ?, deposit2 = ? WHERE id = ?",
            sent, int64_t(600000), sent, d1, d2, id).run();
  }
  // Shopwise, the store (apps/shopping): the user's orders paid with the store's default card
  // are charges on the user's company card, which carries that card's number, and a refund of
  // one of them (a return, refunded three days after it is asked for: the store's
  // kRefundDelayMs) comes back to that card (the trigger; only for charges the ledger holds:
  // orders placed in an episode are not charged to the bank, so the store's own tasks change
  // no bank row).
  if (scalar(w, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'shop_orders'")) {
    const int64_t mine = scalar(w, "SELECT ifnull(min(id), 0) FROM bank_cards WHERE person_id = ?", world::kUserId);
    const int64_t shop_card = scalar(w, "SELECT ifnull(min(id), 0) FROM shop_cards WHERE is_default = 1");
    if (mine && shop_card) {
      w.query("UPDATE bank_cards SET last4 = (SELECT last4 FROM shop_cards WHERE id = ?) WHERE id = ?", shop_card, mine).run();
      const int64_t since = (now / kDay - kHistoryDays) * kDay;
      for (auto q = w.query("SELECT number, placed_ms, total_cents FROM shop_orders WHERE card_id = ? AND placed_ms >= ? AND status "
                            "<> 'cancelled' ORDER BY placed_ms, id", shop_card, since);
           q.step();)
        add_txn(w, 1, q.i64(1), -q.i64(2), "Shopwise", 0, "card", q.i64(1) >= now - kDay ? "pending" : "posted", "Office supplies",
                "Shopwise order " + std::string(q.text(0)), mine);
      if (Status s = w.exec(std::string(R"sql(
CREATE TRIGGER bank_shopwise_refund AFTER UPDATE OF status ON shop_returns
WHEN NEW.status = 'refunded' AND OLD.status <> 'refunded' BEGIN
  INSERT INTO bank_txns(account_id, ts_ms, amount_cents, counterparty, kind, status, category, memo, card_id)
  SELECT t.account_id, NEW.requested_ms + )sql") + std::to_string(shopping::kRefundDelayMs) + R"sql(, NEW.refund_cents, 'Shopwise', 'card', 'posted', t.category,
         'Shopwise refund, order ' || o.number, t.card_id
  FROM shop_order_items i JOIN shop_orders o ON o.id = i.order_id
  JOIN bank_txns t ON t.memo = 'Shopwise order ' || o.number AND t.kind = 'card' AND t.amount_cents < 0
  WHERE i.id = NEW.item_id LIMIT 1;
END;)sql");
          !s)
        return s;
    }
  }
  return {};
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
  if (Status s = install_more(w); !s) return s;
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
// Badge backgrounds: settled (green) and late (red), tinted for the theme.
uint32_t good_bg(const dom::Theme& th) { return th.dark ? dom::rgb(0x173a2b) : dom::rgb(0xe3f5ec); }
uint32_t bad_bg(const dom::Theme& th) { return th.dark ? dom::rgb(0x4a1d24) : dom::rgb(0xfde8ea); }
std::string signed_usd(int64_t cents) { return cents > 0 ? "+" + format_usd(cents) : format_usd(cents); }

struct Screen {
  std::string_view id, label;
};
constexpr Screen kScreens[] = {{"", "Home"},          {"transactions", "Transactions"}, {"payments", "Payments"},
                               {"bills", "Bills"},      {"invoices", "Invoices"},          {"recipients", "Recipients"},
                               {"cards", "Cards"},
                               {"approvals", "Approvals"}, {"statements", "Statements"}, {"settings", "Settings"}};

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

// A bordered card holding a table's rows (key; its accessible name).
int table_card(dom::Tree& t, int parent, std::string_view key_, const std::string& name) {
  const dom::Theme& th = t.theme();
  const int c = t.add(parent, {.dir = Dir::column, .w = dom::fill(), .bg = th.surface, .border_color = th.divider, .border = 1,
                               .radius = 10, .clip = true},
                      key_, Role::table);
  t.node(c).name = name;
  return c;
}

void heading(dom::Tree& t, int parent, const std::string& text) {
  const int h = t.text(parent, text, {.size = 26, .weight = 600, .color = t.theme().text_strong});
  t.node(h).role = Role::heading;
  t.node(h).name = text;
}

// A transaction row: date, to/from, account, category, amount, status.
// compact (the drawer is open beside the table): without the account and category columns.
// balance: the account's posted balance after the line ("" for a pending one), shown in place of
// the account when the table lists one account by date (nullptr: not shown).
void txn_row(state::World& w, dom::Tree& t, int parent, int64_t id, int64_t ts, const std::string& who, int64_t account,
             const std::string& category, int64_t amount, const std::string& status, bool selected, bool compact = false,
             const std::string* balance = nullptr) {
  const dom::Theme& th = t.theme();
  const int r = t.add(parent, {.dir = Dir::row, .w = dom::fill(), .h = dom::fixed(44), .pad = {12, 0, 12, 0}, .gap = 12,
                               .align = Align::center, .bg = selected ? th.selected : 0, .hover_bg = th.hover},
                      key::txn(id), Role::row);
  const Civil c = civil_from_ms(ts);
  t.node(r).name = day_label(ts) + ", " + who + ", " + signed_usd(amount) + ", " + (category.empty() ? "Uncategorised" : category) +
                   ", " + status + ", " + std::to_string(c.y) + (balance && !balance->empty() ? ", balance " + *balance : "");
  t.node(r).selected = selected;
  t.node(r).action = "banking:open_txn:" + std::to_string(id);
  t.text(r, day_label(ts), {.size = 13, .color = th.text_muted}, {.w = dom::fixed(64)});
  t.text(r, who, {.size = 14, .weight = 500, .color = th.text_strong, .max_lines = 1}, {.w = dom::fill()});
  if (!compact) {
    if (balance) t.text(r, *balance, {.size = 13, .color = th.text}, {.w = dom::fixed(130)});
    else t.text(r, account_label(w, account), {.size = 13, .color = th.text_muted}, {.w = dom::fixed(130)});
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
  // The greeting by the hour where the user is.
  const std::string tz = text_of(w, "SELECT tz FROM people WHERE id = ?", world::kUserId);
  const Civil now = civil_from_ms(w.now_ms() + int64_t(tz_offset_minutes(tz.empty() ? "America/New_York" : tz, w.now_ms())) * 60000);
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
  // Cash flow in checking over the last 30 or 90 days: money in above the line, out below.
  const int days = w.ui_int(ui::flow_days) == 90 ? 90 : 30;
  const int64_t day0 = w.now_ms() / kDay * kDay - int64_t(days - 1) * kDay;
  std::vector<int64_t> in(size_t(days), 0), out(size_t(days), 0);
  for (auto q = w.query("SELECT ts_ms, amount_cents FROM bank_txns WHERE account_id = 1 AND status = 'posted' AND ts_ms >= ? "
                        "ORDER BY ts_ms, id", day0);
       q.step();) {
    const int64_t d = (q.i64(0) - day0) / kDay;
    if (d < 0 || d >= days) continue;
    (q.i64(1) > 0 ? in : out)[size_t(d)] += std::abs(q.i64(1));
  }
  int64_t peak = 1, sum_in = 0, sum_out = 0;
  for (int d = 0; d < days; ++d)
    peak = std::max({peak, in[size_t(d)], out[size_t(d)]}), sum_in += in[size_t(d)], sum_out += out[size_t(d)];
  const int chart = t.add(page, {.dir = Dir::column, .w = dom::fill(), .pad = dom::edges(16), .gap = 8, .bg = th.surface,
                                 .border_color = th.divider, .border = 1, .radius = 10},
                          key::cashflow, Role::img);
  const std::string span = "last " + std::to_string(days) + " days";
  t.node(chart).name = "Cash flow, " + span + ": in " + format_usd(sum_in) + ", out " + format_usd(sum_out);
  const int head = t.add(chart, {.dir = Dir::row, .w = dom::fill(), .gap = 16, .align = Align::center});
  t.text(head, "Cash flow \xC2\xB7 " + span, {.size = 15, .weight = 600, .color = th.text_strong}, {.w = dom::fill()});
  t.text(head, "In " + format_usd(sum_in, false), {.size = 13, .weight = 600, .color = amount_colour(th, 1)});
  t.text(head, "Out " + format_usd(sum_out, false), {.size = 13, .weight = 600, .color = kRed});
  const int spans = t.add(head, {.dir = Dir::row, .gap = 12}, "flow_span", Role::radiogroup);
  t.node(spans).name = "Period";
  for (int n : {30, 90})
    wg::radio(t, spans, key::flow(n), std::to_string(n) + " days", days == n, "ui:set:" + std::string(ui::flow_days) + "=" + std::to_string(n));
  const int bars = t.add(chart, {.dir = Dir::row, .w = dom::fill(), .gap = days == 30 ? 4 : 1});
  constexpr int kHalf = 60;
  for (int d = 0; d < days; ++d) {
    const int col = t.add(bars, {.dir = Dir::column, .w = dom::fill(), .h = dom::fixed(2 * kHalf + 1)});
    const int up = int(in[size_t(d)] * kHalf / peak), down = int(out[size_t(d)] * kHalf / peak);
    t.add(col, {.w = dom::fill(), .h = dom::fixed(kHalf - up)});
    t.add(col, {.w = dom::fill(), .h = dom::fixed(std::max(up, 0)), .bg = th.dark ? dom::rgb(0x4fd39a) : kGreen, .radius = 2});
    t.add(col, {.w = dom::fill(), .h = dom::fixed(1), .bg = th.divider});
    t.add(col, {.w = dom::fill(), .h = dom::fixed(std::max(down, 0)), .bg = kRed, .radius = 2});
  }
  // Recent activity.
  t.text(page, "Recent activity", {.size = 17, .weight = 600, .color = th.text_strong}, {.margin = {0, 8, 0, 0}});
  const int list = table_card(t, page, key::recent, "Recent activity");
  for (auto q = w.query("SELECT id, ts_ms, counterparty, account_id, category, amount_cents, status FROM bank_txns ORDER BY "
                        "ts_ms DESC, id DESC LIMIT 6");
       q.step();)
    txn_row(w, t, list, q.i64(0), q.i64(1), std::string(q.text(2)), q.i64(3), std::string(q.text(4)), q.i64(5),
            std::string(q.text(6)), false);
}

// The transactions the filters select (the ui's state): a WHERE over numbered parameters
// ?1 account, ?2 kind, ?3 words, ?6 category, ?7 from, ?8 to (ms), ?9 least, ?10 most (cents),
// bound by query() in that order (?4 and ?5 are the page's LIMIT and OFFSET); and the
// filters in words, for an export's summary.
constexpr const char* kKindIds[] = {"", "card", "ach", "wire", "transfer", "interest", "check"};
constexpr int kUncategorised = int(std::size(kCategories)) + 1;  // the category select's last option
struct TxnFilter {
  std::string where = " WHERE 1 = 1", words;
  int64_t acc = 0, status = 0, kind = 0, cat = 0, from = 0, to = 0, lo = 0, hi = 0;
  std::string kind_id, text, category;
  state::Query query(state::World& w, const std::string& sql, int64_t limit = 0, int64_t offset = 0) const {
    return w.query(sql, acc, kind_id, text, limit, offset, category, from, to, lo, hi);
  }
};
TxnFilter txn_filter(state::World& w) {
  TxnFilter f;
  auto say = [&](const std::string& x) {
    if (!f.words.empty()) f.words += ", ";
    f.words += x;
  };
  f.acc = w.ui_int(full(key::txn_account));
  f.status = w.ui_int(full(key::txn_status));
  f.kind = w.ui_int(full(key::txn_kind));
  f.cat = w.ui_int(full(key::txn_cat));
  if (f.acc > 0) {
    f.where += " AND account_id = ?1";
    say(text_of(w, "SELECT name FROM bank_accounts WHERE id = ?", f.acc));
  }
  if (f.status == 1) f.where += " AND status = 'pending'", say("pending");
  if (f.status == 2) f.where += " AND status = 'posted'", say("posted");
  if (f.kind > 0 && f.kind < int64_t(std::size(kKindIds))) {
    f.kind_id = kKindIds[f.kind];
    f.where += " AND kind = ?2";
    say(method_label(f.kind_id));
  }
  for (char c : w.ui_get(ui::query)) f.text += char(std::tolower(uint8_t(c)));
  if (!f.text.empty()) {
    f.where += " AND (instr(lower(counterparty), ?3) > 0 OR instr(lower(memo), ?3) > 0 OR instr(lower(note), ?3) > 0 OR "
               "instr(lower(category), ?3) > 0)";
    say("\"" + w.ui_get(ui::query) + "\"");
  }
  if (f.cat > 0 && f.cat <= kUncategorised) {
    f.category = f.cat == kUncategorised ? "" : std::string(kCategories[f.cat - 1]);
    f.where += " AND category = ?6";
    say(f.category.empty() ? "uncategorised" : "category " + f.category);
  }
  const std::string from = w.ui_get(full(key::txn_from)), to = w.ui_get(full(key::txn_to));
  if ((f.from = send_time(from))) {
    f.from -= 9 * 3600000;  // that day's midnight, Eastern
    f.where += " AND ts_ms >= ?7";
    say("from " + from);
  }
  if ((f.to = send_time(to))) {
    f.to += 15 * 3600000;  // the next midnight, Eastern
    f.where += " AND ts_ms < ?8";
    say("to " + to);
  }
  f.lo = parse_amount(field_value(w, full(key::txn_min)));
  f.hi = parse_amount(field_value(w, full(key::txn_max)));
  if (f.lo > 0) f.where += " AND abs(amount_cents) >= ?9", say("at least " + format_usd(f.lo));
  if (f.hi > 0) f.where += " AND abs(amount_cents) <= ?10", say("at most " + format_usd(f.hi));
  return f;
}
// How many lines the filter selects (up to kMaxCounted + 1) and their money in and out.
struct TxnTotals {
  int64_t count = 0, in = 0, out = 0;
};
TxnTotals txn_totals(state::World& w, const TxnFilter& f) {
  TxnTotals t;
  auto q = f.query(w, "SELECT count(*), ifnull(sum(CASE WHEN a > 0 THEN a END), 0), ifnull(sum(CASE WHEN a < 0 THEN -a END), 0) "
                      "FROM (SELECT amount_cents AS a FROM bank_txns" + f.where + " LIMIT " + std::to_string(kMaxCounted + 1) + ")");
  if (q.step()) t.count = q.i64(0), t.in = q.i64(1), t.out = q.i64(2);
  return t;
}
void transactions(state::World& w, dom::Tree& t, int page) {
  const dom::Theme& th = t.theme();
  const int head_row = t.add(page, {.dir = Dir::row, .w = dom::fill(), .align = Align::center});
  heading(t, head_row, "Transactions");
  t.add(head_row, {.w = dom::fill()});
  wg::button(t, head_row, key::export_csv, "Export CSV", "banking:export", wg::ButtonKind::secondary);
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
  const TxnFilter tf = txn_filter(w);
  wg::select(t, bar, key::txn_account, av, int(tf.acc), overlay == full(key::txn_account), 160);
  static const std::vector<std::string_view> kStatus = {"Any status", "Pending", "Posted"};
  wg::select(t, bar, key::txn_status, kStatus, int(tf.status), overlay == full(key::txn_status), 140);
  static const std::vector<std::string_view> kKinds = {"All types", "Card", "ACH", "Wire", "Transfer", "Interest", "Check"};
  wg::select(t, bar, key::txn_kind, kKinds, int(tf.kind), overlay == full(key::txn_kind), 140);
  const int bar2 = t.add(page, {.dir = Dir::row, .w = dom::fill(), .gap = 10, .align = Align::center}, "more_filters", Role::search);
  std::vector<std::string_view> cats = {"All categories"};
  for (std::string_view k : kCategories) cats.push_back(k);
  cats.push_back("Uncategorised");
  wg::select(t, bar2, key::txn_cat, cats, int(tf.cat), overlay == full(key::txn_cat), 190);
  for (const auto& [k, label] : {std::pair{key::txn_from, "From"}, std::pair{key::txn_to, "To"}}) {
    t.text(bar2, label, {.size = 13, .color = th.text_muted});
    const int dp = wg::date_picker(t, bar2, k, w.ui_get(full(k)), w.ui_get(full(k) + ".month"), overlay == full(k));
    t.node(dp).name = std::string(label) + " date";
  }
  for (const auto& [k, hint] : {std::pair{key::txn_min, "Min $"}, std::pair{key::txn_max, "Max $"}}) {
    const FieldView af = field_view(w, full(k), false);  // not live: the list filters as it is typed
    const int a = wg::text_field(t, bar2, k, {af.value, af.anchor, af.caret, af.focused, af.live}, hint, wg::FieldKind::text, 100);
    t.node(a).name = std::string(hint == std::string_view("Min $") ? "Least amount" : "Most amount");
  }
  if (!tf.words.empty()) wg::link(t, bar2, key::clear_filters, "Clear", "banking:clear_filters");
  const std::string& where = tf.where;
  const std::string sort = w.ui_get("banking.sort");
  const bool asc = w.ui_int("banking.sort_asc") != 0;
  const std::string order = sort == "amount" ? (asc ? " ORDER BY amount_cents, id" : " ORDER BY amount_cents DESC, id DESC")
                                             : (asc ? " ORDER BY ts_ms, id" : " ORDER BY ts_ms DESC, id DESC");
  // Counted up to kMaxCounted ("1,000+" beyond, and pages to there): a step reads an index to
  // the page, not the whole ledger.
  const TxnTotals totals = txn_totals(w, tf);
  const int64_t counted = totals.count;
  const bool more = counted > kMaxCounted;
  const int64_t total = std::min(counted, kMaxCounted);
  const int pages = int(std::max<int64_t>(1, (total + kTxnsPerPage - 1) / kTxnsPerPage));
  const int pg = std::clamp(int(w.ui_int(full(key::pages))) - 1, 0, pages - 1);  // the widget counts from 1
  if (!more) {
    const int sum = t.add(page, {.dir = Dir::row, .gap = 16}, "txn_totals", Role::status);
    t.node(sum).name = std::to_string(total) + (total == 1 ? " transaction" : " transactions") + ", money in " +
                       format_usd(totals.in) + ", money out " + format_usd(totals.out);
    t.text(sum, std::to_string(total) + (total == 1 ? " transaction" : " transactions"), {.size = 13, .color = th.text_muted});
    t.text(sum, "In " + format_usd(totals.in), {.size = 13, .weight = 600, .color = amount_colour(th, 1)});
    t.text(sum, "Out " + format_usd(totals.out), {.size = 13, .weight = 600, .color = th.text});
  }
  const int body = t.add(page, {.dir = Dir::row, .w = dom::fill(), .gap = 16, .align = Align::start});
  const int tbl = table_card(t, body, key::txns, "Transactions, " + (more ? std::string("over 1,000") : std::to_string(total)));
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
  // One account by date, newest first, nothing else filtered: a running balance instead of the
  // account (each line's balance after it: today's posted balance less what posted since).
  const bool running = !compact && tf.acc > 0 && tf.status == 0 && tf.kind == 0 && tf.text.empty() && tf.cat == 0 && !tf.from &&
                       !tf.to && tf.lo <= 0 && tf.hi <= 0 && (sort.empty() || sort == "date") && !asc;
  if (!compact) {
    header_cell(running ? "Balance" : "Account", "", 130);
    header_cell("Category", "", 150);
  }
  header_cell("Amount", "amount", 130);
  header_cell("", "", 80);
  int64_t after = 0;  // the running balance after the line at hand
  bool have_after = false;
  for (auto q = tf.query(w, "SELECT id, ts_ms, counterparty, account_id, category, amount_cents, status FROM bank_txns" + where +
                                order + " LIMIT ?4 OFFSET ?5",
                         kTxnsPerPage, int64_t(pg) * kTxnsPerPage);
       q.step();) {
    t.add(tbl, {.w = dom::fill(), .h = dom::fixed(1), .bg = th.divider});
    std::string bal;
    if (running) {
      if (!have_after) {  // the first line's: what posted after it, taken off today's balance
        after = balance(w, tf.acc) - scalar(w, "SELECT ifnull(sum(amount_cents), 0) FROM bank_txns WHERE account_id = ? AND status = "
                                                "'posted' AND (ts_ms > ? OR (ts_ms = ? AND id > ?))",
                                            tf.acc, q.i64(1), q.i64(1), q.i64(0));
        have_after = true;
      }
      if (q.text(6) == "posted") {
        bal = format_usd(after);
        after -= q.i64(5);
      }
    }
    txn_row(w, t, tbl, q.i64(0), q.i64(1), std::string(q.text(2)), q.i64(3), std::string(q.text(4)), q.i64(5),
            std::string(q.text(6)), q.i64(0) == open, compact, running ? &bal : nullptr);
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
    t.text(dr, "Receipt", {.size = 13, .weight = 600, .color = th.text_strong});
    const std::string receipt = text_of(w, "SELECT f.name FROM bank_receipts r JOIN files f ON f.id = r.file_id WHERE r.txn_id = ?", open);
    if (receipt.empty()) {
      wg::button(t, dr, key::attach_receipt, "Attach receipt", "banking:receipt_open", wg::ButtonKind::secondary);
    } else {
      const int rr = t.add(dr, {.dir = Dir::row, .w = dom::fill(), .gap = 8, .align = Align::center}, "receipt", Role::text);
      t.node(rr).name = "Receipt: " + receipt;
      t.text(rr, receipt, {.size = 13, .color = th.text, .max_lines = 1}, {.w = dom::fill()});
      wg::link(t, rr, key::remove_receipt, "Remove", "banking:remove_receipt");
    }
    const int acts = t.add(dr, {.dir = Dir::row, .gap = 8});
    wg::button(t, acts, key::save_txn, "Save", "banking:save_txn");
    const std::string disputed = text_of(w, "SELECT reason FROM bank_disputes WHERE txn_id = ?", open);
    if (!disputed.empty()) {
      const int b = t.add(dr, {.dir = Dir::row}, "dispute_state", Role::status);
      t.node(b).name = "Disputed: " + disputed;
      wg::badge(t, b, "Disputed: " + disputed, th.surface_dim, kRed);
    } else if (d.text(5) == "card" && d.i64(3) < 0) {
      wg::button(t, acts, key::dispute, "Dispute", "ui:open:" + full(key::dispute_dialog), wg::ButtonKind::secondary);
    }
    if (overlay == full(key::dispute_dialog)) {
      const int m = wg::modal(t, key::dispute_dialog, "Dispute this charge", 440);
      t.text(m, std::string(d.text(1)) + ", " + signed_usd(d.i64(3)) + ", " + day_label(d.i64(0)), {.size = 13, .color = th.text_muted});
      t.text(m, "What went wrong", {.size = 13, .weight = 600, .color = th.text_strong});
      const int group = t.add(m, {.dir = Dir::column, .gap = 2}, "dispute_reasons", Role::radiogroup);
      t.node(group).name = "Reason";
      const int64_t reason = w.ui_int(ui::dispute_reason, -1);
      for (int k = 0; k < int(std::size(kDisputeReasons)); ++k)
        wg::radio(t, group, key::dispute_reason(k), kDisputeReasons[k], reason == k,
                  "ui:set:" + std::string(ui::dispute_reason) + "=" + std::to_string(k));
      t.text(m, "Details (optional)", {.size = 13, .weight = 600, .color = th.text_strong});
      const FieldView df = field_view(w, full(key::dispute_details), true);
      const int fl = wg::text_field(t, m, key::dispute_details, {df.value, df.anchor, df.caret, df.focused, df.live}, "");
      t.node(fl).name = "Details";
      wg::button(t, m, key::confirm_dispute, "Submit dispute", "banking:dispute");
    }
  }
}

// What a payment row says of where it stands.
std::string payment_state(std::string_view status, int64_t post_ms, int64_t send_ms, std::string_view repeat,
                          std::string_view reason) {
  if (status == "pending_approval") return "Waiting for approval";
  if (status == "sent") return "Arrives " + day_label(post_ms);
  if (status == "posted") return "Completed";
  if (status == "rejected") return "Rejected";
  if (status == "cancelled") return "Cancelled";
  if (status == "failed") return "Failed" + (reason.empty() ? std::string() : ": " + std::string(reason));
  if (status == "scheduled") return (repeat.empty() ? "Scheduled " : "Every " + std::string(repeat == "weekly" ? "week" : "month") + ", next ") +
                                    day_label(send_ms);
  return std::string(status);
}
std::string ymd(int64_t ms) {  // "2026-03-04" of the Eastern day
  const Civil c = eastern(ms);
  char b[16];
  std::snprintf(b, sizeof b, "%04d-%02d-%02d", c.y, c.m, c.d);
  return b;
}

// The world's files to attach (a receipt to the transaction in the drawer, or an invoice to the
// payment being written): a search and the newest eight that match; a click attaches one.
void file_picker(state::World& w, dom::Tree& t) {
  const dom::Theme& th = t.theme();
  const bool invoice = w.ui_get(ui::picking) == "invoice";
  const int m = wg::modal(t, key::receipt_dialog, invoice ? "Attach the invoice" : "Attach a receipt", 520);
  // Not live: the list below follows what is typed, so each keystroke rebuilds the view.
  const FieldView rf = field_view(w, full(key::receipt_search), false);
  const int fl = wg::text_field(t, m, key::receipt_search, {rf.value, rf.anchor, rf.caret, rf.focused, rf.live}, "Search your files");
  t.node(fl).name = "Search files";
  std::string needle;
  for (char c : rf.value) needle += char(std::tolower(uint8_t(c)));
  const int list = t.add(m, {.dir = Dir::column, .w = dom::fill(), .gap = 2}, "receipt_files", Role::list);
  t.node(list).name = "Files";
  int n = 0;
  for (auto q = w.query("SELECT f.id, f.name, f.bytes, p.name FROM files f JOIN people p ON p.id = f.owner_id WHERE instr(lower(f.name), "
                        "?) > 0 ORDER BY f.created_ms DESC, f.id DESC LIMIT 8", needle);
       q.step(); ++n) {
    const int r = t.add(list, {.dir = Dir::row, .w = dom::fill(), .pad = {10, 8, 10, 8}, .gap = 8, .align = Align::center,
                               .hover_bg = th.hover, .radius = 6},
                        key::file(q.i64(0)), Role::button);
    t.node(r).name = std::string(q.text(1));
    t.node(r).action = "banking:attach:" + std::to_string(q.i64(0));
    t.text(r, std::string(q.text(1)), {.size = 13, .weight = 500, .color = th.text_strong, .max_lines = 1}, {.w = dom::fill()});
    t.text(r, std::string(q.text(3)), {.size = 12, .color = th.text_muted});
  }
  if (n == 0) t.text(list, "No files match.", {.size = 13, .color = th.text_muted});
}

// Move money: the form (method, from, to, amount, memo, when), its review; the scheduled
// payments; the payments made.
void payments(state::World& w, dom::Tree& t, int page) {
  const dom::Theme& th = t.theme();
  heading(t, page, "Move money");
  const std::string overlay = w.ui_get(apps::ui::kOverlay);
  const std::string method = w.ui_get(ui::method).empty() ? "ach" : w.ui_get(ui::method);
  const std::string when = w.ui_get(ui::when).empty() ? "now" : w.ui_get(ui::when);
  const bool transfer = method == "transfer";
  const int form = t.add(page, {.dir = Dir::column, .w = dom::fill(), .pad = dom::edges(20), .gap = 10, .bg = th.surface,
                                .border_color = th.divider, .border = 1, .radius = 10},
                         "payment_form", Role::generic);
  if (const int64_t bill = w.ui_int(ui::bill)) {
    auto q = w.query("SELECT b.invoice, r.name, b.amount_cents FROM bank_bills b JOIN bank_recipients r ON r.id = b.recipient_id "
                     "WHERE b.id = ?", bill);
    if (q.step()) {
      const int bn = t.add(form, {.dir = Dir::row, .w = dom::fill(), .pad = {12, 8, 12, 8}, .gap = 8, .align = Align::center,
                                  .bg = th.dark ? dom::rgb(0x23264a) : dom::rgb(0xeef0fd), .radius = 8},
                           key::paying_bill, Role::status);
      t.node(bn).name = "Paying bill " + std::string(q.text(0)) + " from " + std::string(q.text(1)) + " for " + format_usd(q.i64(2));
      t.text(bn, t.node(bn).name, {.size = 13, .weight = 600, .color = th.text_strong}, {.w = dom::fill()});
      wg::link(t, bn, key::detach_bill, "Not for this bill", "banking:detach_bill");
    }
  }
  const int cols = t.add(form, {.dir = Dir::row, .w = dom::fill(), .gap = 28, .align = Align::start});
  const int left = t.add(cols, {.dir = Dir::column, .w = dom::fill(), .gap = 6});
  const int right = t.add(cols, {.dir = Dir::column, .w = dom::fill(), .gap = 6});
  auto label = [&](int col, const std::string& text) {
    t.text(col, text, {.size = 13, .weight = 600, .color = th.text_strong}, {.margin = {0, 4, 0, 0}});
  };
  label(left, "How");
  const int how = t.add(left, {.dir = Dir::column, .gap = 2}, "methods", Role::radiogroup);
  t.node(how).name = "Method";
  for (std::string_view m : {"ach", "wire", "check", "intl", "transfer"})
    wg::radio(t, how, key::method(m), m == "ach" ? "ACH (1-3 business days)" : m == "wire" ? "Domestic wire (same day before 4 PM ET)"
                                      : m == "check"                  ? "Check (mailed; clears in about a week)"
                                      : m == "intl"                   ? "International wire (in their currency)"
                                                                      : "Between my accounts",
              method == m, "banking:method:" + std::string(m));
  std::vector<std::string> accounts;
  std::vector<int64_t> account_ids;
  for (auto q = w.query("SELECT id FROM bank_accounts ORDER BY id"); q.step();) {
    account_ids.push_back(q.i64(0));
    accounts.push_back(account_label(w, q.i64(0)) + " - " + format_usd(available(w, q.i64(0))));
  }
  const std::vector<std::string_view> av(accounts.begin(), accounts.end());
  label(left, "From");
  wg::select(t, left, key::pay_from, av, int(w.ui_int(full(key::pay_from))), overlay == full(key::pay_from), 400);
  label(left, "To");
  std::vector<std::string> to, currencies;
  if (transfer) to = accounts;
  else
    for (int64_t id : recipients_for(w, method)) {
      auto q = w.query("SELECT name, bank_name, substr(account, -4), currency FROM bank_recipients WHERE id = ?", id);
      if (!q.step()) continue;
      to.push_back(std::string(q.text(0)) + " - " + std::string(q.text(1)) + " \xE2\x80\xA2\xE2\x80\xA2" + std::string(q.text(2)) +
                   (q.text(3) == "USD" ? "" : " (" + std::string(q.text(3)) + ")"));
      currencies.emplace_back(q.text(3));
    }
  const std::vector<std::string_view> tv(to.begin(), to.end());
  const int64_t to_i = w.ui_int(full(key::pay_to), -1);
  wg::select(t, left, key::pay_to, tv, int(to_i), overlay == full(key::pay_to), 400);
  const std::string currency = method == "intl" && to_i >= 0 && to_i < int64_t(currencies.size()) ? currencies[size_t(to_i)] : "USD";
  auto field = [&](std::string_view k, const std::string& text, const char* hint) {
    label(right, text);
    const FieldView f = field_view(w, full(k), true);
    const int fl = wg::text_field(t, right, k, {f.value, f.anchor, f.caret, f.focused, f.live}, hint, wg::FieldKind::text, 400);
    t.node(fl).name = text;
  };
  field(key::amount, method == "intl" ? (currency == "USD" ? "Amount (their currency)" : "Amount (" + currency + ")") : "Amount (USD)",
        "0.00");
  field(key::memo, "Memo (shown to the recipient)", "Invoice number, note");
  if (!transfer) {  // the invoice it pays, a file from the world's store
    const int64_t file = w.ui_int(ui::pay_file);
    const std::string fname = file ? text_of(w, "SELECT name FROM files WHERE id = ?", file) : "";
    const int row = t.add(right, {.dir = Dir::row, .gap = 10, .align = Align::center}, "pay_invoice_file", Role::text);
    t.node(row).name = fname.empty() ? "No invoice attached" : "Invoice attached: " + fname;
    if (fname.empty()) {
      wg::link(t, row, key::attach_invoice, "Attach invoice", "banking:invoice_file_open");
    } else {
      t.text(row, "\xF0\x9F\x93\x8E " + fname, {.size = 13, .color = th.text, .max_lines = 1});
      wg::link(t, row, key::detach_invoice, "Remove", "banking:invoice_file_remove");
    }
  }
  label(right, "When");
  const int whens = t.add(right, {.dir = Dir::row, .gap = 16}, "when", Role::radiogroup);
  t.node(whens).name = "When";
  for (std::string_view k : {"now", "later", "repeat"})
    wg::radio(t, whens, key::when(k), k == "now" ? "Now" : k == "later" ? "On a day" : "Repeating", when == k,
              "banking:when:" + std::string(k));
  if (when != "now") {
    const int row = t.add(right, {.dir = Dir::row, .gap = 16, .align = Align::center});
    const int dp = wg::date_picker(t, row, key::pay_date, w.ui_get(full(key::pay_date)), w.ui_get(full(key::pay_date) + ".month"),
                                   overlay == full(key::pay_date));
    t.node(dp).name = when == "repeat" ? "First payment on" : "Send on";
    if (when == "repeat") {
      const int fr = t.add(row, {.dir = Dir::row, .gap = 12}, "freq", Role::radiogroup);
      t.node(fr).name = "Every";
      const std::string f = w.ui_get(ui::freq).empty() ? "monthly" : w.ui_get(ui::freq);
      for (std::string_view k : {"weekly", "monthly"})
        wg::radio(t, fr, key::freq(k), k == "weekly" ? "Weekly" : "Monthly", f == k,
                  "ui:set:" + std::string(ui::freq) + "=" + std::string(k));
    }
  }
  const bool reviewing = w.ui_int(ui::reviewing) != 0;
  if (!reviewing) {
    wg::button(t, form, key::review_payment, "Review", "banking:review");
  } else {
    const int rv = t.add(form, {.dir = Dir::column, .w = dom::fill(), .pad = dom::edges(16), .gap = 6, .bg = th.surface_dim,
                                .radius = 8},
                         key::review, Role::status);
    const size_t from = size_t(std::clamp<int64_t>(w.ui_int(full(key::pay_from)), 0, int64_t(accounts.size()) - 1));
    const std::string to_name = to_i >= 0 && to_i < int64_t(to.size()) ? to[size_t(to_i)].substr(0, to[size_t(to_i)].find(" - ")) : "";
    std::string what;
    if (method == "intl") {
      const int64_t minor = parse_minor(field_value(w, full(key::amount)), currency);
      const int64_t usd = minor > 0 ? usd_cost(w, currency, minor) : -1;
      what = minor > 0 && usd >= 0 ? format_money(currency, minor) + " (" + format_usd(usd) + " at " + rate_label(w, currency) + ")"
                                   : "an amount";
    } else {
      what = format_usd(std::max<int64_t>(parse_amount(field_value(w, full(key::amount))), 0));
    }
    std::string timing;
    const int64_t day = chosen_day(w, key::pay_date);
    if (when == "now")
      timing = transfer ? ", now"
               : method == "check" ? ", mailed today, clearing about " + day_label(post_time(method, w.now_ms()))
                                   : ", arriving " + day_label(post_time(method, w.now_ms()));
    else if (!day) timing = ", on a day not chosen yet";
    else if (when == "later") timing = ", going out " + day_label(day);
    else timing = ", every " + std::string(w.ui_get(ui::freq) == "weekly" ? "week" : "month") + " from " + day_label(day);
    if (method == "check" && to_i >= 0) {  // where it is mailed
      const std::vector<int64_t> ids = recipients_for(w, method);
      if (to_i < int64_t(ids.size())) {
        const std::string addr = text_of(w, "SELECT address FROM bank_recipients WHERE id = ?", ids[size_t(to_i)]);
        timing += addr.empty() ? " (no mailing address on file)" : ", to " + addr;
      }
    }
    const std::string say = "Send " + what + " to " + to_name + " by " + method_label(method) + " from " +
                            account_label(w, account_ids.empty() ? 0 : account_ids[from]) + timing;
    t.node(rv).name = say;
    t.text(rv, "Review", {.size = 14, .weight = 700, .color = th.text_strong});
    t.text(rv, say, {.size = 14, .color = th.text, .wrap = true}, {.w = dom::fill()});
    const std::string memo = field_value(w, full(key::memo));
    if (!memo.empty()) t.text(rv, "Memo: " + memo, {.size = 13, .color = th.text_muted});
    const int acts = t.add(rv, {.dir = Dir::row, .gap = 8, .margin = {0, 6, 0, 0}});
    wg::button(t, acts, key::send_payment, when != "now" ? "Schedule" : transfer ? "Transfer" : "Send payment", "banking:send");
    wg::button(t, acts, key::edit_payment, "Edit", "banking:edit", wg::ButtonKind::secondary);
  }
  // Scheduled payments.
  const char* kPaymentCols = "SELECT p.id, p.created_ms, ifnull(r.name, (SELECT name FROM bank_accounts WHERE id = p.to_account_id)), "
                             "p.method, p.amount_cents, p.status, p.memo, p.post_ms, p.send_ms, p.repeat, p.reason, p.currency, "
                             "p.fx_minor, p.file_id FROM bank_payments p LEFT JOIN bank_recipients r ON r.id = p.recipient_id ";
  auto payment_row = [&](int list, state::Query& q, bool sched) {
    const int64_t id = q.i64(0);
    const std::string status(q.text(5));
    const std::string state = payment_state(status, q.i64(7), q.i64(8), q.text(9), q.text(10));
    const std::string amount = q.text(11) == "USD" ? format_usd(q.i64(4)) : format_money(q.text(11), q.i64(12));
    t.add(list, {.w = dom::fill(), .h = dom::fixed(1), .bg = th.divider});
    const int r = t.add(list, {.dir = Dir::row, .w = dom::fill(), .h = dom::fixed(44), .pad = {12, 0, 12, 0}, .gap = 12,
                               .align = Align::center},
                        sched ? key::scheduled(id) : key::payment(id), Role::row);
    t.node(r).name = std::string(q.text(2)) + ", " + amount + " by " + method_label(q.text(3)) + ", " + state +
                     (q.text(6).empty() ? "" : ", memo " + std::string(q.text(6))) +
                     (q.i64(13) ? ", invoice " + text_of(w, "SELECT name FROM files WHERE id = ?", q.i64(13)) : "");
    t.text(r, day_label(sched ? q.i64(8) : q.i64(1)), {.size = 13, .color = th.text_muted}, {.w = dom::fixed(64)});
    t.text(r, std::string(q.text(2)), {.size = 14, .weight = 500, .color = th.text_strong, .max_lines = 1}, {.w = dom::fill()});
    t.text(r, method_label(q.text(3)), {.size = 13, .color = th.text_muted}, {.w = dom::fixed(130)});
    t.text(r, amount, {.size = 14, .weight = 600, .color = th.text_strong}, {.w = dom::fixed(120)});
    t.text(r, state, {.size = 13, .color = status == "rejected" || status == "failed" ? kRed : th.text, .max_lines = 1},
           {.w = dom::fixed(sched ? 150 : 200)});
    if (!sched) return;
    wg::button(t, r, key::edit_scheduled(id), "Edit", "banking:edit_scheduled:" + std::to_string(id), wg::ButtonKind::secondary);
    wg::button(t, r, key::cancel_payment(id), "Cancel", "banking:cancel_payment:" + std::to_string(id), wg::ButtonKind::secondary);
    if (w.ui_int(ui::editing) != id) return;
    // The editor opens under its row: the amount (dollar payments) and the day.
    const int ed = t.add(list, {.dir = Dir::row, .w = dom::fill(), .pad = {76, 10, 14, 12}, .gap = 12, .align = Align::end,
                                .bg = th.surface_dim},
                         key::schedule_dialog, Role::generic);
    t.node(ed).name = "Edit scheduled payment";
    if (q.text(11) == "USD") {
      const int c = t.add(ed, {.dir = Dir::column, .gap = 4});
      t.text(c, "Amount (USD)", {.size = 12, .weight = 600, .color = th.text_strong});
      const FieldView f = field_view(w, full(key::sched_amount), true);
      const int fl = wg::text_field(t, c, key::sched_amount, {f.value, f.anchor, f.caret, f.focused, f.live}, "0.00",
                                    wg::FieldKind::text, 160);
      t.node(fl).name = "Amount (USD)";
    }
    const int c = t.add(ed, {.dir = Dir::column, .gap = 4});
    t.text(c, q.text(9).empty() ? "Send on" : "Next payment on", {.size = 12, .weight = 600, .color = th.text_strong});
    const int dp = wg::date_picker(t, c, key::sched_date, w.ui_get(full(key::sched_date)), w.ui_get(full(key::sched_date) + ".month"),
                                   overlay == full(key::sched_date));
    t.node(dp).name = "Send on";
    wg::button(t, ed, key::save_schedule, "Save changes", "banking:save_schedule");
    wg::link(t, ed, "close_editor", "Close", "banking:close_editor");
  };
  auto list_of = [&](const char* title, std::string_view k) {
    t.text(page, title, {.size = 17, .weight = 600, .color = th.text_strong}, {.margin = {0, 8, 0, 0}});
    const int l = table_card(t, page, k, title);
    return l;
  };
  const int sched = list_of("Scheduled", "scheduled_list");
  int n = 0;
  for (auto q = w.query(std::string(kPaymentCols) + "WHERE p.status = 'scheduled' ORDER BY p.send_ms, p.id"); q.step(); ++n)
    payment_row(sched, q, true);
  if (n == 0) t.text(sched, "Nothing scheduled.", {.size = 14, .color = th.text_muted}, {.margin = {12, 14, 12, 14}});
  const int list = list_of("Payments", "payments");
  n = 0;
  for (auto q = w.query(std::string(kPaymentCols) + "WHERE p.status <> 'scheduled' ORDER BY p.created_ms DESC, p.id DESC LIMIT 20");
       q.step(); ++n)
    payment_row(list, q, false);
  if (n == 0) t.text(list, "No payments yet.", {.size = 14, .color = th.text_muted}, {.margin = {12, 14, 12, 14}});
}

void recipients(state::World& w, dom::Tree& t, int page) {
  const dom::Theme& th = t.theme();
  const int top = t.add(page, {.dir = Dir::row, .w = dom::fill(), .align = Align::center});
  heading(t, top, "Recipients");
  t.add(top, {.w = dom::fill()});
  wg::button(t, top, key::add_recipient, "Add recipient", "banking:recipient_open:0");
  const int list = table_card(t, page, "recipient_list", "Recipients");
  for (auto q = w.query("SELECT id, name, bank_name, routing, account, email, swift, currency, address, verified_ms, deposits_ms "
                        "FROM bank_recipients ORDER BY name, id");
       q.step();) {
    t.add(list, {.w = dom::fill(), .h = dom::fixed(1), .bg = th.divider});
    const int r = t.add(list, {.dir = Dir::row, .w = dom::fill(), .h = dom::fixed(52), .pad = {14, 0, 14, 0}, .gap = 12,
                               .align = Align::center},
                        key::recipient(q.i64(0)), Role::row);
    const std::string acct(q.text(4));
    t.node(r).name = std::string(q.text(1)) + ", " + std::string(q.text(2)) +
                     (q.text(3).empty() ? ", SWIFT " + std::string(q.text(6)) + ", paid in " + std::string(q.text(7))
                                        : ", routing " + std::string(q.text(3))) +
                     ", account ending " + acct.substr(acct.size() >= 4 ? acct.size() - 4 : 0) +
                     (q.text(8).empty() ? "" : ", mail to " + std::string(q.text(8)));
    const bool verified = q.i64(9) != 0, domestic = !q.text(3).empty();
    const int64_t deposits = q.i64(10);
    t.node(r).name += verified ? ", verified" : deposits ? ", not verified: deposits sent " + day_label(deposits) : ", not verified";
    wg::avatar(t, r, q.text(1), "", 30);
    const int col = t.add(r, {.dir = Dir::column, .w = dom::fill()});
    t.text(col, std::string(q.text(1)), {.size = 14, .weight = 600, .color = th.text_strong});
    t.text(col, std::string(q.text(5)), {.size = 12, .color = th.text_muted});
    t.text(r, std::string(q.text(2)), {.size = 13, .color = th.text}, {.w = dom::fixed(170)});
    t.text(r, q.text(3).empty() ? "SWIFT " + std::string(q.text(6)) : "Routing " + std::string(q.text(3)),
           {.size = 13, .color = th.text_muted}, {.w = dom::fixed(140)});
    t.text(r, "Acct \xE2\x80\xA2\xE2\x80\xA2" + acct.substr(acct.size() >= 4 ? acct.size() - 4 : 0), {.size = 13, .color = th.text_muted},
           {.w = dom::fixed(90)});
    const int st = t.add(r, {.dir = Dir::row, .w = dom::fixed(130)});
    if (verified) wg::badge(t, st, "Verified", good_bg(th), kGreen);
    else wg::badge(t, st, deposits ? "Deposits sent " + day_label(deposits) : "Unverified", th.surface_dim, th.text_muted);
    const int act = t.add(r, {.dir = Dir::row, .w = dom::fixed(186), .gap = 8, .justify = Align::end});
    if (domestic && !verified)
      wg::button(t, act, key::verify(q.i64(0)), "Verify", "banking:verify_open:" + std::to_string(q.i64(0)),
                 wg::ButtonKind::secondary);
    if (domestic)
      wg::button(t, act, key::edit_recipient(q.i64(0)), "Edit", "banking:recipient_open:" + std::to_string(q.i64(0)),
                 wg::ButtonKind::secondary);
  }
  if (w.ui_get(apps::ui::kOverlay) == full(key::verify_dialog)) {
    auto q = w.query("SELECT name, account, deposits_ms FROM bank_recipients WHERE id = ?", w.ui_int(ui::verifying));
    if (q.step()) {
      const std::string acct(q.text(1));
      const int m = wg::modal(t, key::verify_dialog, "Verify " + std::string(q.text(0)), 460);
      t.text(m, "We sent two deposits under $1 to the account ending " + acct.substr(acct.size() >= 4 ? acct.size() - 4 : 0) + " on " +
                    day_label(q.i64(2)) + ". Ask " + std::string(q.text(0)) + " for the two amounts and enter them.",
             {.size = 13, .color = th.text_muted, .wrap = true}, {.w = dom::fill()});
      for (const auto& [k, label] : {std::pair{key::dep1, "First deposit"}, std::pair{key::dep2, "Second deposit"}}) {
        t.text(m, label, {.size = 13, .weight = 600, .color = th.text_strong});
        const FieldView f = field_view(w, full(k), true);
        const int fl = wg::text_field(t, m, k, {f.value, f.anchor, f.caret, f.focused, f.live}, "0.00", wg::FieldKind::text, 160);
        t.node(fl).name = label;
      }
      wg::button(t, m, key::confirm_verify, "Verify", "banking:verify");
    }
  }
  if (w.ui_get(apps::ui::kOverlay) == full(key::recipient_dialog)) {
    const bool editing = w.ui_int(ui::rcp_editing) != 0;
    const int m = wg::modal(t, key::recipient_dialog, editing ? "Edit recipient" : "Add recipient", 460);
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
    field(key::rcp_address, "Mailing address (for checks)", "Street, city, state ZIP");
    wg::button(t, m, key::save_recipient, editing ? "Save changes" : "Save recipient", "banking:save_recipient");
  }
}

void cards(state::World& w, dom::Tree& t, int page) {
  const dom::Theme& th = t.theme();
  heading(t, page, "Cards");
  const int list = table_card(t, page, "card_list", "Cards");
  const std::string overlay = w.ui_get(apps::ui::kOverlay);
  for (auto q = w.query("SELECT c.id, p.name, c.last4, c.kind, c.nickname, c.status, c.limit_cents, c.limit_period, c.replaces, "
                        "c.reason, c.until_ms, c.after_cents, c.after_period FROM bank_cards c JOIN people p ON p.id = c.person_id "
                        "ORDER BY c.status = 'cancelled', c.id");
       q.step();) {
    t.add(list, {.w = dom::fill(), .h = dom::fixed(1), .bg = th.divider});
    const int64_t id = q.i64(0);
    const bool frozen = q.text(5) == "frozen", cancelled = q.text(5) == "cancelled";
    const int r = t.add(list, {.dir = Dir::row, .w = dom::fill(), .h = dom::fixed(60), .pad = {14, 0, 14, 0}, .gap = 14,
                               .align = Align::center},
                        key::card(id), Role::row);
    t.node(r).name = std::string(q.text(1)) + "'s " + std::string(q.text(3)) + " card " + std::string(q.text(4)) + " ending " +
                     std::string(q.text(2)) + ", " + std::string(q.text(5)) + ", limit " + format_usd(q.i64(6), false) + " " +
                     std::string(q.text(7)) +
                     (q.i64(8) ? ", replacing the card ending " + text_of(w, "SELECT last4 FROM bank_cards WHERE id = ?", q.i64(8)) : "");
    const std::string until = q.i64(10) ? " until " + eastern_day_label(q.i64(10) - 1) : "";
    if (!until.empty())
      t.node(r).name += until + ", then " + format_usd(q.i64(11), false) + " " + std::string(q.text(12));
    const std::string locks = text_of(w, "SELECT group_concat(category, ', ') FROM (SELECT category FROM bank_card_locks WHERE "
                                         "card_id = ? ORDER BY category)", id);
    if (!locks.empty()) t.node(r).name += ", blocked: " + locks;
    const int chip = t.add(r, {.dir = Dir::column, .w = dom::fixed(64), .h = dom::fixed(40), .pad = dom::edges(6),
                               .justify = Align::end,
                               .bg = frozen || cancelled ? dom::rgb(0x9aa0ab) : (q.text(3) == "virtual" ? kIndigo : kInk),
                               .radius = 6});
    t.text(chip, "\xE2\x80\xA2\xE2\x80\xA2" + std::string(q.text(2)), {.size = 11, .weight = 600, .color = dom::rgb(0xffffff)});
    const int col = t.add(r, {.dir = Dir::column, .w = dom::fill()});
    t.text(col, std::string(q.text(4)) + (q.text(3) == "virtual" ? " (virtual)" : ""), {.size = 14, .weight = 600,
                                                                                          .color = th.text_strong});
    t.text(col, std::string(q.text(1)), {.size = 12, .color = th.text_muted});
    const int lim = t.add(r, {.dir = Dir::column, .w = dom::fixed(150)});
    t.text(lim, format_usd(q.i64(6), false) + " / " + std::string(q.text(7)), {.size = 13, .color = th.text});
    if (!until.empty()) t.text(lim, until.substr(1), {.size = 11, .color = th.text_muted});
    if (frozen) wg::badge(t, r, "Frozen", th.surface_dim, kRed);
    if (cancelled) {
      wg::badge(t, r, "Cancelled" + (q.text(9).empty() ? std::string() : " (" + std::string(q.text(9)) + ")"), th.surface_dim,
                th.text_muted);
      continue;
    }
    if (q.i64(8)) wg::badge(t, r, "New", good_bg(th), kGreen);
    wg::button(t, r, key::limit(id), "Limit", "banking:limit_open:" + std::to_string(id), wg::ButtonKind::secondary);
    wg::button(t, r, key::freeze(id), frozen ? "Unfreeze" : "Freeze", "banking:freeze:" + std::to_string(id),
               wg::ButtonKind::secondary);
    wg::button(t, r, key::replace(id), "Replace", "banking:replace_open:" + std::to_string(id), wg::ButtonKind::secondary);
    wg::button(t, r, key::controls(id), "Controls", "banking:controls_open:" + std::to_string(id), wg::ButtonKind::secondary);
    if (w.ui_int(ui::limit_card) != id) continue;
    // The limit editor, under its card's row (a page, not a modal: the day's calendar opens in it).
    const int ed = t.add(list, {.dir = Dir::column, .w = dom::fill(), .pad = {92, 12, 14, 14}, .gap = 12, .bg = th.surface_dim},
                         key::limit_dialog, Role::generic);
    t.node(ed).name = "Set spending limit";
    const int top = t.add(ed, {.dir = Dir::row, .gap = 28, .align = Align::end});
    const int c1 = t.add(top, {.dir = Dir::column, .gap = 4});
    t.text(c1, "Limit (USD)", {.size = 12, .weight = 600, .color = th.text_strong});
    const FieldView f = field_view(w, full(key::limit_amount), true);
    const int fl = wg::text_field(t, c1, key::limit_amount, {f.value, f.anchor, f.caret, f.focused, f.live}, "e.g. 2,500",
                                  wg::FieldKind::text, 130);
    t.node(fl).name = "Limit (USD)";
    const int c2 = t.add(top, {.dir = Dir::column, .pad = {0, 0, 0, 8}, .gap = 8});
    t.text(c2, "Per", {.size = 12, .weight = 600, .color = th.text_strong});
    const int group = t.add(c2, {.dir = Dir::row, .gap = 12}, key::limit_period, Role::radiogroup);
    t.node(group).name = "Period";
    const int64_t period = w.ui_int(ui::period);
    for (int k = 0; k < int(std::size(kLimitPeriods)); ++k)
      wg::radio(t, group, key::period(k), kLimitPeriods[k], period == k, "ui:set:" + std::string(ui::period) + "=" + std::to_string(k));
    const int c3 = t.add(top, {.dir = Dir::column, .gap = 4});
    t.text(c3, "For", {.size = 12, .weight = 600, .color = th.text_strong});
    const int how = t.add(c3, {.dir = Dir::row, .h = dom::fixed(36), .gap = 12, .align = Align::center}, key::limit_for,
                          Role::radiogroup);
    t.node(how).name = "How long";
    const int64_t for_ = w.ui_int(ui::limit_for);
    static constexpr std::string_view kFor[] = {"Permanent", "Until"};
    for (int k = 0; k < 2; ++k)
      wg::radio(t, how, key::limit_for_option(k), kFor[k], for_ == k, "ui:set:" + std::string(ui::limit_for) + "=" + std::to_string(k));
    if (for_ == 1) {
      const int dp = wg::date_picker(t, how, key::limit_until, w.ui_get(full(key::limit_until)),
                                     w.ui_get(full(key::limit_until) + ".month"), overlay == full(key::limit_until));
      t.node(dp).name = "Last day";
    }
    const int foot = t.add(ed, {.dir = Dir::row, .gap = 16, .align = Align::center});
    wg::button(t, foot, key::save_limit, "Save limit", "banking:save_limit");
    wg::link(t, foot, key::close_limit, "Close", "banking:close_limit");
  }
  if (w.ui_get(apps::ui::kOverlay) == full(key::controls_dialog)) {
    const int64_t card = w.ui_int(ui::card);
    const int m = wg::modal(t, key::controls_dialog, "Card controls", 420);
    t.text(m, "Card ending " + text_of(w, "SELECT last4 FROM bank_cards WHERE id = ?", card) + ". Decline purchases in:",
           {.size = 13, .color = th.text_muted});
    const int list = t.add(m, {.dir = Dir::column, .gap = 2}, "locks", Role::list);
    t.node(list).name = "Blocked categories";
    for (int k = 0; k < int(std::size(kLockable)); ++k)
      wg::checkbox(t, list, key::lock(k), kLockable[k],
                   scalar(w, "SELECT count(*) FROM bank_card_locks WHERE card_id = ? AND category = ?", card, std::string(kLockable[k])) > 0,
                   "banking:lock:" + std::to_string(k));
    wg::button(t, m, key::controls_done, "Done", "ui:close");
  }
  if (w.ui_get(apps::ui::kOverlay) == full(key::replace_dialog)) {
    const int m = wg::modal(t, key::replace_dialog, "Replace card", 420);
    t.text(m, "Card ending " + text_of(w, "SELECT last4 FROM bank_cards WHERE id = ?", w.ui_int(ui::card)) +
                  ". Lost or stolen cancels it now; a new card with the same limit is on its way.",
           {.size = 13, .color = th.text_muted, .wrap = true}, {.w = dom::fill()});
    t.text(m, "Why", {.size = 13, .weight = 600, .color = th.text_strong});
    const int group = t.add(m, {.dir = Dir::row, .gap = 16}, "replace_reason", Role::radiogroup);
    t.node(group).name = "Reason";
    const int64_t reason = w.ui_int(ui::reason, -1);
    for (int k = 0; k < int(std::size(kReplaceReasons)); ++k)
      wg::radio(t, group, key::reason(k), kReplaceReasons[k], reason == k, "ui:set:" + std::string(ui::reason) + "=" + std::to_string(k));
    wg::button(t, m, key::confirm_replace, "Order replacement", "banking:replace");
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
  // Decisions made.
  t.text(page, "History", {.size = 17, .weight = 600, .color = th.text_strong}, {.margin = {0, 8, 0, 0}});
  const int hist = table_card(t, page, "approval_history", "Approval history");
  int h = 0;
  for (auto q = w.query("SELECT p.id, p.created_by, r.name, p.amount_cents, p.created_ms, p.status, p.decided_by, p.reason FROM "
                        "bank_payments p JOIN bank_recipients r ON r.id = p.recipient_id WHERE p.decided_by <> 0 AND p.status IN "
                        "('sent', 'posted', 'rejected', 'scheduled', 'failed') ORDER BY p.created_ms DESC, p.id DESC LIMIT 12");
       q.step(); ++h) {
    const bool rejected = q.text(5) == "rejected";
    const std::string by = person_name(w, q.i64(1)), decider = person_name(w, q.i64(6));
    const std::string what = rejected ? "Rejected by " + decider + ": " + std::string(q.text(7)) : "Approved by " + decider;
    t.add(hist, {.w = dom::fill(), .h = dom::fixed(1), .bg = th.divider});
    const int r = t.add(hist, {.dir = Dir::row, .w = dom::fill(), .h = dom::fixed(44), .pad = {14, 0, 14, 0}, .gap = 12,
                               .align = Align::center},
                        key::history(q.i64(0)), Role::row);
    t.node(r).name = day_label(q.i64(4)) + ", " + by + " to " + std::string(q.text(2)) + ", " + format_usd(q.i64(3)) + ", " + what;
    t.text(r, day_label(q.i64(4)), {.size = 13, .color = th.text_muted}, {.w = dom::fixed(64)});
    t.text(r, by + " \xE2\x86\x92 " + std::string(q.text(2)), {.size = 14, .weight = 500, .color = th.text_strong, .max_lines = 1},
           {.w = dom::fill()});
    t.text(r, format_usd(q.i64(3)), {.size = 14, .weight = 600, .color = th.text_strong}, {.w = dom::fixed(110)});
    t.text(r, what, {.size = 13, .color = rejected ? kRed : th.text, .max_lines = 1}, {.w = dom::fixed(380)});
  }
  if (h == 0) t.text(hist, "No decisions yet.", {.size = 14, .color = th.text_muted}, {.margin = {12, 14, 12, 14}});
  if (w.ui_get(apps::ui::kOverlay) == full(key::reject_dialog)) {
    const int m = wg::modal(t, key::reject_dialog, "Reject payment", 420);
    t.text(m, "Reason (sent to the requester)", {.size = 13, .weight = 600, .color = th.text_strong});
    const FieldView f = field_view(w, full(key::reject_reason), true);
    const int fl = wg::text_field(t, m, key::reject_reason, {f.value, f.anchor, f.caret, f.focused, f.live}, "Why not?");
    t.node(fl).name = "Reason";
    wg::button(t, m, key::confirm_reject, "Reject payment", "banking:reject", wg::ButtonKind::danger);
  }
}

// Bills from vendors: open ones first by due day, then paid; each with its note and Pay.
void bills(state::World& w, dom::Tree& t, int page) {
  const dom::Theme& th = t.theme();
  heading(t, page, "Bills");
  t.text(page, "Bills your vendors sent. Pay fills in Move money; the bill is paid once the payment goes.",
         {.size = 14, .color = th.text_muted});
  const int list = table_card(t, page, "bill_list", "Bills");
  const int64_t now = w.now_ms();
  int n = 0;
  for (auto q = w.query("SELECT b.id, r.name, b.invoice, b.amount_cents, b.due_ms, b.sender, b.note, b.received_ms, (SELECT p.status "
                        "FROM bank_payments p WHERE p.bill_id = b.id AND p.status NOT IN ('rejected', 'cancelled', 'failed') ORDER BY "
                        "p.id DESC LIMIT 1) FROM bank_bills b JOIN bank_recipients r ON r.id = b.recipient_id ORDER BY (SELECT count(*) "
                        "FROM bank_payments p WHERE p.bill_id = b.id AND p.status NOT IN ('rejected', 'cancelled', 'failed')), "
                        "b.due_ms, b.id");
       q.step(); ++n) {
    const int64_t id = q.i64(0);
    const std::string paid = q.is_null(8) ? "" : std::string(q.text(8));
    const bool overdue = paid.empty() && q.i64(4) < now;
    const std::string state = paid.empty() ? (overdue ? "Overdue" : "Open") : paid == "pending_approval" ? "Awaiting approval"
                              : paid == "scheduled"                                                     ? "Scheduled"
                                                                                                        : "Paid";
    t.add(list, {.w = dom::fill(), .h = dom::fixed(1), .bg = th.divider});
    const int r = t.add(list, {.dir = Dir::row, .w = dom::fill(), .pad = {14, 10, 14, 10}, .gap = 14, .align = Align::center},
                        key::bill(id), Role::row);
    t.node(r).name = std::string(q.text(1)) + ", " + std::string(q.text(2)) + ", " + format_usd(q.i64(3)) + ", due " +
                     day_label(q.i64(4)) + ", " + state + ", from " + std::string(q.text(5)) +
                     (q.text(6).empty() ? "" : ", note: " + std::string(q.text(6)));
    const int col = t.add(r, {.dir = Dir::column, .w = dom::fill(), .gap = 2});
    t.text(col, std::string(q.text(1)) + " \xC2\xB7 " + std::string(q.text(2)), {.size = 14, .weight = 600, .color = th.text_strong});
    t.text(col, "From " + std::string(q.text(5)) + " \xC2\xB7 received " + day_label(q.i64(7)), {.size = 12, .color = th.text_muted});
    if (!q.text(6).empty()) t.text(col, "\xE2\x80\x9C" + std::string(q.text(6)) + "\xE2\x80\x9D", {.size = 13, .color = th.text, .wrap = true},
                                   {.w = dom::fill()});
    t.text(r, "Due " + day_label(q.i64(4)), {.size = 13, .color = overdue ? kRed : th.text}, {.w = dom::fixed(90)});
    t.text(r, format_usd(q.i64(3)), {.size = 14, .weight = 600, .color = th.text_strong}, {.w = dom::fixed(110)});
    const int st = t.add(r, {.dir = Dir::row, .w = dom::fixed(130)});
    wg::badge(t, st, state, paid.empty() ? (overdue ? bad_bg(th) : th.surface_dim) : good_bg(th),
              paid.empty() ? (overdue ? kRed : th.text_muted) : kGreen);
    const int act = t.add(r, {.dir = Dir::row, .w = dom::fixed(84), .justify = Align::end});
    if (paid.empty()) wg::button(t, act, key::pay_bill(id), "Pay", "banking:pay_bill:" + std::to_string(id));
  }
  if (n == 0) t.text(list, "No bills.", {.size = 14, .color = th.text_muted}, {.margin = {12, 14, 12, 14}});
}

// Invoices to customers: the list (outstanding and overdue totals) and the editor.
int64_t invoice_total(state::World& w, int64_t id) {
  return scalar(w, "SELECT ifnull(sum(qty * unit_cents), 0) FROM bank_invoice_lines WHERE invoice_id = ?", id);
}
std::vector<std::pair<int64_t, std::string>> customer_list(state::World& w) {  // as the select lists them
  std::vector<std::pair<int64_t, std::string>> out;
  for (auto q = w.query("SELECT id, name FROM companies WHERE role = 'customer' AND EXISTS (SELECT 1 FROM people p WHERE "
                        "p.company_id = companies.id) ORDER BY name, id");
       q.step();)
    out.emplace_back(q.i64(0), std::string(q.text(1)));
  return out;
}
// The editor's lines as typed: complete ones (description, quantity, unit cents); bad: a line
// begun and not finished.
struct InvoiceLine {
  std::string desc;
  int64_t qty = 0, unit = 0;
};
std::vector<InvoiceLine> editor_lines(state::World& w, std::string& bad) {
  std::vector<InvoiceLine> out;
  for (int k = 0; k < kInvoiceLines; ++k) {
    const std::string desc = field_trimmed(w, full(key::inv_desc(k))), qty = field_trimmed(w, full(key::inv_qty(k))),
                      price = field_trimmed(w, full(key::inv_price(k)));
    if (desc.empty() && qty.empty() && price.empty()) continue;
    const int64_t q = parse_amount(qty), unit = parse_amount(price);
    if (desc.empty() || q < 100 || q % 100 || unit <= 0) {
      if (bad.empty()) bad = "Line " + std::to_string(k + 1) + " needs a description, a whole quantity and a price.";
      continue;
    }
    out.push_back({desc, q / 100, unit});
  }
  return out;
}
void invoices(state::World& w, dom::Tree& t, int page) {
  const dom::Theme& th = t.theme();
  const std::string overlay = w.ui_get(apps::ui::kOverlay);
  const int top = t.add(page, {.dir = Dir::row, .w = dom::fill(), .align = Align::center});
  heading(t, top, "Invoices");
  t.add(top, {.w = dom::fill()});
  if (!w.ui_int(ui::inv_open)) wg::button(t, top, key::new_invoice, "New invoice", "banking:invoice_new");
  const int64_t now = w.now_ms();
  int64_t owed = 0, late = 0;
  for (auto q = w.query("SELECT id, due_ms FROM bank_invoices WHERE status = 'sent' ORDER BY id"); q.step();) {
    const int64_t total = invoice_total(w, q.i64(0));
    owed += total;
    if (q.i64(1) < now) late += total;
  }
  const int sum = t.add(page, {.dir = Dir::row, .gap = 16}, key::outstanding, Role::status);
  t.node(sum).name = "Outstanding " + format_usd(owed) + ", overdue " + format_usd(late);
  t.text(sum, "Outstanding " + format_usd(owed), {.size = 14, .weight = 600, .color = th.text_strong});
  t.text(sum, "Overdue " + format_usd(late), {.size = 14, .weight = 600, .color = late ? kRed : th.text_muted});
  if (w.ui_int(ui::inv_open)) {
    const int ed = t.add(page, {.dir = Dir::column, .w = dom::fill(), .pad = dom::edges(20), .gap = 8, .bg = th.surface,
                                .border_color = th.divider, .border = 1, .radius = 10},
                         key::invoice_editor, Role::generic);
    t.node(ed).name = "New invoice";
    t.text(ed, "New invoice", {.size = 17, .weight = 600, .color = th.text_strong});
    const int row = t.add(ed, {.dir = Dir::row, .w = dom::fill(), .gap = 24, .align = Align::end});
    const int cc = t.add(row, {.dir = Dir::column, .gap = 4});
    t.text(cc, "Customer", {.size = 13, .weight = 600, .color = th.text_strong});
    std::vector<std::string> names;
    for (const auto& c : customer_list(w)) names.push_back(c.second);
    const std::vector<std::string_view> nv(names.begin(), names.end());
    wg::select(t, cc, key::inv_customer, nv, int(w.ui_int(full(key::inv_customer), -1)), overlay == full(key::inv_customer), 320);
    const int tc = t.add(row, {.dir = Dir::column, .gap = 4});
    t.text(tc, "Due in", {.size = 13, .weight = 600, .color = th.text_strong});
    const int tr = t.add(tc, {.dir = Dir::row, .h = dom::fixed(36), .gap = 16, .align = Align::center}, "terms", Role::radiogroup);
    t.node(tr).name = "Due in";
    const int64_t terms = w.ui_int(ui::inv_terms, 30);
    for (int d : kTerms)
      wg::radio(t, tr, key::terms(d), "Net " + std::to_string(d), terms == d,
                "ui:set:" + std::string(ui::inv_terms) + "=" + std::to_string(d));
    const int head = t.add(ed, {.dir = Dir::row, .w = dom::fill(), .gap = 10, .margin = {0, 6, 0, 0}});
    t.text(head, "Description", {.size = 12, .weight = 600, .color = th.text_muted}, {.w = dom::fill()});
    t.text(head, "Qty", {.size = 12, .weight = 600, .color = th.text_muted}, {.w = dom::fixed(80)});
    t.text(head, "Unit price", {.size = 12, .weight = 600, .color = th.text_muted}, {.w = dom::fixed(130)});
    t.text(head, "Amount", {.size = 12, .weight = 600, .color = th.text_muted}, {.w = dom::fixed(120)});
    int64_t total = 0;
    for (int k = 0; k < kInvoiceLines; ++k) {
      const int lr = t.add(ed, {.dir = Dir::row, .w = dom::fill(), .gap = 10, .align = Align::center});
      auto field = [&](const std::string& k2, const std::string& label, const char* hint, int width) {
        // Quantity and price are not live: the line's amount and the total follow each keystroke.
        const FieldView f = field_view(w, full(k2), width == 0);
        const int fl = wg::text_field(t, lr, k2, {f.value, f.anchor, f.caret, f.focused, f.live}, hint, wg::FieldKind::text, width);
        t.node(fl).name = label;
        if (!width) t.node(fl).style.w = dom::fill();
      };
      field(key::inv_desc(k), "Line " + std::to_string(k + 1) + " description", k == 0 ? "What you did" : "", 0);
      field(key::inv_qty(k), "Line " + std::to_string(k + 1) + " quantity", "1", 80);
      field(key::inv_price(k), "Line " + std::to_string(k + 1) + " unit price", "0.00", 130);
      const int64_t q = parse_amount(field_value(w, full(key::inv_qty(k)))), u = parse_amount(field_value(w, full(key::inv_price(k))));
      const int64_t amount = q > 0 && q % 100 == 0 && u > 0 ? q / 100 * u : 0;
      total += amount;
      t.text(lr, amount ? format_usd(amount) : "", {.size = 14, .color = th.text}, {.w = dom::fixed(120)});
    }
    t.text(ed, "Note to the customer", {.size = 13, .weight = 600, .color = th.text_strong}, {.margin = {0, 4, 0, 0}});
    const FieldView mf = field_view(w, full(key::inv_memo), true);
    const int memo = wg::text_field(t, ed, key::inv_memo, {mf.value, mf.anchor, mf.caret, mf.focused, mf.live}, "Optional",
                                    wg::FieldKind::text, 600);
    t.node(memo).name = "Note to the customer";
    const int foot = t.add(ed, {.dir = Dir::row, .w = dom::fill(), .gap = 10, .align = Align::center, .margin = {0, 6, 0, 0}});
    const int tot = t.text(foot, "Total " + format_usd(total), {.size = 16, .weight = 700, .color = th.text_strong}, {.w = dom::fill()});
    t.node(tot).role = Role::status;
    t.node(tot).name = "Invoice total " + format_usd(total);
    wg::link(t, foot, key::cancel_invoice, "Cancel", "banking:invoice_close");
    wg::button(t, foot, key::save_invoice, "Save draft", "banking:invoice_save:draft", wg::ButtonKind::secondary);
    wg::button(t, foot, key::send_invoice, "Send invoice", "banking:invoice_save:send");
  }
  const int list = table_card(t, page, "invoice_list", "Invoices");
  int n = 0;
  for (auto q = w.query("SELECT i.id, i.number, c.name, i.issued_ms, i.due_ms, i.status, p.email FROM bank_invoices i JOIN companies c ON "
                        "c.id = i.customer_id JOIN people p ON p.id = i.contact_id ORDER BY i.issued_ms DESC, i.id DESC");
       q.step(); ++n) {
    const int64_t id = q.i64(0), total = invoice_total(w, id);
    const std::string status(q.text(5));
    const bool overdue = status == "sent" && q.i64(4) < now;
    const std::string state = status == "draft" ? "Draft" : status == "paid" ? "Paid" : overdue ? "Overdue" : "Sent";
    t.add(list, {.w = dom::fill(), .h = dom::fixed(1), .bg = th.divider});
    const int r = t.add(list, {.dir = Dir::row, .w = dom::fill(), .h = dom::fixed(52), .pad = {14, 0, 14, 0}, .gap = 12,
                               .align = Align::center},
                        key::invoice(id), Role::row);
    t.node(r).name = "Invoice " + std::string(q.text(1)) + ", " + std::string(q.text(2)) + ", " + format_usd(total) + ", issued " +
                     day_label(q.i64(3)) + ", due " + day_label(q.i64(4)) + ", " + state;
    t.text(r, "#" + std::string(q.text(1)), {.size = 14, .weight = 600, .color = th.text_strong}, {.w = dom::fixed(70)});
    const int col = t.add(r, {.dir = Dir::column, .w = dom::fill()});
    t.text(col, std::string(q.text(2)), {.size = 14, .weight = 500, .color = th.text_strong});
    t.text(col, std::string(q.text(6)), {.size = 12, .color = th.text_muted});
    t.text(r, "Due " + day_label(q.i64(4)), {.size = 13, .color = overdue ? kRed : th.text}, {.w = dom::fixed(90)});
    t.text(r, format_usd(total), {.size = 14, .weight = 600, .color = th.text_strong}, {.w = dom::fixed(110)});
    const int st = t.add(r, {.dir = Dir::row, .w = dom::fixed(90)});
    wg::badge(t, st, state, status == "paid" ? good_bg(th) : overdue ? bad_bg(th) : th.surface_dim,
              status == "paid" ? kGreen : overdue ? kRed : th.text_muted);
    const int act = t.add(r, {.dir = Dir::row, .w = dom::fixed(120), .justify = Align::end});
    if (status == "draft") wg::button(t, act, key::send_draft(id), "Send", "banking:invoice_send:" + std::to_string(id));
    if (status == "sent")
      wg::button(t, act, key::mark_paid(id), "Mark paid", "banking:invoice_paid:" + std::to_string(id), wg::ButtonKind::secondary);
  }
  if (n == 0) t.text(list, "No invoices yet.", {.size = 14, .color = th.text_muted}, {.margin = {12, 14, 12, 14}});
}

// Monthly statements: the last kStatementMonths whole months of each account, downloadable.
struct Statement {
  int64_t account;
  int y, m;
  int64_t opening, in, out, lines;
};
int64_t month_start(int y, int m) { return at_eastern(ms_from_civil({.y = y, .m = m, .d = 1}), 0); }
Statement statement_of(state::World& w, int64_t account, int y, int m) {
  const int64_t from = month_start(y, m), to = month_start(m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1);
  Statement s{account, y, m, 0, 0, 0, 0};
  s.opening = scalar(w, "SELECT opening_cents FROM bank_accounts WHERE id = ?", account) +
              scalar(w, "SELECT ifnull(sum(amount_cents), 0) FROM bank_txns WHERE account_id = ? AND status = 'posted' AND ts_ms < ?",
                     account, from);
  auto q = w.query("SELECT ifnull(sum(CASE WHEN amount_cents > 0 THEN amount_cents END), 0), ifnull(sum(CASE WHEN amount_cents < 0 "
                   "THEN -amount_cents END), 0), count(*) FROM bank_txns WHERE account_id = ? AND status = 'posted' AND ts_ms >= ? AND "
                   "ts_ms < ?", account, from, to);
  if (q.step()) s.in = q.i64(0), s.out = q.i64(1), s.lines = q.i64(2);
  return s;
}
std::string ym_of(int y, int m) {
  char b[16];
  std::snprintf(b, sizeof b, "%04d-%02d", y, m);
  return b;
}
std::vector<std::pair<int, int>> statement_months(state::World& w) {  // newest first
  const Civil e = eastern(w.now_ms());
  std::vector<std::pair<int, int>> out;
  int y = e.y, m = e.m;
  for (int k = 0; k < kStatementMonths; ++k) {
    if (--m == 0) m = 12, --y;
    out.emplace_back(y, m);
  }
  return out;
}
void statements(state::World& w, dom::Tree& t, int page) {
  const dom::Theme& th = t.theme();
  heading(t, page, "Statements");
  t.text(page, "Monthly statements for each account. A download is saved to your files, ready to attach to an email.",
         {.size = 14, .color = th.text_muted});
  const int list = table_card(t, page, "statement_list", "Statements");
  for (const auto& [y, m] : statement_months(w))
    for (auto a = w.query("SELECT id, name, last4 FROM bank_accounts ORDER BY id"); a.step();) {
      const Statement s = statement_of(w, a.i64(0), y, m);
      const std::string ym = ym_of(y, m), month = std::string(kMonthLong[m - 1]) + " " + std::to_string(y);
      t.add(list, {.w = dom::fill(), .h = dom::fixed(1), .bg = th.divider});
      const int r = t.add(list, {.dir = Dir::row, .w = dom::fill(), .h = dom::fixed(48), .pad = {14, 0, 14, 0}, .gap = 14,
                                 .align = Align::center},
                          key::statement(s.account, ym), Role::row);
      const int64_t closing = s.opening + s.in - s.out;
      t.node(r).name = month + ", " + std::string(a.text(1)) + " ending " + std::string(a.text(2)) + ", opening " +
                       format_usd(s.opening) + ", in " + format_usd(s.in) + ", out " + format_usd(s.out) + ", closing " +
                       format_usd(closing);
      t.text(r, month, {.size = 14, .weight = 600, .color = th.text_strong}, {.w = dom::fixed(140)});
      t.text(r, account_label(w, s.account), {.size = 13, .color = th.text}, {.w = dom::fill()});
      t.text(r, "In " + format_usd(s.in), {.size = 13, .color = amount_colour(th, s.in)}, {.w = dom::fixed(150)});
      t.text(r, "Out " + format_usd(s.out), {.size = 13, .color = th.text}, {.w = dom::fixed(150)});
      t.text(r, "Closing " + format_usd(closing), {.size = 13, .weight = 600, .color = th.text_strong}, {.w = dom::fixed(190)});
      wg::button(t, r, key::csv(s.account, ym), "CSV", "banking:statement:csv:" + std::to_string(s.account) + ":" + ym,
                 wg::ButtonKind::secondary);
      wg::button(t, r, key::pdf(s.account, ym), "PDF", "banking:statement:pdf:" + std::to_string(s.account) + ":" + ym,
                 wg::ButtonKind::secondary);
    }
}

// Settings: the team and its roles and limits, invitations; ACH debit authorisations.
std::string role_label(std::string_view r) {
  std::string s(r);
  if (!s.empty()) s[0] = char(std::toupper(uint8_t(s[0])));
  return s;
}
void role_radios(state::World& w, dom::Tree& t, int parent) {
  const int g = t.add(parent, {.dir = Dir::row, .gap = 16}, "roles", Role::radiogroup);
  t.node(g).name = "Role";
  for (int k = 0; k < int(std::size(kRoles)); ++k)
    wg::radio(t, g, key::role(k), role_label(kRoles[k]), w.ui_int(ui::role) == k,
              "ui:set:" + std::string(ui::role) + "=" + std::to_string(k));
}
void settings(state::World& w, dom::Tree& t, int page) {
  const dom::Theme& th = t.theme();
  const std::string overlay = w.ui_get(apps::ui::kOverlay);
  heading(t, page, "Settings");
  // Security.
  t.text(page, "Security", {.size = 17, .weight = 600, .color = th.text_strong});
  const int sec = t.add(page, {.dir = Dir::column, .w = dom::fill(), .pad = {16, 12, 16, 12}, .bg = th.surface,
                               .border_color = th.divider, .border = 1, .radius = 10},
                        "security", Role::generic);
  t.node(sec).name = "Security";
  const int64_t over = wire_threshold(w);
  wg::toggle(t, sec, key::wire_approval, "Wires (domestic or international) need a second admin's approval", over >= 0,
             "banking:setting:wire_approval");
  if (over >= 0) {
    const int row = t.add(sec, {.dir = Dir::row, .gap = 10, .align = Align::center, .margin = {0, 8, 0, 0}});
    t.text(row, over == 0 ? "Every wire, or only those over (USD):" : "Wires over " + format_usd(over, false) + ". Change to (USD; 0: every wire):",
           {.size = 13, .color = th.text});
    const FieldView f = field_view(w, full(key::wire_threshold), true);
    const int fl = wg::text_field(t, row, key::wire_threshold, {f.value, f.anchor, f.caret, f.focused, f.live}, "0", wg::FieldKind::text,
                                  140);
    t.node(fl).name = "Wires over (USD)";
    wg::button(t, row, key::save_threshold, "Save", "banking:save_threshold", wg::ButtonKind::secondary);
  }
  // ACH debits.
  t.text(page, "ACH debits", {.size = 17, .weight = 600, .color = th.text_strong});
  t.text(page, "Companies that may pull money from Checking. Pulls from anyone else are returned.",
         {.size = 13, .color = th.text_muted});
  const int debits = table_card(t, page, "debit_list", "ACH debit authorisations");
  for (auto q = w.query("SELECT d.id, d.name, d.status, ifnull(x.amount_cents, 0), ifnull(x.ts_ms, 0) FROM bank_debit_rules d LEFT "
                        "JOIN bank_txns x ON x.id = d.txn_id ORDER BY d.status <> 'review', d.name, d.id");
       q.step();) {
    const int64_t id = q.i64(0);
    const std::string status(q.text(2));
    t.add(debits, {.w = dom::fill(), .h = dom::fixed(1), .bg = th.divider});
    const int r = t.add(debits, {.dir = Dir::row, .w = dom::fill(), .h = dom::fixed(48), .pad = {14, 0, 14, 0}, .gap = 12,
                                 .align = Align::center, .bg = status == "review" ? (th.dark ? dom::rgb(0x3a2f12) : dom::rgb(0xfff6e0)) : 0},
                          key::debit(id), Role::row);
    const std::string state = status == "review" ? "Wants to debit " + format_usd(-q.i64(3)) + " (" + day_label(q.i64(4)) + ")"
                              : status == "allowed" ? "Allowed"
                                                    : "Blocked";
    t.node(r).name = std::string(q.text(1)) + ", " + state;
    t.text(r, std::string(q.text(1)), {.size = 14, .weight = 600, .color = th.text_strong}, {.w = dom::fill()});
    t.text(r, state, {.size = 13, .color = status == "blocked" ? kRed : th.text}, {.w = dom::fixed(260)});
    const int acts = t.add(r, {.dir = Dir::row, .w = dom::fixed(170), .gap = 8, .justify = Align::end});
    if (status != "blocked") wg::button(t, acts, key::block_debit(id), "Block", "banking:block_debit:" + std::to_string(id),
                                        wg::ButtonKind::secondary);
    if (status != "allowed") wg::button(t, acts, key::allow_debit(id), "Allow", "banking:allow_debit:" + std::to_string(id),
                                        wg::ButtonKind::secondary);
  }
  const int top = t.add(page, {.dir = Dir::row, .w = dom::fill(), .align = Align::center, .margin = {0, 8, 0, 0}});
  t.text(top, "Team", {.size = 17, .weight = 600, .color = th.text_strong}, {.w = dom::fill()});
  wg::button(t, top, key::invite, "Invite", "banking:invite_open", wg::ButtonKind::secondary);
  const int team = table_card(t, page, "team", "Team");
  for (auto q = w.query("SELECT m.person_id, p.name, p.email, m.role, m.daily_limit_cents FROM bank_members m JOIN people p ON "
                        "p.id = m.person_id ORDER BY m.person_id");
       q.step();) {
    const int64_t id = q.i64(0);
    t.add(team, {.w = dom::fill(), .h = dom::fixed(1), .bg = th.divider});
    const int r = t.add(team, {.dir = Dir::row, .w = dom::fill(), .h = dom::fixed(48), .pad = {14, 0, 14, 0}, .gap = 12,
                               .align = Align::center},
                        key::member(id), Role::row);
    const std::string limit = q.i64(4) ? format_usd(q.i64(4), false) + " a day" : "Cannot send money";
    t.node(r).name = std::string(q.text(1)) + ", " + std::string(q.text(2)) + ", " + role_label(q.text(3)) + ", " + limit;
    wg::avatar(t, r, q.text(1), "", 28);
    const int col = t.add(r, {.dir = Dir::column, .w = dom::fill()});
    t.text(col, std::string(q.text(1)), {.size = 14, .weight = 600, .color = th.text_strong});
    t.text(col, std::string(q.text(2)), {.size = 12, .color = th.text_muted});
    t.text(r, role_label(q.text(3)), {.size = 13, .color = th.text}, {.w = dom::fixed(110)});
    t.text(r, limit, {.size = 13, .color = th.text_muted}, {.w = dom::fixed(150)});
    if (id == world::kUserId) t.add(r, {.w = dom::fixed(58)});
    else wg::button(t, r, key::edit_member(id), "Edit", "banking:edit_member:" + std::to_string(id), wg::ButtonKind::secondary);
  }
  for (auto q = w.query("SELECT id, name, email, role FROM bank_invites ORDER BY id"); q.step();) {
    t.add(team, {.w = dom::fill(), .h = dom::fixed(1), .bg = th.divider});
    const int r = t.add(team, {.dir = Dir::row, .w = dom::fill(), .h = dom::fixed(48), .pad = {14, 0, 14, 0}, .gap = 12,
                               .align = Align::center},
                        "invite:" + std::to_string(q.i64(0)), Role::row);
    t.node(r).name = std::string(q.text(1)) + ", " + std::string(q.text(2)) + ", " + role_label(q.text(3)) + ", invited";
    wg::avatar(t, r, q.text(1), "", 28);
    const int col = t.add(r, {.dir = Dir::column, .w = dom::fill()});
    t.text(col, std::string(q.text(1)), {.size = 14, .weight = 600, .color = th.text_strong});
    t.text(col, std::string(q.text(2)), {.size = 12, .color = th.text_muted});
    t.text(r, role_label(q.text(3)), {.size = 13, .color = th.text}, {.w = dom::fixed(110)});
    const int b = t.add(r, {.dir = Dir::row, .w = dom::fixed(220)});
    wg::badge(t, b, "Invited", th.surface_dim, th.text_muted);
  }
  if (overlay == full(key::member_dialog)) {
    const int64_t id = w.ui_int(ui::member);
    const int m = wg::modal(t, key::member_dialog, "Edit " + person_name(w, id), 440);
    t.text(m, "Role", {.size = 13, .weight = 600, .color = th.text_strong});
    role_radios(w, t, m);
    t.text(m, "Daily sending limit (USD; 0: cannot send)", {.size = 13, .weight = 600, .color = th.text_strong});
    const FieldView f = field_view(w, full(key::member_limit), true);
    const int fl = wg::text_field(t, m, key::member_limit, {f.value, f.anchor, f.caret, f.focused, f.live}, "e.g. 10,000");
    t.node(fl).name = "Daily sending limit";
    wg::button(t, m, key::save_member, "Save", "banking:save_member");
  }
  if (overlay == full(key::invite_dialog)) {
    const int m = wg::modal(t, key::invite_dialog, "Invite a teammate", 440);
    for (const auto& [k, label] : {std::pair{key::inv_name, "Name"}, std::pair{key::inv_email, "Email"}}) {
      t.text(m, label, {.size = 13, .weight = 600, .color = th.text_strong});
      const FieldView f = field_view(w, full(k), true);
      const int fl = wg::text_field(t, m, k, {f.value, f.anchor, f.caret, f.focused, f.live}, "");
      t.node(fl).name = label;
    }
    t.text(m, "Role", {.size = 13, .weight = 600, .color = th.text_strong});
    role_radios(w, t, m);
    wg::button(t, m, key::send_invite, "Send invite", "banking:send_invite");
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
  else if (screen == "bills") bills(w, t, page);
  else if (screen == "invoices") invoices(w, t, page);
  else if (screen == "statements") statements(w, t, page);
  else if (screen == "settings") settings(w, t, page);
  else home(w, t, page);
  if (w.ui_get(apps::ui::kOverlay) == full(key::receipt_dialog)) file_picker(w, t);
}

// [SECTION] Handlers, events and routes -----------------------------------------------------------
void go(state::World& w, std::string_view screen) {
  w.ui_set(ui::screen, screen == "home" ? "" : screen);
  w.ui_set("scroll:" + full(key::page), int64_t(0));
  w.ui_set(apps::ui::kOverlay, "");
  w.ui_set(ui::txn, int64_t(0));
  w.ui_set(ui::editing, int64_t(0));
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
  const std::string method(q.text(1));
  const int64_t post = post_time(method, w.now_ms());
  w.query("INSERT INTO bank_txns(account_id, ts_ms, amount_cents, counterparty, company_id, kind, status, category, memo, "
          "payment_id) VALUES(?, ?, ?, ?, ?, ?, 'pending', '', ?, ?)",
          q.i64(0), w.now_ms(), -q.i64(2), std::string(q.text(4)), q.i64(5), std::string(method == "intl" ? "wire" : method),
          std::string(q.text(3)), id).run();
  w.query("UPDATE bank_payments SET status = 'sent', post_ms = ? WHERE id = ?", post, id).run();
  w.schedule(post, "banking.post", std::to_string(id));
}
// Transfer `id` between own accounts made now: two ledger lines that cancel out, posted.
void do_transfer(state::World& w, int64_t id) {
  auto q = w.query("SELECT account_id, to_account_id, amount_cents, memo FROM bank_payments WHERE id = ?", id);
  if (!q.step()) return;
  const int64_t from = q.i64(0), to = q.i64(1), amount = q.i64(2);
  const std::string memo(q.text(3));
  const std::string to_name = text_of(w, "SELECT name FROM bank_accounts WHERE id = ?", to),
                    from_name = text_of(w, "SELECT name FROM bank_accounts WHERE id = ?", from);
  for (const auto& [acct, amt, who] : {std::tuple{from, -amount, "Transfer to " + to_name},
                                       std::tuple{to, amount, "Transfer from " + from_name}})
    w.query("INSERT INTO bank_txns(account_id, ts_ms, amount_cents, counterparty, kind, status, category, memo, payment_id) "
            "VALUES(?, ?, ?, ?, 'transfer', 'posted', 'Transfer', ?, ?)",
            acct, w.now_ms(), amt, who, memo, id).run();
  w.query("UPDATE bank_payments SET status = 'posted', post_ms = ? WHERE id = ?", w.now_ms(), id).run();
}
// The day after `ms` by a period: a week, or a month on (the same day, or the month's last).
int64_t next_occurrence(int64_t ms, std::string_view repeat) {
  if (repeat == "weekly") return ms + 7 * kDay;
  Civil c = civil_from_ms(ms);
  c.m = c.m == 12 ? 1 : c.m + 1;
  if (c.m == 1) ++c.y;
  c.d = std::min(c.d, days_in_month(c.y, c.m));
  return ms_from_civil(c);
}
// A scheduled payment's day has come: it goes (funds allowing), and a repeating one makes the next.
Status payment_due(state::World& w, int64_t id) {
  auto q = w.query("SELECT account_id, amount_cents, send_ms, repeat, method FROM bank_payments WHERE id = ? AND status = "
                   "'scheduled'", id);
  if (!q.step() || q.i64(2) > w.now_ms()) return {};  // cancelled, sent, or moved to a later day
  const int64_t account = q.i64(0), amount = q.i64(1);
  const std::string repeat(q.text(3)), method(q.text(4));
  if (!repeat.empty()) {
    const int64_t next = next_occurrence(q.i64(2), repeat);
    w.query("INSERT INTO bank_payments(recipient_id, to_account_id, account_id, method, amount_cents, memo, created_ms, created_by, "
            "status, send_ms, repeat, currency, fx_minor) SELECT recipient_id, to_account_id, account_id, method, amount_cents, memo, "
            "created_ms, created_by, 'scheduled', ?, repeat, currency, fx_minor FROM bank_payments WHERE id = ?",
            next, id).run();
    w.schedule(next, "banking.due", std::to_string(w.last_insert_rowid()));
  }
  if (amount > available(w, account)) {
    w.query("UPDATE bank_payments SET status = 'failed', reason = 'Insufficient funds' WHERE id = ?", id).run();
    return {};
  }
  if (method == "transfer") do_transfer(w, id);
  else dispatch_payment(w, id);
  return {};
}

Status send(state::World& w) {
  const std::string method = w.ui_get(ui::method).empty() ? "ach" : w.ui_get(ui::method);
  const std::string when = w.ui_get(ui::when).empty() ? "now" : w.ui_get(ui::when);
  std::vector<int64_t> accounts;
  for (auto q = w.query("SELECT id FROM bank_accounts ORDER BY id"); q.step();) accounts.push_back(q.i64(0));
  const int64_t from_i = w.ui_int(full(key::pay_from)), to_i = w.ui_int(full(key::pay_to), -1);
  if (from_i < 0 || from_i >= int64_t(accounts.size())) return Error{Errc::invalid_argument, "no account to send from"};
  const int64_t from = accounts[size_t(from_i)];
  const std::string memo = field_trimmed(w, full(key::memo));
  auto problem = [&](const std::string& why) {
    w.ui_set(ui::reviewing, int64_t(0));
    toast(w, why);
    return Status{};
  };
  if (to_i < 0) return problem(method == "transfer" ? "Choose the account to move money to." : "Choose a recipient.");
  // The recipient (or own account) and what the payment costs in dollars.
  int64_t rcp = 0, to_account = 0, fx_minor = 0;
  std::string currency = "USD";
  if (method == "transfer") {
    if (to_i >= int64_t(accounts.size())) return Error{Errc::invalid_argument, "no such account"};
    to_account = accounts[size_t(to_i)];
    if (to_account == from) return problem("Choose two different accounts.");
  } else {
    const std::vector<int64_t> ids = recipients_for(w, method);
    if (to_i >= int64_t(ids.size())) return Error{Errc::invalid_argument, "no such recipient"};
    rcp = ids[size_t(to_i)];
    currency = text_of(w, "SELECT currency FROM bank_recipients WHERE id = ?", rcp);
    if (method == "check" && text_of(w, "SELECT address FROM bank_recipients WHERE id = ?", rcp).empty())
      return problem("No mailing address on file for " + text_of(w, "SELECT name FROM bank_recipients WHERE id = ?", rcp) +
                     ": add one to the recipient first.");
  }
  int64_t amount = 0;
  if (method == "intl") {
    fx_minor = parse_minor(field_value(w, full(key::amount)), currency);
    if (fx_minor <= 0) return problem("Enter the amount in " + currency + ", like 1,250.00.");
    amount = usd_cost(w, currency, fx_minor);
  } else {
    amount = parse_amount(field_value(w, full(key::amount)));
    if (amount <= 0) return problem("Enter an amount, like 1,250.00.");
  }
  // When: now, or on a later day (9 AM Eastern), once or repeating.
  int64_t send_ms = 0;
  std::string repeat;
  if (when != "now") {
    send_ms = chosen_day(w, key::pay_date);
    const Civil e = eastern(w.now_ms());
    if (send_ms == 0) return problem("Choose the day to send it.");
    if (send_ms < at_eastern(ms_from_civil({.y = e.y, .m = e.m, .d = e.d}), 0) + kDay)
      return problem("Choose a day after today (or send it now).");
    if (when == "repeat") repeat = w.ui_get(ui::freq) == "weekly" ? "weekly" : "monthly";
  } else if (amount > available(w, from)) {
    return problem("Insufficient funds: " + account_label(w, from) + " has " + format_usd(available(w, from)) + " available.");
  }
  // The bill it pays, when it came from a bill's Pay and still goes to that vendor.
  int64_t bill = w.ui_int(ui::bill);
  if (bill && scalar(w, "SELECT recipient_id FROM bank_bills WHERE id = ?", bill) != rcp) bill = 0;
  // Over the user's daily limit (transfers apart): it waits for another admin.
  const int64_t limit = scalar(w, "SELECT daily_limit_cents FROM bank_members WHERE person_id = ?", world::kUserId);
  const int64_t wire_over = wire_threshold(w);
  const bool wire_rule = (method == "wire" || method == "intl") && wire_over >= 0 && amount > wire_over;
  const bool over = method != "transfer" && (wire_rule || sent_today(w, world::kUserId) + amount > limit);
  const std::string status = over ? "pending_approval" : send_ms ? "scheduled" : "new";
  w.query("INSERT INTO bank_payments(recipient_id, to_account_id, account_id, method, amount_cents, memo, created_ms, created_by, "
          "status, send_ms, repeat, currency, fx_minor, bill_id, file_id) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          rcp, to_account, from, method, amount, memo, w.now_ms(), world::kUserId, status, send_ms, repeat, currency, fx_minor,
          bill, method == "transfer" ? int64_t(0) : w.ui_int(ui::pay_file)).run();
  const int64_t pid = w.last_insert_rowid();
  if (send_ms) w.schedule(send_ms, "banking.due", std::to_string(pid));
  const std::string name = rcp ? text_of(w, "SELECT name FROM bank_recipients WHERE id = ?", rcp)
                               : text_of(w, "SELECT name FROM bank_accounts WHERE id = ?", to_account);
  for (std::string_view k : {key::amount, key::memo}) set_field_value(w, full(k), "");
  w.ui_set(full(key::pay_to), int64_t(-1));
  w.ui_set(ui::reviewing, int64_t(0));
  w.ui_set(ui::bill, int64_t(0));
  w.ui_set(ui::pay_file, int64_t(0));
  const std::string what = currency == "USD" ? format_usd(amount) : format_money(currency, fx_minor);
  if (over && wire_rule)
    toast(w, "Wires over " + format_usd(wire_over, false) + " need a second admin's approval: the payment waits for it.");
  else if (over)
    toast(w, "Over your daily limit of " + format_usd(limit, false) + ": the payment waits for another admin's approval.");
  else if (send_ms)
    toast(w, what + " to " + name + (repeat.empty() ? " scheduled for " : " scheduled " + repeat + " from ") + day_label(send_ms) + ".");
  else if (method == "transfer")
    do_transfer(w, pid), toast(w, "Moved " + what + " to " + name + ".");
  else
    dispatch_payment(w, pid), toast(w, "Sent " + what + " to " + name + ".");
  return {};
}

Status save_recipient(state::World& w) {
  const std::string name = field_trimmed(w, full(key::rcp_name)), bank = field_trimmed(w, full(key::rcp_bank)),
                    address = field_trimmed(w, full(key::rcp_address));
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
             auto q = w.query("SELECT name FROM bank_recipients WHERE routing = ? AND account = ? AND id <> ?", routing, account,
                              w.ui_int(ui::rcp_editing));
             return q.step() ? std::string(q.text(0)) : std::string();
           }();
           !dup.empty())
    problem = "These bank details already belong to " + dup + ".";
  if (!problem.empty()) {
    toast(w, problem);
    return {};
  }
  if (const int64_t id = w.ui_int(ui::rcp_editing)) {  // each changed column only: the diff shows what changed
    if (!scalar(w, "SELECT count(*) FROM bank_recipients WHERE id = ? AND currency = 'USD'", id))
      return Error{Errc::not_found, "no recipient open"};
    const bool moved = scalar(w, "SELECT count(*) FROM bank_recipients WHERE id = ? AND (routing <> ? OR account <> ?)", id, routing,
                              account) > 0;
    if (moved)  // new bank details are not the ones verified
      w.query("UPDATE bank_recipients SET verified_ms = 0, deposits_ms = 0, deposit1 = 0, deposit2 = 0, tries = 0 WHERE id = ?", id)
          .run();
    for (const auto& [column, v] : {std::pair{"name", name}, std::pair{"bank_name", bank}, std::pair{"routing", routing},
                                    std::pair{"account", account}, std::pair{"address", address}})
      w.query(std::string("UPDATE bank_recipients SET ") + column + " = ? WHERE id = ? AND " + column + " <> ?", v, id, v).run();
    w.ui_set(apps::ui::kOverlay, "");
    w.ui_set(ui::rcp_editing, int64_t(0));
    toast(w, name + (moved ? " updated. New bank details need verifying again." : " updated."));
    return {};
  }
  w.query("INSERT INTO bank_recipients(name, company_id, bank_name, routing, account, created_ms, address) VALUES(?, (SELECT "
          "ifnull(min(id), 0) FROM companies WHERE lower(name) = lower(?)), ?, ?, ?, ?, ?)",
          name, name, bank, routing, account, w.now_ms(), address).run();
  for (std::string_view k : {key::rcp_name, key::rcp_bank, key::rcp_routing, key::rcp_account, key::rcp_address})
    set_field_value(w, full(k), "");
  w.ui_set(apps::ui::kOverlay, "");
  toast(w, name + " added.");
  return {};
}

// A statement saved as a file in the world's store (the files other apps attach): its name
// says the account and month, its summary the totals; the bytes are what the file would hold.
Status save_statement(state::World& w, int64_t account, int y, int m, std::string_view fmt) {
  const Statement s = statement_of(w, account, y, m);
  const std::string acct = text_of(w, "SELECT name FROM bank_accounts WHERE id = ?", account);
  const std::string month = std::string(kMonthLong[m - 1]) + " " + std::to_string(y);
  const std::string name = "Ledgerly " + acct + " statement " + ym_of(y, m) + "." + std::string(fmt);
  if (scalar(w, "SELECT count(*) FROM files WHERE name = ? AND owner_id = ?", name, world::kUserId)) {
    toast(w, name + " is already in your files.");
    return {};
  }
  // The CSV: a header and a line per posted transaction of the month.
  int64_t bytes = 48;
  for (auto q = w.query("SELECT length(counterparty) + length(memo) + length(category) FROM bank_txns WHERE account_id = ? AND "
                        "status = 'posted' AND ts_ms >= ? AND ts_ms < ?",
                        account, month_start(y, m), month_start(m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1));
       q.step();)
    bytes += 40 + q.i64(0);
  if (fmt == "pdf") bytes = 18000 + bytes * 3;
  const std::string summary = acct + " " + account_label(w, account).substr(acct.size() + 1) + " statement, " + month +
                              ": opening balance " + format_usd(s.opening) + ", money in " + format_usd(s.in) + ", money out " +
                              format_usd(s.out) + ", closing balance " + format_usd(s.opening + s.in - s.out) + ", " +
                              std::to_string(s.lines) + " transactions.";
  w.query("INSERT INTO files(name, kind, mime, bytes, owner_id, created_ms, summary) VALUES(?, ?, ?, ?, ?, ?, ?)", name,
          std::string(fmt == "csv" ? "sheet" : "pdf"), std::string(fmt == "csv" ? "text/csv" : "application/pdf"), bytes,
          world::kUserId, w.now_ms(), summary).run();
  toast(w, "Saved " + name + " to your files.");
  return {};
}

// The transactions the filters select, saved as a CSV file in the world's store: its name
// says the day, its summary the filters and the totals.
Status export_txns(state::World& w) {
  const TxnFilter f = txn_filter(w);
  const TxnTotals t = txn_totals(w, f);
  if (t.count == 0) return toast(w, "No transactions to export."), Status{};
  if (t.count > kMaxCounted) return toast(w, "Over 1,000 transactions: narrow the filters to export."), Status{};
  int64_t n = 0;
  std::string name;
  do name = "Ledgerly transactions " + ymd(w.now_ms()) + (n ? " (" + std::to_string(n) + ")" : "") + ".csv";
  while (scalar(w, "SELECT count(*) FROM files WHERE name = ?", name) && ++n < 1000);
  int64_t bytes = 60;
  for (auto q = f.query(w, "SELECT length(counterparty) + length(memo) + length(category) FROM bank_txns" + f.where); q.step();)
    bytes += 44 + q.i64(0);
  const std::string summary = "Ledgerly transactions (" + (f.words.empty() ? std::string("all") : f.words) + "): " +
                              std::to_string(t.count) + " transactions, money in " + format_usd(t.in) + ", money out " +
                              format_usd(t.out) + ".";
  w.query("INSERT INTO files(name, kind, mime, bytes, owner_id, created_ms, summary) VALUES(?, 'sheet', 'text/csv', ?, ?, ?, ?)",
          name, bytes, world::kUserId, w.now_ms(), summary).run();
  toast(w, "Saved " + name + " to your files.");
  return {};
}

// Emails invoice `id` to its customer's contact with its PDF (a file in the world's store):
// sent from now, due its terms on.
Status email_invoice(state::World& w, int64_t id) {
  auto q = w.query("SELECT i.number, c.name, p.id, p.first, i.memo, i.due_ms - i.issued_ms FROM bank_invoices i JOIN companies c ON "
                   "c.id = i.customer_id JOIN people p ON p.id = i.contact_id WHERE i.id = ?", id);
  if (!q.step()) return Error{Errc::not_found, "no invoice " + std::to_string(id)};
  const std::string number(q.text(0)), customer(q.text(1)), first(q.text(3)), memo(q.text(4));
  const int64_t contact = q.i64(2), terms = q.i64(5), total = invoice_total(w, id), due = w.now_ms() + terms;
  const std::string us = text_of(w, "SELECT name FROM companies WHERE id = ?", world::kCompanyId);
  std::string lines, summary_lines;
  for (auto l = w.query("SELECT description, qty, unit_cents FROM bank_invoice_lines WHERE invoice_id = ? ORDER BY line", id); l.step();) {
    const std::string one = std::string(l.text(0)) + ": " + std::to_string(l.i64(1)) + " x " + format_usd(l.i64(2)) + " = " +
                            format_usd(l.i64(1) * l.i64(2));
    lines += "- " + one + "\n";
    summary_lines += (summary_lines.empty() ? "" : "; ") + one;
  }
  const Civil dc = eastern(due);
  const std::string due_text = format_date_long(dc.y, dc.m, dc.d);
  w.query("INSERT INTO files(name, kind, mime, bytes, owner_id, created_ms, summary) VALUES(?, 'pdf', 'application/pdf', ?, ?, ?, ?)",
          "Invoice " + number + ".pdf", int64_t(24000 + 600 * int64_t(lines.size())), world::kUserId, w.now_ms(),
          "Invoice " + number + " from " + us + " to " + customer + ": " + summary_lines + ". Total " + format_usd(total) + ", due " +
              due_text + ".").run();
  const int64_t file = w.last_insert_rowid();
  const std::string body = "Hi " + first + ",\n\nPlease find attached invoice " + number + " for " + format_usd(total) + ", due " +
                           due_text + ".\n\n" + lines + (memo.empty() ? "" : "\n" + memo + "\n") + "\nYou can pay by ACH or wire to " +
                           "the account on the invoice.\n\nThank you,\n" + person_name(w, world::kUserId) + "\n" + us;
  auto email = mail::send_from_app(w, contact, "Invoice " + number + " from " + us, body, {file});
  if (!email) return email.error();
  w.query("UPDATE bank_invoices SET status = 'sent', issued_ms = ?, due_ms = ?, email_id = ?, file_id = ? WHERE id = ?", w.now_ms(), due,
          *email, file, id).run();
  return {};
}
// The editor's invoice kept: a draft, or sent at once.
Status save_invoice(state::World& w, bool send_now) {
  const auto customers = customer_list(w);
  const int64_t pick = w.ui_int(full(key::inv_customer), -1);
  std::string bad;
  const std::vector<InvoiceLine> lines = editor_lines(w, bad);
  if (pick < 0 || pick >= int64_t(customers.size())) return toast(w, "Choose the customer."), Status{};
  if (!bad.empty()) return toast(w, bad), Status{};
  if (lines.empty()) return toast(w, "Add at least one line."), Status{};
  const int64_t customer = customers[size_t(pick)].first;
  const int64_t contact = scalar(w, "SELECT id FROM people WHERE company_id = ? ORDER BY id LIMIT 1", customer);
  const int64_t terms = std::clamp<int64_t>(w.ui_int(ui::inv_terms, 30), 1, 90);
  const int64_t number = std::max<int64_t>(1001, scalar(w, "SELECT ifnull(max(CAST(number AS INTEGER)), 1000) + 1 FROM bank_invoices"));
  w.query("INSERT INTO bank_invoices(number, customer_id, contact_id, issued_ms, due_ms, status, memo) VALUES(?, ?, ?, ?, ?, 'draft', ?)",
          std::to_string(number), customer, contact, w.now_ms(), w.now_ms() + terms * kDay, field_trimmed(w, full(key::inv_memo))).run();
  const int64_t id = w.last_insert_rowid();
  for (size_t k = 0; k < lines.size(); ++k)
    w.query("INSERT INTO bank_invoice_lines(invoice_id, line, description, qty, unit_cents) VALUES(?, ?, ?, ?, ?)", id, int64_t(k),
            lines[k].desc, lines[k].qty, lines[k].unit).run();
  if (send_now)
    if (Status s = email_invoice(w, id); !s) return s;
  w.ui_set(ui::inv_open, int64_t(0));
  toast(w, send_now ? "Invoice " + std::to_string(number) + " sent to " + customers[size_t(pick)].second + "."
                    : "Invoice " + std::to_string(number) + " saved as a draft.");
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
    for (std::string_view k : {key::txn_search, key::txn_min, key::txn_max}) set_field_value(w, full(k), "");
    for (std::string_view k : {key::txn_account, key::txn_status, key::txn_kind, key::txn_cat, key::pages})
      w.ui_set(full(k), int64_t(0));
    for (std::string_view k : {key::txn_from, key::txn_to}) w.ui_set(full(k), "");
    return {};
  }
  if (a == "export") return export_txns(w);
  if (a == "setting:wire_approval") {
    const bool on = wire_threshold(w) >= 0;
    w.query("UPDATE bank_settings SET value = ? WHERE key = 'wire_approval'", std::string(on ? "" : "0")).run();
    set_field_value(w, full(key::wire_threshold), "");
    toast(w, on ? "Wires no longer need a second approval." : "Every wire now needs a second admin's approval.");
    return {};
  }
  if (a == "save_threshold") {
    if (wire_threshold(w) < 0) return Error{Errc::invalid_argument, "the wire rule is off"};
    const std::string typed = field_trimmed(w, full(key::wire_threshold));
    const int64_t cents = typed.empty() ? 0 : parse_amount(typed);
    if (cents < 0) return toast(w, "Enter an amount, like 10,000 (0: every wire)."), Status{};
    w.query("UPDATE bank_settings SET value = ? WHERE key = 'wire_approval' AND value <> ?", std::to_string(cents),
            std::to_string(cents)).run();
    toast(w, cents ? "Wires over " + format_usd(cents, false) + " now need a second admin's approval."
                   : "Every wire now needs a second admin's approval.");
    return {};
  }
  if (a == "invoice_new") {
    for (int k = 0; k < kInvoiceLines; ++k)
      for (const std::string& f : {key::inv_desc(k), key::inv_qty(k), key::inv_price(k)}) set_field_value(w, full(f), "");
    set_field_value(w, full(key::inv_memo), "");
    w.ui_set(full(key::inv_customer), int64_t(-1));
    w.ui_set(ui::inv_terms, int64_t(30));
    w.ui_set(ui::inv_open, int64_t(1));
    return {};
  }
  if (a == "invoice_close") {
    w.ui_set(ui::inv_open, int64_t(0));
    return {};
  }
  if (a == "invoice_save:draft" || a == "invoice_save:send") {
    if (!w.ui_int(ui::inv_open)) return Error{Errc::invalid_argument, "no invoice being written"};
    return save_invoice(w, a == "invoice_save:send");
  }
  if (a.rfind("invoice_send:", 0) == 0)
    return with_id("invoice_send:", [&](int64_t id) -> Status {
      if (text_of(w, "SELECT status FROM bank_invoices WHERE id = ?", id) != "draft")
        return Error{Errc::not_found, "no draft invoice " + std::to_string(id)};
      if (Status s = email_invoice(w, id); !s) return s;
      toast(w, "Invoice sent.");
      return {};
    });
  if (a.rfind("invoice_paid:", 0) == 0)
    return with_id("invoice_paid:", [&](int64_t id) -> Status {
      if (text_of(w, "SELECT status FROM bank_invoices WHERE id = ?", id) != "sent")
        return Error{Errc::not_found, "no sent invoice " + std::to_string(id)};
      w.query("UPDATE bank_invoices SET status = 'paid', paid_ms = ? WHERE id = ?", w.now_ms(), id).run();
      toast(w, "Marked paid.");
      return {};
    });
  if (a == "receipt_open" || a == "invoice_file_open") {
    const bool invoice = a == "invoice_file_open";
    if (invoice ? w.ui_get(ui::screen) != "payments"
                : !scalar(w, "SELECT count(*) FROM bank_txns WHERE id = ?", w.ui_int(ui::txn)))
      return Error{Errc::not_found, invoice ? "no payment being written" : "no transaction open"};
    set_field_value(w, full(key::receipt_search), "");
    w.ui_set(ui::picking, invoice ? "invoice" : "receipt");
    w.ui_set(apps::ui::kOverlay, full(key::receipt_dialog));
    return {};
  }
  if (a == "invoice_file_remove") {
    w.ui_set(ui::pay_file, int64_t(0));
    return {};
  }
  if (a.rfind("attach:", 0) == 0)
    return with_id("attach:", [&](int64_t file) -> Status {
      const std::string name = text_of(w, "SELECT name FROM files WHERE id = ?", file);
      if (name.empty()) return Error{Errc::not_found, "no file " + std::to_string(file)};
      if (w.ui_get(ui::picking) == "invoice") {  // for the payment being written
        if (w.ui_get(ui::screen) != "payments") return Error{Errc::not_found, "no payment being written"};
        w.ui_set(ui::pay_file, file);
        w.ui_set(apps::ui::kOverlay, "");
        return {};
      }
      const int64_t txn = w.ui_int(ui::txn);
      if (!scalar(w, "SELECT count(*) FROM bank_txns WHERE id = ?", txn)) return Error{Errc::not_found, "no transaction open"};
      w.query("INSERT INTO bank_receipts(txn_id, file_id, attached_ms) VALUES(?, ?, ?) ON CONFLICT(txn_id) DO UPDATE SET file_id = "
              "excluded.file_id, attached_ms = excluded.attached_ms", txn, file, w.now_ms()).run();
      w.ui_set(apps::ui::kOverlay, "");
      toast(w, "Attached " + name + ".");
      return {};
    });
  if (a == "remove_receipt") {
    w.query("DELETE FROM bank_receipts WHERE txn_id = ?", w.ui_int(ui::txn)).run();
    return {};
  }
  if (a.rfind("controls_open:", 0) == 0)
    return with_id("controls_open:", [&](int64_t id) -> Status {
      if (!scalar(w, "SELECT count(*) FROM bank_cards WHERE id = ? AND status <> 'cancelled'", id))
        return Error{Errc::not_found, "no card " + std::to_string(id)};
      w.ui_set(ui::card, id);
      w.ui_set(apps::ui::kOverlay, full(key::controls_dialog));
      return {};
    });
  if (a.rfind("lock:", 0) == 0)
    return with_id("lock:", [&](int64_t k) -> Status {
      const int64_t card = w.ui_int(ui::card);
      if (k < 0 || k >= int64_t(std::size(kLockable))) return Error{Errc::invalid_argument, "no category " + std::to_string(k)};
      if (!scalar(w, "SELECT count(*) FROM bank_cards WHERE id = ? AND status <> 'cancelled'", card))
        return Error{Errc::not_found, "no card open"};
      const std::string cat(kLockable[k]);
      if (scalar(w, "SELECT count(*) FROM bank_card_locks WHERE card_id = ? AND category = ?", card, cat))
        w.query("DELETE FROM bank_card_locks WHERE card_id = ? AND category = ?", card, cat).run();
      else
        w.query("INSERT INTO bank_card_locks(card_id, category) VALUES(?, ?)", card, cat).run();
      return {};
    });
  if (a.rfind("recipient_open:", 0) == 0)
    return with_id("recipient_open:", [&](int64_t id) -> Status {
      std::string name, bank, routing, account, address;
      if (id) {
        auto q = w.query("SELECT name, bank_name, routing, account, address FROM bank_recipients WHERE id = ? AND currency = 'USD'", id);
        if (!q.step()) return Error{Errc::not_found, "no recipient " + std::to_string(id)};
        name = q.text(0), bank = q.text(1), routing = q.text(2), account = q.text(3), address = q.text(4);
      }
      for (const auto& [k, v] : {std::pair{key::rcp_name, name}, std::pair{key::rcp_bank, bank}, std::pair{key::rcp_routing, routing},
                                 std::pair{key::rcp_account, account}, std::pair{key::rcp_address, address}})
        set_field_value(w, full(k), v);
      w.ui_set(ui::rcp_editing, id);
      w.ui_set(apps::ui::kOverlay, full(key::recipient_dialog));
      return {};
    });
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
    if (m != "ach" && m != "wire" && m != "check" && m != "intl" && m != "transfer")
      return Error{Errc::invalid_argument, "no method '" + m + "'"};
    auto group = [](std::string_view x) { return x == "transfer" ? 2 : x == "intl" ? 1 : 0; };  // what To lists
    if (group(m) != group(w.ui_get(ui::method).empty() ? "ach" : w.ui_get(ui::method))) w.ui_set(full(key::pay_to), int64_t(-1));
    w.ui_set(ui::method, m);
    w.ui_set(ui::reviewing, int64_t(0));
    return {};
  }
  if (a.rfind("when:", 0) == 0) {
    const std::string v(arg("when:"));
    if (v != "now" && v != "later" && v != "repeat") return Error{Errc::invalid_argument, "no timing '" + v + "'"};
    w.ui_set(ui::when, v);
    w.ui_set(ui::reviewing, int64_t(0));
    if (w.ui_get(full(key::pay_date) + ".month").empty()) {  // the picker opens on this month
      const Civil e = eastern(w.now_ms());
      w.ui_set(full(key::pay_date) + ".month", ym_of(e.y, e.m));
    }
    return {};
  }
  if (a.rfind("pay_bill:", 0) == 0)
    return with_id("pay_bill:", [&](int64_t id) -> Status {
      auto q = w.query("SELECT recipient_id, amount_cents, invoice FROM bank_bills WHERE id = ?", id);
      if (!q.step()) return Error{Errc::not_found, "no bill " + std::to_string(id)};
      const std::vector<int64_t> ids = recipients_for(w, "ach");
      const auto at = std::find(ids.begin(), ids.end(), q.i64(0));
      if (at == ids.end()) return Error{Errc::not_found, "the bill's vendor is not a recipient"};
      const int64_t amount = q.i64(1);
      const std::string invoice(q.text(2));
      go(w, "payments");
      w.ui_set(ui::method, "ach");
      w.ui_set(ui::when, "now");
      w.ui_set(full(key::pay_from), int64_t(0));
      w.ui_set(full(key::pay_to), int64_t(at - ids.begin()));
      set_field_value(w, full(key::amount), format_usd(amount).substr(1));
      set_field_value(w, full(key::memo), invoice);
      w.ui_set(ui::reviewing, int64_t(0));
      w.ui_set(ui::bill, id);
      return {};
    });
  if (a == "detach_bill") {
    w.ui_set(ui::bill, int64_t(0));
    return {};
  }
  if (a.rfind("cancel_payment:", 0) == 0)
    return with_id("cancel_payment:", [&](int64_t id) -> Status {
      if (!scalar(w, "SELECT count(*) FROM bank_payments WHERE id = ? AND status = 'scheduled'", id))
        return Error{Errc::not_found, "no scheduled payment " + std::to_string(id)};
      w.query("UPDATE bank_payments SET status = 'cancelled', decided_by = ? WHERE id = ?", world::kUserId, id).run();
      if (w.ui_int(ui::editing) == id) w.ui_set(ui::editing, int64_t(0));
      toast(w, "Scheduled payment cancelled.");
      return {};
    });
  if (a.rfind("edit_scheduled:", 0) == 0)
    return with_id("edit_scheduled:", [&](int64_t id) -> Status {
      auto q = w.query("SELECT amount_cents, send_ms FROM bank_payments WHERE id = ? AND status = 'scheduled'", id);
      if (!q.step()) return Error{Errc::not_found, "no scheduled payment " + std::to_string(id)};
      w.ui_set(ui::editing, id);
      set_field_value(w, full(key::sched_amount), format_usd(q.i64(0)).substr(1));
      const std::string day = ymd(q.i64(1));
      w.ui_set(full(key::sched_date), day);
      w.ui_set(full(key::sched_date) + ".month", day.substr(0, 7));
      return {};
    });
  if (a == "close_editor") {
    w.ui_set(ui::editing, int64_t(0));
    return {};
  }
  if (a == "save_schedule") {
    const int64_t id = w.ui_int(ui::editing);
    auto q = w.query("SELECT amount_cents, send_ms, currency FROM bank_payments WHERE id = ? AND status = 'scheduled'", id);
    if (!q.step()) return Error{Errc::not_found, "no scheduled payment open"};
    const bool usd = q.text(2) == "USD";
    const int64_t amount = usd ? parse_amount(field_value(w, full(key::sched_amount))) : q.i64(0);
    const int64_t day = chosen_day(w, key::sched_date);
    const Civil e = eastern(w.now_ms());
    if (amount <= 0) return toast(w, "Enter an amount, like 1,250.00."), Status{};
    if (!day || day < at_eastern(ms_from_civil({.y = e.y, .m = e.m, .d = e.d}), 0) + kDay)
      return toast(w, "Choose a day after today."), Status{};
    if (amount != q.i64(0)) w.query("UPDATE bank_payments SET amount_cents = ? WHERE id = ?", amount, id).run();
    if (day != q.i64(1)) {
      w.query("UPDATE bank_payments SET send_ms = ? WHERE id = ?", day, id).run();
      w.schedule(day, "banking.due", std::to_string(id));
    }
    w.ui_set(ui::editing, int64_t(0));
    toast(w, "Scheduled payment updated.");
    return {};
  }
  if (a.rfind("statement:", 0) == 0) {  // statement:<csv|pdf>:<account>:<yyyy-mm>
    int64_t account = 0;
    int y = 0, m = 0;
    char fmt[4] = {};
    const std::string rest(arg("statement:"));
    if (std::sscanf(rest.c_str(), "%3[a-z]:%lld:%d-%d", fmt, reinterpret_cast<long long*>(&account), &y, &m) != 4 ||
        (std::string_view(fmt) != "csv" && std::string_view(fmt) != "pdf"))
      return Error{Errc::invalid_argument, "no statement '" + rest + "'"};
    const auto months = statement_months(w);
    if (std::find(months.begin(), months.end(), std::pair{y, m}) == months.end() ||
        !scalar(w, "SELECT count(*) FROM bank_accounts WHERE id = ?", account))
      return Error{Errc::not_found, "no statement '" + rest + "'"};
    return save_statement(w, account, y, m, fmt);
  }
  if (a.rfind("replace_open:", 0) == 0)
    return with_id("replace_open:", [&](int64_t id) -> Status {
      if (!scalar(w, "SELECT count(*) FROM bank_cards WHERE id = ? AND status <> 'cancelled'", id))
        return Error{Errc::not_found, "no card " + std::to_string(id) + " to replace"};
      w.ui_set(ui::card, id);
      w.ui_set(ui::reason, int64_t(-1));
      w.ui_set(apps::ui::kOverlay, full(key::replace_dialog));
      return {};
    });
  if (a == "replace") {
    const int64_t id = w.ui_int(ui::card), reason = w.ui_int(ui::reason, -1);
    auto q = w.query("SELECT person_id, kind, nickname, limit_cents, limit_period FROM bank_cards WHERE id = ? AND status <> "
                     "'cancelled'", id);
    if (!q.step()) return Error{Errc::not_found, "no card open"};
    if (reason < 0 || reason >= int64_t(std::size(kReplaceReasons))) return toast(w, "Say why it needs replacing."), Status{};
    // The new card's number: its own stream, named by the card it replaces.
    Rng r = Rng::stream(w.seed(), "banking.card." + std::to_string(id));
    w.query("INSERT INTO bank_cards(person_id, last4, kind, nickname, status, limit_cents, limit_period, replaces) VALUES(?, ?, ?, ?, "
            "'active', ?, ?, ?)",
            q.i64(0), std::to_string(1000 + r.below(9000)), std::string(q.text(1)), std::string(q.text(2)), q.i64(3),
            std::string(q.text(4)), id).run();
    const std::string why(kReplaceReasons[reason]);
    if (why != "Damaged") w.query("UPDATE bank_cards SET status = 'cancelled', reason = ? WHERE id = ?", why, id).run();
    w.ui_set(apps::ui::kOverlay, "");
    toast(w, why == "Damaged" ? "A new card is on its way; this one works until it arrives."
                              : "Card cancelled. A new card is on its way.");
    return {};
  }
  if (a == "dispute") {
    const int64_t id = w.ui_int(ui::txn), reason = w.ui_int(ui::dispute_reason, -1);
    if (text_of(w, "SELECT kind FROM bank_txns WHERE id = ? AND amount_cents < 0", id) != "card")
      return Error{Errc::not_found, "no card charge open"};
    if (scalar(w, "SELECT count(*) FROM bank_disputes WHERE txn_id = ?", id)) return Error{Errc::invalid_argument, "already disputed"};
    if (reason < 0 || reason >= int64_t(std::size(kDisputeReasons))) return toast(w, "Choose what went wrong."), Status{};
    w.query("INSERT INTO bank_disputes(txn_id, reason, details, status, created_ms) VALUES(?, ?, ?, 'open', ?)", id,
            std::string(kDisputeReasons[reason]), field_trimmed(w, full(key::dispute_details)), w.now_ms()).run();
    set_field_value(w, full(key::dispute_details), "");
    w.ui_set(ui::dispute_reason, int64_t(-1));
    w.ui_set(apps::ui::kOverlay, "");
    toast(w, "Dispute submitted. We'll reply within 10 business days.");
    return {};
  }
  if (a == "invite_open") {
    for (std::string_view k : {key::inv_name, key::inv_email}) set_field_value(w, full(k), "");
    w.ui_set(ui::role, int64_t(2));
    w.ui_set(apps::ui::kOverlay, full(key::invite_dialog));
    return {};
  }
  if (a == "send_invite") {
    const std::string name = field_trimmed(w, full(key::inv_name)), email = field_trimmed(w, full(key::inv_email));
    const int64_t role = w.ui_int(ui::role, -1);
    const size_t at = email.find('@');
    if (name.empty()) return toast(w, "Enter their name."), Status{};
    if (at == std::string::npos || at == 0 || email.find('.', at) == std::string::npos || email.find(' ') != std::string::npos)
      return toast(w, "Enter an email address, like name@company.com."), Status{};
    if (role < 0 || role >= int64_t(std::size(kRoles))) return toast(w, "Choose a role."), Status{};
    if (scalar(w, "SELECT count(*) FROM bank_invites WHERE lower(email) = lower(?)", email) ||
        scalar(w, "SELECT count(*) FROM bank_members m JOIN people p ON p.id = m.person_id WHERE lower(p.email) = lower(?)", email))
      return toast(w, email + " is already on the team or invited."), Status{};
    w.query("INSERT INTO bank_invites(name, email, role, created_ms) VALUES(?, ?, ?, ?)", name, email, std::string(kRoles[role]),
            w.now_ms()).run();
    w.ui_set(apps::ui::kOverlay, "");
    toast(w, "Invitation sent to " + email + ".");
    return {};
  }
  if (a.rfind("edit_member:", 0) == 0)
    return with_id("edit_member:", [&](int64_t id) -> Status {
      auto q = w.query("SELECT role, daily_limit_cents FROM bank_members WHERE person_id = ?", id);
      if (!q.step() || id == world::kUserId) return Error{Errc::not_found, "no teammate " + std::to_string(id) + " to edit"};
      int64_t role = 2;
      for (size_t k = 0; k < std::size(kRoles); ++k)
        if (kRoles[k] == q.text(0)) role = int64_t(k);
      w.ui_set(ui::member, id);
      w.ui_set(ui::role, role);
      set_field_value(w, full(key::member_limit), format_usd(q.i64(1), false).substr(1));
      w.ui_set(apps::ui::kOverlay, full(key::member_dialog));
      return {};
    });
  if (a == "save_member") {
    const int64_t id = w.ui_int(ui::member), role = w.ui_int(ui::role, -1);
    if (id == world::kUserId || !scalar(w, "SELECT count(*) FROM bank_members WHERE person_id = ?", id))
      return Error{Errc::not_found, "no teammate open"};
    const int64_t limit = parse_amount(field_value(w, full(key::member_limit)));
    if (limit < 0) return toast(w, "Enter a daily limit, like 10,000 (0: cannot send money)."), Status{};
    if (role < 0 || role >= int64_t(std::size(kRoles))) return toast(w, "Choose a role."), Status{};
    w.query("UPDATE bank_members SET role = ? WHERE person_id = ? AND role <> ?", std::string(kRoles[role]), id,
            std::string(kRoles[role])).run();
    w.query("UPDATE bank_members SET daily_limit_cents = ? WHERE person_id = ? AND daily_limit_cents <> ?", limit, id, limit).run();
    w.ui_set(apps::ui::kOverlay, "");
    toast(w, "Saved.");
    return {};
  }
  if (a.rfind("block_debit:", 0) == 0 || a.rfind("allow_debit:", 0) == 0) {
    const bool block = a[0] == 'b';
    return with_id(block ? "block_debit:" : "allow_debit:", [&](int64_t id) -> Status {
      auto q = w.query("SELECT status, txn_id, name FROM bank_debit_rules WHERE id = ?", id);
      if (!q.step()) return Error{Errc::not_found, "no ACH debit rule " + std::to_string(id)};
      const std::string was(q.text(0)), name(q.text(2));
      const int64_t txn = q.i64(1);
      if (was == (block ? "blocked" : "allowed")) return {};
      w.query("UPDATE bank_debit_rules SET status = ?, decided_ms = ? WHERE id = ?", std::string(block ? "blocked" : "allowed"),
              w.now_ms(), id).run();
      // A pull waiting for the decision: returned when blocked, settled next business day when allowed.
      if (was == "review" && txn) {
        if (block) w.query("UPDATE bank_txns SET status = 'failed' WHERE id = ? AND status = 'pending'", txn).run();
        else w.schedule(business_days_after(w.now_ms(), 1, 9), "banking.settle", std::to_string(txn));
      }
      toast(w, block ? name + " can no longer debit your account." : name + " may debit your account.");
      return {};
    });
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
  if (a.rfind("verify_open:", 0) == 0)
    return with_id("verify_open:", [&](int64_t id) -> Status {
      auto q = w.query("SELECT name, verified_ms, deposits_ms FROM bank_recipients WHERE id = ? AND currency = 'USD'", id);
      if (!q.step()) return Error{Errc::not_found, "no domestic recipient " + std::to_string(id)};
      const std::string name(q.text(0));
      if (q.i64(1)) return toast(w, name + " is already verified."), Status{};
      if (q.i64(2) == 0) {  // two deposits under $1, their amounts drawn on a stream of their own
        Rng r = Rng::stream(w.seed(), "banking.deposits." + std::to_string(id) + "." + std::to_string(w.now_ms()));
        const int64_t d1 = 1 + r.below(99);
        int64_t d2 = 1 + r.below(98);
        if (d2 >= d1) ++d2;
        w.query("UPDATE bank_recipients SET deposits_ms = ?, deposit1 = ?, deposit2 = ?, tries = 0 WHERE id = ?", w.now_ms(), d1, d2,
                id).run();
        toast(w, "Two deposits under $1 are on their way to " + name + ". Ask them for the amounts.");
        return {};
      }
      for (std::string_view k : {key::dep1, key::dep2}) set_field_value(w, full(k), "");
      w.ui_set(ui::verifying, id);
      w.ui_set(apps::ui::kOverlay, full(key::verify_dialog));
      return {};
    });
  if (a == "verify") {
    const int64_t id = w.ui_int(ui::verifying);
    auto q = w.query("SELECT name, deposit1, deposit2, tries FROM bank_recipients WHERE id = ? AND deposits_ms > 0 AND verified_ms = 0",
                     id);
    if (!q.step()) return Error{Errc::not_found, "no recipient waiting for verification"};
    const std::string name(q.text(0));
    auto cents = [&](std::string_view k) -> int64_t {  // "0.32", "$0.32", ".32" or "32" (cents)
      std::string v = field_trimmed(w, full(k));
      if (!v.empty() && v[0] == '$') v.erase(0, 1);
      if (!v.empty() && v[0] == '.') v.insert(0, "0");
      const int64_t c = v.find('.') != std::string::npos ? parse_amount(v) : parse_amount(v) / 100;
      return c >= 1 && c <= 99 ? c : -1;
    };
    int64_t a1 = cents(key::dep1), a2 = cents(key::dep2), d1 = q.i64(1), d2 = q.i64(2);
    if (a1 < 0 || a2 < 0) return toast(w, "Enter both amounts, like 0.32."), Status{};
    if (a1 > a2) std::swap(a1, a2);
    if (d1 > d2) std::swap(d1, d2);
    w.ui_set(apps::ui::kOverlay, "");
    if (a1 == d1 && a2 == d2) {
      w.query("UPDATE bank_recipients SET verified_ms = ?, tries = 0 WHERE id = ?", w.now_ms(), id).run();
      toast(w, name + " is verified.");
      return {};
    }
    const int64_t tries = q.i64(3) + 1;
    if (tries >= 3) {
      w.query("UPDATE bank_recipients SET deposits_ms = 0, deposit1 = 0, deposit2 = 0, tries = 0 WHERE id = ?", id).run();
      toast(w, "Those amounts don't match. After three tries the deposits are void: Verify sends new ones.");
      return {};
    }
    w.query("UPDATE bank_recipients SET tries = ? WHERE id = ?", tries, id).run();
    toast(w, "Those amounts don't match. " + std::to_string(3 - tries) + (tries == 2 ? " try" : " tries") + " left.");
    return {};
  }
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
      auto q = w.query("SELECT limit_cents, limit_period, until_ms FROM bank_cards WHERE id = ? AND status <> 'cancelled'", id);
      if (!q.step()) return Error{Errc::not_found, "no card " + std::to_string(id)};
      if (w.ui_int(ui::limit_card) == id) {  // a second click closes it
        w.ui_set(ui::limit_card, int64_t(0));
        return {};
      }
      w.ui_set(ui::limit_card, id);
      set_field_value(w, full(key::limit_amount), format_usd(q.i64(0), false).substr(1));
      int64_t period = 0;
      for (size_t k = 0; k < std::size(kLimitPeriods); ++k)
        if (kLimitPeriods[k] == q.text(1)) period = int64_t(k);
      w.ui_set(ui::period, period);
      w.ui_set(ui::limit_for, int64_t(q.i64(2) ? 1 : 0));
      const std::string day = q.i64(2) ? ymd(q.i64(2) - 1) : "";
      const Civil e = eastern(w.now_ms());
      w.ui_set(full(key::limit_until), day);
      w.ui_set(full(key::limit_until) + ".month", day.empty() ? ym_of(e.y, e.m) : day.substr(0, 7));
      return {};
    });
  if (a == "close_limit") {
    w.ui_set(ui::limit_card, int64_t(0));
    return {};
  }
  if (a == "save_limit") {
    const int64_t id = w.ui_int(ui::limit_card);
    auto q = w.query("SELECT limit_cents, limit_period, until_ms, after_cents, after_period FROM bank_cards WHERE id = ? AND status <> "
                     "'cancelled'", id);
    if (!q.step()) return Error{Errc::not_found, "no card open"};
    const int64_t cents = parse_amount(field_value(w, full(key::limit_amount)));
    if (cents <= 0) {
      toast(w, "Enter a limit, like 2,500.");
      return {};
    }
    const std::string period(kLimitPeriods[std::clamp<int64_t>(w.ui_int(ui::period), 0, int64_t(std::size(kLimitPeriods)) - 1)]);
    int64_t until = 0;
    if (w.ui_int(ui::limit_for) == 1) {
      until = day_end(w.ui_get(full(key::limit_until)));
      if (until == 0) return toast(w, "Choose the last day of the limit."), Status{};
      if (until <= w.now_ms()) return toast(w, "Choose today or a later day."), Status{};
    }
    // Until a day: what it goes back to is the permanent limit (the one before any temporary one).
    const int64_t after = until ? (q.i64(2) ? q.i64(3) : q.i64(0)) : 0;
    const std::string after_period = until ? (q.i64(2) ? std::string(q.text(4)) : std::string(q.text(1))) : "";
    w.query("UPDATE bank_cards SET limit_cents = ?, limit_period = ? WHERE id = ? AND (limit_cents <> ? OR limit_period <> ?)", cents,
            period, id, cents, period).run();
    w.query("UPDATE bank_cards SET until_ms = ?, after_cents = ?, after_period = ? WHERE id = ? AND (until_ms <> ? OR after_cents <> ? "
            "OR after_period <> ?)", until, after, after_period, id, until, after, after_period).run();
    if (until) w.schedule(until, "banking.limit_end", std::to_string(id));
    w.ui_set(ui::limit_card, int64_t(0));
    toast(w, "Limit set to " + format_usd(cents, false) + " " + period +
                 (until ? " until " + eastern_day_label(until - 1) + ", then " + format_usd(after, false) + " " + after_period : "") +
                 ".");
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
      if (scalar(w, "SELECT send_ms FROM bank_payments WHERE id = ?", id) > w.now_ms()) {  // goes on its day
        w.query("UPDATE bank_payments SET status = 'scheduled' WHERE id = ?", id).run();
        toast(w, "Approved: it goes on its scheduled day.");
        return {};
      }
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
  if (s.field == full(key::wire_threshold)) return on_action(w, Command{"save_threshold", 0});
  if (s.field == full(key::txn_min) || s.field == full(key::txn_max)) {
    w.ui_set(full(key::pages), int64_t(0));
    w.ui_set(apps::ui::kFocus, "");
    return {};
  }
  for (std::string_view k : {key::rcp_name, key::rcp_bank, key::rcp_routing, key::rcp_account, key::rcp_address})
    if (s.field == full(k)) return save_recipient(w);
  if (s.field == full(key::limit_amount)) return on_action(w, Command{"save_limit", 0});
  if (s.field == full(key::reject_reason)) return on_action(w, Command{"reject", 0});
  if (s.field == full(key::sched_amount)) return on_action(w, Command{"save_schedule", 0});
  if (s.field == full(key::member_limit)) return on_action(w, Command{"save_member", 0});
  if (s.field == full(key::inv_name) || s.field == full(key::inv_email)) return on_action(w, Command{"send_invite", 0});
  return {};
}

Status on_event(state::World& w, std::string_view what, std::string_view payload) {
  auto id = parse_id(payload);
  if (!id) return id.error();
  if (what == "due") return payment_due(w, *id);
  if (what == "limit_end") {  // a limit until a day ends: the card goes back to its permanent one
    w.query("UPDATE bank_cards SET limit_cents = after_cents, limit_period = after_period, until_ms = 0, after_cents = 0, after_period = "
            "'' WHERE id = ? AND until_ms > 0 AND until_ms <= ?", *id, w.now_ms()).run();
    return {};
  }
  if (what == "settle") {  // an allowed ACH pull settles
    w.query("UPDATE bank_txns SET status = 'posted' WHERE id = ? AND status = 'pending'", *id).run();
    return {};
  }
  if (what != "post") return Error{Errc::invalid_argument, "unknown banking event '" + std::string(what) + "'"};
  w.query("UPDATE bank_txns SET status = 'posted' WHERE payment_id = ? AND status = 'pending'", *id).run();
  w.query("UPDATE bank_payments SET status = 'posted' WHERE id = ? AND status = 'sent'", *id).run();
  return {};
}

// A payment under review whose amount or memo is edited goes back to the form: what is sent
// is always what was reviewed (the review reads those fields; they are live, not view deps).
void on_edit(state::World& w, std::string_view field) {
  if ((field == full(key::amount) || field == full(key::memo)) && w.ui_int(ui::reviewing) != 0)
    w.ui_set(ui::reviewing, int64_t(0));
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
int64_t scheduled_send_time(std::string_view ymd) { return send_time(ymd); }
int64_t limit_end_time(std::string_view ymd) { return day_end(ymd); }
int64_t fx_cost_cents(state::World& w, std::string_view currency, int64_t minor) { return usd_cost(w, currency, minor); }
std::string money_text(std::string_view currency, int64_t minor) { return format_money(currency, minor); }
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
                       .on_event = banking::on_event,
                       .on_edit = banking::on_edit};
  return app;
}

}  // namespace facsim::apps
