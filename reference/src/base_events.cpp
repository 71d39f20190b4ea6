// Lib/asyncio/base_events.py: the loop's iteration (_run_once), timers,
// stop/close, the exception handler; plus the cross-thread wake-up that
// selector_events.py does with a self-pipe (here an eventfd in epoll).
#include "asyncio/base_events.hpp"

#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>

#include "asyncio/tasks.hpp"
#include "asyncio/threads.hpp"
#include "selector_events_impl.hpp"

namespace asyncio {

namespace {
thread_local EventLoop* t_running_loop = nullptr;

std::mutex g_alive_mutex;
std::vector<const EventLoop*>& alive_loops() {
    static std::vector<const EventLoop*> loops;
    return loops;
}

// base_events._MIN_SCHEDULED_TIMER_HANDLES / _MIN_CANCELLED_TIMER_HANDLES_FRACTION
constexpr std::size_t kMinScheduledTimerHandles = 100;
constexpr double kMinCancelledTimerHandlesFraction = 0.5;
// base_events.MAXIMUM_SELECT_TIMEOUT
constexpr double kMaximumSelectTimeout = 24 * 3600;

double monotonic_seconds() {
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}
}  // namespace

void Handle::cancel() {
    if (!node_ || node_->cancelled) return;
    node_->cancelled = true;
    if (!node_->in_call) node_->destroy_fn(node_);
    // base_events._timer_handle_cancelled
    if (node_->scheduled) node_->loop->timer_cancelled();
}

EventLoop::EventLoop(Clock clock, Profile profile) : clock_(clock), profile_(profile) {
    epoll_fd_ = epoll_create1(EPOLL_CLOEXEC);
    event_fd_ = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    if (epoll_fd_ < 0 || event_fd_ < 0) throw RuntimeError("cannot create epoll/eventfd");
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.fd = event_fd_;
    epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, event_fd_, &ev);
    std::lock_guard lock(g_alive_mutex);
    alive_loops().push_back(this);
}

EventLoop::~EventLoop() {
    if (!closed_) close();
    // Join the executor's threads while the loop is still intact: a job that
    // finishes now finds the loop closed and is freed by the executor.
    default_executor.reset();
    close_io();
    // Tasks still pending hold their frames; the loop's references go now.
    while (tasks_head_) {
        TaskBase* task = tasks_head_;
        unregister_task(task);
    }
    {
        std::lock_guard lock(g_alive_mutex);
        auto& loops = alive_loops();
        loops.erase(std::remove(loops.begin(), loops.end(), this), loops.end());
    }
    ::close(event_fd_);
    ::close(epoll_fd_);
}

EventLoop* EventLoop::running() noexcept { return t_running_loop; }

bool EventLoop::alive(const EventLoop* loop) noexcept {
    std::lock_guard lock(g_alive_mutex);
    const auto& loops = alive_loops();
    return std::find(loops.begin(), loops.end(), loop) != loops.end();
}

EventLoop& get_running_loop() {
    if (!t_running_loop) throw RuntimeError("no running event loop");
    return *t_running_loop;
}

double EventLoop::time() const {
    return clock_ == Clock::virtual_ ? virtual_now_ : monotonic_seconds();
}

void EventLoop::push_timer(HandleNode* node) {
    node->scheduled = true;
    heap_push(node);
}

// ---- heapq, ported line by line from Lib/heapq.py -------------------------
// TimerHandle.__lt__ compares `when` only, so ties fall where heapq puts them.

void EventLoop::heap_push(HandleNode* node) {
    scheduled_.push_back(node);
    sift_down(0, scheduled_.size() - 1);
}

HandleNode* EventLoop::heap_pop() {
    HandleNode* last = scheduled_.back();
    scheduled_.pop_back();
    if (scheduled_.empty()) return last;
    HandleNode* top = scheduled_[0];
    scheduled_[0] = last;
    sift_up(0);
    return top;
}

void EventLoop::heapify() {
    for (std::size_t i = scheduled_.size() / 2; i-- > 0;) sift_up(i);
}

// heapq._siftdown: move the item at pos up towards start.
void EventLoop::sift_down(std::size_t start, std::size_t pos) {
    HandleNode* item = scheduled_[pos];
    while (pos > start) {
        const std::size_t parent_pos = (pos - 1) >> 1;
        HandleNode* parent = scheduled_[parent_pos];
        if (item->when < parent->when) {
            scheduled_[pos] = parent;
            pos = parent_pos;
            continue;
        }
        break;
    }
    scheduled_[pos] = item;
}

// heapq._siftup: bubble the smaller child up to a leaf, then _siftdown.
void EventLoop::sift_up(std::size_t pos) {
    const std::size_t end = scheduled_.size();
    const std::size_t start = pos;
    HandleNode* item = scheduled_[pos];
    std::size_t child = 2 * pos + 1;
    while (child < end) {
        const std::size_t right = child + 1;
        if (right < end && !(scheduled_[child]->when < scheduled_[right]->when)) child = right;
        scheduled_[pos] = scheduled_[child];
        pos = child;
        child = 2 * pos + 1;
    }
    scheduled_[pos] = item;
    sift_down(start, pos);
}

