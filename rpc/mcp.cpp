// rpc/mcp: the MCP protocol layer over the HTTP API's routes (see mcp.h).
#include "mcp.h"

#include "json_util.h"

#include <algorithm>
#include <boost/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace facsim::rpc::mcp {
namespace {
namespace json = boost::json;

// [SECTION] JSON-RPC ------------------------------------------------------------------------------
constexpr int kParseError = -32700, kInvalidRequest = -32600, kMethodNotFound = -32601, kInvalidParams = -32602;
constexpr int kHeaderMismatch = -32001, kUnsupportedProtocolVersion = -32004;  // 2026-07-28
constexpr const char* kMetaVersion = "io.modelcontextprotocol/protocolVersion";
constexpr const char* kMetaCapabilities = "io.modelcontextprotocol/clientCapabilities";

std::string result_of(const json::value& id, json::value result) {
  return json::serialize(json::object{{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(result)}});
}
std::string error_of(const json::value& id, int code, std::string_view message, json::value data = nullptr) {
  json::object e{{"code", code}, {"message", message}};
  if (!data.is_null()) e["data"] = std::move(data);
  return json::serialize(json::object{{"jsonrpc", "2.0"}, {"id", id}, {"error", std::move(e)}});
}

json::object server_info() {
  return json::object{{"name", "facsim"}, {"title", "facsim"}, {"version", "0.1.0"}};
}
json::object capabilities() { return json::object{{"tools", json::object{{"listChanged", false}}}}; }
constexpr const char* kInstructions =
    "Work apps (mail, chat, a store, a bank) in a deterministic simulator. load_task starts an episode and shows its "
    "instruction; act with computer (or act); get_reward says whether it is solved.";
json::array all_revisions() {
  json::array a;
  for (std::string_view r : kStatelessRevisions) a.push_back(json::value(r));
  for (std::string_view r : kRevisions) a.push_back(json::value(r));
  return a;
}
// params._meta[kMetaVersion] when the message is a request object that has one.
const json::value* meta_of(const json::object& m, const char* key) {
  const json::value* p = m.if_contains("params");
  if (!p || !p->is_object()) return nullptr;
  const json::value* meta = p->as_object().if_contains("_meta");
  if (!meta || !meta->is_object()) return nullptr;
  return meta->as_object().if_contains(key);
}

// [SECTION] Tools ---------------------------------------------------------------------------------
json::object prop(const char* type, const char* description) {
  return json::object{{"type", type}, {"description", description}};
}
json::object env_prop() {
  return prop("integer", "The env to act on (from load_task, reset or fork); default: the session's last one.");
}
json::object tool(const char* name, const char* description, json::object props, json::array required = {}) {
  json::object schema{{"type", "object"}, {"properties", std::move(props)}};
  if (!required.empty()) schema["required"] = std::move(required);
  return json::object{{"name", name}, {"description", description}, {"inputSchema", std::move(schema)}};
}

json::array tools() {
  json::array t;
  t.push_back(tool("list_tasks", "The task templates (name and summary), optionally those whose name has `filter`.",
                   {{"filter", prop("string", "A part of the name, e.g. \"banking.\" or \"mail.star\".")}}));
  t.push_back(tool("load_task",
                   "Starts an episode of a task in a new env (it becomes the session's env): its instruction and first "
                   "screenshot.",
                   {{"task", prop("string", "A template name from list_tasks, e.g. \"mail.star_email\".")},
                    {"seed", prop("integer", "The world and instance seed (default 1).")},
                    {"width", prop("integer", "Frame width in pixels (default 1280).")},
                    {"height", prop("integer", "Frame height in pixels (default 800).")},
                    {"appearance", prop("string", "\"light\" or \"dark\".")}},
                   {"task"}));
  t.push_back(tool("reset", "A new episode in an env: the same task with a new seed, or another task.",
                   {{"env", env_prop()},
                    {"task", prop("string", "Another template (default: the env's).")},
                    {"seed", prop("integer", "The new seed.")}}));
  json::object computer{{"env", env_prop()}};
  computer["action"] = json::object{
      {"type", "string"},
      {"description", "As Anthropic's computer tool: screenshot, left_click, right_click, middle_click, double_click, "
                      "triple_click, mouse_move, left_click_drag, left_mouse_down, left_mouse_up, scroll, type, key, "
                      "hold_key, wait, cursor_position, zoom."}};
  computer["coordinate"] = json::object{{"type", "array"}, {"items", json::object{{"type", "number"}}},
                                        {"description", "[x, y] in pixels of the screenshot."}};
  computer["text"] = prop("string", "Text to type, or keys for key/hold_key (xdotool names: \"ctrl+a\", \"Return\").");
  computer["scroll_direction"] = prop("string", "up, down, left or right.");
  computer["scroll_amount"] = prop("integer", "Wheel clicks to scroll.");
  computer["duration"] = prop("number", "Seconds, for wait and hold_key.");
  computer["region"] = json::object{{"type", "array"}, {"items", json::object{{"type", "number"}}},
                                    {"description", "zoom: [x0, y0, x1, y1]."}};
  t.push_back(tool("computer", "One computer action on the env's screen; returns the screenshot after it.", std::move(computer),
                   {"action"}));
  t.push_back(tool("act", "One action as a string: BrowserGym (click(\"12\"), fill(\"7\", \"hi\"), mouse_click(600, 300)) or "
                          "pyautogui (pyautogui.click(600, 300)); bids are the a11y tool's ids.",
                   {{"env", env_prop()}, {"action", prop("string", "The action.")}}, {"action"}));
  t.push_back(tool("screenshot", "The env's screen now (takes no step).", {{"env", env_prop()}}));
  t.push_back(tool("a11y", "The env's accessibility tree: [id] role \"name\" and boxes, for bids and grounding.",
                   {{"env", env_prop()}}));
  t.push_back(tool("get_reward", "The episode's state: step, reward, done, success, and the instruction.", {{"env", env_prop()}}));
  t.push_back(tool("snapshot", "Saves the env (world, task, step) under a name, cheaply (copy-on-write).",
                   {{"env", env_prop()},
                    {"name", prop("string", "The snapshot's name (default: one is made up).")},
                    {"replace", prop("boolean", "Save over an existing name.")}}));
  t.push_back(tool("restore", "Puts the env back to a snapshot (its own name, or a ref from snapshot).",
                   {{"env", env_prop()}, {"snapshot", prop("string", "The name or ref.")}}, {"snapshot"}));
  t.push_back(tool("fork", "A copy of the env as it is now (a new env id; it becomes the session's env).",
                   {{"env", env_prop()}}));
  t.push_back(tool("close", "Closes an env.", {{"env", env_prop()}}));
  return t;
}

// A tool's result: content blocks, isError when it failed.
json::object text_result(std::string text, bool error = false) {
  return json::object{{"content", json::array{json::object{{"type", "text"}, {"text", std::move(text)}}}}, {"isError", error}};
}
// The HTTP API's error body ({"error": {"code", "message"}}) as a tool failure.
json::object failure(const HttpReply& r) {
  return text_result("Error (HTTP " + std::to_string(r.status) + "): " + jsonu::http_message(r), true);
}
using jsonu::text_of;
std::optional<json::object> body_object(const HttpReply& r) { return jsonu::object_of(r.body); }
// A short account of an observation for the model: step, reward, done and any error.
std::string obs_text(const json::object& obs) {
  std::string t;
  for (const char* k : {"step", "reward", "done", "success"})
    if (const json::value* v = obs.if_contains(k)) t += std::string(t.empty() ? "" : ", ") + k + " " + json::serialize(*v);
  const std::string err = text_of(obs, "error");
  if (!err.empty()) t += ", error: " + err;
  return t;
}
json::object image(std::string b64, const char* mime = "image/png") {
  return json::object{{"type", "image"}, {"data", std::move(b64)}, {"mimeType", mime}};
}

class Tools {
 public:
  Tools(const Call& call, Session& s) : call_(call), s_(s) {}

