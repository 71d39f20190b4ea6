// BaseExceptionGroup / ExceptionGroup (PEP 654, the builtins TaskGroup raises)
// and the helpers that play the role of `except*`: split and subgroup by type.
//
// C++ has one BaseException subobject per exception, so ExceptionGroup cannot
// be both a BaseExceptionGroup and an Exception as in Python. Both group types
// share the ExceptionGroupBase interface instead: `catch (const ExceptionGroup&)`
// is Python's `except ExceptionGroup`, `catch (const ExceptionGroupBase&)` is
// `except BaseExceptionGroup` (any group), and an ExceptionGroup is an
// Exception, so `catch (const Exception&)` catches it as in Python.
#pragma once

#include <exception>
#include <string>
#include <utility>
#include <vector>

#include "asyncio/exceptions.hpp"

namespace asyncio {

// What both group types have: the message and the member exceptions.
class ExceptionGroupBase {
public:
    ExceptionGroupBase(std::string message, std::vector<std::exception_ptr> exceptions)
        : message_(std::move(message)), exceptions_(std::move(exceptions)) {}
    virtual ~ExceptionGroupBase() = default;

    // eg.message, eg.exceptions
    const std::string& message() const { return message_; }
    const std::vector<std::exception_ptr>& exceptions() const { return exceptions_; }
    // eg.derive(excs): a group of the same kind and message with other members.
    virtual std::exception_ptr derive(std::vector<std::exception_ptr> exceptions) const = 0;
    // The group as an exception (its BaseException subobject).
    virtual const BaseException& as_exception() const = 0;

    // repr(eg): "ExceptionGroup('msg', [ValueError('a'), ...])".
    std::string group_repr() const;

private:
    std::string message_;
    std::vector<std::exception_ptr> exceptions_;
};

// BaseExceptionGroup(msg, excs) holding at least one non-Exception member.
class BaseExceptionGroup : public BaseException, public ExceptionGroupBase {
public:
    // Python: an empty sequence is a ValueError; use make_exception_group,
    // which picks ExceptionGroup when every member is an Exception.
    BaseExceptionGroup(std::string message, std::vector<std::exception_ptr> exceptions);
    const char* type_name() const noexcept override { return "BaseExceptionGroup"; }
    std::exception_ptr derive(std::vector<std::exception_ptr> exceptions) const override;
    const BaseException& as_exception() const override { return *this; }
};

// ExceptionGroup(msg, excs): every member is an Exception (TypeError otherwise).
class ExceptionGroup : public Exception, public ExceptionGroupBase {
public:
    ExceptionGroup(std::string message, std::vector<std::exception_ptr> exceptions);
    const char* type_name() const noexcept override { return "ExceptionGroup"; }
    std::exception_ptr derive(std::vector<std::exception_ptr> exceptions) const override;
    const BaseException& as_exception() const override { return *this; }
};

// True if `e` is an Exception in Python's sense (ExceptionGroup included),
// false for BaseException-only types (CancelledError, KeyboardInterrupt,
// SystemExit, BaseExceptionGroup).
bool is_exception(const std::exception_ptr& e);

// BaseExceptionGroup(msg, excs) as Python constructs it: an ExceptionGroup if
// every member is an Exception, else a BaseExceptionGroup. ValueError when
// `exceptions` is empty.
std::exception_ptr make_exception_group(std::string message, std::vector<std::exception_ptr> exceptions);

// The group held by `e`, or nullptr when `e` is not an exception group.
const ExceptionGroupBase* exception_group_of(const std::exception_ptr& e);

// The mutable BaseException held by `e` (nullptr for foreign exceptions):
// __context__/__cause__ edits go through it (the object is shared, not copied).
BaseException* exception_object(const std::exception_ptr& e);

// Python's repr of `e`, exception groups with their members.
std::string group_aware_repr(const std::exception_ptr& e);

namespace detail {
// BaseExceptionGroup.split with a predicate over the leaf (and group) exceptions.
template <class Pred>
std::pair<std::exception_ptr, std::exception_ptr> split_group(const std::exception_ptr& e, Pred&& pred) {
    if (pred(e)) return {e, nullptr};
    const ExceptionGroupBase* g = exception_group_of(e);
    if (!g) return {nullptr, e};
    std::vector<std::exception_ptr> match, rest;
    for (const std::exception_ptr& m : g->exceptions()) {
        auto [mm, rr] = split_group(m, pred);
        if (mm) match.push_back(std::move(mm));
        if (rr) rest.push_back(std::move(rr));
    }
    auto derive = [&](std::vector<std::exception_ptr> members) -> std::exception_ptr {
        if (members.empty()) return nullptr;
        std::exception_ptr d = g->derive(std::move(members));
        // split copies __cause__, __context__ (and traceback, notes) to the parts.
        BaseException* obj = exception_object(d);
        obj->cause = g->as_exception().cause;
        obj->context = g->as_exception().context;
        return d;
    };
    return {derive(std::move(match)), derive(std::move(rest))};
}
}  // namespace detail

// eg.split(E): (the members that are E, the others), each a group of the same
// kind and message keeping the nesting, or nullptr when empty. A group that is
// itself an E matches whole. A non-group `e` splits into (e, nullptr) or
// (nullptr, e).
template <class E>
std::pair<std::exception_ptr, std::exception_ptr> split(const std::exception_ptr& e) {
    return detail::split_group(e, [](const std::exception_ptr& x) { return exception_is<E>(x); });
}
// eg.subgroup(E): the matching part of split.
template <class E>
std::exception_ptr subgroup(const std::exception_ptr& e) {
    return split<E>(e).first;
}

// One `except* E:` clause: if part of `e` matches E, call handler(match) with
// the matching part as a group (a naked matching exception is wrapped in
// ExceptionGroup('', [e]) / BaseExceptionGroup, as Python does) and return the
// rest, which continues to the next except* clause or is re-raised; a handler
// that throws replaces the whole (Python then groups the raised exception with
// the unhandled rest: not modelled here).
template <class E, class F>
std::exception_ptr except_star(const std::exception_ptr& e, F&& handler) {
    if (!e) return nullptr;
    auto [match, rest] = split<E>(e);
    if (!match) return rest;
    if (!exception_group_of(match)) match = make_exception_group("", {match});
    handler(match);
    return rest;
}

}  // namespace asyncio
