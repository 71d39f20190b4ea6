// Lib/asyncio/tasks.py (3.13): gather and _GatheringFuture.
//
//   auto [a, b] = co_await gather(task_a, coro_b());          // std::tuple
//   std::vector<int> v = co_await gather(std::move(tasks));    // vector form
//   auto outcomes = co_await gather(return_exceptions, t1, t2); // Outcome<T> each
//
// Arguments go through ensure_future in argument order (coroutines become
// tasks through the loop's task factory). The returned AnyFuture is the
// gathering future: cancel() on it cancels the children.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <tuple>
#include <unordered_set>
#include <utility>
#include <vector>

#include "asyncio/awaitables.hpp"
#include "asyncio/futures.hpp"
#include "asyncio/tasks.hpp"

namespace asyncio {

// gather(return_exceptions, ...): the `return_exceptions=True` form.
struct return_exceptions_t {
    explicit return_exceptions_t() = default;
};
inline constexpr return_exceptions_t return_exceptions{};

namespace detail {

// _GatheringFuture plus gather's _done_callback.
class GatheringBase : public FutureBase {
public:
    GatheringBase(EventLoop& loop, bool return_exceptions) : FutureBase(loop), return_exceptions_(return_exceptions) {}

    // gather.cancel.broadcast-in-order, gather.cancel.done-returns-false,
    // gather.cancel.no-child-cancelled-returns-false: cancel(msg) every
    // child in argument order (duplicates included, as CPython's list).
    bool cancel(std::optional<std::string> msg = std::nullopt) override;

    // gather's _done_callback(fut).
    void on_child_done(FutureBase& fut);

protected:
    // gather.args.tasks-created-in-order, gather.args.dedup-same-object.
    void add_child(FutureBase* fut, bool may_repeat);
    // bpo-46672 / 3.12+: children already done are processed at the end of
    // gather() (gather.timing.done-inputs).
    void process_done_children();
    // gather.results.argument-order: all children done, store the list.
    virtual void set_results() = 0;
    // A cancelled child in the result list: CancelledError(msg or '')
    // (gather.return-exceptions.cancel-message-lost).
    static std::exception_ptr cancelled_child_error(FutureBase& fut);

    std::vector<FutureBase*> children_;  // argument order, repeats included (owned by the subclass)
    FutureBase* cur_task_ = nullptr;     // the task calling gather() (graph.awaited-by.combinators)
    std::vector<FutureBase*> done_futs_;
    std::unordered_set<FutureBase*> seen_;  // large argument lists only
    std::size_t nfuts_ = 0;
    std::size_t nfinished_ = 0;
    bool return_exceptions_;
    bool cancel_requested_ = false;
};

template <bool RE, class T>
using gather_elem_t = std::conditional_t<RE, Outcome<T>, result_t<T>>;

template <bool RE, class T>
gather_elem_t<RE, T> gather_elem(const AnyFuture<T>& f, std::exception_ptr (*cancelled_error)(FutureBase&)) {
    if constexpr (RE) {
        FutureBase* b = f.base();
        if (b->cancelled()) return Outcome<T>(cancelled_error(*b));
        if (std::exception_ptr e = b->exception()) return Outcome<T>(std::move(e));
        return Outcome<T>(result_value(f));
    } else {
        return result_value(f);
    }
}

template <bool RE, class... T>
class GatheringTuple final : public GatheringBase, public ValueSlot<std::tuple<gather_elem_t<RE, T>...>> {
public:
    using Result = std::tuple<gather_elem_t<RE, T>...>;
    explicit GatheringTuple(EventLoop& loop) : GatheringBase(loop, RE) {}

    template <class... A>
    void start(A&&... aws) {
        children_.reserve(sizeof...(A));
        start_each(std::index_sequence_for<A...>{}, std::forward<A>(aws)...);
        process_done_children();
    }

