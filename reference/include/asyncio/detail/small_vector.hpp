// A vector with inline room for N elements: a future's done-callback list
// almost always holds one entry (the awaiting task), which must not allocate.
#pragma once

#include <cstddef>
#include <type_traits>
#include <vector>

namespace asyncio::detail {

template <class T, std::size_t N>
class SmallVector {
    static_assert(std::is_trivially_copyable_v<T>);

public:
    std::size_t size() const { return size_; }
    bool empty() const { return size_ == 0; }
    T* begin() { return data(); }
    T* end() { return data() + size_; }
    T& operator[](std::size_t i) { return data()[i]; }

    void push_back(const T& v) {
        if (size_ < N) {
            inline_[size_++] = v;
            return;
        }
        if (size_ == N) spill_.assign(inline_, inline_ + N);
        spill_.push_back(v);
        ++size_;
    }
    // Removes the elements matching pred, keeping order; returns how many.
    template <class Pred>
    std::size_t erase_if(Pred pred) {
        T* d = data();
        std::size_t out = 0;
        for (std::size_t i = 0; i < size_; ++i)
            if (!pred(d[i])) d[out++] = d[i];
        const std::size_t removed = size_ - out;
        resize_down(out);
        return removed;
    }
    void clear() {
        size_ = 0;
        spill_.clear();
    }

private:
    T* data() { return size_ > N ? spill_.data() : inline_; }
    void resize_down(std::size_t n) {
        if (size_ > N && n <= N) {
            for (std::size_t i = 0; i < n; ++i) inline_[i] = spill_[i];
            spill_.clear();
        } else if (size_ > N) {
            spill_.resize(n);
        }
        size_ = n;
    }
    T inline_[N]{};
    std::vector<T> spill_;
    std::size_t size_ = 0;
};

}  // namespace asyncio::detail
