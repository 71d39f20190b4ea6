// The interpreter's combinators family (spec/IR.md "call_api", "async_with",
// "async_for"): asyncio.gather, wait, wait_for, as_completed (plain and 3.13
// `async for`), shield, timeout/timeout_at, TaskGroup and the eager task
// factory, on the optional adapter capabilities of adapter_combinators.hpp.
// The model is spec/harness/ir_interp.py (CPython's own objects). The
// family's exception side (`except*`, exception links) is
// interp_exception_groups.hpp.
//
// API coroutine functions (wait, wait_for) return coroutine objects of the
// interpreter whose body awaits the adapter's awaitable: awaiting one runs
// inline (no extra loop iteration), create_task() on one works. Checks that
// the C++ API expresses with types (a coroutine passed to wait(), a bad
// return_when) are made here, where CPython makes them.
#pragma once

#include <cstdint>
#include <exception>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "asyncspec/adapter_combinators.hpp"
#include "asyncspec/eval.hpp"
#include "asyncspec/interp_exception_groups.hpp"
#include "asyncspec/value.hpp"

namespace asyncspec {

template <class I>
struct CombinatorsExt {
    using A = typename I::adapter_type;
    using Args = typename I::Args;
    using Frame = typename I::Frame;
    using NativeObj = typename I::NativeObj;
    using CoroObj = typename I::CoroObj;
    using CallCtx = typename I::CallCtx;
    using TaskObj = typename I::TaskObj;
    using FutureObj = typename I::FutureObj;
    using task_type = typename A::task_type;
    using future_type = typename A::future_type;

    // The adapter's handle types, or int when it lacks the capability.
    template <class B, bool = has_timeout<B>>
    struct TimeoutTypeOf {
        using type = int;
    };
    template <class B>
    struct TimeoutTypeOf<B, true> {
        using type = typename B::timeout_type;
    };
    template <class B, bool = has_taskgroup<B>>
    struct TaskGroupTypeOf {
        using type = int;
    };
    template <class B>
    struct TaskGroupTypeOf<B, true> {
        using type = typename B::taskgroup_type;
    };

    // ------------------------------------------------------------ helpers

    // A new coroutine object of the interpreter; `make(ctx)` builds its body.
    template <class F>
    static Value coroutine(std::string name, F&& make) {
        auto c = make_obj<CoroObj>();
        c->ctx = std::make_shared<CallCtx>();
        c->name = std::move(name);
        c->body = make(c->ctx);
        return Value(c);
    }

    // A coroutine object awaiting one awaitable of the implementation.
    template <class Aw>
    static Eval<Value> await_body(I& in, Aw aw, std::shared_ptr<CallCtx> ctx) {
        Frame fr;
        fr.top = ctx->inherited;
        std::exception_ptr err;
        Value out;
        try {
            out = co_await std::move(aw);
        } catch (...) {
            err = std::current_exception();
        }
        if (err) in.reraise_here(err, &fr);
        co_return out;
    }

    static bool is_awaitable_future(const Value& v) { return v.is(Kind::task) || v.is(Kind::future); }

    // ensure_future: a task/future as the adapter's future (tasks through
    // as_future), a coroutine wrapped in a new task (remembered in `made`,
    // so the same coroutine object twice is one task).
    static future_type ensure_future(I& in, const Value& v, std::vector<std::pair<const void*, Value>>& made, Frame& fr,
                                     const char* what) {
        if (is_awaitable_future(v)) return as_future(in, v);
        if (v.is(Kind::coroutine)) {
            const void* key = v.obj().get();
            for (auto& [k, t] : made)
                if (k == key) return as_future(in, t);
            Value t = in.create_task_from(v, std::nullopt, fr, I::TaskRoute::asyncio_create_task);
            made.emplace_back(key, t);
            return as_future(in, t);
        }
        in.raise_new("TypeError", what, &fr);
    }
    // A task or future value as the adapter's future (tasks through the
    // adapter's as_future).
    static future_type as_future(I& in, const Value& v) {
        if (v.is(Kind::future)) return v.template as<FutureObj>()->f;
        if constexpr (has_as_future<A>)
            return in.a().as_future(v.template as<TaskObj>()->t);
        else
            throw IRError("the adapter has no as_future");
    }
    // The program's object for a future the implementation handed back.
    static Value original(I& in, const future_type& f, const std::vector<Value>& inputs) {
        const void* id = in.a().identity(f);
        for (const Value& v : inputs)
            if (v.obj()->identity() == id) return v;
        return in.wrap_future(f);
    }
    static std::optional<double> opt_number(I& in, const Value& v, Frame& fr) {
        if (v.is_none()) return std::nullopt;
        return in.number(v, fr);
    }
    static const Value* kwarg(const Args& args, std::string_view name) {
        for (const auto& [k, v] : args.kw)
            if (k == name) return &v;
        return nullptr;
    }

