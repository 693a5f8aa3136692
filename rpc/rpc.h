// rpc: the HTTP/JSON endpoint agent frameworks call (Boost.Beast on Asio, Boost.JSON).
//
// How to use:
//   auto srv = rpc::Server::start({.port = 0});        // 0 = any free port; runs on its own thread
//   uint16_t port = (*srv)->port();  ...  (*srv)->stop();
//   // or, blocking until SIGINT/SIGTERM:  rpc::serve({.port = 8765});
// Endpoints (JSON bodies; errors are 4xx/5xx with {"error": {"code": ..., "message": ...}};
// a body field the endpoint does not know is a 400 naming it; a body that is not UTF-8 too):
//   GET    /health                      -> {"ok": true, "status": "healthy"}   (no token needed)
//   GET    /version                     -> {"name", "api", "dialects", "coordinates"}
//   GET    /stats                       -> {"envs", "frames_held", "frame_bytes", "frame_budget_bytes"}
//   GET    /tasks                       -> [{"name", "summary", "max_steps"}]
//   POST   /envs {"task"|"app",["route"],"seed",["width","height","appearance","set_of_marks",
//          "dialect","coordinates"]} -> {"id", "instruction", "observation"}
//                                    (an app without a task: no reward, never done)
//   GET    /envs                        -> [{"id","task","seed","instruction","step","done",
//                                            "reward","terminated","truncated","success",
//                                            "width","height","dialect"}]
//   GET    /envs/{id}                   -> one of those
//   POST   /envs/{id}/reset [{"task"|"app","route","seed","dialect","coordinates"}]
//                                       -> a new episode in the same env: {"id","instruction",
//                                          "observation"}
//   POST   /envs/{id}/step {"action": A, ["dialect"], ["coordinates"],
//                           ["screenshot": "png"|"jpeg"|"none"], ["expect_step": N]}
//          -> {"observation", "dialect", ["screenshot": {"format","base64"}],
//              ["cursor_position": [x,y]], ["zoom": {"region","scale","png_base64"}]}
//          A is an action in any dialect (sim/dialects.h): facsim {"kind":...}, Anthropic's
//          computer tool input (or its tool_use block), OpenAI's computer_call (single or
//          batched), OSWorld computer_13, and strings for pyautogui, BrowserGym (bids: a11y
//          ids or set-of-marks numbers) and UI-TARS; Qwen's computer_use calls. The dialect
//          is the env's (create), the request's, or detected; "coordinates" is "pixels",
//          "norm1000" or "resized:WxH". A malformed action or unknown key is a 400 and no step
//          is spent; a screenshot/cursor_position/zoom request takes no step; expect_step
//          makes a retry safe (409 step_mismatch when the env is elsewhere).
//          observation: step, hash, reward, done, terminated, truncated, success, error,
//          cursor, and the damage: tiles_x, dirty_count, dirty_mask (hex; bit k, LSB first per
//          byte = 16x16 tile k)
//   GET    /envs/{id}/screenshot        -> image/png; ?format=jpeg; ?format=rgba|rgb: raw rows,
//                                          X-Frame-Width/Height
//   GET    /envs/{id}/a11y              -> text/plain accessibility tree; ?format=json: nodes
//          [{"id","role","name","value","box" (clipped to what shows),"on_screen","mark",...}]
//   POST   /envs/{id}/fork              -> {"id", "observation"}
//   DELETE /envs/{id}                   -> {"closed": id}   (its own snapshots go with it)
//   POST   /batch/step {"envs":[id...], "actions":[A|null...], ["seeds"], ["frames":"rgb"|"rgba"|
//          "none"], ["dialect"], ["coordinates"]}; POST /batch/reset {"envs", ["seeds"], ["mask"],
//          ["frames"]} -> application/octet-stream: the envs' raw frames (H x W x C each, list
//          order), then JSON {"width","height","channels","results":[{"observation",
//          "instruction"} | {"error","status"}]}, then the JSON's length (uint32 LE). A null
//          action resets that env (autoreset). The Python client's VectorEnv speaks it.
//   GET    /ws  (WebSocket upgrade)     -> an OpenEnv session (rpc/openenv.h): reset, step, state,
//          close, mcp, snapshot, restore, fork messages; /ws?task=NAME sets the default task;
//          with a token, "Authorization: Bearer" or ?token=
//   GET    /metadata, /schema           -> OpenEnv's descriptions (name, version...; JSON Schemas of
//                                          action, observation, state)
//   POST   /reset, POST /step {"action"}, GET /state -> OpenEnv's HTTP routes, with a session: a
//          reset without X-Session-Id starts one and names it in that header; send it back
//   POST   /mcp                         -> MCP (Streamable HTTP, JSON replies): JSON-RPC initialize,
//          tools/list, tools/call... (rpc/mcp.h); initialize returns an Mcp-Session-Id header;
//          DELETE /mcp ends that session. `facsim mcp` speaks the same over stdio.
// Named snapshots (copy-on-write: cheap to take and keep; any env can be restored to any one).
// Names are the env's own ("start" of env 3 is "env3/start"), unless saved "global":
//   POST   /envs/{id}/snapshot [{"name", "replace", "global"}] -> {"snapshot", "ref", "scope",
//          "task", "seed", "step", "bytes"}   (an existing name: 409 unless "replace": true)
//   POST   /envs/{id}/restore {"snapshot"} -> {"snapshot", "task", "seed", "instruction",
//          "observation"}   (the env's own name, a global name, or any ref; frame rendered)
//   POST   /envs {"snapshot": ref,["width","height"]} -> a new env from a snapshot, like create
//   GET    /snapshots                   -> [{"snapshot", "ref", "scope", "task", "seed", ...}]
//   DELETE /snapshots/{ref}             -> {"dropped": ref}
// A malformed request or a failing env never touches another env. Envs idle for
// idle_expiry_s are closed. Frames beyond frame_budget_mib are freed, least recently drawn
// first, and drawn again in full when needed (same pixels, same hash). With a token, every route but /health needs
// "Authorization: Bearer <token>"; binding beyond loopback needs one.
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
  int threads = 0;               // I/O threads (each with its own CPU renderer); 0: one per core
  int idle_expiry_s = 3600;      // an env no request touched for this long is closed (0: never)
  // Memory for the envs' raw frames (what a step's redraw of only the changed tiles needs):
  // beyond it, the least recently rendered envs free theirs and draw their next frame in full.
  int frame_budget_mib = 256;
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
  friend Status serve_mcp_stdio(const ServerConfig& cfg);
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Runs a server until SIGINT or SIGTERM.
Status serve(const ServerConfig& cfg);
// Runs an MCP server over stdin/stdout (one JSON-RPC message a line; rpc/mcp.h) until stdin ends.
Status serve_mcp_stdio(const ServerConfig& cfg);

}  // namespace facsim::rpc
