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
// The side navigation (nav:<screen>: home, transactions, payments, bills, invoices, recipients, cards,
// approvals, statements, settings) and the page (page).
inline std::string nav(std::string_view screen) { return "nav:" + std::string(screen); }
inline constexpr std::string_view page = "page", move_money = "move_money";
// Home: an account card each (account:<id>), the cash-flow chart (cashflow), recent activity.
inline std::string account(int64_t id) { return "account:" + std::to_string(id); }
inline constexpr std::string_view cashflow = "cashflow", recent = "recent", approvals_banner = "approvals_banner";
inline std::string flow(int days) { return "flow:" + std::to_string(days); }  // the chart's period radios (30, 90)
// Transactions: search (txn_search; Enter applies it), filters (txn_account, txn_status,
// txn_kind: selects), the table (txns; header sort:<date|amount>; rows txn:<id>), pages.
// A row opens the detail drawer (drawer): category (txn_category select), a note (txn_note)
// and Save (save_txn), Close (close_drawer).
inline constexpr std::string_view txn_search = "txn_search", txn_account = "txn_account", txn_status = "txn_status",
                                  txn_kind = "txn_kind", txns = "txns", pages = "pages", drawer = "drawer",
                                  txn_category = "txn_category", txn_note = "txn_note", save_txn = "save_txn",
                                  close_drawer = "close_drawer", clear_filters = "clear_filters";
inline std::string txn(int64_t id) { return "txn:" + std::to_string(id); }
// More filters: category (txn_cat select: all, kCategories, Uncategorised), a date range
// (txn_from, txn_to: date pickers), an amount range (txn_min, txn_max: dollars, either sign);
// the totals of what they select (txn_totals); Export CSV (export_csv: a file in the world).
inline constexpr std::string_view txn_cat = "txn_cat", txn_from = "txn_from", txn_to = "txn_to", txn_min = "txn_min",
                                  txn_max = "txn_max", export_csv = "export_csv";
inline std::string sort(std::string_view col) { return "sort:" + std::string(col); }
// Move money: from (pay_from select of accounts), to (pay_to select of recipients, or
// accounts for a transfer), the method (method:<ach|wire|check|intl|transfer>), the amount, the memo,
// Review (review_payment), then Send (send_payment) or Edit (edit_payment).
inline constexpr std::string_view pay_from = "pay_from", pay_to = "pay_to", amount = "amount", memo = "memo",
                                  review_payment = "review_payment", send_payment = "send_payment",
                                  edit_payment = "edit_payment", review = "review";
inline std::string method(std::string_view m) { return "method:" + std::string(m); }
// International wires (method:intl) pay a recipient abroad in their currency (the amount is
// in it; the review shows the dollars at the bank's rate). When (when:<now|later|repeat>): now,
// on a day (pay_date: a date picker), or repeating (freq:<weekly|monthly>) from that day. A
// bill's Pay fills the form and ties the payment to it (paying_bill banner; detach_bill).
inline std::string when(std::string_view w) { return "when:" + std::string(w); }
inline std::string freq(std::string_view f) { return "freq:" + std::string(f); }
inline constexpr std::string_view pay_date = "pay_date", paying_bill = "paying_bill", detach_bill = "detach_bill";
// The invoice a payment carries: Attach invoice (attach_invoice: the file picker, receipt_dialog)
// and Remove (detach_invoice).
inline constexpr std::string_view attach_invoice = "attach_invoice", detach_invoice = "detach_invoice";
// Payments list (payment:<id>); the scheduled ones (scheduled:<id>) with Edit
// (edit_scheduled:<id>: schedule_dialog with sched_amount, sched_date, save_schedule) and
// Cancel (cancel_payment:<id>).
inline std::string payment(int64_t id) { return "payment:" + std::to_string(id); }
inline std::string scheduled(int64_t id) { return "scheduled:" + std::to_string(id); }
inline std::string edit_scheduled(int64_t id) { return "edit_scheduled:" + std::to_string(id); }
inline std::string cancel_payment(int64_t id) { return "cancel_payment:" + std::to_string(id); }
inline constexpr std::string_view schedule_dialog = "schedule_dialog", sched_amount = "sched_amount",
                                  sched_date = "sched_date", save_schedule = "save_schedule";
