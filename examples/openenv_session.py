#!/usr/bin/env python3
"""One OpenEnv session with facsim by hand: the messages OpenEnv's EnvClient sends to /ws
(reset, step, state, close), with Debian's python3-websockets. Not run in CI
(tests/test_openenv.py tests the protocol).

    build/release/cli/facsim serve --port 8765 &
    python3 examples/openenv_session.py
"""
import asyncio
import base64
import json

import websockets


async def main():
    async with websockets.connect("ws://127.0.0.1:8765/ws?task=banking.freeze_card", max_size=1 << 26) as ws:
        async def send(msg):
            await ws.send(json.dumps(msg))
            return json.loads(await ws.recv())

        r = await send({"type": "reset", "data": {"seed": 3, "a11y": True}})
        obs = r["data"]["observation"]
        print("instruction:", obs["instruction"])
        print("frame:", len(base64.b64decode(obs["screenshot"])), "bytes of", obs["screenshot_format"])
        r = await send({"type": "step", "data": {"action": "left_click", "coordinate": [60, 370]}})
        print("reward", r["data"]["reward"], "done", r["data"]["done"])
        print("state", (await send({"type": "state"}))["data"])
        await ws.send(json.dumps({"type": "close"}))


asyncio.run(main())
