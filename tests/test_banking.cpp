// The bank driven by raw mouse and keyboard: moving money (ACH, wire, transfers) and its rules -
// business days and the 4 PM wire cut-off across weekends, insufficient funds, the daily limit
// that sends a payment to another admin's approval - recipients checked by the ABA checksum,
// cards frozen and limited, and the ledger searched, filtered, sorted and annotated.
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "apps.h"
#include "banking/banking.h"
#include "banking/keys.h"
#include "calendar.h"
#include "dom.h"
#include "money.h"
#include "shopping/keys.h"
#include "sim.h"
#include "state.h"

using namespace facsim;
namespace bk = apps::banking;

namespace {

struct Bank {
  sim::Env env;
  explicit Bank(uint64_t seed = 7, std::string route = {}) {
    EXPECT_TRUE(env.reset({.task = "", .seed = seed, .app = "banking", .route = std::move(route)}));
  }
  state::World& w() { return env.world(); }
  void click(const std::string& key) {
    int x, y;
    ASSERT_TRUE(env.element_center(key, x, y)) << key << "\n" << env.a11y_text().substr(0, 4000);
    ASSERT_TRUE(env.apply(sim::Action::click(x, y))) << key << ": " << env.obs().error;
    ASSERT_EQ(env.obs().error, "") << key;
  }
  void type(const std::string& text) { ASSERT_TRUE(env.apply(sim::Action::type(text))) << env.obs().error; }
  void key(const std::string& k) { ASSERT_TRUE(env.apply(sim::Action::key(k))) << env.obs().error; }
  void fill(const std::string& field, const std::string& text) {
    click(bk::full(field));
    key("Control+a");
    type(text);
  }
  std::optional<dom::A11yNode> node(const std::string& key) {
    for (const dom::A11yNode& n : env.a11y())
      if (n.key == key) return n;
    return std::nullopt;
  }
  int64_t count(const std::string& sql) { return w().scalar(sql); }
  std::string text(const std::string& sql) {
    auto q = w().query(sql);
    return q.step() ? std::string(q.text(0)) : std::string();
  }
  void choose(std::string_view select, int option) {
    click(bk::full(select));
    click(bk::full(std::string(select) + ".opt" + std::to_string(option)));
  }
  // The Move money form: method, from, to, amount, memo; Review, Send.
  void pay(std::string_view method, int from, int to, const std::string& amount, const std::string& memo) {
    click(bk::full(bk::key::nav("payments")));
    click(bk::full(bk::key::method(method)));
    choose(bk::key::pay_from, from);
    choose(bk::key::pay_to, to);
    fill(std::string(bk::key::amount), amount);
    if (!memo.empty()) fill(std::string(bk::key::memo), memo);
    click(bk::full(bk::key::review_payment));
    click(bk::full(bk::key::send_payment));
  }
  std::string toast() { return w().ui_get(apps::ui::kToast); }
  // The browser's apps menu: the app whose title is `title`.
  void switch_to(const std::string& title) {
    click("shell/apps");
    for (const dom::A11yNode& n : env.a11y())
      if (n.key.rfind("shell/apps_menu.", 0) == 0 && n.name == title) return click(n.key);
    ADD_FAILURE() << "no app " << title << " in the menu";
  }
};

int64_t et(int y, int m, int d, int hour, int min = 0) {  // Eastern (standard time, UTC-5 in winter)
  return ms_from_civil({.y = y, .m = m, .d = d, .hour = hour, .min = min}) + 5 * 3600000ll;
}

}  // namespace

TEST(BankLedger, GeneratedCoherentAndDeterministic) {
  Bank a, b;
  EXPECT_EQ(a.count("SELECT count(*) FROM bank_accounts"), 3);
  EXPECT_GT(a.count("SELECT count(*) FROM bank_txns"), 250);
  for (int64_t acct = 1; acct <= 3; ++acct) EXPECT_GT(bk::account_balance(a.w(), acct), 0) << acct;
  // Vendors are recipients with their shared-world bank details, and those are valid.
  EXPECT_EQ(a.count("SELECT count(*) FROM bank_recipients WHERE currency = 'USD'"),
            a.count("SELECT count(*) FROM companies WHERE role = 'vendor'"));
  EXPECT_EQ(a.count("SELECT count(*) FROM bank_recipients r JOIN companies c ON c.id = r.company_id AND c.routing = r.routing"),
            a.count("SELECT count(*) FROM bank_recipients WHERE currency = 'USD'"));
  // Every card charge names a card and a merchant; some are uncategorised (tasks sort them).
  EXPECT_EQ(a.count("SELECT count(*) FROM bank_txns WHERE kind = 'card' AND card_id = 0"), 0);
  EXPECT_GT(a.count("SELECT count(*) FROM bank_txns WHERE kind = 'card' AND category = ''"), 0);
  // Same seed, same ledger.
  EXPECT_EQ(a.text("SELECT group_concat(amount_cents || counterparty, ',') FROM bank_txns"),
            b.text("SELECT group_concat(amount_cents || counterparty, ',') FROM bank_txns"));
}

TEST(BankRules, BusinessDaysAndTheWireCutoff) {
  // 2026-03-06 is a Friday (standard time until March 8).
  EXPECT_EQ(bk::payment_post_time("wire", et(2026, 3, 6, 15, 0)), et(2026, 3, 6, 15, 30));  // before 4 PM: today
  EXPECT_EQ(bk::payment_post_time("wire", et(2026, 3, 6, 16, 5)), et(2026, 3, 9, 10) - 3600000);  // Monday 10 AM EDT
  EXPECT_EQ(bk::payment_post_time("wire", et(2026, 3, 7, 11)), et(2026, 3, 9, 10) - 3600000);      // Saturday: Monday
  EXPECT_EQ(bk::payment_post_time("ach", et(2026, 3, 5, 12)), et(2026, 3, 9, 9) - 3600000);        // Thu: Fri, Mon
  EXPECT_EQ(bk::payment_post_time("ach", et(2026, 3, 3, 12)), et(2026, 3, 5, 9));                  // Tue: Wed, Thu
  EXPECT_EQ(bk::amount_cents("1,250.50"), 125050);
  EXPECT_EQ(bk::amount_cents("$1250.5"), 125050);
  EXPECT_EQ(bk::amount_cents("12"), 1200);
  for (const char* bad : {"", "abc", "1.234", "1..2", "-5", "1e5"}) EXPECT_EQ(bk::amount_cents(bad), -1) << bad;
}

// The generated payments (scheduled, and the approvals' history) set aside - their days' events
// then find nothing - so that the payments made here are 1, 2, 3.
static void no_payments(Bank& s) {
  s.w().query("DELETE FROM bank_payments").run();
  s.w().query("UPDATE bank_txns SET payment_id = 0 WHERE payment_id <> 0").run();  // the history's lines stay, unlinked
  ASSERT_TRUE(s.env.apply(sim::Action::noop()));
}

