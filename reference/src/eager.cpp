// Lib/asyncio/tasks.py: Task.__eager_start and eager_task_factory (3.12+).
#include "asyncio/eager.hpp"

namespace asyncio {

// eager.start.synchronous-first-step (E-1), E-2: eager only on a running loop.
// eager.start.current-task: step() swaps current_task (the creator comes
// back afterwards), as __eager_start's _swap_current_task does, instead of
// _enter_task's "no task may be running".
// eager.start.returns-done: a task finishing here is unregistered by its
// completion, so it is never seen pending in all_tasks().
// eager.start.exception-stored (E-4): the step stores exceptions on the task;
// only KeyboardInterrupt/SystemExit leave (step() re-raises them).
void TaskBase::start_eager(EventLoop& loop, std::optional<std::string> name) {
#ifdef ASYNCSPEC_MUTANT_EAGER_STARTS_LAZILY
    // Mutant: breaks eager.start.synchronous-first-step (the first step is call_soon'd).
    start_lazy(loop, std::move(name));
    return;
#endif
    if (!loop.is_running()) {
        start_lazy(loop, std::move(name));
        return;
    }
    loop_ = &loop;
    is_root_ = true;
    if (name)
        set_name(std::move(*name));
    else
        number_ = loop.next_task_number();
    loop.register_task(this);
    step(nullptr);
#ifdef ASYNCSPEC_MUTANT_EAGER_STEP_EXCEPTION_ESCAPES
    // Mutant: breaks eager.start.exception-stored (an exception of the eager
    // step is raised out of create_task as well as stored).
    if (done() && !cancelled() && exception_) std::rethrow_exception(exception_);
#endif
}

void eager_task_factory(EventLoop& loop, TaskBase& task, std::optional<std::string> name) {
    task.start_eager(loop, std::nullopt);
    task.set_name(name ? std::move(*name) : std::string("None"));
}

}  // namespace asyncio
