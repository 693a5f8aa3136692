// rpc server: HTTP/1.1 (keep-alive) on Boost.Beast, JSON bodies through Boost.JSON.
//
// [SECTION] replies      - JSON/text/PNG responses and the error body
// [SECTION] registry     - the env table: one mutex for the map, one per env
// [SECTION] handlers     - one function per endpoint
// [SECTION] routing      - path + method -> handler, 404/405
// [SECTION] connections  - async accept, one Session per socket
// [SECTION] server       - start/stop/port, serve()
//
// Exceptions never leave this file: a handler that throws becomes a 500 for that request only.
#include <malloc.h>
#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/json.hpp>
#include <algorithm>
#include <cctype>
#include <cstring>
#include <charconv>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "dialects.h"
#include "dom.h"
#include "mcp.h"
#include "api_json.h"
#include "openenv.h"
#include "renderer.h"
#include "rpc.h"
#include "sim.h"

namespace facsim::rpc {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace json = boost::json;
using tcp = asio::ip::tcp;

namespace {

constexpr size_t kBodyLimit = 1 << 20;                 // 1 MiB per request body
constexpr std::chrono::seconds kIdleTimeout{300};      // agents may think long between steps

using Request = http::request<http::string_body>;
using Response = http::response<http::string_body>;

// [SECTION] replies ---------------------------------------------------------------------------

Response reply(const Request& req, http::status st, std::string body, const char* type) {
  Response res{st, req.version()};
  res.set(http::field::server, "facsim");
  res.set(http::field::content_type, type);
  res.keep_alive(req.keep_alive());
  res.body() = std::move(body);
  res.prepare_payload();
  return res;
}

Response reply_json(const Request& req, const json::value& v, http::status st = http::status::ok) {
  return reply(req, st, json::serialize(v), "application/json");
}

Response reply_error(const Request& req, int status, std::string_view code,
                     std::string_view message) {
  json::object e;
  e["code"] = code;
  e["message"] = message;
  json::object o;
  o["error"] = std::move(e);
  return reply_json(req, o, http::status(status));
}

Response reply_error(const Request& req, const Error& e) {
  return reply_error(req, errc_status(e.code), errc_name(e.code), e.message);
}

Response bad_request(const Request& req, std::string_view message) {
  return reply_error(req, 400, "bad_request", message);
}

}  // namespace

// (rpc/api_json.h)
json::object observation_json(const sim::Observation& o) {
  json::object j;
  j["step"] = o.step;
  j["hash"] = render::hash_hex(o.hash);
  j["reward"] = o.reward;
  j["done"] = o.done;
  j["terminated"] = o.terminated;
  j["truncated"] = o.truncated;
  j["success"] = o.success;
  if (!o.verdict.empty()) j["verdict"] = o.verdict;
  if (!o.milestones.empty()) {
    json::array m;
    for (uint8_t v : o.milestones) m.push_back(bool(v));
    j["milestones"] = std::move(m);
  }
  j["error"] = o.error;
  j["cursor"] = o.cursor;
  // Damage: tiles of 16x16 px, row-major; bit k of the mask (byte k/8, LSB first) is tile k.
  std::string mask((o.dirty_tiles.size() + 7) / 8 * 2, '0');
  static const char* kHex = "0123456789abcdef";
  for (size_t byte = 0; byte * 8 < o.dirty_tiles.size(); ++byte) {
    unsigned v = 0;
    for (size_t b = 0; b < 8 && byte * 8 + b < o.dirty_tiles.size(); ++b)
      v |= unsigned(o.dirty_tiles[byte * 8 + b] != 0) << b;
    mask[byte * 2] = kHex[v >> 4];
    mask[byte * 2 + 1] = kHex[v & 15];
  }
  j["tiles_x"] = o.tiles_x;
  j["dirty_count"] = o.dirty_count;
  j["dirty_mask"] = mask;
  return j;
}

// (rpc/api_json.h)


// Parses a request body that must be a JSON object.
std::optional<json::object> parse_object(const std::string& body, std::string& why) {
  if (const size_t bad = invalid_utf8(body); bad != std::string_view::npos) {
    why = "the body is not valid UTF-8 (byte " + std::to_string(bad) + ")";
    return std::nullopt;
  }
  boost::system::error_code ec;
  json::value v = json::parse(body, ec);
  if (ec) {
    why = "malformed JSON: " + ec.message();
    return std::nullopt;
  }
  if (!v.is_object()) {
    why = "the body must be a JSON object";
    return std::nullopt;
  }
  return std::move(v.as_object());
}

// Every field of a body must be one the endpoint knows: a typo ("widht") is a 400 naming it.
bool known_fields(const json::object& o, std::initializer_list<std::string_view> known,
                  std::string& why) {
  for (const auto& kv : o)
    if (std::find(known.begin(), known.end(), std::string_view(kv.key())) == known.end()) {
      why = "unknown field \"" + std::string(kv.key()) + "\"";
      return false;
    }
  return true;
}

// The first byte where `s` stops being UTF-8, or npos.
size_t invalid_utf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    const uint8_t c = uint8_t(s[i]);
    const size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (n == 0 || i + n > s.size()) return i;
    for (size_t k = 1; k < n; ++k)
      if ((uint8_t(s[i + k]) & 0xC0) != 0x80) return i;
    if ((n == 2 && c < 0xC2) || (n == 3 && c == 0xE0 && uint8_t(s[i + 1]) < 0xA0) ||
        (n == 4 && (c > 0xF4 || (c == 0xF0 && uint8_t(s[i + 1]) < 0x90))))
      return i;  // overlong or out of range
    i += n;
  }
  return std::string_view::npos;
}

using mcp::base64;

// An optional integer field in [lo, hi]; false (with `why`) when present but wrong.
bool opt_int(const json::object& o, const char* key, int lo, int hi, int& out, std::string& why) {
  auto it = o.find(key);
  if (it == o.end()) return true;
  const json::value& v = it->value();
  int64_t n = 0;
  if (v.is_int64()) {
    n = v.as_int64();
  } else if (v.is_uint64()) {
    n = v.as_uint64() > uint64_t(hi) ? int64_t(hi) + 1 : int64_t(v.as_uint64());
  } else {
    why = std::string("\"") + key + "\" must be an integer";
    return false;
  }
  if (n < lo || n > hi) {
    why = std::string("\"") + key + "\" must be in " + std::to_string(lo) + ".." +
          std::to_string(hi);
    return false;
  }
  out = int(n);
  return true;
}

bool batch_lists(const json::object& body, size_t n, bool reset, BatchLists& out, std::string& why) {
  auto list_of = [&](const char* key) -> const json::array* {
    const json::value* v = body.if_contains(key);
    return v && v->is_array() ? &v->as_array() : nullptr;
  };
  out = {list_of("actions"), list_of("seeds"), list_of("mask")};
  if (!reset && !out.actions) {
    why = "\"actions\" must be a list (null: reset that env)";
    return false;
  }
  for (auto [key, list] : {std::pair{"actions", out.actions}, {"seeds", out.seeds}, {"mask", out.mask}}) {
    if (body.contains(key) && !list) why = std::string("\"") + key + "\" must be a list";
    else if (list && list->size() != n) why = std::string("\"") + key + "\" must have one entry an env";
    else continue;
    return false;
  }
  return true;
}

namespace {

// Env settings shared by POST /envs with a task and with a snapshot: window size, appearance
// ("light" | "dark" | "seeded") and set_of_marks (bool).
bool env_config(const json::object& o, sim::EnvConfig& cfg, std::string& why) {
  if (!opt_int(o, "width", 1, render::kMaxWidth, cfg.width, why) ||
      !opt_int(o, "height", 1, render::kMaxHeight, cfg.height, why))
    return false;
  if (const json::value* a = o.if_contains("appearance")) {
    auto parsed = a->is_string() ? sim::parse_appearance(std::string_view(a->as_string()))
                                 : Result<sim::Appearance>(Error{Errc::invalid_argument, ""});
    if (!parsed) {
      why = "\"appearance\" must be \"light\", \"dark\" or \"seeded\"";
      return false;
    }
    cfg.appearance = *parsed;
  }
  if (const json::value* m = o.if_contains("set_of_marks")) {
    if (!m->is_bool()) {
      why = "\"set_of_marks\" must be true or false";
      return false;
    }
    cfg.set_of_marks = m->as_bool();
  }
  return true;
}


}  // namespace

// [SECTION] registry --------------------------------------------------------------------------

struct EnvEntry {
  std::mutex mu;  // serialises everything done to this env; taken before Impl::envs_mu, never after
  sim::Env env;
  // How this env's agent speaks (unset: detected per action) and where its coordinates live.
  std::optional<sim::Dialect> dialect;
  sim::CoordSpace space;
  // The last PNG sent, by bands: the next screenshot compresses only what changed.
  render::PngEncoder png;
  // Server housekeeping (never in any frame or world): when a request last touched it, and
  // the frame it holds (bytes; 0 after Server::Impl::evict_frames freed it) and when drawn.
  std::atomic<int64_t> last_used_s{0};
  std::atomic<int64_t> frame_bytes{0};
  std::atomic<uint64_t> frame_tick{0};
  bool removed = false;  // under mu: no longer in the registry
  explicit EnvEntry(sim::Env e) : env(std::move(e)) {}
};

int64_t now_s() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::steady_clock::now().time_since_epoch()).count();
}

