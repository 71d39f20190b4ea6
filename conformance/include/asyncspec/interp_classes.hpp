// The interpreter's scenario classes (spec/IR.md "objects"): classes with
// methods and their instances. An instance keeps its attributes in order;
// attribute lookup is the instance, then the class and its bases (constants,
// then methods, bound to the instance). The protocols asyncio code uses go
// through the methods: __init__, __await__ (returning x.__await__() of a
// coroutine, task or future), __aenter__/__aexit__ (`async with`),
// __aiter__/__anext__ (`async for`, StopAsyncIteration ends it).
#pragma once

#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "asyncspec/value.hpp"

namespace asyncspec {

// A scenario class: a value (calling it makes an instance).
struct UserClassObj final : Object {
    std::string name;
    const json* def = nullptr;           // the IR's objects[] entry
    std::shared_ptr<UserClassObj> base;  // single inheritance
    std::vector<std::pair<std::string, Value>> attrs;
    Kind kind() const override { return Kind::user_class; }
    std::string type_name() const override { return "type"; }
    void break_refs() override {
        base.reset();
        attrs.clear();
    }
    // The IR function name of method `m` (this class or a base), or null.
    const std::string* method(const std::string& m) const {
        for (const UserClassObj* c = this; c; c = c->base.get()) {
            const json& methods = c->def->at("methods");
            if (auto it = methods.find(m); it != methods.end() && it->is_string())
                return &it->template get_ref<const std::string&>();
        }
        return nullptr;
    }
    const Value* constant(const std::string& a) const {
        for (const UserClassObj* c = this; c; c = c->base.get())
            for (const auto& [k, v] : c->attrs)
                if (k == a) return &v;
        return nullptr;
    }
    bool derives_from(const UserClassObj* other) const {
        for (const UserClassObj* c = this; c; c = c->base.get())
            if (c == other) return true;
        return false;
    }
};

template <class I>
struct ClassesExt {
    using Args = typename I::Args;
    using Frame = typename I::Frame;
    using NativeObj = typename I::NativeObj;

    // `x.__await__()` of a coroutine, task or future: awaiting it awaits x.
    struct AwaitIterObj : NativeObj {
        Value target;
        explicit AwaitIterObj(Value t) : target(std::move(t)) {}
        std::string type_name() const override { return "coroutine_wrapper"; }
        void break_refs() override { target = Value(); }
    };

    // The traceback argument of __aexit__ (opaque: not None).
    struct TracebackObj : NativeObj {
        std::string type_name() const override { return "traceback"; }
    };

    struct InstanceObj : NativeObj, std::enable_shared_from_this<InstanceObj> {
        std::shared_ptr<UserClassObj> cls;
        std::vector<std::pair<std::string, Value>> attrs;
        explicit InstanceObj(std::shared_ptr<UserClassObj> c) : cls(std::move(c)) {}
        std::string type_name() const override { return cls ? cls->name : "object"; }
        void break_refs() override {
            attrs.clear();
            cls.reset();
        }
        Value self() { return Value(std::static_pointer_cast<Object>(this->shared_from_this())); }

        // Calls method `m` with self first; nullopt when the class lacks it.
        std::optional<Value> call(I& in, const std::string& m, Args args, Frame* fr) {
            const std::string* fn = cls ? cls->method(m) : nullptr;
            if (!fn) return std::nullopt;
            args.pos.insert(args.pos.begin(), self());
            return in.call_function(*in.functions_.at(*fn), std::move(args), fr);
        }

        std::optional<Value> method(I& in, const std::string& m, Args& args, Frame& fr) override {
            for (const auto& [k, v] : attrs)  // a callable stored on the instance
                if (k == m) return in.call_value(v, std::move(args), &fr);
            return call(in, m, std::move(args), &fr);
        }
        std::optional<Value> attribute(I& in, const std::string& a, Frame&) override {
            for (const auto& [k, v] : attrs)
                if (k == a) return v;
            if (!cls) return std::nullopt;
            if (const Value* c = cls->constant(a)) return *c;
            if (cls->method(a)) return Value(make_obj<BoundMethodObj>(self(), a));
            (void)in;
            return std::nullopt;
        }
        bool set_attribute(I&, const std::string& a, Value v, Frame&) override {
            for (auto& [k, x] : attrs)
                if (k == a) {
                    x = std::move(v);
                    return true;
                }
            attrs.emplace_back(a, std::move(v));
            return true;
        }

