// Lib/asyncio/futures.py
#include "asyncio/futures.hpp"

#include <algorithm>
#include <vector>

#include "asyncio/tasks.hpp"

namespace asyncio {

FutureBase::~FutureBase() {
    for (Callback& cb : callbacks_)
        if (cb.node) cb.node->drop(cb.node);
    for_each_awaited_by([](FutureBase* w) { w->decref(); });
    delete awaited_by_more_;
    // A failed future destroyed without anyone retrieving its exception is
    // reported (CPython's __del__; see tasks.exception.stored-unawaited).
    if (log_traceback_ && exception_ && loop_ && EventLoop::alive(loop_)) {
        loop_->call_exception_handler(
            {is_task_ ? "Task exception was never retrieved" : "Future exception was never retrieved", exception_});
    }
}

// futures.cancel.pending, futures.cancel.done-returns-false
bool FutureBase::future_cancel(std::optional<std::string> msg) {
    log_traceback_ = false;
    if (state_ != State::pending) return false;
    state_ = State::cancelled;
    cancel_message_ = std::move(msg);
    schedule_callbacks();
    return true;
}

bool FutureBase::cancel(std::optional<std::string> msg) { return future_cancel(std::move(msg)); }

std::exception_ptr FutureBase::make_cancelled_error() {
    if (cancelled_exc_) return std::exchange(cancelled_exc_, nullptr);
    return asyncio::make_cancelled_error(cancel_message_);
}

std::exception_ptr FutureBase::result_exception() {
    if (state_ == State::pending) throw InvalidStateError("Result is not ready.");
    return outcome_exception();
}

std::exception_ptr FutureBase::exception() {
    if (state_ == State::cancelled) std::rethrow_exception(make_cancelled_error());
    if (state_ != State::finished) throw InvalidStateError("Exception is not set.");
    log_traceback_ = false;
    return exception_;
}

std::exception_ptr FutureBase::outcome_exception() {
    if (state_ == State::cancelled) return make_cancelled_error();
    log_traceback_ = false;
    return exception_;
}

// futures.set.done-invalid
void FutureBase::set_exception(std::exception_ptr exc) {
    if (state_ != State::pending) throw InvalidStateError("invalid state");
    // futures.set-exception.stop-iteration: stored as a RuntimeError whose
    // __cause__ and __context__ are the StopIteration
    // (Profile::set_exception_wraps_stop_iteration, 3.13+); before, refused.
    if (exception_is<StopIteration>(exc)) {
        if (!get_loop().profile().set_exception_wraps_stop_iteration())
            throw TypeError("StopIteration interacts badly with generators and cannot be raised into a Future");
        RuntimeError e("StopIteration interacts badly with generators and cannot be raised into a Future");
        e.cause = exc;
        e.context = exc;
        exc = make_exception(std::move(e));
    }
    finish(std::move(exc));
}

void FutureBase::finish(std::exception_ptr exc) {
    if (exc) {
        exception_ = std::move(exc);
        log_traceback_ = true;
    }
    state_ = State::finished;
    schedule_callbacks();
}

// futures.callbacks.scheduled-in-order: every callback is
// call_soon'd, in registration order.
void FutureBase::schedule_callbacks() {
    if (callbacks_.empty()) return;
    for (Callback& cb : callbacks_) {
        if (cb.task)
            cb.task->schedule_wakeup(this);
        else
            loop_->push_ready(cb.node);
    }
    callbacks_.clear();
}

void FutureBase::add_wakeup(TaskBase* task) {
    if (done()) {
        task->schedule_wakeup(this);
        return;
    }
    callbacks_.push_back(Callback{task, nullptr, task});
}

bool FutureBase::remove_wakeup(TaskBase* task) {
    return callbacks_.erase_if([task](const Callback& cb) { return cb.task == task; }) > 0;
}

std::size_t FutureBase::remove_done_callback(const void* identity) {
    return callbacks_.erase_if([identity](const Callback& cb) {
        if (!cb.node || cb.identity != identity) return false;
        cb.node->drop(cb.node);
        return true;
    });
}

// futures.future_add_to_awaited_by: a set (adding twice keeps one); the
// first slot is taken (add_awaited_by).
void FutureBase::add_awaited_by_more(FutureBase* waiter) {
    bool present = false;
    for_each_awaited_by([&](FutureBase* w) { present = present || w == waiter; });
    if (present) return;
    waiter->incref();
    if (!awaited_by_more_) awaited_by_more_ = new std::vector<FutureBase*>;
    awaited_by_more_->push_back(waiter);
}

// futures.future_discard_from_awaited_by: absent is no error.
void FutureBase::discard_awaited_by_more(FutureBase* waiter) {
    if (awaited_by_first_ == waiter) {
        awaited_by_first_ = nullptr;
        if (awaited_by_more_ && !awaited_by_more_->empty()) {
            awaited_by_first_ = awaited_by_more_->back();
            awaited_by_more_->pop_back();
        }
        waiter->decref();
        return;
    }
    if (!awaited_by_more_) return;
    auto it = std::find(awaited_by_more_->begin(), awaited_by_more_->end(), waiter);
    if (it == awaited_by_more_->end()) return;
    awaited_by_more_->erase(it);
    waiter->decref();
}

}  // namespace asyncio
