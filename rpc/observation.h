// rpc/observation: an observation as the HTTP API writes it ({"step","hash","reward","done",
// "terminated","truncated","success","error","cursor","tiles_x","dirty_count","dirty_mask",...}),
// shared by the server and the in-process C API (capi.cpp). Internal: Boost.JSON comes with it.
#pragma once
#include <boost/json/object.hpp>

#include "sim.h"

namespace facsim::rpc {
boost::json::object observation_json(const sim::Observation& o);
}
