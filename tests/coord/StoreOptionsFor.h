#pragma once

// The store options the coordination tests open their stores and sessions with: a database
// URL and the clock the test keeps (a real one: these tests race real connections).

#include "common/Clock.h"
#include "store/StoreFactory.h"

namespace dopool::testing {

inline StoreOptions storeOptionsFor(const DatabaseUrl &url, Clock *clock)
{
    StoreOptions o;
    o.url = url;
    o.clock = clock;
    return o;
}

} // namespace dopool::testing
