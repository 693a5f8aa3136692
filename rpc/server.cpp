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
#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <cctype>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

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

// Parses a request body that must be a JSON object.
std::optional<json::object> parse_object(const std::string& body, std::string& why) {
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
  std::mutex mu;  // serialises everything done to this env; never held with Impl::envs_mu
  sim::Env env;
  explicit EnvEntry(sim::Env e) : env(std::move(e)) {}
};

struct Server::Impl {
  ServerConfig cfg;
  uint16_t port = 0;
  std::unique_ptr<asio::io_context> ioc;
  std::unique_ptr<tcp::acceptor> acceptor;
  std::vector<std::thread> threads;
  std::atomic<bool> stopped{false};

  std::unique_ptr<render::Renderer> renderer;
  std::mutex render_mu;  // renderers are not thread-safe

  std::mutex envs_mu;
  std::map<uint64_t, std::shared_ptr<EnvEntry>> envs;
  uint64_t next_id = 1;  // ids are never reused

  std::mutex snaps_mu;   // never held with an env's mutex
  std::map<std::string, sim::EnvSnapshot> snaps;
  uint64_t next_snap = 1;

  std::shared_ptr<EnvEntry> find(uint64_t id) {
    std::lock_guard lk(envs_mu);
    auto it = envs.find(id);
    return it == envs.end() ? nullptr : it->second;
  }
  bool full() {
    std::lock_guard lk(envs_mu);
    return envs.size() >= size_t(cfg.max_envs);
  }
  // 0 when the table is full.
  uint64_t add(std::shared_ptr<EnvEntry> e) {
    std::lock_guard lk(envs_mu);
    if (envs.size() >= size_t(cfg.max_envs)) return 0;
    uint64_t id = next_id++;
    envs.emplace(id, std::move(e));
    return id;
  }
  bool remove(uint64_t id) {
    std::shared_ptr<EnvEntry> gone;  // destroyed after the map lock is released
    std::lock_guard lk(envs_mu);
    auto it = envs.find(id);
    if (it == envs.end()) return false;
    gone = std::move(it->second);
    envs.erase(it);
    return true;
  }
  Status render(sim::Env& env) {
    std::lock_guard lk(render_mu);
    return env.render_now(*renderer);
  }

  Response handle(const Request& req);
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
  if (Status st = s.render(e->env); !st) return reply_error(req, st.error());
  o["observation"] = observation_json(e->env.obs());
  uint64_t id = s.add(e);
  if (!id) return too_many(req, s.cfg.max_envs);
  o["id"] = id;
  return reply_json(req, o);
}

Response create_from_snapshot(Server::Impl& s, const Request& req, const json::object& body);

Response create_env(Server::Impl& s, const Request& req) {
  std::string why;
  auto body = parse_object(req.body(), why);
  if (!body) return bad_request(req, why);
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
  if (s.full()) return too_many(req, s.cfg.max_envs);

  auto e = std::make_shared<EnvEntry>(sim::Env(cfg));
  if (Status st = e->env.reset({task, seed, app, route}); !st)
    return reply_error(req, st.error());
  json::object o;
  o["instruction"] = e->env.task().instruction;
  return register_env(s, req, std::move(e), std::move(o));
}

Response step_env(Server::Impl& s, const Request& req, uint64_t id) {
  std::string why;
  auto body = parse_object(req.body(), why);
  if (!body) return bad_request(req, why);
  // {"action": {...}} or, for convenience, the action object itself.
  std::string text;
  if (const json::value* av = body->if_contains("action"))
    text = json::serialize(*av);
  else if (body->contains("kind"))
    text = json::serialize(*body);
  else
    return bad_request(req, "the body needs \"action\": {\"kind\": ...}");
  auto action = sim::action_from_json(text);
  if (!action) return reply_error(req, action.error());

  auto e = s.find(id);
  if (!e) return no_env(req, id);
  std::lock_guard lk(e->mu);
  // A failing action is the env's business: it rolls back and reports obs.error (still 200).
  // After the episode's end nothing is applied: 409 episode_over.
  if (Status st = e->env.apply(*action); !st && st.error().code == Errc::episode_over)
    return reply_error(req, st.error());
  if (Status st = s.render(e->env); !st) return reply_error(req, st.error());
  json::object o;
  o["observation"] = observation_json(e->env.obs());
  return reply_json(req, o);
}

Response screenshot(Server::Impl& s, const Request& req, uint64_t id) {
  auto e = s.find(id);
  if (!e) return no_env(req, id);
  std::lock_guard lk(e->mu);
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
    auto png = render::encode_png(f.data(), c.width, c.height);
    if (!png) return reply_error(req, png.error());
    return reply(req, http::status::ok, std::string(png->begin(), png->end()), "image/png");
  }
  auto pf = render::parse_pixel_format(format);
  if (!pf) return reply_error(req, 400, "invalid_argument",
                              "unknown screenshot format '" + std::string(format) + "' (png|rgba|rgb)");
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

