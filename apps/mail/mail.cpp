// Mail, a Gmail-like client: the annotated reference app (see docs/adding-an-app.md).
//
// [SECTION] Schema
// [SECTION] World generator (seeded from assets/corpora)
// [SECTION] Queries shared by the view and the handlers
// [SECTION] View: header, sidebar, list, message
// [SECTION] Handlers
//
// UI session keys (table ui): mail.folder, mail.open (email id, 0 = list), mail.query (the
// submitted search), field:search (the text being typed), scroll:mail.list.
#include "mail.h"

#include <algorithm>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>
#include <xxhash.h>

#include "assets.h"
#include "dom.h"
#include "state.h"

namespace facsim::apps {
namespace {

using dom::Align;
using dom::Dir;
using dom::Role;

// [SECTION] Schema ------------------------------------------------------------------------------
const char* kSchema = R"sql(
CREATE TABLE contacts(
  id INTEGER PRIMARY KEY, name TEXT NOT NULL, email TEXT NOT NULL UNIQUE, company TEXT NOT NULL);
CREATE TABLE emails(
  id INTEGER PRIMARY KEY, folder TEXT NOT NULL, sender_id INTEGER NOT NULL REFERENCES contacts(id),
  subject TEXT NOT NULL, snippet TEXT NOT NULL, body TEXT NOT NULL, received_ms INTEGER NOT NULL,
  unread INTEGER NOT NULL DEFAULT 0 CHECK(unread IN (0, 1)),
  starred INTEGER NOT NULL DEFAULT 0 CHECK(starred IN (0, 1)));
CREATE INDEX emails_by_folder ON emails(folder, received_ms DESC);
CREATE TABLE mail_selected(email_id INTEGER PRIMARY KEY);
-- Mail still on its way: a scheduled "mail.arrive" event moves each row into emails.
CREATE TABLE mail_incoming(
  id INTEGER PRIMARY KEY, sender_id INTEGER NOT NULL REFERENCES contacts(id),
  subject TEXT NOT NULL, body TEXT NOT NULL);
)sql";

const char* kFolders[][2] = {{"inbox", "Inbox"},   {"starred", "Starred"}, {"snoozed", "Snoozed"},
                             {"sent", "Sent"},     {"drafts", "Drafts"},   {"spam", "Spam"},
                             {"trash", "Trash"}};
const char* kFolderIcons[] = {"\xE2\x9C\x89", "\xE2\x98\x86", "\xE2\x97\xB7", "\xE2\x86\x92",
                              "\xE2\x9C\x8E", "\xE2\x9A\x91", "\xE2\x9C\x95"};

// [SECTION] World generator -----------------------------------------------------------------------
// Draws come from the world's RNG, or from a separate seeded stream (Rng) for the future
// mail, so adding scheduled mail did not change the generated inbox.
struct WorldDraw {
  state::World& w;
  uint32_t below(uint32_t n) { return w.random_below(n); }
};

template <class Draw>
const std::string& pick(Draw& d, std::string_view corpus) {
  const auto& lines = assets::corpus(corpus);
  return lines[d.below(uint32_t(lines.size()))];
}

std::string lower_alnum(std::string_view s) {
  std::string o;
  for (char c : s)
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) o += c;
    else if (c >= 'A' && c <= 'Z') o += char(c - 'A' + 'a');
  return o;
}

template <class Draw>
std::string fill_template(Draw& w, std::string t) {
  static const char* kDaysFull[] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday"};
  static const char* kMonthsFull[] = {"January", "February", "March", "April", "May", "June",
                                      "July", "August", "September", "October", "November",
                                      "December"};
  auto sub = [&](std::string_view ph, const std::string& v) {
    for (size_t p; (p = t.find(ph)) != std::string::npos;) t.replace(p, ph.size(), v);
  };
  sub("{project}", pick(w, "projects"));
  std::string company = pick(w, "companies");
  sub("{company}", company.substr(0, company.find('|')));
  sub("{first}", pick(w, "first_names"));
  sub("{day}", kDaysFull[w.below(5)]);
  sub("{month}", kMonthsFull[w.below(12)]);
  sub("{number}", std::to_string(10000 + w.below(90000)));
  return t;
}

