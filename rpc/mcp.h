// rpc/mcp: facsim as a Model Context Protocol server (tool-using LLM agents and harnesses).
// The protocol layer only: each tool is a call to the HTTP API's own routes (server.cpp), so an
// MCP agent sees exactly the envs, errors and guarantees of `facsim serve`.
//
// How to use (server.cpp does):
//   mcp::Session s;                                          // one per MCP session
//   std::string reply = mcp::handle(call, s, message_text);  // "" for a notification
// Spoken: JSON-RPC 2.0 over MCP revisions 2025-11-25 (and the earlier 2025-06-18, 2025-03-26
// a client may ask for): initialize, notifications/initialized, ping, tools/list, tools/call;
// and the stateless revision 2026-07-28: no handshake, every request names its revision and
// the client's capabilities in params._meta ("io.modelcontextprotocol/protocolVersion",
// "io.modelcontextprotocol/clientCapabilities"), server/discover, results with "resultType";
// an unknown revision is -32004 (UnsupportedProtocolVersion, data {supported, requested}), an
// HTTP header that disagrees with the body is -32001 (HeaderMismatch), both HTTP 400. Such a
// request carries its env as an argument (no session's default).
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

// The revisions this server speaks through initialize, newest first; and without it.
inline constexpr std::string_view kRevisions[] = {"2025-11-25", "2025-06-18", "2025-03-26"};
inline constexpr std::string_view kStatelessRevisions[] = {"2026-07-28"};

// What the HTTP transport adds: its MCP-Protocol-Version and Mcp-Method headers ("": absent).
struct Headers {
  std::string_view protocol_version;
  std::string_view method;
};
struct Answer {
  std::string json;     // the reply ("" when none is due: a notification)
  int http_status = 200;
  bool stateless = false;  // a 2026-07-28 request: no session of the transport's applies
};
// One JSON-RPC message (request or notification) -> the reply.
Answer answer(const Call& call, Session& s, std::string_view message, const Headers& h = {});
// The revision a message names in params._meta ("" for none: the initialize-based revisions).
std::string stateless_revision(std::string_view message);
inline std::string handle(const Call& call, Session& s, std::string_view message) {
  return answer(call, s, message).json;
}

// Standard base64 (RFC 4648, padded), shared with the HTTP API's images.
std::string base64(std::string_view in);

}  // namespace facsim::rpc::mcp
