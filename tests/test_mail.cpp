// Mail driven by raw mouse and keyboard: organising (archive, delete, delete forever, spam and
// not spam, back to the inbox), search operators, and the content's coherence.
#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <string>

#include "apps.h"
#include "calendar.h"
#include "dom.h"
#include "mail/keys.h"
#include "sim.h"
#include "state.h"

using namespace facsim;
namespace mk = apps::mail;

namespace {

struct Mail {
  sim::Env env;
  explicit Mail(uint64_t seed = 7) { EXPECT_TRUE(env.reset({.task = "", .seed = seed, .app = "mail"})); }
  void click(const std::string& key) {
    int x, y;
    ASSERT_TRUE(env.element_center(key, x, y)) << key << "\n" << env.a11y_text();
    ASSERT_TRUE(env.apply(sim::Action::click(x, y)));
    ASSERT_EQ(env.obs().error, "") << key;
  }
  void search(const std::string& q) {
    click(mk::full(mk::key::search));
    ASSERT_TRUE(env.apply(sim::Action::key("Control+a")));
    ASSERT_TRUE(env.apply(sim::Action::type(q)));
    ASSERT_TRUE(env.apply(sim::Action::key("Enter")));
  }
  std::vector<int64_t> rows() {
    std::vector<int64_t> out;
    const std::string prefix = mk::full("row:");
    for (const dom::A11yNode& n : env.a11y())
      if (n.key.rfind(prefix, 0) == 0) out.push_back(std::atoll(n.key.c_str() + prefix.size()));
    return out;
  }
  std::string folder_of(int64_t id) {
    auto q = env.world().query("SELECT folder FROM mail_messages WHERE id = ?", id);
    return q.step() ? std::string(q.text(0)) : std::string("(gone)");
  }
  int64_t count(const char* sql) { return env.world().scalar(sql); }
  // Wheel-scrolls the page (or the sidebar) under (x, 500) until `key` is on screen.
  void reveal(const std::string& key, int at_x = 700) {
    int x, y;
    for (int i = 0; i < 12 && !env.element_center(key, x, y); ++i)
      ASSERT_TRUE(env.apply(sim::Action::scroll(at_x, 500, 200)));
  }
};

}  // namespace

TEST(MailOrganising, DeleteThenDeleteForeverFromTrash) {
  Mail m;
  const auto inbox = m.rows();
  ASSERT_GE(inbox.size(), 3u);
  m.click(mk::full(mk::key::select(inbox[0])));
  m.click(mk::full(mk::key::select(inbox[1])));
  m.click(mk::full(mk::key::trash));
  EXPECT_EQ(m.folder_of(inbox[0]), "trash");
  EXPECT_EQ(m.folder_of(inbox[1]), "trash");
  EXPECT_EQ(m.folder_of(inbox[2]), "inbox");
  EXPECT_NE(m.env.a11y_text().find("2 conversations moved to Trash"), std::string::npos);
  m.click(mk::full(mk::key::folder("trash")));
  m.click(mk::full(mk::key::select(inbox[0])));
  m.click(mk::full(mk::key::delete_forever));
  EXPECT_EQ(m.folder_of(inbox[0]), "(gone)");
  m.click(mk::full(mk::key::select(inbox[1])));
  m.click(mk::full(mk::key::to_inbox));
  EXPECT_EQ(m.folder_of(inbox[1]), "inbox");
}

TEST(MailOrganising, ArchiveAndSpamFromTheOpenEmailAndBack) {
  Mail m;
  const auto inbox = m.rows();
  m.click(mk::full(mk::key::row(inbox[0])));
  m.click(mk::full(mk::key::archive_open));
  EXPECT_EQ(m.folder_of(inbox[0]), "archive");
  EXPECT_EQ(m.env.world().ui_int(mk::ui::open), 0);  // back at the list
  EXPECT_EQ(m.rows().front(), inbox[1]);
  // All mail still shows it; from there it goes back to the inbox.
  m.click(mk::full(mk::key::folder("all")));
  m.click(mk::full(mk::key::row(inbox[0])));
  m.click(mk::full(mk::key::to_inbox_open));
  EXPECT_EQ(m.folder_of(inbox[0]), "inbox");
  // Report spam from the list; Not spam from the Spam folder.
  m.click(mk::full(mk::key::folder("inbox")));
  m.click(mk::full(mk::key::select(inbox[2])));
  m.click(mk::full(mk::key::spam));
  EXPECT_EQ(m.folder_of(inbox[2]), "spam");
  m.click(mk::full(mk::key::folder("spam")));
  m.click(mk::full(mk::key::select(inbox[2])));
  m.click(mk::full(mk::key::not_spam));
  EXPECT_EQ(m.folder_of(inbox[2]), "inbox");
}

TEST(MailSearch, OperatorsCombineAndValuesAreNotSql) {
  Mail m;
  auto& w = m.env.world();
  std::string email;
  {
    auto q = w.query("SELECT p.email FROM mail_messages e JOIN people p ON p.id = e.sender_id "
                     "WHERE e.folder = 'inbox' GROUP BY p.id HAVING count(*) >= 2 ORDER BY p.id "
                     "LIMIT 1");
    ASSERT_TRUE(q.step());
    email = q.text(0);
  }
  m.search("from:" + email);
  // Rows are conversations: those with an email that matches.
  const int64_t from = w.scalar(("SELECT count(DISTINCT thread_id) FROM mail_messages e JOIN people p ON p.id = "
                                 "e.sender_id WHERE e.folder NOT IN ('spam','trash') AND p.email "
                                 "= '" + email + "'").c_str());
  EXPECT_EQ(int64_t(m.rows().size()), from);
  m.search("from:" + email + " is:unread");
  const int64_t unread = w.scalar(("SELECT count(DISTINCT thread_id) FROM mail_messages e JOIN people p ON p.id = "
                                   "e.sender_id WHERE e.folder NOT IN ('spam','trash') AND "
                                   "e.unread = 1 AND p.email = '" + email + "'").c_str());
  EXPECT_EQ(int64_t(m.rows().size()), unread);
  m.search("subject:invoice in:inbox");
  EXPECT_EQ(int64_t(m.rows().size()),
            m.count("SELECT count(DISTINCT thread_id) FROM mail_messages WHERE folder = 'inbox' "
                    "AND subject LIKE '%invoice%'"));
  m.search("in:trash");
  EXPECT_EQ(int64_t(m.rows().size()),
            m.count("SELECT count(DISTINCT thread_id) FROM mail_messages WHERE folder = 'trash'"));
  m.search("x' OR 1=1 --");  // a value, never SQL
  EXPECT_EQ(m.env.obs().error, "");
  EXPECT_TRUE(m.rows().empty());
}

TEST(MailContent, SubjectsBodiesAndSendersAgree) {
 for (uint64_t seed : {1, 2, 3, 11, 20}) {
  Mail m(seed);
  auto& w = m.env.world();
  // An invoice's number appears in the first email of its conversation; every email is
  // signed with its writer's name; replies say "Re:" the conversation's subject; everything the
  // user sent has another recipient.
  int invoices = 0;
  for (auto q = w.query("SELECT e.subject, e.body, p.first, e.id = e.thread_id, t.subject FROM "
                        "mail_messages e JOIN people p ON p.id = e.sender_id JOIN mail_messages "
                        "t ON t.id = e.thread_id");
       q.step();) {
    const std::string subject(q.text(0)), body(q.text(1)), first(q.text(2)), topic(q.text(4));
    const size_t hash = subject.find('#');
    if (q.i64(3) == 0) {
      EXPECT_EQ(subject, "Re: " + topic);
    }
    if (hash != std::string::npos && q.i64(3)) {
      const std::string number = subject.substr(hash + 1, subject.find_first_not_of("0123456789", hash + 1) - hash - 1);
      EXPECT_NE(body.find(number), std::string::npos) << subject << "\n" << body;
      ++invoices;
    }
    EXPECT_NE(body.find("\n" + first), std::string::npos) << "signed by the sender: " << body;
  }
  EXPECT_GT(invoices, 3);
  EXPECT_EQ(m.count("SELECT count(*) FROM mail_messages WHERE folder = 'sent' AND recipient_id = 1"), 0);
  EXPECT_EQ(m.count("SELECT count(*) FROM mail_messages WHERE folder = 'inbox' AND recipient_id != 1"), 0);
 }
}

TEST(MailCompose, SendDiscardAndDraftsByKeyboardAndMouse) {
  Mail m(5);
  auto& w = m.env.world();
  std::string email, first;
  {
    auto q = w.query("SELECT email, first FROM people WHERE id = 3");
    ASSERT_TRUE(q.step());
    email = q.text(0);
    first = q.text(1);
  }
  const int64_t sent = m.count("SELECT count(*) FROM mail_messages WHERE folder = 'sent'");
  // An unknown recipient: nothing is sent, the composer stays.
  m.click(mk::full(mk::key::compose));
  EXPECT_EQ(w.ui_get(apps::ui::kFocus), mk::full(mk::key::compose_to));
  ASSERT_TRUE(m.env.apply(sim::Action::type("nobody@nowhere.test")));
  m.click(mk::full(mk::key::send));
  EXPECT_EQ(m.count("SELECT count(*) FROM mail_messages WHERE folder = 'sent'"), sent);
  EXPECT_NE(m.env.a11y_text().find("was not recognized"), std::string::npos);
  // Fix it by keyboard: select all, type the address, Tab to the subject and the message.
  m.click(mk::full(mk::key::compose_to));
  ASSERT_TRUE(m.env.apply(sim::Action::key("Control+a")));
  ASSERT_TRUE(m.env.apply(sim::Action::type(email)));
  ASSERT_TRUE(m.env.apply(sim::Action::key("Tab")));
  ASSERT_TRUE(m.env.apply(sim::Action::type("Lunch")));
  ASSERT_TRUE(m.env.apply(sim::Action::key("Tab")));
  ASSERT_TRUE(m.env.apply(sim::Action::type("Hi " + first + ",")));
  ASSERT_TRUE(m.env.apply(sim::Action::key("Enter")));  // a new line in the message
  ASSERT_TRUE(m.env.apply(sim::Action::type("lunch on Thursday?")));
  m.click(mk::full(mk::key::send));
  EXPECT_EQ(m.count("SELECT count(*) FROM mail_messages WHERE folder = 'sent'"), sent + 1);
  {
    auto q = w.query("SELECT recipient_id, subject, body FROM mail_messages WHERE folder = 'sent' "
                     "ORDER BY id DESC LIMIT 1");
    ASSERT_TRUE(q.step());
    EXPECT_EQ(q.i64(0), 3);
    EXPECT_EQ(q.text(1), "Lunch");
    EXPECT_EQ(q.text(2), "Hi " + first + ",\nlunch on Thursday?");
  }
  EXPECT_EQ(w.ui_get(mk::ui::compose), "");
  // Close keeps a draft; opening it from Drafts brings the text back; Discard deletes it.
  m.click(mk::full(mk::key::compose));
  ASSERT_TRUE(m.env.apply(sim::Action::type(email)));
  m.click(mk::full(mk::key::close_compose));
  const int64_t draft = m.count("SELECT max(id) FROM mail_messages WHERE folder = 'drafts'");
  ASSERT_GT(draft, 0);
  m.click(mk::full(mk::key::folder("drafts")));
  m.click(mk::full(mk::key::row(draft)));
  EXPECT_EQ(w.ui_get("field:" + mk::full(mk::key::compose_to)), email);
  m.click(mk::full(mk::key::discard));
  EXPECT_EQ(m.count("SELECT count(*) FROM mail_messages WHERE folder = 'drafts'"), 0);
}

