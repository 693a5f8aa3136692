// bench_rpc: the HTTP endpoint as an agent loop sees it (issue 18's targets): a step with its
// screenshot (and the same as an MCP computer call), throughput on 1 and 2 I/O threads, a step's tail while other clients pull PNGs,
// and memory per env. The server runs in this process on loopback; clients are Beast sockets.
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>

#include <malloc.h>

#include <atomic>
#include <cstdio>
#include <thread>
#include <vector>

#include "bench_impl.h"
#include "rpc.h"

namespace facsim::bench {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace json = boost::json;
using tcp = asio::ip::tcp;

class Client {
 public:
  explicit Client(uint16_t port) : stream_(ioc_) {
    stream_.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
  }
  // One request on the kept connection; the reply's status and body.
  std::pair<int, std::string> call(http::verb m, const std::string& target, const std::string& body = "") {
    http::request<http::string_body> req{m, target, 11};
    req.set(http::field::host, "127.0.0.1");
    req.keep_alive(true);
    if (!body.empty()) {
      req.set(http::field::content_type, "application/json");
      req.body() = body;
    }
    req.prepare_payload();
    http::write(stream_, req);
    http::response_parser<http::string_body> parser;
    parser.body_limit(boost::none);  // a batch of raw frames is tens of MB
    http::read(stream_, buffer_, parser);
    http::response<http::string_body> res = parser.release();
    return {int(res.result_int()), std::move(res.body())};
  }
  int64_t create(int w, int h) {
    auto [st, body] = call(http::verb::post, "/envs",
                           R"({"task":"","app":"mail","seed":1,"width":)" + std::to_string(w) +
                               ",\"height\":" + std::to_string(h) + "}");
    if (st != 200) return -1;
    return json::parse(body).at("id").to_number<int64_t>();
  }

 private:
  asio::io_context ioc_;
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
};

double ms_since(Clock::time_point t0) { return seconds_since(t0) * 1e3; }

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, size_t(p * double(v.size() - 1) + 0.5))];
}

// Steps that change the frame each time: a wheel down and up over the list (most of the
// frame redrawn), or the pointer moved from one row to the next (a hover: what a click that
// does not open a page redraws).
std::string step_body(int i, bool png, int w, int h, const char* format = "png",
                      bool hover = false) {
  const std::string action =
      hover ? R"({"kind":"move","x":)" + std::to_string(w / 2) + ",\"y\":" +
                  std::to_string(250 + 40 * (i % 2)) + "}"
            : R"({"kind":"scroll","x":)" + std::to_string(w / 2) + ",\"y\":" +
                  std::to_string(h / 2) + ",\"dy\":" + std::to_string(i % 2 ? -120 : 120) + "}";
  return R"({"action":)" + action +
         (png ? std::string(R"(,"screenshot":")") + format + "\"}" : std::string("}"));
}

int64_t rss_kib() {
  FILE* f = std::fopen("/proc/self/statm", "r");
  if (!f) return 0;
  long pages = 0, resident = 0;
  const int n = std::fscanf(f, "%ld %ld", &pages, &resident);
  std::fclose(f);
  return n == 2 ? resident * 4 : 0;  // 4 KiB pages
}

}  // namespace

