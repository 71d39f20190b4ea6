// The interpreter's synchronisation family (spec/IR.md "Expressions",
// "call_method", "async_with"): asyncio.Lock, Event, Condition, Semaphore,
// BoundedSemaphore, Barrier, Queue/LifoQueue/PriorityQueue (+ 3.13
// shutdown), to_thread, run_coroutine_threadsafe and
// loop.call_soon_threadsafe, over the optional adapter capabilities of
// adapter_sync.hpp. The model is spec/harness/ir_interp.py, which calls
// CPython's own objects.
//
// Python-level coroutine methods (acquire, wait, get, put, join, reset,
// abort, wait_for) return coroutine objects of the interpreter whose body
// awaits the adapter's awaitable: awaiting one runs inline (no extra loop
// iteration), create_task() on one works.
//
// Threads: the interpreter has a global lock (SyncState::gil, CPython's GIL):
// the loop's thread holds it while it runs and releases it only while the
// loop blocks waiting for events (the adapter's blocking hook) and while a
// call blocks (a concurrent future's result()). A to_thread function takes
// it on its worker thread, so one thread at a time runs IR code and touches
// the interpreter's state.
#pragma once

#include <cstddef>
#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <type_traits>
#include <utility>

#include "asyncspec/adapter.hpp"
#include "asyncspec/adapter_sync.hpp"
#include "asyncspec/eval.hpp"
#include "asyncspec/interp_sync_state.hpp"
#include "asyncspec/value.hpp"

namespace asyncspec {

enum class SyncKind {
    lock,
    event,
    condition,
    semaphore,
    bounded_semaphore,
    barrier,
    queue,
    lifo_queue,
    priority_queue,
    concurrent_future,
};

namespace detail {
template <class T>
struct sync_await_result {
    using type = decltype(std::declval<T>().await_resume());
};
template <class T>
requires requires { std::declval<T>().operator co_await(); }
struct sync_await_result<T> {
    using type = decltype(std::declval<T>().operator co_await().await_resume());
};
}  // namespace detail

// The family's entry points, called from the interpreter's hooks; I is
// Interpreter<A> (this is its friend).
template <class I>
struct SyncExt {
    using A = typename I::adapter_type;
    using Frame = typename I::Frame;
    using Args = typename I::Args;
    using CoroObj = typename I::CoroObj;
    using CallCtx = typename I::CallCtx;
    using NativeObj = typename I::NativeObj;

