"""facsim_client: a tiny stdlib-only client for `facsim serve` (see rpc/rpc.h for the API).

    from facsim_client import Client
    env = Client("http://127.0.0.1:8765").create("mail.open_email", seed=1)
    obs = env.click(640, 300)          # the observation dict: step, hash, reward, done, ...
    obs = env.act({"action": "double_click", "coordinate": [640, 300]})   # any dialect:
    obs = env.act("pyautogui.hotkey('ctrl', 'a')")   # Anthropic, OpenAI, OSWorld, pyautogui,
    obs = env.act("click('mail/row:9')")             # BrowserGym, Qwen, UI-TARS (detected)
    png = env.screenshot()             # PNG bytes
    env.snapshot("start"); ...; env.restore("start")   # copy-on-write, microseconds

One HTTP/1.1 connection is kept open for every call (reopened if the server closed it).

For trainers, VectorEnv steps N envs in one request (POST /batch/step) with Gymnasium's
vector semantics (without importing gymnasium); its observations are a numpy (N, H, W, 3)
uint8 view on the reply's body (no copy), which torch.from_dlpack takes as it is:

    from facsim_client import VectorEnv
    venv = VectorEnv("mail.star_email", num_envs=16, width=640, height=400)
    obs, infos = venv.reset(seed=0)                      # obs.shape == (16, 400, 640, 3)
    obs, rewards, terminated, truncated, infos = venv.step([{"kind": "noop"}] * 16)

LocalVectorEnv is the same API in this process, with no server: libfacsim.so (rpc/capi.h,
built in build/release/rpc/) loaded through ctypes, the batch stepped on its threads and
rendered in one call (backend "cpu" or "vulkan"); with cuda=True the frames also stay on the
GPU, and torch.from_dlpack(venv.frames_cuda()) is an (N, H, W, 4) uint8 CUDA tensor, no copy:

    from facsim_client import LocalVectorEnv
    venv = LocalVectorEnv("mail.star_email", num_envs=64, width=640, height=400, backend="vulkan")
"""
from __future__ import annotations

import base64
import http.client
import json
import urllib.parse
from typing import Any, Optional, Union

__all__ = ["Client", "Env", "FacsimError", "VectorEnv", "LocalVectorEnv"]


class FacsimError(Exception):
    """A 4xx/5xx reply: `status` (HTTP), `code` (e.g. "not_found"), `message`."""

    def __init__(self, status: int, code: str, message: str):
        super().__init__(f"{status} {code}: {message}")
        self.status, self.code, self.message = status, code, message


