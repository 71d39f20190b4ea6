"""The line echo server of examples/echo_server.cpp, written with asyncio
streams, for CPython's asyncio or uvloop:

    python3 echo_server.py [--uvloop] [port]

Prints "listening on 127.0.0.1:<port>" once serving."""
import asyncio
import sys


async def handle_client(reader, writer):
    try:
        while True:
            line = await reader.readline()
            if not line:
                break
            writer.write(line)
            await writer.drain()
    except ConnectionError:
        pass
    writer.close()


async def main(port):
    server = await asyncio.start_server(handle_client, "127.0.0.1", port)
    print("listening on 127.0.0.1:%d" % server.sockets[0].getsockname()[1], flush=True)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "--uvloop"]
    port = int(args[0]) if args else 8888
    if "--uvloop" in sys.argv:
        import uvloop
        uvloop.run(main(port)) if hasattr(uvloop, "run") else (uvloop.install(), asyncio.run(main(port)))
    else:
        asyncio.run(main(port))
