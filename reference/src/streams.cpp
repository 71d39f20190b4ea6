// Lib/asyncio/streams.py (and the create_server/create_connection parts of
// base_events.py and selector_events.py they use).
#include "asyncio/streams.hpp"

#include <sys/socket.h>

namespace asyncio {

namespace detail {

struct ReaderState {
    EventLoop* loop;
    std::size_t limit;
    std::string buffer;
    bool eof = false;
    std::exception_ptr exception;
    Future<> waiter;  // empty when nobody waits
    std::weak_ptr<SocketTransport> transport;
    bool paused = false;
};

}  // namespace detail

// ---- StreamReader -----------------------------------------------------------

namespace {

void wakeup_waiter(detail::ReaderState& s) {
    if (!s.waiter.state()) return;
    Future<> w = std::exchange(s.waiter, Future<>());
    if (!w.cancelled()) w.set_result();
}

void maybe_resume_transport(detail::ReaderState& s) {
    if (s.paused && s.buffer.size() <= s.limit) {
        s.paused = false;
        if (auto t = s.transport.lock()) t->resume_reading();
    }
}

// StreamReader._wait_for_data
Coro<> wait_for_data(std::shared_ptr<detail::ReaderState> s, const char* func_name) {
    if (s->waiter.state())
        throw RuntimeError(std::string(func_name) +
                           "() called while another coroutine is already waiting for incoming data");
    if (s->paused) {
        s->paused = false;
        if (auto t = s->transport.lock()) t->resume_reading();
    }
    Future<> w = create_future<>(*s->loop);
    s->waiter = w;
    std::exception_ptr exc;
    try {
        co_await w;
    } catch (...) {
        exc = std::current_exception();
    }
    s->waiter = Future<>();
    if (exc) std::rethrow_exception(exc);
}

std::string take(detail::ReaderState& s, std::size_t n) {
    std::string data = s.buffer.substr(0, n);
    s.buffer.erase(0, n);
    maybe_resume_transport(s);
    return data;
}

}  // namespace

StreamReader::StreamReader(EventLoop& loop, std::size_t limit)
    : s_(std::make_shared<detail::ReaderState>(detail::ReaderState{&loop, limit, {}, false, {}, {}, {}, false})) {
    if (limit == 0) throw ValueError("Limit cannot be <= 0");
}

bool StreamReader::at_eof() const { return s_->eof && s_->buffer.empty(); }
std::exception_ptr StreamReader::exception() const { return s_->exception; }

void StreamReader::feed_data(std::string_view data) {
    if (data.empty()) return;
    s_->buffer.append(data);
    wakeup_waiter(*s_);
    if (!s_->paused && s_->buffer.size() > 2 * s_->limit) {
        if (auto t = s_->transport.lock()) {
            t->pause_reading();
            s_->paused = true;
        }
    }
}

void StreamReader::feed_eof() {
    s_->eof = true;
    wakeup_waiter(*s_);
}

void StreamReader::set_exception(std::exception_ptr exc) {
    s_->exception = exc;
    if (!s_->waiter.state()) return;
    Future<> w = std::exchange(s_->waiter, Future<>());
    if (!w.cancelled()) w.set_exception(exc);
}

void StreamReader::set_transport(std::shared_ptr<SocketTransport> transport) { s_->transport = transport; }

Coro<std::string> StreamReader::read(long long n) {
    auto s = s_;
    if (s->exception) std::rethrow_exception(s->exception);
    if (n == 0) co_return std::string();
    if (n < 0) {
        std::string all;
        while (true) {
            std::string block = co_await read(static_cast<long long>(s->limit));
            if (block.empty()) break;
            all += block;
        }
        co_return all;
    }
    if (s->buffer.empty() && !s->eof) co_await wait_for_data(s, "read");
    co_return take(*s, static_cast<std::size_t>(n));
}

Coro<std::string> StreamReader::readuntil(std::string separator) {
    auto s = s_;
    const std::size_t seplen = separator.size();
    if (seplen == 0) throw ValueError("Separator should be at least one-byte string");
    if (s->exception) std::rethrow_exception(s->exception);
    std::size_t offset = 0;
    std::size_t isep = std::string::npos;
    while (true) {
        const std::size_t buflen = s->buffer.size();
        if (buflen >= offset + seplen) {
            isep = s->buffer.find(separator, offset);
            if (isep != std::string::npos) break;
            offset = buflen + 1 - seplen;
            if (offset > s->limit)
                throw LimitOverrunError("Separator is not found, and chunk exceed the limit",
                                        static_cast<long long>(offset));
        }
        if (s->eof) {
            std::string chunk = std::move(s->buffer);
            s->buffer.clear();
            throw IncompleteReadError(std::move(chunk), -1);
        }
        co_await wait_for_data(s, "readuntil");
    }
    if (isep > s->limit)
        throw LimitOverrunError("Separator is found, but chunk is longer than limit", static_cast<long long>(isep));
    co_return take(*s, isep + seplen);
}

Coro<std::string> StreamReader::readline() {
    auto s = s_;
    std::exception_ptr exc;
    long long consumed = -1;
    try {
        co_return co_await readuntil("\n");
    } catch (const IncompleteReadError& e) {
        co_return e.partial;
    } catch (const LimitOverrunError& e) {
        consumed = e.consumed;
        exc = std::current_exception();
    }
    const auto c = static_cast<std::size_t>(consumed);
    if (s->buffer.compare(c, 1, "\n") == 0)
        s->buffer.erase(0, c + 1);
    else
        s->buffer.clear();
    maybe_resume_transport(*s);
    try {
        std::rethrow_exception(exc);
    } catch (const LimitOverrunError& e) {
        throw ValueError(e.what());
    }
}

Coro<std::string> StreamReader::readexactly(long long n) {
    auto s = s_;
    if (n < 0) throw ValueError("readexactly size can not be less than zero");
    if (s->exception) std::rethrow_exception(s->exception);
    if (n == 0) co_return std::string();
    const auto want = static_cast<std::size_t>(n);
    while (s->buffer.size() < want) {
        if (s->eof) {
            std::string incomplete = std::move(s->buffer);
            s->buffer.clear();
            throw IncompleteReadError(std::move(incomplete), n);
        }
        co_await wait_for_data(s, "readexactly");
    }
    co_return take(*s, want);
}

// ---- StreamReaderProtocol ---------------------------------------------------------

struct Server::State {
    EventLoop* loop;
    int fd = -1;
    ClientConnected cb;
    std::size_t limit;
    int backlog;
    int port = 0;
    std::size_t active = 0;
    bool serving = false;
    bool closed = false;
    std::vector<Future<>> waiters;
    bool woken = false;  // _waiters is None
    std::vector<std::weak_ptr<SocketTransport>> transports;

