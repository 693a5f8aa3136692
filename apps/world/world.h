// The shared world every app reads: the user, the people they work with, the companies their
// company deals with, and a store of files. Private to apps/ (tasks read the tables by SQL).
//
// Tables (all generated from the world seed on the stream "world", before any app):
//   companies(id, name, domain, role 'self'|'vendor'|'customer'|'partner', bank_name, routing,
//             account)                        company 1 is the user's employer ('self')
//   people(id, first, last, name, email, handle, title, team, manager_id, tz, company_id)
//                                             person 1 is the user (kUserId)
//   files(id, name, kind 'doc'|'sheet'|'pdf'|'slides'|'image', mime, bytes, owner_id,
//         created_ms, summary)
//   web_visits(id, url, app, at_ms)           links followed out of the workplace (a record
//                                             a task can read; there is no outside web)
// Apps keep their own tables, prefixed by the app's name, and refer to these by id: the same
// person has one name, address and avatar colour in mail, chat, shopping and banking.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include "base.h"

namespace facsim::state {
class World;
}

namespace facsim::apps::world {

inline constexpr int64_t kUserId = 1;     // people.id of the user
inline constexpr int64_t kCompanyId = 1;  // companies.id of the user's employer

// Tunables of the generator, in one place (STYLE.md, lesson 14).
inline constexpr int kCoworkers = 24;          // people at the user's company besides the user
inline constexpr int kOtherCompanies = 14;     // vendors, customers and partners
inline constexpr int kPeoplePerCompany = 3;    // contacts at each of them
inline constexpr int kFiles = 40;

// Schema and generated rows; `rng` is the world's stream for "world".
Status install(state::World& w, Rng& rng);

// Rows the living world makes (mail arriving, a coworker's post) take ids of their own: the
// n-th such row of a kind (n: its scheduled source's id) is event_row_id(n) in every world that
// lets the same time pass, whoever wrote rows before it. The verifier's diff keys rows by id;
// with ids handed out in order, a message the agent wrote first would push the arrival's id
// along, and the arrival would look changed in the agent's world (and in the rows naming it).
inline constexpr int64_t kEventRowIds = int64_t(1) << 40;
inline constexpr int64_t kEventRowStride = int64_t(1) << 20;  // room for the agent's rows between
inline int64_t event_row_id(int64_t n) { return kEventRowIds + n * kEventRowStride; }

// A link to `url` was followed from `app` (now, on the virtual clock).
void record_visit(state::World& w, std::string_view url, std::string_view app);
// US bank routing numbers (ABA): the check digit of the first eight (3-7-1 weights, sum a
// multiple of 10), and whether nine digits are a valid one. Companies' routing numbers are.
char aba_check_digit(std::string_view first8);
bool aba_valid(std::string_view routing);
// A file's size as the apps show it: "340 KB", "2.4 MB".
std::string file_size(int64_t bytes);

}  // namespace facsim::apps::world
