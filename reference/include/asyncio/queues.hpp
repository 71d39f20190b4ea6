// Lib/asyncio/queues.py (CPython 3.13): Queue, LifoQueue, PriorityQueue,
// templated on the item type, with the 3.13 shutdown().
//
// get()/put() complete in await_ready when the queue is not empty/full (no
// suspension, no allocation); otherwise they run CPython's `while` loop in a
// coroutine (pooled frame) awaiting one pooled future per wait, so wake-ups
// take CPython's iteration counts: put/get -> the waiter resumes one
// iteration later.
#pragma once

#include <coroutine>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <optional>
#include <utility>
#include <vector>

#include "asyncio/detail/waiters.hpp"
#include "asyncio/exceptions.hpp"
#include "asyncio/locks.hpp"
#include "asyncio/tasks.hpp"

namespace asyncio {

namespace detail {

// Queue._init/_put/_get of the three kinds.
template <class T>
struct FifoStore {
    std::deque<T> items;
    void put(T v) { items.push_back(std::move(v)); }
    T get() {
        T v = std::move(items.front());
        items.pop_front();
        return v;
    }
};

template <class T>
struct LifoStore {
    std::vector<T> items;
    void put(T v) { items.push_back(std::move(v)); }
    T get() {
        T v = std::move(items.back());
        items.pop_back();
        return v;
    }
};

// heapq.heappush/heappop, ported line by line so equal keys come out in
// CPython's order.
template <class T, class Compare>
struct HeapStore {
    std::vector<T> items;
    Compare less;
    void put(T v) {
        items.push_back(std::move(v));
        sift_down(0, items.size() - 1);
    }
    T get() {
        T last = std::move(items.back());
        items.pop_back();
        if (items.empty()) return last;
        T top = std::move(items[0]);
        items[0] = std::move(last);
        sift_up(0);
        return top;
    }
    void sift_down(std::size_t start, std::size_t pos) {
        T item = std::move(items[pos]);
        while (pos > start) {
            const std::size_t parent = (pos - 1) >> 1;
            if (less(item, items[parent])) {
                items[pos] = std::move(items[parent]);
                pos = parent;
                continue;
            }
            break;
        }
        items[pos] = std::move(item);
    }
    void sift_up(std::size_t pos) {
        const std::size_t end = items.size();
        const std::size_t start = pos;
        T item = std::move(items[pos]);
        std::size_t child = 2 * pos + 1;
        while (child < end) {
            const std::size_t right = child + 1;
            if (right < end && !less(items[child], items[right])) child = right;
            items[pos] = std::move(items[child]);
            pos = child;
            child = 2 * pos + 1;
        }
        items[pos] = std::move(item);
        sift_down(start, pos);
    }
};

template <class T, class Store>
class BasicQueue {
public:
    using value_type = T;

    // queue.maxsize.unbounded: maxsize <= 0 is unbounded; queue.maxsize.float:
    // any number (Python compares qsize() >= maxsize).
    explicit BasicQueue(double maxsize = 0) : maxsize_(maxsize) {
        finished_.set();
    }
    BasicQueue(const BasicQueue&) = delete;
    BasicQueue& operator=(const BasicQueue&) = delete;

    // queue.size.qsize-empty-full
    std::size_t qsize() const { return store_.items.size(); }
    double maxsize() const { return maxsize_; }
    bool empty() const { return store_.items.empty(); }
    bool full() const { return maxsize_ > 0 && static_cast<double>(qsize()) >= maxsize_; }
    bool is_shutdown() const { return is_shutdown_; }
    std::size_t unfinished_tasks() const { return unfinished_tasks_; }

    // queue.nowait.full-empty, queue.shutdown.put-raises, queue.put.wakes-getter
    void put_nowait(T item) {
        if (is_shutdown_) throw QueueShutDown();
        if (full()) throw QueueFull();
        store_.put(std::move(item));
        ++unfinished_tasks_;
        finished_.clear();
        wakeup_next(getters_);
    }

    // queue.nowait.full-empty, queue.shutdown.get-drains, queue.put.fifo-putters
    T get_nowait() {
        if (empty()) {
            if (is_shutdown_) throw QueueShutDown();
            throw QueueEmpty();
        }
        T item = store_.get();
        wakeup_next(putters_);
        return item;
    }

    // `await q.put(item)`
    class [[nodiscard]] PutAwaiter {
    public:
        PutAwaiter(BasicQueue* q, T item) : q_(q), item_(std::move(item)) {}
        // queue.put.blocks-when-full: not full -> put_nowait, no suspension.
        bool await_ready() {
            if (!q_->full()) return true;
            slow_.emplace(q_->put_slow(std::move(*item_)));
            await_.emplace(std::move(*slow_).operator co_await());
            return false;
        }
        std::coroutine_handle<> await_suspend(std::coroutine_handle<> h) { return await_->await_suspend(h); }
        void await_resume() {
            if (await_) return await_->await_resume();
            q_->put_nowait(std::move(*item_));
        }

