// Lib/asyncio/selector_events.py: fd readiness on the loop's epoll, the
// sock_* coroutines and _SelectorSocketTransport.
#include "asyncio/selector_events.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "selector_events_impl.hpp"

namespace asyncio {

// ---- readiness registration (BaseSelectorEventLoop._add_reader, ...) ----------

namespace {
std::uint32_t epoll_mask(const detail::IoRegistry::Entry& e) {
    return (e.reader ? EPOLLIN : 0u) | (e.writer ? EPOLLOUT : 0u);
}
bool would_block(int err) { return err == EAGAIN || err == EWOULDBLOCK || err == EINTR; }
}  // namespace

// add_reader/add_writer: register, or modify the registration; an existing
// callback for the same fd and direction is replaced and cancelled
// (CPython's `reader.cancel()` after selector.modify).
void EventLoop::add_io(int fd, bool write, std::function<void()> fn) {
    if (closed_) throw RuntimeError("Event loop is closed");
    if (fd < 0) throw ValueError("Invalid file descriptor: " + std::to_string(fd));
    if (!io_) io_ = std::make_unique<detail::IoRegistry>();
    detail::IoRegistry::Entry& e = io_->at(fd);
    auto* node = new detail::IoNode(std::move(fn));
    detail::IoNode*& slot = write ? e.writer : e.reader;
    detail::IoNode* old = slot;
    slot = node;
    epoll_event ev{};
    ev.events = epoll_mask(e);
    ev.data.fd = fd;
    int rc = epoll_ctl(epoll_fd_, e.registered ? EPOLL_CTL_MOD : EPOLL_CTL_ADD, fd, &ev);
    if (rc < 0 && e.registered && errno == ENOENT)  // the fd was closed and reused meanwhile
        rc = epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, fd, &ev);
    if (rc < 0) {
        const int err = errno;
        slot = old;
        node->release();
        std::rethrow_exception(os_error(err));
    }
    e.registered = true;
    if (old) {
        old->cancelled = true;
        old->release();
    } else {
        ++io_count_;
    }
}

bool EventLoop::remove_io(int fd, bool write) {
    detail::IoRegistry::Entry* e = io_ ? io_->find(fd) : nullptr;
    if (!e) return false;
    detail::IoNode*& slot = write ? e->writer : e->reader;
    if (!slot) return false;
    detail::IoNode* node = slot;
    slot = nullptr;
    --io_count_;
    epoll_event ev{};
    ev.events = epoll_mask(*e);
    ev.data.fd = fd;
    if (ev.events == 0) {
        epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, fd, &ev);  // errors ignored (fd already closed)
        e->registered = false;
    } else {
        epoll_ctl(epoll_fd_, EPOLL_CTL_MOD, fd, &ev);
    }
    node->cancelled = true;  // Handle.cancel(): skipped if already queued
    node->release();
    return true;
}

// BaseSelectorEventLoop._process_events: EPOLLHUP/EPOLLERR count as both
// readable and writable (selectors.EpollSelector); a cancelled handle is
// removed, the others are queued (_add_callback), reader first.
void EventLoop::process_io_event(int fd, std::uint32_t events) {
    detail::IoRegistry::Entry* e = io_ ? io_->find(fd) : nullptr;
    if (!e) return;
    auto queue = [this](detail::IoNode* n) {
        if (n->queued) return;
        n->queued = true;
        ++n->refs;
        push_ready(n);
    };
    if ((events & ~static_cast<std::uint32_t>(EPOLLOUT)) && e->reader) {
        if (e->reader->cancelled)
            remove_io(fd, false);
        else
            queue(e->reader);
    }
    if ((events & ~static_cast<std::uint32_t>(EPOLLIN)) && e->writer) {
        if (e->writer->cancelled)
            remove_io(fd, true);
        else
            queue(e->writer);
    }
}

void EventLoop::close_io() noexcept {
    if (!io_) return;
    for (std::size_t fd = 0; fd < io_->fds.size(); ++fd) {
        auto& e = io_->fds[fd];
        for (detail::IoNode* n : {e.reader, e.writer}) {
            if (!n) continue;
            n->cancelled = true;
            n->release();
        }
        if (e.registered) {
            epoll_event ev{};
            epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, static_cast<int>(fd), &ev);
        }
    }
    io_.reset();
    io_count_ = 0;
}

