// The interpreter's Python object model: type names, attributes, the
// builtins (len, range, str, isinstance, sorted), str(), truthiness,
// iteration, unary and binary operators (Python's int/float semantics,
// overflow as OverflowError), equality, identity, ordering, `in`, indexing.
//
// Part of interpreter.hpp, which includes it after the class: definitions of
// members of Interpreter<A> declared there; not a header to include alone.
#pragma once

namespace asyncspec {

template <Adapter A>
std::string Interpreter<A>::type_name(const Value& v) const {
    if (v.is_none()) return "NoneType";
    if (v.is_bool()) return "bool";
    if (v.is_int()) return "int";
    if (v.is_float()) return "float";
    if (v.is_str()) return "str";
    if (v.is_list()) return "list";
    if (v.is_tuple()) return "tuple";
    if (v.is_object()) return v.obj()->type_name();
    return "unbound";
}

template <Adapter A>
Value Interpreter<A>::attr(const Value& obj, const std::string& name, Frame& fr) {
    if (NativeObj* n = native(obj))
        if (auto v = n->attribute(*this, name, fr)) return std::move(*v);
    if (obj.is(Kind::exception)) {
        auto x = obj.as<ExcObj>();
        if (name == "args") return make_tuple(x->args);
        if (name == "__cause__") return x->cause ? Value(x->cause) : Value();
        if (name == "__context__") return x->context ? Value(x->context) : Value();
        if (name == "exceptions" && x->is_group) {
            std::vector<Value> items;
            for (auto& m : x->members) items.emplace_back(m);
            return make_tuple(std::move(items));
        }
        if (auto v = ClassesExt<Interpreter>::exc_attribute(*this, obj, name)) return std::move(*v);
    }
    if (name == "__class__") return type_of(obj);
    if (obj.is(Kind::user_class))
        if (auto v = ClassesExt<Interpreter>::class_attribute(*this, obj, name)) return std::move(*v);
    if (name == "__name__") {
        if (obj.is(Kind::exc_class)) return Value(classes_.name(obj.as<ClassObj>()->cls));
        if (obj.is(Kind::type)) return Value(obj.as<TypeObj>()->name);
        if (obj.is(Kind::api_ref)) return Value(obj.as<ApiRefObj>()->api);
        if (obj.is(Kind::bound_method)) return Value(obj.as<BoundMethodObj>()->method);
        if (obj.is(Kind::function)) {  // Python's __name__: the last part of the qualified name
            const json& fn = *obj.as<FunctionObj>()->fn;
            std::string q = fn.value("qualname", fn.at("name").template get<std::string>());
            return Value(q.substr(q.rfind('.') == std::string::npos ? 0 : q.rfind('.') + 1));
        }
    }
    raise_new("AttributeError", "'" + type_name(obj) + "' object has no attribute '" + name + "'", &fr);
}

// type(x) (IR.md "call_builtin"): an exception's class, asyncio.Task or
// asyncio.Future for tasks and futures, else the builtin type of that name.
template <Adapter A>
Value Interpreter<A>::type_of(const Value& v) {
    if (v.is(Kind::exception)) return Value(make_obj<ClassObj>(v.as<ExcObj>()->cls));
    if (v.is(Kind::task)) return Value(make_obj<ApiRefObj>("Task"));
    if (v.is(Kind::future)) return Value(make_obj<ApiRefObj>("Future"));
    if (auto* o = ClassesExt<Interpreter>::instance(*this, v)) return Value(std::static_pointer_cast<Object>(o->cls));
    return Value(make_obj<TypeObj>(type_name(v)));
}

template <Adapter A>
Value Interpreter<A>::call_builtin(const std::string& name, Args args, Frame& fr) {
    auto& p = args.pos;
    if (auto v = IteratorsExt<Interpreter>::call_builtin(*this, name, args, fr)) return std::move(*v);
    if (auto v = ContainersExt<Interpreter>::call_builtin(*this, name, args, fr)) return std::move(*v);
    if (name == "abs") {
        if (p.size() != 1 || !p[0].is_number()) raise_new("TypeError", "bad operand type for abs()", &fr);
        if (p[0].is_float()) return Value(std::fabs(p[0].as_float()));
        if (p[0].as_int() == std::numeric_limits<std::int64_t>::min()) raise_new("OverflowError", "abs", &fr);
        return Value(p[0].as_int() < 0 ? -p[0].as_int() : p[0].as_int());
    }
    if (name == "round") {  // Python's: half to even, on the exact binary value
        if (p.empty() || p.size() > 2 || !p[0].is_number()) raise_new("TypeError", "round() needs a number", &fr);
        const bool digits = p.size() == 2 && !p[1].is_none();
        if (digits && !p[1].is_intlike()) raise_new("TypeError", "ndigits must be an int", &fr);
        if (!p[0].is_float()) return Value(p[0].as_int());  // ints: unchanged (ndigits >= 0)
        double x = p[0].as_float();
        if (!std::isfinite(x)) {
            if (!digits) raise_new(std::isnan(x) ? "ValueError" : "OverflowError", "cannot round", &fr);
            return Value(x);
        }
        if (!digits) {
            double r = std::nearbyint(x);  // the default rounding mode: to nearest, ties to even
            if (!(r > -9.2e18 && r < 9.2e18)) raise_new("OverflowError", "round() result out of range", &fr);
            return Value(static_cast<std::int64_t>(r));
        }
        std::int64_t n = p[1].as_int();
        if (n > 300) return Value(x);
        if (n < -300) return Value(std::copysign(0.0, x));
        if (n < 0) {  // round to tens, hundreds...: scale exactly by powers of ten
            double scale = std::pow(10.0, static_cast<double>(-n));
            return Value(std::nearbyint(x / scale) * scale);
        }
        char buf[512];
        std::snprintf(buf, sizeof buf, "%.*f", static_cast<int>(n), x);  // correctly rounded, ties to even
        return Value(std::strtod(buf, nullptr));
    }
    if (name == "type") {
        if (p.size() != 1 || !args.kw.empty()) raise_new("TypeError", "type() takes 1 argument", &fr);
        return type_of(p[0]);
    }
    if (name == "len") {
        if (p.size() != 1) raise_new("TypeError", "len() takes exactly one argument", &fr);
        const Value& v = p[0];
        if (v.is_list()) return Value(static_cast<std::int64_t>(v.list()->items.size()));
        if (v.is_tuple()) return Value(static_cast<std::int64_t>(v.tuple()->items.size()));
        if (v.is_str()) return Value(static_cast<std::int64_t>(v.str().size()));
        if (v.is(Kind::set)) return Value(static_cast<std::int64_t>(v.as<SetObj>()->items.size()));
        if (v.is(Kind::dict)) return Value(static_cast<std::int64_t>(v.as<DictObj>()->items.size()));
        if (v.is(Kind::dict_view)) return Value(static_cast<std::int64_t>(v.as<DictViewObj>()->dict->items.size()));
        if (v.is(Kind::range)) return Value(v.as<RangeObj>()->size());
        raise_new("TypeError", "object of type '" + type_name(v) + "' has no len()", &fr);
    }
    if (name == "range") {
        for (const auto& v : p)
            if (!v.is_intlike()) raise_new("TypeError", "range() needs ints", &fr);
        if (p.empty() || p.size() > 3) raise_new("TypeError", "range expected 1 to 3 arguments", &fr);
        std::int64_t start = 0, stop, step = 1;
        if (p.size() == 1) {
            stop = p[0].as_int();
        } else {
            start = p[0].as_int();
            stop = p[1].as_int();
            if (p.size() == 3) step = p[2].as_int();
        }
        if (step == 0) raise_new("ValueError", "range() arg 3 must not be zero", &fr);
        return Value(make_obj<RangeObj>(start, stop, step));
    }
    if (name == "str") {
        if (p.empty()) return Value(std::string());
        return Value(to_str(p[0], fr));
    }
    if (name == "isinstance") {
        if (p.size() != 2) raise_new("TypeError", "isinstance expected 2 arguments", &fr);
        return Value(isinstance(p[0], p[1], fr));
    }
    if (name == "sorted") {
        if (p.size() != 1) raise_new("TypeError", "sorted expected 1 argument", &fr);
        std::vector<Value> items = iterate(p[0], fr);
        Value key = arg_or(args, 99, "key", Value());
        bool reverse = truthy(arg_or(args, 99, "reverse", Value(false)));
        std::vector<std::pair<Value, Value>> keyed;
        for (auto& v : items) {
            Value k = v;
            if (!key.is_none()) {
                Args ka;
                ka.pos.push_back(v);
                k = call_value(key, std::move(ka), &fr);
            }
            keyed.emplace_back(std::move(k), std::move(v));
        }
        std::stable_sort(keyed.begin(), keyed.end(), [&](const auto& x, const auto& y) {
            return reverse ? compare("<", y.first, x.first, fr) : compare("<", x.first, y.first, fr);
        });
        std::vector<Value> out;
        for (auto& kv : keyed) out.push_back(std::move(kv.second));
        return make_list(std::move(out));
    }
    throw IRError("unknown builtin " + name);
}

template <Adapter A>
bool Interpreter<A>::isinstance(const Value& v, const Value& c, Frame& fr) {
    step();
    check_stack(&fr);  // tuples of tuples
    if (c.is_tuple()) {
        for (const auto& x : c.tuple()->items)
            if (isinstance(v, x, fr)) return true;
        return false;
    }
    if (c.is(Kind::exc_class))
        return v.is(Kind::exception) && classes_.is_subclass(v.as<ExcObj>()->cls, c.as<ClassObj>()->cls);
    if (c.is(Kind::user_class)) {
        auto* o = ClassesExt<Interpreter>::instance(*this, v);
        return o && o->cls && o->cls->derives_from(c.as<UserClassObj>().get());
    }
    if (c.is(Kind::type)) {
        const std::string& t = c.as<TypeObj>()->name;
        if (t == "int") return v.is_intlike();
        if (t == "bool") return v.is_bool();
        if (t == "float") return v.is_float();
        if (t == "str") return v.is_str();
        if (t == "list") return v.is_list();
        if (t == "tuple") return v.is_tuple();
        return type_name(v) == t;  // a type(x) value
    }
    if (c.is(Kind::api_ref)) {
        const std::string& api = c.as<ApiRefObj>()->api;
        if (api == "Task") return v.is(Kind::task);
        if (api == "Future") return v.is(Kind::task) || v.is(Kind::future);
        return false;
    }
    raise_new("TypeError", "isinstance() arg 2 must be a type or tuple of types", &fr);
}

template <Adapter A>
std::string Interpreter<A>::to_str(const Value& v, Frame& fr) {
    step();
    check_stack(&fr);  // an exception whose argument is an exception...
    if (v.is_none()) return "None";
    if (v.is_bool()) return v.as_bool() ? "True" : "False";
    if (v.is_int()) return std::to_string(v.as_int());
    if (v.is_float()) return float_repr(v.as_float());
    if (v.is_str()) {
        step(v.str().size());
        return v.str();
    }
    if (v.is(Kind::exception)) {
        auto x = v.as<ExcObj>();
        if (x->args.size() == 1) return to_str(x->args[0], fr);
        return "";
    }
    if (v.is(Kind::task)) return "<Task " + a().get_name(v.as<TaskObj>()->t) + ">";
    return "<" + type_name(v) + ">";
}

template <Adapter A>
bool Interpreter<A>::truthy(const Value& v) {
    if (v.is_none()) return false;
    if (v.is_bool()) return v.as_bool();
    if (v.is_int()) return v.as_int() != 0;
    if (v.is_float()) return v.as_float() != 0.0;
    if (v.is_str()) return !v.str().empty();
    if (v.is_list()) return !v.list()->items.empty();
    if (v.is_tuple()) return !v.tuple()->items.empty();
    if (v.is(Kind::set)) return !v.as<SetObj>()->items.empty();
    if (v.is(Kind::dict)) return !v.as<DictObj>()->items.empty();
    if (v.is(Kind::dict_view)) return !v.as<DictViewObj>()->dict->items.empty();
    if (v.is(Kind::range)) return v.as<RangeObj>()->size() != 0;
    return true;
}

// The items, as a copy: costs their number in steps first (range(10**18)).
template <Adapter A>
std::vector<Value> Interpreter<A>::iterate(const Value& v, Frame& fr) {
    if (v.is_list()) {
        step(v.list()->items.size());
        return v.list()->items;
    }
    if (v.is_tuple()) {
        step(v.tuple()->items.size());
        return v.tuple()->items;
    }
    if (v.is(Kind::set)) {
        step(v.as<SetObj>()->items.size());
        return v.as<SetObj>()->items;
    }
    if (v.is(Kind::dict_view)) {
        std::vector<Value> items = v.as<DictViewObj>()->snapshot();
        step(items.size());
        return items;
    }
    if (v.is(Kind::dict)) {  // the keys
        std::vector<Value> keys;
        for (const auto& kv : v.as<DictObj>()->items) keys.push_back(kv.first);
        step(keys.size());
        return keys;
    }
    if (v.is(Kind::range)) {
        auto r = v.as<RangeObj>();
        step(static_cast<std::uint64_t>(r->size()));
        std::vector<Value> out;
        for (std::int64_t i = 0, n = r->size(); i < n; ++i) out.emplace_back(r->at(i));
        return out;
    }
    if (v.is_str()) {
        step(v.str().size());
        std::vector<Value> out;
        for (char c : v.str()) out.emplace_back(std::string(1, c));
        return out;
    }
    if (NativeObj* n = native(v); n && n->is_iterator()) {
        std::vector<Value> out;
        while (auto x = n->next(*this, fr)) {
            step(1);
            out.push_back(std::move(*x));
        }
        return out;
    }
    raise_new("TypeError", "'" + type_name(v) + "' object is not iterable", &fr);
}

template <Adapter A>
Value Interpreter<A>::unary(const std::string& op, const Value& v, Frame& fr) {
    if (op == "not") return Value(!truthy(v));
    if (!v.is_number()) raise_new("TypeError", "bad operand type for unary " + op, &fr);
    if (op == "+") return v.is_float() ? v : Value(v.as_int());
    if (v.is_float()) return Value(-v.as_float());
    if (v.as_int() == std::numeric_limits<std::int64_t>::min()) raise_new("OverflowError", "int overflow", &fr);
    return Value(-v.as_int());
}

template <Adapter A>
std::int64_t Interpreter<A>::floordiv_int(std::int64_t a, std::int64_t b) {
    std::int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
    return q;
}

template <Adapter A>
std::int64_t Interpreter<A>::mod_int(std::int64_t a, std::int64_t b) {
    std::int64_t m = a % b;
    if (m != 0 && ((m < 0) != (b < 0))) m += b;
    return m;
}

// CPython's float_divmod.
template <Adapter A>
void Interpreter<A>::float_divmod(double vx, double wx, double& floordiv, double& mod) {
    mod = std::fmod(vx, wx);
    double div = (vx - mod) / wx;
    if (mod != 0.0) {
        if ((wx < 0) != (mod < 0)) {
            mod += wx;
            div -= 1.0;
        }
    } else {
        mod = std::copysign(0.0, wx);
    }
    if (div != 0.0) {
        floordiv = std::floor(div);
        if (div - floordiv > 0.5) floordiv += 1.0;
    } else {
        floordiv = std::copysign(0.0, vx / wx);
    }
}

template <Adapter A>
Value Interpreter<A>::repeat(const Value& seq, const Value& n, Frame& fr) {
    (void)fr;
    std::int64_t k = std::max<std::int64_t>(0, n.as_int());
    std::uint64_t len = seq.is_str()    ? seq.str().size()
                        : seq.is_list() ? seq.list()->items.size()
                                        : seq.tuple()->items.size();
    // The result's size in steps, before building it ("x" * 10**18).
    std::uint64_t total = 0;
    if (__builtin_mul_overflow(len, static_cast<std::uint64_t>(k), &total)) total = ~std::uint64_t(0);
    step(total);
    if (seq.is_str()) {
        std::string out;
        for (std::int64_t i = 0; i < k; ++i) out += seq.str();
        return Value(out);
    }
    const auto& items = seq.is_list() ? seq.list()->items : seq.tuple()->items;
    std::vector<Value> out;
    for (std::int64_t i = 0; i < k; ++i) out.insert(out.end(), items.begin(), items.end());
    return seq.is_list() ? make_list(std::move(out)) : make_tuple(std::move(out));
}

template <Adapter A>
Value Interpreter<A>::binop(const std::string& op, const Value& l, const Value& r, Frame& fr) {
    if (l.is_number() && r.is_number()) {
        bool ints = l.is_intlike() && r.is_intlike();
        if (op == "/") {
            double d = r.as_float();
            if (d == 0.0) raise_new("ZeroDivisionError", "division by zero", &fr);
            return Value(l.as_float() / d);
        }
        if (ints) {
            std::int64_t x = l.as_int(), y = r.as_int(), z = 0;
            bool ovf = false;
            if (op == "+")
                ovf = __builtin_add_overflow(x, y, &z);
            else if (op == "-")
                ovf = __builtin_sub_overflow(x, y, &z);
            else if (op == "*")
                ovf = __builtin_mul_overflow(x, y, &z);
            else if (op == "//" || op == "%") {
                if (y == 0) raise_new("ZeroDivisionError", "integer division or modulo by zero", &fr);
                if (x == std::numeric_limits<std::int64_t>::min() && y == -1) {
                    if (op == "//") raise_new("OverflowError", "int overflow", &fr);
                    return Value(std::int64_t{0});
                }
                z = op == "//" ? floordiv_int(x, y) : mod_int(x, y);
            } else
                throw IRError("unknown operator " + op);
            if (ovf) raise_new("OverflowError", "int overflow", &fr);
            return Value(z);
        }
        double x = l.as_float(), y = r.as_float();
        if (op == "+") return Value(x + y);
        if (op == "-") return Value(x - y);
        if (op == "*") return Value(x * y);
        if (op == "//" || op == "%") {
            if (y == 0.0) raise_new("ZeroDivisionError", "float division by zero", &fr);
            double q, m;
            float_divmod(x, y, q, m);
            return Value(op == "//" ? q : m);
        }
        throw IRError("unknown operator " + op);
    }
    if (op == "+") {
        if (l.is_str() && r.is_str()) {
            step(l.str().size() + r.str().size());
            return Value(l.str() + r.str());
        }
        if (l.is_list() && r.is_list()) {
            step(l.list()->items.size() + r.list()->items.size());
            std::vector<Value> out = l.list()->items;
            out.insert(out.end(), r.list()->items.begin(), r.list()->items.end());
            return make_list(std::move(out));
        }
        if (l.is_tuple() && r.is_tuple()) {
            step(l.tuple()->items.size() + r.tuple()->items.size());
            std::vector<Value> out = l.tuple()->items;
            out.insert(out.end(), r.tuple()->items.begin(), r.tuple()->items.end());
            return make_tuple(std::move(out));
        }
    }
    if (op == "*") {
        auto seq = [](const Value& v) { return v.is_str() || v.is_list() || v.is_tuple(); };
        if (seq(l) && r.is_intlike()) return repeat(l, r, fr);
        if (l.is_intlike() && seq(r)) return repeat(r, l, fr);
    }
    raise_new("TypeError",
              "unsupported operand type(s) for " + op + ": '" + type_name(l) + "' and '" + type_name(r) + "'", &fr);
}

// Value equality, recursive: each item compared costs a step, nesting
// past the stack budget (two lists each holding itself) is RecursionError.
template <Adapter A>
bool Interpreter<A>::equal(const Value& l, const Value& r) {
    step();
    check_stack(nullptr);
    if (l.is_number() && r.is_number()) {
        if (l.is_float() || r.is_float()) return l.as_float() == r.as_float();
        return l.as_int() == r.as_int();
    }
    if (l.is_none() || r.is_none()) return l.is_none() && r.is_none();
    if (l.is_str() && r.is_str()) return l.str() == r.str();
    if (l.is_list() && r.is_list()) return l.list() == r.list() || seq_equal(l.list()->items, r.list()->items);
    if (l.is_tuple() && r.is_tuple()) return l.tuple() == r.tuple() || seq_equal(l.tuple()->items, r.tuple()->items);
    if (l.is_object() && r.is_object()) {
        if (l.is(Kind::exc_class) && r.is(Kind::exc_class)) return l.as<ClassObj>()->cls == r.as<ClassObj>()->cls;
        if (l.is(Kind::type) && r.is(Kind::type)) return l.as<TypeObj>()->name == r.as<TypeObj>()->name;
        if (l.is(Kind::api_ref) && r.is(Kind::api_ref)) return l.as<ApiRefObj>()->api == r.as<ApiRefObj>()->api;
        if (l.is(Kind::dict) && r.is(Kind::dict)) {  // the same pairs, in any order
            const auto &x = l.as<DictObj>()->items, &y = r.as<DictObj>()->items;
            if (x.size() != y.size()) return false;
            for (const auto& [k, v] : x) {
                std::size_t i = 0;
                while (i < y.size() && !identical(y[i].first, k) && !equal(y[i].first, k)) ++i;
                if (i == y.size() || !(identical(y[i].second, v) || equal(y[i].second, v))) return false;
            }
            return true;
        }
        if (l.is(Kind::set) && r.is(Kind::set)) {
            const auto &x = l.as<SetObj>()->items, &y = r.as<SetObj>()->items;
            if (x.size() != y.size()) return false;
            for (const auto& k : x) {
                std::size_t i = 0;
                while (i < y.size() && !identical(y[i], k) && !equal(y[i], k)) ++i;
                if (i == y.size()) return false;
            }
            return true;
        }
        if (l.is(Kind::builtin) && r.is(Kind::builtin)) return l.as<BuiltinObj>()->name == r.as<BuiltinObj>()->name;
        if (l.is(Kind::bound_method) && r.is(Kind::bound_method)) {
            auto x = l.as<BoundMethodObj>(), y = r.as<BoundMethodObj>();
            return x->method == y->method && identical(x->self, y->self);
        }
        if (l.is(Kind::range) && r.is(Kind::range)) {
            auto x = l.as<RangeObj>(), y = r.as<RangeObj>();
            if (x->size() != y->size()) return false;
            if (x->size() == 0) return true;
            return x->start == y->start && (x->size() == 1 || x->step == y->step);
        }
        return l.obj()->identity() == r.obj()->identity();
    }
    return false;
}

// Items compared by identity first, then equality (Python's
// PyObject_RichCompareBool): a list holding itself equals itself.
template <Adapter A>
bool Interpreter<A>::seq_equal(const std::vector<Value>& a, const std::vector<Value>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (!identical(a[i], b[i]) && !equal(a[i], b[i])) return false;
    return true;
}

template <Adapter A>
bool Interpreter<A>::identical(const Value& l, const Value& r) {
    if (l.is_none() || r.is_none()) return l.is_none() && r.is_none();
    if (l.is_bool() || r.is_bool()) return l.is_bool() && r.is_bool() && l.as_bool() == r.as_bool();
    if (l.is_int() && r.is_int()) return l.as_int() == r.as_int();
    if (l.is_float() && r.is_float()) return l.as_float() == r.as_float();
    if (l.is_str() && r.is_str()) return l.str() == r.str();
    if (l.is_list() && r.is_list()) return l.list() == r.list();
    if (l.is_tuple() && r.is_tuple())
        return l.tuple() == r.tuple() || (l.tuple()->items.empty() && r.tuple()->items.empty());
    if (l.is_object() && r.is_object()) {
        if (l.is(Kind::exc_class) || l.is(Kind::function) || l.is(Kind::type) || l.is(Kind::api_ref) ||
            l.is(Kind::log_function) || l.is(Kind::builtin))
            return l.obj()->kind() == r.obj()->kind() && equal(l, r);
        return l.obj()->identity() == r.obj()->identity();
    }
    return false;
}

// <, <=, >, >= (IR.md "compare").
template <Adapter A>
bool Interpreter<A>::order(const std::string& op, const Value& l, const Value& r, Frame& fr) {
    step();
    check_stack(&fr);
    auto cmp = [&](auto x, auto y) {
        if (op == "<") return x < y;
        if (op == "<=") return x <= y;
        if (op == ">") return x > y;
        return x >= y;
    };
    if (l.is_number() && r.is_number()) {
        if (l.is_float() || r.is_float()) return cmp(l.as_float(), r.as_float());
        return cmp(l.as_int(), r.as_int());
    }
    if (l.is_str() && r.is_str()) {
        step(std::min(l.str().size(), r.str().size()));
        return cmp(l.str(), r.str());
    }
    if ((l.is_list() && r.is_list()) || (l.is_tuple() && r.is_tuple())) {
        const auto& a = l.is_list() ? l.list()->items : l.tuple()->items;
        const auto& b = r.is_list() ? r.list()->items : r.tuple()->items;
        std::size_t i = 0;
        while (i < a.size() && i < b.size() && (identical(a[i], b[i]) || equal(a[i], b[i]))) ++i;
        if (i < a.size() && i < b.size()) return order(op, a[i], b[i], fr);
        return cmp(a.size(), b.size());
    }
    raise_new("TypeError",
              "'" + op + "' not supported between instances of '" + type_name(l) + "' and '" + type_name(r) + "'", &fr);
}

template <Adapter A>
bool Interpreter<A>::contains(const Value& container, const Value& item, Frame& fr) {
    if (container.is_str()) {
        if (!item.is_str()) raise_new("TypeError", "'in <string>' requires string as left operand", &fr);
        step(container.str().size());
        return container.str().find(item.str()) != std::string::npos;
    }
    if (container.is(Kind::range)) {  // arithmetic: `x in range(10**18)` is instant
        auto r = container.as<RangeObj>();
        if (item.is_intlike()) return r->contains(item.as_int());
        if (!item.is_float()) return false;
        double d = item.as_float();
        if (!(d >= -9.2e18 && d <= 9.2e18) || d != std::floor(d)) return false;  // NaN too
        return r->contains(static_cast<std::int64_t>(d));
    }
    if (container.is(Kind::dict) || container.is(Kind::set)) {
        ContainersExt<Interpreter>::check_hashable(*this, item, fr);
        step(1);
        if (container.is(Kind::dict))
            return ContainersExt<Interpreter>::find(*this, container.as<DictObj>()->items, item) <
                   container.as<DictObj>()->items.size();
        return ContainersExt<Interpreter>::find(*this, container.as<SetObj>()->items, item) <
               container.as<SetObj>()->items.size();
    }
    if (container.is(Kind::dict_view) && container.as<DictViewObj>()->of == DictViewObj::Of::keys)
        return contains(Value(std::static_pointer_cast<Object>(container.as<DictViewObj>()->dict)), item, fr);
    if (container.is_list() || container.is_tuple() || container.is(Kind::dict_view)) {
        for (const auto& x : iterate(container, fr))
            if (identical(x, item) || equal(x, item)) return true;
        return false;
    }
    raise_new("TypeError", "argument of type '" + type_name(container) + "' is not iterable", &fr);
}

template <Adapter A>
bool Interpreter<A>::compare(const std::string& op, const Value& l, const Value& r, Frame& fr) {
    if (op == "==") return equal(l, r);
    if (op == "!=") return !equal(l, r);
    if (op == "is") return identical(l, r);
    if (op == "is not") return !identical(l, r);
    if (op == "in") return contains(r, l, fr);
    if (op == "not in") return !contains(r, l, fr);
    return order(op, l, r, fr);
}

template <Adapter A>
std::int64_t Interpreter<A>::norm_index(std::int64_t i, std::size_t n, Frame& fr) {
    std::int64_t size = static_cast<std::int64_t>(n);
    if (i < 0) i += size;
    if (i < 0 || i >= size) raise_new("IndexError", "index out of range", &fr);
    return i;
}

template <Adapter A>
Value Interpreter<A>::index_get(const Value& obj, const Value& idx, Frame& fr) {
    if (obj.is(Kind::dict)) return ContainersExt<Interpreter>::dict_get(*this, obj, idx, fr);
    if (!idx.is_intlike()) raise_new("TypeError", "indices must be integers", &fr);
    if (obj.is_list())
        return obj.list()->items[static_cast<std::size_t>(norm_index(idx.as_int(), obj.list()->items.size(), fr))];
    if (obj.is_tuple())
        return obj.tuple()->items[static_cast<std::size_t>(norm_index(idx.as_int(), obj.tuple()->items.size(), fr))];
    if (obj.is_str())
        return Value(
            std::string(1, obj.str()[static_cast<std::size_t>(norm_index(idx.as_int(), obj.str().size(), fr))]));
    if (obj.is(Kind::range)) {
        auto r = obj.as<RangeObj>();
        return Value(r->at(norm_index(idx.as_int(), static_cast<std::size_t>(r->size()), fr)));
    }
    raise_new("TypeError", "'" + type_name(obj) + "' object is not subscriptable", &fr);
}

// obj[lower:upper:step] of a list, tuple or str (Python's slice indices:
// None bounds default by the step's sign, negatives count from the end,
// out-of-range bounds clamp).
template <Adapter A>
Value Interpreter<A>::slice_get(const Value& obj, const Value& lower, const Value& upper, const Value& stepv,
                                Frame& fr) {
    for (const Value* b : {&lower, &upper, &stepv})
        if (!b->is_none() && !b->is_intlike()) raise_new("TypeError", "slice indices must be integers or None", &fr);
    std::int64_t len;
    if (obj.is_list())
        len = static_cast<std::int64_t>(obj.list()->items.size());
    else if (obj.is_tuple())
        len = static_cast<std::int64_t>(obj.tuple()->items.size());
    else if (obj.is_str())
        len = static_cast<std::int64_t>(obj.str().size());
    else
        raise_new("TypeError", "'" + type_name(obj) + "' object is not subscriptable", &fr);
    const std::int64_t stride = stepv.is_none() ? 1 : stepv.as_int();
    if (stride == 0) raise_new("ValueError", "slice step cannot be zero", &fr);
    auto adjust = [&](const Value& b, std::int64_t dflt) {
        if (b.is_none()) return dflt;
        std::int64_t i = b.as_int();
        if (i < 0) {
            i = i < -len ? (stride < 0 ? -1 : 0) : i + len;
        } else if (i >= len) {
            i = stride < 0 ? len - 1 : len;
        }
        return i;
    };
    const std::int64_t start = adjust(lower, stride < 0 ? len - 1 : 0);
    const std::int64_t stop = adjust(upper, stride < 0 ? -1 : len);
    std::vector<std::int64_t> picks;
    for (std::int64_t i = start; stride > 0 ? i < stop : i > stop; i += stride) picks.push_back(i);
    step(picks.size());
    if (obj.is_str()) {
        std::string out;
        for (auto i : picks) out += obj.str()[static_cast<std::size_t>(i)];
        return Value(std::move(out));
    }
    const auto& items = obj.is_list() ? obj.list()->items : obj.tuple()->items;
    std::vector<Value> out;
    for (auto i : picks) out.push_back(items[static_cast<std::size_t>(i)]);
    return obj.is_list() ? make_list(std::move(out)) : make_tuple(std::move(out));
}

template <Adapter A>
void Interpreter<A>::index_set(const Value& obj, const Value& idx, Value v, Frame& fr) {
    if (obj.is(Kind::dict)) return ContainersExt<Interpreter>::dict_set(*this, *obj.as<DictObj>(), idx, std::move(v), fr);
    if (!obj.is_list()) raise_new("TypeError", "'" + type_name(obj) + "' object does not support item assignment", &fr);
    if (!idx.is_intlike()) raise_new("TypeError", "list indices must be integers", &fr);
    auto& items = obj.list()->items;
    items[static_cast<std::size_t>(norm_index(idx.as_int(), items.size(), fr))] = std::move(v);
}

}  // namespace asyncspec
