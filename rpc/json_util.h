// rpc/json_util: what the protocol layers over the HTTP routes (mcp.cpp, openenv.cpp) read from
// JSON replies. Internal: Boost.JSON comes with it, so only those .cpp files include it.
#pragma once
#include <boost/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "mcp.h"

namespace facsim::rpc::jsonu {

// `text` as a JSON object; nullopt when it is not JSON or not an object.
inline std::optional<boost::json::object> object_of(std::string_view text) {
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(text, ec);
  if (ec || !v.is_object()) return std::nullopt;
  return std::move(v.as_object());
}
// o[key] when it is a string, else "".
inline std::string text_of(const boost::json::object& o, const char* key) {
  const boost::json::value* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}
// The HTTP API's error message ({"error": {"code", "message"}}), or the body as it is.
inline std::string http_message(const mcp::HttpReply& r) {
  if (auto o = object_of(r.body))
    if (const boost::json::value* e = o->if_contains("error"); e && e->is_object()) {
      std::string m = text_of(e->as_object(), "message");
      if (!m.empty()) return m;
    }
  return r.body;
}

}  // namespace facsim::rpc::jsonu
