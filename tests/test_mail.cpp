// Mail driven by raw mouse and keyboard: organising (archive, delete, delete forever, spam and
// not spam, back to the inbox), search operators, and the content's coherence.
#include <gtest/gtest.h>

#include <string>

#include "apps.h"
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
  const int64_t from = w.scalar(("SELECT count(*) FROM mail_messages e JOIN people p ON p.id = "
                                 "e.sender_id WHERE e.folder NOT IN ('spam','trash') AND p.email "
                                 "= '" + email + "'").c_str());
  EXPECT_EQ(int64_t(m.rows().size()), from);
  m.search("from:" + email + " is:unread");
  const int64_t unread = w.scalar(("SELECT count(*) FROM mail_messages e JOIN people p ON p.id = "
                                   "e.sender_id WHERE e.folder NOT IN ('spam','trash') AND "
                                   "e.unread = 1 AND p.email = '" + email + "'").c_str());
  EXPECT_EQ(int64_t(m.rows().size()), unread);
  m.search("subject:invoice in:inbox");
  EXPECT_EQ(int64_t(m.rows().size()),
            m.count("SELECT count(*) FROM mail_messages WHERE folder = 'inbox' AND subject LIKE "
                    "'%invoice%'"));
  m.search("in:trash");
  EXPECT_EQ(int64_t(m.rows().size()), m.count("SELECT count(*) FROM mail_messages WHERE folder = 'trash'"));
  m.search("x' OR 1=1 --");  // a value, never SQL
  EXPECT_EQ(m.env.obs().error, "");
  EXPECT_TRUE(m.rows().empty());
}

TEST(MailContent, SubjectsBodiesAndSendersAgree) {
 for (uint64_t seed : {1, 2, 3, 11, 20}) {
  Mail m(seed);
  auto& w = m.env.world();
  // An invoice's number appears in its body; a coworker's email is signed with their name;
  // everything the user sent has another recipient.
  int invoices = 0;
  for (auto q = w.query("SELECT e.subject, e.body, p.first FROM mail_messages e JOIN people p ON "
                        "p.id = e.sender_id");
       q.step();) {
    const std::string subject(q.text(0)), body(q.text(1)), first(q.text(2));
    const size_t hash = subject.find('#');
    if (hash != std::string::npos) {
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
  auto star = [&] {
    auto q = w.query("SELECT starred FROM mail_messages WHERE id = ?", inbox[0]);
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
  key("r");
  EXPECT_EQ(w.ui_get(mk::ui::compose), "reply:" + std::to_string(inbox[2]));
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
