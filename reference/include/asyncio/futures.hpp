// Lib/asyncio/futures.py: Future.
#pragma once

#include <cstdint>
#include <exception>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "asyncio/base_events.hpp"
#include "asyncio/detail/small_vector.hpp"
#include "asyncio/exceptions.hpp"

namespace asyncio {

class TaskBase;

// The builtin StopIteration: only futures give it a meaning here
// (futures.set-exception.stop-iteration).
class StopIteration : public Exception {
public:
    using Exception::Exception;
    const char* type_name() const noexcept override { return "StopIteration"; }
};

// The untyped part of a future: state, exception, cancel message, done
// callbacks, and an intrusive (single-threaded) reference count.
class FutureBase {
public:
    enum class State : std::uint8_t { pending, cancelled, finished };

    explicit FutureBase(EventLoop& loop) : loop_(&loop) {}
    FutureBase(const FutureBase&) = delete;
    FutureBase() = default;  // tasks: the loop is set when the task starts
    FutureBase& operator=(const FutureBase&) = delete;
    virtual ~FutureBase();

    EventLoop& get_loop() const { return *loop_; }
    // futures.state.initial-pending
    bool done() const { return state_ != State::pending; }
    bool cancelled() const { return state_ == State::cancelled; }
    State state() const { return state_; }

    // futures.cancel.done-returns-false: on a done future returns false and
    // changes nothing; else CANCELLED, message kept, callbacks scheduled
    // (futures.cancel.pending). Tasks override (cancel.pending-returns-true).
    virtual bool cancel(std::optional<std::string> msg = std::nullopt);
    // futures.result.*: cancelled -> CancelledError; pending -> InvalidStateError;
    // else the exception or nullptr. Marks the exception retrieved.
    std::exception_ptr exception();
    // futures.set.done-invalid: InvalidStateError unless pending.
    void set_exception(std::exception_ptr exc);
    template <class E>
    void set_exception(E exc) {
        set_exception(make_exception(std::move(exc)));
    }

    // futures.callbacks.scheduled-in-order: `fn(future)` is call_soon'd on completion, in registration
    // order; never called synchronously. `identity` is what
    // remove_done_callback compares (function pointers pass themselves).
    template <class F>
    void add_done_callback(F&& fn, const void* identity = nullptr);
    // futures.callbacks.remove-count: removes every registration with this identity; returns the count.
    std::size_t remove_done_callback(const void* identity);

    // Awaiting: the task's __wakeup as a done callback (no allocation).
    void add_wakeup(TaskBase* task);
    bool remove_wakeup(TaskBase* task);

    // cancel.retrieval.message-once: the saved CancelledError once (tasks), else
    // CancelledError(msg) (futures.cancel.pending).
    std::exception_ptr make_cancelled_error();
    // The checks of result(): raises unless the future finished with a value.
    // Inline so that the throw happens in the awaiting coroutine's own frame,
    // next to its catch: thrown from a function of its own, the exception_ptr
    // argument's cleanup there costs libgcc a second unwinding pass
    // (_Unwind_Resume, about 7,000 instructions per cancelled await).
    [[gnu::always_inline]] void raise_unless_result() {
        if (std::exception_ptr exc = result_exception()) std::rethrow_exception(std::move(exc));
    }
    // What result() raises, as a value (nullptr if it returns a value);
    // InvalidStateError when not done.
    std::exception_ptr result_exception();
    // Marks a stored exception retrieved (no "never retrieved" report).
    void mark_retrieved() { log_traceback_ = false; }
    // What `future.result()` raises, as a value (nullptr if it returns):
    // the saved/new CancelledError, or the stored exception (retrieved).
    std::exception_ptr outcome_exception();
    const std::optional<std::string>& cancel_message() const { return cancel_message_; }

    // asyncio.graph (graph.hpp): the futures recorded as awaiting this one
    // (future_add_to_awaited_by: gather, wait, shield, TaskGroup or the
    // program), a set holding strong references; the first inline.
    // (Inline: the one-waiter case is the common one; the first slot is
    // empty only when the rest is.)
    void add_awaited_by(FutureBase* waiter) {
        if (awaited_by_first_) return add_awaited_by_more(waiter);
        waiter->incref();
        awaited_by_first_ = waiter;
    }
    void discard_awaited_by(FutureBase* waiter) {
        if (awaited_by_first_ != waiter || awaited_by_more_) return discard_awaited_by_more(waiter);
        awaited_by_first_ = nullptr;
        waiter->decref();
    }
    template <class F>
    void for_each_awaited_by(F&& fn) const {
        if (awaited_by_first_) fn(awaited_by_first_);
        if (awaited_by_more_)
            for (FutureBase* w : *awaited_by_more_) fn(w);
    }
    bool is_task() const { return is_task_; }

    void incref() noexcept { ++refs_; }
    void decref() noexcept {
        if (--refs_ == 0) destroy_self();
    }

protected:
    virtual void destroy_self() noexcept = 0;
    // Completion without the pending check (callers have checked).
    void finish(std::exception_ptr exc);
    void schedule_callbacks();
    void add_awaited_by_more(FutureBase* waiter);
    void discard_awaited_by_more(FutureBase* waiter);
    // futures.cancel.pending, futures.cancel.done-returns-false without the Task override (Task uses super().cancel()).
    bool future_cancel(std::optional<std::string> msg);

    struct Callback {
        TaskBase* task;     // a task's wakeup, or
        HandleNode* node;   // a prepared handle, queued on completion
        const void* identity;
    };

