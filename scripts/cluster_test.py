#!/usr/bin/env python3
"""The driver of scripts/cluster-test (issue 14): three `jbp serve` on one PostgreSQL database
behind nginx, a class driven through nginx while one instance is SIGKILLed and restarted, a
graceful SIGTERM during a burst of submissions, then throughput and p99 through nginx with one
instance and with three. Standard library only; run it through scripts/cluster-test, which
builds jbp, installs nginx, PostgreSQL and wrk, starts the database and cleans up.

    cluster_test.py --binary JBP --work DIR --db URL [--trainees N] [--seconds S] [--concurrency C]
"""
import argparse
import datetime
import http.client
import json
import os
import random
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid

T0 = time.monotonic()


def say(message):
    print(f"[{time.monotonic() - T0:7.1f}s] {message}", file=sys.stderr, flush=True)


# Answers that grade (exercises/quiz-m1-jbp/samples/full.yaml, exercises/review-hengda/samples/full.yaml
# written as JSON: the review is graded against each trainee's own variant, so its score varies).
QUIZ = {"purpose": "b", "difference": "b", "occasions": ["a", "b", "c"], "trend": "b", "headroom": "b",
        "segment": "b", "focus": ["c", "a"], "median": "b"}
REVIEW = {"achievement_rate": "85%", "net_profit": "29.4万", "investment": "3,198,000", "capital_turnover": 3.19,
          "roi": "9.19%", "traditional_gap_outlets": 290, "coverage_amount": "190.2万", "skus_per_outlet": 7.2,
          "inventory_days": "６０.０５", "inventory_amount": "73.06万", "cost_per_case": "0.45", "dso_days": 40,
          "sales_per_rep": "85万", "coverage_roi_delta": "4.49", "top_opportunities": ["覆盖", "inventory", "终端"]}
LETTER = "尊敬的王总：去年贵司ROI为9.2%，库存占用资金73万元。我们一起把传统渠道覆盖率提高到55%，预计新增销售177万元。下周二上午方便面谈30分钟吗？"
CHECKIN = {"date": "2026-03-31", "values": {"M1": 0.50, "M4": 52, "M5": 2900000}}
EXERCISES = ["quiz-m1-jbp", "review-hengda", "plan-homework", "text-vito-letter"]
RETRYABLE = {502, 503, 504}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Client:
    """One keep-alive connection (a trainee's phone); reconnects after an error."""

    def __init__(self, port, timeout=30):
        self.port, self.timeout, self.conn = port, timeout, None

    def close(self):
        if self.conn:
            self.conn.close()
        self.conn = None

    def once(self, method, path, body=None, token=None, on_sent=None):
        """One attempt: (status, json or text). Raises OSError/HTTPException on a connection error."""
        if self.conn is None:
            self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
        headers = {"Content-Type": "application/json"}
        if token:
            headers["Authorization"] = "Bearer " + token
        data = json.dumps(body, ensure_ascii=False).encode() if body is not None else None
        try:
            self.conn.request(method, path, data, headers)
            if on_sent:
                on_sent()
            response = self.conn.getresponse()
            raw = response.read()
            if response.getheader("Connection", "").lower() == "close":
                self.close()
        except (OSError, http.client.HTTPException):
            self.close()
            raise
        try:
            return response.status, json.loads(raw) if raw else None
        except ValueError:
            return response.status, raw.decode(errors="replace")

    def call(self, method, path, body=None, token=None, log=None, tries=12):
        """Retries a connection error or 502/503/504 (never acknowledged); `log` gets every attempt's outcome."""
        for attempt in range(tries):
            try:
                status, answer = self.once(method, path, body, token)
            except (OSError, http.client.HTTPException) as error:
                status, answer = "error", type(error).__name__
            if log is not None:
                log.append(status)
            if status != "error" and status not in RETRYABLE:
                return status, answer
            time.sleep(min(2.0, 0.2 * (attempt + 1)) + random.random() * 0.2)
        return status, answer


class Instance:
    def __init__(self, number, args, port, pids):
        self.number, self.args, self.port, self.pids = number, args, port, pids
        self.log = open(os.path.join(args.work, f"jbp-{number}.log"), "ab")
        self.process = None

    def start(self):
        command = [self.args.binary, "serve", "--db", self.args.db, "--host", "127.0.0.1", "--port", str(self.port),
                   "--trust-proxy", "127.0.0.1", "--root", self.args.root, "--metrics-token", self.args.metrics_token]
        self.process = subprocess.Popen(command, stdout=self.log, stderr=self.log, stdin=subprocess.DEVNULL)
        self.pids.add(self.process.pid)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"cluster-test: instance {self.number} exited with {self.process.returncode}; "
                                 f"see {self.args.work}/jbp-{self.number}.log")
            if healthz(self.port):
                return
            time.sleep(0.1)
        raise SystemExit(f"cluster-test: instance {self.number} did not answer /healthz within 60 s")

    def signal(self, number):
        self.process.send_signal(number)

    def wait(self, timeout):
        code = self.process.wait(timeout)
        self.pids.discard(self.process.pid)
        return code


