"""facsim_client: a tiny stdlib-only client for `facsim serve` (see rpc/rpc.h for the API).

    from facsim_client import Client
    env = Client("http://127.0.0.1:8765").create("mail.open_email", seed=1)
    obs = env.click(640, 300)          # the observation dict: step, hash, reward, done, ...
    png = env.screenshot()             # PNG bytes
    env.snapshot("start"); ...; env.restore("start")   # copy-on-write, microseconds
"""
from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import Any, Optional

__all__ = ["Client", "Env", "FacsimError"]


class FacsimError(Exception):
    """A 4xx/5xx reply: `status` (HTTP), `code` (e.g. "not_found"), `message`."""

    def __init__(self, status: int, code: str, message: str):
        super().__init__(f"{status} {code}: {message}")
        self.status, self.code, self.message = status, code, message


class Client:
    """One facsim server, e.g. Client("http://127.0.0.1:8765")."""

    def __init__(self, base_url: str = "http://127.0.0.1:8765", timeout: float = 60.0):
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout

    def request(self, method: str, path: str, body: Optional[dict] = None) -> bytes:
        """Sends one request; returns the raw reply body or raises FacsimError."""
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.base_url + path, data=data, method=method)
        if data is not None:
            req.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as res:
                return res.read()
        except urllib.error.HTTPError as e:
            raw = e.read()
            try:
                err = json.loads(raw)["error"]
                code, message = str(err["code"]), str(err["message"])
            except (ValueError, KeyError, TypeError):
                code, message = "http_error", raw.decode(errors="replace")
            raise FacsimError(e.code, code, message) from None

    def json(self, method: str, path: str, body: Optional[dict] = None) -> Any:
        return json.loads(self.request(method, path, body))

    def tasks(self) -> list[dict]:
        """[{"name", "summary", "max_steps"}, ...]"""
        return self.json("GET", "/tasks")

    def create(self, task: str, seed: int, width: Optional[int] = None,
               height: Optional[int] = None, appearance: Optional[str] = None,
               set_of_marks: bool = False, app: Optional[str] = None,
               route: Optional[str] = None) -> "Env":
        """A new env on `task` with `seed` (window 1280x800 unless given). appearance: light
        (default), dark or seeded; set_of_marks numbers the clickable elements in frames and
        in a11y(). task "" with app (and route): the app alone, no task."""
        body: dict = {"task": task, "seed": seed}
        if app:
            body["app"] = app
        if route:
            body["route"] = route
        if appearance:
            body["appearance"] = appearance
        if set_of_marks:
            body["set_of_marks"] = True
        return self._new_env(body, width, height)

    def from_snapshot(self, name: str, width: Optional[int] = None,
                      height: Optional[int] = None) -> "Env":
        """A new env that starts as snapshot `name` (taken from any env)."""
        return self._new_env({"snapshot": name}, width, height)

    def _new_env(self, body: dict, width: Optional[int], height: Optional[int]) -> "Env":
        if width is not None:
            body["width"] = width
        if height is not None:
            body["height"] = height
        r = self.json("POST", "/envs", body)
        return Env(self, r["id"], r["instruction"], r["observation"])

    def snapshots(self) -> list[dict]:
        """[{"snapshot", "task", "seed", "step", "bytes"}, ...]"""
        return self.json("GET", "/snapshots")

    def drop_snapshot(self, name: str) -> None:
        self.request("DELETE", f"/snapshots/{name}")


