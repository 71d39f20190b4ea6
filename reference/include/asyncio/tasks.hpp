// Lib/asyncio/tasks.py: Task, create_task, current_task, all_tasks, sleep.
//
// A coroutine is any function returning asyncio::Coro<T>. Calling it makes a
// suspended coroutine object, as in Python; `co_await coro` runs it inside the
// current task; `create_task(coro)` wraps it in a Task. The task state lives
// in the coroutine's promise, so a task's only allocation is its frame.
#pragma once

#include <cmath>
#include <coroutine>
#include <cstdint>
#include <exception>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "asyncio/base_events.hpp"
#include "asyncio/futures.hpp"

namespace asyncio {

template <class T>
class Coro;
template <class T>
class Task;

class TaskBase : public FutureBase {
public:
    // cancel.pending-returns-true: on a pending task always counts the request and returns true;
    // cancels the awaited future if it can, else the next step throws.
    bool cancel(std::optional<std::string> msg = std::nullopt) override;
    // cancel.uncancel.count: cancel requests not yet matched by uncancel().
    int cancelling() const { return num_cancels_requested_; }
    // cancel.uncancel.count: decrement while > 0; cancel.uncancel.pending-cancel
    // (3.13): reaching 0 clears a pending, undelivered cancel.
    int uncancel();
    // tasks.name.default-numbering: "Task-N" unless named.
    std::string get_name() const;
    void set_name(std::string name) {
        name_ = std::move(name);
        has_name_ = true;
    }
    std::coroutine_handle<> resume_point() const { return resume_point_; }

    // How a task factory starts the task create_task made (its coroutine is
    // bound already). tasks.create.first-step-scheduled: the first step is call_soon'd.
    void start_lazy(EventLoop& loop, std::optional<std::string> name) { start(loop, resume_point_, std::move(name)); }
    // eager.start.synchronous-first-step: Task(..., eager_start=True)
    // runs the first step now, inside create_task, when the loop is running
    // (else like start_lazy). Defined in src/eager.cpp.
    void start_eager(EventLoop& loop, std::optional<std::string> name);

    // ---- the step machinery, used by awaiters -------------------------
    // The coroutine yielded `fut`: wake on its completion
    // (futures.await.pending-resumes-next-iteration); a pending cancel goes to
    // the future if it accepts it (cancel.self.lands-at-suspension); `fut` is
    // the task itself: tasks.await-self.runtime-error.
    void suspend_on(std::coroutine_handle<> h, FutureBase* fut);
    // sleep.zero.one-iteration: a bare yield: step again in the next iteration.
    void suspend_yield(std::coroutine_handle<> h);
    // What the step threw into the coroutine (coro.throw), raised at the
    // await where it suspended.
    void rethrow_injected() {
        if (injected_) std::rethrow_exception(std::exchange(injected_, nullptr));
    }
    // futures.await.pending-resumes-next-iteration, tasks.await.resumes-next-iteration:
    // the awaited future completed: __wakeup in the next iteration.
    void schedule_wakeup(FutureBase* fut);
    // call_soon(__step, exc): tasks.create.first-step-scheduled, sleep.zero.one-iteration.
    void schedule_step(std::exception_ptr exc = nullptr);
    FutureBase* fut_waiter() const { return fut_waiter_.get(); }

    // The loop's intrusive list of live tasks (all_tasks()).
    TaskBase* prev_task = nullptr;
    TaskBase* next_task = nullptr;

protected:
    TaskBase();
    // tasks.create.first-step-scheduled: take over a suspended coroutine and schedule its first step.
    void start(EventLoop& loop, std::coroutine_handle<> root, std::optional<std::string> name);
    // The root coroutine returned or raised: the task's outcome.
    void complete_with_value();
    void complete_with_exception(std::exception_ptr exc);
    void step(std::exception_ptr exc);
    static void on_ready(ReadyNode* node);