def healthz(port):
    try:
        status, answer = Client(port, timeout=3).once("GET", "/healthz")
        return status == 200
    except (OSError, http.client.HTTPException):
        return False


class Pids:
    """Every process started here, written where the bash wrapper's EXIT trap finds them."""

    def __init__(self, path):
        self.path, self.pids, self.lock = path, set(), threading.Lock()

    def add(self, pid):
        with self.lock:
            self.pids.add(pid)
            self._write()

    def discard(self, pid):
        with self.lock:
            self.pids.discard(pid)
            self._write()

    def _write(self):
        with open(self.path, "w") as f:
            f.write("".join(f"{p}\n" for p in sorted(self.pids)))


NGINX = """\
{user}worker_processes 2;
daemon off;
pid {dir}/nginx.pid;
error_log {dir}/error.log warn;
events {{ worker_connections 4096; }}
http {{
    access_log off;
    client_body_temp_path {dir}/client_body;
    proxy_temp_path {dir}/proxy;
    fastcgi_temp_path {dir}/fastcgi;
    uwsgi_temp_path {dir}/uwsgi;
    scgi_temp_path {dir}/scgi;
    upstream jbp {{
{servers}
        keepalive 64;
    }}
    server {{
        listen 127.0.0.1:{port};
        client_max_body_size 1m;
        location / {{
            proxy_pass http://jbp;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
            # A GET goes to the next instance on a refused connection or a timeout. A POST
            # already sent is never passed on (nginx's default, kept): the client retries it.
            proxy_next_upstream error timeout;
            proxy_connect_timeout 2s;
            proxy_read_timeout 30s;
        }}
    }}
}}
"""


class Nginx:
    def __init__(self, args, port, pids):
        self.args, self.port, self.pids = args, port, pids
        self.dir = os.path.join(args.work, "nginx")
        os.makedirs(self.dir, exist_ok=True)
        self.conf = os.path.join(self.dir, "nginx.conf")
        self.process = None

    def write(self, ports):
        user = ""
        if os.getuid() == 0:  # the master runs as root here: workers as the same user, not nobody
            import grp
            import pwd
            user = f"user {pwd.getpwuid(0).pw_name} {grp.getgrgid(0).gr_name};\n"
        servers = "\n".join(f"        server 127.0.0.1:{p} max_fails=1 fail_timeout=2s;" for p in ports)
        with open(self.conf, "w") as f:
            f.write(NGINX.format(user=user, dir=self.dir, servers=servers, port=self.port))

    def start(self, ports):
        self.write(ports)
        check = subprocess.run(["nginx", "-t", "-p", self.dir, "-c", self.conf, "-e", os.path.join(self.dir, "error.log")],
                               capture_output=True, text=True)
        if check.returncode != 0:
            raise SystemExit("cluster-test: nginx -t failed:\n" + check.stderr)
        log = open(os.path.join(self.dir, "stderr.log"), "ab")
        self.process = subprocess.Popen(["nginx", "-p", self.dir, "-c", self.conf, "-e", os.path.join(self.dir, "error.log")],
                                        stdout=log, stderr=log, stdin=subprocess.DEVNULL)
        self.pids.add(self.process.pid)
        for _ in range(100):
            if healthz(self.port):
                return
            time.sleep(0.1)
        raise SystemExit("cluster-test: nginx did not answer /healthz")

    def reload(self, ports):
        self.write(ports)
        self.process.send_signal(signal.SIGHUP)
        time.sleep(1.5)  # the old workers finish, the new ones take the upstream list

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGQUIT)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
            self.pids.discard(self.process.pid)


