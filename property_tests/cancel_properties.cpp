// Cancellation algebra, model-based: random command sequences (cancel(msg),
// uncancel, loop iterations, resolving the awaited future, the coroutine's
// policy: suspend on a future or in sleep(0), swallow or re-raise, finish)
// applied to a reference Task and to a small model of CPython 3.13's
// Task.cancel/uncancel/__step/__wakeup (Lib/asyncio/tasks.py). Every
// observable (cancel()'s and uncancel()'s results, cancelling(), done(),
// cancelled(), the result, the awaited future's state, what the coroutine
// saw and with which message) agrees after every command.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "asyncio/asyncio.hpp"

namespace asyncio {
namespace {

enum class Cmd { cancel, uncancel, step, resolve, mode_future, mode_yield, swallow, reraise, finish };

struct Command {
    Cmd cmd;
    int msg;  // cancel: 0 = no message, else "m<msg>"
};

std::optional<std::string> message_of(int m) {
    if (m == 0) return std::nullopt;
    return "m" + std::to_string(m);
}

std::string show(const std::optional<std::string>& m) { return m ? *m : "-"; }

// What the coroutine does, read at each suspension / delivery (shared by the
// reference coroutine and the model).
struct Policy {
    bool on_future = true;  // suspend on a fresh future, else sleep(0)
    bool swallow = false;   // catch CancelledError and go on
    bool finish = false;    // return 42 at the next resumption
};

// ---- the model: CPython 3.13's Task, one task, a FIFO ready queue -------------
struct Model {
    enum class Wait { ready, future, none };
    enum class Fut { none, pending, finished, cancelled };
    bool started = false, done = false, cancelled = false;
    int num_cancels = 0;
    bool must_cancel = false;
    std::optional<std::string> cancel_msg;
    Wait wait = Wait::ready;  // create_task: the first step is call_soon'd
    Fut fut = Fut::none;
    std::optional<std::string> fut_msg;
    int result = -1;
    std::vector<std::string> log;

