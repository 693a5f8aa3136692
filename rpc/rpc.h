// rpc: the HTTP/JSON endpoint agent frameworks call (Boost.Beast on Asio, Boost.JSON).
//
// How to use:
//   auto srv = rpc::Server::start({.port = 0});        // 0 = any free port; runs on its own thread
//   uint16_t port = (*srv)->port();  ...  (*srv)->stop();
//   // or, blocking until SIGINT/SIGTERM:  rpc::serve({.port = 8765});
// Endpoints (JSON bodies; errors are 4xx/5xx with {"error": {"code": ..., "message": ...}}):
//   GET    /tasks                       -> [{"name", "summary", "max_steps"}]
//   POST   /envs {"task"|"app",["route"],"seed",["width","height"]} -> {"id", "instruction",
//                                    "observation"}   (an app without a task: no reward, never done)
//   POST   /envs/{id}/step {"action": {...}} -> {"observation"}   (action as in sim::to_json)
//          observation: step, hash, reward, done, success, error, cursor, and the damage:
//          tiles_x, dirty_count, dirty_mask (hex; bit k, LSB first per byte = 16x16 tile k)
//   GET    /envs/{id}/screenshot        -> image/png; ?format=rgba|rgb: raw rows, X-Frame-Width/Height
//   GET    /envs/{id}/a11y              -> text/plain accessibility tree
//   POST   /envs/{id}/fork              -> {"id", "observation"}
//   DELETE /envs/{id}                   -> {"closed": id}
// Named snapshots (copy-on-write: cheap to take and keep; any env can be restored to any one):
//   POST   /envs/{id}/snapshot [{"name"}] -> {"snapshot", "task", "step", "bytes"}  (name replaced)
//   POST   /envs/{id}/restore {"snapshot"} -> {"observation"}   (the frame rendered again)
//   POST   /envs {"snapshot",["width","height"]} -> a new env from a snapshot, like create
//   GET    /snapshots                   -> [{"snapshot", "task", "seed", "step", "bytes"}]
//   DELETE /snapshots/{name}            -> {"dropped": name}
// A malformed request or a failing env never touches another env.
#pragma once
#include <cstdint>
#include <memory>
#include <string>

#include "base.h"

namespace facsim::rpc {

struct ServerConfig {
  std::string host = "127.0.0.1";
  uint16_t port = 8765;          // 0: pick a free port (see Server::port)
  std::string backend = "cpu";   // renderer for screenshots: cpu | vulkan
  int max_envs = 1024;
  int max_snapshots = 4096;
  int threads = 1;               // I/O threads
  int idle_expiry_s = 3600;      // an env no request touched for this long is closed (0: never)
  // Required (as "Authorization: Bearer <token>") when set; a host other than loopback may
  // only be bound with one.
  std::string token;
};

class Server {
 public:
  static Result<std::unique_ptr<Server>> start(const ServerConfig& cfg);
  ~Server();                      // stops and joins
  uint16_t port() const;
  void stop();
  struct Impl;

 private:
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Runs a server until SIGINT or SIGTERM.
Status serve(const ServerConfig& cfg);

}  // namespace facsim::rpc
