// facsim: the command-line front end. Thin: every subcommand calls into sim/, rpc/ or bench/.
//   facsim rollout   headless batch rollout of a policy over the task suite -> out/
//   facsim replay    re-execute recorded episodes, fail on the first differing frame hash
//   facsim render    one frame of a task/seed to PNG
//   facsim tasks     list the task registry
//   facsim serve     HTTP/JSON endpoint for agent frameworks (and MCP at /mcp)
//   facsim mcp       MCP server over stdio (tool-using LLM agents)
//   facsim bench     measurements, one JSON object per line with --json
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "bench.h"
#include "renderer.h"
#include "rpc.h"
#include "sim.h"
#include "kit.h"
#include <boost/json.hpp>

using namespace facsim;
namespace fsys = std::filesystem;

namespace {

int fail(const Error& e) {
  std::fprintf(stderr, "facsim: %s: %s\n", errc_name(e.code), e.message.c_str());
  return 1;
}

// A progress bar on a terminal, nothing when stderr is a pipe or file.
struct Progress {
  size_t total;
  bool tty = isatty(2) != 0;
  void update(size_t done, const char* what) const {
    if (!tty || total == 0) return;
    int w = 30, fill = int(done * size_t(w) / total);
    std::fprintf(stderr, "\r%-8s [%.*s%*s] %zu/%zu", what, fill,
                 "##############################", w - fill, "", done, total);
    if (done == total) std::fprintf(stderr, "\n");
  }
};

Result<std::unique_ptr<render::Renderer>> renderer_for(const std::string& backend, int threads) {
  auto b = render::parse_backend(backend);
  if (!b) return b.error();
  return render::create_renderer({.backend = *b, .threads = threads});
}

struct RolloutOpts {
  std::vector<std::string> tasks;
  int seeds = 20;
  uint64_t first_seed = 1;
  int envs = 16, threads = 0, pngs = 1;
  std::string backend = "cpu", policy = "oracle", out = "out";
  int width = 1280, height = 800;
};

int rollout(const RolloutOpts& o) {
  auto r = renderer_for(o.backend, o.threads);
  if (!r) return fail(r.error());
  std::vector<std::string> names = o.tasks;
  if (names.empty())
    for (const sim::Task& t : sim::tasks()) names.emplace_back(t.name);
  for (const auto& n : names)
    if (!sim::find_task(n)) return fail({Errc::not_found, "unknown task '" + n + "'"});
  const bool oracle = o.policy == "oracle";
  if (!oracle && o.policy != "noop") return fail({Errc::invalid_argument, "policy: oracle|noop"});
  struct Job {
    std::string task;
    uint64_t seed;
  };
  std::vector<Job> jobs;
  for (const auto& n : names)
    for (int s = 0; s < o.seeds; ++s) jobs.push_back({n, o.first_seed + uint64_t(s)});
  fsys::create_directories(fsys::path(o.out) / "episodes");
  fsys::create_directories(fsys::path(o.out) / "frames");
  std::vector<sim::Episode> episodes(jobs.size());
  Progress progress{jobs.size()};
  size_t finished = 0, frames = 0;
  // PNGs of the first `pngs` instances of each task: the first and the final frame.
  auto wants_png = [&](uint64_t seed) { return seed < o.first_seed + uint64_t(std::max(0, o.pngs)); };
  auto save_png = [&](const std::string& task, uint64_t seed, const char* what,
                      const uint8_t* rgba) {
    std::string png = (fsys::path(o.out) / "frames" /
                       (task + "-" + std::to_string(seed) + "-" + what + ".png")).string();
    return render::write_png(png, rgba, o.width, o.height);
  };
  const auto t0 = std::chrono::steady_clock::now();  // wall time for the summary only
  const int batch = std::max(1, std::min<int>(o.envs, int(jobs.size())));
  for (size_t first = 0; first < jobs.size(); first += size_t(batch)) {
    const size_t n = std::min(size_t(batch), jobs.size() - first);
    sim::BatchEnv env({.envs = int(n), .threads = o.threads,
                       .env = {.width = o.width, .height = o.height}}, **r);
    std::vector<std::string> tasks;
    std::vector<uint64_t> seeds;
    for (size_t i = 0; i < n; ++i) {
      tasks.push_back(jobs[first + i].task);
      seeds.push_back(jobs[first + i].seed);
    }
    // The one rollout loop (sim::rollout); this hook counts frames and saves the PNGs.
    auto on_frame = [&](int i, const sim::Episode& e, const uint8_t* rgba) -> Status {
      ++frames;
      const bool first_frame = e.actions.empty(), last = env.obs(i).done && !first_frame;
      if (last) progress.update(++finished, "rollout");
      if (!wants_png(e.seed) || !(first_frame || last)) return {};
      return save_png(e.task, e.seed, first_frame ? "first" : "final", rgba);
    };
    auto eps = sim::rollout(env, tasks, seeds, oracle ? sim::Policy::oracle : sim::Policy::noop,
                            on_frame);
    if (!eps) return fail(eps.error());
    for (size_t i = 0; i < n; ++i) episodes[first + i] = std::move((*eps)[i]);
  }
  const double secs =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  // Summary per task and the episodes on disk.
  std::printf("%-24s %9s %9s %10s\n", "task", "episodes", "success", "mean steps");
  bool all_ok = true;
  for (const auto& name : names) {
    int count = 0, ok = 0;
    size_t steps = 0;
    for (const auto& e : episodes)
      if (e.task == name) {
        ++count;
        ok += e.success ? 1 : 0;
        steps += e.actions.size();
      }
    std::printf("%-24s %9d %8.0f%% %10.1f\n", name.c_str(), count, 100.0 * ok / count,
                double(steps) / count);
    all_ok &= ok == count;
  }
  for (const auto& e : episodes) {
    std::ofstream f(fsys::path(o.out) / "episodes" /
                    (e.task + "-" + std::to_string(e.seed) + ".json"));
    f << sim::episode_to_json(e) << "\n";
  }
  std::printf("%zu episodes, %zu frames in %.2f s (%.0f frames/s, %s) -> %s/\n", episodes.size(),
              frames, secs, double(frames) / secs, (*r)->device_name().c_str(), o.out.c_str());
  return oracle && !all_ok ? 2 : 0;
}

int replay(std::vector<std::string> paths, const std::string& backend, int threads) {
  auto r = renderer_for(backend, threads);
  if (!r) return fail(r.error());
  std::vector<std::string> files;
  for (const auto& p : paths) {
    if (fsys::is_directory(p)) {
      for (const auto& de : fsys::directory_iterator(p))
        if (de.path().extension() == ".json") files.push_back(de.path().string());
    } else {
      files.push_back(p);
    }
  }
  std::sort(files.begin(), files.end());
  if (files.empty()) return fail({Errc::not_found, "no episode files"});
  Progress progress{files.size()};
  size_t i = 0;
  for (const auto& f : files) {
    std::ifstream in(f);
    if (!in) return fail({Errc::io, "cannot read " + f});
    std::stringstream ss;
    ss << in.rdbuf();
    auto e = sim::episode_from_json(ss.str());
    if (!e) return fail({e.error().code, f + ": " + e.error().message});
    if (Status s = sim::replay(*e, **r); !s) return fail({s.error().code, f + ": " + s.error().message});
    progress.update(++i, "replay");
  }
  std::printf("replayed %zu episodes: every frame hash matches (%s)\n", files.size(),
              (*r)->device_name().c_str());
  return 0;
}

struct RenderOpts {
  std::string task = "mail.open_email", backend = "cpu", out = "frame.png", view, app, route;
  std::string appearance = "light";
  std::vector<std::string> actions;  // JSON actions applied after the oracle steps
  uint64_t seed = 1;
  int steps = 0, width = 1280, height = 800;
  bool a11y = false, marks = false;
  bool task_default = true;  // --task not given
};

int render_one(const RenderOpts& o) {
  const std::string& backend = o.backend;
  const std::string& out = o.out;
  const std::string& view = o.view;
  const int width = o.width, height = o.height;
  auto r = renderer_for(backend, 0);
  if (!r) return fail(r.error());
  if (view == "primitives") {
    const render::DisplayList dl = render::showcase(width, height);
    const render::DisplayList* lists[] = {&dl};
    std::vector<uint8_t> frame(size_t(width) * size_t(height) * 4);
    if (Status s = (*r)->render(lists, width, height, frame.data()); !s) return fail(s.error());
    if (Status s = render::write_png(out, frame.data(), width, height); !s) return fail(s.error());
    std::printf("%s  %s  view primitives\n", out.c_str(),
                render::hash_hex(render::frame_hash(frame.data(), frame.size())).c_str());
    return 0;
  }
  if (!view.empty() && view != "task" && view != "gallery")
    return fail({Errc::invalid_argument, "unknown view '" + view + "' (task|gallery|primitives)"});
  auto appearance = sim::parse_appearance(o.appearance);
  if (!appearance) return fail(appearance.error());
  // --app without --task opens the app alone (no task); --view gallery is the gallery app.
  const std::string app = view == "gallery" ? "gallery" : o.app;
  const std::string task = !app.empty() && o.task_default ? "" : o.task;
  sim::Env env({.width = width, .height = height, .appearance = *appearance, .set_of_marks = o.marks});
  if (Status s = env.reset({task, o.seed, app, o.route}); !s) return fail(s.error());
  if (Status s = env.render_now(**r); !s) return fail(s.error());
  for (int i = 0; i < o.steps && !env.obs().done; ++i) {
    auto a = sim::next_action(sim::Policy::oracle, env);
    if (!a) return fail(a.error());
    if (Status s = env.step(*a, **r); !s) return fail(s.error());
  }
  for (const std::string& json : o.actions) {
    auto a = sim::action_from_json(json);
    if (!a) return fail(a.error());
    if (Status s = env.step(*a, **r); !s) return fail(s.error());
    if (!env.obs().error.empty()) std::fprintf(stderr, "action %s: %s\n", json.c_str(),
                                               env.obs().error.c_str());
  }
  if (Status s = render::write_png(out, env.frame().data(), width, height); !s)
    return fail(s.error());
  std::printf("%s  %s  step %d  %s\n", out.c_str(), render::hash_hex(env.obs().hash).c_str(),
              env.obs().step, env.task().instruction.c_str());
  if (o.a11y) std::fputs(env.a11y_text().c_str(), stdout);
  return 0;
}

}  // namespace

