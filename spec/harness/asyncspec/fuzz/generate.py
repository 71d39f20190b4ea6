"""Random scenario programs for differential testing (stdlib only).

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
  gather / wait_for items ("p", op): lk.acquire(), sem.acquire(), ev.wait(), q.get(), q.join(),
                                 cond.wait() (only while holding cond)
"""

import random

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


class Gen:
    def __init__(self, rng, features):
        self.rng = rng
        self.features = set(features)
        self.nexc = 0
        self.ntg = 0
        self.prims = {}
        self.focus = 1
        self.exc_types = EXC_TYPES
        self.acquires = {}  # worker -> primitives it may acquire (itself or through callees)

    def ok(self, construct):
        return all(f in self.features for f in CONSTRUCT_FEATURES.get(construct, ()))

    def delay(self):
        return self.rng.choice(DELAYS)

    def msg(self):
        return self.rng.choice(MESSAGES)

    # ---- workers
    def choose_prims(self):
        """The primitives this program may use (each kind with probability 0.3)."""
        r = self.rng
        prims = {}
        for v in PRIMS:
            x = r.random()
            if PRIM_FEATURE[v] not in self.features or x >= 0.3:
                continue
            if v == "sem":
                prims[v] = [r.choice((0, 1, 1, 1, 2, 2)), r.random() < 0.4]
            elif v == "q":
                prims[v] = r.choice((0, 1, 1, 2))
            else:
                prims[v] = None
        self.prims = prims
        # how strongly this program leans on its primitives: waiters only
        # contend (several blocked on one primitive when it is released, set,
        # put to) when most statements use them
        self.focus = r.choice((1, 2, 4, 8)) if prims else 1
        extra = []
        if prims.keys() & {"lk", "sem", "cond", "q"}:
            extra += ["RuntimeError", "ValueError"]
        if "q" in prims:
            extra += ["asyncio.QueueEmpty", "asyncio.QueueFull"]
            if self.ok("queue_shutdown"):
                extra.append("asyncio.QueueShutDown")
        self.exc_types = EXC_TYPES + tuple(extra)

    def program(self):
        r = self.rng
        self.choose_prims()
        nworkers = r.randint(1, 4)
        workers = []
        # worker i may call workers j > i only (no recursion); quiet workers
        # (TaskGroup children) have no try and call only quiet workers.
        quiet = [r.random() < 0.4 for _ in range(nworkers)]
        for i in reversed(range(nworkers)):
            callees = [j for j in range(i + 1, nworkers) if (quiet[j] or not quiet[i])]
            body = self.block(r.randint(1, 5), depth=0, ctx={"worker": True, "quiet": quiet[i],
                                                              "callees": callees, "handler": False,
                                                              "quiet_workers": [j for j in range(i + 1, nworkers) if quiet[j]],
                                                              "holds": ()})
            if r.random() < 0.6:
                body.append(("return", r.randint(0, 9)))
            workers.append({"quiet": quiet[i], "body": body})
            self.acquires[i] = self.acquired_in(body)
        workers.reverse()
        self.nworkers = nworkers
        main = []
        tasks = []
        ctx = {"worker": False, "quiet": False, "callees": list(range(nworkers)), "handler": False,
               "quiet_workers": [j for j in range(nworkers) if quiet[j]], "tasks": tasks, "holds": ()}
        pspawn = 0.3 if self.focus < 4 else 0.45  # contention needs several tasks
        for _ in range(r.randint(2, 10)):
            if r.random() < pspawn or not tasks:
                var = f"t{len(tasks)}"
                main.append(("spawn", var, r.randrange(nworkers)))
                tasks.append(var)
            else:
                main.extend(self.block(1, depth=0, ctx=ctx))
        # usually end by awaiting every task (guarded), so outcomes show
        if r.random() < 0.7:
            # ... after waking what may still wait on a primitive (most often):
            # fewer programs end in a deadlock (whose trace is not compared), and
            # several waiters are often blocked here, so the wake-up order shows;
            # a cancel right after a wake-up may hit the woken waiter (pass-on)
            wakes = []
            used = prims_used({"main": main, "workers": workers})
            if "ev" in used:
                wakes.append([("ev_set",)])
            if "cond" in used:
                wakes.append([("with", "cond", [("cond_notify", r.choice((None, 1, 2, "all")))])])
            if "sem" in used:
                wakes.append([("release", "sem", True)])
            if "lk" in used:
                wakes.append([("release", "lk", True)])
            if "q" in used:
                w = [("q_put_nowait", r.randint(0, 9), True) for _ in range(r.randint(1, 3))]
                if self.ok("queue_shutdown") and r.random() < 0.7:
                    w.append(("q_shutdown", r.random() < 0.5))
                wakes.append(w)
            r.shuffle(wakes)
            if wakes and r.random() < 0.6:
                # let the tasks run into their waits first (10: past every
                # sleep a task can do before it blocks in most programs)
                main.append(("sleep", r.choice((0, 0.5, 10))))
            for w in wakes:
                if r.random() < 0.7:
                    main.extend(w)
                    if tasks and r.random() < 0.5 and self.ok("cancel"):
                        main.append(("cancel", r.choice(tasks), self.msg()))
                    if r.random() < 0.4:
                        main.append(("sleep", 0))
            for var in tasks:
                main.append(("try", [("await", var)],
                             [("BaseException", self.excvar(), [("logexc", f"{var} failed", None)])], []))
        for stmt in main:
            _fix_logexc(stmt)
        # blocking primitive operations log the task they woke in (which
        # waiter was woken is the point of FIFO wake-ups)
        return {"workers": workers, "main": main, "prims": self.prims, "who": "all-tasks" in self.features}

    def acquired_in(self, stmts):
        """Primitives a block may acquire, directly or through the workers it runs in this task
        (call, gather, wait_for) or waits for (TaskGroup children)."""
        out = set()
        for blk in blocks(stmts):
            for s in blk:
                k = s[0]
                if k in ("with", "acquire"):
                    out.add(s[1])
                elif k == "call":
                    out |= self.acquires.get(s[1], set())
                elif k == "taskgroup":
                    for w in s[2]:
                        out |= self.acquires.get(w, set())
                elif k in ("gather", "wait_for"):
                    for it in (s[1] if k == "gather" else [s[1]]):
                        if it[0] == "w":
                            out |= self.acquires.get(it[1], set())
                        elif it[0] == "p" and it[1] in ("lk_acquire", "sem_acquire"):
                            out.add(PRIM_ITEMS[it[1]][0])
        return out

    def free_callees(self, ctx, key="callees"):
        """Workers that can run here without acquiring a primitive this task holds."""
        held = set(ctx.get("holds", ()))
        return [j for j in ctx[key] if not (self.acquires.get(j, set()) & held)]

    def prim_items(self, ctx):
        """Awaitable primitive operations usable as gather / wait_for items here."""
        if ctx["quiet"]:
            return []
        held = ctx.get("holds", ())
        out = []
        for op, (v, _) in PRIM_ITEMS.items():
            if v not in self.prims:
                continue
            if op == "cond_wait" and "cond" not in held:
                continue
            if op in ("lk_acquire", "sem_acquire") and v in held:
                continue
            out.append(op)
        return out

    def prim_choices(self, depth, ctx):
        """(kind, weight) of the primitive statements possible here."""
        quiet = ctx["quiet"]
        held = ctx.get("holds", ())
        out = []
        P = self.prims
        # main blocks less often (a main that waits forever ends the trace early)
        bw = 1 if ctx["worker"] else 0.5
        for v in ("lk", "sem", "cond"):
            if v not in P:
                continue
            if not quiet and v not in held:
                if depth < 3:
                    out.append((("with", v), 3 if v != "cond" else 2.5))
                out.append((("acquire", v), (1 if v != "cond" else 0.3) * bw))
            out.append((("release", v), 1.5 if v != "cond" else 0.3))
            out.append((("pstate", v), 0.5))
        if "cond" in P and "cond" in held:
            if not quiet:
                out.append((("cond_wait",), 5 * bw))
            out.append((("cond_notify",), 4))
        if "ev" in P:
            if not quiet:
                out.append((("ev_wait",), 2.5 * bw))
            out += [(("ev_set",), 2), (("ev_clear",), 0.5), (("pstate", "ev"), 0.5)]
        if "q" in P:
            if not quiet:
                out += [(("q_put",), 2), (("q_get",), 2.5 * bw), (("q_join",), 0.7 * bw)]
            out += [(("q_put_nowait",), 1.5), (("q_get_nowait",), 1), (("q_task_done",), 1),
                    (("pstate", "q"), 0.5)]
            if self.ok("queue_shutdown"):
                out.append((("q_shutdown",), 0.4))
        return [(k, w * self.focus) for k, w in out]

    def excvar(self):
        self.nexc += 1
        return f"e{self.nexc}"

    def block(self, n, depth, ctx):
        return [self.stmt(depth, ctx) for _ in range(n)]

    def stmt(self, depth, ctx):
        r = self.rng
        if ctx.get("holds"):
            ctx = dict(ctx, callees=self.free_callees(ctx), quiet_workers=self.free_callees(ctx, "quiet_workers"))
        choices = [("log", 2), ("sleep", 6)]
        tasks = ctx.get("tasks") or []
        if tasks:
            # a program leaning on primitives awaits its tasks mostly at the end
            # (after the wake-ups): a task blocked on a primitive would block main
            wa = 3 if self.focus < 4 else 1
            for c, w in (("cancel", 4), ("uncancel", 1), ("query", 2), ("await", wa)):
                if self.ok(c):
                    choices.append((c, w))
            if self.ok("shield"):
                choices.append(("shield", 1))
        if ctx["callees"]:
            choices.append(("call", 2))
        if not ctx["quiet"]:
            for c, w in (("selfcancel", 1), ("selfuncancel", 1)):
                if self.ok(c):
                    choices.append((c, w))
            if depth < 3:
                choices.append(("try", 5))
        choices.append(("raise", 1))
        if ctx["handler"]:
            choices.append(("reraise", 2))
        for c, w in (("fut_await", 2), ("fut_set", 2), ("fut_cancel", 1)):
            if self.ok(c):
                choices.append((c, w))
        pitems = self.prim_items(ctx)
        if ctx["callees"] or tasks or pitems:
            for c, w in (("gather", 3), ("wait_for", 2)):
                if self.ok(c):
                    choices.append((c, w))
        choices += self.prim_choices(depth, ctx)
        if depth < 3 and self.ok("timeout"):
            choices.append(("timeout", 2))
        if depth < 2 and self.ok("taskgroup") and ctx["quiet_workers"]:
            choices.append(("taskgroup", 2))
        total = sum(w for _, w in choices)
        x = r.uniform(0, total)
        for kind, w in choices:
            x -= w
            if x <= 0:
                break
        if isinstance(kind, tuple):
            return self.prim_stmt(kind, depth, ctx)
        if kind == "log":
            return ("log", f"L{r.randint(0, 99)}")
        if kind == "sleep":
            return ("sleep", self.delay())
        if kind in ("cancel",):
            return ("cancel", r.choice(tasks), self.msg())
        if kind in ("uncancel", "query", "await", "shield"):
            return (kind, r.choice(tasks))
        if kind == "call":
            return ("call", r.choice(ctx["callees"]))
        if kind == "selfcancel":
            return ("selfcancel", self.msg())
        if kind == "selfuncancel":
            return ("selfuncancel",)
        if kind == "raise":
            return ("raise", r.randint(0, 9))
        if kind == "reraise":
            return ("reraise",)
        if kind == "fut_await":
            return ("fut_await",)
        if kind == "fut_set":
            return ("fut_set", r.randint(0, 9))
        if kind == "fut_cancel":
            return ("fut_cancel", self.msg())
        if kind in ("gather", "wait_for"):
            items = []
            for _ in range(r.randint(1, 3) if kind == "gather" else 1):
                if pitems and (not (tasks or ctx["callees"]) or r.random() < 0.2):
                    items.append(("p", r.choice(pitems)))
                elif tasks and (not ctx["callees"] or r.random() < 0.4):
                    items.append(("t", r.choice(tasks)))
                else:
                    items.append(("w", r.choice(ctx["callees"])))
            if kind == "gather":
                # a task may appear once only (a repeated future is deduplicated)
                seen, uniq = set(), []
                for it in items:
                    if it[0] == "t" and it in seen:
                        continue
                    seen.add(it)
                    uniq.append(it)
                return ("gather", uniq, r.random() < 0.5)
            return ("wait_for", items[0], self.delay())
        if kind == "try":
            body = self.block(r.randint(1, 3), depth + 1, ctx)
            handlers = []
            for t in r.sample(self.exc_types, r.randint(0, 2)):
                hctx = dict(ctx, handler=True)
                hbody = [("logexc", f"caught {t.split('.')[-1]}", None)]
                hbody += self.block(r.randint(0, 2), depth + 1, hctx)
                handlers.append((t, self.excvar(), hbody))
            # BaseException/Exception before narrower types would shadow them: keep
            # the order anyway (that is legal Python and the trace shows it).
            final = self.block(r.randint(0, 2), depth + 1, ctx) if (not handlers or r.random() < 0.4) else []
            if not handlers and not final:
                final = [("log", f"F{r.randint(0, 99)}")]
            return ("try", body, handlers, final)
        if kind == "timeout":
            return ("timeout", self.delay(), self.block(r.randint(1, 3), depth + 1, ctx))
        if kind == "taskgroup":
            self.ntg += 1
            children = [r.choice(ctx["quiet_workers"]) for _ in range(r.randint(1, 3))]
            body = self.block(r.randint(0, 2), depth + 1, dict(ctx, quiet=True, tasks=[]))
            return ("taskgroup", f"tg{self.ntg}", children, body)
        raise AssertionError(kind)

    def prim_stmt(self, kind, depth, ctx):
        r = self.rng
        k = kind[0]
        if k == "with":
            v = kind[1]
            inner = dict(ctx, holds=tuple(ctx.get("holds", ())) + (v,))
            return ("with", v, self.block(r.randint(1, 3), depth + 1, inner))
        # most non-blocking operations that can fail are guarded (their own
        # try/except logging the error): an unguarded failure ends the task,
        # and tasks that live on are what makes waiters contend
        if k == "release":
            return (k, kind[1], r.random() < 0.7)
        if k in ("acquire", "pstate"):
            return (k, kind[1])
        if k == "cond_notify":
            return ("cond_notify", r.choice((None, 1, 2, "all")))
        if k == "q_put":
            return (k, r.randint(0, 9))
        if k == "q_put_nowait":
            return (k, r.randint(0, 9), r.random() < 0.7)
        if k in ("q_get_nowait", "q_task_done"):
            return (k, r.random() < 0.7)
        if k == "q_shutdown":
            return ("q_shutdown", r.random() < 0.4)
        return (k,)


