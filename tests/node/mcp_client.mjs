// facsim's MCP server driven by the official MCP TypeScript SDK client (someone else's code):
// over stdio (`facsim mcp`) and Streamable HTTP (`facsim serve`, POST /mcp). Each transport
// solves a task end to end through the tools alone (load_task, a11y, computer, get_reward),
// snapshots and restores, forks, and sees failures come back as isError results.
// Usage: node mcp_client.mjs <path to facsim>     (dependencies: `npm ci` here; ./dev setup does it)
import assert from "node:assert/strict";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { McpError } from "@modelcontextprotocol/sdk/types.js";
import { centre, serve } from "./serve.mjs";

const facsim = process.argv[2];
if (!facsim) throw new Error("usage: node client.mjs <facsim>");

const text = (r) => r.content.filter((c) => c.type === "text").map((c) => c.text).join("\n");
async function click(client, key) {
  const a11y = text(await client.callTool({ name: "a11y", arguments: {} }));
  const r = await client.callTool({ name: "computer", arguments: { action: "left_click", coordinate: centre(a11y, key) } });
  assert.equal(r.isError, false, text(r));
  assert.ok(r.content.some((c) => c.type === "image" && c.mimeType === "image/png"), "a screenshot after the step");
  return r;
}

async function exercise(client, label) {
  const info = client.getServerVersion();
  assert.equal(info.name, "facsim", label);
  const { tools } = await client.listTools();
  for (const n of ["list_tasks", "load_task", "reset", "computer", "act", "screenshot", "a11y", "get_reward", "snapshot", "restore",
                   "fork", "close"])
    assert.ok(tools.some((t) => t.name === n && t.inputSchema.type === "object"), `${label}: tool ${n}`);

  const list = await client.callTool({ name: "list_tasks", arguments: { filter: "banking.freeze" } });
  assert.match(text(list), /banking\.freeze_card: /);

  // Freeze the card the instruction names, by looking (a11y) and clicking (computer).
  const load = await client.callTool({ name: "load_task", arguments: { task: "banking.freeze_card", seed: 2 } });
  assert.equal(load.isError, false, text(load));
  const img = load.content.find((c) => c.type === "image");
  assert.equal(Buffer.from(img.data, "base64").subarray(1, 4).toString(), "PNG");
  const last4 = text(load).match(/\b(\d{4})\b/)[1];
  const env = Number(text(load).match(/^env (\d+)/)[1]);
  const snap = await client.callTool({ name: "snapshot", arguments: { name: "start" } });
  assert.equal(snap.isError, false, text(snap));
  await click(client, "banking/nav:cards");
  const cards = text(await client.callTool({ name: "a11y", arguments: {} }));
  const row = cards.split("\n").find((l) => l.includes(`ending ${last4}`) && l.includes("#banking/card:"));
  assert.ok(row, `${label}: a card row ending ${last4}`);
  const id = row.match(/#banking\/card:(\d+)/)[1];
  await click(client, `banking/freeze:${id}`);
  const done = await client.callTool({ name: "get_reward", arguments: {} });
  assert.equal(done.structuredContent.success, true, `${label}: solved: ${text(done)}`);
  assert.equal(done.structuredContent.done, true);

  // Back to the start (not solved), and a fork of it: a new env of its own.
  const back = await client.callTool({ name: "restore", arguments: { snapshot: "start" } });
  assert.equal(back.isError, false, text(back));
  const again = await client.callTool({ name: "get_reward", arguments: { env } });
  assert.equal(again.structuredContent.step, 0);
  assert.equal(again.structuredContent.done, false);
  const fork = await client.callTool({ name: "fork", arguments: { env } });
  assert.equal(fork.isError, false, text(fork));
  assert.notEqual(Number(text(fork).match(/^env (\d+)/)[1]), env);

  // A string action (pyautogui), and a query that takes no step.
  const moved = await client.callTool({ name: "act", arguments: { env, action: "pyautogui.moveTo(640, 400)" } });
  assert.equal(moved.isError, false, text(moved));
  const where = await client.callTool({ name: "computer", arguments: { env, action: "cursor_position" } });
  assert.match(text(where), /cursor at \[640,400\]/);

  // Failures are results with isError, not protocol errors...
  for (const [name, args, want] of [
    ["computer", { env: 99999, action: "screenshot" }, /no env/],
    ["computer", { env, action: "key", text: "NoSuchKey" }, /HTTP 400/],
    ["load_task", { task: "no.such.task" }, /HTTP 4\d\d/],
    ["restore", { env, snapshot: "never-saved" }, /HTTP 404/],
  ]) {
    const r = await client.callTool({ name, arguments: args });
    assert.equal(r.isError, true, `${label}: ${name} ${JSON.stringify(args)}`);
    assert.match(text(r), want);
  }
  // ...but an unknown tool is one (invalid params).
  await assert.rejects(client.callTool({ name: "no_such_tool", arguments: {} }), (e) => e instanceof McpError && e.code === -32602);
  await client.callTool({ name: "close", arguments: { env } });
  console.log(`${label}: ok`);
}

async function overStdio() {
  const transport = new StdioClientTransport({ command: facsim, args: ["mcp"], stderr: "inherit" });
  const client = new Client({ name: "facsim-test", version: "1.0.0" });
  await client.connect(transport);
  await exercise(client, "stdio");
  await client.close();
}

async function overHttp() {
  const { server, port } = await serve(facsim);
  try {
    const client = new Client({ name: "facsim-test", version: "1.0.0" });
    const transport = new StreamableHTTPClientTransport(new URL(`http://127.0.0.1:${port}/mcp`));
    await client.connect(transport);
    assert.match(transport.sessionId, /^facsim-mcp-\d+$/);
    await exercise(client, "http");
    await transport.terminateSession();
    await client.close();
  } finally {
    server.kill("SIGTERM");
  }
}

await overStdio();
await overHttp();
