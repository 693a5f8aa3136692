// Env: one environment. [SECTION] view building, [SECTION] input routing, [SECTION] lifecycle.
#include <algorithm>
#include <charconv>
#include <mutex>

#include "apps.h"
#include "convert.h"
#include "dom.h"
#include "input.h"
#include "renderer.h"
#include "sim.h"
#include "state.h"

namespace facsim::sim {

const char* action_kind_name(ActionKind k) {
  static const char* names[] = {"noop", "move", "click", "scroll", "type", "key",
                                "wait", "down", "up", "answer", "done", "infeasible", "drag", "seq"};
  return names[size_t(k)];
}

bool operator==(const Action& a, const Action& b) {
  return a.kind == b.kind && a.x == b.x && a.y == b.y && a.dy == b.dy && a.text == b.text &&
         a.ms == b.ms && a.button == b.button && a.mods == b.mods && a.count == b.count &&
         a.dx == b.dx && a.path == b.path && a.steps == b.steps;
}

std::string TaskInstance::param(std::string_view key) const {
  for (const auto& [k, v] : params)
    if (k == key) return v;
  return {};
}
int64_t TaskInstance::param_int(std::string_view key) const {
  const std::string v = param(key);
  int64_t out = 0;  // absent or not a number: 0 (never an exception)
  std::from_chars(v.data(), v.data() + v.size(), out);
  return out;
}

struct Env::Impl {
  EnvConfig cfg;
  std::unique_ptr<state::World> world;
  TaskInstance inst;
  const Task* task = nullptr;
  dom::Tree tree;
  detail::Converter conv;  // draw commands -> primitives (the display list)
  Observation obs;
  std::vector<uint8_t> own_frame;
  std::vector<uint64_t> released_sig;  // tile signatures of a frame release_frame freed
  const uint8_t* frame = nullptr;
  render::Damage damage;
  bool solved = false;
  state::Snapshot start;            // the world after the task's setup: what the diff is against
  std::vector<uint8_t> reached;     // milestones ever reached (never counted twice)
  // Memos: the view (tree + layout) and the verdict are pure functions of what they read from
  // the world; while none of that is written (a hover, a wait, a click on nothing) they are
  // reused. The sim overlays (tooltip, toast) follow the pointer and are rebuilt every step.
  state::Deps view_deps, verdict_deps;
  bool view_valid = false, verdict_valid = false, verdict_memo = false;
  int view_nodes = 0;
  std::vector<int> live;  // the view's live nodes (fields, scroll containers)
  EnvStats stats;

  struct Recording {  // records the world's reads into d while alive (exceptions included)
    state::World& w;
    Recording(state::World& world, state::Deps* d) : w(world) { w.record(d); }
    ~Recording() { w.record(nullptr); }
  };

  // [SECTION] view building ----------------------------------------------------------------
  void rebuild() {
    ++stats.views;
    world->keep_derived(cfg.memo);  // memo = false: a reference that computes everything
    bool reuse = cfg.memo && view_valid && !world->changed_since(view_deps);
    if (reuse) {
      tree.truncate(view_nodes);
      reuse = refresh_live_fields();
    }
    if (reuse) {
      ++stats.views_reused;
      follow_scrolls();
      detail::add_overlays(*world, tree);
      tree.layout_overlays(cfg.width, cfg.height);
    } else {
      view_valid = false;
      {
        Recording r(*world, &view_deps);
        tree.retain(cfg.memo);  // keyed subtrees of the last build are reused (Tree::reuse)
        tree.set_theme(&dom::make_theme(world->ui_get(apps::ui::kTheme) == "dark",
                                        int(world->ui_int(apps::ui::kDensity, 1)),
                                        int(world->ui_int(apps::ui::kFontPct, 100))));
        apps::build_view(*world, tree, cfg.width, cfg.height);
      }
      view_nodes = tree.size();
      stats.subtrees_reused += tree.reused();
      // Live fields follow their value and selection in place: those keys are not view deps.
      // (Live scroll offsets were read unrecorded.)
      live = tree.live_nodes();
      for (int i : live) {
        if (tree.node(i).live != dom::Live::field) continue;
        const std::string& k = tree.node(i).key;
        const std::string field = "field:" + k, sel = "sel:" + k;
        std::erase_if(view_deps.ui_keys,
                      [&](const std::string& u) { return u == field || u == sel; });
      }
      follow_scrolls();  // a reused subtree may hold one at an older offset
      detail::add_overlays(*world, tree);
      tree.layout(cfg.width, cfg.height);
      view_valid = true;
    }
    const dom::DrawList& cmds = tree.draw(detail::interaction(*world, tree, cfg, obs.cursor));
    conv.convert(cmds, cfg.memo, tree.repeats(), tree.draw_serial());
    stats.prims += int64_t(conv.list().size());
    stats.prims_reused = conv.reused();
    stats.prims_moved = conv.moved();
    stats.commands_repainted = tree.repainted();
  }

