// Episodes: JSON (de)serialisation, running a policy, replay with hash checking.
#include <boost/json.hpp>

#include "renderer.h"
#include "sim.h"

namespace facsim::sim {

namespace json = boost::json;

std::string to_json(const Action& a) {
  json::object o;
  o["kind"] = action_kind_name(a.kind);
  if (a.kind == ActionKind::move || a.kind == ActionKind::click || a.kind == ActionKind::scroll ||
      a.kind == ActionKind::down || a.kind == ActionKind::up) {
    o["x"] = a.x;
    o["y"] = a.y;
  }
  if (a.button == 1) o["button"] = "middle";
  if (a.button == 2) o["button"] = "right";
  if (a.mods) {
    std::string m;
    for (auto [bit, name] : {std::pair{kShift, "shift"}, {kCtrl, "ctrl"}, {kAlt, "alt"},
                             {kMeta, "meta"}})
      if (a.mods & bit) {
        if (!m.empty()) m += '+';
        m += name;
      }
    o["mods"] = m;
  }
  if (a.kind == ActionKind::scroll) o["dy"] = a.dy;
  if (a.kind == ActionKind::scroll && a.dx) o["dx"] = a.dx;
  if (a.kind == ActionKind::click && a.count != 1) o["count"] = a.count;
  if (a.kind == ActionKind::seq) {
    json::array st;
    for (const Action& sub : a.steps) st.push_back(json::parse(to_json(sub)));
    o["steps"] = std::move(st);
  }
  if (a.kind == ActionKind::drag) {
    json::array p;
    for (const auto& [x, y] : a.path) p.push_back(json::array{x, y});
    o["path"] = std::move(p);
  }
  if (a.kind == ActionKind::type) o["text"] = a.text;
  if (a.kind == ActionKind::key) o["key"] = a.text;
  if (a.kind == ActionKind::wait) o["ms"] = a.ms;
  if (a.kind == ActionKind::answer) o["text"] = a.text;
  if (a.kind == ActionKind::infeasible) o["reason"] = a.text;
  return json::serialize(o);
}

namespace {

// An integer; a JSON float rounds to the nearest (agents send 612.4 for a pixel).
Result<int> number(const json::value& v, std::string_view k) {
  double d = 0;
  if (v.is_int64()) d = double(v.as_int64());
  else if (v.is_uint64()) d = double(v.as_uint64());
  else if (v.is_double()) d = v.as_double();
  else return Error{Errc::invalid_argument, "\"" + std::string(k) + "\" must be a number"};
  if (!(d >= -1000000 && d <= 1000000))
    return Error{Errc::invalid_argument, "\"" + std::string(k) + "\" is out of range"};
  return int(d < 0 ? d - 0.5 : d + 0.5);
}
Result<int> get_int(const json::object& o, const char* k) {
  auto it = o.find(k);
  if (it == o.end()) return Error{Errc::invalid_argument, std::string("action needs \"") + k + "\""};
  return number(it->value(), k);
}

Result<std::string> get_str(const json::object& o, const char* k) {
  auto it = o.find(k);
  if (it == o.end() || !it->value().is_string())
    return Error{Errc::invalid_argument, std::string("action needs string \"") + k + "\""};
  return std::string(it->value().as_string());
}

Result<Action> action_from_value(const json::value& v) {
  if (!v.is_object()) return Error{Errc::invalid_argument, "action must be a JSON object"};
  const json::object& o = v.as_object();
  static constexpr std::string_view kFields[] = {"kind", "x", "y", "dy", "dx", "text", "key",
                                                 "ms", "button", "mods", "count", "path",
                                                 "reason", "steps"};
  for (const auto& kv : o)
    if (std::find(std::begin(kFields), std::end(kFields), std::string_view(kv.key())) ==
        std::end(kFields))
      return Error{Errc::invalid_argument, "unknown action field \"" + std::string(kv.key()) + "\""};
  auto kind = get_str(o, "kind");
  if (!kind) return kind.error();
  Action a;
  const std::string& k = *kind;
  if (k == "noop") return a;
  if (k == "wait") {
    auto ms = get_int(o, "ms");
    if (!ms) return ms.error();
    if (*ms < 1 || *ms > kMaxWaitMs)
      return Error{Errc::invalid_argument, "\"ms\" must be 1 .. " + std::to_string(kMaxWaitMs)};
    a.kind = ActionKind::wait;
    a.ms = *ms;
    return a;
  }
  if (k == "seq") {
    auto it = o.find("steps");
    if (it == o.end() || !it->value().is_array())
      return Error{Errc::invalid_argument, "seq needs \"steps\": [action, ...]"};
    std::vector<Action> steps;
    for (const json::value& sub : it->value().as_array()) {
      auto one = action_from_value(sub);
      if (!one) return one.error();
      if (one->kind == ActionKind::seq || one->ends_episode())
        return Error{Errc::invalid_argument, "a seq cannot hold a seq or an ending"};
      steps.push_back(std::move(*one));
    }
    if (steps.empty() || steps.size() > size_t(kMaxSeq))
      return Error{Errc::invalid_argument, "a seq holds 1 .. " + std::to_string(kMaxSeq) + " actions"};
    return Action::seq(std::move(steps));
  }
  if (k == "drag") {
    auto it = o.find("path");
    if (it == o.end() || !it->value().is_array())
      return Error{Errc::invalid_argument, "drag needs \"path\": [[x, y], ...]"};
    std::vector<std::pair<int, int>> path;
    for (const json::value& p : it->value().as_array()) {
      if (!p.is_array() || p.as_array().size() != 2)
        return Error{Errc::invalid_argument, "a drag's path holds [x, y] pairs"};
      auto x = number(p.as_array()[0], "x"), y = number(p.as_array()[1], "y");
      if (!x) return x.error();
      if (!y) return y.error();
      path.emplace_back(*x, *y);
    }
    if (path.size() < 2 || path.size() > size_t(kMaxPath))
      return Error{Errc::invalid_argument, "a drag needs 2 .. " + std::to_string(kMaxPath) + " points"};
    int mods = 0;
    if (auto m = o.find("mods"); m != o.end()) {
      if (!m->value().is_string()) return Error{Errc::invalid_argument, "\"mods\" must be a string"};
      auto bits = parse_mods(std::string_view(m->value().as_string()));
      if (!bits) return bits.error();
      mods = *bits;
    }
    return Action::drag(std::move(path), mods);
  }
  if (k == "move" || k == "click" || k == "scroll" || k == "down" || k == "up") {
    auto x = get_int(o, "x"), y = get_int(o, "y");
    if (!x) return x.error();
    if (!y) return y.error();
    a.kind = k == "move"     ? ActionKind::move
             : k == "click"  ? ActionKind::click
             : k == "scroll" ? ActionKind::scroll
             : k == "down"   ? ActionKind::down
                             : ActionKind::up;
    if (auto it = o.find("button"); it != o.end()) {
      const json::string* b = it->value().if_string();
      if (!b || (*b != "left" && *b != "middle" && *b != "right"))
        return Error{Errc::invalid_argument, "\"button\" must be \"left\", \"middle\" or \"right\""};
      a.button = *b == "left" ? 0 : *b == "middle" ? 1 : 2;
    }
    if (auto it = o.find("mods"); it != o.end()) {
      const json::string* m = it->value().if_string();
      if (!m) return Error{Errc::invalid_argument, "\"mods\" must be a string like \"ctrl+shift\""};
      auto bits = parse_mods(std::string_view(*m));
      if (!bits) return bits.error();
      a.mods = *bits;
    }
    a.x = *x;
    a.y = *y;
    if (k == "scroll") {
      if (!o.contains("dy") && !o.contains("dx"))
        return Error{Errc::invalid_argument, "scroll needs \"dy\" (and/or \"dx\")"};
      if (o.contains("dy")) {
        auto dy = get_int(o, "dy");
        if (!dy) return dy.error();
        a.dy = *dy;
      }
      if (o.contains("dx")) {
        auto dx = get_int(o, "dx");
        if (!dx) return dx.error();
        a.dx = *dx;
      }
    }
    if (o.contains("count")) {
      auto n = get_int(o, "count");
      if (!n) return n.error();
      if (k != "click" || *n < 1 || *n > 3)
        return Error{Errc::invalid_argument, "\"count\" is a click's: 1, 2 or 3"};
      a.count = *n;
    }
    return a;
  }
  if (k == "type") {
    auto t = get_str(o, "text");
    if (!t) return t.error();
    a.kind = ActionKind::type;
    a.text = *t;
    return a;
  }
  if (k == "key") {
    auto t = get_str(o, "key");
    if (!t) return t.error();
    auto norm = normalize_key(*t);  // unknown keys are refused here, before any step
    if (!norm) return norm.error();
    a.kind = ActionKind::key;
    a.text = *norm;
    return a;
  }
  if (k == "answer") {
    auto t = get_str(o, "text");
    if (!t) return t.error();
    return Action::answer(*t);
  }
  if (k == "done") return Action::done();
  if (k == "infeasible") {
    std::string why;
    if (auto it = o.find("reason"); it != o.end()) {
      if (!it->value().is_string())
        return Error{Errc::invalid_argument, "\"reason\" must be a string"};
      why = std::string(it->value().as_string());
    }
    return Action::infeasible(why);
  }
  return Error{Errc::invalid_argument,
               "unknown action kind '" + k + "' (noop, move, click, down, up, drag, scroll, "
               "type, key, wait, answer, done, infeasible)"};
}

}  // namespace

Result<Action> action_from_json(std::string_view text) {
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec) return Error{Errc::invalid_argument, "malformed JSON: " + ec.message()};
  return action_from_value(v);
}

