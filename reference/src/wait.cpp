// Lib/asyncio/tasks.py (3.13): _cancel_and_wait.
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

}  // namespace asyncio::detail
