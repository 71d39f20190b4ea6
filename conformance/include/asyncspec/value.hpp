// The IR's value model (spec/IR.md, "Values") and its canonical rendering
// (spec/IR.md, "Trace and canonical rendering"; spec/harness/oracle.py
// `_render`). Implementation-independent: runtime objects of the
// implementation under test (tasks, futures, handles...) are Objects defined
// by the interpreter template around the adapter's types.
#pragma once

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <limits>
#include <memory>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <variant>
#include <vector>

namespace asyncspec {

using json = nlohmann::json;

// A malformed IR document or an unsupported construct: the scenario's
// status is "error" (never a Python-level exception).
class IRError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// A run-level failure (unrenderable log value...): status "error".
class RunError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// ---- deferred destruction -----------------------------------------------
// Dropping the last reference to a deep value (a list nested 100 000 times,
// a chain of coroutine objects each holding the previous one) must not
// recurse once per level and overflow the stack: lists, tuples and objects
// are freed through a per-thread queue that only the outermost release
// drains. Make them with make_list / make_tuple / make_obj.
struct Releasable {
    virtual ~Releasable() = default;
    // Drops the references this object holds to other values (RunArena).
    virtual void break_refs() {}
};

// Every list and object a run makes, held weakly: at the end of the run, the
// ones still alive drop their references (break_refs), so reference cycles
// between values -- a list holding itself, a queue holding itself, a
// coroutine object in a list its own frame holds -- are freed, as CPython's
// collector frees them. Per thread: the run's thread, and a to_thread worker
// while it runs IR code.
class RunArena {
public:
    static RunArena*& current() noexcept {
        static thread_local RunArena* arena = nullptr;
        return arena;
    }
    void add(std::weak_ptr<Releasable> p) {
        if (live_.size() >= 2 * compacted_ + 1024) {  // amortised: drop the expired ones
            live_.erase(std::remove_if(live_.begin(), live_.end(), [](const auto& w) { return w.expired(); }),
                        live_.end());
            compacted_ = live_.size();
        }
        live_.push_back(std::move(p));
    }
    void break_all() {
        for (auto& w : live_)
            if (auto p = w.lock()) p->break_refs();
        live_.clear();
        compacted_ = 0;
    }
    // Makes `arena` this thread's current one for a scope.
    class Use {
    public:
        explicit Use(RunArena& arena) : prev_(std::exchange(current(), &arena)) {}
        ~Use() { current() = prev_; }
        Use(const Use&) = delete;
        Use& operator=(const Use&) = delete;

    private:
        RunArena* prev_;
    };

private:
    std::vector<std::weak_ptr<Releasable>> live_;
    std::size_t compacted_ = 0;
};

namespace detail {
inline void release_deferred(Releasable* p) noexcept {
    thread_local std::vector<Releasable*> queue;
    thread_local bool draining = false;
    queue.push_back(p);
    if (draining) return;
    draining = true;
    while (!queue.empty()) {
        Releasable* q = queue.back();
        queue.pop_back();
        delete q;  // releases its members: they join the queue
    }
    draining = false;
}
struct DeferredDelete {
    template <class T>
    void operator()(T* p) const noexcept {
        release_deferred(const_cast<std::remove_const_t<T>*>(p));
    }
};
}  // namespace detail

// std::make_shared for the value model's objects, with deferred destruction,
// registered with the current run's arena (immutable ones need not be).
template <class T, class... Args>
std::shared_ptr<T> make_obj(Args&&... args) {
    std::shared_ptr<T> p(new T(std::forward<Args>(args)...), detail::DeferredDelete{});
    if constexpr (!std::is_const_v<T>)
        if (RunArena* arena = RunArena::current()) arena->add(p);
    return p;
}

enum class Kind {
    exception,
    exc_class,
    type,
    function,
    log_function,
    api_ref,
    set,
    dict,
    dict_view,
    range,
    coroutine,
    loop,
    handle,
    future,
    task,
    cell,
    bound_method,
    builtin,
    user_class,
    native,  // other runtime objects (timeout contexts, TaskGroups, locks...)
};

struct Object : Releasable {
    virtual Kind kind() const = 0;
    // What `is` and `==` compare for runtime objects (a task wrapped twice is
    // still the same task).
    virtual const void* identity() const { return this; }
    virtual std::string type_name() const = 0;
};

struct NoneT {
    friend bool operator==(NoneT, NoneT) { return true; }
};
struct Unbound {};

struct List;
struct Tuple;
using ListRef = std::shared_ptr<List>;
using TupleRef = std::shared_ptr<const Tuple>;
using ObjRef = std::shared_ptr<Object>;
using StrRef = std::shared_ptr<const std::string>;

class Value {
public:
    using Storage = std::variant<Unbound, NoneT, bool, std::int64_t, double, StrRef, ListRef, TupleRef, ObjRef>;

