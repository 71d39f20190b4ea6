// Lib/asyncio/timeouts.py (3.13).
#include "asyncio/timeouts.hpp"

#include <cmath>
#include <cstdio>

#include "asyncio/exception_groups.hpp"

namespace asyncio {

Timeout::Timeout(Timeout&& o) noexcept : state_(o.state_), when_(o.when_), cancelling_(o.cancelling_) {
    // Only a created (not entered) timeout may move: nothing refers to it yet.
    task_ = std::exchange(o.task_, nullptr);
}

Timeout::~Timeout() {
    // Left without __aexit__ (its coroutine frame destroyed): disarm.
    timeout_handler_.cancel();
}

Timeout timeout(std::optional<double> delay) {
    EventLoop& loop = get_running_loop();
    return Timeout(delay ? std::optional<double>(loop.time() + *delay) : std::nullopt);
}

void Timeout::reschedule(std::optional<double> when) {
    // timeout.reschedule.only-while-entered
    if (state_ != State::entered) {
        if (state_ == State::created) throw RuntimeError("Timeout has not been entered");
        throw RuntimeError("Cannot change state of " +
                           std::string(state_ == State::expiring  ? "expiring"
                                       : state_ == State::expired ? "expired"
                                                                  : "finished") +
                           " Timeout");
    }
    // timeout.reschedule.moves-deadline
    when_ = when;
    timeout_handler_.cancel();
    timeout_handler_ = Handle();
    if (!when) return;
    EventLoop& loop = get_running_loop();
    // timeout.reschedule.past-is-call-soon: a deadline already passed fires
    // in the next iteration, FIFO with the ready handles.
    if (*when <= loop.time())
        timeout_handler_ = loop.call_soon([this] { on_timeout(); });
    else
        timeout_handler_ = loop.call_at(*when, [this] { on_timeout(); });
}

std::string Timeout::repr() const {
    static const char* names[] = {"created", "active", "expiring", "expired", "finished"};
    std::string out = "<Timeout [";
    out += names[static_cast<int>(state_)];
    out += "]";
    if (state_ == State::entered) {
        if (when_) {
            char buf[64];
            std::snprintf(buf, sizeof buf, " when=%g", std::round(*when_ * 1000) / 1000);
            out += buf;
        } else {
            out += " when=None";
        }
    }
    return out + ">";
}

// timeout.enter.once-only, timeout.enter.records-baseline.
void Timeout::enter() {
    if (state_ != State::created) throw RuntimeError("Timeout has already been entered");
    TaskBase* task = current_task();
    if (!task) throw RuntimeError("Timeout should be used inside a task");
    state_ = State::entered;
    task_ = task;
    cancelling_ = task->cancelling();
    reschedule(when_);
}

// timeout.expiry.cancels-task: task.cancel() without a message.
void Timeout::on_timeout() {
    task_->cancel();
    state_ = State::expiring;
    timeout_handler_ = Handle();
}

// timeout.exit.disarms, timeout.exit.converts-to-timeout-error,
// timeout.exit.no-error-if-swallowed, timeout.exit.foreign-cancel-propagates,
// timeout.exit.other-exception-passes, timeout.nested.*.
namespace {

// TimeoutError raised from `exc` while it is handled: its __cause__ and __context__.
TimeoutError timeout_error_from(const std::exception_ptr& exc) {
    TimeoutError te;
    te.cause = exc;
    te.context = exc;
    return te;
}

}  // namespace

bool Timeout::exit(const std::exception_ptr& exc) {
    timeout_handler_.cancel();
    timeout_handler_ = Handle();
    if (state_ == State::expiring) {
        state_ = State::expired;
        // Only when no newer cancel requests are pending is this ours.
        if (task_->uncancel() <= cancelling_ && exc) {
            // raise TimeoutError from exc_val (raised while exc_val is
            // being handled: it is the __context__ too). Built in place: a
            // local thrown from here would leave a cleanup in this frame,
            // a second unwinding pass (see FutureBase::raise_unless_result).
            if (exception_is<CancelledError>(exc)) throw timeout_error_from(exc);
            // 3.13: a TimeoutError goes into the __context__ chain of
            // another exception leaving while expiring
            // (Profile::timeout_inserts_timeout_error; 3.11, 3.12: it leaves as is).
            BaseException* obj = exception_object(exc);
            if (obj && task_->get_loop().profile().timeout_inserts_timeout_error()) {
                insert_timeout_error(obj);
                if (const ExceptionGroupBase* g = dynamic_cast<const ExceptionGroupBase*>(obj); g && is_exception(exc))
                    for (const std::exception_ptr& e : g->exceptions())
                        if (BaseException* m = exception_object(e)) insert_timeout_error(m);
            }
        }
    } else if (state_ == State::entered) {
        state_ = State::exited;
    }
    return false;
}

void Timeout::insert_timeout_error(BaseException* exc) {
    while (exc->context) {
        if (exception_is<CancelledError>(exc->context)) {
            exc->context = make_exception(timeout_error_from(exc->context));
            break;
        }
        exc = exception_object(exc->context);
        if (!exc) break;
    }
}

}  // namespace asyncio
