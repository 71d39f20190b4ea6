// The checker's rules on the C++ side (matcher.hpp, expectations.hpp,
// suite.hpp's selection) against the test vectors in spec/vectors/, which the
// Python harness's self-tests run too: one set of cases, two implementations.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <string>
#include <vector>

#include "asyncspec/expectations.hpp"
#include "asyncspec/matcher.hpp"
#include "asyncspec/suite.hpp"

#ifndef ASYNCSPEC_VECTORS_DIR
#error "ASYNCSPEC_VECTORS_DIR must name spec/vectors"
#endif

namespace {

using asyncspec::json;

json load_vectors(const std::string& name) {
    std::ifstream in(std::string(ASYNCSPEC_VECTORS_DIR) + "/" + name);
    if (!in) throw std::runtime_error("cannot read spec/vectors/" + name);
    return json::parse(in);
}

TEST(Vectors, Matcher) {
    const json doc = load_vectors("matcher.json");
    ASSERT_GE(doc.at("cases").size(), 30u);
    for (const json& c : doc.at("cases")) {
        SCOPED_TRACE(c.at("name").get<std::string>());
        asyncspec::TimeTolerance tol;
        if (c.contains("time_tolerance"))
            tol = {c["time_tolerance"].at("abs").get<double>(), c["time_tolerance"].at("rel").get<double>()};
        const auto groups = c.at("unordered").get<std::vector<std::vector<std::string>>>();
        const asyncspec::MatchResult r = asyncspec::match(c.at("expected"), c.at("actual"), groups, tol);
        ASSERT_EQ(r.ok, c.at("ok").get<bool>());
        if (r.ok) continue;
        const json& d = c.at("divergence");
        EXPECT_EQ(r.divergence->kind, d.at("kind").get<std::string>());
        EXPECT_EQ(r.divergence->index, d.at("index").get<std::size_t>());
        if (d.at("line").is_null()) {
            EXPECT_FALSE(r.divergence->line.has_value());
        } else {
            EXPECT_EQ(r.divergence->line, d.at("line").get<int>());
        }
        const std::string text = r.divergence->format("s.py");
        for (const json& s : d.value("format_contains", json::array()))
            EXPECT_NE(text.find(s.get<std::string>()), std::string::npos) << s << " in\n" << text;
    }
}

TEST(Vectors, Expectations) {
    const json doc = load_vectors("expectations.json");
    for (const json& v : doc.at("red_verdicts")) EXPECT_TRUE(asyncspec::Expectations::red(v.get<std::string>()));
    EXPECT_FALSE(asyncspec::Expectations::red("ok"));
    EXPECT_FALSE(asyncspec::Expectations::red("expected-failure"));
    for (const json& f : doc.at("files")) {
        SCOPED_TRACE(f.at("name").get<std::string>());
        const std::string text = f.at("toml").get<std::string>();
        if (f.contains("error")) {
            try {
                asyncspec::Expectations::parse(text, "bad.toml");
                ADD_FAILURE() << "accepted";
            } catch (const std::exception& e) {
                const std::string where = "bad.toml:" + std::to_string(f["error"].at("line").get<int>()) + ":";
                EXPECT_NE(std::string(e.what()).find(where), std::string::npos) << e.what();
            }
            continue;
        }
        const asyncspec::Expectations e = asyncspec::Expectations::parse(text, "demo.toml");
        if (f.contains("implementation")) {
            EXPECT_EQ(e.implementation, f["implementation"].get<std::string>());
        }
        ASSERT_EQ(e.entries.size(), f.at("entries").size());
        for (const auto& [id, want] : f.at("entries").items()) {
            const asyncspec::ExpectationEntry* got = e.find(id);
            ASSERT_NE(got, nullptr) << id;
            EXPECT_EQ(got->kind, want.at("kind").get<std::string>()) << id;
            EXPECT_EQ(got->line, want.at("line").get<int>()) << id;
            EXPECT_EQ(got->flaky, want.at("flaky").get<bool>()) << id;
            EXPECT_EQ(got->reason, want.at("reason").get<std::string>()) << id;
        }
        for (const json& v : f.at("verdicts"))
            EXPECT_EQ(e.verdict(v[0].get<std::string>(), v[1].get<std::string>()), v[2].get<std::string>())
                << v[0] << " " << v[1];
        const auto suite = f.at("stale").at("suite").get<std::vector<std::string>>();
        const std::vector<std::string> stale = e.stale_entries(suite);
        const auto want_stale = f["stale"].at("stale_ids").get<std::vector<std::string>>();
        ASSERT_EQ(stale.size(), want_stale.size());
        for (const std::string& id : want_stale)
            EXPECT_TRUE(std::any_of(stale.begin(), stale.end(), [&](const std::string& m) {
                return m.find("'" + id + "'") != std::string::npos;
            })) << id;
    }
}

TEST(Vectors, Selection) {
    const json doc = load_vectors("selection.json");
    for (const json& c : doc.at("traces")) {
        json entry{{"id", "x.y"}, {"expected", json::object()}};
        for (const json& v : c.at("recorded"))
            entry["expected"][v.get<std::string>()] = json::array({json{{"t", 0.0}, {"v", {v}}}});
        asyncspec::Scenario sc;
        sc.doc = &entry;
        const std::string profile = c.at("profile").get<std::string>();
        const json* trace = sc.expected_for(profile);
        SCOPED_TRACE(c.dump());
        if (c.at("trace_of").is_null()) {
            EXPECT_EQ(trace, nullptr);
        } else {
            ASSERT_NE(trace, nullptr);
            EXPECT_EQ((*trace)[0].at("v")[0], c["trace_of"]);
        }
    }
    for (const json& c : doc.at("applies")) {
        asyncspec::Scenario sc;
        sc.min_version = c.at("min_version").is_null() ? "" : c["min_version"].get<std::string>();
        sc.max_version = c.at("max_version").is_null() ? "" : c["max_version"].get<std::string>();
        EXPECT_EQ(sc.applies_to(c.at("profile").get<std::string>()), c.at("applies").get<bool>()) << c.dump();
    }
}

}  // namespace
