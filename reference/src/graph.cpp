// Lib/asyncio/graph.py (3.14): the awaited-by structure.
#include "asyncio/graph.hpp"

#include <algorithm>

namespace asyncio {

std::vector<detail::Ref<FutureBase>> awaited_by(FutureBase& fut) {
    std::vector<detail::Ref<FutureBase>> out;
    auto add = [&](FutureBase* w) {
        if (std::none_of(out.begin(), out.end(), [w](const detail::Ref<FutureBase>& r) { return r.get() == w; }))
            out.emplace_back(w);
    };
    fut.for_each_awaited_by(add);
    // graph.awaited-by.task-await: Task.__step records the task on the
    // future it awaits, __wakeup discards it: exactly while fut_waiter is set.
    for (const auto& t : all_tasks(fut.get_loop()))
        if (t->fut_waiter() == &fut) add(t.get());
    return out;
}

FutureCallGraph capture_call_graph(FutureBase& fut) {
    FutureCallGraph g{detail::Ref<FutureBase>(&fut), {}};
    for (const auto& w : awaited_by(fut)) g.awaited_by.push_back(capture_call_graph(*w));
    return g;
}

std::optional<FutureCallGraph> capture_call_graph() {
    TaskBase* task = current_task();  // RuntimeError without a running loop
    if (!task) return std::nullopt;
    return capture_call_graph(*task);
}

}  // namespace asyncio
