// Lib/asyncio/locks.py (CPython 3.13): Lock, Event, Condition, Semaphore,
// BoundedSemaphore, Barrier.
//
// Each waiter is a pooled future awaited as `await fut` is, so every wake-up
// costs what CPython's does: set_result now, the waiter's task resumes one
// loop iteration later. The fast paths (acquire of a free lock, wait on a set
// event) complete in await_ready and never suspend. `async with x:` is
// `auto guard = co_await x.scoped();` (release on scope exit).
#pragma once

#include <coroutine>
#include <cstddef>
#include <type_traits>

#include "asyncio/detail/waiters.hpp"
#include "asyncio/exceptions.hpp"
#include "asyncio/tasks.hpp"

namespace asyncio {

// ---- Lock ---------------------------------------------------------------------

class Lock {
public:
    Lock() = default;
    Lock(const Lock&) = delete;
    Lock& operator=(const Lock&) = delete;

    // lock.state.locked
    bool locked() const { return locked_; }

    class [[nodiscard]] AcquireAwaiter {
    public:
        explicit AcquireAwaiter(Lock* lock) : lock_(lock) {}
        // lock.acquire.fast-path, lock.acquire.all-cancelled-fast-path
        bool await_ready() { return lock_->try_fast_path(); }
        void await_suspend(std::coroutine_handle<> h);
        bool await_resume();

    private:
        Lock* lock_;
        detail::Waiter waiter_;
        detail::WaiterAwait await_;
    };
    // `await lock.acquire()`: returns true holding the lock.
    AcquireAwaiter acquire() { return AcquireAwaiter(this); }
    // `async with lock:`
    detail::ScopedAwaiter<Lock, AcquireAwaiter> scoped() { return {this, AcquireAwaiter(this)}; }
    // lock.release.unlocked-raises, lock.release.wakes-one
    void release();

    std::size_t waiter_count() const { return waiters_.size(); }

private:
    bool try_fast_path();
    void wake_up_first();

    detail::WaiterQueue waiters_;
    bool locked_ = false;
};

// ---- Event --------------------------------------------------------------------

class Event {
public:
    Event() = default;
    Event(const Event&) = delete;
    Event& operator=(const Event&) = delete;

    // event.state.is-set
    bool is_set() const { return value_; }
    // event.set.wakes-all, event.set.idempotent
    void set();
    // event.set.clear-before-wakeup: the woken waiters' futures are already set.
    void clear() { value_ = false; }

    class [[nodiscard]] WaitAwaiter {
    public:
        explicit WaitAwaiter(Event* ev) : ev_(ev) {}
        // event.wait.set-no-suspend
        bool await_ready() const { return ev_->value_; }
        void await_suspend(std::coroutine_handle<> h);
        // event.wait.cancel
        bool await_resume();

    private:
        Event* ev_;
        detail::Waiter waiter_;
        detail::WaiterAwait await_;
    };
    WaitAwaiter wait() { return WaitAwaiter(this); }

private:
    detail::WaiterQueue waiters_;
    bool value_ = false;
};

// ---- Condition ----------------------------------------------------------------

class Condition {
public:
    // condition.lock.shared: a Condition of its own Lock, or of the given one.
    Condition() : lock_(&own_lock_) {}
    explicit Condition(Lock& lock) : lock_(&lock) {}
    Condition(const Condition&) = delete;
    Condition& operator=(const Condition&) = delete;

    bool locked() const { return lock_->locked(); }
    Lock::AcquireAwaiter acquire() { return lock_->acquire(); }
    void release() { lock_->release(); }
    detail::ScopedAwaiter<Lock, Lock::AcquireAwaiter> scoped() { return lock_->scoped(); }

    // condition.wait.requires-lock, condition.wait.releases-reacquires,
    // condition.wait.cancel-reacquires, condition.wait.cancel-message,
    // condition.notify.cancelled-passes-on, condition.wait.cancel-notifies-next
    Coro<bool> wait();

    // condition.wait-for.predicate: the first truthy predicate() value.
    template <class P>
    Coro<std::decay_t<std::invoke_result_t<P&>>> wait_for(P predicate) {
        auto result = predicate();
        while (!result) {
            co_await wait();
            result = predicate();
        }
        co_return result;
    }

    // condition.notify.requires-lock, condition.notify.fifo-n
    void notify(std::size_t n = 1);
    // condition.notify-all
    void notify_all() { notify(waiters_.size()); }

    std::size_t waiter_count() const { return waiters_.size(); }

private:
    void notify_waiters(std::size_t n);

    Lock own_lock_;
    Lock* lock_;
    detail::WaiterQueue waiters_;
};

// ---- Semaphore ----------------------------------------------------------------

class Semaphore {
public:
    // semaphore.init.negative
    explicit Semaphore(long value = 1);
    Semaphore(const Semaphore&) = delete;
    Semaphore& operator=(const Semaphore&) = delete;
    virtual ~Semaphore() = default;

    // semaphore.locked.fifo: also true while a non-cancelled waiter is queued.
    bool locked() const;

    class [[nodiscard]] AcquireAwaiter {
    public:
        explicit AcquireAwaiter(Semaphore* sem) : sem_(sem) {}
        // semaphore.acquire.counter
        bool await_ready();
        void await_suspend(std::coroutine_handle<> h);
        // semaphore.acquire.wake-chain, semaphore.cancel.*
        bool await_resume();

    private:
        Semaphore* sem_;
        detail::Waiter waiter_;
        detail::WaiterAwait await_;
    };
    AcquireAwaiter acquire() { return AcquireAwaiter(this); }
    detail::ScopedAwaiter<Semaphore, AcquireAwaiter> scoped() { return {this, AcquireAwaiter(this)}; }
    // semaphore.release.unbounded, semaphore.release.wakes-one
    virtual void release();

    long value() const { return value_; }

protected:
    bool wake_up_next();

    detail::WaiterQueue waiters_;
    long value_;
};

class BoundedSemaphore : public Semaphore {
public:
    explicit BoundedSemaphore(long value = 1) : Semaphore(value), bound_value_(value) {}
    // semaphore.bounded.over-release
    void release() override;

private:
    long bound_value_;
};

// ---- Barrier ------------------------------------------------------------------

class Barrier {
public:
    // barrier.init.parties
    explicit Barrier(int parties);
    Barrier(const Barrier&) = delete;
    Barrier& operator=(const Barrier&) = delete;

    // barrier.wait.blocks-until-full, barrier.wait.index, barrier.wait.cyclic,
    // barrier.wait.draining-blocks, barrier.wait.cancel
    Coro<int> wait();
    // barrier.reset.breaks-waiters
    Coro<> reset();
    // barrier.abort.breaks
    Coro<> abort();

    int parties() const { return parties_; }
    // barrier.n-waiting
    int n_waiting() const { return state_ == State::filling ? count_ : 0; }
    bool broken() const { return state_ == State::broken; }

private:
    enum class State { filling, draining, resetting, broken };
    Coro<> block();
    void release_all();
    Coro<> wait_released();
    void exit();

    Condition cond_;
    int parties_;
    State state_ = State::filling;
    int count_ = 0;
};

}  // namespace asyncio
