// The event loop (Lib/asyncio/base_events.py: BaseEventLoop, _run_once).
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "asyncio/detail/io_node.hpp"
#include "asyncio/events.hpp"
#include "asyncio/exceptions.hpp"
#include "asyncio/profile.hpp"

namespace asyncio {

class TaskBase;
class ThreadPoolExecutor;
namespace detail {
struct IoRegistry;
}

// loop.set_task_factory(factory): create_task hands each new task (its
// coroutine bound, not started) to the factory, which starts it lazily or
// eagerly (tasks.hpp: TaskBase::start_lazy / start_eager) and names it.
// C++ has no Task subclasses to construct, so starting is all a factory does.
// eager_start: create_task's keyword passed on (3.14+), nullopt when not given.
using TaskFactory = void (*)(EventLoop& loop, TaskBase& task, std::optional<std::string> name,
                             std::optional<bool> eager_start);

enum class Clock {
    monotonic,  // real time (CLOCK_MONOTONIC); idle waits block in epoll_wait
    virtual_,   // starts at 0 and jumps to the next timer when nothing is ready
};

// What call_exception_handler receives (the `context` dict of CPython).
struct ExceptionContext {
    std::string message;
    std::exception_ptr exception;
};

// Raised by a virtual-clock loop that has nothing ready, no timer and no
// outstanding cross-thread work: it would block forever (CPython would hang
// in select(None)); the reference reports it instead.
class EventLoopStalled : public RuntimeError {
public:
    using RuntimeError::RuntimeError;
    const char* type_name() const noexcept override { return "EventLoopStalled"; }
};

class EventLoop {
public:
    explicit EventLoop(Clock clock = Clock::monotonic, Profile profile = Profile());
    ~EventLoop();
    EventLoop(const EventLoop&) = delete;
    EventLoop& operator=(const EventLoop&) = delete;

    // loop.time.monotonic; virtual clocks start at 0.
    double time() const;
    Clock clock() const { return clock_; }
    // The CPython version whose behaviour this loop reproduces (profile.hpp;
    // default 3.13): code that differs between versions asks
    // `loop.profile().rule()`. Set it before the loop runs anything.
    Profile profile() const { return profile_; }
    void set_profile(Profile profile) { profile_ = profile; }

    // loop.call-soon.fifo: append to the ready queue; handles run FIFO.
    template <class F>
    Handle call_soon(F&& fn) {
        HandleNode* node = make_node(std::forward<F>(fn));
        push_ready(node);
        return Handle(node);
    }
    // loop.time.call-later-is-call-at: call_later(d) = call_at(time() + d).
    template <class F>
    TimerHandle call_later(double delay, F&& fn) {
        return call_at(time() + delay, std::forward<F>(fn));
    }
    template <class F>
    TimerHandle call_at(double when, F&& fn) {
        HandleNode* node = make_node(std::forward<F>(fn));
        node->when = when;
        push_timer(node);
        return TimerHandle(node);
    }
    // From any thread; wakes the loop through its eventfd.
    // threads.call-soon-threadsafe.fifo: from inside the running loop it is
    // call_soon (same FIFO, cancellable Handle). Otherwise (another thread,
    // or the loop is not running) the callback joins the ready queue at the
    // loop's next iteration and the returned Handle is empty (handles are
    // not thread-safe).
    template <class F>
    Handle call_soon_threadsafe(F&& fn) {
        if (running() == this) {
            if (closed_) throw RuntimeError("Event loop is closed");
            return call_soon(std::forward<F>(fn));
        }
        // The loop's pool is per thread: allocate with new, run on the loop.
        auto* node = new ThreadsafeNode<std::decay_t<F>>(std::forward<F>(fn));
        enqueue_threadsafe(node);
        return Handle();
    }

    // I/O readiness (selector_events.py; here selector_events.cpp over the
    // loop's epoll, level-triggered). A registered callback runs as a ready
    // handle in each iteration whose poll reports the fd, queued before the
    // due timers (_run_once: _process_events, then the timers). As in
    // CPython, add_reader on an fd that has a reader replaces (and cancels)
    // the old callback; remove_* returns whether one was registered.
    template <class F>
    void add_reader(int fd, F&& fn) {
        add_io(fd, false, std::function<void()>(std::forward<F>(fn)));
    }
    template <class F>
    void add_writer(int fd, F&& fn) {
        add_io(fd, true, std::function<void()>(std::forward<F>(fn)));
    }
    bool remove_reader(int fd) { return remove_io(fd, false); }
    bool remove_writer(int fd) { return remove_io(fd, true); }
    std::size_t io_registration_count() const { return io_count_; }

    void run_forever();
    // Finish the current iteration, then return from run_forever.
    void stop() { stopping_ = true; }
    bool is_running() const { return running_; }
    void close();
    bool is_closed() const { return closed_; }

    // loop.callback.exception-continues: a callback that raises goes here and the loop continues.
    using ExceptionHandler = std::function<void(EventLoop&, const ExceptionContext&)>;
    void set_exception_handler(ExceptionHandler handler) { exception_handler_ = std::move(handler); }
    void call_exception_handler(const ExceptionContext& context) noexcept;
    static void default_exception_handler(const ExceptionContext& context) noexcept;

    // Debug mode: slow-callback warnings and diagnostics go to the warning sink.
    void set_debug(bool enabled) { debug_ = enabled; }
    bool get_debug() const { return debug_; }
    double slow_callback_duration = 0.1;
    using WarningSink = std::function<void(std::string_view)>;
    void set_warning_sink(WarningSink sink) { warning_sink_ = std::move(sink); }
    void warn(std::string_view message) const;

