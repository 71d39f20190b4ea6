"""
id = "taskgroup.split-by-type-keeps-order"
clauses = ["taskgroup.errors.completion-order", "taskgroup.errors.exception-group", "taskgroup.abort.child-error-cancels-all", "taskgroup.create-task.name"]
features = ["taskgroup", "exception-groups", "task-names"]
description = "Children that raise while being cancelled after a sibling's failure join the TaskGroup's ExceptionGroup in completion order. Splitting that group by exception type (split with a class or a tuple, subgroup with a predicate) keeps the members' order in both parts, and a class or tuple that every member matches still yields a new group (only a predicate that accepts the group object itself returns the group unchanged)."
"""
import asyncio


class Fault(Exception):
    pass


class Disk(Fault):
    pass


class Net(Fault):
    pass


def spawn(tg, coro, **kwargs):
    return tg.create_task(coro, **kwargs)


async def child(label, kind, *, fail_after=None, cleanup=0):
    fault = Disk if kind == "disk" else Net
    try:
        await asyncio.sleep(10 if fail_after is None else fail_after)
    except asyncio.CancelledError:
        await asyncio.sleep(cleanup)
        raise fault(label)
    raise fault(label)


def labels(group):
    if group is None:
        return None
    return "-".join([e.args[0] for e in group.exceptions])


async def main():
    plan = "net:n1:3 disk:d1:0 net:n2:1 disk:d2:2".split()
    seconds = {"0": 0, "1": 1, "2": 2, "3": 3}
    tasks = []
    try:
        async with asyncio.TaskGroup() as tg:
            for entry in plan:
                parts = entry.split(":")
                opts = {"name": parts[1].upper()}
                if parts[2] == "0":
                    coro = child(parts[1], parts[0], fail_after=1)
                else:
                    coro = child(parts[1], parts[0], cleanup=seconds[parts[2]])
                tasks.append(spawn(tg, coro, **opts))
    except ExceptionGroup as eg:
        log("group", labels(eg), [type(e).__name__ for e in eg.exceptions])
        disk, rest = eg.split(Disk)
        log("split disk", labels(disk), labels(rest), type(rest).__name__)
        both, none = eg.split((Disk, Net))
        log("split tuple", labels(both), both is eg, none)
        odd = eg.subgroup(lambda e: isinstance(e, Fault) and e.args[0].endswith("1"))
        log("subgroup", labels(odd), labels(eg.subgroup(Fault)), eg.subgroup(KeyError))
        log("identity", eg.subgroup(Fault) is eg, eg.subgroup(lambda e: True) is eg)
    log("tasks", [t.get_name() for t in tasks], [t.cancelled() for t in tasks])
