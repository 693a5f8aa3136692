// rpc: a Server on an ephemeral loopback port, driven by a small synchronous Beast client.
#include <gtest/gtest.h>

#include <map>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "renderer.h"
#include "rpc.h"

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace json = boost::json;
using tcp = asio::ip::tcp;
using facsim::rpc::Server;

struct Reply {
  int status = 0;
  std::string type;
  std::string body;
  std::string session;  // an Mcp-Session-Id header
  json::value json() const { return json::parse(body); }
  std::string error_code() const {
    return std::string(json().at("error").at("code").as_string());
  }
};

// One keep-alive connection; every call sends one request and reads one reply.
class Client {
 public:
  explicit Client(uint16_t port) : stream_(ioc_) {
    stream_.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
  }
  ~Client() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
  }
  Reply call(http::verb method, const std::string& target, const std::string& body = "") {
    http::request<http::string_body> req{method, target, 11};
    req.set(http::field::host, "127.0.0.1");
    if (!auth.empty()) req.set(http::field::authorization, auth);
    for (const auto& [k, v] : headers) req.set(k, v);
    req.keep_alive(true);
    if (!body.empty()) {
      req.set(http::field::content_type, "application/json");
      req.body() = body;
    }
    req.prepare_payload();
    http::write(stream_, req);
    http::response<http::string_body> res;
    http::read(stream_, buffer_, res);
    return {int(res.result_int()), std::string(res[http::field::content_type]), res.body(), std::string(res["Mcp-Session-Id"])};
  }
  Reply get(const std::string& t) { return call(http::verb::get, t); }
  Reply post(const std::string& t, const std::string& b = "") {
    return call(http::verb::post, t, b);
  }
  Reply del(const std::string& t) { return call(http::verb::delete_, t); }
  std::string auth;  // an Authorization header to send, when set
  std::map<std::string, std::string> headers;  // more headers to send

 private:
  asio::io_context ioc_;
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
};

class RpcTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto s = Server::start({.port = 0, .backend = "cpu", .max_envs = 8});
    ASSERT_TRUE(s.ok()) << s.error().message;
    server_ = s->release();
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }
  void SetUp() override {
    ASSERT_NE(server_, nullptr);
    client_ = std::make_unique<Client>(server_->port());
  }

  // Creates mail.open_email at a small window (fast on the CPU backend); returns the id.
  int64_t create(uint64_t seed = 1) {
    Reply r = client_->post("/envs", R"({"task":"mail.open_email","seed":)" +
                                         std::to_string(seed) + R"(,"width":640,"height":400})");
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json().at("id").to_number<int64_t>();
  }
  std::string path(int64_t id, const char* sub = "") {
    return "/envs/" + std::to_string(id) + sub;
  }
  std::string screenshot_hash_via_fork(int64_t id) {  // the env's current hash, no step
    Reply f = client_->post(path(id, "/fork"));
    EXPECT_EQ(f.status, 200) << f.body;
    auto v = f.json();
    client_->del(path(v.at("id").to_number<int64_t>()));
    return std::string(v.at("observation").at("hash").as_string());
  }
  std::string step(int64_t id, const std::string& action, int* status = nullptr) {
    Reply r = client_->post(path(id, "/step"), R"({"action":)" + action + "}");
    if (status) *status = r.status;
    EXPECT_EQ(r.status, 200) << r.body;
    return r.body;
  }

  static Server* server_;
  std::unique_ptr<Client> client_;
};
Server* RpcTest::server_ = nullptr;

TEST_F(RpcTest, TasksListed) {
  Reply r = client_->get("/tasks");
  ASSERT_EQ(r.status, 200);
  auto a = r.json().as_array();
  ASSERT_FALSE(a.empty());
  bool found = false;
  for (auto& t : a) found |= t.at("name").as_string() == "mail.open_email";
  EXPECT_TRUE(found);
}

