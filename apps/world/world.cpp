// The shared world: companies, people and files, generated from the world seed.
//
// [SECTION] Schema
// [SECTION] Vocabulary (teams, titles, time zones, file kinds)
// [SECTION] Generator
#include "world.h"

#include "coworkers.h"

#include <cctype>
#include <cstdio>
#include <set>
#include <string>
#include <vector>

#include "apps.h"
#include "assets.h"
#include "state.h"

namespace facsim::apps::world {
namespace {

// [SECTION] Schema ------------------------------------------------------------------------------
const char* kSchema = R"sql(
CREATE TABLE companies(
  id INTEGER PRIMARY KEY, name TEXT NOT NULL, domain TEXT NOT NULL UNIQUE,
  role TEXT NOT NULL CHECK(role IN ('self', 'vendor', 'customer', 'partner')),
  bank_name TEXT NOT NULL, routing TEXT NOT NULL, account TEXT NOT NULL);
CREATE TABLE people(
  id INTEGER PRIMARY KEY, first TEXT NOT NULL, last TEXT NOT NULL, name TEXT NOT NULL,
  email TEXT NOT NULL UNIQUE, handle TEXT NOT NULL UNIQUE, title TEXT NOT NULL,
  team TEXT NOT NULL, manager_id INTEGER REFERENCES people(id), tz TEXT NOT NULL,
  company_id INTEGER NOT NULL REFERENCES companies(id));
CREATE INDEX people_by_company ON people(company_id);
CREATE TABLE files(
  id INTEGER PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, mime TEXT NOT NULL,
  bytes INTEGER NOT NULL, owner_id INTEGER NOT NULL REFERENCES people(id),
  created_ms INTEGER NOT NULL, summary TEXT NOT NULL);
-- Pages outside the simulated workplace that a link led to (the browser's history of them):
-- every app's links land here, so a task can tell a link was followed.
CREATE TABLE web_visits(
  id INTEGER PRIMARY KEY, url TEXT NOT NULL, app TEXT NOT NULL, at_ms INTEGER NOT NULL);
)sql";

// [SECTION] Vocabulary --------------------------------------------------------------------------
struct Team {
  const char* name;
  const char* lead;       // the team lead's title
  const char* titles[3];  // the others'
};
const Team kTeams[] = {
    {"Engineering", "Engineering Manager",
     {"Software Engineer", "Senior Software Engineer", "Staff Engineer"}},
    {"Design", "Design Lead", {"Product Designer", "Senior Product Designer", "UX Researcher"}},
    {"Sales", "Head of Sales", {"Account Executive", "Sales Development Rep", "Account Manager"}},
    {"Finance", "Controller", {"Accountant", "Financial Analyst", "Accounts Payable Specialist"}},
    {"Operations", "Head of Operations",
     {"Operations Manager", "Office Manager", "Operations Analyst"}},
    {"Marketing", "Marketing Director",
     {"Content Marketer", "Growth Marketer", "Product Marketing Manager"}},
};
const char* kUserTeam = "Operations";
const char* kUserTitle = "Operations Manager";
const char* kTimeZones[] = {"America/New_York", "America/Chicago", "America/Denver",
                            "America/Los_Angeles", "Europe/London", "Europe/Berlin"};
const char* kBanks[] = {"First Republic Trust", "Harbor National Bank", "Summit Federal Bank",
                        "Meridian Savings", "Pioneer Commerce Bank", "Lakeshore Credit Union"};
const char* kRoles[] = {"vendor", "customer", "partner"};
struct FileKind {
  const char* kind;
  const char* ext;
  const char* mime;
  const char* pattern;  // {project}
  const char* summary;
};
const FileKind kFileKinds[] = {
    {"doc", "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
     "{project} plan", "Plan and milestones for {project}."},
    {"sheet", "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
     "{project} budget", "Budget lines and spend to date for {project}."},
    {"pdf", "pdf", "application/pdf", "{project} contract", "Signed agreement covering {project}."},
    {"slides", "pptx",
     "application/vnd.openxmlformats-officedocument.presentationml.presentation",
     "{project} review", "Slides for the {project} review meeting."},
    {"image", "png", "image/png", "{project} diagram", "Architecture diagram for {project}."},
    {"pdf", "pdf", "application/pdf", "{project} report", "Status report on {project}."},
};

const std::string& pick(Rng& r, std::string_view corpus) {
  const auto& lines = assets::corpus(corpus);
  return lines[r.below(uint32_t(lines.size()))];
}

std::string lower_alnum(std::string_view s) {
  std::string o;
  for (char c : s)
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) o += c;
    else if (c >= 'A' && c <= 'Z') o += char(c - 'A' + 'a');
  return o;
}

std::string digits(Rng& r, int n) {
  std::string s;
  for (int i = 0; i < n; ++i) s += char('0' + r.below(10));
  return s;
}

std::string replace_all(std::string s, std::string_view what, std::string_view with) {
  for (size_t p; (p = s.find(what)) != std::string::npos;) s.replace(p, what.size(), with);
  return s;
}

// A routing number with its ABA check digit in place of the ninth (the draws stay as they were).
std::string aba_routing(std::string nine) {
  nine[8] = aba_check_digit(std::string_view(nine).substr(0, 8));
  return nine;
}

// [SECTION] Generator ---------------------------------------------------------------------------
struct Gen {
  state::World& w;
  Rng& r;
  std::set<std::string> emails, handles, full_names;