Response a11y(Server::Impl& s, const Request& req, uint64_t id) {
  auto e = s.find(id);
  if (!e) return no_env(req, id);
  std::lock_guard lk(e->mu);
  return reply(req, http::status::ok, e->env.a11y_text(), "text/plain; charset=utf-8");
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

// The "snapshot" field of a body, looked up; nullopt + a reply when missing or unknown.
std::optional<sim::EnvSnapshot> find_snapshot(Server::Impl& s, const Request& req,
                                              const json::object& body, Response& fail) {
  const json::value* v = body.if_contains("snapshot");
  if (!v || !v->is_string()) {
    fail = bad_request(req, "\"snapshot\" must be a snapshot name");
    return std::nullopt;
  }
  std::string name(v->as_string());
  std::lock_guard lk(s.snaps_mu);
  auto it = s.snaps.find(name);
  if (it == s.snaps.end()) {
    fail = reply_error(req, 404, "not_found", "no snapshot named '" + name + "'");
    return std::nullopt;
  }
  return it->second;
}

json::object snapshot_json(const std::string& name, const sim::EnvSnapshot& snap) {
  json::object o;
  o["snapshot"] = name;
  o["task"] = snap.task().task;
  o["seed"] = snap.task().seed;
  o["step"] = snap.step();
  o["bytes"] = snap.bytes();
  return o;
}

Response snapshot_env(Server::Impl& s, const Request& req, uint64_t id) {
  std::string why, name;
  if (!req.body().empty()) {
    auto body = parse_object(req.body(), why);
    if (!body) return bad_request(req, why);
    if (const json::value* v = body->if_contains("name")) {
      if (!v->is_string() || !valid_snapshot_name(v->as_string()))
        return bad_request(req, "\"name\" must be 1-64 of A-Z a-z 0-9 - _ .");
      name = std::string(v->as_string());
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
  Response fail;
  auto snap = find_snapshot(s, req, *body, fail);
  if (!snap) return fail;
  auto e = s.find(id);
  if (!e) return no_env(req, id);
  std::lock_guard lk(e->mu);
  if (Status st = e->env.restore(*snap); !st) return reply_error(req, st.error());
  if (Status st = s.render(e->env); !st) return reply_error(req, st.error());
  json::object o;
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
  if (parts.size() == 1 && parts[0] == "tasks") {
    if (m != http::verb::get) return method_not_allowed(req, "GET");
    return get_tasks(req);
  }
  if (!parts.empty() && parts[0] == "snapshots") {
    if (parts.size() == 1) {
      if (m != http::verb::get) return method_not_allowed(req, "GET");
      return list_snapshots(*this, req);
    }
    if (parts.size() != 2) return route_404();
    if (m != http::verb::delete_) return method_not_allowed(req, "DELETE");
    return drop_snapshot(*this, req, parts[1]);
  }
  if (parts.empty() || parts[0] != "envs") return route_404();
  if (parts.size() == 1) {
    if (m != http::verb::post) return method_not_allowed(req, "POST");
    return create_env(*this, req);
  }
  if (parts.size() > 3) return route_404();
  std::string_view sub = parts.size() == 3 ? parts[2] : std::string_view();
  const char* allow = sub.empty()           ? "DELETE"
                      : sub == "step"       ? "POST"
                      : sub == "fork"       ? "POST"
                      : sub == "snapshot"   ? "POST"
                      : sub == "restore"    ? "POST"
                      : sub == "screenshot" ? "GET"
                      : sub == "a11y"       ? "GET"
                                            : nullptr;
  if (!allow) return route_404();
  if (std::string_view(http::to_string(m)) != allow) return method_not_allowed(req, allow);
  auto id = parse_id(parts[1]);
  if (!id) return reply_error(req, 404, "not_found", "no env with id " + std::string(parts[1]));
  if (sub.empty()) return close_env(*this, req, *id);
  if (sub == "step") return step_env(*this, req, *id);
  if (sub == "fork") return fork_env(*this, req, *id);
  if (sub == "snapshot") return snapshot_env(*this, req, *id);
  if (sub == "restore") return restore_env(*this, req, *id);
  if (sub == "screenshot") return screenshot(*this, req, *id);
  return a11y(*this, req, *id);
}

// [SECTION] connections -----------------------------------------------------------------------

namespace {

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
  if (cfg.threads < 1 || cfg.threads > 256)
    return Error{Errc::invalid_argument, "threads must be in 1..256"};
  auto backend = render::parse_backend(cfg.backend);
  if (!backend) return backend.error();

  auto impl = std::make_unique<Impl>();
  impl->cfg = cfg;
  auto r = render::create_renderer({.backend = *backend});
  if (!r) return r.error();
  impl->renderer = std::move(*r);

  beast::error_code ec;
  auto addr = asio::ip::make_address(cfg.host, ec);
  if (ec) return Error{Errc::invalid_argument, "bad host address '" + cfg.host + "'"};
  impl->ioc = std::make_unique<asio::io_context>(cfg.threads);
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
  for (int i = 0; i < cfg.threads; i++) {
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
