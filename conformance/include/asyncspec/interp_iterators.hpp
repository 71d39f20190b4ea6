// The interpreter's iteration builtins (spec/IR.md "call_builtin"): iter,
// next, enumerate, zip (lazy iterators, as Python's: they advance their
// source one item per step, so a list growing meanwhile is seen), list,
// tuple, min, max, any, all, sum; and generator expressions (IR.md
// "genexp"), iterators that call their function once per item.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "asyncspec/value.hpp"

namespace asyncspec {

template <class I>
struct IteratorsExt {
    using Args = typename I::Args;
    using Frame = typename I::Frame;
    using NativeObj = typename I::NativeObj;

    // One position in an iterable: a list by index over the live list (as
    // CPython's list iterator), another iterator by its next(), anything
    // else iterable by a snapshot of its items.
    struct Cursor {
        Value source;
        std::vector<Value> snapshot;
        std::size_t index = 0;
        bool live_list = false;
        NativeObj* iterator = nullptr;

        static Cursor over(I& in, const Value& v, Frame& fr) {
            Cursor c;
            c.source = v;
            if (v.is_list()) {
                c.live_list = true;
            } else if (NativeObj* n = in.native(v); n && n->is_iterator()) {
                c.iterator = n;
            } else {
                c.snapshot = in.iterate(v, fr);
            }
            return c;
        }
        std::optional<Value> next(I& in, Frame& fr) {
            in.step();
            if (iterator) return iterator->next(in, fr);
            const std::vector<Value>& items = live_list ? source.list()->items : snapshot;
            if (index >= items.size()) {
                if (live_list) index = static_cast<std::size_t>(-1) / 2;  // exhausted for good
                return std::nullopt;
            }
            return items[index++];
        }
    };

    // iter(x), enumerate(x, start), zip(*xs): one object, its own iterator.
    struct IterObj : NativeObj {
        enum class Shape { plain, enumerate, zip, map, filter } shape;
        std::vector<Cursor> cursors;
        Value function;  // map, filter (None: truthiness)
        std::int64_t count = 0;
        bool done = false;
        std::string name;
        IterObj(Shape s, std::string n) : shape(s), name(std::move(n)) {}
        std::string type_name() const override { return name; }
        bool is_iterator() const override { return true; }
        std::optional<Value> next(I& in, Frame& fr) override {
            if (done) return std::nullopt;
            if (shape == Shape::map || shape == Shape::filter) {
                while (true) {
                    Args a;
                    for (auto& c : cursors) {
                        auto v = c.next(in, fr);
                        if (!v) {
                            done = true;
                            return std::nullopt;
                        }
                        a.pos.push_back(std::move(*v));
                    }
                    if (shape == Shape::map) return in.call_value(function, std::move(a), &fr);
                    Value item = a.pos[0];
                    bool keep = function.is_none() ? in.truthy(item) : in.truthy(in.call_value(function, std::move(a), &fr));
                    if (keep) return item;
                }
            }
            if (shape == Shape::zip) {
                std::vector<Value> items;
                for (auto& c : cursors) {
                    auto v = c.next(in, fr);
                    if (!v) {
                        done = true;
                        return std::nullopt;
                    }
                    items.push_back(std::move(*v));
                }
                if (items.empty()) done = true;
                return items.empty() ? std::nullopt : std::optional<Value>(make_tuple(std::move(items)));
            }
            auto v = cursors[0].next(in, fr);
            if (!v) {
                done = true;
                return std::nullopt;
            }
            if (shape == Shape::plain) return v;
            return make_tuple(std::vector<Value>{Value(count++), std::move(*v)});
        }
        void break_refs() override {
            cursors.clear();
            function = Value();
        }
    };

    // A generator expression: function(item) -> (keep, element) per item.
    struct GenExpObj : NativeObj {
        Cursor items;
        Value function;
        bool done = false;
        GenExpObj(Cursor c, Value f) : items(std::move(c)), function(std::move(f)) {}
        std::string type_name() const override { return "generator"; }
        bool is_iterator() const override { return true; }
        std::optional<Value> next(I& in, Frame& fr) override {
            while (!done) {
                auto item = items.next(in, fr);
                if (!item) break;
                Args a;
                a.pos.push_back(std::move(*item));
                Value r = in.call_value(function, std::move(a), &fr);
                if (!r.is_tuple() || r.tuple()->items.size() != 2)
                    throw IRError("a genexp function must return (keep, element)");
                if (in.truthy(r.tuple()->items[0])) return r.tuple()->items[1];
            }
            done = true;
            return std::nullopt;
        }
        void break_refs() override {
            items = Cursor{};
            function = Value();
        }
    };

    static Value genexp(I& in, const Value& iterable, Value function, Frame& fr) {
        return Value(make_obj<GenExpObj>(Cursor::over(in, iterable, fr), std::move(function)));
    }