TEST(BankPayments, SendPostsInsufficientFundsAndTheDailyLimit) {
  Bank s;
  no_payments(s);
  const int64_t before = bk::account_available(s.w(), 1);
  s.pay("ach", 0, 0, "1,234.56", "Invoice INV-42");
  ASSERT_EQ(s.count("SELECT count(*) FROM bank_payments"), 1) << s.toast();
  EXPECT_EQ(s.text("SELECT status FROM bank_payments"), "sent");
  EXPECT_EQ(s.text("SELECT memo FROM bank_payments"), "Invoice INV-42");
  EXPECT_EQ(s.count("SELECT recipient_id FROM bank_payments"),
            s.count("SELECT id FROM bank_recipients WHERE currency = 'USD' ORDER BY name, id LIMIT 1"));
  EXPECT_EQ(s.count("SELECT amount_cents FROM bank_txns WHERE payment_id = 1 AND status = 'pending'"), -123456);
  EXPECT_EQ(bk::account_available(s.w(), 1), before - 123456);
  // It posts when its time comes (two business days).
  const int64_t post = s.count("SELECT post_ms FROM bank_payments");
  ASSERT_TRUE(apps::pass_time(s.w(), post - s.w().now_ms() + 1000));
  EXPECT_EQ(s.text("SELECT status FROM bank_payments"), "posted");
  EXPECT_EQ(s.text("SELECT status FROM bank_txns WHERE payment_id = 1"), "posted");
  ASSERT_TRUE(s.env.apply(sim::Action::noop()));
  // More than Savings holds: refused, nothing written.
  const std::string too_much = format_usd(bk::account_available(s.w(), 2) + 100).substr(1);
  s.pay("wire", 1, 0, too_much, "");
  EXPECT_EQ(s.count("SELECT count(*) FROM bank_payments"), 1);
  EXPECT_NE(s.toast().find("Insufficient funds"), std::string::npos) << s.toast();
  // Over the daily limit: it waits for another admin, and no money moves.
  const int64_t limit = s.count("SELECT daily_limit_cents FROM bank_members WHERE person_id = 1");
  s.pay("ach", 0, 1, format_usd(limit + 100).substr(1), "Big one");
  EXPECT_EQ(s.text("SELECT status FROM bank_payments ORDER BY id DESC LIMIT 1"), "pending_approval");
  EXPECT_EQ(s.count("SELECT count(*) FROM bank_txns WHERE payment_id = 2"), 0);
  // A transfer: two posted lines that cancel out.
  s.pay("transfer", 2, 0, "5,000", "");
  EXPECT_EQ(s.count("SELECT count(*) FROM bank_txns WHERE payment_id = 3 AND status = 'posted'"), 2);
  EXPECT_EQ(s.count("SELECT sum(amount_cents) FROM bank_txns WHERE payment_id = 3"), 0);
  EXPECT_EQ(s.count("SELECT count(*) FROM bank_txns WHERE payment_id = 3 AND account_id = 1 AND amount_cents = 500000"), 1);
  // The balances the triggers keep are the ledger's, recomputed.
  for (int64_t acct = 1; acct <= 3; ++acct) {
    const std::string a = std::to_string(acct);
    EXPECT_EQ(bk::account_balance(s.w(), acct),
              s.count("SELECT opening_cents + (SELECT ifnull(sum(amount_cents), 0) FROM bank_txns WHERE account_id = " + a +
                      " AND status = 'posted') FROM bank_accounts WHERE id = " + a));
    EXPECT_EQ(bk::account_available(s.w(), acct) - bk::account_balance(s.w(), acct),
              s.count("SELECT ifnull(sum(amount_cents), 0) FROM bank_txns WHERE account_id = " + a +
                      " AND status = 'pending' AND amount_cents < 0"));
  }
  // Growing the ledger backwards keeps today's balance.
  const int64_t now_balance = bk::account_balance(s.w(), 1);
  ASSERT_TRUE(bk::grow_ledger(s.w(), 3000));
  EXPECT_EQ(s.count("SELECT count(*) FROM bank_txns"), 3000);
  EXPECT_EQ(bk::account_balance(s.w(), 1), now_balance);
}

TEST(BankApprovals, ApproveSendsRejectKeepsTheReason) {
  Bank s;
  no_payments(s);
  for (int k = 0; k < 2; ++k)
    s.w().query("INSERT INTO bank_payments(recipient_id, account_id, method, amount_cents, memo, created_ms, created_by, status) "
                "VALUES(1, 1, 'ach', 250000, 'Invoice', ?, 3, 'pending_approval')", s.w().now_ms()).run();
  ASSERT_TRUE(s.env.apply(sim::Action::noop()));
  s.click(bk::full(bk::key::nav("approvals")));
  s.click(bk::full(bk::key::approve(1)));
  EXPECT_EQ(s.text("SELECT status FROM bank_payments WHERE id = 1"), "sent");
  EXPECT_EQ(s.count("SELECT count(*) FROM bank_txns WHERE payment_id = 1"), 1);
  s.click(bk::full(bk::key::reject(2)));
  s.click(bk::full(bk::key::confirm_reject));  // no reason: not rejected
  EXPECT_EQ(s.text("SELECT status FROM bank_payments WHERE id = 2"), "pending_approval");
  s.click(bk::full(bk::key::reject_reason));
  s.type("Duplicate");
  s.click(bk::full(bk::key::confirm_reject));
  EXPECT_EQ(s.text("SELECT status || ':' || reason FROM bank_payments WHERE id = 2"), "rejected:Duplicate");
  EXPECT_EQ(s.count("SELECT count(*) FROM bank_txns WHERE payment_id = 2"), 0);
  // The user's own payment waiting is not theirs to approve.
  EXPECT_FALSE(apps::dispatch(s.w(), "banking:approve:2"));
}

TEST(BankRecipients, RoutingNumbersAreChecked) {
  Bank s;
  const int64_t n = s.count("SELECT count(*) FROM bank_recipients");
  s.click(bk::full(bk::key::nav("recipients")));
  s.click(bk::full(bk::key::add_recipient));
  s.fill(std::string(bk::key::rcp_name), "Cobalt Logistics");
  s.fill(std::string(bk::key::rcp_bank), "Chase");
  s.fill(std::string(bk::key::rcp_routing), "021000022");  // checksum off by one
  s.fill(std::string(bk::key::rcp_account), "123456789");
  s.click(bk::full(bk::key::save_recipient));
  EXPECT_EQ(s.count("SELECT count(*) FROM bank_recipients"), n);
  EXPECT_NE(s.toast().find("routing"), std::string::npos) << s.toast();
  s.fill(std::string(bk::key::rcp_routing), "021000021");  // JPMorgan Chase's, valid
  s.click(bk::full(bk::key::save_recipient));
  EXPECT_EQ(s.count("SELECT count(*) FROM bank_recipients"), n + 1);
  EXPECT_TRUE(s.node(bk::full(bk::key::recipient(n + 1))));
  // The same details again: a duplicate.
  s.click(bk::full(bk::key::add_recipient));
  s.fill(std::string(bk::key::rcp_name), "Cobalt Again");
  s.fill(std::string(bk::key::rcp_bank), "Chase");
  s.fill(std::string(bk::key::rcp_routing), "021000021");
  s.fill(std::string(bk::key::rcp_account), "123456789");
  s.click(bk::full(bk::key::save_recipient));
  EXPECT_EQ(s.count("SELECT count(*) FROM bank_recipients"), n + 1);
  EXPECT_NE(s.toast().find("already belong"), std::string::npos) << s.toast();
}

TEST(BankCards, FreezeAndLimit) {
  Bank s;
  s.click(bk::full(bk::key::nav("cards")));
  s.click(bk::full(bk::key::freeze(2)));
  EXPECT_EQ(s.text("SELECT status FROM bank_cards WHERE id = 2"), "frozen");
  s.click(bk::full(bk::key::freeze(2)));
  EXPECT_EQ(s.text("SELECT status FROM bank_cards WHERE id = 2"), "active");
  s.click(bk::full(bk::key::limit(3)));
  s.fill(std::string(bk::key::limit_amount), "2,500");
  s.click(bk::full(bk::key::period(0)));
  s.click(bk::full(bk::key::save_limit));
  EXPECT_EQ(s.text("SELECT limit_cents || ' ' || limit_period FROM bank_cards WHERE id = 3"), "250000 Daily");
}

