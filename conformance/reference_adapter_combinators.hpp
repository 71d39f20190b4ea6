// The reference's combinators family for the adapter (adapter_combinators.hpp):
// gather, wait, wait_for, as_completed, shield, timeout, TaskGroup, exception
// groups and eager tasks, mixed into ReferenceAdapter (CRTP: the derived
// class gives `loop()` and `wrap(Eval<Value>)`).
//
// ReferenceFuture is the adapter's future_type: any future of the reference
// whose result is a program value -- a Future<Value>, a Task<Value> seen as a
// future (AnyFuture<Value>), or a gathering future, whose typed result list
// is turned into a list Value when read.
#pragma once

#include <coroutine>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "asyncio/as_completed.hpp"
#include "asyncio/awaitables.hpp"
#include "asyncio/eager.hpp"
#include "asyncio/exception_groups.hpp"
#include "asyncio/futures.hpp"
#include "asyncio/gather.hpp"
#include "asyncio/graph.hpp"
#include "asyncio/shield.hpp"
#include "asyncio/taskgroups.hpp"
#include "asyncio/tasks.hpp"
#include "asyncio/timeouts.hpp"
#include "asyncio/wait.hpp"
#include "asyncspec/adapter.hpp"
#include "asyncspec/adapter_combinators.hpp"

namespace asyncspec {

class ReferenceFuture {
public:
    using Getter = std::shared_ptr<const std::function<Value()>>;

    ReferenceFuture() = default;
    ReferenceFuture(const asyncio::Future<Value>& f) : f_(f), plain_(f.state()) {}  // NOLINT: implicit on purpose
    explicit ReferenceFuture(asyncio::AnyFuture<Value> f) : f_(std::move(f)) {}
    // A future whose result is not a Value slot (gather's): `get` converts it.
    ReferenceFuture(asyncio::FutureBase* base, Getter get) : f_(base, nullptr), get_(std::move(get)) {}

    bool done() const { return f_.done(); }
    bool cancelled() const { return f_.cancelled(); }
    bool cancel(std::optional<std::string> msg = std::nullopt) const { return f_.cancel(std::move(msg)); }
    Value result() const {
        f_.base()->raise_unless_result();
        return get_ ? (*get_)() : f_.slot()->get();
    }
    std::exception_ptr exception() const { return f_.exception(); }
    void set_result(Value v) const {
        if (!plain_) throw asyncio::InvalidStateError("set_result on a combinator's future");
        plain_->set_result(std::move(v));
    }
    void set_exception(std::exception_ptr e) const { f_.base()->set_exception(std::move(e)); }
    std::size_t remove_done_callback(const void* identity) const { return f_.remove_done_callback(identity); }
    asyncio::FutureBase* base() const { return f_.base(); }
    // The value slot (nullptr for a gathering future).
    asyncio::detail::ValueSlot<Value>* state() const { return f_.slot(); }
    // As an AnyFuture<Value> for the reference's combinators; a gathering
    // future cannot be one (its result is not a Value).
    const asyncio::AnyFuture<Value>& any() const {
        if (get_) throw asyncio::TypeError("a gathering future as a combinator's input is not supported here");
        return f_;
    }

    // futures.await.done-no-suspend: a done future does not suspend.
    struct Awaiter {
        asyncio::AnyFuture<Value> f;
        Getter get;
        asyncio::TaskBase* task = nullptr;
        bool await_ready() const noexcept { return f.done(); }
        void await_suspend(std::coroutine_handle<> h) {
            task = &asyncio::detail::current_task_for_await();
            task->suspend_on(h, f.base());
        }
        Value await_resume() {
            if (task) task->rethrow_injected();
            f.base()->raise_unless_result();
            return get ? (*get)() : f.slot()->get();
        }
    };
    Awaiter operator co_await() const { return Awaiter{f_, get_}; }

private:
    asyncio::AnyFuture<Value> f_;
    asyncio::FutureState<Value>* plain_ = nullptr;  // a loop.create_future() future (set_result)
    Getter get_;
};

template <class D>
class ReferenceCombinatorOps {
public:
    // ---- futures
    ReferenceFuture as_future(const asyncio::Task<Value>& t) { return ReferenceFuture(asyncio::AnyFuture<Value>(t)); }