// ---- one iteration ---------------------------------------------------------

// loop.iteration.snapshot: drop cancelled timers at the head (or rebuild the
// heap when most are cancelled); wait for I/O only if nothing is ready; move
// due timers behind the handles already ready (loop.timer.behind-ready); run
// exactly the handles ready at that moment, anything scheduled meanwhile
// waits for the next iteration.
void EventLoop::run_once() {
    ++iterations_;
    const std::size_t sched_count = scheduled_.size();
    if (sched_count > kMinScheduledTimerHandles &&
        static_cast<double>(timer_cancelled_count_) / static_cast<double>(sched_count) >
            kMinCancelledTimerHandlesFraction) {
        std::vector<HandleNode*> kept;
        kept.reserve(sched_count);
        for (HandleNode* h : scheduled_) {
            if (h->cancelled) {
                h->scheduled = false;
                h->release();
            } else {
                kept.push_back(h);
            }
        }
        scheduled_.swap(kept);
        heapify();
        timer_cancelled_count_ = 0;
    } else {
        while (!scheduled_.empty() && scheduled_[0]->cancelled) {
            --timer_cancelled_count_;
            HandleNode* h = heap_pop();
            h->scheduled = false;
            h->release();
        }
    }

    if (threadsafe_pending_.load(std::memory_order_acquire)) drain_threadsafe();

    // The loop never makes a syscall while work is ready, unless fds are
    // registered: then it polls every iteration, as CPython's select(0).
    if (ready_count_ == 0 && !stopping_) {
        if (!scheduled_.empty()) {
            if (clock_ == Clock::virtual_) {
                if (io_count_) wait_for_events(0);
                if (ready_count_ == 0) virtual_now_ = std::max(virtual_now_, scheduled_[0]->when);
            } else {
                const double timeout = std::min(std::max(0.0, scheduled_[0]->when - time()), kMaximumSelectTimeout);
                wait_for_events(timeout);
            }
        } else if (clock_ == Clock::virtual_ && external_work_.load(std::memory_order_acquire) == 0 &&
                   !threadsafe_pending_.load(std::memory_order_acquire) && io_count_ == 0) {
            throw EventLoopStalled("virtual-time loop has nothing ready and no timer: it would block forever");
        } else {
            wait_for_events(-1);
        }
        if (threadsafe_pending_.load(std::memory_order_acquire)) drain_threadsafe();
    } else if (io_count_) {
        wait_for_events(0);
    }

    if (!scheduled_.empty()) {
        const double end_time = time() + clock_resolution_;
        while (!scheduled_.empty()) {
            if (scheduled_[0]->when >= end_time) break;
            HandleNode* h = heap_pop();
            h->scheduled = false;
            push_ready(h);  // the heap's reference becomes the queue's
        }
    }

    const std::size_t ntodo = ready_count_;
    for (std::size_t i = 0; i < ntodo; ++i) {
        ReadyNode* node = ready_head_;
        ready_head_ = node->next;
        if (!ready_head_) ready_tail_ = nullptr;
        --ready_count_;
        if (node->cancelled) {
            node->drop(node);
            continue;
        }
        run_handle(node);
    }
}

// loop.callback.exception-continues: exceptions of a callback go to the exception handler and the loop
// continues; KeyboardInterrupt and SystemExit propagate out of run_forever.
void EventLoop::run_handle(ReadyNode* node) {
    const double t0 = debug_ ? monotonic_seconds() : 0.0;
    try {
        node->run(node);
    } catch (const KeyboardInterrupt&) {
        throw;
    } catch (const SystemExit&) {
        throw;
    } catch (...) {
        call_exception_handler({"Exception in callback", std::current_exception()});
    }
    if (!debug_) return;
    // Debug mode: a callback slower than slow_callback_duration is reported.
    const double dt = monotonic_seconds() - t0;
    if (dt >= slow_callback_duration) {
        char buf[96];
        std::snprintf(buf, sizeof buf, "Executing callback took %.3f seconds", dt);
        warn(buf);
    }
}

void EventLoop::run_forever() {
    if (closed_) throw RuntimeError("Event loop is closed");
    if (running_) throw RuntimeError("This event loop is already running");
    if (t_running_loop) throw RuntimeError("Cannot run the event loop while another loop is running");
    struct Running {
        EventLoop* loop;
        explicit Running(EventLoop* l) : loop(l) {
            loop->running_ = true;
            t_running_loop = l;
        }
        ~Running() {
            loop->running_ = false;
            loop->stopping_ = false;
            t_running_loop = nullptr;
        }
    } running(this);
    const std::uint64_t start = iterations_;
    while (true) {
        run_once();
        if (stopping_) break;
        if (max_iterations && iterations_ - start >= max_iterations)
            throw EventLoopStalled("step limit reached");
    }
}

