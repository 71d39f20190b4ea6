// Loop invariants over random schedules of call_soon/call_later
// (loop.call-soon.fifo, loop.timer.*, loop.time.monotonic).
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <algorithm>

#include "asyncio/asyncio.hpp"

namespace asyncio {
namespace {

struct Op {
    bool soon;         // call_soon, else call_later(delay)
    int delay_halves;  // delay = delay_halves / 2.0, may be <= 0
};

struct Ran {
    int index;
    double time;
    std::uint64_t iteration;
};

// Schedules `ops` from inside one callback and records what ran when.
std::vector<Ran> run_schedule(const std::vector<Op>& ops, EventLoop& loop) {
    std::vector<Ran> ran;
    loop.call_soon([&] {
        for (int i = 0; i < static_cast<int>(ops.size()); ++i) {
            auto record = [&ran, &loop, i] { ran.push_back({i, loop.time(), loop.iterations()}); };
            if (ops[static_cast<size_t>(i)].soon)
                loop.call_soon(record);
            else
                loop.call_later(ops[static_cast<size_t>(i)].delay_halves / 2.0, record);
        }
    });
    loop.call_later(100, [&] { loop.stop(); });
    loop.run_forever();
    return ran;
}

RC_GTEST_PROP(LoopProperties, every_handle_runs_once_and_call_soon_is_fifo, ()) {
    const auto ops = *rc::gen::container<std::vector<Op>>(
        rc::gen::build<Op>(rc::gen::set(&Op::soon), rc::gen::set(&Op::delay_halves, rc::gen::inRange(-4, 12))));
    EventLoop loop(Clock::virtual_);
    const auto ran = run_schedule(ops, loop);
    RC_ASSERT(ran.size() == ops.size());
    std::vector<int> soon_order;
    for (const auto& r : ran)
        if (ops[static_cast<size_t>(r.index)].soon) soon_order.push_back(r.index);
    RC_ASSERT(std::is_sorted(soon_order.begin(), soon_order.end()));
}

// loop.timer.behind-ready: a due timer never runs before a handle that was already ready.
RC_GTEST_PROP(LoopProperties, due_timers_never_overtake_ready_handles, ()) {
    const auto ops = *rc::gen::container<std::vector<Op>>(
        rc::gen::build<Op>(rc::gen::set(&Op::soon), rc::gen::set(&Op::delay_halves, rc::gen::inRange(-4, 12))));
    EventLoop loop(Clock::virtual_);
    const auto ran = run_schedule(ops, loop);
    bool timer_seen = false;
    for (const auto& r : ran) {
        if (ops[static_cast<size_t>(r.index)].soon)
            RC_ASSERT(!timer_seen);
        else
            timer_seen = true;
    }
}

// loop.time.monotonic, loop.timer.not-early, loop.timer.order-by-when: the
// virtual clock never goes backwards; a timer never runs early; timers run in
// deadline order.
RC_GTEST_PROP(LoopProperties, virtual_clock_is_monotonic_and_timers_never_early, ()) {
    const auto ops = *rc::gen::container<std::vector<Op>>(
        rc::gen::build<Op>(rc::gen::set(&Op::soon), rc::gen::set(&Op::delay_halves, rc::gen::inRange(-4, 12))));
    EventLoop loop(Clock::virtual_);
    const auto ran = run_schedule(ops, loop);
    double last_time = 0;
    double last_deadline = -1e9;
    for (const auto& r : ran) {
        RC_ASSERT(r.time >= last_time);
        last_time = r.time;
        const Op& op = ops[static_cast<size_t>(r.index)];
        if (!op.soon) {
            const double deadline = op.delay_halves / 2.0;
            RC_ASSERT(r.time >= deadline);
            RC_ASSERT(deadline >= last_deadline);
            last_deadline = deadline;
        }
    }
}

// An empty loop terminates: stop() after the last callback ends run_forever.
RC_GTEST_PROP(LoopProperties, empty_loop_terminates, (unsigned n)) {
    EventLoop loop(Clock::virtual_);
    const unsigned count = n % 64;
    unsigned seen = 0;
    for (unsigned i = 0; i < count; ++i) loop.call_soon([&] { ++seen; });
    loop.call_soon([&] { loop.stop(); });
    loop.run_forever();
    RC_ASSERT(seen == count);
    RC_ASSERT(loop.ready_count() == 0u);
}

}  // namespace
}  // namespace asyncio
