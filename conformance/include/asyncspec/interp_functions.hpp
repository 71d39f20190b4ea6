// The interpreter's IR functions (spec/IR.md "Functions"): function values,
// binding arguments to a frame, an async function's coroutine object, a sync
// function run to completion, and values called back by the loop (callbacks,
// done callbacks).
//
// Part of interpreter.hpp, which includes it after the class: definitions of
// members of Interpreter<A> declared there; not a header to include alone.
#pragma once

namespace asyncspec {

template <Adapter A>
Value Interpreter<A>::function_value(const std::string& name) {
    auto it = functions_.find(name);
    if (it == functions_.end()) throw IRError("unknown function " + name);
    return Value(make_obj<FunctionObj>(it->second, name, it->second->at("is_async").template get<bool>()));
}

// IR.md "closure": a nested function's value, capturing the cells of the
// current frame's slots `captures`.
template <Adapter A>
Value Interpreter<A>::make_closure(const json& e, Frame& fr, std::vector<Value> defaults,
                                   std::vector<std::pair<std::string, Value>> kwdefaults) {
    const std::string& name = e.at("name").template get_ref<const std::string&>();
    auto it = functions_.find(name);
    if (it == functions_.end()) throw IRError("closure of unknown function " + name);
    auto f = make_obj<FunctionObj>(it->second, name, it->second->at("is_async").template get<bool>());
    f->is_closure = true;
    f->defaults = std::move(defaults);
    f->kwdefaults = std::move(kwdefaults);
    for (const auto& s : e.at("captures")) {
        const Value& cell = fr.slots.at(static_cast<std::size_t>(
            int_in(s, 0, static_cast<std::int64_t>(fr.slots.size()) - 1, "a captured slot")));
        if (!cell.is(Kind::cell)) throw IRError("closure of " + name + " captures a slot that holds no cell");
        f->captures.push_back(cell);
    }
    // a generator expression's own shared cells (IR.md "closure")
    const auto fresh = static_cast<std::size_t>(e.contains("fresh") ? int_in(e.at("fresh"), 0, kMaxLocals, "fresh") : 0);
    for (std::size_t i = 0; i < fresh; ++i) f->captures.push_back(Value(make_obj<CellObj>(Value(Unbound{}))));
    return Value(f);
}

// The cell in slot `node.slot` (IR.md "deref").
template <Adapter A>
Value& Interpreter<A>::cell_value(Frame& fr, const json& node) {
    Value& slot = slot_of(fr, node);
    if (!slot.is(Kind::cell)) throw IRError("deref of a slot that holds no cell");
    return slot.as<CellObj>()->value;
}

template <Adapter A>
auto Interpreter<A>::bind(const json& fn, Args args, Frame* caller, const FunctionObj* closure) -> Frame {
    // The shapes read here were checked by load().
    Frame fr;
    fr.fn = &fn;
    fr.is_sync = !fn.at("is_async").template get<bool>();
    step(fn.at("nlocals").template get<std::uint64_t>());
    fr.slots.assign(fn.at("nlocals").template get<std::size_t>(), Value(Unbound{}));
    const json& params = fn.at("params");
    const std::string& name = fn.at("name").template get_ref<const std::string&>();
    // Parameters with a kind (*args, keyword-only, **kwargs) follow the
    // positional ones: when the last has none, all are positional.
    if (!params.empty() && params.back().contains("kind")) {
        bind_kinds(fr, params, std::move(args), caller, closure);
        bind_cells(fr, fn, closure);
        return fr;
    }
    if (args.pos.size() > params.size()) raise_new("TypeError", name + "() takes too many arguments", caller);
    for (std::size_t i = 0; i < args.pos.size(); ++i) slot_of(fr, params[i]) = std::move(args.pos[i]);
    for (auto& [k, v] : args.kw) {
        const json* p = nullptr;
        for (const auto& q : params)
            if (q.at("name").template get_ref<const std::string&>() == k) p = &q;
        if (!p) raise_new("TypeError", name + "() got an unexpected keyword argument " + k, caller);
        Value& slot = slot_of(fr, *p);
        if (!slot.is_unbound()) raise_new("TypeError", name + "() got multiple values for " + k, caller);
        slot = std::move(v);
    }
    // Defaults: a closure's values for the last parameters, else constants.
    const std::size_t ndefaults = closure ? closure->defaults.size() : 0;
    const std::size_t first_default = params.size() >= ndefaults ? params.size() - ndefaults : 0;
    for (std::size_t i = 0; i < params.size(); ++i) {
        const json& p = params[i];
        Value& slot = slot_of(fr, p);
        if (slot.is_unbound()) {
            if (i >= first_default && ndefaults)
                slot = closure->defaults[i - first_default];
            else if (p.contains("default"))
                slot = const_value(p.at("default"));
            else
                raise_new("TypeError", name + "() missing argument " + p.at("name").template get<std::string>(),
                          caller);
        }
    }
    bind_cells(fr, fn, closure);
    return fr;
}

// IR.md "Functions and frames": cells wrap their slot's value; free
// variables receive the closure's cells.
template <Adapter A>
void Interpreter<A>::bind_cells(Frame& fr, const json& fn, const FunctionObj* closure) {
    const std::string& name = fn.at("name").template get_ref<const std::string&>();
    if (auto it = fn.find("cells"); it != fn.end())
        for (const auto& s : *it) {
            Value& slot = fr.slots[s.template get<std::size_t>()];
            slot = Value(make_obj<CellObj>(std::move(slot)));
        }
    if (auto it = fn.find("freevars"); it != fn.end()) {
        const std::size_t n = closure ? closure->captures.size() : 0;
        if (it->size() != n) throw IRError(name + ": " + std::to_string(n) + " captured cells for " +
                                           std::to_string(it->size()) + " free variables");
        for (std::size_t i = 0; i < n; ++i) fr.slots[(*it)[i].template get<std::size_t>()] = closure->captures[i];
    }
}

// Python's binding with *args (a tuple of the extra positional arguments),
// keyword-only parameters (by keyword; defaults: the closure's kwdefaults,
// else constants) and **kwargs (a dict of the unmatched keywords).
template <Adapter A>
void Interpreter<A>::bind_kinds(Frame& fr, const json& params, Args args, Frame* caller,
                                const FunctionObj* closure) {
    const std::string& name = fr.fn->at("name").template get_ref<const std::string&>();
    std::vector<const json*> positional;
    const json* varargs = nullptr;
    const json* varkw = nullptr;
    for (const auto& p : params) {
        const std::string kind = p.value("kind", std::string());
        if (kind.empty()) positional.push_back(&p);
        if (kind == "varargs") varargs = &p;
        if (kind == "varkw") varkw = &p;
    }
    if (args.pos.size() > positional.size() && !varargs)
        raise_new("TypeError", name + "() takes too many positional arguments", caller);
    std::vector<Value> extra;
    for (std::size_t i = 0; i < args.pos.size(); ++i) {
        if (i < positional.size())
            slot_of(fr, *positional[i]) = std::move(args.pos[i]);
        else
            extra.push_back(std::move(args.pos[i]));
    }
    if (varargs) slot_of(fr, *varargs) = make_tuple(std::move(extra));
    Value rest = ContainersExt<Interpreter>::new_dict();
    for (auto& [k, v] : args.kw) {
        const json* p = nullptr;
        for (const auto& q : params)
            if (q.value("kind", std::string()) != "varargs" && q.value("kind", std::string()) != "varkw" &&
                q.at("name").template get_ref<const std::string&>() == k)
                p = &q;
        if (!p) {
            if (!varkw) raise_new("TypeError", name + "() got an unexpected keyword argument " + k, caller);
            ContainersExt<Interpreter>::dict_set(*this, *rest.template as<DictObj>(), Value(k), std::move(v),
                                                 caller ? *caller : fr);
            continue;
        }
        Value& slot = slot_of(fr, *p);
        if (!slot.is_unbound()) raise_new("TypeError", name + "() got multiple values for " + k, caller);
        slot = std::move(v);
    }
    if (varkw) slot_of(fr, *varkw) = std::move(rest);
    const std::size_t ndefaults = closure ? closure->defaults.size() : 0;
    const std::size_t first_default = positional.size() >= ndefaults ? positional.size() - ndefaults : 0;
    for (std::size_t i = 0; i < positional.size(); ++i) {
        Value& slot = slot_of(fr, *positional[i]);
        if (!slot.is_unbound()) continue;
        if (i >= first_default && ndefaults)
            slot = closure->defaults[i - first_default];
        else if (positional[i]->contains("default"))
            slot = const_value(positional[i]->at("default"));
        else
            raise_new("TypeError", name + "() missing argument " + positional[i]->at("name").template get<std::string>(),
                      caller);
    }
    for (const auto& p : params) {
        if (p.value("kind", std::string()) != "kwonly") continue;
        Value& slot = slot_of(fr, p);
        if (!slot.is_unbound()) continue;
        const std::string& pname = p.at("name").template get_ref<const std::string&>();
        const Value* d = nullptr;
        if (closure)
            for (const auto& [k, v] : closure->kwdefaults)
                if (k == pname) d = &v;
        if (d)
            slot = *d;
        else if (p.contains("default"))
            slot = const_value(p.at("default"));
        else
            raise_new("TypeError", name + "() missing keyword-only argument " + pname, caller);
    }
}

template <Adapter A>
Eval<Value> Interpreter<A>::function_body(Frame params, std::shared_ptr<CallCtx> ctx) {
    // A local, not the parameter: a finished coroutine's parameters live
    // as long as its frame (a done task's), locals do not; the slots may
    // refer back to the task (a reference cycle).
    Frame fr = std::move(params);
    fr.top = ctx ? ctx->inherited : nullptr;
    ctx.reset();
    if (fr.is_sync) {
        Signal sig = co_await block(fr.fn->at("body"), fr);
        co_return sig.kind == Sig::ret ? std::move(sig.value) : Value();
    }
    // PEP 479: a StopIteration leaving a coroutine's body becomes a
    // RuntimeError whose cause (and context) it is.
    std::exception_ptr escaped;
    Signal sig;
    try {
        sig = co_await block(fr.fn->at("body"), fr);
    } catch (...) {
        escaped = std::current_exception();
    }
    if (escaped) {
        ExcRef x;  // only the interpreter's own exceptions can be a StopIteration
        try {
            std::rethrow_exception(escaped);
        } catch (const ScriptExceptionTag& tag) {
            if (tag.script_exception) x = tag.script_exception->shared_from_this();
        } catch (...) {
        }
        if (!x || !isinstance_exc(Value(x), "StopIteration")) std::rethrow_exception(escaped);
        ExcRef err = new_exception("RuntimeError", "coroutine raised StopIteration");
        err->cause = x;
        err->context = x;
        throw_exc(err);
    }
    co_return sig.kind == Sig::ret ? std::move(sig.value) : Value();
}

// Calling a module-level function: an async one makes a coroutine object
// (arguments bound now), a sync one runs to completion at once.
template <Adapter A>
Value Interpreter<A>::call_function(const json& fn, Args args, Frame* caller, const FunctionObj* closure) {
    Frame fr = bind(fn, std::move(args), caller, closure);
    if (fn.at("is_async").template get<bool>()) {
        auto c = make_obj<CoroObj>();
        c->ctx = std::make_shared<CallCtx>();
        c->name = fn.at("name").template get<std::string>();
        c->body = function_body(std::move(fr), c->ctx);
        return Value(c);
    }
    check_stack(caller);  // recursion through calls
    auto ctx = std::make_shared<CallCtx>();
    ctx->inherited = caller ? caller->top : nullptr;
    Eval<Value> body = function_body(std::move(fr), ctx);
    if (!body.run_sync()) {
        // Unreachable (a sync frame refuses to await): never free a frame
        // something may still resume.
        zombies_.push_back(std::move(body));
        fatal("def " + fn.at("name").template get<std::string>() + " suspended");
    }
    return body.take();
}

// A value called by the runtime or a builtin (callbacks, sort keys).
template <Adapter A>
Value Interpreter<A>::call_value(const Value& f, Args args, Frame* caller) {
    if (f.is(Kind::log_function)) {
        do_log(args, 0);
        return Value();
    }
    if (f.is(Kind::function)) {
        const auto* fo = f.as<FunctionObj>().get();
        return call_function(*fo->fn, std::move(args), caller, fo->is_closure ? fo : nullptr);
    }
    if (f.is(Kind::user_class)) return ClassesExt<Interpreter>::instantiate(*this, f, std::move(args), caller);
    if (f.is(Kind::exc_class)) {  // an exception class held in a variable
        Frame outside;
        outside.is_sync = true;
        return ClassesExt<Interpreter>::new_exception_call(*this, f.as<ClassObj>()->cls, std::move(args),
                                                           caller ? *caller : outside);
    }
    if (f.is(Kind::builtin) || f.is(Kind::type)) {
        // builtins, and the types that are builtins of the language too
        const std::string name = f.is(Kind::builtin) ? f.as<BuiltinObj>()->name : f.as<TypeObj>()->name;
        if (f.is(Kind::type) && name != "str" && name != "list" && name != "tuple")
            raise_new("TypeError", "calling " + name + "() is outside the language", caller);
        Frame outside;
        outside.is_sync = true;
        return call_builtin(name, std::move(args), caller ? *caller : outside);
    }
    if (f.is(Kind::bound_method)) {
        auto m = f.as<BoundMethodObj>();
        if (caller) return call_method(m->self, m->method, std::move(args), *caller);
        Frame outside;  // called by the loop: nothing is being handled
        outside.is_sync = true;
        return call_method(m->self, m->method, std::move(args), outside);
    }
    raise_new("TypeError", "'" + type_name(f) + "' object is not callable", caller);
}

template <Adapter A>
const void* Interpreter<A>::callable_identity(const Value& f) const {
    if (f.is(Kind::bound_method) || f.is(Kind::builtin)) {  // equal values, one identity
        auto key = f.is(Kind::builtin)
                       ? std::make_pair(static_cast<const void*>(nullptr), f.as<BuiltinObj>()->name)
                       : std::make_pair(callable_identity(f.as<BoundMethodObj>()->self), f.as<BoundMethodObj>()->method);
        auto& id = method_identities_[key];
        if (!id) id = std::make_unique<char>();
        return id.get();
    }
    if (f.is_object()) return f.obj()->identity();
    return nullptr;
}

template <Adapter A>
Callback Interpreter<A>::make_callback(Value f, Args args) {
    if (!is_callable(f)) raise_new("TypeError", "a callable is required", nullptr);
    return [this, f = std::move(f), args = std::move(args)]() { call_value(f, args, nullptr); };
}

// A done callback gets the future; the closure holds it weakly (the
// interpreter keeps it alive for the run: no reference cycle).
template <Adapter A>
Callback Interpreter<A>::make_done_callback(Value f, const Value& fut) {
    if (!is_callable(f)) raise_new("TypeError", "a callable is required", nullptr);
    keepalive_.push_back(fut);
    std::size_t index = keepalive_.size() - 1;  // keepalive_ only grows during the run
    return [this, f = std::move(f), index]() {
        if (index >= keepalive_.size()) return;
        Args args;
        args.pos.push_back(keepalive_[index]);
        call_value(f, std::move(args), nullptr);
    };
}

}  // namespace asyncspec
