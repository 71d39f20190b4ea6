// The spec bundle (conformance/PROTOCOL.md, "Bundle"; written by
// `python3 spec/harness/cli.py bundle`), the plan (which scenarios apply to
// an adapter: features, version bounds, expectation for its profile), and
// checking one scenario: run it with the interpreter, match its trace.
#pragma once

#include <chrono>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "asyncspec/adapter.hpp"
#include "asyncspec/interpreter.hpp"
#include "asyncspec/matcher.hpp"

namespace asyncspec {

inline int minor_version(const std::string& v) {  // "3.13" -> 13
    auto dot = v.find('.');
    if (dot == std::string::npos) return -1;
    try {
        return std::stoi(v.substr(dot + 1));
    } catch (...) {
        return -1;
    }
}

struct Scenario {
    const json* doc = nullptr;  // the bundle entry
    std::string id, area, file, description;
    std::vector<std::string> clauses, features;
    std::vector<std::vector<std::string>> unordered;
    std::string min_version, max_version;

    const json* ir() const {
        auto it = doc->find("ir");
        return it == doc->end() || it->is_null() ? nullptr : &*it;
    }
    std::string ir_error() const { return doc->value("ir_error", std::string()); }
    bool applies_to(const std::string& profile) const {
        int p = minor_version(profile);
        if (!min_version.empty() && p < minor_version(min_version)) return false;
        if (!max_version.empty() && p > minor_version(max_version)) return false;
        return true;
    }
    // expected.trace_for: the trace recorded for the profile; for a profile
    // newer than every recorded version, the newest one; else none.
    const json* expected_for(const std::string& profile) const {
        if (!doc->contains("expected")) return nullptr;
        const json& exp = (*doc)["expected"];
        if (exp.contains(profile)) return &exp[profile];
        int p = minor_version(profile);
        const json* best = nullptr;
        int best_v = -1;
        for (auto it = exp.begin(); it != exp.end(); ++it) {
            int v = minor_version(it.key());
            if (v >= p) return nullptr;
            if (v > best_v) {
                best_v = v;
                best = &it.value();
            }
        }
        return best;
    }
    std::string source_line(int line) const {
        if (!doc->contains("source_lines")) return "";
        return (*doc)["source_lines"].value(std::to_string(line), std::string());
    }
};

class Bundle {
public:
    static Bundle load(const std::string& path) {
        std::ifstream in(path);
        if (!in) throw std::runtime_error("cannot read bundle " + path);
        std::stringstream text;
        text << in.rdbuf();
        return parse(text.str(), path);
    }
    // A bundle from its JSON text; `path` names it in messages. Malformed
    // text or shapes are a runtime_error naming what is wrong (the runner's
    // exit status 2), never a crash later.
    static Bundle parse(std::string_view text, const std::string& path) {
        Bundle b;
        auto fail = [&](const std::string& why) { return std::runtime_error("bundle " + path + ": " + why); };
        try {
            b.doc_ = json::parse(text);
        } catch (const json::exception& e) {
            throw fail(e.what());
        }
        if (json_deeper_than(b.doc_, kMaxBundleDepth))
            throw fail("nested deeper than " + std::to_string(kMaxBundleDepth) + " levels");
        if (!b.doc_.is_object()) throw fail("not a JSON object");
        auto version = b.doc_.find("bundle_version");
        if (version == b.doc_.end() || !version->is_number_integer() || *version != 1)
            throw fail("unsupported bundle_version");
        auto scenarios = b.doc_.find("scenarios");
        if (scenarios == b.doc_.end() || !scenarios->is_array()) throw fail("no list of scenarios");
        for (const auto& s : *scenarios) {
            std::string where = "scenario #" + std::to_string(b.scenarios_.size());
            if (auto why = scenario_shape_error(s)) throw fail(where + ": " + *why);
            Scenario sc;
            sc.doc = &s;
            sc.id = s.at("id").get<std::string>();
            sc.area = s.at("area").get<std::string>();
            sc.file = s.at("file").get<std::string>();
            sc.description = s.value("description", std::string());
            sc.clauses = s.value("clauses", std::vector<std::string>{});
            sc.features = s.value("features", std::vector<std::string>{});
            sc.unordered = s.value("unordered", std::vector<std::vector<std::string>>{});
            sc.min_version = s.value("min_version", std::string());
            sc.max_version = s.value("max_version", std::string());
            b.scenarios_.push_back(std::move(sc));
        }
        return b;
    }
    static constexpr int kMaxBundleDepth = kMaxIRDepth + 8;

