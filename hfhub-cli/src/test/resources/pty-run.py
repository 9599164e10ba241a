"""Runs a command with its stderr (and stdin) on a new pseudo-terminal of a given width, its stdout on a pipe.

usage: pty-run.py COLUMNS STDOUT_FILE COMMAND...
Writes every byte the command sent to the terminal to our stdout, its stdout to STDOUT_FILE, and exits with
its exit status. Used by the CLI's progress tests: a real terminal, as a user has one.
"""
import fcntl
import os
import pty
import struct
import sys
import termios

columns = int(sys.argv[1])
stdout_file = sys.argv[2]
command = sys.argv[3:]

out = os.open(stdout_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
pid, fd = pty.fork()
if pid == 0:
    # the child: its controlling terminal is the pty (stdin, stdout, stderr); give it the width, then
    # send stdout to the file so only stderr is the terminal
    fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 24, columns, 0, 0))
    os.dup2(out, 1)
    os.execvp(command[0], command)
os.close(out)
chunks = []
while True:
    try:
        data = os.read(fd, 65536)
    except OSError:  # EIO: the child closed the terminal
        break
    if not data:
        break
    chunks.append(data)
_, status = os.waitpid(pid, 0)
sys.stdout.buffer.write(b"".join(chunks))
sys.stdout.flush()
sys.exit(os.waitstatus_to_exitcode(status))
