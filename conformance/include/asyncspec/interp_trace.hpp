// The interpreter's trace (spec/IR.md "Trace"): values rendered as JSON
// (task names renumbered from the adapter's task_number_base) and the log
// events; the end event is the run lifecycle's (interpreter.hpp).
//
// Part of interpreter.hpp, which includes it after the class: definitions of
// members of Interpreter<A> declared there; not a header to include alone.
#pragma once

namespace asyncspec {

template <Adapter A>
std::string Interpreter<A>::rename(const std::string& s) const {
    if (task_base_ == 0 || s.size() <= 5 || s.size() > 23 || s.compare(0, 5, "Task-") != 0) return s;
    std::int64_t n = 0;
    for (std::size_t i = 5; i < s.size(); ++i) {
        if (s[i] < '0' || s[i] > '9') return s;
        if (__builtin_mul_overflow(n, 10, &n) || __builtin_add_overflow(n, s[i] - '0', &n)) return s;
    }
    return "Task-" + std::to_string(n - task_base_);
}

template <Adapter A>
json Interpreter<A>::render(const Value& v, int depth) {
    step();
    if (depth > kMaxRenderDepth || stack_used() > kStackRecursionLimit)
        fatal("log() of a value nested too deeply (or holding itself)");
    if (v.is_none()) return nullptr;
    if (v.is_bool()) return v.as_bool();
    if (v.is_int()) return v.as_int();
    if (v.is_float()) return v.as_float();
    if (v.is_str()) return rename(v.str());
    if (v.is_list()) {
        json arr = json::array();
        for (const auto& x : v.list()->items) arr.push_back(render(x, depth + 1));
        return arr;
    }
    if (v.is_tuple()) {
        json arr = json::array();
        for (const auto& x : v.tuple()->items) arr.push_back(render(x, depth + 1));
        return json{{"tuple", arr}};
    }
    if (v.is(Kind::exception)) {
        auto x = v.as<ExcObj>();
        json out;
        out["exc"] = rename(x->class_name);
        if (x->is_group) {
            json members = json::array();
            for (auto& m : x->members) members.push_back(render(Value(m), depth + 1));
            out["members"] = members;
            return out;
        }
        if (classes_.is_subclass(x->cls, "CancelledError") || classes_.info(x->cls).origin == "scenario") {
            json args = json::array();
            for (const auto& arg : x->args) args.push_back(render(arg, depth + 1));
            out["args"] = args;
        }
        return out;
    }
    if (v.is(Kind::dict)) {  // pairs in insertion order
        json pairs = json::array();
        for (const auto& [k, x] : v.as<DictObj>()->items)
            pairs.push_back(json::array({render(k, depth + 1), render(x, depth + 1)}));
        return json{{"dict", pairs}};
    }
    if (v.is(Kind::set)) {  // sorted by the compact JSON text of the items (spec/IR.md "Trace")
        std::vector<std::pair<std::string, json>> items;
        for (const auto& x : v.as<SetObj>()->items) {
            json r = render(x, depth + 1);
            items.emplace_back(r.dump(), std::move(r));
        }
        std::stable_sort(items.begin(), items.end(),
                         [](const auto& p, const auto& q) { return p.first < q.first; });
        json arr = json::array();
        for (auto& p : items) arr.push_back(std::move(p.second));
        return json{{"set", arr}};
    }
    if (v.is(Kind::task)) return json{{"task", rename(a().get_name(v.as<TaskObj>()->t))}};
    if (v.is(Kind::future)) {
        auto f = v.as<FutureObj>();
        const char* st = a().cancelled(f->f) ? "cancelled" : a().done(f->f) ? "finished" : "pending";
        return json{{"future", st}};
    }
    fatal("log() of an unrenderable value of type " + type_name(v));
}

template <Adapter A>
void Interpreter<A>::do_log(const Args& args, int line) {
    if (!trace_open_) return;
    json vals = json::array();
    for (const auto& v : args.pos) vals.push_back(render(v));
    json ev;
    ev["t"] = round9(a().time());
    ev["v"] = std::move(vals);
    if (line > 0) ev["line"] = line;
    trace_->push_back(std::move(ev));
}

}  // namespace asyncspec