  // nullopt: bad arguments' shape (a protocol error); else the result (maybe isError).
  std::optional<json::object> run(std::string_view name, const json::object& args, std::string& why) {
    if (name == "list_tasks") return list_tasks(args);
    if (name == "load_task") return load_task(args, why);
    static constexpr std::string_view kOnEnv[] = {"reset", "computer", "act",     "screenshot", "a11y",
                                                  "get_reward", "snapshot", "restore", "fork",       "close"};
    if (std::find(std::begin(kOnEnv), std::end(kOnEnv), name) == std::end(kOnEnv)) {
      why = "unknown tool '" + std::string(name) + "'";
      return std::nullopt;
    }
    // The env it acts on: none yet is the tool's failure; a malformed "env" the call's.
    const uint64_t id = env_of(args, why);
    if (!id) return why.rfind("no env", 0) == 0 ? std::optional(text_result("Error: " + why, true)) : std::nullopt;
    if (name == "reset") return reset(id, args);
    if (name == "computer") return step(id, args, "anthropic", why);
    if (name == "act") return step(id, args, "", why);
    if (name == "screenshot") return screenshot(id);
    if (name == "a11y") return a11y(id);
    if (name == "get_reward") return get_reward(id);
    if (name == "snapshot") return snapshot(id, args);
    if (name == "restore") return restore(id, args, why);
    if (name == "fork") return fork(id);
    return close(id);
  }

