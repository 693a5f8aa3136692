#!/usr/bin/env python3
"""OpenEnv's session protocol against `facsim serve`'s /ws, with a client written from the
protocol (Meta's OpenEnv, core/env_server: {"type": "reset"|"step"|"state"|"close"|"mcp",
"data": ...}) on Debian's python3-websockets: an episode solved through observations, snapshot
and restore, an MCP message inside the session, a string action, and bad messages answered
with OpenEnv's error codes while the session goes on.

Usage: test_openenv.py <path to facsim>
"""
import asyncio
import base64
import json
import re
import subprocess
import sys
import urllib.error
import urllib.request

try:
    import websockets
except ImportError:  # pyenv and the like: Debian's python3 has python3-websockets
    import os
    if sys.executable != "/usr/bin/python3" and os.path.exists("/usr/bin/python3"):
        os.execv("/usr/bin/python3", ["/usr/bin/python3"] + sys.argv)
    raise


def centre(a11y, key):
    for line in a11y.split("\n"):
        m = re.search(r"#(\S+) \((-?\d+),(-?\d+) (\d+)x(\d+)\)", line)
        if m and m.group(1) == key:
            return [int(m.group(2)) + int(m.group(4)) // 2, int(m.group(3)) + int(m.group(5)) // 2]
    raise AssertionError("no element " + key)


async def session(port):
    async with websockets.connect(f"ws://127.0.0.1:{port}/ws", max_size=64 << 20) as ws:
        async def send(msg):
            await ws.send(msg if isinstance(msg, str) else json.dumps(msg))
            return json.loads(await ws.recv())

        # Nothing yet: state and step before a reset are errors, not crashes.
        r = await send({"type": "state"})
        assert r["type"] == "error" and r["data"]["code"] == "VALIDATION_ERROR", r
        r = await send({"type": "reset", "data": {"task": "banking.freeze_card", "seed": 5, "a11y": True,
                                                  "screenshot": "jpeg", "width": 1024, "height": 700}})
        assert r["type"] == "observation", r
        obs = r["data"]["observation"]
        assert obs["screenshot_format"] == "jpeg" and base64.b64decode(obs["screenshot"])[:2] == b"\xff\xd8"
        assert (obs["width"], obs["height"]) == (1024, 700)
        assert r["data"]["done"] is False and obs["step"] == 0
        last4 = re.search(r"\b(\d{4})\b", obs["instruction"]).group(1)
        r = await send({"type": "snapshot", "data": {"name": "start"}})
        assert r["type"] == "snapshot" and r["data"]["step"] == 0, r
        x, y = centre(obs["a11y"], "banking/nav:cards")
        r = await send({"type": "step", "data": {"action": f"pyautogui.click({x}, {y})"}})  # a string dialect
        assert r["type"] == "observation" and r["data"]["observation"]["step"] == 1, r
        a11y = r["data"]["observation"]["a11y"]
        row = next(l for l in a11y.split("\n") if f"ending {last4}" in l and "#banking/card:" in l)
        card = re.search(r"#banking/card:(\d+)", row).group(1)
        x, y = centre(a11y, f"banking/freeze:{card}")
        r = await send({"type": "step", "data": {"action": "left_click", "coordinate": [x, y]}})
        assert r["data"]["done"] is True and r["data"]["reward"] > 0 and r["data"]["observation"]["success"] is True, r["data"]
        r = await send({"type": "state"})
        assert r["data"]["step_count"] == 2 and r["data"]["done"] is True, r
        # An episode over takes no more steps: an error, the world as it was.
        r = await send({"type": "step", "data": {"action": "left_click", "coordinate": [5, 5]}})
        assert r["type"] == "error", r
        # Back to the start; an MCP call inside the session acts on its env.
        r = await send({"type": "restore", "data": {"snapshot": "start"}})
        assert r["type"] == "observation" and r["data"]["observation"]["step"] == 0 and r["data"]["done"] is False, r
        r = await send({"type": "mcp", "data": {"jsonrpc": "2.0", "id": 7, "method": "tools/call",
                                                "params": {"name": "get_reward", "arguments": {}}}})
        assert r["type"] == "mcp" and r["data"]["id"] == 7, r
        assert r["data"]["result"]["structuredContent"]["step"] == 0, r
        r = await send({"type": "fork"})
        assert r["type"] == "fork" and r["data"]["env"] > 0, r
        # Bad messages: OpenEnv's codes, and the session goes on.
        for msg, code in [("{oops", "INVALID_JSON"), ({"type": "jump"}, "UNKNOWN_TYPE"), ([1, 2], "VALIDATION_ERROR"),
                          ({"type": "step"}, "VALIDATION_ERROR"), ({"type": "reset", "data": {"colour": "red"}}, "VALIDATION_ERROR"),
                          ({"type": "step", "data": {"action": "key", "text": "NoSuchKey"}}, "VALIDATION_ERROR"),
                          ({"type": "reset", "data": {"task": "no.such.task"}}, "VALIDATION_ERROR"),
                          ({"type": "reset", "data": {"screenshot": "bmp"}}, "VALIDATION_ERROR")]:
            r = await send(msg)
            assert r["type"] == "error" and r["data"]["code"] == code, (msg, r)
        r = await send({"type": "state"})
        assert r["type"] == "state" and r["data"]["step_count"] == 0, r
        await ws.send(json.dumps({"type": "close"}))
        try:
            await asyncio.wait_for(ws.recv(), 5)
            raise AssertionError("a reply to close")
        except websockets.ConnectionClosed:
            pass


def http_session(port):
    """OpenEnv's HTTP routes with a session: POST /reset hands out X-Session-Id."""
    def call(method, path, body=None, sid=None):
        req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", method=method,
                                     data=None if body is None else json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json", **({"X-Session-Id": sid} if sid else {})})
        try:
            with urllib.request.urlopen(req, timeout=30) as r:
                return r.status, r.headers.get("X-Session-Id"), json.loads(r.read())
        except urllib.error.HTTPError as e:
            return e.code, None, json.loads(e.read())

    st, sid, r = call("POST", "/reset", {"task": "banking.freeze_card", "seed": 2, "a11y": True, "screenshot": "none"})
    assert st == 200 and sid and set(r) == {"observation", "reward", "done"}, (st, sid, r)
    obs = r["observation"]
    last4 = re.search(r"\b(\d{4})\b", obs["instruction"]).group(1)
    st, _, r = call("POST", "/step", {"action": {"action": "left_click", "coordinate": centre(obs["a11y"], "banking/nav:cards")}}, sid)
    assert st == 200 and r["observation"]["step"] == 1, r
    a11y = r["observation"]["a11y"]
    row = next(l for l in a11y.split("\n") if f"ending {last4}" in l and "#banking/card:" in l)
    card = re.search(r"#banking/card:(\d+)", row).group(1)
    st, _, r = call("POST", "/step", {"action": {"action": "left_click", "coordinate": centre(a11y, f"banking/freeze:{card}")}}, sid)
    assert st == 200 and r["done"] is True and r["reward"] > 0, r
    st, _, r = call("GET", "/state", None, sid)
    assert st == 200 and r["step_count"] == 2, r
    # Without a session, with an unknown one, with a bad action: errors, nothing moves.
    assert call("POST", "/step", {"action": {"kind": "noop"}})[0] == 400
    assert call("POST", "/step", {"action": {"kind": "noop"}}, "nope")[0] == 404
    st, _, r = call("POST", "/reset", {"colour": "red"}, sid)
    assert st == 400 and r["error"]["code"] == "VALIDATION_ERROR", r
    st, _, r = call("GET", "/state", None, sid)
    assert r["step_count"] == 2, r
    # A new episode in the same session.
    st, sid2, r = call("POST", "/reset", {"seed": 3}, sid)
    assert st == 200 and sid2 == sid and r["observation"]["step"] == 0 and r["done"] is False, r
    # Its env closed (or expired): the session goes with it.
    envs = json.loads(urllib.request.urlopen(f"http://127.0.0.1:{port}/envs", timeout=30).read())
    for e in envs:
        if e["task"] == "banking.freeze_card" and e["seed"] == 3:
            urllib.request.urlopen(urllib.request.Request(f"http://127.0.0.1:{port}/envs/{e['id']}", method="DELETE"), timeout=30)
    assert call("GET", "/state", None, sid)[0] == 404


def main():
    facsim = sys.argv[1]
    server = subprocess.Popen([facsim, "serve", "--port", "0", "--threads", "2"], stdout=subprocess.PIPE, text=True)
    try:
        line = server.stdout.readline()
        port = int(re.search(r":(\d+) ", line).group(1))
        asyncio.run(session(port))
        http_session(port)
        print("openenv (python websockets, and HTTP sessions): ok")
    finally:
        server.terminate()
        server.wait(10)


if __name__ == "__main__":
    main()
