// The interpreter's exception groups, the combinators family's exception
// side (spec/IR.md "try_star"): `except*` over exception group values (PEP
// 654), and the __cause__/__context__ links of the program's exceptions kept
// in sync with the natives of an implementation that edits them (3.13's
// timeout() inserts a TimeoutError: adapter_combinators.hpp,
// exception_links). The model is spec/harness/ir_interp.py (CPython's own
// `except*`).
#pragma once

#include <exception>
#include <functional>
#include <optional>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

#include "asyncspec/adapter_combinators.hpp"
#include "asyncspec/eval.hpp"
#include "asyncspec/value.hpp"

namespace asyncspec {

// The family's entry points for exceptions, called from the interpreter's
// hooks (set_context, throw_exc, from_native, st_try_star) and from
// timeout(); I is Interpreter<A> (this is its friend).
template <class I>
struct ExceptionGroupsExt {
    using A = typename I::adapter_type;
    using Frame = typename I::Frame;
    using Signal = typename I::Signal;
    using Sig = typename I::Sig;
    using Handled = typename I::Handled;

    // ----------------------------------------------------- exception links
    // The program's __context__/__cause__ chain of `x` written into the
    // natives (so the implementation can edit it), and read back.
    static void push_links(I& in, const ExcRef& x) {
        if constexpr (has_exception_links<A>) {
            int guard = 0;
            for (ExcObj* o = x.get(); o && guard++ < 1000; o = o->context.get()) {
                auto native = [&](const ExcRef& r) -> std::exception_ptr {
                    if (!r) return nullptr;
                    if (!r->native) r->native = in.a().make_exception(*r);
                    return r->native;
                };
                ExcRef self = o->shared_from_this();
                in.a().set_exception_links(native(self), native(o->cause), native(o->context));
            }
        } else {
            (void)in;
            (void)x;
        }
    }
    static void pull_links(I& in, const ExcRef& x) {
        if constexpr (has_exception_links<A>) {
            int guard = 0;
            for (ExcObj* o = x.get(); o && o->native && guard++ < 1000; o = o->context.get()) {
                auto [cause, context] = in.a().exception_links(o->native);
                ExcRef c = context ? in.from_native(context) : nullptr;
                ExcRef k = cause ? in.from_native(cause) : nullptr;
                if (c != o->context && c.get() != o) o->context = c;
                if (k != o->cause && k.get() != o) o->cause = k;
            }
        } else {
            (void)in;
            (void)x;
        }
    }

    // The interpreter keeps a program exception's __cause__/__context__ in its
    // ExcObj; an implementation that edits the chain of an exception it is
    // given (3.13 timeout() inserts a TimeoutError into it, also inside
    // wait_for) sees and edits the native's links. Written to the native
    // whenever the interpreter throws one or sets its context, read back
    // whenever one comes out of the implementation (links are only added,
    // never cleared, by an implementation).
    static void links_to_native(I& in, ExcObj& x) {
        if constexpr (has_exception_links<A>) {
            int guard = 0;
            for (ExcObj* o = &x; o && o->native && guard++ < 100; o = o->context.get()) {
                auto native = [&](const ExcRef& r) -> std::exception_ptr {
                    if (!r) return nullptr;
                    if (!r->native) r->native = in.a().make_exception(*r);
                    return r->native;
                };
                in.a().set_exception_links(o->native, native(o->cause), native(o->context));
            }
        } else {
            (void)in;
            (void)x;
        }
    }
    static void links_from_native(I& in, ExcObj& x) {
        if constexpr (has_exception_links<A>) {
            static thread_local int depth = 0;
            if (!x.native || depth > 100) return;
            ++depth;
            auto [cause, context] = in.a().exception_links(x.native);
            if (context && (!x.context || x.context->native != context)) {
                ExcRef c = in.from_native(context);
                if (c && c.get() != &x) x.context = c;
            }
            if (cause && (!x.cause || x.cause->native != cause)) {
                ExcRef c = in.from_native(cause);
                if (c && c.get() != &x) x.cause = c;
            }
            --depth;
        } else {
            (void)in;
            (void)x;
        }
    }

