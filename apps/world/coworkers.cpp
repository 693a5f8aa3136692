// apps/world/coworkers.cpp: knowledge cards and the script by which coworkers answer.
#include "coworkers.h"

#include <algorithm>
#include <cctype>
#include <vector>

#include "assets.h"
#include "calendar.h"
#include "money.h"
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
CREATE TABLE coworker_asks(
  id INTEGER PRIMARY KEY, person_id INTEGER NOT NULL REFERENCES people(id),
  card_id INTEGER NOT NULL REFERENCES knowledge(id), asked_ms INTEGER NOT NULL,
  status TEXT NOT NULL DEFAULT 'open', tries INTEGER NOT NULL DEFAULT 0,
  answer TEXT NOT NULL DEFAULT '');
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
// A second card of every third coworker (drawn after the others: their cards stay as they were).
constexpr Topic kQuote = {"vendor_quote", "quote quoted quotes pricing estimate", "The vendor quote for {subject} came in at {value}."};
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
  std::vector<std::string> quoted;
  for (size_t i = 1; i < coworkers.size(); i += 3) {
    std::string subject;
    for (int tries = 0; tries < 20 && subject.empty(); ++tries) {
      subject = projects[rng.below(uint32_t(projects.size()))];
      if (std::find(quoted.begin(), quoted.end(), subject) != quoted.end()) subject.clear();
    }
    if (subject.empty()) continue;
    quoted.push_back(subject);
    const std::string value = format_usd(int64_t(10 + rng.below(1900)) * 5000, false);  // $500-$95,450
    w.query("INSERT INTO knowledge(person_id, topic, subject, keywords, fact, value) VALUES(?, ?, "
            "?, ?, ?, ?)",
            coworkers[i].first, kQuote.id, subject, kQuote.keywords, fill(kQuote.fact, subject, value),
            value)
        .run();
  }
  return {};
}

std::string card_what(std::string_view topic, std::string_view subject) {
  const std::string s(subject);
  if (topic == "budget_code") return "the budget code for " + s;
  if (topic == "launch_date") return "when " + s + " launches";
  if (topic == "vendor_quote") return "the vendor quote for " + s;
  return "who owns " + s;
}
std::string card_question(std::string_view topic, std::string_view subject) {
  const std::string s(subject);
  if (topic == "budget_code") return "What is the budget code for " + s + "?";
  if (topic == "launch_date") return "When does " + s + " launch?";
  if (topic == "vendor_quote") return "What was the vendor quote for " + s + "?";
  return "Who owns " + s + "?";
}

int64_t open_ask(state::World& w, int64_t asker, int64_t card) {
  w.query("INSERT INTO coworker_asks(person_id, card_id, asked_ms) VALUES(?, ?, ?)", asker, card,
          w.now_ms()).run();
  return w.last_insert_rowid();
}