def blocks(*roots):
    """Every statement list inside the given ones (breadth first, the roots
    first); the lists themselves, so callers may edit them in place."""
    stack = list(roots)
    while stack:
        blk = stack.pop(0)
        yield blk
        for s in blk:
            k = s[0]
            if k == "try":
                stack.append(s[1])
                for h in s[2]:
                    stack.append(h[2])
                stack.append(s[3])
            elif k in ("timeout", "with"):
                stack.append(s[2])
            elif k == "taskgroup":
                stack.append(s[3])


def _fix_logexc(stmt):
    """Bind each handler's logexc to its exception variable."""
    if stmt[0] == "try":
        for _, var, hbody in stmt[2]:
            for i, s in enumerate(hbody):
                if s[0] == "logexc" and s[2] is None:
                    hbody[i] = ("logexc", s[1], var)
                _fix_logexc(hbody[i])
        for s in stmt[1] + stmt[3]:
            _fix_logexc(s)
    elif stmt[0] in ("timeout", "with"):
        for s in stmt[2]:
            _fix_logexc(s)
    elif stmt[0] == "taskgroup":
        for s in stmt[3]:
            _fix_logexc(s)


def generate(seed, features):
    g = Gen(random.Random(seed), features)
    prog = g.program()
    for w in prog["workers"]:
        for s in w["body"]:
            _fix_logexc(s)
    return prog


