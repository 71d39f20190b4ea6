// Lib/asyncio/tasks.py (3.13): as_completed and _AsCompletedIterator (3.11, 3.12: the generator).
//
//   for (Coro<int> next : as_completed(tasks)) int r = co_await std::move(next);
//   auto it = as_completed(tasks);                       // 3.13 async form
//   while (auto t = co_await it.anext()) use(*t);        // the original tasks
#pragma once

#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "asyncio/awaitables.hpp"

namespace asyncio {

template <class T>
class AsCompleted {
    struct State;

public:
    AsCompleted(std::vector<AnyFuture<T>> todo, std::optional<double> timeout);
    // 3.11, 3.12's generator (as_completed.inputs.wrapping-time): `make_todo`
    // (wrapping the inputs), the done callbacks and the timeout's timer wait
    // for the first next().
    AsCompleted(std::function<std::vector<AnyFuture<T>>()> make_todo, std::optional<double> timeout);

    // __next__: a new coroutine giving the next result in completion order
    // (as_completed.plain.completion-order, as_completed.plain.new-awaitables,
    // as_completed.plain.exception-raised); nullopt = StopIteration.
    std::optional<Coro<T>> next() {
        start();
        if (!state_->todo_left) return std::nullopt;
        --state_->todo_left;
        return wait_for_one_result(state_);
    }
    // __anext__ (3.13): the next input itself, done; nullopt =
    // StopAsyncIteration (as_completed.async.yields-originals,
    // as_completed.async.timeout-raises).
    Coro<std::optional<AnyFuture<T>>> anext() {
        start();
        if (!state_->todo_left) co_return std::nullopt;
        --state_->todo_left;
        co_return co_await wait_for_one(state_);
    }

    // Range-for over the plain form.
    struct iterator {
        AsCompleted* self;
        Coro<T> operator*() const { return *self->next(); }
        iterator& operator++() { return *this; }
        bool operator!=(const iterator&) const {
            self->start();
            return self->state_->todo_left > 0;
        }
    };
    iterator begin() { return {this}; }
    iterator end() { return {this}; }

private:
    // The Queue of done futures (nullopt: the timeout's sentinel) with
    // Queue.get's waiter protocol.
    struct State {
        EventLoop* loop;
        std::vector<AnyFuture<T>> todo;
        std::size_t todo_left = 0;
        std::deque<std::optional<AnyFuture<T>>> done;
        std::deque<Future<>> getters;
        TimerHandle timeout_handle;
        std::optional<double> timeout;
        std::function<std::vector<AnyFuture<T>>()> make_todo;  // not started yet

        void put_nowait(std::optional<AnyFuture<T>> f) {
            done.push_back(std::move(f));
            wakeup_next();
        }
        // Queue._wakeup_next
        void wakeup_next() {
            while (!getters.empty()) {
                Future<> g = std::move(getters.front());
                getters.pop_front();
                if (!g.done()) {
                    g.set_result();
                    break;
                }
            }
        }
        // _handle_completion
        void handle_completion(FutureBase& f) {
            if (todo.empty()) return;  // _handle_timeout was here first
            for (auto it = todo.begin(); it != todo.end(); ++it) {
                if (it->base() == &f) {
                    AnyFuture<T> done_f = *it;
                    todo.erase(it);
                    put_nowait(std::move(done_f));
                    break;
                }
            }
            if (todo.empty()) timeout_handle.cancel();
        }
        // _handle_timeout (as_completed.timeout.remaining-raise,
        // as_completed.inputs.not-cancelled)
        void handle_timeout() {
            std::vector<AnyFuture<T>> left = std::move(todo);
            todo.clear();
            for (AnyFuture<T>& f : left) {
                f.remove_done_callback(this);
                put_nowait(std::nullopt);
            }
        }
    };

