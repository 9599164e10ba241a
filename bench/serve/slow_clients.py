"""Opens 32 slow-header and 32 stalled-reader connections, then times a HEAD and a small GET (5 s cap each)."""
import socket
import sys
import threading
import time

host, port, base = sys.argv[1], int(sys.argv[2]), sys.argv[3]
held = []


def request(method, path):
    return f"{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode()


def connect():
    s = socket.create_connection((host, port))
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 65536)  # a stalled reader buffers little
    held.append(s)
    return s


def drip(sockets, data, stop):
    for b in data:
        for s in sockets:
            try:
                s.send(bytes([b]))
            except OSError:
                pass
        if stop.wait(2):
            return


def timed(method, path, cap=5.0):
    start = time.monotonic()
    s = socket.create_connection((host, port))
    s.settimeout(cap)
    try:
        s.sendall(request(method, path))
        status = s.recv(64).split(b"\r\n")[0].decode()
        while s.recv(65536):
            pass
        return f"{time.monotonic() - start:.3f} s ({status})"
    except OSError as e:
        return f"no answer within {cap:.0f} s ({e.__class__.__name__})"
    finally:
        s.close()


print("normal load:   HEAD", timed("HEAD", base + "/model.bin"), "| GET config.json", timed("GET", base + "/config.json"))
for _ in range(32):
    connect().sendall(request("GET", base + "/model.bin"))  # and never read
slow = [connect() for _ in range(32)]
stop = threading.Event()
threading.Thread(target=drip, args=(slow, request("GET", base + "/config.json"), stop), daemon=True).start()
time.sleep(1)
print("32 slow + 32 stalled: HEAD", timed("HEAD", base + "/model.bin"), "| GET config.json", timed("GET", base + "/config.json"))
stop.set()
for s in held:
    s.close()
