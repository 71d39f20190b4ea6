// The synchronisation family's per-run state, a member of the interpreter
// (Interpreter::sync_): its global lock, CPython's GIL (interp_sync.hpp says
// who holds it when). A plain type, included before the class; the family's
// extension (SyncExt) is interp_sync.hpp.
#pragma once

#include <mutex>
#include <thread>

namespace asyncspec {

// Per-run state of the family, a member of the interpreter.
struct SyncState {
    std::mutex gil;
    std::unique_lock<std::mutex> hold{gil, std::defer_lock};  // the loop thread's hold
    std::thread::id loop_thread;

    // The loop's thread: take the lock for the run.
    void start() {
        loop_thread = std::this_thread::get_id();
        if (!hold.owns_lock()) hold.lock();
    }
    // Before the adapter is destroyed (it joins its worker threads, which may
    // be waiting for the lock).
    void release() {
        if (hold.owns_lock()) hold.unlock();
    }
    void blocking(bool entering) {
        if (entering) {
            if (hold.owns_lock()) hold.unlock();
        } else if (!hold.owns_lock()) {
            hold.lock();
        }
    }
};

}  // namespace asyncspec
