// The reference implementation (reference/, namespace asyncio) as an
// asyncspec adapter: the IR interpreter drives it through this class.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "asyncio/base_events.hpp"
#include "asyncio/exceptions.hpp"
#include "asyncio/futures.hpp"
#include "asyncio/profile.hpp"
#include "asyncio/tasks.hpp"
#include "asyncspec/adapter.hpp"
#include "reference_adapter_combinators.hpp"
#include "reference_adapter_sync.hpp"

namespace asyncspec {

class ReferenceAdapter : public ReferenceSyncOps<ReferenceAdapter>, public ReferenceCombinatorOps<ReferenceAdapter> {
public:
    // The default profile; the runner's --profile picks another for the
    // loops made afterwards (select_profile): each scenario's loop carries
    // the profile it was made with (reference/include/asyncio/profile.hpp).
    static constexpr std::string_view profile = asyncio::Profile().name();
    static constexpr std::array<std::string_view, 4> profiles = {"3.11", "3.12", "3.13", "3.14"};
    static bool select_profile(std::string_view name) {
        auto p = asyncio::Profile::parse(name);
        if (!p) return false;
        selected_profile_ = *p;
        return true;
    }
    // What the reference implements today (spec/features.toml names).
    // clang-format off: grouped by family
    static constexpr std::array<std::string_view, 27> features = {
        "futures", "call-later", "call-soon", "task-names", "cancel-msg", "uncancel", "all-tasks",
        // the synchronisation family (reference_adapter_sync.hpp)
        "lock", "event", "condition", "semaphore", "barrier", "queue", "queue-shutdown", "threads",
        // the combinators family (reference_adapter_combinators.hpp)
        "gather", "wait", "wait-for", "as-completed", "as-completed-async", "shield", "timeout", "taskgroup",
        "exception-groups", "eager-tasks", "eager-start", "call-graph",
    };
    // clang-format on

    using task_type = asyncio::Task<Value>;
    using future_type = ReferenceFuture;  // any future with a Value result (reference_adapter_combinators.hpp)
    struct handle_type {
        asyncio::Handle handle;
        asyncio::TimerHandle timer;
        bool is_timer = false;
    };

    ReferenceAdapter() {
        loop_.set_exception_handler([this](asyncio::EventLoop&, const asyncio::ExceptionContext& ctx) {
            if (on_error_) on_error_(ctx.message);
        });
    }
    ~ReferenceAdapter() {
        if (!loop_.is_closed()) loop_.close();
    }

    void set_exception_handler(std::function<void(std::string)> fn) { on_error_ = std::move(fn); }

    double time() { return loop_.time(); }

