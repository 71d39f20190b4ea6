// The IR interpreter (spec/IR.md), a template over an adapter (adapter.hpp).
//
// A tree walker over the IR's JSON: every IR function becomes an Eval
// coroutine; statements and expressions are Eval coroutines too, so an
// `await` node suspends the enclosing task of the implementation exactly
// where the source would, and nothing else ever suspends. The model is
// spec/harness/ir_interp.py (the same interpreter on CPython's asyncio).
//
//     auto result = asyncspec::Interpreter<MyAdapter>::run(ir_json);
//     result.status  // "ok" | "error" | "hang" | "crash"
//     result.trace   // the trace (IR.md "Trace"), including the end event
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <exception>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "asyncspec/adapter.hpp"
#include "asyncspec/eval.hpp"
#include "asyncspec/interp_sync.hpp"
#include "asyncspec/value.hpp"

namespace asyncspec {

inline constexpr int kIRVersion = 1;

// Shapes an IR document may have (checked before a run; beyond them it is
// malformed, status "error"): JSON nesting, exception classes, frame slots.
inline constexpr int kMaxIRDepth = 256;
inline constexpr std::size_t kMaxClasses = 1000;
inline constexpr std::int64_t kMaxLocals = 10000;

// Feature-family extensions of the interpreter (interp_<family>.hpp): class
// templates over the interpreter, befriended, whose static hooks are called
// from call_api / call_method / `except*`. Runtime objects of a family derive
// from Interpreter::NativeObj (methods, attributes, `async with`, `async for`).
template <class I>
struct CombinatorsExt;

// The interpreter's own work in one run: IR nodes evaluated, where building,
// copying, comparing or scanning n items costs n more, so the step budget
// bounds time and memory alike. Beyond it the run is HANG ("step limit
// reached (interpreter steps)"), whatever the loop's RunLimits.
struct InterpreterLimits {
    std::uint64_t max_steps = 20'000'000;
};

struct RunResult {
    std::string status = "ok";  // ok | error | hang | crash
    json trace = json::array();
    std::string error;
    std::vector<std::string> loop_errors;
    std::uint64_t steps = 0;  // of the step budget (InterpreterLimits)
};

template <Adapter A>
class Interpreter {
public:
    // Runs one scenario's IR on a fresh adapter (a fresh loop).
    static RunResult run(const json& ir, const RunLimits& limits = {}, const InterpreterLimits& ilimits = {}) {
        RunResult out;
        StackMark mark;
        auto interp = std::make_unique<Interpreter>(ir);
        RunArena::Use arena(interp->arena_);
        interp->max_steps_ = ilimits.max_steps;
        interp->execute(limits, out);
        interp->teardown();
        out.steps = interp->steps_;
        return out;
    }

    explicit Interpreter(const json& ir) : ir_(ir) {}

    using adapter_type = A;
    template <class>
    friend struct CombinatorsExt;
    template <class>
    friend struct SyncExt;

    // ---------------------------------------------------------------- objects
    using task_type = typename A::task_type;
    using future_type = typename A::future_type;
    using handle_type = typename A::handle_type;

    struct TaskObj final : Object {
        task_type t;
        const void* id;
        TaskObj(task_type task, const void* i) : t(std::move(task)), id(i) {}
        Kind kind() const override { return Kind::task; }
        const void* identity() const override { return id; }
        std::string type_name() const override { return "Task"; }
    };
    struct FutureObj final : Object {
        future_type f;
        const void* id;
        FutureObj(future_type fut, const void* i) : f(std::move(fut)), id(i) {}
        Kind kind() const override { return Kind::future; }
        const void* identity() const override { return id; }
        std::string type_name() const override { return "Future"; }
    };
    struct HandleObj final : Object {
        handle_type h;
        bool timer;
        HandleObj(handle_type handle, bool is_timer) : h(std::move(handle)), timer(is_timer) {}
        Kind kind() const override { return Kind::handle; }
        std::string type_name() const override { return timer ? "TimerHandle" : "Handle"; }
    };
    struct LoopObj final : Object {
        Kind kind() const override { return Kind::loop; }
        std::string type_name() const override { return "EventLoop"; }
    };
    struct Handled {
        ExcRef exc;
        Handled* prev;
    };
    // Where a coroutine object's handled-exception chain continues: the
    // awaiter's (inline await) or nothing (a task's root).
    struct CallCtx {
        Handled* inherited = nullptr;
    };
    struct CoroObj final : Object {
        Eval<Value> body;
        std::shared_ptr<CallCtx> ctx;
        bool consumed = false;
        std::string name;
        void break_refs() override {
            Eval<Value> frame = std::move(body);  // never awaited: its frame holds the arguments
        }
        Kind kind() const override { return Kind::coroutine; }
        std::string type_name() const override { return "coroutine"; }
    };

private:
    struct Frame {
        std::vector<Value> slots;
        const json* fn = nullptr;
        Handled* top = nullptr;
        bool is_sync = false;  // a `def`'s frame: it never suspends
    };
    enum class Sig { normal, ret, brk, cont };
    struct Signal {
        Sig kind = Sig::normal;
        Value value;
    };
    struct Args {
        std::vector<Value> pos;
        std::vector<std::pair<std::string, Value>> kw;
    };

    // Runtime objects of the feature families (timeout contexts, TaskGroups,
    // as_completed iterators, locks, queues...): the interpreter dispatches
    // methods, attributes, `async with` and `async for`/`for` through these
    // virtuals (the per-kind hooks). Defaults: the object lacks it.
    struct NativeObj : Object {
        Kind kind() const override { return Kind::native; }
        virtual std::optional<Value> method(Interpreter&, const std::string&, Args&, Frame&) { return std::nullopt; }
        virtual std::optional<Value> attribute(Interpreter&, const std::string&, Frame&) { return std::nullopt; }
        // `async with`: is_async_cm() true, then aenter (the target value) and
        // aexit(exception or nullptr) -> true to suppress it (or raises).
        virtual bool is_async_cm() const { return false; }
        virtual Eval<Value> aenter(Interpreter&, Frame&) { throw IRError("aenter of a non context manager"); }
        virtual Eval<bool> aexit(Interpreter&, std::exception_ptr, Frame&) {
            throw IRError("aexit of a non context manager");
        }
        // `async for`: is_async_iter() true, then anext until nullopt
        // (StopAsyncIteration).
        virtual bool is_async_iter() const { return false; }
        virtual Eval<std::optional<Value>> anext(Interpreter&, Frame&) { throw IRError("anext of a non iterator"); }
        // `for` / iteration: the items, or nullopt when not iterable.
        virtual std::optional<std::vector<Value>> items(Interpreter&, Frame&) { return std::nullopt; }
    };
    static NativeObj* native(const Value& v) {
        return v.is(Kind::native) ? static_cast<NativeObj*>(v.obj().get()) : nullptr;
    }

