#!/usr/bin/env python3
"""Time a program on a pseudo-terminal that never answers.

Usage: silentpty.py RUNS CMD...

Starts CMD RUNS times in a fresh 100x30 pty whose other end reads all
output and writes nothing, so a query to the terminal (background colour,
cursor position, device attributes) gets no reply. Prints the median, the
quartiles and the maximum time from fork to exit in milliseconds, and
whether the program wrote a terminal query.
"""
import fcntl, os, pty, select, statistics, struct, sys, termios, time

QUERIES = {b"\x1b]11;?": "OSC 11 background", b"\x1b[c": "DA1", b"\x1b[6n": "cursor position"}


def once(cmd):
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["TERM"] = "xterm-256color"
        os.execvp(cmd[0], cmd)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    start = time.perf_counter()
    out = b""
    while time.perf_counter() - start < 10:
        r, _, _ = select.select([fd], [], [], 0.05)
        if r:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            out += chunk
        done, _ = os.waitpid(pid, os.WNOHANG)
        if done:
            break
    else:
        os.kill(pid, 9)
    os.waitpid(pid, 0) if not done else None
    elapsed = (time.perf_counter() - start) * 1000
    os.close(fd)
    return elapsed, [name for q, name in QUERIES.items() if q in out]


def main():
    runs, cmd = int(sys.argv[1]), sys.argv[2:]
    times, asked = [], set()
    for _ in range(runs):
        t, q = once(cmd)
        times.append(t)
        asked.update(q)
    qs = statistics.quantiles(times, n=4) if runs > 1 else [times[0]] * 3
    print(f"{' '.join(cmd)}: median {qs[1]:.1f} ms (p25 {qs[0]:.1f}, p75 {qs[2]:.1f}, max {max(times):.1f}, n={runs}); "
          f"queries: {', '.join(sorted(asked)) or 'none'}")


main()
