// Boost.JSON's compiled part, built once for the whole program (header-only mode).
#include <boost/json/src.hpp>
