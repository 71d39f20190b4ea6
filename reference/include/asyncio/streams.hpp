// Lib/asyncio/streams.py: StreamReader, StreamWriter, StreamReaderProtocol,
// start_server, open_connection (TCP, IPv4). Bytes are std::string.
//
// StreamReader and StreamWriter are handles to shared state (copies refer to
// the same stream), used on the loop's thread. A peer that closes or resets
// the connection mid-read makes the pending read raise
// IncompleteReadError (EOF before the requested bytes) or
// ConnectionResetError; drain() after the connection is lost raises
// ConnectionResetError.
#pragma once

#include <cstddef>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "asyncio/base_events.hpp"
#include "asyncio/futures.hpp"
#include "asyncio/selector_events.hpp"
#include "asyncio/tasks.hpp"

namespace asyncio {

namespace detail {
struct ReaderState;
class StreamProtocol;
}  // namespace detail

// streams._DEFAULT_LIMIT
inline constexpr std::size_t kDefaultStreamLimit = 64 * 1024;

class StreamReader {
public:
    explicit StreamReader(EventLoop& loop, std::size_t limit = kDefaultStreamLimit);

    // read(n): up to n bytes (n < 0: until EOF); empty at EOF.
    Coro<std::string> read(long long n = -1);
    // readline(): up to and including '\n'; at EOF the partial line.
    Coro<std::string> readline();
    // readuntil(separator); IncompleteReadError at EOF, LimitOverrunError
    // past the limit.
    Coro<std::string> readuntil(std::string separator = "\n");
    // readexactly(n); IncompleteReadError (with the partial bytes) at EOF.
    Coro<std::string> readexactly(long long n);
    bool at_eof() const;
    std::exception_ptr exception() const;

    // The protocol side.
    void feed_data(std::string_view data);
    void feed_eof();
    void set_exception(std::exception_ptr exc);
    void set_transport(std::shared_ptr<SocketTransport> transport);

    detail::ReaderState* state() const { return s_.get(); }

private:
    std::shared_ptr<detail::ReaderState> s_;
};

class StreamWriter {
public:
    StreamWriter(std::shared_ptr<SocketTransport> transport, std::shared_ptr<detail::StreamProtocol> protocol,
                 std::optional<StreamReader> reader);

    void write(std::string_view data) { transport_->write(data); }
    void writelines(const std::vector<std::string>& lines) {
        for (const auto& l : lines) write(l);
    }
    void write_eof() { transport_->write_eof(); }
    bool can_write_eof() const { return transport_->can_write_eof(); }
    // drain(): the reader's exception, else wait while the transport's
    // buffer is above the high-water mark; ConnectionResetError once the
    // connection is lost.
    Coro<> drain();
    void close() { transport_->close(); }
    bool is_closing() const { return transport_->is_closing(); }
    // wait_closed(): until connection_lost has run.
    Coro<> wait_closed();
    const std::shared_ptr<SocketTransport>& transport() const { return transport_; }

private:
    std::shared_ptr<SocketTransport> transport_;
    std::shared_ptr<detail::StreamProtocol> protocol_;
    std::optional<StreamReader> reader_;
};

using ClientConnected = std::function<Coro<>(StreamReader, StreamWriter)>;

// asyncio.Server (of start_server): close() stops accepting;
// wait_closed() waits until it is closed and every connection has ended.
class Server {
public:
    struct State;
    explicit Server(std::shared_ptr<State> s) : s_(std::move(s)) {}
    void close();
    // Server.close_clients (3.13): close every connection's transport.
    void close_clients();
    Coro<> wait_closed();
    bool is_serving() const;
    int port() const;
    std::vector<int> sockets() const;

private:
    std::shared_ptr<State> s_;
};

// asyncio.start_server(client_connected_cb, host, port): accepts on
// host:port (port 0: any free port) and runs the callback as a task per
// connection.
Coro<Server> start_server(ClientConnected client_connected_cb, std::string host, int port,
                          std::size_t limit = kDefaultStreamLimit, int backlog = 100);
// asyncio.open_connection(host, port)
Coro<std::pair<StreamReader, StreamWriter>> open_connection(std::string host, int port,
                                                            std::size_t limit = kDefaultStreamLimit);

}  // namespace asyncio
