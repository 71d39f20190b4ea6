// Queues (queues.hpp): every scenario of spec/scenarios/queue/ ported and
// checked against its recorded CPython 3.13 trace, plus Ticker-pinned
// iteration counts.
#include <gtest/gtest.h>

#include <initializer_list>
#include <string>
#include <utility>

#include "asyncio/queues.hpp"
#include "spec_trace.hpp"
#include "support.hpp"

namespace asyncio {
namespace {

using testing::expect_scenario;
using testing::json;
using testing::SpecTrace;
using testing::Ticker;

void tick(SpecTrace* tr, int n, int limit) {
    tr->log("tick", n);
    if (n < limit) get_running_loop().call_soon([tr, n, limit] { tick(tr, n + 1, limit); });
}
void start_ticks(SpecTrace& tr, int from, int limit) {
    get_running_loop().call_soon([t = &tr, from, limit] { tick(t, from, limit); });
}

json bools(std::initializer_list<bool> bs) {
    json out = json::array();
    for (bool b : bs) out.push_back(b);
    return out;
}

Coro<> consumer_cancel(Queue<std::string>* q, SpecTrace* tr, std::string name) {
    try {
        std::string item = co_await q->get();
        tr->log("got", name, item);
    } catch (const CancelledError&) {
        tr->log("cancelled", name, q->qsize());
        throw;
    }
}

// queue.get.cancel-passes-wakeup
TEST(QueueSpec, get_cancel_passes_wakeup) {
    expect_scenario("queue", "queue.get-cancel-passes-wakeup", [](SpecTrace& tr) -> Coro<> {
        auto& q = tr.make<Queue<std::string>>();
        auto a = create_task(consumer_cancel(&q, &tr, "a"));
        auto b = create_task(consumer_cancel(&q, &tr, "b"));
        co_await sleep(0);
        start_ticks(tr, 0, 3);
        q.put_nowait("item");
        a.cancel();
        for (auto* t : {&a, &b}) {
            try {
                co_await *t;
            } catch (const CancelledError&) {
            }
        }
        tr.log("left", q.qsize());
    });
}

Coro<> consumer_int(Queue<int>* q, SpecTrace* tr, std::string name) {
    int item = co_await q->get();
    tr->log("got", name, item);
}

// queue.get.fifo-getters, queue.put.wakes-getter
TEST(QueueSpec, getters_fifo) {
    expect_scenario("queue", "queue.getters-fifo", [](SpecTrace& tr) -> Coro<> {
        auto& q = tr.make<Queue<int>>();
        std::vector<Task<>> ts;
        for (const char* name : {"a", "b", "c"}) ts.push_back(create_task(consumer_int(&q, &tr, name)));
        co_await sleep(0);
        for (int item : {1, 2, 3}) q.put_nowait(item);
        for (auto& t : ts) co_await t;
        tr.log("left", q.qsize());
    });
}

// queue.nowait.full-empty
TEST(QueueSpec, nowait_errors) {
    expect_scenario("queue", "queue.nowait-errors", [](SpecTrace& tr) -> Coro<> {
        auto& q = tr.make<Queue<std::string>>(1);
        try {
            q.get_nowait();
        } catch (const QueueEmpty&) {
            tr.log("get_nowait", std::current_exception(), q.qsize());
        }
        q.put_nowait("x");
        try {
            q.put_nowait("y");
        } catch (const QueueFull&) {
            tr.log("put_nowait", std::current_exception(), q.qsize());
        }
        tr.log("item", q.get_nowait());
        try {
            LifoQueue<std::string>().get_nowait();
        } catch (const QueueEmpty&) {
            tr.log("lifo", std::current_exception());
        }
        co_return;
    });
}

using Item = std::pair<int, std::string>;

template <class Q>
json drain(Q& q) {
    json out = json::array();
    while (!q.empty()) {
        Item it = q.get_nowait();
        out.push_back(testing::tuple(it.first, it.second));
    }
    return out;
}

// queue.order.fifo, queue.order.lifo, queue.order.priority
TEST(QueueSpec, order) {
    expect_scenario("queue", "queue.order", [](SpecTrace& tr) -> Coro<> {
        const std::vector<Item> items{{3, "c"}, {1, "a"}, {2, "b"}, {1, "0"}};
        auto& fifo = tr.make<Queue<Item>>();
        auto& lifo = tr.make<LifoQueue<Item>>();
        auto& prio = tr.make<PriorityQueue<Item>>();
        for (const auto& it : items) fifo.put_nowait(it);
        tr.log("got", drain(fifo));
        for (const auto& it : items) lifo.put_nowait(it);
        tr.log("got", drain(lifo));
        for (const auto& it : items) prio.put_nowait(it);
        tr.log("got", drain(prio));
        co_return;
    });
}

Coro<> producer_cancel(Queue<std::string>* q, SpecTrace* tr, std::string item) {
    try {
        co_await q->put(item);
        tr->log("put done", item);
    } catch (const CancelledError&) {
        tr->log("cancelled", item, q->qsize());
        throw;
    }
}

// queue.put.cancel-passes-wakeup
TEST(QueueSpec, put_cancel_passes_wakeup) {
    expect_scenario("queue", "queue.put-cancel-passes-wakeup", [](SpecTrace& tr) -> Coro<> {
        auto& q = tr.make<Queue<std::string>>(1);
        q.put_nowait("x");
        auto a = create_task(producer_cancel(&q, &tr, "a"));
        auto b = create_task(producer_cancel(&q, &tr, "b"));
        co_await sleep(0);
        tr.log("took", q.get_nowait());
        a.cancel();
        for (auto* t : {&a, &b}) {
            try {
                co_await *t;
            } catch (const CancelledError&) {
            }
        }
        std::string item = q.get_nowait();
        tr.log("queue", item, q.empty());
    });
}

Coro<> consumer_one(Queue<std::string>* q, SpecTrace* tr) {
    std::string item = co_await q->get();
    tr->log("got", item);
}

// queue.put.wakes-getter, queue.get.blocks-until-put
TEST(QueueSpec, put_wakes_getter) {
    expect_scenario("queue", "queue.put-wakes-getter", [](SpecTrace& tr) -> Coro<> {
        auto& q = tr.make<Queue<std::string>>();
        auto t = create_task(consumer_one(&q, &tr));
        co_await sleep(0);
        start_ticks(tr, 0, 2);
        q.put_nowait("first");
        tr.log("put");
        co_await t;
        q.put_nowait("second");
        start_ticks(tr, 10, 2);
        std::string r = co_await q.get();
        tr.log("immediate", r);
    });
}

Coro<> producer(Queue<std::string>* q, SpecTrace* tr, std::string item) {
    co_await q->put(item);
    tr->log("put done", item);
}

// queue.put.blocks-when-full, queue.put.fifo-putters
TEST(QueueSpec, putters_fifo) {
    expect_scenario("queue", "queue.putters-fifo", [](SpecTrace& tr) -> Coro<> {
        auto& q = tr.make<Queue<std::string>>(1);
        q.put_nowait("x");
        std::vector<Task<>> ts;
        for (const char* item : {"a", "b", "c"}) ts.push_back(create_task(producer(&q, &tr, item)));
        co_await sleep(0);
        tr.log("blocked", bools({ts[0].done(), ts[1].done(), ts[2].done()}), q.qsize());
        json out = json::array();
        for (int i = 0; i < 4; ++i) {
            out.push_back(q.get_nowait());
            co_await sleep(0);
        }
        tr.log("items", out, q.empty());
    });
}

Coro<> joiner_plain(Queue<int>* q, SpecTrace* tr) {
    co_await q->join();
    tr->log("joined");
}

// queue.shutdown.immediate
TEST(QueueSpec, shutdown_immediate) {
    expect_scenario("queue", "queue.shutdown-immediate", [](SpecTrace& tr) -> Coro<> {
        auto& q = tr.make<Queue<int>>();
        q.put_nowait(1);
        q.put_nowait(2);
        q.put_nowait(3);
        q.get_nowait();
        auto j = create_task(joiner_plain(&q, &tr));
        co_await sleep(0);
        q.shutdown(true);
        tr.log("after shutdown", q.qsize(), q.empty());
        try {
            co_await q.get();
        } catch (const QueueShutDown&) {
            tr.log("get", std::current_exception());
        }
        co_await sleep(0);
        tr.log("join done", j.done());
        q.task_done();
        co_await j;
        tr.log("task_done for the item taken before shutdown");
    });
}

// queue.shutdown.put-raises, queue.shutdown.get-drains
TEST(QueueSpec, shutdown_put_get) {
    expect_scenario("queue", "queue.shutdown-put-get", [](SpecTrace& tr) -> Coro<> {
        auto& q = tr.make<Queue<int>>();
        q.put_nowait(1);
        q.put_nowait(2);
        q.shutdown();
        try {
            q.put_nowait(3);
        } catch (const QueueShutDown&) {
            tr.log("put_nowait", std::current_exception());
        }
        try {
            co_await q.put(3);
        } catch (const QueueShutDown&) {
            tr.log("put", std::current_exception());
        }
        int first = co_await q.get();
        tr.log("get", first, q.get_nowait());
        try {
            q.get_nowait();
        } catch (const QueueShutDown&) {
            tr.log("get_nowait on empty", std::current_exception());
        }
        try {
            co_await q.get();
        } catch (const QueueShutDown&) {
            tr.log("get on empty", std::current_exception());
        }
    });
}

Coro<> consumer_shutdown(Queue<int>* q, SpecTrace* tr, std::string name) {
    try {
        co_await q->get();
    } catch (const QueueShutDown&) {
        tr->log("shut down", name, std::current_exception());
    }
}

// queue.shutdown.wakes-blocked (getters)
TEST(QueueSpec, shutdown_wakes_getters) {
    expect_scenario("queue", "queue.shutdown-wakes-getters", [](SpecTrace& tr) -> Coro<> {
        auto& q = tr.make<Queue<int>>();
        std::vector<Task<>> ts;
        for (const char* name : {"a", "b"}) ts.push_back(create_task(consumer_shutdown(&q, &tr, name)));
        co_await sleep(0);
        start_ticks(tr, 0, 2);
        q.shutdown();
        tr.log("shutdown called");
        for (auto& t : ts) co_await t;
    });
}

Coro<> producer_shutdown(Queue<std::string>* q, SpecTrace* tr, std::string item) {
    try {
        co_await q->put(item);
        tr->log("put", item);
    } catch (const QueueShutDown&) {
        tr->log("shut down", item, std::current_exception());
    }
}

// queue.shutdown.wakes-blocked (putters)
TEST(QueueSpec, shutdown_wakes_putters) {
    expect_scenario("queue", "queue.shutdown-wakes-putters", [](SpecTrace& tr) -> Coro<> {
        auto& q = tr.make<Queue<std::string>>(1);
        q.put_nowait("x");
        std::vector<Task<>> ts;
        for (const char* item : {"a", "b"}) ts.push_back(create_task(producer_shutdown(&q, &tr, item)));
        co_await sleep(0);
        q.shutdown();
        for (auto& t : ts) co_await t;
        const std::size_t n = q.qsize();
        tr.log("remaining", n, q.get_nowait());
    });
}

// queue.maxsize.unbounded, queue.size.qsize-empty-full
TEST(QueueSpec, sizes) {
    expect_scenario("queue", "queue.sizes", [](SpecTrace& tr) -> Coro<> {
        for (long m : {0L, -1L}) {
            Queue<int> q(m);
            for (int i = 0; i < 100; ++i) q.put_nowait(i);
            tr.log("maxsize", q.maxsize(), "qsize", q.qsize(), "full", q.full());
        }
        auto& q = tr.make<Queue<std::string>>(2);
        tr.log("empty", q.empty(), q.qsize(), q.full());
        co_await q.put("a");
        tr.log("one", q.empty(), q.qsize(), q.full());
        co_await q.put("b");
        tr.log("two", q.empty(), q.qsize(), q.full());
        co_await q.get();
        tr.log("after get", q.qsize(), q.full(), q.maxsize());
    });
}

Coro<> joiner_named(Queue<std::string>* q, SpecTrace* tr, std::string name) {
    co_await q->join();
    tr->log("joined", name);
}

// queue.join.zero-no-suspend, queue.join.blocks-until-done
TEST(QueueSpec, task_done_join) {
    expect_scenario("queue", "queue.task-done-join", [](SpecTrace& tr) -> Coro<> {
        auto& q = tr.make<Queue<std::string>>();
        get_running_loop().call_soon([t = &tr] { t->log("tick", 0); });
        co_await q.join();
        tr.log("join on fresh queue returned");
        q.put_nowait("a");
        q.put_nowait("b");
        std::vector<Task<>> ts;
        for (const char* name : {"j1", "j2"}) ts.push_back(create_task(joiner_named(&q, &tr, name)));
        q.get_nowait();
        q.get_nowait();
        co_await sleep(0);
        q.task_done();
        co_await sleep(0);
        tr.log("one task_done", bools({ts[0].done(), ts[1].done()}));
        q.task_done();
        for (auto& t : ts) co_await t;
        tr.log("end");
    });
}

// queue.task-done.too-many
TEST(QueueSpec, task_done_too_many) {
    expect_scenario("queue", "queue.task-done-too-many", [](SpecTrace& tr) -> Coro<> {
        auto& q = tr.make<Queue<int>>();
        try {
            q.task_done();
        } catch (const ValueError&) {
            tr.log("fresh", std::current_exception());
        }
        q.put_nowait(1);
        q.task_done();
        tr.log("task_done before get is accepted", q.qsize());
        try {
            q.task_done();
        } catch (const ValueError&) {
            tr.log("again", std::current_exception());
        }
        co_return;
    });
}

Coro<> consumer_str(Queue<std::string>* q, SpecTrace* tr, std::string name) {
    std::string item = co_await q->get();
    tr->log("got", name, item);
}

// queue.get.recheck-after-wakeup
TEST(QueueSpec, woken_getter_loses_item) {
    expect_scenario("queue", "queue.woken-getter-loses-item", [](SpecTrace& tr) -> Coro<> {
        auto& q = tr.make<Queue<std::string>>();
        auto a = create_task(consumer_str(&q, &tr, "a"));
        auto b = create_task(consumer_str(&q, &tr, "b"));
        co_await sleep(0);
        q.put_nowait("one");
        tr.log("stolen", q.get_nowait());
        co_await sleep(0);
        co_await sleep(0);
        tr.log("a done", a.done());
        q.put_nowait("two");
        q.put_nowait("three");
        for (auto* t : {&a, &b}) co_await *t;
    });
}

// ================================================ iteration counts (Ticker)

// queue.put.wakes-getter: put_nowait -> the getter resumes with the item in
// the next iteration; queue.get.blocks-until-put: a non-empty get takes zero.
TEST(Queue, put_wakes_getter_next_iteration) {
    EventLoop loop(Clock::virtual_);
    Ticker ticker(loop);
    Queue<int> q;
    int got = 0, at = -1, immediate_at = -1;
    auto getter = [](Queue<int>* qq, Ticker* t, int* g, int* a) -> Coro<> {
        *g = co_await qq->get();
        *a = t->now();
    };
    auto main = [&]() -> Coro<> {
        auto g = create_task(getter(&q, &ticker, &got, &at));
        co_await sleep(0);
        EXPECT_EQ(q.getter_count(), 1u);
        q.put_nowait(7);  // the getter's wakeup is queued before tick 1
        ticker.start();
        co_await g;
        q.put_nowait(8);
        const int before = ticker.now();
        EXPECT_EQ(co_await q.get(), 8);
        immediate_at = ticker.now() - before;
    };
    run_until_complete(loop, main());
    EXPECT_EQ(got, 7);
    EXPECT_EQ(at, 0);
    EXPECT_EQ(immediate_at, 0);
}

// queue.put.fifo-putters: each get_nowait wakes one putter, which adds its
// item one iteration later.
TEST(Queue, get_wakes_putter_next_iteration) {
    EventLoop loop(Clock::virtual_);
    Ticker ticker(loop);
    Queue<int> q(1);
    int at = -1;
    auto putter = [](Queue<int>* qq, Ticker* t, int* a) -> Coro<> {
        co_await qq->put(2);
        *a = t->now();
    };
    auto main = [&]() -> Coro<> {
        q.put_nowait(1);
        auto p = create_task(putter(&q, &ticker, &at));
        co_await sleep(0);
        EXPECT_EQ(q.putter_count(), 1u);
        EXPECT_EQ(q.get_nowait(), 1);
        ticker.start();
        EXPECT_EQ(q.qsize(), 0u);  // the item is added when the putter runs
        co_await p;
        EXPECT_EQ(q.qsize(), 1u);
    };
    run_until_complete(loop, main());
    EXPECT_EQ(at, 0);
}

// A PriorityQueue with a comparator: heapq order, ties as heapq leaves them.
TEST(Queue, priority_queue_custom_compare) {
    PriorityQueue<int, std::greater<int>> q;
    for (int v : {3, 1, 4, 1, 5, 9, 2, 6}) q.put_nowait(v);
    std::vector<int> out;
    while (!q.empty()) out.push_back(q.get_nowait());
    EXPECT_EQ(out, (std::vector<int>{9, 6, 5, 4, 3, 2, 1, 1}));
}

}  // namespace
}  // namespace asyncio
