// BaseExceptionGroup / ExceptionGroup (Objects/exceptions.c in CPython).
#include "asyncio/exception_groups.hpp"

namespace asyncio {

namespace {
std::vector<std::string> message_args(const std::string& message) { return {message}; }
}  // namespace

std::string ExceptionGroupBase::group_repr() const {
    // BaseException.__repr__ over args (message, exceptions).
    std::string out = as_exception().type_name();
    BaseException text;
    text.args.push_back(message_);
    std::string msg = text.repr();  // "BaseException('msg')"
    out += msg.substr(msg.find('('), msg.size() - msg.find('(') - 1);
    out += ", [";
    for (std::size_t i = 0; i < exceptions_.size(); ++i) {
        if (i) out += ", ";
        out += group_aware_repr(exceptions_[i]);
    }
    out += "])";
    return out;
}

BaseExceptionGroup::BaseExceptionGroup(std::string message, std::vector<std::exception_ptr> exceptions)
    : ExceptionGroupBase(message, std::move(exceptions)) {
    if (this->exceptions().empty()) throw ValueError("second argument (exceptions) must be a non-empty sequence");
    args = message_args(message);
}

std::exception_ptr BaseExceptionGroup::derive(std::vector<std::exception_ptr> exceptions) const {
    return make_exception_group(message(), std::move(exceptions));
}

ExceptionGroup::ExceptionGroup(std::string message, std::vector<std::exception_ptr> exceptions)
    : ExceptionGroupBase(message, std::move(exceptions)) {
    if (this->exceptions().empty()) throw ValueError("second argument (exceptions) must be a non-empty sequence");
    for (const std::exception_ptr& e : this->exceptions())
        if (!is_exception(e)) throw TypeError("Cannot nest BaseExceptions in an ExceptionGroup");
    args = message_args(message);
}

std::exception_ptr ExceptionGroup::derive(std::vector<std::exception_ptr> exceptions) const {
    return make_exception(ExceptionGroup(message(), std::move(exceptions)));
}

bool is_exception(const std::exception_ptr& e) { return exception_is<Exception>(e); }

std::exception_ptr make_exception_group(std::string message, std::vector<std::exception_ptr> exceptions) {
    bool all_exceptions = true;
    for (const std::exception_ptr& e : exceptions) all_exceptions = all_exceptions && is_exception(e);
    if (all_exceptions) return make_exception(ExceptionGroup(std::move(message), std::move(exceptions)));
    return make_exception(BaseExceptionGroup(std::move(message), std::move(exceptions)));
}

const ExceptionGroupBase* exception_group_of(const std::exception_ptr& e) {
    if (!e) return nullptr;
    try {
        std::rethrow_exception(e);
    } catch (const ExceptionGroupBase& g) {
        return &g;  // the exception object lives as long as `e`
    } catch (...) {
        return nullptr;
    }
}

BaseException* exception_object(const std::exception_ptr& e) {
    if (!e) return nullptr;
    try {
        std::rethrow_exception(e);
    } catch (BaseException& b) {
        return &b;
    } catch (...) {
        return nullptr;
    }
}

std::string group_aware_repr(const std::exception_ptr& e) {
    if (const ExceptionGroupBase* g = exception_group_of(e)) return g->group_repr();
    return exception_repr(e);
}

}  // namespace asyncio