    // ------------------------------------------------------------------ state
    // The adapter is declared first: destroyed last, after every Value that
    // refers to its tasks and futures.
    RunArena arena_;  // what the run made, for breaking cycles at its end (value.hpp)
    SyncState sync_;  // interp_sync.hpp: the global lock (threads); outlives the adapter
    std::optional<A> a_;
    const json& ir_;
    ClassTable classes_;
    std::unordered_map<std::string, const json*> functions_;
    std::unordered_map<std::string, Value> globals_;
    std::vector<ExcRef> exceptions_;                   // every exception of the run
    std::unordered_map<const void*, ExcRef> natives_;  // native identity -> ExcObj
    std::vector<Value> keepalive_;                     // objects captured by callbacks
    std::vector<future_type> futures_;                 // every future the program saw
    std::unordered_set<const void*> futures_seen_;
    std::shared_ptr<LoopObj> loop_obj_ = make_obj<LoopObj>();
    std::shared_ptr<LogFunctionObj> log_fn_ = make_obj<LogFunctionObj>();
    json* trace_ = nullptr;
    bool trace_open_ = false;
    std::string fatal_;  // a run-level error (status "error")
    std::string crash_;  // a foreign exception (status "crash")
    std::string hang_;   // the step budget ran out (status "hang")
    bool stop_ = false;  // one of the three happened: IR code raises RunError from now on
    std::uint64_t steps_ = 0;
    std::uint64_t max_steps_ = InterpreterLimits{}.max_steps;
    bool shut_down_ = false;
    std::vector<Eval<Value>> zombies_;  // sync bodies that suspended: freed after the loop
    std::vector<std::string>* loop_errors_ = nullptr;
    std::int64_t task_base_ = 0;

    A& a() { return *a_; }

    // --------------------------------------------------------------- running
    void execute(const RunLimits& limits, RunResult& out) {
        trace_ = &out.trace;
        loop_errors_ = &out.loop_errors;
        try {
            load();
            a_.emplace();
            SyncExt<Interpreter>::start(*this);
            if constexpr (has_task_number_base<A>) task_base_ = a().task_number_base();
            if constexpr (has_exception_handler<A>)
                a().set_exception_handler([this](std::string msg) { loop_errors_->push_back(std::move(msg)); });
            run_main(limits, out);
        } catch (const IRError& e) {
            note_fatal(std::string("IRError: ") + e.what());
        } catch (const json::exception& e) {
            note_fatal(std::string("IRError: malformed IR: ") + e.what());
        } catch (const RunError& e) {
            note_fatal(e.what());
        } catch (const std::exception& e) {
            note_crash(std::string("C++ exception: ") + e.what());
        } catch (...) {
            note_crash("unknown C++ exception");
        }
        // asyncio.run's cleanup also after an error: the tasks left hold
        // frames (reference cycles through the loop otherwise).
        shutdown_quietly();
        trace_open_ = false;
        if (!fatal_.empty()) {
            out.status = "error";
            out.error = fatal_;
        } else if (!crash_.empty()) {
            out.status = "crash";
            out.error = crash_;
        } else if (!hang_.empty()) {
            out.status = "hang";
            out.error = hang_;
        }
        // A hang keeps the events before it (the differential tester compares
        // them when both sides deadlocked); errors and crashes keep none.
        if (out.status != "ok" && out.status != "hang") out.trace = json::array();
    }

    // The first error, crash or hang of the run decides its status; IR code
    // stops at its next step (RunError), so the run winds down quickly.
    void note_fatal(std::string message) {
        if (fatal_.empty() && crash_.empty() && hang_.empty()) fatal_ = std::move(message);
        stop_ = true;
    }
    void note_crash(std::string message) {
        if (fatal_.empty() && crash_.empty() && hang_.empty()) crash_ = std::move(message);
        stop_ = true;
    }
    [[noreturn]] void stop_run() {
        stop_ = true;
        throw RunError(!fatal_.empty() ? fatal_ : !crash_.empty() ? crash_ : hang_);
    }
    // One unit of the step budget per IR node, `cost` for work on n items.
    void step(std::uint64_t cost = 1) {
        steps_ += cost;
        if (steps_ > max_steps_ && !stop_) {
            if (fatal_.empty() && crash_.empty() && hang_.empty())
                hang_ = "step limit reached (" + std::to_string(max_steps_) + " interpreter steps)";
            stop_ = true;
        }
        if (stop_) stop_run();
    }
    // Python's RecursionError past the stack budget (eval.hpp).
    void check_stack(Frame* fr) {
        if (stack_used() > kStackRecursionLimit) raise_new("RecursionError", "maximum recursion depth exceeded", fr);
    }

    void run_main(const RunLimits& limits, RunResult& out) {
        const std::string main_name = ir_.value("main", std::string("main"));
        auto it = functions_.find(main_name);
        if (it == functions_.end()) throw IRError("no function " + main_name);
        if (!it->second->at("is_async").template get<bool>() || !it->second->at("params").empty())
            throw IRError("main must be an async function without parameters");
        Value coro = call_function(*it->second, Args{}, nullptr);
        if (!coro.is(Kind::coroutine)) throw IRError("main() did not make a coroutine");
        auto c = coro.as<CoroObj>();
        c->consumed = true;
        // IR.md "Execution model": Task(main(), name="main").
        task_type main_task = a().create_task(main_wrapper(std::move(c->body)), std::string("main"));
        trace_open_ = true;
        RunStatus st;
        try {
            st = a().run_until_complete(main_task, limits);
        } catch (...) {
            if (!a().done(main_task)) throw;
            st = RunStatus::complete;  // KeyboardInterrupt/SystemExit leaving the loop
        }
        if (stop_) return;
        if (st != RunStatus::complete) {
            trace_open_ = false;
            out.status = "hang";
            out.error = st == RunStatus::step_limit   ? "step limit reached (loop iterations)"
                        : st == RunStatus::time_limit ? "virtual time limit reached"
                                                      : "the loop has nothing to do and main is not done";
            return;
        }
        if (trace_open_) fatal("main finished without an end event");
    }

    // IR.md "Execution model": the trace ends when main's coroutine returns
    // or raises (the end event is stamped then); later logs are dropped.
    Eval<Value> main_wrapper(Eval<Value> body) {
        std::exception_ptr err;
        Value result;
        try {
            result = co_await std::move(body);
        } catch (...) {
            err = std::current_exception();
        }
        if (err) {
            ExcRef x = from_native(err);
            if (x) {
                json exc = render(Value(x));
                end_event("raise", "exc", std::move(exc));
            }
            std::rethrow_exception(err);
        }
        json value = render(result);
        end_event("return", "value", std::move(value));
        co_return result;
    }

