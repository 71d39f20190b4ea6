// What the combinators take and return (tasks.py: ensure_future and the
// futures it hands out): AnyFuture<T>, a shared handle to any future-like
// object with a result of type T (a Future, a Task, gather's future), and
// Outcome<T>, a result or an exception (gather's return_exceptions=True).
#pragma once

#include <coroutine>
#include <exception>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>

#include "asyncio/futures.hpp"
#include "asyncio/tasks.hpp"

namespace asyncio {

// A result as a value: void becomes std::monostate (gather's lists).
template <class T>
using result_t = std::conditional_t<std::is_void_v<T>, std::monostate, T>;

// A future, task or gathering future seen through its common interface. Copies
// refer to the same object; `base()` is its identity (`is` in Python).
template <class T>
class AnyFuture {
public:
    using value_type = T;

    AnyFuture() = default;
    AnyFuture(FutureBase* base, detail::ValueSlot<T>* slot) : base_(base), slot_(slot) {}
    AnyFuture(const Future<T>& f) : base_(f.base()), slot_(f.state()) {}  // NOLINT: implicit on purpose
    AnyFuture(const Task<T>& t) : base_(t.base()), slot_(t.state()) {}    // NOLINT

    bool done() const { return base_->done(); }
    bool cancelled() const { return base_->cancelled(); }
    bool cancel(std::optional<std::string> msg = std::nullopt) const { return base_->cancel(std::move(msg)); }
    T result() const {
        base_->raise_unless_result();
        return slot_->get();
    }
    std::exception_ptr exception() const { return base_->exception(); }
    template <class F>
    void add_done_callback(F&& fn, const void* identity = nullptr) const {
        base_->add_done_callback(std::forward<F>(fn), identity);
    }
    std::size_t remove_done_callback(const void* identity) const { return base_->remove_done_callback(identity); }
    EventLoop& get_loop() const { return base_->get_loop(); }

    FutureBase* base() const { return base_.get(); }
    detail::ValueSlot<T>* slot() const { return slot_; }
    // The task behind it, or nullptr for a plain future.
    TaskBase* task() const { return dynamic_cast<TaskBase*>(base_.get()); }
    explicit operator bool() const { return static_cast<bool>(base_); }
    friend bool operator==(const AnyFuture& a, const AnyFuture& b) { return a.base_ == b.base_; }

    // futures.await.done-no-suspend: a done future does not suspend.
    struct Awaiter {
        const AnyFuture* f;
        TaskBase* task = nullptr;
        bool await_ready() const noexcept { return f->done(); }
        void await_suspend(std::coroutine_handle<> h) {
            task = &detail::current_task_for_await();
            task->suspend_on(h, f->base());
        }
        T await_resume() {
            if (task) task->rethrow_injected();
            return f->result();
        }
    };
    Awaiter operator co_await() const& { return Awaiter{this}; }
    // `co_await gather(...)`: the handle lives in the awaiter.
    struct OwningAwaiter {
        AnyFuture f;
        TaskBase* task = nullptr;
        bool await_ready() const noexcept { return f.done(); }
        void await_suspend(std::coroutine_handle<> h) {
            task = &detail::current_task_for_await();
            task->suspend_on(h, f.base());
        }
        T await_resume() {
            if (task) task->rethrow_injected();
            return f.result();
        }
    };
    OwningAwaiter operator co_await() && { return OwningAwaiter{std::move(*this)}; }

private:
    detail::Ref<FutureBase> base_;
    detail::ValueSlot<T>* slot_ = nullptr;
};

// A child's outcome in gather(return_exceptions, ...): its value or the
// exception it raised (a cancelled child: CancelledError(msg or '')).
template <class T>
class Outcome {
public:
    Outcome() = default;
    explicit Outcome(result_t<T> v) : value_(std::move(v)) {}
    explicit Outcome(std::exception_ptr e) : exc_(std::move(e)) {}
    bool has_value() const { return value_.has_value(); }
    // The value, or the exception raised.
    const result_t<T>& value() const {
        if (exc_) std::rethrow_exception(exc_);
        return *value_;
    }
    const std::exception_ptr& exception() const { return exc_; }

private:
    std::optional<result_t<T>> value_;
    std::exception_ptr exc_;
};

namespace detail {

template <class X>
struct awaitable_traits;
template <class T>
struct awaitable_traits<Coro<T>> {
    using type = T;
};
template <class T>
struct awaitable_traits<Task<T>> {
    using type = T;
};
template <class T>
struct awaitable_traits<Future<T>> {
    using type = T;
};
template <class T>
struct awaitable_traits<AnyFuture<T>> {
    using type = T;
};

template <class T>
struct awaitable_traits<std::variant<AnyFuture<T>, Coro<T>>> {
    using type = T;
};

template <class X>
inline constexpr bool is_coro_v = false;
template <class T>
inline constexpr bool is_coro_v<Coro<T>> = true;

// Awaits any future through its base: raises what result() would, returns
// nothing (the combinators' internal waiters).
struct BaseAwaiter {
    FutureBase* fut;
    TaskBase* task = nullptr;
    bool await_ready() const noexcept { return fut->done(); }
    void await_suspend(std::coroutine_handle<> h) {
        task = &current_task_for_await();
        task->suspend_on(h, fut);
    }
    void await_resume() {
        if (task) task->rethrow_injected();
        fut->raise_unless_result();
    }
};

// result() of `f` as a value (void -> monostate).
template <class T>
result_t<T> result_value(const AnyFuture<T>& f) {
    if constexpr (std::is_void_v<T>) {
        f.result();
        return {};
    } else {
        return f.result();
    }
}

}  // namespace detail

// The result type of an awaitable argument (Coro<T>, Task<T>, Future<T>, AnyFuture<T>).
template <class X>
using awaitable_result_t = typename detail::awaitable_traits<std::remove_cvref_t<X>>::type;

// tasks.ensure_future: a coroutine becomes a task (through the loop's task
// factory, so eager tasks may come back done); futures and tasks are returned
// as they are.
template <class T>
AnyFuture<T> ensure_future(Coro<T>&& coro) {
    return AnyFuture<T>(create_task(std::move(coro)));
}
template <class T>
AnyFuture<T> ensure_future(EventLoop& loop, Coro<T>&& coro) {
    return AnyFuture<T>(create_task(loop, std::move(coro)));
}
template <class T>
AnyFuture<T> ensure_future(const Task<T>& t) {
    return AnyFuture<T>(t);
}
template <class T>
AnyFuture<T> ensure_future(const Future<T>& f) {
    return AnyFuture<T>(f);
}
template <class T>
AnyFuture<T> ensure_future(const AnyFuture<T>& f) {
    return f;
}

// A combinator's argument that is a future or a coroutine, known at run
// time only (Python's gather(*aws) takes either): the combinator wraps a
// coroutine when it reaches it, in argument order, between its other steps
// (gather.timing.done-inputs: 3.11 schedules a done input's callback before
// a later coroutine's first step).
template <class T>
using Awaitable = std::variant<AnyFuture<T>, Coro<T>>;
template <class T>
AnyFuture<T> ensure_future(Awaitable<T>& a) {
    if (auto* c = std::get_if<Coro<T>>(&a)) return ensure_future(std::move(*c));
    return std::get<AnyFuture<T>>(a);
}

}  // namespace asyncio
