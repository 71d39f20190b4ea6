// Closed-loop load generator for the line echo servers (bench/echo/):
//
//   echo_load --port P [--connections N] [--duration S] [--warmup S] [--size B]
//
// Opens N loopback connections; each sends one B-byte line, waits for the
// whole echo, records the round-trip time and sends the next. One thread,
// epoll, non-blocking sockets. Prints one JSON object: requests/s over the
// measured window and the p50/p99 round-trip latency in microseconds.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

struct Conn {
    int fd = -1;
    std::size_t received = 0;
    std::size_t sent = 0;
    Clock::time_point start;
};

double arg(int argc, char** argv, const char* name, double fallback) {
    for (int i = 1; i + 1 < argc; ++i)
        if (std::strcmp(argv[i], name) == 0) return std::atof(argv[i + 1]);
    return fallback;
}

[[noreturn]] void die(const char* what) {
    std::fprintf(stderr, "echo_load: %s: %s\n", what, std::strerror(errno));
    std::exit(1);
}

}  // namespace

int main(int argc, char** argv) {
    const int port = static_cast<int>(arg(argc, argv, "--port", 8888));
    const int nconn = static_cast<int>(arg(argc, argv, "--connections", 1));
    const double duration = arg(argc, argv, "--duration", 2.0);
    const double warmup = arg(argc, argv, "--warmup", 0.5);
    const auto size = static_cast<std::size_t>(arg(argc, argv, "--size", 64));

    std::string msg(size - 1, 'x');
    msg += '\n';

    const int ep = epoll_create1(0);
    std::vector<Conn> conns(static_cast<std::size_t>(nconn));
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
    for (int i = 0; i < nconn; ++i) {
        const int fd = socket(AF_INET, SOCK_STREAM, 0);
        if (fd < 0) die("socket");
        if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) < 0) die("connect");
        const int one = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        conns[static_cast<std::size_t>(i)].fd = fd;
        epoll_event ev{};
        ev.events = EPOLLIN;
        ev.data.u32 = static_cast<std::uint32_t>(i);
        epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
    }

    auto send_request = [&](Conn& c) {
        c.start = Clock::now();
        c.received = 0;
        c.sent = 0;
        while (c.sent < msg.size()) {
            const ssize_t n = send(c.fd, msg.data() + c.sent, msg.size() - c.sent, MSG_NOSIGNAL);
            if (n < 0) die("send");
            c.sent += static_cast<std::size_t>(n);
        }
    };

    std::vector<double> latencies_us;
    latencies_us.reserve(1 << 20);
    const Clock::time_point t0 = Clock::now();
    const Clock::time_point measure_from =
        t0 + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(warmup));
    const Clock::time_point end =
        measure_from + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(duration));
    for (auto& c : conns) send_request(c);

    std::vector<epoll_event> events(static_cast<std::size_t>(std::max(nconn, 1)));
    std::vector<char> buf(1 << 16);
    std::size_t measured = 0;
    while (true) {
        const Clock::time_point now = Clock::now();
        if (now >= end) break;
        const int n = epoll_wait(ep, events.data(), static_cast<int>(events.size()), 100);
        if (n < 0) {
            if (errno == EINTR) continue;
            die("epoll_wait");
        }
        for (int i = 0; i < n; ++i) {
            Conn& c = conns[events[static_cast<std::size_t>(i)].data.u32];
            const ssize_t r = recv(c.fd, buf.data(), buf.size(), 0);
            if (r <= 0) die("recv (server closed the connection?)");
            c.received += static_cast<std::size_t>(r);
            if (c.received < msg.size()) continue;
            const Clock::time_point done = Clock::now();
            if (c.start >= measure_from && done <= end) {
                latencies_us.push_back(std::chrono::duration<double, std::micro>(done - c.start).count());
                ++measured;
            }
            send_request(c);
        }
    }
    for (auto& c : conns) close(c.fd);
    close(ep);

    std::sort(latencies_us.begin(), latencies_us.end());
    auto pct = [&](double p) {
        if (latencies_us.empty()) return 0.0;
        const auto idx = static_cast<std::size_t>(p * static_cast<double>(latencies_us.size() - 1));
        return latencies_us[idx];
    };
    std::printf(
        "{\"connections\": %d, \"size\": %zu, \"duration\": %.3f, \"requests\": %zu, \"rps\": %.1f, "
        "\"p50_us\": %.1f, \"p99_us\": %.1f}\n",
        nconn, size, duration, measured, static_cast<double>(measured) / duration, pct(0.50), pct(0.99));
    return 0;
}