def psql_json(args, sql):
    """The rows of `sql` as a list of dicts, read by psql straight from the database."""
    query = f"SELECT coalesce(json_agg(row_to_json(q)), '[]'::json) FROM ({sql}) q"
    out = subprocess.run(["psql", args.db, "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-c", query],
                         capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit("cluster-test: psql failed: " + out.stderr.strip())
    return json.loads(out.stdout)


class Checks:
    def __init__(self):
        self.results = []

    def add(self, name, ok, detail):
        self.results.append((name, ok, detail))
        print(f"{'PASS' if ok else 'FAIL'}  {name}: {detail}", flush=True)
        return ok

    @property
    def passed(self):
        return all(ok for _, ok, _ in self.results)


class Trainee:
    def __init__(self, index):
        self.index = index
        self.name = f"集群学员{index:04d}"
        self.token = None
        self.trainee_id = None
        self.join_log = []
        # exercise -> list of attempt outcomes; acknowledged: submission id -> what was sent
        self.logs = {e: [] for e in EXERCISES}
        self.acked = {}
        self.failed = []  # steps never acknowledged after every retry


def drive_trainee(trainee, port, code, start_at, think, plan_yaml, stop_event):
    client = Client(port)
    time.sleep(max(0.0, start_at - time.monotonic()))

    def pause():
        time.sleep(random.uniform(*think))

    status, answer = client.call("POST", "/api/join", {"join_code": code, "name": trainee.name}, log=trainee.join_log)
    if status not in (200, 201):
        trainee.failed.append(f"join: {status} {short(answer)}")
        return
    trainee.token, trainee.trainee_id = answer["token"], answer["trainee_id"]

    def submit(exercise, body):
        log = trainee.logs[exercise]
        status, answer = client.call("POST", f"/api/me/exercises/{exercise}/submissions", body, trainee.token, log=log)
        if status == 201:
            trainee.acked[answer["submission_id"]] = (exercise, body)
            return True
        trainee.failed.append(f"{exercise}: {status} {short(answer)}")
        return False

    pause()
    submit("quiz-m1-jbp", {"answers": QUIZ})
    pause()
    submit("review-hengda", {"answers": REVIEW})
    pause()
    # The plan builder: the sample plan imported from YAML, saved as the draft, then handed in.
    status, answer = client.call("POST", "/api/me/plan/import", {"yaml": plan_yaml}, trainee.token)
    if status != 200:
        trainee.failed.append(f"plan import: {status} {short(answer)}")
        return
    plan = answer["plan"]
    status, answer = client.call("PUT", "/api/me/plan", {"plan": plan}, trainee.token)
    if status != 200:
        trainee.failed.append(f"plan draft: {status} {short(answer)}")
    pause()
    if not submit("plan-homework", {"plan": plan}):
        return
    pause()
    status, answer = client.call("POST", "/api/me/plan/checkins", CHECKIN, trainee.token)
    if status not in (200, 201):  # 200: a retry corrected the same day's check-in
        trainee.failed.append(f"check-in: {status} {short(answer)}")
    client.close()


def sample_plan(root):
    """The `plan:` part of the sample hand-in that grades 100 (the file also names the exercise), as YAML."""
    lines = open(os.path.join(root, "exercises/plan-homework/samples/model-answer.yaml"), encoding="utf-8").read().splitlines()
    start = lines.index("plan:") + 1
    body = []
    for line in lines[start:]:
        if line and not line.startswith(" "):
            break
        body.append(line[2:])
    return "\n".join(body) + "\n"


def short(answer):
    text = json.dumps(answer, ensure_ascii=False) if not isinstance(answer, str) else answer
    return text if len(text) <= 160 else text[:160] + "…"


def class_run(args, checks, instances, nginx, trainer, session_id, code):
    n = args.trainees
    spread = max(6.0, n / 20)  # arrivals over 15 s for 300 trainees
    think = (0.2, 1.2)
    plan_yaml = sample_plan(args.root)
    trainees = [Trainee(i + 1) for i in range(n)]
    start = time.monotonic() + 0.5
    stop = threading.Event()
    threads = [threading.Thread(target=drive_trainee, args=(t, nginx.port, code, start + spread * i / n, think, plan_yaml, stop),
                                daemon=True) for i, t in enumerate(trainees)]
    # Meanwhile trainees who have joined write letters (unlimited attempts, each with a nonce), so
    # that requests are in flight on every instance when one is killed.
    letters, finished = [], threading.Event()
    writers = [threading.Thread(target=write_letters, args=(trainees, nginx.port, letters, finished), daemon=True)
               for _ in range(args.writers)]
    say(f"class: {n} trainees arrive over {spread:.0f} s through nginx (join, quiz, review, plan import, draft, hand-in, "
        f"check-in); {args.writers} of them at a time write letters meanwhile")
    for thread in threads + writers:
        thread.start()

    victim = instances[1]
    kill_at = start + spread * 0.45
    time.sleep(max(0.0, kill_at - time.monotonic()))
    done_before = sum(1 for t in threads if not t.is_alive())
    say(f"SIGKILL instance {victim.number} (port {victim.port}, pid {victim.process.pid}); {done_before} trainees finished so far")
    victim.signal(signal.SIGKILL)
    victim.wait(10)
    time.sleep(3)
    say(f"restarting instance {victim.number} on port {victim.port}")
    victim.start()
    say(f"instance {victim.number} answers /healthz again")

    while any(t.is_alive() for t in threads):
        time.sleep(1)
        alive = sum(1 for t in threads if t.is_alive())
        if alive:
            say(f"class: {n - alive}/{n} trainees done")
    for thread in threads:
        thread.join()
    finished.set()
    for thread in writers:
        thread.join()
    say(f"class: every trainee done; {len(letters)} letters written")
    return trainees, letters


def write_letters(trainees, port, letters, finished):
    client = Client(port)
    while not finished.is_set():
        joined = [t for t in trainees if t.token]
        if not joined:
            time.sleep(0.1)
            continue
        t = random.choice(joined)
        letter = {"trainee": t, "nonce": "L" + uuid.uuid4().hex, "log": [], "sid": None}
        letter["body"] = {"answers": {"text": LETTER + " " + letter["nonce"]}}
        status, answer = client.call("POST", "/api/me/exercises/text-vito-letter/submissions", letter["body"], t.token, log=letter["log"])
        if status == 201:
            letter["sid"] = answer["submission_id"]
        letters.append(letter)
        time.sleep(random.uniform(0.0, 0.05))


def verify_class(args, checks, instances, nginx, trainer, session_id, trainees, letters):
    n = args.trainees
    failed = [(t.name, f) for t in trainees for f in t.failed]
    failed += [(l["trainee"].name, f"letter {l['nonce']}: {l['log']}") for l in letters if l["sid"] is None]
    checks.add("every trainee's steps acknowledged (after retries)", not failed,
               "all of them" if not failed else f"{len(failed)} not: " + "; ".join(f"{a}: {b}" for a, b in failed[:5]))

    retried = {e: sum(1 for t in trainees for s in t.logs[e] if s == "error" or s in RETRYABLE) for e in EXERCISES}
    join_retries = sum(1 for t in trainees for s in t.join_log if s == "error" or s in RETRYABLE)
    print(f"      unacknowledged attempts (502/503/504 or connection error, then retried): joins {join_retries}, "
          + ", ".join(f"{e} {c}" for e, c in retried.items() if e != "text-vito-letter"), flush=True)

    lost_letters = [l for l in letters if l["sid"] is None]
    # What the kill did, as nginx saw it: answers lost mid-request (502 to the client) and refused connections.
    try:
        errors = open(os.path.join(nginx.dir, "error.log"), encoding="utf-8", errors="replace").read()
    except OSError:
        errors = ""
    lines = [line for line in errors.splitlines() if "[error]" in line]
    cut = sum(1 for line in lines if "while reading response header from upstream" in line)
    refused = sum(1 for line in lines if "connect() failed" in line)
    print(f"      nginx saw: {cut} requests cut off by the kill (answered 502: the client retries), "
          f"{refused} refused connections (passed to another instance)", flush=True)
    retried["text-vito-letter"] = sum(1 for l in letters for s in l["log"] if s == "error" or s in RETRYABLE)
    print(f"      letters: {len(letters)} written, {len(letters) - len(lost_letters)} acknowledged, "
          f"{retried['text-vito-letter']} unacknowledged attempts retried", flush=True)

    rows = psql_json(args, f"SELECT id, trainee_id, exercise_id, raw, grade, score, max_score FROM submission WHERE session_id = {session_id}")
    stored = {r["id"]: r for r in rows}
    acked = {sid: (t, exercise, body) for t in trainees for sid, (exercise, body) in t.acked.items()}
    acked.update({l["sid"]: (l["trainee"], "text-vito-letter", l["body"]) for l in letters if l["sid"] is not None})

    missing, wrong, ungraded = [], [], []
    for sid, (t, exercise, body) in acked.items():
        row = stored.get(sid)
        if row is None:
            missing.append(sid)
            continue
        raw = json.loads(row["raw"])
        sent = {k: v for k, v in body.items()}
        if row["trainee_id"] != t.trainee_id or row["exercise_id"] != exercise or any(raw.get(k) != v for k, v in sent.items()):
            wrong.append(sid)
        try:
            grade = json.loads(row["grade"])
        except (TypeError, ValueError):
            grade = None
        if row["score"] is None or not isinstance(grade, dict) or not grade or \
                ("score" in grade and abs(float(grade["score"]) - float(row["score"])) > 1e-9):
            ungraded.append(sid)
    checks.add("every acknowledged submission is stored (psql)", not missing,
               f"{len(acked)} acknowledged, {len(missing)} missing" + (f": ids {missing[:10]}" if missing else ""))
    checks.add("each with what was sent, by its trainee, on its exercise", not wrong,
               f"{len(acked) - len(wrong)} of {len(acked)} match" + (f"; not: {wrong[:10]}" if wrong else ""))
    checks.add("each with its grade (score not null, grade JSON present and agreeing)", not ungraded,
               f"{len(acked) - len(ungraded)} of {len(acked)} graded" + (f"; not: {ungraded[:10]}" if ungraded else ""))

    # Stored once: per trainee and exercise, stored rows = acknowledged ones + at most one per
    # unacknowledged attempt that was retried (it may have committed before the answer was lost).
    by_trainee = {t.trainee_id: t for t in trainees if t.trainee_id is not None}
    counts = {}
    for row in rows:
        counts.setdefault((row["trainee_id"], row["exercise_id"]), []).append(row["id"])
    over, extra, strangers = [], 0, 0
    for (tid, exercise), ids in counts.items():
        t = by_trainee.get(tid)
        if t is None:
            strangers += len(ids)
            continue
        if exercise == "text-vito-letter":
            continue  # by nonce, below
        acked_here = sum(1 for sid in t.acked if t.acked[sid][0] == exercise)
        unacked = sum(1 for s in t.logs.get(exercise, []) if s == "error" or s in RETRYABLE)
        surplus = len(ids) - acked_here
        extra += max(0, surplus)
        if surplus > unacked or surplus < 0:
            over.append(f"{t.name} {exercise}: {len(ids)} stored, {acked_here} acknowledged, {unacked} unacknowledged")
    # Letters: each nonce stored at most once per attempt that was not acknowledged, plus the acknowledged one.
    nonces = {}
    for row in rows:
        if row["exercise_id"] == "text-vito-letter":
            m = re.search(r"L[0-9a-f]{32}", row["raw"])
            nonces.setdefault(m.group(0) if m else None, []).append(row["id"])
    known = {l["nonce"] for l in letters}
    strangers += sum(len(ids) for nonce, ids in nonces.items() if nonce not in known)
    for l in letters:
        ids = nonces.get(l["nonce"], [])
        unacked = sum(1 for s in l["log"] if s == "error" or s in RETRYABLE)
        surplus = len(ids) - (1 if l["sid"] is not None else 0)
        extra += max(0, surplus)
        if surplus > unacked or surplus < 0:
            over.append(f"letter {l['nonce']}: {len(ids)} stored, acknowledged {l['sid']}, {unacked} unacknowledged")
    checks.add("nothing stored twice beyond legitimate retries", not over and strangers == 0,
               f"{len(rows)} rows = {len(acked)} acknowledged + {extra} from retried unacknowledged requests "
               f"(allowed: at most {sum(retried.values())})"
               + (f"; over: {over[:5]}" if over else "") + (f"; {strangers} rows of unknown trainees" if strangers else ""))

    people = psql_json(args, f"SELECT id, name FROM trainee WHERE session_id = {session_id}")
    names = {}
    for p in people:
        names.setdefault(p["name"], []).append(p["id"])
    ours = {t.name for t in trainees}
    doubled = {name: ids for name, ids in names.items() if len(ids) > 1}
    joined_ok = all(t.trainee_id in names.get(t.name, []) for t in trainees if t.trainee_id is not None)
    orphan_ok = all(len(ids) - 1 <= sum(1 for t in trainees if t.name == name for s in t.join_log if s == "error" or s in RETRYABLE)
                    for name, ids in doubled.items())
    checks.add(f"the trainee count is {n} (psql)", set(names) == ours and joined_ok and orphan_ok,
               f"{len(names)} distinct trainees in the session, {len(people)} rows"
               + (f" ({len(people) - len(names)} from retried unacknowledged joins: {sorted(doubled)[:5]})" if doubled else ""))

    checkins = psql_json(args, "SELECT c.trainee_id, count(*) AS n FROM check_in c JOIN trainee t ON t.id = c.trainee_id "
                               f"WHERE t.session_id = {session_id} GROUP BY c.trainee_id")
    per = {c["trainee_id"]: c["n"] for c in checkins}
    bad = [t.name for t in trainees if t.trainee_id is not None and per.get(t.trainee_id) != 1]
    drafts = psql_json(args, f"SELECT d.trainee_id FROM plan_draft d JOIN trainee t ON t.id = d.trainee_id WHERE t.session_id = {session_id}")
    checks.add("one check-in and one plan draft per trainee (psql)", not bad and len(drafts) == len(by_trainee),
               f"{len(per)} trainees with a check-in, {len(drafts)} drafts" + (f"; not exactly one: {bad[:5]}" if bad else ""))

    # The same through the API: the trainer's results (through nginx).
    status, results = Client(nginx.port).call("GET", f"/api/sessions/{session_id}/results", token=trainer)
    api_ok, detail = status == 200, f"status {status}"
    if api_ok:
        table = {r["trainee_id"]: r for r in results["trainees"]}
        problems = []
        for t in trainees:
            row = table.get(t.trainee_id)
            if row is None:
                problems.append(f"{t.name} missing")
                continue
            for exercise in ("quiz-m1-jbp", "review-hengda", "plan-homework"):
                result = row["exercises"].get(exercise)
                stored_here = len(counts.get((t.trainee_id, exercise), []))
                if result is None or result["attempts"] != stored_here or result.get("best_score") is None:
                    problems.append(f"{t.name} {exercise}: {result} vs {stored_here} stored")
        api_ok = not problems and len(table) == len(people)
        detail = (f"{len(table)} trainees listed, attempts and best scores agree with the database for "
                  f"{len(trainees) * 3 - len(problems)} of {len(trainees) * 3} trainee×exercise")
        if problems:
            detail += "; " + "; ".join(problems[:5])
    checks.add("the trainer's results (API, through nginx) agree", api_ok, detail)

    answering = [i.number for i in instances if healthz(i.port)]
    checks.add("every instance answers /healthz after the restart", len(answering) == len(instances) and healthz(nginx.port),
               f"instances {answering} of {[i.number for i in instances]} and nginx")


def sigterm_burst(args, checks, instances, trainees):
    """A burst of letters straight at one instance; SIGTERM in the middle; every request it took gets its answer."""
    victim = instances[0]
    tokens = [t.token for t in trainees if t.token][:32]
    marker = uuid.uuid4().hex[:8]
    records, lock = [], threading.Lock()
    stop_at = [None]
    sig = {"t": None}

    def worker(w, token):
        client = Client(victim.port, timeout=30)
        k = 0
        while stop_at[0] is None or time.monotonic() < stop_at[0]:
            k += 1
            nonce = f"N{marker}-{w}-{k}"
            record = {"nonce": nonce, "start": time.monotonic(), "sent": None, "status": None, "sid": None}

            def sent():
                record["sent"] = time.monotonic()
            try:
                status, answer = client.once("POST", "/api/me/exercises/text-vito-letter/submissions",
                                             {"answers": {"text": LETTER + " " + nonce}}, token, on_sent=sent)
                record["status"] = status
                if status == 201:
                    record["sid"] = answer["submission_id"]
            except (OSError, http.client.HTTPException) as error:
                record["status"] = "error:" + type(error).__name__
            record["end"] = time.monotonic()
            with lock:
                records.append(record)
            if isinstance(record["status"], str) and sig["t"] is not None:
                return  # the instance is gone: stop knocking
            if isinstance(record["status"], str):
                time.sleep(0.05)

    threads = [threading.Thread(target=worker, args=(w, tok), daemon=True) for w, tok in enumerate(tokens)]
    say(f"SIGTERM test: {len(threads)} connections submit letters straight to instance {victim.number} (port {victim.port})")
    for thread in threads:
        thread.start()
    time.sleep(2.0)
    sig["t"] = time.monotonic()
    say(f"SIGTERM instance {victim.number} (pid {victim.process.pid}) during the burst")
    victim.signal(signal.SIGTERM)
    try:
        code = victim.wait(30)
        exit_after = time.monotonic() - sig["t"]
    except subprocess.TimeoutExpired:
        code, exit_after = None, None
    stop_at[0] = time.monotonic()
    for thread in threads:
        thread.join(35)
    t_sig = sig["t"]
    before = [r for r in records if r["sent"] is not None and r["sent"] < t_sig]
    unanswered = [r for r in before if not isinstance(r["status"], int)]
    in_flight = [r for r in before if r["end"] > t_sig]
    acked = {r["sid"]: r["nonce"] for r in records if r["status"] == 201}
    stored = psql_json(args, f"SELECT id, raw FROM submission WHERE exercise_id = 'text-vito-letter' AND raw LIKE '%N{marker}-%'")
    stored_nonce = {}
    for row in stored:
        m = re.search(rf"N{marker}-\d+-\d+", row["raw"])
        stored_nonce[row["id"]] = m.group(0) if m else None
    lost = [sid for sid, nonce in acked.items() if stored_nonce.get(sid) != nonce]
    acked_nonces = set(acked.values())
    silent = [n for n in stored_nonce.values() if n not in acked_nonces]
    after = [r for r in records if r["sent"] is None or r["sent"] >= t_sig]
    statuses = {}
    for r in before:
        statuses[str(r["status"])] = statuses.get(str(r["status"]), 0) + 1
    print(f"      burst: {len(records)} requests, {len(before)} sent before SIGTERM ({len(in_flight)} still in flight at the signal), "
          f"outcomes {statuses}; {len(after)} tried after it", flush=True)
    checks.add("SIGTERM: the instance exits by itself, status 0", code == 0,
               f"exit status {code}" + (f" after {exit_after:.2f} s" if exit_after is not None else " (still running after 30 s)"))
    checks.add("SIGTERM: every request sent before the signal got its answer", not unanswered and before,
               f"{len(before) - len(unanswered)} of {len(before)} answered ({len(in_flight)} of them in flight at the signal)"
               + (f"; unanswered: {[(r['nonce'], r['status']) for r in unanswered[:5]]}" if unanswered else ""))
    checks.add("SIGTERM: every stored letter was answered 201, every 201 is stored", not lost and not silent,
               f"{len(acked)} acknowledged, {len(stored)} stored, {len(lost)} acknowledged but missing, "
               f"{len(silent)} stored without an answer")
    say(f"restarting instance {victim.number}")
    victim.start()
    checks.add("the instance restarted after SIGTERM answers /healthz", healthz(victim.port), f"port {victim.port}")


WRK_LUA = """\
local tokens, i = {}, 0
function init(args)
  for line in io.lines("%s") do tokens[#tokens + 1] = line end
  i = math.random(#tokens)
end
local body = %s
function request()
  i = i %% #tokens + 1
  return wrk.format("POST", nil, {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. tokens[i]}, body)
end
"""


def parse_wrk(out):
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    m = re.search(r"^\s*99%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
    p99 = float(m.group(1)) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[m.group(2)]
    total = int(re.search(r"(\d+) requests in", out).group(1))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket_errors = re.search(r"Socket errors: (.*)", out)
    return rps, p99, total, int(non2xx.group(1)) if non2xx else 0, socket_errors.group(1) if socket_errors else "none"


def measure(args, instances, nginx, trainees):
    tokens = os.path.join(args.work, "tokens.txt")
    with open(tokens, "w") as f:
        f.write("".join(t.token + "\n" for t in trainees if t.token))
    body = json.dumps({"answers": {"text": LETTER}}, ensure_ascii=False)
    lua = os.path.join(args.work, "submit.lua")
    with open(lua, "w", encoding="utf-8") as f:
        f.write(WRK_LUA % (tokens, "[[" + body + "]]"))
    url = f"http://127.0.0.1:{nginx.port}/api/me/exercises/text-vito-letter/submissions"
    figures = {"one instance": [], "three instances": []}
    plan = [("one instance", instances[:1]), ("three instances", instances)] * args.rounds  # interleaved: a busy machine hits both
    for number, (label, chosen) in enumerate(plan):
        nginx.reload([i.port for i in chosen])
        say(f"measuring ({number + 1}/{len(plan)}): {label} behind nginx, wrk {args.concurrency} connections, "
            f"{args.seconds} s of graded letters; load average {os.getloadavg()[0]:.1f}")
        subprocess.run(["wrk", "-t2", f"-c{args.concurrency}", "-d2s", "-s", lua, url], capture_output=True)  # warm-up
        out = subprocess.run(["wrk", "-t2", f"-c{args.concurrency}", f"-d{args.seconds}s", "--latency", "-s", lua, url],
                             capture_output=True, text=True).stdout
        with open(os.path.join(args.work, f"wrk-{number}.txt"), "w") as f:
            f.write(out)
        figures[label].append(parse_wrk(out) + (os.getloadavg()[0],))
        rps, p99, total, non2xx, errors, _ = figures[label][-1]
        say(f"{label}: {rps:.0f} req/s, p99 {p99:.1f} ms, {total} requests, {non2xx} non-2xx, socket errors {errors}")
    nginx.reload([i.port for i in instances])
    return figures


def pg_version(args):
    rows = psql_json(args, "SELECT current_setting('server_version') AS v")
    return rows[0]["v"].split()[0] if rows else "?"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--db", required=True)
    parser.add_argument("--root", default=".")
    parser.add_argument("--trainees", type=int, default=300)
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--concurrency", type=int, default=64)
    parser.add_argument("--build", default="release")
    parser.add_argument("--writers", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    args.root = os.path.abspath(args.root)
    args.metrics_token = uuid.uuid4().hex
    pids = Pids(os.path.join(args.work, "pids"))
    checks = Checks()
    instances, nginx = [], None
    try:
        say("jbp migrate --db URL")
        migrate = subprocess.run([args.binary, "migrate", "--db", args.db], capture_output=True, text=True)
        if migrate.returncode != 0:
            raise SystemExit("cluster-test: jbp migrate failed: " + migrate.stderr.strip())
        password = uuid.uuid4().hex
        added = subprocess.run([args.binary, "trainer", "add", "cluster", "--password-stdin", "--db", args.db],
                               input=password + "\n", capture_output=True, text=True)
        if added.returncode != 0:
            raise SystemExit("cluster-test: jbp trainer add failed: " + added.stderr.strip())
        say("trainer `cluster` added")

        ports = [free_port() for _ in range(3)]
        instances = [Instance(i + 1, args, p, pids) for i, p in enumerate(ports)]
        for instance in instances:
            instance.start()
            say(f"instance {instance.number} on 127.0.0.1:{instance.port} (pid {instance.process.pid})")
        nginx = Nginx(args, free_port(), pids)
        nginx.start(ports)
        say(f"nginx on 127.0.0.1:{nginx.port} in front of ports {ports}")

        trainer_client = Client(nginx.port)
        status, answer = trainer_client.call("POST", "/api/trainer/login", {"name": "cluster", "password": password})
        if status != 200:
            raise SystemExit(f"cluster-test: login answered {status} {answer}")
        trainer = answer["token"]
        status, session = trainer_client.call("POST", "/api/sessions", {"title": "集群测试班", "starts_on": "2026-03-02",
                                                                         "ends_on": "2026-03-03", "homework_due": "2099-12-31"}, trainer)
        if status != 201:
            raise SystemExit(f"cluster-test: creating the session answered {status} {session}")
        session_id, code = session["id"], session["join_code"]
        for exercise in EXERCISES:
            status, answer = trainer_client.call("PATCH", f"/api/sessions/{session_id}/exercises/{exercise}", {"open": True}, trainer)
            if status != 200:
                raise SystemExit(f"cluster-test: opening {exercise} answered {status} {answer}")
        say(f"session {session_id} (join code {code}), exercises open: {', '.join(EXERCISES)}")

        status, text = Client(nginx.port).call("GET", "/metrics", token=args.metrics_token)
        anonymous, _ = Client(nginx.port).call("GET", "/metrics")
        checks.add("/metrics through nginx: the metrics token reads it, nobody else", status == 200 and anonymous == 401
                   and isinstance(text, str) and "# TYPE" in text, f"with the token {status}, without {anonymous}")

        class_start = time.monotonic()
        trainees, letters = class_run(args, checks, instances, nginx, trainer, session_id, code)
        class_seconds = time.monotonic() - class_start
        verify_class(args, checks, instances, nginx, trainer, session_id, trainees, letters)
        sigterm_burst(args, checks, instances, trainees)
        figures = measure(args, instances, nginx, trainees)

        repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
        commit = subprocess.run(["git", "-C", repo, "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip() or "?"
        passed = sum(1 for _, ok, _ in checks.results if ok)
        today = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
        print()
        print("---- for docs/reliability.md ----")
        print(f"`scripts/cluster-test --trainees {args.trainees}` ({today}, {args.build}, work tree at {commit}, "
              f"{os.cpu_count()} cores, load average {os.getloadavg()[1]:.1f} over the last 5 min; PostgreSQL {pg_version(args)}, three `jbp serve` and nginx on one machine, loopback; "
              f"instances without --log-requests):")
        print(f"**{passed} of {len(checks.results)} checks passed**" + ("" if checks.passed else " — see the FAIL lines above") + ".")
        print(f"A class of {args.trainees} through nginx in {class_seconds:.0f} s with one instance SIGKILLed and restarted: "
              + next(d for name, ok, d in checks.results if name.startswith("every acknowledged submission is stored")) + "; "
              + next(d for name, ok, d in checks.results if name.startswith("nothing stored twice")) + ".")
        print("SIGTERM during a burst: " + "; ".join(d for name, ok, d in checks.results if name.startswith("SIGTERM")) + ".")
        print()
        print(f"| graded letters through nginx, {args.concurrency} connections, {args.seconds} s | req/s | p99 | requests | non-2xx | load average at the end |")
        print("|---|---|---|---|---|---|")
        for label in ("one instance", "three instances"):
            for k, (rps, p99, total, non2xx, errors, load) in enumerate(figures[label]):
                print(f"| {label}, run {k + 1} | {rps:,.0f} | {p99:.1f} ms | {total:,} | {non2xx} | {load:.1f} |")
        mean = {label: sum(f[0] for f in runs) / len(runs) for label, runs in figures.items()}
        print(f"| three / one (mean req/s) | {mean['three instances'] / mean['one instance']:.2f} | | | | |")
        print("---------------------------------")
    finally:
        if nginx:
            nginx.stop()
        for instance in instances:
            if instance.process and instance.process.poll() is None:
                instance.signal(signal.SIGTERM)
                try:
                    instance.wait(20)
                except subprocess.TimeoutExpired:
                    instance.signal(signal.SIGKILL)
                    instance.wait(5)
    sys.exit(0 if checks.passed and checks.results else 1)


if __name__ == "__main__":
    main()
