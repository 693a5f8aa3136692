// Room for many apps: a small app added here (as a new app would be: its own tables, random
// stream, events, a field keyed like mail's) changes no existing task instance or frame; keys
// and field state are per app; apps open without tasks; failures in resets, pools and oracles
// are errors, not crashes; memos follow SQL random() and the clock.
#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <stdexcept>
#include <string>

#include "apps.h"
#include "calendar.h"
#include "dom.h"
#include "renderer.h"
#include "sim.h"
#include "state.h"

using namespace facsim;

namespace {

render::Renderer& cpu() {
  static auto r = std::move(*render::create_renderer({.backend = render::Backend::cpu}));
  return *r;
}

// [SECTION] The probe app ------------------------------------------------------------------------
std::atomic<bool> g_throw_in_install{false};  // the probe's generator throws for seed 666
constexpr uint64_t kThrowSeed = 666;

Status probe_install(state::World& w, Rng& rng) {
  if (g_throw_in_install && w.seed() == kThrowSeed)
    throw std::runtime_error("probe generator bug");
  if (Status s = w.exec("CREATE TABLE probe_items(id INTEGER PRIMARY KEY, v INTEGER NOT NULL)");
      !s)
    return s;
  for (int i = 0; i < 200; ++i)  // draws a lot: none of it may reach another app
    w.query("INSERT INTO probe_items(v) VALUES(?)", int64_t(rng.below(1000000))).run();
  w.schedule(w.now_ms() + 45000, "probe.tick", "");  // inside mail's arrival window
  w.schedule(w.now_ms() + 1000, "probe.tick", "");
  return {};
}

void probe_view(state::World& w, dom::Tree& t, int root) {
  const dom::Theme& th = t.theme();
  int page = t.add(root, {.dir = dom::Dir::column, .w = dom::fill(), .h = dom::fill(),
                          .pad = dom::edges(16), .gap = 8}, "page", dom::Role::main);
  const apps::FieldView f = apps::field_view(w, t.scoped("search"));
  dom::widget::text_field(t, page, "search", {f.value, f.anchor, f.caret, f.focused},
                          "Search probes");
  const int64_t ticks = w.scalar("SELECT count(*) FROM events WHERE kind = 'probe.tick' AND fired");
  t.text(page, "ticks " + std::to_string(ticks), {.size = 14, .color = th.text});
  if (w.ui_int("probe.clock")) {  // the time as SQL tells it: the view reads the clock
    auto q = w.query("SELECT strftime('%H:%M:%S', 'now')");
    t.text(page, q.step() ? std::string(q.text(0)) : "?", {.size = 14, .color = th.text});
  }
  if (w.ui_int("probe.random")) {
    auto q = w.query("SELECT abs(random()) % 1000");
    t.text(page, q.step() ? std::to_string(q.i64(0)) : "?", {.size = 14, .color = th.text});
  }
}

Status probe_action(state::World&, apps::Command c) {
  if (c.cmd == "noop") return {};
  return Error{Errc::invalid_argument, "unknown probe action '" + std::string(c.cmd) + "'"};
}

Status probe_event(state::World& w, std::string_view what, std::string_view) {
  if (what != "tick") return Error{Errc::internal, "probe has no event " + std::string(what)};
  w.query("INSERT INTO probe_items(v) VALUES(-1)").run();
  return {};
}

std::string probe_route(state::World&) { return "#probe"; }

const apps::App kProbe{.name = "probe",
                       .title = "Probe",
                       .host = "probe.facsim.test",
                       .install = probe_install,
                       .view = probe_view,
                       .on_action = probe_action,
                       .route = probe_route,
                       .on_event = probe_event};

// Every task's instances and the frames of its oracle episode for a few seeds.
std::map<std::string, std::string> task_fingerprints() {
  std::map<std::string, std::string> out;
  for (const sim::Task& t : sim::tasks())
    for (uint64_t seed : {1, 2, 7}) {
      auto e = sim::run_episode(t.name, seed, sim::Policy::oracle, cpu());
      EXPECT_TRUE(e) << t.name;
      if (!e) continue;
      std::string v = e->instruction + "|" + std::to_string(e->success);
      for (uint64_t h : e->hashes) v.append("|").append(render::hash_hex(h));
      sim::Env env;
      EXPECT_TRUE(env.reset(t.name, seed));
      for (const auto& [k, p] : env.task().params) v += "|" + k + "=" + p;
      out[std::string(t.name) + "/" + std::to_string(seed)] = v;
    }
  return out;
}

}  // namespace

