// facsim bench: wall-clock measurements (timing is fine here; nothing below reaches a frame).
#include "bench.h"

#include "bench_impl.h"

#include <algorithm>
#include <thread>
#include <tuple>

#include "assets.h"
#include "dom.h"
#include "renderer.h"
#include "sim.h"
#include "state.h"

namespace facsim::bench {

Status run(const Options& o, std::ostream& out) {
  Emit emit{o, out};
  const int threads = o.threads > 0 ? o.threads
                                    : int(std::max(1u, std::thread::hardware_concurrency()));
  const std::string task = "mail.open_email";
  auto want = [&](std::string_view section) {
    return o.only.empty() || std::find(o.only.begin(), o.only.end(), section) != o.only.end();
  };

  // CPU side of one step: event routing + SQL transaction + view rebuild + layout + display list.
  if (want("step")) {
    sim::Env env({o.width, o.height});
    if (Status s = env.reset(task, 1); !s) return s;
    const int n = o.iters * 20;
    auto t0 = Clock::now();
    for (int i = 0; i < n; ++i) env.apply(sim::Action::move(400 + (i % 2) * 10, 200 + (i % 8) * 40));
    emit("step_cpu_side", seconds_since(t0) / n * 1e6, "us", "none", 1, 1,
         ",\"view\":\"mail.inbox\"");
  }

  if (want("state"))
    if (Status s = run_state(o, emit); !s) return s;

  // Rendering: full redraw of the inbox frame, per backend and batch size.
  for (const std::string& bname : want("render") ? o.backends : std::vector<std::string>{}) {
    auto b = render::parse_backend(bname);
    if (!b) return b.error();
    auto r = render::create_renderer({.backend = *b, .threads = threads});
    if (!r) {
      if (o.json)
        out << "{\"name\":\"render_unavailable\",\"backend\":\"" << bname << "\",\"error\":\""
            << r.error().message << "\"}\n";
      continue;
    }
    for (int envs : o.envs) {
      sim::BatchEnv batch({.envs = envs, .threads = threads, .env = {o.width, o.height}}, **r);
      if (Status s = batch.reset_all(task, 1); !s) return s;
      std::vector<const render::DisplayList*> lists;
      for (int i = 0; i < envs; ++i) lists.push_back(&batch.env(i).display_list());
      std::vector<uint8_t> frames(size_t(envs) * size_t(o.width) * size_t(o.height) * 4);
      (void)(*r)->render(lists, o.width, o.height, frames.data());  // warm-up
      Status err;
      auto [n, secs] = timed(o.iters, [&] {
        err = (*r)->render(lists, o.width, o.height, frames.data());
        return err.ok();
      });
      if (!err) return err;
      emit("render_full_redraw", double(envs) * n / secs, "frames/s", bname, envs,
           *b == render::Backend::cpu ? threads : 0,
           ",\"view\":\"mail.inbox\",\"device\":\"" + (*r)->device_name() + "\"");
      // Damage path: the pointer moves between two inbox rows (a hover change) in every env;
      // only the tiles of the two rows are drawn and read back.
      {
        sim::Env probe({o.width, o.height});
        if (Status s = probe.reset(task, 1); !s) return s;
        int x = 0, y0 = 0, y1 = 0;
        std::vector<std::string> rows;
        for (const auto& node : probe.a11y())
          if (node.key.rfind("row:", 0) == 0) rows.push_back(node.key);
        if (rows.size() < 3 || !probe.element_center(rows[1], x, y0) ||
            !probe.element_center(rows[2], x, y1))
          return Error{Errc::internal, "bench: inbox rows not found"};
        probe.apply(sim::Action::move(x, y0));
        const render::DisplayList hover_a = probe.display_list();
        probe.apply(sim::Action::move(x, y1));
        const render::DisplayList hover_b = probe.display_list();
        std::vector<render::Damage> dmg(static_cast<size_t>(envs));
        std::vector<render::Damage*> dptr;
        for (auto& d : dmg) dptr.push_back(&d);
        std::vector<const render::DisplayList*> la(size_t(envs), &hover_a), lb(size_t(envs), &hover_b);
        (void)(*r)->render(la, o.width, o.height, frames.data(), dptr);  // full, primes damage
        int k = 0;
        uint64_t drawn = 0, total = 0;
        std::tie(n, secs) = timed(o.iters * 10, [&] {
          err = (*r)->render(++k % 2 ? lb : la, o.width, o.height, frames.data(), dptr);
          drawn += (*r)->stats().tiles_drawn;
          total += (*r)->stats().tiles;
          return err.ok();
        });
        if (!err) return err;
        char extra[160];
        std::snprintf(extra, sizeof extra, ",\"view\":\"mail.inbox.hover\",\"tiles_drawn_pct\":%.2f",
                      100.0 * double(drawn) / double(std::max<uint64_t>(total, 1)));
        emit("render_damage_hover", double(envs) * n / secs, "frames/s", bname, envs,
             *b == render::Backend::cpu ? threads : 0, extra);
      }
      // Worst case: a dense text page (every line full of 13 px text).
      {
        render::DisplayList dense;
        const int face = assets::font_atlas().face_index(13, 400);
        const std::string line =
            "Quarterly planning notes: revenue, hiring, infrastructure and the roadmap for "
            "the next two releases, with owners and dates for every item on the list. ";
        for (int y = 14; y < o.height; y += 17) dense.text(4, y, line + line, face, 0xFF242120u);
        std::vector<const render::DisplayList*> ld(size_t(envs), &dense);
        std::tie(n, secs) = timed(o.iters, [&] {
          err = (*r)->render(ld, o.width, o.height, frames.data());
          return err.ok();
        });
        if (!err) return err;
        emit("render_full_redraw", double(envs) * n / secs, "frames/s", bname, envs,
             *b == render::Backend::cpu ? threads : 0,
             ",\"view\":\"dense_text\",\"prims\":" + std::to_string(dense.size()));
      }
      // A whole batch step: app logic on the pool + one render submission + hashing.
      std::vector<sim::Action> acts{size_t(envs)};
      int i = 0;
      std::tie(n, secs) = timed(o.iters, [&] {
        for (int e = 0; e < envs; ++e)
          acts[size_t(e)] = sim::Action::move(300 + i % 7 * 20, 300 + e % 5 * 40);
        ++i;
        err = batch.step(acts);
        return err.ok();
      });
      if (!err) return err;
      emit("batch_step", double(envs) * n / secs, "steps/s", bname, envs, threads,
           ",\"view\":\"mail.inbox\"");
    }
  }

  // PNG encoding of one inbox frame.
  if (want("png")) {
    auto r = render::create_renderer({.backend = render::Backend::cpu, .threads = threads});
    sim::Env env({o.width, o.height});
    if (Status s = env.reset(task, 1); !s) return s;
    if (Status s = env.render_now(**r); !s) return s;
    size_t bytes = 0;
    auto t0 = Clock::now();
    for (int i = 0; i < o.iters; ++i) {
      auto png = render::encode_png(env.frame().data(), o.width, o.height);
      if (!png) return png.error();
      bytes = png->size();
    }
    emit("png_encode", seconds_since(t0) / o.iters * 1e3, "ms", "cpu", 1, 1,
         ",\"bytes\":" + std::to_string(bytes));
  }
  return {};
}

}  // namespace facsim::bench