    // --------------------------------------------------------------- except*
    // IR.md "try_star" (PEP 654; the re-raise rule of CPython's
    // _PyExc_PrepReraiseStar).
    static ExcRef derive(I& in, const ExcRef& g, std::vector<ExcRef> members, std::unordered_set<ExcObj*>& derived) {
        if (members.empty()) return nullptr;
        bool all_exc = true;
        for (auto& m : members) all_exc = all_exc && in.classes_.is_subclass(m->cls, "Exception");
        std::vector<Value> items;
        for (auto& m : members) items.emplace_back(m);
        ExcRef d = in.new_exception(in.classes_.at(all_exc ? "ExceptionGroup" : "BaseExceptionGroup"),
                                    {Value(g->message), make_list(std::move(items))});
        d->is_group = true;
        d->message = g->message;
        d->members = std::move(members);
        d->cause = g->cause;
        d->context = g->context;
        derived.insert(d.get());
        return d;
    }
    template <class Pred>
    static std::pair<ExcRef, ExcRef> split(I& in, const ExcRef& e, Pred& leaf, std::unordered_set<ExcObj*>& derived) {
        in.step();
        in.check_stack(nullptr);  // groups nested in groups...
        if (!e->is_group)
            return leaf(e) ? std::pair<ExcRef, ExcRef>{e, nullptr} : std::pair<ExcRef, ExcRef>{nullptr, e};
        std::vector<ExcRef> match, rest;
        for (const ExcRef& m : e->members) {
            auto [mm, rr] = split(in, m, leaf, derived);
            if (mm) match.push_back(std::move(mm));
            if (rr) rest.push_back(std::move(rr));
        }
        return {derive(in, e, std::move(match), derived), derive(in, e, std::move(rest), derived)};
    }
    // eg.split(condition) -> (match, rest), eg.subgroup(condition) -> match
    // (CPython's exceptiongroup_split_recursive: a group the condition
    // matches as a whole is itself the match; otherwise the matching and the
    // other members go to derived groups, None when empty). The condition
    // is an exception class, a tuple of them, or a predicate.
    static std::optional<Value> method(I& in, const Value& obj, const std::string& m, typename I::Args& args,
                                       typename I::Frame& fr) {
        if ((m != "split" && m != "subgroup") || !obj.is(Kind::exception)) return std::nullopt;
        ExcRef g = obj.template as<ExcObj>();
        if (!g->is_group) return std::nullopt;
        const Value& cond = in.need(args, 0, "condition", fr);
        const bool call = I::is_callable(cond) && !cond.is(Kind::user_class) && !cond.is(Kind::exc_class);
        std::function<std::pair<ExcRef, ExcRef>(const ExcRef&)> rec = [&](const ExcRef& e) {
            in.step();
            in.check_stack(&fr);
            bool hit;
            if (call) {
                typename I::Args a;
                a.pos.emplace_back(e);
                hit = I::truthy(in.call_value(cond, std::move(a), &fr));
            } else {
                hit = in.isinstance(Value(e), cond, fr);
            }
            if (hit) return std::pair<ExcRef, ExcRef>{e, nullptr};
            if (!e->is_group) return std::pair<ExcRef, ExcRef>{nullptr, e};
            std::vector<ExcRef> match, rest;
            for (const ExcRef& x : e->members) {
                auto [mm, rr] = rec(x);
                if (mm) match.push_back(std::move(mm));
                if (rr) rest.push_back(std::move(rr));
            }
            std::unordered_set<ExcObj*> derived;
            return std::pair<ExcRef, ExcRef>{derive(in, e, std::move(match), derived),
                                             derive(in, e, std::move(rest), derived)};
        };
        auto [match, rest] = rec(g);
        Value mv = match ? Value(match) : Value();
        if (m == "subgroup") return mv;
        return make_tuple(std::vector<Value>{mv, rest ? Value(rest) : Value()});
    }

    static void leaves(I& in, const ExcRef& e, std::unordered_set<ExcObj*>& out) {
        in.step();
        in.check_stack(nullptr);
        if (!e->is_group) {
            out.insert(e.get());
            return;
        }
        for (const ExcRef& m : e->members) leaves(in, m, out);
    }
    static ExcRef new_group(I& in, std::vector<ExcRef> members) {
        bool all_exc = true;
        for (auto& m : members) all_exc = all_exc && in.classes_.is_subclass(m->cls, "Exception");
        std::vector<Value> items;
        for (auto& m : members) items.emplace_back(m);
        ExcRef d = in.new_exception(in.classes_.at(all_exc ? "ExceptionGroup" : "BaseExceptionGroup"),
                                    {Value(std::string()), make_list(std::move(items))});
        d->is_group = true;
        d->members = std::move(members);
        return d;
    }