struct Server::Impl {
  ServerConfig cfg;
  uint16_t port = 0;
  std::unique_ptr<asio::io_context> ioc;
  std::unique_ptr<tcp::acceptor> acceptor;
  std::vector<std::thread> threads;
  std::atomic<bool> stopped{false};

  // Renderers are not thread-safe: a pool, one per I/O thread on the CPU backend (one for
  // Vulkan), so envs render at once on every core.
  std::vector<std::unique_ptr<render::Renderer>> renderers;
  std::vector<render::Renderer*> idle_renderers;
  std::mutex render_mu;
  std::condition_variable render_cv;

  std::mutex envs_mu;
  std::map<uint64_t, std::shared_ptr<EnvEntry>> envs;
  uint64_t next_id = 1;  // ids are never reused

  std::mutex snaps_mu;   // never held with an env's mutex
  std::map<std::string, sim::EnvSnapshot> snaps;
  uint64_t next_snap = 1;

  std::shared_ptr<EnvEntry> find(uint64_t id) {
    expire_idle();
    std::lock_guard lk(envs_mu);
    auto it = envs.find(id);
    if (it == envs.end()) return nullptr;
    it->second->last_used_s = now_s();
    return it->second;
  }
  // Envs no request touched for cfg.idle_expiry_s are closed (their snapshots too).
  std::atomic<int64_t> last_sweep_s{0};
  void expire_idle() {
    if (cfg.idle_expiry_s <= 0) return;
    const int64_t now = now_s();
    // At most one sweep a second: a request must not pay a scan of every env.
    int64_t last = last_sweep_s.load();
    if (now == last || !last_sweep_s.compare_exchange_strong(last, now)) return;
    std::vector<uint64_t> gone;
    {
      std::lock_guard lk(envs_mu);
      for (const auto& [id, e] : envs)
        if (now - e->last_used_s.load() > cfg.idle_expiry_s) gone.push_back(id);
    }
    for (uint64_t id : gone) remove(id);
  }
  bool full() {
    std::lock_guard lk(envs_mu);
    return envs.size() >= size_t(cfg.max_envs);
  }
  // 0 when the table is full.
  uint64_t add(std::shared_ptr<EnvEntry> e) {
    std::lock_guard lk(envs_mu);
    if (envs.size() >= size_t(cfg.max_envs)) return 0;
    e->last_used_s = now_s();
    uint64_t id = next_id++;
    envs.emplace(id, std::move(e));
    return id;
  }
  bool remove(uint64_t id) {
    std::shared_ptr<EnvEntry> gone;  // destroyed after the map lock is released
    {
      std::lock_guard lk(envs_mu);
      auto it = envs.find(id);
      if (it == envs.end()) return false;
      gone = std::move(it->second);
      envs.erase(it);
    }
    {
      std::lock_guard lk(gone->mu);
      gone->removed = true;
      frames_resident -= gone->frame_bytes.exchange(0);
    }
    // Its own snapshots go with it (global ones stay).
    std::vector<sim::EnvSnapshot> dropped;
    std::lock_guard lk(snaps_mu);
    const std::string prefix = "env" + std::to_string(id) + "/";
    for (auto it = snaps.lower_bound(prefix); it != snaps.end() && it->first.rfind(prefix, 0) == 0;) {
      dropped.push_back(std::move(it->second));
      it = snaps.erase(it);
    }
    return true;
  }
  // Renders e's frame (its mutex held, or e not yet registered) and keeps the frames held by
  // all envs within cfg.frame_budget_mib. A failed render counts nothing.
  Status render(EnvEntry& e) {
    render::Renderer* r = nullptr;
    {
      std::unique_lock lk(render_mu);
      render_cv.wait(lk, [&] { return !idle_renderers.empty(); });
      r = idle_renderers.back();
      idle_renderers.pop_back();
    }
    Status st = e.env.render_now(*r);
    {
      std::lock_guard lk(render_mu);
      idle_renderers.push_back(r);
    }
    render_cv.notify_one();
    if (!st) {
      e.env.release_frame();
      frames_resident -= e.frame_bytes.exchange(0);
      return st;
    }
    if (!e.removed) {
      const int64_t now = int64_t(e.env.frame().size());
      frames_resident += now - e.frame_bytes.exchange(now);
      e.frame_tick = ++frame_clock;
      if (frames_resident > int64_t(cfg.frame_budget_mib) << 20) evict_frames(&e);
    }
    return st;
  }
  // The frame of an env whose frame was freed, drawn again (its mutex held); its observation
  // stays what the last step made it.
  Status ensure_frame(EnvEntry& e) {
    if (!e.env.frame().empty()) return {};
    const sim::Observation before = e.env.obs();
    Status st = render(e);
    e.env.keep_observation(before);
    return st;
  }
  // Frees the frames of the least recently drawn envs until 90% of the budget is left. An env
  // busy in another request is skipped (try_lock: no lock order to keep).
  std::atomic<int64_t> frames_resident{0};
  std::atomic<uint64_t> frame_clock{0};
  // Lock order: an env's mutex, then envs_mu (never the other way round).
  void evict_frames(const EnvEntry* keep) {
    // (tick, env) copied once: other threads move the ticks while this sorts.
    std::vector<std::pair<uint64_t, std::shared_ptr<EnvEntry>>> held;
    {
      std::lock_guard lk(envs_mu);
      for (const auto& [id, e] : envs)
        if (e.get() != keep && e->frame_bytes > 0) held.emplace_back(e->frame_tick.load(), e);
    }
    std::sort(held.begin(), held.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    const int64_t target = (int64_t(cfg.frame_budget_mib) << 20) / 10 * 9;
    for (const auto& [tick, e] : held) {
      if (frames_resident <= target) break;
      std::unique_lock lk(e->mu, std::try_to_lock);
      if (!lk) continue;
      e->env.release_frame();
      e->png.clear();  // its compressed bands and deflate state go too
      frames_resident -= e->frame_bytes.exchange(0);
    }
  }

  // OpenEnv's HTTP sessions (POST /reset, /step, GET /state): by the X-Session-Id a reset hands out.
  std::mutex oe_mu;
  std::map<std::string, std::shared_ptr<openenv::Session>> oe_sessions;
  uint64_t next_oe = 1;
  Response handle_openenv_http(const Request& req, std::string_view what);
  // MCP sessions (POST /mcp): by the Mcp-Session-Id handed out at initialize.
  std::mutex mcp_mu;
  std::map<std::string, std::shared_ptr<mcp::Session>> mcp_sessions;
  std::deque<std::string> mcp_order;  // session ids, oldest first (past kMaxMcpSessions: dropped)
  uint64_t next_mcp = 1;
  static constexpr size_t kMaxMcpSessions = 4096;

  Response handle(const Request& req);
  Response handle_mcp(const Request& req);
  // The HTTP API called in-process (what MCP's tools do): the same routes, token and all.
  mcp::HttpReply local(std::string_view method, std::string_view target, std::string body) {
    Request req{http::string_to_verb(method), std::string(target), 11};
    req.set(http::field::content_type, "application/json");
    if (!cfg.token.empty()) req.set(http::field::authorization, "Bearer " + cfg.token);
    req.body() = std::move(body);
    req.prepare_payload();
    Response r = handle(req);
    return {int(r.result_int()), std::move(r.body())};
  }
  void accept();
};

namespace {

Response too_many(const Request& req, int max_envs) {
  return reply_error(req, 429, "too_many_envs",
                     "the server holds " + std::to_string(max_envs) +
                         " envs already; DELETE some first");
}

Response no_env(const Request& req, uint64_t id) {
  return reply_error(req, 404, "not_found", "no env with id " + std::to_string(id));
}

// [SECTION] handlers --------------------------------------------------------------------------

Response get_tasks(const Request& req) {
  json::array a;
  for (const sim::Task& t : sim::tasks()) {
    json::object o;
    o["name"] = t.name;
    o["summary"] = t.summary;
    o["max_steps"] = t.max_steps;
    a.push_back(std::move(o));
  }
  return reply_json(req, a);
}

// Renders a new env's first frame, adds it to the registry and replies {..., id, observation}.
Response register_env(Server::Impl& s, const Request& req, std::shared_ptr<EnvEntry> e,
                      json::object o) {
  if (Status st = s.render(*e); !st) return reply_error(req, st.error());
  o["observation"] = observation_json(e->env.obs());
  uint64_t id = s.add(e);
  if (!id) {
    s.frames_resident -= e->frame_bytes.exchange(0);
    return too_many(req, s.cfg.max_envs);
  }
  o["id"] = id;
  return reply_json(req, o);
}

Response create_from_snapshot(Server::Impl& s, const Request& req, const json::object& body);

}  // namespace

// (rpc/api_json.h)
bool dialect_fields(const json::object& o, std::optional<sim::Dialect>& d, sim::CoordSpace& space,
                    std::string& why) {
  if (const json::value* v = o.if_contains("dialect")) {
    if (!v->is_string()) {
      why = "\"dialect\" must be a string";
      return false;
    }
    auto parsed = sim::parse_dialect_name(std::string_view(v->as_string()));
    if (!parsed) {
      why = parsed.error().message;
      return false;
    }
    d = *parsed;
  }
  if (const json::value* v = o.if_contains("coordinates")) {
    auto parsed = v->is_string() ? sim::parse_coord_space(std::string_view(v->as_string()))
                                 : Result<sim::CoordSpace>(Error{Errc::invalid_argument, ""});
    if (!parsed) {
      why = "\"coordinates\" must be \"pixels\", \"norm1000\" or \"resized:WxH\"";
      return false;
    }
    space = *parsed;
  }
  return true;
}

namespace {

// What an env is, for GET /envs and GET /envs/{id}.
json::object env_json(uint64_t id, EnvEntry& e) {
  json::object o;
  o["id"] = id;
  o["task"] = e.env.task().task;
  o["seed"] = e.env.task().seed;
  o["instruction"] = e.env.task().instruction;
  o["step"] = e.env.obs().step;
  o["done"] = e.env.obs().done;
  o["reward"] = e.env.obs().reward;
  o["terminated"] = e.env.obs().terminated;
  o["truncated"] = e.env.obs().truncated;
  o["success"] = e.env.obs().success;
  o["width"] = e.env.config().width;
  o["height"] = e.env.config().height;
  o["dialect"] = e.dialect ? sim::dialect_name(*e.dialect) : "auto";
  return o;
}

Response create_env(Server::Impl& s, const Request& req) {
  std::string why;
  auto body = parse_object(req.body(), why);
  if (!body) return bad_request(req, why);
  if (!known_fields(*body, {"task", "app", "route", "seed", "width", "height", "appearance",
                            "set_of_marks", "snapshot", "dialect", "coordinates"},
                    why))
    return bad_request(req, why);
  if (body->contains("snapshot")) return create_from_snapshot(s, req, *body);
  // A task, or an app (and route) to open without one.
  std::string task, app, route;
  for (auto [key, out] : {std::pair{"task", &task}, {"app", &app}, {"route", &route}}) {
    auto it = body->find(key);
    if (it == body->end()) continue;
    if (!it->value().is_string())
      return bad_request(req, std::string("\"") + key + "\" must be a string");
    *out = std::string(it->value().as_string());
  }
  if (task.empty() && app.empty()) return bad_request(req, "\"task\" or \"app\" is required");
  auto seed_it = body->find("seed");
  if (seed_it == body->end()) return bad_request(req, "\"seed\" is required");
  uint64_t seed = 0;
  if (seed_it->value().is_uint64()) {
    seed = seed_it->value().as_uint64();
  } else if (seed_it->value().is_int64() && seed_it->value().as_int64() >= 0) {
    seed = uint64_t(seed_it->value().as_int64());
  } else {
    return bad_request(req, "\"seed\" must be an integer >= 0");
  }
  sim::EnvConfig cfg;
  if (!env_config(*body, cfg, why)) return bad_request(req, why);
  std::optional<sim::Dialect> dialect;
  sim::CoordSpace space;
  if (!dialect_fields(*body, dialect, space, why)) return bad_request(req, why);
  if (s.full()) return too_many(req, s.cfg.max_envs);

  auto e = std::make_shared<EnvEntry>(sim::Env(cfg));
  e->dialect = dialect;
  e->space = space;
  if (Status st = e->env.reset({task, seed, app, route}); !st)
    return reply_error(req, st.error());
  json::object o;
  o["instruction"] = e->env.task().instruction;
  return register_env(s, req, std::move(e), std::move(o));
}

// The frame as base64 PNG or JPEG (the screenshot inline in a step's reply: one round trip).
Result<std::string> png_base64(EnvEntry& e, int x0 = 0, int y0 = 0, int x1 = -1, int y1 = -1,
                               int scale = 1, bool jpeg = false) {
  std::span<const uint8_t> f = e.env.frame();
  const sim::EnvConfig& c = e.env.config();
  if (f.empty()) return Error{Errc::internal, "env has no frame"};
  if (x1 < 0) {
    auto img = jpeg ? render::encode_jpeg(f.data(), c.width, c.height)
                    : e.png.encode(f.data(), c.width, c.height);
    if (!img) return img.error();
    return base64(std::string_view(reinterpret_cast<const char*>(img->data()), img->size()));
  }
  // A crop, enlarged `scale` times (nearest pixel): Anthropic's zoom.
  const int w = (x1 - x0) * scale, h = (y1 - y0) * scale;
  std::vector<uint8_t> crop(size_t(w) * size_t(h) * 4);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x)
      std::memcpy(&crop[(size_t(y) * w + x) * 4],
                  &f[(size_t(y0 + y / scale) * c.width + size_t(x0 + x / scale)) * 4], 4);
  auto png = render::encode_png(crop.data(), w, h);
  if (!png) return png.error();
  return base64(std::string_view(reinterpret_cast<const char*>(png->data()), png->size()));
}

// POST /envs/{id}/step {"action": <any dialect>, ["dialect"], ["coordinates"],
//   ["screenshot": "png"|"none"], ["expect_step": N]}: the action's steps, then the reply.
Response step_env(Server::Impl& s, const Request& req, uint64_t id) {
  std::string why;
  auto body = parse_object(req.body(), why);
  if (!body) return bad_request(req, why);
  // {"action": ...} or, for convenience, a facsim action object itself.
  const bool bare = !body->contains("action") && body->contains("kind");
  if (!bare && !known_fields(*body, {"action", "dialect", "coordinates", "screenshot",
                                     "expect_step"}, why))
    return bad_request(req, why);
  std::string text;
  const json::value* av = body->if_contains("action");
  if (bare) text = json::serialize(*body);
  else if (!av) return bad_request(req, "the body needs \"action\" (in any dialect)");
  else if (av->is_string()) text = std::string(av->as_string());  // pyautogui, BrowserGym, UI-TARS
  else text = json::serialize(*av);
  std::string shot = "none";
  if (const json::value* v = body->if_contains("screenshot")) {
    if (!v->is_string() || (v->as_string() != "png" && v->as_string() != "jpeg" &&
                            v->as_string() != "none"))
      return bad_request(req, "\"screenshot\" must be \"png\", \"jpeg\" or \"none\"");
    shot = std::string(v->as_string());
  }
  int expect = -1;
  if (!opt_int(*body, "expect_step", 0, 1 << 30, expect, why)) return bad_request(req, why);

  auto e = s.find(id);
  if (!e) return no_env(req, id);
  std::lock_guard lk(e->mu);
  std::optional<sim::Dialect> dialect = e->dialect;
  sim::CoordSpace space = e->space;
  if (!bare && !dialect_fields(*body, dialect, space, why)) return bad_request(req, why);
  if (bare) dialect = sim::Dialect::facsim;
  if (!dialect) {
    auto d = sim::detect_dialect(text);
    if (!d) return reply_error(req, d.error());
    dialect = *d;
  }
  // A retried request (the client timed out) must not step twice: expect_step names the step
  // the env should be at.
  if (expect >= 0 && e->env.obs().step != expect)
    return reply_error(req, 409, "step_mismatch",
                       "the env is at step " + std::to_string(e->env.obs().step) + ", not " +
                           std::to_string(expect) + " (was this request sent before?)");
  const std::vector<dom::A11yNode> nodes =
      *dialect == sim::Dialect::browsergym ? e->env.a11y() : std::vector<dom::A11yNode>{};
  sim::DialectContext ctx{.width = e->env.config().width, .height = e->env.config().height,
                          .space = space, .a11y = &nodes};
  const auto [mx, my] = e->env.mouse();
  ctx.mouse_x = mx, ctx.mouse_y = my;
  auto parsed = sim::parse_action(*dialect, text, ctx);
  if (!parsed) return reply_error(req, parsed.error());  // 400 before any step
  // A failing action is the env's business: it rolls back and reports obs.error (still 200).
  // After the episode's end nothing is applied: 409 episode_over.
  for (const sim::Action& a : parsed->actions) {
    if (Status st = e->env.apply(a); !st) {
      if (st.error().code == Errc::episode_over) return reply_error(req, st.error());
      break;  // the rest of a block is not applied after a failed step
    }
    if (e->env.obs().done) break;
  }
  // A query alone (a screenshot, a zoom) draws nothing, unless the frame was freed.
  if (Status st = parsed->actions.empty() ? s.ensure_frame(*e) : s.render(*e); !st)
    return reply_error(req, st.error());
  json::object o;
  o["observation"] = observation_json(e->env.obs());
  o["dialect"] = sim::dialect_name(*dialect);
  if (parsed->query == sim::Query::cursor_position) o["cursor_position"] = json::array{mx, my};
  if (parsed->query == sim::Query::zoom) {
    const sim::EnvConfig& c = e->env.config();
    const int x0 = std::clamp(parsed->zoom[0], 0, c.width - 1), y0 = std::clamp(parsed->zoom[1], 0, c.height - 1);
    const int x1 = std::clamp(parsed->zoom[2], x0 + 1, c.width), y1 = std::clamp(parsed->zoom[3], y0 + 1, c.height);
    const int scale = std::clamp(std::min(c.width / (x1 - x0), c.height / (y1 - y0)), 1, 8);
    auto z = png_base64(*e, x0, y0, x1, y1, scale);
    if (!z) return reply_error(req, z.error());
    o["zoom"] = json::object{{"region", json::array{x0, y0, x1, y1}}, {"scale", scale},
                             {"png_base64", *z}};
  }
  if (shot != "none" || parsed->query == sim::Query::screenshot) {
    const bool jpeg = shot == "jpeg";
    auto b = png_base64(*e, 0, 0, -1, -1, 1, jpeg);
    if (!b) return reply_error(req, b.error());
    o["screenshot"] = json::object{{"format", jpeg ? "jpeg" : "png"}, {"base64", *b}};
  }
  return reply_json(req, o);
}

Response screenshot(Server::Impl& s, const Request& req, uint64_t id) {
  auto e = s.find(id);
  if (!e) return no_env(req, id);
  std::lock_guard lk(e->mu);
  if (Status st = s.ensure_frame(*e); !st) return reply_error(req, st.error());
  std::span<const uint8_t> f = e->env.frame();
  const sim::EnvConfig& c = e->env.config();
  if (f.empty()) return reply_error(req, 500, "internal", "env has no frame");
  // ?format=png (default) | rgba | rgb: raw rows top to bottom, size in X-Frame-Width/Height.
  const std::string_view target = req.target();
  std::string_view format = "png";
  if (size_t q = target.find("format="); q != std::string_view::npos && target.find('?') < q) {
    format = target.substr(q + 7);
    format = format.substr(0, format.find('&'));
  }
  if (format == "png") {
    auto png = e->png.encode(f.data(), c.width, c.height);
    if (!png) return reply_error(req, png.error());
    return reply(req, http::status::ok, std::string(png->begin(), png->end()), "image/png");
  }
  if (format == "jpeg") {
    auto jpg = render::encode_jpeg(f.data(), c.width, c.height);
    if (!jpg) return reply_error(req, jpg.error());
    return reply(req, http::status::ok, std::string(jpg->begin(), jpg->end()), "image/jpeg");
  }
  auto pf = render::parse_pixel_format(format);
  if (!pf) return reply_error(req, 400, "invalid_argument",
                              "unknown screenshot format '" + std::string(format) + "' (png|jpeg|rgba|rgb)");
  std::string body;
  if (*pf == render::PixelFormat::rgba) {
    body.assign(reinterpret_cast<const char*>(f.data()), f.size());
  } else {
    body.resize(f.size() / 4 * 3);
    render::rgba_to_rgb(f.data(), f.size() / 4, reinterpret_cast<uint8_t*>(body.data()));
  }
  Response r = reply(req, http::status::ok, std::move(body), "application/octet-stream");
  r.set("X-Frame-Width", std::to_string(c.width));
  r.set("X-Frame-Height", std::to_string(c.height));
  return r;
}

// POST /batch/step and /batch/reset (the vector env's one request for N envs): every env of the
// list stepped (or reset: a null action, or /batch/reset's mask), on the server's threads at
// once, then one binary body: each env's frame (height x width x channels bytes, rows top to
// bottom) in the list's order, then n bytes of JSON {"width","height","channels","results":
// [{"observation","instruction"} or {"error","status"}]}, then n as a little-endian uint32
// (the frames first: written in place, no copy of them). Unknown envs, frames of different sizes, lists of
// different lengths or a bad field: a 4xx before any env moves.
Response reset_env(Server::Impl& s, const Request& req, uint64_t id);

Response batch(Server::Impl& s, const Request& req, bool reset_all) {
  std::string why;
  auto body = parse_object(req.body(), why);
  if (!body) return bad_request(req, why);
  if (!known_fields(*body, {"envs", "actions", "seeds", "mask", "frames", "dialect", "coordinates"}, why))
    return bad_request(req, why);
  const json::value* ev = body->if_contains("envs");
  if (!ev || !ev->is_array() || ev->as_array().empty()) return bad_request(req, "\"envs\" must be a list of env ids");
  const json::array& envs = ev->as_array();
  const size_t n = envs.size();
  BatchLists lists;
  if (!batch_lists(*body, n, reset_all, lists, why)) return bad_request(req, why);
  const json::array *actions = lists.actions, *seeds = lists.seeds, *mask = lists.mask;
  std::string frames = "rgb";
  if (const json::value* v = body->if_contains("frames")) {
    if (!v->is_string() || (v->as_string() != "rgb" && v->as_string() != "rgba" && v->as_string() != "none"))
      return bad_request(req, "\"frames\" must be \"rgb\", \"rgba\" or \"none\"");
    frames = std::string(v->as_string());
  }
  std::vector<uint64_t> ids;
  int w = -1, h = -1;
  for (const json::value& v : envs) {
    if (!v.is_number()) return bad_request(req, "\"envs\" must be a list of env ids");
    const uint64_t id = v.to_number<uint64_t>();
    auto e = s.find(id);
    if (!e) return no_env(req, id);
    std::lock_guard lk(e->mu);
    const int ew = e->env.config().width, eh = e->env.config().height;
    if (w >= 0 && (ew != w || eh != h)) return bad_request(req, "the envs' frames differ in size: one batch, one size");
    w = ew, h = eh;
    ids.push_back(id);
  }
  const int channels = frames == "rgba" ? 4 : frames == "rgb" ? 3 : 0;
  const size_t frame_bytes = size_t(w) * size_t(h) * size_t(channels);
  std::vector<json::object> results(n);
  std::string out;  // the frames, then the JSON, then its length: room for all, one allocation
  out.reserve(n * frame_bytes + 4096 + 1024 * n);
  out.resize(n * frame_bytes);
  std::string& pixels = out;
  std::atomic<bool> frame_failed{false};
  // One env's step (or reset) and its frame, written into its slot: envs run on the server's
  // threads at once (each env under its own lock; renderers come from the pool).
  auto one = [&](size_t i) {
    const bool reset = reset_all ? (!mask || ((*mask)[i].is_bool() && (*mask)[i].as_bool())) : (*actions)[i].is_null();
    const bool skip = reset_all && !reset;  // /batch/reset: masked out, its frame as it is
    json::object sub_body;
    if (reset) {
      if (seeds && !(*seeds)[i].is_null()) sub_body["seed"] = (*seeds)[i];
    } else if (!skip) {
      sub_body["action"] = (*actions)[i];
    }
    for (const char* k : {"dialect", "coordinates"})
      if (const json::value* v = body->if_contains(k); v && !reset && !skip) sub_body[k] = *v;
    json::object& result = results[i];
    if (!skip) {
      Request sub{http::verb::post, "/envs/" + std::to_string(ids[i]) + (reset ? "/reset" : "/step"), 11};
      sub.body() = json::serialize(sub_body);
      const Response r = reset ? reset_env(s, sub, ids[i]) : step_env(s, sub, ids[i]);
      boost::system::error_code ec;
      json::value v = json::parse(r.body(), ec);
      if (r.result_int() != 200 || ec || !v.is_object()) {
        const json::value* m = !ec && v.is_object() ? v.as_object().if_contains("error") : nullptr;
        result["error"] = m && m->is_object() && m->as_object().contains("message") ? m->as_object().at("message")
                                                                                      : json::value(r.body());
        result["status"] = r.result_int();
      } else {
        for (const char* k : {"observation", "instruction"})
          if (const json::value* x = v.as_object().if_contains(k)) result[k] = *x;
      }
    }
    if (reset || skip) result["reset"] = reset;
    if (!channels) return;
    auto e = s.find(ids[i]);
    if (!e) return frame_failed.store(true);
    std::lock_guard lk(e->mu);
    std::span<const uint8_t> f;
    if (Status st = s.ensure_frame(*e); st) f = e->env.frame();
    if (f.size() != size_t(w) * size_t(h) * 4) return frame_failed.store(true);
    uint8_t* dst = reinterpret_cast<uint8_t*>(pixels.data()) + i * frame_bytes;
    if (channels == 4) std::memcpy(dst, f.data(), f.size());
    else render::rgba_to_rgb(f.data(), f.size() / 4, dst);
  };
  const size_t workers = std::min<size_t>(n, size_t(std::max(1, s.cfg.threads)));
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i; (i = next.fetch_add(1)) < n;) one(i);
  };
  std::vector<std::thread> pool;
  for (size_t t = 1; t < workers; ++t) pool.emplace_back(work);
  work();
  for (std::thread& t : pool) t.join();
  if (frame_failed) return reply_error(req, 500, "internal", "an env of the batch has no frame");
  json::array rs;
  for (json::object& r : results) rs.push_back(std::move(r));
  const std::string header = json::serialize(json::object{
      {"width", w}, {"height", h}, {"channels", channels}, {"results", std::move(rs)}});
  out += header;
  for (int b = 0; b < 4; ++b) out += char((header.size() >> (8 * b)) & 0xFF);
  return reply(req, http::status::ok, std::move(out), "application/octet-stream");
}

