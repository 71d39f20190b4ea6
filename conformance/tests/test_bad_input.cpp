// Bad input to the runner never crashes it: the crash classes the fuzz
// target (conformance/fuzz/) found, each ending in a clear error or status.
#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>

#include "asyncspec/interpreter.hpp"
#include "asyncspec/suite.hpp"
#include "reference_interpreter.hpp"

using asyncspec::json;

namespace {

json classes() {
    return json::parse(R"([
      {"name": "BaseException", "bases": [], "origin": "builtin"},
      {"name": "Exception", "bases": ["BaseException"], "origin": "builtin"},
      {"name": "RuntimeError", "bases": ["Exception"], "origin": "builtin"},
      {"name": "RecursionError", "bases": ["RuntimeError"], "origin": "builtin"},
      {"name": "TypeError", "bases": ["Exception"], "origin": "builtin"},
      {"name": "CancelledError", "bases": ["BaseException"], "origin": "asyncio"}
    ])");
}

json function(const std::string& name, bool is_async, json body, int nlocals = 2) {
    return json{{"name", name},           {"line", 1},
                {"is_async", is_async},   {"params", json::array()},
                {"nlocals", nlocals},     {"local_names", json::array()},
                {"body", std::move(body)}};
}

json program(json main_body, json functions = json::array()) {
    functions.push_back(function("main", true, std::move(main_body)));
    return json{{"ir_version", 1},          {"file", "t.py"},         {"meta", json::object()}, {"classes", classes()},
                {"globals", json::array()}, {"functions", functions}, {"main", "main"}};
}

json c(json v) {
    std::string type = v.is_string() ? "str" : v.is_boolean() ? "bool" : v.is_number_float() ? "float" : "int";
    return json{{"op", "const"}, {"type", type}, {"value", v}};
}
json local(int slot) { return json{{"op", "local"}, {"slot", slot}, {"name", "v"}}; }
json assign(int slot, json value) { return json{{"op", "assign"}, {"target", local(slot)}, {"value", value}}; }
json expr(json value) { return json{{"op", "expr"}, {"value", value}}; }
json log(json::initializer_list_t args) { return expr({{"op", "log"}, {"args", json::array(args)}}); }
json method(json obj, const std::string& m, json::initializer_list_t args) {
    return json{
        {"op", "call_method"}, {"obj", obj}, {"method", m}, {"args", json::array(args)}, {"kwargs", json::array()}};
}
json builtin(const std::string& name, json::initializer_list_t args) {
    return json{{"op", "call_builtin"}, {"name", name}, {"args", json::array(args)}, {"kwargs", json::array()}};
}
json binop(const std::string& op, json l, json r) {
    return json{{"op", "binop"}, {"operator", op}, {"left", l}, {"right", r}};
}
json while_true(json body) { return json{{"op", "while"}, {"test", c(true)}, {"body", body}}; }

asyncspec::RunResult run(const json& ir, std::uint64_t max_steps = 20'000'000) {
    asyncspec::InterpreterLimits il;
    il.max_steps = max_steps;
    return asyncspec::Interpreter<asyncspec::ReferenceAdapter>::run(ir, {}, il);
}

// ---- the bundle: shapes checked when it is read -------------------------------

std::string bundle_error(const std::string& text) {
    try {
        asyncspec::Bundle::parse(text, "b.json");
    } catch (const std::runtime_error& e) {
        return e.what();
    }
    return "";
}

TEST(BadInput, BundleShapesAreErrors) {
    // The fuzzer's first find: an expected "trace" that is a list, not an
    // object (it threw out of the matcher, terminating the runner).
    EXPECT_NE(bundle_error(R"({"bundle_version":1,"scenarios":[{"area":"","expected":[""],"file":"","id":""}]})")
                  .find("expected is not an object"),
              std::string::npos);
    EXPECT_NE(bundle_error("[1]").find("not a JSON object"), std::string::npos);
    EXPECT_NE(bundle_error(R"({"bundle_version":1,"scenarios":[{"id":"x","area":"a","file":"f","ir":"no"}]})")
                  .find("ir is not an object or null"),
              std::string::npos);
    EXPECT_NE(
        bundle_error(R"({"bundle_version":1,"scenarios":[{"id":1,"area":"a","file":"f"}]})").find("id is not a string"),
        std::string::npos);
    EXPECT_NE(bundle_error(R"({"bundle_version":1.5e300,"scenarios":[]})").find("bundle_version"), std::string::npos);
    std::string deep =
        R"({"bundle_version":1,"scenarios":)" + std::string(100000, '[') + std::string(100000, ']') + "}";
    EXPECT_NE(bundle_error(deep).find("nested deeper"), std::string::npos);

    // A scenario without IR (the compiler rejected it) is not an error here.
    auto b = asyncspec::Bundle::parse(R"({"bundle_version":1,"scenarios":[{"id":"x","area":"a","file":"f"}]})", "b");
    ASSERT_EQ(b.scenarios().size(), 1u);
    EXPECT_EQ(b.scenarios()[0].ir(), nullptr);
}

