// Lib/asyncio/tasks.py (3.13): wait, wait_for, and their helpers
// (_wait, _release_waiter, _cancel_and_wait).
#pragma once

#include <cstdint>
#include <exception>
#include <optional>
#include <unordered_set>
#include <utility>
#include <vector>

#include "asyncio/awaitables.hpp"
#include "asyncio/timeouts.hpp"

namespace asyncio {

// asyncio.FIRST_COMPLETED / FIRST_EXCEPTION / ALL_COMPLETED.
enum class ReturnWhen : std::uint8_t { FIRST_COMPLETED, FIRST_EXCEPTION, ALL_COMPLETED };
inline constexpr ReturnWhen FIRST_COMPLETED = ReturnWhen::FIRST_COMPLETED;
inline constexpr ReturnWhen FIRST_EXCEPTION = ReturnWhen::FIRST_EXCEPTION;
inline constexpr ReturnWhen ALL_COMPLETED = ReturnWhen::ALL_COMPLETED;

// wait()'s (done, pending). CPython returns sets (hash order); the reference
// keeps the inputs' order (first occurrence).
template <class X>
struct WaitResult {
    std::vector<X> done;
    std::vector<X> pending;
};

namespace detail {

// _wait's waiter future, which also carries _on_completion's state: one
// allocation per wait(); callbacks hold a reference, so one scheduled after
// wait() returned is harmless.
class WaitWaiter final : public FutureBase {
public:
    WaitWaiter(EventLoop& loop, std::size_t counter, ReturnWhen rw) : FutureBase(loop), counter_(counter), rw_(rw) {}
    // _release_waiter
    void release() {
        if (!done()) finish(nullptr);
    }
    // _on_completion(f)
    void on_completion(FutureBase& f) {
        --counter_;
        if (cur_task) f.discard_awaited_by(cur_task);
        if (counter_ == 0 || rw_ == ReturnWhen::FIRST_COMPLETED ||
            (rw_ == ReturnWhen::FIRST_EXCEPTION && !f.cancelled() && f.exception() != nullptr)) {
            timeout_handle.cancel();
            release();
        }
    }
    TimerHandle timeout_handle;
    // graph.awaited-by.combinators: each future is awaited by the calling
    // task until it completes (one still pending when wait() returns stays so).
    FutureBase* cur_task = nullptr;