TEST_F(RpcTest, CreateScreenshotStep) {
  Reply r = client_->post("/envs", R"({"task":"mail.open_email","seed":1})");
  ASSERT_EQ(r.status, 200) << r.body;
  auto v = r.json();
  int64_t id = v.at("id").to_number<int64_t>();
  EXPECT_GE(id, 1);
  EXPECT_FALSE(v.at("instruction").as_string().empty());
  EXPECT_EQ(v.at("observation").at("step").to_number<int>(), 0);
  EXPECT_EQ(v.at("observation").at("hash").as_string().size(), 16u);

  Reply png = client_->get(path(id, "/screenshot"));
  ASSERT_EQ(png.status, 200);
  EXPECT_EQ(png.type, "image/png");
  ASSERT_GE(png.body.size(), 8u);
  EXPECT_EQ(png.body.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
  Reply rgb = client_->get(path(id, "/screenshot?format=rgb"));
  ASSERT_EQ(rgb.status, 200);
  EXPECT_EQ(rgb.body.size(), 1280u * 800u * 3u);
  Reply rgba = client_->get(path(id, "/screenshot?format=rgba"));
  ASSERT_EQ(rgba.status, 200);
  ASSERT_EQ(rgba.body.size(), 1280u * 800u * 4u);
  EXPECT_EQ(rgba.body.substr(0, 3), rgb.body.substr(0, 3));
  // The raw frame is exactly what the observation's hash covers.
  EXPECT_EQ(facsim::render::hash_hex(facsim::render::frame_hash(reinterpret_cast<const uint8_t*>(rgba.body.data()),
                                                rgba.body.size())),
            std::string(v.at("observation").at("hash").as_string()));
  EXPECT_EQ(client_->get(path(id, "/screenshot?format=bmp")).status, 400);

  Reply a = client_->get(path(id, "/a11y"));
  EXPECT_EQ(a.status, 200);
  EXPECT_FALSE(a.body.empty());

  auto o = json::parse(step(id, R"({"kind":"click","x":640,"y":300})"));
  EXPECT_EQ(o.at("observation").at("step").to_number<int>(), 1);
  EXPECT_TRUE(o.at("observation").at("error").as_string().empty());
  // A bare action object is accepted too.
  Reply b = client_->post(path(id, "/step"), R"({"kind":"noop"})");
  EXPECT_EQ(b.status, 200) << b.body;
  EXPECT_EQ(client_->del(path(id)).status, 200);
}

TEST_F(RpcTest, AppearanceMarksAndRawPointerActions) {
  Reply r = client_->post("/envs", R"({"task":"gallery.form","seed":1,"appearance":"dark",)"
                                   R"("set_of_marks":true})");
  ASSERT_EQ(r.status, 200) << r.body;
  int64_t id = r.json().at("id").to_number<int64_t>();
  Reply a = client_->get(path(id, "/a11y"));
  EXPECT_NE(a.body.find("[1] button \"Back\""), std::string::npos) << a.body.substr(0, 200);
  // down/up with modifiers and a right button go through the JSON actions.
  auto o = json::parse(step(id, R"({"kind":"down","x":300,"y":170,"button":"left","mods":"shift"})"));
  EXPECT_TRUE(o.at("observation").at("error").as_string().empty());
  o = json::parse(step(id, R"({"kind":"up","x":300,"y":170})"));
  EXPECT_TRUE(o.at("observation").at("error").as_string().empty());
  o = json::parse(step(id, R"({"kind":"key","key":"Control+a"})"));
  EXPECT_TRUE(o.at("observation").at("error").as_string().empty());
  // An unknown key is refused before the step (issue 18): 400, no step spent.
  const int64_t before = o.at("observation").at("step").to_number<int64_t>();
  Reply bad_key = client_->post(path(id, "/step"), R"({"action":{"kind":"key","key":"Hyper+a"}})");
  EXPECT_EQ(bad_key.status, 400) << bad_key.body;
  EXPECT_NE(bad_key.body.find("Hyper"), std::string::npos);
  o = json::parse(step(id, R"({"kind":"key","key":"Return"})"));  // xdotool's name for Enter
  EXPECT_EQ(o.at("observation").at("step").to_number<int64_t>(), before + 1);
  EXPECT_TRUE(o.at("observation").at("error").as_string().empty());
  EXPECT_EQ(client_->post(path(id, "/step"), R"({"action":{"kind":"down","x":1,"y":1,"button":"side"}})").status,
            400);
  EXPECT_EQ(client_->post(path(id, "/step"), R"({"action":{"kind":"click","x":1,"y":1,"mods":"hyper"}})").status,
            400);
  EXPECT_EQ(client_->post("/envs", R"({"task":"gallery.form","seed":1,"appearance":"sepia"})").status,
            400);
  EXPECT_EQ(client_->post("/envs", R"({"task":"gallery.form","seed":1,"set_of_marks":1})").status,
            400);
  client_->del(path(id));
}

TEST_F(RpcTest, FailingActionKeepsWorld) {
  int64_t id = create();
  std::string before = screenshot_hash_via_fork(id);
  auto o = json::parse(step(id, R"({"kind":"click","x":99999,"y":5})"));
  EXPECT_FALSE(o.at("observation").at("error").as_string().empty());
  EXPECT_EQ(o.at("observation").at("hash").as_string(), before);
  EXPECT_EQ(screenshot_hash_via_fork(id), before);
  client_->del(path(id));
}

TEST_F(RpcTest, BadRequests) {
  int64_t id = create();
  Reply r = client_->post("/envs", "{not json");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.error_code(), "bad_request");
  EXPECT_EQ(client_->post("/envs", R"({"task":"mail.open_email"})").status, 400);
  EXPECT_EQ(client_->post("/envs", R"({"task":"mail.open_email","seed":-1})").status, 400);
  EXPECT_EQ(client_->post("/envs", R"({"task":"mail.open_email","seed":1,"width":5000})").status,
            400);
  EXPECT_EQ(client_->post(path(id, "/step"), "[1,2").status, 400);
  EXPECT_EQ(client_->post(path(id, "/step"), R"({"action":{"kind":"fly"}})").status, 400);
  EXPECT_EQ(client_->post(path(id, "/step"), R"({"action":{"kind":"click","x":"a"}})").status,
            400);

  Reply t = client_->post("/envs", R"({"task":"no.such_task","seed":1})");
  EXPECT_EQ(t.status, 404);
  EXPECT_EQ(t.error_code(), "not_found");
  EXPECT_EQ(client_->post("/envs/999999/step", R"({"action":{"kind":"noop"}})").status, 404);
  EXPECT_EQ(client_->get("/envs/999999/screenshot").status, 404);
  EXPECT_EQ(client_->get("/envs/abc/a11y").status, 404);
  EXPECT_EQ(client_->get("/nowhere").status, 404);
  EXPECT_EQ(client_->get(path(id, "/teleport")).status, 404);
  EXPECT_EQ(client_->get(path(id, "/step")).status, 405);
  EXPECT_EQ(client_->del("/tasks").status, 405);

  // The connection and the env survive all of the above.
  auto o = json::parse(step(id, R"({"kind":"noop"})"));
  EXPECT_EQ(o.at("observation").at("step").to_number<int>(), 1);
  client_->del(path(id));
}

TEST_F(RpcTest, ForkAndClose) {
  int64_t id = create();
  std::string h0 = screenshot_hash_via_fork(id);
  auto s = json::parse(step(id, R"({"kind":"click","x":450,"y":177})"));  // opens the first row
  EXPECT_NE(s.at("observation").at("hash").as_string(), h0);
  Reply f = client_->post(path(id, "/fork"));
  ASSERT_EQ(f.status, 200) << f.body;
  auto v = f.json();
  int64_t child = v.at("id").to_number<int64_t>();
  EXPECT_NE(child, id);
  EXPECT_EQ(v.at("observation").at("hash"), s.at("observation").at("hash"));
  EXPECT_EQ(v.at("observation").at("step"), s.at("observation").at("step"));

  Reply d = client_->del(path(child));
  EXPECT_EQ(d.status, 200);
  EXPECT_EQ(d.json().at("closed").to_number<int64_t>(), child);
  EXPECT_EQ(client_->post(path(child, "/step"), R"({"action":{"kind":"noop"}})").status, 404);
  EXPECT_EQ(client_->del(path(child)).status, 404);
  EXPECT_EQ(client_->get(path(id, "/screenshot")).status, 200);  // the parent lives on
  client_->del(path(id));
}

