// concurrent/futures/thread.py (ThreadPoolExecutor) and
// BaseEventLoop.run_in_executor / shutdown_default_executor.
#include "asyncio/threads.hpp"

#include <algorithm>

namespace asyncio {

ThreadPoolExecutor::ThreadPoolExecutor(std::size_t max_workers)
    : max_workers_(max_workers ? max_workers
                               : std::min<std::size_t>(32, std::max(1u, std::thread::hardware_concurrency()) + 4)) {}

ThreadPoolExecutor::~ThreadPoolExecutor() {
    shutdown(true);
    // Jobs whose hand-back never ran (their loop closed first).
    std::lock_guard lock(m_);
    while (ExecutorJob* job = live_) {
        live_ = job->live_next;
        delete job;
    }
}

std::uint64_t ThreadPoolExecutor::submit(ExecutorJob* job) {
    std::lock_guard lock(m_);
    if (shutdown_) throw RuntimeError("cannot schedule new futures after shutdown");
    job->id = ++next_id_;
    job->pool = this;
    job->live_prev = nullptr;
    job->live_next = live_;
    if (live_) live_->live_prev = job;
    live_ = job;
    job->next = nullptr;
    if (tail_)
        tail_->next = job;
    else
        head_ = job;
    tail_ = job;
    // _adjust_thread_count: an idle worker takes it, else start one (up to
    // max_workers).
    if (idle_ > 0) {
        --idle_;
    } else if (threads_.size() < max_workers_) {
        threads_.emplace_back([this] { worker(); });
    }
    cv_.notify_one();
    return job->id;
}

bool ThreadPoolExecutor::cancel(std::uint64_t id) {
    ExecutorJob* found = nullptr;
    {
        std::lock_guard lock(m_);
        ExecutorJob* prev = nullptr;
        for (ExecutorJob* j = head_; j; prev = j, j = j->next) {
            if (j->id != id) continue;
            if (prev)
                prev->next = j->next;
            else
                head_ = j->next;
            if (tail_ == j) tail_ = prev;
            j->next = nullptr;
            found = j;
            break;
        }
    }
    if (!found) return false;
    found->discard();
    return true;
}

void ThreadPoolExecutor::finished(ExecutorJob* job) noexcept {
    {
        std::lock_guard lock(m_);
        if (job->live_prev)
            job->live_prev->live_next = job->live_next;
        else
            live_ = job->live_next;
        if (job->live_next) job->live_next->live_prev = job->live_prev;
    }
    delete job;
}

void ThreadPoolExecutor::shutdown(bool wait, bool cancel_futures) {
    ExecutorJob* dropped = nullptr;
    {
        std::lock_guard lock(m_);
        shutdown_ = true;
        if (cancel_futures) {
            dropped = head_;
            head_ = tail_ = nullptr;
        }
        cv_.notify_all();
    }
    while (dropped) {
        ExecutorJob* j = dropped;
        dropped = j->next;
        j->next = nullptr;
        j->discard();
    }
    if (!wait) return;
    std::vector<std::thread> threads;
    {
        std::lock_guard lock(m_);
        threads.swap(threads_);
    }
    for (auto& t : threads)
        if (t.joinable()) t.join();
}

std::size_t ThreadPoolExecutor::thread_count() const {
    std::lock_guard lock(m_);
    return threads_.size();
}

// thread._worker: take jobs in FIFO order; when the queue is empty, count
// as idle and wait; after shutdown, finish the queue and exit.
void ThreadPoolExecutor::worker() {
    std::unique_lock lock(m_);
    while (true) {
        if (!head_) {
            ++idle_;
            cv_.wait(lock, [this] { return head_ != nullptr || shutdown_; });
            if (!head_) return;
        }
        ExecutorJob* job = head_;
        head_ = job->next;
        if (!head_) tail_ = nullptr;
        job->next = nullptr;
        lock.unlock();
        job->run();  // hands the job back; it may be freed from now on
        lock.lock();
    }
}

ThreadPoolExecutor& default_executor(EventLoop& loop) {
    if (loop.is_closed()) throw RuntimeError("Event loop is closed");
    if (loop.executor_shutdown_called) throw RuntimeError("Executor shutdown has been called");
    if (!loop.default_executor) loop.default_executor = std::make_unique<ThreadPoolExecutor>();
    return *loop.default_executor;
}

// BaseEventLoop.shutdown_default_executor: executor.shutdown(wait=True) in a
// helper thread, which then sets a future on the loop; the thread is joined.
Coro<> shutdown_default_executor(EventLoop& loop) {
    loop.executor_shutdown_called = true;
    if (!loop.default_executor) co_return;
    Future<> fut = create_future<>(loop);
    FutureState<void>* st = fut.state();
    st->incref();  // released by the callback, on the loop thread
    ThreadPoolExecutor* pool = loop.default_executor.get();
    EventLoop* lp = &loop;
    loop.add_external_work();
    std::thread helper([pool, lp, st] {
        pool->shutdown(true);
        try {
            lp->call_soon_threadsafe([lp, st] {
                lp->done_external_work();
                if (!st->done()) st->set_result();  // _set_result_unless_cancelled
                st->decref();
            });
        } catch (...) {
        }
    });
    std::exception_ptr exc;
    try {
        co_await fut;
    } catch (...) {
        exc = std::current_exception();
    }
    helper.join();
    if (exc) std::rethrow_exception(exc);
}

}  // namespace asyncio
