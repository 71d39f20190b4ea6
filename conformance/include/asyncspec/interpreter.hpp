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
//
// This header holds the class (its members declared by concept) and the run
// lifecycle; the members are defined by concept in the headers it includes
// at its end: interp_load.hpp (loading and validating the IR),
// interp_exceptions.hpp (the exception model), interp_trace.hpp (rendering,
// log), interp_functions.hpp (IR functions and calls), interp_statements.hpp,
// interp_expressions.hpp, interp_asyncio.hpp (the asyncio API) and
// interp_objects.hpp (the Python object model); then the feature families'
// extensions: interp_sync.hpp, interp_exception_groups.hpp and
// interp_combinators.hpp.
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
#include "asyncspec/interp_sync_state.hpp"
#include "asyncspec/value.hpp"

namespace asyncspec {

inline constexpr int kIRVersion = 2;  // reads 1 too (2 only adds nodes)

// Shapes an IR document may have (checked before a run; beyond them it is
// malformed, status "error"): JSON nesting, exception classes, frame slots.
inline constexpr int kMaxIRDepth = 256;
inline constexpr std::size_t kMaxClasses = 1000;
inline constexpr std::int64_t kMaxLocals = 10000;

// Feature-family extensions of the interpreter (interp_<family>.hpp): class
// templates over the interpreter, befriended, whose static hooks are called
// from call_api / call_method / call_builtin / `except*`. Runtime objects of a family derive
// from Interpreter::NativeObj (methods, attributes, `async with`, `async for`).
// Declared here; defined in their headers, which this one includes at its end
// (after the interpreter's members: they are instantiated with it).
template <class I>
struct SyncExt;
template <class I>
struct CombinatorsExt;
template <class I>
struct ExceptionGroupsExt;
template <class I>
struct GraphExt;
template <class I>
struct IteratorsExt;
template <class I>
struct ContainersExt;
template <class I>
struct ClassesExt;
struct UserClassObj;

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
    template <class>
    friend struct ExceptionGroupsExt;
    template <class>
    friend struct GraphExt;
    template <class>
    friend struct IteratorsExt;
    template <class>
    friend struct ContainersExt;
    template <class>
    friend struct ClassesExt;

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
        // obj.NAME = value: false when the object has no settable attributes.
        virtual bool set_attribute(Interpreter&, const std::string&, Value, Frame&) { return false; }
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
        // `for` / iteration: an iterator (its own __iter__) takes one item per next(),
        // nullopt is StopIteration, so a loop left with `break` can be
        // resumed by another.
        virtual bool is_iterator() const { return false; }
        virtual std::optional<Value> next(Interpreter&, Frame&) { throw IRError("next of a non iterator"); }
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
    // future_add_to_awaited_by(fut, waiter) calls the program has not undone
    // (interp_graph.hpp): undone at cleanup, since a cycle of them (a future
    // awaited by itself...) is one CPython's GC collects and refcounts do not.
    std::vector<std::pair<future_type, future_type>> awaited_by_edges_;
    std::unordered_set<const void*> futures_seen_;
    std::shared_ptr<LoopObj> loop_obj_ = make_obj<LoopObj>();
    std::shared_ptr<LogFunctionObj> log_fn_ = make_obj<LogFunctionObj>();
    std::map<std::string, std::shared_ptr<UserClassObj>> user_classes_;  // interp_classes.hpp
    Value task_factory_;  // loop.set_task_factory's argument (interp_combinators.hpp)
    // callable_identity of bound methods: one per (object, method name).
    mutable std::map<std::pair<const void*, std::string>, std::unique_ptr<char>> method_identities_;
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
        if constexpr (requires(A& x, future_type f) { x.awaited_by_discard(f, f); }) {  // has_call_graph
            for (auto& [fut, waiter] : awaited_by_edges_) {
                try {
                    a().awaited_by_discard(fut, waiter);
                } catch (...) {
                }
            }
        }
        awaited_by_edges_.clear();
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

