// Synchronization primitives (locks.hpp): every scenario of
// spec/scenarios/{lock,event,condition,semaphore,barrier}/ ported and checked
// against its recorded CPython 3.13 trace, plus Ticker-pinned iteration
// counts per clause.
#include <gtest/gtest.h>

#include <optional>

#include "asyncio/locks.hpp"
#include "spec_trace.hpp"
#include "support.hpp"

namespace asyncio {
namespace {

using testing::expect_scenario;
using testing::list;
using testing::SpecTrace;
using testing::Ticker;
using testing::UserException;

// The scenarios' `tick(n)`: logs and re-schedules itself while n < limit.
void tick(SpecTrace* tr, int n, int limit) {
    tr->log("tick", n);
    if (n < limit) get_running_loop().call_soon([tr, n, limit] { tick(tr, n + 1, limit); });
}
void start_ticks(SpecTrace& tr, int limit) {
    get_running_loop().call_soon([t = &tr, limit] { tick(t, 0, limit); });
}

std::exception_ptr boom(const std::string& arg) {
    return std::make_exception_ptr(UserException("Boom", std::vector<std::string>{arg}));
}

// ============================================================ lock scenarios

Coro<> lock_worker_logs_cancel_state(Lock* lock, SpecTrace* tr) {
    try {
        co_await lock->acquire();
        tr->log("worker got the lock");
    } catch (const CancelledError&) {
        tr->log("worker cancelled", lock->locked());
        throw;
    }
}

// lock.acquire.all-cancelled-fast-path
TEST(LockSpec, all_cancelled_fast_path) {
    expect_scenario("lock", "lock.all-cancelled-fast-path", [](SpecTrace& tr) -> Coro<> {
        auto& lock = tr.make<Lock>();
        co_await lock.acquire();
        auto w = create_task(lock_worker_logs_cancel_state(&lock, &tr));
        co_await sleep(0);
        w.cancel();
        lock.release();
        tr.log("released", lock.locked());
        bool r = co_await lock.acquire();
        tr.log("main acquired without waiting", r, lock.locked());
        co_await sleep(0);
        tr.log("worker done", w.cancelled());
        lock.release();
    });
}

// lock.async-with.release-on-exit
TEST(LockSpec, async_with) {
    expect_scenario("lock", "lock.async-with", [](SpecTrace& tr) -> Coro<> {
        auto& lock = tr.make<Lock>();
        {
            auto guard = co_await lock.scoped();
            tr.log("inside", nullptr, lock.locked());
        }
        tr.log("after", lock.locked());
        try {
            auto guard = co_await lock.scoped();
            tr.log("inside again", lock.locked());
            std::rethrow_exception(boom("body"));
        } catch (const UserException&) {
            tr.log("caught", std::current_exception(), lock.locked());
        }
    });
}

Coro<> lock_worker_named(Lock* lock, SpecTrace* tr, std::string name, bool log_exc) {
    try {
        co_await lock->acquire();
    } catch (const CancelledError&) {
        if (log_exc)
            tr->log("cancelled", name, std::current_exception());
        else
            tr->log("cancelled", name, lock->locked());
        throw;
    }
    tr->log("got", name);
}

// lock.cancel.waiter-removed
TEST(LockSpec, cancel_waiting) {
    expect_scenario("lock", "lock.cancel-waiting", [](SpecTrace& tr) -> Coro<> {
        auto& lock = tr.make<Lock>();
        co_await lock.acquire();
        auto a = create_task(lock_worker_named(&lock, &tr, "a", true));
        auto b = create_task(lock_worker_named(&lock, &tr, "b", true));
        co_await sleep(0);
        a.cancel("drop a");
        co_await sleep(0);
        tr.log("locked", lock.locked());
        lock.release();
        co_await b;
        tr.log("a cancelled", a.cancelled(), "locked", lock.locked());
    });
}

// lock.cancel.woken-passes-on
TEST(LockSpec, cancel_woken_passes_on) {
    expect_scenario("lock", "lock.cancel-woken-passes-on", [](SpecTrace& tr) -> Coro<> {
        auto& lock = tr.make<Lock>();
        co_await lock.acquire();
        auto a = create_task(lock_worker_named(&lock, &tr, "a", false));
        auto b = create_task(lock_worker_named(&lock, &tr, "b", false));
        co_await sleep(0);
        lock.release();
        a.cancel();
        tr.log("released and cancelled a");
        co_await sleep(0);
        tr.log("iteration 1");
        co_await sleep(0);
        tr.log("iteration 2", lock.locked());
        co_await b;
    });
}

// lock.acquire.fast-path
TEST(LockSpec, fast_path_no_suspend) {
    expect_scenario("lock", "lock.fast-path-no-suspend", [](SpecTrace& tr) -> Coro<> {
        auto& lock = tr.make<Lock>();
        tr.log("initial", lock.locked());
        start_ticks(tr, 2);
        bool r = co_await lock.acquire();
        tr.log("acquired", r, lock.locked());
        lock.release();
        tr.log("released", lock.locked());
        co_await sleep(0);
        tr.log("done");
    });
}

Coro<> lock_worker_plain(Lock* lock, SpecTrace* tr, std::string name) {
    co_await lock->acquire();
    tr->log("got", name);
}

// lock.acquire.fifo, lock.release.wakes-one
TEST(LockSpec, fifo_waiters) {
    expect_scenario("lock", "lock.fifo-waiters", [](SpecTrace& tr) -> Coro<> {
        auto& lock = tr.make<Lock>();
        co_await lock.acquire();
        std::vector<Task<>> ts;
        for (const char* name : {"a", "b", "c"}) ts.push_back(create_task(lock_worker_plain(&lock, &tr, name)));
        co_await sleep(0);
        start_ticks(tr, 4);
        lock.release();
        tr.log("released by main");
        co_await sleep(0);
        lock.release();
        tr.log("released after a");
        co_await sleep(0);
        co_await sleep(0);
        tr.log("locked", lock.locked());
    });
}

Coro<> no_barging_worker(Lock* lock, SpecTrace* tr) {
    co_await lock->acquire();
    tr->log("worker got it");
    co_await sleep(0);
    tr->log("worker releases");
    lock->release();
}

// lock.acquire.no-barging
TEST(LockSpec, no_barging) {
    expect_scenario("lock", "lock.no-barging", [](SpecTrace& tr) -> Coro<> {
        auto& lock = tr.make<Lock>();
        co_await lock.acquire();
        auto w = create_task(no_barging_worker(&lock, &tr));
        co_await sleep(0);
        lock.release();
        tr.log("after release", lock.locked());
        co_await lock.acquire();
        tr.log("main got it back", lock.locked());
        lock.release();
        co_await w;
    });
}

// lock.release.unlocked-raises
TEST(LockSpec, release_unlocked) {
    expect_scenario("lock", "lock.release-unlocked", [](SpecTrace& tr) -> Coro<> {
        auto& lock = tr.make<Lock>();
        try {
            lock.release();
        } catch (const RuntimeError&) {
            tr.log("fresh", std::current_exception());
        }
        co_await lock.acquire();
        lock.release();
        try {
            lock.release();
        } catch (const RuntimeError&) {
            tr.log("twice", std::current_exception());
        }
        tr.log("locked", lock.locked());
    });
}

// =========================================================== event scenarios

Coro<> event_waiter_cancel_after_set(Event* ev, SpecTrace* tr) {
    try {
        co_await ev->wait();
        tr->log("woke");
    } catch (const CancelledError&) {
        tr->log("cancelled", ev->is_set());
        throw;
    }
}

// event.wait.cancel (a cancel after set() still wins)
TEST(EventSpec, cancel_after_set) {
    expect_scenario("event", "event.cancel-after-set", [](SpecTrace& tr) -> Coro<> {
        auto& ev = tr.make<Event>();
        auto t = create_task(event_waiter_cancel_after_set(&ev, &tr));
        co_await sleep(0);
        ev.set();
        tr.log("cancel", t.cancel());
        try {
            co_await t;
        } catch (const CancelledError&) {
            tr.log("task cancelled", t.cancelled());
        }
    });
}

Coro<> event_waiter(Event* ev, SpecTrace* tr, std::string name, bool log_state) {
    bool r = co_await ev->wait();
    if (log_state)
        tr->log("woke", name, r, ev->is_set());
    else
        tr->log("woke", name, r);
}

// event.set.idempotent
TEST(EventSpec, set_idempotent) {
    expect_scenario("event", "event.set-idempotent", [](SpecTrace& tr) -> Coro<> {
        auto& ev = tr.make<Event>();
        auto a = create_task(event_waiter(&ev, &tr, "a", false));
        co_await sleep(0);
        ev.set();
        ev.set();
        co_await sleep(0);
        ev.set();
        auto b = create_task(event_waiter(&ev, &tr, "b", false));
        co_await b;
        tr.log("a done", a.done(), ev.is_set());
    });
}

// event.set.clear-before-wakeup
TEST(EventSpec, set_then_clear) {
    expect_scenario("event", "event.set-then-clear", [](SpecTrace& tr) -> Coro<> {
        auto& ev = tr.make<Event>();
        auto a = create_task(event_waiter(&ev, &tr, "a", true));
        co_await sleep(0);
        ev.set();
        ev.clear();
        auto b = create_task(event_waiter(&ev, &tr, "b", true));
        co_await sleep(0);
        co_await sleep(0);
        tr.log("b done", b.done());
        ev.set();
        co_await b;
    });
}

// event.set.wakes-all
TEST(EventSpec, set_wakes_all) {
    expect_scenario("event", "event.set-wakes-all", [](SpecTrace& tr) -> Coro<> {
        auto& ev = tr.make<Event>();
        std::vector<Task<>> ts;
        for (const char* name : {"a", "b", "c"}) ts.push_back(create_task(event_waiter(&ev, &tr, name, false)));
        co_await sleep(0);
        start_ticks(tr, 2);
        ev.set();
        tr.log("set");
        for (auto& t : ts) co_await t;
    });
}

Coro<> event_waiter_cancel(Event* ev, SpecTrace* tr, std::string name) {
    try {
        co_await ev->wait();
        tr->log("woke", name);
    } catch (const CancelledError&) {
        tr->log("cancelled", name, std::current_exception());
        throw;
    }
}

// event.wait.cancel
TEST(EventSpec, wait_cancel) {
    expect_scenario("event", "event.wait-cancel", [](SpecTrace& tr) -> Coro<> {
        auto& ev = tr.make<Event>();
        auto a = create_task(event_waiter_cancel(&ev, &tr, "a"));
        auto b = create_task(event_waiter_cancel(&ev, &tr, "b"));
        co_await sleep(0);
        a.cancel("no wait");
        co_await sleep(0);
        ev.set();
        co_await b;
        tr.log("a cancelled", a.cancelled());
    });
}

// event.wait.set-no-suspend
TEST(EventSpec, wait_on_set) {
    expect_scenario("event", "event.wait-on-set", [](SpecTrace& tr) -> Coro<> {
        auto& ev = tr.make<Event>();
        tr.log("initial", ev.is_set());
        ev.set();
        tr.log("after set", ev.is_set());
        start_ticks(tr, 1);
        bool r = co_await ev.wait();
        tr.log("wait returned", r);
        ev.clear();
        tr.log("after clear", ev.is_set());
        co_await sleep(0);
    });
}

// ======================================================= condition scenarios

Coro<> cond_waiter_late(Condition* cond, SpecTrace* tr) {
    auto guard = co_await cond->scoped();
    try {
        co_await cond->wait();
        tr->log("woke");
    } catch (const CancelledError&) {
        tr->log("cancelled", std::current_exception(), cond->locked());
        throw;
    }
}

// condition.wait.cancel-message
TEST(ConditionSpec, cancel_during_reacquire) {
    expect_scenario("condition", "condition.cancel-during-reacquire", [](SpecTrace& tr) -> Coro<> {
        auto& cond = tr.make<Condition>();
        auto t = create_task(cond_waiter_late(&cond, &tr));
        co_await sleep(0);
        co_await cond.acquire();
        cond.notify();
        co_await sleep(0);
        co_await sleep(0);
        t.cancel("late");
        co_await sleep(0);
        cond.release();
        try {
            co_await t;
        } catch (const CancelledError&) {
            tr.log("task", std::current_exception());
        }
    });
}

Coro<> cond_waiter_named(Condition* cond, SpecTrace* tr, std::string name, bool log_r) {
    auto guard = co_await cond->scoped();
    try {
        bool r = co_await cond->wait();
        if (log_r)
            tr->log("woke", name, r);
        else
            tr->log("woke", name);
    } catch (const CancelledError&) {
        tr->log("cancelled", name);
        throw;
    }
}

// condition.wait.cancel-notifies-next (3.13)
TEST(ConditionSpec, cancel_unnotified) {
    expect_scenario("condition", "condition.cancel-unnotified", [](SpecTrace& tr) -> Coro<> {
        auto& cond = tr.make<Condition>();
        auto a = create_task(cond_waiter_named(&cond, &tr, "a", true));
        auto b = create_task(cond_waiter_named(&cond, &tr, "b", true));
        co_await sleep(0);
        a.cancel();
        for (int i = 0; i < 4; ++i) co_await sleep(0);
        tr.log("b done", b.done());
        b.cancel();
        co_await sleep(0);
    });
}

// condition.notify.cancelled-passes-on (3.13)
TEST(ConditionSpec, notified_cancelled_passes_on) {
    expect_scenario("condition", "condition.notified-cancelled-passes-on", [](SpecTrace& tr) -> Coro<> {
        auto& cond = tr.make<Condition>();
        auto a = create_task(cond_waiter_named(&cond, &tr, "a", false));
        auto b = create_task(cond_waiter_named(&cond, &tr, "b", false));
        co_await sleep(0);
        {
            auto guard = co_await cond.scoped();
            cond.notify(1);
            a.cancel();
        }
        for (int i = 0; i < 4; ++i) co_await sleep(0);
        tr.log("b done", b.done());
        b.cancel();
        co_await sleep(0);
    });
}

Coro<> cond_waiter_simple(Condition* cond, SpecTrace* tr, std::string name) {
    auto guard = co_await cond->scoped();
    co_await cond->wait();
    tr->log("woke", name);
}

// condition.notify.fifo-n, condition.notify-all
TEST(ConditionSpec, notify_n_fifo) {
    expect_scenario("condition", "condition.notify-n-fifo", [](SpecTrace& tr) -> Coro<> {
        auto& cond = tr.make<Condition>();
        {
            auto guard = co_await cond.scoped();
            cond.notify();
        }
        std::vector<Task<>> ts;
        for (const char* name : {"a", "b", "c", "d"}) ts.push_back(create_task(cond_waiter_simple(&cond, &tr, name)));
        co_await sleep(0);
        {
            auto guard = co_await cond.scoped();
            cond.notify(2);
        }
        for (int i = 0; i < 4; ++i) co_await sleep(0);
        tr.log("after notify(2)");
        {
            auto guard = co_await cond.scoped();
            cond.notify_all();
        }
        for (auto& t : ts) co_await t;
    });
}

// condition.wait.requires-lock, condition.notify.requires-lock
TEST(ConditionSpec, requires_lock) {
    expect_scenario("condition", "condition.requires-lock", [](SpecTrace& tr) -> Coro<> {
        auto& cond = tr.make<Condition>();
        try {
            co_await cond.wait();
        } catch (const RuntimeError&) {
            tr.log("wait", std::current_exception());
        }
        try {
            cond.notify();
        } catch (const RuntimeError&) {
            tr.log("notify", std::current_exception());
        }
        try {
            cond.notify_all();
        } catch (const RuntimeError&) {
            tr.log("notify_all", std::current_exception());
        }
        tr.log("locked", cond.locked());
        EXPECT_EQ(cond.waiter_count(), 0u);
    });
}

Coro<> cond_waiter_holding(Condition* cond, SpecTrace* tr) {
    auto guard = co_await cond->scoped();
    try {
        co_await cond->wait();
    } catch (const CancelledError&) {
        tr->log("cancelled, holding lock", cond->locked(), std::current_exception());
        throw;
    }
}

// condition.wait.cancel-reacquires
TEST(ConditionSpec, wait_cancel_reacquires) {
    expect_scenario("condition", "condition.wait-cancel-reacquires", [](SpecTrace& tr) -> Coro<> {
        auto& cond = tr.make<Condition>();
        auto t = create_task(cond_waiter_holding(&cond, &tr));
        co_await sleep(0);
        co_await cond.acquire();
        t.cancel("stop");
        for (int i = 0; i < 3; ++i) co_await sleep(0);
        tr.log("main still holds the lock", t.done());
        cond.release();
        try {
            co_await t;
        } catch (const CancelledError&) {
            tr.log("task", t.cancelled(), std::current_exception());
        }
        tr.log("end", cond.locked());
    });
}

int g_level = 0;
std::optional<testing::json> level_ready() {
    if (g_level >= 2) return list("level", g_level);
    return std::nullopt;
}

Coro<> cond_consumer(Condition* cond, SpecTrace* tr) {
    auto guard = co_await cond->scoped();
    auto r = co_await cond->wait_for(&level_ready);
    tr->log("consumer got", *r);
}

// condition.wait-for.predicate
TEST(ConditionSpec, wait_for_predicate) {
    g_level = 0;
    expect_scenario("condition", "condition.wait-for-predicate", [](SpecTrace& tr) -> Coro<> {
        auto& cond = tr.make<Condition>();
        auto t = create_task(cond_consumer(&cond, &tr));
        co_await sleep(0);
        for (int i = 0; i < 2; ++i) {
            {
                auto guard = co_await cond.scoped();
                g_level += 1;
                tr.log("level", g_level);
                cond.notify();
            }
            co_await sleep(0);
            co_await sleep(0);
        }
        co_await t;
        auto guard = co_await cond.scoped();
        auto r = co_await cond.wait_for(&level_ready);
        tr.log("immediate", *r);
    });
}

Coro<> cond_waiter_logs(Condition* cond, SpecTrace* tr) {
    auto guard = co_await cond->scoped();
    tr->log("waiting");
    bool r = co_await cond->wait();
    tr->log("woken", r, cond->locked());
}

// condition.wait.releases-reacquires, condition.lock.shared
TEST(ConditionSpec, wait_releases_reacquires) {
    expect_scenario("condition", "condition.wait-releases-reacquires", [](SpecTrace& tr) -> Coro<> {
        auto& lock = tr.make<Lock>();
        auto& cond = tr.make<Condition>(lock);
        auto t = create_task(cond_waiter_logs(&cond, &tr));
        co_await sleep(0);
        tr.log("while waiting", lock.locked());
        co_await lock.acquire();
        tr.log("main holds", cond.locked());
        cond.notify();
        cond.release();
        co_await t;
        tr.log("end", lock.locked());
    });
}

// ======================================================= semaphore scenarios

Coro<> sem_worker_async_with(Semaphore* sem, SpecTrace* tr, std::string name, bool fail) {
    auto guard = co_await sem->scoped();
    tr->log("enter", name);
    co_await sleep(0);
    tr->log("exit", name);
    if (fail) std::rethrow_exception(boom(name));
}

// semaphore.async-with.release-on-exit
TEST(SemaphoreSpec, async_with) {
    expect_scenario("semaphore", "semaphore.async-with", [](SpecTrace& tr) -> Coro<> {
        auto& sem = tr.make<Semaphore>(2);
        std::vector<Task<>> ts{create_task(sem_worker_async_with(&sem, &tr, "a", true)),
                               create_task(sem_worker_async_with(&sem, &tr, "b", false)),
                               create_task(sem_worker_async_with(&sem, &tr, "c", false))};
        testing::json r = testing::json::array();
        for (auto& t : ts) {
            try {
                co_await t;
                r.push_back(nullptr);
            } catch (const UserException&) {
                r.push_back(testing::exc_value(std::current_exception()));
            }
        }
        tr.log("results", r, sem.locked());
    });
}

// semaphore.bounded.over-release
TEST(SemaphoreSpec, bounded_over_release) {
    expect_scenario("semaphore", "semaphore.bounded-over-release", [](SpecTrace& tr) -> Coro<> {
        auto& b = tr.make<BoundedSemaphore>(1);
        try {
            b.release();
        } catch (const ValueError&) {
            tr.log("over-release", std::current_exception());
        }
        co_await b.acquire();
        tr.log("acquired", b.locked());
        b.release();
        tr.log("released", b.locked());
        try {
            b.release();
        } catch (const ValueError&) {
            tr.log("over-release again", std::current_exception(), b.locked());
        }
        {
            auto guard = co_await b.scoped();
            tr.log("inside", b.locked());
        }
        tr.log("after", b.locked());
    });
}

Coro<> sem_worker(Semaphore* sem, SpecTrace* tr, std::string name) {
    try {
        co_await sem->acquire();
        tr->log("got", name);
    } catch (const CancelledError&) {
        tr->log("cancelled", name);
        throw;
    }
}

// semaphore.cancel.waiter-removed
TEST(SemaphoreSpec, cancel_waiting) {
    expect_scenario("semaphore", "semaphore.cancel-waiting", [](SpecTrace& tr) -> Coro<> {
        auto& sem = tr.make<Semaphore>(0);
        std::vector<Task<>> ts;
        for (const char* name : {"a", "b", "c"}) ts.push_back(create_task(sem_worker(&sem, &tr, name)));
        co_await sleep(0);
        ts[0].cancel();
        co_await sleep(0);
        sem.release();
        sem.release();
        for (auto& t : ts) {
            try {
                co_await t;
            } catch (const CancelledError&) {
            }
        }
        tr.log("locked", sem.locked());
    });
}

// semaphore.cancel.woken-passes-on
TEST(SemaphoreSpec, cancel_woken_passes_on) {
    expect_scenario("semaphore", "semaphore.cancel-woken-passes-on", [](SpecTrace& tr) -> Coro<> {
        auto& sem = tr.make<Semaphore>(0);
        auto a = create_task(sem_worker(&sem, &tr, "a"));
        auto b = create_task(sem_worker(&sem, &tr, "b"));
        co_await sleep(0);
        start_ticks(tr, 3);
        sem.release();
        a.cancel();
        for (auto* t : {&a, &b}) {
            try {
                co_await *t;
            } catch (const CancelledError&) {
            }
        }
        tr.log("locked", sem.locked());
    });
}

// semaphore.acquire.counter, semaphore.release.unbounded
TEST(SemaphoreSpec, counter) {
    expect_scenario("semaphore", "semaphore.counter", [](SpecTrace& tr) -> Coro<> {
        auto& d = tr.make<Semaphore>();
        co_await d.acquire();
        tr.log("default after one acquire", d.locked());
        auto& s = tr.make<Semaphore>(2);
        get_running_loop().call_soon([t = &tr] { t->log("tick", 0); });
        bool r1 = co_await s.acquire();
        tr.log("first", r1, s.locked());
        bool r2 = co_await s.acquire();
        tr.log("second", r2, s.locked());
        s.release();
        tr.log("after release", s.locked());
        s.release();
        s.release();
        co_await s.acquire();
        co_await s.acquire();
        co_await s.acquire();
        tr.log("three more acquires without waiting", s.locked());
    });
}

Coro<> sem_worker_plain(Semaphore* sem, SpecTrace* tr, std::string name) {
    co_await sem->acquire();
    tr->log("got", name);
}

// semaphore.acquire.fifo, semaphore.release.wakes-one, semaphore.acquire.wake-chain
TEST(SemaphoreSpec, fifo_waiters) {
    expect_scenario("semaphore", "semaphore.fifo-waiters", [](SpecTrace& tr) -> Coro<> {
        auto& sem = tr.make<Semaphore>(0);
        std::vector<Task<>> ts;
        for (const char* name : {"a", "b", "c"}) ts.push_back(create_task(sem_worker_plain(&sem, &tr, name)));
        co_await sleep(0);
        start_ticks(tr, 3);
        sem.release();
        tr.log("released once");
        co_await sleep(0);
        sem.release();
        sem.release();
        tr.log("released twice");
        for (auto& t : ts) co_await t;
        tr.log("locked", sem.locked());
    });
}

Coro<> sem_gate_worker(Semaphore* sem, Event* gate, SpecTrace* tr, std::string name) {
    co_await gate->wait();
    tr->log("acquiring", name, sem->locked());
    co_await sem->acquire();
    tr->log("got", name);
}

// semaphore.locked.fifo, semaphore.acquire.wake-chain (3.13)
TEST(SemaphoreSpec, locked_while_woken) {
    expect_scenario("semaphore", "semaphore.locked-while-woken", [](SpecTrace& tr) -> Coro<> {
        auto& sem = tr.make<Semaphore>(0);
        auto& gate = tr.make<Event>();
        gate.set();
        auto a = create_task(sem_gate_worker(&sem, &gate, &tr, "a"));
        co_await sleep(0);
        gate.clear();
        auto b = create_task(sem_gate_worker(&sem, &gate, &tr, "b"));
        auto c = create_task(sem_gate_worker(&sem, &gate, &tr, "c"));
        co_await sleep(0);
        gate.set();
        sem.release();
        sem.release();
        sem.release();
        tr.log("released 3, locked", sem.locked());
        start_ticks(tr, 4);
        for (auto* t : {&a, &b, &c}) co_await *t;
        tr.log("end locked", sem.locked());
    });
}

// semaphore.init.negative
TEST(SemaphoreSpec, negative_initial) {
    expect_scenario("semaphore", "semaphore.negative-initial", [](SpecTrace& tr) -> Coro<> {
        try {
            Semaphore s(-1);
        } catch (const ValueError&) {
            tr.log("Semaphore(-1)", std::current_exception());
        }
        try {
            BoundedSemaphore s(-1);
        } catch (const ValueError&) {
            tr.log("BoundedSemaphore(-1)", std::current_exception());
        }
        auto& s = tr.make<Semaphore>(0);
        tr.log("Semaphore(0) locked", s.locked());
        co_return;
    });
}

// ========================================================= barrier scenarios

Coro<> barrier_party_broken(Barrier* b, SpecTrace* tr, std::string name) {
    try {
        co_await b->wait();
        tr->log("passed", name);
    } catch (const BrokenBarrierError&) {
        tr->log("broken", name, std::current_exception());
    }
}

// barrier.abort.breaks
TEST(BarrierSpec, abort) {
    expect_scenario("barrier", "barrier.abort", [](SpecTrace& tr) -> Coro<> {
        auto& b = tr.make<Barrier>(3);
        std::vector<Task<>> ts;
        for (const char* name : {"a", "b"}) ts.push_back(create_task(barrier_party_broken(&b, &tr, name)));
        co_await sleep(0);
        tr.log("waiting", b.n_waiting());
        co_await b.abort();
        tr.log("aborted", b.broken(), b.n_waiting());
        for (auto& t : ts) co_await t;
        try {
            co_await b.wait();
        } catch (const BrokenBarrierError&) {
            tr.log("later wait", std::current_exception());
        }
    });
}

Coro<> barrier_party_cancel(Barrier* b, SpecTrace* tr, std::string name) {
    try {
        int i = co_await b->wait();
        tr->log("passed", name, i);
    } catch (const CancelledError&) {
        tr->log("cancelled", name);
        throw;
    }
}

// barrier.wait.cancel
TEST(BarrierSpec, cancel_waiter) {
    expect_scenario("barrier", "barrier.cancel-waiter", [](SpecTrace& tr) -> Coro<> {
        auto& b = tr.make<Barrier>(2);
        auto a = create_task(barrier_party_cancel(&b, &tr, "a"));
        co_await sleep(0);
        tr.log("waiting", b.n_waiting());
        a.cancel();
        co_await sleep(0);
        tr.log("after cancel", b.n_waiting(), b.broken());
        auto c = create_task(barrier_party_cancel(&b, &tr, "c"));
        co_await sleep(0);
        auto d = create_task(barrier_party_cancel(&b, &tr, "d"));
        for (auto* t : {&c, &d}) co_await *t;
    });
}

Coro<> barrier_party_cyclic(Barrier* b, SpecTrace* tr, std::string name, double delay) {
    for (int rnd = 0; rnd < 2; ++rnd) {
        co_await sleep(delay);
        int i = co_await b->wait();
        tr->log("round", rnd, name, i);
    }
}

// barrier.wait.cyclic
TEST(BarrierSpec, cyclic) {
    expect_scenario("barrier", "barrier.cyclic", [](SpecTrace& tr) -> Coro<> {
        auto& b = tr.make<Barrier>(2);
        auto t1 = create_task(barrier_party_cyclic(&b, &tr, "slow", 2));
        auto t2 = create_task(barrier_party_cyclic(&b, &tr, "fast", 1));
        for (auto* t : {&t1, &t2}) co_await *t;
        tr.log("end", b.n_waiting(), b.broken());
    });
}

Coro<int> barrier_party(Barrier* b, SpecTrace* tr, std::string name) {
    int i = co_await b->wait();
    tr->log("passed", name, i);
    co_return i;
}

// barrier.wait.draining-blocks
TEST(BarrierSpec, draining_blocks) {
    expect_scenario("barrier", "barrier.draining-blocks", [](SpecTrace& tr) -> Coro<> {
        auto& b = tr.make<Barrier>(2);
        auto x = create_task(barrier_party(&b, &tr, "x"));
        co_await sleep(0);
        auto y = create_task(barrier_party(&b, &tr, "y"));
        auto late = create_task(barrier_party(&b, &tr, "late"));
        for (auto* t : {&x, &y}) co_await *t;
        tr.log("round 1 done", b.n_waiting(), late.done());
        auto z = create_task(barrier_party(&b, &tr, "z"));
        for (auto* t : {&late, &z}) co_await *t;
    });
}

// barrier.init.parties
TEST(BarrierSpec, invalid_parties) {
    expect_scenario("barrier", "barrier.invalid-parties", [](SpecTrace& tr) -> Coro<> {
        for (int n : {0, -1}) {
            try {
                Barrier b(n);
            } catch (const ValueError&) {
                tr.log("parties", n, std::current_exception());
            }
        }
        auto& b = tr.make<Barrier>(3);
        tr.log("state", b.parties(), b.n_waiting(), b.broken());
        co_return;
    });
}

Coro<> barrier_party_reset(Barrier* b, SpecTrace* tr, std::string name) {
    try {
        int i = co_await b->wait();
        tr->log("passed", name, i);
    } catch (const BrokenBarrierError&) {
        tr->log("reset out", name, std::current_exception());
    }
}

// barrier.reset.breaks-waiters
TEST(BarrierSpec, reset) {
    expect_scenario("barrier", "barrier.reset", [](SpecTrace& tr) -> Coro<> {
        auto& b = tr.make<Barrier>(2);
        auto a = create_task(barrier_party_reset(&b, &tr, "a"));
        co_await sleep(0);
        co_await b.reset();
        tr.log("after reset", b.broken(), b.n_waiting());
        co_await a;
        auto c = create_task(barrier_party_reset(&b, &tr, "c"));
        auto d = create_task(barrier_party_reset(&b, &tr, "d"));
        for (auto* t : {&c, &d}) co_await *t;
        tr.log("end", b.broken());
    });
}

// barrier.wait.index (parties=1)
TEST(BarrierSpec, single_party) {
    expect_scenario("barrier", "barrier.single-party", [](SpecTrace& tr) -> Coro<> {
        auto& b = tr.make<Barrier>(1);
        start_ticks(tr, 3);
        int r1 = co_await b.wait();
        tr.log("first", r1);
        int r2 = co_await b.wait();
        tr.log("second", r2, b.n_waiting());
    });
}

// barrier.wait.index, barrier.n-waiting
TEST(BarrierSpec, wait_index) {
    expect_scenario("barrier", "barrier.wait-index", [](SpecTrace& tr) -> Coro<> {
        auto& b = tr.make<Barrier>(3);
        auto x = create_task(barrier_party(&b, &tr, "x"));
        co_await sleep(0);
        tr.log("waiting", b.n_waiting());
        auto y = create_task(barrier_party(&b, &tr, "y"));
        co_await sleep(0);
        tr.log("waiting", b.n_waiting());
        auto z = create_task(barrier_party(&b, &tr, "z"));
        int rx = co_await x;
        int ry = co_await y;
        int rz = co_await z;
        tr.log("indices", list(rx, ry, rz), b.n_waiting(), b.broken());
    });
}

// ================================================ iteration counts (Ticker)

// lock.release.wakes-one: release() -> the waiter holds the lock one
// iteration later; lock.acquire.fast-path: zero iterations.
TEST(Lock, release_wakes_waiter_one_iteration_later) {
    EventLoop loop(Clock::virtual_);
    Ticker ticker(loop);
    Lock lock;
    int got_at = -1;
    auto waiter = [](Lock* l, Ticker* t, int* at) -> Coro<> {
        co_await l->acquire();
        *at = t->now();
    };
    auto main = [&]() -> Coro<> {
        co_await lock.acquire();
        EXPECT_TRUE(lock.locked());
        auto w = create_task(waiter(&lock, &ticker, &got_at));
        co_await sleep(0);
        EXPECT_EQ(lock.waiter_count(), 1u);
        ticker.start();
        lock.release();  // tick 1 runs in the next iteration, with the waiter
        co_await w;
        EXPECT_TRUE(lock.locked());
        lock.release();
    };
    run_until_complete(loop, main());
    // Tick 1 was queued just before the wakeup: both run in the next
    // iteration, tick first.
    EXPECT_EQ(got_at, 1);
    EXPECT_EQ(lock.waiter_count(), 0u);
}

// event.set.wakes-all: all waiters resume in the same (next) iteration.
TEST(Event, set_wakes_all_in_one_iteration) {
    EventLoop loop(Clock::virtual_);
    Ticker ticker(loop);
    Event ev;
    std::vector<int> at;
    auto waiter = [](Event* e, Ticker* t, std::vector<int>* out) -> Coro<> {
        co_await e->wait();
        out->push_back(t->now());
    };
    auto main = [&]() -> Coro<> {
        std::vector<Task<>> ts;
        for (int i = 0; i < 3; ++i) ts.push_back(create_task(waiter(&ev, &ticker, &at)));
        co_await sleep(0);
        ticker.start();
        ev.set();
        for (auto& t : ts) co_await t;
    };
    run_until_complete(loop, main());
    // Tick 1 (queued first) and all waiters run in the next iteration.
    EXPECT_EQ(at, (std::vector<int>{1, 1, 1}));
}

// semaphore.release.wakes-one: each release() hands a unit to the next
// waiter at once, so three releases wake three waiters for the same (next)
// iteration.
TEST(Semaphore, wake_chain_iterations) {
    EventLoop loop(Clock::virtual_);
    Ticker ticker(loop);
    Semaphore sem(0);
    std::vector<int> at;
    auto waiter = [](Semaphore* s, Ticker* t, std::vector<int>* out) -> Coro<> {
        co_await s->acquire();
        out->push_back(t->now());
    };
    auto main = [&]() -> Coro<> {
        std::vector<Task<>> ts;
        for (int i = 0; i < 3; ++i) ts.push_back(create_task(waiter(&sem, &ticker, &at)));
        co_await sleep(0);
        ticker.start();
        sem.release();
        sem.release();
        sem.release();
        for (auto& t : ts) co_await t;
    };
    run_until_complete(loop, main());
    EXPECT_EQ(at, (std::vector<int>{1, 1, 1}));
    EXPECT_EQ(sem.value(), 0);
}

// condition.wait.releases-reacquires: notify -> the waiter resumes, then
// re-acquires the lock without another iteration when it is free.
TEST(Condition, notify_then_reacquire_iterations) {
    EventLoop loop(Clock::virtual_);
    Ticker ticker(loop);
    Condition cond;
    int at = -1;
    auto waiter = [](Condition* c, Ticker* t, int* out) -> Coro<> {
        auto guard = co_await c->scoped();
        co_await c->wait();
        *out = t->now();
    };
    auto main = [&]() -> Coro<> {
        auto w = create_task(waiter(&cond, &ticker, &at));
        co_await sleep(0);
        {
            auto guard = co_await cond.scoped();
            cond.notify();
            ticker.start();
        }  // release(): the lock is free when the waiter resumes
        co_await w;
    };
    run_until_complete(loop, main());
    // The wakeup was queued before tick 1: the waiter runs first in the next
    // iteration, holding the lock again without a further iteration.
    EXPECT_EQ(at, 0);
    EXPECT_FALSE(cond.locked());
}

// A task dropped with its loop while blocked in acquire() unlinks its waiter.
TEST(Lock, destroyed_waiter_unlinks) {
    Lock lock;
    {
        EventLoop loop(Clock::virtual_);
        auto waiter = [](Lock* l) -> Coro<> { co_await l->acquire(); };
        auto main = [&]() -> Coro<> {
            co_await lock.acquire();
            auto w = create_task(waiter(&lock));
            co_await sleep(0);
            EXPECT_EQ(lock.waiter_count(), 1u);
        };
        run_until_complete(loop, main());
    }
    EXPECT_EQ(lock.waiter_count(), 0u);
}

}  // namespace
}  // namespace asyncio
