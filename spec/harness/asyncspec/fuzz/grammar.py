"""The program model of the differential fuzzer: its vocabulary (delays,
messages, exception types, primitives) and what each construct needs
(features) and touches (clauses). Random scenario programs (stdlib only).

A program is a small tree (workers + main, statements as tuples) that renders
to scenario-language source (spec/LANGUAGE.md). The tree form is what the
shrinker (shrink.py) works on: every reduction is a smaller tree that still
renders to a well-formed scenario.

Orderings the spec leaves IMPL-DEFINED are kept out by construction:
- TaskGroup's sibling cancellation order: TaskGroup children are "quiet"
  workers (no try/except/finally, so a cancellation they receive is not
  observable), and only quiet workers are called from them.
- set iteration (asyncio.wait's sets, all_tasks()): not generated.
- equal-deadline timers: detected by the oracle ("ties"); a divergence on a
  program with ties is reported separately, never as a failure.
- synchronization primitives and queues (one of each kind at most, created in
  main and passed to every worker after f): quiet workers (and TaskGroup
  bodies) use only their non-blocking operations (set, clear, release,
  put_nowait, get_nowait, task_done, shutdown, state queries), never a wait,
  an acquire or an `async with`. A TaskGroup cancels its children in set
  order; a child cancelled while waiting on a primitive runs code on the way
  out (a woken lock/semaphore/queue waiter passes the wake-up on, a cancelled
  Condition.wait() re-acquires the lock), so which child runs first would be
  observable. The primitives' own waiter queues are FIFO (no IMPL-DEFINED
  order there).

Programs with primitives (prog["prims"]: each kind with probability 0.3):
- a program's "focus" (1, 2, 4 or 8) multiplies the weight of the primitive
  statements: waiters only contend when most statements use the primitives.
- self-deadlock by construction is avoided (it only costs a "both hang"
  verdict, whose traces are not compared): inside `async with lk|sem|cond` a
  task does not acquire the same primitive again, directly, through a worker
  it calls, gathers, wait_fors or starts in a TaskGroup (workers' transitive
  acquires are known: callees are generated first). Deadlocks through
  another task (awaiting a task that waits for the lock we hold, an event
  nobody sets, a get on an empty queue) are generated; main blocks on
  primitives at half the weight of workers.
- non-blocking operations that can fail (release, put_nowait, get_nowait,
  task_done) are mostly guarded (their own try/except logging the error):
  an unguarded failure ends the task, and tasks that live on contend.
- before awaiting its tasks, main usually wakes every primitive in use once
  (ev.set(), notify under cond, a guarded release, put_nowait and shutdown),
  often after a sleep that lets the tasks run into their waits, some wake-ups
  followed at once by a cancel of a task: the woken waiter may be the one
  cancelled before it runs, which must pass the wake-up on as CPython does.
- blocking statements log asyncio.current_task().get_name() (prog["who"],
  when the runner has all-tasks): which waiter a wake-up reached is visible.

Statements (first item is the kind):
  ("log", label)                 log(label)
  ("sleep", d)                   await asyncio.sleep(d)
  ("spawn", var, worker)         var = asyncio.create_task(worker(f), name=var)   main, top level only
  ("cancel", var, msg)           log("cancel var", var.cancel(msg))
  ("uncancel", var)              log("uncancel var", var.uncancel())
  ("query", var)                 log("query var", var.done(), var.cancelled(), var.cancelling())
  ("await", var)                 log("await var", await var)
  ("call", worker)               log("call w", await worker(f))
  ("selfcancel", msg)            log("self cancel", asyncio.current_task().cancel(msg))
  ("selfuncancel",)              log("self uncancel", asyncio.current_task().uncancel())
  ("raise", n)                   raise Boom(n)
  ("reraise",)                   raise                      (only inside a handler)
  ("return", n)                  return n
  ("fut_await",)                 log("fut", await f)
  ("fut_set", n)                 if not f.done(): f.set_result(n)
  ("fut_cancel", msg)            log("fut cancel", f.cancel(msg))
  ("try", body, handlers, finalbody)   handlers: [(exc_type, exc_var, body)]
  ("logexc", label, exc_var)     log(label, exc_var)           (first statement of a handler)
  ("gather", items, ret_exc)     log("gather", await asyncio.gather(*items, return_exceptions=ret_exc))
                                 items: ("w", worker) coroutine or ("t", var) task
  ("wait_for", item, d)          log("wait_for", await asyncio.wait_for(item, d))
  ("shield", var)                log("shield", await asyncio.shield(var))
  ("timeout", d, body)           async with asyncio.timeout(d): body
  ("taskgroup", tg, children, body)   async with asyncio.TaskGroup() as tg: tg.create_task(w(f), name=...); body
 primitives (P = lk: Lock, ev: Event, sem: Semaphore/BoundedSemaphore, cond: Condition, q: Queue;
 prog["prims"] = {P: config}: sem (value, bounded), q maxsize (0 = unbounded); workers take
 the primitives the program uses as parameters after f, in that order):
  ("with", P, body)              async with P: body             P in lk, sem, cond
  ("acquire", P)                 log("acquire P", await P.acquire())     P in lk, sem, cond
                                 (this and the other blocking statements below also log
                                 asyncio.current_task().get_name() when prog["who"]: the
                                 runner has all-tasks; which waiter a wake-up reached shows)
  ("release", P, g)              P.release()       (RuntimeError unlocked; ValueError over-released bounded)
                                 g: guarded, i.e. in its own try/except ValueError|RuntimeError as err:
                                 log(..., err) (so is a guarded put_nowait, get_nowait, task_done)
  ("pstate", P)                  log("P", P.locked() | ev.is_set() | q.qsize(), q.empty(), q.full())
  ("ev_wait",)                   log("ev wait", await ev.wait())
  ("ev_set",) / ("ev_clear",)    ev.set() / ev.clear()
  ("cond_wait",)                 log("cond wait", await cond.wait())      (inside async with cond)
  ("cond_notify", n)             cond.notify() / cond.notify(n) / cond.notify_all() (n "all")  (inside)
  ("q_put", n)                   log("put", n, await q.put(n))
  ("q_get",)                     log("get", await q.get())
  ("q_put_nowait", n, g)         log("put_nowait", n, q.put_nowait(n))   (QueueFull)
  ("q_get_nowait", g)            log("get_nowait", q.get_nowait())       (QueueEmpty)
  ("q_task_done", g)             q.task_done()                           (ValueError if too many)
  ("q_join",)                    log("join", await q.join())
  ("q_shutdown", immediate)      q.shutdown() / q.shutdown(immediate=True)   (feature queue-shutdown)
  ordinary-Python statements (closures, callbacks of every kind, dicts, generator expressions):
  ("cb_cancel", var, d, msg)     asyncio.get_running_loop().call_later(d, var.cancel[, msg])   (a bound method)
  ("cb_log", d, label)           asyncio.get_running_loop().call_later(d, lambda: log(label, f.done()))
  ("fut_cb", label)              f.add_done_callback(lambda fut: log(label, fut.cancelled()))
  ("closure", d, n)              async def nested(k=n): await asyncio.sleep(d); return k + 1
                                 log('closure', await nested())
  ("tally", vars)                log('tally', sum(1 for t in [vars] if t.done()),
                                     {t.get_name(): t.cancelled() for t in [vars] if t.done()})
  gather / wait_for items ("p", op): lk.acquire(), sem.acquire(), ev.wait(), q.get(), q.join(),
                                 cond.wait() (only while holding cond)
"""

