// Chat's task templates: posting, direct messages, threads, reactions, reading, and asking a
// coworker for what only they know (their answer comes by script: apps/world/coworkers.h).
// Every verifier states the rows its task makes and fails any other change, so every other
// conversation must stay as it was. Opening a conversation marks it read (chat_reads).
#include "chat/chat_tasks.h"

#include <algorithm>
#include <string>
#include <tuple>

#include "apps.h"
#include "assets.h"
#include "calendar.h"
#include "chat/chat.h"
#include "chat/keys.h"
#include "kit.h"
#include "money.h"
#include "state.h"
#include "world/coworkers.h"

namespace facsim::tasks::chat {
namespace {

namespace ck = apps::chat;
using kit::col;
using kit::Expect;
using kit::none;
using kit::or_noop;
using kit::Ui;
using sim::Action;
using sim::Ending;
using sim::TaskInstance;
using sim::Verdict;
using sim::WorldDiff;
using state::World;

constexpr std::string_view kReading = "chat_reads.last_read_ms";  // opening marks read

std::string full(std::string_view k) { return ck::full(k); }
Expect& allow_reading(Expect& e) { return e.tolerate("chat_reads", "last_read_ms"); }

// The user's new messages (sender 1).
std::vector<const sim::RowChange*> my_new(const WorldDiff& d) {
  std::vector<const sim::RowChange*> out;
  for (const sim::RowChange* r : kit::inserted_rows(d, "chat_messages"))
    if (col(*r, "sender_id") == "1") out.push_back(r);
  return out;
}
// What coworkers do in answer (their replies, pending or posted) is theirs, not collateral.
Expect& allow_answers(Expect& e, const WorldDiff& d) {
  for (const sim::RowChange* r : kit::inserted_rows(d, "chat_pending")) e.inserted("chat_pending", r->key);
  for (const sim::RowChange& r : d.rows)
    if (r.table == "chat_pending" && r.kind == sim::RowChange::Kind::deleted) e.deleted("chat_pending", r.key);
  for (const sim::RowChange* r : kit::inserted_rows(d, "chat_messages"))
    if (col(*r, "sender_id") != "1") e.inserted("chat_messages", r->key);
  return e;
}
// Written to a coworker, a message gets their answer: on its way (chat_pending) or posted.
Expect& require_answer(Expect& e, const WorldDiff& d, const std::string& channel, bool landed) {
  bool pending = false, posted = false;
  for (const sim::RowChange* r : kit::inserted_rows(d, "chat_pending"))
    pending |= col(*r, "channel_id") == channel;
  for (const sim::RowChange* r : kit::inserted_rows(d, "chat_messages"))
    posted |= col(*r, "sender_id") != "1" && col(*r, "channel_id") == channel;
  e.require(landed ? posted : (pending || posted), "no answer from them is on its way");
  return e;
}

// Exactly one new message of the user's: in `channel`, in `thread` ("0": top level), saying
// `says` (normalised containment).
Expect& check_posted(Expect& e, const WorldDiff& d, const std::string& channel,
                     const std::string& thread, const std::string& says) {
  const auto mine = my_new(d);
  e.require(mine.size() == 1, "exactly one new message expected, not " + std::to_string(mine.size()));
  if (mine.size() != 1) return e;
  const sim::RowChange& r = *mine[0];
  e.inserted("chat_messages", r.key);
  e.require(col(r, "channel_id") == channel, "the message is not in the right conversation");
  e.require(col(r, "thread_id") == thread, thread == "0" ? "the message should not be in a thread"
                                                         : "the message is not a reply in the thread");
  e.require(kit::normalize(col(r, "body")).find(kit::normalize(says)) != std::string::npos,
            "the message does not say \"" + says + "\"");
  return e;
}

// [SECTION] Oracle steps ----------------------------------------------------------------------------
// Opens conversation `channel` from the sidebar (nullopt when it is open).
std::optional<Action> open_channel(const Ui& ui, int64_t channel) {
  const dom::A11yNode* row = ui.find(full(ck::key::channel(channel)));
  if (row && row->selected) return std::nullopt;
  if (auto a = ui.click(full(ck::key::channel(channel)))) return a;
  return ui.scroll_to(full(ck::key::sidebar), full(ck::key::channel(channel)));
}
// In an open emoji picker, the step toward `emoji`: its button, or a search that brings it
// into view; nullopt when no picker is open.
std::optional<Action> pick_emoji(const Ui& ui, const std::string& emoji) {
  if (!ui.has(full(ck::key::react_menu))) return std::nullopt;
  if (auto a = ui.click(full(ck::key::emoji(emoji)))) return a;
  return or_noop(ui.fill(full(ck::key::emoji_search), emoji));
}

// In the open conversation, the step toward the user's :emoji: on message `m`: the picker's
// emoji, the message's React button, a scroll to it; nullopt once the reaction is there.
std::optional<Action> react_steps(const Ui& ui, int64_t m, const std::string& emoji) {
  if (auto a = pick_emoji(ui, emoji)) return a;
  const dom::A11yNode* chip = ui.find(full(ck::key::reaction(m, emoji)));
  if (chip && chip->selected) return std::nullopt;
  if (auto a = ui.click(full(ck::key::react(m)))) return a;
  return ui.scroll_to(full(ck::key::messages), full(ck::key::msg(m)));
}

// Types `text` into composer `field` and sends it with Enter.
Action send_text(const Ui& ui, std::string_view field, const std::string& text) {
  const dom::A11yNode* f = ui.find(full(field));
  if (!f) return Action::noop();
  if (f->value != text) {
    if (auto a = ui.fill(full(field), text)) return *a;
  }
  if (!f->focused) return or_noop(ui.click(full(field)));
  return Action::key("Enter");
}

// [SECTION] Picking from the world ------------------------------------------------------------------
struct Pick {
  int64_t channel = 0, message = 0, sender = 0;
  std::string name, label, body, sender_name;
};
// A top-level message by a coworker in a public channel the user is in, among the newest shown,
// whose body is said nowhere else (an instruction that quotes it names one message).
// any = false: only messages that have replies.
Status pick_message(World& w, Rng& rng, Pick& p, bool any) {
  const std::string from =
      " FROM chat_messages m JOIN chat_channels c ON c.id = m.channel_id JOIN people s ON s.id = "
      "m.sender_id WHERE c.kind = 'public' AND m.thread_id = 0 AND m.sender_id <> 1 AND EXISTS "
      "(SELECT 1 FROM chat_members x WHERE x.channel_id = c.id AND x.person_id = 1) AND (SELECT "
      "count(*) FROM chat_messages o WHERE o.body = m.body) = 1 AND m.id IN (SELECT id FROM chat_messages z WHERE z.channel_id = "
      "m.channel_id AND z.thread_id = 0 ORDER BY z.ts_ms DESC LIMIT 8)" +
      std::string(any ? "" : " AND EXISTS (SELECT 1 FROM chat_messages r WHERE r.thread_id = m.id)");
  const int64_t n = kit::scalar(w, "SELECT count(*)" + from);
  if (n == 0) return none("no message fits");
  auto q = w.query("SELECT c.id, m.id, m.sender_id, c.name, m.body, s.name" + from +
                       " ORDER BY m.id LIMIT 1 OFFSET ?", int64_t(rng.below(uint32_t(n))));
  if (!q.step()) return none("no message fits");
  p = {q.i64(0), q.i64(1), q.i64(2), std::string(q.text(3)), "#" + std::string(q.text(3)),
       std::string(q.text(4)), std::string(q.text(5))};
  return {};
}
void put(TaskInstance& inst, const Pick& p) {
  inst.params = {{"channel", std::to_string(p.channel)}, {"message", std::to_string(p.message)},
                 {"channel_name", p.name}, {"body", p.body}, {"sender", p.sender_name}};
}

const char* kNews[] = {"The {project} review moved to {day}.",
                       "I'll share the {project} numbers by {day}.",
                       "Reminder: {project} status updates are due {day}.",
                       "The {project} retro is on {day} at 2 PM.",
                       "Heads up: I'm out on {day}, ping me about {project} before then."};
std::string news(Rng& rng) {
  static const char* kDays[] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday"};
  const auto& projects = assets::corpus("projects");
  std::string t = kNews[rng.below(uint32_t(std::size(kNews)))];
  for (auto [k, v] : {std::pair{std::string("{project}"), projects[rng.below(uint32_t(projects.size()))]},
                      {std::string("{day}"), std::string(kDays[rng.below(5)])}})
    for (size_t p; (p = t.find(k)) != std::string::npos;) t.replace(p, k.size(), v);
  return t;
}

// A public channel the user is in, except those named, drawn by `rng` (in id order).
Status pick_my_channel(World& w, Rng& rng, std::initializer_list<std::string_view> except,
                       int64_t& id, std::string& name) {
  std::vector<std::pair<int64_t, std::string>> ch;
  for (auto q = w.query("SELECT c.id, c.name FROM chat_channels c JOIN chat_members m ON "
                        "m.channel_id = c.id AND m.person_id = 1 WHERE c.kind = 'public' ORDER BY c.id");
       q.step();)
    if (std::find(except.begin(), except.end(), q.text(1)) == except.end())
      ch.emplace_back(q.i64(0), std::string(q.text(1)));
  if (ch.empty()) return none("no channel");
  std::tie(id, name) = ch[rng.below(uint32_t(ch.size()))];
  return {};
}

// The first post of the living workspace still on its way to a channel that `where` selects
// (on chat_channels c): its pending row, text, author and when it lands.
struct Coming {
  int64_t pending = 0, channel = 0, at_ms = 0;
  std::string body, sender, first;
};
Result<Coming> next_post(World& w, std::string_view where) {
  auto q = w.query("SELECT p.id, p.body, s.name, s.first, c.id, e.at_ms FROM chat_pending p JOIN "
                   "chat_channels c ON c.id = p.channel_id AND " + std::string(where) +
                   " JOIN people s ON s.id = p.person_id JOIN events e ON e.kind = 'chat.reply' "
                   "AND CAST(e.payload AS INTEGER) = p.id AND e.fired = 0 ORDER BY e.at_ms LIMIT 1");
  if (!q.step()) return Error{Errc::not_found, "no post on its way"};
  return Coming{q.i64(0), q.i64(4), q.i64(5), std::string(q.text(1)), std::string(q.text(2)),
                std::string(q.text(3))};
}

// [SECTION] chat.post_channel ------------------------------------------------------------------------
Status post_setup(World& w, Rng& rng, TaskInstance& inst) {
  int64_t id = 0;
  std::string name;
  if (Status s = pick_my_channel(w, rng, {"announcements"}, id, name); !s) return s;
  inst.params = {{"channel", std::to_string(id)}, {"channel_name", name}, {"text", news(rng)}};
  kit::phrase(rng, inst, {"Post in #{channel_name}: \"{text}\"",
                          "Let #{channel_name} know: {text}",
                          "Send this to the #{channel_name} channel: {text}",
                          "Announce in #{channel_name} that \"{text}\""});
  return {};
}
bool posted_goal(World& w, const TaskInstance& i) {
  return kit::scalar(w, "SELECT count(*) FROM chat_messages WHERE channel_id = ? AND sender_id = 1 "
                        "AND thread_id = 0 AND body LIKE '%' || ? || '%'", i.param_int("channel"),
                     i.param("text")) > 0;
}
Verdict post_check(World&, const WorldDiff& d, const TaskInstance& i, const Ending&) {
  Expect e(d);
  allow_reading(e);
  allow_answers(e, d);
  return check_posted(e, d, i.param("channel"), "0", i.param("text")).verdict();
}
Action post_oracle(const sim::Env& env, const TaskInstance& i, int) {
  Ui ui(env);
  if (auto a = open_channel(ui, i.param_int("channel"))) return *a;
  return send_text(ui, ck::key::composer, i.param("text"));
}

// [SECTION] chat.dm_person --------------------------------------------------------------------------
Status dm_setup(World& w, Rng& rng, TaskInstance& inst) {
  auto q = w.query("SELECT c.id, p.name, p.first FROM chat_channels c JOIN people p ON p.id = "
                   "c.dm_person_id WHERE c.kind = 'dm' ORDER BY c.id");
  std::vector<std::tuple<int64_t, std::string, std::string>> dms;
  while (q.step()) dms.emplace_back(q.i64(0), std::string(q.text(1)), std::string(q.text(2)));
  if (dms.empty()) return none("no DM");
  const auto& [id, name, first] = dms[rng.below(uint32_t(dms.size()))];
  inst.params = {{"channel", std::to_string(id)}, {"to", name}, {"to_first", first},
                 {"text", news(rng)}};
  kit::phrase(rng, inst, {"Send {to} a direct message: \"{text}\"",
                          "DM {to_first} to tell them: {text}",
                          "Message {to} privately saying \"{text}\"",
                          "Let {to} know in a DM: {text}"});
  return {};
}
Verdict dm_check(World&, const WorldDiff& d, const TaskInstance& i, const Ending&) {
  Expect e(d);
  allow_reading(e);
  allow_answers(e, d);
  require_answer(e, d, i.param("channel"), false);
  return check_posted(e, d, i.param("channel"), "0", i.param("text")).verdict();
}

// [SECTION] chat.reply_thread -----------------------------------------------------------------------
Status thread_setup(World& w, Rng& rng, TaskInstance& inst) {
  Pick p;
  if (Status s = pick_message(w, rng, p, true); !s) return s;
  put(inst, p);
  static const char* kReplies[] = {"Thanks, I'll take a look today.", "Count me in.",
                                   "I can help with this one.", "Noted - adding it to my list."};
  inst.params.emplace_back("text", kReplies[rng.below(4)]);
  kit::phrase(rng, inst, {"In #{channel_name}, reply in the thread of {sender}'s message \"{body}\" "
                          "with: {text}",
                          "Answer {sender} in a thread (not in the channel) under \"{body}\": {text}",
                          "Reply to \"{body}\" in #{channel_name} as a thread reply saying \"{text}\"",
                          "Start or join the thread on {sender}'s \"{body}\" and write: {text}"});
  return {};
}
bool thread_goal(World& w, const TaskInstance& i) {
  return kit::scalar(w, "SELECT count(*) FROM chat_messages WHERE thread_id = ? AND sender_id = 1 "
                        "AND body LIKE '%' || ? || '%'", i.param_int("message"), i.param("text")) > 0;
}
Verdict thread_check(World&, const WorldDiff& d, const TaskInstance& i, const Ending&) {
  Expect e(d);
  allow_reading(e);
  allow_answers(e, d);
  return check_posted(e, d, i.param("channel"), i.param("message"), i.param("text")).verdict();
}
// In the open conversation: message `m`'s thread opened, then `text` sent in it; noop once the
// thread shows it.
Action thread_reply_steps(const Ui& ui, int64_t m, const std::string& text) {
  if (!ui.has(full(ck::key::thread_panel)) || ui.find(full("tmsg:" + std::to_string(m))) == nullptr) {
    if (auto a = ui.click(full(ck::key::reply(m)))) return *a;
    return or_noop(ui.scroll_to(full(ck::key::messages), full(ck::key::msg(m))));
  }
  for (const dom::A11yNode& n : ui.nodes())
    if (n.role == dom::Role::text && n.id.rfind(full("tmsg:"), 0) == 0 && n.name == text) return Action::noop();
  return send_text(ui, ck::key::thread_composer, text);
}
Action thread_oracle(const sim::Env& env, const TaskInstance& i, int) {
  Ui ui(env);
  if (auto a = open_channel(ui, i.param_int("channel"))) return *a;
  return thread_reply_steps(ui, i.param_int("message"), i.param("text"));
}

// [SECTION] chat.react -----------------------------------------------------------------------------
Status react_setup(World& w, Rng& rng, TaskInstance& inst) {
  Pick p;
  if (Status s = pick_message(w, rng, p, true); !s) return s;
  put(inst, p);
  const size_t k = rng.below(uint32_t(std::size(ck::kEmoji)));
  if (kit::scalar(w, "SELECT count(*) FROM chat_reactions WHERE message_id = ? AND person_id = 1 "
                     "AND emoji = ?", p.message, std::string(ck::kEmoji[k])) > 0)
    return none("already reacted");
  inst.params.emplace_back("emoji", std::string(ck::kEmoji[k]));
  kit::phrase(rng, inst, {"React with :{emoji}: to {sender}'s message \"{body}\" in #{channel_name}.",
                          "Add a :{emoji}: reaction to \"{body}\" ({sender}, #{channel_name}).",
                          "Put :{emoji}: on {sender}'s \"{body}\".",
                          "In #{channel_name}, react :{emoji}: to \"{body}\"."});
  return {};
}
bool react_goal(World& w, const TaskInstance& i) {
  return kit::scalar(w, "SELECT count(*) FROM chat_reactions WHERE message_id = ? AND person_id = 1 "
                        "AND emoji = ?", i.param_int("message"), i.param("emoji")) > 0;
}
Verdict react_check(World&, const WorldDiff& d, const TaskInstance& i, const Ending&) {
  Expect e(d);
  allow_reading(e);
  e.inserted("chat_reactions", i.param("message") + "|1|" + i.param("emoji"));
  return e.verdict();
}
Action react_oracle(const sim::Env& env, const TaskInstance& i, int) {
  Ui ui(env);
  if (auto a = open_channel(ui, i.param_int("channel"))) return *a;
  return or_noop(react_steps(ui, i.param_int("message"), i.param("emoji")));
}

// [SECTION] chat.count_unread ----------------------------------------------------------------------
Status unread_setup(World& w, Rng& rng, TaskInstance& inst) {
  const char* kUnread =
      "(SELECT count(*) FROM chat_messages m WHERE m.channel_id = c.id AND m.thread_id = 0 AND "
      "m.sender_id <> 1 AND m.ts_ms > ifnull((SELECT last_read_ms FROM chat_reads r WHERE "
      "r.channel_id = c.id), 0))";
  // A channel, or a direct conversation ("my DMs with ...").
  auto q = w.query(std::string("SELECT c.id, CASE WHEN c.kind = 'dm' THEN 'my DMs with ' || "
                               "p.name ELSE '#' || c.name END, ") + kUnread +
                   " FROM chat_channels c JOIN chat_members x ON x.channel_id = c.id AND "
                   "x.person_id = 1 LEFT JOIN people p ON p.id = c.dm_person_id ORDER BY c.id");
  std::vector<std::tuple<int64_t, std::string, int64_t>> ch;
  while (q.step()) ch.emplace_back(q.i64(0), std::string(q.text(1)), q.i64(2));
  if (ch.empty()) return none("no channel");
  const auto& [id, where, n] = ch[rng.below(uint32_t(ch.size()))];
  inst.params = {{"channel", std::to_string(id)}, {"where", where}, {"count", std::to_string(n)}};
  kit::phrase(rng, inst, {"How many unread messages are in {where}? Answer with the number.",
                          "Without reading them, tell me how many unread messages {where} has.",
                          "Count the unread messages in {where}.",
                          "What's the unread count on {where}?",
                          "{where}: how many messages haven't I read yet?",
                          "Tell me the number of unread messages waiting in {where}.",
                          "How far behind am I in {where}? Give the unread count.",
                          "Check {where} and report how many messages are unread."});
  return {};
}
Verdict unread_check(World&, const WorldDiff& d, const TaskInstance& i, const Ending& end) {
  Expect e(d);  // reading it is allowed too (the count was asked, not kept)
  allow_reading(e);
  e.require(end.kind == Ending::Kind::answer, "no answer given");
  e.require(end.kind != Ending::Kind::answer || kit::same_number(end.text, double(i.param_int("count"))),
            "wrong answer '" + end.text + "'");
  return e.verdict();
}
Action unread_oracle(const sim::Env& env, const TaskInstance& i, int) {
  Ui ui(env);
  const dom::A11yNode* row = ui.find(full(ck::key::channel(i.param_int("channel"))));
  if (!row) return Action::noop();
  // "# name, N unread" (no count: none).
  const size_t c = row->name.find(", ");
  if (c == std::string::npos || row->selected) return Action::answer("0");  // (open: read)
  return Action::answer(row->name.substr(c + 2, row->name.find(' ', c + 2) - c - 2));
}

// [SECTION] chat.ask_fact (waiting: only the coworker knows) ----------------------------------------
Status ask_setup(World& w, Rng& rng, TaskInstance& inst) {
  const char* from = " FROM knowledge k JOIN people p ON p.id = k.person_id JOIN chat_channels c ON "
                     "c.kind = 'dm' AND c.dm_person_id = k.person_id";
  const int64_t n = kit::scalar(w, std::string("SELECT count(*)") + from);
  if (n == 0) return none("nobody with a card has a DM with the user");
  auto q = w.query(std::string("SELECT k.id, k.topic, k.subject, k.value, p.name, p.first, c.id") +
                       from + " ORDER BY k.id LIMIT 1 OFFSET ?", int64_t(rng.below(uint32_t(n))));
  if (!q.step()) return none("no card");
  const std::string topic(q.text(1));
  inst.params = {{"card", std::to_string(q.i64(0))}, {"topic", topic},
                 {"subject", std::string(q.text(2))}, {"value", std::string(q.text(3))},
                 {"person", std::string(q.text(4))}, {"first", std::string(q.text(5))},
                 {"channel", std::to_string(q.i64(6))}};
  inst.params.emplace_back("what", apps::world::card_what(topic, inst.param("subject")));
  // How the oracle asks (the coworker's keywords and the subject).
  inst.params.emplace_back("ask", apps::world::card_question(topic, inst.param("subject")));
  kit::phrase(rng, inst, {"{person} knows {what}. Ask them on chat and tell me the answer.",
                          "Find out {what} - {first} knows. Reply with just the answer.",
                          "I need to know {what}. Ask {person} and report back.",
                          "Ask {first} {what} and tell me what they say."});
  return {};
}
Verdict ask_check(World&, const WorldDiff& d, const TaskInstance& i, const Ending& end) {
  Expect e(d);
  allow_reading(e);
  allow_answers(e, d);
  // They were asked: a message of the user's to them (a DM) naming the subject.
  bool asked = false;
  for (const sim::RowChange* r : my_new(d)) {
    e.inserted("chat_messages", r->key);
    asked |= col(*r, "channel_id") == i.param("channel") &&
             kit::normalize(col(*r, "body")).find(kit::normalize(i.param("subject"))) != std::string::npos;
  }
  e.require(asked, i.param("person") + " was never asked about " + i.param("subject"));
  require_answer(e, d, i.param("channel"), true);  // the answer came from them
  e.require(end.kind == Ending::Kind::answer, "no answer given");
  e.require(end.kind != Ending::Kind::answer || kit::same_text(end.text, i.param("value")),
            "wrong answer '" + end.text + "'");
  return e.verdict();
}
Action ask_oracle(const sim::Env& env, const TaskInstance& i, int) {
  Ui ui(env);
  const int64_t ch = i.param_int("channel");
  if (auto a = open_channel(ui, ch)) return *a;
  // Their answer, once it is there (the newest messages are shown).
  for (const dom::A11yNode& n : ui.nodes())
    if (n.role == dom::Role::text && n.id.rfind(full("msg:"), 0) == 0 &&
        n.name.find(i.param("value")) != std::string::npos)
      return Action::answer(i.param("value"));
  // Asked already (the question is in the conversation): wait for the answer.
  for (const dom::A11yNode& n : ui.nodes())
    if (n.role == dom::Role::text && n.name == i.param("ask")) return Action::wait(20000);
  return send_text(ui, ck::key::composer, i.param("ask"));
}


// [SECTION] Editing, deleting, topics, channels ------------------------------------------------------
// A recent message of the user's in a channel they are in (written by the setup), so it shows.
int64_t put_own_message(World& w, Rng& rng, TaskInstance& inst, const std::string& body) {
  int64_t id = 0;
  std::string name;
  if (!pick_my_channel(w, rng, {"announcements"}, id, name)) return 0;
  w.query("INSERT INTO chat_messages(channel_id, sender_id, body, ts_ms, thread_id) VALUES(?, 1, ?, ?, 0)",
          id, body, w.now_ms() - 60000 * int64_t(2 + rng.below(20))).run();
  const int64_t msg = w.last_insert_rowid();
  inst.params = {{"channel", std::to_string(id)}, {"channel_name", name}, {"message", std::to_string(msg)}};
  return msg;
}
// Opens the user's message `m`'s hover action `key` (Edit, Delete) in its channel.
std::optional<Action> own_action(const Ui& ui, int64_t channel, int64_t m, const std::string& key) {
  if (auto a = open_channel(ui, channel)) return a;
  if (auto a = ui.click(full(key))) return a;
  return ui.scroll_to(full(ck::key::messages), full(ck::key::msg(m)));
}

// chat.fix_typo: the same message, edited.
Status typo_setup(World& w, Rng& rng, TaskInstance& inst) {
  static const char* kTypos[][2] = {{"Teh", "The"}, {"recieve", "receive"}, {"tommorow", "tomorrow"},
                                    {"definately", "definitely"}, {"adress", "address"}};
  const auto& t = kTypos[rng.below(5)];
  const auto& projects = assets::corpus("projects");
  const std::string project = projects[rng.below(uint32_t(projects.size()))];
  static const char* kLines[] = {"{w} {project} notes are in the doc, please review by Friday.",
                                 "I'll send the {project} update {w} morning.",
                                 "We should {w} the {project} files by noon.",
                                 "The {project} plan is {w} ready for sign-off.",
                                 "Please update the {project} mailing {w} list."};
  // A line that uses the word where it belongs.
  const int k = std::string_view(t[1]) == "The"       ? 0
                : std::string_view(t[1]) == "tomorrow" ? 1
                : std::string_view(t[1]) == "receive"  ? 2
                : std::string_view(t[1]) == "definitely" ? 3 : 4;
  auto line = [&](const char* word) {
    std::string s = kLines[k];
    for (auto [key, v] : {std::pair{std::string("{w}"), std::string(word)}, {std::string("{project}"), project}})
      for (size_t p; (p = s.find(key)) != std::string::npos;) s.replace(p, key.size(), v);
    return s;
  };
  if (!put_own_message(w, rng, inst, line(t[0]))) return none("no channel");
  inst.params.emplace_back("wrong", line(t[0]));
  inst.params.emplace_back("right", line(t[1]));
  inst.params.emplace_back("typo", t[0]);
  inst.params.emplace_back("word", t[1]);
  kit::phrase(rng, inst, {"I wrote \"{typo}\" instead of \"{word}\" in my last message in "
                          "#{channel_name}. Fix it (edit the message, don't post a new one).",
                          "Edit my message in #{channel_name} to correct the typo \"{typo}\" -> \"{word}\".",
                          "There's a typo in what I just posted in #{channel_name}: fix \"{typo}\".",
                          "Correct \"{typo}\" to \"{word}\" in my #{channel_name} message by editing it."});
  return {};
}
bool typo_goal(World& w, const TaskInstance& i) {
  return kit::scalar(w, "SELECT count(*) FROM chat_messages WHERE id = ? AND body = ? AND edited = 1",
                     i.param_int("message"), i.param("right")) == 1;
}
Verdict typo_check(World&, const WorldDiff& d, const TaskInstance& i, const Ending&) {
  Expect e(d);
  allow_reading(e);
  e.updated("chat_messages", i.param("message"), {{"body", i.param("right")}, {"edited", "1"}});
  return e.verdict();
}
Action typo_oracle(const sim::Env& env, const TaskInstance& i, int) {
  Ui ui(env);
  const int64_t m = i.param_int("message");
  if (!ui.has(full(ck::key::edit_field)))
    return or_noop(own_action(ui, i.param_int("channel"), m, ck::key::edit(m)));
  const dom::A11yNode* f = ui.find(full(ck::key::edit_field));
  if (f && f->value != i.param("right")) {
    if (!f->focused) return or_noop(ui.click(full(ck::key::edit_field)));
    if (f->sel_begin != 0 || f->sel_end != int(f->value.size())) return Action::key("Control+a");
    return Action::type(i.param("right"));
  }
  return Action::key("Enter");
}

// chat.delete_mistake: a message posted by mistake, deleted.
Status mistake_setup(World& w, Rng& rng, TaskInstance& inst) {
  static const char* kOops[] = {"testing 123", "asdf", "Can you send me the wifi password?",
                                "Running 10 min late to the dentist", "ok",
                                "love you, see you at dinner", "ignore this", "brb",
                                "Which of these two shirts should I wear?", "pick up milk"};
  const std::string body = kOops[rng.below(uint32_t(std::size(kOops)))];
  if (!put_own_message(w, rng, inst, body)) return none("no channel");
  inst.params.emplace_back("body", body);
  kit::phrase(rng, inst, {"I posted \"{body}\" in #{channel_name} by mistake. Delete it.",
                          "Remove my message \"{body}\" from #{channel_name}.",
                          "Delete the \"{body}\" message I just sent to #{channel_name}.",
                          "\"{body}\" went to the wrong place (#{channel_name}) - please delete it.",
                          "Oops, \"{body}\" wasn't meant for #{channel_name}. Take it down.",
                          "Get rid of my \"{body}\" post in #{channel_name}."});
  return {};
}
bool mistake_goal(World& w, const TaskInstance& i) {
  return kit::scalar(w, "SELECT count(*) FROM chat_messages WHERE id = ?", i.param_int("message")) == 0;
}
Verdict mistake_check(World&, const WorldDiff& d, const TaskInstance& i, const Ending&) {
  Expect e(d);
  allow_reading(e);
  e.deleted("chat_messages", i.param("message"));
  return e.verdict();
}
Action mistake_oracle(const sim::Env& env, const TaskInstance& i, int) {
  Ui ui(env);
  if (ui.has(full(ck::key::confirm_delete))) return or_noop(ui.click(full(ck::key::confirm_delete)));
  const int64_t m = i.param_int("message");
  return or_noop(own_action(ui, i.param_int("channel"), m, ck::key::del(m)));
}

// chat.set_topic
const char* kTopics[] = {"Q3 planning and budgets", "Vendor onboarding: one thread per vendor",
                         "Release notes and rollout status", "Office logistics and facilities",
                         "Customer escalations only - please thread replies"};
Status topic_setup(World& w, Rng& rng, TaskInstance& inst) {
  int64_t id = 0;
  std::string name;
  if (Status s = pick_my_channel(w, rng, {}, id, name); !s) return s;
  inst.params = {{"channel", std::to_string(id)}, {"channel_name", name},
                 {"topic", kTopics[rng.below(uint32_t(std::size(kTopics)))]}};
  kit::phrase(rng, inst, {"Set the topic of #{channel_name} to \"{topic}\".",
                          "Change #{channel_name}'s topic to: {topic}",
                          "Update the channel topic in #{channel_name} so it says \"{topic}\".",
                          "#{channel_name} needs a new topic: \"{topic}\"."});
  return {};
}
bool topic_goal(World& w, const TaskInstance& i) {
  return kit::scalar(w, "SELECT count(*) FROM chat_channels WHERE id = ? AND topic = ?",
                     i.param_int("channel"), i.param("topic")) == 1;
}
Verdict topic_check(World&, const WorldDiff& d, const TaskInstance& i, const Ending&) {
  Expect e(d);
  allow_reading(e);
  e.updated("chat_channels", i.param("channel"), {{"topic", i.param("topic")}});
  return e.verdict();
}
// Edit topic in the open channel's menu: open, fill, save.
Action set_topic(const Ui& ui, const std::string& topic) {
  if (ui.has(full(ck::key::topic_dialog))) {
    if (auto a = ui.fill(full(ck::key::topic_field), topic)) return *a;
    return or_noop(ui.click(full(ck::key::save_topic)));
  }
  const std::string item = full(ck::key::menu_item(ck::key::kMenuTopic));
  if (ui.has(item)) return or_noop(ui.click(item));
  return or_noop(ui.click(full(ck::key::channel_title)));
}
Action topic_oracle(const sim::Env& env, const TaskInstance& i, int) {
  Ui ui(env);
  if (auto a = open_channel(ui, i.param_int("channel"))) return *a;
  return set_topic(ui, i.param("topic"));
}

// chat.create_private (hard): a private channel, two coworkers added, a topic.
Status create_setup(World& w, Rng& rng, TaskInstance& inst) {
  static const char* kNames[] = {"budget-review", "offsite-planning", "vendor-selection",
                                 "launch-war-room", "hiring-panel", "q3-forecast"};
  const std::string name = kNames[rng.below(uint32_t(std::size(kNames)))];
  if (kit::scalar(w, "SELECT count(*) FROM chat_channels WHERE name = ?", name) > 0) return none("taken");
  // Two coworkers whose full names no one else's starts like.
  std::vector<std::tuple<int64_t, std::string>> people;
  for (auto q = w.query("SELECT p.id, p.name FROM people p WHERE p.company_id = 1 AND p.id <> 1 "
                        "ORDER BY p.id");
       q.step();)
    people.emplace_back(q.i64(0), std::string(q.text(1)));
  if (people.size() < 2) return none("few coworkers");
  const uint32_t a = rng.below(uint32_t(people.size()));
  const uint32_t b = (a + 1 + rng.below(uint32_t(people.size() - 1))) % uint32_t(people.size());
  inst.params = {{"name", name}, {"a_id", std::to_string(std::get<0>(people[a]))},
                 {"a", std::get<1>(people[a])}, {"b_id", std::to_string(std::get<0>(people[b]))},
                 {"b", std::get<1>(people[b])},
                 {"topic", kTopics[rng.below(uint32_t(std::size(kTopics)))]}};
  kit::phrase(rng, inst, {"Create a private channel #{name}, add {a} and {b}, and set its topic "
                          "to \"{topic}\".",
                          "Make a new private channel called {name} with {a} and {b} in it; topic: {topic}",
                          "Set up #{name} (private), invite {b} and {a}, topic \"{topic}\".",
                          "I need a private channel named {name} for me, {a} and {b}. Its topic "
                          "should read \"{topic}\"."});
  return {};
}
bool create_goal(World& w, const TaskInstance& i) {
  return kit::scalar(w, "SELECT count(*) FROM chat_channels c WHERE c.name = ? AND c.kind = "
                        "'private' AND c.topic = ? AND (SELECT count(*) FROM chat_members m "
                        "WHERE m.channel_id = c.id AND m.person_id IN (1, ?, ?)) = 3",
                     i.param("name"), i.param("topic"), i.param_int("a_id"), i.param_int("b_id")) == 1;
}
Verdict create_check(World& w, const WorldDiff& d, const TaskInstance& i, const Ending&) {
  Expect e(d);
  allow_reading(e);
  const int64_t id = kit::scalar(w, "SELECT id FROM chat_channels WHERE name = ?", i.param("name"));
  e.require(id > 0, "there is no channel #" + i.param("name"));
  if (id > 0) {
    const std::string sid = std::to_string(id);
    e.inserted("chat_channels", sid);
    for (const std::string& p : {std::string("1"), i.param("a_id"), i.param("b_id")})
      e.inserted("chat_members", sid + "|" + p);
    e.require(kit::text(w, "SELECT kind FROM chat_channels WHERE id = ?", id) == "private",
              "the channel is not private");
    e.require(kit::text(w, "SELECT topic FROM chat_channels WHERE id = ?", id) == i.param("topic"),
              "the topic is not \"" + i.param("topic") + "\"");
    e.inserted("chat_reads", sid);  // created, it opened: read
  }
  return e.verdict();
}
Action create_oracle(const sim::Env& env, const TaskInstance& i, int) {
  Ui ui(env);
  const dom::A11yNode* title = ui.find(full(ck::key::channel_title));
  const bool there = title && title->name.rfind("# " + i.param("name") + " ", 0) == 0;
  if (!there) {
    if (ui.has(full(ck::key::channel_dialog))) {
      if (auto a = ui.fill(full(ck::key::channel_name), i.param("name"))) return *a;
      const dom::A11yNode* box = ui.find(full(ck::key::channel_private));
      if (box && !box->checked) return or_noop(ui.click(full(ck::key::channel_private)));
      return or_noop(ui.click(full(ck::key::create_channel)));
    }
    return or_noop(ui.click(full(ck::key::new_channel)));
  }
  // Members: the people dialog, one name at a time, then Add.
  if (ui.has(full(ck::key::people_dialog))) {
    for (const std::string& who : {std::string("a"), std::string("b")}) {
      const std::string chip = full("chosen:" + i.param(who + "_id"));
      if (ui.has(chip)) continue;
      const std::string option = full(ck::key::person(i.param_int(who + "_id")));
      if (ui.has(option)) return or_noop(ui.click(option));
      if (auto a = ui.fill(full(ck::key::people_field), i.param(who))) return *a;
      return Action::noop();
    }
    return or_noop(ui.click(full(ck::key::add_people)));
  }
  const std::string menu1 = full(ck::key::menu_item(ck::key::kMenuPeople));
  // Added yet? The header counts the members.
  const dom::A11yNode* head = ui.find(full(ck::key::header));
  const bool added = head && head->name.find("3 members") != std::string::npos;
  if (!added) {
    if (ui.has(menu1)) return or_noop(ui.click(menu1));
    return or_noop(ui.click(full(ck::key::channel_title)));
  }
  return set_topic(ui, i.param("topic"));
}

// [SECTION] Computed sets, summaries, asking in a channel -------------------------------------------
// chat.leave_quiet: leave every channel the user never posted in (the exact set).
const char* kQuiet = " FROM chat_channels c JOIN chat_members m ON m.channel_id = c.id AND "
                     "m.person_id = 1 WHERE c.kind <> 'dm' AND c.name <> 'general' AND NOT EXISTS "
                     "(SELECT 1 FROM chat_messages x WHERE x.channel_id = c.id AND x.sender_id = 1)";
Status quiet_setup(World& w, Rng& rng, TaskInstance& inst) {
  std::string ids, names;
  int n = 0;
  for (auto q = w.query(std::string("SELECT c.id, c.name") + kQuiet + " ORDER BY c.name"); q.step(); ++n) {
    ids.append(ids.empty() ? "" : ",").append(std::to_string(q.i64(0)));
    names.append(names.empty() ? "#" : ", #").append(q.text(1));
  }
  if (n < 1 || n > 4) return none("no quiet channels to leave (or too many)");
  static const char* kWhy[] = {"My sidebar is too long.", "I'm cutting down on notifications.",
                               "Time for a spring clean.", "I only want channels I actually use.",
                               "Too much noise lately.", "New quarter, fresh start."};
  inst.params = {{"ids", ids}, {"names", names}, {"count", std::to_string(n)},
                 {"why", kWhy[rng.below(uint32_t(std::size(kWhy)))]}};
  static const char* kThanks[] = {" Thanks!", " Cheers.", "", " Appreciate it.", " Ta.",
                                  " Thank you."};
  const std::string thanks = kThanks[rng.below(uint32_t(std::size(kThanks)))];
  kit::phrase(rng, inst, {"{why} Leave every channel I've never posted in (keep #general).",
                          "{why} Clean up my sidebar: leave the channels where I haven't written "
                          "anything, except #general.",
                          "I want out of the channels I never post in - leave them all (not "
                          "#general). {why}",
                          "Leave all channels without a single message from me, but stay in "
                          "#general. {why}",
                          "{why} Please drop me from every channel I've never said a word in; "
                          "#general stays.",
                          "Leave the channels I've been silent in (all but #general). {why}",
                          "{why} Exit every channel with no posts of mine, #general excepted.",
                          "Get me out of each channel I never wrote in, keeping #general. {why}"});
  inst.instruction += thanks;
  return {};
}
std::vector<std::string> split(const std::string& s) {
  std::vector<std::string> out;
  for (size_t p = 0; p < s.size();) {
    const size_t c = std::min(s.find(',', p), s.size());
    if (c > p) out.push_back(s.substr(p, c - p));
    p = c + 1;
  }
  return out;
}
bool quiet_goal(World& w, const TaskInstance& i) {
  for (const std::string& id : split(i.param("ids")))
    if (kit::scalar(w, "SELECT count(*) FROM chat_members WHERE channel_id = ? AND person_id = 1",
                    int64_t(std::atoll(id.c_str()))))
      return false;
  return true;
}
Verdict quiet_check(World&, const WorldDiff& d, const TaskInstance& i, const Ending&) {
  Expect e(d);
  allow_reading(e);
  for (const std::string& id : split(i.param("ids"))) e.deleted("chat_members", id + "|1");
  return e.verdict();
}
Action quiet_oracle(const sim::Env& env, const TaskInstance& i, int) {
  Ui ui(env);
  for (const std::string& id : split(i.param("ids"))) {
    const int64_t ch = std::atoll(id.c_str());
    const std::string row = full(ck::key::channel(ch));
    if (!ui.has(row)) continue;  // left already
    if (auto a = open_channel(ui, ch)) return *a;
    const std::string leave = full(ck::key::menu_item(ck::key::kMenuLeave));
    if (ui.has(leave)) return or_noop(ui.click(leave));
    return or_noop(ui.click(full(ck::key::channel_title)));
  }
  return Action::noop();
}

// chat.summarize_incidents: the incident ids of #incidents, posted to another channel.
Status summary_setup(World& w, Rng& rng, TaskInstance& inst) {
  const int64_t inc = kit::scalar(w, "SELECT id FROM chat_channels WHERE name = 'incidents'");
  if (!inc || !kit::scalar(w, "SELECT count(*) FROM chat_members WHERE channel_id = ? AND "
                              "person_id = 1", inc))
    return none("no #incidents of the user's");
  std::vector<std::string> ids;
  for (auto q = w.query("SELECT body FROM chat_messages WHERE channel_id = ? AND thread_id = 0 "
                        "ORDER BY ts_ms", inc);
       q.step();) {
    const std::string b(q.text(0));
    const size_t at = b.find("INC-");
    if (at == std::string::npos) continue;
    size_t e = at + 4;
    while (e < b.size() && std::isdigit(uint8_t(b[e]))) ++e;
    const std::string id = b.substr(at, e - at);
    if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
  }
  if (ids.size() < 2 || ids.size() > 20) return none("no incidents to sum up");
  std::sort(ids.begin(), ids.end());
  int64_t ch = 0;
  std::string name;
  if (Status s = pick_my_channel(w, rng, {"incidents", "announcements"}, ch, name); !s) return s;
  std::string list;
  for (const std::string& id : ids) list += (list.empty() ? "" : ", ") + id;
  inst.params = {{"incidents", std::to_string(inc)}, {"channel", std::to_string(ch)},
                 {"channel_name", name}, {"ids", list}};
  static const char* kFor[] = {"for the weekly ops review", "before the leads meeting",
                               "so the team is in the loop", "for tomorrow's retro",
                               "for the on-call handover", "for the status report"};
  inst.params.emplace_back("for", kFor[rng.below(uint32_t(std::size(kFor)))]);
  kit::phrase(rng, inst, {"Post a summary of #incidents in #{channel_name} {for}: list every "
                          "incident id (INC-...) mentioned there.",
                          "Give #{channel_name} a roll-up of all the incidents discussed in "
                          "#incidents - their INC numbers - {for}.",
                          "In #{channel_name}, write one message naming each incident from "
                          "#incidents ({for}).",
                          "Summarise #incidents for #{channel_name} {for}: which INC ids came up?",
                          "{for}, post the INC numbers from #incidents in #{channel_name}.",
                          "List every incident id seen in #incidents, in one message to "
                          "#{channel_name}, {for}.",
                          "#{channel_name} needs the incident ids from #incidents {for}.",
                          "Collect the INC ids from #incidents and share them in #{channel_name} {for}."});
  return {};
}
bool summary_goal(World& w, const TaskInstance& i) {  // a summary was posted (the check reads it)
  return kit::scalar(w, "SELECT count(*) FROM chat_messages WHERE channel_id = ? AND sender_id = 1 "
                        "AND thread_id = 0 AND body LIKE '%INC-%'", i.param_int("channel")) > 0;
}
Verdict summary_check(World&, const WorldDiff& d, const TaskInstance& i, const Ending&) {
  Expect e(d);
  allow_reading(e);
  allow_answers(e, d);
  const auto mine = my_new(d);
  e.require(mine.size() == 1, "exactly one new message expected, not " + std::to_string(mine.size()));
  if (mine.size() == 1) {
    const sim::RowChange& r = *mine[0];
    e.inserted("chat_messages", r.key);
    e.require(col(r, "channel_id") == i.param("channel") && col(r, "thread_id") == "0",
              "the summary is not a message in #" + i.param("channel_name"));
    const std::string body = col(r, "body");
    for (const std::string& id : split(i.param("ids"))) {
      std::string want = id;
      while (!want.empty() && want.front() == ' ') want.erase(0, 1);
      e.require(body.find(want) != std::string::npos, "the summary misses " + want);
    }
    // No incident that is not there (every INC- in it is one of them).
    for (size_t p = body.find("INC-"); p != std::string::npos; p = body.find("INC-", p + 4)) {
      size_t q = p + 4;
      while (q < body.size() && std::isdigit(uint8_t(body[q]))) ++q;
      e.require(i.param("ids").find(body.substr(p, q - p)) != std::string::npos,
                "the summary names " + body.substr(p, q - p) + ", which is not in #incidents");
    }
  }
  return e.verdict();
}
Action summary_oracle(const sim::Env& env, const TaskInstance& i, int) {
  Ui ui(env);
  const int64_t ch = i.param_int("channel");
  // Read #incidents first (its messages are all in the tree once it is open).
  const dom::A11yNode* inc = ui.find(full(ck::key::channel(i.param_int("incidents"))));
  const dom::A11yNode* dst = ui.find(full(ck::key::channel(ch)));
  if (dst && dst->selected)
    return send_text(ui, ck::key::composer, "Incidents this week: " + i.param("ids") + ".");
  const bool read = inc && (inc->selected || inc->name.find("unread") == std::string::npos);
  if (!read) return or_noop(open_channel(ui, i.param_int("incidents")));  // read it first
  return or_noop(open_channel(ui, ch));
}

// chat.mention_ask (waiting): ask a channel member by @mention; their answer comes in the
// thread; report it.
Status mention_setup(World& w, Rng& rng, TaskInstance& inst) {
  const char* from =
      " FROM knowledge k JOIN people p ON p.id = k.person_id JOIN chat_members m ON m.person_id = "
      "k.person_id JOIN chat_channels c ON c.id = m.channel_id AND c.kind = 'public' AND "
      "c.name NOT IN ('announcements') JOIN chat_members me ON me.channel_id = c.id AND "
      "me.person_id = 1 WHERE (SELECT count(*) FROM people o WHERE o.company_id = 1 AND "
      "lower(o.first) = lower(p.first)) = 1";
  const int64_t n = kit::scalar(w, std::string("SELECT count(*)") + from);
  if (n == 0) return none("no member with a card");
  auto q = w.query(std::string("SELECT k.topic, k.subject, k.value, p.name, p.first, c.id, c.name") +
                       from + " ORDER BY k.id, c.id LIMIT 1 OFFSET ?", int64_t(rng.below(uint32_t(n))));
  if (!q.step()) return none("no card");
  const std::string topic(q.text(0)), subject(q.text(1));
  inst.params = {{"subject", subject}, {"value", std::string(q.text(2))},
                 {"person", std::string(q.text(3))}, {"first", std::string(q.text(4))},
                 {"channel", std::to_string(q.i64(5))}, {"channel_name", std::string(q.text(6))}};
  inst.params.emplace_back("what", apps::world::card_what(topic, subject));
  std::string question = apps::world::card_question(topic, subject);
  question[0] = char(std::tolower(uint8_t(question[0])));
  inst.params.emplace_back("ask", "@" + inst.param("first") + " " + question);
  kit::phrase(rng, inst, {"In #{channel_name}, ask {person} (mention them) {what}, and tell me "
                          "their answer.",
                          "@-mention {first} in #{channel_name} to find out {what}; report back.",
                          "Ask {person} in #{channel_name} - not by DM - {what}. What did they say?",
                          "Find out {what} by asking {first} in #{channel_name} with a mention."});
  return {};
}
Verdict mention_check(World&, const WorldDiff& d, const TaskInstance& i, const Ending& end) {
  Expect e(d);
  allow_reading(e);
  allow_answers(e, d);
  bool asked = false;
  std::string root;
  for (const sim::RowChange* r : my_new(d)) {
    e.inserted("chat_messages", r->key);
    const std::string body = kit::normalize(col(*r, "body"));
    if (col(*r, "channel_id") == i.param("channel") && col(*r, "thread_id") == "0" &&
        body.find("@" + kit::normalize(i.param("first"))) != std::string::npos &&
        body.find(kit::normalize(i.param("subject"))) != std::string::npos) {
      asked = true;
      root = r->key;
    }
  }
  e.require(asked, i.param("person") + " was not asked in #" + i.param("channel_name") + " with a mention");
  bool answered = false;  // their answer, in the thread of the question
  for (const sim::RowChange* r : kit::inserted_rows(d, "chat_messages"))
    answered |= col(*r, "sender_id") != "1" && col(*r, "thread_id") == root && !root.empty();
  e.require(answered, "no answer from them in the thread");
  e.require(end.kind == Ending::Kind::answer, "no answer given");
  e.require(end.kind != Ending::Kind::answer || kit::same_text(end.text, i.param("value")),
            "wrong answer '" + end.text + "'");
  return e.verdict();
}
Action mention_oracle(const sim::Env& env, const TaskInstance& i, int) {
  Ui ui(env);
  if (auto a = open_channel(ui, i.param_int("channel"))) return *a;
  // The answer, in the open thread.
  for (const dom::A11yNode& n : ui.nodes())
    if (n.role == dom::Role::text && n.id.rfind(full("tmsg:"), 0) == 0 &&
        n.name.find(i.param("value")) != std::string::npos)
      return Action::answer(i.param("value"));
  // The question, once posted: its "N replies" opens the thread when the answer is there.
  for (const dom::A11yNode& n : ui.nodes())
    if (n.role == dom::Role::text && n.name == i.param("ask")) {
      const std::string msg = n.id.substr(0, n.id.find("/text"));
      const std::string id = msg.substr(full("msg:").size());
      const std::string link = full(ck::key::replies(std::atoll(id.c_str())));
      if (ui.has(link) && !ui.has(full(ck::key::thread_panel))) return or_noop(ui.click(link));
      return Action::wait(20000);
    }
  return send_text(ui, ck::key::composer, i.param("ask"));
}

// chat.react_on_arrival (waiting): react to a deploy announcement once it is posted.
Status arrival_setup(World& w, Rng& rng, TaskInstance& inst) {
  auto post = next_post(w, "c.name = 'deploys'");
  if (!post) return post.error();
  const std::string& body = post->body;
  const size_t a = body.find("Deployed ") + 9;
  const std::string service = body.substr(a, body.find(' ', a) - a);
  const size_t k = rng.below(uint32_t(std::size(ck::kEmoji)));
  inst.params = {{"body", body}, {"sender", post->sender}, {"first", post->first},
                 {"channel", std::to_string(post->channel)}, {"service", service},
                 {"arrives_ms", std::to_string(post->at_ms)}, {"emoji", std::string(ck::kEmoji[k])}};
  kit::phrase(rng, inst, {"{sender} is about to announce the {service} deploy in #deploys. When it "
                          "comes in, react :{emoji}: to it.",
                          "Wait for {first}'s deploy message about {service} in #deploys and add a "
                          ":{emoji}: reaction.",
                          "As soon as #deploys says {service} is deployed, put :{emoji}: on that post.",
                          "React with :{emoji}: to the {service} deploy announcement once {sender} "
                          "posts it."});
  return {};
}
int64_t arrived_post(World& w, const TaskInstance& i) {
  return kit::scalar(w, "SELECT id FROM chat_messages WHERE channel_id = ? AND body = ? AND ts_ms >= ?",
                     i.param_int("channel"), i.param("body"), i.param_int("arrives_ms"));
}
bool arrival_goal(World& w, const TaskInstance& i) {
  const int64_t m = arrived_post(w, i);
  return m > 0 && kit::scalar(w, "SELECT count(*) FROM chat_reactions WHERE message_id = ? AND "
                                 "person_id = 1 AND emoji = ?", m, i.param("emoji")) > 0;
}
Verdict arrival_check(World& w, const WorldDiff& d, const TaskInstance& i, const Ending&) {
  Expect e(d);
  allow_reading(e);
  const int64_t m = arrived_post(w, i);
  e.require(m > 0, "the deploy message never arrived");
  if (m > 0) e.inserted("chat_reactions", std::to_string(m) + "|1|" + i.param("emoji"));
  return e.verdict();
}
Action arrival_oracle(const sim::Env& env, const TaskInstance& i, int) {
  Ui ui(env);
  if (auto a = open_channel(ui, i.param_int("channel"))) return *a;
  if (auto a = pick_emoji(ui, i.param("emoji"))) return *a;
  for (const dom::A11yNode& n : ui.nodes())
    if (n.role == dom::Role::text && n.name == i.param("body") && n.id.rfind(full("msg:"), 0) == 0) {
      const std::string id = n.id.substr(full("msg:").size(), n.id.find("/text") - full("msg:").size());
      return or_noop(ui.click(full(ck::key::react(std::atoll(id.c_str())))));
    }
  return Action::wait(30000);  // not posted yet
}

// [SECTION] More: adding a person, reading threads and channels, answering the manager ---------
// chat.invite_person: one coworker added to a channel (the Add people dialog).
Status invite_setup(World& w, Rng& rng, TaskInstance& inst) {
  auto q = w.query("SELECT c.id, c.name FROM chat_channels c JOIN chat_members m ON m.channel_id = "
                   "c.id AND m.person_id = 1 WHERE c.kind = 'public' AND (SELECT count(*) FROM "
                   "people p WHERE p.company_id = 1 AND p.id <> 1 AND p.id NOT IN (SELECT person_id "
                   "FROM chat_members x WHERE x.channel_id = c.id)) > 0 ORDER BY c.id");
  std::vector<std::pair<int64_t, std::string>> ch;
  while (q.step()) ch.emplace_back(q.i64(0), std::string(q.text(1)));
  if (ch.empty()) return none("every channel has everyone");
  const auto& [id, name] = ch[rng.below(uint32_t(ch.size()))];
  auto p = w.query("SELECT id, name, title FROM people WHERE company_id = 1 AND id <> 1 AND id NOT "
                   "IN (SELECT person_id FROM chat_members WHERE channel_id = ?) ORDER BY id", id);
  std::vector<std::tuple<int64_t, std::string, std::string>> out;
  while (p.step()) out.emplace_back(p.i64(0), std::string(p.text(1)), std::string(p.text(2)));
  const auto& [pid, pname, title] = out[rng.below(uint32_t(out.size()))];
  inst.params = {{"channel", std::to_string(id)}, {"channel_name", name},
                 {"person_id", std::to_string(pid)}, {"person", pname}, {"title", title}};
  kit::phrase(rng, inst, {"Add {person} to #{channel_name}.",
                          "Invite {person} ({title}) into the #{channel_name} channel.",
                          "{person} should be in #{channel_name} - add them.",
                          "Please bring {person} into #{channel_name}."});
  return {};
}
bool invite_goal(World& w, const TaskInstance& i) {
  return kit::scalar(w, "SELECT count(*) FROM chat_members WHERE channel_id = ? AND person_id = ?",
                     i.param_int("channel"), i.param_int("person_id")) == 1;
}
Verdict invite_check(World&, const WorldDiff& d, const TaskInstance& i, const Ending&) {
  Expect e(d);
  allow_reading(e);
  e.inserted("chat_members", i.param("channel") + "|" + i.param("person_id"));
  return e.verdict();
}
Action invite_oracle(const sim::Env& env, const TaskInstance& i, int) {
  Ui ui(env);
  if (auto a = open_channel(ui, i.param_int("channel"))) return *a;
  if (ui.has(full(ck::key::people_dialog))) {
    if (ui.has(full("chosen:" + i.param("person_id")))) return or_noop(ui.click(full(ck::key::add_people)));
    const std::string option = full(ck::key::person(i.param_int("person_id")));
    if (ui.has(option)) return or_noop(ui.click(option));
    if (auto a = ui.fill(full(ck::key::people_field), i.param("person"))) return *a;
    return Action::noop();
  }
  const std::string item = full(ck::key::menu_item(ck::key::kMenuPeople));
  if (ui.has(item)) return or_noop(ui.click(item));
  return or_noop(ui.click(full(ck::key::channel_title)));
}

// chat.count_replies: how many replies a message's thread has.
Status replies_setup(World& w, Rng& rng, TaskInstance& inst) {
  Pick p;
  if (Status s = pick_message(w, rng, p, rng.below(100) < 15); !s) return s;  // mostly threads
  const int64_t n = kit::scalar(w, "SELECT count(*) FROM chat_messages WHERE thread_id = ?", p.message);
  put(inst, p);
  inst.params.emplace_back("count", std::to_string(n));
  kit::phrase(rng, inst, {"How many replies does {sender}'s message \"{body}\" in #{channel_name} have?",
                          "Count the thread replies under \"{body}\" (#{channel_name}).",
                          "In #{channel_name}, how many people replied in the thread on \"{body}\"? "
                          "I mean the number of replies.",
                          "What's the reply count on {sender}'s \"{body}\"?"});
  return {};
}
Verdict replies_check(World&, const WorldDiff& d, const TaskInstance& i, const Ending& end) {
  Expect e(d);
  allow_reading(e);
  e.require(end.kind == Ending::Kind::answer, "no answer given");
  e.require(end.kind != Ending::Kind::answer || kit::same_number(end.text, double(i.param_int("count"))),
            "wrong answer '" + end.text + "'");
  return e.verdict();
}
Action replies_oracle(const sim::Env& env, const TaskInstance& i, int) {
  Ui ui(env);
  if (auto a = open_channel(ui, i.param_int("channel"))) return *a;
  const dom::A11yNode* link = ui.find(full(ck::key::replies(i.param_int("message"))));
  if (!link) return Action::answer("0");
  return Action::answer(link->name.substr(0, link->name.find(' ')));  // "3 replies"
}

// chat.answer_manager (waiting): the manager's question arrives; answer it in the DM.
Status manager_setup(World& w, Rng& rng, TaskInstance& inst) {
  auto post = next_post(w, "c.kind = 'dm'");
  if (!post) return post.error();
  static const char* kAnswers[] = {"Sure, I'll send them by 5 PM.", "Yes - sending them over within the hour.",
                                   "Will do, they'll be in your inbox this afternoon.",
                                   "On it, expect them before end of day."};
  inst.params = {{"question", post->body}, {"manager", post->sender}, {"first", post->first},
                 {"channel", std::to_string(post->channel)}, {"arrives_ms", std::to_string(post->at_ms)},
                 {"text", kAnswers[rng.below(uint32_t(std::size(kAnswers)))]}};
  kit::phrase(rng, inst, {"{manager} is about to message me. When their question comes in, reply "
                          "in the DM: \"{text}\"",
                          "Wait for {first}'s DM, then answer it with: {text}",
                          "When my manager {manager} asks me something on chat, reply \"{text}\"",
                          "Keep an eye on my DMs: once {first} writes, answer \"{text}\""});
  return {};
}
bool manager_goal(World& w, const TaskInstance& i) {
  return kit::scalar(w, "SELECT count(*) FROM chat_messages WHERE channel_id = ? AND sender_id = 1 "
                        "AND ts_ms >= ? AND body LIKE '%' || ? || '%'", i.param_int("channel"),
                     i.param_int("arrives_ms"), i.param("text")) > 0;
}
Verdict manager_check(World&, const WorldDiff& d, const TaskInstance& i, const Ending&) {
  Expect e(d);
  allow_reading(e);
  allow_answers(e, d);
  check_posted(e, d, i.param("channel"), "0", i.param("text"));
  require_answer(e, d, i.param("channel"), false);  // they answer the answer
  // After the question, not before it (the question is a row of the living world's).
  for (const sim::RowChange* r : my_new(d))
    e.require(std::atoll(col(*r, "ts_ms").c_str()) >= i.param_int("arrives_ms"),
              "the reply went out before the question came");
  return e.verdict();
}
Action manager_oracle(const sim::Env& env, const TaskInstance& i, int) {
  Ui ui(env);
  if (auto a = open_channel(ui, i.param_int("channel"))) return *a;
  for (const dom::A11yNode& n : ui.nodes())
    if (n.role == dom::Role::text && n.name == i.param("question"))
      return send_text(ui, ck::key::composer, i.param("text"));
  return Action::wait(120000);  // it comes within minutes
}

// [SECTION] Pins, saved items, unread ------------------------------------------------------------------
// Opens message m's More menu and clicks item `item` (0 Save, 1 Pin, 2 Mark unread).
Action more_item(const Ui& ui, int64_t m, int item) {
  const std::string k = full(std::string(ck::key::more_menu) + "." + std::to_string(item));
  if (ui.has(k) && ui.find(full(ck::key::more(m)))) return or_noop(ui.click(k));
  if (auto a = ui.click(full(ck::key::more(m)))) return *a;
  return or_noop(ui.scroll_to(full(ck::key::messages), full(ck::key::msg(m))));
}

Status pin_setup(World& w, Rng& rng, TaskInstance& inst) {
  Pick p;
  if (Status s = pick_message(w, rng, p, true); !s) return s;
  if (kit::scalar(w, "SELECT count(*) FROM chat_pins WHERE message_id = ?", p.message)) return none("pinned");
  put(inst, p);
  kit::phrase(rng, inst, {"Pin {sender}'s message \"{body}\" to #{channel_name}.",
                          "In #{channel_name}, pin the message \"{body}\".",
                          "Make sure \"{body}\" ({sender}) is pinned in #{channel_name}.",
                          "Pin \"{body}\" so everyone in #{channel_name} can find it."});
  return {};
}
bool pin_goal(World& w, const TaskInstance& i) {
  return kit::scalar(w, "SELECT count(*) FROM chat_pins WHERE message_id = ?", i.param_int("message")) > 0;
}
Verdict pin_check(World&, const WorldDiff& d, const TaskInstance& i, const Ending&) {
  Expect e(d);
  allow_reading(e);
  e.inserted("chat_pins", i.param("message"));
  return e.verdict();
}
Action pin_oracle(const sim::Env& env, const TaskInstance& i, int) {
  Ui ui(env);
  if (auto a = open_channel(ui, i.param_int("channel"))) return *a;
  return more_item(ui, i.param_int("message"), 1);
}

Status save_setup(World& w, Rng& rng, TaskInstance& inst) {
  Pick p;
  if (Status s = pick_message(w, rng, p, true); !s) return s;
  put(inst, p);
  kit::phrase(rng, inst, {"Save {sender}'s message \"{body}\" in #{channel_name} for later.",
                          "Add \"{body}\" (#{channel_name}) to your saved items.",
                          "I want to come back to \"{body}\" later: save it.",
                          "Bookmark {sender}'s \"{body}\" with Save for later."});
  return {};
}
bool save_goal(World& w, const TaskInstance& i) {
  return kit::scalar(w, "SELECT count(*) FROM chat_saved WHERE message_id = ?", i.param_int("message")) > 0;
}
Verdict save_check(World&, const WorldDiff& d, const TaskInstance& i, const Ending&) {
  Expect e(d);
  allow_reading(e);
  e.inserted("chat_saved", i.param("message"));
  return e.verdict();
}
Action save_oracle(const sim::Env& env, const TaskInstance& i, int) {
  Ui ui(env);
  if (auto a = open_channel(ui, i.param_int("channel"))) return *a;
  return more_item(ui, i.param_int("message"), 0);
}

// chat.mark_unread: the channel's read marker ends just before the message.
Status unread_mark_setup(World& w, Rng& rng, TaskInstance& inst) {
  Pick p;
  if (Status s = pick_message(w, rng, p, true); !s) return s;
  put(inst, p);
  inst.params.emplace_back("ts", std::to_string(kit::scalar(w, "SELECT ts_ms FROM chat_messages WHERE id = ?", p.message)));
  kit::phrase(rng, inst, {"Mark {sender}'s message \"{body}\" in #{channel_name} as unread.",
                          "I want #{channel_name} to show unread from \"{body}\" on: mark it unread.",
                          "Mark \"{body}\" unread so I remember to come back to it.",
                          "Set #{channel_name}'s unread marker at {sender}'s \"{body}\"."});
  return {};
}
bool unread_mark_goal(World& w, const TaskInstance& i) {
  return kit::scalar(w, "SELECT last_read_ms FROM chat_reads WHERE channel_id = ?",
                     i.param_int("channel")) == i.param_int("ts") - 1;
}
Verdict unread_mark_check(World& w, const WorldDiff& d, const TaskInstance& i, const Ending&) {
  Expect e(d);
  allow_reading(e);
  e.require(unread_mark_goal(w, i), "the channel is not unread from that message");
  return e.verdict();
}
Action unread_mark_oracle(const sim::Env& env, const TaskInstance& i, int) {
  Ui ui(env);
  if (auto a = open_channel(ui, i.param_int("channel"))) return *a;
  return more_item(ui, i.param_int("message"), 2);
}

// [SECTION] Status ---------------------------------------------------------------------------------------
const char* kStatusTexts[] = {"Out of office until Monday", "In meetings all afternoon",
                              "Heads down on the {project} launch", "Working from home today",
                              "At the dentist, back at 2", "Travelling, slow to reply",
                              "On a customer call", "Focusing on {project}",
                              "Reviewing the {project} plan", "Offsite for {project}",
                              "Out until Thursday", "Back after lunch"};
std::string status_text(Rng& rng) {
  const auto& projects = assets::corpus("projects");
  std::string t = kStatusTexts[rng.below(uint32_t(std::size(kStatusTexts)))];
  if (size_t p = t.find("{project}"); p != std::string::npos)
    t.replace(p, 9, projects[rng.below(uint32_t(projects.size()))]);
  return t;
}
void status_params(Rng& rng, TaskInstance& inst) {
  const size_t e = rng.below(uint32_t(std::size(ck::kStatusEmoji)));
  const size_t c = rng.below(uint32_t(std::size(ck::kClearAfter)));
  inst.params.emplace_back("emoji", std::string(ck::kStatusEmoji[e]));
  inst.params.emplace_back("status", status_text(rng));
  inst.params.emplace_back("clear", std::to_string(c));
  std::string label(ck::kClearAfter[c]);
  for (char& ch : label) ch = char(std::tolower(uint8_t(ch)));
  inst.params.emplace_back("clear_label", c == 0 ? "never clear it" : c == 4 ? "clear it at the end of today"
                                                                            : "clear it after " + label);
}
// The user's status as asked: emoji, text, and when it clears.
void check_status(World& w, Expect& e, const TaskInstance& i) {
  auto q = w.query("SELECT emoji, text, set_ms, clear_ms FROM chat_status WHERE person_id = 1");
  if (!q.step()) {
    e.require(false, "no status is set");
    return;
  }
  e.require(q.text(0) == i.param("emoji"), "the status emoji is :" + std::string(q.text(0)) + ":");
  e.require(kit::normalize(std::string(q.text(1))) == kit::normalize(i.param("status")),
            "the status says \"" + std::string(q.text(1)) + "\"");
  const int64_t set = q.i64(2), clear = q.i64(3), k = i.param_int("clear");
  const int64_t want = ck::kClearAfterMs[k] == 0 ? 0
                       : ck::kClearAfterMs[k] < 0 ? (set / 86400000 + 1) * 86400000
                                                  : set + ck::kClearAfterMs[k];
  e.require(clear == want, "the status does not clear when asked");
}
Status status_setup(World&, Rng& rng, TaskInstance& inst) {
  status_params(rng, inst);
  kit::phrase(rng, inst, {"Set your chat status to :{emoji}: \"{status}\" and {clear_label}.",
                          "Update your status: emoji :{emoji}:, text \"{status}\"; {clear_label}.",
                          "Let people know: status \"{status}\" with :{emoji}: ({clear_label}).",
                          "Put up a status of :{emoji}: {status} - {clear_label}."});
  return {};
}
bool status_goal(World& w, const TaskInstance& i) {
  auto q = w.query("SELECT emoji, text FROM chat_status WHERE person_id = 1");
  return q.step() && q.text(0) == i.param("emoji") &&
         kit::normalize(std::string(q.text(1))) == kit::normalize(i.param("status"));
}
Verdict status_check(World& w, const WorldDiff& d, const TaskInstance& i, const Ending&) {
  Expect e(d);
  allow_reading(e);
  e.inserted("chat_status", "1");
  check_status(w, e, i);
  return e.verdict();
}
// One step toward the status asked (from anywhere in the app); nullopt when it is saved.
std::optional<Action> status_steps(const Ui& ui, const TaskInstance& i, bool saved) {
  if (saved) return std::nullopt;
  if (!ui.has(full(ck::key::status_dialog))) return or_noop(ui.click(full(ck::key::status)));
  const dom::A11yNode* chip = ui.find(full(ck::key::status_emoji(i.param("emoji"))));
  if (chip && !chip->checked) return or_noop(ui.click(full(ck::key::status_emoji(i.param("emoji")))));
  if (auto a = ui.fill(full(ck::key::status_text), i.param("status"))) return a;
  const std::string radio = full("clear_after:" + i.param("clear"));
  const dom::A11yNode* r = ui.find(radio);
  if (r && !r->checked) return or_noop(ui.click(radio));
  return or_noop(ui.click(full(ck::key::save_status)));
}
Action status_oracle(const sim::Env& env, const TaskInstance& i, int) {
  Ui ui(env);
  return or_noop(status_steps(ui, i, false));
}

Status clear_setup(World& w, Rng& rng, TaskInstance& inst) {
  const std::string text = status_text(rng);
  w.query("INSERT INTO chat_status(person_id, emoji, text, set_ms) VALUES(1, ?, ?, ?)",
          std::string(ck::kStatusEmoji[rng.below(uint32_t(std::size(ck::kStatusEmoji)))]), text,
          w.now_ms() - 3600000).run();
  inst.params = {{"status", text}};
  kit::phrase(rng, inst, {"Clear your status (\"{status}\"): it is out of date.",
                          "Your status still says \"{status}\". Remove it.",
                          "Take down the \"{status}\" status.",
                          "\"{status}\" is no longer true - clear your chat status.",
                          "Remove the status \"{status}\" from your profile.",
                          "Get rid of my old status, \"{status}\"."});
  return {};
}
bool clear_goal(World& w, const TaskInstance&) {
  return kit::scalar(w, "SELECT count(*) FROM chat_status WHERE person_id = 1") == 0;
}
Verdict clear_check(World&, const WorldDiff& d, const TaskInstance&, const Ending&) {
  Expect e(d);
  allow_reading(e);
  e.deleted("chat_status", "1");
  return e.verdict();
}
Action clear_oracle(const sim::Env& env, const TaskInstance&, int) {
  Ui ui(env);
  if (ui.has(full(ck::key::clear_status))) return or_noop(ui.click(full(ck::key::clear_status)));
  return or_noop(ui.click(full(ck::key::status)));
}

// [SECTION] Star, rename, archive ------------------------------------------------------------------------
// One channel-menu item of channel `channel` (opened first).
std::optional<Action> channel_item(const Ui& ui, int64_t channel, ck::key::MenuItem item) {
  if (auto a = open_channel(ui, channel)) return a;
  const std::string k = full(ck::key::menu_item(item));
  if (ui.has(k)) return ui.click(k);
  return ui.click(full(ck::key::channel_title));
}
Status star_setup(World& w, Rng& rng, TaskInstance& inst) {
  int64_t id = 0;
  std::string name;
  if (Status s = pick_my_channel(w, rng, {}, id, name); !s) return s;
  inst.params = {{"channel", std::to_string(id)}, {"channel_name", name}};
  kit::phrase(rng, inst, {"Star the #{channel_name} channel.", "Add #{channel_name} to your starred channels.",
                          "I check #{channel_name} a lot: star it.", "Put #{channel_name} in the Starred section.",
                          "Mark #{channel_name} as a starred channel.", "Pin #{channel_name} to the top of the sidebar by starring it.",
                          "Star #{channel_name} so it is easy to find.", "Make #{channel_name} one of your starred channels."});
  return {};
}
bool star_goal(World& w, const TaskInstance& i) {
  return kit::scalar(w, "SELECT starred FROM chat_channels WHERE id = ?", i.param_int("channel")) == 1;
}
Verdict star_check(World&, const WorldDiff& d, const TaskInstance& i, const Ending&) {
  Expect e(d);
  allow_reading(e);
  e.updated("chat_channels", i.param("channel"), {{"starred", "1"}});
  return e.verdict();
}
Action star_oracle(const sim::Env& env, const TaskInstance& i, int) {
  Ui ui(env);
  if (auto a = open_channel(ui, i.param_int("channel"))) return *a;
  return or_noop(ui.click(full(ck::key::star)));
}

Status rename_setup(World& w, Rng& rng, TaskInstance& inst) {
  int64_t id = 0;
  std::string name;
  if (Status s = pick_my_channel(w, rng, {"general"}, id, name); !s) return s;
  static const char* kSuffix[] = {"-team", "-chat", "-room", "-hq", "-updates", "-space"};
  static const char* kPrefix[] = {"team-", "all-", "org-", ""};
  const std::string to = kPrefix[rng.below(4)] + name + kSuffix[rng.below(uint32_t(std::size(kSuffix)))];
  inst.params = {{"channel", std::to_string(id)}, {"channel_name", name}, {"to", to}};
  kit::phrase(rng, inst, {"Rename #{channel_name} to #{to}.", "Change the name of #{channel_name} to {to}.",
                          "#{channel_name} should be called #{to} from now on: rename it.",
                          "Give #{channel_name} the new name \"{to}\"."});
  return {};
}
bool rename_goal(World& w, const TaskInstance& i) {
  return kit::text(w, "SELECT name FROM chat_channels WHERE id = ?", i.param_int("channel")) == i.param("to");
}
Verdict rename_check(World&, const WorldDiff& d, const TaskInstance& i, const Ending&) {
  Expect e(d);
  allow_reading(e);
  e.updated("chat_channels", i.param("channel"), {{"name", i.param("to")}});
  return e.verdict();
}
Action rename_oracle(const sim::Env& env, const TaskInstance& i, int) {
  Ui ui(env);
  if (ui.has(full(ck::key::rename_dialog))) {
    const dom::A11yNode* f = ui.find(full(ck::key::rename_field));
    if (f && f->value != i.param("to")) {
      if (f->value == i.param("channel_name") && f->focused) return Action::type(i.param("to"));  // selected
      if (auto a = ui.fill(full(ck::key::rename_field), i.param("to"))) return *a;
    }
    return or_noop(ui.click(full(ck::key::save_rename)));
  }
  return or_noop(channel_item(ui, i.param_int("channel"), ck::key::kMenuRename));
}

// chat.archive_channel: by name, or as the channel where a message was posted (search).
Status archive_setup(World& w, Rng& rng, TaskInstance& inst) {
  Pick p;
  for (int tries = 0; tries < 16 && (p.channel == 0 || p.name == "general"); ++tries)
    if (Status s = pick_message(w, rng, p, true); !s) return s;
  if (p.name == "general") return none("#general stays");
  inst.params = {{"channel", std::to_string(p.channel)}, {"channel_name", p.name}, {"body", p.body},
                 {"sender", p.sender_name}};
  if (rng.below(2) == 0)
    kit::phrase(rng, inst, {"Archive the channel where {sender} posted \"{body}\".",
                            "{sender} wrote \"{body}\" in a channel we no longer need: archive that channel.",
                            "Find where \"{body}\" was posted and archive that channel."});
  else
    kit::phrase(rng, inst, {"Archive the #{channel_name} channel.", "#{channel_name} is no longer needed: archive it.",
                            "Please archive #{channel_name}."});
  return {};
}
bool archive_goal(World& w, const TaskInstance& i) {
  return kit::scalar(w, "SELECT archived FROM chat_channels WHERE id = ?", i.param_int("channel")) == 1;
}
Verdict archive_check(World&, const WorldDiff& d, const TaskInstance& i, const Ending&) {
  Expect e(d);
  allow_reading(e);
  e.updated("chat_channels", i.param("channel"), {{"archived", "1"}});
  return e.verdict();
}
Action archive_oracle(const sim::Env& env, const TaskInstance& i, int) {
  Ui ui(env);
  if (ui.has(full(ck::key::confirm_archive))) return or_noop(ui.click(full(ck::key::confirm_archive)));
  return or_noop(channel_item(ui, i.param_int("channel"), ck::key::kMenuArchive));
}

// [SECTION] Service owners, search ---------------------------------------------------------------------
// The owner of `service` in #engineering's pinned list.
struct Owner {
  int64_t person = 0, dm = 0, engineering = 0;
  std::string name;
};
Result<Owner> owner_of(World& w, const std::string& service) {
  Owner o;
  o.engineering = kit::scalar(w, "SELECT id FROM chat_channels WHERE name = 'engineering'");
  const std::string body = kit::text(w, "SELECT m.body FROM chat_pins n JOIN chat_messages m ON m.id = "
                                        "n.message_id WHERE n.channel_id = ? ORDER BY m.id LIMIT 1", o.engineering);
  const std::string line = "- " + service + ": ";
  const size_t at = body.find(line);
  if (at == std::string::npos) return Error{Errc::not_found, "no owner listed for " + service};
  const size_t end = body.find('\n', at);
  o.name = body.substr(at + line.size(), end == std::string::npos ? std::string::npos : end - at - line.size());
  o.person = kit::scalar(w, "SELECT id FROM people WHERE name = ? AND company_id = 1", o.name);
  o.dm = kit::scalar(w, "SELECT id FROM chat_channels WHERE kind = 'dm' AND dm_person_id = ?", o.person);
  if (!o.person || !kit::scalar(w, "SELECT count(*) FROM chat_members WHERE channel_id = ? AND person_id = 1", o.engineering))
    return Error{Errc::not_found, "the owners list is out of reach"};
  return o;
}
// The owner's name, as the pinned panel of #engineering shows it ("" until it shows).
std::optional<Action> read_owner(const Ui& ui, int64_t engineering, std::string& name,
                                 const std::string& service) {
  for (const dom::A11yNode* n : ui.with_prefix(full("pinned:"))) {
    const std::string line = service + ": ";
    const size_t at = n->name.find(line);
    if (at == std::string::npos) continue;
    name = n->name.substr(at + line.size());
    name = name.substr(0, name.find('\n'));
    return std::nullopt;
  }
  if (auto a = open_channel(ui, engineering)) return a;
  return ui.click(full(ck::key::pins));
}

Status owner_setup(World& w, Rng& rng, TaskInstance& inst) {
  static const char* kSvc[] = {"payments-api", "search-indexer", "billing-worker", "auth-gateway",
                               "reports-cron", "email-relay", "ledger-sync", "image-resizer"};
  const std::string svc = kSvc[rng.below(uint32_t(std::size(kSvc)))];
  auto o = owner_of(w, svc);
  if (!o) return o.error();
  static const char* kWhy[] = {"is throwing errors", "looks slow", "needs a config change",
                               "has a failing health check", "needs a security patch",
                               "is out of disk"};
  inst.params = {{"service", svc}, {"owner", o->name}, {"engineering", std::to_string(o->engineering)},
                 {"why", kWhy[rng.below(uint32_t(std::size(kWhy)))]}};
  static const char* kFor[] = {"", " (for the incident report)", " (support is asking)",
                               " (before the release)", " (the on-call needs to know)"};
  inst.params.emplace_back("for", kFor[rng.below(uint32_t(std::size(kFor)))]);
  kit::phrase(rng, inst, {"Who owns {service}? It {why}{for}. Answer with their full name.",
                          "{service} {why}{for}: find out who its owner is (full name).",
                          "Which engineer is {service}'s owner? It {why}{for}. Give the name.",
                          "I need to page whoever owns {service} - it {why}{for}. Who is it?",
                          "{service} {why}{for}. Whose service is it? Full name, please.",
                          "Look up the owner of {service} ({why}){for} and tell me their name."});
  return {};
}
Verdict owner_check(World&, const WorldDiff& d, const TaskInstance& i, const Ending& end) {
  Expect e(d);
  allow_reading(e);
  e.require(end.kind == Ending::Kind::answer, "no answer given");
  e.require(kit::same_text(end.text, i.param("owner")), "wrong answer '" + end.text + "'");
  return e.verdict();
}
Action owner_oracle(const sim::Env& env, const TaskInstance& i, int) {
  Ui ui(env);
  std::string name;
  if (auto a = read_owner(ui, i.param_int("engineering"), name, i.param("service"))) return *a;
  return name.empty() ? Action::noop() : Action::answer(name);
}

// chat.who_said: a message anywhere, found by search.
Status who_setup(World& w, Rng& rng, TaskInstance& inst) {
  const std::string from =
      " FROM chat_messages m JOIN people p ON p.id = m.sender_id JOIN chat_members x ON x.channel_id "
      "= m.channel_id AND x.person_id = 1 WHERE m.sender_id <> 1 AND length(m.body) > 24 AND "
      "(SELECT count(*) FROM chat_messages o WHERE o.body = m.body) = 1 AND instr(m.body, '\n') = 0";
  const int64_t n = kit::scalar(w, "SELECT count(*)" + from);
  if (n == 0) return none("no message fits");
  auto q = w.query("SELECT m.id, m.body, p.name" + from + " ORDER BY m.id LIMIT 1 OFFSET ?",
                   int64_t(rng.below(uint32_t(n))));
  if (!q.step()) return none("no message fits");
  inst.params = {{"message", std::to_string(q.i64(0))}, {"body", std::string(q.text(1))},
                 {"who", std::string(q.text(2))}};
  kit::phrase(rng, inst, {"Who wrote \"{body}\"? Answer with their full name.",
                          "Somebody posted \"{body}\" - who was it?",
                          "Find the message \"{body}\" and tell me who sent it.",
                          "Which coworker said \"{body}\"?"});
  return {};
}
Verdict who_check(World&, const WorldDiff& d, const TaskInstance& i, const Ending& end) {
  Expect e(d);
  allow_reading(e);
  e.require(end.kind == Ending::Kind::answer, "no answer given");
  e.require(kit::same_text(end.text, i.param("who")), "wrong answer '" + end.text + "'");
  return e.verdict();
}
Action who_oracle(const sim::Env& env, const TaskInstance& i, int) {
  Ui ui(env);
  const std::string result = full(ck::key::result(i.param_int("message")));
  if (const dom::A11yNode* r = ui.find(result)) return Action::answer(r->name.substr(0, r->name.find(" in ")));
  const dom::A11yNode* f = ui.find(full(ck::key::search));
  if (!f) return Action::noop();
  if (f->value != i.param("body")) return or_noop(ui.fill(full(ck::key::search), i.param("body")));
  return Action::key("Enter");
}

// chat.page_owner (hard): an incident names a service; DM its owner and say so in the thread.
Status page_setup(World& w, Rng& rng, TaskInstance& inst) {
  const int64_t incidents = kit::scalar(w, "SELECT id FROM chat_channels WHERE name = 'incidents'");
  static const char* kSvc[] = {"payments-api", "search-indexer", "billing-worker", "auth-gateway",
                               "reports-cron", "email-relay", "ledger-sync", "image-resizer"};
  std::vector<std::tuple<int64_t, std::string, std::string>> open;
  for (auto q = w.query("SELECT id, body FROM chat_messages WHERE channel_id = ? AND thread_id = 0 AND "
                        "sender_id <> 1 AND body LIKE 'INC-%' AND body NOT LIKE '%resolved%' ORDER BY "
                        "ts_ms DESC LIMIT 6", incidents);
       q.step();)
    for (const char* svc : kSvc)
      if (std::string(q.text(1)).find(svc) != std::string::npos)
        open.emplace_back(q.i64(0), std::string(q.text(1)), svc);
  if (open.empty()) return none("no open incident");
  const auto& [msg, body, svc] = open[rng.below(uint32_t(open.size()))];
  auto o = owner_of(w, svc);
  if (!o) return o.error();
  const std::string inc = body.substr(0, body.find(':'));
  if (kit::scalar(w, "SELECT count(*) FROM chat_messages WHERE channel_id = ? AND body LIKE ? || '%'",
                  incidents, inc + ":") != 1)
    return none("the incident id is not unique");
  static const char* kAsk[] = {"{inc} is hitting {service} - can you take a look?",
                               "Paging you for {inc}: {service} needs its owner.",
                               "{service} is in trouble ({inc}). Could you jump in?"};
  std::string text = kAsk[rng.below(3)];
  for (auto [k, v] : {std::pair{std::string("{inc}"), inc}, {std::string("{service}"), std::string(svc)}})
    for (size_t p; (p = text.find(k)) != std::string::npos;) text.replace(p, k.size(), v);
  inst.params = {{"incidents", std::to_string(incidents)}, {"message", std::to_string(msg)},
                 {"inc", inc}, {"service", svc}, {"owner", o->name}, {"owner_id", std::to_string(o->person)},
                 {"dm", std::to_string(o->dm)}, {"engineering", std::to_string(o->engineering)},
                 {"text", text}, {"note", "Paged " + o->name}};
  kit::phrase(rng, inst, {"{inc} in #incidents needs its service's owner: DM them \"{text}\", then reply in the incident's thread \"Paged <their name>\".",
                          "Page the owner of the service in {inc} (the owners list is pinned in #engineering): send them \"{text}\" and note \"Paged <name>\" in {inc}'s thread.",
                          "For {inc}: find who owns the affected service, message them directly with \"{text}\", and reply in #incidents' thread on {inc} with \"Paged\" and their name."});
  return {};
}
bool page_goal(World& w, const TaskInstance& i) {
  return kit::scalar(w, "SELECT count(*) FROM chat_messages m JOIN chat_channels c ON c.id = m.channel_id "
                        "WHERE m.sender_id = 1 AND c.kind = 'dm' AND c.dm_person_id = ? AND instr(m.body, ?) > 0",
                     i.param_int("owner_id"), i.param("inc")) > 0 &&
         kit::scalar(w, "SELECT count(*) FROM chat_messages WHERE sender_id = 1 AND thread_id = ? AND "
                        "instr(lower(body), lower(?)) > 0", i.param_int("message"), i.param("note")) > 0;
}
Verdict page_check(World& w, const WorldDiff& d, const TaskInstance& i, const Ending&) {
  Expect e(d);
  allow_reading(e);
  allow_answers(e, d);
  const auto mine = my_new(d);
  e.require(mine.size() == 2, "two messages expected (the DM and the thread note), not " + std::to_string(mine.size()));
  const int64_t dm = kit::scalar(w, "SELECT id FROM chat_channels WHERE kind = 'dm' AND dm_person_id = ?",
                                 i.param_int("owner_id"));
  bool direct = false, note = false;
  for (const sim::RowChange* r : mine) {
    e.inserted("chat_messages", r->key);
    const std::string body = kit::normalize(col(*r, "body"));
    if (col(*r, "channel_id") == std::to_string(dm) && body.find(kit::normalize(i.param("text"))) != std::string::npos)
      direct = true;
    if (col(*r, "channel_id") == i.param("incidents") && col(*r, "thread_id") == i.param("message") &&
        body.find(kit::normalize(i.param("note"))) != std::string::npos)
      note = true;
  }
  e.require(direct, "the owner did not get the message in a DM");
  e.require(note, "no \"" + i.param("note") + "\" reply in the incident's thread");
  require_answer(e, d, std::to_string(dm), false);
  if (i.param("dm") == "0") {  // a new conversation with them
    e.inserted("chat_channels", std::to_string(dm));
    e.inserted("chat_members", std::to_string(dm) + "|1");
    e.inserted("chat_members", std::to_string(dm) + "|" + i.param("owner_id"));
    e.inserted("chat_reads", std::to_string(dm));
  }
  return e.verdict();
}
Action page_oracle(const sim::Env& env, const TaskInstance& i, int) {
  Ui ui(env);
  const int64_t m = i.param_int("message");
  // 1. The thread note (the owner's name from the pinned list).
  const bool noted = ui.has(full("tmsg:" + std::to_string(m))) &&
                     std::any_of(ui.nodes().begin(), ui.nodes().end(), [&](const dom::A11yNode& n) {
                       return n.role == dom::Role::text && n.name == i.param("note");
                     });
  const bool dm_open = [&] {
    const dom::A11yNode* l = ui.find(full(ck::key::messages));
    return l && l->name == "Messages in " + i.param("owner");
  }();
  if (ui.has(full(ck::key::switcher))) {
    const std::string opt = full(ck::key::switch_person(i.param_int("owner_id")));
    if (ui.has(opt)) return or_noop(ui.click(opt));
    return or_noop(ui.fill(full(ck::key::switcher_field), i.param("owner")));
  }
  if (dm_open) {
    for (const dom::A11yNode& n : ui.nodes())
      if (n.role == dom::Role::text && n.name == i.param("text")) return Action::noop();  // sent
    return send_text(ui, ck::key::composer, i.param("text"));
  }
  if (!noted) {
    const dom::A11yNode* row = ui.find(full(ck::key::channel(i.param_int("incidents"))));
    const bool in_incidents = row && row->selected;
    if (!in_incidents) {
      // The owner first: #engineering's pinned list.
      if (!ui.has(full(ck::key::side_panel)) || ui.with_prefix(full("pinned:")).empty()) {
        if (auto a = open_channel(ui, i.param_int("engineering"))) return *a;
        return or_noop(ui.click(full(ck::key::pins)));
      }
      return or_noop(open_channel(ui, i.param_int("incidents")));
    }
    if (!ui.has(full(ck::key::thread_panel))) {
      if (auto a = ui.click(full(ck::key::reply(m)))) return *a;
      return or_noop(ui.scroll_to(full(ck::key::messages), full(ck::key::msg(m))));
    }
    return send_text(ui, ck::key::thread_composer, i.param("note"));
  }
  return Action::key("Control+k");
}

// chat.away_notice (hard): a status, an announcement, and a word to the manager.
Status away_setup(World& w, Rng& rng, TaskInstance& inst) {
  int64_t id = 0;
  std::string name;
  if (Status s = pick_my_channel(w, rng, {"announcements"}, id, name); !s) return s;
  auto q = w.query("SELECT c.id, p.name, p.first FROM chat_channels c JOIN people u ON u.id = 1 JOIN "
                   "people p ON p.id = u.manager_id WHERE c.kind = 'dm' AND c.dm_person_id = u.manager_id");
  if (!q.step()) return none("no DM with a manager");
  inst.params = {{"channel", std::to_string(id)}, {"channel_name", name}, {"dm", std::to_string(q.i64(0))},
                 {"manager", std::string(q.text(1))}};
  status_params(rng, inst);
  static const char* kDays[] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday"};
  const std::string day = kDays[rng.below(5)];
  inst.params.emplace_back("post", "I'm away until " + day + ", ping me for anything urgent.");
  inst.params.emplace_back("note", "Heads up: I'm out until " + day + ".");
  kit::phrase(rng, inst, {"Before you go: set your status to :{emoji}: \"{status}\" ({clear_label}), post \"{post}\" in #{channel_name}, and DM {manager} \"{note}\".",
                          "You're heading out. Status :{emoji}: {status} - {clear_label}. Tell #{channel_name}: {post} And tell your manager {manager} directly: {note}",
                          "Three things: status \"{status}\" with :{emoji}: ({clear_label}); in #{channel_name} say \"{post}\"; message {manager}: \"{note}\"."});
  return {};
}
bool away_goal(World& w, const TaskInstance& i) {
  return status_goal(w, i) &&
         kit::scalar(w, "SELECT count(*) FROM chat_messages WHERE sender_id = 1 AND channel_id = ? AND body LIKE '%' || ? || '%'",
                     i.param_int("channel"), i.param("post")) > 0 &&
         kit::scalar(w, "SELECT count(*) FROM chat_messages WHERE sender_id = 1 AND channel_id = ? AND body LIKE '%' || ? || '%'",
                     i.param_int("dm"), i.param("note")) > 0;
}
Verdict away_check(World& w, const WorldDiff& d, const TaskInstance& i, const Ending&) {
  Expect e(d);
  allow_reading(e);
  allow_answers(e, d);
  e.inserted("chat_status", "1");
  check_status(w, e, i);
  const auto mine = my_new(d);
  e.require(mine.size() == 2, "two messages expected, not " + std::to_string(mine.size()));
  bool post = false, note = false;
  for (const sim::RowChange* r : mine) {
    e.inserted("chat_messages", r->key);
    const std::string body = kit::normalize(col(*r, "body"));
    post |= col(*r, "channel_id") == i.param("channel") && col(*r, "thread_id") == "0" &&
            body.find(kit::normalize(i.param("post"))) != std::string::npos;
    note |= col(*r, "channel_id") == i.param("dm") && body.find(kit::normalize(i.param("note"))) != std::string::npos;
  }
  e.require(post, "#" + i.param("channel_name") + " was not told");
  e.require(note, i.param("manager") + " was not told");
  require_answer(e, d, i.param("dm"), false);
  return e.verdict();
}
Action away_oracle(const sim::Env& env, const TaskInstance& i, int) {
  Ui ui(env);
  const bool status_done = [&] {
    const dom::A11yNode* s = ui.find(full(ck::key::status));
    return s && s->name == "Your status: :" + i.param("emoji") + ": " + i.param("status");
  }();
  if (auto a = status_steps(ui, i, status_done)) return *a;
  auto sent = [&](const std::string& text) {
    return std::any_of(ui.nodes().begin(), ui.nodes().end(), [&](const dom::A11yNode& n) {
      return n.role == dom::Role::text && n.name == text;
    });
  };
  // The channel first, then the manager: in the DM, the post is behind us.
  auto open_row = [&](const std::string& ch) {
    const dom::A11yNode* row = ui.find(full(ck::key::channel(i.param_int(ch))));
    return row && row->selected;
  };
  if (open_row("dm")) return sent(i.param("note")) ? Action::noop() : send_text(ui, ck::key::composer, i.param("note"));
  if (open_row("channel") && sent(i.param("post"))) return or_noop(open_channel(ui, i.param_int("dm")));
  if (auto a = open_channel(ui, i.param_int("channel"))) return *a;
  return send_text(ui, ck::key::composer, i.param("post"));
}

// [SECTION] Third slice: more of the app, and hard ones made of several parts ---------------------------
// Whether message `m`'s row (in the channel) shows a text node containing `what`.
bool msg_shows(const Ui& ui, int64_t m, const std::string& what) {
  const std::string prefix = full(ck::key::msg(m)) + "/";
  for (const dom::A11yNode& n : ui.nodes())
    if (n.id.rfind(prefix, 0) == 0 && n.name.find(what) != std::string::npos) return true;
  return false;
}
// Whether the open conversation (not a thread) shows a message of exactly `text`.
bool channel_shows(const Ui& ui, const std::string& text) {
  for (const dom::A11yNode& n : ui.nodes())
    if (n.role == dom::Role::text && n.name == text && n.id.rfind(full("msg:"), 0) == 0) return true;
  return false;
}
bool is_open(const Ui& ui, int64_t channel) {
  const dom::A11yNode* row = ui.find(full(ck::key::channel(channel)));
  return row && row->selected;
}
// A message whose exact text is `text` from the user, anywhere in the diff's new rows.
const sim::RowChange* mine_saying(const WorldDiff& d, const std::string& channel, const std::string& thread,
                                  const std::string& text) {
  for (const sim::RowChange* r : my_new(d))
    if (col(*r, "channel_id") == channel && (thread.empty() || col(*r, "thread_id") == thread) &&
        kit::normalize(col(*r, "body")).find(kit::normalize(text)) != std::string::npos)
      return r;
  return nullptr;
}
// Members of `channel` the header counts ("N members"), 0 when it is not shown.
int64_t members_shown(const Ui& ui) {
  const dom::A11yNode* b = ui.find(full(ck::key::members));
  return b ? std::atoll(b->name.c_str()) : 0;
}
// The Add people dialog for the open channel, choosing `person` (by `name`) and adding.
Action add_person(const Ui& ui, int64_t person, const std::string& name) {
  if (ui.has(full(ck::key::people_dialog))) {
    if (ui.has(full("chosen:" + std::to_string(person)))) return or_noop(ui.click(full(ck::key::add_people)));
    const std::string option = full(ck::key::person(person));
    if (ui.has(option)) return or_noop(ui.click(option));
    return or_noop(ui.fill(full(ck::key::people_field), name));
  }
  const std::string item = full(ck::key::menu_item(ck::key::kMenuPeople));
  if (ui.has(item)) return or_noop(ui.click(item));
  return or_noop(ui.click(full(ck::key::channel_title)));
}
// The quick switcher to `name`'s direct conversation (made if there is none).
Action switch_to_person(const Ui& ui, int64_t person, const std::string& name) {
  if (ui.has(full(ck::key::switcher))) {
    const std::string opt = full(ck::key::switch_person(person));
    const dom::A11yNode* f = ui.find(full(ck::key::switcher_field));
    if (f && f->value == name && ui.has(opt)) return or_noop(ui.click(opt));
    return or_noop(ui.fill(full(ck::key::switcher_field), name));
  }
  return Action::key("Control+k");
}
bool dm_with_open(const Ui& ui, const std::string& name) {
  const dom::A11yNode* l = ui.find(full(ck::key::messages));
  return l && l->name == "Messages in " + name;
}

// chat.save_rollbacks: every message in #deploys about one service, saved (the exact set).
Status rollbacks_setup(World& w, Rng& rng, TaskInstance& inst) {
  static const char* kSvc[] = {"payments-api", "search-indexer", "billing-worker", "auth-gateway",
                               "reports-cron", "email-relay", "ledger-sync", "image-resizer"};
  const int64_t deploys = kit::scalar(w, "SELECT id FROM chat_channels WHERE name = 'deploys'");
  std::vector<std::pair<std::string, std::string>> fits;  // service, ids
  for (const char* svc : kSvc) {
    std::string ids;
    int n = 0;
    for (auto q = w.query("SELECT id FROM (SELECT id, body FROM chat_messages WHERE channel_id = ? AND "
                          "thread_id = 0 ORDER BY ts_ms DESC LIMIT ?) WHERE instr(body, ?) > 0 ORDER BY id",
                          deploys, int64_t(ck::kShown), std::string(svc));
         q.step(); ++n)
      ids.append(ids.empty() ? "" : ",").append(std::to_string(q.i64(0)));
    if (n >= 1 && n <= 4) fits.emplace_back(svc, ids);
  }
  if (fits.empty()) return none("no service with 1 to 4 messages");
  const auto& [svc, ids] = fits[rng.below(uint32_t(fits.size()))];
  static const char* kWhy[] = {"for the postmortem", "for the weekly ops review", "so I can follow up",
                               "for the reliability report", "to review with the team", "for later"};
  inst.params = {{"channel", std::to_string(deploys)}, {"ids", ids}, {"service", svc},
                 {"why", kWhy[rng.below(uint32_t(std::size(kWhy)))]}};
  kit::phrase(rng, inst, {"Save every message in #deploys about {service} {why}.",
                          "In #deploys, save each message that mentions {service} ({why}).",
                          "Go through #deploys and save the {service} messages {why} - all of them, nothing else.",
                          "I want everything #deploys says about {service} in my saved items {why}."});
  return {};
}
std::vector<int64_t> id_list(const std::string& csv) { return apps::parse_id_list(csv); }
bool rollbacks_goal(World& w, const TaskInstance& i) {
  for (int64_t id : id_list(i.param("ids")))
    if (!kit::scalar(w, "SELECT count(*) FROM chat_saved WHERE message_id = ?", id)) return false;
  return true;
}
Verdict rollbacks_check(World&, const WorldDiff& d, const TaskInstance& i, const Ending&) {
  Expect e(d);
  allow_reading(e);
  for (int64_t id : id_list(i.param("ids"))) e.inserted("chat_saved", std::to_string(id));
  return e.verdict();
}
Action rollbacks_oracle(const sim::Env& env, const TaskInstance& i, int) {
  Ui ui(env);
  if (auto a = open_channel(ui, i.param_int("channel"))) return *a;
  for (int64_t id : id_list(i.param("ids")))
    if (!msg_shows(ui, id, "Saved for later")) return more_item(ui, id, 0);
  return Action::noop();
}

// chat.broadcast_reply: a thread reply that also goes to the channel.
Status broadcast_setup(World& w, Rng& rng, TaskInstance& inst) {
  Pick p;
  if (Status s = pick_message(w, rng, p, true); !s) return s;
  put(inst, p);
  static const char* kTexts[] = {"Following up on this today.", "Update: this is done.",
                                 "Heads up everyone, see the thread.", "I'll own this one.",
                                 "Resolved - details in the thread.", "Adding this to Friday's agenda."};
  inst.params.emplace_back("text", kTexts[rng.below(uint32_t(std::size(kTexts)))]);
  kit::phrase(rng, inst, {"Reply in the thread of {sender}'s \"{body}\" with \"{text}\" and also send it to #{channel_name}.",
                          "Answer \"{body}\" in its thread - \"{text}\" - ticking \"Also send to #{channel_name}\".",
                          "Thread reply to {sender} (\"{body}\"): {text} Make sure it shows in the channel too.",
                          "Post \"{text}\" as a reply to \"{body}\" that everyone in #{channel_name} sees."});
  return {};
}
bool broadcast_goal(World& w, const TaskInstance& i) {
  return kit::scalar(w, "SELECT count(*) FROM chat_messages WHERE sender_id = 1 AND thread_id = ? AND "
                        "broadcast = 1 AND body LIKE '%' || ? || '%'", i.param_int("message"), i.param("text")) > 0;
}
Verdict broadcast_check(World&, const WorldDiff& d, const TaskInstance& i, const Ending&) {
  Expect e(d);
  allow_reading(e);
  allow_answers(e, d);
  check_posted(e, d, i.param("channel"), i.param("message"), i.param("text"));
  for (const sim::RowChange* r : my_new(d))
    e.require(col(*r, "broadcast") == "1", "the reply was not also sent to the channel");
  return e.verdict();
}
Action broadcast_oracle(const sim::Env& env, const TaskInstance& i, int) {
  Ui ui(env);
  if (auto a = open_channel(ui, i.param_int("channel"))) return *a;
  const int64_t m = i.param_int("message");
  if (!ui.has(full(ck::key::thread_panel)) || !ui.has(full("tmsg:" + std::to_string(m)))) {
    if (auto a = ui.click(full(ck::key::reply(m)))) return *a;
    return or_noop(ui.scroll_to(full(ck::key::messages), full(ck::key::msg(m))));
  }
  const dom::A11yNode* box = ui.find(full(ck::key::also_send));
  if (box && !box->checked) return or_noop(ui.click(full(ck::key::also_send)));
  return send_text(ui, ck::key::thread_composer, i.param("text"));
}

// chat.finish_draft: a message left half-written in a channel, finished and sent.
Status draft_setup(World& w, Rng& rng, TaskInstance& inst) {
  int64_t id = 0;
  std::string name;
  const std::string first = kit::text(w, "SELECT c.name FROM chat_channels c JOIN chat_members m ON "
                                         "m.channel_id = c.id AND m.person_id = 1 WHERE c.kind <> 'dm' "
                                         "ORDER BY c.starred DESC, c.name LIMIT 1");
  if (Status s = pick_my_channel(w, rng, {"announcements", first}, id, name); !s) return s;
  static const char* kStarts[] = {"Quick update on the {project} rollout:", "For the {project} review,",
                                  "Reminder about {project}:", "Re the {project} budget,"};
  static const char* kTails[] = {"we are on track for Friday.", "please add your notes by noon.",
                                 "the doc is in the shared drive.", "I need two more reviewers.",
                                 "the numbers look good so far.", "let's sync tomorrow morning."};
  const auto& projects = assets::corpus("projects");
  std::string start = kStarts[rng.below(uint32_t(std::size(kStarts)))];
  start.replace(start.find("{project}"), 9, projects[rng.below(uint32_t(projects.size()))]);
  const std::string tail = kTails[rng.below(uint32_t(std::size(kTails)))];
  w.query("INSERT INTO chat_drafts(channel_id, body, ts_ms) VALUES(?, ?, ?)", id, start,
          w.now_ms() - 600000 * int64_t(1 + rng.below(6))).run();
  inst.params = {{"channel", std::to_string(id)}, {"channel_name", name}, {"start", start},
                 {"tail", tail}, {"text", start + " " + tail}};
  kit::phrase(rng, inst, {"You started a message in #{channel_name} (\"{start}\"). Finish it with \"{tail}\" and send it.",
                          "Finish your draft in #{channel_name}: add \"{tail}\" after what is there, then send.",
                          "Your unsent message to #{channel_name} needs an ending - \"{tail}\" - then send it.",
                          "Complete and send the draft in #{channel_name} so it reads \"{start} {tail}\"."});
  return {};
}
bool draft_goal(World& w, const TaskInstance& i) {
  return kit::scalar(w, "SELECT count(*) FROM chat_messages WHERE channel_id = ? AND sender_id = 1 AND "
                        "thread_id = 0 AND body = ?", i.param_int("channel"), i.param("text")) > 0;
}
Verdict draft_check(World&, const WorldDiff& d, const TaskInstance& i, const Ending&) {
  Expect e(d);
  allow_reading(e);
  allow_answers(e, d);
  check_posted(e, d, i.param("channel"), "0", i.param("text"));
  for (const sim::RowChange* r : my_new(d))
    e.require(kit::normalize(col(*r, "body")) == kit::normalize(i.param("text")),
              "the message is not the draft finished: \"" + col(*r, "body") + "\"");
  e.deleted("chat_drafts", i.param("channel"));
  return e.verdict();
}
Action draft_oracle(const sim::Env& env, const TaskInstance& i, int) {
  Ui ui(env);
  if (auto a = open_channel(ui, i.param_int("channel"))) return *a;
  return send_text(ui, ck::key::composer, i.param("text"));
}

// chat.mention_person: a question to a channel member, @mentioned (autocomplete) so they answer.
Status mention_person_setup(World& w, Rng& rng, TaskInstance& inst) {
  int64_t id = 0;
  std::string name;
  if (Status s = pick_my_channel(w, rng, {"announcements"}, id, name); !s) return s;
  std::vector<std::pair<int64_t, std::string>> members;
  for (auto q = w.query("SELECT p.id, p.name FROM chat_members m JOIN people p ON p.id = m.person_id WHERE "
                        "m.channel_id = ? AND p.id <> 1 ORDER BY p.id", id);
       q.step();)
    members.emplace_back(q.i64(0), std::string(q.text(1)));
  if (members.empty()) return none("nobody to ask");
  const auto& [pid, pname] = members[rng.below(uint32_t(members.size()))];
  static const char* kQs[] = {"can you share the latest {project} numbers?", "are we still on for the {project} review?",
                              "could you take a look at the {project} doc?", "who is covering {project} next week?"};
  const auto& projects = assets::corpus("projects");
  std::string q = kQs[rng.below(uint32_t(std::size(kQs)))];
  q.replace(q.find("{project}"), 9, projects[rng.below(uint32_t(projects.size()))]);
  inst.params = {{"channel", std::to_string(id)}, {"channel_name", name}, {"person_id", std::to_string(pid)},
                 {"person", pname}, {"question", q}, {"text", "@" + pname + " " + q}};
  kit::phrase(rng, inst, {"In #{channel_name}, mention {person} and ask: \"{question}\"",
                          "Ask {person} in #{channel_name} (with an @mention so they get notified): {question}",
                          "@mention {person} in #{channel_name} with the question \"{question}\"",
                          "Post in #{channel_name}, tagging {person}: {question}"});
  return {};
}
bool mention_person_goal(World& w, const TaskInstance& i) {
  return kit::scalar(w, "SELECT count(*) FROM chat_messages WHERE channel_id = ? AND sender_id = 1 AND "
                        "instr(body, ?) > 0 AND instr(body, ?) > 0", i.param_int("channel"),
                     "@" + i.param("person"), i.param("question")) > 0;
}
Verdict mention_person_check(World&, const WorldDiff& d, const TaskInstance& i, const Ending&) {
  Expect e(d);
  allow_reading(e);
  allow_answers(e, d);
  check_posted(e, d, i.param("channel"), "0", i.param("question"));
  for (const sim::RowChange* r : my_new(d))
    e.require(col(*r, "body").find(std::string("@").append(i.param("person"))) != std::string::npos,
              i.param("person") + " is not @mentioned");
  bool theirs = false;  // the one mentioned answers (pending or posted)
  for (const sim::RowChange* r : kit::inserted_rows(d, "chat_pending"))
    theirs |= col(*r, "person_id") == i.param("person_id");
  for (const sim::RowChange* r : kit::inserted_rows(d, "chat_messages"))
    theirs |= col(*r, "sender_id") == i.param("person_id");
  e.require(theirs, i.param("person") + " was not notified");
  return e.verdict();
}
Action mention_person_oracle(const sim::Env& env, const TaskInstance& i, int) {
  Ui ui(env);
  if (auto a = open_channel(ui, i.param_int("channel"))) return *a;
  // "@Full Name" through the suggestions, then the question.
  const std::string option = full(ck::key::mention(i.param_int("person_id")));
  if (ui.has(option)) return or_noop(ui.click(option));
  const dom::A11yNode* f = ui.find(full(ck::key::composer));
  const std::string at = "@" + i.param("person") + " ";
  if (f && f->value.rfind(at, 0) != 0) return or_noop(ui.fill(full(ck::key::composer), "@" + i.param("person").substr(0, 3)));
  return send_text(ui, ck::key::composer, i.param("text"));
}

// chat.unpin_message: a message the user pinned, unpinned.
Status unpin_setup(World& w, Rng& rng, TaskInstance& inst) {
  Pick p;
  if (Status s = pick_message(w, rng, p, true); !s) return s;
  if (kit::scalar(w, "SELECT count(*) FROM chat_pins WHERE message_id = ?", p.message)) return none("pinned");
  w.query("INSERT INTO chat_pins(message_id, channel_id, person_id, ts_ms) VALUES(?, ?, 1, ?)", p.message,
          p.channel, w.now_ms() - 86400000).run();
  put(inst, p);
  kit::phrase(rng, inst, {"Unpin {sender}'s message \"{body}\" from #{channel_name}.",
                          "\"{body}\" doesn't need to be pinned in #{channel_name} anymore. Unpin it.",
                          "Remove the pin from \"{body}\" ({sender}, #{channel_name}).",
                          "Take \"{body}\" off #{channel_name}'s pinned messages."});
  return {};
}
bool unpin_goal(World& w, const TaskInstance& i) {
  return kit::scalar(w, "SELECT count(*) FROM chat_pins WHERE message_id = ?", i.param_int("message")) == 0;
}
Verdict unpin_check(World&, const WorldDiff& d, const TaskInstance& i, const Ending&) {
  Expect e(d);
  allow_reading(e);
  e.deleted("chat_pins", i.param("message"));
  return e.verdict();
}
Action unpin_oracle(const sim::Env& env, const TaskInstance& i, int) {
  Ui ui(env);
  if (auto a = open_channel(ui, i.param_int("channel"))) return *a;
  const std::string unpin = full(ck::key::unpin(i.param_int("message")));
  if (ui.has(unpin)) return or_noop(ui.click(unpin));
  return or_noop(ui.click(full(ck::key::pins)));
}

// chat.answer_mentions (hard): a thread reply under every message that @mentions the user.
Status mentions_setup(World& w, Rng& rng, TaskInstance& inst) {
  std::string ids;
  int n = 0;
  for (auto q = w.query("SELECT m.id FROM chat_messages m JOIN people u ON u.id = 1 WHERE m.sender_id <> 1 "
                        "AND m.thread_id = 0 AND m.channel_id IN (SELECT channel_id FROM chat_members "
                        "WHERE person_id = 1) AND " + std::string(ck::kMentionsUser) + " ORDER BY m.id");
       q.step(); ++n)
    ids.append(ids.empty() ? "" : ",").append(std::to_string(q.i64(0)));
  if (n < 3) return none("fewer than 3 mentions");
  static const char* kTexts[] = {"On it - will get back to you today.", "Thanks for the ping, looking now.",
                                 "Got it, I'll follow up by end of day.", "Seen - replying properly tomorrow.",
                                 "Thanks! I'll take care of it.", "Noted, I'll have an answer by Friday.",
                                 "Will do - give me until this afternoon.", "Thanks, adding it to my list.",
                                 "Good question, let me check and come back to you."};
  static const char* kWhen[] = {"", " before lunch", " this morning", " now", " before your next meeting"};
  inst.params = {{"ids", ids}, {"count", std::to_string(n)}, {"text", kTexts[rng.below(uint32_t(std::size(kTexts)))]},
                 {"when", kWhen[rng.below(uint32_t(std::size(kWhen)))]}};
  kit::phrase(rng, inst, {"Reply{when} in the thread of every message that @mentions you: \"{text}\"",
                          "Answer each of your {count} mentions{when} with a thread reply saying \"{text}\".",
                          "Go through your mentions{when} and reply \"{text}\" in each one's thread.",
                          "Everyone who mentioned you gets a thread reply{when}: {text}",
                          "Catch up on your @mentions{when}: under each one, reply \"{text}\"",
                          "People are waiting on you. In the thread of every mention, write{when}: {text}"});
  return {};
}
bool mentions_goal(World& w, const TaskInstance& i) {
  for (int64_t id : id_list(i.param("ids")))
    if (!kit::scalar(w, "SELECT count(*) FROM chat_messages WHERE sender_id = 1 AND thread_id = ? AND "
                        "body LIKE '%' || ? || '%'", id, i.param("text")))
      return false;
  return true;
}
Verdict mentions_check(World& w, const WorldDiff& d, const TaskInstance& i, const Ending&) {
  Expect e(d);
  allow_reading(e);
  allow_answers(e, d);
  const auto ids = id_list(i.param("ids"));
  e.require(my_new(d).size() == ids.size(), "one reply per mention expected, not " + std::to_string(my_new(d).size()));
  for (int64_t id : ids) {
    const std::string ch = std::to_string(kit::scalar(w, "SELECT channel_id FROM chat_messages WHERE id = ?", id));
    const sim::RowChange* r = mine_saying(d, ch, std::to_string(id), i.param("text"));
    e.require(r != nullptr, "no reply in the thread of message " + std::to_string(id));
    if (r) e.inserted("chat_messages", r->key);
  }
  return e.verdict();
}
Action mentions_oracle(const sim::Env& env, const TaskInstance& i, int) {
  Ui ui(env);
  // In a mention's thread: answer it (once).
  for (int64_t id : id_list(i.param("ids")))
    if (ui.has(full(ck::key::thread_panel)) && ui.has(full("tmsg:" + std::to_string(id)))) {
      bool sent = false;
      for (const dom::A11yNode& n : ui.nodes())
        sent |= n.role == dom::Role::text && n.name == i.param("text") && n.id.rfind(full("tmsg:"), 0) == 0;
      if (!sent) return send_text(ui, ck::key::thread_composer, i.param("text"));
    }
  if (!ui.has(full(ck::key::mentions_view)) || !ui.find(full(ck::key::mentions_view))->selected)
    return or_noop(ui.click(full(ck::key::mentions_view)));
  for (int64_t id : id_list(i.param("ids"))) {
    const dom::A11yNode* row = ui.find(full("mentioned:" + std::to_string(id)));
    if (row && row->name.find("(you replied)") == std::string::npos) return or_noop(ui.click(full("mentioned:" + std::to_string(id))));
  }
  return Action::noop();
}

// chat.create_and_announce (hard): a new public channel, a coworker in it, a welcome, and an
// announcement in #general.
Status announce_setup(World& w, Rng& rng, TaskInstance& inst) {
  static const char* kNames[] = {"design-crit", "customer-feedback", "launch-updates", "data-questions",
                                 "office-moves", "security-champions", "sales-wins", "tooling"};
  const std::string name = kNames[rng.below(uint32_t(std::size(kNames)))];
  if (kit::scalar(w, "SELECT count(*) FROM chat_channels WHERE name = ?", name)) return none("taken");
  std::vector<std::pair<int64_t, std::string>> people;
  for (auto q = w.query("SELECT id, name FROM people WHERE company_id = 1 AND id <> 1 ORDER BY id"); q.step();)
    people.emplace_back(q.i64(0), std::string(q.text(1)));
  if (people.empty()) return none("nobody");
  const auto& [pid, pname] = people[rng.below(uint32_t(people.size()))];
  const int64_t general = kit::scalar(w, "SELECT id FROM chat_channels WHERE name = 'general'");
  inst.params = {{"name", name}, {"person_id", std::to_string(pid)}, {"person", pname},
                 {"general", std::to_string(general)},
                 {"welcome", "Welcome to #" + name + "! Post anything about " + std::string(name) + " here."},
                 {"announce", "New channel: #" + name + " - come and join us."}};
  kit::phrase(rng, inst, {"Create a public channel #{name}, add {person}, post \"{welcome}\" in it, then announce it in #general with \"{announce}\".",
                          "Start #{name} (public) with {person} in it. Say \"{welcome}\" there, and tell #general: \"{announce}\"",
                          "New channel time: #{name}, public, {person} added, first message \"{welcome}\"; then in #general post \"{announce}\"."});
  return {};
}
bool announce_goal(World& w, const TaskInstance& i) {
  const int64_t id = kit::scalar(w, "SELECT id FROM chat_channels WHERE name = ?", i.param("name"));
  return id && kit::scalar(w, "SELECT count(*) FROM chat_members WHERE channel_id = ? AND person_id = ?", id, i.param_int("person_id")) &&
         kit::scalar(w, "SELECT count(*) FROM chat_messages WHERE channel_id = ? AND sender_id = 1", id) &&
         kit::scalar(w, "SELECT count(*) FROM chat_messages WHERE channel_id = ? AND sender_id = 1 AND body LIKE '%' || ? || '%'",
                     i.param_int("general"), i.param("announce"));
}
Verdict announce_check(World& w, const WorldDiff& d, const TaskInstance& i, const Ending&) {
  Expect e(d);
  allow_reading(e);
  allow_answers(e, d);
  const int64_t id = kit::scalar(w, "SELECT id FROM chat_channels WHERE name = ?", i.param("name"));
  e.require(id > 0, "there is no #" + i.param("name"));
  if (id > 0) {
    const std::string sid = std::to_string(id);
    e.inserted("chat_channels", sid);
    e.inserted("chat_members", sid + "|1");
    e.inserted("chat_members", sid + "|" + i.param("person_id"));
    e.inserted("chat_reads", sid);
    e.require(kit::text(w, "SELECT kind FROM chat_channels WHERE id = ?", id) == "public", "the channel is not public");
    const sim::RowChange* welcome = mine_saying(d, sid, "0", i.param("welcome"));
    e.require(welcome != nullptr, "no welcome in #" + i.param("name"));
    if (welcome) e.inserted("chat_messages", welcome->key);
  }
  const sim::RowChange* ann = mine_saying(d, i.param("general"), "0", i.param("announce"));
  e.require(ann != nullptr, "#general was not told");
  if (ann) e.inserted("chat_messages", ann->key);
  e.require(my_new(d).size() == 2, "two messages expected");
  return e.verdict();
}
Action announce_oracle(const sim::Env& env, const TaskInstance& i, int) {
  Ui ui(env);
  const dom::A11yNode* title = ui.find(full(ck::key::channel_title));
  const bool there = title && title->name.rfind("# " + i.param("name") + " ", 0) == 0;
  bool exists = false;
  for (const dom::A11yNode* n : ui.with_prefix(full("channel:")))
    exists |= n->name.rfind("# " + i.param("name"), 0) == 0;
  if (!exists) {
    if (ui.has(full(ck::key::channel_dialog))) {
      if (auto a = ui.fill(full(ck::key::channel_name), i.param("name"))) return *a;
      return or_noop(ui.click(full(ck::key::create_channel)));
    }
    return or_noop(ui.click(full(ck::key::new_channel)));
  }
  if (there) {
    if (members_shown(ui) < 2) return add_person(ui, i.param_int("person_id"), i.param("person"));
    if (!channel_shows(ui, i.param("welcome"))) return send_text(ui, ck::key::composer, i.param("welcome"));
    return or_noop(open_channel(ui, i.param_int("general")));
  }
  if (is_open(ui, i.param_int("general"))) {  // (only after the welcome)
    if (channel_shows(ui, i.param("announce"))) return Action::noop();
    return send_text(ui, ck::key::composer, i.param("announce"));
  }
  return Action::noop();
}

// chat.relay_fact (hard, waiting): ask the one who knows, thank them with a reaction, and pass
// the answer on to a channel.
Status relay_setup(World& w, Rng& rng, TaskInstance& inst) {
  if (Status s = ask_setup(w, rng, inst); !s) return s;
  int64_t id = 0;
  std::string name;
  if (Status s = pick_my_channel(w, rng, {"announcements"}, id, name); !s) return s;
  inst.params.emplace_back("target", std::to_string(id));
  inst.params.emplace_back("target_name", name);
  kit::phrase(rng, inst, {"Ask {person} {what}, react to their answer with :white_check_mark:, and post the answer in #{target_name}.",
                          "#{target_name} needs {what}. Only {first} knows: ask them, mark their reply with :white_check_mark:, then share it in #{target_name}.",
                          "Find out {what} from {person} (react :white_check_mark: to the answer) and tell #{target_name}."});
  return {};
}
bool relay_goal(World& w, const TaskInstance& i) {
  return kit::scalar(w, "SELECT count(*) FROM chat_messages WHERE channel_id = ? AND sender_id = 1 AND "
                        "thread_id = 0 AND instr(body, ?) > 0", i.param_int("target"), i.param("value")) > 0 &&
         kit::scalar(w, "SELECT count(*) FROM chat_reactions r JOIN chat_messages m ON m.id = r.message_id "
                        "WHERE m.channel_id = ? AND m.sender_id <> 1 AND r.person_id = 1 AND r.emoji = "
                        "'white_check_mark'", i.param_int("channel")) > 0;
}
Verdict relay_check(World& w, const WorldDiff& d, const TaskInstance& i, const Ending&) {
  Expect e(d);
  allow_reading(e);
  allow_answers(e, d);
  bool asked = false, shared = false;
  for (const sim::RowChange* r : my_new(d)) {
    e.inserted("chat_messages", r->key);
    const std::string body = kit::normalize(col(*r, "body"));
    asked |= col(*r, "channel_id") == i.param("channel") && body.find(kit::normalize(i.param("subject"))) != std::string::npos;
    shared |= col(*r, "channel_id") == i.param("target") && col(*r, "thread_id") == "0" &&
              body.find(kit::normalize(i.param("value"))) != std::string::npos;
  }
  e.require(asked, i.param("person") + " was never asked");
  e.require(shared, "#" + i.param("target_name") + " was not told " + i.param("value"));
  require_answer(e, d, i.param("channel"), true);
  // The reaction: on their answer (a message of theirs that landed in the DM).
  int64_t answer = 0;
  for (const sim::RowChange* r : kit::inserted_rows(d, "chat_messages"))
    if (col(*r, "channel_id") == i.param("channel") && col(*r, "sender_id") != "1") answer = std::atoll(r->key.c_str());
  e.require(answer && kit::scalar(w, "SELECT count(*) FROM chat_reactions WHERE message_id = ? AND person_id = 1 "
                                     "AND emoji = 'white_check_mark'", answer),
            "their answer has no :white_check_mark: from you");
  if (answer) e.inserted("chat_reactions", std::to_string(answer) + "|1|white_check_mark");
  return e.verdict();
}
Action relay_oracle(const sim::Env& env, const TaskInstance& i, int) {
  Ui ui(env);
  if (is_open(ui, i.param_int("target"))) {
    if (channel_shows(ui, i.param("value"))) return Action::noop();
    return send_text(ui, ck::key::composer, i.param("value"));
  }
  if (auto a = open_channel(ui, i.param_int("channel"))) return *a;
  if (auto a = pick_emoji(ui, "white_check_mark")) return *a;
  for (const dom::A11yNode& n : ui.nodes())
    if (n.role == dom::Role::text && n.id.rfind(full("msg:"), 0) == 0 &&
        n.name.find(i.param("value")) != std::string::npos) {
      const int64_t m = std::atoll(n.id.c_str() + full("msg:").size());
      const dom::A11yNode* chip = ui.find(full(ck::key::reaction(m, "white_check_mark")));
      if (!chip || !chip->selected) return or_noop(ui.click(full(ck::key::react(m))));
      return or_noop(open_channel(ui, i.param_int("target")));
    }
  for (const dom::A11yNode& n : ui.nodes())
    if (n.role == dom::Role::text && n.name == i.param("ask")) return Action::wait(20000);
  return send_text(ui, ck::key::composer, i.param("ask"));
}

// chat.tidy_channels (hard): star one channel, set another's topic, archive a third.
Status tidy_setup(World& w, Rng& rng, TaskInstance& inst) {
  std::vector<std::pair<int64_t, std::string>> ch;
  for (auto q = w.query("SELECT c.id, c.name FROM chat_channels c JOIN chat_members m ON m.channel_id = c.id "
                        "AND m.person_id = 1 WHERE c.kind = 'public' AND c.name <> 'general' ORDER BY c.id");
       q.step();)
    ch.emplace_back(q.i64(0), std::string(q.text(1)));
  if (ch.size() < 3) return none("too few channels");
  for (size_t k = ch.size() - 1; k > 0; --k) std::swap(ch[k], ch[rng.below(uint32_t(k + 1))]);
  inst.params = {{"a", std::to_string(ch[0].first)}, {"a_name", ch[0].second},
                 {"b", std::to_string(ch[1].first)}, {"b_name", ch[1].second},
                 {"c", std::to_string(ch[2].first)}, {"c_name", ch[2].second},
                 {"topic", kTopics[rng.below(uint32_t(std::size(kTopics)))]}};
  kit::phrase(rng, inst, {"Tidy up: star #{a_name}, set #{b_name}'s topic to \"{topic}\", and archive #{c_name}.",
                          "Three changes: #{a_name} starred; #{b_name} gets the topic \"{topic}\"; #{c_name} archived.",
                          "Archive #{c_name}, but first star #{a_name} and change the topic of #{b_name} to \"{topic}\"."});
  return {};
}
bool tidy_goal(World& w, const TaskInstance& i) {
  return kit::scalar(w, "SELECT starred FROM chat_channels WHERE id = ?", i.param_int("a")) == 1 &&
         kit::text(w, "SELECT topic FROM chat_channels WHERE id = ?", i.param_int("b")) == i.param("topic") &&
         kit::scalar(w, "SELECT archived FROM chat_channels WHERE id = ?", i.param_int("c")) == 1;
}
Verdict tidy_check(World&, const WorldDiff& d, const TaskInstance& i, const Ending&) {
  Expect e(d);
  allow_reading(e);
  e.updated("chat_channels", i.param("a"), {{"starred", "1"}});
  e.updated("chat_channels", i.param("b"), {{"topic", i.param("topic")}});
  e.updated("chat_channels", i.param("c"), {{"archived", "1"}});
  return e.verdict();
}
Action tidy_oracle(const sim::Env& env, const TaskInstance& i, int) {
  Ui ui(env);
  const dom::A11yNode* c = ui.find(full(ck::key::channel(i.param_int("c"))));
  if (!c) return Action::noop();  // archived: the last step
  const dom::A11yNode* a = ui.find(full(ck::key::channel(i.param_int("a"))));
  if (a && a->name.find(", starred") == std::string::npos) {
    if (auto act = open_channel(ui, i.param_int("a"))) return *act;
    return or_noop(ui.click(full(ck::key::star)));
  }
  if (is_open(ui, i.param_int("c"))) {
    if (ui.has(full(ck::key::confirm_archive))) return or_noop(ui.click(full(ck::key::confirm_archive)));
    return or_noop(channel_item(ui, i.param_int("c"), ck::key::kMenuArchive));
  }
  if (is_open(ui, i.param_int("b"))) {
    const dom::A11yNode* head = ui.find(full(ck::key::header));
    if (head && head->name.find(i.param("topic")) != std::string::npos && !ui.has(full(ck::key::topic_dialog)))
      return or_noop(open_channel(ui, i.param_int("c")));
    return set_topic(ui, i.param("topic"));
  }
  return or_noop(open_channel(ui, i.param_int("b")));
}

// chat.onboard_person (hard): a coworker into two channels, and a welcome in a DM.
Status onboard_setup(World& w, Rng& rng, TaskInstance& inst) {
  std::vector<std::pair<int64_t, std::string>> people;
  for (auto q = w.query("SELECT id, name FROM people WHERE company_id = 1 AND id <> 1 ORDER BY id"); q.step();)
    people.emplace_back(q.i64(0), std::string(q.text(1)));
  // Those not yet in at least two of the user's public channels.
  people.erase(std::remove_if(people.begin(), people.end(), [&](const auto& p) {
                 return kit::scalar(w, "SELECT count(*) FROM chat_channels c JOIN chat_members m ON m.channel_id "
                                       "= c.id AND m.person_id = 1 WHERE c.kind = 'public' AND c.id NOT IN "
                                       "(SELECT channel_id FROM chat_members WHERE person_id = ?)", p.first) < 2;
               }), people.end());
  if (people.empty()) return none("nobody");
  const auto& [pid, pname] = people[rng.below(uint32_t(people.size()))];
  std::vector<std::tuple<int64_t, std::string, int64_t>> ch;  // id, name, members
  for (auto q = w.query("SELECT c.id, c.name, (SELECT count(*) FROM chat_members x WHERE x.channel_id = c.id) "
                        "FROM chat_channels c JOIN chat_members m ON m.channel_id = c.id AND m.person_id = 1 "
                        "WHERE c.kind = 'public' AND c.id NOT IN (SELECT channel_id FROM chat_members WHERE "
                        "person_id = ?) ORDER BY c.id", pid);
       q.step();)
    ch.emplace_back(q.i64(0), std::string(q.text(1)), q.i64(2));
  if (ch.size() < 2) return none("they are in nearly every channel");
  for (size_t k = ch.size() - 1; k > 0; --k) std::swap(ch[k], ch[rng.below(uint32_t(k + 1))]);
  static const char* kWelcome[] = {"Welcome aboard! I added you to the channels you'll need.",
                                   "Hi! You're in the team channels now - shout if you need anything.",
                                   "Welcome! Ping me with any questions as you settle in."};
  inst.params = {{"person_id", std::to_string(pid)}, {"person", pname},
                 {"a", std::to_string(std::get<0>(ch[0]))}, {"a_name", std::get<1>(ch[0])},
                 {"a_members", std::to_string(std::get<2>(ch[0]))},
                 {"b", std::to_string(std::get<0>(ch[1]))}, {"b_name", std::get<1>(ch[1])},
                 {"b_members", std::to_string(std::get<2>(ch[1]))},
                 {"dm", std::to_string(kit::scalar(w, "SELECT id FROM chat_channels WHERE kind = 'dm' AND dm_person_id = ?", pid))},
                 {"text", kWelcome[rng.below(3)]}};
  kit::phrase(rng, inst, {"Onboard {person}: add them to #{a_name} and #{b_name}, then DM them \"{text}\"",
                          "{person} needs #{a_name} and #{b_name}. Add them to both and send them a direct message: {text}",
                          "Get {person} into #{b_name} and #{a_name}, and welcome them privately with \"{text}\""});
  return {};
}
bool onboard_goal(World& w, const TaskInstance& i) {
  return kit::scalar(w, "SELECT count(*) FROM chat_members WHERE person_id = ? AND channel_id IN (?, ?)",
                     i.param_int("person_id"), i.param_int("a"), i.param_int("b")) == 2 &&
         kit::scalar(w, "SELECT count(*) FROM chat_messages m JOIN chat_channels c ON c.id = m.channel_id WHERE "
                        "c.kind = 'dm' AND c.dm_person_id = ? AND m.sender_id = 1 AND m.body LIKE '%' || ? || '%'",
                     i.param_int("person_id"), i.param("text")) > 0;
}
Verdict onboard_check(World& w, const WorldDiff& d, const TaskInstance& i, const Ending&) {
  Expect e(d);
  allow_reading(e);
  allow_answers(e, d);
  e.inserted("chat_members", i.param("a") + "|" + i.param("person_id"));
  e.inserted("chat_members", i.param("b") + "|" + i.param("person_id"));
  const int64_t dm = kit::scalar(w, "SELECT id FROM chat_channels WHERE kind = 'dm' AND dm_person_id = ?",
                                 i.param_int("person_id"));
  check_posted(e, d, std::to_string(dm), "0", i.param("text"));
  require_answer(e, d, std::to_string(dm), false);
  if (i.param("dm") == "0") {
    e.inserted("chat_channels", std::to_string(dm));
    e.inserted("chat_members", std::to_string(dm) + "|1");
    e.inserted("chat_members", std::to_string(dm) + "|" + i.param("person_id"));
    e.inserted("chat_reads", std::to_string(dm));
  }
  return e.verdict();
}
Action onboard_oracle(const sim::Env& env, const TaskInstance& i, int) {
  Ui ui(env);
  if (dm_with_open(ui, i.param("person"))) {
    if (channel_shows(ui, i.param("text"))) return Action::noop();
    return send_text(ui, ck::key::composer, i.param("text"));
  }
  for (const char* k : {"a", "b"}) {
    const int64_t ch = i.param_int(k);
    if (!is_open(ui, ch)) {
      if (std::string(k) == "a") {
        if (is_open(ui, i.param_int("b"))) continue;  // a is done: we moved on
        return or_noop(open_channel(ui, ch));
      }
      return or_noop(open_channel(ui, ch));
    }
    if (members_shown(ui) == i.param_int(std::string(k) + "_members"))
      return add_person(ui, i.param_int("person_id"), i.param("person"));
    if (std::string(k) == "a") return or_noop(open_channel(ui, i.param_int("b")));
    return switch_to_person(ui, i.param_int("person_id"), i.param("person"));
  }
  return switch_to_person(ui, i.param_int("person_id"), i.param("person"));
}

// chat.escalate_incident (hard): pin an incident, react :eyes:, reply in its thread also sent
// to the channel, and put it in the channel's topic.
Status escalate_setup(World& w, Rng& rng, TaskInstance& inst) {
  const int64_t incidents = kit::scalar(w, "SELECT id FROM chat_channels WHERE name = 'incidents'");
  std::vector<std::pair<int64_t, std::string>> open;
  for (auto q = w.query("SELECT id, body FROM chat_messages WHERE channel_id = ? AND thread_id = 0 AND "
                        "body LIKE 'INC-%' AND body NOT LIKE '%resolved%' ORDER BY ts_ms DESC LIMIT 6", incidents);
       q.step();)
    open.emplace_back(q.i64(0), std::string(q.text(1)));
  if (open.empty()) return none("no open incident");
  const auto& [msg, body] = open[rng.below(uint32_t(open.size()))];
  if (kit::scalar(w, "SELECT count(*) FROM chat_pins WHERE message_id = ?", msg) ||
      kit::scalar(w, "SELECT count(*) FROM chat_reactions WHERE message_id = ? AND person_id = 1 AND emoji = 'eyes'", msg))
    return none("already handled");
  const std::string inc = body.substr(0, body.find(':'));
  static const char* kTexts[] = {"I'm taking this one.", "Investigating now, updates in this thread.",
                                 "On it - will post findings here.", "Escalating: I'm the point person."};
  inst.params = {{"channel", std::to_string(incidents)}, {"message", std::to_string(msg)}, {"inc", inc},
                 {"body", body}, {"text", kTexts[rng.below(4)]}, {"topic", "Handling " + inc}};
  kit::phrase(rng, inst, {"Take {inc}: pin it, react :eyes:, reply in its thread \"{text}\" (also sent to the channel), and set #incidents' topic to \"{topic}\".",
                          "{inc} is yours now. In #incidents: pin the message, add :eyes:, answer in the thread with \"{text}\" so the channel sees it too, and change the topic to \"{topic}\".",
                          "Own {inc}: topic \"{topic}\" in #incidents, the incident pinned with an :eyes: reaction, and a thread reply \"{text}\" also posted to the channel."});
  return {};
}
bool escalate_goal(World& w, const TaskInstance& i) {
  const int64_t m = i.param_int("message");
  return kit::scalar(w, "SELECT count(*) FROM chat_pins WHERE message_id = ?", m) &&
         kit::scalar(w, "SELECT count(*) FROM chat_reactions WHERE message_id = ? AND person_id = 1 AND emoji = 'eyes'", m) &&
         kit::scalar(w, "SELECT count(*) FROM chat_messages WHERE thread_id = ? AND sender_id = 1 AND broadcast = 1", m) &&
         kit::text(w, "SELECT topic FROM chat_channels WHERE id = ?", i.param_int("channel")) == i.param("topic");
}
Verdict escalate_check(World&, const WorldDiff& d, const TaskInstance& i, const Ending&) {
  Expect e(d);
  allow_reading(e);
  allow_answers(e, d);
  e.inserted("chat_pins", i.param("message"));
  e.inserted("chat_reactions", i.param("message") + "|1|eyes");
  e.updated("chat_channels", i.param("channel"), {{"topic", i.param("topic")}});
  check_posted(e, d, i.param("channel"), i.param("message"), i.param("text"));
  for (const sim::RowChange* r : my_new(d))
    e.require(col(*r, "broadcast") == "1", "the reply was not also sent to the channel");
  return e.verdict();
}
Action escalate_oracle(const sim::Env& env, const TaskInstance& i, int) {
  Ui ui(env);
  if (auto a = open_channel(ui, i.param_int("channel"))) return *a;
  const int64_t m = i.param_int("message");
  if (ui.has(full(ck::key::topic_dialog))) return set_topic(ui, i.param("topic"));
  if (auto a = pick_emoji(ui, "eyes")) return *a;
  if (!ui.has(full(ck::key::msg(m)))) return or_noop(ui.scroll_to(full(ck::key::messages), full(ck::key::msg(m))));
  if (!msg_shows(ui, m, "Pinned by")) return more_item(ui, m, 1);
  auto hover = [&](const std::string& k) {  // a hover action of m, scrolled into view
    if (auto a = ui.click(full(k))) return *a;
    return or_noop(ui.scroll_to(full(ck::key::messages), full(ck::key::msg(m))));
  };
  const dom::A11yNode* chip = ui.find(full(ck::key::reaction(m, "eyes")));
  if (!chip || !chip->selected) return hover(ck::key::react(m));
  if (!channel_shows(ui, i.param("text"))) {  // the reply, as the channel shows it
    if (!ui.has(full(ck::key::thread_panel))) return hover(ck::key::reply(m));
    const dom::A11yNode* box = ui.find(full(ck::key::also_send));
    if (box && !box->checked) return or_noop(ui.click(full(ck::key::also_send)));
    return send_text(ui, ck::key::thread_composer, i.param("text"));
  }
  const dom::A11yNode* head = ui.find(full(ck::key::header));
  if (head && head->name.find(i.param("topic")) != std::string::npos) return Action::noop();
  return set_topic(ui, i.param("topic"));
}

// chat.page_two_owners (hard): the owners of two services (the pinned list), each told in a DM.
Status two_owners_setup(World& w, Rng& rng, TaskInstance& inst) {
  static const char* kSvc[] = {"payments-api", "search-indexer", "billing-worker", "auth-gateway",
                               "reports-cron", "email-relay", "ledger-sync", "image-resizer"};
  const uint32_t a = rng.below(8);
  Owner oa, ob;
  std::string sb;
  {
    auto r = owner_of(w, kSvc[a]);
    if (!r) return r.error();
    oa = *r;
  }
  for (uint32_t k = 1; k < 8 && sb.empty(); ++k) {
    const char* cand = kSvc[(a + k * 3) % 8];
    auto r = owner_of(w, cand);
    if (r && r->person != oa.person) ob = *r, sb = cand;
  }
  if (sb.empty()) return none("one owner for everything");
  static const char* kTexts[] = {"Heads up: maintenance window tonight at 10 PM, your service is in scope.",
                                 "Reminder: the security patch for your service is due Friday.",
                                 "FYI: load testing starts tomorrow and will hit your service.",
                                 "Please confirm your service's on-call contact for next week."};
  inst.params = {{"svc_a", kSvc[a]}, {"svc_b", sb}, {"a_id", std::to_string(oa.person)}, {"a", oa.name},
                 {"b_id", std::to_string(ob.person)}, {"b", ob.name}, {"a_dm", std::to_string(oa.dm)},
                 {"b_dm", std::to_string(ob.dm)}, {"engineering", std::to_string(oa.engineering)},
                 {"text", kTexts[rng.below(4)]}};
  kit::phrase(rng, inst, {"Send the owners of {svc_a} and {svc_b} a direct message each: \"{text}\"",
                          "DM whoever owns {svc_a}, and whoever owns {svc_b}: {text}",
                          "The {svc_a} and {svc_b} owners need to hear this, privately: \"{text}\""});
  return {};
}
bool two_owners_goal(World& w, const TaskInstance& i) {
  for (const char* k : {"a_id", "b_id"})
    if (!kit::scalar(w, "SELECT count(*) FROM chat_messages m JOIN chat_channels c ON c.id = m.channel_id WHERE "
                        "c.kind = 'dm' AND c.dm_person_id = ? AND m.sender_id = 1 AND m.body LIKE '%' || ? || '%'",
                     i.param_int(k), i.param("text")))
      return false;
  return true;
}
Verdict two_owners_check(World& w, const WorldDiff& d, const TaskInstance& i, const Ending&) {
  Expect e(d);
  allow_reading(e);
  allow_answers(e, d);
  e.require(my_new(d).size() == 2, "two messages expected, not " + std::to_string(my_new(d).size()));
  for (const char* k : {"a", "b"}) {
    const std::string pid = i.param(std::string(k) + "_id");
    const int64_t dm = kit::scalar(w, "SELECT id FROM chat_channels WHERE kind = 'dm' AND dm_person_id = ?", int64_t(std::atoll(pid.c_str())));
    const sim::RowChange* r = mine_saying(d, std::to_string(dm), "0", i.param("text"));
    e.require(r != nullptr, i.param(k) + " did not get the message");
    if (r) e.inserted("chat_messages", r->key);
    require_answer(e, d, std::to_string(dm), false);
    if (i.param(std::string(k) + "_dm") == "0") {
      e.inserted("chat_channels", std::to_string(dm));
      e.inserted("chat_members", std::to_string(dm) + "|1");
      e.inserted("chat_members", std::to_string(dm) + "|" + pid);
      e.inserted("chat_reads", std::to_string(dm));
    }
  }
  return e.verdict();
}
Action two_owners_oracle(const sim::Env& env, const TaskInstance& i, int) {
  Ui ui(env);
  // In b's DM: the last one. In a's DM: send, then b.
  if (dm_with_open(ui, i.param("b"))) {
    if (channel_shows(ui, i.param("text"))) return Action::noop();
    return send_text(ui, ck::key::composer, i.param("text"));
  }
  if (dm_with_open(ui, i.param("a"))) {
    if (!channel_shows(ui, i.param("text"))) return send_text(ui, ck::key::composer, i.param("text"));
    return switch_to_person(ui, i.param_int("b_id"), i.param("b"));
  }
  // The owners, read from #engineering's pinned list (to know whom to message).
  std::string a, b;
  if (auto act = read_owner(ui, i.param_int("engineering"), a, i.param("svc_a"))) return *act;
  if (auto act = read_owner(ui, i.param_int("engineering"), b, i.param("svc_b"))) return *act;
  return switch_to_person(ui, i.param_int("a_id"), a);
}

// chat.join_channel: a public channel the user is not in, joined (Browse channels), and a
// first message there.
Status join_setup(World& w, Rng& rng, TaskInstance& inst) {
  std::vector<std::pair<int64_t, std::string>> ch;
  for (auto q = w.query("SELECT c.id, c.name FROM chat_channels c WHERE c.kind = 'public' AND c.archived = 0 "
                        "AND c.id NOT IN (SELECT channel_id FROM chat_members WHERE person_id = 1) ORDER BY c.id");
       q.step();)
    ch.emplace_back(q.i64(0), std::string(q.text(1)));
  if (ch.empty()) return none("the user is in every channel");
  const auto& [id, name] = ch[rng.below(uint32_t(ch.size()))];
  static const char* kHi[] = {"Hi everyone, glad to join!", "Hello! Lurking no more.", "Hey all - just joined.",
                              "Hi! Looking forward to following along.", "Hello from the ops side!"};
  inst.params = {{"channel", std::to_string(id)}, {"channel_name", name}, {"text", kHi[rng.below(5)]}};
  kit::phrase(rng, inst, {"Join #{channel_name} and say \"{text}\"",
                          "You're not in #{channel_name} yet. Join it and post: {text}",
                          "Find #{channel_name} in Browse channels, join, and introduce yourself with \"{text}\"",
                          "Become a member of #{channel_name}; your first message there: {text}"});
  return {};
}
Verdict join_check(World&, const WorldDiff& d, const TaskInstance& i, const Ending&) {
  Expect e(d);
  allow_reading(e);
  allow_answers(e, d);
  e.inserted("chat_members", i.param("channel") + "|1");
  e.inserted("chat_reads", i.param("channel"));
  return check_posted(e, d, i.param("channel"), "0", i.param("text")).verdict();
}
Action join_oracle(const sim::Env& env, const TaskInstance& i, int) {
  Ui ui(env);
  const int64_t ch = i.param_int("channel");
  if (ui.has(full(ck::key::channel(ch)))) {
    if (auto a = open_channel(ui, ch)) return *a;
    return send_text(ui, ck::key::composer, i.param("text"));
  }
  if (ui.has(full(ck::key::join(ch)))) {
    if (auto a = ui.click(full(ck::key::join(ch)))) return *a;
    return or_noop(ui.scroll_to(full(ck::key::results), full(ck::key::browse_row(ch))));
  }
  return or_noop(ui.click(full(ck::key::browse_view)));
}

// chat.group_kickoff (hard): a group conversation with three coworkers, a first message, and
// that message pinned.
Status group_setup(World& w, Rng& rng, TaskInstance& inst) {
  std::vector<std::tuple<int64_t, std::string, std::string>> people;
  for (auto q = w.query("SELECT id, name, first FROM people WHERE company_id = 1 AND id <> 1 ORDER BY id"); q.step();)
    people.emplace_back(q.i64(0), std::string(q.text(1)), std::string(q.text(2)));
  if (people.size() < 3) return none("few coworkers");
  for (size_t k = people.size() - 1; k > 0; --k) std::swap(people[k], people[rng.below(uint32_t(k + 1))]);
  people.resize(3);
  // Names typed must find only them: a full name no other coworker's starts like.
  for (const auto& [id, name, first] : people)
    if (kit::scalar(w, "SELECT count(*) FROM people WHERE company_id = 1 AND id <> 1 AND name LIKE ? || '%'", name) != 1)
      return none("a name others start with");
  auto sorted = people;
  std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) {
    return std::tie(std::get<2>(a), std::get<0>(a)) < std::tie(std::get<2>(b), std::get<0>(b));
  });
  std::string label;
  for (const auto& p : sorted) label.append(label.empty() ? "" : ", ").append(std::get<2>(p));
  static const char* kTexts[] = {"Kicking off the {project} working group here - agenda to follow.",
                                 "Let's use this thread-free space to plan {project}.",
                                 "Welcome! This is where we'll coordinate {project}.",
                                 "Quick group for {project}: first sync is Thursday."};
  const auto& projects = assets::corpus("projects");
  std::string text = kTexts[rng.below(4)];
  text.replace(text.find("{project}"), 9, projects[rng.below(uint32_t(projects.size()))]);
  inst.params = {{"a_id", std::to_string(std::get<0>(people[0]))}, {"a", std::get<1>(people[0])},
                 {"b_id", std::to_string(std::get<0>(people[1]))}, {"b", std::get<1>(people[1])},
                 {"c_id", std::to_string(std::get<0>(people[2]))}, {"c", std::get<1>(people[2])},
                 {"label", label}, {"text", text}};
  kit::phrase(rng, inst, {"Start a group message with {a}, {b} and {c}, post \"{text}\", and pin that message.",
                          "Open a group conversation (not a channel) with {b}, {c} and {a}; say \"{text}\" and pin it.",
                          "New group DM: {c}, {a}, {b}. First message: {text} Pin it so it stays on top."});
  return {};
}
int64_t group_of(World& w, const TaskInstance& i) {
  return kit::scalar(w, "SELECT c.id FROM chat_channels c WHERE c.kind = 'group' AND (SELECT count(*) FROM "
                        "chat_members m WHERE m.channel_id = c.id) = 4 AND (SELECT count(*) FROM chat_members m "
                        "WHERE m.channel_id = c.id AND m.person_id IN (1, ?, ?, ?)) = 4",
                     i.param_int("a_id"), i.param_int("b_id"), i.param_int("c_id"));
}
bool group_goal(World& w, const TaskInstance& i) {
  const int64_t g = group_of(w, i);
  return g && kit::scalar(w, "SELECT count(*) FROM chat_pins n JOIN chat_messages m ON m.id = n.message_id WHERE "
                             "m.channel_id = ? AND m.sender_id = 1", g) > 0;
}
Verdict group_check(World& w, const WorldDiff& d, const TaskInstance& i, const Ending&) {
  Expect e(d);
  allow_reading(e);
  allow_answers(e, d);
  const int64_t g = group_of(w, i);
  e.require(g > 0, "there is no group conversation of exactly you, " + i.param("a") + ", " + i.param("b") +
                       " and " + i.param("c"));
  if (g > 0) {
    const std::string sg = std::to_string(g);
    e.inserted("chat_channels", sg);
    for (const char* k : {"a_id", "b_id", "c_id"}) e.inserted("chat_members", sg + "|" + i.param(k));
    e.inserted("chat_members", sg + "|1");
    e.inserted("chat_reads", sg);
    check_posted(e, d, sg, "0", i.param("text"));
    for (const sim::RowChange* r : my_new(d)) e.inserted("chat_pins", r->key);
  }
  return e.verdict();
}
Action group_oracle(const sim::Env& env, const TaskInstance& i, int) {
  Ui ui(env);
  const dom::A11yNode* title = ui.find(full(ck::key::channel_title));
  if (title && title->name == i.param("label") + " (members)") {
    for (const dom::A11yNode& n : ui.nodes())
      if (n.role == dom::Role::text && n.name == i.param("text") && n.id.rfind(full("msg:"), 0) == 0) {
        const int64_t m = std::atoll(n.id.c_str() + full("msg:").size());
        if (msg_shows(ui, m, "Pinned by")) return Action::noop();
        return more_item(ui, m, 1);
      }
    return send_text(ui, ck::key::composer, i.param("text"));
  }
  if (ui.has(full(ck::key::dm_dialog))) {
    for (const char* k : {"a", "b", "c"}) {
      const std::string id = i.param(std::string(k) + "_id");
      if (ui.has(full("dm_chosen:" + id))) continue;
      const std::string option = full(ck::key::dm_person(std::atoll(id.c_str())));
      if (ui.has(option)) return or_noop(ui.click(option));
      return or_noop(ui.fill(full(ck::key::dm_field), i.param(k)));
    }
    return or_noop(ui.click(full(ck::key::start_dm)));
  }
  return or_noop(ui.click(full(ck::key::new_dm)));
}

