// The sandbox's seccomp profile, the project's own, in the engine's JSON format: every system call
// a PySpark job never needs and a kernel exploit likes is refused, whatever the engine's default
// profile allows (Docker 20.10's default allows io_uring, for one). It replaces the engine's
// default rather than adding to it (a container takes one profile), so it names everything that
// default refuses to an unprivileged process too: new namespaces (`unshare`, `setns`, `clone`
// with a namespace flag; `clone3`, whose flags a filter cannot read, answers ENOSYS so the C
// library falls back to `clone`), the kernel keyring, BPF, perf events, userfaultfd, ptrace and
// its relatives, mounts, modules, kexec, clocks, swap, reboot, and personality flags that turn off
// address randomisation. Everything else is allowed: the JVM, Python and Spark use a wide and
// version-dependent set of calls, and a wrong refusal would fail a correct solution.

const EPERM = 1;
const ENOSYS = 38;

/** Refused with EPERM; names a given kernel or architecture lacks are skipped by the engine. */
export const REFUSED_SYSCALLS = [
  // io_uring: a second system call interface, past every other filter here.
  'io_uring_setup',
  'io_uring_enter',
  'io_uring_register',
  // New namespaces (an unprivileged user namespace hands out capabilities inside it).
  'unshare',
  'setns',
  // Kernel attack surface an unprivileged process can otherwise reach.
  'bpf',
  'perf_event_open',
  'userfaultfd',
  'keyctl',
  'add_key',
  'request_key',
  'ptrace',
  'process_vm_readv',
  'process_vm_writev',
  'pidfd_getfd',
  'kcmp',
  'move_pages',
  'migrate_pages',
  'lookup_dcookie',
  'fanotify_init',
  'open_by_handle_at',
  'name_to_handle_at',
  // Mounts and the filesystem tree.
  'mount',
  'umount',
  'umount2',
  'pivot_root',
  'chroot',
  'fsopen',
  'fsconfig',
  'fsmount',
  'fspick',
  'move_mount',
  'open_tree',
  'mount_setattr',
  'quotactl',
  'quotactl_fd',
  // Modules, kexec, the machine.
  'init_module',
  'finit_module',
  'delete_module',
  'create_module',
  'get_kernel_syms',
  'query_module',
  'kexec_load',
  'kexec_file_load',
  'reboot',
  'swapon',
  'swapoff',
  'acct',
  'syslog',
  'sethostname',
  'setdomainname',
  'iopl',
  'ioperm',
  'vm86',
  'vm86old',
  'uselib',
  'ustat',
  'sysfs',
  '_sysctl',
  'nfsservctl',
  // Clocks.
  'settimeofday',
  'stime',
  'clock_settime',
  'clock_adjtime',
  'adjtimex',
] as const;

/** `clone` flags that create a namespace: CLONE_NEWNS, NEWCGROUP, NEWUTS, NEWIPC, NEWUSER, NEWPID, NEWNET. */
export const NAMESPACE_CLONE_FLAGS = [0x00020000, 0x02000000, 0x04000000, 0x08000000, 0x10000000, 0x20000000, 0x40000000] as const;

/** `personality` flags refused: ADDR_NO_RANDOMIZE and READ_IMPLIES_EXEC. */
const REFUSED_PERSONALITY_FLAGS = [0x0040000, 0x0400000] as const;

interface SyscallRule {
  names: string[];
  action: 'SCMP_ACT_ERRNO';
  errnoRet: number;
  args?: { index: number; value: number; valueTwo: number; op: 'SCMP_CMP_MASKED_EQ' }[];
}

/** One rule per flag: refused when the flag is set in argument `index` of `name`. */
function whenFlagSet(name: string, index: number, flags: readonly number[]): SyscallRule[] {
  return flags.map((flag) => ({
    names: [name],
    action: 'SCMP_ACT_ERRNO',
    errnoRet: EPERM,
    args: [{ index, value: flag, valueTwo: flag, op: 'SCMP_CMP_MASKED_EQ' }],
  }));
}

export const SECCOMP_PROFILE = {
  defaultAction: 'SCMP_ACT_ALLOW',
  // The engine picks the entry of its own architecture.
  archMap: [
    { architecture: 'SCMP_ARCH_X86_64', subArchitectures: ['SCMP_ARCH_X86', 'SCMP_ARCH_X32'] },
    { architecture: 'SCMP_ARCH_AARCH64', subArchitectures: ['SCMP_ARCH_ARM'] },
  ],
  syscalls: [
    { names: [...REFUSED_SYSCALLS], action: 'SCMP_ACT_ERRNO', errnoRet: EPERM },
    { names: ['clone3'], action: 'SCMP_ACT_ERRNO', errnoRet: ENOSYS },
    // On x86 and arm, clone's flags are its first argument.
    ...whenFlagSet('clone', 0, NAMESPACE_CLONE_FLAGS),
    ...whenFlagSet('personality', 0, REFUSED_PERSONALITY_FLAGS),
  ] satisfies SyscallRule[],
};

/** The `SecurityOpt` entry that applies the profile (the engine's API takes the JSON itself). */
export const SECCOMP_SECURITY_OPT = `seccomp=${JSON.stringify(SECCOMP_PROFILE)}`;