class Client:
    """One facsim server, e.g. Client("http://127.0.0.1:8765")."""

    def __init__(self, base_url: str = "http://127.0.0.1:8765", timeout: float = 60.0,
                 token: Optional[str] = None):
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.token = token
        u = urllib.parse.urlsplit(self.base_url)
        self._host, self._port = u.hostname or "127.0.0.1", u.port or 80
        self._conn: Optional[http.client.HTTPConnection] = None

    def _connection(self) -> http.client.HTTPConnection:
        if self._conn is None:
            self._conn = http.client.HTTPConnection(self._host, self._port, timeout=self.timeout)
        return self._conn

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def request(self, method: str, path: str, body: Optional[dict] = None, into: bool = False) -> bytes:
        """Sends one request on the kept connection; returns the raw reply body or raises
        FacsimError. into=True: the body in a bytearray (writable: numpy views on it can be
        exported with DLPack)."""
        data = None if body is None else json.dumps(body).encode()
        headers = {"Content-Type": "application/json"} if data is not None else {}
        if self.token:
            headers["Authorization"] = "Bearer " + self.token
        for attempt in (0, 1):  # a kept connection the server closed: open a new one, once
            conn = self._connection()
            try:
                conn.request(method, path, body=data, headers=headers)
                res = conn.getresponse()
                if into and res.length is not None and res.status < 400:
                    raw = bytearray(res.length)
                    view, got = memoryview(raw), 0
                    while got < len(raw):
                        n = res.readinto(view[got:])
                        if not n:
                            raise http.client.IncompleteRead(bytes(raw[:got]), len(raw) - got)
                        got += n
                else:
                    raw = res.read()
                break
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                self.close()
                if attempt:
                    raise
            except (OSError, http.client.HTTPException):
                self.close()  # a connection left mid-request is no use to the next one
                raise
        if res.getheader("Connection", "").lower() == "close":
            self.close()
        if res.status >= 400:
            try:
                err = json.loads(raw)["error"]
                code, message = str(err["code"]), str(err["message"])
            except (ValueError, KeyError, TypeError):
                code, message = "http_error", raw.decode(errors="replace")
            raise FacsimError(res.status, code, message)
        return raw

    def json(self, method: str, path: str, body: Optional[dict] = None) -> Any:
        return json.loads(self.request(method, path, body))

    def tasks(self) -> list[dict]:
        """[{"name", "summary", "max_steps"}, ...]"""
        return self.json("GET", "/tasks")

    def create(self, task: str, seed: int, width: Optional[int] = None,
               height: Optional[int] = None, appearance: Optional[str] = None,
               set_of_marks: bool = False, app: Optional[str] = None,
               route: Optional[str] = None, dialect: Optional[str] = None,
               coordinates: Optional[str] = None) -> "Env":
        """A new env on `task` with `seed` (window 1280x800 unless given). appearance: light
        (default), dark or seeded; set_of_marks numbers the clickable elements in frames and
        in a11y(). task "" with app (and route): the app alone, no task. dialect: how its
        actions are written (anthropic, openai, osworld, pyautogui, browsergym, qwen, uitars,
        facsim; default: detected per action); coordinates: "pixels", "norm1000" or
        "resized:WxH" (the size of the image the agent saw)."""
        body: dict = {"task": task, "seed": seed}
        if dialect:
            body["dialect"] = dialect
        if coordinates:
            body["coordinates"] = coordinates
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
        """[{"snapshot", "ref", "scope", "task", "seed", "step", "bytes"}, ...]"""
        return self.json("GET", "/snapshots")

    def envs(self) -> list[dict]:
        """Every env: [{"id", "task", "seed", "instruction", "step", "done", "width", ...}]"""
        return self.json("GET", "/envs")

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

    def step(self, action: Union[dict, str], dialect: Optional[str] = None,
             screenshot: bool = False, expect_step: Optional[int] = None) -> dict:
        """Applies an action in any dialect (a dict, or a string for pyautogui, BrowserGym,
        UI-TARS); returns the observation. A failed action is not an exception:
        observation["error"] says why. screenshot=True brings the frame in the same reply
        (self.last_png); expect_step makes a retried request safe (409 when the env moved)."""
        body: dict = {"action": action}
        if dialect:
            body["dialect"] = dialect
        if screenshot:
            body["screenshot"] = "png"
        if expect_step is not None:
            body["expect_step"] = expect_step
        self.last = self.client.json("POST", self._path("/step"), body)
        self.observation = self.last["observation"]
        if "screenshot" in self.last:
            self.last_png = base64.b64decode(self.last["screenshot"]["base64"])
        return self.observation

    act = step  # env.act(agent_output)

    def reset(self, seed: Optional[int] = None, task: Optional[str] = None) -> dict:
        """A new episode in this env (same id and window); returns the observation."""
        body: dict = {}
        if seed is not None:
            body["seed"] = seed
        if task is not None:
            body["task"] = task
        r = self.client.json("POST", self._path("/reset"), body)
        self.instruction, self.observation = r["instruction"], r["observation"]
        return self.observation

    def info(self) -> dict:
        """{"id", "task", "seed", "instruction", "step", "done", "width", "height", "dialect"}"""
        return self.client.json("GET", self._path())

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

    def snapshot(self, name: Optional[str] = None, replace: bool = False,
                 shared: bool = False) -> str:
        """Names this env's current state; returns its reference ("env3/start", or the name
        itself when shared), which reaches it from any env. Names are this env's own unless
        shared; saving over one needs replace=True. Snapshots share pages: keep many."""
        body: dict = {} if name is None else {"name": name}
        if replace:
            body["replace"] = True
        if shared:
            body["global"] = True
        r = self.client.json("POST", self._path("/snapshot"), body)
        return r["ref"]

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

    def a11y_json(self) -> list[dict]:
        """The nodes: id (BrowserGym's bid), role, name, box clipped to what shows, on_screen."""
        return self.client.json("GET", self._path("/a11y?format=json"))

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


