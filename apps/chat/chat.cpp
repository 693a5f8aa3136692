// apps/chat: a Slack-like workspace - channels and direct messages between the people of the
// shared world, threads, reactions, a composer where Enter sends; coworkers answer what they
// are asked (apps/world/coworkers.h), by script, after seeded delays of virtual time.
//
// [SECTION] Schema and generator
// [SECTION] View: sidebar, conversation, thread panel
// [SECTION] Handlers and events
#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "apps.h"
#include "assets.h"
#include "calendar.h"
#include "chat/chat.h"
#include "chat/keys.h"
#include "dom.h"
#include "state.h"
#include "world/coworkers.h"
#include "world/world.h"

namespace facsim::apps {
namespace chat {
namespace {

using dom::Align;
using dom::Dir;
using dom::Role;

int64_t current_channel(state::World& w);      // (handlers)
Status pick_mention(state::World& w, int64_t id);
Status lint(state::World& w);
Status open_route(state::World& w, std::string_view r);
Status pick_emoji_code(state::World& w, std::string_view name);

// [SECTION] Schema and generator -----------------------------------------------------------------
const char* kSchema = R"sql(
CREATE TABLE chat_channels(
  id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK(kind IN ('public', 'private', 'dm', 'group')), topic TEXT NOT NULL DEFAULT '',
  created_ms INTEGER NOT NULL, archived INTEGER NOT NULL DEFAULT 0,
  dm_person_id INTEGER REFERENCES people(id),             -- a DM: the other person
  starred INTEGER NOT NULL DEFAULT 0 CHECK(starred IN (0, 1)));  -- the user's star
CREATE TABLE chat_members(channel_id INTEGER NOT NULL REFERENCES chat_channels(id),
                          person_id INTEGER NOT NULL REFERENCES people(id),
                          muted INTEGER NOT NULL DEFAULT 0 CHECK(muted IN (0, 1)),  -- (the user's)
                          PRIMARY KEY(channel_id, person_id));
CREATE TABLE chat_messages(
  id INTEGER PRIMARY KEY, channel_id INTEGER NOT NULL REFERENCES chat_channels(id),
  sender_id INTEGER NOT NULL REFERENCES people(id), body TEXT NOT NULL, ts_ms INTEGER NOT NULL,
  thread_id INTEGER NOT NULL DEFAULT 0,                    -- 0: top level; else the root's id
  edited INTEGER NOT NULL DEFAULT 0 CHECK(edited IN (0, 1)),
  broadcast INTEGER NOT NULL DEFAULT 0 CHECK(broadcast IN (0, 1)));  -- a reply also in the channel
CREATE INDEX chat_messages_by_channel ON chat_messages(channel_id, thread_id, ts_ms);
-- A message's replies (the "N replies" under it, its thread): without it a channel's view
-- counted them by scanning every message (70 ms on a channel of 5,000).
CREATE INDEX chat_messages_by_thread ON chat_messages(thread_id, ts_ms);
CREATE INDEX chat_messages_broadcast ON chat_messages(channel_id, ts_ms) WHERE broadcast = 1;
-- Files of the world's store shared in a message.
CREATE TABLE chat_files(message_id INTEGER NOT NULL REFERENCES chat_messages(id),
                        file_id INTEGER NOT NULL REFERENCES files(id),
                        PRIMARY KEY(message_id, file_id));
-- The composer's unsent text per conversation (kept when the user moves to another one).
CREATE TABLE chat_drafts(channel_id INTEGER PRIMARY KEY REFERENCES chat_channels(id),
                         body TEXT NOT NULL, ts_ms INTEGER NOT NULL);
CREATE TABLE chat_reactions(message_id INTEGER NOT NULL REFERENCES chat_messages(id),
                            person_id INTEGER NOT NULL REFERENCES people(id),
                            emoji TEXT NOT NULL, PRIMARY KEY(message_id, person_id, emoji));
CREATE TABLE chat_reads(channel_id INTEGER PRIMARY KEY, last_read_ms INTEGER NOT NULL);
-- Replies on their way: a "chat.reply" event posts each one.
-- (AUTOINCREMENT: an id is never handed out twice, so the message it becomes has an id of its
-- own: world::event_row_id.)
CREATE TABLE chat_pending(id INTEGER PRIMARY KEY AUTOINCREMENT, channel_id INTEGER NOT NULL,
                          person_id INTEGER NOT NULL, thread_id INTEGER NOT NULL,
                          body TEXT NOT NULL);
CREATE TABLE chat_pins(message_id INTEGER PRIMARY KEY REFERENCES chat_messages(id),
                       channel_id INTEGER NOT NULL, person_id INTEGER NOT NULL,
                       ts_ms INTEGER NOT NULL);
CREATE TABLE chat_saved(message_id INTEGER PRIMARY KEY REFERENCES chat_messages(id),
                        ts_ms INTEGER NOT NULL);
-- Statuses (the user's and coworkers'); clear_ms 0: until cleared.
CREATE TABLE chat_status(person_id INTEGER PRIMARY KEY REFERENCES people(id), emoji TEXT NOT NULL,
                         text TEXT NOT NULL, set_ms INTEGER NOT NULL,
                         clear_ms INTEGER NOT NULL DEFAULT 0);
)sql";

constexpr const char* kServices[] = {"payments-api", "search-indexer", "billing-worker",
                                     "auth-gateway", "reports-cron",  "email-relay",
                                     "ledger-sync",  "image-resizer"};

struct Person {
  int64_t id;
  std::string name, first, team;
};

std::string fill(std::string t, const std::vector<std::pair<std::string, std::string>>& slots) {
  for (const auto& [k, v] : slots)
    for (size_t p; (p = t.find(k)) != std::string::npos;) t.replace(p, k.size(), v);
  return t;
}

int64_t value(state::World& w, std::string_view sql, int64_t a, int64_t b = 0) {
  auto q = w.query(sql, a, b);
  return q.step() ? q.i64(0) : 0;
}

struct ChannelPlan {
  const char* name;
  const char* topic;
  const char* kind;       // what its messages are about
  const char* team;       // members: that team (and the user), or "" for everyone
  int messages;
};
constexpr ChannelPlan kChannels[] = {
    {"general", "Company-wide news and questions", "general", "", 30},
    {"random", "Anything goes", "random", "", 20},
    {"operations", "Ops team: logistics, vendors, office", "team", "Operations", 24},
    {"engineering", "Engineering chatter, PRs and pairing", "team", "Engineering", 24},
    {"deploys", "Every production deploy, announced", "deploys", "Engineering", 22},
    {"incidents", "Incidents: what broke, who is on it", "incidents", "Engineering", 14},
    {"announcements", "Read-only: the leadership team posts here", "announcements", "", 8},
};

const char* kGeneral[] = {"Reminder: the {project} review is at {time} today.",
                          "Has anyone seen the latest {project} doc?",
                          "Lunch order for Friday is open - add yourself by noon.",
                          "Congrats to the {team} team on shipping {project}!",
                          "The {project} kickoff notes are in the shared drive.",
                          "Who has the projector adapter from the big room?"};
const char* kRandom[] = {"Anyone up for coffee at 3?", "The {project} demo was great, nice work all.",
                         "Photos from the offsite are in the shared drive.",
                         "What's everyone reading this week?", "There's cake in the kitchen!"};
const char* kTeam[] = {"Standup: yesterday I worked on {project}, today more of the same, no blockers.",
                       "The PR for {project} is ready for review.",
                       "Can someone pair on {project} this afternoon?",
                       "Notes from the {project} sync are in the doc.",
                       "Heads up: I'm out tomorrow, {name} is covering {project}."};
const char* kDeploys[] = {"Deployed {service} v1.{n}.{m} to production.",
                          "Rolling back {service} v1.{n}.{m}: error rate is up.",
                          "{service} canary at 10% looks healthy.",
                          "Deploy freeze for {service} until the {project} launch."};
const char* kIncidents[] = {"INC-{inc}: {service} latency elevated, investigating.",
                            "INC-{inc} resolved: {service} is back to normal.",
                            "INC-{inc}: {service} returning 500s for some users.",
                            "INC-{inc}: {service} alerts are flapping; I'm on it."};
const char* kAnnouncements[] = {"The office is closed on {day} for maintenance.",
                                "New expense policy: submit receipts within 30 days.",
                                "The all-hands moved to {day} at 4 PM.",
                                "Please finish the security training by {day}."};
const char* kReplies[] = {"On it.", "Thanks for the heads up!", "+1", "Looking now.",
                          "Makes sense.", "I can take this one.", "Nice!", "Agreed."};
const char* kDms[] = {"Hey {user}, do you have a minute today?",
                      "Thanks for sending the {project} notes.",
                      "Can you take a look at the {project} plan when you get a chance?",
                      "Sure, I'll get back to you by end of day.",
                      "Quick one: are we still on for the {project} sync?",
                      "Sounds good, talk soon."};

Status install(state::World& w, Rng& rng) {
  if (Status s = w.exec(kSchema); !s) return s;
  std::vector<Person> coworkers;
  Person user{world::kUserId, "", "", ""};
  for (auto q = w.query("SELECT id, name, first, team FROM people WHERE company_id = ? ORDER BY id",
                        world::kCompanyId);
       q.step();) {
    Person p{q.i64(0), std::string(q.text(1)), std::string(q.text(2)), std::string(q.text(3))};
    if (p.id == world::kUserId) user = p;
    else coworkers.push_back(p);
  }
  if (coworkers.size() < 4) return Error{Errc::internal, "chat needs coworkers"};
  const auto& projects = assets::corpus("projects");
  auto pick = [&](const auto& v) -> const auto& { return v[rng.below(uint32_t(std::size(v)))]; };
  const int64_t now = w.now_ms();
  const int64_t week = int64_t(7) * 86400000;
  auto message = [&](int64_t channel, int64_t sender, const std::string& body, int64_t ts,
                     int64_t thread) {
    w.query("INSERT INTO chat_messages(channel_id, sender_id, body, ts_ms, thread_id) VALUES(?, "
            "?, ?, ?, ?)", channel, sender, body, ts, thread).run();
    return w.last_insert_rowid();
  };
  // {name}: a member whose first name is not `author`'s when there is one (the draw is the same
  // either way: the next such member is taken), so nobody says "I'm out, <me> is covering".
  auto slots = [&](const std::vector<Person>& members, const Person* author = nullptr) {
    static const char* kDays[] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday"};
    static const char* kTimes[] = {"10 AM", "11:30 AM", "2 PM", "3:30 PM", "4 PM"};
    static const char* kTeams[] = {"Engineering", "Design", "Sales", "Marketing", "Operations"};
    return std::vector<std::pair<std::string, std::string>>{
        {"{project}", pick(projects)}, {"{service}", pick(kServices)},
        {"{n}", std::to_string(rng.below(30))}, {"{m}", std::to_string(rng.below(10))},
        {"{inc}", std::to_string(1000 + rng.below(9000))}, {"{day}", pick(kDays)},
        {"{time}", pick(kTimes)}, {"{team}", pick(kTeams)},
        {"{name}", [&] {
           const size_t at = rng.below(uint32_t(members.size()));
           for (size_t j = 0; j < members.size(); ++j) {  // (a namesake reads the same)
             const Person& p = members[(at + j) % members.size()];
             if (!author || p.first != author->first) return p.first;
           }
           return members[at].first;
         }()},
        {"{user}", user.first}};
  };
  // Channels, their members, their messages (some with threads and reactions).
  for (const ChannelPlan& c : kChannels) {
    w.query("INSERT INTO chat_channels(name, kind, topic, created_ms) VALUES(?, 'public', ?, ?)",
            c.name, c.topic, int64_t(now - 400 * 86400000ll)).run();
    const int64_t ch = w.last_insert_rowid();
    std::vector<Person> members;
    for (const Person& p : coworkers)
      if (std::string_view(c.team).empty() || p.team == c.team || rng.below(100) < 15)
        members.push_back(p);
    if (members.size() < 2) members.assign(coworkers.begin(), coworkers.begin() + 3);
    for (const Person& p : members)
      w.query("INSERT INTO chat_members(channel_id, person_id) VALUES(?, ?)", ch, p.id).run();
    w.query("INSERT INTO chat_members(channel_id, person_id) VALUES(?, ?)", ch, user.id).run();
    const std::string_view kind = c.kind;
    int64_t ts = now - week + int64_t(rng.below(3600)) * 1000;
    const int64_t step = week / (c.messages + 1);
    int64_t last = ts;
    for (int i = 0; i < c.messages; ++i) {
      ts += step / 2 + int64_t(rng.below(uint32_t(step / 1000))) * 1000;
      if (ts > now - 60000) break;
      const char* tpl = kind == "general"   ? pick(kGeneral)
                        : kind == "random"  ? pick(kRandom)
                        : kind == "team"    ? pick(kTeam)
                        : kind == "deploys" ? pick(kDeploys)
                        : kind == "incidents" ? pick(kIncidents)
                                              : pick(kAnnouncements);
      const Person& from = kind == "announcements" ? coworkers[0]
                           : rng.below(100) < 12 ? user
                                                 : members[rng.below(uint32_t(members.size()))];
      const int64_t id = message(ch, from.id, fill(tpl, slots(members, &from)), ts, 0);
      last = ts;
      if (kind != "announcements" && rng.below(100) < 22) {  // a thread
        int64_t rts = ts;
        const int n = 1 + int(rng.below(3));
        for (int r = 0; r < n; ++r) {
          rts += 60000 * int64_t(2 + rng.below(40));
          if (rts > now - 60000) break;
          const Person& who = members[rng.below(uint32_t(members.size()))];
          message(ch, who.id, pick(kReplies), rts, id);
        }
      }
      if (rng.below(100) < 25) {  // reactions
        const int n = 1 + int(rng.below(3));
        for (int r = 0; r < n; ++r)
          w.query("INSERT OR IGNORE INTO chat_reactions(message_id, person_id, emoji) VALUES(?, "
                  "?, ?)", id, members[rng.below(uint32_t(members.size()))].id,
                  std::string(kEmoji[rng.below(uint32_t(std::size(kEmoji)))])).run();
      }
    }
    // The user read up to a few messages from the end (the rest is unread).
    const int64_t unread = rng.below(100) < 55 ? int64_t(rng.below(6)) : 0;
    int64_t read = last + 1;
    if (unread > 0) {
      auto q = w.query("SELECT ts_ms FROM chat_messages WHERE channel_id = ? AND thread_id = 0 "
                       "ORDER BY ts_ms DESC LIMIT 1 OFFSET ?", ch, unread);
      read = q.step() ? q.i64(0) : 0;
    }
    w.query("INSERT INTO chat_reads(channel_id, last_read_ms) VALUES(?, ?)", ch, read).run();
  }
  // The conversation that opens first (the first channel in the sidebar) has been read.
  w.query("UPDATE chat_reads SET last_read_ms = ? WHERE channel_id = (SELECT id FROM chat_channels "
          "WHERE kind <> 'dm' ORDER BY name LIMIT 1)", now).run();
  // Direct messages with a few coworkers (the manager first).
  std::vector<Person> dm;
  int64_t manager = 0;
  {
    auto q = w.query("SELECT manager_id FROM people WHERE id = ?", user.id);
    if (q.step()) manager = q.i64(0);
  }
  for (const Person& p : coworkers)
    if (p.id == manager) dm.push_back(p);
  for (int tries = 0; dm.size() < 5 && tries < 50; ++tries) {
    const Person& p = coworkers[rng.below(uint32_t(coworkers.size()))];
    if (std::none_of(dm.begin(), dm.end(), [&](const Person& d) { return d.id == p.id; }))
      dm.push_back(p);
  }
  for (const Person& p : dm) {
    w.query("INSERT INTO chat_channels(name, kind, created_ms, dm_person_id) VALUES(?, 'dm', ?, ?)",
            "dm-" + std::to_string(p.id), int64_t(now - 200 * 86400000ll), p.id).run();
    const int64_t ch = w.last_insert_rowid();
    for (int64_t who : {user.id, p.id})
      w.query("INSERT INTO chat_members(channel_id, person_id) VALUES(?, ?)", ch, who).run();
    int64_t ts = now - int64_t(1 + rng.below(6)) * int64_t(86400000);
    const int n = 2 + int(rng.below(5));
    for (int i = 0; i < n; ++i) {
      ts += 60000 * int64_t(1 + rng.below(90));
      if (ts > now - 60000) break;
      // Each addresses the other: "{user}" is the one it is written to.
      const bool mine = i % 2;
      auto sl = slots({p});
      for (auto& [k, v] : sl)
        if (k == "{user}") v = mine ? p.first : user.first;
      message(ch, mine ? user.id : p.id, fill(pick(kDms), sl), ts, 0);
    }
    w.query("INSERT INTO chat_reads(channel_id, last_read_ms) VALUES(?, ?)", ch,
            rng.below(100) < 70 ? now : ts - 1).run();
  }
  // The living workspace: posts on their way during the episode (a "chat.reply" event posts
  // each, as it does answers): a deploy, a reminder, a question from the manager.
  {
    Rng d = Rng::stream(w.seed(), "chat.arrivals");
    int64_t at = now + 45000 + 1000 * int64_t(d.below(60));
    auto channel_of = [&](const char* name) {
      auto q = w.query("SELECT id FROM chat_channels WHERE name = ?", name);
      return q.step() ? q.i64(0) : int64_t(0);
    };
    auto member_of = [&](int64_t ch) {
      auto q = w.query("SELECT person_id FROM chat_members WHERE channel_id = ? AND person_id <> 1 "
                       "ORDER BY person_id LIMIT 1 OFFSET ?", ch, int64_t(d.below(3)));
      return q.step() ? q.i64(0) : int64_t(0);
    };
    const int64_t deploys = channel_of("deploys"), general = channel_of("general");
    int64_t manager_dm = 0;
    {
      auto q = w.query("SELECT c.id FROM chat_channels c JOIN people u ON u.id = 1 WHERE c.kind = "
                       "'dm' AND c.dm_person_id = u.manager_id");
      if (q.step()) manager_dm = q.i64(0);
    }
    const std::vector<std::pair<std::string, std::string>> sl = {
        {"{service}", kServices[d.below(uint32_t(std::size(kServices)))]},
        {"{n}", std::to_string(2 + d.below(8))}, {"{m}", std::to_string(d.below(20))},
        {"{project}", projects[d.below(uint32_t(projects.size()))]}, {"{user}", user.first}};
    const std::tuple<int64_t, int64_t, const char*> posts[] = {
        {deploys, deploys ? member_of(deploys) : 0, "Deployed {service} v{n}.{m}.0 to production."},
        {general, general ? member_of(general) : 0, "Reminder: the {project} review starts in 30 minutes."},
        {manager_dm, manager, "Hey {user}, can you send me the {project} numbers today?"}};
    for (const auto& [ch, who, tpl] : posts) {
      if (!ch || !who) continue;
      w.query("INSERT INTO chat_pending(channel_id, person_id, thread_id, body) VALUES(?, ?, 0, ?)",
              ch, who, fill(tpl, sl)).run();
      w.schedule(at, "chat.reply", std::to_string(w.last_insert_rowid()));
      at += 60000 * int64_t(2 + d.below(7));
    }
  }
  // Who owns which service, pinned in #engineering (the people to page when one breaks), and
  // a few coworkers' statuses. Their own stream: the draws above are unchanged by them.
  {
    Rng x = Rng::stream(w.seed(), "chat.extras");
    int64_t eng = 0;
    {
      auto q = w.query("SELECT id FROM chat_channels WHERE name = 'engineering'");
      if (q.step()) eng = q.i64(0);
    }
    // The channel's members own the services (most are in the Engineering team).
    std::vector<Person> engineers;
    for (const Person& p : coworkers)
      if (value(w, "SELECT count(*) FROM chat_members WHERE channel_id = ? AND person_id = ?", eng, p.id))
        engineers.push_back(p);
    if (eng && engineers.size() >= 2) {
      // Who knows who owns a service (a knowledge card) and this list agree: the card's answer
      // is the list's (checked below, as a lint of the generated world).
      std::string body = "Service owners - page them when one breaks:";
      for (const char* svc : kServices) {
        const std::string picked = engineers[x.below(uint32_t(engineers.size()))].name;
        auto card = w.query("SELECT value FROM knowledge WHERE topic = 'service_owner' AND subject = ?", svc);
        body += std::string("\n- ") + svc + ": " + (card.step() ? std::string(card.text(0)) : picked);
      }
      const Person& lead = engineers[x.below(uint32_t(engineers.size()))];
      const int64_t ts = now - int64_t(6) * 86400000 - int64_t(x.below(3600)) * 1000;
      const int64_t id = message(eng, lead.id, body, ts, 0);
      w.query("INSERT INTO chat_pins(message_id, channel_id, person_id, ts_ms) VALUES(?, ?, ?, ?)",
              id, eng, lead.id, ts + 60000).run();
    }
    // Questions to the user by @mention (the Mentions list), in channels of theirs.
    static const char* kAsks[] = {"@{first} can you review the {project} doc before Friday?",
                                  "@{first} do you have the latest numbers for {project}?",
                                  "Looping in @{first} - what do you think about the {project} timeline?",
                                  "@{first} could you approve the {project} budget line when you get a sec?",
                                  "Thanks @{first} for the help on {project}!"};
    for (int made = 0, tries = 0; made < 3 && tries < 20; ++tries) {
      auto cq = w.query("SELECT c.id FROM chat_channels c JOIN chat_members m ON m.channel_id = c.id AND "
                        "m.person_id = 1 WHERE c.kind = 'public' AND c.name <> 'announcements' ORDER BY "
                        "c.id LIMIT 1 OFFSET ?", int64_t(x.below(5)));
      if (!cq.step()) continue;
      const int64_t ch = cq.i64(0);
      auto pq = w.query("SELECT person_id FROM chat_members WHERE channel_id = ? AND person_id <> 1 "
                        "ORDER BY person_id LIMIT 1 OFFSET ?", ch, int64_t(x.below(4)));
      if (!pq.step()) continue;
      ++made;
      const int64_t ts = now - int64_t(1 + x.below(70)) * 3600000 - int64_t(x.below(3600)) * 1000;
      std::string body = kAsks[x.below(uint32_t(std::size(kAsks)))];
      body = fill(body, {{"{first}", user.first}, {"{project}", projects[x.below(uint32_t(projects.size()))]}});
      message(ch, pq.i64(0), body, ts, 0);
    }
    // Public channels the user has not joined (Browse channels finds them).
    static const char* kOthers[][2] = {{"book-club", "Monthly picks and reviews"},
                                       {"design", "Design reviews, mockups and feedback"},
                                       {"sales", "Wins, pipeline and customer news"},
                                       {"social-events", "Team outings, lunches and celebrations"}};
    for (const auto& [name, topic] : kOthers) {
      w.query("INSERT INTO chat_channels(name, kind, topic, created_ms) VALUES(?, 'public', ?, ?)", name,
              topic, int64_t(now - 300 * 86400000ll)).run();
      const int64_t ch = w.last_insert_rowid();
      std::vector<Person> members;
      for (const Person& p : coworkers)
        if (x.below(100) < 30) members.push_back(p);
      if (members.size() < 2) members.assign(coworkers.begin(), coworkers.begin() + 2);
      for (const Person& p : members)
        w.query("INSERT INTO chat_members(channel_id, person_id) VALUES(?, ?)", ch, p.id).run();
      int64_t ts = now - week + int64_t(x.below(3600)) * 1000;
      for (int k = 0, n = 4 + int(x.below(5)); k < n; ++k) {
        ts += week / 10 + int64_t(x.below(3600)) * 1000;
        if (ts > now - 60000) break;
        const Person& from = members[x.below(uint32_t(members.size()))];
        const char* tpl = k % 2 ? kRandom[x.below(uint32_t(std::size(kRandom)))]
                                : kGeneral[x.below(uint32_t(std::size(kGeneral)))];
        message(ch, from.id, fill(tpl, {{"{project}", projects[x.below(uint32_t(projects.size()))]},
                                        {"{time}", "2 PM"}, {"{team}", from.team}, {"{day}", "Friday"},
                                        {"{name}", members[x.below(uint32_t(members.size()))].first}}),
                ts, 0);
      }
    }
    static const char* kStatuses[][2] = {{"palm_tree", "On vacation"},
                                         {"spiral_calendar_pad", "In meetings all day"},
                                         {"face_with_thermometer", "Out sick"},
                                         {"house", "Working from home"},
                                         {"headphones", "Focusing"}};
    for (int k = 0; k < 3; ++k) {
      const Person& p = coworkers[x.below(uint32_t(coworkers.size()))];
      const auto& st = kStatuses[x.below(uint32_t(std::size(kStatuses)))];
      w.query("INSERT OR IGNORE INTO chat_status(person_id, emoji, text, set_ms) VALUES(?, ?, ?, ?)",
              p.id, st[0], st[1], now - int64_t(x.below(48)) * 3600000).run();
    }
  }
  if (const Error* e = w.error()) return *e;
  return lint(w);
}

// The generated workspace agrees with the world's other data: every coworker's card about who
// owns a service says what #engineering's pinned list says.
Status lint(state::World& w) {
  std::string list;
  {
    auto q = w.query("SELECT m.body FROM chat_pins n JOIN chat_messages m ON m.id = n.message_id JOIN "
                     "chat_channels c ON c.id = n.channel_id WHERE c.name = 'engineering' ORDER BY m.id LIMIT 1");
    if (q.step()) list = q.text(0);
  }
  if (list.empty()) return {};
  for (auto q = w.query("SELECT subject, value FROM knowledge WHERE topic = 'service_owner' ORDER BY id"); q.step();) {
    const std::string line = "- " + std::string(q.text(0)) + ": " + std::string(q.text(1));
    if (list.find(line + "\n") == std::string::npos && list.substr(list.size() - std::min(list.size(), line.size())) != line)
      return Error{Errc::internal, "chat lint: the owners list disagrees with a card about " + std::string(q.text(0))};
  }
  return {};
}

// [SECTION] View ----------------------------------------------------------------------------------
struct Palette {
  uint32_t side, side_text, side_strong, side_active, side_hover, badge;
};
Palette palette(const dom::Theme& th) {
  if (th.dark)
    return {dom::rgb(0x19171d), dom::rgb(0xd1d2d3, 200), dom::rgb(0xffffff), dom::rgb(0x1164a3),
            dom::rgb(0x27242c), dom::rgb(0xcd2553)};
  return {dom::rgb(0x3f0e40), dom::rgb(0xcfc3cf), dom::rgb(0xffffff), dom::rgb(0x1164a3),
          dom::rgb(0x350d36), dom::rgb(0xcd2553)};
}

// A conversation's name as lists show it: "#name", the person of a DM, the first names of a
// group's members (c: chat_channels).
constexpr const char* kLabelSql =
    "CASE WHEN c.kind = 'dm' THEN (SELECT name FROM people WHERE id = c.dm_person_id) WHEN c.kind = "
    "'group' THEN (SELECT group_concat(first, ', ') FROM (SELECT g.first FROM chat_members gm JOIN "
    "people g ON g.id = gm.person_id WHERE gm.channel_id = c.id AND g.id <> 1 ORDER BY g.first, g.id)) "
    "ELSE '#' || c.name END";

struct Channel {
  int64_t id = 0;
  std::string name, kind, topic, label;  // label: "# name", or the person's name for a DM
  int64_t dm_person = 0, unread = 0, members = 0, pins = 0, mentions = 0;  // mentions: unread ones of the user
  bool starred = false, draft = false, muted = false;
  int64_t created = 0;
};

std::vector<Channel> my_channels(state::World& w) {
  std::vector<Channel> out;
  for (auto q = w.query(
           "SELECT c.id, c.name, c.kind, c.topic, ifnull(c.dm_person_id, 0), ifnull(p.name, ''), "
           "(SELECT count(*) FROM chat_messages m WHERE m.channel_id = c.id AND m.thread_id = 0 "
           "AND m.sender_id <> 1 AND m.ts_ms > ifnull((SELECT last_read_ms FROM chat_reads r "
           "WHERE r.channel_id = c.id), 0)), (SELECT count(*) FROM chat_members x WHERE "
           "x.channel_id = c.id), c.starred, (SELECT count(*) FROM chat_pins n WHERE "
           "n.channel_id = c.id), EXISTS (SELECT 1 FROM chat_drafts d WHERE d.channel_id = c.id), " +
               std::string(kLabelSql) + ", me.muted, c.created_ms, (SELECT count(*) FROM chat_messages m JOIN "
           "people u ON u.id = 1 WHERE m.channel_id = c.id AND m.sender_id <> 1 AND m.ts_ms > "
           "ifnull((SELECT last_read_ms FROM chat_reads r WHERE r.channel_id = c.id), 0) AND " +
               std::string(kMentionsUser) + ") "
           "FROM chat_channels c JOIN chat_members me ON me.channel_id = "
           "c.id AND me.person_id = 1 LEFT JOIN people p ON p.id = c.dm_person_id WHERE "
           "c.archived = 0 ORDER BY c.starred DESC, c.kind IN ('dm', 'group'), CASE WHEN c.kind "
           "= 'dm' THEN p.name ELSE c.name END");
       q.step();) {
    Channel c{q.i64(0), std::string(q.text(1)), std::string(q.text(2)), std::string(q.text(3)), ""};
    c.dm_person = q.i64(4);
    c.label = c.kind == "dm" ? std::string(q.text(5)) : c.kind == "group" ? std::string(q.text(11)) : "# " + c.name;
    c.unread = q.i64(6);
    c.members = q.i64(7);
    c.starred = q.i64(8) != 0;
    c.pins = q.i64(9);
    c.draft = q.i64(10) != 0;
    c.muted = q.i64(12) != 0;
    c.created = q.i64(13);
    c.mentions = q.i64(14);
    out.push_back(std::move(c));
  }
  return out;
}

// Whether `person` is at work now: a weekday, 9 AM to 6 PM in their time zone, and no status
// saying they are away (vacation, sick). Read by the hour.
bool is_active(state::World& w, int64_t person) {
  auto q = w.query("SELECT p.tz, ifnull(s.emoji, '') FROM people p LEFT JOIN chat_status s ON s.person_id = "
                   "p.id WHERE p.id = ?", person);
  if (!q.step()) return false;
  const std::string emoji(q.text(1));
  if (emoji == "palm_tree" || emoji == "face_with_thermometer") return false;
  const int64_t at = w.now_floor_ms(3600000);
  const Civil c = civil_from_ms(at + int64_t(tz_offset_minutes(q.text(0), at)) * 60000);
  return c.wday >= 1 && c.wday <= 5 && c.hour >= 9 && c.hour < 18;
}

// An emoji as its picture (`size` px), named ":name:" for the a11y tree.
int emoji_image(dom::Tree& t, int parent, std::string_view name, int size) {
  const assets::Emoji* e = assets::find_emoji(name);
  if (!e) return t.text(parent, ":" + std::string(name) + ":", {.size = 12, .color = t.theme().text});
  const int n = t.add(parent, {.w = dom::fixed(size), .h = dom::fixed(size), .image = e->image},
                      {}, Role::img);
  t.node(n).name = ":" + std::string(name) + ":";
  return n;
}

void sidebar(state::World& w, dom::Tree& t, int parent, const std::vector<Channel>& channels,
             int64_t open) {
  const dom::Theme& th = t.theme();
  const Palette pal = palette(th);
  const int side = t.add(parent, {.dir = Dir::column, .w = dom::fixed(260), .h = dom::fill(),
                                  .pad = {0, 0, 0, 12}, .bg = pal.side, .clip = true},
                         key::sidebar, Role::navigation);
  t.node(side).name = "Channels and direct messages";
  live_scroll(w, t, side);  // a long sidebar scrolls
  std::string company;
  {
    auto q = w.query("SELECT name FROM companies WHERE id = ?", world::kCompanyId);
    if (q.step()) company = q.text(0);
  }
  const int head = t.add(side, {.dir = Dir::row, .w = dom::fill(), .h = dom::fixed(56),
                                .pad = {8, 0, 8, 0}, .align = Align::center,
                                .border_color = dom::rgb(0xffffff, 40), .border = 0});
  // The workspace's name opens its menu.
  const int ws = t.add(head, {.dir = Dir::row, .w = dom::fill(), .h = dom::fixed(40), .pad = {8, 0, 8, 0},
                              .gap = 6, .align = Align::center, .hover_bg = pal.side_hover, .radius = 6},
                       key::workspace, Role::button);
  t.node(ws).name = company + " (workspace menu)";
  t.node(ws).action = "ui:open:" + full(key::workspace_menu);
  t.node(ws).has_popup = true;
  const int h = t.text(ws, company, {.size = 18, .weight = 700, .color = pal.side_strong});
  t.node(h).role = Role::heading;
  t.text(ws, "\xE2\x96\xBE", {.size = 14, .color = pal.side_text});
  if (w.ui_get(apps::ui::kOverlay) == full(key::workspace_menu)) {
    t.node(ws).expanded = true;
    const bool dark = t.theme().dark;
    dom::widget::menu(t, key::workspace_menu,
                      {{"Set a status", "chat:status_open"}, {"Browse channels", "chat:browse_view"},
                       {"Saved items", "chat:saved_view"}, {"New message", "chat:new_dm"},
                       {dark ? "Switch to the light theme" : "Switch to the dark theme", "chat:theme"}},
                      ws, 0, 0, 240);
  }
  t.add(side, {.w = dom::fill(), .h = dom::fixed(1), .bg = dom::rgb(0xffffff, 40)});
  // The user's status (a click edits it), then Saved items.
  {
    auto q = w.query("SELECT emoji, text FROM chat_status WHERE person_id = 1");
    const bool has = q.step();
    const std::string emoji = has ? std::string(q.text(0)) : std::string(),
                      text = has ? std::string(q.text(1)) : std::string();
    const std::string label = has ? ":" + emoji + ": " + text : std::string("Set a status");
    const int row = t.add(side, {.dir = Dir::row, .w = dom::fill(), .h = dom::fixed(30),
                                 .pad = {18, 0, 12, 0}, .gap = 8, .align = Align::center,
                                 .hover_bg = pal.side_hover, .radius = 6, .margin = {8, 8, 8, 0}},
                          key::status, Role::button);
    t.node(row).name = has ? "Your status: " + label : "Set a status";
    t.node(row).action = "chat:status_open";
    if (has) {
      emoji_image(t, row, emoji, 18);
      t.text(row, text, {.size = 14, .color = pal.side_text}, {.w = dom::fill()});
    } else {
      t.text(row, label, {.size = 14, .color = pal.side_text}, {.w = dom::fill()});
    }
  }
  for (const auto& [k, label, view, action] :
       {std::tuple{key::threads_view, "Threads", "threads", "chat:threads_view"},
        {key::mentions_view, "Mentions & reactions", "mentions", "chat:mentions_view"},
        {key::saved_view, "Saved items", "saved", "chat:saved_view"},
        {key::drafts_view, "Drafts & sent", "drafts", "chat:drafts_view"},
        {key::browse_view, "Browse channels", "browse", "chat:browse_view"}}) {
    const bool on = w.ui_get(ui::main) == view;
    const int row = t.add(side, {.dir = Dir::row, .w = dom::fill(), .h = dom::fixed(30),
                                 .pad = {18, 0, 12, 0}, .align = Align::center,
                                 .bg = on ? pal.side_active : 0,
                                 .hover_bg = on ? pal.side_active : pal.side_hover, .radius = 6,
                                 .margin = {8, 0, 8, 0}},
                          k, Role::link);
    t.node(row).name = label;
    t.node(row).action = action;
    t.node(row).selected = on;
    t.text(row, label, {.size = 15, .color = on ? pal.side_strong : pal.side_text});
  }
  // A section's heading folds it (the open conversation stays in view, as Slack keeps it).
  auto section_head = [&](int parent, const char* label, const std::string& name) {
    const bool folded = w.ui_int(ui::folded(name)) != 0;
    const int b = t.add(parent, {.dir = Dir::row, .w = dom::fill(), .pad = {10, 14, 8, 6}, .gap = 6,
                                 .align = Align::center, .radius = 6, .margin = {8, 0, 0, 0}},
                        key::section(name), Role::button);
    t.node(b).name = label;
    t.node(b).action = "chat:fold:" + name;
    t.node(b).expanded = !folded;
    t.text(b, folded ? "\xE2\x96\xB8" : "\xE2\x96\xBE", {.size = 12, .color = pal.side_text});
    t.text(b, label, {.size = 15, .weight = 500, .color = pal.side_text}, {.w = dom::fill()});
    return folded;
  };
  auto section = [&](const char* label, const std::string& name) { return section_head(side, label, name); };
  auto entry = [&](const Channel& c) {
    const bool on = c.id == open && w.ui_get(ui::main).empty();
    const bool bold = c.unread > 0 && !on && !c.muted;  // a muted channel stays quiet
    const int row = t.add(side, {.dir = Dir::row, .w = dom::fill(), .h = dom::fixed(30),
                                 .pad = {18, 0, 12, 0}, .gap = 8, .align = Align::center,
                                 .bg = on ? pal.side_active : 0,
                                 .hover_bg = on ? pal.side_active : pal.side_hover, .radius = 6,
                                 .margin = {8, 0, 8, 0}},
                          key::channel(c.id), Role::link);
    t.node(row).action = "chat:open:" + std::to_string(c.id);
    t.node(row).selected = on;
    t.node(row).name = c.label + (c.unread ? ", " + std::to_string(c.unread) + " unread" : "") +
                       (c.mentions ? ", " + std::to_string(c.mentions) + (c.mentions == 1 ? " mention" : " mentions") : "") +
                       (c.draft && !on ? ", draft" : "") + (c.starred ? ", starred" : "") +
                       (c.muted ? ", muted" : "");
    if (c.kind == "dm" || c.kind == "group") dom::widget::avatar(t, row, c.label, "", 20);
    if (c.kind == "dm") {  // presence: a green dot when they are at work
      const bool active = is_active(w, c.dm_person);
      const int dot = t.add(row, {.w = dom::fixed(9), .h = dom::fixed(9), .bg = active ? dom::rgb(0x2bac76) : pal.side,
                                  .border_color = active ? pal.side : pal.side_text, .border = 1, .radius = 5,
                                  .margin = {-14, 12, 5, 0}},
                            {}, Role::img);
      t.node(dot).name = active ? "Active" : "Away";
    }
    t.text(row, c.label, {.size = 15, .weight = bold ? 700 : 400,
                          .color = on || bold ? pal.side_strong : c.muted ? dom::rgb(0xffffff, 90) : pal.side_text},
           {.w = dom::fill()});
    if (c.draft && !on) t.text(row, "draft", {.size = 12, .color = pal.side_text});
    // The badge, as Slack counts: a conversation's unread messages; a channel's mentions of you
    // (its other unread messages only make it bold). A mention shows even when muted.
    const bool direct = c.kind == "dm" || c.kind == "group";
    const int64_t count = on ? 0 : direct ? (c.muted ? 0 : c.unread) : c.mentions;
    if (count > 0) dom::widget::badge(t, row, std::to_string(count), pal.badge, dom::rgb(0xffffff));
  };
  auto shown = [&](bool folded, const Channel& c) { return !folded || (c.id == open && w.ui_get(ui::main).empty()); };
  if (std::any_of(channels.begin(), channels.end(), [](const Channel& c) { return c.starred; })) {
    const bool folded = section("Starred", "starred");
    for (const Channel& c : channels)
      if (c.starred && shown(folded, c)) entry(c);
  }
  // Channels and Direct messages, each with "+": create a channel; a new conversation.
  auto headed = [&](const char* label, const std::string& name, std::string_view plus_key,
                    const char* plus_name, const char* plus_action) {
    const int row = t.add(side, {.dir = Dir::row, .w = dom::fill(), .pad = {0, 0, 12, 0},
                                 .align = Align::center});
    const bool folded = section_head(row, label, name);
    const int plus = dom::widget::icon_button(t, row, plus_key, "+", plus_name, plus_action,
                                              pal.side_text, 18);
    t.node(plus).style.hover_bg = pal.side_hover;
    return folded;
  };
  bool folded = headed("Channels", "channels", key::new_channel, "Create a channel", "chat:new_channel");
  for (const Channel& c : channels)
    if (!c.starred && c.kind != "dm" && c.kind != "group" && shown(folded, c)) entry(c);
  folded = headed("Direct messages", "dms", key::new_dm, "New message", "chat:new_dm");
  for (const Channel& c : channels)
    if (!c.starred && (c.kind == "dm" || c.kind == "group") && shown(folded, c)) entry(c);
}

struct Msg {
  int64_t id = 0, sender = 0, ts = 0, replies = 0, last_reply = 0;
  std::string name, body;
  bool edited = false;
  std::string pinned_by;  // "": not pinned
  bool saved = false;
  int64_t root = 0;       // in the channel, a reply also sent there: its thread's root
  struct File {
    int64_t id;
    std::string name, kind;
    int64_t bytes;
  };
  std::vector<File> files;
  struct Reaction {
    std::string emoji;
    std::vector<int64_t> who;
    std::vector<std::string> names;  // "You" for the user
  };
  std::vector<Reaction> reactions;
};

std::vector<Msg> load(state::World& w, int64_t channel, int64_t thread) {
  std::vector<Msg> out;
  const char* sql =
      thread ? "SELECT m.id, m.sender_id, m.ts_ms, p.name, m.body, m.edited, 0, 0 FROM "
               "chat_messages m JOIN people p ON p.id = m.sender_id WHERE m.id = ?2 OR "
               "m.thread_id = ?2 ORDER BY m.ts_ms, m.id"
             // The newest top-level messages and replies also sent to the channel.
             : "SELECT * FROM (SELECT * FROM (SELECT m.id, m.sender_id, m.ts_ms, p.name, m.body, "
               "m.edited, (SELECT count(*) FROM chat_messages r WHERE r.thread_id = m.id), (SELECT "
               "max(ts_ms) FROM chat_messages r WHERE r.thread_id = m.id), 0 FROM chat_messages m "
               "JOIN people p ON p.id = m.sender_id WHERE m.channel_id = ?1 AND m.thread_id = 0 "
               "ORDER BY m.ts_ms DESC, m.id DESC LIMIT ?3) UNION ALL SELECT * FROM (SELECT m.id, "
               "m.sender_id, m.ts_ms, p.name, m.body, m.edited, 0, 0, m.thread_id FROM "
               "chat_messages m JOIN people p ON p.id = m.sender_id WHERE m.channel_id = ?1 AND "
               "m.broadcast = 1 ORDER BY m.ts_ms DESC, m.id DESC LIMIT ?3) ORDER BY 3 DESC, 1 "
               "DESC LIMIT ?3) ORDER BY 3, 1";
  std::map<int64_t, size_t> at;
  for (auto q = w.query(sql, channel, thread, int64_t(kShown)); q.step();) {
    Msg m{q.i64(0), q.i64(1), q.i64(2), q.i64(6), q.i64(7), std::string(q.text(3)),
          std::string(q.text(4)), q.i64(5) != 0, {}};
    if (!thread) m.root = q.i64(8);
    at[m.id] = out.size();
    out.push_back(std::move(m));
  }
  if (out.empty()) return out;
  std::string ids;
  for (const Msg& m : out) ids.append(ids.empty() ? "" : ",").append(std::to_string(m.id));
  for (auto q = w.query("SELECT n.message_id, CASE WHEN n.person_id = 1 THEN 'you' ELSE p.name "
                        "END FROM chat_pins n JOIN people p ON p.id = n.person_id WHERE "
                        "n.message_id IN (" + ids + ")");
       q.step();)
    out[at[q.i64(0)]].pinned_by = q.text(1);
  for (auto q = w.query("SELECT message_id FROM chat_saved WHERE message_id IN (" + ids + ")"); q.step();)
    out[at[q.i64(0)]].saved = true;
  for (auto q = w.query("SELECT x.message_id, f.id, f.name, f.kind, f.bytes FROM chat_files x JOIN files f ON "
                        "f.id = x.file_id WHERE x.message_id IN (" + ids + ") ORDER BY x.message_id, f.id");
       q.step();)
    out[at[q.i64(0)]].files.push_back({q.i64(1), std::string(q.text(2)), std::string(q.text(3)), q.i64(4)});
  for (auto q = w.query("SELECT r.message_id, r.emoji, r.person_id, p.name FROM chat_reactions r "
                        "JOIN people p ON p.id = r.person_id WHERE r.message_id IN (" + ids +
                        ") ORDER BY r.message_id, r.emoji, r.person_id");
       q.step();) {
    auto& list = out[at[q.i64(0)]].reactions;
    const std::string e(q.text(1));
    if (list.empty() || list.back().emoji != e) list.push_back({e, {}, {}});
    list.back().who.push_back(q.i64(2));
    list.back().names.push_back(q.i64(2) == world::kUserId ? std::string("You") : std::string(q.text(3)));
  }
  return out;
}

// Emoji matching what is typed in the picker's search (words of the name start with it).
std::vector<const assets::Emoji*> emoji_matching(std::string_view typed) {
  std::string low(typed);
  for (char& c : low) c = char(std::tolower(uint8_t(c)));
  while (!low.empty() && (low.front() == ':' || low.front() == ' ')) low.erase(0, 1);
  while (!low.empty() && (low.back() == ':' || low.back() == ' ')) low.pop_back();
  std::vector<const assets::Emoji*> out;
  for (const assets::Emoji& e : assets::emoji()) {
    const size_t at = low.empty() ? 0 : e.name.find(low);
    if (at == std::string::npos) continue;
    if (at > 0 && e.name[at - 1] != '_' && e.name[at - 1] != '-') continue;
    out.push_back(&e);
  }
  return out;
}

// The emoji picker under `anchor`: a search field and the matching emoji; a click sends
// `action` + the emoji's name.
void emoji_picker(state::World& w, dom::Tree& t, int anchor, const std::string& action) {
  const dom::Theme& th = t.theme();
  namespace wg = dom::widget;
  const int pk = t.add(anchor, {.dir = Dir::column, .w = dom::fixed(356), .pad = dom::edges(10),
                                .gap = 8, .bg = th.surface_raised, .radius = 8,
                                .shadow = {.y = 2, .blur = 8, .spread = 1, .color = th.shadow},
                                .place = dom::Place::below, .anchor = anchor, .ox = -220, .oy = 4,
                                .z = 30},
                       key::react_menu, Role::dialog);
  t.node(pk).name = "Emoji picker";
  const FieldView f = field_view(w, full(key::emoji_search));
  wg::text_field(t, pk, key::emoji_search, {f.value, f.anchor, f.caret, f.focused, f.live},
                 "Search all emoji", wg::FieldKind::text, 0, 1);
  const int grid = t.add(pk, {.dir = Dir::row, .w = dom::fill(), .h = dom::fixed(212), .gap = 2,
                              .clip = true, .wrap = true},
                         key::emoji_grid, Role::grid);
  t.node(grid).name = "Emoji";
  live_scroll(w, t, grid);
  const auto found = emoji_matching(f.value);
  if (found.empty()) {
    const int none = t.text(grid, "No emoji match.", {.size = 13, .color = th.text_muted}, {.pad = dom::edges(8)});
    t.node(none).role = Role::status;
  }
  for (const assets::Emoji* e : found) {
    const int b = t.add(grid, {.w = dom::fixed(32), .h = dom::fixed(32), .justify = Align::center,
                               .align = Align::center, .hover_bg = th.hover, .radius = 6},
                        key::emoji(e->name), Role::button);
    t.node(b).name = ":" + e->name + ":";
    t.node(b).action = action + e->name;
    emoji_image(t, b, e->name, 22);
  }
}

// The workspace's own address: its links (channels, people, messages) open here rather than
// leaving the workplace.
constexpr std::string_view kSelf = "https://chat.facsim.test/#";

// "@Full Name" of a person at the company (or "@First" of the user) becomes a link to their
// profile: a mention drawn as one.
std::string link_mentions(state::World& w, const std::string& body) {
  if (body.find('@') == std::string::npos) return body;
  std::string out;
  for (size_t i = 0; i < body.size();) {
    if (body[i] == '@' && (i == 0 || body[i - 1] == ' ' || body[i - 1] == '\n' || body[i - 1] == '(')) {
      int64_t who = 0;
      size_t len = 0;
      for (auto q = w.query("SELECT id, name, first FROM people WHERE company_id = 1 ORDER BY length(name) DESC, id");
           q.step();) {
        const std::string name(q.text(1)), first(q.text(2));
        for (const std::string& n : {name, q.i64(0) == world::kUserId ? first : std::string()}) {
          if (n.empty() || body.compare(i + 1, n.size(), n) != 0) continue;
          const size_t end = i + 1 + n.size();
          if (end < body.size() && std::isalpha(uint8_t(body[end]))) continue;
          who = q.i64(0), len = n.size();
          break;
        }
        if (who) break;
      }
      if (who) {
        out += "[@" + body.substr(i + 1, len) + "](" + std::string(kSelf) + "p/" + std::to_string(who) + ")";
        i += 1 + len;
        continue;
      }
    }
    out += body[i++];
  }
  return out;
}

// "#name" of a channel in a message becomes a link to it.
std::string link_channels(state::World& w, const std::string& body) {
  if (body.find('#') == std::string::npos) return body;
  std::string out;
  for (size_t i = 0; i < body.size();) {
    const bool starts = body[i] == '#' && (i == 0 || body[i - 1] == ' ' || body[i - 1] == '\n' || body[i - 1] == '(');
    size_t j = i + 1;
    while (starts && j < body.size() &&
           (std::islower(uint8_t(body[j])) || std::isdigit(uint8_t(body[j])) || body[j] == '-' || body[j] == '_'))
      ++j;
    while (j > i + 1 && body[j - 1] == '-') --j;  // "#general-" at a sentence's end
    const std::string name = starts ? body.substr(i + 1, j - i - 1) : std::string();
    if (!name.empty() && [&] {
          auto q = w.query("SELECT count(*) FROM chat_channels WHERE name = ? AND kind IN ('public', "
                           "'private') AND archived = 0", name);
          return q.step() && q.i64(0) > 0;
        }()) {
      out += "[#" + name + "](" + std::string(kSelf) + name + ")";
      i = j;
    } else {
      out += body[i++];
    }
  }
  return out;
}

void message_view(state::World& w, dom::Tree& t, int parent, const Msg& m, bool grouped,
                  bool in_thread) {
  const dom::Theme& th = t.theme();
  namespace wg = dom::widget;
  const std::string sid = std::to_string(m.id);
  const int row = t.add(parent, {.dir = Dir::row, .w = dom::fill(),
                                 .pad = {20, grouped ? 2 : 8, 20, 4}, .gap = 10,
                                 .hover_bg = th.surface_dim},
                        (in_thread ? "t" : "") + key::msg(m.id), Role::article);
  t.node(row).name = m.name + ", " + format_time_short(m.ts, w.now_floor_ms(86400000));
  if (grouped) t.add(row, {.w = dom::fixed(36)});
  else wg::avatar(t, row, m.name, "", 36);
  const int col = t.add(row, {.dir = Dir::column, .w = dom::fill(), .gap = 2});
  if (m.root) {  // a thread reply also sent to the channel
    const int r = t.add(col, {.dir = Dir::row, .gap = 4, .hover_bg = th.hover, .radius = 3},
                        key::replied_to(m.id), Role::link);
    t.node(r).name = "Replied to a thread";
    t.node(r).action = "chat:thread:" + std::to_string(m.root);
    t.text(r, "replied to a thread", {.size = 12, .color = th.text_muted});
  }
  if (!m.pinned_by.empty() || m.saved) {
    std::string what = m.pinned_by.empty() ? "" : "Pinned by " + m.pinned_by;
    if (m.saved) what += what.empty() ? "Saved for later" : " \xC2\xB7 Saved for later";
    const int lbl = t.text(col, what, {.size = 12, .weight = 500, .color = th.accent});
    t.node(lbl).role = Role::text;
    t.node(lbl).name = what;
  }
  if (!grouped || !m.pinned_by.empty()) {
    const int line = t.add(col, {.dir = Dir::row, .gap = 8, .align = Align::end});
    const int who = t.add(line, {.dir = Dir::row, .hover_bg = th.hover, .radius = 3},
                          (in_thread ? "t" : "") + key::sender(m.id), Role::link);
    t.node(who).name = m.name;
    t.node(who).action = "chat:profile:" + std::to_string(m.sender);
    t.text(who, m.name, {.size = 15, .weight = 700, .color = th.text_strong});
    t.text(line, format_clock(civil_from_ms(m.ts)), {.size = 12, .color = th.text_muted});
  }
  const dom::TextStyle bts{.size = 15, .color = th.text_strong, .line_height = 22, .wrap = true};
  if (!in_thread && w.ui_int(ui::editing) == m.id) {  // Edit: the body as a field
    const FieldView f = field_view(w, full(key::edit_field), true);
    const int fld = wg::text_field(t, col, key::edit_field, {f.value, f.anchor, f.caret, f.focused, f.live},
                                   "Edit message", wg::FieldKind::multiline, 0, 2);
    t.node(fld).extra_mut().enter_sends = true;
    const int bar = t.add(col, {.dir = Dir::row, .gap = 8, .margin = {0, 6, 0, 0}});
    wg::button(t, bar, key::cancel_edit, "Cancel", "chat:cancel_edit", wg::ButtonKind::secondary);
    wg::button(t, bar, key::save_edit, "Save", "chat:save_edit");
    return;
  }
  auto blocks = wg::parse_markup(link_mentions(w, link_channels(w, m.body)), true);
  const int body = wg::rich_text(t, col, blocks, bts, {.w = dom::fill()}, "chat:link:", true);
  t.node(body).role = Role::text;
  t.node(body).name = wg::plain_text(blocks) + (m.edited ? " (edited)" : "");
  if (m.edited) t.text(col, "(edited)", {.size = 12, .color = th.text_muted});
  for (const Msg::File& f : m.files) {  // shared files: a click shows the file
    const int chip = t.add(col, {.dir = Dir::row, .w = dom::fixed(340), .h = dom::fixed(52), .pad = {12, 0, 12, 0},
                                 .gap = 10, .align = Align::center, .hover_bg = th.hover,
                                 .border_color = th.divider, .border = 1, .radius = 8, .margin = {0, 4, 0, 0}},
                           (in_thread ? "t" : "") + key::file(m.id, f.id), Role::button);
    t.node(chip).name = "File: " + f.name + ", " + world::file_size(f.bytes);
    t.node(chip).action = "chat:file_open:" + std::to_string(f.id);
    const int icon = t.add(chip, {.w = dom::fixed(32), .h = dom::fixed(32), .justify = Align::center,
                                  .align = Align::center, .bg = th.accent_soft, .radius = 6});
    t.text(icon, f.kind == "sheet" ? "XLS" : f.kind == "pdf" ? "PDF" : f.kind == "slides" ? "PPT"
                 : f.kind == "image" ? "IMG" : "DOC",
           {.size = 10, .weight = 700, .color = th.accent});
    const int fc = t.add(chip, {.dir = Dir::column, .w = dom::fill()});
    t.text(fc, f.name, {.size = 14, .weight = 600, .color = th.text_strong}, {.w = dom::fill()});
    t.text(fc, world::file_size(f.bytes), {.size = 12, .color = th.text_muted});
  }
  if (!m.reactions.empty()) {
    const int rr = t.add(col, {.dir = Dir::row, .gap = 6, .margin = {0, 4, 0, 0}, .wrap = true});
    for (const auto& [emoji, who, names] : m.reactions) {
      const bool mine = std::find(who.begin(), who.end(), world::kUserId) != who.end();
      const int chip = t.add(rr, {.dir = Dir::row, .h = dom::fixed(24), .pad = {8, 0, 8, 0},
                                  .gap = 6, .align = Align::center,
                                  .bg = mine ? th.accent_soft : th.surface_dim,
                                  .hover_bg = th.hover, .border_color = mine ? th.accent : th.divider,
                                  .border = 1, .radius = 12},
                             (in_thread ? "t" : "") + key::reaction(m.id, emoji), Role::button);
      t.node(chip).name = ":" + emoji + ": " + std::to_string(who.size());
      t.node(chip).action = "chat:react:" + sid + ":" + emoji;
      t.node(chip).selected = mine;
      // Who reacted, as Slack's tooltip says it: "Ana Lopez, Bo Chen and You reacted with :tada:".
      std::string people;
      for (size_t k = 0; k < names.size(); ++k)
        people += (k == 0 ? "" : k + 1 == names.size() ? " and " : ", ") + names[k];
      t.node(chip).extra_mut().tooltip = people + " reacted with :" + emoji + ":";
      emoji_image(t, chip, emoji, 16);
      t.text(chip, std::to_string(who.size()), {.size = 12, .weight = 700, .color = th.text});
    }
  }
  if (!in_thread && m.replies > 0) {
    const int link = t.add(col, {.dir = Dir::row, .gap = 8, .align = Align::center,
                                 .hover_bg = th.hover, .radius = 4, .margin = {0, 4, 0, 0}},
                           key::replies(m.id), Role::link);
    t.node(link).action = "chat:thread:" + sid;
    const std::string replies = std::to_string(m.replies) + (m.replies == 1 ? " reply" : " replies");
    t.node(link).name = replies;  // (not t.text(.., t.node(link).name): adding a node may move it)
    t.text(link, replies, {.size = 13, .weight = 700, .color = th.accent});
    t.text(link, "Last reply " + format_time_short(m.last_reply, w.now_floor_ms(86400000)),
           {.size = 12, .color = th.text_muted});
  }
  if (in_thread) return;
  // Under the pointer: React and Reply in thread (and, on the user's own, Edit and Delete),
  // over the top right of the message.
  const bool own = m.sender == world::kUserId;
  const int aw = own ? 320 : 210;
  const int acts = t.add(row, {.dir = Dir::row, .w = dom::fixed(aw), .h = dom::fixed(34),
                               .pad = dom::edges(2), .gap = 2, .justify = Align::end,
                               .align = Align::center, .bg = th.surface_raised,
                               .border_color = th.divider, .border = 1, .radius = 6,
                               .margin = {-aw, -6, 0, 0}});
  t.node(acts).style.hover_show = 1;
  std::vector<std::tuple<std::string, const char*, const char*, std::string>> buttons = {
      {key::react(m.id), "React", "Add reaction", "chat:react_open:" + sid},
      {key::reply(m.id), "Reply", "Reply in thread", "chat:thread:" + std::to_string(m.root ? m.root : m.id)},
      {key::more(m.id), "More", "More actions", "chat:more_open:" + sid}};
  if (own) {
    buttons.push_back({key::edit(m.id), "Edit", "Edit message", "chat:edit:" + sid});
    buttons.push_back({key::del(m.id), "Delete", "Delete message", "chat:delete:" + sid});
  }
  for (const auto& [k, label, name, action] : buttons) {
    const int b = t.add(acts, {.h = dom::fixed(28), .pad = {8, 0, 8, 0}, .justify = Align::center,
                               .align = Align::center, .hover_bg = th.hover, .radius = 4},
                        k, Role::button);
    t.node(b).name = name;
    t.node(b).action = action;
    t.text(b, label, {.size = 12, .weight = 500, .color = std::string_view(label) == "Delete" ? th.danger : th.text});
  }
  if (w.ui_get(apps::ui::kOverlay) == full(key::react_menu) && w.ui_int(ui::react_to) == m.id)
    emoji_picker(w, t, t.find(t.scoped(key::react(m.id))), "chat:react:" + sid + ":");
  if (w.ui_get(apps::ui::kOverlay) == full(key::more_menu) && w.ui_int(ui::more_for) == m.id) {
    wg::menu(t, key::more_menu,
             {{m.saved ? "Remove from saved" : "Save for later", "chat:save:" + sid},
              {m.pinned_by.empty() ? "Pin to channel" : "Unpin from channel", "chat:pin:" + sid},
              {"Mark unread", "chat:unread:" + sid},
              {"Copy link", "chat:copy_link:" + sid}},
             t.find(t.scoped(key::more(m.id))), 0, 0, 220);
  }
}

// A day's label in a conversation: "Today", "Yesterday", "Monday, March 2" (a past year:
// "March 2, 2025").
std::string day_label(int64_t day, int64_t today) {
  if (day == today) return "Today";
  if (day == today - 1) return "Yesterday";
  const Civil c = civil_from_days(day);
  const Civil n = civil_from_days(today);
  if (c.y != n.y) return format_date_long(c.y, c.m, c.d);
  return std::string(kWeekdayLong[c.wday]) + ", " + kMonthLong[c.m - 1] + " " + std::to_string(c.d);
}

// A rule across the conversation with a label on it (a day; "New").
void divider(dom::Tree& t, int parent, const std::string& k, const std::string& label, bool accent) {
  const dom::Theme& th = t.theme();
  const uint32_t line = accent ? th.danger : th.divider;
  const int row = t.add(parent, {.dir = Dir::row, .w = dom::fill(), .pad = {20, 8, 20, 4}, .gap = 8,
                                 .align = Align::center},
                        k, Role::heading);
  t.node(row).name = label;
  t.add(row, {.w = dom::fill(), .h = dom::fixed(1), .bg = line});
  const int pill = t.add(row, {.pad = {12, 3, 12, 3}, .border_color = accent ? th.danger : th.divider,
                               .border = 1, .radius = 12});
  t.text(pill, label, {.size = 12, .weight = 700, .color = accent ? th.danger : th.text});
  t.add(row, {.w = dom::fill(), .h = dom::fixed(1), .bg = line});
}

// The conversation: a rule at each new day, a "New" rule above the first message that was
// unread when the channel was opened (chat.unread_from), messages of one sender within five
// minutes grouped under one name.
void messages_view(state::World& w, dom::Tree& t, int parent, const std::vector<Msg>& msgs,
                   bool in_thread) {
  const int64_t today = w.now_floor_ms(86400000) / 86400000;
  const int64_t unread_from = in_thread ? 0 : w.ui_int(ui::unread_from);
  bool new_shown = false;
  for (size_t i = 0; i < msgs.size(); ++i) {
    const Msg& m = msgs[i];
    const int64_t day = m.ts / 86400000;
    bool grouped = i > 0 && msgs[i - 1].sender == m.sender && m.ts - msgs[i - 1].ts < 300000 &&
                   !(in_thread && i == 1);
    if (!in_thread && (i == 0 || msgs[i - 1].ts / 86400000 != day)) {
      divider(t, parent, "day:" + format_date_iso(m.ts), day_label(day, today), false);
      grouped = false;
    }
    if (!new_shown && unread_from > 0 && m.ts > unread_from && m.sender != world::kUserId) {
      divider(t, parent, "new_messages", "New", true);
      new_shown = true;
      grouped = false;
    }
    message_view(w, t, parent, m, grouped, in_thread);
  }
}

// Who an "@..." being typed in the open conversation can mean: its members (not the user)
// whose first or last name starts with it (6 at most).
std::vector<std::pair<int64_t, std::string>> mention_matches(state::World& w, const std::string& typed) {
  std::vector<std::pair<int64_t, std::string>> out;
  for (auto q = w.query("SELECT p.id, p.name FROM chat_members m JOIN people p ON p.id = m.person_id "
                        "WHERE m.channel_id = ?1 AND p.id <> 1 AND (instr(lower(p.name), lower(?2)) = 1 "
                        "OR instr(lower(p.name), ' ' || lower(?2)) > 0) ORDER BY p.name LIMIT 6",
                        current_channel(w), typed);
       q.step();)
    out.emplace_back(q.i64(0), std::string(q.text(1)));
  return out;
}

void composer(state::World& w, dom::Tree& t, int parent, std::string_view field,
              std::string_view send, const std::string& placeholder) {
  namespace wg = dom::widget;
  const dom::Theme& th = t.theme();
  // Live: the view reads its value only through chat.mention_q (on_edit keeps that).
  if (field == key::composer) {
    if (const int64_t fid = w.ui_int(ui::attach)) {  // the file going with the next message
      auto q = w.query("SELECT name, bytes FROM files WHERE id = ?", fid);
      if (q.step()) {
        const int chip = t.add(parent, {.dir = Dir::row, .h = dom::fixed(30), .pad = {10, 0, 4, 0}, .gap = 6,
                                        .align = Align::center, .bg = th.surface_dim, .radius = 6,
                                        .margin = {20, 4, 0, 0}},
                               key::attached, Role::listitem);
        t.node(chip).name = "Attached: " + std::string(q.text(0));
        t.text(chip, std::string(q.text(0)) + " (" + world::file_size(q.i64(1)) + ")",
               {.size = 13, .color = th.text_strong});
        wg::icon_button(t, chip, key::unattach, "\xE2\x9C\x95", "Remove the file", "chat:unattach", th.text_muted, 12);
      }
    }
  }
  const int box = t.add(parent, {.dir = Dir::row, .w = dom::fill(), .pad = {20, 8, 20, 16},
                                 .gap = 8, .align = Align::end});
  if (field == key::composer)
    wg::icon_button(t, box, key::attach, "+", "Attach a file", "chat:attach_open", th.text, 20);
  const FieldView f = field_view(w, full(field), true);
  const int fld = wg::text_field(t, box, field, {f.value, f.anchor, f.caret, f.focused, f.live},
                                 placeholder, wg::FieldKind::multiline, 0, 2);
  t.node(fld).extra_mut().enter_sends = true;  // Enter sends; Shift+Enter is a new line
  wg::button(t, box, send, "Send", std::string("chat:") + std::string(send));
  if (w.ui_get(ui::emoji_in) == full(field)) {  // ":ta" being typed: emoji, over the composer
    auto found = emoji_matching(w.ui_get(ui::emoji_q));
    if (found.size() > 6) found.resize(6);
    if (!found.empty()) {
      const int pop = t.add(fld, {.dir = Dir::column, .w = dom::fixed(320), .pad = dom::edges(6, 0),
                                  .bg = th.surface_raised, .radius = 8,
                                  .shadow = {.y = 2, .blur = 8, .spread = 1, .color = th.shadow},
                                  .place = dom::Place::above, .anchor = fld, .oy = 6, .z = 25},
                            key::emoji_popup, Role::listbox);
      t.node(pop).name = "Emoji";
      for (const assets::Emoji* e : found) {
        const int o = t.add(pop, {.dir = Dir::row, .w = dom::fill(), .h = dom::fixed(32), .pad = {12, 0, 12, 0},
                                  .gap = 10, .align = Align::center, .hover_bg = th.hover},
                            key::emoji_option(e->name), Role::option);
        t.node(o).name = ":" + e->name + ":";
        t.node(o).action = "chat:emoji_pick:" + e->name;
        emoji_image(t, o, e->name, 20);
        t.text(o, ":" + e->name + ":", {.size = 14, .color = th.text_strong});
      }
    }
  }
  if (w.ui_get(ui::mention_in) != full(field)) return;
  // "@..." being typed: who it can mean, over the composer (a click or Enter picks).
  const auto found = mention_matches(w, w.ui_get(ui::mention_q));
  if (found.empty()) return;
  const int pop = t.add(fld, {.dir = Dir::column, .w = dom::fixed(320), .pad = dom::edges(6, 0),
                              .bg = th.surface_raised, .radius = 8,
                              .shadow = {.y = 2, .blur = 8, .spread = 1, .color = th.shadow},
                              .place = dom::Place::above, .anchor = fld, .oy = 6, .z = 25},
                        key::mentions_popup, Role::listbox);
  t.node(pop).name = "People to mention";
  for (const auto& [id, name] : found) {
    const int o = t.add(pop, {.dir = Dir::row, .w = dom::fill(), .h = dom::fixed(36), .pad = {12, 0, 12, 0},
                              .gap = 10, .align = Align::center, .hover_bg = th.hover},
                        key::mention(id), Role::option);
    t.node(o).name = name;
    t.node(o).action = "chat:mention:" + std::to_string(id);
    wg::avatar(t, o, name, "", 24);
    t.text(o, name, {.size = 14, .color = th.text_strong});
  }
}

// The quick switcher's options for what is typed: the user's channels whose name has it,
// then coworkers whose name has a word starting with it (8 at most; nothing typed: the
// channels with unread messages first).
std::vector<std::tuple<char, int64_t, std::string, std::string>> switcher_matches(
    state::World& w, const std::string& typed) {
  std::vector<std::tuple<char, int64_t, std::string, std::string>> out;
  std::string low = typed;
  for (char& c : low) c = char(std::tolower(uint8_t(c)));
  while (!low.empty() && (low[0] == '#' || low[0] == '@' || low[0] == ' ')) low.erase(0, 1);
  for (auto q = w.query("SELECT c.id, c.name, c.topic FROM chat_channels c JOIN chat_members m ON "
                        "m.channel_id = c.id AND m.person_id = 1 WHERE c.kind IN ('public', 'private') AND "
                        "c.archived = 0 AND instr(c.name, ?) > 0 ORDER BY instr(c.name, ?1), "
                        "c.name LIMIT 8", low);
       q.step();)
    out.push_back({'c', q.i64(0), std::string("#").append(q.text(1)), std::string(q.text(2))});
  if (low.empty()) return out;
  for (auto q = w.query("SELECT id, name, title FROM people WHERE company_id = 1 AND id <> 1 AND "
                        "(instr(lower(name), ?1) = 1 OR instr(lower(name), ' ' || ?1) > 0) "
                        "ORDER BY name LIMIT 8", low);
       q.step() && out.size() < 8;)
    out.push_back({'p', q.i64(0), std::string(q.text(1)), std::string(q.text(2))});
  return out;
}

// Coworkers whose first or last name starts with `typed` (the typed text is data, never a
// pattern) and who pass `also` (SQL over people p, built from ids only): id, name, title.
std::vector<std::tuple<int64_t, std::string, std::string>> people_matching(state::World& w, const std::string& typed,
                                                                           const std::string& also, int limit = 5) {
  std::vector<std::tuple<int64_t, std::string, std::string>> out;
  for (auto q = w.query("SELECT p.id, p.name, p.title FROM people p WHERE p.company_id = 1 AND p.id <> 1 AND (" +
                            also + ") AND (instr(lower(p.name), lower(?1)) = 1 OR instr(lower(p.name), ' ' || "
                            "lower(?1)) > 0) ORDER BY p.name, p.id LIMIT " + std::to_string(limit), typed);
       q.step();)
    out.emplace_back(q.i64(0), std::string(q.text(1)), std::string(q.text(2)));
  return out;
}

// The `also` clauses of the two dialogs that suggest people: not in channel `id` yet (Add
// people); not chosen already (New message: ids, parsed, so only digits reach the SQL).
std::string not_in_channel(int64_t id) {
  return "p.id NOT IN (SELECT person_id FROM chat_members WHERE channel_id = " + std::to_string(id) + ")";
}
std::string not_chosen(const std::string& csv) {
  std::string ids = "0";
  for (int64_t id : parse_id_list(csv)) ids.append(",").append(std::to_string(id));
  return "p.id NOT IN (" + ids + ")";
}

// A person to choose in a dialog's suggestions: avatar, name, title.
void person_option(dom::Tree& t, int list, const std::string& k, std::string_view name,
                   std::string_view title, std::string action) {
  const dom::Theme& th = t.theme();
  const int o = t.add(list, {.dir = Dir::row, .w = dom::fill(), .pad = {12, 6, 12, 6}, .gap = 10,
                             .align = Align::center, .hover_bg = th.hover, .radius = 6},
                      k, Role::option);
  t.node(o).name = std::string(name);
  t.node(o).action = std::move(action);
  dom::widget::avatar(t, o, name, "", 24);
  t.text(o, name, {.size = 14, .color = th.text_strong});
  t.text(o, title, {.size = 12, .color = th.text_muted});
}

// The modal dialogs: delete a message, edit the topic, add people, create a channel.
void dialogs(state::World& w, dom::Tree& t, const Channel& cur) {
  const dom::Theme& th = t.theme();
  namespace wg = dom::widget;
  const std::string overlay = w.ui_get(apps::ui::kOverlay);
  auto foot = [&](int body, std::string_view k, const char* label, std::string action,
                  wg::ButtonKind kind = wg::ButtonKind::primary) {
    const int f = t.add(body, {.dir = Dir::row, .w = dom::fill(), .gap = 8, .justify = Align::end});
    wg::button(t, f, "cancel_" + std::string(k), "Cancel", "ui:close", wg::ButtonKind::text);
    wg::button(t, f, k, label, std::move(action), kind);
  };
  auto field = [&](int body, std::string_view k, const char* placeholder) {
    // Live (refreshed in place as it is typed) unless the view reads it: the people field's
    // suggestions follow what is typed.
    const FieldView f = field_view(w, full(k), k != key::people_field && k != key::switcher_field &&
                                                   k != key::dm_field && k != key::file_field);
    return wg::text_field(t, body, k, {f.value, f.anchor, f.caret, f.focused, f.live}, placeholder,
                          wg::FieldKind::text, 0, 1);
  };
  if (overlay == full(key::delete_dialog)) {
    const int body = wg::modal(t, key::delete_dialog, "Delete message", 440);
    t.text(body, "Are you sure you want to delete this message? This cannot be undone.",
           {.size = 14, .color = th.text, .wrap = true}, {.w = dom::fill()});
    foot(body, key::confirm_delete, "Delete", "chat:confirm_delete", wg::ButtonKind::danger);
  } else if (overlay == full(key::topic_dialog)) {
    const int body = wg::modal(t, key::topic_dialog, "Edit topic", 480);
    field(body, key::topic_field, "Add a topic");
    foot(body, key::save_topic, "Save", "chat:save_topic");
  } else if (overlay == full(key::people_dialog)) {
    const int body = wg::modal(t, key::people_dialog, "Add people to " + cur.label, 480);
    // The chosen, as chips; the field suggests coworkers not in the channel yet.
    const std::string chosen = w.ui_get(ui::adding);
    if (!chosen.empty()) {
      const int chips = t.add(body, {.dir = Dir::row, .w = dom::fill(), .gap = 6, .wrap = true});
      for (auto q = w.query("SELECT id, name FROM people WHERE instr(',' || ? || ',', ',' || id || ',') "
                            "> 0 ORDER BY name", chosen);
           q.step();) {
        const int chip = t.add(chips, {.dir = Dir::row, .h = dom::fixed(28), .pad = {10, 0, 10, 0},
                                       .align = Align::center, .bg = th.accent_soft, .radius = 14},
                               "chosen:" + std::to_string(q.i64(0)), Role::listitem);
        t.node(chip).name = std::string(q.text(1));
        t.text(chip, std::string(q.text(1)), {.size = 13, .color = th.text_strong});
      }
    }
    field(body, key::people_field, "Type a name");
    const std::string typed = field_value(w, full(key::people_field));
    if (!typed.empty()) {
      const int list = t.add(body, {.dir = Dir::column, .w = dom::fill()}, "people_list", Role::listbox);
      for (const auto& [id, name, title] : people_matching(w, typed, not_in_channel(cur.id)))
        person_option(t, list, key::person(id), name, title, "chat:choose:" + std::to_string(id));
    }
    foot(body, key::add_people, "Add", "chat:add_people");
  } else if (overlay == full(key::channel_dialog)) {
    const int body = wg::modal(t, key::channel_dialog, "Create a channel", 480);
    field(body, key::channel_name, "e.g. plan-budget");
    wg::checkbox(t, body, key::channel_private, "Make private", w.ui_int(ui::make_private) != 0,
                 "chat:toggle_private");
    foot(body, key::create_channel, "Create", "chat:create_channel");
  } else if (overlay == full(key::rename_dialog)) {
    const int body = wg::modal(t, key::rename_dialog, "Rename this channel", 480);
    t.text(body, "Names are lower case, without spaces or periods.",
           {.size = 13, .color = th.text_muted, .wrap = true}, {.w = dom::fill()});
    field(body, key::rename_field, "channel-name");
    foot(body, key::save_rename, "Save changes", "chat:save_rename");
  } else if (overlay == full(key::archive_dialog)) {
    const int body = wg::modal(t, key::archive_dialog, "Archive " + cur.label + "?", 480);
    t.text(body, "No one will be able to send messages to the channel; its history stays "
                 "searchable.", {.size = 14, .color = th.text, .wrap = true}, {.w = dom::fill()});
    foot(body, key::confirm_archive, "Archive", "chat:confirm_archive", wg::ButtonKind::danger);
  } else if (overlay == full(key::status_dialog)) {
    const int body = wg::modal(t, key::status_dialog, "Set a status", 480);
    const std::string pick = w.ui_get(ui::status_pick);
    const int emojis = t.add(body, {.dir = Dir::row, .w = dom::fill(), .gap = 6, .wrap = true},
                             "status_emojis", Role::radiogroup);
    t.node(emojis).name = "Emoji";
    for (std::string_view e : kStatusEmoji) {
      const bool on = pick == e;
      const int chip = t.add(emojis, {.dir = Dir::row, .h = dom::fixed(36), .pad = {8, 0, 8, 0},
                                      .align = Align::center, .bg = on ? th.accent_soft : th.surface_dim,
                                      .hover_bg = th.hover, .border_color = on ? th.accent : th.divider,
                                      .border = 1, .radius = 14},
                             key::status_emoji(e), Role::radio);
      t.node(chip).name = ":" + std::string(e) + ":";
      t.node(chip).action = "chat:status_emoji:" + std::string(e);
      t.node(chip).checked = on;
      emoji_image(t, chip, e, 20);
    }
    field(body, key::status_text, "What's your status?");
    t.text(body, "Clear after", {.size = 14, .weight = 600, .color = th.text});
    const int row = t.add(body, {.dir = Dir::row, .gap = 14, .align = Align::center, .wrap = true},
                          key::status_clear, Role::radiogroup);
    t.node(row).name = "Clear after";
    const int64_t after = w.ui_int(full(key::status_clear), 0);
    for (size_t i = 0; i < std::size(kClearAfter); ++i)
      wg::radio(t, row, "clear_after:" + std::to_string(i), kClearAfter[i], int64_t(i) == after,
                "chat:status_clear:" + std::to_string(i));
    const int f = t.add(body, {.dir = Dir::row, .w = dom::fill(), .gap = 8, .justify = Align::end});
    auto q = w.query("SELECT count(*) FROM chat_status WHERE person_id = 1");
    if (q.step() && q.i64(0) > 0)
      wg::button(t, f, key::clear_status, "Clear status", "chat:clear_status", wg::ButtonKind::secondary);
    t.add(f, {.w = dom::fill()});
    wg::button(t, f, "cancel_status", "Cancel", "ui:close", wg::ButtonKind::text);
    wg::button(t, f, key::save_status, "Save", "chat:save_status");
  } else if (overlay == full(key::dm_dialog)) {
    const int body = wg::modal(t, key::dm_dialog, "New message", 480);
    t.text(body, "Choose one person, or several for a group conversation.",
           {.size = 13, .color = th.text_muted, .wrap = true}, {.w = dom::fill()});
    const std::string chosen = w.ui_get(ui::dm_people);
    if (!chosen.empty()) {
      const int chips = t.add(body, {.dir = Dir::row, .w = dom::fill(), .gap = 6, .wrap = true});
      for (auto q = w.query("SELECT id, name FROM people WHERE instr(',' || ? || ',', ',' || id || ',') "
                            "> 0 ORDER BY name", chosen);
           q.step();) {
        const int chip = t.add(chips, {.dir = Dir::row, .h = dom::fixed(28), .pad = {10, 0, 6, 0}, .gap = 4,
                                       .align = Align::center, .bg = th.accent_soft, .radius = 14},
                               "dm_chosen:" + std::to_string(q.i64(0)), Role::listitem);
        t.node(chip).name = std::string(q.text(1));
        t.text(chip, std::string(q.text(1)), {.size = 13, .color = th.text_strong});
        wg::icon_button(t, chip, "dm_unchoose:" + std::to_string(q.i64(0)), "\xE2\x9C\x95",
                        "Remove " + std::string(q.text(1)), "chat:dm_unchoose:" + std::to_string(q.i64(0)),
                        th.text_muted, 12);
      }
    }
    field(body, key::dm_field, "Type a name");
    const std::string typed = field_value(w, full(key::dm_field));
    if (!typed.empty()) {
      const int list = t.add(body, {.dir = Dir::column, .w = dom::fill()}, "dm_list", Role::listbox);
      for (const auto& [id, name, title] : people_matching(w, typed, not_chosen(chosen)))
        person_option(t, list, key::dm_person(id), name, title, "chat:dm_choose:" + std::to_string(id));
    }
    foot(body, key::start_dm, "Start", "chat:start_dm");
  } else if (overlay == full(key::attach_dialog)) {
    const int body = wg::modal(t, key::attach_dialog, "Share a file", 520);
    field(body, key::file_field, "Search your files");
    const std::string typed = field_value(w, full(key::file_field));
    const int list = t.add(body, {.dir = Dir::column, .w = dom::fill(), .h = dom::fixed(300), .clip = true},
                           "file_list", Role::listbox);
    live_scroll(w, t, list);
    for (auto q = w.query("SELECT id, name, kind, bytes FROM files WHERE instr(lower(name), lower(?)) > 0 "
                          "ORDER BY name, id LIMIT 40", typed);
         q.step();) {
      const int o = t.add(list, {.dir = Dir::row, .w = dom::fill(), .pad = {12, 6, 12, 6}, .gap = 10,
                                 .align = Align::center, .hover_bg = th.hover, .radius = 6},
                          key::file_option(q.i64(0)), Role::option);
      t.node(o).name = std::string(q.text(1));
      t.node(o).action = "chat:attach:" + std::to_string(q.i64(0));
      t.text(o, std::string(q.text(1)), {.size = 14, .color = th.text_strong}, {.w = dom::fill()});
      t.text(o, std::string(q.text(2)) + " \xC2\xB7 " + world::file_size(q.i64(3)),
             {.size = 12, .color = th.text_muted});
    }
  } else if (overlay == full(key::file_preview)) {
    auto q = w.query("SELECT f.name, f.kind, f.bytes, p.name, f.created_ms, f.summary FROM files f JOIN people p "
                     "ON p.id = f.owner_id WHERE f.id = ?", w.ui_int(ui::previewing));
    if (q.step()) {
      const int body = wg::modal(t, key::file_preview, std::string(q.text(0)), 560);
      t.text(body, std::string(q.text(3)) + " \xC2\xB7 " + world::file_size(q.i64(2)) + " \xC2\xB7 " +
                       format_time_long(q.i64(4)),
             {.size = 13, .color = th.text_muted});
      const int page = t.add(body, {.dir = Dir::column, .w = dom::fill(), .pad = dom::edges(16), .gap = 8,
                                    .bg = th.surface, .border_color = th.divider, .border = 1, .radius = 6});
      t.text(page, std::string(q.text(5)), {.size = 14, .color = th.text, .line_height = 21, .wrap = true},
             {.w = dom::fill()});
    }
  } else if (overlay == full(key::switcher)) {
    const int body = wg::modal(t, key::switcher, "Switch to a conversation", 520);
    field(body, key::switcher_field, "Find a channel or a person");
    const std::string typed = field_value(w, full(key::switcher_field));
    const int list = t.add(body, {.dir = Dir::column, .w = dom::fill()}, "switch_list", Role::listbox);
    auto option = [&](const std::string& k, const std::string& label, const std::string& note,
                      std::string action) {
      const int o = t.add(list, {.dir = Dir::row, .w = dom::fill(), .pad = {12, 6, 12, 6}, .gap = 10,
                                 .align = Align::center, .hover_bg = th.hover, .radius = 6},
                          k, Role::option);
      t.node(o).name = label;
      t.node(o).action = std::move(action);
      t.text(o, label, {.size = 14, .color = th.text_strong});
      t.text(o, note, {.size = 12, .color = th.text_muted});
    };
    for (const auto& [kind, id, label, note] : switcher_matches(w, typed))
      option(kind == 'c' ? key::switch_channel(id) : key::switch_person(id), label, note,
             (kind == 'c' ? "chat:open:" : "chat:message_person:") + std::to_string(id));
  }
}

// Search: words (every one must appear) and filters, as Slack spells them.
struct SearchQuery {
  std::vector<std::string> words;
  std::string from, in, before, after, during;  // lower case; dates YYYY-MM-DD
  bool link = false, reaction = false, thread = false;
};
SearchQuery parse_query(std::string_view q) {
  SearchQuery out;
  std::string low(q);
  for (char& c : low) c = char(std::tolower(uint8_t(c)));
  size_t i = 0;
  while (i < low.size()) {
    while (i < low.size() && low[i] == ' ') ++i;
    size_t j = low.find(' ', i);
    if (j == std::string::npos) j = low.size();
    std::string tok = low.substr(i, j - i);
    i = j;
    if (tok.empty()) continue;
    auto value = [&](std::string_view f) {
      std::string v = tok.substr(f.size());
      while (!v.empty() && (v[0] == '@' || v[0] == '#')) v.erase(0, 1);
      return v;
    };
    if (tok.rfind("from:", 0) == 0) out.from = value("from:");
    else if (tok.rfind("in:", 0) == 0) out.in = value("in:");
    else if (tok.rfind("before:", 0) == 0) out.before = value("before:");
    else if (tok.rfind("after:", 0) == 0) out.after = value("after:");
    else if (tok.rfind("during:", 0) == 0 || tok.rfind("on:", 0) == 0)
      out.during = value(tok[0] == 'o' ? "on:" : "during:");
    else if (tok == "has:link") out.link = true;
    else if (tok == "has:reaction") out.reaction = true;
    else if (tok == "is:thread") out.thread = true;
    else out.words.push_back(tok);
  }
  return out;
}
// The day a YYYY-MM-DD names, as Unix ms of its midnight (UTC); -1 if it is not a date.
int64_t day_ms(const std::string& iso) {
  int y = 0, m = 0, d = 0;
  if (iso.size() != 10 || std::sscanf(iso.c_str(), "%4d-%2d-%2d", &y, &m, &d) != 3 || m < 1 ||
      m > 12 || d < 1 || d > days_in_month(y, m))
    return -1;
  return days_from_civil(y, m, d) * 86400000;
}

struct Found {
  int64_t id = 0, channel = 0, thread = 0, ts = 0;
  std::string who, where, body;
  bool replied = false;  // (mentions) the user has answered in its thread
};
// Messages matching the search, newest first (at most `limit`), and how many match.
std::pair<std::vector<Found>, int64_t> run_search(state::World& w, const SearchQuery& q,
                                                  int limit) {
  std::string where = "m.channel_id IN (SELECT channel_id FROM chat_members WHERE person_id = 1)";
  std::vector<std::string> args;
  auto arg = [&](std::string v) {
    args.push_back(std::move(v));
    return "?" + std::to_string(args.size());
  };
  for (const std::string& word : q.words)
    where += " AND instr(lower(m.body), " + arg(word) + ") > 0";
  if (!q.from.empty()) {
    const std::string a = arg(q.from);
    where += " AND (lower(p.first) = " + a + " OR p.handle = " + a +
             " OR lower(replace(p.name, ' ', '')) = " + a + (q.from == "me" ? " OR p.id = 1" : "") + ")";
  }
  if (!q.in.empty()) where += " AND c.name = " + arg(q.in);
  if (q.link) where += " AND (instr(m.body, 'http://') > 0 OR instr(m.body, 'https://') > 0)";
  if (q.reaction) where += " AND EXISTS (SELECT 1 FROM chat_reactions r WHERE r.message_id = m.id)";
  if (q.thread)
    where += " AND (m.thread_id <> 0 OR EXISTS (SELECT 1 FROM chat_messages r WHERE r.thread_id = m.id))";
  auto date = [&](const std::string& iso, const char* op, int64_t add) {
    const int64_t d = day_ms(iso);
    where += d < 0 ? std::string(" AND 0") : " AND m.ts_ms " + std::string(op) + " " + std::to_string(d + add);
  };
  if (!q.before.empty()) date(q.before, "<", 0);
  if (!q.after.empty()) date(q.after, ">=", 86400000);
  if (!q.during.empty()) {
    date(q.during, ">=", 0);
    date(q.during, "<", 86400000);
  }
  const std::string from =
      " FROM chat_messages m JOIN people p ON p.id = m.sender_id JOIN chat_channels c ON c.id = "
      "m.channel_id WHERE " + where;
  auto bind_all = [&](state::Query& st) {
    for (size_t k = 0; k < args.size(); ++k) st.bind(int(k + 1), args[k]);
  };
  int64_t total = 0;
  {
    auto st = w.query("SELECT count(*)" + from);
    bind_all(st);
    if (st.step()) total = st.i64(0);
  }
  std::vector<Found> out;
  auto st = w.query("SELECT m.id, m.channel_id, m.thread_id, m.ts_ms, p.name, " + std::string(kLabelSql) +
                    ", m.body" + from + " ORDER BY m.ts_ms DESC, m.id DESC LIMIT " + std::to_string(limit));
  bind_all(st);
  while (st.step())
    out.push_back({st.i64(0), st.i64(1), st.i64(2), st.i64(3), std::string(st.text(4)),
                   std::string(st.text(5)), std::string(st.text(6))});
  return {std::move(out), total};
}

// A message found (search, saved items): where, who, when, the text (matches marked).
void found_row(state::World& w, dom::Tree& t, int parent, const std::string& k, const Found& f,
               const std::vector<std::string>& marks) {
  const dom::Theme& th = t.theme();
  namespace wg = dom::widget;
  const int row = t.add(parent, {.dir = Dir::row, .w = dom::fill(), .pad = {20, 10, 20, 10},
                                 .gap = 10, .hover_bg = th.surface_dim,
                                 .border_color = th.divider, .border = 0},
                        k, Role::link);
  // A mention opens its thread, to answer it; other rows open the conversation.
  t.node(row).action = (k.rfind("mentioned:", 0) == 0 || k.rfind("threadrow:", 0) == 0 ? "chat:open_thread:"
                                                                                      : "chat:result:") +
                       std::to_string(f.id);
  wg::avatar(t, row, f.who, "", 32);
  const int col = t.add(row, {.dir = Dir::column, .w = dom::fill(), .gap = 2});
  const int line = t.add(col, {.dir = Dir::row, .gap = 8, .align = Align::end});
  t.text(line, f.who, {.size = 14, .weight = 700, .color = th.text_strong});
  t.text(line, f.where + (f.thread ? " (thread)" : ""), {.size = 12, .color = th.text_muted});
  t.text(line, format_time_short(f.ts, w.now_floor_ms(86400000)), {.size = 12, .color = th.text_muted});
  auto blocks = wg::parse_markup(f.body, true);
  if (!marks.empty()) wg::highlight(blocks, marks);
  wg::rich_text(t, col, blocks, {.size = 14, .color = th.text, .line_height = 20, .wrap = true},
                {.w = dom::fill()}, "chat:link:");
  t.node(row).name = f.who + " in " + f.where + ": " + wg::plain_text(blocks) +
                     (f.replied ? " (you replied)" : "");
  if (f.replied) t.text(col, "You replied", {.size = 12, .weight = 600, .color = th.accent});
}

// The main column as search results or saved items.
// A page of the main column (drafts, browse, saved, mentions, search): a header with `title`
// and `note` (a count), an optional close button, a rule, and the scrolling list it returns.
int page(state::World& w, dom::Tree& t, int main, const std::string& title, const std::string& note,
         const std::string& list_name, bool closes = false) {
  const dom::Theme& th = t.theme();
  const int head = t.add(main, {.dir = Dir::row, .w = dom::fill(), .h = dom::fixed(56),
                                .pad = {20, 0, 12, 0}, .gap = 12, .align = Align::center},
                         key::header, Role::banner);
  const int h = t.text(head, title, {.size = 18, .weight = 700, .color = th.text_strong});
  t.node(h).role = Role::heading;
  t.text(head, note, {.size = 13, .color = th.text_muted}, {.w = dom::fill()});
  if (closes)
    dom::widget::icon_button(t, head, key::close_search, "\xE2\x9C\x95", "Close search",
                             "chat:close_search", th.text, 16);
  t.add(main, {.w = dom::fill(), .h = dom::fixed(1), .bg = th.divider});
  const int list = t.add(main, {.dir = Dir::column, .w = dom::fill(), .h = dom::fill(), .clip = true},
                         key::results, Role::list);
  t.node(list).name = list_name;
  live_scroll(w, t, list);
  return list;
}

void drafts_view(state::World& w, dom::Tree& t, int main) {
  const dom::Theme& th = t.theme();
  namespace wg = dom::widget;
  const int list = page(w, t, main, "Drafts & sent", "", "Drafts");
  int n = 0;
  for (auto q = w.query("SELECT d.channel_id, " + std::string(kLabelSql) + ", d.body, d.ts_ms FROM "
                        "chat_drafts d JOIN chat_channels c ON c.id = d.channel_id ORDER BY d.ts_ms "
                        "DESC, d.channel_id");
       q.step(); ++n) {
    const int row = t.add(list, {.dir = Dir::column, .w = dom::fill(), .pad = {20, 10, 20, 10}, .gap = 2,
                                 .hover_bg = th.surface_dim},
                          key::draft(q.i64(0)), Role::link);
    t.node(row).action = "chat:draft:" + std::to_string(q.i64(0));
    t.node(row).name = "Draft to " + std::string(q.text(1)) + ": " + std::string(q.text(2));
    const int line = t.add(row, {.dir = Dir::row, .gap = 8, .align = Align::end});
    t.text(line, q.text(1), {.size = 14, .weight = 700, .color = th.text_strong});
    t.text(line, format_time_short(q.i64(3), w.now_floor_ms(86400000)), {.size = 12, .color = th.text_muted});
    wg::rich_text(t, row, wg::parse_markup(q.text(2), true),
                  {.size = 14, .color = th.text, .line_height = 20, .wrap = true}, {.w = dom::fill()},
                  "chat:link:");
  }
  if (n == 0)
    t.text(list, "Messages you start and don't send show here.", {.size = 14, .color = th.text_muted},
           {.pad = dom::edges(20)});
  // Sent: the user's latest messages, each opening its conversation.
  const int h = t.text(list, "Sent", {.size = 13, .weight = 700, .color = th.text_muted}, {.pad = {20, 14, 20, 4}});
  t.node(h).role = Role::heading;
  for (auto q = w.query("SELECT m.id, m.channel_id, m.thread_id, m.ts_ms, 'You', " + std::string(kLabelSql) +
                        ", m.body FROM chat_messages m JOIN chat_channels c ON c.id = m.channel_id WHERE "
                        "m.sender_id = 1 AND c.archived = 0 ORDER BY m.ts_ms DESC, m.id DESC LIMIT 20");
       q.step();)
    found_row(w, t, list, "sent:" + std::to_string(q.i64(0)),
              {q.i64(0), q.i64(1), q.i64(2), q.i64(3), std::string(q.text(4)), std::string(q.text(5)),
               std::string(q.text(6))},
              {});
}

// Browse channels: every public channel, those the user is not in with Join.
void browse_view(state::World& w, dom::Tree& t, int main) {
  const dom::Theme& th = t.theme();
  namespace wg = dom::widget;
  const int list = page(w, t, main, "Browse channels", "", "Channels");
  for (auto q = w.query("SELECT c.id, c.name, c.topic, (SELECT count(*) FROM chat_members m WHERE "
                        "m.channel_id = c.id), EXISTS (SELECT 1 FROM chat_members m WHERE m.channel_id = "
                        "c.id AND m.person_id = 1) FROM chat_channels c WHERE c.kind = 'public' AND "
                        "c.archived = 0 ORDER BY c.name");
       q.step();) {
    const int64_t id = q.i64(0);
    const bool joined = q.i64(4) != 0;
    const int row = t.add(list, {.dir = Dir::row, .w = dom::fill(), .pad = {20, 10, 20, 10}, .gap = 12,
                                 .align = Align::center, .hover_bg = th.surface_dim},
                          key::browse_row(id), Role::listitem);
    const std::string n = "# " + std::string(q.text(1));
    t.node(row).name = n + (joined ? ", joined" : "") + ", " + std::to_string(q.i64(3)) + " members";
    const int col = t.add(row, {.dir = Dir::column, .w = dom::fill(), .gap = 2});
    t.text(col, n, {.size = 15, .weight = 700, .color = th.text_strong});
    t.text(col, (joined ? "Joined \xC2\xB7 " : "") + std::to_string(q.i64(3)) + " members" +
                    (q.text(2).empty() ? std::string() : " \xC2\xB7 " + std::string(q.text(2))),
           {.size = 13, .color = th.text_muted});
    if (joined) wg::button(t, row, key::view_channel(id), "View", "chat:open:" + std::to_string(id), wg::ButtonKind::secondary);
    else wg::button(t, row, key::join(id), "Join", "chat:join:" + std::to_string(id));
  }
}

void found_view(state::World& w, dom::Tree& t, int main) {
  const dom::Theme& th = t.theme();
  if (w.ui_get(ui::main) == "drafts") return drafts_view(w, t, main);
  if (w.ui_get(ui::main) == "browse") return browse_view(w, t, main);
  const bool saved = w.ui_get(ui::main) == "saved", mentions = w.ui_get(ui::main) == "mentions",
             threads = w.ui_get(ui::main) == "threads";
  std::vector<Found> reactions;
  const std::string query = w.ui_get(ui::query);
  std::vector<Found> rows;
  int64_t total = 0;
  std::vector<std::string> marks;
  if (saved) {
    for (auto q = w.query("SELECT m.id, m.channel_id, m.thread_id, m.ts_ms, p.name, " + std::string(kLabelSql) +
                          ", m.body FROM chat_saved s JOIN chat_messages m "
                          "ON m.id = s.message_id JOIN people p ON p.id = m.sender_id JOIN "
                          "chat_channels c ON c.id = m.channel_id ORDER BY s.ts_ms DESC, m.id");
         q.step();)
      rows.push_back({q.i64(0), q.i64(1), q.i64(2), q.i64(3), std::string(q.text(4)),
                      std::string(q.text(5)), std::string(q.text(6))});
    total = int64_t(rows.size());
  } else if (mentions) {  // messages that @mention the user, newest first
    for (auto q = w.query("SELECT m.id, m.channel_id, m.thread_id, m.ts_ms, p.name, " + std::string(kLabelSql) +
                          ", m.body FROM chat_messages m JOIN people p ON p.id "
                          "= m.sender_id JOIN chat_channels c ON c.id = m.channel_id JOIN people u ON "
                          "u.id = 1 WHERE m.sender_id <> 1 AND m.channel_id IN (SELECT channel_id "
                          "FROM chat_members WHERE person_id = 1) AND " + std::string(kMentionsUser) +
                          " ORDER BY m.ts_ms DESC, m.id DESC LIMIT 50");
         q.step();)
      rows.push_back({q.i64(0), q.i64(1), q.i64(2), q.i64(3), std::string(q.text(4)),
                      std::string(q.text(5)), std::string(q.text(6)),
                      value(w, "SELECT count(*) FROM chat_messages WHERE sender_id = 1 AND thread_id = ?",
                            q.i64(2) ? q.i64(2) : q.i64(0)) > 0});
    total = int64_t(rows.size());
    // Reactions to the user's messages (Slack's "Mentions & reactions").
    for (auto q = w.query("SELECT m.id, m.channel_id, m.thread_id, m.ts_ms, group_concat(p.name || ' :' || r.emoji || ':', ', '), " +
                          std::string(kLabelSql) + ", m.body FROM chat_reactions r JOIN chat_messages m ON m.id = "
                          "r.message_id JOIN people p ON p.id = r.person_id JOIN chat_channels c ON c.id = "
                          "m.channel_id WHERE m.sender_id = 1 AND r.person_id <> 1 GROUP BY m.id ORDER BY m.ts_ms "
                          "DESC, m.id DESC LIMIT 20");
         q.step();)
      reactions.push_back({q.i64(0), q.i64(1), q.i64(2), q.i64(3), std::string(q.text(4)),
                           std::string(q.text(5)), std::string(q.text(6))});
  } else if (threads) {  // threads the user started or answered, latest activity first
    for (auto q = w.query("SELECT m.id, m.channel_id, 0, (SELECT max(ts_ms) FROM chat_messages x WHERE x.thread_id = "
                          "m.id), p.name || ' \xC2\xB7 ' || (SELECT count(*) FROM chat_messages x WHERE x.thread_id = "
                          "m.id) || ' replies', " + std::string(kLabelSql) + ", m.body FROM chat_messages m JOIN people p "
                          "ON p.id = m.sender_id JOIN chat_channels c ON c.id = m.channel_id WHERE m.thread_id = 0 AND "
                          "EXISTS (SELECT 1 FROM chat_messages x WHERE x.thread_id = m.id) AND (m.sender_id = 1 OR "
                          "EXISTS (SELECT 1 FROM chat_messages x WHERE x.thread_id = m.id AND x.sender_id = 1)) AND "
                          "m.channel_id IN (SELECT channel_id FROM chat_members WHERE person_id = 1) ORDER BY 4 DESC, "
                          "m.id DESC LIMIT 50");
         q.step();)
      rows.push_back({q.i64(0), q.i64(1), q.i64(2), q.i64(3), std::string(q.text(4)),
                      std::string(q.text(5)), std::string(q.text(6))});
    total = int64_t(rows.size());
  } else {
    const SearchQuery sq = parse_query(query);
    marks = sq.words;
    std::tie(rows, total) = run_search(w, sq, 50);
  }
  const int list = page(w, t, main,
                        saved ? std::string("Saved items") : mentions ? std::string("Mentions & reactions")
                        : threads ? std::string("Threads") : "Results for \u201C" + query + "\u201D",
                        std::to_string(total) + (threads ? (total == 1 ? " thread" : " threads")
                                                         : (total == 1 ? " message" : " messages")),
                        saved ? "Saved items" : mentions ? "Mentions" : threads ? "Threads" : "Search results",
                        !saved && !mentions && !threads);
  if (rows.empty())
    t.text(list, saved ? "Messages you save show here." : mentions ? "Nobody has mentioned you yet."
                 : threads ? "Threads you start or answer show here." : "No messages match.",
           {.size = 14, .color = th.text_muted}, {.pad = dom::edges(20)});
  for (const Found& f : rows)
    found_row(w, t, list, (saved ? "saved:" : mentions ? "mentioned:" : threads ? "threadrow:" : "result:") +
                              std::to_string(f.id), f, marks);
  if (!reactions.empty()) {
    const int h = t.text(list, "Reactions to your messages", {.size = 13, .weight = 700, .color = th.text_muted},
                         {.pad = {20, 14, 20, 4}});
    t.node(h).role = Role::heading;
    for (const Found& f : reactions) found_row(w, t, list, "reacted:" + std::to_string(f.id), f, marks);
  }
}

// A coworker's local time ("3:41 PM, America/Chicago").
std::string local_time(state::World& w, const std::string& tz) {
  const int64_t at = w.now_floor_ms(60000);
  return format_clock(civil_from_ms(at + int64_t(tz_offset_minutes(tz, at)) * 60000)) + " local time";
}

// The right panel: members, pinned messages, or a person's profile.
void side_panel(state::World& w, dom::Tree& t, int body, const Channel& cur) {
  const dom::Theme& th = t.theme();
  namespace wg = dom::widget;
  const std::string what = w.ui_get(ui::panel);
  if (what.empty()) return;
  t.add(body, {.w = dom::fixed(1), .h = dom::fill(), .bg = th.divider});
  const int panel = t.add(body, {.dir = Dir::column, .w = dom::fixed(360), .h = dom::fill()},
                          key::side_panel, Role::generic);
  const bool details = what != "profile";  // a channel's details, in tabs
  const std::string title = details ? (cur.kind == "dm" || cur.kind == "group" ? cur.label : cur.label + " details")
                                    : std::string("Profile");
  t.node(panel).name = title;
  const int ph = t.add(panel, {.dir = Dir::row, .w = dom::fill(), .h = dom::fixed(56),
                               .pad = {20, 0, 12, 0}, .gap = 8, .align = Align::center});
  t.text(ph, title, {.size = 17, .weight = 700, .color = th.text_strong}, {.w = dom::fill()});
  wg::icon_button(t, ph, key::close_panel, "\xE2\x9C\x95", "Close", "chat:close_panel", th.text, 16);
  if (details) {
    const int tabs = t.add(panel, {.dir = Dir::row, .w = dom::fill(), .pad = {12, 0, 12, 0}, .gap = 4},
                           "panel_tabs", Role::tablist);
    for (const auto& [id, label] : {std::pair{"about", "About"}, {"members", "Members"}, {"pins", "Pinned"},
                                    {"files", "Files"}, {"settings", "Settings"}}) {
      const bool on = what == id;
      const int tb = t.add(tabs, {.dir = Dir::column, .h = dom::fixed(36), .pad = {8, 0, 8, 0},
                                  .justify = Align::center, .align = Align::center, .hover_bg = th.hover},
                           key::panel_tab(id), Role::tab);
      t.node(tb).name = label;
      t.node(tb).action = "chat:panel:" + std::string(id);
      t.node(tb).selected = on;
      t.text(tb, label, {.size = 13, .weight = on ? 700 : 500, .color = on ? th.accent : th.text});
      if (on) t.add(tb, {.w = dom::fill(), .h = dom::fixed(2), .bg = th.accent});
    }
  }
  t.add(panel, {.w = dom::fill(), .h = dom::fixed(1), .bg = th.divider});
  const int list = t.add(panel, {.dir = Dir::column, .w = dom::fill(), .h = dom::fill(),
                                 .pad = {0, 8, 0, 8}, .clip = true}, "panel_list", Role::list);
  live_scroll(w, t, list);
  if (what == "members") {
    for (auto q = w.query("SELECT p.id, p.name, p.title FROM chat_members m JOIN people p ON p.id = "
                          "m.person_id WHERE m.channel_id = ? ORDER BY p.id <> 1, p.name", cur.id);
         q.step();) {
      const int r = t.add(list, {.dir = Dir::row, .w = dom::fill(), .pad = {20, 6, 20, 6}, .gap = 10,
                                 .align = Align::center, .hover_bg = th.hover},
                          key::member(q.i64(0)), Role::link);
      t.node(r).name = std::string(q.text(1));
      t.node(r).action = "chat:profile:" + std::to_string(q.i64(0));
      wg::avatar(t, r, q.text(1), "", 28);
      const int c = t.add(r, {.dir = Dir::column, .w = dom::fill()});
      t.text(c, std::string(q.text(1)) + (q.i64(0) == 1 ? " (you)" : ""),
             {.size = 14, .weight = 600, .color = th.text_strong});
      t.text(c, q.text(2), {.size = 12, .color = th.text_muted});
    }
  } else if (what == "pins") {
    int n = 0;
    for (auto q = w.query("SELECT m.id, p.name, m.ts_ms, m.body FROM chat_pins n JOIN chat_messages m "
                          "ON m.id = n.message_id JOIN people p ON p.id = m.sender_id WHERE "
                          "n.channel_id = ? ORDER BY n.ts_ms DESC, m.id", cur.id);
         q.step(); ++n) {
      const int64_t id = q.i64(0);
      const int r = t.add(list, {.dir = Dir::column, .w = dom::fill(), .pad = {20, 8, 20, 8}, .gap = 4,
                                 .border_color = th.divider, .border = 0},
                          key::pinned(id), Role::article);
      const int line = t.add(r, {.dir = Dir::row, .w = dom::fill(), .gap = 8, .align = Align::center});
      t.text(line, q.text(1), {.size = 14, .weight = 700, .color = th.text_strong});
      t.text(line, format_time_short(q.i64(2), w.now_floor_ms(86400000)),
             {.size = 12, .color = th.text_muted}, {.w = dom::fill()});
      wg::button(t, line, key::unpin(id), "Unpin", "chat:pin:" + std::to_string(id), wg::ButtonKind::text);
      auto blocks = wg::parse_markup(q.text(3), true);
      wg::rich_text(t, r, blocks, {.size = 14, .color = th.text, .line_height = 20, .wrap = true},
                    {.w = dom::fill()}, "chat:link:");
      t.node(r).name = std::string(q.text(1)) + ": " + wg::plain_text(blocks);
    }
    if (n == 0)
      t.text(list, "Nothing is pinned here yet.", {.size = 14, .color = th.text_muted},
             {.pad = dom::edges(20)});
  } else if (what == "about") {
    const int card = t.add(list, {.dir = Dir::column, .w = dom::fill(), .pad = dom::edges(20), .gap = 14},
                           "about", Role::article);
    t.node(card).name = "About " + cur.label;
    auto field_row = [&](const char* label, const std::string& value) {
      const int r = t.add(card, {.dir = Dir::column, .w = dom::fill(), .gap = 2});
      t.text(r, label, {.size = 12, .weight = 700, .color = th.text_muted});
      t.text(r, value.empty() ? std::string("-") : value, {.size = 14, .color = th.text, .wrap = true}, {.w = dom::fill()});
    };
    field_row("Topic", cur.topic);
    field_row("Kind", cur.kind == "private" ? "Private channel" : cur.kind == "public" ? "Public channel"
                      : cur.kind == "group" ? "Group conversation" : "Direct message");
    field_row("Created", format_time_long(cur.created));
    field_row("Members", std::to_string(cur.members));
  } else if (what == "files") {
    int n = 0;
    // Each file once, as last shared (by whom, when).
    for (auto q = w.query("SELECT f.id, f.name, f.kind, f.bytes, (SELECT p.name FROM people p WHERE p.id = "
                          "m.sender_id), max(m.ts_ms) FROM chat_files x JOIN chat_messages m ON m.id = "
                          "x.message_id JOIN files f ON f.id = x.file_id WHERE m.channel_id = ? GROUP BY f.id "
                          "ORDER BY max(m.ts_ms) DESC, f.id", cur.id);
         q.step(); ++n) {
      const int r = t.add(list, {.dir = Dir::column, .w = dom::fill(), .pad = {20, 8, 20, 8}, .gap = 2,
                                 .hover_bg = th.hover},
                          key::panel_file(q.i64(0)), Role::link);
      t.node(r).name = std::string(q.text(1));
      t.node(r).action = "chat:file_open:" + std::to_string(q.i64(0));
      t.text(r, q.text(1), {.size = 14, .weight = 600, .color = th.text_strong});
      t.text(r, "Shared by " + std::string(q.text(4)) + " \xC2\xB7 " + world::file_size(q.i64(3)) + " \xC2\xB7 " +
                    format_time_short(q.i64(5), w.now_floor_ms(86400000)),
             {.size = 12, .color = th.text_muted});
    }
    if (n == 0)
      t.text(list, "Files shared here show up here.", {.size = 14, .color = th.text_muted}, {.pad = dom::edges(20)});
  } else if (what == "settings") {
    const int box = t.add(list, {.dir = Dir::column, .w = dom::fill(), .pad = dom::edges(20), .gap = 10},
                          "settings", Role::generic);
    t.node(box).name = "Settings";
    wg::toggle(t, box, key::mute, "Mute channel", cur.muted, "chat:mute");
    t.text(box, "A muted channel shows no unread count and stays out of bold.",
           {.size = 12, .color = th.text_muted, .wrap = true}, {.w = dom::fill()});
    if (cur.kind == "public" || cur.kind == "private") {
      wg::button(t, box, key::panel_rename, "Rename channel", "chat:rename_open", wg::ButtonKind::secondary);
      wg::button(t, box, key::panel_archive, "Archive channel", "chat:archive_open", wg::ButtonKind::danger);
    }
  } else {  // a profile
    const int64_t pid = w.ui_int(ui::profile);
    auto q = w.query("SELECT p.name, p.title, p.team, p.email, p.tz, ifnull(m.id, 0), ifnull(m.name, "
                     "''), ifnull(s.emoji, ''), ifnull(s.text, '') FROM people p LEFT JOIN people m ON "
                     "m.id = p.manager_id LEFT JOIN chat_status s ON s.person_id = p.id WHERE p.id = ?",
                     pid);
    if (!q.step()) return;
    const std::string name(q.text(0));
    const int card = t.add(list, {.dir = Dir::column, .w = dom::fill(), .pad = dom::edges(20), .gap = 8},
                           "profile", Role::article);
    t.node(card).name = name;
    wg::avatar(t, card, name, "", 96);
    const int nm = t.text(card, name, {.size = 20, .weight = 700, .color = th.text_strong});
    t.node(nm).role = Role::heading;
    t.text(card, std::string(q.text(1)) + ", " + std::string(q.text(2)), {.size = 14, .color = th.text});
    if (!q.text(7).empty()) {
      const int st = t.add(card, {.dir = Dir::row, .gap = 6, .align = Align::center});
      t.node(st).name = "Status: :" + std::string(q.text(7)) + ": " + std::string(q.text(8));
      emoji_image(t, st, q.text(7), 18);
      t.text(st, q.text(8), {.size = 14, .color = th.text});
    }
    if (pid != world::kUserId) {
      const bool active = is_active(w, pid);
      const int pr = t.add(card, {.dir = Dir::row, .gap = 6, .align = Align::center}, "presence", Role::status);
      t.node(pr).name = active ? "Active" : "Away";
      t.add(pr, {.w = dom::fixed(9), .h = dom::fixed(9), .bg = active ? dom::rgb(0x2bac76) : 0,
                 .border_color = th.text_muted, .border = active ? 0 : 1, .radius = 5});
      t.text(pr, active ? "Active" : "Away", {.size = 13, .color = th.text});
    }
    t.text(card, local_time(w, std::string(q.text(4))) + " (" + std::string(q.text(4)) + ")",
           {.size = 13, .color = th.text_muted});
    t.text(card, q.text(3), {.size = 13, .color = th.text_muted});
    if (q.i64(5)) {
      const int row = t.add(card, {.dir = Dir::row, .gap = 6, .align = Align::center});
      t.text(row, "Reports to", {.size = 13, .color = th.text_muted});
      wg::link(t, row, key::manager_link(q.i64(5)), q.text(6), "chat:profile:" + std::to_string(q.i64(5)));
    }
    if (pid != world::kUserId) {
      const int bar = t.add(card, {.dir = Dir::row, .gap = 8, .margin = {0, 8, 0, 0}});
      wg::button(t, bar, key::profile_message, "Message", "chat:message_person:" + std::to_string(pid));
    }
  }
}

void view(state::World& w, dom::Tree& t, int root) {
  const dom::Theme& th = t.theme();
  const std::vector<Channel> channels = my_channels(w);
  int64_t open = w.ui_int(ui::channel);
  const Channel* cur = nullptr;
  for (const Channel& c : channels)
    if (c.id == open) cur = &c;
  if (!cur && !channels.empty()) cur = &channels.front(), open = cur->id;
  const int body = t.add(root, {.dir = Dir::row, .w = dom::fill(), .h = dom::fill(),
                                .bg = th.surface});
  sidebar(w, t, body, channels, open);
  const int main = t.add(body, {.dir = Dir::column, .w = dom::fill(), .h = dom::fill()},
                         "main", Role::main);
  // Search, above whatever the main column shows.
  {
    const int bar = t.add(main, {.dir = Dir::row, .w = dom::fill(), .h = dom::fixed(48),
                                 .pad = {20, 0, 20, 0}, .align = Align::center,
                                 .bg = th.surface_dim});
    const FieldView f = field_view(w, full(key::search), true);
    std::string company;
    {
      auto q = w.query("SELECT name FROM companies WHERE id = ?", world::kCompanyId);
      if (q.step()) company = q.text(0);
    }
    dom::widget::text_field(t, bar, key::search, {f.value, f.anchor, f.caret, f.focused, f.live},
                            "Search " + company, dom::widget::FieldKind::text, 560, 1);
  }
  if (!w.ui_get(ui::main).empty()) {
    found_view(w, t, main);
    if (cur) dialogs(w, t, *cur);
    return;
  }
  if (!cur) return;
  const int head = t.add(main, {.dir = Dir::row, .w = dom::fill(), .h = dom::fixed(56),
                                .pad = {20, 0, 20, 0}, .gap = 12, .align = Align::center},
                         key::header, Role::banner);
  int title = 0;
  if (cur->kind == "dm" || cur->kind == "group") {
    title = t.add(head, {.dir = Dir::row, .h = dom::fixed(36), .pad = {8, 0, 8, 0},
                         .align = Align::center, .hover_bg = th.hover, .radius = 6},
                  key::channel_title, Role::button);
    t.node(title).name = cur->label + (cur->kind == "dm" ? " (profile)" : " (members)");
    t.node(title).action = cur->kind == "dm" ? "chat:profile:" + std::to_string(cur->dm_person)
                                             : std::string("chat:panel:members");
    t.text(title, cur->label, {.size = 18, .weight = 700, .color = th.text_strong});
  } else {  // the name opens the channel's menu
    title = t.add(head, {.dir = Dir::row, .h = dom::fixed(36), .pad = {8, 0, 8, 0}, .gap = 6,
                         .align = Align::center, .hover_bg = th.hover, .radius = 6},
                  key::channel_title, Role::button);
    t.node(title).name = cur->label + " (channel details)";
    t.node(title).action = "ui:open:" + full(key::channel_menu);
    t.node(title).has_popup = true;
    t.text(title, cur->label, {.size = 18, .weight = 700, .color = th.text_strong});
    t.text(title, "\xE2\x96\xBE", {.size = 14, .color = th.text_muted});
    if (w.ui_get(apps::ui::kOverlay) == full(key::channel_menu)) {
      t.node(title).expanded = true;
      dom::widget::menu(t, key::channel_menu,
                        {{"Channel details", "chat:panel:about"}, {"Edit topic", "chat:topic_open"},
                         {"Add people", "chat:people_open"},
                         {cur->starred ? "Unstar channel" : "Star channel", "chat:star"},
                         {"Rename channel", "chat:rename_open"},
                         {"Archive channel", "chat:archive_open"},
                         {"Leave channel", "chat:leave"}},
                        title, 0, 0, 220);
    }
  }
  if (!cur->topic.empty())
    t.text(head, cur->topic, {.size = 13, .color = th.text_muted}, {.w = dom::fill()});
  else
    t.add(head, {.w = dom::fill()});
  auto head_button = [&](std::string_view k, const std::string& label, const std::string& name,
                         std::string action, bool on) {
    const int b = t.add(head, {.dir = Dir::row, .h = dom::fixed(30), .pad = {10, 0, 10, 0},
                               .align = Align::center, .bg = on ? th.accent_soft : 0,
                               .hover_bg = th.hover, .border_color = th.divider, .border = 1,
                               .radius = 6},
                        k, Role::button);
    t.node(b).name = name;
    t.node(b).action = std::move(action);
    t.node(b).selected = on;
    t.text(b, label, {.size = 13, .weight = 500, .color = th.text});
  };
  if (cur->kind == "public" || cur->kind == "private") {
    head_button(key::star, cur->starred ? "Starred" : "Star",
                cur->starred ? "Unstar channel" : "Star channel", "chat:star", cur->starred);
    const std::string m = std::to_string(cur->members) + (cur->members == 1 ? " member" : " members");
    head_button(key::members, m, m, "chat:panel:members", w.ui_get(ui::panel) == "members");
  }
  if (cur->pins > 0) {
    const std::string p = std::to_string(cur->pins) + " pinned";
    head_button(key::pins, p, p, "chat:panel:pins", w.ui_get(ui::panel) == "pins");
  }
  t.add(main, {.w = dom::fill(), .h = dom::fixed(1), .bg = th.divider});
  // Unread when the channel was opened: "Jump to unread" shows the conversation from there (the
  // first unread at the top, newer below); "Jump to recent" goes back to its end.
  std::vector<Msg> msgs = load(w, open, 0);
  const int64_t unread_from = w.ui_int(ui::unread_from);
  const bool jumped = w.ui_int(ui::jumped) == open;
  size_t first_new = msgs.size();
  for (size_t i = 0; i < msgs.size(); ++i)
    if (unread_from > 0 && msgs[i].ts > unread_from && msgs[i].sender != world::kUserId) {
      first_new = i;
      break;
    }
  if (first_new < msgs.size() || jumped) {
    const int bar = t.add(main, {.dir = Dir::row, .w = dom::fill(), .pad = {20, 6, 20, 6}, .gap = 8,
                                 .align = Align::center, .bg = th.surface_dim});
    const size_t fresh = size_t(std::count_if(msgs.begin(), msgs.end(), [&](const Msg& m) {
      return m.ts > unread_from && m.sender != world::kUserId && !m.root;
    }));
    const std::string say = jumped ? std::string("Showing from your first unread message")
                                   : std::to_string(fresh) + (fresh == 1 ? " new message" : " new messages");
    t.node(bar).role = Role::status;
    t.node(bar).name = say;
    t.text(bar, say, {.size = 13, .color = th.text}, {.w = dom::fill()});
    dom::widget::button(t, bar, key::jump, jumped ? "Jump to recent" : "Jump to unread",
                        jumped ? "chat:jump:0" : "chat:jump:1", dom::widget::ButtonKind::secondary);
  }
  if (jumped && first_new < msgs.size()) msgs.erase(msgs.begin(), msgs.begin() + std::ptrdiff_t(first_new));
  const int list = t.add(main, {.dir = Dir::column, .w = dom::fill(), .h = dom::fill(),
                                .pad = {0, 8, 0, 8}, .clip = true, .from_bottom = !jumped},
                         key::messages, Role::list);
  t.node(list).name = "Messages in " + cur->label;
  live_scroll(w, t, list);
  messages_view(w, t, list, msgs, false);
  composer(w, t, main, key::composer, key::send,
           "Message " + (cur->kind == "dm" || cur->kind == "group" ? cur->label : "#" + cur->name));
  // The thread panel, or the side panel.
  const int64_t thread = w.ui_int(ui::thread);
  if (thread > 0) {
    const std::vector<Msg> msgs = load(w, open, thread);
    if (msgs.empty()) return;
    t.add(body, {.w = dom::fixed(1), .h = dom::fill(), .bg = th.divider});
    const int panel = t.add(body, {.dir = Dir::column, .w = dom::fixed(400), .h = dom::fill()},
                            key::thread_panel, Role::generic);
    t.node(panel).name = "Thread";
    const int ph = t.add(panel, {.dir = Dir::row, .w = dom::fill(), .h = dom::fixed(56),
                                 .pad = {20, 0, 12, 0}, .gap = 8, .align = Align::center});
    t.text(ph, "Thread", {.size = 17, .weight = 700, .color = th.text_strong});
    t.text(ph, cur->label, {.size = 13, .color = th.text_muted}, {.w = dom::fill()});
    dom::widget::icon_button(t, ph, key::close_thread, "\xE2\x9C\x95", "Close thread",
                             "chat:close_thread", th.text, 16);
    t.add(panel, {.w = dom::fill(), .h = dom::fixed(1), .bg = th.divider});
    const int tl = t.add(panel, {.dir = Dir::column, .w = dom::fill(), .h = dom::fill(),
                                 .pad = {0, 8, 0, 8}, .clip = true, .from_bottom = true},
                         "thread_list", Role::list);
    live_scroll(w, t, tl);
    messages_view(w, t, tl, msgs, true);
    composer(w, t, panel, key::thread_composer, key::thread_send, "Reply...");
    const int also = t.add(panel, {.dir = Dir::row, .w = dom::fill(), .pad = {20, 0, 20, 12}});
    dom::widget::checkbox(t, also, key::also_send,
                          "Also send to " + (cur->kind == "dm" || cur->kind == "group" ? std::string("the conversation") : cur->label),
                          w.ui_int(ui::also_send) != 0, "chat:toggle_also_send");
  } else {
    side_panel(w, t, body, *cur);
  }
  dialogs(w, t, *cur);
}

// [SECTION] Handlers and events --------------------------------------------------------------------


void mark_read(state::World& w, int64_t channel) {
  w.query("INSERT INTO chat_reads(channel_id, last_read_ms) VALUES(?1, ?2) ON CONFLICT(channel_id) "
          "DO UPDATE SET last_read_ms = max(last_read_ms, ?2)", channel, w.now_ms()).run();
}

Status open_channel(state::World& w, int64_t id) {
  if (value(w, "SELECT count(*) FROM chat_members m JOIN chat_channels c ON c.id = m.channel_id WHERE "
               "m.channel_id = ? AND m.person_id = 1 AND c.archived = 0", id) == 0)
    return Error{Errc::not_found, "no open channel " + std::to_string(id) + " of yours"};
  for (std::string_view k : {ui::mention_in, ui::mention_q, ui::emoji_in, ui::emoji_q}) w.ui_set(k, "");
  w.ui_set(ui::kept_unread, int64_t(0));
  w.ui_set(ui::jumped, int64_t(0));
  // The composer's text stays with its conversation (a draft), and the new one's comes back.
  if (const int64_t was = current_channel(w); was != id) {
    std::string text = field_value(w, full(key::composer));
    while (!text.empty() && (text.back() == ' ' || text.back() == '\n')) text.pop_back();
    if (was > 0) {
      if (text.empty()) {
        w.query("DELETE FROM chat_drafts WHERE channel_id = ?", was).run();
      } else {
        w.query("INSERT INTO chat_drafts(channel_id, body, ts_ms) VALUES(?1, ?2, ?3) ON "
                "CONFLICT(channel_id) DO UPDATE SET body = ?2, ts_ms = ?3 WHERE body <> ?2",
                was, text, w.now_ms()).run();
      }
    }
    w.ui_set(ui::attach, int64_t(0));  // a file waiting to be shared stays with nothing else
    auto d = w.query("SELECT body FROM chat_drafts WHERE channel_id = ?", id);
    const std::string draft = d.step() ? std::string(d.text(0)) : std::string();
    set_field_value(w, full(key::composer), draft);
    w.ui_set("sel:" + full(key::composer), std::to_string(draft.size()) + " " + std::to_string(draft.size()));
  }
  {  // where the "New" rule goes: after what was read before this visit
    auto q = w.query("SELECT last_read_ms FROM chat_reads WHERE channel_id = ?", id);
    w.ui_set(ui::unread_from, q.step() ? q.i64(0) : int64_t(0));
  }
  w.ui_set(ui::channel, id);
  w.ui_set(ui::thread, int64_t(0));
  w.ui_set(ui::main, "");
  if (w.ui_get(ui::panel) != "profile") w.ui_set(ui::panel, "");
  w.ui_set("scroll:" + full(key::messages), int64_t(0));  // the end
  mark_read(w, id);
  return {};
}

// The direct conversation with `person`, opened (made first if there is none).
}  // namespace

Result<int64_t> dm_with(state::World& w, int64_t person) {
  if (person == world::kUserId ||
      value(w, "SELECT count(*) FROM people WHERE id = ? AND company_id = ?", person,
            world::kCompanyId) == 0)
    return Error{Errc::not_found, "no coworker " + std::to_string(person)};
  int64_t id = value(w, "SELECT id FROM chat_channels WHERE kind = 'dm' AND dm_person_id = ?", person);
  if (id == 0) {
    w.query("INSERT INTO chat_channels(name, kind, created_ms, dm_person_id) VALUES(?, 'dm', ?, ?)",
            "dm-" + std::to_string(person), w.now_ms(), person).run();
    id = w.last_insert_rowid();
    for (int64_t who : {world::kUserId, person})
      w.query("INSERT INTO chat_members(channel_id, person_id) VALUES(?, ?)", id, who).run();
    mark_read(w, id);  // nothing in it yet: read
  }
  return id;
}

namespace {

Status message_person(state::World& w, int64_t person) {
  Result<int64_t> id = dm_with(w, person);
  if (!id) return id.error();
  w.ui_set(apps::ui::kOverlay, "");
  w.ui_set(ui::panel, "");
  if (Status s = open_channel(w, *id); !s) return s;
  w.ui_set(apps::ui::kFocus, full(key::composer));
  return {};
}

// Message `id`, if it is in a conversation of the user's: its channel and thread root.
Result<std::pair<int64_t, int64_t>> my_message(state::World& w, int64_t id) {
  auto q = w.query("SELECT m.channel_id, m.thread_id FROM chat_messages m JOIN chat_members x ON "
                   "x.channel_id = m.channel_id AND x.person_id = 1 WHERE m.id = ?", id);
  if (!q.step()) return Error{Errc::not_found, "no message " + std::to_string(id)};
  return std::pair{q.i64(0), q.i64(1)};
}

// The status dialog's Save: emoji, text, and when it clears (a "chat.status_clear" event).
Status save_status(state::World& w) {
  std::string text = field_value(w, full(key::status_text));
  while (!text.empty() && text.back() == ' ') text.pop_back();
  while (!text.empty() && text.front() == ' ') text.erase(0, 1);
  if (text.size() > 100) text.resize(100);
  const std::string emoji = w.ui_get(ui::status_pick);
  if (text.empty() && emoji.empty()) {
    toast(w, "Choose an emoji or write a status.");
    return {};
  }
  const int64_t choice = std::clamp<int64_t>(w.ui_int(full(key::status_clear), 0), 0,
                                             int64_t(std::size(kClearAfterMs)) - 1);
  const int64_t now = w.now_ms();
  int64_t clear = kClearAfterMs[choice];
  if (clear < 0) clear = (now / 86400000 + 1) * 86400000;  // today: midnight (UTC)
  else if (clear > 0) clear += now;
  w.query("INSERT INTO chat_status(person_id, emoji, text, set_ms, clear_ms) VALUES(1, ?1, ?2, ?3, "
          "?4) ON CONFLICT(person_id) DO UPDATE SET emoji = ?1, text = ?2, set_ms = ?3, clear_ms = ?4",
          emoji.empty() ? std::string("speech_balloon") : emoji, text, now, clear).run();
  if (clear > 0) w.schedule(clear, "chat.status_clear", std::to_string(clear));
  w.ui_set(apps::ui::kOverlay, "");
  return {};
}

Status search(state::World& w) {
  std::string q = field_value(w, full(key::search));
  while (!q.empty() && q.back() == ' ') q.pop_back();
  while (!q.empty() && q.front() == ' ') q.erase(0, 1);
  if (q.empty()) return {};
  w.ui_set(ui::query, q);
  w.ui_set(ui::main, "search");
  w.ui_set(ui::thread, int64_t(0));
  w.ui_set("scroll:" + full(key::results), int64_t(0));
  w.ui_set(apps::ui::kFocus, "");
  return {};
}

int64_t current_channel(state::World& w) {
  int64_t c = w.ui_int(ui::channel);
  if (c == 0) {  // none opened yet: the first in the sidebar, as the view shows it
    const std::vector<Channel> all = my_channels(w);
    c = all.empty() ? 0 : all.front().id;
  }
  return c;
}

// Who answers a message: the other person of a DM; anyone of the channel (or group) it
// @mentions (in a group, in the conversation; in a channel, in the thread).
void schedule_answers(state::World& w, int64_t channel, int64_t message, int64_t thread,
                      const std::string& body) {
  std::vector<int64_t> who;
  if (const int64_t dm = value(w, "SELECT ifnull(dm_person_id, 0) FROM chat_channels WHERE id = ?",
                               channel))
    who.push_back(dm);
  std::string low = body;
  for (char& c : low) c = char(std::tolower(uint8_t(c)));
  // "@Full Name" first (and out of the text), then "@first" as a word in what is left: a
  // mention of Ana Lopez is not one of Ana Chen too.
  std::vector<std::tuple<int64_t, std::string, std::string>> members;
  for (auto q = w.query("SELECT p.id, lower(p.name), lower(p.first) FROM chat_members m JOIN "
                        "people p ON p.id = m.person_id WHERE m.channel_id = ? AND p.id <> 1 "
                        "ORDER BY p.id", channel);
       q.step();)
    members.emplace_back(q.i64(0), std::string(q.text(1)), std::string(q.text(2)));
  auto add = [&](int64_t id) {
    if (std::find(who.begin(), who.end(), id) == who.end()) who.push_back(id);
  };
  for (const auto& [id, name, first] : members)
    for (size_t p; (p = low.find("@" + name)) != std::string::npos;) {
      add(id);
      low.erase(p, name.size() + 1).insert(p, 1, ' ');
    }
  for (const auto& [id, name, first] : members) {
    const size_t p = low.find("@" + first);
    if (p == std::string::npos) continue;
    const size_t end = p + 1 + first.size();
    if (end < low.size() && std::isalpha(uint8_t(low[end]))) continue;
    add(id);
  }
  for (int64_t p : who) {
    const world::Answer a = world::coworker_answer(w, p, body, uint64_t(message) * 131 + uint64_t(p));
    // In a DM they answer in the conversation; mentioned in a channel, in the thread.
    const bool dm = value(w, "SELECT count(*) FROM chat_channels WHERE id = ? AND kind IN ('dm', 'group')", channel);
    w.query("INSERT INTO chat_pending(channel_id, person_id, thread_id, body) VALUES(?, ?, ?, ?)",
            channel, p, dm ? thread : (thread ? thread : message), a.text).run();
    w.schedule(w.now_ms() + a.delay_ms, "chat.reply", std::to_string(w.last_insert_rowid()));
  }
}

Status post(state::World& w, std::string_view field, int64_t thread) {
  std::string body = field_value(w, full(field));
  while (!body.empty() && (body.back() == '\n' || body.back() == ' ')) body.pop_back();
  while (!body.empty() && (body.front() == '\n' || body.front() == ' ')) body.erase(0, 1);
  const int64_t file = thread ? 0 : w.ui_int(ui::attach);
  if (body.empty() && !file) return {};  // nothing to send (Slack's Send is greyed)
  const int64_t channel = current_channel(w);
  if (channel == 0) return Error{Errc::invalid_argument, "no channel is open"};
  if (thread && value(w, "SELECT count(*) FROM chat_messages WHERE id = ? AND channel_id = ? AND "
                         "thread_id = 0", thread, channel) == 0)
    return Error{Errc::not_found, "no thread " + std::to_string(thread) + " here"};
  w.ui_set(ui::mention_in, "");
  w.ui_set(ui::mention_q, "");
  w.ui_set(ui::emoji_in, "");
  w.ui_set(ui::emoji_q, "");
  const bool broadcast = thread && w.ui_int(ui::also_send);
  w.query("INSERT INTO chat_messages(channel_id, sender_id, body, ts_ms, thread_id, broadcast) "
          "VALUES(?, 1, ?, ?, ?, ?)", channel, body, w.now_ms(), thread, int64_t(broadcast)).run();
  const int64_t id = w.last_insert_rowid();
  if (file) {
    w.query("INSERT INTO chat_files(message_id, file_id) VALUES(?, ?)", id, file).run();
    w.ui_set(ui::attach, int64_t(0));
  }
  if (broadcast) w.ui_set(ui::also_send, int64_t(0));
  if (!thread) w.query("DELETE FROM chat_drafts WHERE channel_id = ?", channel).run();
  set_field_value(w, full(field), "");
  w.ui_set("sel:" + full(field), "");
  if (!thread) w.ui_set("scroll:" + full(key::messages), int64_t(0));
  mark_read(w, channel);
  schedule_answers(w, channel, id, thread, body);
  return {};
}

Status toggle_reaction(state::World& w, int64_t message, std::string_view emoji) {
  if (!assets::find_emoji(emoji))
    return Error{Errc::invalid_argument, "unknown emoji '" + std::string(emoji) + "'"};
  if (value(w, "SELECT count(*) FROM chat_messages m JOIN chat_members x ON x.channel_id = "
               "m.channel_id AND x.person_id = 1 WHERE m.id = ?", message) == 0)
    return Error{Errc::not_found, "no message " + std::to_string(message)};
  w.query("DELETE FROM chat_reactions WHERE message_id = ? AND person_id = 1 AND emoji = ?", message,
          emoji).run();
  if (w.changes() == 0)
    w.query("INSERT INTO chat_reactions(message_id, person_id, emoji) VALUES(?, 1, ?)", message,
            emoji).run();
  w.ui_set(apps::ui::kOverlay, "");
  return {};
}

// The user's own message `id` in the open conversation, or an error.
Status own_message(state::World& w, int64_t id) {
  if (value(w, "SELECT count(*) FROM chat_messages WHERE id = ? AND sender_id = 1", id) == 0)
    return Error{Errc::not_found, "no message " + std::to_string(id) + " of yours"};
  return {};
}

Status save_edit(state::World& w) {
  const int64_t id = w.ui_int(ui::editing);
  if (Status s = own_message(w, id); !s) return s;
  std::string body = field_value(w, full(key::edit_field));
  while (!body.empty() && (body.back() == '\n' || body.back() == ' ')) body.pop_back();
  if (body.empty()) {
    toast(w, "A message can't be empty: delete it instead.");
    return {};
  }
  w.query("UPDATE chat_messages SET body = ?, edited = 1 WHERE id = ? AND body <> ?", body, id, body).run();
  w.ui_set(ui::editing, int64_t(0));
  w.ui_set(apps::ui::kFocus, full(key::composer));
  return {};
}

// Names the app gives conversations (DMs "dm-<id>", groups "group-<ids>"): not for channels.
bool reserved_name(const std::string& name) {
  return name.rfind("dm-", 0) == 0 || name.rfind("group-", 0) == 0;
}

// A channel name as Slack makes one: lower case, words joined by '-'.
std::string channel_slug(std::string_view s) {
  std::string out;
  for (char c : s) {
    const unsigned char u = uint8_t(c);
    if (std::isalnum(u)) out += char(std::tolower(u));
    else if ((c == ' ' || c == '-' || c == '_') && !out.empty() && out.back() != '-') out += '-';
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out.substr(0, 80);
}

Status create_channel(state::World& w) {
  const std::string name = channel_slug(field_value(w, full(key::channel_name)));
  if (name.empty()) {
    toast(w, "Give the channel a name.");
    return {};
  }
  if (reserved_name(name)) {
    toast(w, "#" + name + " is kept for direct messages.");
    return {};
  }
  {
    auto q = w.query("SELECT count(*) FROM chat_channels WHERE name = ?", name);
    if (q.step() && q.i64(0) > 0) {
      toast(w, "#" + name + " already exists.");
      return {};
    }
  }
  w.query("INSERT INTO chat_channels(name, kind, created_ms) VALUES(?, ?, ?)", name,
          w.ui_int(ui::make_private) ? "private" : "public", w.now_ms()).run();
  const int64_t id = w.last_insert_rowid();
  w.query("INSERT INTO chat_members(channel_id, person_id) VALUES(?, 1)", id).run();
  w.ui_set(apps::ui::kOverlay, "");
  set_field_value(w, full(key::channel_name), "");
  w.ui_set(ui::make_private, int64_t(0));
  return open_channel(w, id);
}

Status add_people(state::World& w) {
  const int64_t ch = current_channel(w);
  const std::string chosen = w.ui_get(ui::adding);
  if (chosen.empty()) {
    toast(w, "Choose someone to add.");
    return {};
  }
  w.query("INSERT OR IGNORE INTO chat_members(channel_id, person_id) SELECT ?1, id FROM people "
          "WHERE company_id = 1 AND id <> 1 AND instr(',' || ?2 || ',', ',' || id || ',') > 0",
          ch, chosen).run();
  w.ui_set(ui::adding, "");
  set_field_value(w, full(key::people_field), "");
  w.ui_set(apps::ui::kOverlay, "");
  return {};
}

// New message's Start: the DM with the one chosen, or the group conversation of exactly those
// chosen (made if there is none).
Status start_dm(state::World& w) {
  std::vector<int64_t> ids = parse_id_list(w.ui_get(ui::dm_people));
  if (ids.empty()) {
    toast(w, "Choose someone to message.");
    return {};
  }
  if (ids.size() == 1) return message_person(w, ids[0]);
  std::sort(ids.begin(), ids.end());
  std::string name = "group";
  for (int64_t id : ids) name.append("-").append(std::to_string(id));
  int64_t ch = 0;
  {
    auto q = w.query("SELECT id FROM chat_channels WHERE name = ? AND kind = 'group'", name);
    if (q.step()) ch = q.i64(0);
  }
  if (ch == 0) {
    w.query("INSERT INTO chat_channels(name, kind, created_ms) VALUES(?, 'group', ?)", name, w.now_ms()).run();
    ch = w.last_insert_rowid();
    w.query("INSERT INTO chat_members(channel_id, person_id) VALUES(?, 1)", ch).run();
    for (int64_t id : ids)
      w.query("INSERT INTO chat_members(channel_id, person_id) VALUES(?, ?)", ch, id).run();
  }
  w.ui_set(apps::ui::kOverlay, "");
  w.ui_set(ui::dm_people, "");
  if (Status s = open_channel(w, ch); !s) return s;
  w.ui_set(apps::ui::kFocus, full(key::composer));
  return {};
}

Status save_rename(state::World& w) {
  const int64_t ch = current_channel(w);
  if (value(w, "SELECT count(*) FROM chat_channels WHERE id = ? AND kind IN ('public', 'private')", ch) == 0)
    return Error{Errc::invalid_argument, "only a channel can be renamed"};
  const std::string name = channel_slug(field_value(w, full(key::rename_field)));
  if (name.empty()) {
    toast(w, "Give the channel a name.");
    return {};
  }
  if (reserved_name(name)) {
    toast(w, "#" + name + " is kept for direct messages.");
    return {};
  }
  {
    auto q = w.query("SELECT count(*) FROM chat_channels WHERE name = ? AND id <> ?", name, ch);
    if (q.step() && q.i64(0) > 0) {
      toast(w, "#" + name + " is taken.");
      return {};
    }
  }
  w.query("UPDATE chat_channels SET name = ? WHERE id = ? AND name <> ?", name, ch, name).run();
  w.ui_set(apps::ui::kOverlay, "");
  return {};
}

Status on_action(state::World& w, Command c) {
  const std::string_view a = c.cmd;
  auto arg = [&](std::string_view prefix) { return a.substr(prefix.size()); };
  auto with_id = [&](std::string_view prefix, auto&& fn) -> Status {
    auto id = parse_id(arg(prefix));
    if (!id) return id.error();
    return fn(*id);
  };
  if (a.rfind("open:", 0) == 0)
    return with_id("open:", [&](int64_t id) {
      w.ui_set(apps::ui::kOverlay, "");  // (from the quick switcher)
      return open_channel(w, id);
    });
  if (a == "send") return post(w, key::composer, 0);
  if (a == "thread_send") return post(w, key::thread_composer, w.ui_int(ui::thread));
  if (a.rfind("thread:", 0) == 0)
    return with_id("thread:", [&](int64_t id) -> Status {
      if (value(w, "SELECT count(*) FROM chat_messages WHERE id = ? AND channel_id = ? AND "
                   "thread_id = 0", id, current_channel(w)) == 0)
        return Error{Errc::not_found, "no message " + std::to_string(id) + " here"};
      w.ui_set(ui::thread, id);
      w.ui_set("scroll:" + full("thread_list"), int64_t(0));
      w.ui_set(apps::ui::kFocus, full(key::thread_composer));
      return {};
    });
  if (a == "close_thread") return w.ui_set(ui::thread, int64_t(0)), Status{};
  if (a.rfind("react_open:", 0) == 0)
    return with_id("react_open:", [&](int64_t id) -> Status {
      w.ui_set(ui::react_to, id);
      w.ui_set(apps::ui::kOverlay, full(key::react_menu));
      set_field_value(w, full(key::emoji_search), "");
      w.ui_set("scroll:" + full(key::emoji_grid), int64_t(0));
      w.ui_set(apps::ui::kFocus, full(key::emoji_search));
      return {};
    });
  if (a.rfind("react:", 0) == 0) {
    const std::string_view rest = arg("react:");
    const size_t colon = rest.find(':');
    if (colon == std::string_view::npos) return Error{Errc::invalid_argument, "react:<id>:<emoji>"};
    auto id = parse_id(rest.substr(0, colon));
    if (!id) return id.error();
    return toggle_reaction(w, *id, rest.substr(colon + 1));
  }
  if (a.rfind("edit:", 0) == 0)
    return with_id("edit:", [&](int64_t id) -> Status {
      if (Status s = own_message(w, id); !s) return s;
      auto q = w.query("SELECT body FROM chat_messages WHERE id = ?", id);
      const std::string body = q.step() ? std::string(q.text(0)) : std::string();
      w.ui_set(ui::editing, id);
      set_field_value(w, full(key::edit_field), body);
      w.ui_set("sel:" + full(key::edit_field), std::to_string(body.size()) + " " + std::to_string(body.size()));
      w.ui_set(apps::ui::kFocus, full(key::edit_field));
      return {};
    });
  if (a == "save_edit") return save_edit(w);
  if (a == "cancel_edit") return w.ui_set(ui::editing, int64_t(0)), Status{};
  if (a.rfind("delete:", 0) == 0)
    return with_id("delete:", [&](int64_t id) -> Status {
      if (Status s = own_message(w, id); !s) return s;
      w.ui_set(ui::deleting, id);
      w.ui_set(apps::ui::kOverlay, full(key::delete_dialog));
      return {};
    });
  if (a == "confirm_delete") {
    const int64_t id = w.ui_int(ui::deleting);
    if (Status s = own_message(w, id); !s) return s;
    for (const char* table : {"chat_reactions", "chat_pins", "chat_saved", "chat_files"})
      w.query("DELETE FROM " + std::string(table) + " WHERE message_id = ?1 OR message_id IN (SELECT id "
              "FROM chat_messages WHERE thread_id = ?1)", id).run();
    w.query("DELETE FROM chat_messages WHERE id = ?1 OR thread_id = ?1", id).run();
    if (w.ui_int(ui::thread) == id) w.ui_set(ui::thread, int64_t(0));
    w.ui_set(apps::ui::kOverlay, "");
    return {};
  }
  if (a == "topic_open") {
    auto q = w.query("SELECT topic FROM chat_channels WHERE id = ?", current_channel(w));
    set_field_value(w, full(key::topic_field), q.step() ? std::string(q.text(0)) : std::string());
    w.ui_set(apps::ui::kOverlay, full(key::topic_dialog));
    w.ui_set(apps::ui::kFocus, full(key::topic_field));
    return {};
  }
  if (a == "save_topic") {
    std::string topic = field_value(w, full(key::topic_field));
    if (topic.size() > 250) topic.resize(250);
    w.query("UPDATE chat_channels SET topic = ? WHERE id = ? AND kind IN ('public', 'private') AND topic <> ?", topic,
            current_channel(w), topic).run();
    w.ui_set(apps::ui::kOverlay, "");
    return {};
  }
  if (a == "people_open") {
    w.ui_set(ui::adding, "");
    set_field_value(w, full(key::people_field), "");
    w.ui_set(apps::ui::kOverlay, full(key::people_dialog));
    w.ui_set(apps::ui::kFocus, full(key::people_field));
    return {};
  }
  if (a.rfind("choose:", 0) == 0)
    return with_id("choose:", [&](int64_t id) -> Status {
      if (value(w, "SELECT count(*) FROM people WHERE id = ? AND company_id = 1 AND id <> 1", id) == 0)
        return Error{Errc::not_found, "no coworker " + std::to_string(id)};
      std::string chosen = w.ui_get(ui::adding);
      const std::string sid = std::to_string(id);
      if (("," + chosen + ",").find("," + sid + ",") == std::string::npos)
        chosen += (chosen.empty() ? "" : ",") + sid;
      w.ui_set(ui::adding, chosen);
      set_field_value(w, full(key::people_field), "");
      w.ui_set(apps::ui::kFocus, full(key::people_field));
      return {};
    });
  if (a == "add_people") return add_people(w);
  if (a == "leave") {
    const int64_t ch = current_channel(w);
    if (ch == 0) return Error{Errc::invalid_argument, "no channel is open"};
    if (value(w, "SELECT count(*) FROM chat_channels WHERE id = ? AND kind = 'dm'", ch))
      return Error{Errc::invalid_argument, "a direct conversation cannot be left"};
    w.query("DELETE FROM chat_members WHERE channel_id = ? AND person_id = 1", ch).run();
    w.ui_set(apps::ui::kOverlay, "");
    w.ui_set(ui::channel, int64_t(0));
    w.ui_set(ui::thread, int64_t(0));
    return {};
  }
  if (a == "new_channel") {
    set_field_value(w, full(key::channel_name), "");
    w.ui_set(ui::make_private, int64_t(0));
    w.ui_set(apps::ui::kOverlay, full(key::channel_dialog));
    w.ui_set(apps::ui::kFocus, full(key::channel_name));
    return {};
  }
  if (a == "toggle_private") return w.ui_set(ui::make_private, int64_t(w.ui_int(ui::make_private) == 0)), Status{};
  if (a == "create_channel") return create_channel(w);
  if (a.rfind("more_open:", 0) == 0)
    return with_id("more_open:", [&](int64_t id) -> Status {
      w.ui_set(ui::more_for, id);
      w.ui_set(apps::ui::kOverlay, full(key::more_menu));
      return {};
    });
  if (a.rfind("save:", 0) == 0)
    return with_id("save:", [&](int64_t id) -> Status {
      if (auto m = my_message(w, id); !m) return m.error();
      w.query("DELETE FROM chat_saved WHERE message_id = ?", id).run();
      const bool removed = w.changes() > 0;
      if (!removed) w.query("INSERT INTO chat_saved(message_id, ts_ms) VALUES(?, ?)", id, w.now_ms()).run();
      w.ui_set(apps::ui::kOverlay, "");
      toast(w, removed ? "Removed from saved items." : "Saved for later.");
      return {};
    });
  if (a.rfind("pin:", 0) == 0)
    return with_id("pin:", [&](int64_t id) -> Status {
      auto m = my_message(w, id);
      if (!m) return m.error();
      w.query("DELETE FROM chat_pins WHERE message_id = ?", id).run();
      const bool removed = w.changes() > 0;
      if (!removed)
        w.query("INSERT INTO chat_pins(message_id, channel_id, person_id, ts_ms) VALUES(?, ?, 1, ?)",
                id, m->first, w.now_ms()).run();
      w.ui_set(apps::ui::kOverlay, "");
      toast(w, removed ? "Unpinned from the channel." : "Pinned to the channel.");
      return {};
    });
  if (a.rfind("unread:", 0) == 0)
    return with_id("unread:", [&](int64_t id) -> Status {
      auto m = my_message(w, id);
      if (!m) return m.error();
      w.query("INSERT INTO chat_reads(channel_id, last_read_ms) SELECT ?1, ts_ms - 1 FROM "
              "chat_messages WHERE id = ?2 ON CONFLICT(channel_id) DO UPDATE SET last_read_ms = "
              "excluded.last_read_ms", m->first, id).run();
      w.ui_set(ui::kept_unread, m->first);  // what lands now does not read it again
      w.ui_set(apps::ui::kOverlay, "");
      toast(w, "Marked unread.");
      return {};
    });
  if (a.rfind("copy_link:", 0) == 0)
    return with_id("copy_link:", [&](int64_t id) -> Status {
      if (auto m = my_message(w, id); !m) return m.error();
      w.ui_set(apps::ui::kClipboard, "https://chat.facsim.test/#m/" + std::to_string(id));
      w.ui_set(apps::ui::kOverlay, "");
      toast(w, "Link copied.");
      return {};
    });
  if (a.rfind("panel:", 0) == 0) {
    const std::string_view which = arg("panel:");
    if (which != "members" && which != "pins" && which != "about" && which != "files" && which != "settings")
      return Error{Errc::invalid_argument, "no panel '" + std::string(which) + "'"};
    w.ui_set(ui::panel, w.ui_get(ui::panel) == which ? "" : std::string(which));
    w.ui_set(apps::ui::kOverlay, "");
    w.ui_set(ui::thread, int64_t(0));
    return {};
  }
  if (a.rfind("profile:", 0) == 0)
    return with_id("profile:", [&](int64_t id) -> Status {
      if (value(w, "SELECT count(*) FROM people WHERE id = ?", id) == 0)
        return Error{Errc::not_found, "no person " + std::to_string(id)};
      w.ui_set(ui::profile, id);
      w.ui_set(ui::panel, "profile");
      w.ui_set(ui::thread, int64_t(0));
      w.ui_set(apps::ui::kOverlay, "");
      return {};
    });
  if (a == "close_panel") return w.ui_set(ui::panel, ""), Status{};
  if (a == "jump:1" || a == "jump:0") {  // to the first unread; back to the end
    w.ui_set(ui::jumped, a == "jump:1" ? current_channel(w) : int64_t(0));
    w.ui_set("scroll:" + full(key::messages), int64_t(0));
    return {};
  }
  if (a == "mute") {
    const int64_t ch = current_channel(w);
    w.query("UPDATE chat_members SET muted = 1 - muted WHERE channel_id = ? AND person_id = 1", ch).run();
    if (w.changes() == 0) return Error{Errc::not_found, "not a member of channel " + std::to_string(ch)};
    return {};
  }
  if (a.rfind("emoji_pick:", 0) == 0) return pick_emoji_code(w, arg("emoji_pick:"));
  if (a.rfind("mention:", 0) == 0)
    return with_id("mention:", [&](int64_t id) { return pick_mention(w, id); });
  if (a == "threads_view") {
    w.ui_set(ui::main, "threads");
    w.ui_set(ui::thread, int64_t(0));
    w.ui_set("scroll:" + full(key::results), int64_t(0));
    return {};
  }
  if (a == "mentions_view") {
    w.ui_set(ui::main, "mentions");
    w.ui_set(ui::thread, int64_t(0));
    w.ui_set("scroll:" + full(key::results), int64_t(0));
    return {};
  }
  if (a == "attach_open") {
    set_field_value(w, full(key::file_field), "");
    w.ui_set("scroll:" + full("file_list"), int64_t(0));
    w.ui_set(apps::ui::kOverlay, full(key::attach_dialog));
    w.ui_set(apps::ui::kFocus, full(key::file_field));
    return {};
  }
  if (a.rfind("attach:", 0) == 0)
    return with_id("attach:", [&](int64_t id) -> Status {
      if (value(w, "SELECT count(*) FROM files WHERE id = ?", id) == 0)
        return Error{Errc::not_found, "no file " + std::to_string(id)};
      w.ui_set(ui::attach, id);
      w.ui_set(apps::ui::kOverlay, "");
      w.ui_set(apps::ui::kFocus, full(key::composer));
      return {};
    });
  if (a == "unattach") return w.ui_set(ui::attach, int64_t(0)), Status{};
  if (a.rfind("file_open:", 0) == 0)
    return with_id("file_open:", [&](int64_t id) -> Status {
      if (value(w, "SELECT count(*) FROM files WHERE id = ?", id) == 0)
        return Error{Errc::not_found, "no file " + std::to_string(id)};
      w.ui_set(ui::previewing, id);
      w.ui_set(apps::ui::kOverlay, full(key::file_preview));
      return {};
    });
  if (a == "new_dm") {
    w.ui_set(ui::dm_people, "");
    set_field_value(w, full(key::dm_field), "");
    w.ui_set(apps::ui::kOverlay, full(key::dm_dialog));
    w.ui_set(apps::ui::kFocus, full(key::dm_field));
    return {};
  }
  if (a.rfind("dm_choose:", 0) == 0 || a.rfind("dm_unchoose:", 0) == 0) {
    const bool add = a[3] == 'c';
    return with_id(add ? "dm_choose:" : "dm_unchoose:", [&](int64_t id) -> Status {
      if (value(w, "SELECT count(*) FROM people WHERE id = ? AND company_id = 1 AND id <> 1", id) == 0)
        return Error{Errc::not_found, "no coworker " + std::to_string(id)};
      std::vector<int64_t> ids;
      for (int64_t x : parse_id_list(w.ui_get(ui::dm_people)))
        if (x != id) ids.push_back(x);
      if (add) ids.push_back(id);
      std::string csv;
      for (int64_t x : ids) csv.append(csv.empty() ? "" : ",").append(std::to_string(x));
      w.ui_set(ui::dm_people, csv);
      set_field_value(w, full(key::dm_field), "");
      w.ui_set(apps::ui::kFocus, full(key::dm_field));
      return {};
    });
  }
  if (a == "start_dm") return start_dm(w);
  if (a.rfind("fold:", 0) == 0) {
    const std::string name(arg("fold:"));
    if (name != "starred" && name != "channels" && name != "dms")
      return Error{Errc::invalid_argument, "no sidebar section '" + name + "'"};
    w.ui_set(ui::folded(name), int64_t(w.ui_int(ui::folded(name)) == 0));
    return {};
  }
  if (a == "theme") {
    w.ui_set(apps::ui::kTheme, w.ui_get(apps::ui::kTheme) == "dark" ? "light" : "dark");
    w.ui_set(apps::ui::kOverlay, "");
    return {};
  }
  if (a == "browse_view") {
    w.ui_set(ui::main, "browse");
    w.ui_set(ui::thread, int64_t(0));
    w.ui_set("scroll:" + full(key::results), int64_t(0));
    return {};
  }
  if (a.rfind("join:", 0) == 0)
    return with_id("join:", [&](int64_t id) -> Status {
      if (value(w, "SELECT count(*) FROM chat_channels WHERE id = ? AND kind = 'public' AND archived = 0", id) == 0)
        return Error{Errc::not_found, "no public channel " + std::to_string(id)};
      w.query("INSERT OR IGNORE INTO chat_members(channel_id, person_id) VALUES(?, 1)", id).run();
      return open_channel(w, id);
    });
  if (a == "toggle_also_send") return w.ui_set(ui::also_send, int64_t(w.ui_int(ui::also_send) == 0)), Status{};
  if (a == "drafts_view") {
    w.ui_set(ui::main, "drafts");
    w.ui_set(ui::thread, int64_t(0));
    w.ui_set("scroll:" + full(key::results), int64_t(0));
    return {};
  }
  if (a.rfind("draft:", 0) == 0)
    return with_id("draft:", [&](int64_t ch) -> Status { return open_channel(w, ch); });
  if (a.rfind("message_person:", 0) == 0)
    return with_id("message_person:", [&](int64_t id) { return message_person(w, id); });
  if (a == "status_open") {
    auto q = w.query("SELECT emoji, text, clear_ms FROM chat_status WHERE person_id = 1");
    const bool has = q.step();
    w.ui_set(ui::status_pick, has ? std::string(q.text(0)) : std::string());
    set_field_value(w, full(key::status_text), has ? std::string(q.text(1)) : std::string());
    w.ui_set(full(key::status_clear), int64_t(0));
    w.ui_set(apps::ui::kOverlay, full(key::status_dialog));
    w.ui_set(apps::ui::kFocus, full(key::status_text));
    return {};
  }
  if (a.rfind("status_emoji:", 0) == 0) {
    const std::string_view e = arg("status_emoji:");
    if (std::find(std::begin(kStatusEmoji), std::end(kStatusEmoji), e) == std::end(kStatusEmoji))
      return Error{Errc::invalid_argument, "unknown status emoji '" + std::string(e) + "'"};
    w.ui_set(ui::status_pick, std::string(e));
    return {};
  }
  if (a.rfind("status_clear:", 0) == 0) {
    auto i = parse_id(arg("status_clear:"));
    if (!i || *i >= int64_t(std::size(kClearAfter)))
      return Error{Errc::invalid_argument, "status_clear:<0.." + std::to_string(std::size(kClearAfter) - 1) + ">"};
    w.ui_set(full(key::status_clear), *i);
    return {};
  }
  if (a == "save_status") return save_status(w);
  if (a == "clear_status") {
    w.query("DELETE FROM chat_status WHERE person_id = 1").run();
    w.ui_set(apps::ui::kOverlay, "");
    return {};
  }
  if (a == "star") {
    const int64_t ch = current_channel(w);
    if (value(w, "SELECT count(*) FROM chat_channels WHERE id = ? AND kind IN ('public', 'private')", ch) == 0)
      return Error{Errc::invalid_argument, "only a channel can be starred"};
    w.query("UPDATE chat_channels SET starred = 1 - starred WHERE id = ?", ch).run();
    w.ui_set(apps::ui::kOverlay, "");
    return {};
  }
  if (a == "rename_open") {
    auto q = w.query("SELECT name FROM chat_channels WHERE id = ?", current_channel(w));
    const std::string name = q.step() ? std::string(q.text(0)) : std::string();
    set_field_value(w, full(key::rename_field), name);
    w.ui_set("sel:" + full(key::rename_field), "0 " + std::to_string(name.size()));
    w.ui_set(apps::ui::kOverlay, full(key::rename_dialog));
    w.ui_set(apps::ui::kFocus, full(key::rename_field));
    return {};
  }
  if (a == "save_rename") return save_rename(w);
  if (a == "archive_open") return w.ui_set(apps::ui::kOverlay, full(key::archive_dialog)), Status{};
  if (a == "confirm_archive") {
    const int64_t ch = current_channel(w);
    if (value(w, "SELECT count(*) FROM chat_channels WHERE id = ? AND kind IN ('public', 'private')", ch) == 0)
      return Error{Errc::invalid_argument, "only a channel can be archived"};
    w.query("UPDATE chat_channels SET archived = 1, starred = 0 WHERE id = ?", ch).run();
    w.ui_set(apps::ui::kOverlay, "");
    w.ui_set(ui::channel, int64_t(0));
    w.ui_set(ui::thread, int64_t(0));
    w.ui_set(ui::panel, "");
    toast(w, "Channel archived.");
    return {};
  }
  if (a == "close_search") {
    w.ui_set(ui::main, "");
    set_field_value(w, full(key::search), "");
    return {};
  }
  if (a == "saved_view") {
    w.ui_set(ui::main, "saved");
    w.ui_set(ui::thread, int64_t(0));
    w.ui_set("scroll:" + full(key::results), int64_t(0));
    return {};
  }
  if (a.rfind("open_thread:", 0) == 0)  // a message's thread (its root's, for a reply)
    return with_id("open_thread:", [&](int64_t id) -> Status {
      auto m = my_message(w, id);
      if (!m) return m.error();
      if (Status s = open_channel(w, m->first); !s) return s;
      return on_action(w, Command{"thread:" + std::to_string(m->second ? m->second : id), 0});
    });
  if (a.rfind("result:", 0) == 0)
    return with_id("result:", [&](int64_t id) -> Status {
      auto m = my_message(w, id);
      if (!m) return m.error();
      if (Status s = open_channel(w, m->first); !s) return s;
      if (m->second) return on_action(w, Command{"thread:" + std::to_string(m->second), 0});
      return {};
    });
  if (a == "switcher") {
    set_field_value(w, full(key::switcher_field), "");
    w.ui_set(apps::ui::kOverlay, full(key::switcher));
    w.ui_set(apps::ui::kFocus, full(key::switcher_field));
    return {};
  }
  if (a.rfind("link:", 0) == 0 && arg("link:").rfind(kSelf, 0) == 0 &&
      arg("link:").substr(kSelf.size()).rfind("p/", 0) == 0)  // a mention: their profile
    return on_action(w, Command{"profile:" + std::string(arg("link:").substr(kSelf.size() + 2)), 0});
  if (a.rfind("link:", 0) == 0 && arg("link:").rfind(kSelf, 0) == 0 &&
      arg("link:").substr(kSelf.size()).rfind("m/", 0) == 0)  // a copied message link
    return open_route(w, "#" + std::string(arg("link:").substr(kSelf.size())));
  if (a.rfind("link:", 0) == 0 && arg("link:").rfind(kSelf, 0) == 0) {  // a channel of this workspace
    const std::string name(arg("link:").substr(kSelf.size()));
    auto q = w.query("SELECT id FROM chat_channels WHERE name = ? AND archived = 0", name);
    if (!q.step()) return Error{Errc::not_found, "no channel #" + name};
    const int64_t id = q.i64(0);
    if (value(w, "SELECT count(*) FROM chat_members WHERE channel_id = ? AND person_id = 1", id) == 0) {
      on_action(w, Command{"browse_view", 0});  // not a member: where Join is
      toast(w, "You are not in #" + name + " yet: join it from here.");
      return {};
    }
    return open_channel(w, id);
  }
  if (a.rfind("link:", 0) == 0) {  // a link in a message: the visit is kept; no outside web
    world::record_visit(w, arg("link:"), kName);
    toast(w, std::string(arg("link:")) + " is outside the simulated workplace.");
    return {};
  }
  return Error{Errc::invalid_argument, "unknown chat action '" + std::string(a) + "'"};
}

Status on_submit(state::World& w, Submit s) {
  if (s.field == full(key::edit_field)) return save_edit(w);
  if (s.field == full(key::topic_field)) return on_action(w, Command{"save_topic", 0});
  if (s.field == full(key::channel_name)) return create_channel(w);
  if (s.field == full(key::people_field)) {  // Enter chooses the first suggestion
    const auto found = people_matching(w, field_value(w, s.field), not_in_channel(current_channel(w)), 1);
    if (found.empty()) return {};
    return on_action(w, Command{"choose:" + std::to_string(std::get<0>(found.front())), 0});
  }
  if (s.field == full(key::emoji_search)) {  // Enter: the first match
    const auto found = emoji_matching(field_value(w, s.field));
    if (found.empty()) return {};
    return toggle_reaction(w, w.ui_int(ui::react_to), found.front()->name);
  }
  if (s.field == full(key::file_field)) {  // Enter: the first file listed
    auto q = w.query("SELECT id FROM files WHERE instr(lower(name), lower(?)) > 0 ORDER BY name, id LIMIT 1",
                     field_value(w, s.field));
    if (!q.step()) return {};
    const int64_t id = q.i64(0);
    return on_action(w, Command{"attach:" + std::to_string(id), 0});
  }
  if (s.field == full(key::dm_field)) {  // Enter: the first suggestion; with nothing typed, Start
    const std::string typed = field_value(w, s.field);
    if (typed.empty()) return start_dm(w);
    const auto found = people_matching(w, typed, not_chosen(w.ui_get(ui::dm_people)), 1);
    if (found.empty()) return {};
    return on_action(w, Command{"dm_choose:" + std::to_string(std::get<0>(found.front())), 0});
  }
  if (s.field == full(key::rename_field)) return save_rename(w);
  if (s.field == full(key::status_text)) return save_status(w);
  if (s.field == full(key::search)) return search(w);
  if (s.field == full(key::switcher_field)) {  // Enter opens the first option
    const auto found = switcher_matches(w, field_value(w, s.field));
    if (found.empty()) return {};
    const auto& [kind, id, label, note] = found.front();
    if (kind == 'p') return message_person(w, id);
    w.ui_set(apps::ui::kOverlay, "");
    return open_channel(w, id);
  }
  if (w.ui_get(ui::emoji_in) == s.field) {  // Enter picks the first emoji suggested
    const auto found = emoji_matching(w.ui_get(ui::emoji_q));
    if (!found.empty()) return pick_emoji_code(w, found.front()->name);
  }
  if (w.ui_get(ui::mention_in) == s.field) {  // Enter picks the first person suggested
    const auto found = mention_matches(w, w.ui_get(ui::mention_q));
    if (!found.empty()) return pick_mention(w, found.front().first);
  }
  if (s.field == full(key::composer)) return post(w, key::composer, 0);
  if (s.field == full(key::thread_composer)) return post(w, key::thread_composer, w.ui_int(ui::thread));
  return {};
}

// A coworker's answer lands (chat_pending -> chat_messages).
Status on_event(state::World& w, std::string_view what, std::string_view payload) {
  if (what == "status_clear") {  // only the status it was set for (a later one has its own)
    auto at = parse_id(payload);
    if (!at) return at.error();
    w.query("DELETE FROM chat_status WHERE person_id = 1 AND clear_ms = ?", *at).run();
    return {};
  }
  if (what != "reply") return Error{Errc::internal, "chat has no event '" + std::string(what) + "'"};
  auto id = parse_id(payload);
  if (!id) return id.error();
  int64_t channel = 0, person = 0, thread = 0;
  std::string body;
  {
    auto q = w.query("SELECT channel_id, person_id, thread_id, body FROM chat_pending WHERE id = ?", *id);
    if (!q.step()) return {};  // (a reply already posted)
    channel = q.i64(0), person = q.i64(1), thread = q.i64(2);
    body = q.text(3);
  }
  // An id of the living world's (world::event_row_id): the same whoever wrote before it.
  w.query("INSERT INTO chat_messages(id, channel_id, sender_id, body, ts_ms, thread_id) VALUES(?, "
          "?, ?, ?, ?, ?)", world::event_row_id(*id), channel, person, body, w.now_ms(), thread).run();
  w.query("DELETE FROM chat_pending WHERE id = ?", *id).run();
  if (w.ui_int(ui::channel) == channel && thread == 0 && w.ui_int(ui::kept_unread) != channel)
    mark_read(w, channel);  // seen as it lands (unless the user marked the channel unread)
  return {};
}

// The "@..." at the end of `text` (after the last space or line break), without the "@";
// nullopt when the last word is no mention.
std::optional<std::string> trailing_mention(const std::string& text) {
  const size_t at = text.find_last_of(" \n");
  const std::string word = at == std::string::npos ? text : text.substr(at + 1);
  if (word.empty() || word[0] != '@') return std::nullopt;
  return word.substr(1);
}

// The ":..." at the end of `text` (two letters at least, no closing colon yet), without the
// ":"; nullopt otherwise.
std::optional<std::string> trailing_emoji(const std::string& text) {
  const size_t at = text.find_last_of(" \n");
  const std::string word = at == std::string::npos ? text : text.substr(at + 1);
  if (word.size() < 3 || word[0] != ':' || word.find(':', 1) != std::string::npos) return std::nullopt;
  return word.substr(1);
}

// Typing in a composer: an "@..." at its end opens the mention suggestions.
void on_edit(state::World& w, std::string_view field) {
  if (field != full(key::composer) && field != full(key::thread_composer)) return;
  const std::string text = field_value(w, field);
  const auto m = trailing_mention(text);
  w.ui_set(ui::mention_in, m ? std::string(field) : std::string());
  w.ui_set(ui::mention_q, m ? *m : std::string());
  const auto e = trailing_emoji(text);
  w.ui_set(ui::emoji_in, e ? std::string(field) : std::string());
  w.ui_set(ui::emoji_q, e ? *e : std::string());
}

// Picks emoji `name` for the ":..." being typed: it becomes ":name: ".
Status pick_emoji_code(state::World& w, std::string_view name) {
  const std::string field = w.ui_get(ui::emoji_in);
  if (field.empty()) return Error{Errc::invalid_argument, "no emoji is being typed"};
  if (!assets::find_emoji(name)) return Error{Errc::invalid_argument, "unknown emoji '" + std::string(name) + "'"};
  std::string text = field_value(w, field);
  if (const auto e = trailing_emoji(text)) text.resize(text.size() - e->size() - 1);
  text += ":" + std::string(name) + ": ";
  set_field_value(w, field, text);
  w.ui_set("sel:" + field, std::to_string(text.size()) + " " + std::to_string(text.size()));
  w.ui_set(apps::ui::kFocus, field);
  w.ui_set(ui::emoji_in, "");
  w.ui_set(ui::emoji_q, "");
  return {};
}

// Picks person `id` for the "@..." being typed: it becomes "@First Last ".
Status pick_mention(state::World& w, int64_t id) {
  const std::string field = w.ui_get(ui::mention_in);
  if (field.empty()) return Error{Errc::invalid_argument, "no mention is being typed"};
  auto q = w.query("SELECT name FROM people WHERE id = ?", id);
  if (!q.step()) return Error{Errc::not_found, "no person " + std::to_string(id)};
  std::string text = field_value(w, field);
  const auto m = trailing_mention(text);
  if (m) text.resize(text.size() - m->size() - 1);
  text += "@" + std::string(q.text(0)) + " ";
  set_field_value(w, field, text);
  w.ui_set("sel:" + field, std::to_string(text.size()) + " " + std::to_string(text.size()));
  w.ui_set(apps::ui::kFocus, field);
  w.ui_set(ui::mention_in, "");
  w.ui_set(ui::mention_q, "");
  return {};
}

// Control+K: the quick switcher (from anywhere: the shell passes it on from text fields).
Result<bool> on_key(state::World& w, Shortcut k) {
  if ((k.key == "k" || k.key == "K") && (k.mods & 2)) {
    if (Status s = on_action(w, Command{"switcher", 0}); !s) return s.error();
    return true;
  }
  return false;
}

std::string route(state::World& w) {
  if (w.ui_get(ui::main) == "saved") return "#saved";
  if (w.ui_get(ui::main) == "drafts") return "#drafts";
  if (w.ui_get(ui::main) == "mentions") return "#mentions";
  if (w.ui_get(ui::main) == "threads") return "#threads";
  if (w.ui_get(ui::main) == "browse") return "#browse";
  const int64_t c = current_channel(w);
  auto q = w.query("SELECT kind, name, ifnull(dm_person_id, 0) FROM chat_channels WHERE id = ?", c);
  if (!q.step()) return "#";
  std::string r = q.text(0) == "dm" ? "#dm/" + std::to_string(q.i64(2)) : "#" + std::string(q.text(1));
  if (const int64_t t = w.ui_int(ui::thread)) r += "/thread/" + std::to_string(t);
  return r;
}

Status open_route(state::World& w, std::string_view r) {
  if (r.empty()) return {};
  if (r[0] != '#') return Error{Errc::invalid_argument, "chat routes start with #"};
  r.remove_prefix(1);
  if (r == "saved") return on_action(w, Command{"saved_view", 0});
  if (r == "drafts") return on_action(w, Command{"drafts_view", 0});
  if (r == "mentions") return on_action(w, Command{"mentions_view", 0});
  if (r == "threads") return on_action(w, Command{"threads_view", 0});
  if (r == "browse") return on_action(w, Command{"browse_view", 0});
  if (r.rfind("m/", 0) == 0) {  // a copied message link
    auto m = parse_id(r.substr(2));
    if (!m) return m.error();
    return on_action(w, Command{"result:" + std::to_string(*m), 0});
  }
  int64_t thread = 0;
  if (const size_t p = r.find("/thread/"); p != std::string_view::npos) {
    auto t = parse_id(r.substr(p + 8));
    if (!t) return t.error();
    thread = *t;
    r = r.substr(0, p);
  }
  int64_t id = 0;
  if (r.rfind("dm/", 0) == 0) {
    auto p = parse_id(r.substr(3));
    if (!p) return p.error();
    id = value(w, "SELECT id FROM chat_channels WHERE kind = 'dm' AND dm_person_id = ?", *p);
  } else {
    auto q = w.query("SELECT id FROM chat_channels WHERE name = ?", r);
    id = q.step() ? q.i64(0) : 0;
  }
  if (id == 0) return Error{Errc::invalid_argument, "no chat route '#" + std::string(r) + "'"};
  if (Status s = open_channel(w, id); !s) return s;
  if (thread) return on_action(w, Command{"thread:" + std::to_string(thread), 0});
  return {};
}

}  // namespace

Result<int64_t> grow_channel(state::World& w, std::string_view name, int64_t messages) {
  int64_t channel = 0, oldest = 0, have = 0;
  {
    auto q = w.query("SELECT c.id, (SELECT min(ts_ms) FROM chat_messages m WHERE m.channel_id = "
                     "c.id), (SELECT count(*) FROM chat_messages m WHERE m.channel_id = c.id AND "
                     "m.thread_id = 0) FROM chat_channels c WHERE c.name = ?", name);
    if (!q.step()) return Error{Errc::not_found, "no channel #" + std::string(name)};
    channel = q.i64(0), oldest = q.i64(1), have = q.i64(2);
  }
  std::vector<int64_t> members;
  for (auto q = w.query("SELECT person_id FROM chat_members WHERE channel_id = ? ORDER BY "
                        "person_id", channel);
       q.step();)
    members.push_back(q.i64(0));
  if (members.empty()) return Error{Errc::internal, "an empty channel"};
  Rng rng = Rng::stream(w.seed(), "chat.grow");
  const auto& projects = assets::corpus("projects");
  if (Status s = w.begin(); !s) return s.error();
  int64_t ts = oldest > 0 ? oldest : w.now_ms();
  for (; have < messages; ++have) {
    ts -= 60000 * int64_t(1 + rng.below(120));
    const char* tpl = kGeneral[rng.below(uint32_t(std::size(kGeneral)))];
    w.query("INSERT INTO chat_messages(channel_id, sender_id, body, ts_ms, thread_id) VALUES(?, ?, "
            "?, ?, 0)", channel, members[rng.below(uint32_t(members.size()))],
            fill(tpl, {{"{project}", projects[rng.below(uint32_t(projects.size()))]},
                       {"{time}", "2 PM"}, {"{team}", "Design"}}),
            ts).run();
  }
  if (Status s = end_generation(w); !s) return s.error();
  return have;
}

}  // namespace chat

const App& chat_app() {
  static const App app{.name = chat::kName,
                       .title = "Chat",
                       .host = "chat.facsim.test",
                       .install = chat::install,
                       .view = chat::view,
                       .on_action = chat::on_action,
                       .on_submit = chat::on_submit,
                       .on_key = chat::on_key,
                       .route = chat::route,
                       .open_route = chat::open_route,
                       .on_event = chat::on_event,
                       .on_edit = chat::on_edit};
  return app;
}

}  // namespace facsim::apps
