// The reference implementation of asyncio's task semantics (CPython 3.13
// profile). One header per CPython module: events, base_events, futures,
// tasks, exceptions.
#pragma once

#include "asyncio/base_events.hpp"
#include "asyncio/events.hpp"
#include "asyncio/exceptions.hpp"
#include "asyncio/futures.hpp"
#include "asyncio/tasks.hpp"
