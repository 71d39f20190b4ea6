// Eager tasks (Lib/asyncio/tasks.py, 3.12+): eager_task_factory and
// create_eager_task_factory. Task(..., eager_start=True) is make_task and
// create_task(..., eager_start=True) (3.14+) is create_task (tasks.hpp).
#pragma once

#include <optional>
#include <string>
#include <utility>

#include "asyncio/base_events.hpp"
#include "asyncio/tasks.hpp"

namespace asyncio {

// asyncio.eager_task_factory, for loop.set_task_factory.
// eager.start.synchronous-first-step, eager.start.returns-done,
// eager.start.current-task, eager.start.exception-stored.
// eager.names.during-step: as in 3.13.0, base_events.create_task calls
// the factory without the name (the task takes a Task-N number) and then
// task.set_name(name) -- with name=None too, so an unnamed task created
// through a factory is named "None" (CPython 3.13.0 does exactly this).
// eager.start-param.overrides-factory (3.14+): create_task's
// eager_start=False reaches the factory, which then starts the task lazily.
void eager_task_factory(EventLoop& loop, TaskBase& task, std::optional<std::string> name,
                        std::optional<bool> eager_start);

// asyncio.create_eager_task_factory(custom_task_constructor):
// eager.factory.create-eager-task-factory. C++ has no Task subclasses, so the
// only constructor is Task's and the factory is eager_task_factory.
inline TaskFactory create_eager_task_factory() { return &eager_task_factory; }

}  // namespace asyncio
