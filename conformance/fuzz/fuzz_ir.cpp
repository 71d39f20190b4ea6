// libFuzzer target: bad input to the conformance runner never crashes it.
//
// One input is one JSON bundle (PROTOCOL.md "The bundle"), or an IR document
// alone (`RUNNER --ir FILE`, run_ir_line) when it does not mention
// "bundle_version". A bundle is parsed as the runner parses it
// (Bundle::parse: a malformed bundle is a clear error, an exception, the
// runner's exit status 2), then each scenario is planned, interpreted on the
// reference adapter and matched against its expected trace, as the
// GoogleTest suite does (check_scenario), and the results are written as the
// runner writes them. Malformed IR must end in a status
// ("error", "hang", "crash") with a message. Anything else -- an exception
// escaping, a sanitizer report, a stack overflow, a hang, unbounded memory --
// is a bug of the conformance headers.
//
// Byte-level mutations of JSON mostly break the syntax, so half of the
// mutations are structural (LLVMFuzzerCustomMutator): parse, change one node
// of the document (a number, a name, a subtree copied from elsewhere, a
// deleted or duplicated element), write it back.
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <limits>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "asyncspec/runner.hpp"
#include "reference_adapter.hpp"

extern "C" std::size_t LLVMFuzzerMutate(std::uint8_t* data, std::size_t size, std::size_t max_size);

namespace {

using asyncspec::json;

// The reference adapter without the threads feature: to_thread and
// run_coroutine_threadsafe start OS threads that may outlive a run's
// watchdog and race the next input, so scenarios declaring `threads` are
// SKIP, and a scenario using them without declaring it gets AttributeError
// (has_threads is false).
struct FuzzAdapter : asyncspec::ReferenceAdapter {
    static constexpr std::array<std::string_view, 24> features = {
        "futures",
        "call-later",
        "call-soon",
        "task-names",
        "cancel-msg",
        "uncancel",
        "all-tasks",
        "lock",
        "event",
        "condition",
        "semaphore",
        "barrier",
        "queue",
        "queue-shutdown",
        "gather",
        "wait",
        "wait-for",
        "as-completed",
        "as-completed-async",
        "shield",
        "timeout",
        "taskgroup",
        "exception-groups",
        "eager-tasks",
    };
    void to_thread() = delete;  // hides ReferenceSyncOps' thread capabilities
};
static_assert(asyncspec::Adapter<FuzzAdapter>);
static_assert(!asyncspec::has_threads<FuzzAdapter>);

// Small limits: a run that exceeds them is HANG, in milliseconds.
constexpr std::uint64_t kMaxIterations = 20000;
constexpr std::uint64_t kMaxSteps = 200000;
constexpr std::size_t kMaxScenarios = 4;  // per input: a long bundle is no more coverage

// ---- structural mutations ------------------------------------------------------

// Names worth trying where a string is (IR.md): nodes, APIs, methods, classes.
constexpr std::array<const char*, 52> kNames = {
    "const",
    "local",
    "global",
    "func",
    "class",
    "type",
    "api_ref",
    "builtin_ref",
    "unary",
    "binop",
    "compare",
    "boolop",
    "index",
    "attr",
    "list",
    "tuple",
    "listcomp",
    "await",
    "call_func",
    "call_api",
    "call_method",
    "call_builtin",
    "new_exc",
    "log",
    "starred",
    "assign",
    "augassign",
    "expr",
    "return",
    "if",
    "while",
    "for",
    "break",
    "continue",
    "try",
    "try_star",
    "raise",
    "async_with",
    "async_for",
    "unpack",
    "asyncio.sleep",
    "asyncio.create_task",
    "asyncio.gather",
    "asyncio.wait",
    "asyncio.TaskGroup",
    "asyncio.Queue",
    "asyncio.to_thread",
    "append",
    "cancel",
    "RecursionError",
    "BaseExceptionGroup",
    "main",
};

struct Mutator {
    std::minstd_rand rng;
    json doc;
    std::vector<json*> nodes;  // every node of doc, pre-order

    explicit Mutator(unsigned seed) : rng(seed) {}
    std::size_t pick(std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng); }

