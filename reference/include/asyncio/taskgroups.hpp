// Lib/asyncio/taskgroups.py (3.13): TaskGroup.
//
//     co_await async_with(TaskGroup(), [&](TaskGroup& tg) -> Coro<> {
//         tg.create_task(child(1));
//         tg.create_task(child(2));
//         co_return;
//     });
//
// or by hand: `co_await tg.aenter(); ...; co_await tg.aexit(exc);` (aexit
// waits for the children and raises the exception group).
//
// taskgroup.abort.sibling-order-undefined (IMPL-DEFINED): CPython keeps
// the children in a set; the reference cancels them in creation order.
#pragma once

#include <cstdint>
#include <exception>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "asyncio/base_events.hpp"
#include "asyncio/futures.hpp"
#include "asyncio/tasks.hpp"

namespace asyncio {

class TaskGroup {
public:
    TaskGroup();
    TaskGroup(TaskGroup&& o) noexcept : state_(std::exchange(o.state_, nullptr)) {}  // before entering only
    TaskGroup(const TaskGroup&) = delete;
    TaskGroup& operator=(const TaskGroup&) = delete;
    ~TaskGroup();

    // taskgroup.create-task.refused, taskgroup.create-task.refused-closes-coroutine
    // (the refused coroutine is destroyed, 3.13's coro.close()),
    // taskgroup.create-task.allowed-while-waiting, taskgroup.create-task.name.
    template <class T>
    [[gnu::always_inline]] Task<T> create_task(Coro<T> coro, std::optional<std::string> name = std::nullopt,
                                               std::optional<bool> eager_start = std::nullopt) {
        // eager.start-param.create-task: the keyword is passed on (3.14+),
        // else refused as a signature would (before anything else).
        if (eager_start) [[unlikely]]
            check_eager_start_keyword(*state_->loop, TaskCall::create_task);
        check_create();
        // taskgroup.create-task.name: Profile::create_task_passes_name (tasks.hpp).
        if (name && !state_->loop->profile().create_task_passes_name()) [[unlikely]]
            return create_task_then_name(std::move(coro), std::move(*name));
        Task<T> task = asyncio::create_task(*state_->loop, std::move(coro), std::move(name), eager_start);
        add_task(task.base());
        return task;
    }

    // taskgroup.create-task.refused: RuntimeError when create_task would
    // refuse a coroutine (not entered, finished, shutting down). create_task
    // takes the coroutine by value, so a refused one is always destroyed
    // (3.13's coro.close()); 3.11 and 3.12 leave it untouched
    // (taskgroup.create-task.refused-closes-coroutine,
    // Profile::taskgroup_closes_refused_coroutine): check first to keep it.
    void check_create();

    struct EnterAwaiter {
        TaskGroup* tg;
        bool await_ready() const noexcept { return true; }
        void await_suspend(std::coroutine_handle<>) const noexcept {}
        TaskGroup& await_resume() const {
            tg->enter();
            return *tg;
        }
    };
    // __aenter__: taskgroup.enter.once-only.
    EnterAwaiter aenter() { return EnterAwaiter{this}; }
    // __aexit__(exc): waits for every child; raises the exception group,
    // KeyboardInterrupt/SystemExit or CancelledError, or returns false (the
    // caller re-raises exc, if any).
    Coro<bool> aexit(std::exception_ptr exc);

    std::string repr() const;
    // The children not done yet.
    std::size_t size() const { return state_->ntasks; }

private:
    struct State {
        std::uint32_t refs = 1;
        EventLoop* loop = nullptr;
        detail::Ref<TaskBase> parent;
        // Creation order; a finished child leaves a hole (nullptr).
        std::vector<detail::Ref<TaskBase>> tasks;
        std::size_t ntasks = 0;
        std::vector<std::exception_ptr> errors;
        std::exception_ptr base_error;
        std::optional<Future<bool>> on_completed;
        bool entered = false;
        bool exiting = false;
        bool aborting = false;
        bool parent_cancel_requested = false;
        // Recycled like frames and handles (one State per group).
        static void* operator new(std::size_t n) { return detail::Pool::allocate(n); }
        static void operator delete(void* p, std::size_t n) { detail::Pool::deallocate(p, n); }
    };
    struct StateRef {
        State* s;
        explicit StateRef(State* p) : s(p) { ++s->refs; }
        StateRef(const StateRef& o) : s(o.s) { ++s->refs; }
        StateRef& operator=(const StateRef&) = delete;
        ~StateRef() {
            if (--s->refs == 0) delete s;
        }
    };

    void enter();
    void add_task(TaskBase* task);
    template <class T>
    [[gnu::noinline, gnu::cold]] Task<T> create_task_then_name(Coro<T> coro, std::string name) {
        Task<T> task = detail::create_task_then_name(*state_->loop, std::move(coro), std::move(name));
        add_task(task.base());
        return task;
    }
    static void on_task_done(State* s, std::size_t slot, TaskBase& task);
    static void abort(State* s);

    State* state_;
};

}  // namespace asyncio