// `facsim tasks audit`: the gates of each template (tasks/kit.h), a row each; exit 1 on any
// failure, naming the gate and the seed.
int audit(const std::vector<std::string>& names, int seeds, bool json) {
  std::vector<const sim::Task*> list;
  for (const sim::Task& t : sim::tasks())
    if (names.empty() || std::find(names.begin(), names.end(), t.name) != names.end())
      list.push_back(&t);
  if (list.size() != std::max<size_t>(names.size(), names.empty() ? list.size() : 0))
    return fail({Errc::not_found, "unknown task in --task"});
  if (!json)
    std::printf("%-26s %-28s %7s %5s %6s %9s %8s %7s %6s\n", "template", "tags", "oracle", "noop",
                "random", "mutants", "distinct", "steps", "secs");
  bool all_ok = true;
  double total = 0;
  for (const sim::Task* t : list) {
    const tasks::kit::GateResult g = tasks::kit::audit(*t, {.seeds = seeds});
    all_ok &= g.ok();
    total += g.seconds;
    if (json) {
      boost::json::object o;
      o["name"] = g.task;
      o["tags"] = g.tags;
      o["seeds"] = g.seeds;
      o["oracle"] = g.oracle_ok;
      o["noop"] = g.noop_ok;
      o["random"] = g.random_ok;
      o["mutants"] = g.mutants;
      o["mutants_caught"] = g.mutants_caught;
      o["distinct_instructions"] = g.distinct_instructions;
      o["steps_min"] = g.steps_min;
      o["steps_max"] = g.steps_max;
      o["frames_ok"] = g.frames_ok;
      o["seconds"] = g.seconds;
      o["ok"] = g.ok();
      boost::json::array f;
      for (const std::string& x : g.failures) f.emplace_back(x);
      o["failures"] = std::move(f);
      std::printf("%s\n", boost::json::serialize(o).c_str());
      continue;
    }
    const std::string steps = std::to_string(g.steps_min) + "-" + std::to_string(g.steps_max);
    std::printf("%-26s %-28s %3d/%-3d %5d %6d %4d/%-4d %8d %7s %6.2f %s\n", g.task.c_str(),
                g.tags.c_str(), g.oracle_ok, g.seeds, g.noop_ok, g.random_ok, g.mutants_caught,
                g.mutants, g.distinct_instructions, steps.c_str(), g.seconds,
                g.ok() ? "ok" : "FAILED");
    for (const std::string& f : g.failures) std::printf("    %s\n", f.c_str());
  }
  if (!json)
    std::printf("%zu templates, %d seeds each: %s in %.1f s\n", list.size(), seeds,
                all_ok ? "every gate passed" : "GATES FAILED", total);
  return all_ok ? 0 : 1;
}

