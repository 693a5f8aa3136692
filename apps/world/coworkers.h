// The people of the world act: coworkers know facts (knowledge cards) and answer what they
// are asked, by script, the same way on every replay. World-level, not chat's: the same
// person will answer an email or approve a payment later.
//
// Tables (generated on the stream "world.knowledge", after the shared world):
//   knowledge(id, person_id, topic, subject, keywords, fact, value)
//     one card a coworker: topic 'budget_code' | 'launch_date' | 'service_owner'; subject the
//     project or service it is about; keywords (space-separated) that ask about the topic; fact
//     the sentence they say; value the bare answer ("BC-4821") a task grades.
//     topic 'vendor_quote' (an amount, "$12,400") is a second card of some coworkers.
//   coworker_asks(id, person_id, card_id, asked_ms, status 'open'|'answered', tries, answer)
//     a coworker's question to the user (a task's setup writes it with open_ask): what card
//     `card_id` (someone else's) says. The user's message to them that names the card's value
//     answers it (status 'answered', answer the message); one naming another value of its
//     kind is doubted (tries + 1).
//
// Intents, in order, for a message to a coworker (coworker_answer):
//   1. it answers their open ask (a slot of the asked value's kind): thanks, or a doubt;
//   2. it asks about a card of theirs (a topic keyword and the subject): the fact; naming a
//      value of the card's kind it asks them to confirm: "yes" or a correction with the fact;
//   3. it names the topic or the subject only: a clarifying question;
//   4. otherwise a question gets "I don't know", a statement an acknowledgement.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base.h"

namespace facsim::state {
class World;
}

namespace facsim::apps::world {

// Schema and cards; called by world::install.
Status install_knowledge(state::World& w);

// What person `who` says to `message` (written to them directly, or mentioning them): the
// fact of a card whose topic and subject the message asks about; a clarifying question when it
// names the topic but not the subject (or the other way round); a short acknowledgement
// otherwise. Wording comes from phrase banks drawn with `salt` (the message's id), so it
// differs across seeds and messages and never across replays. delay_ms: when they answer.
struct Answer {
  std::string text;
  int64_t delay_ms = 0;
  int64_t card = 0;  // the knowledge card revealed (0: none)
};
Answer coworker_answer(state::World& w, int64_t who, std::string_view message, uint64_t salt);

// The values a text names, as a coworker reads them (the slots of their intents).
struct Slots {
  std::vector<int64_t> cents;        // amounts: "$12,400", "$12.4k", "9,000 USD" (base/money.h)
  std::vector<std::string> ids;      // codes, upper-cased: "BC-4821", "bc-4821"
  std::vector<int> dates;            // month * 100 + day: "April 9", "Apr 9th", "9 April", "4/9", "2027-04-09"
  std::vector<int64_t> people;       // people.id: a full name, or a first name one coworker has
};
Slots read_slots(state::World& w, std::string_view text);

// How `text` stands to card `card`'s value, read as the card's kind of slot (budget_code: an
// id, launch_date: a date, service_owner: a person, vendor_quote: an amount): it names that
// value; it names only other values of the kind; or none of the kind.
enum class SlotMatch { none, same, other };
SlotMatch match_card(state::World& w, int64_t card, const Slots& text);

// A card's question as tasks phrase it: "the budget code for Atlas" / "What is the budget
// code for Atlas?" (what a coworker who holds it answers with the fact).
std::string card_what(std::string_view topic, std::string_view subject);
std::string card_question(std::string_view topic, std::string_view subject);

// Opens coworker `asker`'s question to the user about card `card` (asked now); its id.
int64_t open_ask(state::World& w, int64_t asker, int64_t card);

}  // namespace facsim::apps::world