TEST(MailCompose, ReplyQuotesTheOriginalAndAnswersItsSender) {
  Mail m(6);
  const int64_t first = m.rows().front();
  m.click(mk::full(mk::key::row(first)));
  m.click(mk::full(mk::key::reply));
  auto& w = m.env.world();
  const std::string subject = [&] {
    auto q = w.query("SELECT subject FROM mail_messages WHERE id = ?", first);
    return q.step() ? std::string(q.text(0)) : std::string();
  }();
  EXPECT_EQ(w.ui_get("field:" + mk::full(mk::key::compose_subject)),
            subject.rfind("Re: ", 0) == 0 ? subject : "Re: " + subject);
  EXPECT_NE(w.ui_get("field:" + mk::full(mk::key::compose_body)).find(" wrote:\n> "),
            std::string::npos);
  EXPECT_EQ(w.ui_get(apps::ui::kFocus), mk::full(mk::key::compose_body));
  ASSERT_TRUE(m.env.apply(sim::Action::type("Sounds good.")));
  m.click(mk::full(mk::key::send));
  auto q = w.query("SELECT e.recipient_id = o.sender_id, e.body FROM mail_messages e, "
                   "mail_messages o WHERE o.id = ? AND e.folder = 'sent' ORDER BY e.id DESC "
                   "LIMIT 1", first);
  ASSERT_TRUE(q.step());
  EXPECT_EQ(q.i64(0), 1);
  EXPECT_EQ(std::string(q.text(1)).rfind("Sounds good.", 0), 0u);  // typed above the quote
}

TEST(MailShortcuts, GmailKeysWhenNoFieldHasTheFocus) {
  Mail m(8);
  auto& w = m.env.world();
  const auto inbox = m.rows();
  auto key = [&](const char* k) { ASSERT_TRUE(m.env.apply(sim::Action::key(k))); };
  // On the open email: s stars, e archives (back to the list).
  m.click(mk::full(mk::key::row(inbox[0])));
  auto star = [&] {  // a conversation is starred when one of its emails is
    auto q = w.query("SELECT max(starred) FROM mail_messages WHERE thread_id = ?", inbox[0]);
    return q.step() ? q.i64(0) : -1;
  };
  const int64_t before = star();
  key("s");
  EXPECT_EQ(star(), 1 - before);
  key("e");
  EXPECT_EQ(m.folder_of(inbox[0]), "archive");
  EXPECT_EQ(w.ui_int(mk::ui::open), 0);
  // On a selection: # deletes.
  m.click(mk::full(mk::key::select(inbox[1])));
  key("#");
  EXPECT_EQ(m.folder_of(inbox[1]), "trash");
  // r replies to the open email; in the composer the keys are text, not shortcuts.
  m.click(mk::full(mk::key::row(inbox[2])));
  key("r");  // to the newest email of the conversation the user did not write
  EXPECT_EQ(w.ui_get(mk::ui::compose),
            "reply:" + std::to_string(w.scalar(("SELECT id FROM mail_messages WHERE thread_id = " +
                                                std::to_string(inbox[2]) + " AND sender_id != 1 "
                                                "ORDER BY received_ms DESC LIMIT 1").c_str())));
  key("e");
  EXPECT_EQ(m.folder_of(inbox[2]), "inbox");
  EXPECT_EQ(w.ui_get("field:" + mk::full(mk::key::compose_body)).substr(0, 1), "e");
  m.click(mk::full(mk::key::discard));
  // c composes; / puts the caret in the search box.
  key("u");
  key("c");
  EXPECT_EQ(w.ui_get(mk::ui::compose), "new");
  m.click(mk::full(mk::key::discard));
  key("/");
  EXPECT_EQ(w.ui_get(apps::ui::kFocus), mk::full(mk::key::search));
}

TEST(MailSnooze, SnoozedMailLeavesTheInboxAndComesBackUnreadAtItsTime) {
  Mail m(9);
  auto& w = m.env.world();
  const int64_t email = m.rows().front();
  m.click(mk::full(mk::key::row(email)));
  m.click(mk::full(mk::key::snooze));
  m.click(mk::full(mk::key::snooze_menu) + ".0");  // later today: 6 PM
  const int64_t until = mk::snooze_until("later_today", w.now_ms());
  EXPECT_EQ(m.folder_of(email), "snoozed");
  EXPECT_EQ(w.ui_get(apps::ui::kOverlay), "");
  m.click(mk::full(mk::key::folder("snoozed")));
  EXPECT_EQ(m.rows(), std::vector<int64_t>{email});
  // Nine virtual hours later it is back in the inbox, unread.
  while (w.now_ms() < until - 600000) ASSERT_TRUE(m.env.apply(sim::Action::wait(600000)));
  EXPECT_EQ(m.folder_of(email), "snoozed");
  ASSERT_TRUE(m.env.apply(sim::Action::wait(600000)));
  EXPECT_EQ(m.folder_of(email), "inbox");
  EXPECT_EQ(m.count(("SELECT unread FROM mail_messages WHERE id = " + std::to_string(email)).c_str()), 1);
  // Moved back by hand first: the scheduled return then changes nothing.
  Mail n(9);
  const int64_t other = n.rows()[1];
  n.click(mk::full(mk::key::select(other)));
  n.click(mk::full(mk::key::snooze));
  n.click(mk::full(mk::key::snooze_menu) + ".1");  // tomorrow
  EXPECT_EQ(n.folder_of(other), "snoozed");
  n.click(mk::full(mk::key::folder("snoozed")));
  n.click(mk::full(mk::key::select(other)));
  n.click(mk::full(mk::key::to_inbox));
  n.click(mk::full(mk::key::folder("inbox")));
  n.click(mk::full(mk::key::select(other)));
  n.click(mk::full(mk::key::archive));
  for (int i = 0; i < 6 * 24; ++i) ASSERT_TRUE(n.env.apply(sim::Action::wait(600000)));
  EXPECT_EQ(n.folder_of(other), "archive");
}

namespace {
// The first inbox conversation with at least `n` emails (list order).
int64_t thread_with(Mail& m, int64_t n) {
  for (int64_t id : m.rows())
    if (m.env.world().scalar(("SELECT count(*) FROM mail_messages WHERE thread_id = " +
                              std::to_string(id)).c_str()) >= n)
      return id;
  return 0;
}
bool shown(Mail& m, const std::string& key) {
  int x, y;
  return m.env.element_center(key, x, y);
}
std::optional<dom::A11yNode> node(Mail& m, const std::string& key) {
  for (const dom::A11yNode& n : m.env.a11y())
    if (n.key == key) return n;
  return std::nullopt;
}
}  // namespace

TEST(MailThreads, AConversationOpensWithItsMiddleFoldedAndRepliesJoinIt) {
  Mail m(3);
  auto& w = m.env.world();
  const int64_t t = thread_with(m, 5);
  ASSERT_GT(t, 0);
  std::vector<int64_t> emails;
  for (auto q = w.query("SELECT id FROM mail_messages WHERE thread_id = ? ORDER BY received_ms, id", t);
       q.step();)
    emails.push_back(q.i64(0));
  const size_t n = emails.size();
  // The row counts the conversation.
  const auto row = node(m, mk::full(mk::key::row(t)));
  ASSERT_TRUE(row);
  EXPECT_NE(row->name.find("(" + std::to_string(n) + ")"), std::string::npos) << row->name;
  m.click(mk::full(mk::key::row(t)));
  EXPECT_EQ(m.count(("SELECT count(*) FROM mail_messages WHERE unread = 1 AND thread_id = " +
                     std::to_string(t)).c_str()), 0);  // opening reads all of it
  // First and the last two shown; the middle folded into "N older messages".
  EXPECT_TRUE(shown(m, mk::full(mk::key::message(emails[0]))));
  EXPECT_FALSE(shown(m, mk::full(mk::key::message(emails[1]))));
  const auto older = node(m, mk::full(mk::key::show_older));
  ASSERT_TRUE(older);
  EXPECT_EQ(older->name, std::to_string(n - 3) + " older messages");
  EXPECT_TRUE(node(m, mk::full(mk::key::expand(emails[n - 1])))->expanded);  // the newest: whole
  EXPECT_FALSE(node(m, mk::full(mk::key::expand(emails[0])))->expanded);
  m.click(mk::full(mk::key::show_older));
  for (int64_t e : emails)
    EXPECT_TRUE(node(m, mk::full(mk::key::message(e)))) << e;
  // A collapsed email expands on a click (its Reply appears) and folds again.
  EXPECT_FALSE(node(m, mk::full(mk::key::reply_to(emails[1]))));
  m.click(mk::full(mk::key::expand(emails[1])));
  EXPECT_TRUE(node(m, mk::full(mk::key::reply_to(emails[1]))));
  m.click(mk::full(mk::key::expand(emails[1])));
  EXPECT_FALSE(node(m, mk::full(mk::key::reply_to(emails[1]))));
  // Reply to the first email from its card: sent, it joins the conversation.
  m.click(mk::full(mk::key::expand(emails[0])));
  m.click(mk::full(mk::key::reply_to(emails[0])));
  ASSERT_TRUE(m.env.apply(sim::Action::type("Agreed, thanks.")));
  m.click(mk::full(mk::key::send));
  EXPECT_EQ(m.count(("SELECT count(*) FROM mail_messages WHERE folder = 'sent' AND thread_id = " +
                     std::to_string(t) + " AND body LIKE 'Agreed, thanks.%'").c_str()), 1);
  EXPECT_EQ(m.count(("SELECT recipient_id = (SELECT sender_id FROM mail_messages WHERE id = " +
                     std::to_string(emails[0]) + ") FROM mail_messages WHERE body LIKE 'Agreed%'")
                        .c_str()), 1);
  // Archiving the conversation moves its inbox emails, not the user's own.
  m.click(mk::full(mk::key::archive_open));
  EXPECT_EQ(m.count(("SELECT count(*) FROM mail_messages WHERE folder = 'inbox' AND thread_id = " +
                     std::to_string(t)).c_str()), 0);
  EXPECT_GE(m.count(("SELECT count(*) FROM mail_messages WHERE folder = 'sent' AND thread_id = " +
                     std::to_string(t)).c_str()), 1);
  const auto left = m.rows();
  EXPECT_EQ(std::count(left.begin(), left.end(), t), 0);
}

