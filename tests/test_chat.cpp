// Chat driven by raw mouse and keyboard: the sidebar and unread counts, the composer (Enter
// sends, Shift+Enter is a new line), reactions, threads, coworkers who answer DMs and
// @mentions from their knowledge cards after virtual time, determinism, scrolling, routes.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "apps.h"
#include "chat/chat.h"
#include "chat/keys.h"
#include "money.h"
#include "world/coworkers.h"
#include "world/world.h"
#include "dom.h"
#include "calendar.h"
#include "sim.h"
#include "state.h"

using namespace facsim;
namespace ck = apps::chat;

namespace {

// A knowledge card (apps/world/coworkers.h) and the person who holds it.
struct Card {
  int64_t id = 0, person = 0;
  std::string topic, subject, keyword, value, first;
};

// One message row, all of it: a transcript compares these.
using Row = std::tuple<int64_t, int64_t, int64_t, std::string, int64_t, int64_t>;

struct Chat {
  sim::Env env;
  // quiet: the workspace's own scheduled posts (a deploy, a reminder, the manager's question)
  // are dropped, so a test sees only what it causes.
  explicit Chat(uint64_t seed = 7, std::string route = {}, bool quiet = true) {
    EXPECT_TRUE(env.reset({.task = "", .seed = seed, .app = "chat", .route = std::move(route)}));
    if (quiet) env.world().query("DELETE FROM chat_pending").run();
  }
  state::World& w() { return env.world(); }
  void click(const std::string& key) {
    int x, y;
    ASSERT_TRUE(env.element_center(key, x, y)) << key << "\n" << env.a11y_text();
    ASSERT_TRUE(env.apply(sim::Action::click(x, y))) << key << ": " << env.obs().error;
    ASSERT_EQ(env.obs().error, "") << key;
  }
  void type(const std::string& text) {
    ASSERT_TRUE(env.apply(sim::Action::type(text))) << env.obs().error;
  }
  void key(const std::string& k) { ASSERT_TRUE(env.apply(sim::Action::key(k))) << env.obs().error; }
  // Click the composer, type, press Enter.
  void post(const std::string& text) {
    click(ck::full(ck::key::composer));
    type(text);
    key("Enter");
  }
  std::optional<dom::A11yNode> node(const std::string& key) {
    for (const dom::A11yNode& n : env.a11y())
      if (n.key == key) return n;
    return std::nullopt;
  }
  int64_t count(const std::string& sql) { return w().scalar(sql); }
  int64_t open_channel() { return w().ui_int(ck::ui::channel); }
  int64_t channel_id(const std::string& name) {
    return w().scalar("SELECT id FROM chat_channels WHERE name = '" + name + "'");
  }
  int64_t dm_of(int64_t person) {
    return w().scalar("SELECT id FROM chat_channels WHERE kind = 'dm' AND dm_person_id = " +
                      std::to_string(person));
  }
  int64_t last_id() { return w().scalar("SELECT max(id) FROM chat_messages"); }
  std::string text(const std::string& sql) {
    auto q = w().query(sql);
    return q.step() ? std::string(q.text(0)) : std::string();
  }
  std::string toast() { return w().ui_get(apps::ui::kToast); }
  // The a11y name of message `id`'s body (its text node, "... (edited)" once edited).
  std::optional<std::string> body_text(int64_t id) {
    const std::string prefix = ck::full(ck::key::msg(id)) + "/";
    for (const dom::A11yNode& n : env.a11y())
      if (n.role == dom::Role::text && n.id.rfind(prefix, 0) == 0) return n.name;
    return std::nullopt;
  }
  // The header's channel title, then item `i` of its menu.
  void channel_menu(ck::key::MenuItem i) {
    click(ck::full(ck::key::channel_title));
    click(ck::full(ck::key::menu_item(i)));
  }
  // The sidebar's "+": the Create a channel dialog, the name typed (the field has the focus),
  // the private box ticked if asked, Create.
  void create_channel(const std::string& name, bool make_private) {
    click(ck::full(ck::key::new_channel));
    type(name);
    if (make_private) click(ck::full(ck::key::channel_private));
    click(ck::full(ck::key::create_channel));
  }
  // Unread: top-level messages from others after the user's last read.
  int64_t unread(int64_t channel) {
    return w().scalar("SELECT count(*) FROM chat_messages m WHERE m.channel_id = " +
                      std::to_string(channel) +
                      " AND m.thread_id = 0 AND m.sender_id <> 1 AND m.ts_ms > ifnull((SELECT "
                      "last_read_ms FROM chat_reads r WHERE r.channel_id = m.channel_id), 0)");
  }
  // Lets virtual time pass, 5 s at a time, until no reply is on its way (at most 95 s).
  void wait_for_answers() {
    for (int i = 0; i < 19 && count("SELECT count(*) FROM chat_pending") > 0; ++i)
      ASSERT_TRUE(env.apply(sim::Action::wait(5000))) << env.obs().error;
  }
  // The newest message by `person` in `channel` posted after message `after`.
  std::optional<std::tuple<int64_t, std::string, int64_t>> answer(int64_t person, int64_t channel,
                                                                  int64_t after) {
    auto q = w().query("SELECT id, body, thread_id FROM chat_messages WHERE sender_id = ? AND "
                       "channel_id = ? AND id > ? ORDER BY id DESC LIMIT 1",
                       person, channel, after);
    if (!q.step()) return std::nullopt;
    return std::tuple{q.i64(0), std::string(q.text(1)), q.i64(2)};
  }
  std::vector<Row> transcript() {
    std::vector<Row> out;
    for (auto q = w().query("SELECT id, channel_id, sender_id, body, ts_ms, thread_id FROM "
                            "chat_messages ORDER BY id");
         q.step();)
      out.emplace_back(q.i64(0), q.i64(1), q.i64(2), std::string(q.text(3)), q.i64(4), q.i64(5));
    return out;
  }
  // The first card (by id) matching `where` (columns of knowledge k, chat_channels c).
  Card card(const std::string& join, const std::string& where) {
    Card c;
    auto q = w().query("SELECT k.id, k.person_id, k.topic, k.subject, k.keywords, k.value, "
                       "p.first FROM knowledge k JOIN people p ON p.id = k.person_id " + join +
                       " WHERE " + where + " ORDER BY k.id LIMIT 1");
    if (!q.step()) return c;
    c = {q.i64(0), q.i64(1), std::string(q.text(2)), std::string(q.text(3)), "",
         std::string(q.text(5)), std::string(q.text(6))};
    const std::string kw(q.text(4));
    c.keyword = kw.substr(0, kw.find(' '));  // "budget", "launch", "owner"
    return c;
  }
};

// The question that asks for a card: one of its topic's keywords and its subject.
std::string question(const Card& c) { return "Quick one: what's the " + c.keyword + " for " + c.subject + "?"; }

}  // namespace

// The sidebar lists the user's channels then DMs; an unread count is in the row's name and
// opening the channel clears it (chat_reads moves to now).
TEST(ChatSidebar, ChannelsThenDmsAndUnreadCountsClearOnOpen) {
  Chat c;
  auto& w = c.w();
  std::vector<int64_t> want;
  for (auto q = w.query("SELECT c.id FROM chat_channels c JOIN chat_members m ON m.channel_id = "
                        "c.id AND m.person_id = 1 WHERE c.kind <> 'dm' ORDER BY c.name");
       q.step();)
    want.push_back(q.i64(0));
  const size_t n_channels = want.size();
  for (auto q = w.query("SELECT c.id FROM chat_channels c JOIN chat_members m ON m.channel_id = "
                        "c.id AND m.person_id = 1 JOIN people p ON p.id = c.dm_person_id WHERE "
                        "c.kind = 'dm' ORDER BY p.name");
       q.step();)
    want.push_back(q.i64(0));
  ASSERT_GE(n_channels, 5u);
  ASSERT_GT(want.size(), n_channels);
  std::vector<int64_t> shown;
  const std::string prefix = ck::full("channel:");
  for (const dom::A11yNode& n : c.env.a11y())
    if (n.key.rfind(prefix, 0) == 0) shown.push_back(std::atoll(n.key.c_str() + prefix.size()));
  EXPECT_EQ(shown, want);
  // Labels: "# name" for channels, the person's name for DMs.
  for (size_t i = 0; i < want.size(); ++i) {
    auto n = c.node(ck::full(ck::key::channel(want[i])));
    ASSERT_TRUE(n);
    std::string expect;
    {
      auto q = w.query("SELECT CASE WHEN c.kind = 'dm' THEN p.name ELSE '# ' || c.name END FROM "
                       "chat_channels c LEFT JOIN people p ON p.id = c.dm_person_id WHERE c.id = ?",
                       want[i]);
      ASSERT_TRUE(q.step());
      expect = q.text(0);
    }
    EXPECT_EQ(n->name.rfind(expect, 0), 0u) << n->name << " vs " << expect;
    const int64_t u = c.unread(want[i]);
    const int64_t m = w.scalar("SELECT count(*) FROM chat_messages x JOIN people u ON u.id = 1 WHERE x.channel_id = " +
                               std::to_string(want[i]) + " AND x.sender_id <> 1 AND x.ts_ms > ifnull((SELECT "
                               "last_read_ms FROM chat_reads r WHERE r.channel_id = x.channel_id), 0) AND "
                               "(SELECT count(*) FROM chat_messages m WHERE m.id = x.id AND " + std::string(ck::kMentionsUser) + ") > 0");
    const std::string mentions = m ? ", " + std::to_string(m) + (m == 1 ? " mention" : " mentions") : "";
    if (u > 0) EXPECT_EQ(n->name, expect + ", " + std::to_string(u) + " unread" + mentions);
    else EXPECT_EQ(n->name, expect + mentions);
  }
  // A channel with unread messages, other than the one shown first.
  int64_t target = 0, before = 0;
  for (size_t i = 1; i < want.size() && !target; ++i)
    if (c.unread(want[i]) > 0) target = want[i], before = c.unread(want[i]);
  ASSERT_GT(target, 0) << "seed 7 has no unread channel past the first";
  c.click(ck::full(ck::key::channel(target)));
  EXPECT_EQ(c.open_channel(), target);
  EXPECT_EQ(c.unread(target), 0) << "was " << before;
  EXPECT_GE(w.scalar("SELECT last_read_ms FROM chat_reads WHERE channel_id = " + std::to_string(target)),
            w.scalar("SELECT max(ts_ms) FROM chat_messages WHERE channel_id = " + std::to_string(target)));
  auto n = c.node(ck::full(ck::key::channel(target)));
  ASSERT_TRUE(n);
  EXPECT_EQ(n->name.find("unread"), std::string::npos) << n->name;
  EXPECT_TRUE(n->selected);
  // The header names it.
  EXPECT_NE(c.env.a11y_text().find("Messages in "), std::string::npos);
}

// Enter sends the composer's text (and empties it); Shift+Enter is a new line and Send sends
// it; an empty composer sends nothing.
TEST(ChatCompose, EnterSendsShiftEnterIsANewLineEmptySendsNothing) {
  Chat c;
  const int64_t general = c.channel_id("general");
  c.click(ck::full(ck::key::channel(general)));
  ASSERT_EQ(c.open_channel(), general);
  const int64_t before = c.count("SELECT count(*) FROM chat_messages");
  c.post("Hello team");
  ASSERT_EQ(c.count("SELECT count(*) FROM chat_messages"), before + 1);
  EXPECT_EQ(c.text("SELECT channel_id || '|' || sender_id || '|' || thread_id || '|' || body FROM chat_messages "
                   "ORDER BY id DESC LIMIT 1"),
            std::to_string(general) + "|1|0|Hello team");
  auto f = c.node(ck::full(ck::key::composer));
  ASSERT_TRUE(f);
  EXPECT_EQ(f->value, "");
  // The message is in the list.
  EXPECT_TRUE(c.node(ck::full(ck::key::msg(c.last_id()))));
  // Two lines: Shift+Enter, then the Send button.
  c.click(ck::full(ck::key::composer));
  c.type("line one");
  c.key("Shift+Enter");
  c.type("line two");
  EXPECT_EQ(c.count("SELECT count(*) FROM chat_messages"), before + 1);  // not sent yet
  f = c.node(ck::full(ck::key::composer));
  ASSERT_TRUE(f);
  EXPECT_EQ(f->value, "line one\nline two");
  c.click(ck::full(ck::key::send));
  ASSERT_EQ(c.count("SELECT count(*) FROM chat_messages"), before + 2);
  EXPECT_EQ(c.text("SELECT channel_id || '|' || sender_id || '|' || thread_id || '|' || body FROM chat_messages "
                   "ORDER BY id DESC LIMIT 1"),
            std::to_string(general) + "|1|0|line one\nline two");
  // Empty: Enter and Send do nothing (and are no error).
  c.click(ck::full(ck::key::composer));
  c.key("Enter");
  EXPECT_EQ(c.env.obs().error, "");
  c.click(ck::full(ck::key::send));
  c.type("   ");
  c.key("Enter");
  EXPECT_EQ(c.count("SELECT count(*) FROM chat_messages"), before + 2);
  EXPECT_EQ(c.count("SELECT count(*) FROM chat_pending"), 0);  // nobody was asked anything
}