    static void* operator new(std::size_t n) { return Pool::allocate(n); }
    static void operator delete(void* p, std::size_t n) { Pool::deallocate(p, n); }

protected:
    void destroy_self() noexcept override { delete this; }
    void set_results() override {
        this->store(build(std::index_sequence_for<T...>{}));
        finish(nullptr);
    }

private:
    template <std::size_t... I, class... A>
    void start_each(std::index_sequence<I...>, A&&... aws) {
        // Left to right: ensure_future then register, argument by argument.
        ((std::get<I>(children_typed_) = ensure_future(std::forward<A>(aws)),
          add_child(std::get<I>(children_typed_).base(), !is_coro_v<std::remove_cvref_t<A>>)),
         ...);
    }
    template <std::size_t... I>
    Result build(std::index_sequence<I...>) {
        return Result{gather_elem<RE>(std::get<I>(children_typed_), &GatheringBase::cancelled_child_error)...};
    }
    std::tuple<AnyFuture<T>...> children_typed_;
};

template <bool RE, class T>
class GatheringVector final : public GatheringBase, public ValueSlot<std::vector<gather_elem_t<RE, T>>> {
public:
    using Result = std::vector<gather_elem_t<RE, T>>;
    explicit GatheringVector(EventLoop& loop) : GatheringBase(loop, RE) {}

    template <class X>
    void start(std::vector<X>& aws) {
        children_.reserve(aws.size());
        children_typed_.reserve(aws.size());
        for (X& x : aws) {
            if constexpr (is_coro_v<X>)
                children_typed_.push_back(ensure_future(std::move(x)));
            else
                children_typed_.push_back(ensure_future(x));
            add_child(children_typed_.back().base(), !is_coro_v<X>);
        }
        process_done_children();
    }

    static void* operator new(std::size_t n) { return Pool::allocate(n); }
    static void operator delete(void* p, std::size_t n) { Pool::deallocate(p, n); }

protected:
    void destroy_self() noexcept override { delete this; }
    void set_results() override {
        Result results;
        results.reserve(children_typed_.size());
        for (const AnyFuture<T>& f : children_typed_)
            results.push_back(gather_elem<RE>(f, &GatheringBase::cancelled_child_error));
        this->store(std::move(results));
        finish(nullptr);
    }

private:
    std::vector<AnyFuture<T>> children_typed_;
};

template <bool RE, class... A>
auto gather_tuple(A&&... aws) {
    using State = GatheringTuple<RE, awaitable_result_t<A>...>;
    using R = typename State::Result;
    EventLoop& loop = get_running_loop();
    auto* g = new State(loop);
    AnyFuture<R> outer(g, g);
    // gather.empty.done-empty-list: no arguments, a done future.
    g->start(std::forward<A>(aws)...);
    return outer;
}

template <bool RE, class X>
auto gather_vector(std::vector<X> aws) {
    using T = awaitable_result_t<X>;
    using State = GatheringVector<RE, T>;
    using R = typename State::Result;
    EventLoop& loop = get_running_loop();
    auto* g = new State(loop);
    AnyFuture<R> outer(g, g);
    g->start(aws);
    return outer;
}

template <class X>
inline constexpr bool is_vector_v = false;
template <class X>
inline constexpr bool is_vector_v<std::vector<X>> = true;

}  // namespace detail

// asyncio.gather(*aws): a tuple of results in argument order; the first
// child failure (or cancellation) is the outer future's exception
// (gather.error.first-exception-propagates, gather.error.siblings-keep-running,
// gather.error.child-cancel-is-exception).
template <class... A>
requires(!(sizeof...(A) == 1 && (detail::is_vector_v<std::remove_cvref_t<A>> && ...))) auto gather(A&&... aws) {
    return detail::gather_tuple<false>(std::forward<A>(aws)...);
}
// asyncio.gather(*aws, return_exceptions=True): gather.return-exceptions.in-results.
template <class... A>
requires(!(sizeof...(A) == 1 && (detail::is_vector_v<std::remove_cvref_t<A>> && ...))) auto gather(return_exceptions_t,
                                                                                                   A&&... aws) {
    return detail::gather_tuple<true>(std::forward<A>(aws)...);
}
// asyncio.gather(*list_of_aws): a vector of results.
template <class X>
auto gather(std::vector<X> aws) {
    return detail::gather_vector<false>(std::move(aws));
}
template <class X>
auto gather(return_exceptions_t, std::vector<X> aws) {
    return detail::gather_vector<true>(std::move(aws));
}

}  // namespace asyncio
