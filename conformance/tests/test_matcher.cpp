// The C++ matcher: what is specific to C++ values (the shared rules are
// spec/vectors/matcher.json, run by test_vectors.cpp).
#include <gtest/gtest.h>

#include "asyncspec/matcher.hpp"

using asyncspec::json;
using asyncspec::match;

namespace {

json ev(double t, json v, int line = 0) {
    json e{{"t", t}, {"v", v}};
    if (line) e["line"] = line;
    return e;
}

// The matching rules themselves are spec/vectors/matcher.json (test_vectors.cpp).

TEST(Matcher, ParsedAndRenderedIntegersAreOneInt) {
    // nlohmann keeps parsed non-negative integers unsigned, rendered ones signed.
    json parsed = json::parse(R"([{"t": 0.0, "v": [5]}])");
    EXPECT_TRUE(match(parsed, json::array({ev(0, {std::int64_t{5}})})).ok);
}

TEST(Values, FloatRepr) {
    using asyncspec::float_repr;
    EXPECT_EQ(float_repr(1.0), "1.0");
    EXPECT_EQ(float_repr(0.1), "0.1");
    EXPECT_EQ(float_repr(1e-05), "1e-05");
    EXPECT_EQ(float_repr(0.0001), "0.0001");
    EXPECT_EQ(float_repr(1e16), "1e+16");
    EXPECT_EQ(float_repr(123456789012345.0), "123456789012345.0");
    EXPECT_EQ(float_repr(-2.5), "-2.5");
    EXPECT_EQ(float_repr(0.30000000000000004), "0.30000000000000004");
    EXPECT_EQ(asyncspec::round9(0.30000000000000004), 0.3);
}

}  // namespace
