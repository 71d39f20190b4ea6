// The interpreter's statements (spec/IR.md "Statements"): blocks, assignment
// and its targets, if/while/for, try/except/finally and raise, async for and
// async with (through the objects' NativeObj hooks); `except*` is the
// combinators family's (interp_exception_groups.hpp).
//
// Part of interpreter.hpp, which includes it after the class: definitions of
// members of Interpreter<A> declared there; not a header to include alone.
#pragma once

namespace asyncspec {

template <Adapter A>
auto Interpreter<A>::block(const json& stmts, Frame& fr) -> Eval<Signal> {
    for (const auto& s : stmts) {
        Signal sig = co_await stmt(s, fr);
        if (sig.kind != Sig::normal) co_return sig;
    }
    co_return Signal{};
}

template <Adapter A>
auto Interpreter<A>::stmt(const json& s, Frame& fr) -> Eval<Signal> {
    step();
    check_stack(&fr);
    const std::string& op = s.at("op").get_ref<const std::string&>();
    if (op == "expr") {
        co_await eval(s.at("value"), fr);
        co_return Signal{};
    }
    if (op == "assign") {
        Value v = co_await eval(s.at("value"), fr);
        co_await store(s.at("target"), std::move(v), fr);
        co_return Signal{};
    }
    if (op == "augassign") co_return co_await st_augassign(s, fr);
    if (op == "return") {
        Value v;
        if (s.contains("value")) v = co_await eval(s.at("value"), fr);
        co_return Signal{Sig::ret, std::move(v)};
    }
    if (op == "pass") co_return Signal{};
    if (op == "if") {
        Value t = co_await eval(s.at("test"), fr);
        co_return co_await block(truthy(t) ? s.at("body") : s.at("orelse"), fr);
    }
    if (op == "while") {
        while (true) {
            Value test = co_await eval(s.at("test"), fr);
            if (!truthy(test)) break;
            Signal sig = co_await block(s.at("body"), fr);
            if (sig.kind == Sig::brk) break;
            if (sig.kind == Sig::ret) co_return sig;
        }
        co_return Signal{};
    }
    if (op == "for") co_return co_await st_for(s, fr);
    if (op == "break") co_return Signal{Sig::brk, Value()};
    if (op == "continue") co_return Signal{Sig::cont, Value()};
    if (op == "try") co_return co_await st_try(s, fr);
    if (op == "raise") co_return co_await st_raise(s, fr);
    if (op == "async_for" || op == "async_with") {
        if (fr.is_sync) throw IRError(op + " in a def (a sync function never suspends)");
        if (op == "async_for") co_return co_await st_async_for(s, fr);
        co_return co_await st_async_with(s, fr);
    }
    if (op == "try_star") co_return co_await st_try_star(s, fr);
    throw IRError("unknown statement op " + op);
}

template <Adapter A>
auto Interpreter<A>::st_augassign(const json& s, Frame& fr) -> Eval<Signal> {
    const json& t = s.at("target");
    const std::string& oper = s.at("operator").get_ref<const std::string&>();
    const std::string& top = t.at("op").get_ref<const std::string&>();
    if (top == "index") {
        Value obj = co_await eval(t.at("obj"), fr);
        Value idx = co_await eval(t.at("index"), fr);
        Value cur = index_get(obj, idx, fr);
        Value rhs = co_await eval(s.at("value"), fr);
        index_set(obj, idx, inplace(oper, std::move(cur), rhs, fr), fr);
    } else if (top == "setattr") {
        Value obj = co_await eval(t.at("obj"), fr);
        const std::string& name = t.at("name").get_ref<const std::string&>();
        Value cur = attr(obj, name, fr);
        Value rhs = co_await eval(s.at("value"), fr);
        ClassesExt<Interpreter>::set_attribute(*this, obj, name, inplace(oper, std::move(cur), rhs, fr), fr);
    } else {
        Value cur = co_await eval(t, fr);  // loaded before the value is evaluated
        Value rhs = co_await eval(s.at("value"), fr);
        Value nv = inplace(oper, std::move(cur), rhs, fr);
        co_await store(t, std::move(nv), fr);
    }
    co_return Signal{};
}

template <Adapter A>
Value Interpreter<A>::inplace(const std::string& oper, Value cur, const Value& rhs, Frame& fr) {
    if (oper == "+" && cur.is_list()) {  // list += iterable extends in place
        std::vector<Value> items = iterate(rhs, fr);
        auto& l = cur.list()->items;
        l.insert(l.end(), items.begin(), items.end());
        return cur;
    }
    return binop(oper, cur, rhs, fr);
}

template <Adapter A>
auto Interpreter<A>::st_for(const json& s, Frame& fr) -> Eval<Signal> {
    Value it = co_await eval(s.at("iter"), fr);
    if (it.is_list()) {  // by index over the live list
        ListRef l = it.list();
        for (std::size_t i = 0; i < l->items.size(); ++i) {
            co_await store(s.at("target"), l->items[i], fr);
            Signal sig = co_await block(s.at("body"), fr);
            if (sig.kind == Sig::brk) break;
            if (sig.kind == Sig::ret) co_return sig;
        }
        co_return Signal{};
    }
    if (NativeObj* n = native(it); n && n->is_iterator()) {
        while (std::optional<Value> v = n->next(*this, fr)) {
            co_await store(s.at("target"), std::move(*v), fr);
            Signal sig = co_await block(s.at("body"), fr);
            if (sig.kind == Sig::brk) break;
            if (sig.kind == Sig::ret) co_return sig;
        }
        co_return Signal{};
    }
    std::vector<Value> items = iterate(it, fr);
    for (auto& v : items) {
        co_await store(s.at("target"), v, fr);
        Signal sig = co_await block(s.at("body"), fr);
        if (sig.kind == Sig::brk) break;
        if (sig.kind == Sig::ret) co_return sig;
    }
    co_return Signal{};
}

// IR.md "async_for": through the iterator object's anext hook.
template <Adapter A>
auto Interpreter<A>::st_async_for(const json& s, Frame& fr) -> Eval<Signal> {
    Value it = ClassesExt<Interpreter>::aiter(*this, co_await eval(s.at("iter"), fr), fr);
    NativeObj* n = native(it);
    if (!n || !n->is_async_iter())
        raise_new("TypeError", "'async for' requires an object with __aiter__ method, got " + type_name(it), &fr);
    while (true) {
        std::optional<Value> v = co_await n->anext(*this, fr);
        if (!v) break;
        co_await store(s.at("target"), std::move(*v), fr);
        Signal sig = co_await block(s.at("body"), fr);
        if (sig.kind == Sig::brk) break;
        if (sig.kind == Sig::ret) co_return sig;
    }
    co_return Signal{};
}

// IR.md "async_with": through the context manager object's aenter/aexit
// hooks; aexit runs with the body's exception as the one being handled.
template <Adapter A>
auto Interpreter<A>::st_async_with(const json& s, Frame& fr) -> Eval<Signal> {
    Value cm = co_await eval(s.at("ctx"), fr);
    NativeObj* n = native(cm);
    if (!n || !n->is_async_cm())
        raise_new("TypeError",
                  "'" + type_name(cm) + "' object does not support the asynchronous context manager protocol", &fr);
    Value target = co_await n->aenter(*this, fr);
    std::exception_ptr pending;
    Signal sig;
    try {
        if (s.contains("target")) co_await store(s.at("target"), std::move(target), fr);
        sig = co_await block(s.at("body"), fr);
    } catch (...) {
        pending = std::current_exception();
    }
    ExcRef x = pending ? from_native(pending) : nullptr;
    if (pending && !x) std::rethrow_exception(pending);
    Handled handled{x, fr.top};
    if (x) fr.top = &handled;
    std::exception_ptr exit_exc;
    bool suppress = false;
    try {
        suppress = co_await n->aexit(*this, pending, fr);
    } catch (...) {
        exit_exc = std::current_exception();
    }
    if (exit_exc) {
        ExcRef ex = from_native(exit_exc);
        if (ex && ex != x) set_context(ex, fr.top);
    }
    if (x) fr.top = handled.prev;
    if (exit_exc) std::rethrow_exception(exit_exc);
    if (pending && !suppress) std::rethrow_exception(pending);
    if (pending) co_return Signal{};
    co_return sig;
}

template <Adapter A>
auto Interpreter<A>::st_try_star(const json& s, Frame& fr) -> Eval<Signal> {
    return ExceptionGroupsExt<Interpreter>::try_star(*this, s, fr);
}

template <Adapter A>
bool Interpreter<A>::handler_matches(const json& h, const ExcRef& x, Frame& fr) {
    const json& types = h.at("types");
    if (types.is_null()) return true;
    (void)fr;
    for (const auto& t : types)
        if (classes_.is_subclass(x->cls, classes_.at(t.get_ref<const std::string&>()))) return true;
    return false;
}

template <Adapter A>
void Interpreter<A>::unbind(const json& t, Frame& fr) {
    const std::string& op = t.at("op").get_ref<const std::string&>();
    if (op == "local")
        slot_of(fr, t) = Value(Unbound{});
    else if (op == "deref")
        cell_value(fr, t) = Value(Unbound{});
    else if (op == "global")
        globals_.erase(t.at("name").get<std::string>());
}

// IR.md "try". No co_await may appear in a C++ catch handler: the
// exception is taken out first, then the handler runs.
template <Adapter A>
auto Interpreter<A>::st_try(const json& s, Frame& fr) -> Eval<Signal> {
    std::exception_ptr pending;
    Signal sig;
    try {
        sig = co_await block(s.at("body"), fr);
    } catch (...) {
        pending = std::current_exception();
    }
    if (pending) {
        ExcRef x = from_native(pending);
        if (!x) std::rethrow_exception(pending);  // not a Python exception: nothing catches it
        for (const auto& h : s.at("handlers")) {
            if (!handler_matches(h, x, fr)) continue;
            if (h.contains("target")) {
                Value xv(x);
                co_await store(h.at("target"), std::move(xv), fr);
            }
            Handled handled{x, fr.top};
            fr.top = &handled;
            std::exception_ptr hexc;
            try {
                sig = co_await block(h.at("body"), fr);
            } catch (...) {
                hexc = std::current_exception();
            }
            fr.top = handled.prev;
            if (h.contains("target")) unbind(h.at("target"), fr);
            pending = hexc;
            break;
        }
    } else if (sig.kind == Sig::normal) {
        try {
            sig = co_await block(s.at("orelse"), fr);
        } catch (...) {
            pending = std::current_exception();
        }
    }
    if (!s.at("finalbody").empty()) {
        ExcRef inflight = pending ? from_native(pending) : nullptr;
        if (pending && !inflight) std::rethrow_exception(pending);
        Handled handled{inflight, fr.top};
        if (inflight) fr.top = &handled;
        std::exception_ptr fexc;
        Signal fsig;
        try {
            fsig = co_await block(s.at("finalbody"), fr);
        } catch (...) {
            fexc = std::current_exception();
        }
        if (inflight) fr.top = handled.prev;
        if (fexc) std::rethrow_exception(fexc);
        if (fsig.kind != Sig::normal) co_return fsig;  // drops the in-flight outcome
    }
    if (pending) std::rethrow_exception(pending);
    co_return sig;
}

template <Adapter A>
auto Interpreter<A>::st_raise(const json& s, Frame& fr) -> Eval<Signal> {
    if (!s.contains("exc")) {
        if (!fr.top) raise_new("RuntimeError", "No active exception to reraise", &fr);
        throw_exc(fr.top->exc);
    }
    Value v = co_await eval(s.at("exc"), fr);
    ExcRef x = to_exception(v, fr);
    if (s.contains("cause")) {
        Value c = co_await eval(s.at("cause"), fr);
        if (c.is_none())
            x->cause.reset();
        else
            x->cause = to_exception(c, fr);
    }
    set_context(x, fr.top);
    throw_exc(x);
}

template <Adapter A>
ExcRef Interpreter<A>::to_exception(const Value& v, Frame& fr) {
    if (v.is(Kind::exception)) return v.as<ExcObj>();
    if (v.is(Kind::exc_class)) return new_exception(v.as<ClassObj>()->cls, {});
    raise_new("TypeError", "exceptions must derive from BaseException", &fr);
}

// Targets (IR.md "Targets").
template <Adapter A>
Eval<Value> Interpreter<A>::store(const json& t, Value v, Frame& fr) {
    const std::string& op = t.at("op").get_ref<const std::string&>();
    if (op == "local") {
        slot_of(fr, t) = std::move(v);
    } else if (op == "deref") {
        cell_value(fr, t) = std::move(v);
    } else if (op == "setattr") {
        Value obj = co_await eval(t.at("obj"), fr);
        ClassesExt<Interpreter>::set_attribute(*this, obj, t.at("name").get<std::string>(), std::move(v), fr);
    } else if (op == "global") {
        globals_[t.at("name").get<std::string>()] = std::move(v);
    } else if (op == "index") {
        Value obj = co_await eval(t.at("obj"), fr);
        Value idx = co_await eval(t.at("index"), fr);
        index_set(obj, idx, std::move(v), fr);
    } else if (op == "unpack") {
        const json& targets = t.at("targets");
        if (!targets.is_array()) throw IRError("unpack targets is not a list");
        std::vector<Value> items = iterate(v, fr);
        if (items.size() != targets.size()) raise_new("ValueError", "wrong number of values to unpack", &fr);
        for (std::size_t i = 0; i < items.size(); ++i) co_await store(targets[i], std::move(items[i]), fr);
    } else {
        throw IRError("bad target " + op);
    }
    co_return Value();
}

}  // namespace asyncspec