// React opens the emoji menu and an item adds the user's reaction; clicking its chip takes
// it back.
TEST(ChatReactions, MenuAddsChipTogglesOff) {
  Chat c;
  const int64_t general = c.channel_id("general");
  c.click(ck::full(ck::key::channel(general)));
  const int64_t id = c.w().scalar("SELECT id FROM chat_messages WHERE channel_id = " +
                                  std::to_string(general) +
                                  " AND thread_id = 0 ORDER BY ts_ms DESC, id DESC LIMIT 1");
  ASSERT_GT(id, 0);
  const std::string mine = "SELECT count(*) FROM chat_reactions WHERE message_id = " +
                           std::to_string(id) + " AND person_id = 1 AND emoji = 'eyes'";
  ASSERT_EQ(c.count(mine), 0);
  c.click(ck::full(ck::key::react(id)));
  EXPECT_EQ(c.w().ui_int(ck::ui::react_to), id);
  // The picker: every baked emoji, a search that narrows them (the field has the focus).
  ASSERT_TRUE(c.node(ck::full(ck::key::react_menu))) << c.env.a11y_text();
  ASSERT_TRUE(c.node(ck::full(ck::key::emoji("+1"))));
  c.type("ey");
  EXPECT_FALSE(c.node(ck::full(ck::key::emoji("+1"))));
  auto item = c.node(ck::full(ck::key::emoji("eyes")));
  ASSERT_TRUE(item) << c.env.a11y_text();
  EXPECT_EQ(item->name, ":eyes:");
  c.click(ck::full(ck::key::emoji("eyes")));
  EXPECT_EQ(c.count(mine), 1);
  EXPECT_FALSE(c.node(ck::full(ck::key::react_menu)));  // the picker closed
  // Enter in the search reacts with the first match; an emoji outside the six works too.
  c.click(ck::full(ck::key::react(id)));
  c.type("rocket\n");
  EXPECT_EQ(c.count("SELECT count(*) FROM chat_reactions WHERE message_id = " + std::to_string(id) +
                    " AND person_id = 1 AND emoji = 'rocket'"), 1);
  auto rocket = c.node(ck::full(ck::key::reaction(id, "rocket")));
  ASSERT_TRUE(rocket);
  EXPECT_EQ(rocket->name, ":rocket: 1");
  c.click(ck::full(ck::key::reaction(id, "rocket")));
  c.click(ck::full(ck::key::react(id)));
  c.type("no-such-emoji");
  EXPECT_NE(c.env.a11y_text().find("No emoji match."), std::string::npos);
  c.key("Escape");
  auto chip = c.node(ck::full(ck::key::reaction(id, "eyes")));
  ASSERT_TRUE(chip);
  EXPECT_TRUE(chip->selected);
  EXPECT_EQ(chip->name, ":eyes: " + std::to_string(c.count(
      "SELECT count(*) FROM chat_reactions WHERE message_id = " + std::to_string(id) + " AND emoji = 'eyes'")));
  c.click(ck::full(ck::key::reaction(id, "eyes")));
  EXPECT_EQ(c.count(mine), 0);
  // Others' reactions are untouched: the chip stays only if someone else had it.
  const int64_t others = c.count("SELECT count(*) FROM chat_reactions WHERE message_id = " +
                                 std::to_string(id) + " AND emoji = 'eyes'");
  EXPECT_EQ(bool(c.node(ck::full(ck::key::reaction(id, "eyes")))), others > 0);
}

// Reply opens the thread panel on the message; its composer posts a reply under the root,
// whose "N replies" link counts it; close_thread closes the panel.
TEST(ChatThreads, ReplyInThreadCountsAndCloses) {
  Chat c;
  const int64_t general = c.channel_id("general");
  c.click(ck::full(ck::key::channel(general)));
  const int64_t root = c.w().scalar("SELECT id FROM chat_messages WHERE channel_id = " +
                                    std::to_string(general) +
                                    " AND thread_id = 0 ORDER BY ts_ms DESC, id DESC LIMIT 1");
  ASSERT_GT(root, 0);
  const std::string replies = "SELECT count(*) FROM chat_messages WHERE thread_id = " + std::to_string(root);
  const int64_t had = c.count(replies);
  c.click(ck::full(ck::key::reply(root)));
  EXPECT_EQ(c.w().ui_int(ck::ui::thread), root);
  ASSERT_TRUE(c.node(ck::full(ck::key::thread_panel)));
  EXPECT_TRUE(c.node(ck::full("tmsg:" + std::to_string(root))));  // the root, in the panel
  // The thread composer has the focus: typing goes there.
  c.type("Thanks, on it");
  auto tf = c.node(ck::full(ck::key::thread_composer));
  ASSERT_TRUE(tf);
  EXPECT_EQ(tf->value, "Thanks, on it");
  c.key("Enter");
  ASSERT_EQ(c.count(replies), had + 1);
  {
    auto q = c.w().query("SELECT channel_id, sender_id, thread_id, body FROM chat_messages ORDER BY id DESC LIMIT 1");
    ASSERT_TRUE(q.step());
    EXPECT_EQ(q.i64(0), general);
    EXPECT_EQ(q.i64(1), 1);
    EXPECT_EQ(q.i64(2), root);
    EXPECT_EQ(q.text(3), "Thanks, on it");
  }
  EXPECT_TRUE(c.node(ck::full("tmsg:" + std::to_string(c.last_id()))));
  EXPECT_FALSE(c.node(ck::full(ck::key::msg(c.last_id()))));  // not in the channel's list
  auto link = c.node(ck::full(ck::key::replies(root)));
  ASSERT_TRUE(link);
  EXPECT_EQ(link->name, std::to_string(had + 1) + (had + 1 == 1 ? " reply" : " replies"));
  c.click(ck::full(ck::key::close_thread));
  EXPECT_EQ(c.w().ui_int(ck::ui::thread), 0);
  EXPECT_FALSE(c.node(ck::full(ck::key::thread_panel)));
  // The link opens it again.
  c.click(ck::full(ck::key::replies(root)));
  EXPECT_EQ(c.w().ui_int(ck::ui::thread), root);
  EXPECT_TRUE(c.node(ck::full(ck::key::thread_panel)));
}

// Asked in a DM for a card's topic and subject, the coworker answers with its value after
// 20-90 virtual seconds (pending until then); only the topic gets a clarifying question.
TEST(ChatCoworkers, DmQuestionIsAnsweredLaterWithTheCardsValue) {
 for (uint64_t seed : {7, 1, 2, 3, 4}) {
  SCOPED_TRACE("seed " + std::to_string(seed));
  Chat c(seed);
  const Card k = c.card("JOIN chat_channels c ON c.kind = 'dm' AND c.dm_person_id = k.person_id", "1");
  ASSERT_GT(k.id, 0) << "no DM partner holds a card";
  const int64_t dm = c.dm_of(k.person);
  c.click(ck::full(ck::key::channel(dm)));
  ASSERT_EQ(c.open_channel(), dm);
  const int64_t t0 = c.w().now_ms();
  c.post(question(k));
  const int64_t asked = c.last_id();
  {
    auto q = c.w().query("SELECT channel_id, sender_id, body FROM chat_messages WHERE id = ?", asked);
    ASSERT_TRUE(q.step());
    EXPECT_EQ(q.i64(0), dm);
    EXPECT_EQ(q.i64(1), 1);
    EXPECT_EQ(q.text(2), question(k));
  }
  // Nothing yet: the answer is on its way.
  EXPECT_FALSE(c.answer(k.person, dm, asked));
  EXPECT_EQ(c.count("SELECT count(*) FROM chat_pending WHERE person_id = " + std::to_string(k.person) +
                    " AND channel_id = " + std::to_string(dm)), 1);
  c.wait_for_answers();
  EXPECT_EQ(c.count("SELECT count(*) FROM chat_pending"), 0);
  auto a = c.answer(k.person, dm, asked);
  ASSERT_TRUE(a) << "no answer from " << k.first;
  EXPECT_NE(std::get<1>(*a).find(k.value), std::string::npos) << std::get<1>(*a) << " vs " << k.value;
  EXPECT_EQ(std::get<2>(*a), 0);  // in the conversation, not a thread
  const int64_t ts = c.w().scalar("SELECT ts_ms FROM chat_messages WHERE id = " + std::to_string(std::get<0>(*a)));
  EXPECT_GE(ts - t0, 20000);
  EXPECT_LE(ts - t0, 95000);
  // The conversation is open: the answer is read as it lands, and shown.
  EXPECT_EQ(c.unread(dm), 0);
  EXPECT_TRUE(c.node(ck::full(ck::key::msg(std::get<0>(*a)))));
  // Only the topic: a clarifying question, without the value. It lands while another
  // channel is open: the DM's row counts it as unread.
  c.post("Quick one: what's the " + k.keyword + "?");
  const int64_t asked2 = c.last_id();
  EXPECT_EQ(c.count("SELECT count(*) FROM chat_pending"), 1);
  c.click(ck::full(ck::key::channel(c.channel_id("general"))));
  c.wait_for_answers();
  auto b = c.answer(k.person, dm, asked2);
  ASSERT_TRUE(b);
  EXPECT_EQ(c.unread(dm), 1);
  auto row = c.node(ck::full(ck::key::channel(dm)));
  ASSERT_TRUE(row);
  EXPECT_EQ(row->name.size() >= 10 ? row->name.substr(row->name.size() - 10) : row->name, ", 1 unread");
  EXPECT_EQ(std::get<1>(*b).find(k.value), std::string::npos) << std::get<1>(*b);
  EXPECT_NE(std::get<1>(*b).find('?'), std::string::npos) << std::get<1>(*b);
 }
}

// @First in a channel: that member answers in a thread under the posted message.
TEST(ChatCoworkers, MentionInAChannelIsAnsweredInTheThread) {
 for (uint64_t seed : {7, 1, 2, 3, 4}) {
  SCOPED_TRACE("seed " + std::to_string(seed));
  Chat c(seed);
  const int64_t general = c.channel_id("general");
  c.click(ck::full(ck::key::channel(general)));
  // A member with a card whose first name no other member's first or full name starts
  // (so the mention is theirs alone).
  std::vector<std::tuple<int64_t, std::string, std::string>> members;
  for (auto q = c.w().query("SELECT p.id, lower(p.first), lower(p.name) FROM chat_members m JOIN people p ON p.id = "
                            "m.person_id WHERE m.channel_id = ? AND p.id <> 1 ORDER BY p.id", general);
       q.step();)
    members.emplace_back(q.i64(0), std::string(q.text(1)), std::string(q.text(2)));
  Card k;
  for (const auto& [id, first, name] : members) {
    bool alone = true;
    for (const auto& [id2, first2, name2] : members)
      if (id2 != id && (first.rfind(first2, 0) == 0 || first.rfind(name2, 0) == 0)) alone = false;
    if (!alone) continue;
    k = c.card("", "k.person_id = " + std::to_string(id));
    if (k.id) break;
  }
  ASSERT_GT(k.id, 0);
  c.post("@" + k.first + " " + question(k));
  const int64_t posted = c.last_id();
  {
    auto q = c.w().query("SELECT channel_id, sender_id, thread_id FROM chat_messages WHERE id = ?", posted);
    ASSERT_TRUE(q.step());
    EXPECT_EQ(q.i64(0), general);
    EXPECT_EQ(q.i64(1), 1);
    EXPECT_EQ(q.i64(2), 0);
  }
  EXPECT_EQ(c.count("SELECT count(*) FROM chat_pending WHERE person_id = " + std::to_string(k.person) +
                    " AND thread_id = " + std::to_string(posted)), 1);
  EXPECT_FALSE(c.answer(k.person, general, posted));
  c.wait_for_answers();
  EXPECT_EQ(c.count("SELECT count(*) FROM chat_pending"), 0);
  auto a = c.answer(k.person, general, posted);
  ASSERT_TRUE(a);
  EXPECT_EQ(std::get<2>(*a), posted);
  EXPECT_NE(std::get<1>(*a).find(k.value), std::string::npos) << std::get<1>(*a);
  // The posted message now shows "1 reply".
  auto link = c.node(ck::full(ck::key::replies(posted)));
  ASSERT_TRUE(link);
  EXPECT_EQ(link->name, "1 reply");
 }
}

// The same seed and actions give the same transcript (ids, bodies, times); another seed
// another world.
TEST(ChatDeterminism, SameSeedSameTranscriptOtherSeedOtherWording) {
  auto run = [](uint64_t seed) {
    Chat c(seed);
    const Card k = c.card("JOIN chat_channels c ON c.kind = 'dm' AND c.dm_person_id = k.person_id", "1");
    EXPECT_GT(k.id, 0);
    c.click(ck::full(ck::key::channel(c.dm_of(k.person))));
    c.post(question(k));
    c.post("Thanks!");
    c.wait_for_answers();
    EXPECT_EQ(c.count("SELECT count(*) FROM chat_pending"), 0);
    return c.transcript();
  };
  const auto a = run(11), b = run(11);
  ASSERT_FALSE(a.empty());
  EXPECT_EQ(a, b);
  // Both answers landed (the question's and the thanks').
  Chat fresh(11);
  EXPECT_EQ(a.size(), fresh.transcript().size() + 4);
  const auto other = run(12);
  auto bodies = [](const std::vector<Row>& rows) {
    std::vector<std::string> out;
    for (const Row& r : rows) out.push_back(std::get<3>(r));
    return out;
  };
  EXPECT_NE(bodies(a), bodies(other));
}

