#!/usr/bin/env python3
"""facsim as a SkyRL-Gym text environment (BaseTextEnv), one facsim episode per trajectory.

The contract, as SkyRL's skyrl-gym/skyrl_gym/envs/base_text_env.py, skyrl-gym/skyrl_gym/core.py
and docs/content/docs/tutorials/new_env.mdx state it, and as skyrl/train/generators/
skyrl_gym_generator.py drives it: the generator builds the env with
`skyrl_gym.make(env_class, env_config=..., extras=row)` (extras: the dataset row's columns other
than "prompt" and "env_class", plus "max_turns"), calls `init(prompt)` for the first chat
messages and metadata, then `step(action)` with each model response (a string) until `done`;
step returns a BaseTextEnvStepOutput: observations (chat messages to append), reward (this
turn's), done, metadata. Then `close()`.

Here the action is text with a pyautogui call block (or one JSON computer action, e.g.
{"action": "left_click", "coordinate": [x, y]}), sent as it is to `facsim serve` over HTTP
with rpc/python/facsim_client.py; the server detects the dialect. (A SkyRL-Gym env is a plain
Python object in the generator's process, so any transport will do: HTTP is the shortest.)
The observation is text: the task and the on-screen accessibility tree with pixel boxes.

    build/release/cli/facsim serve --port 8765 &
    python3 examples/skyrl_env.py [http://127.0.0.1:8765]     # self-check, no skyrl needed

For training, register it inside SkyRL's entrypoint (see new_env.mdx) and give rows an
env_class, a task and a seed:
    register(id="facsim", entry_point="examples.skyrl_env:FacsimEnv")
    {"prompt": [...], "env_class": "facsim", "task": "mail.open_email", "seed": 1}
the server's URL as the env config's "url" (skyrl_gym.facsim.url), and generator.max_turns
(SkyRL passes it in extras; 12 when absent). SkyRL is not a Debian package, so this is not run
in CI.
"""
from __future__ import annotations

import json
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "rpc", "python"))
from facsim_client import Client, FacsimError  # noqa: E402

try:
    from skyrl_gym.envs.base_text_env import BaseTextEnv, BaseTextEnvStepOutput
except ImportError:  # the same shape, for running without SkyRL
    class BaseTextEnv:
        def __init__(self):
            self.turns, self.max_turns = 0, 1

        def close(self):
            pass

    BaseTextEnvStepOutput = dict

FACSIM_URL = os.environ.get("FACSIM_URL", "http://127.0.0.1:8765")
MAX_OBS_CHARS = 8000
ACTION_HELP = ("Reply with your next action as a ```python block of pyautogui calls: "
               "pyautogui.click(x, y), pyautogui.write('text'), pyautogui.press('enter'), "
               "pyautogui.hotkey('ctrl', 'a'), pyautogui.scroll(-3, x=640, y=400) (negative: down). "
               "Coordinates are screen pixels; click inside an element's box (x,y wxh) to use it.")
_BOX = re.compile(r"\((-?\d+),(-?\d+) (\d+)x(\d+)\)$")


def _on_screen(a11y: str, height: int) -> list[str]:
    """The accessibility tree's lines whose box shows in the window (the rest is scrolled away)."""
    def shows(line: str) -> bool:
        m = _BOX.search(line)
        return not m or (int(m[2]) < height and int(m[2]) + int(m[4]) > 0)
    return [line for line in a11y.splitlines() if shows(line)]


def parse_action(text: str):
    """The action in a model's reply: its pyautogui lines (from the last ```python block, else
    from the whole text), else the outermost JSON object in it, else None."""
    blocks = re.findall(r"```(?:python|json)?\s*\n(.*?)```", text, re.S)
    body = blocks[-1] if blocks else text
    calls = [line.strip() for line in body.splitlines() if line.strip().startswith("pyautogui.")]
    if calls:
        return "\n".join(calls)  # several lines: one step
    start, end = body.find("{"), body.rfind("}")
    try:
        action = json.loads(body[start:end + 1]) if 0 <= start < end else None
    except ValueError:
        return None
    return action if isinstance(action, dict) else None


