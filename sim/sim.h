// sim: environments - a world, its apps, the last layout and the last frame - stepped by
// mouse/keyboard actions, in batches, with tasks, verifiers, oracle policies and replay.
//
// How to use:
//   auto r = render::create_renderer({.backend = render::Backend::cpu});
//   sim::BatchEnv batch({.envs = 16, .threads = 2}, **r);
//   batch.reset_all("mail.open_email", /*first_seed=*/1);
//   std::vector<sim::Action> acts(16, sim::Action::click(640, 300));
//   batch.step(acts);  const sim::Observation& o = batch.obs(0);   // frame, hash, reward, done
//   sim::Episode ep = sim::run_oracle("mail.open_email", 7, **r);   // ep.success, ep.hashes
// An Env is single-threaded; BatchEnv runs app logic on a thread pool and renders the whole
// batch in one renderer call. Frames are pure functions of (world, window size).
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base.h"

namespace facsim::state {
class World;
}
namespace facsim::dom {
class Tree;
struct A11yNode;
}
namespace facsim::render {
class Renderer;
class DisplayList;
struct Damage;
}

namespace facsim::sim {

enum class ActionKind : uint8_t { noop, move, click, scroll, type, key, wait, down, up };
const char* action_kind_name(ActionKind k);

// Modifier bits for pointer actions (keys spell them in the name: "Control+Shift+ArrowLeft").
enum Mod : uint8_t { kShift = 1, kCtrl = 2, kAlt = 4, kMeta = 8 };

// One input event, as a browser would get it. click = down + up at one point; two clicks
// within 500 virtual ms and 4 px make a double click (word selection), three a triple click.
// Drag = down, moves, up: it selects text in fields and drags scrollbar thumbs.
struct Action {
  ActionKind kind = ActionKind::noop;
  int x = 0, y = 0;        // move, click, scroll, down, up: pointer position in window pixels
  int dy = 0;              // scroll: pixels, positive scrolls the content up (wheel down)
  std::string text;        // type: UTF-8 text; key: [Mod+]...Key, e.g. "Enter", "Control+a"
  int ms = 0;              // wait: virtual milliseconds to let pass (1 .. kMaxWaitMs)
  int button = 0;          // click, down, up: 0 left, 1 middle, 2 right (context menu)
  int mods = 0;            // click, down, up, scroll: Mod bits held
  static Action noop() { return {}; }
  static Action move(int x, int y) { return {ActionKind::move, x, y}; }
  static Action click(int x, int y, int mods = 0) {
    return {ActionKind::click, x, y, 0, {}, 0, 0, mods};
  }
  static Action right_click(int x, int y) { return {ActionKind::click, x, y, 0, {}, 0, 2}; }
  static Action down(int x, int y, int mods = 0) {
    return {ActionKind::down, x, y, 0, {}, 0, 0, mods};
  }
  static Action up(int x, int y) { return {ActionKind::up, x, y}; }
  static Action scroll(int x, int y, int dy) { return {ActionKind::scroll, x, y, dy}; }
  static Action type(std::string t) { return {ActionKind::type, 0, 0, 0, std::move(t)}; }
  static Action key(std::string k) { return {ActionKind::key, 0, 0, 0, std::move(k)}; }
  static Action wait(int ms) { return {ActionKind::wait, 0, 0, 0, {}, ms}; }
};
constexpr int kMaxWaitMs = 600 * 1000;  // ten virtual minutes per wait action
bool operator==(const Action& a, const Action& b);
std::string to_json(const Action& a);                   // {"kind":"click","x":10,"y":20}
Result<Action> action_from_json(std::string_view json);  // the inverse; clear errors

struct Observation {
  int step = 0;
  uint64_t hash = 0;       // xxHash64 of the frame
  double reward = 0;
  bool done = false;
  bool success = false;    // the verifier's verdict on the current world
  std::string error;       // the last action's error (the world was rolled back), or empty
  std::string cursor = "default";  // "pointer" over clickable elements, "text" over fields
  // Damage: one byte per 16x16 tile, row-major (tiles_x per row); 1 where the pixels were
  // drawn again since this env's previous frame (all 1 on a first frame). Ship deltas with it.
  std::vector<uint8_t> dirty_tiles;
  int tiles_x = 0;
  int dirty_count = 0;
};

// ---- tasks ----
struct TaskInstance {
  std::string task;        // registry name, e.g. "mail.open_email"
  uint64_t seed = 0;
  std::string instruction; // natural language, e.g. "Open the email from Ana Lopez about ..."
  std::vector<std::pair<std::string, std::string>> params;  // task-specific, e.g. target=42
  std::string param(std::string_view key) const;
  int64_t param_int(std::string_view key) const;
};

class Env;

// A whole env state (world pages, task instance, episode progress): cheap, shares pages, any
// thread. Restore it into any env of the same task set; fork()/restore() are built on it.
class EnvSnapshot {
 public:
  bool valid() const { return bool(d_); }
  const TaskInstance& task() const;
  int step() const;
  int64_t bytes() const;  // world database size
  struct Data;