// The message list starts at its end; the wheel up shows older messages (the offset from the
// bottom grows), the wheel down comes back to the end.
TEST(ChatScroll, WheelUpShowsOlderWheelDownReturns) {
  Chat c;
  const int64_t general = c.channel_id("general");
  c.click(ck::full(ck::key::channel(general)));
  const std::string ui = "scroll:" + ck::full(ck::key::messages);
  EXPECT_EQ(c.w().ui_int(ui), 0);
  // At the end: the newest message shows, the oldest shown does not.
  const int64_t newest = c.w().scalar("SELECT id FROM chat_messages WHERE channel_id = " + std::to_string(general) +
                                      " AND thread_id = 0 ORDER BY ts_ms DESC, id DESC LIMIT 1");
  const int64_t oldest = c.w().scalar("SELECT id FROM (SELECT id, ts_ms FROM chat_messages WHERE channel_id = " +
                                      std::to_string(general) + " AND thread_id = 0 ORDER BY ts_ms DESC, id "
                                      "DESC LIMIT " + std::to_string(ck::kShown) + ") ORDER BY ts_ms, id LIMIT 1");
  int x, y;
  ASSERT_TRUE(c.env.element_center(ck::full(ck::key::msg(newest)), x, y));
  ASSERT_FALSE(c.env.element_center(ck::full(ck::key::msg(oldest)), x, y));
  ASSERT_TRUE(c.env.element_center(ck::full(ck::key::messages), x, y));
  ASSERT_TRUE(c.env.apply(sim::Action::scroll(x, y, -300)));
  const int64_t up = c.w().ui_int(ui);
  EXPECT_GT(up, 0);
  ASSERT_TRUE(c.env.apply(sim::Action::scroll(x, y, -300)));
  EXPECT_GT(c.w().ui_int(ui), up);
  // All the way up: the oldest shows.
  for (int i = 0; i < 40; ++i) ASSERT_TRUE(c.env.apply(sim::Action::scroll(x, y, -400)));
  int ox, oy;
  EXPECT_TRUE(c.env.element_center(ck::full(ck::key::msg(oldest)), ox, oy));
  // Down again: back to the end.
  const int64_t top = c.w().ui_int(ui);
  ASSERT_TRUE(c.env.apply(sim::Action::scroll(x, y, 300)));
  EXPECT_EQ(c.w().ui_int(ui), top - 300);
  for (int i = 0; i < 60 && c.w().ui_int(ui) > 0; ++i) ASSERT_TRUE(c.env.apply(sim::Action::scroll(x, y, 400)));
  EXPECT_EQ(c.w().ui_int(ui), 0);
  EXPECT_TRUE(c.env.element_center(ck::full(ck::key::msg(newest)), x, y));
}

// Routes: #<channel> and #dm/<person> open them (and /thread/<id> its thread); an unknown
// route is an error on reset.
TEST(ChatRoutes, ChannelDmThreadAndBadRoutes) {
  {
    Chat c(7, "#general");
    EXPECT_EQ(c.open_channel(), c.channel_id("general"));
    auto n = c.node(ck::full(ck::key::channel(c.channel_id("general"))));
    ASSERT_TRUE(n);
    EXPECT_TRUE(n->selected);
  }
  int64_t person = 0, dm = 0, root = 0;
  {
    Chat c;
    auto q = c.w().query("SELECT dm_person_id, id FROM chat_channels WHERE kind = 'dm' ORDER BY id DESC LIMIT 1");
    ASSERT_TRUE(q.step());
    person = q.i64(0), dm = q.i64(1);
    root = c.w().scalar("SELECT id FROM chat_messages WHERE channel_id = " + std::to_string(c.channel_id("general")) +
                        " AND thread_id = 0 ORDER BY id DESC LIMIT 1");
  }
  {
    Chat c(7, "#dm/" + std::to_string(person));
    EXPECT_EQ(c.open_channel(), dm);
  }
  {
    Chat c(7, "#general/thread/" + std::to_string(root));
    EXPECT_EQ(c.open_channel(), c.channel_id("general"));
    EXPECT_EQ(c.w().ui_int(ck::ui::thread), root);
    EXPECT_TRUE(c.node(ck::full(ck::key::thread_panel)));
  }
  for (const char* bad : {"#no-such-channel", "#dm/99999", "general", "#dm/x", "#general/thread/999999"}) {
    sim::Env env;
    EXPECT_FALSE(env.reset({.task = "", .seed = 7, .app = "chat", .route = bad})) << bad;
  }
}

// Edit on the user's own message: the body becomes a field; Control+a, new text and Enter
// save it in the same row (edited = 1, "(edited)" shown); an empty body is refused with a
// toast; Cancel keeps it. Others' messages have no Edit or Delete.
TEST(ChatEdit, OwnMessageEditsInPlaceCancelKeepsOthersHaveNoButtons) {
  Chat c(7, "#general");
  const int64_t general = c.channel_id("general");
  ASSERT_EQ(c.open_channel(), general);
  c.post("Meeting at 3");
  const int64_t id = c.last_id();
  const int64_t total = c.count("SELECT count(*) FROM chat_messages");
  const std::string row = "SELECT body || '|' || edited || '|' || channel_id || '|' || sender_id || "
                          "'|' || thread_id FROM chat_messages WHERE id = " + std::to_string(id);
  ASSERT_EQ(c.text(row), "Meeting at 3|0|" + std::to_string(general) + "|1|0");
  EXPECT_EQ(c.body_text(id), "Meeting at 3");
  c.click(ck::full(ck::key::edit(id)));
  EXPECT_EQ(c.w().ui_int(ck::ui::editing), id);
  auto f = c.node(ck::full(ck::key::edit_field));
  ASSERT_TRUE(f) << c.env.a11y_text();
  EXPECT_EQ(f->value, "Meeting at 3");
  EXPECT_TRUE(f->focused);
  c.key("Control+a");
  c.type("Meeting moved to 4");
  c.key("Enter");
  EXPECT_EQ(c.text(row), "Meeting moved to 4|1|" + std::to_string(general) + "|1|0");
  EXPECT_EQ(c.count("SELECT count(*) FROM chat_messages"), total);  // the same row, no new one
  EXPECT_EQ(c.w().ui_int(ck::ui::editing), 0);
  EXPECT_FALSE(c.node(ck::full(ck::key::edit_field)));
  EXPECT_EQ(c.body_text(id), "Meeting moved to 4 (edited)");
  // Empty: refused with a toast, the field stays open.
  c.click(ck::full(ck::key::edit(id)));
  c.key("Control+a");
  c.key("Backspace");
  c.key("Enter");
  EXPECT_EQ(c.toast(), "A message can't be empty: delete it instead.");
  EXPECT_EQ(c.text(row), "Meeting moved to 4|1|" + std::to_string(general) + "|1|0");
  EXPECT_EQ(c.w().ui_int(ck::ui::editing), id);
  // Cancel: unchanged.
  c.type("Something else");
  c.click(ck::full(ck::key::cancel_edit));
  EXPECT_EQ(c.w().ui_int(ck::ui::editing), 0);
  EXPECT_EQ(c.text(row), "Meeting moved to 4|1|" + std::to_string(general) + "|1|0");
  EXPECT_EQ(c.body_text(id), "Meeting moved to 4 (edited)");
  // A coworker's message: React and Reply, no Edit, no Delete.
  const int64_t theirs = c.w().scalar("SELECT id FROM chat_messages WHERE channel_id = " +
                                      std::to_string(general) + " AND thread_id = 0 AND sender_id "
                                      "<> 1 ORDER BY ts_ms DESC, id DESC LIMIT 1");
  ASSERT_GT(theirs, 0);
  ASSERT_TRUE(c.node(ck::full(ck::key::msg(theirs))));
  EXPECT_TRUE(c.node(ck::full(ck::key::react(theirs))));
  EXPECT_TRUE(c.node(ck::full(ck::key::reply(theirs))));
  EXPECT_FALSE(c.node(ck::full(ck::key::edit(theirs))));
  EXPECT_FALSE(c.node(ck::full(ck::key::del(theirs))));
  EXPECT_TRUE(c.node(ck::full(ck::key::edit(id))));
  EXPECT_TRUE(c.node(ck::full(ck::key::del(id))));
}

// Delete asks first: Cancel keeps the message, its thread reply and its reaction;
// confirm_delete removes all three (and closes its thread).
TEST(ChatDelete, ConfirmDeletesMessageRepliesAndReactionsCancelKeeps) {
  Chat c(7, "#general");
  c.post("Draft: please ignore");
  const int64_t id = c.last_id();
  c.click(ck::full(ck::key::reply(id)));
  c.type("A reply to it");
  c.key("Enter");
  const int64_t reply = c.last_id();
  ASSERT_NE(reply, id);
  c.click(ck::full(ck::key::react(id)));
  c.click(ck::full(ck::key::emoji("+1")));
  const std::string sid = std::to_string(id);
  const std::string msgs = "SELECT count(*) FROM chat_messages WHERE id = " + sid;
  const std::string replies = "SELECT count(*) FROM chat_messages WHERE thread_id = " + sid;
  const std::string reactions = "SELECT count(*) FROM chat_reactions WHERE message_id = " + sid +
                                " AND person_id = 1 AND emoji = '+1'";
  ASSERT_EQ(c.count(msgs), 1);
  ASSERT_EQ(c.count(replies), 1);
  ASSERT_EQ(c.count(reactions), 1);
  const int64_t total = c.count("SELECT count(*) FROM chat_messages");
  const int64_t all_reactions = c.count("SELECT count(*) FROM chat_reactions");
  // Cancel: all kept.
  c.click(ck::full(ck::key::del(id)));
  EXPECT_EQ(c.w().ui_int(ck::ui::deleting), id);
  ASSERT_TRUE(c.node(ck::full(ck::key::delete_dialog))) << c.env.a11y_text();
  c.click(ck::full("cancel_" + std::string(ck::key::confirm_delete)));
  EXPECT_FALSE(c.node(ck::full(ck::key::delete_dialog)));
  EXPECT_EQ(c.count(msgs), 1);
  EXPECT_EQ(c.count(replies), 1);
  EXPECT_EQ(c.count(reactions), 1);
  EXPECT_TRUE(c.node(ck::full(ck::key::msg(id))));
  // Confirm: the message, its reply and its reaction are gone; nothing else is.
  c.click(ck::full(ck::key::del(id)));
  c.click(ck::full(ck::key::confirm_delete));
  EXPECT_FALSE(c.node(ck::full(ck::key::delete_dialog)));
  EXPECT_EQ(c.count(msgs), 0);
  EXPECT_EQ(c.count(replies), 0);
  EXPECT_EQ(c.count("SELECT count(*) FROM chat_messages WHERE id = " + std::to_string(reply)), 0);
  EXPECT_EQ(c.count("SELECT count(*) FROM chat_reactions WHERE message_id = " + sid), 0);
  EXPECT_EQ(c.count("SELECT count(*) FROM chat_messages"), total - 2);
  EXPECT_EQ(c.count("SELECT count(*) FROM chat_reactions"), all_reactions - 1);
  EXPECT_FALSE(c.node(ck::full(ck::key::msg(id))));
  EXPECT_EQ(c.w().ui_int(ck::ui::thread), 0);
  EXPECT_FALSE(c.node(ck::full(ck::key::thread_panel)));
}

// Edit topic (the channel title's menu, item 0): the dialog starts from the topic; Save
// stores the new one in chat_channels and the header shows it.
TEST(ChatChannelMenu, EditTopicSavesAndTheHeaderShowsIt) {
  Chat c(7, "#general");
  const int64_t general = c.channel_id("general");
  const std::string topic = "SELECT topic FROM chat_channels WHERE id = " + std::to_string(general);
  const std::string old = c.text(topic);
  ASSERT_EQ(old, "Company-wide news and questions");
  c.click(ck::full(ck::key::channel_title));
  auto title = c.node(ck::full(ck::key::channel_title));
  ASSERT_TRUE(title);
  EXPECT_TRUE(title->expanded);
  auto item = c.node(ck::full(ck::key::menu_item(ck::key::kMenuTopic)));
  ASSERT_TRUE(item) << c.env.a11y_text();
  EXPECT_EQ(item->name, "Edit topic");
  c.click(ck::full(ck::key::menu_item(ck::key::kMenuTopic)));
  ASSERT_TRUE(c.node(ck::full(ck::key::topic_dialog))) << c.env.a11y_text();
  auto f = c.node(ck::full(ck::key::topic_field));
  ASSERT_TRUE(f);
  EXPECT_EQ(f->value, old);
  c.click(ck::full(ck::key::topic_field));
  c.key("Control+a");
  c.type("Q3 planning week: bring your numbers");
  c.click(ck::full(ck::key::save_topic));
  EXPECT_EQ(c.text(topic), "Q3 planning week: bring your numbers");
  EXPECT_FALSE(c.node(ck::full(ck::key::topic_dialog)));
  EXPECT_EQ(c.count("SELECT count(*) FROM chat_channels WHERE topic = 'Q3 planning week: bring "
                    "your numbers'"), 1);  // only this channel's
  auto head = c.node(ck::full(ck::key::header));
  ASSERT_TRUE(head);
  EXPECT_NE(head->name.find("Q3 planning week: bring your numbers"), std::string::npos) << head->name;
  EXPECT_EQ(head->name.find(old), std::string::npos) << head->name;
}

