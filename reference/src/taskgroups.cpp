// Lib/asyncio/taskgroups.py (3.13; 3.11, 3.12 and 3.14 by the loop's profile).
#include "asyncio/taskgroups.hpp"

#include "asyncio/awaitables.hpp"
#include "asyncio/exception_groups.hpp"

namespace asyncio {

namespace {
// TaskGroup._is_base_error
bool is_base_error(const std::exception_ptr& e) {
    return exception_is<KeyboardInterrupt>(e) || exception_is<SystemExit>(e);
}
}  // namespace

TaskGroup::TaskGroup() : state_(new State) {}

TaskGroup::~TaskGroup() {
    if (!state_) return;  // moved from
    // Children still running keep the state alive through their callbacks.
    if (--state_->refs == 0) delete state_;
}

std::string TaskGroup::repr() const {
    std::string info;
    if (state_->ntasks) info += " tasks=" + std::to_string(state_->ntasks);
    if (!state_->errors.empty()) info += " errors=" + std::to_string(state_->errors.size());
    if (state_->aborting)
        info += " cancelling";
    else if (state_->entered)
        info += " entered";
    return "<TaskGroup" + info + ">";
}

// taskgroup.enter.once-only: needs a current task.
void TaskGroup::enter() {
    State* s = state_;
    if (s->entered) throw RuntimeError("TaskGroup " + repr() + " has already been entered");
    if (!s->loop) s->loop = &get_running_loop();
    TaskBase* parent = s->loop->current_task();
    if (!parent) throw RuntimeError("TaskGroup " + repr() + " cannot determine the parent task");
    s->parent = detail::Ref<TaskBase>(parent);
    s->entered = true;
}

// taskgroup.create-task.refused.
void TaskGroup::check_create() {
    State* s = state_;
    if (!s->entered) throw RuntimeError("TaskGroup " + repr() + " has not been entered");
    if (s->exiting && s->ntasks == 0) throw RuntimeError("TaskGroup " + repr() + " is finished");
    if (s->aborting) throw RuntimeError("TaskGroup " + repr() + " is shutting down");
}

void TaskGroup::add_task(TaskBase* task) {
    State* s = state_;
    // graph.awaited-by.combinators: a child is awaited by the parent task.
    task->add_awaited_by(s->parent.get());
    const std::size_t slot = s->tasks.size();
    s->tasks.emplace_back(task);
    ++s->ntasks;
    // eager.taskgroup.immediate-failure: an eager child that finished
    // inside create_task is seen at once (3.12, 3.13), or through its done
    // callback like any other (3.14+, Profile::taskgroup_defers_done_child).
    if (task->done() && !s->loop->profile().taskgroup_defers_done_child()) {
        on_task_done(s, slot, *task);
        return;
    }
    task->add_done_callback(
        [ref = StateRef(s), slot](FutureBase& f) { on_task_done(ref.s, slot, static_cast<TaskBase&>(f)); });
}

// TaskGroup._abort: cancel every unfinished child, in creation order
// (taskgroup.abort.sibling-order-undefined).
void TaskGroup::abort(State* s) {
    s->aborting = true;
    for (std::size_t i = 0; i < s->tasks.size(); ++i) {
        TaskBase* t = s->tasks[i].get();
        if (t && !t->done()) t->cancel();
    }
}

// TaskGroup._on_task_done: taskgroup.abort.child-error-cancels-all,
// taskgroup.errors.completion-order, taskgroup.errors.cancelled-not-error.
void TaskGroup::on_task_done(State* s, std::size_t slot, TaskBase& task) {
    detail::Ref<TaskBase> keep(&task);
    task.discard_awaited_by(s->parent.get());
    s->tasks[slot] = detail::Ref<TaskBase>();
    --s->ntasks;
    if (s->ntasks == 0) {
        s->tasks.clear();
        if (s->on_completed && !s->on_completed->done()) s->on_completed->set_result(true);
    }
    if (task.cancelled()) return;
    std::exception_ptr exc = task.exception();
    if (!exc) return;
    s->errors.push_back(exc);
    if (is_base_error(exc) && !s->base_error) s->base_error = exc;
    if (s->parent->done()) {
        s->loop->call_exception_handler({"Task " + task.get_name() + " has errored out but its parent task " +
                                             s->parent->get_name() + " is already completed",
                                         exc});
        return;
    }
    if (!s->aborting && !s->parent_cancel_requested) {
        abort(s);
        s->parent_cancel_requested = true;
        s->parent->cancel();
    }
}

// TaskGroup.__aexit__ (3.13): taskgroup.exit.waits-for-all,
// taskgroup.abort.body-error-cancels-children,
// taskgroup.cancel.parent-cancel-in-body, taskgroup.cancel.parent-cancel-while-waiting,
// taskgroup.abort.parent-uncancelled (un-cancel after waiting),
// taskgroup.cancel.external-preserved (3.13: re-delivered),
// taskgroup.errors.exception-group, taskgroup.errors.base-error-bare,
// taskgroup.timing.exit-two-iterations.
Coro<bool> TaskGroup::aexit(std::exception_ptr exc) {
    State* s = state_;
    StateRef keep(s);
    // The state's reference to the parent goes when __aexit__ ends (the
    // parent's frame holds the group: no cycle).
    struct DropParent {
        State* s;
        ~DropParent() { s->parent = detail::Ref<TaskBase>(); }
    } drop_parent{s};
    s->exiting = true;
    if (exc && is_base_error(exc) && !s->base_error) s->base_error = exc;
    const bool exc_is_cancel = exception_is<CancelledError>(exc);
    std::exception_ptr propagate_cancellation_error = exc_is_cancel ? exc : nullptr;
    // taskgroup.abort.parent-uncancelled: 3.13+ un-cancel the parent once the
    // children are done; 3.11, 3.12 here, before waiting for them
    // (Profile::taskgroup_uncancels_after_children).
    const bool uncancel_after = s->loop->profile().taskgroup_uncancels_after_children();
    if (!uncancel_after && s->parent_cancel_requested && s->parent->uncancel() == 0)
        propagate_cancellation_error = nullptr;
    if (exc && !s->aborting) abort(s);

    while (s->ntasks) {
        if (!s->on_completed) s->on_completed = create_future<bool>(*s->loop);
        std::exception_ptr cancelled;
        try {
            co_await detail::BaseAwaiter{s->on_completed->base()};
        } catch (const CancelledError&) {
            cancelled = std::current_exception();
        }
        if (cancelled && !s->aborting) {
            propagate_cancellation_error = cancelled;
            abort(s);
        }
        s->on_completed.reset();
    }

    if (s->base_error) std::rethrow_exception(s->base_error);

    if (uncancel_after && s->parent_cancel_requested) {
        // 3.13: un-cancel once the children are done.
        if (s->parent->uncancel() == 0) propagate_cancellation_error = nullptr;
    }
    if (propagate_cancellation_error && s->errors.empty()) std::rethrow_exception(propagate_cancellation_error);

    if (exc && !exc_is_cancel) s->errors.push_back(exc);

    if (!s->errors.empty()) {
        // 3.13: an external cancel still pending is re-delivered at the
        // parent's next await (taskgroup.cancel.external-preserved).
        if (uncancel_after && s->parent->cancelling()) {
            s->parent->uncancel();
            s->parent->cancel();
        }
        std::vector<std::exception_ptr> errors = std::move(s->errors);
        s->errors.clear();
        // raise BaseExceptionGroup(...) from None
        std::rethrow_exception(make_exception_group("unhandled errors in a TaskGroup", std::move(errors)));
    }
    co_return false;
}

}  // namespace asyncio