        bool is_async_cm() const override { return cls && cls->method("__aenter__") && cls->method("__aexit__"); }
        Eval<Value> aenter(I& in, Frame& fr) override {
            Value coro = *call(in, "__aenter__", Args{}, &fr);
            co_return co_await in.await_value(std::move(coro), fr);
        }
        Eval<bool> aexit(I& in, std::exception_ptr pending, Frame& fr) override {
            Args a;
            ExcRef x = pending ? in.from_native(pending) : nullptr;
            if (x) {
                a.pos = {in.type_of(Value(x)), Value(x), Value(make_obj<TracebackObj>())};
            } else {
                a.pos = {Value(), Value(), Value()};
            }
            Value coro = *call(in, "__aexit__", std::move(a), &fr);
            Value r = co_await in.await_value(std::move(coro), fr);
            co_return in.truthy(r);
        }
        bool is_async_iter() const override { return cls && cls->method("__anext__"); }
        Eval<std::optional<Value>> anext(I& in, Frame& fr) override {
            Value coro = *call(in, "__anext__", Args{}, &fr);
            std::exception_ptr err;
            Value v;
            try {
                v = co_await in.await_value(std::move(coro), fr);
            } catch (...) {
                err = std::current_exception();
            }
            if (err) {
                ExcRef x = in.from_native(err);
                if (x && in.isinstance_exc(Value(x), "StopAsyncIteration")) co_return std::nullopt;
                std::rethrow_exception(err);
            }
            co_return v;
        }
    };

    static InstanceObj* instance(I& in, const Value& v) {
        return dynamic_cast<InstanceObj*>(in.native(v));
    }

    // IR.md "objects": the document's classes, bases first.
    static void load(I& in) {
        auto it = in.ir_.find("objects");
        if (it == in.ir_.end()) return;
        for (const auto& c : *it) {
            const std::string where = "class " + c.value("name", std::string("?"));
            auto cls = make_obj<UserClassObj>();
            cls->name = I::field(c, "name", json::value_t::string, where).template get<std::string>();
            cls->def = &c;
            I::field(c, "methods", json::value_t::object, where);
            for (const auto& [m, fn] : c.at("methods").items())
                if (!fn.is_string() || !in.functions_.count(fn.template get<std::string>()))
                    throw IRError(where + ": method " + m + " names no function");
            for (const auto& b : I::field(c, "bases", json::value_t::array, where)) {
                auto base = in.user_classes_.find(b.is_string() ? b.template get<std::string>() : std::string());
                if (base == in.user_classes_.end()) throw IRError(where + ": unknown base " + b.dump());
                cls->base = base->second;
            }
            if (c.contains("attrs"))
                for (const auto& a : c.at("attrs"))
                    cls->attrs.emplace_back(I::field(a, "name", json::value_t::string, where).template get<std::string>(),
                                            in.const_eval(a.at("value")));
            in.user_classes_[cls->name] = cls;
        }
    }

    // Calling a class: a new instance, then __init__(self, *args) (which
    // must return None).
    static Value instantiate(I& in, const Value& c, Args args, Frame* fr) {
        auto obj = make_obj<InstanceObj>(c.template as<UserClassObj>());
        if (auto r = obj->call(in, "__init__", std::move(args), fr)) {
            if (!r->is_none()) in.raise_new("TypeError", "__init__() should return None", fr);
        } else if (!args.pos.empty() || !args.kw.empty()) {
            in.raise_new("TypeError", obj->cls->name + "() takes no arguments", fr);
        }
        return Value(std::static_pointer_cast<Object>(obj));
    }