# ---- rendering ----------------------------------------------------------------

def _lit(v):
    return repr(v)


def _item(it, args="f"):
    if it[0] == "w":
        return f"w{it[1]}({args})"
    if it[0] == "p":
        return PRIM_ITEMS[it[1]][1]
    return it[1]


def _guarded(out, pad, line, guarded, exc, label):
    if not guarded:
        out.append(pad + line)
        return
    out += [f"{pad}try:", f"{pad}    {line}", f"{pad}except {exc} as err:", f"{pad}    log({label!r}, err)"]


def render_block(stmts, ind, out, args="f", who=False):
    """args: the argument list a worker is called with ("f" and the primitives);
    who: a blocking primitive operation also logs the name of the task it woke in."""
    pad = "    " * ind
    name = ", asyncio.current_task().get_name()" if who else ""
    if not stmts:
        out.append(pad + "pass")
        return
    for s in stmts:
        k = s[0]
        if k == "log":
            out.append(f"{pad}log({s[1]!r})")
        elif k == "sleep":
            out.append(f"{pad}await asyncio.sleep({s[1]!r})")
        elif k == "spawn":
            out.append(f"{pad}{s[1]} = asyncio.create_task(w{s[2]}({args}), name={s[1]!r})")
        elif k == "cancel":
            arg = "" if s[2] is None else repr(s[2])
            out.append(f"{pad}log('cancel {s[1]}', {s[1]}.cancel({arg}))")
        elif k == "uncancel":
            out.append(f"{pad}log('uncancel {s[1]}', {s[1]}.uncancel())")
        elif k == "query":
            out.append(f"{pad}log('query {s[1]}', {s[1]}.done(), {s[1]}.cancelled(), {s[1]}.cancelling())")
        elif k == "await":
            out.append(f"{pad}log('await {s[1]}', await {s[1]})")
        elif k == "call":
            out.append(f"{pad}log('call w{s[1]}', await w{s[1]}({args}))")
        elif k == "selfcancel":
            arg = "" if s[1] is None else repr(s[1])
            out.append(f"{pad}log('self cancel', asyncio.current_task().cancel({arg}))")
        elif k == "selfuncancel":
            out.append(f"{pad}log('self uncancel', asyncio.current_task().uncancel())")
        elif k == "raise":
            out.append(f"{pad}raise Boom({s[1]!r})")
        elif k == "reraise":
            out.append(f"{pad}raise")
        elif k == "return":
            out.append(f"{pad}return {s[1]!r}")
        elif k == "fut_await":
            out.append(f"{pad}log('fut', await f)")
        elif k == "fut_set":
            out.append(f"{pad}if not f.done():")
            out.append(f"{pad}    f.set_result({s[1]!r})")
        elif k == "fut_cancel":
            arg = "" if s[1] is None else repr(s[1])
            out.append(f"{pad}log('fut cancel', f.cancel({arg}))")
        elif k == "logexc":
            out.append(f"{pad}log({s[1]!r}, {s[2]})")
        elif k == "gather":
            items = ", ".join(_item(it, args) for it in s[1])
            out.append(f"{pad}log('gather', await asyncio.gather({items}, return_exceptions={s[2]!r}))")
        elif k == "wait_for":
            out.append(f"{pad}log('wait_for', await asyncio.wait_for({_item(s[1], args)}, {s[2]!r}))")
        elif k == "shield":
            out.append(f"{pad}log('shield {s[1]}', await asyncio.shield({s[1]}))")
        elif k == "try":
            out.append(f"{pad}try:")
            render_block(s[1], ind + 1, out, args, who)
            for t, var, hbody in s[2]:
                out.append(f"{pad}except {t} as {var}:")
                render_block(hbody, ind + 1, out, args, who)
            if s[3] or not s[2]:
                out.append(f"{pad}finally:")
                render_block(s[3], ind + 1, out, args, who)
        elif k == "timeout":
            out.append(f"{pad}async with asyncio.timeout({s[1]!r}):")
            render_block(s[2], ind + 1, out, args, who)
        elif k == "taskgroup":
            out.append(f"{pad}async with asyncio.TaskGroup() as {s[1]}:")
            for i, w in enumerate(s[2]):
                out.append(f"{pad}    {s[1]}.create_task(w{w}({args}), name={s[1] + '-' + str(i)!r})")
            render_block(s[3], ind + 1, out, args, who)
        elif k == "with":
            out.append(f"{pad}async with {s[1]}:")
            render_block(s[2], ind + 1, out, args, who)
        elif k == "acquire":
            out.append(f"{pad}log('acquire {s[1]}', await {s[1]}.acquire(){name})")
        elif k == "release":
            _guarded(out, pad, f"{s[1]}.release()", len(s) > 2 and s[2],
                     "ValueError" if s[1] == "sem" else "RuntimeError", f"release {s[1]}")
        elif k == "pstate":
            v = s[1]
            q = {"ev": "ev.is_set()", "q": "q.qsize(), q.empty(), q.full()"}.get(v, f"{v}.locked()")
            out.append(f"{pad}log('{v}', {q})")
        elif k == "ev_wait":
            out.append(f"{pad}log('ev wait', await ev.wait(){name})")
        elif k == "ev_set":
            out.append(f"{pad}ev.set()")
        elif k == "ev_clear":
            out.append(f"{pad}ev.clear()")
        elif k == "cond_wait":
            out.append(f"{pad}log('cond wait', await cond.wait(){name})")
        elif k == "cond_notify":
            n = s[1]
            out.append(f"{pad}cond.notify_all()" if n == "all" else
                       f"{pad}cond.notify()" if n is None else f"{pad}cond.notify({n!r})")
        elif k == "q_put":
            out.append(f"{pad}log('put', {s[1]!r}, await q.put({s[1]!r}){name})")
        elif k == "q_get":
            out.append(f"{pad}log('get', await q.get(){name})")
        elif k == "q_put_nowait":
            _guarded(out, pad, f"log('put_nowait', {s[1]!r}, q.put_nowait({s[1]!r}))", len(s) > 2 and s[2],
                     "asyncio.QueueFull", "put_nowait")
        elif k == "q_get_nowait":
            _guarded(out, pad, "log('get_nowait', q.get_nowait())", len(s) > 1 and s[1],
                     "asyncio.QueueEmpty", "get_nowait")
        elif k == "q_task_done":
            _guarded(out, pad, "q.task_done()", len(s) > 1 and s[1], "ValueError", "task_done")
        elif k == "q_join":
            out.append(f"{pad}log('join', await q.join())")
        elif k == "q_shutdown":
            out.append(f"{pad}q.shutdown(immediate=True)" if s[1] else f"{pad}q.shutdown()")
        else:
            raise AssertionError(k)