    static void* operator new(std::size_t n) { return Pool::allocate(n); }
    static void operator delete(void* p, std::size_t n) { Pool::deallocate(p, n); }

protected:
    void destroy_self() noexcept override { delete this; }

private:
    std::size_t counter_;
    ReturnWhen rw_;
};

// The distinct inputs, in order (set(fs)).
template <class X>
std::vector<X> distinct(const std::vector<X>& fs) {
    std::vector<X> out;
    out.reserve(fs.size());
    std::unordered_set<FutureBase*> seen;
    for (const X& f : fs)
        if (seen.insert(f.base()).second) out.push_back(f);
    return out;
}

// _cancel_and_wait(fut): cancel it and wait until it is done.
Coro<> cancel_and_wait(FutureBase* fut);

// wait_for(aw, timeout > 0) of 3.11 (Profile::wait_for_is_timeout false),
// once the input is a future or task (ensure_future): waited for through a
// waiter future released by its done callback or by a call_later handle:
// wait_for.coroutine.task-identity (a coroutine runs in a new task),
// wait_for.timing.iterations (two iterations after the inner's last step),
// wait_for.cancel.race-with-completion (a caller cancelled when the inner is
// done returns its result: the cancel is lost),
// wait_for.cancel.caller-cancel-cancels-inner (the inner is cancelled
// without the caller's message). Returns when wait_for returns fut.result();
// raises the caller's CancelledError, or TimeoutError when the inner ended
// cancelled. Out of line: the 3.12+ path stays small.
Coro<> wait_for_waiter(FutureBase* fut, double timeout);

}  // namespace detail

// asyncio.wait(fs, timeout=None, return_when=ALL_COMPLETED), for tasks,
// futures and AnyFutures (coroutines are refused at compile time, CPython's
// TypeError).
// wait.args.rejects-bad-input: empty -> ValueError, bad return_when ->
// ValueError (raised when awaited).
// wait.result.done-pending-sets, wait.return-when.*,
// wait.result.split-after-wake, wait.timeout.returns-pending,
// wait.never-cancels, wait.timing.two-iterations,
// wait.timing.always-suspends (even if everything is done).
template <class X>
Coro<WaitResult<X>> wait(std::vector<X> fs, std::optional<double> timeout = std::nullopt,
                         ReturnWhen return_when = ALL_COMPLETED) {
    static_assert(!detail::is_coro_v<X>, "Passing coroutines is forbidden, use tasks explicitly.");
    if (fs.empty()) throw ValueError("Set of Tasks/Futures is empty.");
    if (return_when != FIRST_COMPLETED && return_when != FIRST_EXCEPTION && return_when != ALL_COMPLETED)
        throw ValueError("Invalid return_when value");
    std::vector<X> set = detail::distinct(fs);
    EventLoop& loop = get_running_loop();
    detail::Ref<detail::WaitWaiter> waiter(new detail::WaitWaiter(loop, set.size(), return_when));
    if (timeout) waiter->timeout_handle = loop.call_later(*timeout, [w = waiter] { w->release(); });
    waiter->cur_task = loop.current_task();
    for (const X& f : set) {
        f.base()->add_done_callback([w = waiter](FutureBase& done) { w->on_completion(done); }, waiter.get());
        if (waiter->cur_task) f.base()->add_awaited_by(waiter->cur_task);
    }
    std::exception_ptr exc;
    try {
        co_await detail::BaseAwaiter{waiter.get()};
    } catch (...) {
        exc = std::current_exception();
    }
    waiter->timeout_handle.cancel();
    for (const X& f : set) f.base()->remove_done_callback(waiter.get());
    if (exc) std::rethrow_exception(exc);
    WaitResult<X> result;
    for (const X& f : set) (f.base()->done() ? result.done : result.pending).push_back(f);
    co_return result;
}

// asyncio.wait_for(aw, timeout) (3.12+: built on timeout(); 3.11: detail::wait_for_waiter).
// wait_for.timeout-none.plain-await, wait_for.result.before-deadline,
// wait_for.error.inner-exception, wait_for.timeout.cancels-and-raises,
// wait_for.timeout.cancel-suppressed-returns,
// wait_for.timeout.inner-raises-propagates (3.13 context),
// wait_for.coroutine.task-identity (3.12+: a coroutine runs in the caller's task),
// wait_for.cancel.caller-cancel-cancels-inner, wait_for.cancel.race-with-completion,
// wait_for.timing.iterations.
template <class A>
Coro<awaitable_result_t<A>> wait_for(A aw, std::optional<double> timeout) {
    using T = awaitable_result_t<A>;
    // wait_for.timeout-zero.done-or-cancel: a coroutine becomes a task
    // that is cancelled before its first step.
    if (timeout && *timeout <= 0) {
        AnyFuture<T> fut = ensure_future(std::move(aw));
        if (fut.done()) co_return fut.result();
        co_await detail::cancel_and_wait(fut.base());
        std::exception_ptr cancelled;
        try {
            co_return fut.result();
        } catch (const CancelledError&) {
            cancelled = std::current_exception();
        }
        TimeoutError te;  // raise TimeoutError from exc
        te.cause = cancelled;
        te.context = cancelled;
        throw te;
    }
    // wait_for.coroutine.task-identity, wait_for.timing.iterations,
    // wait_for.cancel.*: 3.12+ is `async with timeout(t): return await aw`
    // (Profile::wait_for_is_timeout); 3.11 a waiter future.
    if (timeout && !get_running_loop().profile().wait_for_is_timeout()) {
        AnyFuture<T> fut = ensure_future(std::move(aw));
        co_await detail::wait_for_waiter(fut.base(), *timeout);
        co_return fut.result();
    }
    Timeout cm = asyncio::timeout(timeout);
    co_await cm.aenter();
    std::exception_ptr exc;
    if constexpr (std::is_void_v<T>) {
        try {
            co_await std::move(aw);
        } catch (...) {
            exc = std::current_exception();
        }
        co_await cm.aexit(exc);
        if (exc) std::rethrow_exception(exc);
    } else {
        std::optional<T> result;
        try {
            result.emplace(co_await std::move(aw));
        } catch (...) {
            exc = std::current_exception();
        }
        co_await cm.aexit(exc);
        if (exc) std::rethrow_exception(exc);
        co_return std::move(*result);
    }
}

}  // namespace asyncio
