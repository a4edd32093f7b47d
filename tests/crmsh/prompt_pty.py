#!/usr/bin/env python3
"""prompt_pty.py CRM CIBFILE: drives `crm` on a pseudo-terminal as an operator
would: Tab completes a level, an object id and a node name; the Up arrow
brings the last command back; Ctrl-A / Ctrl-E edit the line.  Prints one
"ok NAME" or "FAIL NAME: ..." per check; exits 1 on any failure.  Every read
is bounded (5 s), the child is killed at the end."""
import os
import pty
import select
import signal
import sys
import time

crm, cib = sys.argv[1], sys.argv[2]
env = dict(os.environ, CIB_file=cib, TERM="xterm", LANG="C")
pid, fd = pty.fork()
if pid == 0:
    os.execve(crm, [crm], env)

buf = b""


def read_until(token, secs=5.0):
    """Everything up to and including token (bytes), or None on timeout."""
    global buf
    end = time.time() + secs
    while token not in buf:
        left = end - time.time()
        if left <= 0:
            return None
        r, _, _ = select.select([fd], [], [], left)
        if not r:
            continue
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            return None
        if not chunk:
            return None
        buf += chunk
    i = buf.index(token) + len(token)
    out, buf = buf[:i], buf[i:]
    return out


fails = 0


def check(name, cond, detail=""):
    global fails
    if cond:
        print("ok   " + name)
    else:
        fails += 1
        print("FAIL %s: %s" % (name, detail))


def send(s):
    os.write(fd, s.encode())


try:
    check("top prompt", read_until(b"crm(live)# ") is not None, repr(buf[-200:]))
    # the screen shows a completion as a redraw; what the line became shows in
    # what it does: "confi" alone is no command, "grpW" no object
    send("confi\t\n")
    check("Tab completes the level (configure entered)", read_until(b"crm(live)configure# ") is not None,
          repr(buf[-200:]))
    send("show grpW\t\n")
    got = read_until(b"crm(live)configure# ")
    check("Tab completes an object id (show grpWWW prints the group)", got is not None and b"group grpWWW" in got,
          repr(got)[-300:])
    send("\x1b[A")          # Up: the last line again
    send("\n")
    got = read_until(b"crm(live)configure# ")
    check("Up arrow repeats the last command", got is not None and b"group grpWWW" in got, repr(got)[-300:])
    # edit: type the end of a command, Ctrl-A to the start, type its beginning
    send("grpWWW\x01show \x05\n")
    got = read_until(b"crm(live)configure# ")
    check("Ctrl-A / Ctrl-E edit the line", got is not None and b"group grpWWW" in got, repr(got)[-300:])
    send("end\n")
    check("back at the top", read_until(b"crm(live)# ") is not None, repr(buf[-200:]))
    send("node standby pm0\t")
    # two candidates (pm01, pm02): the common part is kept, a second Tab lists them
    send("\t")
    got = read_until(b"pm02", 5)
    check("Tab on an ambiguous node name lists both", got is not None and b"pm01" in got, repr(buf[-300:]))
    send("\x15quit\n")      # Ctrl-U clears the line
    t = time.time() + 5
    status = None
    while time.time() < t:
        p, status = os.waitpid(pid, os.WNOHANG)
        if p:
            break
        try:
            os.read(fd, 4096)
        except OSError:
            pass
        time.sleep(0.05)
    check("quit ends crm with 0", status is not None and os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0,
          "status %r" % (status,))
finally:
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:
        pass
sys.exit(1 if fails else 0)