// ---- sockets ----------------------------------------------------------------

std::exception_ptr os_error(int err) {
    std::string msg = std::strerror(err);
    switch (err) {
        case ECONNRESET:
            return make_exception(ConnectionResetError(err, msg));
        case ECONNREFUSED:
            return make_exception(ConnectionRefusedError(err, msg));
        case ECONNABORTED:
            return make_exception(ConnectionAbortedError(err, msg));
        case EPIPE:
        case ESHUTDOWN:
            return make_exception(BrokenPipeError(err, msg));
        default:
            return make_exception(OSError(err, msg));
    }
}

namespace {
sockaddr_in make_addr(const std::string& host, int port) {
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    const std::string h = (host.empty() || host == "localhost") ? "127.0.0.1" : host;
    if (inet_pton(AF_INET, h.c_str(), &addr.sin_addr) != 1) throw ValueError("not an IPv4 address: " + host);
    return addr;
}
}  // namespace

int create_tcp_socket() {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) std::rethrow_exception(os_error(errno));
    return fd;
}

int create_tcp_listener(const std::string& host, int port, int backlog) {
    const int fd = create_tcp_socket();
    const int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in addr = make_addr(host, port);
    if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) < 0 || ::listen(fd, backlog) < 0) {
        const int err = errno;
        ::close(fd);
        std::rethrow_exception(os_error(err));
    }
    return fd;
}

int socket_port(int fd) {
    sockaddr_in addr{};
    socklen_t len = sizeof addr;
    if (getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) < 0) std::rethrow_exception(os_error(errno));
    return ntohs(addr.sin_port);
}

void close_socket(int fd) noexcept {
    if (fd >= 0) ::close(fd);
}

// loop.sock_accept / _sock_accept
Coro<int> sock_accept(EventLoop& loop, int fd) {
    Future<int> fut = create_future<int>(loop);
    auto try_accept = [fut, fd]() -> bool {
        const int conn = ::accept4(fd, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (conn >= 0) {
            fut.set_result(conn);
            return true;
        }
        if (would_block(errno)) return false;
        fut.set_exception(os_error(errno));
        return true;
    };
    if (!try_accept()) {
        loop.add_reader(fd, [fut, try_accept] {
            if (!fut.done()) try_accept();
        });
        fut.add_done_callback([lp = &loop, fd](Future<int>) { lp->remove_reader(fd); });
    }
    co_return co_await fut;
}

// loop.sock_recv / _sock_recv
Coro<std::string> sock_recv(EventLoop& loop, int fd, std::size_t n) {
    std::string buf(n, '\0');
    const ssize_t r = ::recv(fd, buf.data(), n, 0);
    if (r >= 0) {
        buf.resize(static_cast<std::size_t>(r));
        co_return buf;
    }
    if (!would_block(errno)) std::rethrow_exception(os_error(errno));
    Future<std::string> fut = create_future<std::string>(loop);
    loop.add_reader(fd, [fut, fd, n] {
        if (fut.done()) return;
        std::string b(n, '\0');
        const ssize_t got = ::recv(fd, b.data(), n, 0);
        if (got >= 0) {
            b.resize(static_cast<std::size_t>(got));
            fut.set_result(std::move(b));
        } else if (!would_block(errno)) {
            fut.set_exception(os_error(errno));
        }
    });
    fut.add_done_callback([lp = &loop, fd](Future<std::string>) { lp->remove_reader(fd); });
    co_return co_await fut;
}

// loop.sock_sendall / _sock_sendall
Coro<> sock_sendall(EventLoop& loop, int fd, std::string data) {
    ssize_t n = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL);
    if (n < 0) {
        if (!would_block(errno)) std::rethrow_exception(os_error(errno));
        n = 0;
    }
    if (static_cast<std::size_t>(n) == data.size()) co_return;
    struct State {
        std::string data;
        std::size_t pos;
    };
    auto st = std::make_shared<State>(State{std::move(data), static_cast<std::size_t>(n)});
    Future<> fut = create_future<>(loop);
    loop.add_writer(fd, [fut, fd, st] {
        if (fut.done()) return;
        const ssize_t sent = ::send(fd, st->data.data() + st->pos, st->data.size() - st->pos, MSG_NOSIGNAL);
        if (sent < 0) {
            if (!would_block(errno)) fut.set_exception(os_error(errno));
            return;
        }
        st->pos += static_cast<std::size_t>(sent);
        if (st->pos == st->data.size()) fut.set_result();
    });
    fut.add_done_callback([lp = &loop, fd](Future<>) { lp->remove_writer(fd); });
    co_await fut;
}

