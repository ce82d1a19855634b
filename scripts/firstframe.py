#!/usr/bin/env python3
"""Time to first frame of terminal programs, side by side, in a real pty.

Usage: firstframe.py RUNS 'TEXT' CMD... -- 'TEXT' CMD...

Each command is started RUNS times in a fresh 100x30 pseudo-terminal
(alternating between the commands, so machine load hits both alike) and
timed from fork until TEXT first appears in what it draws. Prints the
median and quartiles per command, in milliseconds.
"""
import fcntl, os, pty, select, signal, statistics, struct, sys, termios, time


def once(cmd, text):
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["TERM"] = "xterm-256color"
        os.execvp(cmd[0], cmd)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    start = time.perf_counter()
    buf = b""
    elapsed = None
    while time.perf_counter() - start < 10:
        r, _, _ = select.select([fd], [], [], 0.05)
        if not r:
            continue
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        buf += chunk
        # Answer terminal queries (cursor position, background colour)
        # the way a real terminal would, so nobody waits on a timeout.
        if b"\x1b[6n" in chunk:
            os.write(fd, b"\x1b[1;1R")
        if b"\x1b]11;?" in chunk:
            os.write(fd, b"\x1b]11;rgb:0000/0000/0000\x1b\\")
        if text.encode() in buf:
            elapsed = (time.perf_counter() - start) * 1000
            break
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    os.close(fd)
    return elapsed


def main():
    runs = int(sys.argv[1])
    specs, cur = [], []
    for a in sys.argv[2:]:
        if a == "--":
            specs.append(cur)
            cur = []
        else:
            cur.append(a)
    specs.append(cur)
    times = {i: [] for i in range(len(specs))}
    for _ in range(runs):
        for i, spec in enumerate(specs):
            t = once(spec[1:], spec[0])
            if t is None:
                sys.exit(f"{' '.join(spec[1:])}: never showed {spec[0]!r}")
            times[i].append(t)
    for i, spec in enumerate(specs):
        q = statistics.quantiles(times[i], n=4)
        print(f"{' '.join(spec[1:])}: median {statistics.median(times[i]):.1f} ms "
              f"(p25 {q[0]:.1f}, p75 {q[2]:.1f}, n={runs})")


if __name__ == "__main__":
    main()