 private:
  // The env a tool names, or the session's; 0 with `why` when there is none or it is malformed.
  uint64_t env_of(const json::object& args, std::string& why) {
    if (const json::value* v = args.if_contains("env")) {
      if (v->is_int64() && v->as_int64() > 0) return uint64_t(v->as_int64());
      if (v->is_uint64() && v->as_uint64() > 0) return v->as_uint64();
      why = "env must be a positive integer";
      return 0;
    }
    if (s_.env == 0) why = "no env yet: call load_task first (or pass env)";
    return s_.env;
  }
  std::string env_path(uint64_t id, std::string_view sub = {}) {
    return "/envs/" + std::to_string(id) + (sub.empty() ? "" : "/" + std::string(sub));
  }
  // The screenshot of env `id` as an image block; nullopt on failure (with the reply in `bad`).
  std::optional<json::object> shot(uint64_t id, HttpReply& bad) {
    HttpReply r = call_("GET", env_path(id, "screenshot"), "");
    if (r.status != 200) {
      bad = std::move(r);
      return std::nullopt;
    }
    return image(base64(r.body));
  }
  // A new episode's reply ({"id","instruction","observation"}): the text and the first screen.
  json::object episode(const HttpReply& r) {
    auto o = body_object(r);
    if (!o) return text_result("Error: a reply that is not JSON", true);
    const json::value* id = o->if_contains("id");
    if (!id || !id->is_number()) return text_result("Error: the reply names no env", true);
    s_.env = id->to_number<uint64_t>();
    std::string text = "env " + std::to_string(s_.env) + "\nInstruction: " + text_of(*o, "instruction");
    if (const json::value* obs = o->if_contains("observation"); obs && obs->is_object()) text += "\n" + obs_text(obs->as_object());
    HttpReply bad;
    auto img = shot(s_.env, bad);
    if (!img) return failure(bad);
    return json::object{{"content", json::array{json::object{{"type", "text"}, {"text", text}}, std::move(*img)}}, {"isError", false}};
  }

  json::object list_tasks(const json::object& args) {
    const std::string filter = text_of(args, "filter");
    HttpReply r = call_("GET", "/tasks", "");
    if (r.status != 200) return failure(r);
    boost::system::error_code ec;
    const json::value v = json::parse(r.body, ec);
    if (ec || !v.is_array()) return text_result("Error: /tasks did not answer a list", true);
    std::string text;
    int n = 0;
    for (const json::value& t : v.as_array()) {
      if (!t.is_object()) continue;
      const std::string name = text_of(t.as_object(), "name");
      if (!filter.empty() && name.find(filter) == std::string::npos) continue;
      text += name + ": " + text_of(t.as_object(), "summary") + "\n";
      ++n;
    }
    return text_result(std::to_string(n) + " tasks\n" + text);
  }