TEST(MailThreads, ForwardCarriesTheAttachmentsAndAttachPicksFromTheFileStore) {
  Mail m(5);
  // An inbox email with a file: its conversation opened, Forward on its card.
  int64_t email = 0, thread = 0, file = 0;
  {
    auto q = m.env.world().query("SELECT e.id, e.thread_id, a.file_id FROM mail_messages e JOIN "
                     "mail_attachments a ON a.message_id = e.id WHERE e.folder = 'inbox' ORDER "
                     "BY e.received_ms DESC LIMIT 1");
    ASSERT_TRUE(q.step());
    email = q.i64(0), thread = q.i64(1), file = q.i64(2);
  }
  ASSERT_TRUE(m.env.reset({.task = "", .seed = 5, .app = "mail",
                           .route = "#inbox/" + std::to_string(thread)}));
  auto& w = m.env.world();  // the reset's world
  if (!shown(m, mk::full(mk::key::forward(email)))) {
    if (shown(m, mk::full(mk::key::show_older))) m.click(mk::full(mk::key::show_older));
    m.click(mk::full(mk::key::expand(email)));
  }
  m.click(mk::full(mk::key::forward(email)));
  EXPECT_EQ(w.ui_get(mk::ui::compose), "forward:" + std::to_string(email));
  EXPECT_EQ(w.ui_get("field:" + mk::full(mk::key::compose_subject)).rfind("Fwd: ", 0), 0u);
  EXPECT_NE(w.ui_get("field:" + mk::full(mk::key::compose_body)).find("Forwarded message"),
            std::string::npos);
  EXPECT_TRUE(shown(m, mk::full(mk::key::attachment(file))));
  // Attach one more from the store: the dialog's search narrows the list; a click attaches.
  std::string name;
  int64_t other = 0;
  {
    auto q = w.query("SELECT id, name FROM files WHERE id != ? AND kind = 'sheet' ORDER BY id LIMIT 1", file);
    ASSERT_TRUE(q.step());
    other = q.i64(0), name = q.text(1);
  }
  m.click(mk::full(mk::key::attach));
  m.click(mk::full(mk::key::attach_search));
  ASSERT_TRUE(m.env.apply(sim::Action::type(name.substr(0, name.find('.')))));
  m.click(mk::full(mk::key::pick_file(other)));
  EXPECT_TRUE(shown(m, mk::full(mk::key::attachment(other))));
  EXPECT_EQ(w.ui_get(apps::ui::kOverlay), "");
  // Removed, then attached again by keyboard (Enter takes the first match).
  m.click(mk::full(mk::key::remove_attachment(other)));
  EXPECT_FALSE(shown(m, mk::full(mk::key::attachment(other))));
  m.click(mk::full(mk::key::attach));
  m.click(mk::full(mk::key::attach_search));
  ASSERT_TRUE(m.env.apply(sim::Action::type(name)));
  ASSERT_TRUE(m.env.apply(sim::Action::key("Enter")));
  EXPECT_TRUE(shown(m, mk::full(mk::key::attachment(other))));
  // To a coworker; sent, a new conversation with both files.
  std::string to;
  {
    auto q = w.query("SELECT email FROM people WHERE id = 5");
    ASSERT_TRUE(q.step());
    to = q.text(0);
  }
  m.click(mk::full(mk::key::compose_to));
  ASSERT_TRUE(m.env.apply(sim::Action::type(to)));
  m.click(mk::full(mk::key::send));
  int64_t sent = 0;
  {
    auto q = w.query("SELECT id, thread_id FROM mail_messages WHERE folder = 'sent' AND "
                     "recipient_id = 5 AND subject LIKE 'Fwd: %'");
    ASSERT_TRUE(q.step());
    sent = q.i64(0);
    EXPECT_EQ(q.i64(1), sent);  // its own conversation
  }
  EXPECT_EQ(m.count(("SELECT count(*) FROM mail_attachments WHERE message_id = " +
                     std::to_string(sent) + " AND file_id IN (" + std::to_string(file) + ", " +
                     std::to_string(other) + ")").c_str()), 2);
  EXPECT_EQ(m.count("SELECT count(*) FROM mail_ui_attachments"), 0);
}

TEST(MailThreads, AClosedComposerKeepsItsFilesInTheDraft) {
  Mail m(6);
  auto& w = m.env.world();
  m.click(mk::full(mk::key::compose));
  m.click(mk::full(mk::key::attach));
  std::string key;
  for (const dom::A11yNode& n : m.env.a11y())
    if (key.empty() && n.key.rfind(mk::full("pick_file:"), 0) == 0) key = n.key;
  ASSERT_FALSE(key.empty());
  const int64_t file = std::atoll(key.c_str() + mk::full("pick_file:").size());
  m.click(key);
  m.click(mk::full(mk::key::close_compose));
  int64_t draft = 0;
  {
    auto q = w.query("SELECT m.id FROM mail_messages m JOIN mail_attachments a ON a.message_id = "
                     "m.id WHERE m.folder = 'drafts' AND a.file_id = ?", file);
    ASSERT_TRUE(q.step());
    draft = q.i64(0);
  }
  m.click(mk::full(mk::key::folder("drafts")));
  m.click(mk::full(mk::key::row(draft)));
  EXPECT_EQ(w.ui_get(mk::ui::compose), "draft:" + std::to_string(draft));
  EXPECT_TRUE(shown(m, mk::full(mk::key::attachment(file))));
  m.click(mk::full(mk::key::discard));
  EXPECT_EQ(m.count(("SELECT count(*) FROM mail_attachments WHERE message_id = " +
                     std::to_string(draft)).c_str()), 0);
}

TEST(MailPages, AllMailPagesFiftyConversationsAtATime) {
  Mail m(4);
  m.click(mk::full(mk::key::folder("all")));
  const int64_t total = m.count("SELECT count(DISTINCT thread_id) FROM mail_messages WHERE "
                                "folder NOT IN ('spam', 'trash')");
  ASSERT_GT(total, mk::kPageSize);
  const auto first = m.rows();
  EXPECT_EQ(int64_t(first.size()), mk::kPageSize);
  EXPECT_TRUE(node(m, mk::full(mk::key::newer))->disabled);
  m.click(mk::full(mk::key::older));
  const auto second = m.rows();
  EXPECT_EQ(int64_t(second.size()), std::min<int64_t>(total - mk::kPageSize, mk::kPageSize));
  for (int64_t id : second) EXPECT_EQ(std::count(first.begin(), first.end(), id), 0);
  EXPECT_NE(m.env.a11y_text().find("51\xE2\x80\x93"), std::string::npos);
  m.click(mk::full(mk::key::newer));
  EXPECT_EQ(m.rows(), first);
  // Another folder starts on its first page.
  m.click(mk::full(mk::key::older));
  m.click(mk::full(mk::key::folder("inbox")));
  EXPECT_EQ(m.env.world().ui_int(mk::ui::page), 0);
}

TEST(MailLabels, LabelMenuTicksCreatesAndTheSidebarAndSearchFindThem) {
  Mail m(2);
  auto& w = m.env.world();
  const int64_t t = thread_with(m, 3);
  ASSERT_GT(t, 0);
  auto labelled = [&](const std::string& name) {  // emails of t with the label
    auto q = w.query("SELECT count(*) FROM mail_message_labels l JOIN mail_labels lb ON lb.id = "
                     "l.label_id JOIN mail_messages e ON e.id = l.message_id WHERE lb.name = ? "
                     "AND e.thread_id = ?", name, t);
    return q.step() ? q.i64(0) : -1;
  };
  const int64_t emails = m.count(("SELECT count(*) FROM mail_messages WHERE folder <> 'drafts' "
                                  "AND thread_id = " + std::to_string(t)).c_str());
  const int64_t receipts = w.scalar("SELECT id FROM mail_labels WHERE name = 'Receipts'");
  ASSERT_GT(receipts, 0);
  // From the list: tick the row, open Label, tick Receipts (every email of it), then untick.
  m.click(mk::full(mk::key::select(t)));
  m.click(mk::full(mk::key::label_as));
  m.click(mk::full(mk::key::label_check(receipts)));
  EXPECT_EQ(labelled("Receipts"), emails);
  EXPECT_TRUE(node(m, mk::full(mk::key::label_check(receipts)))->checked);
  m.click(mk::full(mk::key::label_check(receipts)));
  EXPECT_EQ(labelled("Receipts"), 0);
  // Search the menu, then Create "<typed>": the dialog, prefilled; Enter makes the nested
  // label (and its parent) and puts it on the conversation.
  m.click(mk::full(mk::key::label_search));
  ASSERT_TRUE(m.env.apply(sim::Action::type("Vendors/Acme")));
  m.click(mk::full(mk::key::new_label));
  EXPECT_EQ(w.ui_get(apps::ui::kOverlay), mk::full(mk::key::new_label_dialog));
  EXPECT_EQ(w.ui_get(apps::ui::kFocus), mk::full(mk::key::new_label_name));
  ASSERT_TRUE(m.env.apply(sim::Action::key("Enter")));
  EXPECT_EQ(w.ui_get(apps::ui::kOverlay), "");
  EXPECT_EQ(labelled("Vendors/Acme"), emails);
  EXPECT_EQ(m.count("SELECT count(*) FROM mail_labels WHERE name IN ('Vendors', 'Vendors/Acme')"), 2);
  // The sidebar lists it; its view lists the conversation; so does label: in the search.
  const int64_t acme = w.scalar("SELECT id FROM mail_labels WHERE name = 'Vendors/Acme'");
  ASSERT_TRUE(m.env.apply(sim::Action::wait(5000)));  // the toast over the sidebar's foot goes
  m.reveal(mk::full(mk::key::label(acme)), 120);     // the sidebar scrolls
  m.click(mk::full(mk::key::label(acme)));
  EXPECT_EQ(m.rows(), std::vector<int64_t>{t});
  EXPECT_NE(m.env.a11y_text().find("#label/Vendors%2FAcme"), std::string::npos);
  m.search("label:vendors-acme");
  EXPECT_EQ(m.rows(), std::vector<int64_t>{t});
  // The open conversation's chip takes it off.
  m.click(mk::full(mk::key::row(t)));
  m.click(mk::full(mk::key::unlabel(acme)));
  EXPECT_EQ(labelled("Vendors/Acme"), 0);
  // The sidebar's "+": a name that exists already, or none, is refused with a message.
  m.click(mk::full(mk::key::add_label));
  ASSERT_TRUE(m.env.apply(sim::Action::type("travel")));
  m.click(mk::full(mk::key::create_label));
  EXPECT_NE(m.env.a11y_text().find("already exists"), std::string::npos);
  EXPECT_EQ(m.count("SELECT count(*) FROM mail_labels WHERE name = 'travel' COLLATE NOCASE"), 1);
  m.click(mk::full(mk::key::new_label_name));  // Create took the focus
  ASSERT_TRUE(m.env.apply(sim::Action::key("Control+a")));
  ASSERT_TRUE(m.env.apply(sim::Action::type("Taxes 2026")));
  ASSERT_TRUE(m.env.apply(sim::Action::key("Enter")));
  EXPECT_EQ(m.count("SELECT count(*) FROM mail_labels WHERE name = 'Taxes 2026'"), 1);
  EXPECT_EQ(m.count("SELECT count(*) FROM mail_message_labels l JOIN mail_labels lb ON lb.id = "
                    "l.label_id WHERE lb.name = 'Taxes 2026'"), 0);  // on nothing
}

