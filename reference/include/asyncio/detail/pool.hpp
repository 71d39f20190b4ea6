// A per-thread free-list allocator by size class, so that handles and
// coroutine frames are recycled instead of going to malloc in steady state.
// Sanitizer builds define ASYNCIO_NO_POOL so every block is a real
// allocation that ASan can track.
#pragma once

#include <cstddef>
#include <new>

namespace asyncio::detail {

class Pool {
public:
    static constexpr std::size_t kGranule = 16;
    static constexpr std::size_t kClasses = 64;  // blocks up to 1 KiB are pooled

    static void* allocate(std::size_t n) {
#ifndef ASYNCIO_NO_POOL
        const std::size_t c = (n + kGranule - 1) / kGranule;
        if (c < kClasses) {
            Pool& p = local();
            if (FreeBlock* b = p.heads_[c]) {
                p.heads_[c] = b->next;
                return b;
            }
            return ::operator new(c * kGranule);
        }
#endif
        return ::operator new(n);
    }

    static void deallocate(void* ptr, std::size_t n) noexcept {
#ifndef ASYNCIO_NO_POOL
        const std::size_t c = (n + kGranule - 1) / kGranule;
        if (c < kClasses) {
            Pool& p = local();
            auto* b = static_cast<FreeBlock*>(ptr);
            b->next = p.heads_[c];
            p.heads_[c] = b;
            return;
        }
#endif
        ::operator delete(ptr, n);
    }

private:
    struct FreeBlock {
        FreeBlock* next;
    };
    FreeBlock* heads_[kClasses] = {};

    Pool() = default;
    ~Pool() {
        for (std::size_t c = 0; c < kClasses; ++c) {
            while (FreeBlock* b = heads_[c]) {
                heads_[c] = b->next;
                ::operator delete(b, c * kGranule);
            }
        }
    }
    static Pool& local() {
        thread_local Pool pool;
        return pool;
    }
};

}  // namespace asyncio::detail
