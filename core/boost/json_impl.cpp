// Boost.JSON is header-only on Debian 12: its sources are compiled here, once.
#include <boost/json/src.hpp>