TEST(BankTxns, SearchFilterSortAndTheDrawer) {
  Bank s;
  s.click(bk::full(bk::key::nav("transactions")));
  const std::string who = s.text("SELECT counterparty FROM bank_txns WHERE kind = 'card' ORDER BY id LIMIT 1");
  s.click(bk::full(bk::key::txn_search));
  s.type(who);
  s.key("Enter");
  std::vector<dom::A11yNode> rows;
  for (const dom::A11yNode& n : s.env.a11y())
    if (n.key.rfind(bk::full("txn:"), 0) == 0) rows.push_back(n);
  ASSERT_FALSE(rows.empty());
  for (const dom::A11yNode& r : rows) EXPECT_NE(r.name.find(who), std::string::npos) << r.name;
  // Amount, ascending: the largest charge first.
  s.click(bk::full(bk::key::sort("amount")));
  s.click(bk::full(bk::key::sort("amount")));
  std::string top;
  for (const dom::A11yNode& n : s.env.a11y())
    if (top.empty() && n.key.rfind(bk::full("txn:"), 0) == 0) top = n.key.substr(bk::full("txn:").size());
  EXPECT_EQ(std::atoll(top.c_str()), s.count("SELECT id FROM bank_txns WHERE counterparty = '" + who +
                                             "' ORDER BY amount_cents, id LIMIT 1"));
  // Pending only.
  s.choose(bk::key::txn_status, 1);
  for (const dom::A11yNode& n : s.env.a11y())
    if (n.key.rfind(bk::full("txn:"), 0) == 0) {
      EXPECT_NE(n.name.find(", pending, "), std::string::npos) << n.name;
    }
  s.click(bk::full(bk::key::clear_filters));
  // The drawer: a category and a note.
  std::string shown;
  for (const dom::A11yNode& n : s.env.a11y())
    if (shown.empty() && n.key.rfind(bk::full("txn:"), 0) == 0) shown = n.key;
  ASSERT_FALSE(shown.empty());
  const int64_t id = std::atoll(shown.c_str() + bk::full("txn:").size());
  s.click(shown);
  ASSERT_TRUE(s.node(bk::full(bk::key::drawer)));
  s.choose(bk::key::txn_category, 3);
  s.fill(std::string(bk::key::txn_note), "Team lunch");
  s.click(bk::full(bk::key::save_txn));
  EXPECT_EQ(s.text("SELECT category || '|' || note FROM bank_txns WHERE id = " + std::to_string(id)),
            std::string(bk::kCategories[2]) + "|Team lunch");
}

// The Eastern day `days` after today, as the date picker names it ("2026-03-09").
static std::string day_after(Bank& s, int days) {
  const Civil c = civil_from_ms(s.w().now_ms() - 5 * 3600000ll + int64_t(days) * 86400000);
  char b[16];
  std::snprintf(b, sizeof b, "%04d-%02d-%02d", c.y, c.m, c.d);
  return b;
}

TEST(BankSchedule, OnADayRepeatingEditedAndCancelled) {
  Bank s;
  no_payments(s);
  // One ACH on a day a week away: scheduled, no money moves until then.
  s.click(bk::full(bk::key::nav("payments")));
  s.click(bk::full(bk::key::when("later")));
  const std::string day = day_after(s, 7);
  s.click(bk::full(bk::key::pay_date));
  s.click(bk::full(std::string(bk::key::pay_date) + "." + day));
  s.choose(bk::key::pay_to, 0);
  s.fill(std::string(bk::key::amount), "2,000");
  s.fill(std::string(bk::key::memo), "Deposit");
  s.click(bk::full(bk::key::review_payment));
  ASSERT_TRUE(s.node(bk::full(bk::key::review)));
  EXPECT_NE(s.node(bk::full(bk::key::review))->name.find(", going out "), std::string::npos) << s.node(bk::full(bk::key::review))->name;
  // An amount edited under review: back to the form (what goes is what was reviewed).
  s.fill(std::string(bk::key::amount), "20,000");
  EXPECT_FALSE(s.node(bk::full(bk::key::send_payment)));
  s.fill(std::string(bk::key::amount), "2,000");
  s.click(bk::full(bk::key::review_payment));
  EXPECT_NE(s.node(bk::full(bk::key::review))->name.find("$2,000.00"), std::string::npos) << s.node(bk::full(bk::key::review))->name;
  s.click(bk::full(bk::key::send_payment));
  ASSERT_EQ(s.text("SELECT status FROM bank_payments WHERE id = 1"), "scheduled") << s.toast();
  EXPECT_EQ(s.count("SELECT count(*) FROM bank_txns WHERE payment_id = 1"), 0);
  EXPECT_TRUE(s.node(bk::full(bk::key::scheduled(1))));
  // Repeating monthly from the same day.
  s.click(bk::full(bk::key::when("repeat")));
  s.click(bk::full(bk::key::pay_date));
  s.click(bk::full(std::string(bk::key::pay_date) + "." + day));
  s.choose(bk::key::pay_to, 1);
  s.fill(std::string(bk::key::amount), "300");
  s.click(bk::full(bk::key::review_payment));
  s.click(bk::full(bk::key::send_payment));
  ASSERT_EQ(s.text("SELECT status || ' ' || repeat FROM bank_payments WHERE id = 2"), "scheduled monthly") << s.toast();
  // A day in the past is refused.
  s.click(bk::full(bk::key::when("later")));
  s.click(bk::full(bk::key::pay_date));
  s.click(bk::full(std::string(bk::key::pay_date) + "." + day_after(s, 0)));
  s.choose(bk::key::pay_to, 1);
  s.fill(std::string(bk::key::amount), "10");
  s.click(bk::full(bk::key::review_payment));
  s.click(bk::full(bk::key::send_payment));
  EXPECT_EQ(s.count("SELECT count(*) FROM bank_payments"), 2);
  EXPECT_NE(s.toast().find("after today"), std::string::npos) << s.toast();
  // Edit the first: a new amount.
  s.click(bk::full(bk::key::edit_scheduled(1)));
  s.fill(std::string(bk::key::sched_amount), "2,150.25");
  s.click(bk::full(bk::key::save_schedule));
  EXPECT_EQ(s.count("SELECT amount_cents FROM bank_payments WHERE id = 1"), 215025);
  // The day comes: both go, and the monthly one makes the next, a month on.
  const int64_t send = s.count("SELECT send_ms FROM bank_payments WHERE id = 1");
  ASSERT_TRUE(apps::pass_time(s.w(), send - s.w().now_ms() + 60000));
  EXPECT_EQ(s.text("SELECT status FROM bank_payments WHERE id = 1"), "sent");
  EXPECT_EQ(s.count("SELECT amount_cents FROM bank_txns WHERE payment_id = 1"), -215025);
  EXPECT_EQ(s.text("SELECT status FROM bank_payments WHERE id = 2"), "sent");
  ASSERT_EQ(s.count("SELECT count(*) FROM bank_payments WHERE id = 3 AND status = 'scheduled' AND repeat = 'monthly'"), 1);
  const Civil first = civil_from_ms(send), next = civil_from_ms(s.count("SELECT send_ms FROM bank_payments WHERE id = 3"));
  EXPECT_EQ(next.m, first.m % 12 + 1);
  EXPECT_EQ(next.d, std::min(first.d, days_in_month(next.y, next.m)));
  // Cancelled, the next never goes.
  ASSERT_TRUE(s.env.apply(sim::Action::noop()));
  s.click(bk::full(bk::key::cancel_payment(3)));
  EXPECT_EQ(s.text("SELECT status FROM bank_payments WHERE id = 3"), "cancelled");
  ASSERT_TRUE(apps::pass_time(s.w(), 40 * 86400000ll));
  EXPECT_EQ(s.count("SELECT count(*) FROM bank_txns WHERE payment_id = 3"), 0);
  EXPECT_EQ(s.count("SELECT count(*) FROM bank_payments"), 3);
}

TEST(BankIntl, AWireInEurosAtTheBanksRate) {
  Bank s;
  no_payments(s);
  const int64_t rcp = s.count("SELECT id FROM bank_recipients WHERE name = 'Atelier Moreau SARL'");
  const int64_t index = s.count("SELECT count(*) FROM bank_recipients WHERE currency <> 'USD' AND name < 'Atelier Moreau SARL'");
  const int64_t micros = s.count("SELECT usd_micros FROM bank_fx WHERE currency = 'EUR'");
  ASSERT_GT(micros, 1000000);
  // Its IBAN carries valid check digits.
  const std::string iban = s.text("SELECT account FROM bank_recipients WHERE id = " + std::to_string(rcp));
  ASSERT_EQ(iban.substr(0, 2), "FR");
  std::string digits;
  for (char c : iban.substr(4) + iban.substr(0, 4)) digits += c >= 'A' && c <= 'Z' ? std::to_string(c - 'A' + 10) : std::string(1, c);
  int rem = 0;
  for (char c : digits) rem = (rem * 10 + (c - '0')) % 97;
  EXPECT_EQ(rem, 1) << iban;
  s.click(bk::full(bk::key::nav("payments")));
  s.click(bk::full(bk::key::method("intl")));
  s.choose(bk::key::pay_to, int(index));
  s.fill(std::string(bk::key::amount), "4.250,50");  // written the European way
  s.click(bk::full(bk::key::review_payment));
  const std::string review = s.node(bk::full(bk::key::review))->name;
  EXPECT_NE(review.find("\xE2\x82\xAC" "4.250,50"), std::string::npos) << review;
  s.click(bk::full(bk::key::send_payment));
  const int64_t usd = (425050 * micros * 100 + 50000000) / 100000000;
  EXPECT_EQ(s.text("SELECT method || ' ' || currency || ' ' || fx_minor || ' ' || amount_cents FROM bank_payments WHERE id = 1"),
            "intl EUR 425050 " + std::to_string(usd)) << s.toast();
  EXPECT_EQ(s.count("SELECT amount_cents FROM bank_txns WHERE payment_id = 1 AND kind = 'wire'"), -usd);
  EXPECT_EQ(s.count("SELECT recipient_id FROM bank_payments WHERE id = 1"), rcp);
}

