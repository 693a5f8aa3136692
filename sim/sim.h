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
class Snapshot;
}
namespace facsim::dom {
class Tree;
struct A11yNode;
struct Box;
}
namespace facsim::render {
class Renderer;
class DisplayList;
struct Damage;
}

namespace facsim::sim {

enum class ActionKind : uint8_t {
  noop, move, click, scroll, type, key, wait, down, up,
  answer,      // the agent's reply to a question task (text); ends the episode
  done,        // the agent says it has finished; ends the episode
  infeasible,  // the agent says the request cannot be done (text: why); ends the episode
  drag,        // button down at path[0], moves along the path, up at its end: one step
  seq,         // several actions as one step (BrowserGym's fill, a batch of OpenAI actions)
};
const char* action_kind_name(ActionKind k);

// Modifier bits for pointer actions (keys spell them in the name: "Control+Shift+ArrowLeft").
enum Mod : uint8_t { kShift = 1, kCtrl = 2, kAlt = 4, kMeta = 8 };

// One step of input, as a browser would get it. click = down + up at one point, `count` times
// (2: a double click, selecting a word; 3: a triple click) in one step; a drag is one step
// too (down, the moves of its path, up), selecting text and dragging scrollbar thumbs. A
// composite step's events each see the view the one before left. `type` turns "\n" and "\t"
// into Enter and Tab; with no text field focused its characters are key presses (Gmail's
// shortcuts), and one that nothing takes is an error (the step changes nothing).
struct Action {
  ActionKind kind = ActionKind::noop;
  int x = 0, y = 0;        // move, click, scroll, down, up: pointer position in window pixels
  int dy = 0;              // scroll: pixels, positive scrolls the content up (wheel down)
  std::string text;        // type: UTF-8 text; key: [Mod+]...Key, e.g. "Enter", "Control+a";
                           // answer: the reply; infeasible: the reason
  int ms = 0;              // wait: virtual milliseconds to let pass (1 .. kMaxWaitMs)
  int button = 0;          // click, down, up: 0 left, 1 middle, 2 right (context menu)
  int mods = 0;            // click, down, up, scroll, drag: Mod bits held
  int count = 1;           // click: 1, 2 (double) or 3 (triple)
  int dx = 0;              // scroll: horizontal pixels (positive: content moves left)
  std::vector<std::pair<int, int>> path;  // drag: the points, from where it starts (>= 2)
  std::vector<Action> steps;  // seq: the actions, in order (none of them seq or an ending)
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
  static Action answer(std::string t) { return {ActionKind::answer, 0, 0, 0, std::move(t)}; }
  static Action done() { return {ActionKind::done}; }
  static Action infeasible(std::string why) {
    return {ActionKind::infeasible, 0, 0, 0, std::move(why)};
  }
  static Action clicks(int x, int y, int count, int button = 0, int mods = 0) {
    Action a{ActionKind::click, x, y, 0, {}, 0, button, mods};
    a.count = count;
    return a;
  }
  static Action seq(std::vector<Action> steps) {
    Action a{ActionKind::seq};
    a.steps = std::move(steps);
    return a;
  }
  static Action drag(std::vector<std::pair<int, int>> path, int mods = 0) {
    Action a{ActionKind::drag};
    a.mods = mods;
    if (!path.empty()) a.x = path.front().first, a.y = path.front().second;
    a.path = std::move(path);
    return a;
  }
  bool ends_episode() const {
    return kind == ActionKind::answer || kind == ActionKind::done ||
           kind == ActionKind::infeasible;
  }
};
constexpr int kMaxWaitMs = 600 * 1000;  // ten virtual minutes per wait action
constexpr int kMaxPath = 64;             // points of a drag
constexpr int kMaxSeq = 32;              // actions of a seq
// A key in any common spelling - DOM/Playwright ("Control+ArrowLeft"), xdotool ("ctrl+Left",
// "Return", "Page_Down", "KP_Enter"), pyautogui ("pgdn", "enter", "win") - case-insensitive,
// F1-F12, modifiers (ctrl/control, alt/option, shift, super/meta/cmd/win): the canonical DOM
// name ("Control+Shift+Enter"), or an error naming what is unknown.
Result<std::string> normalize_key(std::string_view key);
// Modifier names ("ctrl+shift", "Control", "cmd", ...) as Mod bits.
Result<int> parse_mods(std::string_view mods);
bool operator==(const Action& a, const Action& b);
std::string to_json(const Action& a);                   // {"kind":"click","x":10,"y":20}
Result<Action> action_from_json(std::string_view json);  // the inverse; clear errors

struct Observation {
  int step = 0;
  uint64_t hash = 0;       // xxHash64 of the frame
  double reward = 0;
  // The episode ended: terminated (the goal was reached, or the agent answered, said done or
  // infeasible) or truncated (max_steps). done = terminated || truncated. A step after the
  // end is refused (Errc::episode_over) and changes nothing.
  bool terminated = false, truncated = false;
  bool done = false;
  bool success = false;    // the verifier's verdict (set when the episode ends)
  std::string verdict;     // why the verifier decided so ("", or e.g. "collateral: ...")
  // Milestones of the task reached now, in the task's order (names in Task::milestones).
  std::vector<uint8_t> milestones;
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

// ---- world diffs: what an episode changed ----
struct Value {             // one SQL value: its type (SQLITE_INTEGER 1 ... NULL 5) and text
  int type = 5;
  std::string text;
  bool operator==(const Value& o) const;
  std::string sql() const;  // as an SQL literal
};
struct RowChange {
  enum class Kind : uint8_t { inserted, deleted, updated } kind = Kind::updated;
  std::string table, key;             // key: the primary key as text ("42", "a|b" when composite)
  std::vector<std::string> columns;   // every column of the table
  std::vector<Value> before, after;   // every value (before empty: inserted; after: deleted)
  std::vector<int> changed;           // updated: the columns that changed
};
struct WorldDiff {
  std::vector<RowChange> rows;        // tables by name, rows by key
  bool empty() const { return rows.empty(); }
  const RowChange* find(std::string_view table, std::string_view key) const;
  std::string describe(size_t max_rows = 6) const;   // "~mail_messages[12] starred:0->1; ..."
};
// Tables no verifier counts: the shell's session and bookkeeping (ui, ui_history, meta,
// events), an app's UI session state (tables named <app>_ui_*) and task scratch (task_*).
bool is_session_table(std::string_view table);
// The tables a verifier reads, by name: ordinary tables that are not session tables (a
// virtual table such as a full-text index, and its shadow tables, hold derived data).
std::vector<std::string> app_tables(state::World& w);
// Every other table compared by primary key (rowid where there is none).
// skip_unchanged: the two worlds descend from one world marked clean (state::World::
// mark_clean), and a table neither changed since is left out unread.
Result<WorldDiff> diff_worlds(state::World& before, state::World& after, bool skip_unchanged = false);

// ---- tasks ----
// How an episode ended, for the verifier.
struct Ending {
  enum class Kind : uint8_t { goal, answer, done, infeasible, truncated } kind = Kind::goal;
  std::string text;  // answer: the reply; infeasible: the reason
};
struct Verdict {
  bool success = false;
  std::string why;   // what failed ("collateral: ~mail_messages[7] starred:0->1", ...)
};
struct Milestone {
  std::string_view name;                                         // "draft exists"
  bool (*reached)(state::World& w, const TaskInstance& inst) = nullptr;  // reads the world
};

struct Task {
  std::string_view name;
  std::string_view summary;
  std::string_view app;      // the app the episode opens in
  std::string_view tags;     // "easy,search": difficulty (easy|medium|hard) then skills
  int max_steps = 12;
  // Seeded setup on a freshly generated world; fills the instance's instruction and params.
  // Draws only from `rng`, the template's own stream (salted by its name and the seed).
  Status (*setup)(state::World& w, Rng& rng, TaskInstance& inst) = nullptr;
  // The goal, checked after every step (memoized on what it reads): when it holds, the
  // episode terminates and `check` decides. nullptr: the episode ends only by answer, done,
  // infeasible or max_steps.
  bool (*goal)(state::World& w, const TaskInstance& inst) = nullptr;
  // The verdict when the episode terminates: the world at the end, what the agent changed
  // (the diff against the start world with the same virtual time passed, so mail that
  // arrived on its own is not the agent's doing) and how it ended. Never the pixels.
  Verdict (*check)(state::World& end, const WorldDiff& changes, const TaskInstance& inst,
                   const Ending& ending) = nullptr;
  // Next action from the current layout (accessibility tree) alone.
  Action (*oracle)(const Env& env, const TaskInstance& inst, int step) = nullptr;
  std::vector<Milestone> milestones;
  // Changes the instruction allows besides its own, "table.column=value" (value optional),
  // comma-separated, e.g. "mail_messages.unread=0" (reading an email marks it read). The
  // verifier tolerates them and the mutation gate does not make them.
  std::string_view allows;
};
// What was changed in `now` since the world `start`, with the same virtual time passed in
// `start` (its own scheduled events fired): the agent's doing, not the living world's.
Result<WorldDiff> changes_since(const state::Snapshot& start, state::World& now);
// The registered task templates. Defined by the tasks library (tasks/registry.cpp), which
// every binary that links sim links too: sim runs tasks and never includes a template.
const std::vector<Task>& tasks();
const Task* find_task(std::string_view name);

// ---- one environment ----
// Appearance: light (the reference look), dark, or drawn from the seed (light/dark, density
// and font scale vary per environment, so agents train across appearances).
enum class Appearance : uint8_t { light, dark, seeded };
Result<Appearance> parse_appearance(std::string_view s);  // "light" | "dark" | "seeded"

enum class RewardMode : uint8_t {
  sparse,      // 1 when the episode ends in success
  milestones,  // progress: each milestone the first time it is reached, the rest at success
};

struct EnvConfig {
  int width = 1280, height = 800;
  RewardMode reward_mode = RewardMode::sparse;
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

struct Task;

// What a reset makes: a world for `seed` (generated once per seed and process, then forked),
// the task's setup, and the app (and route) the shell opens.
struct ResetSpec {
  std::string task;      // registry name; "" = no task: the app alone (no reward, never done)
  uint64_t seed = 0;
  std::string app;       // "" = the task's app, or the first registered app
  std::string route;     // the app's route, as its address bar spells it ("#starred"); "" = start
  // A template not in the registry (the audit of a template being written, tests); `task` is
  // then only its name. It must outlive the env.
  const Task* custom = nullptr;
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
  // Applies one action in one transaction (rolled back on error) and rebuilds the view. After
  // the episode's end it is refused (Errc::episode_over) and changes nothing; other errors are
  // the step's (obs().error) and roll it back.
  Status apply(const Action& a);
  // The display list of the current view (valid until the next apply/reset).
  const render::DisplayList& display_list() const;
  // The frame the renderer produced for this env (not copied: it must outlive its use).
  void set_frame(const uint8_t* rgba);
  // Damage-tracking state for the buffer this env's frames are rendered into (BatchEnv passes
  // it to the renderer; set_frame copies the dirty tiles into the observation).
  render::Damage* damage();

