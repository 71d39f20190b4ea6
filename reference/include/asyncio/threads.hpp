// Threads: Lib/asyncio/threads.py (to_thread), tasks.run_coroutine_threadsafe,
// BaseEventLoop.run_in_executor / shutdown_default_executor, the
// futures._chain_future glue, and a concurrent.futures-like thread pool and
// future.
//
// Threading rules of the reference: asyncio objects (futures, tasks, handles)
// are touched on the loop's thread only; other threads talk to the loop with
// call_soon_threadsafe and hold only thread-safe state (ConcurrentFuture,
// executor jobs), whose last reference is always dropped on the loop thread
// when it holds asyncio objects.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

#include "asyncio/base_events.hpp"
#include "asyncio/exceptions.hpp"
#include "asyncio/futures.hpp"
#include "asyncio/tasks.hpp"

namespace asyncio {

// ---- concurrent.futures.Future ----------------------------------------------

namespace detail {
template <class T>
struct ConcurrentValue {
    std::optional<T> value;
    template <class... V>
    void store(V&&... v) {
        value.emplace(std::forward<V>(v)...);
    }
    T get() const { return *value; }
};
template <>
struct ConcurrentValue<void> {
    void store() {}
    void get() const {}
};
}  // namespace detail

// A thread-safe future (concurrent.futures.Future): result() blocks the
// calling thread. Copies share the state.
template <class T = void>
class ConcurrentFuture {
public:
    using value_type = T;
    using Callback = std::function<void(ConcurrentFuture)>;

    ConcurrentFuture() : s_(std::make_shared<State>()) {}

    bool done() const {
        std::lock_guard lock(s_->m);
        return s_->st == St::cancelled || s_->st == St::finished;
    }
    bool cancelled() const {
        std::lock_guard lock(s_->m);
        return s_->st == St::cancelled;
    }
    bool running() const {
        std::lock_guard lock(s_->m);
        return s_->st == St::running;
    }
    // Future.cancel: false once running or finished; callbacks run in the
    // cancelling thread.
    bool cancel() {
        {
            std::lock_guard lock(s_->m);
            if (s_->st == St::running || s_->st == St::finished) return false;
            if (s_->st == St::cancelled) return true;
            s_->st = St::cancelled;
            s_->cv.notify_all();
        }
        invoke_callbacks();
        return true;
    }
    // Future.set_running_or_notify_cancel: false if it was cancelled.
    bool set_running_or_notify_cancel() {
        std::lock_guard lock(s_->m);
        if (s_->st == St::cancelled) return false;
        if (s_->st != St::pending) throw RuntimeError("Future in unexpected state");
        s_->st = St::running;
        return true;
    }
    template <class... V>
    void set_result(V&&... v) {
        {
            std::lock_guard lock(s_->m);
            if (s_->st == St::cancelled || s_->st == St::finished) throw InvalidStateError("invalid state");
            s_->value.store(std::forward<V>(v)...);
            s_->st = St::finished;
            s_->cv.notify_all();
        }
        invoke_callbacks();
    }
    void set_exception(std::exception_ptr e) {
        {
            std::lock_guard lock(s_->m);
            if (s_->st == St::cancelled || s_->st == St::finished) throw InvalidStateError("invalid state");
            s_->exc = std::move(e);
            s_->st = St::finished;
            s_->cv.notify_all();
        }
        invoke_callbacks();
    }

    // Future.result(timeout): blocks; CancelledError if cancelled,
    // TimeoutError when the timeout passes, else the value or the exception.
    T result(std::optional<double> timeout = std::nullopt) const {
        std::unique_lock lock(s_->m);
        wait_locked(lock, timeout);
        if (s_->st == St::cancelled) throw CancelledError();
        if (s_->exc) std::rethrow_exception(s_->exc);
        return s_->value.get();
    }
    std::exception_ptr exception(std::optional<double> timeout = std::nullopt) const {
        std::unique_lock lock(s_->m);
        wait_locked(lock, timeout);
        if (s_->st == St::cancelled) throw CancelledError();
        return s_->exc;
    }
    // Future.add_done_callback: called at once (in this thread) if done.
    void add_done_callback(Callback fn) {
        {
            std::lock_guard lock(s_->m);
            if (s_->st != St::cancelled && s_->st != St::finished) {
                s_->callbacks.push_back(std::move(fn));
                return;
            }
        }
        fn(*this);
    }

private:
    enum class St { pending, running, cancelled, finished };
    struct State {
        mutable std::mutex m;
        std::condition_variable cv;
        St st = St::pending;
        detail::ConcurrentValue<T> value;
        std::exception_ptr exc;
        std::vector<Callback> callbacks;
    };

