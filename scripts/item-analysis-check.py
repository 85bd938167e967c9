#!/usr/bin/env python3
"""Independent check of coach's quiz item analysis (Moodle's formulas, docs/scoring.md).

Usage: scripts/item-analysis-check.py FILE

FILE is JSON: {"questions": ["q1", ...], "pass": 60 or null,
               "attempts": [{"marks": {"q1": {"mark": 1, "maxMark": 1}, ...}, "percent": 75.0}, ...]}
(one first attempt per person; a question missing from "marks" was not shown).

Prints the statistics as `report quiz --json` names them, computed with numpy, undefined values
as null. Used by Tests/CoachScoringTests/QuizItemAnalysisTests.swift; needs numpy.
"""
import json
import math
import sys

import numpy as np

FLAG_MIN_ATTEMPTS = 10


def finite(value):
    value = float(value)
    return value if math.isfinite(value) else None


def question_stats(qid, attempts):
    x, rest, max_mark = [], [], 0.0
    for attempt in attempts:
        marks = attempt["marks"]
        if qid not in marks:
            continue
        total = sum(m["mark"] for m in marks.values())
        x.append(marks[qid]["mark"])
        rest.append(total - marks[qid]["mark"])
        max_mark = max(max_mark, marks[qid]["maxMark"])
    x, rest = np.array(x, dtype=float), np.array(rest, dtype=float)
    s = len(x)
    facility = sd = discrimination = efficiency = None
    if max_mark > 0 and s >= 1:
        facility = finite(100 * x.mean() / max_mark)
    if max_mark > 0 and s >= 2:
        sd = finite(x.std(ddof=1) / max_mark)
    if s >= 2:
        cov = np.cov(x, rest, ddof=1)[0, 1]
        var_x, var_rest = x.var(ddof=1), rest.var(ddof=1)
        constant = np.all(x == x[0]) or np.all(rest == rest[0])
        if abs(cov) <= 1e-12 * math.sqrt(var_x * var_rest):
            cov = 0.0  # zero but for rounding: no sign, no miskey flag
        if not constant and var_x > 0 and var_rest > 0:
            discrimination = finite(100 * cov / math.sqrt(var_x * var_rest))
            cov_max = np.cov(np.sort(x), np.sort(rest), ddof=1)[0, 1]
            if cov_max > 0:
                efficiency = finite(100 * cov / cov_max)
    flag = None
    if s >= FLAG_MIN_ATTEMPTS:
        flags = []
        negative = (discrimination is not None and discrimination < 0) or (efficiency is not None and efficiency < 0)
        if negative:
            flags.append("likely_miskeyed")
        if facility is not None and facility > 95:
            flags.append("too_easy")
        if facility is not None and facility < 5:
            flags.append("too_hard")
        if not negative and efficiency is not None and efficiency < 15:
            flags.append("low_efficiency")
        flag = flags[0] if flags else None
    return {"id": qid, "attempts": s, "facility": facility, "sd": sd,
            "discrimination": discrimination, "efficiency": efficiency, "flag": flag}


def main():
    with open(sys.argv[1]) as handle:
        data = json.load(handle)
    ids = list(dict.fromkeys(data["questions"]))
    attempts = [{"marks": {q: m for q, m in a["marks"].items() if q in ids}, "percent": a.get("percent")}
                for a in data["attempts"]]
    percents = np.array([a["percent"] for a in attempts if a["percent"] is not None], dtype=float)
    mean_percent = finite(percents.mean()) if len(percents) else None
    sd_percent = finite(percents.std(ddof=1)) if len(percents) >= 2 else None
    pass_mark = data.get("pass")
    pass_rate = None
    if pass_mark is not None and len(percents):
        pass_rate = float(np.mean(percents + 1e-9 >= pass_mark))

    cic = error_ratio = standard_error = None
    p = len(ids)
    complete = all(all(q in a["marks"] for q in ids) for a in attempts)
    if p >= 2 and len(attempts) >= 3 and complete:
        matrix = np.array([[a["marks"][q]["mark"] for q in ids] for a in attempts], dtype=float)
        k2 = matrix.sum(axis=1).var(ddof=1)
        if k2 > 0:
            cic = min(100.0, 100 * p / (p - 1) * (1 - matrix.var(axis=0, ddof=1).sum() / k2))
            error_ratio = 100 * math.sqrt(max(0.0, 1 - cic / 100))
            if sd_percent is not None:
                standard_error = error_ratio * sd_percent / 100

    print(json.dumps({
        "attempts": len(attempts), "mean_percent": mean_percent, "sd_percent": sd_percent,
        "cic": cic, "error_ratio": error_ratio, "standard_error": standard_error, "pass_rate": pass_rate,
        "questions": [question_stats(q, attempts) for q in ids],
    }))


if __name__ == "__main__":
    main()