// GET /envs/{id}/a11y: the text dump; ?format=json: the nodes, each with its id, role, name,
// value, state, its box clipped to what shows and whether any of it is on screen.
Response a11y(Server::Impl& s, const Request& req, uint64_t id) {
  auto e = s.find(id);
  if (!e) return no_env(req, id);
  std::lock_guard lk(e->mu);
  const std::string_view target = req.target();
  if (target.find("format=json") == std::string_view::npos)
    return reply(req, http::status::ok, e->env.a11y_text(), "text/plain; charset=utf-8");
  json::array out;
  for (const dom::A11yNode& n : e->env.a11y()) {
    json::object o;
    o["id"] = n.id;
    o["role"] = dom::role_name(n.role);
    o["name"] = n.name;
    if (!n.value.empty()) o["value"] = n.value;
    const dom::Box b = e->env.visible_box(n);
    o["box"] = json::array{b.x, b.y, b.w, b.h};
    o["on_screen"] = b.w > 0 && b.h > 0;
    o["depth"] = n.depth;
    if (n.mark) o["mark"] = n.mark;
    if (!n.action.empty()) o["clickable"] = true;
    if (n.focused) o["focused"] = true;
    if (n.checked) o["checked"] = true;
    if (n.selected) o["selected"] = true;
    if (n.disabled) o["disabled"] = true;
    if (n.expanded) o["expanded"] = true;
    out.push_back(std::move(o));
  }
  return reply_json(req, out);
}