    void wait_locked(std::unique_lock<std::mutex>& lock, std::optional<double> timeout) const {
        auto is_done = [this] { return s_->st == St::cancelled || s_->st == St::finished; };
        if (!timeout) {
            s_->cv.wait(lock, is_done);
        } else if (!s_->cv.wait_for(lock, std::chrono::duration<double>(*timeout), is_done)) {
            throw TimeoutError();
        }
    }
    void invoke_callbacks() {
        std::vector<Callback> cbs;
        {
            std::lock_guard lock(s_->m);
            cbs.swap(s_->callbacks);
        }
        for (auto& cb : cbs) cb(*this);
    }

    std::shared_ptr<State> s_;
};

// ---- the thread pool ----------------------------------------------------------

class ThreadPoolExecutor;

// One unit of work for the pool. `run` executes it on a worker; `discard`
// drops it unrun (cancelled, or shut down with cancel_futures). The pool
// keeps every job it accepted until the job calls pool->finished(this) (on
// whichever thread may free it); jobs never finished are freed with the pool.
struct ExecutorJob {
    virtual ~ExecutorJob() = default;
    virtual void run() noexcept = 0;
    virtual void discard() noexcept = 0;
    ExecutorJob* next = nullptr;       // the pool's work queue
    ExecutorJob* live_prev = nullptr;  // the pool's list of live jobs
    ExecutorJob* live_next = nullptr;
    ThreadPoolExecutor* pool = nullptr;
    std::uint64_t id = 0;
};

// concurrent.futures.ThreadPoolExecutor: FIFO job queue, worker threads
// started on demand (a new one only when none is idle, up to max_workers).
class ThreadPoolExecutor {
public:
    // ThreadPoolExecutor's default: min(32, cpu_count + 4).
    explicit ThreadPoolExecutor(std::size_t max_workers = 0);
    ~ThreadPoolExecutor();  // shutdown(wait=true)
    ThreadPoolExecutor(const ThreadPoolExecutor&) = delete;
    ThreadPoolExecutor& operator=(const ThreadPoolExecutor&) = delete;

    // Queues a job (ownership passes to the pool); returns its id.
    // RuntimeError after shutdown.
    std::uint64_t submit(ExecutorJob* job);
    // Removes the job `id` if it has not started; it is then discarded here.
    bool cancel(std::uint64_t id);
    // The job is done with: unlink and free it.
    void finished(ExecutorJob* job) noexcept;
    // Executor.shutdown: no new jobs; cancel_futures discards the queued
    // ones; wait joins the workers (they finish the queue first).
    void shutdown(bool wait = true, bool cancel_futures = false);
    std::size_t max_workers() const { return max_workers_; }
    std::size_t thread_count() const;

private:
    void worker();

    std::size_t max_workers_;
    mutable std::mutex m_;
    std::condition_variable cv_;
    ExecutorJob* head_ = nullptr;
    ExecutorJob* tail_ = nullptr;
    ExecutorJob* live_ = nullptr;
    std::vector<std::thread> threads_;
    std::size_t idle_ = 0;
    std::uint64_t next_id_ = 0;
    bool shutdown_ = false;
};

// ---- run_in_executor / to_thread -------------------------------------------

namespace detail {

// A job whose outcome goes back to an asyncio future on `loop`
// (futures.wrap_future + _chain_future): the worker runs fn, then hands the
// job to the loop with call_soon_threadsafe, where the future gets the
// outcome unless it was cancelled (threads.to-thread.cancel-awaiter).
template <class F, class R>
class LoopJob final : public ExecutorJob {
public:
    LoopJob(EventLoop& loop, F fn, Future<R> fut) : loop_(&loop), fn_(std::move(fn)), fut_(std::move(fut)) {}
    // Never delivered (the loop closed first): drop the future's cancel hook,
    // which holds a reference to the future (a cycle otherwise).
    ~LoopJob() override {
        if (!fut_.done()) fut_.remove_done_callback(this);
    }

    void run() noexcept override {
        try {
            if constexpr (std::is_void_v<R>) {
                fn_();
                ok_ = true;
            } else {
                value_.emplace(fn_());
            }
        } catch (...) {
            exc_ = std::current_exception();
        }
        hand_back();
    }
    void discard() noexcept override { hand_back(); }

private:
    // The job's asyncio state is released on the loop thread only. If the
    // loop is closed (or drops the callback when closing), the pool frees
    // the job when it is destroyed.
    void hand_back() noexcept {
        LoopJob* self = this;
        try {
            loop_->call_soon_threadsafe([self] { self->deliver(); });
        } catch (...) {
        }
    }
    // futures._copy_future_state on the loop thread.
    void deliver() {
        struct Free {
            LoopJob* job;
            ~Free() { job->pool->finished(job); }
        } free{this};
        loop_->done_external_work();
        if (fut_.done()) return;  // cancelled meanwhile: the result is discarded
        if (exc_) {
            fut_.set_exception(exc_);
        } else if constexpr (std::is_void_v<R>) {
            if (ok_)
                fut_.set_result();
            else
                fut_.cancel();  // discarded unrun
        } else {
            if (value_)
                fut_.set_result(std::move(*value_));
            else
                fut_.cancel();
        }
    }

