// Mail content from scenarios: each scenario picks who writes (a coworker, a vendor, a
// customer, a partner), then fills one subject and one body from the same slots, so the
// subject, the body and the sender agree ("Invoice #48213 from Northwind Logistics" is an
// invoice, from Northwind, for the amount the body names).
//
// [SECTION] Slots
// [SECTION] Scenarios
// [SECTION] Writing a letter
#include "content.h"

#include <cstdio>
#include <cstring>

#include "assets.h"
#include "calendar.h"
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
};

// {me}: the user's first name; {first}/{sender}/{company}: the writer; {colleague}: another
// coworker's first name; the rest are drawn per letter.
const Scenario kScenarios[] = {
    {Who::vendor, 5,
     {"Invoice #{inv} from {company}", "{company} invoice #{inv} - due {due}", nullptr},
     {"Hi {me},\n\nPlease find attached invoice #{inv} for {amount}, covering {service} in "
      "{month}. Payment is due by {due}. Let me know if you need a purchase order number on it.",
      "Hello {me},\n\nOur invoice #{inv} for {service} ({amount}) is attached. As agreed, the "
      "terms are net 30, so payment is due on {due}. Thank you for your business."}},
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
      "delivery: {due}. Reply to this email if anything arrives damaged."}},
    {Who::any_external, 2,
     {"Security alert: new sign-in from {device}", "Was this you? New sign-in on {device}",
      nullptr},
     {"Hi {me},\n\nWe noticed a new sign-in to your {company} account from {device} in {city} "
      "on {day}. If this was you, no action is needed. If not, reset your password right away.",
      "Hello {me},\n\nYour {company} account was accessed from a new device ({device}, near "
      "{city}). If you don't recognize this activity, secure your account now."}},
    {Who::partner, 2,
     {"{company} {month} newsletter", "What's new at {company} this {month}", nullptr},
     {"Hi {me},\n\nHere is our {month} roundup: a new reporting dashboard, faster exports, and "
      "a webinar on {day} about getting more from {service}. Thanks for being a partner.",
      "Hello {me},\n\nThis month at {company}: we opened an office in {city}, shipped three "
      "product updates and published our guide to {service}. Read on for the details."}},
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
      "morning, return Friday evening. Let me know if you need a different flight."}},
    {Who::partner, 2,
     {"Intro: {company} x our team", "Partnership proposal from {company}", nullptr},
     {"Hi {me},\n\nI'm {first} from {company}. We've helped teams like yours with {service}, "
      "and I'd love to explore a partnership. Would a call on {day} at {time} work?",
      "Hello {me},\n\nFollowing our chat, I've attached a short proposal for how {company} "
      "could support {project}. Happy to discuss it on {day}."}},
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
      "Hi {first},\n\nWe received your payment of {amount} for invoice #{inv}. Thank you!"}},
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

std::string money(int64_t cents) {
  std::string whole = std::to_string(cents / 100), out;
  for (size_t i = 0; i < whole.size(); ++i) {
    if (i && (whole.size() - i) % 3 == 0) out += ',';
    out += whole[i];
  }
  char frac[8];
  std::snprintf(frac, sizeof frac, ".%02d", int(cents % 100));
  return "$" + out + frac;
}

const Person* pick(Rng& r, const std::vector<Person>& v) {
  return v.empty() ? nullptr : &v[r.below(uint32_t(v.size()))];
}

const Person* writer(const Cast& c, Rng& r, Who who) {
  switch (who) {
    case Who::coworker:  // a few close coworkers write most of it, like a real inbox
      if (c.coworkers.size() > kCloseCoworkers && r.below(100) < 60)
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
  for (auto q = w.query("SELECT p.id, p.first, p.name, c.name, c.role FROM people p JOIN "
                        "companies c ON c.id = p.company_id ORDER BY p.id");
       q.step();) {
    Person p{q.i64(0), std::string(q.text(1)), std::string(q.text(2)), std::string(q.text(3)),
             std::string(q.text(4))};
    if (p.id == 1) c.user = p;
    else if (p.role == "self") c.coworkers.push_back(p);
    else if (p.role == "vendor") c.vendors.push_back(p);
    else if (p.role == "customer") c.customers.push_back(p);
    else c.partners.push_back(p);
  }
  return c;
}

// [SECTION] Writing a letter --------------------------------------------------------------------
Letter write_letter(const Cast& cast, Rng& r, bool from_user) {
  const Scenario& s = from_user ? weighted(r, kSent) : weighted(r, kScenarios);
  const Person* other = writer(cast, r, s.who);
  if (!other) other = pick(r, cast.coworkers);
  if (!other) other = &cast.user;
  const Person* colleague = pick(r, cast.coworkers);
  const auto& projects = assets::corpus("projects");
  // Dates near the virtual clock's start (2026-03): a due date a few weeks out.
  const Civil due = civil_from_days(days_from_civil(2026, 3, 2) + 7 + r.below(35));
  char time[16];
  const int hour = 9 + int(r.below(8));
  std::snprintf(time, sizeof time, "%d:%02d %s", hour > 12 ? hour - 12 : hour,
                r.below(2) ? 30 : 0, hour >= 12 ? "PM" : "AM");
  const std::vector<std::pair<const char*, std::string>> slots = {
      {"{me}", from_user ? other->first : cast.user.first},
      {"{first}", other->first},
      {"{sender}", other->name},
      {"{company}", other->company},
      {"{colleague}", colleague && colleague->id != other->id ? colleague->first : "Sam"},
      {"{project}", projects[r.below(uint32_t(projects.size()))]},
      {"{day}", kWeekdayLong[1 + r.below(5)]},
      {"{time}", time},
      {"{month}", kMonthLong[r.below(3)]},
      {"{inv}", std::to_string(10000 + r.below(90000))},
      {"{order}", std::to_string(200000 + r.below(800000))},
      {"{amount}", money(int64_t(5000 + r.below(2500000)))},
      {"{due}", std::string(kMonthLong[due.m - 1]) + " " + std::to_string(due.d)},
      {"{service}", one(r, kServices)},
      {"{carrier}", one(r, kCarriers)},
      {"{tracking}", "1Z" + std::to_string(100000000 + r.below(900000000))},
      {"{city}", one(r, kCities)},
      {"{device}", one(r, kDevices)},
      {"{benefit}", one(r, kBenefits)},
  };
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
  return l;
}

}  // namespace facsim::apps::mail
