// `async with cm [as target]: body` for asynchronous context managers with
// the C++ protocol of this library: `cm.aenter()` (awaitable, gives the
// target) and `cm.aexit(exception_ptr)` (awaitable, gives true to suppress
// the exception, or raises a replacement). Timeout and TaskGroup follow it.
//
//     int r = co_await async_with(timeout(1.0), [&]() -> Coro<int> { ... });
//     co_await async_with(tg, [&](TaskGroup& g) -> Coro<> { g.create_task(...); co_return; });
//
// The body is a coroutine run inline in the calling task (no extra
// iteration). C++ cannot co_await inside a catch block, which is why the
// exception leaving the body is captured and handed to aexit afterwards.
#pragma once

#include <exception>
#include <optional>
#include <type_traits>
#include <utility>

#include "asyncio/exceptions.hpp"
#include "asyncio/tasks.hpp"

namespace asyncio {

namespace detail {

template <class F, class Target>
auto call_body(F& body, Target& target) {
    if constexpr (std::is_invocable_v<F&, Target&>)
        return body(target);
    else
        return body();
}

template <class F, class Target>
struct body_result;
template <class T>
struct coro_value;
template <class T>
struct coro_value<Coro<T>> {
    using type = T;
};

template <class CM, class F>
auto async_with_impl(CM& cm, F body) {
    using Target = std::remove_reference_t<decltype(cm.aenter().await_resume())>;
    using T = typename coro_value<decltype(call_body(body, std::declval<Target&>()))>::type;
    return [](CM& cm, F body) -> Coro<T> {
        auto&& target = co_await cm.aenter();
        std::exception_ptr exc;
        if constexpr (std::is_void_v<T>) {
            try {
                co_await call_body(body, target);
            } catch (...) {
                exc = std::current_exception();
            }
            const bool suppress = co_await cm.aexit(exc);
            if (exc && !suppress) std::rethrow_exception(exc);
        } else {
            std::optional<T> result;
            try {
                result.emplace(co_await call_body(body, target));
            } catch (...) {
                exc = std::current_exception();
            }
            const bool suppress = co_await cm.aexit(exc);
            if (exc && !suppress) std::rethrow_exception(exc);
            if (!result) throw RuntimeError("async_with: the exception was suppressed and the body gave no value");
            co_return std::move(*result);
        }
    }(cm, std::move(body));
}

}  // namespace detail

// `async with cm:` over a context manager owned by the caller.
template <class CM, class F>
auto async_with(CM& cm, F body) {
    return detail::async_with_impl(cm, std::move(body));
}

// `async with make_cm():` over a temporary: it lives in the coroutine frame.
template <class CM, class F>
requires(!std::is_lvalue_reference_v<CM>) auto async_with(CM&& cm, F body) {
    using T = typename detail::coro_value<decltype(detail::async_with_impl(cm, std::move(body)))>::type;
    return [](CM cm, F body) -> Coro<T> {
        if constexpr (std::is_void_v<T>)
            co_await detail::async_with_impl(cm, std::move(body));
        else
            co_return co_await detail::async_with_impl(cm, std::move(body));
    }(std::move(cm), std::move(body));
}

}  // namespace asyncio