// Create a channel (the sidebar's +): the name is slugged, the box makes it private, the user
// is its member and it opens; the same name again (any case) toasts and creates nothing.
TEST(ChatNewChannel, CreatesPrivateSluggedChannelDuplicateCreatesNothing) {
  Chat c;
  const int64_t before = c.count("SELECT count(*) FROM chat_channels");
  c.click(ck::full(ck::key::new_channel));
  ASSERT_TRUE(c.node(ck::full(ck::key::channel_dialog))) << c.env.a11y_text();
  auto f = c.node(ck::full(ck::key::channel_name));
  ASSERT_TRUE(f);
  EXPECT_TRUE(f->focused);
  c.type("Budget Review");
  auto box = c.node(ck::full(ck::key::channel_private));
  ASSERT_TRUE(box);
  EXPECT_FALSE(box->checked);
  c.click(ck::full(ck::key::channel_private));
  box = c.node(ck::full(ck::key::channel_private));
  ASSERT_TRUE(box);
  EXPECT_TRUE(box->checked);
  c.click(ck::full(ck::key::create_channel));
  EXPECT_FALSE(c.node(ck::full(ck::key::channel_dialog)));
  ASSERT_EQ(c.count("SELECT count(*) FROM chat_channels"), before + 1);
  const int64_t id = c.channel_id("budget-review");
  ASSERT_GT(id, 0);
  EXPECT_EQ(c.text("SELECT name || '|' || kind || '|' || topic || '|' || archived || '|' || "
                   "ifnull(dm_person_id, 0) FROM chat_channels WHERE id = " + std::to_string(id)),
            "budget-review|private||0|0");
  EXPECT_EQ(c.count("SELECT count(*) FROM chat_members WHERE channel_id = " + std::to_string(id)), 1);
  EXPECT_EQ(c.count("SELECT count(*) FROM chat_members WHERE person_id = 1 AND channel_id = " +
                    std::to_string(id)), 1);
  EXPECT_EQ(c.open_channel(), id);
  auto row = c.node(ck::full(ck::key::channel(id)));
  ASSERT_TRUE(row);
  EXPECT_EQ(row->name, "# budget-review");
  EXPECT_TRUE(row->selected);
  // Again, in other words that slug the same: a toast, nothing created.
  c.create_channel("budget review", false);
  EXPECT_EQ(c.toast(), "#budget-review already exists.");
  EXPECT_EQ(c.count("SELECT count(*) FROM chat_channels WHERE name = 'budget-review'"), 1);
  EXPECT_EQ(c.count("SELECT count(*) FROM chat_channels"), before + 1);
  EXPECT_EQ(c.text("SELECT kind FROM chat_channels WHERE id = " + std::to_string(id)), "private");
}

// Add people (menu item 1): a suggestion clicked and Enter (the first suggestion) make chips;
// Add makes both members, and the header counts them.
TEST(ChatChannelMenu, AddPeopleByClickAndEnterAddsMembers) {
  Chat c;
  c.create_channel("Budget Review", true);
  const int64_t ch = c.channel_id("budget-review");
  ASSERT_GT(ch, 0);
  ASSERT_EQ(c.open_channel(), ch);
  // Two coworkers: one found by their last name, one by their first (each the only match).
  auto matches = [&](const std::string& typed) {
    return c.w().scalar("SELECT count(*) FROM people WHERE company_id = 1 AND id <> 1 AND (name "
                        "LIKE '" + typed + "%' OR name LIKE '% " + typed + "%')");
  };
  int64_t a = 0, b = 0;
  std::string a_last, b_first, a_name, b_name;
  for (auto q = c.w().query("SELECT id, first, last, name FROM people WHERE company_id = 1 AND id "
                            "<> 1 ORDER BY id");
       q.step();) {
    const std::string first(q.text(1)), last(q.text(2)), name(q.text(3));
    if (first.find('\'') != std::string::npos || last.find('\'') != std::string::npos) continue;
    if (!a && matches(last) == 1) a = q.i64(0), a_last = last, a_name = name;
    else if (!b && matches(first) == 1) b = q.i64(0), b_first = first, b_name = name;
  }
  ASSERT_GT(a, 0);
  ASSERT_GT(b, 0);
  c.channel_menu(ck::key::kMenuPeople);
  ASSERT_TRUE(c.node(ck::full(ck::key::people_dialog))) << c.env.a11y_text();
  auto f = c.node(ck::full(ck::key::people_field));
  ASSERT_TRUE(f);
  EXPECT_TRUE(f->focused);
  c.type(a_last);
  auto opt = c.node(ck::full(ck::key::person(a)));
  ASSERT_TRUE(opt) << c.env.a11y_text();
  EXPECT_EQ(opt->name, a_name);
  c.click(ck::full(ck::key::person(a)));
  auto chip = c.node(ck::full("chosen:" + std::to_string(a)));
  ASSERT_TRUE(chip) << c.env.a11y_text();
  EXPECT_EQ(chip->name, a_name);
  f = c.node(ck::full(ck::key::people_field));
  ASSERT_TRUE(f);
  EXPECT_EQ(f->value, "");
  EXPECT_TRUE(f->focused);
  EXPECT_EQ(c.w().ui_get(ck::ui::adding), std::to_string(a));
  // The second: typed, Enter picks the first suggestion.
  c.type(b_first);
  ASSERT_TRUE(c.node(ck::full(ck::key::person(b)))) << c.env.a11y_text();
  c.key("Enter");
  EXPECT_TRUE(c.node(ck::full("chosen:" + std::to_string(a))));
  chip = c.node(ck::full("chosen:" + std::to_string(b)));
  ASSERT_TRUE(chip) << c.env.a11y_text();
  EXPECT_EQ(chip->name, b_name);
  // Nobody is added until Add.
  const std::string members = "SELECT count(*) FROM chat_members WHERE channel_id = " + std::to_string(ch);
  EXPECT_EQ(c.count(members), 1);
  c.click(ck::full(ck::key::add_people));
  EXPECT_FALSE(c.node(ck::full(ck::key::people_dialog)));
  EXPECT_EQ(c.count(members), 3);
  for (int64_t p : {int64_t(1), a, b})
    EXPECT_EQ(c.count(members + " AND person_id = " + std::to_string(p)), 1) << p;
  EXPECT_EQ(c.w().ui_get(ck::ui::adding), "");
  auto head = c.node(ck::full(ck::key::header));
  ASSERT_TRUE(head);
  EXPECT_NE(head->name.find("3 members"), std::string::npos) << head->name;
}

// Leave channel (the menu's last item): the user's membership row goes, the channel leaves the
// sidebar and another conversation shows; the others stay members.
TEST(ChatChannelMenu, LeaveRemovesMembershipAndSidebarRow) {
  Chat c(7, "#random");
  const int64_t random = c.channel_id("random");
  ASSERT_EQ(c.open_channel(), random);
  ASSERT_TRUE(c.node(ck::full(ck::key::channel(random))));
  const std::string members = "SELECT count(*) FROM chat_members WHERE channel_id = " + std::to_string(random);
  const int64_t had = c.count(members);
  ASSERT_EQ(c.count(members + " AND person_id = 1"), 1);
  auto item = c.node(ck::full(ck::key::menu_item(ck::key::kMenuLeave)));
  EXPECT_FALSE(item);  // the menu is closed
  c.click(ck::full(ck::key::channel_title));
  item = c.node(ck::full(ck::key::menu_item(ck::key::kMenuLeave)));
  ASSERT_TRUE(item);
  EXPECT_EQ(item->name, "Leave channel");
  c.click(ck::full(ck::key::menu_item(ck::key::kMenuLeave)));
  EXPECT_EQ(c.count(members + " AND person_id = 1"), 0);
  EXPECT_EQ(c.count(members), had - 1);
  EXPECT_FALSE(c.node(ck::full(ck::key::channel(random))));
  EXPECT_NE(c.open_channel(), random);
  auto list = c.node(ck::full(ck::key::messages));
  ASSERT_TRUE(list);
  EXPECT_EQ(list->name.find("# random"), std::string::npos) << list->name;
  EXPECT_EQ(c.count("SELECT count(*) FROM chat_channels WHERE id = " + std::to_string(random)), 1);
}

// The workspace lives: its scheduled posts (a deploy, a reminder, the manager's question)
// arrive on the virtual clock with ids of their own (world::event_row_id), so a message the
// user writes first moves none of them: the verifier's diff keys rows by id.
TEST(ChatLiving, ScheduledPostsArriveWithIdsOfTheirOwn) {
  Chat acted(9, "#general", false), idle(9, "#general", false);
  ASSERT_GT(acted.count("SELECT count(*) FROM chat_pending"), 0);
  int x = 0, y = 0;
  ASSERT_TRUE(acted.env.element_center(ck::full(ck::key::composer), x, y));
  ASSERT_TRUE(acted.env.apply(sim::Action::click(x, y)));
  ASSERT_TRUE(acted.env.apply(sim::Action::type("First!\n")));
  for (Chat* c : {&acted, &idle})
    for (int i = 0; i < 3; ++i) ASSERT_TRUE(c->env.apply(sim::Action::wait(600000))) << c->env.obs().error;
  auto arrivals = [](Chat& c) {
    std::vector<std::pair<int64_t, std::string>> out;
    for (auto q = c.w().query("SELECT id, body FROM chat_messages WHERE id >= ? ORDER BY id",
                              apps::world::kEventRowIds);
         q.step();)
      out.emplace_back(q.i64(0), std::string(q.text(1)));
    return out;
  };
  const auto a = arrivals(acted), b = arrivals(idle);
  EXPECT_GE(a.size(), 2u);  // the deploy and the reminder at least (the DM needs a manager)
  EXPECT_EQ(a, b);
  EXPECT_EQ(acted.count("SELECT count(*) FROM chat_pending"), 0);
  // The user's message kept an ordinary id of its own.
  EXPECT_EQ(acted.count("SELECT count(*) FROM chat_messages WHERE body = 'First!' AND sender_id = 1"), 1);
}

// [SECTION] Pins, saved items, mark unread, copy link -------------------------------------------

// More on a message: Save (a saved label, Saved items lists it, a click there goes back to it),
// Pin (the header's "N pinned", the pinned panel, Unpin there), Mark unread, Copy link.
TEST(ChatMore, SavePinUnreadCopyLink) {
  Chat c(7, "#general");
  const int64_t general = c.channel_id("general");
  const int64_t id = c.w().scalar("SELECT id FROM chat_messages WHERE channel_id = " +
                                  std::to_string(general) +
                                  " AND thread_id = 0 AND sender_id <> 1 ORDER BY ts_ms DESC LIMIT 1 OFFSET 2");
  ASSERT_GT(id, 0);
  const std::string sid = std::to_string(id);
  auto more = [&](int item) {
    c.click(ck::full(ck::key::more(id)));
    c.click(ck::full(std::string(ck::key::more_menu) + "." + std::to_string(item)));
  };
  more(0);  // Save for later
  EXPECT_EQ(c.count("SELECT count(*) FROM chat_saved WHERE message_id = " + sid), 1);
  EXPECT_EQ(c.toast(), "Saved for later.");
  EXPECT_FALSE(c.node(ck::full(ck::key::more_menu)));
  more(1);  // Pin to channel
  EXPECT_EQ(c.count("SELECT count(*) FROM chat_pins WHERE person_id = 1 AND message_id = " + sid), 1);
  auto pins = c.node(ck::full(ck::key::pins));
  ASSERT_TRUE(pins);
  EXPECT_EQ(pins->name, "1 pinned");
  c.click(ck::full(ck::key::pins));
  ASSERT_TRUE(c.node(ck::full(ck::key::pinned(id)))) << c.env.a11y_text();
  c.click(ck::full(ck::key::unpin(id)));
  EXPECT_EQ(c.count("SELECT count(*) FROM chat_pins"), 1);  // #engineering's owners list stays
  EXPECT_FALSE(c.node(ck::full(ck::key::pins)));
  // Saved items: the message, and a click opens its conversation.
  c.click(ck::full(ck::key::channel(c.channel_id("random"))));
  c.click(ck::full(ck::key::saved_view));
  EXPECT_EQ(c.w().ui_get(ck::ui::main), "saved");
  ASSERT_TRUE(c.node(ck::full("saved:" + sid)));
  c.click(ck::full("saved:" + sid));
  EXPECT_EQ(c.open_channel(), general);
  EXPECT_EQ(c.w().ui_get(ck::ui::main), "");
  // Copy link puts an address on the clipboard that opens the message's conversation.
  more(3);
  const std::string link = c.w().ui_get(apps::ui::kClipboard);
  EXPECT_EQ(link, "https://chat.facsim.test/#m/" + sid);
  // Mark unread: the channel's read marker goes back to just before it.
  more(2);
  const int64_t ts = c.w().scalar("SELECT ts_ms FROM chat_messages WHERE id = " + sid);
  EXPECT_EQ(c.w().scalar("SELECT last_read_ms FROM chat_reads WHERE channel_id = " +
                         std::to_string(general)), ts - 1);
  c.click(ck::full(ck::key::channel(c.channel_id("random"))));
  auto row = c.node(ck::full(ck::key::channel(general)));
  ASSERT_TRUE(row);
  EXPECT_NE(row->name.find("unread"), std::string::npos) << row->name;
  // Save again: removed from saved items.
  c.click(ck::full(ck::key::channel(general)));
  more(0);
  EXPECT_EQ(c.count("SELECT count(*) FROM chat_saved"), 0);
  sim::Env other;
  ASSERT_TRUE(other.reset({.task = "", .seed = 7, .app = "chat", .route = "#m/" + sid}));
  EXPECT_EQ(other.world().ui_int(ck::ui::channel), general);
}

