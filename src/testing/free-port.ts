// A TCP port on loopback that nothing listens on right now, for the test servers and the
// processes the tests and benchmarks start (the OS picks it; another process could in
// principle take it before it is used, which is fine on a test machine).
import { createServer } from "node:net";

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