    // ------------------------------------------------------------- call_api
    static std::optional<Value> call_api(I& in, const std::string& api, Args& args, Frame& fr) {
        if (api == "gather" || api == "shield" || api == "wait_for")  // custom awaitables (interp_classes.hpp)
            ClassesExt<I>::wrap_awaitables(in, args.pos);
        if (api == "gather") {
            if constexpr (has_gather<A>) return gather(in, args, fr);
        } else if (api == "shield") {
            if constexpr (has_shield<A>) return shield(in, args, fr);
        } else if (api == "wait") {
            if constexpr (has_wait<A>) {
                Value fs = in.need(args, 0, "fs", fr);
                Value timeout = in.arg_or(args, 1, "timeout", Value());
                Value rw = in.arg_or(args, 2, "return_when", Value("ALL_COMPLETED"));
                return coroutine("wait", [&](std::shared_ptr<CallCtx> ctx) {
                    return wait_body(in, std::move(fs), std::move(timeout), std::move(rw), std::move(ctx));
                });
            }
        } else if (api == "wait_for") {
            if constexpr (has_wait_for<A>) {
                Value aw = in.need(args, 0, "fut", fr);
                Value timeout = in.need(args, 1, "timeout", fr);
                return coroutine("wait_for", [&](std::shared_ptr<CallCtx> ctx) {
                    return wait_for_body(in, std::move(aw), std::move(timeout), std::move(ctx));
                });
            }
        } else if (api == "as_completed") {
            if constexpr (has_as_completed<A>) return as_completed(in, args, fr);
        } else if (api == "timeout" || api == "timeout_at") {
            if constexpr (has_timeout<A>) {
                std::optional<double> d = opt_number(in, in.need(args, 0, api == "timeout" ? "delay" : "when", fr), fr);
                auto t = api == "timeout" ? in.a().make_timeout(d) : in.a().make_timeout_at(d);
                return Value(make_obj<TimeoutObj>(std::move(t)));
            }
        } else if (api == "TaskGroup") {
            if constexpr (has_taskgroup<A>) return Value(make_obj<TaskGroupObj>(in.a().make_taskgroup()));
        } else if (api == "create_eager_task_factory") {
            if constexpr (has_eager_tasks<A>) {
                const Value& ctor = in.need(args, 0, "custom_task_constructor", fr);
                if (!ctor.is(Kind::api_ref) || ctor.template as<ApiRefObj>()->api != "Task")
                    in.raise_new("TypeError", "only asyncio.Task is a task constructor here", &fr);
                return Value(make_obj<ApiRefObj>("eager_task_factory"));
            }
        }
        return std::nullopt;
    }

    // ---------------------------------------------------------- call_method
    static std::optional<Value> call_method(I& in, const Value& obj, const std::string& m, Args& args, Frame& fr) {
        if (obj.is(Kind::loop) && m == "set_task_factory") {
            if constexpr (has_eager_tasks<A>) {
                const Value& f = in.need(args, 0, "factory", fr);
                if (f.is_none()) {
                    in.a().set_eager_task_factory(false);
                } else if (f.is(Kind::api_ref) && f.template as<ApiRefObj>()->api == "eager_task_factory") {
                    in.a().set_eager_task_factory(true);
                } else {
                    in.raise_new("TypeError", "task factory must be a callable or None", &fr);
                }
                in.task_factory_ = f;  // the object the program set, for get_task_factory()
                return Value();
            }
        }
        if (obj.is(Kind::loop) && m == "get_task_factory") return in.task_factory_;
        return std::nullopt;
    }