TEST(BankBills, PayFillsTheFormAndMarksTheBillPaid) {
  Bank s;
  no_payments(s);
  const int64_t bill = s.count("SELECT id FROM bank_bills ORDER BY due_ms, id LIMIT 1");
  s.click(bk::full(bk::key::nav("bills")));
  EXPECT_EQ(s.node(bk::full(bk::key::bill(bill)))->name.find("Paid"), std::string::npos);
  s.click(bk::full(bk::key::pay_bill(bill)));
  ASSERT_TRUE(s.node(bk::full(bk::key::paying_bill)));
  s.click(bk::full(bk::key::review_payment));
  s.click(bk::full(bk::key::send_payment));
  EXPECT_EQ(s.text("SELECT p.bill_id || ' ' || (p.amount_cents = b.amount_cents) || ' ' || (p.recipient_id = b.recipient_id) || ' ' "
                   "|| (p.memo = b.invoice) FROM bank_payments p JOIN bank_bills b ON b.id = " + std::to_string(bill)),
            std::to_string(bill) + " 1 1 1") << s.toast();
  s.click(bk::full(bk::key::nav("bills")));
  EXPECT_NE(s.node(bk::full(bk::key::bill(bill)))->name.find("Paid"), std::string::npos);
  EXPECT_FALSE(s.node(bk::full(bk::key::pay_bill(bill))));
}

TEST(BankCards, ReplaceALostCardAndDisputeACharge) {
  Bank s;
  s.click(bk::full(bk::key::nav("cards")));
  s.click(bk::full(bk::key::replace(1)));
  s.click(bk::full(bk::key::confirm_replace));  // no reason yet
  EXPECT_EQ(s.count("SELECT count(*) FROM bank_cards WHERE replaces = 1"), 0);
  s.click(bk::full(bk::key::reason(0)));
  s.click(bk::full(bk::key::confirm_replace));
  EXPECT_EQ(s.text("SELECT status || ' ' || reason FROM bank_cards WHERE id = 1"), "cancelled Lost");
  EXPECT_EQ(s.text("SELECT c.status || ' ' || (c.limit_cents = o.limit_cents) || ' ' || (c.person_id = o.person_id) FROM bank_cards c "
                   "JOIN bank_cards o ON o.id = c.replaces WHERE c.replaces = 1"),
            "active 1 1");
  EXPECT_FALSE(s.node(bk::full(bk::key::replace(1))));
  // A card charge disputed from its drawer.
  const int64_t txn = s.count("SELECT id FROM bank_txns WHERE kind = 'card' ORDER BY ts_ms DESC, id DESC LIMIT 1");
  s.click(bk::full(bk::key::nav("transactions")));
  s.click(bk::full(bk::key::txn(txn)));
  s.click(bk::full(bk::key::dispute));
  s.click(bk::full(bk::key::dispute_reason(0)));
  s.fill(std::string(bk::key::dispute_details), "Charged twice");
  s.click(bk::full(bk::key::confirm_dispute));
  EXPECT_EQ(s.text("SELECT reason || '|' || details || '|' || status FROM bank_disputes WHERE txn_id = " + std::to_string(txn)),
            "Duplicate charge|Charged twice|open");
  EXPECT_TRUE(s.node(bk::full("dispute_state")));
  EXPECT_FALSE(s.node(bk::full(bk::key::dispute)));
}

TEST(BankSettings, TeamRolesInvitesAndDebitBlocks) {
  Bank s;
  const int64_t bookkeeper = s.count("SELECT person_id FROM bank_members WHERE role = 'bookkeeper'");
  s.click(bk::full(bk::key::nav("settings")));
  s.click(bk::full(bk::key::edit_member(bookkeeper)));
  s.click(bk::full(bk::key::role(0)));
  s.fill(std::string(bk::key::member_limit), "15,000");
  s.click(bk::full(bk::key::save_member));
  EXPECT_EQ(s.text("SELECT role || ' ' || daily_limit_cents FROM bank_members WHERE person_id = " + std::to_string(bookkeeper)),
            "admin 1500000");
  s.click(bk::full(bk::key::invite));
  s.fill(std::string(bk::key::inv_name), "Dana Cruz");
  s.fill(std::string(bk::key::inv_email), "dana.cruz");  // not an address
  s.click(bk::full(bk::key::send_invite));
  EXPECT_EQ(s.count("SELECT count(*) FROM bank_invites"), 0);
  s.fill(std::string(bk::key::inv_email), "dana.cruz@example.com");
  s.click(bk::full(bk::key::role(1)));
  s.click(bk::full(bk::key::send_invite));
  EXPECT_EQ(s.text("SELECT name || ' ' || email || ' ' || role FROM bank_invites"), "Dana Cruz dana.cruz@example.com bookkeeper");
  // An unknown company's first pull waits for a decision; blocked, it is returned.
  s.w().query("INSERT INTO bank_txns(account_id, ts_ms, amount_cents, counterparty, kind, status) VALUES(1, ?, -48000, 'Apex "
              "Funding LLC', 'ach', 'pending')", s.w().now_ms()).run();
  const int64_t txn = s.w().last_insert_rowid();
  s.w().query("INSERT INTO bank_debit_rules(name, status, txn_id) VALUES('Apex Funding LLC', 'review', ?)", txn).run();
  const int64_t rule = s.w().last_insert_rowid();
  ASSERT_TRUE(s.env.apply(sim::Action::noop()));
  s.click(bk::full(bk::key::block_debit(rule)));
  EXPECT_EQ(s.text("SELECT status FROM bank_debit_rules WHERE id = " + std::to_string(rule)), "blocked");
  EXPECT_EQ(s.text("SELECT status FROM bank_txns WHERE id = " + std::to_string(txn)), "failed");
  // An allowed company blocked, then allowed again.
  const int64_t gusto = s.count("SELECT id FROM bank_debit_rules WHERE name = 'Gusto Payroll'");
  s.click(bk::full(bk::key::block_debit(gusto)));
  s.click(bk::full(bk::key::allow_debit(gusto)));
  EXPECT_EQ(s.text("SELECT status FROM bank_debit_rules WHERE id = " + std::to_string(gusto)), "allowed");
}

TEST(BankStatements, ADownloadIsAFileInTheWorld) {
  Bank s;
  s.click(bk::full(bk::key::nav("statements")));
  std::string row;
  for (const dom::A11yNode& n : s.env.a11y())
    if (row.empty() && n.key.rfind(bk::full("statement:1:"), 0) == 0) row = n.key;
  ASSERT_FALSE(row.empty());
  const std::string ym = row.substr(bk::full("statement:1:").size());
  const int64_t files = s.count("SELECT count(*) FROM files");
  s.click(bk::full(bk::key::csv(1, ym)));
  s.click(bk::full(bk::key::csv(1, ym)));  // twice: one file
  ASSERT_EQ(s.count("SELECT count(*) FROM files"), files + 1);
  EXPECT_EQ(s.text("SELECT name || '|' || kind || '|' || owner_id FROM files ORDER BY id DESC LIMIT 1"),
            "Ledgerly Checking statement " + ym + ".csv|sheet|1");
  // Its summary states the row's closing balance.
  const std::string name = s.node(row)->name;
  const std::string closing = name.substr(name.find("closing ") + 8);
  EXPECT_NE(s.text("SELECT summary FROM files ORDER BY id DESC LIMIT 1").find("closing balance " + closing), std::string::npos);
  s.click(bk::full(bk::key::pdf(1, ym)));
  EXPECT_EQ(s.count("SELECT count(*) FROM files"), files + 2);
}