    void end_event(const char* kind, const char* key, json value) {
        if (!trace_open_) return;
        trace_open_ = false;
        json end;
        end["t"] = round9(a().time());
        end["end"] = kind;
        end[key] = std::move(value);
        trace_->push_back(std::move(end));
    }

    // asyncio.run's cleanup (once); nothing it does is part of the trace or
    // status. The tasks left run under what is left of the step budget.
    void shutdown_quietly() {
        if (!a_ || shut_down_) return;
        shut_down_ = true;
        std::string fatal = fatal_, crash = crash_, hang = hang_;
        // A future left pending holds its done callbacks, which may hold it
        // (the reference's do: a cycle CPython's GC would collect): cancelled
        // first, its callbacks are scheduled, then run or dropped with the loop.
        for (auto& f : futures_) {
            try {
                if (!a().done(f)) a().cancel(f, std::nullopt);
            } catch (...) {
            }
        }
        // With no task left, _cancel_all_tasks does nothing and asyncio.run
        // runs the loop for shutdown_asyncgens(): callbacks already scheduled
        // run (and free what they hold, e.g. as_completed's timeout handle).
        try {
            if (a().all_tasks().empty()) {
                RunLimits few;
                few.max_iterations = 100;
                a().run_until_complete(a().create_task(nothing(), std::string("shutdown_asyncgens")), few);
            }
        } catch (...) {
        }
        try {
            a().shutdown();
        } catch (...) {
        }
        fatal_ = std::move(fatal);
        crash_ = std::move(crash);
        hang_ = std::move(hang);
    }

    static Eval<Value> nothing() { co_return Value(); }

    // Break reference cycles between exception values, then drop the loop.
    void teardown() {
        futures_.clear();
        if constexpr (has_break_cycles<A>)
            if (a_) a().break_cycles();
        globals_.clear();
        sync_.release();  // the adapter joins its threads, which may wait for the lock
        a_.reset();
        zombies_.clear();
        keepalive_.clear();
        arena_.break_all();
        for (auto& x : exceptions_) {
            x->cause.reset();
            x->context.reset();
            x->members.clear();
            x->args.clear();
        }
        natives_.clear();
        for (auto& x : exceptions_) x->native = nullptr;
        exceptions_.clear();
    }

    // ------------------------------------------------------------ validation
    // A malformed document ends in IRError before anything runs: its nesting
    // (recursion over it stays shallow), and the tables read once and then
    // trusted (classes, functions and their parameters, globals). Nodes are
    // checked where they run: a missing or mistyped field there is a JSON
    // exception, reported as malformed IR.
    static void check_depth(const json& doc) {
        if (json_deeper_than(doc, kMaxIRDepth))
            throw IRError("IR nested deeper than " + std::to_string(kMaxIRDepth) + " levels");
    }
    static const json& field(const json& obj, const char* key, json::value_t type, const std::string& where) {
        if (!obj.is_object()) throw IRError(where + " is not a JSON object");
        auto it = obj.find(key);
        if (it == obj.end()) throw IRError(where + " has no " + key);
        bool ok = type == json::value_t::number_integer ? it->is_number_integer() : it->type() == type;
        if (!ok) throw IRError(where + ": " + key + " has the wrong type (" + it->type_name() + ")");
        return *it;
    }
    // A JSON integer within [lo, hi] (nlohmann's get<> of a float or an
    // out-of-range number is undefined behaviour).
    static std::int64_t int_in(const json& j, std::int64_t lo, std::int64_t hi, const std::string& what) {
        if (!j.is_number_integer() || (j.is_number_unsigned() && j.get<std::uint64_t>() > std::uint64_t(hi)) ||
            j.get<std::int64_t>() < lo || j.get<std::int64_t>() > hi)
            throw IRError(what + " must be an integer in " + std::to_string(lo) + ".." + std::to_string(hi) + ", not " +
                          j.dump());
        return j.get<std::int64_t>();
    }
    // The optional `line` of a node (0: none).
    static int line_of(const json& node) {
        auto it = node.find("line");
        if (it == node.end() || !it->is_number_integer() || it->is_number_unsigned()) return 0;
        std::int64_t l = it->get<std::int64_t>();
        return l > 0 && l <= std::numeric_limits<int>::max() ? static_cast<int>(l) : 0;
    }
    // Slot `node.slot` of the frame (IRError when out of range).
    static Value& slot_of(Frame& fr, const json& node) {
        return fr.slots[static_cast<std::size_t>(
            int_in(node.at("slot"), 0, static_cast<std::int64_t>(fr.slots.size()) - 1, "local slot"))];
    }

    void load() {
        if (!ir_.is_object()) throw IRError("the IR document is not a JSON object");
        auto version = ir_.find("ir_version");
        if (version == ir_.end() || !version->is_number_integer() || *version != kIRVersion)
            throw IRError("unsupported ir_version " +
                          (version == ir_.end() ? std::string("(missing)") : version->dump()));
        check_depth(ir_);
        const json& classes = field(ir_, "classes", json::value_t::array, "the IR document");
        if (classes.size() > kMaxClasses)
            throw IRError("more than " + std::to_string(kMaxClasses) + " exception classes");
        classes_.load(classes);
        for (const auto& f : field(ir_, "functions", json::value_t::array, "the IR document")) {
            const std::string where = "function " + f.value("name", std::string("?"));
            const std::string& name = field(f, "name", json::value_t::string, where).get_ref<const std::string&>();
            field(f, "is_async", json::value_t::boolean, where);
            field(f, "body", json::value_t::array, where);
            std::int64_t nlocals =
                int_in(field(f, "nlocals", json::value_t::number_integer, where), 0, kMaxLocals, where + ": nlocals");
            for (const auto& p : field(f, "params", json::value_t::array, where)) {
                field(p, "name", json::value_t::string, where + ": a parameter");
                int_in(field(p, "slot", json::value_t::number_integer, where + ": a parameter"), 0, nlocals - 1,
                       where + ": a parameter's slot");
                if (p.contains("default")) const_value(p.at("default"));
            }
            functions_[name] = &f;
        }
        for (const auto& g : field(ir_, "globals", json::value_t::array, "the IR document"))
            globals_[field(g, "name", json::value_t::string, "a global").get<std::string>()] =
                const_eval(g.at("value"));
        if (ir_.contains("main")) field(ir_, "main", json::value_t::string, "the IR document");
    }

    Value const_value(const json& e) {
        const std::string& type = e.at("type").get_ref<const std::string&>();
        const json& v = e.at("value");
        if (type == "none") return Value();
        if (type == "bool") return Value(v.get<bool>());
        if (type == "int")
            return Value(int_in(v, std::numeric_limits<std::int64_t>::min(), std::numeric_limits<std::int64_t>::max(),
                                "an int constant"));
        if (type == "float") {
            if (!v.is_number()) throw IRError("a float constant must be a number, not " + v.dump());
            return Value(v.get<double>());
        }
        if (type == "str") return Value(v.get<std::string>());
        throw IRError("bad const type " + type);
    }
    Value const_eval(const json& e) {  // recursion: as deep as the document (check_depth)
        const std::string& op = e.at("op").get_ref<const std::string&>();
        if (op == "const") return const_value(e);
        std::vector<Value> items;
        for (const auto& x : e.at("items")) items.push_back(const_eval(x));
        if (op == "list") return make_list(std::move(items));
        if (op == "tuple") return make_tuple(std::move(items));
        throw IRError("bad global initialiser " + op);
    }