    // ---- gather (tasks.py gather, _GatheringFuture)
    ReferenceFuture gather(std::vector<ReferenceFuture> fs, bool return_exceptions, ExceptionToValue to_value) {
        std::vector<asyncio::AnyFuture<Value>> children;
        children.reserve(fs.size());
        for (const ReferenceFuture& f : fs) children.push_back(f.any());
        return gather_of(std::move(children), return_exceptions, std::move(to_value));
    }
    // has_gather_awaitables: the reference's gather wraps each coroutine when
    // it reaches it (asyncio::Awaitable); the tasks it makes are the
    // adapter's too (D::wrap_made: released by break_cycles).
    ReferenceFuture gather(std::vector<GatherArg<ReferenceFuture>> args, bool return_exceptions,
                           ExceptionToValue to_value) {
        std::vector<asyncio::Awaitable<Value>> children;
        children.reserve(args.size());
        for (GatherArg<ReferenceFuture>& a : args) {
            if (auto* f = std::get_if<ReferenceFuture>(&a))
                children.emplace_back(std::in_place_index<0>, f->any());
            else
                children.emplace_back(std::in_place_index<1>, self().wrap_made(std::move(std::get<Eval<Value>>(a))));
        }
        return gather_of(std::move(children), return_exceptions, std::move(to_value));
    }
    template <class X>
    ReferenceFuture gather_of(std::vector<X> children, bool return_exceptions, ExceptionToValue to_value) {
        if (return_exceptions) {
            auto g = asyncio::gather(asyncio::return_exceptions, std::move(children));
            auto* slot = g.slot();
            auto get = std::make_shared<const std::function<Value()>>([slot, to_value] {
                std::vector<Value> out;
                for (const auto& o : slot->get()) out.push_back(o.exception() ? to_value(o.exception()) : o.value());
                return make_list(std::move(out));
            });
            return ReferenceFuture(g.base(), std::move(get));
        }
        auto g = asyncio::gather(std::move(children));
        auto* slot = g.slot();
        auto get = std::make_shared<const std::function<Value()>>([slot] { return make_list(slot->get()); });
        return ReferenceFuture(g.base(), std::move(get));
    }

    // ---- wait, wait_for
    auto wait_futures(std::vector<ReferenceFuture> fs, std::optional<double> timeout, ReturnWhen when) {
        asyncio::ReturnWhen rw = when == ReturnWhen::first_completed   ? asyncio::FIRST_COMPLETED
                                 : when == ReturnWhen::first_exception ? asyncio::FIRST_EXCEPTION
                                                                       : asyncio::ALL_COMPLETED;
        return asyncio::wait(std::move(fs), timeout, rw);
    }
    asyncio::Coro<Value> wait_for(Eval<Value> body, std::optional<double> timeout) {
        return asyncio::wait_for(D::wrap(std::move(body)), timeout);
    }
    asyncio::Coro<Value> wait_for(const ReferenceFuture& f, std::optional<double> timeout) {
        return asyncio::wait_for(f.any(), timeout);
    }

    // ---- as_completed
    using as_completed_type = asyncio::AsCompleted<Value>;
    as_completed_type as_completed(std::vector<ReferenceFuture> fs, std::optional<double> timeout) {
        std::vector<asyncio::AnyFuture<Value>> todo;
        todo.reserve(fs.size());
        for (const ReferenceFuture& f : fs) todo.push_back(f.any());
        return asyncio::as_completed(std::move(todo), timeout);
    }
    // as_completed.inputs.wrapping-time: 3.11, 3.12's as_completed is a
    // generator (Profile::as_completed_wraps_at_call).
    bool as_completed_is_generator() { return !self().loop().profile().as_completed_wraps_at_call(); }
    std::optional<asyncio::Coro<Value>> as_completed_next(as_completed_type& x) { return x.next(); }
    asyncio::Coro<std::optional<ReferenceFuture>> as_completed_anext(as_completed_type& x) { return anext(x); }

    // ---- shield
    ReferenceFuture shield(const ReferenceFuture& f) { return ReferenceFuture(asyncio::shield(f.any())); }

