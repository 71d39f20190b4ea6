// The interpreter's dicts and sets (spec/IR.md "dict", "set", the
// containers' methods): displays and comprehensions build them, dict() and
// set() convert, and the methods of dicts, sets and lists. A dict keeps
// insertion order (Python's); a set's iteration order is unspecified (the
// spec renders sets sorted). Keys are found by Python's rule: identity, then
// equality; lists, dicts and sets are unhashable.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "asyncspec/value.hpp"

namespace asyncspec {

template <class I>
struct ContainersExt {
    using Args = typename I::Args;
    using Frame = typename I::Frame;

    static void check_hashable(I& in, const Value& k, Frame& fr) {
        if (k.is_list() || k.is(Kind::dict) || k.is(Kind::set))
            in.raise_new("TypeError", "unhashable type: '" + in.type_name(k) + "'", &fr);
        if (k.is_tuple())
            for (const auto& x : k.tuple()->items) check_hashable(in, x, fr);
    }

    static std::size_t find(I& in, const std::vector<std::pair<Value, Value>>& items, const Value& k) {
        for (std::size_t i = 0; i < items.size(); ++i)
            if (in.identical(items[i].first, k) || in.equal(items[i].first, k)) return i;
        return items.size();
    }
    static std::size_t find(I& in, const std::vector<Value>& items, const Value& k) {
        for (std::size_t i = 0; i < items.size(); ++i)
            if (in.identical(items[i], k) || in.equal(items[i], k)) return i;
        return items.size();
    }

    static void dict_set(I& in, DictObj& d, Value k, Value v, Frame& fr) {
        check_hashable(in, k, fr);
        in.step();
        std::size_t i = find(in, d.items, k);
        if (i < d.items.size())
            d.items[i].second = std::move(v);  // the first key object stays
        else
            d.items.emplace_back(std::move(k), std::move(v));
    }
    static void set_add(I& in, SetObj& s, Value k, Frame& fr) {
        check_hashable(in, k, fr);
        in.step();
        if (find(in, s.items, k) == s.items.size()) s.items.push_back(std::move(k));
    }

    static Value dict_get(I& in, const Value& d, const Value& k, Frame& fr) {
        check_hashable(in, k, fr);
        auto& items = d.template as<DictObj>()->items;
        std::size_t i = find(in, items, k);
        if (i == items.size()) in.raise_new("KeyError", "", &fr);
        return items[i].second;
    }

    static Value new_dict() { return Value(make_obj<DictObj>()); }
    static Value new_set() { return Value(make_obj<SetObj>()); }

    // dict(iterable_of_pairs_or_dict, **kwargs), set(iterable).
    static std::optional<Value> call_builtin(I& in, const std::string& name, Args& args, Frame& fr) {
        auto& p = args.pos;
        if (name == "dict") {
            Value out = new_dict();
            auto& d = *out.template as<DictObj>();
            if (!p.empty()) {
                if (p[0].is(Kind::dict)) {
                    for (auto& [k, v] : p[0].template as<DictObj>()->items) dict_set(in, d, k, v, fr);
                } else {
                    for (auto& pair : in.iterate(p[0], fr)) {
                        std::vector<Value> kv = in.iterate(pair, fr);
                        if (kv.size() != 2)
                            in.raise_new("ValueError", "dictionary update sequence element has wrong length", &fr);
                        dict_set(in, d, kv[0], kv[1], fr);
                    }
                }
            }
            for (auto& [k, v] : args.kw) dict_set(in, d, Value(k), v, fr);
            return out;
        }
        if (name == "set") {
            Value out = new_set();
            if (!p.empty())
                for (auto& x : in.iterate(p[0], fr)) set_add(in, *out.template as<SetObj>(), x, fr);
            return out;
        }
        return std::nullopt;
    }

    static std::optional<Value> call_method(I& in, const Value& obj, const std::string& m, Args& args, Frame& fr) {
        if (obj.is(Kind::dict)) return dict_method(in, obj, m, args, fr);
        if (obj.is(Kind::set)) return set_method(in, obj, m, args, fr);
        if (obj.is_list()) return list_method(in, obj, m, args, fr);
        if (obj.is_str()) return str_method(in, obj.str(), m, args, fr);
        return std::nullopt;
    }

