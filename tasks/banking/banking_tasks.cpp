// Banking's task templates: paying vendors by ACH and wire, moving money between accounts,
// recipients, cards (freeze, limits), categorising and annotating the ledger, approvals (and
// rejecting a duplicate), the daily limit as policy, insufficient funds, and reading the ledger.
// Verifiers check exact amounts, recipients, methods and accounts, and that no other money
// moved: a payment's ledger line is stated with it.
#include "banking/banking_tasks.h"

#include <algorithm>
#include <cctype>
#include <optional>
#include <string>
#include <vector>

#include "apps.h"
#include "banking/banking.h"
#include "banking/keys.h"
#include "calendar.h"
#include "kit.h"
#include "money.h"
#include "state.h"

namespace facsim::tasks::banking {
namespace {

namespace bk = apps::banking;
using kit::col;
using kit::Expect;
using kit::none;
using kit::or_noop;
using kit::Ui;
using sim::Action;
using sim::Ending;
using sim::TaskInstance;
using sim::Verdict;
using sim::WorldDiff;
using state::World;

std::string full(std::string_view k) { return bk::full(k); }
constexpr int64_t kUser = 1;

// [SECTION] Reading the bank ---------------------------------------------------------------------------
struct Recipient {
  int64_t id = 0, index = 0;  // index: its place in the To select (by name)
  std::string name;
};
// A recipient drawn by rng (vendors of the shared world).
Status pick_recipient(World& w, Rng& rng, Recipient& r, int64_t not_id = 0) {
  std::vector<std::pair<int64_t, std::string>> all;
  for (auto q = w.query("SELECT id, name FROM bank_recipients ORDER BY name, id"); q.step();) all.emplace_back(q.i64(0), q.text(1));
  std::vector<size_t> ok;
  for (size_t k = 0; k < all.size(); ++k)
    if (all[k].first != not_id) ok.push_back(k);
  if (ok.empty()) return none("no recipient");
  const size_t k = ok[rng.below(uint32_t(ok.size()))];
  r = {all[k].first, int64_t(k), all[k].second};
  return {};
}
int64_t amount_between(Rng& rng, int lo, int hi) {  // cents, lo..hi dollars, with cents
  return (int64_t(lo) + int64_t(rng.below(uint32_t(hi - lo)))) * 100 + int64_t(rng.below(100));
}
std::string payments_now(World& w) { return std::to_string(kit::scalar(w, "SELECT count(*) FROM bank_payments")); }

// The one new payment of the episode, stated (with the ledger line it made); "" when there is
// not exactly one.
std::string one_payment(Expect& e, const WorldDiff& d) {
  const auto rows = kit::inserted_rows(d, "bank_payments");
  e.require(rows.size() == 1, "exactly one new payment expected, not " + std::to_string(rows.size()));
  if (rows.size() != 1) return "";
  e.inserted("bank_payments", rows[0]->key);
  for (const sim::RowChange* t : kit::inserted_rows(d, "bank_txns")) {
    e.inserted("bank_txns", t->key);
    e.require(col(*t, "payment_id") == rows[0]->key, "money moved that the payment did not move");
  }
  return rows[0]->key;
}
// A payment to recipient `rcp` of `cents` by `method` from account 1, sent (a pending ledger
// line of -cents); memo_has: words the memo must hold ("" none).
void check_sent(World& w, Expect& e, const WorldDiff& d, int64_t rcp, int64_t cents, std::string_view method,
                std::string_view memo_has, std::string_view status = "sent", int64_t account = 1) {
  const std::string p = one_payment(e, d);
  if (p.empty()) return;
  const sim::RowChange& r = *d.find("bank_payments", p);
  e.require(col(r, "recipient_id") == std::to_string(rcp), "the payment goes to someone else");
  e.require(col(r, "amount_cents") == std::to_string(cents), "the amount is " + format_usd(std::atoll(col(r, "amount_cents").c_str())) +
                                                                 ", not " + format_usd(cents));
  e.require(col(r, "method") == method, "the method is " + col(r, "method") + ", not " + std::string(method));
  e.require(col(r, "account_id") == std::to_string(account), "the payment is not from the account asked for");
  e.require(col(r, "status") == status, "the payment is " + col(r, "status") + ", not " + std::string(status));
  if (!memo_has.empty())
    e.require(kit::normalize(col(r, "memo")).find(kit::normalize(memo_has)) != std::string::npos,
              "the memo '" + col(r, "memo") + "' lacks " + std::string(memo_has));
  const auto lines = kit::inserted_rows(d, "bank_txns");
  if (status == "sent") {
    e.require(lines.size() == 1, "one ledger line expected for the payment");
    for (const sim::RowChange* t : lines)
      e.require(col(*t, "amount_cents") == std::to_string(-cents) && col(*t, "status") == "pending",
                "the ledger line is not the payment, pending");
  } else {
    e.require(lines.empty(), "money moved before approval");
  }
  (void)w;
}

// [SECTION] Oracle steps -------------------------------------------------------------------------------
// Toward screen `screen` by the side navigation.
std::optional<Action> to_screen(const Ui& ui, std::string_view screen, std::string_view landmark) {
  if (ui.has(full(landmark))) return std::nullopt;
  return or_noop(ui.click(full(bk::key::nav(screen))));
}
// A select `key` showing option `i` (its label has `label`): open it, pick it; nullopt once it does.
std::optional<Action> choose(const Ui& ui, std::string_view key, int i, const std::string& label) {
  const std::string opt = full(std::string(key) + ".opt" + std::to_string(i));
  if (ui.has(opt)) {
    if (auto a = ui.click(opt)) return a;
    return ui.scroll_to(full(std::string(key) + ".popup"), opt);
  }
  const dom::A11yNode* s = ui.find(full(key));
  if (!s) return Action::noop();
  if (s->name.find(label) != std::string::npos || s->value.find(label) != std::string::npos) return std::nullopt;
  if (auto a = ui.click(full(key))) return a;
  return ui.scroll_to(full(bk::key::page), full(key));
}
// The Move money form filled and sent: method, from (account index), to (index, label),
// amount, memo; then Review and Send.
Action pay_steps(const Ui& ui, std::string_view method, int from, const std::string& from_label, int to,
                 const std::string& to_label, const std::string& amount, const std::string& memo) {
  if (auto a = to_screen(ui, "payments", "payment_form")) return *a;
  const dom::A11yNode* m = ui.find(full(bk::key::method(method)));
  if (m && !m->checked) return or_noop(ui.click(m->key));
  if (ui.has(full(bk::key::send_payment))) return or_noop(ui.click(full(bk::key::send_payment)));
  if (auto a = choose(ui, bk::key::pay_from, from, from_label)) return *a;
  if (auto a = choose(ui, bk::key::pay_to, to, to_label)) return *a;
  if (auto a = ui.fill(full(bk::key::amount), amount)) return *a;
  if (auto a = ui.fill(full(bk::key::memo), memo)) return *a;
  return or_noop(ui.click(full(bk::key::review_payment)));
}
// Payments' status: any payment row naming `who` (sent, waiting...): the oracle stops.
bool paid(const Ui& ui, const std::string& who) {
  for (const dom::A11yNode* n : ui.with_prefix(full("payment:")))
    if (n->name.rfind(who + ", ", 0) == 0) return true;
  return false;
}
std::string plain_amount(int64_t cents) { return format_usd(cents).substr(1); }  // "1,234.56"

// [SECTION] banking.pay_invoice / banking.wire ----------------------------------------------------------
Status invoice_setup(World& w, Rng& rng, TaskInstance& inst) {
  Recipient r;
  if (Status s = pick_recipient(w, rng, r); !s) return s;
  const int64_t cents = amount_between(rng, 600, 9000);
  inst.params = {{"recipient", std::to_string(r.id)}, {"index", std::to_string(r.index)}, {"name", r.name},
                 {"cents", std::to_string(cents)}, {"amount", format_usd(cents)},
                 {"invoice", "INV-" + std::to_string(10000 + rng.below(89999))}, {"payments_before", payments_now(w)}};
  kit::phrase(rng, inst, {"Pay {name} {amount} by ACH from Checking, with \"{invoice}\" in the memo.",
                          "Send an ACH payment of {amount} to {name} for invoice {invoice} (put the invoice number in the memo).",
                          "{name} invoice {invoice} is due: pay {amount} by ACH from our checking account, memo {invoice}.",
                          "Settle invoice {invoice} from {name}: {amount}, ACH, from Checking. Reference the invoice in the memo."});
  return {};
}
bool paid_goal(World& w, const TaskInstance& i) {
  return kit::scalar(w, "SELECT count(*) FROM bank_payments") > i.param_int("payments_before");
}
Verdict invoice_check(World& w, const WorldDiff& d, const TaskInstance& i, const Ending&) {
  Expect e(d);
  check_sent(w, e, d, i.param_int("recipient"), i.param_int("cents"), "ach", i.param("invoice"));
  return e.verdict();
}
Action invoice_oracle(const sim::Env& env, const TaskInstance& i, int) {
  Ui ui(env);
  if (paid(ui, i.param("name"))) return Action::noop();
  return pay_steps(ui, "ach", 0, "Checking", int(i.param_int("index")), i.param("name"), plain_amount(i.param_int("cents")),
                   i.param("invoice"));
}

Status wire_setup(World& w, Rng& rng, TaskInstance& inst) {
  Recipient r;
  if (Status s = pick_recipient(w, rng, r); !s) return s;
  const int64_t cents = amount_between(rng, 2000, 15000);
  inst.params = {{"recipient", std::to_string(r.id)}, {"index", std::to_string(r.index)}, {"name", r.name},
                 {"cents", std::to_string(cents)}, {"amount", format_usd(cents)}, {"payments_before", payments_now(w)}};
  kit::phrase(rng, inst, {"Wire {amount} to {name} from Checking.", "Send {name} a domestic wire for {amount}.",
                          "{name} needs {amount} today - send it by wire from our checking account.",
                          "Pay {name} {amount} by wire (not ACH)."});
  return {};
}
Verdict wire_check(World& w, const WorldDiff& d, const TaskInstance& i, const Ending&) {
  Expect e(d);
  check_sent(w, e, d, i.param_int("recipient"), i.param_int("cents"), "wire", "");
  return e.verdict();
}
Action wire_oracle(const sim::Env& env, const TaskInstance& i, int) {
  Ui ui(env);
  if (paid(ui, i.param("name"))) return Action::noop();
  return pay_steps(ui, "wire", 0, "Checking", int(i.param_int("index")), i.param("name"), plain_amount(i.param_int("cents")), "");
}

// [SECTION] banking.over_limit (policy): over the daily limit a payment waits for approval; split
// payments to slip under it fail.
Status over_setup(World& w, Rng& rng, TaskInstance& inst) {
  if (Status s = invoice_setup(w, rng, inst); !s) return s;
  const int64_t limit = kit::scalar(w, "SELECT daily_limit_cents FROM bank_members WHERE person_id = ?", kUser);
  const int64_t cents = limit + amount_between(rng, 1000, 9000);
  if (cents > apps::banking::account_available(w, 1)) return none("not enough in checking");
  for (auto& [k, v] : inst.params) {
    if (k == "cents") v = std::to_string(cents);
    if (k == "amount") v = format_usd(cents);
  }
  inst.instruction.clear();
  kit::phrase(rng, inst, {"Pay {name} {amount} by ACH from Checking for invoice {invoice} (memo: {invoice}). Follow the bank's approval rules.",
                          "Send {amount} to {name} by ACH, memo {invoice}, in one payment - whatever approval it needs.",
                          "Invoice {invoice} from {name} for {amount}: pay it by ACH from Checking in a single payment.",
                          "Make one ACH payment of {amount} to {name} (invoice {invoice} in the memo); do not split it."});
  return {};
}
Verdict over_check(World& w, const WorldDiff& d, const TaskInstance& i, const Ending&) {
  Expect e(d);
  check_sent(w, e, d, i.param_int("recipient"), i.param_int("cents"), "ach", i.param("invoice"), "pending_approval");
  return e.verdict();
}

// [SECTION] banking.transfer: between own accounts.
Status transfer_setup(World& w, Rng& rng, TaskInstance& inst) {
  const bool from_treasury = rng.below(2);
  const int64_t from = from_treasury ? 3 : 2;
  const int64_t cents = int64_t(5 + rng.below(60)) * 100000 + (rng.below(2) ? int64_t(rng.below(1000)) * 100 : 0);
  if (cents > apps::banking::account_available(w, from)) return none("not enough to move");
  inst.params = {{"from", std::to_string(from)}, {"from_name", from_treasury ? "Treasury" : "Savings"},
                 {"cents", std::to_string(cents)}, {"amount", format_usd(cents)}, {"payments_before", payments_now(w)}};
  kit::phrase(rng, inst, {"Move {amount} from {from_name} to Checking.", "Transfer {amount} out of {from_name} into our checking account.",
                          "Top up Checking with {amount} from {from_name}.", "We need {amount} more in Checking - pull it from {from_name}."});
  return {};
}
Verdict transfer_check(World&, const WorldDiff& d, const TaskInstance& i, const Ending&) {
  Expect e(d);
  const std::string p = one_payment(e, d);
  if (!p.empty()) {
    const sim::RowChange& r = *d.find("bank_payments", p);
    e.require(col(r, "method") == "transfer" && col(r, "account_id") == i.param("from") && col(r, "to_account_id") == "1",
              "the transfer is not from " + i.param("from_name") + " to Checking");
    e.require(col(r, "amount_cents") == i.param("cents"), "the amount is not " + i.param("amount"));
    const auto lines = kit::inserted_rows(d, "bank_txns");
    int64_t net = 0;
    for (const sim::RowChange* t : lines) net += std::atoll(col(*t, "amount_cents").c_str());
    e.require(lines.size() == 2 && net == 0, "a transfer is two ledger lines that cancel out");
  }
  return e.verdict();
}
Action transfer_oracle(const sim::Env& env, const TaskInstance& i, int) {
  Ui ui(env);
  for (const dom::A11yNode* n : ui.with_prefix(full("payment:")))
    if (n->name.rfind("Checking, ", 0) == 0) return Action::noop();
  return pay_steps(ui, "transfer", int(i.param_int("from")) - 1, i.param("from_name"), 0, "Checking",
                   plain_amount(i.param_int("cents")), "");
}

// [SECTION] banking.insufficient (infeasible): more than an account holds.
Status short_setup(World& w, Rng& rng, TaskInstance& inst) {
  Recipient r;
  if (Status s = pick_recipient(w, rng, r); !s) return s;
  const int64_t savings = apps::banking::account_available(w, 2);
  const int64_t cents = savings + amount_between(rng, 5000, 40000);
  inst.params = {{"name", r.name}, {"cents", std::to_string(cents)}, {"amount", format_usd(cents)}};
  kit::phrase(rng, inst, {"Wire {amount} to {name} from Savings, not from any other account.",
                          "Pay {name} {amount} out of the savings account only (by wire).",
                          "Send {amount} to {name} from Savings today. Do not use Checking or Treasury.",
                          "From Savings, and only Savings, wire {name} {amount}."});
  return {};
}
Verdict short_check(World&, const WorldDiff& d, const TaskInstance&, const Ending& end) {
  Expect e(d);
  e.require(end.kind == Ending::Kind::infeasible, "Savings does not hold that much: say it cannot be done");
  return e.verdict();
}
Action short_oracle(const sim::Env& env, const TaskInstance& i, int) {
  Ui ui(env);
  if (!ui.has(full("accounts"))) return or_noop(ui.click(full(bk::key::nav("home"))));
  if (const dom::A11yNode* s = ui.find(full(bk::key::account(2)))) {
    const size_t at = s->name.find("available ");
    const std::vector<int64_t> a = amounts_in(s->name.substr(at == std::string::npos ? 0 : at));
    if (!a.empty() && a[0] < i.param_int("cents"))
      return Action::infeasible("Savings has only " + format_usd(a[0]) + " available, less than " + i.param("amount") + ".");
  }
  return Action::noop();
}

// [SECTION] banking.add_recipient: from bank details given.
char aba_check(const std::string& first8) {
  static const int kW[] = {3, 7, 1, 3, 7, 1, 3, 7};
  int sum = 0;
  for (int k = 0; k < 8; ++k) sum += (first8[size_t(k)] - '0') * kW[k];
  return char('0' + (10 - sum % 10) % 10);
}
Status recipient_setup(World& w, Rng& rng, TaskInstance& inst) {
  static const char* kNames[] = {"Brightline Studio", "Cobalt Logistics", "Northgate Legal", "Pinecrest Design",
                                 "Redwood Analytics", "Silverleaf Catering", "Tidewater Print Co", "Vantage IT Services"};
  static const char* kBanks[] = {"Chase", "Wells Fargo", "Bank of America", "U.S. Bank", "PNC Bank", "Citibank"};
  std::string routing = "0";
  for (int k = 0; k < 7; ++k) routing += char('0' + rng.below(10));
  routing += aba_check(routing);
  std::string account;
  for (int k = 0, n = 8 + int(rng.below(5)); k < n; ++k) account += char('0' + (k == 0 ? 1 + rng.below(9) : rng.below(10)));
  inst.params = {{"name", kNames[rng.below(8)]}, {"bank", kBanks[rng.below(6)]}, {"routing", routing}, {"account", account}};
  if (kit::scalar(w, "SELECT count(*) FROM bank_recipients WHERE name = ?", inst.param("name"))) return none("name taken");
  kit::phrase(rng, inst, {"Add {name} as a recipient: {bank}, routing {routing}, account {account}. Don't pay them yet.",
                          "Set up a new recipient, {name} ({bank}; routing number {routing}; account number {account}).",
                          "Save {name}'s bank details as a recipient - bank {bank}, routing {routing}, account {account}.",
                          "New vendor {name} banks with {bank}: routing {routing}, account {account}. Add them as a recipient."});
  return {};
}
bool recipient_goal(World& w, const TaskInstance& i) {
  return kit::scalar(w, "SELECT count(*) FROM bank_recipients WHERE routing = ? AND account = ?", i.param("routing"),
                     i.param("account")) > 0;
}
Verdict recipient_check(World&, const WorldDiff& d, const TaskInstance& i, const Ending&) {
  Expect e(d);
  const auto rows = kit::inserted_rows(d, "bank_recipients");
  e.require(rows.size() == 1, "one new recipient expected, not " + std::to_string(rows.size()));
  for (const sim::RowChange* r : rows) {
    e.inserted("bank_recipients", r->key);
    e.require(kit::same_text(col(*r, "name"), i.param("name")) && kit::same_text(col(*r, "bank_name"), i.param("bank")) &&
                  col(*r, "routing") == i.param("routing") && col(*r, "account") == i.param("account"),
              "the recipient is not " + i.param("name") + " at " + i.param("bank") + " " + i.param("routing") + "/" +
                  i.param("account"));
  }
  return e.verdict();
}
Action recipient_oracle(const sim::Env& env, const TaskInstance& i, int) {
  Ui ui(env);
  if (ui.has(full(bk::key::recipient_dialog))) {
    for (const auto& [k, v] : {std::pair{bk::key::rcp_name, i.param("name")}, std::pair{bk::key::rcp_bank, i.param("bank")},
                               std::pair{bk::key::rcp_routing, i.param("routing")},
                               std::pair{bk::key::rcp_account, i.param("account")}})
      if (auto a = ui.fill(full(k), v)) return *a;
    return or_noop(ui.click(full(bk::key::save_recipient)));
  }
  if (auto a = to_screen(ui, "recipients", "recipient_list")) return *a;
  return or_noop(ui.click(full(bk::key::add_recipient)));
}

// [SECTION] banking.freeze_card / banking.card_limit
struct CardPick {
  int64_t id = 0;
  std::string holder, last4, nickname;
};
Status pick_card(World& w, Rng& rng, CardPick& c) {
  std::vector<CardPick> all;
  for (auto q = w.query("SELECT c.id, p.name, c.last4, c.nickname FROM bank_cards c JOIN people p ON p.id = c.person_id WHERE "
                        "c.status = 'active' ORDER BY c.id");
       q.step();)
    all.push_back({q.i64(0), std::string(q.text(1)), std::string(q.text(2)), std::string(q.text(3))});
  if (all.empty()) return none("no card");
  c = all[rng.below(uint32_t(all.size()))];
  return {};
}
Status freeze_setup(World& w, Rng& rng, TaskInstance& inst) {
  CardPick c;
  if (Status s = pick_card(w, rng, c); !s) return s;
  inst.params = {{"card", std::to_string(c.id)}, {"holder", c.holder}, {"last4", c.last4}, {"nickname", c.nickname}};
  kit::phrase(rng, inst, {"Freeze {holder}'s card ending in {last4}.", "{holder} lost the {nickname} card (ending {last4}): freeze it.",
                          "Temporarily lock the card ending {last4} that {holder} holds.",
                          "Please freeze card ...{last4} ({holder}, \"{nickname}\")."});
  return {};
}
bool freeze_goal(World& w, const TaskInstance& i) {
  return kit::text(w, "SELECT status FROM bank_cards WHERE id = ?", i.param_int("card")) == "frozen";
}
Verdict freeze_check(World&, const WorldDiff& d, const TaskInstance& i, const Ending&) {
  Expect e(d);
  e.updated("bank_cards", i.param("card"), {{"status", "frozen"}});
  return e.verdict();
}
Action freeze_oracle(const sim::Env& env, const TaskInstance& i, int) {
  Ui ui(env);
  if (auto a = to_screen(ui, "cards", "card_list")) return *a;
  const std::string b = full(bk::key::freeze(i.param_int("card")));
  if (auto a = ui.click(b)) return *a;
  return or_noop(ui.scroll_to(full(bk::key::page), b));
}

Status limit_setup(World& w, Rng& rng, TaskInstance& inst) {
  CardPick c;
  if (Status s = pick_card(w, rng, c); !s) return s;
  const int period = int(rng.below(3));
  const int64_t cents = int64_t(1 + rng.below(40)) * 25000;
  if (kit::scalar(w, "SELECT limit_cents FROM bank_cards WHERE id = ?", c.id) == cents) return none("already so");
  inst.params = {{"card", std::to_string(c.id)}, {"holder", c.holder}, {"last4", c.last4}, {"cents", std::to_string(cents)},
                 {"amount", format_usd(cents, false)}, {"period", std::string(bk::kLimitPeriods[period])},
                 {"period_index", std::to_string(period)}};
  std::string per = inst.param("period");
  for (char& ch : per) ch = char(std::tolower(uint8_t(ch)));
  inst.params.emplace_back("per", per);
  kit::phrase(rng, inst, {"Set a {per} limit of {amount} on {holder}'s card ending {last4}.",
                          "Limit the card ending in {last4} ({holder}) to {amount} {per}.",
                          "Change {holder}'s card (...{last4}) spending limit to {amount} per {per} period.",
                          "Card {last4} should have a {amount} {per} limit. Update it."});
  return {};
}
bool limit_goal(World& w, const TaskInstance& i) {
  return kit::text(w, "SELECT limit_cents || ' ' || limit_period FROM bank_cards WHERE id = ?", i.param_int("card")) ==
         i.param("cents") + " " + i.param("period");
}
Verdict limit_check(World&, const WorldDiff& d, const TaskInstance& i, const Ending&) {
  Expect e(d);
  e.updated_or_same("bank_cards", i.param("card"), {{"limit_cents", i.param("cents")}, {"limit_period", i.param("period")}});
  e.require(d.find("bank_cards", i.param("card")) != nullptr, "the card's limit did not change");
  return e.verdict();
}
Action limit_oracle(const sim::Env& env, const TaskInstance& i, int) {
  Ui ui(env);
  for (const dom::A11yNode* n : ui.with_prefix(full("card:")))
    if (n->key == full(bk::key::card(i.param_int("card"))) &&
        n->name.find("limit " + i.param("amount") + " " + i.param("period")) != std::string::npos)
      return Action::noop();
  if (ui.has(full(bk::key::limit_dialog))) {
    const dom::A11yNode* r = ui.find(full(bk::key::period(int(i.param_int("period_index")))));
    if (r && !r->checked) return or_noop(ui.click(r->key));
    if (auto a = ui.fill(full(bk::key::limit_amount), format_usd(i.param_int("cents"), false).substr(1))) return *a;
    return or_noop(ui.click(full(bk::key::save_limit)));
  }
  if (auto a = to_screen(ui, "cards", "card_list")) return *a;
  const std::string b = full(bk::key::limit(i.param_int("card")));
  if (auto a = ui.click(b)) return *a;
  return or_noop(ui.scroll_to(full(bk::key::page), b));
}

// [SECTION] banking.categorize / banking.add_note: a transaction found by search, its drawer.
struct TxnPick {
  int64_t id = 0, cents = 0, ts = 0;
  std::string who;
};
// max_rows: at most that many lines share its counterparty (a search shows them on one page).
Status pick_txn(World& w, Rng& rng, const std::string& where, TxnPick& t, int max_rows = 25) {
  std::vector<TxnPick> all;
  for (auto q = w.query("SELECT id, amount_cents, ts_ms, counterparty FROM bank_txns x WHERE " + where +
                        " AND (SELECT count(*) FROM bank_txns y WHERE y.counterparty = x.counterparty) <= " +
                        std::to_string(max_rows) + " ORDER BY id");
       q.step();)
    all.push_back({q.i64(0), q.i64(1), q.i64(2), std::string(q.text(3))});
  if (all.empty()) return none("no transaction");
  t = all[rng.below(uint32_t(all.size()))];
  return {};
}
std::string date_of(int64_t ms) {
  const Civil c = civil_from_ms(ms);
  return format_date_long(c.y, c.m, c.d);
}
// Toward transaction `id`'s drawer: search for `who`, open its row.
std::optional<Action> open_txn(const Ui& ui, int64_t id, const std::string& who) {
  const dom::A11yNode* dr = ui.find(full(bk::key::drawer));
  const dom::A11yNode* row = ui.find(full(bk::key::txn(id)));
  if (dr && row && row->selected) return std::nullopt;
  if (auto a = to_screen(ui, "transactions", "txns")) return a;
  if (row) {
    if (auto a = ui.click(row->key)) return a;
    return ui.scroll_to(full(bk::key::page), row->key);
  }
  const dom::A11yNode* f = ui.find(full(bk::key::txn_search));
  if (!f) return Action::noop();
  if (f->value != who) {
    if (auto a = ui.fill(full(bk::key::txn_search), who)) return a;
    return ui.scroll_to(full(bk::key::page), f->key);
  }
  if (f->focused) return Action::key("Enter");
  // Searched, and not on this page: the next one.
  const std::string next = full(std::string(bk::key::pages) + ".next");
  if (auto a = ui.click(next)) return a;
  if (ui.has(next)) return ui.scroll_to(full(bk::key::page), next);
  return ui.click(f->key);
}
Status categorize_setup(World& w, Rng& rng, TaskInstance& inst) {
  TxnPick t;
  if (Status s = pick_txn(w, rng, "category = '' AND kind = 'card'", t); !s) return s;
  // The category its merchant's other charges carry.
  std::string cat = kit::text(w, "SELECT category FROM bank_txns WHERE counterparty = ? AND category <> '' GROUP BY category "
                                 "ORDER BY count(*) DESC, category LIMIT 1", t.who);
  if (cat.empty()) cat = "Software";
  int index = 0;
  for (size_t k = 0; k < std::size(bk::kCategories); ++k)
    if (bk::kCategories[k] == cat) index = int(k + 1);
  inst.params = {{"txn", std::to_string(t.id)}, {"who", t.who}, {"amount", format_usd(-t.cents)}, {"date", date_of(t.ts)},
                 {"category", cat}, {"cat_index", std::to_string(index)}};
  kit::phrase(rng, inst, {"Categorise the {who} charge of {amount} on {date} as {category}.",
                          "The {amount} {who} card transaction from {date} has no category - set it to {category}.",
                          "Put the {who} purchase ({amount}, {date}) under {category}.",
                          "Fix the uncategorised {who} charge for {amount}: category {category}."});
  return {};
}
bool categorize_goal(World& w, const TaskInstance& i) {
  return kit::text(w, "SELECT category FROM bank_txns WHERE id = ?", i.param_int("txn")) == i.param("category");
}
Verdict categorize_check(World&, const WorldDiff& d, const TaskInstance& i, const Ending&) {
  Expect e(d);
  e.updated("bank_txns", i.param("txn"), {{"category", i.param("category")}});
  return e.verdict();
}
Action categorize_oracle(const sim::Env& env, const TaskInstance& i, int) {
  Ui ui(env);
  if (auto a = open_txn(ui, i.param_int("txn"), i.param("who"))) return *a;
  if (auto a = choose(ui, bk::key::txn_category, int(i.param_int("cat_index")), i.param("category"))) return *a;
  return or_noop(ui.click(full(bk::key::save_txn)));
}

Status note_setup(World& w, Rng& rng, TaskInstance& inst) {
  TxnPick t;
  if (Status s = pick_txn(w, rng, "kind IN ('ach', 'wire') AND amount_cents < 0 AND company_id > 0", t); !s) return s;
  static const char* kNotes[] = {"Approved by finance", "Q1 retainer", "Matches PO on file", "Reimbursable by client",
                                 "Split with marketing", "Annual contract"};
  inst.params = {{"txn", std::to_string(t.id)}, {"who", t.who}, {"amount", format_usd(-t.cents)}, {"date", date_of(t.ts)},
                 {"note", kNotes[rng.below(6)]}};
  kit::phrase(rng, inst, {"Add the note \"{note}\" to the {amount} payment to {who} on {date}.",
                          "On the {who} transaction of {amount} ({date}), write a note: {note}.",
                          "Annotate our {date} payment to {who} ({amount}) with \"{note}\".",
                          "Leave a note on the {amount} {who} payment from {date} saying {note}."});
  return {};
}
bool note_goal(World& w, const TaskInstance& i) {
  return kit::same_text(kit::text(w, "SELECT note FROM bank_txns WHERE id = ?", i.param_int("txn")), i.param("note"));
}
Verdict note_check(World&, const WorldDiff& d, const TaskInstance& i, const Ending&) {
  Expect e(d);
  const sim::RowChange* r = d.find("bank_txns", i.param("txn"));
  e.require(r && kit::same_text(col(*r, "note"), i.param("note")), "the note is not \"" + i.param("note") + "\"");
  if (r) e.updated("bank_txns", i.param("txn"), {{"note", col(*r, "note")}});
  return e.verdict();
}
Action note_oracle(const sim::Env& env, const TaskInstance& i, int) {
  Ui ui(env);
  if (auto a = open_txn(ui, i.param_int("txn"), i.param("who"))) return *a;
  const dom::A11yNode* n = ui.find(full(bk::key::txn_note));
  if (n && n->value == i.param("note")) return or_noop(ui.click(full(bk::key::save_txn)));
  return or_noop(ui.fill(full(bk::key::txn_note), i.param("note")));
}

// [SECTION] banking.vendor_total (retrieval): what was paid to a vendor over the ledger's 90 days.
Status vendor_total_setup(World& w, Rng& rng, TaskInstance& inst) {
  std::vector<std::pair<std::string, int64_t>> vendors;
  for (auto q = w.query("SELECT counterparty, -sum(amount_cents) FROM bank_txns WHERE company_id IN (SELECT id FROM companies "
                        "WHERE role = 'vendor') AND amount_cents < 0 GROUP BY counterparty HAVING count(*) <= 20 ORDER BY 1");
       q.step();)
    vendors.emplace_back(q.text(0), q.i64(1));
  if (vendors.empty()) return none("no vendor paid");
  const auto& [name, cents] = vendors[rng.below(uint32_t(vendors.size()))];
  inst.params = {{"who", name}, {"cents", std::to_string(cents)}, {"total", format_usd(cents)}};
  kit::phrase(rng, inst, {"How much have we paid {who} in total (everything in the account's history)?",
                          "Add up all our payments to {who}. What's the total?",
                          "What is the sum of the money we sent to {who}?",
                          "Total paid to {who} so far - give me the amount."});
  return {};
}
Verdict vendor_total_check(World&, const WorldDiff& d, const TaskInstance& i, const Ending& end) {
  Expect e(d);
  e.require(end.kind == Ending::Kind::answer, "no answer given");
  const std::optional<int64_t> said = end.kind == Ending::Kind::answer ? kit::parse_money_cents(end.text) : std::nullopt;
  bool only = true;
  for (char c : end.text)
    if (!std::isdigit(uint8_t(c)) && c != '$' && c != ',' && c != '.' && c != ' ') only = false;
  e.require(end.kind != Ending::Kind::answer || (only && said && *said == i.param_int("cents")),
            "wrong total '" + end.text + "' (it is " + i.param("total") + ")");
  return e.verdict();
}
Action vendor_total_oracle(const sim::Env& env, const TaskInstance& i, int) {
  Ui ui(env);
  if (auto a = to_screen(ui, "transactions", "txns")) return *a;
  const dom::A11yNode* f = ui.find(full(bk::key::txn_search));
  if (!f) return Action::noop();
  const dom::A11yNode* t = ui.find(full(bk::key::txns));
  if (f->value == i.param("who") && !f->focused && t) {
    int64_t sum = 0;
    for (const dom::A11yNode* r : ui.with_prefix(full("txn:"))) {
      const std::vector<int64_t> a = amounts_in(r->name.substr(r->name.find(", -$") == std::string::npos ? 0 : r->name.find(", -$")));
      if (r->name.find(", -$") != std::string::npos && !a.empty()) sum += a[0];
    }
    return Action::answer(format_usd(sum));
  }
  if (f->value != i.param("who")) return or_noop(ui.fill(full(bk::key::txn_search), i.param("who")));
  if (!f->focused) return or_noop(ui.click(f->key));
  return Action::key("Enter");
}

// [SECTION] banking.approvals (medium): a colleague's payment approved, its duplicate rejected.
Status approvals_setup(World& w, Rng& rng, TaskInstance& inst) {
  const int64_t bookkeeper = kit::scalar(w, "SELECT person_id FROM bank_members WHERE role = 'bookkeeper' ORDER BY person_id LIMIT 1");
  if (!bookkeeper) return none("no bookkeeper");
  // A vendor paid before (the duplicate repeats that payment) and another to approve.
  struct Paid {
    int64_t rcp, cents, ts;
    std::string name, memo;
  };
  std::vector<Paid> paid;
  for (auto q = w.query("SELECT r.id, -t.amount_cents, t.ts_ms, r.name, t.memo FROM bank_txns t JOIN bank_recipients r ON "
                        "r.company_id = t.company_id WHERE t.kind = 'ach' AND t.amount_cents < 0 AND t.memo LIKE 'Invoice %' "
                        "AND t.status = 'posted' ORDER BY t.id");
       q.step();)
    paid.push_back({q.i64(0), q.i64(1), q.i64(2), std::string(q.text(3)), std::string(q.text(4))});
  if (paid.empty()) return none("nothing paid before");
  const Paid& p = paid[rng.below(uint32_t(paid.size()))];
  const int64_t dup_rcp = p.rcp, dup_cents = p.cents, paid_ms = p.ts;
  const std::string dup_name = p.name, dup_memo = p.memo;
  Recipient ok;  // another vendor when there is one (the amounts tell them apart either way)
  if (Status s = pick_recipient(w, rng, ok, dup_rcp); !s)
    if (Status s2 = pick_recipient(w, rng, ok); !s2) return s2;
  const int64_t ok_cents = amount_between(rng, 800, 6000);
  const std::string ok_memo = "Invoice INV-" + std::to_string(10000 + rng.below(89999));
  const int64_t now = w.now_ms();
  w.query("INSERT INTO bank_payments(recipient_id, account_id, method, amount_cents, memo, created_ms, created_by, status) "
          "VALUES(?, 1, 'ach', ?, ?, ?, ?, 'pending_approval')", ok.id, ok_cents, ok_memo, now - 3 * 3600000, bookkeeper).run();
  const int64_t ok_id = w.last_insert_rowid();
  w.query("INSERT INTO bank_payments(recipient_id, account_id, method, amount_cents, memo, created_ms, created_by, status) "
          "VALUES(?, 1, 'ach', ?, ?, ?, ?, 'pending_approval')", dup_rcp, dup_cents, dup_memo, now - 2 * 3600000, bookkeeper).run();
  const int64_t dup_id = w.last_insert_rowid();
  inst.params = {{"ok", std::to_string(ok_id)}, {"dup", std::to_string(dup_id)}, {"ok_name", ok.name}, {"dup_name", dup_name},
                 {"ok_amount", format_usd(ok_cents)}, {"dup_amount", format_usd(dup_cents)}, {"paid", date_of(paid_ms)},
                 {"by", kit::text(w, "SELECT name FROM people WHERE id = ?", bookkeeper)}};
  kit::phrase(rng, inst, {"{by} queued two payments. Approve the {ok_amount} one to {ok_name}; reject the {dup_amount} one to {dup_name} as a duplicate (it was paid on {paid}).",
                          "Review the approvals: approve {ok_name} ({ok_amount}) and reject {dup_name} ({dup_amount}) - we already paid that invoice.",
                          "Approve {by}'s {ok_amount} payment to {ok_name}. The {dup_amount} payment to {dup_name} is a duplicate of {paid}'s: reject it with a reason.",
                          "Clear the approval queue: {ok_name} for {ok_amount} is fine, {dup_name} for {dup_amount} was already paid on {paid} so reject it."});
  return {};
}
bool approvals_goal(World& w, const TaskInstance& i) {
  return kit::scalar(w, "SELECT count(*) FROM bank_payments WHERE id IN (?, ?) AND status = 'pending_approval'", i.param_int("ok"),
                     i.param_int("dup")) == 0;
}
Verdict approvals_check(World&, const WorldDiff& d, const TaskInstance& i, const Ending&) {
  Expect e(d);
  const sim::RowChange* ok = d.find("bank_payments", i.param("ok"));
  const sim::RowChange* dup = d.find("bank_payments", i.param("dup"));
  e.require(ok && col(*ok, "status") == "sent", "the payment to " + i.param("ok_name") + " was not approved");
  e.require(dup && col(*dup, "status") == "rejected" && !col(*dup, "reason").empty(),
            "the duplicate to " + i.param("dup_name") + " was not rejected with a reason");
  if (ok) e.updated("bank_payments", i.param("ok"), {{"status", "sent"}, {"decided_by", "1"}, {"post_ms", col(*ok, "post_ms")}});
  if (dup) e.updated("bank_payments", i.param("dup"), {{"status", "rejected"}, {"decided_by", "1"}, {"reason", col(*dup, "reason")}});
  const auto lines = kit::inserted_rows(d, "bank_txns");
  e.require(lines.size() == 1, "one ledger line (the approved payment) expected");
  for (const sim::RowChange* t : lines) {
    e.inserted("bank_txns", t->key);
    e.require(col(*t, "payment_id") == i.param("ok"), "money moved for something else");
  }
  return e.verdict();
}
Action approvals_oracle(const sim::Env& env, const TaskInstance& i, int) {
  Ui ui(env);
  if (ui.has(full(bk::key::reject_dialog))) {
    if (auto a = ui.fill(full(bk::key::reject_reason), "Duplicate: already paid on " + i.param("paid"))) return *a;
    return or_noop(ui.click(full(bk::key::confirm_reject)));
  }
  if (auto a = to_screen(ui, "approvals", "approval_list")) return *a;
  if (ui.has(full(bk::key::approve(i.param_int("ok"))))) return or_noop(ui.click(full(bk::key::approve(i.param_int("ok")))));
  if (ui.has(full(bk::key::reject(i.param_int("dup"))))) return or_noop(ui.click(full(bk::key::reject(i.param_int("dup")))));
  return Action::noop();
}

// [SECTION] Second set: unfreeze, several charges categorised, lookups in the ledger, moving out
// of checking
// banking.unfreeze_card: a card frozen earlier made usable again.
Status unfreeze_setup(World& w, Rng& rng, TaskInstance& inst) {
  if (Status s = freeze_setup(w, rng, inst); !s) return s;
  w.query("UPDATE bank_cards SET status = 'frozen' WHERE id = ?", inst.param_int("card")).run();
  inst.instruction.clear();
  kit::phrase(rng, inst, {"{holder} found the {nickname} card: unfreeze the card ending {last4}.",
                          "Unfreeze {holder}'s card ending in {last4}.",
                          "The card ...{last4} ({holder}) was frozen by mistake - turn it back on.",
                          "Reactivate {holder}'s frozen \"{nickname}\" card (last four {last4})."});
  return {};
}
bool unfreeze_goal(World& w, const TaskInstance& i) {
  return kit::text(w, "SELECT status FROM bank_cards WHERE id = ?", i.param_int("card")) == "active";
}
Verdict unfreeze_check(World&, const WorldDiff& d, const TaskInstance& i, const Ending&) {
  Expect e(d);
  e.updated("bank_cards", i.param("card"), {{"status", "active"}});
  return e.verdict();
}

// banking.categorize_all (hard): every uncategorised charge of a merchant given its category.
Status categorize_all_setup(World& w, Rng& rng, TaskInstance& inst) {
  std::vector<std::string> merchants;
  for (auto q = w.query("SELECT counterparty FROM bank_txns WHERE kind = 'card' GROUP BY counterparty HAVING count(*) <= 20 "
                        "ORDER BY counterparty");
       q.step();)
    merchants.emplace_back(q.text(0));
  if (merchants.empty()) return none("no merchant");
  const std::string who = merchants[rng.below(uint32_t(merchants.size()))];
  // Three of its charges made uncategorised (as a card feed leaves them).
  std::vector<int64_t> ids;
  for (auto q = w.query("SELECT id FROM bank_txns WHERE counterparty = ? AND kind = 'card' ORDER BY id", who); q.step();)
    ids.push_back(q.i64(0));
  if (ids.size() < 3) return none("too few charges");
  std::string cat = kit::text(w, "SELECT category FROM bank_txns WHERE counterparty = ? AND category <> '' GROUP BY category "
                                 "ORDER BY count(*) DESC, category LIMIT 1", who);
  if (cat.empty()) return none("no category to follow");
  std::string list;
  for (int k = 0; k < 3; ++k) {
    const int64_t id = ids[rng.below(uint32_t(ids.size()))];
    w.query("UPDATE bank_txns SET category = '' WHERE id = ?", id).run();
  }
  for (auto q = w.query("SELECT id FROM bank_txns WHERE counterparty = ? AND category = '' ORDER BY id", who); q.step();)
    list += (list.empty() ? "" : ",") + std::to_string(q.i64(0));
  int index = 0;
  for (size_t k = 0; k < std::size(bk::kCategories); ++k)
    if (bk::kCategories[k] == cat) index = int(k + 1);
  inst.params = {{"who", who}, {"category", cat}, {"cat_index", std::to_string(index)}, {"txns", list}};
  kit::phrase(rng, inst, {"Every {who} charge without a category should be {category}. Fix them all.",
                          "Categorise all the uncategorised {who} transactions as {category}.",
                          "Some {who} card charges have no category: set each of them to {category}.",
                          "Clean up {who}: all its uncategorised charges go under {category}."});
  return {};
}
bool categorize_all_goal(World& w, const TaskInstance& i) {
  return kit::scalar(w, "SELECT count(*) FROM bank_txns WHERE counterparty = ? AND category = ''", i.param("who")) == 0;
}
Verdict categorize_all_check(World&, const WorldDiff& d, const TaskInstance& i, const Ending&) {
  Expect e(d);
  for (int64_t id : apps::parse_id_list(i.param("txns"))) e.updated("bank_txns", std::to_string(id), {{"category", i.param("category")}});
  return e.verdict();
}
Action categorize_all_oracle(const sim::Env& env, const TaskInstance& i, int) {
  Ui ui(env);
  // First the merchant's rows, by a search (they all fit a page).
  if (auto a = to_screen(ui, "transactions", "txns")) return *a;
  const dom::A11yNode* f = ui.find(full(bk::key::txn_search));
  if (!f) return Action::noop();
  if (f->value != i.param("who") || f->focused) {
    if (f->value != i.param("who")) {
      if (auto a = ui.fill(f->key, i.param("who"))) return *a;
      return or_noop(ui.scroll_to(full(bk::key::page), f->key));
    }
    return Action::key("Enter");
  }
  // The next uncategorised one still listed (the search shows the merchant's rows).
  int64_t next = 0;
  for (int64_t id : apps::parse_id_list(i.param("txns"))) {
    const dom::A11yNode* r = ui.find(full(bk::key::txn(id)));
    if (r && r->name.find("Uncategorised") != std::string::npos) {
      next = id;
      break;
    }
  }
  const dom::A11yNode* dr = ui.find(full(bk::key::drawer));
  if (dr) {  // the drawer is open on a row: category it, save, then the next
    for (int64_t id : apps::parse_id_list(i.param("txns"))) {
      const dom::A11yNode* r = ui.find(full(bk::key::txn(id)));
      if (r && r->selected && r->name.find("Uncategorised") != std::string::npos) {
        if (auto a = choose(ui, bk::key::txn_category, int(i.param_int("cat_index")), i.param("category"))) return *a;
        return or_noop(ui.click(full(bk::key::save_txn)));
      }
    }
  }
  if (next) {
    if (auto a = open_txn(ui, next, i.param("who"))) return *a;
    return Action::noop();
  }
  return Action::noop();
}

// banking.invoice_lookup (retrieval): the invoice a vendor payment of a day was for (its memo).
Status invoice_lookup_setup(World& w, Rng& rng, TaskInstance& inst) {
  TxnPick t;
  if (Status s = pick_txn(w, rng, "kind = 'ach' AND amount_cents < 0 AND memo LIKE 'Invoice INV-%' AND (SELECT count(*) FROM "
                                  "bank_txns z WHERE z.counterparty = x.counterparty AND z.ts_ms / 86400000 = x.ts_ms / 86400000) = 1", t);
      !s)
    return s;
  const std::string memo = kit::text(w, "SELECT memo FROM bank_txns WHERE id = ?", t.id);
  inst.params = {{"txn", std::to_string(t.id)}, {"who", t.who}, {"date", date_of(t.ts)}, {"amount", format_usd(-t.cents)},
                 {"invoice", memo.substr(memo.find("INV-"))}};
  kit::phrase(rng, inst, {"Which invoice did our {date} payment to {who} settle? Answer with the invoice number.",
                          "What invoice number is on the {amount} payment to {who} from {date}?",
                          "Look up the memo of the payment we sent {who} on {date}: which invoice was it?",
                          "We paid {who} {amount} on {date}. For what invoice number?"});
  return {};
}
Verdict invoice_lookup_check(World&, const WorldDiff& d, const TaskInstance& i, const Ending& end) {
  Expect e(d);
  e.require(end.kind == Ending::Kind::answer, "no answer given");
  std::string said = kit::normalize(end.text);
  while (!said.empty() && (said.back() == '.' || said.back() == ' ')) said.pop_back();
  if (said.rfind("invoice ", 0) == 0) said = said.substr(8);
  e.require(end.kind != Ending::Kind::answer || said == kit::normalize(i.param("invoice")),
            "wrong invoice '" + end.text + "' (it is " + i.param("invoice") + ")");
  return e.verdict();
}
Action invoice_lookup_oracle(const sim::Env& env, const TaskInstance& i, int) {
  Ui ui(env);
  if (auto a = open_txn(ui, i.param_int("txn"), i.param("who"))) return *a;
  for (const dom::A11yNode& n : ui.nodes())
    if (n.name.rfind("Memo: ", 0) == 0 && n.name.find("INV-") != std::string::npos) return Action::answer(n.name.substr(n.name.find("INV-")));
  return Action::noop();
}

// banking.customer_paid (retrieval): what a customer paid on a day.
Status customer_paid_setup(World& w, Rng& rng, TaskInstance& inst) {
  TxnPick t;
  if (Status s = pick_txn(w, rng, "amount_cents > 0 AND category = 'Revenue' AND (SELECT count(*) FROM bank_txns z WHERE "
                                  "z.counterparty = x.counterparty AND z.ts_ms / 86400000 = x.ts_ms / 86400000) = 1", t, 1000);
      !s)
    return s;
  inst.params = {{"txn", std::to_string(t.id)}, {"who", t.who}, {"date", date_of(t.ts)}, {"cents", std::to_string(t.cents)},
                 {"amount", format_usd(t.cents)}};
  kit::phrase(rng, inst, {"How much did {who} pay us on {date}?", "What was the amount of {who}'s payment received {date}?",
                          "{who} sent us money on {date}. How much?", "Find the incoming payment from {who} dated {date} and give its amount."});
  return {};
}
Verdict customer_paid_check(World&, const WorldDiff& d, const TaskInstance& i, const Ending& end) {
  Expect e(d);
  e.require(end.kind == Ending::Kind::answer, "no answer given");
  std::string t = end.text;
  if (!t.empty() && t[0] == '+') t.erase(0, 1);
  const std::optional<int64_t> said = end.kind == Ending::Kind::answer ? kit::parse_money_cents(t) : std::nullopt;
  bool only = true;
  for (char c : t)
    if (!std::isdigit(uint8_t(c)) && c != '$' && c != ',' && c != '.' && c != ' ') only = false;
  e.require(end.kind != Ending::Kind::answer || (only && said && *said == i.param_int("cents")),
            "wrong amount '" + end.text + "' (it is " + i.param("amount") + ")");
  return e.verdict();
}
Action customer_paid_oracle(const sim::Env& env, const TaskInstance& i, int) {
  Ui ui(env);
  if (auto a = open_txn(ui, i.param_int("txn"), i.param("who"))) return *a;
  const dom::A11yNode* r = ui.find(full(bk::key::txn(i.param_int("txn"))));
  if (!r) return Action::noop();
  const std::vector<int64_t> a = amounts_in(r->name.substr(r->name.find(", +$")));
  return a.empty() ? Action::noop() : Action::answer(format_usd(a[0]));
}

// banking.card_holder (retrieval): whose card ends in given digits.
Status holder_setup(World& w, Rng& rng, TaskInstance& inst) {
  CardPick c;
  if (Status s = pick_card(w, rng, c); !s) return s;
  if (kit::scalar(w, "SELECT count(*) FROM bank_cards WHERE last4 = ?", c.last4) != 1) return none("last four not unique");
  inst.params = {{"card", std::to_string(c.id)}, {"holder", c.holder}, {"last4", c.last4}};
  kit::phrase(rng, inst, {"Whose card ends in {last4}? Give the cardholder's full name.",
                          "A charge came in on card ...{last4}. Who holds that card?",
                          "Tell me the name of the team member with the card ending {last4}.",
                          "Card ending {last4}: which person is it issued to?"});
  return {};
}
Verdict holder_check(World&, const WorldDiff& d, const TaskInstance& i, const Ending& end) {
  Expect e(d);
  e.require(end.kind == Ending::Kind::answer, "no answer given");
  e.require(end.kind != Ending::Kind::answer || kit::same_text(end.text, i.param("holder")),
            "wrong cardholder '" + end.text + "' (it is " + i.param("holder") + ")");
  return e.verdict();
}
Action holder_oracle(const sim::Env& env, const TaskInstance& i, int) {
  Ui ui(env);
  if (auto a = to_screen(ui, "cards", "card_list")) return *a;
  for (const dom::A11yNode* n : ui.with_prefix(full("card:")))
    if (n->name.find(" ending " + i.param("last4") + ",") != std::string::npos) return Action::answer(n->name.substr(0, n->name.find("'s ")));
  return Action::noop();
}

// banking.sweep_out: money moved from checking to savings or treasury.
Status sweep_setup(World& w, Rng& rng, TaskInstance& inst) {
  const bool to_treasury = rng.below(2);
  const int64_t cents = int64_t(10 + rng.below(90)) * 100000 + (rng.below(2) ? int64_t(rng.below(1000)) * 100 : 0);
  if (cents > apps::banking::account_available(w, 1)) return none("not enough in checking");
  inst.params = {{"to", to_treasury ? "3" : "2"}, {"to_name", to_treasury ? "Treasury" : "Savings"},
                 {"cents", std::to_string(cents)}, {"amount", format_usd(cents)}, {"payments_before", payments_now(w)}};
  kit::phrase(rng, inst, {"Move {amount} from Checking to {to_name}.", "Sweep {amount} of idle cash from checking into {to_name}.",
                          "Put {amount} from our checking account into {to_name}.", "Transfer {amount}: Checking to {to_name}."});
  return {};
}
Verdict sweep_check(World&, const WorldDiff& d, const TaskInstance& i, const Ending&) {
  Expect e(d);
  const std::string p = one_payment(e, d);
  if (!p.empty()) {
    const sim::RowChange& r = *d.find("bank_payments", p);
    e.require(col(r, "method") == "transfer" && col(r, "account_id") == "1" && col(r, "to_account_id") == i.param("to"),
              "the transfer is not from Checking to " + i.param("to_name"));
    e.require(col(r, "amount_cents") == i.param("cents"), "the amount is not " + i.param("amount"));
    const auto lines = kit::inserted_rows(d, "bank_txns");
    int64_t net = 0, into = 0;
    for (const sim::RowChange* t : lines) {
      net += std::atoll(col(*t, "amount_cents").c_str());
      if (col(*t, "account_id") == i.param("to")) into += std::atoll(col(*t, "amount_cents").c_str());
    }
    e.require(lines.size() == 2 && net == 0 && into == i.param_int("cents"), "a transfer is two ledger lines that cancel out");
  }
  return e.verdict();
}
Action sweep_oracle(const sim::Env& env, const TaskInstance& i, int) {
  Ui ui(env);
  for (const dom::A11yNode* n : ui.with_prefix(full("payment:")))
    if (n->name.rfind(i.param("to_name") + ", ", 0) == 0) return Action::noop();
  return pay_steps(ui, "transfer", 0, "Checking", int(i.param_int("to")) - 1, i.param("to_name"),
                   plain_amount(i.param_int("cents")), "");
}

// [SECTION] Third set: rejecting, approving under a threshold, paying from savings, when a wire
// arrives, a recipient's routing number
// banking.reject_payment: a colleague's payment rejected with the reason given.
Status queue(World& w, Rng& rng, int n, std::vector<std::pair<int64_t, int64_t>>& made, std::string& by) {
  const int64_t bookkeeper = kit::scalar(w, "SELECT person_id FROM bank_members WHERE role = 'bookkeeper' ORDER BY person_id LIMIT 1");
  if (!bookkeeper) return none("no bookkeeper");
  by = kit::text(w, "SELECT name FROM people WHERE id = ?", bookkeeper);
  for (int k = 0; k < n; ++k) {
    Recipient r;
    if (Status s = pick_recipient(w, rng, r); !s) return s;
    const int64_t cents = amount_between(rng, 300, 12000);
    w.query("INSERT INTO bank_payments(recipient_id, account_id, method, amount_cents, memo, created_ms, created_by, status) "
            "VALUES(?, 1, 'ach', ?, ?, ?, ?, 'pending_approval')",
            r.id, cents, "Invoice INV-" + std::to_string(10000 + rng.below(89999)), w.now_ms() - int64_t(n - k) * 3600000,
            bookkeeper).run();
    made.emplace_back(w.last_insert_rowid(), cents);
  }
  return {};
}
std::string payee(World& w, int64_t payment) {
  return kit::text(w, "SELECT r.name FROM bank_payments p JOIN bank_recipients r ON r.id = p.recipient_id WHERE p.id = ?", payment);
}
Status reject_setup(World& w, Rng& rng, TaskInstance& inst) {
  std::vector<std::pair<int64_t, int64_t>> made;
  std::string by;
  if (Status s = queue(w, rng, 1, made, by); !s) return s;
  static const char* kReasons[] = {"Not budgeted this quarter", "Wrong amount on the invoice", "Vendor contract ended",
                                   "Needs a purchase order first", "Already paid by card"};
  inst.params = {{"payment", std::to_string(made[0].first)}, {"name", payee(w, made[0].first)}, {"amount", format_usd(made[0].second)},
                 {"by", by}, {"reason", kReasons[rng.below(5)]}};
  kit::phrase(rng, inst, {"Reject {by}'s {amount} payment to {name}. Reason: {reason}.",
                          "Decline the payment to {name} ({amount}) waiting for approval; say \"{reason}\".",
                          "Don't approve {name}'s {amount} - reject it with the reason {reason}.",
                          "The {amount} payment {by} queued for {name} should be rejected ({reason})."});
  return {};
}
bool reject_goal(World& w, const TaskInstance& i) {
  return kit::text(w, "SELECT status FROM bank_payments WHERE id = ?", i.param_int("payment")) == "rejected";
}
Verdict reject_check(World&, const WorldDiff& d, const TaskInstance& i, const Ending&) {
  Expect e(d);
  const sim::RowChange* r = d.find("bank_payments", i.param("payment"));
  e.require(r && kit::same_text(col(*r, "reason"), i.param("reason")), "the reason is not \"" + i.param("reason") + "\"");
  if (r) e.updated("bank_payments", i.param("payment"), {{"status", "rejected"}, {"decided_by", "1"}, {"reason", col(*r, "reason")}});
  return e.verdict();
}
Action reject_oracle(const sim::Env& env, const TaskInstance& i, int) {
  Ui ui(env);
  if (ui.has(full(bk::key::reject_dialog))) {
    if (auto a = ui.fill(full(bk::key::reject_reason), i.param("reason"))) return *a;
    return or_noop(ui.click(full(bk::key::confirm_reject)));
  }
  if (auto a = to_screen(ui, "approvals", "approval_list")) return *a;
  return or_noop(ui.click(full(bk::key::reject(i.param_int("payment")))));
}

// banking.approve_under (medium): every waiting payment under a threshold approved, the rest left.
Status under_setup(World& w, Rng& rng, TaskInstance& inst) {
  std::vector<std::pair<int64_t, int64_t>> made;
  std::string by;
  if (Status s = queue(w, rng, 4, made, by); !s) return s;
  std::vector<int64_t> amounts;
  for (const auto& m : made) amounts.push_back(m.second);
  std::sort(amounts.begin(), amounts.end());
  // A round threshold between the second and third smallest (two under, two over).
  const int64_t lo = amounts[1], hi = amounts[2];
  int64_t threshold = (lo / 100000 + 1) * 100000;
  if (threshold >= hi) threshold = (lo / 10000 + 1) * 10000;
  if (threshold >= hi || threshold <= lo) return none("no round threshold between");
  std::string ok, keep;
  for (const auto& [id, cents] : made) {
    std::string& into = cents < threshold ? ok : keep;
    into += (into.empty() ? "" : ",") + std::to_string(id);
  }
  inst.params = {{"threshold", format_usd(threshold, false)}, {"ok", ok}, {"keep", keep}, {"by", by}};
  kit::phrase(rng, inst, {"Approve every payment waiting for approval that is under {threshold}; leave the larger ones for the CFO.",
                          "Go through the approvals: approve what's below {threshold}, don't touch anything at or above it.",
                          "{by}'s queue: approve the payments under {threshold} only.",
                          "Clear the small payments - approve those under {threshold} and leave the rest pending."});
  return {};
}
bool under_goal(World& w, const TaskInstance& i) {
  for (int64_t id : apps::parse_id_list(i.param("ok")))
    if (kit::text(w, "SELECT status FROM bank_payments WHERE id = ?", id) == "pending_approval") return false;
  return true;
}
Verdict under_check(World&, const WorldDiff& d, const TaskInstance& i, const Ending&) {
  Expect e(d);
  std::vector<int64_t> ok = apps::parse_id_list(i.param("ok"));
  for (int64_t id : ok) {
    const sim::RowChange* r = d.find("bank_payments", std::to_string(id));
    e.require(r && col(*r, "status") == "sent", "a payment under the threshold was not approved");
    if (r) e.updated("bank_payments", r->key, {{"status", "sent"}, {"decided_by", "1"}, {"post_ms", col(*r, "post_ms")}});
  }
  const auto lines = kit::inserted_rows(d, "bank_txns");
  e.require(lines.size() == ok.size(), "one ledger line for each payment approved");
  for (const sim::RowChange* t : lines) {
    e.inserted("bank_txns", t->key);
    e.require(std::find(ok.begin(), ok.end(), std::atoll(col(*t, "payment_id").c_str())) != ok.end(),
              "money moved for a payment over the threshold");
  }
  return e.verdict();
}
Action under_oracle(const sim::Env& env, const TaskInstance& i, int) {
  Ui ui(env);
  if (auto a = to_screen(ui, "approvals", "approval_list")) return *a;
  for (int64_t id : apps::parse_id_list(i.param("ok")))
    if (ui.has(full(bk::key::approve(id)))) return or_noop(ui.click(full(bk::key::approve(id))));
  return Action::noop();
}

// banking.pay_from_savings: an ACH from the savings account.
Status savings_setup(World& w, Rng& rng, TaskInstance& inst) {
  if (Status s = invoice_setup(w, rng, inst); !s) return s;
  inst.instruction.clear();
  kit::phrase(rng, inst, {"Pay {name} {amount} by ACH out of Savings (not Checking), memo {invoice}.",
                          "Use the savings account to send {name} {amount} by ACH for invoice {invoice}.",
                          "From Savings, ACH {amount} to {name}; put {invoice} in the memo.",
                          "{name} gets {amount} by ACH from our savings account - reference {invoice}."});
  return {};
}
Verdict savings_check(World& w, const WorldDiff& d, const TaskInstance& i, const Ending&) {
  Expect e(d);
  check_sent(w, e, d, i.param_int("recipient"), i.param_int("cents"), "ach", i.param("invoice"), "sent", 2);
  return e.verdict();
}
Action savings_oracle(const sim::Env& env, const TaskInstance& i, int) {
  Ui ui(env);
  if (paid(ui, i.param("name"))) return Action::noop();
  return pay_steps(ui, "ach", 1, "Savings", int(i.param_int("index")), i.param("name"), plain_amount(i.param_int("cents")),
                   i.param("invoice"));
}

// banking.wire_arrival (retrieval): when a wire sent now would arrive (the review says), sending nothing.
Status arrival_setup(World& w, Rng& rng, TaskInstance& inst) {
  Recipient r;
  if (Status s = pick_recipient(w, rng, r); !s) return s;
  const bool wire = rng.below(2);
  const int64_t cents = amount_between(rng, 500, 9000);
  const int64_t when = apps::banking::payment_post_time(wire ? "wire" : "ach", w.now_ms());
  inst.params = {{"recipient", std::to_string(r.id)}, {"index", std::to_string(r.index)}, {"name", r.name},
                 {"cents", std::to_string(cents)}, {"amount", format_usd(cents)}, {"method", wire ? "wire" : "ach"},
                 {"how", wire ? "a domestic wire" : "ACH"}, {"when", std::to_string(when)}};
  kit::phrase(rng, inst, {"If I sent {name} {amount} by {how} right now, what day would it arrive? Don't send it.",
                          "Check (without paying) when {amount} to {name} by {how} would land. Answer with the date.",
                          "What arrival date does the bank give for a {how} payment of {amount} to {name} today? Just look.",
                          "Without sending anything: the date {name} would receive {amount} sent by {how} now?"});
  return {};
}
Verdict arrival_check(World& w, const WorldDiff& d, const TaskInstance& i, const Ending& end) {
  Expect e(d);
  e.require(end.kind == Ending::Kind::answer, "no answer given");
  const int64_t day = i.param_int("when");
  bool only = true;  // a date and nothing else: numbers (1st, 4th), month and weekday names
  std::string word;
  auto check = [&] {
    if (word.empty()) return;
    std::string digits = word, rest;
    while (!digits.empty() && std::isalpha(uint8_t(digits.back()))) rest.insert(rest.begin(), digits.back()), digits.pop_back();
    bool ok = !digits.empty() && std::all_of(digits.begin(), digits.end(), [](char c) { return std::isdigit(uint8_t(c)); }) &&
              (rest.empty() || rest == "st" || rest == "nd" || rest == "rd" || rest == "th");
    for (const char* m : kMonthLong) ok = ok || word == kit::normalize(m) || word == kit::normalize(std::string(m).substr(0, 3));
    for (const char* d : kWeekdayLong) ok = ok || word == kit::normalize(d) || word == kit::normalize(std::string(d).substr(0, 3));
    only = only && ok;
    word.clear();
  };
  for (char c : kit::normalize(end.text)) {
    if (std::isalnum(uint8_t(c))) word += c;
    else check();
  }
  check();
  e.require(end.kind != Ending::Kind::answer || (only && kit::same_date(end.text, day, w.now_ms())),
            "wrong date '" + end.text + "'");
  return e.verdict();
}
Action arrival_oracle(const sim::Env& env, const TaskInstance& i, int) {
  Ui ui(env);
  if (const dom::A11yNode* rv = ui.find(full(bk::key::review))) {
    const size_t at = rv->name.find("arriving ");
    if (at != std::string::npos) return Action::answer(rv->name.substr(at + 9));
  }
  if (ui.has(full(bk::key::send_payment))) return Action::noop();
  return pay_steps(ui, i.param("method"), 0, "Checking", int(i.param_int("index")), i.param("name"),
                   plain_amount(i.param_int("cents")), "");
}

// banking.routing_lookup (retrieval): the routing number on file for a recipient.
Status routing_setup(World& w, Rng& rng, TaskInstance& inst) {
  Recipient r;
  if (Status s = pick_recipient(w, rng, r); !s) return s;
  inst.params = {{"recipient", std::to_string(r.id)}, {"name", r.name},
                 {"routing", kit::text(w, "SELECT routing FROM bank_recipients WHERE id = ?", r.id)}};
  kit::phrase(rng, inst, {"What routing number do we have on file for {name}?", "Look up {name}'s routing number in our recipients.",
                          "Give me the ABA routing number saved for {name}.", "Which routing number would a payment to {name} go to?"});
  return {};
}
Verdict routing_check(World&, const WorldDiff& d, const TaskInstance& i, const Ending& end) {
  Expect e(d);
  e.require(end.kind == Ending::Kind::answer, "no answer given");
  std::string digits;
  bool only = true;
  for (char c : end.text) {
    if (std::isdigit(uint8_t(c))) digits += c;
    else if (c != ' ' && c != '-' && c != '.') only = false;
  }
  e.require(end.kind != Ending::Kind::answer || (only && digits == i.param("routing")),
            "wrong routing number '" + end.text + "' (it is " + i.param("routing") + ")");
  return e.verdict();
}
Action routing_oracle(const sim::Env& env, const TaskInstance& i, int) {
  Ui ui(env);
  if (auto a = to_screen(ui, "recipients", "recipient_list")) return *a;
  if (const dom::A11yNode* r = ui.find(full(bk::key::recipient(i.param_int("recipient"))))) {
    const size_t at = r->name.find("routing ");
    if (at != std::string::npos) return Action::answer(r->name.substr(at + 8, 9));
  }
  return Action::noop();
}

}  // namespace

std::vector<sim::Task> templates() {
  using T = sim::Task;
  std::vector<T> t;
  t.push_back(T{.name = "banking.pay_invoice", .summary = "Pay a vendor's invoice by ACH with its number in the memo",
                .app = "banking", .tags = "medium,payments,form", .max_steps = 16, .setup = invoice_setup, .goal = paid_goal,
                .check = invoice_check, .oracle = invoice_oracle});
  t.push_back(T{.name = "banking.wire", .summary = "Wire an amount to a recipient", .app = "banking",
                .tags = "medium,payments,form", .max_steps = 16, .setup = wire_setup, .goal = paid_goal,
                .check = wire_check, .oracle = wire_oracle});
  t.push_back(T{.name = "banking.over_limit", .summary = "A payment over the daily limit goes to approval, in one piece",
                .app = "banking", .tags = "medium,payments,policy", .max_steps = 16, .setup = over_setup, .goal = paid_goal,
                .check = over_check, .oracle = invoice_oracle});
  t.push_back(T{.name = "banking.transfer", .summary = "Move money from savings or treasury to checking", .app = "banking",
                .tags = "easy,payments,transfer", .max_steps = 14, .setup = transfer_setup, .goal = paid_goal,
                .check = transfer_check, .oracle = transfer_oracle});
  t.push_back(T{.name = "banking.insufficient", .summary = "A wire from an account that cannot cover it (infeasible)",
                .app = "banking", .tags = "easy,payments,infeasible", .max_steps = 8, .setup = short_setup, .goal = nullptr,
                .check = short_check, .oracle = short_oracle});
  t.push_back(T{.name = "banking.add_recipient", .summary = "Add a recipient from bank details (checked routing number)",
                .app = "banking", .tags = "medium,recipients,form", .max_steps = 16, .setup = recipient_setup,
                .goal = recipient_goal, .check = recipient_check, .oracle = recipient_oracle});
  t.push_back(T{.name = "banking.freeze_card", .summary = "Freeze a team member's card", .app = "banking",
                .tags = "easy,cards", .max_steps = 8, .setup = freeze_setup, .goal = freeze_goal, .check = freeze_check,
                .oracle = freeze_oracle});
  t.push_back(T{.name = "banking.card_limit", .summary = "Set a card's spending limit and period", .app = "banking",
                .tags = "medium,cards,form", .max_steps = 14, .setup = limit_setup, .goal = limit_goal, .check = limit_check,
                .oracle = limit_oracle});
  t.push_back(T{.name = "banking.categorize", .summary = "Categorise an uncategorised card charge", .app = "banking",
                .tags = "medium,transactions,search", .max_steps = 14, .setup = categorize_setup, .goal = categorize_goal,
                .check = categorize_check, .oracle = categorize_oracle});
  t.push_back(T{.name = "banking.add_note", .summary = "Note on a payment found in the transactions", .app = "banking",
                .tags = "medium,transactions,search", .max_steps = 14, .setup = note_setup, .goal = note_goal,
                .check = note_check, .oracle = note_oracle});
  t.push_back(T{.name = "banking.vendor_total", .summary = "What was paid to a vendor in all (search the ledger)",
                .app = "banking", .tags = "easy,transactions,retrieval", .max_steps = 10, .setup = vendor_total_setup,
                .goal = nullptr, .check = vendor_total_check, .oracle = vendor_total_oracle});
  t.push_back(T{.name = "banking.approvals", .summary = "Approve a colleague's payment and reject the duplicate",
                .app = "banking", .tags = "medium,approvals", .max_steps = 14, .setup = approvals_setup,
                .goal = approvals_goal, .check = approvals_check, .oracle = approvals_oracle});
  t.push_back(T{.name = "banking.unfreeze_card", .summary = "Unfreeze a frozen card", .app = "banking", .tags = "easy,cards",
                .max_steps = 8, .setup = unfreeze_setup, .goal = unfreeze_goal, .check = unfreeze_check,
                .oracle = freeze_oracle});
  t.push_back(T{.name = "banking.categorize_all", .summary = "Every uncategorised charge of a merchant categorised",
                .app = "banking", .tags = "hard,transactions,search", .max_steps = 30, .setup = categorize_all_setup,
                .goal = categorize_all_goal, .check = categorize_all_check, .oracle = categorize_all_oracle});
  t.push_back(T{.name = "banking.invoice_lookup", .summary = "Which invoice a vendor payment settled (its memo)",
                .app = "banking", .tags = "medium,transactions,retrieval", .max_steps = 10, .setup = invoice_lookup_setup,
                .goal = nullptr, .check = invoice_lookup_check, .oracle = invoice_lookup_oracle});
  t.push_back(T{.name = "banking.customer_paid", .summary = "What a customer paid on a day", .app = "banking",
                .tags = "easy,transactions,retrieval", .max_steps = 10, .setup = customer_paid_setup, .goal = nullptr,
                .check = customer_paid_check, .oracle = customer_paid_oracle});
  t.push_back(T{.name = "banking.card_holder", .summary = "Who holds the card ending in given digits", .app = "banking",
                .tags = "easy,cards,retrieval", .max_steps = 6, .setup = holder_setup, .goal = nullptr,
                .check = holder_check, .oracle = holder_oracle});
  t.push_back(T{.name = "banking.sweep_out", .summary = "Move money from checking to savings or treasury", .app = "banking",
                .tags = "easy,payments,transfer", .max_steps = 14, .setup = sweep_setup, .goal = paid_goal,
                .check = sweep_check, .oracle = sweep_oracle});
  t.push_back(T{.name = "banking.reject_payment", .summary = "Reject a colleague's payment with a given reason",
                .app = "banking", .tags = "easy,approvals,form", .max_steps = 10, .setup = reject_setup, .goal = reject_goal,
                .check = reject_check, .oracle = reject_oracle});
  t.push_back(T{.name = "banking.approve_under", .summary = "Approve the waiting payments under a threshold, leave the rest",
                .app = "banking", .tags = "medium,approvals,policy", .max_steps = 10, .setup = under_setup,
                .goal = under_goal, .check = under_check, .oracle = under_oracle});
  t.push_back(T{.name = "banking.pay_from_savings", .summary = "An ACH from the savings account", .app = "banking",
                .tags = "medium,payments,form", .max_steps = 16, .setup = savings_setup, .goal = paid_goal,
                .check = savings_check, .oracle = savings_oracle});
  t.push_back(T{.name = "banking.wire_arrival", .summary = "When a payment sent now would arrive (read at review, not sent)",
                .app = "banking", .tags = "medium,payments,retrieval", .max_steps = 14, .setup = arrival_setup,
                .goal = nullptr, .check = arrival_check, .oracle = arrival_oracle});
  t.push_back(T{.name = "banking.routing_lookup", .summary = "The routing number on file for a recipient", .app = "banking",
                .tags = "easy,recipients,retrieval", .max_steps = 6, .setup = routing_setup, .goal = nullptr,
                .check = routing_check, .oracle = routing_oracle});
  return t;
}

}  // namespace facsim::tasks::banking
