// Trace matching, the same rules as spec/harness/matcher.py (a port, line by
// line): events compared in order and exactly, except inside declared
// unordered groups (a maximal run of consecutive expected events whose labels
// belong to one group matches as a multiset, by bipartite matching), times
// with an absolute + relative tolerance, "line" never compared, types strict
// (true != 1, 1 != 1.0, list != tuple).
#pragma once

#include <cmath>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "asyncspec/value.hpp"

namespace asyncspec {

struct TimeTolerance {
    double abs = 1e-9;
    double rel = 0.0;

    static bool is_number(const json& j) { return j.is_number(); }  // bools are not numbers in nlohmann
    bool ok(const json& e, const json& a) const {
        if (!is_number(e) || !is_number(a)) return false;
        double x = e.get<double>(), y = a.get<double>();
        return std::fabs(x - y) <= abs + rel * std::fabs(x);
    }
    std::string describe() const {
        char buf[64];
        std::snprintf(buf, sizeof buf, "abs %g", abs);
        std::string s = buf;
        if (rel != 0) {
            std::snprintf(buf, sizeof buf, " + rel %g", rel);
            s += buf;
        }
        return s;
    }
};

inline std::string format_event(const json* ev) {
    if (!ev || ev->is_null()) return "(none)";
    if (!ev->is_object()) return dump_python_json(*ev);
    const json& e = *ev;
    std::string ts = e.contains("t") ? "t=" + dump_python_json(e["t"]) : "t=?";
    std::string body;
    if (e.contains("end")) {
        if (e["end"] == "return")
            body = "end: return " + dump_python_json(e.value("value", json()));
        else
            body = "end: " + (e["end"].is_string() ? e["end"].get<std::string>() : dump_python_json(e["end"])) + " " +
                   dump_python_json(e.value("exc", json()));
    } else if (e.contains("v")) {
        body = "log(";
        bool first = true;
        for (const auto& x : e["v"]) {
            if (!first) body += ", ";
            first = false;
            body += dump_python_json(x);
        }
        body += ")";
    } else {
        json rest = e;
        rest.erase("t");
        rest.erase("line");
        body = dump_python_json(rest);
    }
    return ts + " " + body;
}

struct Divergence {
    std::size_t index = 0;
    std::string kind;  // value | time | missing | extra
    json expected;     // null when none
    json actual;
    std::optional<int> line;
    std::string message;
    std::vector<std::string> group;

