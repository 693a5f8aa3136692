// Mail content from scenarios: each scenario picks who writes (a coworker, a vendor, a
// customer, a partner), then fills one subject and one body from the same slots, so the
// subject, the body and the sender agree ("Invoice #48213 from Northwind Logistics" is an
// invoice, from Northwind, for the amount the body names).
//
// [SECTION] Slots
// [SECTION] Scenarios
// [SECTION] Writing a letter
// [SECTION] Conversations
#include "content.h"

#include <algorithm>
#include <cstdio>
#include <cstring>

#include "assets.h"
#include "calendar.h"
#include "money.h"
#include "state.h"

namespace facsim::apps::mail {
namespace {

// [SECTION] Slots -------------------------------------------------------------------------------
enum class Who : uint8_t { coworker, vendor, customer, partner, any_external };
constexpr uint32_t kCloseCoworkers = 5;

struct Scenario {
  Who who;
  int weight;
  const char* subjects[3];   // one is drawn; nullptr ends the list
  const char* bodies[2];     // subject k is written with body k % 2
  // The file body k says it attaches ("name|summary", slots filled), or nullptr.
  const char* attachments[2] = {nullptr, nullptr};
  const char* category = "primary";  // the inbox tab: primary, promotions, social, updates
};

// {me}: the user's first name; {first}/{sender}/{company}: the writer; {colleague}: another
// coworker's first name; the rest are drawn per letter.
const Scenario kScenarios[] = {
    {Who::vendor, 5,
     {"Invoice #{inv} from {company}", "{company} invoice #{inv} - due {due}", nullptr},
     {"Hi {me},\n\nPlease find attached invoice #{inv} for {amount}, covering {service} in "
      "{month}. Payment is due by {due}. Let me know if you need a purchase order number on it.",
      "Hello {me},\n\nOur invoice #{inv} for {service} ({amount}) is attached. As agreed, the "
      "terms are net 30, so payment is due on {due}. Thank you for your business."},
     {"Invoice-{inv}.pdf|Invoice #{inv} from {company}: {service}, {amount}, due {due}",
      "Invoice-{inv}.pdf|Invoice #{inv} from {company}: {service}, {amount}, due {due}"}},
    {Who::customer, 3,
     {"Payment sent for invoice #{inv}", "Re: Invoice #{inv}", nullptr},
     {"Hi {me},\n\nJust confirming that we sent {amount} for invoice #{inv} this morning by ACH. "
      "It should reach your account within two business days.",
      "Hi {me},\n\nOur accounts team released the payment of {amount} for invoice #{inv} today. "
      "Could you send a receipt once it lands?"}},
    {Who::coworker, 6,
     {"{project} sync on {day}?", "Rescheduling our {project} meeting", "Can we meet {day} at {time}?"},
     {"Hi {me},\n\nDo you have 30 minutes on {day} at {time} to go over {project}? {colleague} "
      "will join too. I can book the small conference room.",
      "Hey {me},\n\nSomething came up, so I'd like to move our {project} meeting to {day} at "
      "{time}. Does that still work for you? If not, suggest another slot."}},
    {Who::coworker, 6,
     {"{project} status update", "Update on {project}", "Re: {project} timeline"},
     {"Hi {me},\n\nQuick update on {project}: we finished the first milestone and are on track "
      "for the {month} deadline. The vendor integration still needs one more round of testing "
      "with {colleague}'s team.",
      "Hi {me},\n\n{project} slipped by about a week because the data migration took longer than "
      "planned. I've updated the plan; the new target is {due}. Happy to walk you through it."}},
    {Who::vendor, 3,
     {"Your order #{order} has shipped", "Shipping confirmation: order #{order}", nullptr},
     {"Hello {me},\n\nGood news: your order #{order} left our warehouse today with {carrier}. "
      "The tracking number is {tracking} and delivery is expected on {due}.",
      "Hi {me},\n\nOrder #{order} is on its way via {carrier} (tracking {tracking}). Expected "
      "delivery: {due}. Reply to this email if anything arrives damaged."},
     {nullptr, nullptr},
     "updates"},
    {Who::any_external, 2,
     {"Security alert: new sign-in from {device}", "Was this you? New sign-in on {device}",
      nullptr},
     {"Hi {me},\n\nWe noticed a new sign-in to your {company} account from {device} in {city} "
      "on {day}. If this was you, no action is needed. If not, reset your password right away.",
      "Hello {me},\n\nYour {company} account was accessed from a new device ({device}, near "
      "{city}). If you don't recognize this activity, secure your account now."},
     {nullptr, nullptr},
     "updates"},
    {Who::partner, 2,
     {"{sender} wants to connect on Linkwork", "{sender} mentioned you in a Linkwork post",
      nullptr},
     {"Hi {me},\n\n{sender}, {title} at {company}, would like to join your professional network "
      "on Linkwork. You have three connections in common.",
      "Hi {me},\n\n{sender} mentioned you in a post about {service}: \"Great working with the "
      "team on {project}!\" See the post and the comments on Linkwork."},
     {nullptr, nullptr},
     "social"},
    {Who::partner, 2,
     {"{company} {month} newsletter", "What's new at {company} this {month}", nullptr},
     {"Hi {me},\n\nHere is our {month} roundup: a new reporting dashboard, faster exports, and "
      "a webinar on {day} about getting more from {service}. Thanks for being a partner.",
      "Hello {me},\n\nThis month at {company}: we opened an office in {city}, shipped three "
      "product updates and published our guide to {service}. Read on for the details."},
     {nullptr, nullptr},
     "promotions"},
    {Who::customer, 3,
     {"Problem with order #{order}", "Issue with our last delivery (order #{order})", nullptr},
     {"Hi {me},\n\nOrder #{order} arrived yesterday, but two items were missing from the box. "
      "Could you look into it and let us know when the rest will ship?",
      "Hello {me},\n\nWe received order #{order}, but the invoice shows {amount} instead of the "
      "quoted price. Can you check and send a corrected invoice?"}},
    {Who::coworker, 2,
     {"Reminder: {benefit} enrollment closes {due}", "Action needed: {benefit} enrollment", nullptr},
     {"Hi {me},\n\nA reminder that open enrollment for {benefit} closes on {due}. If you want "
      "to make changes, submit the form in the HR portal before then.",
      "Hi {me},\n\nWe haven't received your {benefit} choices yet. Enrollment closes on {due}; "
      "after that your current plan carries over for another year."}},
    {Who::coworker, 3,
     {"Trip to {city}: itinerary", "Travel booked for {city} on {day}", nullptr},
     {"Hi {me},\n\nYour trip to {city} is booked: you fly out on {day} and return two days "
      "later. The hotel is close to the {company} office. Confirmation {tracking} is attached.",
      "Hi {me},\n\nI booked the {city} trip for the {project} workshop: departure {day} "
      "morning, return Friday evening. Let me know if you need a different flight."},
     {"Itinerary-{city}.pdf|Flights and hotel for the trip to {city}, confirmation {tracking}",
      nullptr}},
    {Who::partner, 2,
     {"Intro: {company} x our team", "Partnership proposal from {company}", nullptr},
     {"Hi {me},\n\nI'm {first} from {company}. We've helped teams like yours with {service}, "
      "and I'd love to explore a partnership. Would a call on {day} at {time} work?",
      "Hello {me},\n\nFollowing our chat, I've attached a short proposal for how {company} "
      "could support {project}. Happy to discuss it on {day}."},
     {nullptr, "{company} proposal.pdf|{company}'s proposal to support {project}"}},
};

// What the user sends.
const Scenario kSent[] = {
    {Who::coworker, 3,
     {"Re: {project} status update", "Notes from the {project} meeting", nullptr},
     {"Hi {first},\n\nThanks for the update on {project}. Let's keep the {month} deadline and "
      "check in again on {day}.",
      "Hi {first},\n\nHere are my notes from today's {project} meeting. The main open item is "
      "the vendor integration; can you follow up with {colleague}?"}},
    {Who::customer, 2,
     {"Invoice #{inv} for {month}", "Your receipt for invoice #{inv}", nullptr},
     {"Hi {first},\n\nAttached is invoice #{inv} for {amount}. Payment is due by {due}.",
      "Hi {first},\n\nWe received your payment of {amount} for invoice #{inv}. Thank you!"},
     {"Invoice-{inv}.pdf|Invoice #{inv} to {company}: {amount}, due {due}", nullptr}},
    {Who::vendor, 2,
     {"Question about invoice #{inv}", "Re: order #{order}", nullptr},
     {"Hi {first},\n\nCould you confirm the amount on invoice #{inv}? Our records show {amount}.",
      "Hi {first},\n\nThanks for the tracking number for order #{order}. We'll watch for it on "
      "{due}."}},
};

const char* kServices[] = {"cloud hosting", "payroll processing", "office cleaning",
                           "design consulting", "data analytics", "legal review",
                           "equipment leasing", "customer support tooling"};
const char* kCarriers[] = {"UPS", "FedEx", "DHL", "USPS"};
const char* kCities[] = {"Chicago", "Austin", "Denver", "Seattle", "Boston", "London", "Berlin",
                         "Toronto"};
const char* kDevices[] = {"Chrome on Windows", "Safari on iPhone", "Firefox on Linux",
                          "Edge on Windows", "the Android app"};
const char* kBenefits[] = {"health insurance", "dental coverage", "the 401(k) plan",
                           "commuter benefits"};
const char* kClosings[] = {"Best regards,", "Thanks,", "Cheers,", "Best,", "Kind regards,",
                           "Thank you,"};

template <size_t N>
const char* one(Rng& r, const char* const (&list)[N]) {
  return list[r.below(uint32_t(N))];
}

const Person* pick(Rng& r, const std::vector<Person>& v) {
  return v.empty() ? nullptr : &v[r.below(uint32_t(v.size()))];
}

const Person* writer(const Cast& c, Rng& r, Who who) {
  switch (who) {
    case Who::coworker:  // a few close coworkers write most of it, like a real inbox
      if (c.coworkers.size() > kCloseCoworkers && r.below(100) < 75)
        return &c.coworkers[r.below(kCloseCoworkers)];
      return pick(r, c.coworkers);
    case Who::vendor: return pick(r, c.vendors);
    case Who::customer: return pick(r, c.customers);
    case Who::partner: return pick(r, c.partners);
    case Who::any_external: {
      const Person* p = pick(r, r.below(2) ? c.vendors : c.partners);
      return p ? p : pick(r, c.customers);
    }
  }
  return nullptr;
}

template <size_t N>
const Scenario& weighted(Rng& r, const Scenario (&list)[N]) {
  int total = 0;
  for (const Scenario& s : list) total += s.weight;
  int k = int(r.below(uint32_t(total)));
  for (const Scenario& s : list)
    if ((k -= s.weight) < 0) return s;
  return list[0];
}

std::string fill(std::string t, const std::vector<std::pair<const char*, std::string>>& slots) {
  for (const auto& [name, value] : slots)
    for (size_t p; (p = t.find(name)) != std::string::npos;) t.replace(p, std::strlen(name), value);
  return t;
}

}  // namespace

Cast Cast::read(state::World& w) {
  Cast c;
  for (auto q = w.query("SELECT p.id, p.first, p.name, c.name, c.role, p.title FROM people p "
                        "JOIN companies c ON c.id = p.company_id ORDER BY p.id");
       q.step();) {
    Person p{q.i64(0), std::string(q.text(1)), std::string(q.text(2)), std::string(q.text(3)),
             std::string(q.text(4)), std::string(q.text(5))};
    if (p.id == 1) c.user = p;
    else if (p.role == "self") c.coworkers.push_back(p);
    else if (p.role == "vendor") c.vendors.push_back(p);
    else if (p.role == "customer") c.customers.push_back(p);
    else c.partners.push_back(p);
  }
  return c;
}

// [SECTION] Writing a letter --------------------------------------------------------------------
namespace {

using Slots = std::vector<std::pair<const char*, std::string>>;

// The slots one story fills, drawn once so every email of it names the same invoice, day and
// amount. `me` is the user's first name as the writer addresses them.
Slots draw_slots(const Cast& cast, Rng& r, const Person& other, const std::string& me) {
  const Person* colleague = pick(r, cast.coworkers);
  const auto& projects = assets::corpus("projects");
  // Dates near the virtual clock's start (2026-03): a due date a few weeks out.
  const Civil due = civil_from_days(days_from_civil(2026, 3, 2) + 7 + r.below(35));
  char time[24];
  const int hour = 9 + int(r.below(8));
  std::snprintf(time, sizeof time, "%d:%02d %s", hour > 12 ? hour - 12 : hour,
                r.below(2) ? 30 : 0, hour >= 12 ? "PM" : "AM");
  const uint32_t day = 1 + r.below(5);
  return {
      {"{me}", me},
      {"{first}", other.first},
      {"{sender}", other.name},
      {"{company}", other.company},
      {"{title}", other.title},
      {"{colleague}", colleague && colleague->id != other.id ? colleague->first : "Sam"},
      {"{project}", projects[r.below(uint32_t(projects.size()))]},
      {"{day2}", kWeekdayLong[1 + (day + 1 + r.below(3)) % 5]},
      {"{day}", kWeekdayLong[day]},
      {"{time}", time},
      {"{month}", kMonthLong[r.below(3)]},
      {"{inv}", std::to_string(10000 + r.below(90000))},
      {"{order}", std::to_string(200000 + r.below(800000))},
      {"{po}", std::to_string(4000 + r.below(6000))},
      {"{amount}", format_usd(int64_t(5000 + r.below(2500000)))},
      {"{due}", std::string(kMonthLong[due.m - 1]) + " " + std::to_string(due.d)},
      {"{service}", one(r, kServices)},
      {"{carrier}", one(r, kCarriers)},
      {"{tracking}", "1Z" + std::to_string(100000000 + r.below(900000000))},
      {"{city}", one(r, kCities)},
      {"{device}", one(r, kDevices)},
      {"{benefit}", one(r, kBenefits)},
  };
}

void attach(Letter& l, const char* spec, const Slots& slots) {
  if (!spec) return;
  const std::string s = fill(spec, slots);
  const size_t bar = s.find('|');
  l.attachment = s.substr(0, bar);
  l.attachment_summary = bar == std::string::npos ? "" : s.substr(bar + 1);
}

// [SECTION] Conversations -----------------------------------------------------------------------
// Who writes a turn: the person who started the thread, the user, or two coworkers on copy.
enum class Turn : uint8_t { starter, user, colleague, colleague2 };
struct Step {
  Turn who;
  const char* body;        // the turn's words (slots as in kScenarios); the writer signs it
  const char* attachment;  // "name|summary" or nullptr
};
struct Conversation {
  Who who;  // who starts it
  int weight;
  const char* subject;
  const char* opening;
  const char* opening_attachment;
  Step replies[kMaxThread - 1];  // a thread of n emails tells the first n - 1 replies
};

// {first}: the starter's first name, {colleague}/{colleague2}: the two coworkers on copy.
const Conversation kConversations[] = {
    {Who::coworker, 4, "{project} kickoff: agenda",
     "Hi all,\n\nI'd like to hold the {project} kickoff on {day} at {time}. Draft agenda: goals, "
     "owners, and the {month} milestones. Please add anything I missed.", nullptr,
     {{Turn::colleague, "Thanks {first}. Can we add ten minutes on the budget? Finance asked for "
                        "numbers by {due}.", nullptr},
      {Turn::user, "Works for me. I'll bring the vendor shortlist for {service}.", nullptr},
      {Turn::starter, "Added the budget item. {colleague2}, could you take notes?", nullptr},
      {Turn::colleague2, "Sure, I'll take notes and share them after the meeting.", nullptr},
      {Turn::colleague, "One more thing: the big room is booked on {day} until {time}, so let's "
                        "use the small conference room.", nullptr},
      {Turn::starter, "Good catch, I moved us to the small conference room. See everyone on "
                      "{day}.", nullptr},
      {Turn::user, "Thanks {first}, see you there.", nullptr}}},
    {Who::customer, 3, "Damaged items in order #{order}",
     "Hi {me},\n\nOrder #{order} arrived this morning, but two of the items were damaged in "
     "transit. Can you help us get replacements?", nullptr,
     {{Turn::user, "Hi {first},\n\nSorry to hear that. Could you send photos of the damaged items? "
                   "I'm copying {colleague} from fulfilment.", nullptr},
      {Turn::starter, "Photos attached. The packing slip number is {tracking}.",
       "damaged-items-{order}.jpg|Photos of the damaged items in order #{order}"},
      {Turn::colleague, "Thanks {first}. I've arranged replacements; they ship tomorrow with "
                        "{carrier}.", nullptr},
      {Turn::starter, "Great, thank you both. Will we get a tracking number?", nullptr},
      {Turn::colleague, "Yes, you'll get it by email as soon as the parcel leaves our warehouse.",
       nullptr},
      {Turn::user, "We've also credited {amount} to your account for the trouble.", nullptr},
      {Turn::starter, "Much appreciated. The replacements arrived and all is well now.", nullptr}}},
    {Who::vendor, 4, "Invoice #{inv} from {company}",
     "Hi {me},\n\nPlease find attached invoice #{inv} for {amount}, covering {service} in "
     "{month}. Payment is due by {due}.",
     "Invoice-{inv}.pdf|Invoice #{inv} from {company}: {service}, {amount}, due {due}",
     {{Turn::user, "Hi {first},\n\nThanks. Could you add our PO number to the invoice? Our "
                   "accounts team needs it to pay.", nullptr},
      {Turn::starter, "Of course. What is the PO number?", nullptr},
      {Turn::user, "It's PO-{po}. Thanks!", nullptr},
      {Turn::starter, "Here is invoice #{inv} again, now with PO-{po} on it.",
       "Invoice-{inv}-PO-{po}.pdf|Invoice #{inv} from {company} with PO-{po}: {amount}"},
      {Turn::colleague, "{me}, I've scheduled the payment of {amount} for {due}.", nullptr},
      {Turn::starter, "Thank you, we'll look out for it.", nullptr},
      {Turn::user, "Perfect, thanks {colleague}.", nullptr}}},
    {Who::coworker, 4, "Can we meet {day} at {time}?",
     "Hi {me},\n\nDo you have 30 minutes on {day} at {time} to go over {project}? {colleague} "
     "will join too.", nullptr,
     {{Turn::colleague, "{day} at {time} works for me.", nullptr},
      {Turn::user, "I have a conflict then. Could we do {day2} at {time} instead?", nullptr},
      {Turn::starter, "{day2} works for me. {colleague}, does that suit you?", nullptr},
      {Turn::colleague, "Yes, {day2} at {time} is fine.", nullptr},
      {Turn::starter, "Great, I've sent the invite for {day2} at {time}.", nullptr},
      {Turn::colleague2, "Mind if I join? I have an update on the {project} budget.", nullptr},
      {Turn::starter, "Of course, I've added you to the invite.", nullptr}}},
    {Who::coworker, 3, "Team offsite in {city}",
     "Hi team,\n\nWe're planning the team offsite in {city} for {month}. Please reply with your "
     "preferred week and any dietary needs.", nullptr,
     {{Turn::colleague, "Any week but the first works for me. No dietary needs.", nullptr},
      {Turn::user, "The second week is best for me. I'm vegetarian.", nullptr},
      {Turn::colleague2, "The second week works here too.", nullptr},
      {Turn::starter, "The second week it is. I'll book the venue and share details by {due}.",
       nullptr},
      {Turn::colleague, "Could we add a half day of {project} planning?", nullptr},
      {Turn::starter, "Good idea, it's on the agenda now.",
       "Offsite agenda - {city}.pdf|Agenda for the team offsite in {city}"},
      {Turn::user, "Thanks for organising, {first}!", nullptr}}},
    {Who::partner, 3, "Partnership proposal from {company}",
     "Hi {me},\n\nFollowing our chat, I've attached a short proposal for how {company} could "
     "support {project}. Happy to discuss it on {day}.",
     "{company} proposal.pdf|{company}'s proposal to support {project}",
     {{Turn::user, "Thanks {first}. I've shared it with {colleague}, who leads {project}.", nullptr},
      {Turn::colleague, "Hi {first}, thanks for the proposal. What would the pricing be for a "
                        "team of our size?", nullptr},
      {Turn::starter, "For a team your size it's {amount} a year, onboarding included.", nullptr},
      {Turn::colleague, "That's within budget. Could we start with a pilot in {month}?", nullptr},
      {Turn::starter, "A pilot in {month} works. I'll send over the agreement.", nullptr},
      {Turn::user, "Great, looking forward to it.", nullptr},
      {Turn::starter, "Agreement sent. Talk soon!",
       "{company} pilot agreement.pdf|Pilot agreement between {company} and us for {project}"}}},
    {Who::customer, 3, "Payment for invoice #{inv}",
     "Hi {me},\n\nWe sent {amount} for invoice #{inv} this morning by ACH. Could you confirm "
     "once it arrives?", nullptr,
     {{Turn::user, "Thanks {first}, I'll let you know as soon as it lands.", nullptr},
      {Turn::colleague, "{me}, the payment from {company} for invoice #{inv} posted today.",
       nullptr},
      {Turn::user, "Hi {first}, confirming we received {amount}. Thank you!", nullptr},
      {Turn::starter, "Thanks for confirming. Could you send a receipt for our records?", nullptr},
      {Turn::user, "Receipt attached.", "Receipt-{inv}.pdf|Receipt for invoice #{inv}: {amount} paid"},
      {Turn::starter, "Got it, thanks.", nullptr},
      {Turn::colleague, "Closing this out in our books.", nullptr}}},
};

}  // namespace

Letter write_letter(const Cast& cast, Rng& r, bool from_user) {
  const Scenario& s = from_user ? weighted(r, kSent) : weighted(r, kScenarios);
  const Person* other = writer(cast, r, s.who);
  if (!other) other = pick(r, cast.coworkers);
  if (!other) other = &cast.user;
  const Slots slots = draw_slots(cast, r, *other, from_user ? other->first : cast.user.first);
  int n_subjects = 0;
  while (n_subjects < 3 && s.subjects[n_subjects]) ++n_subjects;
  Letter l;
  // Subject k goes with body k % 2 (the lists are ordered so each pair tells one story), and
  // {project}, {inv}... were drawn once above: the subject and the body name the same things.
  const uint32_t k = r.below(uint32_t(n_subjects));
  l.subject = fill(s.subjects[k], slots);
  if (!l.subject.empty() && l.subject[0] >= 'a' && l.subject[0] <= 'z') l.subject[0] -= 'a' - 'A';
  std::string body = fill(s.bodies[k % 2], slots);
  const Person& signer = from_user ? cast.user : *other;
  l.body = body + "\n\n" + one(r, kClosings) + "\n" + signer.first;
  if (!from_user && s.who != Who::coworker) l.body += "\n" + other->company;
  l.sender = from_user ? cast.user.id : other->id;
  l.recipient = from_user ? other->id : cast.user.id;
  attach(l, s.attachments[k % 2], slots);
  l.category = s.category;
  return l;
}

std::vector<Letter> write_thread(const Cast& cast, Rng& r, int n) {
  int total = 0;
  for (const Conversation& c : kConversations) total += c.weight;
  int k = int(r.below(uint32_t(total)));
  const Conversation* conv = &kConversations[0];
  for (const Conversation& c : kConversations)
    if ((k -= c.weight) < 0) {
      conv = &c;
      break;
    }
  // Conversations are among the wider team: the few close coworkers who write most single
  // emails stay out of them, so "everything from X" is a set of single emails for them.
  std::vector<Person> team(cast.coworkers.begin() +
                               std::min<size_t>(kCloseCoworkers, cast.coworkers.size() / 2),
                           cast.coworkers.end());
  const Person* starter = conv->who == Who::coworker ? pick(r, team) : writer(cast, r, conv->who);
  if (!starter) starter = pick(r, team);
  // Two coworkers on copy, neither the starter.
  const Person* c1 = nullptr;
  const Person* c2 = nullptr;
  for (int tries = 0; tries < 16 && (!c1 || !c2); ++tries) {
    const Person* p = pick(r, team);
    if (!p || p == starter || p == c1) continue;
    (c1 ? c2 : c1) = p;
  }
  if (!starter || !c1 || !c2) return {};
  Slots slots = draw_slots(cast, r, *starter, cast.user.first);
  for (auto& [name, value] : slots) {  // the coworkers on copy, by name
    if (std::strcmp(name, "{colleague}") == 0) value = c1->first;
  }
  slots.insert(slots.begin(), {"{colleague2}", c2->first});
  std::string subject = fill(conv->subject, slots);
  if (!subject.empty() && subject[0] >= 'a' && subject[0] <= 'z') subject[0] -= 'a' - 'A';
  std::vector<Letter> out;
  n = std::clamp(n, 1, kMaxThread);
  for (int i = 0; i < n; ++i) {
    const Turn who = i == 0 ? Turn::starter : conv->replies[i - 1].who;
    const Person& p = who == Turn::starter ? *starter
                      : who == Turn::user ? cast.user
                      : who == Turn::colleague ? *c1 : *c2;
    Letter l;
    l.sender = p.id;
    l.recipient = p.id == cast.user.id ? starter->id : cast.user.id;
    l.subject = i == 0 ? subject : "Re: " + subject;
    l.body = fill(i == 0 ? conv->opening : conv->replies[i - 1].body, slots) + "\n\n" +
             one(r, kClosings) + "\n" + p.first;
    if (p.role != "self") l.body += "\n" + p.company;
    attach(l, i == 0 ? conv->opening_attachment : conv->replies[i - 1].attachment, slots);
    out.push_back(std::move(l));
  }
  return out;
}

}  // namespace facsim::apps::mail