// chat.share_file: a file of the world's store shared in a channel with a line of text.
Status share_setup(World& w, Rng& rng, TaskInstance& inst) {
  int64_t id = 0;
  std::string name;
  if (Status s = pick_my_channel(w, rng, {"announcements"}, id, name); !s) return s;
  const int64_t n = kit::scalar(w, "SELECT count(*) FROM files f WHERE (SELECT count(*) FROM files g WHERE "
                                   "instr(lower(g.name), lower(f.name)) > 0) = 1");
  if (n == 0) return none("no file");
  auto q = w.query("SELECT f.id, f.name FROM files f WHERE (SELECT count(*) FROM files g WHERE "
                   "instr(lower(g.name), lower(f.name)) > 0) = 1 ORDER BY f.id LIMIT 1 OFFSET ?",
                   int64_t(rng.below(uint32_t(n))));
  if (!q.step()) return none("no file");
  static const char* kTexts[] = {"Here's the file we discussed.", "Sharing this for the review.",
                                 "Latest version attached.", "Please take a look before Friday.",
                                 "For reference, see attached."};
  inst.params = {{"channel", std::to_string(id)}, {"channel_name", name}, {"file", std::to_string(q.i64(0))},
                 {"file_name", std::string(q.text(1))}, {"text", kTexts[rng.below(5)]}};
  kit::phrase(rng, inst, {"Share \"{file_name}\" in #{channel_name} with the message \"{text}\"",
                          "Post the file {file_name} to #{channel_name}, saying: {text}",
                          "#{channel_name} needs {file_name}. Attach it to a message \"{text}\"",
                          "Send {file_name} to #{channel_name} along with \"{text}\""});
  return {};
}
bool share_goal(World& w, const TaskInstance& i) {
  return kit::scalar(w, "SELECT count(*) FROM chat_files x JOIN chat_messages m ON m.id = x.message_id WHERE "
                        "m.channel_id = ? AND m.sender_id = 1 AND x.file_id = ?",
                     i.param_int("channel"), i.param_int("file")) > 0;
}
Verdict share_check(World&, const WorldDiff& d, const TaskInstance& i, const Ending&) {
  Expect e(d);
  allow_reading(e);
  allow_answers(e, d);
  check_posted(e, d, i.param("channel"), "0", i.param("text"));
  for (const sim::RowChange* r : my_new(d)) e.inserted("chat_files", r->key + "|" + i.param("file"));
  return e.verdict();
}
Action share_oracle(const sim::Env& env, const TaskInstance& i, int) {
  Ui ui(env);
  if (auto a = open_channel(ui, i.param_int("channel"))) return *a;
  if (ui.has(full(ck::key::attach_dialog))) {
    const std::string opt = full(ck::key::file_option(i.param_int("file")));
    const dom::A11yNode* f = ui.find(full(ck::key::file_field));
    if (f && f->value == i.param("file_name") && ui.has(opt)) return or_noop(ui.click(opt));
    return or_noop(ui.fill(full(ck::key::file_field), i.param("file_name")));
  }
  const dom::A11yNode* chip = ui.find(full(ck::key::attached));
  if (!chip || chip->name != "Attached: " + i.param("file_name")) return or_noop(ui.click(full(ck::key::attach)));
  return send_text(ui, ck::key::composer, i.param("text"));
}

