// locks (Lib/asyncio/locks.py): what the spec's scenarios cannot express.
// Lock, Event, Condition, Semaphore and Barrier are checked by
// spec/scenarios/{lock,event,condition,semaphore,barrier}/ (run on the
// reference by `ctest -R '^Reference\.'`); the tests here cover a waiter
// destroyed with its loop, and one iteration count no scenario pins yet.
#include <gtest/gtest.h>

#include "asyncio/locks.hpp"
#include "support.hpp"

namespace asyncio {
namespace {

using testing::Ticker;

// condition.wait.releases-reacquires: after notify() and release(), the
// waiter resumes in the next iteration and re-acquires the free lock without
// another one. Scenario condition.wait-releases-reacquires has no ticker.
TEST(Condition, notified_waiter_reacquires_a_free_lock_without_another_iteration) {
    EventLoop loop(Clock::virtual_);
    Ticker ticker(loop);
    Condition cond;
    int at = -1;
    auto waiter = [](Condition* c, Ticker* t, int* out) -> Coro<> {
        auto guard = co_await c->scoped();
        co_await c->wait();
        *out = t->now();
    };
    auto main = [&]() -> Coro<> {
        auto w = create_task(waiter(&cond, &ticker, &at));
        co_await sleep(0);
        {
            auto guard = co_await cond.scoped();
            cond.notify();
            ticker.start();
        }  // release(): the lock is free when the waiter resumes
        co_await w;
    };
    run_until_complete(loop, main());
    // The wakeup was queued before tick 1: the waiter runs first in the next
    // iteration, holding the lock again without a further iteration.
    EXPECT_EQ(at, 0);
    EXPECT_FALSE(cond.locked());
}

// Internals: a task destroyed with its loop while blocked in acquire()
// unlinks its waiter from the lock.
TEST(Lock, waiter_destroyed_with_its_loop_unlinks_itself) {
    Lock lock;
    {
        EventLoop loop(Clock::virtual_);
        auto waiter = [](Lock* l) -> Coro<> { co_await l->acquire(); };
        auto main = [&]() -> Coro<> {
            co_await lock.acquire();
            auto w = create_task(waiter(&lock));
            co_await sleep(0);
            EXPECT_EQ(lock.waiter_count(), 1u);
        };
        run_until_complete(loop, main());
    }
    EXPECT_EQ(lock.waiter_count(), 0u);
}

}  // namespace
}  // namespace asyncio