std::string episode_to_json(const Episode& e) {
  json::object o;
  o["task"] = e.task;
  o["seed"] = e.seed;
  o["width"] = e.width;
  o["height"] = e.height;
  o["instruction"] = e.instruction;
  o["success"] = e.success;
  json::array acts, hashes, rewards;
  for (const Action& a : e.actions) acts.push_back(json::parse(to_json(a)));
  for (uint64_t h : e.hashes) hashes.push_back(json::value(render::hash_hex(h)));
  for (double r : e.rewards) rewards.push_back(r);
  o["actions"] = std::move(acts);
  o["hashes"] = std::move(hashes);
  o["rewards"] = std::move(rewards);
  return json::serialize(o);
}

Result<Episode> episode_from_json(std::string_view text) {
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec || !v.is_object()) return Error{Errc::invalid_argument, "episode: malformed JSON"};
  const json::object& o = v.as_object();
  Episode e;
  try {
    e.task = std::string(o.at("task").as_string());
    e.seed = o.at("seed").to_number<uint64_t>();
    e.width = o.at("width").to_number<int>();
    e.height = o.at("height").to_number<int>();
    e.instruction = std::string(o.at("instruction").as_string());
    e.success = o.at("success").as_bool();
    for (const auto& a : o.at("actions").as_array()) {
      auto act = action_from_value(a);
      if (!act) return act.error();
      e.actions.push_back(*act);
    }
    for (const auto& h : o.at("hashes").as_array())
      e.hashes.push_back(std::stoull(std::string(h.as_string()), nullptr, 16));
    for (const auto& r : o.at("rewards").as_array()) e.rewards.push_back(r.to_number<double>());
  } catch (const std::exception& ex) {
    return Error{Errc::invalid_argument, std::string("episode: ") + ex.what()};
  }
  if (e.hashes.size() != e.actions.size() + 1)
    return Error{Errc::invalid_argument, "episode: needs one hash per action plus the reset"};
  return e;
}