    // ---------- loading and validating the IR (interp_load.hpp)
    static void check_depth(const json& doc);
    static const json& field(const json& obj, const char* key, json::value_t type, const std::string& where);
    static std::int64_t int_in(const json& j, std::int64_t lo, std::int64_t hi, const std::string& what);
    static int line_of(const json& node);
    static Value& slot_of(Frame& fr, const json& node);
    void load();
    Value const_value(const json& e);
    Value const_eval(const json& e);

    // ---------- the exception model (interp_exceptions.hpp)
    ExcRef new_exception(int cls, std::vector<Value> args);
    ExcRef new_exception(std::string_view cls, std::string message);
    void set_context(const ExcRef& x, Handled* top);
    [[noreturn]] void throw_exc(const ExcRef& x);
    [[noreturn]] void raise_new(std::string_view cls, std::string message, Frame* fr);
    [[noreturn]] void fatal(std::string message);
    ExcRef from_native(const std::exception_ptr& e);
    [[noreturn]] void reraise_here(const std::exception_ptr& e, Frame* fr);
    bool isinstance_exc(const Value& v, std::string_view cls) const;
    Value new_exc(int cls, std::vector<Value> args, Frame& fr);

    // ---------- the trace: rendering, log (interp_trace.hpp)
    std::string rename(const std::string& s) const;
    // Each value rendered costs a step (a list holding the same list twice,
    // 50 levels deep, is 2**50 values); nesting deeper than Python's json
    // goes (a list holding itself) is an unrenderable value.
    static constexpr int kMaxRenderDepth = 500;
    json render(const Value& v, int depth = 0);
    void do_log(const Args& args, int line);

    // ---------- IR functions and calls (interp_functions.hpp)
    Value function_value(const std::string& name);
    Frame bind(const json& fn, Args args, Frame* caller, const FunctionObj* closure);
    void bind_kinds(Frame& fr, const json& params, Args args, Frame* caller, const FunctionObj* closure);
    void bind_cells(Frame& fr, const json& fn, const FunctionObj* closure);
    Eval<Value> function_body(Frame params, std::shared_ptr<CallCtx> ctx);
    Value call_function(const json& fn, Args args, Frame* caller, const FunctionObj* closure = nullptr);
    Value make_closure(const json& e, Frame& fr, std::vector<Value> defaults,
                       std::vector<std::pair<std::string, Value>> kwdefaults);
    Value& cell_value(Frame& fr, const json& node);
    Value call_value(const Value& f, Args args, Frame* caller);
    const void* callable_identity(const Value& f) const;
    static bool is_callable(const Value& f) {
        return f.is(Kind::function) || f.is(Kind::log_function) || f.is(Kind::bound_method) ||
               f.is(Kind::builtin) || f.is(Kind::user_class) || f.is(Kind::exc_class);
    }
    Value type_of(const Value& v);
    Callback make_callback(Value f, Args args);
    Callback make_done_callback(Value f, const Value& fut);

    // ---------- statements (interp_statements.hpp)
    Eval<Signal> block(const json& stmts, Frame& fr);
    Eval<Signal> stmt(const json& s, Frame& fr);
    Eval<Signal> st_augassign(const json& s, Frame& fr);
    Value inplace(const std::string& oper, Value cur, const Value& rhs, Frame& fr);
    Eval<Signal> st_for(const json& s, Frame& fr);
    Eval<Signal> st_async_for(const json& s, Frame& fr);
    Eval<Signal> st_async_with(const json& s, Frame& fr);
    Eval<Signal> st_try_star(const json& s, Frame& fr);
    bool handler_matches(const json& h, const ExcRef& x, Frame& fr);
    void unbind(const json& t, Frame& fr);
    Eval<Signal> st_try(const json& s, Frame& fr);
    Eval<Signal> st_raise(const json& s, Frame& fr);
    ExcRef to_exception(const Value& v, Frame& fr);
    Eval<Value> store(const json& t, Value v, Frame& fr);

    // ---------- expressions (interp_expressions.hpp)
    Eval<Value> eval(const json& e, Frame& fr);
    Eval<Args> eval_args(const json& e, Frame& fr);
    Eval<Value> ex_listcomp(const json& e, Frame& fr);
    Eval<Value> await_value(Value v, Frame& fr);