 private:
  friend class Env;
  std::shared_ptr<const Data> d_;
};

struct Task {
  std::string_view name;
  std::string_view summary;
  std::string_view app;      // the app the episode opens in
  int max_steps = 12;
  // Seeded setup on a freshly generated world; fills the instance's instruction and params.
  // Draws only from `rng`, the template's own stream (salted by its name and the seed).
  Status (*setup)(state::World& w, Rng& rng, TaskInstance& inst) = nullptr;
  // Reads the world (SQL), never the pixels.
  bool (*verify)(state::World& w, const TaskInstance& inst) = nullptr;
  // Next action from the current layout (accessibility tree) alone.
  Action (*oracle)(const Env& env, const TaskInstance& inst, int step) = nullptr;
};
const std::vector<Task>& tasks();
const Task* find_task(std::string_view name);

// ---- one environment ----
// Appearance: light (the reference look), dark, or drawn from the seed (light/dark, density
// and font scale vary per environment, so agents train across appearances).
enum class Appearance : uint8_t { light, dark, seeded };
Result<Appearance> parse_appearance(std::string_view s);  // "light" | "dark" | "seeded"

struct EnvConfig {
  int width = 1280, height = 800;
  Appearance appearance = Appearance::light;
  bool set_of_marks = false;  // draw numbered boxes over interactive elements (a11y marks)
  // Reuse the view, layout, verdict and primitives of the last step while nothing they read
  // from the world changed (state::Deps). false: redo everything every step (the memo test
  // compares the two; the results are the same bytes).
  bool memo = true;
};

// What the memos saved (EnvConfig::memo): counts since the env was made.
struct EnvStats {
  int64_t views = 0, views_reused = 0;        // view builds asked for / answered by the memo
  int64_t subtrees_reused = 0;                // keyed subtrees kept by builds (dom::Tree::reuse)
  int64_t verdicts = 0, verdicts_reused = 0;
  int64_t prims = 0, prims_reused = 0;        // primitives recorded / copied from the last step
  int64_t prims_moved = 0;                    // of those, copied moved (dom::Repeat with a move)
  int64_t commands_repainted = 0;             // draw commands copied by the dom (Tree::repaint)
};

// What a reset makes: a world for `seed` (generated once per seed and process, then forked),
// the task's setup, and the app (and route) the shell opens.
struct ResetSpec {
  std::string task;      // registry name; "" = no task: the app alone (no reward, never done)
  uint64_t seed = 0;
  std::string app;       // "" = the task's app, or the first registered app
  std::string route;     // the app's route, as its address bar spells it ("#starred"); "" = start
};

class Env {
 public:
  explicit Env(EnvConfig cfg = {});
  ~Env();
  Env(Env&&) noexcept;
  Env& operator=(Env&&) noexcept;