    // The family's runtime objects: methods, attributes and `async with`
    // through the interpreter's per-kind hooks (NativeObj).
    struct Obj : NativeObj {
        explicit Obj(SyncKind k) : sync_kind(k) {}
        SyncKind sync_kind;
        // A queue's maxsize as the program gave it (the attribute is that
        // object: an int or a float); the implementation compares with it.
        Value maxsize;
        std::string type_name() const override {
            switch (sync_kind) {
                case SyncKind::lock:
                    return "Lock";
                case SyncKind::event:
                    return "Event";
                case SyncKind::condition:
                    return "Condition";
                case SyncKind::semaphore:
                    return "Semaphore";
                case SyncKind::bounded_semaphore:
                    return "BoundedSemaphore";
                case SyncKind::barrier:
                    return "Barrier";
                case SyncKind::queue:
                    return "Queue";
                case SyncKind::lifo_queue:
                    return "LifoQueue";
                case SyncKind::priority_queue:
                    return "PriorityQueue";
                case SyncKind::concurrent_future:
                    return "Future";
            }
            return "object";
        }
        std::optional<Value> method(I& in, const std::string& m, Args& args, Frame& fr) override {
            return SyncExt::method(in, *this, m, args, fr);
        }
        std::optional<Value> attribute(I& in, const std::string& name, Frame&) override {
            return SyncExt::attribute(in, *this, name);
        }
        // Lock, Semaphore, BoundedSemaphore, Condition (_ContextManagerMixin):
        // __aenter__ = `await self.acquire()` (binds None), __aexit__ = release().
        // lock.async-with.release-on-exit, semaphore.async-with.*
        // Barrier: __aenter__ = `return await self.wait()` (binds the arrival
        // index), __aexit__ does nothing (barrier.async-with.index).
        bool is_async_cm() const override {
            switch (sync_kind) {
                case SyncKind::lock:
                case SyncKind::condition:
                case SyncKind::semaphore:
                case SyncKind::bounded_semaphore:
                case SyncKind::barrier:
                    return true;
                default:
                    return false;
            }
        }
        Eval<Value> aenter(I& in, Frame& fr) override {
            Args none;
            const bool barrier = sync_kind == SyncKind::barrier;
            std::optional<Value> entered = SyncExt::method(in, *this, barrier ? "wait" : "acquire", none, fr);
            if (!entered) in.raise_new("AttributeError", "__aenter__", &fr);
            Value index = co_await in.await_value(std::move(*entered), fr);
            co_return barrier ? index : Value();
        }
        Eval<bool> aexit(I& in, std::exception_ptr, Frame& fr) override {
            if (sync_kind == SyncKind::barrier) co_return false;
            Args none;
            SyncExt::method(in, *this, "release", none, fr);
            co_return false;
        }
    };
    template <class H>
    struct Handle final : Obj {
        Handle(SyncKind k, H handle) : Obj(k), h(std::move(handle)) {}
        H h;
        void break_refs() override {  // a queue holding itself...
            if constexpr (std::is_default_constructible_v<H>) h = H{};
        }
    };

    // ------------------------------------------------------------- running
    static void start(I& in) {
        in.sync_.start();
        if constexpr (has_threads<A>) in.a().set_blocking_hook([&in](bool entering) { in.sync_.blocking(entering); });
    }

    // ------------------------------------------------------------- helpers
    template <class H>
    static Value wrap(SyncKind k, H h) {
        return Value(make_obj<Handle<H>>(k, std::move(h)));
    }
    template <class H>
    static H& handle(Obj& o) {
        return static_cast<Handle<H>&>(o).h;
    }
    static Obj* sync_object(const Value& v) {
        if (!v.is(Kind::native)) return nullptr;
        return dynamic_cast<Obj*>(v.obj().get());
    }
    template <class R>
    static Value to_value(R&& r) {
        using D = std::decay_t<R>;
        if constexpr (std::is_same_v<D, Value>)
            return std::forward<R>(r);
        else if constexpr (std::is_same_v<D, bool>)
            return Value(static_cast<bool>(r));
        else
            return Value(static_cast<std::int64_t>(r));
    }

    // A coroutine object whose body awaits mk() (the adapter's awaitable,
    // made when the coroutine first runs).
    template <class Mk>
    static Value coro(I& in, std::string name, Mk mk) {
        auto c = make_obj<CoroObj>();
        c->ctx = std::make_shared<CallCtx>();
        c->name = std::move(name);
        c->body = native_body(in, std::move(mk), c->ctx);
        return Value(c);
    }
    template <class Mk>
    static Eval<Value> native_body(I& in, Mk mk, std::shared_ptr<CallCtx> ctx) {
        using R = typename detail::sync_await_result<std::invoke_result_t<Mk&>>::type;
        Frame fr;
        fr.top = ctx->inherited;
        std::exception_ptr err;
        Value out;
        try {
            if constexpr (std::is_void_v<R>) {
                co_await mk();
            } else {
                auto r = co_await mk();
                out = to_value(std::move(r));
            }
        } catch (...) {
            err = std::current_exception();
        }
        if (err) in.reraise_here(err, &fr);
        co_return out;
    }