Status run_rpc(const Options& o, Emit& emit) {
  const int w = o.width, h = o.height, iters = std::max(10, o.iters);
  auto start = [](int threads) { return rpc::Server::start({.port = 0, .threads = threads}); };
  // 1. One client: a step, and a step with its PNG in the reply.
  {
    auto srv = start(0);
    if (!srv) return srv.error();
    Client c((*srv)->port());
    const int64_t id = c.create(w, h);
    if (id < 0) return Error{Errc::internal, "rpc bench: create failed"};
    const std::string path = "/envs/" + std::to_string(id) + "/step";
    for (bool hover : {false, true})
      for (const char* kind : {"none", "png", "jpeg"}) {
        const bool image = std::string_view(kind) != "none";
        std::vector<double> t;
        for (int i = 0; i < iters * 2; ++i) {
          auto t0 = Clock::now();
          auto [st, body] = c.call(http::verb::post, path, step_body(i, image, w, h, kind, hover));
          if (st != 200) return Error{Errc::internal, "rpc bench: step failed: " + body};
          t.push_back(ms_since(t0));
        }
        emit(!image ? "rpc_step" : std::string("rpc_step_") + kind, percentile(t, 0.5), "ms",
             "cpu", 1, 0,
             std::string(",\"stat\":\"median\",\"step\":\"") + (hover ? "hover" : "scroll") +
                 "\",\"p99\":" + std::to_string(percentile(t, 0.99)));
      }
    // The same hover as MCP's computer tool (POST /mcp, tools/call; the result carries the PNG):
    // what the protocol adds to rpc_step_png's hover above.
    std::vector<double> t;
    for (int i = 0; i < iters * 2; ++i) {
      const std::string body = R"({"jsonrpc":"2.0","id":)" + std::to_string(i) +
                               R"(,"method":"tools/call","params":{"name":"computer","arguments":{"env":)" + std::to_string(id) +
                               R"(,"action":"mouse_move","coordinate":[)" + std::to_string(w / 2) + "," +
                               std::to_string(250 + 40 * (i % 2)) + "]}}}";
      auto t0 = Clock::now();
      auto [st, reply] = c.call(http::verb::post, "/mcp", body);
      if (st != 200 || reply.find("\"isError\":false") == std::string::npos)
        return Error{Errc::internal, "rpc bench: MCP computer call failed: " + reply.substr(0, 300)};
      t.push_back(ms_since(t0));
    }
    emit("mcp_computer_call", percentile(t, 0.5), "ms", "cpu", 1, 0,
         ",\"stat\":\"median\",\"step\":\"hover\",\"image\":\"png\",\"p99\":" + std::to_string(percentile(t, 0.99)));
  }
  // 1c. The vector env's batched step (POST /batch/step: N envs, one binary body of N raw RGB
  // frames) against N separate steps each with its raw frame, at 640x400 and 160x100, in the
  // same run.
  for (const auto& [fw, fh] : {std::pair{640, 400}, std::pair{160, 100}}) {
    auto srv = start(0);
    if (!srv) return srv.error();
    Client c((*srv)->port());
    for (int n : {16, 64}) {
      std::vector<int64_t> ids;
      for (int i = 0; i < n; ++i) {
        const int64_t id = c.create(fw, fh);
        if (id < 0) return Error{Errc::internal, "rpc bench: create failed"};
        ids.push_back(id);
      }
      auto move = [fw = fw, fh = fh](int k) {
        return R"({"kind":"move","x":)" + std::to_string(fw / 2) + ",\"y\":" + std::to_string(fh / 3 + (fh / 8) * (k % 2)) + "}";
      };
      const int rounds = std::max(3, iters / 4);
      std::string envs, acts;
      double batched = 0, separate = 0;
      for (int k = 0; k < rounds; ++k) {
        envs.clear(), acts.clear();
        for (int i = 0; i < n; ++i) {
          envs += (i ? "," : "") + std::to_string(ids[size_t(i)]);
          acts += (i ? "," : "") + move(k);
        }
        auto t0 = Clock::now();
        auto [st, body] = c.call(http::verb::post, "/batch/step", "{\"envs\":[" + envs + "],\"actions\":[" + acts + "]}");
        if (st != 200 || body.size() < size_t(n) * size_t(fw) * size_t(fh) * 3) return Error{Errc::internal, "rpc bench: batch step failed"};
        batched += seconds_since(t0);
        t0 = Clock::now();
        for (int i = 0; i < n; ++i) {
          const std::string path = "/envs/" + std::to_string(ids[size_t(i)]);
          auto [s1, b1] = c.call(http::verb::post, path + "/step", "{\"action\":" + move(k + 1) + "}");
          auto [s2, b2] = c.call(http::verb::get, path + "/screenshot?format=rgb");
          if (s1 != 200 || s2 != 200) return Error{Errc::internal, "rpc bench: step failed"};
        }
        separate += seconds_since(t0);
      }
      const double vec = double(n) * rounds / batched, sep = double(n) * rounds / separate;
      const std::string size = ",\"frames\":\"rgb\",\"frame\":\"" + std::to_string(fw) + "x" + std::to_string(fh) + "\"";
      emit("vector_env_step", vec, "steps/s", "cpu", n, 0, size);
      emit("http_steps_with_frames", sep, "steps/s", "cpu", n, 0, size);
      emit("vector_env_speedup", vec / std::max(1e-9, sep), "x", "cpu", n, 0, size);
      for (int64_t id : ids) c.call(http::verb::delete_, "/envs/" + std::to_string(id));
    }
  }
  // 2. Throughput: two clients, each its own env, step + PNG, on 1 and then 2 I/O threads.
  double rate[2] = {0, 0};
  for (int threads : {1, 2}) {
    auto srv = start(threads);
    if (!srv) return srv.error();
    const uint16_t port = (*srv)->port();
    std::atomic<int> failed{0};
    auto t0 = Clock::now();
    std::vector<std::thread> clients;
    for (int k = 0; k < 2; ++k)
      clients.emplace_back([&, k] {
        Client c(port);
        const int64_t id = c.create(w, h);
        if (id < 0) return void(++failed);
        const std::string path = "/envs/" + std::to_string(id) + "/step";
        for (int i = 0; i < iters; ++i)
          if (c.call(http::verb::post, path, step_body(i + k, true, w, h)).first != 200) ++failed;
      });
    for (auto& t : clients) t.join();
    if (failed) return Error{Errc::internal, "rpc bench: throughput steps failed"};
    rate[threads - 1] = 2.0 * iters / seconds_since(t0);
    emit("rpc_step_png_throughput", rate[threads - 1], "steps/s", "cpu", 2, threads);
  }
  emit("rpc_step_png_throughput_ratio", rate[1] / std::max(1e-9, rate[0]), "x", "cpu", 2, 2,
       ",\"of\":\"2 threads / 1\"");
  // 3. A step's tail while 4 other clients pull PNG screenshots, against the same server idle.
  {
    auto srv = start(0);
    if (!srv) return srv.error();
    const uint16_t port = (*srv)->port();
    Client c(port);
    const int64_t id = c.create(w, h);
    const std::string path = "/envs/" + std::to_string(id) + "/step";
    auto measure = [&](int n) {
      std::vector<double> t;
      for (int i = 0; i < n; ++i) {
        auto t0 = Clock::now();
        c.call(http::verb::post, path, step_body(i, false, w, h));
        t.push_back(ms_since(t0));
      }
      return t;
    };
    const std::vector<double> idle = measure(iters * 3);
    const double p_idle = percentile(idle, 0.99);
    emit("rpc_step_p99_idle", p_idle, "ms", "cpu", 1, 0);
    // The pullers GET screenshots of their envs; then, harder, each steps its env with the
    // PNG in the reply, so every screenshot has new pixels to compress.
    for (bool stepping : {false, true}) {
      std::atomic<bool> stop{false};
      std::vector<std::thread> pullers;
      for (int k = 0; k < 4; ++k)
        pullers.emplace_back([&, k] {
          Client p(port);
          const int64_t pid = p.create(w, h);
          const std::string env = "/envs/" + std::to_string(pid);
          for (int i = k; !stop; ++i)
            if (stepping) p.call(http::verb::post, env + "/step", step_body(i, true, w, h));
            else p.call(http::verb::get, env + "/screenshot");
        });
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      const std::vector<double> loaded = measure(iters * 3);
      stop = true;
      for (auto& t : pullers) t.join();
      const double p_load = percentile(loaded, 0.99);
      emit("rpc_step_p99_under_png_load", p_load, "ms", "cpu", 5, 0,
           std::string(",\"pullers\":4,\"load\":\"") +
               (stepping ? "step+png" : "get screenshot") +
               "\",\"ratio\":" + std::to_string(p_load / std::max(1e-9, p_idle)));
    }
  }
  // 4. Memory: RSS per env over N envs, and after deleting them.
  {
    const int n = std::max(1, o.envs.empty() ? 100 : o.envs.back());
    auto srv = start(0);
    if (!srv) return srv.error();
    Client c((*srv)->port());
    c.create(w, h);  // the first env pays for the world cache and the renderers
    malloc_trim(0);  // what the parts above freed is not this part's baseline
    const int64_t base = rss_kib();
    std::vector<int64_t> ids;
    for (int i = 0; i < n; ++i) {
      const int64_t id = c.create(w, h);
      if (id < 0) break;
      ids.push_back(id);
    }
    const int64_t full = rss_kib();
    for (int64_t id : ids) c.call(http::verb::delete_, "/envs/" + std::to_string(id));
    const int64_t after = rss_kib();
    emit("rpc_rss_per_env", double(full - base) / 1024.0 / std::max<size_t>(1, ids.size()), "MiB",
         "cpu", int(ids.size()), 0);
    emit("rpc_rss_after_delete", double(after) / std::max<int64_t>(1, base), "x", "cpu",
         int(ids.size()), 0, ",\"of\":\"rss after deleting them / before creating them\",\"before_mib\":" +
             std::to_string(base / 1024) + ",\"after_mib\":" + std::to_string(after / 1024) +
             ",\"full_mib\":" + std::to_string(full / 1024));
  }
  return {};
}

}  // namespace facsim::bench
