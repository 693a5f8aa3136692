// What the npm-client tests share: a `facsim serve` on a free port, and an element's centre
// from the a11y text (lines end "#<key> (x,y wxh)").
import { spawn } from "node:child_process";

// Starts `facsim serve --port 0 ...extra`; resolves to {server, port} once it listens.
export function serve(facsim, extra = []) {
  const server = spawn(facsim, ["serve", "--port", "0", "--threads", "2", ...extra], { stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    let out = "";
    server.stdout.on("data", (d) => {
      out += d;
      const m = out.match(/listening on http:\/\/127\.0\.0\.1:(\d+)/);
      if (m) resolve({ server, port: Number(m[1]) });
    });
    server.on("exit", (code) => reject(new Error(`facsim serve exited ${code}`)));
  });
}

export function centre(a11y, key) {
  for (const line of a11y.split("\n")) {
    const m = line.match(/#(\S+) \((-?\d+),(-?\d+) (\d+)x(\d+)\)/);
    if (m && m[1] === key) return [Number(m[2]) + Math.floor(Number(m[4]) / 2), Number(m[3]) + Math.floor(Number(m[5]) / 2)];
  }
  throw new Error(`no element ${key} on screen`);
}