def constructs(prog):
    """Multiset of constructs a program uses (for the distribution report)."""
    seen = {}

    def add(k):
        seen[k] = seen.get(k, 0) + 1

    def walk(stmts, in_handler=False):
        for s in stmts:
            k = s[0]
            if k == "cancel":
                add("cancel(msg)" if s[2] is not None else "cancel()")
            elif k == "gather":
                add("gather(return_exceptions)" if s[2] else "gather")
            elif k == "try":
                add("try")
                for t, _, hb in s[2]:
                    add("except " + t.split(".")[-1])
                    walk(hb, True)
                if s[3]:
                    add("finally")
                walk(s[1])
                walk(s[3])
                continue
            elif k == "sleep":
                add("sleep(0)" if s[1] == 0 else "sleep(d)")
            elif k in ("with", "acquire", "release", "pstate"):
                add(f"{PRIM_NAME[s[1]]}_{'state' if k == 'pstate' else k}")
            elif k.startswith("ev_"):
                add("event_" + k[3:])
            elif k.startswith("q_"):
                add("queue_" + k[2:] + ("(immediate)" if k == "q_shutdown" and s[1] else ""))
            elif k == "cond_notify":
                add("cond_notify_all" if s[1] == "all" else "cond_notify")
            else:
                add(k)
            if k in ("gather", "wait_for"):
                for it in (s[1] if k == "gather" else [s[1]]):
                    if it[0] == "p":
                        add(f"{k}(primitive)")
                        add(_ITEM_CONSTRUCT[it[1]])
            if k in ("timeout", "with"):
                walk(s[2])
            elif k == "taskgroup":
                walk(s[3])
    for w in prog["workers"]:
        walk(w["body"])
    walk(prog["main"])
    used = prims_used(prog)
    if prog.get("who") and any(s[0] in _WHO_KINDS for blk in [prog["main"]] + [w["body"] for w in prog["workers"]]
                               for b in blocks(blk) for s in b):
        add("current_task_name")
    for v, cfg in prog.get("prims", {}).items():
        if v in used:
            if v == "sem":
                add("BoundedSemaphore" if cfg[1] else "Semaphore")
            elif v == "q":
                add("Queue(maxsize)" if cfg else "Queue")
            else:
                add({"lk": "Lock", "ev": "Event", "cond": "Condition"}[v])
    return seen


