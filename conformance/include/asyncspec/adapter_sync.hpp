// Optional adapter capabilities of the synchronisation family (locks.py,
// queues.py, threads.py): Lock, Event, Condition, Semaphore/BoundedSemaphore,
// Barrier, Queue/LifoQueue/PriorityQueue (+ 3.13 shutdown), to_thread,
// run_coroutine_threadsafe, call_soon_threadsafe. The interpreter
// (interp_sync.hpp) uses each group only if the adapter has all of it;
// otherwise the API raises AttributeError, and the adapter must not declare
// the feature (its scenarios SKIP).
//
// Handles are copyable shared handles (the interpreter keeps one per Python
// object; `x` below). "awaitable" means: something an Eval coroutine can
// co_await (symmetric transfer / the implementation's suspension), resuming
// with the documented type and raising like the Python coroutine would
// (CancelledError, QueueShutDown, BrokenBarrierError...). The interpreter
// awaits each one inside a coroutine object of its own, so `acquire()`
// stays a coroutine object (create_task(lock.acquire()) works).
//
//   feature "lock":       using lock_type; lock_type make_lock();
//                         awaitable<bool> lock_acquire(x); void lock_release(x); bool lock_locked(x);
//   feature "event":      using event_type; event_type make_event();
//                         awaitable<bool> event_wait(x); void event_set(x); void event_clear(x);
//                         bool event_is_set(x);
//   feature "condition":  using condition_type; condition_type make_condition(std::optional<lock_type>);
//                         awaitable<bool> condition_acquire(x); void condition_release(x);
//                         bool condition_locked(x); awaitable<bool> condition_wait(x);
//                         void condition_notify(x, std::size_t n); void condition_notify_all(x);
//                         (wait_for(predicate) is CPython's loop over wait(), run by the interpreter)
//   feature "semaphore":  using semaphore_type; semaphore_type make_semaphore(std::int64_t value, bool bounded);
//                         awaitable<bool> semaphore_acquire(x); void semaphore_release(x);
//                         bool semaphore_locked(x);
//   feature "barrier":    using barrier_type; barrier_type make_barrier(std::int64_t parties);
//                         awaitable<int-like> barrier_wait(x); awaitable<void> barrier_reset(x), barrier_abort(x);
//                         parties/n_waiting: std::int64_t barrier_parties(x), barrier_n_waiting(x);
//                         bool barrier_broken(x)
//   feature "queue":      using queue_type; queue_type make_queue(QueueKind, double maxsize, ValueLess less);
//                         awaitable<void> queue_put(x, Value); awaitable<Value> queue_get(x);
//                         awaitable<void> queue_join(x); void queue_put_nowait(x, Value);
//                         Value queue_get_nowait(x); std::int64_t queue_qsize(x);
//                         bool queue_empty(x), queue_full(x); void queue_task_done(x)
//                         (PriorityQueue orders with `less`, Python's `<` on values; it may raise)
//   feature "queue-shutdown": void queue_shutdown(x, bool immediate)
//   feature "threads":    awaitable<Value> to_thread(std::function<Value()> fn)   // fn on a worker thread
//                         using concurrent_type; concurrent_type run_coroutine_threadsafe(Eval<Value> body);
//                             // from any thread: body runs as a task on the adapter's loop
//                         Value concurrent_result(x, std::optional<double> timeout);   // blocks the caller
//                         bool concurrent_done(x), concurrent_cancelled(x), concurrent_cancel(x);
//                         handle_type call_soon_threadsafe(Callback);
//                         void set_blocking_hook(std::function<void(bool)> hook);
//                             // hook(true) right before the loop's thread blocks waiting for
//                             // events, hook(false) right after: the interpreter's global lock
//                             // (one thread runs IR code at a time, like CPython's GIL) is
//                             // released meanwhile. The adapter's destructor must join its
//                             // worker threads (the interpreter releases its lock around it).
#pragma once

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <functional>
#include <optional>