TEST(MailSearch, OrExcludePhrasesAttachmentsAndDates) {
  Mail m(3);
  auto& w = m.env.world();
  auto threads = [&](const std::string& where) {  // conversations with an email that matches
    return w.scalar(("SELECT count(DISTINCT e.thread_id) FROM mail_messages e JOIN people c ON "
                     "c.id = e.sender_id WHERE e.folder NOT IN ('spam', 'trash') AND (" + where +
                     ")").c_str());
  };
  auto shown = [&] { return int64_t(m.rows().size()); };  // the first page's rows
  m.search("has:attachment");
  EXPECT_EQ(shown(), threads("EXISTS (SELECT 1 FROM mail_attachments a WHERE a.message_id = e.id)"));
  m.search("subject:invoice OR subject:order");
  const int64_t either = threads("e.subject LIKE '%invoice%' OR e.subject LIKE '%order%'");
  EXPECT_EQ(shown(), std::min<int64_t>(either, mk::kPageSize));
  m.search("subject:invoice -has:attachment");
  EXPECT_EQ(shown(), threads("e.subject LIKE '%invoice%' AND NOT EXISTS (SELECT 1 FROM "
                             "mail_attachments a WHERE a.message_id = e.id)"));
  m.search("\"the small conference room\"");
  EXPECT_EQ(shown(), threads("e.body LIKE '%the small conference room%'"));
  EXPECT_GT(shown(), 0);
  // Dates on the virtual clock: the last week, and the days before a date.
  const int64_t now = w.now_ms();
  m.search("newer_than:7d");
  EXPECT_EQ(shown(), std::min<int64_t>(threads("e.received_ms >= " + std::to_string(now - 7 * 86400000LL)),
                                       mk::kPageSize));
  m.search("before:2026/02/20 is:read");
  EXPECT_EQ(shown(), std::min<int64_t>(threads("e.received_ms < " + std::to_string(
                                                   days_from_civil(2026, 2, 20) * 86400000LL) +
                                               " AND e.unread = 0"),
                                       mk::kPageSize));
  m.search("after:2026/02/25 before:2026/02/27");
  EXPECT_EQ(shown(), threads("e.received_ms >= " + std::to_string(days_from_civil(2026, 2, 25) * 86400000LL) +
                             " AND e.received_ms < " + std::to_string(days_from_civil(2026, 2, 27) * 86400000LL)));
  m.search("before:someday");  // not a date: a word, which nothing contains
  EXPECT_EQ(m.env.obs().error, "");
}

TEST(MailInbox, CategoryTabsAndImportantMarkers) {
  Mail m(1);
  auto& w = m.env.world();
  auto inbox_threads = [&](const char* cat) {
    return w.scalar((std::string("SELECT count(DISTINCT thread_id) FROM mail_messages WHERE "
                                 "folder = 'inbox' AND category = '") + cat + "'").c_str());
  };
  EXPECT_EQ(int64_t(m.rows().size()), inbox_threads("primary"));
  for (const mk::Folder& c : mk::kCategories) {
    m.click(mk::full(mk::key::tab(c.id)));
    EXPECT_TRUE(node(m, mk::full(mk::key::tab(c.id)))->selected);
    EXPECT_EQ(int64_t(m.rows().size()), inbox_threads(std::string(c.id).c_str())) << c.id;
  }
  EXPECT_GT(inbox_threads("promotions") + inbox_threads("social") + inbox_threads("updates"), 0);
  m.click(mk::full(mk::key::tab("primary")));
  // The marker on a row marks the conversation important (its received emails), and back.
  int64_t t = 0;
  for (int64_t id : m.rows())
    if (!t && node(m, mk::full(mk::key::important(id)))->name == "Not important") t = id;
  ASSERT_GT(t, 0);
  const std::string in_t = " AND thread_id = " + std::to_string(t);
  m.click(mk::full(mk::key::important(t)));
  EXPECT_EQ(m.count(("SELECT count(*) FROM mail_messages WHERE important = 1 AND folder <> 'sent'" + in_t).c_str()),
            m.count(("SELECT count(*) FROM mail_messages WHERE folder <> 'sent'" + in_t).c_str()));
  m.click(mk::full(mk::key::folder("important")));
  const auto important = m.rows();
  EXPECT_NE(std::find(important.begin(), important.end(), t), important.end());
  EXPECT_EQ(int64_t(important.size()),
            std::min<int64_t>(mk::kPageSize, m.count("SELECT count(DISTINCT thread_id) FROM "
                                                     "mail_messages WHERE important = 1 AND "
                                                     "folder NOT IN ('spam', 'trash')")));
  // "-" on a selection: not important.
  m.click(mk::full(mk::key::select(t)));
  ASSERT_TRUE(m.env.apply(sim::Action::key("-")));
  EXPECT_EQ(m.count(("SELECT count(*) FROM mail_messages WHERE important = 1" + in_t).c_str()), 0);
}

TEST(MailUndo, TheToastUndoesAMoveASnoozeAndASend) {
  Mail m(4);
  auto& w = m.env.world();
  const auto inbox = m.rows();
  const int64_t t = inbox[0];
  const int64_t before = m.count(("SELECT count(*) FROM mail_messages WHERE folder = 'inbox' AND "
                                  "thread_id = " + std::to_string(t)).c_str());
  // Archive, then Undo in the toast: back in the inbox, as it was.
  m.click(mk::full(mk::key::select(t)));
  m.click(mk::full(mk::key::archive));
  EXPECT_EQ(m.count(("SELECT count(*) FROM mail_messages WHERE folder = 'inbox' AND thread_id = " +
                     std::to_string(t)).c_str()), 0);
  m.click("toast_action");
  EXPECT_EQ(m.count(("SELECT count(*) FROM mail_messages WHERE folder = 'inbox' AND thread_id = " +
                     std::to_string(t)).c_str()), before);
  EXPECT_NE(m.env.a11y_text().find("Action undone."), std::string::npos);
  // Snooze, then Undo.
  m.click(mk::full(mk::key::select(t)));
  m.click(mk::full(mk::key::snooze));
  m.click(mk::full(mk::key::snooze_menu) + ".1");
  EXPECT_GT(m.count("SELECT count(*) FROM mail_messages WHERE folder = 'snoozed'"), 0);
  m.click("toast_action");
  EXPECT_EQ(m.count("SELECT count(*) FROM mail_messages WHERE folder = 'snoozed'"), 0);
  // Send, then Undo: the email is taken back and the composer holds it again.
  std::string to;
  {
    auto q = w.query("SELECT email FROM people WHERE id = 3");
    ASSERT_TRUE(q.step());
    to = q.text(0);
  }
  const int64_t sent = m.count("SELECT count(*) FROM mail_messages WHERE folder = 'sent'");
  m.click(mk::full(mk::key::compose));
  ASSERT_TRUE(m.env.apply(sim::Action::type(to)));
  m.click(mk::full(mk::key::compose_subject));
  ASSERT_TRUE(m.env.apply(sim::Action::type("Quarterly numbers")));
  m.click(mk::full(mk::key::send));
  EXPECT_EQ(m.count("SELECT count(*) FROM mail_messages WHERE folder = 'sent'"), sent + 1);
  m.click("toast_action");
  EXPECT_EQ(m.count("SELECT count(*) FROM mail_messages WHERE folder = 'sent'"), sent);
  EXPECT_EQ(w.ui_get(mk::ui::compose), "new");
  EXPECT_EQ(w.ui_get("field:" + mk::full(mk::key::compose_subject)), "Quarterly numbers");
  // Sent again and left alone past the window (5 virtual seconds): no Undo any more.
  m.click(mk::full(mk::key::send));
  ASSERT_TRUE(m.env.apply(sim::Action::wait(6000)));
  int x, y;
  EXPECT_FALSE(m.env.element_center("toast_action", x, y));
  EXPECT_EQ(m.count("SELECT count(*) FROM mail_messages WHERE folder = 'sent'"), sent + 1);
}

TEST(MailShortcuts, JkMoveTheRowXTicksOOpensGThenIGoesControlEnterSends) {
  Mail m(6);
  auto& w = m.env.world();
  auto key = [&](const char* k) { ASSERT_TRUE(m.env.apply(sim::Action::key(k))); };
  const auto rows = m.rows();
  key("j");
  EXPECT_EQ(w.ui_int(mk::ui::cursor), rows[0]);
  key("j");
  key("j");
  key("k");
  EXPECT_EQ(w.ui_int(mk::ui::cursor), rows[1]);
  key("x");
  EXPECT_EQ(m.count(("SELECT count(*) FROM mail_ui_selected WHERE thread_id = " +
                     std::to_string(rows[1])).c_str()), 1);
  key("x");
  key("o");
  EXPECT_EQ(w.ui_int(mk::ui::open), rows[1]);
  key("u");
  key("g");
  key("t");
  EXPECT_EQ(w.ui_get(mk::ui::folder), "sent");
  key("g");
  key("i");
  EXPECT_EQ(w.ui_get(mk::ui::folder), "inbox");
  key("?");
  EXPECT_EQ(w.ui_get(apps::ui::kOverlay), mk::full(mk::key::shortcuts_help));
  key("Escape");
  EXPECT_EQ(w.ui_get(apps::ui::kOverlay), "");
  // Control+Enter in the composer's message sends it.
  std::string to;
  {
    auto q = w.query("SELECT email FROM people WHERE id = 4");
    ASSERT_TRUE(q.step());
    to = q.text(0);
  }
  key("c");
  ASSERT_TRUE(m.env.apply(sim::Action::type(to)));
  m.click(mk::full(mk::key::compose_body));
  ASSERT_TRUE(m.env.apply(sim::Action::type("See you there.")));
  const int64_t sent = m.count("SELECT count(*) FROM mail_messages WHERE folder = 'sent'");
  key("Control+Enter");
  EXPECT_EQ(m.count("SELECT count(*) FROM mail_messages WHERE folder = 'sent'"), sent + 1);
  EXPECT_EQ(w.ui_get(mk::ui::compose), "");
}

