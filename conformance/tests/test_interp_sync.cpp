// The interpreter's synchronisation family on the reference adapter, on IR
// documents compiled (spec/harness/compiler.py) from the programs quoted
// above each; their traces are CPython's (`./asyncspec run`). Run under TSan
// too (build/<tag>-tsan): the interpreter lock must keep IR code on one
// thread at a time.
#include <gtest/gtest.h>

#include "asyncspec/interpreter.hpp"
#include "reference_interpreter.hpp"

using asyncspec::json;

namespace {

asyncspec::RunResult run(const char* ir) {
    return asyncspec::Interpreter<asyncspec::ReferenceAdapter>::run(json::parse(ir));
}

// threads.to-thread.result, many at once: 8 to_thread functions append to one
// module-level list from worker threads (the interpreter lock serialises them).
//   import asyncio
//
//   acc = []
//
//
//   def work(n):
//       for i in range(200):
//           acc.append(n)
//       return n
//
//
//   async def one(n):
//       return await asyncio.to_thread(work, n)
//
//
//   async def main():
//       tasks = [asyncio.create_task(one(i)) for i in range(8)]
//       total = 0
//       for t in tasks:
//           total += await t
//       log("total", total, len(acc))
const char* kGil =
    R"IR({"ir_version":1,"file":"gil.py","meta":{"id":"selftest.gil","clauses":[],"features":["threads"],"description":"x","unordered":[]},"classes":[{"name":"BaseException","bases":[],"origin":"builtin"},{"name":"Exception","bases":["BaseException"],"origin":"builtin"},{"name":"GeneratorExit","bases":["BaseException"],"origin":"builtin"},{"name":"KeyboardInterrupt","bases":["BaseException"],"origin":"builtin"},{"name":"SystemExit","bases":["BaseException"],"origin":"builtin"},{"name":"BaseExceptionGroup","bases":["BaseException"],"origin":"builtin"},{"name":"ExceptionGroup","bases":["BaseExceptionGroup","Exception"],"origin":"builtin"},{"name":"ArithmeticError","bases":["Exception"],"origin":"builtin"},{"name":"ZeroDivisionError","bases":["ArithmeticError"],"origin":"builtin"},{"name":"OverflowError","bases":["ArithmeticError"],"origin":"builtin"},{"name":"AssertionError","bases":["Exception"],"origin":"builtin"},{"name":"AttributeError","bases":["Exception"],"origin":"builtin"},{"name":"LookupError","bases":["Exception"],"origin":"builtin"},{"name":"IndexError","bases":["LookupError"],"origin":"builtin"},{"name":"KeyError","bases":["LookupError"],"origin":"builtin"},{"name":"NameError","bases":["Exception"],"origin":"builtin"},{"name":"UnboundLocalError","bases":["NameError"],"origin":"builtin"},{"name":"RuntimeError","bases":["Exception"],"origin":"builtin"},{"name":"NotImplementedError","bases":["RuntimeError"],"origin":"builtin"},{"name":"RecursionError","bases":["RuntimeError"],)IR"
    R"IR("origin":"builtin"},{"name":"StopIteration","bases":["Exception"],"origin":"builtin"},{"name":"StopAsyncIteration","bases":["Exception"],"origin":"builtin"},{"name":"TypeError","bases":["Exception"],"origin":"builtin"},{"name":"ValueError","bases":["Exception"],"origin":"builtin"},{"name":"OSError","bases":["Exception"],"origin":"builtin"},{"name":"TimeoutError","bases":["OSError"],"origin":"builtin"},{"name":"CancelledError","bases":["BaseException"],"origin":"asyncio"},{"name":"InvalidStateError","bases":["Exception"],"origin":"asyncio"},{"name":"QueueEmpty","bases":["Exception"],"origin":"asyncio"},{"name":"QueueFull","bases":["Exception"],"origin":"asyncio"},{"name":"QueueShutDown","bases":["Exception"],"origin":"asyncio"},{"name":"BrokenBarrierError","bases":["RuntimeError"],"origin":"asyncio"}],"globals":[{"name":"acc","value":{"op":"list","items":[]},"line":9}],"functions":[{"name":"work","line":12,"is_async":false,"params":[{"name":"n","slot":0}],"nlocals":2,"local_names":["n","i"],"body":[{"op":"for","target":{"op":"local","slot":1,"name":"i"},"iter":{"op":"call_builtin","name":"range","args":[{"op":"const","type":"int","value":200}],"kwargs":[],"line":13},"body":[{"op":"expr","value":{"op":"call_method","obj":{"op":"global","name":"acc"},"method":"append","args":[{"op":"local","slot":0,"name":"n"}],"kwargs":[],"line":14},"line":14}],"line":13},{"op":"return","line":15,"value":{"op":"local","slot":0,"name":"n"}}]},{"name":"one","line":18,"is_async":true,"params":[{"n)IR"
    R"IR(ame":"n","slot":0}],"nlocals":1,"local_names":["n"],"body":[{"op":"return","line":19,"value":{"op":"await","value":{"op":"call_api","api":"asyncio.to_thread","args":[{"op":"func","name":"work"},{"op":"local","slot":0,"name":"n"}],"kwargs":[],"line":19},"line":19}}]},{"name":"main","line":22,"is_async":true,"params":[],"nlocals":4,"local_names":["tasks","total","t","i"],"body":[{"op":"assign","target":{"op":"local","slot":0,"name":"tasks"},"value":{"op":"listcomp","target":{"op":"local","slot":3,"name":"i"},"iter":{"op":"call_builtin","name":"range","args":[{"op":"const","type":"int","value":8}],"kwargs":[],"line":23},"element":{"op":"call_api","api":"asyncio.create_task","args":[{"op":"call_func","name":"one","args":[{"op":"local","slot":3,"name":"i"}],"kwargs":[],"line":23}],"kwargs":[],"line":23}},"line":23},{"op":"assign","target":{"op":"local","slot":1,"name":"total"},"value":{"op":"const","type":"int","value":0},"line":24},{"op":"for","target":{"op":"local","slot":2,"name":"t"},"iter":{"op":"local","slot":0,"name":"tasks"},"body":[{"op":"augassign","target":{"op":"local","slot":1,"name":"total"},"operator":"+","value":{"op":"await","value":{"op":"local","slot":2,"name":"t"},"line":26},"line":26}],"line":25},{"op":"expr","value":{"op":"log","args":[{"op":"const","type":"str","value":"total"},{"op":"local","slot":1,"name":"total"},{"op":"call_builtin","name":"len","args":[{"op":"global","name":"acc"}],"kwargs":[],"line":27}],"line":27},"line":27}]}],"main":"main"})IR";