  // Live fields (apps::field_view live): their text follows the world without a rebuild.
  bool refresh_live_fields() {
    for (int i : live) {
      if (tree.node(i).live != dom::Live::field) continue;
      const apps::FieldView v = apps::field_view(*world, tree.node(i).key, true);
      if (dom::widget::refresh_field(tree, i, {v.value, v.anchor, v.caret, v.focused, true}) ==
          dom::widget::Refresh::rebuild)
        return false;
    }
    return true;
  }

  // Live scroll containers (apps::live_scroll) move their content to the world's offset.
  void follow_scrolls() {
    for (int i : live)
      if (const dom::Node& n = tree.node(i); n.live == dom::Live::scroll)
        tree.scroll_to(i, int(world->ui_int_unrecorded("scroll:" + n.key)));
  }

  // The goal (checked every step) and the milestones, memoized together on what they read.
  bool verify() {
    if (!task || !task->goal) return false;
    ++stats.verdicts;
    if (cfg.memo && verdict_valid && !world->changed_since(verdict_deps)) {
      ++stats.verdicts_reused;
      return verdict_memo;
    }
    verdict_valid = false;
    {
      Recording r(*world, &verdict_deps);
      verdict_memo = task->goal(*world, inst);
    }
    verdict_valid = true;
    return verdict_memo;
  }

  void check_milestones() {
    obs.milestones.clear();
    if (!task) return;
    for (const Milestone& ms : task->milestones)
      obs.milestones.push_back(ms.reached && ms.reached(*world, inst) ? 1 : 0);
    reached.resize(obs.milestones.size(), 0);
  }

  Result<WorldDiff> changes() { return changes_since(start, *world); }

  // Ends the episode: the verifier's verdict over the changes.
  void end(const Ending& ending) {
    obs.terminated = ending.kind != Ending::Kind::truncated;
    obs.truncated = !obs.terminated;
    obs.done = true;
    Verdict v;
    if (ending.kind == Ending::Kind::truncated) {
      v.why = "truncated: max_steps reached";
    } else if (task->goal && ending.kind != Ending::Kind::goal && !verify()) {
      // A task with a goal is solved by reaching it, whatever the agent says: an answer or a
      // claim of infeasibility before it holds is not a success (a read-only task's verifier
      // finds nothing changed and would accept it).
      v.why = ending.kind == Ending::Kind::done ? "done, but the goal does not hold"
                                                : "the episode ended before the goal held";
    } else if (!task->check) {
      v = {ending.kind == Ending::Kind::goal, ending.kind == Ending::Kind::goal ? "" : "no goal"};
    } else {
      try {
        auto d = changes();
        if (!d) v.why = "the diff failed: " + d.error().message;
        else v = task->check(*world, *d, inst, ending);
      } catch (const std::exception& ex) {
        v.why = std::string("the verifier failed: ") + ex.what();
      }
    }
    obs.success = v.success;
    obs.verdict = v.why;
  }

