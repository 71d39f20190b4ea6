// Lib/asyncio/tasks.py (3.13): shield.
#pragma once

#include <utility>

#include "asyncio/awaitables.hpp"

namespace asyncio {

// asyncio.shield(aw).
// shield.done.returns-same-object: a done inner comes back as is.
// shield.args.coroutine-wrapped: a coroutine becomes a task.
// shield.outer.copies-outcome, shield.outer.inner-cancel-cancels-outer,
// shield.outer.plain-future, shield.cancel.inner-keeps-running,
// shield.cancel.race-with-completion, shield.timing.two-iterations.
// Notes of shield.cancel.race-with-completion (<= 3.13): an inner failing
// after the outer was cancelled is marked retrieved silently.
template <class A>
AnyFuture<awaitable_result_t<A>> shield(A&& arg) {
    using T = awaitable_result_t<A>;
    AnyFuture<T> inner = ensure_future(std::forward<A>(arg));
    if (inner.done()) return inner;
    Future<T> outer = create_future<T>(inner.get_loop());
    const void* id = outer.base();  // identifies _inner_done_callback
    // graph.awaited-by.combinators: the inner is awaited by the calling task
    // until it completes (_clear_awaited_by_callback, kept when the outer is cancelled).
    if (TaskBase* cur_task = inner.get_loop().current_task()) {
        inner.base()->add_awaited_by(cur_task);
        inner.base()->add_done_callback([cur_task](FutureBase& in) { in.discard_awaited_by(cur_task); });
    }
    inner.base()->add_done_callback(
        [outer, slot = inner.slot()](FutureBase& in) {
            if (outer.cancelled()) {
                if (!in.cancelled()) in.mark_retrieved();
                return;
            }
            if (in.cancelled()) {
                outer.base()->cancel();  // without the inner's message
            } else if (std::exception_ptr exc = in.exception()) {
                outer.set_exception(exc);
            } else {
                if constexpr (std::is_void_v<T>)
                    outer.set_result();
                else
                    outer.set_result(slot->get());
            }
        },
        id);
    outer.base()->add_done_callback([inner, id](FutureBase&) {
        if (!inner.done()) inner.remove_done_callback(id);
    });
    return AnyFuture<T>(outer);
}

}  // namespace asyncio
