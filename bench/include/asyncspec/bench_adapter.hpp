// The benchmark adapter: how the scheduling-latency workloads
// (bench_workloads.hpp) drive an asyncio implementation. A C++20 concept over
// one class, like the conformance adapter (conformance/include/asyncspec/
// adapter.hpp) but much smaller: the workloads are ordinary C++ coroutines of
// the implementation's own coroutine type, not interpreted scenarios.
//
// One adapter object is made per benchmark and owns a fresh event loop on the
// real monotonic clock (timer_lateness and threadsafe_roundtrip need one; the
// other workloads run on it too, as a real program would).
//
//   static constexpr std::string_view name = "reference";  // <workload>/<name>
//   template <class T> using coro = ...;  // `async def` returning T (awaitable inline)
//   template <class T> using task = ...;  // asyncio.Task: awaitable, copyable
//
//   a.call_soon(fn); a.call_later(delay, fn); a.call_at(when, fn);  // fn: void()
//   a.call_soon_threadsafe(fn);   // from another thread, while run_forever runs
//   double a.time();              // loop.time()
//   a.stop(); a.run_forever();    // loop.stop(), loop.run_forever()
//   int a.run(coro<int>);         // loop.run_until_complete(coro)
//   task<int> a.create_task(coro<int>);                 // loop.create_task
//   bool a.cancel(task<int>&);                          // task.cancel()
//   void a.set_eager(bool);       // loop.set_task_factory(eager_task_factory or None)
//   awaitable a.sleep(double);    // asyncio.sleep(d)
//   awaitable<std::vector<int>> a.gather(std::vector<coro<int>>);  // gather(*coros)
//   awaitable a.taskgroup(std::vector<coro<int>>);  // async with TaskGroup() as tg: tg.create_task(c)...
//   awaitable<int> a.wait_for(coro<int>, double);   // asyncio.wait_for(c, d)
//   awaitable<int> a.timeout(double, coro<int>);    // async with asyncio.timeout(d): return await c
//
// Awaiting a cancelled task or an expired timeout raises the implementation's
// own exception; the workloads catch it with `catch (...)`.
#pragma once

#include <concepts>
#include <string_view>
#include <utility>
#include <vector>

namespace asyncspec::bench {

namespace detail {
// The callable type the concept probes call_soon & co. with.
struct ProbeCallback {
    void operator()() const {}
};
}  // namespace detail

template <class A>
concept BenchAdapter = std::default_initializable<A> &&
    requires(A& a, typename A::template coro<int> c, std::vector<typename A::template coro<int>> cs,
             typename A::template task<int> t, detail::ProbeCallback fn, double d) {
    { A::name } -> std::convertible_to<std::string_view>;
    a.call_soon(fn);
    a.call_later(d, fn);
    a.call_at(d, fn);
    a.call_soon_threadsafe(fn);
    { a.time() } -> std::same_as<double>;
    a.stop();
    a.run_forever();
    { a.run(std::move(c)) } -> std::same_as<int>;
    { a.create_task(std::move(c)) } -> std::same_as<typename A::template task<int>>;
    a.cancel(t);
    a.set_eager(true);
    a.sleep(d);
    a.gather(std::move(cs));
    a.taskgroup(std::move(cs));
    a.wait_for(std::move(c), d);
    a.timeout(d, std::move(c));
};

}  // namespace asyncspec::bench