// [SECTION] Status, star, rename, archive ----------------------------------------------------------

// Set a status: an emoji, a text, "1 hour"; it shows in the sidebar and clears itself an hour
// later (virtual time); Clear status removes one at once.
TEST(ChatStatus, SetShowsAndClearsAfter) {
  Chat c(7, "#general");
  c.click(ck::full(ck::key::status));
  ASSERT_TRUE(c.node(ck::full(ck::key::status_dialog)));
  c.click(ck::full(ck::key::status_emoji("palm_tree")));
  c.click(ck::full(ck::key::status_text));
  c.type("Back on Monday");
  c.click(ck::full("clear_after:2"));  // 1 hour
  c.click(ck::full(ck::key::save_status));
  EXPECT_EQ(c.text("SELECT emoji || '|' || text FROM chat_status WHERE person_id = 1"),
            "palm_tree|Back on Monday");
  const int64_t clear = c.w().scalar("SELECT clear_ms FROM chat_status WHERE person_id = 1");
  EXPECT_EQ(clear - c.w().scalar("SELECT set_ms FROM chat_status WHERE person_id = 1"), 3600000);
  auto row = c.node(ck::full(ck::key::status));
  ASSERT_TRUE(row);
  EXPECT_EQ(row->name, "Your status: :palm_tree: Back on Monday");
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(c.env.apply(sim::Action::wait(600000))) << c.env.obs().error;
  EXPECT_EQ(c.count("SELECT count(*) FROM chat_status WHERE person_id = 1"), 1);
  while (c.w().now_ms() < clear) ASSERT_TRUE(c.env.apply(sim::Action::wait(600000)));
  EXPECT_EQ(c.count("SELECT count(*) FROM chat_status WHERE person_id = 1"), 0);
  // Don't clear, then Clear status.
  c.click(ck::full(ck::key::status));
  c.click(ck::full(ck::key::status_text));
  c.type("Focusing\n");
  EXPECT_EQ(c.w().scalar("SELECT clear_ms FROM chat_status WHERE person_id = 1"), 0);
  c.click(ck::full(ck::key::status));
  c.click(ck::full(ck::key::clear_status));
  EXPECT_EQ(c.count("SELECT count(*) FROM chat_status WHERE person_id = 1"), 0);
  EXPECT_EQ(c.node(ck::full(ck::key::status))->name, "Set a status");
}

// Star moves a channel into the Starred section; rename and archive go through their dialogs.
TEST(ChatChannelMenu, StarRenameArchive) {
  Chat c(7, "#random");
  const int64_t random = c.channel_id("random");
  c.click(ck::full(ck::key::star));
  EXPECT_EQ(c.count("SELECT starred FROM chat_channels WHERE id = " + std::to_string(random)), 1);
  EXPECT_NE(c.env.a11y_text().find("Starred"), std::string::npos);
  c.click(ck::full(ck::key::channel_title));
  c.click(ck::full(ck::key::menu_item(ck::key::kMenuRename)));
  ASSERT_TRUE(c.node(ck::full(ck::key::rename_dialog)));
  c.type("Water Cooler\n");  // the name is selected: typing replaces it
  EXPECT_EQ(c.text("SELECT name FROM chat_channels WHERE id = " + std::to_string(random)), "water-cooler");
  EXPECT_NE(c.node(ck::full(ck::key::channel(random)))->name.find("# water-cooler"), std::string::npos);
  // A taken name is refused.
  c.click(ck::full(ck::key::channel_title));
  c.click(ck::full(ck::key::menu_item(ck::key::kMenuRename)));
  c.type("general\n");
  EXPECT_EQ(c.toast(), "#general is taken.");
  EXPECT_EQ(c.text("SELECT name FROM chat_channels WHERE id = " + std::to_string(random)), "water-cooler");
  c.key("Escape");
  c.click(ck::full(ck::key::channel_title));
  c.click(ck::full(ck::key::menu_item(ck::key::kMenuArchive)));
  c.click(ck::full(ck::key::confirm_archive));
  EXPECT_EQ(c.count("SELECT archived FROM chat_channels WHERE id = " + std::to_string(random)), 1);
  EXPECT_FALSE(c.node(ck::full(ck::key::channel(random))));
  EXPECT_NE(c.open_channel(), random);
}

// [SECTION] Search, quick switcher, profiles --------------------------------------------------------

// Search: words and filters; results highlight the words and open the message.
TEST(ChatSearch, WordsFiltersAndResults) {
  Chat c(7, "#general");
  auto search = [&](const std::string& q) {
    c.click(ck::full(ck::key::search));
    c.key("Control+a");
    c.type(q + "\n");
    return c.node(ck::full(ck::key::header))->name;
  };
  search("INC-");
  const int64_t incidents = c.count("SELECT count(*) FROM chat_messages WHERE instr(lower(body), 'inc-') > 0");
  ASSERT_GT(incidents, 0);
  EXPECT_EQ(c.w().ui_get(ck::ui::main), "search");
  std::string a11y = c.env.a11y_text();
  EXPECT_NE(a11y.find(std::to_string(incidents) + (incidents == 1 ? " message" : " messages")),
            std::string::npos) << a11y;
  // in: and from: narrow it.
  const int64_t chan = c.channel_id("deploys");
  const std::string first = c.text("SELECT lower(p.first) FROM chat_messages m JOIN people p ON p.id = "
                                   "m.sender_id WHERE m.channel_id = " + std::to_string(chan) +
                                   " AND m.sender_id <> 1 ORDER BY m.id LIMIT 1");
  search("in:#deploys from:@" + first);
  const int64_t want = c.count("SELECT count(*) FROM chat_messages m JOIN people p ON p.id = m.sender_id "
                               "WHERE m.channel_id = " + std::to_string(chan) + " AND lower(p.first) = '" + first + "'");
  ASSERT_GT(want, 0);
  int shown = 0;
  int64_t some = 0;
  for (const dom::A11yNode& n : c.env.a11y())
    if (n.key.rfind(ck::full("result:"), 0) == 0) ++shown, some = std::atoll(n.key.c_str() + ck::full("result:").size());
  EXPECT_EQ(shown, std::min<int64_t>(want, 50));
  // A date nobody wrote on finds nothing.
  search("during:1999-01-01");
  EXPECT_EQ(c.env.a11y_text().find(ck::full("result:")), std::string::npos);
  EXPECT_NE(c.env.a11y_text().find("No messages match."), std::string::npos);
  search("in:#deploys from:@" + first);
  c.click(ck::full(ck::key::result(some)));
  EXPECT_EQ(c.open_channel(), chan);
  EXPECT_EQ(c.w().ui_get(ck::ui::main), "");
  search("nothing-like-this-anywhere");
  c.click(ck::full(ck::key::close_search));
  EXPECT_EQ(c.w().ui_get(ck::ui::main), "");
  EXPECT_EQ(apps::field_value(c.w(), ck::full(ck::key::search)), "");
}

// Control+K, even while typing in the composer: the quick switcher; Enter opens the first
// match; a person with no conversation yet gets a new one.
TEST(ChatSwitcher, ControlKOpensChannelsAndPeople) {
  Chat c(7, "#general");
  c.click(ck::full(ck::key::composer));
  c.key("Control+k");
  ASSERT_TRUE(c.node(ck::full(ck::key::switcher)));
  c.type("incid\n");
  EXPECT_EQ(c.open_channel(), c.channel_id("incidents"));
  EXPECT_FALSE(c.node(ck::full(ck::key::switcher)));
  // Someone without a DM.
  const int64_t p = c.w().scalar("SELECT id FROM people WHERE company_id = 1 AND id <> 1 AND id NOT IN "
                                 "(SELECT dm_person_id FROM chat_channels WHERE kind = 'dm') ORDER BY id LIMIT 1");
  ASSERT_GT(p, 0);
  const std::string name = c.text("SELECT name FROM people WHERE id = " + std::to_string(p));
  c.key("Control+k");
  c.type(name);
  ASSERT_TRUE(c.node(ck::full(ck::key::switch_person(p)))) << c.env.a11y_text();
  c.click(ck::full(ck::key::switch_person(p)));
  const int64_t dm = c.dm_of(p);
  ASSERT_GT(dm, 0);
  EXPECT_EQ(c.open_channel(), dm);
  EXPECT_EQ(c.count("SELECT count(*) FROM chat_members WHERE channel_id = " + std::to_string(dm)), 2);
  c.type("Hello there\n");  // the composer has the focus
  EXPECT_EQ(c.count("SELECT count(*) FROM chat_messages WHERE channel_id = " + std::to_string(dm) +
                    " AND body = 'Hello there'"), 1);
}

// A sender's name opens their profile: title, team, local time, manager (a link to theirs),
// and Message.
TEST(ChatProfile, NameOpensProfileWithManagerAndMessage) {
  Chat c(7, "#engineering");
  const int64_t last = c.w().scalar("SELECT id FROM chat_messages WHERE channel_id = " +
                                    std::to_string(c.channel_id("engineering")) +
                                    " AND thread_id = 0 AND sender_id <> 1 ORDER BY ts_ms DESC LIMIT 1");
  ASSERT_GT(last, 0);
  const int64_t who = c.w().scalar("SELECT sender_id FROM chat_messages WHERE id = " + std::to_string(last));
  c.click(ck::full(ck::key::sender(last)));
  EXPECT_EQ(c.w().ui_get(ck::ui::panel), "profile");
  auto card = c.node(ck::full("profile"));
  ASSERT_TRUE(card);
  EXPECT_EQ(card->name, c.text("SELECT name FROM people WHERE id = " + std::to_string(who)));
  EXPECT_NE(c.env.a11y_text().find("local time"), std::string::npos);
  const int64_t boss = c.w().scalar("SELECT ifnull(manager_id, 0) FROM people WHERE id = " + std::to_string(who));
  if (boss) {
    c.click(ck::full(ck::key::manager_link(boss)));
    EXPECT_EQ(c.w().ui_int(ck::ui::profile), boss);
  }
  c.click(ck::full(ck::key::profile_message));
  EXPECT_EQ(c.open_channel(), c.dm_of(boss ? boss : who));
  // Time zones: New York is UTC-5 in winter, UTC-4 in summer; Berlin +1/+2.
  EXPECT_EQ(tz_offset_minutes("America/New_York", ms_from_civil({.y = 2026, .m = 1, .d = 15})), -300);
  EXPECT_EQ(tz_offset_minutes("America/New_York", ms_from_civil({.y = 2026, .m = 7, .d = 1})), -240);
  EXPECT_EQ(tz_offset_minutes("America/New_York", ms_from_civil({.y = 2026, .m = 3, .d = 8, .hour = 6, .min = 59})), -300);
  EXPECT_EQ(tz_offset_minutes("America/New_York", ms_from_civil({.y = 2026, .m = 3, .d = 8, .hour = 7})), -240);
  EXPECT_EQ(tz_offset_minutes("Europe/Berlin", ms_from_civil({.y = 2026, .m = 3, .d = 29, .hour = 1})), 120);
  EXPECT_EQ(tz_offset_minutes("Europe/Berlin", ms_from_civil({.y = 2026, .m = 10, .d = 25, .hour = 1})), 60);
  EXPECT_EQ(tz_offset_minutes("Mars/Olympus", 0), 0);
}

// [SECTION] Drafts, replies also sent to the channel, days and the "New" rule ----------------------

// Text left in the composer stays with its conversation: a draft row, "draft" in the sidebar,
// the Drafts list, and the text back when the conversation opens again; sending clears it.
TEST(ChatDrafts, ComposerTextStaysWithItsConversation) {
  Chat c(7, "#general");
  const int64_t general = c.channel_id("general"), random = c.channel_id("random");
  c.click(ck::full(ck::key::composer));
  c.type("Half a thought about the offsite");
  c.click(ck::full(ck::key::channel(random)));
  EXPECT_EQ(c.text("SELECT body FROM chat_drafts WHERE channel_id = " + std::to_string(general)),
            "Half a thought about the offsite");
  EXPECT_EQ(apps::field_value(c.w(), ck::full(ck::key::composer)), "");
  EXPECT_NE(c.node(ck::full(ck::key::channel(general)))->name.find(", draft"), std::string::npos);
  c.click(ck::full(ck::key::drafts_view));
  ASSERT_TRUE(c.node(ck::full(ck::key::draft(general)))) << c.env.a11y_text();
  c.click(ck::full(ck::key::draft(general)));
  EXPECT_EQ(c.open_channel(), general);
  EXPECT_EQ(apps::field_value(c.w(), ck::full(ck::key::composer)), "Half a thought about the offsite");
  c.click(ck::full(ck::key::composer));
  c.key("End");
  c.type(", more soon\n");
  EXPECT_EQ(c.count("SELECT count(*) FROM chat_messages WHERE sender_id = 1 AND body = "
                    "'Half a thought about the offsite, more soon'"), 1);
  EXPECT_EQ(c.count("SELECT count(*) FROM chat_drafts"), 0);
  c.click(ck::full(ck::key::channel(random)));
  EXPECT_EQ(c.count("SELECT count(*) FROM chat_drafts"), 0);  // an empty composer leaves none
}