    // Work done on other threads that will come back with
    // call_soon_threadsafe (executors): a virtual-clock loop waits for it
    // instead of reporting a stall.
    void add_external_work() { external_work_.fetch_add(1, std::memory_order_relaxed); }
    void done_external_work() { external_work_.fetch_sub(1, std::memory_order_relaxed); }
    // Called with true right before the loop's thread blocks waiting for
    // events (a wait with a non-zero timeout) and with false right after: an
    // embedding interpreter releases its global lock meanwhile (the
    // conformance runner's threads, conformance/include/asyncspec/interp_sync.hpp).
    void (*blocking_hook)(void* context, bool blocking) = nullptr;
    void* blocking_hook_context = nullptr;

    // The default executor of run_in_executor/to_thread (threads.hpp creates
    // it on first use); close() shuts it down without waiting, the
    // destructor joins its threads.
    std::unique_ptr<ThreadPoolExecutor> default_executor;
    bool executor_shutdown_called = false;

    // ---- used by futures and tasks -------------------------------------
    // Appends an entry to the ready queue (what call_soon does with a handle).
    void push_ready(ReadyNode* node) noexcept {
        node->next = nullptr;
        if (ready_tail_)
            ready_tail_->next = node;
        else
            ready_head_ = node;
        ready_tail_ = node;
        ++ready_count_;
    }
    TaskBase* current_task() const { return current_task_; }
    void set_current_task(TaskBase* task) { current_task_ = task; }
    std::uint64_t next_task_number() { return ++task_counter_; }
    // loop.set_task_factory / get_task_factory (nullptr: the default, lazy).
    void set_task_factory(TaskFactory factory) { task_factory_ = factory; }
    TaskFactory get_task_factory() const { return task_factory_; }
    // Live (not done) tasks, an intrusive list (all_tasks()).
    void register_task(TaskBase* task);
    void unregister_task(TaskBase* task);
    template <class F>
    void for_each_task(F&& f) const;
    std::size_t ready_count() const { return ready_count_; }
    std::size_t timer_count() const { return scheduled_.size(); }
    // Number of _run_once iterations so far (diagnostics, step limits).
    std::uint64_t iterations() const { return iterations_; }
    // Step limit: run_forever raises EventLoopStalled after this many
    // iterations (0 = unlimited); a guard against endless programs.
    std::uint64_t max_iterations = 0;

    // The loop running on this thread, or nullptr (events.get_running_loop).
    static EventLoop* running() noexcept;
    // True if `loop` has not been destroyed (for late diagnostics).
    static bool alive(const EventLoop* loop) noexcept;

    // One iteration (loop.iteration.snapshot). Public for tests that count iterations.
    void run_once();

private:
    template <class F>
    HandleNode* make_node(F&& fn) {
        HandleNode* node = detail::make_callback_node(std::forward<F>(fn));
        node->loop = this;
        return node;
    }

    struct ThreadsafeBase {
        ThreadsafeBase* next = nullptr;
        virtual ~ThreadsafeBase() = default;
        virtual void invoke() = 0;
    };
    template <class F>
    struct ThreadsafeNode final : ThreadsafeBase {
        F fn;
        explicit ThreadsafeNode(F&& f) : fn(std::move(f)) {}
        explicit ThreadsafeNode(const F& f) : fn(f) {}
        void invoke() override { fn(); }
    };

    void push_timer(HandleNode* node);
    void enqueue_threadsafe(ThreadsafeBase* node);
    void drain_threadsafe();
    void wait_for_events(double timeout);  // timeout < 0: infinite
    void add_io(int fd, bool write, std::function<void()> fn);
    bool remove_io(int fd, bool write);
    void process_io_event(int fd, std::uint32_t events);
    void close_io() noexcept;
    void run_handle(ReadyNode* node);
    friend class Handle;
    void timer_cancelled() { ++timer_cancelled_count_; }

    // heapq, exactly as CPython's (so equal deadlines pop in CPython's order).
    void heap_push(HandleNode* node);
    HandleNode* heap_pop();
    void heapify();
    void sift_down(std::size_t start, std::size_t pos);
    void sift_up(std::size_t pos);

    Clock clock_;
    Profile profile_;
    double virtual_now_ = 0.0;
    double clock_resolution_ = 1e-9;

    ReadyNode* ready_head_ = nullptr;
    ReadyNode* ready_tail_ = nullptr;
    std::size_t ready_count_ = 0;
    std::vector<HandleNode*> scheduled_;  // the timer heap
    std::size_t timer_cancelled_count_ = 0;

    bool running_ = false;
    bool stopping_ = false;
    bool closed_ = false;
    bool debug_ = false;
    std::uint64_t iterations_ = 0;

    TaskBase* current_task_ = nullptr;
    TaskBase* tasks_head_ = nullptr;
    std::uint64_t task_counter_ = 0;
    TaskFactory task_factory_ = nullptr;

    ExceptionHandler exception_handler_;
    WarningSink warning_sink_;

    // Cross-thread wake-up.
    int epoll_fd_ = -1;
    int event_fd_ = -1;
    std::mutex threadsafe_mutex_;
    ThreadsafeBase* threadsafe_head_ = nullptr;
    ThreadsafeBase* threadsafe_tail_ = nullptr;
    std::atomic<bool> threadsafe_pending_{false};
    std::atomic<bool> sleeping_{false};
    std::atomic<long> external_work_{0};
    // Registered fds (selector_events.cpp).
    std::unique_ptr<detail::IoRegistry> io_;
    std::size_t io_count_ = 0;
};

// events.get_running_loop(): RuntimeError when no loop runs on this thread.
EventLoop& get_running_loop();

}  // namespace asyncio
