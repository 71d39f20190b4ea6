// Expectation files on the C++ side (asyncspec/expectations.hpp): the same
// verdicts as spec/harness/expectations.py; stale entries and unexpected
// passes are red.
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "asyncspec/expectations.hpp"

namespace {

using asyncspec::Expectations;

const char* kText = R"(# known failures
implementation = "demo"
suite_version = "0.1.0"

[[failure]]
id = "a.mismatch"
kind = "TRACE_MISMATCH"
reason = "known \"ordering\" difference"  # comment

[[failure]]
id = "a.any"
kind = "FAIL"
reason = "fails somehow"
flaky = false

[[failure]]
id = "a.flaky"
kind = "HANG"
reason = "sometimes"
flaky = true
)";

TEST(Expectations, ReferenceFileIsEmpty) {
    // conformance/expectations/reference.toml: no known failures, by design.
    std::string path = __FILE__;
    path = path.substr(0, path.rfind("/tests/")) + "/expectations/reference.toml";
    Expectations e = Expectations::load(path);
    EXPECT_EQ(e.implementation, "reference");
    EXPECT_TRUE(e.entries.empty());
    EXPECT_EQ(e.verdict("loop.call-soon-fifo", "pass"), "ok");
    EXPECT_EQ(e.verdict("loop.call-soon-fifo", "fail"), "new-failure");
    EXPECT_TRUE(Expectations::red("new-failure"));
}

TEST(Expectations, Parses) {
    Expectations e = Expectations::parse(kText, "demo.toml");
    EXPECT_EQ(e.implementation, "demo");
    ASSERT_EQ(e.entries.size(), 3u);
    EXPECT_EQ(e.entries.at("a.mismatch").reason, "known \"ordering\" difference");
    EXPECT_EQ(e.entries.at("a.mismatch").line, 5);
    EXPECT_TRUE(e.entries.at("a.flaky").flaky);
    EXPECT_FALSE(e.entries.at("a.any").flaky);
}

TEST(Expectations, Verdicts) {
    Expectations e = Expectations::parse(kText, "demo.toml");
    EXPECT_EQ(e.verdict("a.mismatch", "fail"), "expected-failure");
    EXPECT_EQ(e.verdict("a.mismatch", "crash"), "kind-changed");
    EXPECT_EQ(e.verdict("a.any", "hang"), "expected-failure");
    EXPECT_EQ(e.verdict("a.any", "pass"), "unexpected-pass");
    EXPECT_EQ(e.verdict("a.flaky", "pass"), "ok");
    EXPECT_EQ(e.verdict("a.any", "skip"), "stale");
    EXPECT_EQ(e.verdict("b.other", "crash"), "new-failure");
    EXPECT_EQ(e.verdict("b.other", "skip"), "ok");
    for (const char* v : {"unexpected-pass", "stale", "kind-changed", "new-failure"}) EXPECT_TRUE(Expectations::red(v));
    for (const char* v : {"ok", "expected-failure"}) EXPECT_FALSE(Expectations::red(v));
}

TEST(Expectations, StaleEntries) {
    Expectations e = Expectations::parse(kText, "demo.toml");
    std::vector<std::string> suite = {"a.mismatch", "a.any"};
    std::vector<std::string> stale = e.stale_entries(suite);
    ASSERT_EQ(stale.size(), 1u);
    EXPECT_NE(stale[0].find("demo.toml:16: stale entry 'a.flaky'"), std::string::npos) << stale[0];
    suite.push_back("a.flaky");
    EXPECT_TRUE(e.stale_entries(suite).empty());
}

TEST(Expectations, ErrorsNameFileAndLine) {
    auto error_of = [](const std::string& text) {
        try {
            Expectations::parse(text, "bad.toml");
        } catch (const std::runtime_error& e) {
            return std::string(e.what());
        }
        return std::string("no error");
    };
    EXPECT_EQ(error_of("[[failure]]\nid = \"x\"\nkind = \"WRONG\"\nreason = \"r\"\n"),
              "bad.toml:1: kind must be one of FAIL, TRACE_MISMATCH, CRASH, HANG, not 'WRONG'");
    EXPECT_EQ(error_of("[[failure]]\nid = \"x\"\nkind = \"FAIL\"\n"),
              "bad.toml:1: entry lacks 'reason' (every known failure needs id, kind, reason)");
    EXPECT_EQ(error_of("\n\nbogus = \"1\"\n"), "bad.toml:3: unknown key 'bogus'");
    EXPECT_EQ(error_of("[[failure]]\nid = \"x\nkind = \"FAIL\"\n"), "bad.toml:2: unterminated string");
    EXPECT_EQ(
        error_of(
            "[[failure]]\nid=\"x\"\nkind=\"FAIL\"\nreason=\"r\"\n[[failure]]\nid=\"x\"\nkind=\"FAIL\"\nreason=\"s\"\n"),
        "bad.toml:5: duplicate entry for 'x'");
}

}  // namespace