namespace {
// The gates' random policy: input noise inside the window, a function of (seed, step) only.
Action random_action(const Env& env) {
  Rng r = Rng::stream(env.task().seed * 1000003ull + uint64_t(env.obs().step), "random-policy");
  const int w = env.config().width, h = env.config().height;
  const int x = int(r.below(uint32_t(w))), y = int(r.below(uint32_t(h)));
  static const char* kKeys[] = {"Enter", "Tab", "Escape", "Backspace", "ArrowDown", "ArrowUp",
                                "Space", "Control+a", "Shift+Tab", "End"};
  static const char* kWords[] = {"a", "invoice", "hello", "from:", "meeting", "Re", "7"};
  switch (r.below(10)) {
    case 0: case 1: case 2: case 3: case 4: return Action::click(x, y);
    case 5: return Action::scroll(x, y, int(r.below(601)) - 300);
    case 6: return Action::key(kKeys[r.below(uint32_t(std::size(kKeys)))]);
    case 7: return Action::type(kWords[r.below(uint32_t(std::size(kWords)))]);
    case 8: return Action::move(x, y);
    default: return Action::right_click(x, y);
  }
}
}  // namespace

Result<Action> next_action(Policy policy, const Env& env) {
  if (policy == Policy::noop) return Action::noop();
  if (policy == Policy::random) return random_action(env);
  const Task* t = env.task_def();
  if (!t) return Error{Errc::invalid_argument, "the env has no task: no oracle to ask"};
  try {
    return t->oracle(env, env.task(), env.obs().step);
  } catch (const std::exception& ex) {
    return Error{Errc::internal, std::string(t->name) + " oracle failed: " + ex.what()};
  }
}