class VectorEnv:
    """N envs of one task stepped together, with Gymnasium's vector semantics (no gymnasium
    import): reset(seed=int|list, options={"reset_mask": mask}) -> (obs, infos);
    step(actions) -> (obs, rewards, terminated, truncated, infos). obs is a numpy (N, H, W, 3)
    uint8 array viewing the reply's body (np.frombuffer, no copy; writable, so
    torch.from_dlpack / np.from_dlpack take it without a copy). infos is a dict of arrays, each
    key with its "_key" boolean mask. autoreset_mode: "next_step" (Gymnasium's default: the
    step after an episode ends resets that env instead, its action ignored, reward 0),
    "same_step" (reset at once; infos["final_obs"] holds the last frames, masked by
    "_final_obs") or "disabled". One HTTP request a step (POST /batch/step)."""

    def __init__(self, task: str, num_envs: int, base_url: str = "http://127.0.0.1:8765",
                 width: int = 1280, height: int = 800, seed: int = 0,
                 autoreset_mode: str = "next_step", token: Optional[str] = None,
                 dialect: Optional[str] = None):
        import numpy as np  # only the vector env needs numpy
        if autoreset_mode not in ("next_step", "same_step", "disabled"):
            raise ValueError("autoreset_mode is next_step, same_step or disabled")
        if num_envs < 1:
            raise ValueError("num_envs must be at least 1")
        self._np = np
        self.client = Client(base_url, token=token)
        self.task, self.num_envs, self.autoreset_mode, self.dialect = task, num_envs, autoreset_mode, dialect
        self.single_observation_space = {"shape": (height, width, 3), "dtype": "uint8", "low": 0, "high": 255}
        self.observation_space = {"shape": (num_envs, height, width, 3), "dtype": "uint8", "low": 0, "high": 255}
        self.single_action_space = {"type": "facsim action", "dialects": "any (rpc/rpc.h)"}
        self.metadata = {"autoreset_mode": autoreset_mode}
        self.envs = [self.client.create(task, seed=seed + i, width=width, height=height)
                     for i in range(num_envs)]
        self._ids = [e.id for e in self.envs]
        self._seeds = [seed + i for i in range(num_envs)]
        self._needs_reset = np.zeros(num_envs, dtype=bool)
        self.instructions = [e.instruction for e in self.envs]

    def _call(self, path: str, body: dict):
        np = self._np
        raw = self.client.request("POST", path, body, into=True)
        n = int.from_bytes(raw[-4:], "little")  # the frames, then the JSON, then its length
        head = json.loads(bytes(raw[len(raw) - 4 - n:len(raw) - 4]))
        h, w, c = head["height"], head["width"], head["channels"]
        obs = np.frombuffer(raw, dtype=np.uint8, count=self.num_envs * h * w * c).reshape(self.num_envs, h, w, c)
        return obs, head["results"]

    def _infos(self, results):
        np = self._np
        out: dict = {}
        def put(key, values, mask):
            out[key] = np.array(values, dtype=object if isinstance(values[0], str) else None)
            out["_" + key] = np.array(mask, dtype=bool)
        obs = [r.get("observation", {}) for r in results]
        ok = ["observation" in r for r in results]
        put("step", [o.get("step", 0) for o in obs], ok)
        put("success", [bool(o.get("success", False)) for o in obs], ok)
        put("error", [r.get("error", o.get("error", "")) for r, o in zip(results, obs)],
            [bool(r.get("error", o.get("error", ""))) for r, o in zip(results, obs)])
        for i, r in enumerate(results):
            if "instruction" in r:
                self.instructions[i] = r["instruction"]
        put("instruction", list(self.instructions), [True] * self.num_envs)
        return out

    def reset(self, seed=None, options: Optional[dict] = None):
        np = self._np
        mask = None if not options or options.get("reset_mask") is None else \
            [bool(m) for m in np.asarray(options["reset_mask"], dtype=bool)]
        if mask is not None and len(mask) != self.num_envs:
            raise ValueError("reset_mask needs one entry an env")
        if isinstance(seed, int):
            self._seeds = [seed + i for i in range(self.num_envs)]
        elif seed is not None:
            if len(seed) != self.num_envs:
                raise ValueError("seed: one an env")
            self._seeds = [s if s is not None else self._seeds[i] for i, s in enumerate(seed)]
        body = {"envs": self._ids, "seeds": self._seeds}
        if mask is not None:
            body["mask"] = mask
        obs, results = self._call("/batch/reset", body)
        for i in range(self.num_envs):
            if mask is None or mask[i]:
                self._needs_reset[i] = False
        return obs, self._infos(results)

    def step(self, actions):
        np = self._np
        actions = list(actions)
        if len(actions) != self.num_envs:
            raise ValueError("step needs one action an env")
        resetting = self._needs_reset.copy() if self.autoreset_mode == "next_step" else np.zeros(self.num_envs, bool)
        sent = []
        for i, a in enumerate(actions):
            if resetting[i]:
                self._seeds[i] += self.num_envs  # the env's next episode: a new seed, the same for every run
                sent.append(None)
            else:
                sent.append(a)
        body = {"envs": self._ids, "actions": sent, "seeds": self._seeds}
        if self.dialect:
            body["dialect"] = self.dialect
        obs, results = self._call("/batch/step", body)
        rewards = np.zeros(self.num_envs, dtype=np.float64)
        terminated = np.zeros(self.num_envs, dtype=bool)
        truncated = np.zeros(self.num_envs, dtype=bool)
        for i, r in enumerate(results):
            o = r.get("observation")
            if o is None or resetting[i]:
                continue
            rewards[i] = float(o.get("reward", 0.0))
            terminated[i] = bool(o.get("terminated", False))
            truncated[i] = bool(o.get("truncated", False))
        infos = self._infos(results)
        done = terminated | truncated
        self._needs_reset = done.copy() if self.autoreset_mode == "next_step" else np.zeros(self.num_envs, bool)
        if self.autoreset_mode == "same_step" and done.any():
            infos["final_obs"] = obs.copy()
            infos["_final_obs"] = done.copy()
            for i in np.flatnonzero(done):
                self._seeds[i] += self.num_envs
            obs, results2 = self._call("/batch/reset", {"envs": self._ids, "seeds": self._seeds,
                                                        "mask": [bool(d) for d in done]})
            self._infos(results2)
        return obs, rewards, terminated, truncated, infos

    def close(self) -> None:
        for e in self.envs:
            try:
                e.close()
            except (FacsimError, OSError):
                pass
        self.client.close()