    // cancel.done-returns-false, cancel.pending-returns-true,
    // cancel.forwarded-to-future, cancel.multiple.one-error
    bool cancel(std::optional<std::string> msg) {
        if (done) return false;
        ++num_cancels;
        if (wait == Wait::future && fut == Fut::pending) {  // _fut_waiter.cancel(msg) succeeded
            fut = Fut::cancelled;
            fut_msg = msg;
            return true;
        }
        must_cancel = true;
        cancel_msg = std::move(msg);
        return true;
    }
    // cancel.uncancel.count, cancel.uncancel.pending-cancel
    int uncancel() {
        if (num_cancels > 0) {
            --num_cancels;
            if (num_cancels == 0) must_cancel = false;
        }
        return num_cancels;
    }
    void resolve() {
        if (wait == Wait::future && fut == Fut::pending) fut = Fut::finished;
    }
    // One loop iteration: the task's step runs if it is queued (a sleep(0)
    // step, or the wakeup of a future that is done).
    void step(const Policy& p) {
        if (done) return;
        const bool runnable = wait == Wait::ready || (wait == Wait::future && fut != Fut::pending);
        if (!runnable) return;
        std::optional<std::optional<std::string>> exc;                     // a CancelledError and its message
        if (wait == Wait::future && fut == Fut::cancelled) exc = fut_msg;  // __wakeup: future.result() raises
        if (must_cancel) {                                                 // __step
            if (!exc) exc = cancel_msg;
            must_cancel = false;
        }
        wait = Wait::none;
        if (!started) {
            started = true;
            if (exc) {  // cancel.before-first-step: thrown into the unstarted coroutine
                done = cancelled = true;
                return;
            }
            log.push_back("start");
        } else if (exc) {
            log.push_back("cancelled " + show(*exc));
            if (!p.swallow) {  // the CancelledError leaves the coroutine
                done = cancelled = true;
                return;
            }
        } else {
            log.push_back("resume");
        }
        if (started && p.finish && log.back() != "start") {
            done = true;
            result = 42;
            return;
        }
        if (p.on_future) {
            wait = Wait::future;
            fut = Fut::pending;
            fut_msg.reset();
        } else {
            wait = Wait::ready;
        }
    }
};

// ---- the reference side ----------------------------------------------------------
struct Shared {
    Policy policy;
    std::optional<Future<int>> fut;
    std::vector<std::string> log;
};

Coro<int> body(EventLoop& loop, Shared& sh) {
    sh.log.push_back("start");
    for (;;) {
        try {
            if (sh.policy.on_future) {
                sh.fut = create_future<int>(loop);
                co_await *sh.fut;
            } else {
                co_await sleep(0);
            }
            sh.log.push_back("resume");
        } catch (const CancelledError& e) {
            sh.log.push_back("cancelled " + (e.args.empty() ? std::string("-") : e.args.front()));
            if (!sh.policy.swallow) throw;
        }
        if (sh.policy.finish) co_return 42;
    }
}

void one_iteration(EventLoop& loop) {
    loop.call_soon([&loop] { loop.stop(); });
    loop.run_forever();
}

std::string fut_state(const Shared& sh) {
    if (!sh.fut) return "none";
    if (sh.fut->cancelled()) return "cancelled";
    return sh.fut->done() ? "finished" : "pending";
}
std::string fut_state(const Model& m) {
    switch (m.fut) {
        case Model::Fut::none:
            return "none";
        case Model::Fut::pending:
            return "pending";
        case Model::Fut::finished:
            return "finished";
        case Model::Fut::cancelled:
            return "cancelled";
    }
    return "?";
}

rc::Gen<Command> gen_command() {
    return rc::gen::build<Command>(rc::gen::set(&Command::cmd, rc::gen::weightedElement<Cmd>({{6, Cmd::cancel},
                                                                                              {3, Cmd::uncancel},
                                                                                              {8, Cmd::step},
                                                                                              {3, Cmd::resolve},
                                                                                              {1, Cmd::mode_future},
                                                                                              {1, Cmd::mode_yield},
                                                                                              {2, Cmd::swallow},
                                                                                              {2, Cmd::reraise},
                                                                                              {1, Cmd::finish}})),
                                   rc::gen::set(&Command::msg, rc::gen::inRange(0, 4)));
}

const char* name(Cmd c) {
    switch (c) {
        case Cmd::cancel:
            return "cancel";
        case Cmd::uncancel:
            return "uncancel";
        case Cmd::step:
            return "step";
        case Cmd::resolve:
            return "resolve";
        case Cmd::mode_future:
            return "mode_future";
        case Cmd::mode_yield:
            return "mode_yield";
        case Cmd::swallow:
            return "swallow";
        case Cmd::reraise:
            return "reraise";
        case Cmd::finish:
            return "finish";
    }
    return "?";
}

// cancel.* (spec/clauses/cancel.toml): the reference agrees with the 3.13
// model after every command of a random sequence.
RC_GTEST_PROP(CancelAlgebra, reference_agrees_with_the_313_model, ()) {
    const auto cmds = *rc::gen::container<std::vector<Command>>(gen_command());
    EventLoop loop(Clock::virtual_);
    Shared sh;
    Model m;
    Policy& p = sh.policy;
    Task<int> t = create_task(loop, body(loop, sh));
    int delivered = 0;
    for (const Command& c : cmds) {
        RC_LOG() << name(c.cmd) << " " << c.msg << "\n";
        switch (c.cmd) {
            case Cmd::cancel: {
                const bool was_done = t.done();
                const int before = t.cancelling();
                const bool r = t.cancel(message_of(c.msg));
                RC_ASSERT(r == m.cancel(message_of(c.msg)));
                if (was_done) {  // cancel.done-returns-false: changes nothing
                    RC_ASSERT(!r);
                    RC_ASSERT(t.cancelling() == before);
                }
                break;
            }
            case Cmd::uncancel: {
                const int r = t.uncancel();
                RC_ASSERT(r == m.uncancel());
                RC_ASSERT(r >= 0);
                break;
            }
            case Cmd::step:
                one_iteration(loop);
                m.step(p);
                break;
            case Cmd::resolve:
                if (sh.fut && !sh.fut->done() && !t.done()) sh.fut->set_result(c.msg);
                m.resolve();
                break;
            case Cmd::mode_future:
                p.on_future = true;
                break;
            case Cmd::mode_yield:
                p.on_future = false;
                break;
            case Cmd::swallow:
                p.swallow = true;
                break;
            case Cmd::reraise:
                p.swallow = false;
                break;
            case Cmd::finish:
                p.finish = true;
                break;
        }
        RC_ASSERT(t.cancelling() == m.num_cancels);
        RC_ASSERT(t.cancelling() >= 0);
        RC_ASSERT(t.done() == m.done);
        RC_ASSERT(t.cancelled() == m.cancelled);
        RC_ASSERT(sh.log == m.log);
        if (m.fut != Model::Fut::none || sh.fut) RC_ASSERT(fut_state(sh) == fut_state(m));
        if (t.done() && !t.cancelled()) RC_ASSERT(t.result() == m.result);
        // one CancelledError per delivery: never more deliveries than cancel() calls
        int now_delivered = 0;
        for (const auto& e : sh.log) now_delivered += e.rfind("cancelled", 0) == 0;
        RC_ASSERT(now_delivered >= delivered);
        delivered = now_delivered;
    }
    // run out: finish the coroutine (it may be suspended on a future)
    p.finish = true;
    p.swallow = false;
    for (int i = 0; i < 4 && !t.done(); ++i) {
        if (sh.fut && !sh.fut->done()) sh.fut->set_result(0);
        one_iteration(loop);
    }
    RC_ASSERT(t.done());
}

// cancel.multiple.one-error: n cancels while suspended on a future deliver one
// CancelledError carrying the FIRST message; with the step already queued
// (sleep(0)) the LAST message.
RC_GTEST_PROP(CancelAlgebra, several_cancels_one_delivery_message_rule, (bool on_future)) {
    const int n = *rc::gen::inRange(1, 6);
    EventLoop loop(Clock::virtual_);
    Shared sh;
    sh.policy.on_future = on_future;
    sh.policy.swallow = true;
    sh.policy.finish = true;
    Task<int> t = create_task(loop, body(loop, sh));
    one_iteration(loop);  // started, suspended
    for (int i = 1; i <= n; ++i) RC_ASSERT(t.cancel("m" + std::to_string(i)));
    RC_ASSERT(t.cancelling() == n);
    one_iteration(loop);
    const std::string want = on_future ? "cancelled m1" : "cancelled m" + std::to_string(n);
    RC_ASSERT(sh.log == (std::vector<std::string>{"start", want}));
    RC_ASSERT(t.done());
    RC_ASSERT(!t.cancelled());
    RC_ASSERT(t.result() == 42);
    RC_ASSERT(t.cancelling() == n);  // cancel.swallowed: the count stays
}

// cancel.uncancel.pending-cancel: uncancel() down to 0 withdraws a cancel whose
// delivery is still pending (step queued); not one already handed to a future.
RC_GTEST_PROP(CancelAlgebra, uncancel_to_zero_clears_a_pending_cancel, (bool on_future)) {
    const int n = *rc::gen::inRange(1, 5);
    EventLoop loop(Clock::virtual_);
    Shared sh;
    sh.policy.on_future = on_future;
    sh.policy.finish = true;
    Task<int> t = create_task(loop, body(loop, sh));
    one_iteration(loop);
    for (int i = 0; i < n; ++i) t.cancel();
    for (int i = n - 1; i >= 0; --i) RC_ASSERT(t.uncancel() == i);
    RC_ASSERT(t.uncancel() == 0);                   // never below zero
    if (on_future) RC_ASSERT(sh.fut->cancelled());  // cancel.forwarded-to-future: uncancel cannot undo it
    one_iteration(loop);
    RC_ASSERT(t.done());
    RC_ASSERT(t.cancelled() == on_future);
}

}  // namespace
}  // namespace asyncio