  void company(std::string_view role) {
    std::string line;
    std::string domain;
    do {  // a company once only
      line = pick(r, "companies");
      domain = line.substr(line.find('|') + 1);
    } while (
        w.query("SELECT 1 FROM companies WHERE domain = ?", domain).step());
    w.query("INSERT INTO companies(name, domain, role, bank_name, routing, account) "
            "VALUES(?, ?, ?, ?, ?, ?)",
            line.substr(0, line.find('|')), domain, role,
            kBanks[r.below(uint32_t(std::size(kBanks)))], aba_routing("0" + digits(r, 8)), digits(r, 10))
        .run();
  }

  int64_t person(int64_t company, std::string_view domain, std::string_view team,
                 std::string_view title, int64_t manager, std::string_view tz) {
    std::string first, last;
    do {  // one name one person: tasks name people by their names
      first = pick(r, "first_names");
      last = pick(r, "last_names");
    } while (!full_names.insert(first + " " + last).second);
    std::string local = lower_alnum(first) + "." + lower_alnum(last), email;
    for (int n = 1;; ++n) {
      email = local + (n > 1 ? std::to_string(n) : "") + "@" + std::string(domain);
      if (emails.insert(email).second) break;
    }
    std::string handle = lower_alnum(first) + lower_alnum(last).substr(0, 1);
    for (int n = 2; !handles.insert(handle).second; ++n)
      handle = lower_alnum(first) + lower_alnum(last).substr(0, size_t(std::min(n, 3))) +
               (n > 3 ? std::to_string(n) : "");
    auto q = w.query("INSERT INTO people(first, last, name, email, handle, title, team, "
                     "manager_id, tz, company_id) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                     first, last, first + " " + last, email, handle, title, team);
    if (manager > 0) q.bind(8, manager);
    q.bind(9, tz).bind(10, company).run();
    return w.last_insert_rowid();
  }
};

}  // namespace

Status install(state::World& w, Rng& rng) {
  if (Status s = w.exec(kSchema); !s) return s;
  if (Status s = w.begin(); !s) return s;
  Gen g{w, rng, {}, {}, {}};
  g.company("self");
  std::string home_domain;
  {
    auto q = w.query("SELECT domain FROM companies WHERE id = ?", kCompanyId);
    if (q.step()) home_domain = q.text(0);
  }
  const char* home_tz = kTimeZones[rng.below(4)];
  // The user, then the team leads (reporting to the head of operations' peer, the user's
  // manager: the first lead), then everyone else under their team's lead.
  g.person(kCompanyId, home_domain, kUserTeam, kUserTitle, 0, home_tz);
  std::vector<int64_t> leads;
  for (const Team& t : kTeams)
    leads.push_back(g.person(kCompanyId, home_domain, t.name, t.lead, leads.empty() ? 0 : leads[0],
                             kTimeZones[rng.below(100) < 70 ? 0 : rng.below(4)]));
  for (size_t i = 0; i < leads.size(); ++i)  // the user reports to the operations lead
    if (std::string_view(kTeams[i].name) == kUserTeam)
      w.query("UPDATE people SET manager_id = ? WHERE id = ?", leads[i], kUserId).run();
  for (int i = int(leads.size()); i < kCoworkers; ++i) {
    const size_t t = rng.below(uint32_t(std::size(kTeams)));
    g.person(kCompanyId, home_domain, kTeams[t].name, kTeams[t].titles[rng.below(3)], leads[t],
             rng.below(100) < 60 ? home_tz : kTimeZones[rng.below(6)]);
  }
  // Other companies and a few contacts at each.
  static const char* kExternalTitles[] = {"Account Manager", "Project Manager", "CFO",
                                          "Operations Lead", "Founder", "Billing Specialist",
                                          "Customer Success Manager", "Procurement Manager"};
  for (int c = 0; c < kOtherCompanies; ++c) {
    g.company(kRoles[rng.below(3)]);
    const int64_t id = w.last_insert_rowid();
    std::string domain;
    {
      auto q = w.query("SELECT domain FROM companies WHERE id = ?", id);
      if (q.step()) domain = q.text(0);
    }
    const char* tz = kTimeZones[rng.below(6)];
    for (int p = 0; p < kPeoplePerCompany; ++p)
      g.person(id, domain, "External", kExternalTitles[rng.below(8)], 0, tz);
  }
  // Files owned by coworkers, created over the last ~90 virtual days.
  const auto& projects = assets::corpus("projects");
  std::set<std::string> titles;
  for (int i = 0; i < kFiles; ++i) {
    const FileKind& k = kFileKinds[rng.below(uint32_t(std::size(kFileKinds)))];
    std::string project = projects[rng.below(uint32_t(projects.size()))];
    std::string title = replace_all(k.pattern, "{project}", project);
    title[0] = char(std::toupper(uint8_t(title[0])));
    if (!titles.insert(title).second) continue;  // one file a name (fewer files, not a loop)
    const int64_t bytes = k.kind == std::string_view("image") ? 120000 + rng.below(2400000)
                                                              : 18000 + rng.below(900000);
    w.query("INSERT INTO files(name, kind, mime, bytes, owner_id, created_ms, summary) "
            "VALUES(?, ?, ?, ?, ?, ?, ?)",
            title + "." + k.ext, k.kind, k.mime, bytes, int64_t(1 + rng.below(kCoworkers)),
            w.now_ms() - 60000 * int64_t(30 + rng.below(90 * 24 * 60)),
            replace_all(k.summary, "{project}", project))
        .run();
  }
  if (Status s = install_knowledge(w); !s) {  // its own stream: the rows above stay as they were
    w.rollback();
    return s;
  }
  return end_generation(w);
}

char aba_check_digit(std::string_view first8) {
  static const int kWeights[] = {3, 7, 1, 3, 7, 1, 3, 7};
  int sum = 0;
  for (size_t k = 0; k < 8 && k < first8.size(); ++k) sum += (first8[k] - '0') * kWeights[k];
  return char('0' + (10 - sum % 10) % 10);
}
bool aba_valid(std::string_view routing) {
  if (routing.size() != 9) return false;
  for (char c : routing)
    if (c < '0' || c > '9') return false;
  return aba_check_digit(routing.substr(0, 8)) == routing[8];
}

std::string file_size(int64_t bytes) {
  char b[32];
  if (bytes >= 1000000) std::snprintf(b, sizeof b, "%.1f MB", double(bytes) / 1e6);
  else std::snprintf(b, sizeof b, "%lld KB", (long long)((bytes + 999) / 1000));
  return b;
}

void record_visit(state::World& w, std::string_view url, std::string_view app) {
  w.query("INSERT INTO web_visits(url, app, at_ms) VALUES(?, ?, ?)", url, app, w.now_ms()).run();
}

}  // namespace facsim::apps::world