    // A synchronous call into the adapter (raises at this point of the program).
    template <class F>
    static Value sync(I& in, Frame& fr, F&& f) {
        return in.guarded(fr, [&]() -> Value {
            if constexpr (std::is_void_v<decltype(f())>) {
                f();
                return Value();
            } else {
                return to_value(f());
            }
        });
    }

    static std::int64_t int_arg(I& in, const Args& args, std::size_t pos, std::string_view name, std::int64_t dflt,
                                Frame& fr) {
        const Value* v = I::arg(args, pos, name);
        if (!v) return dflt;
        if (!v->is_intlike()) in.raise_new("TypeError", "'" + in.type_name(*v) + "' object cannot be an int", &fr);
        return v->as_int();
    }

    // ------------------------------------------------------------ call_api
    static std::optional<Value> call_api(I& in, const std::string& api, Args& args, Frame& fr) {
        A& a = in.a();
        if (api == "Lock") {
            if constexpr (has_locks<A>) return wrap(SyncKind::lock, a.make_lock());
            return std::nullopt;
        }
        if (api == "Event") {
            if constexpr (has_events<A>) return wrap(SyncKind::event, a.make_event());
            return std::nullopt;
        }
        if (api == "Condition") {
            if constexpr (has_conditions<A>) {
                // condition.lock.shared
                std::optional<typename A::lock_type> lock;
                Value l = in.arg_or(args, 0, "lock", Value());
                if (!l.is_none()) {
                    Obj* so = sync_object(l);
                    if (!so || so->sync_kind != SyncKind::lock)
                        in.raise_new("TypeError", "Condition(lock): a Lock is required", &fr);
                    lock = handle<typename A::lock_type>(*so);
                }
                return wrap(SyncKind::condition, a.make_condition(std::move(lock)));
            }
            return std::nullopt;
        }
        if (api == "Semaphore" || api == "BoundedSemaphore") {
            if constexpr (has_semaphores<A>) {
                // semaphore.init.negative
                const bool bounded = api == "BoundedSemaphore";
                std::int64_t v = int_arg(in, args, 0, "value", 1, fr);
                auto s = in.guarded(fr, [&] { return a.make_semaphore(v, bounded); });
                return wrap(bounded ? SyncKind::bounded_semaphore : SyncKind::semaphore, std::move(s));
            }
            return std::nullopt;
        }
        if (api == "Barrier") {
            if constexpr (has_barriers<A>) {
                // barrier.init.parties
                const Value& p = in.need(args, 0, "parties", fr);
                if (!p.is_intlike()) in.raise_new("TypeError", "parties must be an int", &fr);
                auto b = in.guarded(fr, [&] { return a.make_barrier(p.as_int()); });
                return wrap(SyncKind::barrier, std::move(b));
            }
            return std::nullopt;
        }
        if (api == "Queue" || api == "LifoQueue" || api == "PriorityQueue") {
            if constexpr (has_queues<A>) {
                // queue.order.*: PriorityQueue compares with Python's `<`.
                QueueKind k = api == "Queue"       ? QueueKind::fifo
                              : api == "LifoQueue" ? QueueKind::lifo
                                                   : QueueKind::priority;
                // queue.maxsize.float: any number; full() is 0 < maxsize <= qsize().
                Value given = I::arg(args, 0, "maxsize") ? *I::arg(args, 0, "maxsize") : Value(std::int64_t{0});
                if (!given.is_number()) in.raise_new("TypeError", "maxsize must be a number", &fr);
                double maxsize = given.as_float();
                ValueLess less = [&in](const Value& l, const Value& r) {
                    Frame f;
                    return in.compare("<", l, r, f);
                };
                auto q = in.guarded(fr, [&] { return a.make_queue(k, maxsize, less); });
                Value v = wrap(k == QueueKind::fifo   ? SyncKind::queue
                               : k == QueueKind::lifo ? SyncKind::lifo_queue
                                                      : SyncKind::priority_queue,
                               std::move(q));
                static_cast<Obj&>(*v.obj()).maxsize = std::move(given);
                return v;
            }
            return std::nullopt;
        }
        if (api == "to_thread") {
            if constexpr (has_threads<A>) {
                // threads.to-thread.result, .exception, .cancel-awaiter:
                // to_thread(func, /, *args, **kwargs) is a coroutine; the call
                // is submitted when it first runs and takes the interpreter's
                // lock on its worker thread.
                if (args.pos.empty()) in.raise_new("TypeError", "to_thread() missing argument 'func'", &fr);
                Value f = args.pos.front();
                Args call;
                call.pos.assign(args.pos.begin() + 1, args.pos.end());
                call.kw = args.kw;
                std::function<Value()> job = [&in, f, call]() -> Value {
                    StackMark mark;  // the worker's own stack budget
                    RunArena::Use arena(in.arena_);
                    std::lock_guard<std::mutex> gil(in.sync_.gil);
                    return in.call_value(f, call, nullptr);
                };
                return coro(in, "to_thread", [&in, job]() mutable { return in.a().to_thread(job); });
            }
            return std::nullopt;
        }
        if (api == "run_coroutine_threadsafe") {
            if constexpr (has_threads<A>) {
                // threads.run-coroutine-threadsafe.type-error: checked in the
                // calling thread, nothing scheduled.
                const Value& c = in.need(args, 0, "coro", fr);
                if (!c.is(Kind::coroutine)) in.raise_new("TypeError", "A coroutine object is required", &fr);
                in.need(args, 1, "loop", fr);
                auto co = c.template as<CoroObj>();
                if (co->consumed) in.raise_new("RuntimeError", "cannot reuse already awaited coroutine", &fr);
                co->consumed = true;
                co->ctx->inherited = nullptr;
                auto cf = in.guarded(fr, [&] { return a.run_coroutine_threadsafe(std::move(co->body)); });
                return wrap(SyncKind::concurrent_future, std::move(cf));
            }
            return std::nullopt;
        }
        return std::nullopt;
    }

