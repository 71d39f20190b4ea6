// The physical floors (floors.cpp), registered as `<workload>/floor`.
#pragma once

namespace asyncspec::bench {

void register_floors();

}  // namespace asyncspec::bench
