// The adapter: how the IR interpreter (interpreter.hpp) drives an asyncio
// implementation. A C++20 concept over one class; one adapter object is made
// per scenario run and owns a fresh event loop with a virtual clock.
//
// Required (the core: loop, tasks, futures, cancellation, sleep, callbacks):
//
//   static constexpr std::string_view profile = "3.13";   // expected traces to compare with
//   static constexpr std::array<std::string_view, N> features = {...};  // spec/features.toml names
//   using task_type = ...;    // copyable shared handle (asyncio.Task)
//   using future_type = ...;  // copyable shared handle (asyncio.Future, holds a Value)
//   using handle_type = ...;  // copyable (asyncio.Handle / TimerHandle)
//
//   double time();                                             // loop.time()
//   task_type create_task(Eval<Value> body, std::optional<std::string> name);
//   future_type create_future();
//   std::optional<task_type> current_task();
//   std::vector<task_type> all_tasks();                        // not-done tasks
//   bool done(x); bool cancelled(x); bool cancel(x, std::optional<std::string> msg);
//   Value result(x);                        // raises (native) like Future.result()
//   std::exception_ptr exception(x);        // nullptr = None; raises like Future.exception()
//   void add_done_callback(x, Callback fn, const void* identity);
//   std::size_t remove_done_callback(x, const void* identity);
//   const void* identity(x);                // same object <=> same pointer
//   awaitable wait(x);                      // `await x`, resumes with a Value
//       ... each for x = task_type and x = future_type
//   void set_result(future_type, Value); void set_exception(future_type, std::exception_ptr);
//   std::string get_name(task); void set_name(task, std::string);
//   int cancelling(task); int uncancel(task);
//   awaitable sleep(double delay);          // asyncio.sleep(delay), resumes with void
//   handle_type call_soon(Callback); call_later(double, Callback); call_at(double, Callback);
//   void cancel_handle(handle_type&); bool handle_cancelled(const handle_type&);
//   double handle_when(const handle_type&);
//   RunStatus run_until_complete(const task_type&, const RunLimits&);
//   void shutdown();                        // asyncio.run's cleanup: cancel the rest, run them out
//   std::optional<NativeException> describe_exception(const std::exception_ptr&);
//   std::exception_ptr make_exception(ExcObj&);  // the native form of an interpreter exception
//
// Optional capabilities are detected with requires-expressions (see the
// `has_*` concepts below); an adapter lacking one must also not declare the
// feature, so the scenarios needing it are SKIP. The interpreter raises
// AttributeError/TypeError if a scenario uses an operation anyway.
//
// The synchronisation family's capabilities (features lock, event,
// condition, semaphore, barrier, queue, queue-shutdown, threads) are the
// `has_locks`, `has_events`, `has_conditions`, `has_semaphores`,
// `has_barriers`, `has_queues`, `has_queue_shutdown` and `has_threads`
// concepts of adapter_sync.hpp (make_lock / lock_acquire ..., make_queue /
// queue_get ..., to_thread / run_coroutine_threadsafe / call_soon_threadsafe
// and set_blocking_hook, through which the interpreter releases its global
// lock while the loop blocks, so a to_thread function can run IR code on its
// worker thread).
//
// The combinators family's capabilities (features gather, wait, wait-for,
// as-completed, as-completed-async, shield, timeout, taskgroup,
// exception-groups, eager-tasks) are the `has_gather`, `has_wait`,
// `has_wait_for`, `has_as_completed`, `has_as_completed_async`,
// `has_shield`, `has_timeout`, `has_taskgroup` and `has_eager_tasks`
// concepts of adapter_combinators.hpp (as_future(task), gather(children,
// return_exceptions, exc_to_value), wait_futures, wait_for, as_completed /
// as_completed_next / as_completed_anext, shield, make_timeout /
// timeout_enter / timeout_exit ..., make_taskgroup / taskgroup_create_task
// ..., set_eager_task_factory). Exception groups the implementation raises
// are described with NativeException::is_group/message/members; the optional
// `has_exception_links` (exception_links / set_exception_links) lets the
// implementation see and edit a program exception's __cause__/__context__.
#pragma once

#include <algorithm>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "asyncspec/eval.hpp"
#include "asyncspec/value.hpp"