    void collect() {
        nodes.clear();
        std::vector<json*> todo{&doc};
        while (!todo.empty()) {
            json* j = todo.back();
            todo.pop_back();
            nodes.push_back(j);
            if (j->is_structured())
                for (auto& c : *j) todo.push_back(&c);
        }
    }
    json random_number() {
        switch (pick(12)) {
            case 0:
                return 0;
            case 1:
                return -1;
            case 2:
                return 1;
            case 3:
                return 2;
            case 4:
                return std::numeric_limits<std::int64_t>::min();
            case 5:
                return std::numeric_limits<std::int64_t>::max();
            case 6:
                return std::numeric_limits<std::uint64_t>::max();
            case 7:
                return 1e308;
            case 8:
                return -0.5;
            case 9:
                return 1000000;
            case 10:
                return 4.9e-324;
            default:
                return static_cast<std::int64_t>(pick(64)) - 8;
        }
    }
    void mutate_one() {
        json& n = *nodes[pick(nodes.size())];
        const json& other = *nodes[pick(nodes.size())];
        switch (pick(8)) {
            case 0:  // a subtree copied from elsewhere in the document
                n = json(other);
                return;
            case 1:
                if (n.is_number()) {
                    // ±1, wrapping (no signed overflow in the mutator itself)
                    std::uint64_t step = pick(2) ? 1 : ~std::uint64_t(0);
                    n = n.is_number_integer() && pick(2)
                            ? json(static_cast<std::int64_t>(n.get<std::uint64_t>() + step))
                            : random_number();
                    return;
                }
                break;
            case 2:
                if (n.is_string()) {
                    n = kNames[pick(kNames.size())];
                    return;
                }
                break;
            case 3:  // delete an element or a key
                if (n.is_array() && !n.empty()) {
                    n.erase(pick(n.size()));
                    return;
                }
                if (n.is_object() && !n.empty()) {
                    auto it = n.begin();
                    std::advance(it, static_cast<std::ptrdiff_t>(pick(n.size())));
                    n.erase(it);
                    return;
                }
                break;
            case 4:  // duplicate an element, or insert a copied subtree
                if (n.is_array()) {
                    json item = n.empty() || pick(2) ? json(other) : json(n[pick(n.size())]);
                    n.insert(n.begin() + static_cast<std::ptrdiff_t>(pick(n.size() + 1)), std::move(item));
                    return;
                }
                break;
            case 5:  // a key's value replaced by a copied subtree
                if (n.is_object() && !n.empty()) {
                    auto it = n.begin();
                    std::advance(it, static_cast<std::ptrdiff_t>(pick(n.size())));
                    it.value() = json(other);
                    return;
                }
                break;
            case 6:  // swap two elements
                if (n.is_array() && n.size() > 1) {
                    std::swap(n[pick(n.size())], n[pick(n.size())]);
                    return;
                }
                break;
            default:
                break;
        }
        // Otherwise: another type.
        switch (pick(6)) {
            case 0:
                n = nullptr;
                return;
            case 1:
                n = true;
                return;
            case 2:
                n = random_number();
                return;
            case 3:
                n = kNames[pick(kNames.size())];
                return;
            case 4:
                n = json::array();
                return;
            default:
                n = json::object();
                return;
        }
    }
};

}  // namespace

extern "C" std::size_t LLVMFuzzerCustomMutator(std::uint8_t* data, std::size_t size, std::size_t max_size,
                                               unsigned int seed) {
    Mutator m(seed);
    if (seed % 2 == 0) return LLVMFuzzerMutate(data, size, max_size);
    m.doc = json::parse(data, data + size, nullptr, false);
    if (m.doc.is_discarded() || asyncspec::json_deeper_than(m.doc, 64)) return LLVMFuzzerMutate(data, size, max_size);
    m.collect();
    for (std::size_t i = 0, n = 1 + m.pick(3); i < n; ++i) {
        m.mutate_one();
        m.collect();
    }
    std::string out = m.doc.dump(-1, ' ', false, json::error_handler_t::replace);
    if (out.size() > max_size) return LLVMFuzzerMutate(data, size, max_size);
    std::memcpy(data, out.data(), out.size());
    return out.size();
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const bool verbose = std::getenv("ASYNCSPEC_FUZZ_VERBOSE") != nullptr;  // replaying a finding
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    asyncspec::RunLimits limits;
    limits.max_iterations = kMaxIterations;
    asyncspec::InterpreterLimits ilimits;
    ilimits.max_steps = kMaxSteps;
    // An IR document alone: what `RUNNER --ir FILE` does with it.
    if (text.find("\"bundle_version\"") == std::string_view::npos) {
        json ir = json::parse(text, nullptr, false);
        if (ir.is_discarded()) return 0;  // the runner prints "bad IR" and exits with status 1
        std::string line =
            asyncspec::dump_python_json(asyncspec::run_ir_line<FuzzAdapter>(ir, "<input>", limits, ilimits));
        if (verbose) std::fprintf(stderr, "%s\n", line.c_str());
        return 0;
    }
    asyncspec::Bundle bundle;
    try {
        bundle = asyncspec::Bundle::parse(text, "<input>");
    } catch (const std::exception&) {
        return 0;  // the runner reports it and exits with status 2
    }
    const std::string profile(FuzzAdapter::profile);
    std::size_t n = 0;
    for (const auto& sc : bundle.scenarios()) {
        if (n++ == kMaxScenarios) break;
        asyncspec::CheckResult r = asyncspec::check_scenario<FuzzAdapter>(sc, profile, limits, ilimits);
        // What the runner prints and the suite reports.
        std::string out = asyncspec::dump_python_json(r.actual) + r.message;
        if (r.divergence) out += asyncspec::dump_python_json(r.divergence->as_json());
        if (verbose) std::fprintf(stderr, "%s: %s %s\n", sc.id.c_str(), r.status.c_str(), r.message.c_str());
        if (out.empty() && r.status.empty()) std::terminate();  // keeps `out` observable
    }
    return 0;
}
