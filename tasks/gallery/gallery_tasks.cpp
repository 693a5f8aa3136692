// gallery.form: the widgets end to end (text field, select, date picker, radio, checkbox).
#include <cstdio>
#include <string>

#include "../kit.h"
#include "assets.h"
#include "calendar.h"
#include "gallery_tasks.h"

namespace facsim::tasks::gallery {
namespace {

using kit::Ui;
using sim::Action;
using sim::TaskInstance;

const char* kSizes[] = {"Small", "Medium", "Large", "Extra large"};
const char* kPlans[] = {"Free", "Team", "Enterprise"};

Status setup(state::World&, Rng& rng, TaskInstance& inst) {
  const auto& first = assets::corpus("first_names");
  const auto& last = assets::corpus("last_names");
  const std::string name = first[rng.below(uint32_t(first.size()))] + " " +
                           last[rng.below(uint32_t(last.size()))];
  const int size = int(rng.below(4)), plan = int(rng.below(3));
  // A start date in March (the calendar opens there) or April (one "next month" away).
  const int month = 3 + int(rng.below(2)), day = 1 + int(rng.below(28));
  char iso[40];
  std::snprintf(iso, sizeof iso, "2026-%02d-%02d", month, day);
  inst.params = {{"name", name}, {"size", kSizes[size]}, {"plan", kPlans[plan]}, {"date", iso},
                 {"date_text", format_date_long(2026, month, day)}};
  kit::phrase(rng, inst,
              {"In the widget gallery form, enter the name \"{name}\", choose size \"{size}\", "
               "pick the start date {date_text}, choose the \"{plan}\" plan, agree to the terms, "
               "then submit.",
               "Fill in the gallery form for {name}: size {size}, starting {date_text}, on the "
               "{plan} plan. Accept the terms and submit it.",
               "Please submit the form with name \"{name}\", the {plan} plan, size {size} and a "
               "start date of {date_text} (terms accepted).",
               "Sign {name} up through the form: {plan} plan, {size}, start on {date_text}; tick "
               "the terms box and hit Submit."});
  return {};
}

int64_t last_submission(state::World& w) {
  return kit::scalar(w, "SELECT coalesce(max(id), 0) FROM gallery_submissions");
}
bool goal(state::World& w, const TaskInstance& inst) {
  return kit::scalar(w, "SELECT name = ? AND size = ? AND plan = ? AND agree = 1 AND date = ? "
                        "FROM gallery_submissions ORDER BY id DESC LIMIT 1",
                     inst.param("name"), inst.param("size"), inst.param("plan"),
                     inst.param("date")) == 1;
}
sim::Verdict check(state::World& w, const sim::WorldDiff& d, const TaskInstance&,
                   const sim::Ending&) {
  kit::Expect e(d);
  e.inserted("gallery_submissions", std::to_string(last_submission(w)));
  return e.verdict();
}

Action oracle(const sim::Env& env, const TaskInstance& inst, int) {
  Ui ui(env);
  auto or_noop = [](std::optional<Action> a) { return a ? *a : Action::noop(); };
  // 1. The name, typed into the field.
  if (auto a = ui.fill("gallery/name", inst.param("name"))) return *a;
  // 2. The size, from the dropdown.
  const std::string size = inst.param("size");
  if (const dom::A11yNode* sel = ui.find("gallery/size"); sel && sel->value != size) {
    for (int i = 0; i < 4; ++i)
      if (size == kSizes[i] && ui.has("gallery/size.opt" + std::to_string(i)))
        return or_noop(ui.click("gallery/size.opt" + std::to_string(i)));
    return or_noop(ui.click("gallery/size"));
  }
  // 3. The date: open the calendar, page to the month, click the day.
  const std::string date = inst.param("date");
  if (const dom::A11yNode* d = ui.find("gallery/date"); d && d->value != date) {
    if (ui.has("gallery/date." + date)) return or_noop(ui.click("gallery/date." + date));
    if (!ui.has("gallery/date.next")) return or_noop(ui.click("gallery/date"));
    std::string shown;
    for (const dom::A11yNode& n : ui.nodes())
      if (n.role == dom::Role::gridcell) shown = n.name.substr(0, 7);
    return or_noop(ui.click(shown < date.substr(0, 7) ? "gallery/date.next" : "gallery/date.prev"));
  }
  // 4. The plan (radio), 5. the terms (checkbox), 6. submit.
  const std::string plan = inst.param("plan");
  for (int i = 0; i < 3; ++i)
    if (plan == kPlans[i]) {
      const dom::A11yNode* r = ui.find("gallery/plan." + std::to_string(i));
      if (r && !r->checked) return or_noop(ui.click("gallery/plan." + std::to_string(i)));
    }
  if (const dom::A11yNode* c = ui.find("gallery/agree"); c && !c->checked)
    return or_noop(ui.click("gallery/agree"));
  return or_noop(ui.click("gallery/submit"));
}

// Milestones: the form's fields as the task wants them (ui state of the widgets).
bool name_entered(state::World& w, const TaskInstance& i) {
  return w.ui_get("field:gallery/name") == i.param("name");
}
bool size_chosen(state::World& w, const TaskInstance& i) {
  const int64_t s = w.ui_int("gallery/size", -1);
  return s >= 0 && s < 4 && i.param("size") == kSizes[s];
}
bool date_picked(state::World& w, const TaskInstance& i) {
  return w.ui_get("gallery/date") == i.param("date");
}
bool plan_chosen(state::World& w, const TaskInstance& i) {
  return w.ui_get("gallery/plan") == i.param("plan");
}
bool terms_agreed(state::World& w, const TaskInstance&) { return w.ui_int("gallery/agree") != 0; }

}  // namespace

std::vector<sim::Task> templates() {
  return {sim::Task{.name = "gallery.form", .summary = "Fill and submit the widget gallery's form",
                    .app = "gallery", .tags = "medium,form,multi-step", .max_steps = 24,
                    .setup = setup, .goal = goal, .check = check, .oracle = oracle,
                    .milestones = {{"name entered", name_entered},
                                   {"size chosen", size_chosen},
                                   {"date picked", date_picked},
                                   {"plan chosen", plan_chosen},
                                   {"terms agreed", terms_agreed}}}};
}

}  // namespace facsim::tasks::gallery
