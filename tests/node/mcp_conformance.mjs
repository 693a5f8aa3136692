// The MCP conformance suite (@modelcontextprotocol/conformance, the protocol's own checks)
// against `facsim serve`'s /mcp, for the scenarios that apply to a server with tools and no
// resources, prompts, logging or sampling: the initialize handshake, ping, tools/list. (The
// suite's tools-call scenarios call tools of its reference server by name; facsim's tools are
// driven by the SDK client in mcp_client.mjs. The suite has no 2026-07-28 scenarios yet: the
// stateless revision is checked in tests/test_rpc.cpp, RpcTest.McpStatelessRevision.)
//
// Usage: node mcp_conformance.mjs <path to facsim>
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { serve } from "./serve.mjs";

const major = Number(process.versions.node.split(".")[0]);
if (major < 20) {
  console.log(`SKIP: the conformance suite needs Node 20 or newer (this is ${process.versions.node})`);
  process.exit(77);
}
const require = createRequire(import.meta.url);
const suite = join(dirname(require.resolve("@modelcontextprotocol/conformance/package.json")), "dist", "index.js");
const { server, port } = await serve(process.argv[2]);
let failed = 0;
try {
  for (const scenario of ["server-initialize", "ping", "tools-list"]) {
    const r = spawnSync(process.execPath, [suite, "server", "--url", `http://127.0.0.1:${port}/mcp`, "--scenario", scenario],
                        { encoding: "utf8", timeout: 60000 });
    const out = (r.stdout || "") + (r.stderr || "");
    const m = out.match(/Passed: (\d+)\/(\d+), (\d+) failed/);
    const ok = r.status === 0 && m && m[1] === m[2] && m[3] === "0";
    console.log(`${scenario}: ${ok ? "ok" : "FAILED"} ${m ? m[0] : ""}`);
    if (!ok) {
      console.log(out);
      failed++;
    }
  }
} finally {
  server.kill();
}
process.exit(failed ? 1 : 0);