// Invoices to customers: New invoice (new_invoice) opens the editor (invoice_editor: the
// customer select inv_customer, kInvoiceLines lines of inv_desc:<i>, inv_qty:<i>, inv_price:<i>,
// the terms' radios terms:<days> of kTerms, inv_memo; save_invoice keeps a draft, send_invoice
// emails it with its PDF); rows invoice:<id> with Send (send:<id>, a draft) or Mark paid
// (mark_paid:<id>); the outstanding total (outstanding).
inline constexpr std::string_view new_invoice = "new_invoice", invoice_editor = "invoice_editor", inv_customer = "inv_customer",
                                  inv_memo = "inv_memo", save_invoice = "save_invoice", send_invoice = "send_invoice",
                                  outstanding = "outstanding", cancel_invoice = "cancel_invoice";
inline std::string inv_desc(int i) { return "inv_desc:" + std::to_string(i); }
inline std::string inv_qty(int i) { return "inv_qty:" + std::to_string(i); }
inline std::string inv_price(int i) { return "inv_price:" + std::to_string(i); }
inline std::string terms(int days) { return "terms:" + std::to_string(days); }
inline std::string invoice(int64_t id) { return "invoice:" + std::to_string(id); }
inline std::string send_draft(int64_t id) { return "send:" + std::to_string(id); }
inline std::string mark_paid(int64_t id) { return "mark_paid:" + std::to_string(id); }
// Bills: a row each (bill:<id>, its note shown) with Pay (pay_bill:<id>).
inline std::string bill(int64_t id) { return "bill:" + std::to_string(id); }
inline std::string pay_bill(int64_t id) { return "pay_bill:" + std::to_string(id); }
// Statements: a row per account and month (statement:<account>:<yyyy-mm>) with Download CSV
// (csv:<account>:<yyyy-mm>) and PDF (pdf:<account>:<yyyy-mm>): a file in the world's store.
inline std::string statement(int64_t account, std::string_view ym) {
  return "statement:" + std::to_string(account) + ":" + std::string(ym);
}
inline std::string csv(int64_t account, std::string_view ym) { return "csv:" + std::to_string(account) + ":" + std::string(ym); }
inline std::string pdf(int64_t account, std::string_view ym) { return "pdf:" + std::to_string(account) + ":" + std::string(ym); }
// Settings: the team (member:<person id>, Edit: edit_member:<id> -> member_dialog with the role's
// radios role:<i> of kRoles, member_limit, save_member; Invite: invite -> invite_dialog with
// inv_name, inv_email, the role's radios, send_invite), ACH debits (debit:<id> with Block
// block_debit:<id> or Allow allow_debit:<id>).
inline std::string member(int64_t id) { return "member:" + std::to_string(id); }
// Security: the toggle that sends wires to a second admin (wire_approval), and the amount over
// which it applies (wire_threshold; 0: every wire; save_threshold).
inline constexpr std::string_view wire_approval = "wire_approval", wire_threshold = "wire_threshold",
                                  save_threshold = "save_threshold";
inline std::string edit_member(int64_t id) { return "edit_member:" + std::to_string(id); }
inline std::string role(int i) { return "role:" + std::to_string(i); }
inline constexpr std::string_view member_dialog = "member_dialog", member_limit = "member_limit", save_member = "save_member",
                                  invite = "invite", invite_dialog = "invite_dialog", inv_name = "inv_name",
                                  inv_email = "inv_email", send_invite = "send_invite";
inline std::string debit(int64_t id) { return "debit:" + std::to_string(id); }
inline std::string block_debit(int64_t id) { return "block_debit:" + std::to_string(id); }
inline std::string allow_debit(int64_t id) { return "allow_debit:" + std::to_string(id); }
// Recipients: a row each (recipient:<id>), Add recipient (add_recipient: recipient_dialog
// with rcp_name, rcp_bank, rcp_routing, rcp_account, save_recipient).
inline std::string recipient(int64_t id) { return "recipient:" + std::to_string(id); }
// Edit on a domestic recipient (edit_recipient:<id>) opens the same dialog, filled.
inline std::string edit_recipient(int64_t id) { return "edit_recipient:" + std::to_string(id); }
inline constexpr std::string_view add_recipient = "add_recipient", recipient_dialog = "recipient_dialog",
                                  rcp_name = "rcp_name", rcp_bank = "rcp_bank", rcp_routing = "rcp_routing",
                                  rcp_account = "rcp_account", rcp_address = "rcp_address", save_recipient = "save_recipient";