// [SECTION] Adding an app ------------------------------------------------------------------------
// Runs first (gtest runs tests in declaration order): the registry is the shipped one until it.
TEST(Apps, AddingAnAppChangesNoTaskInstanceOrFrame) {
  ASSERT_EQ(apps::find_app("probe"), nullptr);
  const auto before = task_fingerprints();
  apps::register_app_for_test(&kProbe);
  ASSERT_NE(apps::find_app("probe"), nullptr);
  const auto after = task_fingerprints();
  EXPECT_EQ(before, after);
  // ...and the probe's world is there, drawn from its own stream.
  sim::Env env;
  ASSERT_TRUE(env.reset({.task = "", .seed = 3, .app = "probe"}));
  EXPECT_EQ(env.world().scalar("SELECT count(*) FROM probe_items"), 200);
}

TEST(Apps, RegistryListsEveryAppWithItsHooks) {
  apps::register_app_for_test(&kProbe);
  for (const apps::App* a : apps::all_apps()) {
    EXPECT_FALSE(a->name.empty());
    EXPECT_EQ(a->name.find('/'), std::string_view::npos) << a->name;  // a key scope
    EXPECT_NE(a->install, nullptr) << a->name;
    EXPECT_NE(a->view, nullptr) << a->name;
    EXPECT_NE(a->route, nullptr) << a->name;
  }
}

// [SECTION] Scoped keys ---------------------------------------------------------------------------
TEST(Apps, FieldsWithTheSameKeyInTwoAppsKeepTheirOwnText) {
  apps::register_app_for_test(&kProbe);
  sim::Env env;
  ASSERT_TRUE(env.reset({.task = "", .seed = 4, .app = "probe"}));
  int x, y;
  ASSERT_TRUE(env.element_center("probe/search", x, y));
  env.apply(sim::Action::click(x, y));
  env.apply(sim::Action::type("probe text"));
  env.apply(sim::Action::key("Control+z"));
  env.apply(sim::Action::type("typed in probe"));
  EXPECT_EQ(env.world().ui_get("field:probe/search"), "typed in probe");
  // Mail's field of the same key: empty, with an undo history of its own.
  ASSERT_TRUE(apps::open_app(env.world(), "mail"));
  env.apply(sim::Action::noop());
  ASSERT_TRUE(env.element_center("mail/search", x, y));
  env.apply(sim::Action::click(x, y));
  EXPECT_EQ(env.world().ui_get(apps::ui::kFocus), "mail/search");
  env.apply(sim::Action::type("invoice"));
  env.apply(sim::Action::key("Control+z"));
  EXPECT_EQ(env.world().ui_get("field:mail/search"), "");
  EXPECT_EQ(env.world().ui_get("field:probe/search"), "typed in probe");
  EXPECT_EQ(env.world().scalar("SELECT count(*) FROM ui_history WHERE field = 'probe/search'"),
            env.world().scalar("SELECT count(*) FROM ui_history WHERE field LIKE 'probe/%'"));
}

TEST(Apps, DuplicateKeysAreFoundAndNoViewHasAny) {
  dom::Tree t;
  int root = t.root({});
  t.push_scope("a");
  t.add(root, {}, "x");
  t.add(root, {}, "y");
  t.pop_scope();
  t.push_scope("b");
  t.add(root, {}, "x");  // another app's "x": no clash
  EXPECT_TRUE(t.duplicate_keys().empty());
  t.add(root, {}, "x");
  t.pop_scope();
  EXPECT_EQ(t.duplicate_keys(), std::vector<std::string>{"b/x"});
  EXPECT_EQ(t.find("b/x"), 3);
  EXPECT_EQ(t.node(1).key, "a/x");

  // Every app's views while the oracles work and after a few clicks: keys are unique.
  for (const sim::Task& task : sim::tasks()) {
    sim::Env env;
    ASSERT_TRUE(env.reset(task.name, 5));
    for (int i = 0; i < 30 && !env.obs().done; ++i) {
      auto a = sim::next_action(sim::Policy::oracle, env);
      ASSERT_TRUE(a);
      env.apply(*a);
      // The tree's own check, through the a11y ids (ids are keys where a node has one).
      std::map<std::string, int> seen;
      for (const dom::A11yNode& n : env.a11y())
        if (!n.key.empty()) {
          EXPECT_EQ(++seen[n.key], 1) << task.name << " " << n.key;
        }
    }
  }
}