    private:
        BasicQueue* q_;
        std::optional<T> item_;
        std::optional<Coro<>> slow_;
        std::optional<typename Coro<>::Awaiter> await_;
    };
    PutAwaiter put(T item) { return PutAwaiter(this, std::move(item)); }

    // `await q.get()`
    class [[nodiscard]] GetAwaiter {
    public:
        explicit GetAwaiter(BasicQueue* q) : q_(q) {}
        // queue.get.blocks-until-put: not empty -> get_nowait, no suspension.
        bool await_ready() {
            if (!q_->empty()) return true;
            slow_.emplace(q_->get_slow());
            await_.emplace(std::move(*slow_).operator co_await());
            return false;
        }
        std::coroutine_handle<> await_suspend(std::coroutine_handle<> h) { return await_->await_suspend(h); }
        T await_resume() {
            if (await_) return await_->await_resume();
            return q_->get_nowait();
        }

    private:
        BasicQueue* q_;
        std::optional<Coro<T>> slow_;
        std::optional<typename Coro<T>::Awaiter> await_;
    };
    GetAwaiter get() { return GetAwaiter(this); }

    // queue.task-done.too-many, queue.join.blocks-until-done
    void task_done() {
        if (unfinished_tasks_ == 0) throw ValueError("task_done() called too many times");
        if (--unfinished_tasks_ == 0) finished_.set();
    }

    // queue.join.zero-no-suspend: `if self._unfinished_tasks > 0: await
    // self._finished.wait()`; the event is set exactly when the count is 0.
    Event::WaitAwaiter join() { return finished_.wait(); }

    // queue.shutdown.immediate, queue.shutdown.wakes-blocked
    void shutdown(bool immediate = false) {
        is_shutdown_ = true;
        if (immediate) {
            while (!empty()) {
                (void)store_.get();
                if (unfinished_tasks_ > 0) --unfinished_tasks_;
            }
            if (unfinished_tasks_ == 0) finished_.set();
        }
        // All getters need to re-check queue-empty to raise QueueShutDown.
        while (Waiter* g = getters_.pop_front())
            if (!g->done()) g->wake();
        while (Waiter* p = putters_.pop_front())
            if (!p->done()) p->wake();
    }

    std::size_t getter_count() const { return getters_.size(); }
    std::size_t putter_count() const { return putters_.size(); }

protected:
    Store store_;

private:
    // Queue._wakeup_next: pop waiters until one that is not done; wake it.
    static void wakeup_next(WaiterQueue& waiters) {
        while (Waiter* w = waiters.pop_front()) {
            if (!w->done()) {
                w->wake();
                break;
            }
        }
    }

    // Queue.put: `while self.full(): ...`; queue.put.cancel-passes-wakeup.
    Coro<> put_slow(T item) {
        while (full()) {
            if (is_shutdown_) throw QueueShutDown();
            Waiter putter;
            putter.create(get_running_loop());
            putters_.push_back(&putter);
            std::exception_ptr exc;
            try {
                co_await AwaitWaiter{putter};
            } catch (...) {
                exc = std::current_exception();
            }
            if (exc) {
                putter.fut->cancel();  // just in case putter is not done yet
                putters_.remove(&putter);
                if (!full() && !putter.cancelled()) wakeup_next(putters_);
                std::rethrow_exception(exc);
            }
        }
        put_nowait(std::move(item));
    }

    // Queue.get: `while self.empty(): ...`; queue.get.cancel-passes-wakeup,
    // queue.get.recheck-after-wakeup.
    Coro<T> get_slow() {
        while (empty()) {
            if (is_shutdown_) throw QueueShutDown();
            Waiter getter;
            getter.create(get_running_loop());
            getters_.push_back(&getter);
            std::exception_ptr exc;
            try {
                co_await AwaitWaiter{getter};
            } catch (...) {
                exc = std::current_exception();
            }
            if (exc) {
                getter.fut->cancel();  // just in case getter is not done yet
                getters_.remove(&getter);
                if (!empty() && !getter.cancelled()) wakeup_next(getters_);
                std::rethrow_exception(exc);
            }
        }
        co_return get_nowait();
    }

    double maxsize_;
    WaiterQueue getters_;
    WaiterQueue putters_;
    std::size_t unfinished_tasks_ = 0;
    Event finished_;
    bool is_shutdown_ = false;
};

}  // namespace detail

// queue.order.fifo
template <class T>
class Queue : public detail::BasicQueue<T, detail::FifoStore<T>> {
public:
    using detail::BasicQueue<T, detail::FifoStore<T>>::BasicQueue;
};

// queue.order.lifo
template <class T>
class LifoQueue : public detail::BasicQueue<T, detail::LifoStore<T>> {
public:
    using detail::BasicQueue<T, detail::LifoStore<T>>::BasicQueue;
};

// queue.order.priority: smallest first by `Compare` (Python's `<`).
template <class T, class Compare = std::less<T>>
class PriorityQueue : public detail::BasicQueue<T, detail::HeapStore<T, Compare>> {
public:
    using detail::BasicQueue<T, detail::HeapStore<T, Compare>>::BasicQueue;
};

}  // namespace asyncio