    // What is wrong with one entry of `scenarios` (PROTOCOL.md "The
    // bundle"), or nullopt: the fields Scenario and the matcher read.
    static std::optional<std::string> scenario_shape_error(const json& s) {
        if (!s.is_object()) return "not a JSON object";
        auto strings = [](const json& j) {
            if (!j.is_array()) return false;
            for (const auto& x : j)
                if (!x.is_string()) return false;
            return true;
        };
        for (const char* key : {"id", "area", "file"})
            if (!s.contains(key) || !s[key].is_string()) return std::string(key) + " is not a string";
        for (const char* key : {"description", "min_version", "max_version", "ir_error"})
            if (s.contains(key) && !s[key].is_string()) return std::string(key) + " is not a string";
        for (const char* key : {"clauses", "features"})
            if (s.contains(key) && !strings(s[key])) return std::string(key) + " is not a list of strings";
        if (s.contains("unordered")) {
            if (!s["unordered"].is_array()) return "unordered is not a list of lists of strings";
            for (const auto& g : s["unordered"])
                if (!strings(g)) return "unordered is not a list of lists of strings";
        }
        if (s.contains("ir") && !s["ir"].is_null() && !s["ir"].is_object()) return "ir is not an object or null";
        if (s.contains("expected")) {
            if (!s["expected"].is_object()) return "expected is not an object (profile -> trace)";
            for (const auto& trace : s["expected"]) {
                if (!trace.is_array()) return "an expected trace is not a list of events";
                for (const auto& ev : trace)
                    if (!ev.is_object()) return "an expected event is not an object";
            }
        }
        if (s.contains("source_lines")) {
            if (!s["source_lines"].is_object()) return "source_lines is not an object";
            for (const auto& l : s["source_lines"])
                if (!l.is_string()) return "a source line is not a string";
        }
        return std::nullopt;
    }
    const std::vector<Scenario>& scenarios() const { return scenarios_; }
    const json& doc() const { return doc_; }

private:
    json doc_;
    std::vector<Scenario> scenarios_;
};

// Why a scenario does not apply to adapter A (SKIP), or nullopt.
template <Adapter A>
std::optional<std::string> skip_reason(const Scenario& sc, const std::string& profile = std::string(A::profile)) {
    if (!sc.applies_to(profile))
        return "needs Python " + (sc.min_version.empty() ? std::string("3.11") : sc.min_version) + ".." +
               sc.max_version + ", profile is " + profile;
    auto missing = missing_features<A>(sc.features);
    if (!missing.empty()) {
        std::string s = "unsupported feature(s): ";
        for (std::size_t i = 0; i < missing.size(); ++i) s += (i ? ", " : "") + missing[i];
        return s;
    }
    if (!sc.expected_for(profile)) return "no expected trace for profile " + profile;
    return std::nullopt;
}

// One runner-protocol line (PROTOCOL.md "Output"): the trace or the status.
template <Adapter A>
json run_scenario_line(const json& ir, const std::string& id, const std::string& file, const RunLimits& limits = {},
                       const InterpreterLimits& ilimits = {}) {
    json out;
    out["id"] = id;
    out["file"] = file;
    auto t0 = std::chrono::steady_clock::now();
    RunResult r = Interpreter<A>::run(ir, limits, ilimits);
    out["seconds"] = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    out["status"] = r.status;
    if (r.status == "ok" || r.status == "hang") out["trace"] = r.trace;  // hang: the events before it
    if (r.status != "ok") out["error"] = r.error;
    if (!r.loop_errors.empty()) out["loop_errors"] = r.loop_errors;
    return out;
}

struct CheckResult {
    std::string status;   // pass | fail | skip | hang | crash
    std::string message;  // skip reason, error, or the divergence text
    std::optional<Divergence> divergence;
    json actual;
};

// Runs one scenario on adapter A and matches its trace (virtual time: exact,
// 1e-9 time tolerance). A malformed IR or a run error is CRASH, as in the
// Python checker.
template <Adapter A>
CheckResult check_scenario(const Scenario& sc, const std::string& profile = std::string(A::profile),
                           const RunLimits& limits = {}, const InterpreterLimits& ilimits = {}) {
    CheckResult out;
    if (auto why = skip_reason<A>(sc, profile)) {
        out.status = "skip";
        out.message = *why;
        return out;
    }
    const json* ir = sc.ir();
    if (!ir) {
        out.status = "crash";
        out.message = "no IR: " + sc.ir_error();
        return out;
    }
    RunResult r = Interpreter<A>::run(*ir, limits, ilimits);
    if (r.status == "hang") {
        out.status = "hang";
        out.message = r.error;
        return out;
    }
    if (r.status != "ok") {
        out.status = "crash";
        out.message = r.status + ": " + r.error;
        return out;
    }
    out.actual = r.trace;
    MatchResult m = match(*sc.expected_for(profile), r.trace, sc.unordered, TimeTolerance{});
    if (m.ok) {
        out.status = "pass";
        return out;
    }
    out.status = "fail";
    out.divergence = m.divergence;
    out.message = m.divergence->format(sc.file);
    if (m.divergence->line) {
        std::string src = sc.source_line(*m.divergence->line);
        if (!src.empty()) out.message += "\n  source line " + std::to_string(*m.divergence->line) + ": " + src;
    }
    return out;
}

}  // namespace asyncspec
