#!/usr/bin/python3
"""Cross-validation on a career TRAINING split only (scikit-learn) of the feature choices behind the career SVM
(src/TalentFlow.ML/README.md, "Career advisor"): career names as training texts, a headline block (TF-IDF of the first
n words, weight w), vocabulary size, class balancing, char n-grams. The test split is never read.

  python3 eng/ml/career_feature_cv.py --train $SPLITS/pdf_train.csv [--folds 3]

Prints one line per configuration: mean accuracy and macro-F1 over seeded stratified folds (seed 0).
"""
import argparse, re, warnings
import numpy as np, pandas as pd, scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import accuracy_score, f1_score
from sklearn.model_selection import StratifiedKFold
from sklearn.svm import LinearSVC

warnings.filterwarnings("ignore")


def head(text, n):
    return " ".join(re.findall(r"\w+", str(text).lower())[:n])


def fit_predict(tr_x, tr_y, te_x, c=1.0, names=True, words=0, weight=1.0, features=5000, balanced=True, char=0.0):
    tr_x, tr_y = list(tr_x), list(tr_y)
    if names:
        cats = sorted(set(tr_y))
        tr_x += [k.lower().replace("-", " ").replace("_", " ") for k in cats]
        tr_y += cats
    body = TfidfVectorizer(max_features=features, ngram_range=(1, 2), sublinear_tf=True, stop_words="english")
    blocks, test_blocks = [body.fit_transform(tr_x)], [body.transform(te_x)]
    if words:
        h = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, stop_words="english")
        blocks.append(weight * h.fit_transform([head(t, words) for t in tr_x]))
        test_blocks.append(weight * h.transform([head(t, words) for t in te_x]))
    if char:
        ch = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, max_features=20000)
        blocks.append(char * ch.fit_transform(tr_x))
        test_blocks.append(char * ch.transform(te_x))
    svm = LinearSVC(C=c, class_weight="balanced" if balanced else None)
    return svm.fit(sp.hstack(blocks).tocsr(), tr_y).predict(sp.hstack(test_blocks).tocsr())


CONFIGS = [
    dict(names=False), dict(), dict(words=5), dict(words=8), dict(words=3), dict(words=5, weight=1.5), dict(words=5, weight=2.0),
    dict(words=10, weight=0.5), dict(words=5, features=20000), dict(words=5, features=None), dict(words=5, balanced=False),
    dict(char=0.5),
]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--train", required=True)
    ap.add_argument("--folds", type=int, default=3)
    ap.add_argument("--c", type=float, default=1.0)
    a = ap.parse_args()
    tr = pd.read_csv(a.train, encoding="utf-8")
    folds = list(StratifiedKFold(a.folds, shuffle=True, random_state=0).split(tr, tr.Category))
    for cfg in CONFIGS:
        acc, f1 = [], []
        for i, j in folds:
            p = fit_predict(tr.Resume.iloc[i], tr.Category.iloc[i], tr.Resume.iloc[j], c=a.c, **cfg)
            acc.append(accuracy_score(tr.Category.iloc[j], p))
            f1.append(f1_score(tr.Category.iloc[j], p, average="macro"))
        print(f"{cfg or 'names'}: accuracy {np.mean(acc):.3f} macro-F1 {np.mean(f1):.3f}", flush=True)


if __name__ == "__main__":
    main()
