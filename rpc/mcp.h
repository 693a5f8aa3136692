// rpc/mcp: facsim as a Model Context Protocol server (tool-using LLM agents and harnesses).
// The protocol layer only: each tool is a call to the HTTP API's own routes (server.cpp), so an
// MCP agent sees exactly the envs, errors and guarantees of `facsim serve`.
//
// How to use (server.cpp does):
//   mcp::Session s;                                          // one per MCP session
//   std::string reply = mcp::handle(call, s, message_text);  // "" for a notification
// Spoken: JSON-RPC 2.0 over MCP revisions 2025-11-25 (and the earlier 2025-06-18, 2025-03-26
// a client may ask for): initialize, notifications/initialized, ping, tools/list, tools/call.
// Tools (arguments as in tools/list; `env` defaults to the session's env, the last one
// load_task/reset/fork made): list_tasks, load_task, reset, computer (Anthropic's computer
// tool input), act (BrowserGym or pyautogui strings), screenshot, a11y, get_reward, snapshot,
// restore, fork, close. A tool that fails says so in its result (isError: true), never as a
// protocol error; an unknown tool or bad arguments' shape is -32602.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace facsim::rpc::mcp {

// A call to the HTTP API: method ("GET", "POST", "DELETE"), target ("/envs/3/step"), JSON body;
// returns the status and the body (JSON, or the PNG bytes of a screenshot).
struct HttpReply {
  int status = 0;
  std::string body;
};
using Call = std::function<HttpReply(std::string_view method, std::string_view target, std::string body)>;

struct Session {
  bool initialized = false;
  std::string protocol;     // the revision agreed at initialize
  uint64_t env = 0;         // the env tools act on when they name none (0: none yet)
};

// The revisions this server speaks, newest first.
inline constexpr std::string_view kRevisions[] = {"2025-11-25", "2025-06-18", "2025-03-26"};

// One JSON-RPC message (request or notification) -> the reply's JSON ("" when none is due).
std::string handle(const Call& call, Session& s, std::string_view message);

// Standard base64 (RFC 4648, padded), shared with the HTTP API's images.
std::string base64(std::string_view in);

}  // namespace facsim::rpc::mcp