    // --------------------------------------------------- loop call_method
    // loop.call_soon_threadsafe (threads.call-soon-threadsafe.fifo).
    static std::optional<Value> call_method(I& in, const Value& obj, const std::string& m, Args& args, Frame& fr) {
        if (!obj.is(Kind::loop) || m != "call_soon_threadsafe") return std::nullopt;
        if constexpr (has_threads<A>) {
            if (args.pos.empty()) in.raise_new("TypeError", m + " needs a callback", &fr);
            Args cb_args;
            cb_args.pos.assign(args.pos.begin() + 1, args.pos.end());
            Callback cb = in.make_callback(args.pos[0], std::move(cb_args));
            auto h = in.guarded(fr, [&] { return in.a().call_soon_threadsafe(std::move(cb)); });
            return Value(make_obj<typename I::HandleObj>(std::move(h), false));
        }
        return std::nullopt;
    }

    // ------------------------------------------------------------- methods
    static std::optional<Value> method(I& in, Obj& o, const std::string& m, Args& args, Frame& fr) {
        A& a = in.a();
        switch (o.sync_kind) {
            case SyncKind::lock:
                if constexpr (has_locks<A>) {
                    auto& x = handle<typename A::lock_type>(o);
                    // lock.acquire.*, lock.release.*
                    if (m == "acquire")
                        return coro(in, "acquire", [&in, x]() mutable { return in.a().lock_acquire(x); });
                    if (m == "release") return sync(in, fr, [&] { a.lock_release(x); });
                    if (m == "locked") return Value(a.lock_locked(x));
                }
                return std::nullopt;
            case SyncKind::event:
                if constexpr (has_events<A>) {
                    auto& x = handle<typename A::event_type>(o);
                    // event.wait.*, event.set.*
                    if (m == "wait") return coro(in, "wait", [&in, x]() mutable { return in.a().event_wait(x); });
                    if (m == "set") return sync(in, fr, [&] { a.event_set(x); });
                    if (m == "clear") return sync(in, fr, [&] { a.event_clear(x); });
                    if (m == "is_set") return Value(a.event_is_set(x));
                }
                return std::nullopt;
            case SyncKind::condition:
                if constexpr (has_conditions<A>)
                    return condition_method(in, a, handle<typename A::condition_type>(o), m, args, fr);
                return std::nullopt;
            case SyncKind::semaphore:
            case SyncKind::bounded_semaphore:
                if constexpr (has_semaphores<A>) {
                    auto& x = handle<typename A::semaphore_type>(o);
                    // semaphore.acquire.*, semaphore.release.*, semaphore.bounded.over-release
                    if (m == "acquire")
                        return coro(in, "acquire", [&in, x]() mutable { return in.a().semaphore_acquire(x); });
                    if (m == "release") return sync(in, fr, [&] { a.semaphore_release(x); });
                    if (m == "locked") return Value(a.semaphore_locked(x));
                }
                return std::nullopt;
            case SyncKind::barrier:
                if constexpr (has_barriers<A>) {
                    auto& x = handle<typename A::barrier_type>(o);
                    // barrier.wait.*, barrier.reset.breaks-waiters, barrier.abort.breaks
                    if (m == "wait") return coro(in, "wait", [&in, x]() mutable { return in.a().barrier_wait(x); });
                    if (m == "reset") return coro(in, "reset", [&in, x]() mutable { return in.a().barrier_reset(x); });
                    if (m == "abort") return coro(in, "abort", [&in, x]() mutable { return in.a().barrier_abort(x); });
                }
                return std::nullopt;
            case SyncKind::queue:
            case SyncKind::lifo_queue:
            case SyncKind::priority_queue:
                if constexpr (has_queues<A>) return queue_method(in, a, handle<typename A::queue_type>(o), m, args, fr);
                return std::nullopt;
            case SyncKind::concurrent_future:
                if constexpr (has_threads<A>)
                    return concurrent_method(in, a, handle<typename A::concurrent_type>(o), m, args, fr);
                return std::nullopt;
        }
        return std::nullopt;
    }