// Verify on a domestic recipient not yet verified (verify:<id>): the bank sends two deposits
// under $1; then the same button opens verify_dialog (dep1, dep2,
// confirm_verify) for the amounts the recipient saw.
inline std::string verify(int64_t id) { return "verify:" + std::to_string(id); }
inline constexpr std::string_view verify_dialog = "verify_dialog", dep1 = "dep1", dep2 = "dep2", confirm_verify = "confirm_verify";
// Cards: a row each (card:<id>) with Freeze/Unfreeze (freeze:<id>) and Limit (limit:<id>: an
// editor under the row, limit_dialog, with limit_amount, the period's radios (limit_period:
// period:<i> of kLimitPeriods), how long (limit_for: for:0 permanent, for:1 until the day of
// the date picker limit_until), save_limit, close_limit).
inline std::string card(int64_t id) { return "card:" + std::to_string(id); }
inline std::string freeze(int64_t id) { return "freeze:" + std::to_string(id); }
inline std::string limit(int64_t id) { return "limit:" + std::to_string(id); }
inline std::string period(int i) { return "period:" + std::to_string(i); }
inline constexpr std::string_view limit_dialog = "limit_dialog", limit_amount = "limit_amount",
                                  limit_period = "limit_period", save_limit = "save_limit", limit_for = "limit_for",
                                  limit_until = "limit_until", close_limit = "close_limit";
inline std::string limit_for_option(int i) { return "for:" + std::to_string(i); }
// Replace (replace:<id>: replace_dialog with the reason's radios reason:<i> of kReplaceReasons,
// confirm_replace): lost or stolen cancels the card; a new one takes its place.
inline std::string replace(int64_t id) { return "replace:" + std::to_string(id); }
// Controls (controls:<id>: controls_dialog with a checkbox per category of kLockable, lock:<i>,
// that declines its purchases at once; controls_done).
inline std::string controls(int64_t id) { return "controls:" + std::to_string(id); }
inline std::string lock(int i) { return "lock:" + std::to_string(i); }
inline constexpr std::string_view controls_dialog = "controls_dialog", controls_done = "controls_done";
// The drawer's receipt: Attach receipt (attach_receipt: receipt_dialog with receipt_search and
// the world's files, file:<id>, newest first; a click attaches it), Remove (remove_receipt).
inline std::string file(int64_t id) { return "file:" + std::to_string(id); }
inline constexpr std::string_view attach_receipt = "attach_receipt", receipt_dialog = "receipt_dialog",
                                  receipt_search = "receipt_search", remove_receipt = "remove_receipt";
inline std::string reason(int i) { return "reason:" + std::to_string(i); }
inline constexpr std::string_view replace_dialog = "replace_dialog", confirm_replace = "confirm_replace";
// A card charge disputed from the transaction drawer (dispute: dispute_dialog with the radios
// dispute_reason:<i> of kDisputeReasons, dispute_details, confirm_dispute).
inline std::string dispute_reason(int i) { return "dispute_reason:" + std::to_string(i); }
inline constexpr std::string_view dispute = "dispute", dispute_dialog = "dispute_dialog", dispute_details = "dispute_details",
                                  confirm_dispute = "confirm_dispute";
// Approvals: a card per payment waiting (approval:<payment id>) with Approve (approve:<id>)
// and Reject (reject:<id>: reject_dialog with reject_reason, confirm_reject).
inline std::string approval(int64_t id) { return "approval:" + std::to_string(id); }
inline std::string approve(int64_t id) { return "approve:" + std::to_string(id); }
inline std::string history(int64_t id) { return "history:" + std::to_string(id); }  // a decision made (approval_history)
inline std::string reject(int64_t id) { return "reject:" + std::to_string(id); }
inline constexpr std::string_view reject_dialog = "reject_dialog", reject_reason = "reject_reason",
                                  confirm_reject = "confirm_reject";
}  // namespace key

