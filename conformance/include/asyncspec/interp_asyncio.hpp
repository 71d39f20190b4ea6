// The interpreter's asyncio API (spec/IR.md "call_api", "call_method"): tasks
// and futures wrapped as the program's objects, asyncio.sleep, create_task,
// ensure_future, current_task, all_tasks, Future, and the methods of tasks,
// futures, the loop and handles, over the adapter; calls the feature
// families' extensions do not know end here (AttributeError).
//
// Part of interpreter.hpp, which includes it after the class: definitions of
// members of Interpreter<A> declared there; not a header to include alone.
#pragma once

#include "asyncspec/adapter_combinators.hpp"

namespace asyncspec {

template <Adapter A>
Value Interpreter<A>::wrap_task(task_type t) {
    const void* id = a().identity(t);
    return Value(make_obj<TaskObj>(std::move(t), id));
}

template <Adapter A>
Value Interpreter<A>::wrap_future(future_type f) {
    const void* id = a().identity(f);
    if (futures_seen_.insert(id).second) futures_.push_back(f);
    return Value(make_obj<FutureObj>(std::move(f), id));
}

// asyncio.sleep(delay, result=None) as a coroutine object.
template <Adapter A>
Eval<Value> Interpreter<A>::sleep_body(Value delay, Value result, std::shared_ptr<CallCtx> ctx) {
    Frame fr;
    fr.top = ctx->inherited;
    if (!delay.is_number()) raise_new("TypeError", "'<=' not supported", &fr);
    std::exception_ptr err;
    try {
        co_await a().sleep(delay.as_float());
    } catch (...) {
        err = std::current_exception();
    }
    if (err) reraise_here(err, &fr);
    co_return result;
}

template <Adapter A>
Value Interpreter<A>::make_coroutine(Eval<Value> (Interpreter::*body)(Value, Value, std::shared_ptr<CallCtx>), Value x,
                                     Value y, std::string name) {
    auto c = make_obj<CoroObj>();
    c->ctx = std::make_shared<CallCtx>();
    c->name = std::move(name);
    c->body = (this->*body)(std::move(x), std::move(y), c->ctx);
    return Value(c);
}

template <Adapter A>
const Value* Interpreter<A>::arg(const Args& args, std::size_t pos, std::string_view name) {
    if (pos < args.pos.size()) return &args.pos[pos];
    for (const auto& [k, v] : args.kw)
        if (k == name) return &v;
    return nullptr;
}

template <Adapter A>
Value Interpreter<A>::arg_or(const Args& args, std::size_t pos, std::string_view name, Value dflt) {
    const Value* v = arg(args, pos, name);
    return v ? *v : dflt;
}

template <Adapter A>
const Value& Interpreter<A>::need(const Args& args, std::size_t pos, std::string_view name, Frame& fr) {
    const Value* v = arg(args, pos, name);
    if (!v) raise_new("TypeError", "missing argument " + std::string(name), &fr);
    return *v;
}

template <Adapter A>
std::optional<std::string> Interpreter<A>::opt_str(const Value& v, Frame& fr) {
    if (v.is_none()) return std::nullopt;
    if (v.is_str()) return v.str();
    return to_str(v, fr);
}

template <Adapter A>
double Interpreter<A>::number(const Value& v, Frame& fr) {
    if (!v.is_number()) raise_new("TypeError", "a number is required, not " + type_name(v), &fr);
    return v.as_float();
}

template <Adapter A>
Value Interpreter<A>::create_task_from(const Value& coro, std::optional<std::string> name, Frame& fr, TaskRoute route,
                                       std::optional<bool> eager_start) {
    // The eager_start keyword (feature eager-start): the implementation
    // refuses it where its profile's signature lacks it, before the
    // coroutine is looked at (a TypeError leaves it untouched).
    if constexpr (has_eager_start<A>) {
        if (eager_start)
            guarded(fr, [&] {
                a().check_eager_start(route == TaskRoute::task_constructor ? TaskCall::task_constructor
                                                                           : TaskCall::create_task);
            });
    } else if (eager_start) {
        raise_new("TypeError", "got an unexpected keyword argument 'eager_start'", &fr);
    }
    // threads.worker.no-running-loop: the module functions find the running
    // loop first, so where none runs the coroutine is left untouched.
    if constexpr (has_running_loop_check<A>)
        if (route == TaskRoute::asyncio_create_task) guarded(fr, [&] { a().check_running_loop(); });
    if (!coro.is(Kind::coroutine)) raise_new("TypeError", "a coroutine was expected, got " + type_name(coro), &fr);
    auto c = coro.as<CoroObj>();
    if (c->consumed) raise_new("RuntimeError", "cannot reuse already awaited coroutine", &fr);
    c->consumed = true;
    c->ctx->inherited = nullptr;
    std::exception_ptr err;
    try {
        if constexpr (has_eager_start<A>) {
            if (route == TaskRoute::task_constructor)
                return wrap_task(a().new_task(std::move(c->body), std::move(name), eager_start.value_or(false)));
            if constexpr (has_create_task_function<A>)
                if (route == TaskRoute::asyncio_create_task)
                    return wrap_task(a().create_task_function(std::move(c->body), std::move(name), eager_start));
            return wrap_task(a().create_task(std::move(c->body), std::move(name), eager_start));
        } else {
            if constexpr (has_create_task_function<A>)
                if (route == TaskRoute::asyncio_create_task)
                    return wrap_task(a().create_task_function(std::move(c->body), std::move(name)));
            return wrap_task(a().create_task(std::move(c->body), std::move(name)));
        }
    } catch (...) {
        err = std::current_exception();
    }
    reraise_here(err, &fr);
}

template <Adapter A>
std::optional<bool> Interpreter<A>::eager_start_arg(const Args& args) {
    const Value* v = arg(args, std::numeric_limits<std::size_t>::max(), "eager_start");
    if (!v) return std::nullopt;
    return truthy(*v);
}

template <Adapter A>
Value Interpreter<A>::call_api(const std::string& api, Args args, Frame& fr) {
    if (api == "sleep") {
        Value delay = need(args, 0, "delay", fr);
        return make_coroutine(&Interpreter::sleep_body, delay, arg_or(args, 1, "result", Value()), "sleep");
    }
    if (api == "create_task" || api == "Task") {
        // asyncio.create_task may differ from Task() (has_create_task_function).
        // Task(coro, *, loop=None, name=None, eager_start=False); create_task(coro, **kwargs).
        const std::size_t name_pos = api == "Task" ? std::numeric_limits<std::size_t>::max() : 1;
        return create_task_from(need(args, 0, "coro", fr), opt_str(arg_or(args, name_pos, "name", Value()), fr), fr,
                                api == "Task" ? TaskRoute::task_constructor : TaskRoute::asyncio_create_task,
                                eager_start_arg(args));
    }
    if (api == "ensure_future") {
        const Value obj = ClassesExt<Interpreter>::wrap_awaitable(*this, need(args, 0, "coro_or_future", fr));
        if (obj.is(Kind::task) || obj.is(Kind::future)) return obj;
        if (!obj.is(Kind::coroutine))
            raise_new("TypeError", "An asyncio.Future, a coroutine or an awaitable is required", &fr);
        // ensure_future(coro) wraps it on the running loop (the module
        // function's route: RuntimeError where no loop runs, a worker thread).
        return create_task_from(obj, std::nullopt, fr, TaskRoute::asyncio_create_task);
    }
    if (api == "get_running_loop" || api == "get_event_loop") {
        // threads.worker.no-running-loop: the implementation says whether a
        // loop runs in this thread.
        if constexpr (has_running_loop_check<A>) guarded(fr, [&] { a().check_running_loop(); });
        return Value(loop_obj_);
    }
    if (api == "current_task") {
        auto t = guarded(fr, [&] { return a().current_task(); });
        return t ? wrap_task(std::move(*t)) : Value();
    }
    if (api == "all_tasks") {
        if constexpr (has_running_loop_check<A>) guarded(fr, [&] { a().check_running_loop(); });
        auto set = make_obj<SetObj>();
        auto tasks = guarded(fr, [&] { return a().all_tasks(); });
        step(tasks.size());
        for (auto& t : tasks) set->items.push_back(wrap_task(std::move(t)));
        return Value(set);
    }
    if (api == "Future") return wrap_future(a().create_future());
    if (auto v = CombinatorsExt<Interpreter>::call_api(*this, api, args, fr)) return std::move(*v);
    if (auto v = SyncExt<Interpreter>::call_api(*this, api, args, fr)) return std::move(*v);
    if (auto v = GraphExt<Interpreter>::call_api(*this, api, args, fr)) return std::move(*v);
    raise_new("AttributeError", "the adapter does not provide asyncio." + api, &fr);
}

template <Adapter A>
template <class X>
Value Interpreter<A>::future_method(const Value& self, X& x, const std::string& m, Args& args, Frame& fr,
                                    bool is_task) {
    if (m == "done") return Value(a().done(x));
    if (m == "cancelled") return Value(a().cancelled(x));
    if (m == "cancel") {
        Value msg = arg_or(args, 0, "msg", Value());
        return Value(guarded(fr, [&] { return a().cancel(x, opt_str(msg, fr)); }));
    }
    if (m == "result") return guarded(fr, [&] { return a().result(x); });
    if (m == "exception") {
        std::exception_ptr e = guarded(fr, [&] { return a().exception(x); });
        if (!e) return Value();
        ExcRef ex = from_native(e);
        if (!ex) std::rethrow_exception(e);
        return Value(ex);
    }
    if (m == "add_done_callback") {
        const Value& cb = need(args, 0, "fn", fr);
        Callback fn = make_done_callback(cb, self);
        guarded(fr, [&] {
            a().add_done_callback(x, std::move(fn), callable_identity(cb));
            return 0;
        });
        return Value();
    }
    if (m == "remove_done_callback") {
        const Value& cb = need(args, 0, "fn", fr);
        return Value(static_cast<std::int64_t>(a().remove_done_callback(x, callable_identity(cb))));
    }
    if (m == "set_result" || m == "set_exception") {
        if (is_task) raise_new("RuntimeError", "Task does not support " + m + " operation", &fr);
        if constexpr (std::is_same_v<X, future_type>) {
            if (m == "set_result") {
                Value v = need(args, 0, "result", fr);
                guarded(fr, [&] {
                    a().set_result(x, v);
                    return 0;
                });
            } else {
                Value v = need(args, 0, "exception", fr);
                ExcRef ex = to_exception(v, fr);
                if (!ex->native) ex->native = a().make_exception(*ex);
                guarded(fr, [&] {
                    a().set_exception(x, ex->native);
                    return 0;
                });
            }
            return Value();
        }
    }
    raise_new("AttributeError", "'" + type_name(self) + "' object has no attribute '" + m + "'", &fr);
}

template <Adapter A>
Value Interpreter<A>::call_method(const Value& obj, const std::string& m, Args args, Frame& fr) {
    if (NativeObj* n = native(obj))
        if (auto v = n->method(*this, m, args, fr)) return std::move(*v);
    if (m == "__await__" && (obj.is(Kind::coroutine) || obj.is(Kind::task) || obj.is(Kind::future)))
        return Value(make_obj<typename ClassesExt<Interpreter>::AwaitIterObj>(obj));
    if (obj.is(Kind::future)) {
        auto f = obj.as<FutureObj>();
        return future_method(obj, f->f, m, args, fr, false);
    }
    if (obj.is(Kind::task)) {
        auto t = obj.as<TaskObj>();
        if (m == "get_name") return Value(a().get_name(t->t));
        if (m == "set_name") {
            a().set_name(t->t, to_str(need(args, 0, "value", fr), fr));
            return Value();
        }
        if (m == "cancelling") return Value(static_cast<std::int64_t>(a().cancelling(t->t)));
        if (m == "uncancel") return Value(static_cast<std::int64_t>(a().uncancel(t->t)));
        return future_method(obj, t->t, m, args, fr, true);
    }
    if (obj.is(Kind::loop)) {
        if (m == "time") return Value(a().time());
        if (m == "call_soon" || m == "call_later" || m == "call_at") {
            std::size_t first = m == "call_soon" ? 0 : 1;
            if (args.pos.size() < first + 1) raise_new("TypeError", m + " needs a callback", &fr);
            Args cb_args;
            cb_args.pos.assign(args.pos.begin() + static_cast<std::ptrdiff_t>(first + 1), args.pos.end());
            Callback cb = make_callback(args.pos[first], std::move(cb_args));
            if (m == "call_soon") return Value(make_obj<HandleObj>(a().call_soon(std::move(cb)), false));
            double d = number(args.pos[0], fr);
            if (m == "call_later") return Value(make_obj<HandleObj>(a().call_later(d, std::move(cb)), true));
            return Value(make_obj<HandleObj>(a().call_at(d, std::move(cb)), true));
        }
        if (m == "create_future") return wrap_future(a().create_future());
        if (m == "create_task")
            return create_task_from(need(args, 0, "coro", fr), opt_str(arg_or(args, 1, "name", Value()), fr), fr,
                                    TaskRoute::loop_create_task, eager_start_arg(args));
    }
    if (obj.is(Kind::handle)) {
        auto h = obj.as<HandleObj>();
        if (m == "cancel") {
            a().cancel_handle(h->h);
            return Value();
        }
        if (m == "cancelled") return Value(a().handle_cancelled(h->h));
        if (m == "when" && h->timer) return Value(a().handle_when(h->h));
    }
    if (obj.is_list() && m == "append") {
        obj.list()->items.push_back(need(args, 0, "object", fr));
        return Value();
    }
    if (auto v = ContainersExt<Interpreter>::call_method(*this, obj, m, args, fr)) return std::move(*v);
    if (auto v = ExceptionGroupsExt<Interpreter>::method(*this, obj, m, args, fr)) return std::move(*v);
    if (obj.is(Kind::exception))
        if (auto v = ClassesExt<Interpreter>::exc_call_method(*this, obj, m, args, fr)) return std::move(*v);
    if (auto v = CombinatorsExt<Interpreter>::call_method(*this, obj, m, args, fr)) return std::move(*v);
    if (auto v = SyncExt<Interpreter>::call_method(*this, obj, m, args, fr)) return std::move(*v);
    raise_new("AttributeError", "'" + type_name(obj) + "' object has no attribute '" + m + "'", &fr);
}

}  // namespace asyncspec
