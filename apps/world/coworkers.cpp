// apps/world/coworkers.cpp: knowledge cards and the script by which coworkers answer.
#include "coworkers.h"

#include <algorithm>
#include <cctype>
#include <vector>

#include "assets.h"
#include "state.h"
#include "world.h"

namespace facsim::apps::world {
namespace {

const char* kSchema = R"sql(
CREATE TABLE knowledge(
  id INTEGER PRIMARY KEY, person_id INTEGER NOT NULL REFERENCES people(id),
  topic TEXT NOT NULL, subject TEXT NOT NULL, keywords TEXT NOT NULL, fact TEXT NOT NULL,
  value TEXT NOT NULL);
CREATE INDEX knowledge_by_person ON knowledge(person_id);
)sql";

struct Topic {
  const char* id;
  const char* keywords;   // any of them asks about the topic
  const char* fact;       // {subject} {value}
};
constexpr Topic kTopics[] = {
    {"budget_code", "budget code cost center cost-center", "The budget code for {subject} is {value}."},
    {"launch_date", "launch launches launching ship ships release date go-live", "{subject} launches on {value}."},
    {"service_owner", "owner owns owning on-call oncall maintains responsible", "{subject} is owned by {value}."},
};
constexpr const char* kServices[] = {"payments-api", "search-indexer", "billing-worker",
                                     "auth-gateway", "reports-cron",  "email-relay",
                                     "ledger-sync",  "image-resizer"};
constexpr const char* kMonths[] = {"March", "April", "May", "June"};

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = char(std::tolower(uint8_t(c)));
  return out;
}
std::string fill(std::string t, std::string_view subject, std::string_view value) {
  for (auto [k, v] : {std::pair{std::string_view("{subject}"), subject}, {"{value}", value}})
    for (size_t p; (p = t.find(k)) != std::string::npos;) t.replace(p, k.size(), v);
  return t;
}

}  // namespace

Status install_knowledge(state::World& w) {
  if (Status s = w.exec(kSchema); !s) return s;
  Rng rng = Rng::stream(w.seed(), "world.knowledge");
  std::vector<std::pair<int64_t, std::string>> coworkers;
  for (auto q = w.query("SELECT id, name FROM people WHERE company_id = ? AND id <> ? ORDER BY id",
                        kCompanyId, kUserId);
       q.step();)
    coworkers.emplace_back(q.i64(0), std::string(q.text(1)));
  const auto& projects = assets::corpus("projects");
  std::vector<std::string> used;  // one card per subject: the answer is one person's
  for (size_t i = 0; i < coworkers.size(); ++i) {
    const Topic& t = kTopics[i % std::size(kTopics)];
    std::string subject, value;
    for (int tries = 0; tries < 20; ++tries) {
      if (std::string_view(t.id) == "service_owner")
        subject = kServices[rng.below(uint32_t(std::size(kServices)))];
      else
        subject = projects[rng.below(uint32_t(projects.size()))];
      if (std::find(used.begin(), used.end(), std::string(t.id) + subject) == used.end()) break;
    }
    // Still taken after the tries: the first subject free, in order (two cards about one
    // subject would disagree); none free: no card.
    if (std::find(used.begin(), used.end(), std::string(t.id) + subject) != used.end()) {
      subject.clear();
      if (std::string_view(t.id) == "service_owner") {
        for (const char* svc : kServices)
          if (std::find(used.begin(), used.end(), std::string(t.id) + svc) == used.end()) {
            subject = svc;
            break;
          }
      } else {
        for (const std::string& pr : projects)
          if (std::find(used.begin(), used.end(), std::string(t.id) + pr) == used.end()) {
            subject = pr;
            break;
          }
      }
      if (subject.empty()) continue;
    }
    used.push_back(std::string(t.id) + subject);
    if (std::string_view(t.id) == "budget_code") {
      value = "BC-" + std::to_string(1000 + rng.below(9000));
    } else if (std::string_view(t.id) == "launch_date") {
      value = std::string(kMonths[rng.below(4)]) + " " + std::to_string(1 + rng.below(28));
    } else {  // who owns it: another coworker (they know; the owner may be anyone)
      value = coworkers[(i + 1 + rng.below(uint32_t(coworkers.size() - 1))) % coworkers.size()].second;
    }
    w.query("INSERT INTO knowledge(person_id, topic, subject, keywords, fact, value) VALUES(?, ?, "
            "?, ?, ?, ?)",
            coworkers[i].first, t.id, subject, t.keywords, fill(t.fact, subject, value), value)
        .run();
  }
  return {};
}