  std::optional<json::object> load_task(const json::object& args, std::string& why) {
    const json::value* task = args.if_contains("task");
    if (!task || !task->is_string()) {
      why = "load_task needs task (a string)";
      return std::nullopt;
    }
    json::object body{{"task", *task}, {"seed", 1}};
    for (const char* k : {"seed", "width", "height", "appearance"})
      if (const json::value* v = args.if_contains(k)) body[k] = *v;
    HttpReply r = call_("POST", "/envs", json::serialize(body));
    if (r.status != 200) return failure(r);
    return episode(r);
  }

  std::optional<json::object> reset(uint64_t id, const json::object& args) {
    json::object body;
    for (const char* k : {"task", "seed"})
      if (const json::value* v = args.if_contains(k)) body[k] = *v;
    HttpReply r = call_("POST", env_path(id, "reset"), json::serialize(body));
    if (r.status != 200) return failure(r);
    return episode(r);
  }

  // computer (the Anthropic dialect: the tool's input is the action) or act (a string).
  std::optional<json::object> step(uint64_t id, const json::object& args, std::string_view dialect, std::string& why) {
    json::object body;
    if (dialect == "anthropic") {
      json::object action = args;
      action.erase("env");
      body["action"] = std::move(action);
      body["dialect"] = "anthropic";
    } else {
      const json::value* a = args.if_contains("action");
      if (!a || !a->is_string()) {
        why = "act needs action (a string)";
        return std::nullopt;
      }
      body["action"] = *a;
    }
    body["screenshot"] = "png";
    HttpReply r = call_("POST", env_path(id, "step"), json::serialize(body));
    if (r.status != 200) return failure(r);
    auto o = body_object(r);
    if (!o) return text_result("Error: a reply that is not JSON", true);
    json::array content;
    std::string text;
    if (const json::value* obs = o->if_contains("observation"); obs && obs->is_object()) text = obs_text(obs->as_object());
    if (const json::value* c = o->if_contains("cursor_position"))
      text = "cursor at " + json::serialize(*c) + (text.empty() ? "" : "; " + text);
    content.push_back(json::object{{"type", "text"}, {"text", text.empty() ? "ok" : text}});
    if (const json::value* z = o->if_contains("zoom"); z && z->is_object()) {
      content.push_back(image(text_of(z->as_object(), "png_base64")));
    } else if (const json::value* sh = o->if_contains("screenshot"); sh && sh->is_object()) {
      const bool jpeg = text_of(sh->as_object(), "format") == "jpeg";
      content.push_back(image(text_of(sh->as_object(), "base64"), jpeg ? "image/jpeg" : "image/png"));
    }
    return json::object{{"content", std::move(content)}, {"isError", false}};
  }

  std::optional<json::object> screenshot(uint64_t id) {
    HttpReply bad;
    auto img = shot(id, bad);
    if (!img) return failure(bad);
    return json::object{{"content", json::array{std::move(*img)}}, {"isError", false}};
  }

  std::optional<json::object> a11y(uint64_t id) {
    HttpReply r = call_("GET", env_path(id, "a11y"), "");
    if (r.status != 200) return failure(r);
    return text_result(r.body);
  }

  std::optional<json::object> get_reward(uint64_t id) {
    HttpReply r = call_("GET", env_path(id), "");
    if (r.status != 200) return failure(r);
    auto o = body_object(r);
    if (!o) return text_result("Error: a reply that is not JSON", true);
    json::object state;
    for (const char* k : {"id", "task", "seed", "step", "reward", "done", "terminated", "truncated", "success", "instruction"})
      if (const json::value* v = o->if_contains(k)) state[k] = *v;
    json::object res = text_result(json::serialize(state));
    res["structuredContent"] = std::move(state);
    return res;
  }

  std::optional<json::object> snapshot(uint64_t id, const json::object& args) {
    json::object body;
    for (const char* k : {"name", "replace"})
      if (const json::value* v = args.if_contains(k)) body[k] = *v;
    HttpReply r = call_("POST", env_path(id, "snapshot"), json::serialize(body));
    if (r.status != 200) return failure(r);
    return text_result(r.body);
  }