    static Value key_of(I& in, const Value& key, const Value& v, Frame& fr) {
        if (key.is_none()) return v;
        Args a;
        a.pos.push_back(v);
        return in.call_value(key, std::move(a), &fr);
    }

    static std::optional<Value> call_builtin(I& in, const std::string& name, Args& args, Frame& fr) {
        auto& p = args.pos;
        if (name == "iter" || name == "enumerate" || name == "zip") {
            using Shape = typename IterObj::Shape;
            Shape shape = name == "iter" ? Shape::plain : name == "enumerate" ? Shape::enumerate : Shape::zip;
            if (shape != Shape::zip && p.empty()) in.raise_new("TypeError", name + "() needs an iterable", &fr);
            // iter() of an iterator is the iterator itself
            if (shape == Shape::plain) {
                if (NativeObj* n = in.native(p[0]); n && n->is_iterator()) return p[0];
            }
            auto it = make_obj<IterObj>(shape, name == "iter" ? std::string("iterator") : name);
            if (shape == Shape::zip) {
                for (const auto& x : p) it->cursors.push_back(Cursor::over(in, x, fr));
            } else {
                it->cursors.push_back(Cursor::over(in, p[0], fr));
            }
            if (shape == Shape::enumerate) {
                Value start = in.arg_or(args, 1, "start", Value(std::int64_t{0}));
                if (!start.is_intlike()) in.raise_new("TypeError", "enumerate() start must be an int", &fr);
                it->count = start.as_int();
            }
            return Value(std::move(it));
        }
        if (name == "map" || name == "filter") {  // map(f, *iterables), filter(f_or_None, iterable)
            using Shape = typename IterObj::Shape;
            if (p.size() < 2 || (name == "filter" && p.size() != 2))
                in.raise_new("TypeError", name + "() takes a function and an iterable", &fr);
            auto it = make_obj<IterObj>(name == "map" ? Shape::map : Shape::filter, name);
            it->function = p[0];
            for (std::size_t i = 1; i < p.size(); ++i) it->cursors.push_back(Cursor::over(in, p[i], fr));
            return Value(std::move(it));
        }
        if (name == "next") {
            if (p.empty()) in.raise_new("TypeError", "next expected at least 1 argument", &fr);
            NativeObj* n = in.native(p[0]);
            if (!n || !n->is_iterator())
                in.raise_new("TypeError", "'" + in.type_name(p[0]) + "' object is not an iterator", &fr);
            if (auto v = n->next(in, fr)) return *v;
            if (p.size() > 1) return p[1];
            in.raise_new("StopIteration", "", &fr);
        }
        if (name == "list" || name == "tuple") {
            std::vector<Value> items;
            if (!p.empty()) items = in.iterate(p[0], fr);
            return name == "list" ? make_list(std::move(items)) : make_tuple(std::move(items));
        }
        if (name == "any" || name == "all") {
            if (p.size() != 1) in.raise_new("TypeError", name + "() takes exactly one argument", &fr);
            const bool want = name == "any";
            Cursor c = Cursor::over(in, p[0], fr);
            while (auto v = c.next(in, fr))
                if (in.truthy(*v) == want) return Value(want);
            return Value(!want);
        }
        if (name == "sum") {
            if (p.empty()) in.raise_new("TypeError", "sum() takes at least 1 positional argument", &fr);
            Value total = in.arg_or(args, 1, "start", Value(std::int64_t{0}));
            if (total.is_str()) in.raise_new("TypeError", "sum() can't sum strings", &fr);
            Cursor c = Cursor::over(in, p[0], fr);
            while (auto v = c.next(in, fr)) total = in.binop("+", total, *v, fr);
            return total;
        }
        if (name == "min" || name == "max") {
            // Python's: the first of the extreme items (strict comparison).
            Value key = in.arg_or(args, 99, "key", Value());
            std::vector<Value> items;
            if (p.size() == 1) {
                items = in.iterate(p[0], fr);
            } else if (p.size() > 1) {
                items = p;
            } else {
                in.raise_new("TypeError", name + " expected at least 1 argument", &fr);
            }
            if (items.empty()) {
                for (auto& [k, v] : args.kw)
                    if (k == "default" && p.size() == 1) return v;
                in.raise_new("ValueError", name + "() iterable argument is empty", &fr);
            }
            const std::string op = name == "min" ? "<" : ">";
            Value best = items[0];
            Value best_key = key_of(in, key, best, fr);
            for (std::size_t i = 1; i < items.size(); ++i) {
                Value k = key_of(in, key, items[i], fr);
                if (in.compare(op, k, best_key, fr)) {
                    best = items[i];
                    best_key = std::move(k);
                }
            }
            return best;
        }
        return std::nullopt;
    }
};

}  // namespace asyncspec
