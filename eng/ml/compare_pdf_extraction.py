#!/usr/bin/python3
"""Measures how closely `talentflow extract` reproduces the reference text of the sample resume PDFs.

For each PDF in <data>/pdf_sample/<CATEGORY>_<ID>.pdf, runs the CLI and compares its output with the `Resume` column of the
row with that ID in <data>/resumes.csv (extracted with plain pdftotext). Whitespace runs are collapsed on both sides, then it
reports: files compared, files identical, mean and minimum difflib character ratio, mean share of output words found in
the reference. Prints numbers only, never text. Run from the repository root after a Release build:

  python3 eng/ml/compare_pdf_extraction.py [--data ../shared/data/resume_pdf_categories] \
      [--talentflow src/TalentFlow.Cli/bin/Release/net10.0/talentflow.dll]
"""
import argparse, csv, difflib, os, re, statistics, subprocess, sys

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=os.path.join(ROOT, "..", "shared", "data", "resume_pdf_categories"))
    ap.add_argument("--talentflow", default=os.path.join(ROOT, "src", "TalentFlow.Cli", "bin", "Release", "net10.0", "talentflow.dll"))
    a = ap.parse_args()
    csv.field_size_limit(sys.maxsize)
    with open(os.path.join(a.data, "resumes.csv"), encoding="utf-8", newline="") as f:
        ref = {r["ID"]: r["Resume"] for r in csv.DictReader(f)}
    norm = lambda s: re.sub(r"\s+", " ", s).strip()
    ratios, words, identical, failed = [], [], 0, 0
    folder = os.path.join(a.data, "pdf_sample")
    for name in sorted(os.listdir(folder)):
        rid = name.rsplit("_", 1)[1][:-4]
        run = subprocess.run(["dotnet", a.talentflow, "extract", os.path.join(folder, name)], capture_output=True, text=True)
        if run.returncode != 0 or rid not in ref:
            failed += 1
            continue
        got, want = norm(run.stdout), norm(ref[rid])
        ratios.append(difflib.SequenceMatcher(None, got, want, autojunk=False).ratio())
        vocab = set(want.split())
        words.append(sum(w in vocab for w in got.split()) / max(1, len(got.split())))
        identical += got == want
    print(f"files={len(ratios)} failed={failed} identical={identical} mean_char_ratio={statistics.mean(ratios):.4f} "
          f"min_char_ratio={min(ratios):.4f} mean_word_overlap={statistics.mean(words):.4f}")


if __name__ == "__main__":
    main()
