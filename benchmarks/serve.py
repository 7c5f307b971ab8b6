#!/usr/bin/env python3
"""``mtqa serve`` under load and under bad requests, on loopback, bounded in time.

    python benchmarks/serve.py [--workers 2] [--clients 4] [--seconds 5] [--docs 40] [--fluency] [--no-cli]

1. ``mtqa check corpus.jsonl --no-fluency --jobs N`` on the same articles, timed
   (the baseline: the CLI with as many worker processes as the server);
2. ``mtqa serve --workers N`` (a subprocess, a token set), then ``--clients``
   clients posting one article each, back to back, for ``--seconds``: articles/s,
   latency p50/p95/p99, the resident memory of the server and its workers;
3. the same traffic again, and in the middle of it a burst of bad requests:
   oversized (413), malformed JSON, no target, a wrong type (422), no token or a
   wrong one (401), a partial body that stalls (slowloris, 408), and more
   concurrent requests than workers + queue (503 with Retry-After, or 200).
   Every normal request must be answered 200 with the same report as in (2);
4. the server is still alive (health 200), and SIGTERM lets a request in
   flight finish (graceful shutdown).

The articles are the NTREX English documents (``../shared/data/ntrex``), else
the seed article under different ids.  Prints one line per figure; exits 1
when a normal request failed or a bad one got the wrong status.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NTREX = ROOT.parent / "shared" / "data" / "ntrex"
SEED = ROOT / "seeds" / "000_b3dce5b5bb70e21c.txt"
MTQA = [sys.executable, "-m", "mtqa"]
TOKEN = "benchmark-token-0123456789abcdef"
MAX_BODY = 256 * 1024
BODY_TIMEOUT = 2.0
QUEUE = 4


def articles(n: int) -> list[dict[str, str]]:
    """``n`` articles: NTREX English documents (title + paragraphs), else the seed article."""
    if (NTREX / "newstest2019-src.eng.txt").is_file():
        sys.path.insert(0, str(ROOT / "benchmarks"))
        from ntrex import documents

        out = []
        for doc_id, pairs in list(documents(NTREX).items())[:n]:
            lines = [en for en, _ in pairs]
            out.append({"id": doc_id, "target": "\n\n".join(lines) + "\n"})
        return out
    text = SEED.read_text("utf-8")
    return [{"id": f"seed-{i}", "target": text} for i in range(n)]


# -- the CLI baseline -----------------------------------------------------------------


def cli_baseline(docs: list[dict[str, str]], jobs: int, fluency: bool) -> tuple[float, dict[str, list]]:
    """Seconds for ``mtqa check corpus.jsonl --jobs N`` and each article's (code, start, end) list."""
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        corpus.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), "utf-8")
        out = Path(tmp) / "out.jsonl"
        cmd = [
            *MTQA,
            "check",
            str(corpus),
            "--jobs",
            str(jobs),
            "-f",
            "jsonl",
            "-o",
            str(out),
            "-q",
            "--isolated",
        ]
        if not fluency:
            cmd.append("--no-fluency")
        started = time.perf_counter()
        subprocess.run(cmd, cwd=tmp, check=False, capture_output=True)
        seconds = time.perf_counter() - started
        findings = {}
        for line in out.read_text("utf-8").splitlines():
            record = json.loads(line)
            if record.get("type") == "document":
                findings[record["id"]] = sorted((f["code"], f["start"], f["end"]) for f in record["findings"])
        return seconds, findings


