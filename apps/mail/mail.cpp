// Mail, a Gmail-like client: the annotated reference app (see docs/adding-an-app.md).
//
// [SECTION] Schema
// [SECTION] World generator (seeded from assets/corpora, on mail's own random streams)
// [SECTION] Queries shared by the view and the handlers
// [SECTION] View: header, sidebar, list, message
// [SECTION] Handlers
//
// Its vocabulary (element keys, ui keys, folders) is in keys.h. UI session keys (table ui):
// mail.folder, mail.open (email id, 0 = list), mail.query (the submitted search); the search
// field's text is field:mail/search, the list's scroll offset scroll:mail/list.
#include "keys.h"
#include "content.h"

#include <algorithm>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>
#include <xxhash.h>

#include "apps.h"
#include "assets.h"
#include "calendar.h"
#include "dom.h"
#include "state.h"
#include "world/world.h"

namespace facsim::apps {
namespace mail {
namespace {

using dom::Align;
using dom::Dir;
using dom::Role;

// [SECTION] Schema ------------------------------------------------------------------------------
const char* kSchema = R"sql(
CREATE TABLE mail_messages(
  id INTEGER PRIMARY KEY, folder TEXT NOT NULL, sender_id INTEGER NOT NULL REFERENCES people(id),
  recipient_id INTEGER NOT NULL REFERENCES people(id),
  subject TEXT NOT NULL, snippet TEXT NOT NULL, body TEXT NOT NULL, received_ms INTEGER NOT NULL,
  unread INTEGER NOT NULL DEFAULT 0 CHECK(unread IN (0, 1)),
  starred INTEGER NOT NULL DEFAULT 0 CHECK(starred IN (0, 1)),
  snooze_ms INTEGER NOT NULL DEFAULT 0);  -- folder 'snoozed': when it comes back
CREATE INDEX mail_messages_by_folder ON mail_messages(folder, received_ms DESC);
CREATE TABLE mail_ui_selected(email_id INTEGER PRIMARY KEY);
-- Mail still on its way: a scheduled "mail.arrive" event moves each row into mail_messages.
CREATE TABLE mail_incoming(
  id INTEGER PRIMARY KEY, sender_id INTEGER NOT NULL REFERENCES people(id),
  subject TEXT NOT NULL, body TEXT NOT NULL);
)sql";

// Tunables of the generator (STYLE.md, lesson 14).
constexpr int kInbox = 50, kSent = 12, kSpam = 4, kTrash = 3;
constexpr uint32_t kUnreadPct = 40, kStarredPct = 10;

const char* kFolderIcons[] = {"\xE2\x9C\x89", "\xE2\x98\x86", "\xE2\x97\xB7", "\xE2\x86\x92",
                              "\xE2\x9C\x8E", "\xE2\x98\xB0", "\xE2\x9A\x91", "\xE2\x9C\x95"};
static_assert(std::size(kFolderIcons) == std::size(kFolders));
// Toolbar glyphs from the baked atlas.
constexpr const char* kArchiveGlyph = "\xE2\x86\x93";  // down arrow: into the archive
constexpr const char* kInboxGlyph = "\xE2\x86\x91";    // up arrow: back to the inbox
constexpr const char* kSpamGlyph = "\xE2\x9A\x91";
constexpr const char* kTrashGlyph = "\xE2\x9C\x95";

// Mail's own colours (Gmail's), per appearance: an app's palette lives with the app, not in
// the shared dom::Theme.
struct Palette {
  uint32_t search, compose, compose_hover, nav_selected, row_hover, text_secondary, chip,
      body_text;
};
const Palette& palette(const dom::Theme& th) {
  using dom::rgb;
  static const Palette light{rgb(0xe9eef6), rgb(0xc2e7ff), rgb(0xb0dcfa), rgb(0xd3e3fd),
                             rgb(0xe4e9f0), rgb(0x3c4043), rgb(0xdde3ea), rgb(0x222222)};
  static const Palette dark{rgb(0x2d2e31), rgb(0x004a77), rgb(0x0b5a8c), rgb(0x004a77),
                            rgb(0x2d2e31), rgb(0xc4c7c5), rgb(0x3c4043), rgb(0xe3e3e3)};
  return th.dark ? dark : light;
}

// [SECTION] World generator -----------------------------------------------------------------------
// Every draw comes from mail's own stream (App::install's rng); the mail still to arrive draws
// from a second stream ("mail.arrivals"), so adding scheduled mail did not change the inbox.
// The list's preview: the body's first 140 characters on one line (no cut inside a UTF-8
// sequence), as webmail shows it.
std::string snippet_of(const std::string& body) {
  std::string s;
  for (char c : body) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    if (c == ' ' && (s.empty() || s.back() == ' ')) continue;
    s += c;
  }
  if (s.size() > 140) {
    size_t cut = 140;
    while (cut > 0 && (uint8_t(s[cut]) & 0xC0) == 0x80) --cut;
    s.resize(cut);
  }
  return s;
}

// The living inbox: kArrivals emails arrive over the next virtual hour, the first within 30-90
// seconds (tasks such as mail.star_arrival wait for it), each scheduled as a world event.
constexpr int kArrivals = 6;
void schedule_arrivals(state::World& w, Rng& d, const Cast& cast) {
  int64_t at = w.now_ms() + 30000 + 1000 * int64_t(d.below(61));
  for (int i = 0; i < kArrivals; ++i) {
    const Letter l = write_letter(cast, d, false);
    w.query("INSERT INTO mail_incoming(sender_id, subject, body) VALUES(?, ?, ?)", l.sender,
            l.subject, l.body).run();
    w.schedule(at, "mail.arrive", std::to_string(w.last_insert_rowid()));
    at += 1000 * 60 * int64_t(2 + d.below(12));
  }
}

Status install(state::World& w, Rng& d) {
  if (Status s = w.exec(kSchema); !s) return s;
  if (Status s = w.begin(); !s) return s;
  const Cast cast = Cast::read(w);
  if (cast.empty()) {
    w.rollback();
    return Error{Errc::internal, "mail needs people besides the user"};
  }
  // kInbox messages going back in time from the virtual now, plus sent/spam/trash.
  int64_t t = w.now_ms() - 1000 * 60 * int64_t(7 + d.below(40));
  auto add_email = [&](std::string_view folder) {
    const Letter l = write_letter(cast, d, folder == "sent");
    bool unread = folder == "inbox" && d.below(100) < kUnreadPct;
    bool starred = d.below(100) < kStarredPct;
    w.query("INSERT INTO mail_messages(folder, sender_id, recipient_id, subject, snippet, body, "
            "received_ms, unread, starred) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)",
            folder, l.sender, l.recipient, l.subject, snippet_of(l.body), l.body, t,
            int64_t(unread), int64_t(starred)).run();
    t -= 1000 * 60 * int64_t(5 + d.below(60 * 20));
  };
  for (int i = 0; i < kInbox; ++i) add_email("inbox");
  for (int i = 0; i < kSent; ++i) add_email("sent");
  for (int i = 0; i < kSpam; ++i) add_email("spam");
  for (int i = 0; i < kTrash; ++i) add_email("trash");
  Rng arrivals = Rng::stream(w.seed(), "mail.arrivals");
  schedule_arrivals(w, arrivals, cast);
  w.ui_set(ui::folder, "inbox");
  if (const Error* e = w.error()) {
    Error err = *e;
    w.rollback();
    return err;
  }
  return w.commit();
}

// [SECTION] Queries -----------------------------------------------------------------------------
struct Row {
  int64_t id;
  std::string sender, subject, snippet;
  int64_t received_ms;
  bool unread, starred;
  uint64_t digest[2] = {0, 0};  // of all the above (RowList): what its memo stamps
};

std::string like_pattern(std::string_view q) {
  std::string p = "%";
  for (char c : q) {
    if (c == '%' || c == '_' || c == '\\') p += '\\';
    p += c;
  }
  return p + "%";
}

// A search: terms joined by AND (Gmail's operators): from:X (a full address matches exactly,
// anything else the sender's name or address as a substring), to:X, subject:X, is:unread,
// is:read, is:starred, in:<folder>, and free words matched against the sender, subject and
// snippet (case-insensitive). Without in:, spam and trash are left out. Values are bound.
struct Search {
  std::string where;
  std::vector<std::string> args;
};
Search parse_search(std::string_view query) {
  Search s;
  bool folder_given = false;
  auto add = [&](const std::string& clause) { s.where += " AND (" + clause + ")"; };
  auto arg = [&](std::string v) {
    s.args.push_back(std::move(v));
    return "?" + std::to_string(s.args.size());
  };
  while (!query.empty()) {
    const size_t sp = query.find(' ');
    std::string_view term = query.substr(0, sp);
    query = sp == std::string_view::npos ? std::string_view{} : query.substr(sp + 1);
    if (term.empty()) continue;
    const size_t colon = term.find(':');
    const std::string_view op = colon == std::string_view::npos ? "" : term.substr(0, colon);
    const std::string val(colon == std::string_view::npos ? term : term.substr(colon + 1));
    if (op == "from" || op == "to") {
      const char* who = op == "from" ? "c" : "r";
      const std::string exact = arg(val), like = arg(like_pattern(val));
      add(std::string("lower(") + who + ".email) = lower(" + exact + ") OR (NOT EXISTS (SELECT 1 "
          "FROM people WHERE lower(email) = lower(" + exact + ")) AND (" + who + ".name LIKE " +
          like + " ESCAPE '\\' OR " + who + ".email LIKE " + like + " ESCAPE '\\'))");
    } else if (op == "subject") {
      add("e.subject LIKE " + arg(like_pattern(val)) + " ESCAPE '\\'");
    } else if (op == "is" && (val == "unread" || val == "read")) {
      add(val == "unread" ? "e.unread = 1" : "e.unread = 0");
    } else if (op == "is" && val == "starred") {
      add("e.starred = 1");
    } else if (op == "in") {
      folder_given = true;
      if (val != "anywhere") add("e.folder = " + arg(val));
    } else {
      const std::string like = arg(like_pattern(term));
      add("c.name LIKE " + like + " ESCAPE '\\' OR c.email LIKE " + like + " ESCAPE '\\' OR "
          "e.subject LIKE " + like + " ESCAPE '\\' OR e.snippet LIKE " + like + " ESCAPE '\\'");
    }
  }
  if (!folder_given) add("e.folder NOT IN ('spam', 'trash')");
  return s;
}

// The rows the list shows now: the folder (All mail: everything but spam and trash), or a
// search (parse_search). The rows are a derived value (World::derived); the selection, which
// changes far more often, is read apart (Rows::sel).
std::vector<Row> query_rows(state::World& w) {
  const std::string folder = w.ui_get(ui::folder, "inbox");
  const std::string query = w.ui_get(ui::query);
  std::vector<Row> rows;
  auto collect = [&](state::Query q) {
    while (q.step())
      rows.push_back({q.i64(0), std::string(q.text(1)), std::string(q.text(2)),
                      std::string(q.text(3)), q.i64(4), q.i64(5) != 0, q.i64(6) != 0});
  };
  const std::string cols =
      "SELECT e.id, CASE WHEN c.id = 1 THEN 'To: ' || r.name ELSE c.name END, e.subject, "
      "e.snippet, e.received_ms, e.unread, e.starred FROM mail_messages e JOIN people c ON "
      "c.id = e.sender_id JOIN people r ON r.id = e.recipient_id ";
  if (!query.empty()) {
    const Search s = parse_search(query);
    auto q = w.query(cols + "WHERE 1" + s.where + " ORDER BY e.received_ms DESC, e.id DESC");
    for (size_t i = 0; i < s.args.size(); ++i) q.bind(int(i + 1), s.args[i]);
    collect(std::move(q));
  } else if (folder == "starred") {
    collect(w.query(cols + "WHERE e.starred = 1 AND e.folder NOT IN ('spam','trash') "
                           "ORDER BY e.received_ms DESC, e.id DESC"));
  } else if (folder == "all") {
    collect(w.query(cols + "WHERE e.folder NOT IN ('spam','trash') "
                           "ORDER BY e.received_ms DESC, e.id DESC"));
  } else {
    collect(w.query(cols + "WHERE e.folder = ? ORDER BY e.received_ms DESC, e.id DESC", folder));
  }
  return rows;
}

// The rows, each with a 128-bit digest of its content (computed once per list): a row's memo
// stamps its digest instead of its texts, so a row whose content is the same in a list
// computed again (another row changed, a restore) is kept.
struct RowList {
  std::vector<Row> rows;
  explicit RowList(std::vector<Row> r) : rows(std::move(r)) {
    dom::Stamp s;  // length-prefixed fields: no two rows give the same bytes
    for (Row& row : rows) {
      s.bytes.clear();
      s << row.id << row.received_ms << int64_t(row.unread) << int64_t(row.starred) << row.sender
        << row.subject << row.snippet;
      const XXH128_hash_t h = XXH3_128bits(s.bytes.data(), s.bytes.size());
      row.digest[0] = h.low64;
      row.digest[1] = h.high64;
    }
  }
};

struct Rows {
  std::shared_ptr<const RowList> all;
  const std::vector<Row>* list;
  std::vector<int64_t> sel;  // selected email ids, ascending
  bool selected(const Row& r) const { return std::binary_search(sel.begin(), sel.end(), r.id); }
};

Rows visible_rows(state::World& w) {
  Rows rows{w.derived<RowList>("mail.rows", [&] { return RowList{query_rows(w)}; }), nullptr,
            {}};
  rows.list = &rows.all->rows;
  for (auto q = w.query("SELECT email_id FROM mail_ui_selected ORDER BY email_id"); q.step();)
    rows.sel.push_back(q.i64(0));
  return rows;
}

// [SECTION] View ----------------------------------------------------------------------------------

using dom::widget::icon_button;
using dom::widget::checkbox;

// A magnifier drawn from boxes: a ring and a stepped diagonal handle (no font has a good one).
void search_icon(dom::Tree& t, int parent) {
  const dom::Theme& th = t.theme();
  int icon = t.add(parent, {.dir = Dir::column, .w = dom::fixed(24), .h = dom::fixed(24),
                            .pad = {3, 3, 0, 0}});
  t.add(icon, {.w = dom::fixed(14), .h = dom::fixed(14), .border_color = th.text,
               .border = 2, .radius = 7});
  for (int i = 0; i < 3; ++i) {
    int seg = t.add(icon, {.dir = Dir::row, .pad = {10 + 2 * i, 0, 0, 0}});
    t.add(seg, {.w = dom::fixed(3), .h = dom::fixed(2), .bg = th.text});
  }
}

void header(state::World& w, dom::Tree& t, int root) {
  const dom::Theme& th = t.theme();
  const std::string account = *w.derived<std::string>("mail.account", [&] {
    auto q = w.query("SELECT email FROM people WHERE id = ?", world::kUserId);
    return q.step() ? std::string(q.text(0)) : std::string();
  });
  // Search box: a text field (key "search"); Enter submits, the clear button resets.
  const FieldView fv = field_view(w, full(key::search), true);  // shown, tested for emptiness
  const bool has_query = !w.ui_get(ui::query).empty();
  dom::Stamp stamp;  // all the header shows (memoized: kept while these are the same)
  stamp << fv.value << fv.anchor << fv.caret << int64_t(fv.focused) << int64_t(has_query)
        << account;
  if (t.reuse(root, key::header, stamp) >= 0) return;
  int h = t.add(root, {.dir = Dir::row, .w = dom::fill(), .h = dom::fixed(64),
                       .pad = {16, 8, 16, 8}, .align = Align::center}, key::header,
                Role::banner);
  int brand = t.add(h, {.dir = Dir::row, .w = dom::fixed(232), .gap = 12,
                        .align = Align::center});
  t.node(icon_button(t, brand, "menu", "\xE2\x98\xB0", "Main menu", "", th.text, 20)).action.clear();
  int logo = t.add(brand, {.dir = Dir::row, .gap = 6, .align = Align::center});
  int mark = t.add(logo, {.w = dom::fixed(30), .h = dom::fixed(24), .justify = Align::center,
                          .align = Align::center, .bg = dom::rgb(0xea4335), .radius = 4});
  t.text(mark, "\xE2\x9C\x89", {.size = 16, .weight = 700, .color = th.surface});
  t.text(logo, "Mail", {.size = 22, .weight = 400, .color = th.text});
  const bool focused = fv.focused;
  const std::string& typed = fv.value;
  int sb = t.add(h, {.dir = Dir::row, .w = dom::fixed(720), .h = dom::fixed(48),
                     .pad = {12 - focused, 0, 8 - focused, 0}, .gap = 8, .align = Align::center,
                     .bg = focused ? th.surface : palette(th).search,
                     .border_color = focused ? th.divider : 0, .border = focused ? 1 : 0,
                     .radius = 24}, "searchbox", Role::search);
  search_icon(t, sb);
  int field = t.add(sb, {.dir = Dir::row, .w = dom::fill(), .h = dom::fixed(40),
                         .align = Align::center}, key::search, Role::textbox);
  t.node(field).name = "Search mail";
  dom::widget::field_text(t, field, {fv.value, fv.anchor, fv.caret, focused, fv.live}, "Search mail",
                          {.size = 16, .color = th.text_strong}, th.text);
  if (has_query || !typed.empty())
    icon_button(t, sb, key::clear_search, "\xE2\x9C\x95", "Clear search", "mail:clear_search");
  t.add(h, {.w = dom::fill()});
  int av = t.add(h, {.w = dom::fixed(32), .h = dom::fixed(32), .bg = dom::rgb(0x188038),
                     .radius = 16, .image = "avatar3"},
                 "account", Role::img);
  t.node(av).name = "Account: " + account;
  t.memo(h, std::move(stamp));
}

void sidebar(state::World& w, dom::Tree& t, int body) {
  const dom::Theme& th = t.theme();
  const std::string folder = w.ui_get(ui::query).empty() ? w.ui_get(ui::folder, "inbox")
                                                         : std::string();
  const int64_t unread_inbox = *w.derived<int64_t>("mail.unread_inbox", [&] {
    return w.scalar("SELECT count(*) FROM mail_messages WHERE folder='inbox' AND unread=1");
  });
  dom::Stamp stamp;
  stamp << folder << unread_inbox;
  if (t.reuse(body, key::nav, stamp) >= 0) return;
  int nav = t.add(body, {.dir = Dir::column, .w = dom::fixed(256), .h = dom::fill(),
                         .pad = {8, 8, 16, 0}, .gap = 0}, key::nav, Role::navigation);
  int compose = t.add(nav, {.dir = Dir::row, .w = dom::fixed(142), .h = dom::fixed(56),
                            .pad = {20, 0, 20, 0}, .gap = 14, .align = Align::center,
                            .bg = palette(th).compose, .hover_bg = palette(th).compose_hover,
                            .radius = 16,
                            // Like the reference inbox (shared/reference): a soft shadow at
                            // rest, a deeper one under the pointer.
                            .shadow = {.y = 1, .blur = 3, .color = th.shadow},
                            .hover_shadow = {.y = 2, .blur = 6, .spread = 1,
                                             .color = dom::with_alpha(th.shadow, 90)}},
                  key::compose, Role::button);
  t.node(compose).name = "Compose";
  t.node(compose).action = "mail:compose";
  t.text(compose, "\xE2\x9C\x8E", {.size = 20, .color = th.text_strong});
  t.text(compose, "Compose", {.size = 14, .weight = 500, .color = th.text_strong});
  t.add(nav, {.h = dom::fixed(16)});
  for (size_t i = 0; i < std::size(kFolders); ++i) {
    const bool sel = folder == kFolders[i].id;
    int item = t.add(nav, {.dir = Dir::row, .w = dom::fill(), .h = dom::fixed(32),
                           .pad = {24, 0, 16, 0}, .gap = 18, .align = Align::center,
                           .bg = sel ? palette(th).nav_selected : 0,
                           .hover_bg = sel ? palette(th).nav_selected : th.hover, .radius = 16},
                     key::folder(kFolders[i].id), Role::link);
    t.node(item).action = "mail:folder:" + std::string(kFolders[i].id);
    t.node(item).selected = sel;
    t.node(item).name = kFolders[i].label;
    const int weight = sel || (i == 0 && unread_inbox > 0) ? 700 : 400;
    t.text(item, kFolderIcons[i], {.size = 16, .color = th.text},
           {.w = dom::fixed(20), .justify = Align::center});
    t.text(item, kFolders[i].label, {.size = 14, .weight = weight, .color = th.text_strong},
           {.w = dom::fill()});
    if (i == 0 && unread_inbox > 0)
      t.text(item, std::to_string(unread_inbox), {.size = 12, .weight = 700,
                                                  .color = th.text_strong});
  }
  t.memo(nav, std::move(stamp));
}

void row_view(dom::Tree& t, int list, const std::string& id, const Row& r, bool selected,
              int64_t now, dom::Stamp&& stamp);

// The Snooze button and, while it is open, its menu of presets with the time each means.
void snooze_button(state::World& w, dom::Tree& t, int toolbar) {
  const int b = icon_button(t, toolbar, key::snooze, "\xE2\x97\xB7", "Snooze",
                            "ui:open:" + full(key::snooze_menu));
  t.node(b).has_popup = true;
  if (w.ui_get(apps::ui::kOverlay) != full(key::snooze_menu)) return;
  t.node(b).expanded = true;
  const int64_t now = w.now_ms();
  std::vector<std::string> labels;
  std::vector<dom::widget::Option> items;
  for (const SnoozePreset& p : kSnoozePresets)
  {
    const Civil c = civil_from_ms(snooze_until(p.id, now));
    labels.push_back(std::string(p.label) + "  \xC2\xB7  " + kWeekdayShort[c.wday] + ", " +
                     format_clock(c));
  }
  for (size_t i = 0; i < std::size(kSnoozePresets); ++i)
    items.push_back({labels[i], "mail:snooze:" + std::string(kSnoozePresets[i].id)});
  dom::widget::menu(t, key::snooze_menu, items, b, 0, 0, 280);
}

void list_view(state::World& w, dom::Tree& t, int panel) {
  const dom::Theme& th = t.theme();
  const Rows visible = visible_rows(w);
  const std::vector<Row>& rows = *visible.list;
  const int64_t now = w.now_floor_ms(86400000);  // only the day shows (memoizable)
  size_t n_selected = 0;
  for (const Row& r : rows) n_selected += visible.selected(r) ? 1 : 0;
  int tb = t.add(panel, {.dir = Dir::row, .w = dom::fill(), .h = dom::fixed(48),
                         .pad = {8, 0, 16, 0}, .gap = 4, .align = Align::center},
                 key::toolbar);
  t.node(checkbox(t, tb, key::select_all, "", !rows.empty() && n_selected == rows.size(),
                  "mail:select_all")).name = "Select all";
  const std::string folder = w.ui_get(ui::query).empty() ? w.ui_get(ui::folder, "inbox") : "";
  if (n_selected > 0) {
    // What can be done to the selection depends on where it is (Gmail's toolbar).
    if (folder == "trash") {
      icon_button(t, tb, key::to_inbox, kInboxGlyph, "Move to Inbox", "mail:to_inbox");
      icon_button(t, tb, key::delete_forever, kTrashGlyph, "Delete forever", "mail:delete_forever",
                  th.danger);
    } else if (folder == "spam") {
      icon_button(t, tb, key::not_spam, kInboxGlyph, "Not spam", "mail:not_spam");
      icon_button(t, tb, key::trash, kTrashGlyph, "Delete", "mail:trash");
    } else {
      if (folder != "archive" && folder != "all" && folder != "snoozed")
        icon_button(t, tb, key::archive, kArchiveGlyph, "Archive", "mail:archive");
      else
        icon_button(t, tb, key::to_inbox, kInboxGlyph, "Move to Inbox", "mail:to_inbox");
      if (folder == "inbox") snooze_button(w, t, tb);
      icon_button(t, tb, key::spam, kSpamGlyph, "Report spam", "mail:spam");
      icon_button(t, tb, key::trash, kTrashGlyph, "Delete", "mail:trash");
    }
    icon_button(t, tb, key::mark_read, "\xE2\x9C\x89", "Mark as read", "mail:mark_read");
    icon_button(t, tb, key::mark_unread, "\xE2\x80\xA2", "Mark as unread", "mail:mark_unread",
                th.accent, 22);
  } else {
    icon_button(t, tb, key::refresh, "\xE2\x86\xBB", "Refresh", "mail:refresh");
    t.node(icon_button(t, tb, key::more, "\xE2\x8B\xAE", "More", "")).action.clear();
  }
  t.add(tb, {.w = dom::fill()});
  char range[48];
  std::snprintf(range, sizeof range, rows.empty() ? "0 of 0" : "1\xE2\x80\x93%zu of %zu",
                rows.size(), rows.size());
  t.text(tb, range, {.size = 12, .color = th.text_muted});
  t.add(panel, {.w = dom::fill(), .h = dom::fixed(1), .bg = th.divider});

  int list = t.add(panel, {.dir = Dir::column, .w = dom::fill(), .h = dom::fill(), .clip = true},
                   key::list, Role::list);
  live_scroll(w, t, list);
  if (rows.empty()) {
    t.text(list, w.ui_get(ui::query).empty() ? "No conversations in this folder."
                                                 : "No messages matched your search.",
           {.size = 14, .color = th.text_muted}, {.pad = {24, 20, 24, 20}});
  }
  dom::Stamp stamp;  // one buffer for all rows (memo() hands back a used one)
  std::string key = "item:";
  for (size_t i = 0; i < rows.size(); ++i) {
    const Row& r = rows[i];
    const std::string id = std::to_string(r.id);
    // A row shows its content (the digest), the day (dates) and whether it is selected: kept
    // while they are the same.
    const bool selected = visible.selected(r);
    stamp.bytes.clear();
    stamp << int64_t(r.digest[0]) << int64_t(r.digest[1]) << now << int64_t(selected);
    key.resize(5);
    key += id;
    if (t.reuse(list, key, stamp) < 0) row_view(t, list, id, r, selected, now, std::move(stamp));
  }
}

// One list row and the divider under it (memoized by list_view as item:<id>).
void row_view(dom::Tree& t, int list, const std::string& id, const Row& r, bool selected,
              int64_t now, dom::Stamp&& stamp) {
  const dom::Theme& th = t.theme();
  uint32_t bg = selected ? th.selected : r.unread ? th.surface : th.surface_dim;
  const int item = t.add(list, {.dir = Dir::column, .w = dom::fill()}, "item:" + id);
  int row = t.add(item, {.dir = Dir::row, .w = dom::fill(), .h = dom::fixed(th.row_h),
                         .pad = {8, 0, 16, 0}, .gap = 4, .align = Align::center, .bg = bg,
                         .hover_bg = selected ? bg : palette(th).row_hover},
                  "row:" + id, Role::listitem);
  t.node(row).action = "mail:open:" + id;
  t.node(row).selected = selected;
  t.node(row).name = (r.unread ? "unread, " : "") + r.sender + ", " + r.subject + ", " +
                     format_time_short(r.received_ms, now);
  checkbox(t, row, "select:" + id, "", selected, "mail:select:" + id);
  icon_button(t, row, "star:" + id, r.starred ? "\xE2\x98\x85" : "\xE2\x98\x86",
              r.starred ? "Starred" : "Not starred", "mail:star:" + id,
              r.starred ? th.star : th.text_muted, 18);
  const int wt = r.unread ? 700 : 400;
  const uint32_t strong = r.unread ? th.text_strong : palette(th).text_secondary;
  t.text(row, r.sender, {.size = 14, .weight = wt, .color = strong},
         {.w = dom::fixed(188), .pad = {4, 0, 12, 0}});
  int mid = t.add(row, {.dir = Dir::row, .w = dom::fill(), .align = Align::center});
  t.text(mid, r.subject, {.size = 14, .weight = wt, .color = strong});
  t.text(mid, " \xE2\x80\x93 " + r.snippet, {.size = 14, .color = th.text_muted},
         {.w = dom::fill()});
  t.text(row, format_time_short(r.received_ms, now),
         {.size = 12, .weight = r.unread ? 700 : 400, .color = strong},
         {.w = dom::fixed(72), .justify = Align::end});
  t.add(item, {.w = dom::fill(), .h = dom::fixed(1), .bg = th.divider});
  t.memo(item, std::move(stamp));
}

void message_view(state::World& w, dom::Tree& t, int panel, int64_t id) {
  const dom::Theme& th = t.theme();
  auto q = w.query("SELECT c.name, c.email, e.subject, e.body, e.received_ms, e.starred, "
                   "e.folder, CASE WHEN e.recipient_id = 1 THEN 'me' ELSE r.name END FROM "
                   "mail_messages e JOIN people c ON c.id = e.sender_id JOIN people r ON r.id = "
                   "e.recipient_id WHERE e.id = ?", id);
  if (!q.step()) {
    t.text(panel, "This message no longer exists.", {.size = 14, .color = th.text_muted},
           {.pad = dom::edges(24)});
    return;
  }
  std::string name(q.text(0)), email(q.text(1)), subject(q.text(2)), body(q.text(3));
  int64_t received = q.i64(4);
  bool starred = q.i64(5) != 0;
  std::string folder(q.text(6)), to(q.text(7));
  std::string sid = std::to_string(id);
  int tb = t.add(panel, {.dir = Dir::row, .w = dom::fill(), .h = dom::fixed(48),
                         .pad = {8, 0, 16, 0}, .gap = 4, .align = Align::center},
                 key::toolbar);
  icon_button(t, tb, key::back, "\xE2\x86\x90", "Back to list", "mail:back", th.text, 20);
  if (folder == "inbox")
    icon_button(t, tb, key::archive_open, kArchiveGlyph, "Archive", "mail:archive_open");
  else if (folder != "sent" && folder != "drafts")
    icon_button(t, tb, key::to_inbox_open, kInboxGlyph,
                folder == "spam" ? "Not spam" : "Move to Inbox", "mail:to_inbox_open");
  if (folder == "inbox") snooze_button(w, t, tb);
  if (folder != "spam")
    icon_button(t, tb, key::spam_open, kSpamGlyph, "Report spam", "mail:spam_open");
  if (folder != "trash")
    icon_button(t, tb, key::trash_open, kTrashGlyph, "Delete", "mail:trash_open");
  if (folder != "sent" && folder != "drafts")
    icon_button(t, tb, key::reply, "\xE2\x86\x90", "Reply", "mail:reply:" + sid, th.accent, 18);
  icon_button(t, tb, key::mark_unread_open, "\xE2\x80\xA2", "Mark as unread",
              "mail:mark_unread_open", th.accent, 22);
  icon_button(t, tb, key::star_open, starred ? "\xE2\x98\x85" : "\xE2\x98\x86",
              starred ? "Starred" : "Not starred", "mail:star:" + sid,
              starred ? th.star : th.text_muted);
  int art = t.add(panel, {.dir = Dir::column, .w = dom::fill(), .h = dom::fill(),
                          .pad = {72, 20, 48, 20}, .gap = 20, .clip = true}, "message:" + sid,
                  Role::article);
  int title = t.add(art, {.dir = Dir::row, .gap = 12, .align = Align::center});
  int h = t.text(title, subject, {.size = 22, .weight = 400, .color = th.text_strong});
  t.node(h).role = Role::heading;
  std::string chip_label = folder;
  chip_label[0] = char(chip_label[0] - 'a' + 'A');
  t.text(title, chip_label, {.size = 12, .color = th.text},
         {.pad = {6, 2, 6, 2}, .bg = palette(th).chip, .radius = 4});
  int from = t.add(art, {.dir = Dir::row, .w = dom::fill(), .gap = 12, .align = Align::center});
  dom::widget::avatar(t, from, name, "", 40);
  int who = t.add(from, {.dir = Dir::column, .w = dom::fill(), .gap = 2});
  int line = t.add(who, {.dir = Dir::row, .gap = 6, .align = Align::end});
  t.text(line, name, {.size = 14, .weight = 700, .color = th.text_strong});
  t.text(line, "<" + email + ">", {.size = 12, .color = th.text_muted});
  t.text(who, "to " + to, {.size = 12, .color = th.text_muted});
  t.text(from, format_time_long(received), {.size = 12, .color = th.text_muted});
  t.text(art, body, {.size = 14, .color = palette(th).body_text, .line_height = 22, .wrap = true},
         {.w = dom::fixed(820)});
}

// The composer: a window over the bottom right of the page (Gmail's), with To, Subject and the
// message; Send, Discard, and Close (which keeps a draft).
void composer(state::World& w, dom::Tree& t) {
  const dom::Theme& th = t.theme();
  namespace wg = dom::widget;
  const std::string mode = w.ui_get(ui::compose);
  const int win = t.add(0, {.dir = Dir::column, .w = dom::fixed(560), .bg = th.surface_raised,
                            .border_color = th.divider, .border = 1, .radius = 12,
                            .shadow = {.y = 4, .blur = 16, .spread = 1, .color = th.shadow},
                            .place = dom::Place::bottom_right, .ox = 24, .oy = 0, .z = 30},
                        key::composer, Role::dialog);
  t.node(win).name = mode.rfind("reply:", 0) == 0 ? "Reply" : "New Message";
  const int head = t.add(win, {.dir = Dir::row, .w = dom::fill(), .h = dom::fixed(40),
                               .pad = {16, 0, 8, 0}, .align = Align::center,
                               .bg = palette(th).search, .radius = 12});
  t.text(head, t.node(win).name, {.size = 14, .weight = 500, .color = th.text_strong},
         {.w = dom::fill()});
  wg::icon_button(t, head, key::close_compose, "\xE2\x9C\x95", "Save & close",
                  "mail:close_compose", th.text, 16);
  const int fields = t.add(win, {.dir = Dir::column, .w = dom::fill(), .pad = dom::edges(8, 16),
                                 .gap = 8});
  auto field = [&](std::string_view k, std::string_view placeholder, wg::FieldKind kind, int rows) {
    const FieldView f = field_view(w, t.scoped(k), true);
    wg::text_field(t, fields, k, {f.value, f.anchor, f.caret, f.focused, f.live}, placeholder,
                   kind, 528, rows);
  };
  field(key::compose_to, "To", wg::FieldKind::text, 1);
  field(key::compose_subject, "Subject", wg::FieldKind::text, 1);
  field(key::compose_body, "Message", wg::FieldKind::multiline, 10);
  const int foot = t.add(win, {.dir = Dir::row, .w = dom::fill(), .pad = {16, 4, 16, 12},
                               .gap = 8, .align = Align::center});
  wg::button(t, foot, key::send, "Send", "mail:send");
  t.add(foot, {.w = dom::fill()});
  wg::button(t, foot, key::discard, "Discard", "mail:discard", wg::ButtonKind::text);
}

void view(state::World& w, dom::Tree& t, int root) {
  const dom::Theme& th = t.theme();
  header(w, t, root);
  int body = t.add(root, {.dir = Dir::row, .w = dom::fill(), .h = dom::fill()});
  sidebar(w, t, body);
  int panel = t.add(body, {.dir = Dir::column, .w = dom::fill(), .h = dom::fill(),
                           .pad = {0, 0, 0, 0}, .bg = th.surface, .radius = 16},
                    key::main, Role::main);
  // The panel keeps a 16 px margin to the window edge, like Gmail's card.
  t.add(body, {.w = dom::fixed(16)});
  t.node(body).style.pad.b = 16;
  const int64_t open = w.ui_int(ui::open);
  if (open > 0) message_view(w, t, panel, open);
  else list_view(w, t, panel);
  if (!w.ui_get(ui::compose).empty()) composer(w, t);
}

std::string route(state::World& w) {
  std::string r = "#" + w.ui_get(ui::folder, "inbox");
  if (std::string q = w.ui_get(ui::query); !q.empty()) r = "#search/" + q;
  if (int64_t open = w.ui_int(ui::open); open > 0) r += "/" + std::to_string(open);
  return r;
}

// [SECTION] Handlers ------------------------------------------------------------------------------
Result<int64_t> parse_id(std::string_view s) {
  int64_t v = 0;
  if (s.empty() || s.size() > 18) return Error{Errc::invalid_argument, "bad id"};
  for (char c : s) {
    if (c < '0' || c > '9') return Error{Errc::invalid_argument, "bad id '" + std::string(s) + "'"};
    v = v * 10 + (c - '0');
  }
  return v;
}

// [SECTION] Composer ---------------------------------------------------------------------------
void set_compose_fields(state::World& w, std::string_view to, std::string_view subject,
                        std::string_view body) {
  set_field_value(w, full(key::compose_to), to);
  set_field_value(w, full(key::compose_subject), subject);
  set_field_value(w, full(key::compose_body), body);
  for (std::string_view k : {key::compose_to, key::compose_subject, key::compose_body})
    w.ui_set("sel:" + full(k), "");
}

void open_composer(state::World& w, std::string_view mode, std::string_view to,
                   std::string_view subject, std::string_view body) {
  w.ui_set(ui::compose, mode);
  set_compose_fields(w, to, subject, body);
  // The caret where the writing starts: the first empty field (a reply's message).
  const std::string_view first = to.empty() ? key::compose_to
                                 : subject.empty() ? key::compose_subject
                                                   : key::compose_body;
  w.ui_set(apps::ui::kFocus, full(first));
  w.ui_set("sel:" + full(first), "0 0");
}

Status reply_to(state::World& w, int64_t id) {
  auto q = w.query("SELECT p.email, p.name, e.subject, e.body, e.received_ms FROM mail_messages e "
                   "JOIN people p ON p.id = e.sender_id WHERE e.id = ?", id);
  if (!q.step()) return Error{Errc::not_found, "no email " + std::to_string(id)};
  const std::string email(q.text(0)), name(q.text(1)), subject(q.text(2)), body(q.text(3));
  const int64_t at = q.i64(4);
  std::string quoted;
  for (size_t p = 0; p <= body.size();) {  // "> " before each line of the original
    const size_t nl = body.find('\n', p);
    quoted += "> " + body.substr(p, nl == std::string::npos ? std::string::npos : nl - p) + "\n";
    if (nl == std::string::npos) break;
    p = nl + 1;
  }
  const std::string re = subject.rfind("Re: ", 0) == 0 ? subject : "Re: " + subject;
  open_composer(w, "reply:" + std::to_string(id), email, re,
                "\n\nOn " + format_time_long(at) + ", " + name + " wrote:\n" + quoted);
  return {};
}

// The person a To field names: an address, or a name, of someone in the world.
int64_t recipient_of(state::World& w, std::string to) {
  while (!to.empty() && (to.back() == ' ' || to.back() == ',')) to.pop_back();
  while (!to.empty() && to.front() == ' ') to.erase(0, 1);
  if (const size_t lt = to.find('<'); lt != std::string::npos && to.back() == '>')
    to = to.substr(lt + 1, to.size() - lt - 2);  // "Ana Lopez <ana@x.com>"
  if (to.empty()) return 0;
  auto q = w.query("SELECT id FROM people WHERE lower(email) = lower(?1) OR lower(name) = "
                   "lower(?1) ORDER BY id LIMIT 1", to);
  return q.step() ? q.i64(0) : 0;
}

void close_and_clear(state::World& w) {
  w.ui_set(ui::compose, "");
  set_compose_fields(w, "", "", "");
  w.ui_set(apps::ui::kFocus, "");
}

int64_t draft_id(state::World& w) {
  const std::string mode = w.ui_get(ui::compose);
  return mode.rfind("draft:", 0) == 0 ? std::atoll(mode.c_str() + 6) : 0;
}

// The draft the composer was reopened from goes (sent, discarded or emptied).
void drop_draft(state::World& w) {
  if (const int64_t d = draft_id(w))
    w.query("DELETE FROM mail_messages WHERE id = ? AND folder = 'drafts'", d).run();
}

Status send(state::World& w) {
  const std::string to = field_value(w, full(key::compose_to));
  const int64_t recipient = recipient_of(w, to);
  if (recipient == 0) {  // nothing is sent; the composer stays as it is
    toast(w, to.empty() ? "Please specify at least one recipient."
                        : "The address \"" + to + "\" in the \"To\" field was not recognized.");
    return {};
  }
  const std::string subject = field_value(w, full(key::compose_subject));
  const std::string body = field_value(w, full(key::compose_body));
  w.query("INSERT INTO mail_messages(folder, sender_id, recipient_id, subject, snippet, body, "
          "received_ms) VALUES('sent', ?, ?, ?, ?, ?, ?)",
          world::kUserId, recipient, subject.empty() ? "(no subject)" : subject,
          snippet_of(body), body, w.now_ms()).run();
  drop_draft(w);
  close_and_clear(w);
  toast(w, "Message sent");
  return {};
}

Status discard(state::World& w) {
  drop_draft(w);
  close_and_clear(w);
  toast(w, "Draft discarded");
  return {};
}

// Close keeps what was written as a draft (Drafts folder); an empty composer just closes.
Status close_composer(state::World& w) {
  const std::string to = field_value(w, full(key::compose_to));
  const std::string subject = field_value(w, full(key::compose_subject));
  const std::string body = field_value(w, full(key::compose_body));
  const int64_t d = draft_id(w);
  if (to.empty() && subject.empty() && body.empty()) {
    drop_draft(w);
  } else {
    const int64_t recipient = recipient_of(w, to);
    if (d)
      w.query("UPDATE mail_messages SET recipient_id = ?, subject = ?, snippet = ?, body = ?, "
              "received_ms = ? WHERE id = ? AND folder = 'drafts'",
              recipient ? recipient : world::kUserId, subject, snippet_of(body), body,
              w.now_ms(), d).run();
    else
      w.query("INSERT INTO mail_messages(folder, sender_id, recipient_id, subject, snippet, body, "
              "received_ms) VALUES('drafts', ?, ?, ?, ?, ?, ?)",
              world::kUserId, recipient ? recipient : world::kUserId, subject, snippet_of(body),
              body, w.now_ms()).run();
    toast(w, "Draft saved");
  }
  close_and_clear(w);
  return {};
}

int64_t kit_count_selected(state::World& w) {
  auto q = w.query("SELECT count(*) FROM mail_ui_selected");
  return q.step() ? q.i64(0) : 0;
}

void go_list(state::World& w) {
  w.ui_set(ui::open, int64_t(0));
  w.query("DELETE FROM mail_ui_selected").run();
}

// Snoozes the open email, or the selection: out of the inbox until the preset's time, when a
// scheduled "mail.unsnooze" brings each back, unread.
Status snooze(state::World& w, std::string_view preset) {
  const int64_t until = snooze_until(preset, w.now_ms());
  if (until == 0) return Error{Errc::invalid_argument, "unknown snooze '" + std::string(preset) + "'"};
  std::vector<int64_t> ids;
  if (const int64_t open = w.ui_int(ui::open); open > 0) ids.push_back(open);
  else
    for (auto q = w.query("SELECT email_id FROM mail_ui_selected ORDER BY email_id"); q.step();)
      ids.push_back(q.i64(0));
  for (int64_t id : ids) {
    w.query("UPDATE mail_messages SET folder = 'snoozed', snooze_ms = ? WHERE id = ?", until, id)
        .run();
    w.schedule(until, "mail.unsnooze", std::to_string(id));
  }
  w.ui_set(apps::ui::kOverlay, "");
  go_list(w);
  toast(w, (ids.size() == 1 ? std::string("Conversation") : std::to_string(ids.size()) +
                                                                " conversations") +
               " snoozed until " + format_time_long(until));
  return {};
}


bool known_folder(std::string_view f) {
  for (const Folder& fo : kFolders)
    if (f == fo.id) return true;
  return false;
}

void show_folder(state::World& w, std::string_view f) {
  w.ui_set(ui::folder, f);
  w.ui_set(ui::query, "");
  set_field_value(w, full(key::search), "");
  w.ui_set("scroll:" + full(key::list), int64_t(0));
  go_list(w);
}

Status open_email(state::World& w, int64_t id) {
  w.query("UPDATE mail_messages SET unread = 0 WHERE id = ?", id).run();
  if (w.changes() == 0) return Error{Errc::not_found, "no email " + std::to_string(id)};
  w.ui_set(ui::open, id);
  w.query("DELETE FROM mail_ui_selected").run();
  return {};
}

void clear_search(state::World& w) {
  w.ui_set(ui::query, "");
  set_field_value(w, full(key::search), "");
  w.ui_set("scroll:" + full(key::list), int64_t(0));
  go_list(w);
}

// Back: from an open email to the list, from a search to the folder.
Status on_back(state::World& w) {
  if (w.ui_int(ui::open) > 0) go_list(w);
  else if (!w.ui_get(ui::query).empty()) clear_search(w);
  return {};
}

Status on_action(state::World& w, Command c) {
  const std::string_view a = c.cmd;
  auto arg = [&](std::string_view prefix) -> std::string_view {
    return a.substr(prefix.size());
  };
  if (a.rfind("folder:", 0) == 0) {
    std::string_view f = arg("folder:");
    if (!known_folder(f))
      return Error{Errc::invalid_argument, "unknown folder '" + std::string(f) + "'"};
    show_folder(w, f);
    return {};
  }
  if (a.rfind("open:", 0) == 0) {
    auto id = parse_id(arg("open:"));
    if (!id) return id.error();
    auto q = w.query("SELECT e.folder, CASE WHEN e.recipient_id = 1 THEN '' ELSE p.email END, "
                     "e.subject, e.body FROM mail_messages e JOIN people p ON p.id = "
                     "e.recipient_id WHERE e.id = ?", *id);
    if (q.step() && q.text(0) == "drafts") {  // a draft opens in the composer
      const std::string to(q.text(1)), subject(q.text(2)), body(q.text(3));
      open_composer(w, "draft:" + std::to_string(*id), to, subject, body);
      return {};
    }
    return open_email(w, *id);
  }
  if (a.rfind("star:", 0) == 0) {
    auto id = parse_id(arg("star:"));
    if (!id) return id.error();
    w.query("UPDATE mail_messages SET starred = 1 - starred WHERE id = ?", *id).run();
    return {};
  }
  if (a.rfind("select:", 0) == 0) {
    auto id = parse_id(arg("select:"));
    if (!id) return id.error();
    w.query("DELETE FROM mail_ui_selected WHERE email_id = ?", *id).run();
    if (w.changes() == 0) w.query("INSERT INTO mail_ui_selected(email_id) VALUES(?)", *id).run();
    return {};
  }
  if (a == "select_all") {
    const Rows visible = visible_rows(w);
    bool all = !visible.list->empty();
    for (const Row& r : *visible.list) all &= visible.selected(r);
    w.query("DELETE FROM mail_ui_selected").run();
    if (!all)
      for (const Row& r : *visible.list)
        w.query("INSERT INTO mail_ui_selected(email_id) VALUES(?)", r.id).run();
    return {};
  }
  if (a == "mark_read" || a == "mark_unread") {
    w.query("UPDATE mail_messages SET unread = ? WHERE id IN (SELECT email_id FROM "
            "mail_ui_selected)", int64_t(a == "mark_unread")).run();
    w.query("DELETE FROM mail_ui_selected").run();
    return {};
  }
  // Moving the selection (or the open email) between places; from Trash, Delete forever.
  auto move_selected = [&](std::string_view to, const char* note) {
    const int64_t n = kit_count_selected(w);
    w.query("UPDATE mail_messages SET folder = ? WHERE id IN (SELECT email_id FROM "
            "mail_ui_selected)", to).run();
    w.query("DELETE FROM mail_ui_selected").run();
    toast(w, std::to_string(n) + (n == 1 ? " conversation " : " conversations ") + note);
  };
  auto move_open = [&](std::string_view to, const char* note) {
    w.query("UPDATE mail_messages SET folder = ? WHERE id = ?", to, w.ui_int(ui::open)).run();
    go_list(w);
    toast(w, std::string("Conversation ") + note);
  };
  if (a == "archive") return move_selected("archive", "archived"), Status{};
  if (a == "trash") return move_selected("trash", "moved to Trash"), Status{};
  if (a == "spam") return move_selected("spam", "marked as spam"), Status{};
  if (a == "not_spam" || a == "to_inbox") return move_selected("inbox", "moved to Inbox"), Status{};
  if (a == "archive_open") return move_open("archive", "archived"), Status{};
  if (a == "trash_open") return move_open("trash", "moved to Trash"), Status{};
  if (a == "spam_open") return move_open("spam", "marked as spam"), Status{};
  if (a == "to_inbox_open") return move_open("inbox", "moved to Inbox"), Status{};
  if (a == "delete_forever") {
    const int64_t n = kit_count_selected(w);
    w.query("DELETE FROM mail_messages WHERE folder = 'trash' AND id IN (SELECT email_id FROM "
            "mail_ui_selected)").run();
    w.query("DELETE FROM mail_ui_selected").run();
    toast(w, std::to_string(n) + (n == 1 ? " conversation" : " conversations") +
                 " deleted forever");
    return {};
  }
  if (a == "mark_unread_open") {
    w.query("UPDATE mail_messages SET unread = 1 WHERE id = ?", w.ui_int(ui::open)).run();
    go_list(w);
    return {};
  }
  if (a == "back") return on_back(w);
  if (a == "clear_search") {
    clear_search(w);
    return {};
  }
  if (a == "refresh") return {};
  if (a == "compose") return open_composer(w, "new", "", "", ""), Status{};
  if (a.rfind("snooze:", 0) == 0) return snooze(w, arg("snooze:"));
  if (a.rfind("reply:", 0) == 0) {
    auto id = parse_id(arg("reply:"));
    if (!id) return id.error();
    return reply_to(w, *id);
  }
  if (a == "send") return send(w);
  if (a == "discard") return discard(w);
  if (a == "close_compose") return close_composer(w);
  return Error{Errc::invalid_argument, "unknown mail action '" + std::string(a) + "'"};
}

// Gmail's shortcuts (when no field has the focus and the composer is closed): c compose,
// / search, and on the open email e archive, # delete, ! spam, r reply, s star, u back to the
// list, Shift+U unread; on a selection e, #, !, Shift+I read, Shift+U unread.
Result<bool> on_key(state::World& w, Shortcut k) {
  if (!w.ui_get(ui::compose).empty()) return false;
  std::string key(k.key);
  if (key.size() == 1 && key[0] >= 'A' && key[0] <= 'Z') key[0] = char(key[0] - 'A' + 'a');
  const bool shift = (k.mods & 1) != 0;
  auto run = [&](std::string cmd) -> Result<bool> {
    if (Status s = on_action(w, Command{cmd, 0}); !s) return s.error();
    return true;
  };
  if (key == "c" && !shift) return run("compose");
  if (key == "/") {
    w.ui_set(apps::ui::kFocus, full(key::search));
    w.ui_set(apps::ui::kFocusVisible, int64_t(1));
    return true;
  }
  const int64_t open = w.ui_int(ui::open);
  if (open > 0) {
    if (key == "e") return run("archive_open");
    if (key == "#" || (key == "3" && shift)) return run("trash_open");
    if (key == "!" || (key == "1" && shift)) return run("spam_open");
    if (key == "r") return run("reply:" + std::to_string(open));
    if (key == "s") return run("star:" + std::to_string(open));
    if (key == "u" && shift) return run("mark_unread_open");
    if (key == "u") return run("back");
    return false;
  }
  if (kit_count_selected(w) == 0) return false;
  if (key == "e") return run("archive");
  if (key == "#" || (key == "3" && shift)) return run("trash");
  if (key == "!" || (key == "1" && shift)) return run("spam");
  if (key == "i" && shift) return run("mark_read");
  if (key == "u" && shift) return run("mark_unread");
  return false;
}

// A route as route() spells it: "#<folder>", "#search/<query>", either + "/<id>".
Status open_route(state::World& w, std::string_view r) {
  if (r.empty() || r[0] != '#') return Error{Errc::invalid_argument, "mail routes start with #"};
  r.remove_prefix(1);
  int64_t open = 0;
  if (const size_t slash = r.rfind('/'); slash != std::string_view::npos) {
    if (auto id = parse_id(r.substr(slash + 1))) {
      open = *id;
      r = r.substr(0, slash);
    }
  }
  if (r.rfind("search/", 0) == 0) {
    const std::string q(r.substr(7));
    show_folder(w, "inbox");
    w.ui_set(ui::query, q);
    set_field_value(w, full(key::search), q);
  } else if (known_folder(r)) {
    show_folder(w, r);
  } else {
    return Error{Errc::invalid_argument, "no mail route '#" + std::string(r) + "'"};
  }
  return open > 0 ? open_email(w, open) : Status{};
}

// A scheduled event: mail.arrive moves one mail_incoming row into the inbox, unread, now.
Status on_event(state::World& w, std::string_view what, std::string_view payload) {
  if (what == "unsnooze") {  // still snoozed (not moved meanwhile): back in the inbox, unread
    auto id = parse_id(payload);
    if (!id) return id.error();
    w.query("UPDATE mail_messages SET folder = 'inbox', unread = 1, snooze_ms = 0 WHERE id = ? "
            "AND folder = 'snoozed' AND snooze_ms <= ?", *id, w.now_ms()).run();
    return {};
  }
  if (what != "arrive") return Error{Errc::internal, "mail has no event '" + std::string(what) + "'"};
  auto id = parse_id(payload);
  if (!id) return id.error();
  std::string body;
  int64_t sender = 0;
  std::string subject;
  {
    auto q = w.query("SELECT sender_id, subject, body FROM mail_incoming WHERE id = ?", *id);
    if (!q.step()) return Error{Errc::internal, "mail.arrive: no incoming mail " + std::string(payload)};
    sender = q.i64(0);
    subject = q.text(1);
    body = q.text(2);
  }
  w.query("INSERT INTO mail_messages(folder, sender_id, recipient_id, subject, snippet, body, "
          "received_ms, unread) VALUES('inbox', ?, ?, ?, ?, ?, ?, 1)",
          sender, world::kUserId, subject, snippet_of(body), body, w.now_ms()).run();
  w.query("DELETE FROM mail_incoming WHERE id = ?", *id).run();
  return {};
}

Status on_submit(state::World& w, Submit s) {
  if (s.field != full(key::search)) return {};
  w.ui_set(ui::query, field_value(w, full(key::search)));
  w.ui_set("scroll:" + full(key::list), int64_t(0));
  go_list(w);
  return {};
}

}  // namespace
}  // namespace mail

const App& mail_app() {
  static const App app{.name = mail::kName,
                       .title = "Inbox - Mail",
                       .host = "mail.facsim.test",
                       .install = mail::install,
                       .view = mail::view,
                       .on_action = mail::on_action,
                       .on_submit = mail::on_submit,
                       .on_key = mail::on_key,
                       .on_back = mail::on_back,
                       .route = mail::route,
                       .open_route = mail::open_route,
                       .on_event = mail::on_event};
  return app;
}

}  // namespace facsim::apps
