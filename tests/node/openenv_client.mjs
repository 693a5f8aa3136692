// OpenEnv's WebSocket session protocol (what openenv.core.EnvClient sends: {"type":"reset"|
// "step"|"state"|"close", "data":...}) against `facsim serve`'s /ws, with the `ws` package from
// npm: an episode solved by looking (the a11y text in the observation) and clicking, the
// state, OpenEnv's error codes for bad messages, and a second session at capacity refused.
// Usage: node openenv_client.mjs <path to facsim>     (dependencies: `npm ci` here; ./dev setup does it)
import assert from "node:assert/strict";
import WebSocket from "ws";
import { centre, serve } from "./serve.mjs";

const facsim = process.argv[2];
if (!facsim) throw new Error("usage: node openenv_client.mjs <facsim>");

function open(url) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    const queue = [];
    let waiting = null;
    ws.on("message", (data) => {
      const msg = JSON.parse(data.toString());
      if (waiting) {
        const w = waiting;
        waiting = null;
        w(msg);
      } else queue.push(msg);
    });
    ws.on("open", () =>
      resolve({
        ws,
        send(msg) {
          ws.send(typeof msg === "string" ? msg : JSON.stringify(msg));
          return new Promise((res) => (queue.length ? res(queue.shift()) : (waiting = res)));
        },
      }));
    ws.on("error", reject);
  });
}
const { server, port } = await serve(facsim, ["--max-envs", "1"]);
try {
  const base = `http://127.0.0.1:${port}`;
  assert.equal((await (await fetch(`${base}/health`)).json()).status, "healthy");
  const schema = await (await fetch(`${base}/schema`)).json();
  for (const k of ["action", "observation", "state"]) assert.equal(typeof schema[k], "object", k);
  assert.equal((await (await fetch(`${base}/metadata`)).json()).name, "facsim");

  const s = await open(`ws://127.0.0.1:${port}/ws?task=banking.freeze_card`);
  let r = await s.send({ type: "reset", data: { seed: 2, episode_id: "ep-1", a11y: true } });
  assert.equal(r.type, "observation", JSON.stringify(r).slice(0, 300));
  assert.equal(r.data.done, false);
  const obs = r.data.observation;
  assert.equal(obs.screenshot_format, "png");
  assert.equal(Buffer.from(obs.screenshot, "base64").subarray(1, 4).toString(), "PNG");
  assert.equal(obs.width, 1280);
  const last4 = obs.instruction.match(/\b(\d{4})\b/)[1];
  r = await s.send({ type: "step", data: { action: "left_click", coordinate: centre(obs.a11y, "banking/nav:cards") } });
  assert.equal(r.type, "observation");
  const row = r.data.observation.a11y.split("\n").find((l) => l.includes(`ending ${last4}`) && l.includes("#banking/card:"));
  const id = row.match(/#banking\/card:(\d+)/)[1];
  r = await s.send({ type: "step", data: { type: "click", x: centre(r.data.observation.a11y, `banking/freeze:${id}`)[0],
                                           y: centre(r.data.observation.a11y, `banking/freeze:${id}`)[1], button: "left" } });
  assert.equal(r.data.done, true, JSON.stringify(r.data).slice(0, 300));
  assert.equal(r.data.reward, 1);
  assert.equal(r.data.observation.success, true);
  r = await s.send({ type: "state" });
  assert.deepEqual([r.type, r.data.episode_id, r.data.step_count], ["state", "ep-1", 2]);

  // OpenEnv's error codes; the session goes on after each.
  assert.equal((await s.send("{not json")).data.code, "INVALID_JSON");
  assert.equal((await s.send({ type: "teleport" })).data.code, "UNKNOWN_TYPE");
  assert.equal((await s.send({ type: "step", data: { action: "left_click", coordinate: "nowhere" } })).data.code, "VALIDATION_ERROR");
  assert.equal((await s.send({ type: "state", data: {} })).data.code, "VALIDATION_ERROR");
  // A second session while the one env allowed is in use: capacity.
  const t = await open(`ws://127.0.0.1:${port}/ws`);
  assert.equal((await t.send({ type: "reset", data: { task: "mail.open_email" } })).data.code, "CAPACITY_REACHED");
  t.ws.close();
  // A new episode in the same session, then close: the env goes.
  r = await s.send({ type: "reset", data: { seed: 3 } });
  assert.equal(r.data.observation.step, 0);
  s.ws.send(JSON.stringify({ type: "close" }));
  await new Promise((res) => s.ws.on("close", res));
  for (let i = 0; i < 50 && (await (await fetch(`${base}/envs`)).json()).length > 0; ++i) await new Promise((res) => setTimeout(res, 20));
  assert.equal((await (await fetch(`${base}/envs`)).json()).length, 0);
  console.log("openenv over ws: ok");
} finally {
  server.kill("SIGTERM");
}