// GET /envs: every env, a line each; GET /envs/{id}: one.
Response list_envs(Server::Impl& s, const Request& req) {
  s.expire_idle();
  std::vector<std::pair<uint64_t, std::shared_ptr<EnvEntry>>> all;
  {
    std::lock_guard lk(s.envs_mu);
    for (const auto& [id, e] : s.envs) all.emplace_back(id, e);
  }
  json::array a;
  for (auto& [id, e] : all) {
    std::lock_guard lk(e->mu);
    a.push_back(env_json(id, *e));
  }
  return reply_json(req, a);
}
Response get_env(Server::Impl& s, const Request& req, uint64_t id) {
  auto e = s.find(id);
  if (!e) return no_env(req, id);
  std::lock_guard lk(e->mu);
  return reply_json(req, env_json(id, *e));
}

// POST /envs/{id}/reset {["task"|"app", "route"], ["seed"], ["dialect"], ["coordinates"]}: a
// new episode in the same env (same id, size and appearance); unnamed fields keep theirs.
Response reset_env(Server::Impl& s, const Request& req, uint64_t id) {
  std::string why;
  json::object body;
  if (!req.body().empty()) {
    auto b = parse_object(req.body(), why);
    if (!b) return bad_request(req, why);
    body = std::move(*b);
  }
  if (!known_fields(body, {"task", "app", "route", "seed", "dialect", "coordinates"}, why))
    return bad_request(req, why);
  auto e = s.find(id);
  if (!e) return no_env(req, id);
  std::lock_guard lk(e->mu);
  sim::ResetSpec spec{e->env.task().task, e->env.task().seed, "", ""};
  if (spec.task.empty()) return bad_request(req, "this env has no task: name \"task\" or \"app\"");
  for (auto [key, out] : {std::pair{"task", &spec.task}, {"app", &spec.app}, {"route", &spec.route}})
    if (const json::value* v = body.if_contains(key)) {
      if (!v->is_string()) return bad_request(req, std::string("\"") + key + "\" must be a string");
      *out = std::string(v->as_string());
    }
  if (body.contains("app") && !body.contains("task")) spec.task.clear();
  if (const json::value* v = body.if_contains("seed")) {
    if (v->is_uint64()) spec.seed = v->as_uint64();
    else if (v->is_int64() && v->as_int64() >= 0) spec.seed = uint64_t(v->as_int64());
    else return bad_request(req, "\"seed\" must be an integer >= 0");
  }
  std::optional<sim::Dialect> dialect = e->dialect;
  sim::CoordSpace space = e->space;
  if (!dialect_fields(body, dialect, space, why)) return bad_request(req, why);
  if (Status st = e->env.reset(spec); !st) return reply_error(req, st.error());
  e->dialect = dialect;
  e->space = space;
  if (Status st = s.render(*e); !st) return reply_error(req, st.error());
  json::object o;
  o["id"] = id;
  o["instruction"] = e->env.task().instruction;
  o["observation"] = observation_json(e->env.obs());
  return reply_json(req, o);
}