// "Also send to #channel": the reply is in the thread and in the channel, marked as a reply.
TEST(ChatThreads, AlsoSendToChannel) {
  Chat c(7, "#general");
  const int64_t general = c.channel_id("general");
  const int64_t root = c.w().scalar("SELECT id FROM chat_messages WHERE channel_id = " + std::to_string(general) +
                                    " AND thread_id = 0 ORDER BY ts_ms DESC LIMIT 1");
  c.click(ck::full(ck::key::reply(root)));
  c.click(ck::full(ck::key::also_send));
  c.click(ck::full(ck::key::thread_composer));
  c.type("Agreed, shipping it\n");
  const int64_t id = c.last_id();
  EXPECT_EQ(c.text("SELECT thread_id || '|' || broadcast FROM chat_messages WHERE id = " + std::to_string(id)),
            std::to_string(root) + "|1");
  EXPECT_TRUE(c.node(ck::full(ck::key::msg(id))));          // in the channel
  EXPECT_TRUE(c.node(ck::full("t" + ck::key::msg(id))));    // and in the thread
  ASSERT_TRUE(c.node(ck::full(ck::key::replied_to(id))));
  EXPECT_EQ(c.w().ui_int(ck::ui::also_send), 0);            // unticked after sending
  c.click(ck::full(ck::key::close_thread));
  c.click(ck::full(ck::key::replied_to(id)));
  EXPECT_EQ(c.w().ui_int(ck::ui::thread), root);
  // Without the box: in the thread only.
  c.click(ck::full(ck::key::thread_composer));
  c.type("Only here\n");
  EXPECT_FALSE(c.node(ck::full(ck::key::msg(c.last_id()))));
}

// A rule at each day ("Today", "Yesterday", a date) and a "New" rule above the first message
// that was unread when the channel was opened; reactions say who reacted.
TEST(ChatConversation, DayRulesNewRuleAndWhoReacted) {
  Chat c(7, "#random");
  const int64_t incidents = c.channel_id("incidents");
  const int64_t read = c.w().scalar("SELECT last_read_ms FROM chat_reads WHERE channel_id = " + std::to_string(incidents));
  const int64_t first_new = c.w().scalar("SELECT count(*) FROM chat_messages WHERE channel_id = " +
                                         std::to_string(incidents) + " AND thread_id = 0 AND sender_id <> 1 AND ts_ms > " +
                                         std::to_string(read));
  c.click(ck::full(ck::key::channel(incidents)));
  EXPECT_EQ(bool(c.node(ck::full("new_messages"))), first_new > 0);
  const std::string today = format_date_iso(c.w().now_ms());
  const std::string a11y = c.env.a11y_text();
  if (c.count("SELECT count(*) FROM chat_messages WHERE channel_id = " + std::to_string(incidents) +
              " AND thread_id = 0 AND ts_ms >= " + std::to_string(c.w().now_ms() / 86400000 * 86400000)) > 0) {
    auto rule = c.node(ck::full("day:" + today));
    ASSERT_TRUE(rule) << a11y;
    EXPECT_EQ(rule->name, "Today");
  }
  int days = 0;
  for (const dom::A11yNode& n : c.env.a11y()) days += n.key.rfind(ck::full("day:"), 0) == 0;
  EXPECT_GE(days, 2);
  // Opened again, everything is read: no "New" rule.
  c.click(ck::full(ck::key::channel(c.channel_id("random"))));
  c.click(ck::full(ck::key::channel(incidents)));
  EXPECT_FALSE(c.node(ck::full("new_messages")));
  // Who reacted, in the chip's tooltip.
  const int64_t m = c.w().scalar("SELECT id FROM chat_messages WHERE channel_id = " + std::to_string(incidents) +
                                 " AND thread_id = 0 ORDER BY ts_ms DESC LIMIT 1");
  c.click(ck::full(ck::key::react(m)));
  c.click(ck::full(ck::key::emoji("tada")));
  int x = 0, y = 0;
  ASSERT_TRUE(c.env.element_center(ck::full(ck::key::reaction(m, "tada")), x, y));
  ASSERT_TRUE(c.env.apply(sim::Action::move(x, y)));
  ASSERT_TRUE(c.env.apply(sim::Action::wait(1500)));
  EXPECT_NE(c.env.a11y_text().find("reacted with :tada:"), std::string::npos) << c.env.a11y_text();
}

// "@" and part of a name in the composer: the channel's people to mention; Enter picks the
// first ("@First Last "), and the message goes on with Enter; Mentions lists what mentions
// the user, and a click opens it.
TEST(ChatMentions, AutocompleteAndTheMentionsList) {
  Chat c(7, "#general");
  const int64_t general = c.channel_id("general");
  auto q = c.w().query("SELECT p.first, p.name FROM chat_members m JOIN people p ON p.id = m.person_id "
                       "WHERE m.channel_id = ? AND p.id <> 1 ORDER BY p.name LIMIT 1", general);
  ASSERT_TRUE(q.step());
  const std::string first(q.text(0)), name(q.text(1));
  c.click(ck::full(ck::key::composer));
  c.type("Thanks @" + first.substr(0, 3));
  ASSERT_TRUE(c.node(ck::full(ck::key::mentions_popup))) << c.env.a11y_text();
  c.key("Enter");
  EXPECT_EQ(apps::field_value(c.w(), ck::full(ck::key::composer)), "Thanks @" + name + " ");
  EXPECT_FALSE(c.node(ck::full(ck::key::mentions_popup)));
  c.type("for the notes\n");
  EXPECT_EQ(c.text("SELECT body FROM chat_messages WHERE id = " + std::to_string(c.last_id())),
            "Thanks @" + name + " for the notes");
  EXPECT_GT(c.count("SELECT count(*) FROM chat_pending WHERE channel_id = " + std::to_string(general)), 0);
  // A click on a suggestion does the same.
  c.type("@");
  auto pop = c.node(ck::full(ck::key::mentions_popup));
  ASSERT_TRUE(pop);
  std::string option;
  for (const dom::A11yNode& n : c.env.a11y())
    if (n.key.rfind(ck::full("mention:"), 0) == 0 && option.empty()) option = n.key;
  ASSERT_FALSE(option.empty());
  c.click(option);
  EXPECT_EQ(apps::field_value(c.w(), ck::full(ck::key::composer)).rfind("@", 0), 0u);
  // Mentions.
  c.click(ck::full(ck::key::mentions_view));
  const int64_t mentioned = c.count("SELECT count(*) FROM chat_messages m JOIN people u ON u.id = 1 WHERE "
                                    "m.sender_id <> 1 AND " + std::string(ck::kMentionsUser));
  ASSERT_GT(mentioned, 0);
  std::string first_row;
  for (const dom::A11yNode& n : c.env.a11y())
    if (n.key.rfind(ck::full("mentioned:"), 0) == 0 && first_row.empty()) first_row = n.key;
  ASSERT_FALSE(first_row.empty()) << c.env.a11y_text();
  const int64_t id = std::atoll(first_row.c_str() + ck::full("mentioned:").size());
  c.click(first_row);
  EXPECT_EQ(c.open_channel(), c.w().scalar("SELECT channel_id FROM chat_messages WHERE id = " + std::to_string(id)));
}

// Browse channels: the public channels, Join for those the user is not in (a member row, the
// channel in the sidebar, open), View for the others.
TEST(ChatBrowse, JoinAChannelFromTheList) {
  Chat c(7, "#general");
  const int64_t club = c.channel_id("book-club");
  ASSERT_GT(club, 0);
  EXPECT_EQ(c.count("SELECT count(*) FROM chat_members WHERE person_id = 1 AND channel_id = " + std::to_string(club)), 0);
  EXPECT_FALSE(c.node(ck::full(ck::key::channel(club))));
  c.click(ck::full(ck::key::browse_view));
  auto row = c.node(ck::full(ck::key::browse_row(club)));
  ASSERT_TRUE(row) << c.env.a11y_text();
  EXPECT_EQ(row->name.find("joined"), std::string::npos);
  EXPECT_TRUE(c.node(ck::full(ck::key::view_channel(c.channel_id("general")))));
  c.click(ck::full(ck::key::join(club)));
  EXPECT_EQ(c.count("SELECT count(*) FROM chat_members WHERE person_id = 1 AND channel_id = " + std::to_string(club)), 1);
  EXPECT_EQ(c.open_channel(), club);
  EXPECT_TRUE(c.node(ck::full(ck::key::channel(club))));
  c.post("Hi all, happy to be here!");
  EXPECT_EQ(c.count("SELECT count(*) FROM chat_messages WHERE sender_id = 1 AND channel_id = " + std::to_string(club)), 1);
}

// New message: one person opens their DM; two make a group conversation (the same one the
// next time), named by their first names, where an @mention is answered in the conversation.
TEST(ChatGroups, NewMessageToSeveralPeopleMakesOneGroup) {
  Chat c(7, "#general");
  auto q = c.w().query("SELECT id, name, first FROM people WHERE company_id = 1 AND id <> 1 ORDER BY id LIMIT 2 OFFSET 3");
  std::vector<std::tuple<int64_t, std::string, std::string>> two;
  while (q.step()) two.emplace_back(q.i64(0), std::string(q.text(1)), std::string(q.text(2)));
  ASSERT_EQ(two.size(), 2u);
  auto start = [&] {
    c.click(ck::full(ck::key::new_dm));
    ASSERT_TRUE(c.node(ck::full(ck::key::dm_dialog)));
    for (const auto& [id, name, first] : two) {
      c.type(name);
      c.click(ck::full(ck::key::dm_person(id)));
      EXPECT_TRUE(c.node(ck::full("dm_chosen:" + std::to_string(id))));
    }
    c.click(ck::full(ck::key::start_dm));
  };
  start();
  const int64_t group = c.open_channel();
  EXPECT_EQ(c.text("SELECT kind FROM chat_channels WHERE id = " + std::to_string(group)), "group");
  EXPECT_EQ(c.count("SELECT count(*) FROM chat_members WHERE channel_id = " + std::to_string(group)), 3);
  auto row = c.node(ck::full(ck::key::channel(group)));
  ASSERT_TRUE(row);
  for (const auto& [id, name, first] : two) EXPECT_NE(row->name.find(first), std::string::npos) << row->name;
  c.type("@" + std::get<1>(two[0]) + " are you free at 3?\n");
  const int64_t answers = c.count("SELECT count(*) FROM chat_pending WHERE channel_id = " + std::to_string(group) +
                                  " AND thread_id = 0 AND person_id = " + std::to_string(std::get<0>(two[0])));
  EXPECT_EQ(answers, 1);
  // The same people again: the same conversation.
  c.click(ck::full(ck::key::channel(c.channel_id("general"))));
  start();
  EXPECT_EQ(c.open_channel(), group);
  EXPECT_EQ(c.count("SELECT count(*) FROM chat_channels WHERE kind = 'group'"), 1);
  // One person: their DM.
  c.click(ck::full(ck::key::new_dm));
  c.type(std::get<1>(two[1]));
  c.key("Enter");  // the first suggestion
  c.key("Enter");  // nothing typed: Start
  EXPECT_EQ(c.open_channel(), c.dm_of(std::get<0>(two[1])));
}

// The workspace menu (its theme item switches the theme), folding a sidebar section (the open
// conversation stays), and presence: away outside 9 to 6 in their time zone or on vacation.
TEST(ChatSidebar, WorkspaceMenuFoldingAndPresence) {
  Chat c(7, "#general");
  const int64_t general = c.channel_id("general"), random = c.channel_id("random");
  c.click(ck::full(ck::key::workspace));
  ASSERT_TRUE(c.node(ck::full(ck::key::workspace_menu)));
  const std::string before = c.w().ui_get(apps::ui::kTheme);
  c.click(ck::full(std::string(ck::key::workspace_menu) + ".4"));
  EXPECT_NE(c.w().ui_get(apps::ui::kTheme), before);
  c.click(ck::full(ck::key::section("channels")));
  EXPECT_FALSE(c.node(ck::full(ck::key::channel(random))));
  EXPECT_TRUE(c.node(ck::full(ck::key::channel(general))));  // open: still shown
  EXPECT_FALSE(c.node(ck::full(ck::key::section("channels")))->expanded);
  c.click(ck::full(ck::key::section("channels")));
  EXPECT_TRUE(c.node(ck::full(ck::key::channel(random))));
  // Presence, by the clock: a DM partner is active in their working hours only.
  const int64_t p = c.w().scalar("SELECT dm_person_id FROM chat_channels WHERE kind = 'dm' ORDER BY id LIMIT 1");
  const std::string tz = c.text("SELECT tz FROM people WHERE id = " + std::to_string(p));
  c.click(ck::full(ck::key::channel(c.dm_of(p))));
  c.click(ck::full(ck::key::channel_title));  // their profile
  auto presence = [&] { return c.node(ck::full("presence"))->name; };
  const int64_t now = c.w().now_ms();
  const Civil local = civil_from_ms(now + int64_t(tz_offset_minutes(tz, now)) * 60000);
  const bool working = local.wday >= 1 && local.wday <= 5 && local.hour >= 9 && local.hour < 18;
  EXPECT_EQ(presence(), working ? "Active" : "Away");
  c.w().query("INSERT INTO chat_status(person_id, emoji, text, set_ms) VALUES(?, 'palm_tree', 'Away', 0) "
              "ON CONFLICT(person_id) DO UPDATE SET emoji = 'palm_tree'", p).run();
  ASSERT_TRUE(c.env.apply(sim::Action::noop()));
  EXPECT_EQ(presence(), "Away");
}