    template <class X>
    static std::optional<Value> condition_method(I& in, A& a, X& x, const std::string& m, Args& args, Frame& fr) {
        if (m == "acquire") return coro(in, "acquire", [&in, x]() mutable { return in.a().condition_acquire(x); });
        if (m == "release") return sync(in, fr, [&] { a.condition_release(x); });
        if (m == "locked") return Value(a.condition_locked(x));
        // condition.wait.*
        if (m == "wait") return coro(in, "wait", [&in, x]() mutable { return in.a().condition_wait(x); });
        if (m == "wait_for") {
            // condition.wait-for.predicate: CPython's loop over wait().
            Value pred = in.need(args, 0, "predicate", fr);
            auto c = make_obj<CoroObj>();
            c->ctx = std::make_shared<CallCtx>();
            c->name = "wait_for";
            c->body = wait_for_body(in, x, std::move(pred), c->ctx);
            return Value(c);
        }
        // condition.notify.*
        if (m == "notify") {
            std::int64_t n = int_arg(in, args, 0, "n", 1, fr);
            return sync(in, fr, [&] { a.condition_notify(x, static_cast<std::size_t>(n < 0 ? 0 : n)); });
        }
        if (m == "notify_all") return sync(in, fr, [&] { a.condition_notify_all(x); });
        return std::nullopt;
    }

    template <class X>
    static Eval<Value> wait_for_body(I& in, X x, Value pred, std::shared_ptr<CallCtx> ctx) {
        Frame fr;
        fr.top = ctx->inherited;
        Value result = in.call_value(pred, Args{}, &fr);
        while (!I::truthy(result)) {
            std::exception_ptr err;
            try {
                co_await in.a().condition_wait(x);
            } catch (...) {
                err = std::current_exception();
            }
            if (err) in.reraise_here(err, &fr);
            result = in.call_value(pred, Args{}, &fr);
        }
        co_return result;
    }