    Value() : v_(NoneT{}) {}
    Value(NoneT) : v_(NoneT{}) {}
    Value(Unbound) : v_(Unbound{}) {}
    Value(bool b) : v_(b) {}
    Value(std::int64_t i) : v_(i) {}
    Value(int i) : v_(static_cast<std::int64_t>(i)) {}
    Value(double d) : v_(d) {}
    Value(std::string s) : v_(std::make_shared<const std::string>(std::move(s))) {}
    Value(const char* s) : Value(std::string(s)) {}
    Value(ListRef l) : v_(std::move(l)) {}
    Value(TupleRef t) : v_(std::move(t)) {}
    template <class O, class = std::enable_if_t<std::is_base_of_v<Object, O>>>
    Value(std::shared_ptr<O> o) : v_(ObjRef(std::move(o))) {}

    bool is_unbound() const { return std::holds_alternative<Unbound>(v_); }
    bool is_none() const { return std::holds_alternative<NoneT>(v_); }
    bool is_bool() const { return std::holds_alternative<bool>(v_); }
    bool is_int() const { return std::holds_alternative<std::int64_t>(v_); }  // not bool
    bool is_float() const { return std::holds_alternative<double>(v_); }
    bool is_number() const { return is_bool() || is_int() || is_float(); }
    bool is_intlike() const { return is_bool() || is_int(); }
    bool is_str() const { return std::holds_alternative<StrRef>(v_); }
    bool is_list() const { return std::holds_alternative<ListRef>(v_); }
    bool is_tuple() const { return std::holds_alternative<TupleRef>(v_); }
    bool is_object() const { return std::holds_alternative<ObjRef>(v_); }
    bool is(Kind k) const { return is_object() && obj()->kind() == k; }