// "+" by the composer: a file of the world's store goes with the next message (a chip on it
// that opens the file); a file can be sent without words; the chip can be taken off.
TEST(ChatFiles, AttachAFileToAMessage) {
  Chat c(7, "#general");
  const int64_t general = c.channel_id("general");
  auto q = c.w().query("SELECT id, name FROM files ORDER BY id LIMIT 1 OFFSET 2");
  ASSERT_TRUE(q.step());
  const int64_t file = q.i64(0);
  const std::string name(q.text(1));
  c.click(ck::full(ck::key::attach));
  ASSERT_TRUE(c.node(ck::full(ck::key::attach_dialog)));
  c.type(name);
  c.click(ck::full(ck::key::file_option(file)));
  ASSERT_TRUE(c.node(ck::full(ck::key::attached)));
  c.type("Here is the file\n");
  const int64_t id = c.last_id();
  EXPECT_EQ(c.count("SELECT count(*) FROM chat_files WHERE message_id = " + std::to_string(id) +
                    " AND file_id = " + std::to_string(file)), 1);
  EXPECT_FALSE(c.node(ck::full(ck::key::attached)));
  c.click(ck::full(ck::key::file(id, file)));
  auto preview = c.node(ck::full(ck::key::file_preview));
  ASSERT_TRUE(preview) << c.env.a11y_text();
  c.key("Escape");
  // Only a file; and a file taken off again sends nothing.
  c.click(ck::full(ck::key::attach));
  c.type(name + "\n");  // Enter: the first file listed
  c.click(ck::full(ck::key::send));
  EXPECT_EQ(c.count("SELECT count(*) FROM chat_files x JOIN chat_messages m ON m.id = x.message_id WHERE "
                    "m.channel_id = " + std::to_string(general)), 2);
  c.click(ck::full(ck::key::attach));
  c.type(name + "\n");
  c.click(ck::full(ck::key::unattach));
  const int64_t before = c.last_id();
  c.click(ck::full(ck::key::send));
  EXPECT_EQ(c.last_id(), before);
}

// "#name" of a channel in a message is a link: to the channel, or to Browse channels when the
// user is not in it; a word that is no channel stays text.
TEST(ChatLinks, ChannelNamesInMessagesOpenTheChannel) {
  Chat c(7, "#general");
  c.post("See #random and #book-club, not #nothing-here.");
  const int64_t id = c.last_id();
  auto link = [&](const std::string& name) -> std::optional<dom::Box> {
    for (const dom::A11yNode& n : c.env.a11y())
      if (n.role == dom::Role::link && n.name == name && n.id.rfind(ck::full(ck::key::msg(id)) + "/", 0) == 0)
        return n.box;
    return std::nullopt;
  };
  EXPECT_FALSE(link("#nothing-here"));
  auto random = link("#random");
  ASSERT_TRUE(random) << c.env.a11y_text();
  ASSERT_TRUE(c.env.apply(sim::Action::click(random->x + random->w / 2, random->y + random->h / 2)));
  EXPECT_EQ(c.open_channel(), c.channel_id("random"));
  EXPECT_EQ(c.count("SELECT count(*) FROM web_visits"), 0);  // not a page outside
  c.click(ck::full(ck::key::channel(c.channel_id("general"))));
  auto club = link("#book-club");
  ASSERT_TRUE(club);
  ASSERT_TRUE(c.env.apply(sim::Action::click(club->x + club->w / 2, club->y + club->h / 2)));
  EXPECT_EQ(c.w().ui_get(ck::ui::main), "browse");
}

// ":ta" in the composer suggests emoji; Enter picks the first (":tada: "); in the message the
// code draws as the picture (an img node named ":tada:").
TEST(ChatEmoji, AutocompleteAndPicturesInMessages) {
  Chat c(7, "#general");
  c.click(ck::full(ck::key::composer));
  c.type("Shipped it :tad");
  ASSERT_TRUE(c.node(ck::full(ck::key::emoji_popup))) << c.env.a11y_text();
  EXPECT_TRUE(c.node(ck::full(ck::key::emoji_option("tada"))));
  c.key("Enter");
  EXPECT_EQ(apps::field_value(c.w(), ck::full(ck::key::composer)), "Shipped it :tada: ");
  c.type("\n");
  const int64_t id = c.last_id();
  EXPECT_EQ(c.text("SELECT body FROM chat_messages WHERE id = " + std::to_string(id)), "Shipped it :tada:");
  bool picture = false;
  for (const dom::A11yNode& n : c.env.a11y())
    picture |= n.role == dom::Role::img && n.name == ":tada:" && n.id.rfind(ck::full(ck::key::msg(id)) + "/", 0) == 0;
  EXPECT_TRUE(picture);
  // A word that is no emoji stays text; a click on a suggestion works too.
  c.type(":rock");
  c.click(ck::full(ck::key::emoji_option("rocket")));
  EXPECT_EQ(apps::field_value(c.w(), ck::full(ck::key::composer)), ":rocket: ");
}

// Chat's markup: `code`, ``` blocks ``` and "> " quotes (typed with Shift+Enter between lines)
// render as such; the text the a11y tree reads has no markers.
TEST(ChatMarkup, CodeBlocksAndQuotes) {
  Chat c(7, "#general");
  c.click(ck::full(ck::key::composer));
  c.type("> the deploy failed");
  c.key("Shift+Enter");
  c.type("run `make deploy` again");
  c.key("Shift+Enter");
  c.type("```");
  c.key("Shift+Enter");
  c.type("  exit 1");
  c.key("Shift+Enter");
  c.type("```");
  c.key("Enter");
  const int64_t id = c.last_id();
  EXPECT_EQ(c.text("SELECT body FROM chat_messages WHERE id = " + std::to_string(id)),
            "> the deploy failed\nrun `make deploy` again\n```\n  exit 1\n```");
  auto body = c.body_text(id);
  ASSERT_TRUE(body);
  EXPECT_EQ(*body, "the deploy failed\nrun make deploy again\n  exit 1");
  const auto blocks = dom::widget::parse_markup("> q\n`a b` c\n```\nx\n```", true);
  ASSERT_EQ(blocks.size(), 3u);
  EXPECT_TRUE(blocks[0].quote);
  EXPECT_TRUE(blocks[1].runs[0].code);
  EXPECT_EQ(blocks[1].runs[0].text, "a b");
  EXPECT_TRUE(blocks[2].code);
  // A one-line block; an emoji code inside code stays text.
  const auto one = dom::widget::parse_markup("```npm install```\nafter", true);
  ASSERT_EQ(one.size(), 2u);
  EXPECT_TRUE(one[0].code);
  EXPECT_EQ(one[0].runs[0].text, "npm install");
  EXPECT_FALSE(one[1].code);
  // Mail's markup keeps them as text.
  EXPECT_FALSE(dom::widget::parse_markup("> q", false)[0].quote);
}

// The world agrees with itself: one knowledge card per topic and subject, and the cards about
// who owns a service say what #engineering's pinned list says (the chat generator's lint), on
// many seeds.
TEST(ChatWorld, CardsAndThePinnedOwnersAgree) {
  for (uint64_t seed = 1; seed <= 30; ++seed) {
    sim::Env env;
    ASSERT_TRUE(env.reset({.task = "", .seed = seed, .app = "chat"})) << "seed " << seed << ": " << env.obs().error;
    state::World& w = env.world();
    EXPECT_EQ(w.scalar("SELECT count(*) FROM (SELECT topic, subject FROM knowledge GROUP BY topic, subject "
                       "HAVING count(*) > 1)"), 0) << "seed " << seed;
    auto q = w.query("SELECT m.body FROM chat_pins n JOIN chat_messages m ON m.id = n.message_id JOIN chat_channels c "
                     "ON c.id = n.channel_id WHERE c.name = 'engineering'");
    ASSERT_TRUE(q.step()) << "seed " << seed;
    const std::string list(q.text(0));
    for (auto k = w.query("SELECT subject, value FROM knowledge WHERE topic = 'service_owner'"); k.step();)
      EXPECT_NE(list.find("- " + std::string(k.text(0)) + ": " + std::string(k.text(1))), std::string::npos)
          << "seed " << seed << " " << k.text(0);
    // Nobody covers for themselves ("I'm out tomorrow, <me> is covering").
    EXPECT_EQ(w.scalar("SELECT count(*) FROM chat_messages m JOIN people p ON p.id = m.sender_id WHERE "
                       "instr(m.body, ', ' || p.first || ' is covering') > 0"), 0) << "seed " << seed;
  }
}

// The channel's details: About (topic, kind, created, members), Files shared there, Settings
// (Mute: no unread count, not bold; rename and archive from here too).
TEST(ChatDetails, TabsAboutFilesAndMute) {
  Chat c(7, "#general");
  const int64_t random = c.channel_id("random");
  c.click(ck::full(ck::key::channel(random)));
  c.click(ck::full(ck::key::channel_title));
  c.click(ck::full(ck::key::menu_item(ck::key::kMenuDetails)));
  EXPECT_EQ(c.w().ui_get(ck::ui::panel), "about");
  auto about = c.node(ck::full("about"));
  ASSERT_TRUE(about) << c.env.a11y_text();
  EXPECT_NE(c.env.a11y_text().find("Public channel"), std::string::npos);
  // Share a file, then it is in Files.
  auto q = c.w().query("SELECT id, name FROM files ORDER BY id LIMIT 1");
  ASSERT_TRUE(q.step());
  const int64_t file = q.i64(0);
  const std::string name(q.text(1));
  c.click(ck::full(ck::key::attach));
  c.type(name + "\n");
  c.click(ck::full(ck::key::send));
  c.click(ck::full(ck::key::panel_tab("files")));
  ASSERT_TRUE(c.node(ck::full(ck::key::panel_file(file)))) << c.env.a11y_text();
  c.click(ck::full(ck::key::panel_file(file)));
  EXPECT_TRUE(c.node(ck::full(ck::key::file_preview)));
  c.key("Escape");
  // Mute.
  c.click(ck::full(ck::key::panel_tab("settings")));
  c.click(ck::full(ck::key::mute));
  EXPECT_EQ(c.count("SELECT muted FROM chat_members WHERE person_id = 1 AND channel_id = " + std::to_string(random)), 1);
  c.click(ck::full(ck::key::channel(c.channel_id("general"))));
  auto row = c.node(ck::full(ck::key::channel(random)));
  ASSERT_TRUE(row);
  EXPECT_NE(row->name.find(", muted"), std::string::npos);
}

// Review fixes: deleting a message takes its pins, saves and files with it; an archived
// channel does not open (its search results, its route); a draft typed in the channel shown
// first is kept; Mark unread survives an arrival while the channel stays open.
TEST(ChatEdges, DeleteCleansArchivedStaysShutDraftsAndUnreadHold) {
  Chat c(7, "#general", false);
  const int64_t general = c.channel_id("general"), random = c.channel_id("random");
  c.post("Pin me, then delete me");
  const int64_t id = c.last_id();
  c.click(ck::full(ck::key::more(id)));
  c.click(ck::full(std::string(ck::key::more_menu) + ".1"));
  c.click(ck::full(ck::key::more(id)));
  c.click(ck::full(std::string(ck::key::more_menu) + ".0"));
  c.click(ck::full(ck::key::del(id)));
  c.click(ck::full(ck::key::confirm_delete));
  for (const char* t : {"chat_pins", "chat_saved"})
    EXPECT_EQ(c.count(std::string("SELECT count(*) FROM ") + t + " WHERE message_id = " + std::to_string(id)), 0) << t;
  // Archive #random; then neither its route nor a message link opens it.
  c.w().query("UPDATE chat_channels SET archived = 1 WHERE id = ?", random).run();
  const int64_t old = c.w().scalar("SELECT id FROM chat_messages WHERE channel_id = " + std::to_string(random) + " LIMIT 1");
  EXPECT_FALSE(apps::dispatch(c.w(), "chat:result:" + std::to_string(old)).ok());
  EXPECT_FALSE(apps::open_app(c.w(), "chat", "#random").ok());
  // The channel shown first (nothing opened yet): its draft is kept on leaving.
  sim::Env fresh;
  ASSERT_TRUE(fresh.reset({.task = "", .seed = 7, .app = "chat"}));
  const int64_t first = fresh.world().scalar("SELECT c.id FROM chat_channels c JOIN chat_members m ON m.channel_id = c.id "
                                             "AND m.person_id = 1 WHERE c.kind IN ('public', 'private') AND c.archived = 0 "
                                             "ORDER BY c.starred DESC, c.name LIMIT 1");
  int x = 0, y = 0;
  ASSERT_TRUE(fresh.element_center(ck::full(ck::key::composer), x, y));
  ASSERT_TRUE(fresh.apply(sim::Action::click(x, y)));
  ASSERT_TRUE(fresh.apply(sim::Action::type("kept for later")));
  ASSERT_TRUE(fresh.element_center(ck::full(ck::key::channel(general)), x, y));
  ASSERT_TRUE(fresh.apply(sim::Action::click(x, y)));
  EXPECT_EQ(fresh.world().scalar("SELECT count(*) FROM chat_drafts WHERE channel_id = " + std::to_string(first) +
                                 " AND body = 'kept for later'"), 1);
  // Mark unread in #general, then the scheduled posts land while it is open: still unread.
  const int64_t m = c.w().scalar("SELECT id FROM chat_messages WHERE channel_id = " + std::to_string(general) +
                                 " AND thread_id = 0 AND sender_id <> 1 ORDER BY ts_ms DESC LIMIT 1");
  c.click(ck::full(ck::key::more(m)));
  c.click(ck::full(std::string(ck::key::more_menu) + ".2"));
  const int64_t marker = c.w().scalar("SELECT last_read_ms FROM chat_reads WHERE channel_id = " + std::to_string(general));
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(c.env.apply(sim::Action::wait(600000)));
  EXPECT_EQ(c.w().scalar("SELECT last_read_ms FROM chat_reads WHERE channel_id = " + std::to_string(general)), marker);
}

