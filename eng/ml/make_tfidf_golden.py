#!/usr/bin/python3
"""Writes the TF-IDF golden file the C# vectorizer is tested against.

Fits scikit-learn's TfidfVectorizer on the committed fixture corpus (one document per line, blank lines are empty documents)
with the baseline's parameters, and once more with a small max_features so that the cut and its tie-breaking are exercised,
then writes the vocabulary, idf and transformed vectors as JSON.

Needs Debian's python3-sklearn (apt-get install -y python3-sklearn). Run from the repository root:

  /usr/bin/python3 eng/ml/make_tfidf_golden.py
"""
import json
import os

import numpy
import sklearn
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
TESTS = os.path.join(ROOT, "tests", "TalentFlow.ML.Tests")
CORPUS = os.path.join(TESTS, "Fixtures", "tfidf_corpus.txt")
OUT = os.path.join(TESTS, "Golden", "tfidf_golden.json")

CONFIGS = [
    {"name": "baseline", "max_features": 5000, "ngram_range": [1, 2]},
    {"name": "cut40", "max_features": 40, "ngram_range": [1, 2]},
    {"name": "unigram_cut15", "max_features": 15, "ngram_range": [1, 1]},
]


def main():
    with open(CORPUS, encoding="utf-8") as f:
        docs = f.read().split("\n")
    if docs and docs[-1] == "":
        docs.pop()
    out = {"sklearn": sklearn.__version__, "numpy": numpy.__version__, "documents": len(docs),
           "stop_words": sorted(ENGLISH_STOP_WORDS), "configs": []}
    for c in CONFIGS:
        vec = TfidfVectorizer(max_features=c["max_features"], ngram_range=tuple(c["ngram_range"]),
                              stop_words="english", lowercase=True)
        x = vec.fit_transform(docs).tocsr()
        x.sort_indices()
        rows = []
        for i in range(x.shape[0]):
            lo, hi = x.indptr[i], x.indptr[i + 1]
            rows.append({"indices": x.indices[lo:hi].tolist(), "values": [float(v) for v in x.data[lo:hi]]})
        out["configs"].append(dict(c, terms=vec.get_feature_names_out().tolist(),
                                   idf=[float(v) for v in vec.idf_], vectors=rows))
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump(out, f, ensure_ascii=False, indent=0)
        f.write("\n")
    print(f"wrote {os.path.relpath(OUT, ROOT)}: {len(docs)} documents, {len(CONFIGS)} configurations")


if __name__ == "__main__":
    main()
