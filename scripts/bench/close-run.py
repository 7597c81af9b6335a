#!/usr/bin/env python3
"""./bankoffice bench close: drives one period close over HTTP and reports it; renders the final table.

  close-run.py run --api URL --period YYYY-MM --cutoff ISO --password P --accounts N --postings M
                   --entries E --lines L --seed-seconds S --api-pid PID --pg-pid PID --tsv FILE
      signs in as the demo admin, POST /api/v1/periods/{period}/close, polls
      GET /api/v1/periods/close-runs/{id} until the run is no longer RUNNING, then runs
      GET /api/v1/admin/ledger/check; prints what it saw and appends one row to FILE.
      Exits 0 when the close SUCCEEDED and the ledger check is ok, 1 otherwise. With
      --statement-formats pdf[,excel,csv] it then starts the period's statement run
      (POST /api/v1/statement-runs), polls it to the end and reports its time and the stored files.
  close-run.py report FILE
      prints the table of every row in FILE.
  close-run.py slow PG_LOG [COUNT]
      prints the slowest statements PostgreSQL logged (log_min_duration_statement), longest first.
"""
import argparse
import json
import os
import re
import sys
import time
import urllib.error
import urllib.request
from datetime import datetime

ADMIN = "admin@bankoffice.local"
APPROVER = "manager@bankoffice.local"
STEPS = ["CUTOFF", "INTEREST", "PROVISION", "RECONCILIATION", "SNAPSHOTS", "STATEMENTS", "FINALIZE"]
FIELDS = ["accounts", "postings", "entries", "lines", "seed_s", "status", "close_s", "server_s",
          *[s.lower() + "_s" for s in STEPS], "api_cpu_s", "pg_cpu_s", "load", "ledger_ok", "ledger_s", "note"]


class Api:
    def __init__(self, base, password):
        self.base, self.password, self.token = base.rstrip("/"), password, None

    def login(self):
        status, body = self.call("POST", "/api/v1/auth/login", {"email": ADMIN, "password": self.password}, auth=False)
        if status != 200:
            sys.exit(f"cannot sign in as {ADMIN}: HTTP {status} {body}")
        self.token = body["accessToken"]

    def call(self, method, path, payload=None, auth=True, timeout=60):
        data = json.dumps(payload).encode() if payload is not None else None
        request = urllib.request.Request(self.base + path, data=data, method=method)
        request.add_header("Accept", "application/json")
        if data is not None:
            request.add_header("Content-Type", "application/json")
        if auth:
            request.add_header("Authorization", f"Bearer {self.token}")
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                raw = response.read()
                return response.status, json.loads(raw) if raw else None
        except urllib.error.HTTPError as e:
            raw = e.read()
            try:
                return e.code, json.loads(raw)
            except ValueError:
                return e.code, raw.decode(errors="replace")

    def get(self, path, timeout=60):
        status, body = self.call("GET", path, timeout=timeout)
        if status == 401:
            # A long close can outlive the access token; sign in again and retry once.
            self.login()
            status, body = self.call("GET", path, timeout=timeout)
        return status, body


def ts(value):
    return datetime.fromisoformat(value.replace("Z", "+00:00")) if value else None


def seconds(start, end):
    a, b = ts(start), ts(end)
    return (b - a).total_seconds() if a and b else None