Response fork_env(Server::Impl& s, const Request& req, uint64_t id) {
  auto e = s.find(id);
  if (!e) return no_env(req, id);
  if (s.full()) return too_many(req, s.cfg.max_envs);
  Result<std::unique_ptr<sim::Env>> child = Error{};
  {
    std::lock_guard lk(e->mu);
    child = e->env.fork();
  }
  if (!child) return reply_error(req, child.error());
  return register_env(s, req, std::make_shared<EnvEntry>(std::move(**child)), {});
}

// ---- snapshots ----
bool valid_snapshot_name(std::string_view n) {
  if (n.empty() || n.size() > 64) return false;
  for (char c : n)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.')
      return false;
  return true;
}

// Snapshot names are per env ("start" of env 3 is stored as "env3/start"), unless saved with
// "global": true. A name is looked up in the env's own names, then among the global ones; a
// full reference ("env3/start") reaches another env's.
std::string local_ref(uint64_t env, std::string_view name) {
  return "env" + std::to_string(env) + "/" + std::string(name);
}

// The "snapshot" field of a body, looked up for env `env` (0: none); nullopt + a reply when
// missing or unknown. `ref` gets the stored name.
std::optional<sim::EnvSnapshot> find_snapshot(Server::Impl& s, const Request& req,
                                              const json::object& body, Response& fail,
                                              uint64_t env = 0, std::string* ref = nullptr) {
  const json::value* v = body.if_contains("snapshot");
  if (!v || !v->is_string()) {
    fail = bad_request(req, "\"snapshot\" must be a snapshot name");
    return std::nullopt;
  }
  std::string name(v->as_string());
  std::lock_guard lk(s.snaps_mu);
  auto it = s.snaps.end();
  if (env && name.find('/') == std::string::npos) it = s.snaps.find(local_ref(env, name));
  if (it == s.snaps.end()) it = s.snaps.find(name);
  if (it == s.snaps.end()) {
    fail = reply_error(req, 404, "not_found", "no snapshot named '" + name + "'" +
                                                  (env ? " for env " + std::to_string(env) : ""));
    return std::nullopt;
  }
  if (ref) *ref = it->first;
  return it->second;
}

json::object snapshot_json(const std::string& name, const sim::EnvSnapshot& snap) {
  json::object o;
  const size_t slash = name.find('/');
  o["snapshot"] = slash == std::string::npos ? name : name.substr(slash + 1);
  o["ref"] = name;  // what reaches it from anywhere
  o["scope"] = slash == std::string::npos ? "global" : name.substr(0, slash);
  o["task"] = snap.task().task;
  o["seed"] = snap.task().seed;
  o["step"] = snap.step();
  o["bytes"] = snap.bytes();
  return o;
}

Response snapshot_env(Server::Impl& s, const Request& req, uint64_t id) {
  std::string why, name;
  bool global = false, replace = false;
  if (!req.body().empty()) {
    auto body = parse_object(req.body(), why);
    if (!body) return bad_request(req, why);
    if (!known_fields(*body, {"name", "global", "replace"}, why)) return bad_request(req, why);
    if (const json::value* v = body->if_contains("name")) {
      if (!v->is_string() || !valid_snapshot_name(v->as_string()))
        return bad_request(req, "\"name\" must be 1-64 of A-Z a-z 0-9 - _ .");
      name = std::string(v->as_string());
    }
    for (auto [k, out] : {std::pair{"global", &global}, {"replace", &replace}})
      if (const json::value* v = body->if_contains(k)) {
        if (!v->is_bool()) return bad_request(req, std::string("\"") + k + "\" must be true or false");
        *out = v->as_bool();
      }
  }
  auto e = s.find(id);
  if (!e) return no_env(req, id);
  Result<sim::EnvSnapshot> snap = Error{};
  {
    std::lock_guard lk(e->mu);
    snap = e->env.snapshot();
  }
  if (!snap) return reply_error(req, snap.error());
  std::lock_guard lk(s.snaps_mu);
  if (name.empty()) name = "s" + std::to_string(s.next_snap++);
  if (!global) name = local_ref(id, name);
  if (s.snaps.contains(name) && !replace)
    return reply_error(req, 409, "snapshot_exists",
                       "a snapshot '" + name + "' exists; send \"replace\": true to save over it");
  if (!s.snaps.contains(name) && s.snaps.size() >= size_t(s.cfg.max_snapshots))
    return reply_error(req, 429, "too_many_snapshots",
                       "the server holds " + std::to_string(s.cfg.max_snapshots) +
                           " snapshots already; DELETE /snapshots/{name} some first");
  s.snaps[name] = *snap;
  return reply_json(req, snapshot_json(name, *snap));
}

Response restore_env(Server::Impl& s, const Request& req, uint64_t id) {
  std::string why;
  auto body = parse_object(req.body(), why);
  if (!body) return bad_request(req, why);
  if (!known_fields(*body, {"snapshot"}, why)) return bad_request(req, why);
  Response fail;
  std::string ref;
  auto snap = find_snapshot(s, req, *body, fail, id, &ref);
  if (!snap) return fail;
  auto e = s.find(id);
  if (!e) return no_env(req, id);
  std::lock_guard lk(e->mu);
  if (Status st = e->env.restore(*snap); !st) return reply_error(req, st.error());
  if (Status st = s.render(*e); !st) return reply_error(req, st.error());
  json::object o;
  o["snapshot"] = ref;
  o["task"] = e->env.task().task;
  o["seed"] = e->env.task().seed;
  o["instruction"] = e->env.task().instruction;
  o["observation"] = observation_json(e->env.obs());
  return reply_json(req, o);
}