# -- the server -------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def request(
    port: int,
    method: str,
    path: str,
    body: bytes | None = None,
    token: str | None = TOKEN,
    headers: dict[str, str] | None = None,
    timeout: float = 120.0,
) -> tuple[int, dict[str, str], bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        h = {"Content-Type": "application/json", **(headers or {})}
        if token:
            h["Authorization"] = f"Bearer {token}"
        conn.request(method, path, body=body, headers=h)
        response = conn.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        conn.close()


def rss_mb(pid: int) -> float:
    """Resident memory of ``pid`` and its descendants, in MB (Linux /proc)."""
    total = 0
    todo = [pid]
    while todo:
        p = todo.pop()
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
            for task in Path(f"/proc/{p}/task").iterdir():
                todo.extend(int(c) for c in (task / "children").read_text().split())
        except (OSError, ValueError):
            continue
    return total / 1024


class Server:
    def __init__(self, workers: int, fluency: bool) -> None:
        self.port = free_port()
        cmd = [
            *MTQA,
            "serve",
            "--port",
            str(self.port),
            "--workers",
            str(workers),
            "--isolated",
            "--queue",
            str(QUEUE),
            "--max-body",
            str(MAX_BODY),
            "--body-timeout",
            str(BODY_TIMEOUT),
            "--no-access-log",
            "--fluency" if fluency else "--no-fluency",
        ]
        self.log = tempfile.TemporaryFile()
        self.process = subprocess.Popen(
            cmd, env=dict(os.environ, MTQA_TOKEN=TOKEN), stdout=self.log, stderr=self.log
        )
        self.capacity = workers + QUEUE

    def wait(self, seconds: float = 300) -> float:
        started = time.perf_counter()
        while time.perf_counter() - started < seconds:
            if self.process.poll() is not None:
                self.log.seek(0)
                sys.exit(f"the server exited: {self.log.read().decode(errors='replace')[-2000:]}")
            try:
                if request(self.port, "GET", "/v1/health", timeout=2)[0] == 200:
                    return time.perf_counter() - started
            except OSError:
                pass
            time.sleep(0.2)
        sys.exit("the server did not start")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(60)
            except subprocess.TimeoutExpired:
                self.process.kill()


# -- traffic ------------------------------------------------------------------------------


class Traffic:
    """``clients`` threads posting articles back to back until stopped; each answer checked."""

    def __init__(self, port: int, docs: list[dict[str, str]], expected: dict[str, bytes]) -> None:
        self.port, self.docs, self.expected = port, docs, expected
        self.latencies: list[float] = []
        self.failures: list[str] = []
        self.retried = 0
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.next = 0

    def _article(self) -> dict[str, str]:
        with self.lock:
            doc = self.docs[self.next % len(self.docs)]
            self.next += 1
            return doc

    def client(self) -> None:
        while not self.stop.is_set():
            doc = self._article()
            body = json.dumps(doc).encode()
            started = time.perf_counter()
            try:
                status, headers, data = request(self.port, "POST", "/v1/check", body)
                while status == 503:  # the queue is full: wait as told, as a client should
                    self.retried += 1
                    time.sleep(float(headers.get("retry-after", "1")))
                    status, headers, data = request(self.port, "POST", "/v1/check", body)
            except OSError as exc:
                self.failures.append(f"{doc['id']}: {exc}")
                continue
            elapsed = time.perf_counter() - started
            want = self.expected.get(doc["id"])
            if status != 200:
                self.failures.append(f"{doc['id']}: {status} {data[:200]!r}")
            elif want is not None and data != want:
                self.failures.append(f"{doc['id']}: a different report than before")
            else:
                with self.lock:
                    self.expected.setdefault(doc["id"], data)
                    self.latencies.append(elapsed)

    def run(self, clients: int, seconds: float, during=None) -> float:
        threads = [threading.Thread(target=self.client) for _ in range(clients)]
        started = time.perf_counter()
        for t in threads:
            t.start()
        if during is not None:
            time.sleep(seconds / 3)
            during()
        time.sleep(max(0.0, seconds - (time.perf_counter() - started)))
        self.stop.set()
        for t in threads:
            t.join()
        return time.perf_counter() - started


def percentile(values: list[float], q: int) -> float:
    if not values:
        return float("nan")
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] if len(values) > 1 else values[0]


# -- the bad requests ---------------------------------------------------------------------