    struct TaskNode : ReadyNode {
        TaskBase* task = nullptr;
    };
    TaskNode ready_node_;
    std::coroutine_handle<> resume_point_;
    detail::Ref<FutureBase> fut_waiter_;
    detail::Ref<FutureBase> wakeup_from_;
    std::exception_ptr injected_;
    std::exception_ptr step_exc_;
    std::string name_;
    std::uint64_t number_ = 0;
    int num_cancels_requested_ = 0;
    bool must_cancel_ = false;
    bool has_name_ = false;
    bool is_root_ = false;  // this frame is a task's coroutine, not an inline await
    bool reraise_ = false;  // KeyboardInterrupt/SystemExit leave the loop
};

namespace detail {

template <class T>
struct Promise;

template <class T>
struct PromiseReturn : TaskBase, ValueSlot<T> {
    template <class V>
    void return_value(V&& v) {
        this->store(T(std::forward<V>(v)));
    }
};
template <>
struct PromiseReturn<void> : TaskBase, ValueSlot<void> {
    void return_void() {}
};

template <class T>
struct Promise final : PromiseReturn<T> {
    using Handle = std::coroutine_handle<Promise>;

    std::coroutine_handle<> continuation;  // inline await: the awaiting frame
    std::exception_ptr raised;             // the exception the body let out

    Coro<T> get_return_object() noexcept;

    // cancel.before-first-step: a task cancelled before its first step throws at once.
    struct InitialAwaiter {
        Promise* p;
        bool await_ready() const noexcept { return false; }
        void await_suspend(std::coroutine_handle<>) const noexcept {}
        void await_resume() const {
            if (p->is_root_) p->rethrow_injected();
        }
    };
    InitialAwaiter initial_suspend() noexcept { return {this}; }

    struct FinalAwaiter {
        bool await_ready() const noexcept { return false; }
        std::coroutine_handle<> await_suspend(Handle h) const noexcept {
            Promise& p = h.promise();
            if (p.continuation) return p.continuation;
            if (p.is_root_) {
                if (p.raised)
                    p.complete_with_exception(std::move(p.raised));
                else
                    p.complete_with_value();
            }
            return std::noop_coroutine();
        }
        void await_resume() const noexcept {}
    };
    FinalAwaiter final_suspend() noexcept { return {}; }
    void unhandled_exception() noexcept { raised = std::current_exception(); }

    T result() {
        this->raise_unless_result();
        return this->get();
    }
    void start_task(EventLoop& loop, std::optional<std::string> name) {
        this->start(loop, Handle::from_promise(*this), std::move(name));
    }
    // Before a task factory starts it (start_lazy / start_eager).
    void bind_root() { this->resume_point_ = Handle::from_promise(*this); }

    static void* operator new(std::size_t n) { return Pool::allocate(n); }
    static void operator delete(void* p, std::size_t n) { Pool::deallocate(p, n); }

protected:
    void destroy_self() noexcept override { Handle::from_promise(*this).destroy(); }
};

// TaskBase::current or RuntimeError: every await happens inside a task.
TaskBase& current_task_for_await();

// co_await of a Future or Task. futures.await.done-no-suspend, tasks.await.done-no-suspend:
// a done future does not suspend.
template <class S, class T>
struct StateAwaiter {
    S* state;
    TaskBase* task = nullptr;
    bool await_ready() const noexcept { return state->done(); }
    void await_suspend(std::coroutine_handle<> h) {
        task = &current_task_for_await();
        task->suspend_on(h, state);
    }
    T await_resume() {
        if (task) task->rethrow_injected();
        return state->result();
    }
};

}  // namespace detail

template <class T>
class FutureAwaiter : public detail::StateAwaiter<FutureState<T>, T> {};

template <class T>
FutureAwaiter<T> Future<T>::operator co_await() const {
    return FutureAwaiter<T>{{s_.get()}};
}

// A coroutine object: owns its suspended frame until it is awaited (runs in
// the awaiting task) or handed to create_task.
template <class T = void>
class [[nodiscard]] Coro {
public:
    using promise_type = detail::Promise<T>;
    using Handle = std::coroutine_handle<promise_type>;