    // ---- timeout (timeouts.py)
    using timeout_type = std::shared_ptr<asyncio::Timeout>;
    timeout_type make_timeout(std::optional<double> delay) {
        return std::make_shared<asyncio::Timeout>(asyncio::timeout(delay));
    }
    timeout_type make_timeout_at(std::optional<double> when) {
        return std::make_shared<asyncio::Timeout>(asyncio::timeout_at(when));
    }
    std::optional<double> timeout_when(timeout_type& t) { return t->when(); }
    void timeout_reschedule(timeout_type& t, std::optional<double> when) { t->reschedule(when); }
    bool timeout_expired(timeout_type& t) { return t->expired(); }
    auto timeout_enter(timeout_type& t) { return t->aenter(); }
    auto timeout_exit(timeout_type& t, std::exception_ptr e) { return t->aexit(std::move(e)); }

    // ---- TaskGroup (taskgroups.py)
    using taskgroup_type = std::shared_ptr<asyncio::TaskGroup>;
    taskgroup_type make_taskgroup() { return std::make_shared<asyncio::TaskGroup>(); }
    auto taskgroup_enter(taskgroup_type& g) { return g->aenter(); }
    asyncio::Coro<bool> taskgroup_exit(taskgroup_type& g, std::exception_ptr e) { return g->aexit(std::move(e)); }
    // taskgroup.create-task.refused-closes-coroutine: 3.11, 3.12 leave a
    // refused coroutine open (Profile::taskgroup_closes_refused_coroutine).
    void taskgroup_refuse_early(taskgroup_type& g) {
        if (!self().loop().profile().taskgroup_closes_refused_coroutine()) g->check_create();
    }
    asyncio::Task<Value> taskgroup_create_task(taskgroup_type& g, Eval<Value> body, std::optional<std::string> name,
                                               std::optional<bool> eager_start = std::nullopt) {
        return g->create_task(D::wrap(std::move(body)), std::move(name), eager_start);
    }

    // ---- asyncio.graph (has_call_graph): who awaits x, as tasks and futures.
    void awaited_by(const ReferenceFuture& x, std::vector<asyncio::Task<Value>>& tasks,
                    std::vector<ReferenceFuture>& futures) {
        for (const auto& w : asyncio::awaited_by(*x.base())) {
            if (w->is_task())
                tasks.emplace_back(
                    static_cast<typename asyncio::Task<Value>::State*>(static_cast<asyncio::TaskBase*>(w.get())));
            else  // the program's own future: identity and state; its result through the program's object
                futures.emplace_back(w.get(), std::make_shared<const std::function<Value()>>([]() -> Value {
                                         throw asyncio::RuntimeError("read the result through the future itself");
                                     }));
        }
    }
    void awaited_by_add(const ReferenceFuture& x, const ReferenceFuture& waiter) {
        asyncio::future_add_to_awaited_by(*x.base(), *waiter.base());
    }
    void awaited_by_discard(const ReferenceFuture& x, const ReferenceFuture& waiter) {
        asyncio::future_discard_from_awaited_by(*x.base(), *waiter.base());
    }

    // ---- eager tasks: loop.set_task_factory(asyncio.eager_task_factory / None)
    void set_eager_task_factory(bool on) {
        self().loop().set_task_factory(on ? asyncio::TaskFactory(&asyncio::eager_task_factory) : nullptr);
    }

    // ---- exceptions: __cause__/__context__ of the reference's objects
    std::pair<std::exception_ptr, std::exception_ptr> exception_links(const std::exception_ptr& e) {
        asyncio::BaseException* x = asyncio::exception_object(e);
        if (!x) return {};
        return {x->cause, x->context};
    }
    void set_exception_links(const std::exception_ptr& e, std::exception_ptr cause, std::exception_ptr context) {
        if (asyncio::BaseException* x = asyncio::exception_object(e)) {
            x->cause = std::move(cause);
            x->context = std::move(context);
        }
    }
    // describe_exception's part for BaseExceptionGroup / ExceptionGroup.
    static void describe_group(const asyncio::BaseException& x, NativeException& d) {
        if (const auto* g = dynamic_cast<const asyncio::ExceptionGroupBase*>(&x)) {
            d.is_group = true;
            d.message = g->message();
            d.members = g->exceptions();
        }
    }

private:
    D& self() { return static_cast<D&>(*this); }
    static asyncio::Coro<std::optional<ReferenceFuture>> anext(as_completed_type x) {
        std::optional<asyncio::AnyFuture<Value>> f = co_await x.anext();
        if (!f) co_return std::nullopt;
        co_return std::optional<ReferenceFuture>(ReferenceFuture(std::move(*f)));
    }
};

}  // namespace asyncspec
