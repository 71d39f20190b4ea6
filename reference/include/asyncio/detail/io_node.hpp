// The handle of a registered fd callback (add_reader/add_writer): unlike a
// call_soon handle it runs every time its fd is reported ready, until it is
// removed (cancelled). Reference counted: one reference for the loop's fd
// registry, one while queued in the ready queue (where it is at most once:
// an fd is reported once per poll).
#pragma once

#include <cstdint>
#include <functional>
#include <utility>

#include "asyncio/events.hpp"

namespace asyncio::detail {

struct IoNode final : ReadyNode {
    explicit IoNode(std::function<void()> f) : fn(std::move(f)) {
        run = &IoNode::run_node;
        drop = &IoNode::drop_node;
    }
    void release() {
        if (--refs == 0) delete this;
    }
    static void run_node(ReadyNode* n) {
        auto* self = static_cast<IoNode*>(n);
        self->queued = false;
        struct Release {
            IoNode* s;
            ~Release() { s->release(); }
        } release{self};
        self->fn();
    }
    static void drop_node(ReadyNode* n) {
        auto* self = static_cast<IoNode*>(n);
        self->queued = false;
        self->release();
    }

    std::function<void()> fn;
    std::uint32_t refs = 1;
    bool queued = false;
};

}  // namespace asyncio::detail
