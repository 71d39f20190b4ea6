// The reference adapter's synchronisation family (adapter_sync.hpp):
// asyncio::Lock, Event, Condition, Semaphore, BoundedSemaphore, Barrier,
// Queue/LifoQueue/PriorityQueue with 3.13 shutdown (locks.hpp, queues.hpp),
// and to_thread / run_coroutine_threadsafe / call_soon_threadsafe
// (threads.hpp). A CRTP base of ReferenceAdapter: D provides loop(),
// wrap(Eval<Value>) and handle_type.
#pragma once

#include <cstddef>
#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <utility>

#include "asyncio/locks.hpp"
#include "asyncio/queues.hpp"
#include "asyncio/threads.hpp"
#include "asyncspec/adapter_sync.hpp"
#include "asyncspec/value.hpp"

namespace asyncspec {

namespace reference_detail {

// One store for the three queue classes: FIFO (Queue), LIFO (LifoQueue) or
// the heap of PriorityQueue (heapq with Python's `<`).
struct DynStore : asyncio::detail::HeapStore<Value, ValueLess> {
    QueueKind kind = QueueKind::fifo;
    void put(Value v) {
        if (kind == QueueKind::priority)
            HeapStore::put(std::move(v));
        else
            items.push_back(std::move(v));
    }
    Value get() {
        if (kind == QueueKind::priority) return HeapStore::get();
        Value v;
        if (kind == QueueKind::lifo) {
            v = std::move(items.back());
            items.pop_back();
        } else {
            v = std::move(items.front());
            items.erase(items.begin());
        }
        return v;
    }
};

class DynQueue : public asyncio::detail::BasicQueue<Value, DynStore> {
public:
    DynQueue(QueueKind kind, double maxsize, ValueLess less) : BasicQueue(maxsize) {
        store_.kind = kind;
        store_.less = std::move(less);
    }
};

// An awaitable resuming with void (Queue.join returns None).
template <class Aw>
struct VoidAwait {
    Aw aw;
    bool await_ready() { return aw.await_ready(); }
    auto await_suspend(std::coroutine_handle<> h) { return aw.await_suspend(h); }
    void await_resume() { (void)aw.await_resume(); }
};

struct ConditionHandle {
    std::shared_ptr<asyncio::Lock> lock;  // the Condition's lock (shared with a Lock object, or its own)
    std::shared_ptr<asyncio::Condition> cond;
};

}  // namespace reference_detail

template <class D>
class ReferenceSyncOps {
public:
    // ---- Lock (lock.*)
    using lock_type = std::shared_ptr<asyncio::Lock>;
    lock_type make_lock() { return std::make_shared<asyncio::Lock>(); }
    auto lock_acquire(lock_type& x) { return x->acquire(); }
    void lock_release(lock_type& x) { x->release(); }
    bool lock_locked(lock_type& x) { return x->locked(); }

    // ---- Event (event.*)
    using event_type = std::shared_ptr<asyncio::Event>;
    event_type make_event() { return std::make_shared<asyncio::Event>(); }
    auto event_wait(event_type& x) { return x->wait(); }
    void event_set(event_type& x) { x->set(); }
    void event_clear(event_type& x) { x->clear(); }
    bool event_is_set(event_type& x) { return x->is_set(); }

    // ---- Condition (condition.*)
    using condition_type = reference_detail::ConditionHandle;
    condition_type make_condition(std::optional<lock_type> lock) {
        condition_type c;
        c.lock = lock ? *lock : std::make_shared<asyncio::Lock>();
        c.cond = std::make_shared<asyncio::Condition>(*c.lock);
        return c;
    }
    auto condition_acquire(condition_type& x) { return x.cond->acquire(); }
    void condition_release(condition_type& x) { x.cond->release(); }
    bool condition_locked(condition_type& x) { return x.cond->locked(); }
    auto condition_wait(condition_type& x) { return x.cond->wait(); }
    void condition_notify(condition_type& x, std::size_t n) { x.cond->notify(n); }
    void condition_notify_all(condition_type& x) { x.cond->notify_all(); }