// chat.mute_channel: a noisy channel muted (its details' Settings).
Status mute_setup(World& w, Rng& rng, TaskInstance& inst) {
  int64_t id = 0;
  std::string name;
  if (Status s = pick_my_channel(w, rng, {}, id, name); !s) return s;
  static const char* kWhy[] = {"It's too noisy.", "I'll catch up on it weekly.", "I don't need the notifications.",
                               "It keeps distracting me.", "Focus time."};
  inst.params = {{"channel", std::to_string(id)}, {"channel_name", name}, {"why", kWhy[rng.below(5)]}};
  kit::phrase(rng, inst, {"Mute #{channel_name}. {why}", "{why} Mute the #{channel_name} channel.",
                          "Turn #{channel_name} to muted - {why}", "Silence #{channel_name} (mute it). {why}"});
  return {};
}
bool mute_goal(World& w, const TaskInstance& i) {
  return kit::scalar(w, "SELECT muted FROM chat_members WHERE channel_id = ? AND person_id = 1", i.param_int("channel")) == 1;
}
Verdict mute_check(World&, const WorldDiff& d, const TaskInstance& i, const Ending&) {
  Expect e(d);
  allow_reading(e);
  e.updated("chat_members", i.param("channel") + "|1", {{"muted", "1"}});
  return e.verdict();
}
Action mute_oracle(const sim::Env& env, const TaskInstance& i, int) {
  Ui ui(env);
  if (auto a = open_channel(ui, i.param_int("channel"))) return *a;
  if (ui.has(full(ck::key::mute))) return or_noop(ui.click(full(ck::key::mute)));
  if (ui.has(full(ck::key::panel_tab("settings")))) return or_noop(ui.click(full(ck::key::panel_tab("settings"))));
  return or_noop(channel_item(ui, i.param_int("channel"), ck::key::kMenuDetails));
}