    // --------------------------------------------------------------- gather
    // gather(*aws, return_exceptions=False): the arguments as they are
    // (has_gather_awaitables: the implementation wraps each coroutine when
    // it reaches it), else ensure_future on each argument in order first;
    // then the implementation's gathering future.
    static Value gather(I& in, Args& args, Frame& fr) {
        bool re = false;
        if (const Value* v = kwarg(args, "return_exceptions")) re = I::truthy(*v);
        ExceptionToValue to_value = [&in](std::exception_ptr e) -> Value {
            ExcRef x = in.from_native(e);
            return x ? Value(x) : Value();
        };
        if constexpr (has_gather_awaitables<A>) {
            if (auto items = gather_args(in, args, fr))
                return in.guarded(fr, [&] { return in.wrap_future(in.a().gather(std::move(*items), re, to_value)); });
        }
        std::vector<std::pair<const void*, Value>> made;
        std::vector<future_type> children;
        children.reserve(args.pos.size());
        for (const Value& v : args.pos)
            children.push_back(
                ensure_future(in, v, made, fr, "An asyncio.Future, a coroutine or an awaitable is required"));
        return in.guarded(fr, [&] { return in.wrap_future(in.a().gather(std::move(children), re, to_value)); });
    }
    // The arguments for has_gather_awaitables; nullopt (wrap them here) when
    // one is not awaitable or a coroutine comes twice (one task for both).
    static std::optional<std::vector<GatherArg<future_type>>> gather_args(I& in, Args& args, Frame& fr) {
        std::vector<const void*> coros;
        for (const Value& v : args.pos) {
            if (v.is(Kind::coroutine)) {
                const void* key = v.obj().get();
                if (std::find(coros.begin(), coros.end(), key) != coros.end()) return std::nullopt;
                if (v.template as<CoroObj>()->consumed) return std::nullopt;
                coros.push_back(key);
            } else if (!is_awaitable_future(v)) {
                return std::nullopt;
            }
        }
        // A coroutine needs the running loop (threads.worker.no-running-loop),
        // found before any argument is taken.
        if constexpr (has_running_loop_check<A>)
            if (!coros.empty()) in.guarded(fr, [&] { in.a().check_running_loop(); });
        std::vector<GatherArg<future_type>> items;
        items.reserve(args.pos.size());
        for (const Value& v : args.pos) {
            if (v.is(Kind::coroutine)) {
                auto c = v.template as<CoroObj>();
                c->consumed = true;
                c->ctx->inherited = nullptr;
                items.emplace_back(std::in_place_index<1>, std::move(c->body));
            } else {
                items.emplace_back(std::in_place_index<0>, as_future(in, v));
            }
        }
        return items;
    }

    // --------------------------------------------------------------- shield
    static Value shield(I& in, Args& args, Frame& fr) {
        Value arg = in.need(args, 0, "arg", fr);
        std::vector<std::pair<const void*, Value>> made;
        future_type inner =
            ensure_future(in, arg, made, fr, "An asyncio.Future, a coroutine or an awaitable is required");
        std::vector<Value> inputs;
        inputs.push_back(made.empty() ? arg : made.front().second);
        future_type outer = in.guarded(fr, [&] { return in.a().shield(inner); });
        return original(in, outer, inputs);
    }

    // ----------------------------------------------------------------- wait
    static Eval<Value> wait_body(I& in, Value fs, Value timeout, Value rw, std::shared_ptr<CallCtx> ctx) {
        Frame fr;
        fr.top = ctx->inherited;
        ctx.reset();
        if (is_awaitable_future(fs) || fs.is(Kind::coroutine))
            in.raise_new("TypeError", "expect a list of futures, not " + in.type_name(fs), &fr);
        std::vector<Value> items = in.iterate(fs, fr);
        if (items.empty()) in.raise_new("ValueError", "Set of Tasks/Futures is empty.", &fr);
        ReturnWhen when = ReturnWhen::all_completed;
        if (rw.is_str() && rw.str() == "FIRST_COMPLETED")
            when = ReturnWhen::first_completed;
        else if (rw.is_str() && rw.str() == "FIRST_EXCEPTION")
            when = ReturnWhen::first_exception;
        else if (!rw.is_str() || rw.str() != "ALL_COMPLETED")
            in.raise_new("ValueError", "Invalid return_when value", &fr);
        for (const Value& v : items)
            if (v.is(Kind::coroutine))
                in.raise_new("TypeError", "Passing coroutines is forbidden, use tasks explicitly.", &fr);
        std::vector<future_type> futs;
        for (const Value& v : items) {
            if (!is_awaitable_future(v))
                in.raise_new("AttributeError", "'" + in.type_name(v) + "' object has no attribute 'add_done_callback'",
                             &fr);
            futs.push_back(as_future(in, v));
        }
        std::optional<double> t = opt_number(in, timeout, fr);
        auto done = make_obj<SetObj>();
        auto pending = make_obj<SetObj>();
        std::exception_ptr err;
        try {
            auto r = co_await in.a().wait_futures(std::move(futs), t, when);
            for (const auto& f : r.done) done->items.push_back(original(in, f, items));
            for (const auto& f : r.pending) pending->items.push_back(original(in, f, items));
        } catch (...) {
            err = std::current_exception();
        }
        if (err) in.reraise_here(err, &fr);
        co_return make_tuple({Value(done), Value(pending)});
    }

