// Optional adapter capabilities of the combinators family (tasks.py,
// timeouts.py, taskgroups.py, PEP 654): gather, wait, wait_for, as_completed
// (plain and 3.13 `async for`), shield, timeout/timeout_at, TaskGroup,
// exception groups and eager tasks. The interpreter (interp_combinators.hpp)
// uses each group only if the adapter has all of it; otherwise the API raises
// AttributeError, and the adapter must not declare the feature (its scenarios
// SKIP).
//
// Inputs are the adapter's future_type (a task goes through as_future, a
// coroutine argument is first wrapped in a task by the interpreter with
// create_task, in argument order, as ensure_future does). Futures handed back
// (wait's sets, as_completed's originals, shield of a done input) are mapped
// back to the program's objects by identity(). "awaitable" means something an
// Eval coroutine can co_await, resuming with the documented type and raising
// like the Python coroutine would; the interpreter awaits each inside a
// coroutine object of its own (no extra loop iteration).
//
//   (all)                 future_type as_future(task_type);     // the task seen as a future, same identity
//   feature "gather":     future_type gather(std::vector<future_type> children, bool return_exceptions,
//                                            ExceptionToValue exc);  // result(): a list Value;
//                         // return_exceptions: an exception in it is exc(exception_ptr)
//   feature "wait":       awaitable<R> wait_futures(std::vector<future_type>, std::optional<double> timeout,
//                                                   ReturnWhen);  // R has .done, .pending: vectors of future_type
//   feature "wait-for":   awaitable<Value> wait_for(Eval<Value> coro, std::optional<double> timeout);
//                         awaitable<Value> wait_for(future_type, std::optional<double> timeout);
//   feature "as-completed": using as_completed_type;
//                         as_completed_type as_completed(std::vector<future_type>, std::optional<double> timeout);
//                         std::optional<awaitable<Value>> as_completed_next(x);   // nullopt: StopIteration
//                         optional: bool as_completed_is_generator();  // true (3.11, 3.12): the interpreter
//                         // wraps the inputs and calls as_completed() at the first next(), not at the call
//   feature "as-completed-async":
//                         awaitable<std::optional<future_type>> as_completed_anext(x);  // nullopt: StopAsyncIteration
//   feature "shield":     future_type shield(future_type);      // a done input comes back itself
//   feature "timeout":    using timeout_type;
//                         timeout_type make_timeout(std::optional<double> delay),
//                         make_timeout_at(std::optional<double>); std::optional<double> timeout_when(x); void
//                         timeout_reschedule(x, std::optional<double>); bool timeout_expired(x); awaitable<any>
//                         timeout_enter(x); awaitable<bool> timeout_exit(x, std::exception_ptr);
//   feature "taskgroup":  using taskgroup_type; taskgroup_type make_taskgroup();
//                         awaitable<any> taskgroup_enter(x); awaitable<bool> taskgroup_exit(x, std::exception_ptr);
//                         task_type taskgroup_create_task(x, Eval<Value> body, std::optional<std::string> name);
//                         optional: void taskgroup_refuse_early(x);  // raise create_task's refusal
//                         // (RuntimeError) now if the implementation leaves a refused coroutine open
//                         // (3.11, 3.12); the interpreter calls it before it takes the coroutine,
//                         // which is otherwise closed when refused (3.13+)
//   feature "exception-groups": describe_exception() fills NativeException::is_group/message/members
//                         for the groups the implementation raises (TaskGroup's).
//   feature "eager-tasks": void set_eager_task_factory(bool on);   // loop.set_task_factory(eager / None)
//   (optional, gather)    future_type gather(std::vector<GatherArg<future_type>> args, re, ev);
//                         // coroutines wrapped by the implementation in argument order
//                         // (has_gather_awaitables)
//   feature "eager-start": the eager_start keyword (has_eager_start):
//                         void check_eager_start(TaskCall call);  // raise the TypeError of a signature
//                         // without the keyword (the profile's); called before the coroutine is taken
//                         task_type new_task(Eval<Value> body, std::optional<std::string> name, bool eager_start);
//                         // Task(coro, loop=loop, name=, eager_start=): never the task factory
//                         task_type create_task(body, name, std::optional<bool> eager_start);  // loop.create_task
//                         task_type taskgroup_create_task(x, body, name, std::optional<bool> eager_start);
//                         and, with has_create_task_function, create_task_function(body, name, eager_start)
//   feature "call-graph": asyncio.graph's awaited-by structure (has_call_graph; 3.14):
//                         void awaited_by(const future_type& x, std::vector<task_type>& tasks,
//                                         std::vector<future_type>& futures);  // who awaits x (a set)
//                         void awaited_by_add(const future_type& x, const future_type& waiter);
//                         void awaited_by_discard(const future_type& x, const future_type& waiter);
//                         // future_add_to_awaited_by / future_discard_from_awaited_by
//                         // (tasks reach these through as_future)
//   (optional)            std::pair<std::exception_ptr, std::exception_ptr> exception_links(e);   // cause, context
//                         void set_exception_links(e, std::exception_ptr cause, std::exception_ptr context);
//                         // lets the implementation edit a program exception's __context__ chain
//                         // (3.13 timeout() inserts a TimeoutError into it)
//
// aexit protocol (timeout_exit, taskgroup_exit): given the exception leaving
// the body (or nullptr), resume with true to suppress it, false to let it
// propagate, or raise the replacement.
#pragma once

