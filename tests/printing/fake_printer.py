"""A fake ESC/POS network printer on 127.0.0.1 (an ephemeral port), for the tests only.

It keeps what it is sent (`jobs`: one bytes object a connection, status queries taken
out) and answers DLE EOT n like a real printer. Its `state` says how it behaves:
  ok          prints, answers every query
  paper_out   answers: offline, stopped at paper end, paper sensor empty
  cover_open  answers: offline, cover open
  slow        never answers a query (the client's timeout runs out)
  drop        closes the connection (RST) after `drop_after` bytes of a job
`off()` gives a URI where nothing listens. Everything is bounded: connections end when
the client closes, the server stops when the `with` block ends.
"""

import select
import socket
import struct
import threading

DLE_EOT = b"\x10\x04"
ANSWERS = {
    "ok": {1: 0x12, 2: 0x12, 4: 0x12},
    "paper_out": {1: 0x1A, 2: 0x32, 4: 0x72},
    "cover_open": {1: 0x1A, 2: 0x16, 4: 0x12},
}


class FakePrinter:
    def __init__(self, state: str = "ok", drop_after: int = 2000):
        self.state = state
        self.drop_after = drop_after
        self.jobs: list[bytes] = []
        self.queries: list[int] = []
        self._lock = threading.Lock()
        self._listener = socket.socket()
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(8)
        self._port = self._listener.getsockname()[1]
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self._acceptor = threading.Thread(target=self._accept_loop, daemon=True)

    @property
    def uri(self) -> str:
        return f"tcp://127.0.0.1:{self._port}"

    def __enter__(self):
        self._acceptor.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._acceptor.join(timeout=5)
        self._accept_waiting()  # a client that connected, wrote and left meanwhile
        self._listener.close()
        for thread in self._threads:
            thread.join(timeout=10)

    def _accept_loop(self) -> None:
        while not self._stop.is_set():
            ready, _, _ = select.select([self._listener], [], [], 0.05)
            if ready:
                self._accept_one()

    def _accept_waiting(self) -> None:
        while select.select([self._listener], [], [], 0)[0]:
            self._accept_one()

    def _accept_one(self) -> None:
        conn, _ = self._listener.accept()
        thread = threading.Thread(target=self._serve, args=(conn,), daemon=True)
        self._threads.append(thread)
        thread.start()

    @property
    def printed(self) -> bytes:
        """The last job's bytes."""
        with self._lock:
            return self.jobs[-1] if self.jobs else b""

    def _serve(self, conn: socket.socket) -> None:
        conn.settimeout(5)
        job = bytearray()
        try:
            while True:
                size = 65536
                if self.state == "drop":
                    size = max(1, self.drop_after - len(job))
                try:
                    chunk = conn.recv(size)
                except (TimeoutError, OSError):
                    break
                if not chunk:
                    break
                while len(chunk) >= 3 and chunk[-3:-1] == DLE_EOT and chunk[-1] in (1, 2, 4):
                    n = chunk[-1]
                    chunk = chunk[:-3]
                    job += chunk
                    chunk = b""
                    self._answer(conn, n)
                job += chunk
                if self.state == "drop" and len(job) >= self.drop_after:
                    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                                    struct.pack("ii", 1, 0))
                    break
        finally:
            with self._lock:
                self.jobs.append(bytes(job))
            conn.close()

    def _answer(self, conn: socket.socket, n: int) -> None:
        with self._lock:
            self.queries.append(n)
        if self.state == "slow":
            return
        answers = ANSWERS.get(self.state, ANSWERS["ok"])
        conn.sendall(bytes([answers[n]]))


def off_uri() -> str:
    """A 127.0.0.1 port where nothing listens (a printer switched off)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"tcp://127.0.0.1:{port}"