    // ------------------------------------------------------------ exceptions
    ExcRef new_exception(int cls, std::vector<Value> args) {
        auto x = make_obj<ExcObj>();
        x->cls = cls;
        x->class_name = classes_.name(cls);
        for (std::size_t i = 0; i < classes_.size(); ++i)
            if (classes_.is_subclass(cls, static_cast<int>(i)))
                x->ancestors.push_back(classes_.name(static_cast<int>(i)));
        x->args = std::move(args);
        exceptions_.push_back(x);
        return x;
    }
    ExcRef new_exception(std::string_view cls, std::string message) {
        std::vector<Value> args;
        args.emplace_back(std::move(message));
        return new_exception(classes_.at(cls), std::move(args));
    }

    // IR.md "raise", Context: X.__context__ = the exception being handled,
    // cutting a cycle through X (CPython's _PyErr_SetObject).
    void set_context(const ExcRef& x, Handled* top) {
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
        if (x->native) CombinatorsExt<Interpreter>::links_to_native(*this, *x);
    }

    [[noreturn]] void throw_exc(const ExcRef& x) {
        if (!x->native) x->native = a().make_exception(*x);
        CombinatorsExt<Interpreter>::links_to_native(*this, *x);
        std::rethrow_exception(x->native);
    }
    [[noreturn]] void raise_new(std::string_view cls, std::string message, Frame* fr) {
        ExcRef x = new_exception(cls, std::move(message));
        if (fr) set_context(x, fr->top);
        throw_exc(x);
    }
    [[noreturn]] void fatal(std::string message) {
        note_fatal(message);
        throw RunError(std::move(message));
    }