    // Queue.get()
    static Coro<AnyFuture<T>> get(std::shared_ptr<State> s) {
        while (s->done.empty()) {
            Future<> getter = create_future<>(*s->loop);
            s->getters.push_back(getter);
            std::exception_ptr exc;
            try {
                co_await getter;
            } catch (...) {
                exc = std::current_exception();
            }
            if (exc) {
                getter.cancel();
                for (auto it = s->getters.begin(); it != s->getters.end(); ++it)
                    if (*it == getter) {
                        s->getters.erase(it);
                        break;
                    }
                if (!s->done.empty() && !getter.cancelled()) s->wakeup_next();
                std::rethrow_exception(exc);
            }
        }
        std::optional<AnyFuture<T>> f = std::move(s->done.front());
        s->done.pop_front();
        if (!f) throw TimeoutError();  // the sentinel of _handle_timeout
        co_return std::move(*f);
    }
    // _wait_for_one()
    static Coro<std::optional<AnyFuture<T>>> wait_for_one(std::shared_ptr<State> s) {
        co_return co_await get(std::move(s));
    }
    // _wait_for_one(resolve=True)
    static Coro<T> wait_for_one_result(std::shared_ptr<State> s) {
        AnyFuture<T> f = co_await get(std::move(s));
        co_return f.result();
    }

    // Register the done callbacks and arm the timeout (the generator's body
    // up to its first yield).
    void start() {
        if (state_->make_todo) init(std::exchange(state_->make_todo, {})());
    }
    void init(std::vector<AnyFuture<T>> todo) {
        State* s = state_.get();
        s->todo = std::move(todo);
        for (AnyFuture<T>& f : s->todo)
            f.add_done_callback([st = state_](FutureBase& done) { st->handle_completion(done); }, s);
        if (!s->todo.empty() && s->timeout)
            s->timeout_handle = s->loop->call_later(*s->timeout, [st = state_] { st->handle_timeout(); });
        s->todo_left = s->todo.size();
    }

    std::shared_ptr<State> state_;
};

template <class T>
AsCompleted<T>::AsCompleted(std::vector<AnyFuture<T>> todo, std::optional<double> timeout)
    : state_(std::make_shared<State>()) {
    state_->loop = &get_running_loop();
    state_->timeout = timeout;
    init(std::move(todo));
}

template <class T>
AsCompleted<T>::AsCompleted(std::function<std::vector<AnyFuture<T>>()> make_todo, std::optional<double> timeout)
    : state_(std::make_shared<State>()) {
    state_->loop = &get_running_loop();
    state_->timeout = timeout;
    state_->make_todo = std::move(make_todo);
}

// asyncio.as_completed(fs, timeout=None): inputs are deduplicated
// (as_completed.inputs.deduplicated) and coroutines wrapped in tasks at the
// call (as_completed.inputs.wrapping-time, 3.13+), or at the first next()
// (3.11, 3.12: a generator; Profile::as_completed_wraps_at_call). CPython
// iterates a set: the reference wraps and registers them in argument order.
// as_completed.timing.two-iterations: the completion callback puts the
// future in the queue, the getter wakes the next iteration.
template <class X>
AsCompleted<awaitable_result_t<X>> as_completed(std::vector<X> fs, std::optional<double> timeout = std::nullopt) {
    using T = awaitable_result_t<X>;
    auto wrap = [](std::vector<X>& inputs) {
        std::vector<AnyFuture<T>> todo;
        todo.reserve(inputs.size());
        for (X& x : inputs) {
            AnyFuture<T> f;
            if constexpr (detail::is_coro_v<X>)
                f = ensure_future(std::move(x));
            else
                f = ensure_future(x);
            bool seen = false;
            for (const AnyFuture<T>& g : todo) seen = seen || g == f;
            if (!seen) todo.push_back(std::move(f));
        }
        return todo;
    };
    if (get_running_loop().profile().as_completed_wraps_at_call()) return AsCompleted<T>(wrap(fs), timeout);
    auto inputs = std::make_shared<std::vector<X>>(std::move(fs));
    return AsCompleted<T>(std::function<std::vector<AnyFuture<T>>()>([wrap, inputs] { return wrap(*inputs); }),
                          timeout);
}

}  // namespace asyncio
