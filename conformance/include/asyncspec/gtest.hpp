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
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <memory>
#include <string>

#include "asyncspec/suite.hpp"

namespace asyncspec {

inline std::string bundle_path(const std::string& fallback) {
    const char* env = std::getenv("ASYNCSPEC_BUNDLE");
    return env && *env ? std::string(env) : fallback;
}

template <Adapter A>
class ScenarioTest : public ::testing::Test {
public:
    ScenarioTest(std::shared_ptr<const Bundle> bundle, const Scenario* sc) : bundle_(std::move(bundle)), sc_(sc) {}
    void TestBody() override {
        RecordProperty("scenario_file", sc_->file);
        std::string clauses;
        for (const auto& c : sc_->clauses) clauses += (clauses.empty() ? "" : " ") + c;
        RecordProperty("clauses", clauses);
        CheckResult r = check_scenario<A>(*sc_);
        if (r.status == "skip") GTEST_SKIP() << r.message;
        if (r.status == "pass") return;
        std::string status = r.status;
        for (auto& ch : status) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
        FAIL() << sc_->id << " (" << sc_->file << "): " << status << "\n" << r.message << "\n  clauses: " << clauses;
    }

private:
    std::shared_ptr<const Bundle> bundle_;
    const Scenario* sc_;
};

class BundleErrorTest : public ::testing::Test {
public:
    explicit BundleErrorTest(std::string error) : error_(std::move(error)) {}
    void TestBody() override { FAIL() << error_ << "\n(build it with: python3 spec/harness/cli.py bundle -o FILE)"; }

private:
    std::string error_;
};

// Registers one test per scenario of the bundle; returns how many.
template <Adapter A>
std::size_t register_conformance_tests(const std::string& suite, const std::string& default_bundle = "") {
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
    for (const auto& sc : bundle->scenarios()) {
        const Scenario* p = &sc;
        std::string name = sc.area + "/" + sc.id;
        ::testing::RegisterTest(suite.c_str(), name.c_str(), nullptr, nullptr, sc.file.c_str(), 1,
                                [bundle, p]() -> ::testing::Test* { return new ScenarioTest<A>(bundle, p); });
    }
    return bundle->scenarios().size();
}

}  // namespace asyncspec
