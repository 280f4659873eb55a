#!/usr/bin/python3
"""Leave-last-out split of the job-views data, for `talentflow eval recommend` and ../shared/anchors/content_rec_anchor.py.

For every applicant who viewed at least 3 distinct jobs, the job of their last view (by View.Start) is held out: it goes to
OUT/test.csv (Applicant.ID, Job.ID) and every view of that job by that applicant leaves OUT/data/Job_Views.csv, so the
held-out job is new to the user. Other applicants keep all their views. The catalog, positions of interest and work
histories are linked, not copied, from the source folder. Plain Python 3; writes only under OUT (keep it outside the repo).

  python3 eng/ml/make_views_split.py --data ../shared/data/job_views_interactions --out /some/tmp/views
"""
import argparse
import csv
import os


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    with open(os.path.join(a.data, "Job_Views.csv"), newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        header = reader.fieldnames
        rows = list(reader)
    by_user = {}
    for i, r in enumerate(rows):
        by_user.setdefault(r["Applicant.ID"], []).append(i)
    held = {}
    for user, idx in by_user.items():
        if len({rows[i]["Job.ID"] for i in idx}) < 3:
            continue
        last = max(idx, key=lambda i: (rows[i]["View.Start"], i))
        held[user] = rows[last]["Job.ID"]
    os.makedirs(os.path.join(a.out, "data"), exist_ok=True)
    with open(os.path.join(a.out, "test.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["Applicant.ID", "Job.ID"])
        for user in sorted(held, key=lambda u: int(u) if u.isdigit() else u):
            w.writerow([user, held[user]])
    kept = 0
    with open(os.path.join(a.out, "data", "Job_Views.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=header)
        w.writeheader()
        for r in rows:
            if held.get(r["Applicant.ID"]) == r["Job.ID"]:
                continue
            w.writerow(r)
            kept += 1
    for name in ("jobs_catalog.csv", "Positions_Of_Interest.csv", "Experience.csv"):
        target = os.path.join(a.out, "data", name)
        if os.path.lexists(target):
            os.remove(target)
        os.symlink(os.path.abspath(os.path.join(a.data, name)), target)
    print(f"{len(held)} held-out views, {kept} views kept, {len(by_user)} users")


if __name__ == "__main__":
    main()