template <class Draw>
std::string make_body(state::World& w, Draw& d, int64_t sender) {
  std::string body;
  int paras = 1 + int(d.below(3));
  for (int p = 0; p < paras; ++p) body += fill_template(d, pick(d, "bodies")) + "\n\n";
  std::string sender_first;
  {
    auto q = w.query("SELECT name FROM contacts WHERE id = ?", sender);
    if (q.step()) sender_first = std::string(q.text(0).substr(0, q.text(0).find(' ')));
  }
  return body + pick(d, "closings") + "\n" + sender_first;
}

std::string snippet_of(const std::string& body) {
  return body.substr(0, std::min<size_t>(body.find('\n'), 140));
}

// The living inbox: kArrivals emails arrive over the next virtual hour, the first within 30-90
// seconds (tasks such as mail.star_arrival wait for it), each scheduled as a world event.
constexpr int kArrivals = 6;
void schedule_arrivals(state::World& w, int64_t n_contacts) {
  Rng d{w.seed() ^ 0xa5517a15a5517a15ull};
  int64_t at = w.now_ms() + 30000 + 1000 * int64_t(d.below(61));
  for (int i = 0; i < kArrivals; ++i) {
    int64_t sender = d.below(100) < 45 ? 2 + d.below(6) : 2 + d.below(uint32_t(n_contacts - 1));
    std::string subject = fill_template(d, pick(d, "subjects"));
    std::string body = make_body(w, d, sender);
    w.query("INSERT INTO mail_incoming(sender_id, subject, body) VALUES(?, ?, ?)", sender, subject,
            body).run();
    w.schedule(at, "mail.arrive", std::to_string(w.last_insert_rowid()));
    at += 1000 * 60 * int64_t(2 + d.below(12));
  }
}