    // ---------- the asyncio API (interp_asyncio.hpp)
    Value wrap_task(task_type t);
    Value wrap_future(future_type f);
    Eval<Value> sleep_body(Value delay, Value result, std::shared_ptr<CallCtx> ctx);
    Value make_coroutine(Eval<Value> (Interpreter::*body)(Value, Value, std::shared_ptr<CallCtx>), Value x, Value y,
                         std::string name);
    static const Value* arg(const Args& args, std::size_t pos, std::string_view name);
    Value arg_or(const Args& args, std::size_t pos, std::string_view name, Value dflt);
    const Value& need(const Args& args, std::size_t pos, std::string_view name, Frame& fr);
    std::optional<std::string> opt_str(const Value& v, Frame& fr);
    double number(const Value& v, Frame& fr);
    // Which call makes the task: loop.create_task, asyncio.create_task, Task().
    enum class TaskRoute { loop_create_task, asyncio_create_task, task_constructor };
    Value create_task_from(const Value& coro, std::optional<std::string> name, Frame& fr,
                           TaskRoute route = TaskRoute::loop_create_task,
                           std::optional<bool> eager_start = std::nullopt);
    // The eager_start keyword of a create_task/Task call, if given.
    std::optional<bool> eager_start_arg(const Args& args);
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
    Value call_api(const std::string& api, Args args, Frame& fr);
    template <class X>
    Value future_method(const Value& self, X& x, const std::string& m, Args& args, Frame& fr, bool is_task);
    Value call_method(const Value& obj, const std::string& m, Args args, Frame& fr);

    // ---------- the Python object model (interp_objects.hpp)
    std::string type_name(const Value& v) const;
    Value attr(const Value& obj, const std::string& name, Frame& fr);
    Value call_builtin(const std::string& name, Args args, Frame& fr);
    bool isinstance(const Value& v, const Value& c, Frame& fr);
    std::string to_str(const Value& v, Frame& fr);
    static bool truthy(const Value& v);
    std::vector<Value> iterate(const Value& v, Frame& fr);
    Value unary(const std::string& op, const Value& v, Frame& fr);
    static std::int64_t floordiv_int(std::int64_t a, std::int64_t b);
    static std::int64_t mod_int(std::int64_t a, std::int64_t b);
    static void float_divmod(double vx, double wx, double& floordiv, double& mod);
    Value repeat(const Value& seq, const Value& n, Frame& fr);
    Value binop(const std::string& op, const Value& l, const Value& r, Frame& fr);
    bool equal(const Value& l, const Value& r);
    bool seq_equal(const std::vector<Value>& a, const std::vector<Value>& b);
    bool identical(const Value& l, const Value& r);
    bool order(const std::string& op, const Value& l, const Value& r, Frame& fr);
    bool contains(const Value& container, const Value& item, Frame& fr);
    bool compare(const std::string& op, const Value& l, const Value& r, Frame& fr);
    std::int64_t norm_index(std::int64_t i, std::size_t n, Frame& fr);
    Value index_get(const Value& obj, const Value& idx, Frame& fr);
    Value slice_get(const Value& obj, const Value& lower, const Value& upper, const Value& step, Frame& fr);
    void index_set(const Value& obj, const Value& idx, Value v, Frame& fr);
};

}  // namespace asyncspec

// The members' definitions, by concept.
#include "asyncspec/interp_asyncio.hpp"
#include "asyncspec/interp_exceptions.hpp"
#include "asyncspec/interp_expressions.hpp"
#include "asyncspec/interp_functions.hpp"
#include "asyncspec/interp_load.hpp"
#include "asyncspec/interp_objects.hpp"
#include "asyncspec/interp_statements.hpp"
#include "asyncspec/interp_trace.hpp"

// The feature families' extensions (defined after the interpreter: they are
// instantiated with it).
#include "asyncspec/interp_classes.hpp"
#include "asyncspec/interp_combinators.hpp"
#include "asyncspec/interp_containers.hpp"
#include "asyncspec/interp_exception_groups.hpp"
#include "asyncspec/interp_graph.hpp"
#include "asyncspec/interp_iterators.hpp"
#include "asyncspec/interp_sync.hpp"