TEST(BankTxns, CategoryDatesAmountsTotalsAndExport) {
  Bank s;
  // February's Travel lines between $100 and $500, through the filters.
  s.click(bk::full(bk::key::nav("transactions")));
  int cat = 0;
  for (size_t k = 0; k < std::size(bk::kCategories); ++k)
    if (bk::kCategories[k] == std::string_view("Travel")) cat = int(k + 1);
  s.choose(bk::key::txn_cat, cat);
  const std::string month = day_after(s, -40).substr(0, 7);  // a whole month in the ledger
  const int y = std::atoi(month.c_str()), m = std::atoi(month.c_str() + 5);
  const std::string first = month + "-01", last = month + "-" + std::to_string(days_in_month(y, m));
  for (const auto& [picker, day] : {std::pair{bk::key::txn_from, first}, std::pair{bk::key::txn_to, last}}) {
    s.click(bk::full(picker));
    for (int k = 0; k < 3 && !s.node(bk::full(std::string(picker) + "." + day)); ++k) s.click(bk::full(std::string(picker) + ".prev"));
    s.click(bk::full(std::string(picker) + "." + day));
  }
  s.fill(std::string(bk::key::txn_min), "100");
  s.fill(std::string(bk::key::txn_max), "500");
  s.key("Enter");
  const int64_t from = ms_from_civil({.y = y, .m = m, .d = 1}) + 5 * 3600000ll,
                to = ms_from_civil({.y = m == 12 ? y + 1 : y, .m = m == 12 ? 1 : m + 1, .d = 1}) + 5 * 3600000ll;
  const std::string where = " FROM bank_txns WHERE category = 'Travel' AND abs(amount_cents) BETWEEN 10000 AND 50000 AND ts_ms >= " +
                            std::to_string(from) + " AND ts_ms < " + std::to_string(to);
  const int64_t n = s.count("SELECT count(*)" + where), out = s.count("SELECT -sum(amount_cents)" + where);
  ASSERT_GT(n, 0);
  const auto totals = s.node(bk::full("txn_totals"));
  ASSERT_TRUE(totals);
  EXPECT_EQ(totals->name, std::to_string(n) + (n == 1 ? " transaction" : " transactions") + ", money in $0.00, money out " +
                              format_usd(out));
  for (const dom::A11yNode& r : s.env.a11y())
    if (r.key.rfind(bk::full("txn:"), 0) == 0) EXPECT_NE(r.name.find(", Travel, "), std::string::npos) << r.name;
  // Export: a CSV in the world's files that says what it holds.
  s.click(bk::full(bk::key::export_csv));
  const std::string summary = s.text("SELECT summary FROM files WHERE kind = 'sheet' ORDER BY id DESC LIMIT 1");
  EXPECT_NE(summary.find("category Travel, from " + first + ", to " + last + ", at least $100.00, at most $500.00): " +
                         std::to_string(n) + " transactions"), std::string::npos) << summary;
  // Clear: every filter off.
  s.click(bk::full(bk::key::clear_filters));
  EXPECT_EQ(s.w().ui_get(bk::full(bk::key::txn_from)), "");
  EXPECT_EQ(s.w().ui_int(bk::full(bk::key::txn_cat)), 0);
}

TEST(BankTxns, ReceiptsFromTheWorldsFiles) {
  Bank s;
  s.w().query("INSERT INTO files(name, kind, mime, bytes, owner_id, created_ms, summary) VALUES('Receipt Delta 0214.pdf', 'pdf', "
              "'application/pdf', 48000, 1, ?, 'A receipt')", s.w().now_ms()).run();
  const int64_t file = s.w().last_insert_rowid();
  const int64_t txn = s.count("SELECT id FROM bank_txns WHERE kind = 'card' ORDER BY ts_ms DESC, id DESC LIMIT 1");
  ASSERT_TRUE(s.env.apply(sim::Action::noop()));
  s.click(bk::full(bk::key::nav("transactions")));
  s.click(bk::full(bk::key::txn(txn)));
  s.click(bk::full(bk::key::attach_receipt));
  s.fill(std::string(bk::key::receipt_search), "delta 02");
  s.click(bk::full(bk::key::file(file)));
  EXPECT_EQ(s.count("SELECT file_id FROM bank_receipts WHERE txn_id = " + std::to_string(txn)), file);
  ASSERT_TRUE(s.node(bk::full("receipt")));
  EXPECT_EQ(s.node(bk::full("receipt"))->name, "Receipt: Receipt Delta 0214.pdf");
  s.click(bk::full(bk::key::remove_receipt));
  EXPECT_EQ(s.count("SELECT count(*) FROM bank_receipts"), 0);
}

TEST(BankCards, MerchantCategoryLocks) {
  Bank s;
  s.click(bk::full(bk::key::nav("cards")));
  s.click(bk::full(bk::key::controls(2)));
  s.click(bk::full(bk::key::lock(0)));
  s.click(bk::full(bk::key::lock(1)));
  s.click(bk::full(bk::key::lock(1)));  // off again
  s.click(bk::full(bk::key::controls_done));
  EXPECT_EQ(s.text("SELECT group_concat(card_id || ':' || category) FROM bank_card_locks"), "2:Travel");
  EXPECT_NE(s.node(bk::full(bk::key::card(2)))->name.find("blocked: Travel"), std::string::npos);
}

TEST(BankRecipients, EditChecksLikeAdd) {
  Bank s;
  const int64_t id = s.count("SELECT id FROM bank_recipients WHERE currency = 'USD' ORDER BY id LIMIT 1");
  s.click(bk::full(bk::key::nav("recipients")));
  s.click(bk::full(bk::key::edit_recipient(id)));
  s.fill(std::string(bk::key::rcp_routing), "021000022");  // bad check digit
  s.click(bk::full(bk::key::save_recipient));
  EXPECT_NE(s.text("SELECT routing FROM bank_recipients WHERE id = " + std::to_string(id)), "021000022");
  s.fill(std::string(bk::key::rcp_routing), "021000021");
  s.fill(std::string(bk::key::rcp_account), "55501234");
  s.click(bk::full(bk::key::save_recipient));
  EXPECT_EQ(s.text("SELECT routing || '/' || account FROM bank_recipients WHERE id = " + std::to_string(id)), "021000021/55501234");
  EXPECT_FALSE(s.node(bk::full(bk::key::edit_recipient(s.count("SELECT id FROM bank_recipients WHERE currency <> 'USD' LIMIT 1")))));
}

