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
}


class Gen:
    def __init__(self, rng, features):
        self.rng = rng
        self.features = set(features)
        self.nexc = 0
        self.ntg = 0

    def ok(self, construct):
        return all(f in self.features for f in CONSTRUCT_FEATURES.get(construct, ()))

    def delay(self):
        return self.rng.choice(DELAYS)

    def msg(self):
        return self.rng.choice(MESSAGES)

    # ---- workers
    def program(self):
        r = self.rng
        nworkers = r.randint(1, 4)
        workers = []
        # worker i may call workers j > i only (no recursion); quiet workers
        # (TaskGroup children) have no try and call only quiet workers.
        quiet = [r.random() < 0.4 for _ in range(nworkers)]
        for i in reversed(range(nworkers)):
            callees = [j for j in range(i + 1, nworkers) if (quiet[j] or not quiet[i])]
            body = self.block(r.randint(1, 5), depth=0, ctx={"worker": True, "quiet": quiet[i],
                                                              "callees": callees, "handler": False,
                                                              "quiet_workers": [j for j in range(i + 1, nworkers) if quiet[j]]})
            if r.random() < 0.6:
                body.append(("return", r.randint(0, 9)))
            workers.append({"quiet": quiet[i], "body": body})
        workers.reverse()
        self.nworkers = nworkers
        main = []
        tasks = []
        ctx = {"worker": False, "quiet": False, "callees": list(range(nworkers)), "handler": False,
               "quiet_workers": [j for j in range(nworkers) if quiet[j]], "tasks": tasks}
        for _ in range(r.randint(2, 10)):
            if r.random() < 0.3 or not tasks:
                var = f"t{len(tasks)}"
                main.append(("spawn", var, r.randrange(nworkers)))
                tasks.append(var)
            else:
                main.extend(self.block(1, depth=0, ctx=ctx))
        # usually end by awaiting every task (guarded), so outcomes show
        if r.random() < 0.7:
            for var in tasks:
                main.append(("try", [("await", var)],
                             [("BaseException", self.excvar(), [("logexc", f"{var} failed", None)])], []))
        for stmt in main:
            _fix_logexc(stmt)
        return {"workers": workers, "main": main}

    def excvar(self):
        self.nexc += 1
        return f"e{self.nexc}"

    def block(self, n, depth, ctx):
        return [self.stmt(depth, ctx) for _ in range(n)]

    def stmt(self, depth, ctx):
        r = self.rng
        choices = [("log", 2), ("sleep", 6)]
        tasks = ctx.get("tasks") or []
        if tasks:
            for c, w in (("cancel", 4), ("uncancel", 1), ("query", 2), ("await", 3)):
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
        if ctx["callees"] or tasks:
            for c, w in (("gather", 3), ("wait_for", 2)):
                if self.ok(c):
                    choices.append((c, w))
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
                if tasks and (not ctx["callees"] or r.random() < 0.4):
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
            for t in r.sample(EXC_TYPES, r.randint(0, 2)):
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
    elif stmt[0] in ("timeout",):
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


def _item(it):
    return f"w{it[1]}(f)" if it[0] == "w" else it[1]


def render_block(stmts, ind, out):
    pad = "    " * ind
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
            out.append(f"{pad}{s[1]} = asyncio.create_task(w{s[2]}(f), name={s[1]!r})")
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
            out.append(f"{pad}log('call w{s[1]}', await w{s[1]}(f))")
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
            args = ", ".join(_item(it) for it in s[1])
            out.append(f"{pad}log('gather', await asyncio.gather({args}, return_exceptions={s[2]!r}))")
        elif k == "wait_for":
            out.append(f"{pad}log('wait_for', await asyncio.wait_for({_item(s[1])}, {s[2]!r}))")
        elif k == "shield":
            out.append(f"{pad}log('shield {s[1]}', await asyncio.shield({s[1]}))")
        elif k == "try":
            out.append(f"{pad}try:")
            render_block(s[1], ind + 1, out)
            for t, var, hbody in s[2]:
                out.append(f"{pad}except {t} as {var}:")
                render_block(hbody, ind + 1, out)
            if s[3] or not s[2]:
                out.append(f"{pad}finally:")
                render_block(s[3], ind + 1, out)
        elif k == "timeout":
            out.append(f"{pad}async with asyncio.timeout({s[1]!r}):")
            render_block(s[2], ind + 1, out)
        elif k == "taskgroup":
            out.append(f"{pad}async with asyncio.TaskGroup() as {s[1]}:")
            for i, w in enumerate(s[2]):
                out.append(f"{pad}    {s[1]}.create_task(w{w}(f), name={s[1] + '-' + str(i)!r})")
            render_block(s[3], ind + 1, out)
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
            else:
                add(k)
            if k == "timeout":
                walk(s[2])
            elif k == "taskgroup":
                walk(s[3])
    for w in prog["workers"]:
        walk(w["body"])
    walk(prog["main"])
    return seen


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
    for i, w in enumerate(prog["workers"]):
        out += ["", f"async def w{i}(f):"]
        render_block(w["body"], 1, out)
    out += ["", "", "async def main():", "    f = asyncio.get_running_loop().create_future()"]
    render_block(prog["main"], 1, out)
    return "\n".join(out) + "\n"


def size(prog):
    def n(stmts):
        total = 0
        for s in stmts:
            total += 1
            if s[0] == "try":
                total += n(s[1]) + n(s[3]) + sum(1 + n(h[2]) for h in s[2])
            elif s[0] == "timeout":
                total += n(s[2])
            elif s[0] == "taskgroup":
                total += len(s[2]) + n(s[3])
            elif s[0] == "gather":
                total += len(s[1])
        return total
    return n(prog["main"]) + sum(1 + n(w["body"]) for w in prog["workers"])
