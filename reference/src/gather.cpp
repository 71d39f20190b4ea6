// Lib/asyncio/tasks.py (3.13): gather's _done_callback and _GatheringFuture.
#include "asyncio/gather.hpp"

#include <algorithm>

namespace asyncio::detail {

void GatheringBase::add_child(FutureBase* fut, bool may_repeat) {
    if (may_repeat) {
        // arg_to_fut: an object passed again is the same child.
        bool repeat = false;
        if (children_.size() < 16) {
            for (FutureBase* c : children_) repeat = repeat || c == fut;
        } else {
            if (seen_.empty()) seen_.insert(children_.begin(), children_.end());
            repeat = !seen_.insert(fut).second;
        }
        if (repeat) {
            children_.push_back(fut);
            return;
        }
    } else if (!seen_.empty()) {
        seen_.insert(fut);
    }
    ++nfuts_;
    children_.push_back(fut);
    // gather.timing.done-inputs: a done child is processed at the end of
    // gather() (Profile::gather_completes_done_inputs_at_once, 3.12+); in
    // 3.11 through its done callback, like any other.
    if (fut->done() && get_loop().profile().gather_completes_done_inputs_at_once()) {
        done_futs_.push_back(fut);
    } else {
        // graph.awaited-by.combinators: a pending child is awaited by the calling task.
        if (!cur_task_) cur_task_ = get_loop().current_task();
        if (cur_task_) fut->add_awaited_by(cur_task_);
        fut->add_done_callback([g = Ref<GatheringBase>(this)](FutureBase& f) { g->on_child_done(f); }, this);
    }
}

void GatheringBase::process_done_children() {
    seen_.clear();
    if (children_.empty()) {
        // gather.empty.done-empty-list
        set_results();
        return;
    }
    for (FutureBase* f : done_futs_) on_child_done(*f);
    done_futs_.clear();
}

std::exception_ptr GatheringBase::cancelled_child_error(FutureBase& fut) {
    return make_exception(CancelledError(fut.cancel_message().value_or("")));
}

// gather.cancel.broadcast-in-order, gather.cancel.done-returns-false
bool GatheringBase::cancel(std::optional<std::string> msg) {
    if (done()) return false;
    bool ret = false;
    for (FutureBase* child : children_)
        if (child->cancel(msg)) ret = true;
    if (ret) cancel_requested_ = true;
    return ret;
}

// gather.error.first-exception-propagates, gather.error.child-cancel-is-exception,
// gather.error.siblings-keep-running (later exceptions marked retrieved),
// gather.return-exceptions.in-results,
// gather.cancel.raises-even-with-return-exceptions,
// gather.cancel.raises-even-if-children-swallow,
// gather.timing.two-iterations (this runs one iteration after the child's
// last step; the outer's callbacks wake the awaiter in the next).
void GatheringBase::on_child_done(FutureBase& fut) {
    ++nfinished_;
    if (cur_task_) fut.discard_awaited_by(cur_task_);
    if (done()) {
        if (!fut.cancelled()) fut.mark_retrieved();
        return;
    }
    if (!return_exceptions_) {
        if (fut.cancelled()) {
            // The child's CancelledError (its message) becomes an exception:
            // the outer is not cancelled().
            finish(fut.make_cancelled_error());
            return;
        }
        if (std::exception_ptr exc = fut.exception()) {
            finish(std::move(exc));
            return;
        }
    }
    if (nfinished_ == nfuts_) {
        if (cancel_requested_) {
            // The results loop of CPython reads every child (marking their
            // exceptions retrieved); then `fut` is the last child.
            for (FutureBase* c : children_)
                if (!c->cancelled()) c->mark_retrieved();
            finish(children_.back()->make_cancelled_error());
        } else {
            set_results();
        }
    }
}

}  // namespace asyncio::detail