# ---- in process: libfacsim.so through ctypes ----

def _find_lib(path: Optional[str]) -> str:
    import os
    here = os.path.dirname(os.path.abspath(__file__))
    for p in (path, os.environ.get("FACSIM_LIB"),
              os.path.join(here, "..", "..", "build", "release", "rpc", "libfacsim.so"),
              os.path.join(here, "libfacsim.so")):
        if p and os.path.exists(p):
            return p
    return "libfacsim.so"  # the loader's search path


_LIB = None


def load_library(path: Optional[str] = None):
    """libfacsim.so (rpc/capi.h): `path`, $FACSIM_LIB, this checkout's build, or the loader's
    search path. Loaded once a process."""
    global _LIB
    if _LIB is not None:
        return _LIB
    import ctypes
    lib = ctypes.CDLL(_find_lib(path))
    c = ctypes
    lib.facsim_version.restype = c.c_char_p
    lib.facsim_last_error.restype = c.c_char_p
    lib.facsim_cuda_built.restype = c.c_int
    lib.facsim_vec_create.restype = c.c_void_p
    lib.facsim_vec_create.argtypes = [c.c_char_p]
    lib.facsim_vec_destroy.argtypes = [c.c_void_p]
    for f in (lib.facsim_vec_num_envs, lib.facsim_vec_width, lib.facsim_vec_height, lib.facsim_vec_cuda_device):
        f.restype, f.argtypes = c.c_int, [c.c_void_p]
    lib.facsim_vec_call.restype = c.c_char_p
    lib.facsim_vec_call.argtypes = [c.c_void_p, c.c_int, c.c_char_p, c.c_void_p, c.c_int]
    lib.facsim_vec_frames.restype = c.c_void_p
    lib.facsim_vec_frames.argtypes = [c.c_void_p]
    lib.facsim_vec_cuda_frames.restype = c.c_void_p
    lib.facsim_vec_cuda_frames.argtypes = [c.c_void_p, c.c_size_t]
    lib.facsim_dlpack_delete.argtypes = [c.c_void_p]
    _LIB = lib
    return lib