Response create_from_snapshot(Server::Impl& s, const Request& req, const json::object& body) {
  std::string why;
  sim::EnvConfig cfg;
  if (!env_config(body, cfg, why)) return bad_request(req, why);
  Response fail;
  auto snap = find_snapshot(s, req, body, fail);
  if (!snap) return fail;
  if (s.full()) return too_many(req, s.cfg.max_envs);
  auto e = std::make_shared<EnvEntry>(sim::Env(cfg));
  if (Status st = e->env.restore(*snap); !st) return reply_error(req, st.error());
  json::object o;
  o["instruction"] = e->env.task().instruction;
  return register_env(s, req, std::move(e), std::move(o));
}

Response list_snapshots(Server::Impl& s, const Request& req) {
  json::array a;
  std::lock_guard lk(s.snaps_mu);
  for (const auto& [name, snap] : s.snaps) a.push_back(snapshot_json(name, snap));
  return reply_json(req, a);
}

Response drop_snapshot(Server::Impl& s, const Request& req, std::string_view name) {
  sim::EnvSnapshot gone;  // released after the lock
  std::lock_guard lk(s.snaps_mu);
  auto it = s.snaps.find(std::string(name));
  if (it == s.snaps.end())
    return reply_error(req, 404, "not_found", "no snapshot named '" + std::string(name) + "'");
  gone = std::move(it->second);
  s.snaps.erase(it);
  json::object o;
  o["dropped"] = name;
  return reply_json(req, o);
}

Response close_env(Server::Impl& s, const Request& req, uint64_t id) {
  if (!s.remove(id)) return no_env(req, id);
  malloc_trim(0);  // hand the env's pages back to the system (glibc keeps freed memory)
  json::object o;
  o["closed"] = id;
  return reply_json(req, o);
}

// [SECTION] routing ---------------------------------------------------------------------------

std::vector<std::string_view> split_path(std::string_view target) {
  target = target.substr(0, target.find_first_of("?#"));
  std::vector<std::string_view> parts;
  while (!target.empty()) {
    size_t slash = target.find('/');
    std::string_view p = target.substr(0, slash);
    if (!p.empty()) parts.push_back(p);
    if (slash == std::string_view::npos) break;
    target.remove_prefix(slash + 1);
  }
  return parts;
}

std::optional<uint64_t> parse_id(std::string_view s) {
  uint64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return v;
}

Response method_not_allowed(const Request& req, const char* allow) {
  Response r = reply_error(req, 405, "method_not_allowed",
                           std::string(req.method_string()) + " is not allowed here; use " + allow);
  r.set(http::field::allow, allow);
  return r;
}

}  // namespace

Response Server::Impl::handle(const Request& req) {
  auto parts = split_path(req.target());
  const http::verb m = req.method();
  auto route_404 = [&] {
    return reply_error(req, 404, "not_found", "no route " + std::string(req.target()));
  };
  if (parts.size() == 1 && parts[0] == "health") {  // open to all: a liveness probe (OpenEnv's shape too)
    if (m != http::verb::get) return method_not_allowed(req, "GET");
    return reply_json(req, json::object{{"ok", true}, {"status", "healthy"}});
  }
  if (!cfg.token.empty()) {
    const auto it = req.find(http::field::authorization);
    if (it == req.end() || it->value() != "Bearer " + cfg.token)
      return reply_error(req, 401, "unauthorized", "send \"Authorization: Bearer <token>\"");
  }
  if (parts.size() == 1 && parts[0] == "version") {
    if (m != http::verb::get) return method_not_allowed(req, "GET");
    json::array d;
    for (int i = 0; i <= int(sim::Dialect::uitars); ++i) d.push_back(json::value(sim::dialect_name(sim::Dialect(i))));
    return reply_json(req, json::object{{"name", "facsim"}, {"api", 2}, {"dialects", std::move(d)},
                                        {"coordinates", json::array{"pixels", "norm1000", "resized:WxH"}}});
  }
  if (parts.size() == 1 && parts[0] == "stats") {
    if (m != http::verb::get) return method_not_allowed(req, "GET");
    int64_t n = 0, held = 0;
    {
      std::lock_guard lk(envs_mu);
      n = int64_t(envs.size());
      for (const auto& [id, e] : envs) held += e->frame_bytes > 0;
    }
    return reply_json(req, json::object{{"envs", n},
                                        {"frames_held", held},
                                        {"frame_bytes", frames_resident.load()},
                                        {"frame_budget_bytes", int64_t(cfg.frame_budget_mib) << 20}});
  }
  if (parts.size() == 1 && parts[0] == "tasks") {
    if (m != http::verb::get) return method_not_allowed(req, "GET");
    return get_tasks(req);
  }
  if (!parts.empty() && parts[0] == "snapshots") {
    if (parts.size() == 1) {
      if (m != http::verb::get) return method_not_allowed(req, "GET");
      return list_snapshots(*this, req);
    }
    if (parts.size() > 3) return route_404();
    if (m != http::verb::delete_) return method_not_allowed(req, "DELETE");
    // "DELETE /snapshots/start" (global) or "/snapshots/env3/start" (an env's).
    const std::string name = parts.size() == 3 ? std::string(parts[1]) + "/" + std::string(parts[2])
                                               : std::string(parts[1]);
    return drop_snapshot(*this, req, name);
  }
  if (parts.size() == 1 && parts[0] == "mcp") return handle_mcp(req);
  if (parts.size() == 2 && parts[0] == "batch" && (parts[1] == "step" || parts[1] == "reset")) {
    if (m != http::verb::post) return method_not_allowed(req, "POST");
    return batch(*this, req, parts[1] == "reset");
  }
  if (parts.size() == 1 && (parts[0] == "metadata" || parts[0] == "schema")) {  // OpenEnv's descriptions
    if (m != http::verb::get) return method_not_allowed(req, "GET");
    return reply(req, http::status::ok, parts[0] == "metadata" ? openenv::metadata_json() : openenv::schema_json(),
                 "application/json");
  }
  if (parts.size() == 1 && (parts[0] == "reset" || parts[0] == "step" || parts[0] == "state")) {
    if (m != (parts[0] == "state" ? http::verb::get : http::verb::post))
      return method_not_allowed(req, parts[0] == "state" ? "GET" : "POST");
    return handle_openenv_http(req, parts[0]);
  }
  if (parts.size() == 1 && parts[0] == "ws")
    return reply_error(req, 426, "upgrade_required", "/ws is OpenEnv's WebSocket: connect with a WebSocket client");
  if (parts.empty() || parts[0] != "envs") return route_404();
  if (parts.size() == 1) {
    if (m == http::verb::get) return list_envs(*this, req);
    if (m != http::verb::post) return method_not_allowed(req, "GET, POST");
    return create_env(*this, req);
  }
  if (parts.size() > 3) return route_404();
  std::string_view sub = parts.size() == 3 ? parts[2] : std::string_view();
  const char* allow = sub.empty()           ? "GET, DELETE"
                      : sub == "step"       ? "POST"
                      : sub == "reset"      ? "POST"
                      : sub == "fork"       ? "POST"
                      : sub == "snapshot"   ? "POST"
                      : sub == "restore"    ? "POST"
                      : sub == "screenshot" ? "GET"
                      : sub == "a11y"       ? "GET"
                                            : nullptr;
  if (!allow) return route_404();
  const std::string_view verb = http::to_string(m);
  if (sub.empty() ? (m != http::verb::get && m != http::verb::delete_) : verb != allow)
    return method_not_allowed(req, allow);
  auto id = parse_id(parts[1]);
  if (!id) return reply_error(req, 404, "not_found", "no env with id " + std::string(parts[1]));
  if (sub.empty()) return m == http::verb::get ? get_env(*this, req, *id) : close_env(*this, req, *id);
  if (sub == "step") return step_env(*this, req, *id);
  if (sub == "reset") return reset_env(*this, req, *id);
  if (sub == "fork") return fork_env(*this, req, *id);
  if (sub == "snapshot") return snapshot_env(*this, req, *id);
  if (sub == "restore") return restore_env(*this, req, *id);
  if (sub == "screenshot") return screenshot(*this, req, *id);
  return a11y(*this, req, *id);
}