// ---- the IR document: numbers, nesting -------------------------------------------

TEST(BadInput, MalformedNumbersAreErrors) {
    // nlohmann's get<> of a float, or of a negative number as a size, is
    // undefined behaviour or a huge allocation: each is checked first.
    json ir = program(json::array({log({c(1)})}));
    ir["functions"][0]["nlocals"] = 1e300;
    EXPECT_EQ(run(ir).status, "error");
    ir["functions"][0]["nlocals"] = -1;
    EXPECT_EQ(run(ir).status, "error");
    EXPECT_EQ(run(program(json::array({log({local(99)})}))).status, "error");  // slot out of range
    json big = {{"op", "const"}, {"type", "int"}, {"value", 1e300}};
    auto r = run(program(json::array({log({big})})));
    EXPECT_EQ(r.status, "error");
    EXPECT_NE(r.error.find("int constant"), std::string::npos) << r.error;
}

TEST(BadInput, DeepNestingIsAnError) {
    json e = c(1);
    for (int i = 0; i < 300; ++i) e = json{{"op", "unary"}, {"operator", "-"}, {"operand", e}};
    auto r = run(program(json::array({log({e})})));
    EXPECT_EQ(r.status, "error");
    EXPECT_NE(r.error.find("nested deeper"), std::string::npos) << r.error;
}

TEST(BadInput, MainMustBeAsyncAndDefsNeverAwait) {
    json ir = program(json::array({log({c(1)})}));
    ir["functions"][0]["is_async"] = false;
    EXPECT_EQ(run(ir).status, "error");
    json sleep0 = {
        {"op", "call_api"}, {"api", "asyncio.sleep"}, {"args", json::array({c(0)})}, {"kwargs", json::array()}};
    json f = function("f", false, json::array({expr({{"op", "await"}, {"value", sleep0}})}));
    auto r = run(
        program(json::array({expr({{"op", "call_func"}, {"name", "f"}, {"args", json::array()}})}), json::array({f})));
    EXPECT_EQ(r.status, "error");
    EXPECT_NE(r.error.find("await in a def"), std::string::npos) << r.error;
}

// ---- run-time limits: recursion, steps, sizes --------------------------------------

TEST(BadInput, RecursionIsRecursionError) {
    json call_f = {{"op", "call_func"}, {"name", "f"}, {"args", json::array()}};
    json f = function("f", false, json::array({{{"op", "return"}, {"value", call_f}}}));
    json handler = {{"types", {"RecursionError"}}, {"body", json::array({log({c("deep")})})}};
    json t = {{"op", "try"},
              {"body", json::array({expr(call_f)})},
              {"handlers", json::array({handler})},
              {"orelse", json::array()},
              {"finalbody", json::array()}};
    auto r = run(program(json::array({t}), json::array({f})));
    ASSERT_EQ(r.status, "ok") << r.error;
    EXPECT_EQ(r.trace[0]["v"], json({"deep"}));
}

TEST(BadInput, EndlessSynchronousLoopIsHang) {
    auto r = run(program(json::array({while_true(json::array({{{"op", "pass"}}}))})), 100000);
    EXPECT_EQ(r.status, "hang");
    EXPECT_NE(r.error.find("interpreter steps"), std::string::npos) << r.error;
}

TEST(BadInput, HugeValuesAreHangNotAllocations) {
    // "x" * 2**62, range(2**62) iterated, a string doubled 100 times: the
    // step budget is charged before anything is built.
    json big = c(std::int64_t(1) << 62);
    EXPECT_EQ(run(program(json::array({log({binop("*", c("x"), big)})}))).status, "hang");
    json for_range = {{"op", "for"},
                      {"target", local(0)},
                      {"iter", builtin("range", {big})},
                      {"body", json::array({{{"op", "pass"}}})}};
    EXPECT_EQ(run(program(json::array({for_range}))).status, "hang");
    json doubling = {assign(0, c("ab")), while_true(json::array({assign(0, binop("+", local(0), local(0)))}))};
    EXPECT_EQ(run(program(doubling)).status, "hang");
}

