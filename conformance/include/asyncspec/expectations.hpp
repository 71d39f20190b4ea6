// Expectation files (known failures of one implementation) for the C++ side:
// the same format and verdicts as spec/harness/expectations.py, so the
// GoogleTest suite (gtest.hpp) is red exactly when `check --expectations` is:
// on a new failure, a different kind of failure, an unexpected pass, or a
// stale entry (naming no scenario of the suite, or one the implementation
// skips).
//
//     implementation = "reference"       # optional
//     suite_version = "0.1.0"            # optional
//     failure = []                       # or entries:
//     [[failure]]
//     id = "loop.timer-behind-ready"
//     kind = "TRACE_MISMATCH"            # FAIL | TRACE_MISMATCH | CRASH | HANG | ERROR
//     reason = "..."
//     flaky = true                       # optional
//
// The parser reads that subset of TOML (basic strings, booleans, comments,
// `failure = []`); anything else is an error naming the file and line.
#pragma once

#include <cctype>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace asyncspec {

struct ExpectationEntry {
    std::string id, kind, reason;
    bool flaky = false;
    int line = 0;
    // Whether a run status (fail | crash | hang) is the failure this entry expects.
    bool covers(const std::string& status) const {
        if (kind == "FAIL") return status == "fail" || status == "crash" || status == "hang" || status == "error";
        return (kind == "TRACE_MISMATCH" && status == "fail") || (kind == "CRASH" && status == "crash") ||
               (kind == "HANG" && status == "hang") || (kind == "ERROR" && status == "error");
    }
};

struct Expectations {
    std::string file;
    std::string implementation;
    std::map<std::string, ExpectationEntry> entries;

    static Expectations parse(const std::string& text, const std::string& file = "<expectations>") {
        Expectations out;
        out.file = file;
        std::istringstream in(text);
        std::string raw;
        int lineno = 0;
        ExpectationEntry* cur = nullptr;
        ExpectationEntry pending;
        bool in_entry = false;
        auto fail = [&](const std::string& why) {
            throw std::runtime_error(file + ":" + std::to_string(lineno) + ": " + why);
        };
        auto finish = [&]() {
            if (!in_entry) return;
            for (const char* key : {"id", "kind", "reason"}) {
                const std::string& v = key[0] == 'i' ? pending.id : key[0] == 'k' ? pending.kind : pending.reason;
                if (v.empty()) {
                    lineno = pending.line;
                    fail(std::string("entry lacks '") + key + "' (every known failure needs id, kind, reason)");
                }
            }
            if (pending.kind != "FAIL" && pending.kind != "TRACE_MISMATCH" && pending.kind != "CRASH" &&
                pending.kind != "HANG" && pending.kind != "ERROR") {
                lineno = pending.line;
                fail("kind must be one of FAIL, TRACE_MISMATCH, CRASH, HANG, ERROR, not '" + pending.kind + "'");
            }
            if (out.entries.count(pending.id)) {
                lineno = pending.line;
                fail("duplicate entry for '" + pending.id + "'");
            }
            out.entries[pending.id] = pending;
            in_entry = false;
        };
        while (std::getline(in, raw)) {
            ++lineno;
            std::string line = strip(raw);
            if (line.empty() || line[0] == '#') continue;
            if (line == "[[failure]]") {
                finish();
                pending = ExpectationEntry{};
                pending.line = lineno;
                in_entry = true;
                cur = &pending;
                continue;
            }
            const auto eq = line.find('=');
            if (eq == std::string::npos) fail("expected `key = value`");
            const std::string key = strip(line.substr(0, eq));
            std::string rest = strip(line.substr(eq + 1));
            if (!in_entry && key == "failure") {
                if (strip(strip_comment(rest)) != "[]") fail("'failure' must be [] or [[failure]] tables");
                continue;
            }
            if (rest == "true" || rest == "false" || rest.rfind("true ", 0) == 0 || rest.rfind("false ", 0) == 0) {
                if (!in_entry || key != "flaky") fail("unknown key '" + key + "'");
                if (!strip(strip_comment(rest.substr(rest[0] == 't' ? 4 : 5))).empty()) fail("junk after the value");
                cur->flaky = rest[0] == 't';
                continue;
            }
            std::string value = string_value(rest, fail);
            if (!in_entry) {
                if (key == "implementation")
                    out.implementation = value;
                else if (key != "suite_version")
                    fail("unknown key '" + key + "'");
            } else if (key == "id") {
                cur->id = value;
            } else if (key == "kind") {
                cur->kind = value;
            } else if (key == "reason") {
                cur->reason = value;
            } else {
                fail("unknown key '" + key + "'");
            }
        }
        finish();
        return out;
    }

    static Expectations load(const std::string& path) {
        std::ifstream f(path);
        if (!f) throw std::runtime_error(path + ": cannot read the expectation file");
        std::stringstream ss;
        ss << f.rdbuf();
        return parse(ss.str(), path);
    }

    const ExpectationEntry* find(const std::string& id) const {
        auto it = entries.find(id);
        return it == entries.end() ? nullptr : &it->second;
    }

    // The verdict of one scenario's run status (pass | fail | skip | hang |
    // crash | error): ok | expected-failure | new-failure | kind-changed |
    // unexpected-pass | stale; red() tells which are errors.
    std::string verdict(const std::string& id, const std::string& status) const {
        const ExpectationEntry* e = find(id);
        const bool failing = status == "fail" || status == "crash" || status == "hang" || status == "error";
        if (!e) return failing ? "new-failure" : "ok";
        if (status == "pass") return e->flaky ? "ok" : "unexpected-pass";
        if (status == "skip") return "stale";
        return e->covers(status) ? "expected-failure" : "kind-changed";
    }
    static bool red(const std::string& verdict) { return verdict != "ok" && verdict != "expected-failure"; }

    // Entries naming no scenario of the suite (stale: red), one message each.
    template <class Ids>
    std::vector<std::string> stale_entries(const Ids& suite_ids) const {
        std::vector<std::string> out;
        for (const auto& [id, e] : entries) {
            bool found = false;
            for (const auto& sid : suite_ids) found = found || sid == id;
            if (!found)
                out.push_back(file + ":" + std::to_string(e.line) + ": stale entry '" + id +
                              "' names no scenario of the suite");
        }
        return out;
    }

private:
    static std::string strip(const std::string& s) {
        std::size_t b = 0, e = s.size();
        while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
        while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
        return s.substr(b, e - b);
    }
    static std::string strip_comment(const std::string& s) {
        const auto h = s.find('#');
        return h == std::string::npos ? s : s.substr(0, h);
    }
    template <class Fail>
    static std::string string_value(const std::string& rest, Fail& fail) {
        if (rest.empty() || rest[0] != '"') fail("expected a \"string\", true or false");
        std::string out;
        std::size_t i = 1;
        for (; i < rest.size() && rest[i] != '"'; ++i) {
            if (rest[i] != '\\') {
                out += rest[i];
                continue;
            }
            if (++i == rest.size()) break;
            switch (rest[i]) {
                case 'n':
                    out += '\n';
                    break;
                case 't':
                    out += '\t';
                    break;
                case '"':
                    out += '"';
                    break;
                case '\\':
                    out += '\\';
                    break;
                default:
                    fail(std::string("unsupported escape \\") + rest[i]);
            }
        }
        if (i >= rest.size()) fail("unterminated string");
        if (!strip(strip_comment(rest.substr(i + 1))).empty()) fail("junk after the string");
        return out;
    }
};

}  // namespace asyncspec
