#!/usr/bin/env python3
"""Start-up time of whole processes, side by side, interleaved.

Usage: startup.py RUNS CMD -- CMD -- ...   (each CMD a shell-free argv)

Runs every command RUNS times, round-robin, so that load from anything
else on the machine hits them alike (hyperfine runs one command after the
other). Output goes to /dev/null. Prints per command the median wall time
from spawn to exit and the median CPU time (user + sys, from wait4), in
milliseconds, with the 25th and 75th percentiles.
"""
import os, statistics, sys, time


def once(argv, devnull):
    start = time.perf_counter()
    pid = os.posix_spawn(argv[0], argv, os.environ, file_actions=[
        (os.POSIX_SPAWN_DUP2, devnull, 1), (os.POSIX_SPAWN_DUP2, devnull, 2)])
    _, status, ru = os.wait4(pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{' '.join(argv)}: exit {os.waitstatus_to_exitcode(status)}")
    return wall * 1000, (ru.ru_utime + ru.ru_stime) * 1000


def main():
    runs = int(sys.argv[1])
    cmds, cur = [], []
    for a in sys.argv[2:]:
        if a == "--":
            cmds.append(cur)
            cur = []
        else:
            cur.append(a)
    cmds.append(cur)
    devnull = os.open(os.devnull, os.O_WRONLY)
    for c in cmds:  # warm-up: page cache, first-run effects
        for _ in range(20):
            once(c, devnull)
    walls = [[] for _ in cmds]
    cpus = [[] for _ in cmds]
    for _ in range(runs):
        for i, c in enumerate(cmds):
            w, u = once(c, devnull)
            walls[i].append(w)
            cpus[i].append(u)
    for c, w, u in zip(cmds, walls, cpus):
        qw = statistics.quantiles(w, n=4)
        qu = statistics.quantiles(u, n=4)
        print(f"{' '.join(c)}: wall {qw[1]:.2f} ms ({qw[0]:.2f}-{qw[2]:.2f}), "
              f"cpu {qu[1]:.2f} ms ({qu[0]:.2f}-{qu[2]:.2f}), n={runs}")


main()