def _lib_error(lib) -> FacsimError:
    return FacsimError(400, "bad_request", (lib.facsim_last_error() or b"").decode())


class LocalVectorEnv(VectorEnv):
    """VectorEnv's API in this process (no server): N envs of `task` stepped on libfacsim's
    threads and rendered in one renderer call, `backend` "cpu" (the reference) or "vulkan".
    Observations are fresh numpy (N, H, W, channels) uint8 arrays (channels 3 or 4); with
    copy=False (RGBA only) they are a view of the batch's own frame buffer, no copy at all, which
    the next step or reset rewrites and close() frees (Gymnasium's copy=False: copy what you
    keep). With cuda=True (a Vulkan GPU that CUDA also sees; libfacsim built with CUDA),
    frames_cuda() hands the frames on the GPU to DLPack consumers:
    torch.from_dlpack(venv.frames_cuda())."""

    def __init__(self, task: str, num_envs: int, width: int = 1280, height: int = 800, seed: int = 0,
                 autoreset_mode: str = "next_step", backend: str = "cpu", threads: int = 0,
                 appearance: Optional[str] = None, dialect: Optional[str] = None,
                 coordinates: Optional[str] = None, cuda: bool = False, channels: int = 3,
                 copy: bool = True, library: Optional[str] = None):
        import numpy as np
        if autoreset_mode not in ("next_step", "same_step", "disabled"):
            raise ValueError("autoreset_mode is next_step, same_step or disabled")
        if num_envs < 1:
            raise ValueError("num_envs must be at least 1")
        if channels not in (3, 4):
            raise ValueError("channels is 3 (RGB) or 4 (RGBA)")
        if not copy and channels != 4:
            raise ValueError("copy=False views the batch's RGBA frames: channels=4")
        self._np, self._lib = np, load_library(library)
        config = {"task": task, "num_envs": num_envs, "width": width, "height": height, "seed": seed,
                  "backend": backend, "threads": threads, "cuda": bool(cuda)}
        for k, v in (("appearance", appearance), ("dialect", dialect), ("coordinates", coordinates)):
            if v is not None:
                config[k] = v
        self._vec = self._lib.facsim_vec_create(json.dumps(config).encode())
        if not self._vec:
            raise _lib_error(self._lib)
        self.task, self.num_envs, self.autoreset_mode, self.dialect = task, num_envs, autoreset_mode, None
        self.channels, self.backend, self.copy = channels, backend, copy
        self.single_observation_space = {"shape": (height, width, channels), "dtype": "uint8", "low": 0, "high": 255}
        self.observation_space = {"shape": (num_envs, height, width, channels), "dtype": "uint8", "low": 0,
                                  "high": 255}
        self.single_action_space = {"type": "facsim action", "dialects": "any (rpc/rpc.h)"}
        self.metadata = {"autoreset_mode": autoreset_mode}
        self.envs = None  # no server-side env handles
        self._ids = list(range(num_envs))
        self._seeds = [seed + i for i in range(num_envs)]
        self._needs_reset = np.zeros(num_envs, dtype=bool)
        self.instructions = [""] * num_envs
        self._shape = (num_envs, height, width, channels)

    def _call(self, path: str, body: dict):
        np = self._np
        if not self._vec:
            raise ValueError("the vector env is closed")
        body = {k: v for k, v in body.items() if k != "envs"}
        obs = np.empty(self._shape, dtype=np.uint8) if self.copy else None
        reply = self._lib.facsim_vec_call(self._vec, 1 if path.endswith("reset") else 0, json.dumps(body).encode(),
                                          obs.ctypes.data if self.copy else None, self.channels if self.copy else 0)
        if reply is None:
            raise _lib_error(self._lib)
        if not self.copy:
            import ctypes
            size = int(np.prod(self._shape))
            raw = (ctypes.c_uint8 * size).from_address(self._lib.facsim_vec_frames(self._vec))
            obs = np.frombuffer(raw, dtype=np.uint8).reshape(self._shape)
        return obs, json.loads(reply)["results"]

    def frames_cuda(self) -> "_CudaFrames":
        """The last step's frames on the GPU (cuda=True), for torch.from_dlpack: (N, H, W, 4)
        uint8. The tensor views the renderer's buffer, which the next step rewrites: clone it
        to keep it."""
        if not self._vec:
            raise ValueError("the vector env is closed")
        device = self._lib.facsim_vec_cuda_device(self._vec)
        if device < 0:
            raise FacsimError(400, "bad_request", "this vector env was made without cuda=True")
        return _CudaFrames(self, device)

    def close(self) -> None:
        if getattr(self, "_vec", None):
            self._lib.facsim_vec_destroy(self._vec)
            self._vec = None

    def __del__(self):
        self.close()