  std::optional<json::object> restore(uint64_t id, const json::object& args, std::string& why) {
    const json::value* snap = args.if_contains("snapshot");
    if (!snap || !snap->is_string()) {
      why = "restore needs snapshot (a string)";
      return std::nullopt;
    }
    HttpReply r = call_("POST", env_path(id, "restore"), json::serialize(json::object{{"snapshot", *snap}}));
    if (r.status != 200) return failure(r);
    auto o = body_object(r);
    if (!o) return text_result("Error: a reply that is not JSON", true);
    (*o)["id"] = id;
    r.body = json::serialize(*o);
    return episode(r);
  }

  std::optional<json::object> fork(uint64_t id) {
    HttpReply r = call_("POST", env_path(id, "fork"), "");
    if (r.status != 200) return failure(r);
    auto o = body_object(r);
    if (!o) return text_result("Error: a reply that is not JSON", true);
    HttpReply got = call_("GET", env_path(o->if_contains("id") ? o->at("id").to_number<uint64_t>() : 0), "");
    if (auto e = body_object(got)) (*o)["instruction"] = e->if_contains("instruction") ? e->at("instruction") : json::value("");
    r.body = json::serialize(*o);
    return episode(r);
  }

  std::optional<json::object> close(uint64_t id) {
    HttpReply r = call_("DELETE", env_path(id), "");
    if (r.status != 200) return failure(r);
    if (s_.env == id) s_.env = 0;
    return text_result("closed env " + std::to_string(id));
  }

  const Call& call_;
  Session& s_;
};

}  // namespace