Slots read_slots(state::World& w, std::string_view text) {
  Slots s;
  s.cents = amounts_in(text);
  const std::string t = lower(text);
  auto alpha = [&](size_t p) { return p < t.size() && std::isalpha(uint8_t(t[p])); };
  auto digit = [&](size_t p) { return p < t.size() && std::isdigit(uint8_t(t[p])); };
  auto alnum = [&](size_t p) { return alpha(p) || digit(p); };
  // Codes: 2-5 letters, a dash, 2-6 digits, as a word.
  for (size_t i = 0; i < t.size(); ++i) {
    if (!alpha(i) || (i > 0 && (alnum(i - 1) || t[i - 1] == '-'))) continue;
    size_t j = i;
    while (alpha(j)) ++j;
    if (j - i < 2 || j - i > 5 || j >= t.size() || t[j] != '-') continue;
    size_t k = j + 1;
    while (digit(k)) ++k;
    if (k - j - 1 < 2 || k - j - 1 > 6 || alnum(k)) continue;
    std::string id(text.substr(i, k - i));
    for (char& c : id) c = char(std::toupper(uint8_t(c)));
    s.ids.push_back(id);
    i = k;
  }
  // Dates. A number 1-31 as a word at p (with st/nd/rd/th): its value and end, or 0.
  auto day_at = [&](size_t p, size_t& end) {
    if (!digit(p) || (p > 0 && (alnum(p - 1) || t[p - 1] == '$' || t[p - 1] == '/' || t[p - 1] == '-'))) return 0;
    size_t q = p;
    int d = 0;
    while (digit(q) && q - p < 3) d = d * 10 + (t[q++] - '0');
    if (digit(q) || d < 1 || d > 31) return 0;
    for (const char* suf : {"st", "nd", "rd", "th"})
      if (t.compare(q, 2, suf) == 0 && !alpha(q + 2)) q += 2;
    if (alpha(q) || (q < t.size() && (t[q] == '/' || t[q] == '-'))) return 0;
    end = q;
    return d;
  };
  auto month_at = [&](size_t p, size_t& end) {  // a month's name (or its first three letters, "sept")
    if (!alpha(p) || (p > 0 && alpha(p - 1))) return 0;
    for (int m = 0; m < 12; ++m) {
      const std::string full = lower(kMonthLong[m]);
      for (std::string_view n : {std::string_view(full), std::string_view(full).substr(0, 3),
                                 std::string_view(m == 8 ? "sept" : "")}) {
        if (n.empty() || t.compare(p, n.size(), n) != 0 || alpha(p + n.size())) continue;
        end = p + n.size();
        if (end < t.size() && t[end] == '.') ++end;
        return m + 1;
      }
    }
    return 0;
  };
  auto add_date = [&](int m, int d) {
    if (m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(2028, m)) s.dates.push_back(m * 100 + d);
  };
  for (size_t i = 0; i < t.size(); ++i) {
    size_t e = 0, e2 = 0;
    if (const int m = month_at(i, e)) {  // "April 9", "Apr. 9th"
      size_t p = e;
      while (p < t.size() && t[p] == ' ') ++p;
      if (const int d = day_at(p, e2)) {
        add_date(m, d);
        i = e2;
      }
      continue;
    }
    if (digit(i) && (i == 0 || !alnum(i - 1))) {
      if (const int d = day_at(i, e)) {  // "9 April", "9th of April"
        size_t p = e;
        while (p < t.size() && t[p] == ' ') ++p;
        if (t.compare(p, 3, "of ") == 0) p += 3;
        if (const int m = month_at(p, e2)) {
          add_date(m, d);
          i = e2;
          continue;
        }
      }
      // "2027-04-09", "4/9" (month first), "4/9/2027"
      size_t q = i;
      while (digit(q)) ++q;
      if (q - i == 4 && q + 5 < t.size() + 0 && t[q] == '-' && digit(q + 1) && digit(q + 2) &&
          t[q + 3] == '-' && digit(q + 4) && digit(q + 5) && !digit(q + 6)) {
        add_date((t[q + 1] - '0') * 10 + (t[q + 2] - '0'), (t[q + 4] - '0') * 10 + (t[q + 5] - '0'));
        i = q + 6;
        continue;
      }
      if (q - i <= 2 && q < t.size() && t[q] == '/' && digit(q + 1) && (i == 0 || t[i - 1] != '/')) {
        const int m = std::atoi(t.c_str() + i);
        size_t r = q + 1;
        int d = 0;
        while (digit(r) && r - q <= 2) d = d * 10 + (t[r++] - '0');
        if (!digit(r)) add_date(m, d);
        i = r;
      }
    }
  }
  // People: full names first (and out of the text), then a first name one coworker has.
  std::string rest = " " + t + " ";
  auto word_at = [&](const std::string& hay, size_t p, size_t n) {
    return p > 0 && !std::isalpha(uint8_t(hay[p - 1])) && p + n < hay.size() && !std::isalpha(uint8_t(hay[p + n]));
  };
  std::vector<std::pair<int64_t, std::string>> firsts;
  for (auto q = w.query("SELECT id, lower(name), lower(first), company_id FROM people WHERE id <> ? ORDER BY id", kUserId);
       q.step();) {
    const std::string name(q.text(1));
    bool named = false;
    for (size_t p = rest.find(name); p != std::string::npos; p = rest.find(name, p + 1))
      if (word_at(rest, p, name.size())) {
        rest.replace(p, name.size(), std::string(name.size(), ' '));
        named = true;
      }
    if (named) s.people.push_back(q.i64(0));
    else if (q.i64(3) == kCompanyId) firsts.emplace_back(q.i64(0), std::string(q.text(2)));
  }
  for (const auto& [id, first] : firsts) {
    int same = 0;
    for (const auto& [id2, first2] : firsts) same += first2 == first;
    if (same != 1) continue;
    for (size_t p = rest.find(first); p != std::string::npos; p = rest.find(first, p + 1))
      if (word_at(rest, p, first.size())) {
        s.people.push_back(id);
        break;
      }
  }
  std::sort(s.people.begin(), s.people.end());
  s.people.erase(std::unique(s.people.begin(), s.people.end()), s.people.end());
  return s;
}

