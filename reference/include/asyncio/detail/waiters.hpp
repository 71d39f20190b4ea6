// The waiter queues of Lib/asyncio/locks.py and queues.py: a deque of
// futures. Here each entry is a node living in the awaiting coroutine's frame
// (no allocation for the queue itself) that holds a pooled future; the
// awaiter awaits that future exactly as `await fut` does.
#pragma once

#include <coroutine>
#include <cstddef>
#include <exception>
#include <utility>

#include "asyncio/futures.hpp"
#include "asyncio/tasks.hpp"

namespace asyncio::detail {

class WaiterQueue;

struct Waiter {
    Waiter() = default;
    Waiter(const Waiter&) = delete;
    Waiter& operator=(const Waiter&) = delete;
    inline ~Waiter();

    // loop.create_future()
    void create(EventLoop& loop) { fut = Ref<FutureState<void>>(new FutureState<void>(loop)); }
    bool done() const { return fut->done(); }
    bool cancelled() const { return fut->cancelled(); }
    // fut.set_result(...) (the value is never observed)
    void wake() { fut->set_result(); }

    Waiter* prev = nullptr;
    Waiter* next = nullptr;
    WaiterQueue* owner = nullptr;  // the queue it is linked into, if any
    Ref<FutureState<void>> fut;
};

// collections.deque of waiters: append, popleft, remove, in-order iteration.
class WaiterQueue {
public:
    WaiterQueue() = default;
    WaiterQueue(const WaiterQueue&) = delete;
    WaiterQueue& operator=(const WaiterQueue&) = delete;
    ~WaiterQueue() {
        while (head_) remove(head_);
    }

    bool empty() const { return head_ == nullptr; }
    std::size_t size() const { return size_; }
    Waiter* front() const { return head_; }

    void push_back(Waiter* w) {
        w->owner = this;
        w->next = nullptr;
        w->prev = tail_;
        if (tail_)
            tail_->next = w;
        else
            head_ = w;
        tail_ = w;
        ++size_;
    }
    // deque.remove(w); false if it is not in this queue (ValueError).
    bool remove(Waiter* w) {
        if (w->owner != this) return false;
        if (w->prev)
            w->prev->next = w->next;
        else
            head_ = w->next;
        if (w->next)
            w->next->prev = w->prev;
        else
            tail_ = w->prev;
        w->prev = w->next = nullptr;
        w->owner = nullptr;
        --size_;
        return true;
    }
    Waiter* pop_front() {
        Waiter* w = head_;
        if (w) remove(w);
        return w;
    }

private:
    Waiter* head_ = nullptr;
    Waiter* tail_ = nullptr;
    std::size_t size_ = 0;
};

// A coroutine frame destroyed while suspended (its task was dropped with the
// loop) unlinks its waiter.
inline Waiter::~Waiter() {
    if (owner) owner->remove(this);
}

// `await fut` on a waiter's future from inside an awaiter: suspend the
// current task on it; on resume raise what the task's step threw in (the
// future's CancelledError or a task cancel).
struct WaiterAwait {
    TaskBase* task = nullptr;
    void suspend(std::coroutine_handle<> h, Waiter& w) {
        task = &current_task_for_await();
        w.create(task->get_loop());
        task->suspend_on(h, w.fut.get());
    }
    void resume(Waiter& w) {
        task->rethrow_injected();
        w.fut->result();
    }
};

// `await fut` on a waiter whose future was created (and queued) beforehand,
// inside a coroutine body.
struct AwaitWaiter {
    Waiter& w;
    TaskBase* task = nullptr;
    bool await_ready() const { return w.done(); }
    void await_suspend(std::coroutine_handle<> h) {
        task = &current_task_for_await();
        task->suspend_on(h, w.fut.get());
    }
    void await_resume() {
        if (task) task->rethrow_injected();
        w.fut->result();
    }
};

// `async with x:` for primitives whose release is synchronous: the guard
// releases on scope exit (the `__aexit__` of _ContextManagerMixin).
template <class L>
class [[nodiscard]] ReleaseGuard {
public:
    explicit ReleaseGuard(L* l) : l_(l) {}
    ReleaseGuard(ReleaseGuard&& o) noexcept : l_(std::exchange(o.l_, nullptr)) {}
    ReleaseGuard(const ReleaseGuard&) = delete;
    ReleaseGuard& operator=(const ReleaseGuard&) = delete;
    // A release error while an exception unwinds is dropped (C++ cannot
    // replace the in-flight exception as Python's __aexit__ would).
    ~ReleaseGuard() noexcept(false) {
        if (!l_) return;
        if (std::uncaught_exceptions() == 0) {
            l_->release();
            return;
        }
        try {
            l_->release();
        } catch (...) {
        }
    }
    // Release early (leaves the guard empty).
    void release() { std::exchange(l_, nullptr)->release(); }

private:
    L* l_;
};

// Wraps an acquire awaiter so `co_await x.scoped()` yields a ReleaseGuard.
template <class L, class A>
struct ScopedAwaiter {
    L* l;
    A inner;
    bool await_ready() { return inner.await_ready(); }
    void await_suspend(std::coroutine_handle<> h) { inner.await_suspend(h); }
    ReleaseGuard<L> await_resume() {
        inner.await_resume();
        return ReleaseGuard<L>(l);
    }
};

}  // namespace asyncio::detail
