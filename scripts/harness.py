# Shared helpers for scripts/crash-test, scripts/load-test and scripts/fuzz (python3, stdlib only).
# Each harness runs the built coach binary in a throwaway XDG home, never the user's files.
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# Scripted answers: who-5 has 5 choice questions (keys 0-5); the weekly self-assessment has
# 20 agreement items (1-5), then a multi-choice (letters a-e), two free-text questions and the
# optional multiline complaints, skipped with "." (a skip leaves no answer once the session is done).
SURVEYS = {
    "who-5": 5,
    "weekly-self-assessment": 23,
}

# The typed line that skips an optional multiline question.
SKIP = "."


def stored_count(answers):
    """How many answers a completed session keeps for the typed `answers` (skips keep none)."""
    return sum(1 for answer in answers if answer != SKIP)


def answers_for(survey, rng):
    """One complete, valid list of typed answers for `survey`."""
    if survey == "who-5":
        return [str(rng.randint(0, 5)) for _ in range(5)]
    items = [str(rng.randint(1, 5)) for _ in range(20)]
    picks = sorted(rng.sample("abcde", rng.randint(1, 3)))
    return items + [",".join(picks), "talk about pipeline %d" % rng.randint(1, 999), "idea %d" % rng.randint(1, 999), SKIP]


def coach_binary():
    """COACH_BIN if set, else .build/release/coach, built when missing or older than the sources."""
    explicit = os.environ.get("COACH_BIN")
    if explicit:
        return explicit
    binary = os.path.join(ROOT, ".build", "release", "coach")
    newest = 0.0
    for folder in ("Sources", "surveys"):
        for base, _, files in os.walk(os.path.join(ROOT, folder)):
            for name in files:
                newest = max(newest, os.path.getmtime(os.path.join(base, name)))
    if not os.path.exists(binary) or os.path.getmtime(binary) < newest:
        print("building coach (release)...", file=sys.stderr, flush=True)
        subprocess.run([os.path.join(ROOT, "scripts", "build-release")],
                       check=True, stdout=sys.stderr)
    return binary


class Sandbox:
    """A temporary home with its own XDG folders and a store."""

    def __init__(self, keep=False):
        self.root = tempfile.mkdtemp(prefix="coach-harness-")
        self.store = os.path.join(self.root, "data", "coach", "coach.sqlite")
        self.keep = keep
        self.env = {
            "HOME": self.root,
            "XDG_CONFIG_HOME": os.path.join(self.root, "config"),
            "XDG_DATA_HOME": os.path.join(self.root, "data"),
            "XDG_STATE_HOME": os.path.join(self.root, "state"),
            "PATH": "/usr/bin:/bin",
            "TERM": "dumb",
            "LANG": "C.UTF-8",
        }

    def run(self, binary, args, stdin_text="", timeout=60, store=None):
        """Runs coach to completion (killed at `timeout`); returns CompletedProcess (bytes)."""
        data = stdin_text if isinstance(stdin_text, bytes) else stdin_text.encode()
        return subprocess.run([binary, "--store", store or self.store] + args, input=data, env=self.env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout)

    def seed(self, binary, reps=("Ana",)):
        lines = ["person add Dana --role hr", "person add Marco --role manager --team North"]
        lines += ["person add %s --role rep --team North" % rep for rep in reps]
        result = self.run(binary, [], "\n".join(lines) + "\n")
        if result.returncode != 0:
            raise SystemExit("seeding failed: " + result.stderr.decode(errors="replace"))

    def sql(self, query, args=(), store=None):
        """Rows of `query` on the store, read by a fresh connection (as a new process would)."""
        connection = sqlite3.connect(store or self.store, timeout=10)
        try:
            return connection.execute(query, args).fetchall()
        finally:
            connection.close()

    def remove(self):
        if not self.keep:
            shutil.rmtree(self.root, ignore_errors=True)


def wait_until(condition, seconds, what):
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("timed out waiting for " + what)
        time.sleep(0.005)


def score_rows(sandbox, session_id, store=None):
    return sandbox.sql("SELECT score_id, value, band, alert FROM score WHERE session_id = ? ORDER BY score_id",
                       (session_id,), store=store)
