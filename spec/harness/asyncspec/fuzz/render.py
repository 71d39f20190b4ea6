"""The renderer: a program tree -> scenario-language source (spec/LANGUAGE.md)
with its TOML header."""

from .grammar import PRIM_ITEMS
from .program import features_of, prims_used



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
        elif k == "cb_cancel":
            extra = "" if s[3] is None else f", {s[3]!r}"
            out.append(f"{pad}asyncio.get_running_loop().call_later({s[2]!r}, {s[1]}.cancel{extra})")
        elif k == "cb_log":
            out.append(f"{pad}asyncio.get_running_loop().call_later({s[1]!r}, lambda: log({s[2]!r}, f.done()))")
        elif k == "fut_cb":
            out.append(f"{pad}f.add_done_callback(lambda fut: log({s[1]!r}, fut.cancelled()))")
        elif k == "closure":
            out += [f"{pad}async def nested(k={s[2]!r}):", f"{pad}    await asyncio.sleep({s[1]!r})",
                    f"{pad}    return k + 1", f"{pad}log('closure', await nested())"]
        elif k == "tally":
            ts = "[" + ", ".join(s[1]) + "]"
            out.append(f"{pad}log('tally', sum(1 for t in {ts} if t.done()), "
                       f"{{t.get_name(): t.cancelled() for t in {ts} if t.done()}})")
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


def render(prog, scenario_id="fuzz.program", description="", clauses=None, min_version=None):
    """min_version: the oldest Python the program runs on, in the header when given."""
    feats, used_clauses = features_of(prog)
    clauses = used_clauses if clauses is None else clauses
    out = ['"""', f'id = "{scenario_id}"',
           "clauses = [" + ", ".join(f'"{c}"' for c in clauses) + "]",
           "features = [" + ", ".join(f'"{f}"' for f in feats) + "]",
           f"description = {description!r}".replace("'", '"') if '"' not in description else
           f"description = '{description}'"]
    if min_version:
        out.append(f'min_version = "{min_version}"')
    out += ['"""', "import asyncio", "", "", "class Boom(Exception):", "    pass", ""]
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