// Snapshot names are per env (issue 18: env B saving "start" replaced env A's); a full
// reference ("env3/start") or a global name reaches them from any env.
TEST_F(RpcTest, NamedSnapshotsRestoreAnyEnv) {
  int64_t id = create(4);
  Reply sn = client_->post(path(id, "/snapshot"), R"({"name":"start"})");
  ASSERT_EQ(sn.status, 200) << sn.body;
  EXPECT_EQ(sn.json().at("snapshot").as_string(), "start");
  const std::string start_ref(sn.json().at("ref").as_string());
  EXPECT_EQ(start_ref, "env" + std::to_string(id) + "/start");
  EXPECT_EQ(sn.json().at("step").to_number<int>(), 0);
  EXPECT_GT(sn.json().at("bytes").to_number<int64_t>(), 50000);
  // Saving over a name needs "replace": true.
  Reply again = client_->post(path(id, "/snapshot"), R"({"name":"start"})");
  EXPECT_EQ(again.status, 409) << again.body;
  EXPECT_EQ(client_->post(path(id, "/snapshot"), R"({"name":"start","replace":true})").status, 200);
  const std::string h0 = screenshot_hash_via_fork(id);
  auto moved = json::parse(step(id, R"({"kind":"click","x":450,"y":177})"));
  EXPECT_NE(moved.at("observation").at("hash").as_string(), h0);
  step(id, R"({"kind":"wait","ms":120000})");  // mail arrives in the meantime
  Reply auto_named = client_->post(path(id, "/snapshot"));
  ASSERT_EQ(auto_named.status, 200) << auto_named.body;
  const std::string later(auto_named.json().at("ref").as_string());

  // Another env's "start" is its own: it does not replace this one's.
  int64_t other = create(9);
  ASSERT_EQ(client_->post(path(other, "/snapshot"), R"({"name":"start"})").status, 200);
  Reply r = client_->post(path(id, "/restore"), R"({"snapshot":"start"})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("observation").at("hash").as_string(), h0);
  EXPECT_EQ(r.json().at("observation").at("step").to_number<int>(), 0);
  EXPECT_EQ(r.json().at("task").as_string(), "mail.open_email");  // the reply says what it is
  EXPECT_FALSE(r.json().at("instruction").as_string().empty());
  EXPECT_EQ(r.json().at("snapshot").as_string(), start_ref);
  // A new env straight from a snapshot (by reference), and another env restored to it.
  Reply c = client_->post("/envs", R"({"snapshot":")" + later + R"(","width":640,"height":400})");
  ASSERT_EQ(c.status, 200) << c.body;
  EXPECT_EQ(c.json().at("observation").at("step").to_number<int>(), 2);
  Reply r2 = client_->post(path(other, "/restore"), R"({"snapshot":")" + start_ref + R"("})");
  ASSERT_EQ(r2.status, 200) << r2.body;
  EXPECT_EQ(r2.json().at("observation").at("hash").as_string(), h0);
  // A global name reaches every env by its plain name.
  ASSERT_EQ(client_->post(path(id, "/snapshot"), R"({"name":"shared","global":true})").status, 200);
  EXPECT_EQ(client_->post(path(other, "/restore"), R"({"snapshot":"shared"})").status, 200);

  Reply list = client_->get("/snapshots");
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(list.json().as_array().size(), 4u);  // id's start and s1, other's start, shared
  // Errors: unknown names, bad names, bad bodies, unknown fields; nothing changes.
  EXPECT_EQ(client_->post(path(id, "/restore"), R"({"snapshot":"nope"})").status, 404);
  EXPECT_EQ(client_->post(path(id, "/restore"), R"({"snapshot":3})").status, 400);
  EXPECT_EQ(client_->post(path(id, "/restore"), R"({"snapshot":"start","nmae":1})").status, 400);
  EXPECT_EQ(client_->post(path(id, "/snapshot"), R"({"name":"a b/c"})").status, 400);
  EXPECT_EQ(client_->post(path(99999, "/snapshot")).status, 404);
  EXPECT_EQ(client_->post("/envs", R"({"snapshot":"nope"})").status, 404);
  EXPECT_EQ(client_->post("/envs", R"({"snapshot":"start"})").status, 404);  // whose start?
  EXPECT_EQ(client_->get("/snapshots/start").status, 405);
  EXPECT_EQ(client_->del("/snapshots/" + start_ref).status, 200);
  EXPECT_EQ(client_->del("/snapshots/" + start_ref).status, 404);
  EXPECT_EQ(client_->del("/snapshots/" + later).status, 200);
  EXPECT_EQ(client_->del("/snapshots/shared").status, 200);
  EXPECT_EQ(client_->get("/snapshots").json().as_array().size(), 1u);  // other's own start
  EXPECT_EQ(screenshot_hash_via_fork(id), h0);  // restored envs outlive their snapshots
  client_->del(path(c.json().at("id").to_number<int64_t>()));
  client_->del(path(other));  // an env's own snapshots go with it
  EXPECT_EQ(client_->get("/snapshots").json().as_array().size(), 0u);
  client_->del(path(id));
}

TEST_F(RpcTest, EnvsAreIndependent) {
  int64_t a = create(3), b = create(3);
  std::string hb = screenshot_hash_via_fork(b);
  EXPECT_EQ(screenshot_hash_via_fork(a), hb);  // same task and seed: same frame
  step(a, R"({"kind":"scroll","x":320,"y":200,"dy":300})");
  auto o = json::parse(step(a, R"({"kind":"click","x":450,"y":177})"));  // the first row
  EXPECT_NE(o.at("observation").at("hash").as_string(), hb);
  EXPECT_EQ(screenshot_hash_via_fork(b), hb);
  client_->del(path(a));
  client_->del(path(b));
}

TEST_F(RpcTest, TooManyEnvs) {
  std::vector<int64_t> ids;
  Reply r;
  for (int i = 0; i < 9; i++) {
    r = client_->post("/envs", R"({"task":"mail.open_email","seed":1,"width":64,"height":64})");
    if (r.status != 200) break;
    ids.push_back(r.json().at("id").to_number<int64_t>());
  }
  EXPECT_EQ(r.status, 429);
  EXPECT_EQ(ids.size(), 8u);
  for (int64_t id : ids) client_->del(path(id));
  Reply again = client_->post("/envs", R"({"task":"mail.open_email","seed":1,"width":64,"height":64})");
  EXPECT_EQ(again.status, 200);
  if (again.status == 200) client_->del(path(again.json().at("id").to_number<int64_t>()));
}

// Refused on the header alone, so the (never sent) body cannot race the reply.
TEST_F(RpcTest, OversizedBody) {
  asio::io_context ioc;
  beast::tcp_stream s(ioc);
  s.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), server_->port()));
  std::string head = "POST /envs HTTP/1.1\r\nHost: x\r\nContent-Length: 2097152\r\n\r\n";
  asio::write(s, asio::buffer(head));
  beast::flat_buffer buf;
  http::response<http::string_body> res;
  http::read(s, buf, res);
  EXPECT_EQ(res.result_int(), 413u);
  EXPECT_FALSE(res.keep_alive());
}

