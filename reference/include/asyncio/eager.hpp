// Eager tasks (Lib/asyncio/tasks.py, 3.12+): eager_task_factory,
// create_eager_task_factory, and Task(..., eager_start=True).
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
void eager_task_factory(EventLoop& loop, TaskBase& task, std::optional<std::string> name);

// asyncio.create_eager_task_factory(custom_task_constructor):
// eager.factory.create-eager-task-factory. C++ has no Task subclasses, so the
// only constructor is Task's and the factory is eager_task_factory.
inline TaskFactory create_eager_task_factory() { return &eager_task_factory; }

// Task(coro, loop=loop, name=name, eager_start=True): the per-task form;
// the name is given to the constructor, so it is visible during the eager
// step and no Task-N number is taken for a named task.
template <class T>
Task<T> create_eager_task(EventLoop& loop, Coro<T> coro, std::optional<std::string> name = std::nullopt) {
    auto h = coro.release();
    if (!h) throw TypeError("a coroutine was expected");
    Task<T> task(&h.promise());
    h.promise().bind_root();
    h.promise().start_eager(loop, std::move(name));
    return task;
}
template <class T>
Task<T> create_eager_task(Coro<T> coro, std::optional<std::string> name = std::nullopt) {
    return create_eager_task(get_running_loop(), std::move(coro), std::move(name));
}

}  // namespace asyncio
