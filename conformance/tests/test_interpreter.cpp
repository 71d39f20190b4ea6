// The interpreter on the reference adapter, on hand-written IR documents.
#include <gtest/gtest.h>

#include "asyncspec/interpreter.hpp"
#include "reference_interpreter.hpp"

using asyncspec::json;

namespace {

json classes() {
    return json::parse(R"([
      {"name": "BaseException", "bases": [], "origin": "builtin"},
      {"name": "Exception", "bases": ["BaseException"], "origin": "builtin"},
      {"name": "RuntimeError", "bases": ["Exception"], "origin": "builtin"},
      {"name": "TypeError", "bases": ["Exception"], "origin": "builtin"},
      {"name": "ValueError", "bases": ["Exception"], "origin": "builtin"},
      {"name": "ZeroDivisionError", "bases": ["Exception"], "origin": "builtin"},
      {"name": "OverflowError", "bases": ["Exception"], "origin": "builtin"},
      {"name": "IndexError", "bases": ["Exception"], "origin": "builtin"},
      {"name": "AttributeError", "bases": ["Exception"], "origin": "builtin"},
      {"name": "NameError", "bases": ["Exception"], "origin": "builtin"},
      {"name": "UnboundLocalError", "bases": ["NameError"], "origin": "builtin"},
      {"name": "CancelledError", "bases": ["BaseException"], "origin": "asyncio"},
      {"name": "InvalidStateError", "bases": ["Exception"], "origin": "asyncio"},
      {"name": "Boom", "bases": ["Exception"], "origin": "scenario", "line": 1}
    ])");
}

json program(json main_body, json functions = json::array()) {
    functions.push_back(json{{"name", "main"},
                             {"line", 1},
                             {"is_async", true},
                             {"params", json::array()},
                             {"nlocals", 4},
                             {"local_names", {"a", "b", "c", "d"}},
                             {"body", main_body}});
    return json{{"ir_version", 1},          {"file", "t.py"},         {"meta", json::object()}, {"classes", classes()},
                {"globals", json::array()}, {"functions", functions}, {"main", "main"}};
}

json c(json v) {
    std::string type = v.is_string()         ? "str"
                       : v.is_boolean()      ? "bool"
                       : v.is_number_float() ? "float"
                       : v.is_null()         ? "none"
                                             : "int";
    return json{{"op", "const"}, {"type", type}, {"value", v}};
}
json log(json::initializer_list_t items, int line = 1) {
    json args = json::array(items);
    return json{{"op", "expr"}, {"value", {{"op", "log"}, {"args", args}, {"line", line}}}};
}

asyncspec::RunResult run(const json& ir) { return asyncspec::Interpreter<asyncspec::ReferenceAdapter>::run(ir); }

TEST(Interpreter, LogAndReturn) {
    auto r = run(program(json::array(
        {log({c("x"), c(1), c(2.5), c(true), c(nullptr)}), json{{"op", "return"}, {"value", c(7)}, {"line", 2}}})));
    ASSERT_EQ(r.status, "ok") << r.error;
    ASSERT_EQ(r.trace.size(), 2u);
    EXPECT_EQ(r.trace[0]["v"], json({"x", 1, 2.5, true, nullptr}));
    EXPECT_EQ(r.trace[1]["end"], "return");
    EXPECT_EQ(r.trace[1]["value"], 7);
}

TEST(Interpreter, SleepAdvancesVirtualTime) {
    json sleep = {{"op", "expr"},
                  {"value",
                   {{"op", "await"},
                    {"value",
                     {{"op", "call_api"},
                      {"api", "asyncio.sleep"},
                      {"args", json::array({c(1.5)})},
                      {"kwargs", json::array()}}}}}};
    auto r = run(program(json::array({sleep, log({c("after")})})));
    ASSERT_EQ(r.status, "ok") << r.error;
    EXPECT_DOUBLE_EQ(r.trace[0]["t"].get<double>(), 1.5);
}

