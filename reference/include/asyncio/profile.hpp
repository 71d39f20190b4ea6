// Which CPython version's behaviour a loop reproduces: 3.11, 3.12, 3.13 or
// 3.14 (the default: the newest the spec records), chosen per event loop at run time
// (EventLoop::set_profile). Every behaviour that differs between versions is
// one named rule below, with the spec clause it implements and the versions
// it holds for, so this file is the list of what changed when; the code that
// implements a rule asks `loop.profile().rule()`. A rule is a comparison of
// the minor version held by the loop (one byte): free on hot paths.
#pragma once

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <optional>
#include <string_view>

namespace asyncio {

class Profile {
public:
    enum class Version : std::uint8_t { py311 = 11, py312 = 12, py313 = 13, py314 = 14 };
    static constexpr Version default_version = Version::py314;
    // The versions a loop can reproduce, oldest first ("3.11", ...).
    static constexpr std::string_view names[] = {"3.11", "3.12", "3.13", "3.14"};

    constexpr Profile() = default;
    constexpr explicit Profile(Version v) : minor_(static_cast<std::uint8_t>(v)) {}
    // "3.11" .. "3.14", else nullopt.
    static constexpr std::optional<Profile> parse(std::string_view name) {
        for (std::size_t i = 0; i < std::size(names); ++i)
            if (names[i] == name) return Profile(static_cast<Version>(11 + i));
        return std::nullopt;
    }
    constexpr Version version() const { return static_cast<Version>(minor_); }
    constexpr int minor() const { return minor_; }
    constexpr std::string_view name() const { return names[minor_ - 11]; }
    constexpr bool operator==(const Profile&) const = default;

    // ---- tasks
    // cancel.uncancel.pending-cancel (3.13+): uncancel() back to zero
    // withdraws a cancel not yet delivered (the task's next step no longer
    // throws CancelledError). 3.11, 3.12: the pending cancel is still thrown.
    constexpr bool uncancel_withdraws_pending_cancel() const { return at_least(13); }
    // tasks.name.explicit-consumes-number, taskgroup.create-task.name (3.13+):
    // asyncio.create_task(coro, name=N) and tg.create_task(coro, name=N)
    // pass the name to the task, which takes no Task-N number. 3.11, 3.12:
    // they create the task unnamed (taking a number), then rename it.
    // (Task(coro, name=N) and loop.create_task(coro, name=N) take no number
    // in every version.)
    constexpr bool create_task_passes_name() const { return at_least(13); }
    // sleep.nan (3.13+): sleep(NaN) raises ValueError. 3.11, 3.12: accepted,
    // a NaN timer is due at once.
    constexpr bool sleep_rejects_nan() const { return at_least(13); }

    // ---- futures
    // futures.set-exception.stop-iteration (3.13+): set_exception(StopIteration)
    // stores a RuntimeError caused by it. 3.11, 3.12: raises TypeError.
    constexpr bool set_exception_wraps_stop_iteration() const { return at_least(13); }

    // ---- eager tasks (3.12+)
    // eager.names.during-step (3.14+): the task factory is given the name,
    // so an eager task has it during its first step. 3.12, 3.13: the task
    // is named after create_task's factory call (Task-N during the step).
    constexpr bool task_factory_takes_name() const { return at_least(14); }
    // eager.names.during-step (3.13 only): create_task renames a task made
    // by a task factory with the name given, None too, so an unnamed one is
    // named "None" (CPython 3.13.0). 3.12: only a given name; 3.14: see above.
    constexpr bool factory_names_unnamed_task_none() const { return minor_ == 13; }
    // eager.start-param.task-constructor (3.12+): Task(coro, eager_start=)
    // exists. 3.11: TypeError.
    constexpr bool task_takes_eager_start() const { return at_least(12); }
    // eager.start-param.create-task (3.14+): asyncio.create_task,
    // loop.create_task and TaskGroup.create_task pass their keyword arguments
    // on to the Task or the task factory (eager_start). 3.11-3.13: they take
    // no eager_start (TypeError).
    constexpr bool create_task_takes_eager_start() const { return at_least(14); }