    bool as_bool() const { return std::get<bool>(v_); }
    std::int64_t as_int() const { return is_bool() ? (as_bool() ? 1 : 0) : std::get<std::int64_t>(v_); }
    double as_float() const { return is_float() ? std::get<double>(v_) : static_cast<double>(as_int()); }
    const std::string& str() const { return *std::get<StrRef>(v_); }
    const ListRef& list() const { return std::get<ListRef>(v_); }
    const TupleRef& tuple() const { return std::get<TupleRef>(v_); }
    const ObjRef& obj() const { return std::get<ObjRef>(v_); }
    template <class O>
    std::shared_ptr<O> as() const {
        return std::static_pointer_cast<O>(obj());
    }
    const Storage& storage() const { return v_; }

private:
    Storage v_;
};

struct List : Releasable {
    explicit List(std::vector<Value> v) : items(std::move(v)) {}
    std::vector<Value> items;
    void break_refs() override { std::vector<Value>().swap(items); }
};
struct Tuple : Releasable {
    explicit Tuple(std::vector<Value> v) : items(std::move(v)) {}
    std::vector<Value> items;
};

inline Value make_list(std::vector<Value> items = {}) { return Value(make_obj<List>(std::move(items))); }
inline Value make_tuple(std::vector<Value> items = {}) {
    return Value(TupleRef(make_obj<const Tuple>(std::move(items))));
}

// ---- exception classes ------------------------------------------------------

struct ClassInfo {
    std::string name;
    std::vector<int> bases;
    std::string origin;  // builtin | asyncio | scenario
    int line = 0;
    const json* def = nullptr;  // the IR entry (a scenario class's methods and attrs)
};

// The document's class table (IR.md, "classes"): isinstance walks bases.
class ClassTable {
public:
    void load(const json& classes) {
        for (const auto& c : classes) {
            ClassInfo info;
            info.def = &c;
            info.name = c.at("name").get<std::string>();
            info.origin = c.at("origin").get<std::string>();
            auto line = c.find("line");  // get<int> of a float is undefined behaviour
            if (line != c.end() && line->is_number_integer() && !line->is_number_unsigned())
                info.line = static_cast<int>(std::clamp<std::int64_t>(line->get<std::int64_t>(), 0, 1 << 30));
            if (!c.at("bases").is_array()) throw IRError("class " + info.name + ": bases is not a list");
            for (const auto& b : c.at("bases")) {
                auto it = index_.find(b.get<std::string>());
                if (it == index_.end()) throw IRError("class " + info.name + ": unknown base " + b.get<std::string>());
                info.bases.push_back(it->second);
            }
            index_[info.name] = static_cast<int>(classes_.size());
            classes_.push_back(std::move(info));
        }
        cache_.assign(classes_.size() * classes_.size(), -1);
    }
    int find(std::string_view name) const {
        auto it = index_.find(std::string(name));
        return it == index_.end() ? -1 : it->second;
    }
    int at(std::string_view name) const {
        int i = find(name);
        if (i < 0) throw IRError("unknown class " + std::string(name));
        return i;
    }
    const ClassInfo& info(int i) const { return classes_.at(static_cast<std::size_t>(i)); }
    const std::string& name(int i) const { return info(i).name; }
    std::size_t size() const { return classes_.size(); }
    // issubclass(a, b)
    bool is_subclass(int a, int b) const {
        if (a == b) return true;
        int& c = cache_[static_cast<std::size_t>(a) * classes_.size() + static_cast<std::size_t>(b)];
        if (c < 0) {
            c = 0;
            for (int base : info(a).bases)
                if (is_subclass(base, b)) {
                    c = 1;
                    break;
                }
        }
        return c == 1;
    }
    bool is_subclass(int a, std::string_view b) const {
        int bi = find(b);
        return bi >= 0 && is_subclass(a, bi);
    }

private:
    std::vector<ClassInfo> classes_;
    std::unordered_map<std::string, int> index_;
    mutable std::vector<int> cache_;
};

// An exception value. `native` is the implementation-side exception object
// standing for it (thrown into / out of the implementation); the interpreter
// keeps the two in one-to-one correspondence so identity survives round trips.
struct ExcObj final : Object, std::enable_shared_from_this<ExcObj> {
    int cls = 0;
    std::string class_name;
    std::vector<std::string> ancestors;  // the class and all its bases (isinstance by name)
    std::vector<Value> args;
    std::shared_ptr<ExcObj> cause;
    std::shared_ptr<ExcObj> context;
    // Exception groups.
    bool is_group = false;
    std::string message;
    std::vector<std::shared_ptr<ExcObj>> members;
    std::exception_ptr native;
    std::vector<std::pair<std::string, Value>> attrs;  // set by a scenario class's methods (self.code = ...)

    void break_refs() override { attrs.clear(); }