    EventLoop* loop_ = nullptr;
    std::exception_ptr exception_;
    std::exception_ptr cancelled_exc_;
    std::optional<std::string> cancel_message_;
    detail::SmallVector<Callback, 1> callbacks_;
    FutureBase* awaited_by_first_ = nullptr;
    std::vector<FutureBase*>* awaited_by_more_ = nullptr;
    std::uint32_t refs_ = 0;
    State state_ = State::pending;
    bool log_traceback_ = false;
    bool is_task_ = false;
};

namespace detail {

// Strong reference to a FutureBase-derived object.
template <class S>
class Ref {
public:
    Ref() = default;
    explicit Ref(S* p) : p_(p) {
        if (p_) p_->incref();
    }
    Ref(const Ref& o) : Ref(o.p_) {}
    Ref(Ref&& o) noexcept : p_(std::exchange(o.p_, nullptr)) {}
    template <class U, class = std::enable_if_t<std::is_convertible_v<U*, S*>>>
    Ref(const Ref<U>& o) : Ref(o.get()) {}
    Ref& operator=(Ref o) noexcept {
        std::swap(p_, o.p_);
        return *this;
    }
    ~Ref() {
        if (p_) p_->decref();
    }
    S* get() const { return p_; }
    S* operator->() const { return p_; }
    S& operator*() const { return *p_; }
    explicit operator bool() const { return p_ != nullptr; }
    friend bool operator==(const Ref& a, const Ref& b) { return a.p_ == b.p_; }

private:
    S* p_ = nullptr;
};

// The value of a finished future; void futures hold nothing.
template <class T>
struct ValueSlot {
    std::optional<T> value;
    void store(T v) { value.emplace(std::move(v)); }
    T get() const { return *value; }
};
template <>
struct ValueSlot<void> {
    void get() const {}
};

}  // namespace detail

template <class T>
class FutureState final : public FutureBase, public detail::ValueSlot<T> {
public:
    explicit FutureState(EventLoop& loop) : FutureBase(loop) {}

    // futures.set.done-invalid
    template <class... V>
    void set_result(V&&... v) {
        if (done()) throw InvalidStateError("invalid state");
        if constexpr (!std::is_void_v<T>) this->store(T(std::forward<V>(v)...));
        finish(nullptr);
    }
    // futures.result.pending-invalid, futures.result.value, futures.result.exception-reraised
    T result() {
        raise_unless_result();
        return this->get();
    }

    static void* operator new(std::size_t n) { return detail::Pool::allocate(n); }
    static void operator delete(void* p, std::size_t n) { detail::Pool::deallocate(p, n); }

protected:
    void destroy_self() noexcept override { delete this; }
};

template <class T>
class FutureAwaiter;

// asyncio.Future: a shared handle (copies refer to the same future).
template <class T = void>
class Future {
public:
    using value_type = T;
    using State = FutureState<T>;

    Future() = default;
    explicit Future(State* s) : s_(s) {}

    bool done() const { return s_->done(); }
    bool cancelled() const { return s_->cancelled(); }
    bool cancel(std::optional<std::string> msg = std::nullopt) { return s_->cancel(std::move(msg)); }
    T result() const { return s_->result(); }
    std::exception_ptr exception() const { return s_->exception(); }
    template <class... V>
    void set_result(V&&... v) const {
        s_->set_result(std::forward<V>(v)...);
    }
    void set_exception(std::exception_ptr e) const { s_->set_exception(std::move(e)); }
    template <class E>
    void set_exception(E e) const {
        s_->set_exception(std::move(e));
    }
    template <class F>
    void add_done_callback(F&& fn, const void* identity = nullptr) const;
    std::size_t remove_done_callback(const void* identity) const { return s_->remove_done_callback(identity); }
    EventLoop& get_loop() const { return s_->get_loop(); }

    State* state() const { return s_.get(); }
    FutureBase* base() const { return s_.get(); }
    FutureAwaiter<T> operator co_await() const;
    friend bool operator==(const Future& a, const Future& b) { return a.s_ == b.s_; }

private:
    detail::Ref<State> s_;
};

// loop.create_future()
template <class T = void>
Future<T> create_future(EventLoop& loop) {
    return Future<T>(new FutureState<T>(loop));
}

// ---- templates ----------------------------------------------------------

// The prepared handle holds a reference to the future, so the future lives
// until its callbacks have run (an abandoned pending future with callbacks is
// a cycle, which CPython's GC would collect and this does not).
template <class F>
void FutureBase::add_done_callback(F&& fn, const void* identity) {
    detail::Ref<FutureBase> self(this);
    HandleNode* node = detail::make_callback_node([self, f = std::forward<F>(fn)]() mutable { f(*self); });
    node->loop = loop_;
    if (identity == nullptr) identity = node;
    if (done()) {
        loop_->push_ready(node);  // futures.callbacks.already-done: call_soon at once
        return;
    }
    callbacks_.push_back(Callback{nullptr, node, identity});
}

template <class T>
template <class F>
void Future<T>::add_done_callback(F&& fn, const void* identity) const {
    if constexpr (std::is_pointer_v<std::decay_t<F>>)
        if (identity == nullptr) identity = reinterpret_cast<const void*>(fn);
    s_->add_done_callback(
        [f = std::forward<F>(fn)](FutureBase& b) mutable { f(Future(static_cast<State*>(&b))); }, identity);
}

}  // namespace asyncio
