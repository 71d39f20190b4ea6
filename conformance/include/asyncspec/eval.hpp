// The interpreter's own coroutine type (spec/IR.md, "Notes for interpreter
// authors": every evaluation that may await is a coroutine).
//
// An Eval<T> is lazy (nothing runs until it is awaited or started) and owns
// its frame. Awaiting one runs it at once inside the awaiter (a trampoline):
// if it finishes without suspending, the awaiter continues without a loop
// iteration and the stack is back where it was, so a long synchronous loop
// of IR statements uses constant stack even where the compiler does not turn
// symmetric transfer into a tail call (g++ under ASan). If it suspends, it
// resumes its awaiter by symmetric transfer when it finishes. It can await any awaitable of
// the implementation under test (the implementation resumes the innermost
// Eval frame directly), and a task of the implementation can await an Eval
// (the adapter's create_task wraps one in the implementation's coroutine).
#pragma once

#include <coroutine>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <optional>
#include <utility>

#include "asyncspec/value.hpp"

namespace asyncspec {

// ---- the native stack budget --------------------------------------------------
// An IR program nests without bound (deep expressions, recursion through calls
// and awaits, deeply nested values), and Eval frames awaited inline nest on the
// native stack. The interpreter marks the frame that starts a run on each
// thread (StackMark) and measures how far below it execution goes: past
// kStackRecursionLimit it raises Python's RecursionError, past kStackHardLimit
// an inline await throws RunError (status "error") instead of overflowing.
inline constexpr std::size_t kStackRecursionLimit = std::size_t(1) << 20;  // 1 MiB
inline constexpr std::size_t kStackHardLimit = std::size_t(3) << 19;       // 1.5 MiB

namespace detail {
inline std::uintptr_t& stack_mark() noexcept {
    static thread_local std::uintptr_t mark = 0;
    return mark;
}
}  // namespace detail

// Bytes of native stack used below this thread's mark (0 without a mark).
[[gnu::noinline]] inline std::size_t stack_used() noexcept {
    std::uintptr_t mark = detail::stack_mark();
    auto here = reinterpret_cast<std::uintptr_t>(__builtin_frame_address(0));
    if (!mark) return 0;
    return here < mark ? mark - here : here - mark;
}

// Marks the current frame as the base of this thread's budget, unless an
// outer mark exists (a nested run, a callback).
class StackMark {
public:
    StackMark() noexcept {
        if (!detail::stack_mark()) {
            detail::stack_mark() = reinterpret_cast<std::uintptr_t>(__builtin_frame_address(0));
            owner_ = true;
        }
    }
    ~StackMark() {
        if (owner_) detail::stack_mark() = 0;
    }
    StackMark(const StackMark&) = delete;
    StackMark& operator=(const StackMark&) = delete;

private:
    bool owner_ = false;
};

inline void check_stack_hard_limit() {
    if (stack_used() > kStackHardLimit) throw RunError("native stack exhausted: the program nests too deeply");
}

template <class T>
class [[nodiscard]] Eval {
public:
    struct promise_type {
        std::coroutine_handle<> continuation;
        bool running_inline = false;  // inside Awaiter::await_suspend's resume()
        std::exception_ptr exception;
        std::optional<T> value;

        Eval get_return_object() noexcept { return Eval(Handle::from_promise(*this)); }
        std::suspend_always initial_suspend() noexcept { return {}; }
        struct FinalAwaiter {
            bool await_ready() const noexcept { return false; }
            std::coroutine_handle<> await_suspend(std::coroutine_handle<promise_type> h) const noexcept {
                auto& p = h.promise();
                // Finished inside the awaiter's resume(): return there.
                if (p.running_inline) return std::noop_coroutine();
                if (p.continuation) return p.continuation;
                return std::noop_coroutine();
            }
            void await_resume() const noexcept {}
        };
        FinalAwaiter final_suspend() noexcept { return {}; }
        void unhandled_exception() noexcept { exception = std::current_exception(); }
        template <class V>
        void return_value(V&& v) {
            value.emplace(std::forward<V>(v));
        }
    };
    using Handle = std::coroutine_handle<promise_type>;

    Eval() = default;
    explicit Eval(Handle h) : h_(h) {}
    Eval(Eval&& o) noexcept : h_(std::exchange(o.h_, {})) {}
    Eval& operator=(Eval&& o) noexcept {
        if (this != &o) {
            reset();
            h_ = std::exchange(o.h_, {});
        }
        return *this;
    }
    Eval(const Eval&) = delete;
    Eval& operator=(const Eval&) = delete;
    ~Eval() { reset(); }

    explicit operator bool() const { return static_cast<bool>(h_); }

    struct Awaiter {
        Handle h;
        bool await_ready() const noexcept { return false; }
        // Runs the child now; false (continue the awaiter) if it finished.
        // Only the thread holding the interpreter resumes Eval frames, so
        // nothing can resume the child between its suspension and the flag
        // being cleared. Throws (into the awaiting frame) rather than nest
        // past the stack budget.
        bool await_suspend(std::coroutine_handle<> awaiting) {
            check_stack_hard_limit();
            auto& p = h.promise();
            p.continuation = awaiting;
            p.running_inline = true;
            h.resume();
            if (h.done()) return false;
            p.running_inline = false;
            return true;
        }
        T await_resume() {
            auto& p = h.promise();
            if (p.exception) std::rethrow_exception(std::exchange(p.exception, nullptr));
            return std::move(*p.value);
        }
    };
    Awaiter operator co_await() && { return Awaiter{h_}; }

    // Runs the body synchronously (a sync IR function, a callback). Returns
    // false if it suspended instead of finishing (an await in a sync context).
    bool run_sync() {
        check_stack_hard_limit();
        h_.resume();
        return h_.done();
    }
    // After run_sync() returned true: the result, or the exception rethrown.
    T take() {
        auto& p = h_.promise();
        if (p.exception) std::rethrow_exception(std::exchange(p.exception, nullptr));
        return std::move(*p.value);
    }

private:
    void reset() {
        if (h_) std::exchange(h_, {}).destroy();
    }
    Handle h_;
};

}  // namespace asyncspec
