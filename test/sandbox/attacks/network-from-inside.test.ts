// Attack: reach anything over the network from inside: the test opens a TCP listener on the
// host's loopback (standing for the worker's Redis or any host service), and the solution tries
// it, Redis's and Docker's usual ports on its own loopback, the Docker socket paths and a name
// lookup. Everything the test sends or receives stays on loopback.
// Must happen: the sandbox has only `lo`, no route, no working resolver and no Docker socket;
// every connection is refused inside the sandbox's own network namespace, and the host's
// listener never sees a connection; the solution then answers: `accepted`.
import net from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { useTestGrader } from '../../support/grader.js';
import { probeFindings, probeSolution } from './probe.js';

const grader = useTestGrader();
let listener: net.Server;
let port = 0;
let connections = 0;

beforeAll(async () => {
  listener = net.createServer((socket) => {
    connections += 1;
    socket.destroy();
  });
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  port = (listener.address() as net.AddressInfo).port;
});
afterAll(async () => {
  await new Promise((resolve) => listener.close(resolve));
});

const code = (hostPort: number): string =>
  probeSolution(
    'import os, socket',
    String.raw`    def connect(port):
        s = socket.socket()
        s.settimeout(3)
        try:
            s.connect(("127.0.0.1", port))
            return "connected"
        except OSError as e:
            return type(e).__name__
        finally:
            s.close()
    try:
        socket.getaddrinfo("pypi.org", 443)
        lookup = "resolved"
    except OSError as e:
        lookup = type(e).__name__
    routes = [l for l in open("/proc/net/route").read().splitlines()[1:] if l.strip()]
    return {
        "interfaces": sorted(os.listdir("/sys/class/net")),
        "routes": routes,
        "lookup": lookup,
        "host_listener": connect(${hostPort}),
        "redis": connect(6379),
        "docker_tcp": connect(2375),
        "docker_socket": [p for p in ("/var/run/docker.sock", "/run/docker.sock") if os.path.exists(p)],
    }`,
  );

it('reaches nothing beyond its own loopback', async () => {
  const result = await grader().grade('group-sum', code(port), 'public');
  expect(result.verdict).toBe('accepted');
  expect(probeFindings(result)).toEqual({
    interfaces: ['lo'],
    routes: [],
    lookup: 'gaierror',
    host_listener: 'ConnectionRefusedError',
    redis: 'ConnectionRefusedError',
    docker_tcp: 'ConnectionRefusedError',
    docker_socket: [],
  });
  expect(connections).toBe(0);
  expect(await grader().leftoverContainers()).toEqual([]);
});