int main(int argc, char** argv) {
  CLI::App app{"facsim: deterministic, forkable work-app environments for computer-use agents"};
  app.require_subcommand(1);

  RolloutOpts ro;
  auto* c_roll = app.add_subcommand("rollout", "Headless batch rollout of a policy over tasks");
  c_roll->add_option("--task", ro.tasks, "Task names (default: every task)");
  c_roll->add_option("--seeds", ro.seeds, "Instances (seeds) per task")->check(CLI::Range(1, 100000));
  c_roll->add_option("--first-seed", ro.first_seed, "First seed");
  c_roll->add_option("--envs", ro.envs, "Batch size")->check(CLI::Range(1, 65535));
  c_roll->add_option("--threads", ro.threads, "Worker threads (0 = all cores)");
  c_roll->add_option("--backend", ro.backend, "cpu|vulkan");
  c_roll->add_option("--policy", ro.policy, "oracle|noop");
  c_roll->add_option("--out", ro.out, "Output folder");
  c_roll->add_option("--pngs", ro.pngs, "Instances per task whose first and final frames are saved as PNG");
  c_roll->add_option("--width", ro.width)->check(CLI::Range(1, 1920));
  c_roll->add_option("--height", ro.height)->check(CLI::Range(1, 1200));

  std::vector<std::string> rp_paths;
  std::string rp_backend = "cpu";
  int rp_threads = 0;
  auto* c_rep = app.add_subcommand("replay", "Replay episodes; non-zero exit on any difference");
  c_rep->add_option("episodes", rp_paths, "Episode .json files or folders")->required();
  c_rep->add_option("--backend", rp_backend, "cpu|vulkan");
  c_rep->add_option("--threads", rp_threads);

  RenderOpts rn;
  auto* c_ren = app.add_subcommand("render", "Render one frame of a task/seed to PNG");
  auto* ren_task = c_ren->add_option("--task", rn.task, "Task (default mail.open_email; none with --app)");
  c_ren->add_option("--app", rn.app, "Open this app (mail, gallery...); without --task, no task");
  c_ren->add_option("--route", rn.route, "The app's route, e.g. '#starred' or '#search/invoice'");
  c_ren->add_option("--seed", rn.seed);
  c_ren->add_option("--steps", rn.steps, "Oracle steps to take first");
  c_ren->add_option("--backend", rn.backend, "cpu|vulkan");
  c_ren->add_option("--out", rn.out);
  c_ren->add_option("--width", rn.width)->check(CLI::Range(1, 1920));
  c_ren->add_option("--height", rn.height)->check(CLI::Range(1, 1200));
  c_ren->add_flag("--a11y", rn.a11y, "Print the accessibility tree");
  c_ren->add_option("--view", rn.view,
                    "task (default) | gallery (the widget gallery app) | primitives "
                    "(renderer showcase)");
  c_ren->add_option("--appearance", rn.appearance, "light (default) | dark | seeded");
  c_ren->add_flag("--marks", rn.marks, "Set-of-marks: numbered boxes over interactive elements");
  c_ren->add_option("--action", rn.actions,
                    "JSON action applied after the oracle steps (repeatable), e.g. "
                    "'{\"kind\":\"click\",\"x\":100,\"y\":200}'");

  auto* c_tasks = app.add_subcommand("tasks", "List tasks; `tasks audit` runs their gates");
  bool tasks_json = false;
  c_tasks->add_flag("--json", tasks_json, "One JSON object per template");
  std::vector<std::string> audit_tasks;
  int audit_seeds = 20;
  bool audit_json = false;
  auto* c_audit = c_tasks->add_subcommand("audit", "Run every gate of the templates; exit 1 on any failure");
  c_audit->add_option("--task", audit_tasks, "Templates (default: all)");
  c_audit->add_option("--seeds", audit_seeds, "Seeds per template")->check(CLI::Range(1, 10000));
  c_audit->add_flag("--json", audit_json, "One JSON object per template");

  rpc::ServerConfig sc;
  auto* c_serve = app.add_subcommand("serve", "Serve environments over HTTP/JSON");
  c_serve->add_option("--host", sc.host);
  c_serve->add_option("--port", sc.port);
  c_serve->add_option("--backend", sc.backend, "cpu|vulkan");
  c_serve->add_option("--max-envs", sc.max_envs);
  c_serve->add_option("--max-snapshots", sc.max_snapshots);
  c_serve->add_option("--threads", sc.threads, "I/O threads");
  c_serve->add_option("--idle-expiry", sc.idle_expiry_s,
                      "close envs no request touched for this many seconds (0: never)");
  c_serve->add_option("--frame-budget-mib", sc.frame_budget_mib,
                      "memory for envs' frames; beyond it the least recently drawn envs redraw in full")
      ->check(CLI::Range(1, 1 << 20));
  c_serve->add_option("--token", sc.token,
                      "require \"Authorization: Bearer <token>\" (needed to bind beyond loopback)");

  rpc::ServerConfig mc;
  mc.threads = 1;
  auto* c_mcp = app.add_subcommand("mcp", "Serve environments to an MCP client over stdio (one JSON-RPC message a line)");
  c_mcp->add_option("--backend", mc.backend, "cpu|vulkan");
  c_mcp->add_option("--max-envs", mc.max_envs);
  c_mcp->add_option("--threads", mc.threads, "worker threads (each with its own CPU renderer)");

  bench::Options bo;
  auto* c_bench = app.add_subcommand("bench", "Benchmarks");
  c_bench->add_flag("--json", bo.json, "One JSON object per line");
  c_bench->add_option("--backend", bo.backends, "Backends to measure (cpu, vulkan)");
  c_bench->add_option("--envs", bo.envs, "Batch sizes");
  c_bench->add_option("--threads", bo.threads);
  c_bench->add_option("--iters", bo.iters, "Iterations per measurement");
  c_bench->add_option("--only", bo.only, "Sections: step, dom, state, render, png (default: all)");
  c_bench->add_option("--world-mb", bo.world_mb, "World sizes for the state section (MiB)");

  CLI11_PARSE(app, argc, argv);

  if (*c_roll) return rollout(ro);
  if (*c_rep) return replay(rp_paths, rp_backend, rp_threads);
  if (*c_ren) {
    rn.task_default = ren_task->count() == 0;
    return render_one(rn);
  }
  if (*c_audit) return audit(audit_tasks, audit_seeds, audit_json);
  if (*c_tasks) {
    for (const sim::Task& t : sim::tasks()) {
      sim::Env env;
      std::string example = env.reset(t.name, 1) ? env.task().instruction : "?";
      if (tasks_json) {
        boost::json::object o;
        o["name"] = t.name;
        o["summary"] = t.summary;
        boost::json::array apps{boost::json::value(t.app)};
        o["apps"] = std::move(apps);
        boost::json::array tags;
        for (std::string_view rest = t.tags; !rest.empty();) {
          const size_t c = rest.find(',');
          tags.emplace_back(rest.substr(0, c));
          rest = c == std::string_view::npos ? std::string_view{} : rest.substr(c + 1);
        }
        o["tags"] = std::move(tags);
        o["max_steps"] = t.max_steps;
        o["example"] = example;
        std::printf("%s\n", boost::json::serialize(o).c_str());
        continue;
      }
      std::printf("%-26s max %2d steps  %-28s %s\n%28s e.g. %s\n", std::string(t.name).c_str(),
                  t.max_steps, std::string(t.tags).c_str(), std::string(t.summary).c_str(), "",
                  example.c_str());
    }
    return 0;
  }
  if (*c_serve) {
    Status s = rpc::serve(sc);
    return s ? 0 : fail(s.error());
  }
  if (*c_mcp) {
    Status s = rpc::serve_mcp_stdio(mc);
    return s ? 0 : fail(s.error());
  }
  if (*c_bench) {
    Status s = bench::run(bo, std::cout);
    return s ? 0 : fail(s.error());
  }
  return 0;
}