# statements that log the current task's name when prog["who"] (feature all-tasks)
_WHO_KINDS = ("acquire", "ev_wait", "cond_wait", "q_put", "q_get")

_ITEM_CONSTRUCT = {"lk_acquire": "lock_acquire", "sem_acquire": "sem_acquire", "ev_wait": "event_wait",
                   "q_get": "queue_get", "q_join": "queue_join", "cond_wait": "cond_wait"}


def prims_used(prog):
    """The primitives a program's statements mention, in PRIMS order."""
    used = set()
    for blk in [prog["main"]] + [w["body"] for w in prog["workers"]]:
        for b in blocks(blk):
            for s in b:
                k = s[0]
                if k in ("with", "acquire", "release", "pstate"):
                    used.add(s[1])
                elif k.startswith("ev_"):
                    used.add("ev")
                elif k.startswith("q_"):
                    used.add("q")
                elif k.startswith("cond_"):
                    used.add("cond")
                elif k in ("gather", "wait_for"):
                    for it in (s[1] if k == "gather" else [s[1]]):
                        if it[0] == "p":
                            used.add(PRIM_ITEMS[it[1]][0])
    return [v for v in PRIMS if v in used]


def features_of(prog):
    feats = set(BASE_FEATURES)
    clauses = set()
    for c in constructs(prog):
        base = c.split("(")[0]
        feats.update(CONSTRUCT_FEATURES.get(base, ()))
        clauses.update(CONSTRUCT_CLAUSES.get(base, ()))
    return sorted(feats), sorted(clauses)