Result<std::vector<Episode>> rollout(BatchEnv& batch, std::span<const std::string> tasks,
                                     std::span<const uint64_t> seeds, Policy policy,
                                     const FrameHook& on_frame) {
  const size_t n = size_t(batch.size());
  if (tasks.size() != n || seeds.size() != n)
    return Error{Errc::invalid_argument, "rollout needs one task and one seed per env"};
  if (Status s = batch.reset(tasks, seeds); !s) return s.error();
  std::vector<Episode> eps(n);
  const EnvConfig& cfg = batch.env(0).config();
  for (size_t i = 0; i < n; ++i) {
    eps[i] = {tasks[i], seeds[i], cfg.width, cfg.height, batch.env(int(i)).task().instruction,
              {}, {batch.obs(int(i)).hash}, {}, false};
    if (on_frame)
      if (Status s = on_frame(int(i), eps[i], batch.frame(int(i))); !s) return s.error();
  }
  std::vector<Action> acts(n);
  std::vector<bool> active(n);
  for (;;) {
    size_t live = 0;
    for (size_t i = 0; i < n; ++i) {
      active[i] = !batch.obs(int(i)).done;
      acts[i] = Action::noop();
      if (!active[i]) continue;
      ++live;
      auto a = next_action(policy, batch.env(int(i)));
      if (!a) return Error{a.error().code, "env " + std::to_string(i) + ": " + a.error().message};
      acts[i] = std::move(*a);
    }
    if (live == 0) break;
    if (Status s = batch.step(acts); !s) return s.error();
    for (size_t i = 0; i < n; ++i) {
      if (!active[i]) continue;
      Episode& e = eps[i];
      const Observation& ob = batch.obs(int(i));
      e.actions.push_back(acts[i]);
      e.hashes.push_back(ob.hash);
      e.rewards.push_back(ob.reward);
      e.success = ob.success;
      if (on_frame)
        if (Status s = on_frame(int(i), e, batch.frame(int(i))); !s) return s.error();
    }
  }
  return eps;
}

Result<Episode> run_episode(std::string_view task, uint64_t seed, Policy policy,
                            render::Renderer& r, const EnvConfig& cfg,
                            std::vector<std::vector<uint8_t>>* frames_out) {
  if (!find_task(task)) return Error{Errc::not_found, "unknown task '" + std::string(task) + "'"};
  BatchEnv batch({.envs = 1, .threads = 1, .env = cfg}, r);
  const size_t frame_bytes = size_t(cfg.width) * size_t(cfg.height) * 4;
  FrameHook keep;
  if (frames_out)
    keep = [&](int, const Episode&, const uint8_t* rgba) {
      frames_out->emplace_back(rgba, rgba + frame_bytes);
      return Status{};
    };
  const std::string name(task);
  auto eps = rollout(batch, std::span(&name, 1), std::span(&seed, 1), policy, keep);
  if (!eps) return eps.error();
  return std::move((*eps)[0]);
}

Status replay(const Episode& e, render::Renderer& r) {
  Env env({e.width, e.height});
  if (Status s = env.reset(e.task, e.seed); !s) return s;
  if (Status s = env.render_now(r); !s) return s;
  auto mismatch = [&](size_t step) {
    return Error{Errc::determinism, "frame hash differs at step " + std::to_string(step) +
                                        ": recorded " + render::hash_hex(e.hashes[step]) +
                                        ", replayed " + render::hash_hex(env.obs().hash)};
  };
  if (env.obs().hash != e.hashes[0]) return mismatch(0);
  for (size_t i = 0; i < e.actions.size(); ++i) {
    if (Status s = env.step(e.actions[i], r); !s) return s;
    if (env.obs().hash != e.hashes[i + 1]) return mismatch(i + 1);
  }
  if (env.obs().success != e.success)
    return Error{Errc::determinism, "verifier verdict differs from the recording"};
  return {};
}

}  // namespace facsim::sim