    // ---- combinators
    // gather.timing.done-inputs (3.12+): gather() over inputs that are all
    // done returns a done future. 3.11: it completes through the inputs'
    // done callbacks (one iteration later).
    constexpr bool gather_completes_done_inputs_at_once() const { return at_least(12); }
    // as_completed.inputs.wrapping-time (3.13+): coroutine inputs are
    // wrapped in tasks when as_completed() is called. 3.11, 3.12:
    // as_completed is a generator, nothing happens (no task, no callback, no
    // timer) before its first next().
    constexpr bool as_completed_wraps_at_call() const { return at_least(13); }
    // wait_for.coroutine.task-identity, wait_for.timing.iterations,
    // wait_for.cancel.race-with-completion,
    // wait_for.cancel.caller-cancel-cancels-inner (3.12+): wait_for is
    // `async with timeout(t): return await fut` (a coroutine runs in the
    // caller's task). 3.11: the inner is wrapped in a task and waited for
    // through a waiter future and a call_later handle.
    constexpr bool wait_for_is_timeout() const { return at_least(12); }
    // timeout.exit.other-exception-passes, wait_for.timeout.inner-raises-propagates
    // (3.13+): an expiring timeout whose body raised another exception
    // inserts a TimeoutError in that exception's __context__ chain.
    // 3.11, 3.12: the chain is left as it is.
    constexpr bool timeout_inserts_timeout_error() const { return at_least(13); }

    // ---- TaskGroup
    // taskgroup.abort.parent-uncancelled, taskgroup.errors.base-error-bare,
    // taskgroup.cancel.external-preserved (3.13+): __aexit__ un-cancels the
    // parent once the children are done (not when a base error is raised),
    // and re-delivers a pending external cancel with the ExceptionGroup.
    // 3.11, 3.12: it un-cancels on entry to __aexit__, before waiting.
    constexpr bool taskgroup_uncancels_after_children() const { return at_least(13); }
    // taskgroup.create-task.refused-closes-coroutine (3.13+): a coroutine
    // refused by tg.create_task is closed. 3.11, 3.12: left untouched.
    constexpr bool taskgroup_closes_refused_coroutine() const { return at_least(13); }
    // taskgroup.create-task.name (3.13+): see create_task_passes_name.
    // eager.taskgroup.immediate-failure (3.14+): a child done inside
    // tg.create_task (an eager child) is reported through its done callback
    // (the next iteration). 3.12, 3.13: at once, cancelling the parent.
    constexpr bool taskgroup_defers_done_child() const { return at_least(14); }

    // ---- locks
    // condition.wait.cancel-message (3.13+): a wait() cancelled while it
    // re-acquires the lock raises that CancelledError (with its message).
    // 3.11, 3.12: a new CancelledError without arguments.
    constexpr bool condition_reraises_reacquire_cancel() const { return at_least(13); }
    // condition.wait.cancel-notifies-next, condition.notify.cancelled-passes-on
    // (3.13+): wait() leaving with an exception notifies the next waiter
    // (a possible spurious wakeup). 3.11, 3.12: it does not.
    constexpr bool condition_wait_error_notifies_next() const { return at_least(13); }
    // semaphore.acquire.wake-chain (3.13+): acquire() ends (however it
    // ends) by waking as many waiters as the counter allows. 3.11, 3.12: a
    // successful acquire wakes at most one next waiter (a chain, one
    // iteration per waiter), a failed one none unless it was woken.
    constexpr bool semaphore_wakes_all_allowed() const { return at_least(13); }

private:
    constexpr bool at_least(int minor) const { return minor_ >= minor; }
    std::uint8_t minor_ = static_cast<std::uint8_t>(default_version);
};

}  // namespace asyncio
