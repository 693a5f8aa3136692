// Banking's vocabulary (a Mercury-like business bank), shared by its view, handlers, task
// templates and tests: element keys (inside the app's scope: full(key) = "banking/<key>"), ui
// keys, routes and the rules of money it states.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace facsim::apps::banking {

inline constexpr std::string_view kName = "banking";
inline std::string full(std::string_view key) { return std::string(kName) + "/" + std::string(key); }

namespace key {
// The side navigation (nav:<screen>: home, transactions, payments, recipients, cards,
// approvals) and the page (page).
inline std::string nav(std::string_view screen) { return "nav:" + std::string(screen); }
inline constexpr std::string_view page = "page", move_money = "move_money";
// Home: an account card each (account:<id>), the cash-flow chart (cashflow), recent activity.
inline std::string account(int64_t id) { return "account:" + std::to_string(id); }
inline constexpr std::string_view cashflow = "cashflow", recent = "recent", approvals_banner = "approvals_banner";
// Transactions: search (txn_search; Enter applies it), filters (txn_account, txn_status,
// txn_kind: selects), the table (txns; header sort:<date|amount>; rows txn:<id>), pages.
// A row opens the detail drawer (drawer): category (txn_category select), a note (txn_note)
// and Save (save_txn), Close (close_drawer).
inline constexpr std::string_view txn_search = "txn_search", txn_account = "txn_account", txn_status = "txn_status",
                                  txn_kind = "txn_kind", txns = "txns", pages = "pages", drawer = "drawer",
                                  txn_category = "txn_category", txn_note = "txn_note", save_txn = "save_txn",
                                  close_drawer = "close_drawer", clear_filters = "clear_filters";
inline std::string txn(int64_t id) { return "txn:" + std::to_string(id); }
inline std::string sort(std::string_view col) { return "sort:" + std::string(col); }
// Move money: from (pay_from select of accounts), to (pay_to select of recipients, or
// accounts for a transfer), the method (method:<ach|wire|transfer>), the amount, the memo,
// Review (review_payment), then Send (send_payment) or Edit (edit_payment).
inline constexpr std::string_view pay_from = "pay_from", pay_to = "pay_to", amount = "amount", memo = "memo",
                                  review_payment = "review_payment", send_payment = "send_payment",
                                  edit_payment = "edit_payment", review = "review";
inline std::string method(std::string_view m) { return "method:" + std::string(m); }
// Payments list (payment:<id>), Cancel on a scheduled one (cancel_payment:<id>).
inline std::string payment(int64_t id) { return "payment:" + std::to_string(id); }
// Recipients: a row each (recipient:<id>), Add recipient (add_recipient: recipient_dialog
// with rcp_name, rcp_bank, rcp_routing, rcp_account, save_recipient).
inline std::string recipient(int64_t id) { return "recipient:" + std::to_string(id); }
inline constexpr std::string_view add_recipient = "add_recipient", recipient_dialog = "recipient_dialog",
                                  rcp_name = "rcp_name", rcp_bank = "rcp_bank", rcp_routing = "rcp_routing",
                                  rcp_account = "rcp_account", save_recipient = "save_recipient";
// Cards: a row each (card:<id>) with Freeze/Unfreeze (freeze:<id>) and Set limit (limit:<id>:
// limit_dialog with limit_amount, the period's radios (limit_period: period:<i> of
// kLimitPeriods), save_limit).
inline std::string card(int64_t id) { return "card:" + std::to_string(id); }
inline std::string freeze(int64_t id) { return "freeze:" + std::to_string(id); }
inline std::string limit(int64_t id) { return "limit:" + std::to_string(id); }
inline std::string period(int i) { return "period:" + std::to_string(i); }
inline constexpr std::string_view limit_dialog = "limit_dialog", limit_amount = "limit_amount",
                                  limit_period = "limit_period", save_limit = "save_limit";
// Approvals: a card per payment waiting (approval:<payment id>) with Approve (approve:<id>)
// and Reject (reject:<id>: reject_dialog with reject_reason, confirm_reject).
inline std::string approval(int64_t id) { return "approval:" + std::to_string(id); }
inline std::string approve(int64_t id) { return "approve:" + std::to_string(id); }
inline std::string reject(int64_t id) { return "reject:" + std::to_string(id); }
inline constexpr std::string_view reject_dialog = "reject_dialog", reject_reason = "reject_reason",
                                  confirm_reject = "confirm_reject";
}  // namespace key

namespace ui {
// "" home | transactions | payments | recipients | cards | approvals
inline constexpr std::string_view screen = "banking.screen";
inline constexpr std::string_view txn = "banking.txn";            // the transaction in the drawer
inline constexpr std::string_view query = "banking.query";        // the transactions' search applied
inline constexpr std::string_view method = "banking.method";      // ach | wire | transfer
inline constexpr std::string_view reviewing = "banking.reviewing";  // 1: the review step shows
inline constexpr std::string_view card = "banking.card";          // the card in the limit dialog
inline constexpr std::string_view period = "banking.period";      // its period (kLimitPeriods)
inline constexpr std::string_view rejecting = "banking.rejecting";  // the payment in the dialog
}  // namespace ui

// Categories a transaction can carry ("" = uncategorised).
inline constexpr std::string_view kCategories[] = {"Software", "Travel", "Meals", "Office supplies", "Shipping",
                                                    "Advertising", "Rent", "Payroll", "Contractors",
                                                    "Professional services", "Utilities", "Revenue", "Interest",
                                                    "Transfer"};
inline constexpr std::string_view kLimitPeriods[] = {"Daily", "Weekly", "Monthly"};
inline constexpr int kTxnsPerPage = 25;
// Money movement: ACH settles in kAchDays business days; a wire sent before 4 PM Eastern posts
// that day, after it the next business day; transfers between own accounts post at once.
inline constexpr int kAchDays = 2;
inline constexpr int kWireCutoffHourEt = 16;

}  // namespace facsim::apps::banking