namespace ui {
// "" home | transactions | payments | bills | invoices | recipients | cards | approvals | statements | settings
inline constexpr std::string_view screen = "banking.screen";
inline constexpr std::string_view txn = "banking.txn";            // the transaction in the drawer
inline constexpr std::string_view query = "banking.query";        // the transactions' search applied
inline constexpr std::string_view method = "banking.method";      // ach | wire | transfer
inline constexpr std::string_view reviewing = "banking.reviewing";  // 1: the review step shows
inline constexpr std::string_view card = "banking.card";          // the card in the replace/controls dialog
inline constexpr std::string_view limit_card = "banking.limit_card";  // the card whose limit editor is open (0: none)
inline constexpr std::string_view limit_for = "banking.limit_for";    // 0 permanent, 1 until a day
inline constexpr std::string_view verifying = "banking.verifying";    // the recipient in verify_dialog
inline constexpr std::string_view period = "banking.period";      // its period (kLimitPeriods)
inline constexpr std::string_view rejecting = "banking.rejecting";  // the payment in the dialog
inline constexpr std::string_view when = "banking.when";          // now | later | repeat
inline constexpr std::string_view freq = "banking.freq";          // weekly | monthly
inline constexpr std::string_view bill = "banking.bill";          // the bill the form pays
inline constexpr std::string_view editing = "banking.editing";    // the scheduled payment in the dialog
inline constexpr std::string_view reason = "banking.reason";      // the replacement's reason (kReplaceReasons)
inline constexpr std::string_view dispute_reason = "banking.dispute_reason";  // kDisputeReasons
inline constexpr std::string_view member = "banking.member";      // the member in the dialog
inline constexpr std::string_view role = "banking.role";          // the role chosen (kRoles)
inline constexpr std::string_view rcp_editing = "banking.rcp_editing";  // the recipient in the dialog (0: a new one)
inline constexpr std::string_view flow_days = "banking.flow_days";    // the cash-flow chart's days (30 or 90)
inline constexpr std::string_view picking = "banking.picking";        // the file picker's purpose: receipt | invoice
inline constexpr std::string_view pay_file = "banking.pay_file";      // the invoice file the payment form carries
inline constexpr std::string_view inv_open = "banking.inv_open";      // 1: the invoice editor shows
inline constexpr std::string_view inv_terms = "banking.inv_terms";    // its terms, days (kTerms)
}  // namespace ui

// Categories a transaction can carry ("" = uncategorised).
inline constexpr std::string_view kCategories[] = {"Software", "Travel", "Meals", "Office supplies", "Shipping",
                                                    "Advertising", "Rent", "Payroll", "Contractors",
                                                    "Professional services", "Utilities", "Revenue", "Interest",
                                                    "Transfer"};
inline constexpr std::string_view kLimitPeriods[] = {"Daily", "Weekly", "Monthly"};
inline constexpr std::string_view kReplaceReasons[] = {"Lost", "Stolen", "Damaged"};
inline constexpr std::string_view kDisputeReasons[] = {"Duplicate charge", "Not received", "Wrong amount",
                                                        "Did not authorize"};
inline constexpr std::string_view kRoles[] = {"admin", "bookkeeper", "employee"};
inline constexpr int kInvoiceLines = 3;               // line slots in the invoice editor
inline constexpr int kTerms[] = {15, 30, 45};          // net days an invoice is due in
// Merchant categories a card can decline (its controls).
inline constexpr std::string_view kLockable[] = {"Travel", "Meals", "Software", "Advertising", "Office supplies", "Shipping",
                                                  "Utilities"};
inline constexpr int kTxnsPerPage = 25;
inline constexpr int kStatementMonths = 3;  // whole months of statements, newest first (the ledger holds 90 days)
// Money movement: ACH settles in kAchDays business days; a wire sent before 4 PM Eastern posts
// that day, after it the next business day; transfers between own accounts post at once.
inline constexpr int kAchDays = 2;
inline constexpr int kWireCutoffHourEt = 16;
// An international wire arrives kIntlDays business days on, at 10 AM Eastern; a check is
// mailed and clears kCheckDays business days on, at noon.
inline constexpr int kIntlDays = 1;
inline constexpr int kCheckDays = 5;

}  // namespace facsim::apps::banking
