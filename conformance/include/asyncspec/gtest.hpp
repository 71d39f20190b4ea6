// GoogleTest: one test per spec scenario, for any adapter.
//
//     #include "asyncspec/gtest.hpp"
//     #include "my_adapter.hpp"
//     int main(int argc, char** argv) {
//         ::testing::InitGoogleTest(&argc, argv);
//         asyncspec::register_conformance_tests<MyAdapter>("MyImpl");
//         return RUN_ALL_TESTS();
//     }
//
// Tests are named `<Suite>.<area>/<scenario id>`, e.g.
// `Reference.cancel/cancel.before-first-step`, so `--gtest_filter` selects by
// area (`*.cancel/*`) or id (`*/cancel.before-first-step`). The bundle is read
// at run time from $ASYNCSPEC_BUNDLE, else the path given (CMake passes the
// one it builds): adding scenarios needs no recompilation. A scenario needing
// a feature the adapter does not declare is skipped, naming the feature.
//
// Known failures: an expectation file (expectations.hpp; $ASYNCSPEC_EXPECTATIONS,
// else the path given) turns an expected failure into a skip and makes an
// unexpected pass, a changed kind of failure and a stale entry test failures,
// as `check --expectations` does.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <memory>
#include <string>

#include "asyncspec/expectations.hpp"
#include "asyncspec/suite.hpp"

namespace asyncspec {

inline std::string bundle_path(const std::string& fallback) {
    const char* env = std::getenv("ASYNCSPEC_BUNDLE");
    return env && *env ? std::string(env) : fallback;
}

inline std::string expectations_path(const std::string& fallback) {
    const char* env = std::getenv("ASYNCSPEC_EXPECTATIONS");
    return env && *env ? std::string(env) : fallback;
}

template <Adapter A>
class ScenarioTest : public ::testing::Test {
public:
    ScenarioTest(std::shared_ptr<const Bundle> bundle, const Scenario* sc,
                 std::shared_ptr<const Expectations> expectations = nullptr)
        : bundle_(std::move(bundle)), sc_(sc), expectations_(std::move(expectations)) {}
    void TestBody() override {
        RecordProperty("scenario_file", sc_->file);
        std::string clauses;
        for (const auto& c : sc_->clauses) clauses += (clauses.empty() ? "" : " ") + c;
        RecordProperty("clauses", clauses);
        CheckResult r = check_scenario<A>(*sc_);
        std::string status = r.status;
        for (auto& ch : status) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
        if (const ExpectationEntry* e = expectations_ ? expectations_->find(sc_->id) : nullptr) {
            const std::string verdict = expectations_->verdict(sc_->id, r.status);
            const std::string where = expectations_->file + ":" + std::to_string(e->line);
            if (verdict == "expected-failure") GTEST_SKIP() << "expected failure (" << e->kind << "): " << e->reason;
            if (verdict == "unexpected-pass")
                FAIL() << sc_->id << ": unexpected pass, expected " << e->kind << " (" << where
                       << "): remove the entry";
            if (verdict == "stale") FAIL() << sc_->id << ": stale entry (" << where << ") for a skipped scenario";
            if (verdict == "kind-changed")
                FAIL() << sc_->id << ": expected " << e->kind << " (" << where << "), got " << status << "\n"
                       << r.message;
        }
        if (r.status == "skip") GTEST_SKIP() << r.message;
        if (r.status == "pass") return;
        FAIL() << sc_->id << " (" << sc_->file << "): " << status << "\n" << r.message << "\n  clauses: " << clauses;
    }

private:
    std::shared_ptr<const Bundle> bundle_;
    const Scenario* sc_;
    std::shared_ptr<const Expectations> expectations_;
};

class BundleErrorTest : public ::testing::Test {
public:
    explicit BundleErrorTest(std::string error, bool expectations = false)
        : error_(std::move(error)), expectations_(expectations) {}
    void TestBody() override {
        if (expectations_) {
            if (!error_.empty()) FAIL() << error_;
            return;
        }
        FAIL() << error_ << "\n(build it with: python3 spec/harness/cli.py bundle -o FILE)";
    }

private:
    std::string error_;
    bool expectations_;
};

// Registers one test per scenario of the bundle; returns how many. With an
// expectation file, also `<Suite>.expectations/file` (it parses, and names
// only scenarios of the suite: a stale entry is red).
template <Adapter A>
std::size_t register_conformance_tests(const std::string& suite, const std::string& default_bundle = "",
                                       const std::string& default_expectations = "") {
    const std::string path = bundle_path(default_bundle);
    std::shared_ptr<const Bundle> bundle;
    try {
        if (path.empty()) throw std::runtime_error("no bundle: set ASYNCSPEC_BUNDLE");
        bundle = std::make_shared<const Bundle>(Bundle::load(path));
    } catch (const std::exception& e) {
        std::string error = e.what();
        ::testing::RegisterTest(suite.c_str(), "bundle", nullptr, nullptr, __FILE__, __LINE__,
                                [error]() -> ::testing::Test* { return new BundleErrorTest(error); });
        return 0;
    }
    std::shared_ptr<const Expectations> expectations;
    if (const std::string exp_path = expectations_path(default_expectations); !exp_path.empty()) {
        std::string error;
        try {
            expectations = std::make_shared<const Expectations>(Expectations::load(exp_path));
            std::vector<std::string> ids;
            for (const auto& sc : bundle->scenarios()) ids.push_back(sc.id);
            for (const std::string& m : expectations->stale_entries(ids)) error += m + "\n";
        } catch (const std::exception& e) {
            error = e.what();
        }
        ::testing::RegisterTest(suite.c_str(), "expectations/file", nullptr, nullptr, __FILE__, __LINE__,
                                [error]() -> ::testing::Test* { return new BundleErrorTest(error, true); });
    }
    for (const auto& sc : bundle->scenarios()) {
        const Scenario* p = &sc;
        std::string name = sc.area + "/" + sc.id;
        ::testing::RegisterTest(
            suite.c_str(), name.c_str(), nullptr, nullptr, sc.file.c_str(), 1,
            [bundle, p, expectations]() -> ::testing::Test* { return new ScenarioTest<A>(bundle, p, expectations); });
    }
    return bundle->scenarios().size();
}

}  // namespace asyncspec