// [SECTION] Coworkers who ask, and values to check with the one who knows ---------------------------
// A coworker of the user's company, other than the user and `except`, whose first name is theirs
// alone (instructions name people by it), drawn from `where` (a condition on people p).
struct Named {
  int64_t id = 0;
  std::string name, first;
};
Status pick_person(World& w, Rng& rng, const std::string& where, std::initializer_list<int64_t> except, Named& out) {
  std::vector<Named> all;
  for (auto q = w.query("SELECT p.id, p.name, p.first FROM people p WHERE p.company_id = 1 AND p.id <> 1 AND "
                        "(SELECT count(*) FROM people o WHERE o.company_id = 1 AND lower(o.first) = "
                        "lower(p.first)) = 1 AND " + where + " ORDER BY p.id");
       q.step();)
    if (std::find(except.begin(), except.end(), q.i64(0)) == except.end())
      all.push_back({q.i64(0), std::string(q.text(1)), std::string(q.text(2))});
  if (all.empty()) return none("nobody fits");
  out = all[rng.below(uint32_t(all.size()))];
  return {};
}
// A card (of `topic`, "" any) whose holder has a name of their own: its id, topic, subject,
// value and holder.
struct Card {
  int64_t id = 0;
  std::string topic, subject, value;
  Named holder;
};
Status pick_card(World& w, Rng& rng, const std::string& topic, Card& c) {
  std::vector<Card> all;
  for (auto q = w.query("SELECT k.id, k.topic, k.subject, k.value, p.id, p.name, p.first FROM knowledge k "
                        "JOIN people p ON p.id = k.person_id WHERE (? = '' OR k.topic = ?) AND (SELECT "
                        "count(*) FROM people o WHERE o.company_id = 1 AND lower(o.first) = lower(p.first)) "
                        "= 1 ORDER BY k.id", topic, topic);
       q.step();)
    all.push_back({q.i64(0), std::string(q.text(1)), std::string(q.text(2)), std::string(q.text(3)),
                   {q.i64(4), std::string(q.text(5)), std::string(q.text(6))}});
  if (all.empty()) return none("no card");
  c = all[rng.below(uint32_t(all.size()))];
  return {};
}
// The person a service_owner card names (0: another topic).
int64_t card_person(World& w, const Card& c) {
  if (c.topic != "service_owner") return 0;
  return kit::scalar(w, "SELECT ifnull((SELECT id FROM people WHERE name = ?), 0)", c.value);
}
// The coworker's answer in the open conversation: a message of theirs naming `value`.
bool shows_answer(const Ui& ui, const std::string& value, const std::string& ask) {
  for (const dom::A11yNode& n : ui.nodes())
    if (n.role == dom::Role::text && n.id.rfind(full("msg:"), 0) == 0 && n.name != ask &&
        n.name.find(value) != std::string::npos)
      return true;
  return false;
}
// Asks the open conversation's coworker `ask` and waits for the answer naming `value`; nullopt
// once it is there.
std::optional<Action> ask_and_wait(const Ui& ui, int64_t dm, const std::string& ask, const std::string& value) {
  if (auto a = open_channel(ui, dm)) return a;
  if (shows_answer(ui, value, ask)) return std::nullopt;
  if (channel_shows(ui, ask)) return Action::wait(20000);
  return send_text(ui, ck::key::composer, ask);
}

