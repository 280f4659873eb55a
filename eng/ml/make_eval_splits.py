#!/usr/bin/python3
"""Writes the train/test splits the numbers in src/TalentFlow.ML/README.md were measured on (outside the repository).

  python3 eng/ml/make_eval_splits.py --out DIR [--data ../shared/data]

career (files upd_*, pdf_*, pdfnofirst_*): distinct (Resume, Category) rows; per category, texts in crc32 order, every third
to test, so no text is on both sides; pdfnofirst drops each resume's first line. UpdatedResumeDataSet is read as Latin-1
(as the career anchor does), resumes.csv as UTF-8; all outputs are UTF-8 CSVs with Category,Resume.
match (pairs_train.csv, pairs_test.csv): vacancy_resume_ranking/pairs.csv split by crc32(cv_id) % 5 == 0 into test.
"""
import argparse, collections, csv, os, sys, zlib

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))


def career(src, encoding, out, drop_first=False):
    with open(src, encoding=encoding, newline="") as f:
        rows = sorted({(r["Resume"], r["Category"]) for r in csv.DictReader(f)})
    by = collections.defaultdict(list)
    for text, category in rows:
        by[category].append(text)
    train, test = [], []
    for category, texts in by.items():
        texts.sort(key=lambda t: zlib.crc32(t.encode("utf-8", "replace")))
        for i, text in enumerate(texts):
            if drop_first and "\n" in text.strip():
                text = text.split("\n", 1)[1]
            (test if i % 3 == 0 else train).append((category, text))
    for name, part in (("train", train), ("test", test)):
        with open(f"{out}_{name}.csv", "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f)
            w.writerow(["Category", "Resume"])
            w.writerows(part)
    print(f"{os.path.basename(out)}: {len(train)} train, {len(test)} test, {len(by)} categories")


def pairs(src, out_dir):
    with open(src, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    cols = ["resume", "job_description", "score"]
    bucket = lambda r: zlib.crc32(r["cv_id"].encode()) % 5
    # train/test for the anchors; fit/calibration split train again by CV (train scorer fits on one, calibrates on the other).
    for name, keep in (("train", lambda r: bucket(r) != 0), ("test", lambda r: bucket(r) == 0),
                       ("fit", lambda r: bucket(r) not in (0, 1)), ("calibration", lambda r: bucket(r) == 1)):
        part = [r for r in rows if keep(r)]
        with open(os.path.join(out_dir, f"pairs_{name}.csv"), "w", encoding="utf-8", newline="") as f:
            w = csv.DictWriter(f, cols)
            w.writeheader()
            w.writerows({c: r[c] for c in cols} for r in part)
        print(f"pairs_{name}: {len(part)} pairs")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--data", default=os.path.join(ROOT, "..", "shared", "data"))
    a = ap.parse_args()
    csv.field_size_limit(sys.maxsize)
    os.makedirs(a.out, exist_ok=True)
    career(os.path.join(a.data, "updated_resume_dataset", "UpdatedResumeDataSet.csv"), "latin-1", os.path.join(a.out, "upd"))
    pdf = os.path.join(a.data, "resume_pdf_categories", "resumes.csv")
    career(pdf, "utf-8", os.path.join(a.out, "pdf"))
    career(pdf, "utf-8", os.path.join(a.out, "pdfnofirst"), drop_first=True)
    pairs(os.path.join(a.data, "vacancy_resume_ranking", "pairs.csv"), a.out)


if __name__ == "__main__":
    main()