    // ------------------------------------------------------------- wait_for
    static Eval<Value> wait_for_body(I& in, Value aw, Value timeout, std::shared_ptr<CallCtx> ctx) {
        Frame fr;
        fr.top = ctx->inherited;
        ctx.reset();
        std::optional<double> t = opt_number(in, timeout, fr);
        std::exception_ptr err;
        Value out;
        if (aw.is(Kind::coroutine)) {
            auto c = aw.template as<CoroObj>();
            if (c->consumed) in.raise_new("RuntimeError", "cannot reuse already awaited coroutine", &fr);
            c->consumed = true;
            c->ctx->inherited = (t && *t <= 0) ? nullptr : fr.top;
            Eval<Value> body = std::move(c->body);
            try {
                out = co_await in.a().wait_for(std::move(body), t);
            } catch (...) {
                err = std::current_exception();
            }
        } else if (is_awaitable_future(aw)) {
            future_type f = as_future(in, aw);
            try {
                out = co_await in.a().wait_for(f, t);
            } catch (...) {
                err = std::current_exception();
            }
        } else {
            in.raise_new("TypeError", "An asyncio.Future, a coroutine or an awaitable is required", &fr);
        }
        if (err) in.reraise_here(err, &fr);
        co_return out;
    }

    // --------------------------------------------------------- as_completed
    struct AsCompletedObj;
    static Value as_completed(I& in, Args& args, Frame& fr) {
        if constexpr (has_as_completed<A>) {
            Value fs = in.need(args, 0, "fs", fr);
            if (is_awaitable_future(fs) || fs.is(Kind::coroutine))
                in.raise_new("TypeError", "expect an iterable of futures, not " + in.type_name(fs), &fr);
            std::optional<double> t = opt_number(in, in.arg_or(args, 1, "timeout", Value()), fr);
            std::vector<Value> distinct = in.iterate(fs, fr);  // all of them: set(fs) is the implementation's
            ClassesExt<I>::wrap_awaitables(in, distinct);
            // 3.11, 3.12: as_completed is a generator; nothing happens (no
            // task, no callback, no timer) before its first next().
            if constexpr (has_as_completed_generator<A>)
                if (in.a().as_completed_is_generator()) return Value(make_obj<AsCompletedObj>(std::move(distinct), t));
            auto obj = make_obj<AsCompletedObj>(std::vector<Value>{}, t);
            obj->start_with(in, distinct, fr);
            return Value(obj);
        } else {
            (void)args;
            (void)fr;
            return Value();
        }
    }