    template <class X>
    static std::optional<Value> queue_method(I& in, A& a, X& x, const std::string& m, Args& args, Frame& fr) {
        // queue.put.*, queue.get.*, queue.join.*
        if (m == "put") {
            Value item = in.need(args, 0, "item", fr);
            return coro(in, "put", [&in, x, item]() mutable { return in.a().queue_put(x, item); });
        }
        if (m == "get") return coro(in, "get", [&in, x]() mutable { return in.a().queue_get(x); });
        if (m == "join") return coro(in, "join", [&in, x]() mutable { return in.a().queue_join(x); });
        // queue.nowait.full-empty
        if (m == "put_nowait") {
            Value item = in.need(args, 0, "item", fr);
            return sync(in, fr, [&] { a.queue_put_nowait(x, item); });
        }
        if (m == "get_nowait") return sync(in, fr, [&] { return a.queue_get_nowait(x); });
        if (m == "qsize") return Value(static_cast<std::int64_t>(a.queue_qsize(x)));
        if (m == "empty") return Value(a.queue_empty(x));
        if (m == "full") return Value(a.queue_full(x));
        if (m == "task_done") return sync(in, fr, [&] { a.queue_task_done(x); });
        if (m == "shutdown") {
            // queue.shutdown.* (3.13)
            if constexpr (has_queue_shutdown<A>) {
                bool immediate = I::truthy(in.arg_or(args, 0, "immediate", Value(false)));
                return sync(in, fr, [&] { a.queue_shutdown(x, immediate); });
            }
        }
        return std::nullopt;
    }

    template <class X>
    static std::optional<Value> concurrent_method(I& in, A& a, X& x, const std::string& m, Args& args, Frame& fr) {
        if (m == "result") {
            // threads.run-coroutine-threadsafe.result: blocks this thread; the
            // loop's thread runs IR code meanwhile (the lock is released).
            Value t = in.arg_or(args, 0, "timeout", Value());
            std::optional<double> timeout;
            if (!t.is_none()) timeout = in.number(t, fr);
            std::exception_ptr err;
            Value out;
            in.sync_.gil.unlock();
            try {
                out = a.concurrent_result(x, timeout);
            } catch (...) {
                err = std::current_exception();
            }
            in.sync_.gil.lock();
            if (err) in.reraise_here(err, &fr);
            return out;
        }
        if (m == "done") return Value(a.concurrent_done(x));
        if (m == "cancelled") return Value(a.concurrent_cancelled(x));
        // threads.run-coroutine-threadsafe.cancel
        if (m == "cancel") return sync(in, fr, [&] { return a.concurrent_cancel(x); });
        return std::nullopt;
    }

    // ----------------------------------------------------------- attributes
    static std::optional<Value> attribute(I& in, Obj& o, const std::string& name) {
        A& a = in.a();
        if (o.sync_kind == SyncKind::barrier) {
            if constexpr (has_barriers<A>) {
                auto& x = handle<typename A::barrier_type>(o);
                // barrier.n-waiting, barrier.init.parties
                if (name == "parties") return Value(static_cast<std::int64_t>(a.barrier_parties(x)));
                if (name == "n_waiting") return Value(static_cast<std::int64_t>(a.barrier_n_waiting(x)));
                if (name == "broken") return Value(a.barrier_broken(x));
            }
        } else if (o.sync_kind == SyncKind::queue || o.sync_kind == SyncKind::lifo_queue ||
                   o.sync_kind == SyncKind::priority_queue) {
            if constexpr (has_queues<A>)
                if (name == "maxsize") {
                    (void)a;
                    return o.maxsize;
                }
        }
        return std::nullopt;
    }
};

}  // namespace asyncspec