    explicit Coro(Handle h) : h_(h) {}
    Coro(Coro&& o) noexcept : h_(std::exchange(o.h_, {})) {}
    Coro& operator=(Coro&& o) noexcept {
        if (this != &o) {
            reset();
            h_ = std::exchange(o.h_, {});
        }
        return *this;
    }
    ~Coro() { reset(); }

    // The caller takes the frame over (create_task).
    Handle release() { return std::exchange(h_, {}); }
    explicit operator bool() const { return static_cast<bool>(h_); }

    struct Awaiter {
        Handle h;
        bool await_ready() const noexcept { return false; }
        std::coroutine_handle<> await_suspend(std::coroutine_handle<> awaiting) noexcept {
            h.promise().continuation = awaiting;
            return h;  // symmetric transfer: the body runs in the current task
        }
        T await_resume() {
            promise_type& p = h.promise();
            if (p.raised) std::rethrow_exception(std::exchange(p.raised, nullptr));
            return p.get();
        }
    };
    Awaiter operator co_await() && { return Awaiter{h_}; }

private:
    void reset() {
        if (h_) std::exchange(h_, {}).destroy();
    }
    Handle h_;
};

template <class T>
Coro<T> detail::Promise<T>::get_return_object() noexcept {
    return Coro<T>(Handle::from_promise(*this));
}

// asyncio.Task: a shared handle to a running coroutine.
template <class T = void>
class Task {
public:
    using value_type = T;
    using State = detail::Promise<T>;

    Task() = default;
    explicit Task(State* s) : s_(s) {}

    bool done() const { return s_->done(); }
    bool cancelled() const { return s_->cancelled(); }
    bool cancel(std::optional<std::string> msg = std::nullopt) const { return s_->cancel(std::move(msg)); }
    int cancelling() const { return s_->cancelling(); }
    int uncancel() const { return s_->uncancel(); }
    T result() const { return s_->result(); }
    std::exception_ptr exception() const { return s_->exception(); }
    std::string get_name() const { return s_->get_name(); }
    void set_name(std::string name) const { s_->set_name(std::move(name)); }
    // tasks.set-result.raises: Task.set_result / set_exception raise RuntimeError.
    void set_result() const { throw RuntimeError("Task does not support set_result operation"); }
    void set_exception(std::exception_ptr) const {
        throw RuntimeError("Task does not support set_exception operation");
    }
    template <class F>
    void add_done_callback(F&& fn, const void* identity = nullptr) const {
        if constexpr (std::is_pointer_v<std::decay_t<F>>)
            if (identity == nullptr) identity = reinterpret_cast<const void*>(fn);
        s_->add_done_callback(
            [f = std::forward<F>(fn)](FutureBase& b) mutable { f(Task(static_cast<State*>(&b))); }, identity);
    }
    std::size_t remove_done_callback(const void* identity) const { return s_->remove_done_callback(identity); }
    EventLoop& get_loop() const { return s_->get_loop(); }

