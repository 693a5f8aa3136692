// Mail's vocabulary, shared by its view, handlers, task templates and tests: element keys,
// ui keys, routes and labels. Element keys are written inside the app's scope ("search"); the
// world, the a11y tree and Env::element_center name them in full (full(key::search) =
// "mail/search").
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include "calendar.h"

namespace facsim::apps::mail {

inline constexpr std::string_view kName = "mail";  // app name = key scope

// Full key of a key inside mail's scope.
inline std::string full(std::string_view key) { return std::string(kName) + "/" + std::string(key); }

namespace key {  // element keys (inside the scope)
inline constexpr std::string_view search = "search";          // the search field
inline constexpr std::string_view clear_search = "clear_search";
inline constexpr std::string_view header = "header", nav = "nav", main = "main";
inline constexpr std::string_view compose = "compose";
inline constexpr std::string_view toolbar = "toolbar", list = "list";
inline constexpr std::string_view select_all = "select_all", mark_read = "mark_read",
                                  mark_unread = "mark_unread", refresh = "refresh", more = "more";
inline constexpr std::string_view back = "back", mark_unread_open = "mark_unread_open",
                                  star_open = "star_open", important_open = "important_open";
// Organising, on the selection (list toolbar) or on the open email (its toolbar).
inline constexpr std::string_view archive = "archive", trash = "trash", spam = "spam",
                                  not_spam = "not_spam", to_inbox = "to_inbox",
                                  delete_forever = "delete_forever";
inline constexpr std::string_view archive_open = "archive_open", trash_open = "trash_open",
                                  spam_open = "spam_open", to_inbox_open = "to_inbox_open";
// The composer (a window at the bottom right): its fields and buttons.
// Recipients: To, and Cc/Bcc once "Cc Bcc" (show_cc) is clicked. Typing in a recipient field
// lists matching people (suggest:<kind>:<id>); choosing one makes a chip
// (recipient:<kind>:<id>, with remove_recipient:<kind>:<id>).
inline constexpr std::string_view compose_cc = "compose_cc", compose_bcc = "compose_bcc",
                                  show_cc = "show_cc";
inline std::string suggest(std::string_view kind, int64_t id) {
  return "suggest:" + std::string(kind) + ":" + std::to_string(id);
}
inline std::string recipient(std::string_view kind, int64_t id) {
  return "recipient:" + std::string(kind) + ":" + std::to_string(id);
}
inline std::string remove_recipient(std::string_view kind, int64_t id) {
  return "remove_recipient:" + std::string(kind) + ":" + std::to_string(id);
}
inline std::string reply_all(int64_t email) { return "reply_all:" + std::to_string(email); }
inline constexpr std::string_view composer = "composer", compose_to = "compose_to",
                                  compose_subject = "compose_subject",
                                  compose_body = "compose_body", send = "send",
                                  discard = "discard", close_compose = "close_compose";
inline constexpr std::string_view reply = "reply";  // on the open email
// Schedule send: the arrow by Send opens schedule_menu; a scheduled email's Cancel send.
inline constexpr std::string_view schedule = "schedule", schedule_menu = "schedule_menu",
                                  cancel_send = "cancel_send";
// Settings (#settings, the header's gear): Undo Send seconds (undo_5 ... undo_30), the
// signature, the vacation responder (vacation_toggle, vacation_subject, vacation_body), Save
// Changes; filters: each listed with delete_filter:<id>, and a new one from filter_from with
// filter_skip (skip the inbox), filter_read (mark read), filter_label (a select of labels)
// and filter_existing (apply to matching mail now), made by create_filter.
inline constexpr std::string_view settings = "settings", open_settings = "open_settings",
                                  settings_signature = "settings_signature",
                                  vacation_toggle = "vacation_toggle",
                                  vacation_subject = "vacation_subject",
                                  vacation_body = "vacation_body", save_settings = "save_settings",
                                  filter_from = "filter_from", filter_skip = "filter_skip",
                                  filter_read = "filter_read", filter_label = "filter_label",
                                  filter_existing = "filter_existing",
                                  create_filter = "create_filter";
inline std::string undo_choice(int seconds) { return "undo_" + std::to_string(seconds); }
inline std::string delete_filter(int64_t id) { return "delete_filter:" + std::to_string(id); }
// Contacts (#contacts, the sidebar's Contacts): a search (contacts_search) over the people of
// the world, a row each (contact:<id>, named "Name, address, company, title") with Email
// (email_contact:<id>: a new message to them).
inline constexpr std::string_view contacts = "contacts", contacts_search = "contacts_search";
inline std::string contact(int64_t id) { return "contact:" + std::to_string(id); }
inline std::string email_contact(int64_t id) { return "email_contact:" + std::to_string(id); }
// Trash and Spam: "Empty Trash now" / "Delete all spam messages now" above the list.
inline constexpr std::string_view empty_folder = "empty_folder";
// Pages of the list ("1-50 of 312"): the newer and older arrows.
inline constexpr std::string_view newer = "newer", older = "older";
// The open conversation: "N older messages" (collapsed middle) and each email's card, whose
// header (collapsed: the whole card) expands it; Reply and Forward per email.
inline constexpr std::string_view show_older = "show_older";
// Move to (move_to opens move_menu: Inbox, Spam, Trash, then the labels: a label moves the
// conversations out of the inbox under it).
inline constexpr std::string_view move_to = "move_to", move_menu = "move_menu";
// A row's right-click menu (row_menu.0 ...): on the row, or on the selection it is part of.
inline constexpr std::string_view row_menu = "row_menu";
inline constexpr std::string_view shortcuts_help = "shortcuts_help";
// The composer's attachments: a chip per file with its remove button; Attach opens a dialog
// (attach_picker) with a search field and a row per file (pick_file:<id>).
inline constexpr std::string_view attach = "attach", attach_picker = "attach_picker",
                                  attach_search = "attach_search";
inline std::string pick_file(int64_t file) { return "pick_file:" + std::to_string(file); }
inline std::string attachment(int64_t file) { return "attachment:" + std::to_string(file); }
inline std::string remove_attachment(int64_t file) {
  return "remove_attachment:" + std::to_string(file);
}
// The composer's window: minimise (compose_min; its bar then restores it) and full size
// (compose_max, again: back to the corner). The message's formatting bar: bold, italic, a
// link (link_dialog: link_text, link_url, insert_link), a bulleted list. The body keeps it as
// light markup (**bold**, _italic_, [text](address), "\u2022 " items; dom::widget::parse_markup).
inline constexpr std::string_view compose_min = "compose_min", compose_max = "compose_max",
                                  format_bold = "format_bold", format_italic = "format_italic",
                                  format_link = "format_link", format_bullets = "format_bullets",
                                  link_dialog = "link_dialog", link_text = "link_text",
                                  link_url = "link_url", insert_link = "insert_link",
                                  draft_status = "draft_status";
// "Pick date & time" (the last item of the snooze and schedule menus): a dialog with a month
// (pick_prev, pick_next, a day each: pick_day:<YYYY-MM-DD>), a time field (pick_clock) and
// Save (pick_save).
inline constexpr std::string_view datetime_dialog = "datetime_dialog", pick_prev = "pick_prev",
                                  pick_next = "pick_next", pick_clock = "pick_clock",
                                  pick_save = "pick_save";
inline std::string pick_day(std::string_view iso) { return "pick_day:" + std::string(iso); }
// More (the list toolbar's and the open conversation's): a menu (more_menu) with Mark all as
// read (nothing selected), Mute and Unmute.
inline constexpr std::string_view more_menu = "more_menu", more_open = "more_open";
// A row's actions while the pointer is over it (Gmail's): archive, delete, read/unread, snooze.
inline std::string row_archive(int64_t id) { return "row_archive:" + std::to_string(id); }
inline std::string row_trash(int64_t id) { return "row_trash:" + std::to_string(id); }
inline std::string row_read(int64_t id) { return "row_read:" + std::to_string(id); }
inline std::string row_snooze(int64_t id) { return "row_snooze:" + std::to_string(id); }
// Search options (the search bar's tune button): a form (search_form) whose fields
// (adv_from, adv_to, adv_subject, adv_words, adv_without, adv_attachment, adv_within) make a
// query that adv_search runs (adv_clear empties them).
inline constexpr std::string_view search_options = "search_options", search_form = "search_form",
                                  adv_from = "adv_from", adv_to = "adv_to",
                                  adv_subject = "adv_subject", adv_words = "adv_words",
                                  adv_without = "adv_without", adv_attachment = "adv_attachment",
                                  adv_within = "adv_within", adv_search = "adv_search",
                                  adv_clear = "adv_clear";
// An attachment's preview (a click on its chip): a modal (preview) with the file drawn (a
// document's pages, an image) and Close; a link in an email (a click): link_notice, saying
// the address is outside the simulated workplace (the visit is kept in web_visits).
inline constexpr std::string_view preview = "preview", link_notice = "link_notice";
// Settings' density: density:<id> radios.
inline std::string density(std::string_view d) { return "density:" + std::string(d); }
inline std::string reply_to(int64_t email) { return "reply:" + std::to_string(email); }
inline std::string forward(int64_t email) { return "forward:" + std::to_string(email); }
inline std::string thread(int64_t id) { return "thread:" + std::to_string(id); }
// Snooze: the button opens a menu of presets (menu items snooze_menu.0 ...).
inline constexpr std::string_view snooze = "snooze", snooze_menu = "snooze_menu";
// Labels: the sidebar lists them (label:<id>; add_label opens the new-label dialog); the
// toolbars' Label button (label_as) opens a menu (label_menu) with a search field
// (label_search), a checkbox per label (label_check:<id>) and Create new (new_label); the
// dialog (new_label_dialog) has a name field (new_label_name) and Create (create_label). The
// open conversation's label chips have a remove button (unlabel:<id>).
inline constexpr std::string_view label_as = "label_as", label_menu = "label_menu",
                                  label_search = "label_search", new_label = "new_label",
                                  add_label = "add_label", new_label_dialog = "new_label_dialog",
                                  new_label_name = "new_label_name", create_label = "create_label";
inline std::string label(int64_t id) { return "label:" + std::to_string(id); }
inline std::string label_check(int64_t id) { return "label_check:" + std::to_string(id); }
inline std::string unlabel(int64_t id) { return "unlabel:" + std::to_string(id); }
inline std::string row(int64_t id) { return "row:" + std::to_string(id); }
inline std::string star(int64_t id) { return "star:" + std::to_string(id); }
inline std::string select(int64_t id) { return "select:" + std::to_string(id); }
inline std::string message(int64_t id) { return "message:" + std::to_string(id); }  // an email
inline std::string important(int64_t id) { return "important:" + std::to_string(id); }  // a row's marker
inline std::string tab(std::string_view category) { return "tab:" + std::string(category); }
inline std::string expand(int64_t id) { return "expand:" + std::to_string(id); }  // its header
inline std::string folder(std::string_view f) { return "folder:" + std::string(f); }
}  // namespace key

namespace ui {  // ui keys (table ui) of mail's session
inline constexpr std::string_view folder = "mail.folder";  // the folder shown, or label:<id>
inline constexpr std::string_view open = "mail.open";      // the open thread's id, 0 = the list
inline constexpr std::string_view page = "mail.page";      // the list's page, 0 = newest
inline constexpr std::string_view category = "mail.category";  // the inbox tab (primary)
inline constexpr std::string_view show_older = "mail.show_older";  // 1: all of the thread shown
// The keyboard: the row j/k moved to (a thread id, 0 none), "g" pressed last (g then i...),
// the shortcuts' help (overlay key shortcuts_help, opened by "?").
inline constexpr std::string_view cursor = "mail.cursor";
// The settings form before Save Changes: Undo Send seconds, vacation on, and the new filter's
// boxes (its text fields are field:mail/<key>).
inline constexpr std::string_view set_undo = "mail.set_undo", set_vacation = "mail.set_vacation",
                                  set_filter_skip = "mail.filter_skip",
                                  set_filter_read = "mail.filter_read",
                                  set_filter_existing = "mail.filter_existing";
inline constexpr std::string_view go_prefix = "mail.g";
// Undo: until when it is offered, and, after a send, the email sent and the composer's mode.
inline constexpr std::string_view undo_until = "mail.undo_until";
inline constexpr std::string_view undo_send = "mail.undo_send";
inline constexpr std::string_view undo_mode = "mail.undo_mode";
// 1: the new-label dialog was opened from the Label menu (the new label goes on its targets).
inline constexpr std::string_view label_targets = "mail.label_targets";
inline constexpr std::string_view query = "mail.query";    // the submitted search
// The composer: "" closed, "new", "reply:<id>" (a reply to email id, in its thread),
// "reply_all:<id>", "forward:<id>" or "draft:<id>" (a saved draft reopened); its text is in the fields' ui keys
// (field:mail/compose_to ...), its files in mail_ui_attachments.
inline constexpr std::string_view compose = "mail.compose";
inline constexpr std::string_view show_cc = "mail.show_cc";  // 1: the Cc and Bcc fields show
// The composer's window: "" at the corner, "min" (its bar only), "max" (over the page).
inline constexpr std::string_view compose_size = "mail.compose_size";
// The draft the composer is saved to as it is typed (mail_messages.id, 0: none yet), and when
// the next save falls due (0: nothing typed since the last): typing saves within
// kAutosaveMs of virtual time (a "mail.autosave" event), as Gmail saves a moment after.
inline constexpr std::string_view draft = "mail.draft";
inline constexpr std::string_view draft_due = "mail.draft_due";
// Pick date & time: for "snooze" or "schedule"; the day chosen (YYYY-MM-DD) and the month shown.
inline constexpr std::string_view pick_for = "mail.pick_for", pick_day = "mail.pick_day",
                                  pick_month = "mail.pick_month";
inline constexpr std::string_view preview = "mail.preview";   // the file previewed
inline constexpr std::string_view link = "mail.link";         // the address of link_notice
inline constexpr std::string_view search_form = "mail.search_form";  // 1: the form is open
inline constexpr std::string_view adv_attachment = "mail.adv_attachment";  // 1: ticked
inline constexpr std::string_view set_density = "mail.set_density";  // Settings, before Save
}  // namespace ui

// Settings (table mail_settings; a key not there has its default).
struct Setting {
  std::string_view key, fallback;
};
inline constexpr Setting kSettings[] = {
    {"undo_send_seconds", "5"},  // how long Undo is offered after Send (5, 10, 20, 30)
    {"signature", ""},           // added under a new message
    {"vacation", "0"},           // 1: the vacation responder answers incoming mail
    {"vacation_subject", ""},
    {"vacation_body", ""},
    {"density", "default"},      // the list's rows: default, comfortable, compact
};
// Density, as Settings lists it: the row height's change from the appearance's, and whether
// rows show their first file's chip.
struct Density {
  std::string_view id, label;
  int dh;
  bool chips;
};
inline constexpr Density kDensities[] = {{"default", "Default", 0, true},
                                         {"comfortable", "Comfortable", 0, false},
                                         {"compact", "Compact", -8, false}};
// The search form's "Date within": 0 any time, then newer_than: values.
struct Within {
  std::string_view label, value;
};
inline constexpr Within kWithin[] = {{"Any time", ""},      {"1 day", "1d"},    {"3 days", "3d"},
                                     {"1 week", "7d"},      {"2 weeks", "14d"}, {"1 month", "1m"},
                                     {"2 months", "2m"},    {"6 months", "6m"}, {"1 year", "1y"}};
inline constexpr int64_t kUndoMoveMs = 8000;
inline constexpr int64_t kAutosaveMs = 2000;  // typing in the composer saves its draft this soon  // Undo after archive, delete, spam, snooze
inline constexpr int kUndoChoices[] = {5, 10, 20, 30};  // Undo Send's choices, in seconds
inline constexpr int kContactRows = 60;  // Contacts lists at most this many matches

// Snooze presets, as the menu lists them (mail:snooze:<id>).
struct SnoozePreset {
  std::string_view id, label;
};
inline constexpr SnoozePreset kSnoozePresets[] = {{"later_today", "Later today"},
                                                  {"tomorrow", "Tomorrow"},
                                                  {"weekend", "This weekend"},
                                                  {"next_week", "Next week"}};
// The time a preset names (virtual clock, UTC), for snooze and schedule send alike: later
// today 6 PM (tomorrow 8 AM after 5 PM), tomorrow 8 AM, Saturday 8 AM, next Monday 8 AM,
// tomorrow morning 8 AM, tomorrow afternoon 1 PM, Monday morning 8 AM. 0: no such preset.
inline int64_t preset_time(std::string_view preset, int64_t now_ms) {
  const Civil c = civil_from_ms(now_ms);
  const int64_t today = days_from_civil(c.y, c.m, c.d);
  auto at = [](int64_t day, int hour) { return (day * 24 + hour) * 3600000; };
  const int64_t monday = today + (c.wday == 0 ? 1 : 8 - c.wday);
  if (preset == "later_today") return c.hour < 17 ? at(today, 18) : at(today + 1, 8);
  if (preset == "tomorrow" || preset == "tomorrow_morning") return at(today + 1, 8);
  if (preset == "tomorrow_afternoon") return at(today + 1, 13);
  if (preset == "weekend") return at(today + (c.wday == 6 ? 7 : 6 - c.wday), 8);
  if (preset == "next_week" || preset == "monday_morning") return at(monday, 8);
  return 0;
}
inline int64_t snooze_until(std::string_view preset, int64_t now_ms) {
  return preset_time(preset, now_ms);
}

// Schedule send's presets (the menu by Send: schedule_menu.0 ...), as Gmail offers them.
inline constexpr SnoozePreset kSchedulePresets[] = {{"tomorrow_morning", "Tomorrow morning"},
                                                    {"tomorrow_afternoon", "Tomorrow afternoon"},
                                                    {"monday_morning", "Monday morning"}};
inline int64_t schedule_at(std::string_view preset, int64_t now_ms) {
  return preset_time(preset, now_ms);
}

// Folders: route name and label.
struct Folder {
  std::string_view id, label;
};
inline constexpr Folder kFolders[] = {{"inbox", "Inbox"}, {"starred", "Starred"},
                                      {"important", "Important"},
                                      {"snoozed", "Snoozed"}, {"scheduled", "Scheduled"},
                                      {"sent", "Sent"},
                                      {"drafts", "Drafts"}, {"all", "All mail"},
                                      {"spam", "Spam"}, {"trash", "Trash"}};
// The inbox's tabs (mail_messages.category), Gmail's.
inline constexpr Folder kCategories[] = {{"primary", "Primary"}, {"promotions", "Promotions"},
                                         {"social", "Social"}, {"updates", "Updates"}};
// Where an email is (mail_messages.folder): inbox, sent, drafts, archive (All mail only),
// spam, trash. "starred", "important" and "all" are views, not places.

// A label's name may nest with "/" ("Finance/Invoices", shown under "Finance"); its route is
// "#label/<name>" with "/" written "%2F", as Gmail writes it.
inline constexpr int kMaxLabelName = 40;

// Tables: mail_messages (one row an email; sender_id -> people.id; thread_id: the conversation,
// the id of its first email), mail_attachments (email -> files.id), mail_incoming (mail on its
// way, moved into mail_messages by the "mail.arrive" event), mail_labels (id, name, color
// 0..7) and mail_message_labels (email -> label); the session's mail_ui_selected
// (ticked conversations), mail_ui_expanded (emails shown whole in the open conversation),
// mail_ui_attachments (the composer's files); mail_settings (key, value), mail_filters (id,
// from_query, label_id, skip_inbox, mark_read): rules applied to mail that arrives.
inline constexpr int kPageSize = 50;  // conversations a list page shows
// The pager counts exactly up to this many conversations ("1-50 of 212"), then says "of many".
inline constexpr int kExactCount = 100;

}  // namespace facsim::apps::mail
