"""Walking a program tree: its statement lists, size, constructs, primitives,
features and clauses (what the renderer's header, the report and the
shrinker need)."""

from .grammar import BASE_FEATURES, CONSTRUCT_CLAUSES, CONSTRUCT_FEATURES, PRIM_ITEMS, PRIM_NAME, PRIMS


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
