// Attack: reach the kernel through the system calls container escapes are made of: io_uring (a
// second system call interface that Docker 20.10's default profile allows), a new user
// namespace (capabilities inside it), clone3 with namespace flags, the kernel keyring, BPF,
// ptrace, userfaultfd, perf events, and personality(ADDR_NO_RANDOMIZE).
// Must happen: the project's own seccomp profile (worker/sandbox/seccomp-profile.ts) refuses each
// (EPERM; clone3 ENOSYS, so the C library falls back to clone, whose namespace flags are refused),
// while threads and processes still start; the solution then answers: `accepted`.
import { expect, it } from 'vitest';
import { useTestGrader } from '../../support/grader.js';
import { probeFindings, probeSolution } from './probe.js';

const grader = useTestGrader();

// x86_64 system call numbers.
const code = probeSolution(
  'import ctypes, errno, os, subprocess, threading',
  String.raw`    libc = ctypes.CDLL(None, use_errno=True)
    def call(nr, *args):
        ctypes.set_errno(0)
        r = libc.syscall(nr, *[ctypes.c_long(a) for a in args])
        return errno.errorcode.get(ctypes.get_errno(), "ok") if r == -1 else "allowed"
    params = ctypes.create_string_buffer(120)
    found = {
        "io_uring_setup": call(425, 4, ctypes.addressof(params)),
        "io_uring_enter": call(426, 0, 0, 0, 0, 0),
        "io_uring_register": call(427, 0, 0, 0, 0),
        "unshare_newuser": call(272, 0x10000000),
        "unshare_newns": call(272, 0x00020000),
        "setns": call(308, 0, 0),
        "clone3": call(435, 0, 0),
        "clone_newuser": call(56, 0x10000000 | 17, 0, 0, 0, 0),
        "keyctl": call(250, 0, 0, 0, 0),
        "add_key": call(248, 0, 0, 0, 0, 0),
        "bpf": call(321, 0, 0, 0),
        "ptrace": call(101, 16, 1, 0, 0),
        "userfaultfd": call(323, 0),
        "perf_event_open": call(298, 0, 0, -1, -1, 0),
        "personality_no_randomize": call(135, 0x0040000),
        "mount": call(165, 0, 0, 0, 0, 0),
    }
    t = threading.Thread(target=lambda: None)
    t.start()
    t.join()
    found["thread"] = "started"
    found["process"] = subprocess.run(["true"]).returncode
    return found`,
);

it('refuses io_uring, new namespaces and the other kernel doors, and still runs Spark, threads and processes', async () => {
  const result = await grader().grade('group-sum', code, 'public');
  expect(result.verdict).toBe('accepted');
  const found = probeFindings<Record<string, string | number>>(result);
  const { thread, process: child, clone3, ...refused } = found;
  expect(Object.entries(refused).filter(([, outcome]) => outcome !== 'EPERM')).toEqual([]);
  expect({ clone3, thread, child }).toEqual({ clone3: 'ENOSYS', thread: 'started', child: 0 });
  expect(await grader().leftoverContainers()).toEqual([]);
});
