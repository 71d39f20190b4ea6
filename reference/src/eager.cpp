// Lib/asyncio/tasks.py: Task.__eager_start and eager_task_factory (3.12+).
#include "asyncio/eager.hpp"

namespace asyncio {

// eager.start.synchronous-first-step: eager only on a running loop (else lazy).
// eager.start.current-task: step() swaps current_task (the creator comes
// back afterwards), as __eager_start's _swap_current_task does, instead of
// _enter_task's "no task may be running".
// eager.start.returns-done: a task finishing here is unregistered by its
// completion, so it is never seen pending in all_tasks().
// eager.start.exception-stored: the step stores exceptions on the task;
// only KeyboardInterrupt/SystemExit leave (step() re-raises them).
void TaskBase::start_eager(EventLoop& loop, std::optional<std::string> name) {
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
}

// eager.names.during-step: 3.14 passes the name to the factory, so the task
// has it during its eager step (Profile::task_factory_takes_name); 3.12 and
// 3.13 name it after the factory returns: a given name, and in 3.13.0 "None"
// for an unnamed task (Profile::factory_names_unnamed_task_none).
void eager_task_factory(EventLoop& loop, TaskBase& task, std::optional<std::string> name,
                        std::optional<bool> eager_start) {
    if (!eager_start.value_or(true)) {  // eager.start-param.overrides-factory
        task.start_lazy(loop, std::move(name));
        return;
    }
    const Profile p = loop.profile();
    if (p.task_factory_takes_name()) {
        task.start_eager(loop, std::move(name));
        return;
    }
    task.start_eager(loop, std::nullopt);
    if (name || p.factory_names_unnamed_task_none()) task.set_name(name ? std::move(*name) : std::string("None"));
}

}  // namespace asyncio