class Env:
    """One server-side env. `observation` is the latest observation dict."""

    def __init__(self, client: Client, id: int, instruction: str, observation: dict):
        self.client, self.id = client, id
        self.instruction, self.observation = instruction, observation

    def __repr__(self) -> str:
        return f"Env(id={self.id}, step={self.observation.get('step')})"

    def _path(self, sub: str = "") -> str:
        return f"/envs/{self.id}{sub}"

    def step(self, action: dict) -> dict:
        """Applies one action ({"kind": "click", "x": .., "y": ..}); returns the observation.
        A failed action is not an exception: observation["error"] says why."""
        self.observation = self.client.json("POST", self._path("/step"), {"action": action})[
            "observation"]
        return self.observation

    def click(self, x: int, y: int, button: str = "left", mods: str = "") -> dict:
        """button: left | middle | right; mods: e.g. "ctrl+shift". Two clicks within 500
        virtual ms at one spot are a double click."""
        a = {"kind": "click", "x": x, "y": y, "button": button}
        if mods:
            a["mods"] = mods
        return self.step(a)

    def down(self, x: int, y: int, button: str = "left", mods: str = "") -> dict:
        """Press without releasing: then move() drags (text selection, scrollbar thumbs)."""
        a = {"kind": "down", "x": x, "y": y, "button": button}
        if mods:
            a["mods"] = mods
        return self.step(a)

    def up(self, x: int, y: int, button: str = "left") -> dict:
        return self.step({"kind": "up", "x": x, "y": y, "button": button})

    def move(self, x: int, y: int) -> dict:
        return self.step({"kind": "move", "x": x, "y": y})

    def type(self, text: str) -> dict:
        return self.step({"kind": "type", "text": text})

    def key(self, name: str) -> dict:
        """name: Enter, Backspace, Escape, Tab, ... with modifiers: "Shift+Tab", "Control+a"."""
        return self.step({"kind": "key", "key": name})

    def scroll(self, x: int, y: int, dy: int) -> dict:
        """dy > 0 scrolls the content up (wheel down)."""
        return self.step({"kind": "scroll", "x": x, "y": y, "dy": dy})

    def wait(self, ms: int) -> dict:
        """Lets `ms` of virtual time pass (1..600000): scheduled world events fire."""
        return self.step({"kind": "wait", "ms": ms})

    # Endings: each ends the episode (observation "terminated"); later steps raise 409.
    def answer(self, text: str) -> dict:
        """The reply to a question task ("How many ...?")."""
        return self.step({"kind": "answer", "text": text})

    def done(self) -> dict:
        """Says the task is finished."""
        return self.step({"kind": "done"})

    def infeasible(self, reason: str = "") -> dict:
        """Says the request cannot be done (the right move on infeasible tasks)."""
        return self.step({"kind": "infeasible", "reason": reason})

    def snapshot(self, name: Optional[str] = None) -> str:
        """Names this env's current state (replacing an older one of that name); returns the
        name (generated when not given). Snapshots share pages: keep as many as you like."""
        r = self.client.json("POST", self._path("/snapshot"), {} if name is None else {"name": name})
        return r["snapshot"]

    def restore(self, name: str) -> dict:
        """Makes this env exactly snapshot `name` again; returns the observation."""
        self.observation = self.client.json("POST", self._path("/restore"), {"snapshot": name})[
            "observation"]
        return self.observation

    def screenshot(self, format: str = "png") -> bytes:
        """The current frame: PNG bytes, or raw rows top to bottom with format="rgba" (4 bytes
        per pixel) or "rgb" (3; frames are opaque, so nothing is lost). The raw formats skip
        encoding: numpy.frombuffer(b, numpy.uint8).reshape(height, width, 3)."""
        return self.client.request("GET", self._path("/screenshot?format=" + format))

    def a11y(self) -> str:
        """The accessibility tree as text."""
        return self.client.request("GET", self._path("/a11y")).decode()

    def fork(self) -> "Env":
        """An independent copy of this env, world and all."""
        r = self.client.json("POST", self._path("/fork"))
        return Env(self.client, r["id"], self.instruction, r["observation"])

    def close(self) -> None:
        self.client.request("DELETE", self._path())

    def __enter__(self) -> "Env":
        return self

    def __exit__(self, *exc) -> None:
        try:
            self.close()
        except (FacsimError, OSError):
            pass
