// The C++ matcher follows spec/harness/matcher.py rule for rule.
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

TEST(Matcher, ExactAndLineIgnored) {
    json e = json::array({ev(0.0, {"a", 1}, 3), json{{"t", 0.0}, {"end", "return"}, {"value", nullptr}}});
    json a = json::array({ev(0.0, {"a", 1}), json{{"t", 0.0}, {"end", "return"}, {"value", nullptr}}});
    EXPECT_TRUE(match(e, a).ok);
}

TEST(Matcher, TypesAreStrict) {
    EXPECT_FALSE(match(json::array({ev(0, {1})}), json::array({ev(0, {1.0})})).ok);
    EXPECT_FALSE(match(json::array({ev(0, {true})}), json::array({ev(0, {1})})).ok);
    EXPECT_FALSE(match(json::array({ev(0, {json::array({1})})}), json::array({ev(0, {json{{"tuple", {1}}}})})).ok);
    // unsigned (parsed) and signed (rendered) integers are the same int
    json parsed = json::parse(R"([{"t": 0.0, "v": [5]}])");
    EXPECT_TRUE(match(parsed, json::array({ev(0, {std::int64_t{5}})})).ok);
}

TEST(Matcher, TimeTolerance) {
    EXPECT_TRUE(match(json::array({ev(0.1, {"x"})}), json::array({ev(0.1 + 1e-10, {"x"})})).ok);
    auto r = match(json::array({ev(0.1, {"x"})}), json::array({ev(0.2, {"x"})}));
    ASSERT_FALSE(r.ok);
    EXPECT_EQ(r.divergence->kind, "time");
}

TEST(Matcher, UnorderedGroup) {
    json e = json::array({ev(0, {"a"}), ev(0, {"b"}), ev(0, {"c"})});
    json a = json::array({ev(0, {"b"}), ev(0, {"a"}), ev(0, {"c"})});
    EXPECT_FALSE(match(e, a).ok);
    EXPECT_TRUE(match(e, a, {{"a", "b"}}).ok);
}

TEST(Matcher, MissingAndExtra) {
    json e = json::array({ev(0, {"a"}), ev(0, {"b"})});
    auto r = match(e, json::array({ev(0, {"a"})}));
    ASSERT_FALSE(r.ok);
    EXPECT_EQ(r.divergence->kind, "missing");
    EXPECT_EQ(r.divergence->index, 1u);
    r = match(json::array({ev(0, {"a"})}), e);
    ASSERT_FALSE(r.ok);
    EXPECT_EQ(r.divergence->kind, "extra");
}

TEST(Matcher, DivergenceText) {
    auto r = match(json::array({ev(0, {"a", 1}, 7)}), json::array({ev(0, {"a", 2})}));
    ASSERT_FALSE(r.ok);
    std::string text = r.divergence->format("s.py");
    EXPECT_NE(text.find("s.py:7"), std::string::npos) << text;
    EXPECT_NE(text.find("expected: t=0.0 log(\"a\", 1)"), std::string::npos) << text;
    EXPECT_NE(text.find("actual:   t=0.0 log(\"a\", 2)"), std::string::npos) << text;
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
