// queues (Lib/asyncio/queues.py): what the spec's scenarios cannot express.
// Queue, LifoQueue, PriorityQueue, their blocking, cancellation, join and
// shutdown are checked by spec/scenarios/queue/ (run on the reference by
// `ctest -R '^Reference\.'`); the test here covers the C++ comparator
// parameter.
#include <gtest/gtest.h>

#include <functional>
#include <vector>

#include "asyncio/queues.hpp"

namespace asyncio {
namespace {

// C++ API: PriorityQueue<T, Compare> orders by the comparator, in heapq
// order, ties as heapq leaves them.
TEST(Queue, priority_queue_takes_a_comparator) {
    PriorityQueue<int, std::greater<int>> q;
    for (int v : {3, 1, 4, 1, 5, 9, 2, 6}) q.put_nowait(v);
    std::vector<int> out;
    while (!q.empty()) out.push_back(q.get_nowait());
    EXPECT_EQ(out, (std::vector<int>{9, 6, 5, 4, 3, 2, 1, 1}));
}

}  // namespace
}  // namespace asyncio