// chat.answer_request (waiting): a coworker asks the user for something only another knows.
Status request_setup(World& w, Rng& rng, TaskInstance& inst) {
  Card c;
  if (Status s = pick_card(w, rng, "", c); !s) return s;
  Named asker;
  if (Status s = pick_person(w, rng, "EXISTS (SELECT 1 FROM chat_channels c WHERE c.kind = 'dm' AND "
                                     "c.dm_person_id = p.id)", {c.holder.id, card_person(w, c)}, asker);
      !s)
    return s;
  Result<int64_t> dm_a = apps::chat::dm_with(w, asker.id), dm_h = apps::chat::dm_with(w, c.holder.id);
  if (!dm_a || !dm_h) return none("no conversation");
  // Why they ask, as fits what they ask about.
  const std::vector<const char*> why =
      c.topic == "service_owner" ? std::vector<const char*>{"I need to ask them about an alert.", "Their name goes in the incident report.", "I have a change that needs their review."}
      : c.topic == "launch_date" ? std::vector<const char*>{"It's for the planning doc.", "I want to put it in today's update.", "Marketing is asking."}
      : c.topic == "budget_code" ? std::vector<const char*>{"Finance is asking for it.", "I need it for the purchase order.", "The expense report wants one."}
                                 : std::vector<const char*>{"I need it for the budget review.", "Finance is asking for it.", "I want to compare it with the other bid."};
  std::string user_first;
  {
    auto q = w.query("SELECT first FROM people WHERE id = 1");
    if (q.step()) user_first = q.text(0);
  }
  std::string what = apps::world::card_what(c.topic, c.subject);
  const std::string body = "Hi " + user_first + ", do you know " + what + "? " + why[rng.below(uint32_t(why.size()))];
  w.query("INSERT INTO chat_messages(channel_id, sender_id, body, ts_ms, thread_id) VALUES(?, ?, ?, ?, 0)",
          *dm_a, asker.id, body, w.now_ms() - 60000 * int64_t(2 + rng.below(30))).run();
  const int64_t ask = apps::world::open_ask(w, asker.id, c.id);
  inst.params = {{"ask_id", std::to_string(ask)}, {"card", std::to_string(c.id)},
                 {"asker", asker.name}, {"asker_first", asker.first}, {"asker_dm", std::to_string(*dm_a)},
                 {"holder", c.holder.name}, {"holder_first", c.holder.first},
                 {"holder_dm", std::to_string(*dm_h)}, {"subject", c.subject}, {"value", c.value},
                 {"what", what}, {"ask", apps::world::card_question(c.topic, c.subject)}};
  kit::phrase(rng, inst, {"{asker} asked you something in a DM. {holder} knows the answer: ask them and reply to {asker_first}.",
                          "Answer {asker_first}'s question in your DMs. You don't know it, but {holder_first} does.",
                          "{asker_first} needs {what}. Get it from {holder} and send it to {asker_first}.",
                          "Reply to {asker}'s DM with what they asked for; {holder} can tell you."});
  return {};
}
bool request_goal(World& w, const TaskInstance& i) {
  return kit::scalar(w, "SELECT count(*) FROM coworker_asks WHERE id = ? AND status = 'answered'",
                     i.param_int("ask_id")) == 1;
}
Verdict request_check(World& w, const WorldDiff& d, const TaskInstance& i, const Ending&) {
  Expect e(d);
  allow_reading(e);
  allow_answers(e, d);
  bool asked = false, told = false;
  for (const sim::RowChange* r : my_new(d)) {
    e.inserted("chat_messages", r->key);
    const std::string ch = col(*r, "channel_id");
    e.require(ch == i.param("holder_dm") || ch == i.param("asker_dm"),
              "a message went to a conversation the task is not about");
    asked |= ch == i.param("holder_dm") &&
             kit::normalize(col(*r, "body")).find(kit::normalize(i.param("subject"))) != std::string::npos;
    told |= ch == i.param("asker_dm") &&
            apps::world::match_card(w, i.param_int("card"), apps::world::read_slots(w, col(*r, "body"))) ==
                apps::world::SlotMatch::same;
  }
  e.require(asked, i.param("holder") + " was never asked about " + i.param("subject"));
  e.require(told, i.param("asker") + " was never told " + i.param("value"));
  require_answer(e, d, i.param("holder_dm"), true);
  require_answer(e, d, i.param("asker_dm"), false);  // their thanks, on its way
  auto q = w.query("SELECT status, tries, answer FROM coworker_asks WHERE id = ?", i.param_int("ask_id"));
  if (q.step()) {
    e.require(q.text(0) == "answered", i.param("asker_first") + " has no answer they accept");
    std::vector<std::pair<std::string, std::string>> cols = {{"status", std::string(q.text(0))},
                                                             {"answer", std::string(q.text(2))}};
    if (q.i64(1) != 0) cols.emplace_back("tries", std::to_string(q.i64(1)));  // wrong values told first
    e.updated("coworker_asks", i.param("ask_id"), std::move(cols));
  }
  return e.verdict();
}
Action request_oracle(const sim::Env& env, const TaskInstance& i, int) {
  Ui ui(env);
  const int64_t asker_dm = i.param_int("asker_dm");
  if (is_open(ui, asker_dm)) {
    if (channel_shows(ui, i.param("value"))) return Action::noop();
    return send_text(ui, ck::key::composer, i.param("value"));
  }
  if (auto a = ask_and_wait(ui, i.param_int("holder_dm"), i.param("ask"), i.param("value"))) return *a;
  return or_noop(open_channel(ui, asker_dm));
}