    template <class X>
    struct AsCompletedImpl : NativeObj {
        std::optional<X> x;  // the adapter's iterator, once started
        std::vector<Value> originals;
        std::vector<Value> inputs;  // the distinct inputs, until started
        std::optional<double> timeout;
        AsCompletedImpl(std::vector<Value> in, std::optional<double> t) : inputs(std::move(in)), timeout(t) {}
        std::string type_name() const override { return "_AsCompletedIterator"; }
        void break_refs() override {
            std::vector<Value>().swap(originals);
            std::vector<Value>().swap(inputs);
        }
        // Wrap coroutine inputs in tasks (argument order) and start the
        // adapter's iterator: at the call (3.13+) or at the first next().
        void start_with(I& in, const std::vector<Value>& distinct, Frame& fr) {
            if constexpr (has_as_completed<A>) {
                std::vector<std::pair<const void*, Value>> made;
                std::vector<future_type> futs;
                for (const Value& v : distinct) {
                    futs.push_back(
                        ensure_future(in, v, made, fr, "An asyncio.Future, a coroutine or an awaitable is required"));
                    originals.push_back(v.is(Kind::coroutine) ? made.back().second : v);
                }
                x.emplace(in.guarded(fr, [&] { return in.a().as_completed(std::move(futs), timeout); }));
            } else {
                (void)in;
                (void)distinct;
                (void)fr;
            }
        }
        void start(I& in, Frame& fr) {
            if (!x) start_with(in, std::exchange(inputs, {}), fr);
        }
        // Plain iteration: an iterator (as_completed.plain.resumable), each
        // item a coroutine object giving the next result.
        bool is_iterator() const override { return true; }
        std::optional<Value> next(I& in, Frame& fr) override {
            start(in, fr);
            auto f = in.a().as_completed_next(*x);
            if (!f) return std::nullopt;
            return coroutine("_wait_for_one", [&](std::shared_ptr<CallCtx> ctx) {
                return await_body(in, std::move(*f), std::move(ctx));
            });
        }
        bool is_async_iter() const override { return has_as_completed_async<A>; }
        Eval<std::optional<Value>> anext(I& in, Frame& fr) override { return anext_body(in, fr); }
        Eval<std::optional<Value>> anext_body(I& in, Frame& fr) {
            if constexpr (has_as_completed_async<A>) {
                std::exception_ptr err;
                std::optional<Value> out;
                try {
                    start(in, fr);
                    auto f = co_await in.a().as_completed_anext(*x);
                    if (f) out = original(in, *f, originals);
                } catch (...) {
                    err = std::current_exception();
                }
                if (err) in.reraise_here(err, &fr);
                co_return out;
            } else {
                (void)in;
                (void)fr;
                co_return std::nullopt;
            }
        }
    };
    template <class B, bool = has_as_completed<B>>
    struct AsCompletedType {
        using type = AsCompletedImpl<int>;
    };
    template <class B>
    struct AsCompletedType<B, true> {
        using type = AsCompletedImpl<typename B::as_completed_type>;
    };
    struct AsCompletedObj : AsCompletedType<A>::type {
        using AsCompletedType<A>::type::type;
    };

    // -------------------------------------------------------------- timeout
    template <class X>
    struct TimeoutImpl : NativeObj, std::enable_shared_from_this<TimeoutImpl<X>> {
        X t;
        explicit TimeoutImpl(X x) : t(std::move(x)) {}
        std::string type_name() const override { return "Timeout"; }
        std::optional<Value> method(I& in, const std::string& m, Args& args, Frame& fr) override {
            if constexpr (has_timeout<A>) {
                if (m == "when") {
                    std::optional<double> w = in.a().timeout_when(t);
                    return w ? Value(*w) : Value();
                }
                if (m == "expired") return Value(in.a().timeout_expired(t));
                if (m == "reschedule") {
                    std::optional<double> w = opt_number(in, in.need(args, 0, "when", fr), fr);
                    in.guarded(fr, [&] {
                        in.a().timeout_reschedule(t, w);
                        return 0;
                    });
                    return Value();
                }
            }
            return std::nullopt;
        }
        bool is_async_cm() const override { return true; }
        Eval<Value> aenter(I& in, Frame& fr) override { return enter_body(in, fr); }
        Eval<Value> enter_body(I& in, Frame& fr) {
            if constexpr (has_timeout<A>) {
                std::exception_ptr err;
                try {
                    co_await in.a().timeout_enter(t);
                } catch (...) {
                    err = std::current_exception();
                }
                if (err) in.reraise_here(err, &fr);
            }
            co_return Value(std::static_pointer_cast<Object>(this->shared_from_this()));
        }
        Eval<bool> aexit(I& in, std::exception_ptr e, Frame&) override { return exit_body(in, std::move(e)); }
        Eval<bool> exit_body(I& in, std::exception_ptr e) {
            bool suppress = false;
            if constexpr (has_timeout<A>) {
                ExcRef x = e ? in.from_native(e) : nullptr;
                // The chains the implementation may edit: the exception's
                // and, for a group (a TaskGroup's too), each member's (3.13
                // inserts a TimeoutError into every one of them).
                std::vector<ExcRef> chains;
                if (x) {
                    chains.push_back(x);
                    chains.insert(chains.end(), x->members.begin(), x->members.end());
                }
                for (const ExcRef& c : chains) ExceptionGroupsExt<I>::push_links(in, c);
                std::exception_ptr err;
                try {
                    suppress = co_await in.a().timeout_exit(t, e);
                } catch (...) {
                    err = std::current_exception();
                }
                for (const ExcRef& c : chains) ExceptionGroupsExt<I>::pull_links(in, c);
                if (err) std::rethrow_exception(err);
            }
            co_return suppress;
        }
    };
    struct TimeoutObj : TimeoutImpl<typename TimeoutTypeOf<A>::type> {
        using TimeoutImpl<typename TimeoutTypeOf<A>::type>::TimeoutImpl;
    };