    // Class.NAME: a constant, or a method as a plain function.
    static std::optional<Value> class_attribute(I& in, const Value& c, const std::string& a) {
        auto cls = c.template as<UserClassObj>();
        if (a == "__name__") return Value(cls->name);
        if (const Value* v = cls->constant(a)) return *v;
        if (const std::string* fn = cls->method(a)) return in.function_value(*fn);
        return std::nullopt;
    }

    // An awaitable instance (its class has __await__) handed to ensure_future,
    // gather, shield, wait_for or as_completed becomes a coroutine awaiting
    // it (CPython's _wrap_awaitable): the implementation under test only
    // ever receives coroutines, tasks and futures. Other values unchanged.
    static Value wrap_awaitable(I& in, const Value& v) {
        InstanceObj* o = instance(in, v);
        if (!o || !o->cls || !o->cls->method("__await__")) return v;
        auto c = make_obj<typename I::CoroObj>();
        c->ctx = std::make_shared<typename I::CallCtx>();
        c->name = "_wrap_awaitable";
        c->body = wrap_body(in, v, c->ctx);
        return Value(std::static_pointer_cast<Object>(c));
    }
    static Eval<Value> wrap_body(I& in, Value aw, std::shared_ptr<typename I::CallCtx> ctx) {
        Frame fr;
        fr.top = ctx->inherited;
        ctx.reset();
        co_return co_await in.await_value(std::move(aw), fr);
    }
    // The same for every argument (one coroutine per distinct object).
    static void wrap_awaitables(I& in, std::vector<Value>& values) {
        std::vector<std::pair<const void*, Value>> done;
        for (Value& v : values) {
            if (!instance(in, v)) continue;
            const void* key = v.obj().get();
            auto it = std::find_if(done.begin(), done.end(), [&](const auto& p) { return p.first == key; });
            if (it != done.end()) {
                v = it->second;
                continue;
            }
            v = wrap_awaitable(in, v);
            done.emplace_back(key, v);
        }
    }