SlotMatch match_card(state::World& w, int64_t card, const Slots& text) {
  auto q = w.query("SELECT topic, value FROM knowledge WHERE id = ?", card);
  if (!q.step()) return SlotMatch::none;
  const std::string topic(q.text(0));
  const Slots v = read_slots(w, q.text(1));
  auto against = [](const auto& said, const auto& truth) {
    if (said.empty() || truth.empty()) return SlotMatch::none;
    return std::find(said.begin(), said.end(), truth.front()) != said.end() ? SlotMatch::same : SlotMatch::other;
  };
  if (topic == "budget_code") return against(text.ids, v.ids);
  if (topic == "launch_date") return against(text.dates, v.dates);
  if (topic == "vendor_quote") return against(text.cents, v.cents);
  return against(text.people, v.people);
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
  Slots slots = read_slots(w, message);
  std::erase(slots.people, who);  // "Hi Dana, ..." to Dana names no answer
  auto sub = [](std::string t, std::initializer_list<std::pair<std::string_view, std::string>> kv) {
    for (const auto& [k, v] : kv)
      for (size_t p; (p = t.find(k)) != std::string::npos;) t.replace(p, k.size(), v);
    return t;
  };
  // "Hey Dana, the budget code ..." / "Sure! Inventory reconciliation launches ...".
  auto lead_fact = [](const std::string& lead, std::string fact) {
    const bool mid = lead.size() >= 2 && (lead.compare(lead.size() - 2, 2, ", ") == 0 ||
                                          lead.compare(lead.size() - 2, 2, "- ") == 0 ||
                                          lead.compare(lead.size() - 2, 2, ": ") == 0);
    if (!fact.empty() && fact.compare(0, 4, "The ") == 0 && mid) fact[0] = 't';
    else if (!fact.empty() && !mid) fact[0] = char(std::toupper(uint8_t(fact[0])));
    return lead + fact;
  };
  // 1. An answer to their open question (the newest first).
  for (auto q = w.query("SELECT a.id, a.card_id, k.subject, k.value, k.topic FROM coworker_asks a JOIN "
                        "knowledge k ON k.id = a.card_id WHERE a.person_id = ? AND a.status = 'open' "
                        "ORDER BY a.id DESC", who);
       q.step();) {
    const SlotMatch sm = match_card(w, q.i64(1), slots);
    if (sm == SlotMatch::none) continue;
    const std::string subject(q.text(2)), value(q.text(3));
    if (sm == SlotMatch::same) {
      static const char* kThanks[] = {"Perfect, {value} it is. Thanks {name}!",
                                      "Great, thank you! {value} is what I needed for {subject}.",
                                      "Thanks {name}, that's exactly it.",
                                      "Got it - {value}. Appreciate it!"};
      a.text = name_in(sub(kThanks[r.below(uint32_t(std::size(kThanks)))], {{"{value}", value}, {"{subject}", subject}}));
      w.query("UPDATE coworker_asks SET status = 'answered', answer = ? WHERE id = ?", message, q.i64(0)).run();
    } else {
      static const char* kDoubt[] = {"Hmm, that doesn't match what I have on file for {subject}. Can you double-check?",
                                     "Are you sure? That doesn't look right for {subject}.",
                                     "That's not what I expected for {subject} - could you check again?"};
      a.text = sub(kDoubt[r.below(uint32_t(std::size(kDoubt)))], {{"{subject}", subject}});
      w.query("UPDATE coworker_asks SET tries = tries + 1 WHERE id = ?", q.i64(0)).run();
    }
    return a;
  }
  struct Card {
    int64_t id;
    std::string topic, subject, keywords, fact;
  };
  std::vector<Card> cards;
  for (auto q = w.query("SELECT id, topic, subject, keywords, fact FROM knowledge WHERE "
                        "person_id = ? ORDER BY id", who);
       q.step();)
    cards.push_back({q.i64(0), std::string(q.text(1)), std::string(q.text(2)), std::string(q.text(3)),
                     std::string(q.text(4))});
  // 2. A question about a card of theirs: the fact, or "yes" / a correction to a value named.
  for (const Card& c : cards) {
    if (!words_in(c.keywords) || m.find(lower(c.subject)) == std::string::npos) continue;
    a.card = c.id;
    switch (match_card(w, c.id, slots)) {
      case SlotMatch::same: {
        static const char* kYes[] = {"Yes, that's right: ", "Correct - ", "Yep, confirmed. ", "That's right, {name}. "};
        a.text = lead_fact(name_in(kYes[r.below(uint32_t(std::size(kYes)))]), c.fact);
        break;
      }
      case SlotMatch::other: {
        static const char* kNo[] = {"Not quite - ", "No, that's out of date. ", "That's not it: ", "Hmm, no. "};
        a.text = lead_fact(kNo[r.below(uint32_t(std::size(kNo)))], c.fact);
        break;
      }
      case SlotMatch::none:
        a.text = lead_fact(name_in(kLead[r.below(uint32_t(std::size(kLead)))]), c.fact);
        break;
    }
    return a;
  }
  // 3. Half a question: the topic or the subject of a card of theirs.
  for (const Card& c : cards) {
    if (!words_in(c.keywords) && m.find(lower(c.subject)) == std::string::npos) continue;
    std::string topic_name = c.topic;
    std::replace(topic_name.begin(), topic_name.end(), '_', ' ');
    a.text = sub(kClarify[r.below(uint32_t(std::size(kClarify)))], {{"{topic}", topic_name}, {"{subject}", c.subject}});
    return a;
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