// MCP's Streamable HTTP transport: one JSON-RPC message a POST, answered with one JSON object
// (a notification: 202, no body); no server-initiated stream (GET: 405). initialize hands out
// an Mcp-Session-Id (kept until DELETE, until 4,096 newer ones exist, or the server stops); a
// request without one uses a session of its own, so stateless clients work too. A request of
// the stateless revision (2026-07-28: its revision in params._meta) ignores any session id;
// its MCP-Protocol-Version and Mcp-Method headers, where sent, must match the body (-32001).
Response Server::Impl::handle_mcp(const Request& req) {
  const auto sid_it = req.find("Mcp-Session-Id");
  const std::string sid = sid_it == req.end() ? "" : std::string(sid_it->value());
  if (req.method() == http::verb::delete_) {
    std::lock_guard lk(mcp_mu);
    if (sid.empty() || !mcp_sessions.erase(sid)) return reply_error(req, 404, "not_found", "no MCP session '" + sid + "'");
    return reply_json(req, json::object{{"closed", sid}});
  }
  if (req.method() != http::verb::post) return method_not_allowed(req, "POST, DELETE");
  mcp::Headers headers;
  if (const auto v = req.find("MCP-Protocol-Version"); v != req.end()) {
    const std::string_view asked = v->value();
    if (std::find(std::begin(mcp::kRevisions), std::end(mcp::kRevisions), asked) == std::end(mcp::kRevisions) &&
        std::find(std::begin(mcp::kStatelessRevisions), std::end(mcp::kStatelessRevisions), asked) ==
            std::end(mcp::kStatelessRevisions))
      return bad_request(req, "unsupported MCP-Protocol-Version '" + std::string(asked) + "'");
    headers.protocol_version = asked;
  }
  if (const auto v = req.find("Mcp-Method"); v != req.end()) headers.method = v->value();
  if (invalid_utf8(req.body()) != std::string_view::npos) return bad_request(req, "the body is not valid UTF-8");
  const bool stateless = !mcp::stateless_revision(req.body()).empty();
  std::shared_ptr<mcp::Session> session;
  std::string new_sid;
  if (stateless) {
    session = std::make_shared<mcp::Session>();  // unused: the request says everything
  } else if (!sid.empty()) {
    std::lock_guard lk(mcp_mu);
    const auto it = mcp_sessions.find(sid);
    if (it == mcp_sessions.end()) return reply_error(req, 404, "not_found", "no MCP session '" + sid + "' (initialize again)");
    session = it->second;
  } else {
    session = std::make_shared<mcp::Session>();
    if (req.body().find("\"initialize\"") != std::string::npos) {  // a session to keep
      std::lock_guard lk(mcp_mu);
      new_sid = "facsim-mcp-" + std::to_string(next_mcp++);
      mcp_sessions[new_sid] = session;
      mcp_order.push_back(new_sid);
      while (mcp_sessions.size() > kMaxMcpSessions && !mcp_order.empty()) {
        mcp_sessions.erase(mcp_order.front());  // the oldest (one already closed: nothing to drop)
        mcp_order.pop_front();
      }
      if (mcp_order.size() > 2 * kMaxMcpSessions)  // ids of sessions closed by DELETE
        std::erase_if(mcp_order, [&](const std::string& k) { return !mcp_sessions.count(k); });
    }
  }
  mcp::Answer a = mcp::answer([this](std::string_view m, std::string_view t, std::string b) { return local(m, t, std::move(b)); },
                              *session, req.body(), headers);
  std::string& answer = a.json;
  Response r;
  if (answer.empty()) {
    r = Response{http::status::accepted, req.version()};
    r.keep_alive(req.keep_alive());
    r.prepare_payload();
  } else {
    r = reply(req, http::status(a.http_status), std::move(answer), "application/json");
  }
  if (!new_sid.empty() && a.http_status == 200) r.set("Mcp-Session-Id", new_sid);
  return r;
}

// OpenEnv over HTTP, with a session: POST /reset (its body as the WebSocket's reset data) starts
// one and names it in the X-Session-Id header (send it back to reset again); POST /step
// {"action": A} and GET /state need it. Replies are OpenEnv's HTTP bodies ({"observation",
// "reward","done"}; the state); errors are {"error":{"code","message"}} with OpenEnv's code:
// 400 INVALID_JSON/VALIDATION_ERROR, 404 an unknown session, 429 CAPACITY_REACHED, 500
// EXECUTION_ERROR. DELETE is not needed: the env goes idle and expires like any other.
Response Server::Impl::handle_openenv_http(const Request& req, std::string_view what) {
  const auto it = req.find("X-Session-Id");
  const std::string sid = it == req.end() ? "" : std::string(it->value());
  std::shared_ptr<openenv::Session> session;
  std::string new_sid;
  {
    std::lock_guard lk(oe_mu);
    // Sessions whose env is gone (closed, or expired when idle) go too.
    for (auto i = oe_sessions.begin(); i != oe_sessions.end();) {
      std::lock_guard elk(envs_mu);
      i = envs.count(i->second->env) ? std::next(i) : oe_sessions.erase(i);
    }
    if (!sid.empty()) {
      const auto found = oe_sessions.find(sid);
      if (found == oe_sessions.end())
        return reply_error(req, 404, "not_found", "no OpenEnv session '" + sid + "' (or its env expired: reset again)");
      session = found->second;
    } else if (what == "reset") {
      session = std::make_shared<openenv::Session>();
      new_sid = "facsim-openenv-" + std::to_string(next_oe++);
    } else {
      return bad_request(req, "send the X-Session-Id header a reset answered with");
    }
  }
  std::string message;
  if (what == "state") {
    message = R"({"type":"state"})";
  } else {
    if (invalid_utf8(req.body()) != std::string_view::npos) return bad_request(req, "the body is not valid UTF-8");
    std::string body = req.body().empty() ? std::string("{}") : std::string(req.body());
    if (what == "step") {  // {"action": A, "timeout_s", "request_id"}: the action is the step's data
      boost::system::error_code ec;
      json::value v = json::parse(body, ec);
      if (ec || !v.is_object()) return reply_error(req, 400, "INVALID_JSON", "the body must be a JSON object");
      const json::value* a = v.as_object().if_contains("action");
      if (!a) return reply_error(req, 400, "VALIDATION_ERROR", "the body needs \"action\"");
      body = json::serialize(*a);
    }
    message = "{\"type\":\"" + std::string(what) + "\",\"data\":" + body + "}";
  }
  std::string answer;
  {
    std::lock_guard lk(session->mu);  // one request at a time in a session
    answer = openenv::handle([this](std::string_view m, std::string_view t, std::string b) { return local(m, t, std::move(b)); },
                             *session, message);
  }
  boost::system::error_code ec;
  json::value v = json::parse(answer, ec);
  if (ec || !v.is_object()) return reply_error(req, 500, "EXECUTION_ERROR", "no reply");
  const json::object& o = v.as_object();
  const std::string type = o.contains("type") && o.at("type").is_string() ? std::string(o.at("type").as_string()) : "";
  const json::value data = o.contains("data") ? o.at("data") : json::value(json::object{});
  if (type == "error") {
    const std::string code = data.is_object() && data.as_object().contains("code") ? std::string(data.at("code").as_string()) : "";
    const int status = code == "CAPACITY_REACHED" ? 429 : code == "EXECUTION_ERROR" ? 500 : 400;
    return reply_error(req, status, code, data.is_object() && data.as_object().contains("message")
                                              ? std::string(data.at("message").as_string()) : std::string("error"));
  }
  if (!new_sid.empty() && session->env) {
    std::lock_guard lk(oe_mu);
    oe_sessions[new_sid] = session;
  }
  Response r = reply_json(req, data);
  if (!new_sid.empty()) r.set("X-Session-Id", new_sid);
  else if (!sid.empty()) r.set("X-Session-Id", sid);
  return r;
}

// MCP over stdio: a JSON-RPC message a line in, a reply a line out, until stdin ends.
Status serve_mcp_stdio(const ServerConfig& cfg) {
  ServerConfig c = cfg;
  c.host = "127.0.0.1";
  c.port = 0;  // a loopback listener nobody is told of; the tools call the routes in-process
  auto srv = Server::start(c);
  if (!srv) return srv.error();
  Server::Impl& impl = *(*srv)->impl_;
  mcp::Session session;
  std::string line;
  for (int ch; (ch = std::getchar()) != EOF;) {
    if (ch != '\n') {
      line += char(ch);
      continue;
    }
    if (line.find_first_not_of(" \t\r") != std::string::npos) {
      std::string out =
          invalid_utf8(line) != std::string_view::npos
              ? std::string(R"({"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"the line is not valid UTF-8"}})")
              : mcp::handle([&impl](std::string_view m, std::string_view t, std::string b) { return impl.local(m, t, std::move(b)); },
                            session, line);
      if (!out.empty()) {
        std::fwrite(out.data(), 1, out.size(), stdout);
        std::fputc('\n', stdout);
        std::fflush(stdout);
      }
    }
    line.clear();
  }
  (*srv)->stop();
  return {};
}

// [SECTION] connections -----------------------------------------------------------------------

namespace {

// OpenEnv's /ws: one WebSocket, one session (rpc/openenv.h); messages are handled in turn on
// the connection's strand, each a call of the HTTP routes.
class WsSession : public std::enable_shared_from_this<WsSession> {
 public:
  WsSession(beast::tcp_stream&& stream, Server::Impl& srv, std::string task) : ws_(std::move(stream)), srv_(srv) {
    session_.task = std::move(task);
  }
  void start(Request req) {
    beast::get_lowest_layer(ws_).expires_never();
    ws_.set_option(beast::websocket::stream_base::timeout::suggested(beast::role_type::server));
    ws_.read_message_max(kBodyLimit);
    ws_.async_accept(req, beast::bind_front_handler(&WsSession::on_accept, shared_from_this()));
  }
  ~WsSession() { openenv::end(call(), session_); }

 private:
  mcp::Call call() {
    return [this](std::string_view m, std::string_view t, std::string b) { return srv_.local(m, t, std::move(b)); };
  }
  void on_accept(beast::error_code ec) {
    if (!ec) read();
  }
  void read() {
    buffer_.clear();
    ws_.async_read(buffer_, beast::bind_front_handler(&WsSession::on_read, shared_from_this()));
  }
  void on_read(beast::error_code ec, size_t) {
    if (ec) return;  // closed, reset or timed out: the destructor ends the session
    const std::string msg = beast::buffers_to_string(buffer_.data());
    std::string reply;
    try {
      reply = openenv::handle(call(), session_, msg);
    } catch (const std::exception& ex) {
      reply = json::serialize(json::object{
          {"type", "error"}, {"data", json::object{{"message", std::string("internal error: ") + ex.what()}, {"code", "EXECUTION_ERROR"}}}});
    }
    if (reply.empty()) {  // close
      openenv::end(call(), session_);
      ws_.async_close(beast::websocket::close_code::normal, [self = shared_from_this()](beast::error_code) {});
      return;
    }
    out_ = std::move(reply);
    ws_.text(true);
    ws_.async_write(asio::buffer(out_), beast::bind_front_handler(&WsSession::on_write, shared_from_this()));
  }
  void on_write(beast::error_code ec, size_t) {
    if (!ec) read();
  }

