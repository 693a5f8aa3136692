#!/usr/bin/env python3
"""facsim as a TRL `environment_factory` for GRPOTrainer (TRL's "environments" mode).

The contract, as TRL's docs/source/openenv.md ("How environment_factory works") and
trl/trainer/grpo_trainer.py state it: the trainer calls the class with no arguments (one
instance per rollout, pooled and reused), calls `reset(**row)` with the dataset row's columns
at the start of each episode (a returned string is appended to the last user message), exposes
every other public method as a tool (schema from its type hints and Google-style docstring with
`Args:`), feeds a tool's exception back to the model as the tool's error, and scores rollouts
with reward functions `reward_func(environments, **kwargs) -> list[float]` that read the
instances' state. So helpers here are private (`_act`): anything public becomes a tool.
Reward is a plain `reward_func` rather than TRL's newer `get_reward` hook, which older TRL
releases would expose as a tool.

Each instance is one OpenEnv session with `facsim serve` (a WebSocket at /ws; messages
reset/step/close as rpc/openenv.h describes). The model sees text: the task's instruction and
the on-screen part of the accessibility tree, each element with its box "(x,y wxh)" in pixels.
The tools are the pointer and the keyboard, and `answer` for tasks that ask a question (an answer
before a task's goal holds is a failure, never a shortcut).

    build/release/cli/facsim serve --port 8765 &
    python3 examples/trl_environment_factory.py [ws://127.0.0.1:8765/ws]   # self-check, no trl
    python3 examples/trl_environment_factory.py --train Qwen/Qwen3-1.7B    # needs trl, a GPU

Needs python3-websockets (the sync client of websockets >= 11, else its asyncio client on a
private loop: Debian 12 ships 10.4); training needs trl and datasets, which Debian lacks, so
this is not run in CI.
"""
from __future__ import annotations

import asyncio
import atexit
import json
import os
import re
import sys

import websockets

try:
    from websockets.sync.client import connect as _sync_connect  # websockets >= 11
except ImportError:
    _sync_connect = None

FACSIM_WS = os.environ.get("FACSIM_WS", "ws://127.0.0.1:8765/ws")  # read by every new session
MAX_OBS_CHARS = 8000  # what one observation may cost the model's context
_BOX = re.compile(r"\((-?\d+),(-?\d+) (\d+)x(\d+)\)$")


def _on_screen(a11y: str, height: int) -> str:
    """The accessibility tree's lines whose box shows in the window (the rest is scrolled away)."""
    def shows(line: str) -> bool:
        m = _BOX.search(line)
        return not m or (int(m[2]) < height and int(m[2]) + int(m[4]) > 0)
    return "\n".join(line for line in a11y.splitlines() if shows(line))


class _Session:
    """One WebSocket, one OpenEnv session: request() sends a message and returns its reply's data."""

    def __init__(self, url: str):
        self._loop = None
        if _sync_connect is not None:
            self._ws = _sync_connect(url, max_size=None)
        else:  # made on the loop, which runs only during requests: no keepalive pings
            async def open_():
                return await websockets.connect(url, max_size=None, ping_interval=None)
            self._loop = asyncio.new_event_loop()
            self._ws = self._loop.run_until_complete(open_())
        _SESSIONS.add(self)

    def _do(self, method: str, *args):  # the same call on either client
        result = getattr(self._ws, method)(*args)
        return self._loop.run_until_complete(result) if self._loop else result

    def request(self, message: dict) -> dict:
        self._do("send", json.dumps(message))
        reply = json.loads(self._do("recv"))
        if reply["type"] == "error":
            raise ValueError(f"{reply['data']['code']}: {reply['data']['message']}")
        return reply["data"]

    def close(self) -> None:
        if self._ws is None:
            return
        try:
            self._do("send", json.dumps({"type": "close"}))
            self._do("close")
        except (OSError, websockets.exceptions.ConnectionClosed):
            pass
        finally:
            self._ws = None
            _SESSIONS.discard(self)
            if self._loop:
                self._loop.close()


_SESSIONS = set()  # sessions open, closed at exit (the trainer keeps its envs to the end)
atexit.register(lambda: [s.close() for s in list(_SESSIONS)])


