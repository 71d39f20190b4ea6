// The loop's fd registry (private to the library): for each fd its reader and
// writer handles, as the selector's key data (reader, writer) in CPython.
#pragma once

#include <cstdint>
#include <vector>

#include "asyncio/detail/io_node.hpp"

namespace asyncio::detail {

struct IoRegistry {
    struct Entry {
        IoNode* reader = nullptr;
        IoNode* writer = nullptr;
        bool registered = false;  // known to epoll
    };
    std::vector<Entry> fds;  // indexed by fd

    Entry* find(int fd) {
        if (fd < 0 || static_cast<std::size_t>(fd) >= fds.size()) return nullptr;
        return &fds[static_cast<std::size_t>(fd)];
    }
    Entry& at(int fd) {
        if (static_cast<std::size_t>(fd) >= fds.size()) fds.resize(static_cast<std::size_t>(fd) + 1);
        return fds[static_cast<std::size_t>(fd)];
    }
};

}  // namespace asyncio::detail