// loop.sock_connect / _sock_connect / _sock_connect_cb
Coro<> sock_connect(EventLoop& loop, int fd, const std::string& host, int port) {
    sockaddr_in addr = make_addr(host, port);
    Future<> fut = create_future<>(loop);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0) {
        fut.set_result();
    } else if (errno == EINPROGRESS || errno == EINTR) {
        loop.add_writer(fd, [fut, fd] {
            if (fut.done()) return;
            int err = 0;
            socklen_t len = sizeof err;
            if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) < 0) err = errno;
            if (err == 0)
                fut.set_result();
            else if (!would_block(err))
                fut.set_exception(os_error(err));
        });
        fut.add_done_callback([lp = &loop, fd](Future<>) { lp->remove_writer(fd); });
    } else {
        fut.set_exception(os_error(errno));
    }
    co_await fut;
}

// ---- _SelectorSocketTransport --------------------------------------------------

SocketTransport::SocketTransport(EventLoop& loop, int fd, std::shared_ptr<Protocol> protocol)
    : loop_(&loop), fd_(fd), protocol_(std::move(protocol)) {}

SocketTransport::~SocketTransport() { close_socket(fd_); }

std::shared_ptr<SocketTransport> SocketTransport::create(EventLoop& loop, int fd, std::shared_ptr<Protocol> protocol,
                                                         Future<> waiter) {
    std::shared_ptr<SocketTransport> t(new SocketTransport(loop, fd, std::move(protocol)));
    t->start(std::move(waiter));
    return t;
}

void SocketTransport::start(Future<> waiter) {
    const int one = 1;
    setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);  // base_events._set_nodelay
    auto self = shared_from_this();
    loop_->call_soon([self] {
        self->protocol_connected_ = true;
        if (self->protocol_) self->protocol_->connection_made(self);
    });
    loop_->call_soon([self] {
        if (!self->closing_ && !self->paused_) self->loop_->add_reader(self->fd_, [self] { self->read_ready(); });
    });
    if (waiter.state()) {
        loop_->call_soon([waiter] {
            if (!waiter.cancelled()) waiter.set_result();  // _set_result_unless_cancelled
        });
    }
}

// _read_ready__data_received / _read_ready__on_eof
void SocketTransport::read_ready() {
    if (conn_lost_) return;
    // One receive buffer per thread (CPython allocates max_size bytes per
    // recv; zero-filling 256 KiB per read would dominate small messages).
    thread_local std::unique_ptr<char[]> buffer(new char[kMaxSize]);
    const ssize_t n = ::recv(fd_, buffer.get(), kMaxSize, 0);
    if (n < 0) {
        if (!would_block(errno)) fatal_error(os_error(errno));
        return;
    }
    if (n == 0) {
        bool keep_open = false;
        try {
            keep_open = protocol_->eof_received();
        } catch (...) {
            fatal_error(std::current_exception());
            return;
        }
        if (keep_open)
            loop_->remove_reader(fd_);
        else
            close();
        return;
    }
    try {
        protocol_->data_received(std::string_view(buffer.get(), static_cast<std::size_t>(n)));
    } catch (...) {
        fatal_error(std::current_exception());
    }
}