#include <concepts>
#include <cstddef>
#include <exception>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "asyncspec/eval.hpp"
#include "asyncspec/value.hpp"

namespace asyncspec {

// asyncio.FIRST_COMPLETED / FIRST_EXCEPTION / ALL_COMPLETED.
enum class ReturnWhen { first_completed, first_exception, all_completed };

// An exception of the implementation as a program value (gather's
// return_exceptions results).
using ExceptionToValue = std::function<Value(std::exception_ptr)>;

template <class A>
concept has_as_future = requires(A& a, const typename A::task_type& t) {
    { a.as_future(t) } -> std::same_as<typename A::future_type>;
};

template <class A>
concept has_gather = has_as_future<A> && requires(A& a, std::vector<typename A::future_type> fs, ExceptionToValue ev) {
    { a.gather(std::move(fs), true, ev) } -> std::same_as<typename A::future_type>;
};

// gather over the program's arguments as they are: a future (a task through
// as_future) or a coroutine, which the implementation wraps in a task when
// it reaches it (ensure_future in argument order, between its own steps).
// Optional: without it the interpreter wraps every coroutine first.
template <class F>
using GatherArg = std::variant<F, Eval<Value>>;
template <class A>
concept has_gather_awaitables = has_gather<A> &&
    requires(A& a, std::vector<GatherArg<typename A::future_type>> xs, ExceptionToValue ev) {
    { a.gather(std::move(xs), true, ev) } -> std::same_as<typename A::future_type>;
};

template <class A>
concept has_wait = has_as_future<A> && requires(A& a, std::vector<typename A::future_type> fs) {
    a.wait_futures(std::move(fs), std::optional<double>(), ReturnWhen::all_completed);
};

template <class A>
concept has_wait_for = has_as_future<A> && requires(A& a, Eval<Value> body, typename A::future_type f) {
    a.wait_for(std::move(body), std::optional<double>());
    a.wait_for(f, std::optional<double>());
};

template <class A>
concept has_as_completed = has_as_future<A> &&
    requires(A& a, std::vector<typename A::future_type> fs, typename A::as_completed_type& x) {
    { a.as_completed(std::move(fs), std::optional<double>()) } -> std::same_as<typename A::as_completed_type>;
    a.as_completed_next(x);
};

template <class A>
concept has_as_completed_generator = has_as_completed<A> && requires(A& a) {
    { a.as_completed_is_generator() } -> std::convertible_to<bool>;
};

template <class A>
concept has_as_completed_async = has_as_completed<A> && requires(A& a, typename A::as_completed_type& x) {
    a.as_completed_anext(x);
};

template <class A>
concept has_shield = has_as_future<A> && requires(A& a, typename A::future_type f) {
    { a.shield(f) } -> std::same_as<typename A::future_type>;
};

template <class A>
concept has_timeout = requires(A& a, typename A::timeout_type& x, std::optional<double> d, std::exception_ptr e) {
    { a.make_timeout(d) } -> std::same_as<typename A::timeout_type>;
    { a.make_timeout_at(d) } -> std::same_as<typename A::timeout_type>;
    { a.timeout_when(x) } -> std::same_as<std::optional<double>>;
    a.timeout_reschedule(x, d);
    { a.timeout_expired(x) } -> std::same_as<bool>;
    a.timeout_enter(x);
    a.timeout_exit(x, e);
};

template <class A>
concept has_taskgroup = requires(A& a, typename A::taskgroup_type& x, std::exception_ptr e, Eval<Value> body) {
    { a.make_taskgroup() } -> std::same_as<typename A::taskgroup_type>;
    a.taskgroup_enter(x);
    a.taskgroup_exit(x, e);
    {
        a.taskgroup_create_task(x, std::move(body), std::optional<std::string>())
        } -> std::same_as<typename A::task_type>;
};

template <class A>
concept has_taskgroup_refuse_early = has_taskgroup<A> && requires(A& a, typename A::taskgroup_type& x) {
    a.taskgroup_refuse_early(x);
};

template <class A>
concept has_eager_tasks = requires(A& a) {
    a.set_eager_task_factory(true);
};

// Which signature a task is made through (feature "eager-start").
enum class TaskCall { task_constructor, create_task };

template <class A>
concept has_eager_start = requires(A& a, Eval<Value> body) {
    a.check_eager_start(TaskCall::create_task);
    { a.new_task(std::move(body), std::optional<std::string>(), true) } -> std::same_as<typename A::task_type>;
    {
        a.create_task(std::move(body), std::optional<std::string>(), std::optional<bool>())
        } -> std::same_as<typename A::task_type>;
};

template <class A>
concept has_call_graph = has_as_future<A> &&
    requires(A& a, const typename A::future_type& f, std::vector<typename A::task_type>& ts,
             std::vector<typename A::future_type>& fs) {
    a.awaited_by(f, ts, fs);
    a.awaited_by_add(f, f);
    a.awaited_by_discard(f, f);
};

template <class A>
concept has_exception_links = requires(A& a, const std::exception_ptr& e) {
    { a.exception_links(e) } -> std::same_as<std::pair<std::exception_ptr, std::exception_ptr>>;
    a.set_exception_links(e, e, e);
};

}  // namespace asyncspec
