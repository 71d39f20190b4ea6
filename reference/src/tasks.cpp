// Lib/asyncio/tasks.py: Task.__step, __wakeup, cancel, uncancel; sleep.
#include "asyncio/tasks.hpp"

#include <memory>

namespace asyncio {

TaskBase::TaskBase() {
    is_task_ = true;
    ready_node_.task = this;
    ready_node_.run = &TaskBase::on_ready;
    ready_node_.drop = [](ReadyNode*) {};  // the loop's task list owns the task
}

void TaskBase::start(EventLoop& loop, std::coroutine_handle<> root, std::optional<std::string> name) {
    loop_ = &loop;
    is_root_ = true;
    resume_point_ = root;
    // tasks.name.explicit-consumes-number (3.13): a number is taken only when no name is given.
    if (name)
        set_name(std::move(*name));
    else
        number_ = loop.next_task_number();
    loop.register_task(this);
    schedule_step();
}

std::string TaskBase::get_name() const { return has_name_ ? name_ : "Task-" + std::to_string(number_); }

bool TaskBase::cancel(std::optional<std::string> msg) {
    log_traceback_ = false;
    if (done()) return false;  // cancel.done-returns-false
    ++num_cancels_requested_;  // cancel.pending-returns-true
    // cancel.forwarded-to-awaited, cancel.forwarded-to-future: cancel
    // the awaited future (a task may swallow it: keep it, we may have to
    // cancel it again later).
    if (fut_waiter_ && fut_waiter_->cancel(msg)) return true;
    // The step is already scheduled: it throws CancelledError (cancel.before-first-step,
    // cancel.delivered-at-next-step, cancel.race.after-wakeup-scheduled).
    must_cancel_ = true;
    cancel_message_ = std::move(msg);
    return true;
}

// cancel.uncancel.count: never below zero.
int TaskBase::uncancel() {
    if (num_cancels_requested_ > 0) {
        --num_cancels_requested_;
        // cancel.uncancel.pending-cancel: back to zero withdraws a cancel
        // not yet delivered (Profile::uncancel_withdraws_pending_cancel, 3.13+).
        if (num_cancels_requested_ == 0 && loop_->profile().uncancel_withdraws_pending_cancel()) must_cancel_ = false;
    }
    return num_cancels_requested_;
}

void TaskBase::schedule_step(std::exception_ptr exc) {
    step_exc_ = std::move(exc);
    loop_->push_ready(&ready_node_);
}

void TaskBase::schedule_wakeup(FutureBase* fut) {
    wakeup_from_ = detail::Ref<FutureBase>(fut);
    loop_->push_ready(&ready_node_);
}

void TaskBase::on_ready(ReadyNode* node) {
    TaskBase* task = static_cast<TaskNode*>(node)->task;
    if (task->wakeup_from_) {
        // __wakeup: future.result() raising is thrown into the coroutine.
        // The reference goes before the step: the future may live in the
        // awaiter (sleep), which the resumed coroutine destroys.
        std::exception_ptr exc = task->wakeup_from_->outcome_exception();
        task->wakeup_from_ = detail::Ref<FutureBase>();
        task->step(std::move(exc));
    } else {
        task->step(std::exchange(task->step_exc_, nullptr));
    }
}

// Task.__step: one step; a pending cancel is thrown in (cancel.delivered-at-next-step).
void TaskBase::step(std::exception_ptr exc) {
    if (must_cancel_) {
        // A CancelledError already on its way (from the awaited future) keeps
        // its message; anything else is replaced (cancel.race.after-wakeup-scheduled).
        if (!exception_is<CancelledError>(exc)) exc = make_cancelled_error();
        must_cancel_ = false;
    }
    fut_waiter_ = detail::Ref<FutureBase>();
    detail::Ref<TaskBase> keep(this);  // the frame outlives its own completion
    TaskBase* previous = loop_->current_task();
    loop_->set_current_task(this);
    injected_ = std::move(exc);
    resume_point_.resume();
    loop_->set_current_task(previous);
    if (reraise_) {
        reraise_ = false;
        mark_retrieved();
        std::rethrow_exception(exception_);
    }
}

void TaskBase::suspend_on(std::coroutine_handle<> h, FutureBase* fut) {
    resume_point_ = h;
    if (fut == this) {
        schedule_step(make_exception(RuntimeError("Task cannot await on itself")));
        return;
    }
    fut->add_wakeup(this);
    fut_waiter_ = detail::Ref<FutureBase>(fut);
    if (must_cancel_ && fut->cancel(cancel_message_)) must_cancel_ = false;
}

// sleep.zero.one-iteration: the next step is queued directly.
void TaskBase::suspend_yield(std::coroutine_handle<> h) {
    resume_point_ = h;
    schedule_step();
}

void TaskBase::complete_with_value() {
    if (must_cancel_) {
        // cancel.self.return-ends-cancelled: cancelled right before the coroutine returned.
        must_cancel_ = false;
        future_cancel(cancel_message_);
    } else {
        finish(nullptr);
    }
    loop_->unregister_task(this);
}

// The coroutine raised (tasks.await.exception-propagates, cancel.raise-without-cancel),
// classified without rethrowing (exception_is).
void TaskBase::complete_with_exception(std::exception_ptr exc) {
    if (exception_is<CancelledError>(exc)) {
        // cancel.message: saved, so awaiters get this very object.
        cancelled_exc_ = exc;
        future_cancel(std::nullopt);
    } else {
        // KeyboardInterrupt/SystemExit are stored, then leave the loop.
        reraise_ = exception_is<KeyboardInterrupt>(exc) || exception_is<SystemExit>(exc);
        finish(std::move(exc));
    }
    loop_->unregister_task(this);
}

namespace detail {

TaskBase& current_task_for_await() {
    EventLoop* loop = EventLoop::running();
    TaskBase* task = loop ? loop->current_task() : nullptr;
    if (!task) throw RuntimeError("await outside of a task");
    return *task;
}

SleepAwaiter::SleepAwaiter(double delay) : delay_(delay) {}

void SleepAwaiter::await_suspend(std::coroutine_handle<> h) {
    task_ = &current_task_for_await();
    EventLoop& loop = task_->get_loop();
    future_.emplace(loop);
    EmbeddedFuture* fut = &*future_;
    timer_ = loop.call_later(delay_, [fut] { fut->set_result_unless_cancelled(); });
    task_->suspend_on(h, fut);
}

void stop_loop_callback(FutureBase& fut) { fut.get_loop().stop(); }

// What asyncio.run does after main: cancel the remaining tasks and run the
// loop until they are done.
void cancel_all_tasks(EventLoop& loop) {
    std::vector<Ref<TaskBase>> tasks = all_tasks(loop);
    if (tasks.empty()) return;
    for (auto& t : tasks) t->cancel();
    // runners._cancel_all_tasks: run_until_complete(gather(*tasks)), so the
    // clock advances to the timers of tasks that await in their cleanup (a
    // call_soon(stop) per iteration never lets it; found by the differential
    // fuzzer, scenario tasks.fuzz-65ce70a5).
    auto remaining = std::make_shared<std::size_t>(0);
    const void* const identity = remaining.get();
    for (auto& t : tasks)
        if (!t->done()) {
            ++*remaining;
            t->add_done_callback(
                [remaining, &loop](FutureBase&) {
                    if (--*remaining == 0) loop.stop();
                },
                identity);
        }
    struct Unhook {  // tasks that never finish (the loop stalled) drop the callback
        std::vector<Ref<TaskBase>>& tasks;
        const void* identity;
        ~Unhook() {
            for (auto& t : tasks)
                if (!t->done()) t->remove_done_callback(identity);
        }
    } unhook{tasks, identity};
    if (*remaining) loop.run_forever();
}

}  // namespace detail

TaskBase* current_task() {
    EventLoop* loop = EventLoop::running();
    if (!loop) throw RuntimeError("no running event loop");
    return loop->current_task();
}

std::vector<detail::Ref<TaskBase>> all_tasks(EventLoop& loop) {
    std::vector<detail::Ref<TaskBase>> out;
    loop.for_each_task([&](TaskBase* t) {
        if (!t->done()) out.emplace_back(t);
    });
    return out;
}

std::vector<detail::Ref<TaskBase>> all_tasks() { return all_tasks(get_running_loop()); }

void EventLoop::register_task(TaskBase* task) {
    task->incref();
    task->prev_task = nullptr;
    task->next_task = tasks_head_;
    if (tasks_head_) tasks_head_->prev_task = task;
    tasks_head_ = task;
}

void EventLoop::unregister_task(TaskBase* task) {
    if (task->prev_task)
        task->prev_task->next_task = task->next_task;
    else
        tasks_head_ = task->next_task;
    if (task->next_task) task->next_task->prev_task = task->prev_task;
    task->prev_task = task->next_task = nullptr;
    task->decref();
}

}  // namespace asyncio
