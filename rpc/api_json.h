// rpc/api_json: what the HTTP API (server.cpp) and the in-process C API (capi.cpp) read and
// write alike - an observation as JSON ({"step","hash","reward","done","terminated","truncated",
// "success","error","cursor","tiles_x","dirty_count","dirty_mask",...}), a body parsed and
// checked field by field, its "dialect" and "coordinates". Internal: Boost.JSON comes with it.
#pragma once
#include <boost/json/object.hpp>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "dialects.h"
#include "sim.h"

namespace facsim::rpc {
boost::json::object observation_json(const sim::Observation& o);
// The first byte where `s` stops being UTF-8, or npos.
size_t invalid_utf8(std::string_view s);
// A body that must be a JSON object (valid UTF-8); nullopt with `why` otherwise.
std::optional<boost::json::object> parse_object(const std::string& body, std::string& why);
// Every field must be one of `known`: a typo ("widht") is an error naming it.
bool known_fields(const boost::json::object& o, std::initializer_list<std::string_view> known, std::string& why);
// An optional integer field in [lo, hi] (absent: `out` as it is).
bool opt_int(const boost::json::object& o, const char* key, int lo, int hi, int& out, std::string& why);
// The lists of a batch call for n envs (POST /batch/step and /batch/reset, the C API's calls):
// "actions" (required unless `reset`), "seeds", "mask", each a list of one entry an env.
struct BatchLists {
  const boost::json::array* actions = nullptr;
  const boost::json::array* seeds = nullptr;
  const boost::json::array* mask = nullptr;
};
bool batch_lists(const boost::json::object& body, size_t n, bool reset, BatchLists& out, std::string& why);
// "dialect" and "coordinates" of a body (create, reset, step; a vec's config and calls): false
// with `why` when one is malformed; those absent leave d and space as they are.
bool dialect_fields(const boost::json::object& o, std::optional<sim::Dialect>& d, sim::CoordSpace& space,
                    std::string& why);
}
