// The interpreter's exception model (spec/IR.md "raise", "try"): exception
// values (ExcObj, one per exception of the run), raising with __context__
// set from the handlers active (CPython's _PyErr_SetObject), the native
// exceptions of the implementation mapped to the program's (from_native),
// and the exception groups the program builds (new_exc).
//
// Part of interpreter.hpp, which includes it after the class: definitions of
// members of Interpreter<A> declared there; not a header to include alone.
#pragma once

namespace asyncspec {

template <Adapter A>
ExcRef Interpreter<A>::new_exception(int cls, std::vector<Value> args) {
    auto x = make_obj<ExcObj>();
    x->cls = cls;
    x->class_name = classes_.name(cls);
    for (std::size_t i = 0; i < classes_.size(); ++i)
        if (classes_.is_subclass(cls, static_cast<int>(i))) x->ancestors.push_back(classes_.name(static_cast<int>(i)));
    x->args = std::move(args);
    exceptions_.push_back(x);
    return x;
}

template <Adapter A>
ExcRef Interpreter<A>::new_exception(std::string_view cls, std::string message) {
    std::vector<Value> args;
    args.emplace_back(std::move(message));
    return new_exception(classes_.at(cls), std::move(args));
}

// IR.md "raise", Context: X.__context__ = the exception being handled,
// cutting a cycle through X (CPython's _PyErr_SetObject).
template <Adapter A>
void Interpreter<A>::set_context(const ExcRef& x, Handled* top) {
    if (!top || !top->exc || top->exc == x) return;
    ExcObj* o = top->exc.get();
    int guard = 0;
    while (o->context && guard++ < 100000) {
        if (o->context == x) {
            o->context.reset();
            break;
        }
        o = o->context.get();
    }
    x->context = top->exc;
    if (x->native) ExceptionGroupsExt<Interpreter>::links_to_native(*this, *x);
}

template <Adapter A>
void Interpreter<A>::throw_exc(const ExcRef& x) {
    if (!x->native) x->native = a().make_exception(*x);
    ExceptionGroupsExt<Interpreter>::links_to_native(*this, *x);
    std::rethrow_exception(x->native);
}

template <Adapter A>
void Interpreter<A>::raise_new(std::string_view cls, std::string message, Frame* fr) {
    ExcRef x = new_exception(cls, std::move(message));
    if (fr) set_context(x, fr->top);
    throw_exc(x);
}

template <Adapter A>
void Interpreter<A>::fatal(std::string message) {
    note_fatal(message);
    throw RunError(std::move(message));
}

// The ExcObj of a native exception; nullptr when it is not a Python
// exception at all (an interpreter error, a foreign C++ exception).
template <Adapter A>
ExcRef Interpreter<A>::from_native(const std::exception_ptr& e) {
    if (!e) return nullptr;
    try {
        std::rethrow_exception(e);
    } catch (const ScriptExceptionTag& tag) {
        if (tag.script_exception) {
            ExcRef x = tag.script_exception->shared_from_this();
            ExceptionGroupsExt<Interpreter>::links_from_native(*this, *x);
            return x;
        }
    } catch (const IRError& x) {
        note_fatal(std::string("IRError: ") + x.what());  // wherever it is thrown, it ends the run
        return nullptr;
    } catch (const json::exception& x) {
        note_fatal(std::string("IRError: malformed IR: ") + x.what());
        return nullptr;
    } catch (const RunError& x) {
        note_fatal(x.what());
        return nullptr;
    } catch (...) {
    }
    std::optional<NativeException> d = a().describe_exception(e);
    if (!d) {
        try {
            std::rethrow_exception(e);
        } catch (const std::exception& ex) {
            note_crash(std::string("foreign C++ exception: ") + ex.what());
        } catch (...) {
            note_crash("foreign C++ exception");
        }
        return nullptr;
    }
    if (auto it = natives_.find(d->identity); it != natives_.end()) return it->second;
    int cls = classes_.find(d->type);
    if (cls < 0) {
        note_crash("the implementation raised " + d->type + ", not a class of the IR");
        return nullptr;
    }
    std::vector<Value> args;
    for (auto& s : d->args) args.emplace_back(s);
    ExcRef x = new_exception(cls, std::move(args));
    x->native = e;
    natives_[d->identity] = x;
    if (stack_used() > kStackRecursionLimit) return x;  // a chain too long to follow
    if (d->cause) x->cause = from_native(d->cause);
    if (d->context) x->context = from_native(d->context);
    if (d->is_group) {
        x->is_group = true;
        x->message = d->message;
        std::vector<Value> members;
        for (auto& m : d->members) {
            ExcRef mx = from_native(m);
            if (!mx) return nullptr;
            x->members.push_back(mx);
            members.emplace_back(mx);
        }
        x->args = {Value(d->message), make_list(std::move(members))};
    }
    return x;
}

// An exception coming out of the implementation at this point of the
// program: it is raised here (context from the handlers active here).
template <Adapter A>
void Interpreter<A>::reraise_here(const std::exception_ptr& e, Frame* fr) {
    ExcRef x = from_native(e);
    if (x && fr) set_context(x, fr->top);
    std::rethrow_exception(e);
}

template <Adapter A>
bool Interpreter<A>::isinstance_exc(const Value& v, std::string_view cls) const {
    return v.is(Kind::exception) && classes_.is_subclass(v.as<ExcObj>()->cls, cls);
}

template <Adapter A>
Value Interpreter<A>::new_exc(int cls, std::vector<Value> args, Frame& fr) {
    step(classes_.size());  // new_exception walks the class table
    bool group = classes_.is_subclass(cls, "BaseExceptionGroup");
    if (!group) return Value(new_exception(cls, std::move(args)));
    if (args.size() != 2 || !args[0].is_str()) raise_new("TypeError", "BaseExceptionGroup(msg, excs)", &fr);
    if (!args[1].is_list() && !args[1].is_tuple()) raise_new("TypeError", "second argument must be a sequence", &fr);
    const auto& items = args[1].is_list() ? args[1].list()->items : args[1].tuple()->items;
    if (items.empty()) raise_new("ValueError", "second argument must be a non-empty sequence", &fr);
    bool all_exc = true;
    for (const auto& m : items) {
        if (!m.is(Kind::exception)) raise_new("ValueError", "Item is not an exception", &fr);
        if (!classes_.is_subclass(m.as<ExcObj>()->cls, "Exception")) all_exc = false;
    }
    const std::string& cname = classes_.name(cls);
    if (cname == "BaseExceptionGroup" && all_exc) cls = classes_.at("ExceptionGroup");
    if (classes_.is_subclass(cls, "Exception") && !all_exc)
        raise_new("TypeError", "Cannot nest BaseExceptions in an ExceptionGroup", &fr);
    ExcRef x = new_exception(cls, args);
    x->is_group = true;
    x->message = args[0].str();
    for (const auto& m : items) x->members.push_back(m.as<ExcObj>());
    return Value(x);
}

}  // namespace asyncspec