def ticks_api(pid):
    """CPU ticks (1/100 s) of one process and its reaped children."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return sum(int(x) for x in fields[11:15])
    except (OSError, IndexError, ValueError):
        return None


def ticks_pg(postmaster):
    """CPU ticks of the PostgreSQL cluster: the postmaster, the backends it reaped and its live children."""
    total = 0
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        # fields[0] is the state, [1] the parent pid, [11..14] utime, stime, cutime, cstime
        if name == str(postmaster):
            total += sum(int(x) for x in fields[11:15])
        elif fields[1] == str(postmaster):
            total += int(fields[11]) + int(fields[12])
    return total


def loadavg():
    """The 1-minute load average: on a shared machine, other work slows the close down."""
    try:
        with open("/proc/loadavg") as f:
            return float(f.read().split()[0])
    except (OSError, ValueError):
        return None


def fmt(v, digits=1):
    return "-" if v is None or v == "" else f"{float(v):.{digits}f}"


def run(args):
    api = Api(args.api, args.password)
    api.login()
    body = {"cutoffDateTime": args.cutoff, "includeAccruals": True, "runProvision": True, "approvedBy": APPROVER}
    api0, pg0, load0 = ticks_api(args.api_pid), ticks_pg(args.pg_pid), loadavg()
    t0 = time.monotonic()
    status, started = api.call("POST", f"/api/v1/periods/{args.period}/close", body)
    if status != 202:
        print(f"  POST /api/v1/periods/{args.period}/close answered HTTP {status}: {json.dumps(started)}")
        ledger_ok, ledger_s = ledger_check(api)
        code = started.get("code", "") if isinstance(started, dict) else ""
        append(args.tsv, args, status=f"HTTP {status}", ledger_ok="ok" if ledger_ok else "FAILED", ledger_s=ledger_s, note=f"close refused: {code}")
        return 1
    run_id = started["id"]
    print(f"  close run {run_id} accepted in {time.monotonic() - t0:.2f} s; polling")

    last_line, last_print, current = None, 0.0, started
    deadline = t0 + args.timeout
    while current["status"] == "RUNNING":
        if time.monotonic() > deadline:
            print(f"  still RUNNING after {args.timeout} s; giving up (the run goes on in the API until it is stopped)")
            break
        time.sleep(args.poll)
        code, body_ = api.get(f"/api/v1/periods/close-runs/{run_id}")
        if code != 200:
            print(f"  GET close-runs/{run_id} answered HTTP {code}: {body_}")
            continue
        current = body_
        step = next((s for s in current["steps"] if s["step"] == current.get("currentStep")), None)
        line = f"{current['status']} {current['progress']}% {current.get('currentStep') or '-'}"
        if step:
            line += f" {step['processed']}/{step['total']}"
        now = time.monotonic()
        if (line != last_line and now - last_print >= 5) or now - last_print >= 30 or current["status"] != "RUNNING":
            print(f"  [{now - t0:7.1f} s] {line}")
            last_line, last_print = line, now
    t1 = time.monotonic()
    api1, pg1, load1 = ticks_api(args.api_pid), ticks_pg(args.pg_pid), loadavg()

    steps = {s["step"]: s for s in current["steps"]}
    print(f"  status {current['status']} after {t1 - t0:.1f} s (server: startedAt {current['startedAt']}, finishedAt {current.get('finishedAt')});"
          f" load average {fmt(load0)} before, {fmt(load1)} after")
    for name in STEPS:
        s = steps.get(name)
        if s:
            d = seconds(s.get("startedAt"), s.get("finishedAt"))
            print(f"    {name:<15} {s['status']:<8} {fmt(d, 2):>9} s  {s['processed']}/{s['total']}  {s.get('message') or ''}")
    if current.get("error"):
        print(f"  error: {current['error']}")
    for e in current.get("exceptions", [])[:10]:
        print(f"  exception {e['kind']} {e['reference']} {e['currency']}: expected {e['expected']}, actual {e['actual']} ({e['message']})")
    if len(current.get("exceptions", [])) > 10:
        print(f"  ... {len(current['exceptions'])} exceptions in all")
    summary = current.get("summary")
    if summary:
        booked = ", ".join(f"{x['amount']} {x['currency']}" for x in summary.get("interestBooked", []))
        print(f"  summary: interest {booked or 'none'} on {summary.get('interestAccounts')} accounts; "
              f"balance snapshots {summary.get('balanceSnapshots')}, aging snapshots {summary.get('agingSnapshots')}, statements {summary.get('statements')}")
        for p in summary.get("provisions", []):
            print(f"  provision {p['currency']}: required {p['required']}, previous {p['previous']}, adjustment {p['adjustment']}")

    ledger_ok, ledger_s = ledger_check(api)

    cpu_api = (api1 - api0) / 100 if api0 is not None and api1 is not None else None
    cpu_pg = (pg1 - pg0) / 100
    durations = {n: seconds(steps[n].get("startedAt"), steps[n].get("finishedAt")) if n in steps else None for n in STEPS}
    append(args.tsv, args, status=current["status"], close_s=t1 - t0,
           server_s=seconds(current["startedAt"], current.get("finishedAt")), durations=durations,
           api_cpu_s=cpu_api, pg_cpu_s=cpu_pg, load=max(x for x in (load0, load1, 0) if x is not None), ledger_ok="ok" if ledger_ok else "FAILED", ledger_s=ledger_s,
           note=(current.get("error") or "")[:200].replace("\t", " ").replace("\n", " "))
    statements_ok = True
    if args.statement_formats and current["status"] == "SUCCEEDED":
        statements_ok = statement_run(api, args)
    return 0 if current["status"] == "SUCCEEDED" and ledger_ok and statements_ok else 1


def statement_run(api, args):
    """Renders and stores every statement of the closed period; prints seconds, rate and file sizes."""
    formats = args.statement_formats.split(",")
    api0, pg0 = ticks_api(args.api_pid), ticks_pg(args.pg_pid)
    t0 = time.monotonic()
    code, run_ = api.call("POST", "/api/v1/statement-runs", {"period": args.period, "formats": formats})
    if code != 202:
        print(f"  POST /api/v1/statement-runs answered HTTP {code}: {run_}")
        return False
    last_print = 0.0
    while run_["status"] in ("QUEUED", "RUNNING"):
        if time.monotonic() - t0 > args.timeout:
            print(f"  statement run still {run_['status']} after {args.timeout} s; giving up")
            return False
        time.sleep(args.poll)
        code, body = api.get(f"/api/v1/statement-runs/{run_['id']}")
        if code == 200:
            run_ = body
        if time.monotonic() - last_print >= 10:
            print(f"  [{time.monotonic() - t0:7.1f} s] statement run {run_['status']} {run_['processed']}/{run_['total']}, failed {run_['failed']}")
            last_print = time.monotonic()
    elapsed = time.monotonic() - t0
    api1, pg1 = ticks_api(args.api_pid), ticks_pg(args.pg_pid)
    sizes, page = {}, 1
    while True:
        code, body = api.get(f"/api/v1/statements?period={args.period}&page={page}&size=100")
        if code != 200:
            break
        for s in body["data"]:
            for f in s["files"]:
                sizes.setdefault(f["format"], []).append(f["sizeBytes"])
        if page >= body["pagination"]["totalPages"]:
            break
        page += 1
    chromium = "" if "pdf" not in formats else " (the API's CPU excludes Chromium, which prints the PDFs in its own processes)"
    print(f"  statement run {run_['status']}: {run_['processed']} of {run_['total']} statements ({run_['failed']} failed) as {','.join(formats)}"
          f" in {elapsed:.1f} s = {run_['processed'] / elapsed if elapsed else 0:.1f} statements/s; API CPU {fmt((api1 - api0) / 100 if api0 is not None and api1 is not None else None)} s,"
          f" PostgreSQL CPU {fmt((pg1 - pg0) / 100)} s{chromium}; load average {fmt(loadavg())}")
    for fmt_, values in sorted(sizes.items()):
        values.sort()
        print(f"    {fmt_}: {len(values)} files, {sum(values) / 1e6:.1f} MB in all, median {values[len(values) // 2] / 1024:.1f} KB, largest {values[-1] / 1024:.1f} KB")
    if run_.get("message"):
        print(f"    {run_['message']}")
    return run_["status"] == "COMPLETED"


def ledger_check(api):
    """GET /api/v1/admin/ledger/check: (ok, seconds)."""
    l0 = time.monotonic()
    code, check = api.get("/api/v1/admin/ledger/check", timeout=1800)
    ledger_s = time.monotonic() - l0
    ledger_ok = code == 200 and bool(check.get("ok"))
    if code == 200:
        print(f"  ledger check: ok={str(check['ok']).lower()} ({check['entries']} entries, {check['lines']} lines, {check['accountsChecked']} accounts)"
              f" in {ledger_s:.1f} s (server {check['milliseconds'] / 1000:.1f} s); unbalanced entries {len(check['unbalancedEntries'])},"
              f" balance mismatches {len(check['balanceMismatches'])}")
        for t in check["currencyTotals"]:
            if t.get("sum") not in (0, 0.0):
                print(f"    {t}")
        for u in check["unbalancedEntries"][:5]:
            print(f"    unbalanced entry {u}")
        for m in check["balanceMismatches"][:5]:
            print(f"    balance mismatch {m}")
    else:
        print(f"  ledger check answered HTTP {code}: {check}")
    return ledger_ok, ledger_s


def append(path, args, status, close_s=None, server_s=None, durations=None, api_cpu_s=None, pg_cpu_s=None, load=None, ledger_ok="-", ledger_s=None, note=""):
    durations = durations or {}
    row = [args.accounts, args.postings, args.entries, args.lines, fmt(args.seed_seconds, 0), status, fmt(close_s), fmt(server_s, 2),
           *[fmt(durations.get(n), 2) for n in STEPS], fmt(api_cpu_s), fmt(pg_cpu_s), fmt(load), ledger_ok, fmt(ledger_s), note]
    with open(path, "a") as f:
        f.write("\t".join(str(x) for x in row) + "\n")


def report(path):
    rows = [dict(zip(FIELDS, line.rstrip("\n").split("\t"))) for line in open(path) if line.strip()]
    cols = [("N", "accounts"), ("M", "postings"), ("entries", "entries"), ("lines", "lines"), ("seed s", "seed_s"),
            ("close s", "close_s"), *[(s.lower(), s.lower() + "_s") for s in STEPS],
            ("API CPU s", "api_cpu_s"), ("PG CPU s", "pg_cpu_s"), ("load", "load"), ("status", "status"), ("ledger", "ledger_ok")]
    widths = [max([len(h)] + [len(r.get(k, "")) for r in rows]) for h, k in cols]
    print(" | ".join(h.rjust(w) for (h, _), w in zip(cols, widths)))
    print("-+-".join("-" * w for w in widths))
    for r in rows:
        print(" | ".join(r.get(k, "").rjust(w) for (_, k), w in zip(cols, widths)))
    notes = [r for r in rows if r.get("note")]
    for r in notes:
        print(f"N={r['accounts']}: {r['note']}")


def slow(path, count):
    """Statements from 'LOG:  duration: N ms  statement|execute …:' lines and their continuation lines."""
    entries, current = [], None
    head = re.compile(r"LOG:\s+duration: ([\d.]+) ms\s+(?:statement|execute [^:]*|bind [^:]*|parse [^:]*): (.*)$")
    for line in open(path, errors="replace"):
        m = head.search(line)
        if m:
            current = [float(m.group(1)), m.group(2)]
            entries.append(current)
        elif current is not None and line.startswith("\t"):
            current[1] += " " + line.strip()
        else:
            current = None
    entries.sort(key=lambda e: -e[0])
    if not entries:
        print("  no statement took longer than the logging threshold")
    for ms, sql in entries[:count]:
        sql = re.sub(r"\s+", " ", sql).strip()
        print(f"  {ms / 1000:8.2f} s  {sql[:400]}{' ...' if len(sql) > 400 else ''}")


def main():
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="cmd", required=True)
    r = sub.add_parser("run")
    r.add_argument("--api", required=True)
    r.add_argument("--period", required=True)
    r.add_argument("--cutoff", required=True)
    r.add_argument("--password", required=True)
    r.add_argument("--accounts", type=int, required=True)
    r.add_argument("--postings", type=int, required=True)
    r.add_argument("--entries", type=int, required=True)
    r.add_argument("--lines", type=int, required=True)
    r.add_argument("--seed-seconds", type=float, required=True)
    r.add_argument("--api-pid", type=int, required=True)
    r.add_argument("--pg-pid", type=int, required=True)
    r.add_argument("--tsv", required=True)
    r.add_argument("--poll", type=float, default=0.5)
    r.add_argument("--timeout", type=float, default=3600)
    r.add_argument("--statement-formats", default="")
    p = sub.add_parser("report")
    p.add_argument("tsv")
    w = sub.add_parser("slow")
    w.add_argument("log")
    w.add_argument("count", type=int, nargs="?", default=8)
    args = parser.parse_args()
    if args.cmd == "run":
        sys.exit(run(args))
    if args.cmd == "slow":
        slow(args.log, args.count)
        return
    report(args.tsv)


if __name__ == "__main__":
    main()
