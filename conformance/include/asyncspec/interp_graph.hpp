// The interpreter's asyncio.graph (3.14, feature call-graph):
// capture_call_graph(future=None, *, limit=0) as FutureCallGraph values
// (attributes future, call_stack, awaited_by), and
// future_add_to_awaited_by / future_discard_from_awaited_by. Who awaits whom
// is the implementation's (adapter_combinators.hpp, has_call_graph); the
// interpreter only walks it. Call stacks are the program's frames, which the
// language does not expose: the compiler requires limit=0, so call_stack is
// always the empty tuple, as CPython returns it then.
#pragma once

#include <algorithm>

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "asyncspec/adapter_combinators.hpp"
#include "asyncspec/value.hpp"

namespace asyncspec {

template <class I>
struct GraphExt {
    using A = typename I::adapter_type;
    using Args = typename I::Args;
    using Frame = typename I::Frame;
    using NativeObj = typename I::NativeObj;
    using task_type = typename A::task_type;
    using future_type = typename A::future_type;

    // FutureCallGraph(future, call_stack=(), awaited_by=(...)).
    struct CallGraphObj : NativeObj {
        Value future;
        Value awaited_by;  // a tuple of CallGraphObj
        CallGraphObj(Value f, Value parents) : future(std::move(f)), awaited_by(std::move(parents)) {}
        std::string type_name() const override { return "FutureCallGraph"; }
        std::optional<Value> attribute(I&, const std::string& name, Frame&) override {
            if (name == "future") return future;
            if (name == "awaited_by") return awaited_by;
            if (name == "call_stack") return make_tuple();
            return std::nullopt;
        }
    };

    static std::optional<Value> call_api(I& in, const std::string& api, Args& args, Frame& fr) {
        if (api != "capture_call_graph" && api != "future_add_to_awaited_by" && api != "future_discard_from_awaited_by")
            return std::nullopt;
        if constexpr (has_call_graph<A>) {
            if (api == "capture_call_graph") {
                Value root = in.arg_or(args, 0, "future", Value());
                if (root.is_none()) {
                    auto t = in.guarded(fr, [&] { return in.a().current_task(); });
                    if (!t) return Value();  // no current task: None
                    root = in.wrap_task(std::move(*t));
                }
                return graph(in, root, fr, 0);
            }
            future_type fut = as_future(in, in.need(args, 0, "fut", fr), fr);
            future_type waiter = as_future(in, in.need(args, 1, "waiter", fr), fr);
            in.guarded(fr, [&] {
                if (api == "future_add_to_awaited_by")
                    in.a().awaited_by_add(fut, waiter);
                else
                    in.a().awaited_by_discard(fut, waiter);
            });
            // Remembered for the cleanup (Interpreter::awaited_by_edges_);
            // discarding an edge twice or one never added does nothing.
            auto& edges = in.awaited_by_edges_;
            if (api == "future_add_to_awaited_by") {
                edges.emplace_back(fut, waiter);
            } else {
                const void* f = in.a().identity(fut);
                const void* w = in.a().identity(waiter);
                auto same = [&](const auto& e) { return in.a().identity(e.first) == f && in.a().identity(e.second) == w; };
                edges.erase(std::remove_if(edges.begin(), edges.end(), same), edges.end());
            }
            return Value();
        } else {
            return std::nullopt;
        }
    }

    static future_type as_future(I& in, const Value& v, Frame& fr) {
        if (v.is(Kind::task) || v.is(Kind::future))
            return in.guarded(fr, [&] { return CombinatorsExt<I>::as_future(in, v); });
        in.raise_new("TypeError", in.type_name(v) + " object does not appear to be compatible with asyncio.Future",
                     &fr);
    }

    // The graph of `v`: the awaiters' graphs, recursively (a cycle of
    // awaiters is CPython's RecursionError).
    static Value graph(I& in, const Value& v, Frame& fr, int depth) {
        if (depth > 500) in.raise_new("RecursionError", "maximum recursion depth exceeded", &fr);
        future_type f = as_future(in, v, fr);
        std::vector<task_type> tasks;
        std::vector<future_type> futures;
        in.guarded(fr, [&] { in.a().awaited_by(f, tasks, futures); });
        in.step(tasks.size() + futures.size());
        std::vector<Value> parents;
        for (task_type& t : tasks) parents.push_back(graph(in, in.wrap_task(std::move(t)), fr, depth + 1));
        for (future_type& p : futures) parents.push_back(graph(in, in.wrap_future(std::move(p)), fr, depth + 1));
        return Value(make_obj<CallGraphObj>(v, make_tuple(std::move(parents))));
    }
};

}  // namespace asyncspec