// Two I/O threads, two clients stepping their own envs at once: same hashes as alone.
TEST(RpcThreads, ConcurrentEnvs) {
  auto s = Server::start({.port = 0, .threads = 2});
  ASSERT_TRUE(s.ok()) << s.error().message;
  uint16_t port = (*s)->port();
  std::string hashes[2];
  auto run = [port](std::string& out) {
    Client c(port);
    Reply r = c.post("/envs", R"({"task":"mail.open_email","seed":5,"width":320,"height":200})");
    if (r.status != 200) return;
    std::string id = std::to_string(r.json().at("id").to_number<int64_t>());
    for (int i = 0; i < 10; i++) {
      Reply st = c.post("/envs/" + id + "/step",
                        R"({"action":{"kind":"scroll","x":160,"y":100,"dy":40}})");
      if (st.status != 200) return;
      out = std::string(st.json().at("observation").at("hash").as_string());
    }
  };
  std::thread t0(run, std::ref(hashes[0])), t1(run, std::ref(hashes[1]));
  t0.join();
  t1.join();
  EXPECT_FALSE(hashes[0].empty());
  EXPECT_EQ(hashes[0], hashes[1]);
}

TEST(RpcStart, BadConfig) {
  EXPECT_FALSE(Server::start({.port = 0, .backend = "teapot"}).ok());
  // Beyond loopback only with a token (issue 18).
  auto open = Server::start({.host = "0.0.0.0", .port = 0});
  EXPECT_FALSE(open.ok());
  if (!open.ok()) {
    EXPECT_NE(open.error().message.find("token"), std::string::npos);
  }
  EXPECT_FALSE(Server::start({.host = "not an address", .port = 0}).ok());
  auto s = Server::start({.port = 0});
  ASSERT_TRUE(s.ok());
  uint16_t port = (*s)->port();
  EXPECT_NE(port, 0);
  (*s)->stop();
  (*s)->stop();  // idempotent
}


// A token guards every route but /health.
TEST(RpcStart, BearerToken) {
  auto s = Server::start({.port = 0, .token = "s3cret"});
  ASSERT_TRUE(s.ok()) << s.error().message;
  Client c((*s)->port());
  EXPECT_EQ(c.get("/health").status, 200);
  EXPECT_EQ(c.get("/tasks").status, 401);
  EXPECT_EQ(c.post("/envs", R"({"task":"mail.open_email","seed":1})").status, 401);
  c.auth = "Bearer wrong";
  EXPECT_EQ(c.get("/tasks").status, 401);
  c.auth = "Bearer s3cret";
  EXPECT_EQ(c.get("/tasks").status, 200);
}

// Envs no request touched for idle_expiry_s are closed.
TEST(RpcStart, IdleEnvsExpire) {
  auto s = Server::start({.port = 0, .idle_expiry_s = 1});
  ASSERT_TRUE(s.ok()) << s.error().message;
  Client c((*s)->port());
  Reply r = c.post("/envs", R"({"task":"mail.open_email","seed":1,"width":64,"height":64})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(c.get("/envs").json().as_array().size(), 1u);
  std::this_thread::sleep_for(std::chrono::milliseconds(2200));
  EXPECT_EQ(c.get("/envs").json().as_array().size(), 0u);
  EXPECT_EQ(c.get("/envs/" + std::to_string(r.json().at("id").to_number<int64_t>())).status, 404);
}
}  // namespace