// [SECTION] Apps without tasks ------------------------------------------------------------------
TEST(Apps, AnAppOpensWithoutATaskAtItsRoute) {
  sim::Env env;
  ASSERT_TRUE(env.reset({.task = "", .seed = 9, .app = "mail", .route = "#starred"}));
  EXPECT_EQ(env.task().task, "");
  EXPECT_EQ(env.world().ui_get("mail.folder"), "starred");
  int x, y;
  ASSERT_TRUE(env.element_center("mail/folder:sent", x, y));
  for (int i = 0; i < 40; ++i) env.apply(sim::Action::click(x, y));  // past any max_steps
  EXPECT_EQ(env.obs().error, "");
  EXPECT_FALSE(env.obs().done);
  EXPECT_EQ(env.obs().reward, 0.0);
  EXPECT_EQ(env.world().ui_get("mail.folder"), "sent");
  // A route with an open email; bad apps and routes are errors that leave the env as it was.
  ASSERT_TRUE(env.reset({.task = "", .seed = 9, .app = "mail", .route = "#inbox/1"}));
  EXPECT_EQ(env.world().ui_int("mail.open"), 1);
  const uint64_t hash = env.world().content_hash();
  EXPECT_FALSE(env.reset({.task = "", .seed = 9, .app = "nope"}));
  EXPECT_FALSE(env.reset({.task = "", .seed = 9, .app = "mail", .route = "#nowhere"}));
  EXPECT_FALSE(env.reset({.task = "", .seed = 9, .app = "gallery", .route = "#x"}));
  EXPECT_EQ(env.world().content_hash(), hash);
  EXPECT_FALSE(sim::next_action(sim::Policy::oracle, env));  // no task, no oracle: an error
}

TEST(Apps, ResetsForkOneGeneratedWorldPerSeed) {
  sim::Env a, b;
  ASSERT_TRUE(a.reset("mail.open_email", 21));
  ASSERT_TRUE(b.reset("mail.star_email", 21));
  // The same generated world under two tasks: the same people and mail.
  EXPECT_EQ(a.world().scalar("SELECT sum(length(name)) FROM people"),
            b.world().scalar("SELECT sum(length(name)) FROM people"));
  // ...and independent: a write in one is not seen in the other, nor in the next reset.
  a.world().exec("DELETE FROM mail_messages");
  EXPECT_GT(b.world().scalar("SELECT count(*) FROM mail_messages"), 0);
  sim::Env c;
  ASSERT_TRUE(c.reset("mail.open_email", 21));
  EXPECT_GT(c.world().scalar("SELECT count(*) FROM mail_messages"), 0);
}

TEST(Apps, BackDoesWhatTheAppSaysOrNothing) {
  sim::Env env;
  ASSERT_TRUE(env.reset({.task = "", .seed = 2, .app = "gallery"}));
  int x, y;
  ASSERT_TRUE(env.element_center("gallery/open_dialog", x, y));
  env.apply(sim::Action::click(x, y));
  EXPECT_EQ(env.world().ui_get(apps::ui::kOverlay), "gallery/dialog");
  ASSERT_TRUE(env.element_center("shell/back", x, y));
  env.apply(sim::Action::click(x, y));  // failed the step before apps said what Back does
  EXPECT_EQ(env.obs().error, "");
  EXPECT_EQ(env.world().ui_get(apps::ui::kOverlay), "");
  apps::register_app_for_test(&kProbe);
  ASSERT_TRUE(env.reset({.task = "", .seed = 2, .app = "probe"}));
  const dom::A11yNode* back = nullptr;
  const auto nodes = env.a11y();
  for (const auto& n : nodes)
    if (n.key == "shell/back") back = &n;
  ASSERT_NE(back, nullptr);
  EXPECT_TRUE(back->disabled);  // the probe has nowhere to go back to
}