def slowloris(port: int) -> int:
    """A body promised and never finished: the server answers 408 after its body timeout."""
    with socket.create_connection(("127.0.0.1", port), timeout=BODY_TIMEOUT + 30) as s:
        s.sendall(
            b"POST /v1/check HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            + f"Authorization: Bearer {TOKEN}\r\nContent-Length: 1000\r\n\r\n".encode()
            + b'{"target": "Half a bo'
        )
        reply = s.recv(200)
    return int(reply.split(b" ", 2)[1]) if reply.startswith(b"HTTP/1.1 ") else 0


def burst(port: int, capacity: int, doc: dict[str, str]) -> list[tuple[str, int, tuple[int, ...]]]:
    """(what, status, accepted statuses) for each bad request."""
    good = json.dumps(doc).encode()
    cases: list[tuple[str, object, tuple[int, ...]]] = [
        (
            "oversized body",
            lambda: request(port, "POST", "/v1/check", b'{"target": "' + b"x" * MAX_BODY + b'"}')[0],
            (413,),
        ),
        ("malformed JSON", lambda: request(port, "POST", "/v1/check", b'{"target": "a')[0], (422,)),
        ("no target", lambda: request(port, "POST", "/v1/check", b'{"source": "Hei"}')[0], (422,)),
        ("wrong type", lambda: request(port, "POST", "/v1/check", b'{"target": ["a"]}')[0], (422,)),
        (
            "not JSON",
            lambda: request(port, "POST", "/v1/check", b"target=a", headers={"Content-Type": "text/plain"})[
                0
            ],
            (415,),
        ),
        ("no token", lambda: request(port, "POST", "/v1/check", good, token=None)[0], (401,)),
        ("wrong token", lambda: request(port, "POST", "/v1/check", good, token="x" * 32)[0], (401,)),
        ("slow partial body", lambda: slowloris(port), (408,)),
    ]
    results: list[tuple[str, int, tuple[int, ...]]] = []
    lock = threading.Lock()

    def one(what: str, call, ok: tuple[int, ...]) -> None:
        try:
            status = call()
        except OSError as exc:
            status = -1
            what += f" ({exc})"
        with lock:
            results.append((what, status, ok))

    threads = [threading.Thread(target=one, args=case) for case in cases for _ in range(3)]
    # more at once than workers + queue: each is answered, 200 or 503 with Retry-After
    threads += [
        threading.Thread(
            target=one, args=("overload", lambda: request(port, "POST", "/v1/check", good)[0], (200, 503))
        )
        for _ in range(3 * capacity)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def graceful_shutdown(server: Server, doc: dict[str, str]) -> int:
    """SIGTERM while a request is in flight: its status (200 when the server lets it finish)."""
    box: dict[str, int] = {}
    body = json.dumps(doc).encode()
    thread = threading.Thread(
        target=lambda: box.update(status=request(server.port, "POST", "/v1/check", body)[0])
    )
    thread.start()
    time.sleep(0.05)
    server.process.send_signal(signal.SIGTERM)
    thread.join(120)
    server.process.wait(60)
    return box.get("status", -1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, default=2, help="server worker processes = CLI --jobs")
    parser.add_argument("--clients", type=int, default=4, help="concurrent clients")
    parser.add_argument("--seconds", type=float, default=5.0, help="seconds of traffic per phase")
    parser.add_argument("--docs", type=int, default=40, help="distinct articles")
    parser.add_argument(
        "--fluency", action="store_true", help="with the reference model (each worker loads it)"
    )
    parser.add_argument("--no-cli", action="store_true", help="skip the CLI baseline")
    args = parser.parse_args()

    docs = articles(args.docs)
    words = sum(len(d["target"].split()) for d in docs) / len(docs)
    mode = "with the model" if args.fluency else "rules only"
    print(
        f"articles: {len(docs)} ({'NTREX' if docs[0]['id'] != 'seed-0' else 'seed'}), "
        f"{words:.0f} words on average; {mode}"
    )
    cli_findings: dict[str, list] = {}
    cli_rate = steady = None
    if not args.no_cli:
        seconds, cli_findings = cli_baseline(docs, args.workers, args.fluency)
        start_up, _ = cli_baseline(docs[:1], 1, args.fluency)
        cli_rate = len(docs) / seconds
        steady = len(docs) / max(seconds - start_up, 1e-9)
        print(
            f"cli: mtqa check corpus.jsonl --jobs {args.workers}: {len(docs)} articles in {seconds:.1f}s "
            f"= {cli_rate:.2f} articles/s (start-up included); {steady:.2f} articles/s less the "
            f"{start_up:.1f}s of a one-article run"
        )

    server = Server(args.workers, args.fluency)
    failed = False
    try:
        started = server.wait()
        print(
            f"serve: --workers {args.workers}: ready in {started:.1f}s, "
            f"{rss_mb(server.process.pid):.0f} MB resident (server + workers)"
        )
        for doc in docs[: args.workers]:  # warm: every worker has checked once
            request(server.port, "POST", "/v1/check", json.dumps(doc).encode())
        expected: dict[str, bytes] = {}
        load = Traffic(server.port, docs, expected)
        wall = load.run(args.clients, args.seconds)
        lat = load.latencies
        rate = len(lat) / wall
        print(
            f"load: {args.clients} clients, {wall:.1f}s: {len(lat)} articles = {rate:.2f} articles/s; latency "
            f"p50 {percentile(lat, 50) * 1000:.0f} ms, p95 {percentile(lat, 95) * 1000:.0f} ms, "
            f"p99 {percentile(lat, 99) * 1000:.0f} ms; failed {len(load.failures)}; "
            f"{rss_mb(server.process.pid):.0f} MB resident"
        )
        if cli_rate and steady:
            print(f"serve/cli throughput: {rate / cli_rate:.0%} (cli start-up included), {rate / steady:.0%} (without)")
        mismatched = 0
        for doc_id, body in expected.items():
            if doc_id in cli_findings:
                found = sorted(
                    (f["code"], f["start"], f["end"]) for f in json.loads(body)["documents"][0]["findings"]
                )
                mismatched += found != cli_findings[doc_id]
        if cli_findings:
            print(f"answers: {len(expected)} articles compared with the CLI's findings, {mismatched} differ")

        bad: list[tuple[str, int, tuple[int, ...]]] = []
        traffic = Traffic(server.port, docs, expected)
        wall = traffic.run(
            args.clients,
            max(args.seconds, BODY_TIMEOUT + 3),
            during=lambda: bad.extend(burst(server.port, server.capacity, docs[0])),
        )
        wrong = [(what, status, ok) for what, status, ok in bad if status not in ok]
        by_kind: dict[str, list[int]] = {}
        for what, status, _ in bad:
            by_kind.setdefault(what, []).append(status)
        print(
            f"burst: {len(bad)} bad requests during {len(traffic.latencies)} normal ones ({wall:.1f}s): "
            + ", ".join(f"{k} {'/'.join(map(str, sorted(set(v))))}" for k, v in by_kind.items())
        )
        print(
            f"burst: normal requests failed {len(traffic.failures)}, retried after 503 {traffic.retried}; "
            f"bad requests with the wrong status {len(wrong)}; p99 {percentile(traffic.latencies, 99) * 1000:.0f} ms"
        )
        for line in (traffic.failures + load.failures)[:5]:
            print(f"  failed: {line}")
        for what, status, ok in wrong[:5]:
            print(f"  wrong: {what}: {status}, expected {ok}")
        alive = request(server.port, "GET", "/v1/health")[0]
        print(f"after: health {alive}; {rss_mb(server.process.pid):.0f} MB resident")
        status = graceful_shutdown(server, docs[0])
        print(
            f"shutdown: SIGTERM with a request in flight: answered {status}, exit code {server.process.returncode}"
        )
        failed = bool(
            traffic.failures or load.failures or wrong or alive != 200 or status != 200 or mismatched
        )
    finally:
        server.stop()
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