  beast::websocket::stream<beast::tcp_stream> ws_;
  beast::flat_buffer buffer_;
  std::string out_;
  Server::Impl& srv_;
  openenv::Session session_;
};

// The task named in a /ws?task=... query ("" none).
std::string ws_task(std::string_view target) {
  const size_t q = target.find('?');
  if (q == std::string_view::npos) return "";
  std::string_view qs = target.substr(q + 1);
  while (!qs.empty()) {
    const size_t amp = qs.find('&');
    const std::string_view kv = qs.substr(0, amp);
    if (kv.rfind("task=", 0) == 0) return std::string(kv.substr(5));
    if (amp == std::string_view::npos) break;
    qs.remove_prefix(amp + 1);
  }
  return "";
}

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, Server::Impl& srv) : stream_(std::move(socket)), srv_(srv) {}
  void start() { read(); }

 private:
  void read() {
    parser_.emplace();
    parser_->body_limit(kBodyLimit);
    stream_.expires_after(kIdleTimeout);
    http::async_read(stream_, buffer_, *parser_,
                     beast::bind_front_handler(&Session::on_read, shared_from_this()));
  }

  void on_read(beast::error_code ec, size_t) {
    if (ec == http::error::end_of_stream) return close();
    if (ec == http::error::body_limit) {
      Request req;
      req.version(11);
      req.keep_alive(false);
      return write(reply_error(req, 413, "payload_too_large",
                               "request bodies are limited to " + std::to_string(kBodyLimit) +
                                   " bytes"));
    }
    if (ec.category() == http::make_error_code(http::error::bad_version).category()) {
      Request req;  // a parse error: answer once, then close
      req.version(11);
      req.keep_alive(false);
      return write(bad_request(req, "malformed HTTP request: " + ec.message()));
    }
    if (ec) return close();  // timeouts, resets, shutdown

    Request req = parser_->release();
    if (beast::websocket::is_upgrade(req) && split_path(req.target()) == std::vector<std::string_view>{"ws"}) {
      if (!srv_.cfg.token.empty()) {  // a browser cannot set headers on a WebSocket: the token may also be ?token=
        const auto it = req.find(http::field::authorization);
        const bool ok = (it != req.end() && it->value() == "Bearer " + srv_.cfg.token) ||
                        std::string_view(req.target()).find("token=" + srv_.cfg.token) != std::string_view::npos;
        if (!ok) return write(reply_error(req, 401, "unauthorized", "send \"Authorization: Bearer <token>\""));
      }
      std::make_shared<WsSession>(std::move(stream_), srv_, ws_task(req.target()))->start(std::move(req));
      return;
    }
    Response res;
    try {
      res = srv_.handle(req);
    } catch (const std::exception& ex) {
      res = reply_error(req, 500, "internal", std::string("internal error: ") + ex.what());
    } catch (...) {
      res = reply_error(req, 500, "internal", "internal error");
    }
    write(std::move(res));
  }

  void write(Response res) {
    res_ = std::move(res);
    stream_.expires_after(kIdleTimeout);
    http::async_write(stream_, res_,
                      beast::bind_front_handler(&Session::on_write, shared_from_this()));
  }

  void on_write(beast::error_code ec, size_t) {
    if (ec) return close();
    if (!res_.keep_alive()) return close();
    read();
  }

  void close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream_.socket().close(ec);
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  Response res_;
  Server::Impl& srv_;
};

}  // namespace

void Server::Impl::accept() {
  acceptor->async_accept(asio::make_strand(*ioc), [this](beast::error_code ec, tcp::socket sock) {
    if (ec == asio::error::operation_aborted || !acceptor->is_open()) return;
    if (!ec) {
      // No Nagle: a reply's last segment must not wait for the client's delayed ACK (40 ms on
      // Linux: an OpenEnv step with a screenshot took 50 ms at the 90th percentile).
      beast::error_code nd;
      sock.set_option(tcp::no_delay(true), nd);
      try {
        std::make_shared<Session>(std::move(sock), *this)->start();
      } catch (const std::exception& ex) {
        std::fprintf(stderr, "facsim rpc: session: %s\n", ex.what());
      }
    }
    accept();
  });
}

// [SECTION] server ----------------------------------------------------------------------------

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Server::~Server() { stop(); }
uint16_t Server::port() const { return impl_->port; }

void Server::stop() {
  if (!impl_ || impl_->stopped.exchange(true)) return;
  impl_->ioc->stop();
  for (std::thread& t : impl_->threads)
    if (t.joinable()) t.join();
  impl_->threads.clear();
  // Destroying the io_context destroys every pending handler, closing all connections.
  impl_->acceptor.reset();
  impl_->ioc.reset();
}

Result<std::unique_ptr<Server>> Server::start(const ServerConfig& cfg) {
  if (cfg.max_envs < 1) return Error{Errc::invalid_argument, "max_envs must be >= 1"};
  if (cfg.max_snapshots < 0) return Error{Errc::invalid_argument, "max_snapshots must be >= 0"};
  if (cfg.threads < 0 || cfg.threads > 256)
    return Error{Errc::invalid_argument, "threads must be in 0..256 (0: one per core)"};
  if (cfg.frame_budget_mib < 1 || cfg.frame_budget_mib > (1 << 20))
    return Error{Errc::invalid_argument, "frame_budget_mib must be in 1..1048576"};
  auto backend = render::parse_backend(cfg.backend);
  if (!backend) return backend.error();

  auto impl = std::make_unique<Impl>();
  impl->cfg = cfg;
  if (impl->cfg.threads == 0)
    impl->cfg.threads = int(std::clamp(std::thread::hardware_concurrency(), 1u, 64u));
  const int pool = *backend == render::Backend::cpu ? impl->cfg.threads : 1;
  for (int i = 0; i < pool; ++i) {
    // One thread each: N clients render on N cores at once (2.0x the steps/s of one thread,
    // against 1.6x for renderers of all cores each, which make a lone client's step faster).
    auto r = render::create_renderer({.backend = *backend, .threads = 1});
    if (!r) return r.error();
    impl->idle_renderers.push_back(r->get());
    impl->renderers.push_back(std::move(*r));
  }

  beast::error_code ec;
  auto addr = asio::ip::make_address(cfg.host, ec);
  if (ec) return Error{Errc::invalid_argument, "bad host address '" + cfg.host + "'"};
  if (!addr.is_loopback() && cfg.token.empty())
    return Error{Errc::invalid_argument, "binding " + cfg.host + " (not loopback) needs a bearer "
                                         "token (--token): anyone who can reach it could drive the envs"};
  if (cfg.idle_expiry_s < 0) return Error{Errc::invalid_argument, "idle_expiry_s must be >= 0"};
  impl->ioc = std::make_unique<asio::io_context>(impl->cfg.threads);
  impl->acceptor = std::make_unique<tcp::acceptor>(*impl->ioc);
  tcp::endpoint ep(addr, cfg.port);
  auto fail = [&](const char* what) {
    return Error{Errc::io, std::string(what) + " " + cfg.host + ":" + std::to_string(cfg.port) +
                               ": " + ec.message()};
  };
  if (impl->acceptor->open(ep.protocol(), ec); ec) return fail("open");
  if (impl->acceptor->set_option(asio::socket_base::reuse_address(true), ec); ec)
    return fail("reuse_address");
  if (impl->acceptor->bind(ep, ec); ec) return fail("bind");
  if (impl->acceptor->listen(asio::socket_base::max_listen_connections, ec); ec)
    return fail("listen");
  impl->port = impl->acceptor->local_endpoint(ec).port();
  if (ec) return fail("local_endpoint");

  impl->accept();
  Impl* p = impl.get();
  for (int i = 0; i < p->cfg.threads; i++) {
    p->threads.emplace_back([p] {
      for (;;) {  // a throwing completion handler must not take the server down
        try {
          p->ioc->run();
          return;
        } catch (const std::exception& ex) {
          std::fprintf(stderr, "facsim rpc: %s\n", ex.what());
        } catch (...) {
          std::fprintf(stderr, "facsim rpc: unknown exception\n");
        }
      }
    });
  }
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

Status serve(const ServerConfig& cfg) {
  // Block the signals before any thread starts so every thread inherits the mask and
  // sigwait below is the only taker.
  sigset_t set, old;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, &old);
  auto srv = Server::start(cfg);
  if (!srv) {
    pthread_sigmask(SIG_SETMASK, &old, nullptr);
    return srv.error();
  }
  std::printf("facsim serve: listening on http://%s:%u (backend %s)\n", cfg.host.c_str(),
              unsigned((*srv)->port()), cfg.backend.c_str());
  std::fflush(stdout);
  int sig = 0;
  sigwait(&set, &sig);
  (*srv)->stop();
  pthread_sigmask(SIG_SETMASK, &old, nullptr);
  return {};
}

}  // namespace facsim::rpc