// chat.check_quote (hard, waiting): a figure posted in a channel, checked with the one who knows;
// right: a :white_check_mark: on it; wrong: the right amount in its thread.
Status quote_setup(World& w, Rng& rng, TaskInstance& inst) {
  Card c;
  if (Status s = pick_card(w, rng, "vendor_quote", c); !s) return s;
  int64_t ch = 0;
  std::string ch_name;
  if (Status s = pick_my_channel(w, rng, {"announcements"}, ch, ch_name); !s) return s;
  Named poster;
  if (Status s = pick_person(w, rng, "EXISTS (SELECT 1 FROM chat_members m WHERE m.person_id = p.id AND "
                                     "m.channel_id = " + std::to_string(ch) + ")", {c.holder.id}, poster);
      !s)
    return s;
  Result<int64_t> dm_h = apps::chat::dm_with(w, c.holder.id);
  if (!dm_h) return none("no conversation");
  const int64_t truth = amounts_in(c.value).empty() ? 0 : amounts_in(c.value).front();
  const bool right = rng.below(2) == 0;
  int64_t claimed = truth;
  if (!right) {  // off by 5-40%, in whole $50s, never the truth
    const int64_t pct = 5 + int64_t(rng.below(36));
    claimed = (rng.below(2) ? truth * (100 + pct) : truth * (100 - pct)) / 100 / 5000 * 5000;
    if (claimed == truth || claimed <= 0) claimed = truth + 5000;
  }
  static const char* kPosts[] = {"The vendor quote for {subject} came back at {claimed}. Can someone confirm before I sign off?",
                                 "Quote for {subject} is {claimed} - does that match what we agreed?",
                                 "Heads up: {subject} vendor quoted {claimed}. Please sanity-check before I send the PO.",
                                 "I have {claimed} as the vendor quote for {subject}. Is that right?"};
  inst.params = {{"subject", c.subject}, {"claimed", format_usd(claimed, false)}};
  const std::string post = kit::fill(kPosts[rng.below(4)], inst);
  w.query("INSERT INTO chat_messages(channel_id, sender_id, body, ts_ms, thread_id) VALUES(?, ?, ?, ?, 0)",
          ch, poster.id, post, w.now_ms() - 60000 * int64_t(1 + rng.below(20))).run();
  inst.params = {{"channel", std::to_string(ch)}, {"channel_name", ch_name},
                 {"message", std::to_string(w.last_insert_rowid())}, {"poster", poster.name},
                 {"poster_first", poster.first}, {"holder", c.holder.name}, {"holder_first", c.holder.first},
                 {"holder_dm", std::to_string(*dm_h)}, {"subject", c.subject}, {"value", c.value},
                 {"truth", std::to_string(truth)}, {"claimed", format_usd(claimed, false)},
                 {"right", right ? "1" : "0"},
                 {"ask", "Is the vendor quote for " + c.subject + " " + format_usd(claimed, false) + "?"},
                 {"reply", "The right amount is " + c.value + " (per " + c.holder.first + ")."}};
  kit::phrase(rng, inst, {"{poster} posted a vendor quote for {subject} in #{channel_name}. Check it with {holder}: if it is right, react to the post with :white_check_mark:; if not, reply in its thread with the correct amount.",
                          "Is {poster_first}'s quote for {subject} in #{channel_name} correct? {holder_first} knows. Right: react :white_check_mark: to it. Wrong: answer in the thread with the right figure.",
                          "Verify the {subject} quote {poster_first} shared in #{channel_name} with {holder}. Mark it :white_check_mark: if it matches, otherwise post the correct amount as a thread reply.",
                          "Ask {holder_first} whether the quote for {subject} in #{channel_name} is right; react :white_check_mark: to {poster_first}'s post if so, or reply in its thread with the real amount."});
  return {};
}
bool quote_fixed(World& w, const TaskInstance& i) {
  for (auto q = w.query("SELECT body FROM chat_messages WHERE thread_id = ? AND sender_id = 1", i.param_int("message"));
       q.step();) {
    const std::vector<int64_t> a = amounts_in(q.text(0));
    if (std::find(a.begin(), a.end(), i.param_int("truth")) != a.end()) return true;
  }
  return false;
}
bool quote_goal(World& w, const TaskInstance& i) {
  if (i.param("right") == "0") return quote_fixed(w, i);
  return kit::scalar(w, "SELECT count(*) FROM chat_reactions WHERE message_id = ? AND person_id = 1 AND "
                        "emoji = 'white_check_mark'", i.param_int("message")) > 0;
}
Verdict quote_check(World& w, const WorldDiff& d, const TaskInstance& i, const Ending&) {
  Expect e(d);
  allow_reading(e);
  allow_answers(e, d);
  bool asked = false;
  int replies = 0;
  for (const sim::RowChange* r : my_new(d)) {
    e.inserted("chat_messages", r->key);
    const std::string ch = col(*r, "channel_id");
    asked |= ch == i.param("holder_dm") &&
             kit::normalize(col(*r, "body")).find(kit::normalize(i.param("subject"))) != std::string::npos;
    if (ch == i.param("channel") && col(*r, "thread_id") == i.param("message")) ++replies;
    else e.require(ch == i.param("holder_dm"), "a message went somewhere the task is not about");
  }
  e.require(asked, i.param("holder") + " was never asked about the quote");
  require_answer(e, d, i.param("holder_dm"), true);
  if (i.param("right") == "1") {
    e.require(replies == 0, "the quote was right: no correction was wanted");
    e.inserted("chat_reactions", i.param("message") + "|1|white_check_mark");
  } else {
    e.require(replies == 1 && quote_fixed(w, i), "the thread does not give the right amount, " + i.param("value"));
  }
  return e.verdict();
}
Action quote_oracle(const sim::Env& env, const TaskInstance& i, int) {
  Ui ui(env);
  const int64_t ch = i.param_int("channel"), m = i.param_int("message");
  if (!is_open(ui, ch)) {
    if (auto a = ask_and_wait(ui, i.param_int("holder_dm"), i.param("ask"), i.param("value"))) return *a;
    return or_noop(open_channel(ui, ch));
  }
  if (i.param("right") == "1") return or_noop(react_steps(ui, m, "white_check_mark"));
  return thread_reply_steps(ui, m, i.param("reply"));
}

