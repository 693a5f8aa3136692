// The people of the world act: coworkers know facts (knowledge cards) and answer what they
// are asked, by script, the same way on every replay. World-level, not chat's: the same
// person will answer an email or approve a payment later.
//
// Tables (generated on the stream "world.knowledge", after the shared world):
//   knowledge(id, person_id, topic, subject, keywords, fact, value)
//     one card a coworker: topic 'budget_code' | 'launch_date' | 'service_owner'; subject the
//     project or service it is about; keywords (space-separated) that ask about the topic; fact
//     the sentence they say; value the bare answer ("BC-4821") a task grades.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

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

}  // namespace facsim::apps::world