TEST(BadInput, RangeArithmeticDoesNotOverflow) {
    json r = builtin("range", {c(std::numeric_limits<std::int64_t>::min()), c(std::numeric_limits<std::int64_t>::max()),
                               c(std::int64_t(1) << 62)});
    json in = {{"op", "compare"}, {"left", c(0)}, {"ops", {"in"}}, {"comparators", json::array({r})}};
    json idx = {{"op", "index"}, {"obj", r}, {"index", c(3)}};
    auto res = run(program(json::array({log({builtin("len", {r}), in, idx})})));
    ASSERT_EQ(res.status, "ok") << res.error;
    EXPECT_EQ(res.trace[0]["v"], json({4, true, std::int64_t(1) << 62}));  // -2**63 + 3 * 2**62
}

TEST(BadInput, ListHoldingItself) {
    json make = {assign(0, {{"op", "list"}, {"items", json::array()}}), expr(method(local(0), "append", {local(0)}))};
    json eq = {{"op", "compare"}, {"left", local(0)}, {"ops", {"=="}}, {"comparators", json::array({local(0)})}};
    json body = make;
    body.push_back(log({eq}));
    auto r = run(program(body));
    ASSERT_EQ(r.status, "ok") << r.error;  // identity first, as Python
    EXPECT_EQ(r.trace[0]["v"], json({true}));
    body = make;
    body.push_back(log({local(0)}));
    r = run(program(body));
    EXPECT_EQ(r.status, "error");
    EXPECT_NE(r.error.find("nested too deeply"), std::string::npos) << r.error;
}

TEST(BadInput, DeepValueIsFreedWithoutRecursion) {
    // a = [a], 100 000 times: dropping it must not recurse once per level.
    json wrap = assign(0, {{"op", "list"}, {"items", json::array({local(0)})}});
    json count = assign(1, binop("+", local(1), c(1)));
    json loop = {
        {"op", "while"},
        {"test", {{"op", "compare"}, {"left", local(1)}, {"ops", {"<"}}, {"comparators", json::array({c(100000)})}}},
        {"body", {wrap, count}}};
    auto r = run(program(json::array({assign(0, c(0)), assign(1, c(0)), loop, log({local(1)})})));
    ASSERT_EQ(r.status, "ok") << r.error;
    EXPECT_EQ(r.trace[0]["v"], json({100000}));
}

TEST(BadInput, AbandonedFutureWithCallbacks) {
    // A pending future holding done callbacks is cancelled at cleanup (the
    // reference's future and its callbacks form a cycle; ASan builds see
    // the leak otherwise).
    json loop = {{"op", "call_api"}, {"api", "asyncio.get_running_loop"}, {"args", json::array()}};
    json body = {assign(0, method(loop, "create_future", {})),
                 expr(method(local(0), "add_done_callback", {{{"op", "builtin_ref"}, {"name", "log"}}})),
                 log({c("end")})};
    auto r = run(program(body));
    ASSERT_EQ(r.status, "ok") << r.error;
    EXPECT_EQ(r.trace.size(), 2u);
}

}  // namespace

namespace {

json api(const std::string& name, json::initializer_list_t args) {
    return json{{"op", "call_api"}, {"api", name}, {"args", json::array(args)}, {"kwargs", json::array()}};
}

TEST(BadInput, AwaitedByCyclesAreUndoneAtCleanup) {
    // future_add_to_awaited_by(f, f), and f and g awaited by each other:
    // cycles CPython's GC collects; the interpreter undoes the program's
    // edges at cleanup (ASan builds see the leak otherwise).
    json loop = api("asyncio.get_running_loop", {});
    json body = {assign(0, method(loop, "create_future", {})),
                 assign(1, method(loop, "create_future", {})),
                 expr(api("asyncio.future_add_to_awaited_by", {local(0), local(0)})),
                 expr(api("asyncio.future_add_to_awaited_by", {local(0), local(1)})),
                 expr(api("asyncio.future_add_to_awaited_by", {local(1), local(0)})),
                 log({c("end")})};
    auto r = run(program(body));
    ASSERT_EQ(r.status, "ok") << r.error;
    EXPECT_EQ(r.trace.size(), 2u);
}

}  // namespace