    EventLoop* loop_;
    F fn_;
    Future<R> fut_;
    std::optional<std::conditional_t<std::is_void_v<R>, int, R>> value_;
    std::exception_ptr exc_;
    bool ok_ = false;
};

}  // namespace detail

// The loop's default executor (created on first use); RuntimeError once
// shutdown_default_executor or close has been called.
ThreadPoolExecutor& default_executor(EventLoop& loop);

// loop.run_in_executor(executor, fn): an asyncio future for fn() run in the
// pool (nullptr: the loop's default executor). Cancelling the future cancels
// the job if it has not started; a running thread is never interrupted. The
// loop counts the job as external work, so a virtual-clock loop waits for it.
template <class F, class R = std::invoke_result_t<std::decay_t<F>&>>
Future<R> run_in_executor(EventLoop& loop, ThreadPoolExecutor* executor, F&& fn) {
    ThreadPoolExecutor& pool = executor ? *executor : default_executor(loop);
    Future<R> fut = create_future<R>(loop);
    auto* job = new detail::LoopJob<std::decay_t<F>, R>(loop, std::forward<F>(fn), fut);
    loop.add_external_work();
    std::uint64_t id;
    try {
        id = pool.submit(job);
    } catch (...) {
        loop.done_external_work();
        delete job;
        throw;
    }
    // futures._chain_future: _call_check_cancel (cancel the pool's job).
    fut.add_done_callback(
        [&pool, id](Future<R> f) {
            if (f.cancelled()) pool.cancel(id);
        },
        job);
    return fut;
}

// asyncio.to_thread(fn): `await loop.run_in_executor(None, fn)` on the
// running loop. threads.to-thread.result, threads.to-thread.exception,
// threads.to-thread.cancel-awaiter.
template <class F, class R = std::invoke_result_t<std::decay_t<F>&>>
Coro<R> to_thread(F fn) {
    Future<R> fut = run_in_executor(get_running_loop(), nullptr, std::move(fn));
    co_return co_await fut;
}

// loop.shutdown_default_executor(): shuts the pool down (waiting for its
// threads) from a helper thread and resumes when that is done; later
// run_in_executor(nullptr) calls raise RuntimeError.
Coro<> shutdown_default_executor(EventLoop& loop);

// ---- run_coroutine_threadsafe ------------------------------------------------

namespace detail {

// Shared between the submitting thread and the loop: the task pointer is
// read and written on the loop thread only (set when the task is created,
// cleared by the task's done callback, which keeps the task alive until then).
struct ThreadsafeLink {
    TaskBase* task = nullptr;
};

}  // namespace detail

// asyncio.run_coroutine_threadsafe(coro, loop), from any thread: the
// coroutine becomes a task on the loop through call_soon_threadsafe, and the
// returned ConcurrentFuture follows it (futures._chain_future).
// threads.run-coroutine-threadsafe.result, .exception, .type-error, .cancel, .fifo
template <class T>
ConcurrentFuture<T> run_coroutine_threadsafe(Coro<T> coro, EventLoop& loop) {
    if (!coro) throw TypeError("A coroutine object is required");
    ConcurrentFuture<T> cf;
    auto link = std::make_shared<detail::ThreadsafeLink>();
    EventLoop* lp = &loop;
    loop.call_soon_threadsafe([lp, cf, link, c = std::move(coro)]() mutable {
        Task<T> task = create_task(*lp, std::move(c));
        link->task = task.base();
        // _call_check_cancel: a cancelled concurrent future cancels the task
        // on its loop (call_soon_threadsafe, from whichever thread cancels).
        ConcurrentFuture<T> cf_copy = cf;
        cf_copy.add_done_callback([lp, link](ConcurrentFuture<T> f) {
            if (!f.cancelled()) return;
            try {
                lp->call_soon_threadsafe([link] {
                    if (link->task) link->task->cancel();
                });
            } catch (const RuntimeError&) {
                // the loop is closed
            }
        });
        // _call_set_state: the task's outcome goes to the concurrent future.
        task.add_done_callback([cf, link](Task<T> t) mutable {
            link->task = nullptr;
            if (t.cancelled()) {
                cf.cancel();
                return;
            }
            if (!cf.set_running_or_notify_cancel()) return;
            std::exception_ptr exc = t.exception();
            if (exc) {
                cf.set_exception(exc);
            } else if constexpr (std::is_void_v<T>) {
                cf.set_result();
            } else {
                cf.set_result(t.result());
            }
        });
    });
    return cf;
}

}  // namespace asyncio