void EventLoop::close() {
    if (running_) throw RuntimeError("Cannot close a running event loop");
    if (closed_) return;
    {
        std::lock_guard lock(threadsafe_mutex_);  // enqueue_threadsafe reads it from other threads
        closed_ = true;
    }
    // BaseEventLoop.close: executor.shutdown(wait=False).
    executor_shutdown_called = true;
    if (default_executor) default_executor->shutdown(false);
    while (ready_head_) {
        ReadyNode* node = ready_head_;
        ready_head_ = node->next;
        node->drop(node);
    }
    ready_tail_ = nullptr;
    ready_count_ = 0;
    for (HandleNode* h : scheduled_) {
        h->scheduled = false;
        h->release();
    }
    scheduled_.clear();
    std::lock_guard lock(threadsafe_mutex_);
    while (threadsafe_head_) {
        ThreadsafeBase* n = threadsafe_head_;
        threadsafe_head_ = n->next;
        delete n;
    }
    threadsafe_tail_ = nullptr;
}

void EventLoop::call_exception_handler(const ExceptionContext& context) noexcept {
    if (!exception_handler_) {
        default_exception_handler(context);
        return;
    }
    try {
        exception_handler_(*this, context);
    } catch (...) {
        // CPython logs an error in the handler itself and goes on.
        default_exception_handler({"Unhandled error in exception handler", std::current_exception()});
    }
}

void EventLoop::default_exception_handler(const ExceptionContext& context) noexcept {
    std::fprintf(stderr, "asyncio: %s", context.message.c_str());
    if (context.exception) std::fprintf(stderr, ": %s", exception_repr(context.exception).c_str());
    std::fputc('\n', stderr);
}

void EventLoop::warn(std::string_view message) const {
    if (warning_sink_) {
        warning_sink_(message);
        return;
    }
    std::fprintf(stderr, "asyncio warning: %.*s\n", static_cast<int>(message.size()), message.data());
}

// ---- cross-thread --------------------------------------------------------

void EventLoop::enqueue_threadsafe(ThreadsafeBase* node) {
    {
        std::lock_guard lock(threadsafe_mutex_);
        if (closed_) {
            delete node;
            throw RuntimeError("Event loop is closed");
        }
        if (threadsafe_tail_)
            threadsafe_tail_->next = node;
        else
            threadsafe_head_ = node;
        threadsafe_tail_ = node;
    }
    threadsafe_pending_.store(true, std::memory_order_seq_cst);
    // Dekker pairing with wait_for_events: one of us sees the other's flag.
    if (sleeping_.load(std::memory_order_seq_cst)) {
        const std::uint64_t one = 1;
        [[maybe_unused]] ssize_t n = ::write(event_fd_, &one, sizeof one);
    }
}

void EventLoop::drain_threadsafe() {
    ThreadsafeBase* head;
    {
        std::lock_guard lock(threadsafe_mutex_);
        threadsafe_pending_.store(false, std::memory_order_relaxed);
        head = threadsafe_head_;
        threadsafe_head_ = threadsafe_tail_ = nullptr;
    }
    // Each becomes an ordinary handle at the end of the ready queue.
    while (head) {
        ThreadsafeBase* n = head;
        head = head->next;
        n->next = nullptr;
        call_soon([n] {
            struct Free {
                ThreadsafeBase* p;
                ~Free() { delete p; }
            } free{n};
            n->invoke();
        });
    }
}

void EventLoop::wait_for_events(double timeout) {
    sleeping_.store(true, std::memory_order_seq_cst);
    // With fds registered, poll even when cross-thread work is pending.
    const bool pending = threadsafe_pending_.load(std::memory_order_seq_cst);
    if (!pending || io_count_) {
        if (pending) timeout = 0;
        constexpr int kMaxEvents = 256;
        epoll_event events[kMaxEvents];
        int n;
        const bool hook = blocking_hook && timeout != 0;
        if (hook) blocking_hook(blocking_hook_context, true);
        if (timeout < 0) {
            n = epoll_pwait2(epoll_fd_, events, kMaxEvents, nullptr, nullptr);
            if (n < 0 && errno == ENOSYS) n = epoll_wait(epoll_fd_, events, kMaxEvents, -1);
        } else {
            timespec ts{};
            ts.tv_sec = static_cast<time_t>(timeout);
            ts.tv_nsec = static_cast<long>((timeout - static_cast<double>(ts.tv_sec)) * 1e9);
            n = epoll_pwait2(epoll_fd_, events, kMaxEvents, &ts, nullptr);
            if (n < 0 && errno == ENOSYS)  // kernels before 5.11: millisecond waits, rounded up
                n = epoll_wait(epoll_fd_, events, kMaxEvents, static_cast<int>(std::ceil(timeout * 1e3)));
        }
        if (hook) blocking_hook(blocking_hook_context, false);
        for (int i = 0; i < n; ++i) {
            if (events[i].data.fd == event_fd_) {
                std::uint64_t value;
                [[maybe_unused]] ssize_t r = ::read(event_fd_, &value, sizeof value);
            } else {
                process_io_event(events[i].data.fd, events[i].events);  // BaseSelectorEventLoop._process_events
            }
        }
    }
    sleeping_.store(false, std::memory_order_seq_cst);
}

}  // namespace asyncio
