// Lib/asyncio/timeouts.py: Timeout, timeout(), timeout_at().
//
// `async with asyncio.timeout(d):` in C++, either with the helper
//     co_await async_with(timeout(1.0), [&](Timeout& cm) -> Coro<int> { ... });
// or by hand (an exception leaving the body is passed to aexit, which
// raises the replacement or returns false: then rethrow it yourself):
//     Timeout cm = timeout(1.0);
//     co_await cm.aenter();
//     std::exception_ptr exc;
//     try { ... } catch (...) { exc = std::current_exception(); }
//     co_await cm.aexit(exc);
//     if (exc) std::rethrow_exception(exc);
// aenter/aexit never suspend (CPython's are coroutines that never await).
#pragma once

#include <exception>
#include <optional>
#include <string>

#include "asyncio/base_events.hpp"
#include "asyncio/tasks.hpp"

namespace asyncio {

class Timeout {
public:
    // timeouts._State
    enum class State { created, entered, expiring, expired, exited };

    // Timeout(when): None (nullopt) never fires.
    explicit Timeout(std::optional<double> when) : when_(when) {}
    // Movable until entered (the armed timer refers to this object).
    Timeout(Timeout&& o) noexcept;
    Timeout(const Timeout&) = delete;
    Timeout& operator=(const Timeout&) = delete;
    ~Timeout();

    // timeout.query.when
    std::optional<double> when() const { return when_; }
    // timeout.reschedule.moves-deadline, timeout.reschedule.past-is-call-soon,
    // timeout.reschedule.only-while-entered
    void reschedule(std::optional<double> when);
    // timeout.query.expired
    bool expired() const { return state_ == State::expiring || state_ == State::expired; }
    State state() const { return state_; }
    // "<Timeout [active] when=1.0>"
    std::string repr() const;

    struct EnterAwaiter {
        Timeout* cm;
        bool await_ready() const noexcept { return true; }
        void await_suspend(std::coroutine_handle<>) const noexcept {}
        Timeout& await_resume() const {
            cm->enter();
            return *cm;
        }
    };
    struct ExitAwaiter {
        Timeout* cm;
        std::exception_ptr exc;
        bool await_ready() const noexcept { return true; }
        void await_suspend(std::coroutine_handle<>) const noexcept {}
        bool await_resume() const { return cm->exit(exc); }
    };
    // __aenter__
    EnterAwaiter aenter() { return EnterAwaiter{this}; }
    // __aexit__(exc): raises TimeoutError (from exc) or returns false (never
    // suppresses: the caller re-raises exc).
    ExitAwaiter aexit(std::exception_ptr exc) { return ExitAwaiter{this, std::move(exc)}; }

    // The synchronous bodies of __aenter__ / __aexit__.
    void enter();
    bool exit(const std::exception_ptr& exc);

private:
    void on_timeout();
    static void insert_timeout_error(BaseException* exc);

    State state_ = State::created;
    Handle timeout_handler_;
    // The task that entered it: not a strong reference, the timeout is used
    // from inside that task (a reference would make a never-finishing task
    // hold its own frame, which holds this timeout).
    TaskBase* task_ = nullptr;
    std::optional<double> when_;
    int cancelling_ = 0;
};

// timeout.create.deadline-fixed-at-call: the deadline is
// loop.time() + delay when timeout() is called; None never fires
// (timeout.create.none-never).
Timeout timeout(std::optional<double> delay);
// timeout.create.timeout-at-absolute
inline Timeout timeout_at(std::optional<double> when) { return Timeout(when); }

}  // namespace asyncio