DELAYS = (0, 0, 0.1, 0.25, 0.5, 1, 1.5, 2, 3)
MESSAGES = (None, "m1", "m2", "m3")
EXC_TYPES = ("asyncio.CancelledError", "Boom", "Exception", "BaseException", "TimeoutError")

# construct -> spec feature(s) it needs (spec/features.toml)
CONSTRUCT_FEATURES = {
    "cancel": ["cancel-msg"],
    "selfcancel": ["cancel-msg", "all-tasks"],
    "selfuncancel": ["uncancel", "all-tasks"],
    "uncancel": ["uncancel"],
    "query": ["uncancel"],
    "fut_await": ["futures"],
    "fut_set": ["futures"],
    "fut_cancel": ["futures", "cancel-msg"],
    "gather": ["gather"],
    "wait_for": ["wait-for"],
    "shield": ["shield"],
    "timeout": ["timeout"],
    "taskgroup": ["taskgroup", "exception-groups"],
    # primitives (the construct names of the distribution report)
    "Lock": ["lock"], "lock_with": ["lock"], "lock_acquire": ["lock"], "lock_release": ["lock"],
    "lock_state": ["lock"],
    "Event": ["event"], "event_wait": ["event"], "event_set": ["event"], "event_clear": ["event"],
    "event_state": ["event"],
    "Semaphore": ["semaphore"], "BoundedSemaphore": ["semaphore"], "sem_with": ["semaphore"],
    "sem_acquire": ["semaphore"], "sem_release": ["semaphore"], "sem_state": ["semaphore"],
    "Condition": ["condition"], "cond_with": ["condition"], "cond_acquire": ["condition"],
    "cond_release": ["condition"], "cond_state": ["condition"], "cond_wait": ["condition"],
    "cond_notify": ["condition"], "cond_notify_all": ["condition"],
    "Queue": ["queue"], "queue_put": ["queue"], "queue_get": ["queue"], "queue_put_nowait": ["queue"],
    "queue_get_nowait": ["queue"], "queue_task_done": ["queue"], "queue_join": ["queue"],
    "queue_state": ["queue"], "queue_shutdown": ["queue", "queue-shutdown"],
    "current_task_name": ["all-tasks"],
    "cb_cancel": ["cancel-msg"],
}
BASE_FEATURES = ["futures", "task-names"]

