// Lib/asyncio/locks.py (CPython 3.13), function by function.
#include "asyncio/locks.hpp"

#include <exception>
#include <vector>

namespace asyncio {

// ---- Lock ---------------------------------------------------------------------

// lock.acquire.fast-path: unlocked and no waiter, or
// lock.acquire.all-cancelled-fast-path: every queued waiter is cancelled.
// lock.acquire.no-barging: a woken (done, not cancelled) waiter blocks it.
bool Lock::try_fast_path() {
    if (locked_) return false;
    for (detail::Waiter* w = waiters_.front(); w; w = w->next)
        if (!w->cancelled()) return false;
    locked_ = true;
    return true;
}

// lock.acquire.fifo: queue a future and await it.
void Lock::AcquireAwaiter::await_suspend(std::coroutine_handle<> h) {
    await_.task = &detail::current_task_for_await();
    waiter_.create(await_.task->get_loop());
    lock_->waiters_.push_back(&waiter_);
    await_.task->suspend_on(h, waiter_.fut.get());
}

// lock.cancel.waiter-removed: `finally: self._waiters.remove(fut)`;
// lock.cancel.woken-passes-on: a cancelled waiter wakes the next one if the
// lock is free.
bool Lock::AcquireAwaiter::await_resume() {
    if (!await_.task) return true;  // fast path
    lock_->waiters_.remove(&waiter_);
    try {
        await_.resume(waiter_);
    } catch (const CancelledError&) {
        if (!lock_->locked_) lock_->wake_up_first();
        throw;
    }
    lock_->locked_ = true;
    return true;
}

// lock.release.unlocked-raises, lock.release.wakes-one
void Lock::release() {
    if (!locked_) throw RuntimeError("Lock is not acquired.");
    locked_ = false;
    wake_up_first();
}

// Lock._wake_up_first: only the first waiter, if it is not done yet.
void Lock::wake_up_first() {
    detail::Waiter* first = waiters_.front();
    if (first && !first->done()) first->wake();
}

// ---- Event --------------------------------------------------------------------

// event.set.wakes-all: every waiter's future is set now (in waiting order);
// each task resumes one iteration later. event.set.idempotent.
void Event::set() {
    if (value_) return;
    value_ = true;
    for (detail::Waiter* w = waiters_.front(); w; w = w->next)
        if (!w->done()) {
            w->wake();
        }
}

void Event::WaitAwaiter::await_suspend(std::coroutine_handle<> h) {
    await_.task = &detail::current_task_for_await();
    waiter_.create(await_.task->get_loop());
    ev_->waiters_.push_back(&waiter_);
    await_.task->suspend_on(h, waiter_.fut.get());
}

// event.wait.cancel: `finally: self._waiters.remove(fut)`; a cancel that
// lands after set() still raises (the task's pending cancel wins).
bool Event::WaitAwaiter::await_resume() {
    if (!await_.task) return true;  // event.wait.set-no-suspend
    ev_->waiters_.remove(&waiter_);
    await_.resume(waiter_);
    return true;
}

// ---- Condition ----------------------------------------------------------------

// Condition.wait (3.13):
//   condition.wait.requires-lock: RuntimeError before anything is queued;
//   condition.wait.releases-reacquires: release, wait, re-acquire;
//   condition.wait.cancel-reacquires: the re-acquire loop runs even when the
//     wait was cancelled, and retries through cancellations;
//   condition.wait.cancel-message: the last CancelledError of the re-acquire
//     is re-raised as is (3.13 `raise err`; 3.11, 3.12: a new
//     CancelledError, Profile::condition_reraises_reacquire_cancel);
//   condition.notify.cancelled-passes-on, condition.wait.cancel-notifies-next:
//     any exception leaving wait() calls _notify(1) (3.13+,
//     Profile::condition_wait_error_notifies_next).
Coro<bool> Condition::wait() {
    if (!locked()) throw RuntimeError("cannot wait on un-acquired lock");
    detail::Waiter waiter;
    const Profile profile = get_running_loop().profile();
    waiter.create(get_running_loop());
    release();
    std::exception_ptr failure;
    try {
        std::exception_ptr body;
        waiters_.push_back(&waiter);
        try {
            co_await detail::AwaitWaiter{waiter};
        } catch (...) {
            body = std::current_exception();
        }
        waiters_.remove(&waiter);
        // finally: re-acquire, whatever happened.
        std::exception_ptr err;
        while (true) {
            try {
                co_await lock_->acquire();
                break;
            } catch (const CancelledError&) {
                err = std::current_exception();
            }
        }
        if (err) {
            if (!profile.condition_reraises_reacquire_cancel()) throw CancelledError();
            std::rethrow_exception(err);
        }
        if (body) std::rethrow_exception(body);
    } catch (...) {
        failure = std::current_exception();
    }
    if (failure) {
        if (profile.condition_wait_error_notifies_next()) notify_waiters(1);
        std::rethrow_exception(failure);
    }
    co_return true;
}

void Condition::notify(std::size_t n) {
    if (!locked()) throw RuntimeError("cannot notify on un-acquired lock");
    notify_waiters(n);
}

// Condition._notify: the first n waiters not yet done, in waiting order.
void Condition::notify_waiters(std::size_t n) {
    std::size_t idx = 0;
    for (detail::Waiter* w = waiters_.front(); w; w = w->next) {
        if (idx >= n) break;
        if (!w->done()) {
            ++idx;
            w->wake();
        }
    }
}

// ---- Semaphore ----------------------------------------------------------------

Semaphore::Semaphore(long value) : value_(value) {
    if (value < 0) throw ValueError("Semaphore initial value must be >= 0");
}

// semaphore.locked.fifo
bool Semaphore::locked() const {
    if (value_ == 0) return true;
    for (detail::Waiter* w = waiters_.front(); w; w = w->next)
        if (!w->cancelled()) return true;
    return false;
}

// semaphore.acquire.counter
bool Semaphore::AcquireAwaiter::await_ready() {
    if (sem_->locked()) return false;
    --sem_->value_;
    return true;
}

// semaphore.acquire.fifo
void Semaphore::AcquireAwaiter::await_suspend(std::coroutine_handle<> h) {
    await_.task = &detail::current_task_for_await();
    waiter_.create(await_.task->get_loop());
    sem_->waiters_.push_back(&waiter_);
    await_.task->suspend_on(h, waiter_.fut.get());
}

// semaphore.cancel.waiter-removed, semaphore.cancel.woken-passes-on: a woken
// waiter that is cancelled gives its unit back. semaphore.acquire.wake-chain:
// then, and after every acquire, wake as many waiters as the counter allows
// (3.13+, the `finally` of acquire); 3.11, 3.12 wake one next waiter, and
// only after a successful acquire or a cancelled woken one
// (Profile::semaphore_wakes_all_allowed).
bool Semaphore::AcquireAwaiter::await_resume() {
    if (!await_.task) return true;  // fast path
    sem_->waiters_.remove(&waiter_);
    const bool all = await_.task->get_loop().profile().semaphore_wakes_all_allowed();
    auto wake_all_possible = [this] {
        while (sem_->value_ > 0)
            if (!sem_->wake_up_next()) break;
    };
    try {
        await_.resume(waiter_);
    } catch (const CancelledError&) {
        if (waiter_.done() && !waiter_.cancelled()) {
            ++sem_->value_;
            if (!all) sem_->wake_up_next();
        }
        if (all) wake_all_possible();
        throw;
    } catch (...) {
        if (all) wake_all_possible();
        throw;
    }
    if (all)
        wake_all_possible();
    else if (sem_->value_ > 0)
        sem_->wake_up_next();
    return true;
}

// semaphore.release.unbounded, semaphore.release.wakes-one
void Semaphore::release() {
    ++value_;
    wake_up_next();
}

// Semaphore._wake_up_next: hand a unit to the first waiter not yet done.
bool Semaphore::wake_up_next() {
    for (detail::Waiter* w = waiters_.front(); w; w = w->next) {
        if (!w->done()) {
            --value_;
            w->wake();
            return true;
        }
    }
    return false;
}

// semaphore.bounded.over-release
void BoundedSemaphore::release() {
    if (value_ >= bound_value_) throw ValueError("BoundedSemaphore released too many times");
    Semaphore::release();
}

// ---- Barrier ------------------------------------------------------------------

Barrier::Barrier(int parties) : parties_(parties) {
    if (parties < 1) throw ValueError("parties must be > 0");
}

// Barrier.wait: `async with self._cond:` around block, count, release or wait.
Coro<int> Barrier::wait() {
    co_await cond_.acquire();
    std::exception_ptr failure;
    int index = 0;
    try {
        co_await block();  // barrier.wait.draining-blocks
        std::exception_ptr inner;
        try {
            index = count_++;  // barrier.wait.index
            if (index + 1 == parties_)
                release_all();  // barrier.wait.blocks-until-full
            else
                co_await wait_released();
        } catch (...) {
            inner = std::current_exception();
        }
        // finally (barrier.wait.cancel: a cancelled party leaves the count)
        --count_;
        exit();
        if (inner) std::rethrow_exception(inner);
    } catch (...) {
        failure = std::current_exception();
    }
    cond_.release();
    if (failure) std::rethrow_exception(failure);
    co_return index;
}

// Barrier._block: wait while draining or resetting; broken raises.
Coro<> Barrier::block() {
    co_await cond_.wait_for([this] { return state_ != State::draining && state_ != State::resetting; });
    if (state_ == State::broken) throw BrokenBarrierError("Barrier aborted");
}

// Barrier._release: the last arrival starts draining and wakes everyone.
void Barrier::release_all() {
    state_ = State::draining;
    cond_.notify_all();
}

// Barrier._wait
Coro<> Barrier::wait_released() {
    co_await cond_.wait_for([this] { return state_ != State::filling; });
    if (state_ == State::broken || state_ == State::resetting) throw BrokenBarrierError("Abort or reset of barrier");
}

// Barrier._exit: the last party out refills the barrier (barrier.wait.cyclic).
void Barrier::exit() {
    if (count_ == 0) {
        if (state_ == State::resetting || state_ == State::draining) state_ = State::filling;
        cond_.notify_all();
    }
}

// barrier.reset.breaks-waiters
Coro<> Barrier::reset() {
    auto guard = co_await cond_.scoped();
    if (count_ > 0) {
        if (state_ != State::resetting) state_ = State::resetting;
    } else {
        state_ = State::filling;
    }
    cond_.notify_all();
}

// barrier.abort.breaks
Coro<> Barrier::abort() {
    auto guard = co_await cond_.scoped();
    state_ = State::broken;
    cond_.notify_all();
}

}  // namespace asyncio
