// The interpreter's combinators family (work in progress stub).
#pragma once

#include <optional>
#include <string>

#include "asyncspec/value.hpp"

namespace asyncspec {

template <class I>
struct CombinatorsExt {
    using Args = typename I::Args;
    using Frame = typename I::Frame;
    using Signal = typename I::Signal;

    static std::optional<Value> call_api(I&, const std::string&, Args&, Frame&) { return std::nullopt; }
    static std::optional<Value> call_method(I&, const Value&, const std::string&, Args&, Frame&) {
        return std::nullopt;
    }
    static Eval<Signal> try_star(I& in, const json&, Frame&) {
        in.fatal("except* is not supported by this interpreter yet");
        co_return Signal{};
    }
};

}  // namespace asyncspec
