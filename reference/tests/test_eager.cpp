// Eager tasks (Lib/asyncio/tasks.py: eager_task_factory): what the spec's
// scenarios cannot express. The eager first step, ordering, names, current
// task, callbacks, factories, and eager children of gather and TaskGroup are
// checked by spec/scenarios/eager/ (run on the reference by
// `ctest -R '^Reference\.'`); the test here checks a rule no scenario
// checks yet.
#include <gtest/gtest.h>

#include "support.hpp"

namespace asyncio {
namespace {

// eager.start.exception-stored covers Exceptions only: a KeyboardInterrupt
// raised in the eager first step escapes create_task itself. A scenario
// could show it.
TEST(Eager, keyboard_interrupt_in_the_eager_step_escapes_create_task) {
    EventLoop loop(Clock::virtual_);
    std::string seen;
    auto child = []() -> Coro<> {
        if (true) throw KeyboardInterrupt();
        co_return;
    };
    auto main = [&]() -> Coro<> {
        loop.set_task_factory(eager_task_factory);
        try {
            create_task(child());
        } catch (const KeyboardInterrupt& e) {
            seen = e.repr();
        }
        co_return;
    };
    run_until_complete(loop, main());
    EXPECT_EQ(seen, "KeyboardInterrupt()");
}

}  // namespace
}  // namespace asyncio
