// A line echo server on the reference's streams (asyncio.start_server):
//
//   echo_server [port]          (default 8888; 0 picks a free port)
//
// Prints "listening on 127.0.0.1:<port>" once serving, then echoes every
// line back to its sender until killed. bench/echo/ drives it against the
// same server written with CPython asyncio and uvloop.
#include <cstdio>
#include <cstdlib>
#include <string>

#include "asyncio/asyncio.hpp"

namespace {

using namespace asyncio;

Coro<> handle_client(StreamReader reader, StreamWriter writer) {
    try {
        while (true) {
            std::string line = co_await reader.readline();
            if (line.empty()) break;  // EOF
            writer.write(line);
            co_await writer.drain();
        }
    } catch (const ConnectionError&) {
        // the client went away
    }
    writer.close();
}

Coro<> serve(int port) {
    Server server = co_await start_server(handle_client, "127.0.0.1", port);
    std::printf("listening on 127.0.0.1:%d\n", server.port());
    std::fflush(stdout);
    co_await server.wait_closed();  // until the process is killed
}

}  // namespace

int main(int argc, char** argv) {
    const int port = argc > 1 ? std::atoi(argv[1]) : 8888;
    asyncio::run(serve(port));
    return 0;
}