  // After a step (or the reset): milestones, the goal, the end of the episode, the reward.
  void settle(const Action* a) {
    obs.reward = 0;
    if (!task) return;
    check_milestones();
    if (a && a->ends_episode()) {
      end({a->kind == ActionKind::answer   ? Ending::Kind::answer
           : a->kind == ActionKind::done   ? Ending::Kind::done
                                           : Ending::Kind::infeasible,
           a->text});
    } else if (verify()) {
      end({Ending::Kind::goal, {}});
    } else if (obs.step >= task->max_steps) {
      end({Ending::Kind::truncated, {}});
    }
    const size_t n = obs.milestones.size();
    if (cfg.reward_mode == RewardMode::milestones && n > 0) {
      int fresh = 0;
      for (size_t k = 0; k < n; ++k)
        if (obs.milestones[k] && !reached[k]) reached[k] = 1, ++fresh;
      obs.reward = double(fresh) / double(n + 1);
      if (obs.done && obs.success && !solved) obs.reward += 1.0 / double(n + 1);
    } else {
      obs.reward = obs.done && obs.success && !solved ? 1.0 : 0.0;
    }
    solved = solved || (obs.done && obs.success);
  }

  // One step's input. A composite step (a double or triple click, a drag, typing across
  // Enter/Tab or with no field focused) routes its events one by one, each against the view
  // the one before left (rebuilt between them), kSubStepMs of virtual time apart: what a
  // browser would see from a fast hand.
  static constexpr int64_t kSubStepMs = 40;
  Status route(const Action& a) {
    if (a.kind == ActionKind::click && a.count != 1) {
      if (a.count < 1 || a.count > 3)
        return Error{Errc::invalid_argument, "click count must be 1, 2 or 3"};
      Action one = a;
      one.count = 1;
      std::vector<Action> seq(size_t(a.count), one);
      return route_all(seq);
    }
    if (a.kind == ActionKind::drag) {
      if (a.path.size() < 2 || a.path.size() > size_t(kMaxPath))
        return Error{Errc::invalid_argument, "a drag needs 2 .. " + std::to_string(kMaxPath) +
                                                 " points"};
      std::vector<Action> seq;
      seq.push_back(Action::down(a.path.front().first, a.path.front().second, a.mods));
      for (size_t i = 1; i < a.path.size(); ++i)
        seq.push_back(Action::move(a.path[i].first, a.path[i].second));
      seq.push_back(Action::up(a.path.back().first, a.path.back().second));
      return route_all(seq);
    }
    if (a.kind == ActionKind::type) return route_type(a.text);
    if (a.kind == ActionKind::seq) {
      if (a.steps.empty() || a.steps.size() > size_t(kMaxSeq))
        return Error{Errc::invalid_argument, "a seq holds 1 .. " + std::to_string(kMaxSeq) + " actions"};
      for (size_t i = 0; i < a.steps.size(); ++i) {
        const Action& sub = a.steps[i];
        if (sub.kind == ActionKind::seq || sub.ends_episode())
          return Error{Errc::invalid_argument, "a seq cannot hold a seq or an ending"};
        if (sub.kind == ActionKind::wait) {  // time passes, the view follows
          if (sub.ms < 1 || sub.ms > kMaxWaitMs)
            return Error{Errc::invalid_argument, "wait: ms must be 1 .. " + std::to_string(kMaxWaitMs)};
          if (Status s = apps::pass_time(*world, sub.ms); !s) return s;
          rebuild();
          continue;
        }
        if (i && a.steps[i - 1].kind != ActionKind::wait) {
          if (Status s = apps::pass_time(*world, kSubStepMs); !s) return s;
          rebuild();
        }
        if (Status s = route(sub); !s) return s;
      }
      return {};
    }
    return detail::route_input(*world, tree, cfg, a);
  }
  Status route_all(const std::vector<Action>& seq) {
    for (size_t i = 0; i < seq.size(); ++i) {
      if (i) {
        if (Status s = apps::pass_time(*world, kSubStepMs); !s) return s;
        rebuild();
      }
      if (Status s = detail::route_input(*world, tree, cfg, seq[i]); !s) return s;
    }
    return {};
  }
  // Text: runs into the focused field; "\n" and "\t" are Enter and Tab; with no field
  // focused a character is a key press for the app's shortcuts (then typing goes on into
  // whatever field took the focus), and one nothing takes is an error.
  Status route_type(std::string_view text) {
    bool first = true;
    auto next = [&]() {
      if (!first) rebuild();
      first = false;
    };
    for (size_t i = 0; i < text.size();) {
      const unsigned char c = uint8_t(text[i]);
      if (c == '\n' || c == '\r' || c == '\t') {
        next();
        const size_t n = (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ? 2 : 1;
        if (Status s = detail::route_input(*world, tree, cfg, Action::key(c == '\t' ? "Tab" : "Enter")); !s)
          return s;
        i += n;
        continue;
      }
      if (c < 0x20 || c == 0x7f)
        return Error{Errc::invalid_argument, "type: control character " + std::to_string(int(c)) +
                                                 " is not text; use a key action"};
      next();
      if (detail::field_focused(*world, tree)) {
        size_t j = i;
        while (j < text.size() && uint8_t(text[j]) >= 0x20 && text[j] != 0x7f) ++j;
        if (Status s = detail::route_input(*world, tree, cfg, Action::type(std::string(text.substr(i, j - i)))); !s)
          return s;
        i = j;
        continue;
      }
      size_t j = i + 1;  // one code point
      while (j < text.size() && (uint8_t(text[j]) & 0xC0) == 0x80) ++j;
      const std::string ch(text.substr(i, j - i));
      auto took = detail::type_key(*world, tree, ch);
      if (!took) return took.error();
      if (!*took)
        return Error{Errc::invalid_argument, "type: no text field has the focus, and '" + ch +
                                                 "' is no shortcut here (click a field first)"};
      i = j;
    }
    return {};
  }
};

Result<Appearance> parse_appearance(std::string_view s) {
  if (s == "light") return Appearance::light;
  if (s == "dark") return Appearance::dark;
  if (s == "seeded") return Appearance::seeded;
  return Error{Errc::invalid_argument, "appearance must be light, dark or seeded"};
}

namespace {
// The appearance is world state (ui theme, density, font_pct), so forks keep it. Seeded
// appearances hash the seed (not the world RNG: the generated world stays the same).
void set_appearance(state::World& w, Appearance a, uint64_t seed) {
  bool dark = a == Appearance::dark;
  int density = 1, font_pct = 100;
  if (a == Appearance::seeded) {
    const uint64_t h = Rng{seed}.next();  // the seed hashed, not a draw from any stream
    static const int kPcts[] = {90, 100, 110};
    dark = h & 1;
    density = int((h >> 1) % 3);
    font_pct = kPcts[(h >> 3) % 3];
  }
  w.ui_set(apps::ui::kTheme, dark ? "dark" : "light");
  w.ui_set(apps::ui::kDensity, int64_t(density));
  w.ui_set(apps::ui::kFontPct, int64_t(font_pct));
}
}  // namespace

// [SECTION] lifecycle --------------------------------------------------------------------------
Env::Env(EnvConfig cfg) : impl_(std::make_unique<Impl>()) { impl_->cfg = cfg; }
Env::~Env() = default;
Env::Env(Env&&) noexcept = default;
Env& Env::operator=(Env&&) noexcept = default;

namespace {
// Generated worlds, one per (seed, app registry): a reset forks one (copy-on-write: about a
// microsecond whatever its size) instead of generating the world again. At most kWorldCache
// seeds are kept, the least recently used going first.
constexpr size_t kWorldCache = 256;
struct WorldCache {
  struct Entry {
    uint64_t seed = 0, generation = 0, used = 0;
    state::Snapshot world;
  };
  std::mutex mu;
  std::vector<Entry> entries;
  uint64_t tick = 0;
};
WorldCache& world_cache() {
  static WorldCache c;
  return c;
}

Result<std::unique_ptr<state::World>> generated_world(uint64_t seed) {
  WorldCache& c = world_cache();
  const uint64_t gen = apps::registry_generation();
  {
    std::lock_guard lk(c.mu);
    for (WorldCache::Entry& e : c.entries)
      if (e.seed == seed && e.generation == gen) {
        e.used = ++c.tick;
        return state::World::from(e.world);
      }
  }
  auto w = state::World::create(seed);
  if (!w) return w.error();
  if (Status s = apps::install_all(**w); !s) return s.error();
  (*w)->mark_clean();  // what tasks and episodes change is told apart from this (the diff)
  auto snap = (*w)->snapshot();
  if (!snap) return snap.error();
  std::lock_guard lk(c.mu);
  if (c.entries.size() >= kWorldCache) {
    auto lru = std::min_element(c.entries.begin(), c.entries.end(),
                                [](const auto& a, const auto& b) { return a.used < b.used; });
    c.entries.erase(lru);
  }
  c.entries.push_back({seed, gen, ++c.tick, std::move(*snap)});
  return w;
}
}  // namespace

Status Env::reset(const ResetSpec& spec) {
  Status s = reset_impl(spec);
  if (!s) impl_->obs.error = std::string(errc_name(s.error().code)) + ": " + s.error().message;
  return s;
}

Status Env::reset_impl(const ResetSpec& spec) {
  if (impl_->cfg.width < 1 || impl_->cfg.height < 1 || impl_->cfg.width > render::kMaxWidth ||
      impl_->cfg.height > render::kMaxHeight)
    return Error{Errc::invalid_argument, "window size must be 1x1 .. 1920x1200"};
  const Task* t = spec.custom;
  if (!t && !spec.task.empty() && !(t = find_task(spec.task)))
    return Error{Errc::not_found, "unknown task '" + spec.task + "'"};
  std::string_view app = !spec.app.empty() ? std::string_view(spec.app)
                         : t                ? t->app
                                            : apps::all_apps().front()->name;
  if (!apps::find_app(app)) return Error{Errc::not_found, "unknown app '" + std::string(app) + "'"};
  TaskInstance inst{t ? std::string(t->name) : spec.task, spec.seed, {}, {}};
  std::unique_ptr<state::World> world;
  try {  // generators, setups and views are code: whatever they throw is this reset's error
    auto w = generated_world(spec.seed);
    if (!w) return w.error();
    world = std::move(*w);
    set_appearance(*world, impl_->cfg.appearance, spec.seed);
    if (Status s = world->begin(); !s) return s;
    Status s = apps::open_app(*world, app, spec.route);
    if (s && t) {
      Rng rng = Rng::stream(spec.seed, t->name);
      s = t->setup(*world, rng, inst);
    }
    if (!s || world->error()) {
      Error e = s ? *world->error() : s.error();
      world->rollback();
      return e;
    }
    if (Status c = world->commit(); !c) return c;
  } catch (const std::exception& ex) {
    return Error{Errc::internal, "reset failed: " + std::string(ex.what())};
  }
  // From here the env is the new one (a view that throws leaves it with an error to show).
  std::unique_ptr<state::World> old = std::move(impl_->world);
  const Task* old_task = impl_->task;
  TaskInstance old_inst = std::move(impl_->inst);
  impl_->world = std::move(world);
  impl_->task = t;
  impl_->inst = std::move(inst);
  impl_->obs = {};
  impl_->solved = false;
  impl_->frame = nullptr;
  impl_->view_valid = impl_->verdict_valid = false;
  try {
    auto start = impl_->world->snapshot();
    if (!start) throw std::runtime_error(start.error().message);
    impl_->start = std::move(*start);
    impl_->reached.clear();
    impl_->rebuild();
    impl_->settle(nullptr);
  } catch (const std::exception& ex) {
    impl_->world = std::move(old);
    impl_->task = old_task;
    impl_->inst = std::move(old_inst);
    impl_->view_valid = impl_->verdict_valid = false;
    if (impl_->world) impl_->rebuild();
    return Error{Errc::internal, "reset failed: " + std::string(ex.what())};
  }
  impl_->obs.reward = 0;
  if (impl_->obs.done) {  // the goal already holds at the start: a broken template
    impl_->obs = {};
    return Error{Errc::internal, "task '" + spec.task + "' is solved before any step"};
  }
  return {};
}

Status Env::apply(const Action& a) {
  Impl& m = *impl_;
  if (!m.world) {
    m.obs.error = "invalid_argument: env not reset";
    return Error{Errc::invalid_argument, "env not reset"};
  }
  if (m.obs.done) {  // the episode is over: nothing changes, not even the step count
    m.obs.error = "episode_over: the episode ended at step " + std::to_string(m.obs.step) +
                  "; reset the env";
    m.obs.reward = 0;  // a loop that ignores the error must not collect the last reward again
    return Error{Errc::episode_over, m.obs.error.substr(14)};
  }
  m.obs.error.clear();
  m.obs.step++;
  Status s = m.world->begin();
  if (s) {
    // One transaction: the input, the clock, the world events that fall due, the new view and
    // the goal. Any failure (an SQL error, a handler's own check, an exception, in a handler
    // or a view) rolls all of it back and the env shows the world as it was.
    try {
      s = m.route(a);
      if (s && !a.ends_episode()) {
        s = apps::pass_time(*m.world, a.kind == ActionKind::wait ? int64_t(a.ms)
                                      : a.kind == ActionKind::type ? 60 * int64_t(a.text.size()) + 100
                                                                   : 100);
      }
      if (s && !m.world->error()) m.rebuild();
      if (!s || m.world->error()) {
        Error e = m.world->error() ? *m.world->error() : s.error();  // the root cause
        m.world->rollback();
        s = e;
      } else {
        s = m.world->commit();
      }
    } catch (const std::exception& ex) {
      m.world->rollback();
      s = Error{Errc::internal, std::string("step failed: ") + ex.what()};
    }
  }
  if (!s) {
    m.obs.error = std::string(errc_name(s.error().code)) + ": " + s.error().message;
    try {
      m.rebuild();
    } catch (const std::exception& ex) {
      m.obs.error += std::string("; the view failed too: ") + ex.what();
    }
    m.settle(nullptr);  // a failed step still counts toward max_steps
    return s;
  }
  try {
    m.settle(&a);
  } catch (const std::exception& ex) {
    m.obs.error = std::string("internal: the goal failed: ") + ex.what();
  }
  return {};
}

const render::DisplayList& Env::display_list() const { return impl_->conv.list(); }

void Env::set_frame(const uint8_t* rgba) {
  Impl& m = *impl_;
  m.frame = rgba;
  m.obs.hash = render::frame_hash(rgba, size_t(m.cfg.width) * size_t(m.cfg.height) * 4);
  const bool tracked = m.damage.frame_ == rgba && !m.damage.dirty.empty();
  const int tx = (m.cfg.width + render::kTile - 1) / render::kTile;
  const int ty = (m.cfg.height + render::kTile - 1) / render::kTile;
  if (tracked) m.obs.dirty_tiles = m.damage.dirty;
  else m.obs.dirty_tiles.assign(size_t(tx) * size_t(ty), 1);
  m.obs.tiles_x = tx;
  m.obs.dirty_count = tracked ? m.damage.dirty_count : tx * ty;
}

render::Damage* Env::damage() { return &impl_->damage; }

Status Env::render_now(render::Renderer& r) {
  if (!impl_->world) return Error{Errc::invalid_argument, "env not reset"};
  impl_->own_frame.resize(size_t(impl_->cfg.width) * size_t(impl_->cfg.height) * 4);
  const render::DisplayList* l[] = {&impl_->conv.list()};
  render::Damage* d[] = {&impl_->damage};
  if (Status s = r.render(l, impl_->cfg.width, impl_->cfg.height, impl_->own_frame.data(), d); !s)
    return s;
  set_frame(impl_->own_frame.data());
  // After release_frame every tile was drawn; the observation reports the tiles that changed.
  if (!impl_->released_sig.empty()) {
    Impl& m = *impl_;
    if (m.released_sig.size() == m.damage.sig_.size()) {
      int count = 0;
      for (size_t t = 0; t < m.released_sig.size(); ++t) {
        m.obs.dirty_tiles[t] = m.released_sig[t] != m.damage.sig_[t];
        count += m.obs.dirty_tiles[t];
      }
      m.obs.dirty_count = count;
    }
    std::vector<uint64_t>().swap(m.released_sig);
  }
  return {};
}

void Env::release_frame() {
  impl_->frame = nullptr;
  std::vector<uint8_t>().swap(impl_->own_frame);
  impl_->released_sig = impl_->damage.sig_;  // what the frame held, tile by tile
  impl_->damage.invalidate();
}

void Env::keep_observation(const Observation& o) { impl_->obs = o; }

Status Env::step(const Action& a, render::Renderer& r) {
  if (!impl_->world) return Error{Errc::invalid_argument, "env not reset"};
  if (Status s = apply(a); !s && s.error().code == Errc::episode_over) return s;
  return render_now(r);  // a rolled-back step still shows its frame (obs().error says why)
}

Result<std::unique_ptr<Env>> Env::fork() const {
  auto snap = snapshot();  // the same fields restore() sets: one place decides what an env is
  if (!snap) return snap.error();
  auto e = std::make_unique<Env>(impl_->cfg);
  if (Status s = e->restore(*snap); !s) return s.error();
  Impl& m = *e->impl_;
  if (impl_->frame) {
    m.own_frame.assign(impl_->frame, impl_->frame + size_t(m.cfg.width) * m.cfg.height * 4);
    m.frame = m.own_frame.data();
  }
  return e;
}

struct EnvSnapshot::Data {
  state::Snapshot world;
  TaskInstance inst;
  const Task* task = nullptr;
  Observation obs;
  bool solved = false;
  state::Snapshot start;
  std::vector<uint8_t> reached;
};
const TaskInstance& EnvSnapshot::task() const { return d_->inst; }
int EnvSnapshot::step() const { return d_->obs.step; }
int64_t EnvSnapshot::bytes() const { return d_->world.bytes(); }

Result<EnvSnapshot> Env::snapshot() const {
  if (!impl_->world) return Error{Errc::invalid_argument, "env not reset"};
  auto w = impl_->world->snapshot();
  if (!w) return w.error();
  auto d = std::make_shared<EnvSnapshot::Data>();
  d->world = std::move(*w);
  d->inst = impl_->inst;
  d->task = impl_->task;
  d->obs = impl_->obs;
  d->solved = impl_->solved;
  d->start = impl_->start;
  d->reached = impl_->reached;
  EnvSnapshot s;
  s.d_ = std::move(d);
  return s;
}

Status Env::restore(const EnvSnapshot& s) {
  if (!s.valid()) return Error{Errc::invalid_argument, "restore from an empty snapshot"};
  Impl& m = *impl_;
  if (m.world) {
    if (Status st = m.world->restore(s.d_->world); !st) return st;
  } else {
    auto w = state::World::from(s.d_->world);
    if (!w) return w.error();
    m.world = std::move(*w);
  }
  m.inst = s.d_->inst;
  m.task = s.d_->task;
  m.obs = s.d_->obs;
  m.solved = s.d_->solved;
  m.start = s.d_->start;
  m.reached = s.d_->reached;
  m.frame = nullptr;
  m.view_valid = m.verdict_valid = false;
  try {
    m.rebuild();
  } catch (const std::exception& ex) {
    return Error{Errc::internal, "restore: the view failed: " + std::string(ex.what())};
  }
  return {};
}

const Observation& Env::obs() const { return impl_->obs; }
std::span<const uint8_t> Env::frame() const {
  if (!impl_->frame) return {};
  return {impl_->frame, size_t(impl_->cfg.width) * size_t(impl_->cfg.height) * 4};
}
const TaskInstance& Env::task() const { return impl_->inst; }
const Task* Env::task_def() const { return impl_->task; }
const EnvConfig& Env::config() const { return impl_->cfg; }
const EnvStats& Env::stats() const { return impl_->stats; }
std::vector<dom::A11yNode> Env::a11y() const { return impl_->tree.a11y(); }
std::string Env::a11y_text() const {
  return dom::Tree::a11y_text(impl_->tree.a11y(), impl_->cfg.set_of_marks);
}
state::World& Env::world() { return *impl_->world; }
const state::Snapshot& Env::start_world() const { return impl_->start; }
Result<WorldDiff> Env::changes() {
  if (!impl_->world) return Error{Errc::invalid_argument, "env not reset"};
  return impl_->changes();
}

Result<WorldDiff> changes_since(const state::Snapshot& start, state::World& now) {
  auto base = state::World::from(start);
  if (!base) return base.error();
  state::World& b = **base;
  if (Status s = b.begin(); !s) return s.error();
  if (Status s = apps::pass_time(b, now.now_ms() - b.now_ms()); !s) {
    b.rollback();
    return s.error();
  }
  if (Status s = b.commit(); !s) return s.error();
  // Both descend from the generated world (marked clean): a table neither changed is the same
  // on both sides and is not read (the catalogue, the mailbox no task touched).
  return diff_worlds(b, now, true);
}

std::pair<int, int> Env::mouse() const {
  if (!impl_->world) return {0, 0};
  return {int(impl_->world->ui_int_unrecorded(apps::ui::kMouseX, 0)),
          int(impl_->world->ui_int_unrecorded(apps::ui::kMouseY, 0))};
}

dom::Box Env::visible_box(const dom::A11yNode& n) const {
  const dom::Tree& t = impl_->tree;
  dom::Box b = n.box;
  auto clip = [&](const dom::Box& c) {
    const int x0 = std::max(b.x, c.x), y0 = std::max(b.y, c.y);
    const int x1 = std::min(b.x + b.w, c.x + c.w), y1 = std::min(b.y + b.h, c.y + c.h);
    b = x1 > x0 && y1 > y0 ? dom::Box{x0, y0, x1 - x0, y1 - y0} : dom::Box{0, 0, 0, 0};
  };
  clip({0, 0, impl_->cfg.width, impl_->cfg.height});
  const int i = n.key.empty() ? -1 : t.find(n.key);
  if (i >= 0) {
    if (!t.visible(i)) return {0, 0, 0, 0};
    for (int p = t.node(i).parent; p >= 0 && t.node(p).style.place == dom::Place::flow;
         p = t.node(p).parent)
      if (t.node(p).style.clip) clip(t.node(p).box);
  }
  return b;
}

bool Env::element_center(std::string_view key, int& x, int& y) const {
  const dom::Tree& t = impl_->tree;
  int i = t.find(key);
  if (i < 0 || !t.visible(i)) return false;
  const dom::Box& b = t.node(i).box;
  x = b.x + b.w / 2;
  y = b.y + b.h / 2;
  if (x < 0 || y < 0 || x >= impl_->cfg.width || y >= impl_->cfg.height) return false;
  // The centre of a partly clipped element may be outside its scroller: use the visible part.
  for (int p = t.node(i).parent; p >= 0 && t.node(p).style.place == dom::Place::flow;
       p = t.node(p).parent) {
    const dom::Node& pn = t.node(p);
    if (!pn.style.clip) continue;
    const int top = std::max(b.y, pn.box.y), bottom = std::min(b.y + b.h, pn.box.y + pn.box.h);
    if (bottom <= top) return false;
    y = (top + bottom) / 2;
  }
  return true;
}

}  // namespace facsim::sim
