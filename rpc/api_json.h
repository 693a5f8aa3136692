// rpc/api_json: what the HTTP API (server.cpp) and the in-process C API (capi.cpp) read and
// write alike - an observation as JSON ({"step","hash","reward","done","terminated","truncated",
// "success","error","cursor","tiles_x","dirty_count","dirty_mask",...}) and a body's "dialect"
// and "coordinates". Internal: Boost.JSON comes with it.
#pragma once
#include <boost/json/object.hpp>
#include <optional>
#include <string>

#include "dialects.h"
#include "sim.h"

namespace facsim::rpc {
boost::json::object observation_json(const sim::Observation& o);
// "dialect" and "coordinates" of a body (create, reset, step; a vec's config and calls): false
// with `why` when one is malformed; those absent leave d and space as they are.
bool dialect_fields(const boost::json::object& o, std::optional<sim::Dialect>& d, sim::CoordSpace& space,
                    std::string& why);
}