// Jump to unread: the conversation from its first unread message (at the top); Jump to recent
// goes back to the end; the bar says how many are new.
TEST(ChatConversation, JumpToUnreadAndBack) {
  Chat c(7, "#random");
  int64_t target = 0, first_unread = 0, fresh = 0;
  for (auto q = c.w().query("SELECT c.id FROM chat_channels c JOIN chat_members m ON m.channel_id = c.id AND "
                            "m.person_id = 1 WHERE c.kind = 'public' ORDER BY c.id");
       q.step() && !target;) {
    const std::string ch = std::to_string(q.i64(0));
    const int64_t n = c.count("SELECT count(*) FROM chat_messages x WHERE x.channel_id = " + ch + " AND x.thread_id = 0 "
                              "AND x.sender_id <> 1 AND x.ts_ms > (SELECT last_read_ms FROM chat_reads WHERE channel_id = " + ch + ")");
    if (n > 0 && q.i64(0) != c.channel_id("random")) {
      target = q.i64(0);
      fresh = n;
      first_unread = c.w().scalar("SELECT x.id FROM chat_messages x WHERE x.channel_id = " + ch + " AND x.thread_id = 0 AND "
                                  "x.sender_id <> 1 AND x.ts_ms > (SELECT last_read_ms FROM chat_reads WHERE channel_id = " +
                                  ch + ") ORDER BY x.ts_ms, x.id LIMIT 1");
    }
  }
  ASSERT_GT(target, 0);
  c.click(ck::full(ck::key::channel(target)));
  ASSERT_TRUE(c.node(ck::full(ck::key::jump)));
  EXPECT_EQ(c.node(ck::full(ck::key::jump))->name, "Jump to unread");
  EXPECT_NE(c.env.a11y_text().find(std::to_string(fresh) + (fresh == 1 ? " new message" : " new messages")), std::string::npos)
      << c.env.a11y_text().substr(0, 3000);
  c.click(ck::full(ck::key::jump));
  // The first message shown is the first unread one.
  std::string first_msg;
  for (const dom::A11yNode& n : c.env.a11y())
    if (n.key.rfind(ck::full("msg:"), 0) == 0 && first_msg.empty()) first_msg = n.key;
  EXPECT_EQ(first_msg, ck::full(ck::key::msg(first_unread)));
  EXPECT_EQ(c.node(ck::full(ck::key::jump))->name, "Jump to recent");
  c.click(ck::full(ck::key::jump));
  EXPECT_EQ(c.w().ui_int(ck::ui::jumped), 0);
}

// Threads lists the threads the user answered (a click opens one); Drafts & sent lists what
// the user sent; Mentions & reactions lists coworkers' reactions to the user's messages.
TEST(ChatLists, ThreadsSentAndReactions) {
  Chat c(7, "#general");
  const int64_t general = c.channel_id("general");
  const int64_t root = c.w().scalar("SELECT id FROM chat_messages WHERE channel_id = " + std::to_string(general) +
                                    " AND thread_id = 0 AND sender_id <> 1 ORDER BY ts_ms DESC LIMIT 1");
  c.click(ck::full(ck::key::reply(root)));
  c.type("Following this one\n");
  const int64_t reply = c.last_id();
  c.click(ck::full(ck::key::threads_view));
  ASSERT_TRUE(c.node(ck::full("threadrow:" + std::to_string(root)))) << c.env.a11y_text();
  c.click(ck::full("threadrow:" + std::to_string(root)));
  EXPECT_EQ(c.w().ui_int(ck::ui::thread), root);
  c.click(ck::full(ck::key::drafts_view));
  EXPECT_TRUE(c.node(ck::full("sent:" + std::to_string(reply))));
  // A coworker reacts to one of the user's messages.
  const int64_t mine = c.w().scalar("SELECT id FROM chat_messages WHERE sender_id = 1 AND thread_id = 0 ORDER BY id LIMIT 1");
  ASSERT_GT(mine, 0);
  c.w().query("INSERT OR IGNORE INTO chat_reactions(message_id, person_id, emoji) VALUES(?, 2, 'rocket')", mine).run();
  c.click(ck::full(ck::key::mentions_view));
  auto row = c.node(ck::full("reacted:" + std::to_string(mine)));
  ASSERT_TRUE(row) << c.env.a11y_text();
  EXPECT_NE(row->name.find(":rocket:"), std::string::npos);
}

// A mention in a message ("@Full Name", or the user's "@First") is a link to that person's
// profile; the message's text is unchanged.
TEST(ChatMentions, MentionsInMessagesAreLinksToProfiles) {
  Chat c(7, "#general");
  auto q = c.w().query("SELECT id, name FROM people WHERE company_id = 1 AND id <> 1 ORDER BY id LIMIT 1 OFFSET 4");
  ASSERT_TRUE(q.step());
  const int64_t pid = q.i64(0);
  const std::string name(q.text(1));
  c.post("Thanks @" + name + " and @Nobody Here");
  const int64_t id = c.last_id();
  EXPECT_EQ(*c.body_text(id), "Thanks @" + name + " and @Nobody Here");
  std::optional<dom::Box> box;
  for (const dom::A11yNode& n : c.env.a11y())
    if (n.role == dom::Role::link && n.name == "@" + name && n.id.rfind(ck::full(ck::key::msg(id)) + "/", 0) == 0) box = n.box;
    else EXPECT_FALSE(n.role == dom::Role::link && n.name == "@Nobody");
  ASSERT_TRUE(box) << c.env.a11y_text();
  ASSERT_TRUE(c.env.apply(sim::Action::click(box->x + box->w / 2, box->y + box->h / 2)));
  EXPECT_EQ(c.w().ui_get(ck::ui::panel), "profile");
  EXPECT_EQ(c.w().ui_int(ck::ui::profile), pid);
}

// Money as people write it, read back in cents; a bare number is not money.
TEST(ChatCoworkers, AmountsAreReadAndWrittenInCents) {
  EXPECT_EQ(format_usd(1240000), "$12,400.00");
  EXPECT_EQ(format_usd(1240000, false), "$12,400");
  EXPECT_EQ(format_usd(1240050, false), "$12,400.50");
  EXPECT_EQ(format_usd(-505), "-$5.05");
  EXPECT_EQ(format_usd(0), "$0.00");
  EXPECT_EQ(amounts_in("about $12.4k, not 9,000 USD or $ 1,234.5"),
            (std::vector<int64_t>{1240000, 900000, 123450}));
  EXPECT_EQ(amounts_in("USD 980 and 75 dollars"), (std::vector<int64_t>{98000, 7500}));
  EXPECT_TRUE(amounts_in("room 12,400 on April 9, BC-4821, 3 people").empty());
  EXPECT_EQ(amounts_in("$12,40 is odd"), (std::vector<int64_t>{1200}));  // "12" then ",40"
}

// Slots: codes, dates, people and amounts, as a coworker reads a message.
TEST(ChatCoworkers, SlotsReadCodesDatesPeopleAndAmounts) {
  Chat c;
  auto q = c.w().query("SELECT p.id, p.name, p.first FROM people p WHERE p.company_id = 1 AND p.id <> 1 AND "
                       "(SELECT count(*) FROM people o WHERE o.company_id = 1 AND o.first = p.first) = 1 "
                       "ORDER BY p.id LIMIT 2");
  ASSERT_TRUE(q.step());
  const int64_t a = q.i64(0);
  const std::string a_name(q.text(1));
  ASSERT_TRUE(q.step());
  const int64_t b = q.i64(0);
  const std::string b_first(q.text(2));
  const apps::world::Slots s = apps::world::read_slots(
      c.w(), "Use bc-4821 (not X-1 or BC-12345678) by April 9th, or 9 May, or 4/10, or 2027-06-03 - ask " +
                 a_name + " or " + b_first + "; it was $1,200.");
  EXPECT_EQ(s.ids, (std::vector<std::string>{"BC-4821"}));
  EXPECT_EQ(s.dates, (std::vector<int>{409, 509, 410, 603}));
  EXPECT_EQ(s.people, (std::vector<int64_t>{a, b}));
  EXPECT_EQ(s.cents, (std::vector<int64_t>{120000}));
  EXPECT_TRUE(apps::world::read_slots(c.w(), "February 30 and 13/2 are no dates").dates.empty());
}

// A wrong value for `c`'s kind of slot (not its value).
std::string wrong_value(Chat& c, const Card& k) {
  if (k.topic == "budget_code") return k.value == "BC-1000" ? "BC-1001" : "BC-1000";
  if (k.topic == "launch_date") return k.value == "January 2" ? "January 3" : "January 2";
  if (k.topic == "vendor_quote") return k.value == "$1" ? "$2" : "$1";
  return c.text("SELECT name FROM people WHERE company_id = 1 AND id NOT IN (1, " + std::to_string(k.person) +
                ") AND name <> '" + k.value + "' ORDER BY id LIMIT 1");
}

// Naming a value asks the holder to confirm it: "yes" with the fact, or a correction with it.
TEST(ChatCoworkers, ConfirmOrCorrectAValueNamed) {
  for (const char* topic : {"budget_code", "launch_date", "service_owner", "vendor_quote"}) {
    SCOPED_TRACE(topic);
    Chat c;
    const Card k = c.card("", std::string("k.topic = '") + topic + "'");
    ASSERT_GT(k.id, 0);
    const int64_t dm = *apps::chat::dm_with(c.w(), k.person);
    c.env.apply(sim::Action::noop());  // the sidebar shows the new conversation
    c.click(ck::full(ck::key::channel(dm)));
    c.post("Is the " + k.keyword + " for " + k.subject + " " + k.value + "?");
    int64_t asked = c.last_id();
    c.wait_for_answers();
    auto yes = c.answer(k.person, dm, asked);
    ASSERT_TRUE(yes);
    c.post("Is the " + k.keyword + " for " + k.subject + " " + wrong_value(c, k) + "?");
    asked = c.last_id();
    c.wait_for_answers();
    auto no = c.answer(k.person, dm, asked);
    ASSERT_TRUE(no);
    const std::string y = std::get<1>(*yes), n = std::get<1>(*no);
    EXPECT_NE(y.find(k.value), std::string::npos) << y;
    EXPECT_NE(n.find(k.value), std::string::npos) << n;
    auto starts = [](const std::string& s, std::initializer_list<const char*> any) {
      for (const char* p : any)
        if (s.rfind(p, 0) == 0) return true;
      return false;
    };
    EXPECT_TRUE(starts(y, {"Yes", "Correct", "Yep", "That's right"})) << y;
    EXPECT_TRUE(starts(n, {"Not quite", "No,", "That's not it", "Hmm, no"})) << n;
  }
}

// A coworker's open question: a wrong value is doubted (tries + 1), the card's value answers it.
TEST(ChatCoworkers, AnOpenAskIsAnsweredOnlyByTheRightValue) {
  Chat c;
  const Card k = c.card("", "k.topic = 'budget_code'");
  ASSERT_GT(k.id, 0);
  const int64_t asker = c.w().scalar("SELECT id FROM people WHERE company_id = 1 AND id NOT IN (1, " +
                                     std::to_string(k.person) + ") ORDER BY id LIMIT 1");
  const int64_t ask = apps::world::open_ask(c.w(), asker, k.id);
  const int64_t dm = *apps::chat::dm_with(c.w(), asker);
  c.env.apply(sim::Action::noop());
  c.click(ck::full(ck::key::channel(dm)));
  const std::string where = " FROM coworker_asks WHERE id = " + std::to_string(ask);
  c.post("I think it's " + wrong_value(c, k));
  int64_t said = c.last_id();
  EXPECT_EQ(c.text("SELECT status" + where), "open");
  EXPECT_EQ(c.count("SELECT tries" + where), 1);
  c.wait_for_answers();
  auto doubt = c.answer(asker, dm, said);
  ASSERT_TRUE(doubt);
  EXPECT_EQ(std::get<1>(*doubt).find(k.value), std::string::npos);
  EXPECT_NE(std::get<1>(*doubt).find(k.subject), std::string::npos) << std::get<1>(*doubt);
  c.post("Sorry - it's " + k.value + ".");
  said = c.last_id();
  EXPECT_EQ(c.text("SELECT status" + where), "answered");
  EXPECT_EQ(c.text("SELECT answer" + where), "Sorry - it's " + k.value + ".");
  c.wait_for_answers();
  ASSERT_TRUE(c.answer(asker, dm, said));
  // Answered: a further message is not read as an answer again.
  c.post("Also " + wrong_value(c, k));
  EXPECT_EQ(c.count("SELECT tries" + where), 1);
}
