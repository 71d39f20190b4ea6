// gather (Lib/asyncio/tasks.py): what the spec's scenarios cannot express.
// gather's results, errors, cancellation and iteration counts are checked
// by spec/scenarios/gather/ (run on the reference by
// `ctest -R '^Reference\.'`, through gather of a vector of futures); the
// tests here cover the other C++ forms: a vector of coroutines, the
// variadic form (a tuple, std::monostate for void) and its empty case.
#include <gtest/gtest.h>

#include <tuple>
#include <type_traits>
#include <variant>

#include "support.hpp"

namespace asyncio {
namespace {

using V = std::vector<std::string>;

// C++ API: gather(std::vector<Coro<T>>) wraps the coroutines in tasks in
// order and gives a std::vector<T> (gather.args.tasks-created-in-order).
TEST(Gather, vector_of_coroutines_gives_a_vector_of_results) {
    EventLoop loop(Clock::virtual_);
    V seen;
    auto child = [&](int i) -> Coro<int> {
        seen.push_back(current_task()->get_name() + ":" + std::to_string(i));
        co_return i;
    };
    auto main = [&]() -> Coro<> {
        std::vector<Coro<int>> cs;
        for (int i = 0; i < 3; ++i) cs.push_back(child(i));
        auto r = co_await gather(std::move(cs));
        EXPECT_EQ(r, (std::vector<int>{0, 1, 2}));
    };
    run_until_complete(loop, main());
    EXPECT_EQ(seen, (V{"Task-2:0", "Task-3:1", "Task-4:2"}));
}

// C++ API: gather() with no arguments and gather of an empty vector are done
// at once (gather.empty.done-empty-list).
TEST(Gather, empty_gathers_are_done_at_once) {
    EventLoop loop(Clock::virtual_);
    auto main = [&]() -> Coro<> {
        auto g = gather();
        EXPECT_TRUE(g.done());
        co_await g;
        auto v = gather(std::vector<Task<int>>{});
        EXPECT_TRUE(v.done());
        EXPECT_TRUE((co_await v).empty());
    };
    run_until_complete(loop, main());
}

// C++ API: the variadic form gives a tuple; void children give std::monostate.
TEST(Gather, void_children_give_monostate) {
    EventLoop loop(Clock::virtual_);
    int n = 0;
    auto child = [&]() -> Coro<> {
        ++n;
        co_return;
    };
    auto main = [&]() -> Coro<> {
        auto r = co_await gather(child(), child());
        static_assert(std::is_same_v<decltype(r), std::tuple<std::monostate, std::monostate>>);
    };
    run_until_complete(loop, main());
    EXPECT_EQ(n, 2);
}

}  // namespace
}  // namespace asyncio
