// rpc/openenv: the OpenEnv session protocol over the HTTP API's routes (see openenv.h).
#include "openenv.h"

#include "json_util.h"

#include <algorithm>
#include <boost/json.hpp>
#include <optional>
#include <string>

namespace facsim::rpc::openenv {
namespace {
namespace json = boost::json;

std::string error(std::string_view code, std::string_view message) {
  return json::serialize(json::object{{"type", "error"}, {"data", json::object{{"message", message}, {"code", code}}}});
}
using jsonu::http_message;
using jsonu::object_of;
using jsonu::text_of;

// An HTTP failure as OpenEnv's error: a bad request is the client's (VALIDATION_ERROR), too
// many envs is capacity, the rest is the environment's (EXECUTION_ERROR).
std::string failure(const mcp::HttpReply& r) {
  const std::string_view code = r.status == 429                       ? "CAPACITY_REACHED"
                                : r.status == 400 || r.status == 404 ? "VALIDATION_ERROR"
                                                                     : "EXECUTION_ERROR";
  return error(code, http_message(r));
}

// The observation reply: facsim's observation fields, the screenshot, reward and done on top.
std::string observation(const mcp::Call& call, Session& s, const json::object& obs, const std::string& instruction,
                        std::string shot_b64, std::string_view format) {
  json::object o;
  if (!shot_b64.empty()) {
    o["screenshot"] = std::move(shot_b64);
    o["screenshot_format"] = format;
  }
  o["instruction"] = instruction;
  for (const char* k : {"step", "terminated", "truncated", "success", "error", "cursor", "hash"})
    if (const json::value* v = obs.if_contains(k)) o[k] = *v;
  if (auto env = object_of(call("GET", "/envs/" + std::to_string(s.env), "").body)) {
    for (const char* k : {"width", "height"})
      if (const json::value* v = env->if_contains(k)) o[k] = *v;
  }
  if (s.a11y) o["a11y"] = call("GET", "/envs/" + std::to_string(s.env) + "/a11y", "").body;
  const json::value* reward = obs.if_contains("reward");
  const json::value* done = obs.if_contains("done");
  return json::serialize(json::object{
      {"type", "observation"},
      {"data", json::object{{"observation", std::move(o)}, {"reward", reward ? *reward : json::value(0.0)},
                            {"done", done ? *done : json::value(false)}}}});
}
// The env's frame now, base64, in the session's format ("" for none or on failure).
std::string screenshot(const mcp::Call& call, const Session& s) {
  if (s.screenshot == "none") return "";
  mcp::HttpReply r = call("GET", "/envs/" + std::to_string(s.env) + "/screenshot?format=" + s.screenshot, "");
  return r.status == 200 ? mcp::base64(r.body) : std::string();
}
// A new episode's reply ({"id"?, "instruction", "observation"}) as an observation.
std::string episode(const mcp::Call& call, Session& s, const json::object& reply) {
  const json::value* obs = reply.if_contains("observation");
  static const json::object kNone;
  return observation(call, s, obs && obs->is_object() ? obs->as_object() : kNone, text_of(reply, "instruction"),
                     screenshot(call, s), s.screenshot);
}

std::string reset(const mcp::Call& call, Session& s, const json::object& data) {
  for (const auto& [k, v] : data) {
    static constexpr std::string_view kKnown[] = {"task",   "seed",       "episode_id",  "app",        "route", "width",
                                                  "height", "appearance", "dialect",     "coordinates", "screenshot", "a11y"};
    if (std::find(std::begin(kKnown), std::end(kKnown), std::string_view(k)) == std::end(kKnown))
      return error("VALIDATION_ERROR", "reset: unknown field '" + std::string(k) + "'");
  }
  if (const json::value* v = data.if_contains("screenshot")) {
    const std::string f = v->is_string() ? std::string(v->as_string()) : "";
    if (f != "png" && f != "jpeg" && f != "none") return error("VALIDATION_ERROR", "screenshot must be \"png\", \"jpeg\" or \"none\"");
    s.screenshot = f;
  }
  if (const json::value* v = data.if_contains("a11y")) {
    if (!v->is_bool()) return error("VALIDATION_ERROR", "a11y must be true or false");
    s.a11y = v->as_bool();
  }
  if (const json::value* v = data.if_contains("episode_id")) {
    if (!v->is_string() || v->as_string().size() > 255) return error("VALIDATION_ERROR", "episode_id must be a string (at most 255)");
    s.episode_id = std::string(v->as_string());
  }
  json::object body;
  for (const char* k : {"task", "seed", "app", "route", "width", "height", "appearance", "dialect", "coordinates"})
    if (const json::value* v = data.if_contains(k)) body[k] = *v;
  if (!body.contains("task") && !body.contains("app")) {
    if (s.task.empty()) return error("VALIDATION_ERROR", "reset needs a task (in data, or /ws?task=...)");
    body["task"] = s.task;
  }
  if (!body.contains("seed")) body["seed"] = 1;
  if (body.contains("task") && body.at("task").is_string()) s.task = std::string(body.at("task").as_string());
  // A new episode in the session's env when only the task or seed changes; else a new env.
  const bool same_env = s.env && !body.contains("width") && !body.contains("height") && !body.contains("appearance") &&
                        !body.contains("coordinates");
  mcp::HttpReply r;
  if (same_env) {
    r = call("POST", "/envs/" + std::to_string(s.env) + "/reset", json::serialize(body));
  } else {
    r = call("POST", "/envs", json::serialize(body));
    if (r.status == 200) {
      auto o = object_of(r.body);
      if (!o || !o->contains("id")) return error("EXECUTION_ERROR", "the new env has no id");
      if (s.env) call("DELETE", "/envs/" + std::to_string(s.env), "");
      s.env = o->at("id").to_number<uint64_t>();
      s.mcp.env = s.env;
    }
  }
  if (r.status != 200) return failure(r);
  if (s.episode_id.empty() || !data.contains("episode_id")) s.episode_id = "facsim-" + std::to_string(s.env) + "-" + [&] {
    auto o = object_of(call("GET", "/envs/" + std::to_string(s.env), "").body);
    return o && o->contains("seed") ? json::serialize(o->at("seed")) : std::string("0");
  }();
  auto o = object_of(r.body);
  if (!o) return error("EXECUTION_ERROR", "a reply that is not JSON");
  return episode(call, s, *o);
}

std::string step(const mcp::Call& call, Session& s, const json::value* data) {
  if (!s.env) return error("VALIDATION_ERROR", "step before reset");
  if (!data || !data->is_object()) return error("VALIDATION_ERROR", "step needs data: the action");
  const json::object& a = data->as_object();
  json::object body;
  // {"action":"<code>"} alone: a string dialect (pyautogui, BrowserGym, UI-TARS); else the object.
  if (a.size() == 1 && a.contains("action") && a.at("action").is_string() &&
      std::string_view(a.at("action").as_string()).find('(') != std::string_view::npos)
    body["action"] = a.at("action");
  else
    body["action"] = a;
  if (s.screenshot != "none") body["screenshot"] = s.screenshot;
  mcp::HttpReply r = call("POST", "/envs/" + std::to_string(s.env) + "/step", json::serialize(body));
  if (r.status != 200) return failure(r);
  auto o = object_of(r.body);
  if (!o) return error("EXECUTION_ERROR", "a reply that is not JSON");
  std::string shot;
  if (const json::value* sh = o->if_contains("screenshot"); sh && sh->is_object()) shot = text_of(sh->as_object(), "base64");
  auto env = object_of(call("GET", "/envs/" + std::to_string(s.env), "").body);
  const json::value* obs = o->if_contains("observation");
  static const json::object kNone;
  return observation(call, s, obs && obs->is_object() ? obs->as_object() : kNone, env ? text_of(*env, "instruction") : "",
                     std::move(shot), s.screenshot);
}

std::string state(const mcp::Call& call, Session& s) {
  if (!s.env) return error("VALIDATION_ERROR", "no episode yet: reset first");
  mcp::HttpReply r = call("GET", "/envs/" + std::to_string(s.env), "");
  if (r.status != 200) return failure(r);
  auto o = object_of(r.body);
  if (!o) return error("EXECUTION_ERROR", "a reply that is not JSON");
  json::object st{{"episode_id", s.episode_id}, {"step_count", o->contains("step") ? o->at("step") : json::value(0)}};
  for (const char* k : {"task", "seed", "instruction", "done", "reward", "success"})
    if (const json::value* v = o->if_contains(k)) st[k] = *v;
  return json::serialize(json::object{{"type", "state"}, {"data", std::move(st)}});
}

}  // namespace

std::string handle(const mcp::Call& call, Session& s, std::string_view message) {
  boost::system::error_code ec;
  const json::value v = json::parse(message, ec);
  if (ec) return error("INVALID_JSON", "Invalid JSON: " + ec.message());
  if (!v.is_object()) return error("VALIDATION_ERROR", "Invalid message: a message is a JSON object");
  const json::object& m = v.as_object();
  const json::value* type = m.if_contains("type");
  if (!type || !type->is_string()) return error("VALIDATION_ERROR", "Invalid message: no type");
  for (const auto& [k, val] : m)
    if (k != "type" && k != "data") return error("VALIDATION_ERROR", "Invalid message: unknown field '" + std::string(k) + "'");
  const std::string_view t = type->as_string();
  const json::value* data = m.if_contains("data");
  static const json::object kEmpty;
  if (t == "reset") {
    if (data && !data->is_object()) return error("VALIDATION_ERROR", "reset: data must be an object");
    return reset(call, s, data ? data->as_object() : kEmpty);
  }
  if (t == "step") return step(call, s, data);
  if (t == "state") {
    if (data) return error("VALIDATION_ERROR", "Invalid message: state takes no data");
    return state(call, s);
  }
  if (t == "close") return "";
  if (t == "mcp") {
    if (!data || !data->is_object()) return error("VALIDATION_ERROR", "mcp: data must be a JSON-RPC message");
    s.mcp.env = s.env;
    const std::string reply = mcp::handle(call, s.mcp, json::serialize(*data));
    if (s.mcp.env && s.mcp.env != s.env) {  // load_task/fork in MCP made another env the session's
      s.env = s.mcp.env;
    }
    json::value rv = reply.empty() ? json::value(nullptr) : json::parse(reply);
    return json::serialize(json::object{{"type", "mcp"}, {"data", std::move(rv)}});
  }
  if (t == "snapshot" || t == "restore" || t == "fork") {
    if (!s.env) return error("VALIDATION_ERROR", std::string(t) + " before reset");
    if (data && !data->is_object()) return error("VALIDATION_ERROR", std::string(t) + ": data must be an object");
    const std::string path = "/envs/" + std::to_string(s.env) + "/" + std::string(t);
    mcp::HttpReply r = call("POST", path, t == "fork" ? "" : (data ? json::serialize(*data) : "{}"));
    if (r.status != 200) return failure(r);
    auto o = object_of(r.body);
    if (!o) return error("EXECUTION_ERROR", "a reply that is not JSON");
    if (t == "restore") return episode(call, s, *o);
    if (t == "fork") return json::serialize(json::object{{"type", "fork"}, {"data", json::object{{"env", o->at("id")}}}});
    return json::serialize(json::object{{"type", "snapshot"}, {"data", std::move(*o)}});
  }
  return error("UNKNOWN_TYPE", "Unknown message type: " + std::string(t));
}

void end(const mcp::Call& call, Session& s) {
  if (s.env) call("DELETE", "/envs/" + std::to_string(s.env), "");
  s.env = 0;
}

std::string metadata_json() {
  return json::serialize(json::object{
      {"name", "facsim"},
      {"description",
       "Computer-use environments: mail, chat, a store and a business bank in one browser-like shell, one shared world; "
       "deterministic, verifiable, forkable. Observations are screenshots; actions are mouse and keyboard in any major "
       "dialect."},
      {"readme_content", ""},
      {"version", "0.1.0"},
      {"author", "facsim"},
      {"documentation_url", ""}});
}

std::string schema_json() {
  auto prop = [](const char* type, const char* description) {
    return json::object{{"type", type}, {"description", description}};
  };
  json::object action{{"title", "FacsimAction"},
                      {"description",
                       "One action in any dialect facsim parses: Anthropic's computer tool input "
                       "({\"action\":\"left_click\",\"coordinate\":[x,y]}), OpenAI computer_call actions ({\"type\":\"click\",...}), "
                       "OSWorld computer_13, facsim's {\"kind\":...}, or {\"action\":\"<code>\"} for pyautogui, BrowserGym and "
                       "UI-TARS strings."},
                      {"type", "object"},
                      {"additionalProperties", true}};
  json::object obs_props{{"screenshot", prop("string", "The frame, base64 (screenshot_format)")},
                         {"screenshot_format", prop("string", "png or jpeg")},
                         {"width", prop("integer", "Frame width")},
                         {"height", prop("integer", "Frame height")},
                         {"instruction", prop("string", "The task's instruction")},
                         {"step", prop("integer", "Steps taken")},
                         {"terminated", prop("boolean", "The episode ended (goal, answer, done, infeasible)")},
                         {"truncated", prop("boolean", "The step budget ran out")},
                         {"success", prop("boolean", "The verifier accepted the episode")},
                         {"error", prop("string", "Why the last action did nothing (\"\" when it did)")},
                         {"cursor", prop("string", "The pointer's cursor")},
                         {"hash", prop("string", "The frame's hash (xxh3, hex)")},
                         {"a11y", prop("string", "The accessibility tree (when reset asked for it)")}};
  json::object observation{{"title", "FacsimObservation"}, {"type", "object"}, {"properties", std::move(obs_props)}};
  json::object state_props{{"episode_id", prop("string", "The episode's id")},
                           {"step_count", prop("integer", "Steps taken")},
                           {"task", prop("string", "The task template")},
                           {"seed", prop("integer", "The seed")},
                           {"instruction", prop("string", "The instruction")},
                           {"done", prop("boolean", "The episode is over")},
                           {"reward", prop("number", "The last reward")}};
  json::object state{{"title", "FacsimState"}, {"type", "object"}, {"properties", std::move(state_props)}};
  return json::serialize(json::object{{"action", std::move(action)}, {"observation", std::move(observation)}, {"state", std::move(state)}});
}

}  // namespace facsim::rpc::openenv