    // The ExcObj of a native exception; nullptr when it is not a Python
    // exception at all (an interpreter error, a foreign C++ exception).
    ExcRef from_native(const std::exception_ptr& e) {
        if (!e) return nullptr;
        try {
            std::rethrow_exception(e);
        } catch (const ScriptExceptionTag& tag) {
            if (tag.script_exception) {
                ExcRef x = tag.script_exception->shared_from_this();
                CombinatorsExt<Interpreter>::links_from_native(*this, *x);
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
    [[noreturn]] void reraise_here(const std::exception_ptr& e, Frame* fr) {
        ExcRef x = from_native(e);
        if (x && fr) set_context(x, fr->top);
        std::rethrow_exception(e);
    }

    bool isinstance_exc(const Value& v, std::string_view cls) const {
        return v.is(Kind::exception) && classes_.is_subclass(v.as<ExcObj>()->cls, cls);
    }

    // -------------------------------------------------------------- rendering
    std::string rename(const std::string& s) const {
        if (task_base_ == 0 || s.size() <= 5 || s.size() > 23 || s.compare(0, 5, "Task-") != 0) return s;
        std::int64_t n = 0;
        for (std::size_t i = 5; i < s.size(); ++i) {
            if (s[i] < '0' || s[i] > '9') return s;
            if (__builtin_mul_overflow(n, 10, &n) || __builtin_add_overflow(n, s[i] - '0', &n)) return s;
        }
        return "Task-" + std::to_string(n - task_base_);
    }

    // Each value rendered costs a step (a list holding the same list twice,
    // 50 levels deep, is 2**50 values); nesting deeper than Python's json
    // goes (a list holding itself) is an unrenderable value.
    static constexpr int kMaxRenderDepth = 500;
    json render(const Value& v, int depth = 0) {
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
        if (v.is(Kind::task)) return json{{"task", rename(a().get_name(v.as<TaskObj>()->t))}};
        if (v.is(Kind::future)) {
            auto f = v.as<FutureObj>();
            const char* st = a().cancelled(f->f) ? "cancelled" : a().done(f->f) ? "finished" : "pending";
            return json{{"future", st}};
        }
        fatal("log() of an unrenderable value of type " + type_name(v));
    }

    std::string type_name(const Value& v) const {
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

    void do_log(const Args& args, int line) {
        if (!trace_open_) return;
        json vals = json::array();
        for (const auto& v : args.pos) vals.push_back(render(v));
        json ev;
        ev["t"] = round9(a().time());
        ev["v"] = std::move(vals);
        if (line > 0) ev["line"] = line;
        trace_->push_back(std::move(ev));
    }

    // ---------------------------------------------------------- wrapping
    Value wrap_task(task_type t) {
        const void* id = a().identity(t);
        return Value(make_obj<TaskObj>(std::move(t), id));
    }
    Value wrap_future(future_type f) {
        const void* id = a().identity(f);
        if (futures_seen_.insert(id).second) futures_.push_back(f);
        return Value(make_obj<FutureObj>(std::move(f), id));
    }

    // ------------------------------------------------------------- functions
    Value function_value(const std::string& name) {
        auto it = functions_.find(name);
        if (it == functions_.end()) throw IRError("unknown function " + name);
        return Value(make_obj<FunctionObj>(it->second, name, it->second->at("is_async").template get<bool>()));
    }

    Frame bind(const json& fn, Args args, Frame* caller) {
        // The shapes read here were checked by load().
        Frame fr;
        fr.fn = &fn;
        fr.is_sync = !fn.at("is_async").template get<bool>();
        step(fn.at("nlocals").template get<std::uint64_t>());
        fr.slots.assign(fn.at("nlocals").template get<std::size_t>(), Value(Unbound{}));
        const json& params = fn.at("params");
        const std::string& name = fn.at("name").template get_ref<const std::string&>();
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
        for (const auto& p : params) {
            Value& slot = slot_of(fr, p);
            if (slot.is_unbound()) {
                if (!p.contains("default"))
                    raise_new("TypeError", name + "() missing argument " + p.at("name").template get<std::string>(),
                              caller);
                slot = const_value(p.at("default"));
            }
        }
        return fr;
    }

    Eval<Value> function_body(Frame params, std::shared_ptr<CallCtx> ctx) {
        // A local, not the parameter: a finished coroutine's parameters live
        // as long as its frame (a done task's), locals do not; the slots may
        // refer back to the task (a reference cycle).
        Frame fr = std::move(params);
        fr.top = ctx ? ctx->inherited : nullptr;
        ctx.reset();
        Signal sig = co_await block(fr.fn->at("body"), fr);
        co_return sig.kind == Sig::ret ? std::move(sig.value) : Value();
    }

    // Calling a module-level function: an async one makes a coroutine object
    // (arguments bound now), a sync one runs to completion at once.
    Value call_function(const json& fn, Args args, Frame* caller) {
        Frame fr = bind(fn, std::move(args), caller);
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
    Value call_value(const Value& f, Args args, Frame* caller) {
        if (f.is(Kind::log_function)) {
            do_log(args, 0);
            return Value();
        }
        if (f.is(Kind::function)) return call_function(*f.as<FunctionObj>()->fn, std::move(args), caller);
        raise_new("TypeError", "'" + type_name(f) + "' object is not callable", caller);
    }

    const void* callable_identity(const Value& f) const {
        if (f.is(Kind::function)) return f.as<FunctionObj>()->fn;
        if (f.is_object()) return f.obj()->identity();
        return nullptr;
    }

    Callback make_callback(Value f, Args args) {
        if (!f.is(Kind::function) && !f.is(Kind::log_function))
            raise_new("TypeError", "a callable is required", nullptr);
        return [this, f = std::move(f), args = std::move(args)]() { call_value(f, args, nullptr); };
    }
    // A done callback gets the future; the closure holds it weakly (the
    // interpreter keeps it alive for the run: no reference cycle).
    Callback make_done_callback(Value f, const Value& fut) {
        if (!f.is(Kind::function) && !f.is(Kind::log_function))
            raise_new("TypeError", "a callable is required", nullptr);
        keepalive_.push_back(fut);
        std::size_t index = keepalive_.size() - 1;  // keepalive_ only grows during the run
        return [this, f = std::move(f), index]() {
            if (index >= keepalive_.size()) return;
            Args args;
            args.pos.push_back(keepalive_[index]);
            call_value(f, std::move(args), nullptr);
        };
    }

    // ------------------------------------------------------------ statements
    Eval<Signal> block(const json& stmts, Frame& fr) {
        for (const auto& s : stmts) {
            Signal sig = co_await stmt(s, fr);
            if (sig.kind != Sig::normal) co_return sig;
        }
        co_return Signal{};
    }

    Eval<Signal> stmt(const json& s, Frame& fr) {
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

    Eval<Signal> st_augassign(const json& s, Frame& fr) {
        const json& t = s.at("target");
        const std::string& oper = s.at("operator").get_ref<const std::string&>();
        const std::string& top = t.at("op").get_ref<const std::string&>();
        if (top == "index") {
            Value obj = co_await eval(t.at("obj"), fr);
            Value idx = co_await eval(t.at("index"), fr);
            Value cur = index_get(obj, idx, fr);
            Value rhs = co_await eval(s.at("value"), fr);
            index_set(obj, idx, inplace(oper, std::move(cur), rhs, fr), fr);
        } else {
            Value cur = co_await eval(t, fr);  // loaded before the value is evaluated
            Value rhs = co_await eval(s.at("value"), fr);
            Value nv = inplace(oper, std::move(cur), rhs, fr);
            co_await store(t, std::move(nv), fr);
        }
        co_return Signal{};
    }

    Value inplace(const std::string& oper, Value cur, const Value& rhs, Frame& fr) {
        if (oper == "+" && cur.is_list()) {  // list += iterable extends in place
            std::vector<Value> items = iterate(rhs, fr);
            auto& l = cur.list()->items;
            l.insert(l.end(), items.begin(), items.end());
            return cur;
        }
        return binop(oper, cur, rhs, fr);
    }

    Eval<Signal> st_for(const json& s, Frame& fr) {
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
    Eval<Signal> st_async_for(const json& s, Frame& fr) {
        Value it = co_await eval(s.at("iter"), fr);
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
    Eval<Signal> st_async_with(const json& s, Frame& fr) {
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

    Eval<Signal> st_try_star(const json& s, Frame& fr) { return CombinatorsExt<Interpreter>::try_star(*this, s, fr); }

    bool handler_matches(const json& h, const ExcRef& x, Frame& fr) {
        const json& types = h.at("types");
        if (types.is_null()) return true;
        (void)fr;
        for (const auto& t : types)
            if (classes_.is_subclass(x->cls, classes_.at(t.get_ref<const std::string&>()))) return true;
        return false;
    }

    void unbind(const json& t, Frame& fr) {
        const std::string& op = t.at("op").get_ref<const std::string&>();
        if (op == "local")
            slot_of(fr, t) = Value(Unbound{});
        else if (op == "global")
            globals_.erase(t.at("name").get<std::string>());
    }

    // IR.md "try". No co_await may appear in a C++ catch handler: the
    // exception is taken out first, then the handler runs.
    Eval<Signal> st_try(const json& s, Frame& fr) {
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

    Eval<Signal> st_raise(const json& s, Frame& fr) {
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

    ExcRef to_exception(const Value& v, Frame& fr) {
        if (v.is(Kind::exception)) return v.as<ExcObj>();
        if (v.is(Kind::exc_class)) return new_exception(v.as<ClassObj>()->cls, {});
        raise_new("TypeError", "exceptions must derive from BaseException", &fr);
    }

    // Targets (IR.md "Targets").
    Eval<Value> store(const json& t, Value v, Frame& fr) {
        const std::string& op = t.at("op").get_ref<const std::string&>();
        if (op == "local") {
            slot_of(fr, t) = std::move(v);
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

    // ----------------------------------------------------------- expressions
    Eval<Value> eval(const json& e, Frame& fr) {
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
        if (op == "builtin_ref") co_return Value(log_fn_);
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
        if (op == "listcomp") co_return co_await ex_listcomp(e, fr);
        if (op == "await") {
            if (fr.is_sync) throw IRError("await in a def (a sync function never suspends)");
            Value v = co_await eval(e.at("value"), fr);
            co_return co_await await_value(std::move(v), fr);
        }
        if (op == "call_func") {
            Args args = co_await eval_args(e, fr);
            co_return call_function(*function_value(e.at("name").get<std::string>()).template as<FunctionObj>()->fn,
                                    std::move(args), &fr);
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
            co_return new_exc(classes_.at(e.at("class").get<std::string>()), std::move(args.pos), fr);
        }
        if (op == "log") {
            Args args = co_await eval_args(e, fr);
            do_log(args, line_of(e));
            co_return Value();
        }
        throw IRError("unknown expression op " + op);
    }

    Eval<Args> eval_args(const json& e, Frame& fr) {
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
                out.kw.emplace_back(k.at("name").get<std::string>(), std::move(v));
            }
        co_return out;
    }

    Eval<Value> ex_listcomp(const json& e, Frame& fr) {
        Value it = co_await eval(e.at("iter"), fr);
        std::vector<Value> out;
        auto one = [&](Value v) -> Eval<bool> {
            co_await store(e.at("target"), std::move(v), fr);
            if (e.contains("cond")) {
                Value cond = co_await eval(e.at("cond"), fr);
                if (!truthy(cond)) co_return false;
            }
            Value element = co_await eval(e.at("element"), fr);
            out.push_back(std::move(element));
            co_return true;
        };
        if (it.is_list()) {
            ListRef l = it.list();
            for (std::size_t i = 0; i < l->items.size(); ++i) co_await one(l->items[i]);
        } else {
            for (auto& v : iterate(it, fr)) co_await one(v);
        }
        co_return make_list(std::move(out));
    }

    // IR.md "await".
    Eval<Value> await_value(Value v, Frame& fr) {
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
            raise_new("TypeError", "object " + type_name(v) + " can't be used in 'await' expression", &fr);
        }
        if (err) reraise_here(err, &fr);
        co_return out;
    }

    // asyncio.sleep(delay, result=None) as a coroutine object.
    Eval<Value> sleep_body(Value delay, Value result, std::shared_ptr<CallCtx> ctx) {
        Frame fr;
        fr.top = ctx->inherited;
        if (!delay.is_number()) raise_new("TypeError", "'<=' not supported", &fr);
        std::exception_ptr err;
        try {
            co_await a().sleep(delay.as_float());
        } catch (...) {
            err = std::current_exception();
        }
        if (err) reraise_here(err, &fr);
        co_return result;
    }

    Value make_coroutine(Eval<Value> (Interpreter::*body)(Value, Value, std::shared_ptr<CallCtx>), Value x, Value y,
                         std::string name) {
        auto c = make_obj<CoroObj>();
        c->ctx = std::make_shared<CallCtx>();
        c->name = std::move(name);
        c->body = (this->*body)(std::move(x), std::move(y), c->ctx);
        return Value(c);
    }

    // --------------------------------------------------------- API helpers
    static const Value* arg(const Args& args, std::size_t pos, std::string_view name) {
        if (pos < args.pos.size()) return &args.pos[pos];
        for (const auto& [k, v] : args.kw)
            if (k == name) return &v;
        return nullptr;
    }
    Value arg_or(const Args& args, std::size_t pos, std::string_view name, Value dflt) {
        const Value* v = arg(args, pos, name);
        return v ? *v : dflt;
    }
    const Value& need(const Args& args, std::size_t pos, std::string_view name, Frame& fr) {
        const Value* v = arg(args, pos, name);
        if (!v) raise_new("TypeError", "missing argument " + std::string(name), &fr);
        return *v;
    }
    std::optional<std::string> opt_str(const Value& v, Frame& fr) {
        if (v.is_none()) return std::nullopt;
        if (v.is_str()) return v.str();
        return to_str(v, fr);
    }
    double number(const Value& v, Frame& fr) {
        if (!v.is_number()) raise_new("TypeError", "a number is required, not " + type_name(v), &fr);
        return v.as_float();
    }

    Value create_task_from(const Value& coro, std::optional<std::string> name, Frame& fr,
                           bool module_function = false) {
        if (!coro.is(Kind::coroutine)) raise_new("TypeError", "a coroutine was expected, got " + type_name(coro), &fr);
        auto c = coro.as<CoroObj>();
        if (c->consumed) raise_new("RuntimeError", "cannot reuse already awaited coroutine", &fr);
        c->consumed = true;
        c->ctx->inherited = nullptr;
        std::exception_ptr err;
        try {
            if constexpr (has_create_task_function<A>)
                if (module_function) return wrap_task(a().create_task_function(std::move(c->body), std::move(name)));
            return wrap_task(a().create_task(std::move(c->body), std::move(name)));
        } catch (...) {
            err = std::current_exception();
        }
        reraise_here(err, &fr);
    }

    // Calls into the implementation that may raise (InvalidStateError...):
    // the exception is raised at this point of the program.
    template <class F>
    auto guarded(Frame& fr, F&& f) -> decltype(f()) {
        std::exception_ptr err;
        try {
            return f();
        } catch (...) {
            err = std::current_exception();
        }
        reraise_here(err, &fr);
    }

    Value call_api(const std::string& api, Args args, Frame& fr) {
        if (api == "sleep") {
            Value delay = need(args, 0, "delay", fr);
            return make_coroutine(&Interpreter::sleep_body, delay, arg_or(args, 1, "result", Value()), "sleep");
        }
        if (api == "create_task" || api == "Task") {
            // asyncio.create_task may differ from Task() (has_create_task_function).
            return create_task_from(need(args, 0, "coro", fr), opt_str(arg_or(args, 1, "name", Value()), fr), fr,
                                    api == "create_task");
        }
        if (api == "ensure_future") {
            const Value& obj = need(args, 0, "coro_or_future", fr);
            if (obj.is(Kind::task) || obj.is(Kind::future)) return obj;
            if (!obj.is(Kind::coroutine))
                raise_new("TypeError", "An asyncio.Future, a coroutine or an awaitable is required", &fr);
            return create_task_from(obj, std::nullopt, fr);
        }
        if (api == "get_running_loop" || api == "get_event_loop") return Value(loop_obj_);
        if (api == "current_task") {
            auto t = guarded(fr, [&] { return a().current_task(); });
            return t ? wrap_task(std::move(*t)) : Value();
        }
        if (api == "all_tasks") {
            auto set = make_obj<SetObj>();
            auto tasks = guarded(fr, [&] { return a().all_tasks(); });
            step(tasks.size());
            for (auto& t : tasks) set->items.push_back(wrap_task(std::move(t)));
            return Value(set);
        }
        if (api == "Future") return wrap_future(a().create_future());
        if (auto v = CombinatorsExt<Interpreter>::call_api(*this, api, args, fr)) return std::move(*v);
        if (auto v = SyncExt<Interpreter>::call_api(*this, api, args, fr)) return std::move(*v);
        raise_new("AttributeError", "the adapter does not provide asyncio." + api, &fr);
    }

    template <class X>
    Value future_method(const Value& self, X& x, const std::string& m, Args& args, Frame& fr, bool is_task) {
        if (m == "done") return Value(a().done(x));
        if (m == "cancelled") return Value(a().cancelled(x));
        if (m == "cancel") {
            Value msg = arg_or(args, 0, "msg", Value());
            return Value(guarded(fr, [&] { return a().cancel(x, opt_str(msg, fr)); }));
        }
        if (m == "result") return guarded(fr, [&] { return a().result(x); });
        if (m == "exception") {
            std::exception_ptr e = guarded(fr, [&] { return a().exception(x); });
            if (!e) return Value();
            ExcRef ex = from_native(e);
            if (!ex) std::rethrow_exception(e);
            return Value(ex);
        }
        if (m == "add_done_callback") {
            const Value& cb = need(args, 0, "fn", fr);
            Callback fn = make_done_callback(cb, self);
            guarded(fr, [&] {
                a().add_done_callback(x, std::move(fn), callable_identity(cb));
                return 0;
            });
            return Value();
        }
        if (m == "remove_done_callback") {
            const Value& cb = need(args, 0, "fn", fr);
            return Value(static_cast<std::int64_t>(a().remove_done_callback(x, callable_identity(cb))));
        }
        if (m == "set_result" || m == "set_exception") {
            if (is_task) raise_new("RuntimeError", "Task does not support " + m + " operation", &fr);
            if constexpr (std::is_same_v<X, future_type>) {
                if (m == "set_result") {
                    Value v = need(args, 0, "result", fr);
                    guarded(fr, [&] {
                        a().set_result(x, v);
                        return 0;
                    });
                } else {
                    Value v = need(args, 0, "exception", fr);
                    ExcRef ex = to_exception(v, fr);
                    if (!ex->native) ex->native = a().make_exception(*ex);
                    guarded(fr, [&] {
                        a().set_exception(x, ex->native);
                        return 0;
                    });
                }
                return Value();
            }
        }
        raise_new("AttributeError", "'" + type_name(self) + "' object has no attribute '" + m + "'", &fr);
    }

    Value call_method(const Value& obj, const std::string& m, Args args, Frame& fr) {
        if (NativeObj* n = native(obj))
            if (auto v = n->method(*this, m, args, fr)) return std::move(*v);
        if (obj.is(Kind::future)) {
            auto f = obj.as<FutureObj>();
            return future_method(obj, f->f, m, args, fr, false);
        }
        if (obj.is(Kind::task)) {
            auto t = obj.as<TaskObj>();
            if (m == "get_name") return Value(a().get_name(t->t));
            if (m == "set_name") {
                a().set_name(t->t, to_str(need(args, 0, "value", fr), fr));
                return Value();
            }
            if (m == "cancelling") return Value(static_cast<std::int64_t>(a().cancelling(t->t)));
            if (m == "uncancel") return Value(static_cast<std::int64_t>(a().uncancel(t->t)));
            return future_method(obj, t->t, m, args, fr, true);
        }
        if (obj.is(Kind::loop)) {
            if (m == "time") return Value(a().time());
            if (m == "call_soon" || m == "call_later" || m == "call_at") {
                std::size_t first = m == "call_soon" ? 0 : 1;
                if (args.pos.size() < first + 1) raise_new("TypeError", m + " needs a callback", &fr);
                Args cb_args;
                cb_args.pos.assign(args.pos.begin() + static_cast<std::ptrdiff_t>(first + 1), args.pos.end());
                Callback cb = make_callback(args.pos[first], std::move(cb_args));
                if (m == "call_soon") return Value(make_obj<HandleObj>(a().call_soon(std::move(cb)), false));
                double d = number(args.pos[0], fr);
                if (m == "call_later") return Value(make_obj<HandleObj>(a().call_later(d, std::move(cb)), true));
                return Value(make_obj<HandleObj>(a().call_at(d, std::move(cb)), true));
            }
            if (m == "create_future") return wrap_future(a().create_future());
            if (m == "create_task")
                return create_task_from(need(args, 0, "coro", fr), opt_str(arg_or(args, 1, "name", Value()), fr), fr);
        }
        if (obj.is(Kind::handle)) {
            auto h = obj.as<HandleObj>();
            if (m == "cancel") {
                a().cancel_handle(h->h);
                return Value();
            }
            if (m == "cancelled") return Value(a().handle_cancelled(h->h));
            if (m == "when" && h->timer) return Value(a().handle_when(h->h));
        }
        if (obj.is_list() && m == "append") {
            obj.list()->items.push_back(need(args, 0, "object", fr));
            return Value();
        }
        if (auto v = CombinatorsExt<Interpreter>::call_method(*this, obj, m, args, fr)) return std::move(*v);
        if (auto v = SyncExt<Interpreter>::call_method(*this, obj, m, args, fr)) return std::move(*v);
        raise_new("AttributeError", "'" + type_name(obj) + "' object has no attribute '" + m + "'", &fr);
    }

    Value attr(const Value& obj, const std::string& name, Frame& fr) {
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
        }
        raise_new("AttributeError", "'" + type_name(obj) + "' object has no attribute '" + name + "'", &fr);
    }

    Value new_exc(int cls, std::vector<Value> args, Frame& fr) {
        step(classes_.size());  // new_exception walks the class table
        bool group = classes_.is_subclass(cls, "BaseExceptionGroup");
        if (!group) return Value(new_exception(cls, std::move(args)));
        if (args.size() != 2 || !args[0].is_str()) raise_new("TypeError", "BaseExceptionGroup(msg, excs)", &fr);
        if (!args[1].is_list() && !args[1].is_tuple())
            raise_new("TypeError", "second argument must be a sequence", &fr);
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

    // ------------------------------------------------------------- builtins
    Value call_builtin(const std::string& name, Args args, Frame& fr) {
        auto& p = args.pos;
        if (name == "len") {
            if (p.size() != 1) raise_new("TypeError", "len() takes exactly one argument", &fr);
            const Value& v = p[0];
            if (v.is_list()) return Value(static_cast<std::int64_t>(v.list()->items.size()));
            if (v.is_tuple()) return Value(static_cast<std::int64_t>(v.tuple()->items.size()));
            if (v.is_str()) return Value(static_cast<std::int64_t>(v.str().size()));
            if (v.is(Kind::set)) return Value(static_cast<std::int64_t>(v.as<SetObj>()->items.size()));
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

    bool isinstance(const Value& v, const Value& c, Frame& fr) {
        step();
        check_stack(&fr);  // tuples of tuples
        if (c.is_tuple()) {
            for (const auto& x : c.tuple()->items)
                if (isinstance(v, x, fr)) return true;
            return false;
        }
        if (c.is(Kind::exc_class))
            return v.is(Kind::exception) && classes_.is_subclass(v.as<ExcObj>()->cls, c.as<ClassObj>()->cls);
        if (c.is(Kind::type)) {
            const std::string& t = c.as<TypeObj>()->name;
            if (t == "int") return v.is_intlike();
            if (t == "bool") return v.is_bool();
            if (t == "float") return v.is_float();
            if (t == "str") return v.is_str();
            if (t == "list") return v.is_list();
            if (t == "tuple") return v.is_tuple();
            return false;
        }
        if (c.is(Kind::api_ref)) {
            const std::string& api = c.as<ApiRefObj>()->api;
            if (api == "Task") return v.is(Kind::task);
            if (api == "Future") return v.is(Kind::task) || v.is(Kind::future);
            return false;
        }
        raise_new("TypeError", "isinstance() arg 2 must be a type or tuple of types", &fr);
    }

    std::string to_str(const Value& v, Frame& fr) {
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

    // ------------------------------------------------------------- operators
    static bool truthy(const Value& v) {
        if (v.is_none()) return false;
        if (v.is_bool()) return v.as_bool();
        if (v.is_int()) return v.as_int() != 0;
        if (v.is_float()) return v.as_float() != 0.0;
        if (v.is_str()) return !v.str().empty();
        if (v.is_list()) return !v.list()->items.empty();
        if (v.is_tuple()) return !v.tuple()->items.empty();
        if (v.is(Kind::set)) return !v.as<SetObj>()->items.empty();
        if (v.is(Kind::range)) return v.as<RangeObj>()->size() != 0;
        return true;
    }

    // The items, as a copy: costs their number in steps first (range(10**18)).
    std::vector<Value> iterate(const Value& v, Frame& fr) {
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
        if (NativeObj* n = native(v))
            if (auto items = n->items(*this, fr)) return std::move(*items);
        raise_new("TypeError", "'" + type_name(v) + "' object is not iterable", &fr);
    }

    Value unary(const std::string& op, const Value& v, Frame& fr) {
        if (op == "not") return Value(!truthy(v));
        if (!v.is_number()) raise_new("TypeError", "bad operand type for unary " + op, &fr);
        if (op == "+") return v.is_float() ? v : Value(v.as_int());
        if (v.is_float()) return Value(-v.as_float());
        if (v.as_int() == std::numeric_limits<std::int64_t>::min()) raise_new("OverflowError", "int overflow", &fr);
        return Value(-v.as_int());
    }

    static std::int64_t floordiv_int(std::int64_t a, std::int64_t b) {
        std::int64_t q = a / b;
        if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
        return q;
    }
    static std::int64_t mod_int(std::int64_t a, std::int64_t b) {
        std::int64_t m = a % b;
        if (m != 0 && ((m < 0) != (b < 0))) m += b;
        return m;
    }
    // CPython's float_divmod.
    static void float_divmod(double vx, double wx, double& floordiv, double& mod) {
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

    Value repeat(const Value& seq, const Value& n, Frame& fr) {
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

    Value binop(const std::string& op, const Value& l, const Value& r, Frame& fr) {
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
    bool equal(const Value& l, const Value& r) {
        step();
        check_stack(nullptr);
        if (l.is_number() && r.is_number()) {
            if (l.is_float() || r.is_float()) return l.as_float() == r.as_float();
            return l.as_int() == r.as_int();
        }
        if (l.is_none() || r.is_none()) return l.is_none() && r.is_none();
        if (l.is_str() && r.is_str()) return l.str() == r.str();
        if (l.is_list() && r.is_list()) return l.list() == r.list() || seq_equal(l.list()->items, r.list()->items);
        if (l.is_tuple() && r.is_tuple())
            return l.tuple() == r.tuple() || seq_equal(l.tuple()->items, r.tuple()->items);
        if (l.is_object() && r.is_object()) {
            if (l.is(Kind::exc_class) && r.is(Kind::exc_class)) return l.as<ClassObj>()->cls == r.as<ClassObj>()->cls;
            if (l.is(Kind::function) && r.is(Kind::function)) return l.as<FunctionObj>()->fn == r.as<FunctionObj>()->fn;
            if (l.is(Kind::type) && r.is(Kind::type)) return l.as<TypeObj>()->name == r.as<TypeObj>()->name;
            if (l.is(Kind::api_ref) && r.is(Kind::api_ref)) return l.as<ApiRefObj>()->api == r.as<ApiRefObj>()->api;
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
    bool seq_equal(const std::vector<Value>& a, const std::vector<Value>& b) {
        if (a.size() != b.size()) return false;
        for (std::size_t i = 0; i < a.size(); ++i)
            if (!identical(a[i], b[i]) && !equal(a[i], b[i])) return false;
        return true;
    }
    bool identical(const Value& l, const Value& r) {
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
                l.is(Kind::log_function))
                return l.obj()->kind() == r.obj()->kind() && equal(l, r);
            return l.obj()->identity() == r.obj()->identity();
        }
        return false;
    }

    // <, <=, >, >= (IR.md "compare").
    bool order(const std::string& op, const Value& l, const Value& r, Frame& fr) {
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
                  "'" + op + "' not supported between instances of '" + type_name(l) + "' and '" + type_name(r) + "'",
                  &fr);
    }

    bool contains(const Value& container, const Value& item, Frame& fr) {
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
        if (container.is_list() || container.is_tuple() || container.is(Kind::set)) {
            for (const auto& x : iterate(container, fr))
                if (identical(x, item) || equal(x, item)) return true;
            return false;
        }
        raise_new("TypeError", "argument of type '" + type_name(container) + "' is not iterable", &fr);
    }

    bool compare(const std::string& op, const Value& l, const Value& r, Frame& fr) {
        if (op == "==") return equal(l, r);
        if (op == "!=") return !equal(l, r);
        if (op == "is") return identical(l, r);
        if (op == "is not") return !identical(l, r);
        if (op == "in") return contains(r, l, fr);
        if (op == "not in") return !contains(r, l, fr);
        return order(op, l, r, fr);
    }

    std::int64_t norm_index(std::int64_t i, std::size_t n, Frame& fr) {
        std::int64_t size = static_cast<std::int64_t>(n);
        if (i < 0) i += size;
        if (i < 0 || i >= size) raise_new("IndexError", "index out of range", &fr);
        return i;
    }

    Value index_get(const Value& obj, const Value& idx, Frame& fr) {
        if (!idx.is_intlike()) raise_new("TypeError", "indices must be integers", &fr);
        if (obj.is_list())
            return obj.list()->items[static_cast<std::size_t>(norm_index(idx.as_int(), obj.list()->items.size(), fr))];
        if (obj.is_tuple())
            return obj.tuple()
                ->items[static_cast<std::size_t>(norm_index(idx.as_int(), obj.tuple()->items.size(), fr))];
        if (obj.is_str())
            return Value(
                std::string(1, obj.str()[static_cast<std::size_t>(norm_index(idx.as_int(), obj.str().size(), fr))]));
        if (obj.is(Kind::range)) {
            auto r = obj.as<RangeObj>();
            return Value(r->at(norm_index(idx.as_int(), static_cast<std::size_t>(r->size()), fr)));
        }
        raise_new("TypeError", "'" + type_name(obj) + "' object is not subscriptable", &fr);
    }

    void index_set(const Value& obj, const Value& idx, Value v, Frame& fr) {
        if (!obj.is_list())
            raise_new("TypeError", "'" + type_name(obj) + "' object does not support item assignment", &fr);
        if (!idx.is_intlike()) raise_new("TypeError", "list indices must be integers", &fr);
        auto& items = obj.list()->items;
        items[static_cast<std::size_t>(norm_index(idx.as_int(), items.size(), fr))] = std::move(v);
    }
};

}  // namespace asyncspec

// The feature families' extensions (defined after the interpreter: they are
// instantiated with it).
#include "asyncspec/interp_combinators.hpp"