    ~State() { close_socket(fd); }
    // Server._wakeup
    void wakeup() {
        woken = true;
        for (auto& w : std::exchange(waiters, {}))
            if (!w.done()) w.set_result();
    }
    // Server._detach
    void detach() {
        --active;
        if (active == 0 && closed) wakeup();
    }
};

namespace detail {

// StreamReaderProtocol with FlowControlMixin.
class StreamProtocol final : public Protocol, public std::enable_shared_from_this<StreamProtocol> {
public:
    StreamProtocol(EventLoop& loop, StreamReader reader, ClientConnected cb, std::shared_ptr<Server::State> server)
        : loop_(&loop), reader_(std::move(reader)), cb_(std::move(cb)), server_(std::move(server)) {
        closed_ = create_future<>(loop);
        if (server_) ++server_->active;  // Server._attach
    }

    void connection_made(const std::shared_ptr<SocketTransport>& transport) override {
        transport_ = transport;
        if (reader_) reader_->set_transport(transport);
        if (server_) {
            auto& ts = server_->transports;
            if (ts.size() > 2 * server_->active + 16) std::erase_if(ts, [](const auto& w) { return w.expired(); });
            ts.push_back(transport);
        }
        if (!cb_) return;
        StreamWriter writer(transport, shared_from_this(), reader_);
        Task<> task = create_task(*loop_, cb_(*reader_, writer));
        std::weak_ptr<SocketTransport> weak = transport;
        task.add_done_callback([weak, lp = loop_](Task<> t) {
            auto tr = weak.lock();
            if (t.cancelled()) {
                if (tr) tr->close();
                return;
            }
            if (std::exception_ptr exc = t.exception()) {
                lp->call_exception_handler({"Unhandled exception in client_connected_cb", exc});
                if (tr) tr->close();
            }
        });
    }

    void connection_lost(std::exception_ptr exc) override {
        if (reader_) {
            if (exc)
                reader_->set_exception(exc);
            else
                reader_->feed_eof();
        }
        if (!closed_.done()) {
            if (exc) {
                closed_.set_exception(exc);
                closed_.exception();  // retrieved: wait_closed() may never be called
            } else {
                closed_.set_result();
            }
        }
        // FlowControlMixin.connection_lost
        connection_lost_ = true;
        if (paused_) {
            for (auto& w : drain_waiters_) {
                if (w.done()) continue;
                if (exc)
                    w.set_exception(exc);
                else
                    w.set_result();
            }
        }
        transport_.reset();
        if (server_) {
            auto s = std::move(server_);
            s->detach();
        }
    }

    void data_received(std::string_view data) override {
        if (reader_) reader_->feed_data(data);
    }
    bool eof_received() override {
        if (reader_) reader_->feed_eof();
        return true;  // not over SSL: keep the write side open
    }
    void pause_writing() override { paused_ = true; }
    void resume_writing() override {
        paused_ = false;
        for (auto& w : drain_waiters_)
            if (!w.done()) w.set_result();
    }

