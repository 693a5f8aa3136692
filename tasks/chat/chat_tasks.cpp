// Chat's task templates: posting, direct messages, threads, reactions, reading, and asking a
// coworker for what only they know (their answer comes by script: apps/world/coworkers.h).
// Every verifier states the rows its task makes and fails any other change, so every other
// conversation must stay as it was. Opening a conversation marks it read (chat_reads).
#include "chat/chat_tasks.h"

#include <algorithm>
#include <string>

#include "assets.h"
#include "chat/keys.h"
#include "kit.h"
#include "state.h"

namespace facsim::tasks::chat {
namespace {

namespace ck = apps::chat;
using kit::Expect;
using kit::Ui;
using sim::Action;
using sim::Ending;
using sim::TaskInstance;
using sim::Verdict;
using sim::WorldDiff;
using state::World;

constexpr std::string_view kReading = "chat_reads.last_read_ms";  // opening marks read

std::string full(std::string_view k) { return ck::full(k); }
Status none(std::string_view what) { return Error{Errc::not_found, std::string(what)}; }
Action or_noop(std::optional<Action> a) { return a ? *a : Action::noop(); }
Expect& allow_reading(Expect& e) { return e.tolerate("chat_reads", "last_read_ms"); }

std::string col(const sim::RowChange& r, std::string_view name) {
  for (size_t i = 0; i < r.columns.size(); ++i)
    if (r.columns[i] == name) return r.after.empty() ? r.before[i].text : r.after[i].text;
  return {};
}
std::vector<const sim::RowChange*> inserted(const WorldDiff& d, std::string_view table) {
  std::vector<const sim::RowChange*> out;
  for (const sim::RowChange& r : d.rows)
    if (r.table == table && r.kind == sim::RowChange::Kind::inserted) out.push_back(&r);
  return out;
}
// The user's new messages (sender 1).
std::vector<const sim::RowChange*> my_new(const WorldDiff& d) {
  std::vector<const sim::RowChange*> out;
  for (const sim::RowChange* r : inserted(d, "chat_messages"))
    if (col(*r, "sender_id") == "1") out.push_back(r);
  return out;
}
// What coworkers do in answer (their replies, pending or posted) is theirs, not collateral.
Expect& allow_answers(Expect& e, const WorldDiff& d) {
  for (const sim::RowChange* r : inserted(d, "chat_pending")) e.inserted("chat_pending", r->key);
  for (const sim::RowChange& r : d.rows)
    if (r.table == "chat_pending" && r.kind == sim::RowChange::Kind::deleted) e.deleted("chat_pending", r.key);
  for (const sim::RowChange* r : inserted(d, "chat_messages"))
    if (col(*r, "sender_id") != "1") e.inserted("chat_messages", r->key);
  return e;
}
// Written to a coworker, a message gets their answer: on its way (chat_pending) or posted.
Expect& require_answer(Expect& e, const WorldDiff& d, const std::string& channel, bool landed) {
  bool pending = false, posted = false;
  for (const sim::RowChange* r : inserted(d, "chat_pending"))
    pending |= col(*r, "channel_id") == channel;
  for (const sim::RowChange* r : inserted(d, "chat_messages"))
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
// A message's text as the conversation shows it.
std::string text_of(const Ui& ui, const std::string& msg_key) {
  const std::string prefix = msg_key + "/text";
  for (const dom::A11yNode& n : ui.nodes())
    if (n.id.rfind(prefix, 0) == 0) return n.name;
  return {};
}

// [SECTION] Picking from the world ------------------------------------------------------------------
struct Pick {
  int64_t channel = 0, message = 0, sender = 0;
  std::string name, label, body, sender_name;
};
// A top-level message by a coworker in a public channel the user is in, among the newest shown,
// whose body is unique in that channel.
Status pick_message(World& w, Rng& rng, Pick& p, bool no_thread) {
  const std::string from =
      " FROM chat_messages m JOIN chat_channels c ON c.id = m.channel_id JOIN people s ON s.id = "
      "m.sender_id WHERE c.kind = 'public' AND m.thread_id = 0 AND m.sender_id <> 1 AND EXISTS "
      "(SELECT 1 FROM chat_members x WHERE x.channel_id = c.id AND x.person_id = 1) AND (SELECT "
      "count(*) FROM chat_messages o WHERE o.channel_id = m.channel_id AND o.thread_id = 0 AND "
      "o.body = m.body) = 1 AND m.id IN (SELECT id FROM chat_messages z WHERE z.channel_id = "
      "m.channel_id AND z.thread_id = 0 ORDER BY z.ts_ms DESC LIMIT 8)" +
      std::string(no_thread ? "" : "");
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

// [SECTION] chat.post_channel ------------------------------------------------------------------------
Status post_setup(World& w, Rng& rng, TaskInstance& inst) {
  auto q = w.query("SELECT c.id, c.name FROM chat_channels c JOIN chat_members m ON m.channel_id = "
                   "c.id AND m.person_id = 1 WHERE c.kind = 'public' AND c.name <> 'announcements' "
                   "ORDER BY c.id");
  std::vector<std::pair<int64_t, std::string>> ch;
  while (q.step()) ch.emplace_back(q.i64(0), std::string(q.text(1)));
  if (ch.empty()) return none("no channel");
  const auto& [id, name] = ch[rng.below(uint32_t(ch.size()))];
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
  if (Status s = pick_message(w, rng, p, false); !s) return s;
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
Action thread_oracle(const sim::Env& env, const TaskInstance& i, int) {
  Ui ui(env);
  if (auto a = open_channel(ui, i.param_int("channel"))) return *a;
  const int64_t m = i.param_int("message");
  if (!ui.has(full(ck::key::thread_panel)) || ui.find(full("tmsg:" + std::to_string(m))) == nullptr) {
    if (auto a = ui.click(full(ck::key::reply(m)))) return *a;
    return or_noop(ui.scroll_to(full(ck::key::messages), full(ck::key::msg(m))));
  }
  return send_text(ui, ck::key::thread_composer, i.param("text"));
}

// [SECTION] chat.react -----------------------------------------------------------------------------
Status react_setup(World& w, Rng& rng, TaskInstance& inst) {
  Pick p;
  if (Status s = pick_message(w, rng, p, false); !s) return s;
  put(inst, p);
  const size_t k = rng.below(uint32_t(std::size(ck::kEmoji)));
  if (kit::scalar(w, "SELECT count(*) FROM chat_reactions WHERE message_id = ? AND person_id = 1 "
                     "AND emoji = ?", p.message, std::string(ck::kEmoji[k])) > 0)
    return none("already reacted");
  inst.params.emplace_back("emoji", std::string(ck::kEmoji[k]));
  inst.params.emplace_back("emoji_index", std::to_string(k));
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
  const std::string item = full(ck::key::react_menu) + "." + i.param("emoji_index");
  if (ui.has(item)) return or_noop(ui.click(item));
  const int64_t m = i.param_int("message");
  if (auto a = ui.click(full(ck::key::react(m)))) return *a;
  return or_noop(ui.scroll_to(full(ck::key::messages), full(ck::key::msg(m))));
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
  const std::string what = topic == "budget_code"   ? "the budget code for " + inst.param("subject")
                           : topic == "launch_date" ? "when " + inst.param("subject") + " launches"
                                                    : "who owns " + inst.param("subject");
  inst.params.emplace_back("what", what);
  // How the oracle asks (the coworker's keywords and the subject).
  inst.params.emplace_back("ask", topic == "budget_code"   ? "What is the budget code for " + inst.param("subject") + "?"
                                  : topic == "launch_date" ? "When does " + inst.param("subject") + " launch?"
                                                           : "Who owns " + inst.param("subject") + "?");
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
  return t;
}

}  // namespace facsim::tasks::chat