    // str: join, upper, lower, strip, split, startswith, endswith, replace
    // (ASCII whitespace and case, as the scenarios' strings are).
    static std::optional<Value> str_method(I& in, const std::string& s, const std::string& m, Args& args, Frame& fr) {
        static constexpr const char* kSpace = " \t\n\r\v\f";
        auto str_arg = [&](std::size_t i, const char* name) -> std::string {
            const Value& v = in.need(args, i, name, fr);
            if (!v.is_str()) in.raise_new("TypeError", std::string(name) + " must be str", &fr);
            return v.str();
        };
        in.step(s.size());
        if (m == "join") {
            std::string out;
            bool first = true;
            for (const auto& x : in.iterate(in.need(args, 0, "iterable", fr), fr)) {
                if (!x.is_str()) in.raise_new("TypeError", "sequence item: expected str instance", &fr);
                if (!first) out += s;
                out += x.str();
                first = false;
            }
            return Value(std::move(out));
        }
        if (m == "upper" || m == "lower") {
            std::string out = s;
            for (char& c : out)
                if (c >= 'a' && c <= 'z' && m == "upper")
                    c = static_cast<char>(c - 'a' + 'A');
                else if (c >= 'A' && c <= 'Z' && m == "lower")
                    c = static_cast<char>(c - 'A' + 'a');
            return Value(std::move(out));
        }
        if (m == "strip") {
            std::string chars = args.pos.empty() || args.pos[0].is_none() ? std::string(kSpace) : str_arg(0, "chars");
            std::size_t b = s.find_first_not_of(chars), e = s.find_last_not_of(chars);
            return Value(b == std::string::npos ? std::string() : s.substr(b, e - b + 1));
        }
        if (m == "split") {
            std::vector<Value> parts;
            if (args.pos.empty() || args.pos[0].is_none()) {  // runs of whitespace, no empty parts
                std::size_t i = 0;
                while ((i = s.find_first_not_of(kSpace, i)) != std::string::npos) {
                    std::size_t j = s.find_first_of(kSpace, i);
                    parts.emplace_back(s.substr(i, j == std::string::npos ? std::string::npos : j - i));
                    i = j;
                }
            } else {
                std::string sep = str_arg(0, "sep");
                if (sep.empty()) in.raise_new("ValueError", "empty separator", &fr);
                std::size_t i = 0, j;
                while ((j = s.find(sep, i)) != std::string::npos) {
                    parts.emplace_back(s.substr(i, j - i));
                    i = j + sep.size();
                }
                parts.emplace_back(s.substr(i));
            }
            return make_list(std::move(parts));
        }
        if (m == "startswith" || m == "endswith") {
            std::string x = str_arg(0, "prefix");
            bool r = x.size() <= s.size() &&
                     (m == "startswith" ? s.compare(0, x.size(), x) == 0 : s.compare(s.size() - x.size(), x.size(), x) == 0);
            return Value(r);
        }
        if (m == "replace") {
            std::string old = str_arg(0, "old"), with = str_arg(1, "new"), out;
            if (old.empty()) {  // between every character
                out = with;
                for (char c : s) (out += c) += with;
                return Value(std::move(out));
            }
            std::size_t i = 0, j;
            while ((j = s.find(old, i)) != std::string::npos) {
                out += s.substr(i, j - i) + with;
                i = j + old.size();
            }
            return Value(out + s.substr(i));
        }
        return std::nullopt;
    }