# construct -> spec clause ids a scenario using it touches (for the header of
# a shrunk divergence; the recorder checks them against spec/clauses).
CONSTRUCT_CLAUSES = {
    "spawn": ["tasks.create.first-step-scheduled"],
    "await": ["tasks.await.resumes-next-iteration"],
    "cancel": ["cancel.pending-returns-true", "cancel.message"],
    "selfcancel": ["cancel.self.lands-at-suspension"],
    "uncancel": ["cancel.uncancel.count", "cancel.uncancel.pending-cancel"],
    "selfuncancel": ["cancel.uncancel.count", "cancel.uncancel.pending-cancel"],
    "fut_cancel": ["cancel.forwarded-to-future"],
    "gather": ["gather.results.argument-order"],
    "wait_for": ["wait_for.timeout.cancels-and-raises"],
    "shield": ["shield.cancel.inner-keeps-running"],
    "timeout": ["timeout.exit.converts-to-timeout-error"],
    "taskgroup": ["taskgroup.exit.waits-for-all"],
    "lock_with": ["lock.async-with.release-on-exit", "lock.acquire.fifo"],
    "lock_acquire": ["lock.acquire.fifo", "lock.cancel.woken-passes-on"],
    "lock_release": ["lock.release.wakes-one"],
    "event_wait": ["event.set.wakes-all", "event.wait.cancel"],
    "Semaphore": ["semaphore.acquire.counter"],
    "BoundedSemaphore": ["semaphore.bounded.over-release"],
    "sem_with": ["semaphore.async-with.release-on-exit", "semaphore.acquire.fifo"],
    "sem_acquire": ["semaphore.acquire.fifo", "semaphore.cancel.woken-passes-on"],
    "sem_release": ["semaphore.release.wakes-one"],
    "cond_wait": ["condition.wait.releases-reacquires", "condition.wait.cancel-reacquires"],
    "cond_notify": ["condition.notify.fifo-n"],
    "cond_notify_all": ["condition.notify-all"],
    "queue_put": ["queue.put.blocks-when-full", "queue.put.cancel-passes-wakeup"],
    "queue_get": ["queue.get.blocks-until-put", "queue.get.cancel-passes-wakeup"],
    "queue_put_nowait": ["queue.nowait.full-empty"],
    "queue_get_nowait": ["queue.nowait.full-empty"],
    "queue_join": ["queue.join.blocks-until-done"],
    "queue_task_done": ["queue.task-done.too-many"],
    "queue_shutdown": ["queue.shutdown.wakes-blocked"],
    "cb_cancel": ["cancel.message", "loop.call-soon.args"],
    "cb_log": ["loop.timer.order-by-when"],
    "fut_cb": ["futures.callbacks.scheduled-in-order"],
}

# primitives: variable -> (feature, constructor construct)
PRIMS = ("lk", "ev", "sem", "cond", "q")
PRIM_FEATURE = {"lk": "lock", "ev": "event", "sem": "semaphore", "cond": "condition", "q": "queue"}
PRIM_NAME = {"lk": "lock", "ev": "event", "sem": "sem", "cond": "cond", "q": "queue"}
# awaitable items for gather / wait_for: op -> (primitive, source)
PRIM_ITEMS = {"lk_acquire": ("lk", "lk.acquire()"), "sem_acquire": ("sem", "sem.acquire()"),
              "ev_wait": ("ev", "ev.wait()"), "q_get": ("q", "q.get()"), "q_join": ("q", "q.join()"),
              "cond_wait": ("cond", "cond.wait()")}
# statements that never block (all a quiet worker may do with a primitive)
NONBLOCKING = ("release", "pstate", "ev_set", "ev_clear", "q_put_nowait", "q_get_nowait",
               "q_task_done", "q_shutdown")