    // ---- Semaphore, BoundedSemaphore (semaphore.*)
    using semaphore_type = std::shared_ptr<asyncio::Semaphore>;
    semaphore_type make_semaphore(std::int64_t value, bool bounded) {
        if (bounded) return std::make_shared<asyncio::BoundedSemaphore>(static_cast<long>(value));
        return std::make_shared<asyncio::Semaphore>(static_cast<long>(value));
    }
    auto semaphore_acquire(semaphore_type& x) { return x->acquire(); }
    void semaphore_release(semaphore_type& x) { x->release(); }
    bool semaphore_locked(semaphore_type& x) { return x->locked(); }

    // ---- Barrier (barrier.*)
    using barrier_type = std::shared_ptr<asyncio::Barrier>;
    barrier_type make_barrier(std::int64_t parties) {
        if (parties < 1) throw asyncio::ValueError("parties must be > 0");
        return std::make_shared<asyncio::Barrier>(static_cast<int>(parties));
    }
    auto barrier_wait(barrier_type& x) { return x->wait(); }
    auto barrier_reset(barrier_type& x) { return x->reset(); }
    auto barrier_abort(barrier_type& x) { return x->abort(); }
    std::int64_t barrier_parties(barrier_type& x) { return x->parties(); }
    std::int64_t barrier_n_waiting(barrier_type& x) { return x->n_waiting(); }
    bool barrier_broken(barrier_type& x) { return x->broken(); }

    // ---- Queue, LifoQueue, PriorityQueue (queue.*), shutdown (3.13)
    using queue_type = std::shared_ptr<reference_detail::DynQueue>;
    queue_type make_queue(QueueKind kind, double maxsize, ValueLess less) {
        return std::make_shared<reference_detail::DynQueue>(kind, maxsize, std::move(less));
    }
    auto queue_put(queue_type& x, Value v) { return x->put(std::move(v)); }
    auto queue_get(queue_type& x) { return x->get(); }
    auto queue_join(queue_type& x) { return reference_detail::VoidAwait<asyncio::Event::WaitAwaiter>{x->join()}; }
    void queue_put_nowait(queue_type& x, Value v) { x->put_nowait(std::move(v)); }
    Value queue_get_nowait(queue_type& x) { return x->get_nowait(); }
    std::int64_t queue_qsize(queue_type& x) { return static_cast<std::int64_t>(x->qsize()); }
    bool queue_empty(queue_type& x) { return x->empty(); }
    bool queue_full(queue_type& x) { return x->full(); }
    void queue_task_done(queue_type& x) { x->task_done(); }
    void queue_shutdown(queue_type& x, bool immediate) { x->shutdown(immediate); }

    // ---- threads (threads.*)
    using concurrent_type = asyncio::ConcurrentFuture<Value>;
    // asyncio.to_thread on the loop's default executor.
    asyncio::Coro<Value> to_thread(std::function<Value()> fn) { return asyncio::to_thread(std::move(fn)); }
    // From any thread.
    concurrent_type run_coroutine_threadsafe(Eval<Value> body) {
        return asyncio::run_coroutine_threadsafe(D::wrap(std::move(body)), self().loop());
    }
    Value concurrent_result(concurrent_type& x, std::optional<double> timeout) { return x.result(timeout); }
    bool concurrent_done(concurrent_type& x) { return x.done(); }
    bool concurrent_cancelled(concurrent_type& x) { return x.cancelled(); }
    bool concurrent_cancel(concurrent_type& x) { return x.cancel(); }
    auto call_soon_threadsafe(std::function<void()> fn) {
        return typename D::handle_type{self().loop().call_soon_threadsafe(std::move(fn)), {}, false};
    }
    void set_blocking_hook(std::function<void(bool)> hook) {
        blocking_hook_ = std::move(hook);
        asyncio::EventLoop& loop = self().loop();
        loop.blocking_hook_context = this;
        loop.blocking_hook = [](void* ctx, bool entering) {
            auto* ops = static_cast<ReferenceSyncOps*>(ctx);
            if (ops->blocking_hook_) ops->blocking_hook_(entering);
        };
    }

private:
    D& self() { return static_cast<D&>(*this); }
    std::function<void(bool)> blocking_hook_;
};

}  // namespace asyncspec