TEST(BankInvoices, WrittenSentByEmailAndPaid) {
  Bank s;
  s.click(bk::full(bk::key::nav("invoices")));
  s.click(bk::full(bk::key::new_invoice));
  s.fill(bk::key::inv_desc(0), "Consulting (hours)");
  s.fill(bk::key::inv_qty(0), "12");
  s.fill(bk::key::inv_price(0), "180");
  s.fill(bk::key::inv_desc(1), "Workshop");
  s.click(bk::full(bk::key::send_invoice));  // no customer, an unfinished line: nothing kept
  EXPECT_EQ(s.count("SELECT count(*) FROM bank_invoices WHERE status = 'sent' AND email_id <> 0"), 0);
  s.choose(bk::key::inv_customer, 0);
  s.click(bk::full(bk::key::send_invoice));
  EXPECT_NE(s.toast().find("Line 2"), std::string::npos) << s.toast();
  s.fill(bk::key::inv_qty(1), "1");
  s.fill(bk::key::inv_price(1), "2,400");
  s.click(bk::full(bk::key::terms(15)));
  ASSERT_TRUE(s.node(bk::full(bk::key::invoice_editor)));
  s.click(bk::full(bk::key::send_invoice));
  const int64_t id = s.count("SELECT max(id) FROM bank_invoices");
  const std::string sid = std::to_string(id);
  EXPECT_EQ(s.text("SELECT status || ' ' || ((due_ms - issued_ms) / 86400000) FROM bank_invoices WHERE id = " + sid), "sent 15") << s.toast();
  EXPECT_EQ(s.count("SELECT sum(qty * unit_cents) FROM bank_invoice_lines WHERE invoice_id = " + sid), 12 * 18000 + 240000);
  // The email: in Sent, to the customer's contact, with the invoice's PDF.
  const std::string email = s.text("SELECT email_id FROM bank_invoices WHERE id = " + sid);
  EXPECT_EQ(s.text("SELECT m.folder || '|' || m.subject || '|' || (m.recipient_id = i.contact_id) FROM mail_messages m JOIN bank_invoices i "
                   "ON i.email_id = m.id WHERE i.id = " + sid),
            "sent|Invoice " + s.text("SELECT number FROM bank_invoices WHERE id = " + sid) + " from " +
                s.text("SELECT name FROM companies WHERE role = 'self'") + "|1");
  EXPECT_EQ(s.count("SELECT count(*) FROM mail_attachments a JOIN bank_invoices i ON i.email_id = a.message_id AND i.file_id = a.file_id "
                    "WHERE i.id = " + sid), 1);
  EXPECT_NE(s.text("SELECT body FROM mail_messages WHERE id = " + email).find("$4,560.00"), std::string::npos);
  // Paid.
  s.click(bk::full(bk::key::mark_paid(id)));
  EXPECT_EQ(s.text("SELECT status FROM bank_invoices WHERE id = " + sid), "paid");
  // A draft saved, then sent from its row.
  s.click(bk::full(bk::key::new_invoice));
  s.choose(bk::key::inv_customer, 0);
  s.fill(bk::key::inv_desc(0), "Training session");
  s.fill(bk::key::inv_qty(0), "2");
  s.fill(bk::key::inv_price(0), "950");
  s.click(bk::full(bk::key::save_invoice));
  const int64_t draft = s.count("SELECT max(id) FROM bank_invoices");
  EXPECT_EQ(s.text("SELECT status FROM bank_invoices WHERE id = " + std::to_string(draft)), "draft");
  s.click(bk::full(bk::key::send_draft(draft)));
  EXPECT_EQ(s.text("SELECT status FROM bank_invoices WHERE id = " + std::to_string(draft)), "sent");
  // The generated paid invoices have their payments in the ledger.
  EXPECT_EQ(s.count("SELECT count(*) FROM bank_invoices i WHERE i.status = 'paid' AND i.id < " + sid + " AND NOT EXISTS (SELECT 1 FROM "
                    "bank_txns x WHERE x.memo = 'Payment for invoice ' || i.number)"), 0);
}

TEST(BankPayments, AChecksMailedToTheAddressOnFile) {
  Bank s;
  no_payments(s);
  s.pay("check", 0, 0, "640.00", "Deposit refund");
  ASSERT_EQ(s.text("SELECT method || ' ' || status FROM bank_payments WHERE id = 1"), "check sent") << s.toast();
  EXPECT_EQ(s.text("SELECT kind || ' ' || status || ' ' || amount_cents FROM bank_txns WHERE payment_id = 1"), "check pending -64000");
  EXPECT_EQ(s.count("SELECT post_ms FROM bank_payments WHERE id = 1"), bk::payment_post_time("check", s.w().now_ms()));
  // A recipient without an address cannot be paid by check.
  const int64_t first = s.count("SELECT id FROM bank_recipients WHERE currency = 'USD' ORDER BY name, id LIMIT 1");
  s.w().query("UPDATE bank_recipients SET address = '' WHERE id = ?", first).run();
  ASSERT_TRUE(s.env.apply(sim::Action::noop()));
  s.pay("check", 0, 0, "100", "");
  EXPECT_EQ(s.count("SELECT count(*) FROM bank_payments"), 1);
  EXPECT_NE(s.toast().find("mailing address"), std::string::npos) << s.toast();
  // The history lists decisions: the generated ones are there.
  Bank h;
  h.click(bk::full(bk::key::nav("approvals")));
  int rejected = 0;
  for (const dom::A11yNode& n : h.env.a11y())
    if (n.key.rfind(bk::full("history:"), 0) == 0 && n.name.find("Rejected by ") != std::string::npos) ++rejected;
  EXPECT_EQ(rejected, 1);
}

TEST(BankTxns, RunningBalanceOfOneAccount) {
  Bank s;
  s.click(bk::full(bk::key::nav("transactions")));
  s.choose(bk::key::txn_account, 1);  // Checking
  int checked = 0;
  for (const dom::A11yNode& n : s.env.a11y()) {
    if (n.key.rfind(bk::full("txn:"), 0) != 0) continue;
    const size_t at = n.name.find(", balance ");
    if (at == std::string::npos) continue;  // pending: no balance yet
    const std::string id = n.key.substr(bk::full("txn:").size());
    const int64_t want = s.count("SELECT a.opening_cents + (SELECT ifnull(sum(x.amount_cents), 0) FROM bank_txns x, bank_txns t WHERE "
                                 "t.id = " + id + " AND x.account_id = 1 AND x.status = 'posted' AND (x.ts_ms < t.ts_ms OR (x.ts_ms = "
                                 "t.ts_ms AND x.id <= t.id))) FROM bank_accounts a WHERE a.id = 1");
    EXPECT_EQ(n.name.substr(at + 10), format_usd(want)) << n.name;
    ++checked;
  }
  EXPECT_GT(checked, 10);
  // Another filter (or sort) and the column is the account again.
  s.click(bk::full(bk::key::sort("amount")));
  for (const dom::A11yNode& n : s.env.a11y())
    if (n.key.rfind(bk::full("txn:"), 0) == 0) EXPECT_EQ(n.name.find(", balance "), std::string::npos) << n.name;
}

TEST(BankSettings, TheWireRuleSendsWiresToApproval) {
  Bank s;
  no_payments(s);
  s.click(bk::full(bk::key::nav("settings")));
  s.click(bk::full(bk::key::wire_approval));
  EXPECT_EQ(s.text("SELECT value FROM bank_settings WHERE key = 'wire_approval'"), "0");  // every wire
  s.pay("wire", 0, 0, "50", "");  // well under the daily limit
  EXPECT_EQ(s.text("SELECT status FROM bank_payments WHERE id = 1"), "pending_approval") << s.toast();
  EXPECT_EQ(s.count("SELECT count(*) FROM bank_txns WHERE payment_id = 1"), 0);
  s.pay("ach", 0, 0, "50", "");  // ACH is not a wire
  EXPECT_EQ(s.text("SELECT status FROM bank_payments WHERE id = 2"), "sent");
  // Only wires over $1,000: a smaller one goes.
  s.click(bk::full(bk::key::nav("settings")));
  s.fill(std::string(bk::key::wire_threshold), "1,000");
  s.click(bk::full(bk::key::save_threshold));
  EXPECT_EQ(s.text("SELECT value FROM bank_settings WHERE key = 'wire_approval'"), "100000");
  s.pay("wire", 0, 0, "999", "");
  EXPECT_EQ(s.text("SELECT status FROM bank_payments WHERE id = 3"), "sent") << s.toast();
  s.pay("wire", 0, 0, "1,000.01", "");
  EXPECT_EQ(s.text("SELECT status FROM bank_payments WHERE id = 4"), "pending_approval") << s.toast();
  // Off again.
  s.click(bk::full(bk::key::nav("settings")));
  s.click(bk::full(bk::key::wire_approval));
  EXPECT_EQ(s.text("SELECT value FROM bank_settings WHERE key = 'wire_approval'"), "");
}

