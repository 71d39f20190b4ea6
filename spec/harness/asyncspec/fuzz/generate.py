"""The generator: a seeded random program tree over the constructs the
runner declares (grammar.py has the vocabulary and the rules)."""

import random

from .grammar import CONSTRUCT_FEATURES, DELAYS, EXC_TYPES, MESSAGES, PRIM_FEATURE, PRIM_ITEMS, PRIMS
from .program import blocks, prims_used


class Gen:
    def __init__(self, rng, features, exclude=()):
        self.rng = rng
        self.features = set(features)
        self.exclude = frozenset(exclude)  # constructs the profile's Python lacks
        self.nexc = 0
        self.ntg = 0
        self.prims = {}
        self.focus = 1
        self.exc_types = EXC_TYPES
        self.acquires = {}  # worker -> primitives it may acquire (itself or through callees)

    def ok(self, construct):
        return construct not in self.exclude and all(f in self.features for f in CONSTRUCT_FEATURES.get(construct, ()))

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
            if self.ok("cb_cancel"):
                choices.append(("cb_cancel", 1))
            choices.append(("tally", 1))
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
        for c, w in (("fut_await", 2), ("fut_set", 2), ("fut_cancel", 1), ("cb_log", 1), ("fut_cb", 1),
                     ("closure", 1)):
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
        if kind == "cb_cancel":
            return ("cb_cancel", r.choice(tasks), self.delay(), self.msg())
        if kind == "tally":
            return ("tally", sorted(r.sample(tasks, r.randint(1, len(tasks)))))
        if kind == "cb_log":
            return ("cb_log", self.delay(), f"C{r.randint(0, 99)}")
        if kind == "fut_cb":
            return ("fut_cb", f"D{r.randint(0, 99)}")
        if kind == "closure":
            return ("closure", self.delay(), r.randint(0, 9))
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


def generate(seed, features, exclude=()):
    """A program using only constructs whose features are in `features` and
    that are not in `exclude` (what the profile's Python lacks: run.py)."""
    g = Gen(random.Random(seed), features, exclude)
    prog = g.program()
    for w in prog["workers"]:
        for s in w["body"]:
            _fix_logexc(s)
    return prog