TEST(MailRecipients, SuggestionsMakeChipsCcAndBccAreKeptAndReplyAllCopiesEveryone) {
  Mail m(7);
  auto& w = m.env.world();
  std::string first_name, cc_email;
  int64_t to_id = 0, cc_id = 0;
  {
    auto q = w.query("SELECT id, name FROM people WHERE company_id = 1 AND id <> 1 ORDER BY id LIMIT 1");
    ASSERT_TRUE(q.step());
    to_id = q.i64(0);
    first_name = std::string(q.text(1)).substr(0, std::string(q.text(1)).find(' '));
    auto c = w.query("SELECT id, email FROM people WHERE company_id <> 1 ORDER BY id LIMIT 1");
    ASSERT_TRUE(c.step());
    cc_id = c.i64(0);
    cc_email = c.text(1);
  }
  m.click(mk::full(mk::key::compose));
  ASSERT_TRUE(m.env.apply(sim::Action::type(first_name)));  // part of a name: suggestions
  const auto suggestion = mk::full(mk::key::suggest("to", to_id));
  ASSERT_TRUE(node(m, suggestion)) << m.env.a11y_text();
  m.click(suggestion);  // a chip; the field is empty again and keeps the caret
  EXPECT_TRUE(node(m, mk::full(mk::key::recipient("to", to_id))));
  EXPECT_EQ(w.ui_get("field:" + mk::full(mk::key::compose_to)), "");
  EXPECT_EQ(w.ui_get(apps::ui::kFocus), mk::full(mk::key::compose_to));
  // Cc by the link; a typed name, then Enter takes the first suggestion.
  m.click(mk::full(mk::key::show_cc));
  EXPECT_EQ(w.ui_get(apps::ui::kFocus), mk::full(mk::key::compose_cc));
  ASSERT_TRUE(m.env.apply(sim::Action::type(cc_email.substr(0, cc_email.find('@')))));
  ASSERT_TRUE(m.env.apply(sim::Action::key("Enter")));
  EXPECT_TRUE(node(m, mk::full(mk::key::recipient("cc", cc_id))));
  m.click(mk::full(mk::key::compose_subject));
  ASSERT_TRUE(m.env.apply(sim::Action::type("Vendor review")));
  m.click(mk::full(mk::key::send));
  int64_t sent = 0;
  {
    auto q = w.query("SELECT id, recipient_id FROM mail_messages WHERE folder = 'sent' AND "
                     "subject = 'Vendor review'");
    ASSERT_TRUE(q.step());
    sent = q.i64(0);
    EXPECT_EQ(q.i64(1), to_id);
  }
  EXPECT_EQ(m.count(("SELECT count(*) FROM mail_recipients WHERE message_id = " +
                     std::to_string(sent) + " AND ((kind = 'to' AND person_id = " +
                     std::to_string(to_id) + ") OR (kind = 'cc' AND person_id = " +
                     std::to_string(cc_id) + "))").c_str()), 2);
  // A conversation's email went to several people: Reply all copies them (not the user).
  int64_t email = 0, sender = 0;
  {
    auto q = w.query("SELECT e.id, e.sender_id, e.thread_id FROM mail_messages e WHERE e.folder = "
                     "'inbox' AND (SELECT count(*) FROM mail_recipients r WHERE r.message_id = "
                     "e.id AND r.kind = 'cc') >= 1 ORDER BY e.received_ms DESC LIMIT 1");
    ASSERT_TRUE(q.step());
    email = q.i64(0), sender = q.i64(1);
    ASSERT_TRUE(m.env.reset({.task = "", .seed = 7, .app = "mail",
                             .route = "#inbox/" + std::to_string(q.i64(2))}));
  }
  auto& w2 = m.env.world();
  if (!node(m, mk::full(mk::key::reply_to(email)))) {
    if (node(m, mk::full(mk::key::show_older))) m.click(mk::full(mk::key::show_older));
    m.click(mk::full(mk::key::expand(email)));
  }
  ASSERT_TRUE(m.env.apply(sim::Action::key("a")));  // the newest email the user did not write
  EXPECT_EQ(w2.ui_int(mk::ui::show_cc), 1);
  const int64_t copied = w2.scalar("SELECT count(*) FROM mail_ui_recipients WHERE kind = 'cc'");
  EXPECT_GE(copied, 1);
  EXPECT_EQ(w2.scalar(("SELECT count(*) FROM mail_ui_recipients WHERE person_id IN (1, " +
                       std::to_string(sender) + ")").c_str()), 0);
}

TEST(MailSettings, SavedSettingsFiltersOnArrivalAndTheVacationResponder) {
  Mail m(8);
  auto& w = m.env.world();
  m.click(mk::full(mk::key::open_settings));
  EXPECT_EQ(w.ui_get(mk::ui::folder), "settings");
  m.click(mk::full(mk::key::undo_choice(20)));
  m.click(mk::full(mk::key::settings_signature));
  ASSERT_TRUE(m.env.apply(sim::Action::type("Avery, Operations")));
  m.click(mk::full(mk::key::vacation_toggle));
  m.click(mk::full(mk::key::vacation_subject));
  ASSERT_TRUE(m.env.apply(sim::Action::type("Out of office")));
  m.click(mk::full(mk::key::vacation_body));
  ASSERT_TRUE(m.env.apply(sim::Action::type("Back on Monday.")));
  // Nothing is saved before Save Changes.
  EXPECT_EQ(m.count("SELECT count(*) FROM mail_settings"), 0);
  m.click(mk::full(mk::key::save_settings));
  auto saved = [&](const char* k) {
    auto q = w.query("SELECT value FROM mail_settings WHERE key = ?", std::string(k));
    return q.step() ? std::string(q.text(0)) : std::string("(none)");
  };
  EXPECT_EQ(saved("undo_send_seconds"), "20");
  EXPECT_EQ(saved("signature"), "Avery, Operations");
  EXPECT_EQ(saved("vacation"), "1");
  EXPECT_EQ(saved("vacation_subject"), "Out of office");
  // A filter for the sender of the next email to arrive: label it Receipts, skip the inbox.
  int64_t sender = 0;
  std::string email;
  {
    auto q = w.query("SELECT i.sender_id, p.email FROM events e JOIN mail_incoming i ON "
                     "i.id = CAST(e.payload AS INTEGER) JOIN people p ON p.id = i.sender_id "
                     "WHERE e.kind = 'mail.arrive' AND e.fired = 0 ORDER BY e.at_ms LIMIT 1");
    ASSERT_TRUE(q.step());
    sender = q.i64(0), email = q.text(1);
  }
  const int64_t receipts = w.scalar("SELECT id FROM mail_labels WHERE name = 'Receipts'");
  int64_t choice = 0, k = 0;  // the select lists "no label", then the labels by name
  for (auto q = w.query("SELECT id FROM mail_labels ORDER BY name COLLATE NOCASE, id"); q.step();)
    if (++k && q.i64(0) == receipts) choice = k;
  m.reveal(mk::full(mk::key::create_filter));
  m.click(mk::full(mk::key::filter_from));
  ASSERT_TRUE(m.env.apply(sim::Action::type(email)));
  m.click(mk::full(mk::key::filter_skip));
  m.click(mk::full(mk::key::filter_label));
  m.click(mk::full(mk::key::filter_label) + ".opt" + std::to_string(choice));
  m.click(mk::full(mk::key::create_filter));
  EXPECT_EQ(m.count(("SELECT count(*) FROM mail_filters WHERE from_query = '" + email +
                     "' AND skip_inbox = 1 AND label_id = " + std::to_string(receipts)).c_str()), 1);
  // The email arrives: archived with the label; the responder answered its sender once.
  for (int i = 0; i < 12; ++i) ASSERT_TRUE(m.env.apply(sim::Action::wait(10000)));
  int64_t arrived = 0;
  {
    auto q = w.query("SELECT id, folder FROM mail_messages WHERE sender_id = ? ORDER BY id DESC "
                     "LIMIT 1", sender);
    ASSERT_TRUE(q.step());
    arrived = q.i64(0);
    EXPECT_EQ(q.text(1), "archive");
  }
  EXPECT_EQ(m.count(("SELECT count(*) FROM mail_message_labels WHERE message_id = " +
                     std::to_string(arrived) + " AND label_id = " + std::to_string(receipts)).c_str()), 1);
  EXPECT_EQ(m.count(("SELECT count(*) FROM mail_messages WHERE folder = 'sent' AND subject = "
                     "'Out of office' AND recipient_id = " + std::to_string(sender)).c_str()), 1);
  // A new message carries the signature.
  m.click(mk::full(mk::key::compose));
  EXPECT_NE(w.ui_get("field:" + mk::full(mk::key::compose_body)).find("Avery, Operations"),
            std::string::npos);
}

TEST(MailSchedule, ScheduledMailWaitsInScheduledAndGoesAtItsTimeOrIsCancelled) {
  Mail m(9);
  auto& w = m.env.world();
  std::string to;
  {
    auto q = w.query("SELECT email FROM people WHERE id = 6");
    ASSERT_TRUE(q.step());
    to = q.text(0);
  }
  auto schedule = [&](const std::string& subject, int preset) {
    m.click(mk::full(mk::key::compose));
    ASSERT_TRUE(m.env.apply(sim::Action::type(to)));
    m.click(mk::full(mk::key::compose_subject));
    ASSERT_TRUE(m.env.apply(sim::Action::type(subject)));
    m.click(mk::full(mk::key::schedule));
    m.click(mk::full(mk::key::schedule_menu) + "." + std::to_string(preset));
  };
  schedule("Board deck", 0);  // tomorrow morning, 8 AM
  const int64_t at = mk::schedule_at("tomorrow_morning", w.now_ms());
  int64_t id = 0;
  {
    auto q = w.query("SELECT id, folder, snooze_ms FROM mail_messages WHERE subject = 'Board deck'");
    ASSERT_TRUE(q.step());
    id = q.i64(0);
    EXPECT_EQ(q.text(1), "scheduled");
    EXPECT_EQ(q.i64(2), at);
  }
  m.click(mk::full(mk::key::folder("scheduled")));
  EXPECT_EQ(m.rows(), std::vector<int64_t>{id});
  // A second one, cancelled from its open view: back to Drafts.
  schedule("Draft plan", 2);
  int64_t other = w.scalar("SELECT id FROM mail_messages WHERE subject = 'Draft plan'");
  m.click(mk::full(mk::key::folder("scheduled")));
  m.click(mk::full(mk::key::row(other)));
  m.click(mk::full(mk::key::cancel_send));
  EXPECT_EQ(m.folder_of(other), "drafts");
  // At its time the first goes to Sent.
  while (w.now_ms() < at - 600000) ASSERT_TRUE(m.env.apply(sim::Action::wait(600000)));
  EXPECT_EQ(m.folder_of(id), "scheduled");
  ASSERT_TRUE(m.env.apply(sim::Action::wait(600000)));
  EXPECT_EQ(m.folder_of(id), "sent");
}

TEST(MailOrganising, ARowsRightClickMenuActsOnItOrOnTheSelection) {
  Mail m(3);
  const auto inbox = m.rows();
  int x, y;
  ASSERT_TRUE(m.env.element_center(mk::full(mk::key::row(inbox[1])), x, y));
  ASSERT_TRUE(m.env.apply(sim::Action::right_click(x, y)));
  EXPECT_EQ(m.env.world().ui_get(apps::ui::kOverlay), mk::full(mk::key::row_menu));
  EXPECT_EQ(m.env.world().ui_int(mk::ui::open), 0);  // a right click does not open it
  m.click(mk::full(mk::key::row_menu) + ".0");  // Archive
  EXPECT_EQ(m.count(("SELECT count(*) FROM mail_messages WHERE folder = 'inbox' AND thread_id = " +
                     std::to_string(inbox[1])).c_str()), 0);
  EXPECT_EQ(m.env.world().ui_get(apps::ui::kOverlay), "");
  EXPECT_EQ(m.folder_of(inbox[0]), "inbox");
  // Two ticked rows: the menu of one of them acts on both.
  m.click(mk::full(mk::key::select(inbox[2])));
  m.click(mk::full(mk::key::select(inbox[3])));
  ASSERT_TRUE(m.env.element_center(mk::full(mk::key::row(inbox[3])), x, y));
  ASSERT_TRUE(m.env.apply(sim::Action::right_click(x + 200, y)));
  m.click(mk::full(mk::key::row_menu) + ".1");  // Delete
  EXPECT_EQ(m.folder_of(inbox[2]), "trash");
  EXPECT_EQ(m.folder_of(inbox[3]), "trash");
}

