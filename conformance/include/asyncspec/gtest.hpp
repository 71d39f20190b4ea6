// GoogleTest: one test per spec scenario, for any adapter.
//
//     #include "asyncspec/gtest.hpp"
//     #include "my_adapter.hpp"
//     int main(int argc, char** argv) {
//         return asyncspec::conformance_main<MyAdapter>(argc, argv, "MyImpl", "path/to/asyncspec-bundle.json");
//     }
//
// Tests are named `<Suite>.<area>/<scenario id>`, e.g.
// `Reference.cancel/cancel.before-first-step`, so `--gtest_filter` selects by
// area (`*.cancel/*`) or id (`*/cancel.before?first?step`: GoogleTest reads a
// `-` as "exclude what follows", so write `?` for the dashes of an id). The bundle is read
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

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

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
// only scenarios of the suite: a stale entry is red). With `only` (a full
// test name, `<Suite>.<area>/<id>`), registers that one test alone; a bundle
// that does not load is always registered as the failing `<Suite>.bundle`.
template <Adapter A>
std::size_t register_conformance_tests(const std::string& suite, const std::string& default_bundle = "",
                                       const std::string& default_expectations = "", const std::string& only = "") {
    auto wanted = [&](const std::string& name) { return only.empty() || only == suite + "." + name; };
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
        if (wanted("expectations/file"))
            ::testing::RegisterTest(suite.c_str(), "expectations/file", nullptr, nullptr, __FILE__, __LINE__,
                                    [error]() -> ::testing::Test* { return new BundleErrorTest(error, true); });
    }
    for (const auto& sc : bundle->scenarios()) {
        const Scenario* p = &sc;
        std::string name = sc.area + "/" + sc.id;
        if (!wanted(name)) continue;
        ::testing::RegisterTest(
            suite.c_str(), name.c_str(), nullptr, nullptr, sc.file.c_str(), 1,
            [bundle, p, expectations]() -> ::testing::Test* { return new ScenarioTest<A>(bundle, p, expectations); });
    }
    return bundle->scenarios().size();
}

// The whole main of a conformance test executable (CMake's
// asyncspec_add_conformance_tests() generates one calling this).
//
// CTest runs each scenario as its own process:
//     BINARY --gtest_filter=<Suite>.<area>/<id> ... --asyncspec-exactly-one
// GoogleTest reads a `-` in a filter as "exclude what follows", and scenario
// ids have dashes, so with --asyncspec-exactly-one the filter never reaches
// GoogleTest: it names the one test to register, and the process fails unless
// exactly that one test ran. Without it, GoogleTest's flags work as usual, but
// a run that selected no test at all fails too: zero tests is not a pass.
template <Adapter A>
int conformance_main(int argc, char** argv, const std::string& suite, const std::string& default_bundle = "",
                     const std::string& default_expectations = "") {
    constexpr std::string_view exactly_one_flag = "--asyncspec-exactly-one";
    constexpr std::string_view filter_flag = "--gtest_filter=";
    bool exactly_one = false, listing = false;
    std::string only;
    std::vector<char*> args;
    for (int i = 0; i < argc; ++i) {
        const std::string_view a = argv[i];
        if (a == exactly_one_flag) {
            exactly_one = true;
            continue;
        }
        if (a == "--gtest_list_tests") listing = true;
        args.push_back(argv[i]);
    }
    if (exactly_one) {
        std::vector<char*> kept;
        for (char* a : args) {
            const std::string_view s = a;
            if (s.substr(0, filter_flag.size()) == filter_flag)
                only = std::string(s.substr(filter_flag.size()));
            else
                kept.push_back(a);
        }
        if (only.empty()) {
            std::fprintf(stderr, "asyncspec: --asyncspec-exactly-one needs --gtest_filter=<Suite>.<area>/<id>\n");
            return 2;
        }
        args = std::move(kept);
    }
    int n = static_cast<int>(args.size());
    args.push_back(nullptr);
    ::testing::InitGoogleTest(&n, args.data());
    register_conformance_tests<A>(suite, default_bundle, default_expectations, only);
    const int rc = RUN_ALL_TESTS();
    if (listing) return rc;
    const int ran = ::testing::UnitTest::GetInstance()->test_to_run_count();
    if (exactly_one && ran != 1) {
        std::fprintf(stderr, "asyncspec: %s: expected to run exactly this one test, ran %d (is it in the bundle?)\n",
                     only.c_str(), ran);
        return 1;
    }
    if (ran == 0) {
        std::fprintf(stderr, "asyncspec: no test selected: a run of zero tests is not a pass\n");
        return 1;
    }
    return rc;
}

}  // namespace asyncspec