    // FlowControlMixin._drain_helper
    Coro<> drain_helper() {
        auto self = shared_from_this();
        if (connection_lost_) throw ConnectionResetError("Connection lost");
        if (!paused_) co_return;
        Future<> w = create_future<>(*loop_);
        drain_waiters_.push_back(w);
        std::exception_ptr exc;
        try {
            co_await w;
        } catch (...) {
            exc = std::current_exception();
        }
        std::erase(drain_waiters_, w);
        if (exc) std::rethrow_exception(exc);
    }
    Future<> closed() const { return closed_; }

private:
    EventLoop* loop_;
    std::optional<StreamReader> reader_;
    ClientConnected cb_;
    std::shared_ptr<Server::State> server_;
    std::shared_ptr<SocketTransport> transport_;
    Future<> closed_;
    std::vector<Future<>> drain_waiters_;
    bool paused_ = false;
    bool connection_lost_ = false;
};

}  // namespace detail

// ---- StreamWriter -----------------------------------------------------------

StreamWriter::StreamWriter(std::shared_ptr<SocketTransport> transport, std::shared_ptr<detail::StreamProtocol> protocol,
                           std::optional<StreamReader> reader)
    : transport_(std::move(transport)), protocol_(std::move(protocol)), reader_(std::move(reader)) {}

// StreamWriter.drain (3.13)
Coro<> StreamWriter::drain() {
    if (reader_) {
        if (std::exception_ptr exc = reader_->exception()) std::rethrow_exception(exc);
    }
    auto protocol = protocol_;
    if (transport_->is_closing()) {
        // Yield so that connection_lost() (call_soon'd by close()) runs and
        // the helper below raises ConnectionResetError.
        co_await sleep(0);
    }
    co_await protocol->drain_helper();
}

Coro<> StreamWriter::wait_closed() {
    Future<> closed = protocol_->closed();
    co_await closed;
}

// ---- Server -------------------------------------------------------------------

namespace {

// BaseSelectorEventLoop._accept_connection2
Coro<> accept_connection2(std::shared_ptr<Server::State> st, int conn) {
    EventLoop& loop = *st->loop;
    StreamReader reader(loop, st->limit);
    auto protocol = std::make_shared<detail::StreamProtocol>(loop, reader, st->cb, st);
    Future<> waiter = create_future<>(loop);
    auto transport = SocketTransport::create(loop, conn, protocol, waiter);
    try {
        co_await waiter;
    } catch (...) {
        transport->close();
        throw;
    }
}

// BaseSelectorEventLoop._accept_connection: up to `backlog` accepts per
// readiness event, each connection set up by its own task.
void accept_ready(const std::shared_ptr<Server::State>& st) {
    for (int i = 0; i < st->backlog; ++i) {
        const int conn = ::accept4(st->fd, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (conn < 0) {
            if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR || errno == ECONNABORTED) return;
            st->loop->call_exception_handler({"socket.accept() out of system resource", os_error(errno)});
            return;
        }
        create_task(*st->loop, accept_connection2(st, conn));
    }
}

}  // namespace

void Server::close() {
    if (s_->closed) return;
    s_->closed = true;
    if (s_->serving) s_->loop->remove_reader(s_->fd);  // _stop_serving
    s_->serving = false;
    close_socket(s_->fd);
    s_->fd = -1;
    if (s_->active == 0) s_->wakeup();
}

void Server::close_clients() {
    for (auto& w : s_->transports)
        if (auto t = w.lock()) t->close();
}

Coro<> Server::wait_closed() {
    auto st = s_;
    if (st->woken) co_return;
    Future<> w = create_future<>(*st->loop);
    st->waiters.push_back(w);
    co_await w;
}

bool Server::is_serving() const { return s_->serving; }
int Server::port() const { return s_->port; }
std::vector<int> Server::sockets() const {
    if (s_->fd < 0) return {};
    return {s_->fd};
}

Coro<Server> start_server(ClientConnected client_connected_cb, std::string host, int port, std::size_t limit,
                          int backlog) {
    EventLoop& loop = get_running_loop();
    auto st = std::make_shared<Server::State>();
    st->loop = &loop;
    st->cb = std::move(client_connected_cb);
    st->limit = limit;
    st->backlog = backlog;
    st->fd = create_tcp_listener(host, port, backlog);
    st->port = socket_port(st->fd);
    // Server._start_serving
    st->serving = true;
    std::weak_ptr<Server::State> weak = st;
    loop.add_reader(st->fd, [weak] {
        if (auto s = weak.lock()) accept_ready(s);
    });
    // create_server: "Skip one loop iteration so that all 'loop.add_reader' go through."
    co_await sleep(0);
    co_return Server(st);
}

Coro<std::pair<StreamReader, StreamWriter>> open_connection(std::string host, int port, std::size_t limit) {
    EventLoop& loop = get_running_loop();
    StreamReader reader(loop, limit);
    auto protocol = std::make_shared<detail::StreamProtocol>(loop, reader, nullptr, nullptr);
    const int fd = create_tcp_socket();
    try {
        co_await sock_connect(loop, fd, host, port);
    } catch (...) {
        close_socket(fd);
        throw;
    }
    Future<> waiter = create_future<>(loop);
    auto transport = SocketTransport::create(loop, fd, protocol, waiter);
    try {
        co_await waiter;
    } catch (...) {
        transport->close();
        throw;
    }
    co_return std::make_pair(reader, StreamWriter(transport, protocol, reader));
}

}  // namespace asyncio
