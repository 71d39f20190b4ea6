"""A loop author's loop module, as asyncspec sees it: a factory that returns
a new event loop (an asyncio.AbstractEventLoop). This sample returns
asyncio's own loop; in your repository the factory builds yours.

    asyncspec check --loop-factory myloop:new_loop
    pytest -p asyncspec --asyncspec-loop-factory=myloop:new_loop

The module is imported from the directory the command runs in (no
PYTHONPATH needed), then from the interpreter's own sys.path.
"""

import asyncio


def new_loop():
    return asyncio.new_event_loop()
