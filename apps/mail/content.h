// Mail's content: emails written from scenarios (an invoice, a meeting, a shipment...) whose
// sender, subject and body agree. Private to apps/mail.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "base.h"

namespace facsim::state {
class World;
}

namespace facsim::apps::mail {

struct Person {
  int64_t id = 0;
  std::string first, name, company, role;  // role of their company: self, vendor, customer, partner
  std::string title;
};

// The people mail writes between, read once from the shared world (apps/world).
struct Cast {
  Person user;
  std::vector<Person> coworkers, vendors, customers, partners;
  static Cast read(state::World& w);
  bool empty() const { return coworkers.empty() && vendors.empty() && customers.empty(); }
};

struct Letter {
  int64_t sender = 0, recipient = 0;
  std::string subject, body;
  std::string attachment, attachment_summary;  // a file the email carries ("" none)
  std::string category = "primary";            // its inbox tab
};

// An email to the user from someone in the cast (`frequent`: the few people who write most of
// the inbox, by index into the coworkers), or (from_user) one the user sent.
Letter write_letter(const Cast& cast, Rng& rng, bool from_user);

// A conversation of `n` emails (3..8) between several people, oldest first: one story told in
// turns (a customer's broken order, an invoice and its PO number, a meeting moved), each
// email a reply to the one before ("Re: <subject>"), the user's own turns included.
std::vector<Letter> write_thread(const Cast& cast, Rng& rng, int n);
inline constexpr int kMaxThread = 8;

}  // namespace facsim::apps::mail