// [SECTION] Errors, never crashes ---------------------------------------------------------------
TEST(Apps, AnExceptionInOneEnvsResetLeavesTheBatchWorking) {
  apps::register_app_for_test(&kProbe);
  g_throw_in_install = true;
  sim::BatchEnv batch({.envs = 3, .threads = 2}, cpu());
  const std::vector<std::string> tasks(3, "mail.open_email");
  const std::vector<uint64_t> seeds = {kThrowSeed - 1, kThrowSeed, kThrowSeed + 1};
  Status s = batch.reset(tasks, seeds);
  g_throw_in_install = false;
  ASSERT_FALSE(s);
  EXPECT_NE(s.error().message.find("env 1"), std::string::npos) << s.error().message;
  EXPECT_NE(s.error().message.find("probe generator bug"), std::string::npos);
  EXPECT_NE(batch.obs(1).error.find("probe generator bug"), std::string::npos);
  for (int i : {0, 2}) {
    EXPECT_EQ(batch.obs(i).error, "");
    EXPECT_NE(batch.obs(i).hash, 0u);
    EXPECT_EQ(batch.env(i).task().seed, seeds[size_t(i)]);
  }
  std::vector<sim::Action> acts(3, sim::Action::wait(1000));
  EXPECT_TRUE(batch.step(acts) || true);  // env 1 was never reset: its step says so
  EXPECT_EQ(batch.obs(0).error, "");
  EXPECT_EQ(batch.obs(2).error, "");
  // The seed is generated again (nothing half-made was cached) once the bug is gone.
  EXPECT_TRUE(batch.reset(tasks, seeds));
}

TEST(Apps, PoolsRngsAndCorporaReportMisuse) {
  Rng r{1};
  EXPECT_THROW(r.below(0), std::invalid_argument);
  ThreadPool pool(2);
  std::atomic<int> ran{0};
  EXPECT_THROW(pool.parallel_for(8, [&](size_t i) {
                 ++ran;
                 if (i == 5) throw std::runtime_error("item 5");
               }),
               std::runtime_error);
  EXPECT_EQ(ran.load(), 8);  // the other items still ran
  pool.parallel_for(4, [&](size_t) { ++ran; });  // and the pool still works
  EXPECT_EQ(ran.load(), 12);
  // Streams: the same name and seed give the same draws, another name others.
  Rng a = Rng::stream(7, "mail"), b = Rng::stream(7, "mail"), c = Rng::stream(7, "chat");
  EXPECT_EQ(a.next(), b.next());
  EXPECT_NE(a.next(), c.next());
}

TEST(Apps, TaskParametersThatAreNotNumbersReadAsZero) {
  sim::TaskInstance inst{"t", 1, "", {{"id", "12x"}, {"n", "42"}}};
  EXPECT_EQ(inst.param_int("n"), 42);
  EXPECT_EQ(inst.param_int("missing"), 0);
  EXPECT_NO_THROW((void)inst.param_int("id"));
}

// [SECTION] Memos that cannot go stale ------------------------------------------------------------
TEST(Apps, AViewThatReadsTheClockIsRebuiltWhenTimePasses) {
  apps::register_app_for_test(&kProbe);
  sim::Env memo, plain({.memo = false});
  for (sim::Env* e : {&memo, &plain}) {
    ASSERT_TRUE(e->reset({.task = "", .seed = 5, .app = "probe"}));
    e->world().ui_set("probe.clock", int64_t(1));
  }
  std::string last;
  for (int i = 0; i < 4; ++i) {
    for (sim::Env* e : {&memo, &plain}) e->apply(sim::Action::wait(1000));
    EXPECT_EQ(memo.a11y_text(), plain.a11y_text());
    const Civil c = civil_from_ms(memo.world().now_ms());
    char want[16];
    std::snprintf(want, sizeof want, "%02d:%02d:%02d", c.hour, c.min, c.sec);
    EXPECT_NE(memo.a11y_text().find(want), std::string::npos) << memo.a11y_text();
    EXPECT_NE(memo.a11y_text(), last);
    last = memo.a11y_text();
  }
}

TEST(Apps, AViewThatDrawsRandomNumbersIsNeverReused) {
  apps::register_app_for_test(&kProbe);
  sim::Env env;
  ASSERT_TRUE(env.reset({.task = "", .seed = 5, .app = "probe"}));
  env.world().ui_set("probe.random", int64_t(1));
  env.apply(sim::Action::noop());
  const int64_t reused = env.stats().views_reused;
  for (int i = 0; i < 5; ++i) env.apply(sim::Action::move(10 + i, 10));
  EXPECT_EQ(env.stats().views_reused, reused);
}