TEST(MailContacts, ContactsSearchAsYouTypeAndEmailOpensTheComposer) {
  Mail m(5);
  auto& w = m.env.world();
  std::string name, email;
  int64_t id = 0;
  {
    auto q = w.query("SELECT id, name, email FROM people WHERE id <> 1 ORDER BY id DESC LIMIT 1");
    ASSERT_TRUE(q.step());
    id = q.i64(0), name = q.text(1), email = q.text(2);
  }
  m.click(mk::full(mk::key::contacts));
  EXPECT_EQ(w.ui_get(mk::ui::folder), "contacts");
  m.click(mk::full(mk::key::contacts_search));
  ASSERT_TRUE(m.env.apply(sim::Action::type(name)));
  int rows = 0;
  for (const dom::A11yNode& n : m.env.a11y()) rows += n.key.rfind(mk::full("contact:"), 0) == 0;
  EXPECT_GE(rows, 1);
  const auto row = node(m, mk::full(mk::key::contact(id)));
  ASSERT_TRUE(row);
  EXPECT_EQ(row->name.rfind(name + ", " + email + ", ", 0), 0u);
  m.click(mk::full(mk::key::email_contact(id)));
  EXPECT_EQ(w.ui_get(mk::ui::compose), "new");
  EXPECT_EQ(w.ui_get("field:" + mk::full(mk::key::compose_to)), email);
}

TEST(MailOrganising, MoveToAPlaceOrALabel) {
  Mail m(2);
  auto& w = m.env.world();
  const auto inbox = m.rows();
  const int64_t travel = w.scalar("SELECT id FROM mail_labels WHERE name = 'Travel'");
  int item = -1, k = 0;  // the menu: Spam, Trash (not Inbox: we are in it), then the labels
  for (auto q = w.query("SELECT id FROM mail_labels ORDER BY name COLLATE NOCASE, id"); q.step(); ++k)
    if (q.i64(0) == travel) item = 2 + k;
  ASSERT_GE(item, 0);
  m.click(mk::full(mk::key::select(inbox[0])));
  m.click(mk::full(mk::key::move_to));
  m.click(mk::full(mk::key::move_menu) + "." + std::to_string(item));
  const std::string in0 = " AND thread_id = " + std::to_string(inbox[0]);
  EXPECT_EQ(m.count(("SELECT count(*) FROM mail_messages WHERE folder = 'inbox'" + in0).c_str()), 0);
  EXPECT_EQ(m.count(("SELECT count(*) FROM mail_messages m JOIN mail_message_labels l ON "
                     "l.message_id = m.id WHERE l.label_id = " + std::to_string(travel) + in0 +
                     " AND m.folder <> 'drafts'").c_str()),
            m.count(("SELECT count(*) FROM mail_messages WHERE folder <> 'drafts'" + in0).c_str()));
  // From the open conversation: Move to, Trash.
  m.click(mk::full(mk::key::row(inbox[1])));
  m.click(mk::full(mk::key::move_to));
  m.click(mk::full(mk::key::move_menu) + ".1");
  EXPECT_EQ(m.folder_of(inbox[1]), "trash");
  EXPECT_EQ(w.ui_int(mk::ui::open), 0);
}

namespace {
std::string email_of(state::World& w, int64_t person) {
  auto q = w.query("SELECT email FROM people WHERE id = ?", person);
  return q.step() ? std::string(q.text(0)) : std::string();
}
std::string field(state::World& w, std::string_view key) {
  return w.ui_get("field:" + mk::full(key));
}
}  // namespace

// Gmail saves the draft as one types: the first keystroke makes one row in Drafts, later ones
// update that row; the window minimises to its bar, restores and goes full size; closed, the
// draft stays, reopened from Drafts typing updates the same row, and Discard deletes it.
TEST(MailCompose, DraftsAreSavedAsYouTypeAndTheWindowMinimisesAndMaximises) {
  Mail m(5);
  auto& w = m.env.world();
  const std::string to = email_of(w, 3);
  ASSERT_FALSE(to.empty());
  const int64_t drafts = m.count("SELECT count(*) FROM mail_messages WHERE folder = 'drafts'");
  auto subject_of = [&](int64_t id) {
    auto q = w.query("SELECT subject, body, recipient_id FROM mail_messages WHERE id = ?", id);
    return q.step() ? std::string(q.text(0)) + "|" + std::string(q.text(1)) + "|" +
                          std::to_string(q.i64(2))
                    : std::string("(gone)");
  };
  m.click(mk::full(mk::key::compose));
  EXPECT_EQ(w.ui_int(mk::ui::draft), 0);
  EXPECT_EQ(w.ui_get(apps::ui::kFocus), mk::full(mk::key::compose_to));
  ASSERT_TRUE(m.env.apply(sim::Action::type(to)));
  // Saved a moment after the typing began (kAutosaveMs of virtual time), not at every key:
  // typing a whole address takes longer than that.
  ASSERT_TRUE(m.env.apply(sim::Action::wait(int(mk::kAutosaveMs))));
  EXPECT_EQ(w.ui_int(mk::ui::draft_due), 0);
  const int64_t draft = w.ui_int(mk::ui::draft);
  ASSERT_GT(draft, 0);
  EXPECT_EQ(m.folder_of(draft), "drafts");
  EXPECT_EQ(m.count("SELECT count(*) FROM mail_messages WHERE folder = 'drafts'"), drafts + 1);
  EXPECT_EQ(subject_of(draft), "||3");
  m.click(mk::full(mk::key::compose_subject));
  ASSERT_TRUE(m.env.apply(sim::Action::type("Budget review")));  // under a second
  EXPECT_GT(w.ui_int(mk::ui::draft_due), 0);
  EXPECT_EQ(subject_of(draft), "||3");  // not yet
  ASSERT_TRUE(m.env.apply(sim::Action::wait(int(mk::kAutosaveMs))));
  EXPECT_EQ(w.ui_int(mk::ui::draft_due), 0);
  EXPECT_EQ(w.ui_int(mk::ui::draft), draft);
  EXPECT_EQ(subject_of(draft), "Budget review||3");
  EXPECT_EQ(m.count("SELECT count(*) FROM mail_messages WHERE folder = 'drafts'"), drafts + 1);
  // Minimised: its bar only; the same button (now Restore) brings the fields back.
  m.click(mk::full(mk::key::compose_min));
  EXPECT_EQ(w.ui_get(mk::ui::compose_size), "min");
  EXPECT_FALSE(node(m, mk::full(mk::key::compose_subject)));
  ASSERT_TRUE(node(m, mk::full(mk::key::compose_min)));
  EXPECT_EQ(node(m, mk::full(mk::key::compose_min))->name, "Restore");
  m.click(mk::full(mk::key::compose_min));
  EXPECT_EQ(w.ui_get(mk::ui::compose_size), "");
  EXPECT_TRUE(node(m, mk::full(mk::key::compose_subject)));
  // Full size: over the page, wider than the corner's window.
  const int corner = node(m, mk::full(mk::key::composer))->box.w;
  m.click(mk::full(mk::key::compose_max));
  EXPECT_EQ(w.ui_get(mk::ui::compose_size), "max");
  const auto win = node(m, mk::full(mk::key::composer));
  ASSERT_TRUE(win);
  EXPECT_GT(win->box.w, 900);
  EXPECT_GT(win->box.w, corner);
  // Closed: the draft stays; reopened from Drafts, more typing updates the same row.
  m.click(mk::full(mk::key::close_compose));
  EXPECT_EQ(w.ui_get(mk::ui::compose), "");
  EXPECT_EQ(m.folder_of(draft), "drafts");
  m.click(mk::full(mk::key::folder("drafts")));
  m.click(mk::full(mk::key::row(draft)));
  EXPECT_EQ(w.ui_get(mk::ui::compose), "draft:" + std::to_string(draft));
  EXPECT_EQ(w.ui_int(mk::ui::draft), draft);
  EXPECT_EQ(w.ui_get(mk::ui::compose_size), "");  // a reopened composer is at the corner
  EXPECT_EQ(field(w, mk::key::compose_subject), "Budget review");
  m.click(mk::full(mk::key::compose_body));
  ASSERT_TRUE(m.env.apply(sim::Action::type("Numbers attached.")));
  ASSERT_TRUE(m.env.apply(sim::Action::wait(int(mk::kAutosaveMs))));
  EXPECT_EQ(w.ui_int(mk::ui::draft), draft);
  EXPECT_EQ(subject_of(draft), "Budget review|Numbers attached.|3");
  EXPECT_EQ(m.count("SELECT count(*) FROM mail_messages WHERE folder = 'drafts'"), drafts + 1);
  m.click(mk::full(mk::key::discard));
  EXPECT_EQ(m.folder_of(draft), "(gone)");
  EXPECT_EQ(m.count("SELECT count(*) FROM mail_messages WHERE folder = 'drafts'"), drafts);
  EXPECT_EQ(w.ui_int(mk::ui::draft), 0);
}

