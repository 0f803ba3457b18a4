"""Keystroke -> echo latency of `kubectl exec -i -t`, the baseline for the exec bench.

kubectl needs a terminal on stdin to send a TTY session, so it runs on a fresh pseudo-terminal
here; this side plays the user, timing until the remote terminal's echo of each character comes
back through kubectl. argv: -- kubectl args... Prints "ready" once the session echoes, then for
each line on stdin types its one character and prints the milliseconds; an empty line ends it.
Driven a keystroke at a time so the bench can interleave kubectl's keystrokes with Loupe's.
"""
import fcntl
import json
import os
import pty
import select
import signal
import struct
import sys
import termios
import time

LETTERS = "abcdefghijklmnopqrstuvwxyz"


def read_until(fd, char, deadline):
    """Reads the terminal until `char` arrives; False if the deadline passes first."""
    while True:
        left = deadline - time.perf_counter()
        if left <= 0:
            return False
        readable, _, _ = select.select([fd], [], [], left)
        if not readable:
            return False
        data = os.read(fd, 4096)
        if not data:
            raise RuntimeError("kubectl closed its terminal")
        if char.encode() in data:
            return True


def main():
    sep, *command = sys.argv[1:]
    if sep != "--" or not command:
        sys.stderr.write("usage: kubectl-keystrokes.py -- kubectl args...\n")
        return 2
    pid, fd = pty.fork()
    if pid == 0:
        os.execvp(command[0], command)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    try:
        # The session is up once a typed character comes back (typed early, it waits in kubectl's stdin).
        deadline = time.perf_counter() + 30
        while not read_until(fd, "r", min(deadline, time.perf_counter() + 1)):
            if time.perf_counter() > deadline:
                raise RuntimeError("no echo from kubectl exec within 30 s")
            os.write(fd, b"r")
        print("ready", flush=True)
        for line in sys.stdin:
            char = line.strip()
            if not char:
                break
            start = time.perf_counter()
            os.write(fd, char.encode())
            if not read_until(fd, char, start + 10):
                raise RuntimeError(f"keystroke {char!r} was not echoed within 10 s")
            print(json.dumps((time.perf_counter() - start) * 1000), flush=True)
        return 0
    finally:
        os.kill(pid, signal.SIGTERM)
        os.waitpid(pid, 0)


if __name__ == "__main__":
    sys.exit(main())
