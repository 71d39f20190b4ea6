// The scheduling-latency suite for the reference, with the physical floors
// measured in the same run: `<workload>/reference` and `<workload>/floor`.
// ./asyncspec bench runs it beside the Python implementations.
#include "asyncspec/bench_workloads.hpp"
#include "floors.hpp"
#include "reference_bench_adapter.hpp"

int main(int argc, char** argv) {
    asyncspec::bench::register_workloads<asyncspec::ReferenceBenchAdapter>();
    asyncspec::bench::register_floors();
    return asyncspec::bench::run_main(argc, argv);
}