_CAPSULE_DESTRUCTOR = None


def _capsule(lib, ptr: int):
    """A "dltensor" PyCapsule over a DLManagedTensor*, deleted when no consumer took it."""
    import ctypes
    global _CAPSULE_DESTRUCTOR
    api = ctypes.pythonapi
    api.PyCapsule_New.restype = ctypes.py_object
    api.PyCapsule_New.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_void_p]
    api.PyCapsule_IsValid.restype = ctypes.c_int
    api.PyCapsule_IsValid.argtypes = [ctypes.c_void_p, ctypes.c_char_p]
    api.PyCapsule_GetPointer.restype = ctypes.c_void_p
    api.PyCapsule_GetPointer.argtypes = [ctypes.c_void_p, ctypes.c_char_p]
    if _CAPSULE_DESTRUCTOR is None:
        @ctypes.CFUNCTYPE(None, ctypes.c_void_p)
        def destructor(capsule):
            if api.PyCapsule_IsValid(capsule, b"dltensor"):  # not consumed ("used_dltensor")
                lib.facsim_dlpack_delete(api.PyCapsule_GetPointer(capsule, b"dltensor"))
        _CAPSULE_DESTRUCTOR = destructor
    return api.PyCapsule_New(ptr, b"dltensor", ctypes.cast(_CAPSULE_DESTRUCTOR, ctypes.c_void_p))


class _CudaFrames:
    """The DLPack protocol (__dlpack__, __dlpack_device__) over a LocalVectorEnv's GPU frames."""

    def __init__(self, venv: LocalVectorEnv, device: int):
        self._venv, self._device = venv, device

    def __dlpack_device__(self):
        return (2, self._device)  # kDLCUDA

    def __dlpack__(self, stream=None, **kwargs):
        # DLPack's stream numbers are CUDA's handles (None/1: the legacy default, 2: per thread).
        ptr = self._venv._lib.facsim_vec_cuda_frames(self._venv._vec, 0 if stream in (None, -1) else int(stream))
        if not ptr:
            raise _lib_error(self._venv._lib)
        return _capsule(self._venv._lib, ptr)