Answer coworker_answer(state::World& w, int64_t who, std::string_view message, uint64_t salt) {
  Rng r = Rng::stream(w.seed() ^ (salt * 0x9E3779B97F4A7C15ull), "coworker.answer");
  Answer a;
  a.delay_ms = 20000 + int64_t(r.below(70)) * 1000;  // 20-90 virtual seconds
  const std::string m = lower(message);
  std::string first;
  {
    auto q = w.query("SELECT first FROM people WHERE id = ?", kUserId);
    if (q.step()) first = q.text(0);
  }
  auto words_in = [&](const std::string& keywords) {
    for (size_t p = 0; p < keywords.size();) {
      const size_t sp = std::min(keywords.find(' ', p), keywords.size());
      if (sp > p && m.find(keywords.substr(p, sp - p)) != std::string::npos) return true;
      p = sp + 1;
    }
    return false;
  };
  static const char* kLead[] = {"Sure! ", "Hey {name}, ", "Good question. ", "Yep - ", ""};
  static const char* kClarify[] = {"Which {topic} do you mean? I know the one for {subject}.",
                                   "Do you mean {subject}? Happy to help if you say which one.",
                                   "Can you be more specific? Which one are you asking about?"};
  static const char* kAck[] = {"Thanks, got it.", "Sounds good!", "Noted, thanks {name}.",
                               "Okay, will do.", "Makes sense to me."};
  auto name_in = [&](std::string s) {
    for (size_t p; (p = s.find("{name}")) != std::string::npos;) s.replace(p, 6, first);
    return s;
  };
  for (auto q = w.query("SELECT id, topic, subject, keywords, fact FROM knowledge WHERE "
                        "person_id = ? ORDER BY id", who);
       q.step();) {
    const bool topic = words_in(std::string(q.text(3)));
    const bool subject = m.find(lower(q.text(2))) != std::string::npos;
    if (topic && subject) {
      const std::string lead = name_in(kLead[r.below(uint32_t(std::size(kLead)))]);
      std::string fact(q.text(4));
      // "Hey Dana, the budget code ..." / "Sure! Inventory reconciliation launches ...".
      const bool mid = lead.size() >= 2 && (lead.compare(lead.size() - 2, 2, ", ") == 0 ||
                                            lead.compare(lead.size() - 2, 2, "- ") == 0);
      if (!fact.empty() && fact.compare(0, 4, "The ") == 0 && mid) fact[0] = 't';
      else if (!fact.empty() && !mid) fact[0] = char(std::toupper(uint8_t(fact[0])));
      a.text = lead + fact;
      a.card = q.i64(0);
      return a;
    }
    if (topic || subject) {
      std::string t = kClarify[r.below(uint32_t(std::size(kClarify)))];
      std::string topic_name(q.text(1));
      std::replace(topic_name.begin(), topic_name.end(), '_', ' ');
      for (auto [k, v] : {std::pair{std::string("{topic}"), topic_name},
                          {std::string("{subject}"), std::string(q.text(2))}})
        for (size_t p; (p = t.find(k)) != std::string::npos;) t.replace(p, k.size(), v);
      a.text = t;
      return a;
    }
  }
  if (m.find('?') != std::string::npos) {
    static const char* kDontKnow[] = {"Hmm, I'm not sure - maybe ask in the team channel?",
                                      "No idea, sorry! Someone else might know.",
                                      "I don't know that one, {name}."};
    a.text = name_in(kDontKnow[r.below(uint32_t(std::size(kDontKnow)))]);
    return a;
  }
  a.text = name_in(kAck[r.below(uint32_t(std::size(kAck)))]);
  return a;
}

}  // namespace facsim::apps::world
