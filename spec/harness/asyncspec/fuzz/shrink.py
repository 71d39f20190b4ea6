"""Delta debugging over a program tree (program.py): the greedy, hierarchical
reduction a divergence goes through before it is written out as a scenario.

Candidates, biggest first: drop half / a quarter / ... of a block, drop one
statement (a spawn takes every statement naming its task with it), replace a
try / timeout / TaskGroup / `async with` primitive by its body, drop an
except handler or a finally, drop a gather item or a TaskGroup child, drop an
unused worker, set a sleep to 0 (a primitive no statement uses any more is
not created: render() declares only the used ones). Candidates are evaluated in batches (one runner process and one oracle
round-trip per batch); the first one that still diverges (not only through
equal-deadline timers) is taken, until no candidate does.
"""

import copy

from .program import blocks, size
from .render import render

BATCH = 12


def _to_lists(x):
    """Tuples -> lists recursively (mutable working copy)."""
    if isinstance(x, tuple):
        return [_to_lists(v) for v in x]
    if isinstance(x, list):
        return [_to_lists(v) for v in x]
    if isinstance(x, dict):
        return {k: _to_lists(v) for k, v in x.items()}
    return x


def _freeze_stmt(s):
    k = s[0]
    if k == "try":
        return ("try", [_freeze_stmt(b) for b in s[1]],
                [(h[0], h[1], [_freeze_stmt(b) for b in h[2]]) for h in s[2]],
                [_freeze_stmt(b) for b in s[3]])
    if k in ("timeout", "with"):
        return (k, s[1], [_freeze_stmt(b) for b in s[2]])
    if k == "taskgroup":
        return ("taskgroup", s[1], list(s[2]), [_freeze_stmt(b) for b in s[3]])
    if k == "gather":
        return ("gather", [tuple(it) for it in s[1]], s[2])
    if k == "wait_for":
        return ("wait_for", tuple(s[1]), s[2])
    return tuple(s)


def _freeze_prog(p):
    return {"workers": [{"quiet": w["quiet"], "body": [_freeze_stmt(s) for s in w["body"]]} for w in p["workers"]],
            "main": [_freeze_stmt(s) for s in p["main"]], "prims": p.get("prims", {}),
            "who": p.get("who", False)}


def _walk_blocks(p):
    """Yield every statement list of a mutable program (lists)."""
    return blocks(p["main"], *(w["body"] for w in p["workers"]))


def _mentions_task(s, var):
    k = s[0]
    if k in ("cancel", "uncancel", "query", "await", "shield", "cb_cancel") and s[1] == var:
        return True
    if k == "tally" and var in s[1]:
        return True
    if k == "wait_for" and s[1][0] == "t" and s[1][1] == var:
        return True
    return False


def _drop_task(p, var):
    for blk in _walk_blocks(p):
        blk[:] = [s for s in blk if not _mentions_task(s, var) and not (s[0] == "spawn" and s[1] == var)]
        for s in blk:
            if s[0] == "gather":
                s[1] = [it for it in s[1] if not (it[0] == "t" and it[1] == var)]
        blk[:] = [s for s in blk if not (s[0] == "gather" and not s[1])]


def _worker_refs(p):
    refs = set()
    for blk in _walk_blocks(p):
        for s in blk:
            k = s[0]
            if k in ("spawn",):
                refs.add(s[2])
            elif k == "call":
                refs.add(s[1])
            elif k == "gather":
                refs.update(it[1] for it in s[1] if it[0] == "w")
            elif k == "wait_for" and s[1][0] == "w":
                refs.add(s[1][1])
            elif k == "taskgroup":
                refs.update(s[2])
    return refs


def _renumber_workers(p, old):
    """Remove worker `old` (unreferenced) and shift references above it."""
    del p["workers"][old]

    def f(i):
        return i - 1 if i > old else i
    for blk in _walk_blocks(p):
        for s in blk:
            k = s[0]
            if k == "spawn":
                s[2] = f(s[2])
            elif k == "call":
                s[1] = f(s[1])
            elif k == "gather":
                for it in s[1]:
                    if it[0] == "w":
                        it[1] = f(it[1])
            elif k == "wait_for" and s[1][0] == "w":
                s[1][1] = f(s[1][1])
            elif k == "taskgroup":
                s[2] = [f(i) for i in s[2]]


