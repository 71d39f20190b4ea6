// The runner protocol (conformance/PROTOCOL.md) for a C++ adapter: a whole
// executable in one call.
//
//     #include "asyncspec/runner.hpp"
//     #include "my_adapter.hpp"
//     int main(int argc, char** argv) { return asyncspec::runner_main<MyAdapter>(argc, argv, "my-impl"); }
#pragma once

#include <cstdio>
#include <cstring>
#include <iostream>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "asyncspec/suite.hpp"

namespace asyncspec {

inline void print_line(const json& j) {
    std::string s = dump_python_json(j);
    s += '\n';
    std::fwrite(s.data(), 1, s.size(), stdout);
    std::fflush(stdout);
}

// Optional: an adapter that reproduces several versions declares them
// (`static constexpr std::array<std::string_view, N> profiles`) and selects
// one for the adapters made afterwards (`static bool select_profile(name)`):
// the runner's --profile (PROTOCOL.md, "Command line").
template <class A>
concept HasProfiles = requires(std::string_view name) {
    A::profiles;
    { A::select_profile(name) } -> std::convertible_to<bool>;
};

template <Adapter A>
json describe_adapter(const std::string& name, const std::string& profile = std::string(A::profile)) {
    json features = json::array();
    for (auto f : A::features) features.push_back(std::string(f));
    json out{{"protocol", 1}, {"implementation", name}, {"profile", profile}, {"features", features}};
    if constexpr (HasProfiles<A>) {
        json profiles = json::array();
        for (auto p : A::profiles) profiles.push_back(std::string(p));
        out["profiles"] = profiles;
    }
    return out;
}

// --profile P: selects P, or says why not (nullopt when selected).
template <Adapter A>
std::optional<std::string> select_runner_profile(const std::string& p) {
    if constexpr (HasProfiles<A>) {
        if (A::select_profile(p)) return std::nullopt;
        std::string known;
        for (auto x : A::profiles) known += (known.empty() ? "" : ", ") + std::string(x);
        return "unknown profile " + p + " (this runner has " + known + ")";
    } else {
        if (p == A::profile) return std::nullopt;
        return "unknown profile " + p + " (this runner has " + std::string(A::profile) + ")";
    }
}

inline int runner_usage(const char* argv0) {
    std::fprintf(stderr,
                 "usage: %s --describe\n"
                 "       %s --bundle FILE [--id ID]... [--ids-from FILE] [--filter SUBSTRING] [--all]\n"
                 "       %s --ir FILE|-\n"
                 "       [--profile 3.X] [--max-iterations N] [--max-time SECONDS]\n",
                 argv0, argv0, argv0);
    return 2;
}

// The output line of one IR document (`--ir`): any JSON, the interpreter
// says what is wrong with it; its id and file come from `meta.id` and
// `file` when they are strings.
template <Adapter A>
json run_ir_line(const json& ir, const std::string& path, const RunLimits& limits = {},
                 const InterpreterLimits& ilimits = {}) {
    std::string id, file = path;
    if (ir.is_object()) {
        auto meta = ir.find("meta");
        if (meta != ir.end() && meta->is_object() && meta->contains("id") && (*meta)["id"].is_string())
            id = (*meta)["id"].get<std::string>();
        auto f = ir.find("file");
        if (f != ir.end() && f->is_string()) file = f->get<std::string>();
    }
    return run_scenario_line<A>(ir, id, file, limits, ilimits);
}

template <Adapter A>
int runner_main(int argc, char** argv, const std::string& name) {
    std::string bundle_path, ir_path, filter, profile(A::profile);
    std::set<std::string> ids;
    bool describe = false, all = false;
    RunLimits limits;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        auto next = [&]() -> std::string {
            if (i + 1 >= argc) throw std::runtime_error(a + " needs a value");
            return argv[++i];
        };
        try {
            if (a == "--describe")
                describe = true;
            else if (a == "--bundle")
                bundle_path = next();
            else if (a == "--ir")
                ir_path = next();
            else if (a == "--id")
                ids.insert(next());
            else if (a == "--ids-from") {
                std::ifstream in(next());
                std::string line;
                while (std::getline(in, line))
                    if (!line.empty()) ids.insert(line);
            } else if (a == "--filter")
                filter = next();
            else if (a == "--all")
                all = true;
            else if (a == "--profile") {
                profile = next();
                if (auto why = select_runner_profile<A>(profile)) throw std::runtime_error(*why);
            } else if (a == "--max-iterations")
                limits.max_iterations = std::stoull(next());
            else if (a == "--max-time")
                limits.max_virtual_time = std::stod(next());
            else
                return runner_usage(argv[0]);
        } catch (const std::exception& e) {
            std::fprintf(stderr, "%s: %s\n", argv[0], e.what());
            return 2;
        }
    }
    if (describe) {
        print_line(describe_adapter<A>(name, profile));
        return 0;
    }
    if (!ir_path.empty()) {
        json ir;
        try {
            if (ir_path == "-") {
                ir = json::parse(std::cin);
            } else {
                std::ifstream in(ir_path);
                if (!in) throw std::runtime_error("cannot read " + ir_path);
                ir = json::parse(in);
            }
        } catch (const std::exception& e) {
            print_line(json{{"file", ir_path}, {"status", "error"}, {"error", std::string("bad IR: ") + e.what()}});
            return 1;
        }
        print_line(run_ir_line<A>(ir, ir_path, limits));
        return 0;
    }
    if (bundle_path.empty()) return runner_usage(argv[0]);
    Bundle bundle;
    try {
        bundle = Bundle::load(bundle_path);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "%s: %s\n", argv[0], e.what());
        return 2;
    }
    for (const auto& sc : bundle.scenarios()) {
        if (!ids.empty() && !ids.count(sc.id)) continue;
        if (!filter.empty() && sc.id.find(filter) == std::string::npos && sc.area.find(filter) == std::string::npos &&
            sc.file.find(filter) == std::string::npos)
            continue;
        if (!all) {
            // Without --all, scenarios the adapter lacks features for are
            // reported as skip and not run.
            auto missing = missing_features<A>(sc.features);
            if (!missing.empty()) {
                std::string why = "unsupported feature(s): ";
                for (std::size_t i = 0; i < missing.size(); ++i) why += (i ? ", " : "") + missing[i];
                print_line(json{{"id", sc.id}, {"file", sc.file}, {"status", "skip"}, {"skip_reason", why}});
                continue;
            }
        }
        const json* ir = sc.ir();
        if (!ir) {
            print_line(
                json{{"id", sc.id}, {"file", sc.file}, {"status", "error"}, {"error", "no IR: " + sc.ir_error()}});
            continue;
        }
        print_line(run_scenario_line<A>(*ir, sc.id, sc.file, limits));
    }
    return 0;
}

}  // namespace asyncspec