    json as_json() const {
        json out{{"index", index}, {"kind", kind}, {"expected", expected}, {"actual", actual}, {"message", message}};
        if (line) out["line"] = *line;
        if (!group.empty()) out["group"] = group;
        return out;
    }
    std::string format(const std::string& file = "") const {
        std::string where = "event #" + std::to_string(index);
        if (line)
            where += file.empty() ? " (scenario line " + std::to_string(*line) + ")"
                                  : " (" + file + ":" + std::to_string(*line) + ")";
        std::string s = "first divergence at " + where + ": " + message + "\n  expected: " + format_event(&expected) +
                        "\n  actual:   " + format_event(&actual);
        if (!group.empty()) {
            s += "\n  (inside an unordered group of labels [";
            for (std::size_t i = 0; i < group.size(); ++i) s += (i ? ", '" : "'") + group[i] + "'";
            s += "])";
        }
        return s;
    }
};

struct MatchResult {
    bool ok = true;
    std::optional<Divergence> divergence;
    std::size_t compared = 0;
    explicit operator bool() const { return ok; }
};

namespace detail {

inline std::optional<std::string> label_of(const json& event) {
    if (!event.is_object() || !event.contains("v")) return std::nullopt;
    const json& v = event["v"];
    if (v.is_array() && !v.empty() && v[0].is_string()) return v[0].get<std::string>();
    return std::nullopt;
}

inline bool values_equal(const json& e, const json& a, const TimeTolerance& tol) {
    if (e.is_boolean() || a.is_boolean()) return e.is_boolean() && a.is_boolean() && e == a;
    if (e.is_number_float() || a.is_number_float()) {
        if (!(e.is_number_float() && a.is_number_float())) return false;
        double x = e.get<double>(), y = a.get<double>();
        return x == y || tol.ok(e, a);
    }
    if (e.is_number_integer() && a.is_number_integer()) {  // signed and unsigned alike
        if (e.is_number_unsigned() && a.is_number_unsigned()) return e.get<std::uint64_t>() == a.get<std::uint64_t>();
        if (e.is_number_unsigned() != a.is_number_unsigned()) {
            const json& u = e.is_number_unsigned() ? e : a;
            const json& s = e.is_number_unsigned() ? a : e;
            return s.get<std::int64_t>() >= 0 &&
                   static_cast<std::uint64_t>(s.get<std::int64_t>()) == u.get<std::uint64_t>();
        }
        return e.get<std::int64_t>() == a.get<std::int64_t>();
    }
    if (e.type() != a.type()) return false;
    if (e.is_array()) {
        if (e.size() != a.size()) return false;
        for (std::size_t i = 0; i < e.size(); ++i)
            if (!values_equal(e[i], a[i], tol)) return false;
        return true;
    }
    if (e.is_object()) {
        if (e.size() != a.size()) return false;
        for (auto it = e.begin(); it != e.end(); ++it) {
            if (!a.contains(it.key())) return false;
            if (!values_equal(it.value(), a[it.key()], tol)) return false;
        }
        return true;
    }
    return e == a;
}

// nullopt when equal, else (kind, message).
inline std::optional<std::pair<std::string, std::string>> compare_events(const json& e, const json& a,
                                                                         const TimeTolerance& tol) {
    json ek = e.is_object() ? e : json::object();
    json ak = a.is_object() ? a : json::object();
    for (const char* k : {"line", "t"}) {
        ek.erase(k);
        ak.erase(k);
    }
    if (!values_equal(ek, ak, tol)) return std::make_pair(std::string("value"), std::string("different event"));
    bool eh = e.is_object() && e.contains("t") && !e["t"].is_null();
    bool ah = a.is_object() && a.contains("t") && !a["t"].is_null();
    if (!eh && !ah) return std::nullopt;
    if (!eh || !ah || !tol.ok(e["t"], a["t"]))
        return std::make_pair(std::string("time"), "different time (tolerance " + tol.describe() + ")");
    return std::nullopt;
}

struct Segment {
    std::size_t start, end;
    int group;  // -1: not a group run
};

inline std::vector<Segment> segments(const json& expected, const std::vector<std::vector<std::string>>& groups) {
    std::map<std::string, int> group_of;
    for (std::size_t gi = 0; gi < groups.size(); ++gi)
        for (const auto& lbl : groups[gi]) group_of.emplace(lbl, static_cast<int>(gi));
    auto gid = [&](const json& ev) {
        auto l = label_of(ev);
        if (!l) return -1;
        auto it = group_of.find(*l);
        return it == group_of.end() ? -1 : it->second;
    };
    std::vector<Segment> out;
    std::size_t i = 0, n = expected.size();
    while (i < n) {
        int g = gid(expected[i]);
        if (g < 0) {
            out.push_back({i, i + 1, -1});
            ++i;
            continue;
        }
        std::size_t j = i + 1;
        while (j < n && gid(expected[j]) == g) ++j;
        out.push_back({i, j, j - i > 1 ? g : -1});
        i = j;
    }
    return out;
}

// Bipartite matching expected -> actual (Kuhn), as matcher._max_matching.
inline std::vector<std::optional<std::size_t>> max_matching(const std::vector<json>& exp, const std::vector<json>& act,
                                                            const TimeTolerance& tol) {
    std::vector<std::vector<std::size_t>> adj(exp.size());
    for (std::size_t i = 0; i < exp.size(); ++i)
        for (std::size_t k = 0; k < act.size(); ++k)
            if (!compare_events(exp[i], act[k], tol)) adj[i].push_back(k);
    std::vector<std::optional<std::size_t>> owner(act.size());
    // An augmenting path from `root`, depth first with an explicit stack (a
    // group of thousands of events must not recurse that deep).
    auto augment = [&](std::size_t root) {
        struct Level {
            std::size_t i, next;  // expected event, next candidate in adj[i]
        };
        std::vector<char> seen(act.size(), 0);
        std::vector<Level> path{{root, 0}};
        std::vector<std::size_t> via;  // via[d]: the actual event from path[d] to path[d + 1]
        while (!path.empty()) {
            Level& l = path.back();
            if (l.next == adj[l.i].size()) {
                path.pop_back();
                if (!path.empty()) via.pop_back();
                continue;
            }
            std::size_t k = adj[l.i][l.next++];
            if (seen[k]) continue;
            seen[k] = 1;
            via.push_back(k);
            if (!owner[k]) {  // free: flip the path
                for (std::size_t d = 0; d < path.size(); ++d) owner[via[d]] = path[d].i;
                return;
            }
            path.push_back({*owner[k], 0});
        }
    };
    for (std::size_t i = 0; i < exp.size(); ++i) augment(i);
    std::vector<std::optional<std::size_t>> m(exp.size());
    for (std::size_t k = 0; k < owner.size(); ++k)
        if (owner[k]) m[*owner[k]] = k;
    return m;
}

}  // namespace detail

inline MatchResult match(const json& expected, const json& actual,
                         const std::vector<std::vector<std::string>>& groups = {}, const TimeTolerance& tol = {}) {
    auto div = [&](std::size_t index, std::string kind, std::string message, int gi = -1) {
        MatchResult r;
        r.ok = false;
        r.compared = index;
        Divergence d;
        d.index = index;
        d.kind = std::move(kind);
        d.message = std::move(message);
        d.expected = index < expected.size() ? expected[index] : json();
        d.actual = index < actual.size() ? actual[index] : json();
        if (d.expected.is_object() && d.expected.contains("line") && d.expected["line"].is_number_integer())
            d.line = d.expected["line"].get<int>();
        if (gi >= 0) d.group = groups[static_cast<std::size_t>(gi)];
        r.divergence = std::move(d);
        return r;
    };
    for (const auto& seg : detail::segments(expected, groups)) {
        if (seg.group < 0) {
            if (seg.start >= actual.size()) return div(seg.start, "missing", "the actual trace ends here");
            if (auto diff = detail::compare_events(expected[seg.start], actual[seg.start], tol))
                return div(seg.start, diff->first, diff->second);
            continue;
        }
        std::vector<json> exp_seg(expected.begin() + static_cast<std::ptrdiff_t>(seg.start),
                                  expected.begin() + static_cast<std::ptrdiff_t>(seg.end));
        std::vector<json> act_seg;
        for (std::size_t k = seg.start; k < seg.end && k < actual.size(); ++k) act_seg.push_back(actual[k]);
        auto m = detail::max_matching(exp_seg, act_seg, tol);
        std::size_t first = 0;
        while (first < m.size() && m[first]) ++first;
        if (first == m.size()) continue;
        if (act_seg.size() < exp_seg.size() && seg.start + first >= actual.size())
            return div(actual.size(), "missing", "the actual trace ends here", seg.group);
        std::size_t idx = seg.start + first;
        return div(idx, idx < actual.size() ? "value" : "missing",
                   "no actual event among #" + std::to_string(seg.start) + "..#" + std::to_string(seg.end - 1) +
                       " matches this expected one (any order allowed there)",
                   seg.group);
    }
    if (actual.size() > expected.size()) return div(expected.size(), "extra", "the actual trace has more events");
    MatchResult ok;
    ok.compared = expected.size();
    return ok;
}

}  // namespace asyncspec
