#!/usr/bin/python3
"""Writes the fine-tuning pairs of the "MiniLM fine-tuned" column in src/TalentFlow.ML/README.md (outside the repository).

  python3 eng/ml/make_tuning_pairs.py --splits SPLITS --out DIR [--data ../shared/data] [--seed 0]

SPLITS is make_eval_splits.py's folder. Only the TRAINING side of the resume-PDF career split is used, so no test resume is
ever seen in tuning: each resume of pdf_train.csv against O*NET occupations posted as jobs ("Title. Description"), score 1
when the occupation is mapped to the resume's category (src/TalentFlow.ML/Screening/category_occupations.tsv), else 0; one
positive and one negative per resume, drawn with a fixed seed (as ScreeningPairSets does). Inside pdf_train, resumes go to
validation.csv by crc32("tuned-val:" + text) % 6 == 0 and occupations by SOC group as ScreeningCorpus splits them (a
category's groups with g % 3 == 1 held out when it has more than one), so no resume and no occupation is on both sides.
A training resume whose first 200 characters occur in a test resume (pdf_test, pdfnofirst_test), or the reverse, is left
out: the data set holds a few near-duplicates. Then it checks every other evaluation's texts against the pairs and prints
the counts (each must be 0).
"""
import argparse, collections, csv, glob, os, random, re, sys, zlib

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))


def ws(text):
    return re.sub(r"\s+", " ", text).strip()


def read(path, column, **kw):
    with open(path, encoding=kw.pop("encoding", "utf-8"), newline="", **kw) as f:
        return [r[column] for r in csv.DictReader(f)]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--splits", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--data", default=os.path.join(ROOT, "..", "shared", "data"))
    ap.add_argument("--seed", type=int, default=0)
    a = ap.parse_args()
    csv.field_size_limit(sys.maxsize)
    os.makedirs(a.out, exist_ok=True)

    occupations = {}
    with open(os.path.join(a.data, "onet_occupations_tech_skills", "occupation_data.csv"), encoding="utf-8-sig", newline="") as f:
        for r in csv.DictReader(f, delimiter=";"):
            occupations[r["O*NET-SOC Code"]] = f'{r["Title"]}. {ws(r["Description"])}'
    mapping = collections.defaultdict(list)
    with open(os.path.join(ROOT, "src", "TalentFlow.ML", "Screening", "category_occupations.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            category, code = line.rstrip("\n").split("\t")[:2]
            mapping[category].append(code)
    jobs = {"train": [], "validation": []}
    for category, codes in mapping.items():
        groups = list(collections.OrderedDict((c[:7], [x for x in codes if x[:7] == c[:7]]) for c in codes).values())
        for g, group in enumerate(groups):
            for code in group:
                jobs["validation" if len(groups) > 1 and g % 3 == 1 else "train"].append((category, occupations[code]))

    with open(os.path.join(a.splits, "pdf_train.csv"), encoding="utf-8", newline="") as f:
        resumes = [(r["Category"].strip(), ws(r["Resume"])) for r in csv.DictReader(f) if r["Resume"].strip()]
    test = [ws(t) for name in ("pdf_test.csv", "pdfnofirst_test.csv") for t in read(os.path.join(a.splits, name), "Resume")]
    test_blob = "\n".join(test)
    near = lambda t: t[:200] in test_blob or any(x[:200] in t for x in test if len(x) >= 50)
    kept = [r for r in resumes if not near(r[1])]
    print(f"{len(resumes) - len(kept)} training resumes left out as near-duplicates of a test resume")

    rnd = random.Random(a.seed)
    side = lambda t: "validation" if zlib.crc32(("tuned-val:" + t).encode()) % 6 == 0 else "train"
    texts = set()
    for name in ("train", "validation"):
        by_category = collections.defaultdict(list)
        for category, text in jobs[name]:
            by_category[category].append(text)
        pairs = []
        for category, text in sorted(r for r in kept if side(r[1]) == name):
            if category not in by_category:
                continue
            pairs.append((text, rnd.choice(by_category[category]), 1))
            pairs.append((text, rnd.choice([t for c, t in jobs[name] if c != category]), 0))
        with open(os.path.join(a.out, f"{name}.csv"), "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f, quoting=csv.QUOTE_ALL)
            w.writerow(["resume", "job_description", "score"])
            w.writerows(pairs)
        texts |= {p[0] for p in pairs} | {p[1] for p in pairs}
        print(f"{name}.csv: {len(pairs)} pairs, {len({p[0] for p in pairs})} resumes, {len({p[1] for p in pairs})} occupations")

    # Leak check: no evaluation text of another row may be in the pairs (exactly, or by its first 200 characters).
    blob = "\n".join(texts)
    def check(name, items):
        items = [ws(t) for t in items if t and t.strip()]
        exact = sum(t in texts for t in items)
        opening = sum(t[:200] in blob for t in items if len(t) >= 50)
        print(f"check {name}: {len(items)} texts, {exact} in the pairs, {opening} whose first 200 characters are")
    for name in ("pdf_test", "pdfnofirst_test", "upd_train", "upd_test"):
        check(name, read(os.path.join(a.splits, f"{name}.csv"), "Resume"))
    for name in ("pairs_train", "pairs_test"):
        path = os.path.join(a.splits, f"{name}.csv")
        check(name, read(path, "resume") + read(path, "job_description"))
    vacancies = os.path.join(a.data, "vacancy_resume_ranking")
    check("vacancy CVs", read(os.path.join(vacancies, "cv_texts.csv"), "resume_text"))
    check("vacancies", read(os.path.join(vacancies, "vacancies.csv"), "job_description"))
    check("job catalog titles", read(os.path.join(a.data, "job_views_interactions", "jobs_catalog.csv"), "Title", errors="replace"))


if __name__ == "__main__":
    main()