// The formatting bar writes light markup into the message (bold round the selection, a
// bullet before the line, [text](address) from the link dialog); the sent email shows it
// formatted: one text node reads it without the markers, and its link records the visit.
TEST(MailCompose, TheFormattingBarMarksUpTheSelectionAndTheEmailShowsIt) {
  Mail m(6);
  auto& w = m.env.world();
  auto key = [&](const char* k) { ASSERT_TRUE(m.env.apply(sim::Action::key(k))); };
  auto type = [&](const std::string& s) { ASSERT_TRUE(m.env.apply(sim::Action::type(s))); };
  const std::string bullet = "\xE2\x80\xA2 ";
  m.click(mk::full(mk::key::compose));
  type(email_of(w, 4));
  m.click(mk::full(mk::key::compose_subject));
  type("Launch plan");
  m.click(mk::full(mk::key::compose_body));
  type("Ship it today");
  for (int i = 0; i < 5; ++i) key("Shift+ArrowLeft");
  m.click(mk::full(mk::key::format_bold));
  EXPECT_EQ(field(w, mk::key::compose_body), "Ship it **today**");
  EXPECT_EQ(w.ui_get(apps::ui::kFocus), mk::full(mk::key::compose_body));
  key("End");
  key("Enter");  // a new line in the message
  type("first item");
  m.click(mk::full(mk::key::format_bullets));
  EXPECT_EQ(field(w, mk::key::compose_body), "Ship it **today**\n" + bullet + "first item");
  key("Enter");
  type("Details: ");
  // A link with nothing selected: the dialog asks for its text first.
  m.click(mk::full(mk::key::format_link));
  EXPECT_EQ(w.ui_get(apps::ui::kOverlay), mk::full(mk::key::link_dialog));
  EXPECT_EQ(w.ui_get(apps::ui::kFocus), mk::full(mk::key::link_text));
  type("spec");
  m.click(mk::full(mk::key::link_url));
  type("docs.example.com");
  key("Enter");
  EXPECT_EQ(w.ui_get(apps::ui::kOverlay), "");
  const std::string body =
      "Ship it **today**\n" + bullet + "first item\nDetails: [spec](https://docs.example.com)";
  EXPECT_EQ(field(w, mk::key::compose_body), body);
  m.click(mk::full(mk::key::send));
  int64_t sent = 0;
  {
    auto q = w.query("SELECT id, body FROM mail_messages WHERE folder = 'sent' AND subject = "
                     "'Launch plan'");
    ASSERT_TRUE(q.step());
    sent = q.i64(0);
    EXPECT_EQ(q.text(1), body);  // kept as markup
  }
  EXPECT_EQ(m.count("SELECT count(*) FROM mail_messages WHERE folder = 'drafts' AND subject = "
                    "'Launch plan'"), 0);
  m.click(mk::full(mk::key::folder("sent")));
  m.click(mk::full(mk::key::row(sent)));
  const std::string prefix = mk::full(mk::key::message(sent)) + "/text";
  std::optional<dom::A11yNode> text, link;
  for (const dom::A11yNode& n : m.env.a11y()) {
    if (n.role == dom::Role::text && n.id.rfind(prefix, 0) == 0 && !text) text = n;
    if (n.role == dom::Role::link && n.name == "spec") link = n;
  }
  ASSERT_TRUE(text) << m.env.a11y_text();
  EXPECT_EQ(text->name, "Ship it today\n" + bullet + "first item\nDetails: spec");
  EXPECT_EQ(text->name.find("**"), std::string::npos);
  ASSERT_TRUE(link) << m.env.a11y_text();
  EXPECT_EQ(link->value, "https://docs.example.com");
  // Following the link: no outside web, the visit on record, a notice that Back closes.
  ASSERT_TRUE(m.env.apply(
      sim::Action::click(link->box.x + link->box.w / 2, link->box.y + link->box.h / 2)));
  EXPECT_EQ(m.env.obs().error, "");
  EXPECT_EQ(m.count("SELECT count(*) FROM web_visits WHERE url = 'https://docs.example.com' AND "
                    "app = 'mail'"), 1);
  EXPECT_EQ(w.ui_get(apps::ui::kOverlay), mk::full(mk::key::link_notice));
  EXPECT_EQ(w.ui_get(mk::ui::link), "https://docs.example.com");
  EXPECT_TRUE(shown(m, mk::full(mk::key::link_notice)));
  m.click(mk::full("link_back"));
  EXPECT_EQ(w.ui_get(apps::ui::kOverlay), "");
  EXPECT_FALSE(node(m, mk::full(mk::key::link_notice)));
}

// Pick date & time (the snooze menu's last item): a month of days and a time; a time that is
// not one keeps the dialog open and moves nothing; Save snoozes the conversation's inbox
// emails until that day and time (UTC).
TEST(MailSnooze, PickDateAndTimeSnoozesUntilTheChosenMoment) {
  Mail m(9);
  auto& w = m.env.world();
  const int64_t t = thread_with(m, 2) ? thread_with(m, 2) : m.rows().front();
  std::vector<int64_t> emails;
  for (auto q = w.query("SELECT id FROM mail_messages WHERE thread_id = ? AND folder = 'inbox'", t);
       q.step();)
    emails.push_back(q.i64(0));
  ASSERT_FALSE(emails.empty());
  const int64_t today = w.now_ms() / 86400000;
  m.click(mk::full(mk::key::row(t)));
  m.click(mk::full(mk::key::snooze));
  m.click(mk::full(mk::key::snooze_menu) + ".4");
  EXPECT_EQ(w.ui_get(apps::ui::kOverlay), mk::full(mk::key::datetime_dialog));
  EXPECT_EQ(w.ui_get(mk::ui::pick_day), format_date_iso((today + 1) * 86400000));
  // The 10th of next month.
  const Civil now = civil_from_ms(w.now_ms());
  const int y = now.m == 12 ? now.y + 1 : now.y, mo = now.m == 12 ? 1 : now.m + 1;
  const int64_t tenth = days_from_civil(y, mo, 10);
  const std::string iso = format_date_iso(tenth * 86400000);
  EXPECT_FALSE(shown(m, mk::full(mk::key::pick_day(iso))));  // not this month's page
  m.click(mk::full(mk::key::pick_next));
  m.click(mk::full(mk::key::pick_day(iso)));
  EXPECT_EQ(w.ui_get(mk::ui::pick_day), iso);
  EXPECT_TRUE(node(m, mk::full(mk::key::pick_day(iso)))->selected);
  // Not a time: the dialog stays, nothing moves.
  m.click(mk::full(mk::key::pick_clock));
  ASSERT_TRUE(m.env.apply(sim::Action::key("Control+a")));
  ASSERT_TRUE(m.env.apply(sim::Action::type("25:99")));
  m.click(mk::full(mk::key::pick_save));
  EXPECT_EQ(w.ui_get(apps::ui::kOverlay), mk::full(mk::key::datetime_dialog));
  for (int64_t e : emails) EXPECT_EQ(m.folder_of(e), "inbox") << e;
  m.click(mk::full(mk::key::pick_clock));
  ASSERT_TRUE(m.env.apply(sim::Action::key("Control+a")));
  ASSERT_TRUE(m.env.apply(sim::Action::type("2:30 PM")));
  m.click(mk::full(mk::key::pick_save));
  EXPECT_EQ(w.ui_get(apps::ui::kOverlay), "");
  const int64_t until = tenth * 86400000 + 14 * 3600000 + 30 * 60000;
  for (int64_t e : emails) {
    auto q = w.query("SELECT folder, snooze_ms FROM mail_messages WHERE id = ?", e);
    ASSERT_TRUE(q.step());
    EXPECT_EQ(q.text(0), "snoozed") << e;
    EXPECT_EQ(q.i64(1), until) << e;
  }
  EXPECT_EQ(m.count(("SELECT count(*) FROM mail_messages WHERE folder = 'inbox' AND thread_id = " +
                     std::to_string(t)).c_str()), 0);
}

// The schedule menu's last item opens the same dialog; Enter in its time field takes the
// default, tomorrow 8:00 AM: the email waits in Scheduled until then, and no draft is left.
TEST(MailSchedule, PickDateAndTimeSchedulesASend) {
  Mail m(9);
  auto& w = m.env.world();
  m.click(mk::full(mk::key::compose));
  ASSERT_TRUE(m.env.apply(sim::Action::type(email_of(w, 6))));
  m.click(mk::full(mk::key::compose_subject));
  ASSERT_TRUE(m.env.apply(sim::Action::type("Offsite agenda")));
  m.click(mk::full(mk::key::schedule));
  m.click(mk::full(mk::key::schedule_menu) + ".3");
  EXPECT_EQ(w.ui_get(apps::ui::kOverlay), mk::full(mk::key::datetime_dialog));
  EXPECT_EQ(w.ui_get(mk::ui::pick_for), "schedule");
  const int64_t tomorrow = w.now_ms() / 86400000 + 1;
  EXPECT_EQ(w.ui_get(mk::ui::pick_day), format_date_iso(tomorrow * 86400000));
  EXPECT_EQ(field(w, mk::key::pick_clock), "8:00 AM");
  m.click(mk::full(mk::key::pick_clock));
  ASSERT_TRUE(m.env.apply(sim::Action::key("Enter")));
  EXPECT_EQ(w.ui_get(apps::ui::kOverlay), "");
  EXPECT_EQ(w.ui_get(mk::ui::compose), "");
  auto q = w.query("SELECT folder, snooze_ms FROM mail_messages WHERE subject = 'Offsite agenda'");
  ASSERT_TRUE(q.step());
  EXPECT_EQ(q.text(0), "scheduled");
  EXPECT_EQ(q.i64(1), tomorrow * 86400000 + 8 * 3600000);
  EXPECT_FALSE(q.step());  // the draft saved while typing is gone
}

// Mute (More on the open conversation, or "m" on a ticked one): its inbox emails go to the
// archive, and a reply arriving later in it stays out of the inbox; an unmuted one's reply
// comes to the inbox.
TEST(MailOrganising, MuteKeepsRepliesOutOfTheInbox) {
  Mail m(3);
  auto& w = m.env.world();
  const auto inbox = m.rows();
  ASSERT_GE(inbox.size(), 2u);
  const int64_t a = inbox[0], b = inbox[1];
  auto reply_later = [&](int64_t t, const std::string& body) {  // arrives in a minute
    int64_t sender = 0;
    std::string subject, category;
    {
      auto q = w.query("SELECT sender_id FROM mail_messages WHERE thread_id = ? AND sender_id <> 1 "
                       "ORDER BY received_ms LIMIT 1", t);
      ASSERT_TRUE(q.step());
      sender = q.i64(0);
      auto s = w.query("SELECT subject, category FROM mail_messages WHERE id = ?", t);
      ASSERT_TRUE(s.step());
      subject = s.text(0), category = s.text(1);
    }
    if (subject.rfind("Re: ", 0) != 0) subject = "Re: " + subject;
    w.query("INSERT INTO mail_incoming(sender_id, subject, body, category, thread_id) VALUES(?, ?, "
            "?, ?, ?)", sender, subject, body, category, t).run();
    w.schedule(w.now_ms() + 60000, "mail.arrive", std::to_string(w.last_insert_rowid()));
  };
  reply_later(a, "Following up on this (A).");
  reply_later(b, "Following up on this (B).");
  std::vector<int64_t> a_inbox;
  for (auto q = w.query("SELECT id FROM mail_messages WHERE thread_id = ? AND folder = 'inbox'", a);
       q.step();)
    a_inbox.push_back(q.i64(0));
  ASSERT_FALSE(a_inbox.empty());
  m.click(mk::full(mk::key::row(a)));
  m.click(mk::full(mk::key::more));
  EXPECT_EQ(w.ui_get(apps::ui::kOverlay), mk::full(mk::key::more_menu));
  m.click(mk::full(mk::key::more_menu) + ".0");  // Mute
  for (int64_t e : a_inbox) EXPECT_EQ(m.folder_of(e), "archive") << e;
  EXPECT_EQ(m.count(("SELECT count(*) FROM mail_muted WHERE thread_id = " + std::to_string(a)).c_str()),
            1);
  EXPECT_EQ(m.count("SELECT count(*) FROM mail_muted"), 1);
  EXPECT_EQ(w.ui_int(mk::ui::open), 0);
  // Two minutes later both replies have arrived: A's in the archive, B's in the inbox.
  ASSERT_TRUE(m.env.apply(sim::Action::wait(120000)));
  auto arrived = [&](const char* body) {
    auto q = w.query("SELECT folder, thread_id FROM mail_messages WHERE body = ?",
                     std::string(body));
    return q.step() ? std::string(q.text(0)) + ":" + std::to_string(q.i64(1))
                    : std::string("(none)");
  };
  EXPECT_EQ(arrived("Following up on this (A)."), "archive:" + std::to_string(a));
  EXPECT_EQ(arrived("Following up on this (B)."), "inbox:" + std::to_string(b));
  EXPECT_EQ(m.count("SELECT count(*) FROM mail_incoming WHERE thread_id <> 0"), 0);
  const auto now = m.rows();
  EXPECT_EQ(std::count(now.begin(), now.end(), a), 0);
  EXPECT_EQ(std::count(now.begin(), now.end(), b), 1);
  // "m" mutes the ticked conversation.
  m.click(mk::full(mk::key::select(b)));
  ASSERT_TRUE(m.env.apply(sim::Action::key("m")));
  EXPECT_EQ(m.count(("SELECT count(*) FROM mail_muted WHERE thread_id = " + std::to_string(b)).c_str()),
            1);
  EXPECT_EQ(m.count(("SELECT count(*) FROM mail_messages WHERE folder = 'inbox' AND thread_id = " +
                     std::to_string(b)).c_str()), 0);
  EXPECT_EQ(arrived("Following up on this (B)."), "archive:" + std::to_string(b));
}

