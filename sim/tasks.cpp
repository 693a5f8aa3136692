// The task registry: mail and gallery tasks with seeded setup, SQL verifiers and mouse/keyboard oracles.
// Oracles read only what an agent could: the accessibility tree of the current frame (keys,
// names, values, boxes) plus the task's own parameters.
#include <algorithm>
#include <cstdio>

#include "apps.h"
#include "assets.h"
#include "calendar.h"
#include "mail/keys.h"

#include "dom.h"
#include "sim.h"
#include "state.h"

namespace facsim::sim {
namespace {

namespace mail = apps::mail;

Action click_key(const Env& env, std::string_view key) {
  int x, y;
  if (env.element_center(key, x, y)) return Action::click(x, y);
  return Action::noop();
}

const dom::A11yNode* node(const std::vector<dom::A11yNode>& nodes, std::string_view key) {
  for (const auto& n : nodes)
    if (n.key == key) return &n;
  return nullptr;
}

// Puts `query` in the search field and submits it, one action per call. Returns noop once the
// address bar shows the submitted search.
Action search_for(const Env& env, const std::string& query) {
  auto nodes = env.a11y();
  const dom::A11yNode* url = node(nodes, "shell/url");
  if (url && url->value.size() >= query.size() + 8 &&
      url->value.compare(url->value.size() - query.size(), query.size(), query) == 0 &&
      url->value.find("#search/") != std::string::npos)
    return Action::noop();
  const std::string search = mail::full(mail::key::search);
  const dom::A11yNode* field = node(nodes, search);
  if (!field) return Action::noop();
  if (!field->focused) return click_key(env, search);
  if (field->value == query) return Action::key("Enter");
  if (!field->value.empty() && query.rfind(field->value, 0) != 0) return Action::key("Backspace");
  return Action::type(query.substr(field->value.size()));
}

// Rows of other emails whose state the task must not change are snapshotted at setup. `col`
// is one of the fixed column names below (never a value: values are bound).
Status snapshot(state::World& w, std::string_view col, int64_t except_sender, int64_t except_id) {
  w.exec("DROP TABLE IF EXISTS task_snapshot");
  w.query(col == "unread" ? "CREATE TABLE task_snapshot AS SELECT id, unread AS v FROM "
                            "mail_messages WHERE sender_id != ? AND id != ?"
                          : "CREATE TABLE task_snapshot AS SELECT id, starred AS v FROM "
                            "mail_messages WHERE sender_id != ? AND id != ?",
          except_sender, except_id).run();
  if (const Error* e = w.error()) return *e;
  return {};
}
bool snapshot_intact(state::World& w, std::string_view col) {
  auto q = w.query(col == "unread" ? "SELECT count(*) FROM task_snapshot s JOIN mail_messages e "
                                     "ON e.id = s.id WHERE e.unread != s.v"
                                   : "SELECT count(*) FROM task_snapshot s JOIN mail_messages e "
                                     "ON e.id = s.id WHERE e.starred != s.v");
  return q.step() && q.i64(0) == 0;
}

// An inbox email, at random; unstarred_only: one that is not starred.
Status pick_inbox_email(state::World& w, Rng& rng, TaskInstance& inst, bool unstarred_only) {
  const int64_t max_starred = unstarred_only ? 0 : 1;
  int64_t n = 0;
  {
    auto q = w.query("SELECT count(*) FROM mail_messages WHERE folder = 'inbox' AND starred <= ?",
                     max_starred);
    if (q.step()) n = q.i64(0);
  }
  if (n == 0) return Error{Errc::not_found, "no email fits the task"};
  auto q = w.query("SELECT e.id, c.name, c.email, e.subject FROM mail_messages e JOIN people c "
                   "ON c.id = e.sender_id WHERE e.folder = 'inbox' AND e.starred <= ? "
                   "ORDER BY e.id LIMIT 1 OFFSET ?", max_starred, int64_t(rng.below(uint32_t(n))));
  if (!q.step()) return Error{Errc::not_found, "no email fits the task"};
  inst.params = {{"target", std::to_string(q.i64(0))},
                 {"sender", std::string(q.text(1))},
                 {"sender_email", std::string(q.text(2))},
                 {"subject", std::string(q.text(3))}};
  return {};
}

// ---- mail.open_email ----
Status open_email_setup(state::World& w, Rng& rng, TaskInstance& inst) {
  if (Status s = pick_inbox_email(w, rng, inst, false); !s) return s;
  inst.instruction = "Open the email from " + inst.param("sender") + " about \"" +
                     inst.param("subject") + "\".";
  return {};
}
bool open_email_verify(state::World& w, const TaskInstance& inst) {
  return w.ui_int(mail::ui::open) == inst.param_int("target");
}
Action open_email_oracle(const Env& env, const TaskInstance& inst, int) {
  if (node(env.a11y(), mail::full(mail::key::message(inst.param_int("target")))))
    return Action::noop();
  Action a = click_key(env, mail::full(mail::key::row(inst.param_int("target"))));
  if (a.kind != ActionKind::noop) return a;
  return search_for(env, inst.param("subject"));
}

// ---- mail.mark_read_from ----
Status mark_read_setup(state::World& w, Rng& rng, TaskInstance& inst) {
  int64_t n = w.scalar("SELECT count(*) FROM (SELECT sender_id FROM mail_messages WHERE "
                       "folder='inbox' GROUP BY sender_id HAVING count(*) >= 2)");
  if (n == 0) return Error{Errc::not_found, "no sender with two inbox emails"};
  auto q = w.query("SELECT c.id, c.name, c.email FROM people c WHERE c.id IN (SELECT sender_id "
                   "FROM mail_messages WHERE folder='inbox' GROUP BY sender_id HAVING "
                   "count(*) >= 2) ORDER BY c.id LIMIT 1 OFFSET ?", int64_t(rng.below(uint32_t(n))));
  if (!q.step()) return Error{Errc::not_found, "no sender"};
  int64_t sender = q.i64(0);
  inst.params = {{"sender_id", std::to_string(sender)},
                 {"sender", std::string(q.text(1))},
                 {"sender_email", std::string(q.text(2))}};
  // At least two of them unread, so there is something to do.
  w.query("UPDATE mail_messages SET unread = 1 WHERE id IN (SELECT id FROM mail_messages WHERE "
          "folder='inbox' AND sender_id = ? ORDER BY received_ms DESC LIMIT 2)", sender).run();
  inst.instruction = "Mark every email from " + inst.param("sender") + " in the inbox as read.";
  return snapshot(w, "unread", sender, -1);
}
bool mark_read_verify(state::World& w, const TaskInstance& inst) {
  auto q = w.query("SELECT count(*) FROM mail_messages WHERE folder='inbox' AND unread=1 AND "
                   "sender_id = ?", inst.param_int("sender_id"));
  return q.step() && q.i64(0) == 0 && snapshot_intact(w, "unread");
}
Action mark_read_oracle(const Env& env, const TaskInstance& inst, int) {
  Action a = search_for(env, "from:" + inst.param("sender_email"));
  if (a.kind != ActionKind::noop) return a;
  auto nodes = env.a11y();
  if (node(nodes, mail::full(mail::key::mark_read)))
    return click_key(env, mail::full(mail::key::mark_read));
  bool any_unread = std::any_of(nodes.begin(), nodes.end(), [](const dom::A11yNode& n) {
    return n.role == dom::Role::listitem && n.name.rfind("unread,", 0) == 0;
  });
  if (!any_unread) return Action::noop();
  return click_key(env, mail::full(mail::key::select_all));
}

// ---- mail.star_email ----
Status star_setup(state::World& w, Rng& rng, TaskInstance& inst) {
  if (Status s = pick_inbox_email(w, rng, inst, true); !s) return s;
  inst.instruction = "Star the email from " + inst.param("sender") + " about \"" +
                     inst.param("subject") + "\".";
  return snapshot(w, "starred", -1, inst.param_int("target"));
}
bool star_verify(state::World& w, const TaskInstance& inst) {
  auto q = w.query("SELECT starred FROM mail_messages WHERE id = ?", inst.param_int("target"));
  return q.step() && q.i64(0) == 1 && snapshot_intact(w, "starred");
}
Action star_oracle(const Env& env, const TaskInstance& inst, int) {
  const std::string star_key = mail::full(mail::key::star(inst.param_int("target")));
  const dom::A11yNode* star = node(env.a11y(), star_key);
  if (star && star->name == "Starred") return Action::noop();
  Action a = click_key(env, star_key);  // when the row is on screen
  if (a.kind != ActionKind::noop) return a;
  return search_for(env, inst.param("subject"));
}

// ---- mail.star_arrival: the living world; the email does not exist yet at reset ----
Status star_arrival_setup(state::World& w, Rng&, TaskInstance& inst) {
  auto q = w.query("SELECT e.at_ms, i.id, c.id, c.name, i.subject FROM events e JOIN mail_incoming i "
                   "ON e.kind = 'mail.arrive' AND i.id = CAST(e.payload AS INTEGER) JOIN people c "
                   "ON c.id = i.sender_id WHERE e.fired = 0 ORDER BY e.at_ms, e.id LIMIT 1");
  if (!q.step()) return Error{Errc::not_found, "no mail scheduled to arrive"};
  inst.params = {{"arrives_ms", std::to_string(q.i64(0))},
                 {"sender_id", std::to_string(q.i64(2))},
                 {"sender", std::string(q.text(3))},
                 {"subject", std::string(q.text(4))}};
  inst.instruction = "An email from " + inst.param("sender") + " about \"" +
                     inst.param("subject") + "\" is on its way. When it arrives, star it.";
  return snapshot(w, "starred", -1, -1);
}
bool star_arrival_verify(state::World& w, const TaskInstance& inst) {
  auto q = w.query("SELECT count(*) FROM mail_messages WHERE folder = 'inbox' AND starred = 1 AND "
                   "sender_id = ? AND subject = ? AND received_ms >= ?",
                   inst.param_int("sender_id"), inst.param("subject"),
                   inst.param_int("arrives_ms"));
  return q.step() && q.i64(0) == 1 && snapshot_intact(w, "starred");
}
Action star_arrival_oracle(const Env& env, const TaskInstance& inst, int) {
  // What an agent sees: a row whose accessible name carries the sender and the subject.
  const std::string subject = inst.param("subject"), sender = inst.param("sender");
  for (const dom::A11yNode& n : env.a11y()) {
    const std::string row_prefix = mail::full("row:");
    if (n.role != dom::Role::listitem || n.key.rfind(row_prefix, 0) != 0) continue;
    if (n.name.find(subject) == std::string::npos || n.name.find(sender) == std::string::npos)
      continue;
    const std::string star_key = mail::full("star:" + n.key.substr(row_prefix.size()));
    const dom::A11yNode* star = node(env.a11y(), star_key);
    if (star && star->name == "Starred") return Action::noop();
    return click_key(env, star_key);
  }
  return Action::wait(15000);  // not there yet: let virtual time pass, like a person would
}

// ---- gallery.form: the widgets end to end (text field, select, date picker, radio, checkbox) --
const char* kGallerySizes[] = {"Small", "Medium", "Large", "Extra large"};
const char* kGalleryPlans[] = {"Free", "Team", "Enterprise"};

Status gallery_setup(state::World&, Rng& rng, TaskInstance& inst) {
  const auto& first = assets::corpus("first_names");
  const auto& last = assets::corpus("last_names");
  const std::string name = first[rng.below(uint32_t(first.size()))] + " " +
                           last[rng.below(uint32_t(last.size()))];
  const int size = int(rng.below(4)), plan = int(rng.below(3));
  // A start date in March (the calendar opens there) or April (one "next month" away).
  const int month = 3 + int(rng.below(2)), day = 1 + int(rng.below(28));
  char iso[40];
  std::snprintf(iso, sizeof iso, "2026-%02d-%02d", month, day);
  inst.params = {{"name", name}, {"size", kGallerySizes[size]}, {"plan", kGalleryPlans[plan]},
                 {"date", iso}};
  inst.instruction = "In the widget gallery form, enter the name \"" + name + "\", choose size \"" +
                     kGallerySizes[size] + "\", pick the start date " + kMonthLong[month - 1] + " " +
                     std::to_string(day) + ", 2026, choose the \"" + kGalleryPlans[plan] +
                     "\" plan, agree to the terms, then submit.";
  return {};
}
bool gallery_verify(state::World& w, const TaskInstance& inst) {
  auto q = w.query("SELECT name = ? AND size = ? AND plan = ? AND agree = 1 AND date = ? FROM "
                   "gallery_submissions ORDER BY id DESC LIMIT 1",
                   inst.param("name"), inst.param("size"), inst.param("plan"), inst.param("date"));
  return q.step() && q.i64(0) == 1;
}
Action gallery_oracle(const Env& env, const TaskInstance& inst, int) {
  const auto nodes = env.a11y();
  auto find = [&](std::string_view key) { return node(nodes, key); };
  // 1. The name, typed into the field (Backspace undoes a wrong prefix).
  const std::string name = inst.param("name");
  if (const dom::A11yNode* f = find("gallery/name"); f && f->value != name) {
    if (!f->focused) return click_key(env, "gallery/name");
    if (name.rfind(f->value, 0) != 0) return Action::key("Backspace");
    return Action::type(name.substr(f->value.size()));
  }
  // 2. The size, from the dropdown.
  const std::string size = inst.param("size");
  if (const dom::A11yNode* sel = find("gallery/size"); sel && sel->value != size) {
    for (int i = 0; i < 4; ++i)
      if (size == kGallerySizes[i] && find("gallery/size.opt" + std::to_string(i)))
        return click_key(env, "gallery/size.opt" + std::to_string(i));
    return click_key(env, "gallery/size");
  }
  // 3. The date: open the calendar, page to the month, click the day.
  const std::string date = inst.param("date");
  if (const dom::A11yNode* d = find("gallery/date"); d && d->value != date) {
    if (find("gallery/date." + date)) return click_key(env, "gallery/date." + date);
    if (!find("gallery/date.next")) return click_key(env, "gallery/date");
    std::string shown;
    for (const dom::A11yNode& n : nodes)
      if (n.role == dom::Role::gridcell) shown = n.name.substr(0, 7);
    return click_key(env, shown < date.substr(0, 7) ? "gallery/date.next" : "gallery/date.prev");
  }
  // 4. The plan (radio), 5. the terms (checkbox), 6. submit.
  const std::string plan = inst.param("plan");
  for (int i = 0; i < 3; ++i)
    if (plan == kGalleryPlans[i]) {
      const dom::A11yNode* r = find("gallery/plan." + std::to_string(i));
      if (r && !r->checked) return click_key(env, "gallery/plan." + std::to_string(i));
    }
  if (const dom::A11yNode* c = find("gallery/agree"); c && !c->checked)
    return click_key(env, "gallery/agree");
  return click_key(env, "gallery/submit");
}

}  // namespace

const std::vector<Task>& tasks() {
  static const std::vector<Task> all = {
      {.name = "mail.open_email", .summary = "Open a given email from the inbox", .app = "mail",
       .max_steps = 12, .setup = open_email_setup, .verify = open_email_verify,
       .oracle = open_email_oracle},
      {.name = "mail.mark_read_from", .summary = "Mark all inbox emails from one sender as read",
       .app = "mail", .max_steps = 12, .setup = mark_read_setup, .verify = mark_read_verify,
       .oracle = mark_read_oracle},
      {.name = "mail.star_email", .summary = "Star a given email", .app = "mail",
       .max_steps = 12, .setup = star_setup, .verify = star_verify, .oracle = star_oracle},
      {.name = "mail.star_arrival", .summary = "Wait for an email to arrive, then star it",
       .app = "mail", .max_steps = 16, .setup = star_arrival_setup,
       .verify = star_arrival_verify, .oracle = star_arrival_oracle},
      {.name = "gallery.form", .summary = "Fill and submit the widget gallery's form",
       .app = "gallery", .max_steps = 24, .setup = gallery_setup, .verify = gallery_verify,
       .oracle = gallery_oracle},
  };
  return all;
}

const Task* find_task(std::string_view name) {
  for (const Task& t : tasks())
    if (t.name == name) return &t;
  return nullptr;
}

}  // namespace facsim::sim
