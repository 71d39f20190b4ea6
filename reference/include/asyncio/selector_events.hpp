// Lib/asyncio/selector_events.py: the loop's socket operations (sock_accept,
// sock_recv, sock_sendall, sock_connect) and the socket transport
// (_SelectorSocketTransport) the streams are built on. TCP over IPv4; fds are
// plain non-blocking sockets owned by the caller (helpers) or the transport.
//
// The readiness registration (add_reader/add_writer/remove_*) is on
// EventLoop (base_events.hpp), implemented in selector_events.cpp.
// Deviation: CPython refuses add_reader/sock_* on an fd owned by a
// transport (_ensure_fd_no_transport); the reference does not check.
#pragma once

#include <cstddef>
#include <exception>
#include <memory>
#include <string>
#include <string_view>

#include "asyncio/base_events.hpp"
#include "asyncio/exceptions.hpp"
#include "asyncio/futures.hpp"
#include "asyncio/tasks.hpp"

namespace asyncio {

// The OSError subclass CPython raises for an errno (ConnectionResetError
// for ECONNRESET, ...), as an exception_ptr.
std::exception_ptr os_error(int err);

// A non-blocking, close-on-exec TCP socket.
int create_tcp_socket();
// A non-blocking listening TCP socket bound to host:port (port 0: any),
// with SO_REUSEADDR.
int create_tcp_listener(const std::string& host, int port, int backlog = 100);
// The local port of a bound socket.
int socket_port(int fd);
void close_socket(int fd) noexcept;

// loop.sock_accept(sock): the connected socket (non-blocking).
Coro<int> sock_accept(EventLoop& loop, int fd);
// loop.sock_recv(sock, n): up to n bytes; empty at EOF.
Coro<std::string> sock_recv(EventLoop& loop, int fd, std::size_t n);
// loop.sock_sendall(sock, data)
Coro<> sock_sendall(EventLoop& loop, int fd, std::string data);
// loop.sock_connect(sock, (host, port))
Coro<> sock_connect(EventLoop& loop, int fd, const std::string& host, int port);

class SocketTransport;

// asyncio.Protocol (the callbacks a transport makes).
class Protocol {
public:
    virtual ~Protocol() = default;
    virtual void connection_made(const std::shared_ptr<SocketTransport>&) {}
    virtual void data_received(std::string_view) {}
    // True keeps the connection half-open (the transport stops reading).
    virtual bool eof_received() { return false; }
    virtual void connection_lost(std::exception_ptr) {}
    virtual void pause_writing() {}
    virtual void resume_writing() {}
};

// _SelectorSocketTransport: reads with add_reader (max 256 KiB per recv),
// writes at once and buffers the rest behind add_writer, flow control with
// high/low water marks (64 KiB / 16 KiB), close after the buffer drains.
class SocketTransport : public std::enable_shared_from_this<SocketTransport> {
public:
    static constexpr std::size_t kMaxSize = 256 * 1024;

    // Takes the socket over. As in CPython: connection_made, the reader
    // registration and waiter's result are call_soon'd in that order.
    static std::shared_ptr<SocketTransport> create(EventLoop& loop, int fd, std::shared_ptr<Protocol> protocol,
                                                   Future<> waiter = Future<>());
    ~SocketTransport();

    void write(std::string_view data);
    void write_eof();
    bool can_write_eof() const { return true; }
    void close();
    void abort() { force_close(nullptr); }
    bool is_closing() const { return closing_; }
    void pause_reading();
    void resume_reading();
    bool is_reading() const { return !paused_ && !closing_; }
    std::size_t get_write_buffer_size() const { return buffer_.size() - sent_; }
    void set_write_buffer_limits(std::size_t high, std::size_t low);
    int fileno() const { return fd_; }
    EventLoop& get_loop() const { return *loop_; }

private:
    SocketTransport(EventLoop& loop, int fd, std::shared_ptr<Protocol> protocol);
    void start(Future<> waiter);
    void read_ready();
    void write_ready();
    void fatal_error(std::exception_ptr exc);
    void force_close(std::exception_ptr exc);
    void call_connection_lost(std::exception_ptr exc);
    void maybe_pause_protocol();
    void maybe_resume_protocol();

    EventLoop* loop_;
    int fd_;
    std::shared_ptr<Protocol> protocol_;
    std::string buffer_;  // unsent bytes from sent_ on
    std::size_t sent_ = 0;
    std::size_t high_water_ = 64 * 1024;
    std::size_t low_water_ = 16 * 1024;
    int conn_lost_ = 0;
    bool closing_ = false;
    bool eof_ = false;
    bool paused_ = false;
    bool protocol_paused_ = false;
    bool protocol_connected_ = false;
};

}  // namespace asyncio