Status install(state::World& w) {
  if (Status s = w.exec(kSchema); !s) return s;
  if (Status s = w.begin(); !s) return s;
  // The user, then ~36 contacts with unique addresses.
  w.query("INSERT INTO contacts(id, name, email, company) VALUES(1, 'Me', 'me@facsim.test', "
          "'facsim')").run();
  WorldDraw wd{w};
  const int kContacts = 36;
  for (int i = 0; i < kContacts; ++i) {
    const std::string& first = pick(wd, "first_names");
    const std::string& last = pick(wd, "last_names");
    const std::string& co = pick(wd, "companies");
    std::string company = co.substr(0, co.find('|')), domain = co.substr(co.find('|') + 1);
    std::string email = lower_alnum(first) + "." + lower_alnum(last) + "@" + domain;
    w.query("INSERT OR IGNORE INTO contacts(name, email, company) VALUES(?, ?, ?)",
            first + " " + last, email, company).run();
  }
  const int64_t n_contacts = w.scalar("SELECT count(*) FROM contacts");
  // 50 inbox messages going back in time from the virtual now, plus sent/spam/trash.
  int64_t t = w.now_ms() - 1000 * 60 * int64_t(7 + w.random_below(40));
  auto add_email = [&](std::string_view folder, int64_t sender) {
    std::string subject = fill_template(wd, pick(wd, "subjects"));
    std::string body = make_body(w, wd, sender);
    std::string snippet = snippet_of(body);
    bool unread = folder == "inbox" && w.random_below(100) < 40;
    bool starred = w.random_below(100) < 10;
    w.query("INSERT INTO emails(folder, sender_id, subject, snippet, body, received_ms, unread, "
            "starred) VALUES(?, ?, ?, ?, ?, ?, ?, ?)",
            folder, sender, subject, snippet, body, t, int64_t(unread), int64_t(starred)).run();
    t -= 1000 * 60 * int64_t(5 + w.random_below(60 * 20));
  };
  for (int i = 0; i < 50; ++i) {
    // A few frequent correspondents, like a real inbox.
    int64_t sender = w.random_below(100) < 45 ? 2 + w.random_below(6)
                                               : 2 + w.random_below(uint32_t(n_contacts - 1));
    add_email("inbox", sender);
  }
  for (int i = 0; i < 12; ++i) add_email("sent", 1);
  for (int i = 0; i < 4; ++i) add_email("spam", 2 + w.random_below(uint32_t(n_contacts - 1)));
  for (int i = 0; i < 3; ++i) add_email("trash", 2 + w.random_below(uint32_t(n_contacts - 1)));
  schedule_arrivals(w, n_contacts);
  w.ui_set("mail.folder", "inbox");
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

// The rows the list shows now: the folder, or a search over all mail ("from:x" matches the
// sender's name or address, other text the sender, subject and snippet; case-insensitive).
// The rows are a derived value (World::derived); the selection, which changes far more
// often, is read apart (Rows::sel).
std::vector<Row> query_rows(state::World& w) {
  std::string folder = w.ui_get("mail.folder", "inbox");
  std::string query = w.ui_get("mail.query");
  std::vector<Row> rows;
  auto collect = [&](state::Query q) {
    while (q.step())
      rows.push_back({q.i64(0), std::string(q.text(1)), std::string(q.text(2)),
                      std::string(q.text(3)), q.i64(4), q.i64(5) != 0, q.i64(6) != 0});
  };
  const char* cols =
      "SELECT e.id, c.name, e.subject, e.snippet, e.received_ms, e.unread, e.starred "
      "FROM emails e JOIN contacts c ON c.id = e.sender_id ";
  if (!query.empty()) {
    bool from = query.rfind("from:", 0) == 0;
    std::string pat = like_pattern(from ? query.substr(5) : query);
    if (from)  // a full address matches exactly (Gmail-like), anything else as a substring
      collect(w.query(std::string(cols) +
                          "WHERE e.folder NOT IN ('spam','trash') AND (lower(c.email) = lower(?2) "
                          "OR (NOT EXISTS (SELECT 1 FROM contacts WHERE lower(email) = lower(?2)) "
                          "AND (c.name LIKE ?1 ESCAPE '\\' OR c.email LIKE ?1 ESCAPE '\\'))) "
                          "ORDER BY e.received_ms DESC",
                      pat, query.substr(5)));
    else
      collect(w.query(std::string(cols) +
                          "WHERE e.folder NOT IN ('spam','trash') AND (c.name LIKE ?1 ESCAPE "
                          "'\\' OR c.email LIKE ?1 ESCAPE '\\' OR e.subject LIKE ?1 ESCAPE '\\' "
                          "OR e.snippet LIKE ?1 ESCAPE '\\') ORDER BY e.received_ms DESC",
                      pat));
  } else if (folder == "starred") {
    collect(w.query(std::string(cols) + "WHERE e.starred = 1 AND e.folder NOT IN ('spam','trash')"
                                        " ORDER BY e.received_ms DESC"));
  } else {
    collect(w.query(std::string(cols) + "WHERE e.folder = ? ORDER BY e.received_ms DESC", folder));
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
  for (auto q = w.query("SELECT email_id FROM mail_selected ORDER BY email_id"); q.step();)
    rows.sel.push_back(q.i64(0));
  return rows;
}

// [SECTION] View ----------------------------------------------------------------------------------

uint32_t avatar_color(std::string_view name) {
  static const uint32_t palette[] = {dom::rgb(0x1a73e8), dom::rgb(0xe8710a),
                                     dom::rgb(0x188038), dom::rgb(0xd93025),
                                     dom::rgb(0x9334e6), dom::rgb(0x007b83),
                                     dom::rgb(0xc5221f), dom::rgb(0x5f6368)};
  return palette[stable_id(name) % 8];
}

using dom::widget::icon_button;

void checkbox(dom::Tree& t, int parent, std::string_view key, std::string_view name, bool checked,
              std::string action) {
  const dom::Theme& th = t.theme();
  int hit = t.add(parent, {.w = dom::fixed(32), .h = dom::fixed(32), .justify = Align::center,
                           .align = Align::center, .hover_bg = th.hover, .radius = 16},
                  key, Role::checkbox);
  t.node(hit).name = name;
  t.node(hit).checked = checked;
  t.node(hit).action = std::move(action);
  int box = t.add(hit, {.w = dom::fixed(16), .h = dom::fixed(16), .justify = Align::center,
                        .align = Align::center, .bg = checked ? th.accent : 0,
                        .border_color = checked ? th.accent : th.text_muted,
                        .border = 2, .radius = 2});
  if (checked) t.text(box, "\xE2\x9C\x93", {.size = 13, .weight = 700, .color = th.surface});
}

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
  // Search box: a text field (key "search"); Enter submits, the clear button resets.
  const FieldView fv = field_view(w, "search", true);  // shown, and tested for emptiness only
  const bool has_query = !w.ui_get("mail.query").empty();
  dom::Stamp stamp;  // all the header shows (memoized: kept while these are the same)
  stamp << fv.value << fv.anchor << fv.caret << int64_t(fv.focused) << int64_t(has_query);
  if (t.reuse(root, "mail.header", stamp) >= 0) return;
  int h = t.add(root, {.dir = Dir::row, .w = dom::fill(), .h = dom::fixed(64),
                       .pad = {16, 8, 16, 8}, .align = Align::center}, "mail.header",
                Role::banner);
  int brand = t.add(h, {.dir = Dir::row, .w = dom::fixed(232), .gap = 12,
                        .align = Align::center});
  icon_button(t, brand, "mail.menu", "\xE2\x98\xB0", "Main menu", "", th.text, 20);
  t.node(t.find("mail.menu")).action.clear();
  int logo = t.add(brand, {.dir = Dir::row, .gap = 6, .align = Align::center});
  int mark = t.add(logo, {.w = dom::fixed(30), .h = dom::fixed(24), .justify = Align::center,
                          .align = Align::center, .bg = dom::rgb(0xea4335), .radius = 4});
  t.text(mark, "\xE2\x9C\x89", {.size = 16, .weight = 700, .color = th.surface});
  t.text(logo, "Mail", {.size = 22, .weight = 400, .color = th.text});
  const bool focused = fv.focused;
  const std::string& typed = fv.value;
  int sb = t.add(h, {.dir = Dir::row, .w = dom::fixed(720), .h = dom::fixed(48),
                     .pad = {12 - focused, 0, 8 - focused, 0}, .gap = 8, .align = Align::center,
                     .bg = focused ? th.surface : th.search,
                     .border_color = focused ? th.divider : 0, .border = focused ? 1 : 0,
                     .radius = 24}, "mail.searchbox", Role::search);
  search_icon(t, sb);
  int field = t.add(sb, {.dir = Dir::row, .w = dom::fill(), .h = dom::fixed(40),
                         .align = Align::center}, "search", Role::textbox);
  t.node(field).name = "Search mail";
  dom::widget::field_text(t, field, {fv.value, fv.anchor, fv.caret, focused, fv.live}, "Search mail",
                          {.size = 16, .color = th.text_strong}, th.text);
  if (has_query || !typed.empty())
    icon_button(t, sb, "mail.clear_search", "\xE2\x9C\x95", "Clear search", "mail:clear_search");
  t.add(h, {.w = dom::fill()});
  int av = t.add(h, {.w = dom::fixed(32), .h = dom::fixed(32), .bg = dom::rgb(0x188038),
                     .radius = 16, .image = "avatar3"},
                 "mail.account", Role::img);
  t.node(av).name = "Account: me@facsim.test";
  t.memo(h, std::move(stamp));
}

void sidebar(state::World& w, dom::Tree& t, int body) {
  const dom::Theme& th = t.theme();
  const std::string folder = w.ui_get("mail.query").empty() ? w.ui_get("mail.folder", "inbox")
                                                            : std::string();
  const int64_t unread_inbox = *w.derived<int64_t>("mail.unread_inbox", [&] {
    return w.scalar("SELECT count(*) FROM emails WHERE folder='inbox' AND unread=1");
  });
  dom::Stamp stamp;
  stamp << folder << unread_inbox;
  if (t.reuse(body, "mail.nav", stamp) >= 0) return;
  int nav = t.add(body, {.dir = Dir::column, .w = dom::fixed(256), .h = dom::fill(),
                         .pad = {8, 8, 16, 0}, .gap = 0}, "mail.nav", Role::navigation);
  int compose = t.add(nav, {.dir = Dir::row, .w = dom::fixed(142), .h = dom::fixed(56),
                            .pad = {20, 0, 20, 0}, .gap = 14, .align = Align::center,
                            .bg = th.primary_container, .hover_bg = th.primary_container_hover,
                            .radius = 16,
                            // Like the reference inbox (shared/reference): a soft shadow at
                            // rest, a deeper one under the pointer.
                            .shadow = {.y = 1, .blur = 3, .color = th.shadow},
                            .hover_shadow = {.y = 2, .blur = 6, .spread = 1,
                                             .color = dom::with_alpha(th.shadow, 90)}},
                  "mail.compose", Role::button);
  t.node(compose).name = "Compose";
  t.text(compose, "\xE2\x9C\x8E", {.size = 20, .color = th.text_strong});
  t.text(compose, "Compose", {.size = 14, .weight = 500, .color = th.text_strong});
  t.add(nav, {.h = dom::fixed(16)});
  for (size_t i = 0; i < std::size(kFolders); ++i) {
    const bool sel = folder == kFolders[i][0];
    int item = t.add(nav, {.dir = Dir::row, .w = dom::fill(), .h = dom::fixed(32),
                           .pad = {24, 0, 16, 0}, .gap = 18, .align = Align::center,
                           .bg = sel ? th.secondary_container : 0,
                           .hover_bg = sel ? th.secondary_container : th.hover, .radius = 16},
                     std::string("folder:") + kFolders[i][0], Role::link);
    t.node(item).action = std::string("mail:folder:") + kFolders[i][0];
    t.node(item).selected = sel;
    t.node(item).name = kFolders[i][1];
    const int weight = sel || (i == 0 && unread_inbox > 0) ? 700 : 400;
    t.text(item, kFolderIcons[i], {.size = 16, .color = th.text},
           {.w = dom::fixed(20), .justify = Align::center});
    t.text(item, kFolders[i][1], {.size = 14, .weight = weight, .color = th.text_strong},
           {.w = dom::fill()});
    if (i == 0 && unread_inbox > 0)
      t.text(item, std::to_string(unread_inbox), {.size = 12, .weight = 700,
                                                  .color = th.text_strong});
  }
  t.memo(nav, std::move(stamp));
}

void row_view(dom::Tree& t, int list, const std::string& id, const Row& r, bool selected,
              int64_t now, dom::Stamp&& stamp);

void list_view(state::World& w, dom::Tree& t, int panel) {
  const dom::Theme& th = t.theme();
  const Rows visible = visible_rows(w);
  const std::vector<Row>& rows = *visible.list;
  const int64_t now = w.now_floor_ms(86400000);  // only the day shows (memoizable)
  size_t n_selected = 0;
  for (const Row& r : rows) n_selected += visible.selected(r) ? 1 : 0;
  int tb = t.add(panel, {.dir = Dir::row, .w = dom::fill(), .h = dom::fixed(48),
                         .pad = {8, 0, 16, 0}, .gap = 4, .align = Align::center},
                 "mail.toolbar");
  checkbox(t, tb, "mail.select_all", "Select all", !rows.empty() && n_selected == rows.size(),
           "mail:select_all");
  if (n_selected > 0) {
    icon_button(t, tb, "mail.mark_read", "\xE2\x9C\x89", "Mark as read", "mail:mark_read");
    icon_button(t, tb, "mail.mark_unread", "\xE2\x80\xA2", "Mark as unread", "mail:mark_unread",
                th.accent, 22);
  } else {
    icon_button(t, tb, "mail.refresh", "\xE2\x86\xBB", "Refresh", "mail:refresh");
    t.node(icon_button(t, tb, "mail.more", "\xE2\x8B\xAE", "More", "")).action.clear();
  }
  t.add(tb, {.w = dom::fill()});
  char range[48];
  std::snprintf(range, sizeof range, rows.empty() ? "0 of 0" : "1\xE2\x80\x93%zu of %zu",
                rows.size(), rows.size());
  t.text(tb, range, {.size = 12, .color = th.text_muted});
  t.add(panel, {.w = dom::fill(), .h = dom::fixed(1), .bg = th.divider});

  int list = t.add(panel, {.dir = Dir::column, .w = dom::fill(), .h = dom::fill(), .clip = true},
                   "mail.list", Role::list);
  live_scroll(w, t, list);
  if (rows.empty()) {
    t.text(list, w.ui_get("mail.query").empty() ? "No conversations in this folder."
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
                         .hover_bg = selected ? bg : th.row_hover},
                  "row:" + id, Role::listitem);
  t.node(row).action = "mail:open:" + id;
  t.node(row).selected = selected;
  t.node(row).name = (r.unread ? "unread, " : "") + r.sender + ", " + r.subject + ", " +
                     format_time_short(r.received_ms, now);
  checkbox(t, row, "select:" + id, "Select", selected, "mail:select:" + id);
  icon_button(t, row, "star:" + id, r.starred ? "\xE2\x98\x85" : "\xE2\x98\x86",
              r.starred ? "Starred" : "Not starred", "mail:star:" + id,
              r.starred ? th.star : th.text_muted, 18);
  const int wt = r.unread ? 700 : 400;
  const uint32_t strong = r.unread ? th.text_strong : th.text_secondary;
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
  auto q = w.query("SELECT c.name, c.email, e.subject, e.body, e.received_ms, e.starred, e.folder "
                   "FROM emails e JOIN contacts c ON c.id = e.sender_id WHERE e.id = ?", id);
  if (!q.step()) {
    t.text(panel, "This message no longer exists.", {.size = 14, .color = th.text_muted},
           {.pad = dom::edges(24)});
    return;
  }
  std::string name(q.text(0)), email(q.text(1)), subject(q.text(2)), body(q.text(3));
  int64_t received = q.i64(4);
  bool starred = q.i64(5) != 0;
  std::string folder(q.text(6));
  std::string sid = std::to_string(id);
  int tb = t.add(panel, {.dir = Dir::row, .w = dom::fill(), .h = dom::fixed(48),
                         .pad = {8, 0, 16, 0}, .gap = 4, .align = Align::center},
                 "mail.toolbar");
  icon_button(t, tb, "mail.back", "\xE2\x86\x90", "Back to list", "mail:back", th.text, 20);
  icon_button(t, tb, "mail.mark_unread_open", "\xE2\x80\xA2", "Mark as unread",
              "mail:mark_unread_open", th.accent, 22);
  icon_button(t, tb, "mail.star_open", starred ? "\xE2\x98\x85" : "\xE2\x98\x86",
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
         {.pad = {6, 2, 6, 2}, .bg = th.chip, .radius = 4});
  int from = t.add(art, {.dir = Dir::row, .w = dom::fill(), .gap = 12, .align = Align::center});
  int av = t.add(from, {.w = dom::fixed(40), .h = dom::fixed(40), .justify = Align::center,
                        .align = Align::center, .bg = avatar_color(name), .radius = 20});
  t.text(av, name.substr(0, 1), {.size = 18, .weight = 500, .color = th.surface});
  int who = t.add(from, {.dir = Dir::column, .w = dom::fill(), .gap = 2});
  int line = t.add(who, {.dir = Dir::row, .gap = 6, .align = Align::end});
  t.text(line, name, {.size = 14, .weight = 700, .color = th.text_strong});
  t.text(line, "<" + email + ">", {.size = 12, .color = th.text_muted});
  t.text(who, "to me", {.size = 12, .color = th.text_muted});
  t.text(from, format_time_long(received), {.size = 12, .color = th.text_muted});
  t.text(art, body, {.size = 14, .color = th.body_text, .line_height = 22, .wrap = true},
         {.w = dom::fixed(820)});
}

void view(state::World& w, dom::Tree& t, int root) {
  const dom::Theme& th = t.theme();
  header(w, t, root);
  int body = t.add(root, {.dir = Dir::row, .w = dom::fill(), .h = dom::fill()});
  sidebar(w, t, body);
  int panel = t.add(body, {.dir = Dir::column, .w = dom::fill(), .h = dom::fill(),
                           .pad = {0, 0, 0, 0}, .bg = th.surface, .radius = 16},
                    "mail.main", Role::main);
  // The panel keeps a 16 px margin to the window edge, like Gmail's card.
  t.add(body, {.w = dom::fixed(16)});
  t.node(body).style.pad.b = 16;
  const int64_t open = w.ui_int("mail.open");
  if (open > 0) message_view(w, t, panel, open);
  else list_view(w, t, panel);
}

std::string route(state::World& w) {
  std::string r = "#" + w.ui_get("mail.folder", "inbox");
  if (std::string q = w.ui_get("mail.query"); !q.empty()) r = "#search/" + q;
  if (int64_t open = w.ui_int("mail.open"); open > 0) r += "/" + std::to_string(open);
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

void go_list(state::World& w) {
  w.ui_set("mail.open", int64_t(0));
  w.query("DELETE FROM mail_selected").run();
}

Status on_action(state::World& w, std::string_view a) {
  auto arg = [&](std::string_view prefix) -> std::string_view {
    return a.substr(prefix.size());
  };
  if (a.rfind("folder:", 0) == 0) {
    std::string_view f = arg("folder:");
    bool known = false;
    for (auto& fo : kFolders) known |= f == fo[0];
    if (!known) return Error{Errc::invalid_argument, "unknown folder '" + std::string(f) + "'"};
    w.ui_set("mail.folder", f);
    w.ui_set("mail.query", "");
    set_field_value(w, "search", "");
    w.ui_set("scroll:mail.list", int64_t(0));
    go_list(w);
    return {};
  }
  if (a.rfind("open:", 0) == 0) {
    auto id = parse_id(arg("open:"));
    if (!id) return id.error();
    w.query("UPDATE emails SET unread = 0 WHERE id = ?", *id).run();
    if (w.changes() == 0) return Error{Errc::not_found, "no email " + std::to_string(*id)};
    w.ui_set("mail.open", *id);
    w.query("DELETE FROM mail_selected").run();
    return {};
  }
  if (a.rfind("star:", 0) == 0) {
    auto id = parse_id(arg("star:"));
    if (!id) return id.error();
    w.query("UPDATE emails SET starred = 1 - starred WHERE id = ?", *id).run();
    return {};
  }
  if (a.rfind("select:", 0) == 0) {
    auto id = parse_id(arg("select:"));
    if (!id) return id.error();
    w.query("DELETE FROM mail_selected WHERE email_id = ?", *id).run();
    if (w.changes() == 0) w.query("INSERT INTO mail_selected(email_id) VALUES(?)", *id).run();
    return {};
  }
  if (a == "select_all") {
    const Rows visible = visible_rows(w);
    bool all = !visible.list->empty();
    for (const Row& r : *visible.list) all &= visible.selected(r);
    w.query("DELETE FROM mail_selected").run();
    if (!all)
      for (const Row& r : *visible.list) w.query("INSERT INTO mail_selected(email_id) VALUES(?)", r.id).run();
    return {};
  }
  if (a == "mark_read" || a == "mark_unread") {
    w.query(a == "mark_read"
                ? "UPDATE emails SET unread = 0 WHERE id IN (SELECT email_id FROM mail_selected)"
                : "UPDATE emails SET unread = 1 WHERE id IN (SELECT email_id FROM mail_selected)")
        .run();
    w.query("DELETE FROM mail_selected").run();
    return {};
  }
  if (a == "mark_unread_open") {
    w.query("UPDATE emails SET unread = 1 WHERE id = ?", w.ui_int("mail.open")).run();
    go_list(w);
    return {};
  }
  if (a == "back") {
    if (w.ui_int("mail.open") > 0) go_list(w);
    else if (!w.ui_get("mail.query").empty()) on_action(w, "clear_search");
    return {};
  }
  if (a == "clear_search") {
    w.ui_set("mail.query", "");
    set_field_value(w, "search", "");
    w.ui_set("scroll:mail.list", int64_t(0));
    go_list(w);
    return {};
  }
  if (a == "refresh") return {};
  return Error{Errc::invalid_argument, "unknown mail action '" + std::string(a) + "'"};
}

// A scheduled event: mail.arrive moves one mail_incoming row into the inbox, unread, now.
Status on_event(state::World& w, std::string_view what, std::string_view payload) {
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
  w.query("INSERT INTO emails(folder, sender_id, subject, snippet, body, received_ms, unread) "
          "VALUES('inbox', ?, ?, ?, ?, ?, 1)",
          sender, subject, snippet_of(body), body, w.now_ms()).run();
  w.query("DELETE FROM mail_incoming WHERE id = ?", *id).run();
  return {};
}

Status on_submit(state::World& w, std::string_view field) {
  if (field != "search") return {};
  w.ui_set("mail.query", field_value(w, "search"));
  w.ui_set("scroll:mail.list", int64_t(0));
  go_list(w);
  return {};
}

}  // namespace

const App& mail_app() {
  static const App app{"mail", "Inbox - Mail", "mail.facsim.test", install, view, on_action,
                       on_submit, route, on_event};
  return app;
}

}  // namespace facsim::apps