    // ---- tasks
    static asyncio::Coro<Value> wrap(Eval<Value> body) { co_return co_await std::move(body); }
    // A coroutine the reference wraps in a task itself (gather's arguments):
    // its task is remembered at its first step, for break_cycles.
    asyncio::Coro<Value> wrap_made(Eval<Value> body) {
        made_tasks_.emplace_back(static_cast<task_type::State*>(asyncio::current_task()));
        co_return co_await std::move(body);
    }
    task_type create_task(Eval<Value> body, std::optional<std::string> name,
                          std::optional<bool> eager_start = std::nullopt) {
        task_type t = asyncio::create_task(loop_, wrap(std::move(body)), std::move(name), eager_start);
        made_tasks_.push_back(t);
        return t;
    }
    // asyncio.create_task (has_create_task_function): a named task takes a
    // Task-N number in 3.11, 3.12 (Profile::create_task_passes_name).
    task_type create_task_function(Eval<Value> body, std::optional<std::string> name,
                                   std::optional<bool> eager_start = std::nullopt) {
        task_type t =
            asyncio::create_task(wrap(std::move(body)), std::move(name), eager_start);  // on the running loop_
        made_tasks_.push_back(t);
        return t;
    }
    // feature eager-start (has_eager_start): Task(coro, loop=loop, name=, eager_start=).
    task_type new_task(Eval<Value> body, std::optional<std::string> name, bool eager_start) {
        task_type t = asyncio::make_task(loop_, wrap(std::move(body)), std::move(name), eager_start);
        made_tasks_.push_back(t);
        return t;
    }
    void check_eager_start(TaskCall call) {
        asyncio::check_eager_start_keyword(loop_, call == TaskCall::task_constructor
                                                      ? asyncio::TaskCall::task_constructor
                                                      : asyncio::TaskCall::create_task);
    }
    std::optional<task_type> current_task() {
        asyncio::TaskBase* t = asyncio::current_task();
        if (!t) return std::nullopt;
        return task_type(static_cast<task_type::State*>(t));
    }
    void check_running_loop() { (void)asyncio::get_running_loop(); }
    std::vector<task_type> all_tasks() {
        std::vector<task_type> out;
        for (auto& t : asyncio::all_tasks(loop_)) out.emplace_back(static_cast<task_type::State*>(t.get()));
        return out;
    }
    std::string get_name(const task_type& t) { return t.get_name(); }
    void set_name(const task_type& t, std::string name) { t.set_name(std::move(name)); }
    int cancelling(const task_type& t) { return t.cancelling(); }
    int uncancel(const task_type& t) { return t.uncancel(); }

    // ---- futures and tasks
    future_type create_future() {
        future_type f = asyncio::create_future<Value>(loop_);
        made_futures_.push_back(f);
        return f;
    }
    void break_cycles() {
        for (auto& t : made_tasks_) t.state()->value.reset();
        for (auto& f : made_futures_) f.state()->value.reset();
        made_tasks_.clear();
        made_futures_.clear();
    }
    template <class X>
    bool done(const X& x) {
        return x.done();
    }
    template <class X>
    bool cancelled(const X& x) {
        return x.cancelled();
    }
    bool cancel(const task_type& t, std::optional<std::string> msg) { return t.cancel(std::move(msg)); }
    bool cancel(future_type f, std::optional<std::string> msg) { return f.cancel(std::move(msg)); }
    template <class X>
    Value result(const X& x) {
        return x.result();
    }
    template <class X>
    std::exception_ptr exception(const X& x) {
        return x.exception();
    }
    void set_result(const future_type& f, Value v) { f.set_result(std::move(v)); }
    void set_exception(const future_type& f, std::exception_ptr e) { f.set_exception(std::move(e)); }
    template <class X>
    void add_done_callback(const X& x, Callback fn, const void* identity) {
        x.base()->add_done_callback([fn = std::move(fn)](asyncio::FutureBase&) { fn(); }, identity);
    }
    template <class X>
    std::size_t remove_done_callback(const X& x, const void* identity) {
        return x.remove_done_callback(identity);
    }
    template <class X>
    const void* identity(const X& x) {
        return x.base();
    }
    auto wait(const task_type& t) { return t.operator co_await(); }
    auto wait(const future_type& f) { return f.operator co_await(); }
    auto sleep(double delay) { return asyncio::sleep(delay); }

    // ---- callbacks
    handle_type call_soon(Callback fn) { return handle_type{loop_.call_soon(std::move(fn)), {}, false}; }
    handle_type call_later(double delay, Callback fn) {
        return handle_type{{}, loop_.call_later(delay, std::move(fn)), true};
    }
    handle_type call_at(double when, Callback fn) { return handle_type{{}, loop_.call_at(when, std::move(fn)), true}; }
    void cancel_handle(handle_type& h) { h.is_timer ? h.timer.cancel() : h.handle.cancel(); }
    bool handle_cancelled(const handle_type& h) { return h.is_timer ? h.timer.cancelled() : h.handle.cancelled(); }
    double handle_when(const handle_type& h) { return h.timer.when(); }