    // ---- scenario exception classes with bodies (IR.md "classes")
    // Method `m` of exception class `cls` or a scenario base: its IR function.
    static const std::string* exc_method(I& in, int cls, const std::string& m) {
        for (int c = cls; c >= 0;) {
            const ClassInfo& info = in.classes_.info(c);
            if (info.origin != "scenario") return nullptr;
            if (info.def)
                if (auto ms = info.def->find("methods"); ms != info.def->end() && ms->is_object())
                    if (auto it = ms->find(m); it != ms->end() && it->is_string())
                        return &it->template get_ref<const std::string&>();
            c = info.bases.empty() ? -1 : info.bases[0];
        }
        return nullptr;
    }
    static std::optional<Value> exc_constant(I& in, int cls, const std::string& a) {
        for (int c = cls; c >= 0;) {
            const ClassInfo& info = in.classes_.info(c);
            if (info.origin != "scenario") return std::nullopt;
            if (info.def)
                if (auto as = info.def->find("attrs"); as != info.def->end() && as->is_array())
                    for (const auto& x : *as)
                        if (x.value("name", std::string()) == a) return in.const_eval(x.at("value"));
            c = info.bases.empty() ? -1 : info.bases[0];
        }
        return std::nullopt;
    }
    // e.NAME: an attribute the instance was given, a class constant, or a
    // method bound to it.
    static std::optional<Value> exc_attribute(I& in, const Value& e, const std::string& a) {
        auto x = e.template as<ExcObj>();
        for (const auto& [k, v] : x->attrs)
            if (k == a) return v;
        if (auto c = exc_constant(in, x->cls, a)) return c;
        if (exc_method(in, x->cls, a)) return Value(make_obj<BoundMethodObj>(e, a));
        return std::nullopt;
    }
    // obj.NAME = v: an exception's or an instance's attribute.
    static void set_attribute(I& in, const Value& obj, const std::string& a, Value v, Frame& fr) {
        if (obj.is(Kind::exception)) {
            auto& attrs = obj.template as<ExcObj>()->attrs;
            for (auto& [k, old] : attrs)
                if (k == a) {
                    old = std::move(v);
                    return;
                }
            attrs.emplace_back(a, std::move(v));
            return;
        }
        NativeObj* n = in.native(obj);
        if (!n || !n->set_attribute(in, a, std::move(v), fr))
            in.raise_new("AttributeError", "'" + in.type_name(obj) + "' object has no settable attribute", &fr);
    }
    static std::optional<Value> exc_call_method(I& in, const Value& e, const std::string& m, Args& args, Frame& fr) {
        const std::string* fn = exc_method(in, e.template as<ExcObj>()->cls, m);
        if (!fn) return std::nullopt;
        Args a = std::move(args);
        a.pos.insert(a.pos.begin(), e);
        return in.call_function(*in.functions_.at(*fn), std::move(a), &fr);
    }
    // Calling an exception class: args are the positional arguments (as
    // BaseException.__new__ keeps them), then the scenario's __init__ runs.
    static Value new_exception_call(I& in, int cls, Args args, Frame& fr) {
        const std::string* init = exc_method(in, cls, "__init__");
        if (!init) {
            if (!args.kw.empty()) in.raise_new("TypeError", "exceptions take no keyword arguments", &fr);
            return in.new_exc(cls, std::move(args.pos), fr);
        }
        Value e = in.new_exc(cls, args.pos, fr);
        args.pos.insert(args.pos.begin(), e);
        Value r = in.call_function(*in.functions_.at(*init), std::move(args), &fr);
        if (!r.is_none()) in.raise_new("TypeError", "__init__() should return None", &fr);
        return e;
    }
    // super().m(args) in a method of class `owner` (IR.md "super_call").
    static Value super_call(I& in, const std::string& owner, const std::string& m, Value self, Args args, Frame& fr) {
        if (auto uc = in.user_classes_.find(owner); uc != in.user_classes_.end()) {
            const std::shared_ptr<UserClassObj>& base = uc->second->base;
            if (const std::string* fn = base ? base->method(m) : nullptr) {
                args.pos.insert(args.pos.begin(), std::move(self));
                return in.call_function(*in.functions_.at(*fn), std::move(args), &fr);
            }
            if (m == "__init__") {  // object.__init__
                if (!args.pos.empty() || !args.kw.empty())
                    in.raise_new("TypeError", "object.__init__() takes exactly one argument", &fr);
                return Value();
            }
            in.raise_new("AttributeError", "'super' object has no attribute '" + m + "'", &fr);
        }
        int cls = in.classes_.at(owner);
        const ClassInfo& info = in.classes_.info(cls);
        int base = info.bases.empty() ? -1 : info.bases[0];
        if (const std::string* fn = base >= 0 ? exc_method(in, base, m) : nullptr) {
            args.pos.insert(args.pos.begin(), std::move(self));
            return in.call_function(*in.functions_.at(*fn), std::move(args), &fr);
        }
        if (m == "__init__" && self.is(Kind::exception)) {  // BaseException.__init__: args
            if (!args.kw.empty()) in.raise_new("TypeError", "exceptions take no keyword arguments", &fr);
            self.template as<ExcObj>()->args = std::move(args.pos);
            return Value();
        }
        in.raise_new("AttributeError", "'super' object has no attribute '" + m + "'", &fr);
    }

    // `async for` over an object with __aiter__: its result.
    static Value aiter(I& in, Value v, Frame& fr) {
        if (InstanceObj* o = instance(in, v))
            if (auto r = o->call(in, "__aiter__", Args{}, &fr)) return *r;
        return v;
    }

    // `await` of an instance: __await__() must give a coroutine's, task's or
    // future's __await__() (Python: an iterator); its target is awaited.
    static std::optional<Value> await_target(I& in, const Value& v, Frame& fr) {
        if (auto* w = dynamic_cast<AwaitIterObj*>(in.native(v))) return w->target;
        InstanceObj* o = instance(in, v);
        if (!o) return std::nullopt;
        auto r = o->call(in, "__await__", Args{}, &fr);
        if (!r) return std::nullopt;
        if (auto* w = dynamic_cast<AwaitIterObj*>(in.native(*r))) return w->target;
        in.raise_new("TypeError", "__await__() returned a non-iterator of type '" + in.type_name(*r) + "'", &fr);
    }
};

}  // namespace asyncspec
