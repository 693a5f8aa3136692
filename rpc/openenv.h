// rpc/openenv: facsim speaking Meta's OpenEnv environment protocol (TRL, SkyRL, torchforge,
// ART, Unsloth): a WebSocket at /ws where one connection is one session (server.cpp upgrades
// it and feeds each text message here). Like rpc/mcp, a protocol layer over the HTTP API's own
// routes. Messages (OpenEnv's core/env_server types):
//   {"type":"reset","data":{"task","seed","episode_id", and facsim's "app","route","width",
//                           "height","appearance","dialect","coordinates","screenshot":"png"|
//                           "jpeg"|"none","a11y":true}}        (task may come from /ws?task=)
//   {"type":"step","data":<an action in any dialect: {"action":"left_click","coordinate":[x,y]},
//                          {"kind":"click",...}, {"type":"click",...}, or {"action":"<string>"}
//                          for pyautogui/BrowserGym/UI-TARS code>}
//   {"type":"state"}  {"type":"close"}  {"type":"mcp","data":<JSON-RPC, rpc/mcp.h>}
//   facsim's own: {"type":"snapshot","data":{"name","replace"}}, {"type":"restore","data":
//   {"snapshot"}}, {"type":"fork"} (a copy, reachable over HTTP as /envs/{id})
// Replies: {"type":"observation","data":{"observation":{"screenshot" (base64),
//   "screenshot_format","width","height","instruction","step","terminated","truncated",
//   "success","error","cursor","hash",["a11y"]},"reward":r,"done":d}},
//   {"type":"state","data":{"episode_id","step_count","task","seed","instruction","done",
//   "reward"}}, {"type":"error","data":{"message","code"}} with OpenEnv's codes INVALID_JSON,
//   UNKNOWN_TYPE, VALIDATION_ERROR, EXECUTION_ERROR, CAPACITY_REACHED. A bad message is an
//   error reply and the session goes on; no env is touched.
#pragma once
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>

#include "mcp.h"

namespace facsim::rpc::openenv {

struct Session {
  std::mutex mu;                // HTTP sessions: one request at a time (a WebSocket's are in turn)
  uint64_t env = 0;             // the session's env (0: none until the first reset)
  std::string task;             // /ws?task=: the task a reset without one starts
  std::string episode_id;
  std::string screenshot = "png";
  bool a11y = false;
  mcp::Session mcp;             // "mcp" messages act on the session's env
};

// One text message -> the reply to send ("" for close: then end the session).
std::string handle(const mcp::Call& call, Session& s, std::string_view message);
// The session is over (close, or the socket went): its env goes.
void end(const mcp::Call& call, Session& s);

// GET /metadata and GET /schema's bodies (JSON).
std::string metadata_json();
std::string schema_json();

}  // namespace facsim::rpc::openenv