TEST(BankPayments, TheDailyLimitResetsAtMidnightUtc) {
  Bank s;
  no_payments(s);
  const int64_t limit = s.count("SELECT daily_limit_cents FROM bank_members WHERE person_id = 1");
  s.pay("ach", 0, 0, format_usd(limit - 10000).substr(1), "");
  s.pay("ach", 0, 1, "200", "");
  EXPECT_EQ(s.text("SELECT group_concat(status) FROM bank_payments ORDER BY id"), "sent,pending_approval") << s.toast();
  const int64_t midnight = (s.w().now_ms() / 86400000 + 1) * 86400000;
  ASSERT_TRUE(apps::pass_time(s.w(), midnight - s.w().now_ms() + 60000));
  ASSERT_TRUE(s.env.apply(sim::Action::noop()));
  s.pay("ach", 0, 1, "200", "");
  EXPECT_EQ(s.text("SELECT status FROM bank_payments WHERE id = 3"), "sent") << s.toast();
}

TEST(BankPayments, AnInvoiceFileGoesWithThePayment) {
  Bank s;
  no_payments(s);
  s.w().query("INSERT INTO files(name, kind, mime, bytes, owner_id, created_ms, summary) VALUES('Vendor invoice 7781.pdf', 'pdf', "
              "'application/pdf', 52000, 1, ?, 'An invoice')", s.w().now_ms()).run();
  const int64_t file = s.w().last_insert_rowid();
  ASSERT_TRUE(s.env.apply(sim::Action::noop()));
  s.click(bk::full(bk::key::nav("payments")));
  s.click(bk::full(bk::key::attach_invoice));
  s.fill(std::string(bk::key::receipt_search), "7781");
  s.click(bk::full(bk::key::file(file)));
  EXPECT_EQ(s.node(bk::full("pay_invoice_file"))->name, "Invoice attached: Vendor invoice 7781.pdf");
  s.pay("ach", 0, 0, "310", "INV-7781");
  EXPECT_EQ(s.count("SELECT file_id FROM bank_payments WHERE id = 1"), file) << s.toast();
  EXPECT_NE(s.node(bk::full(bk::key::payment(1)))->name.find(", invoice Vendor invoice 7781.pdf"), std::string::npos);
  EXPECT_EQ(s.node(bk::full("pay_invoice_file"))->name, "No invoice attached");  // the form starts over
}

TEST(BankHome, CashFlowOver30Or90Days) {
  Bank s;
  ASSERT_TRUE(s.node(bk::full(bk::key::cashflow)));
  EXPECT_NE(s.node(bk::full(bk::key::cashflow))->name.find("last 30 days"), std::string::npos);
  s.click(bk::full(bk::key::flow(90)));
  const std::string name = s.node(bk::full(bk::key::cashflow))->name;
  ASSERT_NE(name.find("last 90 days"), std::string::npos) << name;
  // Its money in is what posted to Checking over the 90 days.
  const int64_t day0 = s.w().now_ms() / 86400000 * 86400000 - 89 * 86400000ll;
  const int64_t in = s.count("SELECT sum(amount_cents) FROM bank_txns WHERE account_id = 1 AND status = 'posted' AND amount_cents > 0 "
                             "AND ts_ms >= " + std::to_string(day0));
  EXPECT_NE(name.find("in " + format_usd(in) + ","), std::string::npos) << name;
}

TEST(BankRoutes, ScreensAndBadInput) {
  for (const char* r : {"#transactions", "#payments", "#bills", "#invoices", "#recipients", "#cards", "#approvals", "#statements",
                        "#settings"}) {
    Bank s(7, r);
    EXPECT_EQ("#" + s.w().ui_get(bk::ui::screen), r);
    EXPECT_FALSE(s.node(bk::full(bk::key::recent))) << r << " also shows the home page";
  }
  sim::Env bad;
  EXPECT_FALSE(bad.reset({.task = "", .seed = 7, .app = "banking", .route = "#vault"}));
  Bank s;
  for (const char* cmd : {"banking:go:vault", "banking:open_txn:0", "banking:freeze:99", "banking:approve:5",
                          "banking:method:cash", "banking:sort:name", "banking:send", "banking:nope", "banking:when:soon",
                          "banking:pay_bill:999", "banking:cancel_payment:999", "banking:edit_scheduled:x",
                          "banking:statement:csv:1:1999-01", "banking:statement:doc:1:2026-01", "banking:statement:csv:9",
                          "banking:replace_open:999", "banking:dispute", "banking:edit_member:1", "banking:save_member",
                          "banking:block_debit:999", "banking:allow_debit:x", "banking:attach:1", "banking:receipt_open",
                          "banking:controls_open:999", "banking:lock:0", "banking:recipient_open:999", "banking:invoice_save:send",
                          "banking:invoice_send:1", "banking:invoice_paid:999"})
    EXPECT_FALSE(apps::dispatch(s.w(), cmd)) << cmd;
}

// Verification by two small deposits: Verify sends them; the amounts the recipient saw verify
// it (in either order, "0.07" or "7"); three wrong tries void them; new bank details unverify.
TEST(BankRecipients, VerifiedByTheTwoDeposits) {
  Bank s;
  s.click(bk::full(bk::key::nav("recipients")));
  s.click(bk::full(bk::key::add_recipient));
  s.fill(std::string(bk::key::rcp_name), "Cobalt Logistics");
  s.fill(std::string(bk::key::rcp_bank), "Chase");
  s.fill(std::string(bk::key::rcp_routing), "021000021");
  s.fill(std::string(bk::key::rcp_account), "123456789");
  s.click(bk::full(bk::key::save_recipient));
  const int64_t id = s.count("SELECT id FROM bank_recipients WHERE name = 'Cobalt Logistics'");
  const std::string where = " FROM bank_recipients WHERE id = " + std::to_string(id);
  EXPECT_EQ(s.count("SELECT verified_ms" + where), 0);
  EXPECT_NE(s.node(bk::full(bk::key::recipient(id)))->name.find("not verified"), std::string::npos);
  s.click(bk::full(bk::key::verify(id)));  // the deposits go
  EXPECT_GT(s.count("SELECT deposits_ms" + where), s.w().now_ms() - 1000);
  const int64_t d1 = s.count("SELECT deposit1" + where), d2 = s.count("SELECT deposit2" + where);
  ASSERT_TRUE(d1 >= 1 && d1 <= 99 && d2 >= 1 && d2 <= 99 && d1 != d2) << d1 << " " << d2;
  EXPECT_FALSE(s.node(bk::full(bk::key::verify_dialog)));
  auto cents = [](int64_t c) { return "0." + std::string(c < 10 ? "0" : "") + std::to_string(c); };
  const int64_t wrong = d1 == 50 ? 51 : 50;
  for (int k = 0; k < 2; ++k) {  // two wrong tries
    s.click(bk::full(bk::key::verify(id)));
    s.fill(std::string(bk::key::dep1), cents(wrong));
    s.fill(std::string(bk::key::dep2), cents(d2));
    s.click(bk::full(bk::key::confirm_verify));
    EXPECT_EQ(s.count("SELECT tries" + where), k + 1);
    EXPECT_EQ(s.count("SELECT verified_ms" + where), 0);
  }
  EXPECT_NE(s.toast().find("1 try left"), std::string::npos) << s.toast();
  s.click(bk::full(bk::key::verify(id)));  // right, the other way round, one as cents
  s.fill(std::string(bk::key::dep1), cents(d2));
  s.fill(std::string(bk::key::dep2), std::to_string(d1));
  s.click(bk::full(bk::key::confirm_verify));
  EXPECT_GT(s.count("SELECT verified_ms" + where), s.w().now_ms() - 1000);
  EXPECT_EQ(s.count("SELECT tries" + where), 0);
  EXPECT_FALSE(s.node(bk::full(bk::key::verify(id))));
  EXPECT_NE(s.node(bk::full(bk::key::recipient(id)))->name.find(", verified"), std::string::npos);
  // New bank details: not the ones verified.
  s.click(bk::full(bk::key::edit_recipient(id)));
  s.fill(std::string(bk::key::rcp_account), "987654321");
  s.click(bk::full(bk::key::save_recipient));
  EXPECT_EQ(s.count("SELECT verified_ms" + where), 0);
  EXPECT_TRUE(s.node(bk::full(bk::key::verify(id))));
  // Three wrong tries void the deposits: Verify sends new ones.
  s.click(bk::full(bk::key::verify(id)));
  for (int k = 0; k < 3; ++k) {
    s.click(bk::full(bk::key::verify(id)));
    s.fill(std::string(bk::key::dep1), "0.00");  // not an amount: no try spent
    s.fill(std::string(bk::key::dep2), "0.01");
    s.click(bk::full(bk::key::confirm_verify));
    EXPECT_EQ(s.count("SELECT tries" + where), k);
    s.fill(std::string(bk::key::dep1), cents(s.count("SELECT deposit1" + where) == 98 ? 97 : 98));
    s.fill(std::string(bk::key::dep2), cents(s.count("SELECT deposit1" + where) == 99 ? 96 : 99));
    s.click(bk::full(bk::key::confirm_verify));
  }
  EXPECT_EQ(s.count("SELECT deposits_ms" + where), 0);
  EXPECT_NE(s.toast().find("void"), std::string::npos) << s.toast();
  // Generated recipients: verified, but for two still waiting on their deposits.
  EXPECT_EQ(s.count("SELECT count(*) FROM bank_recipients WHERE verified_ms = 0 AND deposits_ms > 0"), 2);
}

