// Expectation files on the C++ side (asyncspec/expectations.hpp): the
// reference's own file and the C++ parser's errors; the verdicts both sides
// share are spec/vectors/expectations.json (test_vectors.cpp).
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "asyncspec/expectations.hpp"

namespace {

using asyncspec::Expectations;

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

TEST(Expectations, ErrorsNameFileAndLine) {
    auto error_of = [](const std::string& text) {
        try {
            Expectations::parse(text, "bad.toml");
        } catch (const std::runtime_error& e) {
            return std::string(e.what());
        }
        return std::string("no error");
    };
    EXPECT_EQ(error_of("\n\nbogus = \"1\"\n"), "bad.toml:3: unknown key 'bogus'");
    EXPECT_EQ(error_of("[[failure]]\nid = \"x\nkind = \"FAIL\"\n"), "bad.toml:2: unterminated string");
}

}  // namespace
