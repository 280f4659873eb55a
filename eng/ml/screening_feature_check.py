#!/usr/bin/python3
"""Per-feature held-out AUC of the screening features, and logistic regression against gradient boosting on them.

  dotnet src/TalentFlow.Cli/bin/Release/net10.0/talentflow.dll train screening --resumes ../shared/data/resume_pdf_categories/resumes.csv \
      --occupations ../shared/data/onet_occupations_tech_skills --output /tmp/screening.json --dump-features /tmp/screening-pairs
  /usr/bin/python3 eng/ml/screening_feature_check.py /tmp/screening-pairs

Reads DIR/train.csv and DIR/test.csv (job, candidate, label and the features of every pair — numbers only, no text; training
occupations × training resumes, and held-out occupations × held-out resumes). Prints each feature's AUC, then the held-out
AUC of scikit-learn's LogisticRegression (standardised features) and HistGradientBoostingClassifier (seed 0): the check
behind "gradient boosting does not win" in the ML README.
"""
import sys

import pandas as pd
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score


def main(directory):
    train = pd.read_csv(f"{directory}/train.csv", dtype={"job": str, "candidate": str})
    test = pd.read_csv(f"{directory}/test.csv", dtype={"job": str, "candidate": str})
    features = [c for c in train.columns if c not in ("job", "candidate", "label")]
    for f in features:
        print(f"{f:24s} train AUC {roc_auc_score(train.label, train[f]):.3f}  held-out AUC {roc_auc_score(test.label, test[f]):.3f}")
    x, y, xt, yt = train[features].values, train.label.values, test[features].values, test.label.values
    mean, sd = x.mean(0), x.std(0) + 1e-9
    lr = LogisticRegression(C=1.0, max_iter=2000).fit((x - mean) / sd, y)
    print("logistic regression held-out AUC", round(roc_auc_score(yt, lr.predict_proba((xt - mean) / sd)[:, 1]), 4))
    gb = HistGradientBoostingClassifier(max_iter=300, learning_rate=0.05, random_state=0).fit(x, y)
    print("gradient boosting held-out AUC  ", round(roc_auc_score(yt, gb.predict_proba(xt)[:, 1]), 4))


if __name__ == "__main__":
    main(sys.argv[1])