// A row's hover actions act on that conversation alone: archive it, read/unread it, snooze it
// (the menu opens with only it ticked); More with nothing ticked marks the tab all read.
TEST(MailList, HoverActionsArchiveReadAndSnoozeOneRow) {
  Mail m(4);
  auto& w = m.env.world();
  auto inbox_of = [&](int64_t t) {
    return m.count(("SELECT count(*) FROM mail_messages WHERE folder = 'inbox' AND thread_id = " +
                    std::to_string(t)).c_str());
  };
  auto unread_of = [&](int64_t t) {
    return m.count(("SELECT count(*) FROM mail_messages WHERE unread = 1 AND thread_id = " +
                    std::to_string(t)).c_str());
  };
  const auto inbox = m.rows();
  ASSERT_GE(inbox.size(), 5u);
  const int64_t total = m.count("SELECT count(*) FROM mail_messages WHERE folder = 'inbox'");
  const int64_t first = inbox_of(inbox[0]);
  ASSERT_GT(first, 0);
  m.click(mk::full(mk::key::row_archive(inbox[0])));
  EXPECT_EQ(inbox_of(inbox[0]), 0);
  EXPECT_EQ(m.count(("SELECT count(*) FROM mail_messages WHERE folder = 'archive' AND "
                     "thread_id = " + std::to_string(inbox[0])).c_str()), first);
  EXPECT_EQ(m.count("SELECT count(*) FROM mail_messages WHERE folder = 'inbox'"), total - first);
  EXPECT_EQ(w.ui_int(mk::ui::open), 0);  // the row's button, not the row
  EXPECT_EQ(m.rows().front(), inbox[1]);
  // Read and unread on an unread row.
  int64_t u = 0;
  for (int64_t id : m.rows())
    if (!u && unread_of(id) > 0) u = id;
  ASSERT_GT(u, 0);
  EXPECT_EQ(node(m, mk::full(mk::key::row_read(u)))->name, "Mark as read");
  m.click(mk::full(mk::key::row_read(u)));
  EXPECT_EQ(unread_of(u), 0);
  EXPECT_EQ(node(m, mk::full(mk::key::row_read(u)))->name, "Mark as unread");
  m.click(mk::full(mk::key::row_read(u)));
  EXPECT_EQ(unread_of(u), 1);
  EXPECT_EQ(w.ui_int(mk::ui::open), 0);
  // Snooze: another row ticked first; the row's own snooze ticks only it.
  const auto rows = m.rows();
  const int64_t s = rows[2], other = rows[3];
  m.click(mk::full(mk::key::select(other)));
  m.click(mk::full(mk::key::row_snooze(s)));
  EXPECT_EQ(w.ui_get(apps::ui::kOverlay), mk::full(mk::key::snooze_menu));
  EXPECT_TRUE(shown(m, mk::full(mk::key::snooze_menu) + ".1"));
  EXPECT_EQ(m.count("SELECT count(*) FROM mail_ui_selected"), 1);
  EXPECT_EQ(m.count(("SELECT count(*) FROM mail_ui_selected WHERE thread_id = " +
                     std::to_string(s)).c_str()), 1);
  m.click(mk::full(mk::key::snooze_menu) + ".1");  // tomorrow
  EXPECT_EQ(inbox_of(s), 0);
  EXPECT_GT(m.count(("SELECT count(*) FROM mail_messages WHERE folder = 'snoozed' AND "
                     "thread_id = " + std::to_string(s)).c_str()), 0);
  EXPECT_GT(inbox_of(other), 0);
  // More with nothing ticked: Mark all as read, on the Primary tab only.
  ASSERT_EQ(m.count("SELECT count(*) FROM mail_ui_selected"), 0);
  const int64_t others = m.count("SELECT count(*) FROM mail_messages WHERE folder = 'inbox' AND "
                                 "category <> 'primary' AND unread = 1");
  ASSERT_GT(m.count("SELECT count(*) FROM mail_messages WHERE folder = 'inbox' AND category = "
                    "'primary' AND unread = 1"), 0);
  m.click(mk::full(mk::key::more));
  EXPECT_EQ(w.ui_get(apps::ui::kOverlay), mk::full(mk::key::more_menu));
  EXPECT_EQ(node(m, mk::full(mk::key::more_menu) + ".0")->name, "Mark all as read");
  m.click(mk::full(mk::key::more_menu) + ".0");
  EXPECT_EQ(m.count("SELECT count(*) FROM mail_messages WHERE folder = 'inbox' AND category = "
                    "'primary' AND unread = 1"), 0);
  EXPECT_EQ(m.count("SELECT count(*) FROM mail_messages WHERE folder = 'inbox' AND "
                    "category <> 'primary' AND unread = 1"), others);
}

// Search options: the form's fields make Gmail's query (a name with spaces quoted, Has
// attachment as has:attachment), listing what the same query typed in the bar lists; Clear
// filter empties the form.
TEST(MailSearch, SearchOptionsMakeAQuery) {
  Mail m(3);
  auto& w = m.env.world();
  std::string name;
  int64_t thread = 0;
  {
    auto q = w.query("SELECT p.name, e.thread_id FROM mail_messages e JOIN mail_attachments a ON "
                     "a.message_id = e.id JOIN people p ON p.id = e.sender_id WHERE e.folder = "
                     "'inbox' AND p.id <> 1 ORDER BY e.received_ms DESC LIMIT 1");
    ASSERT_TRUE(q.step());
    name = q.text(0), thread = q.i64(1);
  }
  ASSERT_NE(name.find(' '), std::string::npos);
  m.click(mk::full(mk::key::search_options));
  EXPECT_TRUE(shown(m, mk::full(mk::key::search_form)));
  EXPECT_EQ(w.ui_get(apps::ui::kFocus), mk::full(mk::key::adv_from));
  ASSERT_TRUE(m.env.apply(sim::Action::type(name)));
  m.click(mk::full(mk::key::adv_attachment));
  EXPECT_TRUE(node(m, mk::full(mk::key::adv_attachment))->checked);
  m.click(mk::full(mk::key::adv_search));
  const std::string query = "from:\"" + name + "\" has:attachment";
  EXPECT_EQ(w.ui_get(mk::ui::query), query);
  EXPECT_FALSE(node(m, mk::full(mk::key::search_form)));
  const auto listed = m.rows();
  EXPECT_NE(std::find(listed.begin(), listed.end(), thread), listed.end());
  const int64_t matching = [&] {  // conversations with an email from them with a file
    auto q = w.query("SELECT count(DISTINCT e.thread_id) FROM mail_messages e JOIN people c ON "
                     "c.id = e.sender_id WHERE e.folder NOT IN ('spam', 'trash') AND c.name LIKE "
                     "'%' || ? || '%' AND EXISTS (SELECT 1 FROM mail_attachments a WHERE "
                     "a.message_id = e.id)", name);
    return q.step() ? q.i64(0) : -1;
  }();
  EXPECT_EQ(int64_t(listed.size()), std::min<int64_t>(mk::kPageSize, matching));
  m.search(query);
  EXPECT_EQ(m.rows(), listed);
  // Open again: the fields kept; Clear filter empties them.
  m.click(mk::full(mk::key::search_options));
  EXPECT_EQ(field(w, mk::key::adv_from), name);
  m.click(mk::full(mk::key::adv_clear));
  EXPECT_EQ(field(w, mk::key::adv_from), "");
  EXPECT_EQ(w.ui_int(mk::ui::adv_attachment), 0);
  EXPECT_FALSE(node(m, mk::full(mk::key::adv_attachment))->checked);
}

// An email's file chip opens the preview of that file; Close closes it.
TEST(MailThreads, AnAttachmentChipOpensItsPreview) {
  Mail m(5);
  int64_t email = 0, thread = 0, file = 0;
  std::string name;
  {
    auto q = m.env.world().query(
        "SELECT e.id, e.thread_id, (SELECT min(file_id) FROM mail_attachments WHERE message_id = "
        "e.id) FROM mail_messages e WHERE e.folder = 'inbox' AND EXISTS (SELECT 1 FROM "
        "mail_attachments a WHERE a.message_id = e.id) ORDER BY e.received_ms DESC LIMIT 1");
    ASSERT_TRUE(q.step());
    email = q.i64(0), thread = q.i64(1), file = q.i64(2);
    auto f = m.env.world().query("SELECT name FROM files WHERE id = ?", file);
    ASSERT_TRUE(f.step());
    name = f.text(0);
  }
  ASSERT_TRUE(m.env.reset({.task = "", .seed = 5, .app = "mail",
                           .route = "#inbox/" + std::to_string(thread)}));
  auto& w = m.env.world();
  const std::string chip = mk::full("file:" + std::to_string(email) + ":0");
  if (!node(m, chip)) {
    if (shown(m, mk::full(mk::key::show_older))) m.click(mk::full(mk::key::show_older));
    m.click(mk::full(mk::key::expand(email)));
  }
  m.reveal(chip);
  m.click(chip);
  EXPECT_EQ(w.ui_get(apps::ui::kOverlay), mk::full(mk::key::preview));
  EXPECT_EQ(w.ui_int(mk::ui::preview), file);
  const auto dialog = node(m, mk::full(mk::key::preview));
  ASSERT_TRUE(dialog);
  EXPECT_EQ(dialog->name, name);
  m.click(mk::full("preview_close"));
  EXPECT_EQ(w.ui_get(apps::ui::kOverlay), "");
  EXPECT_FALSE(node(m, mk::full(mk::key::preview)));
}

// Settings' density: Compact, saved, makes the list's rows 8 px shorter.
TEST(MailSettings, DensityChangesTheRowHeight) {
  Mail m(2);
  auto& w = m.env.world();
  const int64_t t = m.rows().front();
  const auto before = node(m, mk::full(mk::key::row(t)));
  ASSERT_TRUE(before);
  m.click(mk::full(mk::key::open_settings));
  EXPECT_TRUE(node(m, mk::full(mk::key::density("default")))->checked);
  m.click(mk::full(mk::key::density("compact")));
  EXPECT_TRUE(node(m, mk::full(mk::key::density("compact")))->checked);
  EXPECT_EQ(m.count("SELECT count(*) FROM mail_settings WHERE key = 'density'"), 0);  // not yet
  m.click(mk::full(mk::key::save_settings));
  {
    auto q = w.query("SELECT value FROM mail_settings WHERE key = 'density'");
    ASSERT_TRUE(q.step());
    EXPECT_EQ(q.text(0), "compact");
  }
  m.click(mk::full(mk::key::folder("inbox")));
  const auto after = node(m, mk::full(mk::key::row(t)));
  ASSERT_TRUE(after);
  EXPECT_EQ(after->box.h, before->box.h - 8);
}
