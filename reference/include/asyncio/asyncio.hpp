// The reference implementation of asyncio's task semantics (CPython 3.13
// profile). One header per CPython module: events, base_events, futures,
// tasks, exceptions.
#pragma once

#include "asyncio/base_events.hpp"
#include "asyncio/events.hpp"
#include "asyncio/exceptions.hpp"
#include "asyncio/futures.hpp"
#include "asyncio/tasks.hpp"
// Combinators, timeouts, task groups, eager tasks (tasks.py, timeouts.py,
// taskgroups.py) and exception groups.
#include "asyncio/as_completed.hpp"
#include "asyncio/async_with.hpp"
#include "asyncio/awaitables.hpp"
#include "asyncio/eager.hpp"
#include "asyncio/exception_groups.hpp"
#include "asyncio/gather.hpp"
#include "asyncio/graph.hpp"
#include "asyncio/shield.hpp"
#include "asyncio/taskgroups.hpp"
#include "asyncio/timeouts.hpp"
#include "asyncio/wait.hpp"
// Synchronization primitives, queues, threads (locks.py, queues.py,
// threads.py, run_coroutine_threadsafe, run_in_executor).
#include "asyncio/locks.hpp"
#include "asyncio/queues.hpp"
#include "asyncio/threads.hpp"
// I/O readiness, sockets and streams (selector_events.py, streams.py).
#include "asyncio/selector_events.hpp"
#include "asyncio/streams.hpp"