// chat.confirm_launch (hard, waiting): a launch date checked with the one who knows, and the
// channel's topic set to the date they give.
Status launch_setup(World& w, Rng& rng, TaskInstance& inst) {
  Card c;
  if (Status s = pick_card(w, rng, "launch_date", c); !s) return s;
  int64_t ch = 0;
  std::string ch_name;
  if (Status s = pick_my_channel(w, rng, {"announcements"}, ch, ch_name); !s) return s;
  Result<int64_t> dm_h = apps::chat::dm_with(w, c.holder.id);
  if (!dm_h) return none("no conversation");
  const apps::world::Slots v = apps::world::read_slots(w, c.value);
  if (v.dates.empty()) return none("no date");
  // What the user was told: the date, or one 1-20 days off it (same year; the card's months
  // are March to June).
  int m = v.dates.front() / 100, d = v.dates.front() % 100;
  const bool right = rng.below(2) == 0;
  if (!right) {
    int64_t days = days_from_civil(2027, m, d) + (rng.below(2) ? 1 : -1) * int64_t(1 + rng.below(20));
    const Civil cd = civil_from_days(days);
    m = cd.m, d = cd.d;
  }
  const std::string claimed = std::string(kMonthLong[m - 1]) + " " + std::to_string(d);
  inst.params = {{"channel", std::to_string(ch)}, {"channel_name", ch_name},
                 {"holder", c.holder.name}, {"holder_first", c.holder.first},
                 {"holder_dm", std::to_string(*dm_h)}, {"subject", c.subject}, {"value", c.value},
                 {"claimed", claimed}, {"right", right ? "1" : "0"},
                 {"ask", "Does " + c.subject + " still launch on " + claimed + "?"},
                 {"topic", c.subject + " launches " + c.value}};
  kit::phrase(rng, inst, {"I heard {subject} launches on {claimed}. Check with {holder}, then set #{channel_name}'s topic to \"{subject} launches <date>\" with the date they confirm.",
                          "Confirm {subject}'s launch date ({claimed}?) with {holder_first} and put it in the #{channel_name} topic as \"{subject} launches <date>\".",
                          "Ask {holder} whether {subject} still launches {claimed}. Then make #{channel_name}'s topic read \"{subject} launches <the right date>\".",
                          "#{channel_name}'s topic should say \"{subject} launches <date>\" - is it {claimed}? {holder_first} knows; ask, then set the topic."});
  return {};
}
// The topic, with the date read as a date ("April 9", "Apr 9th", "4/9").
bool launch_topic_ok(World& w, const TaskInstance& i) {
  auto q = w.query("SELECT topic FROM chat_channels WHERE id = ?", i.param_int("channel"));
  if (!q.step()) return false;
  const std::string topic(q.text(0));
  const apps::world::Slots said = apps::world::read_slots(w, topic), truth = apps::world::read_slots(w, i.param("value"));
  return kit::normalize(topic).find(kit::normalize(i.param("subject"))) != std::string::npos &&
         said.dates.size() == 1 && !truth.dates.empty() && said.dates[0] == truth.dates[0];
}
bool launch_goal(World& w, const TaskInstance& i) { return launch_topic_ok(w, i); }
Verdict launch_check(World& w, const WorldDiff& d, const TaskInstance& i, const Ending&) {
  Expect e(d);
  allow_reading(e);
  allow_answers(e, d);
  bool asked = false;
  for (const sim::RowChange* r : my_new(d)) {
    e.inserted("chat_messages", r->key);
    e.require(col(*r, "channel_id") == i.param("holder_dm"), "a message went somewhere the task is not about");
    asked |= kit::normalize(col(*r, "body")).find(kit::normalize(i.param("subject"))) != std::string::npos;
  }
  e.require(asked, i.param("holder") + " was never asked about " + i.param("subject"));
  require_answer(e, d, i.param("holder_dm"), true);
  e.require(launch_topic_ok(w, i), "#" + i.param("channel_name") + "'s topic does not give " + i.param("subject") +
                                       "'s launch date, " + i.param("value"));
  auto q = w.query("SELECT topic FROM chat_channels WHERE id = ?", i.param_int("channel"));
  if (q.step()) e.updated("chat_channels", i.param("channel"), {{"topic", std::string(q.text(0))}});
  return e.verdict();
}
Action launch_oracle(const sim::Env& env, const TaskInstance& i, int) {
  Ui ui(env);
  const int64_t ch = i.param_int("channel");
  if (!is_open(ui, ch)) {
    if (auto a = ask_and_wait(ui, i.param_int("holder_dm"), i.param("ask"), i.param("value"))) return *a;
    return or_noop(open_channel(ui, ch));
  }
  if (!ui.has(full(ck::key::topic_dialog)))
    for (const dom::A11yNode& n : ui.nodes())
      if (n.name.find(i.param("topic")) != std::string::npos) return Action::noop();  // the header shows it
  return set_topic(ui, i.param("topic"));
}

}  // namespace