void SocketTransport::write(std::string_view data) {
    if (eof_) throw RuntimeError("Cannot call write() after write_eof()");
    if (data.empty()) return;
    if (conn_lost_) {
        ++conn_lost_;  // CPython logs a warning after a few of these
        return;
    }
    if (get_write_buffer_size() == 0) {
        const ssize_t n = ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL);
        if (n < 0) {
            if (!would_block(errno)) {
                fatal_error(os_error(errno));
                return;
            }
        } else {
            data.remove_prefix(static_cast<std::size_t>(n));
            if (data.empty()) return;
        }
        auto self = shared_from_this();
        loop_->add_writer(fd_, [self] { self->write_ready(); });
        buffer_.clear();
        sent_ = 0;
    }
    buffer_.append(data);
    maybe_pause_protocol();
}

// _write_send
void SocketTransport::write_ready() {
    if (conn_lost_) return;
    const ssize_t n = ::send(fd_, buffer_.data() + sent_, buffer_.size() - sent_, MSG_NOSIGNAL);
    if (n < 0) {
        if (would_block(errno)) return;
        const int err = errno;
        loop_->remove_writer(fd_);
        buffer_.clear();
        sent_ = 0;
        fatal_error(os_error(err));
        return;
    }
    sent_ += static_cast<std::size_t>(n);
    maybe_resume_protocol();
    if (get_write_buffer_size() == 0) {
        buffer_.clear();
        sent_ = 0;
        loop_->remove_writer(fd_);
        if (closing_)
            call_connection_lost(nullptr);
        else if (eof_)
            ::shutdown(fd_, SHUT_WR);
    }
}

void SocketTransport::write_eof() {
    if (closing_ || eof_) return;
    eof_ = true;
    if (get_write_buffer_size() == 0) ::shutdown(fd_, SHUT_WR);
}

void SocketTransport::close() {
    if (closing_) return;
    closing_ = true;
    loop_->remove_reader(fd_);
    if (get_write_buffer_size() == 0) {
        ++conn_lost_;
        loop_->remove_writer(fd_);
        auto self = shared_from_this();
        loop_->call_soon([self] { self->call_connection_lost(nullptr); });
    }
}

void SocketTransport::pause_reading() {
    if (closing_ || paused_) return;
    paused_ = true;
    loop_->remove_reader(fd_);
}

void SocketTransport::resume_reading() {
    if (closing_ || !paused_) return;
    paused_ = false;
    auto self = shared_from_this();
    loop_->add_reader(fd_, [self] { self->read_ready(); });
}

void SocketTransport::set_write_buffer_limits(std::size_t high, std::size_t low) {
    high_water_ = high;
    low_water_ = low;
    maybe_pause_protocol();
}

// _fatal_error: OSErrors are expected (peer reset); others are reported.
void SocketTransport::fatal_error(std::exception_ptr exc) {
    if (!exception_is<OSError>(exc)) loop_->call_exception_handler({"Fatal error on transport", exc});
    force_close(std::move(exc));
}

void SocketTransport::force_close(std::exception_ptr exc) {
    if (conn_lost_) return;
    if (get_write_buffer_size()) {
        buffer_.clear();
        sent_ = 0;
        loop_->remove_writer(fd_);
    }
    if (!closing_) {
        closing_ = true;
        loop_->remove_reader(fd_);
    }
    ++conn_lost_;
    auto self = shared_from_this();
    loop_->call_soon([self, exc] { self->call_connection_lost(exc); });
}

void SocketTransport::call_connection_lost(std::exception_ptr exc) {
    std::shared_ptr<Protocol> protocol = std::move(protocol_);
    struct Close {
        SocketTransport* t;
        ~Close() {
            t->loop_->remove_reader(t->fd_);
            t->loop_->remove_writer(t->fd_);
            close_socket(t->fd_);
            t->fd_ = -1;
        }
    } close_fd{this};
    if (protocol_connected_ && protocol) protocol->connection_lost(std::move(exc));
}

void SocketTransport::maybe_pause_protocol() {
    if (get_write_buffer_size() <= high_water_ || protocol_paused_) return;
    protocol_paused_ = true;
    if (protocol_) protocol_->pause_writing();
}

void SocketTransport::maybe_resume_protocol() {
    if (protocol_paused_ && get_write_buffer_size() <= low_water_) {
        protocol_paused_ = false;
        if (protocol_) protocol_->resume_writing();
    }
}

}  // namespace asyncio