    // ---- running
    RunStatus run_until_complete(const task_type& t, const RunLimits& limits) {
        // loop.run_until_complete: a done callback stops the loop.
        const void* id = &stop_id_;
        t.base()->add_done_callback([this](asyncio::FutureBase&) { loop_.stop(); }, id);
        struct Remove {
            asyncio::FutureBase* f;
            const void* id;
            ~Remove() { f->remove_done_callback(id); }
        } remove{t.base(), id};
        const std::uint64_t chunk = 1000;
        const std::uint64_t start = loop_.iterations();
        while (true) {
            loop_.max_iterations = chunk;
            const std::uint64_t before = loop_.iterations();
            try {
                loop_.run_forever();
                return RunStatus::complete;
            } catch (const asyncio::EventLoopStalled&) {
                if (loop_.iterations() - before < chunk) return RunStatus::stalled;
            }
            if (loop_.iterations() - start >= limits.max_iterations) return RunStatus::step_limit;
            if (loop_.time() > limits.max_virtual_time) return RunStatus::time_limit;
        }
    }
    // asyncio.run's cleanup: cancel what is left and run it out (bounded).
    void shutdown() {
        loop_.max_iterations = 10000;
        try {
            asyncio::detail::cancel_all_tasks(loop_);
        } catch (...) {
        }
        loop_.max_iterations = 0;
        loop_.close();
    }

    // ---- exceptions
    std::optional<NativeException> describe_exception(const std::exception_ptr& e) {
        try {
            std::rethrow_exception(e);
        } catch (const asyncio::BaseException& x) {
            NativeException d;
            d.identity = &x;
            d.type = x.type_name();
            d.args = x.args;
            d.cause = x.cause;
            d.context = x.context;
            describe_group(x, d);
            return d;
        } catch (...) {
            return std::nullopt;
        }
    }

    // Interpreter exceptions as reference exceptions: the reference catches
    // CancelledError, KeyboardInterrupt and SystemExit by type.
    template <class Base>
    struct Script final : Base, ScriptExceptionTag {
        const char* type_name() const noexcept override { return script_exception->class_name.c_str(); }
    };
    std::exception_ptr make_exception(ExcObj& x) {
        auto make = [&]<class Base>(std::type_identity<Base>) {
            Script<Base> s;
            s.script_exception = &x;
            for (const auto& a : x.args)
                if (a.is_str()) s.args.push_back(a.str());
            return std::make_exception_ptr(std::move(s));
        };
        auto is = [&](std::string_view base) { return x.isinstance(base); };
        if (is("CancelledError")) return make(std::type_identity<asyncio::CancelledError>{});
        if (is("KeyboardInterrupt")) return make(std::type_identity<asyncio::KeyboardInterrupt>{});
        if (is("SystemExit")) return make(std::type_identity<asyncio::SystemExit>{});
        if (is("TimeoutError")) return make(std::type_identity<asyncio::TimeoutError>{});
        if (is("StopIteration")) return make(std::type_identity<asyncio::StopIteration>{});
        if (is("InvalidStateError")) return make(std::type_identity<asyncio::InvalidStateError>{});
        if (is("RuntimeError")) return make(std::type_identity<asyncio::RuntimeError>{});
        if (is("ValueError")) return make(std::type_identity<asyncio::ValueError>{});
        if (is("TypeError")) return make(std::type_identity<asyncio::TypeError>{});
        if (is("Exception")) return make(std::type_identity<asyncio::Exception>{});
        return make(std::type_identity<asyncio::BaseException>{});
    }

    asyncio::EventLoop& loop() { return loop_; }

private:
    static inline asyncio::Profile selected_profile_{};
    asyncio::EventLoop loop_{asyncio::Clock::virtual_, selected_profile_};
    std::function<void(std::string)> on_error_;
    std::vector<task_type> made_tasks_;
    std::vector<future_type> made_futures_;
    char stop_id_ = 0;
};

}  // namespace asyncspec
