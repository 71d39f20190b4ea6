// Lib/asyncio/tasks.py (3.13): _cancel_and_wait; 3.11's wait_for.
#include "asyncio/wait.hpp"

namespace asyncio::detail {

Coro<> cancel_and_wait(FutureBase* fut) {
    EventLoop& loop = get_running_loop();
    Future<> waiter = create_future<>(loop);
    const void* id = waiter.base();
    fut->add_done_callback(
        [waiter](FutureBase&) {
            if (!waiter.done()) waiter.set_result();  // _release_waiter
        },
        id);
    std::exception_ptr exc;
    try {
        fut->cancel();
        co_await waiter;
    } catch (...) {
        exc = std::current_exception();
    }
    fut->remove_done_callback(id);
    if (exc) std::rethrow_exception(exc);
}

Coro<> wait_for_waiter(FutureBase* fut, double timeout) {
    EventLoop& loop = get_running_loop();
    Future<> waiter = create_future<>(loop);
    auto release = [waiter] {
        if (!waiter.done()) waiter.set_result();  // _release_waiter
    };
    struct CancelTimer {  // finally: timeout_handle.cancel()
        TimerHandle h;
        ~CancelTimer() { h.cancel(); }
    } timer{loop.call_later(timeout, release)};
    const void* id = waiter.base();
    fut->add_done_callback([release](FutureBase&) { release(); }, id);
    std::exception_ptr cancelled;
    try {
        co_await waiter;
    } catch (const CancelledError&) {
        cancelled = std::current_exception();
    }
    if (fut->done()) co_return;  // return fut.result()
    fut->remove_done_callback(id);
    co_await cancel_and_wait(fut);
    if (cancelled) std::rethrow_exception(cancelled);
    if (!fut->cancelled()) co_return;  // return fut.result()
    TimeoutError te;                   // raise TimeoutError from exc
    te.cause = fut->make_cancelled_error();
    te.context = te.cause;
    throw te;
}

}  // namespace asyncio::detail