std::vector<sim::Task> templates() {
  using T = sim::Task;
  std::vector<T> t;
  t.push_back(T{.name = "chat.post_channel", .summary = "Post a message in a channel",
                .app = "chat", .tags = "easy,compose", .max_steps = 10, .setup = post_setup,
                .goal = posted_goal, .check = post_check, .oracle = post_oracle, .allows = kReading});
  t.push_back(T{.name = "chat.dm_person", .summary = "Send a coworker a direct message",
                .app = "chat", .tags = "easy,compose", .max_steps = 10, .setup = dm_setup,
                .goal = posted_goal, .check = dm_check, .oracle = post_oracle, .allows = kReading});
  t.push_back(T{.name = "chat.reply_thread", .summary = "Reply in a message's thread",
                .app = "chat", .tags = "medium,threads,compose", .max_steps = 12,
                .setup = thread_setup, .goal = thread_goal, .check = thread_check,
                .oracle = thread_oracle, .allows = kReading});
  t.push_back(T{.name = "chat.react", .summary = "React to a message with an emoji",
                .app = "chat", .tags = "easy,reactions", .max_steps = 8, .setup = react_setup,
                .goal = react_goal, .check = react_check, .oracle = react_oracle,
                .allows = kReading});
  t.push_back(T{.name = "chat.count_unread", .summary = "Read a channel's unread count",
                .app = "chat", .tags = "easy,retrieval", .max_steps = 6, .setup = unread_setup,
                .check = unread_check, .oracle = unread_oracle, .allows = kReading});
  t.push_back(T{.name = "chat.ask_fact", .summary = "Ask a coworker for a fact only they know",
                .app = "chat", .tags = "medium,waiting,coworkers,retrieval", .max_steps = 16,
                .setup = ask_setup, .check = ask_check, .oracle = ask_oracle,
                .allows = kReading});
  t.push_back(T{.name = "chat.fix_typo", .summary = "Fix a typo by editing your message",
                .app = "chat", .tags = "medium,edit", .max_steps = 12, .setup = typo_setup,
                .goal = typo_goal, .check = typo_check, .oracle = typo_oracle, .allows = kReading});
  t.push_back(T{.name = "chat.delete_mistake", .summary = "Delete a message posted by mistake",
                .app = "chat", .tags = "easy,edit", .max_steps = 8, .setup = mistake_setup,
                .goal = mistake_goal, .check = mistake_check, .oracle = mistake_oracle,
                .allows = kReading});
  t.push_back(T{.name = "chat.set_topic", .summary = "Set a channel's topic", .app = "chat",
                .tags = "medium,channels,form", .max_steps = 12, .setup = topic_setup,
                .goal = topic_goal, .check = topic_check, .oracle = topic_oracle,
                .allows = kReading});
  t.push_back(T{.name = "chat.create_private",
                .summary = "Create a private channel, add two people, set its topic",
                .app = "chat", .tags = "hard,channels,form", .max_steps = 30,
                .setup = create_setup, .goal = create_goal, .check = create_check,
                .oracle = create_oracle, .allows = kReading});
  t.push_back(T{.name = "chat.leave_quiet",
                .summary = "Leave every channel you never posted in (an exact set)", .app = "chat",
                .tags = "medium,channels,bulk", .max_steps = 20, .setup = quiet_setup,
                .goal = quiet_goal, .check = quiet_check, .oracle = quiet_oracle,
                .allows = kReading});
  t.push_back(T{.name = "chat.summarize_incidents",
                .summary = "Post the incident ids of #incidents to another channel", .app = "chat",
                .tags = "medium,retrieval,compose", .max_steps = 14, .setup = summary_setup,
                .goal = summary_goal, .check = summary_check, .oracle = summary_oracle, .allows = kReading});
  t.push_back(T{.name = "chat.mention_ask",
                .summary = "Ask a channel member by @mention; report their threaded answer",
                .app = "chat", .tags = "medium,waiting,coworkers,threads", .max_steps = 20,
                .setup = mention_setup, .check = mention_check, .oracle = mention_oracle,
                .allows = kReading});
  t.push_back(T{.name = "chat.react_on_arrival",
                .summary = "Wait for a deploy announcement, then react to it", .app = "chat",
                .tags = "medium,waiting,reactions", .max_steps = 20, .setup = arrival_setup,
                .goal = arrival_goal, .check = arrival_check, .oracle = arrival_oracle,
                .allows = kReading});
  t.push_back(T{.name = "chat.invite_person", .summary = "Add a coworker to a channel",
                .app = "chat", .tags = "medium,channels,form", .max_steps = 14,
                .setup = invite_setup, .goal = invite_goal, .check = invite_check,
                .oracle = invite_oracle, .allows = kReading});
  t.push_back(T{.name = "chat.count_replies", .summary = "Read how many replies a thread has",
                .app = "chat", .tags = "easy,retrieval,threads", .max_steps = 6,
                .setup = replies_setup, .check = replies_check, .oracle = replies_oracle,
                .allows = kReading});
  t.push_back(T{.name = "chat.answer_manager",
                .summary = "Wait for the manager's DM, then answer it", .app = "chat",
                .tags = "medium,waiting,compose", .max_steps = 24, .setup = manager_setup,
                .goal = manager_goal, .check = manager_check, .oracle = manager_oracle,
                .allows = kReading});
  t.push_back(T{.name = "chat.pin_message", .summary = "Pin a message to its channel",
                .app = "chat", .tags = "easy,pins", .max_steps = 8, .setup = pin_setup,
                .goal = pin_goal, .check = pin_check, .oracle = pin_oracle, .allows = kReading});
  t.push_back(T{.name = "chat.save_message", .summary = "Save a message for later",
                .app = "chat", .tags = "easy,saved", .max_steps = 8, .setup = save_setup,
                .goal = save_goal, .check = save_check, .oracle = save_oracle, .allows = kReading});
  t.push_back(T{.name = "chat.mark_unread", .summary = "Mark a message unread",
                .app = "chat", .tags = "medium,unread", .max_steps = 8, .setup = unread_mark_setup,
                .goal = unread_mark_goal, .check = unread_mark_check, .oracle = unread_mark_oracle,
                .allows = kReading});
  t.push_back(T{.name = "chat.set_status", .summary = "Set your status: emoji, text, clear after",
                .app = "chat", .tags = "medium,status,form", .max_steps = 14, .setup = status_setup,
                .goal = status_goal, .check = status_check, .oracle = status_oracle,
                .allows = kReading});
  t.push_back(T{.name = "chat.clear_status", .summary = "Clear an out-of-date status",
                .app = "chat", .tags = "easy,status", .max_steps = 6, .setup = clear_setup,
                .goal = clear_goal, .check = clear_check, .oracle = clear_oracle, .allows = kReading});
  t.push_back(T{.name = "chat.star_channel", .summary = "Star a channel", .app = "chat",
                .tags = "easy,channels", .max_steps = 6, .setup = star_setup, .goal = star_goal,
                .check = star_check, .oracle = star_oracle, .allows = kReading});
  t.push_back(T{.name = "chat.rename_channel", .summary = "Rename a channel", .app = "chat",
                .tags = "medium,channels,form", .max_steps = 12, .setup = rename_setup,
                .goal = rename_goal, .check = rename_check, .oracle = rename_oracle,
                .allows = kReading});
  t.push_back(T{.name = "chat.archive_channel",
                .summary = "Archive a channel (by name, or where a message was posted)", .app = "chat",
                .tags = "medium,channels", .max_steps = 12, .setup = archive_setup,
                .goal = archive_goal, .check = archive_check, .oracle = archive_oracle,
                .allows = kReading});
  t.push_back(T{.name = "chat.service_owner",
                .summary = "Answer who owns a service (a pinned list)", .app = "chat",
                .tags = "easy,retrieval,pins", .max_steps = 8, .setup = owner_setup,
                .check = owner_check, .oracle = owner_oracle, .allows = kReading});
  t.push_back(T{.name = "chat.who_said", .summary = "Find who wrote a message (search)",
                .app = "chat", .tags = "medium,retrieval,search", .max_steps = 10,
                .setup = who_setup, .check = who_check, .oracle = who_oracle, .allows = kReading});
  t.push_back(T{.name = "chat.page_owner",
                .summary = "DM an incident's service owner and note it in the incident's thread",
                .app = "chat", .tags = "hard,retrieval,pins,threads,compose", .max_steps = 30,
                .setup = page_setup, .goal = page_goal, .check = page_check,
                .oracle = page_oracle, .allows = kReading});
  t.push_back(T{.name = "chat.away_notice",
                .summary = "Set an away status, tell a channel and the manager", .app = "chat",
                .tags = "hard,status,compose", .max_steps = 30, .setup = away_setup,
                .goal = away_goal, .check = away_check, .oracle = away_oracle,
                .allows = kReading});
  t.push_back(T{.name = "chat.save_service_news", .summary = "Save every #deploys message about a service (an exact set)",
                .app = "chat", .tags = "medium,saved,bulk", .max_steps = 16, .setup = rollbacks_setup,
                .goal = rollbacks_goal, .check = rollbacks_check, .oracle = rollbacks_oracle, .allows = kReading});
  t.push_back(T{.name = "chat.broadcast_reply", .summary = "Reply in a thread, also sent to the channel",
                .app = "chat", .tags = "medium,threads,compose", .max_steps = 12, .setup = broadcast_setup,
                .goal = broadcast_goal, .check = broadcast_check, .oracle = broadcast_oracle, .allows = kReading});
  t.push_back(T{.name = "chat.finish_draft", .summary = "Finish and send a draft", .app = "chat",
                .tags = "medium,drafts,compose", .max_steps = 10, .setup = draft_setup, .goal = draft_goal,
                .check = draft_check, .oracle = draft_oracle, .allows = kReading});
  t.push_back(T{.name = "chat.mention_person", .summary = "Ask a channel member by @mention (autocomplete)",
                .app = "chat", .tags = "medium,compose,mentions", .max_steps = 12, .setup = mention_person_setup,
                .goal = mention_person_goal, .check = mention_person_check, .oracle = mention_person_oracle,
                .allows = kReading});
  t.push_back(T{.name = "chat.unpin_message", .summary = "Unpin a message", .app = "chat",
                .tags = "easy,pins", .max_steps = 8, .setup = unpin_setup, .goal = unpin_goal,
                .check = unpin_check, .oracle = unpin_oracle, .allows = kReading});
  t.push_back(T{.name = "chat.answer_mentions", .summary = "Reply in the thread of every @mention of you",
                .app = "chat", .tags = "hard,mentions,threads,bulk", .max_steps = 30, .setup = mentions_setup,
                .goal = mentions_goal, .check = mentions_check, .oracle = mentions_oracle, .allows = kReading});
  t.push_back(T{.name = "chat.create_and_announce",
                .summary = "Create a channel, add someone, welcome them, announce it in #general",
                .app = "chat", .tags = "hard,channels,compose", .max_steps = 30, .setup = announce_setup,
                .goal = announce_goal, .check = announce_check, .oracle = announce_oracle, .allows = kReading});
  t.push_back(T{.name = "chat.relay_fact",
                .summary = "Ask a coworker, react to the answer, pass it on to a channel", .app = "chat",
                .tags = "hard,waiting,coworkers,reactions,compose", .max_steps = 30, .setup = relay_setup,
                .goal = relay_goal, .check = relay_check, .oracle = relay_oracle, .allows = kReading});
  t.push_back(T{.name = "chat.tidy_channels", .summary = "Star one channel, set a topic, archive another",
                .app = "chat", .tags = "hard,channels,form", .max_steps = 30, .setup = tidy_setup,
                .goal = tidy_goal, .check = tidy_check, .oracle = tidy_oracle, .allows = kReading});
  t.push_back(T{.name = "chat.onboard_person", .summary = "Add a coworker to two channels and DM them",
                .app = "chat", .tags = "hard,channels,compose", .max_steps = 36, .setup = onboard_setup,
                .goal = onboard_goal, .check = onboard_check, .oracle = onboard_oracle, .allows = kReading});
  t.push_back(T{.name = "chat.escalate_incident",
                .summary = "Pin, react, reply to the channel and set the topic for an incident",
                .app = "chat", .tags = "hard,pins,reactions,threads,channels", .max_steps = 30,
                .setup = escalate_setup, .goal = escalate_goal, .check = escalate_check,
                .oracle = escalate_oracle, .allows = kReading});
  t.push_back(T{.name = "chat.page_two_owners",
                .summary = "DM the owners of two services (a pinned list)", .app = "chat",
                .tags = "hard,retrieval,pins,compose", .max_steps = 30, .setup = two_owners_setup,
                .goal = two_owners_goal, .check = two_owners_check, .oracle = two_owners_oracle,
                .allows = kReading});
  t.push_back(T{.name = "chat.join_channel", .summary = "Join a channel (Browse channels) and post in it",
                .app = "chat", .tags = "easy,channels,compose", .max_steps = 10, .setup = join_setup,
                .goal = posted_goal, .check = join_check, .oracle = join_oracle, .allows = kReading});
  t.push_back(T{.name = "chat.group_kickoff",
                .summary = "Start a group conversation with three people, post and pin", .app = "chat",
                .tags = "hard,groups,compose,pins", .max_steps = 30, .setup = group_setup,
                .goal = group_goal, .check = group_check, .oracle = group_oracle, .allows = kReading});
  t.push_back(T{.name = "chat.share_file", .summary = "Share a file of the world's store in a channel",
                .app = "chat", .tags = "medium,files,compose", .max_steps = 12, .setup = share_setup,
                .goal = share_goal, .check = share_check, .oracle = share_oracle, .allows = kReading});
  t.push_back(T{.name = "chat.mute_channel", .summary = "Mute a channel (its details' Settings)",
                .app = "chat", .tags = "easy,channels,settings", .max_steps = 10, .setup = mute_setup,
                .goal = mute_goal, .check = mute_check, .oracle = mute_oracle, .allows = kReading});
  t.push_back(T{.name = "chat.answer_request",
                .summary = "Answer a coworker's question with what another coworker knows", .app = "chat",
                .tags = "medium,waiting,coworkers,compose", .max_steps = 24, .setup = request_setup,
                .goal = request_goal, .check = request_check, .oracle = request_oracle, .allows = kReading});
  t.push_back(T{.name = "chat.check_quote",
                .summary = "Check a posted quote with the one who knows; confirm or correct it", .app = "chat",
                .tags = "medium,waiting,coworkers,reactions,threads", .max_steps = 30, .setup = quote_setup,
                .goal = quote_goal, .check = quote_check, .oracle = quote_oracle, .allows = kReading});
  t.push_back(T{.name = "chat.confirm_launch",
                .summary = "Confirm a launch date with a coworker and put it in a channel topic", .app = "chat",
                .tags = "hard,waiting,coworkers,channels", .max_steps = 30, .setup = launch_setup,
                .goal = launch_goal, .check = launch_check, .oracle = launch_oracle, .allows = kReading});
  return t;
}

}  // namespace facsim::tasks::chat
