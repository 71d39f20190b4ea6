// The interpreter's expressions (spec/IR.md "Expressions"): eval of every
// expression node, call arguments (with starred), list comprehensions, and
// `await` (coroutine objects inline, tasks and futures through the adapter).
//
// Part of interpreter.hpp, which includes it after the class: definitions of
// members of Interpreter<A> declared there; not a header to include alone.
#pragma once

namespace asyncspec {

template <Adapter A>
Eval<Value> Interpreter<A>::eval(const json& e, Frame& fr) {
    step();
    check_stack(&fr);
    const std::string& op = e.at("op").get_ref<const std::string&>();
    if (op == "const") co_return const_value(e);
    if (op == "local") {
        const Value& v = slot_of(fr, e);
        if (v.is_unbound())
            raise_new("UnboundLocalError", "local variable " + e.value("name", std::string()) + " unbound", &fr);
        co_return v;
    }
    if (op == "global") {
        auto it = globals_.find(e.at("name").get<std::string>());
        if (it == globals_.end()) raise_new("NameError", "name is not defined", &fr);
        co_return it->second;
    }
    if (op == "func") co_return function_value(e.at("name").get<std::string>());
    if (op == "class") co_return Value(make_obj<ClassObj>(classes_.at(e.at("name").get<std::string>())));
    if (op == "type") co_return Value(make_obj<TypeObj>(e.at("name").get<std::string>()));
    if (op == "api_ref") {
        std::string api = e.at("api").get<std::string>();
        if (api.rfind("asyncio.", 0) == 0) api = api.substr(8);
        if (api == "FIRST_COMPLETED" || api == "FIRST_EXCEPTION" || api == "ALL_COMPLETED") co_return Value(api);
        co_return Value(make_obj<ApiRefObj>(api));
    }
    if (op == "builtin_ref") {
        const std::string& name = e.at("name").get_ref<const std::string&>();
        if (name == "log") co_return Value(log_fn_);
        co_return Value(make_obj<BuiltinObj>(name));
    }
    if (op == "unary") {
        Value v = co_await eval(e.at("operand"), fr);
        co_return unary(e.at("operator").get_ref<const std::string&>(), v, fr);
    }
    if (op == "binop") {
        Value l = co_await eval(e.at("left"), fr);
        Value r = co_await eval(e.at("right"), fr);
        co_return binop(e.at("operator").get_ref<const std::string&>(), l, r, fr);
    }
    if (op == "compare") {
        Value left = co_await eval(e.at("left"), fr);
        const json& ops = e.at("ops");
        const json& comps = e.at("comparators");
        bool r = true;
        for (std::size_t i = 0; i < ops.size(); ++i) {
            Value right = co_await eval(comps.at(i), fr);
            r = compare(ops.at(i).get_ref<const std::string&>(), left, right, fr);
            if (!r) break;
            left = std::move(right);
        }
        co_return Value(r);
    }
    if (op == "boolop") {
        bool is_and = e.at("operator").get_ref<const std::string&>() == "and";
        Value r;
        for (const auto& x : e.at("values")) {
            r = co_await eval(x, fr);
            if (is_and ? !truthy(r) : truthy(r)) co_return r;
        }
        co_return r;
    }
    if (op == "index") {
        Value obj = co_await eval(e.at("obj"), fr);
        Value idx = co_await eval(e.at("index"), fr);
        co_return index_get(obj, idx, fr);
    }
    if (op == "attr") {
        Value obj = co_await eval(e.at("obj"), fr);
        co_return attr(obj, e.at("name").get_ref<const std::string&>(), fr);
    }
    if (op == "list" || op == "tuple") {
        std::vector<Value> items;
        for (const auto& x : e.at("items")) {
            Value item = co_await eval(x, fr);
            items.push_back(std::move(item));
        }
        co_return op == "list" ? make_list(std::move(items)) : make_tuple(std::move(items));
    }
    if (op == "listcomp" || op == "setcomp" || op == "dictcomp") co_return co_await ex_listcomp(e, fr);
    if (op == "dict") {  // key, value, key, value... left to right
        Value out = ContainersExt<Interpreter>::new_dict();
        const json& values = e.at("values");
        std::size_t i = 0;
        for (const auto& k : e.at("keys")) {
            Value key = co_await eval(k, fr);
            Value value = co_await eval(values.at(i++), fr);
            ContainersExt<Interpreter>::dict_set(*this, *out.template as<DictObj>(), std::move(key), std::move(value),
                                                 fr);
        }
        co_return out;
    }
    if (op == "set") {
        Value out = ContainersExt<Interpreter>::new_set();
        for (const auto& x : e.at("items")) {
            Value item = co_await eval(x, fr);
            ContainersExt<Interpreter>::set_add(*this, *out.template as<SetObj>(), std::move(item), fr);
        }
        co_return out;
    }
    if (op == "await") {
        if (fr.is_sync) throw IRError("await in a def (a sync function never suspends)");
        Value v = co_await eval(e.at("value"), fr);
        co_return co_await await_value(std::move(v), fr);
    }
    if (op == "call_func") {
        Args args = co_await eval_args(e, fr);
        auto it = functions_.find(e.at("name").get_ref<const std::string&>());
        if (it == functions_.end()) throw IRError("unknown function " + e.at("name").get<std::string>());
        co_return call_function(*it->second, std::move(args), &fr);
    }
    if (op == "call_value") {
        Value f = co_await eval(e.at("callee"), fr);
        Args args = co_await eval_args(e, fr);
        co_return call_value(f, std::move(args), &fr);
    }
    if (op == "call_api") {
        Args args = co_await eval_args(e, fr);
        std::string api = e.at("api").get<std::string>();
        if (api.rfind("asyncio.", 0) == 0) api = api.substr(8);
        co_return call_api(api, std::move(args), fr);
    }
    if (op == "call_method") {
        Value obj = co_await eval(e.at("obj"), fr);
        Args args = co_await eval_args(e, fr);
        co_return call_method(obj, e.at("method").get_ref<const std::string&>(), std::move(args), fr);
    }
    if (op == "call_builtin") {
        Args args = co_await eval_args(e, fr);
        co_return call_builtin(e.at("name").get_ref<const std::string&>(), std::move(args), fr);
    }
    if (op == "new_exc") {
        Args args = co_await eval_args(e, fr);
        co_return ClassesExt<Interpreter>::new_exception_call(*this, classes_.at(e.at("class").get<std::string>()),
                                                              std::move(args), fr);
    }
    if (op == "super_call") {
        Value self = co_await eval(e.at("self"), fr);
        Args args = co_await eval_args(e, fr);
        co_return ClassesExt<Interpreter>::super_call(*this, e.at("class").get<std::string>(),
                                                      e.at("method").get<std::string>(), std::move(self),
                                                      std::move(args), fr);
    }
    if (op == "log") {
        Args args = co_await eval_args(e, fr);
        do_log(args, line_of(e));
        co_return Value();
    }
    if (op == "deref") {
        const Value& v = cell_value(fr, e);
        if (v.is_unbound()) {
            const std::string name = e.value("name", std::string());
            if (e.value("free", false)) raise_new("NameError", "free variable " + name + " unbound", &fr);
            raise_new("UnboundLocalError", "local variable " + name + " unbound", &fr);
        }
        co_return v;
    }
    if (op == "closure") {
        std::vector<Value> defaults;
        if (e.contains("defaults"))
            for (const auto& d : e.at("defaults")) {
                Value v = co_await eval(d, fr);
                defaults.push_back(std::move(v));
            }
        std::vector<std::pair<std::string, Value>> kwdefaults;
        if (e.contains("kwdefaults"))
            for (const auto& k : e.at("kwdefaults")) {
                Value v = co_await eval(k.at("value"), fr);
                kwdefaults.emplace_back(k.at("name").get<std::string>(), std::move(v));
            }
        co_return make_closure(e, fr, std::move(defaults), std::move(kwdefaults));
    }
    if (op == "user_class") {
        auto it = user_classes_.find(e.at("name").get_ref<const std::string&>());
        if (it == user_classes_.end()) throw IRError("unknown class " + e.at("name").get<std::string>());
        co_return Value(std::static_pointer_cast<Object>(it->second));
    }
    if (op == "getattr") {
        Value obj = co_await eval(e.at("obj"), fr);
        co_return attr(obj, e.at("name").get_ref<const std::string&>(), fr);
    }
    if (op == "genexp") {
        Value iterable = co_await eval(e.at("iter"), fr);
        Value function = co_await eval(e.at("function"), fr);
        co_return IteratorsExt<Interpreter>::genexp(*this, iterable, std::move(function), fr);
    }
    if (op == "slice") {
        Value obj = co_await eval(e.at("obj"), fr);
        Value bounds[3];
        const char* keys[3] = {"lower", "upper", "step"};
        for (int i = 0; i < 3; ++i)
            if (e.contains(keys[i])) bounds[i] = co_await eval(e.at(keys[i]), fr);
        co_return slice_get(obj, bounds[0], bounds[1], bounds[2], fr);
    }
    if (op == "method_ref") {
        Value obj = co_await eval(e.at("obj"), fr);
        if (auto* o = ClassesExt<Interpreter>::instance(*this, obj))  // a data attribute, or the method bound
            if (auto v = o->attribute(*this, e.at("method").get_ref<const std::string&>(), fr)) co_return *v;
        co_return Value(make_obj<BoundMethodObj>(std::move(obj), e.at("method").get<std::string>()));
    }
    if (op == "ifexp") {
        Value test = co_await eval(e.at("test"), fr);
        co_return co_await eval(truthy(test) ? e.at("body") : e.at("orelse"), fr);
    }
    throw IRError("unknown expression op " + op);
}

template <Adapter A>
auto Interpreter<A>::eval_args(const json& e, Frame& fr) -> Eval<Args> {
    Args out;
    if (e.contains("args"))
        for (const auto& a : e.at("args")) {
            if (a.at("op").get_ref<const std::string&>() == "starred") {
                Value v = co_await eval(a.at("value"), fr);
                for (auto& x : iterate(v, fr)) out.pos.push_back(std::move(x));
            } else {
                Value v = co_await eval(a, fr);
                out.pos.push_back(std::move(v));
            }
        }
    if (e.contains("kwargs"))
        for (const auto& k : e.at("kwargs")) {
            Value v = co_await eval(k.at("value"), fr);
            if (k.contains("op")) {  // f(**d): the dict's items (str keys)
                if (!v.is(Kind::dict)) raise_new("TypeError", "argument after ** must be a mapping", &fr);
                for (const auto& [key, x] : v.template as<DictObj>()->items) {
                    if (!key.is_str()) raise_new("TypeError", "keywords must be strings", &fr);
                    out.kw.emplace_back(key.str(), x);
                }
            } else {
                out.kw.emplace_back(k.at("name").get<std::string>(), std::move(v));
            }
        }
    for (std::size_t i = 0; i < out.kw.size(); ++i)  // each keyword once
        for (std::size_t j = 0; j < i; ++j)
            if (out.kw[i].first == out.kw[j].first)
                raise_new("TypeError", "got multiple values for keyword argument " + out.kw[i].first, &fr);
    co_return out;
}

// listcomp, setcomp, dictcomp (a dict's key is evaluated before its value).
template <Adapter A>
Eval<Value> Interpreter<A>::ex_listcomp(const json& e, Frame& fr) {
    const std::string& op = e.at("op").get_ref<const std::string&>();
    Value it = co_await eval(e.at("iter"), fr);
    std::vector<Value> out;
    Value made = op == "dictcomp" ? ContainersExt<Interpreter>::new_dict()
                 : op == "setcomp" ? ContainersExt<Interpreter>::new_set()
                                   : Value();
    auto one = [&](Value v) -> Eval<bool> {
        co_await store(e.at("target"), std::move(v), fr);
        if (e.contains("cond")) {
            Value cond = co_await eval(e.at("cond"), fr);
            if (!truthy(cond)) co_return false;
        }
        if (op == "dictcomp") {
            Value key = co_await eval(e.at("key"), fr);
            Value value = co_await eval(e.at("value"), fr);
            ContainersExt<Interpreter>::dict_set(*this, *made.template as<DictObj>(), std::move(key), std::move(value),
                                                 fr);
            co_return true;
        }
        Value element = co_await eval(e.at("element"), fr);
        if (op == "setcomp")
            ContainersExt<Interpreter>::set_add(*this, *made.template as<SetObj>(), std::move(element), fr);
        else
            out.push_back(std::move(element));
        co_return true;
    };
    if (it.is_list()) {
        ListRef l = it.list();
        for (std::size_t i = 0; i < l->items.size(); ++i) co_await one(l->items[i]);
    } else {
        for (auto& v : iterate(it, fr)) co_await one(v);
    }
    if (!made.is_none()) co_return made;
    co_return make_list(std::move(out));
}

// IR.md "await".
template <Adapter A>
Eval<Value> Interpreter<A>::await_value(Value v, Frame& fr) {
    if (v.is(Kind::coroutine)) {
        auto c = v.as<CoroObj>();
        if (c->consumed) raise_new("RuntimeError", "cannot reuse already awaited coroutine", &fr);
        c->consumed = true;
        c->ctx->inherited = fr.top;
        Eval<Value> body = std::move(c->body);
        co_return co_await std::move(body);
    }
    std::exception_ptr err;
    Value out;
    if (v.is(Kind::task)) {
        try {
            out = co_await a().wait(v.as<TaskObj>()->t);
        } catch (...) {
            err = std::current_exception();
        }
    } else if (v.is(Kind::future)) {
        try {
            out = co_await a().wait(v.as<FutureObj>()->f);
        } catch (...) {
            err = std::current_exception();
        }
    } else {
        if (auto target = ClassesExt<Interpreter>::await_target(*this, v, fr))
            co_return co_await await_value(std::move(*target), fr);
        raise_new("TypeError", "object " + type_name(v) + " can't be used in 'await' expression", &fr);
    }
    if (err) reraise_here(err, &fr);
    co_return out;
}

}  // namespace asyncspec
