// Mail, a Gmail-like client: the annotated reference app (see docs/adding-an-app.md).
//
// [SECTION] Schema
// [SECTION] World generator (seeded from assets/corpora, on mail's own random streams)
// [SECTION] Queries shared by the view and the handlers (the list, search)
// [SECTION] View: header, sidebar, list, conversation, composer, dialogs
// [SECTION] Handlers
// [SECTION] Settings and undo state
// [SECTION] Composer
// [SECTION] Undo
// [SECTION] Labels
//
// Its vocabulary (element keys, ui keys, folders) is in keys.h. UI session keys (table ui):
// mail.folder, mail.open (email id, 0 = list), mail.query (the submitted search); the search
// field's text is field:mail/search, the list's scroll offset scroll:mail/list.
#include "keys.h"
#include "content.h"
#include "mail.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <tuple>
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
  snooze_ms INTEGER NOT NULL DEFAULT 0,  -- folder 'snoozed': when it comes back; 'scheduled':
                                         -- when it is sent
  thread_id INTEGER NOT NULL DEFAULT 0,  -- the conversation: the id of its first email
  important INTEGER NOT NULL DEFAULT 0 CHECK(important IN (0, 1)),
  category TEXT NOT NULL DEFAULT 'primary'   -- the inbox tab
    CHECK(category IN ('primary', 'promotions', 'social', 'updates')));
