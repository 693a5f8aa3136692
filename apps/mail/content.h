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
};

// An email to the user from someone in the cast (`frequent`: the few people who write most of
// the inbox, by index into the coworkers), or (from_user) one the user sent.
Letter write_letter(const Cast& cast, Rng& rng, bool from_user);

}  // namespace facsim::apps::mail
