"""The Python client against a real `facsim serve`: what an agent framework would do.

Usage: test_python_client.py FACSIM_BINARY CLIENT_DIR
"""
import socket
import subprocess
import sys
import time

facsim, client_dir = sys.argv[1], sys.argv[2]
sys.path.insert(0, client_dir)
from facsim_client import Client, FacsimError  # noqa: E402

with socket.socket() as s:
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
server = subprocess.Popen([facsim, "serve", "--port", str(port)], stdout=subprocess.DEVNULL)
try:
    c = Client(f"http://127.0.0.1:{port}", timeout=30)
    for _ in range(200):
        try:
            names = [t["name"] for t in c.tasks()]
            break
        except OSError:
            time.sleep(0.05)
    else:
        raise SystemExit("server did not come up")
    assert "mail.star_arrival" in names, names

    env = c.create("mail.star_arrival", seed=3, width=800, height=600)
    assert "star" in env.instruction.lower(), env.instruction
    first = env.observation["hash"]
    start = env.snapshot("start")
    assert start == f"env{env.id}/start", start  # this env's own name, reachable by reference
    obs = env.wait(120000)  # the awaited email arrives
    assert obs["error"] == "" and obs["step"] == 1, obs
    assert "unread" in env.a11y()
    assert env.screenshot()[:8] == b"\x89PNG\r\n\x1a\n"
    rgba, rgb = env.screenshot("rgba"), env.screenshot("rgb")
    assert len(rgba) == 800 * 600 * 4 and len(rgb) == 800 * 600 * 3
    assert rgb[:3] == rgba[:3] and rgb[-3:] == rgba[-4:-1]
    try:
        env.wait(0)
        raise SystemExit("a zero wait was accepted")
    except FacsimError as e:  # malformed actions are refused before they reach the env
        assert e.status == 400 and "ms" in e.message, e
    miss = env.click(5000, 5)  # well-formed but impossible: the env reports it, nothing changes
    assert miss["error"].startswith("invalid_argument") and miss["step"] == 2, miss

    back = env.restore("start")
    assert back["hash"] == first and back["step"] == 0, back
    twin = c.from_snapshot(start, width=800, height=600)
    assert twin.observation["hash"] == first
    assert [s["snapshot"] for s in c.snapshots()] == ["start"]
    try:
        env.snapshot("start")
        raise SystemExit("a snapshot name was saved over without replace")
    except FacsimError as e:
        assert e.status == 409, e
    c.drop_snapshot(start)
    try:
        env.restore("start")
        raise SystemExit("restore of a dropped snapshot succeeded")
    except FacsimError as e:
        assert e.status == 404 and e.code == "not_found", e
    twin.close()
    env.close()

    # An answer ends the episode; the next step is refused with 409 episode_over.
    q = c.create("mail.count_unread_from", seed=4, width=640, height=400)
    end = q.answer("12345")
    assert end["done"] and end["terminated"] and not end["success"], end
    try:
        q.wait(1000)
        raise SystemExit("a step after the end was accepted")
    except FacsimError as e:
        assert e.status == 409 and e.code == "episode_over", e
    q.close()
    # Any dialect, on one kept connection; the frame in the same reply.
    d = c.create("mail.open_email", seed=5, width=640, height=400)
    o = d.act({"action": "left_click", "coordinate": [300, 230]}, screenshot=True)
    assert o["error"] == "" and o["step"] == 1 and d.last_png[:4] == b"\x89PNG", o
    o = d.act("pyautogui.press('pgdn')")
    assert o["step"] == 2, o
    bid = next(n["id"] for n in d.a11y_json() if n["role"] == "button" and n["on_screen"])
    o = d.act(f"hover('{bid}')")
    assert o["step"] == 3 and o["error"] == "", o
    assert d.reset(seed=6)["step"] == 0 and d.info()["seed"] == 6
    assert any(e["id"] == d.id for e in c.envs())
    d.close()
    app = c.create("", seed=4, app="mail", route="#sent", width=640, height=400)
    assert "#sent" in app.a11y()
    app.close()
    print("python client: ok")
finally:
    server.terminate()
    server.wait(timeout=10)