-- The list's walks, newest first, covered: a folder's, and an inbox tab's.
CREATE INDEX mail_messages_by_folder ON mail_messages(folder, received_ms DESC, thread_id);
CREATE INDEX mail_messages_by_tab ON mail_messages(folder, category, received_ms DESC, thread_id);
CREATE INDEX mail_messages_by_thread ON mail_messages(thread_id, received_ms);
-- The unread few: the counts in the sidebar and the inbox's tabs read only these.
CREATE INDEX mail_messages_unread ON mail_messages(folder, category, thread_id) WHERE unread = 1;
-- Files an email carries (files: the world's store, shared with the other apps).
CREATE TABLE mail_attachments(
  message_id INTEGER NOT NULL REFERENCES mail_messages(id),
  file_id INTEGER NOT NULL REFERENCES files(id), PRIMARY KEY(message_id, file_id));
-- Labels (Gmail's): on emails; a conversation shows the labels of its emails.
CREATE TABLE mail_labels(
  id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE COLLATE NOCASE,
  color INTEGER NOT NULL CHECK(color BETWEEN 0 AND 7));
CREATE TABLE mail_message_labels(
  message_id INTEGER NOT NULL REFERENCES mail_messages(id),
  label_id INTEGER NOT NULL REFERENCES mail_labels(id), PRIMARY KEY(message_id, label_id));
CREATE INDEX mail_message_labels_by_label ON mail_message_labels(label_id, message_id);
-- Full-text index of the emails (search's free words and phrases): subject, body and the
-- names and addresses of sender and recipient, kept by triggers. Verifiers never see it
-- (sim's diff skips virtual tables and their shadow tables).
CREATE VIRTUAL TABLE mail_fts USING fts5(subject, body, people,
                                         tokenize = 'unicode61 remove_diacritics 2');
CREATE TRIGGER mail_fts_insert AFTER INSERT ON mail_messages BEGIN
  INSERT INTO mail_fts(rowid, subject, body, people) VALUES(new.id, new.subject, new.body,
    (SELECT name || ' ' || email FROM people WHERE id = new.sender_id) || ' ' ||
    (SELECT name || ' ' || email FROM people WHERE id = new.recipient_id));
END;
CREATE TRIGGER mail_fts_delete AFTER DELETE ON mail_messages BEGIN
  DELETE FROM mail_fts WHERE rowid = old.id;
END;
CREATE TRIGGER mail_fts_update AFTER UPDATE OF subject, body, sender_id, recipient_id
  ON mail_messages BEGIN
  UPDATE mail_fts SET subject = new.subject, body = new.body,
    people = (SELECT name || ' ' || email FROM people WHERE id = new.sender_id) || ' ' ||
             (SELECT name || ' ' || email FROM people WHERE id = new.recipient_id)
  WHERE rowid = new.id;
END;
-- The user's settings (Settings page): key -> value, defaults in kSettings.
CREATE TABLE mail_settings(key TEXT PRIMARY KEY, value TEXT NOT NULL);
-- Filters: mail from `from_query` (an address, or part of a name or address) that arrives gets
-- the label, skips the inbox, is marked read.
CREATE TABLE mail_filters(
  id INTEGER PRIMARY KEY, from_query TEXT NOT NULL,
  label_id INTEGER REFERENCES mail_labels(id),
  skip_inbox INTEGER NOT NULL DEFAULT 0 CHECK(skip_inbox IN (0, 1)),
  mark_read INTEGER NOT NULL DEFAULT 0 CHECK(mark_read IN (0, 1)));
-- Every recipient of an email by kind (to, cc, bcc); recipient_id is its first To.
CREATE TABLE mail_recipients(
  message_id INTEGER NOT NULL REFERENCES mail_messages(id),
  kind TEXT NOT NULL CHECK(kind IN ('to', 'cc', 'bcc')),
  person_id INTEGER NOT NULL REFERENCES people(id), PRIMARY KEY(message_id, kind, person_id));
CREATE TABLE mail_ui_selected(thread_id INTEGER PRIMARY KEY);      -- ticked rows
-- The composer's recipient chips, in the order chosen.
CREATE TABLE mail_ui_recipients(seq INTEGER PRIMARY KEY, kind TEXT NOT NULL,
                                person_id INTEGER NOT NULL, UNIQUE(kind, person_id));
-- What Undo puts back: the emails a move (archive, delete, spam, snooze...) took, as they were.
CREATE TABLE mail_ui_undo(message_id INTEGER PRIMARY KEY, folder TEXT NOT NULL,
                          snooze_ms INTEGER NOT NULL);
CREATE TABLE mail_ui_expanded(message_id INTEGER PRIMARY KEY);     -- open thread: cards shown
CREATE TABLE mail_ui_attachments(file_id INTEGER PRIMARY KEY);     -- the composer's files
-- Mail still on its way: a scheduled "mail.arrive" event moves each row into mail_messages.
CREATE TABLE mail_incoming(   -- AUTOINCREMENT: ids never reused (world::event_row_id)
  id INTEGER PRIMARY KEY AUTOINCREMENT, sender_id INTEGER NOT NULL REFERENCES people(id),
  subject TEXT NOT NULL, body TEXT NOT NULL, category TEXT NOT NULL DEFAULT 'primary',
  thread_id INTEGER NOT NULL DEFAULT 0);  -- a reply in that conversation (0: a new one)
-- Muted conversations (Gmail's Mute): out of the inbox, and what arrives in them stays out.
CREATE TABLE mail_muted(thread_id INTEGER PRIMARY KEY);
)sql";

// Tunables of the generator (STYLE.md, lesson 14): conversations in the inbox and the archive
// (k*ThreadPct of them 3-8 emails long, the rest single emails), single emails elsewhere.
constexpr int kInbox = 50, kArchive = 45, kSent = 12, kSpam = 4, kTrash = 3;
constexpr uint32_t kInboxThreadPct = 40, kArchiveThreadPct = 65, kUnreadPct = 40,
                   kStarredPct = 10, kImportantPct = 70;
constexpr uint32_t kOldUnreadPct = 2;  // grow_inbox's older mail: most of it was read long ago

const char* kFolderIcons[] = {"\xE2\x9C\x89", "\xE2\x98\x86", "", "\xE2\x97\xB7", "\xE2\x80\xA6", "\xE2\x86\x92",
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

// Label colours (Gmail's label palette): background and text, per appearance.
struct LabelColor {
  uint32_t light_bg, light_fg, dark_bg, dark_fg;
};
constexpr LabelColor kLabelColors[8] = {
    {0xb9e4d0, 0x0b4f30, 0x0b4f30, 0xb9e4d0}, {0xc9daf8, 0x1c4587, 0x1c4587, 0xc9daf8},
    {0xffc8af, 0x7a2e0b, 0x7a2e0b, 0xffc8af}, {0xe4d7f5, 0x41236d, 0x41236d, 0xe4d7f5},
    {0xfce8b3, 0x594c05, 0x594c05, 0xfce8b3}, {0xf2b2a8, 0x8a1c0a, 0x8a1c0a, 0xf2b2a8},
    {0xb3efd3, 0x04502e, 0x04502e, 0xb3efd3}, {0xfbc8d9, 0x83334c, 0x83334c, 0xfbc8d9}};
uint32_t label_bg(const dom::Theme& th, int c) {
  const LabelColor& k = kLabelColors[c & 7];
  return dom::rgb(th.dark ? k.dark_bg : k.light_bg);
}
uint32_t label_fg(const dom::Theme& th, int c) {
  const LabelColor& k = kLabelColors[c & 7];
  return dom::rgb(th.dark ? k.dark_fg : k.light_fg);
}

// [SECTION] World generator -----------------------------------------------------------------------
// Every draw comes from mail's own stream (App::install's rng); the mail still to arrive draws
// from a second stream ("mail.arrivals"), so adding scheduled mail did not change the inbox.
// The list's preview: the body's first 140 characters on one line (no cut inside a UTF-8
// sequence), as webmail shows it.
std::string snippet_of(const std::string& body) {
  std::string s;
  for (char c : dom::widget::markup_plain(body)) {
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
    w.query("INSERT INTO mail_incoming(sender_id, subject, body, category) VALUES(?, ?, ?, ?)",
            l.sender, l.subject, l.body, l.category).run();
    w.schedule(at, "mail.arrive", std::to_string(w.last_insert_rowid()));
    at += 1000 * 60 * int64_t(2 + d.below(12));
  }
}

// One email into mail_messages; thread 0 starts a conversation of its own (thread_id = id).
// Returns its id.
int64_t insert_email(state::World& w, std::string_view folder, const Letter& l, int64_t at,
                     bool unread, bool starred, int64_t thread, bool important = false,
                     int64_t id_given = 0) {  // id_given: a row of the living world's
  auto q = w.query("INSERT INTO mail_messages(id, folder, sender_id, recipient_id, subject, snippet, "
                   "body, received_ms, unread, starred, thread_id, important, category) VALUES(?, ?, "
                   "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  if (id_given) q.bind(1, id_given);
  else q.bind_null(1);
  q.bind(2, folder).bind(3, l.sender).bind(4, l.recipient).bind(5, l.subject)
      .bind(6, snippet_of(l.body)).bind(7, l.body).bind(8, at).bind(9, int64_t(unread))
      .bind(10, int64_t(starred)).bind(11, thread).bind(12, int64_t(important)).bind(13, l.category);
  q.run();
  const int64_t id = w.last_insert_rowid();
  if (thread == 0) w.query("UPDATE mail_messages SET thread_id = id WHERE id = ?", id).run();
  return id;
}

// A letter's attachment becomes a file in the world's store (owned by its writer, dated when
// it was sent) that the email refers to.
void store_attachment(state::World& w, int64_t email, const Letter& l, int64_t at) {
  if (l.attachment.empty()) return;
  const bool image = l.attachment.size() > 4 &&
                     l.attachment.compare(l.attachment.size() - 4, 4, ".jpg") == 0;
  // The size is a function of the name: the same letter always weighs the same.
  const int64_t bytes = (image ? 240000 : 36000) +
                        int64_t(XXH3_64bits(l.attachment.data(), l.attachment.size()) % 900000);
  w.query("INSERT INTO files(name, kind, mime, bytes, owner_id, created_ms, summary) "
          "VALUES(?, ?, ?, ?, ?, ?, ?)", l.attachment, image ? "image" : "pdf",
          image ? "image/jpeg" : "application/pdf", bytes, l.sender, at,
          l.attachment_summary).run();
  w.query("INSERT INTO mail_attachments(message_id, file_id) VALUES(?, ?)", email,
          w.last_insert_rowid()).run();
}

// A conversation (or a single email) whose last email is at `last`: the user's own emails are
// in Sent, the others in `place`; in the inbox the newest of them may be unread.
void add_conversation(state::World& w, Rng& d, const Cast& cast, std::string_view place,
                      int64_t last, uint32_t unread_pct = kUnreadPct) {
  std::vector<Letter> letters;
  const uint32_t thread_pct = place == "inbox"     ? kInboxThreadPct
                              : place == "archive" ? kArchiveThreadPct
                                                   : 0;
  if (d.below(100) < thread_pct)
    letters = write_thread(cast, d, 3 + int(d.below(kMaxThread - 2)));
  if (letters.empty()) letters.push_back(write_letter(cast, d, place == "sent"));
  std::vector<int64_t> at(letters.size(), last);  // oldest first, minutes to hours apart
  for (size_t i = letters.size() - 1; i-- > 0;)
    at[i] = at[i + 1] - 1000 * 60 * int64_t(10 + d.below(60 * 6));
  const bool unread = place == "inbox" && d.below(100) < unread_pct;
  const bool starred = d.below(100) < kStarredPct;
  // Unread: the emails to the user after the user's last turn (the newest one at least).
  size_t after_user = 0;
  for (size_t i = 0; i < letters.size(); ++i)
    if (letters[i].sender == cast.user.id) after_user = i + 1;
  const size_t starred_at = letters.size() - 1 - d.below(uint32_t(letters.size()));
  // Important (Gmail guesses it): conversations the user is in, and most primary mail from
  // the close coworkers and customers; never promotions, social or updates.
  const bool in_it = after_user > 0;
  const bool important = letters[0].category == "primary" &&
                         (in_it ? d.below(100) < kImportantPct : d.below(100) < kImportantPct / 2);
  std::vector<int64_t> participants;  // who writes in it, and the user
  for (const Letter& l : letters)
    for (int64_t p : {l.sender, l.recipient})
      if (std::find(participants.begin(), participants.end(), p) == participants.end())
        participants.push_back(p);
  int64_t thread = 0;
  for (size_t i = 0; i < letters.size(); ++i) {
    const Letter& l = letters[i];
    const bool mine = l.sender == cast.user.id;
    const bool is_unread = unread && !mine && (i >= after_user || i + 1 == letters.size());
    const int64_t id = insert_email(w, mine ? "sent" : place, l, at[i], is_unread,
                                    starred && i == starred_at, thread, important && !mine);
    if (thread == 0) thread = id;
    // Everyone in the conversation is on it: its To, and the others on copy.
    w.query("INSERT INTO mail_recipients(message_id, kind, person_id) VALUES(?, 'to', ?)", id,
            l.recipient).run();
    for (int64_t p : participants)
      if (p != l.sender && p != l.recipient)
        w.query("INSERT OR IGNORE INTO mail_recipients(message_id, kind, person_id) VALUES(?, "
                "'cc', ?)", id, p).run();
    store_attachment(w, id, l, at[i]);
  }
}

// The user's labels and the conversations they already carry, drawn on their own stream
// ("mail.labels"): rules a person would keep (invoices under Finance/Invoices, trips under
// Travel, customers' threads under Clients), each followed for most matching conversations,
// plus a few "Follow up" ones in the inbox. "Receipts" starts empty.
struct LabelRule {
  const char* name;
  int color;
  const char* where;  // on the conversation's first email (alias e) and its sender (alias c)
  uint32_t pct;
};
const LabelRule kLabelRules[] = {
    {"Finance", 0, nullptr, 0},
    {"Finance/Invoices", 0, "e.subject LIKE '%invoice%'", 75},
    {"Travel", 1, "e.subject LIKE '%trip%' OR e.subject LIKE '%travel%' OR e.subject LIKE "
                  "'%offsite%'", 80},
    {"Clients", 2, "c.role = 'customer'", 60},
    {"Newsletters", 3, "e.subject LIKE '%newsletter%' OR e.subject LIKE 'What''s new%'", 100},
    {"Receipts", 4, nullptr, 0},
    {"Follow up", 5, "e.folder = 'inbox'", 8},
};

void add_labels(state::World& w, Rng& r) {
  for (const LabelRule& rule : kLabelRules) {
    w.query("INSERT INTO mail_labels(name, color) VALUES(?, ?)", rule.name, int64_t(rule.color))
        .run();
    const int64_t label = w.last_insert_rowid();
    if (!rule.where) continue;
    std::vector<int64_t> threads;
    for (auto q = w.query(std::string("SELECT e.thread_id FROM mail_messages e JOIN people p ON "
                                      "p.id = e.sender_id JOIN companies c ON c.id = "
                                      "p.company_id WHERE e.id = e.thread_id AND e.folder NOT IN "
                                      "('spam', 'trash') AND (") + rule.where +
                          ") ORDER BY e.thread_id");
         q.step();)
      threads.push_back(q.i64(0));
    for (int64_t t : threads)
      if (r.below(100) < rule.pct)
        w.query("INSERT INTO mail_message_labels(message_id, label_id) SELECT id, ? FROM "
                "mail_messages WHERE thread_id = ? AND folder <> 'drafts'", label, t).run();
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
  // Conversations going back in time from the virtual now: the inbox's, then older ones in
  // the archive; single emails in sent, spam and trash on timelines of their own over the
  // same weeks.
  const int64_t now = w.now_ms();
  auto add = [&](std::string_view place, int n, int64_t max_gap_min) {
    int64_t t = now - 1000 * 60 * int64_t(7 + d.below(40));
    for (int i = 0; i < n; ++i) {
      add_conversation(w, d, cast, place, t);
      t -= 1000 * 60 * int64_t(5 + d.below(uint32_t(max_gap_min)));
    }
    return t;
  };
  const int64_t oldest_inbox = add("inbox", kInbox, 60 * 20);
  int64_t t = oldest_inbox;
  for (int i = 0; i < kArchive; ++i) {
    add_conversation(w, d, cast, "archive", t);
    t -= 1000 * 60 * int64_t(5 + d.below(60 * 20));
  }
  add("sent", kSent, 60 * 24 * 3);
  add("spam", kSpam, 60 * 24 * 4);
  add("trash", kTrash, 60 * 24 * 5);
  Rng arrivals = Rng::stream(w.seed(), "mail.arrivals");
  schedule_arrivals(w, arrivals, cast);
  Rng labels = Rng::stream(w.seed(), "mail.labels");
  add_labels(w, labels);
  w.ui_set(ui::folder, "inbox");
  if (const Error* e = w.error()) {
    Error err = *e;
    w.rollback();
    return err;
  }
  return w.commit();
}

// The first column of the first row of a query with arguments (0 when there is none).
template <class... A>
int64_t value(state::World& w, std::string_view sql, A&&... args) {
  auto q = w.query(sql, std::forward<A>(args)...);
  return q.step() ? q.i64(0) : 0;
}

// [SECTION] Queries -----------------------------------------------------------------------------
// A list row: one conversation (thread), as the view it is listed in sees it.
struct Row {
  int64_t id;                 // the thread's id (its first email's)
  std::string sender;         // who: one name, "To: name" (sent), or first names "Dana, me"
  std::string who_a11y;       // the same for the accessible name, names joined by " & "
  std::string subject, snippet;  // the thread's subject, the newest email's preview
  int64_t received_ms;        // the newest email the view lists
  int64_t count;              // emails in the conversation
  bool unread, starred, important;
  std::string attachment;     // the name of its first attached file ("" none)
  std::vector<std::pair<std::string, int64_t>> labels;  // chips: name, colour (not the view's)
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

// A search, as Gmail reads one: terms joined by AND; "OR" between two terms joins them;
// "-term" excludes; "a quoted phrase" matches as it is. Operators: from:X (a full address
// matches exactly, anything else the name or address as a substring), to:X, subject:X,
// label:X, has:attachment, is:unread|read|starred, in:<folder>|anywhere, before:/after:
// YYYY/MM/DD (UTC days; before is exclusive), older_than:/newer_than: N d|m|y (the virtual
// clock). Free words match the sender, the subject and the body. Without in:, spam and trash
// are left out. Values are bound, never spliced into the SQL.
struct Search {
  std::string where;
  std::vector<std::string> args;
  bool folder_given = false;  // in:... named: spam and trash are not left out
};

// Days since the epoch of "YYYY/MM/DD" or "YYYY-MM-DD"; false when it is not a date.
bool parse_day(std::string_view v, int64_t& days) {
  int y = 0, m = 0, d = 0;
  char a = 0, b = 0;
  const std::string s(v);
  if (std::sscanf(s.c_str(), "%d%c%d%c%d", &y, &a, &m, &b, &d) != 5 || a != b ||
      (a != '/' && a != '-') || m < 1 || m > 12 || d < 1 || d > 31 || y < 1970 || y > 9999)
    return false;
  days = days_from_civil(y, unsigned(m), unsigned(d));
  return true;
}

// A search's tokens: words, "quoted phrases", op:"quoted values" (quotes dropped); a leading
// '-' negates.
std::vector<std::string> query_tokens(std::string_view query) {
  std::vector<std::string> tokens;
  for (size_t i = 0; i < query.size();) {
    if (query[i] == ' ') {
      ++i;
      continue;
    }
    std::string tok;
    bool quoted = false;
    for (; i < query.size() && (quoted || query[i] != ' '); ++i) {
      if (query[i] == '"') quoted = !quoted;
      else tok += query[i];
    }
    tokens.push_back(std::move(tok));
  }
  return tokens;
}

constexpr std::string_view kFts = "\x01fts:";  // marks a clause that is an FTS5 phrase
Search parse_search(std::string_view query, int64_t now_ms) {
  Search s;
  auto arg = [&](std::string v) {
    s.args.push_back(std::move(v));
    return "?" + std::to_string(s.args.size());
  };
  const std::vector<std::string> tokens = query_tokens(query);
  // Each token's clause ("" for one that is not a term, such as a lone "-").
  auto clause = [&](std::string term) -> std::string {
    const size_t colon = term.find(':');
    const std::string op = colon == std::string::npos ? "" : term.substr(0, colon);
    const std::string val = colon == std::string::npos ? term : term.substr(colon + 1);
    if (term.empty() || (!op.empty() && val.empty())) return "";
    if (op == "from" || op == "to") {
      const char* who = op == "from" ? "c" : "r";
      const std::string exact = arg(val), like = arg(like_pattern(val));
      return std::string("lower(") + who + ".email) = lower(" + exact + ") OR (NOT EXISTS (SELECT "
             "1 FROM people WHERE lower(email) = lower(" + exact + ")) AND (" + who + ".name LIKE " +
             like + " ESCAPE '\\' OR " + who + ".email LIKE " + like + " ESCAPE '\\'))";
    }
    if (op == "subject") return "e.subject LIKE " + arg(like_pattern(val)) + " ESCAPE '\\'";
    if (op == "label") {  // by name; Gmail also takes "-" for spaces and slashes
      const std::string v = arg(val);
      return "EXISTS (SELECT 1 FROM mail_message_labels ml JOIN mail_labels lb ON lb.id = "
             "ml.label_id WHERE ml.message_id = e.id AND (lower(lb.name) = lower(" + v + ") OR "
             "lower(replace(replace(lb.name, ' ', '-'), '/', '-')) = lower(" + v + ")))";
    }
    if (op == "has" && val == "attachment")
      return "EXISTS (SELECT 1 FROM mail_attachments a WHERE a.message_id = e.id)";
    if (op == "is" && (val == "unread" || val == "read"))
      return val == "unread" ? "e.unread = 1" : "e.unread = 0";
    if (op == "is" && val == "starred") return "e.starred = 1";
    if (op == "in") {
      s.folder_given = true;
      if (val == "anywhere") return "1";
      if (val == "starred") return "e.starred = 1";
      return "e.folder = " + arg(val == "all" ? "archive" : val);
    }
    int64_t day = 0;
    if ((op == "before" || op == "after") && parse_day(val, day))
      return std::string("e.received_ms ") + (op == "before" ? "< " : ">= ") +
             std::to_string(day * 86400000);
    if (op == "older_than" || op == "newer_than") {
      char unit = 0;
      int n = 0;
      if (std::sscanf(val.c_str(), "%d%c", &n, &unit) == 2 && n >= 0 && n < 100000 &&
          (unit == 'd' || unit == 'm' || unit == 'y')) {
        const int64_t days = int64_t(n) * (unit == 'd' ? 1 : unit == 'm' ? 30 : 365);
        return std::string("e.received_ms ") + (op == "older_than" ? "< " : ">= ") +
               std::to_string(now_ms - days * 86400000);
      }
    }
    // Free words and phrases: whole words, through the full-text index (a phrase: its words
    // in order). A term with no letter or digit can only be a piece of a subject.
    bool word = false;
    for (char ch : term) word |= std::isalnum(uint8_t(ch)) || uint8_t(ch) >= 0x80;
    if (!word) return "e.subject LIKE " + arg(like_pattern(term)) + " ESCAPE '\\'";
    std::string fts = "\"";
    for (char ch : term) fts += ch == '"' ? std::string("\"\"") : std::string(1, ch);
    return std::string(kFts) + fts + "\"";  // an FTS5 phrase; see below
  };
  // Full-text phrases: those a search simply requires go into one MATCH (FTS5 ANDs them, and
  // the index hands back only the emails with all of them); the others (negated, or in an OR)
  // are a MATCH each.
  auto fts_sql = [&](const std::string& c) {
    return c.rfind(kFts, 0) == 0
               ? "e.id IN (SELECT rowid FROM mail_fts WHERE mail_fts MATCH " +
                     arg(c.substr(kFts.size())) + ")"
               : c;
  };
  struct Group {
    std::vector<std::pair<std::string, bool>> clauses;  // clause, negated
  };
  std::vector<Group> groups;  // AND of groups; a group is clauses joined by OR
  bool join = false;
  for (const std::string& tok : tokens) {
    if (tok == "OR") {
      join = !groups.empty();
      continue;
    }
    const bool negate = tok.size() > 1 && tok[0] == '-';
    std::string c = clause(negate ? tok.substr(1) : tok);
    if (c.empty()) continue;
    if (!join) groups.emplace_back();
    groups.back().clauses.emplace_back(std::move(c), negate);
    join = false;
  }
  std::string match;  // the required phrases, one FTS5 query
  for (const Group& g : groups) {
    if (g.clauses.size() == 1 && !g.clauses[0].second && g.clauses[0].first.rfind(kFts, 0) == 0) {
      match += (match.empty() ? "" : " ") + g.clauses[0].first.substr(kFts.size());
      continue;
    }
    std::string sql;
    for (const auto& [c, negate] : g.clauses)
      sql += std::string(sql.empty() ? "" : " OR ") + (negate ? "NOT (" : "(") + fts_sql(c) + ")";
    s.where += " AND (" + sql + ")";
  }
  if (!match.empty())
    s.where += " AND (e.id IN (SELECT rowid FROM mail_fts WHERE mail_fts MATCH " + arg(match) + "))";
  if (!s.folder_given) s.where += " AND (e.folder NOT IN ('spam', 'trash'))";
  return s;
}

// The rows the list shows now: the conversations with an email in the folder (All mail:
// everything but spam and trash) or matching the search (parse_search), newest first, one
// page of kPageSize (ui mail.page). The rows are a derived value (World::derived); the
// selection, which changes far more often, is read apart (Rows::sel).
struct RowList;
RowList query_rows(state::World& w);

struct RowList {
  std::vector<Row> rows;
  int64_t total = 0;  // conversations in the view, all pages (at most kExactCount + 1 pages)
  bool many = false;  // more than kExactCount: the pager says "of many"
  int64_t page = 0;   // the page shown (0 = newest)
  // Each row gets a 128-bit digest of its content: a row's memo stamps its digest instead of
  // its texts, so a row whose content is the same in a list computed again (another row
  // changed, a restore) is kept.
  void digest() {
    dom::Stamp s;  // length-prefixed fields: no two rows give the same bytes
    for (Row& row : rows) {
      s.bytes.clear();
      s << row.id << row.received_ms << row.count << int64_t(row.unread) << int64_t(row.starred)
        << int64_t(row.important)
        << row.attachment << int64_t(row.labels.size());
      for (const auto& [name, color] : row.labels) s << name << color;
      s << row.sender << row.who_a11y << row.subject << row.snippet;
      const XXH128_hash_t h = XXH3_128bits(s.bytes.data(), s.bytes.size());
      row.digest[0] = h.low64;
      row.digest[1] = h.high64;
    }
  }
};

// Which emails make a conversation belong to the view shown: "FROM mail_messages e ... WHERE
// ..." with its arguments (?1 ...); bin: its rows count their spam and trash emails.
struct ViewFilter {
  std::string matching;
  std::vector<std::string> args;
  bool bin = false;
};
ViewFilter view_filter(state::World& w) {
  const std::string folder = w.ui_get(ui::folder, "inbox");
  const std::string query = w.ui_get(ui::query);
  std::string where;
  std::vector<std::string> args;
  bool bin = folder == "spam" || folder == "trash";  // rows count their spam/trash emails
  if (!query.empty()) {
    Search s = parse_search(query, w.now_ms());
    where = "1" + s.where;
    args = std::move(s.args);
    bin = s.folder_given;
  } else if (folder == "starred") {
    where = "e.starred = 1 AND e.folder NOT IN ('spam','trash')";
  } else if (folder == "important") {
    where = "e.important = 1 AND e.folder NOT IN ('spam','trash')";
  } else if (folder == "inbox") {  // the tab's conversations
    where = "e.folder = 'inbox' AND e.category = ?1";
    args.push_back(w.ui_get(ui::category, "primary"));
  } else if (folder == "all") {
    where = "e.folder NOT IN ('spam','trash')";
  } else if (folder.rfind("label:", 0) == 0) {
    where = "e.folder NOT IN ('spam','trash') AND EXISTS (SELECT 1 FROM mail_message_labels l "
            "WHERE l.message_id = e.id AND l.label_id = ?1)";
    args.push_back(folder.substr(6));
  } else {
    where = "e.folder = ?1";
    args.push_back(folder);
  }
  // A search names people (from:, to:, free words); a folder needs only the emails (and an
  // index that covers the walk below).
  return {(query.empty() ? std::string("FROM mail_messages e WHERE ")
                         : "FROM mail_messages e JOIN people c ON c.id = e.sender_id JOIN people "
                           "r ON r.id = e.recipient_id WHERE ") + where,
          std::move(args), bin};
}

RowList query_rows(state::World& w) {
  const std::string folder = w.ui_get(ui::folder, "inbox");
  RowList out;
  ViewFilter vf = view_filter(w);
  const std::string& matching = vf.matching;
  const std::vector<std::string>& args = vf.args;
  const bool bin = vf.bin;
  auto bind_all = [&](state::Query& q) {
    for (size_t i = 0; i < args.size(); ++i) q.bind(int(i + 1), args[i]);
  };
  // The view's conversations in order: its emails newest first (an index walk for folders),
  // each conversation where its newest matching email is. The walk stops once it knows the
  // page and up to kExactCount conversations: past that the pager says "of many", as Gmail's
  // does, and a step costs the same in a mailbox of 10,000 emails as in one of 100.
  const int64_t want_page = std::max<int64_t>(0, w.ui_int(ui::page));
  const int64_t cap = std::max<int64_t>((want_page + 2) * kPageSize, kExactCount);
  std::vector<std::pair<int64_t, int64_t>> order;  // thread, its newest matching email's time
  std::set<int64_t> seen;
  {
    auto q = w.query("SELECT e.thread_id, e.received_ms " + matching +
                     " ORDER BY e.received_ms DESC, e.id DESC");
    bind_all(q);
    while (q.step()) {
      if (!seen.insert(q.i64(0)).second) continue;
      order.emplace_back(q.i64(0), q.i64(1));
      if (int64_t(order.size()) > cap) {
        out.many = true;
        order.pop_back();
        break;
      }
    }
  }
  out.total = int64_t(order.size());
  const int64_t pages = std::max<int64_t>(1, (out.total + kPageSize - 1) / kPageSize);
  out.page = std::clamp<int64_t>(want_page, 0, pages - 1);
  if (out.many && out.page == pages - 1 && out.page > 0) --out.page;  // the last full page
  const size_t first = size_t(out.page * kPageSize);
  const size_t last_of_page = std::min(order.size(), first + size_t(kPageSize));
  // All emails of the page's conversations (oldest first) to sum each one up.
  std::string marks;
  for (size_t k = first; k < last_of_page; ++k) marks += k == first ? "?" : ", ?";
  const std::string in_page = "m.thread_id IN (" + (marks.empty() ? std::string("NULL") : marks) + ")";
  auto bind_page = [&](state::Query& q) {
    for (size_t k = first; k < last_of_page; ++k) q.bind(int(k - first + 1), order[k].first);
  };
  // Their files' first names and their labels, in two walks from the page's emails.
  std::map<int64_t, std::string> files, label_ids;
  {
    auto f = w.query("SELECT a.message_id, f.name FROM mail_messages m CROSS JOIN "
                     "mail_attachments a ON a.message_id = m.id JOIN files f ON f.id = a.file_id "
                     "WHERE " + in_page + " ORDER BY a.message_id, f.id");
    bind_page(f);
    while (f.step()) files.emplace(f.i64(0), std::string(f.text(1)));  // the first stays
    auto l = w.query("SELECT l.message_id, l.label_id FROM mail_messages m CROSS JOIN "
                     "mail_message_labels l ON l.message_id = m.id WHERE " + in_page +
                     " ORDER BY l.message_id, l.label_id");
    bind_page(l);
    while (l.step()) {
      std::string& ids = label_ids[l.i64(0)];
      ids += (ids.empty() ? "" : ",") + std::to_string(l.i64(1));
    }
  }
  auto q = w.query(
      "SELECT m.thread_id, m.id, m.sender_id, c.first, c.name, r.name, m.subject, m.snippet, "
      "m.unread, m.starred, m.folder, m.important FROM mail_messages m JOIN people c ON c.id = "
      "m.sender_id JOIN people r ON r.id = m.recipient_id WHERE " + in_page +
      " ORDER BY m.thread_id, m.received_ms, m.id");
  bind_page(q);
  struct Member {
    int64_t sender;
    std::string first, name, to, subject, snippet, folder, attachment, labels;
    bool unread, starred, important;
  };
  // The labels, to show as chips (but not the one the view lists).
  std::vector<std::tuple<int64_t, std::string, int64_t>> names;
  for (auto l = w.query("SELECT id, name, color FROM mail_labels ORDER BY name COLLATE NOCASE, id");
       l.step();)
    names.emplace_back(l.i64(0), std::string(l.text(1)), l.i64(2));
  const int64_t viewed = folder.rfind("label:", 0) == 0 ? std::atoll(folder.c_str() + 6) : 0;
  std::vector<Member> members;
  auto flush = [&](int64_t thread, int64_t last) {
    if (members.empty()) return;  // its emails could not be read (a failed statement)
    // The conversation as this view shows it: drafts only in Drafts, spam and trash only
    // where they are looked at.
    std::vector<const Member*> m;
    for (const Member& e : members) {
      if (e.folder == "drafts" && folder != "drafts") continue;
      if ((e.folder == "spam" || e.folder == "trash") && !bin) continue;
      m.push_back(&e);
    }
    if (m.empty())
      for (const Member& e : members) m.push_back(&e);
    Row row{thread, "", "", m.front()->subject, m.back()->snippet, last, int64_t(m.size()),
            false, false, false, "", {}};
    std::vector<std::string> who;
    std::string ids = ",";
    for (const Member* e : m) {
      if (!e->labels.empty()) ids += e->labels + ",";
      row.unread |= e->unread;
      row.starred |= e->starred;
      row.important |= e->important;
      if (row.attachment.empty()) row.attachment = e->attachment;
      const std::string name = e->sender == world::kUserId ? "me" : e->first;
      if (std::find(who.begin(), who.end(), name) == who.end()) who.push_back(name);
    }
    if (m.size() == 1) {  // one email: the writer's full name, or whom the user wrote to
      row.sender = m[0]->sender == world::kUserId ? "To: " + m[0]->to : m[0]->name;
      row.who_a11y = row.sender;
    } else {
      for (size_t i = 0; i < who.size(); ++i) {
        // Gmail's way with many: the first and the last two ("Dana .. Omar, me").
        if (who.size() > 3 && i > 0 && i + 2 < who.size()) {
          if (i == 1) row.sender += " ..";
          continue;
        }
        if (i) row.sender += i + 2 == who.size() && who.size() > 3 ? " " : ", ";
        row.sender += who[i];
      }
      for (size_t i = 0; i < who.size(); ++i) row.who_a11y += (i ? " & " : "") + who[i];
      row.who_a11y += " (" + std::to_string(m.size()) + ")";
    }
    for (const auto& [id, name, color] : names)
      if (id != viewed && ids.find("," + std::to_string(id) + ",") != std::string::npos)
        row.labels.emplace_back(name, color);
    out.rows.push_back(std::move(row));
    members.clear();
  };
  std::map<int64_t, std::vector<Member>> by_thread;
  while (q.step()) {
    const int64_t id = q.i64(1);
    const auto file = files.find(id);
    const auto labels = label_ids.find(id);
    by_thread[q.i64(0)].push_back({q.i64(2), std::string(q.text(3)), std::string(q.text(4)),
                                   std::string(q.text(5)), std::string(q.text(6)),
                                   std::string(q.text(7)), std::string(q.text(10)),
                                   file == files.end() ? std::string() : file->second,
                                   labels == label_ids.end() ? std::string() : labels->second,
                                   q.i64(8) != 0, q.i64(9) != 0, q.i64(11) != 0});
  }
  for (size_t k = first; k < last_of_page; ++k) {
    members = std::move(by_thread[order[k].first]);
    flush(order[k].first, order[k].second);
  }
  out.digest();
  return out;
}

struct Rows {
  std::shared_ptr<const RowList> all;
  const std::vector<Row>* list;
  std::vector<int64_t> sel;  // selected thread ids, ascending
  bool selected(const Row& r) const { return std::binary_search(sel.begin(), sel.end(), r.id); }
};

Rows visible_rows(state::World& w) {
  Rows rows{w.derived<RowList>("mail.rows", [&] { return query_rows(w); }), nullptr, {}};
  rows.list = &rows.all->rows;
  for (auto q = w.query("SELECT thread_id FROM mail_ui_selected ORDER BY thread_id"); q.step();)
    rows.sel.push_back(q.i64(0));
  return rows;
}

// [SECTION] View ----------------------------------------------------------------------------------

std::string with_commas(int64_t n) {
  std::string digits = std::to_string(n), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

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

// Gmail's importance marker: a small tag, filled yellow when important (no font has it).
void important_tag(dom::Tree& t, int parent, bool on, uint32_t outline) {
  const dom::Theme& th = t.theme();
  t.add(parent, {.w = dom::fixed(16), .h = dom::fixed(10), .bg = on ? th.star : 0,
                 .border_color = on ? th.star : outline, .border = on ? 0 : 2, .radius = 3});
}
int important_button(dom::Tree& t, int parent, std::string_view key, bool on, std::string action) {
  const dom::Theme& th = t.theme();
  const int b = t.add(parent, {.w = dom::fixed(32), .h = dom::fixed(32), .justify = Align::center,
                               .align = Align::center, .hover_bg = th.hover, .radius = 16},
                      key, Role::button);
  t.node(b).name = on ? "Important" : "Not important";
  t.node(b).action = std::move(action);
  important_tag(t, b, on, th.text_muted);
  return b;
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
  const bool form = w.ui_int(ui::search_form) != 0;
  stamp << fv.value << fv.anchor << fv.caret << int64_t(fv.focused) << int64_t(has_query)
        << account << int64_t(form);
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
  const int opts = icon_button(t, sb, key::search_options, "\xE2\x96\xBE", "Show search options",
                               "mail:search_form", th.text, 18);
  t.node(opts).has_popup = true;
  t.node(opts).expanded = form;
  t.add(h, {.w = dom::fill()});
  icon_button(t, h, key::open_settings, "\xE2\x9A\x99", "Settings", "mail:open_settings",
              th.text, 20);
  int av = t.add(h, {.w = dom::fixed(32), .h = dom::fixed(32), .bg = dom::rgb(0x188038),
                     .radius = 16, .image = "avatar3"},
                 "account", Role::img);
  t.node(av).name = "Account: " + account;
  t.memo(h, std::move(stamp));
}

// The labels, sorted by name (a nested one follows its parent), each with its unread
// conversations (not in spam or trash).
struct Label {
  int64_t id, color, unread;
  std::string name;
};
std::shared_ptr<const std::vector<Label>> all_labels(state::World& w) {
  return w.derived<std::vector<Label>>("mail.labels", [&] {
    std::vector<Label> out;
    for (auto q = w.query("SELECT id, color, name FROM mail_labels ORDER BY name COLLATE NOCASE, "
                          "id");
         q.step();)
      out.push_back({q.i64(0), q.i64(1), 0, std::string(q.text(2))});
    // Unread conversations per label, from the unread emails (few, indexed) to their labels.
    for (auto q = w.query("SELECT l.label_id, count(DISTINCT m.thread_id) FROM mail_messages m "
                          "CROSS JOIN mail_message_labels l ON l.message_id = m.id WHERE m.unread = 1 "
                          "AND m.folder NOT IN ('spam', 'trash') GROUP BY l.label_id ORDER BY "
                          "l.label_id");
         q.step();)
      for (Label& l : out)
        if (l.id == q.i64(0)) l.unread = q.i64(1);
    return out;
  });
}

// A label's swatch colour: the strong one of its pair.
uint32_t label_swatch(const dom::Theme& th, int c) {
  const LabelColor& k = kLabelColors[c & 7];
  return dom::rgb(th.dark ? k.light_bg : k.light_fg);
}

void sidebar(state::World& w, dom::Tree& t, int body) {
  const dom::Theme& th = t.theme();
  const std::string folder = w.ui_get(ui::query).empty() ? w.ui_get(ui::folder, "inbox")
                                                         : std::string();
  const int64_t unread_inbox = *w.derived<int64_t>("mail.unread_inbox", [&] {
    return w.scalar("SELECT count(DISTINCT thread_id) FROM mail_messages WHERE folder='inbox' "
                    "AND unread=1 AND category='primary'");
  });
  const auto labels = all_labels(w);
  // The sidebar scrolls when its labels overflow. Its offset is a recorded read and part of
  // the memo's stamp: a scroll rebuilds this small subtree, and a memoized sidebar is never
  // left at an older offset.
  const int64_t scrolled = w.ui_int("scroll:" + full(key::nav));
  dom::Stamp stamp;
  stamp << folder << unread_inbox << scrolled;
  for (const Label& l : *labels) stamp << l.id << l.color << l.unread << l.name;
  if (t.reuse(body, key::nav, stamp) >= 0) return;
  int nav = t.add(body, {.dir = Dir::column, .w = dom::fixed(256), .h = dom::fill(),
                         .pad = {8, 8, 16, 0}, .gap = 0, .clip = true}, key::nav,
                  Role::navigation);
  t.node(nav).style.scroll_y = int(scrolled);
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
    if (*kFolderIcons[i]) {
      t.text(item, kFolderIcons[i], {.size = 16, .color = th.text},
             {.w = dom::fixed(20), .justify = Align::center});
    } else {  // Important: the marker's tag
      const int box = t.add(item, {.w = dom::fixed(20), .justify = Align::center});
      important_tag(t, box, false, th.text);
    }
    t.text(item, kFolders[i].label, {.size = 14, .weight = weight, .color = th.text_strong},
           {.w = dom::fill()});
    if (i == 0 && unread_inbox > 0)
      t.text(item, std::to_string(unread_inbox), {.size = 12, .weight = 700,
                                                  .color = th.text_strong});
  }
  {  // Contacts: the people of the world
    const bool sel = folder == "contacts";
    const int item = t.add(nav, {.dir = Dir::row, .w = dom::fill(), .h = dom::fixed(32),
                                 .pad = {24, 0, 16, 0}, .gap = 18, .align = Align::center,
                                 .bg = sel ? palette(th).nav_selected : 0,
                                 .hover_bg = sel ? palette(th).nav_selected : th.hover,
                                 .radius = 16},
                           key::contacts, Role::link);
    t.node(item).action = "mail:contacts";
    t.node(item).selected = sel;
    t.node(item).name = "Contacts";
    t.text(item, "@", {.size = 16, .color = th.text}, {.w = dom::fixed(20), .justify = Align::center});
    t.text(item, "Contacts", {.size = 14, .weight = sel ? 700 : 400, .color = th.text_strong},
           {.w = dom::fill()});
  }
  // Labels: a heading with "+", then each label (a nested one indented, by its last part).
  const int lh = t.add(nav, {.dir = Dir::row, .w = dom::fill(), .h = dom::fixed(40),
                             .pad = {24, 8, 8, 0}, .align = Align::center});
  t.text(lh, "Labels", {.size = 16, .weight = 500, .color = th.text_strong}, {.w = dom::fill()});
  icon_button(t, lh, key::add_label, "+", "Create new label", "mail:new_label_sidebar", th.text,
              20);
  for (const Label& l : *labels) {
    const bool sel = folder == "label:" + std::to_string(l.id);
    const int depth = int(std::count(l.name.begin(), l.name.end(), '/'));
    const int item = t.add(nav, {.dir = Dir::row, .w = dom::fill(), .h = dom::fixed(32),
                                 .pad = {24 + 16 * depth, 0, 16, 0}, .gap = 18,
                                 .align = Align::center,
                                 .bg = sel ? palette(th).nav_selected : 0,
                                 .hover_bg = sel ? palette(th).nav_selected : th.hover,
                                 .radius = 16},
                           key::label(l.id), Role::link);
    t.node(item).action = "mail:show_label:" + std::to_string(l.id);
    t.node(item).selected = sel;
    t.node(item).name = l.name;
    const int sw = t.add(item, {.w = dom::fixed(20), .justify = Align::center});
    t.add(sw, {.w = dom::fixed(12), .h = dom::fixed(12), .bg = label_swatch(th, int(l.color)),
               .radius = 6});
    t.text(item, l.name.substr(l.name.rfind('/') + 1),
           {.size = 14, .weight = sel || l.unread > 0 ? 700 : 400, .color = th.text_strong},
           {.w = dom::fill()});
    if (l.unread > 0)
      t.text(item, std::to_string(l.unread), {.size = 12, .weight = 700,
                                               .color = th.text_strong});
  }
  t.memo(nav, std::move(stamp));
}

std::string setting(state::World& w, std::string_view key);
struct RowLook {
  int dh = 0;            // the density's change of the row height
  bool chips = true;     // the first file's chip
  bool actions = true;   // hover actions (not in Trash and Spam)
};
void row_view(dom::Tree& t, int list, const std::string& id, const Row& r, bool selected,
              bool at_cursor, int64_t now, const RowLook& look, dom::Stamp&& stamp);

// A button that opens the menu `menu` (its action is ui:open:<menu>): marks it so, and says
// whether the menu is open now (the caller then adds it).
bool popup_open(state::World& w, dom::Tree& t, int button, std::string_view menu) {
  t.node(button).has_popup = true;
  const bool open = w.ui_get(apps::ui::kOverlay) == full(menu);
  t.node(button).expanded = open;
  return open;
}

// The Snooze button and, while it is open, its menu of presets with the time each means.
void snooze_button(state::World& w, dom::Tree& t, int toolbar) {
  const int b = icon_button(t, toolbar, key::snooze, "\xE2\x97\xB7", "Snooze",
                            "ui:open:" + full(key::snooze_menu));
  if (!popup_open(w, t, b, key::snooze_menu)) return;
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
  items.push_back({"Pick date & time", "mail:pick_open:snooze"});
  dom::widget::menu(t, key::snooze_menu, items, b, 0, 0, 280);
}

// More: a menu of what else can be done (Mark all as read on the list with nothing ticked;
// Mute or Unmute on conversations).
void more_button(state::World& w, dom::Tree& t, int toolbar, bool on_threads, bool muted) {
  const int b = icon_button(t, toolbar, key::more, "\xE2\x8B\xAE", "More",
                            "ui:open:" + full(key::more_menu));
  if (!popup_open(w, t, b, key::more_menu)) return;
  std::vector<dom::widget::Option> items;
  if (!on_threads) items.push_back({"Mark all as read", "mail:mark_all_read"});
  else items.push_back({muted ? "Unmute" : "Mute", muted ? "mail:unmute" : "mail:mute"});
  dom::widget::menu(t, key::more_menu, items, b, 0, 0, 220);
}

// The conversations the toolbars act on: the open one, else the ticked ones (as SQL list).
std::vector<int64_t> targets(state::World& w);
std::string id_list(const std::vector<int64_t>& ids) {
  std::string out;
  for (int64_t id : ids) out += (out.empty() ? "" : ",") + std::to_string(id);
  return out.empty() ? "0" : out;
}

// The Label button and, open, its menu: a search over the labels, a checkbox each (ticked
// when every email of the targets has it; a click adds it to all, or takes it off all), and
// Create new (the dialog, with the search's text as the name).
void label_button(state::World& w, dom::Tree& t, int toolbar) {
  const dom::Theme& th = t.theme();
  namespace wg = dom::widget;
  const int b = wg::button(t, toolbar, key::label_as, "Label \xE2\x96\xBE",
                           "ui:open:" + full(key::label_menu), wg::ButtonKind::text);
  if (!popup_open(w, t, b, key::label_menu)) return;
  const int m = t.add(b, {.dir = Dir::column, .w = dom::fixed(280), .pad = {0, 8, 0, 8},
                          .gap = 2, .bg = th.surface_raised, .radius = 8,
                          .shadow = {.y = 2, .blur = 8, .spread = 1, .color = th.shadow},
                          .place = dom::Place::below, .anchor = b, .oy = 4, .z = 20},
                      key::label_menu, Role::menu);
  t.node(m).name = "Label as";
  t.text(m, "Label as:", {.size = 13, .color = th.text_muted}, {.pad = {16, 4, 16, 4}});
  const int sb = t.add(m, {.dir = Dir::row, .w = dom::fill(), .pad = {12, 0, 12, 4}});
  const FieldView f = field_view(w, full(key::label_search));
  wg::text_field(t, sb, key::label_search, {f.value, f.anchor, f.caret, f.focused, f.live},
                 "Search labels", wg::FieldKind::text, 256, 1);
  const std::string ids = id_list(targets(w));
  const int64_t total = value(w, "SELECT count(*) FROM mail_messages WHERE thread_id IN (" + ids +
                                     ") AND folder <> 'drafts'");
  std::vector<std::pair<int64_t, int64_t>> have;  // label -> emails of the targets with it
  for (auto q = w.query("SELECT l.label_id, count(*) FROM mail_message_labels l JOIN "
                        "mail_messages m ON m.id = l.message_id WHERE m.thread_id IN (" + ids +
                        ") AND m.folder <> 'drafts' GROUP BY l.label_id ORDER BY l.label_id");
       q.step();)
    have.emplace_back(q.i64(0), q.i64(1));
  std::string needle = f.value;
  for (char& c : needle) c = char(std::tolower(uint8_t(c)));
  const auto labels = all_labels(w);  // held: the loop's texts point into it
  for (const Label& l : *labels) {
    std::string name = l.name;
    for (char& c : name) c = char(std::tolower(uint8_t(c)));
    if (!needle.empty() && name.find(needle) == std::string::npos) continue;
    int64_t n = 0;
    for (const auto& [id, count] : have)
      if (id == l.id) n = count;
    const int row = t.add(m, {.dir = Dir::row, .w = dom::fill(), .pad = {8, 0, 8, 0}});
    wg::checkbox(t, row, key::label_check(l.id), l.name, total > 0 && n == total,
                 "mail:toggle_label:" + std::to_string(l.id));
  }
  t.add(m, {.w = dom::fill(), .h = dom::fixed(1), .bg = th.divider});
  const int create = t.add(m, {.dir = Dir::row, .w = dom::fill(), .h = dom::fixed(th.control_h),
                               .pad = {16, 0, 16, 0}, .align = Align::center,
                               .hover_bg = th.hover},
                           key::new_label, Role::menuitem);
  t.node(create).action = "mail:new_label";
  t.text(create, f.value.empty() ? std::string("Create new")
                                 : "Create \"" + std::string(f.value) + "\"",
         {.size = 14, .color = th.text_strong});
}

// Move to: a menu of places (Inbox, Spam, Trash) and labels (the label, out of the inbox).
void move_button(state::World& w, dom::Tree& t, int toolbar, std::string_view here) {
  namespace wg = dom::widget;
  const int b = wg::button(t, toolbar, key::move_to, "Move to \xE2\x96\xBE",
                           "ui:open:" + full(key::move_menu), wg::ButtonKind::text);
  if (!popup_open(w, t, b, key::move_menu)) return;
  std::vector<std::string> labels;
  std::vector<std::string> actions;
  for (const auto& [place, label] : {std::pair<const char*, const char*>{"inbox", "Inbox"},
                                     {"spam", "Spam"}, {"trash", "Trash"}})
    if (here != place) {
      labels.emplace_back(label);
      actions.push_back(std::string("mail:move_to:") + place);
    }
  const auto all = all_labels(w);  // held while the loop reads it
  for (const Label& l : *all) {
    labels.push_back(l.name);
    actions.push_back("mail:move_to_label:" + std::to_string(l.id));
  }
  std::vector<wg::Option> items;
  for (size_t i = 0; i < labels.size(); ++i) items.push_back({labels[i], actions[i]});
  wg::menu(t, key::move_menu, items, b, 0, 0, 240);
}

// The new-label dialog: a name ("/" nests it under another) and Create.
void new_label_dialog(state::World& w, dom::Tree& t) {
  namespace wg = dom::widget;
  const dom::Theme& th = t.theme();
  const int body = wg::modal(t, key::new_label_dialog, "New label", 420);
  t.text(body, "Please enter a new label name (use / to nest it, as in Finance/Taxes):",
         {.size = 14, .color = th.text, .wrap = true}, {.w = dom::fill()});
  const FieldView f = field_view(w, full(key::new_label_name), true);
  wg::text_field(t, body, key::new_label_name, {f.value, f.anchor, f.caret, f.focused, f.live},
                 "Label name", wg::FieldKind::text, 0, 1);
  const int foot = t.add(body, {.dir = Dir::row, .w = dom::fill(), .gap = 8});
  t.add(foot, {.w = dom::fill()});
  wg::button(t, foot, "cancel_label", "Cancel", "ui:close", wg::ButtonKind::text);
  wg::button(t, foot, key::create_label, "Create", "mail:create_label");
}

// The inbox's tabs: Primary, Promotions, Social, Updates, each with its unread conversations.
void category_tabs(state::World& w, dom::Tree& t, int panel) {
  const dom::Theme& th = t.theme();
  const std::string current = w.ui_get(ui::category, "primary");
  const auto unread = w.derived<std::vector<int64_t>>("mail.tab_unread", [&] {
    std::vector<int64_t> out(std::size(kCategories), 0);
    for (auto q = w.query("SELECT category, count(DISTINCT thread_id) FROM mail_messages WHERE "
                          "folder = 'inbox' AND unread = 1 GROUP BY category ORDER BY category");
         q.step();)
      for (size_t i = 0; i < std::size(kCategories); ++i)
        if (q.text(0) == kCategories[i].id) out[i] = q.i64(1);
    return out;
  });
  const int bar = t.add(panel, {.dir = Dir::row, .w = dom::fill(), .h = dom::fixed(52)},
                        "tabs", Role::tablist);
  for (size_t i = 0; i < std::size(kCategories); ++i) {
    const bool sel = current == kCategories[i].id;
    const int tab = t.add(bar, {.dir = Dir::column, .w = dom::fixed(240), .h = dom::fill(),
                                .hover_bg = th.hover},
                          key::tab(kCategories[i].id), Role::tab);
    const int64_t n = (*unread)[i];
    t.node(tab).name = std::string(kCategories[i].label) + (n ? ", " + std::to_string(n) + " new" : "");
    t.node(tab).selected = sel;
    t.node(tab).action = "mail:category:" + std::string(kCategories[i].id);
    const int body = t.add(tab, {.dir = Dir::row, .w = dom::fill(), .h = dom::fill(),
                                 .pad = {16, 0, 8, 0}, .gap = 10, .align = Align::center});
    t.text(body, kCategories[i].label,
           {.size = 14, .weight = sel ? 700 : 500, .color = sel ? th.accent : th.text},
           {.w = dom::fill()});
    if (n > 0 && i > 0)
      t.text(body, std::to_string(n) + " new", {.size = 11, .weight = 500,
                                                        .color = th.on_accent},
             {.pad = {6, 1, 6, 1}, .bg = th.accent, .radius = 8});
    t.add(tab, {.w = dom::fill(), .h = dom::fixed(3), .bg = sel ? th.accent : 0, .radius = 2});
  }
  t.add(panel, {.w = dom::fill(), .h = dom::fixed(1), .bg = th.divider});
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
      label_button(w, t, tb);
      move_button(w, t, tb, folder);
      icon_button(t, tb, key::trash, kTrashGlyph, "Delete", "mail:trash");
    }
    icon_button(t, tb, key::mark_read, "\xE2\x9C\x89", "Mark as read", "mail:mark_read");
    icon_button(t, tb, key::mark_unread, "\xE2\x80\xA2", "Mark as unread", "mail:mark_unread",
                th.accent, 22);
    if (folder != "trash" && folder != "spam") {
      bool muted = true;  // Unmute when every ticked conversation is muted
      for (const Row& r : rows)
        if (visible.selected(r))
          muted &= value(w, "SELECT count(*) FROM mail_muted WHERE thread_id = ?", r.id) > 0;
      more_button(w, t, tb, true, muted);
    }
  } else {
    icon_button(t, tb, key::refresh, "\xE2\x86\xBB", "Refresh", "mail:refresh");
    more_button(w, t, tb, false, false);
  }
  t.add(tb, {.w = dom::fill()});
  // "1-50 of 312" and the newer/older arrows (Gmail's pager).
  const RowList& all = *visible.all;
  const int64_t first = all.page * kPageSize;
  t.text(tb, rows.empty() ? "0 of 0"
                          : std::to_string(first + 1) + "\xE2\x80\x93" +
                                std::to_string(first + int64_t(rows.size())) + " of " +
                                (all.many ? std::string("many") : with_commas(all.total)),
         {.size = 12, .color = th.text_muted}, {.pad = {0, 0, 8, 0}});
  const bool has_newer = all.page > 0,
             has_older = all.many || first + int64_t(rows.size()) < all.total;
  const int nb = icon_button(t, tb, key::newer, "<", "Newer",
                             has_newer ? "mail:page:" + std::to_string(all.page - 1) : "",
                             has_newer ? th.text : th.text_muted, 20);
  t.node(nb).disabled = !has_newer;
  const int ob = icon_button(t, tb, key::older, ">", "Older",
                             has_older ? "mail:page:" + std::to_string(all.page + 1) : "",
                             has_older ? th.text : th.text_muted, 20);
  t.node(ob).disabled = !has_older;
  t.add(panel, {.w = dom::fill(), .h = dom::fixed(1), .bg = th.divider});
  if (folder == "inbox") category_tabs(w, t, panel);
  if ((folder == "trash" || folder == "spam") && !rows.empty()) {  // Gmail's banner
    const int banner = t.add(panel, {.dir = Dir::row, .w = dom::fill(), .h = dom::fixed(40),
                                     .pad = {16, 0, 16, 0}, .gap = 12, .align = Align::center,
                                     .bg = palette(th).search});
    t.text(banner, folder == "trash" ? "Messages that have been in Trash more than 30 days will "
                                       "be deleted automatically."
                                     : "Messages that have been in Spam more than 30 days will "
                                       "be deleted automatically.",
           {.size = 13, .color = th.text});
    dom::widget::link(t, banner, key::empty_folder,
                      folder == "trash" ? "Empty Trash now" : "Delete all spam messages now",
                      "mail:empty:" + folder);
  }

  int list = t.add(panel, {.dir = Dir::column, .w = dom::fill(), .h = dom::fill(), .clip = true},
                   key::list, Role::list);
  live_scroll(w, t, list);
  if (rows.empty()) {
    t.text(list, w.ui_get(ui::query).empty() ? "No conversations in this folder."
                                                 : "No messages matched your search.",
           {.size = 14, .color = th.text_muted}, {.pad = {24, 20, 24, 20}});
  }
  if (w.ui_get(apps::ui::kOverlay) == full(key::row_menu)) {  // a row's right-click menu
    std::vector<dom::widget::Option> items;
    if (folder == "inbox") items.push_back({"Archive", "mail:archive"});
    if (folder == "trash" || folder == "spam") items.push_back({"Move to Inbox", "mail:to_inbox"});
    else items.push_back({"Delete", "mail:trash"});
    items.push_back({"Mark as read", "mail:mark_read"});
    items.push_back({"Mark as unread", "mail:mark_unread"});
    if (folder != "spam") items.push_back({"Report spam", "mail:spam"});
    items.push_back({"Mark as important", "mail:important_selected:1"});
    items.push_back({"Mark as not important", "mail:important_selected:0"});
    dom::widget::menu(t, key::row_menu, items, -1, int(w.ui_int(apps::ui::kMenuX)),
                      int(w.ui_int(apps::ui::kMenuY)), 240);
  }
  RowLook look;
  const std::string density = setting(w, "density");
  for (const Density& d : kDensities)
    if (density == d.id) look.dh = d.dh, look.chips = d.chips;
  look.actions = folder != "trash" && folder != "spam";
  dom::Stamp stamp;  // one buffer for all rows (memo() hands back a used one)
  std::string key = "item:";
  const int64_t cursor = w.ui_int(ui::cursor);  // j/k's row
  for (size_t i = 0; i < rows.size(); ++i) {
    const Row& r = rows[i];
    const std::string id = std::to_string(r.id);
    // A row shows its content (the digest), the day (dates) and whether it is selected: kept
    // while they are the same.
    const bool selected = visible.selected(r);
    const bool at_cursor = r.id == cursor;
    stamp.bytes.clear();
    stamp << int64_t(r.digest[0]) << int64_t(r.digest[1]) << now << int64_t(selected)
          << int64_t(at_cursor) << int64_t(look.dh) << int64_t(look.chips) << int64_t(look.actions);
    key.resize(5);
    key += id;
    if (t.reuse(list, key, stamp) < 0)
      row_view(t, list, id, r, selected, at_cursor, now, look, std::move(stamp));
  }
}

// One list row and the divider under it (memoized by list_view as item:<id>).
void row_view(dom::Tree& t, int list, const std::string& id, const Row& r, bool selected,
              bool at_cursor, int64_t now, const RowLook& look, dom::Stamp&& stamp) {
  const dom::Theme& th = t.theme();
  uint32_t bg = selected ? th.selected : r.unread ? th.surface : th.surface_dim;
  const int item = t.add(list, {.dir = Dir::column, .w = dom::fill()}, "item:" + id);
  // The keyboard's row (j/k) has Gmail's bar at its left edge.
  int row = t.add(item, {.dir = Dir::row, .w = dom::fill(), .h = dom::fixed(std::max(28, th.row_h + look.dh)),
                         .pad = {at_cursor ? 0 : 8, 0, 16, 0}, .gap = 4, .align = Align::center,
                         .bg = bg, .hover_bg = selected ? bg : palette(th).row_hover},
                  "row:" + id, Role::listitem);
  if (at_cursor) t.add(row, {.w = dom::fixed(4), .h = dom::fill(), .bg = th.accent});
  t.node(row).action = "mail:open:" + id;
  t.node(row).extra_mut().menu_action = "mail:context:" + id;  // right click: the row's menu
  t.node(row).selected = selected;
  t.node(row).name = (r.unread ? "unread, " : "") + r.who_a11y + ", " + r.subject + ", " +
                     format_time_short(r.received_ms, now);
  checkbox(t, row, "select:" + id, "", selected, "mail:select:" + id);
  icon_button(t, row, "star:" + id, r.starred ? "\xE2\x98\x85" : "\xE2\x98\x86",
              r.starred ? "Starred" : "Not starred", "mail:star:" + id,
              r.starred ? th.star : th.text_muted, 18);
  important_button(t, row, "important:" + id, r.important, "mail:important:" + id);
  const int wt = r.unread ? 700 : 400;
  const uint32_t strong = r.unread ? th.text_strong : palette(th).text_secondary;
  // Who, then the conversation's length in grey (Gmail: "Dana, me 3").
  const int who = t.add(row, {.dir = Dir::row, .w = dom::fixed(188), .pad = {4, 0, 12, 0},
                              .gap = 4, .align = Align::center, .clip = true});
  t.text(who, r.sender, {.size = 14, .weight = wt, .color = strong});
  if (r.count > 1)
    t.text(who, std::to_string(r.count), {.size = 12, .color = th.text_muted});
  int mid = t.add(row, {.dir = Dir::row, .w = dom::fill(), .align = Align::center, .clip = true});
  for (const auto& [name, color] : r.labels) {  // Gmail's label chips before the subject
    // Whole: a long subject shrinks, not the chips.
    const dom::TextStyle cs{.size = (12 * th.font_pct + 50) / 100, .weight = 500};
    t.text(mid, name, {.size = 12, .weight = 500, .color = label_fg(th, int(color))},
           {.pad = {6, 1, 6, 1}, .bg = label_bg(th, int(color)), .radius = 4,
            .margin = {0, 0, 6, 0}, .min_w = dom::text_width(dom::face_for(cs), name) + 13});
  }
  t.text(mid, r.subject, {.size = 14, .weight = wt, .color = strong});
  t.text(mid, " \xE2\x80\x93 " + r.snippet, {.size = 14, .color = th.text_muted},
         {.w = dom::fill()});
  if (!r.attachment.empty() && look.chips) {  // the first file, as a chip (Gmail's)
    const int chip = t.add(row, {.dir = Dir::row, .w = dom::fixed(150), .h = dom::fixed(24),
                                 .pad = {8, 0, 8, 0}, .align = Align::center,
                                 .border_color = th.divider, .border = 1, .radius = 12,
                                 .clip = true}, "file:" + id, Role::img);
    t.node(chip).name = "Attachment: " + r.attachment;
    t.text(chip, r.attachment, {.size = 12, .color = th.text});
  }
  const int date = t.text(row, format_time_short(r.received_ms, now),
                          {.size = 12, .weight = r.unread ? 700 : 400, .color = strong},
                          {.w = dom::fixed(72), .justify = Align::end});
  if (look.actions) {
    // While the pointer is over the row, its actions cover the date (Gmail's).
    t.node(date).style.hover_show = 2;
    const int acts = t.add(row, {.dir = Dir::row, .w = dom::fixed(136), .h = dom::fill(),
                                 .justify = Align::end, .align = Align::center,
                                 .bg = selected ? bg : palette(th).row_hover,
                                 .margin = {-136, 0, 0, 0}});
    t.node(acts).style.hover_show = 1;
    const int64_t n = std::atoll(id.c_str());
    icon_button(t, acts, key::row_archive(n), kArchiveGlyph, "Archive", "mail:row_archive:" + id);
    icon_button(t, acts, key::row_trash(n), kTrashGlyph, "Delete", "mail:row_trash:" + id);
    icon_button(t, acts, key::row_read(n), r.unread ? "\xE2\x9C\x89" : "\xE2\x80\xA2",
                r.unread ? "Mark as read" : "Mark as unread", "mail:row_read:" + id,
                r.unread ? th.text : th.accent, r.unread ? 18 : 22);
    icon_button(t, acts, key::row_snooze(n), "\xE2\x97\xB7", "Snooze", "mail:row_snooze:" + id);
  }
  t.add(item, {.w = dom::fill(), .h = dom::fixed(1), .bg = th.divider});
  t.memo(item, std::move(stamp));
}

// The open conversation: a toolbar acting on all of it, its subject, then its emails oldest
// first. The newest and those the user expanded (mail_ui_expanded) show whole, with Reply and
// Forward; the others are one line (click to expand). With more than four, the middle ones fold
// into "N older messages" until it is clicked.
struct Email {
  int64_t id = 0, sender = 0, at = 0;
  std::string name, email, to, subject, body, snippet, folder;
  bool starred = false, unread = false, important = false;
};

using world::file_size;

// The words a search looked for (free words, phrases, subject: values), to highlight.
std::vector<std::string> search_terms(std::string_view query) {
  std::vector<std::string> out;
  for (std::string tok : query_tokens(query)) {
    if (tok.empty() || tok[0] == '-' || tok == "OR") continue;
    const size_t colon = tok.find(':');
    if (colon != std::string::npos) {
      if (tok.compare(0, colon, "subject") != 0) continue;
      tok.erase(0, colon + 1);
    }
    bool word = false;
    for (char ch : tok) word |= std::isalnum(uint8_t(ch)) || uint8_t(ch) >= 0x80;
    if (word) out.push_back(std::move(tok));
  }
  return out;
}

void email_card(state::World& w, dom::Tree& t, int art, const Email& e, bool whole,
                bool can_fold, const std::vector<std::string>& terms) {
  const dom::Theme& th = t.theme();
  const std::string sid = std::to_string(e.id);
  const int card = t.add(art, {.dir = Dir::column, .w = dom::fill(), .pad = {0, 12, 0, 12},
                               .gap = 12}, key::message(e.id), Role::article);
  t.node(card).name = e.name + ", " + format_time_long(e.at);
  const int head = t.add(card, {.dir = Dir::row, .w = dom::fill(), .gap = 12,
                                .align = Align::center, .hover_bg = whole ? 0 : th.hover},
                         key::expand(e.id), Role::button);
  t.node(head).name = (whole ? "Collapse " : "Expand ") + e.name;
  if (can_fold || !whole) t.node(head).action = "mail:expand:" + sid;
  t.node(head).expanded = whole;
  dom::widget::avatar(t, head, e.name, "", whole ? 40 : 32);
  if (!whole) {
    t.text(head, e.name, {.size = 14, .weight = e.unread ? 700 : 500, .color = th.text_strong},
           {.w = dom::fixed(180)});
    t.text(head, e.snippet, {.size = 14, .color = th.text_muted}, {.w = dom::fill()});
    t.text(head, format_time_short(e.at, w.now_floor_ms(86400000)),
           {.size = 12, .color = th.text_muted});
    return;
  }
  const int who = t.add(head, {.dir = Dir::column, .w = dom::fill(), .gap = 2});
  const int line = t.add(who, {.dir = Dir::row, .gap = 6, .align = Align::end});
  t.text(line, e.name, {.size = 14, .weight = 700, .color = th.text_strong});
  t.text(line, "<" + e.email + ">", {.size = 12, .color = th.text_muted});
  // "to me, Omar Ruiz, cc: Dana Lee" (bcc only on the user's own emails).
  std::string to_line, cc_line;
  for (auto q = w.query("SELECT r.kind, CASE WHEN r.person_id = 1 THEN 'me' ELSE p.name END FROM "
                        "mail_recipients r JOIN people p ON p.id = r.person_id WHERE "
                        "r.message_id = ? AND (r.kind <> 'bcc' OR ? = 1) ORDER BY r.kind = "
                        "'bcc', r.kind = 'cc', r.person_id <> 1, p.name", e.id, e.sender);
       q.step();) {
    std::string& line = q.text(0) == "to" ? to_line : cc_line;
    line += (line.empty() ? "" : ", ") + std::string(q.text(1));
  }
  if (to_line.empty()) to_line = e.to;  // mail from before recipients were kept
  t.text(who, "to " + to_line + (cc_line.empty() ? "" : ", cc: " + cc_line),
         {.size = 12, .color = th.text_muted});
  t.text(head, format_time_long(e.at), {.size = 12, .color = th.text_muted});
  if (e.folder != "drafts") {
    icon_button(t, head, key::reply_to(e.id), "\xE2\x86\x90", "Reply",
                "mail:reply:" + sid, th.text, 18);
    icon_button(t, head, key::forward(e.id), "\xE2\x86\x92", "Forward", "mail:forward:" + sid,
                th.text, 18);
  }
  // The body: plain text in one node; with formatting, links or search matches to show, a
  // word each (dom::widget::rich_text). Either way one text node reads it whole (its words
  // without the markup) for screen readers and oracles.
  const dom::TextStyle bts{.size = 14, .color = palette(th).body_text, .line_height = 22,
                           .wrap = true};
  if (terms.empty() && !dom::widget::has_markup(e.body)) {
    const int body = t.text(card, e.body, bts, {.w = dom::fixed(820), .pad = {52, 0, 0, 0}});
    t.node(body).role = Role::text;
  } else {
    std::vector<dom::widget::RichBlock> blocks = dom::widget::parse_markup(e.body);
    dom::widget::highlight(blocks, terms);
    const int body = dom::widget::rich_text(t, card, blocks, bts,
                                            {.w = dom::fixed(820), .pad = {52, 0, 0, 0}},
                                            "mail:open_link:");
    t.node(body).role = Role::text;
    t.node(body).name = dom::widget::plain_text(blocks);
  }
  // Its files, as chips with their sizes.
  std::vector<std::tuple<std::string, int64_t, int64_t>> files;
  for (auto q = w.query("SELECT f.name, f.bytes, f.id FROM mail_attachments a JOIN files f ON "
                        "f.id = a.file_id WHERE a.message_id = ? ORDER BY f.id", e.id);
       q.step();)
    files.emplace_back(std::string(q.text(0)), q.i64(1), q.i64(2));
  if (files.empty()) return;
  const int row = t.add(card, {.dir = Dir::row, .w = dom::fill(), .pad = {52, 0, 0, 0},
                               .gap = 8});
  for (size_t i = 0; i < files.size(); ++i) {
    const int chip = t.add(row, {.dir = Dir::column, .w = dom::fixed(200), .pad = dom::edges(10, 8),
                                 .gap = 2, .border_color = th.divider, .border = 1, .radius = 8,
                                 .clip = true},
                           "file:" + sid + ":" + std::to_string(i), Role::button);
    const auto& [name, bytes, file] = files[i];
    t.node(chip).name = "Attachment: " + name + ", " + file_size(bytes);
    t.node(chip).action = "mail:preview:" + std::to_string(file);  // a click previews it
    t.node(chip).style.hover_bg = th.hover;
    t.text(chip, name, {.size = 13, .weight = 500, .color = th.text_strong});
    t.text(chip, file_size(bytes), {.size = 12, .color = th.text_muted});
  }
}

std::vector<Email> thread_emails(state::World& w, int64_t thread) {
  std::vector<Email> out;
  for (auto q = w.query("SELECT e.id, e.sender_id, e.received_ms, c.name, c.email, CASE WHEN "
                        "e.recipient_id = 1 THEN 'me' ELSE r.name END, e.subject, e.body, "
                        "e.snippet, e.folder, e.starred, e.unread, e.important FROM mail_messages e JOIN "
                        "people c ON c.id = e.sender_id JOIN people r ON r.id = e.recipient_id "
                        "WHERE e.thread_id = ? AND e.folder <> 'drafts' ORDER BY e.received_ms, "
                        "e.id", thread);
       q.step();)
    out.push_back({q.i64(0), q.i64(1), q.i64(2), std::string(q.text(3)), std::string(q.text(4)),
                   std::string(q.text(5)), std::string(q.text(6)), std::string(q.text(7)),
                   std::string(q.text(8)), std::string(q.text(9)), q.i64(10) != 0,
                   q.i64(11) != 0, q.i64(12) != 0});
  return out;
}

// What Reply answers: the newest email the user did not write (else `fallback`).
int64_t reply_target(const std::vector<Email>& emails, int64_t fallback) {
  for (size_t i = emails.size(); i-- > 0;)
    if (emails[i].sender != world::kUserId) return emails[i].id;
  return fallback;
}

// Where a conversation is: its newest email that the user did not send (else its newest).
std::string thread_place(const std::vector<Email>& emails) {
  for (size_t i = emails.size(); i-- > 0;)
    if (emails[i].folder != "sent") return emails[i].folder;
  return emails.empty() ? "" : emails.back().folder;
}

void thread_view(state::World& w, dom::Tree& t, int panel, int64_t id) {
  const dom::Theme& th = t.theme();
  const std::vector<Email> emails = thread_emails(w, id);
  if (emails.empty()) {
    t.text(panel, "This conversation no longer exists.", {.size = 14, .color = th.text_muted},
           {.pad = dom::edges(24)});
    return;
  }
  const std::string folder = thread_place(emails);
  bool starred = false;
  for (const Email& e : emails) starred |= e.starred;
  const std::string sid = std::to_string(id);
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
  const int64_t reply_to = reply_target(emails, emails.back().id);
  if (folder == "scheduled")
    dom::widget::button(t, tb, key::cancel_send, "Cancel send",
                        "mail:cancel_send:" + std::to_string(emails.back().id),
                        dom::widget::ButtonKind::secondary);
  else if (folder != "drafts")
    icon_button(t, tb, key::reply, "\xE2\x86\x90", "Reply", "mail:reply:" + std::to_string(reply_to),
                th.accent, 18);
  icon_button(t, tb, key::mark_unread_open, "\xE2\x80\xA2", "Mark as unread",
              "mail:mark_unread_open", th.accent, 22);
  bool important = false;
  for (const Email& e : emails) important |= e.important;
  important_button(t, tb, key::important_open, important, "mail:important:" + sid);
  if (folder != "spam" && folder != "trash") label_button(w, t, tb);
  move_button(w, t, tb, folder);
  icon_button(t, tb, key::star_open, starred ? "\xE2\x98\x85" : "\xE2\x98\x86",
              starred ? "Starred" : "Not starred", "mail:star:" + sid,
              starred ? th.star : th.text_muted);
  const bool muted = value(w, "SELECT count(*) FROM mail_muted WHERE thread_id = ?", id) > 0;
  if (folder != "spam" && folder != "trash" && folder != "drafts" && folder != "scheduled")
    more_button(w, t, tb, true, muted);
  int art = t.add(panel, {.dir = Dir::column, .w = dom::fill(), .h = dom::fill(),
                          .pad = {72, 20, 48, 20}, .gap = 8, .clip = true}, key::thread(id),
                  Role::main);
  live_scroll(w, t, art);
  int title = t.add(art, {.dir = Dir::row, .pad = {0, 0, 0, 12}, .gap = 12,
                          .align = Align::center});
  int h = t.text(title, emails.front().subject, {.size = 22, .weight = 400,
                                                  .color = th.text_strong});
  t.node(h).role = Role::heading;
  std::string chip_label = folder;
  chip_label[0] = char(chip_label[0] - 'a' + 'A');
  t.text(title, chip_label, {.size = 12, .color = th.text},
         {.pad = {6, 2, 6, 2}, .bg = palette(th).chip, .radius = 4});
  if (muted)
    t.text(title, "Muted", {.size = 12, .color = th.text},
           {.pad = {6, 2, 6, 2}, .bg = palette(th).chip, .radius = 4});
  // Its labels, each with a remove button (Gmail's chips by the subject).
  // (CROSS JOIN keeps SQLite's join order: from the conversation's few emails outward.)
  for (auto q = w.query("SELECT DISTINCT lb.id, lb.name, lb.color FROM mail_messages m CROSS JOIN "
                        "mail_message_labels l ON l.message_id = m.id CROSS JOIN mail_labels lb "
                        "ON lb.id = l.label_id WHERE m.thread_id = ? AND m.folder <> 'drafts' "
                        "ORDER BY lb.name COLLATE NOCASE", id);
       q.step();) {
    const int c = int(q.i64(2));
    const std::string name(q.text(1));
    const int chip = t.add(title, {.dir = Dir::row, .h = dom::fixed(22), .pad = {6, 0, 0, 0},
                                   .align = Align::center, .bg = label_bg(th, c), .radius = 4},
                           "chip:" + std::to_string(q.i64(0)), Role::listitem);
    t.node(chip).name = "Label: " + name;
    t.text(chip, name, {.size = 12, .weight = 500, .color = label_fg(th, c)});
    const int x = icon_button(t, chip, key::unlabel(q.i64(0)), "\xE2\x9C\x95",
                              "Remove label " + name, "mail:unlabel:" + std::to_string(q.i64(0)),
                              label_fg(th, c), 11);
    t.node(x).style.pad.b = 13;  // the glyph sits low in its box: up to the name's middle
  }
  std::vector<int64_t> expanded;
  for (auto q = w.query("SELECT message_id FROM mail_ui_expanded ORDER BY message_id"); q.step();)
    expanded.push_back(q.i64(0));
  auto whole = [&](size_t i) {
    return i + 1 == emails.size() ||
           std::binary_search(expanded.begin(), expanded.end(), emails[i].id);
  };
  const std::vector<std::string> terms = search_terms(w.ui_get(ui::query));  // highlighted
  // The middle folds: emails 1 .. n-3 when none of them is expanded.
  const size_t n = emails.size();
  bool fold = n > 4 && w.ui_int(ui::show_older) == 0;
  for (size_t i = 1; fold && i + 2 < n; ++i) fold = !whole(i);
  for (size_t i = 0; i < n; ++i) {
    if (i) t.add(art, {.w = dom::fill(), .h = dom::fixed(1), .bg = th.divider});
    if (fold && i == 1) {
      const int bar = t.add(art, {.dir = Dir::row, .w = dom::fill(), .h = dom::fixed(36),
                                  .gap = 12, .align = Align::center, .hover_bg = th.hover},
                            key::show_older, Role::button);
      const std::string count = std::to_string(n - 3), label = count + " older messages";
      t.node(bar).name = label;
      t.node(bar).action = "mail:show_older";
      const int ring = t.add(bar, {.w = dom::fixed(32), .h = dom::fixed(32),
                                   .justify = Align::center, .align = Align::center,
                                   .border_color = th.divider, .border = 1, .radius = 16});
      t.text(ring, count, {.size = 13, .weight = 500, .color = th.text});
      t.text(bar, label, {.size = 13, .color = th.text_muted});
      i = n - 3;
      continue;
    }
    email_card(w, t, art, emails[i], whole(i), i + 1 < n, terms);
  }
  // Under the newest email, Gmail's Reply all (when it went to others too).
  const int64_t newest = emails.back().id;
  if (value(w, "SELECT count(*) FROM mail_recipients WHERE message_id = ? AND person_id <> 1",
            newest) > (emails.back().sender == world::kUserId ? 1 : 0)) {
    const int foot = t.add(art, {.dir = Dir::row, .pad = {52, 12, 0, 12}, .gap = 12});
    dom::widget::button(t, foot, key::reply_all(newest), "Reply all",
                        "mail:reply_all:" + std::to_string(newest), dom::widget::ButtonKind::secondary);
  }
}

// Attach: a dialog over the page listing the world's files (the shared store: documents,
// sheets, images, mail's attachments), newest first, filtered by what is typed in its search.
constexpr int kPickerRows = 8;
void attach_picker(state::World& w, dom::Tree& t) {
  const dom::Theme& th = t.theme();
  namespace wg = dom::widget;
  const int body = wg::modal(t, key::attach_picker, "Attach a file", 520);
  const FieldView f = field_view(w, full(key::attach_search));
  wg::text_field(t, body, key::attach_search, {f.value, f.anchor, f.caret, f.focused, f.live},
                 "Search files", wg::FieldKind::text, 0, 1);
  int shown = 0;
  for (auto q = w.query("SELECT f.id, f.name, f.bytes, p.name, f.created_ms FROM files f JOIN "
                        "people p ON p.id = f.owner_id WHERE f.name LIKE ?1 ESCAPE '\\' "
                        "ORDER BY f.created_ms DESC, f.id DESC LIMIT ?2",
                        like_pattern(f.value), int64_t(kPickerRows));
       q.step(); ++shown) {
    const int64_t id = q.i64(0);
    const int row = t.add(body, {.dir = Dir::row, .w = dom::fill(), .h = dom::fixed(44),
                                 .pad = {8, 0, 8, 0}, .gap = 12, .align = Align::center,
                                 .hover_bg = th.hover, .radius = 6},
                          key::pick_file(id), Role::option);
    const std::string name(q.text(1));
    t.node(row).name = name;
    t.node(row).action = "mail:attach:" + std::to_string(id);
    const int col = t.add(row, {.dir = Dir::column, .w = dom::fill(), .gap = 2});
    t.text(col, name, {.size = 14, .color = th.text_strong});
    t.text(col, std::string(q.text(3)) + " \xC2\xB7 " + file_size(q.i64(2)) + " \xC2\xB7 " +
                    format_time_short(q.i64(4), w.now_floor_ms(86400000)),
           {.size = 12, .color = th.text_muted});
  }
  if (shown == 0)
    t.text(body, "No files match.", {.size = 14, .color = th.text_muted}, {.pad = dom::edges(8)});
}

// The part of a recipient field after its last comma: what is being typed now.
std::string typed_part(std::string_view v) {
  const size_t comma = v.rfind(',');
  std::string s(comma == std::string_view::npos ? v : v.substr(comma + 1));
  while (!s.empty() && s.front() == ' ') s.erase(0, 1);
  while (!s.empty() && s.back() == ' ') s.pop_back();
  return s;
}

// People a recipient field's typed text could mean (name or address), coworkers first.
constexpr int kSuggestions = 5;
std::vector<std::tuple<int64_t, std::string, std::string>> suggestions(state::World& w,
                                                                       std::string_view kind,
                                                                       const std::string& typed) {
  std::vector<std::tuple<int64_t, std::string, std::string>> out;
  // Nothing typed, or a whole address already (the field names that person as it is).
  if (typed.empty() ||
      value(w, "SELECT count(*) FROM people WHERE lower(email) = lower(?)", typed) > 0)
    return out;
  // A word of the name, or the address, starting with what is typed (as Gmail matches).
  std::string starts = like_pattern(typed);
  starts.erase(0, 1);  // "x%": a prefix
  for (auto q = w.query("SELECT id, name, email FROM people WHERE id <> 1 AND (name LIKE ?1 "
                        "ESCAPE '\\' OR name LIKE '% ' || ?1 ESCAPE '\\' OR email LIKE ?1 "
                        "ESCAPE '\\') AND id NOT IN (SELECT person_id FROM mail_ui_recipients "
                        "WHERE kind = ?2) ORDER BY company_id <> 1, name, id LIMIT ?3",
                        starts, kind, int64_t(kSuggestions));
       q.step();)
    out.emplace_back(q.i64(0), std::string(q.text(1)), std::string(q.text(2)));
  return out;
}

// A recipient line of the composer: its chips, its field, and while something is typed there
// the people it could be (a click or Enter makes a chip).
void recipient_line(state::World& w, dom::Tree& t, int parent, std::string_view kind,
                    std::string_view field_key, std::string_view placeholder, int width) {
  const dom::Theme& th = t.theme();
  namespace wg = dom::widget;
  std::vector<std::tuple<int64_t, std::string, std::string>> chips;
  for (auto q = w.query("SELECT r.person_id, p.name, p.email FROM mail_ui_recipients r JOIN "
                        "people p ON p.id = r.person_id WHERE r.kind = ? ORDER BY r.seq", kind);
       q.step();)
    chips.emplace_back(q.i64(0), std::string(q.text(1)), std::string(q.text(2)));
  if (!chips.empty()) {
    const int row = t.add(parent, {.dir = Dir::row, .w = dom::fixed(width), .gap = 6,
                                   .align = Align::center, .wrap = true});
    t.text(row, std::string(placeholder), {.size = 13, .color = th.text_muted});
    for (const auto& [id, name, email] : chips) {
      const int chip = t.add(row, {.dir = Dir::row, .h = dom::fixed(28), .pad = {10, 0, 2, 0},
                                   .align = Align::center, .bg = palette(th).search,
                                   .radius = 14}, key::recipient(kind, id), Role::listitem);
      t.node(chip).name = name + " <" + email + ">";
      t.text(chip, name, {.size = 13, .color = th.text_strong});
      wg::icon_button(t, chip, key::remove_recipient(kind, id), "\xE2\x9C\x95",
                      "Remove " + name, "mail:remove_recipient:" + std::string(kind) + ":" +
                                           std::to_string(id), th.text, 12);
    }
  }
  const FieldView f = field_view(w, full(field_key));  // not live: the suggestions follow it
  const int line = t.add(parent, {.dir = Dir::row, .w = dom::fixed(width), .gap = 8,
                                  .align = Align::center});
  const int fld = wg::text_field(t, line, field_key, {f.value, f.anchor, f.caret, f.focused, f.live},
                                 placeholder, wg::FieldKind::text, width, 1);
  if (!f.focused) return;
  const auto people = suggestions(w, kind, typed_part(f.value));
  if (people.empty()) return;
  const int pop = t.add(fld, {.dir = Dir::column, .w = dom::fixed(420), .pad = {0, 6, 0, 6},
                              .bg = th.surface_raised, .radius = 8,
                              .shadow = {.y = 2, .blur = 8, .spread = 1, .color = th.shadow},
                              .place = dom::Place::below, .anchor = fld, .oy = 2, .z = 40},
                        "suggestions:" + std::string(kind), Role::listbox);
  for (const auto& [id, name, email] : people) {
    const int o = t.add(pop, {.dir = Dir::column, .w = dom::fill(), .pad = {14, 6, 14, 6},
                              .hover_bg = th.hover}, key::suggest(kind, id), Role::option);
    t.node(o).name = name + " <" + email + ">";
    t.node(o).action = "mail:add_recipient:" + std::string(kind) + ":" + std::to_string(id);
    t.text(o, name, {.size = 14, .color = th.text_strong});
    t.text(o, email, {.size = 12, .color = th.text_muted});
  }
}

// A square button drawn with boxes (the composer's minimise and full-size): `bar` a dash,
// else a square's outline.
int box_button(dom::Tree& t, int parent, std::string_view k, std::string_view name,
               std::string action, bool bar) {
  const dom::Theme& th = t.theme();
  const int b = t.add(parent, {.w = dom::fixed(32), .h = dom::fixed(32), .justify = Align::center,
                               .align = Align::center, .hover_bg = th.hover, .radius = 16,
                               .pressed_bg = th.pressed}, k, Role::button);
  t.node(b).name = name;
  t.node(b).action = std::move(action);
  if (bar) t.add(b, {.w = dom::fixed(12), .h = dom::fixed(2), .bg = th.text, .margin = {0, 8, 0, 0}});
  else t.add(b, {.w = dom::fixed(11), .h = dom::fixed(11), .border_color = th.text, .border = 2, .radius = 1});
  return b;
}

// The message's formatting bar: bold, italic, link, bulleted list (each acts on the message's
// selection; see format_body).
void format_bar(dom::Tree& t, int parent) {
  const dom::Theme& th = t.theme();
  const int bar = t.add(parent, {.dir = Dir::row, .w = dom::fill(), .gap = 2,
                                 .align = Align::center}, "format_bar", Role::generic);
  t.node(bar).name = "Formatting options";
  struct F { std::string_view key, label, name, action; int weight; bool italic; };
  static constexpr F kF[] = {{key::format_bold, "B", "Bold", "mail:format:bold", 700, false},
                             {key::format_italic, "I", "Italic", "mail:format:italic", 400, true},
                             {key::format_link, "Link", "Insert link", "mail:link_open", 500, false},
                             {key::format_bullets, "\xE2\x80\xA2 List", "Bulleted list",
                              "mail:format:bullets", 500, false}};
  for (const F& f : kF) {
    const int b = t.add(bar, {.h = dom::fixed(28), .pad = {8, 0, 8, 0}, .justify = Align::center,
                              .align = Align::center, .hover_bg = th.hover, .radius = 4,
                              .pressed_bg = th.pressed}, f.key, Role::button);
    t.node(b).name = f.name;
    t.node(b).action = f.action;
    t.text(b, f.label, {.size = 13, .weight = f.weight, .color = th.text, .italic = f.italic});
  }
}

// The link dialog: the text shown (the selection, to start with) and the address.
void link_dialog(state::World& w, dom::Tree& t) {
  namespace wg = dom::widget;
  const int body = wg::modal(t, key::link_dialog, "Edit link", 460);
  for (const auto& [k, label] : {std::pair{key::link_text, "Text to display"},
                                 std::pair{key::link_url, "Web address (URL)"}}) {
    const FieldView f = field_view(w, full(k), true);
    wg::text_field(t, body, k, {f.value, f.anchor, f.caret, f.focused, f.live}, label,
                   wg::FieldKind::text, 0, 1);
  }
  const int row = t.add(body, {.dir = Dir::row, .w = dom::fill(), .justify = Align::end});
  wg::button(t, row, key::insert_link, "OK", "mail:insert_link");
}

// The composer: a window over the bottom right of the page (Gmail's), with To, Subject and the
// message; Send, Discard, and Close (which keeps the draft). Minimised it is its bar; full size
// it sits over the page.
void composer(state::World& w, dom::Tree& t) {
  const dom::Theme& th = t.theme();
  namespace wg = dom::widget;
  const std::string mode = w.ui_get(ui::compose);
  const std::string size = w.ui_get(ui::compose_size);
  const bool min = size == "min", max = size == "max";
  dom::Style ws{.dir = Dir::column, .w = dom::fixed(min ? 300 : max ? 960 : 560),
                .bg = th.surface_raised, .border_color = th.divider, .border = 1, .radius = 12,
                .shadow = {.y = 4, .blur = 16, .spread = 1, .color = th.shadow},
                .place = dom::Place::bottom_right, .ox = 24, .oy = 0, .z = 30};
  int host = 0;
  if (max) {  // over a backdrop; a click outside puts it back in the corner
    host = t.add(0, {.justify = Align::center, .align = Align::center, .bg = th.backdrop,
                     .place = dom::Place::cover, .z = 30}, "composer_backdrop");
    t.node(host).action = "mail:compose_size:";
    ws.place = dom::Place::flow;
  }
  const int win = t.add(host, ws, key::composer, Role::dialog);
  t.node(win).name = mode.rfind("reply:", 0) == 0     ? "Reply"
                     : mode.rfind("forward:", 0) == 0 ? "Forward"
                                                      : "New Message";
  const std::string subject_now = field_value(w, full(key::compose_subject));
  const int head = t.add(win, {.dir = Dir::row, .w = dom::fill(), .h = dom::fixed(40),
                               .pad = {16, 0, 8, 0}, .align = Align::center,
                               .bg = palette(th).search, .radius = 12});
  if (min) {  // the bar restores it
    t.node(head).style.hover_bg = th.hover;
    t.node(head).action = "mail:compose_size:";
  }
  t.text(head, min && !subject_now.empty() ? subject_now : std::string(t.node(win).name),
         {.size = 14, .weight = 500, .color = th.text_strong}, {.w = dom::fill()});
  box_button(t, head, key::compose_min, min ? "Restore" : "Minimise",
             min ? "mail:compose_size:" : "mail:compose_size:min", true);
  box_button(t, head, key::compose_max, max ? "Exit full screen" : "Full screen",
             max ? "mail:compose_size:" : "mail:compose_size:max", false);
  wg::icon_button(t, head, key::close_compose, "\xE2\x9C\x95", "Save & close",
                  "mail:close_compose", th.text, 16);
  if (min) return;
  const int width = max ? 928 : 528;
  const int fields = t.add(win, {.dir = Dir::column, .w = dom::fill(), .pad = dom::edges(8, 16),
                                 .gap = 8});
  auto field = [&](std::string_view k, std::string_view placeholder, wg::FieldKind kind, int rows) {
    const FieldView f = field_view(w, t.scoped(k), true);
    wg::text_field(t, fields, k, {f.value, f.anchor, f.caret, f.focused, f.live}, placeholder,
                   kind, width, rows);
  };
  recipient_line(w, t, fields, "to", key::compose_to, "To", width);
  if (w.ui_int(ui::show_cc)) {
    recipient_line(w, t, fields, "cc", key::compose_cc, "Cc", width);
    recipient_line(w, t, fields, "bcc", key::compose_bcc, "Bcc", width);
  }
  field(key::compose_subject, "Subject", wg::FieldKind::text, 1);
  // The files going with it: a chip each, with a remove button (the message gives up a line
  // for each of the first four, so the window keeps its height).
  std::vector<std::pair<int64_t, std::string>> files;
  for (auto q = w.query("SELECT f.id, f.name, f.bytes FROM mail_ui_attachments a JOIN files f ON "
                        "f.id = a.file_id ORDER BY f.id");
       q.step();)
    files.emplace_back(q.i64(0), std::string(q.text(1)) + " (" + file_size(q.i64(2)) + ")");
  field(key::compose_body, "Message", wg::FieldKind::multiline,
        (max ? 20 : 9) - 2 * int(std::min<size_t>(files.size(), 3)));
  format_bar(t, fields);
  for (const auto& [id, label] : files) {
    const int chip = t.add(fields, {.dir = Dir::row, .w = dom::fixed(width), .h = dom::fixed(32),
                                    .pad = {12, 0, 4, 0}, .align = Align::center,
                                    .bg = palette(th).search, .radius = 4},
                           key::attachment(id), Role::listitem);
    t.node(chip).name = "Attachment: " + label;
    t.text(chip, label, {.size = 13, .weight = 500, .color = th.accent}, {.w = dom::fill()});
    wg::icon_button(t, chip, key::remove_attachment(id), "\xE2\x9C\x95", "Remove attachment",
                    "mail:remove_attachment:" + std::to_string(id), th.text, 14);
  }
  const int foot = t.add(win, {.dir = Dir::row, .w = dom::fill(), .pad = {16, 4, 16, 12},
                               .gap = 8, .align = Align::center});
  wg::button(t, foot, key::send, "Send", "mail:send");
  const int arrow = wg::icon_button(t, foot, key::schedule, "\xE2\x96\xBE", "Schedule send",
                                    "ui:open:" + full(key::schedule_menu), th.text, 18);
  if (popup_open(w, t, arrow, key::schedule_menu)) {
    std::vector<std::string> labels;
    std::vector<wg::Option> items;
    for (const SnoozePreset& p : kSchedulePresets) {
      const Civil c = civil_from_ms(schedule_at(p.id, w.now_ms()));
      labels.push_back(std::string(p.label) + "  \xC2\xB7  " + kWeekdayShort[c.wday] + ", " +
                       format_clock(c));
    }
    for (size_t i = 0; i < std::size(kSchedulePresets); ++i)
      items.push_back({labels[i], "mail:schedule_send:" + std::string(kSchedulePresets[i].id)});
    items.push_back({"Pick date & time", "mail:pick_open:schedule"});
    wg::menu(t, key::schedule_menu, items, arrow, 0, 0, 300);
  }
  const int attach = wg::button(t, foot, key::attach, "Attach", "mail:attach_open",
                                wg::ButtonKind::text);
  t.node(attach).has_popup = true;
  if (w.ui_int(ui::show_cc) == 0)  // Cc and Bcc lines on demand (after Attach in Tab order)
    wg::link(t, foot, key::show_cc, "Cc Bcc", "mail:show_cc");
  t.add(foot, {.w = dom::fill()});
  if (w.ui_int(ui::draft) > 0 || w.ui_int(ui::draft_due) > 0) {  // saved as it is typed
    const int saved = t.text(foot, w.ui_int(ui::draft_due) > 0 ? "Saving\xE2\x80\xA6" : "Draft saved",
                             {.size = 12, .color = th.text_muted});
    t.node(saved).key = t.scoped(key::draft_status);
    t.node(saved).role = Role::status;
  }
  wg::button(t, foot, key::discard, "Discard", "mail:discard", wg::ButtonKind::text);
  const std::string overlay = w.ui_get(apps::ui::kOverlay);
  if (overlay == full(key::attach_picker)) attach_picker(w, t);
  if (overlay == full(key::link_dialog)) link_dialog(w, t);
}

// A page's bar (Settings, Contacts): Back to the inbox and its title. Returns the bar.
int page_bar(dom::Tree& t, int panel, std::string_view title) {
  const dom::Theme& th = t.theme();
  const int tb = t.add(panel, {.dir = Dir::row, .w = dom::fill(), .h = dom::fixed(56),
                               .pad = {8, 0, 16, 0}, .gap = 12, .align = Align::center},
                       key::toolbar);
  icon_button(t, tb, key::back, "\xE2\x86\x90", "Back to Inbox", "mail:folder:inbox", th.text, 20);
  t.text(tb, title, {.size = 22, .color = th.text_strong}, {.w = dom::fixed(160)});
  return tb;
}

// Settings (#settings): the form shows what is pending until Save Changes; filters are made
// and deleted at once.
void settings_view(state::World& w, dom::Tree& t, int panel) {
  const dom::Theme& th = t.theme();
  namespace wg = dom::widget;
  page_bar(t, panel, "Settings");
  const int page = t.add(panel, {.dir = Dir::column, .w = dom::fill(), .h = dom::fill(),
                                 .pad = {40, 8, 40, 24}, .gap = 14, .clip = true},
                         key::settings, Role::main);
  live_scroll(w, t, page);
  auto section = [&](const char* title) {
    t.add(page, {.w = dom::fill(), .h = dom::fixed(1), .bg = th.divider});
    int h = t.text(page, title, {.size = 16, .weight = 500, .color = th.text_strong});
    t.node(h).role = Role::heading;
  };
  auto line = [&](const char* label) {
    const int row = t.add(page, {.dir = Dir::row, .w = dom::fill(), .gap = 16});
    t.text(row, label, {.size = 14, .weight = 500, .color = th.text}, {.w = dom::fixed(200)});
    return t.add(row, {.dir = Dir::column, .w = dom::fill(), .gap = 8});
  };
  auto text_field = [&](int parent, std::string_view k, const char* placeholder, bool multi) {
    const FieldView f = field_view(w, full(k), true);
    wg::text_field(t, parent, k, {f.value, f.anchor, f.caret, f.focused, f.live}, placeholder,
                   multi ? wg::FieldKind::multiline : wg::FieldKind::text, 520, multi ? 4 : 1);
  };
  section("General");
  const int undo = line("Undo Send:");
  const int radios = t.add(undo, {.dir = Dir::row, .gap = 16, .align = Align::center});
  t.text(radios, "Send cancellation period:", {.size = 14, .color = th.text});
  const int64_t secs = w.ui_int(ui::set_undo, 5);
  for (const int s : kUndoChoices)
    wg::radio(t, radios, key::undo_choice(s), std::to_string(s), secs == s,
              "mail:set_undo:" + std::to_string(s));
  t.text(radios, "seconds", {.size = 14, .color = th.text});
  const int dens = line("Density:");
  const int dradios = t.add(dens, {.dir = Dir::row, .gap = 16, .align = Align::center});
  const std::string density = w.ui_get(ui::set_density, "default");
  for (const Density& d : kDensities)
    wg::radio(t, dradios, key::density(d.id), d.label, density == d.id,
              "mail:set_density:" + std::string(d.id));
  text_field(line("Signature:"), key::settings_signature, "Your signature", true);
  const int vac = line("Vacation responder:");
  const bool on = w.ui_int(ui::set_vacation) != 0;
  wg::toggle(t, vac, key::vacation_toggle, on ? "Vacation responder on" : "Vacation responder off",
             on, "mail:toggle_vacation");
  text_field(vac, key::vacation_subject, "Subject", false);
  text_field(vac, key::vacation_body, "Message", true);
  const int save = t.add(page, {.dir = Dir::row, .pad = {216, 0, 0, 0}, .gap = 8});
  wg::button(t, save, key::save_settings, "Save Changes", "mail:save_settings");
  wg::button(t, save, "cancel_settings", "Cancel", "mail:open_settings", wg::ButtonKind::text);

  section("Filters");
  struct Filter {
    int64_t id;
    std::string text;
  };
  std::vector<Filter> filters;
  for (auto q = w.query("SELECT f.id, f.from_query, f.skip_inbox, f.mark_read, l.name FROM "
                        "mail_filters f LEFT JOIN mail_labels l ON l.id = f.label_id ORDER BY "
                        "f.id");
       q.step();) {
    std::string does;
    if (q.i64(2)) does += "Skip Inbox";
    if (q.i64(3)) does += std::string(does.empty() ? "" : ", ") + "Mark as read";
    if (!q.text(4).empty())
      does += std::string(does.empty() ? "" : ", ") + "Apply label \"" + std::string(q.text(4)) + "\"";
    filters.push_back({q.i64(0), "Matches: from:(" + std::string(q.text(1)) + ")   Do this: " + does});
  }
  if (filters.empty())
    t.text(page, "No filters yet.", {.size = 14, .color = th.text_muted});
  for (const Filter& f : filters) {
    const int row = t.add(page, {.dir = Dir::row, .w = dom::fill(), .gap = 16,
                                 .align = Align::center}, "filter:" + std::to_string(f.id),
                          Role::listitem);
    t.text(row, f.text, {.size = 14, .color = th.text}, {.w = dom::fill()});
    wg::link(t, row, key::delete_filter(f.id), "delete", "mail:delete_filter:" + std::to_string(f.id));
  }
  const int make = line("Create a new filter:");
  text_field(make, key::filter_from, "From (an address or a name)", false);
  wg::checkbox(t, make, key::filter_skip, "Skip the Inbox (Archive it)",
               w.ui_int(ui::set_filter_skip) != 0, "mail:toggle_filter:skip");
  wg::checkbox(t, make, key::filter_read, "Mark as read", w.ui_int(ui::set_filter_read) != 0,
               "mail:toggle_filter:read");
  std::vector<std::string> names{"Apply no label"};
  const auto labels = all_labels(w);  // held while the loop reads it
  for (const Label& l : *labels) names.push_back("Apply the label: " + l.name);
  std::vector<std::string_view> options(names.begin(), names.end());
  const std::string sel_key = full(key::filter_label);
  wg::select(t, make, key::filter_label, options, int(w.ui_int(sel_key, 0)),
             w.ui_get(apps::ui::kOverlay) == sel_key, 320);
  wg::checkbox(t, make, key::filter_existing, "Also apply filter to matching conversations",
               w.ui_int(ui::set_filter_existing) != 0, "mail:toggle_filter:existing");
  const int cf = t.add(make, {.dir = Dir::row});
  wg::button(t, cf, key::create_filter, "Create filter", "mail:create_filter");
}

// Contacts (#contacts): the world's people, searched as you type, each with Email.
void contacts_view(state::World& w, dom::Tree& t, int panel) {
  const dom::Theme& th = t.theme();
  namespace wg = dom::widget;
  const int tb = page_bar(t, panel, "Contacts");
  const FieldView f = field_view(w, full(key::contacts_search));  // the rows follow it
  wg::text_field(t, tb, key::contacts_search, {f.value, f.anchor, f.caret, f.focused, f.live},
                 "Search contacts", wg::FieldKind::text, 420, 1);
  const int list = t.add(panel, {.dir = Dir::column, .w = dom::fill(), .h = dom::fill(),
                                 .pad = {24, 0, 24, 16}, .clip = true},
                         "contacts_list", Role::table);
  live_scroll(w, t, list);
  const std::string like = like_pattern(f.value);
  int shown = 0;
  for (auto q = w.query("SELECT p.id, p.name, p.email, c.name, p.title, p.team FROM people p "
                        "JOIN companies c ON c.id = p.company_id WHERE p.id <> 1 AND (p.name "
                        "LIKE ?1 ESCAPE '\\' OR p.email LIKE ?1 ESCAPE '\\' OR c.name LIKE ?1 "
                        "ESCAPE '\\' OR p.title LIKE ?1 ESCAPE '\\') ORDER BY p.name, p.id LIMIT ?2",
                        like, int64_t(kContactRows));
       q.step(); ++shown) {
    const int64_t id = q.i64(0);
    const std::string name(q.text(1)), email(q.text(2)), company(q.text(3)), title(q.text(4));
    const int row = t.add(list, {.dir = Dir::row, .w = dom::fill(), .h = dom::fixed(52),
                                 .gap = 14, .align = Align::center, .hover_bg = th.hover},
                          key::contact(id), Role::row);
    t.node(row).name = name + ", " + email + ", " + company + ", " + title;
    dom::widget::avatar(t, row, name, "", 32);
    t.text(row, name, {.size = 14, .weight = 500, .color = th.text_strong}, {.w = dom::fixed(200)});
    t.text(row, email, {.size = 13, .color = th.text}, {.w = dom::fixed(300)});
    t.text(row, title + " \xC2\xB7 " + company, {.size = 13, .color = th.text_muted},
           {.w = dom::fill()});
    wg::button(t, row, key::email_contact(id), "Email", "mail:email_contact:" + std::to_string(id),
               wg::ButtonKind::text);
  }
  if (shown == 0)
    t.text(list, "No contacts match.", {.size = 14, .color = th.text_muted}, {.pad = dom::edges(8)});
}

// "?": the keyboard shortcuts, as Gmail lists them.
void shortcuts_dialog(dom::Tree& t) {
  const dom::Theme& th = t.theme();
  static const std::pair<const char*, const char*> kKeys[] = {
      {"c", "Compose"},          {"/", "Search mail"},
      {"j / k", "Next / previous conversation"},
      {"o or Enter", "Open conversation"},
      {"x", "Select conversation"}, {"s", "Star"},
      {"e", "Archive"},          {"#", "Delete"},
      {"!", "Report spam"},      {"r", "Reply"},
      {"f", "Forward"},          {"u", "Back to the list"},
      {"Shift + i / u", "Mark as read / unread"},
      {"+ / -", "Mark as important / not important"},
      {"g then i, s, t, d, a", "Go to Inbox, Starred, Sent, Drafts, All mail"},
      {"Ctrl + Enter", "Send (in the composer)"}};
  const int body = dom::widget::modal(t, key::shortcuts_help, "Keyboard shortcuts", 560);
  for (const auto& [k, what] : kKeys) {
    const int row = t.add(body, {.dir = Dir::row, .w = dom::fill(), .gap = 16});
    t.text(row, k, {.size = 13, .weight = 700, .color = th.text_strong}, {.w = dom::fixed(170)});
    t.text(row, what, {.size = 13, .color = th.text});
  }
}

// A day (since the epoch) as YYYY-MM-DD.
std::string iso_day(int64_t day) {
  const Civil c = civil_from_ms(day * 86400000);
  char b[16];
  std::snprintf(b, sizeof b, "%04d-%02d-%02d", c.y, int(c.m), int(c.d));
  return b;
}

// Search options (Gmail's advanced search): under the search bar while open.
void search_form(state::World& w, dom::Tree& t) {
  const dom::Theme& th = t.theme();
  namespace wg = dom::widget;
  const int f = t.add(0, {.dir = Dir::column, .w = dom::fixed(720), .pad = {24, 16, 24, 16},
                          .gap = 10, .bg = th.surface_raised, .radius = 8,
                          .shadow = {.y = 2, .blur = 10, .spread = 1, .color = th.shadow},
                          .place = dom::Place::point, .ox = 248, .oy = 58, .z = 25},
                      key::search_form, Role::dialog);
  t.node(f).name = "Search options";
  const int head = t.add(f, {.dir = Dir::row, .w = dom::fill(), .align = Align::center});
  t.text(head, "Search options", {.size = 16, .weight = 500, .color = th.text_strong},
         {.w = dom::fill()});
  wg::icon_button(t, head, "search_form_close", "\xE2\x9C\x95", "Close", "mail:search_form",
                  th.text, 16);
  for (const auto& [k, label] : {std::pair{key::adv_from, "From"}, std::pair{key::adv_to, "To"},
                                 std::pair{key::adv_subject, "Subject"},
                                 std::pair{key::adv_words, "Has the words"},
                                 std::pair{key::adv_without, "Doesn't have"}}) {
    const int row = t.add(f, {.dir = Dir::row, .w = dom::fill(), .gap = 12, .align = Align::center});
    t.text(row, label, {.size = 14, .color = th.text}, {.w = dom::fixed(140)});
    const FieldView v = field_view(w, full(k), true);
    const int fld = wg::text_field(t, row, k, {v.value, v.anchor, v.caret, v.focused, v.live}, "",
                                   wg::FieldKind::text, 508, 1);
    t.node(fld).name = label;
  }
  const int within = t.add(f, {.dir = Dir::row, .w = dom::fill(), .gap = 12, .align = Align::center});
  t.text(within, "Date within", {.size = 14, .color = th.text}, {.w = dom::fixed(140)});
  std::vector<std::string_view> options;
  for (const Within& o : kWithin) options.push_back(o.label);
  const int64_t chosen = std::clamp<int64_t>(w.ui_int(full(key::adv_within)), 0,
                                             int64_t(std::size(kWithin)) - 1);
  wg::select(t, within, key::adv_within, options, int(chosen),
             w.ui_get(apps::ui::kOverlay) == full(key::adv_within), 160);
  wg::checkbox(t, f, key::adv_attachment, "Has attachment", w.ui_int(ui::adv_attachment) != 0,
               "mail:adv_attachment");
  const int foot = t.add(f, {.dir = Dir::row, .w = dom::fill(), .gap = 8, .justify = Align::end});
  wg::button(t, foot, key::adv_clear, "Clear filter", "mail:adv_clear", wg::ButtonKind::text);
  wg::button(t, foot, key::adv_search, "Search", "mail:adv_search");
}

// Pick date & time: a month of days (none before today), a time, Save.
void datetime_dialog(state::World& w, dom::Tree& t) {
  const dom::Theme& th = t.theme();
  namespace wg = dom::widget;
  const int body = wg::modal(t, key::datetime_dialog, "Pick date & time", 420);
  int64_t chosen = 0, month0 = 0;
  parse_day(w.ui_get(ui::pick_day), chosen);
  if (!parse_day(w.ui_get(ui::pick_month) + "-01", month0)) month0 = chosen;
  const Civil m = civil_from_ms(month0 * 86400000);
  const int64_t today = w.now_ms() / 86400000;
  const int head = t.add(body, {.dir = Dir::row, .w = dom::fill(), .align = Align::center});
  char prev[32], next[32], title[64];
  std::snprintf(prev, sizeof prev, "%04d-%02d", m.m == 1 ? m.y - 1 : m.y, m.m == 1 ? 12 : int(m.m) - 1);
  std::snprintf(next, sizeof next, "%04d-%02d", m.m == 12 ? m.y + 1 : m.y, m.m == 12 ? 1 : int(m.m) + 1);
  std::snprintf(title, sizeof title, "%s %d", kMonthLong[m.m - 1], m.y);
  wg::icon_button(t, head, key::pick_prev, "<", "Previous month",
                  std::string("mail:pick_month:") + prev, th.text, 18);
  t.text(head, title, {.size = 15, .weight = 500, .color = th.text_strong},
         {.w = dom::fill(), .justify = Align::center});
  wg::icon_button(t, head, key::pick_next, ">", "Next month",
                  std::string("mail:pick_month:") + next, th.text, 18);
  const int grid = t.add(body, {.dir = Dir::column, .w = dom::fill(), .gap = 2, .align = Align::center},
                         "pick_grid", Role::grid);
  const int wk = t.add(grid, {.dir = Dir::row, .gap = 4});
  for (const char* d : {"S", "M", "T", "W", "T", "F", "S"})
    t.text(wk, d, {.size = 12, .weight = 500, .color = th.text_muted},
           {.w = dom::fixed(40), .h = dom::fixed(24), .justify = Align::center});
  const int first = weekday(m.y, int(m.m), 1), days = days_in_month(m.y, int(m.m));
  for (int week = 0; week * 7 < first + days; ++week) {
    const int row = t.add(grid, {.dir = Dir::row, .gap = 4}, {}, Role::row);
    for (int c = 0; c < 7; ++c) {
      const int d = week * 7 + c - first + 1;
      if (d < 1 || d > days) {
        t.add(row, {.w = dom::fixed(40), .h = dom::fixed(36)});
        continue;
      }
      const int64_t day = days_from_civil(m.y, int(m.m), d);
      const std::string iso = iso_day(day);
      const bool on = day == chosen, past = day < today;
      const int cell = t.add(row, {.w = dom::fixed(40), .h = dom::fixed(36),
                                   .justify = Align::center, .align = Align::center,
                                   .bg = on ? th.accent : 0,
                                   .hover_bg = past ? 0 : on ? th.accent_hover : th.hover,
                                   .radius = 18}, key::pick_day(iso), Role::gridcell);
      t.node(cell).name = format_date_long(m.y, int(m.m), d);
      t.node(cell).selected = on;
      t.node(cell).disabled = past;
      if (!past) t.node(cell).action = "mail:pick_day:" + iso;
      t.text(cell, std::to_string(d),
             {.size = 13, .weight = day == today ? 700 : 400,
              .color = on ? th.on_accent : past ? th.text_disabled : th.text_strong});
    }
  }
  const int time = t.add(body, {.dir = Dir::row, .w = dom::fill(), .gap = 12, .align = Align::center});
  t.text(time, "Time", {.size = 14, .color = th.text}, {.w = dom::fixed(60)});
  const FieldView f = field_view(w, full(key::pick_clock), true);
  const int fld = wg::text_field(t, time, key::pick_clock, {f.value, f.anchor, f.caret, f.focused, f.live},
                                 "8:00 AM", wg::FieldKind::text, 160, 1);
  t.node(fld).name = "Time";
  const int foot = t.add(body, {.dir = Dir::row, .w = dom::fill(), .gap = 8, .justify = Align::end});
  wg::button(t, foot, "pick_cancel", "Cancel", "ui:close", wg::ButtonKind::text);
  wg::button(t, foot, key::pick_save,
             w.ui_get(ui::pick_for) == "schedule" ? "Schedule send" : "Save", "mail:pick_save");
}

// An attachment's preview: a document's first page, an image as a picture.
void preview_dialog(state::World& w, dom::Tree& t) {
  const dom::Theme& th = t.theme();
  namespace wg = dom::widget;
  auto q = w.query("SELECT f.name, f.kind, f.bytes, p.name, f.created_ms, f.summary FROM files f "
                   "JOIN people p ON p.id = f.owner_id WHERE f.id = ?", w.ui_int(ui::preview));
  if (!q.step()) return;
  const std::string name(q.text(0)), kind(q.text(1)), owner(q.text(3)), summary(q.text(5));
  const int64_t bytes = q.i64(2), created = q.i64(4);
  const int body = wg::modal(t, key::preview, name, 760);
  t.text(body, owner + " \xC2\xB7 " + file_size(bytes) + " \xC2\xB7 " + format_time_long(created),
         {.size = 12, .color = th.text_muted});
  const uint64_t h = XXH3_64bits(name.data(), name.size());
  const int stage = t.add(body, {.dir = Dir::column, .w = dom::fill(), .h = dom::fixed(420),
                                 .pad = dom::edges(20), .align = Align::center,
                                 .bg = palette(th).search, .radius = 8, .clip = true},
                          "preview_stage", Role::img);
  t.node(stage).name = (kind == "image" ? "Image: " : "Document: ") + name;
  if (kind == "image") {  // a landscape: sky, sun, hills, in colours of its name
    static constexpr uint32_t kSky[] = {0x8ecae6, 0xa8dadc, 0xffd6a5, 0xcdb4db};
    static constexpr uint32_t kHill[] = {0x2a9d8f, 0x588157, 0x6d597a, 0x457b9d};
    const int pic = t.add(stage, {.dir = Dir::column, .w = dom::fixed(640), .h = dom::fixed(360),
                                  .justify = Align::end, .bg = dom::rgb(kSky[h % 4]), .radius = 4,
                                  .clip = true});
    t.add(pic, {.w = dom::fixed(70), .h = dom::fixed(70),
                .bg = dom::rgb(0xffe066), .radius = 35,
                .margin = {int(80 + (h >> 8) % 420), 0, 0, int(120 + (h >> 16) % 60)}});
    t.add(pic, {.w = dom::fill(), .h = dom::fixed(int(90 + (h >> 24) % 50)),
                .bg = dom::rgb(kHill[(h >> 32) % 4]), .radius = 0});
  } else {  // a page: its title and what it says
    const int page = t.add(stage, {.dir = Dir::column, .w = dom::fixed(520), .h = dom::fill(),
                                   .pad = dom::edges(32, 28), .gap = 14, .bg = dom::rgb(0xffffff),
                                   .radius = 2,
                                   .shadow = {.y = 1, .blur = 4, .spread = 0, .color = th.shadow}});
    std::string title = name.substr(0, name.rfind('.'));
    for (char& c : title)
      if (c == '_' || c == '-') c = ' ';
    t.text(page, title, {.size = 20, .weight = 700, .color = dom::rgb(0x1f1f1f)});
    const int text = t.text(page, summary, {.size = 14, .color = dom::rgb(0x3c4043),
                                            .line_height = 22, .wrap = true}, {.w = dom::fill()});
    t.node(text).role = Role::text;
    for (int i = 0; i < 6; ++i)  // the rest of the page, as grey lines
      t.add(page, {.w = dom::fixed(int(440 - (h >> (i * 5)) % 160)), .h = dom::fixed(8),
                   .bg = dom::rgb(0xe8eaed), .radius = 4});
  }
  const int foot = t.add(body, {.dir = Dir::row, .w = dom::fill(), .justify = Align::end});
  wg::button(t, foot, "preview_close", "Close", "ui:close", wg::ButtonKind::secondary);
}

// A link followed: there is no outside web; the visit is on record.
void link_notice(state::World& w, dom::Tree& t) {
  const dom::Theme& th = t.theme();
  namespace wg = dom::widget;
  const int body = wg::modal(t, key::link_notice, "This site can\xE2\x80\x99t be reached", 520);
  const int text = t.text(body, w.ui_get(ui::link) + " is outside the simulated workplace: this "
                                "world has no outside web. The visit has been recorded.",
                          {.size = 14, .color = th.text, .line_height = 22, .wrap = true},
                          {.w = dom::fill()});
  t.node(text).role = Role::text;
  const int foot = t.add(body, {.dir = Dir::row, .w = dom::fill(), .justify = Align::end});
  wg::button(t, foot, "link_back", "Back to Mail", "ui:close");
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
  if (w.ui_get(ui::folder) == "settings") settings_view(w, t, panel);
  else if (w.ui_get(ui::folder) == "contacts") contacts_view(w, t, panel);
  else if (open > 0) thread_view(w, t, panel, open);
  else list_view(w, t, panel);
  if (!w.ui_get(ui::compose).empty()) composer(w, t);
  if (w.ui_get(apps::ui::kOverlay) == full(key::new_label_dialog)) new_label_dialog(w, t);
  const std::string overlay = w.ui_get(apps::ui::kOverlay);
  if (overlay == full(key::shortcuts_help)) shortcuts_dialog(t);
  if (w.ui_int(ui::search_form)) search_form(w, t);
  if (overlay == full(key::datetime_dialog)) datetime_dialog(w, t);
  if (overlay == full(key::preview)) preview_dialog(w, t);
  if (overlay == full(key::link_notice)) link_notice(w, t);
}

std::string route(state::World& w) {
  const std::string folder = w.ui_get(ui::folder, "inbox");
  std::string r = "#" + folder;
  if (folder.rfind("label:", 0) == 0) {  // #label/<name>, "/" as %2F
    auto q = w.query("SELECT name FROM mail_labels WHERE id = ?", int64_t(std::atoll(folder.c_str() + 6)));
    r = "#label/";
    for (char c : std::string(q.step() ? q.text(0) : "")) r += c == '/' ? std::string("%2F") : std::string(1, c);
  }
  if (std::string q = w.ui_get(ui::query); !q.empty()) r = "#search/" + q;
  if (int64_t open = w.ui_int(ui::open); open > 0) r += "/" + std::to_string(open);
  return r;
}

// [SECTION] Handlers ------------------------------------------------------------------------------

// [SECTION] Settings and undo state ------------------------------------------------------
std::string setting(state::World& w, std::string_view key) {
  auto q = w.query("SELECT value FROM mail_settings WHERE key = ?", key);
  if (q.step()) return std::string(q.text(0));
  for (const Setting& s : kSettings)
    if (s.key == key) return std::string(s.fallback);
  return {};
}

// A new undoable action: what an earlier one could have undone is forgotten.
void begin_undo(state::World& w, int64_t window_ms = kUndoMoveMs) {
  w.query("DELETE FROM mail_ui_undo").run();
  w.ui_set(ui::undo_send, int64_t(0));
  w.ui_set(ui::undo_until, w.now_ms() + window_ms);
}

// [SECTION] Composer ---------------------------------------------------------------------------
void set_compose_fields(state::World& w, std::string_view to, std::string_view subject,
                        std::string_view body) {
  set_field_value(w, full(key::compose_cc), "");
  set_field_value(w, full(key::compose_bcc), "");
  set_field_value(w, full(key::compose_to), to);
  set_field_value(w, full(key::compose_subject), subject);
  set_field_value(w, full(key::compose_body), body);
  for (std::string_view k : {key::compose_to, key::compose_subject, key::compose_body})
    w.ui_set("sel:" + full(k), "");
}

void open_composer(state::World& w, std::string_view mode, std::string_view to,
                   std::string_view subject, std::string_view body) {
  w.ui_set(ui::compose, mode);
  w.ui_set(ui::compose_size, "");
  w.ui_set(ui::draft, mode.rfind("draft:", 0) == 0 ? std::atoll(mode.data() + 6) : int64_t(0));
  set_compose_fields(w, to, subject, body);
  // The caret where the writing starts: the first empty field (a reply's message).
  const std::string_view first = to.empty() ? key::compose_to
                                 : subject.empty() ? key::compose_subject
                                                   : key::compose_body;
  w.ui_set(apps::ui::kFocus, full(first));
  w.ui_set("sel:" + full(first), "0 0");
}

// A new message (to `to`, or to be named), signed when the user has a signature.
void new_message(state::World& w, const std::string& to) {
  w.query("DELETE FROM mail_ui_attachments").run();
  w.query("DELETE FROM mail_ui_recipients").run();
  const std::string sig = setting(w, "signature");
  open_composer(w, "new", to, "", sig.empty() ? "" : "\n\n-- \n" + sig);
}

// The files of an email, into the composer (a forward, a draft reopened).
void load_attachments(state::World& w, int64_t email) {
  w.query("DELETE FROM mail_ui_attachments").run();
  w.query("INSERT INTO mail_ui_attachments(file_id) SELECT file_id FROM mail_attachments WHERE "
          "message_id = ?", email).run();
}

std::string quote(const std::string& body) {  // "> " before each line of the original
  std::string quoted;
  for (size_t p = 0; p <= body.size();) {
    const size_t nl = body.find('\n', p);
    quoted += "> " + body.substr(p, nl == std::string::npos ? std::string::npos : nl - p) + "\n";
    if (nl == std::string::npos) break;
    p = nl + 1;
  }
  return quoted;
}

struct Original {
  std::string email, name, to_email, to_name, subject, body;
  int64_t at = 0, sender = 0;
};
Result<Original> original(state::World& w, int64_t id) {
  auto q = w.query("SELECT p.email, p.name, r.email, r.name, e.subject, e.body, e.received_ms, "
                   "e.sender_id FROM mail_messages e JOIN people p ON p.id = e.sender_id JOIN "
                   "people r ON r.id = e.recipient_id WHERE e.id = ?", id);
  if (!q.step()) return Error{Errc::not_found, "no email " + std::to_string(id)};
  return Original{std::string(q.text(0)), std::string(q.text(1)), std::string(q.text(2)),
                  std::string(q.text(3)), std::string(q.text(4)), std::string(q.text(5)),
                  q.i64(6), q.i64(7)};
}

// Reply: to the writer (to the recipient for the user's own email), "Re: " once, the original
// quoted under the caret; sent, it joins the conversation.
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

std::string_view field_of(std::string_view kind) {
  return kind == "cc" ? key::compose_cc : kind == "bcc" ? key::compose_bcc : key::compose_to;
}

// A chip for person `id` in the `kind` line; what was being typed there goes.
void add_recipient(state::World& w, std::string_view kind, int64_t id) {
  w.query("INSERT OR IGNORE INTO mail_ui_recipients(kind, person_id) VALUES(?, ?)", kind, id).run();
  const std::string f = full(field_of(kind));
  const std::string v = field_value(w, f);
  const size_t comma = v.rfind(',');
  const std::string keep = comma == std::string::npos ? "" : v.substr(0, comma + 1) + " ";
  set_field_value(w, f, keep);
  w.ui_set("sel:" + f, std::to_string(keep.size()) + " " + std::to_string(keep.size()));
  w.ui_set(apps::ui::kFocus, f);
}

// Reply to the writer (to the recipient for the user's own email); Reply all also copies
// everyone else the email went to.
Status reply_to(state::World& w, int64_t id, bool all = false) {
  auto o = original(w, id);
  if (!o) return o.error();
  const std::string re = o->subject.rfind("Re: ", 0) == 0 ? o->subject : "Re: " + o->subject;
  w.query("DELETE FROM mail_ui_attachments").run();
  w.query("DELETE FROM mail_ui_recipients").run();
  open_composer(w, "reply:" + std::to_string(id),
                o->sender == world::kUserId ? o->to_email : o->email, re,
                "\n\nOn " + format_time_long(o->at) + ", " + o->name + " wrote:\n" + quote(o->body));
  if (all) {
    const int64_t to = o->sender == world::kUserId ? recipient_of(w, o->to_email) : o->sender;
    w.query("INSERT OR IGNORE INTO mail_ui_recipients(kind, person_id) SELECT 'cc', person_id "
            "FROM mail_recipients WHERE message_id = ? AND person_id NOT IN (1, ?) ORDER BY "
            "kind, person_id", id, to).run();
    if (value(w, "SELECT count(*) FROM mail_ui_recipients") > 0) w.ui_set(ui::show_cc, int64_t(1));
  }
  return {};
}

// Forward: no recipient yet, "Fwd: ", the original under Gmail's header, and its files.
Status forward(state::World& w, int64_t id) {
  auto o = original(w, id);
  if (!o) return o.error();
  const std::string fwd = o->subject.rfind("Fwd: ", 0) == 0 ? o->subject : "Fwd: " + o->subject;
  open_composer(w, "forward:" + std::to_string(id), "", fwd,
                "\n\n---------- Forwarded message ---------\nFrom: " + o->name + " <" + o->email +
                    ">\nDate: " + format_time_long(o->at) + "\nSubject: " + o->subject +
                    "\nTo: " + o->to_name + " <" + o->to_email + ">\n\n" + o->body);
  load_attachments(w, id);
  return {};
}


void close_and_clear(state::World& w) {
  w.ui_set(ui::compose, "");
  w.ui_set(ui::draft, int64_t(0));
  w.ui_set(ui::draft_due, int64_t(0));
  w.ui_set(ui::compose_size, "");
  set_compose_fields(w, "", "", "");
  w.query("DELETE FROM mail_ui_attachments").run();
  w.query("DELETE FROM mail_ui_recipients").run();
  w.ui_set(ui::show_cc, int64_t(0));
  if (const std::string o = w.ui_get(apps::ui::kOverlay);
      o == full(key::attach_picker) || o == full(key::link_dialog))
    w.ui_set(apps::ui::kOverlay, "");
  w.ui_set(apps::ui::kFocus, "");
}

int64_t mode_id(state::World& w, std::string_view prefix) {
  const std::string mode = w.ui_get(ui::compose);
  return mode.rfind(prefix, 0) == 0 ? std::atoll(mode.c_str() + prefix.size()) : 0;
}
int64_t draft_id(state::World& w) { return w.ui_int(ui::draft); }

// The composer's draft goes (sent, discarded or emptied).
void drop_draft(state::World& w) {
  if (const int64_t d = draft_id(w)) {
    w.ui_set(ui::draft, int64_t(0));
    w.query("DELETE FROM mail_attachments WHERE message_id = ? AND message_id IN (SELECT id FROM "
            "mail_messages WHERE folder = 'drafts')", d).run();
    w.query("DELETE FROM mail_recipients WHERE message_id = ? AND message_id IN (SELECT id FROM "
            "mail_messages WHERE folder = 'drafts')", d).run();
    w.query("DELETE FROM mail_messages WHERE id = ? AND folder = 'drafts'", d).run();
  }
}

// The composer's files go with the email it became.
void keep_attachments(state::World& w, int64_t email) {
  w.query("DELETE FROM mail_attachments WHERE message_id = ?", email).run();
  w.query("INSERT INTO mail_attachments(message_id, file_id) SELECT ?, file_id FROM "
          "mail_ui_attachments", email).run();
}

// The composer's recipients of one kind: its chips, then what its field names (addresses or
// names, comma-separated). Sets `bad` to the first name nobody has.
std::vector<int64_t> recipients(state::World& w, std::string_view kind, std::string_view field,
                                std::string& bad) {
  std::vector<int64_t> out;
  for (auto q = w.query("SELECT person_id FROM mail_ui_recipients WHERE kind = ? ORDER BY seq",
                        kind);
       q.step();)
    out.push_back(q.i64(0));
  const std::string text = field_value(w, full(field));
  for (size_t p = 0; p <= text.size();) {
    const size_t comma = std::min(text.find(',', p), text.size());
    std::string part = text.substr(p, comma - p);
    while (!part.empty() && part.front() == ' ') part.erase(0, 1);
    while (!part.empty() && part.back() == ' ') part.pop_back();
    if (!part.empty()) {
      const int64_t id = recipient_of(w, part);
      if (id == 0 && bad.empty()) bad = part;
      if (id && std::find(out.begin(), out.end(), id) == out.end()) out.push_back(id);
    }
    p = comma + 1;
  }
  return out;
}
// All three lines' recipients: to, cc, bcc.
struct Recipients {
  std::vector<int64_t> by_kind[3];
};
Recipients composer_recipients(state::World& w, std::string& bad) {
  return {{recipients(w, "to", key::compose_to, bad), recipients(w, "cc", key::compose_cc, bad),
           recipients(w, "bcc", key::compose_bcc, bad)}};
}
void keep_recipients(state::World& w, int64_t email, const std::vector<int64_t> (&by_kind)[3]) {
  static const char* kKinds[] = {"to", "cc", "bcc"};
  w.query("DELETE FROM mail_recipients WHERE message_id = ?", email).run();
  for (int k = 0; k < 3; ++k)
    for (int64_t p : by_kind[k])
      w.query("INSERT OR IGNORE INTO mail_recipients(message_id, kind, person_id) VALUES(?, ?, ?)",
              email, kKinds[k], p).run();
}

// Sends the composer's email now, or (at > 0) schedules it: folder 'scheduled' until a
// "mail.deliver" event at that time puts it in Sent.
Status send(state::World& w, int64_t at) {
  std::string bad;
  const Recipients r = composer_recipients(w, bad);
  const auto& by_kind = r.by_kind;
  if (!bad.empty() || by_kind[0].empty()) {  // nothing is sent; the composer stays as it is
    toast(w, bad.empty() ? "Please specify at least one recipient."
                         : "The address \"" + bad + "\" was not recognized.");
    return {};
  }
  const int64_t recipient = by_kind[0].front();
  const std::string subject = field_value(w, full(key::compose_subject));
  const std::string body = field_value(w, full(key::compose_body));
  // A reply joins its conversation; anything else starts one.
  int64_t thread = 0;
  if (const int64_t r = mode_id(w, "reply:"))
    thread = value(w, "SELECT thread_id FROM mail_messages WHERE id = ?", r);
  const int64_t id = insert_email(
      w, at > 0 ? "scheduled" : "sent",
      Letter{world::kUserId, recipient, subject.empty() ? "(no subject)" : subject, body},
      w.now_ms(), false, false, thread);
  if (at > 0) {
    w.query("UPDATE mail_messages SET snooze_ms = ? WHERE id = ?", at, id).run();
    w.schedule(at, "mail.deliver", std::to_string(id));
  }
  keep_attachments(w, id);
  keep_recipients(w, id, by_kind);
  std::string mode = w.ui_get(ui::compose);
  if (mode.rfind("draft:", 0) == 0) mode = "new";  // the draft goes; Undo opens a new one
  drop_draft(w);
  close_and_clear(w);
  int64_t seconds = std::atoll(setting(w, "undo_send_seconds").c_str());
  seconds = std::clamp<int64_t>(seconds, 0, 30);
  begin_undo(w, seconds * 1000);
  w.ui_set(ui::undo_send, id);
  w.ui_set(ui::undo_mode, mode);
  const std::string note = at > 0 ? "Send scheduled for " + format_time_long(at) : "Message sent";
  if (seconds > 0) toast(w, note, seconds * 1000, "Undo", "mail:undo");
  else toast(w, note);
  return {};
}

Status discard(state::World& w) {
  drop_draft(w);
  close_and_clear(w);
  toast(w, "Draft discarded");
  return {};
}

// Saves what the composer holds to its draft (Drafts), as Gmail does while one types: made
// at the first change, kept up to date, gone when the composer is emptied.
void save_draft(state::World& w) {
  if (w.ui_get(ui::compose).empty()) return;
  w.ui_set(ui::draft_due, int64_t(0));  // saved now: a pending autosave has nothing left to do
  const std::string to = field_value(w, full(key::compose_to));
  const std::string subject = field_value(w, full(key::compose_subject));
  const std::string body = field_value(w, full(key::compose_body));
  const bool more = value(w, "SELECT (SELECT count(*) FROM mail_ui_attachments) + (SELECT "
                             "count(*) FROM mail_ui_recipients)") > 0;
  if (to.empty() && subject.empty() && body.empty() && !more &&
      field_value(w, full(key::compose_cc)).empty() &&
      field_value(w, full(key::compose_bcc)).empty()) {
    drop_draft(w);
    return;
  }
  std::string bad;  // a draft keeps whom it can name
  const Recipients r = composer_recipients(w, bad);
  const int64_t recipient = r.by_kind[0].empty() ? world::kUserId : r.by_kind[0].front();
  int64_t id = draft_id(w);
  if (id)
    w.query("UPDATE mail_messages SET recipient_id = ?, subject = ?, snippet = ?, body = ?, "
            "received_ms = ? WHERE id = ? AND folder = 'drafts'",
            recipient, subject, snippet_of(body), body, w.now_ms(), id).run();
  if (id == 0 || w.changes() == 0) {  // none yet (or it was deleted meanwhile)
    id = insert_email(w, "drafts", Letter{world::kUserId, recipient, subject, body}, w.now_ms(),
                      false, false, 0);
    w.ui_set(ui::draft, id);
  }
  keep_attachments(w, id);
  keep_recipients(w, id, r.by_kind);
}

// Close keeps what was written as a draft (Drafts folder); an empty composer just closes.
Status close_composer(state::World& w) {
  save_draft(w);
  if (draft_id(w)) toast(w, "Draft saved");
  close_and_clear(w);
  return {};
}

Status attach_file(state::World& w, int64_t file) {
  if (value(w, "SELECT count(*) FROM files WHERE id = ?", file) == 0)
    return Error{Errc::not_found, "no file " + std::to_string(file)};
  if (w.ui_get(ui::compose).empty()) return Error{Errc::invalid_argument, "the composer is closed"};
  w.query("INSERT OR IGNORE INTO mail_ui_attachments(file_id) VALUES(?)", file).run();
  save_draft(w);
  w.ui_set(apps::ui::kOverlay, "");
  set_field_value(w, full(key::attach_search), "");
  w.ui_set(apps::ui::kFocus, full(key::compose_body));
  return {};
}

int64_t kit_count_selected(state::World& w) {
  auto q = w.query("SELECT count(*) FROM mail_ui_selected");
  return q.step() ? q.i64(0) : 0;
}

void go_list(state::World& w) {
  w.ui_set(ui::open, int64_t(0));
  w.query("DELETE FROM mail_ui_selected").run();
  w.query("DELETE FROM mail_ui_expanded").run();
}

// The conversations an action on the list or the open conversation is about: the open one,
// else the ticked ones.
std::vector<int64_t> targets(state::World& w) {
  std::vector<int64_t> ids;
  if (const int64_t open = w.ui_int(ui::open); open > 0) ids.push_back(open);
  else
    for (auto q = w.query("SELECT thread_id FROM mail_ui_selected ORDER BY thread_id"); q.step();)
      ids.push_back(q.i64(0));
  return ids;
}

std::string conversations(size_t n) {
  return n == 1 ? "Conversation" : std::to_string(n) + " conversations";
}

// Snoozes the open conversation, or the selection: out of the inbox until the preset's time,
// when a scheduled "mail.unsnooze" brings each back, unread.
Status snooze_at(state::World& w, int64_t until) {
  const std::vector<int64_t> ids = targets(w);
  begin_undo(w);
  for (int64_t id : ids) {
    w.query("INSERT OR IGNORE INTO mail_ui_undo(message_id, folder, snooze_ms) SELECT id, folder, "
            "snooze_ms FROM mail_messages WHERE thread_id = ? AND folder = 'inbox'", id).run();
    w.query("UPDATE mail_messages SET folder = 'snoozed', snooze_ms = ? WHERE thread_id = ? AND "
            "folder = 'inbox'", until, id).run();
    w.schedule(until, "mail.unsnooze", std::to_string(id));
  }
  w.ui_set(apps::ui::kOverlay, "");
  go_list(w);
  toast(w, conversations(ids.size()) + " snoozed until " + format_time_long(until), kUndoMoveMs,
        "Undo", "mail:undo");
  return {};
}
Status snooze(state::World& w, std::string_view preset) {
  const int64_t until = snooze_until(preset, w.now_ms());
  if (until == 0) return Error{Errc::invalid_argument, "unknown snooze '" + std::string(preset) + "'"};
  return snooze_at(w, until);
}

bool known_folder(std::string_view f) {
  for (const Folder& fo : kFolders)
    if (f == fo.id) return true;
  return false;
}

void show_folder(state::World& w, std::string_view f) {
  w.ui_set(ui::cursor, int64_t(0));
  w.ui_set(ui::folder, f);
  w.ui_set(ui::query, "");
  w.ui_set(ui::page, int64_t(0));
  set_field_value(w, full(key::search), "");
  w.ui_set("scroll:" + full(key::list), int64_t(0));
  go_list(w);
}

// Opens a conversation: all of it is read; the newest email and those that were unread show
// whole.
Status open_thread(state::World& w, int64_t id) {
  if (value(w, "SELECT count(*) FROM mail_messages WHERE thread_id = ? AND folder <> 'drafts'",
               id) == 0)
    return Error{Errc::not_found, "no conversation " + std::to_string(id)};
  go_list(w);
  w.query("INSERT INTO mail_ui_expanded(message_id) SELECT id FROM mail_messages WHERE "
          "thread_id = ? AND unread = 1", id).run();
  w.query("UPDATE mail_messages SET unread = 0 WHERE thread_id = ? AND unread = 1", id).run();
  w.ui_set(ui::open, id);
  w.ui_set(ui::show_older, int64_t(0));
  w.ui_set("scroll:" + full(key::thread(id)), int64_t(0));
  return {};
}

void clear_search(state::World& w) {
  w.ui_set(ui::query, "");
  w.ui_set(ui::page, int64_t(0));
  set_field_value(w, full(key::search), "");
  w.ui_set("scroll:" + full(key::list), int64_t(0));
  go_list(w);
}

// Back: from an open conversation to the list, from a search to the folder.
Status on_back(state::World& w) {
  if (w.ui_int(ui::open) > 0) go_list(w);
  else if (!w.ui_get(ui::query).empty()) clear_search(w);
  return {};
}

// [SECTION] Formatting, pick date & time, mute, search form ------------------------------------
// The message's selection (byte offsets, begin <= end).
std::pair<int, int> body_selection(state::World& w) {
  const FieldView f = field_view(w, full(key::compose_body));
  return {std::min(f.anchor, f.caret), std::max(f.anchor, f.caret)};
}
void set_body(state::World& w, const std::string& v, int anchor, int caret) {
  set_field_value(w, full(key::compose_body), v);
  w.ui_set("sel:" + full(key::compose_body), std::to_string(anchor) + " " + std::to_string(caret));
  w.ui_set(apps::ui::kFocus, full(key::compose_body));
  save_draft(w);
}
constexpr size_t kBodyLimit = 1000;  // a text field's limit (sim/input.cpp)

// Bold and italic wrap the selection in their markers (or take them off it); with nothing
// selected they go round the caret, to type between. Bullets put "• " before each line the
// selection touches (or take it off when all have it).
Status format_body(state::World& w, std::string_view how) {
  if (w.ui_get(ui::compose).empty()) return Error{Errc::invalid_argument, "the composer is closed"};
  std::string v = field_value(w, full(key::compose_body));
  auto [a, b] = body_selection(w);
  std::string out;
  int na = a, nb = b;
  if (how == "bold" || how == "italic") {
    const std::string m = how == "bold" ? "**" : "_";
    const int n = int(m.size());
    if (a >= n && b + n <= int(v.size()) && v.compare(size_t(a - n), m.size(), m) == 0 &&
        v.compare(size_t(b), m.size(), m) == 0) {  // already: off
      out = v.substr(0, size_t(a - n)) + v.substr(size_t(a), size_t(b - a)) + v.substr(size_t(b + n));
      na = a - n, nb = b - n;
    } else {
      out = v.substr(0, size_t(a)) + m + v.substr(size_t(a), size_t(b - a)) + m + v.substr(size_t(b));
      na = a + n, nb = b + n;
    }
  } else if (how == "bullets") {
    static const std::string kDot = "\xE2\x80\xA2 ";
    size_t from = v.rfind('\n', a > 0 ? size_t(a - 1) : 0);
    from = (a == 0 || from == std::string::npos) ? 0 : from + 1;
    size_t to = v.find('\n', size_t(b));
    if (to == std::string::npos) to = v.size();
    std::vector<std::string> lines;
    for (size_t p = from; p <= to;) {
      const size_t nl = std::min(v.find('\n', p), to);
      lines.push_back(v.substr(p, nl - p));
      p = nl + 1;
    }
    bool all = true;
    for (const std::string& l : lines) all &= l.rfind(kDot, 0) == 0;
    std::string mid;
    for (size_t i = 0; i < lines.size(); ++i) {
      if (i) mid += '\n';
      mid += all ? lines[i].substr(kDot.size()) : (lines[i].rfind(kDot, 0) == 0 ? "" : kDot) + lines[i];
    }
    out = v.substr(0, from) + mid + v.substr(to);
    na = int(from), nb = int(from + mid.size());
    if (a == b) na = nb;  // a caret stays a caret, at the end of its line
  } else {
    return Error{Errc::invalid_argument, "unknown format '" + std::string(how) + "'"};
  }
  if (out.size() > kBodyLimit) {
    toast(w, "The message is too long to format.");
    return {};
  }
  set_body(w, out, na, nb);
  return {};
}

Status open_link_dialog(state::World& w) {
  if (w.ui_get(ui::compose).empty()) return Error{Errc::invalid_argument, "the composer is closed"};
  const auto [a, b] = body_selection(w);
  const std::string v = field_value(w, full(key::compose_body));
  const std::string text = v.substr(size_t(a), size_t(b - a));
  set_field_value(w, full(key::link_text), text.find('\n') == std::string::npos ? text : "");
  set_field_value(w, full(key::link_url), "");
  w.ui_set("sel:" + full(key::link_text), "");
  w.ui_set("sel:" + full(key::link_url), "");
  w.ui_set(apps::ui::kOverlay, full(key::link_dialog));
  w.ui_set(apps::ui::kFocus, full(text.empty() ? key::link_text : key::link_url));
  return {};
}

// OK in the link dialog: "[text](address)" in place of the selection ("https://" added to an
// address without a scheme).
Status insert_link(state::World& w) {
  std::string url = field_value(w, full(key::link_url));
  while (!url.empty() && url.back() == ' ') url.pop_back();
  while (!url.empty() && url.front() == ' ') url.erase(0, 1);
  if (url.empty() || url.find(' ') != std::string::npos || url.find('.') == std::string::npos) {
    toast(w, "Please enter a web address, such as example.com.");
    return {};
  }
  if (url.rfind("http://", 0) != 0 && url.rfind("https://", 0) != 0) url = "https://" + url;
  std::string text = field_value(w, full(key::link_text));
  std::erase(text, '[');
  std::erase(text, ']');
  if (text.empty()) text = url;
  const auto [a, b] = body_selection(w);
  const std::string v = field_value(w, full(key::compose_body));
  const std::string link = "[" + text + "](" + url + ")";
  const std::string out = v.substr(0, size_t(a)) + link + v.substr(size_t(b));
  if (out.size() > kBodyLimit) {
    toast(w, "The message is too long for this link.");
    return {};
  }
  w.ui_set(apps::ui::kOverlay, "");
  const int end = a + int(link.size());
  set_body(w, out, end, end);
  return {};
}

// Pick date & time: the dialog opens on tomorrow, 8:00 AM.
Status open_pick(state::World& w, std::string_view what) {
  if (what != "snooze" && what != "schedule")
    return Error{Errc::invalid_argument, "pick date & time is for snooze or schedule"};
  if (what == "snooze" && targets(w).empty())
    return Error{Errc::invalid_argument, "no conversation to snooze"};
  if (what == "schedule" && w.ui_get(ui::compose).empty())
    return Error{Errc::invalid_argument, "the composer is closed"};
  const std::string day = iso_day(w.now_ms() / 86400000 + 1);
  w.ui_set(ui::pick_for, what);
  w.ui_set(ui::pick_day, day);
  w.ui_set(ui::pick_month, day.substr(0, 7));
  set_field_value(w, full(key::pick_clock), "8:00 AM");
  w.ui_set("sel:" + full(key::pick_clock), "");
  w.ui_set(apps::ui::kOverlay, full(key::datetime_dialog));
  return {};
}

// "8:00 AM", "8 am", "2pm", "14:30": minutes after midnight; -1 when it is not a time.
int parse_clock(std::string_view v) {
  std::string s;
  for (char c : v)
    if (c != ' ') s += char(std::tolower(uint8_t(c)));
  int h = 0, m = 0, n = 0;
  if (std::sscanf(s.c_str(), "%d:%d%n", &h, &m, &n) == 2) {
  } else if (std::sscanf(s.c_str(), "%d%n", &h, &n) == 1) {
    m = 0;
  } else {
    return -1;
  }
  const std::string rest = s.substr(size_t(n));
  if (m < 0 || m > 59) return -1;
  if (rest == "am" || rest == "pm") {
    if (h < 1 || h > 12) return -1;
    h = h % 12 + (rest == "pm" ? 12 : 0);
  } else if (!rest.empty() || h > 23 || h < 0) {
    return -1;
  }
  return h * 60 + m;
}

Status snooze_at(state::World& w, int64_t until);
Status send(state::World& w, int64_t at);

Status pick_save(state::World& w) {
  int64_t day = 0;
  const std::string d = w.ui_get(ui::pick_day);
  std::string slashed = d;
  const int minutes = parse_clock(field_value(w, full(key::pick_clock)));
  if (!parse_day(d, day)) {
    toast(w, "Choose a day.");
    return {};
  }
  if (minutes < 0) {
    toast(w, "Enter a time, such as 8:00 AM.");
    return {};
  }
  const int64_t at = day * 86400000 + int64_t(minutes) * 60000;
  if (at <= w.now_ms()) {
    toast(w, "Choose a time in the future.");
    return {};
  }
  const std::string what = w.ui_get(ui::pick_for);
  w.ui_set(apps::ui::kOverlay, "");
  if (what == "snooze") return snooze_at(w, at);
  if (what == "schedule") return send(w, at);
  return Error{Errc::invalid_argument, "nothing to pick a time for"};
}

// Mute: out of the inbox now, and what arrives in the conversation later stays out.
void mute(state::World& w, const std::vector<int64_t>& ids, bool on) {
  for (int64_t id : ids) {
    if (on) {
      w.query("INSERT OR IGNORE INTO mail_muted(thread_id) VALUES(?)", id).run();
      w.query("UPDATE mail_messages SET folder = 'archive' WHERE thread_id = ? AND folder = "
              "'inbox'", id).run();
    } else {
      w.query("DELETE FROM mail_muted WHERE thread_id = ?", id).run();
    }
  }
  w.query("DELETE FROM mail_ui_selected").run();
  w.ui_set(apps::ui::kOverlay, "");
  go_list(w);
  toast(w, conversations(ids.size()) + (on ? " muted" : " unmuted"));
}

// The search form's query, as Gmail writes it (values with spaces quoted).
std::string form_query(state::World& w) {
  auto quoted = [](std::string v) {
    while (!v.empty() && v.back() == ' ') v.pop_back();
    while (!v.empty() && v.front() == ' ') v.erase(0, 1);
    std::erase(v, '"');
    return v.find(' ') == std::string::npos ? v : "\"" + v + "\"";
  };
  std::string q;
  auto add = [&](const std::string& part) {
    if (!part.empty()) q += (q.empty() ? "" : " ") + part;
  };
  for (const auto& [k, op] : {std::pair{key::adv_from, "from:"}, std::pair{key::adv_to, "to:"},
                              std::pair{key::adv_subject, "subject:"}}) {
    const std::string v = quoted(field_value(w, full(k)));
    if (!v.empty()) add(op + v);
  }
  add(quoted(field_value(w, full(key::adv_words))).empty() ? "" : field_value(w, full(key::adv_words)));
  const std::string without = field_value(w, full(key::adv_without));
  for (size_t p = 0; p < without.size();) {
    const size_t sp = std::min(without.find(' ', p), without.size());
    if (sp > p) add("-" + without.substr(p, sp - p));
    p = sp + 1;
  }
  if (w.ui_int(ui::adv_attachment)) add("has:attachment");
  const int64_t within = w.ui_int(full(key::adv_within));
  if (within > 0 && within < int64_t(std::size(kWithin)))
    add("newer_than:" + std::string(kWithin[within].value));
  return q;
}

// A link in an email: the visit is kept (web_visits); the page is outside the workplace.
Status open_link(state::World& w, std::string_view url) {
  if (url.empty() || url.size() > 2000) return Error{Errc::invalid_argument, "bad link address"};
  world::record_visit(w, url, kName);
  w.ui_set(ui::link, url);
  w.ui_set(apps::ui::kOverlay, full(key::link_notice));
  return {};
}

// [SECTION] Undo --------------------------------------------------------------------------------
// Undo (the toast's button): a move put back, or a send taken back into the composer.
Status undo(state::World& w) {
  if (w.now_ms() > w.ui_int(ui::undo_until)) {
    toast(w, "Nothing to undo.");
    return {};
  }
  if (const int64_t sent = w.ui_int(ui::undo_send); sent > 0) {
    auto q = w.query("SELECT p.email, e.subject, e.body FROM mail_messages e JOIN people p ON "
                     "p.id = e.recipient_id WHERE e.id = ? AND e.folder IN ('sent', "
                     "'scheduled')", sent);
    if (!q.step()) return Error{Errc::not_found, "the sent email is gone"};
    const std::string to(q.text(0)), subject(q.text(1)), body(q.text(2));
    w.query("DELETE FROM mail_ui_attachments").run();
    w.query("INSERT INTO mail_ui_attachments(file_id) SELECT file_id FROM mail_attachments WHERE "
            "message_id = ?", sent).run();
    w.query("DELETE FROM mail_attachments WHERE message_id = ?", sent).run();
    w.query("DELETE FROM mail_message_labels WHERE message_id = ?", sent).run();
    w.query("DELETE FROM mail_recipients WHERE message_id = ?", sent).run();
    w.query("DELETE FROM mail_messages WHERE id = ?", sent).run();
    const std::string mode = w.ui_get(ui::undo_mode, "new");
    w.ui_set(ui::compose, mode);
    set_compose_fields(w, to, subject, body);
    w.ui_set(apps::ui::kFocus, full(key::compose_body));
    w.ui_set(ui::undo_send, int64_t(0));
    w.ui_set(ui::undo_until, int64_t(0));
    toast(w, "Sending undone.");
    return {};
  }
  w.query("UPDATE mail_messages SET folder = u.folder, snooze_ms = u.snooze_ms FROM mail_ui_undo u "
          "WHERE mail_messages.id = u.message_id").run();
  const bool any = w.changes() > 0;
  w.query("DELETE FROM mail_ui_undo").run();
  w.ui_set(ui::undo_until, int64_t(0));
  toast(w, any ? "Action undone." : "Nothing to undo.");
  return {};
}

// The emails of conversation `thread` that moving it moves: all but drafts and the user's own
// (which stay in Sent), or, for a conversation of the user's emails only, those.
const char* kMovable =
    "thread_id = ?1 AND folder NOT IN ('drafts', 'scheduled') AND (folder <> 'sent' OR NOT EXISTS "
    "(SELECT 1 FROM mail_messages o WHERE o.thread_id = ?1 AND o.folder NOT IN ('sent', 'drafts', "
    "'scheduled')))";

void move_threads(state::World& w, const std::vector<int64_t>& ids, std::string_view to) {
  begin_undo(w);
  for (int64_t id : ids) {
    w.query(std::string("INSERT OR IGNORE INTO mail_ui_undo(message_id, folder, snooze_ms) SELECT "
                        "id, folder, snooze_ms FROM mail_messages WHERE ") + kMovable, id).run();
    w.query(std::string("UPDATE mail_messages SET folder = ?2, snooze_ms = 0 WHERE ") + kMovable,
            id, to).run();
  }
}

// Mark unread: the newest email of each conversation that the user did not write.
void mark_unread(state::World& w, const std::vector<int64_t>& ids) {
  for (int64_t id : ids)
    w.query("UPDATE mail_messages SET unread = 1 WHERE id = (SELECT id FROM mail_messages WHERE "
            "thread_id = ? AND folder NOT IN ('sent', 'drafts') ORDER BY received_ms DESC, id "
            "DESC LIMIT 1)", id).run();
}

// Important on conversations: all their received emails marked, or none of them.
void set_important(state::World& w, const std::vector<int64_t>& ids, bool on) {
  for (int64_t id : ids) {
    if (on)
      w.query("UPDATE mail_messages SET important = 1 WHERE thread_id = ? AND folder NOT IN "
              "('sent', 'drafts') AND important = 0", id).run();
    else
      w.query("UPDATE mail_messages SET important = 0 WHERE thread_id = ? AND important = 1", id)
          .run();
  }
  toast(w, conversations(ids.size()) + (on ? " marked as important" : " marked as not important"));
}

// Star on a conversation: unstars all of it when any email is starred, else stars its newest.
void toggle_star(state::World& w, int64_t id) {
  if (value(w, "SELECT count(*) FROM mail_messages WHERE thread_id = ? AND starred = 1", id) > 0)
    w.query("UPDATE mail_messages SET starred = 0 WHERE thread_id = ? AND starred = 1", id).run();
  else
    w.query("UPDATE mail_messages SET starred = 1 WHERE id = (SELECT id FROM mail_messages WHERE "
            "thread_id = ? ORDER BY folder = 'drafts', received_ms DESC, id DESC LIMIT 1)", id)
        .run();
}

// [SECTION] Labels ---------------------------------------------------------------------------
// Adds label `label` to every email of the conversations, or takes it off all of them when
// each already has it. Returns whether it was added.
bool toggle_label(state::World& w, const std::vector<int64_t>& threads, int64_t label) {
  const std::string ids = id_list(threads);
  const int64_t total = value(w, "SELECT count(*) FROM mail_messages WHERE thread_id IN (" + ids +
                                     ") AND folder <> 'drafts'");
  const int64_t have = value(w, "SELECT count(*) FROM mail_message_labels l JOIN mail_messages "
                                "m ON m.id = l.message_id WHERE l.label_id = ? AND m.thread_id "
                                "IN (" + ids + ") AND m.folder <> 'drafts'", label);
  if (total > 0 && have == total) {
    w.query("DELETE FROM mail_message_labels WHERE label_id = ? AND message_id IN (SELECT id FROM "
            "mail_messages WHERE thread_id IN (" + ids + "))", label).run();
    return false;
  }
  w.query("INSERT OR IGNORE INTO mail_message_labels(message_id, label_id) SELECT id, ? FROM "
          "mail_messages WHERE thread_id IN (" + ids + ") AND folder <> 'drafts'", label).run();
  return true;
}

std::string label_name(state::World& w, int64_t id) {
  auto q = w.query("SELECT name FROM mail_labels WHERE id = ?", id);
  return q.step() ? std::string(q.text(0)) : std::string();
}

Status open_new_label(state::World& w, bool for_targets, std::string_view name) {
  w.ui_set(ui::label_targets, int64_t(for_targets));
  set_field_value(w, full(key::new_label_name), name);
  w.ui_set("sel:" + full(key::new_label_name),
           std::to_string(name.size()) + " " + std::to_string(name.size()));
  w.ui_set(apps::ui::kOverlay, full(key::new_label_dialog));
  w.ui_set(apps::ui::kFocus, full(key::new_label_name));
  return {};
}

// Creates the label the dialog names (its parents too: "A/B" makes "A" when missing) and, when
// the dialog came from the Label menu, puts it on the menu's conversations.
Status create_label(state::World& w) {
  std::string name = field_value(w, full(key::new_label_name));
  while (!name.empty() && (name.back() == ' ' || name.back() == '/')) name.pop_back();
  while (!name.empty() && (name.front() == ' ' || name.front() == '/')) name.erase(0, 1);
  for (size_t p; (p = name.find("//")) != std::string::npos;) name.erase(p, 1);
  if (name.empty()) return toast(w, "Please enter a label name."), Status{};
  if (name.size() > size_t(kMaxLabelName))
    return toast(w, "Label names are at most " + std::to_string(kMaxLabelName) + " characters."),
           Status{};
  if (value(w, "SELECT count(*) FROM mail_labels WHERE name = ? COLLATE NOCASE", name) > 0)
    return toast(w, "The label name \"" + name + "\" already exists."), Status{};
  int64_t id = 0;
  for (size_t slash = 0;; ++slash) {  // each level, parents first
    slash = name.find('/', slash);
    const std::string level = name.substr(0, slash);
    id = value(w, "SELECT id FROM mail_labels WHERE name = ? COLLATE NOCASE", level);
    if (id == 0) {
      w.query("INSERT INTO mail_labels(name, color) VALUES(?, (SELECT count(*) % 8 FROM "
              "mail_labels))", level).run();
      id = w.last_insert_rowid();
    }
    if (slash == std::string::npos) break;
  }
  const std::vector<int64_t> on = w.ui_int(ui::label_targets) ? targets(w) : std::vector<int64_t>{};
  if (!on.empty()) toggle_label(w, on, id);
  w.ui_set(apps::ui::kOverlay, "");
  w.ui_set(apps::ui::kFocus, "");
  set_field_value(w, full(key::new_label_name), "");
  set_field_value(w, full(key::label_search), "");
  toast(w, on.empty() ? "Label \"" + name + "\" created"
                      : conversations(on.size()) + " added to \"" + name + "\"");
  return {};
}

Status show_label(state::World& w, int64_t id) {
  if (label_name(w, id).empty()) return Error{Errc::not_found, "no label " + std::to_string(id)};
  show_folder(w, "label:" + std::to_string(id));
  return {};
}

// Deletes forever the emails `where` picks (on mail_messages, one argument ?1), with their
// files and labels.
template <class A>
void erase_emails(state::World& w, const std::string& where, const A& arg) {
  const std::string pick = "(SELECT id FROM mail_messages WHERE " + where + ")";
  w.query("DELETE FROM mail_attachments WHERE message_id IN " + pick, arg).run();
  w.query("DELETE FROM mail_message_labels WHERE message_id IN " + pick, arg).run();
  w.query("DELETE FROM mail_recipients WHERE message_id IN " + pick, arg).run();
  w.query("DELETE FROM mail_messages WHERE " + where, arg).run();
}

// [SECTION] Settings and filters ----------------------------------------------------------------
// Opens Settings with the form holding what is saved.
Status open_settings(state::World& w) {
  show_folder(w, "settings");
  w.ui_set(ui::set_undo, int64_t(std::atoll(setting(w, "undo_send_seconds").c_str())));
  w.ui_set(ui::set_vacation, int64_t(setting(w, "vacation") == "1"));
  w.ui_set(ui::set_density, setting(w, "density"));
  set_field_value(w, full(key::settings_signature), setting(w, "signature"));
  set_field_value(w, full(key::vacation_subject), setting(w, "vacation_subject"));
  set_field_value(w, full(key::vacation_body), setting(w, "vacation_body"));
  w.ui_set("scroll:" + full(key::settings), int64_t(0));
  return {};
}

// Stores a setting; one left at its default and never set stays unstored.
void put_setting(state::World& w, std::string_view k, std::string_view v) {
  if (value(w, "SELECT count(*) FROM mail_settings WHERE key = ?", k) == 0) {
    for (const Setting& s : kSettings)
      if (s.key == k && s.fallback == v) return;
  }
  w.query("INSERT INTO mail_settings(key, value) VALUES(?1, ?2) ON CONFLICT(key) DO UPDATE SET "
          "value = ?2 WHERE value <> ?2", k, v).run();
}

Status save_settings(state::World& w) {
  const bool vacation = w.ui_int(ui::set_vacation) != 0;
  const std::string subject = field_value(w, full(key::vacation_subject));
  if (vacation && subject.empty()) {
    toast(w, "Please give the vacation responder a subject.");
    return {};
  }
  put_setting(w, "undo_send_seconds", std::to_string(w.ui_int(ui::set_undo, 5)));
  put_setting(w, "density", w.ui_get(ui::set_density, "default"));
  put_setting(w, "signature", field_value(w, full(key::settings_signature)));
  put_setting(w, "vacation", vacation ? "1" : "0");
  put_setting(w, "vacation_subject", subject);
  put_setting(w, "vacation_body", field_value(w, full(key::vacation_body)));
  toast(w, "Your preferences have been saved.");
  return {};
}

// Whether person `sender` is what a filter's from_query names: the address, or a part of the
// name or address (case-insensitive).
// (On people p; ?2 the query, ?3 its LIKE pattern.)
constexpr const char* kFilterFrom =
    "(lower(p.email) = lower(?2) OR p.name LIKE ?3 ESCAPE '\\' OR p.email LIKE ?3 ESCAPE '\\')";
bool filter_matches(state::World& w, int64_t sender, const std::string& from) {
  return value(w, std::string("SELECT count(*) FROM people p WHERE p.id = ?1 AND ") + kFilterFrom,
               sender, from, like_pattern(from)) > 0;
}

// A filter's actions on emails (ids): the label, out of the inbox, read.
void apply_filter(state::World& w, const std::vector<int64_t>& emails, int64_t label, bool skip,
                  bool read) {
  for (int64_t e : emails) {
    if (label > 0)
      w.query("INSERT OR IGNORE INTO mail_message_labels(message_id, label_id) VALUES(?, ?)", e,
              label).run();
    if (skip) w.query("UPDATE mail_messages SET folder = 'archive' WHERE id = ? AND folder = "
                      "'inbox'", e).run();
    if (read) w.query("UPDATE mail_messages SET unread = 0 WHERE id = ? AND unread = 1", e).run();
  }
}

Status create_filter(state::World& w) {
  std::string from = field_value(w, full(key::filter_from));
  while (!from.empty() && from.back() == ' ') from.pop_back();
  while (!from.empty() && from.front() == ' ') from.erase(0, 1);
  const bool skip = w.ui_int(ui::set_filter_skip) != 0, read = w.ui_int(ui::set_filter_read) != 0;
  const int64_t choice = w.ui_int(full(key::filter_label), 0);
  int64_t label = 0;
  if (choice > 0) {
    const auto labels = all_labels(w);
    if (size_t(choice) <= labels->size()) label = (*labels)[size_t(choice - 1)].id;
  }
  if (from.empty() || (!skip && !read && label == 0)) {
    toast(w, from.empty() ? "Please say whose mail the filter is for."
                          : "Please choose what the filter does.");
    return {};
  }
  w.query("INSERT INTO mail_filters(from_query, label_id, skip_inbox, mark_read) VALUES(?, "
          "NULLIF(?, 0), ?, ?)", from, label, int64_t(skip), int64_t(read)).run();
  int64_t applied = 0;
  if (w.ui_int(ui::set_filter_existing)) {  // the inbox's matching mail, now
    std::vector<int64_t> emails;
    for (auto q = w.query(std::string("SELECT e.id FROM mail_messages e JOIN people p ON p.id = "
                                      "e.sender_id WHERE e.folder = ?1 AND ") + kFilterFrom +
                              " ORDER BY e.id", "inbox", from, like_pattern(from));
         q.step();)
      emails.push_back(q.i64(0));
    apply_filter(w, emails, label, skip, read);
    applied = int64_t(emails.size());
  }
  set_field_value(w, full(key::filter_from), "");
  for (std::string_view k : {ui::set_filter_skip, ui::set_filter_read, ui::set_filter_existing})
    w.ui_set(k, int64_t(0));
  w.ui_set(full(key::filter_label), int64_t(0));
  toast(w, applied ? "Your filter was created and applied to " + std::to_string(applied) +
                         (applied == 1 ? " email." : " emails.")
                   : std::string("Your filter was created."));
  return {};
}

Status on_action(state::World& w, Command c) {
  const std::string_view a = c.cmd;
  // A choice in a row's menu closes it (as any menu's does).
  if (w.ui_get(apps::ui::kOverlay) == full(key::row_menu) && a.rfind("context:", 0) != 0)
    w.ui_set(apps::ui::kOverlay, "");
  auto arg = [&](std::string_view prefix) -> std::string_view {
    return a.substr(prefix.size());
  };
  auto with_id = [&](std::string_view prefix, auto&& fn) -> Status {
    auto id = parse_id(arg(prefix));
    if (!id) return id.error();
    return fn(*id);
  };
  if (a.rfind("folder:", 0) == 0) {
    std::string_view f = arg("folder:");
    if (!known_folder(f))
      return Error{Errc::invalid_argument, "unknown folder '" + std::string(f) + "'"};
    show_folder(w, f);
    return {};
  }
  if (a.rfind("open:", 0) == 0)
    return with_id("open:", [&](int64_t id) -> Status {
      auto q = w.query("SELECT e.folder, CASE WHEN e.recipient_id = 1 THEN '' ELSE p.email END, "
                       "e.subject, e.body FROM mail_messages e JOIN people p ON p.id = "
                       "e.recipient_id WHERE e.id = ?", id);
      if (q.step() && q.text(0) == "drafts") {  // a draft opens in the composer
        const std::string to(q.text(1)), subject(q.text(2)), body(q.text(3));
        open_composer(w, "draft:" + std::to_string(id), to, subject, body);
        load_attachments(w, id);
        // Its other recipients come back as chips (the first To is the field's text).
        w.query("INSERT OR IGNORE INTO mail_ui_recipients(kind, person_id) SELECT r.kind, "
                "r.person_id FROM mail_recipients r JOIN mail_messages m ON m.id = r.message_id "
                "WHERE r.message_id = ? AND NOT (r.kind = 'to' AND r.person_id = "
                "m.recipient_id AND m.recipient_id <> 1) ORDER BY r.kind = 'bcc', r.kind = "
                "'cc', r.person_id", id).run();
        if (value(w, "SELECT count(*) FROM mail_ui_recipients WHERE kind <> 'to'") > 0)
          w.ui_set(ui::show_cc, int64_t(1));
        return {};
      }
      return open_thread(w, id);
    });
  if (a.rfind("star:", 0) == 0)
    return with_id("star:", [&](int64_t id) { return toggle_star(w, id), Status{}; });
  if (a.rfind("select:", 0) == 0)
    return with_id("select:", [&](int64_t id) {
      w.query("DELETE FROM mail_ui_selected WHERE thread_id = ?", id).run();
      if (w.changes() == 0) w.query("INSERT INTO mail_ui_selected(thread_id) VALUES(?)", id).run();
      return Status{};
    });
  if (a.rfind("expand:", 0) == 0)
    return with_id("expand:", [&](int64_t id) {
      w.query("DELETE FROM mail_ui_expanded WHERE message_id = ?", id).run();
      if (w.changes() == 0)
        w.query("INSERT INTO mail_ui_expanded(message_id) SELECT id FROM mail_messages WHERE "
                "id = ? AND thread_id = ?", id, w.ui_int(ui::open)).run();
      return Status{};
    });
  if (a == "show_older") return w.ui_set(ui::show_older, int64_t(1)), Status{};
  if (a.rfind("context:", 0) == 0)  // right click on a row: its menu, for it or its selection
    return with_id("context:", [&](int64_t id) {
      if (value(w, "SELECT count(*) FROM mail_ui_selected WHERE thread_id = ?", id) == 0) {
        w.query("DELETE FROM mail_ui_selected").run();
        w.query("INSERT INTO mail_ui_selected(thread_id) VALUES(?)", id).run();
      }
      w.ui_set(apps::ui::kOverlay, full(key::row_menu));
      w.ui_set(apps::ui::kMenuX, w.ui_int(apps::ui::kMouseX));
      w.ui_set(apps::ui::kMenuY, w.ui_int(apps::ui::kMouseY));
      return Status{};
    });
  if (a == "important_selected:1" || a == "important_selected:0") {
    set_important(w, targets(w), a.back() == '1');
    w.query("DELETE FROM mail_ui_selected").run();
    w.ui_set(apps::ui::kOverlay, "");
    return {};
  }
  if (a.rfind("important:", 0) == 0)
    return with_id("important:", [&](int64_t id) {
      set_important(w, {id}, value(w, "SELECT count(*) FROM mail_messages WHERE thread_id = ? AND "
                                      "important = 1", id) == 0);
      return Status{};
    });
  if (a.rfind("category:", 0) == 0) {
    const std::string_view cat = arg("category:");
    bool known = false;
    for (const Folder& f : kCategories) known |= f.id == cat;
    if (!known) return Error{Errc::invalid_argument, "unknown category '" + std::string(cat) + "'"};
    w.ui_set(ui::category, cat);
    w.ui_set(ui::page, int64_t(0));
    w.ui_set("scroll:" + full(key::list), int64_t(0));
    go_list(w);
    return {};
  }
  if (a.rfind("show_label:", 0) == 0)
    return with_id("show_label:", [&](int64_t id) { return show_label(w, id); });
  if (a.rfind("toggle_label:", 0) == 0)
    return with_id("toggle_label:", [&](int64_t id) -> Status {
      const std::string name = label_name(w, id);
      if (name.empty()) return Error{Errc::not_found, "no label " + std::to_string(id)};
      const std::vector<int64_t> on = targets(w);
      if (on.empty()) return Error{Errc::invalid_argument, "no conversation to label"};
      const bool added = toggle_label(w, on, id);
      toast(w, conversations(on.size()) + (added ? " added to \"" : " removed from \"") + name +
                   "\"");
      return {};
    });
  if (a.rfind("unlabel:", 0) == 0)
    return with_id("unlabel:", [&](int64_t id) -> Status {
      const int64_t open = w.ui_int(ui::open);
      if (open <= 0) return Error{Errc::invalid_argument, "no conversation is open"};
      w.query("DELETE FROM mail_message_labels WHERE label_id = ? AND message_id IN (SELECT id "
              "FROM mail_messages WHERE thread_id = ?)", id, open).run();
      return {};
    });
  if (a == "new_label")
    return open_new_label(w, true, field_value(w, full(key::label_search)));
  if (a == "new_label_sidebar") return open_new_label(w, false, "");
  if (a == "create_label") return create_label(w);
  if (a.rfind("page:", 0) == 0)
    return with_id("page:", [&](int64_t p) {
      w.ui_set(ui::page, p);
      w.ui_set("scroll:" + full(key::list), int64_t(0));
      w.query("DELETE FROM mail_ui_selected").run();
      return Status{};
    });
  if (a == "select_all") {
    const Rows visible = visible_rows(w);
    bool all = !visible.list->empty();
    for (const Row& r : *visible.list) all &= visible.selected(r);
    w.query("DELETE FROM mail_ui_selected").run();
    if (!all)
      for (const Row& r : *visible.list)
        w.query("INSERT INTO mail_ui_selected(thread_id) VALUES(?)", r.id).run();
    return {};
  }
  if (a == "mark_read") {
    w.query("UPDATE mail_messages SET unread = 0 WHERE unread = 1 AND thread_id IN (SELECT "
            "thread_id FROM mail_ui_selected)").run();
    w.query("DELETE FROM mail_ui_selected").run();
    return {};
  }
  if (a == "mark_unread") {
    mark_unread(w, targets(w));
    w.query("DELETE FROM mail_ui_selected").run();
    return {};
  }
  // Moving the selection (or the open conversation) between places; from Trash, Delete
  // forever.
  auto move = [&](std::string_view to, const char* note) {
    const std::vector<int64_t> ids = targets(w);
    move_threads(w, ids, to);
    go_list(w);
    toast(w, conversations(ids.size()) + " " + note, kUndoMoveMs, "Undo", "mail:undo");
    return Status{};
  };
  if (a == "archive" || a == "archive_open") return move("archive", "archived");
  if (a == "trash" || a == "trash_open") return move("trash", "moved to Trash");
  if (a == "spam" || a == "spam_open") return move("spam", "marked as spam");
  if (a == "not_spam" || a == "to_inbox" || a == "to_inbox_open")
    return move("inbox", "moved to Inbox");
  if (a == "move_to:inbox" || a == "move_to:spam" || a == "move_to:trash") {
    w.ui_set(apps::ui::kOverlay, "");
    const std::string_view to = arg("move_to:");
    return move(to, to == "inbox" ? "moved to Inbox" : to == "spam" ? "marked as spam"
                                                                    : "moved to Trash");
  }
  if (a.rfind("move_to_label:", 0) == 0)  // the label on, out of the inbox
    return with_id("move_to_label:", [&](int64_t id) -> Status {
      const std::string name = label_name(w, id);
      if (name.empty()) return Error{Errc::not_found, "no label " + std::to_string(id)};
      w.ui_set(apps::ui::kOverlay, "");
      const std::vector<int64_t> ids = targets(w);
      w.query("INSERT OR IGNORE INTO mail_message_labels(message_id, label_id) SELECT id, ? FROM "
              "mail_messages WHERE thread_id IN (" + id_list(ids) + ") AND folder <> 'drafts'",
              id).run();
      move_threads(w, ids, "archive");  // out of where they were (Undo puts them back)
      go_list(w);
      toast(w, conversations(ids.size()) + " moved to \"" + name + "\"", kUndoMoveMs, "Undo",
            "mail:undo");
      return {};
    });
  if (a == "delete_forever") {
    const std::vector<int64_t> ids = targets(w);
    for (int64_t id : ids) erase_emails(w, "thread_id = ?1 AND folder = 'trash'", id);
    go_list(w);
    toast(w, conversations(ids.size()) + " deleted forever");
    return {};
  }
  if (a == "empty:trash" || a == "empty:spam") {  // delete forever all that is there
    const std::string f(arg("empty:"));
    const int64_t n = value(w, "SELECT count(DISTINCT thread_id) FROM mail_messages WHERE folder = ?", f);
    erase_emails(w, "folder = ?1", f);
    go_list(w);
    toast(w, conversations(size_t(n)) + " deleted forever");
    return {};
  }
  if (a == "mark_unread_open") {
    mark_unread(w, targets(w));
    go_list(w);
    return {};
  }
  if (a == "back") return on_back(w);
  if (a == "clear_search") {
    clear_search(w);
    return {};
  }
  if (a == "refresh") return {};
  if (a == "compose") return new_message(w, ""), Status{};
  if (a.rfind("snooze:", 0) == 0) return snooze(w, arg("snooze:"));
  if (a.rfind("reply:", 0) == 0) return with_id("reply:", [&](int64_t id) { return reply_to(w, id); });
  if (a.rfind("forward:", 0) == 0)
    return with_id("forward:", [&](int64_t id) { return forward(w, id); });
  if (a.rfind("attach:", 0) == 0)
    return with_id("attach:", [&](int64_t id) { return attach_file(w, id); });
  if (a.rfind("remove_attachment:", 0) == 0)
    return with_id("remove_attachment:", [&](int64_t id) {
      w.query("DELETE FROM mail_ui_attachments WHERE file_id = ?", id).run();
      save_draft(w);
      return Status{};
    });
  if (a == "attach_open") {  // the dialog, with the caret in its search
    w.ui_set(apps::ui::kOverlay, full(key::attach_picker));
    set_field_value(w, full(key::attach_search), "");
    w.ui_set(apps::ui::kFocus, full(key::attach_search));
    return {};
  }
  if (a == "undo") return undo(w);
  if (a == "open_settings") return open_settings(w);
  if (a == "contacts") {
    show_folder(w, "contacts");
    set_field_value(w, full(key::contacts_search), "");
    w.ui_set("scroll:" + full("contacts_list"), int64_t(0));
    return {};
  }
  if (a.rfind("email_contact:", 0) == 0)
    return with_id("email_contact:", [&](int64_t id) -> Status {
      auto q = w.query("SELECT email FROM people WHERE id = ? AND id <> 1", id);
      if (!q.step()) return Error{Errc::not_found, "no contact " + std::to_string(id)};
      new_message(w, std::string(q.text(0)));
      return {};
    });
  if (a == "save_settings") return save_settings(w);
  if (a == "toggle_vacation")
    return w.ui_set(ui::set_vacation, int64_t(w.ui_int(ui::set_vacation) == 0)), Status{};
  if (a.rfind("set_undo:", 0) == 0)
    return with_id("set_undo:", [&](int64_t s) -> Status {
      if (std::find(std::begin(kUndoChoices), std::end(kUndoChoices), s) == std::end(kUndoChoices))
        return Error{Errc::invalid_argument, "undo send is 5, 10, 20 or 30 seconds"};
      w.ui_set(ui::set_undo, s);
      return {};
    });
  if (a == "toggle_filter:skip" || a == "toggle_filter:read" || a == "toggle_filter:existing") {
    const std::string_view k = a == "toggle_filter:skip"   ? ui::set_filter_skip
                               : a == "toggle_filter:read" ? ui::set_filter_read
                                                           : ui::set_filter_existing;
    w.ui_set(k, int64_t(w.ui_int(k) == 0));
    return {};
  }
  if (a == "create_filter") return create_filter(w);
  if (a.rfind("delete_filter:", 0) == 0)
    return with_id("delete_filter:", [&](int64_t id) -> Status {
      w.query("DELETE FROM mail_filters WHERE id = ?", id).run();
      if (w.changes() == 0) return Error{Errc::not_found, "no filter " + std::to_string(id)};
      toast(w, "Filter deleted.");
      return {};
    });
  if (a == "show_cc") {
    w.ui_set(ui::show_cc, int64_t(1));
    w.ui_set(apps::ui::kFocus, full(key::compose_cc));
    return {};
  }
  if (a.rfind("add_recipient:", 0) == 0 || a.rfind("remove_recipient:", 0) == 0) {
    const bool add = a[0] == 'a';
    const std::string_view rest = add ? arg("add_recipient:") : arg("remove_recipient:");
    const size_t colon = rest.find(':');
    const std::string_view kind = rest.substr(0, colon);
    if (colon == std::string_view::npos || (kind != "to" && kind != "cc" && kind != "bcc"))
      return Error{Errc::invalid_argument, "bad recipient action '" + std::string(a) + "'"};
    auto id = parse_id(rest.substr(colon + 1));
    if (!id) return id.error();
    if (!add) {
      w.query("DELETE FROM mail_ui_recipients WHERE kind = ? AND person_id = ?", kind, *id).run();
      save_draft(w);
      return {};
    }
    if (value(w, "SELECT count(*) FROM people WHERE id = ?", *id) == 0)
      return Error{Errc::not_found, "no person " + std::to_string(*id)};
    add_recipient(w, kind, *id);
    save_draft(w);
    return {};
  }
  if (a.rfind("reply_all:", 0) == 0)
    return with_id("reply_all:", [&](int64_t id) { return reply_to(w, id, true); });
  if (a == "send") return send(w, 0);
  if (a.rfind("schedule_send:", 0) == 0) {
    const int64_t at = schedule_at(arg("schedule_send:"), w.now_ms());
    if (at == 0) return Error{Errc::invalid_argument, "unknown schedule '" + std::string(a) + "'"};
    w.ui_set(apps::ui::kOverlay, "");
    return send(w, at);
  }
  if (a.rfind("cancel_send:", 0) == 0)
    return with_id("cancel_send:", [&](int64_t id) -> Status {
      w.query("UPDATE mail_messages SET folder = 'drafts', snooze_ms = 0 WHERE id = ? AND folder "
              "= 'scheduled'", id).run();
      if (w.changes() == 0) return Error{Errc::not_found, "no scheduled email " + std::to_string(id)};
      go_list(w);
      toast(w, "Send cancelled and message saved to Drafts.");
      return {};
    });
  if (a.rfind("compose_size:", 0) == 0) {
    const std::string_view size = arg("compose_size:");
    if (size != "" && size != "min" && size != "max")
      return Error{Errc::invalid_argument, "the composer is '', 'min' or 'max'"};
    if (w.ui_get(ui::compose).empty()) return Error{Errc::invalid_argument, "the composer is closed"};
    w.ui_set(ui::compose_size, size);
    if (size == "min") w.ui_set(apps::ui::kFocus, "");
    return {};
  }
  if (a.rfind("format:", 0) == 0) return format_body(w, arg("format:"));
  if (a == "link_open") return open_link_dialog(w);
  if (a == "insert_link") return insert_link(w);
  if (a.rfind("pick_open:", 0) == 0) return open_pick(w, arg("pick_open:"));
  if (a.rfind("pick_month:", 0) == 0) {
    int64_t day = 0;
    if (!parse_day(std::string(arg("pick_month:")) + "-01", day))
      return Error{Errc::invalid_argument, "bad month '" + std::string(a) + "'"};
    w.ui_set(ui::pick_month, arg("pick_month:"));
    return {};
  }
  if (a.rfind("pick_day:", 0) == 0) {
    int64_t day = 0;
    if (!parse_day(arg("pick_day:"), day)) return Error{Errc::invalid_argument, "bad day '" + std::string(a) + "'"};
    if (day < w.now_ms() / 86400000) return {};  // a day gone by cannot be chosen
    w.ui_set(ui::pick_day, iso_day(day));
    w.ui_set(ui::pick_month, iso_day(day).substr(0, 7));
    return {};
  }
  if (a == "pick_save") return pick_save(w);
  if (a == "mute" || a == "unmute") {
    const std::vector<int64_t> ids = targets(w);
    if (ids.empty()) return Error{Errc::invalid_argument, "no conversation to mute"};
    mute(w, ids, a == "mute");
    return {};
  }
  if (a == "mark_all_read") {  // the folder (or search) shown: every conversation in it
    w.ui_set(apps::ui::kOverlay, "");
    const ViewFilter vf = view_filter(w);
    auto q = w.query("UPDATE mail_messages SET unread = 0 WHERE unread = 1 AND thread_id IN "
                     "(SELECT e.thread_id " + vf.matching + ")");
    for (size_t i = 0; i < vf.args.size(); ++i) q.bind(int(i + 1), vf.args[i]);
    q.run();
    toast(w, "All conversations in this view were marked as read.");
    return {};
  }
  if (a.rfind("row_archive:", 0) == 0 || a.rfind("row_trash:", 0) == 0)
    return with_id(a[4] == 'a' ? "row_archive:" : "row_trash:", [&](int64_t id) -> Status {
      const bool archive = a[4] == 'a';
      move_threads(w, {id}, archive ? "archive" : "trash");
      w.query("DELETE FROM mail_ui_selected WHERE thread_id = ?", id).run();
      toast(w, std::string("Conversation ") + (archive ? "archived" : "moved to Trash"),
            kUndoMoveMs, "Undo", "mail:undo");
      return {};
    });
  if (a.rfind("row_read:", 0) == 0)
    return with_id("row_read:", [&](int64_t id) -> Status {
      if (value(w, "SELECT count(*) FROM mail_messages WHERE thread_id = ? AND unread = 1", id))
        w.query("UPDATE mail_messages SET unread = 0 WHERE thread_id = ? AND unread = 1", id).run();
      else
        mark_unread(w, {id});
      return {};
    });
  if (a.rfind("row_snooze:", 0) == 0)
    return with_id("row_snooze:", [&](int64_t id) -> Status {
      w.query("DELETE FROM mail_ui_selected").run();
      w.query("INSERT INTO mail_ui_selected(thread_id) VALUES(?)", id).run();
      w.ui_set(apps::ui::kOverlay, full(key::snooze_menu));
      return {};
    });
  if (a == "search_form") {  // the tune button: the form (again: closed)
    const bool open = w.ui_int(ui::search_form) != 0;
    w.ui_set(ui::search_form, int64_t(!open));
    if (!open) {
      w.ui_set(apps::ui::kFocus, full(key::adv_from));
      w.ui_set(apps::ui::kOverlay, "");
    }
    return {};
  }
  if (a == "adv_attachment")
    return w.ui_set(ui::adv_attachment, int64_t(w.ui_int(ui::adv_attachment) == 0)), Status{};
  if (a == "adv_clear") {
    for (std::string_view k : {key::adv_from, key::adv_to, key::adv_subject, key::adv_words,
                               key::adv_without})
      set_field_value(w, full(k), "");
    w.ui_set(ui::adv_attachment, int64_t(0));
    w.ui_set(full(key::adv_within), int64_t(0));
    return {};
  }
  if (a == "adv_search") {
    const std::string q = form_query(w);
    if (q.empty()) {
      toast(w, "Fill in at least one field to search.");
      return {};
    }
    w.ui_set(ui::search_form, int64_t(0));
    set_field_value(w, full(key::search), q);
    w.ui_set(ui::query, q);
    w.ui_set(ui::page, int64_t(0));
    w.ui_set("scroll:" + full(key::list), int64_t(0));
    w.ui_set(apps::ui::kFocus, "");
    go_list(w);
    return {};
  }
  if (a.rfind("preview:", 0) == 0)
    return with_id("preview:", [&](int64_t id) -> Status {
      if (value(w, "SELECT count(*) FROM files WHERE id = ?", id) == 0)
        return Error{Errc::not_found, "no file " + std::to_string(id)};
      w.ui_set(ui::preview, id);
      w.ui_set(apps::ui::kOverlay, full(key::preview));
      return {};
    });
  if (a.rfind("open_link:", 0) == 0) return open_link(w, arg("open_link:"));
  if (a.rfind("set_density:", 0) == 0) {
    const std::string_view d = arg("set_density:");
    bool known = false;
    for (const Density& k : kDensities) known |= k.id == d;
    if (!known) return Error{Errc::invalid_argument, "unknown density '" + std::string(d) + "'"};
    w.ui_set(ui::set_density, d);
    return {};
  }
  if (a == "discard") return discard(w);
  if (a == "close_compose") return close_composer(w);
  return Error{Errc::invalid_argument, "unknown mail action '" + std::string(a) + "'"};
}

// Gmail's shortcuts (when no field has the focus and the composer is closed): c compose,
// / search, and on the open conversation e archive, # delete, ! spam, r reply, f forward,
// s star, u back to the list, Shift+U unread; on a selection e, #, !, Shift+I read, Shift+U
// unread.
Result<bool> on_key(state::World& w, Shortcut k) {
  if (!w.ui_get(ui::compose).empty()) return false;
  if (k.mods & (2 | 4 | 8)) return false;  // Gmail's shortcuts are bare keys (Control+K is not k)
  std::string key(k.key);
  if (key.size() == 1 && key[0] >= 'A' && key[0] <= 'Z') key[0] = char(key[0] - 'A' + 'a');
  const bool shift = (k.mods & 1) != 0;
  auto run = [&](std::string cmd) -> Result<bool> {
    if (Status s = on_action(w, Command{cmd, 0}); !s) return s.error();
    return true;
  };
  // "g" then a letter goes to a folder (Gmail's g i, g s, g t, g d, g a).
  if (w.ui_int(ui::go_prefix)) {
    w.ui_set(ui::go_prefix, int64_t(0));
    static const std::pair<std::string_view, std::string_view> kGo[] = {
        {"i", "inbox"}, {"s", "starred"}, {"t", "sent"}, {"d", "drafts"}, {"a", "all"}};
    for (const auto& [k, f] : kGo)
      if (key == k) return run("folder:" + std::string(f));
  }
  if (key == "g" && !shift) {
    w.ui_set(ui::go_prefix, int64_t(1));
    return true;
  }
  if (key == "?" || (key == "/" && shift)) {
    w.ui_set(apps::ui::kOverlay, full(key::shortcuts_help));
    return true;
  }
  if (key == "c" && !shift) return run("compose");
  if (key == "/") {
    w.ui_set(apps::ui::kFocus, full(key::search));
    w.ui_set(apps::ui::kFocusVisible, int64_t(1));
    return true;
  }
  const int64_t open = w.ui_int(ui::open);
  if (open > 0) {
    const std::vector<Email> emails = thread_emails(w, open);
    const int64_t last = reply_target(emails, emails.empty() ? open : emails.back().id);
    if (key == "e") return run("archive_open");
    if (key == "#" || (key == "3" && shift)) return run("trash_open");
    if (key == "!" || (key == "1" && shift)) return run("spam_open");
    if (key == "r") return run("reply:" + std::to_string(last));
    if (key == "a") return run("reply_all:" + std::to_string(last));
    if (key == "f") return run("forward:" + std::to_string(emails.empty() ? open : emails.back().id));
    if (key == "s") return run("star:" + std::to_string(open));
    if (key == "m") return run("mute");
    if (key == "u" && shift) return run("mark_unread_open");
    if (key == "u") return run("back");
    return false;
  }
  // The list's keyboard row: j next, k previous, o or Enter open, x tick, s star.
  if (key == "j" || key == "k" || key == "o" || key == "Enter" || key == "x" ||
      (key == "s" && kit_count_selected(w) == 0)) {
    const Rows visible = visible_rows(w);
    const std::vector<Row>& rows = *visible.list;
    if (rows.empty()) return false;
    const int64_t cur = w.ui_int(ui::cursor);
    size_t at = rows.size();
    for (size_t i = 0; i < rows.size(); ++i)
      if (rows[i].id == cur) at = i;
    if (key == "j" || key == "k") {
      const size_t next = at == rows.size() ? 0
                          : key == "j"      ? std::min(at + 1, rows.size() - 1)
                                            : (at == 0 ? 0 : at - 1);
      w.ui_set(ui::cursor, rows[next].id);
      return true;
    }
    if (at == rows.size()) return false;  // no row yet: j first
    const std::string id = std::to_string(rows[at].id);
    if (key == "x") return run("select:" + id);
    if (key == "s") return run("star:" + id);
    return run("open:" + id);
  }
  if (kit_count_selected(w) == 0) return false;
  if (key == "+" || key == "=" || key == "-") {  // Gmail: + important, - not important
    set_important(w, targets(w), key != "-");
    w.query("DELETE FROM mail_ui_selected").run();
    return true;
  }
  if (key == "e") return run("archive");
  if (key == "m") return run("mute");
  if (key == "#" || (key == "3" && shift)) return run("trash");
  if (key == "!" || (key == "1" && shift)) return run("spam");
  if (key == "i" && shift) return run("mark_read");
  if (key == "u" && shift) return run("mark_unread");
  return false;
}

// A route as route() spells it: "#<folder>", "#search/<query>", either + "/<thread id>".
Status open_route(state::World& w, std::string_view r) {
  if (r.empty() || r[0] != '#') return Error{Errc::invalid_argument, "mail routes start with #"};
  r.remove_prefix(1);
  int64_t open = 0;
  if (const size_t slash = r.rfind('/'); slash != std::string_view::npos) {
    auto id = parse_id(r.substr(slash + 1));
    if (id && r.substr(0, slash) != "label") {  // "#label/2024" names a label
      open = *id;
      r = r.substr(0, slash);
    }
  }
  if (r == "settings") return open_settings(w);
  if (r == "contacts") return on_action(w, Command{"contacts", 0});
  if (r.rfind("label/", 0) == 0) {  // by name, "/" written %2F
    std::string name(r.substr(6));
    for (size_t p; (p = name.find("%2F")) != std::string::npos;) name.replace(p, 3, "/");
    const int64_t id = value(w, "SELECT id FROM mail_labels WHERE name = ? COLLATE NOCASE", name);
    if (id == 0) return Error{Errc::invalid_argument, "no label '" + name + "'"};
    show_folder(w, "label:" + std::to_string(id));
  } else if (r.rfind("search/", 0) == 0) {
    const std::string q(r.substr(7));
    show_folder(w, "inbox");
    w.ui_set(ui::query, q);
    set_field_value(w, full(key::search), q);
  } else if (known_folder(r)) {
    show_folder(w, r);
  } else {
    return Error{Errc::invalid_argument, "no mail route '#" + std::string(r) + "'"};
  }
  return open > 0 ? open_thread(w, open) : Status{};
}

// Scheduled events: mail.arrive moves one mail_incoming row into the inbox, unread, now;
// mail.unsnooze brings a snoozed conversation back.
Status on_event(state::World& w, std::string_view what, std::string_view payload) {
  auto id = parse_id(payload);
  if (!id) return id.error();
  if (what == "deliver") {  // a scheduled email goes, unless its send was cancelled
    w.query("UPDATE mail_messages SET folder = 'sent', received_ms = ?, snooze_ms = 0 WHERE id = ? "
            "AND folder = 'scheduled'", w.now_ms(), *id).run();
    return {};
  }
  if (what == "autosave") {  // the composer's typing, saved (unless closed or saved meanwhile)
    if (const int64_t due = w.ui_int(ui::draft_due); due != 0 && due <= w.now_ms()) {
      w.ui_set(ui::draft_due, int64_t(0));
      save_draft(w);
    }
    return {};
  }
  if (what == "unsnooze") {  // still snoozed (not moved meanwhile): back in the inbox, unread
    w.query("UPDATE mail_messages SET folder = 'inbox', snooze_ms = 0 WHERE thread_id = ? AND "
            "folder = 'snoozed' AND snooze_ms <= ?", *id, w.now_ms()).run();
    if (w.changes() > 0) mark_unread(w, {*id});
    return {};
  }
  if (what != "arrive") return Error{Errc::internal, "mail has no event '" + std::string(what) + "'"};
  Letter l;
  int64_t thread = 0;
  {
    auto q = w.query("SELECT sender_id, subject, body, category, thread_id FROM mail_incoming "
                     "WHERE id = ?", *id);
    if (!q.step()) return Error{Errc::internal, "mail.arrive: no incoming mail " + std::string(payload)};
    l = Letter{q.i64(0), world::kUserId, std::string(q.text(1)), std::string(q.text(2))};
    l.category = q.text(3);
    thread = q.i64(4);
  }
  // A reply joins its conversation (if it is still there); a muted one keeps it out of the inbox.
  if (thread && value(w, "SELECT count(*) FROM mail_messages WHERE thread_id = ?", thread) == 0)
    thread = 0;
  const bool muted = thread && value(w, "SELECT count(*) FROM mail_muted WHERE thread_id = ?", thread);
  const int64_t email = insert_email(w, muted ? "archive" : "inbox", l, w.now_ms(), true, false,
                                     thread, false, world::event_row_id(*id));
  w.query("INSERT INTO mail_recipients(message_id, kind, person_id) VALUES(?, 'to', 1)", email)
      .run();
  w.query("DELETE FROM mail_incoming WHERE id = ?", *id).run();
  // The user's filters, in the order made.
  std::vector<std::tuple<std::string, int64_t, bool, bool>> filters;
  for (auto q = w.query("SELECT from_query, ifnull(label_id, 0), skip_inbox, mark_read FROM "
                        "mail_filters ORDER BY id");
       q.step();)
    filters.emplace_back(std::string(q.text(0)), q.i64(1), q.i64(2) != 0, q.i64(3) != 0);
  for (const auto& [from, label, skip, read] : filters)
    if (filter_matches(w, l.sender, from)) apply_filter(w, {email}, label, skip, read);
  // The vacation responder answers each sender once.
  if (setting(w, "vacation") == "1" &&
      value(w, "SELECT count(*) FROM mail_messages WHERE folder = 'sent' AND recipient_id = ? AND "
               "subject = ?", l.sender, setting(w, "vacation_subject")) == 0) {
    const int64_t reply = insert_email(
        w, "sent", Letter{world::kUserId, l.sender, setting(w, "vacation_subject"),
                          setting(w, "vacation_body")},
        w.now_ms(), false, false, email);
    w.query("INSERT INTO mail_recipients(message_id, kind, person_id) VALUES(?, 'to', ?)", reply,
            l.sender).run();
  }
  return {};
}

// The composer's fields save its draft as they are typed: within kAutosaveMs of the first
// change (one save for a burst of typing, not one a key).
void on_edit(state::World& w, std::string_view field) {
  if (w.ui_get(ui::compose).empty() || w.ui_int(ui::draft_due) != 0) return;
  for (std::string_view k : {key::compose_to, key::compose_cc, key::compose_bcc,
                             key::compose_subject, key::compose_body})
    if (field == full(k)) {
      const int64_t due = w.now_ms() + kAutosaveMs;
      w.ui_set(ui::draft_due, due);
      w.schedule(due, "mail.autosave", "0");
      return;
    }
}

Status on_submit(state::World& w, Submit s) {
  if ((s.mods & 2) && !w.ui_get(ui::compose).empty() &&  // Control+Enter in the composer
      (s.field == full(key::compose_to) || s.field == full(key::compose_subject) ||
       s.field == full(key::compose_body)))
    return send(w, 0);
  if (s.field == full(key::attach_search)) {  // Enter attaches the first file listed
    auto q = w.query("SELECT id FROM files WHERE name LIKE ? ESCAPE '\\' ORDER BY created_ms "
                     "DESC, id DESC LIMIT 1", like_pattern(field_value(w, s.field)));
    if (!q.step()) return {};
    const int64_t id = q.i64(0);
    return attach_file(w, id);
  }
  if (s.field == full(key::new_label_name)) return create_label(w);
  if (s.field == full(key::link_text) || s.field == full(key::link_url)) return insert_link(w);
  if (s.field == full(key::pick_clock)) return pick_save(w);
  for (std::string_view k : {key::adv_from, key::adv_to, key::adv_subject, key::adv_words,
                             key::adv_without})
    if (s.field == full(k)) return on_action(w, Command{"adv_search", 0});
  for (std::string_view kind : {"to", "cc", "bcc"})
    if (s.field == full(field_of(kind))) {  // Enter takes the first person suggested
      const auto people = suggestions(w, kind, typed_part(field_value(w, s.field)));
      if (!people.empty()) add_recipient(w, kind, std::get<0>(people.front()));
      return {};
    }
  if (s.field != full(key::search)) return {};
  w.ui_set(ui::query, field_value(w, full(key::search)));
  w.ui_set(ui::page, int64_t(0));
  w.ui_set("scroll:" + full(key::list), int64_t(0));
  go_list(w);
  return {};
}

}  // namespace

Result<int64_t> grow_inbox(state::World& w, int64_t emails) {
  const Cast cast = Cast::read(w);
  if (cast.empty()) return Error{Errc::internal, "mail needs people besides the user"};
  Rng d = Rng::stream(w.seed(), "mail.grow");
  if (Status s = w.begin(); !s) return s.error();
  int64_t t = value(w, "SELECT min(received_ms) FROM mail_messages WHERE folder = 'inbox'");
  while (value(w, "SELECT count(*) FROM mail_messages WHERE folder = 'inbox'") < emails) {
    for (int i = 0; i < 50; ++i) {  // a batch between counts
      t -= 1000 * 60 * int64_t(5 + d.below(60 * 6));
      add_conversation(w, d, cast, "inbox", t, kOldUnreadPct);
    }
    if (const Error* e = w.error()) {
      Error err = *e;
      w.rollback();
      return err;
    }
  }
  if (Status s = w.commit(); !s) return s.error();
  return value(w, "SELECT count(*) FROM mail_messages WHERE folder = 'inbox'");
}

Result<int64_t> send_from_app(state::World& w, int64_t to, std::string_view subject, std::string_view body,
                              const std::vector<int64_t>& files) {
  if (value(w, "SELECT count(*) FROM people WHERE id = ?", to) == 0)
    return Error{Errc::not_found, "no person " + std::to_string(to)};
  const int64_t id = insert_email(w, "sent", Letter{world::kUserId, to, std::string(subject), std::string(body)},
                                  w.now_ms(), false, false, 0);
  w.query("INSERT INTO mail_recipients(message_id, kind, person_id) VALUES(?, 'to', ?)", id, to).run();
  for (int64_t f : files)
    w.query("INSERT OR IGNORE INTO mail_attachments(message_id, file_id) VALUES(?, ?)", id, f).run();
  return id;
}

Result<int64_t> deliver(state::World& w, int64_t from, std::string_view subject, std::string_view body,
                        const std::vector<int64_t>& files, int64_t at) {
  if (value(w, "SELECT count(*) FROM people WHERE id = ? AND id <> ?", from, world::kUserId) == 0)
    return Error{Errc::not_found, "no sender " + std::to_string(from)};
  const int64_t id = insert_email(w, "inbox", Letter{from, world::kUserId, std::string(subject), std::string(body)}, at,
                                  true, false, 0);
  w.query("INSERT INTO mail_recipients(message_id, kind, person_id) VALUES(?, 'to', ?)", id, world::kUserId).run();
  for (int64_t f : files)
    w.query("INSERT OR IGNORE INTO mail_attachments(message_id, file_id) VALUES(?, ?)", id, f).run();
  return id;
}

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
                       .on_event = mail::on_event,
                       .on_edit = mail::on_edit};
  return app;
}

}  // namespace facsim::apps