    static Eval<Signal> try_star(I& in, const json& s, Frame& fr) {
        std::exception_ptr pending;
        Signal sig;
        try {
            sig = co_await in.block(s.at("body"), fr);
        } catch (...) {
            pending = std::current_exception();
        }
        if (pending) {
            ExcRef x = in.from_native(pending);
            if (!x) std::rethrow_exception(pending);
            const bool naked = !x->is_group;
            std::unordered_set<ExcObj*> derived;
            ExcRef rest = x;
            std::vector<ExcRef> raised;
            for (const auto& h : s.at("handlers")) {
                if (!rest) break;
                std::vector<int> types;
                for (const auto& t : h.at("types")) types.push_back(in.classes_.at(t.template get<std::string>()));
                auto leaf = [&](const ExcRef& e) {
                    for (int t : types)
                        if (in.classes_.is_subclass(e->cls, t)) return true;
                    return false;
                };
                ExcRef match;
                if (!rest->is_group) {
                    if (leaf(rest)) {
                        match = new_group(in, {rest});
                        rest = nullptr;
                    }
                } else {
                    auto [m, r] = split(in, rest, leaf, derived);
                    match = std::move(m);
                    rest = std::move(r);
                }
                if (!match) continue;
                if (h.contains("target")) co_await in.store(h.at("target"), Value(match), fr);
                Handled handled{match, fr.top};
                fr.top = &handled;
                std::exception_ptr hexc;
                try {
                    co_await in.block(h.at("body"), fr);
                } catch (...) {
                    hexc = std::current_exception();
                }
                fr.top = handled.prev;
                if (h.contains("target")) in.unbind(h.at("target"), fr);
                if (hexc) {
                    ExcRef hx = in.from_native(hexc);
                    if (!hx) std::rethrow_exception(hexc);
                    raised.push_back(hx);
                }
            }
            std::vector<ExcRef> excs = raised;
            if (rest) excs.push_back(rest);
            ExcRef result;
            if (excs.empty()) {
                result = nullptr;
            } else if (naked) {
                result = excs.front();
            } else {
                std::vector<ExcRef> fresh;
                std::unordered_set<ExcObj*> keep;
                for (const ExcRef& e : excs) {
                    if (e == x || derived.count(e.get()))
                        leaves(in, e, keep);
                    else
                        fresh.push_back(e);
                }
                ExcRef kept;
                if (!keep.empty()) {
                    auto in_keep = [&](const ExcRef& e) { return keep.count(e.get()) > 0; };
                    std::unordered_set<ExcObj*> ignore;
                    kept = split(in, x, in_keep, ignore).first;
                }
                if (fresh.empty()) {
                    result = kept;
                } else {
                    if (kept) fresh.push_back(kept);
                    result = fresh.size() == 1 ? fresh.front() : new_group(in, std::move(fresh));
                }
            }
            if (result) {
                if (!result->native) result->native = in.a().make_exception(*result);
                pending = result->native;
            } else {
                pending = nullptr;
                sig = Signal{};
            }
        } else if (sig.kind == Sig::normal) {
            try {
                sig = co_await in.block(s.at("orelse"), fr);
            } catch (...) {
                pending = std::current_exception();
            }
        }
        if (!s.at("finalbody").empty()) {
            ExcRef inflight = pending ? in.from_native(pending) : nullptr;
            if (pending && !inflight) std::rethrow_exception(pending);
            Handled handled{inflight, fr.top};
            if (inflight) fr.top = &handled;
            std::exception_ptr fexc;
            Signal fsig;
            try {
                fsig = co_await in.block(s.at("finalbody"), fr);
            } catch (...) {
                fexc = std::current_exception();
            }
            if (inflight) fr.top = handled.prev;
            if (fexc) std::rethrow_exception(fexc);
            if (fsig.kind != Sig::normal) co_return fsig;
        }
        if (pending) std::rethrow_exception(pending);
        co_return sig;
    }
};

}  // namespace asyncspec