  // Convenience for single envs: apply + render + set_frame with `r`.
  Status step(const Action& a, render::Renderer& r);  // errors: as apply(), or rendering
  Status render_now(render::Renderer& r);
  // Frees the frame this env owns (a server holding many envs keeps only the recent ones'):
  // frame() is empty until the next render, which draws every tile but reports as dirty only
  // the tiles whose content changed (as if the frame had been kept). Hash and obs stay.
  void release_frame();
  // Puts back an observation taken before a render that only redrew a released frame.
  void keep_observation(const Observation& o);

  Result<std::unique_ptr<Env>> fork() const;     // an independent env, frame included
  Result<EnvSnapshot> snapshot() const;
  // Becomes exactly the snapshot (world, task, step, reward state); the frame must be rendered
  // again (render_now, or the batch's next render) and gets the snapshot's hash.
  Status restore(const EnvSnapshot& s);

  const Observation& obs() const;
  std::span<const uint8_t> frame() const;      // width * height * 4 RGBA8
  const TaskInstance& task() const;
  const Task* task_def() const;                 // the template (nullptr: no task)
  const EnvConfig& config() const;
  const EnvStats& stats() const;
  std::vector<dom::A11yNode> a11y() const;
  std::string a11y_text() const;
  state::World& world();
  const state::Snapshot& start_world() const;   // the world after the task's setup
  Result<WorldDiff> changes();                  // changes_since(start_world(), world())
  // The centre of the element with stable key `key`, if it is laid out and visible.
  bool element_center(std::string_view key, int& x, int& y) const;
  // The part of a11y node `n` (from a11y()) that shows: its box clipped to the window and to
  // the scrolling containers around it (w = h = 0: not on screen).
  dom::Box visible_box(const dom::A11yNode& n) const;
  std::pair<int, int> mouse() const;            // where the pointer is (0, 0 before any)

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
  // f(i, env(i)) for every env at once on the batch's threads (steps, resets, several actions:
  // whatever f does), then one render of the whole batch. f's failures are its own to record.
  Status update(const std::function<void(int, Env&)>& f);
  // f(i) for every env index at once on the batch's threads (nothing rendered).
  void each(const std::function<void(int)>& f);
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

// random: 50-step-style noise for the gates, seeded by the task's seed and the step (clicks,
// wheel, keys and typing inside the window; never an ending).
enum class Policy { oracle, noop, random };
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