TEST(Interpreter, RaiseCatchWithArgs) {
    json raise = {
        {"op", "raise"}, {"exc", {{"op", "new_exc"}, {"class", "Boom"}, {"args", json::array({c(1)})}}}, {"line", 3}};
    json tr = {{"op", "try"},
               {"body", json::array({raise})},
               {"handlers",
                {{{"types", {"Boom"}},
                  {"target", {{"op", "local"}, {"slot", 0}, {"name", "a"}}},
                  {"line", 4},
                  {"body", json::array({log({c("caught"), {{"op", "local"}, {"slot", 0}, {"name", "a"}}})})}}}},
               {"orelse", json::array()},
               {"finalbody", json::array({log({c("finally")})})},
               {"line", 2}};
    auto r = run(program(
        json::array({tr,
                     {{"op", "raise"},
                      {"exc", {{"op", "new_exc"}, {"class", "ZeroDivisionError"}, {"args", json::array({c(1)})}}},
                      {"line", 5}}})));
    ASSERT_EQ(r.status, "ok") << r.error;
    ASSERT_EQ(r.trace.size(), 3u);
    EXPECT_EQ(r.trace[0]["v"][1], json({{"exc", "Boom"}, {"args", {1}}}));
    EXPECT_EQ(r.trace[2]["exc"], json({{"exc", "ZeroDivisionError"}}));
}

TEST(Interpreter, UnrenderableValueIsError) {
    auto r = run(program(
        json::array({log({{{"op", "call_api"}, {"api", "asyncio.get_running_loop"}, {"args", json::array()}}})})));
    EXPECT_EQ(r.status, "error");
}

TEST(Interpreter, EndlessLoopIsHang) {
    json body = json::parse(R"({"op": "while", "line": 1, "test": {"op": "const", "type": "bool", "value": true},
      "body": [{"op": "expr", "value": {"op": "await", "value":
         {"op": "call_api", "api": "asyncio.sleep", "args": [{"op": "const", "type": "int", "value": 0}]}}}]})");
    asyncspec::RunLimits limits;
    limits.max_iterations = 5000;
    auto r = asyncspec::Interpreter<asyncspec::ReferenceAdapter>::run(program(json::array({body})), limits);
    EXPECT_EQ(r.status, "hang") << r.error;
}

// Statements that finish without suspending return to their awaiter before
// the next one starts (eval.hpp's trampoline): a long synchronous loop runs in
// constant stack, also under ASan where g++ does not make symmetric transfer
// a tail call (this loop overflowed an 8 MiB stack before).
TEST(Interpreter, LongSynchronousLoopUsesConstantStack) {
    json a = {{"op", "local"}, {"slot", 0}, {"name", "a"}};
    json body = json::array(
        {{{"op", "assign"}, {"target", a}, {"value", c(0)}, {"line", 1}},
         {{"op", "while"},
          {"test", {{"op", "compare"}, {"left", a}, {"ops", {"<"}}, {"comparators", json::array({c(50000)})}}},
          {"body", {{{"op", "augassign"}, {"target", a}, {"operator", "+"}, {"value", c(1)}, {"line", 3}}}},
          {"line", 2}},
         log({a}, 4)});
    auto r = run(program(body));
    ASSERT_EQ(r.status, "ok") << r.error;
    EXPECT_EQ(r.trace[0]["v"], json({50000}));
}

// A hang keeps the events logged before it (the differential tester compares
// them when both sides deadlocked).
TEST(Interpreter, DeadlockKeepsTheEventsBeforeIt) {
    json never = {{"op", "expr"},
                  {"value",
                   {{"op", "await"},
                    {"value",
                     {{"op", "call_method"},
                      {"obj", {{"op", "call_api"}, {"api", "asyncio.get_running_loop"}, {"args", json::array()}}},
                      {"method", "create_future"},
                      {"args", json::array()},
                      {"kwargs", json::array()}}}}},
                  {"line", 3}};
    auto r = run(program(json::array({log({c("before")}, 2), never})));
    ASSERT_EQ(r.status, "hang") << r.error;
    ASSERT_EQ(r.trace.size(), 1u);
    EXPECT_EQ(r.trace[0]["v"], json({"before"}));
}

TEST(Interpreter, BadVersionIsError) {
    json ir = program(json::array());
    ir["ir_version"] = 99;
    EXPECT_EQ(run(ir).status, "error");
}

}  // namespace