#include "asyncspec/eval.hpp"
#include "asyncspec/value.hpp"

namespace asyncspec {

enum class QueueKind { fifo, lifo, priority };

// Python's `a < b` on two values (PriorityQueue); raises like it.
using ValueLess = std::function<bool(const Value&, const Value&)>;

template <class A>
concept has_locks = requires(A& a, typename A::lock_type& x) {
    { a.make_lock() } -> std::same_as<typename A::lock_type>;
    a.lock_acquire(x);
    a.lock_release(x);
    { a.lock_locked(x) } -> std::same_as<bool>;
};

template <class A>
concept has_events = requires(A& a, typename A::event_type& x) {
    { a.make_event() } -> std::same_as<typename A::event_type>;
    a.event_wait(x);
    a.event_set(x);
    a.event_clear(x);
    { a.event_is_set(x) } -> std::same_as<bool>;
};

template <class A>
concept has_conditions = has_locks<A> &&
    requires(A& a, typename A::condition_type& x, std::optional<typename A::lock_type> l, std::size_t n) {
    { a.make_condition(l) } -> std::same_as<typename A::condition_type>;
    a.condition_acquire(x);
    a.condition_release(x);
    { a.condition_locked(x) } -> std::same_as<bool>;
    a.condition_wait(x);
    a.condition_notify(x, n);
    a.condition_notify_all(x);
};

template <class A>
concept has_semaphores = requires(A& a, typename A::semaphore_type& x, std::int64_t v, bool b) {
    { a.make_semaphore(v, b) } -> std::same_as<typename A::semaphore_type>;
    a.semaphore_acquire(x);
    a.semaphore_release(x);
    { a.semaphore_locked(x) } -> std::same_as<bool>;
};

template <class A>
concept has_barriers = requires(A& a, typename A::barrier_type& x, std::int64_t n) {
    { a.make_barrier(n) } -> std::same_as<typename A::barrier_type>;
    a.barrier_wait(x);
    a.barrier_reset(x);
    a.barrier_abort(x);
    { a.barrier_parties(x) } -> std::convertible_to<std::int64_t>;
    { a.barrier_n_waiting(x) } -> std::convertible_to<std::int64_t>;
    { a.barrier_broken(x) } -> std::same_as<bool>;
};

template <class A>
concept has_queues = requires(A& a, typename A::queue_type& x, QueueKind k, double n, ValueLess less, Value v) {
    { a.make_queue(k, n, less) } -> std::same_as<typename A::queue_type>;
    a.queue_put(x, v);
    a.queue_get(x);
    a.queue_join(x);
    a.queue_put_nowait(x, v);
    { a.queue_get_nowait(x) } -> std::same_as<Value>;
    { a.queue_qsize(x) } -> std::convertible_to<std::int64_t>;
    { a.queue_empty(x) } -> std::same_as<bool>;
    { a.queue_full(x) } -> std::same_as<bool>;
    a.queue_task_done(x);
};

template <class A>
concept has_queue_shutdown = has_queues<A> && requires(A& a, typename A::queue_type& x, bool b) {
    a.queue_shutdown(x, b);
};

template <class A>
concept has_threads = requires(A& a, typename A::concurrent_type& x, std::function<Value()> fn, Eval<Value> body,
                               std::optional<double> timeout, std::function<void()> cb,
                               std::function<void(bool)> hook) {
    a.to_thread(fn);
    { a.run_coroutine_threadsafe(std::move(body)) } -> std::same_as<typename A::concurrent_type>;
    { a.concurrent_result(x, timeout) } -> std::same_as<Value>;
    { a.concurrent_done(x) } -> std::same_as<bool>;
    { a.concurrent_cancelled(x) } -> std::same_as<bool>;
    { a.concurrent_cancel(x) } -> std::same_as<bool>;
    { a.call_soon_threadsafe(cb) } -> std::same_as<typename A::handle_type>;
    a.set_blocking_hook(hook);
};

}  // namespace asyncspec