    Kind kind() const override { return Kind::exception; }
    std::string type_name() const override { return class_name; }
    bool isinstance(std::string_view name) const {
        for (const auto& a : ancestors)
            if (a == name) return true;
        return false;
    }
};
using ExcRef = std::shared_ptr<ExcObj>;

// Mixed into the native exception types an adapter throws for interpreter
// exceptions, so the interpreter finds its ExcObj again (identity).
struct ScriptExceptionTag {
    ExcObj* script_exception = nullptr;
    virtual ~ScriptExceptionTag() = default;
};

// The default native form of an interpreter exception (adapters map
// cancellation and the classes their implementation catches to their own
// exception types instead).
struct ScriptException : std::exception, ScriptExceptionTag {
    std::string name;
    const char* what() const noexcept override { return name.c_str(); }
};

struct ClassObj final : Object {
    int cls;
    explicit ClassObj(int c) : cls(c) {}
    Kind kind() const override { return Kind::exc_class; }
    std::string type_name() const override { return "type"; }
};

struct TypeObj final : Object {
    std::string name;  // int float str bool list tuple
    explicit TypeObj(std::string n) : name(std::move(n)) {}
    Kind kind() const override { return Kind::type; }
    std::string type_name() const override { return "type"; }
};

// A function value: a module-level function (one stable identity: its IR
// function), or a closure of a nested one (each a distinct object) with the
// cells it captured and its default values (IR.md "closure").
struct FunctionObj final : Object {
    const json* fn;
    std::string name;
    bool is_async;
    bool is_closure = false;
    std::vector<Value> captures;  // cells
    std::vector<Value> defaults;  // for the last positional parameters
    std::vector<std::pair<std::string, Value>> kwdefaults;  // keyword-only parameters
    FunctionObj(const json* f, std::string n, bool a) : fn(f), name(std::move(n)), is_async(a) {}
    Kind kind() const override { return Kind::function; }
    const void* identity() const override { return is_closure ? static_cast<const void*>(this) : fn; }
    std::string type_name() const override { return "function"; }
    void break_refs() override {
        captures.clear();
        defaults.clear();
        kwdefaults.clear();
    }
};

// A bound method as a value (IR.md "method_ref"): calling it calls the
// method; two are equal when they bind the same object and method name.
struct BoundMethodObj final : Object {
    Value self;
    std::string method;
    BoundMethodObj(Value s, std::string m) : self(std::move(s)), method(std::move(m)) {}
    Kind kind() const override { return Kind::bound_method; }
    std::string type_name() const override { return "method"; }
    void break_refs() override { self = Value(); }
};

// A variable shared by a function and the functions nested in it (IR.md
// "deref"); only frame slots hold cells.
struct CellObj final : Object {
    Value value;
    explicit CellObj(Value v) : value(std::move(v)) {}
    Kind kind() const override { return Kind::cell; }
    std::string type_name() const override { return "cell"; }
    void break_refs() override { value = Value(); }
};

// A builtin function as a value (IR.md "builtin_ref"): sorted(xs, key=len).
struct BuiltinObj final : Object {
    std::string name;
    explicit BuiltinObj(std::string n) : name(std::move(n)) {}
    Kind kind() const override { return Kind::builtin; }
    std::string type_name() const override { return "builtin_function_or_method"; }
};

struct LogFunctionObj final : Object {
    Kind kind() const override { return Kind::log_function; }
    std::string type_name() const override { return "builtin_function_or_method"; }
};

// api_ref: asyncio names used as values (asyncio.Task, eager_task_factory,
// FIRST_COMPLETED... ; the constants compare as Python's strings).
struct ApiRefObj final : Object {
    std::string api;  // without "asyncio."
    explicit ApiRefObj(std::string a) : api(std::move(a)) {}
    Kind kind() const override { return Kind::api_ref; }
    std::string type_name() const override { return "api"; }
};

struct SetObj final : Object {
    std::vector<Value> items;
    void break_refs() override { std::vector<Value>().swap(items); }
    Kind kind() const override { return Kind::set; }
    std::string type_name() const override { return "set"; }
};

// A dict: insertion-ordered (key, value) pairs (interp_containers.hpp).
struct DictObj final : Object {
    std::vector<std::pair<Value, Value>> items;
    void break_refs() override { std::vector<std::pair<Value, Value>>().swap(items); }
    Kind kind() const override { return Kind::dict; }
    std::string type_name() const override { return "dict"; }
};

// d.keys(), d.values(), d.items(): live views of a dict (iterated, sized and
// searched as the dict is at that moment; not renderable, as in CPython).
struct DictViewObj final : Object {
    enum class Of { keys, values, items } of;
    std::shared_ptr<DictObj> dict;
    DictViewObj(Of o, std::shared_ptr<DictObj> d) : of(o), dict(std::move(d)) {}
    void break_refs() override { dict.reset(); }
    Kind kind() const override { return Kind::dict_view; }
    std::string type_name() const override {
        return of == Of::keys ? "dict_keys" : of == Of::values ? "dict_values" : "dict_items";
    }
    std::vector<Value> snapshot() const {
        std::vector<Value> out;
        if (!dict) return out;
        for (const auto& [k, v] : dict->items)
            out.push_back(of == Of::keys ? k : of == Of::values ? v : make_tuple(std::vector<Value>{k, v}));
        return out;
    }
};

struct RangeObj final : Object {
    std::int64_t start, stop, step;
    RangeObj(std::int64_t a, std::int64_t b, std::int64_t s) : start(a), stop(b), step(s) {}
    // Unsigned (modular) arithmetic: stop - start and i * step overflow
    // int64 (range(-2**63, 2**63 - 1)); the true results fit.
    using U = std::uint64_t;
    U span() const {  // |stop - start| when the range is not empty, else 0
        if (step > 0) return start < stop ? U(stop) - U(start) : 0;
        return start > stop ? U(start) - U(stop) : 0;
    }
    U abs_step() const { return step > 0 ? U(step) : U(0) - U(step); }
    std::int64_t size() const {
        U d = span();
        U n = d == 0 ? 0 : (d - 1) / abs_step() + 1;
        return n > U(std::numeric_limits<std::int64_t>::max()) ? std::numeric_limits<std::int64_t>::max()
                                                               : static_cast<std::int64_t>(n);
    }
    std::int64_t at(std::int64_t i) const { return static_cast<std::int64_t>(U(start) + U(i) * U(step)); }
    // `x in range`: arithmetic, not a scan.
    bool contains(std::int64_t x) const {
        if (step > 0 ? (x < start || x >= stop) : (x > start || x <= stop)) return false;
        U d = step > 0 ? U(x) - U(start) : U(start) - U(x);
        return d % abs_step() == 0;
    }
    Kind kind() const override { return Kind::range; }
    std::string type_name() const override { return "range"; }
};

// Whether a JSON document nests deeper than `max` levels (iterative: the
// check itself never recurses). Code that recurses over a document calls it
// first.
inline bool json_deeper_than(const json& doc, int max) {
    std::vector<std::pair<const json*, int>> todo{{&doc, 1}};
    while (!todo.empty()) {
        auto [j, d] = todo.back();
        todo.pop_back();
        if (d > max) return true;
        if (j->is_structured())
            for (const auto& c : *j) todo.emplace_back(&c, d + 1);
    }
    return false;
}

// ---- Python-compatible text -------------------------------------------------

// repr(float): shortest round-trip digits, exponent form outside 1e-4..1e16.
inline std::string float_repr(double x) {
    if (std::isnan(x)) return "nan";
    if (std::isinf(x)) return x > 0 ? "inf" : "-inf";
    if (x == 0) return std::signbit(x) ? "-0.0" : "0.0";
    char buf[64];
    auto res = std::to_chars(buf, buf + sizeof buf, x, std::chars_format::scientific);
    std::string s(buf, res.ptr);
    bool neg = s[0] == '-';
    if (neg) s.erase(0, 1);
    auto epos = s.find('e');
    std::string mant = s.substr(0, epos);
    int exp = std::atoi(s.c_str() + epos + 1);
    std::string digits;
    for (char c : mant)
        if (c != '.') digits += c;
    while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
    std::string out;
    if (exp >= -4 && exp < 16) {  // Python's repr: fixed notation in this range
        if (exp >= 0) {
            std::string intpart, frac;
            if (static_cast<int>(digits.size()) <= exp + 1) {
                intpart = digits + std::string(static_cast<std::size_t>(exp + 1) - digits.size(), '0');
                frac = "0";
            } else {
                intpart = digits.substr(0, static_cast<std::size_t>(exp + 1));
                frac = digits.substr(static_cast<std::size_t>(exp + 1));
            }
            out = intpart + "." + frac;
        } else {
            out = "0." + std::string(static_cast<std::size_t>(-exp - 1), '0') + digits;
        }
        return (neg ? "-" : "") + out;
    }
    out = digits.substr(0, 1);
    if (digits.size() > 1) out += "." + digits.substr(1);
    char eb[16];
    std::snprintf(eb, sizeof eb, "e%c%02d", exp < 0 ? '-' : '+', exp < 0 ? -exp : exp);
    return (neg ? "-" : "") + out + eb;
}

// round(x, 9) as Python does it (correctly rounded decimal).
inline double round9(double x) {
    if (!std::isfinite(x)) return x;
    char buf[400];  // %.9f of 1e308: 309 digits, the point, 9 decimals
    std::snprintf(buf, sizeof buf, "%.9f", x);
    return std::strtod(buf, nullptr);
}

// JSON text as Python's json.dumps(sort_keys=True) writes it (NaN, Infinity,
// floats with a fraction or exponent), so protocol lines parse identically.
inline void dump_python_json(const json& j, std::string& out) {
    switch (j.type()) {
        case json::value_t::object: {
            out += '{';
            bool first = true;
            for (auto it = j.begin(); it != j.end(); ++it) {  // nlohmann objects are key-sorted
                if (!first) out += ", ";
                first = false;
                out += json(it.key()).dump(-1, ' ', false, json::error_handler_t::replace);
                out += ": ";
                dump_python_json(it.value(), out);
            }
            out += '}';
            break;
        }
        case json::value_t::array: {
            out += '[';
            bool first = true;
            for (const auto& e : j) {
                if (!first) out += ", ";
                first = false;
                dump_python_json(e, out);
            }
            out += ']';
            break;
        }
        case json::value_t::number_float: {
            double d = j.get<double>();
            if (std::isnan(d))
                out += "NaN";
            else if (std::isinf(d))
                out += d > 0 ? "Infinity" : "-Infinity";
            else
                out += float_repr(d);
            break;
        }
        default:
            out += j.dump(-1, ' ', false, json::error_handler_t::replace);
    }
}
inline std::string dump_python_json(const json& j) {
    std::string s;
    dump_python_json(j, s);
    return s;
}

}  // namespace asyncspec