std::string base64(std::string_view in) {
  static const char* k = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((in.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    const uint32_t v = uint32_t(uint8_t(in[i])) << 16 | uint32_t(uint8_t(in[i + 1])) << 8 | uint8_t(in[i + 2]);
    out += k[v >> 18], out += k[(v >> 12) & 63], out += k[(v >> 6) & 63], out += k[v & 63];
  }
  if (i < in.size()) {
    uint32_t v = uint32_t(uint8_t(in[i])) << 16;
    if (i + 1 < in.size()) v |= uint32_t(uint8_t(in[i + 1])) << 8;
    out += k[v >> 18], out += k[(v >> 12) & 63];
    out += i + 1 < in.size() ? k[(v >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

std::string stateless_revision(std::string_view message) {
  auto o = jsonu::object_of(message);
  if (!o) return "";
  const json::value* v = meta_of(*o, kMetaVersion);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

Answer answer(const Call& call, Session& s, std::string_view message, const Headers& h) {
  auto fail = [](std::string json, int status = 200) { return Answer{std::move(json), status}; };
  boost::system::error_code ec;
  const json::value v = json::parse(message, ec);
  if (ec) return fail(error_of(nullptr, kParseError, "not JSON: " + ec.message()), 400);
  if (!v.is_object()) return fail(error_of(nullptr, kInvalidRequest, "a JSON-RPC message is an object (batches are not part of MCP)"), 400);
  const json::object& m = v.as_object();
  const json::value* method = m.if_contains("method");
  const json::value* id = m.if_contains("id");
  if (!method) {
    // A response to a request of ours (we send none) or junk: nothing to answer.
    if (id && (m.contains("result") || m.contains("error"))) return {};
    return fail(error_of(id ? *id : json::value(nullptr), kInvalidRequest, "no method"), 400);
  }
  if (!method->is_string()) return fail(error_of(id ? *id : json::value(nullptr), kInvalidRequest, "method must be a string"), 400);
  const std::string_view name = method->as_string();
  // The stateless revision: the request names its revision (and the transport's headers must
  // agree with the body).
  const json::value* meta_version = meta_of(m, kMetaVersion);
  const json::value jid = id ? *id : json::value(nullptr);
  if (meta_version) {
    const std::string asked = meta_version->is_string() ? std::string(meta_version->as_string()) : "";
    if (std::find(std::begin(kStatelessRevisions), std::end(kStatelessRevisions), asked) == std::end(kStatelessRevisions))
      return fail(error_of(jid, kUnsupportedProtocolVersion, "unsupported protocol version '" + asked + "'",
                           json::object{{"supported", all_revisions()}, {"requested", asked}}),
                  400);
    if (!h.protocol_version.empty() && h.protocol_version != asked)
      return fail(error_of(jid, kHeaderMismatch, "MCP-Protocol-Version '" + std::string(h.protocol_version) +
                                                     "' is not the request's _meta protocolVersion '" + asked + "'"),
                  400);
    if (!h.method.empty() && h.method != name)
      return fail(error_of(jid, kHeaderMismatch, "Mcp-Method '" + std::string(h.method) + "' is not the body's method '" +
                                                     std::string(name) + "'"),
                  400);
    const json::value* caps = meta_of(m, kMetaCapabilities);
    if (id && (!caps || !caps->is_object()))
      return fail(error_of(jid, kInvalidParams, std::string("_meta needs \"") + kMetaCapabilities + "\" (an object)"), 400);
  } else if (!h.protocol_version.empty() &&
             std::find(std::begin(kStatelessRevisions), std::end(kStatelessRevisions), h.protocol_version) !=
                 std::end(kStatelessRevisions) &&
             name != "initialize") {
    return fail(error_of(jid, kHeaderMismatch, "MCP-Protocol-Version '" + std::string(h.protocol_version) +
                                                   "' needs the request's _meta protocolVersion"),
                400);
  }
  const bool stateless = meta_version != nullptr;
  if (!id) {  // a notification: never answered
    if (name == "notifications/initialized") s.initialized = true;
    return {};
  }
  if (!id->is_string() && !id->is_int64() && !id->is_uint64())
    return fail(error_of(nullptr, kInvalidRequest, "id must be a string or an integer"), 400);
  static const json::object kEmpty;
  const json::value* pv = m.if_contains("params");
  if (pv && !pv->is_object()) return fail(error_of(*id, kInvalidParams, "params must be an object"));
  const json::object& params = pv ? pv->as_object() : kEmpty;
  // Results of the stateless revision say they are complete (no further round trip needed).
  auto done = [&](json::object result) {
    if (stateless) result["resultType"] = "complete";
    return Answer{result_of(*id, std::move(result)), 200, stateless};
  };
  auto err = [&](int code, std::string_view message) { return Answer{error_of(*id, code, message), 200, stateless}; };
  if (name == "server/discover")
    return done(json::object{{"supportedVersions", all_revisions()},
                             {"capabilities", capabilities()},
                             {"serverInfo", server_info()},
                             {"instructions", kInstructions}});
  if (stateless && name == "initialize")
    return err(kMethodNotFound, "the stateless revision has no initialize (send server/discover, or any request)");
  if (name == "initialize") {
    std::string asked = text_of(params, "protocolVersion");
    std::string agreed(kRevisions[0]);
    for (std::string_view r : kRevisions)
      if (r == asked) agreed = asked;
    s.protocol = agreed;
    return done(json::object{{"protocolVersion", agreed},
                             {"capabilities", capabilities()},
                             {"serverInfo", server_info()},
                             {"instructions", kInstructions}});
  }
  if (name == "ping") return done(json::object{});
  if (name == "tools/list") return done(json::object{{"tools", tools()}});
  if (name == "tools/call") {
    const json::value* tn = params.if_contains("name");
    if (!tn || !tn->is_string()) return err(kInvalidParams, "tools/call needs name");
    const json::value* av = params.if_contains("arguments");
    if (av && !av->is_object()) return err(kInvalidParams, "arguments must be an object");
    std::string why;
    Session none;  // the stateless revision: no session, only what the request says (its env)
    Tools t(call, stateless ? none : s);
    auto res = t.run(tn->as_string(), av ? av->as_object() : kEmpty, why);
    if (!res) return err(kInvalidParams, why);
    return done(std::move(*res));
  }
  return err(kMethodNotFound, "no method '" + std::string(name) + "'");
}

}  // namespace facsim::rpc::mcp