def candidates(prog):
    """Smaller variants of prog, roughly biggest reduction first."""
    base = _to_lists(prog)
    nblocks = len(list(_walk_blocks(base)))
    out = []

    def variant(edit):
        p = copy.deepcopy(base)
        try:
            if edit(p) is False:
                return
        except (IndexError, KeyError):
            return
        out.append(_freeze_prog(p))

    # unused workers
    refs = _worker_refs(base)
    for wi in reversed(range(len(base["workers"]))):
        if wi not in refs:
            variant(lambda p, wi=wi: _renumber_workers(p, wi))
    # chunks of each block (ddmin-style), then single statements
    for bi in range(nblocks):
        blk_len = len(list(_walk_blocks(base))[bi])
        chunk = blk_len // 2
        while chunk >= 1:
            for start in range(0, blk_len, chunk):
                def edit(p, bi=bi, start=start, chunk=chunk):
                    blk = list(_walk_blocks(p))[bi]
                    removed = blk[start:start + chunk]
                    del blk[start:start + chunk]
                    for s in removed:
                        if s[0] == "spawn":
                            _drop_task(p, s[1])
                variant(edit)
            chunk //= 2
    # structural simplifications
    for bi in range(nblocks):
        blk = list(_walk_blocks(base))[bi]
        for si, s in enumerate(blk):
            k = s[0]
            if k == "try":
                def unwrap(p, bi=bi, si=si):
                    b = list(_walk_blocks(p))[bi]
                    b[si:si + 1] = b[si][1]
                variant(unwrap)
                for hi in range(len(s[2])):
                    def droph(p, bi=bi, si=si, hi=hi):
                        t = list(_walk_blocks(p))[bi][si]
                        del t[2][hi]
                    variant(droph)
                if s[3] and s[2]:
                    def dropf(p, bi=bi, si=si):
                        list(_walk_blocks(p))[bi][si][3] = []
                    variant(dropf)
            elif k in ("timeout", "taskgroup", "with"):
                def unwrap2(p, bi=bi, si=si, k=k):
                    b = list(_walk_blocks(p))[bi]
                    b[si:si + 1] = b[si][3] if k == "taskgroup" else b[si][2]
                variant(unwrap2)
                if k == "taskgroup":
                    for ci in range(len(s[2])):
                        def dropc(p, bi=bi, si=si, ci=ci):
                            del list(_walk_blocks(p))[bi][si][2][ci]
                        variant(dropc)
                if k == "timeout" and s[1] != 0:
                    def zero_t(p, bi=bi, si=si):
                        list(_walk_blocks(p))[bi][si][1] = 0
                    variant(zero_t)
            elif k == "gather" and len(s[1]) > 1:
                for ii in range(len(s[1])):
                    def dropi(p, bi=bi, si=si, ii=ii):
                        del list(_walk_blocks(p))[bi][si][1][ii]
                    variant(dropi)
            elif k == "sleep" and s[1] != 0:
                def zero(p, bi=bi, si=si):
                    list(_walk_blocks(p))[bi][si][1] = 0
                variant(zero)
            elif k in ("cancel", "selfcancel", "fut_cancel") and s[-1] is not None:
                def nomsg(p, bi=bi, si=si):
                    list(_walk_blocks(p))[bi][si][-1] = None
                variant(nomsg)
    # dedupe, keep order
    seen, uniq = set(), []
    for c in out:
        key = repr(c)
        if key not in seen and key != repr(prog):
            seen.add(key)
            uniq.append(c)
    return uniq


def same_kind(a, b):
    """Divergences of the same kind: a shrunk program keeps the bug it had."""
    if not isinstance(a, dict) or not isinstance(b, dict):
        return True
    key = ("kind", "expected", "actual") if a.get("kind") == "status" else ("kind",)
    return all(a.get(k) == b.get(k) for k in key)


def shrink(prog, evaluator, seed, max_rounds=400, want=None):
    """-> (smallest diverging prog, its divergence detail, rounds). With
    `want` (a divergence detail) only divergences of that kind count."""
    best = prog
    detail = None
    rounds = 0
    progress = True
    while progress and rounds < max_rounds:
        progress = False
        cands = candidates(best)
        for start in range(0, len(cands), BATCH):
            chunk = cands[start:start + BATCH]
            tagged = [(f"k{seed}x{rounds}x{start + i}", c) for i, c in enumerate(chunk)]
            res = evaluator.evaluate(tagged)
            rounds += 1
            hit = None
            for tag, c in tagged:
                verdict, d, ties, _, _ = res[tag]
                if verdict == "divergence" and not ties and size(c) < size(best) and \
                        (want is None or same_kind(want, d)):
                    hit = (c, d)
                    break
            if hit:
                best, detail = hit
                progress = True
                break
    if detail is None:
        tag = f"k{seed}final"
        detail = evaluator.evaluate([(tag, best)])[tag][1]
    return best, detail, rounds