// A limit until a day (the editor's calendar), which goes back to the usual one after that day.
TEST(BankCards, LimitUntilADayThenBack) {
  Bank s;
  const int64_t before = s.count("SELECT limit_cents FROM bank_cards WHERE id = 3");
  const std::string period = s.text("SELECT limit_period FROM bank_cards WHERE id = 3");
  s.click(bk::full(bk::key::nav("cards")));
  s.click(bk::full(bk::key::limit(3)));
  ASSERT_TRUE(s.node(bk::full(bk::key::limit_dialog)));
  s.fill(std::string(bk::key::limit_amount), "9,000");
  s.click(bk::full(bk::key::period(2)));
  s.click(bk::full(bk::key::limit_for_option(1)));
  s.click(bk::full(bk::key::save_limit));  // no day yet
  EXPECT_EQ(s.count("SELECT limit_cents FROM bank_cards WHERE id = 3"), before);
  s.click(bk::full(bk::key::limit_until));
  s.click(bk::full(std::string(bk::key::limit_until) + ".next"));
  const Civil now = civil_from_ms(s.w().now_ms());
  char day[16];
  std::snprintf(day, sizeof day, "%04d-%02d-15", now.m == 12 ? now.y + 1 : now.y, now.m % 12 + 1);
  s.click(bk::full(std::string(bk::key::limit_until) + "." + day));
  s.click(bk::full(bk::key::save_limit));
  const int64_t until = bk::limit_end_time(day);
  EXPECT_EQ(s.text("SELECT limit_cents || ' ' || limit_period || ' ' || until_ms || ' ' || after_cents || ' ' || after_period FROM "
                   "bank_cards WHERE id = 3"),
            "900000 Monthly " + std::to_string(until) + " " + std::to_string(before) + " " + period);
  EXPECT_FALSE(s.node(bk::full(bk::key::limit_dialog)));
  EXPECT_NE(s.node(bk::full(bk::key::card(3)))->name.find("until "), std::string::npos);
  // The day ends (midnight Eastern after it): the usual limit again.
  ASSERT_TRUE(apps::pass_time(s.w(), until - s.w().now_ms() - 60000));
  EXPECT_EQ(s.count("SELECT limit_cents FROM bank_cards WHERE id = 3"), 900000);
  ASSERT_TRUE(apps::pass_time(s.w(), 120000));
  EXPECT_EQ(s.text("SELECT limit_cents || ' ' || limit_period || ' ' || until_ms FROM bank_cards WHERE id = 3"),
            std::to_string(before) + " " + period + " 0");
}

// The store and the bank share the user's card: Shopwise orders are charges on it, and a return
// refunded in the store comes back to it. The browser's apps menu switches between the two.
TEST(BankShopwise, ChargesAndRefundsFromTheStore) {
  namespace sk = apps::shopping;
  Bank s;
  const std::string last4 = s.text("SELECT last4 FROM shop_cards WHERE is_default = 1");
  const int64_t card = s.count("SELECT id FROM bank_cards WHERE person_id = 1 ORDER BY id LIMIT 1");
  EXPECT_EQ(s.text("SELECT last4 FROM bank_cards WHERE id = " + std::to_string(card)), last4);
  const int64_t since = (s.w().now_ms() / 86400000 - 90) * 86400000;
  EXPECT_EQ(s.count("SELECT count(*) FROM bank_txns WHERE counterparty = 'Shopwise' AND card_id = " + std::to_string(card)),
            s.count("SELECT count(*) FROM shop_orders WHERE card_id = (SELECT id FROM shop_cards WHERE is_default = 1) AND placed_ms >= " +
                    std::to_string(since)));
  EXPECT_EQ(s.count("SELECT count(*) FROM bank_txns t JOIN shop_orders o ON t.memo = 'Shopwise order ' || o.number WHERE "
                    "t.amount_cents <> -o.total_cents"),
            0);
  const int64_t item = s.count("SELECT min(i.id) FROM shop_order_items i JOIN shop_orders o ON o.id = i.order_id JOIN bank_txns t ON "
                               "t.memo = 'Shopwise order ' || o.number WHERE o.status = 'delivered'");
  ASSERT_GT(item, 0);
  s.switch_to("Shopwise");
  EXPECT_EQ(apps::current_app(s.w()), "shopping");
  s.click(sk::full(sk::key::orders));
  for (int i = 0; i < 40; ++i) {  // scroll the orders to the item
    auto n = s.node(sk::full(sk::key::return_item(item)));
    if (n && n->box.y >= 150 && n->box.y + n->box.h <= 700) break;
    ASSERT_TRUE(s.env.apply(sim::Action::scroll(700, 500, n && n->box.y < 150 ? -200 : 200)));
  }
  s.click(sk::full(sk::key::return_item(item)));
  s.click(sk::full(sk::key::reason(1)));
  s.click(sk::full(sk::key::confirm_return));
  ASSERT_EQ(s.count("SELECT count(*) FROM shop_returns"), 1);
  const int64_t refund = s.count("SELECT refund_cents FROM shop_returns");
  const int64_t lines = s.count("SELECT count(*) FROM bank_txns");
  ASSERT_TRUE(apps::pass_time(s.w(), sk::kRefundDelayMs + 1000));
  ASSERT_EQ(s.count("SELECT count(*) FROM bank_txns"), lines + 1);
  const int64_t id = s.count("SELECT max(id) FROM bank_txns");
  EXPECT_EQ(s.text("SELECT amount_cents || ' ' || card_id || ' ' || status || ' ' || counterparty FROM bank_txns WHERE id = " +
                   std::to_string(id)),
            std::to_string(refund) + " " + std::to_string(card) + " posted Shopwise");
  // Back in the bank (as it was left), the refund is in the ledger.
  s.switch_to("Ledgerly");
  EXPECT_EQ(apps::current_app(s.w()), "banking");
  s.click(bk::full(bk::key::nav("transactions")));
  s.click(bk::full(bk::key::txn_search));
  s.type("Shopwise");
  s.key("Enter");
  ASSERT_TRUE(s.node(bk::full(bk::key::txn(id))));
  // A refund of an order the bank never charged (placed in an episode) moves no money.
  s.w().query("INSERT INTO shop_orders(number, placed_ms, status, address_id, card_id, ship, subtotal_cents, ship_cents, tax_cents, "
              "total_cents, deliver_ms) VALUES('999-1', 0, 'delivered', 1, 1, 'standard', 100, 0, 0, 100, 0)").run();
  s.w().query("INSERT INTO shop_order_items(order_id, variant_id, qty, price_cents) VALUES(last_insert_rowid(), 1, 1, 100)").run();
  s.w().query("INSERT INTO shop_returns(item_id, reason, requested_ms, status, refund_cents) VALUES(last_insert_rowid(), 'x', 0, "
              "'requested', 100)").run();
  s.w().query("UPDATE shop_returns SET status = 'refunded' WHERE refund_cents = 100").run();
  EXPECT_EQ(s.count("SELECT count(*) FROM bank_txns"), lines + 1);
}