    TaskBase* base() const { return s_.get(); }
    State* state() const { return s_.get(); }
    detail::StateAwaiter<State, T> operator co_await() const { return {s_.get()}; }
    friend bool operator==(const Task& a, const Task& b) { return a.s_ == b.s_; }

private:
    detail::Ref<State> s_;
};

// Which signature takes the eager_start keyword: the Task constructor's
// (eager.start-param.task-constructor, 3.12+) or create_task's
// (eager.start-param.create-task, 3.14+).
enum class TaskCall : std::uint8_t { task_constructor, create_task };
// The TypeError of an unexpected keyword argument where the profile's
// signature lacks eager_start; raised before the coroutine is taken.
inline void check_eager_start_keyword(const EventLoop& loop, TaskCall call) {
    const Profile p = loop.profile();
    if (call == TaskCall::task_constructor ? p.task_takes_eager_start() : p.create_task_takes_eager_start()) return;
    throw TypeError(call == TaskCall::task_constructor
                        ? "Task.__init__() got an unexpected keyword argument 'eager_start'"
                        : "create_task() got an unexpected keyword argument 'eager_start'");
}

// loop.create_task(coro, name=..., eager_start=...):
// tasks.create.first-step-scheduled, the first step is call_soon'd;
// eager.start-param.create-task: eager_start=True (3.14+) runs it now;
// a task factory gets eager_start passed on.
template <class T>
Task<T> create_task(EventLoop& loop, Coro<T> coro, std::optional<std::string> name = std::nullopt,
                    std::optional<bool> eager_start = std::nullopt) {
    if (eager_start) [[unlikely]]
        check_eager_start_keyword(loop, TaskCall::create_task);
    auto h = coro.release();
    if (!h) throw TypeError("a coroutine was expected");
    if (TaskFactory factory = loop.get_task_factory()) {
        // base_events.create_task with a task factory (eager tasks: the
        // first step may finish the task before we return it).
        Task<T> task(&h.promise());
        h.promise().bind_root();
        factory(loop, h.promise(), std::move(name), eager_start);
        return task;
    }
    if (eager_start.value_or(false)) [[unlikely]] {
        Task<T> task(&h.promise());  // held first: the eager step may finish the task
        h.promise().bind_root();
        h.promise().start_eager(loop, std::move(name));
        return task;
    }
    h.promise().start_task(loop, std::move(name));
    return Task<T>(&h.promise());
}
// Task(coro, loop=loop, name=..., eager_start=...): the constructor never
// consults the task factory; eager_start=True runs the first step now on a
// running loop (eager.start-param.task-constructor, 3.12+).
template <class T>
Task<T> make_task(EventLoop& loop, Coro<T> coro, std::optional<std::string> name = std::nullopt,
                  bool eager_start = false) {
    if (eager_start) check_eager_start_keyword(loop, TaskCall::task_constructor);
    auto h = coro.release();
    if (!h) throw TypeError("a coroutine was expected");
    Task<T> task(&h.promise());  // held first: the eager step may finish the task
    h.promise().bind_root();
    if (eager_start)
        h.promise().start_eager(loop, std::move(name));
    else
        h.promise().start_task(loop, std::move(name));
    return task;
}
// Named tasks and Task-N numbers (tasks.name.explicit-consumes-number): the
// Task constructor and loop.create_task(coro, name=N) take no number. 3.13+
// asyncio.create_task and TaskGroup.create_task pass the name on; 3.11, 3.12
// call loop.create_task(coro), which takes a number, then set the name
// (Profile::create_task_passes_name).
namespace detail {
template <class T>
[[gnu::noinline, gnu::cold]] Task<T> create_task_then_name(EventLoop& loop, Coro<T> coro, std::string name) {
    Task<T> task = create_task(loop, std::move(coro));
    task.set_name(std::move(name));
    return task;
}
}  // namespace detail
// asyncio.create_task: on the running loop.
template <class T>
Task<T> create_task(Coro<T> coro, std::optional<std::string> name = std::nullopt,
                    std::optional<bool> eager_start = std::nullopt) {
    EventLoop& loop = get_running_loop();
    if (name && !loop.profile().create_task_passes_name()) [[unlikely]] {
        if (eager_start) check_eager_start_keyword(loop, TaskCall::create_task);
        return detail::create_task_then_name(loop, std::move(coro), std::move(*name));
    }
    return create_task(loop, std::move(coro), std::move(name), eager_start);
}

// tasks.current-task.running: the task whose step is running, or nullptr; RuntimeError when no
// loop is running.
TaskBase* current_task();
// tasks.all-tasks.not-done: the loop's not-done tasks.
std::vector<detail::Ref<TaskBase>> all_tasks();
std::vector<detail::Ref<TaskBase>> all_tasks(EventLoop& loop);

// ---- sleep ----------------------------------------------------------------

namespace detail {

// A future that lives inside an awaiter (sleep's), never freed by refcount.
class EmbeddedFuture final : public FutureBase {
public:
    explicit EmbeddedFuture(EventLoop& loop) : FutureBase(loop) { incref(); }
    // futures._set_result_unless_cancelled
    void set_result_unless_cancelled() {
        if (!cancelled()) finish(nullptr);
    }
    void result() { raise_unless_result(); }

protected:
    void destroy_self() noexcept override {}
};

// sleep.zero.one-iteration: sleep(d <= 0) is one bare yield: exactly one iteration.
struct YieldAwaiter {
    TaskBase* task = nullptr;
    bool await_ready() const noexcept { return false; }
    void await_suspend(std::coroutine_handle<> h) {
        task = &current_task_for_await();
        task->suspend_yield(h);
    }
    void await_resume() { task->rethrow_injected(); }
};

// sleep.positive.timer: sleep(d > 0): a future completed by call_later(d); the
// timer is cancelled when the sleep ends any other way (sleep.cancel.removes-timer).
class SleepAwaiter {
public:
    explicit SleepAwaiter(double delay);
    bool await_ready() const noexcept { return false; }
    void await_suspend(std::coroutine_handle<> h);
    // Inline: a cancel is thrown in the sleeping coroutine's frame (see
    // FutureBase::raise_unless_result).
    void await_resume() {
        timer_.cancel();  // the `finally: h.cancel()` of asyncio.sleep
        task_->rethrow_injected();
        future_->result();
    }

private:
    double delay_;
    TaskBase* task_ = nullptr;
    std::optional<EmbeddedFuture> future_;
    TimerHandle timer_;
};

class SleepAwaitable {
public:
    explicit SleepAwaitable(double delay) : delay_(delay) {}
    // sleep.nan: NaN raises ValueError when awaited (Profile::sleep_rejects_nan,
    // 3.13+); before, NaN is not <= 0: a timer due at NaN, popped at once.
    struct Awaiter {
        double delay;
        std::optional<YieldAwaiter> yield;
        std::optional<SleepAwaiter> sleep;
        bool await_ready() const noexcept { return false; }
        void await_suspend(std::coroutine_handle<> h) {
            if (delay <= 0) {
                yield.emplace();
                yield->await_suspend(h);
            } else {
                sleep.emplace(delay);
                sleep->await_suspend(h);
            }
        }
        void await_resume() {
            if (yield)
                yield->await_resume();
            else
                sleep->await_resume();
        }
    };
    Awaiter operator co_await() const {
        if (std::isnan(delay_) && get_running_loop().profile().sleep_rejects_nan())
            throw ValueError("Invalid delay: NaN (not a number)");
        return Awaiter{delay_, {}, {}};
    }

private:
    double delay_;
};

}  // namespace detail

// asyncio.sleep(delay)
inline detail::SleepAwaitable sleep(double delay) { return detail::SleepAwaitable(delay); }

// ---- running ----------------------------------------------------------------

namespace detail {
void stop_loop_callback(FutureBase& fut);
void cancel_all_tasks(EventLoop& loop);
}  // namespace detail

// loop.run_until_complete(task): run until the task is done, return its
// result or raise its exception.
template <class T>
T run_until_complete(EventLoop& loop, const Task<T>& task) {
    const void* id = reinterpret_cast<const void*>(&detail::stop_loop_callback);
    task.base()->add_done_callback(&detail::stop_loop_callback, id);
    struct Remove {
        FutureBase* f;
        const void* id;
        ~Remove() { f->remove_done_callback(id); }
    } remove{task.base(), id};
    loop.run_forever();
    if (!task.done()) throw RuntimeError("Event loop stopped before Future completed.");
    return task.result();
}
template <class T>
T run_until_complete(EventLoop& loop, Coro<T> coro) {
    return run_until_complete(loop, create_task(loop, std::move(coro)));
}

// asyncio.run(main): a new loop, run main, cancel what is left, close.
template <class T>
T run(Coro<T> main, Clock clock = Clock::monotonic) {
    EventLoop loop(clock);
    auto task = create_task(loop, std::move(main));
    struct Finish {
        EventLoop& loop;
        ~Finish() {
            try {
                detail::cancel_all_tasks(loop);
            } catch (...) {
            }
            loop.close();
        }
    } finish{loop};
    return run_until_complete(loop, task);
}

template <class F>
void EventLoop::for_each_task(F&& f) const {
    for (TaskBase* t = tasks_head_; t; t = t->next_task) f(t);
}

}  // namespace asyncio