namespace asyncspec {

using Callback = std::function<void()>;

// Limits of one run: a scenario exceeding them is HANG.
struct RunLimits {
    std::uint64_t max_iterations = 200000;  // loop iterations
    double max_virtual_time = 1e6;          // seconds of virtual time
};

enum class RunStatus {
    complete,    // the task is done
    step_limit,  // max_iterations reached
    time_limit,  // virtual clock passed max_virtual_time
    stalled,     // nothing ready, no timer, the task not done: would block forever
};

// What the interpreter needs to know about an exception the implementation
// raised by itself (CancelledError from cancel(), InvalidStateError...).
struct NativeException {
    const void* identity = nullptr;  // the exception object (same object <=> same pointer)
    std::string type;                // Python class name: "CancelledError", "InvalidStateError", ...
    std::vector<std::string> args;   // its args (asyncio passes strings)
    std::exception_ptr cause;        // __cause__ / __context__, if the implementation sets them
    std::exception_ptr context;
    bool is_group = false;  // BaseExceptionGroup / ExceptionGroup: message + members
    std::string message;
    std::vector<std::exception_ptr> members;
};

template <class A>
concept Adapter = std::default_initializable<A> &&
    requires(A& a, typename A::task_type t, typename A::future_type f, typename A::handle_type h, Eval<Value> body,
             std::optional<std::string> name, Callback cb, const void* id, double d, Value v, std::exception_ptr e,
             const RunLimits& limits, ExcObj& exc) {
    { A::profile } -> std::convertible_to<std::string_view>;
    { A::features.size() } -> std::convertible_to<std::size_t>;
    { a.time() } -> std::same_as<double>;
    // tasks (tasks.py)
    { a.create_task(std::move(body), name) } -> std::same_as<typename A::task_type>;
    { a.current_task() } -> std::same_as<std::optional<typename A::task_type>>;
    { a.all_tasks() } -> std::same_as<std::vector<typename A::task_type>>;
    { a.get_name(t) } -> std::same_as<std::string>;
    a.set_name(t, std::string());
    { a.cancelling(t) } -> std::convertible_to<int>;
    { a.uncancel(t) } -> std::convertible_to<int>;
    // futures (futures.py) and the future API of tasks
    { a.create_future() } -> std::same_as<typename A::future_type>;
    { a.done(t) } -> std::same_as<bool>;
    { a.done(f) } -> std::same_as<bool>;
    { a.cancelled(t) } -> std::same_as<bool>;
    { a.cancelled(f) } -> std::same_as<bool>;
    { a.cancel(t, name) } -> std::same_as<bool>;
    { a.cancel(f, name) } -> std::same_as<bool>;
    { a.result(t) } -> std::same_as<Value>;
    { a.result(f) } -> std::same_as<Value>;
    { a.exception(t) } -> std::same_as<std::exception_ptr>;
    { a.exception(f) } -> std::same_as<std::exception_ptr>;
    a.set_result(f, v);
    a.set_exception(f, e);
    a.add_done_callback(t, cb, id);
    a.add_done_callback(f, cb, id);
    { a.remove_done_callback(t, id) } -> std::convertible_to<std::size_t>;
    { a.remove_done_callback(f, id) } -> std::convertible_to<std::size_t>;
    { a.identity(t) } -> std::same_as<const void*>;
    { a.identity(f) } -> std::same_as<const void*>;
    a.wait(t);
    a.wait(f);
    a.sleep(d);
    // callbacks (events.py, base_events.py)
    { a.call_soon(cb) } -> std::same_as<typename A::handle_type>;
    { a.call_later(d, cb) } -> std::same_as<typename A::handle_type>;
    { a.call_at(d, cb) } -> std::same_as<typename A::handle_type>;
    a.cancel_handle(h);
    { a.handle_cancelled(h) } -> std::same_as<bool>;
    { a.handle_when(h) } -> std::same_as<double>;
    // running
    { a.run_until_complete(t, limits) } -> std::same_as<RunStatus>;
    a.shutdown();
    // exceptions
    { a.describe_exception(e) } -> std::same_as<std::optional<NativeException>>;
    { a.make_exception(exc) } -> std::same_as<std::exception_ptr>;
};

// ---- optional capabilities ---------------------------------------------------

// Exceptions of loop callbacks (loop.call_exception_handler): reported to the
// interpreter, which keeps them out of the trace ("loop_errors").
template <class A>
concept has_exception_handler = requires(A& a, std::function<void(std::string)> fn) {
    a.set_exception_handler(fn);
};

// asyncio.create_task(coro, name=N), when it differs from create_task (which
// is Task() and loop.create_task): 3.11 and 3.12 create the task unnamed,
// taking a Task-N number, then name it (tasks.name.explicit-consumes-number).
// Default: create_task.
template <class A>
concept has_create_task_function = requires(A& a, Eval<Value> body) {
    { a.create_task_function(std::move(body), std::optional<std::string>()) } -> std::same_as<typename A::task_type>;
};

// threads.worker.no-running-loop: raise RuntimeError (natively) when no
// loop runs in the calling thread (a to_thread worker): get_running_loop,
// get_event_loop and all_tasks ask it. Default: the loop always runs.
template <class A>
concept has_running_loop_check = requires(A& a) {
    a.check_running_loop();
};

// Task numbering (IR.md "Task-N"): the number the implementation's first
// default-named task of this run gets, minus one. Default: 0.
template <class A>
concept has_task_number_base = requires(A& a) {
    { a.task_number_base() } -> std::convertible_to<std::int64_t>;
};

// Called once after the run: drop what the implementation still holds of the
// program's values (results of done tasks and futures), which may refer back
// to their task (a task returning itself); CPython's GC collects such cycles,
// reference counting does not.
template <class A>
concept has_break_cycles = requires(A& a) {
    a.break_cycles();
};

// ---- features ------------------------------------------------------------------

template <class A>
bool declares_feature(std::string_view feature) {
    return std::find(A::features.begin(), A::features.end(), feature) != A::features.end();
}

template <class A>
std::vector<std::string> missing_features(const std::vector<std::string>& needed) {
    std::vector<std::string> out;
    for (const auto& f : needed)
        if (!declares_feature<A>(f)) out.push_back(f);
    return out;
}

}  // namespace asyncspec