class FacsimEnv:
    """One facsim episode per rollout. State for reward functions: reward (the episode's
    return), done, observation (the last observation dict)."""

    def __init__(self):
        self._session = None
        self.reward, self.done, self.observation = 0.0, False, {}

    def reset(self, **kwargs) -> str:
        """Starts the episode the dataset row names (columns "task" and "seed")."""
        data = {"task": kwargs.get("task", "mail.open_email"), "seed": int(kwargs.get("seed", 1)),
                "screenshot": "none", "a11y": True}
        for attempt in (0, 1):  # a session the server closed (idle for 5 minutes): open a new one
            try:
                self._session = self._session or _Session(FACSIM_WS)
                reply = self._session.request({"type": "reset", "data": data})
                break
            except (OSError, websockets.exceptions.ConnectionClosed):
                self._close()
                if attempt:
                    raise
        self.reward, self.done = 0.0, False
        return self._observe(reply)

    def click(self, x: int, y: int) -> str:
        """Clicks the left mouse button at a point of the screen; returns the screen afterwards.

        Args:
            x: Horizontal pixel coordinate, 0 at the left edge.
            y: Vertical pixel coordinate, 0 at the top edge.
        """
        return self._act({"kind": "click", "x": int(x), "y": int(y)})

    def type_text(self, text: str) -> str:
        """Types text into the focused field (click it first); returns the screen afterwards.

        Args:
            text: The characters to type.
        """
        return self._act({"kind": "type", "text": text})

    def press(self, key: str) -> str:
        """Presses a key or a key combination; returns the screen afterwards.

        Args:
            key: A key name such as "Enter", "Tab", "Escape", "Backspace" or "ArrowDown", or a
                combination such as "Control+a".
        """
        return self._act({"kind": "key", "key": key})

    def scroll(self, x: int, y: int, direction: str) -> str:
        """Scrolls what is under a point by three wheel clicks; returns the screen afterwards.

        Args:
            x: Horizontal pixel coordinate of the point.
            y: Vertical pixel coordinate of the point.
            direction: "down" to see what is further down, "up" to go back.
        """
        if direction not in ("up", "down"):
            raise ValueError('direction must be "up" or "down"')
        dy = 300 if direction == "down" else -300  # pixels: three wheel clicks
        return self._act({"kind": "scroll", "x": int(x), "y": int(y), "dy": dy})

    def answer(self, text: str) -> str:
        """Ends the episode with an answer, for tasks that ask a question.

        Args:
            text: The answer, as short as the question allows (a number, a name, a date).
        """
        return self._act({"kind": "answer", "text": text})

    def _act(self, action: dict) -> str:
        if self._session is None or self.done:
            raise ValueError("The episode is over: stop calling tools.")
        reply = self._session.request({"type": "step", "data": action})
        self.reward += float(reply["reward"])
        self.done = bool(reply["done"])
        return self._observe(reply)

    def _observe(self, reply: dict) -> str:
        obs = self.observation = reply["observation"]
        lines = [f"Task: {obs['instruction']}"]
        if obs.get("error"):
            lines.append(f"Error: {obs['error']}")
        if reply["done"]:
            lines.append("The episode is over: " + ("success." if obs.get("success") else "failure."))
        lines += [f"Screen {obs.get('width')}x{obs.get('height')}, visible elements (boxes: (x,y wxh)):",
                  _on_screen(obs.get("a11y", ""), int(obs.get("height", 800)))]
        return "\n".join(lines)[:MAX_OBS_CHARS]

    def _close(self) -> None:
        if self._session is not None:
            self._session.close()
            self._session = None


def reward_func(environments, **kwargs) -> list[float]:
    """Each rollout's return: 1.0 when its facsim task ended in success (sparse reward)."""
    return [env.reward for env in environments]


PROMPT = ("You operate a computer through tools. Screen coordinates are pixels. Each tool returns "
          "the task and the visible elements with their boxes (x,y wxh): click inside a box to use it. "
          "Stop calling tools once the task is done.")


def train(model: str) -> None:
    try:
        from datasets import Dataset
        from trl import GRPOConfig, GRPOTrainer
    except ImportError:
        sys.exit("training needs trl and datasets: pip install trl datasets")
    tasks = ["mail.open_email", "mail.star_email"]
    rows = [(t, s) for s in range(256) for t in tasks]
    dataset = Dataset.from_dict({"prompt": [[{"role": "user", "content": PROMPT}]] * len(rows),
                                 "task": [t for t, _ in rows], "seed": [s for _, s in rows]})
    trainer = GRPOTrainer(model=model, train_dataset=dataset, reward_funcs=reward_func,
                          environment_factory=FacsimEnv,
                          args=GRPOConfig(max_completion_length=8192, num_generations=4,
                                          chat_template_kwargs={"enable_thinking": False}))
    trainer.train()


def self_check(url: str) -> None:
    """One episode by hand, the way the trainer drives it: reset, tools, reward_func."""
    global FACSIM_WS
    FACSIM_WS = url
    env = FacsimEnv()
    try:
        text = env.reset(task="mail.open_email", seed=1, prompt=[])
        print("\n".join(text.splitlines()[:3]))
        env.scroll(760, 500, "down")
        text = env.scroll(760, 500, "up")
        subject = re.search(r'"([^"]+)"', env.observation["instruction"])[1]  # the email to open
        row = next(line for line in text.splitlines() if "listitem" in line and subject in line)
        x, y, w, h = map(int, _BOX.search(row).groups())
        text = env.click(x + w // 2, y + h // 2)
        print("\n".join(text.splitlines()[:3]))
        print("reward_func:", reward_func([env]), "done:", env.done)
    finally:
        env._close()


if __name__ == "__main__":
    if sys.argv[1:2] == ["--train"]:
        train(sys.argv[2] if len(sys.argv) > 2 else "Qwen/Qwen3-1.7B")
    else:
        self_check(sys.argv[1] if len(sys.argv) > 1 else FACSIM_WS)