    // ------------------------------------------------------------ TaskGroup
    template <class X>
    struct TaskGroupImpl : NativeObj, std::enable_shared_from_this<TaskGroupImpl<X>> {
        X g;
        explicit TaskGroupImpl(X x) : g(std::move(x)) {}
        std::string type_name() const override { return "TaskGroup"; }
        std::optional<Value> method(I& in, const std::string& m, Args& args, Frame& fr) override {
            if constexpr (has_taskgroup<A>) {
                if (m == "create_task") {
                    Value coro = in.need(args, 0, "coro", fr);
                    std::optional<std::string> name = in.opt_str(in.arg_or(args, 1, "name", Value()), fr);
                    std::optional<bool> eager_start = in.eager_start_arg(args);
                    if constexpr (has_eager_start<A>) {
                        if (eager_start) in.guarded(fr, [&] { in.a().check_eager_start(TaskCall::create_task); });
                    } else if (eager_start) {
                        in.raise_new("TypeError", "got an unexpected keyword argument 'eager_start'", &fr);
                    }
                    if (!coro.is(Kind::coroutine))
                        in.raise_new("TypeError", "a coroutine was expected, got " + in.type_name(coro), &fr);
                    auto c = coro.template as<CoroObj>();
                    if (c->consumed) in.raise_new("RuntimeError", "cannot reuse already awaited coroutine", &fr);
                    // A refused coroutine is closed (3.13+), or left open if
                    // the adapter refuses before taking it (3.11, 3.12).
                    if constexpr (has_taskgroup_refuse_early<A>)
                        in.guarded(fr, [&] { in.a().taskgroup_refuse_early(g); });
                    c->consumed = true;
                    c->ctx->inherited = nullptr;
                    return in.guarded(fr, [&] {
                        if constexpr (has_eager_start<A>)
                            return in.wrap_task(
                                in.a().taskgroup_create_task(g, std::move(c->body), std::move(name), eager_start));
                        else
                            return in.wrap_task(in.a().taskgroup_create_task(g, std::move(c->body), std::move(name)));
                    });
                }
            }
            return std::nullopt;
        }
        bool is_async_cm() const override { return true; }
        Eval<Value> aenter(I& in, Frame& fr) override { return enter_body(in, fr); }
        Eval<Value> enter_body(I& in, Frame& fr) {
            if constexpr (has_taskgroup<A>) {
                std::exception_ptr err;
                try {
                    co_await in.a().taskgroup_enter(g);
                } catch (...) {
                    err = std::current_exception();
                }
                if (err) in.reraise_here(err, &fr);
            }
            co_return Value(std::static_pointer_cast<Object>(this->shared_from_this()));
        }
        Eval<bool> aexit(I& in, std::exception_ptr e, Frame&) override { return exit_body(in, std::move(e)); }
        Eval<bool> exit_body(I& in, std::exception_ptr e) {
            bool suppress = false;
            if constexpr (has_taskgroup<A>) suppress = co_await in.a().taskgroup_exit(g, std::move(e));
            (void)in;
            co_return suppress;
        }
    };
    struct TaskGroupObj : TaskGroupImpl<typename TaskGroupTypeOf<A>::type> {
        using TaskGroupImpl<typename TaskGroupTypeOf<A>::type>::TaskGroupImpl;
    };
};

}  // namespace asyncspec