  // New world from `seed`, task setup, first view. Renders nothing: call render_now() or a
  // batch's render. Any failure (unknown task or app, a setup error, an exception) is returned
  // and leaves the env as it was.
  Status reset(const ResetSpec& spec);
  Status reset(std::string_view task, uint64_t seed) { return reset({std::string(task), seed}); }
  // Applies one action in one transaction (rolled back on error) and rebuilds the view.
  void apply(const Action& a);
  // The display list of the current view (valid until the next apply/reset).
  const render::DisplayList& display_list() const;
  // The frame the renderer produced for this env (not copied: it must outlive its use).
  void set_frame(const uint8_t* rgba);
  // Damage-tracking state for the buffer this env's frames are rendered into (BatchEnv passes
  // it to the renderer; set_frame copies the dirty tiles into the observation).
  render::Damage* damage();

  // Convenience for single envs: apply + render + set_frame with `r`.
  Status step(const Action& a, render::Renderer& r);
  Status render_now(render::Renderer& r);

  Result<std::unique_ptr<Env>> fork() const;     // an independent env, frame included
  Result<EnvSnapshot> snapshot() const;
  // Becomes exactly the snapshot (world, task, step, reward state); the frame must be rendered
  // again (render_now, or the batch's next render) and gets the snapshot's hash.
  Status restore(const EnvSnapshot& s);

  const Observation& obs() const;
  std::span<const uint8_t> frame() const;      // width * height * 4 RGBA8
  const TaskInstance& task() const;
  const EnvConfig& config() const;
  const EnvStats& stats() const;
  std::vector<dom::A11yNode> a11y() const;
  std::string a11y_text() const;
  state::World& world();
  // The centre of the element with stable key `key`, if it is laid out and visible.
  bool element_center(std::string_view key, int& x, int& y) const;

 private:
  Status reset_impl(const ResetSpec& spec);
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// ---- batches ----
struct BatchConfig {
  int envs = 1;
  int threads = 0;          // app-logic threads; 0 = hardware concurrency
  EnvConfig env;
};

class BatchEnv {
 public:
  BatchEnv(const BatchConfig& cfg, render::Renderer& r);
  ~BatchEnv();
  // Env i gets seed first_seed + i; all render in one renderer call. An env whose reset fails
  // keeps what it had (its observation's error says why); the others are reset and rendered,
  // and the first failure is returned.
  Status reset_all(std::string_view task, uint64_t first_seed);
  Status reset(std::span<const std::string> tasks, std::span<const uint64_t> seeds);
  Status step(std::span<const Action> actions);   // one action per env
  int size() const;
  Env& env(int i);
  const Observation& obs(int i) const;
  const uint8_t* frame(int i) const;              // into the batch's frame buffer

 private:
  Status render_all();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// ---- episodes ----
struct Episode {
  std::string task;
  uint64_t seed = 0;
  int width = 1280, height = 800;
  std::string instruction;
  std::vector<Action> actions;
  std::vector<uint64_t> hashes;   // hashes[0]: after reset; hashes[i]: after actions[i-1]
  std::vector<double> rewards;
  bool success = false;
};
std::string episode_to_json(const Episode& e);
Result<Episode> episode_from_json(std::string_view json);

enum class Policy { oracle, noop };
// The policy's next action for the env (the oracle reads only the a11y tree and the task's
// parameters). An oracle that throws or an env without a task is an error, never a crash.
Result<Action> next_action(Policy policy, const Env& env);

// The one rollout loop (CLI, tests, viewer's runs): resets `batch` to one (task, seed) each,
// then steps every env with `policy` until its episode is done (or max_steps). `on_frame`
// (optional) sees env i's episode so far and its frame after the reset and after each of
// its steps; an error it returns stops the rollout.
using FrameHook = std::function<Status(int env, const Episode& e, const uint8_t* rgba)>;
Result<std::vector<Episode>> rollout(BatchEnv& batch, std::span<const std::string> tasks,
                                     std::span<const uint64_t> seeds, Policy policy,
                                     const FrameHook& on_frame = {});
// Runs one episode of `policy` to done or max_steps. frames_out (optional) gets every frame.
Result<Episode> run_episode(std::string_view task, uint64_t seed, Policy policy,
                            render::Renderer& r, const EnvConfig& cfg = {},
                            std::vector<std::vector<uint8_t>>* frames_out = nullptr);
// Re-executes the episode; fails (Errc::determinism) at the first differing frame hash.
Status replay(const Episode& e, render::Renderer& r);

}  // namespace facsim::sim
