// Handles (Lib/asyncio/events.py: Handle, TimerHandle) and the ready-queue
// node they are built on.
#pragma once

#include <cstddef>
#include <cstdint>
#include <new>
#include <type_traits>
#include <utility>

#include "asyncio/detail/pool.hpp"

namespace asyncio {

class EventLoop;

// One entry of the loop's ready queue (an intrusive FIFO). Tasks embed one
// for their wakeup, so scheduling a task step never allocates; call_soon
// allocates a CallbackNode from the pool.
struct ReadyNode {
    ReadyNode* next = nullptr;
    // Runs the entry; the queue's reference is released afterwards.
    void (*run)(ReadyNode*) = nullptr;
    // Releases the queue's reference without running (cancelled, loop gone).
    void (*drop)(ReadyNode*) = nullptr;
    // loop.handle.cancel: a cancelled entry is skipped (dropped) when popped.
    bool cancelled = false;
};

// A callback scheduled with call_soon/call_later/call_at. Reference counted:
// one reference for the queue or timer heap, one per live Handle.
struct HandleNode : ReadyNode {
    double when = 0;          // TimerHandle only
    EventLoop* loop = nullptr;
    std::uint32_t refs = 1;
    bool scheduled = false;   // in the timer heap (TimerHandle._scheduled)
    bool in_call = false;     // the callback is running (it may cancel itself)
    bool fn_alive = true;
    void (*destroy_fn)(HandleNode*) = nullptr;  // drop the callback early
    void (*free_node)(HandleNode*) = nullptr;

    void release() {
        if (--refs == 0) free_node(this);
    }
};

namespace detail {

template <class F>
struct CallbackNode final : HandleNode {
    union {
        F fn;
    };

    explicit CallbackNode(F&& f) {
        ::new (&fn) F(std::move(f));
        run = &CallbackNode::run_node;
        drop = &CallbackNode::drop_node;
        destroy_fn = &CallbackNode::destroy;
        free_node = &CallbackNode::free;
    }
    ~CallbackNode() {}

    static void destroy(HandleNode* h) {
        auto* self = static_cast<CallbackNode*>(h);
        if (self->fn_alive) {
            self->fn_alive = false;
            self->fn.~F();
        }
    }
    static void free(HandleNode* h) {
        auto* self = static_cast<CallbackNode*>(h);
        destroy(self);
        self->~CallbackNode();
        Pool::deallocate(self, sizeof(CallbackNode));
    }
    static void run_node(ReadyNode* n) {
        auto* self = static_cast<CallbackNode*>(n);
        struct Release {
            CallbackNode* s;
            ~Release() {
                s->in_call = false;
                destroy(s);
                s->release();
            }
        } release{self};
        self->in_call = true;
        self->fn();
        self->in_call = false;
    }
    static void drop_node(ReadyNode* n) {
        auto* self = static_cast<CallbackNode*>(n);
        destroy(self);
        self->release();
    }
};

template <class F>
CallbackNode<std::decay_t<F>>* make_callback_node(F&& f) {
    using Node = CallbackNode<std::decay_t<F>>;
    void* mem = Pool::allocate(sizeof(Node));
    return ::new (mem) Node(std::decay_t<F>(std::forward<F>(f)));
}

}  // namespace detail

// Handle returned by call_soon: cancel() before it runs skips it (loop.handle.cancel).
class Handle {
public:
    Handle() = default;
    explicit Handle(HandleNode* node) : node_(node) {
        if (node_) ++node_->refs;
    }
    Handle(const Handle& o) : Handle(o.node_) {}
    Handle(Handle&& o) noexcept : node_(std::exchange(o.node_, nullptr)) {}
    Handle& operator=(Handle o) noexcept {
        std::swap(node_, o.node_);
        return *this;
    }
    ~Handle() {
        if (node_) node_->release();
    }

    // loop.handle.cancel: a cancelled handle is skipped when popped; the callback (and
    // whatever it captured) is released at once, as CPython drops callback+args.
    void cancel();
    bool cancelled() const { return node_ && node_->cancelled; }

protected:
    HandleNode* node_ = nullptr;
};

// Handle of call_later/call_at.
class TimerHandle : public Handle {
public:
    using Handle::Handle;
    double when() const { return node_ ? node_->when : 0.0; }
};

}  // namespace asyncio
