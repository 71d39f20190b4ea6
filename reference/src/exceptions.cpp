#include "asyncio/exceptions.hpp"

#include "asyncio/exception_groups.hpp"

namespace asyncio {

namespace {
std::string python_str_repr(const std::string& s) {
    // Python prefers single quotes unless the string contains one and no double.
    const bool use_double = s.find('\'') != std::string::npos && s.find('"') == std::string::npos;
    const char q = use_double ? '"' : '\'';
    std::string out(1, q);
    for (char c : s) {
        if (c == '\\' || c == q) out += '\\';
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        out += c;
    }
    out += q;
    return out;
}
}  // namespace

std::string BaseException::repr() const {
    std::string out = type_name();
    out += '(';
    for (size_t i = 0; i < args.size(); ++i) {
        if (i) out += ", ";
        out += python_str_repr(args[i]);
    }
    out += ')';
    return out;
}

std::string exception_repr(const std::exception_ptr& e) {
    if (!e) return "None";
    try {
        std::rethrow_exception(e);
    } catch (const ExceptionGroupBase& g) {
        return g.group_repr();  // type name, message and members
    } catch (const BaseException& b) {
        return b.repr();
    } catch (const std::exception& s) {
        return std::string("std::exception(") + s.what() + ")";
    } catch (...) {
        return "<unknown exception>";
    }
}

}  // namespace asyncio
