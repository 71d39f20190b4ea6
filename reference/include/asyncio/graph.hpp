// Lib/asyncio/graph.py (3.14): capture_call_graph's awaited-by structure,
// and futures.future_add_to_awaited_by / future_discard_from_awaited_by.
//
// graph.awaited-by.*: a future is awaited by the tasks suspended on it
// (found through their fut_waiter, so the await path stores nothing) and by
// the futures recorded with future_add_to_awaited_by (gather, wait, shield
// and TaskGroup record the calling task on each child). Call stacks are
// frames of the program's language, not the event loop's: the reference
// captures what capture_call_graph(..., limit=0) returns.
#pragma once

#include <optional>
#include <vector>

#include "asyncio/futures.hpp"
#include "asyncio/tasks.hpp"

namespace asyncio {

// asyncio.future_add_to_awaited_by(fut, waiter) / future_discard_from_awaited_by.
inline void future_add_to_awaited_by(FutureBase& fut, FutureBase& waiter) { fut.add_awaited_by(&waiter); }
inline void future_discard_from_awaited_by(FutureBase& fut, FutureBase& waiter) { fut.discard_awaited_by(&waiter); }

// The awaiters of `fut`: recorded ones, then tasks of its loop suspended on
// it (a set: each once; CPython's frozenset has no order).
std::vector<detail::Ref<FutureBase>> awaited_by(FutureBase& fut);

// FutureCallGraph(future, call_stack=(), awaited_by).
struct FutureCallGraph {
    detail::Ref<FutureBase> future;
    std::vector<FutureCallGraph> awaited_by;
};

// capture_call_graph(fut, limit=0); without a future, the current task's
// (nullopt when there is none; RuntimeError when no loop is running).
FutureCallGraph capture_call_graph(FutureBase& fut);
std::optional<FutureCallGraph> capture_call_graph();

}  // namespace asyncio
