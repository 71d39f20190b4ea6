// The adopter's benchmark binary: asyncspec's workloads on its own adapter.
#include "asyncspec/bench_workloads.hpp"
#include "reference_bench_adapter.hpp"

int main(int argc, char** argv) {
    asyncspec::bench::register_workloads<asyncspec::ReferenceBenchAdapter>();
    return asyncspec::bench::run_main(argc, argv);
}