// An app opened without a task, at a route; bad apps and routes are 4xx and touch nothing.
TEST_F(RpcTest, AnAppOpensWithoutATask) {
  Reply r = client_->post("/envs", R"({"app":"mail","route":"#starred","seed":3})");
  ASSERT_EQ(r.status, 200) << r.body;
  const int64_t id = r.json().at("id").as_int64();
  Reply a11y = client_->get(path(id, "/a11y"));
  EXPECT_NE(a11y.body.find("mail.facsim.test/#starred"), std::string::npos) << a11y.body;
  Reply step = client_->post(path(id, "/step"), R"({"action":{"kind":"wait","ms":1000}})");
  EXPECT_EQ(step.status, 200);
  EXPECT_EQ(client_->post("/envs", R"({"app":"nope","seed":3})").status, 404);
  EXPECT_EQ(client_->post("/envs", R"({"app":"mail","route":"#nowhere","seed":3})").status, 400);
  EXPECT_EQ(client_->post("/envs", R"({"seed":3})").status, 400);
  EXPECT_EQ(client_->post("/envs", R"({"app":7,"seed":3})").status, 400);
  client_->del(path(id));
}

// An episode that ended refuses further steps with 409 episode_over, and nothing changes.
TEST_F(RpcTest, StepsAfterTheEndAreRefused) {
  Reply r = client_->post("/envs", R"({"task":"mail.count_starred_from","seed":2})");
  ASSERT_EQ(r.status, 200) << r.body;
  const int64_t id = r.json().at("id").as_int64();
  Reply end = client_->post(path(id, "/step"), R"({"action":{"kind":"answer","text":"1000"}})");
  ASSERT_EQ(end.status, 200) << end.body;
  const auto body = end.json();
  const auto& obs = body.at("observation").as_object();
  EXPECT_TRUE(obs.at("done").as_bool());
  EXPECT_TRUE(obs.at("terminated").as_bool());
  EXPECT_FALSE(obs.at("truncated").as_bool());
  EXPECT_FALSE(obs.at("success").as_bool());
  EXPECT_EQ(obs.at("step").as_int64(), 1);
  Reply again = client_->post(path(id, "/step"), R"({"action":{"kind":"wait","ms":1000}})");
  EXPECT_EQ(again.status, 409) << again.body;
  EXPECT_EQ(again.error_code(), "episode_over");
  Reply a11y = client_->get(path(id, "/a11y"));
  EXPECT_EQ(a11y.status, 200);
  client_->del(path(id));
}

// The same click said in every dialect, through the server, makes the same frame as the
// facsim action on a fresh env of the same seed (detected, or named at create or per step).
TEST_F(RpcTest, EveryDialectClicksTheSameRow) {
  auto fresh = [&](const std::string& extra = "") {
    Reply r = client_->post("/envs", R"J({"task":"mail.open_email","seed":3,"width":640,"height":400)J" +
                                         extra + "}");
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json().at("id").to_number<int64_t>();
  };
  auto hash_after = [&](int64_t id, const std::string& body) {
    Reply r = client_->post(path(id, "/step"), body);
    EXPECT_EQ(r.status, 200) << body << "\n" << r.body;
    if (r.status != 200) return std::string();
    EXPECT_EQ(r.json().at("observation").at("error").as_string(), "") << body;
    EXPECT_EQ(r.json().at("observation").at("step").to_number<int>(), 1) << body;
    const std::string h(r.json().at("observation").at("hash").as_string());
    client_->del(path(id));
    return h;
  };
  const std::string want = hash_after(fresh(), R"J({"action":{"kind":"click","x":450,"y":177}})J");
  ASSERT_FALSE(want.empty());
  const std::vector<std::string> bodies = {
      R"J({"action":{"action":"left_click","coordinate":[450,177]}})J",
      R"J({"action":{"type":"tool_use","name":"computer","input":{"action":"left_click","coordinate":[450.4,176.6]}}})J",
      R"J({"action":{"type":"computer_call","call_id":"c1","action":{"type":"click","x":450,"y":177,"button":"left"}}})J",
      R"J({"action":{"type":"click","x":450,"y":177,"button":"left"}})J",
      R"J({"action":{"action_type":"CLICK","parameters":{"button":"left","x":450,"y":177}}})J",
      R"J({"action":"pyautogui.click(450, 177)"})J",
      R"J({"action":"import pyautogui\npyautogui.click(x=450, y=177)"})J",
      R"J({"action":"mouse_click(450, 177)"})J",
      R"J({"action":{"name":"computer_use","arguments":{"action":"left_click","coordinate":[450,177]}}})J",
      R"J({"action":"Thought: open it.\nAction: click(start_box='(450,177)')"})J",
      R"J({"action":{"action":"left_click","coordinate":[450,177]},"dialect":"computer_20251124"})J",
  };
  for (const std::string& b : bodies) EXPECT_EQ(hash_after(fresh(), b), want) << b;
  // Qwen3-VL's 0..1000 space, named once at create.
  EXPECT_EQ(hash_after(fresh(R"J(,"dialect":"qwen","coordinates":"norm1000")J"),
                       R"J({"action":{"name":"computer_use","arguments":{"action":"left_click","coordinate":[703,442]}}})J"),
            want);
  // UI-TARS-1.5 on a screenshot resized to 1280x800 (twice the window).
  EXPECT_EQ(hash_after(fresh(R"J(,"coordinates":"resized:1280x800")J"),
                       R"J({"action":"click(start_box='<|box_start|>(900,354)<|box_end|>')","dialect":"uitars"})J"),
            want);
  // BrowserGym by element: the first row's a11y id clicks where its centre is.
  int64_t id = fresh();
  Reply tree = client_->get(path(id, "/a11y?format=json"));
  ASSERT_EQ(tree.status, 200) << tree.body;
  std::string bid;
  int cx = 0, cy = 0;
  const json::value nodes = tree.json();  // (a range-for over a temporary's member dangles)
  for (const json::value& n : nodes.as_array()) {
    const json::object& o = n.as_object();
    if (bid.empty() && o.at("role").as_string() == "listitem" && o.contains("clickable") &&
        o.at("on_screen").as_bool()) {
      const auto& b = o.at("box").as_array();
      bid = std::string(o.at("id").as_string());
      cx = b[0].to_number<int>() + b[2].to_number<int>() / 2;
      cy = b[1].to_number<int>() + b[3].to_number<int>() / 2;
    }
  }
  ASSERT_FALSE(bid.empty());
  const std::string by_bid = hash_after(id, R"J({"action":"click(')J" + bid + R"J(')"})J");
  EXPECT_EQ(by_bid, hash_after(fresh(), R"J({"action":{"kind":"click","x":)J" + std::to_string(cx) +
                                            ",\"y\":" + std::to_string(cy) + "}}"));
  EXPECT_NE(by_bid, want);
}

// What the issue found, each refused or fixed: unknown fields, invalid UTF-8, unknown keys,
// malformed actions are 400 before any step; a retried step is not applied twice; typing with
// nothing focused is an error that leaves the clock; composite steps are one step.
TEST_F(RpcTest, HonestEpisodes) {
  EXPECT_EQ(client_->post("/envs", R"J({"task":"mail.open_email","seed":1,"widht":640})J").status, 400);
  Reply typo = client_->post("/envs", R"J({"task":"mail.open_email","seed":1,"widht":640})J");
  EXPECT_NE(typo.body.find("widht"), std::string::npos);
  Reply utf = client_->post("/envs", std::string("{\"task\":\"mail.open\xff\",\"seed\":1}"));
  EXPECT_EQ(utf.status, 400);
  EXPECT_NE(utf.body.find("UTF-8"), std::string::npos);
  const int64_t id = create(2);
  auto step_no = [&] {
    return client_->get(path(id)).json().at("step").to_number<int>();
  };
  for (const char* bad : {R"J({"action":{"action":"key","text":"F99"}})J",
                          R"J({"action":{"action":"left_click","coordinate":[1,2],"txet":"x"}})J",
                          R"J({"action":"pyautogui.click(__import__('os').system('id'))"})J",
                          R"J({"action":{"kind":"click","x":1,"y":1},"screnshot":"png"})J",
                          R"J({"action":"mouse_click(1, 2)","dialect":"klingon"})J"}) {
    Reply r = client_->post(path(id, "/step"), bad);
    EXPECT_EQ(r.status, 400) << bad << " -> " << r.body;
  }
  EXPECT_EQ(step_no(), 0);
  // expect_step: a retry of a step already applied is a 409, not a second step.
  Reply a = client_->post(path(id, "/step"), R"J({"action":{"kind":"key","key":"Return"},"expect_step":0})J");
  ASSERT_EQ(a.status, 200) << a.body;
  Reply retry = client_->post(path(id, "/step"), R"J({"action":{"kind":"key","key":"Return"},"expect_step":0})J");
  EXPECT_EQ(retry.status, 409) << retry.body;
  EXPECT_EQ(step_no(), 1);
  // Typing with nothing focused: an error in the observation, the clock where it was.
  json::value before = json::parse(client_->get(path(id)).body);
  Reply t = client_->post(path(id, "/step"), R"J({"action":{"kind":"type","text":"zzzzzzzzzzzzzzzzzzzz"}})J");
  ASSERT_EQ(t.status, 200);
  EXPECT_NE(t.json().at("observation").at("error").as_string(), "");
  // Double click and drag: one step each.
  Reply dbl = client_->post(path(id, "/step"), R"J({"action":{"action":"double_click","coordinate":[300,60]}})J");
  ASSERT_EQ(dbl.status, 200) << dbl.body;
  Reply drag = client_->post(path(id, "/step"),
                             R"J({"action":{"type":"drag","path":[{"x":10,"y":300},{"x":40,"y":300},{"x":80,"y":310}]}})J");
  ASSERT_EQ(drag.status, 200) << drag.body;
  EXPECT_EQ(step_no(), 4);
  (void)before;
  client_->del(path(id));
}

// The lifecycle: list, describe, reset in place; the reply can carry the screenshot, and a11y
// comes as JSON with boxes clipped to what shows; zoom and cursor_position read the screen.
TEST_F(RpcTest, LifecycleAndObservations) {
  EXPECT_EQ(client_->get("/health").json().at("ok").as_bool(), true);
  EXPECT_EQ(client_->get("/version").json().at("dialects").as_array().size(), 8u);
  const int64_t id = create(5);
  Reply list = client_->get("/envs");
  ASSERT_EQ(list.status, 200);
  bool listed = false;
  const json::value envs = list.json();
  for (const json::value& e : envs.as_array()) listed |= e.at("id").to_number<int64_t>() == id;
  EXPECT_TRUE(listed);
  Reply one = client_->get(path(id));
  ASSERT_EQ(one.status, 200);
  EXPECT_EQ(one.json().at("task").as_string(), "mail.open_email");
  EXPECT_EQ(one.json().at("width").to_number<int>(), 640);
  const std::string first(one.json().at("instruction").as_string());
  step(id, R"J({"kind":"click","x":450,"y":177})J");
  Reply reset = client_->post(path(id, "/reset"), R"J({"seed":6})J");
  ASSERT_EQ(reset.status, 200) << reset.body;
  EXPECT_EQ(reset.json().at("id").to_number<int64_t>(), id);
  EXPECT_EQ(reset.json().at("observation").at("step").to_number<int>(), 0);
  EXPECT_NE(reset.json().at("instruction").as_string(), first);
  EXPECT_EQ(client_->get(path(id)).json().at("seed").to_number<int>(), 6);
  EXPECT_EQ(client_->post(path(id, "/reset"), R"J({"sede":6})J").status, 400);
  // The screenshot inline, base64 PNG.
  Reply shot = client_->post(path(id, "/step"), R"J({"action":{"kind":"noop"},"screenshot":"png"})J");
  ASSERT_EQ(shot.status, 200);
  const std::string b64(shot.json().at("screenshot").at("base64").as_string());
  EXPECT_EQ(b64.substr(0, 8), "iVBORw0K");  // "\x89PNG\r\n\x1a\n"
  // Queries take no step.
  Reply cur = client_->post(path(id, "/step"), R"J({"action":{"action":"cursor_position"}})J");
  ASSERT_EQ(cur.status, 200) << cur.body;
  EXPECT_EQ(cur.json().at("observation").at("step").to_number<int>(), 1);
  EXPECT_EQ(cur.json().at("cursor_position").as_array().size(), 2u);
  Reply zoom = client_->post(path(id, "/step"), R"J({"action":{"action":"zoom","region":[0,0,160,100]}})J");
  ASSERT_EQ(zoom.status, 200) << zoom.body;
  EXPECT_EQ(zoom.json().at("zoom").at("scale").to_number<int>(), 4);
  EXPECT_EQ(std::string(zoom.json().at("zoom").at("png_base64").as_string()).substr(0, 8), "iVBORw0K");
  // a11y JSON: every box that shows is inside the window; rows below the list's fold do not show.
  Reply tree = client_->get(path(id, "/a11y?format=json"));
  ASSERT_EQ(tree.status, 200);
  int shown = 0, hidden = 0;
  const json::value nodes = tree.json();
  for (const json::value& n : nodes.as_array()) {
    const auto& b = n.at("box").as_array();
    if (n.at("on_screen").as_bool()) {
      ++shown;
      EXPECT_GE(b[0].to_number<int>(), 0);
      EXPECT_LE(b[1].to_number<int>() + b[3].to_number<int>(), 400);
    } else {
      ++hidden;
    }
  }
  EXPECT_GT(shown, 10);
  EXPECT_GT(hidden, 0);
  client_->del(path(id));
}

// Past the frame budget the least recently drawn envs free their frames; their screenshots and
// steps draw them again, pixel for pixel, and the budget holds.
TEST(RpcStart, FramesBeyondTheBudgetAreFreedAndRedrawn) {
  auto s = Server::start({.port = 0, .frame_budget_mib = 4});  // 4 frames of 640x400
  ASSERT_TRUE(s.ok()) << s.error().message;
  Client c((*s)->port());
  auto create = [&](int seed) {
    Reply r = c.post("/envs", R"({"task":"mail.open_email","seed":)" + std::to_string(seed) +
                                  R"(,"width":640,"height":400})");
    EXPECT_EQ(r.status, 200) << r.body;
    return "/envs/" + std::to_string(r.json().at("id").to_number<int64_t>());
  };
  const std::string first = create(1);
  Reply before = c.get(first + "/screenshot?format=rgba");
  ASSERT_EQ(before.status, 200);
  Reply png_before = c.get(first + "/screenshot");
  for (int i = 2; i <= 8; ++i) create(i);
  auto stats = c.get("/stats").json();
  EXPECT_EQ(stats.at("envs").to_number<int>(), 8);
  EXPECT_LE(stats.at("frame_bytes").to_number<int64_t>(), int64_t(4) << 20);
  EXPECT_LT(stats.at("frames_held").to_number<int>(), 8);
  // The first env's frame was freed (least recently drawn); asking for it draws it again.
  Reply after = c.get(first + "/screenshot?format=rgba");
  ASSERT_EQ(after.status, 200);
  EXPECT_TRUE(after.body == before.body);
  Reply png_after = c.get(first + "/screenshot");
  auto a = facsim::render::decode_png(std::span(reinterpret_cast<const uint8_t*>(png_after.body.data()),
                                                png_after.body.size()));
  auto b = facsim::render::decode_png(std::span(reinterpret_cast<const uint8_t*>(png_before.body.data()),
                                                png_before.body.size()));
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_TRUE(a->rgba == b->rgba);
  // A step on an env whose frame was freed draws the whole frame: the hash is the frame's.
  for (int i = 0; i < 3; ++i) {
    Reply st = c.post(first + "/step", R"({"action":{"kind":"scroll","x":300,"y":200,"dy":120}})");
    ASSERT_EQ(st.status, 200) << st.body;
    Reply raw = c.get(first + "/screenshot?format=rgba");
    EXPECT_EQ(facsim::render::hash_hex(facsim::render::frame_hash(
                  reinterpret_cast<const uint8_t*>(raw.body.data()), raw.body.size())),
              std::string(st.json().at("observation").at("hash").as_string()));
    create(10 + i);  // and evict again
  }
  stats = c.get("/stats").json();
  EXPECT_LE(stats.at("frame_bytes").to_number<int64_t>(), int64_t(4) << 20);
  EXPECT_EQ(Server::start({.port = 0, .frame_budget_mib = 0}).error().code,
            facsim::Errc::invalid_argument);
}

// MCP over Streamable HTTP (POST /mcp), at the protocol level: sessions, notifications, the
// JSON-RPC errors, tools whose failures are results; tests/node/mcp_client.mjs drives the same with
// the official SDK client.
TEST_F(RpcTest, McpOverHttp) {
  auto rpc = [&](const std::string& id, const std::string& method, const std::string& params = "{}") {
    return client_->post("/mcp", R"({"jsonrpc":"2.0","id":)" + id + R"(,"method":")" + method + R"(","params":)" + params + "}");
  };
  Reply init = rpc("1", "initialize", R"({"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"1"}})");
  ASSERT_EQ(init.status, 200) << init.body;
  EXPECT_EQ(init.type, "application/json");
  ASSERT_FALSE(init.session.empty());
  EXPECT_EQ(init.json().at("result").at("protocolVersion").as_string(), "2025-06-18");
  EXPECT_EQ(init.json().at("result").at("serverInfo").at("name").as_string(), "facsim");
  EXPECT_EQ(rpc("2", "initialize", R"({"protocolVersion":"1999-01-01"})").json().at("result").at("protocolVersion").as_string(),
            "2025-11-25");  // one it does not speak: the newest it does
  client_->headers["Mcp-Session-Id"] = init.session;
  client_->headers["MCP-Protocol-Version"] = "2025-06-18";
  Reply note = client_->post("/mcp", R"({"jsonrpc":"2.0","method":"notifications/initialized"})");
  EXPECT_EQ(note.status, 202);
  EXPECT_EQ(note.body, "");
  EXPECT_EQ(rpc("3", "tools/list").json().at("result").at("tools").as_array().size(), 12u);
  EXPECT_EQ(rpc("\"p\"", "ping").json().at("id").as_string(), "p");

  Reply load = rpc("4", "tools/call", R"({"name":"load_task","arguments":{"task":"mail.open_email","seed":2,"width":640,"height":400}})");
  ASSERT_EQ(load.status, 200) << load.body;
  const json::value lr = load.json().at("result");
  EXPECT_FALSE(lr.at("isError").as_bool()) << load.body;
  const std::string head(lr.at("content").at(0).at("text").as_string());
  ASSERT_EQ(head.rfind("env ", 0), 0u) << head;
  EXPECT_NE(head.find("Instruction: "), std::string::npos);
  EXPECT_EQ(lr.at("content").at(1).at("mimeType").as_string(), "image/png");
  const int64_t env = std::stoll(head.substr(4));
  const std::string before = screenshot_hash_via_fork(env);

  Reply click = rpc("5", "tools/call", R"({"name":"computer","arguments":{"action":"left_click","coordinate":[400,200]}})");
  const json::value cr = click.json().at("result");
  EXPECT_FALSE(cr.at("isError").as_bool()) << click.body;
  EXPECT_NE(std::string(cr.at("content").at(0).at("text").as_string()).find("step 1"), std::string::npos) << click.body;
  EXPECT_EQ(cr.at("content").at(1).at("type").as_string(), "image");
  const std::string after = screenshot_hash_via_fork(env);
  // A tool that fails: a result with isError, no step, and no env touched.
  for (const char* args : {R"({"env":424242,"action":"screenshot"})", R"({"action":"key","text":"NoSuchKey"})",
                           R"({"action":"no_such_action"})"}) {
    Reply bad = rpc("6", "tools/call", std::string(R"({"name":"computer","arguments":)") + args + "}");
    ASSERT_EQ(bad.status, 200) << bad.body;
    EXPECT_TRUE(bad.json().at("result").at("isError").as_bool()) << args << " " << bad.body;
  }
  EXPECT_EQ(screenshot_hash_via_fork(env), after);
  EXPECT_NE(before, after);
  Reply reward = rpc("7", "tools/call", R"({"name":"get_reward","arguments":{}})");
  EXPECT_EQ(reward.json().at("result").at("structuredContent").at("step").to_number<int64_t>(), 1) << reward.body;
  // JSON-RPC errors: an unknown tool or method, bad params, not JSON, a bad id.
  EXPECT_EQ(rpc("8", "tools/call", R"({"name":"no_such_tool"})").json().at("error").at("code").to_number<int>(), -32602);
  EXPECT_EQ(rpc("9", "no/such").json().at("error").at("code").to_number<int>(), -32601);
  EXPECT_EQ(rpc("10", "tools/call", "[1]").json().at("error").at("code").to_number<int>(), -32602);
  EXPECT_EQ(client_->post("/mcp", "{").json().at("error").at("code").to_number<int>(), -32700);
  EXPECT_EQ(client_->post("/mcp", R"({"jsonrpc":"2.0","id":{},"method":"ping"})").json().at("error").at("code").to_number<int>(),
            -32600);
  // Transport: no server stream (GET), a revision it does not speak, an unknown session.
  EXPECT_EQ(client_->get("/mcp").status, 405);
  client_->headers["MCP-Protocol-Version"] = "1999-01-01";
  EXPECT_EQ(rpc("11", "ping").status, 400);
  client_->headers.erase("MCP-Protocol-Version");
  EXPECT_EQ(client_->del("/mcp").status, 200);  // the session ends
  EXPECT_EQ(rpc("12", "ping").status, 404);
  client_->headers.clear();
  EXPECT_EQ(rpc("13", "tools/list").status, 200);  // stateless: no session needed
  client_->del(path(env));
}

// MCP's stateless revision (2026-07-28): no initialize, every request names its revision and the
// client's capabilities in _meta; server/discover; results say "resultType"; the env travels as
// an argument; an unknown revision and headers that disagree with the body are 400s with MCP's
// codes; a stray session id is ignored.
TEST_F(RpcTest, McpStatelessRevision) {
  const std::string meta =
      R"("_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{}})";
  auto rpc = [&](const std::string& id, const std::string& method, const std::string& params = "") {
    return client_->post("/mcp", R"({"jsonrpc":"2.0","id":)" + id + R"(,"method":")" + method + R"(","params":{)" +
                                     params + (params.empty() ? "" : ",") + meta + "}}");
  };
  Reply disc = rpc("1", "server/discover");
  ASSERT_EQ(disc.status, 200) << disc.body;
  EXPECT_TRUE(disc.session.empty());  // nothing to keep
  const json::value d = disc.json().at("result");
  EXPECT_EQ(d.at("resultType").as_string(), "complete");
  EXPECT_EQ(d.at("supportedVersions").at(0).as_string(), "2026-07-28");
  EXPECT_EQ(d.at("supportedVersions").as_array().size(), 4u);  // and the three of initialize
  EXPECT_TRUE(d.at("capabilities").as_object().contains("tools"));
  EXPECT_EQ(d.at("serverInfo").at("name").as_string(), "facsim");
  // A legacy client may probe with it too (no _meta): the same answer, without resultType.
  Reply probe = client_->post("/mcp", R"({"jsonrpc":"2.0","id":2,"method":"server/discover"})");
  EXPECT_FALSE(probe.json().at("result").as_object().contains("resultType")) << probe.body;

  EXPECT_EQ(rpc("3", "tools/list").json().at("result").at("tools").as_array().size(), 12u);
  client_->headers["MCP-Protocol-Version"] = "2026-07-28";
  client_->headers["Mcp-Method"] = "tools/call";
  client_->headers["Mcp-Session-Id"] = "facsim-mcp-999999";  // stray: ignored, not a 404
  Reply load = rpc("4", "tools/call", R"("name":"load_task","arguments":{"task":"mail.open_email","seed":3,"width":320,"height":200})");
  ASSERT_EQ(load.status, 200) << load.body;
  const json::value lr = load.json().at("result");
  EXPECT_EQ(lr.at("resultType").as_string(), "complete");
  const std::string head(lr.at("content").at(0).at("text").as_string());
  ASSERT_EQ(head.rfind("env ", 0), 0u) << head;
  const std::string env = std::to_string(std::stoll(head.substr(4)));
  // No session's default env: a tool without one says so; with it, it acts.
  Reply none = rpc("5", "tools/call", R"("name":"computer","arguments":{"action":"left_click","coordinate":[30,150]})");
  EXPECT_TRUE(none.json().at("result").at("isError").as_bool()) << none.body;
  Reply click = rpc("6", "tools/call", R"("name":"computer","arguments":{"env":)" + env + R"(,"action":"left_click","coordinate":[30,150]})");
  EXPECT_FALSE(click.json().at("result").at("isError").as_bool()) << click.body;
  EXPECT_NE(std::string(click.json().at("result").at("content").at(0).at("text").as_string()).find("step 1"),
            std::string::npos) << click.body;
  // Headers that disagree with the body: -32001, HTTP 400, nothing done.
  client_->headers["Mcp-Method"] = "tools/list";
  Reply mism = rpc("7", "tools/call", R"("name":"computer","arguments":{"env":)" + env + R"(,"action":"left_click","coordinate":[30,150]})");
  EXPECT_EQ(mism.status, 400);
  EXPECT_EQ(mism.json().at("error").at("code").to_number<int>(), -32001) << mism.body;
  client_->headers.erase("Mcp-Method");
  client_->headers["MCP-Protocol-Version"] = "2025-11-25";
  EXPECT_EQ(rpc("8", "tools/list").json().at("error").at("code").to_number<int>(), -32001);
  client_->headers.clear();
  Reply reward = rpc("9", "tools/call", R"("name":"get_reward","arguments":{"env":)" + env + "}");
  EXPECT_EQ(reward.json().at("result").at("structuredContent").at("step").to_number<int64_t>(), 1) << reward.body;
  // A revision it does not speak: -32004 with what it does; _meta without capabilities: -32602.
  Reply old = client_->post("/mcp", R"({"jsonrpc":"2.0","id":10,"method":"tools/list","params":{"_meta":{"io.modelcontextprotocol/protocolVersion":"2030-01-01","io.modelcontextprotocol/clientCapabilities":{}}}})");
  EXPECT_EQ(old.status, 400);
  const json::value oe = old.json().at("error");
  EXPECT_EQ(oe.at("code").to_number<int>(), -32004) << old.body;
  EXPECT_EQ(oe.at("data").at("requested").as_string(), "2030-01-01");
  EXPECT_EQ(oe.at("data").at("supported").at(0).as_string(), "2026-07-28");
  Reply nocaps = client_->post("/mcp", R"({"jsonrpc":"2.0","id":11,"method":"tools/list","params":{"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28"}}})");
  EXPECT_EQ(nocaps.status, 400);
  EXPECT_EQ(nocaps.json().at("error").at("code").to_number<int>(), -32602) << nocaps.body;
  EXPECT_EQ(rpc("12", "initialize", R"("protocolVersion":"2026-07-28")").json().at("error").at("code").to_number<int>(), -32601);
  client_->del("/envs/" + env);
}

// MCP sessions are capped: past 4,096 the oldest is dropped (initialize again), so clients that
// never send DELETE cannot grow the server without bound.
TEST_F(RpcTest, McpSessionsAreCapped) {
  const std::string init =
      R"({"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"t","version":"1"}}})";
  const std::string first = client_->post("/mcp", init).session;
  ASSERT_FALSE(first.empty());
  const std::string ping = R"({"jsonrpc":"2.0","id":2,"method":"ping"})";
  client_->headers["Mcp-Session-Id"] = first;
  EXPECT_EQ(client_->post("/mcp", ping).status, 200);
  client_->headers.clear();
  std::string last;
  for (int i = 0; i < 4096; ++i) last = client_->post("/mcp", init).session;
  client_->headers["Mcp-Session-Id"] = first;
  EXPECT_EQ(client_->post("/mcp", ping).status, 404);  // the oldest went
  client_->headers["Mcp-Session-Id"] = last;
  EXPECT_EQ(client_->post("/mcp", ping).status, 200);
  client_->headers.clear();
}
