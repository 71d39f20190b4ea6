// selector_events and streams (Lib/asyncio/selector_events.py, streams.py):
// I/O readiness (add_reader/add_writer on the loop's epoll), the sock_*
// coroutines and the streams layer, on loopback. No scenario can express
// them (the scenario language has no sockets); the iteration structure
// follows BaseEventLoop._run_once, checked here directly. The rest of the
// loop's behaviour is checked by spec/scenarios/loop/.
#include <gtest/gtest.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include "asyncio/selector_events.hpp"
#include "asyncio/streams.hpp"
#include "support.hpp"

namespace asyncio {
namespace {

using testing::Trace;

struct Pipe {
    int r = -1, w = -1;
    Pipe() {
        int fds[2];
        EXPECT_EQ(::pipe(fds), 0);
        r = fds[0];
        w = fds[1];
    }
    ~Pipe() {
        ::close(r);
        ::close(w);
    }
    void put(const char* s) { EXPECT_GT(::write(w, s, std::strlen(s)), 0); }
};

// _run_once: the fds' callbacks are queued (_process_events) before the due
// timers are moved to the ready queue, behind the handles already ready.
TEST(Io, io_callbacks_run_before_due_timers) {
    EventLoop loop(Clock::monotonic);
    Pipe p;
    Trace trace;
    p.put("x");
    loop.call_soon([&] { trace.log("soon"); });
    loop.run_once();
    loop.add_reader(p.r, [&] { trace.log("reader"); });
    loop.call_later(0, [&] { trace.log("timer"); });
    loop.call_soon([&] { trace.log("soon 2"); });
    loop.run_once();
    EXPECT_EQ(trace.events, (std::vector<std::string>{"soon", "soon 2", "reader", "timer"}));
    EXPECT_TRUE(loop.remove_reader(p.r));
    EXPECT_FALSE(loop.remove_reader(p.r));
    EXPECT_EQ(loop.io_registration_count(), 0u);
}

// A level-triggered reader runs once per iteration while the fd is readable.
TEST(Io, reader_runs_each_iteration_while_readable) {
    EventLoop loop(Clock::monotonic);
    Pipe p;
    p.put("abc");
    int runs = 0;
    loop.add_reader(p.r, [&] { ++runs; });
    loop.run_once();
    loop.run_once();
    loop.run_once();
    EXPECT_EQ(runs, 3);
    char buf[8];
    EXPECT_EQ(::read(p.r, buf, sizeof buf), 3);
    loop.call_soon([] {});
    loop.run_once();
    EXPECT_EQ(runs, 3);
    loop.remove_reader(p.r);
}

// add_reader on an fd that has a reader replaces it (CPython: the old handle
// is cancelled); reader and writer of one fd coexist.
TEST(Io, add_reader_twice_replaces) {
    EventLoop loop(Clock::monotonic);
    int sv[2];
    ASSERT_EQ(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
    Trace trace;
    ASSERT_EQ(::write(sv[1], "x", 1), 1);
    loop.add_reader(sv[0], [&] { trace.log("first"); });
    loop.add_reader(sv[0], [&] { trace.log("second"); });
    loop.add_writer(sv[0], [&] { trace.log("writer"); });
    EXPECT_EQ(loop.io_registration_count(), 2u);
    loop.run_once();
    EXPECT_EQ(trace.events, (std::vector<std::string>{"second", "writer"}));
    EXPECT_TRUE(loop.remove_writer(sv[0]));
    EXPECT_TRUE(loop.remove_reader(sv[0]));
    ::close(sv[0]);
    ::close(sv[1]);
}

// A handle removed while queued in the same iteration is skipped
// (Handle.cancel), as CPython skips cancelled handles.
TEST(Io, removed_while_queued_is_skipped) {
    EventLoop loop(Clock::monotonic);
    Pipe a, b;
    a.put("1");
    b.put("2");
    Trace trace;
    loop.add_reader(a.r, [&] {
        trace.log("a");
        loop.remove_reader(b.r);
    });
    loop.add_reader(b.r, [&] {
        trace.log("b");
        loop.remove_reader(a.r);
    });
    loop.run_once();
    ASSERT_EQ(trace.events.size(), 1u);
    loop.remove_reader(a.r);
    loop.remove_reader(b.r);
}

// A virtual-clock loop with registered fds waits for them instead of
// reporting a stall.
TEST(Io, virtual_clock_waits_for_io) {
    EventLoop loop(Clock::virtual_);
    Pipe p;
    std::thread writer([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
        p.put("x");
    });
    bool got = false;
    loop.add_reader(p.r, [&] {
        got = true;
        loop.remove_reader(p.r);
        loop.stop();
    });
    loop.run_forever();
    writer.join();
    EXPECT_TRUE(got);
}

// loop.sock_connect/sock_accept/sock_sendall/sock_recv round trip; a
// refused connection raises ConnectionRefusedError.
TEST(Sockets, sock_round_trip_and_refused) {
    EventLoop loop(Clock::monotonic);
    auto main = [&]() -> Coro<> {
        const int listener = create_tcp_listener("127.0.0.1", 0);
        const int port = socket_port(listener);
        const int client = create_tcp_socket();
        co_await sock_connect(loop, client, "127.0.0.1", port);
        const int conn = co_await sock_accept(loop, listener);
        std::string big(1 << 20, 'z');
        co_await sock_sendall(loop, client, "hello");
        EXPECT_EQ(co_await sock_recv(loop, conn, 5), "hello");
        // sendall larger than the socket buffer: completes through add_writer
        Task<> sender = create_task(sock_sendall(loop, client, big));
        std::size_t received = 0;
        while (received < big.size()) received += (co_await sock_recv(loop, conn, 65536)).size();
        co_await sender;
        EXPECT_EQ(received, big.size());
        close_socket(client);
        EXPECT_EQ(co_await sock_recv(loop, conn, 10), "");  // EOF
        close_socket(conn);
        close_socket(listener);
        // A port nobody listens on (the listener just closed).
        const int refused = create_tcp_socket();
        bool raised = false;
        try {
            co_await sock_connect(loop, refused, "127.0.0.1", port);
        } catch (const ConnectionRefusedError&) {
            raised = true;
        }
        close_socket(refused);
        EXPECT_TRUE(raised);
        EXPECT_EQ(loop.io_registration_count(), 0u);
    };
    run_until_complete(loop, main());
}

Coro<> echo_handler(StreamReader reader, StreamWriter writer) {
    while (true) {
        std::string line = co_await reader.readline();
        if (line.empty()) break;
        writer.write(line);
        co_await writer.drain();
    }
    writer.close();
    co_await writer.wait_closed();
}

// start_server + open_connection: echo lines, readexactly, then close; the
// server's wait_closed returns once the connection is gone.
TEST(Streams, echo_server_round_trip) {
    EventLoop loop(Clock::monotonic);
    auto main = [&]() -> Coro<> {
        Server server = co_await start_server(echo_handler, "127.0.0.1", 0);
        EXPECT_TRUE(server.is_serving());
        auto [reader, writer] = co_await open_connection("127.0.0.1", server.port());
        writer.write("hello\n");
        writer.write("world\n");
        co_await writer.drain();
        EXPECT_EQ(co_await reader.readline(), "hello\n");
        EXPECT_EQ(co_await reader.readexactly(3), "wor");
        EXPECT_EQ(co_await reader.read(100), "ld\n");
        // A large message goes through the flow control (pause/resume).
        // (Lines stay under the 64 KiB limit: a longer one is ValueError in
        // readline, as in CPython.)
        std::string line(1023, 'a');
        line += '\n';
        std::string big;
        for (int i = 0; i < 3 * 1024; ++i) big += line;
        writer.write(big);
        Task<> drained = create_task(writer.drain());
        std::string echoed = co_await reader.readexactly(static_cast<long long>(big.size()));
        co_await drained;
        EXPECT_EQ(echoed.size(), big.size());
        EXPECT_EQ(echoed, big);
        writer.write_eof();
        EXPECT_EQ(co_await reader.read(), "");  // the handler saw EOF and closed
        EXPECT_TRUE(reader.at_eof());
        writer.close();
        co_await writer.wait_closed();
        server.close();
        co_await server.wait_closed();
        EXPECT_FALSE(server.is_serving());
    };
    run_until_complete(loop, main());
    EXPECT_EQ(loop.io_registration_count(), 0u);
}

// The peer closes in the middle of a readexactly: IncompleteReadError with
// the partial bytes, never a hang.
TEST(Streams, peer_close_mid_readexactly) {
    EventLoop loop(Clock::monotonic);
    auto handler = [](StreamReader, StreamWriter writer) -> Coro<> {
        writer.write("partial");
        co_await writer.drain();
        writer.close();
    };
    auto main = [&]() -> Coro<> {
        Server server = co_await start_server(handler, "127.0.0.1", 0);
        auto [reader, writer] = co_await open_connection("127.0.0.1", server.port());
        std::string partial;
        long long expected = 0;
        try {
            co_await reader.readexactly(100);
        } catch (const IncompleteReadError& e) {
            partial = e.partial;
            expected = e.expected;
        }
        EXPECT_EQ(partial, "partial");
        EXPECT_EQ(expected, 100);
        // readline at EOF: the partial line is empty now.
        EXPECT_EQ(co_await reader.readline(), "");
        writer.close();
        co_await writer.wait_closed();
        server.close();
        co_await server.wait_closed();
    };
    run_until_complete(loop, main());
}

// The peer resets the connection (SO_LINGER 0): the pending read raises
// ConnectionResetError; drain() after the loss raises it too.
TEST(Streams, peer_reset_raises_connection_reset) {
    EventLoop loop(Clock::monotonic);
    auto main = [&]() -> Coro<> {
        const int listener = create_tcp_listener("127.0.0.1", 0);
        Task<int> accepted = create_task(sock_accept(loop, listener));
        auto [reader, writer] = co_await open_connection("127.0.0.1", socket_port(listener));
        const int conn = co_await accepted;
        Task<std::string> pending = create_task(reader.readexactly(10));
        co_await sleep(0.01);
        linger lg{1, 0};
        setsockopt(conn, SOL_SOCKET, SO_LINGER, &lg, sizeof lg);
        close_socket(conn);
        bool reset = false;
        try {
            co_await pending;
        } catch (const ConnectionResetError&) {
            reset = true;
        }
        EXPECT_TRUE(reset);
        bool drain_reset = false;
        try {
            writer.write("x");
            co_await writer.drain();
        } catch (const ConnectionResetError&) {
            drain_reset = true;
        }
        EXPECT_TRUE(drain_reset);
        writer.close();
        try {
            co_await writer.wait_closed();
        } catch (const ConnectionResetError&) {
        }
        close_socket(listener);
    };
    run_until_complete(loop, main());
}

// Many clients at once on one server: every line comes back to its sender.
TEST(Streams, many_connections) {
    EventLoop loop(Clock::monotonic);
    auto client = [](int port, int id) -> Coro<int> {
        auto [reader, writer] = co_await open_connection("127.0.0.1", port);
        int ok = 0;
        for (int i = 0; i < 20; ++i) {
            std::string msg = std::to_string(id) + ":" + std::to_string(i) + "\n";
            writer.write(msg);
            co_await writer.drain();
            if (co_await reader.readline() == msg) ++ok;
        }
        writer.close();
        co_await writer.wait_closed();
        co_return ok;
    };
    auto main = [&]() -> Coro<> {
        Server server = co_await start_server(echo_handler, "127.0.0.1", 0);
        std::vector<Task<int>> tasks;
        for (int id = 0; id < 50; ++id) tasks.push_back(create_task(client(server.port(), id)));
        int total = 0;
        for (auto& t : tasks) total += co_await t;
        EXPECT_EQ(total, 50 * 20);
        server.close();
        co_await server.wait_closed();
    };
    run_until_complete(loop, main());
}

}  // namespace
}  // namespace asyncio
