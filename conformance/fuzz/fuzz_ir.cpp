// libFuzzer target: bad input to the conformance runner never crashes it.
//
// One input is one JSON bundle (PROTOCOL.md "The bundle"). It is parsed as
// the runner parses it (Bundle::parse: a malformed bundle is a clear error,
// an exception, the runner's exit status 2), then each scenario is planned,
// interpreted on the reference adapter and matched against its expected
// trace, as the GoogleTest suite does (check_scenario); malformed IR must end
// in a status ("error", "hang", "crash") with a message. Anything else -- an
// exception escaping, a sanitizer report, a stack overflow, a hang, unbounded
// memory -- is a bug of the conformance headers.
#include <array>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <string>
#include <string_view>

#include "asyncspec/runner.hpp"
#include "reference_adapter.hpp"

namespace {

// The reference adapter without the threads feature: to_thread and
// run_coroutine_threadsafe start OS threads that may outlive a run's
// watchdog, so scenarios declaring `threads` are SKIP, and a scenario using
// them without declaring it gets AttributeError (has_threads is false).
struct FuzzAdapter : asyncspec::ReferenceAdapter {
    static constexpr std::array<std::string_view, 24> features = {
        "futures", "call-later", "call-soon", "task-names", "cancel-msg", "uncancel", "all-tasks",
        "lock", "event", "condition", "semaphore", "barrier", "queue", "queue-shutdown",
        "gather", "wait", "wait-for", "as-completed", "as-completed-async", "shield", "timeout", "taskgroup",
        "exception-groups", "eager-tasks",
    };
    void to_thread() = delete;  // hides ReferenceSyncOps' thread capabilities
};
static_assert(asyncspec::Adapter<FuzzAdapter>);
static_assert(!asyncspec::has_threads<FuzzAdapter>);

// Small limits: a run that exceeds them is HANG, quickly.
asyncspec::RunLimits fuzz_limits() {
    asyncspec::RunLimits limits;
    limits.max_iterations = 20000;
    limits.max_virtual_time = 1e6;
    return limits;
}

constexpr std::size_t kMaxScenarios = 4;  // per input: a long bundle is no more coverage

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    asyncspec::Bundle bundle;
    try {
        bundle = asyncspec::Bundle::parse(std::string_view(reinterpret_cast<const char*>(data), size), "<input>");
    } catch (const std::exception&) {
        return 0;  // the runner reports it and exits with status 2
    }
    const std::string profile(FuzzAdapter::profile);
    std::size_t n = 0;
    for (const auto& sc : bundle.scenarios()) {
        if (n++ == kMaxScenarios) break;
        asyncspec::CheckResult r = asyncspec::check_scenario<FuzzAdapter>(sc, profile, fuzz_limits());
        // What the runner prints and the suite reports.
        std::string out = asyncspec::dump_python_json(r.actual) + r.message;
        if (r.divergence) out += asyncspec::dump_python_json(r.divergence->as_json());
        if (out.empty() && r.status.empty()) std::terminate();  // keeps `out` observable
    }
    return 0;
}