class FacsimEnv(BaseTextEnv):
    def __init__(self, env_config=None, extras=None):
        super().__init__()
        extras = extras or {}
        url = env_config.get("url") if hasattr(env_config, "get") else None
        self.client = Client(url or FACSIM_URL)
        self.task, self.seed = extras.get("task", "mail.open_email"), int(extras.get("seed", 1))
        self.max_turns = int(extras.get("max_turns") or 12)
        self.env, self.height, self.success = None, 800, False

    def init(self, prompt):
        self.env = self.client.create(self.task, self.seed)
        self.height = int(self.env.info()["height"])
        text = self._observe(self.env.observation) + "\n\n" + ACTION_HELP
        if prompt and prompt[-1]["role"] == "user":  # one user turn, not two in a row
            prompt = prompt[:-1] + [{**prompt[-1], "content": prompt[-1]["content"] + "\n\n" + text}]
        else:
            prompt = list(prompt) + [{"role": "user", "content": text}]
        return prompt, {"task": self.task, "seed": self.seed, "instruction": self.env.instruction}

    def step(self, action: str) -> BaseTextEnvStepOutput:
        self.turns += 1
        parsed, obs, error = parse_action(action), None, ""
        if parsed is None:
            error = "No action found in your reply. " + ACTION_HELP
        else:
            try:
                obs = self.env.step(parsed)
            except FacsimError as e:  # a malformed action: no step spent, the model hears why
                if e.status != 400:
                    raise
                error = e.message
        reward = float(obs["reward"]) if obs else 0.0
        self.success = bool(obs and obs["success"])
        done = bool(obs and obs["done"]) or self.turns >= self.max_turns
        text = (f"Error: {error}\n" if error else "") + self._observe(obs or self.env.observation)
        return BaseTextEnvStepOutput(
            observations=[] if done else [{"role": "user", "content": text}],
            reward=reward, done=done, postprocessed_action=None,
            metadata={"action": parsed, "error": error, "step": (obs or self.env.observation).get("step"),
                      "success": self.success})

    def _observe(self, obs: dict) -> str:
        lines = [f"Task: {self.env.instruction}"]
        if obs.get("error"):
            lines.append(f"Error: {obs['error']}")
        if obs.get("done"):
            lines.append("The episode is over: " + ("success." if obs.get("success") else "failure."))
        lines.append("Visible elements (boxes: (x,y wxh)):")
        lines += _on_screen(self.env.a11y(), self.height)
        return "\n".join(lines)[:MAX_OBS_CHARS]

    def get_metrics(self) -> dict:
        return {"success": float(self.success), "turns": self.turns}

    def close(self):
        if self.env is not None:
            try:
                self.env.close()
            except (FacsimError, OSError):
                pass
            self.env = None
        self.client.close()


def self_check(url: str) -> None:
    """One trajectory by hand, the way SkyRL's generator drives it: init, step.., close."""
    env = FacsimEnv({"url": url}, {"task": "mail.open_email", "seed": 1, "max_turns": 8})
    try:
        prompt, meta = env.init([{"role": "user", "content": "You operate a computer."}])
        print("init:", meta)
        print("\n".join(prompt[-1]["content"].splitlines()[:3]))
        out = env.step("I am not sure what to do.")
        feedback = out["observations"][0]["content"].splitlines()[0]
        print("no action ->", feedback[:90], out["reward"], out["done"])
        out = env.step("Look around first.\n```python\npyautogui.scroll(-3, x=760, y=500)\n"
                       "pyautogui.scroll(3, x=760, y=500)\n```")
        print("scroll ->", out["metadata"]["step"], out["reward"], out["done"])
        subject = re.search(r'"([^"]+)"', env.env.instruction)[1]  # the email to open
        row = next(line for line in out["observations"][0]["content"].splitlines()
                   if "listitem" in line and subject in line)
        x, y, w, h = map(int, _BOX.search(row).groups())
        out = env.step(f'Opening it.\n{{"action": "left_click", "coordinate": [{x + w // 2}, {y + h // 2}]}}')
        print("click ->", out["metadata"])
        print("reward:", out["reward"], "done:", out["done"], "metrics:", env.get_metrics())
    finally:
        env.close()


if __name__ == "__main__":
    self_check(sys.argv[1] if len(sys.argv) > 1 else FACSIM_URL)