    static std::optional<Value> dict_method(I& in, const Value& obj, const std::string& m, Args& args, Frame& fr) {
        auto& d = *obj.template as<DictObj>();
        if (m == "get" || m == "setdefault" || m == "pop") {
            const Value& k = in.need(args, 0, "key", fr);
            check_hashable(in, k, fr);
            std::size_t i = find(in, d.items, k);
            const bool has_default = args.pos.size() > 1;
            Value dflt = has_default ? args.pos[1] : Value();
            if (i < d.items.size()) {
                Value v = d.items[i].second;
                if (m == "pop") d.items.erase(d.items.begin() + static_cast<std::ptrdiff_t>(i));
                return v;
            }
            if (m == "pop" && !has_default) in.raise_new("KeyError", "", &fr);
            if (m == "setdefault") d.items.emplace_back(k, dflt);
            return dflt;
        }
        if (m == "keys" || m == "values" || m == "items") {
            using Of = DictViewObj::Of;
            return Value(make_obj<DictViewObj>(m == "keys" ? Of::keys : m == "values" ? Of::values : Of::items,
                                               obj.template as<DictObj>()));
        }
        if (m == "update") {
            Args a;
            if (!args.pos.empty()) a.pos.push_back(args.pos[0]);
            a.kw = args.kw;
            Value other = *call_builtin(in, "dict", a, fr);
            for (auto& [k, v] : other.template as<DictObj>()->items) dict_set(in, d, k, v, fr);
            return Value();
        }
        if (m == "clear") {
            d.items.clear();
            return Value();
        }
        if (m == "copy") {
            auto c = make_obj<DictObj>();
            c->items = d.items;
            return Value(c);
        }
        return std::nullopt;
    }

    static std::optional<Value> set_method(I& in, const Value& obj, const std::string& m, Args& args, Frame& fr) {
        auto& s = *obj.template as<SetObj>();
        if (m == "add") {
            set_add(in, s, in.need(args, 0, "elem", fr), fr);
            return Value();
        }
        if (m == "discard" || m == "remove") {
            const Value& k = in.need(args, 0, "elem", fr);
            check_hashable(in, k, fr);
            std::size_t i = find(in, s.items, k);
            if (i < s.items.size())
                s.items.erase(s.items.begin() + static_cast<std::ptrdiff_t>(i));
            else if (m == "remove")
                in.raise_new("KeyError", "", &fr);
            return Value();
        }
        if (m == "clear") {
            s.items.clear();
            return Value();
        }
        if (m == "copy") {
            auto c = make_obj<SetObj>();
            c->items = s.items;
            return Value(c);
        }
        return std::nullopt;
    }

    static std::optional<Value> list_method(I& in, const Value& obj, const std::string& m, Args& args, Frame& fr) {
        auto& items = obj.list()->items;
        if (m == "index" || m == "count" || m == "remove") {
            const Value& x = in.need(args, 0, "value", fr);
            in.step(items.size());
            std::int64_t n = 0;
            for (std::size_t i = 0; i < items.size(); ++i) {
                if (!in.identical(items[i], x) && !in.equal(items[i], x)) continue;
                if (m == "index") return Value(static_cast<std::int64_t>(i));
                if (m == "remove") {
                    items.erase(items.begin() + static_cast<std::ptrdiff_t>(i));
                    return Value();
                }
                ++n;
            }
            if (m == "count") return Value(n);
            in.raise_new("ValueError", "list." + m + "(x): x not in list", &fr);
        }
        if (m == "pop") {
            if (items.empty()) in.raise_new("IndexError", "pop from empty list", &fr);
            Value iv = in.arg_or(args, 0, "index", Value(std::int64_t{-1}));
            if (!iv.is_intlike()) in.raise_new("TypeError", "list indices must be integers", &fr);
            auto i = static_cast<std::size_t>(in.norm_index(iv.as_int(), items.size(), fr));
            Value v = std::move(items[i]);
            items.erase(items.begin() + static_cast<std::ptrdiff_t>(i));
            return v;
        }
        if (m == "insert") {
            const Value& iv = in.need(args, 0, "index", fr);
            if (!iv.is_intlike()) in.raise_new("TypeError", "list indices must be integers", &fr);
            auto n = static_cast<std::int64_t>(items.size());
            std::int64_t i = iv.as_int();
            i = i < 0 ? std::max<std::int64_t>(0, i + n) : std::min(i, n);
            items.insert(items.begin() + static_cast<std::ptrdiff_t>(i), in.need(args, 1, "object", fr));
            return Value();
        }
        if (m == "extend") {
            std::vector<Value> more = in.iterate(in.need(args, 0, "iterable", fr), fr);
            items.insert(items.end(), more.begin(), more.end());
            return Value();
        }
        if (m == "clear") {
            items.clear();
            return Value();
        }
        if (m == "copy") return make_list(items);
        return std::nullopt;
    }
};

}  // namespace asyncspec
