// The reference implementation's benchmark adapter (bench_adapter.hpp).
// ReferenceBenchAdapter runs on the monotonic clock (what the benchmarks
// measure); the instruction-count gate uses the virtual clock (no clock
// reads, so counts do not depend on the machine).
#pragma once

#include <cstdint>
#include <exception>
#include <string_view>
#include <utility>
#include <vector>

#include "asyncio/asyncio.hpp"
#include "asyncspec/bench_adapter.hpp"

namespace asyncspec {

template <asyncio::Clock C>
class ReferenceBenchAdapterT {
public:
    static constexpr std::string_view name = "reference";
    template <class T>
    using coro = asyncio::Coro<T>;
    template <class T>
    using task = asyncio::Task<T>;

    template <class F>
    void call_soon(F&& fn) {
        loop_.call_soon(std::forward<F>(fn));
    }
    template <class F>
    void call_later(double delay, F&& fn) {
        loop_.call_later(delay, std::forward<F>(fn));
    }
    template <class F>
    void call_at(double when, F&& fn) {
        loop_.call_at(when, std::forward<F>(fn));
    }
    template <class F>
    void call_soon_threadsafe(F&& fn) {
        loop_.call_soon_threadsafe(std::forward<F>(fn));
    }
    double time() const { return loop_.time(); }
    // Loop iterations so far (bench_icount --iterations: compared with CPython's).
    std::uint64_t iterations() const { return loop_.iterations(); }
    void stop() { loop_.stop(); }
    void run_forever() { loop_.run_forever(); }
    int run(coro<int> c) { return asyncio::run_until_complete(loop_, std::move(c)); }
    task<int> create_task(coro<int> c) { return asyncio::create_task(loop_, std::move(c)); }
    bool cancel(task<int>& t) { return t.cancel(); }
    void set_eager(bool on) { loop_.set_task_factory(on ? &asyncio::eager_task_factory : nullptr); }
    auto sleep(double delay) { return asyncio::sleep(delay); }
    auto gather(std::vector<coro<int>> cs) { return asyncio::gather(std::move(cs)); }
    auto wait_for(coro<int> c, double timeout) { return asyncio::wait_for(std::move(c), timeout); }

    // async with TaskGroup() as tg: for c in cs: tg.create_task(c)
    static coro<int> taskgroup(std::vector<coro<int>> cs) {
        asyncio::TaskGroup tg;
        co_await tg.aenter();
        std::exception_ptr exc;
        try {
            for (coro<int>& c : cs) tg.create_task(std::move(c));
        } catch (...) {
            exc = std::current_exception();
        }
        co_await tg.aexit(exc);
        if (exc) std::rethrow_exception(exc);
        co_return static_cast<int>(cs.size());
    }

    // async with timeout(delay): return await c
    static coro<int> timeout(double delay, coro<int> c) {
        asyncio::Timeout cm = asyncio::timeout(delay);
        co_await cm.aenter();
        std::exception_ptr exc;
        int result = 0;
        try {
            result = co_await std::move(c);
        } catch (...) {
            exc = std::current_exception();
        }
        co_await cm.aexit(exc);
        if (exc) std::rethrow_exception(exc);
        co_return result;
    }

private:
    asyncio::EventLoop loop_{C};
};

using ReferenceBenchAdapter = ReferenceBenchAdapterT<asyncio::Clock::monotonic>;
using ReferenceVirtualBenchAdapter = ReferenceBenchAdapterT<asyncio::Clock::virtual_>;

static_assert(bench::BenchAdapter<ReferenceBenchAdapter>);
static_assert(bench::BenchAdapter<ReferenceVirtualBenchAdapter>);

}  // namespace asyncspec
