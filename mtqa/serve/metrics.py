"""The server's counters, written in Prometheus' text exposition format (0.0.4).

Counted in the server process (the event loop's thread), so no locks.  Labels
have bounded values: route templates, status codes, check families.
"""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict

#: Upper bounds (seconds) of the request latency histogram.
BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0)
CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"


def _labels(**labels: str) -> str:
    if not labels:
        return ""
    inner = ",".join(
        f'{k}="{v.replace(chr(92), chr(92) * 2).replace(chr(34), chr(92) + chr(34)).replace(chr(10), " ")}"'
        for k, v in labels.items()
    )
    return "{" + inner + "}"


def _num(value: float) -> str:
    return repr(float(value)) if not float(value).is_integer() else str(int(value))


class Metrics:
    def __init__(self) -> None:
        self.requests: Counter[tuple[str, str, str]] = Counter()  # (method, route, status)
        self.buckets: dict[str, list[int]] = defaultdict(lambda: [0] * (len(BUCKETS) + 1))
        self.latency_sum: defaultdict[str, float] = defaultdict(float)
        self.latency_count: Counter[str] = Counter()
        self.documents = 0
        self.findings: Counter[str] = Counter()
        self.rejected: Counter[str] = Counter()  # why: busy, timeout, too-large, ...

    def observe(self, method: str, route: str, status: int, seconds: float) -> None:
        self.requests[(method, route, str(status))] += 1
        self.buckets[route][bisect.bisect_left(BUCKETS, seconds)] += 1
        self.latency_sum[route] += seconds
        self.latency_count[route] += 1

    def checked(self, documents: int, findings: dict[str, int]) -> None:
        self.documents += documents
        self.findings.update(findings)

    def render(self, in_flight: int, capacity: int, workers: int) -> str:
        out: list[str] = []

        def family(name: str, kind: str, help_: str) -> None:
            out.append(f"# HELP {name} {help_}")
            out.append(f"# TYPE {name} {kind}")

        family("mtqa_http_requests_total", "counter", "HTTP requests answered, by method, route and status.")
        for (method, route, status), n in sorted(self.requests.items()):
            out.append(f"mtqa_http_requests_total{_labels(method=method, route=route, status=status)} {n}")
        family("mtqa_http_request_duration_seconds", "histogram", "Time to answer a request, by route.")
        for route in sorted(self.buckets):
            total = 0
            for bound, n in zip((*BUCKETS, float("inf")), self.buckets[route], strict=True):
                total += n
                le = "+Inf" if bound == float("inf") else _num(bound)
                out.append(f"mtqa_http_request_duration_seconds_bucket{_labels(route=route, le=le)} {total}")
            out.append(
                f"mtqa_http_request_duration_seconds_sum{_labels(route=route)} {_num(self.latency_sum[route])}"
            )
            out.append(
                f"mtqa_http_request_duration_seconds_count{_labels(route=route)} {self.latency_count[route]}"
            )
        family("mtqa_documents_checked_total", "counter", "Documents checked.")
        out.append(f"mtqa_documents_checked_total {self.documents}")
        family("mtqa_findings_total", "counter", "Findings reported, by check family.")
        for name, n in sorted(self.findings.items()):
            out.append(f"mtqa_findings_total{_labels(family=name)} {n}")
        family("mtqa_rejected_requests_total", "counter", "Requests refused, by reason.")
        for reason, n in sorted(self.rejected.items()):
            out.append(f"mtqa_rejected_requests_total{_labels(reason=reason)} {n}")
        family("mtqa_checks_in_flight", "gauge", "Check requests running or waiting for a worker.")
        out.append(f"mtqa_checks_in_flight {in_flight}")
        family("mtqa_checks_capacity", "gauge", "Check requests admitted at most (workers + queue).")
        out.append(f"mtqa_checks_capacity {capacity}")
        family("mtqa_workers", "gauge", "Worker processes (0: a thread of the server).")
        out.append(f"mtqa_workers {workers}")
        return "\n".join(out) + "\n"
