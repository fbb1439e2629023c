// Changes to a shop's set of orders and to their update_time go through here, so that the shop's time
// index (order_index.hpp) stays in step with the orders Search Orders pages through.
#pragma once

#include <cstdint>

#include "model.hpp"

namespace kingkung::sim::detail {

// Adds a new order (its id not yet in the shop) and returns it as stored.
order& insert_order(shop_state& shop, order o);
void set_update_time(shop_state& shop, order& o, std::int64_t update_time);

// Rebuilds every derived index of the state from the data: after the state was loaded or generated.
void rebuild_indexes(sim_state& state);

}  // namespace kingkung::sim::detail