def render(prog, scenario_id="fuzz.program", description="", clauses=None):
    feats, used_clauses = features_of(prog)
    clauses = used_clauses if clauses is None else clauses
    out = ['"""', f'id = "{scenario_id}"',
           "clauses = [" + ", ".join(f'"{c}"' for c in clauses) + "]",
           "features = [" + ", ".join(f'"{f}"' for f in feats) + "]",
           f"description = {description!r}".replace("'", '"') if '"' not in description else
           f"description = '{description}'",
           '"""', "import asyncio", "", "", "class Boom(Exception):", "    pass", ""]
    used = prims_used(prog)
    args = ", ".join(["f"] + used)
    who = bool(prog.get("who"))
    for i, w in enumerate(prog["workers"]):
        out += ["", f"async def w{i}({args}):"]
        render_block(w["body"], 1, out, args, who)
    out += ["", "", "async def main():", "    f = asyncio.get_running_loop().create_future()"]
    cfg = prog.get("prims", {})
    for v in used:
        if v == "sem":
            out.append(f"    sem = asyncio.{'BoundedSemaphore' if cfg[v][1] else 'Semaphore'}({cfg[v][0]!r})")
        elif v == "q":
            out.append(f"    q = asyncio.Queue({cfg[v]!r})" if cfg[v] else "    q = asyncio.Queue()")
        else:
            out.append(f"    {v} = asyncio.{ {'lk': 'Lock', 'ev': 'Event', 'cond': 'Condition'}[v]}()")
    render_block(prog["main"], 1, out, args, who)
    return "\n".join(out) + "\n"


def size(prog):
    def n(stmts):
        total = 0
        for s in stmts:
            total += 1
            if s[0] == "try":
                total += n(s[1]) + n(s[3]) + sum(1 + n(h[2]) for h in s[2])
            elif s[0] in ("timeout", "with"):
                total += n(s[2])
            elif s[0] == "taskgroup":
                total += len(s[2]) + n(s[3])
            elif s[0] == "gather":
                total += len(s[1])
        return total
    return n(prog["main"]) + sum(1 + n(w["body"]) for w in prog["workers"])