TEST(InterpSync, ToThreadFunctionsShareTheInterpreter) {
    for (int round = 0; round < 5; ++round) {
        auto r = run(kGil);
        ASSERT_EQ(r.status, "ok") << r.error;
        ASSERT_EQ(r.trace.size(), 2u);
        EXPECT_EQ(r.trace[0]["v"], json::parse(R"(["total", 28, 1600])"));
        EXPECT_EQ(r.trace[1]["end"], "return");
    }
}

// threads.run-coroutine-threadsafe.result, threads.call-soon-threadsafe.fifo:
// from a worker thread, a coroutine submitted to the loop (it awaits a queue
// put and sets an event) and a callback queued with call_soon_threadsafe.
//   import asyncio
//
//
//   async def setter(ev, q):
//       await q.put("item")
//       ev.set()
//       return "set"
//
//
//   def in_thread(loop, ev, q):
//       f = asyncio.run_coroutine_threadsafe(setter(ev, q), loop)
//       loop.call_soon_threadsafe(log, "from thread")
//       return [f.result(), f.done(), f.cancelled()]
//
//
//   async def main():
//       loop = asyncio.get_running_loop()
//       ev = asyncio.Event()
//       q = asyncio.Queue(1)
//       r = await asyncio.to_thread(in_thread, loop, ev, q)
//       await ev.wait()
//       item = await q.get()
//       log("r", r, ev.is_set(), item)
const char* kCrossThread =
    R"IR({"ir_version":1,"file":"xthread.py","meta":{"id":"selftest.xthread","clauses":[],"features":["threads","event"],"description":"x","unordered":[]},"classes":[{"name":"BaseException","bases":[],"origin":"builtin"},{"name":"Exception","bases":["BaseException"],"origin":"builtin"},{"name":"GeneratorExit","bases":["BaseException"],"origin":"builtin"},{"name":"KeyboardInterrupt","bases":["BaseException"],"origin":"builtin"},{"name":"SystemExit","bases":["BaseException"],"origin":"builtin"},{"name":"BaseExceptionGroup","bases":["BaseException"],"origin":"builtin"},{"name":"ExceptionGroup","bases":["BaseExceptionGroup","Exception"],"origin":"builtin"},{"name":"ArithmeticError","bases":["Exception"],"origin":"builtin"},{"name":"ZeroDivisionError","bases":["ArithmeticError"],"origin":"builtin"},{"name":"OverflowError","bases":["ArithmeticError"],"origin":"builtin"},{"name":"AssertionError","bases":["Exception"],"origin":"builtin"},{"name":"AttributeError","bases":["Exception"],"origin":"builtin"},{"name":"LookupError","bases":["Exception"],"origin":"builtin"},{"name":"IndexError","bases":["LookupError"],"origin":"builtin"},{"name":"KeyError","bases":["LookupError"],"origin":"builtin"},{"name":"NameError","bases":["Exception"],"origin":"builtin"},{"name":"UnboundLocalError","bases":["NameError"],"origin":"builtin"},{"name":"RuntimeError","bases":["Exception"],"origin":"builtin"},{"name":"NotImplementedError","bases":["RuntimeError"],"origin":"builtin"},{"name":"RecursionError","bases":[)IR"
    R"IR("RuntimeError"],"origin":"builtin"},{"name":"StopIteration","bases":["Exception"],"origin":"builtin"},{"name":"StopAsyncIteration","bases":["Exception"],"origin":"builtin"},{"name":"TypeError","bases":["Exception"],"origin":"builtin"},{"name":"ValueError","bases":["Exception"],"origin":"builtin"},{"name":"OSError","bases":["Exception"],"origin":"builtin"},{"name":"TimeoutError","bases":["OSError"],"origin":"builtin"},{"name":"CancelledError","bases":["BaseException"],"origin":"asyncio"},{"name":"InvalidStateError","bases":["Exception"],"origin":"asyncio"},{"name":"QueueEmpty","bases":["Exception"],"origin":"asyncio"},{"name":"QueueFull","bases":["Exception"],"origin":"asyncio"},{"name":"QueueShutDown","bases":["Exception"],"origin":"asyncio"},{"name":"BrokenBarrierError","bases":["RuntimeError"],"origin":"asyncio"}],"globals":[],"functions":[{"name":"setter","line":10,"is_async":true,"params":[{"name":"ev","slot":0},{"name":"q","slot":1}],"nlocals":2,"local_names":["ev","q"],"body":[{"op":"expr","value":{"op":"await","value":{"op":"call_method","obj":{"op":"local","slot":1,"name":"q"},"method":"put","args":[{"op":"const","type":"str","value":"item"}],"kwargs":[],"line":11},"line":11},"line":11},{"op":"expr","value":{"op":"call_method","obj":{"op":"local","slot":0,"name":"ev"},"method":"set","args":[],"kwargs":[],"line":12},"line":12},{"op":"return","line":13,"value":{"op":"const","type":"str","value":"set"}}]},{"name":"in_thread","line":16,"is_async":false,"params":[{"name":")IR"
    R"IR(loop","slot":0},{"name":"ev","slot":1},{"name":"q","slot":2}],"nlocals":4,"local_names":["loop","ev","q","f"],"body":[{"op":"assign","target":{"op":"local","slot":3,"name":"f"},"value":{"op":"call_api","api":"asyncio.run_coroutine_threadsafe","args":[{"op":"call_func","name":"setter","args":[{"op":"local","slot":1,"name":"ev"},{"op":"local","slot":2,"name":"q"}],"kwargs":[],"line":17},{"op":"local","slot":0,"name":"loop"}],"kwargs":[],"line":17},"line":17},{"op":"expr","value":{"op":"call_method","obj":{"op":"local","slot":0,"name":"loop"},"method":"call_soon_threadsafe","args":[{"op":"builtin_ref","name":"log"},{"op":"const","type":"str","value":"from thread"}],"kwargs":[],"line":18},"line":18},{"op":"return","line":19,"value":{"op":"list","items":[{"op":"call_method","obj":{"op":"local","slot":3,"name":"f"},"method":"result","args":[],"kwargs":[],"line":19},{"op":"call_method","obj":{"op":"local","slot":3,"name":"f"},"method":"done","args":[],"kwargs":[],"line":19},{"op":"call_method","obj":{"op":"local","slot":3,"name":"f"},"method":"cancelled","args":[],"kwargs":[],"line":19}]}}]},{"name":"main","line":22,"is_async":true,"params":[],"nlocals":5,"local_names":["loop","ev","q","r","item"],"body":[{"op":"assign","target":{"op":"local","slot":0,"name":"loop"},"value":{"op":"call_api","api":"asyncio.get_running_loop","args":[],"kwargs":[],"line":23},"line":23},{"op":"assign","target":{"op":"local","slot":1,"name":"ev"},"value":{"op":"call_api","api":"asyncio.Event","args":[],")IR"
    R"IR(kwargs":[],"line":24},"line":24},{"op":"assign","target":{"op":"local","slot":2,"name":"q"},"value":{"op":"call_api","api":"asyncio.Queue","args":[{"op":"const","type":"int","value":1}],"kwargs":[],"line":25},"line":25},{"op":"assign","target":{"op":"local","slot":3,"name":"r"},"value":{"op":"await","value":{"op":"call_api","api":"asyncio.to_thread","args":[{"op":"func","name":"in_thread"},{"op":"local","slot":0,"name":"loop"},{"op":"local","slot":1,"name":"ev"},{"op":"local","slot":2,"name":"q"}],"kwargs":[],"line":26},"line":26},"line":26},{"op":"expr","value":{"op":"await","value":{"op":"call_method","obj":{"op":"local","slot":1,"name":"ev"},"method":"wait","args":[],"kwargs":[],"line":27},"line":27},"line":27},{"op":"assign","target":{"op":"local","slot":4,"name":"item"},"value":{"op":"await","value":{"op":"call_method","obj":{"op":"local","slot":2,"name":"q"},"method":"get","args":[],"kwargs":[],"line":28},"line":28},"line":28},{"op":"expr","value":{"op":"log","args":[{"op":"const","type":"str","value":"r"},{"op":"local","slot":3,"name":"r"},{"op":"call_method","obj":{"op":"local","slot":1,"name":"ev"},"method":"is_set","args":[],"kwargs":[],"line":29},{"op":"local","slot":4,"name":"item"}],"line":29},"line":29}]}],"main":"main"})IR";

TEST(InterpSync, RunCoroutineThreadsafeFromAToThreadFunction) {
    for (int round = 0; round < 5; ++round) {
        auto r = run(kCrossThread);
        ASSERT_EQ(r.status, "ok") << r.error;
        ASSERT_EQ(r.trace.size(), 3u);
        EXPECT_EQ(r.trace[0]["v"], json::parse(R"(["from thread"])"));
        EXPECT_EQ(r.trace[1]["v"], json::parse(R"(["r", ["set", true, false], true, "item"])"));
        EXPECT_EQ(r.trace[2]["end"], "return");
    }
}

}  // namespace
