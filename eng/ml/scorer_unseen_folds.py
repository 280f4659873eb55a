#!/usr/bin/env python3
"""Cross-fitted evaluation of `talentflow train scorer` on jobs AND resumes it never saw.

vacancy_resume_ranking has 20 CVs x 5 vacancies. A plain CV split leaves every vacancy on both sides, so a model can learn
which vacancies people rank high (the "job prior") without matching anything. Here every test pair has a CV and a vacancy
that its model never saw: 5 vacancy folds x 5 CV folds (4 CVs each) = 25 cells; a cell trains on the other 4 vacancies and
16 CVs (fit on 12 CVs, Platt calibration on 4, split by CV) and predicts its 4 pairs. The 100 pooled predictions are each
made by a model blind to that pair's CV and vacancy. Reported pooled, and as the mean over vacancies of the Spearman
correlation between predicted and human scores of that vacancy's 20 CVs (the ranking task itself). No data is copied into the repository; outputs go to --out.

Usage: python3 eng/ml/scorer_unseen_folds.py --out /tmp/unseen [--data ../shared/data] [--talentflow path/to/talentflow.dll]
"""
import argparse, csv, json, math, os, subprocess, sys, zlib

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
COLS = ["resume", "job_description", "score"]


def ranks(values):
    order = sorted(range(len(values)), key=lambda i: values[i])
    r = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            r[order[k]] = (i + j) / 2.0 + 1
        i = j + 1
    return r


def pearson(x, y):
    n = len(x)
    mx, my = sum(x) / n, sum(y) / n
    sxy = sum((a - mx) * (b - my) for a, b in zip(x, y))
    sxx = sum((a - mx) ** 2 for a in x)
    syy = sum((b - my) ** 2 for b in y)
    return sxy / math.sqrt(sxx * syy) if sxx > 0 and syy > 0 else float("nan")


def write(path, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, COLS)
        w.writeheader()
        w.writerows({c: r[c] for c in COLS} for r in rows)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--data", default=os.path.join(ROOT, "..", "shared", "data"))
    ap.add_argument("--talentflow", default=os.path.join(ROOT, "src", "TalentFlow.Cli", "bin", "Release", "net10.0", "talentflow.dll"))
    ap.add_argument("--seed", type=int, default=0)
    a = ap.parse_args()
    csv.field_size_limit(sys.maxsize)
    with open(os.path.join(a.data, "vacancy_resume_ranking", "pairs.csv"), encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    cvs = sorted({r["cv_id"] for r in rows}, key=lambda c: (zlib.crc32(c.encode()), c))
    cv_fold = {c: i % 5 for i, c in enumerate(cvs)}
    vacancies = sorted({r["vacancy_number"] for r in rows})
    pooled = []
    for v in vacancies:
        for fold in range(5):
            cell = os.path.join(a.out, f"v{v}_cv{fold}")
            os.makedirs(cell, exist_ok=True)
            test = [r for r in rows if r["vacancy_number"] == v and cv_fold[r["cv_id"]] == fold]
            train = [r for r in rows if r["vacancy_number"] != v and cv_fold[r["cv_id"]] != fold]
            calibration_fold = (fold + 1) % 5
            fit = [r for r in train if cv_fold[r["cv_id"]] != calibration_fold]
            calibration = [r for r in train if cv_fold[r["cv_id"]] == calibration_fold]
            for name, part in (("fit", fit), ("calibration", calibration), ("test", test)):
                write(os.path.join(cell, f"{name}.csv"), part)
            predictions = os.path.join(cell, "predictions.csv")
            subprocess.run(["dotnet", a.talentflow, "train", "scorer", "--train", os.path.join(cell, "fit.csv"),
                            "--validation", os.path.join(cell, "calibration.csv"), "--test", os.path.join(cell, "test.csv"),
                            "--seed", str(a.seed), "--output", cell, "--predictions", predictions, "--json"],
                           check=True, stdout=subprocess.DEVNULL)
            with open(predictions, encoding="utf-8") as f:
                pooled.extend(dict({k: float(x) for k, x in r.items()}, vacancy=v) for r in csv.DictReader(f))
    human = [p["human"] for p in pooled]
    labels = [1.0 if h >= 0.5 else 0.0 for h in human]
    report = {"pairs": len(pooled), "cells": len(vacancies) * 5}
    for key in ("scorer", "baseline", "zero_shot", "projection_head", "job_prior"):
        values = [p[key] for p in pooled]
        report[f"{key}_pearson"] = round(pearson(values, human), 4)
        report[f"{key}_spearman"] = round(pearson(ranks(values), ranks(human)), 4)
        # Ranking the CVs of one vacancy is the task; pooled numbers also reward telling vacancies apart.
        within = []
        for v in vacancies:
            xs = [p[key] for p in pooled if p["vacancy"] == v]
            ys = [p["human"] for p in pooled if p["vacancy"] == v]
            rho = pearson(ranks(xs), ranks(ys))
            if not math.isnan(rho):
                within.append(rho)
        report[f"{key}_within_vacancy_spearman"] = round(sum(within) / len(within), 4) if within else None
    probability = [p["probability"] for p in pooled]
    report["calibrated_brier"] = round(sum((p - l) ** 2 for p, l in zip(probability, labels)) / len(labels), 4)
    report["calibrated_accuracy_at_0_5"] = round(sum((p >= 0.5) == (l == 1.0) for p, l in zip(probability, labels)) / len(labels), 4)
    report["positive_rate"] = round(sum(labels) / len(labels), 4)
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
